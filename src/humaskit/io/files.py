"""Open any export file: compression, container, encoding, delimiter, title lines, tables.

What is recognised here (by content, never by the file name):

- gzip-compressed files (``.csv.gz``, by their magic bytes);
- xlsx workbooks (zip with ``xl/workbook.xml``), read with openpyxl;
- SpreadsheetML ".xls" files that are really XML (old Facebook Insights exports);
- text tables: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM
  (recognised by its zero bytes), else Windows-1252; delimiter from a ``sep=`` first line
  or the one that splits the first lines most consistently (``,`` ``;`` tab ``|``).

Small files (up to 256 KB) are parsed exactly with the csv module. Bigger text tables take
a fast path: pandas' C parser, in chunks (columns a reader does not need are dropped chunk
by chunk), UTF-8 files of 32 MB or more as two halves on two threads (split at a line
break outside quotes). A row with more cells than the header, or a file that does not end
with a line break, sends the file to the exact reader (pyarrow, quoted line breaks allowed),
which skips and numbers each bad row. On the fast path a row with fewer cells than the
header is kept with its missing trailing cells empty.

Row numbers (``row`` in :attr:`humaskit.io.Import.skipped`) count records as a spreadsheet
shows them: the first record of the file (a ``sep=`` line, a title or the header) is
row 1, and a text cell with line breaks stays one row. In workbooks it is the sheet row.

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
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DamagedFile, UnsupportedFile
from ..i18n import t

__all__ = ["Source", "TableSpec", "Grid", "open_source", "read_grid", "READ_ERRORS"]

HEAD_BYTES = 256 * 1024
_CHUNK_ROWS = 200_000  # big files are parsed in chunks; unneeded columns dropped per chunk
_SPLIT_BYTES = 32 << 20  # UTF-8 files at least this big are parsed as two halves at once
HEAD_RECORDS = 60
_DELIMS = (",", ";", "\t", "|")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_GZIP_MAGIC = b"\x1f\x8b"
SPREADSHEETML_NS = "urn:schemas-microsoft-com:office:spreadsheet"


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

    @property
    def name(self) -> str:
        return self.path.name

    def records(self, sheet: str = "") -> list[list[str]]:
        """Every record of a text file (or the rows of a sheet), cells as text."""
        if self.container != "text":
            return [[("" if c is None else c) for c in row] for row in self.sheets[sheet]]
        if self.complete:
            return self.head
        return list(_csv_records(_text_stream(self), self.delimiter))


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
    try:
        head.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _decode_head(raw: bytes, encoding: str, complete: bool) -> str:
    dec = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = dec.decode(raw, final=complete)
    if not complete:
        cut = max(text.rfind("\n"), 0)
        text = text[:cut]
    return text


def _csv_records(lines: Iterable[str], delimiter: str) -> Iterable[list[str]]:
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    yield from reader


def _text_stream(src: Source) -> io.TextIOBase:
    raw = _open_binary(src.path, src.compression)
    return io.TextIOWrapper(raw, encoding=src.encoding, errors="replace", newline="")


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
    size = path.stat().st_size
    with open(path, "rb") as fh:
        magic = fh.read(4)
    compression = "gzip" if magic.startswith(_GZIP_MAGIC) else None
    try:
        with _open_binary(path, compression) as fh:
            head = fh.read(HEAD_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
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
    text = _decode_head(head, encoding, complete)
    stripped = text.lstrip("\ufeff \r\n\t")
    if stripped.startswith("<?xml") or stripped.startswith("<Workbook"):
        if SPREADSHEETML_NS in text[:5000]:
            return _open_spreadsheetml(path, compression, encoding, size, lang)
        raise UnsupportedFile(t("io.not_table", lang, file=path.name, what="XML"))
    if stripped[:15].lower().startswith(("<!doctype html", "<html")):
        raise UnsupportedFile(t("io.not_table", lang, file=path.name, what="HTML"))
    if "\x00" in text or _binary_share(text) > 0.05:
        raise UnsupportedFile(t("io.binary", lang, file=path.name))
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    delimiter = _pick_delimiter(lines)
    try:
        head_records = list(_csv_records(io.StringIO(text, newline=""), delimiter))
    except csv.Error as exc:
        raise DamagedFile(t("io.damaged", lang, file=path.name, what=_why(exc))) from None
    src = Source(
        path=path,
        container="text",
        compression=compression,
        encoding=encoding,
        delimiter=delimiter,
        head=head_records,
        complete=complete,
        size=size,
    )
    src.tables = find_tables(head_records)
    return src


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
    text = raw.decode(encoding, errors="replace").lstrip("\ufeff")
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


# --------------------------------------------------------------------------- data rows


def read_grid(
    src: Source,
    spec: TableSpec,
    positions: list[int],
    *,
    text_positions: Iterable[int] = (),
    skip_below: int = 0,
    lang: str | None = None,
) -> Grid:
    """Read the data rows under ``spec`` keeping the columns at ``positions``.

    Parameters
    ----------
    positions : list of int
        Header positions to keep (the grid's columns).
    text_positions : iterable of int
        Columns to keep as text (ids, text, times); others may come back as numbers.
    skip_below : int
        Records under the header that are not data (description rows), left out.
    """
    positions = sorted(set(positions))
    if src.container != "text" or src.complete:
        return _grid_from_records(src, spec, positions, skip_below, lang)
    grid = _grid_pandas(src, spec, positions, skip_below)
    if grid is None:  # ragged or blank rows: read again, exactly, to number them
        grid = _grid_arrow(src, spec, positions, set(text_positions), skip_below, lang)
    return grid


def _ends_with_newline(src: Source) -> bool:
    if src.compression:
        return True  # cannot look at the end cheaply; a cut gzip stream fails to read anyway
    with open(src.path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(size - 4, 0))
        tail = fh.read()
    return tail.endswith(b"\n") or tail.endswith(b"\n\x00") or tail.endswith(b"\r")


class _ByteRange(io.RawIOBase):
    """A read-only view of bytes ``[begin, stop)`` of a file (for parsing halves)."""

    def __init__(self, path: Path, begin: int, stop: int | None):
        self._fh = open(path, "rb")  # noqa: SIM115 (closed in close())
        self._fh.seek(begin)
        self._left = None if stop is None else stop - begin

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001
        want = len(buffer)
        if self._left is not None:
            want = min(want, self._left)
        data = self._fh.read(want)
        buffer[: len(data)] = data
        if self._left is not None:
            self._left -= len(data)
        return len(data)

    def close(self) -> None:
        self._fh.close()
        super().close()


def _split_point(src: Source) -> int | None:
    """A byte offset near the middle of a UTF-8 text file where a record starts.

    A line break is a record boundary when the number of ``"`` before it is even (quotes
    come in pairs in well-formed CSV, doubled quotes included). None when not applicable.
    """
    if src.compression or src.encoding not in ("utf-8", "utf-8-sig"):
        return None
    mid = src.size // 2
    quotes = 0
    with open(src.path, "rb") as fh:
        pos = 0
        while pos < mid:
            block = fh.read(min(8 << 20, mid - pos))
            if not block:
                return None
            quotes += block.count(b'"')
            pos += len(block)
        while True:
            block = fh.read(1 << 20)
            if not block:
                return None
            i = 0
            while True:
                j = block.find(b"\n", i)
                if j < 0:
                    quotes += block.count(b'"', i)
                    break
                quotes += block.count(b'"', i, j)
                if quotes % 2 == 0:
                    return pos + j + 1 if pos + j + 1 < src.size else None
                i = j + 1
            pos += len(block)


def _read_part(
    src: Source, begin: int, stop: int | None, skip: int, width: int, keep: list[int]
) -> list[pd.DataFrame] | None:
    """Parse bytes ``[begin, stop)`` in chunks, keeping the columns ``keep`` (None: too wide)."""
    parts: list[pd.DataFrame] = []
    handle = _ByteRange(src.path, begin, stop) if src.compression is None else None
    try:
        reader = pd.read_csv(
            io.BufferedReader(handle) if handle is not None else src.path,
            sep=src.delimiter,
            skiprows=skip,
            header=None,
            na_filter=False,
            skip_blank_lines=False,
            on_bad_lines="warn",
            encoding=None if src.encoding in ("utf-8", "utf-8-sig") else src.encoding,
            compression=src.compression,
            engine="c",
            chunksize=_CHUNK_ROWS,
        )
        with reader:
            for chunk in reader:
                if chunk.shape[1] > width:
                    extra = chunk.iloc[:, width:]
                    if any((extra[c].astype("str") != "").any() for c in extra.columns):
                        return None
                parts.append(chunk[[p for p in keep if p in chunk.columns]])
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError):
        return None
    finally:
        if handle is not None:
            handle.close()
    return parts


def _release_memory() -> None:
    """Give back what parsing freed (columns not kept), so later steps start lower."""
    import gc

    import pyarrow as pa

    gc.collect()
    pa.default_memory_pool().release_unused()
    try:  # glibc keeps freed memory; ask it to return it (Linux only, harmless elsewhere)
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _concat_chunks(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Join chunks; a column read as numbers in one chunk and text in another becomes text."""
    from .numbers import _as_text

    if len(parts) == 1:
        return parts[0]
    for col in parts[0].columns:
        kinds = {str(p[col].dtype) for p in parts}
        if len(kinds) > 1 or kinds == {"object"}:
            for p in parts:
                p[col] = _as_text(p[col]).fillna("")
    return pd.concat(parts, ignore_index=True)


