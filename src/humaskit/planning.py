"""Monthly content plans: draft, adapt to each platform, check before posting, sign off.

The plan is the canonical ``plan`` table (:mod:`humaskit.schema`): one row per planned
post with its date, platform, format, category, title, caption, PIC and status, plus the
columns a team works with (``plan_id``, ``tone``, ``idea``, ``momentum``, ``reserve``,
``alt_text``, ``qc_reasons``).

- :func:`draft_plan` drafts a month: exactly the number of posts asked for each platform,
  the category mix (isu terkini, siaran pers, layanan, edukasi, tematik) and the tone mix
  (e.g. 70:20:10 information/emotion/promotion) each met within one post, thematic posts on
  their special days (:func:`humaskit.calendar.momentum`), formats and publics spread over
  the month, and reserve slots left free for current issues nobody can plan.
- :func:`adapt` turns one idea into a checklist per platform variant (length limits,
  hashtags, the hook in the first line or the first 15 seconds, clickable links).
- :func:`quality_check` screens every post (:func:`humaskit.text.screen` plus platform
  checks) and gives ``qc_status`` ``ok``/``perlu_revisi`` with reasons;
  :func:`sign_off` records the PIC's decision.
- :func:`check_mix` is the Latihan checker of notebook 02.

Platform limits, formats, categories, ideas and the adaptation checklist are data files in
``humaskit/data/planning/`` that a team can edit.

Examples
--------
>>> from humaskit import planning
>>> plan = planning.draft_plan("2025-10", targets={"instagram": 20, "x": 30}, lang="en")
>>> plan.groupby("platform").size().to_dict()
{'instagram': 20, 'x': 30}
>>> plan.loc[plan["fixed_date"], "momentum"].iloc[0]
'Pancasila Sanctity Day'
"""

from __future__ import annotations

import csv
import importlib.util
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from . import schema
from .errors import ParameterError
from .teaching.core import Feedback
from .i18n import label, resolve, t
from .paths import package_file

__all__ = [
    "TONES",
    "STATUSES",
    "QC_STATUSES",
    "CURRENT",
    "THEMATIC",
    "platform_limits",
    "default_mix",
    "parse_targets",
    "draft_plan",
    "adapt",
    "quality_check",
    "sign_off",
    "check_mix",
    "summarize",
    "month_grid",
    "preview",
    "parse_month",
    "month_title",
    "MonthPlan",
    "month_plan",
    "narrative",
    "headline",
    "display_plan",
    "publics_view",
]

#: Tones of a post, in the order of ``tone_mix``: information, emotion, promotion.
TONES = ("informasi", "emosi", "promosi")
#: Status of a planned post; ``draf`` until a PIC signs it off.
STATUSES = ("draf", "disetujui", "ditolak", "terbit")
#: Result of :func:`quality_check`.
QC_STATUSES = ("ok", "perlu_revisi")
#: The category of reserve slots (current issues nobody can plan ahead).
CURRENT = "isu_terkini"
#: The category of posts on special days.
THEMATIC = "tematik"
#: Extra plan columns, in order, after the canonical ones.
EXTRA_COLUMNS = ("plan_id", "tone", "idea", "momentum", "reserve", "alt_text", "qc_reasons")
_EXTRA_KINDS = {"reserve": "bool"}
_VISUAL = ("feed", "carousel")
_CODES = {"facebook": "FB", "instagram": "IG", "x": "X", "youtube": "YT", "tiktok": "TT"}

_URL = re.compile(
    r"(?<![@\w.])(?:(?:https?://|www\.)\S+|(?:[a-z0-9-]+\.)+"
    r"(?:go\.id|co\.id|or\.id|ac\.id|id|com|org|net|ly|ee|me)(?:/\S*)?)(?![\w@])",
    re.IGNORECASE,
)
_HASHTAG = re.compile(r"(?<![\w&])#\w+")
# Fallback only (when humaskit.text is not installed): personal data that must never be posted.
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
_PHONE = re.compile(r"(?<![\d+])(?:\+62|62|0)8\d{2}[- ]?\d{3,4}[- ]?\d{3,5}(?!\d)")


# ---------------------------------------------------------------------------------------
# Package data
# ---------------------------------------------------------------------------------------


def _read_data_csv(name: str) -> list[dict[str, str]]:
    with open(package_file("planning", name), encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines)]


def _num(text: str) -> int | None:
    return int(text) if text not in ("", None) else None


@lru_cache(maxsize=1)
def _limits() -> dict[str, dict[str, Any]]:
    out = {}
    for r in _read_data_csv("platforms.csv"):
        out[r["platform"]] = {
            "caption_max": _num(r["caption_max"]),
            "title_max": _num(r["title_max"]),
            "url_length": _num(r["url_length"]),
            "hashtags_max": _num(r["hashtags_max"]),
            "hashtags_recommended": _num(r["hashtags_recommended"]),
            "links_clickable": r["links_clickable"].lower() in ("yes", "ya", "true", "1"),
            "alt_text": r["alt_text"].lower() in ("yes", "ya", "true", "1"),
            "video_hook_s": _num(r["video_hook_s"]),
            "first_line_max": _num(r["first_line_max"]),
            "max_posts_per_day": _num(r["max_posts_per_day"]),
            "monthly_target": _num(r["monthly_target"]),
        }
    return out


@lru_cache(maxsize=1)
def _formats() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for r in _read_data_csv("formats.csv"):
        out.setdefault(r["platform"], {})[r["format"]] = float(r["share"])
    return out


@lru_cache(maxsize=1)
def _categories() -> dict[str, dict[str, Any]]:
    out = {}
    for r in _read_data_csv("categories.csv"):
        tones = [x.strip() for x in r["tones"].split(";") if x.strip()]
        out[r["category"]] = {"share": float(r["share"]), "tones": tones}
    return out


@lru_cache(maxsize=1)
def _ideas() -> tuple[dict[str, str], ...]:
    return tuple(_read_data_csv("ideas.csv"))


@lru_cache(maxsize=1)
def _adaptation() -> tuple[dict[str, str], ...]:
    return tuple(_read_data_csv("adaptation.csv"))


def platform_limits(
    platforms: Iterable[str] | None = None, *, lang: str | None = None
) -> pd.DataFrame:
    """Return what each platform allows (``data/planning/platforms.csv``), one row each.

    Examples
    --------
    >>> platform_limits(["x"])[["platform", "caption_max", "links_clickable"]].to_dict("records")
    [{'platform': 'x', 'caption_max': 280, 'links_clickable': True}]
    """
    lang = resolve(lang)
    names = _platforms(platforms, lang) if platforms is not None else list(_limits())
    df = pd.DataFrame([{"platform": p, **_limits()[p]} for p in names])
    for c in df.columns:
        if c not in ("platform", "links_clickable", "alt_text"):
            df[c] = df[c].astype("Int64")
    df["platform"] = df["platform"].astype("str")
    return df


def default_mix() -> dict[str, float]:
    """Return the default category mix in percent (``data/planning/categories.csv``).

    Examples
    --------
    >>> mix = default_mix()
    >>> sorted(mix), sum(mix.values())
    (['edukasi', 'isu_terkini', 'layanan', 'siaran_pers', 'tematik'], 100.0)
    """
    return {k: v["share"] for k, v in _categories().items()}


# ---------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------


def _period(month: Any, lang: str) -> pd.Period:
    if isinstance(month, pd.Period):
        return month.asfreq("M")
    if isinstance(month, (pd.Timestamp,)) or hasattr(month, "year") and hasattr(month, "month"):
        return pd.Period(year=int(month.year), month=int(month.month), freq="M")
    if isinstance(month, tuple) and len(month) == 2:
        y, m = month
    else:
        m_ = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(month))
        if not m_:
            raise ParameterError(t("planning.bad_month", lang, value=month))
        y, m = m_.group(1), m_.group(2)
    try:
        y, m = int(y), int(m)
    except (TypeError, ValueError):
        raise ParameterError(t("planning.bad_month", lang, value=month)) from None
    if not 1 <= m <= 12:
        raise ParameterError(t("planning.bad_month", lang, value=month))
    return pd.Period(year=y, month=m, freq="M")


