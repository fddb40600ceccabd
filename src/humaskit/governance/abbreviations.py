"""One word written both abbreviated and in full across an institution's account names.

"Dinas PU Kota X" beside "Dinas Pekerjaan Umum Kota X" is found without any rule: pairs
come from a shipped list of government abbreviations (``data/governance/abbreviations.csv``)
and are learned from the names themselves.

Examples
--------
>>> abbreviation_pairs(["Dinas PU Kota X", "Dinas Pekerjaan Umum Kota X"])["abbreviation"].tolist()
['DPU', 'PU']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

import pandas as pd

from ._common import _WORD, _na, _read_csv, _tokens

__all__ = ["abbreviation_pairs", "abbreviation_conflicts"]

_STOP = frozenset({"dan", "serta", "&", "di", "of", "and", "the", "untuk", "ke"})


@lru_cache(maxsize=1)
def _shipped_pairs() -> tuple[tuple[tuple[str, ...], tuple[str, ...], str, str], ...]:
    """(abbreviation tokens, expansion tokens, abbreviation as written, expansion as written)."""
    out = []
    for rec in _read_csv("abbreviations.csv").itertuples(index=False):
        a, e = rec.abbreviation.strip(), rec.expansion.strip()
        at = tuple(w.casefold() for w in _tokens(a))
        et = tuple(w.casefold() for w in _tokens(e))
        if at and et:
            out.append((at, et, a, e))
    return tuple(out)


def _abbreviates(abbr: str, phrase: Sequence[str], *, initials_only: bool) -> bool:
    """True when ``abbr`` is built from the starts of the words of ``phrase``, in order.

    With ``initials_only`` every word gives exactly its first letter (``PU`` = Pekerjaan
    Umum); otherwise every word gives a prefix of one letter or more (``Dinkes`` = Dinas
    Kesehatan). Stop words such as "dan" may give nothing.
    """
    abbr = abbr.casefold()
    words = [w.casefold() for w in phrase]
    if len(words) < 2 or len(abbr) < 2:
        return False

    if sum(w not in _STOP for w in words) < 2:
        return False

    @cache
    def go(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(abbr)
        w = words[j]
        if w in _STOP and go(i, j + 1):
            return True
        if initials_only:
            return i < len(abbr) and abbr[i] == w[0] and go(i + 1, j + 1)
        for k in range(min(len(w), len(abbr) - i), 0, -1):
            if abbr[i : i + k] == w[:k] and go(i + k, j + 1):
                return True
        return False

    return go(0, 0)


def _looks_abbreviation(token: str) -> bool:
    return 2 <= len(token) <= 12 and token.isalnum() and not token.isdigit()


def _learn_pairs(names: Iterable[str]) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Pairs (abbreviation, expansion) found in the names themselves.

    Two names that are equal except one has a single word where the other has several
    words, and that word abbreviates those words, give a pair ("Dinas PU Kota X" /
    "Dinas Pekerjaan Umum Kota X" gives PU = Pekerjaan Umum). An all-capital word of three
    letters or more also pairs with any capitalised run of words anywhere in the names
    whose initials spell it.
    """
    ctx_abbr: dict[tuple, set[str]] = defaultdict(set)
    ctx_full: dict[tuple, set[tuple[str, ...]]] = defaultdict(set)
    caps: set[str] = set()
    by_initials: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for name in names:
        orig = _tokens(name)
        low = [w.casefold() for w in orig]
        n = len(low)
        for k, tok in enumerate(orig):
            if _looks_abbreviation(tok):
                ctx_abbr[(tuple(low[:k]), tuple(low[k + 1 :]))].add(low[k])
                if tok.isupper() and len(tok) >= 3 and tok.isalpha():
                    caps.add(low[k])
        for i in range(n):
            for j in range(i + 2, min(n, i + 9) + 1):
                phrase = tuple(low[i:j])
                ctx_full[(tuple(low[:i]), tuple(low[j:]))].add(phrase)
                words = orig[i:j]
                if all(w[:1].isupper() or w.casefold() in _STOP for w in words) and (
                    words[0][:1].isupper() and words[-1][:1].isupper()
                ):
                    ini = "".join(w[0] for w in phrase if w not in _STOP)
                    by_initials[ini].add(phrase)
    learned: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for key in ctx_abbr.keys() & ctx_full.keys():
        for a in ctx_abbr[key]:
            for phrase in ctx_full[key]:
                if a in phrase:
                    continue
                if _abbreviates(a, phrase, initials_only=False):
                    learned.add(((a,), phrase))
    for a in caps:
        for phrase in by_initials.get(a, ()):
            learned.add(((a,), phrase))
    return learned


