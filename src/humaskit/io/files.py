"""Open any export file: compression, container, encoding, delimiter, title lines, tables.

What is recognised here (by content, never by the file name):

- gzip-compressed files (``.csv.gz``, by their magic bytes);
- xlsx workbooks (zip with ``xl/workbook.xml``), read with openpyxl;
- SpreadsheetML ".xls" files that are really XML (old Facebook Insights exports);
- text tables: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM
  (recognised by its zero bytes), else Windows-1252; delimiter from a ``sep=`` first line
  or the one that splits the first lines most consistently (``,`` ``;`` tab ``|``).

Damage is handled the same at any size: bytes that are not valid in the file's encoding
(a UTF-8 file with a stray byte, a file cut in the middle of an emoji) are replaced by
``\ufffd`` and counted, and a few NUL bytes in a text file are removed and counted; both
counts are notes of the file (:attr:`Source.notes`). A UTF-8 file is recognised as UTF-8
even with a few bad bytes when it holds valid UTF-8 characters. Named pipes, sockets and
devices are never opened (:func:`special_kind`).

The data rows under a table are read by :mod:`humaskit.io.grid`.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "d.csv"
>>> text = 'sep=,\\n"Views"\\n"Date","Primary"\\n"2025-09-20","5"\\n'
>>> _ = p.write_bytes(text.encode("utf-16"))
>>> src = open_source(p)
>>> src.encoding, src.tables[0].title, src.tables[0].header
('utf-16', 'Views', ['Date', 'Primary'])
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import os
import re
import stat
import threading
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DamagedFile, UnsupportedFile
from ..i18n import t

__all__ = ["Source", "TableSpec", "Grid", "open_source", "READ_ERRORS", "special_kind"]

HEAD_BYTES = 256 * 1024
HEAD_RECORDS = 60
_DELIMS = (",", ";", "\t", "|")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_GZIP_MAGIC = b"\x1f\x8b"
SPREADSHEETML_NS = "urn:schemas-microsoft-com:office:spreadsheet"
#: At most this share of NUL bytes in a text file is removed (more: a binary file).
_MAX_NUL_SHARE = 0.01

# ---------------------------------------------------------------- counted replacement
_COUNTER = threading.local()


def _count_and_replace(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: replace the bad bytes by U+FFFD and count them (per thread)."""
    _COUNTER.n = getattr(_COUNTER, "n", 0) + (exc.end - exc.start)
    return "\ufffd", exc.end


REPLACE = "humaskit-count"
codecs.register_error(REPLACE, _count_and_replace)


def replaced_bytes() -> int:
    """Bytes the counting error handler replaced in this thread since the last call."""
    n = getattr(_COUNTER, "n", 0)
    _COUNTER.n = 0
    return n


def special_kind(path: str | os.PathLike) -> str | None:
    """What ``path`` is when it is not a regular file: ``"fifo"``, ``"socket"``,
    ``"device"`` (symbolic links followed), or None for a regular file.

    Such files are never opened: reading a named pipe waits forever, a device never ends.

    Examples
    --------
    >>> special_kind("/dev/null")
    'device'
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # the open that follows says why
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return "device"


def _read_errors() -> tuple[type[BaseException], ...]:
    import pyarrow as pa

    return (
        pa.ArrowInvalid,
        pa.ArrowException,
        UnicodeError,
        csv.Error,
        zipfile.BadZipFile,
        EOFError,
        gzip.BadGzipFile,
        zlib.error,
        pd.errors.ParserError,
        pd.errors.EmptyDataError,
    )


#: Low-level errors that mean "the file is damaged" (turned into DamagedFile by readers).
READ_ERRORS = _read_errors


@dataclass
class TableSpec:
    """Where one table starts in a file or sheet.

    Attributes
    ----------
    header : list of str
        The header cells.
    header_row : int
        0-based index of the header record in ``records`` of its sheet / the file.
    title : str or None
        A one-cell title line above the header (Meta daily files), if any.
    below : list of str or None
        The record under the header (to spot description rows of old Insights exports).
    sheet : str
        Sheet name for workbooks, ``""`` for text files.
    """

    header: list[str]
    header_row: int
    title: str | None = None
    below: list[str] | None = None
    sheet: str = ""
    width: int = 0  # cells in the header record, trailing empty ones included


@dataclass
class Source:
    """An opened export file (no data rows read yet except for small inputs)."""

    path: Path
    container: str  # "text", "xlsx" or "xml"
    compression: str | None = None
    encoding: str | None = None
    delimiter: str = ","
    head: list[list[str]] = field(default_factory=list)  # first records of a text file
    complete: bool = False  # head holds every record of the file
    sheets: dict[str, list[list[str | None]]] = field(default_factory=dict)
    tables: list[TableSpec] = field(default_factory=list)
    size: int = 0
    notes: list[str] = field(default_factory=list)  # what opening noticed (bad bytes, NUL)
    lines: list[int] = field(default_factory=list)  # last text line of each head record
    newlines: int | None = None  # line breaks in a big text file, once counted
    lang: str | None = None

    @property
    def name(self) -> str:
        return self.path.name

    def sample(self, spec: TableSpec, n: int = 50) -> list[list[str]]:
        """The first ``n`` records under the table's header, cells as text."""
        records = self.head if self.container == "text" else self.sheets.get(spec.sheet, [])
        rows = records[spec.header_row + 1 : spec.header_row + 1 + n]
        return [["" if c is None else str(c) for c in r] for r in rows]

    def records(self, sheet: str = "") -> list[list[str]]:
        """Every record of a text file (or the rows of a sheet), cells as text."""
        if self.container != "text":
            return [[("" if c is None else c) for c in row] for row in self.sheets[sheet]]
        if self.complete:
            return self.head
        nul = 0

        def clean(lines):
            nonlocal nul
            for line in lines:
                if "\x00" in line:
                    nul += line.count("\x00")
                    line = line.replace("\x00", "")
                yield line

        replaced_bytes()  # count this file's damaged bytes afresh (big files: counted whole here)
        out = list(_csv_records(clean(_text_stream(self)), self.delimiter))
        for note in text_damage_notes(replaced_bytes(), nul, self.lang):
            if note not in self.notes:
                self.notes.append(note)
        return out


