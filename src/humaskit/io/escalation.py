"""Files of the complaint-handling SOP: the escalation list out, the routing table in.

- :func:`write_escalation` writes the overdue list (from
  :func:`humaskit.evaluation.overdue`) as an xlsx to send to the head of office: a sheet
  per unit with the oldest first, a summary sheet, and the rule used. Every text cell
  passes :func:`humaskit.io.safe.neutralize` (a comment starting with ``=`` cannot run as
  a formula) and the authors were already pseudonymised by ``overdue``.
- :func:`read_routing` reads a team's own routing table (CSV or xlsx with ``keyword``,
  ``unit`` and optionally ``topic``; Indonesian headers ``kata kunci``, ``unit kerja``,
  ``topik`` accepted).

Examples
--------
>>> import tempfile, pathlib
>>> import pandas as pd
>>> p = pathlib.Path(tempfile.mkdtemp()) / "rute.csv"
>>> _ = p.write_text("kata kunci,unit kerja\\nlubang,Dinas PU\\n", encoding="utf-8")
>>> read_routing(p).values.tolist()
[['lubang', 'lubang', 'Dinas PU']]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import ParameterError
from ..i18n import label, t
from .bundles import _canonical, read_table_file
from ..files.safe import write_xlsx

__all__ = ["write_escalation", "read_routing"]

_SHEET_BAD = "[]:*?/\\"


def _sheet(name: str, used: set[str]) -> str:
    clean = "".join("_" if c in _SHEET_BAD else c for c in str(name))[:31] or "unit"
    base, n = clean, 2
    while clean in used:
        suffix = f" ({n})"
        clean = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(clean)
    return clean


def write_escalation(
    late: pd.DataFrame,
    path: str | Path,
    *,
    summary: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Path:
    """Write the escalation list (overdue mentions) as an xlsx, safely.

    Parameters
    ----------
    late : DataFrame
        :func:`humaskit.evaluation.overdue` (oldest first).
    path : str or Path
        Where to write (``.xlsx``).
    summary : DataFrame, optional
        :func:`humaskit.evaluation.responsiveness` per unit, shown on the first sheet.

    Returns
    -------
    Path
        The file written.
    """
    from ..evaluation.display import for_display

    used: set[str] = set()
    sheets: dict[str, pd.DataFrame] = {}
    limit = late.attrs.get("limit_hours", 24)
    now = late.attrs.get("now", "")
    rule = pd.DataFrame(
        {
            label("rule", lang): [
                t("evaluation.xlsx_rule", lang, limit=f"{limit:g}", now=now),
                t("evaluation.xlsx_privacy", lang),
            ]
        }
    )
    sheets[_sheet(t("evaluation.xlsx_rule_sheet", lang), used)] = rule
    if summary is not None and len(summary):
        sheets[_sheet(t("evaluation.xlsx_summary_sheet", lang), used)] = _labelled(
            for_display(summary, lang=lang), lang
        )
    view = for_display(late, lang=lang)
    sheets[_sheet(t("evaluation.xlsx_all_sheet", lang), used)] = _labelled(view, lang)
    if "unit" in view.columns:
        for unit, part in view.groupby("unit", sort=True, observed=True):  # unit names as given
            sheets[_sheet(str(unit), used)] = _labelled(part.drop(columns="unit"), lang)
    return write_xlsx(sheets, path)


def _labelled(df: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    out = df.reset_index(drop=True).copy()
    out.columns = [label(str(c), lang) for c in out.columns]
    return out


def read_routing(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read a routing table file into ``keyword, topic, unit`` (checked).

    Raises
    ------
    ParameterError
        The file lacks a keyword or unit column (naming the file).
    """
    from ..evaluation.responsiveness import routing_table

    df = _canonical(read_table_file(path, lang=lang), ("keyword", "topic", "unit"))
    for col in ("keyword", "unit"):
        if col not in df.columns:
            raise ParameterError(
                t("evaluation.routing_column", lang, file=Path(path).name, column=col)
            )
    if "topic" not in df.columns:
        df["topic"] = df["keyword"]
    return routing_table(
        df[["keyword", "topic", "unit"]].dropna(subset=["keyword", "unit"]), lang=lang
    )
