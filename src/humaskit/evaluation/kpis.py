"""Evaluation for leadership: KPIs per period and grouping, top posts, what worked.

Definitions (stated in reports too):

- **engagements** of a post = likes + comments + shares + saves, counting only the metrics
  the platform reports (a post with none of them has no engagement figure, not 0).
- **engagement rate** is a ratio of totals, with its variant in the column name:
  ``er_by_reach`` = engagements / reach, ``er_by_impressions`` = engagements /
  impressions (views where a platform reports views instead), ``er_by_followers`` =
  engagements / followers at posting. Only posts that report both parts count.
- **applause**, **conversation** and **amplification** rates (Avinash Kaushik) = likes,
  comments and shares per post per follower.
- **follower growth** = followers at the end of the period minus at the end of the
  previous one, from the ``daily`` table (metric ``followers``) when present, else from
  ``followers_at_post``.

Periods are calendar months (``"2025-09"``) in the institution's time zone (WIB unless
``tz=`` says otherwise).

Examples
--------
>>> import pandas as pd
>>> posts = pd.DataFrame({"platform": ["instagram"] * 2, "account": ["a", "a"],
...     "post_id": ["1", "2"], "published_at": ["2025-09-01 05:00+00", "2025-09-02 05:00+00"],
...     "post_type": ["reel", "feed"], "reach": [1000, 500], "likes": [90, 10],
...     "comments": [10, 5]})
>>> k = kpis(posts, period="2025-09", compare=False)
>>> int(k.loc[0, "posts"]), round(float(k.loc[0, "er_by_reach"]), 3)
(2, 0.077)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, t

__all__ = [
    "DEFAULT_TZ",
    "ENGAGEMENT_METRICS",
    "local_times",
    "add_rates",
    "kpis",
    "top_posts",
    "performance",
    "follower_growth",
    "headline",
    "narrative",
]

DEFAULT_TZ = "Asia/Jakarta"
ENGAGEMENT_METRICS = ("likes", "comments", "shares", "saves")
_SUMS = ("reach", "impressions", "views", "engagements", "likes", "comments", "shares",
         "saves", "clicks", "video_views")


def local_times(times: pd.Series, tz: str = DEFAULT_TZ) -> pd.Series:
    """Return UTC times converted to the institution's zone (WIB by default)."""
    s = pd.to_datetime(times, utc=True)
    return s.dt.tz_convert(tz)


def _period(value: Any, lang: str | None = None) -> pd.Period:
    if isinstance(value, pd.Period):
        return value.asfreq("M")
    import re

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(value).strip()):
        raise ParameterError(t("playbooks.bad_period", lang, value=value))
    try:
        return pd.Period(str(value), freq="M")
    except (ValueError, TypeError):
        raise ParameterError(t("playbooks.bad_period", lang, value=value)) from None


def _posts_of(data: Any) -> pd.DataFrame:
    posts = getattr(data, "posts", data)
    if not isinstance(posts, pd.DataFrame):
        raise ParameterError(t("evaluation.not_posts", None, got=type(data).__name__))
    if not isinstance(posts.get("published_at", pd.Series()).dtype, pd.DatetimeTZDtype):
        return schema.validate(posts, "posts")
    return posts


def add_rates(posts: pd.DataFrame) -> pd.DataFrame:
    """Return ``posts`` with ``engagements`` and per-post rates added (input unchanged).

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"likes": [10, None], "comments": [2, None], "reach": [100, 50]})
    >>> add_rates(p)[["engagements", "er_by_reach"]].to_dict("list")
    {'engagements': [12, None], 'er_by_reach': [0.12, None]}
    """
    out = posts.copy()
    parts = [out[c].astype("Float64") for c in ENGAGEMENT_METRICS if c in out.columns]
    if parts:
        eng = pd.concat(parts, axis=1).sum(axis=1, min_count=1)
    else:
        eng = pd.Series(pd.NA, index=out.index, dtype="Float64")
    out["engagements"] = eng.round().astype("Int64")
    for name, base in (("reach", "reach"), ("impressions", "impressions"),
                       ("followers", "followers_at_post")):
        if base in out.columns:
            denom = out[base].astype("Float64")
            if name == "impressions" and "views" in out.columns:
                denom = denom.fillna(out["views"].astype("Float64"))
            denom = denom.where(denom > 0)
            out[f"er_by_{name}"] = (eng / denom).astype("Float64")
    return out


