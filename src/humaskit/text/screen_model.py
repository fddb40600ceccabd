"""A screen that learns: :func:`train_screen` fits the pre-publication screen to a team's labels.

The shipped lists of :func:`humaskit.text.screen` find what they name and miss what they
don't. A team that labels examples (the moderation queue is where they appear) can train
the screen, as :func:`~humaskit.text.train_sentiment` does for sentiment. Each labelled
category gets class-balanced logistic models (scikit-learn, loaded on first use) over

- what the shipped lists found: every list that fired (group terms, insults, slurs,
  abusive words...) and every rule flag of :func:`~humaskit.text.screen`;
- TF-IDF of words (1-2 grams), characters (2-5 grams, robust to slang and typos) and
  pairs of words found near each other (a group word with a hostile word further on),
  all of the normalised text, each feature weighed by how much more often it occurs in
  the category's texts than in the others (naive-Bayes log-count ratio).

Each category is learnt by up to :data:`FOLDS` models, each trained on the labelled texts
but one part; their average is the model's probability. What each model says about the
part it did not see chooses the threshold: the best F1 that still finds at least
``recall`` of the labelled texts (SARA categories share one threshold, on "any SARA").
The threshold thus comes from the team's labels only, never from the texts screened later.

Categories that were not labelled (and personal data, always found by its patterns) keep
the rules. Reasons stay readable: for a category the model flags, the reason names the
list terms found in the text and the words that weighed most in the model's decision,
with the model's probability.

``model.screen(texts)`` gives the same columns as :func:`~humaskit.text.screen`, and so
does ``humaskit.text.screen(texts, model=model)``. :meth:`ScreenModel.save` writes one
file (joblib); :func:`load_screen_model` reads it. Like any pickle, a model file can run
code when loaded: only load model files your team made or trusts.

Examples
--------
>>> texts = ["dasar kaum zorg sesat semua", "kaum zorg perusak negeri ini",
...          "usir kaum zorg dari kota", "jadwal vaksin di puskesmas",
...          "jalan rusak belum diperbaiki", "terima kasih pak wali"] * 4
>>> labels = {"intergroup": [1, 1, 1, 0, 0, 0] * 4}
>>> m = train_screen(texts, labels)
>>> r = m.screen(["kaum zorg itu perusak", "jadwal posyandu besok"], lang="en")
>>> r["intergroup"].tolist(), r["needs_review"].tolist()
([True, False], [True, False])
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ParameterError, UnsupportedFile
from ..i18n import resolve, t
from ._modelfile import load_payload, save_payload
from .screening import _GROUPS, CATEGORIES, _extra_terms, _lists, _token_hits, screen
from .tokens import as_texts, to_arrow, tokenize

__all__ = [
    "ScreenModel",
    "train_screen",
    "load_screen_model",
    "cross_validate_screen",
    "TRAINABLE",
    "as_screen_model",
]

#: Categories :func:`train_screen` can learn (personal data is found by its patterns).
TRAINABLE = tuple(c for c in CATEGORIES if c != "personal_data")
#: The three SARA categories; ``sara`` in :func:`cross_validate_screen` is any of them.
SARA = _GROUPS

_FORMAT = "humaskit.text.ScreenModel"
_FORMAT_VERSION = 2
_TRUE = {"1", "true", "ya", "y", "yes", "benar", "t"}
_FALSE = {"0", "false", "tidak", "n", "no", "bukan", "f", ""}
#: Words shown per flagged category in ``reasons``.
TOP_WORDS = 3
#: Models per category (cross-fitted; fewer when a category has fewer labelled examples).
FOLDS = 5
#: Word pairs are taken within this many words of each other.
PAIR_WINDOW = 20


# ------------------------------------------------------------------ labels


def _flag_values(values: object, name: str, n: int, lang: str | None) -> np.ndarray:
    s = pd.Series(values) if not isinstance(values, pd.Series) else values.reset_index(drop=True)
    if len(s) != n:
        raise ParameterError(t("text.labels_length", lang, n_labels=len(s), n_texts=n))
    out = np.zeros(n, dtype=bool)
    bad = []
    for i, v in enumerate(s.tolist()):
        if isinstance(v, (bool, np.bool_)):
            out[i] = bool(v)
            continue
        if v is None or (isinstance(v, float) and np.isnan(v)):
            bad.append(i)
            continue
        key = str(v).strip().casefold()
        if key.endswith(".0"):
            key = key[:-2]
        if key in _TRUE:
            out[i] = True
        elif key not in _FALSE:
            bad.append(i)
    if bad:
        raise ParameterError(
            t("text.screen_labels_bad", lang, category=name, rows=", ".join(map(str, bad[:5])))
        )
    return out


def _label_table(labels: object, n: int, lang: str | None) -> dict[str, np.ndarray]:
    """``{category: bool array}`` from a DataFrame or dict of columns named by category."""
    if isinstance(labels, pd.DataFrame):
        columns = {str(c): labels[c] for c in labels.columns}
    elif isinstance(labels, Mapping):
        columns = {str(k): v for k, v in labels.items()}
    else:
        raise ParameterError(t("text.screen_labels_shape", lang, categories=", ".join(TRAINABLE)))
    unknown = [c for c in columns if c not in TRAINABLE]
    if unknown or not columns:
        raise ParameterError(
            t(
                "text.screen_labels_unknown",
                lang,
                columns=", ".join(unknown) or "-",
                categories=", ".join(TRAINABLE),
            )
        )
    out = {}
    for cat in TRAINABLE:
        if cat in columns:
            y = _flag_values(columns[cat], cat, n, lang)
            if y.all() or not y.any():
                raise ParameterError(t("text.screen_labels_one_class", lang, category=cat))
            out[cat] = y
    return out


# ------------------------------------------------------------------ features


_WORD = re.compile(r"[^\s.,!?;:]+")


def word_pairs(text: str) -> list[str]:
    """Pairs of distinct words of ``text`` within :data:`PAIR_WINDOW` words (a feature).

    >>> word_pairs("kaum zorg perusak")
    ['kaum|perusak', 'kaum|zorg', 'perusak|zorg']
    """
    words = _WORD.findall(text)
    out = set()
    for i, a in enumerate(words):
        for b in words[i + 1 : i + 1 + PAIR_WINDOW]:
            if a != b:
                out.add(f"{a}|{b}" if a < b else f"{b}|{a}")
    return sorted(out)


def _kind_base(kind: str) -> str:
    return kind.rstrip("~!^?")


def _relevant(cat: str) -> set[str]:
    """Base list kinds whose terms explain a flag of ``cat``."""
    out = {cat}
    if cat in _GROUPS:
        out |= {"insult", "abusive"}
    if cat == "hoax":
        out.add("official")
    return out


class _Prepared:
    """One pass of the rules over the texts: normalised texts, list hits, rule result."""

    def __init__(self, texts: object, extra: object, lang: str | None):
        self.series = as_texts(texts, lang=lang)
        tok = tokenize(to_arrow(self.series))
        self.texts = tok.texts().to_pylist()
        self.hits = _token_hits(tok, _lists(_extra_terms(extra)))
        self.rules = screen(self.series, extra=extra, lang=lang)
        self.n = len(self.series)

    def list_features(self, kinds: list[str]):
        from scipy import sparse

        col = {k: j for j, k in enumerate(kinds)}
        rows, cols = [], []
        for row, kind in zip(self.hits["row"].tolist(), self.hits["kind"].tolist(), strict=True):
            j = col.get(kind)
            if j is not None:
                rows.append(row)
                cols.append(j)
        present = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(self.n, len(kinds)))
        present.data[:] = 1.0
        flags = self.rules[list(CATEGORIES)].to_numpy(dtype=float)
        return sparse.hstack([present, sparse.csr_matrix(flags)]).tocsr()


class ScreenModel:
    """A screen trained with :func:`train_screen`.

    :meth:`screen` gives the columns of :func:`humaskit.text.screen`; :meth:`scores` the
    model's probability per trained category; :meth:`save` writes one file.
    """

    def __init__(self, parts: dict, info: dict | None = None):
        self.parts = parts
        self.info = dict(info or {})

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories the model learnt (the others keep the rules)."""
        return tuple(self.parts["models"])

    def __repr__(self) -> str:
        return (
            f"ScreenModel(categories={list(self.categories)}, "
            f"n_train={self.info.get('n_train', '?')})"
        )

    def _matrix(self, prep: _Prepared):
        from scipy import sparse

        p = self.parts
        blocks = [p["words"].transform(prep.texts), p["chars"].transform(prep.texts)]
        blocks.append(prep.list_features(p["kinds"]))
        if p.get("pairs") is not None:
            blocks.append(p["pairs"].transform(prep.texts))
        return sparse.hstack(blocks).tocsr()

    def _proba(self, cat: str, x) -> np.ndarray:
        """The model's probability of ``cat`` (average of its cross-fitted members)."""
        members = self.parts["models"][cat][0]
        if not isinstance(members, list):  # a format-1 model: one logistic regression
            return members.predict_proba(x)[:, 1]
        return np.mean([clf.predict_proba(_scaled(x, r))[:, 1] for clf, r in members], axis=0)

    def _weights(self, cat: str) -> np.ndarray:
        """One weight per feature: how much each pushes a text towards ``cat``."""
        members = self.parts["models"][cat][0]
        if not isinstance(members, list):
            return members.coef_.ravel()
        return np.mean([clf.coef_.ravel() * r for clf, r in members], axis=0)

    def _prepare(self, texts: object, extra: object, lang: str | None) -> _Prepared:
        return _Prepared(texts, self.parts["extra"] if extra is None else extra, lang)

    def scores(self, texts: object, *, extra: object = None) -> pd.DataFrame:
        """Probability of each trained category for each text (columns = categories)."""
        prep = self._prepare(texts, extra, None)
        x = self._matrix(prep)
        out = {}
        for cat in self.parts["models"]:
            out[cat] = self._proba(cat, x) if prep.n else np.zeros(0)
        return pd.DataFrame(out, index=prep.series.index)

    def screen(
        self, texts: object, *, extra: object = None, lang: str | None = None
    ) -> pd.DataFrame:
        """Screen texts: trained categories by the model, the others by the rules.

        Same columns as :func:`humaskit.text.screen`. ``extra`` adds terms to the lists
        (default: the terms the model was trained with).
        """
        lang = resolve(lang)
        prep = self._prepare(texts, extra, lang)
        out = prep.rules.copy()
        if not prep.n:
            return out
        x = self._matrix(prep)
        proba = {}
        for cat, (_members, threshold) in self.parts["models"].items():
            proba[cat] = self._proba(cat, x)
            out[cat] = proba[cat] >= threshold
            out.loc[_empty(prep.texts), cat] = False
        any_flag = out[list(CATEGORIES)].to_numpy().any(axis=1)
        out["needs_review"] = any_flag
        matched, reasons = self._explain(prep, out, proba, x, lang)
        out["matched"] = pd.array(matched, dtype="str")
        out["reasons"] = pd.array(reasons, dtype="str")
        return out

    def _top_words(self, cat: str, x, rows: np.ndarray) -> dict[int, list[str]]:
        """The word features that pushed each row most towards ``cat``."""
        n_words = len(self.parts["word_names"])
        coef = self._weights(cat)[:n_words]
        sub = x[rows][:, :n_words].multiply(coef).tocsr()
        names = self.parts["word_names"]
        out = {}
        for k, r in enumerate(rows.tolist()):
            start, end = sub.indptr[k], sub.indptr[k + 1]
            vals, idx = sub.data[start:end], sub.indices[start:end]
            order = np.argsort(-vals)
            words = []
            for j in order:
                if vals[j] <= 0 or len(words) >= TOP_WORDS:
                    break
                w = names[idx[j]]
                if not any(w in other.split() or other in w.split() for other in words):
                    words.append(w)
            out[r] = words
        return out

    def _explain(self, prep: _Prepared, out: pd.DataFrame, proba: dict, x, lang: str):
        n = prep.n
        hits = prep.hits
        base = hits["kind"].map(_kind_base).to_numpy(dtype=object)
        by_row: dict[int, list[tuple[str, str]]] = {}
        for r, b, term in zip(hits["row"].tolist(), base, hits["term"].tolist(), strict=True):
            by_row.setdefault(r, []).append((b, term))
        rule_matched = prep.rules["matched"].to_numpy(dtype=object)
        rule_reasons = prep.rules["reasons"].to_numpy(dtype=object)
        rule_flags = prep.rules[list(CATEGORIES)].to_numpy()
        flags = out[list(CATEGORIES)].to_numpy()
        words = {}
        for cat in proba:
            rows = np.flatnonzero(out[cat].to_numpy())
            words[cat] = self._top_words(cat, x, rows) if len(rows) else {}
        matched = np.full(n, "", dtype=object)
        reasons = np.full(n, "", dtype=object)
        head = t("text.screen.needs_review", lang) + " "
        for r in np.flatnonzero(flags.any(axis=1)).tolist():
            if (flags[r] == rule_flags[r]).all() and not any(flags[r][_idx(c)] for c in proba):
                matched[r], reasons[r] = rule_matched[r], rule_reasons[r]
                continue
            parts, shown = [], []
            extra_terms = [x.strip() for x in str(rule_matched[r]).split(",") if x.strip()]
            for j, cat in enumerate(CATEGORIES):
                if not flags[r][j]:
                    continue
                keep = _relevant(cat)
                terms = list(dict.fromkeys(term for b, term in by_row.get(r, []) if b in keep))
                if cat == "personal_data":
                    terms = [x for x in extra_terms if x.startswith("[")]
                shown += [x for x in terms if x not in shown]
                if cat in proba:
                    detail = []
                    if terms:
                        detail.append(t("text.screen.model_lists", lang, terms=", ".join(terms)))
                    top = ", ".join(words[cat].get(r, []))
                    detail.append(
                        t(
                            "text.screen.model_words" if top else "text.screen.model_p",
                            lang,
                            p=round(100 * float(proba[cat][r])),
                            words=top,
                        )
                    )
                    parts.append(f"{t(f'text.screen.{cat}', lang)} ({'; '.join(detail)})")
                else:
                    label = t(f"text.screen.{cat}", lang)
                    parts.append(f"{label} ({', '.join(terms)})" if terms else label)
            matched[r] = ", ".join(shown)
            reasons[r] = head + "; ".join(parts) + "."
        return matched, reasons

    def save(self, path: str | Path) -> Path:
        """Write the model to one file (see the module notes on model files)."""
        parts = {"info": self.info, "parts": self.parts}
        return save_payload(path, _FORMAT, _FORMAT_VERSION, parts)