def _platforms(platforms: Any, lang: str) -> list[str]:
    items = [platforms] if isinstance(platforms, str) else list(platforms)
    out = []
    for p in items:
        key = str(p).strip().lower()
        key = {
            "twitter": "x",
            "fb": "facebook",
            "ig": "instagram",
            "yt": "youtube",
            "tt": "tiktok",
        }.get(key, key)
        if key not in schema.PLATFORMS:
            raise ParameterError(
                t("planning.bad_platform", lang, value=p, known=", ".join(schema.PLATFORMS))
            )
        if key not in out:
            out.append(key)
    return out


def parse_targets(value: Any, *, lang: str | None = None) -> dict[str, int]:
    """Read posting targets: a dict or text like ``"instagram=20, x=30"``.

    Examples
    --------
    >>> parse_targets("instagram=20, x=30, tiktok: 12")
    {'instagram': 20, 'x': 30, 'tiktok': 12}
    >>> parse_targets("instagram=dua puluh", lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Target for instagram is 'dua puluh': expected a whole number of posts per month (0 or more), for example instagram=20.
    """
    lang = resolve(lang)
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, str):
        pairs = []
        for part in re.split(r"[,;\n]", value):
            if not part.strip():
                continue
            m = re.fullmatch(r"\s*([A-Za-z_ ()]+?)\s*[=:]\s*(.*?)\s*", part)
            if not m:
                raise ParameterError(t("planning.bad_targets", lang, value=value))
            pairs.append((m.group(1), m.group(2)))
    else:
        raise ParameterError(t("planning.bad_targets", lang, value=value))
    out: dict[str, int] = {}
    for name, n in pairs:
        (platform,) = _platforms([name], lang)
        try:
            if isinstance(n, bool):
                raise ValueError
            num = float(str(n).strip()) if not isinstance(n, (int, float)) else float(n)
            if not num.is_integer() or num < 0:
                raise ValueError
        except ValueError:
            raise ParameterError(
                t("planning.bad_target", lang, platform=platform, value=n)
            ) from None
        out[platform] = int(num)
    if not out:
        raise ParameterError(t("planning.bad_targets", lang, value=value))
    return out


def _shares(mix: Any, what: str, lang: str) -> dict[str, float]:
    if not isinstance(mix, Mapping) or not mix:
        raise ParameterError(t("planning.bad_mix", lang, what=what, value=mix))
    out = {}
    for k, v in mix.items():
        try:
            f = float(v)
        except (TypeError, ValueError):
            raise ParameterError(t("planning.bad_mix", lang, what=what, value=mix)) from None
        if f < 0 or math.isnan(f):
            raise ParameterError(t("planning.bad_mix", lang, what=what, value=mix))
        out[str(k).strip()] = f
    if sum(out.values()) <= 0:
        raise ParameterError(t("planning.bad_mix", lang, what=what, value=mix))
    return out


def _tone_mix(tone_mix: Any, lang: str) -> dict[str, float]:
    if isinstance(tone_mix, Mapping):
        shares = _shares(tone_mix, "tone_mix", lang)
        bad = [k for k in shares if k not in TONES]
        if bad:
            raise ParameterError(t("planning.bad_tone_mix", lang, value=tone_mix))
        return {k: shares.get(k, 0.0) for k in TONES}
    try:
        values = [float(v) for v in tone_mix]
    except (TypeError, ValueError):
        raise ParameterError(t("planning.bad_tone_mix", lang, value=tone_mix)) from None
    if len(values) != 3 or any(v < 0 for v in values) or sum(values) <= 0:
        raise ParameterError(t("planning.bad_tone_mix", lang, value=tone_mix))
    return dict(zip(TONES, values, strict=True))


# ---------------------------------------------------------------------------------------
# Spreading things evenly
# ---------------------------------------------------------------------------------------


def _apportion(weights: Mapping[str, float], n: int) -> dict[str, int]:
    """Split ``n`` into whole counts proportional to ``weights`` (largest remainder).

    Every count is within one of its exact share.
    """
    keys = list(weights)
    total = float(sum(weights.values()))
    exact = {k: n * weights[k] / total for k in keys}
    base = {k: int(math.floor(exact[k] + 1e-9)) for k in keys}
    left = n - sum(base.values())
    order = sorted(keys, key=lambda k: (-round(exact[k] - base[k], 9), keys.index(k)))
    for k in order[:left]:
        base[k] += 1
    return base


def _interleave(counts: Mapping[Any, int]) -> list[Any]:
    """Order items so each kind is spread evenly: ``{a: 2, b: 1}`` -> ``[a, b, a]``."""
    items = []
    for j, (k, c) in enumerate(counts.items()):
        for i in range(int(c)):
            items.append(((i + 0.5) / c, j, k))
    items.sort(key=lambda x: (x[0], x[1]))
    return [k for _, _, k in items]


def _spread_days(n: int, ndays: int) -> list[int]:
    return [int((i + 0.5) * ndays / n) + 1 for i in range(n)]


def _rank_moments(moments: pd.DataFrame) -> list[tuple[int, str]]:
    """Order special days for thematic posts: priority first, then spread over the month."""
    if moments is None or len(moments) == 0:
        return []
    m = moments.copy()
    if "kind" in m.columns:
        m = m[m["kind"].astype("str") != "joint_holiday"]
    if "priority" not in m.columns:
        m["priority"] = 2
    from .calendar import KINDS

    order = {k: i for i, k in enumerate(KINDS)}
    m["_k"] = m["kind"].map(order).fillna(len(KINDS)) if "kind" in m.columns else 0
    m["_d"] = pd.to_datetime(m["date"]).dt.day
    m["priority"] = pd.to_numeric(m["priority"], errors="coerce").fillna(2)
    m = m.sort_values(["_d", "priority", "_k"], kind="stable").drop_duplicates("_d")
    chosen: list[tuple[int, str]] = []
    for _, tier in m.groupby("priority", sort=True):
        pool = [(int(r["_d"]), str(r["name"])) for _, r in tier.iterrows()]
        while pool:
            if not chosen:
                pick = min(pool)
            else:

                def gap(item: tuple[int, str]) -> tuple[int, int]:
                    return (min(abs(item[0] - c[0]) for c in chosen), -item[0])

                pick = max(pool, key=gap)
            chosen.append(pick)
            pool.remove(pick)
    return chosen


# ---------------------------------------------------------------------------------------
# Drafting a plan
# ---------------------------------------------------------------------------------------


def _public_weights(publics: Any, platform: str, lang: str) -> dict[str, float]:
    if publics is None:
        return {}
    if isinstance(publics, str):
        publics = [publics]
    if isinstance(publics, pd.DataFrame):
        cols = {str(c).lower(): c for c in publics.columns}
        col = cols.get("public") or cols.get("publik")
        if col is None:
            raise ParameterError(t("planning.bad_publics", lang))
        df = publics
        if "platform" in cols and "fit" in cols:
            df = df[df[cols["platform"]].astype("str") == platform]
            fit = pd.to_numeric(df[cols["fit"]], errors="coerce").fillna(0.0)
            df = df.assign(_fit=fit.to_numpy()).sort_values("_fit", ascending=False)
            df = df[df["_fit"] > 0].head(3)
            return {str(r[col]): float(r["_fit"]) for _, r in df.iterrows()}
        names = [str(v) for v in df[col].dropna()]
        return dict.fromkeys(dict.fromkeys(names), 1.0)
    names = [str(v).strip() for v in publics if str(v).strip()]
    return dict.fromkeys(dict.fromkeys(names), 1.0)


