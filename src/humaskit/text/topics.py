"""Keywords and issues: what people talk about, what is rising, which issues stand out.

:func:`keywords`
    Top terms and phrases of a set of texts (stopwords left out, adjacent words
    joined into phrases such as ``jalan rusak``), counted as the number of texts that
    use them, and their change against a previous period.
:func:`issues`
    Groups mentions into issues (topics found with non-negative matrix factorisation
    of TF-IDF over words and two-word phrases, fitted as scikit-learn does; a month of
    mentions without importing it: :mod:`humaskit.text.factorize`), each
    with a label made of its top terms, its size, its sentiment shares and example
    mentions.

Examples
--------
>>> kw = keywords(["Jalan rusak di Jl. Melati", "jalan rusak lagi min", "lampu mati"])
>>> kw.loc[0, "term"], int(kw.loc[0, "count"])
('jalan rusak', 2)
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import ParameterError, SchemaError
from ..i18n import t
from .lexicon import wordlist
from .tokens import BOUNDARIES, Tokens, as_texts, norm_phrase, to_arrow, tokenize

__all__ = ["keywords", "issues"]


#: Below this many texts, issue grouping runs on one thread (faster on a busy laptop) and
#: without scikit-learn (:mod:`humaskit.text.factorize`); from it on, scikit-learn's compiled
#: fits are used when installed (the same results; its import pays off on big inputs).
SINGLE_THREAD_BELOW = 20_000


@lru_cache(maxsize=1)
def _default_stopwords() -> frozenset[str]:
    words: set[str] = set()
    for entry in wordlist("stopwords.txt"):
        words.update(norm_phrase(entry))
        words.add(entry)
    return frozenset(words)


def _stopwords(extra: Iterable[str] | None, lang: str | None) -> frozenset[str]:
    if extra is None:
        return _default_stopwords()
    if isinstance(extra, str) or not isinstance(extra, Iterable):
        raise ParameterError(t("text.bad_stopwords", lang))
    words = set(_default_stopwords())
    for entry in extra:
        words.add(str(entry).lower())
        words.update(norm_phrase(str(entry)))
    return frozenset(words)


def _content(tok: Tokens, stop: frozenset[str]) -> np.ndarray:
    """Per vocabulary entry: can the token be (part of) a keyword."""
    return np.array(
        [
            w not in stop
            and w not in BOUNDARIES
            and len(w) >= 3
            and any(c.isalpha() for c in w)
            and not w.startswith("-")
            for w in tok.vocab
        ],
        dtype=bool,
    )


#: Components fitted per issue asked for (see :func:`issues`).
FIT_FACTOR = 2
#: Least cosine similarity between a mention and its issue's term profile.
MIN_FIT = 0.1
#: Groups whose term profiles have at least this cosine similarity are one issue.
MERGE_SIM = 0.15
#: Least share of a group's mentions using one same term for the group to be an issue.
MIN_TERM_SHARE = 0.3
#: A term used in more than this share of all mentions is left out of the grouping
#: (it says nothing about any one issue); a month-dominating issue stays below it.
NEARLY_ALL = 0.9


def _ngram_docs(tok: Tokens, ok_v: np.ndarray, n: int) -> tuple[np.ndarray, list[str]]:
    """(row, term index) pairs, one per text and n-gram, and the n-gram strings."""
    total = len(tok.ids)
    if total < n:
        return np.zeros((0, 2), dtype=np.int64), []
    ok = ok_v[tok.ids]
    m = total - n + 1
    good = np.ones(m, dtype=bool)
    for k in range(n):
        good &= ok[k : k + m]
    good &= tok.row[:m] == tok.row[n - 1 : n - 1 + m]
    if n == 2:  # "jalan-jalan" or "jalan jalan" is not a phrase
        good &= tok.ids[:m] != tok.ids[1 : 1 + m]
    pos = np.flatnonzero(good)
    if not len(pos):
        return np.zeros((0, 2), dtype=np.int64), []
    size = max(len(tok.vocab), 1)
    if size**n < 2**62:  # one integer per n-gram: fast unique
        keys = tok.ids[pos].copy()
        for k in range(1, n):
            keys = keys * size + tok.ids[pos + k]
        uniq, inv = np.unique(keys, return_inverse=True)
        parts = [(uniq // size ** (n - 1 - k)) % size for k in range(n)]
        names = [" ".join(tok.vocab[i] for i in tup) for tup in zip(*parts, strict=True)]
    else:
        stacked = np.stack([tok.ids[pos + k] for k in range(n)], axis=1)
        uniq, inv = np.unique(stacked, axis=0, return_inverse=True)
        names = [" ".join(tok.vocab[i] for i in tup) for tup in uniq]
    m_terms = max(len(names), 1)
    doc_keys = np.unique(tok.row[pos] * m_terms + inv.ravel())
    pairs = np.stack([doc_keys // m_terms, doc_keys % m_terms], axis=1)
    return pairs, names


def _counts(texts: object, ngram: tuple[int, int], stop: frozenset[str]) -> tuple[pd.Series, int]:
    """Number of texts using each term, and the number of texts."""
    s = as_texts(texts)
    tok = tokenize(to_arrow(s))
    ok_v = _content(tok, stop)
    parts = []
    for n in range(ngram[0], ngram[1] + 1):
        pairs, names = _ngram_docs(tok, ok_v, n)
        if len(pairs):
            counts = np.bincount(pairs[:, 1], minlength=len(names))
            parts.append(pd.Series(counts, index=pd.Index(names, dtype="str")))
    if not parts:
        return pd.Series([], dtype="int64", index=pd.Index([], dtype="str")), len(s)
    out = pd.concat(parts)
    return out.groupby(level=0).sum(), len(s)


def _check_ngram(ngram: object, lang: str | None) -> tuple[int, int]:
    if (
        not isinstance(ngram, tuple | list)
        or len(ngram) != 2
        or not all(isinstance(x, int) for x in ngram)
        or not 1 <= ngram[0] <= ngram[1] <= 4
    ):
        raise ParameterError(t("text.bad_ngram", lang, ngram=ngram))
    return int(ngram[0]), int(ngram[1])


def keywords(
    texts: object,
    *,
    top: int = 20,
    ngram: tuple[int, int] | None = None,
    stopwords: Iterable[str] | None = None,
    previous: object = None,
    min_count: int = 1,
    sort: str = "count",
    lang: str | None = None,
) -> pd.DataFrame:
    """Top terms and phrases of texts, optionally compared with a previous period.

    Parameters
    ----------
    texts : Series, list of str, or DataFrame with a ``text`` column
        Mentions, comments or captions of the period.
    top : int
        How many terms to return.
    ngram : (int, int), optional
        Shortest and longest phrase, in words: ``(1, 2)`` gives words and two-word
        phrases (``jalan rusak``); ``(2, 2)`` only phrases. Default: words and two-word
        phrases, plus a three-word phrase where it carries most uses of a two-word
        one (``identitas kependudukan digital`` rather than its two halves).
    stopwords : iterable of str, optional
        Extra words to leave out (added to ``data/text/stopwords.txt``), e.g. the name
        of your institution.
    previous : texts, optional
        Texts of the previous period: adds ``previous_count``, ``previous_share`` and
        ``change`` (share now minus share then, in share points) so rising terms show.
    min_count : int
        Leave out terms used in fewer texts.
    sort : {"count", "change"}
        Rank by how many texts use the term, or by its rise (needs ``previous``).
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    DataFrame
        ``term, words, count, share`` (share of texts using the term) and, with
        ``previous``, ``previous_count, previous_share, change``. A word that almost
        always appears inside one of the listed phrases is left out in favour of the
        phrase.

    Examples
    --------
    >>> now = ["jalan rusak parah", "jalan rusak lagi", "banjir di pasar", "banjir lagi"]
    >>> before = ["banjir di pasar", "banjir lagi", "banjir terus", "lampu mati"]
    >>> kw = keywords(now, previous=before, sort="change")
    >>> kw.loc[0, "term"], float(kw.loc[0, "change"])
    ('jalan rusak', 0.5)
    """
    wider = (1, 3) if ngram is None else _check_ngram(ngram, lang)
    if not isinstance(top, int) or top < 1:
        raise ParameterError(t("text.bad_top", lang, top=top))
    if sort not in ("count", "change"):
        raise ParameterError(t("text.bad_sort", lang, sort=sort))
    if sort == "change" and previous is None:
        raise ParameterError(t("text.sort_needs_previous", lang))
    stop = _stopwords(stopwords, lang)
    counts, n_texts = _counts(texts, wider, stop)
    if ngram is None:
        counts = _carrying(counts, 2)
    counts = counts[counts >= max(int(min_count), 1)]
    columns = ["term", "words", "count", "share"]
    if previous is not None:
        columns += ["previous_count", "previous_share", "change"]
    if not len(counts):
        empty = pd.DataFrame({c: [] for c in columns})
        empty["term"] = empty["term"].astype("str")
        return empty
    out = pd.DataFrame({"term": counts.index.astype("str"), "count": counts.to_numpy()})
    out["words"] = out["term"].str.count(" ") + 1
    out = _drop_parts(out)
    out["share"] = out["count"] / max(n_texts, 1)
    if previous is not None:
        prev_counts, n_prev = _counts(previous, wider, stop)
        out["previous_count"] = out["term"].map(prev_counts).fillna(0).astype("int64").to_numpy()
        out["previous_share"] = out["previous_count"] / max(n_prev, 1)
        out["change"] = out["share"] - out["previous_share"]
    key = ["count", "words"] if sort == "count" else ["change", "count"]
    out = out.sort_values([*key, "term"], ascending=[False, False, True], kind="stable")
    out = out.head(top).reset_index(drop=True)
    out["count"] = out["count"].astype("int64")
    out["words"] = out["words"].astype("int64")
    return out[columns]


def _carrying(counts: pd.Series, longest: int, ratio: float = 0.8) -> pd.Series:
    """Keep a phrase one word longer than ``longest`` only where it carries most uses of
    its first or last ``longest`` words (then :func:`_drop_parts` drops that part)."""
    n_words = counts.index.str.count(" ") + 1
    longer = counts[n_words > longest]
    if not len(longer):
        return counts
    words = longer.index.str.split(" ")
    head = counts.reindex(words.str[:-1].str.join(" ")).fillna(0).to_numpy()
    tail = counts.reindex(words.str[1:].str.join(" ")).fillna(0).to_numpy()
    n = longer.to_numpy()
    carries = ((head > 0) & (n >= ratio * head)) | ((tail > 0) & (n >= ratio * tail))
    kept = longer[carries & (n >= 2)].sort_values(ascending=False, kind="stable")
    # of two kept phrases sliding one word ("masuk rumah setinggi", "rumah setinggi
    # lutut"), the more used one stays
    seen: set[str] = set()
    keep = []
    for term in kept.index:
        w = term.split(" ")
        if " ".join(w[1:]) in seen or " ".join(w[:-1]) in seen:
            continue
        keep.append(term)
        seen.update((" ".join(w[1:]), " ".join(w[:-1])))
    return pd.concat([counts[n_words <= longest], kept[keep]])


def _drop_parts(table: pd.DataFrame, ratio: float = 0.8) -> pd.DataFrame:
    """Leave out a term when a longer term containing it covers most of its uses."""
    longer = table[table["words"] > 1]
    if not len(longer):
        return table
    best: dict[str, int] = {}
    for term, count in zip(longer["term"], longer["count"], strict=True):
        words = term.split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                if j - i < len(words):
                    part = " ".join(words[i:j])
                    best[part] = max(best.get(part, 0), int(count))
    covered = table["term"].map(best).fillna(0).to_numpy()
    keep = covered < ratio * table["count"].to_numpy()
    return table[keep].reset_index(drop=True)


# -------------------------------------------------------------------- issues


def _period_mask(created: pd.Series, period: object, tz: str, lang: str | None) -> np.ndarray:
    """Rows of ``created`` (UTC times) inside ``period`` in the institution's zone."""
    times = pd.to_datetime(created, utc=True, errors="coerce")
    if times.isna().all() and len(times):
        raise SchemaError(t("text.bad_created_at", lang))
    local = times.dt.tz_convert(tz)
    if isinstance(period, str) and period.lower() in ("terakhir", "last", "latest"):
        last = local.max()
        if pd.isna(last):
            return np.zeros(len(times), dtype=bool)
        period = f"{last.year:04d}-{last.month:02d}"
    if isinstance(period, tuple | list) and len(period) == 2:
        try:
            start = pd.Timestamp(period[0])
            end = pd.Timestamp(period[1])
        except (TypeError, ValueError):
            raise ParameterError(t("text.bad_period", lang, period=period)) from None
        start = start.tz_localize(tz) if start.tzinfo is None else start.tz_convert(tz)
        end = end.tz_localize(tz) if end.tzinfo is None else end.tz_convert(tz)
        if end == end.normalize():
            end = end + pd.Timedelta(days=1)
        return ((local >= start) & (local < end)).fillna(False).to_numpy(dtype=bool)
    try:
        p = period if isinstance(period, pd.Period) else pd.Period(str(period))
    except (TypeError, ValueError):
        raise ParameterError(t("text.bad_period", lang, period=period)) from None
    start = p.start_time.tz_localize(tz)
    end = (p.end_time + pd.Timedelta(1, "ns")).tz_localize(tz)
    return ((local >= start) & (local < end)).fillna(False).to_numpy(dtype=bool)


