"""The per-file accounting of an import: what was read, what was not, and why.

Rows: ``rows_in_file == imported + skipped`` for every file (:func:`import_report`).
Values: every cell the readers emptied, rounded or replaced, and every byte replaced or
removed while decoding, is in a note of its file; :func:`changed_values` counts them from
those notes (:data:`VALUE_NOTES`), for ``humaskit impor`` and the report's data section.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from functools import lru_cache

import pandas as pd

from ..i18n import resolve, t
from .core import Import, Workspace

__all__ = [
    "FAILED_KINDS",
    "VALUE_NOTES",
    "failures",
    "import_report",
    "changed_values",
    "shown_notes",
]

FAILED_KINDS = ("unsupported", "damaged")

#: Notes (i18n keys) saying that values of a file were emptied, rounded, replaced or removed.
VALUE_NOTES = (
    "io.note_bad_numbers",
    "io.note_bad_values",
    "io.note_bad_times",
    "io.note_rounded",
    "io.note_too_big",
    "io.note_negative",
    "io.note_time_range",
    "io.note_unknown_values",
    "io.note_values_left_out",
    "io.note_bad_bytes",
    "io.note_nul",
)
#: Notes that only say where the account came from (``humaskit impor`` shows it apart).
_ACCOUNT_NOTES = ("io.note_account_from", "io.note_account_unknown")


@lru_cache(maxsize=64)
def _pattern(key: str, lang: str) -> re.Pattern:
    """A regular expression matching the note ``key`` whatever its values (``n`` kept)."""
    out = []
    for part in re.split(r"(\{[a-z_]+\})", t(key, lang)):
        if part == "{n}":
            out.append(r"(?P<n>[0-9][0-9.,]*)")
        elif part.startswith("{") and part.endswith("}"):
            out.append(".*?")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out) + "$", re.S)


def _count_of(key: str, match: re.Match) -> int:
    if key == "io.note_unknown_values":  # "a (3), b (1)"
        return sum(int(n) for n in re.findall(r"\((\d+)\)", match.group(0))) or 1
    return int(re.sub(r"[.,]", "", match.group("n")))


def changed_values(
    ws_or_imports: Workspace | list[Import] | Import, lang: str | None = None
) -> list[tuple[str, str, int]]:
    """Every note saying values were emptied, rounded or replaced: (file, note, values).

    Examples
    --------
    >>> from humaskit import schema
    >>> imp = Import(path="a.csv", platform="x", kind="posts", table=schema.empty("posts"),
    ...              rows_in_file=0, notes=["Column likes: 2 values with a fraction were rounded."])
    >>> changed_values(imp, lang="en")
    [('a.csv', 'Column likes: 2 values with a fraction were rounded.', 2)]
    """
    lang = resolve(lang)
    out = []
    for imp in _imports(ws_or_imports):
        for note in imp.notes:
            for key in VALUE_NOTES:
                m = _pattern(key, lang).match(note)
                if m:
                    out.append((os.path.basename(imp.path), note, _count_of(key, m)))
                    break
    return out


def shown_notes(imp: Import, lang: str | None = None) -> list[str]:
    """The notes of a file ``humaskit impor`` prints (all but where the account came from).

    Examples
    --------
    >>> from humaskit import schema
    >>> imp = Import(path="a.csv", platform="x", kind="posts", table=schema.empty("posts"),
    ...              rows_in_file=0, notes=["Account 'a' was taken from the folder."])
    >>> shown_notes(imp, lang="en")
    []
    """
    lang = resolve(lang)
    if imp.kind in FAILED_KINDS:
        return []
    return [n for n in imp.notes if not any(_pattern(k, lang).match(n) for k in _ACCOUNT_NOTES)]


def _imports(ws_or_imports: Workspace | list[Import] | Import) -> list[Import]:
    if isinstance(ws_or_imports, Import):
        return [ws_or_imports]
    if isinstance(ws_or_imports, Workspace):
        return ws_or_imports.imports
    return list(ws_or_imports)


def failures(ws_or_imports: Workspace | list[Import]) -> list[Import]:
    """The files that could not be imported (kind ``unsupported`` or ``damaged``).

    Examples
    --------
    >>> failures([])
    []
    """
    imports = ws_or_imports.imports if isinstance(ws_or_imports, Workspace) else ws_or_imports
    return [i for i in imports if i.kind in FAILED_KINDS]


def _reasons(imp: Import, lang: str | None) -> str:
    if imp.kind in FAILED_KINDS:
        return imp.notes[0] if imp.notes else ""
    if not len(imp.skipped):
        return ""
    counts = Counter(imp.skipped["reason"].astype(str))
    parts = [f"{why} ({n})" for why, n in counts.most_common(3)]
    if len(counts) > 3:
        parts.append(t("common.and_more", lang, n=len(counts) - 3))
    return "; ".join(parts)


def import_report(
    ws_or_imports: Workspace | list[Import] | Import, lang: str | None = None
) -> pd.DataFrame:
    """Per file: platform, kind, account and how it was assigned, rows in the file,
    imported, skipped and why (translated column names).

    Examples
    --------
    >>> from humaskit import schema
    >>> imp = Import(path="/data/x/a.csv", platform="x", kind="daily",
    ...              table=schema.empty("daily"), rows_in_file=0)
    >>> import_report([imp], lang="id").iloc[0, :3].tolist()
    ['a.csv', 'x', 'harian']
    """
    lang = resolve(lang)
    if isinstance(ws_or_imports, Import):
        imports = [ws_or_imports]
    elif isinstance(ws_or_imports, Workspace):
        imports = ws_or_imports.imports
    else:
        imports = list(ws_or_imports)
    paths = [i.path for i in imports]
    try:
        common = os.path.commonpath([os.path.dirname(p) for p in paths]) if paths else ""
    except ValueError:
        common = ""
    rows = []
    for imp in imports:
        name = os.path.relpath(imp.path, common) if common else os.path.basename(imp.path)
        how = imp.account_source
        rows.append(
            {
                "file": name,
                "platform": imp.platform,
                "kind": t(f"io.kind.{imp.kind}", lang),
                "account": imp.account,
                "account_source": t(f"io.account_source.{how}", lang) if how else "",
                "rows_in_file": imp.rows_in_file,
                "imported": imp.imported,
                "skipped": len(imp.skipped),
                "reason": _reasons(imp, lang),
            }
        )
    cols = [
        "file",
        "platform",
        "kind",
        "account",
        "account_source",
        "rows_in_file",
        "imported",
        "skipped",
        "reason",
    ]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("rows_in_file", "imported", "skipped"):
        out[c] = out[c].astype("int64")
    for c in ("file", "platform", "kind", "account", "account_source", "reason"):
        out[c] = out[c].astype("str")
    out.columns = [t(f"io.report.{c}", lang) for c in cols]
    return out
