"""How often to post: posts per day against engagement per post and follower change.

Platforms rank by how often an account posts, but a second or third post the same day
competes with the first for the same followers, and too many drive unfollows.
:func:`posting_frequency` shows, per platform, what the account's own days with 1, 2, 3...
posts brought per post and in followers, and recommends a daily cap and a minimum spacing;
when the history is too thin it falls back to the shipped defaults
(``data/scheduling/limits.csv``), and says so.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import resolve, t
from ._common import (
    _limits_table,
    bucket_series,
    check_posts,
    default_limit,
    engagement_rate,
    percentile_scores,
    resolve_tz,
    zone_label,
)

__all__ = ["posting_frequency", "limits", "limits_view"]

#: Days with this many posts or more are pooled into one row (at least; platforms whose
#: default cap is higher get default cap + 2).
MAX_BUCKET = 5
#: Columns of a posting_frequency result and their dtypes.
_COLUMNS = {
    "platform": "str",
    "posts_per_day": "Int64",
    "days": "Int64",
    "posts": "Int64",
    "score_per_post": "Float64",
    "median_er": "Float64",
    "follower_change": "Float64",
    "follower_score": "Float64",
    "recommended_cap": "Int64",
    "min_spacing_h": "float",
    "basis": "str",
    "reason": "str",
}
#: Gap classes (hours) between consecutive posts for the spacing recommendation.
GAP_EDGES = (0.0, 1.0, 2.0, 4.0, 8.0, np.inf)
#: A posts-per-day level (or gap) is "as good" when its score per post is within this many
#: percentile points of the reference.
TOLERANCE = 5.0


def _follower_change(daily: pd.DataFrame | None, tz: str) -> pd.DataFrame | None:
    if daily is None or len(daily) == 0:
        return None
    d = schema.validate(getattr(daily, "daily", daily), "daily")
    f = d[d["metric"] == "followers"].sort_values(["platform", "account", "date"])
    if f.empty:
        return None
    f = f.drop_duplicates(["platform", "account", "date"], keep="last")
    prev_day = f.groupby(["platform", "account"])["date"].shift()
    change = f["value"] - f.groupby(["platform", "account"])["value"].shift()
    change = change.where(f["date"] - prev_day == pd.Timedelta(days=1))
    return pd.DataFrame(
        {
            "platform": f["platform"].to_numpy(),
            "account": f["account"].to_numpy(),
            "date": f["date"].to_numpy(),
            "follower_change": change.astype("Float64").to_numpy(),
        }
    )


def posting_frequency(
    posts: pd.DataFrame,
    daily: pd.DataFrame | None = None,
    *,
    tz: str = "Asia/Jakarta",
    min_days: int = 8,
    lang: str | None = None,
) -> pd.DataFrame:
    """Posts per day against engagement per post and follower change, per platform.

    Counted per account and local day, over the days between an account's first and last
    post on a platform (days without posts count as 0). Formats with their own limits
    (Instagram Stories, YouTube Shorts: see ``limits.csv``) are left out of the count, since
    they do not compete with feed posts.

    Parameters
    ----------
    posts : DataFrame
        Canonical posts (or a Workspace, whose ``daily`` is then used too).
    daily : DataFrame, optional
        Canonical daily table; its ``followers`` metric gives the day-to-day change.
    tz : str
        The audience's zone (``"WIB"``, ``"WITA"``, ``"WIT"`` or an IANA name).
    min_days : int
        A posts-per-day level needs this many days to count in the recommendation.

    Returns
    -------
    DataFrame
        One row per platform x posts per day (``MAX_BUCKET`` = that many or more):
        ``days``, ``posts``, ``score_per_post`` (mean percentile score, 50 = typical),
        ``median_er`` (median engagement rate per post), ``follower_change`` (mean per day),
        and the platform's ``recommended_cap``, ``min_spacing_h``, ``basis`` (``data`` or
        ``default``) and ``reason``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> days = pd.date_range("2025-03-01", periods=90, freq="D", tz="Asia/Jakarta")
    >>> n = rng.integers(1, 5, 90)
    >>> times = [d + pd.Timedelta(hours=8 + 3 * k) for d, m in zip(days, n) for k in range(m)]
    >>> per_day = np.repeat(n, n)
    >>> posts = pd.DataFrame({"platform": "facebook", "account": "a",
    ...     "post_id": [str(i) for i in range(len(times))],
    ...     "published_at": pd.DatetimeIndex(times).tz_convert("UTC"), "post_type": "feed",
    ...     "reach": 1000, "likes": rng.poisson(60 / per_day)})
    >>> f = posting_frequency(posts)
    >>> int(f["recommended_cap"].iloc[0]), f["basis"].iloc[0]
    (1, 'data')
    """
    tzname = resolve_tz(tz, lang)
    if not isinstance(min_days, (int, np.integer)) or min_days < 1:
        raise ParameterError(t("scheduling.bad_positive", lang, name="min_days", value=min_days))
    if daily is None and hasattr(posts, "daily"):
        daily = posts.daily
    p = check_posts(posts, lang)
    p = p[bucket_series(p["platform"], p["post_type"]) == "*"]
    if p.empty:
        out = pd.DataFrame({c: pd.Series([], dtype=d) for c, d in _COLUMNS.items()})
        out.attrs.update(tz=tzname, zone=zone_label(tzname))
        return out
    rate, _ = engagement_rate(p)
    score = percentile_scores(rate, [p["platform"], p["account"]])
    local = p["published_at"].dt.tz_convert(tzname).dt.tz_localize(None)  # wall-clock time
    frame = pd.DataFrame(
        {
            "platform": p["platform"].to_numpy(),
            "account": p["account"].to_numpy(),
            "date": local.dt.normalize().to_numpy(),
            "time": local.to_numpy(),
            "score": score,
            "rate": rate,
        }
    )
    frame["score2"] = frame["score"] ** 2
    per_day = frame.groupby(["platform", "account", "date"]).agg(
        posts=("score", "size"),
        score_sum=("score", "sum"),
        score_sq=("score2", "sum"),
        rate=("rate", "median"),
    )
    per_day = _with_empty_days(per_day.reset_index())
    changes = _follower_change(daily, tzname)
    if changes is not None:
        per_day = per_day.merge(changes, on=["platform", "account", "date"], how="left")
    else:
        per_day["follower_change"] = np.nan
    per_day["follower_change"] = per_day["follower_change"].astype(float)
    # followers compared within each account (big accounts must not drown small ones)
    per_day["follower_score"] = percentile_scores(
        per_day["follower_change"].to_numpy(dtype=float), [per_day["platform"], per_day["account"]]
    )
    top = per_day["platform"].map({pl: _max_level(pl) for pl in per_day["platform"].unique()})
    per_day["level"] = np.minimum(per_day["posts"], top)
    g = per_day.groupby(["platform", "level"])
    levels = g.agg(
        days=("posts", "size"),
        posts=("posts", "sum"),
        score_sum=("score_sum", "sum"),
        score_sq=("score_sq", "sum"),
        median_er=("rate", "median"),
        follower_change=("follower_change", "mean"),
        follower_score=("follower_score", "mean"),
        follower_sd=("follower_score", "std"),
        follower_days=("follower_score", "count"),
    )
    levels = levels.reset_index().rename(columns={"level": "posts_per_day"})
    with np.errstate(invalid="ignore", divide="ignore"):
        n = levels["posts"].to_numpy(dtype=float)
        mean = levels["score_sum"].to_numpy(dtype=float) / n
        var = levels["score_sq"].to_numpy(dtype=float) / n - mean**2
        levels["score_per_post"] = np.where(n > 0, mean, np.nan)
        levels["score_se"] = np.sqrt(np.maximum(var, 0) / np.maximum(n - 1, 1))
        levels["follower_se"] = levels["follower_sd"] / np.sqrt(levels["follower_days"])
    gaps = _gaps(frame)
    rec = {
        pl: _recommend(levels[levels["platform"] == pl], gaps.get(pl), pl, min_days, lang)
        for pl in levels["platform"].unique()
    }
    levels["recommended_cap"] = levels["platform"].map(lambda pl: rec[pl][0]).astype("Int64")
    levels["min_spacing_h"] = levels["platform"].map(lambda pl: rec[pl][1]).astype(float)
    levels["basis"] = levels["platform"].map(lambda pl: rec[pl][2]).astype("str")
    levels["reason"] = levels["platform"].map(lambda pl: rec[pl][3]).astype("str")
    levels = levels[list(_COLUMNS)].copy()
    for c in ("score_per_post", "follower_change", "follower_score"):
        levels[c] = levels[c].astype(float).round(2).astype("Float64")
    levels["median_er"] = levels["median_er"].astype(float).round(5).astype("Float64")
    levels["platform"] = levels["platform"].astype("str")
    levels["days"] = levels["days"].astype("Int64")
    levels["posts"] = levels["posts"].astype("Int64")
    levels["posts_per_day"] = levels["posts_per_day"].astype("Int64")
    levels.attrs.update(tz=tzname, zone=zone_label(tzname))
    return levels


def _max_level(platform: str) -> int:
    return max(MAX_BUCKET, int(default_limit(platform, "*", "cap_per_day")) + 2)


def _with_empty_days(per_day: pd.DataFrame) -> pd.DataFrame:
    """Add the days without posts between each account's first and last post."""
    if per_day.empty:
        return per_day.assign(posts=pd.Series([], dtype=int))
    bounds = (
        per_day.groupby(["platform", "account"], sort=False)["date"]
        .agg(["min", "max"])
        .reset_index()
    )
    n = ((bounds["max"] - bounds["min"]).dt.days + 1).to_numpy()
    idx = np.repeat(np.arange(len(bounds)), n)
    offset = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    full = pd.DataFrame(
        {
            "platform": bounds["platform"].to_numpy()[idx],
            "account": bounds["account"].to_numpy()[idx],
            "date": bounds["min"].to_numpy()[idx] + offset.astype("timedelta64[D]"),
        }
    )
    out = full.merge(per_day, on=["platform", "account", "date"], how="left")
    out["posts"] = out["posts"].fillna(0).astype(int)
    return out