def _scaled(x, r: np.ndarray):
    """``x`` with each feature column multiplied by its weight in ``r``."""
    from scipy import sparse

    return (x @ sparse.diags(r)).tocsr()


def _idx(cat: str) -> int:
    return CATEGORIES.index(cat)


def _empty(texts: list[str]) -> np.ndarray:
    return np.array([not x.strip() for x in texts], dtype=bool)


# ------------------------------------------------------------------ training


def _vectorizers():
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(
        analyzer="word",
        ngram_range=(1, 2),
        token_pattern=r"(?u)[^\s.,]+",
        sublinear_tf=True,
        lowercase=False,
    )
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, lowercase=False
    )
    pairs = TfidfVectorizer(analyzer=word_pairs, sublinear_tf=True, min_df=2)
    return words, chars, pairs


def _fit_transform(vectorizer, texts: list[str]):
    try:
        return vectorizer.fit_transform(texts)
    except ValueError:  # too few texts for min_df=2
        return vectorizer.set_params(min_df=1).fit_transform(texts)


def _member(x, y: np.ndarray, alpha: float, seed: int):
    """One logistic model on naive-Bayes weighted features: ``(classifier, weights)``."""
    from scipy import sparse
    from sklearn.linear_model import SGDClassifier

    seen = x.copy()
    seen.data[:] = 1.0
    pos = 1.0 + np.asarray(seen[y].sum(axis=0)).ravel()
    neg = 1.0 + np.asarray(seen[~y].sum(axis=0)).ravel()
    r = np.log(pos / pos.sum()) - np.log(neg / neg.sum())
    clf = SGDClassifier(
        loss="log_loss",
        alpha=alpha,
        class_weight="balanced",
        max_iter=30,
        tol=None,
        random_state=seed,
    )
    clf.fit(x @ sparse.diags(r), y)
    return clf, r


