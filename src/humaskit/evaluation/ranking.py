"""What worked: the best and worst posts of a period, and how each format or category performed.

- :func:`top_posts`: the ``n`` best (or worst) posts by an engagement rate.
- :func:`performance`: median reach and engagement rate per format, category or platform,
  against the overall median (robust to one viral post).
- :func:`best_format`: the best and weakest format within the platform with the most posts,
  from a :func:`performance` table.

Examples
--------
>>> import pandas as pd
>>> posts = pd.DataFrame({"platform": "x", "account": "a", "post_id": ["1", "2"],
...     "published_at": ["2025-09-01 05:00+00", "2025-09-02 05:00+00"], "post_type": "text",
...     "reach": [500, 800], "likes": [50, 8]})
>>> top_posts(posts, "2025-09", n=1)["post_id"].tolist()
['1']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import DEFAULT_TZ, window
from .kpis import _group_columns, _posts_of, add_rates, local_times

__all__ = ["top_posts", "performance", "best_format"]


def top_posts(
    data: Any,
    period: Any = None,
    *,
    n: int = 5,
    metric: str = "er_by_reach",
    bottom: bool = False,
    min_reach: int = 100,
    tz: str = DEFAULT_TZ,
) -> pd.DataFrame:
    """The ``n`` best (or worst) posts of the period by ``metric``.

    Posts with reach under ``min_reach`` are left out of rate rankings (a rate on a handful
    of people says little).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "x", "account": "a", "post_id": ["1", "2"],
    ...     "published_at": ["2025-09-01 05:00+00", "2025-09-02 05:00+00"], "post_type": "text",
    ...     "reach": [500, 800], "likes": [50, 8]})
    >>> top_posts(posts, "2025-09", n=1)["post_id"].tolist()
    ['1']
    """
    posts = _posts_of(data)
    win = window(period, tz=tz, times=posts["published_at"])
    p = add_rates(posts[win.mask(posts["published_at"])])
    if metric not in p.columns:
        raise ParameterError(t("evaluation.bad_metric", None, metric=metric))
    if metric.startswith("er_") and "reach" in p.columns:
        base = p["reach"] if metric == "er_by_reach" else p.get("impressions", p["reach"])
        p = p[base.fillna(0) >= min_reach]
    p = p.dropna(subset=[metric])
    p = p.sort_values(metric, ascending=bottom, kind="stable").head(n)
    p = p.assign(published_local=local_times(p["published_at"], tz))
    cols = [
        "platform",
        "account",
        "post_id",
        "published_local",
        "post_type",
        "category",
        "text",
        "reach",
        "engagements",
        metric,
        "permalink",
    ]
    return p[[c for c in dict.fromkeys(cols) if c in p.columns]].reset_index(drop=True)


def performance(
    data: Any,
    period: Any = None,
    *,
    by: str | list[str] = "post_type",
    tz: str = DEFAULT_TZ,
    min_posts: int = 3,
) -> pd.DataFrame:
    """How each format (or category, platform...) performed: typical reach and rate.

    Uses medians per post (robust to one viral post) and the ratio of each group's median
    engagement rate to the overall median (``vs_overall``: 2.0 = twice the usual). The rate
    of a post is its ER by reach, else by impressions/views, else by followers.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "instagram", "account": "a",
    ...     "post_id": [str(i) for i in range(6)], "published_at": "2025-09-01 05:00+00",
    ...     "post_type": ["reel"] * 3 + ["feed"] * 3, "reach": [100] * 6,
    ...     "likes": [20, 22, 18, 5, 6, 4]})
    >>> performance(posts, "2025-09")[["post_type", "vs_overall"]].round(2).to_dict("list")
    {'post_type': ['reel', 'feed'], 'vs_overall': [1.67, 0.42]}
    """
    posts = _posts_of(data)
    if period is not None:
        posts = posts[
            window(period, tz=tz, times=posts["published_at"]).mask(posts["published_at"])
        ]
    by_list = [by] if isinstance(by, str) else list(by)
    posts = _group_columns(posts, by_list, getattr(data, "accounts", None), None)
    p = add_rates(posts)
    rate = (
        p["er_by_reach"] if "er_by_reach" in p else pd.Series(pd.NA, index=p.index, dtype="Float64")
    )
    rate = rate.fillna(p.get("er_by_impressions", rate))
    rate = rate.fillna(p.get("er_by_followers", rate))
    p = p.assign(_rate=rate.astype("Float64"))
    overall = p["_rate"].median()
    g = p.groupby(by_list, observed=True, dropna=True)
    out = pd.DataFrame(
        {
            "posts": g.size(),
            "median_reach": g["reach"].median() if "reach" in p else np.nan,
            "median_engagements": g["engagements"].median(),
            "median_er": g["_rate"].median(),
        }
    )
    ok = overall is not None and not pd.isna(overall) and overall > 0
    out["vs_overall"] = (out["median_er"] / overall) if ok else np.nan
    out["enough_data"] = out["posts"] >= min_posts
    out = out.reset_index().sort_values("median_er", ascending=False, na_position="last")
    for c in ("median_reach", "median_engagements", "median_er", "vs_overall"):
        out[c] = out[c].astype("Float64")
    return out.reset_index(drop=True)


def best_format(formats: pd.DataFrame | None) -> dict[str, Any] | None:
    """The best and weakest format within the platform with the most posts (or None).

    Rates are only compared within one platform (they are not comparable across
    platforms), on formats with enough posts.
    """
    if formats is None or "platform" not in formats.columns or not len(formats):
        return None
    f = formats[formats["enough_data"]].dropna(subset=["median_er"])
    sizes = f.groupby("platform")["posts"].agg(["sum", "count"])
    sizes = sizes[sizes["count"] >= 2].sort_values("sum", ascending=False)
    if not len(sizes):
        return None
    plat = sizes.index[0]
    fp = f[f["platform"] == plat].sort_values("median_er", ascending=False)
    best, worst = fp.iloc[0], fp.iloc[-1]
    if not worst["median_er"] or worst["median_er"] <= 0:
        return None
    return {
        "platform": plat,
        "best": best["post_type"],
        "worst": worst["post_type"],
        "ratio": float(best["median_er"] / worst["median_er"]),
        "best_er": float(best["median_er"]),
        "worst_er": float(worst["median_er"]),
        "best_posts": int(best["posts"]),
        "worst_posts": int(worst["posts"]),
    }
