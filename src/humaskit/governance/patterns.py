"""The institution's own naming pattern, inferred when no pattern is given as a rule.

Most unit accounts of an institution already share a handle and a display-name pattern
(``dinkes.kotauji``, ``dishub.kotauji``, ``disdik.kotauji``: ``{unit}.kotauji``;
"Dinkes Kota Uji", "Dishub Kota Uji": ``{unit} Kota Uji``). :func:`infer_naming_patterns`
finds, per institution and platform, the longest start and end that most unit accounts
share (handles letter by letter, display names word by word); the part in between is the
unit. An account that departs from it (``dlh_kota_uji_official2``) is flagged by the
``naming`` check, with a name that follows the pattern.

A pattern is inferred only when at least :data:`MIN_FOLLOWERS` unit accounts of the
platform follow it and they are more than half of them; the institution's own account
(named after the institution, or without a unit) is left out.

Examples
--------
>>> import pandas as pd
>>> acc = pd.DataFrame({"institution": "Kota Uji", "platform": "instagram",
...     "unit": ["Dinas Kesehatan", "Dinas Perhubungan", "Dinas Pendidikan", "DLH"],
...     "handle": ["dinkes.kotauji", "dishub.kotauji", "disdik.kotauji", "dlh_kotauji2"],
...     "display_name": ["Dinkes Kota Uji", "Dishub Kota Uji", "Disdik Kota Uji",
...                      "DLH Kota Uji"]})
>>> infer_naming_patterns(acc)[["field", "pattern", "follow", "accounts"]].to_dict("records")
[{'field': 'handle', 'pattern': '{unit}.kotauji', 'follow': 3, 'accounts': 4}, {'field': 'display_name', 'pattern': '{unit} Kota Uji', 'follow': 4, 'accounts': 4}]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._common import _key, _na

__all__ = ["infer_naming_patterns", "Pattern", "MIN_FOLLOWERS"]

#: Fewest unit accounts of a platform that must share a pattern for it to be inferred.
MIN_FOLLOWERS = 3
#: Shortest shared start + end of handles (letters) for a pattern to count.
_MIN_HANDLE_AFFIX = 3
_SEPARATORS = "._-"


@dataclass(frozen=True)
class Pattern:
    """A shared start and end; what lies in between is the unit.

    ``handle`` patterns are strings compared in lower case; display-name patterns are
    tuples of words (as written by the first account) compared without case.
    """

    field: str
    prefix: Any
    suffix: Any
    follow: int
    accounts: int

    def _parts(self, value: Any) -> Any:
        if self.field == "handle":
            return _key(value)
        return tuple(str(value).split())

    def middle(self, value: Any) -> Any:
        """The unit part of ``value`` when it follows the pattern, else None."""
        if _na(value):
            return None
        parts = self._parts(value)
        return _middle(parts, self.prefix, self.suffix, words=self.field != "handle")

    def text(self) -> str:
        """The pattern as people read it, e.g. ``{unit}.kotauji`` or ``{unit} Kota Uji``."""
        if self.field == "handle":
            return f"{self.prefix}{{unit}}{self.suffix}"
        return " ".join([*self.prefix, "{unit}", *self.suffix])

    def fill(self, unit: str) -> str:
        """The pattern with ``unit`` in place of ``{unit}``."""
        if self.field == "handle":
            return f"{self.prefix}{unit}{self.suffix}"
        return " ".join([*self.prefix, str(unit), *self.suffix])


def _fold(parts: Any, words: bool) -> Any:
    return tuple(w.casefold() for w in parts) if words else parts


def _middle(parts: Any, prefix: Any, suffix: Any, *, words: bool) -> Any:
    p, s = _fold(prefix, words), _fold(suffix, words)
    folded = _fold(parts, words)
    if len(folded) <= len(p) + len(s):
        return None
    if folded[: len(p)] != p or (s and folded[len(folded) - len(s) :] != s):
        return None
    mid = parts[len(p) : len(parts) - len(s)]
    return " ".join(mid) if words else mid


def _best_affix(
    values: Sequence[Any], need: int, *, words: bool, end: bool, own: Sequence[set] = ()
) -> Any:
    """The longest start (or end, ``end=True``) shared by at least ``need`` values.

    ``own``: per value, the words of its unit's name; a display-name affix made of them
    ("Dinas" of "Dinas Kesehatan") is part of the unit, not of the pattern.
    """
    counts: Counter = Counter()
    for j, v in enumerate(values):
        f = _fold(v, words)
        mine = own[j] if own else set()
        seen = set()
        for k in range(1, len(f)):  # the unit part keeps at least one letter / word
            affix = f[len(f) - k :] if end else f[:k]
            if words and mine and any(w in mine for w in affix):
                continue
            seen.add(affix)
        counts.update(seen)
    best = None
    for affix, n in counts.items():
        if n >= need and (best is None or len(affix) > len(best)):
            best = affix
    if best is None or words:
        return best
    # a handle affix starts (or ends) at a separator when it holds one: "_kotauji", not
    # "s_kotauji" because several unit codes end in "s"
    cut = [i for i, ch in enumerate(best) if ch in _SEPARATORS]
    if cut:
        return best[cut[0] :] if end else best[: cut[-1] + 1]
    return best if len(best) >= 4 else None


def _written(values: Sequence[Any], affix: Any, end: bool) -> Any:
    """A display-name affix as the first account that uses it writes it."""
    if not affix:
        return ()
    n = len(affix)
    for v in values:
        part = tuple(v[len(v) - n :]) if end else tuple(v[:n])
        if _fold(part, True) == affix:
            return part
    return tuple(affix)


def _infer(values: Sequence[Any], field: str, own: Sequence[set] = ()) -> Pattern | None:
    """The pattern most ``values`` (handles or word tuples) follow, or None."""
    words = field != "handle"
    total = len(values)
    need = max(MIN_FOLLOWERS, total // 2 + 1)
    if total < need:
        return None
    empty = () if words else ""
    pre = _best_affix(values, need, words=words, end=False, own=own) or empty
    suf = _best_affix(values, need, words=words, end=True, own=own) or empty
    best = None
    for p, s in ((pre, suf), (pre, empty), (empty, suf)):
        size = sum(len(x) for x in p) + sum(len(x) for x in s) if words else len(p) + len(s)
        if size < (3 if words else _MIN_HANDLE_AFFIX):
            continue
        follow = sum(_middle(v, p, s, words=words) is not None for v in values)
        if follow >= need and (best is None or size > best[0]):
            best = (size, p, s, follow)
    if best is None:
        return None
    _, p, s, follow = best
    if words:
        p, s = _written(values, p, False), _written(values, s, True)
    return Pattern(field, p, s, follow, total)


def inferred_patterns(
    records: Mapping[Any, Mapping[str, Any]], units: Sequence[Any]
) -> dict[tuple[str, str, str], Pattern]:
    """Patterns per (institution, platform, field) for the rows ``units`` (unit accounts)."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for i in units:
        row = records[i]
        inst = "" if _na(row.get("institution")) else str(row.get("institution"))
        groups.setdefault((inst, str(row["platform"])), []).append(i)
    out: dict[tuple[str, str, str], Pattern] = {}
    for (inst, plat), rows in groups.items():
        handles = [_key(records[i]["handle"]) for i in rows if _key(records[i]["handle"])]
        pat = _infer(handles, "handle")
        if pat is not None:
            out[(inst, plat, "handle")] = pat
        named = [
            i
            for i in rows
            if not _na(records[i].get("display_name")) and str(records[i]["display_name"]).strip()
        ]
        names = [tuple(str(records[i]["display_name"]).split()) for i in named]
        own = [{w.casefold() for w in str(records[i]["unit"]).split()} for i in named]
        pat = _infer(names, "display_name", own)
        if pat is not None:
            out[(inst, plat, "display_name")] = pat
    return out


