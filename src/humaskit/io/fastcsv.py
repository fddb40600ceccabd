"""The fastest path for big, well-formed UTF-8 text tables: pyarrow's streaming CSV reader.

Used by :mod:`humaskit.io.grid` before the other paths. The file's blocks are parsed in
turn on one core, only the columns a reader needs are converted (memory: the kept cells
and a block), and every record's cells are still counted: a record with another number
of cells than the header, a blank line, a byte that is not UTF-8, or a file that does not
end with a line break hands the file over to the other paths, which number, fill or repair
such rows. The grid is the same as theirs: text columns as text, the other columns typed
as pandas' parser types them (whole numbers, decimals, True/False, else text).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .files import Grid, Source, TableSpec
from .numbers import may_be_ints, text_series

__all__ = [
    "arrow_ready",
    "grid_fast",
    "grid_of",
    "iter_batches",
    "Unstreamable",
    "ends_with_newline",
    "release_memory",
    "on_c_heap",
]

_ARROW_BLOCK = 2 << 20  # bytes per block of pyarrow's streaming reader


def arrow_ready(src: Source, check: bool) -> bool:
    """Can :func:`grid_fast` read ``src``: an uncompressed UTF-8 file, every byte valid
    (``check``: validated here, in one pass in pyarrow; else a repaired copy)."""
    if src.compression or src.encoding not in ("utf-8", "utf-8-sig"):
        return False
    if not check:
        return True
    import mmap

    import pyarrow as pa

    if src.size == 0:
        return False
    with open(src.path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        data = pa.py_buffer(mm)
        whole = pa.Array.from_buffers(
            pa.large_binary(), 1, [None, pa.py_buffer(np.array([0, len(mm)], "int64")), data]
        )
        try:
            whole.cast(pa.large_string()).validate(full=True)  # checks the UTF-8
            ok = True
        except pa.ArrowInvalid:
            ok = False
        del whole, data
    return ok


def grid_fast(
    src: Source, spec: TableSpec, positions: list[int], texts: set[int], skip_below: int
) -> Grid | None:
    """Fastest path for big, well-formed UTF-8 tables: pyarrow's streaming reader.

    Blocks of the file are parsed in turn (memory: the kept cells and one block), only
    the kept columns converted. Columns of ``texts`` stay text; the others become whole
    numbers, decimals or booleans where every cell is one, as pandas' parser reads them
    (:func:`_as_numbers`). Every record's cells are still counted: any record with
    another number of cells than the header, a blank line, or a file that does not end
    with a line break hands over to the other paths (None), which number or fill such
    rows. Records whose kept cells are all empty are dropped and counted as blank.
    """
    batches = iter_batches(src, spec, positions, skip_below, threads=False)
    if batches is None:
        return None
    try:
        every = list(batches)
    except Unstreamable:
        return None
    if not every:
        return None
    import pyarrow as pa

    table = pa.concat_tables(every)
    del every
    if not table.num_rows:
        return None
    first = spec.header_row + 2 + skip_below
    grid = grid_of(table, spec, positions, texts, first)
    del table
    release_memory(collect=False)
    return grid


class Unstreamable(Exception):
    """The file has a record the streaming reader cannot take (ragged or blank): read it
    by the other paths, which number such rows."""


def iter_batches(
    src: Source,
    spec: TableSpec,
    positions: list[int],
    skip_below: int,
    *,
    threads: bool = False,
    rows: int = 0,
):
    """The kept columns of ``src`` as pyarrow tables of at least ``rows`` records (one per
    record batch when 0), text only; None when the streaming reader cannot start.
    Iterating raises :class:`Unstreamable` at a record with another number of cells than
    the header or a blank line. ``threads``: the next table is parsed on a thread of its
    own while the caller works on one (:func:`_ahead`)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    if not ends_with_newline(src):
        return None
    width = spec.width or len(spec.header)
    names = [f"c{i}" for i in range(width)]
    keep = [f"c{p}" for p in positions if p < width]
    if not keep:
        return None
    odd: list[int] = []

    def handler(row) -> str:  # noqa: ANN001
        odd.append(1)
        return "skip"

    try:
        reader = pcsv.open_csv(
            str(src.path),
            read_options=pcsv.ReadOptions(
                use_threads=False,  # one core: as fast on a busy machine, less CPU in all
                skip_rows=spec.header_row + 1 + skip_below,
                column_names=names,
                encoding="utf8",
                block_size=_ARROW_BLOCK,
            ),
            parse_options=pcsv.ParseOptions(
                delimiter=src.delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=handler,
            ),
            convert_options=pcsv.ConvertOptions(
                include_columns=keep,
                column_types={k: pa.large_string() for k in keep},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
            memory_pool=_reading_pool(),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError):
        return None

    def tables():
        group: list = []
        count = 0
        with reader:
            while True:
                try:
                    batch = reader.read_next_batch()
                except StopIteration:
                    break
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError):
                    raise Unstreamable from None
                if odd or any(batch.column(k).null_count for k in keep):
                    raise Unstreamable  # (an empty line reads as a record of nulls)
                group.append(batch)
                count += batch.num_rows
                if count >= rows:
                    yield pa.Table.from_batches(group)
                    group, count = [], 0
        if odd:
            raise Unstreamable
        if group:
            yield pa.Table.from_batches(group)

    return _ahead(tables()) if threads else tables()


