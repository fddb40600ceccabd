"""Read the data rows of a table found by :mod:`humaskit.io.files` into a :class:`Grid`.

Small files (up to 256 KB) are parsed exactly with the csv module. Bigger UTF-8 text
tables whose every record has the header's number of cells are read by pyarrow's
streaming reader, only the needed columns converted (:mod:`humaskit.io.fastcsv`). Other
big text tables take pandas' C parser, in chunks (columns a reader does not need are
dropped chunk by chunk), UTF-8 files of 32 MB or more as two halves on two threads (split
at a line break outside quotes). A row with more cells than the header, or a file that
does not end with a line break, sends the file to the exact reader (pyarrow, quoted line
breaks allowed),
which skips and numbers each bad row. On the fast path a row with fewer cells than the
header is kept with its missing trailing cells empty; the exact reader does the same for
a row missing at most a quarter of its cells (Meta writes old posts without the columns
added since), and skips shorter ones as broken.

Bytes that are not valid in the file's encoding, and NUL bytes, are handled the same at any
size: a big file holding any is first copied, decoded with the bad bytes replaced by
``\ufffd`` and the NUL bytes removed (both counted in the file's notes), and the copy is
read. A quote that is opened and never closed swallows the lines after it into one cell;
such a row is skipped with the text lines it took (``baris teks 7-10``), never kept.

Row numbers (``row`` in :attr:`humaskit.io.Import.skipped`) count records as a spreadsheet
shows them: the first record of the file (a ``sep=`` line, a title or the header) is
row 1, and a text cell with line breaks stays one row. In workbooks it is the sheet row.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import shutil
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DamagedFile
from ..i18n import t
from .fastcsv import arrow_ready, ends_with_newline, grid_fast, release_memory
from .files import (
    READ_ERRORS,
    REPLACE,
    Grid,
    Source,
    TableSpec,
    _filled,
    _open_binary,
    _why,
    replaced_bytes,
    text_damage_notes,
)

__all__ = ["read_grid"]


# --------------------------------------------------------------------------- data rows

_CHUNK_ROWS = 200_000  # big files are parsed in chunks; unneeded columns dropped per chunk
_SPLIT_BYTES = 32 << 20  # UTF-8 files at least this big are parsed as two halves at once


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
    texts = set(text_positions)
    clean = src
    try:
        nul, src.newlines = _scan_bytes(src)
        if nul:
            clean = _repaired(src, lang)
        try:
            grid = _grid_big(clean, spec, positions, texts, skip_below, lang, clean is src)
        except _Undecodable:
            clean = _repaired(src, lang)
            grid = _grid_big(clean, spec, positions, texts, skip_below, lang, False)
    except (EOFError, zlib.error, OSError) as exc:
        if src.compression and not isinstance(exc, PermissionError):
            raise DamagedFile(t("io.gzip_cut", lang, file=src.name)) from None
        raise DamagedFile(t("io.damaged", lang, file=src.name, what=_why(exc))) from None
    finally:
        if clean is not src:
            shutil.rmtree(clean.path.parent, ignore_errors=True)
    if clean is not src:
        src.notes.extend(n for n in clean.notes if n not in src.notes)
    return grid


class _Undecodable(Exception):
    """A byte that is not valid in the file's encoding (read a repaired copy instead)."""


_UNDECODABLE = object()
_BLOCK = 16 << 20
_BYTE_TEXT = ("utf-8", "utf-8-sig", "cp1252", "latin-1")  # NUL is never part of a character


def _grid_big(
    src: Source,
    spec: TableSpec,
    positions: list[int],
    texts: set[int],
    skip_below: int,
    lang: str | None,
    check: bool,
) -> Grid:
    grid = None
    if arrow_ready(src, check):
        grid = grid_fast(src, spec, positions, texts, skip_below)
    if grid is None:
        grid = _grid_pandas(src, spec, positions, skip_below)
    if grid is None:  # ragged or blank rows: read again, exactly, to number them
        if check and not _decodes(src):  # pyarrow must not meet a bad byte
            raise _Undecodable
        grid = _grid_arrow(src, spec, positions, texts, skip_below, lang)
    return _drop_swallowed(src, spec, grid, lang)