def _gaps(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Score of a post by the hours since the account's previous post (per platform).

    Scores are taken relative to their hour of day first: the first post of a day comes
    after a long night gap and in the morning, so without this the gap would stand in for
    the hour.
    """
    f = frame.sort_values(["platform", "account", "time"])
    prev = f.groupby(["platform", "account"])["time"].shift()
    hours = (f["time"] - prev).dt.total_seconds() / 3600.0
    hour_of_day = pd.DatetimeIndex(f["time"]).hour
    hour_mean = f.groupby([f["platform"], hour_of_day])["score"].transform("mean")
    f = f.assign(
        gap=pd.cut(hours, GAP_EDGES, right=False, labels=list(range(len(GAP_EDGES) - 1))),
        adjusted=f["score"] - hour_mean + 50.0,
    )
    out = {}
    for pl, g in f.dropna(subset=["gap", "adjusted"]).groupby("platform"):
        out[pl] = (
            g.groupby("gap", observed=True)["adjusted"]
            .agg(["mean", "size", "std"])
            .rename(columns={"std": "sd"})
        )
    return out


def _worse(value: float, ref: float, se: float, se_ref: float = 0.0) -> bool:
    """True when ``value`` is clearly below ``ref``: by more than TOLERANCE and 1.64 SE."""
    if pd.isna(value) or pd.isna(ref):
        return False
    se = 0.0 if pd.isna(se) else float(se)
    se_ref = 0.0 if pd.isna(se_ref) else float(se_ref)
    return value < ref - max(TOLERANCE, 1.64 * np.hypot(se, se_ref))


def _weighted(values: pd.Series, weights: pd.Series, ses: pd.Series) -> tuple[float, float]:
    """Weighted mean of level means and its standard error."""
    v = values.to_numpy(dtype=float)
    w = weights.to_numpy(dtype=float)
    se = ses.to_numpy(dtype=float)
    ok = ~np.isnan(v) & (w > 0)
    if not ok.any():
        return np.nan, np.nan
    share = w[ok] / w[ok].sum()
    return float((share * v[ok]).sum()), float(np.sqrt(np.nansum((share * se[ok]) ** 2)))


def _recommend(
    levels: pd.DataFrame, gaps: pd.DataFrame | None, platform: str, min_days: int, lang: str | None
) -> tuple[int, float, str, str]:
    """Daily cap: the most posts a day before engagement per post or followers clearly drop.

    Levels (1, 2, 3... posts a day) with at least ``min_days`` days are walked upwards; the
    walk stops at the first level whose score per post, or whose follower change (as a
    percentile within each account), is clearly below the levels before it (their mean).
    """
    cap_default = int(default_limit(platform, "*", "cap_per_day"))
    spacing_default = default_limit(platform, "*", "min_spacing_h")
    used = levels[(levels["posts_per_day"] >= 1) & (levels["days"] >= min_days)]
    used = used.sort_values("posts_per_day")
    if len(used) < 2:
        reason = t(
            "scheduling.freq_default", lang, cap=cap_default, spacing=_fmt_h(spacing_default)
        )
        return cap_default, spacing_default, "default", reason
    cap = int(used["posts_per_day"].iloc[0])
    stop = None
    for i, rec in enumerate(used.iloc[1:].itertuples(index=False), start=1):
        before = used.iloc[:i]
        ref_score, se_score = _weighted(
            before["score_per_post"], before["posts"], before["score_se"]
        )
        ref_f, se_f = _weighted(
            before["follower_score"], before["follower_days"], before["follower_se"]
        )
        if _worse(rec.score_per_post, ref_score, rec.score_se, se_score):
            stop = ("score", int(rec.posts_per_day))
            break
        if _worse(rec.follower_score, ref_f, rec.follower_se, se_f):
            stop = ("followers", int(rec.posts_per_day))
            break
        cap = int(rec.posts_per_day)
    # the spacing must leave room for ``cap`` posts in a waking day of 16 hours
    spacing = min(_spacing(gaps, spacing_default), max(1.0, 16.0 / max(cap, 1)))
    if stop is None:
        reason = t("scheduling.freq_ok", lang, cap=cap, spacing=_fmt_h(spacing))
    else:
        reason = t(
            f"scheduling.freq_stop_{stop[0]}", lang, cap=cap, n=stop[1], spacing=_fmt_h(spacing)
        )
    return cap, spacing, "data", reason


def _spacing(gaps: pd.DataFrame | None, default: float) -> float:
    """Smallest gap class from which posts do as well as isolated ones (8 h or more).

    Never below 1 hour: two posts within the hour compete for the same feed session.
    """
    if gaps is None:
        return default
    enough = gaps[gaps["size"] >= 10]
    last = len(GAP_EDGES) - 2
    if last not in enough.index:
        return default
    ref = float(enough.loc[last, "mean"])
    se_ref = float(enough.loc[last, "sd"]) / np.sqrt(float(enough.loc[last, "size"]))
    spacing = GAP_EDGES[last]
    for cls in range(last - 1, -1, -1):
        if cls not in enough.index:
            break
        se = float(enough.loc[cls, "sd"]) / np.sqrt(float(enough.loc[cls, "size"]))
        if _worse(float(enough.loc[cls, "mean"]), ref, se, se_ref):
            break
        spacing = GAP_EDGES[cls]
    return float(max(spacing, 1.0))


def _fmt_h(hours: float) -> str:
    return f"{hours:g}"


def _records(frequency: pd.DataFrame | None) -> dict[tuple[str, str], dict[str, Any]]:
    """``{(platform, post_type): {cap_per_day, min_spacing_h, basis, reason}}``."""
    table = _limits_table()
    out = {
        (r.platform, r.post_type): {
            "cap_per_day": int(r.cap_per_day),
            "min_spacing_h": float(r.min_spacing_h),
            "basis": "default",
            "reason": "",
        }
        for r in table.itertuples(index=False)
    }
    if frequency is not None and len(frequency):
        for r in frequency.drop_duplicates("platform").itertuples(index=False):
            out[(r.platform, "*")] = {
                "cap_per_day": int(r.recommended_cap),
                "min_spacing_h": float(r.min_spacing_h),
                "basis": str(r.basis),
                "reason": str(r.reason),
            }
    return out


def _frame(records: dict[tuple[str, str], dict[str, Any]]) -> pd.DataFrame:
    rows = [{"platform": pl, "post_type": pt, **v} for (pl, pt), v in records.items()]
    out = pd.DataFrame(rows)
    for c in ("platform", "post_type", "basis", "reason"):
        out[c] = out[c].astype("str")
    out["cap_per_day"] = out["cap_per_day"].astype(int)
    out["min_spacing_h"] = out["min_spacing_h"].astype(float)
    return out


def limits(
    frequency: pd.DataFrame | None = None,
    *,
    caps: Any = None,
    spacing: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Daily caps and minimum spacing per platform (and format bucket).

    Starts from the shipped defaults (``data/scheduling/limits.csv``); a
    :func:`posting_frequency` result replaces them by its recommendations for each
    platform's default bucket (``*``); the team's ``caps``/``spacing`` override both.

    Parameters
    ----------
    frequency : DataFrame, optional
        A :func:`posting_frequency` result.
    caps : int, dict or DataFrame, optional
        Posts per day: one number for every platform's default bucket, a dict such as
        ``{"instagram": 2, "instagram:story": 8}``, or a limits table.
    spacing : float, dict or DataFrame, optional
        Minimum hours between two posts (same forms).

    Returns
    -------
    DataFrame
        ``platform``, ``post_type`` (``*`` = every format without its own row),
        ``cap_per_day``, ``min_spacing_h``, ``basis`` (default/data/team), ``reason``.

    Examples
    --------
    >>> lim = limits()
    >>> lim.loc[(lim["platform"] == "instagram") & (lim["post_type"] == "*"),
    ...         "cap_per_day"].item()
    2
    >>> lim = limits(caps={"x": 4}, spacing=2)
    >>> lim.loc[(lim["platform"] == "x") & (lim["post_type"] == "*"),
    ...         ["cap_per_day", "min_spacing_h", "basis"]].values.tolist()
    [[4, 2.0, 'team']]
    """
    records = _records(frequency)
    for value, column in ((caps, "cap_per_day"), (spacing, "min_spacing_h")):
        if value is None:
            continue
        if isinstance(value, pd.DataFrame):
            src = limits(value) if "recommended_cap" in value.columns else value
            for r in src.itertuples(index=False):
                _set(
                    records,
                    r.platform,
                    r.post_type,
                    column,
                    getattr(r, column),
                    lang,
                    basis=str(getattr(r, "basis", "team")),
                    reason=str(getattr(r, "reason", "")),
                )
        elif isinstance(value, dict):
            for key, v in value.items():
                pl, _, pt = str(key).partition(":")
                _set(records, pl, pt or "*", column, v, lang)
        elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
            value, bool
        ):
            for pl in {pl for pl, _ in records}:
                _set(records, pl, "*", column, value, lang)
        else:
            raise ParameterError(t("scheduling.bad_limit", lang, name=column, value=value))
    return _frame(records)