@dataclass
class Grid:
    """The data rows of one table: selected columns as text (or numbers), row numbers.

    Attributes
    ----------
    frame : DataFrame
        Columns are header positions (int) of the columns read.
    rows : ndarray
        The row number of each frame row (see the module doc).
    skipped : list of (int, str)
        Rows dropped while reading (wrong number of cells), with the reason.
    blank : int
        Empty rows ignored (not data rows).
    """

    frame: pd.DataFrame
    rows: np.ndarray
    skipped: list[tuple[int, str]] = field(default_factory=list)
    blank: int = 0


# --------------------------------------------------------------------------- opening


def _open_binary(path: Path, compression: str | None):
    if compression == "gzip":
        return gzip.open(path, "rb")
    return open(path, "rb")


def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF32_LE) or head.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few damaged bytes (a stray byte, a cut character): still UTF-8 when
    # it holds valid UTF-8 characters and the bad bytes are few.
    text = codecs.getincrementaldecoder("utf-8")(errors=REPLACE).decode(head, final=False)
    bad = replaced_bytes()
    if re.search("[^\x00-\x7f\ufffd]", text) and bad <= max(8, len(head) // 1000):
        return "utf-8"
    try:
        head.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _decode_head(raw: bytes, encoding: str, complete: bool) -> str:
    dec = codecs.getincrementaldecoder(encoding)(errors=REPLACE)
    text = dec.decode(raw, final=complete)
    if not complete:
        cut = max(text.rfind("\n"), 0)
        text = text[:cut]
    return text


def _csv_records(
    lines: Iterable[str], delimiter: str, ends: list[int] | None = None
) -> Iterable[list[str]]:
    """csv records; with ``ends``, the last text line of each record is appended to it."""
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    if ends is None:
        yield from reader
        return
    for record in reader:
        ends.append(reader.line_num)
        yield record


def _text_stream(src: Source) -> io.TextIOBase:
    raw = _open_binary(src.path, src.compression)
    return io.TextIOWrapper(raw, encoding=src.encoding, errors=REPLACE, newline="")


def _pick_delimiter(lines: list[str]) -> str:
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) >= 5:
        return lines[0].strip()[4]
    sample = [ln for ln in lines[:20] if ln.strip()]
    best, best_score = ",", -1.0
    for d in _DELIMS:
        counts = [len(r) for r in csv.reader(sample, delimiter=d, strict=False)]
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        # Reward many columns that repeat from line to line.
        top = max(set(multi), key=multi.count)
        score = multi.count(top) * top
        if score > best_score:
            best, best_score = d, score
    return best