def _drop_swallowed(src: Source, spec: TableSpec, grid: Grid, lang: str | None) -> Grid:
    """Skip rows of a big file whose text cell swallowed whole records (a quote left open
    that happened to leave the right number of cells), naming how many lines it took."""
    import re

    records = spec.header_row + 1 + len(grid.frame) + len(grid.skipped) + grid.blank
    if src.newlines is not None and src.newlines <= records:
        return grid  # no record spans two lines: nothing can have been swallowed
    width = spec.width or len(spec.header)
    least = max(3, (width - 1) // 2)
    d = src.delimiter
    shapes: set | None = None  # (of the first cells of the records, when needed)
    bad = lines = None  # (allocated at the first swallowing cell)
    looks = f"\n(?:[^\n]*{re.escape(d)}){{{least}}}"  # a line inside a cell, many delimiters
    # Line breaks inside the cells of the grid: when every one the file holds beyond its
    # records' own is found, the columns left hold none (they need no look).
    inside = None if src.newlines is None else src.newlines - records
    texts = [p for p in grid.frame.columns if not pd.api.types.is_numeric_dtype(grid.frame[p])]
    multis: dict = {}
    for p in sorted(texts, key=lambda p: -_text_bytes(grid.frame[p])):  # long texts first
        if inside is not None and inside <= 0:
            break
        breaks = _count(grid.frame[p], "\n")
        multis[p] = breaks > 0
        if inside is not None:
            inside -= int(breaks.sum())
    for p in texts:
        multi = multis.pop(p, None)
        if multi is None or not multi.any():
            continue
        col = grid.frame[p]
        text = col.astype("str")
        # the pattern needs a line break and at least `least` delimiters: test it only on
        # the (few) cells holding both
        look = multi & ~bad if bad is not None else multi
        if not look.any():
            continue
        at = np.flatnonzero(look)
        # (counting in every cell reads the bytes in place; picking the cells copies them)
        many = (_count(text, d)[at] if 4 * len(at) > len(text) else _count(text[look], d)) >= least
        where = at[many]
        if not len(where):
            continue
        sub = np.zeros(len(text), dtype=bool)
        sub[where] = True
        has = text[sub].str.contains(looks, regex=True)
        for i in where[has.to_numpy(dtype=bool, na_value=False)]:
            cell = str(col.iat[i])
            inner = cell.splitlines()[1:]
            if shapes is None:
                shapes = {_shape(r[0]) for r in src.head[spec.header_row + 1 :] if r}
            if any(ln.count(d) >= least and _shape(ln.split(d, 1)[0]) in shapes for ln in inner):
                if bad is None:
                    bad = np.zeros(len(grid.frame), dtype=bool)
                    lines = np.zeros(len(grid.frame), dtype="int64")
                bad[i] = True
                lines[i] = cell.count("\n") + 1
    if bad is None or not bad.any():
        return grid
    skipped = [
        (int(r), t("io.row_quote_lines", lang, n=int(n)))
        for r, n in zip(grid.rows[bad], lines[bad], strict=True)
    ]
    frame = grid.frame.loc[~bad].reset_index(drop=True)
    return Grid(frame, grid.rows[~bad], sorted(grid.skipped + skipped), grid.blank)


def _count(col: pd.Series, sub: str) -> np.ndarray:
    """How many times the character ``sub`` is in each cell of a text column (0 for a
    missing cell). An ASCII character is counted in the bytes themselves (numpy, chunk by
    chunk: a character of another script never holds an ASCII byte in UTF-8)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = getattr(col.array, "_pa_array", None)
    if arr is None:
        arr = pa.chunked_array(
            [pa.array(col.astype("str"), type=pa.large_string(), from_pandas=True)]
        )
    if len(sub) != 1 or ord(sub) > 127 or arr.type not in (pa.large_string(), pa.string()):
        return np.asarray(pc.fill_null(pc.count_substring(arr, sub), 0))
    out = []
    for chunk in arr.chunks:
        width = "int64" if chunk.type == pa.large_string() else "int32"
        offsets = np.frombuffer(chunk.buffers()[1], dtype=width)
        offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1].astype("int64")
        counts = np.zeros(len(chunk), dtype="int64")
        data = chunk.buffers()[2]
        if data is not None and len(chunk) and offsets[-1] > offsets[0]:
            text = np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]
            hits = np.flatnonzero(text == ord(sub)) + offsets[0]
            cell = np.searchsorted(offsets, hits, side="right") - 1
            counts = np.bincount(cell, minlength=len(chunk)).astype("int64")
        if chunk.null_count:
            counts[~chunk.is_valid().to_numpy(zero_copy_only=False)] = 0
        out.append(counts)
    return np.concatenate(out) if out else np.zeros(0, dtype="int64")


def _text_bytes(col: pd.Series) -> int:
    """Bytes of text in a column (pyarrow-backed: from its buffers, nothing read)."""
    arr = getattr(col.array, "_pa_array", None)
    if arr is not None:
        return int(arr.nbytes)
    return 0


def _scan_bytes(src: Source) -> tuple[bool, int | None]:
    """Does a big 8-bit or UTF-8 text file hold NUL bytes, and how many line breaks?
    (one fast pass over the bytes; ``(False, None)`` for other encodings)"""
    if src.encoding not in _BYTE_TEXT:
        return False, None
    nul, newlines = False, 0
    if src.compression is None:
        import mmap

        with open(src.path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            nul = mm.find(b"\x00") >= 0
            data = np.frombuffer(mm, dtype=np.uint8)
            for i in range(0, len(data), _BLOCK):
                newlines += int(np.count_nonzero(data[i : i + _BLOCK] == 10))
            del data
        return nul, newlines
    with _open_binary(src.path, src.compression) as fh:
        while block := fh.read(_BLOCK):
            nul = nul or b"\x00" in block
            newlines += block.count(b"\n")
    return nul, newlines


def _decodes(src: Source) -> bool:
    """Is the whole file valid in its encoding?"""
    dec = codecs.getincrementaldecoder(src.encoding or "utf-8")()
    try:
        with _open_binary(src.path, src.compression) as fh:
            while block := fh.read(_BLOCK):
                dec.decode(block)
            dec.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _repaired(src: Source, lang: str | None) -> Source:
    """A UTF-8 copy of a big text file: bad bytes replaced (counted), NUL bytes removed
    (counted), same records and line breaks; the copy's notes say what was done."""
    folder = Path(tempfile.mkdtemp(prefix="humaskit-text-"))
    out = folder / src.path.name
    dec = codecs.getincrementaldecoder(src.encoding or "utf-8")(errors=REPLACE)
    replaced_bytes()
    nul = 0
    try:
        with (
            _open_binary(src.path, src.compression) as fin,
            open(out, "w", encoding="utf-8", newline="") as fout,
        ):
            while True:
                block = fin.read(_BLOCK)
                text = dec.decode(block, final=not block)
                if "\x00" in text:
                    nul += text.count("\x00")
                    text = text.replace("\x00", "")
                fout.write(text)
                if not block:
                    break
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    bad = replaced_bytes()
    return dataclasses.replace(
        src,
        path=out,
        compression=None,
        encoding="utf-8",
        size=out.stat().st_size,
        notes=text_damage_notes(bad, nul, lang),
    )


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
    except UnicodeDecodeError:
        return _UNDECODABLE  # type: ignore[return-value]
    except (pd.errors.ParserError, ValueError):
        return None
    finally:
        if handle is not None:
            handle.close()
    return parts


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

    if not ends_with_newline(src):
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
    if any(r is _UNDECODABLE for r in results):
        raise _Undecodable
    if any(r is None for r in results):
        return None
    parts = [chunk for r in results for chunk in r]
    if not parts:
        return None
    frame = _concat_chunks(parts)
    del parts
    results.clear()
    release_memory()
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
        lines = _merged_lines(src, k, rec, width)
        if lines is not None:
            skipped.append((rowno, t("io.row_quote", lang, first=lines[0], last=lines[1])))
            continue
        if len(rec) != width:
            extra = rec[width:]
            if len(rec) > width and not any(str(c or "").strip() for c in extra):
                rec = rec[:width]
            elif len(rec) < width and (src.container != "text" or 4 * len(rec) >= 3 * width):
                # a row missing only its last cells (Meta leaves out columns added after
                # an old post was made) is kept with them empty
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


def _merged_lines(src: Source, k: int, rec: list, width: int) -> tuple[int, int] | None:
    """The first and last text line of record ``k`` when a quote left open in it swallowed
    the lines after it, else None.

    Swallowed: a cell holds a line break and the delimiter and the record has the wrong
    number of cells, or a line inside a cell reads like a record of its own (half as many
    delimiters as the header, and a first cell shaped like the neighbours' first cells).
    """
    if src.container != "text" or k >= len(src.lines):
        return None
    first = (src.lines[k - 1] if k else 0) + 1
    last = src.lines[k]
    if last <= first:
        return None
    d = src.delimiter
    cells = [c for c in rec if isinstance(c, str) and "\n" in c and d in c]
    if not cells:
        return None
    if len(rec) != width:
        return first, last
    least = max(3, (width - 1) // 2)
    near = [src.head[j] for j in (k - 1, k + 1) if 0 <= j < len(src.head) and src.head[j]]
    shapes = {_shape(r[0]) for r in near}
    for c in cells:
        for line in c.splitlines()[1:]:
            if line.count(d) >= least and _shape(line.split(d, 1)[0]) in shapes:
                return first, last
    return None


def _shape(text: str) -> str:
    """``x`` -> ``a``, ``1190000000007919`` -> ``9``, ``k000005`` -> ``a9``."""
    import re

    text = re.sub(r"[^\W\d_]+", "a", str(text).strip().strip('"'))
    return re.sub(r"[0-9]+", "9", text)


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
            merged = row.text.count("\n") if src.delimiter in row.text else 0
            invalid.append((row.number, row.actual_columns, merged))
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
        if invalid and any(num is None for num, _, _ in invalid):
            # row numbers are only known when reading on one thread (rare: ragged rows)
            table, invalid = run(False, all_text)
    except READ_ERRORS() as exc:
        raise DamagedFile(t("io.damaged", lang, file=src.name, what=_why(exc))) from None
    n = table.num_rows
    first = skip + 1  # row number of the first data record
    if invalid:
        bad_numbers = np.array(sorted(num for num, _, _ in invalid), dtype="int64")
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
        (
            int(num),
            t("io.row_quote_lines", lang, n=merged + 1)
            if merged
            else _ragged_reason(actual, width, num == last_row, lang),
        )
        for num, actual, merged in invalid
    ]
    return Grid(frame, rows, sorted(skipped), blank)


def _ragged_reason(actual: int, width: int, last: bool, lang: str | None) -> str:
    if last and actual < width:
        return t("io.row_cut", lang, cells=actual, expected=width)
    return t("io.row_ragged", lang, cells=actual, expected=width)