def _unit_rows(records: Mapping[Any, Mapping[str, Any]]) -> list[Any]:
    out = []
    for i, row in records.items():
        unit, inst, name = row.get("unit"), row.get("institution"), row.get("display_name")
        if _na(unit) or not str(unit).strip():
            continue
        if not _na(inst) and not _na(name) and _key(inst) == _key(name):
            continue
        out.append(i)
    return out


def infer_naming_patterns(accounts: pd.DataFrame) -> pd.DataFrame:
    """The handle and display-name pattern most unit accounts follow, per platform.

    Parameters
    ----------
    accounts : DataFrame
        The accounts table (``platform``, ``handle``, ``display_name``, ``unit``;
        ``institution`` groups the accounts when present).

    Returns
    -------
    DataFrame
        ``institution``, ``platform``, ``field`` (``handle``/``display_name``),
        ``pattern`` (``{unit}`` marks the unit's part), ``follow`` (unit accounts that
        follow it) and ``accounts`` (unit accounts of the platform). Platforms where
        no pattern is shared by most accounts have no row.
    """
    acc = accounts.reset_index(drop=True)
    if "institution" not in acc.columns:
        acc = acc.assign(institution=pd.NA)
    if "display_name" not in acc.columns:
        acc = acc.assign(display_name=pd.NA)
    records = acc.to_dict("index")
    found = inferred_patterns(records, _unit_rows(records))
    rows = [
        {
            "institution": inst,
            "platform": plat,
            "field": field,
            "pattern": pat.text(),
            "follow": pat.follow,
            "accounts": pat.accounts,
        }
        for (inst, plat, field), pat in found.items()
    ]
    cols = ["institution", "platform", "field", "pattern", "follow", "accounts"]
    out = pd.DataFrame(rows, columns=cols)
    return out.astype(
        {c: "str" for c in cols[:4]} | {"follow": "Int64", "accounts": "Int64"}
    ).reset_index(drop=True)
