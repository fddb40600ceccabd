"""Safe writing of tables people open in Excel or share: formulas neutralised.

A cell whose text begins with ``=``, ``+``, ``-``, ``@`` (or a tab, carriage return or line
feed) can run as a formula when the file is opened in a spreadsheet (CSV/formula injection).
:func:`neutralize` prefixes such text with an apostrophe so it is shown, never run. It looks
at every cell whatever the column's type: text columns (``str``, ``string[pyarrow]``),
object columns holding mixed values, categorical columns, the index and the column headers;
values that are neither text, number, date nor missing are written as their text, checked
the same way. Numbers stay numbers. Every writer of the kit's own files passes its tables
through :func:`write_csv` or :func:`write_xlsx`, which also make sheet names valid and
distinct and drop characters a workbook cannot hold.

Examples
--------
>>> import pandas as pd
>>> neutralize(pd.DataFrame({"t": ["=HYPERLINK(\\"http://x\\")", "halo", "-5 jam"],
...                          "n": [1, 2, 3]}))["t"].tolist()
['\\'=HYPERLINK("http://x")', 'halo', "'-5 jam"]
>>> neutralize(pd.DataFrame({"c": pd.Categorical(["=1+1", "ok"])}))["c"].tolist()
["'=1+1", 'ok']
"""

from __future__ import annotations

import datetime as _dt
import numbers
import re
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "FORMULA_PREFIXES",
    "neutralize",
    "neutralize_text",
    "restore_text",
    "safe_sheet_names",
    "write_csv",
    "write_xlsx",
]

#: First characters that make a spreadsheet read a cell as a formula (or start one).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_DANGEROUS = FORMULA_PREFIXES  # old private name, still imported by io.plan
# characters an xlsx file cannot hold (openpyxl refuses them): C0 controls but tab/LF/CR
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def _is_plain(value: object) -> bool:
    """Values written as themselves: missing, numbers, booleans, dates and times."""
    if value is None or isinstance(
        value, (bool, np.bool_, numbers.Number, _dt.date, _dt.time, _dt.timedelta, np.datetime64)
    ):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def neutralize_text(value: object) -> object:
    """Return ``value`` safe for a spreadsheet cell.

    Text that could run as a formula gets a leading apostrophe; numbers, dates and missing
    values are returned unchanged; anything else (bytes, lists, objects) becomes its text,
    checked the same way.

    Examples
    --------
    >>> neutralize_text("=1+1"), neutralize_text(-5), neutralize_text(["=x"])
    ("'=1+1", -5, "['=x']")
    """
    if isinstance(value, str):
        return "'" + value if value.startswith(_DANGEROUS) else value
    if _is_plain(value):
        return value
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return neutralize_text(str(value))


def restore_text(value: object) -> object:
    """Undo :func:`neutralize_text` on a cell read back from a file the kit wrote.

    Examples
    --------
    >>> restore_text("'=1+1"), restore_text("'biasa"), restore_text(5)
    ('=1+1', "'biasa", 5)
    """
    if isinstance(value, str) and len(value) > 1 and value[0] == "'":
        if value[1:].startswith(FORMULA_PREFIXES):
            return value[1:]
    return value


def _column(s: pd.Series) -> pd.Series:
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        if pd.api.types.is_numeric_dtype(
            dtype.categories.dtype
        ) or pd.api.types.is_datetime64_any_dtype(dtype.categories.dtype):
            return s
        return pd.Series(
            [neutralize_text(v) for v in s.astype(object)], index=s.index, name=s.name, dtype=object
        )
    if (
        pd.api.types.is_numeric_dtype(dtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_timedelta64_dtype(dtype)
        or isinstance(dtype, pd.PeriodDtype)
    ):
        return s
    if pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype):
        mask = s.str.startswith(_DANGEROUS).fillna(False).astype(bool)
        if not mask.any():
            return s
        return s.where(~mask, "'" + s)
    values = [neutralize_text(v) for v in s.astype(object)]
    return pd.Series(values, index=s.index, name=s.name, dtype=object)