def _preferred_formats(publics: Any, platform: str) -> dict[str, float] | None:
    """Formats of the platform a single public prefers (from the publics table)."""
    if not isinstance(publics, pd.DataFrame) or len(publics) != 1:
        return None
    cols = {str(c).lower(): c for c in publics.columns}
    col = cols.get("preferred_formats") or cols.get("format_disukai")
    if col is None:
        return None
    value = publics.iloc[0][col]
    if not isinstance(value, str):
        return None
    liked = [f.strip().lower() for f in value.split(";") if f.strip()]
    base = _formats().get(platform, {})
    keep = {f: base[f] for f in base if f in liked}
    return keep or None


def _momentum_for(period: pd.Period, momentum: Any, lang: str) -> pd.DataFrame:
    if momentum is None:
        from .calendar import momentum as _momentum

        return _momentum(period.year, months=period.month, lang=lang)
    if momentum is False:
        return pd.DataFrame(columns=["date", "name", "kind", "priority"])
    if not isinstance(momentum, pd.DataFrame):
        raise ParameterError(t("planning.bad_momentum", lang))
    if not {"date", "name"} <= set(momentum.columns):
        raise ParameterError(t("planning.bad_momentum", lang))
    m = momentum.copy()
    m["date"] = pd.to_datetime(m["date"], errors="coerce")
    m = m[m["date"].notna()]
    m = m[(m["date"].dt.year == period.year) & (m["date"].dt.month == period.month)]
    if "kind" not in m.columns:
        m["kind"] = "commemoration"
    return m


def _pick_idea(
    category: str, tone: str, counter: dict, offset: int, *, fixed: bool, has_moment: bool
) -> dict[str, str] | None:
    pool = [r for r in _ideas() if r["category"] == category]
    if category == THEMATIC:
        pool = [r for r in pool if ("{moment}" in r["title_id"]) == has_moment]
    if not pool:
        return None
    same = [r for r in pool if r["tone"] == tone] or pool
    key = (category, tone, fixed)
    i = counter.get(key, offset)
    counter[key] = i + 1
    return same[i % len(same)]


def _fill(template: str, **values: str) -> str:
    out = template
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out


def _account_for(accounts: pd.DataFrame | None, platform: str) -> Any:
    if accounts is None or len(accounts) == 0 or "platform" not in accounts.columns:
        return pd.NA
    acc = accounts[accounts["platform"].astype("str") == platform]
    if acc.empty:
        return pd.NA
    if "followers" in acc.columns:
        acc = acc.assign(_f=pd.to_numeric(acc["followers"], errors="coerce").fillna(-1))
        acc = acc.sort_values("_f", ascending=False, kind="stable")
    row = acc.iloc[0]
    for col in ("account", "handle"):
        if col in acc.columns and isinstance(row[col], str) and row[col]:
            return row[col]
    return pd.NA