def _grid_pandas(
    src: Source, spec: TableSpec, positions: list[int], skip_below: int
) -> Grid | None:
    """Fast path for big, well-formed text tables (pandas' C parser).

    Every column is read (so that pandas checks the number of cells of each row) and the
    unneeded ones are dropped at once. A row with too many cells, or a file that does not
    end with a line break (its last row may be cut), hands over to the exact (slower)
    reader, which numbers the bad rows. A row with fewer cells than the header is kept, its
    missing trailing cells empty. Blank lines are read as rows and dropped, so the row
    numbers stay exact.
    """
    import warnings

    if not _ends_with_newline(src):
        return None
    width = spec.width or len(spec.header)
    keep = sorted(set(positions))
    split = _split_point(src) if src.size >= _SPLIT_BYTES else None
    pieces: list = [(0, split, spec.header_row + 1 + skip_below)]
    if split is not None:
        pieces.append((split, None, 0))
    results: list = [None] * len(pieces)

    def parse(i: int) -> None:
        begin, stop, skip = pieces[i]
        results[i] = _read_part(src, begin, stop, skip, width, keep)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if len(pieces) == 1:
            parse(0)
        else:  # pandas' tokenizer releases the GIL: two halves on two threads
            import threading

            worker = threading.Thread(target=parse, args=(1,))
            worker.start()
            parse(0)
            worker.join()
    if any("Skipping line" in str(w.message) or "expected" in str(w.message) for w in caught):
        return None
    if any(r is None for r in results):
        return None
    parts = [chunk for r in results for chunk in r]
    if not parts:
        return None
    frame = _concat_chunks(parts)
    del parts
    results.clear()
    _release_memory()
    frame = frame[[p for p in positions if p in frame.columns]]
    for p in positions:
        if p not in frame.columns:
            frame[p] = ""
    n = len(frame)
    first = spec.header_row + 2 + skip_below
    rows = np.arange(first, first + n, dtype="int64")
    nblank = 0
    text_cols = [p for p in frame.columns if not pd.api.types.is_numeric_dtype(frame[p].dtype)]
    if len(text_cols) == frame.shape[1]:  # a numeric column means there is no blank row
        blank = np.ones(n, dtype=bool)
        for p in text_cols:
            blank &= (frame[p].astype("str") == "").to_numpy(dtype=bool, na_value=True)
        nblank = int(blank.sum())
        if nblank:
            frame = frame.loc[~blank].reset_index(drop=True)
            rows = rows[~blank]
    # Empty cells stay "" here (no copy of big text columns); readers treat "" as missing.
    return Grid(frame, rows, [], nblank)