def open_source(path: str | Path, *, lang: str | None = None) -> Source:
    """Open ``path``: find its container, encoding, delimiter and table(s).

    Raises
    ------
    DamagedFile
        Empty or unreadable files.
    UnsupportedFile
        Files that are not tables (images, archives, old binary Excel...).
    """
    path = Path(path)
    kind = special_kind(path)
    if kind is not None:
        raise UnsupportedFile(
            t("io.special_file", lang, file=path.name, what=t(f"io.special.{kind}", lang))
        )
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except PermissionError:
        raise DamagedFile(t("io.no_permission", lang, file=path.name)) from None
    compression = "gzip" if magic.startswith(_GZIP_MAGIC) else None
    try:
        with _open_binary(path, compression) as fh:
            head = fh.read(HEAD_BYTES + 1)
    except EOFError:
        raise DamagedFile(t("io.gzip_cut", lang, file=path.name)) from None
    except (OSError, zlib.error) as exc:
        raise DamagedFile(t("io.damaged", lang, file=path.name, what=_why(exc))) from None
    complete = len(head) <= HEAD_BYTES
    head = head[:HEAD_BYTES]
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise DamagedFile(t("io.empty", lang, file=path.name))
    if head.startswith(_XLSX_MAGIC):
        return _open_xlsx(path, compression, size, lang)
    if head.startswith(_OLE_MAGIC):
        raise UnsupportedFile(t("io.old_xls", lang, file=path.name))
    encoding = _detect_encoding(head)
    replaced_bytes()
    text = _decode_head(head, encoding, complete)
    if not complete and not text.strip():  # no line break in the first 256 KB
        raise UnsupportedFile(t("io.line_too_long", lang, file=path.name, kb=HEAD_BYTES >> 10))
    bad_bytes = replaced_bytes()
    stripped = text.lstrip("\ufeff \r\n\t")
    if stripped.startswith("<?xml") or stripped.startswith("<Workbook"):
        if SPREADSHEETML_NS in text[:5000]:
            return _open_spreadsheetml(path, compression, encoding, size, lang)
        raise UnsupportedFile(t("io.not_table", lang, file=path.name, what="XML"))
    if stripped[:15].lower().startswith(("<!doctype html", "<html")):
        raise UnsupportedFile(t("io.not_table", lang, file=path.name, what="HTML"))
    nul = text.count("\x00")
    if nul > _MAX_NUL_SHARE * len(text) or _binary_share(text.replace("\x00", "")) > 0.05:
        raise UnsupportedFile(t("io.binary", lang, file=path.name))
    text = text.replace("\x00", "") if nul else text
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    delimiter = _pick_delimiter(lines)
    ends: list[int] = []
    try:
        head_records = list(_csv_records(io.StringIO(text, newline=""), delimiter, ends))
    except csv.Error as exc:
        raise DamagedFile(t("io.damaged", lang, file=path.name, what=_why(exc))) from None
    notes = []
    if complete:  # big files are counted whole when their rows are read (grid)
        notes = text_damage_notes(bad_bytes, nul, lang)
    src = Source(
        path=path,
        container="text",
        compression=compression,
        encoding=encoding,
        delimiter=delimiter,
        head=head_records,
        complete=complete,
        size=size,
        notes=notes,
        lines=ends,
        lang=lang,
    )
    src.tables = find_tables(head_records)
    return src


def text_damage_notes(bad_bytes: int, nul: int, lang: str | None) -> list[str]:
    """The notes on bytes replaced and NUL bytes removed while decoding a text file.

    Examples
    --------
    >>> print(*text_damage_notes(0, 3, "en"))
    3 NUL bytes were removed from the file's text.
    """
    out = []
    if bad_bytes:
        out.append(t("io.note_bad_bytes", lang, n=bad_bytes))
    if nul:
        out.append(t("io.note_nul", lang, n=nul))
    return out


