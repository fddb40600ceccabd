"""Shared pieces of :mod:`humaskit.scheduling`: zones, shipped defaults, the outcome.

Internal module: the public names are re-exported by :mod:`humaskit.scheduling`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import t
from ..paths import package_file
from ..schema import ENGAGEMENT_METRICS, engagements

#: Indonesia's three zones by their everyday names.
ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
_ZONE_LABELS = {v: k for k, v in ZONES.items()}
#: Hour-of-week slots: day 0 (Monday) .. 6 (Sunday) x hour 0..23.
N_SLOTS = 168
#: Denominators of the engagement rate, in order of preference.
DENOMINATORS = ("reach", "followers_at_post", "impressions", "views")
#: Percentile units: 50 is an account's typical post.
TYPICAL = 50.0
_SIGMA2_UNIFORM = 100.0**2 / 12.0
DATA_DIR = "scheduling"


def resolve_tz(tz: str | None, lang: str | None = None) -> str:
    """Return the IANA zone for ``tz`` (``"WIB"``, ``"WITA"``, ``"WIT"`` or an IANA name).

    Examples
    --------
    >>> resolve_tz("WITA"), resolve_tz("Asia/Jakarta")
    ('Asia/Makassar', 'Asia/Jakarta')
    """
    if tz is None:
        return ZONES["WIB"]
    text = str(tz).strip()
    if text.upper() in ZONES:
        return ZONES[text.upper()]
    try:
        pd.Timestamp("2025-01-01", tz=text)
    except Exception:  # noqa: BLE001 (any failure means an unknown zone)
        raise ParameterError(t("scheduling.bad_tz", lang, value=tz)) from None
    return text


def zone_label(tz: str) -> str:
    """Return ``WIB``/``WITA``/``WIT`` for Indonesia's zones, else the zone name.

    Examples
    --------
    >>> zone_label("Asia/Jayapura")
    'WIT'
    """
    return _ZONE_LABELS.get(tz, tz)


def day_name(day: int, lang: str | None = None, short: bool = False) -> str:
    """Return the name of weekday ``day`` (0 = Monday) in the chosen language.

    Examples
    --------
    >>> day_name(3, "en"), day_name(3, "id", short=True)
    ('Thursday', 'Kam')
    """
    return t(f"scheduling.{'dshort' if short else 'day'}.{int(day)}", lang)


# ---------------------------------------------------------------------------------------
# Shipped defaults (data files under humaskit/data/scheduling/)
# ---------------------------------------------------------------------------------------


def _read_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(package_file(DATA_DIR, name), comment="#", skipinitialspace=True)


@lru_cache(maxsize=1)
def _profiles() -> tuple[dict, dict]:
    hours = _read_csv("hour_profile.csv")
    days = _read_csv("day_profile.csv")
    hcols = [f"h{h:02d}" for h in range(24)]
    dcols = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    hmap = {
        (r.platform, r.post_type): np.asarray([getattr(r, c) for c in hcols], dtype=float)
        for r in hours.itertuples(index=False)
    }
    dmap = {
        (r.platform, r.post_type): np.asarray([getattr(r, c) for c in dcols], dtype=float)
        for r in days.itertuples(index=False)
    }
    return hmap, dmap


def default_profile(platform: str, post_type: str | None = None) -> np.ndarray:
    """Return the shipped default profile of ``platform`` (and format) for the 168 slots.

    Values are percentile points around 50 (the account's typical post), in the
    audience's local time, slot = day * 24 + hour with day 0 = Monday. A format without its
    own row uses the platform's row (``*``); an unknown platform gets zeros.

    Examples
    --------
    >>> prof = default_profile("instagram", "reel")
    >>> prof.shape, int(prof.argmax() % 24)
    ((168,), 20)
    """
    hmap, dmap = _profiles()
    key = str(platform), str(post_type) if post_type is not None else "*"
    hours = hmap.get(key, hmap.get((key[0], "*"), np.zeros(24)))
    days = dmap.get(key, dmap.get((key[0], "*"), np.zeros(7)))
    return (days[:, None] + hours[None, :]).reshape(N_SLOTS)


@lru_cache(maxsize=1)
def _limits_table() -> pd.DataFrame:
    return _read_csv("limits.csv")


def default_limit(platform: str, post_type: str | None, column: str) -> float:
    """Return a shipped limit (``cap_per_day``, ``min_spacing_h``, ``visible_chars``)."""
    table = _limits_table()
    rows = table[(table["platform"] == platform) & (table["post_type"] == post_type)]
    if rows.empty:
        rows = table[(table["platform"] == platform) & (table["post_type"] == "*")]
    if rows.empty:
        rows = table[table["post_type"] == "*"]
        return float(rows[column].median())
    return float(rows[column].iloc[0])


def bucket_series(platform: pd.Series, post_type: pd.Series) -> pd.Series:
    """The limit bucket of each post: its format if limits.csv has a row for it, else ``*``.

    Examples
    --------
    >>> bucket_series(pd.Series(["instagram", "instagram"]), pd.Series(["story", "reel"])).tolist()
    ['story', '*']
    """
    table = _limits_table()
    own = table[table["post_type"] != "*"]
    keys = (own["platform"] + "|" + own["post_type"]).tolist()
    pairs = platform.astype("str") + "|" + post_type.astype("str")
    is_own = pairs.isin(keys).fillna(False).astype(bool)
    return post_type.astype("str").where(is_own, "*").fillna("*")


@lru_cache(maxsize=1)
def format_fit_table() -> dict[tuple[str, str], float]:
    fit = _read_csv("format_fit.csv")
    return {(r.platform, r.post_type): float(r.score) for r in fit.itertuples(index=False)}


@lru_cache(maxsize=1)
def readiness_weights() -> dict[str, float]:
    w = _read_csv("readiness_weights.csv")
    return {r.factor: float(r.weight) for r in w.itertuples(index=False)}


@lru_cache(maxsize=1)
def weak_openers() -> tuple[str, ...]:
    path = package_file(DATA_DIR, "weak_openers.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s.strip().lower() for s in lines if s.strip() and not s.startswith("#"))


# ---------------------------------------------------------------------------------------
# Input checks and the outcome
# ---------------------------------------------------------------------------------------

_POST_COLS = ("platform", "account", "post_id", "published_at", "post_type")


def check_posts(posts: Any, lang: str | None = None) -> pd.DataFrame:
    """Return the columns of ``posts`` that scheduling needs, validated (input unchanged)."""
    posts = getattr(posts, "posts", posts)
    if not isinstance(posts, pd.DataFrame):
        raise ParameterError(t("scheduling.not_posts", lang, got=type(posts).__name__))
    keep = [c for c in (*_POST_COLS, *ENGAGEMENT_METRICS, *DENOMINATORS) if c in posts.columns]
    return schema.validate(posts[keep], "posts", lang=lang)


def check_by(by: str | Iterable[str], lang: str | None = None) -> list[str]:
    """Return ``by`` as a list of allowed grouping columns (``platform`` required)."""
    cols = [by] if isinstance(by, str) else list(by)
    allowed = ("account", "platform", "post_type")
    if "platform" not in cols or any(c not in allowed for c in cols) or len(set(cols)) != len(cols):
        raise ParameterError(t("scheduling.bad_by", lang, value=cols))
    return [c for c in allowed if c in cols]


def _float(s: pd.Series) -> np.ndarray:
    return s.astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def engagement_rate(posts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return each post's engagement rate and engagements (NaN where not reported).

    Engagements = likes + comments + shares + saves, counting the metrics a platform
    reports (none reported: NaN, not 0). The rate divides by one denominator per
    platform and account: the first of reach, followers at posting, impressions, views that
    covers the most of that account's posts, so one account's posts are comparable.
    """
    eng = engagements(posts)
    denoms = [c for c in DENOMINATORS if c in posts.columns]
    if not denoms:
        return np.full(len(posts), np.nan), eng
    values = np.vstack([_float(posts[c]) for c in denoms])
    values[values <= 0] = np.nan
    ok = ~np.isnan(values)
    codes, uniq = group_codes([posts["platform"], posts["account"]])
    n_groups = len(uniq)
    # coverage of each denominator per group; argmax picks the first best (preference order)
    cover = np.vstack(
        [np.bincount(codes, weights=ok[i], minlength=n_groups) for i in range(len(denoms))]
    )
    choice = cover.argmax(axis=0)[codes] if n_groups else np.zeros(0, dtype=int)
    denom = values[choice, np.arange(len(posts))]
    return eng / denom, eng


def group_codes(keys: list[pd.Series]) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer code per row for the combination of ``keys``, and the distinct combinations.

    Faster than a MultiIndex on millions of rows: each column is factorised on its own and
    the codes are combined arithmetically. Missing values form their own group.
    """
    n = len(keys[0]) if keys else 0
    combined = np.zeros(n, dtype=np.int64)
    parts = []
    for k in keys:
        codes, uniq = pd.factorize(k, use_na_sentinel=False)
        combined = combined * (len(uniq) + 1) + codes
        parts.append((getattr(k, "name", None), codes, np.asarray(uniq, dtype=object)))
    if n == 0:
        return combined, pd.DataFrame(
            {name or f"k{i}": pd.Series([], dtype=object) for i, (name, _, _) in enumerate(parts)}
        )
    top = int(combined.max()) + 1
    if top <= 4 * n + 1024:  # small key space: a lookup table instead of a sort
        present = np.zeros(top, dtype=bool)
        present[combined] = True
        values = np.flatnonzero(present)
        inverse = (np.cumsum(present) - 1)[combined]
    else:
        values, inverse = np.unique(combined, return_inverse=True)
    columns = {}
    rest = values.copy()
    for i, (name, _, uniq) in reversed(list(enumerate(parts))):
        columns[name or f"k{i}"] = uniq[rest % (len(uniq) + 1)]
        rest //= len(uniq) + 1
    table = pd.DataFrame({k: columns[k] for k in reversed(list(columns))})
    return inverse.astype(np.int64).reshape(-1), table


def percentile_scores(rate: np.ndarray, keys: list[pd.Series]) -> np.ndarray:
    """Rank each rate within its group (e.g. platform x account) on a 0-100 scale.

    The score ``100 * (rank - 0.5) / n`` (ties averaged) is robust: a viral post counts as
    "the best post", not as a thousand times the typical one. NaN rates stay NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> percentile_scores(np.array([0.1, 0.5, 0.3, np.nan, 0.2]),
    ...                   [pd.Series(["a", "a", "a", "a", "b"])]).round(1).tolist()
    [16.7, 83.3, 50.0, nan, 50.0]
    """
    rate = np.asarray(rate, dtype=float)
    out = np.full(len(rate), np.nan)
    ok = ~np.isnan(rate)
    if not ok.any():
        return out
    g_all, _ = group_codes(list(keys))
    g, r = g_all[ok], rate[ok]
    by_rate = np.argsort(r, kind="stable")
    order = by_rate[np.argsort(g[by_rate], kind="stable")]
    gs, rs = g[order], r[order]
    m = len(rs)
    new_group = np.r_[True, gs[1:] != gs[:-1]]
    new_run = new_group | np.r_[True, rs[1:] != rs[:-1]]
    pos = np.arange(m)
    group_start = np.maximum.accumulate(np.where(new_group, pos, 0))
    run_id = np.cumsum(new_run) - 1
    run_start = pos[new_run]
    run_end = np.r_[run_start[1:], m] - 1
    rank_sorted = (run_start[run_id] + run_end[run_id]) / 2.0 - group_start + 1.0
    n = np.bincount(g)[gs].astype(float)
    scores = np.empty(m)
    scores[order] = 100.0 * (rank_sorted - 0.5) / n
    out[ok] = scores
    return out


def local_slots(times: pd.Series, tz: str) -> tuple[np.ndarray, np.ndarray]:
    """Return (day 0=Monday, hour) of UTC ``times`` in zone ``tz`` as numpy arrays."""
    local = times.dt.tz_convert(tz)
    return local.dt.day_of_week.to_numpy(dtype=np.int64), local.dt.hour.to_numpy(dtype=np.int64)


def sigma2_default() -> float:
    """Variance of percentile scores (uniform on 0-100), used when data is too thin."""
    return _SIGMA2_UNIFORM
