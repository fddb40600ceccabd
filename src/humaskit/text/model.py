"""Sentiment models trained on a team's own labelled mentions, and the transformers backend.

:func:`train_sentiment` fits TF-IDF features of words (1-2 grams) and characters
(2-5 grams, robust to typos and slang) of the normalised texts, plus the rule-based
lexicon scores of :mod:`humaskit.text.polarity`, with a class-balanced logistic
regression (scikit-learn, loaded on first use). The lexicon features let a model
trained on a few hundred labelled mentions start from what the lexicon knows
(``start="lexicon"``, the default); ``start="zero"`` leaves them out, to measure what
the lexicon adds (see ``bench/bench_labelling.py``).

Model files
-----------
:meth:`SentimentModel.save` writes one file (``joblib``, compressed) holding the fitted
pipeline, its labels and the versions it was made with; :func:`load_model` reads it
back. Saving and loading model files happens here (a model artefact, not a data
table; tables go through :mod:`humaskit.io`). Like any pickle, a model file can run
code when loaded: only load model files your team made or trusts.

Examples
--------
>>> texts = ["pelayanan cepat", "petugas ramah", "antre lama", "jalan rusak",
...          "jadwal buka jam 8", "syarat ktp apa"] * 5
>>> labels = ["positive", "positive", "negative", "negative", "neutral", "neutral"] * 5
>>> m = train_sentiment(texts, labels)
>>> m.predict(["petugasnya ramah sekali", "jalannya rusak parah"])["label"].tolist()
['positive', 'negative']
>>> round(m.evaluate(texts, labels).macro_f1, 2)
1.0
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataNotFound, ParameterError
from ..i18n import t
from ._modelfile import load_payload, save_payload
from .polarity import LABELS
from .tokens import as_texts, to_arrow, tokenize

__all__ = [
    "SentimentModel",
    "Evaluation",
    "train_sentiment",
    "load_model",
    "evaluate",
    "cross_validate_sentiment",
    "as_model",
    "transformers_sentiment",
]

_FORMAT = "humaskit.text.SentimentModel"
_FORMAT_VERSION = 1


# ------------------------------------------------------------------ evaluation


@dataclass
class Evaluation:
    """How well predicted labels match the expected ones.

    Attributes
    ----------
    macro_f1 : float
        Mean of the F1 of each label (each label counts the same, however rare).
    accuracy : float
        Share of texts labelled right.
    per_label : DataFrame
        ``label, precision, recall, f1, support``.
    confusion : DataFrame
        Counts: rows are the expected labels, columns the predicted ones.
    """

    macro_f1: float
    accuracy: float
    per_label: pd.DataFrame
    confusion: pd.DataFrame

    def __repr__(self) -> str:
        return (
            f"Evaluation(macro_f1={self.macro_f1:.3f}, accuracy={self.accuracy:.3f}, "
            f"n={int(self.per_label['support'].sum())})"
        )


def _clean_labels(labels: object, n: int, lang: str | None) -> np.ndarray:
    s = as_texts(labels, name="labels", lang=lang)
    if len(s) != n:
        raise ParameterError(t("text.labels_length", lang, n_labels=len(s), n_texts=n))
    missing = s.isna().to_numpy()
    if missing.any():
        raise ParameterError(
            t("text.labels_missing", lang, rows=", ".join(str(i) for i in s.index[missing][:5]))
        )
    return np.array([str(x).strip() for x in s], dtype=object)


def evaluate(predicted: object, expected: object, *, lang: str | None = None) -> Evaluation:
    """Compare predicted labels with expected ones: macro-F1, accuracy, confusion table.

    Works for any labels (not only positive/neutral/negative); scikit-learn is not needed.

    Examples
    --------
    >>> ev = evaluate(["positive", "negative", "neutral", "negative"],
    ...               ["positive", "negative", "negative", "negative"])
    >>> round(ev.macro_f1, 3), ev.confusion.loc["negative", "neutral"]
    (0.6, np.int64(1))
    """
    exp = _clean_labels(expected, len(as_texts(predicted, name="predicted")), lang)
    pred = _clean_labels(predicted, len(exp), lang)
    order = [x for x in LABELS if x in set(exp) | set(pred)]
    order += sorted((set(exp) | set(pred)) - set(order))
    confusion = pd.crosstab(
        pd.Categorical(exp, categories=order),
        pd.Categorical(pred, categories=order),
        dropna=False,
    )
    confusion.index.name, confusion.columns.name = "expected", "predicted"
    rows = []
    for lab in order:
        tp = int(confusion.loc[lab, lab])
        n_pred = int(confusion[lab].sum())
        n_true = int(confusion.loc[lab].sum())
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_true if n_true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((lab, precision, recall, f1, n_true))
    per_label = pd.DataFrame(rows, columns=["label", "precision", "recall", "f1", "support"])
    per_label["label"] = per_label["label"].astype("str")
    # like scikit-learn: every label seen in either list counts
    macro = float(per_label["f1"].mean()) if len(per_label) else 0.0
    accuracy = float((exp == pred).mean()) if len(exp) else 0.0
    return Evaluation(macro, accuracy, per_label, confusion)


# ------------------------------------------------------------------ the model


class SentimentModel:
    """A sentiment classifier trained with :func:`train_sentiment`.

    Use :meth:`predict` (same output as :func:`humaskit.text.sentiment`),
    :meth:`evaluate`, :meth:`save`; ``humaskit.text.sentiment(texts, model=m)`` works too.
    """

    def __init__(self, pipeline: object, labels: tuple[str, ...], info: dict | None = None):
        self.pipeline = pipeline
        self.labels = tuple(labels)
        self.info = dict(info or {})

    def __repr__(self) -> str:
        n = self.info.get("n_train", "?")
        return f"SentimentModel(labels={list(self.labels)}, n_train={n})"

    def _prepared(self, texts: object) -> tuple[pd.Series, list[str]]:
        s = as_texts(texts)
        tok = tokenize(to_arrow(s))
        return s, tok.texts().to_pylist()

    def predict_proba(self, texts: object) -> pd.DataFrame:
        """Probability of each label for each text (columns = labels)."""
        s, prepared = self._prepared(texts)
        if not prepared:
            return pd.DataFrame(columns=list(self.labels), index=s.index, dtype=float)
        proba = self.pipeline.predict_proba(prepared)
        classes = [str(c) for c in self.pipeline.classes_]
        return pd.DataFrame(proba, columns=classes, index=s.index)[list(self.labels)]

    def predict(self, texts: object) -> pd.DataFrame:
        """Label texts; returns ``label`` and ``score`` like :func:`humaskit.text.sentiment`.

        ``score`` is P(positive) - P(negative) when the model knows those labels,
        else the probability of the chosen label. Empty texts get ``neutral`` (when
        the model knows it) and score 0.
        """
        s, prepared = self._prepared(texts)
        if not prepared:
            return pd.DataFrame(
                {"label": pd.array([], dtype="str"), "score": np.zeros(0)}, index=s.index
            )
        proba = self.pipeline.predict_proba(prepared)
        classes = np.array([str(c) for c in self.pipeline.classes_], dtype=object)
        label = classes[proba.argmax(axis=1)]
        idx = {c: i for i, c in enumerate(classes)}
        if "positive" in idx and "negative" in idx:
            score = proba[:, idx["positive"]] - proba[:, idx["negative"]]
        else:
            score = proba.max(axis=1)
        empty = np.array([not x.strip() for x in prepared], dtype=bool)
        if empty.any():
            if "neutral" in idx:
                label[empty] = "neutral"
            score[empty] = 0.0
        return pd.DataFrame(
            {"label": pd.array(label, dtype="str"), "score": score.astype(float)},
            index=s.index,
        )

    def evaluate(self, texts: object, labels: object, *, lang: str | None = None) -> Evaluation:
        """Macro-F1, accuracy, per-label figures and confusion table on labelled texts."""
        s = as_texts(texts, lang=lang)
        expected = _clean_labels(labels, len(s), lang)
        return evaluate(self.predict(s)["label"].to_numpy(dtype=object), expected, lang=lang)

    def save(self, path: str | Path) -> Path:
        """Write the model to one file (see the module notes on model files)."""
        parts = {"labels": list(self.labels), "info": self.info, "pipeline": self.pipeline}
        return save_payload(path, _FORMAT, _FORMAT_VERSION, parts)


#: How :func:`train_sentiment` can start: from the shipped lexicon's knowledge or from zero.
STARTS = ("lexicon", "zero")


def _pipeline(C: float, seed: int, start: str = "lexicon"):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    from ._sklearn import LexiconFeatures

    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    analyzer="word",
                    ngram_range=(1, 2),
                    token_pattern=r"(?u)[^\s.,]+",
                    sublinear_tf=True,
                    lowercase=False,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    sublinear_tf=True,
                    min_df=2,
                    lowercase=False,
                ),
            ),
        ]
        + ([("lexicon", LexiconFeatures())] if start == "lexicon" else [])
    )
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=seed)
    return Pipeline([("features", features), ("model", clf)])


def _fit(pipe, x, y) -> None:
    """Fit with one BLAS thread: many threads on a busy laptop make lbfgs far slower."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        pipe.fit(x, y)


