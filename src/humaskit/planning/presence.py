"""Every day present: days without a post and the longest gap, per account and platform.

Institutions that post every day (KPK, many ministries) keep their audience; a month with
gaps of several days loses it. :func:`presence` counts, for the main account of each
platform (the one with the most planned posts, or every account), the days of the month
without a post and the longest run of them; :func:`presence_notes` says it in sentences,
including when the target is too small for a post every day.

Examples
--------
>>> import pandas as pd
>>> plan = pd.DataFrame({"date": ["2025-10-01", "2025-10-02", "2025-10-06"],
...     "platform": "instagram", "format": "feed", "category": "edukasi", "title": "A"})
>>> presence(plan)[["posts", "days_without", "longest_gap"]].values.tolist()
[[3, 28, 25]]
"""

from __future__ import annotations

import pandas as pd

from .. import calendar, schema
from ..i18n import label, resolve, t

__all__ = ["presence", "presence_notes"]


def presence(
    plan: pd.DataFrame, *, main_only: bool = True, lang: str | None = None
) -> pd.DataFrame:
    """Days without a post and the longest gap, per account and platform, over the month(s).

    Parameters
    ----------
    plan : DataFrame
        Canonical plan (or a schedule); ``account`` optional.
    main_only : bool
        Only the main account of each platform (the one with the most posts in the plan).

    Returns
    -------
    DataFrame
        ``account``, ``platform``, ``posts``, ``days``, ``days_with_post``,
        ``days_without``, ``longest_gap`` (days in a row without a post) and
        ``empty_days`` (day numbers, e.g. ``"3, 10-12"``), most gaps first.

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.date_range("2025-10-01", "2025-10-31").strftime("%Y-%m-%d")
    >>> plan = pd.DataFrame({"date": days, "platform": "x", "format": "text",
    ...     "category": "edukasi", "title": "A"})
    >>> presence(plan)["days_without"].item()
    0
    """
    lang = resolve(lang)
    p = schema.validate(plan, "plan", lang=lang)
    cols = ["account", "platform", "posts", "days", "days_with_post", "days_without"]
    cols += ["longest_gap", "empty_days"]
    if len(p) == 0:
        return pd.DataFrame(columns=cols)
    dates = pd.to_datetime(p["date"]).dt.normalize()
    start = dates.min().to_period("M").start_time
    end = dates.max().to_period("M").end_time.normalize()
    month = pd.date_range(start, end, freq="D")
    acct = p["account"].astype("object").where(p["account"].notna(), "")
    frame = pd.DataFrame({"account": acct, "platform": p["platform"], "date": dates})
    return calendar.day_gaps(frame, month, main_only=main_only)


def presence_notes(plan: pd.DataFrame, *, lang: str | None = None) -> list[str]:
    """Sentences on daily presence: which platform leaves days empty and why.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-10-01", "2025-10-02"], "platform": "x",
    ...     "format": "text", "category": "edukasi", "title": "A"})
    >>> presence_notes(plan, lang="en")[0][:40]
    'X (Twitter): 29 of 31 days without a pos'
    """
    lang = resolve(lang)
    lines = []
    for r in presence(plan, lang=lang).itertuples(index=False):
        name = label(r.platform, lang)
        if r.days_without == 0:
            lines.append(t("gate.presence_daily", lang, platform=name, days=r.days))
            continue
        key = "gate.presence_target" if r.posts < r.days else "gate.presence_spread"
        lines.append(
            t(
                key,
                lang,
                platform=name,
                n=r.days_without,
                days=r.days,
                gap=r.longest_gap,
                posts=r.posts,
                empty=r.empty_days or "-",
            )
        )
    return lines