def _ahead(tables):  # noqa: ANN001
    """Iterate ``tables`` on a thread of its own, one table ahead of the caller: pyarrow
    parses (without the GIL) the next table while the caller converts one (at most two
    tables in memory)."""
    import queue
    import threading

    box: queue.Queue = queue.Queue()
    turn = threading.Semaphore(1)  # the worker reads a table when the caller took the last
    stop = threading.Event()
    end = object()

    def work() -> None:
        try:
            while True:
                while not turn.acquire(timeout=0.1):
                    if stop.is_set():
                        return
                if stop.is_set():
                    return
                table = next(tables, end)
                box.put(table)
                if table is end:
                    return
        except BaseException as exc:  # handed to the caller
            box.put(exc)
        finally:
            tables.close()

    worker = threading.Thread(target=work, name="humaskit-csv", daemon=True)
    worker.start()
    try:
        while True:
            item = box.get()
            turn.release()
            if item is end:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
            del item
    finally:
        stop.set()
        turn.release()
        worker.join()


def grid_of(table, spec: TableSpec, positions: list[int], texts: set[int], first: int) -> Grid:  # noqa: ANN001
    """The :class:`Grid` of a table of kept text columns whose first record is row ``first``
    (``table``'s columns are dropped as they are converted)."""
    width = spec.width or len(spec.header)
    n = table.num_rows
    frame = pd.DataFrame(index=pd.RangeIndex(n))
    blank = np.ones(n, dtype=bool)
    for p in positions:
        if p >= width:
            frame[p] = pd.Series("", index=frame.index, dtype="str")
            continue
        col = table.column(f"c{p}")
        table = table.drop_columns([f"c{p}"])
        numbers = None if p in texts else _as_numbers(col)
        if numbers is not None:
            blank[:] = False  # a number in every row: no blank row
            frame[p] = numbers
            continue
        if blank.any():
            blank &= _empty_cells(col)
        frame[p] = text_series(col, frame.index)
        del col
    del table
    rows = np.arange(first, first + n, dtype="int64")
    nblank = int(blank.sum())
    if nblank:
        frame = frame.loc[~blank].reset_index(drop=True)
        rows = rows[~blank]
    return Grid(frame, rows, [], nblank)