def resolve_limits(caps: Any, spacing: Any, lang: str | None = None) -> pd.DataFrame:
    """The limits :func:`humaskit.scheduling.schedule` keeps: defaults + ``caps``/``spacing``."""
    return limits(None, caps=caps, spacing=spacing, lang=lang)


def _set(
    records: dict[tuple[str, str], dict[str, Any]],
    platform: str,
    post_type: str,
    column: str,
    value: Any,
    lang: str | None,
    *,
    basis: str = "team",
    reason: str = "",
) -> None:
    try:
        num = float(value)
    except (TypeError, ValueError):
        num = float("nan")
    if np.isnan(num) or num < 0 or (column == "cap_per_day" and (num < 1 or not num.is_integer())):
        raise ParameterError(
            t("scheduling.bad_limit", lang, name=f"{column} {platform}", value=value)
        )
    if platform not in schema.PLATFORMS:
        raise ParameterError(t("scheduling.bad_platform", lang, value=platform))
    if (platform, post_type) not in records:
        records[(platform, post_type)] = {
            "cap_per_day": int(default_limit(platform, post_type, "cap_per_day")),
            "min_spacing_h": default_limit(platform, post_type, "min_spacing_h"),
            "basis": basis,
            "reason": "",
        }
    rec = records[(platform, post_type)]
    rec[column] = int(num) if column == "cap_per_day" else num
    rec["basis"] = basis
    rec["reason"] = reason or (
        t(
            "scheduling.limit_team",
            lang,
            cap=rec["cap_per_day"],
            spacing=_fmt_h(rec["min_spacing_h"]),
        )
        if basis == "team"
        else ""
    )


def limits_view(limits: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """A :func:`limits` table as people read it: labels, spacing as text, basis in words.

    Examples
    --------
    >>> view = limits_view(limits(caps={"x": 4}, lang="en"), lang="en")
    >>> view.iloc[3, [0, 1, 3, 4]].tolist(), view.iloc[3, 5]
    (['X (Twitter)', 'all formats', '1', 'set by the team'], 'set by the team: at most 4 posts a day, at least 1 hours apart.')
    """
    from ..i18n import label

    def fmt(v: str) -> str:
        return t("scheduling.all_formats", lang) if v == "*" else label(v, lang)

    return pd.DataFrame(
        {
            label("platform", lang): limits["platform"].map(lambda v: label(v, lang)),
            label("format", lang): limits["post_type"].map(fmt),
            label("cap_per_day", lang): limits["cap_per_day"],
            label("min_spacing_h", lang): limits["min_spacing_h"].map(
                lambda h: f"{h:g}".replace(".", "," if resolve(lang) == "id" else ".")
            ),
            label("basis", lang): limits["basis"].map(
                lambda b: t(f"scheduling.limit_basis.{b}", lang)
            ),
            label("reason", lang): limits["reason"],
        }
    )
