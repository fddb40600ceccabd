"""Account governance: audit every account of an institution, the shared agenda, security.

Ministries, provinces and cities run dozens of accounts. This module checks them all
against one set of rules and says, per account, what passed, what failed and why:

``naming``            the display name / handle follow the pattern given as a rule
                      (e.g. ``"{unit} {region}"`` / ``"{prefix}{unit}"``), with a suggestion;
                      the institution's own account (named after it, or without a unit)
                      is not held to a unit pattern
``abbreviation``      one word written both abbreviated and in full across the accounts
                      ("Dinas PU Kota X" beside "Dinas Pekerjaan Umum Kota X"); found without
                      any rule, from a shipped list of government abbreviations plus pairs
                      learned from the inventory itself
``name_length``       display name and handle within the house and platform limits
``formality``         no informal words, emoji or all-capital names
``emblem_photo``      the institution's emblem as profile photo
``verified``          verified badge
``account_type``      a page / business / channel, not a personal profile
``two_factor``        two-factor authentication on
``password_age``      password changed within the limit
``admins``            enough admins (and not too many)
``assignment_letter`` the admin roster has an assignment letter (surat tugas)
``duplicate``         one account per unit per platform, no account listed twice
``active``            a post within the last N days (from the posts table)

Rules (limits, patterns) come from ``data/governance/rules.csv`` and can be changed per
call; weights from ``data/governance/checks.csv``. A check that cannot be made (the
inventory has no such column, no posts were given) is NA and does not count in the score.

Examples
--------
>>> import pandas as pd
>>> accounts = pd.DataFrame({
...     "institution": "Pemkot Contoh", "unit": ["Dinas PU", "Dinas PU"],
...     "platform": ["instagram", "instagram"], "handle": ["dpu_contoh", "dpucontoh"],
...     "display_name": ["Dinas Pekerjaan Umum Kota Contoh", "Dinas PU Kota Contoh"],
...     "two_factor": [True, False]})
>>> audit = audit_accounts(accounts, today="2025-09-30", lang="en")
>>> audit["two_factor_ok"].tolist(), audit["duplicate_ok"].tolist()
([True, False], [True, False])
>>> audit.loc[1, "duplicate_reason"]
'Dinas PU has another Instagram account, @dpu_contoh: merge them or close this one'
"""

from __future__ import annotations

import io
import re
import string
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from . import schema
from .errors import ParameterError
from .i18n import label, t
from .paths import package_file

__all__ = [
    "CHECKS",
    "default_rules",
    "resolve_rules",
    "audit_accounts",
    "findings",
    "findings_by_unit",
    "unit_scores",
    "scorecard",
    "audit_summary",
    "describe_audit",
    "headline",
    "top_findings",
    "naming_suggestions",
    "agenda_note",
    "agenda_summary",
    "abbreviation_pairs",
    "abbreviation_conflicts",
    "central_account",
    "agenda_amplification",
    "amplification_matrix",
    "amplification_summary",
    "security_checklist",
    "check_name",
    "check_two_factor_method",
    "for_display",
    "plot_scorecard",
]


# ---------------------------------------------------------------------------------------
# Shipped data
# ---------------------------------------------------------------------------------------


def _read_csv(name: str) -> pd.DataFrame:
    """Read a small CSV under ``data/governance`` whose ``#`` lines are documentation."""
    path = package_file("governance", name)
    with open(path, encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return pd.read_csv(io.StringIO("".join(lines)), dtype="str", keep_default_na=False)


def _read_words(name: str) -> list[str]:
    path = package_file("governance", name)
    with open(path, encoding="utf-8") as fh:
        words = [ln.strip() for ln in fh]
    return [w for w in words if w and not w.startswith("#")]


@lru_cache(maxsize=1)
def _checks_table() -> pd.DataFrame:
    df = _read_csv("checks.csv")
    df["weight"] = pd.to_numeric(df["weight"]).astype(float)
    return df


#: The checks :func:`audit_accounts` makes, in order.
CHECKS: tuple[str, ...] = tuple(_checks_table()["check"])

_NUMERIC_RULES = {
    "password_max_age_days",
    "min_admins",
    "max_admins",
    "abandoned_after_days",
    "display_name_min",
    "display_name_max",
    "caps_min_letters",
    "checklist_review_days",
}


@lru_cache(maxsize=1)
def _default_rules() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for rec in _read_csv("rules.csv").itertuples(index=False):
        value: Any = rec.value.strip()
        if rec.key in _NUMERIC_RULES:
            value = int(value) if value else None
        out[rec.key] = value
    return out


def default_rules() -> dict[str, Any]:
    """Return the shipped governance rules (``data/governance/rules.csv``) as a dict.

    Examples
    --------
    >>> r = default_rules()
    >>> r["password_max_age_days"], r["min_admins"], r["display_pattern"]
    (180, 2, '')
    """
    return dict(_default_rules())


def resolve_rules(
    rules: Mapping[str, Any] | pd.DataFrame | None = None, *, lang: str | None = None
) -> dict[str, Any]:
    """Merge ``rules`` over the shipped defaults and check their values.

    Parameters
    ----------
    rules : dict or DataFrame, optional
        ``{key: value}`` or a table with columns ``key`` and ``value``. Patterns may be one
        text or ``{platform: pattern}``. Keys not in the defaults are kept (they can be used
        as placeholders in patterns, e.g. ``{"region": "Kota Contoh"}``).

    Raises
    ------
    ParameterError
        A limit that is not a whole number of zero or more.

    Examples
    --------
    >>> resolve_rules({"password_max_age_days": "90"})["password_max_age_days"]
    90
    >>> resolve_rules({"min_admins": "dua"}, lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Rule 'min_admins' is 'dua': expected a whole number of 0 or more.
    """
    out = default_rules()
    if rules is None:
        return out
    if isinstance(rules, pd.DataFrame):
        if not {"key", "value"} <= set(rules.columns):
            raise ParameterError(t("governance.rules_table", lang))
        rules = dict(zip(rules["key"].astype(str), rules["value"], strict=True))
    if not isinstance(rules, Mapping):
        raise ParameterError(t("governance.rules_type", lang, got=type(rules).__name__))
    for key, value in rules.items():
        key = str(key).strip()
        if key in _NUMERIC_RULES:
            if (
                value is None
                or (isinstance(value, str) and not value.strip())
                or (not isinstance(value, str) and pd.isna(value))
            ):
                out[key] = None
                continue
            try:
                num = float(str(value).strip().replace(",", "."))
            except ValueError:
                num = float("nan")
            if not num == num or num < 0 or not float(num).is_integer():
                raise ParameterError(t("governance.bad_rule", lang, rule=key, value=value))
            out[key] = int(num)
        elif isinstance(value, Mapping):
            out[key] = {str(k).strip().lower(): str(v) for k, v in value.items()}
        else:
            out[key] = (
                ""
                if value is None or (not isinstance(value, str) and pd.isna(value))
                else str(value)
            )
    return out


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
def _account_types() -> dict[str, str]:
    df = _read_csv("account_types.csv")
    return {v.strip().lower(): k.strip() for v, k in zip(df["value"], df["kind"], strict=True)}


@lru_cache(maxsize=1)
def _informal_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _read_words("informal_words.txt"))


# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------


def _na(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _key(handle: Any) -> str:
    """Comparable form of a handle or account name (lower case, no ``@``, no spaces)."""
    if _na(handle):
        return ""
    return str(handle).strip().lstrip("@").strip().lower()


def _slug(text: Any) -> str:
    """Handle-friendly text: lower case ASCII letters, digits, ``_`` and ``.``."""
    norm = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9_.]", "", norm.lower())


def _today(today: Any, posts: pd.DataFrame | None, lang: str | None) -> pd.Timestamp:
    if today is not None and not (isinstance(today, str) and not today.strip()):
        try:
            ts = pd.Timestamp(today)
        except (TypeError, ValueError):
            raise ParameterError(t("governance.bad_today", lang, value=today)) from None
        if ts is pd.NaT:
            raise ParameterError(t("governance.bad_today", lang, value=today))
        if ts.tzinfo is not None:
            ts = ts.tz_convert("UTC").tz_localize(None)
        return ts.normalize()
    if posts is not None and len(posts) and "published_at" in posts:
        last = pd.to_datetime(
            posts["published_at"], utc=True, errors="coerce", format="mixed"
        ).max()
        if last is not pd.NaT and not pd.isna(last):
            return last.tz_localize(None).normalize()
    return pd.Timestamp.today().normalize()


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _tokens(name: str) -> list[str]:
    return _WORD.findall(name)


