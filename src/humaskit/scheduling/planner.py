"""Give every planned post a publication time: the best slots within caps and spacing.

:func:`schedule` takes the month's content plan (canonical ``plan`` table, e.g. from
:mod:`humaskit.planning`) and a :func:`best_times` table and chooses, for each post, a day
and hour that maximise the expected total score while keeping to

- the daily cap and the minimum spacing per platform (and format bucket),
- the plan's fixed dates (momentum posts keep their day, only the hour is chosen),
- times the team already set (``scheduled_at`` filled in: kept as they are),
- the team's working hours, when given,
- the time rules of time-bound content (``data/scheduling/time_rules.csv``: a morning
  greeting only in the morning, Friday posts on Fridays, reminders not after the event),
- an even spread: a slot loses value as posts of the platform pile into the same hour of
  the same day and into the same hour over the month (audience attention), and no hour
  may hold more than a third of a platform's posts.

The QC gate: when the plan has a ``cleared`` column (written by
:func:`humaskit.planning.gate`), posts not cleared get no time; their ``reason`` says why
and who must act, and ``attrs["held"]`` counts them. With a :func:`backtest` table, the
platforms whose account model does not beat the platform's general pattern are scheduled
on the general pattern (``attrs["baseline"]``).

Other posts may move up to ``flex_days`` days from their planned date (never outside the
plan's first and last day), at a cost of ``MOVE_PENALTY`` points per day so a post only
moves for a clear gain. The search is greedy (fixed posts first,
then in date order, each taking its best feasible slot) followed by repair passes that
move single posts to better feasible slots; 300 posts take well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..fmt import fmt_date, fmt_time, fmt_value
from ..i18n import label, t
from ._common import (
    N_SLOTS,
    TYPICAL,
    _read_csv,
    day_name,
    default_profile,
    resolve_tz,
    zone_label,
)
from .frequency import resolve_limits
from .slots import default_times, slot_lookups

__all__ = ["schedule", "parse_working_hours", "time_rules"]

#: Percentile points a post loses per day it is moved away from its planned date: a post
#: moves only for a clear gain, not for noise in the weekday pattern.
MOVE_PENALTY = 3.0
#: Points a slot loses for each post of the same platform already in the same hour of the
#: same day (the audience's attention is shared).
SAME_HOUR_DECAY = 15.0
#: Points a slot loses per share of the platform's month already in that hour of the day
#: (a third of the month in one hour costs 10 points): the month does not collapse onto it.
HOUR_LOAD_DECAY = 30.0
#: At most this share of a platform's posts in one hour of the day.
MAX_HOUR_SHARE = 1 / 3


@lru_cache(maxsize=1)
def _shipped_rules() -> pd.DataFrame:
    return _read_csv("time_rules.csv")


def time_rules() -> pd.DataFrame:
    """The shipped time rules of time-bound content (``data/scheduling/time_rules.csv``).

    Columns: ``rule``, ``pattern`` (regular expression on title + caption), ``hours``
    (``"05-09"``), ``days`` (weekday numbers, 0 = Monday; empty = every day) and
    ``no_later`` (1: never later than the planned day).

    Examples
    --------
    >>> r = time_rules()
    >>> r.loc[r["rule"] == "sapa pagi", "hours"].item()
    '05-09'
    """
    return _shipped_rules().copy()


def _compile_rules(rules: Any, lang: str | None) -> list[tuple]:
    if rules is False:
        return []
    table = time_rules() if rules is None else rules
    if not isinstance(table, pd.DataFrame) or not {"rule", "pattern", "hours"} <= set(
        table.columns
    ):
        raise ParameterError(t("scheduling.bad_time_rules", lang))
    out = []
    for rec in table.to_dict("records"):
        try:
            pattern = re.compile(str(rec["pattern"]), re.IGNORECASE)
        except re.error as exc:
            raise ParameterError(t("scheduling.bad_time_rules", lang)) from exc
        hours = parse_working_hours(str(rec["hours"]), lang)
        days_v = rec.get("days")
        days = (
            None
            if days_v is None or pd.isna(days_v) or not str(days_v).strip()
            else sorted({int(float(d)) % 7 for d in re.split(r"[ ;|/]+", str(days_v).strip())})
        )
        no_later = bool(rec.get("no_later")) and not pd.isna(rec.get("no_later"))
        out.append((str(rec["rule"]), pattern, hours, days, no_later, str(rec["hours"])))
    return out


def parse_working_hours(value: Any, lang: str | None = None) -> np.ndarray:
    """Return the 24 allowed publication hours as a boolean array.

    ``None``/``""``: every hour. ``(7, 21)``, ``"07-21"`` or ``"07:00-21:00"``: from 07:00
    to 21:00, both included (posts go out on the hour). A start after the end wraps past
    midnight.

    Examples
    --------
    >>> np.flatnonzero(parse_working_hours("07-10")).tolist()
    [7, 8, 9, 10]
    """
    allowed = np.zeros(24, dtype=bool)
    if value is None or (isinstance(value, str) and not value.strip()):
        allowed[:] = True
        return allowed
    start = end = None
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,2})(?::00)?\s*[-–]\s*(\d{1,2})(?::00)?\s*", value)
        if m:
            start, end = int(m.group(1)), int(m.group(2))
    elif isinstance(value, (tuple, list)) and len(value) == 2:
        try:
            start, end = int(value[0]), int(value[1])
        except (TypeError, ValueError):
            start = end = None
    if start is None or not (0 <= start <= 23 and 0 <= end <= 24):
        raise ParameterError(t("scheduling.bad_working_hours", lang, value=value))
    end = min(end, 23)
    if start <= end:
        allowed[start : end + 1] = True
    else:
        allowed[start:] = True
        allowed[: end + 1] = True
    return allowed


@dataclass
class _Row:
    i: int
    day: pd.Timestamp
    platform: str
    fmt: str | None
    account: str
    fixed: bool
    kept: pd.Timestamp | None
    vec: np.ndarray
    basis: np.ndarray
    n: np.ndarray
    source: str
    bucket: tuple
    cap: int
    spacing: float
    placed: tuple[int, int] | None = None
    conflict: str = ""
    hours: np.ndarray = field(default_factory=lambda: np.arange(24))
    cands: tuple = ()
    rule: tuple | None = None


class _Occupancy:
    """Posts placed so far: per bucket and local day, and their times in hours."""

    def __init__(self, totals: dict[str, int] | None = None) -> None:
        self.count: dict[tuple, int] = {}
        self.times: dict[tuple, list[float]] = {}
        self.hour_load: dict[str, np.ndarray] = {}
        self.same: dict[tuple, int] = {}
        self.totals = totals or {}

    def add(self, bucket: tuple, day: int, hour: float) -> None:
        self.count[(bucket, day)] = self.count.get((bucket, day), 0) + 1
        self.times.setdefault(bucket, []).append(day * 24 + hour)
        platform, h = bucket[1], int(hour) % 24
        self.hour_load.setdefault(platform, np.zeros(24))[h] += 1
        self.same[(platform, day, h)] = self.same.get((platform, day, h), 0) + 1

    def remove(self, bucket: tuple, day: int, hour: float) -> None:
        self.count[(bucket, day)] -= 1
        self.times[bucket].remove(day * 24 + hour)
        platform, h = bucket[1], int(hour) % 24
        self.hour_load[platform][h] -= 1
        self.same[(platform, day, h)] -= 1

    def share_cap(self, platform: str) -> int:
        return max(1, int(self.totals.get(platform, 0) * MAX_HOUR_SHARE))

    def share_ok(self, row: _Row, hour: float) -> bool:
        load = self.hour_load.get(row.platform)
        return load is None or load[int(hour) % 24] < self.share_cap(row.platform)

    def penalty(self, platform: str, days: np.ndarray, hours: np.ndarray) -> np.ndarray:
        """Attention decay of each candidate slot given the posts placed so far."""
        load = self.hour_load.get(platform)
        if load is None:
            return np.zeros(len(hours))
        total = max(self.totals.get(platform, 1), 1)
        same = np.array(
            [self.same.get((platform, int(d), int(h)), 0) for d, h in zip(days, hours, strict=True)]
        )
        return SAME_HOUR_DECAY * same + HOUR_LOAD_DECAY * load[hours] / total

    def cap_ok(self, row: _Row, day: int) -> bool:
        return self.count.get((row.bucket, day), 0) < row.cap

    def spacing_ok(self, row: _Row, day: int, hour: float) -> bool:
        if row.spacing <= 0:
            return True
        when = day * 24 + hour
        return all(abs(when - other) >= row.spacing for other in self.times.get(row.bucket, ()))


def _vectors(bt: pd.DataFrame):
    found = slot_lookups(bt, ("estimate", "basis", "n_posts"))
    keys = [c for c in ("account", "platform", "post_type") if c in bt.columns]
    return keys, found["estimate"], found["basis"], found["n_posts"]


def _resolve_vec(keys, est, basis, n, account, platform, fmt):
    """The 168 estimates for a planned post: its group, its platform, or the default."""
    values = {"account": account, "platform": platform, "post_type": fmt}
    key = tuple(str(values[k]) for k in keys)
    if key in est and all(values[k] is not None for k in keys):
        return est[key], basis[key], n[key], "data"
    same = [
        k
        for k in est
        if all(
            k[keys.index(c)] == str(values[c])
            for c in ("account", "platform")
            if c in keys and values[c] is not None
        )
    ]
    if same:
        weights = np.array([max(float(np.nansum(n[k])), 1.0) for k in same])
        vec = np.average(np.vstack([est[k] for k in same]), axis=0, weights=weights)
        nn = np.sum(np.vstack([n[k] for k in same]), axis=0)
        return vec, np.full(N_SLOTS, "platform", dtype=object), nn, "platform"
    vec = np.clip(TYPICAL + default_profile(platform, fmt), 0, 100)
    return vec, np.full(N_SLOTS, "default", dtype=object), np.zeros(N_SLOTS), "default"


def _ranks(vec: np.ndarray) -> np.ndarray:
    order = np.lexsort((np.arange(N_SLOTS), -vec))
    rank = np.empty(N_SLOTS, dtype=np.int64)
    rank[order] = np.arange(1, N_SLOTS + 1)
    return rank


def schedule(
    plan: pd.DataFrame,
    best_times: pd.DataFrame | None = None,
    *,
    caps: Any = None,
    spacing: Any = None,
    tz: str | None = None,
    working_hours: Any = None,
    flex_days: int = 2,
    keep_times: bool = True,
    backtest: pd.DataFrame | None = None,
    rules: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Choose a publication time for every planned post that is cleared to go out.

    Parameters
    ----------
    plan : DataFrame
        Canonical plan: ``date`` (the planned local day), ``platform``, ``format``,
        ``category``, ``title``; optional ``account``, ``fixed_date`` (True: keep the day),
        ``scheduled_at`` (a time already set: kept when ``keep_times``) and the gate's
        ``cleared``/``gate_reasons``/``gate_action`` (:func:`humaskit.planning.gate`): a
        post whose ``cleared`` is False gets no time.
    best_times : DataFrame, optional
        A :func:`best_times` table; groups it lacks fall back to the platform's other
        formats, then to the shipped default profile. None: defaults only.
    caps : int, dict, DataFrame, optional
        Posts per day: one number for every platform, ``{"instagram": 2,
        "instagram:story": 8}``, or a :func:`posting_frequency`/:func:`limits` table.
        None: the shipped defaults (``data/scheduling/limits.csv``).
    spacing : float, dict, DataFrame, optional
        Minimum hours between two posts of one platform (same forms as ``caps``).
    tz : str, optional
        The audience's zone; default the zone of ``best_times`` (else WIB). Must match it.
    working_hours : str or (int, int), optional
        Hours the team can publish, e.g. ``"07-21"`` (both ends included).
    flex_days : int
        How many days a post without a fixed date may move (0: keep every day); it stays
        within the plan's first and last day.
    keep_times : bool
        Keep times already in ``scheduled_at``.
    backtest : DataFrame, optional
        A :func:`backtest` table: platforms where ``rho_model`` does not beat
        ``rho_default`` are scheduled on the shipped general pattern.
    rules : DataFrame or False, optional
        Time rules of time-bound content (layout of :func:`time_rules`); None: the shipped
        table; False: none.

    Returns
    -------
    DataFrame
        The plan with ``scheduled_at`` (UTC), ``local_time`` (in ``tz``), ``expected_score``
        (50 = the account's typical post), ``slot_rank`` (1..168 within its group),
        ``moved_days``, ``conflict`` (a cap or spacing could not be kept) and ``reason`` (one
        sentence), ``held`` (True: not cleared, no time) and ``time_rule``. ``attrs``:
        ``expected_total``, ``mean_score``, ``conflicts``, ``moved``, ``held``,
        ``overridden``, ``baseline`` (platforms on the general pattern), ``tz``, ``zone``.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-09-01", "2025-09-01", "2025-09-17"],
    ...     "platform": "instagram", "format": ["reel", "feed", "feed"],
    ...     "category": "edukasi", "title": ["A", "B", "HUT"],
    ...     "fixed_date": [False, False, True]})
    >>> s = schedule(plan, caps=1, lang="en")
    >>> s["local_time"].dt.strftime("%a %H:%M").tolist()
    ['Mon 19:00', 'Tue 21:00', 'Wed 20:00']
    >>> s["moved_days"].tolist()
    [0, 1, 0]

    A post the gate did not clear gets no time (see :func:`humaskit.planning.gate`):

    >>> plan["cleared"] = [True, False, True]
    >>> schedule(plan, caps=1, lang="en")["held"].tolist()
    [False, True, False]
    """
    plan_v = schema.validate(plan, "plan", lang=lang)
    if best_times is not None and not isinstance(best_times, pd.DataFrame):
        raise ParameterError(t("scheduling.bad_best_times", lang, got=type(best_times).__name__))
    bt_tz = best_times.attrs.get("tz") if best_times is not None else None
    tzname = resolve_tz(tz if tz is not None else (bt_tz or "Asia/Jakarta"), lang)
    if bt_tz and bt_tz != tzname:
        raise ParameterError(
            t("scheduling.tz_mismatch", lang, given=zone_label(tzname), table=zone_label(bt_tz))
        )
    if (
        not isinstance(flex_days, (int, np.integer))
        or isinstance(flex_days, bool)
        or not (0 <= flex_days <= 14)
    ):
        raise ParameterError(t("scheduling.bad_flex", lang, value=flex_days))
    allowed = parse_working_hours(working_hours, lang)
    lim = resolve_limits(caps, spacing, lang)
    if best_times is None or len(best_times) == 0:
        plats = sorted(plan_v["platform"].dropna().unique()) or ["instagram"]
        best_times = default_times(plats, tz=tzname)
    keys, est, basis, nposts = _vectors(best_times)
    compiled = _compile_rules(rules, lang)
    baseline = _baseline_platforms(backtest)

    held = (
        ~plan_v["cleared"].fillna(False).astype(bool).to_numpy()
        if "cleared" in plan_v.columns
        else np.zeros(len(plan_v), dtype=bool)
    )
    todo = plan_v[~held]
    rows = _rows(todo, lim, keys, est, basis, nposts, keep_times, tzname, baseline, compiled)
    totals = todo["platform"].value_counts().to_dict()
    occ = _Occupancy(totals)
    hours = np.flatnonzero(allowed)
    first, last = plan_v["date"].min(), plan_v["date"].max()
    for row in rows:
        row.hours = hours
        if row.rule is not None:
            own = hours[row.rule[2][hours]]
            row.hours = own if len(own) else np.flatnonzero(row.rule[2])
        row.cands = _candidates(row, row.hours, 0 if row.fixed else flex_days, first, last)
    for row in sorted((r for r in rows if r.kept is not None), key=lambda r: r.i):
        local = row.kept.tz_convert(tzname)
        row.placed = (_ordinal(local), local.hour + local.minute / 60)
        occ.add(row.bucket, *row.placed)
    movable = [r for r in rows if r.kept is None]
    movable.sort(key=lambda r: (not r.fixed, r.day.value, r.i))
    for row in movable:
        _place(row, occ)
    for _ in range(3):  # repair: move single posts to a better feasible slot
        changed = False
        for row in movable:
            before, conflict = row.placed, row.conflict
            occ.remove(row.bucket, *before)
            if not _place(row, occ, strict=True):
                row.placed, row.conflict = before, conflict
                occ.add(row.bucket, *before)
            changed |= row.placed != before
        if not changed:
            break
    out = _result(todo, rows, lim, tzname, lang)
    out.attrs["baseline"] = sorted(p for p in baseline if p in set(todo["platform"]))
    return _with_held(plan_v, held, out, lang)