def _cross_fit(x, y: np.ndarray, alpha: float, seed: int):
    """Members trained on all folds but one, and each text's probability when held out."""
    from sklearn.model_selection import StratifiedKFold

    k = min(FOLDS, int(y.sum()), int((~y).sum()))
    if k < 2:
        return [_member(x, y, alpha, seed)], None
    members, held_out = [], np.zeros(len(y))
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        clf, r = _member(x[train], y[train], alpha, seed)
        members.append((clf, r))
        held_out[test] = clf.predict_proba(_scaled(x[test], r))[:, 1]
    return members, held_out


def _choose_threshold(score: np.ndarray, truth: np.ndarray, recall: float) -> float:
    """The threshold with the best F1 among those that find at least ``recall`` of ``truth``."""
    order = np.argsort(-score, kind="stable")
    s, hit = score[order], truth[order]
    last = np.r_[s[1:] != s[:-1], True]  # cut only between different scores
    tp = np.cumsum(hit)[last]
    flagged = np.arange(1, len(s) + 1)[last]
    rec = tp / max(int(truth.sum()), 1)
    f1 = 2 * tp / (flagged + truth.sum())
    ok = np.flatnonzero(rec >= recall - 1e-12)
    best = ok[np.argmax(f1[ok])]
    cuts = s[last]
    # halfway to the next lower score: a text scored between the two is not decided by
    # which of them the labels happened to contain
    below = cuts[best + 1] if best + 1 < len(cuts) else 0.0
    return float((cuts[best] + below) / 2)