def _is_symbol(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return (
        cat in ("So", "Sk", "Cs", "Co")
        or ch in ("\u200d", "\ufe0f")
        or (0x1F000 <= ord(ch) <= 0x1FAFF)
    )


# ---------------------------------------------------------------------------------------
# Abbreviations
# ---------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------
# The audit
# ---------------------------------------------------------------------------------------


def _tracked(original: pd.DataFrame, column: str) -> bool:
    """True when the inventory records ``column`` (present with at least one value)."""
    return column in original.columns and bool(original[column].notna().any())


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


@lru_cache(maxsize=1)
def _abbreviation_of() -> dict[str, str]:
    """Expansion (lower case) -> abbreviation as written, from the shipped list."""
    out: dict[str, str] = {}
    for _at, et, a, _e in _shipped_pairs():
        out.setdefault(" ".join(et), a)
    return out


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


def _main_account(rows: pd.DataFrame) -> Any:
    """Index of the account to keep among several: verified, most followers, first."""
    order = pd.DataFrame(
        {
            "v": rows["verified"].fillna(False).astype(bool) if "verified" in rows else False,
            "f": rows["followers"].fillna(-1).astype("int64") if "followers" in rows else -1,
            "i": range(len(rows)),
        },
        index=rows.index,
    )
    order = order.sort_values(["v", "f", "i"], ascending=[False, False, True])
    return order.index[0]


class _Result:
    """Collects one check's outcome per row: True (pass), False (fail), NA; and reasons."""

    def __init__(self, index: pd.Index):
        self.ok: dict[Any, Any] = dict.fromkeys(index, pd.NA)
        self.reason: dict[Any, Any] = dict.fromkeys(index, pd.NA)

    def set(self, i: Any, ok: Any, reason: str | None = None) -> None:
        self.ok[i] = ok
        if reason:
            self.reason[i] = reason if _na(self.reason[i]) else f"{self.reason[i]}; {reason}"

    def fail(self, i: Any, reason: str) -> None:
        self.ok[i] = False
        self.reason[i] = reason if _na(self.reason[i]) else f"{self.reason[i]}; {reason}"


def _bool_check(
    acc: pd.DataFrame, original: pd.DataFrame, column: str, check: str, lang: str | None
) -> _Result:
    res = _Result(acc.index)
    if not _tracked(original, column):
        return res
    for i, v in acc[column].items():
        if _na(v):
            res.fail(
                i,
                t("governance.reason.not_recorded", lang, what=t(f"governance.what.{check}", lang)),
            )
        elif bool(v):
            res.set(i, True)
        else:
            res.fail(i, t(f"governance.reason.{check}", lang))
    return res


def audit_accounts(
    accounts: pd.DataFrame,
    *,
    posts: pd.DataFrame | None = None,
    rules: Mapping[str, Any] | pd.DataFrame | None = None,
    today: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Check every account of the inventory; one row per account.

    Parameters
    ----------
    accounts : DataFrame
        The ``accounts`` table (see :mod:`humaskit.schema`; read a team's xlsx/CSV with
        :func:`humaskit.io.inventory.read_inventory`); ``institution`` may be left out
        when all accounts belong to one institution. Optional extra columns used when
        present: ``unit_code`` (the unit's short code for handle patterns), ``admin_names``
        (the roster; counted when ``admins`` is empty), ``source_row``.
    posts : DataFrame, optional
        The ``posts`` table, for the ``active`` check (matched on platform and the
        ``account`` column of the inventory, else its handle or display name). Without it
        the check is NA.
    rules : dict or DataFrame, optional
        Overrides of :func:`default_rules` (limits, ``display_pattern``, ``handle_pattern``,
        ``prefix``, ``region`` ...).
    today : date-like, optional
        The reference day for password age and activity. Default: the day of the last
        post in ``posts`` (the data's end), else the current date.
    lang : {"id", "en"}, optional
        Language of the reasons.

    Returns
    -------
    DataFrame
        Indexed like ``accounts``: ``institution``, ``unit``, ``platform``, ``handle``,
        ``display_name``, ``score`` (0-100, weighted share of passed checks among those
        that could be made), ``failed``, ``checked``, then for each check of
        :data:`CHECKS` a column ``<check>_ok`` (True/False/NA) and ``<check>_reason``,
        then ``suggested_name``, ``suggested_handle``, ``password_age_days``,
        ``last_post_at``.

    Raises
    ------
    SchemaError
        ``accounts`` lacks a required column or has unusable values.
    ParameterError
        A rule, pattern or ``today`` that cannot be used.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["Dinas Sosial"], "platform": ["facebook"],
    ...     "handle": ["dinsos"], "display_name": ["Dinsos Kece 😎"],
    ...     "account_type": ["pribadi"], "admins": [1]})
    >>> a = audit_accounts(acc, today="2025-09-30", lang="en")
    >>> a.loc[0, "formality_reason"]
    'informal word(s): Kece; emoji or decorative symbols: 😎'
    >>> bool(a.loc[0, "account_type_ok"]), int(a.loc[0, "failed"])
    (False, 3)
    """
    original = accounts
    if isinstance(accounts, pd.DataFrame) and "institution" not in accounts.columns:
        accounts = accounts.assign(institution=pd.Series(pd.NA, index=accounts.index, dtype="str"))
    acc = schema.validate(accounts, "accounts", lang=lang)
    given_index = acc.index
    acc = acc.reset_index(drop=True)
    r = resolve_rules(rules, lang=lang)
    if posts is not None:
        posts = schema.validate(posts, "posts", lang=lang)
    ref = _today(today, posts, lang)
    results: dict[str, _Result] = {}
    suggested_name = dict.fromkeys(acc.index, pd.NA)
    suggested_handle = dict.fromkeys(acc.index, pd.NA)
    records = acc.to_dict("index")
    limits = _platform_limits()

    # naming ---------------------------------------------------------------------------
    res = _Result(acc.index)
    dpat, hpat = r.get("display_pattern", ""), r.get("handle_pattern", "")
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
                        if hmax and len(want) > hmax:
                            parts.append(
                                t(
                                    "governance.reason.suggestion_too_long",
                                    lang,
                                    n=len(want),
                                    limit=hmax,
                                    platform=label(plat, lang),
                                )
                            )
            if parts:
                res.fail(i, "; ".join(parts))
            elif checked:
                res.set(i, True)
    results["naming"] = res

    # abbreviation ---------------------------------------------------------------------
    res = _Result(acc.index)
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
    results["abbreviation"] = res

    # name length ----------------------------------------------------------------------
    res = _Result(acc.index)
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
    results["name_length"] = res

    # formality ------------------------------------------------------------------------
    res = _Result(acc.index)
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
    results["formality"] = res

    # emblem, verified, two_factor, assignment letter -----------------------------------
    results["emblem_photo"] = _bool_check(acc, original, "emblem_photo", "emblem_photo", lang)
    results["verified"] = _bool_check(acc, original, "verified", "verified", lang)

    # account type ---------------------------------------------------------------------
    res = _Result(acc.index)
    if _tracked(original, "account_type"):
        kinds = _account_types()
        for i, row in records.items():
            v = row.get("account_type")
            if _na(v) or not str(v).strip():
                res.fail(
                    i,
                    t(
                        "governance.reason.not_recorded",
                        lang,
                        what=t("governance.what.account_type", lang),
                    ),
                )
                continue
            kind = kinds.get(" ".join(str(v).strip().lower().split()))
            if kind is None:
                res.set(i, pd.NA, t("governance.reason.type_unknown", lang, value=v))
            elif kind == "personal":
                res.fail(i, t("governance.reason.account_type", lang, value=v))
            else:
                res.set(i, True)
    results["account_type"] = res
    results["two_factor"] = _bool_check(acc, original, "two_factor", "two_factor", lang)

    # password age ---------------------------------------------------------------------
    res = _Result(acc.index)
    ages = dict.fromkeys(acc.index, pd.NA)
    pmax = r.get("password_max_age_days")
    if _tracked(original, "password_changed_at"):
        for i, row in records.items():
            d = row.get("password_changed_at")
            if _na(d):
                res.fail(
                    i,
                    t(
                        "governance.reason.not_recorded",
                        lang,
                        what=t("governance.what.password_age", lang),
                    ),
                )
                continue
            age = int((ref - pd.Timestamp(d).normalize()).days)
            ages[i] = age
            if age < 0:
                res.fail(
                    i,
                    t(
                        "governance.reason.password_future",
                        lang,
                        date=pd.Timestamp(d).date(),
                        today=ref.date(),
                    ),
                )
            elif pmax is not None and age > pmax:
                res.fail(
                    i,
                    t(
                        "governance.reason.password_age",
                        lang,
                        days=age,
                        limit=pmax,
                        date=pd.Timestamp(d).date(),
                    ),
                )
            else:
                res.set(i, True)
    results["password_age"] = res

    # admins ---------------------------------------------------------------------------
    res = _Result(acc.index)
    amin, amax = r.get("min_admins"), r.get("max_admins")
    has_names = _tracked(original, "admin_names")
    if _tracked(original, "admins") or has_names:
        for i, row in records.items():
            n = row.get("admins")
            if _na(n) and has_names and not _na(row.get("admin_names")):
                n = len([x for x in re.split(r"[,;/\n]+", str(row["admin_names"])) if x.strip()])
            if _na(n):
                res.fail(
                    i,
                    t(
                        "governance.reason.not_recorded",
                        lang,
                        what=t("governance.what.admins", lang),
                    ),
                )
            elif amin is not None and int(n) < amin:
                res.fail(i, t("governance.reason.admins_few", lang, n=int(n), limit=amin))
            elif amax is not None and int(n) > amax:
                res.fail(i, t("governance.reason.admins_many", lang, n=int(n), limit=amax))
            else:
                res.set(i, True)
    results["admins"] = res
    results["assignment_letter"] = _bool_check(
        acc, original, "assignment_letter", "assignment_letter", lang
    )

    # duplicate ------------------------------------------------------------------------
    results["duplicate"] = _duplicates(acc, lang)

    # active ---------------------------------------------------------------------------
    res, last_post = _activity(acc, posts, ref, r.get("abandoned_after_days"), lang)
    results["active"] = res

    # assemble -------------------------------------------------------------------------
    weights = dict(zip(_checks_table()["check"], _checks_table()["weight"], strict=True))
    out = pd.DataFrame(index=acc.index)
    for col in ("institution", "unit", "platform", "handle", "display_name"):
        out[col] = acc[col]
    if "source_row" in acc.columns:
        out["source_row"] = acc["source_row"]
    ok_cols = {}
    for check in CHECKS:
        ok_cols[check] = pd.Series(results[check].ok, dtype="boolean").reindex(acc.index)
    oks = pd.DataFrame(ok_cols)
    w = pd.Series(weights)
    checked = oks.notna()
    passed = oks.fillna(False).astype(bool)
    total_w = (checked * w).sum(axis=1)
    got_w = (passed * w).sum(axis=1)
    score = (100 * got_w / total_w.where(total_w > 0)).round(1)
    out["score"] = score.astype("Float64")
    out["failed"] = (checked & ~passed).sum(axis=1).astype("Int64")
    out["checked"] = checked.sum(axis=1).astype("Int64")
    for check in CHECKS:
        out[f"{check}_ok"] = oks[check]
        out[f"{check}_reason"] = pd.Series(results[check].reason, dtype="str").reindex(acc.index)
    out["suggested_name"] = pd.Series(suggested_name, dtype="str").reindex(acc.index)
    out["suggested_handle"] = pd.Series(suggested_handle, dtype="str").reindex(acc.index)
    out["password_age_days"] = pd.Series(ages, dtype="Int64").reindex(acc.index)
    out["last_post_at"] = pd.Series(last_post, dtype="datetime64[us, UTC]").reindex(acc.index)
    out.index = given_index
    out.attrs["today"] = str(ref.date())
    return out


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


@lru_cache(maxsize=1)
def _abbreviation_forms() -> dict[str, str]:
    """Single-word abbreviations (lower case) -> as written in the shipped list."""
    return {a.casefold(): a for at, _et, a, _e in _shipped_pairs() if len(at) == 1}


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


def _keys(s: pd.Series) -> pd.Series:
    """Vectorised :func:`_key` (lower case, no ``@``, no surrounding spaces)."""
    return s.astype("str").str.strip().str.lstrip("@").str.strip().str.lower().fillna("")


def _groups_of_several(frame: pd.DataFrame, keys: list[pd.Series]):
    """Groups of ``frame`` by ``keys`` that have more than one row (others are skipped fast)."""
    k = pd.concat(keys, axis=1, ignore_index=True)
    several = k.duplicated(keep=False)
    if not several.any():
        return []
    sub = frame[several]
    return [rows for _, rows in sub.groupby([x[several] for x in keys], sort=False)]


def _duplicates(acc: pd.DataFrame, lang: str | None) -> _Result:
    res = _Result(acc.index)
    for i in acc.index:
        res.set(i, True)
    plat = acc["platform"].astype("str")
    hkey = _keys(acc["handle"])
    # the same handle listed more than once on one platform
    for rows in _groups_of_several(acc, [plat, hkey]):
        first = rows.index[0]
        for i in rows.index[1:]:
            res.fail(
                i,
                t(
                    "governance.reason.listed_twice",
                    lang,
                    handle=str(acc.at[first, "handle"]).lstrip("@"),
                    platform=label(str(acc.at[i, "platform"]), lang),
                ),
            )
    keep = ~pd.DataFrame({"p": plat, "h": hkey}).duplicated()
    distinct, dplat = acc[keep], plat[keep]
    # several accounts of one unit on one platform
    unit = distinct["unit"].astype("str").str.strip().str.casefold().fillna("")
    inst = distinct["institution"].astype("str").str.strip().str.casefold().fillna("")
    has_unit = unit != ""
    seen: set[Any] = set()
    for rows in _groups_of_several(
        distinct[has_unit], [inst[has_unit], unit[has_unit], dplat[has_unit]]
    ):
        seen |= _fail_all_but_main(res, rows, "governance.reason.unit_twice", lang, unit="unit")
    # the same display name on one platform, different handles (not already reported)
    dname = distinct["display_name"].astype("str").str.split().str.join(" ").str.casefold()
    dname = dname.fillna("")
    has_name = dname != ""
    for rows in _groups_of_several(distinct[has_name], [dplat[has_name], dname[has_name]]):
        reason = "governance.reason.same_name"
        _fail_all_but_main(res, rows, reason, lang, skip=seen, name="display_name")
    return res


def _fail_all_but_main(
    res: _Result,
    rows: pd.DataFrame,
    reason: str,
    lang: str | None,
    *,
    skip: set[Any] | frozenset[Any] = frozenset(),
    **fields: str,
) -> set[Any]:
    """Fail every account of ``rows`` but the main one (and those in ``skip``).

    The ``reason`` names the account's platform, the main account's handle and, for each
    ``placeholder=column`` of ``fields``, the account's value in that column. Returns the
    failed rows.
    """
    main = _main_account(rows)
    failed = set()
    for i in rows.index:
        if i != main and i not in skip:
            failed.add(i)
            values = {key: rows.at[i, column] for key, column in fields.items()}
            res.fail(
                i,
                t(
                    reason,
                    lang,
                    **values,
                    platform=label(str(rows.at[i, "platform"]), lang),
                    main=str(rows.at[main, "handle"]).lstrip("@"),
                ),
            )
    return failed


def _activity(
    acc: pd.DataFrame,
    posts: pd.DataFrame | None,
    ref: pd.Timestamp,
    days: int | None,
    lang: str | None,
) -> tuple[_Result, dict]:
    res = _Result(acc.index)
    last_post: dict[Any, Any] = dict.fromkeys(acc.index, pd.NaT)
    if posts is None:
        return res, last_post
    p = posts
    if p.empty:
        return res, last_post
    keys = _keys(p["account"])
    last = (
        pd.DataFrame(
            {"platform": p["platform"].astype("str"), "key": keys, "at": p["published_at"]}
        )
        .groupby(["platform", "key"])["at"]
        .max()
        .to_dict()
    )
    platforms = set(p["platform"].astype("str"))
    for i, row in acc.to_dict("index").items():
        plat = str(row["platform"])
        if plat not in platforms:
            res.set(
                i, pd.NA, t("governance.reason.no_platform_posts", lang, platform=label(plat, lang))
            )
            continue
        found = [
            last.get((plat, k))
            for k in (_key(row.get("account")), _key(row["handle"]), _key(row.get("display_name")))
            if k
        ]
        found = [f for f in found if f is not None and not pd.isna(f)]
        if not found:
            res.fail(i, t("governance.reason.no_posts", lang))
            continue
        when = max(found)
        last_post[i] = when
        gap = int((ref - when.tz_localize(None).normalize()).days)
        if days is not None and gap > days:
            res.fail(
                i, t("governance.reason.inactive", lang, days=gap, limit=days, date=when.date())
            )
        else:
            res.set(i, True)
    return res, last_post


# ---------------------------------------------------------------------------------------
# Views of an audit
# ---------------------------------------------------------------------------------------


def _check_label(check: str, lang: str | None) -> str:
    return t(f"governance.check.{check}", lang)


def findings(audit: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """One row per failed check, the most serious first (weight, then lowest score).

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["Dinkes"], "platform": ["x"], "handle": ["dinkes"],
    ...     "display_name": ["Dinas Kesehatan"], "two_factor": [False], "verified": [False]})
    >>> f = findings(audit_accounts(acc, today="2025-01-01", lang="en"), lang="en")
    >>> f["check"].tolist(), f.loc[0, "check_label"]
    (['two_factor', 'verified'], 'Two-factor authentication')
    """
    weights = dict(zip(_checks_table()["check"], _checks_table()["weight"], strict=True))
    rows = []
    ident = [
        c
        for c in ("institution", "unit", "platform", "handle", "display_name", "source_row")
        if c in audit.columns
    ]
    for idx, rec in audit.iterrows():
        for check in CHECKS:
            ok = rec.get(f"{check}_ok")
            if not _na(ok) and not bool(ok):
                row = {c: rec[c] for c in ident}
                row.update(
                    {
                        "check": check,
                        "check_label": _check_label(check, lang),
                        "reason": rec.get(f"{check}_reason"),
                        "weight": weights.get(check, 1.0),
                        "score": rec.get("score"),
                        "account_index": idx,
                    }
                )
                rows.append(row)
    cols = ident + ["check", "check_label", "reason", "weight", "score"]
    if not rows:
        out = pd.DataFrame({c: pd.Series([], dtype="str") for c in cols})
        out["weight"] = out["weight"].astype("Float64")
        out["score"] = out["score"].astype("Float64")
        return out
    out = pd.DataFrame(rows)
    order = {c: i for i, c in enumerate(CHECKS)}
    out["_o"] = out["check"].map(order)
    out = out.sort_values(
        ["weight", "score", "account_index", "_o"],
        ascending=[False, True, True, True],
        kind="stable",
    )
    out = out[cols].reset_index(drop=True)
    for c in ("check", "check_label", "reason"):
        out[c] = out[c].astype("str")
    out["weight"] = out["weight"].astype("Float64")
    out["score"] = out["score"].astype("Float64")
    return out


def _unit_label(value: Any, lang: str | None) -> str:
    return t("governance.no_unit", lang) if _na(value) or not str(value).strip() else str(value)


def findings_by_unit(audit: pd.DataFrame, *, lang: str | None = None) -> dict[str, pd.DataFrame]:
    """The findings split per unit (``{unit: findings}``), units in :func:`unit_scores` order.

    A unit with no finding gets an empty table, so every admin receives a sheet.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["A", "B"], "platform": "x", "handle": ["a1", "b1"],
    ...     "display_name": ["Dinas A", "Dinas B"], "two_factor": [False, True]})
    >>> {k: len(v) for k, v in findings_by_unit(audit_accounts(acc, today="2025-01-01")).items()}
    {'A': 1, 'B': 0}
    """
    f = findings(audit, lang=lang)
    units = unit_scores(audit, lang=lang)["unit"].tolist()
    keys = f["unit"].map(lambda v: _unit_label(v, lang)) if len(f) else pd.Series([], dtype="str")
    out = {}
    for u in units:
        out[u] = f[keys == u].drop(columns=["unit"]).reset_index(drop=True)
    return out


def unit_scores(audit: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Score per unit, worst first.

    Returns
    -------
    DataFrame
        ``institution``, ``unit`` (accounts without a unit are grouped under one label),
        ``accounts``, ``score`` (mean of the accounts' scores), ``lowest``, ``findings``
        (failed checks), ``top_issue`` (the check failed most often in the unit).

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["A", "A", "B"], "platform": ["x", "facebook", "x"],
    ...     "handle": ["a1", "a2", "b1"], "display_name": ["Dinas A", "Dinas A", "Dinas B"],
    ...     "two_factor": [False, True, True]})
    >>> unit_scores(audit_accounts(acc, today="2025-01-01"), lang="en")[["unit", "findings"]].values.tolist()
    [['A', 1], ['B', 0]]
    """
    a = audit.copy()
    a["unit"] = a["unit"].map(lambda v: _unit_label(v, lang)).astype("str")
    if "institution" not in a:
        a["institution"] = pd.NA
    a["institution"] = a["institution"].astype("str")
    rows = []
    for (inst, unit), g in a.groupby(["institution", "unit"], sort=False, dropna=False):
        fails = Counter()
        for check in CHECKS:
            col = g[f"{check}_ok"]
            n = int((col.notna() & ~col.fillna(True).astype(bool)).sum())
            if n:
                fails[check] = n
        top = fails.most_common(1)[0][0] if fails else None
        rows.append(
            {
                "institution": inst,
                "unit": unit,
                "accounts": len(g),
                "score": g["score"].mean(),
                "lowest": g["score"].min(),
                "findings": int(g["failed"].sum()),
                "top_issue": _check_label(top, lang) if top else pd.NA,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=["institution", "unit", "accounts", "score", "lowest", "findings", "top_issue"],
    )
    out = out.astype(
        {
            "institution": "str",
            "unit": "str",
            "accounts": "Int64",
            "score": "Float64",
            "lowest": "Float64",
            "findings": "Int64",
            "top_issue": "str",
        }
    )
    out["score"] = out["score"].round(1)
    return out.sort_values(
        ["score", "findings"], ascending=[True, False], ignore_index=True, na_position="last"
    )


def scorecard(audit: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Units x checks: the share of the unit's accounts that pass each check (NA = not checked).

    Rows are units (worst first, as in :func:`unit_scores`), columns the checks that were
    made for at least one account.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["A", "A"], "platform": ["x", "facebook"],
    ...     "handle": ["a1", "a2"], "display_name": ["Dinas A", "Dinas A"],
    ...     "two_factor": [False, True]})
    >>> float(scorecard(audit_accounts(acc, today="2025-01-01")).loc["A", "two_factor"])
    0.5
    """
    a = audit.copy()
    a["unit"] = a["unit"].map(lambda v: _unit_label(v, lang))
    data = {}
    for check in CHECKS:
        col = a[f"{check}_ok"]
        if col.notna().any():
            data[check] = col.astype("Float64").groupby(a["unit"], sort=False).mean()
    out = pd.DataFrame(data)
    order = unit_scores(audit, lang=lang)["unit"].tolist()
    out = out.reindex([u for u in order if u in out.index])
    out.index.name = "unit"
    return out.astype("Float64")


def audit_summary(audit: pd.DataFrame) -> dict[str, Any]:
    """Headline figures of an audit (JSON-safe, no personal data) for a playbook summary.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["A"], "platform": ["x"], "handle": ["a1"],
    ...     "display_name": ["Dinas A"], "two_factor": [False]})
    >>> s = audit_summary(audit_accounts(acc, today="2025-01-01"))
    >>> s["accounts"], s["failed_by_check"]["two_factor"]
    (1, 1)
    """
    by_check = {}
    passed_share = {}
    for check in CHECKS:
        col = audit[f"{check}_ok"]
        if col.notna().any():
            by_check[check] = int((col.notna() & ~col.fillna(True).astype(bool)).sum())
            passed_share[check] = round(float(col.dropna().astype(bool).mean()), 4)
    units = unit_scores(audit)
    return {
        "today": audit.attrs.get("today"),
        "accounts": int(len(audit)),
        "units": int(len(units)),
        "mean_score": None
        if audit["score"].isna().all()
        else round(float(audit["score"].mean()), 1),
        "accounts_all_passed": int((audit["failed"] == 0).sum()),
        "findings": int(audit["failed"].sum()),
        "failed_by_check": by_check,
        "passed_share": passed_share,
        "unit_scores": {
            str(u): (None if pd.isna(s) else float(s))
            for u, s in zip(units["unit"], units["score"], strict=True)
        },
    }


def describe_audit(audit: pd.DataFrame, *, lang: str | None = None, top: int = 3) -> list[str]:
    """A few plain sentences on an audit for leadership (the most common failures first).

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["A", "B"], "platform": "x", "handle": ["a1", "b1"],
    ...     "display_name": ["Dinas A", "Dinas B"], "two_factor": [False, True]})
    >>> describe_audit(audit_accounts(acc, today="2025-01-01"), lang="en")[0]
    '2 accounts of 2 units checked; average score 81.2 of 100; 1 of them pass every check.'
    """
    s = audit_summary(audit)
    out = [
        t(
            "governance.text.overview",
            lang,
            accounts=s["accounts"],
            units=s["units"],
            score=_fmt(s["mean_score"], lang),
            clean=s["accounts_all_passed"],
        )
    ]
    common = sorted(((n, c) for c, n in s["failed_by_check"].items() if n), reverse=True)
    for n, check in common[:top]:
        out.append(
            t(
                "governance.text.common",
                lang,
                check=_check_label(check, lang),
                n=n,
                total=s["accounts"],
            )
        )
    units = unit_scores(audit, lang=lang)
    if len(units) > 1 and units["score"].notna().any():
        worst = units.iloc[0]
        out.append(
            t(
                "governance.text.worst_unit",
                lang,
                unit=worst["unit"],
                score=_fmt(worst["score"], lang),
                issue=worst["top_issue"] if not _na(worst["top_issue"]) else "-",
            )
        )
    if not common:
        out.append(t("governance.text.all_good", lang))
    return out


def headline(audit: pd.DataFrame, *, lang: str | None = None) -> list[tuple[str, str, Any]]:
    """Headline figures as ``(label, value, None)`` for :func:`humaskit.report.cards`.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["A"], "platform": ["x"], "handle": ["a1"],
    ...     "display_name": ["Dinas A"], "two_factor": [False]})
    >>> [v for _, v, _ in headline(audit_accounts(acc, today="2025-01-01"), lang="en")]
    ['1', '1', '62.5', '0', '1']
    """
    s = audit_summary(audit)
    return [
        (t("governance.card.accounts", lang), str(s["accounts"]), None),
        (t("governance.card.units", lang), str(s["units"]), None),
        (t("governance.card.score", lang), _fmt(s["mean_score"], lang), None),
        (t("governance.card.clean", lang), str(s["accounts_all_passed"]), None),
        (t("governance.card.findings", lang), str(s["findings"]), None),
    ]


def top_findings(audit: pd.DataFrame, n: int = 30, *, lang: str | None = None) -> pd.DataFrame:
    """The ``n`` most serious findings, with translated headers, ready for a report.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["A"], "platform": ["x"], "handle": ["a1"],
    ...     "display_name": ["Dinas A"], "two_factor": [False]})
    >>> list(top_findings(audit_accounts(acc, today="2025-01-01"), lang="en").columns)
    ['Unit', 'Platform', 'Handle', 'Check', 'Reason', 'Score']
    """
    f = findings(audit, lang=lang).head(int(n))
    cols = [
        c
        for c in ("unit", "platform", "handle", "check_label", "reason", "score")
        if c in f.columns
    ]
    return for_display(f[cols], lang=lang)


def naming_suggestions(audit: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Accounts with a suggested display name or handle (naming or abbreviation findings).

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"institution": "Kota X", "unit": ["PU", "PU", "Kesehatan"],
    ...     "platform": ["instagram", "facebook", "x"], "handle": ["a", "b", "c"],
    ...     "display_name": ["Dinas PU Kota X", "Dinas Pekerjaan Umum Kota X",
    ...                      "Dinas Kesehatan Kota X"]})
    >>> naming_suggestions(audit_accounts(acc, today="2025-01-01"))["suggested_name"].tolist()
    ['Dinas Pekerjaan Umum Kota X']
    """
    has = audit["suggested_name"].notna() | audit["suggested_handle"].notna()
    cols = ["unit", "platform", "handle", "display_name", "suggested_name", "suggested_handle"]
    return audit.loc[has, cols].reset_index(drop=True)