def _pairs_for(names: Sequence[str], learn: bool):
    """All pairs to look for: shipped, then learned (as written in the names)."""
    pairs: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, str, str]] = {}
    for at, et, a, e in _shipped_pairs():
        pairs[(at, et)] = (a, e, "list")
    if learn:
        written: dict[tuple[str, ...], str] = {}
        for name in names:
            orig = _tokens(name)
            low = [w.casefold() for w in orig]
            for i in range(len(low)):
                for j in range(i + 1, min(len(low), i + 9) + 1):
                    written.setdefault(tuple(low[i:j]), " ".join(orig[i:j]))
        for at, et in sorted(_learn_pairs(names)):
            if (at, et) not in pairs:
                pairs[(at, et)] = (
                    written.get(at, " ".join(at)),
                    written.get(et, " ".join(et)),
                    "learned",
                )
    return pairs


def _usage(names: Sequence[str], learn: bool = True):
    """For every pair, which names use the abbreviation and which the expansion."""
    pairs = _pairs_for(names, learn)
    toks = [[w.casefold() for w in _tokens(n)] for n in names]
    by_first: dict[str, list] = defaultdict(list)
    for (at, et), info in pairs.items():
        by_first[at[0]].append(("abbr", at, et, info))
        by_first[et[0]].append(("full", at, et, info))
    usage: dict[tuple, dict[str, list[tuple[int, int, int]]]] = {}
    for idx, low in enumerate(toks):
        for pos, word in enumerate(low):
            for form, at, et, _info in by_first.get(word, ()):
                sub = at if form == "abbr" else et
                if tuple(low[pos : pos + len(sub)]) == sub:
                    usage.setdefault((at, et), {"abbr": [], "full": []})[form].append(
                        (idx, pos, pos + len(sub))
                    )
    return pairs, usage


def abbreviation_pairs(names: Iterable[str], *, learn: bool = True) -> pd.DataFrame:
    """Abbreviation / expansion pairs that occur in ``names``, and how often each form.

    Pairs come from the shipped list (``data/governance/abbreviations.csv``) and, with
    ``learn=True``, from the names themselves (see :func:`abbreviation_conflicts`).

    Returns
    -------
    DataFrame
        ``abbreviation``, ``expansion``, ``source`` (``list``/``learned``),
        ``abbreviated`` and ``full`` (how many names use each form).

    Examples
    --------
    >>> p = abbreviation_pairs(["Dinas PU Kota X", "Dinas Pekerjaan Umum Kota X"])
    >>> p[["abbreviation", "expansion", "abbreviated", "full"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'abbreviation': 'DPU', 'expansion': 'Dinas Pekerjaan Umum', 'abbreviated': 0, 'full': 1},
     {'abbreviation': 'PU', 'expansion': 'Pekerjaan Umum', 'abbreviated': 1, 'full': 1}]
    """
    names = ["" if _na(n) else str(n) for n in names]
    pairs, usage = _usage(names, learn)
    rows = []
    for key, forms in usage.items():
        a, e, source = pairs[key]
        rows.append(
            {
                "abbreviation": a,
                "expansion": e,
                "source": source,
                "abbreviated": len({i for i, _, _ in forms["abbr"]}),
                "full": len({i for i, _, _ in forms["full"]}),
            }
        )
    out = pd.DataFrame(rows, columns=["abbreviation", "expansion", "source", "abbreviated", "full"])
    out = out.astype(
        {
            "abbreviation": "str",
            "expansion": "str",
            "source": "str",
            "abbreviated": "Int64",
            "full": "Int64",
        }
    )
    return out.sort_values(["abbreviation", "expansion"], ignore_index=True)


def _style_preference(names: Sequence[str], usage) -> str | None:
    """Which form most names use when they use any: ``abbr``, ``full`` or None (tie)."""
    abbr_names, full_names = set(), set()
    for forms in usage.values():
        abbr_names |= {i for i, _, _ in forms["abbr"]}
        full_names |= {i for i, _, _ in forms["full"]}
    pure_abbr = len(abbr_names - full_names)
    pure_full = len(full_names - abbr_names)
    if pure_abbr == pure_full:
        return None
    return "abbr" if pure_abbr > pure_full else "full"