def draft_plan(
    month: Any,
    *,
    platforms: Iterable[str] | None = None,
    targets: Mapping[str, int] | str | None = None,
    mix: Mapping[str, float] | None = None,
    tone_mix: Sequence[float] | Mapping[str, float] = (70, 20, 10),
    momentum: pd.DataFrame | None | bool = None,
    publics: pd.DataFrame | Sequence[str] | None = None,
    reserve: float = 0.15,
    accounts: pd.DataFrame | None = None,
    pics: Sequence[str] | None = None,
    seed: int = 0,
    lang: str | None = None,
) -> pd.DataFrame:
    """Draft the content plan of one month, ready for the team to edit.

    Parameters
    ----------
    month : str
        ``"YYYY-MM"`` (or a pandas Period / date in the month).
    platforms : list of str, optional
        Platforms to plan for; default: those in ``targets``, else all five.
    targets : dict or str, optional
        Posts per month per platform, e.g. ``{"instagram": 20, "x": 30}`` or
        ``"instagram=20, x=30"``; each is met exactly. Missing platforms take the
        ``monthly_target`` of ``data/planning/platforms.csv``.
    mix : dict, optional
        Category shares, e.g. ``{"isu_terkini": 25, "edukasi": 30, ...}`` (percent or
        fractions); default ``data/planning/categories.csv``. Each platform's counts are
        within one post of its exact share.
    tone_mix : (information, emotion, promotion)
        Target shares of the tones ``informasi``/``emosi``/``promosi``, default 70:20:10;
        met within one post on every platform.
    momentum : DataFrame, optional
        Special days (``date``, ``name``, optional ``kind``, ``priority``) such as
        :func:`humaskit.calendar.momentum`; default: that calendar for the month. ``False``
        plans without special days. Thematic posts are put on these days (``fixed_date``),
        most widely observed days first, spread over the month.
    publics : DataFrame or list of str, optional
        The institution's publics: names, a publics table (``public`` column, e.g.
        :func:`humaskit.audience.publics`) or fit scores (``public``, ``platform``,
        ``fit``, e.g. :func:`humaskit.audience.fit`: each platform serves its three
        best-fitting publics in proportion to fit). With one public that has
        ``preferred_formats``, the platform's formats follow them.
    reserve : float
        Share of each platform's posts left as reserve slots for current issues (category
        ``isu_terkini``, ``reserve`` True); it cannot exceed the share of isu_terkini.
    accounts : DataFrame, optional
        The ``accounts`` table: fills ``account`` with each platform's main account.
    pics : list of str, optional
        People in charge, assigned in turn.
    seed : int
        Picks the starting ideas and the order of publics; the same seed gives the same plan.
    lang : {"id", "en"}, optional
        Language of titles and ideas.

    Returns
    -------
    DataFrame
        The canonical ``plan`` table (``schema.validate(plan, "plan")`` passes) with
        ``status`` "draf", plus ``plan_id``, ``tone``, ``idea``, ``momentum``, ``reserve``,
        ``alt_text``, ``qc_reasons``; sorted by date and platform.

    Raises
    ------
    ParameterError
        A bad month, platform, target, mix, tone mix, reserve or momentum table.

    Examples
    --------
    >>> plan = draft_plan("2025-11", targets={"tiktok": 12}, lang="id")
    >>> plan["tone"].value_counts().to_dict()
    {'informasi': 9, 'emosi': 2, 'promosi': 1}
    >>> plan.loc[plan["momentum"] == "Hari Pahlawan", "date"].dt.day.tolist()
    [10]
    """
    lang = resolve(lang)
    period = _period(month, lang)
    ndays = period.days_in_month
    if targets is not None:
        goal = parse_targets(targets, lang=lang)
    else:
        goal = {}
    if platforms is not None:
        names = _platforms(platforms, lang)
    elif goal:
        names = list(goal)
    else:
        names = list(schema.PLATFORMS)
    goal = {p: goal.get(p, _limits()[p]["monthly_target"] or 0) for p in names}
    shares = _shares(mix if mix is not None else default_mix(), "mix", lang)
    tones = _tone_mix(tone_mix, lang)
    try:
        reserve = float(reserve)
    except (TypeError, ValueError):
        raise ParameterError(t("planning.bad_reserve", lang, value=reserve)) from None
    if not 0 <= reserve < 1:
        raise ParameterError(t("planning.bad_reserve", lang, value=reserve))
    current_share = shares.get(CURRENT, 0.0) / sum(shares.values())
    if reserve > current_share + 1e-9:
        raise ParameterError(
            t("planning.reserve_too_big", lang, reserve=reserve, share=round(current_share, 3))
        )
    moments = _momentum_for(period, momentum, lang)
    ranked = _rank_moments(moments)
    rng = np.random.default_rng(seed)
    idea_offset = int(rng.integers(0, 1000))
    public_offset = int(rng.integers(0, 1000))
    general = t("planning.public_general", lang)
    cat_meta = _categories()
    pics = [pics] if isinstance(pics, str) else pics
    pics = [str(p) for p in pics] if pics else []

    rows: list[dict[str, Any]] = []
    counter: dict = {}
    for platform in names:
        n = int(goal[platform])
        if n <= 0:
            continue
        cat_counts = _apportion(shares, n)
        n_current = cat_counts.get(CURRENT, 0)
        n_reserve = min(int(math.floor(reserve * n + 0.5)), n_current)
        # Slots over the month; thematic posts move to their special days.
        slot_days = _spread_days(n, ndays)
        used = [False] * n
        fixed: dict[int, str] = {}
        for mday, name in ranked[: cat_counts.get(THEMATIC, 0)]:
            _, best = min((abs(slot_days[i] - mday), i) for i in range(n) if not used[i])
            used[best] = True
            slot_days[best] = mday
            fixed[best] = name
        order = sorted(range(n), key=lambda i: (slot_days[i], i))
        rest = dict(cat_counts)
        if THEMATIC in rest:
            rest[THEMATIC] -= len(fixed)
        free = iter(_interleave({k: v for k, v in rest.items() if v > 0}))
        cats = {i: (THEMATIC if i in fixed else next(free)) for i in order}
        # Reserve slots among the current-issue posts, spread over the month.
        current_slots = [i for i in order if cats[i] == CURRENT]
        flags = _interleave({True: n_reserve, False: len(current_slots) - n_reserve})
        reserved = {i for i, f in zip(current_slots, flags, strict=True) if f}
        # Tones: meet the tone mix exactly, each category in its usual tones first.
        tone_counts = _apportion(tones, n)
        alloc = {c: dict.fromkeys(TONES, 0) for c in cat_counts}
        left_c, left_t = dict(cat_counts), dict(tone_counts)
        prefs = {}
        for c in cat_counts:
            p = [x for x in cat_meta.get(c, {}).get("tones", []) if x in TONES]
            prefs[c] = p + [x for x in TONES if x not in p]
        for rank in range(len(TONES)):
            for c in cat_counts:
                tone = prefs[c][rank]
                x = min(left_c[c], left_t[tone])
                alloc[c][tone] += x
                left_c[c] -= x
                left_t[tone] -= x
        tone_of: dict[int, str] = {}
        for c in cat_counts:
            members = [i for i in order if cats[i] == c]
            counts = dict(alloc[c])
            first = [i for i in members if i in reserved]
            for i in first:
                tone = next(x for x in prefs[c] if counts[x] > 0)
                tone_of[i] = tone
                counts[tone] -= 1
            others = [i for i in members if i not in reserved]
            for i, tone in zip(
                others, _interleave({k: v for k, v in counts.items() if v}), strict=True
            ):
                tone_of[i] = tone
        # Formats and publics spread over the month.
        fmt_shares = (
            _preferred_formats(publics, platform) or _formats().get(platform) or {"feed": 1.0}
        )
        fmt_seq = _interleave(_apportion(fmt_shares, n))
        weights = _public_weights(publics, platform, lang)
        planned = [i for i in order if i not in reserved]
        pub_seq: list[Any] = [pd.NA] * len(planned)
        if weights:
            seq = _interleave(_apportion(weights, len(planned)))
            k = public_offset % len(seq) if seq else 0
            pub_seq = seq[k:] + seq[:k]
        pub_of = dict(zip(planned, pub_seq, strict=True))
        account = _account_for(accounts, platform)
        for pos, i in enumerate(order):
            cat = cats[i]
            tone = tone_of[i]
            moment = fixed.get(i)
            public = pub_of.get(i, pd.NA)
            who = public if isinstance(public, str) else general
            if i in reserved:
                title = t("planning.reserve_title", lang)
                idea = t("planning.reserve_idea", lang)
            else:
                tpl = _pick_idea(
                    cat,
                    tone,
                    counter,
                    idea_offset,
                    fixed=moment is not None,
                    has_moment=moment is not None,
                )
                if tpl is None:
                    title = label(cat, lang)
                    idea = t("planning.generic_idea", lang, category=label(cat, lang), public=who)
                else:
                    key = "id" if lang == "id" else "en"
                    title = _fill(tpl[f"title_{key}"], moment=moment or "", public=who)
                    idea = _fill(tpl[f"idea_{key}"], moment=moment or "", public=who)
            day = pd.Timestamp(period.year, period.month, slot_days[i])
            rows.append(
                {
                    "date": day,
                    "platform": platform,
                    "format": fmt_seq[pos],
                    "category": cat,
                    "title": title,
                    "caption": pd.NA,
                    "pic": pics[pos % len(pics)] if pics else pd.NA,
                    "qc_status": pd.NA,
                    "status": "draf",
                    "public": public,
                    "account": account,
                    "scheduled_at": pd.NaT,
                    "fixed_date": moment is not None,
                    "plan_id": f"{period.year:04d}{period.month:02d}-{_CODES[platform]}-{pos + 1:02d}",
                    "tone": tone,
                    "idea": idea,
                    "momentum": moment if moment is not None else pd.NA,
                    "reserve": i in reserved,
                    "alt_text": pd.NA,
                    "qc_reasons": pd.NA,
                }
            )
    if not rows:
        return _finish(schema.empty("plan"))
    return _finish(pd.DataFrame(rows))


def _finish(plan: pd.DataFrame) -> pd.DataFrame:
    """Validate, give the extra columns their types and sort by date and platform."""
    out = schema.validate(plan, "plan")
    out["date"] = out["date"].astype("datetime64[us]")
    out["scheduled_at"] = out["scheduled_at"].astype("datetime64[us, UTC]")
    for col in EXTRA_COLUMNS:
        if col not in out.columns:
            out[col] = pd.NA
        if _EXTRA_KINDS.get(col) == "bool":
            out[col] = out[col].astype("boolean")
        else:
            out[col] = out[col].astype("str").where(out[col].notna())
    rank = {p: i for i, p in enumerate(schema.PLATFORMS)}
    key = out["platform"].map(rank)
    out = out.assign(_r=key.to_numpy()).sort_values(["date", "_r", "plan_id"], kind="stable")
    out = out.drop(columns="_r").reset_index(drop=True)
    canon = schema.columns("plan")
    extra = [c for c in EXTRA_COLUMNS]
    others = [c for c in out.columns if c not in canon and c not in extra]
    return out[canon + extra + others]


# ---------------------------------------------------------------------------------------
# Adapting one idea to each platform
# ---------------------------------------------------------------------------------------


def _text_parts(idea: Any) -> dict[str, str]:
    if isinstance(idea, str):
        return {"caption": idea, "title": ""}
    if isinstance(idea, pd.Series):
        idea = idea.to_dict()
    if isinstance(idea, Mapping):

        def get(k: str) -> str:
            v = idea.get(k)
            return v if isinstance(v, str) else ""

        caption = get("caption") or get("text") or get("idea")
        return {"caption": caption, "title": get("title"), "alt_text": get("alt_text")}
    raise ParameterError(t("planning.bad_idea", None, got=type(idea).__name__))


def _x_length(text: str, url_length: int | None) -> int:
    if not url_length:
        return len(text)
    return len(_URL.sub("x" * url_length, text))