def _training_data(texts, labels, lang):
    s = as_texts(texts, lang=lang)
    y = _clean_labels(labels, len(s), lang)
    classes, counts = np.unique(y, return_counts=True)
    if len(classes) < 2:
        raise ParameterError(t("text.labels_one_class", lang))
    tok = tokenize(to_arrow(s))
    return tok.texts().to_pylist(), y, dict(zip(classes.tolist(), counts.tolist(), strict=True))


def train_sentiment(
    texts: object,
    labels: object,
    *,
    C: float = 4.0,
    seed: int = 0,
    start: str = "lexicon",
    lang: str | None = None,
) -> SentimentModel:
    """Train a sentiment model on a team's own labelled texts.

    Parameters
    ----------
    texts : Series, list of str, or DataFrame with a ``text`` column
        Labelled mentions or comments (a few hundred already help).
    labels : Series or list of str
        One label per text, e.g. ``positive``/``neutral``/``negative`` (any labels of
        your own work too, such as ``keluhan``/``pertanyaan``/``apresiasi``). Missing
        labels are an error: drop or label those rows first.
    C : float
        Inverse regularisation strength of the logistic regression.
    seed : int
        Random seed (results are reproducible).
    start : {"lexicon", "zero"}
        ``"lexicon"`` (default): the shipped lexicon's scores of each text (after
        negation, boosters, contrast) are inputs of the model next to the words, so a
        few hundred labels build on what the lexicon already knows. ``"zero"``: words
        only, as if nothing were known before the labels.
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    SentimentModel

    Examples
    --------
    >>> m = train_sentiment(["bagus", "jelek", "oke", "buruk"] * 3,
    ...                     ["positive", "negative", "positive", "negative"] * 3)
    >>> m.labels
    ('positive', 'negative')
    """
    if start not in STARTS:
        raise ParameterError(t("labelling.bad_start", lang, start=start, starts=", ".join(STARTS)))
    prepared, y, counts = _training_data(texts, labels, lang)
    pipe = _pipeline(C, seed, start)
    _fit(pipe, prepared, y)
    order = [x for x in LABELS if x in counts] + sorted(set(counts) - set(LABELS))
    info = {"n_train": len(y), "counts": counts, "C": C, "start": start}
    return SentimentModel(pipe, tuple(order), info)


