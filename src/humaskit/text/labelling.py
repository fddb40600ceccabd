"""Choosing which mentions a team labels next, and measuring what its labels bring.

A team that labels its own mentions (positive/neutral/negative) gets the most from each
label when it labels the mentions the current model is least sure about, spread over
the topics people talk about (active learning). These functions work on DataFrames and
never read or write files (the team's label file: :mod:`humaskit.files.labels`; the
notebook widget: :mod:`humaskit.teaching.labelling`).

:func:`topic_groups`
    Puts each mention in one of ``k`` topic groups (TF-IDF of words and two-word
    phrases, k-means), so that a batch covers every topic, not only the loudest one.
:func:`uncertainty`
    How unsure the model is about each text, 0 (sure) to 1 (a coin toss); without a
    trained model, how unsure the shipped lexicon is.
:func:`choose_to_label`
    The next batch: mostly the most uncertain mentions, at most a few per topic group,
    plus some picked from the groups with the fewest labels so far (coverage).
:func:`held_back`
    Which labels are held back to measure the model (the same labels every time).
:func:`compare_on_held_back`
    Macro-F1 of the shipped lexicon, of a model trained from zero and of a model
    building on the lexicon, all measured on the held-back labels.

Measured on tweets and hotel reviews (a domain the lexicon was not written for), 300
labels chosen this way beat 300 random labels: see ``bench/bench_labelling.py``.

Examples
--------
>>> m = pd.DataFrame({"mention_id": [f"m{i}" for i in range(8)], "text": [
...     "jalan rusak parah", "jalan berlubang", "lampu jalan mati", "sampah menumpuk",
...     "terima kasih min", "kapan buka?", "petugas ramah", "antrean lama sekali"]})
>>> batch = choose_to_label(m, n=3, k=2)
>>> len(batch), list(batch.columns)
(3, ['mention_id', 'text', 'group', 'uncertainty', 'why'])
"""

from __future__ import annotations

import hashlib
import math
import warnings

import numpy as np
import pandas as pd

from ..errors import ParameterError, SchemaError
from ..i18n import t
from .polarity import LABELS, lexicon_sentiment
from .tokens import as_texts, to_arrow, tokenize

__all__ = [
    "topic_groups",
    "uncertainty",
    "choose_to_label",
    "held_back",
    "compare_on_held_back",
    "lexicon_labels",
    "EXPLORE",
]

#: Share of a batch picked for coverage of the least-labelled topic groups.
EXPLORE = 0.3
#: Largest share of the uncertain part of a batch one topic group may take (times
#: the even share ``1 / k``).
GROUP_CAP = 2.0


def _table(mentions: object, lang: str | None) -> pd.DataFrame:
    """``mention_id`` (str) and ``text`` of a mentions table, a Series or a list."""
    if isinstance(mentions, pd.DataFrame):
        if "text" not in mentions.columns:
            raise SchemaError(t("text.no_text_column", lang, name="mentions"))
        texts = as_texts(mentions["text"], lang=lang)
        ids = (
            mentions["mention_id"].astype("str").fillna("")
            if "mention_id" in mentions.columns
            else pd.Series([str(i) for i in mentions.index], index=mentions.index)
        )
    else:
        texts = as_texts(mentions, lang=lang)
        ids = pd.Series([str(i) for i in texts.index], index=texts.index)
    # rows by position: an index with repeated labels must not mix mentions up
    return pd.DataFrame(
        {"mention_id": ids.astype("str").to_numpy(), "text": texts.astype("str").to_numpy()}
    )