def _baseline_platforms(backtest: pd.DataFrame | None) -> set[str]:
    """Platforms whose account model does not beat the general pattern in the backtest."""
    if backtest is None or not {"platform", "rho_model", "rho_default"} <= set(backtest.columns):
        return set()
    model = pd.to_numeric(backtest["rho_model"], errors="coerce")
    default = pd.to_numeric(backtest["rho_default"], errors="coerce")
    loses = ~(model > default).fillna(False) & default.notna()
    return set(backtest.loc[loses.to_numpy(), "platform"].astype(str))


def _with_held(plan_v: pd.DataFrame, held: np.ndarray, out: pd.DataFrame, lang) -> pd.DataFrame:
    """Put the posts the gate holds back (no time, their reason) among the scheduled ones."""
    attrs = dict(out.attrs)
    out = out.copy()
    out["held"] = pd.array([False] * len(out), dtype="boolean")
    if held.any():
        rest = plan_v[held].copy()
        for col in ("scheduled_at", "local_time"):
            rest[col] = pd.Series(pd.NaT, index=rest.index, dtype=out[col].dtype)
        for col in ("expected_score", "slot_rank", "moved_days", "conflict"):
            rest[col] = pd.Series(pd.NA, index=rest.index, dtype=out[col].dtype)
        rest["time_rule"] = pd.Series(pd.NA, index=rest.index, dtype="str")
        rest["reason"] = [
            t(
                "gate.reason_held",
                lang,
                reasons=_txt(r.get("gate_reasons")) or "-",
                action=_txt(r.get("gate_action")) or "-",
            )
            for r in rest.to_dict("records")
        ]
        rest["held"] = pd.array([True] * len(rest), dtype="boolean")
        out = pd.concat([out, rest]).loc[plan_v.index]
        out["reason"] = out["reason"].astype("str")
    overridden = 0
    if "override_by" in out.columns and "gate_reasons" in out.columns:
        over = out["override_by"].notna() & out["gate_reasons"].notna() & ~out["held"]
        overridden = int(over.sum())
        for i in out.index[over.to_numpy()]:
            out.loc[i, "reason"] = (
                t("gate.reason_override", lang, action=_txt(out.loc[i, "gate_action"]))
                + " "
                + out.loc[i, "reason"]
            )
    out.attrs.update(attrs, held=int(held.sum()), overridden=overridden)
    return out