def agenda_note(amp: pd.DataFrame, *, window_hours: float = 48, lang: str | None = None) -> str:
    """One sentence on an agenda table: what was measured, or why it is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> amp = pd.DataFrame({"agenda": ["A"], "account": ["u"], "centre_posts": [2],
    ...     "carried_posts": [1], "carried": [True], "delay_hours": [3.0]})
    >>> agenda_note(amp, lang="en")
    '1 agenda item(s) of the central account (2 posts), followed over 48 hours in 1 unit account(s); 1 account(s) carried at least one item.'
    """
    if amp.empty:
        return amp.attrs.get("note") or t("governance.agenda.none", lang)
    per_item = amp.groupby("agenda")["centre_posts"].first()
    carried = amp.groupby("account")["carried"].apply(lambda c: bool(c.fillna(False).any()))
    return t(
        "governance.agenda.note",
        lang,
        items=int(amp["agenda"].nunique()),
        posts=int(per_item.sum()),
        hours=_fmt_hours(window_hours),
        accounts=int(amp["account"].nunique()),
        carried=int(carried.sum()),
    )


def _fmt_hours(x: Any) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def agenda_summary(amp: pd.DataFrame) -> dict[str, Any]:
    """Headline figures of :func:`agenda_amplification` (JSON-safe) for a playbook summary.

    ``posts_share``: carried central posts over all (central post x unit account) pairs;
    ``item_share``: the same per agenda item, averaged (each item counts once).

    Examples
    --------
    >>> import pandas as pd
    >>> amp = pd.DataFrame({"agenda": ["A", "A"], "account": ["u", "v"],
    ...     "centre_posts": [2, 2], "carried_posts": [2, 0], "carried": [True, False],
    ...     "delay_hours": [3.0, float("nan")]})
    >>> agenda_summary(amp)["posts_share"]
    0.5
    """
    if amp.empty:
        return {"items": 0, "accounts": 0, "note": amp.attrs.get("note")}
    summ = amplification_summary(amp)
    total = amp["centre_posts"].astype(float).sum()
    return {
        "items": int(amp["agenda"].nunique()),
        "accounts": int(amp["account"].nunique()),
        "posts_share": round(float(amp["carried_posts"].astype(float).sum() / total), 4)
        if total
        else None,
        "item_share": round(
            float(amp["share"].astype(float).groupby(amp["agenda"]).mean().mean()), 4
        )
        if "share" in amp and amp["share"].notna().any()
        else None,
        "median_delay_hours": None
        if amp["delay_hours"].isna().all()
        else round(float(amp["delay_hours"].median()), 2),
        "accounts_carrying_nothing": int((summ["items_carried"] == 0).sum()),
    }


