"""Reading a team's own days (hari jadi instansi, hari jadi daerah) from CSV or Excel.

The file has one row per day: a ``tanggal``/``date`` (``2025-08-17``, ``17/08/2025``,
``17 Agustus``) or a ``bulan``/``month`` and ``hari``/``day``, a ``nama``/``name``, and
optionally ``jenis``/``kind`` (default ``anniversary``), ``wilayah``/``region``,
``sejak``/``since`` (founding year) and ``prioritas``/``priority``. Lines starting with
``#`` are comments. Every problem is reported with the file, the line and the column.

Presentation layer (:mod:`humaskit.files`); the rows are checked by
:func:`humaskit.calendar.check_anniversaries` (core).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "hari_jadi.csv").write_text(
...     "tanggal,nama\\n2025-02-30,HUT Dinas\\n", encoding="utf-8")
>>> read_anniversaries(folder / "hari_jadi.csv", lang="en")
Traceback (most recent call last):
...
humaskit.errors.SchemaError: File hari_jadi.csv, row 2, column tanggal: '2025-02-30' is not a real date; write it like 2025-08-17, 17/08/2025 or 17 August.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from ..errors import DamagedFile, DataNotFound, UnsupportedFile
from ..i18n import resolve, t

__all__ = ["read_anniversaries", "read_table_file"]


def _decode(raw: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # pragma: no cover (latin-1 decodes every byte)


def read_table_file(path: str | Path, *, lang: str | None = None) -> tuple[pd.DataFrame, list[int]]:
    """Read a small CSV or xlsx table as text, with the line number of every row.

    Returns the table (every cell as text or, from xlsx, as the cell's value) and the
    line/row numbers as a person sees them in the file (the header is line 1 in a file
    without comment lines). Comment lines (``#``) and empty lines are skipped.
    """
    lang = resolve(lang)
    path = Path(path).expanduser()
    if not path.exists():
        raise DataNotFound(t("calfile.not_found", lang, file=str(path)))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            raw = pd.read_excel(path, sheet_name=0, header=None, dtype=object)
        except Exception as exc:  # openpyxl raises many kinds on broken files
            raise DamagedFile(t("calfile.damaged", lang, file=path.name, error=exc)) from None
        raw = raw.dropna(how="all")
        if raw.empty:
            raise DamagedFile(t("calfile.empty", lang, file=path.name))
        header = [str(v).strip() for v in raw.iloc[0]]
        body = raw.iloc[1:]
        keep = [i for i, h in enumerate(header) if h and h.lower() != "nan"]
        table = pd.DataFrame(body.iloc[:, keep].to_numpy(), columns=[header[i] for i in keep])
        rows = [int(i) + 1 for i in body.index]
        return table, rows
    if suffix not in (".csv", ".txt", ".tsv"):
        raise UnsupportedFile(t("calfile.unsupported", lang, file=path.name))
    text = _decode(path.read_bytes())
    numbered = [
        (i, line)
        for i, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        raise DamagedFile(t("calfile.empty", lang, file=path.name))
    head_line = numbered[0][1]
    delim = (
        "\t"
        if suffix == ".tsv"
        or head_line.count("\t") > max(head_line.count(","), head_line.count(";"))
        else (";" if head_line.count(";") > head_line.count(",") else ",")
    )
    parsed = [(no, next(csv.reader([line], delimiter=delim))) for no, line in numbered]
    header = [h.strip() for h in parsed[0][1]]
    records, rows = [], []
    for no, values in parsed[1:]:
        if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
            raise DamagedFile(
                t(
                    "calfile.too_many_values",
                    lang,
                    file=path.name,
                    row=no,
                    n=len(values),
                    expected=len(header),
                )
            )
        values = (values + [""] * len(header))[: len(header)]
        records.append([v.strip() for v in values])
        rows.append(no)
    table = pd.DataFrame(records, columns=header, dtype="str")
    table = table.loc[:, [c for c in table.columns if c]]
    return table, rows


def read_anniversaries(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read a team's own days from a CSV or xlsx file and check every row.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` (comma or semicolon separated, UTF-8) or ``.xlsx`` file (first sheet).
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    DataFrame
        The checked days, ready for ``humaskit.calendar.momentum(anniversaries=...)``
        (see :func:`humaskit.calendar.check_anniversaries`).

    Raises
    ------
    DataNotFound
        The file does not exist.
    SchemaError
        A bad value, naming the file, the line and the column.
    """
    from ..calendar import check_anniversaries

    table, rows = read_table_file(path, lang=lang)
    return check_anniversaries(table, source=Path(path).name, row_numbers=rows, lang=lang)