def _txt(v: Any) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip()


def _ordinal(ts: pd.Timestamp) -> int:
    return ts.date().toordinal()


def _rows(
    plan_v, lim, keys, est, basis, nposts, keep_times, tzname, baseline=(), rules=()
) -> list[_Row]:
    own = {(r.platform, r.post_type): r for r in lim.itertuples(index=False)}
    rows = []
    fixed_col = plan_v["fixed_date"].fillna(False).astype(bool).to_numpy()
    resolved: dict[tuple, tuple] = {}
    for i, rec in enumerate(plan_v.to_dict("records")):
        platform = rec["platform"]
        fmt = None if pd.isna(rec.get("format")) else str(rec["format"])
        account = "" if pd.isna(rec.get("account")) else str(rec["account"])
        group = (account, platform, fmt)
        if group not in resolved:
            if platform in baseline:
                vec = np.clip(TYPICAL + default_profile(platform, fmt), 0, 100)
                resolved[group] = (
                    vec,
                    np.full(N_SLOTS, "baseline", dtype=object),
                    np.zeros(N_SLOTS),
                    "baseline",
                )
            else:
                resolved[group] = _resolve_vec(
                    keys, est, basis, nposts, account or None, platform, fmt
                )
        vec, bas, n, source = resolved[group]
        words = f"{_txt(rec.get('title'))}\n{_txt(rec.get('caption'))}"
        rule = next((r for r in rules if r[1].search(words)), None)
        bucket = fmt if (platform, fmt) in own else "*"
        limit = own.get((platform, bucket)) or own.get((platform, "*"))
        kept = rec.get("scheduled_at")
        kept = kept if keep_times and not pd.isna(kept) else None
        rows.append(
            _Row(
                i=i,
                day=pd.Timestamp(rec["date"]).normalize(),
                platform=platform,
                fmt=fmt,
                account=account,
                fixed=bool(fixed_col[i]),
                kept=kept,
                vec=vec,
                basis=bas,
                n=n,
                source=source,
                bucket=(account, platform, bucket),
                cap=int(limit.cap_per_day) if limit is not None else 3,
                spacing=float(limit.min_spacing_h) if limit is not None else 0.0,
                rule=rule,
            )
        )
    return rows


