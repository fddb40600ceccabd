"""When to post: expected performance per hour-of-week slot, its backtest, and the trap.

The outcome of a post is its engagement rate (engagements / reach, or followers, ...; see
:func:`humaskit.scheduling.engagement_rate`) turned into a **percentile score** within its
platform and account: 50 is the account's typical post, 80 beats 80% of them. Ranks make
big and small accounts comparable and keep one viral post from dominating.

Per group (platform x format by default) and slot (168 hours of the week, in the audience's
own zone), :func:`best_times` estimates the expected score by empirical Bayes, in layers:

1. the group's mean score (how this format does on this account),
2. plus the shipped **default profile** of the platform (``data/scheduling/*_profile.csv``),
3. plus the account's own **hour-of-day** and **weekday** patterns, each shrunk toward 0,
4. plus what the **slot itself** showed, shrunk toward the layers above.

How much each layer is shrunk follows from the data (method of moments: the spread of the
observed means beyond what chance alone gives), so a slot with one post moves its estimate
little, a slot with twenty posts a lot. Bands are 90% intervals of the estimate.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import t
from ._common import (
    N_SLOTS,
    TYPICAL,
    check_by,
    check_posts,
    default_profile,
    engagement_rate,
    group_codes,
    local_slots,
    percentile_scores,
    resolve_tz,
    sigma2_default,
    zone_label,
)

__all__ = [
    "best_times",
    "default_times",
    "backtest",
    "hourly_totals",
    "slot_lookup",
    "slot_lookups",
]

_Z90 = 1.645
#: With no data at all, the default profile is as uncertain as the mean of this many posts.
_DEFAULT_PRIOR_POSTS = 10
_RESULT_COLS = (
    "day",
    "hour",
    "n_posts",
    "observed",
    "estimate",
    "lower",
    "upper",
    "enough_data",
    "rank",
    "basis",
)


def _tau2(n: np.ndarray, mean: np.ndarray, sigma2: float, n_groups: int) -> float:
    """Between-cell variance of true effects (one-way random effects, method of moments)."""
    used = n > 0
    cells = int(used.sum())
    df = cells - n_groups
    total = float(n[used].sum())
    if df < 1 or total <= 0:
        return sigma2 * 1e-4
    msb = float((n[used] * mean[used] ** 2).sum()) / df
    n0 = (total - float((n[used] ** 2).sum()) / max(total, 1.0)) / df
    n0 = max(n0, 1.0)
    tau2 = (msb - sigma2) / n0
    return float(np.clip(tau2, sigma2 * 1e-4, sigma2))


def _shrink(
    cell: np.ndarray,
    e: np.ndarray,
    n_cells: int,
    sigma2: float,
    n_groups: int,
    w: np.ndarray | None = None,
):
    """Shrunk mean of ``e`` per cell; returns (effect, posterior variance, n, k).

    With ``w``, each entry stands for ``w`` posts and ``e`` is the sum of their values.
    """
    n = np.bincount(cell, weights=w, minlength=n_cells).astype(float)
    s = np.bincount(cell, weights=e, minlength=n_cells)
    mean = np.divide(s, n, out=np.zeros(n_cells), where=n > 0)
    tau2 = _tau2(n, mean, sigma2, n_groups)
    k = sigma2 / tau2
    effect = n / (n + k) * mean
    return effect, sigma2 / (n + k), n, k


def _window(p: pd.DataFrame, weeks: int | None, end: Any, lang: str | None) -> pd.DataFrame:
    if end is None:
        end_ts = p["published_at"].max() if len(p) else pd.Timestamp.now(tz="UTC")
    else:
        try:
            end_ts = pd.Timestamp(end)
        except (TypeError, ValueError):
            raise ParameterError(t("scheduling.bad_end", lang, value=end)) from None
        end_ts = end_ts.tz_localize("UTC") if end_ts.tzinfo is None else end_ts.tz_convert("UTC")
    keep = p["published_at"] <= end_ts
    if weeks is not None:
        if not isinstance(weeks, (int, np.integer)) or isinstance(weeks, bool) or weeks < 1:
            raise ParameterError(t("scheduling.bad_weeks", lang, value=weeks))
        keep &= p["published_at"] > end_ts - pd.Timedelta(weeks=int(weeks))
    out = p if bool(keep.all()) else p[keep]
    out.attrs["end"] = end_ts
    return out


def _profile_matrix(groups: pd.DataFrame) -> np.ndarray:
    """Default profile (G x 168) for each group's platform and format."""
    rows = []
    for rec in groups.to_dict("records"):
        rows.append(default_profile(rec["platform"], rec.get("post_type")))
    return np.vstack(rows) if rows else np.zeros((0, N_SLOTS))