def cross_validate_sentiment(
    texts: object,
    labels: object,
    *,
    folds: int = 5,
    C: float = 4.0,
    seed: int = 0,
    start: str = "lexicon",
    lang: str | None = None,
) -> pd.DataFrame:
    """Estimate how well :func:`train_sentiment` does on unseen texts (k-fold).

    The texts are split into ``folds`` parts keeping label proportions; each part is
    labelled by a model trained on the others (``start`` as in :func:`train_sentiment`).

    Returns
    -------
    DataFrame
        One row per fold: ``fold, n_train, n_test, macro_f1, accuracy``.
        ``result["macro_f1"].mean()`` is the usual summary.

    Examples
    --------
    >>> cv = cross_validate_sentiment(["bagus", "jelek", "mantap", "buruk"] * 5,
    ...                               ["positive", "negative"] * 10, folds=2)
    >>> list(cv.columns)
    ['fold', 'n_train', 'n_test', 'macro_f1', 'accuracy']
    """
    from sklearn.model_selection import StratifiedKFold

    if not isinstance(folds, int) or folds < 2:
        raise ParameterError(t("text.bad_folds", lang, folds=folds))
    if start not in STARTS:
        raise ParameterError(t("labelling.bad_start", lang, start=start, starts=", ".join(STARTS)))
    prepared, y, counts = _training_data(texts, labels, lang)
    if min(counts.values()) < folds:
        raise ParameterError(t("text.too_few_per_label", lang, folds=folds))
    x = np.array(prepared, dtype=object)
    rows = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for i, (train, test) in enumerate(splitter.split(x, y), start=1):
        pipe = _pipeline(C, seed, start)
        _fit(pipe, list(x[train]), y[train])
        ev = evaluate(pipe.predict(list(x[test])), y[test], lang=lang)
        rows.append((i, len(train), len(test), ev.macro_f1, ev.accuracy))
    return pd.DataFrame(rows, columns=["fold", "n_train", "n_test", "macro_f1", "accuracy"])