def _candidates(
    row: _Row, hours: np.ndarray, flex: int, first: pd.Timestamp, last: pd.Timestamp
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (score, offset, day ordinal, hour) the row may take, as arrays.

    A post moves at most ``flex`` days and never out of the plan's first..last day; a time
    rule may restrict the weekdays (the nearest fitting day within a week) and forbid later
    days.
    """
    base = _ordinal(row.day)
    lo, hi = _ordinal(first) - base, _ordinal(last) - base
    offs = [o for o in range(-flex, flex + 1) if o == 0 or lo <= o <= hi]
    if row.rule is not None and row.rule[4]:  # not later than planned
        offs = [o for o in offs if o <= 0]
    if row.rule is not None and row.rule[3] is not None and not row.fixed:
        fits = [o for o in offs if (row.day.day_of_week + o) % 7 in row.rule[3]]
        if not fits:  # widen the search to the nearest fitting day within a week
            fits = [
                o
                for o in range(-6, 7)
                if (row.day.day_of_week + o) % 7 in row.rule[3]
                and lo <= o <= hi
                and not (row.rule[4] and o > 0)
            ][:1]
        offs = fits or offs
    offs = np.array(offs)
    off = np.repeat(offs, len(hours))
    hour = np.tile(hours, len(offs))
    dow = (row.day.day_of_week + off) % 7
    score = row.vec[dow * 24 + hour] - MOVE_PENALTY * np.abs(off)
    return score, off, base + off, hour


def _place(row: _Row, occ: _Occupancy, strict: bool = False) -> bool:
    """Put ``row`` in its best feasible slot; without one (unless ``strict``) in the best
    slot that keeps the cap, else its best slot, and note the conflict. Returns whether a
    feasible slot was found."""
    score, off, days, hours = row.cands
    score = score - occ.penalty(row.platform, days, hours)
    # best first; ties go to the smaller move, then the earlier day, then the earlier hour
    order = np.lexsort((hours, off, np.abs(off), -np.round(score, 6)))
    cands = list(zip(days[order].tolist(), hours[order].tolist(), strict=True))
    for day, hour in cands:
        if occ.cap_ok(row, day) and occ.spacing_ok(row, day, hour) and occ.share_ok(row, hour):
            row.placed, row.conflict = (day, hour), ""
            occ.add(row.bucket, day, hour)
            return True
    if strict:
        return False
    for day, hour in cands:
        if occ.cap_ok(row, day) and occ.spacing_ok(row, day, hour):
            row.placed, row.conflict = (day, hour), ""
            occ.add(row.bucket, day, hour)
            return False
    for day, hour in cands:
        if occ.cap_ok(row, day):
            row.placed, row.conflict = (day, hour), "spacing"
            occ.add(row.bucket, day, hour)
            return False
    day, hour = cands[0]
    row.placed, row.conflict = (day, hour), "cap"
    occ.add(row.bucket, day, hour)
    return False


def _result(plan_v, rows, lim, tzname, lang) -> pd.DataFrame:
    zone = zone_label(tzname)
    n = len(rows)
    # local wall-clock times, built in one go (kept times are taken as they are)
    base = np.array(
        [pd.Timestamp.fromordinal(r.placed[0]).value if r.kept is None else 0 for r in rows],
        dtype="int64",
    )
    hours = np.array([r.placed[1] if r.kept is None else 0.0 for r in rows], dtype=float)
    naive = pd.DatetimeIndex(base + (hours * 3600e9).astype("int64"))
    local = naive.tz_localize(tzname)
    kept = [i for i, r in enumerate(rows) if r.kept is not None]
    if kept:
        values = local.tz_convert("UTC").asi8.copy()
        for i in kept:
            values[i] = rows[i].kept.tz_convert("UTC").value
        local = pd.DatetimeIndex(values).tz_localize("UTC").tz_convert(tzname)
    slots = (local.day_of_week * 24 + local.hour).to_numpy()
    days = np.array([d.toordinal() for d in local.date]) if n else np.zeros(0, dtype=int)
    rank_cache: dict[int, np.ndarray] = {}
    score, rank, moved, conflict, reason = [], [], [], [], []
    for i, row in enumerate(rows):
        ranks = rank_cache.setdefault(id(row.vec), _ranks(row.vec))
        slot = int(slots[i])
        off = int(days[i] - _ordinal(row.day))
        score.append(float(row.vec[slot]))
        rank.append(int(ranks[slot]))
        moved.append(off)
        conflict.append(bool(row.conflict))
        reason.append(_reason(row, local[i], slot, int(ranks[slot]), off, zone, lang))
    out = plan_v.copy()
    local_s = pd.Series(local, index=out.index)
    out["scheduled_at"] = local_s.dt.tz_convert("UTC")
    out["local_time"] = local_s
    out["expected_score"] = pd.array(np.round(score, 1), dtype="Float64")
    out["slot_rank"] = pd.array(rank, dtype="Int64")
    out["moved_days"] = pd.array(moved, dtype="Int64")
    out["conflict"] = pd.array(conflict, dtype="boolean")
    out["reason"] = pd.array(reason, dtype="str")
    out["time_rule"] = pd.array([r.rule[0] if r.rule else None for r in rows], dtype="str")
    total = float(np.sum(score)) if score else 0.0
    out.attrs.update(
        tz=tzname,
        zone=zone,
        expected_total=round(total, 1),
        mean_score=round(total / len(score), 1) if score else None,
        conflicts=int(np.sum(conflict)),
        moved=int(np.sum(np.asarray(moved) != 0)),
    )
    return out


def _reason(
    row: _Row, ts: pd.Timestamp, slot: int, rank: int, off: int, zone: str, lang: str | None
) -> str:
    fmt = label(row.fmt, lang) if row.fmt else ""
    parts = [
        t(
            "scheduling.reason_slot",
            lang,
            day=day_name(ts.day_of_week, lang),
            time=fmt_time(ts, lang),
            zone=zone,
            rank=rank,
            platform=label(row.platform, lang),
            format=fmt.lower(),
            score=f"{row.vec[slot]:.0f}",
        )
        .replace("  ", " ")
        .replace(" )", ")")
    ]
    if row.kept is not None:
        parts.append(t("scheduling.reason_kept", lang))
    else:
        src = row.basis[slot] if row.source == "data" else row.source
        if src == "slot":
            parts.append(t("scheduling.reason_basis_slot", lang, n=int(row.n[slot])))
        elif src == "baseline":
            parts.append(t("gate.reason_baseline", lang))
        else:
            parts.append(t(f"scheduling.reason_basis_{src}", lang))
        if row.fixed:
            parts.append(t("scheduling.reason_fixed", lang))
        elif off:
            planned = row.vec[row.day.day_of_week * 24 + row.hours]
            better = len(planned) and row.vec[slot] - MOVE_PENALTY * abs(off) > planned.max()
            key = "scheduling.reason_moved" if better else "scheduling.reason_moved_full"
            parts.append(
                t(
                    key,
                    lang,
                    n=abs(off),
                    cap=row.cap,
                    h=fmt_value(row.spacing, lang),
                    direction=t("scheduling.later" if off > 0 else "scheduling.earlier", lang),
                    planned=f"{day_name(row.day.day_of_week, lang)} {fmt_date(row.day, lang)}",
                )
            )
    if row.rule is not None and row.kept is None:
        days = (
            t(
                "gate.reason_rule_days",
                lang,
                days=", ".join(day_name(d, lang) for d in row.rule[3]),
            )
            if row.rule[3] is not None
            else ""
        )
        parts.append(t("gate.reason_rule", lang, rule=row.rule[0], hours=row.rule[5], days=days))
    if row.conflict == "cap":
        parts.append(t("scheduling.reason_over_cap", lang, cap=row.cap))
    elif row.conflict == "spacing":
        parts.append(t("scheduling.reason_spacing", lang, h=fmt_value(row.spacing, lang)))
    return " ".join(parts)