def _grid_from_records(
    src: Source, spec: TableSpec, positions: list[int], skip_below: int, lang: str | None
) -> Grid:
    records = src.records(spec.sheet)
    width = spec.width or len(spec.header)
    start = spec.header_row + 1 + skip_below
    data_rows: list[list[str | None]] = []
    numbers: list[int] = []
    skipped: list[tuple[int, str]] = []
    blank = 0
    last = len(records) - 1
    for k in range(start, len(records)):
        rec = records[k]
        rowno = k + 1
        if not _filled(rec):
            blank += 1
            continue
        if len(rec) != width:
            extra = rec[width:]
            if len(rec) > width and not any(str(c or "").strip() for c in extra):
                rec = rec[:width]
            elif len(rec) < width and src.container != "text":
                rec = list(rec) + [None] * (width - len(rec))
            else:
                skipped.append((rowno, _ragged_reason(len(rec), width, k == last, lang)))
                continue
        data_rows.append([rec[p] if p < len(rec) else None for p in positions])
        numbers.append(rowno)
    frame = pd.DataFrame(index=pd.RangeIndex(len(data_rows)))
    for j, p in enumerate(positions):
        col = pd.Series([r[j] for r in data_rows], dtype="str")
        frame[p] = col.where(col.str.strip() != "")
    return Grid(frame, np.asarray(numbers, dtype="int64"), skipped, blank)


