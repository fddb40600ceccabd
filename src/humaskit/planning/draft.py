"""Drafting a month: targets met exactly, mixes within one post, special days, reserve slots.

Examples
--------
>>> plan = draft_plan("2025-10", targets={"x": 4}, momentum=False, lang="en")
>>> plan["platform"].tolist()
['x', 'x', 'x', 'x']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, resolve, t
from .data import _categories, _fill, _formats, _ideas, _limits, default_mix
from .params import (
    CURRENT,
    EXTRA_COLUMNS,
    THEMATIC,
    TONES,
    _period,
    _shares,
    parse_platforms,
    parse_targets,
    parse_tone_mix,
)

__all__ = ["draft_plan", "finish_plan"]

_EXTRA_KINDS = {"reserve": "bool"}
_CODES = {"facebook": "FB", "instagram": "IG", "x": "X", "youtube": "YT", "tiktok": "TT"}


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
    from ..calendar import KINDS

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
        from ..calendar import momentum as _momentum

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
        names = parse_platforms(platforms, lang=lang)
    elif goal:
        names = list(goal)
    else:
        names = list(schema.PLATFORMS)
    goal = {p: goal.get(p, _limits()[p]["monthly_target"] or 0) for p in names}
    shares = _shares(mix if mix is not None else default_mix(), "mix", lang)
    tones = parse_tone_mix(tone_mix, lang=lang)
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
        return finish_plan(schema.empty("plan"))
    return finish_plan(pd.DataFrame(rows))


def finish_plan(plan: pd.DataFrame) -> pd.DataFrame:
    """Validate a plan, give the extra columns their types and sort by date and platform.

    The plan comes out as :func:`draft_plan` returns it: canonical columns, then
    :data:`EXTRA_COLUMNS` (missing ones added empty), then any others. Writers and readers of
    plan files use it so that a plan read back equals the plan written.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = finish_plan(pd.DataFrame({"date": ["2025-10-02", "2025-10-01"],
    ...     "platform": ["x", "x"], "format": "text", "category": "edukasi",
    ...     "title": ["B", "A"]}))
    >>> plan["title"].tolist(), "plan_id" in plan.columns
    (['A', 'B'], True)
    """
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
