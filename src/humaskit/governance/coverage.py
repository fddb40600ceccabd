"""Units (SKPD) that should have an account on a platform and have none.

:func:`missing_accounts` compares the inventory with the units that must be present and
the platforms each must be on. A required unit matches an inventory unit written the same
way, or written short or in full ("Dinkes" for "Dinas Kesehatan", from the shipped list
of government abbreviations or the initials of the words).

Examples
--------
>>> import pandas as pd
>>> acc = pd.DataFrame({"unit": ["Dinkes", "Dinas Perhubungan"],
...                     "platform": ["instagram", "instagram"], "handle": ["a", "b"]})
>>> missing_accounts(acc, units=["Dinas Kesehatan", "Dinas Perhubungan", "BPBD"],
...                  platforms=["instagram"])[["unit", "platform", "has_any"]].to_dict("records")
[{'unit': 'BPBD', 'platform': 'instagram', 'has_any': False}]
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, t
from ._common import _na, _tokens
from .abbreviations import _abbreviates, _shipped_pairs

__all__ = ["missing_accounts", "missing_note", "as_list"]


def as_list(value: object) -> list[str]:
    """A list of names from a list, or from text separated by commas or semicolons."""
    if value is None or (not isinstance(value, (list, tuple, set, pd.Series)) and _na(value)):
        return []
    if isinstance(value, str):
        parts = value.replace(";", ",").split(",")
    else:
        parts = [str(v) for v in value if not _na(v)]
    return [p.strip() for p in parts if p.strip()]


def _words(name: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _tokens(name))


def _same_unit(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """``a`` and ``b`` name the same unit: equal, or one is the other's short form."""
    if a == b:
        return True
    for short, full in ((a, b), (b, a)):
        if len(short) != 1 or len(full) < 2:
            continue
        for at, et, _x, _y in _shipped_pairs():
            if at == short and et == full:
                return True
        if _abbreviates(short[0], full, initials_only=False):
            return True
    return False


def _platforms(platforms: Iterable[str], lang: str | None) -> list[str]:
    aliases = {"twitter": "x", "fb": "facebook", "ig": "instagram", "yt": "youtube"}
    out = []
    for p in platforms:
        key = aliases.get(p.strip().casefold(), p.strip().casefold())
        if key not in schema.PLATFORMS:
            raise ParameterError(
                t(
                    "governance.bad_required_platform",
                    lang,
                    platform=p,
                    platforms=", ".join(schema.PLATFORMS),
                )
            )
        if key not in out:
            out.append(key)
    return out


def missing_accounts(
    accounts: pd.DataFrame,
    *,
    platforms: object,
    units: object = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Required units without an account on a required platform.

    Parameters
    ----------
    accounts : DataFrame
        The accounts table (``unit``, ``platform``).
    platforms : list of str or str
        Platforms every unit must be on (``"instagram, facebook"`` works too; ``twitter``
        is read as ``x``). Empty: nothing is required (an empty table).
    units : list of str or str, optional
        Units (SKPD) that must have accounts. Default: the units of the inventory.
    lang : {"id", "en"}, optional
        Language of ``reason`` and of error messages.

    Returns
    -------
    DataFrame
        One row per missing account: ``unit`` (as required), ``platform``,
        ``has_any`` (the unit has an account on another platform), ``reason``.
        Empty when nothing is missing.

    Raises
    ------
    ParameterError
        A platform humaskit does not know.
    """
    need_platforms = _platforms(as_list(platforms), lang)
    cols = ["unit", "platform", "has_any", "reason"]
    if not need_platforms:
        return pd.DataFrame(columns=cols).astype(
            {"unit": "str", "platform": "str", "has_any": "bool", "reason": "str"}
        )
    have = accounts[["unit", "platform"]].dropna(subset=["unit"])
    inventory_units = list(dict.fromkeys(str(u).strip() for u in have["unit"] if str(u).strip()))
    wanted = as_list(units) or inventory_units
    present: dict[tuple[str, ...], set[str]] = {}
    for u, p in zip(have["unit"], have["platform"], strict=True):
        present.setdefault(_words(str(u)), set()).add(str(p).strip().casefold())
    rows = []
    for unit in dict.fromkeys(wanted):
        key = _words(unit)
        on: set[str] = set()
        for k, plats in present.items():
            if _same_unit(key, k):
                on |= plats
        for plat in need_platforms:
            if plat in on:
                continue
            reason_key = "governance.missing.other" if on else "governance.missing.none"
            rows.append(
                {
                    "unit": unit,
                    "platform": plat,
                    "has_any": bool(on),
                    "reason": t(reason_key, lang, unit=unit, platform=label(plat, lang)),
                }
            )
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"unit": "str", "platform": "str", "has_any": "bool", "reason": "str"})


def missing_note(missing: pd.DataFrame, *, platforms: object, lang: str | None = None) -> str:
    """One sentence on :func:`missing_accounts`' result for a report.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["Dinkes"], "platform": ["x"], "handle": ["a"]})
    >>> missing_note(missing_accounts(acc, platforms=""), platforms="", lang="en")[:29]
    'No required platforms were gi'
    >>> missing_note(missing_accounts(acc, platforms="x, instagram"), platforms="x, instagram",
    ...              lang="en")
    '1 required account is missing: Dinkes (Instagram).'
    """
    if not as_list(platforms):
        return t("governance.report.no_required", lang)
    if missing.empty:
        return t("governance.report.no_missing", lang)
    items = [
        f"{u} ({label(p, lang)})" for u, p in zip(missing["unit"], missing["platform"], strict=True)
    ]
    key = "governance.report.missing_one" if len(items) == 1 else "governance.report.missing_many"
    return t(
        key, lang, n=len(items), items=", ".join(items[:12]) + (" ..." if len(items) > 12 else "")
    )
