"""humaskit.text.keywords and humaskit.text.issues."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import humaskit.text as ht
from humaskit import ParameterError, SchemaError


def test_keywords_counts_texts_and_finds_phrases():
    texts = ["Jalan rusak di depan pasar", "jalan rusak lagi min!!", "JALAN RUSAK parah", "banjir"]
    kw = ht.keywords(texts)
    assert list(kw.columns) == ["term", "words", "count", "share"]
    top = kw.iloc[0]
    assert top["term"] == "jalan rusak" and top["count"] == 3 and top["share"] == 0.75
    # "jalan" and "rusak" alone are covered by the phrase
    assert "jalan" not in set(kw["term"]) and "rusak" not in set(kw["term"])
    # a word repeated in one text counts once
    assert ht.keywords(["banjir banjir banjir", "banjir"]).loc[0, "count"] == 2


def test_keywords_leave_out_stopwords_negators_and_noise():
    texts = ["yang tidak ada di sini dan itu 123 👍 @budi https://x.co", "tidak yang dan"]
    assert ht.keywords(texts).empty
    kw = ht.keywords(["pemkot sukamaju tanggap", "pemkot sukamaju sigap"], stopwords=["sukamaju"])
    assert "sukamaju" not in " ".join(kw["term"])


def test_keywords_change_against_previous_period():
    now = ["jalan rusak parah", "jalan rusak lagi", "banjir di pasar", "banjir lagi"]
    before = ["banjir di pasar", "banjir lagi", "banjir terus", "lampu mati"]
    kw = ht.keywords(now, previous=before, sort="change")
    assert list(kw.columns)[-3:] == ["previous_count", "previous_share", "change"]
    assert kw.iloc[0]["term"] == "jalan rusak" and kw.iloc[0]["previous_count"] == 0
    banjir = kw.set_index("term").loc["banjir"]
    assert banjir["change"] == pytest.approx(0.5 - 0.75)
    assert kw["change"].is_monotonic_decreasing


def test_keywords_parameters():
    texts = ["jalan rusak parah sekali", "jalan rusak parah"]
    assert set(ht.keywords(texts, ngram=(2, 2))["words"]) == {2}
    assert ht.keywords(texts, ngram=(1, 3)).loc[0, "term"] == "jalan rusak parah"
    assert len(ht.keywords(texts, top=1)) == 1
    for bad in [
        dict(top=0),
        dict(ngram=(2, 1)),
        dict(ngram="12"),
        dict(sort="x"),
        dict(sort="change"),
        dict(stopwords="abc"),
    ]:
        with pytest.raises(ParameterError):
            ht.keywords(texts, **bad)


def test_keywords_bad_input_rows():
    kw = ht.keywords(pd.Series([None, np.nan, 5, "\ud800", "", "sampah menumpuk"] * 2))
    assert kw.loc[0, "term"] == "sampah menumpuk" and kw.loc[0, "count"] == 2


def _mentions(seed: int = 0) -> pd.DataFrame:
    """Seeded mentions about three issues over two months (WIB)."""
    rng = np.random.default_rng(seed)
    themes = {
        "jalan": ["jalan rusak", "jalan berlubang", "aspal jalan rusak", "lubang jalan"],
        "sampah": ["sampah menumpuk", "truk sampah telat", "sampah tidak diangkut"],
        "bansos": ["bansos belum cair", "pencairan bansos", "data bansos salah"],
    }
    tails = ["tolong min", "sudah seminggu", "di kelurahan kami", "mohon dicek", ""]
    rows = []
    for i in range(180):
        theme = ["jalan", "sampah", "bansos"][i % 3]
        text = f"{rng.choice(themes[theme])} {rng.choice(tails)} hub 081234567890 @warga{i}"
        day = pd.Timestamp("2025-08-01", tz="Asia/Jakarta") + pd.Timedelta(days=int(i % 60))
        rows.append((f"m{i}", theme, text, day.tz_convert("UTC")))
    return pd.DataFrame(rows, columns=["mention_id", "theme", "text", "created_at"])


def test_issues_group_mentions():
    m = _mentions()
    out = ht.issues(m, n=3)
    assert list(out.columns) == [
        "issue",
        "label",
        "terms",
        "size",
        "share",
        "positive",
        "neutral",
        "negative",
        "first_seen",
        "last_seen",
        "examples",
        "example_text",
    ]
    assert out["issue"].tolist() == [1, 2, 3]
    assert out["size"].sum() == len(m) and out["size"].is_monotonic_decreasing
    theme_of = m.set_index("mention_id")["theme"]
    for _, row in out.iterrows():
        themes = {theme_of[i] for i in row["examples"].split(", ")}
        assert len(themes) == 1  # examples of one issue share its theme
        assert next(iter(themes)) in row["label"] + " " + row["terms"]
        assert row[["positive", "neutral", "negative"]].sum() == pytest.approx(1)
    # personal data and handles are masked in the example text
    assert not out["example_text"].str.contains("081234567890").any()
    assert not out["example_text"].str.contains("@warga").any()


def test_issues_leave_chatter_out_and_label_with_phrases():
    # 90 chatter mentions mixing everyday words must not swell an issue, and no
    # label repeats a word ("jalan jalan") or shows a word its phrase already carries
    m = _mentions()
    rng = np.random.default_rng(1)
    pool = (
        "cuaca panas hari ini mantap keren semangat pagi siang malam kopi hujan libur "
        "minggu makan enak lapar capek tidur nonton bola musik lagu foto bagus lucu"
    ).split()
    chatter = pd.DataFrame(
        {
            "mention_id": [f"c{i}" for i in range(90)],
            "theme": "chatter",
            "text": [" ".join(rng.choice(pool, 3, replace=False)) for _ in range(90)],
            "created_at": m["created_at"].iloc[:90].to_numpy(),
        }
    )
    out = ht.issues(pd.concat([m, chatter]), n=3)
    assert out["size"].tolist() == [60, 60, 60]
    assert out["share"].sum() < 0.9  # the chatter is in no issue
    assert not out["examples"].str.contains("c").any()
    same = ht.keywords(["jalan jalan sore di taman kota"] * 3 + ["jalan jalan pagi"] * 2)
    assert "jalan jalan" not in set(same["term"])
    for terms in out["terms"].str.split(", "):
        words = [x for x in terms if " " not in x]
        phrases = [x for x in terms if " " in x]
        assert not any(w in p.split() for w in words for p in phrases)


def test_issues_period_filter():
    m = _mentions()
    aug = ht.issues(m, period="2025-08", n=3)
    assert aug["size"].sum() == 93  # 31 days x 3 mentions
    assert (aug["last_seen"] < pd.Timestamp("2025-08-31 17:00", tz="UTC")).all()
    last = ht.issues(m, period="terakhir", n=3)
    assert last["size"].sum() == len(m) - 93
    days = ht.issues(m, period=("2025-08-01", "2025-08-10"), n=3)
    assert days["size"].sum() == 30
    empty = ht.issues(m, period="2024-01")
    assert empty.empty and "label" in empty.columns


def test_issues_input_checks():
    m = _mentions()
    with pytest.raises(SchemaError):
        ht.issues(m.drop(columns="text"))
    with pytest.raises(SchemaError):
        ht.issues(m.drop(columns="created_at"), period="2025-08")
    with pytest.raises(ParameterError):
        ht.issues(m, period="bulan lalu")
    with pytest.raises(ParameterError):
        ht.issues(m["text"])
    with pytest.raises(ParameterError):
        ht.issues(m, n=0)


def test_issues_without_ids_or_times_and_with_bad_texts():
    texts = [
        "jalan rusak parah",
        "jalan rusak lagi",
        None,
        "",
        42,
        "\ud800",
        "lampu mati",
        "lampu mati lagi",
    ]
    out = ht.issues(pd.DataFrame({"text": texts}), n=5)
    assert out["size"].sum() == 4
    assert out["first_seen"].isna().all()
    assert set(", ".join(out["examples"]).split(", ")) <= {"0", "1", "6", "7"}


def test_keywords_show_a_longer_phrase_that_carries_a_shorter_one():
    texts = ["urus identitas kependudukan digital di kelurahan"] * 4 + [
        "identitas kependudukan digital belum jalan"
    ] * 2
    terms = ht.keywords(texts)["term"].tolist()
    assert "identitas kependudukan digital" in terms
    assert "identitas kependudukan" not in terms and "kependudukan digital" not in terms
    # an explicit ngram is taken as asked
    assert set(ht.keywords(texts, ngram=(1, 2))["words"]) == {1, 2}


def test_issues_keep_a_dominant_or_copied_complaint():
    # 70% of the month about one flood is the main issue, not a word "too common" to use
    flood = ["banjir di rawasari parah"] * 70 + ["sampah numpuk di pasar"] * 30
    out = ht.issues(pd.DataFrame({"text": flood}), n=5)
    assert out["size"].tolist() == [70, 30] and "banjir" in out.loc[0, "label"]
    # everyone copying one complaint is one issue with a label, not none
    copied = ht.issues(pd.DataFrame({"text": ["jalan rusak parah"] * 50}), n=5)
    assert copied["size"].tolist() == [50] and "jalan rusak" in copied.loc[0, "label"]
    # fewer distinct terms than groups asked for: no error
    few = ht.issues(pd.DataFrame({"text": ["jalan rusak", "rusak jalan", "jalan"] * 10}), n=8)
    assert few["size"].sum() <= 30 and len(few) >= 1
    assert ht.issues(pd.DataFrame({"text": ["jalan rusak"]}))["label"].tolist() == ["jalan rusak"]
