"""Responsiveness: who must answer which citizen, how fast they did, and what is overdue.

The rule many local governments keep: **every citizen's complaint or question to an agency
account is answered within 24 hours, or it is escalated** (to the head of the region's
office). humaskit measures it in three steps.

1. **Which mentions need an answer**: :func:`~humaskit.evaluation.needs_answer` (module
   :mod:`humaskit.evaluation.needs`): citizens' complaints and questions to the institution.
2. **Who answers**: :func:`~humaskit.evaluation.route` (module :mod:`humaskit.evaluation.routing`):
   the unit of the first keyword of the routing table found in the text, else the unit owning
   the addressed account, else the table's default unit.
3. **How fast** (:func:`responsiveness`), per unit and platform. First-response time =
   ``responded_at - created_at``. At the reference time ``now`` (default: the latest time
   in the data) a mention is *answered* if ``responded_at <= now``; *pending* if it is not
   answered and younger than the limit (not yet due, left out of every share); otherwise
   it is *due*. ``response_rate`` = answered / due; ``within_limit_share`` = answered
   within ``limit_hours`` / due (an unanswered mention is late); ``median`` and ``p90``
   response hours are over answered mentions only. :func:`overdue` lists the due mentions
   not answered yet, oldest first, for escalation.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"platform": "x", "account": "pemkot", "mention_id": ["1", "2", "3"],
...     "kind": "mention", "created_at": pd.to_datetime(["2025-09-01 01:00"] * 3, utc=True),
...     "author": ["budi", "ani", "sari"], "author_type": "citizen",
...     "text": ["Jalan rusak parah, kapan ditambal?", "Terima kasih min!", "Sampah numpuk"],
...     "responded_at": pd.to_datetime(["2025-09-01 03:00", None, None], utc=True)})
>>> r = responsiveness(m, by=(), now="2025-09-03 00:00+00:00")
>>> int(r.loc[0, "needing_answer"]), float(r.loc[0, "within_limit_share"])
(2, 0.5)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import (
    DEFAULT_TZ,
    account_units,
    arrow_lower,
    context,
    mentions_of,
    public_handles,
    safe_authors,
    safe_texts,
    window,
    zone,
)
from .needs import _needs, _own_accounts, needs_answer
from .routing import _route, routing_table

__all__ = [
    "responsiveness",
    "overdue",
    "reference_time",
    "answered",
    "RESPONSE_COLUMNS",
]

#: Columns :func:`responsiveness` returns after the grouping columns.
RESPONSE_COLUMNS = (
    "needing_answer",
    "due",
    "answered",
    "response_rate",
    "median_response_hours",
    "p90_response_hours",
    "within_limit",
    "within_limit_share",
    "late",
    "overdue",
    "pending",
)
#: Columns the response figures need (besides the grouping columns).
_BASE = ("platform", "account", "created_at", "responded_at")


def reference_time(mentions: pd.DataFrame, now: Any = None) -> pd.Timestamp:
    """The time at which answers are judged: ``now`` or the latest time in the data.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"created_at": pd.to_datetime(["2025-09-01 10:00"], utc=True),
    ...                   "responded_at": pd.to_datetime(["2025-09-02 09:00"], utc=True)})
    >>> str(reference_time(m))
    '2025-09-02 09:00:00+00:00'
    """
    if now is not None:
        ts = pd.Timestamp(now)
        if ts.tzinfo is None:
            ts = ts.tz_localize(DEFAULT_TZ)
        return ts.tz_convert("UTC")
    times = [pd.to_datetime(mentions["created_at"], utc=True).max()]
    if "responded_at" in mentions.columns:
        times.append(pd.to_datetime(mentions["responded_at"], utc=True).max())
    times = [x for x in times if not pd.isna(x)]
    if not times:
        return pd.Timestamp.now(tz="UTC")
    return max(times)


def _prepared(mentions: Any, *, accounts, routing, period, tz, lang, columns=None) -> pd.DataFrame:
    """The mentions that need an answer, marked and routed (only ``columns`` kept if given)."""
    m = mentions_of(mentions, lang)
    if period is not None:
        m = m[window(period, tz=tz, times=m["created_at"], lang=lang).mask(m["created_at"])]
    acc = accounts if accounts is not None else context(mentions).accounts
    need_mark = "needs_answer" not in m.columns
    need_route = "unit" not in m.columns or "route_topic" not in m.columns
    if not need_mark and not need_route:
        return m[m["needs_answer"].fillna(False).astype(bool)]
    import pyarrow as pa
    import pyarrow.compute as pc

    low = arrow_lower(m["text"]) if len(m) else None
    if need_mark:
        if len(m):
            citizen, request, needs = _needs(m, _own_accounts(mentions, accounts), low)
        else:
            citizen = needs = np.zeros(0, dtype=bool)
            request = pa.nulls(0, pa.string())
        rows = np.flatnonzero(needs)
        if columns is not None:
            m = m[[c for c in dict.fromkeys([*columns, *_BASE]) if c in m.columns]]
        m = m.iloc[rows].assign(
            citizen=citizen[rows],
            request=pd.Series(pc.take(request, pa.array(rows)), index=m.index[rows], dtype="str"),
            needs_answer=True,
        )
    else:
        rows = np.flatnonzero(m["needs_answer"].fillna(False).to_numpy(dtype=bool))
        m = m.iloc[rows]
    if need_route:
        sub = pc.take(low, pa.array(rows)) if low is not None else None
        unit, topic, kw, by = _route(m, routing_table(routing, lang=lang), account_units(acc), sub)
        m = m.assign(
            unit=pd.Series(unit, index=m.index, dtype="str"),
            route_topic=pd.Series(topic, index=m.index, dtype="str"),
            route_keyword=pd.Series(kw, index=m.index, dtype="str"),
            routed_by=pd.Series(by, index=m.index, dtype="str"),
        )
    return m


def _timing(m: pd.DataFrame, now: pd.Timestamp, limit_hours: float) -> pd.DataFrame:
    created = pd.to_datetime(m["created_at"], utc=True)
    responded = (
        pd.to_datetime(m["responded_at"], utc=True)
        if "responded_at" in m.columns
        else pd.Series(pd.NaT, index=m.index, dtype="datetime64[us, UTC]")
    )
    answered = (responded.notna() & (responded <= now)).to_numpy(dtype=bool)
    hours = ((responded - created) / pd.Timedelta(hours=1)).to_numpy(
        dtype="float64", na_value=np.nan
    )
    hours = np.where(answered, np.maximum(hours, 0.0), np.nan)
    age = ((now - created) / pd.Timedelta(hours=1)).to_numpy(dtype="float64", na_value=np.nan)
    pending = ~answered & (age <= limit_hours)
    due = ~pending
    within = answered & (hours <= limit_hours)
    return pd.DataFrame(
        {
            "_due": due.astype("float64"),
            "_answered": answered.astype("float64"),
            "_within": within.astype("float64"),
            "_late": (answered & ~within).astype("float64"),
            "_overdue": (due & ~answered).astype("float64"),
            "_pending": pending.astype("float64"),
            "_hours": hours,
            "_age": age,
        },
        index=m.index,
    )


def responsiveness(
    mentions: Any,
    *,
    limit_hours: float = 24,
    by: str | Iterable[str] = ("unit", "platform"),
    now: Any = None,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    routing: pd.DataFrame | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Response rate and first-response times of citizen mentions that need an answer.

    Parameters
    ----------
    mentions : DataFrame or Workspace
        Mentions (already marked by :func:`needs_answer`/:func:`route` or not).
    limit_hours : float
        The answer limit of the SOP (24 hours by default).
    by : str or iterable of str
        Grouping: ``unit``, ``platform``, ``account``, ``route_topic``, ``request``,
        ``kind``... or ``()`` for one total row.
    now : timestamp, optional
        Reference time (default: the latest time in the data).
    period : str, tuple or Window, optional
        Only mentions created in this window (``"2025-09"``...).
    accounts, routing : DataFrame, optional
        For :func:`needs_answer` and :func:`route` when the mentions are not marked yet.

    Returns
    -------
    DataFrame
        The grouping columns and :data:`RESPONSE_COLUMNS`; ``attrs`` hold ``now`` and
        ``limit_hours``. Shares are fractions (0.42 = 42 %).

    Examples
    --------
    >>> from humaskit import samples
    >>> r = responsiveness(samples.workspace(), period="2025-09", by="unit")
    >>> bool((r["response_rate"] <= 1).all()), "Dinas Pekerjaan Umum" in set(r["unit"])
    (True, True)
    """
    if (
        isinstance(limit_hours, bool)
        or not isinstance(limit_hours, (int, float))
        or not 0 < limit_hours <= 24 * 60
    ):
        raise ParameterError(t("evaluation.bad_limit", lang, value=limit_hours))
    tz = zone(tz)
    by_list = [by] if isinstance(by, str) else list(by)
    base = mentions_of(mentions, lang)
    ref = reference_time(base, now)
    m = _prepared(
        mentions,
        accounts=accounts,
        routing=routing,
        period=period,
        tz=tz,
        lang=lang,
        columns=[b for b in by_list if b not in ("unit", "route_topic", "request")],
    )
    missing = [b for b in by_list if b not in m.columns]
    if missing:
        raise ParameterError(
            t("evaluation.bad_group", lang, column=missing[0], known=", ".join(m.columns))
        )
    tm = _timing(m, ref, float(limit_hours))
    frame = tm.drop(columns=["_age"])
    frame["_n"] = 1.0
    counts = ["_n", "_due", "_answered", "_within", "_late", "_overdue", "_pending"]
    if by_list:
        for b in by_list:
            frame[b] = m[b].astype("str").array
        g = frame.groupby(by_list, observed=True, dropna=False, sort=True)
        sums = g[counts].sum()
        med = g["_hours"].median()
        p90 = g["_hours"].quantile(0.9)
    else:
        sums = frame[counts].sum().to_frame().T
        hrs = frame["_hours"].dropna()
        med = pd.Series([hrs.median() if len(hrs) else np.nan])
        p90 = pd.Series([hrs.quantile(0.9) if len(hrs) else np.nan])
    out = pd.DataFrame(index=sums.index)
    out["needing_answer"] = sums["_n"].round().astype("Int64")
    out["due"] = sums["_due"].round().astype("Int64")
    out["answered"] = sums["_answered"].round().astype("Int64")
    due = sums["_due"].where(sums["_due"] > 0)
    out["response_rate"] = pd.array((sums["_answered"] / due).to_numpy(), dtype="Float64")
    out["median_response_hours"] = pd.array(med.reindex(out.index).to_numpy(), dtype="Float64")
    out["p90_response_hours"] = pd.array(p90.reindex(out.index).to_numpy(), dtype="Float64")
    out["within_limit"] = sums["_within"].round().astype("Int64")
    out["within_limit_share"] = pd.array((sums["_within"] / due).to_numpy(), dtype="Float64")
    out["late"] = sums["_late"].round().astype("Int64")
    out["overdue"] = sums["_overdue"].round().astype("Int64")
    out["pending"] = sums["_pending"].round().astype("Int64")
    for c in ("response_rate", "median_response_hours", "p90_response_hours", "within_limit_share"):
        out[c] = out[c].mask(out[c].isna())
    out = out.reset_index(drop=not by_list)
    out.attrs.update({"now": str(ref), "limit_hours": float(limit_hours)})
    return out