def _fmt(x: Any, lang: str | None) -> str:
    if x is None or _na(x):
        return "-"
    text = f"{float(x):.1f}"
    return text.replace(".", ",") if (lang or _lang()) == "id" else text


def _lang() -> str:
    from .i18n import get_language

    return get_language()


_DISPLAY_BOOL = {True: "common.yes", False: "common.no"}
#: Shares (0-1) shown as percentages by :func:`for_display`.
_PCT_COLUMNS = {"share", "share_carried", "posts_share"}


def for_display(table: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Return ``table`` with translated column names and yes/no text, ready to show or send.

    Works on any table of this module. ``<check>_ok`` columns take the check's name,
    ``<check>_reason`` columns "reason: <check>"; shares become percentages.

    Examples
    --------
    >>> import pandas as pd
    >>> for_display(pd.DataFrame({"handle": ["a"], "two_factor_ok": [False]}), lang="en").columns.tolist()
    ['Handle', 'Two-factor authentication']
    """
    out = table.copy()
    names = {}
    for c in out.columns:
        c = str(c)
        if c.endswith("_ok") and c[:-3] in CHECKS:
            names[c] = _check_label(c[:-3], lang)
        elif c.endswith("_reason") and c[:-7] in CHECKS:
            names[c] = t("governance.col.reason_of", lang, check=_check_label(c[:-7], lang))
        elif f"governance.col.{c}" in _catalogue():
            names[c] = t(f"governance.col.{c}", lang)
        else:
            names[c] = label(c, lang)
        s = out[c]
        if pd.api.types.is_bool_dtype(s.dtype):
            out[c] = s.map(lambda v: "–" if _na(v) else t(_DISPLAY_BOOL[bool(v)], lang)).astype(
                "str"
            )
        elif c == "platform":
            out[c] = s.map(lambda v: v if _na(v) else label(str(v), lang)).astype("str")
        elif c in _PCT_COLUMNS and pd.api.types.is_numeric_dtype(s.dtype):
            from .fmt import fmt_pct

            out[c] = s.map(lambda v: fmt_pct(v, lang)).astype("str")
        elif isinstance(s.dtype, pd.DatetimeTZDtype):
            out[c] = s.dt.tz_convert("Asia/Jakarta").dt.strftime("%Y-%m-%d %H:%M").astype("str")
    out = out.rename(columns=names)
    if out.index.name == "unit":
        out.index.name = t("governance.col.unit", lang)
    return out


def _catalogue():
    from .i18n import catalogue

    return catalogue()


# ---------------------------------------------------------------------------------------
# The shared agenda
# ---------------------------------------------------------------------------------------


def central_account(
    accounts: pd.DataFrame | None = None, posts: pd.DataFrame | None = None
) -> str | None:
    """Guess the institution's central account (its ``account`` name in ``posts``).

    The inventory row whose display name is the institution's name (or that has no unit)
    with the most followers; else the account with the most posts. Returns None when
    nothing fits.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"institution": "Pemkot X", "unit": [None, "Dinkes"],
    ...     "platform": "x", "handle": ["pemkotx", "dinkesx"],
    ...     "display_name": ["Pemkot X", "Dinkes X"], "followers": [900, 100]})
    >>> central_account(acc)
    'pemkotx'
    """
    known = None
    if posts is not None and len(posts):
        known = {_key(a): a for a in posts["account"].dropna().astype(str)}
    if accounts is not None and len(accounts):
        acc = accounts
        inst = acc["institution"].map(_key) if "institution" in acc else pd.Series("", acc.index)
        name = acc["display_name"].map(_key) if "display_name" in acc else pd.Series("", acc.index)
        unit = acc["unit"].map(_key) if "unit" in acc else pd.Series("", acc.index)
        cand = acc[((name == inst) & (inst != "")) | (unit == "") | (unit == inst)]
        if len(cand):
            foll = cand["followers"] if "followers" in cand else pd.Series(0, cand.index)
            cand = cand.assign(_f=pd.to_numeric(foll, errors="coerce").fillna(0))
            cand = cand.sort_values("_f", ascending=False, kind="stable")
            for _, row in cand.iterrows():
                keys = [_key(row.get("account")), _key(row.get("handle"))]
                for k in keys:
                    if k and (known is None or k in known):
                        return (
                            known[k]
                            if known
                            else str(
                                row.get("account") if not _na(row.get("account")) else row["handle"]
                            ).lstrip("@")
                        )
    if known:
        counts = posts["account"].astype(str).value_counts()
        return str(counts.index[0])
    return None


def _agenda_items(
    agenda: Any, centre_posts: pd.DataFrame, lang: str | None
) -> dict[str, list[str]]:
    if (
        agenda is None
        or (isinstance(agenda, str) and not agenda.strip())
        or (isinstance(agenda, (list, tuple)) and not agenda)
    ):
        camp = centre_posts["campaign"].dropna().astype(str)
        camp = camp[camp.str.strip() != ""]
        items = [str(c) for c in camp.unique()]
        if not items:
            raise ParameterError(t("governance.no_agenda", lang))
        return {c: [c] for c in items}
    if isinstance(agenda, str):
        agenda = [a.strip() for a in agenda.split(",") if a.strip()]
    if isinstance(agenda, Mapping):
        out = {}
        for k, v in agenda.items():
            words = [v] if isinstance(v, str) else list(v)
            out[str(k)] = [str(w) for w in words if str(w).strip()] or [str(k)]
        return out
    return {str(a): [str(a)] for a in agenda}


def _prepare_match(posts: pd.DataFrame) -> dict[str, pd.Series]:
    """Lower-cased campaign/category and space-padded lower-cased text, computed once."""
    out = {}
    for col in ("campaign", "category"):
        if col in posts:
            out[col] = posts[col].astype("str").str.strip().str.lower()
    if "text" in posts:
        out["text"] = " " + posts["text"].astype("str").fillna("").str.lower() + " "
    return out


_SPACE = "[ \t\n\r]*"
_EDGE = "[^0-9a-z_]"


def _matches(prepared: dict[str, pd.Series], index: pd.Index, words: list[str]) -> pd.Series:
    """Posts whose campaign/category equals one of ``words`` or whose text names one.

    The text pattern avoids look-arounds, ``\\s`` and ``\\w`` so that pyarrow's regex
    engine runs it (about 50 times faster than Python's on a million posts).
    """
    hit = pd.Series(False, index=index)
    low = [w.strip().lower() for w in words if w.strip()]
    for col in ("campaign", "category"):
        if col in prepared:
            hit |= prepared[col].isin(low).fillna(False).astype(bool)
    if "text" in prepared and low:
        alts = [_SPACE.join(re.escape(part) for part in w.split()) for w in low]
        # a campaign name also matches its hashtag written as one word (#HUTSukamaju80)
        alts += ["#" + re.escape(re.sub(r"[^0-9a-z]+", "", w)) for w in low if " " in w]
        pattern = "[^0-9a-z_#]#?(?:" + "|".join(alts) + ")" + _EDGE
        hit |= prepared["text"].str.contains(pattern, regex=True, na=False).astype(bool)
    return hit


def agenda_amplification(
    posts: pd.DataFrame,
    *,
    centre: str | Sequence[str],
    agenda: Any = None,
    window_hours: float = 48,
    accounts: Sequence[str] | None = None,
    lead_minutes: float = 60,
    on_missing: str = "raise",
    lang: str | None = None,
) -> pd.DataFrame:
    """Which unit accounts carried each agenda item of the central account, and how fast.

    For every post of the ``centre`` account that belongs to an agenda item, a unit account
    carried it when it posted on the same item within ``window_hours`` after it (a post up
    to ``lead_minutes`` before counts too: a coordinated release, delay 0).

    Parameters
    ----------
    posts : DataFrame
        The ``posts`` table of all accounts (``campaign``, ``category``, ``text`` are used).
    centre : str or list of str
        The central account name(s) in ``posts["account"]`` (see :func:`central_account`).
    agenda : None, str, list or dict
        None: every campaign of the centre's posts. A list (or comma-separated text) of
        campaign or category values or keywords/hashtags. A dict ``{item: [keywords]}``.
    window_hours : float
        How long after the centre's post a unit post still counts (default 48).
    accounts : list of str, optional
        The unit accounts to report (default: every other account in ``posts``); listed
        accounts without posts appear as not carrying anything.
    on_missing : {"raise", "empty"}
        When the centre is unknown or no agenda item is found: raise (default) or return
        an empty table whose ``attrs["note"]`` says why (for reports that go on).

    Returns
    -------
    DataFrame
        One row per agenda item x unit account: ``agenda``, ``account``, ``centre_posts``,
        ``carried_posts`` (centre posts the unit carried in time), ``carried`` (at least
        one), ``share`` (carried / centre posts), ``delay_hours`` (median delay of the
        carried posts), ``fastest_hours``.

    Raises
    ------
    ParameterError
        Unknown centre account, bad window, or no agenda item found.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "instagram",
    ...     "account": ["pusat", "dinkes", "dishub"], "post_id": ["1", "2", "3"],
    ...     "published_at": ["2025-08-17 01:00+00", "2025-08-17 07:00+00", "2025-08-25 01:00+00"],
    ...     "post_type": "feed", "campaign": ["HUT RI", "HUT RI", "HUT RI"]})
    >>> amp = agenda_amplification(posts, centre="pusat")
    >>> amp[["account", "carried", "delay_hours"]].to_dict("records")
    [{'account': 'dinkes', 'carried': True, 'delay_hours': 6.0}, {'account': 'dishub', 'carried': False, 'delay_hours': nan}]
    """
    if on_missing not in ("raise", "empty"):
        raise ParameterError(t("governance.bad_on_missing", lang, value=on_missing))
    if on_missing == "empty":
        try:
            return agenda_amplification(
                posts,
                centre=centre,
                agenda=agenda,
                window_hours=window_hours,
                accounts=accounts,
                lead_minutes=lead_minutes,
                lang=lang,
            )
        except ParameterError as exc:
            if "window" in str(exc).lower() or "jendela" in str(exc).lower():
                raise
            out = _empty_amplification()
            out.attrs["note"] = str(exc)
            return out
    if centre is None or (isinstance(centre, str) and not centre.strip()):
        raise ParameterError(t("governance.no_centre", lang))
    p = schema.validate(posts, "posts", lang=lang)
    try:
        window = float(window_hours)
    except (TypeError, ValueError):
        window = float("nan")
    if not window > 0:
        raise ParameterError(t("governance.bad_window", lang, value=window_hours))
    centres = [centre] if isinstance(centre, str) else list(centre)
    ckeys = {_key(c) for c in centres if _key(c)}
    akey = _keys(p["account"])
    if not ckeys or not akey.isin(ckeys).any():
        known = ", ".join(sorted(p["account"].dropna().astype(str).unique())[:12])
        raise ParameterError(t("governance.unknown_centre", lang, value=centre, known=known))
    is_centre = akey.isin(ckeys)
    p = p.assign(_t=p["published_at"].dt.tz_convert("UTC").dt.tz_localize(None))
    cp = p[is_centre]
    up = p[~is_centre]
    items = _agenda_items(agenda, cp, lang)
    if accounts is None:
        units = [str(a) for a in up["account"].dropna().astype("str").unique()]
    else:
        units = [str(a).lstrip("@") for a in accounts if _key(a) not in ckeys]
    unit_key = {_key(u): u for u in units}
    lead = pd.Timedelta(minutes=float(lead_minutes))
    win = pd.Timedelta(hours=window)
    rows = []
    c_prep, u_prep = _prepare_match(cp), _prepare_match(up)
    for item, words in items.items():
        c_times = cp.loc[_matches(c_prep, cp.index, words), "_t"].sort_values().to_numpy()
        u_sel = up[_matches(u_prep, up.index, words)]
        u_times = {
            k: g["_t"].sort_values().to_numpy() for k, g in u_sel.groupby(_keys(u_sel["account"]))
        }
        n_c = int(len(c_times))
        lead64, win64 = lead.to_timedelta64(), win.to_timedelta64()
        hour = np.timedelta64(1, "h").astype("timedelta64[us]")
        for uk, uname in unit_key.items():
            times = u_times.get(uk)
            delays = np.array([], dtype=float)
            if times is not None and len(times) and n_c:
                pos = times.searchsorted(c_times - lead64)
                inside = pos < len(times)
                first = times[np.minimum(pos, len(times) - 1)]
                ok = inside & (first <= c_times + win64)
                delays = np.maximum(0.0, (first[ok] - c_times[ok]) / hour)
            rows.append(
                {
                    "agenda": item,
                    "account": uname,
                    "centre_posts": n_c,
                    "carried_posts": len(delays),
                    "carried": bool(len(delays)),
                    "share": (len(delays) / n_c) if n_c else float("nan"),
                    "delay_hours": float(np.median(delays)) if len(delays) else float("nan"),
                    "fastest_hours": float(delays.min()) if len(delays) else float("nan"),
                }
            )
    return _amplification_frame(rows)


_AMP_COLUMNS = [
    "agenda",
    "account",
    "centre_posts",
    "carried_posts",
    "carried",
    "share",
    "delay_hours",
    "fastest_hours",
]


def _amplification_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows of :func:`agenda_amplification` as a table with its column types."""
    out = pd.DataFrame(rows, columns=_AMP_COLUMNS)
    out = out.astype(
        {
            "agenda": "str",
            "account": "str",
            "centre_posts": "Int64",
            "carried_posts": "Int64",
            "carried": "boolean",
        }
    )
    for c in _AMP_COLUMNS[5:]:
        out[c] = out[c].astype(float).round(2)
    return out


