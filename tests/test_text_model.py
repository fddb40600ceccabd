"""humaskit.text.train_sentiment, SentimentModel, evaluate and the transformers backend."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import humaskit.text as ht
from humaskit import DataNotFound, ParameterError, UnsupportedFile


def _labelled(n: int, seed: int) -> tuple[list[str], list[str]]:
    """Synthetic labelled mentions in a team's own style (seeded)."""
    rng = np.random.default_rng(seed)
    places = ["kantor camat", "loket samsat", "puskesmas", "dinas", "kelurahan", "posyandu"]
    pos = ["cepat banget", "petugas ramah", "sangat membantu", "mantap min", "pelayanan oke"]
    neg = ["lama banget antrenya", "petugas jutek", "dipersulit terus", "pungli lagi", "ribet"]
    neu = ["jam berapa buka", "syaratnya apa saja", "besok libur tidak", "alamatnya di mana"]
    texts, labels = [], []
    for _ in range(n):
        k = rng.integers(0, 3)
        place = rng.choice(places)
        words = (pos, neg, neu)[k]
        texts.append(f"{place} {rng.choice(words)} {rng.choice(['', 'min', 'kak', '!!'])}")
        labels.append(("positive", "negative", "neutral")[k])
    return texts, labels


@pytest.fixture(scope="module")
def trained():
    texts, labels = _labelled(240, seed=1)
    return ht.train_sentiment(texts, labels)


def test_predict_like_sentiment(trained):
    texts, labels = _labelled(90, seed=2)
    s = pd.Series(texts, index=range(100, 190))
    out = trained.predict(s)
    assert list(out.columns) == ["label", "score"] and list(out.index) == list(s.index)
    assert str(out["label"].dtype) == "str"
    assert out["score"].between(-1, 1).all()
    pd.testing.assert_frame_equal(ht.sentiment(s, model=trained), out)
    pd.testing.assert_frame_equal(ht.sentiment(s, model=trained, backend="model"), out)
    assert trained.labels == ("positive", "neutral", "negative")


def test_evaluate_on_unseen_texts(trained):
    texts, labels = _labelled(150, seed=3)
    ev = trained.evaluate(texts, labels)
    assert ev.macro_f1 > 0.9
    assert int(ev.confusion.to_numpy().sum()) == 150
    assert set(ev.per_label["label"]) == {"positive", "neutral", "negative"}
    assert "macro_f1" in repr(ev)


def test_empty_and_bad_texts_get_neutral(trained):
    out = trained.predict([None, "", 123, "\ud800"])
    assert out["label"].iloc[[0, 1, 3]].eq("neutral").all()
    assert out.loc[0, "score"] == 0


def test_save_and_load(tmp_path, trained):
    texts, _ = _labelled(30, seed=4)
    path = trained.save(tmp_path / "sub" / "model.joblib")
    loaded = ht.load_model(path)
    pd.testing.assert_frame_equal(loaded.predict(texts), trained.predict(texts))
    pd.testing.assert_frame_equal(ht.sentiment(texts, model=path), trained.predict(texts))
    with pytest.raises(DataNotFound):
        ht.load_model(tmp_path / "missing.joblib")
    junk = tmp_path / "junk.joblib"
    junk.write_text("not a model")
    with pytest.raises(UnsupportedFile):
        ht.load_model(junk)


def test_training_input_is_checked():
    with pytest.raises(ParameterError, match="3"):
        ht.train_sentiment(["a", "b", "c"], ["positive", "negative"])
    with pytest.raises(ParameterError):
        ht.train_sentiment(["a", "b"], ["positive", None])
    with pytest.raises(ParameterError):
        ht.train_sentiment(["a", "b"], ["positive", "positive"])
    with pytest.raises(ParameterError):
        ht.sentiment(["a"], model=42)


def test_own_labels_work():
    texts = ["jalan rusak", "lampu mati", "kapan buka", "syarat apa", "terima kasih", "mantap"] * 4
    labels = ["keluhan", "keluhan", "pertanyaan", "pertanyaan", "apresiasi", "apresiasi"] * 4
    m = ht.train_sentiment(texts, labels)
    assert set(m.labels) == {"keluhan", "pertanyaan", "apresiasi"}
    assert m.predict(["jalannya rusak"])["label"].iloc[0] == "keluhan"


def test_cross_validation():
    texts, labels = _labelled(150, seed=5)
    cv = ht.cross_validate_sentiment(texts, labels, folds=3)
    assert len(cv) == 3 and cv["n_test"].sum() == 150
    assert cv["macro_f1"].mean() > 0.85
    with pytest.raises(ParameterError):
        ht.cross_validate_sentiment(texts, labels, folds=1)


def test_evaluate_matches_scikit_learn():
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(9)
    labs = np.array(["positive", "neutral", "negative"])
    truth = rng.choice(labs, 200)
    pred = np.where(rng.random(200) < 0.7, truth, rng.choice(labs, 200))
    ev = ht.evaluate(pred, truth)
    assert ev.macro_f1 == pytest.approx(f1_score(truth, pred, average="macro"))
    assert ev.accuracy == pytest.approx(float((truth == pred).mean()))
    assert ev.confusion.loc["positive", "positive"] == int(
        ((truth == "positive") & (pred == "positive")).sum()
    )


# --------------------------------------------------------------- transformers


def _tiny_model(folder):
    """A randomly initialised, very small BERT classifier saved to ``folder``."""
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("torch")
    words = ["jalan", "rusak", "bagus", "pelayanan", "cepat", "lambat", "min", "ramah"]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=8,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=16,
        max_position_embeddings=64,
        num_labels=3,
        id2label={0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
        label2id={"LABEL_0": 0, "LABEL_1": 1, "LABEL_2": 2},
    )
    import torch

    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_transformers_backend_plumbing(tmp_path):
    folder = _tiny_model(tmp_path)
    mapping = {"LABEL_0": "negative", "LABEL_1": "neutral", "LABEL_2": "positive"}
    texts = pd.Series(["jalan rusak", "", None, "pelayanan cepat ramah " * 40], index=[5, 6, 7, 8])
    out = ht.sentiment(texts, backend="transformers", model=str(folder), labels=mapping)
    assert list(out.index) == [5, 6, 7, 8]
    assert set(out["label"]) <= {"positive", "neutral", "negative"}
    assert out.loc[6, "label"] == "neutral" and out.loc[6, "score"] == 0
    assert out["score"].between(-1, 1).all()
    with pytest.raises(ParameterError, match="LABEL_"):
        ht.sentiment(["jalan rusak"], backend="transformers", model=str(folder))


def test_transformers_backend_errors(tmp_path):
    with pytest.raises(ParameterError):
        ht.sentiment(["x"], backend="transformers")
    with pytest.raises(ParameterError):
        ht.sentiment(["x"], backend="transformers", model="m", labels={"A": "good"})


def test_transformers_backend_with_a_ready_pipeline():
    """A callable with the pipeline's shape works without transformers installed."""

    def fake(batch, **kwargs):
        return [
            [{"label": "positive", "score": 0.8}, {"label": "negative", "score": 0.2}]
            if "bagus" in text
            else [{"label": "negative", "score": 0.9}, {"label": "positive", "score": 0.1}]
            for text in batch
        ]

    out = ht.sentiment(["bagus", "jelek", ""], backend="transformers", model=fake)
    assert out["label"].tolist() == ["positive", "negative", "neutral"]
    assert out["score"].round(2).tolist() == [0.6, -0.8, 0.0]