def _auto_check(
    item: str, parts: dict[str, str], lim: dict[str, Any], lang: str
) -> tuple[str, str]:
    """Check one checklist item against the idea's text: (status, what was found)."""
    caption = parts.get("caption", "")
    if not caption and item in ("caption", "first_line", "hashtags", "link"):
        return "cek", ""
    if item == "caption" and lim["caption_max"]:
        n = _x_length(caption, lim["url_length"])
        return (
            "ok" if n <= lim["caption_max"] else "perlu_revisi",
            t("planning.found_chars", lang, n=n),
        )
    if item == "title" and lim["title_max"]:
        title = parts.get("title", "")
        if not title:
            return "cek", ""
        return (
            "ok" if len(title) <= lim["title_max"] else "perlu_revisi",
            t("planning.found_chars", lang, n=len(title)),
        )
    if item == "first_line" and lim["first_line_max"]:
        first = caption.strip().splitlines()[0] if caption.strip() else ""
        return (
            "ok" if len(first) <= lim["first_line_max"] else "perlu_revisi",
            t("planning.found_chars", lang, n=len(first)),
        )
    if item == "hashtags" and lim["hashtags_max"] is not None:
        n = len(_HASHTAG.findall(caption))
        return (
            "ok" if n <= lim["hashtags_max"] else "perlu_revisi",
            t("planning.found_hashtags", lang, n=n),
        )
    if item == "link":
        links = _URL.findall(caption)
        if not links:
            return "ok", t("planning.found_no_link", lang)
        return (
            "ok" if lim["links_clickable"] else "perlu_revisi",
            t("planning.found_links", lang, n=len(links)),
        )
    if item == "alt_text":
        return ("ok" if parts.get("alt_text") else "cek"), ""
    return "cek", ""


