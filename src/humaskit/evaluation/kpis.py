"""KPIs for leadership: the figures of a period per grouping, with the change against the one before.

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
  ``followers_at_post``; ``follower_growth_rate`` = growth / followers at the start.
- **video retention** where the platform gives it: ``avg_view_pct`` (average share of a
  video watched, in percent, weighted by views) and ``watch_time_per_view_s`` (seconds
  watched per view).

Periods are months (``"2025-09"``), quarters (``"2025-Q3"``), years (``"2025"``), days or
ranges of days (``("2025-09-01", "2025-09-15")``) in the institution's time zone (WIB
unless ``tz=`` says otherwise); each is compared with the same stretch just before it.
Groupings: any column of the posts table (``platform``, ``account``, ``post_type`` or its
alias ``format``, ``category``, ``campaign``) and ``unit`` / ``institution``, which come
from the accounts table joined on platform and account.

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

from collections.abc import Callable
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import t
from ..schema import ENGAGEMENT_METRICS
from ._common import DEFAULT_TZ, Window, account_units, window, zone
from ._memo import fingerprint, remembered

__all__ = [
    "DEFAULT_TZ",
    "ENGAGEMENT_METRICS",
    "KPI_COLUMNS",
    "local_times",
    "month",
    "add_rates",
    "kpis",
    "follower_growth",
]

_SUMS = (
    "reach",
    "impressions",
    "views",
    "engagements",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "video_views",
    "watch_time_s",
)
#: The value columns :func:`kpis` returns (before ``_prev``/``_change`` columns).
_FOLLOWER_DTYPES = {
    "followers": "Int64",
    "follower_growth": "Int64",
    "follower_growth_rate": "Float64",
}

KPI_COLUMNS = (
    "posts",
    "accounts",
    "posts_per_day",
    "posts_per_account_day",
    "reach",
    "impressions",
    "views",
    "engagements",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "video_views",
    "watch_time_s",
    "er_by_reach",
    "er_by_impressions",
    "er_by_followers",
    "applause_rate",
    "conversation_rate",
    "amplification_rate",
    "avg_view_pct",
    "watch_time_per_view_s",
    "followers",
    "follower_growth",
    "follower_growth_rate",
)
_GROUP_ALIASES = {"format": "post_type"}
#: Post columns the KPIs are computed from (other columns are never copied).
_METRIC_SOURCES = (
    "reach",
    "impressions",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "video_views",
    "watch_time_s",
    "followers_at_post",
    "avg_view_pct",
)
_FROM_ACCOUNTS = ("unit", "institution")


def local_times(times: pd.Series, tz: str = DEFAULT_TZ) -> pd.Series:
    """Return UTC times converted to the institution's zone (WIB by default)."""
    s = pd.to_datetime(times, utc=True)
    return s.dt.tz_convert(zone(tz))


def month(value: Any, lang: str | None = None) -> pd.Period:
    """A month as a pandas Period, checked (``"2025-09"``; a Period is passed through).

    Examples
    --------
    >>> month("2025-09")
    Period('2025-09', 'M')
    """
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
    eng = pd.Series(pd.array(schema.engagements(out), dtype="Float64"), index=out.index)
    out["engagements"] = eng.round().astype("Int64")
    for name, base in (
        ("reach", "reach"),
        ("impressions", "impressions"),
        ("followers", "followers_at_post"),
    ):
        if base in out.columns:
            denom = out[base].astype("Float64")
            if name == "impressions" and "views" in out.columns:
                denom = denom.fillna(out["views"].astype("Float64"))
            denom = denom.where(denom > 0)
            out[f"er_by_{name}"] = (eng / denom).astype("Float64")
    return out


def _metric(p: pd.DataFrame, name: str) -> np.ndarray:
    """A metric column as float64 with NaN for missing (a column of NaN when absent)."""
    if name in p.columns:
        return p[name].to_numpy(dtype="float64", na_value=np.nan)
    return np.full(len(p), np.nan)