def _labels(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_tuples(
            [tuple(neutralize_text(v) for v in tup) for tup in index], names=index.names
        )
    if pd.api.types.is_numeric_dtype(index.dtype) or pd.api.types.is_datetime64_any_dtype(
        index.dtype
    ):
        return index
    return pd.Index([neutralize_text(v) for v in index], dtype=object, name=index.name)


def neutralize(data: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``data`` whose cells cannot run as spreadsheet formulas.

    Every column is looked at whatever its type (text, object with mixed values,
    categorical); numbers stay numbers (a negative number is not text and is left alone).
    Column names become text and are neutralised, and so are the index labels.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"=x": ["@a", 1]}, index=["+i", "j"])
    >>> out = neutralize(df)
    >>> out.columns.tolist(), out.index.tolist(), out.iloc[:, 0].tolist()
    (["'=x"], ["'+i", 'j'], ["'@a", 1])
    """
    out = data.copy()
    cols = list(out.columns)
    out.columns = range(len(cols))  # positions: duplicate or odd names cannot confuse
    for i in range(len(cols)):
        out[i] = _column(out[i])
    out.columns = [neutralize_text(str(c)) for c in cols]
    out.index = _labels(out.index)
    return out


def _naive(df: pd.DataFrame) -> pd.DataFrame:
    """Excel cannot hold time zones or control characters: show times as they are
    (already localised) and replace characters a workbook cannot store."""
    out = df.copy()
    cols = list(out.columns)
    out.columns = range(len(cols))
    for i in range(len(cols)):
        s = out[i]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            out[i] = s.dt.tz_localize(None)
        elif s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            out[i] = pd.Series(
                [_xlsx_cell(v) for v in s.astype(object)], index=s.index, dtype=object
            )
    out.columns = [_xlsx_cell(c) for c in cols]
    return out


def _xlsx_cell(value: object) -> object:
    if isinstance(value, str):
        return _ILLEGAL_XLSX.sub("\ufffd", value)
    if isinstance(value, pd.Timestamp) and value.tzinfo is not None:
        return value.tz_localize(None)
    if isinstance(value, _dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def safe_sheet_names(names: list[object]) -> list[str]:
    """Valid, distinct Excel sheet names: no ``[]:*?/\\``, no control characters, no
    apostrophe at either end, at most 31 characters, never empty.

    Examples
    --------
    >>> safe_sheet_names(["a/b", "=x" * 20, "=x" * 20, ""])
    ['a_b', '=x=x=x=x=x=x=x=x=x=x=x=x=x=x=x=', '=x=x=x=x=x=x=x=x=x=x=x=x=x= (2)', 'data']
    """
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        base = _SHEET_BAD.sub("_", str(name)).strip().strip("'").strip() or "data"
        sheet = base[:31]
        k = 2
        while sheet.lower() in seen:
            suffix = f" ({k})"
            sheet = base[: 31 - len(suffix)].rstrip() + suffix
            k += 1
        seen.add(sheet.lower())
        out.append(sheet)
    return out


def write_csv(data: pd.DataFrame, path: str | Path) -> Path:
    """Write ``data`` as UTF-8 CSV (with BOM so Excel shows Indonesian text) safely.

    Lines end with CR LF, as Excel writes them; a cell holding a line break or a carriage
    return is quoted, so it cannot start a row of its own (where ``=...`` would run).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralize(data).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return path


def write_xlsx(sheets: dict[str, pd.DataFrame] | pd.DataFrame, path: str | Path) -> Path:
    """Write one or more tables to an xlsx workbook, neutralised, with readable columns.

    Parameters
    ----------
    sheets : DataFrame or dict of {sheet name: DataFrame}
        Sheet names are made valid for Excel (:func:`safe_sheet_names`: at most 31
        characters, no ``[]:*?/\\``, distinct).
    path : str or Path
        Where to write; parent folders are created.
    """
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(sheets, pd.DataFrame):
        sheets = {"data": sheets}
    names = safe_sheet_names(list(sheets))
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for sheet, df in zip(names, sheets.values(), strict=True):
            _naive(neutralize(df)).to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDEBF7")
            for i in range(df.shape[1]):
                col = df.columns[i]
                lengths = df.iloc[:, i].head(200).dropna().astype("str").str.len()
                sample = int(lengths.max()) if len(lengths) else 0
                width = min(60, max(10, len(str(col)) + 2, sample + 2))
                ws.column_dimensions[get_column_letter(i + 1)].width = width
    return path
