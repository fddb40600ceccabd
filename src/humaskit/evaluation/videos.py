"""The first seconds: how well each video's opening holds viewers, by length and platform.

Video exports carry retention in different forms, and humaskit's readers keep what each
gives (:mod:`humaskit.io`): YouTube Studio ``avg_view_pct`` (average percentage viewed),
``avg_view_s`` (average view duration), ``watch_time_s``, ``duration_s`` and, for Shorts, ``stayed_pct`` (stayed to watch); Meta Business
Suite ``duration_s``, ``watch_time_s`` (seconds viewed), ``avg_view_s`` (average seconds
viewed) and ``video_views`` (3-second views); TikTok ``watch_time_s`` (total play time) and
``avg_view_s`` (average watch time) when the download has them. From whatever is there:

- :func:`video_retention`: one row per video with its length, the average seconds and
  share watched, the share of viewers past the opening (Meta: 3-second views per view;
  YouTube Shorts: "Stayed to watch", ``stayed_pct``) and its length
  band (``≤ 15 s``, ``16-60 s``, ``1-3 min``, ``3-10 min``, ``> 10 min``);
- :func:`retention_by_length`: per platform and length band, the median share watched,
  the median seconds watched and the opening kept (3-second viewers);
- :func:`holding_length`: per account and platform, the longest length band whose videos
  are still watched at least half-way on average (what holds the account's viewers), for
  :func:`humaskit.scheduling.readiness`;
- :func:`retention_notes`: the same in sentences, or one sentence saying which download
  would give the figures when the data has none.

Examples
--------
>>> import pandas as pd
>>> posts = pd.DataFrame({"platform": "youtube", "account": "a", "post_id": ["1", "2"],
...     "published_at": ["2025-09-01 05:00+00", "2025-09-02 05:00+00"], "post_type": "short",
...     "views": [1000, 500], "avg_view_s": [12.0, 30.0], "duration_s": [20, 120]})
>>> video_retention(posts)[["length_band", "avg_view_pct"]].values.tolist()
[['16-60s', 60.0], ['1-3m', 25.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..fmt import fmt_number
from ..i18n import label, resolve, t
from ._common import DEFAULT_TZ, window
from .kpis import _posts_of, local_times

__all__ = [
    "LENGTH_BANDS",
    "HOLDS_PCT",
    "video_retention",
    "retention_by_length",
    "holding_length",
    "retention_notes",
]

#: Length bands: (code, upper bound in seconds, inclusive). The last has no bound.
LENGTH_BANDS = (
    ("0-15s", 15),
    ("16-60s", 60),
    ("1-3m", 180),
    ("3-10m", 600),
    ("10m+", None),
)
#: A video "holds" its viewers when they watch at least this share of it on average (%).
HOLDS_PCT = 50.0
#: Fewest videos in a band before its median is compared.
MIN_VIDEOS = 2

_VIDEO_TYPES = {"video", "reel", "short", "live"}
_COLUMNS = [
    "platform",
    "account",
    "post_id",
    "published_local",
    "post_type",
    "text",
    "views",
    "duration_s",
    "avg_view_s",
    "avg_view_pct",
    "opening_pct",
    "length_band",
]


def _num(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df.columns:
        return pd.Series(np.nan, index=df.index, dtype="float64")
    return pd.to_numeric(df[col], errors="coerce").astype("float64")


def _band(seconds: float) -> Any:
    if seconds is None or np.isnan(seconds) or seconds <= 0:
        return None
    for code, upper in LENGTH_BANDS:
        if upper is None or seconds <= upper:
            return code
    return None


def _band_upper(code: str) -> float | None:
    return dict(LENGTH_BANDS).get(code)


def video_retention(data: Any, period: Any = None, *, tz: str = DEFAULT_TZ) -> pd.DataFrame:
    """One row per video of the period with how long and how much of it people watched.

    Parameters
    ----------
    data : Workspace, Scope or DataFrame
        Canonical posts (extra reader columns ``duration_s`` and ``avg_view_s`` are used
        when present).
    period : str, optional
        The period (see :func:`humaskit.evaluation.window`); ``None``: every post.
    tz : str
        The institution's zone for ``published_local``.

    Returns
    -------
    DataFrame
        ``platform``, ``account``, ``post_id``, ``published_local``, ``post_type``,
        ``text``, ``views``, ``duration_s`` (given, or average seconds / average share),
        ``avg_view_s`` (given, or watch time / views), ``avg_view_pct`` (given, or average
        seconds / length), ``opening_pct`` (the share of viewers past the opening: 3-second
        views / views on Meta, "Stayed to watch" on YouTube Shorts) and
        ``length_band`` (a code of :data:`LENGTH_BANDS`; empty when the length is unknown).
        Only videos with at least one retention figure; empty (same columns) otherwise.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "facebook", "account": "a", "post_id": ["1"],
    ...     "published_at": ["2025-09-01 05:00+00"], "post_type": "reel", "views": [400],
    ...     "video_views": [100], "duration_s": [30], "watch_time_s": [2400]})
    >>> video_retention(posts)[["avg_view_s", "avg_view_pct", "opening_pct"]].values.tolist()
    [[6.0, 20.0, 25.0]]
    """
    posts = _posts_of(data)
    if period is not None:
        win = window(period, tz=tz, times=posts["published_at"])
        posts = posts[win.mask(posts["published_at"])]
    views = _num(posts, "views")
    vv = _num(posts, "video_views")
    views = views.where(views > 0, vv.where(vv > 0))
    watch = _num(posts, "watch_time_s")
    avg_s = _num(posts, "avg_view_s")
    avg_s = avg_s.where(avg_s.notna(), watch / views.where(views > 0))
    pct = _num(posts, "avg_view_pct")
    dur = _num(posts, "duration_s")
    dur = dur.where(dur > 0)
    dur = dur.where(dur.notna(), (avg_s / (pct / 100)).where(pct > 0).round())
    pct = pct.where(pct.notna(), (avg_s / dur * 100).where(dur > 0))
    meta = posts["platform"].isin(["facebook", "instagram"])
    held = (vv / views * 100).where(meta & (views > 0) & (vv <= views) & (vv > 0))
    held = held.where(held.notna(), _num(posts, "stayed_pct"))  # YouTube Shorts
    kind = posts["post_type"].astype("object")
    is_video = kind.isin(list(_VIDEO_TYPES)) | (dur > 0)
    has = avg_s.notna() | pct.notna() | held.notna()
    keep = (is_video & has).to_numpy(dtype=bool)
    p = posts[keep]
    out = pd.DataFrame(
        {
            "platform": p["platform"],
            "account": p["account"],
            "post_id": p["post_id"],
            "published_local": local_times(p["published_at"], tz),
            "post_type": p["post_type"],
            "text": p["text"] if "text" in p.columns else pd.Series(pd.NA, index=p.index),
            "views": views[keep].round().astype("Int64"),
            "duration_s": dur[keep].round(0),
            "avg_view_s": avg_s[keep].round(1),
            "avg_view_pct": pct[keep].round(1),
            "opening_pct": held[keep].round(1),
        },
        columns=_COLUMNS[:-1],
    )
    out["length_band"] = pd.array([_band(v) for v in out["duration_s"]], dtype="str")
    for c in ("duration_s", "avg_view_s", "avg_view_pct", "opening_pct"):
        out[c] = out[c].astype("Float64")
    return out.sort_values(["platform", "published_local"], kind="stable").reset_index(drop=True)


def _as_retention(data: Any, period: Any, tz: str) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame) and "avg_view_pct" in data and "length_band" in data:
        return data
    return video_retention(data, period, tz=tz)


def retention_by_length(data: Any, period: Any = None, *, tz: str = DEFAULT_TZ) -> pd.DataFrame:
    """Median retention per platform and length band: which lengths hold viewers.

    Parameters
    ----------
    data : Workspace, DataFrame of posts, or a :func:`video_retention` table

    Returns
    -------
    DataFrame
        ``platform``, ``length_band`` (shortest first; ``"unknown"`` when the export gives
        no length), ``videos``, ``median_duration_s``, ``median_view_s``,
        ``median_view_pct``, ``median_opening_pct`` and ``holds`` (the median video is
        watched at least :data:`HOLDS_PCT` percent through; empty with fewer than two
        videos or no share).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "youtube", "account": "a", "post_id": list("123"),
    ...     "published_at": "2025-09-01 05:00+00", "post_type": "short",
    ...     "views": 100, "avg_view_s": [10.0, 12.0, 40.0], "duration_s": [14, 15, 200]})
    >>> retention_by_length(posts)[["length_band", "videos", "median_view_pct"]].values.tolist()
    [['0-15s', 2, 75.7], ['3-10m', 1, 20.0]]
    """
    r = _as_retention(data, period, tz)
    cols = [
        "platform",
        "length_band",
        "videos",
        "median_duration_s",
        "median_view_s",
        "median_view_pct",
        "median_opening_pct",
        "holds",
    ]
    if r.empty:
        return pd.DataFrame(columns=cols)
    r = r.assign(length_band=r["length_band"].fillna("unknown"))
    g = r.groupby(["platform", "length_band"], sort=False)
    out = g.agg(
        videos=("post_id", "size"),
        median_duration_s=("duration_s", "median"),
        median_view_s=("avg_view_s", "median"),
        median_view_pct=("avg_view_pct", "median"),
        median_opening_pct=("opening_pct", "median"),
    ).reset_index()
    for c in ("median_duration_s", "median_view_s", "median_view_pct", "median_opening_pct"):
        out[c] = out[c].astype("Float64").round(1)
    enough = (out["videos"] >= MIN_VIDEOS) & out["median_view_pct"].notna()
    holds = (out["median_view_pct"] >= HOLDS_PCT).astype("boolean")
    out["holds"] = holds.where(enough, pd.NA).astype("boolean")
    order = {code: i for i, (code, _) in enumerate(LENGTH_BANDS)}
    out["_o"] = out["length_band"].map(order).fillna(len(order))
    out = out.sort_values(["platform", "_o"], kind="stable").drop(columns="_o")
    out["videos"] = out["videos"].astype("int64")
    return out[cols].reset_index(drop=True)


def holding_length(data: Any, period: Any = None, *, tz: str = DEFAULT_TZ) -> pd.DataFrame:
    """What holds each account's viewers: the longest length band still watched half-way.

    Returns
    -------
    DataFrame
        ``account``, ``platform``, ``videos``, ``median_view_s`` (seconds an average viewer
        stays), ``holds_up_to_s`` (upper bound of the longest band whose median video is
        watched at least :data:`HOLDS_PCT` percent through, with at least two videos; NA
        when no band qualifies or it is the open last band) and ``holding_band``.
        :func:`humaskit.scheduling.readiness` flags a planned video longer than
        ``holds_up_to_s`` (or, without it, longer than four times ``median_view_s``).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "tiktok", "account": "a", "post_id": list("1234"),
    ...     "published_at": "2025-09-01 05:00+00", "post_type": "video", "views": 100,
    ...     "avg_view_s": [12.0, 13.0, 20.0, 25.0], "duration_s": [20, 24, 150, 170]})
    >>> holding_length(posts)[["holds_up_to_s", "holding_band"]].values.tolist()
    [[60.0, '16-60s']]
    """
    r = _as_retention(data, period, tz)
    cols = ["account", "platform", "videos", "median_view_s", "holds_up_to_s", "holding_band"]
    if r.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for (account, platform), g in r.groupby(["account", "platform"], sort=True):
        by_band = retention_by_length(g)
        ok = by_band[by_band["holds"].fillna(False).astype(bool)]
        ok = ok[ok["length_band"] != "unknown"]
        band = ok["length_band"].iloc[-1] if len(ok) else None
        upper = _band_upper(band) if band else None
        rows.append(
            {
                "account": account,
                "platform": platform,
                "videos": len(g),
                "median_view_s": g["avg_view_s"].astype("Float64").median(),
                "holds_up_to_s": float(upper) if upper is not None else np.nan,
                "holding_band": band,
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    out["median_view_s"] = out["median_view_s"].astype("Float64").round(1)
    out["holds_up_to_s"] = out["holds_up_to_s"].astype("Float64")
    out["holding_band"] = out["holding_band"].astype("str")
    return out


def retention_notes(
    data: Any, period: Any = None, *, tz: str = DEFAULT_TZ, lang: str | None = None
) -> list[str]:
    """The opening and length of the period's videos in sentences (one when there is no data).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "x", "account": "a", "post_id": ["1"],
    ...     "published_at": ["2025-09-01 05:00+00"], "post_type": "text", "likes": [3]})
    >>> retention_notes(posts, lang="en")[0][:42]
    'No video in these data carries retention ('
    """
    lang = resolve(lang)
    r = _as_retention(data, period, tz)
    if r.empty:
        return [t("videos.none", lang)]
    lines = []
    table = retention_by_length(r)
    for platform, g in table.groupby("platform", sort=True):
        name = label(platform, lang)
        known = g[g["median_view_pct"].notna() & (g["videos"] >= MIN_VIDEOS)]
        if len(known) >= 2:
            best = known.sort_values("median_view_pct", ascending=False, kind="stable").iloc[0]
            worst = known.sort_values("median_view_pct", kind="stable").iloc[0]
            lines.append(
                t(
                    "videos.note_bands",
                    lang,
                    platform=name,
                    best=label(f"band_{best['length_band']}", lang),
                    best_pct=fmt_number(best["median_view_pct"], lang, 0),
                    worst=label(f"band_{worst['length_band']}", lang),
                    worst_pct=fmt_number(worst["median_view_pct"], lang, 0),
                )
            )
        elif len(known) == 1:
            one = known.iloc[0]
            lines.append(
                t(
                    "videos.note_one_band",
                    lang,
                    platform=name,
                    band=label(f"band_{one['length_band']}", lang),
                    pct=fmt_number(one["median_view_pct"], lang, 0),
                    n=int(one["videos"]),
                )
            )
        elif g["median_view_pct"].notna().any():
            pct = pd.to_numeric(r.loc[r["platform"] == platform, "avg_view_pct"]).median()
            lines.append(
                t(
                    "videos.note_few",
                    lang,
                    platform=name,
                    pct=fmt_number(pct, lang, 0),
                    n=int(r.loc[r["platform"] == platform, "avg_view_pct"].notna().sum()),
                )
            )
        elif g["median_view_s"].notna().any():
            sec = pd.to_numeric(r.loc[r["platform"] == platform, "avg_view_s"]).median()
            lines.append(
                t(
                    "videos.note_seconds_only",
                    lang,
                    platform=name,
                    s=fmt_number(sec, lang, 0),
                    n=int(g["videos"].sum()),
                )
            )
        held = r.loc[r["platform"] == platform, "opening_pct"].dropna()
        if len(held):
            lines.append(
                t(
                    "videos.note_held",
                    lang,
                    platform=name,
                    pct=fmt_number(held.median(), lang, 0),
                    n=len(held),
                )
            )
    lines.append(t("videos.note_first_seconds", lang))
    return lines
