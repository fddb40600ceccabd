"""Campaigns and speed: what each campaign achieved, and how fast the team posts after an event.

- :func:`campaigns`: KPIs per campaign of the period, from the posts' ``campaign`` column
  when the team filled it, else from the hashtags the posts share (a hashtag on at least
  ``min_posts`` posts and on at most half of them: a tag on every post is the account's,
  not a campaign's).
- :func:`event_lag`: for each planned post whose plan records an event time
  (``event_at``), the hours from the event to the post: the published post's time when
  the plan names its ``post_id`` and the post is in the data, else the scheduled time;
  :func:`lag_by_unit` sums it up per unit (median and slowest hours, share within
  ``fast_hours``).
- :func:`campaign_notes` and :func:`lag_notes`: the same in sentences, or one sentence
  saying what would fill the table when the data has nothing.

Examples
--------
>>> import pandas as pd
>>> plan = pd.DataFrame({"plan_id": ["R1"], "date": ["2025-09-02"], "platform": "x",
...     "account": "a", "title": ["Banjir"], "event_at": ["2025-09-02 06:00+07:00"],
...     "scheduled_at": ["2025-09-02 08:30+07:00"]})
>>> event_lag(plan)["lag_hours"].tolist()
[2.5]
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..fmt import fmt_number, fmt_pct
from ..i18n import resolve, t
from ._common import DEFAULT_TZ, account_units, window, zone
from .kpis import _posts_of, kpis, local_times

__all__ = ["campaigns", "event_lag", "lag_by_unit", "campaign_notes", "lag_notes"]

_HASHTAG = re.compile(r"#(\w{3,})", re.UNICODE)
#: Default: a post within this many hours of its event counts as fast.
FAST_HOURS = 6.0
_CAMPAIGN_COLS = [
    "campaign",
    "source",
    "posts",
    "accounts",
    "platforms",
    "reach",
    "engagements",
    "er_by_reach",
    "views",
]


def _blank(s: pd.Series) -> pd.Series:
    return s.isna() | (s.astype("str").str.strip() == "")


def campaigns(
    data: Any,
    period: Any = None,
    *,
    min_posts: int = 3,
    top: int = 10,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """KPIs per campaign of the period (the ``campaign`` column, else shared hashtags).

    Parameters
    ----------
    data : Workspace, Scope or DataFrame
        Canonical posts (``campaign`` and ``text`` optional).
    period : str, optional
        The period (see :func:`humaskit.evaluation.window`); default the latest month.
    min_posts : int
        Fewest posts for a hashtag to count as a campaign.
    top : int
        Most hashtag campaigns listed (by posts).

    Returns
    -------
    DataFrame
        ``campaign``, ``source`` (``campaign``: the team's column; ``hashtag``),
        ``posts``, ``accounts``, ``platforms`` (comma-separated codes), ``reach``,
        ``engagements``, ``er_by_reach`` and ``views``, most posts first; empty (same
        columns) when the period has neither.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "x", "account": "a", "post_id": list("1234"),
    ...     "published_at": "2025-09-01 05:00+00", "post_type": "text", "reach": 100,
    ...     "likes": [5, 6, 7, 1], "text": ["#SiagaBanjir a", "#siagabanjir b",
    ...     "c #SiagaBanjir", "lain"]})
    >>> campaigns(posts, "2025-09")[["campaign", "source", "posts"]].values.tolist()
    [['#siagabanjir', 'hashtag', 3]]
    """
    lang = resolve(lang)
    posts = _posts_of(data)
    if posts.empty:
        return pd.DataFrame(columns=_CAMPAIGN_COLS)
    win = window(period, tz=tz, times=posts["published_at"], lang=lang)
    p = posts[win.mask(posts["published_at"])]
    if p.empty:
        return pd.DataFrame(columns=_CAMPAIGN_COLS)
    if "campaign" in p.columns and not _blank(p["campaign"]).all():
        tagged = p[~_blank(p["campaign"])].assign(
            campaign=lambda d: d["campaign"].astype("str").str.strip()
        )
        source = "campaign"
    else:
        text = p["text"] if "text" in p.columns else pd.Series("", index=p.index)
        tags = (
            text.fillna("")
            .astype("str")
            .str.lower()
            .map(lambda s: sorted(set(_HASHTAG.findall(s))))
        )
        long = p.assign(campaign=tags.to_numpy()).explode("campaign").dropna(subset=["campaign"])
        counts = long["campaign"].value_counts()
        keep = (
            counts[(counts >= min_posts) & (counts <= max(min_posts, len(p) / 2))].head(top).index
        )
        tagged = long[long["campaign"].isin(keep)].assign(campaign=lambda d: "#" + d["campaign"])
        source = "hashtag"
    if tagged.empty:
        return pd.DataFrame(columns=_CAMPAIGN_COLS)
    k = kpis(tagged, win, by="campaign", compare=False, tz=tz, lang=lang)
    plats = tagged.groupby("campaign")["platform"].agg(lambda s: ", ".join(sorted(set(s))))
    k = k.assign(source=source, platforms=k["campaign"].map(plats))
    for c in _CAMPAIGN_COLS:
        if c not in k.columns:
            k[c] = pd.NA
    k = k.sort_values(["posts", "campaign"], ascending=[False, True], kind="stable")
    return k[_CAMPAIGN_COLS].reset_index(drop=True)


def _utc(values: pd.Series, tz: str) -> pd.Series:
    out = []
    for v in values:
        if v is None or (not isinstance(v, str) and pd.isna(v)) or str(v).strip() == "":
            out.append(pd.NaT)
            continue
        try:
            ts = pd.Timestamp(v)
        except (TypeError, ValueError):
            out.append(pd.NaT)
            continue
        if ts is pd.NaT:
            out.append(pd.NaT)
            continue
        ts = ts.tz_localize(tz) if ts.tzinfo is None else ts
        out.append(ts.tz_convert("UTC"))
    return pd.Series(
        pd.to_datetime(pd.Series(out, dtype="object"), utc=True).to_numpy(),
        index=values.index,
        dtype="datetime64[ns, UTC]",
    )


def event_lag(
    plan: pd.DataFrame | None,
    posts: pd.DataFrame | None = None,
    *,
    accounts: pd.DataFrame | None = None,
    period: Any = None,
    tz: str = DEFAULT_TZ,
) -> pd.DataFrame:
    """Hours from each recorded event to its post, for the plan rows with an ``event_at``.

    Parameters
    ----------
    plan : DataFrame or None
        A plan (:func:`humaskit.files.plan.read_plan_xlsx`) with ``event_at`` (the event's
        time; a time without zone is read in ``tz``), ``scheduled_at`` and optional
        ``post_id`` (the published post) and ``account``.
    posts : DataFrame, optional
        Canonical posts: a plan row naming a ``post_id`` found here takes the post's
        ``published_at``.
    accounts : DataFrame, optional
        The accounts table (``unit`` per account).
    period : str, optional
        Only events in this period.

    Returns
    -------
    DataFrame
        ``unit``, ``account``, ``platform``, ``title``, ``event_local``, ``posted_local``,
        ``lag_hours`` and ``posted_from`` (``from_post`` or ``from_schedule``), slowest
        first; empty (same columns) when no row has both times.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"platform": "x", "account": "a", "title": ["A", "B"],
    ...     "post_id": ["9", None], "event_at": ["2025-09-02 06:00", None],
    ...     "scheduled_at": ["2025-09-02 09:00", "2025-09-03 09:00"]})
    >>> posts = pd.DataFrame({"platform": "x", "account": "a", "post_id": ["9"],
    ...     "published_at": ["2025-09-02 00:00+00"], "post_type": "text"})
    >>> event_lag(plan, posts)[["lag_hours", "posted_from"]].values.tolist()
    [[1.0, 'from_post']]
    """
    cols = ["unit", "account", "platform", "title", "event_local", "posted_local"]
    cols += ["lag_hours", "posted_from"]
    if plan is None or len(plan) == 0 or "event_at" not in plan.columns:
        return pd.DataFrame(columns=cols)
    zone_tz = zone(tz)
    pl = plan.reset_index(drop=True)
    event = _utc(pl["event_at"], zone_tz)
    sched = (
        _utc(pl["scheduled_at"], zone_tz)
        if "scheduled_at" in pl
        else pd.Series(pd.NaT, index=pl.index, dtype="datetime64[ns, UTC]")
    )
    posted = sched.copy()
    source = pd.Series(
        np.where(sched.notna(), "from_schedule", None), index=pl.index, dtype="object"
    )
    if posts is not None and len(posts) and "post_id" in pl.columns:
        ps = _posts_of(posts)
        when = dict(zip(ps["post_id"].astype("str"), ps["published_at"], strict=False))
        found = pl["post_id"].astype("str").map(when)
        hit = found.notna().to_numpy()
        posted[hit] = pd.to_datetime(found[hit], utc=True)
        source[hit] = "from_post"
    ok = event.notna() & posted.notna()
    if period is not None and ok.any():
        win = window(period, tz=tz, times=event[ok])
        ok &= pd.Series(win.mask(event), index=pl.index)
    if not ok.any():
        return pd.DataFrame(columns=cols)
    rows = pl[ok]
    units = account_units(accounts)
    acct = rows["account"] if "account" in rows else pd.Series(pd.NA, index=rows.index)
    unit_of = {(r.platform, r.account): r.unit for r in units.itertuples()}
    unit = [unit_of.get((p, a)) or a for p, a in zip(rows["platform"], acct, strict=True)]
    out = pd.DataFrame(
        {
            "unit": pd.array(unit, dtype="str"),
            "account": acct.astype("str"),
            "platform": rows["platform"].astype("str"),
            "title": rows["title"].astype("str") if "title" in rows else pd.NA,
            "event_local": local_times(event[ok], tz),
            "posted_local": local_times(posted[ok], tz),
            "lag_hours": ((posted[ok] - event[ok]) / pd.Timedelta(hours=1)).round(1),
            "posted_from": source[ok].astype("str"),
        },
        columns=cols,
    )
    out["lag_hours"] = out["lag_hours"].astype("Float64")
    return out.sort_values("lag_hours", ascending=False, kind="stable").reset_index(drop=True)


def lag_by_unit(lag: pd.DataFrame, *, fast_hours: float = FAST_HOURS) -> pd.DataFrame:
    """Per unit, slowest first: events, median and longest hours from event to post, share fast.

    ``within_fast_share`` is the share of posts within ``fast_hours`` of their event.

    Examples
    --------
    >>> import pandas as pd
    >>> lag = pd.DataFrame({"unit": ["A", "A", "B"], "lag_hours": [1.0, 9.0, 2.0]})
    >>> lag_by_unit(lag)[["unit", "events", "median_lag_hours", "within_fast_share"]].values.tolist()
    [['A', 2, 5.0, 0.5], ['B', 1, 2.0, 1.0]]
    """
    cols = ["unit", "events", "median_lag_hours", "max_lag_hours", "within_fast_share"]
    if lag is None or len(lag) == 0:
        return pd.DataFrame(columns=cols)
    h = lag.assign(lag_hours=lag["lag_hours"].astype("float64"))
    h = h.assign(fast=h["lag_hours"] <= fast_hours, unit=h["unit"].fillna("-"))
    out = h.groupby("unit", sort=True).agg(
        events=("lag_hours", "size"),
        median_lag_hours=("lag_hours", "median"),
        max_lag_hours=("lag_hours", "max"),
        within_fast_share=("fast", "mean"),
    )
    out = out.reset_index()
    out.attrs["fast_hours"] = fast_hours
    out = out.sort_values(["median_lag_hours", "unit"], ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def campaign_notes(table: pd.DataFrame, *, lang: str | None = None) -> list[str]:
    """The campaigns of the period in sentences (one when there are none).

    Examples
    --------
    >>> import pandas as pd
    >>> campaign_notes(pd.DataFrame(columns=["campaign"]), lang="en")[0][:30]
    'No campaign in this period: no'
    """
    lang = resolve(lang)
    if table is None or table.empty:
        return [t("campaigns.none", lang)]
    best = table.dropna(subset=["er_by_reach"])
    lines = [
        t(
            "campaigns.count_" + str(table["source"].iloc[0]),
            lang,
            n=len(table),
            posts=int(table["posts"].sum()),
        )
    ]
    if len(best) >= 2:
        top = best.sort_values("er_by_reach", ascending=False, kind="stable").iloc[0]
        low = best.sort_values("er_by_reach", kind="stable").iloc[0]
        lines.append(
            t(
                "campaigns.best",
                lang,
                best=top["campaign"],
                best_er=fmt_pct(top["er_by_reach"], lang),
                low=low["campaign"],
                low_er=fmt_pct(low["er_by_reach"], lang),
            )
        )
    return lines


def lag_notes(
    lag: pd.DataFrame, *, fast_hours: float = FAST_HOURS, lang: str | None = None
) -> list[str]:
    """The speed from event to post in sentences (one when no plan row records an event).

    Examples
    --------
    >>> import pandas as pd
    >>> lag_notes(pd.DataFrame(columns=["lag_hours"]), lang="en")[0][:34]
    'The content plan records no event '
    """
    lang = resolve(lang)
    if lag is None or len(lag) == 0:
        return [t("campaigns.lag_none", lang)]
    h = lag["lag_hours"].astype("float64")
    lines = [
        t(
            "campaigns.lag_all",
            lang,
            n=len(h),
            median=fmt_number(h.median(), lang, 1),
            fast=fmt_pct(float((h <= fast_hours).mean()), lang),
            hours=fmt_number(fast_hours, lang, 0),
        )
    ]
    if (h < 0).any():
        lines.append(t("campaigns.lag_negative", lang, n=int((h < 0).sum())))
    return lines