def _binary_share(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    ctrl = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return (ctrl + sample.count("\ufffd")) / len(sample)


def _why(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return msg[:160]


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
        return text
    return str(value)


def _open_xlsx(path: Path, compression: str | None, size: int, lang: str | None) -> Source:
    from openpyxl import load_workbook

    try:
        with _open_binary(path, compression) as fh:
            data = io.BytesIO(fh.read())
        with zipfile.ZipFile(data) as zf:
            names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            raise UnsupportedFile(t("io.zip", lang, file=path.name))
        data.seek(0)
        wb = load_workbook(data, read_only=True, data_only=True)
        sheets: dict[str, list[list[str | None]]] = {}
        for ws in wb.worksheets:
            rows = []
            for row in ws.iter_rows(values_only=True):
                rows.append([_cell_text(v) for v in row])
            while rows and not any(c not in (None, "") for c in rows[-1]):
                rows.pop()
            sheets[ws.title] = rows
        wb.close()
    except UnsupportedFile:
        raise
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise DamagedFile(t("io.damaged", lang, file=path.name, what=_why(exc))) from None
    src = Source(path=path, container="xlsx", compression=compression, sheets=sheets, size=size)
    src.tables = [spec for name, rows in sheets.items() for spec in find_tables(rows, name)]
    return src


def _open_spreadsheetml(
    path: Path, compression: str | None, encoding: str, size: int, lang: str | None
) -> Source:
    import xml.etree.ElementTree as ET

    with _open_binary(path, compression) as fh:
        raw = fh.read()
    replaced_bytes()  # start counting afresh for this file
    text = raw.decode(encoding, errors=REPLACE).lstrip("\ufeff")
    bad_bytes = replaced_bytes()
    if "<!DOCTYPE" in text[:5000] or "<!ENTITY" in text:
        raise UnsupportedFile(t("io.not_table", lang, file=path.name, what="XML (DTD)"))
    # ElementTree wants bytes when the XML declaration names an encoding.
    try:
        root = ET.fromstring(text.encode("utf-8").replace(b'encoding="UTF-16"', b""))
    except ET.ParseError as exc:
        raise DamagedFile(t("io.damaged", lang, file=path.name, what=_why(exc))) from None
    ns = "{" + SPREADSHEETML_NS + "}"
    sheets: dict[str, list[list[str | None]]] = {}
    for i, ws in enumerate(root.iter(ns + "Worksheet")):
        name = ws.get(ns + "Name") or f"Sheet{i + 1}"
        rows: list[list[str | None]] = []
        for table in ws.iter(ns + "Table"):
            for row in table.iter(ns + "Row"):
                idx = row.get(ns + "Index")
                while idx and idx.isdigit() and len(rows) < int(idx) - 1:
                    rows.append([])
                cells: list[str | None] = []
                for cell in row.iter(ns + "Cell"):
                    cidx = cell.get(ns + "Index")
                    if cidx and cidx.isdigit():
                        while len(cells) < int(cidx) - 1:
                            cells.append(None)
                    data = cell.find(ns + "Data")
                    value = None if data is None else "".join(data.itertext())
                    cells.append(value)
                    across = cell.get(ns + "MergeAcross")
                    if across and across.isdigit():
                        cells.extend([None] * int(across))
                rows.append(cells)
        while rows and not any(c not in (None, "") for c in rows[-1]):
            rows.pop()
        sheets[name] = rows
    src = Source(
        path=path,
        container="xml",
        compression=compression,
        encoding=encoding,
        sheets=sheets,
        size=size,
        notes=text_damage_notes(bad_bytes, 0, lang),
    )
    src.tables = [spec for name, rows in sheets.items() for spec in find_tables(rows, name)]
    return src


# --------------------------------------------------------------------------- layout


def _filled(record: list) -> int:
    return sum(1 for c in record if c not in (None, "") and str(c).strip())


def find_tables(records: list[list], sheet: str = "") -> list[TableSpec]:
    """Find the table of ``records``: skip a ``sep=`` line and one-cell title lines.

    Returns at most one table (the first); block files (Meta audience) are read by their
    reader from :meth:`Source.records`.
    """
    i = 0
    n = len(records)
    title = None
    if n and records[0] and str(records[0][0] or "").strip().lower().startswith("sep="):
        if _filled(records[0]) == 1:
            i = 1
    while i < n:
        rec = records[i]
        filled = _filled(rec)
        if filled == 0:
            i += 1
            continue
        if filled == 1 and i + 1 < n and _filled(records[i + 1]) >= 2:
            title = str(next(c for c in rec if c not in (None, "") and str(c).strip())).strip()
            i += 1
            continue
        if filled == 1 and i + 1 < n and _filled(records[i + 1]) <= 1 and title is None:
            # one-cell lines: a single-column table (or the title of a block file)
            header = [str(c or "").strip() for c in rec]
            below = records[i + 1] if i + 1 < n else None
            return [TableSpec(header, i, None, _strs(below), sheet)]
        header = [str(c or "").strip() for c in rec]
        width = len(header)
        while header and not header[-1]:
            header.pop()
        below = records[i + 1] if i + 1 < n else None
        return [TableSpec(header, i, title, _strs(below), sheet, width)]
    return []


def _strs(record: list | None) -> list[str] | None:
    if record is None:
        return None
    return ["" if c is None else str(c) for c in record]