def best_times(
    posts: pd.DataFrame,
    *,
    tz: str = "Asia/Jakarta",
    by: str | Iterable[str] = ("platform", "post_type"),
    weeks: int | None = 16,
    end: Any = None,
    min_posts: int = 3,
    lang: str | None = None,
) -> pd.DataFrame:
    """Expected performance of every hour-of-week slot, learned from the account's history.

    Parameters
    ----------
    posts : DataFrame
        Canonical posts (or a Workspace). Times are read in UTC and shown in ``tz``.
    tz : str
        The audience's zone: ``"WIB"``/``"Asia/Jakarta"``, ``"WITA"``, ``"WIT"`` or any
        IANA name. Days and hours in the result are in this zone.
    by : str or sequence of str
        Groups to learn separately: ``platform`` plus optionally ``post_type`` (so reels
        at 19:00 are not mixed with photos at 19:00) and ``account``.
    weeks : int or None
        Learn from the last ``weeks`` weeks before ``end`` (None: all posts).
    end : datetime-like, optional
        End of the learning window (default: the latest post).
    min_posts : int
        A slot with fewer posts is flagged ``enough_data = False``.
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    DataFrame
        One row per group x slot (168 per group): the ``by`` columns, ``day`` (0 =
        Monday), ``hour``, ``n_posts`` (posts with an engagement rate), ``observed`` (their
        mean percentile score, NA when none), ``estimate`` (shrunk; 50 = the account's
        typical post), ``lower``/``upper`` (90% band), ``enough_data``, ``rank`` (1 = best
        slot of the group) and ``basis``: ``slot`` (this slot's own posts), ``pattern``
        (the account's hour pattern) or ``default`` (the platform default profile).
        ``attrs`` holds ``tz``, ``zone``, ``start``, ``end``, ``weeks``, ``posts_used`` and
        ``posts_without_rate``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> times = pd.Timestamp("2025-06-02", tz="Asia/Jakarta") + pd.to_timedelta(
    ...     rng.integers(0, 16 * 7 * 24, 400), unit="h")
    >>> prime = times.hour == 19
    >>> posts = pd.DataFrame({"platform": "instagram", "account": "dinas",
    ...     "post_id": [str(i) for i in range(400)], "published_at": times.tz_convert("UTC"),
    ...     "post_type": "feed", "reach": 1000,
    ...     "likes": rng.poisson(np.where(prime, 90, 40))})
    >>> bt = best_times(posts, tz="WIB")
    >>> len(bt), int(bt.sort_values("rank").iloc[0]["hour"])
    (168, 19)
    """
    tzname = resolve_tz(tz, lang)
    cols = check_by(by, lang)
    if not isinstance(min_posts, (int, np.integer)) or min_posts < 1:
        raise ParameterError(t("scheduling.bad_min_posts", lang, value=min_posts))
    checked = check_posts(posts, lang)
    p = _window(checked, weeks, end, lang)
    end_ts = p.attrs["end"]
    rate, _ = engagement_rate(p)
    ok = ~np.isnan(rate)
    without = int((~ok).sum())
    if without:
        p, rate = p[ok], rate[ok]
    y = percentile_scores(rate, [p["platform"], p["account"]])
    day, hour = local_slots(p["published_at"], tzname)
    codes, groups = group_codes([p[c] for c in cols])
    groups = groups.astype("str")
    key = codes * N_SLOTS + day * 24 + hour
    size = len(groups) * N_SLOTS
    n = np.bincount(key, minlength=size).astype(float)
    cells = np.flatnonzero(n > 0)
    stats = {
        "n": n[cells],
        "sy": np.bincount(key, weights=y, minlength=size)[cells],
        "syy": np.bincount(key, weights=y * y, minlength=size)[cells],
    }
    out = _estimate(groups, cells // N_SLOTS, cells % N_SLOTS, stats, cols, min_posts)
    out.attrs.update(
        tz=tzname,
        zone=zone_label(tzname),
        start=(end_ts - pd.Timedelta(weeks=int(weeks))) if weeks is not None else None,
        end=end_ts,
        weeks=weeks,
        posts_used=len(p),
        posts_without_rate=without,
    )
    return _with_defaults(out, checked, cols, tzname)


def _estimate(
    groups: pd.DataFrame,
    g: np.ndarray,
    slot: np.ndarray,
    stats: dict[str, np.ndarray],
    cols: list[str],
    min_posts: int,
) -> pd.DataFrame:
    """The layered estimate of :func:`best_times` from slot statistics.

    ``g`` (group row), ``slot`` (day * 24 + hour, local) and ``stats`` (``n`` posts, sum
    ``sy`` and sum of squares ``syy`` of their percentile scores) describe each group x
    slot cell that has posts; every layer needs only these sums, so a store computes them
    in SQL and never reads the posts (:mod:`humaskit.scheduling.stored`).
    """
    n_g = len(groups)
    prof = _profile_matrix(groups)  # G x 168
    w, sy, syy = stats["n"], stats["sy"], stats["syy"]
    sigma2 = sigma2_default()
    d = prof[g, slot] if len(g) else np.zeros(0)
    n_group = np.bincount(g, weights=w, minlength=n_g).astype(float)
    m_g = np.divide(
        np.bincount(g, weights=sy - w * d, minlength=n_g),
        n_group,
        out=np.full(n_g, TYPICAL),
        where=n_group > 0,
    )
    c = m_g[g] + d
    e = sy - w * c  # the sum of each cell's residuals
    n_posts = float(w.sum())
    if n_posts - n_g >= 30:
        sigma2 = float(np.maximum(syy - 2.0 * c * sy + w * c * c, 0.0).sum() / (n_posts - n_g))

    # the parent is the group without its format: the account's platform pattern
    parent_cols = [c for c in cols if c != "post_type"]
    if len(parent_cols) < len(cols) and n_g:
        pc, parents = group_codes([groups[c] for c in parent_cols])
        n_p = len(parents)
    else:
        pc, n_p = np.arange(n_g), n_g
    pcode = pc[g]
    day, hour = slot // 24, slot % 24
    # hour of day, then weekday, each first for the parent and then for the format; then
    # the slot itself. Each layer works on what the layers before it left unexplained.
    var_g = np.zeros(n_g * N_SLOTS)
    eff_g = np.zeros(n_g * N_SLOTS)
    gi = np.repeat(np.arange(n_g), N_SLOTS)
    grid_day = np.repeat(np.arange(7), 24)
    grid_hour = np.tile(np.arange(24), 7)
    hour_n = np.zeros(n_p * 24)
    k = {}
    layers = [
        ("hour", pcode, pc, hour, grid_hour, 24, n_p),
        ("hour_format", g, np.arange(n_g), hour, grid_hour, 24, n_g),
        ("day", pcode, pc, day, grid_day, 7, n_p),
        ("day_format", g, np.arange(n_g), day, grid_day, 7, n_g),
    ]
    for name, post_code, group_code, level, grid, width, n_cells in layers:
        if name.endswith("_format") and n_p == n_g:
            continue
        cell = post_code * width + level
        eff, var_l, n_l, k[name] = _shrink(cell, e, n_cells * width, sigma2, n_cells, w)
        e = e - w * eff[cell]
        grid_cell = group_code[gi] * width + np.tile(grid, n_g)
        eff_g += eff[grid_cell]
        var_g += var_l[grid_cell]
        if name == "hour":
            hour_n = n_l
    s_eff, s_var, s_n, k["slot"] = _shrink(g * N_SLOTS + slot, e, n_g * N_SLOTS, sigma2, n_g, w)
    hi = pc[gi] * 24 + np.tile(grid_hour, n_g)
    estimate = m_g[gi] + prof.reshape(-1) + eff_g + s_eff
    var = sigma2 / np.maximum(n_group[gi], 1.0) + var_g + s_var
    half = _Z90 * np.sqrt(var)
    y_sum = np.bincount(g * N_SLOTS + slot, weights=sy, minlength=n_g * N_SLOTS)
    observed = np.divide(y_sum, s_n, out=np.full(n_g * N_SLOTS, np.nan), where=s_n > 0)

    enough = s_n >= min_posts
    basis = np.where(enough, "slot", np.where(hour_n[hi] >= min_posts, "pattern", "default"))
    order = np.lexsort((np.tile(np.arange(N_SLOTS), n_g), -s_n, -estimate, gi))
    rank = np.empty(n_g * N_SLOTS, dtype=np.int64)
    rank[order] = np.tile(np.arange(1, N_SLOTS + 1), n_g)

    out = groups.loc[gi].reset_index(drop=True) if n_g else groups
    out = out.assign(
        day=np.tile(grid_day, n_g),
        hour=np.tile(grid_hour, n_g),
        n_posts=pd.array(np.round(s_n).astype(np.int64), dtype="Int64"),
        observed=pd.array(np.round(observed, 2), dtype="Float64"),
        estimate=np.round(np.clip(estimate, 0, 100), 2),
        lower=np.round(np.clip(estimate - half, 0, 100), 2),
        upper=np.round(np.clip(estimate + half, 0, 100), 2),
        enough_data=enough,
        rank=rank,
        basis=pd.array(basis, dtype="str"),
    )
    out["observed"] = out["observed"].mask(out["n_posts"] == 0)
    out.attrs.update(shrinkage={name: round(v, 2) for name, v in k.items()})
    return out


def _with_defaults(out: pd.DataFrame, posts: pd.DataFrame, cols: list[str], tz: str):
    """Add the default profile for platforms with posts but none usable (no time or rate).

    ``attrs["defaulted"]`` lists those platforms (e.g. YouTube Studio tables give only the
    day of a post, or no engagement figures): the report says their times are defaults.
    """
    have = set(out["platform"].dropna().astype(str)) if len(out) else set()
    missing = sorted(set(posts["platform"].dropna().astype(str)) - have)
    attrs = dict(out.attrs)
    if missing:
        extra = default_times(missing, tz=tz)
        for c in cols:
            if c not in extra.columns:
                extra[c] = pd.Series(pd.NA, index=extra.index, dtype="str")
        extra = extra[list(out.columns)]
        out = pd.concat([out, extra], ignore_index=True) if len(out) else extra
    out.attrs.update(attrs, defaulted=missing)
    return out


def default_times(
    platforms: str | Iterable[str] = ("facebook", "instagram", "x", "youtube", "tiktok"),
    post_types: str | Iterable[str] | None = None,
    *,
    tz: str = "Asia/Jakarta",
) -> pd.DataFrame:
    """The shipped default profile as a :func:`best_times` table (no data needed).

    Use it for a platform the account has no history on. With ``post_types`` the table has
    a ``post_type`` column (one group per platform x format).

    Examples
    --------
    >>> d = default_times("tiktok", tz="WITA")
    >>> len(d), d.attrs["zone"], bool((d["basis"] == "default").all())
    (168, 'WITA', True)
    """
    tzname = resolve_tz(tz)
    plats = [platforms] if isinstance(platforms, str) else list(platforms)
    plats = [schema.platform_code(pl) for pl in plats]
    types = [post_types] if isinstance(post_types, str) else post_types
    combos = [(pl, pt) for pl in plats for pt in (types or [None])]
    frames = []
    half = _Z90 * np.sqrt(sigma2_default() / _DEFAULT_PRIOR_POSTS)
    for pl, pt in combos:
        est = np.clip(TYPICAL + default_profile(pl, pt), 0, 100)
        order = np.lexsort((np.arange(N_SLOTS), -est))
        rank = np.empty(N_SLOTS, dtype=np.int64)
        rank[order] = np.arange(1, N_SLOTS + 1)
        frame = pd.DataFrame(
            {
                "platform": pd.array([pl] * N_SLOTS, dtype="str"),
                **({"post_type": pd.array([pt] * N_SLOTS, dtype="str")} if types else {}),
                "day": np.repeat(np.arange(7), 24),
                "hour": np.tile(np.arange(24), 7),
                "n_posts": pd.array(np.zeros(N_SLOTS, dtype=np.int64), dtype="Int64"),
                "observed": pd.array([pd.NA] * N_SLOTS, dtype="Float64"),
                "estimate": np.round(est, 2),
                "lower": np.round(np.clip(est - half, 0, 100), 2),
                "upper": np.round(np.clip(est + half, 0, 100), 2),
                "enough_data": np.zeros(N_SLOTS, dtype=bool),
                "rank": rank,
                "basis": pd.array(["default"] * N_SLOTS, dtype="str"),
            }
        )
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out.attrs.update(tz=tzname, zone=zone_label(tzname), posts_used=0, posts_without_rate=0)
    return out


# ---------------------------------------------------------------------------------------
# Looking slots up
# ---------------------------------------------------------------------------------------


def slot_lookup(best_times: pd.DataFrame, column: str = "estimate") -> dict[tuple, np.ndarray]:
    """Return ``{group key: 168 values of column}`` of a :func:`best_times` table.

    Keys are tuples of the table's ``account``/``platform``/``post_type`` columns that are
    present, in that order; the array is indexed by slot = day * 24 + hour.

    Examples
    --------
    >>> lookup = slot_lookup(default_times("x"))
    >>> list(lookup), lookup[("x",)].shape
    ([('x',)], (168,))
    """
    return slot_lookups(best_times, (column,))[column]


def slot_lookups(best_times: pd.DataFrame, columns: Iterable[str]) -> dict[str, dict]:
    """:func:`slot_lookup` for several columns at once (one sort)."""
    keys = [c for c in ("account", "platform", "post_type") if c in best_times.columns]
    ordered = best_times.sort_values([*keys, "day", "hour"])
    key_rows = [tuple(r) for r in ordered[keys].astype("str").to_numpy()[::N_SLOTS]]
    out: dict[str, dict] = {}
    for column in columns:
        col = ordered[column]
        values = (
            col.to_numpy(dtype=float)
            if pd.api.types.is_numeric_dtype(col)
            else col.to_numpy(dtype=object)
        )
        out[column] = {
            key: values[i * N_SLOTS : (i + 1) * N_SLOTS] for i, key in enumerate(key_rows)
        }
    return out


def _predict(
    lookup: dict[tuple, np.ndarray], keys: list[str], frame: pd.DataFrame, slot: np.ndarray
) -> np.ndarray:
    """Estimate of each row's slot from ``lookup``; the default profile when missing."""
    pred = np.full(len(frame), np.nan)
    key_rows = frame[keys].astype("str").to_numpy() if keys else np.empty((len(frame), 0))
    codes, uniques = pd.factorize(pd.Series([tuple(r) for r in key_rows], dtype=object))
    for code, key in enumerate(uniques):
        rows = codes == code
        vec = lookup.get(tuple(key))
        if vec is None:
            rec = dict(zip(keys, key, strict=True))
            vec = TYPICAL + default_profile(rec.get("platform", ""), rec.get("post_type"))
        pred[rows] = vec[slot[rows]]
    return pred


# ---------------------------------------------------------------------------------------
# Backtest
# ---------------------------------------------------------------------------------------


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra = pd.Series(a).rank().to_numpy()
    rb = pd.Series(b).rank().to_numpy()
    if np.std(ra) == 0 or np.std(rb) == 0:
        return 0.0
    return float(np.corrcoef(ra, rb)[0, 1])


def backtest(
    posts: pd.DataFrame,
    *,
    train_weeks: int = 16,
    test_weeks: int = 4,
    tz: str = "Asia/Jakarta",
    folds: int = 3,
    by: str | Iterable[str] = ("platform", "post_type"),
    min_test: int = 30,
    lang: str | None = None,
) -> pd.DataFrame:
    """Check :func:`best_times` on weeks it has not seen, against two simple rivals.

    Each fold learns on ``train_weeks`` weeks and scores the next ``test_weeks``; folds step
    back from the latest post by ``test_weeks`` (up to ``folds`` of them, while at least
    ``test_weeks`` weeks of history remain to learn from). Within each platform x format of a fold, the
    Spearman rank correlation between a method's predicted slot quality and the posts'
    realised engagement rate (ranked within their account) is computed; the platform's
    figure is the average weighted by test posts. Methods:

    - ``model``: :func:`best_times` learned on the training weeks;
    - ``naive``: mean engagement rate per hour of day over all the platform's training
      posts (no formats, no accounts, no shrinkage);
    - ``default``: the shipped platform default profile alone.

    Returns
    -------
    DataFrame
        Per platform: ``folds``, ``n_train``, ``n_test``, ``rho_model``, ``rho_naive``,
        ``rho_default``, ``beats_naive`` and ``enough_data`` (at least ``min_test`` test
        posts).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(3)
    >>> times = pd.Timestamp("2025-01-06", tz="Asia/Jakarta") + pd.to_timedelta(
    ...     rng.integers(0, 24 * 7 * 24, 1500), unit="h")
    >>> lift = np.where((times.hour >= 19) & (times.hour <= 21), 2.0, 1.0)
    >>> posts = pd.DataFrame({"platform": "facebook", "account": "pemkot",
    ...     "post_id": [str(i) for i in range(1500)], "published_at": times.tz_convert("UTC"),
    ...     "post_type": "feed", "reach": 1000,
    ...     "likes": rng.poisson(30 * lift * rng.lognormal(0, 0.8, 1500))})
    >>> bt = backtest(posts)
    >>> bool(bt.loc[0, "rho_model"] > 0), bool(bt.loc[0, "enough_data"])
    (True, True)
    """
    tzname = resolve_tz(tz, lang)
    cols = check_by(by, lang)
    for name, value in (("train_weeks", train_weeks), ("test_weeks", test_weeks), ("folds", folds)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
            raise ParameterError(t("scheduling.bad_positive", lang, name=name, value=value))
    p = check_posts(posts, lang)
    rate, _ = engagement_rate(p)
    p = p.assign(_rate=rate)[~np.isnan(rate)]
    platforms = sorted(p["platform"].unique())
    acc = {
        pl: {
            "folds": 0,
            "n_train": 0,
            "n_test": 0,
            "model": [],
            "naive": [],
            "default": [],
            "w": [],
        }
        for pl in platforms
    }
    if len(p):
        # the first 1% of posts may be stray old ones (an abandoned account): skip them
        first, last = p["published_at"].quantile(0.01), p["published_at"].max()
        for i in range(folds):
            test_end = last - pd.Timedelta(weeks=test_weeks * i)
            test_start = test_end - pd.Timedelta(weeks=test_weeks)
            train_start = test_start - pd.Timedelta(weeks=train_weeks)
            # a fold must leave the model at least test_weeks weeks of history to learn from
            if i > 0 and test_start - first < pd.Timedelta(weeks=test_weeks):
                break
            train = p[(p["published_at"] > train_start) & (p["published_at"] <= test_start)]
            test = p[(p["published_at"] > test_start) & (p["published_at"] <= test_end)]
            if train.empty or test.empty:
                continue
            _fold(train, test, cols, tzname, train_weeks, test_start, acc)
    rows = []
    for pl in platforms:
        a = acc[pl]
        w = np.asarray(a["w"], dtype=float)

        def avg(vals, w=w):
            return float(np.average(vals, weights=w)) if w.sum() > 0 else np.nan

        rho_m, rho_n, rho_d = avg(a["model"]), avg(a["naive"]), avg(a["default"])
        rows.append(
            {
                "platform": pl,
                "folds": a["folds"],
                "n_train": a["n_train"],
                "n_test": a["n_test"],
                "rho_model": round(rho_m, 4),
                "rho_naive": round(rho_n, 4),
                "rho_default": round(rho_d, 4),
                "beats_naive": bool(rho_m > rho_n) if not np.isnan(rho_m) else False,
                "enough_data": a["n_test"] >= min_test,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "platform",
            "folds",
            "n_train",
            "n_test",
            "rho_model",
            "rho_naive",
            "rho_default",
            "beats_naive",
            "enough_data",
        ],
    )
    out["platform"] = out["platform"].astype("str")
    out.attrs.update(
        tz=tzname, zone=zone_label(tzname), train_weeks=train_weeks, test_weeks=test_weeks
    )
    return out


def _fold(train, test, cols, tzname, train_weeks, test_start, acc) -> None:
    bt = best_times(train, tz=tzname, by=cols, weeks=train_weeks, end=test_start)
    lookup = slot_lookup(bt)
    keys = [c for c in ("account", "platform", "post_type") if c in bt.columns]
    t_day, t_hour = local_slots(test["published_at"], tzname)
    t_slot = t_day * 24 + t_hour
    model = _predict(lookup, keys, test, t_slot)
    default = (
        np.array(
            [
                TYPICAL + default_profile(pl, pt)[s]
                for pl, pt, s in zip(
                    test["platform"], test["post_type"].astype("str"), t_slot, strict=True
                )
            ]
        )
        if len(test)
        else np.zeros(0)
    )
    # naive: mean raw rate per hour of day, per platform, over all training posts
    _, tr_hour = local_slots(train["published_at"], tzname)
    naive_tab = (
        pd.DataFrame(
            {
                "platform": train["platform"].to_numpy(),
                "hour": tr_hour,
                "rate": train["_rate"].to_numpy(),
            }
        )
        .groupby(["platform", "hour"])["rate"]
        .mean()
    )
    plat_mean = train.groupby("platform")["_rate"].mean()
    key = pd.MultiIndex.from_arrays([test["platform"].to_numpy(), t_hour])
    naive = naive_tab.reindex(key).to_numpy(dtype=float)
    naive = np.where(np.isnan(naive), test["platform"].map(plat_mean).to_numpy(dtype=float), naive)
    # realised: rank within platform x account x format; compare within platform x format
    realised = percentile_scores(
        test["_rate"].to_numpy(dtype=float), [test["platform"], test["account"], test["post_type"]]
    )
    frame = pd.DataFrame(
        {
            "platform": test["platform"].to_numpy(),
            "post_type": test["post_type"].astype("str").to_numpy(),
            "model": model,
            "naive": naive,
            "default": default,
            "real": realised,
        }
    )
    train_counts = train["platform"].value_counts()
    for pl in frame["platform"].unique():
        acc[pl]["folds"] += 1
        acc[pl]["n_train"] += int(train_counts.get(pl, 0))
        acc[pl]["n_test"] += int((frame["platform"] == pl).sum())
    for (pl, _pt), g in frame.groupby(["platform", "post_type"], sort=False):
        if len(g) < 5:
            continue
        real = g["real"].to_numpy()
        for method in ("model", "naive", "default"):
            acc[pl][method].append(_spearman(g[method].to_numpy(), real))
        acc[pl]["w"].append(len(g))


# ---------------------------------------------------------------------------------------
# The confounding trap
# ---------------------------------------------------------------------------------------


def hourly_totals(
    posts: pd.DataFrame,
    *,
    tz: str = "Asia/Jakarta",
    platform: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Posts, total engagements and engagement per post for each hour of the day.

    The teaching table for the confounding trap: the hour with the most engagements in
    total is often just the hour the team posts most; compare per post (``score`` is the
    mean percentile score, 50 = the account's typical post).

    Returns
    -------
    DataFrame
        24 rows: ``hour``, ``posts``, ``engagements`` (total), ``engagements_per_post``,
        ``score``. ``attrs``: ``corr_total_posts`` (correlation of totals with the number of
        posts over the hours) and ``corr_score_posts``.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "x", "account": "a", "post_id": ["1", "2", "3"],
    ...     "published_at": ["2025-01-01 02:00Z", "2025-01-01 02:30Z", "2025-01-01 12:00Z"],
    ...     "post_type": "text", "impressions": 100, "likes": [5, 5, 8]})
    >>> h = hourly_totals(posts, tz="WIB")
    >>> h.loc[h["hour"] == 9, ["posts", "engagements"]].values.tolist()
    [[2, 10.0]]
    """
    tzname = resolve_tz(tz, lang)
    p = check_posts(posts, lang)
    if platform is not None:
        p = p[p["platform"] == schema.platform_code(platform, lang=lang)]
    rate, eng = engagement_rate(p)
    score = percentile_scores(rate, [p["platform"], p["account"]])
    _, hour = local_slots(p["published_at"], tzname)
    frame = pd.DataFrame({"hour": hour, "eng": eng, "score": score})
    g = frame.groupby("hour")
    out = pd.DataFrame({"hour": np.arange(24)}).set_index("hour")
    out["posts"] = g.size()
    out["engagements"] = g["eng"].sum(min_count=1)
    out["engagements_per_post"] = g["eng"].mean()
    out["score"] = g["score"].mean()
    out = out.reset_index()
    out["posts"] = out["posts"].fillna(0).astype("Int64")
    out["engagements"] = out["engagements"].fillna(0.0)
    for c in ("engagements_per_post", "score"):
        out[c] = out[c].round(2).astype("Float64")
    used = out["posts"] > 0
    posts_n = out.loc[used, "posts"].astype(float)
    corr_total = posts_n.corr(out.loc[used, "engagements"].astype(float))
    corr_score = posts_n.corr(out.loc[used, "score"].astype(float))
    out.attrs.update(
        tz=tzname,
        zone=zone_label(tzname),
        corr_total_posts=None if pd.isna(corr_total) else round(corr_total, 3),
        corr_score_posts=None if pd.isna(corr_score) else round(corr_score, 3),
    )
    return out