def _conflicts_in(names: Sequence[str], learn: bool = True) -> list[dict[str, Any]]:
    """One record per (name index, conflicting pair) for the names of one institution."""
    pairs, usage = _usage(names, learn)
    prefer = _style_preference(names, usage)
    out = []
    for key, forms in usage.items():
        abbr_idx = {i for i, _, _ in forms["abbr"]}
        full_idx = {i for i, _, _ in forms["full"]}
        if not abbr_idx or not full_idx:
            continue
        only_abbr, only_full = abbr_idx - full_idx, full_idx - abbr_idx
        if not only_abbr or not only_full:
            continue
        if prefer is not None:
            losing = {prefer == "full" and "abbr" or "full"}
        elif len(only_abbr) != len(only_full):
            losing = {"abbr" if len(only_abbr) < len(only_full) else "full"}
        else:
            losing = {"abbr", "full"}
        a, e, source = pairs[key]
        for form, idx_set, spans in (
            ("abbr", only_abbr, forms["abbr"]),
            ("full", only_full, forms["full"]),
        ):
            if form not in losing:
                continue
            other = only_full if form == "abbr" else only_abbr
            example = names[min(other)]
            for i in sorted(idx_set):
                span = next((s, e_) for j, s, e_ in spans if j == i)
                out.append(
                    {
                        "index": i,
                        "form": form,
                        "abbreviation": a,
                        "expansion": e,
                        "source": source,
                        "example": example,
                        "others": len(other),
                        "span": span,
                    }
                )
    return out


def _replace_span(name: str, span: tuple[int, int], new: str) -> str:
    """Replace words ``span`` (token positions) of ``name`` by ``new``, keeping the rest."""
    matches = list(_WORD.finditer(name))
    start, end = matches[span[0]].start(), matches[span[1] - 1].end()
    return name[:start] + new + name[end:]


def abbreviation_conflicts(
    accounts: pd.DataFrame, *, learn: bool = True, lang: str | None = None
) -> pd.DataFrame:
    """Accounts whose display name writes a word differently from the other accounts.

    Within one institution, a word written abbreviated in some names and in full in
    others ("Dinas PU Kota X" beside "Dinas Pekerjaan Umum Kota X") is an inconsistency.
    The form most names of the institution use (abbreviated or full) wins; the accounts
    using the other form are listed, with a suggested name. No rule is needed: pairs come
    from a shipped list of government abbreviations and are learned from the names
    (a word that abbreviates several words of another, otherwise equal, name).

    Parameters
    ----------
    accounts : DataFrame
        The accounts table (``display_name``; ``institution`` groups the names).
    learn : bool
        Also learn pairs from the names (default True).

    Returns
    -------
    DataFrame
        ``institution``, ``platform``, ``handle``, ``display_name``, ``abbreviation``,
        ``expansion``, ``form`` (``abbreviated``/``full``: what this account writes),
        ``example`` (a name using the other form), ``suggested_name``, ``source``.
        Indexed like ``accounts``.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"platform": ["facebook", "instagram", "x"],
    ...     "handle": ["a", "b", "c"], "unit": None, "institution": "Kota X",
    ...     "display_name": ["Dinas Pekerjaan Umum Kota X", "Dinas PU Kota X",
    ...                      "Dinas Kesehatan Kota X"]})
    >>> abbreviation_conflicts(acc)[["handle", "abbreviation", "suggested_name"]].to_dict("records")
    [{'handle': 'b', 'abbreviation': 'PU', 'suggested_name': 'Dinas Pekerjaan Umum Kota X'}]
    """
    acc = accounts
    cols = [
        "institution",
        "platform",
        "handle",
        "display_name",
        "abbreviation",
        "expansion",
        "form",
        "example",
        "suggested_name",
        "source",
    ]
    rows, index = [], []
    inst = acc["institution"] if "institution" in acc else pd.Series(pd.NA, index=acc.index)
    groups = inst.astype("str").fillna("")
    for _, part in acc.groupby(groups, sort=False, dropna=False):
        part = part[part["display_name"].notna()] if "display_name" in part else part.iloc[:0]
        names = [str(n) for n in part["display_name"]]
        for c in _conflicts_in(names, learn):
            row = part.iloc[c["index"]]
            new = c["expansion"] if c["form"] == "abbr" else c["abbreviation"]
            rows.append(
                {
                    "institution": row.get("institution", pd.NA),
                    "platform": row.get("platform", pd.NA),
                    "handle": row.get("handle", pd.NA),
                    "display_name": row["display_name"],
                    "abbreviation": c["abbreviation"],
                    "expansion": c["expansion"],
                    "form": "abbreviated" if c["form"] == "abbr" else "full",
                    "example": c["example"],
                    "suggested_name": _replace_span(str(row["display_name"]), c["span"], new),
                    "source": c["source"],
                }
            )
            index.append(part.index[c["index"]])
    out = pd.DataFrame(rows, columns=cols, index=pd.Index(index, dtype=acc.index.dtype))
    return out.astype("str")