def _fit(prep: _Prepared, ys: dict[str, np.ndarray], C: float, seed: int, extra, threshold, recall):
    from scipy import sparse

    words, chars, pairs = _vectorizers()
    blocks = [_fit_transform(words, prep.texts), _fit_transform(chars, prep.texts)]
    kinds = sorted(set(prep.hits["kind"].tolist()) | set(_all_kinds(extra)))
    blocks.append(prep.list_features(kinds))
    blocks.append(_fit_transform(pairs, prep.texts))
    parts = {
        "words": words,
        "chars": chars,
        "pairs": pairs,
        "kinds": kinds,
        "word_names": words.get_feature_names_out().tolist(),
        "extra": extra,
        "models": {},
    }
    model = ScreenModel(parts)
    x = sparse.hstack(blocks).tocsr()
    alpha = 1.0 / (C * max(prep.n, 1))
    held_out = {}
    for cat, y in ys.items():
        members, held_out[cat] = _cross_fit(x, y, alpha, seed)
        parts["models"][cat] = (members, 0.5 if threshold is None else float(threshold))
    if threshold is None:
        sara = [c for c in ys if c in SARA and held_out[c] is not None]
        for cat in ys:
            if held_out[cat] is not None and cat not in sara:
                thr = _choose_threshold(held_out[cat], ys[cat], recall)
                parts["models"][cat] = (parts["models"][cat][0], thr)
        if sara:  # one threshold for the SARA categories, on "any SARA"
            score = np.max([held_out[c] for c in sara], axis=0)
            truth = np.logical_or.reduce([ys[c] for c in sara])
            thr = _choose_threshold(score, truth, recall)
            for cat in sara:
                parts["models"][cat] = (parts["models"][cat][0], thr)
    return model