class _Posts:
    """One posts table prepared once for the windows a KPI call looks at.

    :func:`kpis` with ``compare=True`` looks at up to three windows of the same table
    (the period, the one before, and the one before that for the starting followers).
    This keeps the publication times as integer ticks, the (platform, account) codes and
    the last follower count per account and window, so that each window costs a mask
    and a row take instead of DataFrame filters and string group-bys.
    """

    def __init__(self, posts: pd.DataFrame) -> None:
        self.posts = posts
        self._masks: dict[tuple, np.ndarray] = {}
        self._last: dict[tuple, pd.Series | None] = {}
        self._values: dict[str, np.ndarray] = {}

    @cached_property
    def ticks(self) -> tuple[np.ndarray, str]:
        """UTC publication times as int64 (NaT is the smallest int64) and their unit."""
        times = self.posts["published_at"]
        if not isinstance(times.dtype, pd.DatetimeTZDtype):
            times = pd.to_datetime(times, utc=True)
        arr = times.array
        return np.asarray(arr.asi8), str(arr.unit)

    def mask(self, win: Window) -> np.ndarray:
        """Boolean array: which posts were published inside ``win`` (as Window.mask)."""
        key = (win.start, win.end)
        if key not in self._masks:
            ticks, unit = self.ticks
            start, end = (
                int(x.tz_convert("UTC").as_unit(unit).asm8.view("int64"))
                for x in (win.start, win.end)
            )
            self._masks[key] = (ticks >= start) & (ticks < end)
        return self._masks[key]

    @cached_property
    def pairs(self) -> tuple[np.ndarray, pd.Index, pd.Index] | None:
        """(platform, account) code of every row (-1 when either is missing), the levels."""
        if not {"platform", "account"} <= set(self.posts.columns):
            return None
        pc_, plats = pd.factorize(self.posts["platform"], sort=True)
        ac_, accs = pd.factorize(self.posts["account"], sort=True)
        width = max(len(accs), 1)
        codes = pc_.astype("int64") * width + ac_
        codes[(pc_ < 0) | (ac_ < 0)] = -1
        return codes, pd.Index(plats), pd.Index(accs)

    def values(self, name: str, rows: np.ndarray) -> np.ndarray:
        """Metric ``name`` of ``rows`` as float64 with NaN for missing (NaN when absent)."""
        if name not in self.posts.columns:
            return np.full(len(rows), np.nan)
        if name not in self._values:
            self._values[name] = _metric(self.posts, name)
        return self._values[name][rows]

    def last_followers(self, win: Window) -> pd.Series | None:
        """``followers_at_post`` of each account's last post in ``win`` (None: no post).

        The last post is the latest ``published_at``, the first such row on ties (as
        ``groupby(...).idxmax()``); the index is (platform, account), sorted.
        """
        key = (win.start, win.end)
        if key in self._last:
            return self._last[key]
        known = self.posts["followers_at_post"].notna().to_numpy(dtype=bool)
        rows = np.flatnonzero(self.mask(win) & known)
        out = None
        if len(rows) and self.pairs is not None:
            codes, plats, accs = self.pairs
            k = codes[rows]
            rows, k = rows[k >= 0], k[k >= 0]
            t = self.ticks[0][rows]
            top = np.full(len(plats) * max(len(accs), 1), np.iinfo(np.int64).min)
            np.maximum.at(top, k, t)
            at = t == top[k]
            groups, first = np.unique(k[at], return_index=True)
            pick = rows[at][first]
            width = max(len(accs), 1)
            index = pd.MultiIndex.from_arrays(
                [plats.take(groups // width), accs.take(groups % width)],
                names=["platform", "account"],
            )
            values = self.posts["followers_at_post"].array.take(pick)
            out = pd.Series(values, index=index, name="followers_at_post").astype("Float64")
        self._last[key] = out
        return out


def _group_codes(p: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Group number of each row and the group keys (sorted, missing keys kept)."""
    if not by:
        return np.zeros(len(p), dtype="int64"), pd.DataFrame(index=[0])
    codes = np.zeros(len(p), dtype="int64")
    levels = []
    for b in by:
        c, uniq = pd.factorize(p[b], sort=True, use_na_sentinel=False)
        levels.append(uniq)
        codes = codes * len(uniq) + c
    dense, first = np.unique(codes, return_inverse=False, return_index=True)
    remap = np.searchsorted(dense, codes)
    keys = p[by].iloc[first].reset_index(drop=True)
    return remap.astype("int64"), keys


def _aggregate(
    posts: pd.DataFrame,
    by: list[str],
    days: int | None = None,
    *,
    values: Callable[[str], np.ndarray] | None = None,
    pairs: np.ndarray | None = None,
) -> pd.DataFrame:
    """Sum and ratio KPIs of ``posts`` per group (numpy sums over group codes).

    ``values(name)`` gives a metric of the rows as float64 (default: from ``posts``);
    ``pairs`` the (platform, account) code of each row (default: from ``posts``).
    """
    p = posts
    codes, keys = _group_codes(p, by)
    n_groups = len(keys)
    if values is None:

        def values(name: str) -> np.ndarray:
            return _metric(p, name)

    def tot(x: np.ndarray) -> np.ndarray:
        """Group sums ignoring NaN, NaN where the group has no value at all."""
        ok = ~np.isnan(x)
        if n_groups == 1:
            return np.array([x[ok].sum() if ok.any() else np.nan])
        s = np.bincount(codes, weights=np.where(ok, x, 0.0), minlength=n_groups)
        n = np.bincount(codes[ok], minlength=n_groups)
        return np.where(n > 0, s, np.nan)

    def ratio(a: np.ndarray, b: np.ndarray) -> pd.arrays.FloatingArray:
        with np.errstate(invalid="ignore", divide="ignore"):
            r = np.where((b > 0) & ~np.isnan(a), a / np.where(b > 0, b, 1.0), np.nan)
        r = np.where(np.isfinite(r), r, np.nan)
        return pd.array(r, dtype="Float64")

    metric = {c: values(c) for c in dict.fromkeys([*_METRIC_SOURCES, *_SUMS]) if c != "engagements"}
    # engagements: the sum of the reported parts, NaN when a post reports none of them
    eng = np.full(len(p), np.nan)
    for c in ENGAGEMENT_METRICS:
        x = metric[c]
        eng = np.where(np.isnan(eng), x, np.where(np.isnan(x), eng, eng + x))
    has_eng = ~np.isnan(eng)
    reach = metric["reach"]
    views_raw = metric["views"]
    imp = metric["impressions"]
    imp = np.where(np.isnan(imp), views_raw, imp)
    fol = metric["followers_at_post"]
    views = np.where(np.isnan(views_raw), metric["video_views"], views_raw)
    avp = metric["avg_view_pct"]
    wts = metric["watch_time_s"]
    nan = np.nan
    out: dict[str, Any] = {}  # built as a dict, joined to the keys once
    n_posts = np.bincount(codes, minlength=n_groups).astype("float64")
    out["posts"] = pd.array(n_posts.astype("int64"), dtype="Int64")
    if pairs is None and {"platform", "account"} <= set(p.columns):
        pairs = pd.factorize(p["platform"].astype("str") + "\x1f" + p["account"].astype("str"))[0]
    if pairs is not None:
        # accounts that posted, per group: distinct (group, account) combinations
        ok = pairs >= 0
        width = int(pairs.max()) + 1 if ok.any() else 1
        seen = np.unique(codes[ok] * width + pairs[ok])
        n_acc = np.bincount(seen // width, minlength=n_groups)
    else:
        n_acc = np.ones(n_groups, dtype="int64")
    out["accounts"] = pd.array(n_acc.astype("int64"), dtype="Int64")
    if days:
        out["posts_per_day"] = pd.array(n_posts / days, dtype="Float64")
        with np.errstate(invalid="ignore", divide="ignore"):
            per = np.where(n_acc > 0, n_posts / np.where(n_acc > 0, n_acc, 1) / days, nan)
        out["posts_per_account_day"] = pd.array(per, dtype="Float64")
    for c in _SUMS:
        x = eng if c == "engagements" else metric[c]
        out[c] = pd.array(np.round(tot(x)), dtype="Float64").astype("Int64")
    out["er_by_reach"] = ratio(
        tot(np.where(has_eng & ~np.isnan(reach), eng, nan)), tot(np.where(has_eng, reach, nan))
    )
    out["er_by_impressions"] = ratio(
        tot(np.where(has_eng & ~np.isnan(imp), eng, nan)), tot(np.where(has_eng, imp, nan))
    )
    out["er_by_followers"] = ratio(
        tot(np.where(has_eng & ~np.isnan(fol), eng, nan)), tot(np.where(has_eng, fol, nan))
    )
    okf = np.where(fol > 0, fol, nan)
    for m, name in (
        ("likes", "applause_rate"),
        ("comments", "conversation_rate"),
        ("shares", "amplification_rate"),
    ):
        with np.errstate(invalid="ignore", divide="ignore"):
            r = metric[m] / okf
        cnt = np.bincount(codes, weights=(~np.isnan(r)).astype("float64"), minlength=n_groups)
        out[name] = ratio(tot(r), cnt)
    okv = np.where(views > 0, views, nan)
    out["avg_view_pct"] = ratio(
        tot(np.where(~np.isnan(avp) & ~np.isnan(okv), avp * okv, nan)),
        tot(np.where(~np.isnan(avp), okv, nan)),
    )
    out["watch_time_per_view_s"] = ratio(
        tot(np.where(~np.isnan(okv), wts, nan)), tot(np.where(~np.isnan(wts), okv, nan))
    )
    frame = pd.DataFrame(out, index=keys.index)
    return pd.concat([keys, frame], axis=1).reset_index(drop=True)


def _followers_from_daily(daily: pd.DataFrame, win: Window) -> pd.DataFrame | None:
    """Followers at the end of ``win`` and before it, per platform/account (None: no figures
    in ``win``); computed once per window for a report's several kpis calls (see _memo)."""
    columns = ["metric", "platform", "account", "date", "value"]
    key = ("followers", win.start, win.end, fingerprint(daily, columns))
    return remembered(key, lambda: _daily_followers(daily, win))


def _daily_followers(daily: pd.DataFrame, win: Window) -> pd.DataFrame | None:
    d = daily[daily["metric"] == "followers"]
    if not len(d):
        return None
    d = d[["platform", "account", "date", "value"]].dropna(subset=["value"])
    dates = pd.to_datetime(d["date"])
    if "tz" in str(dates.dtype):
        dates = dates.dt.tz_convert(win.tz).dt.tz_localize(None)
    d = d.assign(_d=dates).sort_values("_d", kind="stable")
    start, end = win.start.tz_localize(None), win.end.tz_localize(None)
    inside = d[(d["_d"] >= start) & (d["_d"] < end)]
    if not len(inside):
        return None
    keys = ["platform", "account"]
    now = d[d["_d"] < end].groupby(keys, observed=True)["value"].last()
    before = d[d["_d"] < start].groupby(keys, observed=True)["value"].last()
    rows = pd.DataFrame({"followers": now})
    rows["_start"] = before.reindex(rows.index)
    rows = rows[rows.index.isin(inside.set_index(keys).index.unique())]
    return rows


def _followers_from_posts(
    posts: pd.DataFrame, win: Window, table: _Posts | None = None
) -> pd.DataFrame | None:
    if "followers_at_post" not in posts.columns:
        return None
    table = table if table is not None and table.posts is posts else _Posts(posts)
    now = table.last_followers(win)
    if now is None:
        return None
    before = table.last_followers(win.previous())
    rows = pd.DataFrame({"followers": now})
    rows["_start"] = (before if before is not None else pd.Series(dtype="Float64")).reindex(
        rows.index
    )
    return rows


def follower_growth(
    data: Any, period: Any, *, by: list[str] | None = None, tz: str = DEFAULT_TZ
) -> pd.DataFrame:
    """Followers at the end of ``period`` and growth over it, per platform and account.

    Uses the ``daily`` table (metric ``followers``) of a Workspace when it has rows for the
    period, else ``followers_at_post`` of the posts (last post of each period).

    Examples
    --------
    >>> import pandas as pd
    >>> daily = pd.DataFrame({"platform": "x", "account": "a", "metric": "followers",
    ...     "date": pd.to_datetime(["2025-08-31", "2025-09-30"]), "value": [100.0, 130.0]})
    >>> class W: posts = None; daily = daily
    >>> follower_growth(W(), "2025-09")[["followers", "follower_growth"]].to_dict("list")
    {'followers': [130], 'follower_growth': [30]}
    """
    posts = getattr(data, "posts", data)
    posts = posts if isinstance(posts, pd.DataFrame) else None
    win = window(period, tz=tz, times=posts["published_at"] if posts is not None else None)
    return _follower_growth(data, win, by=by)


def _follower_growth(
    data: Any, win: Window, *, by: list[str] | None = None, table: _Posts | None = None
) -> pd.DataFrame:
    """:func:`follower_growth` over a window (``table``: the posts prepared by kpis)."""
    keys = ["platform", "account"]
    empty = pd.DataFrame(columns=keys + ["followers", "follower_growth", "follower_growth_rate"])
    posts = getattr(data, "posts", data)
    posts = posts if isinstance(posts, pd.DataFrame) else None
    daily = getattr(data, "daily", None)
    rows = None
    if isinstance(daily, pd.DataFrame) and len(daily):
        rows = _followers_from_daily(daily, win)
    if rows is None and posts is not None:
        rows = _followers_from_posts(posts, win, table)
    if rows is None:
        return empty
    rows["follower_growth"] = rows["followers"] - rows["_start"]
    rows = rows.drop(columns="_start").reset_index()
    rows["followers"] = rows["followers"].astype("Float64").round().astype("Int64")
    rows["follower_growth"] = rows["follower_growth"].astype("Float64").round().astype("Int64")
    start = (rows["followers"] - rows["follower_growth"]).astype("Float64")
    rows["follower_growth_rate"] = (
        rows["follower_growth"].astype("Float64") / start.where(start > 0)
    ).astype("Float64")
    if by is not None and set(by) != set(keys):
        rows = _sum_growth(rows, [b for b in by if b in rows.columns])
    return rows


def _sum_growth(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    cols = ["followers", "follower_growth"]
    if by:
        out = rows.groupby(by, observed=True, dropna=False)[cols].sum(min_count=1).reset_index()
    else:
        out = rows[cols].sum(min_count=1).to_frame().T
    for c in cols:
        out[c] = out[c].astype("Float64").round().astype("Int64")
    start = (out["followers"] - out["follower_growth"]).astype("Float64")
    out["follower_growth_rate"] = (
        out["follower_growth"].astype("Float64") / start.where(start > 0)
    ).astype("Float64")
    return out


def _group_columns(
    posts: pd.DataFrame, by: list[str], accounts: pd.DataFrame | None, lang: str | None
) -> pd.DataFrame:
    """Posts with the grouping columns present (format alias, unit/institution joined)."""
    need_acc = [b for b in by if b in _FROM_ACCOUNTS and b not in posts.columns]
    out = posts
    for b in by:
        if b in _GROUP_ALIASES and b not in out.columns:
            out = out.assign(**{b: out[_GROUP_ALIASES[b]]})
    if need_acc:
        if accounts is None or not len(accounts):
            raise ParameterError(t("evaluation.needs_accounts", lang, column=need_acc[0]))
        units = account_units(accounts)
        out = out.merge(
            units[["platform", "account", *need_acc]], on=["platform", "account"], how="left"
        )
        unknown = t("evaluation.unregistered", lang)
        for b in need_acc:
            out[b] = out[b].fillna(unknown)
    missing = [b for b in by if b not in out.columns]
    if missing:
        raise ParameterError(
            t("evaluation.bad_group", lang, column=missing[0], known=", ".join(posts.columns))
        )
    return out


def _window_kpis(
    data: Any,
    table: _Posts,
    win: Window,
    by_list: list[str],
    accounts: pd.DataFrame | None,
    lang: str | None,
) -> pd.DataFrame:
    """:func:`kpis` of one window without the comparison (``period`` and the figures)."""
    posts = table.posts
    rows = np.flatnonzero(table.mask(win))
    group_cols = [_GROUP_ALIASES.get(b, b) for b in by_list]
    if any(b in _FROM_ACCOUNTS and b not in posts.columns for b in by_list):
        group_cols = ["platform", "account", *group_cols]  # to join the accounts table
    group_cols = [c for c in dict.fromkeys(group_cols) if c in posts.columns]
    slim = posts[group_cols].iloc[rows] if group_cols else pd.DataFrame(index=posts.index[rows])
    grouped = _group_columns(slim, by_list, accounts, lang)
    cur = _aggregate(
        grouped,
        by_list,
        days=win.days,
        values=lambda name: table.values(name, rows),
        pairs=table.pairs[0][rows] if table.pairs is not None else None,
    )
    if set(by_list) <= {"platform", "account", "unit", "institution"}:
        growth = _follower_growth(data, win, table=table)
        cur = _with_followers(cur, growth, by_list, accounts, lang)
    cur.insert(0, "period", win.label)
    return cur


def _with_followers(
    cur: pd.DataFrame, growth: pd.DataFrame, by_list: list[str], accounts: Any, lang: str | None
) -> pd.DataFrame:
    """``cur`` with the follower columns of ``growth`` (per account) summed to ``by_list``.

    The columns are there (NA) when there is no follower series, as KPI_COLUMNS promises.
    Shared by the in-memory and the store KPIs.
    """
    if len(growth):
        extra = [b for b in by_list if b in _FROM_ACCOUNTS]
        if extra:
            units = account_units(accounts)
            growth = growth.merge(units, on=["platform", "account"], how="left")
            for b in extra:
                growth[b] = growth[b].fillna(t("evaluation.unregistered", lang))
        growth = _sum_growth(growth, by_list) if set(by_list) != {"platform", "account"} else growth
        if by_list:
            cur = cur.merge(growth, on=by_list, how="left")
        else:
            for c in ("followers", "follower_growth", "follower_growth_rate"):
                cur[c] = growth[c].to_numpy()[:1] if len(growth) else pd.NA
            cur["followers"] = cur["followers"].astype("Int64")
            cur["follower_growth"] = cur["follower_growth"].astype("Int64")
            cur["follower_growth_rate"] = cur["follower_growth_rate"].astype("Float64")
    for c, dtype in _FOLLOWER_DTYPES.items():
        if c not in cur.columns:
            cur[c] = pd.array([pd.NA] * len(cur), dtype=dtype)
    return cur


def kpis(
    data: Any,
    period: Any = None,
    *,
    by: str | list[str] | None = None,
    compare: bool = True,
    accounts: pd.DataFrame | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Headline KPIs for a period, per group, with the change against the period before.

    Parameters
    ----------
    data : Workspace or DataFrame
        A workspace (posts, daily follower counts, accounts) or a canonical posts table.
    period : str, tuple, Period or Window, optional
        ``"2025-09"``, ``"2025-Q3"``, ``"2025"``, ``("2025-09-01", "2025-09-15")``;
        default the latest month in the data.
    by : str or list of str, optional
        Grouping columns, e.g. ``"platform"``, ``["platform", "account"]``, ``"format"``,
        ``"category"``, ``"campaign"``, ``"unit"``, ``"institution"``. Default: one row.
    compare : bool
        Add ``<kpi>_prev`` and ``<kpi>_change`` (relative change, 0.12 = +12 %; for
        follower growth the difference in followers).
    accounts : DataFrame, optional
        The accounts table for ``unit``/``institution`` (default: the workspace's).

    Returns
    -------
    DataFrame
        ``period`` and :data:`KPI_COLUMNS` (follower figures when grouped by nothing,
        platform, account, unit or institution).

    Examples
    --------
    >>> from humaskit import samples
    >>> k = kpis(samples.workspace(), "2025-09", by="platform")
    >>> {"platform", "posts", "er_by_reach", "posts_change"} <= set(k.columns)
    True
    >>> kpis(samples.workspace(), "2025-Q3", by="unit", compare=False)["unit"].nunique() >= 9
    True
    """
    posts = _posts_of(data)
    by_list = [by] if isinstance(by, str) else list(by or [])
    if accounts is None and not isinstance(data, pd.DataFrame):
        accounts = getattr(data, "accounts", None)
    if period is None and posts.empty:
        raise ParameterError(t("evaluation.no_posts", lang))
    win = window(period, tz=tz, times=posts["published_at"], lang=lang)
    table = _Posts(posts)
    cur = _window_kpis(data, table, win, by_list, accounts, lang)
    if not compare:
        return cur
    prev = _window_kpis(data, table, win.previous(), by_list, accounts, lang)
    return _blank_uncovered(_with_change(cur, prev, by_list), data, win, by_list)


def _with_change(cur: pd.DataFrame, prev: pd.DataFrame, by_list: list[str]) -> pd.DataFrame:
    """``cur`` with ``<kpi>_prev`` and ``<kpi>_change`` columns from the period before.

    Follower growth changes by difference, every other KPI by ratio (NA when the previous
    value is 0 or missing). Used by :func:`kpis` and by the store's SQL KPIs.
    """
    value_cols = [c for c in cur.columns if c not in by_list and c != "period"]
    prev = prev[by_list + [c for c in value_cols if c in prev.columns]]
    # new columns are collected in order and joined once (inserting ~60 columns one by
    # one into a frame costs more than the figures themselves)
    new: dict[str, Any] = {}
    if by_list:
        merged = cur.merge(prev, on=by_list, how="left", suffixes=("", "_prev"))
    else:
        merged = cur
        for c in value_cols:
            value = prev[c].to_numpy() if c in prev and len(prev) else pd.NA
            new[f"{c}_prev"] = pd.Series(value, index=merged.index)
    for c in value_cols:
        name = f"{c}_prev"
        if name not in merged and name not in new:
            new[name] = pd.Series(pd.NA, index=merged.index)
        a = merged[c].astype("Float64")
        b = (new[name] if name in new else merged[name]).astype("Float64")
        if c == "follower_growth":
            new[f"{c}_change"] = (a - b).astype("Float64")
        else:
            new[f"{c}_change"] = ((a - b) / b.where(b != 0)).astype("Float64")
    return pd.concat([merged, pd.DataFrame(new, index=merged.index)], axis=1)


def _blank_uncovered(k: pd.DataFrame, data: Any, win: Window, by_list: list[str]) -> pd.DataFrame:
    """Blank the changes of groups whose previous period is not covered comparably."""
    from .coverage import covered_days

    cov = covered_days(data, win, by_list)
    keys = [c for c in cov.columns if c in by_list]
    if keys:
        k = k.merge(cov, on=keys, how="left")
    else:
        for c in cov.columns:
            k[c] = np.repeat(cov[c].to_numpy()[:1], len(k))
    k["comparable"] = k["comparable"].astype("boolean").fillna(True)
    changes = [c for c in k.columns if c.endswith("_change")]
    k.loc[~k["comparable"].to_numpy(dtype=bool), changes] = pd.NA
    return k