def _mask_example(texts: list[str], lang: str | None) -> list[str]:
    """Example texts safe to show: personal data masked, handles hidden, shortened."""
    import re

    from ..privacy import mask_personal_data

    masked = mask_personal_data(pd.Series(texts, dtype="str"), lang=lang).tolist()
    handle = "@" + t("text.hidden_handle", lang)
    out = []
    for text in masked:
        text = re.sub(r"(?<![\w@])@\w+", handle, str(text))
        text = " ".join(text.split())
        out.append(text if len(text) <= 200 else text[:197].rstrip() + "...")
    return out


def issues(
    mentions: pd.DataFrame,
    *,
    period: object = None,
    n: int = 10,
    examples: int = 3,
    stopwords: Iterable[str] | None = None,
    tz: str = "Asia/Jakarta",
    lang: str | None = None,
) -> pd.DataFrame:
    """Group mentions into issues, with a label, size, sentiment and example mentions.

    Mentions are grouped by non-negative matrix factorisation of their words and
    two-word phrases (TF-IDF), fitted with :data:`FIT_FACTOR` times ``n`` groups so
    that no catch-all group swallows small issues. A group whose two halves have
    little in common is split; groups alike in every part (cosine of their profiles
    at least :data:`MERGE_SIM`) are merged; the ``n`` largest are returned. A mention
    far from its group's profile (cosine below :data:`MIN_FIT`: chatter, one-off
    remarks) joins none, and so does a group in which no term is used by at least
    :data:`MIN_TERM_SHARE` of its mentions; the shares need not add up to 1. The label holds the
    terms that set an issue apart (share of its mentions using a term times the
    squared inverse document frequency, for terms at least 1.5 times as common in the
    issue as overall), a phrase in place of its word when the phrase carries most of
    the word's uses. Terms in more than :data:`NEARLY_ALL` of the mentions are left
    out of the grouping, unless nothing else is left.

    Parameters
    ----------
    mentions : DataFrame
        The canonical mentions table (``text``; ``created_at`` when ``period`` is given;
        ``mention_id`` for the examples, else the row index is used).
    period : str, tuple or Period, optional
        ``"2025-09"`` (a month), ``"2025-09-15"`` (a day), ``("2025-09-01",
        "2025-09-15")`` (days, inclusive) or ``"terakhir"`` (the latest month in the
        data), in the institution's time zone ``tz``. ``None``: all mentions.
    n : int
        Largest number of issues to return (fewer when the texts do not support them).
    examples : int
        Example mentions per issue (those closest to the issue).
    stopwords : iterable of str, optional
        Extra words to leave out, such as the institution's name.
    tz : str
        Time zone of the period (``Asia/Jakarta`` WIB, ``Asia/Makassar`` WITA,
        ``Asia/Jayapura`` WIT).
    lang : {"id", "en"}, optional
        Language of messages and masked example texts.

    Returns
    -------
    DataFrame
        One row per issue, largest first: ``issue`` (1, 2, ...), ``label`` (top terms),
        ``terms`` (more terms), ``size`` (mentions), ``share`` (of all mentions with
        words, including those in no issue), ``positive``, ``neutral``, ``negative`` (shares of the issue),
        ``first_seen``, ``last_seen`` (when ``created_at`` is there), ``examples``
        (mention ids, comma separated) and ``example_text`` (the most typical mention,
        with personal data masked and handles hidden).

    Examples
    --------
    >>> m = pd.DataFrame({"mention_id": [str(i) for i in range(8)], "text": [
    ...     "jalan rusak parah di depan pasar", "jalan rusak berlubang tolong diperbaiki",
    ...     "jalan rusak lagi min", "lubang jalan rusak bahaya",
    ...     "sampah menumpuk di pasar", "sampah tidak diangkut seminggu",
    ...     "sampah bau menumpuk", "truk sampah tidak datang"]})
    >>> out = issues(m, n=2)
    >>> out[["label", "size"]].values.tolist()
    [['jalan rusak', 4], ['menumpuk / sampah', 4]]
    """
    if not isinstance(mentions, pd.DataFrame):
        raise ParameterError(t("text.issues_needs_table", lang))
    if "text" not in mentions.columns:
        raise SchemaError(t("text.no_text_column", lang, name="mentions"))
    if not isinstance(n, int) or n < 1:
        raise ParameterError(t("text.bad_top", lang, top=n))
    data = mentions
    if period is not None:
        if "created_at" not in data.columns:
            raise SchemaError(t("text.period_needs_created_at", lang))
        data = data[_period_mask(data["created_at"], period, tz, lang)]
    columns = [
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
    ids = (
        data["mention_id"].astype("str").fillna("").to_numpy(dtype=object)
        if "mention_id" in data.columns
        else np.array([str(i) for i in data.index], dtype=object)
    )
    tok = tokenize(to_arrow(data["text"]))
    stop = _stopwords(stopwords, lang)
    ok_v = _content(tok, stop)
    pairs1, names1 = _ngram_docs(tok, ok_v, 1)
    pairs2, names2 = _ngram_docs(tok, ok_v, 2)
    names = names1 + names2
    if len(pairs2):
        pairs2 = pairs2.copy()
        pairs2[:, 1] += len(names1)
    pairs = np.concatenate([pairs1, pairs2]) if len(names) else np.zeros((0, 2), dtype=np.int64)
    if not len(pairs):
        return _empty_issues(columns)
    from scipy import sparse

    n_docs = tok.n
    df_counts = np.bincount(pairs[:, 1], minlength=len(names))
    keep_term = df_counts >= 2 if n_docs >= 20 else df_counts >= 1
    # a term in nearly every mention says nothing about the issue, unless every term
    # is such (one complaint copied by everyone is one issue, not none)
    common = keep_term & (df_counts <= max(NEARLY_ALL * n_docs, 2))
    if common[pairs[:, 1]].any():
        keep_term = common
    pairs = pairs[keep_term[pairs[:, 1]]]
    if not len(pairs):
        return _empty_issues(columns)
    idf = np.log((1 + n_docs) / (1 + df_counts)) + 1.0
    weights = idf[pairs[:, 1]]
    mat = sparse.csr_matrix((weights, (pairs[:, 0], pairs[:, 1])), shape=(n_docs, len(names)))
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    has_words = norms > 0
    norms[~has_words] = 1.0
    mat = sparse.diags(1.0 / norms) @ mat
    docs = np.flatnonzero(has_words)
    # fit more components than issues asked for, so that no catch-all issue swallows
    # several small ones; the n largest are reported
    k = int(min(max(n, min(FIT_FACTOR * n, len(docs) // 4)), max(1, len(docs) // 2)))
    k = max(1, min(k, int(keep_term.sum())))  # no more groups than distinct terms
    sub = mat[docs]
    if k == 1 or len(docs) < 3:
        assign = np.zeros(len(docs), dtype=np.int64)
    else:
        from threadpoolctl import threadpool_limits

        from .factorize import fitters

        nmf, two_means = fitters(sub.shape[0])
        # a month of comments is small: one thread is faster than two fighting for busy cores
        threads = 1 if sub.shape[0] < SINGLE_THREAD_BELOW else None
        with np.errstate(all="ignore"), threadpool_limits(limits=threads):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                doc_topic, _ = nmf(sub, k, max_iter=300, tol=1e-3, seed=0)
            assign = doc_topic.argmax(axis=1)
            assign[doc_topic.max(axis=1) <= 0] = -1
            assign = _split_mixed(sub, assign, two_means)
        assign = _merge_similar(sub, assign)
    centroids = _centroids(sub, assign)
    fit = _fit(sub, assign, centroids)
    if centroids.shape[0] > 1:
        # a mention far from every issue (chatter, one-off remarks) joins none
        assign[fit < MIN_FIT] = -1
    from .polarity import lexicon_sentiment

    labels_all = lexicon_sentiment(data["text"].reset_index(drop=True))["label"].to_numpy()
    created = (
        pd.to_datetime(data["created_at"], utc=True, errors="coerce").reset_index(drop=True)
        if "created_at" in data.columns
        else None
    )
    texts_all = to_arrow(data["text"]).to_pylist()
    n_with_words = len(docs)
    rows = []
    for topic in range(centroids.shape[0]):
        members = np.flatnonzero(assign == topic)
        if not len(members):
            continue
        used = np.asarray((sub[members] > 0).sum(axis=0)).ravel().astype(float)
        if len(members) >= 10 and used.max() / len(members) < MIN_TERM_SHARE:
            continue  # no word holds the group together: chatter, not an issue
        doc_rows = docs[members]
        top_terms = _label_terms(used, len(members), df_counts, n_docs, names)
        best = doc_rows[np.argsort(-fit[members], kind="stable")[:examples]]
        lab = labels_all[doc_rows]
        rows.append(
            {
                "label": " / ".join(top_terms[:3]),
                "terms": ", ".join(top_terms),
                "size": len(members),
                "share": len(members) / n_with_words,
                "positive": float((lab == "positive").mean()),
                "neutral": float((lab == "neutral").mean()),
                "negative": float((lab == "negative").mean()),
                "first_seen": created.iloc[doc_rows].min() if created is not None else pd.NaT,
                "last_seen": created.iloc[doc_rows].max() if created is not None else pd.NaT,
                "examples": ", ".join(ids[best]),
                "example_text": texts_all[best[0]],
            }
        )
    if not rows:
        return _empty_issues(columns)
    out = pd.DataFrame(rows).sort_values(["size", "label"], ascending=[False, True])
    out = out.head(n).reset_index(drop=True)
    out.insert(0, "issue", np.arange(1, len(out) + 1, dtype="int64"))
    out["example_text"] = _mask_example(out["example_text"].tolist(), lang)
    for col in ("label", "terms", "examples", "example_text"):
        out[col] = out[col].astype("str")
    out["size"] = out["size"].astype("int64")
    if created is None:
        out["first_seen"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns, UTC]")
        out["last_seen"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns, UTC]")
    return out[columns]


def _centroids(sub, assign: np.ndarray) -> np.ndarray:
    """Mean term profile of each group's mentions (rows of unit length)."""
    k = int(assign.max()) + 1 if len(assign) and assign.max() >= 0 else 0
    if k == 0:
        return np.zeros((0, sub.shape[1]))
    ok = assign >= 0
    from scipy import sparse

    member = sparse.csr_matrix(
        (np.ones(int(ok.sum())), (assign[ok], np.flatnonzero(ok))), shape=(k, sub.shape[0])
    )
    cent = np.asarray((member @ sub).todense())
    return cent / np.maximum(np.linalg.norm(cent, axis=1, keepdims=True), 1e-12)


def _fit(sub, assign: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Cosine similarity of each mention with its group's profile (0 for no group)."""
    if not centroids.shape[0]:
        return np.zeros(sub.shape[0])
    coo = sub.tocoo()
    topic_of = np.clip(assign, 0, None)[coo.row]
    fit = np.bincount(
        coo.row, weights=coo.data * centroids[topic_of, coo.col], minlength=sub.shape[0]
    )
    fit[assign < 0] = 0.0
    return fit


def _relabel(assign: np.ndarray) -> np.ndarray:
    """Group numbers 0..k-1 in order of first use; -1 stays."""
    out = np.full(len(assign), -1, dtype=np.int64)
    ok = assign >= 0
    if ok.any():
        _, inv = np.unique(assign[ok], return_inverse=True)
        out[ok] = inv
    return out


def _split_mixed(sub, assign: np.ndarray, two_means) -> np.ndarray:
    """Split a group whose two halves have little in common (cosine < :data:`MERGE_SIM`).

    A factorisation sometimes puts two unrelated issues in one group; two-means on the
    group's mentions finds the halves, which become groups of their own when their
    profiles are unlike each other.
    """
    assign = assign.copy()
    next_id = int(assign.max()) + 1
    for topic in range(next_id):
        members = np.flatnonzero(assign == topic)
        if len(members) < 10:
            continue
        rows = sub[members]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # identical mentions: one distinct point
            halves, cent = two_means(rows, n_init=3, seed=0)
        small = min(int((halves == 0).sum()), int((halves == 1).sum()))
        if small < max(5, 0.1 * len(members)):
            continue
        unit = cent / np.maximum(np.linalg.norm(cent, axis=1, keepdims=True), 1e-12)
        if float(unit[0] @ unit[1]) < MERGE_SIM:
            assign[members[halves == 1]] = next_id
            next_id += 1
    return _relabel(assign)


def _merge_similar(sub, assign: np.ndarray) -> np.ndarray:
    """Merge groups whose profiles are alike (cosine >= :data:`MERGE_SIM`).

    Fitting more groups than asked splits one issue into variants ("jalan rusak",
    "lubang jalan"); the most similar pair is merged while any pair is alike enough.
    Two merged groups must be alike in every part (complete linkage), so that a chain
    of small likenesses does not grow into one catch-all issue.
    """
    cent = _centroids(sub, assign)
    k = cent.shape[0]
    if k < 2:
        return assign
    sim = cent @ cent.T
    groups = [[i] for i in range(k)]
    while len(groups) > 1:
        best, pair = -1.0, None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                link = float(sim[np.ix_(groups[x], groups[y])].min())
                if link > best:
                    best, pair = link, (x, y)
        if best < MERGE_SIM or pair is None:
            break
        x, y = pair
        groups[x] = groups[x] + groups[y]
        del groups[y]
    new_id = np.empty(k, dtype=np.int64)
    for g, members in enumerate(groups):
        new_id[members] = g
    out = np.where(assign >= 0, new_id[np.clip(assign, 0, None)], -1)
    return _relabel(out)


def _label_terms(
    used: np.ndarray, size: int, df_counts: np.ndarray, n_docs: int, names: list[str]
) -> list[str]:
    """Terms that set an issue apart: common among its mentions, rare elsewhere.

    ``used``: how many of the issue's ``size`` mentions use each term. Score = share of
    the issue's mentions using the term x log(all mentions / mentions using it) squared
    (class-based TF-IDF); a term used by fewer than two of the issue's mentions, by
    under 10% of them, or not at least 1.5 times as often as overall is not a label.
    """
    size = max(size, 1)
    share = used / size
    score = share * np.log((1 + n_docs) / (1 + df_counts)) ** 2
    overall = df_counts / max(n_docs, 1)
    # a label term is common in the issue and clearly more common there than overall
    score[(used < min(2, size)) | (share < 0.1) | (share < 1.5 * overall)] = 0.0
    if not (score > 0).any():  # every term is everywhere: the most used ones
        score = np.where(used > 0, share, 0.0)
    order = [i for i in np.argsort(-score, kind="stable")[:12] if score[i] > 0]
    # a phrase reads better than its word when it carries most of the word's uses
    # ("perahu karet" rather than "karet")
    phrases = [i for i in np.flatnonzero(used >= 2) if " " in names[i]]
    terms: list[str] = []
    for i in order:
        term = names[i]
        if " " not in term:
            best = max(
                (j for j in phrases if term in names[j].split()),
                key=lambda j: used[j],
                default=None,
            )
            if best is not None and used[best] >= 0.7 * used[i]:
                term = names[best]
        if term not in terms:
            terms.append(term)
    return _drop_contained_terms(terms)[:8]


def _drop_contained_terms(terms: list[str]) -> list[str]:
    """``jalan rusak`` makes ``jalan`` and ``rusak`` redundant in a label."""
    phrases = [x for x in terms if " " in x]
    out = []
    for term in terms:
        if " " not in term and any(term in p.split() for p in phrases):
            continue
        out.append(term)
    return out


def _empty_issues(columns: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({c: [] for c in columns})
    for col in ("label", "terms", "examples", "example_text"):
        out[col] = out[col].astype("str")
    for col in ("issue", "size"):
        out[col] = out[col].astype("int64")
    for col in ("share", "positive", "neutral", "negative"):
        out[col] = out[col].astype(float)
    for col in ("first_seen", "last_seen"):
        out[col] = pd.Series([], dtype="datetime64[ns, UTC]")
    return out
