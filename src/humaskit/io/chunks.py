"""Read a big, well-formed text export chunk by chunk: each chunk's cells are converted and
dropped before the next chunk is parsed (issue #20: memory about the size of the result).

A reader gives a ``convert(rows, state)`` function that turns the :class:`~humaskit.io.base.
Rows` of a chunk into canonical columns, exactly as it does for a whole file. The chunks are
the records of :func:`humaskit.io.fastcsv.iter_batches` (pyarrow's streaming reader, which
parses the next blocks in the background while a chunk is converted), grouped into
:data:`CHUNK_ROWS` records.

The result must be the one of the whole-file path, so what a conversion decides from a whole
column is checked:

- how each column's cells were typed (whole numbers, decimals, True/False, text), and each
  decision a reader records with :meth:`Rows.decide`, must be the same in every chunk;
- numbers (:meth:`Rows.number`): every chunk must read a column the same way, and where the
  decimal mark is decided from the cells, the evidence of all chunks, added up, must decide
  the mark each chunk used. The notes (bad numbers, rounded, too big, below zero) are written
  once for the whole file from the chunks' counts and row numbers;
- evidence against a column's default decision (:meth:`Rows.against`, e.g. day-first
  times) is added up over the chunks, which keep the default: if it overturns it, the
  file is read whole;
- a note a conversion writes in another way, or a decision a reader can only take from the
  first chunk (``state.whole_only``) in a file of several chunks, sends the file to the
  whole-file path.

When a check fails, or the streaming reader meets a record it cannot take (ragged rows, a
blank line: numbered by the other paths), :func:`read_chunked` returns None and the reader
reads the file whole, as before. A file of one chunk is read the same way in both paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import t
from .base import Candidate, Rows, rows_text
from .fastcsv import Unstreamable, arrow_ready, grid_of, iter_batches, release_memory
from .files import Source
from .numbers import decide_from

__all__ = ["CHUNK_ROWS", "Chunked", "ChunkState", "read_chunked"]

#: Records converted at a time (tests set a small value to cross chunk boundaries).
CHUNK_ROWS = 65_536
#: Files smaller than this are read whole (one chunk anyway).
MIN_BYTES = 8 << 20
#: pyarrow parses the next blocks in the background while a chunk is converted.
READ_AHEAD = True
#: Give the memory a chunk's conversions freed back to the system after each chunk.
TRIM = True


class Unchunkable(Exception):
    """The chunks cannot give the whole-file result: read the file whole."""


@dataclass
class ChunkState:
    """What a reader's ``convert`` keeps across the chunks of one file."""

    first: bool = True  # converting the first chunk
    whole_only: bool = False  # a decision taken from the first chunk alone
    values: dict[str, Any] = field(default_factory=dict)  # the reader's own
    lists: dict[str, list] = field(default_factory=dict)  # appended to per chunk

    def add(self, key: str, value: Any) -> None:
        self.lists.setdefault(key, []).append(value)


@dataclass
class Chunked:
    """A file read chunk by chunk: the parts of a reader's result."""

    table: pd.DataFrame
    notes: list[str]  # those of the conversions (numbers), for the whole file
    skipped: list[tuple[int, str]]
    rows: np.ndarray  # row number of each table row
    rows_in_file: int
    blank: int
    state: ChunkState
    chunks: int


class _Log:
    """What the conversions of one chunk decided and would have noted."""

    def __init__(self) -> None:
        self.decisions: dict[str, Any] = {}
        self.numbers: list[tuple] = []
        self.whole_only = False
        self.margins: dict[str, int] = {}

    def against(self, key: str, margin: int) -> None:
        self.margins[key] = self.margins.get(key, 0) + margin

    def decide(self, key: str, value: Any) -> None:
        self.decisions[key] = value

    def note(self, key: str, values: dict) -> None:
        raise Unchunkable(key)

    def number(self, name, header, evidence, counts, rows) -> None:  # noqa: ANN001
        kept = [(k, v if isinstance(v, int) else rows[v]) for k, v in counts]
        path, stats = evidence.get("path"), evidence.get("stats")
        self.numbers.append((name, header, path, evidence.get("integer"), stats, kept))