def _reading_pool():
    """pyarrow's memory pool for reading big files: jemalloc where pyarrow has it (it gives
    the parser's passing buffers back to the system; mimalloc keeps them: +40% peak)."""
    import pyarrow as pa

    try:
        pool = pa.jemalloc_memory_pool()
        pa.jemalloc_set_decay_ms(0)  # freed pages go back at once
    except (NotImplementedError, pa.ArrowNotImplementedError):
        return None
    return pool


_TRUE = ("True", "TRUE", "true")
_FALSE = ("False", "FALSE", "false")


def _as_numbers(col) -> np.ndarray | None:  # noqa: ANN001
    """A text column as pandas' parser types it: int64 when every cell is a whole number,
    float64 when every cell is a number, bool when every cell is True/False (any case
    pandas knows), else None (text). Like pandas, spaces around a number and a leading
    ``+`` are allowed, and ``nan`` is text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if _empty_cells(col).any():  # (from the offsets: cheaper than a failing cast)
        return None  # an empty cell is no number, trimmed or not, and no True/False
    numbers = _cast_numbers(col)
    if numbers is None and pc.any(pc.match_substring_regex(col, r"^[ \t]|[ \t]$|^\+")).as_py():
        numbers = _cast_numbers(pc.replace_substring_regex(pc.utf8_trim(col, " \t"), r"^\+", ""))
    if numbers is not None:
        return numbers
    truth = pc.is_in(col, pa.array(_TRUE + _FALSE))
    if pc.all(truth).as_py():
        return pc.is_in(col, pa.array(_TRUE)).to_numpy(zero_copy_only=False)
    return None


def _cast_numbers(col) -> np.ndarray | None:  # noqa: ANN001
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        if may_be_ints(col):  # (a failing cast reads every value: slow)
            return pc.cast(col, pa.int64()).to_numpy()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    try:
        values = pc.cast(col, pa.float64()).to_numpy()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return None if np.isnan(values).any() else values  # "nan" is no number to pandas


def _empty_cells(col) -> np.ndarray:  # noqa: ANN001
    """Where a pyarrow text column holds an empty cell (from its offsets, no text read)."""
    import pyarrow as pa

    out = []
    for chunk in col.chunks:
        wide = pa.types.is_large_string(chunk.type)
        offsets = np.frombuffer(chunk.buffers()[1], dtype="int64" if wide else "int32")
        offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1]
        out.append(np.diff(offsets) == 0)
    return np.concatenate(out) if out else np.zeros(0, dtype=bool)


def ends_with_newline(src: Source) -> bool:
    if src.compression:
        return True  # cannot look at the end cheaply; a cut gzip stream fails to read anyway
    with open(src.path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(size - 4, 0))
        tail = fh.read()
    return tail.endswith(b"\n") or tail.endswith(b"\n\x00") or tail.endswith(b"\r")


def release_memory(collect: bool = True) -> None:
    """Give back what parsing freed (columns not kept), so later steps start lower
    (``collect``: run Python's garbage collector first, for parsers that made objects)."""
    import gc

    import pyarrow as pa

    if collect:
        gc.collect()
    pa.default_memory_pool().release_unused()
    try:  # glibc keeps freed memory; ask it to return it (Linux only, harmless elsewhere)
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def on_c_heap(func):  # noqa: ANN001, ANN201
    """Run ``func`` (an importer) with pyarrow allocating from the C heap.

    pyarrow's default allocator on Linux (mimalloc) keeps pages that the conversions
    freed, and :func:`release_memory` cannot give all of them back; with the C heap it
    can. A 1M-row Meta export then peaks about 20 MB lower and reads a little faster. The
    allocator is set back afterwards; one chosen with ``ARROW_DEFAULT_MEMORY_POOL`` (not
    mimalloc) is kept.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        import pyarrow as pa

        old = pa.default_memory_pool()
        if old.backend_name != "mimalloc":
            return func(*args, **kwargs)
        pa.set_memory_pool(pa.system_memory_pool())
        try:
            return func(*args, **kwargs)
        finally:
            pa.set_memory_pool(old)

    return wrapper