def load_model(path: str | Path, *, lang: str | None = None) -> SentimentModel:
    """Read a model written by :meth:`SentimentModel.save`.

    Only load files your team made or trusts (see the module notes).

    Examples
    --------
    >>> import tempfile, os
    >>> m = train_sentiment(["bagus", "jelek"] * 4, ["positive", "negative"] * 4)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     m2 = load_model(m.save(os.path.join(d, "model.joblib")))
    >>> m2.predict(["bagus"])["label"].tolist()
    ['positive']
    """
    payload = load_payload(path, _FORMAT, "text.model_unreadable", lang)
    return SentimentModel(payload["pipeline"], tuple(payload["labels"]), payload.get("info"))


def as_model(model: object, *, lang: str | None = None) -> SentimentModel:
    """Return ``model`` as a :class:`SentimentModel` (a path is loaded)."""
    if isinstance(model, SentimentModel):
        return model
    if isinstance(model, (str, Path)):
        return load_model(model, lang=lang)
    raise ParameterError(t("text.bad_model", lang))


# ------------------------------------------------------------ transformers


@lru_cache(maxsize=4)
def _hf_pipeline(model: str):
    from transformers import pipeline

    clf = pipeline("text-classification", model=model, tokenizer=model)
    tokenizer = getattr(clf, "tokenizer", None)
    if tokenizer is not None and getattr(tokenizer, "model_max_length", 0) > 100_000:
        # a tokenizer saved without its limit: truncate to what the model can read
        limit = getattr(clf.model.config, "max_position_embeddings", 512)
        tokenizer.model_max_length = int(limit)
    return clf


def _map_label(name: str, labels: dict[str, str] | None) -> str | None:
    if labels and name in labels:
        return labels[name]
    low = name.lower()
    for key in ("pos", "neu", "neg"):
        if low.startswith(key):
            return {"pos": "positive", "neu": "neutral", "neg": "negative"}[key]
    return None


def transformers_sentiment(
    texts: object,
    *,
    model: object,
    labels: dict[str, str] | None = None,
    batch_size: int = 32,
    lang: str | None = None,
) -> pd.DataFrame:
    """Sentiment from a Hugging Face text-classification model (optional extra).

    ``model`` is a hub id, a local folder, or a ready ``transformers`` pipeline. Empty
    texts are not sent to the model (``neutral``, score 0). ``score`` is
    P(positive) - P(negative).
    """
    if labels is not None and (
        not isinstance(labels, dict) or not set(labels.values()) <= set(LABELS)
    ):
        raise ParameterError(t("text.bad_label_map", lang))
    if isinstance(model, (str, Path)):
        try:
            import transformers  # noqa: F401
        except ImportError:
            raise ParameterError(t("text.no_transformers", lang)) from None
        try:
            clf = _hf_pipeline(str(model))
        except OSError:
            raise DataNotFound(t("text.transformers_model_missing", lang, model=model)) from None
    elif callable(model):
        clf = model
    else:
        raise ParameterError(t("text.transformers_model_needed", lang))
    s = as_texts(texts, lang=lang)
    values = to_arrow(s).to_pylist()
    keep = [i for i, v in enumerate(values) if v.strip()]
    label = np.full(len(values), "neutral", dtype=object)
    score = np.zeros(len(values))
    if keep:
        batch = [values[i] for i in keep]
        results = clf(batch, batch_size=batch_size, truncation=True, top_k=None)
        for j, res in zip(keep, results, strict=True):
            probs = {"positive": 0.0, "neutral": 0.0, "negative": 0.0}
            for item in res if isinstance(res, list) else [res]:
                mapped = _map_label(str(item["label"]), labels)
                if mapped is None:
                    raise ParameterError(t("text.unknown_model_label", lang, label=item["label"]))
                probs[mapped] += float(item["score"])
            label[j] = max(probs, key=probs.get)
            score[j] = probs["positive"] - probs["negative"]
    return pd.DataFrame({"label": pd.array(label, dtype="str"), "score": score}, index=s.index)
