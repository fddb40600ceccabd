"""Safe writing of tables people open in Excel or share: formulas neutralised.

A cell whose text begins with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return)
can run as a formula when the file is opened in a spreadsheet (CSV/formula injection).
:func:`neutralize` prefixes such text with an apostrophe so it is shown, never run.
Every writer in :mod:`humaskit.io` passes its tables through it.

Examples
--------
>>> import pandas as pd
>>> neutralize(pd.DataFrame({"t": ["=HYPERLINK(\\"http://x\\")", "halo", "-5 jam"],
...                          "n": [1, 2, 3]}))["t"].tolist()
['\\'=HYPERLINK("http://x")', 'halo', "'-5 jam"]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["neutralize", "neutralize_text", "write_csv", "write_xlsx"]

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_text(value: object) -> object:
    """Return ``value`` with a leading apostrophe if it is text that could run as a formula."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def neutralize(data: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``data`` whose text cells cannot run as spreadsheet formulas.

    Numbers stay numbers (a negative number is not text and is left alone); column
    names are neutralised too.
    """
    out = data.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_string_dtype(s.dtype) or s.dtype == object:
            mask = s.astype("str").str.startswith(_DANGEROUS).fillna(False).astype(bool)
            mask &= s.map(lambda v: isinstance(v, str)).astype(bool)
            if mask.any():
                out[col] = s.astype("object").where(~mask, "'" + s.astype("str"))
    out.columns = [neutralize_text(str(c)) for c in out.columns]
    return out


def _naive(df: pd.DataFrame) -> pd.DataFrame:
    """Excel cannot hold time zones: show times as they are (already localised)."""
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
    return out


def write_csv(data: pd.DataFrame, path: str | Path) -> Path:
    """Write ``data`` as UTF-8 CSV (with BOM so Excel shows Indonesian text) safely."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralize(data).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def write_xlsx(sheets: dict[str, pd.DataFrame] | pd.DataFrame, path: str | Path) -> Path:
    """Write one or more tables to an xlsx workbook, neutralised, with readable columns.

    Parameters
    ----------
    sheets : DataFrame or dict of {sheet name: DataFrame}
        Sheet names longer than 31 characters are cut (an Excel limit).
    path : str or Path
        Where to write; parent folders are created.
    """
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(sheets, pd.DataFrame):
        sheets = {"data": sheets}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, df in sheets.items():
            sheet = str(name)[:31] or "data"
            _naive(neutralize(df)).to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDEBF7")
            for i, col in enumerate(df.columns, start=1):
                lengths = df[col].head(200).dropna().astype("str").str.len()
                sample = int(lengths.max()) if len(lengths) else 0
                width = min(60, max(10, len(str(col)) + 2, sample + 2))
                ws.column_dimensions[get_column_letter(i)].width = width
    return path