def _empty_amplification() -> pd.DataFrame:
    return _amplification_frame([])


def amplification_matrix(amp: pd.DataFrame, *, value: str = "delay_hours") -> pd.DataFrame:
    """Unit accounts x agenda items from :func:`agenda_amplification`.

    ``value`` is ``"delay_hours"`` (NA = not carried), ``"carried"`` or ``"share"``.

    Examples
    --------
    >>> import pandas as pd
    >>> amp = pd.DataFrame({"agenda": ["A", "B"], "account": ["u", "u"],
    ...     "carried": [True, False], "delay_hours": [2.0, float("nan")], "share": [1.0, 0.0]})
    >>> amplification_matrix(amp, value="carried").loc["u"].tolist()
    [True, False]
    """
    if value not in ("delay_hours", "carried", "share", "fastest_hours", "carried_posts"):
        raise ParameterError(t("governance.bad_matrix_value", None, value=value))
    out = amp.pivot(index="account", columns="agenda", values=value)
    out = out.reindex(
        index=list(dict.fromkeys(amp["account"])), columns=list(dict.fromkeys(amp["agenda"]))
    )
    out.columns.name = "agenda"
    if value == "carried":
        out = out.astype("boolean")
    return out


def amplification_summary(amp: pd.DataFrame) -> pd.DataFrame:
    """Per unit account: agenda items and central posts carried, median delay; weakest first.

    Returns
    -------
    DataFrame
        ``account``, ``items_carried``, ``items``, ``share_carried`` (of items),
        ``posts_share`` (of all the centre's agenda posts, when ``carried_posts`` is
        given), ``median_delay_hours``; sorted by ``posts_share`` (else ``share_carried``).

    Examples
    --------
    >>> import pandas as pd
    >>> amp = pd.DataFrame({"agenda": ["A", "B", "A", "B"], "account": ["u", "u", "v", "v"],
    ...     "carried": [True, False, True, True], "delay_hours": [2.0, None, 5.0, 1.0]})
    >>> amplification_summary(amp)[["account", "items_carried", "items"]].values.tolist()
    [['u', 1, 2], ['v', 2, 2]]
    """
    g = amp.assign(c=amp["carried"].fillna(False).astype(bool)).groupby("account", sort=False)
    out = pd.DataFrame(
        {
            "items": g.size(),
            "items_carried": g["c"].sum(),
            "median_delay_hours": g["delay_hours"].median(),
        }
    )
    out["share_carried"] = (out["items_carried"] / out["items"]).round(3)
    sort = ["share_carried"]
    if {"carried_posts", "centre_posts"} <= set(amp.columns):
        posts = g[["carried_posts", "centre_posts"]].sum()
        total = posts["centre_posts"].astype(float)
        out["posts_share"] = (posts["carried_posts"].astype(float) / total.where(total > 0)).round(
            3
        )
        sort = ["posts_share", "share_carried"]
    out = out.reset_index()
    out = out.astype({"account": "str", "items": "Int64", "items_carried": "Int64"})
    out["median_delay_hours"] = out["median_delay_hours"].astype(float).round(1)
    out = out.sort_values(
        [*sort, "median_delay_hours"],
        ascending=[True] * len(sort) + [False],
        ignore_index=True,
        na_position="first",
    )
    cols = ["account", "items_carried", "items", "share_carried"]
    cols += ["posts_share"] if "posts_share" in out else []
    return out[[*cols, "median_delay_hours"]]