@lru_cache(maxsize=1)
def _abbreviation_of() -> dict[str, str]:
    """Expansion (lower case) -> abbreviation as written, from the shipped list."""
    out: dict[str, str] = {}
    for _at, et, a, _e in _shipped_pairs():
        out.setdefault(" ".join(et), a)
    return out


@lru_cache(maxsize=1)
def _abbreviation_forms() -> dict[str, str]:
    """Single-word abbreviations (lower case) -> as written in the shipped list."""
    return {a.casefold(): a for at, _et, a, _e in _shipped_pairs() if len(at) == 1}


def _name_style(name: str, unit: str) -> tuple[str, tuple[int, int], str] | None:
    """How ``name`` writes the spelled-out ``unit``: ``("full", span, unit)``, or
    ``("abbr", span, words it stands for)`` (a short form such as "Dinkes", "DLH" or the
    "PU" of "Dinas PU"), or None (the unit is not recognised in the name)."""
    unit_orig = _tokens(unit)
    unit_low = [w.casefold() for w in unit_orig]
    orig = _tokens(name)
    low = [w.casefold() for w in orig]
    n = len(unit_low)
    for k in range(len(low) - n + 1):
        if low[k : k + n] == unit_low:
            return "full", (k, k + n), " ".join(unit_orig)
    expansions: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for at, et, _a, _e in _shipped_pairs():
        if len(at) == 1:
            expansions[at[0]].append(et)
    phrase = tuple(unit_low)
    for k, tok in enumerate(low):
        if not _looks_abbreviation(orig[k]) or tok in phrase:
            continue
        for et in expansions.get(tok, ()):
            m = len(et)
            for j in range(n - m + 1):
                if m >= 2 and phrase[j : j + m] == et:
                    return "abbr", (k, k + 1), " ".join(unit_orig[j : j + m])
        if _abbreviates(tok, phrase, initials_only=False):
            return "abbr", (k, k + 1), " ".join(unit_orig)
    return None


#: Share of units (with a recognised style) that must write unit names one way for the
#: other way to be flagged, and the fewest such units.
STYLE_MAJORITY = 2 / 3
STYLE_MIN_UNITS = 3


def _style_conflicts(names: Sequence[str], units: Sequence[str]) -> list[dict[str, Any]]:
    """Accounts writing their unit's name in the minority style of the institution.

    ``names`` and ``units`` are aligned (one account each, spelled-out units only). A
    unit's style is the one most of its accounts use; when at least
    :data:`STYLE_MIN_UNITS` units have one and :data:`STYLE_MAJORITY` of them share it,
    every account written the other way is returned, with a suggested name.
    """
    styles = [_name_style(n, u) for n, u in zip(names, units, strict=True)]
    per_unit: dict[str, Counter] = defaultdict(Counter)
    for u, st in zip(units, styles, strict=True):
        if st is not None:
            per_unit[u.casefold()][st[0]] += 1
    unit_style = {}
    for u, c in per_unit.items():
        top = c.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            unit_style[u] = top[0][0]
    counts = Counter(unit_style.values())
    total = sum(counts.values())
    if total < STYLE_MIN_UNITS or len(counts) < 2:
        return []
    major, n_major = counts.most_common(1)[0]
    if n_major / total < STYLE_MAJORITY:
        return []
    examples = [
        names[i]
        for i, st in enumerate(styles)
        if st is not None and st[0] == major and unit_style.get(units[i].casefold()) == major
    ]
    short_of = _abbreviation_of()
    out = []
    for i, st in enumerate(styles):
        if st is None or st[0] == major:
            continue
        form, span, stands_for = st
        if form == "abbr":
            suggestion = _replace_span(names[i], span, stands_for)
        else:
            short = short_of.get(" ".join(w.casefold() for w in _tokens(units[i])))
            suggestion = _replace_span(names[i], span, short) if short else None
        out.append(
            {
                "index": i,
                "form": form,
                "written": " ".join(_tokens(names[i])[span[0] : span[1]]),
                "other": stands_for,
                "example": examples[0] if examples else "",
                "units": n_major,
                "total": total,
                "suggested_name": suggestion,
            }
        )
    return out
