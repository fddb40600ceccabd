"""Helpers shared by the parts of :mod:`humaskit.influencers` (not public API)."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ..paths import package_file
from ..schema import engagements as engagements_of

#: Post metrics summed into engagements (same definition as humaskit.evaluation).
#: Columns tried in order for the reach of one item; the first one reported is used.
REACH_BASES = ("reach", "impressions", "views")


def optional_module(name: str) -> Any | None:
    """Return ``humaskit.<name>`` when another part of the kit provides it, else None."""
    try:
        return importlib.import_module(f"humaskit.{name}")
    except ImportError:
        return None


def arrow(values: pd.Series):
    """The text column as one contiguous pyarrow string array (nulls kept)."""
    import pyarrow as pa

    arr = pa.array(values.astype("str"))
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr


def split_handles(values: pd.Series) -> pd.DataFrame:
    """Explode a column of handle lists (space, comma, semicolon or | separated).

    Returns a DataFrame with the position of the row in ``values`` (column ``row``) and
    one normalised ``handle`` per line (``@`` removed, lower case, empties dropped).
    Runs in pyarrow (fast on millions of rows).
    """
    import pyarrow.compute as pc

    arr = arrow(values)
    lists = pc.split_pattern_regex(arr, "[ \\t\\n\\r,;|]+")
    flat = pc.list_flatten(lists)
    parent = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
    handles = pd.Series(pd.array(flat, dtype="str"), dtype="str")
    handles = handles.str.lstrip("@").str.rstrip(".:!?").str.lower()
    keep = (handles.str.len() > 0).fillna(False).to_numpy()
    return pd.DataFrame(
        {"row": parent[keep].astype(np.int64), "handle": handles[keep].reset_index(drop=True)}
    )


def engagements(data: pd.DataFrame) -> pd.Series:
    """likes + comments + shares + saves, counting only reported metrics (none -> NA)."""
    return pd.Series(pd.array(engagements_of(data), dtype="Float64"), index=data.index)


def reach_with_basis(
    data: pd.DataFrame, fallback: str | None = None
) -> tuple[pd.Series, pd.Series]:
    """Return (reach, basis): the first reported of reach/impressions/views (or ``fallback``)."""
    reach = pd.Series(pd.NA, index=data.index, dtype="Float64")
    basis = pd.Series(pd.NA, index=data.index, dtype="str")
    cols = [c for c in REACH_BASES if c in data.columns]
    if fallback and fallback in data.columns:
        cols.append(fallback)
    for c in cols:
        v = data[c].astype("Float64")
        take = reach.isna() & v.notna()
        reach = reach.where(~take, v)
        basis = basis.where(~take, "followers" if c == "author_followers" else c)
    return reach, basis


def as_list(values: str | Iterable[str] | None) -> list[str]:
    """A theme/public/topic list from a comma separated text or an iterable."""
    if values is None:
        return []
    if isinstance(values, str):
        values = values.split(",")
    return [str(v).strip() for v in values if str(v).strip()]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = package_file("influencers", "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


def tokens(texts: pd.Series) -> pd.Series:
    """Lower-case word tokens (letters only, 3+ characters, stopwords removed), exploded.

    The index of each token is the index of its text.
    """
    s = texts.astype("str").str.lower()
    s = s.str.replace(r"https?://[^ \t\n\r]+|@[a-z0-9_.]+", " ", regex=True)
    s = s.str.replace(r"[^a-z]+", " ", regex=True).str.strip()
    words = s.str.split(" ").explode()
    words = words[words.notna() & (words.str.len() >= 3)]
    return words[~words.isin(stopwords())]


def term_counts(texts: pd.Series, top: int = 300) -> pd.Series:
    """Counts of the most frequent terms (humaskit.text.keywords when present, else words)."""
    texts = texts.dropna()
    if texts.empty:
        return pd.Series(dtype="int64")
    text_mod = optional_module("text")
    if text_mod is not None and hasattr(text_mod, "keywords"):
        try:
            kw = text_mod.keywords(texts.reset_index(drop=True), top=top)
            if {"term", "count"} <= set(kw.columns) and len(kw):
                return pd.Series(kw["count"].to_numpy(), index=kw["term"].astype(str).to_numpy())
        except Exception:  # noqa: BLE001 - fall back to the simple count below
            pass
    words = tokens(texts)
    return words.value_counts().head(top) if len(words) else pd.Series(dtype="int64")


def distinctive_terms(texts: pd.Series, background: pd.Series, n: int = 5) -> list[str]:
    """Terms frequent in ``texts`` and more frequent there than in ``background`` counts.

    Score = count x log(share in texts / share in background), for terms at least 1.25
    times as common as in the background: words every group uses (the city's name,
    "warga") drop out, the group's own subject stays. When no term stands out, the most
    frequent one is returned.
    """
    mine = term_counts(texts)
    if mine.empty:
        return []
    if background is None or background.empty:
        return [str(x) for x in mine.head(n).index]
    share = mine / mine.sum()
    base = background.reindex(mine.index).fillna(0) + 1
    base_share = base / (background.sum() + len(mine))
    lift = np.log(share / base_share)
    score = (mine * lift)[lift > np.log(1.25)].sort_values(ascending=False)
    terms = [str(x) for x in score.head(n).index]
    return terms or [str(x) for x in mine.head(1).index]


def top_terms(texts: pd.Series, n: int = 5) -> list[str]:
    """The ``n`` most frequent terms: humaskit.text.keywords when present, else word counts."""
    texts = texts.dropna()
    if texts.empty:
        return []
    text_mod = optional_module("text")
    if text_mod is not None and hasattr(text_mod, "keywords"):
        try:
            kw = text_mod.keywords(texts.reset_index(drop=True), top=n)
            if "term" in kw.columns and len(kw):
                return [str(x) for x in kw["term"].head(n)]
        except Exception:  # noqa: BLE001 - fall back to the simple count below
            pass
    words = tokens(texts)
    if words.empty:
        return []
    return [str(x) for x in words.value_counts().head(n).index]


def sentiment_labels(texts: pd.Series, precomputed: pd.Series | None = None) -> pd.Series | None:
    """Labels positive/neutral/negative for ``texts`` or None when no engine is available.

    ``precomputed`` (a ``sentiment`` column already in the data) wins over
    ``humaskit.text.sentiment``.
    """
    if precomputed is not None:
        return precomputed.astype("str").str.lower()
    text_mod = optional_module("text")
    if text_mod is None or not hasattr(text_mod, "sentiment"):
        return None
    if texts.empty:
        return pd.Series([], dtype="str")
    try:
        res = text_mod.sentiment(texts.reset_index(drop=True))
    except Exception:  # noqa: BLE001 - sentiment is an optional part of the evidence
        return None
    lab = pd.Series(np.asarray(res["label"].astype("str")), index=texts.index, dtype="str")
    return lab


def net_sentiment(labels: pd.Series) -> float:
    """(positive - negative) / all, in [-1, 1]; NaN for no labels."""
    n = int(labels.notna().sum())
    if n == 0:
        return float("nan")
    pos = int((labels == "positive").sum())
    neg = int((labels == "negative").sum())
    return (pos - neg) / n


def check_choice(name: str, value: Any, allowed: Iterable[Any], lang: str | None) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise ParameterError(
            t(
                "influencers.bad_choice",
                lang,
                name=name,
                value=value,
                allowed=", ".join(str(a) for a in allowed),
            )
        )


def check_positive(name: str, value: Any, lang: str | None, *, minimum: float = 0) -> None:
    try:
        ok = float(value) >= minimum
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ParameterError(
            t("influencers.bad_number", lang, name=name, value=value, minimum=minimum)
        )