def read_chunked(
    src: Source,
    cand: Candidate,
    lang: str | None,
    text: tuple[str, ...],
    convert,  # noqa: ANN001
    *,
    skip_below: int = 0,
) -> Chunked | None:
    """Read ``src`` chunk by chunk with ``convert(rows, state) -> {column: values}``.

    Returns None when the file is not for this path (small, compressed, not clean UTF-8,
    ragged rows, a blank line) or when the chunks did not decide as the whole file would:
    the reader then reads it whole.
    """
    if (
        src.container != "text"
        or src.complete
        or src.compression
        or src.encoding not in ("utf-8", "utf-8-sig")
        or src.size < MIN_BYTES
    ):
        return None
    import mmap

    from .grid import _drop_swallowed

    with open(src.path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        nul = mm.find(b"\x00") >= 0  # (NUL bytes: the other paths remove and count them)
    if nul or not arrow_ready(src, True):
        return None
    src.newlines = None  # (whether records span lines is looked at chunk by chunk)
    spec, mapping = cand.spec, cand.mapping
    positions = sorted({p for v in mapping.fields.values() for p in v})
    texts = {p for k in text for p in mapping.fields.get(k, [])}
    tables = iter_batches(
        src, spec, positions, skip_below, threads=READ_AHEAD, rows=max(1, CHUNK_ROWS)
    )
    if tables is None:
        return None
    state = ChunkState()
    logs: list[_Log] = []
    parts: dict[str, list] = {}
    skipped: list[tuple[int, str]] = []
    numbers: list[np.ndarray] = []
    shared: dict[str, tuple[str, Any]] = {}
    in_file = blank = 0
    first = spec.header_row + 2 + skip_below
    try:
        for table in tables:
            n = table.num_rows
            grid = grid_of(table, spec, positions, texts, first)
            del table
            first += n
            typed = {p: str(grid.frame[p].dtype) for p in grid.frame.columns}
            grid = _drop_swallowed(src, spec, grid, lang)
            rows = Rows(grid, mapping, spec.header, lang)
            rows.log = log = _Log()
            log.decide("typed", typed)
            part = rows.table(convert(rows, state))
            _share_constants(part, shared)
            state.first = False
            logs.append(log)
            early = state.whole_only or logs[0].whole_only or log.whole_only
            if len(logs) > 1 and (early or _differ(logs[0], log)):
                return None  # (read whole at once: no use converting the rest)
            skipped += rows.skipped()
            numbers.append(grid.rows[rows.keep])
            in_file += rows.rows_in_file
            blank += grid.blank
            for name in part.columns:
                parts.setdefault(name, []).append(part[name])
            del part, rows, grid
            if TRIM:
                release_memory(collect=False)  # what the chunk's conversions freed
    except (Unstreamable, Unchunkable):
        return None
    finally:
        close = getattr(tables, "close", None)
        if close is not None:
            close()
    whole_only = state.whole_only or any(log.whole_only for log in logs)
    if not logs or (whole_only and len(logs) > 1):
        return None
    margins: dict[str, int] = {}
    for log in logs:
        for key, margin in log.margins.items():
            margins[key] = margins.get(key, 0) + margin
    if any(m > 0 for m in margins.values()):  # the whole column decides otherwise
        return None
    notes = _merged_notes(logs, mapping.language, lang)
    if notes is None:
        return None
    table = pd.DataFrame(index=pd.RangeIndex(sum(len(p) for p in next(iter(parts.values()), []))))
    for name in list(parts):
        pieces = parts.pop(name)
        table[name] = pieces[0] if len(pieces) == 1 else pd.concat(pieces, ignore_index=True)
        del pieces
        if len(logs) > 1 and not pd.api.types.is_string_dtype(table[name].dtype):
            release_memory(collect=False)  # the pieces' memory back before the next column
    release_memory(collect=False)
    return Chunked(
        table=table,
        notes=notes,
        skipped=sorted(skipped),
        rows=np.concatenate(numbers) if numbers else np.zeros(0, dtype="int64"),
        rows_in_file=in_file,
        blank=blank,
        state=state,
        chunks=len(logs),
    )


def _share_constants(part: pd.DataFrame, shared: dict[str, tuple[str, Any]]) -> None:
    """Let a text column with one value in the chunk (the page, the platform) point to the
    cells of an earlier chunk with that value, instead of holding its own copy per row.

    The values and the dtype are unchanged (the column's Arrow chunks share one buffer): a
    1M-row Meta export holds about 40 MB less.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    for name in part.columns:
        s = part[name]
        arr = getattr(s.array, "_pa_array", None)
        if (
            arr is None
            or not len(arr)
            or arr.null_count
            or not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type))
        ):
            continue
        low = arr[0].as_py()
        if arr[len(arr) // 2].as_py() != low or arr[-1].as_py() != low:
            continue  # (most columns are told apart here)
        if not pc.all(pc.equal(arr, pa.scalar(low, arr.type))).as_py():
            continue
        have = shared.get(name)
        if have is None or have[0] != low or have[1].type != arr.type:
            block = arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks()
            shared[name] = (low, block)
            pieces = [block]
        else:
            block, n = have[1], len(arr)
            pieces = [block] * (n // len(block)) + [block.slice(0, n % len(block))]
        same = type(s.array)(pa.chunked_array(pieces, type=arr.type), dtype=s.dtype)
        part[name] = pd.Series(same, index=s.index, copy=False)


def _differ(head: _Log, log: _Log) -> bool:
    """Did a chunk decide otherwise than the first (cell types, decisions, numbers)?"""
    if log.decisions != head.decisions:
        return True
    return [(*e[:4], [k for k, _ in e[5]]) for e in log.numbers] != [
        (*e[:4], [k for k, _ in e[5]]) for e in head.numbers
    ]


def _merged_notes(logs: list[_Log], language: str | None, lang: str | None) -> list[str] | None:
    """The notes of the number conversions for the whole file, or None when the chunks did
    not decide the same (or not as the whole column would)."""
    head = logs[0]
    if any(_differ(head, log) for log in logs[1:]):
        return None
    notes: list[str] = []
    for i, (_name, header, path, integer, _, counts) in enumerate(head.numbers):
        if path is not None and path.startswith("marks "):
            stats = [log.numbers[i][4] for log in logs]
            total = tuple(sum(s[j] for s in stats) for j in range(4)) + (any(s[4] for s in stats),)
            if decide_from(total, integer=integer, language=language) != path[6:]:
                return None
        for j, (key, _) in enumerate(counts):
            values = [log.numbers[i][5][j][1] for log in logs]
            if isinstance(values[0], int):
                n = sum(values)
                if n:
                    notes.append(t(key, lang, column=header, n=n))
                continue
            where = np.concatenate(values)
            if len(where):
                notes.append(t(key, lang, column=header, n=len(where), rows=rows_text(where, lang)))
    return notes
