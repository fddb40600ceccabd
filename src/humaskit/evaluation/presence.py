"""Every day present, as posted: days without a post and the longest gap in the period.

The plan shows the gaps a month will have (:func:`humaskit.planning.presence`); the monthly
evaluation shows the gaps it had. :func:`presence` counts, for the main account of each
platform (the one with the most posts in the period, or every account), the days of the
period without a post (in the institution's zone) and the longest run of them;
:func:`presence_notes` says it in sentences.

Examples
--------
>>> import pandas as pd
>>> posts = pd.DataFrame({"platform": "x", "account": "a", "post_id": ["1", "2"],
...     "published_at": ["2025-09-01 05:00+00", "2025-09-04 05:00+00"], "post_type": "text"})
>>> presence(posts, "2025-09")[["posts", "days_without", "longest_gap"]].values.tolist()
[[2, 28, 26]]
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import calendar
from ..i18n import label, resolve, t
from ._common import DEFAULT_TZ, window
from .kpis import _posts_of, local_times

__all__ = ["presence", "presence_notes"]


def presence(
    data: Any,
    period: Any = None,
    *,
    main_only: bool = True,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Days without a post and the longest gap, per account and platform, in the period.

    Parameters
    ----------
    data : Workspace, Scope or DataFrame
        Canonical posts.
    period : str, optional
        The period (see :func:`humaskit.evaluation.window`); default the latest month.
    main_only : bool
        Only the main account of each platform (the one with the most posts).

    Returns
    -------
    DataFrame
        ``account``, ``platform``, ``posts``, ``days``, ``days_with_post``,
        ``days_without``, ``longest_gap`` and ``empty_days`` (day numbers), most gaps
        first; empty (same columns) when the period has no post.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "x", "account": "a", "post_id": ["1"],
    ...     "published_at": ["2025-09-30 18:00+00"], "post_type": "text"})
    >>> presence(posts, "2025-10")["empty_days"].item()  # 01:00 WIB on 1 October
    '2-31'
    """
    lang = resolve(lang)
    posts = _posts_of(data)
    cols = ["account", "platform", "posts", "days", "days_with_post", "days_without"]
    cols += ["longest_gap", "empty_days"]
    if posts.empty:
        return pd.DataFrame(columns=cols)
    win = window(period, tz=tz, times=posts["published_at"], lang=lang)
    p = posts[win.mask(posts["published_at"])]
    if p.empty:
        return pd.DataFrame(columns=cols)
    local = local_times(p["published_at"], tz).dt.tz_localize(None).dt.normalize()
    days = pd.date_range(win.start.tz_localize(None).normalize(), periods=win.days, freq="D")
    frame = pd.DataFrame(
        {"account": p["account"].astype("object").fillna(""), "platform": p["platform"]}
    ).assign(date=local.to_numpy())
    return calendar.day_gaps(frame, days, main_only=main_only)


def presence_notes(
    data: Any, period: Any = None, *, tz: str = DEFAULT_TZ, lang: str | None = None
) -> list[str]:
    """The period's daily presence in sentences (one when the period has no post).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "x", "account": "a", "post_id": ["1"],
    ...     "published_at": ["2025-09-01 05:00+00"], "post_type": "text"})
    >>> presence_notes(posts, "2025-09", lang="en")[0][:38]
    'X (Twitter), a: 29 of 30 days without '
    """
    lang = resolve(lang)
    table = data if isinstance(data, pd.DataFrame) and "days_without" in data else None
    if table is None:
        table = presence(data, period, tz=tz, lang=lang)
    if table.empty:
        return [t("evpresence.none", lang)]
    lines = []
    for r in table.itertuples(index=False):
        name = label(r.platform, lang)
        who = f"{name}, {r.account}" if r.account else name
        if r.days_without == 0:
            lines.append(t("evpresence.daily", lang, who=who, days=r.days))
        else:
            lines.append(
                t(
                    "evpresence.gaps",
                    lang,
                    who=who,
                    n=r.days_without,
                    days=r.days,
                    gap=r.longest_gap,
                    empty=r.empty_days or "-",
                )
            )
    return lines
