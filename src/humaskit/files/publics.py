"""Read an institution's publics table (CSV or Excel) for :mod:`humaskit.audience`.

Presentation layer (the kit's own files): the step checks the table
(:func:`humaskit.audience.publics_table`); this module only reads the file.

The file has one row per public and the columns of
:data:`humaskit.audience.PUBLIC_COLUMNS` (English or Indonesian headers). Lines at the top
starting with ``#`` are comments. CSV may be separated by commas or semicolons (Excel in
Indonesian settings writes semicolons) and encoded in UTF-8 (with or without BOM) or
Windows-1252. Errors name the file, the row as you see it in a text editor or in Excel,
and the column.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "publik.csv").write_text(
...     "# publik Pemkot Sukamaju\\npublik;usia_min;usia_maks;jenis_kelamin;wilayah\\n"
...     "UMKM;25;54;semua;lokal\\nPelajar;13;18;semua;lokal\\n", encoding="utf-8")
>>> read_publics(folder / "publik.csv")["public"].tolist()
['UMKM', 'Pelajar']
>>> _ = (folder / "salah.csv").write_text(
...     "public,age_min,age_max,gender,region\\nASN,25,55,semua,lokal\\nUMKM,25,54,pria?,lokal\\n")
>>> read_publics(folder / "salah.csv", lang="en")
Traceback (most recent call last):
...
humaskit.errors.SchemaError: File salah.csv, rows 3, column gender: expected all, female or male.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from ..errors import DamagedFile, DataNotFound, SchemaError, UnsupportedFile
from ..i18n import t

__all__ = ["read_publics"]

_ENCODINGS = ("utf-8-sig", "cp1252")


def _read_text(path: Path, lang: str | None) -> str:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for enc in _ENCODINGS:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DamagedFile(t("publics_io.bad_encoding", lang, name=path.name))  # pragma: no cover


def _read_csv(path: Path, lang: str | None) -> pd.DataFrame:
    text = _read_text(path, lang)
    lines = text.splitlines()
    kept = [
        (i + 1, ln) for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")
    ]
    if not kept:
        raise DamagedFile(t("publics_io.empty", lang, name=path.name))
    header_line = kept[0][1]
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    sep = max(counts, key=counts.get)
    try:
        rows = list(csv.reader([ln for _, ln in kept], delimiter=sep, skipinitialspace=True))
    except csv.Error as exc:  # pragma: no cover (csv.reader is very lenient)
        raise DamagedFile(t("publics_io.unreadable", lang, name=path.name, error=exc)) from None
    header = [h.strip() for h in rows[0]]
    for (lineno, _), row in zip(kept[1:], rows[1:], strict=True):
        extra = [v for v in row[len(header) :] if v.strip()]
        if extra:
            raise SchemaError(
                t(
                    "publics_io.too_many_fields",
                    lang,
                    name=path.name,
                    row=lineno,
                    n=len(row),
                    m=len(header),
                    sep=sep,
                )
            )
    data = [(row + [""] * len(header))[: len(header)] for row in rows[1:]]
    df = pd.DataFrame(data, columns=header, index=[n for n, _ in kept[1:]], dtype="str")
    return df


def _read_excel(path: Path, lang: str | None) -> pd.DataFrame:
    try:
        raw = pd.read_excel(path, sheet_name=0, header=None, dtype="str")
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise DamagedFile(t("publics_io.unreadable", lang, name=path.name, error=exc)) from None
    raw.index = range(1, len(raw) + 1)  # Excel row numbers
    first = raw.iloc[:, 0].astype("str").str.strip() if raw.shape[1] else pd.Series([])
    empty = raw.isna().all(axis=1)
    comment = first.str.startswith("#").fillna(False).astype(bool)
    rows = raw[~empty & ~comment]
    if rows.empty:
        raise DamagedFile(t("publics_io.empty", lang, name=path.name))
    header = rows.iloc[0]
    data = rows.iloc[1:]
    keep = [i for i, h in enumerate(header) if isinstance(h, str) and h.strip()]
    unnamed = [i for i, h in enumerate(header) if i not in keep and data.iloc[:, i].notna().any()]
    cols = [str(header.iloc[i]).strip() for i in keep]
    df = data.iloc[:, keep].copy()
    df.columns = cols
    if unnamed:
        df[f"(kolom {unnamed[0] + 1})"] = data.iloc[:, unnamed[0]]
    return df.fillna("")


def read_publics(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read and check a publics table from a CSV or Excel file.

    Parameters
    ----------
    path : str or Path
        A ``.csv``, ``.txt``, ``.tsv`` or ``.xlsx`` file with one row per public (in a
        workbook, on its first sheet).
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    DataFrame
        The checked table, as :func:`humaskit.audience.publics_table` returns it.

    Raises
    ------
    DataNotFound
        The file does not exist.
    UnsupportedFile
        Not a CSV or Excel file.
    SchemaError
        An unknown or missing column, or a bad value (naming the file, the sheet of a
        workbook, the row and the column).
    """
    from ..audience import publics_table

    path = Path(path)
    if not path.is_file():
        raise DataNotFound(t("publics_io.missing", lang, path=path))
    suffix = path.suffix.lower()
    source = path.name
    if suffix in (".csv", ".txt", ".tsv"):
        df = _read_csv(path, lang)
    elif suffix in (".xlsx", ".xlsm"):
        df = _read_excel(path, lang)
        with pd.ExcelFile(path) as book:  # errors name the sheet that was read: the first
            source = t("publics_io.where_sheet", lang, name=path.name, sheet=book.sheet_names[0])
    else:
        raise UnsupportedFile(t("publics_io.unsupported", lang, name=path.name))
    return publics_table(df, source=source, lang=lang)