def _in_period(posts: pd.DataFrame, period: pd.Period, tz: str) -> pd.DataFrame:
    local = local_times(posts["published_at"], tz)
    start = pd.Timestamp(period.start_time, tz=tz)
    end = pd.Timestamp((period + 1).start_time, tz=tz)
    return posts[(local >= start) & (local < end)]


def _aggregate(posts: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    p = add_rates(posts)
    p["_n"] = 1
    for c in _SUMS:
        if c not in p.columns:
            p[c] = pd.array([pd.NA] * len(p), dtype="Int64")
    # denominators that only count posts reporting both parts
    eng = p["engagements"].astype("Float64")
    has_eng = eng.notna()
    p["_eng_r"] = eng.where(has_eng & p["reach"].notna())
    p["_den_r"] = p["reach"].astype("Float64").where(has_eng)
    imp = p["impressions"].astype("Float64").fillna(p["views"].astype("Float64"))
    p["_eng_i"] = eng.where(has_eng & imp.notna())
    p["_den_i"] = imp.where(has_eng)
    fol = p["followers_at_post"].astype("Float64") if "followers_at_post" in p else eng * np.nan
    p["_eng_f"] = eng.where(has_eng & fol.notna())
    p["_den_f"] = fol.where(has_eng)
    for m in ("likes", "comments", "shares"):
        p[f"_{m}_f"] = (p[m].astype("Float64") / fol.where(fol > 0))
    agg = {"_n": "sum"}
    agg.update({c: "sum" for c in _SUMS})
    agg.update({c: "sum" for c in ("_eng_r", "_den_r", "_eng_i", "_den_i", "_eng_f", "_den_f")})
    agg.update({f"_{m}_f": "mean" for m in ("likes", "comments", "shares")})
    if by:
        g = p.groupby(by, observed=True, sort=True, dropna=False).agg(agg)
    else:
        g = p.agg(agg).to_frame().T
        g.index = [0]
    # a sum over only-missing values is missing, not 0
    counts = (p.groupby(by, observed=True, sort=True, dropna=False)[list(_SUMS)].count()
              if by else p[list(_SUMS)].count().to_frame().T.set_axis([0]))
    for c in _SUMS:
        g[c] = g[c].astype("Float64").where(counts[c].to_numpy() > 0)
    out = pd.DataFrame(index=g.index)
    out["posts"] = g["_n"].astype("Int64")
    for c in ("reach", "impressions", "views", "engagements", "likes", "comments", "shares",
              "saves", "clicks", "video_views"):
        out[c] = g[c].round().astype("Int64")

    def ratio(a, b):
        a = g[a].astype("Float64")
        b = g[b].astype("Float64")
        return (a / b.where(b > 0)).astype("Float64")

    out["er_by_reach"] = ratio("_eng_r", "_den_r")
    out["er_by_impressions"] = ratio("_eng_i", "_den_i")
    out["er_by_followers"] = ratio("_eng_f", "_den_f")
    out["applause_rate"] = g["_likes_f"].astype("Float64")
    out["conversation_rate"] = g["_comments_f"].astype("Float64")
    out["amplification_rate"] = g["_shares_f"].astype("Float64")
    out = out.reset_index()
    if not by:
        out = out.drop(columns="index")
    return out


def follower_growth(
    data: Any, period: Any, *, by: list[str] | None = None, tz: str = DEFAULT_TZ
) -> pd.DataFrame:
    """Followers at the end of ``period`` and growth over it, per platform and account.

    Uses the ``daily`` table (metric ``followers``) of a Workspace when it has rows for the
    period, else ``followers_at_post`` of the posts (last post of each month).

    Examples
    --------
    >>> import pandas as pd
    >>> daily = pd.DataFrame({"platform": "x", "account": "a", "metric": "followers",
    ...     "date": pd.to_datetime(["2025-08-31", "2025-09-30"]), "value": [100.0, 130.0]})
    >>> class W: posts = None; daily = daily
    >>> follower_growth(W(), "2025-09")[["followers", "follower_growth"]].to_dict("list")
    {'followers': [130], 'follower_growth': [30]}
    """
    period = _period(period)
    keys = ["platform", "account"]
    daily = getattr(data, "daily", None)
    rows = None
    if isinstance(daily, pd.DataFrame) and len(daily):
        d = daily[daily["metric"] == "followers"]
        if len(d):
            d = d.assign(_m=pd.to_datetime(d["date"]).dt.to_period("M"))
            last = d.sort_values("date").groupby(keys + ["_m"], observed=True)["value"].last()
            last = last.unstack("_m")
            if period in last.columns:
                rows = pd.DataFrame({"followers": last[period]})
                prev = last[period - 1] if (period - 1) in last.columns else np.nan
                rows["follower_growth"] = last[period] - prev
    if rows is None:
        posts = getattr(data, "posts", data)
        if not isinstance(posts, pd.DataFrame) or "followers_at_post" not in posts:
            return pd.DataFrame(columns=keys + ["followers", "follower_growth"])
        p = posts.dropna(subset=["followers_at_post"])
        p = p.assign(_m=local_times(p["published_at"], tz).dt.tz_localize(None).dt.to_period("M"))
        last = p.sort_values("published_at").groupby(keys + ["_m"])["followers_at_post"].last()
        last = last.astype("Float64").unstack("_m")
        if period not in last.columns:
            return pd.DataFrame(columns=keys + ["followers", "follower_growth"])
        rows = pd.DataFrame({"followers": last[period]})
        prev = last[period - 1] if (period - 1) in last.columns else np.nan
        rows["follower_growth"] = last[period] - prev
    rows = rows.reset_index()
    rows["followers"] = rows["followers"].astype("Float64").round().astype("Int64")
    rows["follower_growth"] = rows["follower_growth"].astype("Float64").round().astype("Int64")
    if by is not None and set(by) != set(keys):
        present = [b for b in by if b in rows.columns]
        rows = rows.groupby(present, observed=True)[["followers", "follower_growth"]].sum(
            min_count=1
        ).reset_index() if present else rows[["followers", "follower_growth"]].sum(
            min_count=1
        ).to_frame().T
    return rows


def kpis(
    data: Any,
    period: Any = None,
    *,
    by: str | list[str] | None = None,
    compare: bool = True,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Headline KPIs for a month, per group, with the change against the previous month.

    Parameters
    ----------
    data : Workspace or DataFrame
        A workspace (posts and daily follower counts) or a canonical posts table.
    period : str or Period, optional
        ``"YYYY-MM"``; default the latest month in the data.
    by : str or list of str, optional
        Grouping columns, e.g. ``"platform"``, ``["platform", "account"]``, ``"post_type"``,
        ``"category"``. Default: one row for everything.
    compare : bool
        Add ``<kpi>_prev`` and ``<kpi>_change`` (relative change, 0.12 = +12 %).

    Returns
    -------
    DataFrame
        posts, reach, impressions, views, engagements, er_by_reach, er_by_impressions,
        er_by_followers, applause_rate, conversation_rate, amplification_rate, followers,
        follower_growth (when grouped by nothing, platform and/or account).

    Examples
    --------
    >>> from humaskit import samples
    >>> k = kpis(samples.workspace(), "2025-09", by="platform")
    >>> {"platform", "posts", "er_by_reach", "posts_change"} <= set(k.columns)
    True
    """
    posts = _posts_of(data)
    by_list = [by] if isinstance(by, str) else list(by or [])
    missing = [b for b in by_list if b not in posts.columns]
    if missing:
        raise ParameterError(
            t("evaluation.bad_group", lang, column=missing[0], known=", ".join(posts.columns))
        )
    if period is None:
        if posts.empty:
            raise ParameterError(t("evaluation.no_posts", lang))
        period = local_times(posts["published_at"], tz).max().tz_localize(None).to_period("M")
    period = _period(period, lang)
    cur = _aggregate(_in_period(posts, period, tz), by_list)
    if set(by_list) <= {"platform", "account"}:
        growth = follower_growth(data, period, by=by_list or [], tz=tz)
        if len(growth):
            if by_list:
                cur = cur.merge(growth, on=by_list, how="left")
            else:
                for c in ("followers", "follower_growth"):
                    cur[c] = growth[c].sum(min_count=1) if c in growth else pd.NA
                    cur[c] = cur[c].astype("Int64")
    cur.insert(0, "period", str(period))
    if not compare:
        return cur
    prev = kpis(data, period - 1, by=by_list, compare=False, tz=tz, lang=lang)
    value_cols = [c for c in cur.columns if c not in by_list and c != "period"]
    prev = prev[by_list + [c for c in value_cols if c in prev.columns]]
    if by_list:
        merged = cur.merge(prev, on=by_list, how="left", suffixes=("", "_prev"))
    else:
        merged = cur.copy()
        for c in value_cols:
            merged[f"{c}_prev"] = prev[c].to_numpy() if c in prev and len(prev) else pd.NA
    for c in value_cols:
        if f"{c}_prev" not in merged:
            merged[f"{c}_prev"] = pd.NA
        a = merged[c].astype("Float64")
        b = merged[f"{c}_prev"].astype("Float64")
        if c == "follower_growth":
            merged[f"{c}_change"] = (a - b).astype("Float64")
        else:
            merged[f"{c}_change"] = ((a - b) / b.where(b != 0)).astype("Float64")
    return merged


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
    if period is None:
        period = local_times(posts["published_at"], tz).max().tz_localize(None).to_period("M")
    p = add_rates(_in_period(posts, _period(period), tz))
    if metric not in p.columns:
        raise ParameterError(t("evaluation.bad_metric", None, metric=metric))
    if metric.startswith("er_") and "reach" in p.columns:
        base = p["reach"] if metric == "er_by_reach" else p.get("impressions", p["reach"])
        p = p[base.fillna(0) >= min_reach]
    p = p.dropna(subset=[metric])
    p = p.sort_values(metric, ascending=bottom, kind="stable").head(n)
    p = p.assign(published_local=local_times(p["published_at"], tz))
    cols = ["platform", "account", "post_id", "published_local", "post_type", "category",
            "text", "reach", "engagements", metric, "permalink"]
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
    engagement rate to the overall median (``vs_overall``: 2.0 = twice the usual).

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
        posts = _in_period(posts, _period(period), tz)
    p = add_rates(posts)
    rate = p["er_by_reach"].fillna(p.get("er_by_impressions", p["er_by_reach"]))
    rate = rate.fillna(p.get("er_by_followers", rate))
    p = p.assign(_rate=rate.astype("Float64"))
    overall = p["_rate"].median()
    g = p.groupby(by, observed=True, dropna=True)
    out = pd.DataFrame(
        {
            "posts": g.size(),
            "median_reach": g["reach"].median() if "reach" in p else np.nan,
            "median_engagements": g["engagements"].median(),
            "median_er": g["_rate"].median(),
        }
    )
    out["vs_overall"] = (out["median_er"] / overall) if overall and overall > 0 else np.nan
    out["enough_data"] = out["posts"] >= min_posts
    out = out.reset_index().sort_values("median_er", ascending=False, na_position="last")
    for c in ("median_reach", "median_engagements", "median_er", "vs_overall"):
        out[c] = out[c].astype("Float64")
    return out.reset_index(drop=True)


def headline(k: pd.DataFrame) -> dict[str, Any]:
    """The headline figures of a one-row :func:`kpis` result as a plain dict (for JSON)."""
    row = k.iloc[0]
    keys = ["posts", "reach", "impressions", "views", "engagements", "er_by_reach",
            "er_by_impressions", "followers", "follower_growth"]
    out: dict[str, Any] = {"period": str(row.get("period"))}
    for key in keys:
        if key in k.columns:
            v = row[key]
            out[key] = None if pd.isna(v) else (float(v) if "er_" in key else int(v))
            prev = row.get(f"{key}_change")
            if prev is not None:
                out[f"{key}_change"] = None if pd.isna(prev) else round(float(prev), 4)
    return out


def _pct(x: float, lang: str | None) -> str:
    text = f"{x * 100:.1f}%"
    return text.replace(".", ",") if (lang or "id") == "id" else text


def _num(x: float, lang: str | None) -> str:
    text = f"{x:,.0f}"
    return text.replace(",", ".") if (lang or "id") == "id" else text


def narrative(
    total: pd.DataFrame,
    formats: pd.DataFrame | None = None,
    categories: pd.DataFrame | None = None,
    platforms: pd.DataFrame | None = None,
    *,
    lang: str | None = None,
) -> list[str]:
    """Short plain-language sentences summarising the month, each with its evidence.

    Parameters
    ----------
    total : DataFrame
        One-row :func:`kpis` with ``compare=True``.
    formats : DataFrame, optional
        :func:`performance` by ``["platform", "post_type"]`` (formats are compared within
        the platform with the most posts).
    categories : DataFrame, optional
        :func:`performance` by ``category``.
    platforms : DataFrame, optional
        :func:`kpis` by ``platform``.
    """
    from ..i18n import resolve

    lang = resolve(lang)
    row = total.iloc[0]
    out = []

    def change_word(ch):
        if pd.isna(ch):
            return t("evaluation.no_previous", lang)
        word = "evaluation.up" if ch >= 0 else "evaluation.down"
        return t(word, lang, pct=_pct(abs(float(ch)), lang))

    out.append(t("evaluation.say_posts", lang, n=_num(row["posts"], lang),
                 change=change_word(row.get("posts_change"))))
    if not pd.isna(row.get("reach")):
        out.append(t("evaluation.say_reach", lang, n=_num(row["reach"], lang),
                     change=change_word(row.get("reach_change"))))
    if not pd.isna(row.get("er_by_reach")):
        out.append(t("evaluation.say_er", lang, er=_pct(row["er_by_reach"], lang),
                     change=change_word(row.get("er_by_reach_change"))))
    if not pd.isna(row.get("follower_growth")):
        out.append(t("evaluation.say_followers", lang,
                     n=_num(row["follower_growth"], lang),
                     total=_num(row.get("followers") or 0, lang)))
    if formats is not None and "platform" in formats.columns:
        f = formats[formats["enough_data"]].dropna(subset=["median_er"])
        # compare formats within one platform (rates are not comparable across platforms):
        # the platform with the most posts that has at least two formats
        sizes = f.groupby("platform")["posts"].agg(["sum", "count"])
        sizes = sizes[sizes["count"] >= 2].sort_values("sum", ascending=False)
        if len(sizes):
            plat = sizes.index[0]
            fp = f[f["platform"] == plat].sort_values("median_er", ascending=False)
            best, worst = fp.iloc[0], fp.iloc[-1]
            if worst["median_er"] and worst["median_er"] > 0:
                ratio = float(best["median_er"] / worst["median_er"])
                out.append(t("evaluation.say_format", lang, platform=label(plat, lang),
                             best=label(best["post_type"], lang),
                             worst=label(worst["post_type"], lang),
                             ratio=f"{ratio:.1f}".replace(".", "," if lang == "id" else ".")))
    if categories is not None and len(categories[categories["enough_data"]]) >= 2:
        c = categories[categories["enough_data"]].dropna(subset=["median_er"])
        out.append(t("evaluation.say_category", lang, best=label(c.iloc[0]["category"], lang),
                     worst=label(c.iloc[-1]["category"], lang)))
    if platforms is not None and len(platforms) >= 2 and "reach" in platforms:
        pl = platforms.dropna(subset=["er_by_reach"]).sort_values("er_by_reach")
        if len(pl) >= 2:
            out.append(t("evaluation.say_platform", lang,
                         best=label(pl.iloc[-1]["platform"], lang),
                         er=_pct(pl.iloc[-1]["er_by_reach"], lang)))
    return out
