"""Teaching helpers of notebook 04-influencer: Latihan checkers and the partner explorer.

Checkers (:func:`check_top_candidate`, :func:`check_partner_without_budget`) judge a
learner's answer on the tables of :mod:`humaskit.influencers`; :func:`filter_options` and
:func:`explore_partners` feed the ``ipywidgets.interact`` partner explorer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from .. import schema
from ..i18n import label, resolve, t
from ..privacy import normalize_handles
from .core import Feedback, answer_guard, read_text

__all__ = [
    "check_top_candidate",
    "check_partner_without_budget",
    "filter_options",
    "explore_partners",
]


def _norm(answer: Any) -> str | None:
    if answer is None or (isinstance(answer, float) and pd.isna(answer)):
        return None
    value = normalize_handles([read_text(answer)])[0]
    return None if pd.isna(value) else str(value)


def _check_pick(
    answer: Any,
    table: pd.DataFrame,
    pool: pd.DataFrame,
    none_key: str,
    right: Callable[[pd.Series], str],
    wrong: Callable[[pd.Series], str],
    lang: str,
) -> Feedback:
    """Judge a handle picked from ``table`` when the expected one is the top-ranked of ``pool``.

    ``right(best)`` says why a right answer is right; ``wrong(row)`` why the answer's row
    is not; an empty pool, an empty answer or a handle not in ``table`` have their own
    sentences.
    """
    if pool.empty:
        return Feedback(False, t(none_key, lang))
    best = pool.sort_values("rank").iloc[0]
    given = _norm(answer)
    if not given:
        return Feedback(False, t("influencers.check_empty", lang))
    if given == _norm(best["handle"]):
        return Feedback(True, right(best))
    hit = table[normalize_handles(table["handle"]) == given]
    if hit.empty:
        return Feedback(False, t("influencers.check_not_in_table", lang, handle=answer))
    return Feedback(False, wrong(hit.iloc[0]))


@answer_guard
def check_top_candidate(answer: Any, leaders: pd.DataFrame, *, lang: str | None = None) -> Feedback:
    """Check the answer to "which new candidate (not registered) leads the conversation?".

    ``leaders`` is the table of :func:`humaskit.influencers.opinion_leaders`; the answer is
    a handle as shown there (pseudonyms included).

    Examples
    --------
    >>> import pandas as pd
    >>> lead = pd.DataFrame({"rank": [1, 2, 3], "handle": ["ani", "warga-1a2b3c", "budi"],
    ...     "status": ["registered", "candidate", "candidate"], "in_weight": [50, 40, 10]})
    >>> check_top_candidate("@warga-1a2b3c", lead, lang="en").correct
    True
    >>> print(check_top_candidate("ani", lead, lang="en"))
    ❌ Not yet: ani is already in the register. Look for the highest row whose status is 'candidate'.
    """
    lang = resolve(lang)

    def right(best: pd.Series) -> str:
        n = int(best.get("in_weight", 0))
        rank = int(best["rank"])
        return t("influencers.check_candidate_ok", lang, handle=best["handle"], rank=rank, n=n)

    def wrong(row: pd.Series) -> str:
        if row["status"] == "registered":
            return t("influencers.check_registered", lang, handle=row["handle"])
        rank = int(row["rank"])
        return t("influencers.check_lower_candidate", lang, handle=row["handle"], rank=rank)

    cand = leaders[leaders["status"] == "candidate"]
    return _check_pick(answer, leaders, cand, "influencers.check_no_candidates", right, wrong, lang)


@answer_guard
def check_partner_without_budget(
    answer: Any, ranking: pd.DataFrame, *, lang: str | None = None
) -> Feedback:
    """Check the answer to "which partner would you ask first when there is no budget?".

    The expected answer is the best-scoring account of
    :func:`humaskit.influencers.rank_partners` whose relation is ``unpaid`` or ``barter``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"rank": [1, 2], "handle": ["ani", "budi"],
    ...                   "relation": ["paid", "unpaid"], "score": [80.0, 70.0]})
    >>> check_partner_without_budget("budi", r, lang="en").correct
    True
    """
    lang = resolve(lang)

    def right(best: pd.Series) -> str:
        score = f"{float(best['score']):.0f}"
        return t("influencers.check_free_ok", lang, handle=best["handle"], score=score)

    def wrong(row: pd.Series) -> str:
        if row["relation"] == "paid":
            return t("influencers.check_paid", lang, handle=row["handle"])
        return t("influencers.check_lower_free", lang, handle=row["handle"], rank=int(row["rank"]))

    free = ranking[ranking["relation"].isin(["unpaid", "barter"]).fillna(False).astype(bool)]
    return _check_pick(answer, ranking, free, "influencers.check_no_free", right, wrong, lang)


def filter_options(ranking: pd.DataFrame, *, lang: str | None = None) -> dict[str, list[str]]:
    """Choices for the partner filter widgets: publics, platforms and topics in the ranking.

    Each list starts with the word for "all" in the chosen language.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"publics": ["UMKM, pelajar", None], "platform": ["x", "tiktok"],
    ...                   "topics": ["umkm, kuliner", "banjir"]})
    >>> filter_options(r, lang="en")["public"]
    ['all', 'UMKM', 'pelajar']
    """
    every = t("common.all", lang)

    def split(col: str) -> list[str]:
        if col not in ranking.columns:
            return []
        vals = ranking[col].dropna().astype("str").str.split(",").explode().str.strip()
        return sorted({v for v in vals if v})

    return {
        "public": [every, *split("publics")],
        "platform": [every, *split("platform")],
        "topic": [every, *split("topics")],
    }


def explore_partners(
    ranking: pd.DataFrame,
    public: str | None = None,
    platform: str | None = None,
    topic: str | None = None,
    top: int = 10,
    *,
    lang: str | None = None,
) -> pd.DataFrame:
    """Filter a ranking of partners by public, platform and topic, for people.

    ``ranking`` is the table of :func:`humaskit.influencers.rank_partners`.

    Made for ``ipywidgets.interact``: every filter accepts the word for "all"
    (``semua``/``all``) or None. Returns the best ``top`` rows with translated headers.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"rank": [1, 2], "handle": ["ani", "budi"],
    ...     "platform": ["instagram", "x"], "role": ["influencer", "staff"],
    ...     "score": [80.0, 60.0], "publics": ["UMKM", "pelajar"],
    ...     "topics": ["umkm", "jalan"], "reasons": ["a", "b"]})
    >>> explore_partners(r, public="pelajar", lang="en").iloc[:, 1].tolist()
    ['budi']
    """
    lang = resolve(lang)
    alls = {None, "", t("common.all", "id"), t("common.all", "en")}
    out = ranking
    for col, value in (("publics", public), ("platform", platform), ("topics", topic)):
        if value in alls or col not in out.columns:
            continue
        if col == "platform":
            out = out[out[col] == schema.platform_code(value, strict=False)]
        else:
            parts = out[col].astype("str").str.lower().str.split(",")
            want = str(value).strip().lower()
            hit = parts.map(
                lambda xs, w=want: isinstance(xs, list) and w in [x.strip() for x in xs]
            )
            out = out[hit.fillna(False).astype(bool)]
    keep = [
        c
        for c in ("rank", "handle", "platform", "role", "relation", "score", "publics", "reasons")
        if c in out.columns
    ]
    shown = out[keep].head(int(top)).copy()
    if "platform" in shown.columns:
        shown["platform"] = shown["platform"].map(lambda p: label(str(p), lang))
    if "role" in shown.columns:
        shown["role"] = shown["role"].map(lambda p: label(f"role_{p}", lang) if pd.notna(p) else p)
    if "relation" in shown.columns:
        shown["relation"] = shown["relation"].map(
            lambda p: label(f"relation_{p}", lang) if pd.notna(p) else p
        )
    shown.columns = [label(c, lang) for c in shown.columns]
    return shown.reset_index(drop=True)