def _grid_arrow(
    src: Source,
    spec: TableSpec,
    positions: list[int],
    text_positions: set[int],
    skip_below: int,
    lang: str | None,
) -> Grid:
    import pyarrow as pa
    import pyarrow.csv as pcsv

    width = spec.width or len(spec.header)
    names = [f"c{i}" for i in range(width)]
    keep = [f"c{p}" for p in positions]
    skip = spec.header_row + 1 + skip_below
    encoding = src.encoding or "utf-8"
    if encoding in ("utf-8", "utf-8-sig"):
        encoding = "utf8"

    def run(threads: bool, all_text: bool):
        invalid: list[tuple[int | None, int]] = []

        def handler(row):  # noqa: ANN001
            invalid.append((row.number, row.actual_columns))
            return "skip"

        types = {f"c{p}": pa.string() for p in positions if all_text or p in text_positions}
        stream = pa.input_stream(str(src.path), compression=src.compression)
        try:
            table = pcsv.read_csv(
                stream,
                read_options=pcsv.ReadOptions(
                    use_threads=threads,
                    skip_rows=skip,
                    column_names=names,
                    encoding=encoding,
                    block_size=4 << 20,
                ),
                parse_options=pcsv.ParseOptions(
                    delimiter=src.delimiter,
                    newlines_in_values=True,
                    ignore_empty_lines=False,
                    invalid_row_handler=handler,
                ),
                convert_options=pcsv.ConvertOptions(
                    include_columns=keep,
                    column_types=types,
                    null_values=[""],
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=True,
                ),
            )
        finally:
            stream.close()
        return table, invalid

    all_text = False
    try:
        try:
            table, invalid = run(True, all_text)
        except pa.ArrowInvalid as exc:
            if "conversion" not in str(exc).lower():
                raise
            all_text = True
            table, invalid = run(True, all_text)
        if invalid and any(num is None for num, _ in invalid):
            # row numbers are only known when reading on one thread (rare: ragged rows)
            table, invalid = run(False, all_text)
    except READ_ERRORS() as exc:
        raise DamagedFile(t("io.damaged", lang, file=src.name, what=_why(exc))) from None
    n = table.num_rows
    first = skip + 1  # row number of the first data record
    if invalid:
        bad_numbers = np.array(sorted(num for num, _ in invalid), dtype="int64")
        allrows = np.arange(first, first + n + len(bad_numbers), dtype="int64")
        rows = np.setdiff1d(allrows, bad_numbers, assume_unique=True)
    else:
        rows = np.arange(first, first + n, dtype="int64")
    frame = pd.DataFrame(index=pd.RangeIndex(n))
    for p in positions:
        col = table.column(f"c{p}")
        frame[p] = col.to_pandas()
        table = table.drop_columns([f"c{p}"])
    del table
    # blank records (ignored, not data rows): every kept cell empty
    empty = np.ones(n, dtype=bool)
    for p in positions:
        s = frame[p]
        if isinstance(s.dtype, pd.StringDtype) or s.dtype == "str":
            empty &= (s.isna() | (s == "")).to_numpy(dtype=bool, na_value=True)
        else:
            empty &= s.isna().to_numpy()
    blank = int(empty.sum())
    if blank:
        frame = frame.loc[~empty].reset_index(drop=True)
        rows = rows[~empty]
    last_row = first + n + len(invalid) - 1
    skipped = [
        (int(num), _ragged_reason(actual, width, num == last_row, lang)) for num, actual in invalid
    ]
    return Grid(frame, rows, sorted(skipped), blank)


def _ragged_reason(actual: int, width: int, last: bool, lang: str | None) -> str:
    if last and actual < width:
        return t("io.row_cut", lang, cells=actual, expected=width)
    return t("io.row_ragged", lang, cells=actual, expected=width)