def _all_kinds(extra) -> list[str]:
    lists = _lists(_extra_terms(extra))
    kinds = set(lists.words) | set(lists.prefixes)
    for pairs in lists.phrases.values():
        kinds |= {k for k, _ in pairs}
    return sorted(kinds)


def train_screen(
    texts: object,
    labels: object,
    *,
    extra: Mapping[str, object] | None = None,
    C: float = 10.0,
    threshold: float | None = None,
    recall: float = 0.75,
    seed: int = 0,
    lang: str | None = None,
) -> ScreenModel:
    """Train the screen on a team's labelled texts, on top of the shipped lists.

    Parameters
    ----------
    texts : Series, list of str, or DataFrame with a ``text`` column
        Comments, mentions or drafts the team has labelled (a few hundred per category
        already help; rare categories need more).
    labels : DataFrame or dict
        One column per category learnt, named as in :data:`TRAINABLE` (``sara_religion``,
        ``sara_ethnicity``, ``intergroup``, ``abusive``, ``pornography``,
        ``radicalism``, ``hoax``, ``exempt_info``), one yes/no value per text
        (True/False, 1/0, ``ya``/``tidak``). Each needs both yes and no examples.
    extra : dict, optional
        Extra list terms, as in :func:`humaskit.text.screen`; kept with the model.
    C : float
        Inverse regularisation strength of the logistic models.
    threshold : float, optional
        Probability from which the model flags a category. By default each category's
        threshold is chosen from the labels: the best F1 that finds at least ``recall`` of
        the labelled texts when each text is held out of training (see the module notes).
    recall : float
        The least share of the labelled texts of a category the chosen threshold finds
        (when ``threshold`` is not given). Moderation favours finding over sparing.
    seed : int
        Random seed (results are reproducible).
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    ScreenModel

    Examples
    --------
    >>> m = train_screen(["dasar bodoh kau", "info jadwal", "otak udang semua", "terima kasih"] * 3,
    ...                  {"abusive": [True, False, True, False] * 3})
    >>> m.categories
    ('abusive',)
    """
    _check_share(threshold, "threshold", lang, optional=True)
    _check_share(recall, "recall", lang)
    prep = _Prepared(texts, extra, lang)
    ys = _label_table(labels, prep.n, lang)
    model = _fit(prep, ys, C, seed, extra, threshold, recall)
    model.info = {
        "n_train": prep.n,
        "positives": {c: int(y.sum()) for c, y in ys.items()},
        "C": C,
        "recall": recall,
        "thresholds": {c: m[1] for c, m in model.parts["models"].items()},
    }
    return model


