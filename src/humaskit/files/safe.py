"""Safe writing of tables people open in Excel or share: formulas neutralised, types kept.

A cell whose text begins with ``=``, ``+``, ``-``, ``@`` (or a tab, carriage return or line
feed) can run as a formula when the file is opened in a spreadsheet (CSV/formula injection).

- In CSV, which has no cell types, :func:`neutralize` prefixes such text with an
  apostrophe so it is shown, never run (:func:`write_csv`).
- In xlsx, :func:`write_xlsx` keeps the text exactly as written (``@budi`` shows as
  ``@budi``, no visible apostrophe) and stores it as a text cell with Excel's
  *quote prefix* style, the hidden apostrophe Excel itself sets when a user types
  ``'=...``: the cell is never a formula, and stays text when someone edits it.
  :func:`unsafe_cells` lists the cells of a workbook that could still run (none).
  Numbers stay numbers with a number format, fractions named ``"pct"`` are percentages,
  dates and times stay dates and times (``17 September 2025``); see
  :data:`NUMBER_FORMATS`. Sheet names are made valid and distinct; a name longer than
  Excel's 31 characters is cut at a word and the full name written in a title row.

:func:`neutralize` looks at every cell whatever the column's type: text columns (``str``,
``string[pyarrow]``), object columns holding mixed values, categorical columns, the index
and the column headers; values that are neither text, number, date nor missing are written
as their text, checked the same way. Numbers stay numbers. Every writer of the kit's own
files passes its tables through :func:`write_csv` or :func:`write_xlsx`, which also drop
characters a workbook cannot hold. Files of older versions hold the apostrophe in the
text: :func:`restore_text` removes it when they are read back.

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
    "KINDS",
    "NUMBER_FORMATS",
    "number_format",
    "unsafe_cells",
    "neutralize",
    "neutralize_text",
    "restore_text",
    "safe_sheet_names",
    "short_sheet_names",
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


#: Excel number formats of the kinds of values a writer may name (:func:`write_xlsx`).
#: Excel shows the separators of the reader's own settings (``12.345,6`` on an Indonesian
#: Windows); dates carry the language of their month names (``[$-421]`` Indonesian).
NUMBER_FORMATS = {
    "int": "#,##0",
    "number": "#,##0.00",
    "decimal": "0.00",
    "decimal4": "0.0000",
    "hours": "#,##0.0",
    "pct": "0.0%",
    "time": "hh:mm",
}
_DATE_LOCALE = {"id": "[$-421]", "en": "[$-409]"}
KINDS = (*NUMBER_FORMATS, "date", "datetime", "text")


def number_format(kind: str, lang: str | None = None) -> str:
    """The Excel number format of a kind of value (``"pct"``, ``"date"``, ...).

    Examples
    --------
    >>> number_format("pct"), number_format("date", "id")
    ('0.0%', '[$-421]d mmmm yyyy')
    """
    from ..i18n import resolve

    if kind == "date":
        return _DATE_LOCALE[resolve(lang)] + "d mmmm yyyy"
    if kind == "datetime":
        return _DATE_LOCALE[resolve(lang)] + "d mmmm yyyy hh:mm"
    return NUMBER_FORMATS.get(kind, "General")


def _kind(s: pd.Series) -> str:
    """The kind of a column from its values: int, number, date, datetime or text."""
    dtype = s.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "text"
    if pd.api.types.is_integer_dtype(dtype):
        return "int"
    if pd.api.types.is_float_dtype(dtype):
        v = s.dropna()
        v = v[np.isfinite(v.astype(float))]
        return "int" if len(v) and bool((v == v.round()).all()) else "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        v = s.dropna()
        if isinstance(dtype, pd.DatetimeTZDtype):
            v = v.dt.tz_localize(None)
        return "date" if bool((v == v.dt.normalize()).all()) else "datetime"
    values = [v for v in s.head(500) if not _missing(v)]
    if values and all(isinstance(v, _dt.datetime | pd.Timestamp) for v in values):
        return "datetime"
    if values and all(isinstance(v, _dt.date) for v in values):
        return "date"
    if values and all(isinstance(v, _dt.time) for v in values):
        return "time"
    if values and all(
        isinstance(v, numbers.Number) and not isinstance(v, bool | np.bool_) for v in values
    ):
        return "int" if all(float(v).is_integer() for v in values) else "number"
    return "text"


def _missing(v: object) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _cell_value(v: object) -> object:
    """A value openpyxl writes as itself: numbers, dates, booleans, text (missing: None)."""
    if _missing(v):
        return None
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        f = float(v)
        return f if np.isfinite(f) else str(f)
    if isinstance(v, pd.Timestamp):
        v = v.tz_localize(None) if v.tzinfo is not None else v
        return v.to_pydatetime()
    if isinstance(v, np.datetime64):
        return pd.Timestamp(v).to_pydatetime()
    if isinstance(v, _dt.datetime):
        return v.replace(tzinfo=None) if v.tzinfo is not None else v
    if isinstance(v, _dt.date | _dt.time | _dt.timedelta):
        return v
    if isinstance(v, bytes):
        v = v.decode("utf-8", errors="replace")
    return _ILLEGAL_XLSX.sub("\ufffd", str(v))


def _put(ws: object, row: int, col: int, value: object, fmt: str | None = None) -> object:
    """Write one cell; a text that would run as a formula stays text, exactly as given.

    The cell is stored as text (never a formula) and carries Excel's "quote prefix" style,
    the hidden apostrophe Excel itself sets when a user types ``'=...``: the cell shows the
    text exactly and stays text when someone edits it.
    """
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    elif fmt and value is not None and not isinstance(value, bool):
        cell.number_format = fmt
    return cell


def short_sheet_names(names: list[object]) -> list[str]:
    """The sheet names :func:`write_xlsx` gives tables named ``names``.

    As :func:`safe_sheet_names`, but a name longer than 31 characters is cut at a word
    and marked with an ellipsis (the full name goes in a title row of the sheet).

    Examples
    --------
    >>> short_sheet_names(["Dinas Komunikasi dan Informatika", "BPBD"])
    ['Dinas Komunikasi dan…', 'BPBD']
    """
    return [n for n, _ in _short_names([str(x) for x in names])]


def _short_names(names: list[str]) -> list[tuple[str, bool]]:
    """Sheet names for ``names``: (name, shortened?); long names are cut at a word."""
    out: list[tuple[str, bool]] = []
    for name, full in zip(safe_sheet_names(names), names, strict=True):
        clean = _SHEET_BAD.sub("_", str(full)).strip().strip("'").strip() or "data"
        if len(clean) > 31 and not name.endswith(")"):
            cut = clean[:30]
            if " " in cut[10:]:
                cut = cut[: cut.rfind(" ")]
            cand = cut.rstrip(" ,.;:-") + "…"
            used = {n.lower() for n, _ in out} | {
                n.lower() for n in safe_sheet_names(names) if n != name
            }
            if cand.lower() not in used:
                name = cand
        out.append((name, name != clean))
    return out


def write_xlsx(
    sheets: dict[str, pd.DataFrame] | pd.DataFrame,
    path: str | Path,
    *,
    formats: dict[str, str] | None = None,
    lang: str | None = None,
    finish: object = None,
) -> Path:
    """Write one or more tables to an xlsx workbook: typed cells, no formula, readable columns.

    Numbers stay numbers with a number format (thousands grouped, the decimals they need),
    dates and times stay dates and times (``17 September 2025``, month names in the chosen
    language; time-zone-aware times are written as they are, so localise them first), and
    a text that starts with ``= + - @`` (or a tab or line break) is stored as text with
    Excel's quote-prefix style: it shows exactly as written and never runs as a formula.

    Parameters
    ----------
    sheets : DataFrame or dict of {sheet name: DataFrame}
        Sheet names are made valid for Excel (:func:`safe_sheet_names`: at most 31
        characters, no ``[]:*?/\\``, distinct). A longer name is cut at a word and the full
        name is written in a title row above the table (the headers move to row 2).
    path : str or Path
        Where to write; parent folders are created.
    formats : dict of {column header: kind}, optional
        The kind of a column's values where their type does not say it: ``"pct"``
        (fractions shown as percentages), ``"hours"``, ``"int"``, ``"number"``,
        ``"decimal"``, ``"decimal4"``, ``"date"``, ``"datetime"``, ``"time"`` or ``"text"``
        (:data:`NUMBER_FORMATS`). Other columns: by their values.
    lang : {"id", "en"}, optional
        Language of the month names in date formats.
    finish : callable, optional
        ``finish(book, names)`` formats the workbook further before its one save;
        ``names`` maps each given sheet name to the name written.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> df = pd.DataFrame({"share": [0.937], "text": ["@budi"], "n": [12345]})
    >>> p = write_xlsx(df, pathlib.Path(tempfile.mkdtemp()) / "x.xlsx", formats={"share": "pct"})
    >>> row = openpyxl.load_workbook(p)["data"][2]
    >>> [(c.value, c.number_format) for c in row]
    [(0.937, '0.0%'), ('@budi', 'General'), (12345, '#,##0')]
    >>> row[1].quotePrefix, row[1].data_type
    (True, 's')
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(sheets, pd.DataFrame):
        sheets = {"data": sheets}
    formats = dict(formats or {})
    keys = list(sheets)
    named = _short_names([str(k) for k in keys])
    book = Workbook()
    book.remove(book.active)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for key, (sheet, cut) in zip(keys, named, strict=True):
        df = sheets[key]
        ws = book.create_sheet(sheet)
        top = 1
        if cut:
            _put(ws, 1, 1, _cell_value(str(key))).font = Font(bold=True, size=13)
            top = 2
        cols = list(df.columns)
        for j, col in enumerate(cols, start=1):
            cell = _put(ws, top, j, _cell_value(str(col)))
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for j, col in enumerate(cols, start=1):
            s = df.iloc[:, j - 1]
            kind = formats.get(str(col)) or _kind(s)
            fmt = None if kind == "text" else number_format(kind, lang)
            values = s.tolist()
            for i, v in enumerate(values, start=top + 1):
                value = _cell_value(v)
                if kind == "text" and value is not None and not isinstance(value, str):
                    value = _cell_value(str(v)) if not isinstance(v, bool | np.bool_) else value
                _put(ws, i, j, value, fmt)
            lengths = s.head(200).dropna().astype("str").str.len()
            sample = int(lengths.max()) if len(lengths) else 0
            if kind in ("date", "datetime"):
                sample = 18 if kind == "date" else 24
            width = min(60, max(10, min(len(str(col)), 30) + 2, sample + 2))
            ws.column_dimensions[get_column_letter(j)].width = width
        ws.freeze_panes = f"A{top + 1}"
    if not keys:
        book.create_sheet("data")
    if finish is not None:
        finish(book, {k: n for k, (n, _) in zip(keys, named, strict=True)})
    book.save(path)
    return path


def unsafe_cells(path: str | Path) -> list[str]:
    """The cells of a workbook that could run as a formula (``Sheet!A1``), for checks.

    A cell is unsafe when it holds a formula, or a text starting with ``= + - @`` (or a
    tab or line break) without Excel's quote-prefix style. A workbook written by
    :func:`write_xlsx` has none.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_xlsx(pd.DataFrame({"t": ["=1+1", "@budi"]}),
    ...                pathlib.Path(tempfile.mkdtemp()) / "x.xlsx")
    >>> unsafe_cells(p)
    []
    """
    from openpyxl import load_workbook

    out = []
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" or (
                    isinstance(c.value, str)
                    and c.value.startswith(FORMULA_PREFIXES)
                    and not c.quotePrefix
                ):
                    out.append(f"{ws.title}!{c.coordinate}")
    return out