def adapt(
    idea: str | Mapping[str, Any] | pd.Series,
    *,
    platforms: Iterable[str] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Turn one idea into a checklist for each platform variant.

    Parameters
    ----------
    idea : str or dict or plan row
        The draft text (caption), or a mapping/plan row with ``title``, ``caption`` and
        ``alt_text``.
    platforms : list of str, optional
        Default: all five.

    Returns
    -------
    DataFrame
        One row per platform, format and check item: ``platform``, ``format``, ``item``,
        ``instruction`` (with the platform's limits), ``status`` (``ok``, ``perlu_revisi``
        when the idea's text breaks the rule, ``cek`` when a person must check it) and
        ``found`` (what the text has).

    Examples
    --------
    >>> text = "Daftar vaksin gratis di https://dinkes.example.go.id #sehat #vaksin"
    >>> out = adapt(text, platforms=["instagram"], lang="en")
    >>> out.loc[(out["format"] == "carousel") & (out["item"] == "link"), "status"].item()
    'perlu_revisi'
    """
    lang = resolve(lang)
    names = _platforms(platforms, lang) if platforms is not None else list(schema.PLATFORMS)
    parts = _text_parts(idea)
    key = "text_id" if lang == "id" else "text_en"
    rows = []
    for platform in names:
        lim = _limits()[platform]
        values = {k: ("" if v is None else v) for k, v in lim.items()}
        for r in _adaptation():
            if r["platform"] != platform:
                continue
            status, found = _auto_check(r["item"], parts, lim, lang)
            rows.append(
                {
                    "platform": platform,
                    "format": r["format"],
                    "item": r["item"],
                    "instruction": _fill(r[key], **{k: str(v) for k, v in values.items()}),
                    "status": status,
                    "found": found,
                }
            )
    out = pd.DataFrame(
        rows, columns=["platform", "format", "item", "instruction", "status", "found"]
    )
    return out.astype("str")


# ---------------------------------------------------------------------------------------
# Quality control and sign-off
# ---------------------------------------------------------------------------------------


def _screen(texts: pd.Series, lang: str) -> list[list[str]]:
    """Reasons from :func:`humaskit.text.screen` for each text (empty list = nothing found)."""
    reasons: list[list[str]] = [[] for _ in range(len(texts))]
    screen = None
    if importlib.util.find_spec("humaskit.text") is not None:
        from . import text as _text

        screen = getattr(_text, "screen", None)
    if screen is None:  # pragma: no cover (humaskit.text ships with the kit)
        for i, text in enumerate(texts):
            if _NIK.search(text) or _PHONE.search(text):
                reasons[i].append(t("planning.qc.personal_data", lang))
        return reasons
    result = screen(texts.reset_index(drop=True), lang=lang)
    needs = result["needs_review"].fillna(False).astype(bool).to_numpy()
    why = result["reasons"] if "reasons" in result.columns else None
    for i in np.flatnonzero(needs):
        detail = why.iloc[i] if why is not None else None
        if isinstance(detail, str) and detail.strip():
            reasons[i].append(detail.strip().rstrip("."))
        else:
            reasons[i].append(t("planning.qc.screen", lang, reasons="").rstrip(": "))
    return reasons


def quality_check(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Check every planned post before it goes out and give it a ``qc_status``.

    Checks: :func:`humaskit.text.screen` on title and caption (SARA, hoax markers,
    information exempted under UU KIP, personal data such as a NIK...), caption present
    (reserve slots must be filled first), caption/title length, hashtag count, a link on
    a platform where links cannot be clicked, the opening line (hook) length, alt text for
    images where the platform supports it, and the number of posts of one account on one
    platform and day (stories not counted). Limits come from ``data/planning/platforms.csv``.

    Returns
    -------
    DataFrame
        A copy of the plan with ``qc_status`` (``ok`` / ``perlu_revisi``) and
        ``qc_reasons`` (the reasons, ``"; "``-separated, in the chosen language).

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-10-01"], "platform": ["instagram"],
    ...     "format": ["reel"], "category": ["edukasi"], "title": ["Cara daftar"],
    ...     "caption": ["Daftar di https://contoh.go.id ya"]})
    >>> out = quality_check(plan, lang="en")
    >>> out[["qc_status", "qc_reasons"]].values.tolist()
    [['perlu_revisi', 'link in the caption cannot be clicked on Instagram: put it in the bio or a link sticker']]
    """
    lang = resolve(lang)
    out = schema.validate(plan, "plan", lang=lang).copy()
    n = len(out)
    if n == 0:
        out["qc_reasons"] = pd.Series([], dtype="str")
        return out
    caption = out["caption"].fillna("").astype("str")
    title = out["title"].fillna("").astype("str")
    alt = (
        out["alt_text"].fillna("").astype("str")
        if "alt_text" in out.columns
        else pd.Series("", index=out.index, dtype="str")
    )
    reserve = (
        out["reserve"].fillna(False).astype(bool)
        if "reserve" in out.columns
        else pd.Series(False, index=out.index)
    )
    combined = (title + "\n" + caption).str.strip()
    reasons = _screen(combined, lang)
    # Posting load per account and day (units have their own accounts; stories not counted).
    fmt = out["format"].fillna("").astype("str")
    acct = out["account"].fillna("").astype("str")
    not_story = (fmt != "story").to_numpy()
    per_day = (
        pd.DataFrame({"p": out["platform"], "a": acct, "d": out["date"], "s": not_story})
        .groupby(["p", "a", "d", "s"], sort=False)["s"]
        .transform("size")
        .to_numpy()
    )
    names = {p: label(p, lang) for p in schema.PLATFORMS}
    rows = zip(
        out["platform"].tolist(),
        fmt.tolist(),
        caption.tolist(),
        title.tolist(),
        alt.tolist(),
        reserve.tolist(),
        out["date"].dt.strftime("%Y-%m-%d").tolist(),
        strict=True,
    )
    for k, (platform, form, cap, ttl, alt_k, res, day) in enumerate(rows):
        r = reasons[k]
        lim = _limits()[platform]
        name = names[platform]
        if not cap.strip():
            r.append(t("planning.qc.reserve_empty" if res else "planning.qc.no_caption", lang))
        else:
            length = _x_length(cap, lim["url_length"])
            if lim["caption_max"] and length > lim["caption_max"]:
                r.append(
                    t("planning.qc.too_long", lang, n=length, max=lim["caption_max"], platform=name)
                )
            tags = len(_HASHTAG.findall(cap))
            if lim["hashtags_max"] is not None and tags > lim["hashtags_max"]:
                r.append(
                    t("planning.qc.hashtags", lang, n=tags, max=lim["hashtags_max"], platform=name)
                )
            if not lim["links_clickable"] and _URL.search(cap):
                r.append(t("planning.qc.link", lang, platform=name))
            first = cap.strip().splitlines()[0]
            if lim["first_line_max"] and len(first) > lim["first_line_max"]:
                r.append(t("planning.qc.first_line", lang, n=len(first), max=lim["first_line_max"]))
        if lim["title_max"] and len(ttl) > lim["title_max"]:
            r.append(
                t("planning.qc.title_long", lang, n=len(ttl), max=lim["title_max"], platform=name)
            )
        if lim["alt_text"] and form in _VISUAL and not res and not alt_k.strip():
            r.append(t("planning.qc.alt_text", lang))
        cap_day = lim["max_posts_per_day"]
        if not_story[k] and cap_day and per_day[k] > cap_day:
            r.append(
                t(
                    "planning.qc.load",
                    lang,
                    n=int(per_day[k]),
                    max=cap_day,
                    platform=name,
                    date=day,
                )
            )
    out["qc_status"] = pd.array(["perlu_revisi" if r else "ok" for r in reasons], dtype="str")
    out["qc_reasons"] = pd.array(["; ".join(r) if r else None for r in reasons], dtype="str")
    return out


def _select_rows(plan: pd.DataFrame, rows: Any, lang: str) -> pd.Index:
    if (
        isinstance(rows, (pd.Series, np.ndarray, list))
        and len(rows) == len(plan)
        and all(isinstance(v, (bool, np.bool_)) for v in list(rows))
    ):
        mask = np.asarray(rows, dtype=bool)
        return plan.index[mask]
    items = [rows] if isinstance(rows, (str, int, np.integer)) else list(rows)
    picked = []
    ids = plan["plan_id"].astype("str").tolist() if "plan_id" in plan.columns else []
    for item in items:
        if isinstance(item, str) and item in ids:
            picked.append(plan.index[ids.index(item)])
        elif not isinstance(item, str) and item in plan.index:
            picked.append(item)
        else:
            raise ParameterError(t("planning.unknown_row", lang, value=item))
    return pd.Index(picked)


def sign_off(
    plan: pd.DataFrame,
    rows: Any,
    pic: str,
    *,
    status: str = "disetujui",
    override: bool = False,
    lang: str | None = None,
) -> pd.DataFrame:
    """Record a PIC's decision on planned posts: set ``status`` and ``pic``.

    Parameters
    ----------
    plan : DataFrame
        A plan that went through :func:`quality_check`.
    rows : list of plan_id or index labels, or a boolean mask
        The posts the PIC decided on.
    pic : str
        Name of the person in charge who signs off.
    status : {"disetujui", "ditolak", "terbit", "draf"}
        The decision (approved, rejected, published, back to draft).
    override : bool
        Approving a post whose ``qc_status`` is ``perlu_revisi`` needs ``override=True``
        (the PIC takes responsibility for the flagged reasons).

    Raises
    ------
    ParameterError
        Unknown rows, an empty PIC, an unknown status, posts not checked yet, or approving
        a post that needs revision without ``override``.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = quality_check(pd.DataFrame({"date": ["2025-10-01"], "platform": ["x"],
    ...     "format": ["text"], "category": ["edukasi"], "title": ["Tips"],
    ...     "caption": ["Cek jadwal layanan di https://contoh.go.id"]}))
    >>> sign_off(plan, [0], "Rina (Humas)")[["status", "pic"]].values.tolist()
    [['disetujui', 'Rina (Humas)']]
    """
    lang = resolve(lang)
    if status not in STATUSES:
        raise ParameterError(
            t("planning.bad_status", lang, value=status, known=", ".join(STATUSES))
        )
    if not isinstance(pic, str) or not pic.strip():
        raise ParameterError(t("planning.empty_pic", lang))
    out = plan.copy()
    idx = _select_rows(out, rows, lang)
    if status in ("disetujui", "terbit"):
        qc = (
            out.loc[idx, "qc_status"] if "qc_status" in out.columns else pd.Series(pd.NA, index=idx)
        )
        unchecked = [str(i) for i in idx[qc.isna().to_numpy()]]
        if unchecked:
            raise ParameterError(t("planning.not_checked", lang, rows=", ".join(unchecked)))
        flagged = [str(i) for i in idx[(qc == "perlu_revisi").fillna(False).to_numpy()]]
        if flagged and not override:
            raise ParameterError(t("planning.needs_revision", lang, rows=", ".join(flagged)))
    out.loc[idx, "status"] = status
    out.loc[idx, "pic"] = pic.strip()
    return out


# ---------------------------------------------------------------------------------------
# Reading a plan: mix check (Latihan), summaries, widget view
# ---------------------------------------------------------------------------------------


def check_mix(
    plan: Any,
    target: Sequence[float] | Mapping[str, float] = (70, 20, 10),
    *,
    column: str | None = None,
    lang: str | None = None,
) -> Feedback:
    """Check that every platform of a plan meets a mix within one post (Latihan checker).

    Parameters
    ----------
    plan : DataFrame
        The learner's plan.
    target : (information, emotion, promotion) or dict
        A tone mix such as ``(70, 20, 10)``, or ``{category: share}`` for the category mix.
    column : str, optional
        ``"tone"`` or ``"category"``; default from ``target``.

    Returns
    -------
    Feedback
        ``correct`` and a plain message per platform; never raises on a wrong answer.

    Examples
    --------
    >>> plan = draft_plan("2025-10", targets={"instagram": 20}, tone_mix=(60, 30, 10))
    >>> check_mix(plan, (60, 30, 10), lang="en").correct
    True
    >>> check_mix(plan, (70, 20, 10), lang="en").correct
    False
    """
    lang = resolve(lang)
    if not isinstance(plan, pd.DataFrame) or "platform" not in getattr(plan, "columns", []):
        return Feedback(False, t("planning.mix.not_a_plan", lang))
    if isinstance(target, Mapping):
        try:
            shares = _shares(target, "target", lang)
        except ParameterError as exc:
            return Feedback(False, str(exc))
        column = column or ("tone" if set(shares) <= set(TONES) else "category")
    else:
        try:
            shares = _tone_mix(target, lang)
        except ParameterError as exc:
            return Feedback(False, str(exc))
        column = column or "tone"
    if column not in plan.columns:
        return Feedback(False, t("planning.mix.no_column", lang, column=column))
    if len(plan) == 0:
        return Feedback(False, t("planning.mix.empty", lang))
    total = sum(shares.values())
    lines, ok = [], True
    for platform, part in plan.groupby("platform", sort=False):
        n = len(part)
        counts = part[column].value_counts()
        bits = []
        for key, share in shares.items():
            want = n * share / total
            got = int(counts.get(key, 0))
            if abs(got - want) > 1 + 1e-9:
                ok = False
                bits.append(
                    t(
                        "planning.mix.off",
                        lang,
                        what=label(key, lang),
                        got=got,
                        want=f"{want:.1f}".replace(".", "," if lang == "id" else "."),
                    )
                )
        if bits:
            lines.append(f"{label(str(platform), lang)}: " + ", ".join(bits))
    other = set(plan[column].dropna().astype("str")) - set(shares)
    if other:
        ok = False
        lines.append(t("planning.mix.other", lang, values=", ".join(sorted(other))))
    text = ", ".join(f"{label(k, lang)} {v:g}" for k, v in shares.items())
    if ok:
        return Feedback(True, t("planning.mix.right", lang, target=text, n=len(plan)))
    return Feedback(False, t("planning.mix.wrong", lang, target=text) + " " + "; ".join(lines))


def summarize(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Count a plan per platform: posts, categories, tones, thematic days, reserve slots.

    Examples
    --------
    >>> s = summarize(draft_plan("2025-10", targets={"x": 30}))
    >>> s.loc[s["platform"] == "x", ["posts", "reserve"]].values.tolist()
    [[30, 5]]
    """
    lang = resolve(lang)
    p = schema.validate(plan, "plan", lang=lang)
    rows = []
    cats = list(dict.fromkeys(list(default_mix()) + sorted(p["category"].dropna().unique())))
    for platform, part in list(p.groupby("platform", sort=False)) + [("total", p)]:
        rec: dict[str, Any] = {"platform": platform, "posts": len(part)}
        for c in cats:
            rec[c] = int((part["category"] == c).sum())
        if "tone" in part.columns:
            for tone in TONES:
                rec[tone] = int((part["tone"] == tone).sum())
        rec["fixed_date"] = int(part["fixed_date"].fillna(False).sum())
        if "reserve" in part.columns:
            rec["reserve"] = int(part["reserve"].fillna(False).astype(bool).sum())
        if "qc_status" in part.columns and part["qc_status"].notna().any():
            rec["perlu_revisi"] = int((part["qc_status"] == "perlu_revisi").sum())
        rows.append(rec)
    out = pd.DataFrame(rows)
    out["platform"] = out["platform"].astype("str")
    return out


def month_grid(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """The month at a glance: one row per day, one column per platform, the planned
    categories (and special day) in each cell.

    Examples
    --------
    >>> grid = month_grid(draft_plan("2025-10", targets={"instagram": 20}), lang="en")
    >>> grid.columns.tolist()[:2], len(grid)
    (['date', 'momentum'], 31)
    """
    lang = resolve(lang)
    p = schema.validate(plan, "plan", lang=lang)
    if len(p) == 0:
        return pd.DataFrame(columns=["date", "momentum"])
    start = p["date"].min().to_period("M").start_time
    end = p["date"].max().to_period("M").end_time.normalize()
    days = pd.date_range(start, end, freq="D")
    weekdays = t("planning.weekdays", lang).split(",")
    out = pd.DataFrame({"date": [f"{weekdays[d.weekday()].strip()} {d:%d/%m}" for d in days]})
    moments = (
        p[p["fixed_date"].fillna(False)].groupby("date")["momentum"].first()
        if "momentum" in p.columns
        else pd.Series(dtype="str")
    )
    out["momentum"] = [
        moments.get(d, "") if isinstance(moments.get(d, ""), str) else "" for d in days
    ]
    for platform in [x for x in schema.PLATFORMS if x in set(p["platform"])]:
        part = p[p["platform"] == platform]
        cells = []
        for d in days:
            items = part[part["date"] == d]
            names = []
            for _, r in items.iterrows():
                text = label(str(r["category"]), lang)
                if "reserve" in items.columns and r.get("reserve") is True:
                    text = t("planning.reserve_short", lang)
                names.append(f"{text}: {label(str(r['format']), lang)}")
            cells.append(" · ".join(names))
        out[label(platform, lang)] = cells
    return out.astype("str")


def preview(
    month: str,
    platform: str,
    public: str | None = None,
    *,
    target: int | None = None,
    publics: pd.DataFrame | None = None,
    seed: int = 0,
    lang: str | None = None,
) -> pd.DataFrame:
    """A plan for one platform and one public, for the notebook widget.

    ``public`` ``None``/``""``/``"semua"`` plans for everyone. When ``publics`` (the
    publics table) is not given, :func:`humaskit.audience.publics` supplies the chosen
    public's preferred formats.

    Returns
    -------
    DataFrame
        Day, format, category, tone, title and idea, with headers in the chosen language.

    Examples
    --------
    >>> view = preview("2025-11", "tiktok", "Pelajar", lang="en")
    >>> len(view), view.columns[0]
    (12, 'Date')
    """
    lang = resolve(lang)
    (platform,) = _platforms([platform], lang)
    chosen: Any = None
    if public and str(public).strip().lower() not in ("semua", "all"):
        chosen = [str(public)]
        table = publics
        if table is None and importlib.util.find_spec("humaskit.audience") is not None:
            try:
                from . import audience

                table = audience.publics()
            except Exception:  # the publics file is optional for a preview
                table = None
        if isinstance(table, pd.DataFrame) and "public" in table.columns:
            one = table[table["public"].astype("str") == str(public)]
            if len(one) == 1:
                chosen = one
    goal = target if target is not None else _limits()[platform]["monthly_target"]
    plan = draft_plan(month, targets={platform: int(goal)}, publics=chosen, seed=seed, lang=lang)
    weekdays = t("planning.weekdays", lang).split(",")
    view = pd.DataFrame(
        {
            label("date", lang): [
                f"{weekdays[d.weekday()].strip()} {d:%d/%m}" for d in plan["date"]
            ],
            label("format", lang): [label(f, lang) for f in plan["format"]],
            label("category", lang): [label(c, lang) for c in plan["category"]],
            label("tone", lang): [label(x, lang) for x in plan["tone"]],
            label("title", lang): plan["title"].tolist(),
            label("idea", lang): plan["idea"].tolist(),
        }
    )
    return view.astype("str")


# ---------------------------------------------------------------------------------------
# The month in one call (playbook rencana-konten)
# ---------------------------------------------------------------------------------------


def parse_month(value: Any, *, lang: str | None = None) -> pd.Period:
    """Read a month (``"YYYY-MM"``) as a pandas Period, or raise a plain ParameterError.

    Examples
    --------
    >>> str(parse_month("2025-10"))
    '2025-10'
    """
    return _period(value, resolve(lang))


@dataclass
class MonthPlan:
    """Everything :func:`month_plan` prepared for one month.

    Attributes
    ----------
    period : pandas.Period
    plan : DataFrame
        The drafted plan (see :func:`draft_plan`).
    momentum : DataFrame
        The special days of the month (see :func:`humaskit.calendar.momentum`).
    publics : DataFrame
        The publics used: fit scores per platform when audience data was given, else the
        publics table.
    targets : dict
        Posts per platform.
    tone_mix : tuple
        The target tone mix.
    notes : list of str
        Plain sentences about choices made (e.g. a region without regional days).
    """

    period: pd.Period
    plan: pd.DataFrame
    momentum: pd.DataFrame
    publics: pd.DataFrame | None
    targets: dict[str, int]
    tone_mix: tuple[float, float, float]
    notes: list[str] = field(default_factory=list)


def month_plan(
    month: Any,
    *,
    targets: Mapping[str, int] | str | None = None,
    publics: pd.DataFrame | None = None,
    anniversaries: pd.DataFrame | None = None,
    region: str | None = None,
    audience: pd.DataFrame | None = None,
    accounts: pd.DataFrame | None = None,
    reserve: float = 0.15,
    tone_mix: Sequence[float] = (70, 20, 10),
    seed: int = 0,
    lang: str | None = None,
) -> MonthPlan:
    """Prepare a month in one call: special days, publics per platform and the draft plan.

    Parameters
    ----------
    month : str
        ``"YYYY-MM"``.
    targets : dict or str, optional
        Posts per month per platform (see :func:`parse_targets`).
    publics : DataFrame, optional
        The institution's publics (:func:`humaskit.audience.publics` when not given).
    anniversaries : DataFrame, optional
        The team's own days (:func:`humaskit.io.read_anniversaries`).
    region : str, optional
        The institution's province or city: adds its regional days when humaskit knows them
        (``humaskit.calendar.regions()`` or the anniversaries file) and scores the local
        publics on the audience.
    audience : DataFrame, optional
        The ``audience`` table; with it each platform serves its best-fitting publics
        (:func:`humaskit.audience.fit`).
    accounts : DataFrame, optional
        The ``accounts`` table (main account per platform).

    Returns
    -------
    MonthPlan

    Examples
    --------
    >>> mp = month_plan("2025-11", targets="instagram=20, tiktok=12", region="Jawa Barat")
    >>> len(mp.plan), "Hari Pahlawan" in set(mp.momentum["name"])
    (32, True)
    """
    from . import calendar

    lang = resolve(lang)
    period = _period(month, lang)
    goal = parse_targets(targets, lang=lang) if targets is not None else None
    notes: list[str] = []
    region = str(region).strip() if region else ""
    own_regions = set()
    if anniversaries is not None:
        anniversaries = calendar.check_anniversaries(anniversaries, lang=lang)
        own_regions = {str(r).lower() for r in anniversaries["region"] if str(r)}
    use_region = None
    if region:
        known = {r.lower() for r in calendar.regions()} | own_regions
        if region.lower() in known:
            use_region = region
        else:
            notes.append(t("planning.note_no_regional_days", lang, region=region))
    moments = calendar.momentum(
        period.year,
        months=period.month,
        anniversaries=anniversaries,
        region=use_region,
        lang=lang,
    )
    table = publics
    if table is None and importlib.util.find_spec("humaskit.audience") is not None:
        from . import audience as _audience

        table = _audience.publics(lang=lang)
    chosen: pd.DataFrame | None = table
    if (
        table is not None
        and audience is not None
        and len(audience) > 0
        and importlib.util.find_spec("humaskit.audience") is not None
    ):
        from . import audience as _audience

        chosen = _audience.fit(audience, table, region=region or None, lang=lang)
    plan = draft_plan(
        period,
        targets=goal,
        tone_mix=tone_mix,
        momentum=moments,
        publics=chosen,
        reserve=reserve,
        accounts=accounts,
        seed=seed,
        lang=lang,
    )
    tones = _tone_mix(tone_mix, lang)
    return MonthPlan(
        period=period,
        plan=plan,
        momentum=moments,
        publics=chosen,
        targets=dict(plan.groupby("platform", sort=False).size().astype(int)),
        tone_mix=tuple(tones.values()),
        notes=notes,
    )


def month_title(month: Any, *, lang: str | None = None) -> str:
    """The month as people write it: ``"Oktober 2025"`` / ``"October 2025"``.

    Examples
    --------
    >>> month_title("2025-10", lang="id"), month_title("2025-10", lang="en")
    ('Oktober 2025', 'October 2025')
    """
    from .calendar import _month_name

    lang = resolve(lang)
    period = _period(month, lang)
    return f"{_month_name(period.month, lang)} {period.year}"


def _month_label(period: pd.Period, lang: str) -> str:
    return month_title(period, lang=lang)


def narrative(mp: MonthPlan, *, lang: str | None = None) -> list[str]:
    """Plain sentences describing a month plan for leadership.

    Examples
    --------
    >>> lines = narrative(month_plan("2025-10", targets={"x": 30}), lang="en")
    >>> lines[0]
    'Plan for October 2025: 30 posts on 1 platform(s).'
    """
    lang = resolve(lang)
    p = mp.plan
    lines = [
        t(
            "planning.story.total",
            lang,
            month=_month_label(mp.period, lang),
            n=len(p),
            platforms=p["platform"].nunique(),
        )
    ]
    fixed = p[p["fixed_date"].fillna(False)]
    if len(fixed):
        days = fixed.drop_duplicates("date").sort_values("date")
        names = ", ".join(f"{r.momentum} ({r.date:%d/%m})" for r in days.itertuples())
        lines.append(t("planning.story.thematic", lang, n=len(fixed), days=len(days), names=names))
    else:
        lines.append(t("planning.story.no_thematic", lang))
    n_res = int(p["reserve"].fillna(False).astype(bool).sum())
    lines.append(t("planning.story.reserve", lang, n=n_res))
    counts = p["tone"].value_counts()
    total = max(len(p), 1)
    shares = ", ".join(
        f"{label(k, lang)} {100 * counts.get(k, 0) / total:.0f}%".replace(
            ".", "," if lang == "id" else "."
        )
        for k in TONES
    )
    target = ":".join(f"{v:g}" for v in mp.tone_mix)
    lines.append(t("planning.story.tones", lang, shares=shares, target=target))
    if p["public"].notna().any():
        top = p["public"].value_counts().head(3)
        lines.append(
            t(
                "planning.story.publics",
                lang,
                publics=", ".join(f"{k} ({v})" for k, v in top.items()),
            )
        )
    lines.append(t("planning.story.next", lang))
    return lines + list(mp.notes)


def headline(mp: MonthPlan) -> dict[str, Any]:
    """Headline figures of a month plan (JSON-safe, no personal data) for the summary.

    Examples
    --------
    >>> headline(month_plan("2025-10", targets={"x": 30}))["posts"]
    30
    """
    p = mp.plan
    by_platform = {}
    for platform, part in p.groupby("platform", sort=False):
        by_platform[str(platform)] = {
            "posts": len(part),
            "thematic": int(part["fixed_date"].fillna(False).sum()),
            "reserve": int(part["reserve"].fillna(False).astype(bool).sum()),
            "categories": {str(k): int(v) for k, v in part["category"].value_counts().items()},
            "tones": {str(k): int(v) for k, v in part["tone"].value_counts().items()},
        }
    fixed = p[p["fixed_date"].fillna(False)].drop_duplicates("date").sort_values("date")
    return {
        "month": str(mp.period),
        "posts": len(p),
        "platforms": by_platform,
        "special_days": len(mp.momentum),
        "thematic_days": [
            {"date": f"{r.date:%Y-%m-%d}", "name": r.momentum} for r in fixed.itertuples()
        ],
        "reserve": int(p["reserve"].fillna(False).astype(bool).sum()),
        "tone_mix_target": list(mp.tone_mix),
        "tone_mix_met": check_mix(p, mp.tone_mix).correct,
    }


def display_plan(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """The plan as people read it: one row per post with translated headers and values.

    Examples
    --------
    >>> display_plan(draft_plan("2025-10", targets={"x": 2}), lang="en").columns.tolist()[:3]
    ['Date', 'Platform', 'Format']
    """
    lang = resolve(lang)
    p = schema.validate(plan, "plan", lang=lang)
    weekdays = t("planning.weekdays", lang).split(",")

    def lab(col: str) -> list[str]:
        if col not in p.columns:
            return [""] * len(p)
        return [label(v, lang) if isinstance(v, str) else "" for v in p[col]]

    view = pd.DataFrame(
        {
            label("date", lang): [f"{weekdays[d.weekday()].strip()} {d:%d/%m}" for d in p["date"]],
            label("platform", lang): lab("platform"),
            label("format", lang): lab("format"),
            label("category", lang): lab("category"),
            label("tone", lang): lab("tone"),
            label("title", lang): p["title"].fillna("").astype("str").to_numpy(),
            label("public", lang): p["public"].fillna("").astype("str").to_numpy(),
        }
    )
    return view.astype("str")


def publics_view(mp: MonthPlan, *, lang: str | None = None) -> pd.DataFrame:
    """Which publics each platform serves in the plan, with the evidence from the audience.

    Examples
    --------
    >>> view = publics_view(month_plan("2025-10", targets={"x": 10}), lang="en")
    >>> view.columns.tolist()
    ['Platform', 'Public', 'Posts', 'Evidence']
    """
    lang = resolve(lang)
    p = mp.plan[mp.plan["public"].notna()]
    counts = p.groupby(["platform", "public"], sort=False).size().reset_index(name="n")
    evidence: dict[tuple[str, str], str] = {}
    table = mp.publics
    if isinstance(table, pd.DataFrame) and {"public", "platform", "evidence"} <= set(table.columns):
        for r in table.itertuples():
            evidence[(str(r.platform), str(r.public))] = str(r.evidence)
    rank = {x: i for i, x in enumerate(schema.PLATFORMS)}
    counts = counts.assign(_r=counts["platform"].map(rank)).sort_values(
        ["_r", "n"], ascending=[True, False], kind="stable"
    )
    out = pd.DataFrame(
        {
            label("platform", lang): [label(x, lang) for x in counts["platform"]],
            label("public", lang): counts["public"].astype("str").to_numpy(),
            label("posts", lang): counts["n"].astype(int).to_numpy(),
            t("planning.evidence", lang): [
                evidence.get((a, b), "")
                for a, b in zip(counts["platform"], counts["public"], strict=True)
            ],
        }
    )
    return out.reset_index(drop=True)
