"""The naming checks: pattern, abbreviation consistency, length and formality of names.

``naming`` (display name / handle follow the pattern given as a rule, with a suggestion; the
institution's own account is not held to a unit pattern), ``abbreviation`` (see
:mod:`~humaskit.governance.abbreviations`), ``name_length`` (house and platform limits),
``formality`` (no informal words, emoji or all-capital names). :func:`name_issues` checks
one proposed name the same way.

Examples
--------
>>> name_issues("Dinsos Kece 😎", lang="en")
['informal word(s): Kece', 'emoji or decorative symbols: 😎']
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, t
from ._common import _is_symbol, _key, _na, _read_csv, _read_words, _slug, _tokens
from .abbreviations import (
    _abbreviation_forms,
    _abbreviation_of,
    _conflicts_in,
    _style_conflicts,
    abbreviation_conflicts,
)
from .context import AuditContext, CheckResult
from .patterns import inferred_patterns
from .rules import resolve_rules

__all__ = ["name_issues"]


@lru_cache(maxsize=1)
def _platform_limits() -> dict[str, dict[str, int | None]]:
    out = {}
    for rec in _read_csv("platform_limits.csv").itertuples(index=False):
        out[rec.platform] = {
            "handle_max": int(rec.handle_max) if rec.handle_max else None,
            "display_max": int(rec.display_max) if rec.display_max else None,
        }
    return out


@lru_cache(maxsize=1)
def _informal_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _read_words("informal_words.txt"))


def _pattern_for(pattern: Any, platform: str) -> str:
    if isinstance(pattern, Mapping):
        return str(pattern.get(platform, pattern.get("*", "")) or "")
    return str(pattern or "")


_FORMATTER = string.Formatter()


def _fields(pattern: str, lang: str | None) -> list[str]:
    try:
        return [f for _, f, _, _ in _FORMATTER.parse(pattern) if f is not None]
    except ValueError:
        raise ParameterError(t("governance.bad_pattern", lang, pattern=pattern)) from None


def _unit_code(row: Mapping[str, Any]) -> str | None:
    code = row.get("unit_code")
    if not _na(code) and str(code).strip():
        return _slug(code)
    unit = row.get("unit")
    if _na(unit) or not str(unit).strip():
        return None
    low = " ".join(w.casefold() for w in _tokens(str(unit)))
    return _slug(_abbreviation_of().get(low, unit))


def _fill(
    pattern: str,
    row: Mapping[str, Any],
    rules: Mapping[str, Any],
    *,
    handle: bool,
    lang: str | None,
) -> str | None:
    """Fill ``pattern`` from the row and the rules; None when a value is missing."""
    values: dict[str, str] = {}
    for f in _fields(pattern, lang):
        if not f:
            raise ParameterError(t("governance.bad_pattern", lang, pattern=pattern))
        if handle and f == "unit":
            v = _unit_code(row)
        elif f in row:
            v = None if _na(row[f]) or not str(row[f]).strip() else str(row[f]).strip()
        elif f in rules and not isinstance(rules[f], Mapping):
            v = str(rules[f]).strip() or None
            if v is None:
                raise ParameterError(
                    t("governance.empty_placeholder", lang, field=f, pattern=pattern)
                )
        else:
            raise ParameterError(
                t("governance.unknown_placeholder", lang, field=f, pattern=pattern)
            )
        if v is None:
            return None
        values[f] = _slug(v) if handle else v
    text = pattern.format(**values)
    return _slug(text.lstrip("@")) if handle else " ".join(text.split())


def _is_institution_account(row: Mapping[str, Any]) -> bool:
    """The institution's own account (named after it, or without a unit): unit patterns
    do not apply to it."""
    inst, name, unit = row.get("institution"), row.get("display_name"), row.get("unit")
    if _na(unit) or not str(unit).strip():
        return True
    return not _na(inst) and not _na(name) and _key(inst) == _key(name)


_REPEAT = re.compile(r"([!?.~*_\-])\1+")


def _formality_issues(
    name: str, informal: frozenset[str], caps_min: int, lang: str | None
) -> list[str]:
    parts = []
    words = [w for w in _tokens(name) if w.casefold() in informal]
    if words:
        parts.append(t("governance.reason.informal", lang, words=", ".join(dict.fromkeys(words))))
    symbols = "".join(dict.fromkeys(ch for ch in name if _is_symbol(ch)))
    symbols = symbols.replace("\u200d", "").replace("\ufe0f", "")
    if symbols:
        parts.append(t("governance.reason.emoji", lang, symbols=symbols))
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) >= caps_min and all(ch.isupper() for ch in letters) and len(_tokens(name)) > 1:
        parts.append(t("governance.reason.all_caps", lang))
    rep = _REPEAT.search(name)
    if rep:
        parts.append(t("governance.reason.repeated", lang, text=rep.group(0)))
    return parts


def _clean_name(name: str, informal: frozenset[str], caps_min: int) -> str:
    """``name`` without informal words, emoji and repeated punctuation; all caps fixed."""
    out = "".join(ch for ch in name if not _is_symbol(ch))
    out = _REPEAT.sub(lambda m: m.group(0)[0], out)
    words = [
        w
        for w in out.split()
        if _tokens(w) == [] or not all(tok.casefold() in informal for tok in _tokens(w))
    ]
    letters = [ch for ch in "".join(words) if ch.isalpha()]
    if len(letters) >= caps_min and all(ch.isupper() for ch in letters) and len(words) > 1:
        forms = _abbreviation_forms()
        words = [forms.get(w.casefold(), w if len(w) <= 3 else w.capitalize()) for w in words]
    return " ".join(words).strip(" -|·,")


def name_issues(
    name: str,
    *,
    platform: str | None = None,
    others: Sequence[str] = (),
    rules: Mapping[str, Any] | None = None,
    lang: str | None = None,
) -> list[str]:
    """What the audit would find wrong with a proposed display name (empty list: nothing).

    Formality, length (house rule and the ``platform``'s limit) and abbreviation
    consistency with ``others`` (the names of the institution's other accounts).

    Examples
    --------
    >>> name_issues("Dinas Kesehatan Kota Contoh", others=["Dinas Pendidikan Kota Contoh"])
    []
    >>> name_issues("DINKES KECE", lang="en")
    ['informal word(s): KECE', 'written in capitals only']
    """
    name = str(name).strip()
    r = resolve_rules(rules, lang=lang)
    parts = _formality_issues(name, _informal_words(), r.get("caps_min_letters") or 8, lang)
    if platform:
        platform = schema.platform_code(platform, lang=lang)
    lim = _platform_limits().get(platform or "", {})
    tops = [x for x in (r.get("display_name_max"), lim.get("display_max")) if x]
    if tops and len(name) > min(tops):
        parts.append(t("governance.reason.name_long", lang, n=len(name), limit=min(tops)))
    if r.get("display_name_min") and len(name) < r["display_name_min"]:
        parts.append(
            t("governance.reason.name_short", lang, n=len(name), limit=r["display_name_min"])
        )
    names = [name] + [str(o) for o in others if not _na(o)]
    for c in _conflicts_in(names):
        if c["index"] == 0:
            key = (
                "governance.reason.abbr_short"
                if c["form"] == "abbr"
                else "governance.reason.abbr_full"
            )
            parts.append(
                t(key, lang, abbr=c["abbreviation"], full=c["expansion"], example=c["example"])
            )
    return parts


def _too_long(want: str, limit: int | None, plat: str, lang: str | None) -> list[str]:
    """The reason a suggested handle is longer than the platform allows (none when it fits)."""
    if not limit or len(want) <= limit:
        return []
    return [
        t(
            "governance.reason.suggestion_too_long",
            lang,
            n=len(want),
            limit=limit,
            platform=label(plat, lang),
        )
    ]


def _verdict(res: CheckResult, i: Any, parts: list[str], checked: bool) -> None:
    """Row ``i`` fails with its reasons, passes when it was checked, else stays unknown."""
    if parts:
        res.fail(i, "; ".join(parts))
    elif checked:
        res.set(i, True)


def naming_check(ctx: AuditContext) -> CheckResult:
    """``naming``: the display name and handle follow the patterns of the rules."""
    acc, records, r, lang = ctx.accounts, ctx.records, ctx.rules, ctx.lang
    suggested_name, suggested_handle = ctx.suggested_name, ctx.suggested_handle
    limits = _platform_limits()
    res = CheckResult(acc.index)
    dpat, hpat = r.get("display_pattern", ""), r.get("handle_pattern", "")
    if not dpat and not hpat:
        return _inferred_naming(ctx, res)
    if dpat or hpat:
        for i, row in records.items():
            plat = str(row["platform"])
            dp, hp = _pattern_for(dpat, plat), _pattern_for(hpat, plat)
            parts, checked = [], False
            if _is_institution_account(row):
                res.set(i, pd.NA, t("governance.reason.naming_centre", lang))
                continue
            if dp:
                want = _fill(dp, row, r, handle=False, lang=lang)
                have = row.get("display_name")
                if want is not None and not _na(have):
                    checked = True
                    if " ".join(str(have).split()).casefold() != want.casefold():
                        parts.append(
                            t("governance.reason.naming_display", lang, have=have, want=want)
                        )
                        suggested_name[i] = want
            if hp:
                want = _fill(hp, row, r, handle=True, lang=lang)
                if want is not None:
                    checked = True
                    if _key(row["handle"]) != want.casefold():
                        parts.append(
                            t(
                                "governance.reason.naming_handle",
                                lang,
                                have=str(row["handle"]).lstrip("@"),
                                want=want,
                            )
                        )
                        suggested_handle[i] = want
                        hmax = limits.get(plat, {}).get("handle_max")
                        parts += _too_long(want, hmax, plat, lang)
            _verdict(res, i, parts, checked)
    return res


def _inferred_naming(ctx: AuditContext, res: CheckResult) -> CheckResult:
    """``naming`` without a pattern rule: the pattern most unit accounts follow, per platform.

    See :mod:`~humaskit.governance.patterns`. A unit account departing from its platform's
    inferred handle or display-name pattern fails, with a name that follows it (the unit
    part taken from the unit's accounts that do follow it, else its code or name).
    """
    records, lang = ctx.records, ctx.lang
    units = [i for i, row in records.items() if not _is_institution_account(row)]
    patterns = inferred_patterns(records, units)
    if not patterns:
        return res
    # how each unit writes its own part where it follows a pattern (any platform)
    used: dict[tuple[str, str, str], Counter] = {}
    for i in units:
        row = records[i]
        inst = "" if _na(row.get("institution")) else str(row["institution"])
        for field in ("handle", "display_name"):
            pat = patterns.get((inst, str(row["platform"]), field))
            mid = pat.middle(row.get(field)) if pat is not None else None
            if mid:
                used.setdefault((inst, str(row["unit"]), field), Counter())[mid] += 1
    limits = _platform_limits()
    for i in units:
        row = records[i]
        inst = "" if _na(row.get("institution")) else str(row["institution"])
        plat = str(row["platform"])
        parts, checked = [], False
        for field in ("handle", "display_name"):
            pat = patterns.get((inst, plat, field))
            if pat is None or _na(row.get(field)) or not str(row.get(field)).strip():
                continue
            checked = True
            if pat.middle(row.get(field)) is not None:
                continue
            own = used.get((inst, str(row["unit"]), field))
            if field == "handle":
                unit = own.most_common(1)[0][0] if own else (_unit_code(row) or "")
                want = _slug(pat.fill(unit))
                have = str(row["handle"]).strip().lstrip("@")
                ctx.suggested_handle[i] = want
                hmax = limits.get(plat, {}).get("handle_max")
            else:
                unit = own.most_common(1)[0][0] if own else str(row["unit"]).strip()
                want, have, hmax = pat.fill(unit), str(row["display_name"]), None
                ctx.suggested_name[i] = want
            parts.append(
                t(
                    f"governance.reason.inferred_{field}",
                    lang,
                    have=have,
                    want=want,
                    pattern=pat.text(),
                    n=pat.follow,
                    total=pat.accounts,
                    platform=label(plat, lang),
                )
            )
            parts += _too_long(want, hmax, plat, lang)
        _verdict(res, i, parts, checked)
    return res


def abbreviation_check(ctx: AuditContext) -> CheckResult:
    """``abbreviation``: no word written abbreviated here and in full in another name."""
    acc, records, lang = ctx.accounts, ctx.records, ctx.lang
    suggested_name = ctx.suggested_name
    res = CheckResult(acc.index)
    conflicts = abbreviation_conflicts(acc, lang=lang)
    for i, row in records.items():
        if not _na(row.get("display_name")):
            res.set(i, True)
    for i, c in conflicts.iterrows():
        key = (
            "governance.reason.abbr_short"
            if c["form"] == "abbreviated"
            else "governance.reason.abbr_full"
        )
        res.fail(i, t(key, lang, abbr=c["abbreviation"], full=c["expansion"], example=c["example"]))
        if _na(suggested_name[i]):
            suggested_name[i] = c["suggested_name"]
    _abbreviation_style(ctx, res, already=set(conflicts.index))
    return res


def _abbreviation_style(ctx: AuditContext, res: CheckResult, already: set) -> None:
    """Units written in full beside units written short ("Dinas Pekerjaan Umum" among
    "Dinkes", "Dishub"): the accounts in the minority style fail (per institution)."""
    groups: dict[str, list[Any]] = {}
    for i, row in ctx.records.items():
        unit, name = row.get("unit"), row.get("display_name")
        if _na(unit) or _na(name) or _is_institution_account(row) or len(_tokens(unit)) < 2:
            continue
        inst = "" if _na(row.get("institution")) else str(row["institution"])
        groups.setdefault(inst, []).append(i)
    for rows in groups.values():
        names = [str(ctx.records[i]["display_name"]) for i in rows]
        units = [str(ctx.records[i]["unit"]) for i in rows]
        for c in _style_conflicts(names, units):
            i = rows[c["index"]]
            if i in already:
                continue
            res.fail(
                i,
                t(
                    f"governance.reason.abbr_style_{c['form']}",
                    ctx.lang,
                    written=c["written"],
                    other=c["other"],
                    n=c["units"],
                    total=c["total"],
                    example=c["example"],
                ),
            )
            if c["suggested_name"] and _na(ctx.suggested_name[i]):
                ctx.suggested_name[i] = c["suggested_name"]


def name_length_check(ctx: AuditContext) -> CheckResult:
    """``name_length``: display name and handle within the house and platform limits."""
    acc, records, r, lang = ctx.accounts, ctx.records, ctx.rules, ctx.lang
    limits = _platform_limits()
    res = CheckResult(acc.index)
    dmin, dmax = r.get("display_name_min"), r.get("display_name_max")
    for i, row in records.items():
        plat = str(row["platform"])
        lim = limits.get(plat, {})
        parts = []
        name = row.get("display_name")
        if not _na(name):
            n = len(str(name).strip())
            top = (
                min(x for x in (dmax, lim.get("display_max")) if x)
                if (dmax or lim.get("display_max"))
                else None
            )
            if dmin and n < dmin:
                parts.append(t("governance.reason.name_short", lang, n=n, limit=dmin))
            if top and n > top:
                parts.append(t("governance.reason.name_long", lang, n=n, limit=top))
        hmax = lim.get("handle_max")
        hn = len(str(row["handle"]).strip().lstrip("@"))
        if hmax and hn > hmax:
            parts.append(
                t(
                    "governance.reason.handle_long",
                    lang,
                    n=hn,
                    limit=hmax,
                    platform=label(plat, lang),
                )
            )
        if parts:
            res.fail(i, "; ".join(parts))
        else:
            res.set(i, True)
    return res


def formality_check(ctx: AuditContext) -> CheckResult:
    """``formality``: no informal words, emoji, repeated punctuation or all-capital names."""
    acc, records, r, lang = ctx.accounts, ctx.records, ctx.rules, ctx.lang
    suggested_name = ctx.suggested_name
    res = CheckResult(acc.index)
    informal = _informal_words()
    caps_min = r.get("caps_min_letters") or 8
    for i, row in records.items():
        name = row.get("display_name")
        if _na(name):
            continue
        parts = _formality_issues(str(name), informal, caps_min, lang)
        if parts:
            res.fail(i, "; ".join(parts))
            base = name if _na(suggested_name[i]) else suggested_name[i]
            cleaned = _clean_name(str(base), informal, caps_min)
            if cleaned and cleaned != str(name):
                suggested_name[i] = cleaned
        else:
            res.set(i, True)
    return res