# ---------------------------------------------------------------------------------------
# Security checklist
# ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _checklist() -> pd.DataFrame:
    return _read_csv("security_checklist.csv")


_DONE_TRUE = {"ya", "y", "yes", "true", "1", "sudah", "done", "selesai", "ok", "✓", "✔", "v"}
_DONE_FALSE = {"tidak", "no", "n", "false", "0", "belum", "not done", "not_done", "✗", "x"}


def _done_value(v: Any, key: str, lang: str | None) -> Any:
    if _na(v) or (isinstance(v, str) and not v.strip()):
        return pd.NA
    if isinstance(v, bool):
        return v
    low = str(v).strip().lstrip("'").strip().lower()
    if low in ("", "-", "–", "?", "na", "n/a"):
        return pd.NA
    if low in _DONE_TRUE:
        return True
    if low in _DONE_FALSE:
        return False
    raise ParameterError(t("governance.bad_done", lang, item=key, value=v))


def security_checklist(
    lang: str | None = None,
    reviewed: Mapping[str, Any] | pd.DataFrame | None = None,
    *,
    today: Any = None,
    review_days: int | None = None,
) -> pd.DataFrame:
    """The admins' security checklist with each item's status and date of last review.

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language of the items.
    reviewed : dict or DataFrame, optional
        What the team ticked: ``{key: date}`` (done, reviewed that day),
        ``{key: (done, date)}`` or a table with ``key``, ``done`` and ``last_review``
        (as returned by :func:`humaskit.io.inventory.read_checklist`).
    today : date-like, optional
        Reference day for ``due`` (default: the current date).
    review_days : int, optional
        An item not reviewed for this many days is due (default: rule
        ``checklist_review_days``, 180).

    Returns
    -------
    DataFrame
        ``key``, ``area``, ``item``, ``why``, ``how``, ``done`` (True/False/NA),
        ``last_review`` (date), ``due`` (never reviewed, not done, or reviewed too long ago).

    Examples
    --------
    >>> c = security_checklist("en", reviewed={"two_factor_app": "2025-06-01"},
    ...                        today="2025-09-30")
    >>> row = c.set_index("key").loc["two_factor_app"]
    >>> bool(row["done"]), bool(row["due"]), bool(c.set_index("key").loc["phishing", "due"])
    (True, False, True)
    """
    from .i18n import resolve

    code = resolve(lang)
    base = _checklist()
    out = pd.DataFrame(
        {
            "key": base["key"],
            "area": base["area"].map(lambda a: t(f"governance.area.{a}", code)),
            "item": base[f"item_{code}"],
            "why": base[f"why_{code}"],
            "how": base[f"how_{code}"],
        }
    ).astype("str")
    done = dict.fromkeys(out["key"], pd.NA)
    last = dict.fromkeys(out["key"], pd.NaT)
    if reviewed is not None:
        if isinstance(reviewed, pd.DataFrame):
            if "key" not in reviewed.columns:
                raise ParameterError(t("governance.checklist_table", code))
            entries = {}
            for rec in reviewed.to_dict("records"):
                entries[str(rec["key"]).strip()] = (
                    rec.get("done", pd.NA),
                    rec.get("last_review", pd.NaT),
                )
        elif isinstance(reviewed, Mapping):
            entries = {}
            for k, v in reviewed.items():
                if isinstance(v, (tuple, list)):
                    entries[str(k).strip()] = tuple(v)
                elif isinstance(v, bool) or v is None:
                    entries[str(k).strip()] = (v, pd.NaT)
                else:
                    entries[str(k).strip()] = (True, v)
        else:
            raise ParameterError(t("governance.checklist_table", code))
        for k, (d, when) in entries.items():
            if k not in done:
                raise ParameterError(
                    t("governance.unknown_item", code, item=k, known=", ".join(out["key"]))
                )
            done[k] = _done_value(d, k, code)
            if not _na(when) and str(when).strip():
                try:
                    last[k] = pd.Timestamp(when).normalize()
                except (TypeError, ValueError):
                    raise ParameterError(
                        t("governance.bad_review_date", code, item=k, value=when)
                    ) from None
                if last[k].tzinfo is not None:
                    last[k] = last[k].tz_localize(None)
    ref = _today(today, None, code)
    days = review_days if review_days is not None else default_rules()["checklist_review_days"]
    out["done"] = pd.Series([done[k] for k in out["key"]], dtype="boolean")
    out["last_review"] = pd.Series([last[k] for k in out["key"]], dtype="datetime64[us]")
    age = (ref - out["last_review"]).dt.days
    out["due"] = (
        out["done"].fillna(False).eq(False) | out["last_review"].isna() | (age > (days or 0))
    ).astype("boolean")
    return out