def overdue(
    mentions: Any,
    *,
    now: Any = None,
    limit_hours: float = 24,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    routing: pd.DataFrame | None = None,
    salt: str | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Citizen mentions past the answer limit and still unanswered, oldest first.

    The list is share-safe: authors who are private citizens are pseudonymised (stable
    with the same ``salt``, see :func:`humaskit.privacy.pseudonymize`), phone numbers,
    NIK, e-mail and bank numbers in the text are masked, and citizens' @handles in the
    text are pseudonymised too.

    Returns
    -------
    DataFrame
        ``created_local`` (in ``tz``), ``age_hours``, ``unit``, ``route_topic``,
        ``request``, ``platform``, ``account``, ``kind``, ``author``, ``text``,
        ``mention_id``; ``attrs`` hold ``now`` and ``limit_hours``.

    Examples
    --------
    >>> from humaskit import samples
    >>> late = overdue(samples.workspace(), period="2025-09")
    >>> bool(late["age_hours"].is_monotonic_decreasing), bool((late["age_hours"] > 24).all())
    (True, True)
    """
    if (
        isinstance(limit_hours, bool)
        or not isinstance(limit_hours, (int, float))
        or not 0 < limit_hours <= 24 * 60
    ):
        raise ParameterError(t("evaluation.bad_limit", lang, value=limit_hours))
    tz = zone(tz)
    base = mentions_of(mentions, lang)
    ref = reference_time(base, now)
    m = _prepared(mentions, accounts=accounts, routing=routing, period=period, tz=tz, lang=lang)
    tm = _timing(m, ref, float(limit_hours))
    late = m[tm["_overdue"].to_numpy() > 0]
    ages = tm.loc[late.index, "_age"]
    late = late.assign(_age=ages).sort_values(["created_at"], kind="stable")
    keep = context(mentions).keep | public_handles(None, accounts=accounts)
    if "account" in late.columns:
        keep |= set(late["account"].dropna().astype("str").str.lower())
    out = pd.DataFrame(
        {
            "created_local": late["created_at"].dt.tz_convert(tz),
            "age_hours": late["_age"].round(1),
            "unit": late["unit"],
            "route_topic": late["route_topic"],
            "request": late["request"] if "request" in late.columns else pd.NA,
            "platform": late["platform"],
            "account": late["account"],
            "kind": late["kind"] if "kind" in late.columns else pd.NA,
            "author": safe_authors(late, keep=keep, salt=salt),
            "text": safe_texts(late["text"], keep=keep, salt=salt, lang=lang),
            "mention_id": late["mention_id"]
            if "mention_id" in late.columns
            else late.index.astype("str"),
        }
    )
    out = out.reset_index(drop=True)
    out.attrs.update({"now": str(ref), "limit_hours": float(limit_hours)})
    return out


def answered(
    mentions: Any,
    *,
    period: Any = None,
    now: Any = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """The mentions needing an answer that were answered (by ``now``), for charts.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "account": "pemkot", "kind": "mention",
    ...     "created_at": pd.to_datetime(["2025-09-01 01:00"] * 2, utc=True),
    ...     "author": "budi", "author_type": "citizen",
    ...     "text": ["Jalan rusak, kapan ditambal?", "Sampah numpuk"],
    ...     "responded_at": pd.to_datetime(["2025-09-01 03:00", None], utc=True)})
    >>> answered(m)["text"].tolist()
    ['Jalan rusak, kapan ditambal?']
    """
    m = mentions_of(mentions, lang)
    ref = reference_time(m, now)
    if period is not None:
        m = m[window(period, tz=tz, times=m["created_at"], lang=lang).mask(m["created_at"])]
    if "needs_answer" not in m.columns:
        m = needs_answer(m, lang=lang)
    m = m[m["needs_answer"].fillna(False).astype(bool)]
    if "responded_at" not in m.columns:
        return m.iloc[0:0]
    return m[m["responded_at"].notna() & (m["responded_at"] <= ref)]
