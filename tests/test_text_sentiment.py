"""humaskit.text.sentiment with the default lexicon backend."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import humaskit.text as ht
from humaskit import ParameterError

BAD_VALUES = [None, np.nan, pd.NA, "", "   ", 12345, 3.5, b"bytes \xff", "\ud800", "x\udfff y"]


def labels(texts, **kw):
    return ht.sentiment(texts, **kw)["label"].tolist()


def score(text, **kw):
    return float(ht.sentiment([text], **kw)["score"].iloc[0])


def test_output_shape_and_alignment():
    s = pd.Series(["pelayanan cepat", "antre lama", "jadwal buka"], index=["a", "b", "c"])
    out = ht.sentiment(s)
    assert list(out.columns) == ["label", "score"]
    assert list(out.index) == ["a", "b", "c"]
    assert str(out["label"].dtype) == "str"
    assert set(out["label"]) <= {"positive", "neutral", "negative"}
    assert out["score"].between(-1, 1).all()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pelayanannya cepat dan petugasnya ramah", "positive"),
        ("Terima kasih min, sudah diperbaiki 👍", "positive"),
        ("Mantul, gercep banget timnya", "positive"),
        ("Ada pungli di loket, ribet dan lambat", "negative"),
        ("Jalan rusak parah, sudah berbulan-bulan mangkrak", "negative"),
        ("udah 3 hari lampu jalan mati gak ada yg respon", "negative"),
        ("Kecewa, petugasnya jutek 😡", "negative"),
        ("Jam berapa kantor kecamatan buka?", "neutral"),
        ("Pendaftaran dibuka tanggal 5 Mei di kantor kelurahan", "neutral"),
    ],
)
def test_clear_cases(text, expected):
    assert labels([text]) == [expected]


def test_negation_turns_words_around():
    assert score("petugasnya ramah") > 0 > score("petugasnya tidak ramah")
    assert score("petugasnya gak ramah") < 0  # slang negator
    assert score("pelayanannya lambat") < 0 < score("pelayanannya tidak lambat")
    # a negated negative word is only mildly positive
    assert abs(score("tidak lambat")) < abs(score("lambat"))
    # negation stops at the end of a clause
    assert score("tidak, pelayanannya ramah") > 0


def test_negator_alone_in_a_complaint_is_negative():
    assert score("sampai sekarang belum diperbaiki") < 0
    assert score("tidak ada respon dari petugas") < 0


def test_phrases_that_look_negative():
    assert labels(["tidak apa-apa kok"]) == ["positive"]
    assert labels(["gak sabar nunggu acaranya"]) == ["positive"]
    assert score("tidak hanya cepat tapi juga ramah") > 0


def test_boosters_and_softeners():
    assert score("ramah sekali") > score("ramah") > score("agak ramah") > 0
    assert score("sangat lambat") < score("lambat") < 0
    assert score("lambat banget") < score("lambat")


def test_contrast_weighs_the_clause_after_tapi():
    assert score("tempatnya bagus tapi pelayanannya lambat") < 0
    assert score("pelayanannya lambat tapi petugasnya sangat ramah") > 0
    assert score("walaupun antre lama, petugasnya ramah dan cepat") > 0


def test_emoji_polarity():
    assert labels(["👍👍"]) == ["positive"]
    assert labels(["😡"]) == ["negative"]


def test_nothing_matched_is_neutral_with_zero_score():
    out = ht.sentiment(["rapat koordinasi hari senin", "xyzzy qwerty"])
    assert out["label"].tolist() == ["neutral", "neutral"]
    assert (out["score"] == 0).all()


def test_bad_input_gives_neutral_rows():
    values = [*BAD_VALUES, "bagus " * 20000, "你好 مرحبا Привет"]
    out = ht.sentiment(pd.Series(values, dtype=object))
    assert len(out) == len(values)
    assert out["label"].iloc[: len(BAD_VALUES)].eq("neutral").all()
    assert out["score"].iloc[: len(BAD_VALUES)].eq(0).all()
    assert out["label"].iloc[len(BAD_VALUES)] == "positive"
    assert out["label"].iloc[-1] == "neutral"


def test_extra_lexicon_entries():
    assert labels(["acaranya gayeng"]) == ["neutral"]
    assert labels(["acaranya gayeng"], lexicon={"gayeng": 2}) == ["positive"]
    table = pd.DataFrame({"term": ["banjir rob"], "score": [-2]})
    assert labels(["ada banjir rob"], lexicon=table) == ["negative"]
    assert labels(["ada banjir rob"], lexicon=pd.Series({"banjir rob": -2})) == ["negative"]
    with pytest.raises(ParameterError):
        ht.sentiment(["x"], lexicon={"gayeng": "bagus"})
    with pytest.raises(ParameterError):
        ht.sentiment(["x"], lexicon=["gayeng"])


def test_unknown_backend():
    with pytest.raises(ParameterError, match="magic"):
        ht.sentiment(["x"], backend="magic")


def test_synthetic_reviews_are_mostly_right():
    """Seeded synthetic comments built from public-service words: the rules get them."""
    rng = np.random.default_rng(11)
    subjects = ["pelayanan di kantor", "petugas loket", "jalan di desa kami", "aplikasinya"]
    good = ["cepat", "ramah", "bersih", "sangat membantu", "mantap", "tanggap"]
    bad = ["lambat", "ribet", "kotor", "rusak parah", "mengecewakan", "jutek"]
    rows, truth = [], []
    for _ in range(300):
        kind = rng.integers(0, 4)
        subj = rng.choice(subjects)
        if kind == 0:
            rows.append(f"{subj} {rng.choice(good)}")
            truth.append("positive")
        elif kind == 1:
            rows.append(f"{subj} {rng.choice(bad)}")
            truth.append("negative")
        elif kind == 2:
            rows.append(f"{subj} tidak {rng.choice(['cepat', 'ramah', 'bersih'])}")
            truth.append("negative")
        else:
            rows.append(f"{subj} {rng.choice(bad)} tapi sekarang {rng.choice(good)} sekali")
            truth.append("positive")
    pred = labels(rows)
    accuracy = np.mean(np.array(pred) == np.array(truth))
    assert accuracy > 0.95


def test_sarcastic_praise_about_a_problem_reads_negative():
    r = ht.sentiment(
        [
            "Wah hebat ya, jalan rusak dibiarkan setahun 👏👏",
            "Selamat ya pak, pungli makin merajalela",
            # sincere: another positive word, or no problem named
            "Terima kasih, jalan rusak sudah diperbaiki, mantap",
            "Pelayanan cepat, mantap",
        ]
    )
    assert r["label"].tolist() == ["negative", "negative", "positive", "positive"]
    # without the praise the complaint is negative too; the praise must not soften it
    plain = ht.sentiment(["jalan rusak dibiarkan setahun"])["score"].iloc[0]
    assert r["score"].iloc[0] <= plain