def _check_share(value: object, name: str, lang: str | None, optional: bool = False) -> None:
    if optional and value is None:
        return
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 1
    if not ok:
        raise ParameterError(t("text.screen_bad_threshold", lang, name=name, value=value))


def _pr(pred: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    tp = int((pred & truth).sum())
    precision = tp / max(int(pred.sum()), 1)
    recall = tp / max(int(truth.sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def cross_validate_screen(
    texts: object,
    labels: object,
    *,
    folds: int = 5,
    extra: Mapping[str, object] | None = None,
    C: float = 10.0,
    threshold: float | None = None,
    recall: float = 0.75,
    seed: int = 0,
    by_fold: bool = False,
    lang: str | None = None,
) -> pd.DataFrame:
    """Estimate how well :func:`train_screen` flags unseen texts (k-fold).

    Every text is screened by a model trained on the other folds (thresholds included:
    they are chosen from the training folds' labels only); the rules alone are measured on
    the same texts for comparison. When SARA categories were labelled, a ``sara`` row
    counts a text as SARA when any of them is flagged (and labelled). ``C``, ``threshold``
    and ``recall`` are passed to :func:`train_screen`.

    Returns
    -------
    DataFrame
        One row per category (and ``sara``): ``category``, ``support``, ``precision``,
        ``recall``, ``f1`` of the trained screen, ``rules_precision``, ``rules_recall``,
        all texts pooled. With ``by_fold=True`` the same figures for each fold first, in
        a ``fold`` column (1, 2, ...; ``"all"`` for the pooled rows).

    Examples
    --------
    >>> texts = ["dasar bodoh kau", "info jadwal", "otak udang semua", "terima kasih"] * 5
    >>> cv = cross_validate_screen(texts, {"abusive": [1, 0, 1, 0] * 5}, folds=2)
    >>> cv["category"].tolist(), float(cv["recall"].iloc[0])
    (['abusive'], 1.0)
    """
    from sklearn.model_selection import StratifiedKFold

    if not isinstance(folds, int) or folds < 2:
        raise ParameterError(t("text.bad_folds", lang, folds=folds))
    _check_share(threshold, "threshold", lang, optional=True)
    _check_share(recall, "recall", lang)
    prep = _Prepared(texts, extra, lang)
    ys = _label_table(labels, prep.n, lang)
    cats = list(ys)
    strata = np.zeros(prep.n, dtype=np.int64)
    for k, cat in enumerate(cats[:3]):
        strata += ys[cat].astype(np.int64) << k
    if np.bincount(strata).min() < folds:
        strata = ys[cats[0]].astype(np.int64)
    if min(int(ys[c].sum()) for c in cats) < folds:
        raise ParameterError(t("text.too_few_per_label", lang, folds=folds))
    pred = {c: np.zeros(prep.n, dtype=bool) for c in cats}
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    fold_rows = []
    for k, (train, test) in enumerate(splitter.split(np.arange(prep.n), strata), start=1):
        sub = _subset(prep, train)
        model = _fit(sub, {c: ys[c][train] for c in cats}, C, seed, extra, threshold, recall)
        x = model._matrix(_subset(prep, test))
        for cat, (_members, thr) in model.parts["models"].items():
            pred[cat][test] = model._proba(cat, x) >= thr
        if by_fold:
            part = {c: ys[c][test] for c in cats}
            got = {c: pred[c][test] for c in cats}
            fold_rows += [(k, *row) for row in _cv_rows(part, got, prep.rules.iloc[test])]
    columns = ["category", "support", "precision", "recall", "f1"]
    columns += ["rules_precision", "rules_recall"]
    pooled = pd.DataFrame(_cv_rows(ys, pred, prep.rules), columns=columns)
    if by_fold:
        per_fold = pd.DataFrame(fold_rows, columns=["fold", *columns])
        return pd.concat([per_fold, pooled.assign(fold="all")], ignore_index=True)
    return pooled


def _cv_rows(ys: dict, pred: dict, rules: pd.DataFrame) -> list[tuple]:
    rows = []
    for cat in ys:
        rp, rr, _ = _pr(rules[cat].to_numpy(), ys[cat])
        rows.append((cat, int(ys[cat].sum()), *_pr(pred[cat], ys[cat]), rp, rr))
    sara = [c for c in ys if c in SARA]
    if sara:
        truth = np.logical_or.reduce([ys[c] for c in sara])
        flagged = np.logical_or.reduce([pred[c] for c in sara])
        by_rules = np.logical_or.reduce([rules[c].to_numpy() for c in sara])
        rp, rr, _ = _pr(by_rules, truth)
        rows.append(("sara", int(truth.sum()), *_pr(flagged, truth), rp, rr))
    return rows


def _subset(prep: _Prepared, rows: np.ndarray) -> _Prepared:
    """The prepared texts of ``rows`` (list hits renumbered), without redoing the rules."""
    out = object.__new__(_Prepared)
    out.series = prep.series.iloc[rows]
    out.texts = [prep.texts[i] for i in rows.tolist()]
    renumber = np.full(prep.n, -1, dtype=np.int64)
    renumber[rows] = np.arange(len(rows))
    hits = prep.hits
    new_row = renumber[hits["row"].to_numpy(dtype=np.int64)]
    keep = new_row >= 0
    out.hits = hits[keep].assign(row=new_row[keep])
    out.rules = prep.rules.iloc[rows]
    out.n = len(rows)
    return out


# ------------------------------------------------------------------ files


def load_screen_model(path: str | Path, *, lang: str | None = None) -> ScreenModel:
    """Read a model written by :meth:`ScreenModel.save`.

    Only load files your team made or trusts (see the module notes).

    Examples
    --------
    >>> import tempfile, os
    >>> m = train_screen(["dasar bodoh", "info jadwal"] * 4, {"abusive": [1, 0] * 4})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     m2 = load_screen_model(m.save(os.path.join(d, "screen.joblib")))
    >>> m2.categories
    ('abusive',)
    """
    payload = load_payload(path, _FORMAT, "text.screen_model_unreadable", lang)
    if payload.get("format_version") != _FORMAT_VERSION:  # an older model's parts differ
        raise UnsupportedFile(t("text.screen_model_old", lang, path=path))
    return ScreenModel(payload["parts"], payload.get("info"))


def as_screen_model(model: object, *, lang: str | None = None) -> ScreenModel:
    """Return ``model`` as a :class:`ScreenModel` (a path is loaded)."""
    if isinstance(model, ScreenModel):
        return model
    if isinstance(model, (str, Path)):
        return load_screen_model(model, lang=lang)
    raise ParameterError(t("text.bad_screen_model", lang))
