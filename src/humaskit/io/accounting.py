"""The per-file accounting of an import: what was read, what was not, and why."""

from __future__ import annotations

import os
from collections import Counter

import pandas as pd

from ..i18n import resolve, t
from .core import Import, Workspace

__all__ = ["FAILED_KINDS", "failures", "import_report"]

FAILED_KINDS = ("unsupported", "damaged")


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