# ---------------------------------------------------------------------------------------
# Exercise checker and plot
# ---------------------------------------------------------------------------------------


def check_name(
    name: str,
    *,
    platform: str | None = None,
    others: Sequence[str] = (),
    rules: Mapping[str, Any] | None = None,
    lang: str | None = None,
):
    """Check a proposed display name the way the audit would, with feedback for a learner.

    Parameters
    ----------
    name : str
        The proposed display name.
    platform : str, optional
        The platform, for its length limit.
    others : list of str
        Names of the institution's other accounts, to check abbreviation consistency.

    Returns
    -------
    humaskit.teaching.Feedback
        ``correct`` and a ``message`` in plain language.

    Examples
    --------
    >>> check_name("Dinas Kesehatan Kota Contoh", others=["Dinas Pendidikan Kota Contoh"],
    ...            lang="en").correct
    True
    >>> print(check_name("Dinkes Kota Contoh", others=["Dinas Pendidikan Kota Contoh",
    ...       "Dinas Kesehatan Hewan"], lang="en"))  # doctest: +ELLIPSIS
    ❌ ...abbreviation 'Dinkes' while other accounts write 'Dinas Kesehatan'...
    """
    from .teaching.core import Feedback

    if _na(name) or not str(name).strip():
        return Feedback(False, t("governance.exercise.empty", lang))
    name = str(name).strip()
    r = resolve_rules(rules, lang=lang)
    parts = _formality_issues(name, _informal_words(), r.get("caps_min_letters") or 8, lang)
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
    if parts:
        return Feedback(False, t("governance.exercise.fix", lang, issues="; ".join(parts)))
    return Feedback(True, t("governance.exercise.good", lang, name=name))


