"""humaskit.text.train_screen: a screen learnt from a team's labels, on top of the lists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import humaskit.text as ht
from humaskit import DataNotFound, ParameterError, UnsupportedFile

# "zorg" is a made-up group no shipped list knows; "meresahkan" is no insult in the lists
HOSTILE = [
    "kaum zorg meresahkan warga",
    "zorg itu perusak kampung kita",
    "orang zorg tidak tahu diri, meresahkan",
    "usir saja orang zorg dari sini",
    "para zorg bikin rusuh terus",
    "dasar zorg tukang bikin onar",
]
NEUTRAL = [
    "jadwal vaksin di puskesmas besok pagi",
    "jalan di depan pasar rusak, mohon diperbaiki",
    "terima kasih atas pelayanannya",
    "kapan pendaftaran sekolah dibuka?",
    "festival budaya zorg digelar di alun-alun",
    "warga zorg ikut kerja bakti membersihkan selokan",
]
ABUSIVE = ["petugasnya goblok", "dasar tolol kalian", "bego banget sih", "anjir lelet"]


def _data(repeat: int = 4) -> tuple[list[str], pd.DataFrame]:
    texts = (HOSTILE + NEUTRAL + ABUSIVE) * repeat
    n_h, n_n, n_a = len(HOSTILE), len(NEUTRAL), len(ABUSIVE)
    labels = pd.DataFrame(
        {
            "intergroup": ([True] * n_h + [False] * (n_n + n_a)) * repeat,
            "abusive": ([False] * (n_h + n_n) + [True] * n_a) * repeat,
        }
    )
    return texts, labels


@pytest.fixture(scope="module")
def model():
    texts, labels = _data()
    return ht.train_screen(texts, labels)


def test_trained_screen_learns_a_group_the_lists_do_not_know(model):
    new = ["kaum zorg itu meresahkan", "pameran kerajinan zorg di balai kota"]
    rules = ht.screen(new)
    assert not rules["intergroup"].any()
    got = model.screen(new, lang="en")
    assert got["intergroup"].tolist() == [True, False]
    assert got["needs_review"].tolist() == [True, False]
    assert model.categories == ("intergroup", "abusive")


def test_same_columns_as_the_rules_and_screen_accepts_the_model(model):
    texts = ["kaum zorg meresahkan", "hubungi 0812-3456-7890 ya", None, "", 12]
    rules = ht.screen(texts)
    got = ht.screen(texts, model=model)
    assert list(got.columns) == list(rules.columns)
    assert got.dtypes.equals(rules.dtypes)
    assert got.index.equals(rules.index)
    # personal data stays with its patterns; bad input gives a row without flags
    assert got["personal_data"].tolist() == rules["personal_data"].tolist()
    assert not got.iloc[2:][list(ht.CATEGORIES)].to_numpy().any()


def test_reasons_name_the_lists_and_the_model_words(model):
    # (in these labels no zorg text is abusive, so each category gets a text of its own)
    r, a = model.screen(["orang zorg meresahkan", "dasar goblok kalian"], lang="en").iloc
    assert r["intergroup"] and a["abusive"]
    assert "model" in r["reasons"] and "%" in r["reasons"]
    assert "zorg" in r["reasons"]  # a word that weighed in the decision
    assert "goblok" in a["matched"]  # a list term that fired
    indo = model.screen(["orang zorg meresahkan"], lang="id").iloc[0]["reasons"]
    assert indo.startswith("Perlu ditinjau:") and "antargolongan" in indo


def test_untrained_categories_keep_the_rules(model):
    text = ["Viralkan sebelum dihapus!! info dari orang dalam"]
    assert model.screen(text)["hoax"].tolist() == ht.screen(text)["hoax"].tolist() == [True]
    same = ["jadwal pelayanan kantor kecamatan hari ini"]
    assert model.screen(same)["reasons"].tolist() == ht.screen(same)["reasons"].tolist()


def test_scores_are_probabilities(model):
    s = model.scores(["kaum zorg meresahkan", "jadwal posyandu"])
    assert list(s.columns) == ["intergroup", "abusive"]
    assert ((s >= 0) & (s <= 1)).all().all()
    assert s.loc[0, "intergroup"] > s.loc[1, "intergroup"]


def test_save_and_load(model, tmp_path):
    path = model.save(tmp_path / "models" / "screen.joblib")
    again = ht.load_screen_model(path)
    texts = ["kaum zorg meresahkan", "terima kasih"]
    pd.testing.assert_frame_equal(again.screen(texts), model.screen(texts))
    pd.testing.assert_frame_equal(ht.screen(texts, model=str(path)), model.screen(texts))
    with pytest.raises(DataNotFound):
        ht.load_screen_model(tmp_path / "missing.joblib")
    junk = tmp_path / "junk.joblib"
    junk.write_text("not a model")
    with pytest.raises(UnsupportedFile):
        ht.load_screen_model(junk, lang="en")
    sentiment = ht.train_sentiment(["bagus", "jelek"] * 4, ["positive", "negative"] * 4)
    with pytest.raises(UnsupportedFile):
        ht.load_screen_model(sentiment.save(tmp_path / "sentiment.joblib"))
    with pytest.raises(ParameterError, match="train_screen"):
        ht.screen(texts, model=42, lang="en")
    # a model file of the older format (other parts) is refused with a sentence, not a crash later
    import joblib

    old = joblib.load(path)
    old["format_version"] = 1
    joblib.dump(old, tmp_path / "old.joblib")
    with pytest.raises(UnsupportedFile, match="older humaskit"):
        ht.load_screen_model(tmp_path / "old.joblib", lang="en")


def test_labels_are_checked_with_one_sentence():
    texts, labels = _data(2)
    with pytest.raises(ParameterError, match="hate"):
        ht.train_screen(texts, {"hate": labels["abusive"]}, lang="en")
    with pytest.raises(ParameterError, match="table"):
        ht.train_screen(texts, labels["abusive"].tolist(), lang="en")
    with pytest.raises(ParameterError, match="only one value"):
        ht.train_screen(texts, {"abusive": [False] * len(texts)}, lang="en")
    with pytest.raises(ParameterError, match="rows 3"):
        bad = labels["abusive"].astype(object).copy()
        bad[3] = "mungkin"
        ht.train_screen(texts, {"abusive": bad}, lang="en")
    with pytest.raises(ParameterError, match="number of labels"):
        ht.train_screen(texts, {"abusive": [True, False]}, lang="en")
    with pytest.raises(ParameterError, match="threshold"):
        ht.train_screen(texts, labels, threshold=1.5, lang="en")
    # yes/no written as text or numbers works
    words = ["ya" if v else "tidak" for v in labels["abusive"]]
    assert ht.train_screen(texts, {"abusive": words}).categories == ("abusive",)
    assert ht.train_screen(texts, {"abusive": labels["abusive"].astype(int)}).categories == (
        "abusive",
    )


def test_cross_validation_reports_each_category_and_sara():
    texts, labels = _data(5)
    labels["sara_religion"] = np.tile([True, False], len(texts) // 2)  # noise, on purpose
    cv = ht.cross_validate_screen(texts, labels, folds=3, seed=0)
    assert cv["category"].tolist() == ["sara_religion", "intergroup", "abusive", "sara"]
    row = cv.set_index("category").loc["intergroup"]
    assert row["recall"] >= 0.9 and row["precision"] >= 0.9
    assert row["rules_recall"] < 0.5  # the lists alone do not know the group
    with pytest.raises(ParameterError):
        ht.cross_validate_screen(texts, labels, folds=1)


def test_thresholds_come_from_the_labels_and_sara_shares_one():
    texts, labels = _data(5)
    labels["sara_religion"] = labels["intergroup"] & (np.arange(len(texts)) % 2 == 0)
    m = ht.train_screen(texts, labels)
    thresholds = m.info["thresholds"]
    assert set(thresholds) == {"sara_religion", "intergroup", "abusive"}
    assert all(0 < v < 1 for v in thresholds.values())
    assert thresholds["sara_religion"] == thresholds["intergroup"]
    fixed = ht.train_screen(texts, labels, threshold=0.4)
    assert set(fixed.info["thresholds"].values()) == {0.4}
    with pytest.raises(ParameterError, match="recall"):
        ht.train_screen(texts, labels, recall=1.2, lang="en")
    with pytest.raises(ParameterError, match="threshold"):
        ht.cross_validate_screen(texts, labels, threshold=0, lang="en")


def test_choose_threshold_finds_the_recall_asked_with_the_best_f1():
    from humaskit.text.screen_model import _choose_threshold

    score = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])
    truth = np.array([1, 1, 0, 1, 0, 0, 1, 0], dtype=bool)
    # best F1 overall: the top four (3 of 4 found); at least all four: down to 0.3
    assert 0.5 < _choose_threshold(score, truth, 0.75) < 0.6
    assert 0.2 < _choose_threshold(score, truth, 1.0) < 0.3
    assert (score >= _choose_threshold(score, truth, 0.75)).sum() == 4


def test_cross_validation_by_fold():
    texts, labels = _data(5)
    cv = ht.cross_validate_screen(texts, labels, folds=3, seed=0, by_fold=True)
    assert cv.columns[0] == "fold"
    assert cv["fold"].tolist() == [1] * 3 + [2] * 3 + [3] * 3 + ["all"] * 3  # with "sara"
    pooled = ht.cross_validate_screen(texts, labels, folds=3, seed=0)
    got = cv[cv["fold"] == "all"].drop(columns="fold").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, pooled)


def test_word_pairs_feature():
    from humaskit.text.screen_model import word_pairs

    assert word_pairs("a b a") == ["a|b"]
    assert word_pairs("") == []