def topic_groups(texts: object, *, k: int = 8, seed: int = 0, lang: str | None = None) -> pd.Series:
    """Put each text in one of ``k`` topic groups (0 .. k-1).

    Words and two-word phrases of the normalised texts (stopwords left out), weighted by
    TF-IDF, grouped by k-means. Texts with no usable word share one group with their
    nearest neighbours. Fewer groups when there are few texts.

    Examples
    --------
    >>> g = topic_groups(["jalan rusak parah", "jalan rusak lagi", "sampah menumpuk",
    ...                   "sampah bau menumpuk"], k=2)
    >>> g.iloc[0] == g.iloc[1], g.iloc[0] == g.iloc[2]
    (np.True_, np.False_)
    """
    if not isinstance(k, int) or k < 1:
        raise ParameterError(t("text.bad_top", lang, top=k))
    s = as_texts(texts, lang=lang)
    if len(s) == 0:
        return pd.Series(np.zeros(0, dtype="int64"), index=s.index, name="group")
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .topics import _default_stopwords

    stop = _default_stopwords()
    docs = [
        " ".join(w for w in doc.split() if w not in stop and len(w) > 2)
        for doc in tokenize(to_arrow(s)).texts().to_pylist()
    ]
    k_eff = int(min(k, max(1, len(s) // 2)))
    try:
        mat = TfidfVectorizer(
            ngram_range=(1, 2), min_df=2 if len(s) >= 50 else 1, sublinear_tf=True
        ).fit_transform(docs)
    except ValueError:  # no word left anywhere
        return pd.Series(np.zeros(len(s), dtype="int64"), index=s.index, name="group")
    if k_eff == 1 or mat.shape[1] == 0:
        return pd.Series(np.zeros(len(s), dtype="int64"), index=s.index, name="group")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        km = KMeans(n_clusters=k_eff, n_init=3, random_state=seed).fit(mat)
    return pd.Series(km.labels_.astype("int64"), index=s.index, name="group")


def uncertainty(texts: object, *, model: object = None, lang: str | None = None) -> pd.Series:
    """How unsure the model is about each text: 0 (sure) to 1 (a coin toss).

    With a trained model (:func:`humaskit.text.train_sentiment`): one minus the gap
    between the two most likely labels. Without one: one minus the strength of the
    shipped lexicon's score (a text with no sentiment word is fully uncertain).

    Examples
    --------
    >>> uncertainty(["pelayanan sangat cepat dan ramah", "kapan kantor buka"]).round(2).tolist()
    [0.07, 1.0]
    """
    s = as_texts(texts, lang=lang)
    if model is None:
        score = lexicon_sentiment(s)["score"].to_numpy(dtype=float)
        return pd.Series(1.0 - np.abs(score), index=s.index, name="uncertainty")
    from .model import as_model

    proba = as_model(model, lang=lang).predict_proba(s).to_numpy(dtype=float)
    if proba.shape[1] < 2:
        return pd.Series(np.zeros(len(s)), index=s.index, name="uncertainty")
    top = np.sort(proba, axis=1)
    return pd.Series(1.0 - (top[:, -1] - top[:, -2]), index=s.index, name="uncertainty")


def choose_to_label(
    mentions: object,
    *,
    labelled: object = None,
    model: object = None,
    n: int = 20,
    explore: float = EXPLORE,
    groups: pd.Series | None = None,
    k: int = 8,
    seed: int = 0,
    lang: str | None = None,
) -> pd.DataFrame:
    """Choose the next mentions to label: the most uncertain, spread over topics.

    Parameters
    ----------
    mentions : DataFrame, Series or list of str
        The team's mentions (``text``; ``mention_id`` when present, else the index).
    labelled : iterable of str or DataFrame with ``mention_id``, optional
        Mentions already labelled (or skipped): never chosen again, nor any mention
        with the same normalised text.
    model : SentimentModel or path, optional
        The current model. Without one (the first batch) the whole batch is picked for
        coverage: the shipped lexicon is too unsure on a new domain to say which
        mentions teach the most, and a first model needs every kind of mention.
    n : int
        Size of the batch.
    explore : float
        Share of the batch (0..1) taken from the topic groups with the fewest labels
        so far; the rest are the most uncertain mentions, at most a few per group.
        Without a model, 1.
    groups : Series, optional
        Topic group of each mention (from :func:`topic_groups`, same index); computed
        when not given (pass it to keep the groups fixed across batches).
    k : int
        Number of topic groups when ``groups`` is not given.
    seed : int
        Random seed (ties and coverage picks are reproducible).
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    DataFrame
        ``mention_id, text, group, uncertainty, why`` (``"uncertain"`` or
        ``"coverage"``), in the order to show them; fewer than ``n`` rows when fewer
        mentions are left.

    Examples
    --------
    >>> m = pd.DataFrame({"mention_id": ["a", "b", "c", "d"],
    ...                   "text": ["mantap", "jalan rusak", "kapan buka", "ok"]})
    >>> batch = choose_to_label(m, n=2, labelled=["c"], k=2)
    >>> sorted(batch["why"]), "c" in set(batch["mention_id"])
    (['coverage', 'coverage'], False)
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ParameterError(t("labelling.bad_batch", lang, n=n))
    if not isinstance(explore, (int, float)) or not 0 <= explore <= 1:
        raise ParameterError(t("labelling.bad_explore", lang, value=explore))
    table = _table(mentions, lang)
    columns = ["mention_id", "text", "group", "uncertainty", "why"]
    if groups is None:
        groups = topic_groups(table["text"], k=k, seed=seed, lang=lang)
    elif len(groups) != len(table):
        raise ParameterError(t("labelling.bad_groups", lang, n_groups=len(groups), n=len(table)))
    table["group"] = np.asarray(groups, dtype="int64")
    done = _labelled_ids(labelled)
    norm = pd.Series(tokenize(to_arrow(table["text"])).texts().to_pylist(), index=table.index)
    done_mask = table["mention_id"].isin(done).to_numpy()
    seen_texts = set(norm[done_mask])
    labelled_per_group = table.loc[done_mask, "group"].value_counts()
    size_per_group = table["group"].value_counts()
    cand = table[~done_mask & (norm.str.strip() != "").to_numpy()]
    cand = cand[~norm[cand.index].isin(seen_texts).to_numpy()]
    cand = cand[~norm[cand.index].duplicated().to_numpy()]
    if cand.empty:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in columns}).astype(
            {"group": "int64", "uncertainty": "float64"}
        )
    rng = np.random.default_rng(seed)
    if model is None:
        explore = 1.0
        u = np.ones(len(cand))
    else:
        u = uncertainty(cand["text"], model=model, lang=lang).to_numpy()
    cand = cand.assign(uncertainty=u, _tie=rng.random(len(cand)))
    n = min(n, len(cand))
    n_cover = int(round(explore * n))
    n_unc = n - n_cover
    n_groups = max(1, cand["group"].nunique())
    cap = max(1, math.ceil(GROUP_CAP * n_unc / n_groups))
    chosen: list = []
    taken = pd.Series(0, index=size_per_group.index, dtype="int64")
    for idx, g in cand.sort_values(["uncertainty", "_tie"], ascending=False)["group"].items():
        if len(chosen) >= n_unc:
            break
        if taken.get(g, 0) < cap:
            chosen.append(idx)
            taken[g] = taken.get(g, 0) + 1
    have = (labelled_per_group.reindex(size_per_group.index, fill_value=0) + taken).astype(float)
    left = cand.drop(index=chosen)
    why = ["uncertain"] * len(chosen)
    while len(chosen) < n and not left.empty:
        open_groups = left["group"].unique()
        share = (have[open_groups] + 1) / size_per_group[open_groups]
        g = share.sort_values(kind="stable").index[0]
        pool = left[left["group"] == g]
        idx = pool.index[int(rng.integers(len(pool)))]
        chosen.append(idx)
        why.append("coverage")
        have[g] += 1
        left = left.drop(index=idx)
    out = cand.loc[chosen, ["mention_id", "text", "group", "uncertainty"]].copy()
    out["why"] = pd.array(why, dtype="str")
    # mix the two kinds so a batch does not end with all the easy coverage picks
    order = np.argsort(rng.random(len(out)), kind="stable")
    return out.iloc[order].reset_index(drop=True)[columns]


def _labelled_ids(labelled: object) -> set[str]:
    if labelled is None:
        return set()
    if isinstance(labelled, pd.DataFrame):
        if "mention_id" not in labelled.columns:
            return set()
        labelled = labelled["mention_id"]
    if isinstance(labelled, str):
        labelled = [labelled]
    return {str(x) for x in labelled}


def held_back(ids: object, *, share: float = 0.2, lang: str | None = None) -> np.ndarray:
    """Which labels to hold back for measuring (True), decided by each mention's id.

    The same mention is always held back or always used, however many labels are
    added later, so the measurements of successive rounds can be compared.

    Examples
    --------
    >>> held_back([f"m{i}" for i in range(10)], share=0.3).tolist()
    [False, False, True, False, True, False, False, False, False, False]
    """
    if not isinstance(share, (int, float)) or not 0 < share < 1:
        raise ParameterError(t("labelling.bad_share", lang, value=share))
    out = []
    for x in as_texts(ids, name="ids", lang=lang).astype("str"):
        h = int.from_bytes(hashlib.sha1(x.encode("utf-8")).digest()[:4], "big")
        out.append(h / 2**32 < share)
    return np.array(out, dtype=bool)


def lexicon_labels(texts: object, *, labels: object = LABELS) -> np.ndarray:
    """The shipped lexicon's labels, read for the label set a team uses.

    When the team's labels have no ``neutral`` (only positive and negative), a text the
    lexicon calls neutral gets the label its score leans to (a score of 0: the more
    common of the two in ``labels``), the fairest reading of the lexicon for two labels.

    Examples
    --------
    >>> lexicon_labels(["bagus", "jam berapa buka", "rusak"], labels=["positive", "negative"])
    array(['positive', 'negative', 'negative'], dtype=object)
    """
    lx = lexicon_sentiment(texts)
    pred = lx["label"].to_numpy(dtype=object)
    used = pd.Series(list(labels), dtype="str")
    if "neutral" in set(used) or not {"positive", "negative"} <= set(used):
        return pred
    counts = used.value_counts()
    common = "positive" if counts.get("positive", 0) > counts.get("negative", 0) else "negative"
    score = lx["score"].to_numpy(dtype=float)
    lean = np.where(score > 0, "positive", np.where(score < 0, "negative", common))
    return np.where(pred == "neutral", lean, pred).astype(object)


def compare_on_held_back(
    texts: object,
    labels: object,
    held: object,
    *,
    seed: int = 0,
    lang: str | None = None,
) -> pd.DataFrame:
    """Train on the labels not held back, measure every engine on the held-back ones.

    Parameters
    ----------
    texts, labels : Series or list
        The labelled mentions (skipped ones left out beforehand).
    held : array of bool
        True for the labels held back (:func:`held_back`).

    Returns
    -------
    DataFrame
        ``engine`` (``lexicon``, ``zero``, ``lexicon+labels``), ``macro_f1``,
        ``accuracy``, ``n_train``, ``n_test``. A model row is missing when the labels
        used for training have fewer than two kinds. ``result.attrs["model"]`` is the
        model building on the lexicon.

    Examples
    --------
    >>> texts = ["bagus sekali", "jelek", "mantap", "buruk"] * 5
    >>> labels = ["positive", "negative"] * 10
    >>> out = compare_on_held_back(texts, labels, [False] * 16 + [True] * 4)
    >>> out["engine"].tolist()
    ['lexicon', 'zero', 'lexicon+labels']
    """
    from .model import _clean_labels, evaluate, train_sentiment

    s = as_texts(texts, lang=lang).reset_index(drop=True)
    y = _clean_labels(labels, len(s), lang)
    mask = np.asarray(held, dtype=bool)
    if len(mask) != len(s):
        raise ParameterError(t("text.labels_length", lang, n_labels=len(mask), n_texts=len(s)))
    if not mask.any():
        raise ParameterError(t("labelling.nothing_held_back", lang))
    test, train = s[mask], s[~mask]
    rows = [
        ("lexicon", evaluate(lexicon_labels(test, labels=y), y[mask], lang=lang), 0),
    ]
    model = None
    if len(set(y[~mask])) >= 2:
        for start, name in (("zero", "zero"), ("lexicon", "lexicon+labels")):
            model = train_sentiment(train, y[~mask], start=start, seed=seed, lang=lang)
            rows.append((name, model.evaluate(test, y[mask], lang=lang), len(train)))
    out = pd.DataFrame(
        {
            "engine": pd.array([r[0] for r in rows], dtype="str"),
            "macro_f1": [r[1].macro_f1 for r in rows],
            "accuracy": [r[1].accuracy for r in rows],
            "n_train": np.array([r[2] for r in rows], dtype="int64"),
            "n_test": np.full(len(rows), int(mask.sum()), dtype="int64"),
        }
    )
    out.attrs["model"] = model  # the model building on the lexicon (None: too few labels)
    return out