def check_two_factor_method(answer: Any, *, lang: str | None = None):
    """Check the learner's choice of the safest two-factor method: ``sms``, ``email`` or ``aplikasi``.

    Examples
    --------
    >>> check_two_factor_method("sms", lang="en").correct, check_two_factor_method("Aplikasi").correct
    (False, True)
    """
    from .teaching.core import Feedback

    low = " ".join(str(answer).strip().lower().split()) if not _na(answer) else ""
    if low in (
        "aplikasi",
        "app",
        "aplikasi autentikator",
        "authenticator",
        "authenticator app",
        "kunci keamanan",
        "security key",
        "kunci",
        "key",
    ):
        return Feedback(True, t("governance.exercise.2fa_right", lang))
    if low in ("sms", "pesan singkat", "text", "text message"):
        return Feedback(False, t("governance.exercise.2fa_sms", lang))
    if low in ("email", "e-mail", "surel", "surat elektronik"):
        return Feedback(False, t("governance.exercise.2fa_email", lang))
    return Feedback(False, t("governance.exercise.2fa_unknown", lang, answer=answer))


def plot_scorecard(audit: pd.DataFrame, *, ax=None, lang: str | None = None):
    """Heatmap of units x checks: the share of each unit's accounts passing each check.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["A", "B"], "platform": "x", "handle": ["a", "b"],
    ...     "display_name": ["Dinas A", "Dinas B"], "two_factor": [False, True]})
    >>> ax = plot_scorecard(audit_accounts(acc, today="2025-01-01"), lang="en")
    >>> ax.get_title()
    'Share of accounts passing each check'
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    sc = scorecard(audit, lang=lang)
    data = sc.astype(float).rename(columns=lambda c: _check_label(c, lang))
    if ax is None:
        width = max(6.0, 0.55 * data.shape[1] + 3)
        height = max(2.5, 0.4 * data.shape[0] + 1.8)
        _, ax = plt.subplots(figsize=(width, height))
    sns.heatmap(
        data,
        ax=ax,
        vmin=0,
        vmax=1,
        cmap="RdYlGn",
        annot=data.shape[0] <= 25,
        fmt=".0%",
        cbar=False,
        linewidths=0.5,
        linecolor="white",
    )
    ax.set_title(t("governance.plot.title", lang))
    ax.set_xlabel("")
    ax.set_ylabel(t("governance.col.unit", lang))
    ax.tick_params(axis="x", labelrotation=45)
    for lab in ax.get_xticklabels():
        lab.set_horizontalalignment("right")
    return ax
