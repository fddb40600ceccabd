"""What every reader shares: options, the row book-keeping, and the final canonical check.

A reader turns a :class:`~humaskit.io.files.Grid` into canonical columns with a
:class:`Rows` object, which remembers, vectorised, which rows are skipped and why. Cells
that are given but unusable in an *optional* column (a metric that is not a number) become
NA and are counted in a note; rows whose *required* cells are unusable (no id, no time) are
skipped with the reason. Nothing is dropped without a trace.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..i18n import t
from .fastcsv import release_memory
from .files import Grid, Source, TableSpec
from .grid import read_grid
from .ids import id_keys, ids_unique, keys_unique
from .lookup import Mapping
from .numbers import _parse, text_of, text_series, to_int

__all__ = [
    "Options",
    "Result",
    "Rows",
    "Format",
    "Candidate",
    "finish_table",
    "EXTRA_INT",
    "read_rows",
    "mapped_grid",
    "rows_result",
    "reader_notes",
    "text_na",
    "ids_unique",
    "id_keys",
    "keys_unique",
    "rows_text",
    "daily_result",
    "fill_from_days",
    "id_day_mismatch",
]

#: Helper columns readers may keep next to the canonical ones (nullable integers).
EXTRA_INT = (
    "duration_s",
    "engagements",
    "follows",
    "profile_visits",
    "share_actions",
    "media_views",
    "link_clicks",
    "subscribers",
    "subscribers_gained",
)
#: Counts that may be below zero (net changes); other counts below zero are emptied.
SIGNED_COUNTS = frozenset({"subscribers", "follower_change", "estimated_revenue", "value"})
#: Helper columns kept as nullable floats.
EXTRA_FLOAT = ("avg_view_s", "ctr_pct", "stayed_pct")


@dataclass
class Options:
    """What the user told :func:`humaskit.io.read_export` (all optional)."""

    platform: str | None = None
    account: str | None = None
    export_date: date | None = None
    tz: str | None = None
    lang: str | None = None


@dataclass
class Result:
    """A reader's output before platform/account are settled and the table is checked."""

    platform: str | None
    kind: str
    table: pd.DataFrame
    rows_in_file: int
    skipped: list[tuple[int, str]]
    source: str
    notes: list[str] = field(default_factory=list)
    needs_account: bool = False
    export_day: pd.Timestamp | None = None
    rows: np.ndarray | None = None  # row number in the file of each table row
    anchor: str | None = None  # how the export day was found (text key), if used
    unique_ids: bool = False  # the reader checked that no id appears twice
    wide: bool = False  # one row of the file makes several table rows (``rows`` repeats)


@dataclass
class Candidate:
    """A reader that could read one table of a file, and how well its headers fit."""

    fmt: Format
    spec: TableSpec
    mapping: Mapping
    score: float
    missing: list[str]


@dataclass
class Format:
    """One export format: how to recognise it and how to read it."""

    name: str
    family: str
    kind: str
    required: tuple[str, ...]
    read: Any  # callable(src, candidate, options) -> Result
    sniff: Any = None  # optional callable(src, spec) -> Candidate | None
    hints: tuple[str, ...] = ()  # words in file names that favour this format on a tie
    label: str = ""
    any_of: tuple[str, ...] = ()  # at least one of these must be mapped
    needs_metric: bool = False  # at least one mapped column besides the keys


class Rows:
    """Row book-keeping for one grid: values by canonical name, skips with reasons."""

    def __init__(self, grid: Grid, mapping: Mapping, header: list[str], lang: str | None):
        self.grid = grid
        self.mapping = mapping
        self.header = header
        self.lang = lang
        self.n = len(grid.frame)
        # The cells, column by column: a conversion can release its columns when done.
        self.cells: dict[int, pd.Series] = {p: grid.frame[p] for p in grid.frame.columns}
        grid.frame = grid.frame.iloc[:0]  # the Rows object owns the cells from here on
        self.reason = np.full(self.n, None, dtype=object)
        self._free = np.ones(self.n, dtype=bool)  # rows not skipped (object compares are slow)
        self.notes: list[str] = []
        self.table_name = ""
        #: Set when the rows are one chunk of a file (:mod:`humaskit.io.chunks`): the
        #: conversions record what they decided and what their notes would count.
        self.log: Any = None

    # -- access -----------------------------------------------------------------
    def raw(self, name: str) -> pd.Series | None:
        """The cells of ``name``: first mapped column, gaps filled from the next ones."""
        positions = [p for p in self.mapping.fields.get(name, []) if p in self.cells]
        if not positions:
            return None
        cols = [self.cells[p] for p in positions]
        if all(_is_text(c) for c in cols):
            return _coalesce_text(cols)
        out = _blank_as_na(cols[0])
        for other in cols[1:]:
            other = _blank_as_na(other)
            if out.dtype != other.dtype:
                out = text_of(out)
                other = text_of(other)
            if out.isna().any():
                out = out.fillna(other)
        return out

    def release(self, *names: str) -> None:
        """Forget the raw cells of ``names`` (their conversion is done): saves memory."""
        for name in names:
            for p in self.mapping.fields.get(name, []):
                self.cells.pop(p, None)

    def header_of(self, name: str) -> str:
        positions = self.mapping.fields.get(name, [])
        return self.header[positions[0]] if positions else name

    def text(self, name: str, *, strip: bool = True) -> pd.Series | None:
        """Text cells of ``name``; missing markers become NA (``strip=False`` for long text)."""
        s = self.raw(name)
        if s is None:
            return None
        if strip:
            return text_of(s)
        return s

    def number(
        self, name: str, *, integer: bool = True, scale: float | None = None, signed: bool = False
    ) -> pd.Series | None:
        """Numbers of ``name`` (Int64 or Float64); unusable cells become NA with a note.

        Counts too big for Int64 and, unless ``signed`` (daily series: platforms correct a
        day with a negative value), counts below zero are emptied with a note too.
        """
        s = self.raw(name)
        if s is None:
            return None
        evidence: dict = {"integer": integer}
        p = _parse(s, integer=integer, language=self.mapping.language, evidence=evidence)
        values = p.values
        if scale is not None:
            values = values * scale
        counts: list[tuple[str, Any]] = [("io.note_bad_numbers", p.bad.to_numpy())]
        if integer and values.dtype != "Int64":
            given = values.notna().to_numpy(dtype=bool, na_value=False)
            values, fractional = to_int(values)
            if scale is None:
                counts.append(("io.note_rounded", fractional))
            counts.append(("io.note_too_big", given & values.isna().to_numpy()))
        if integer and not signed and name not in SIGNED_COUNTS:
            negative = (values < 0).to_numpy(dtype=bool, na_value=False)
            if negative.any():
                values = values.where(~negative)
            counts.append(("io.note_negative", negative))
        if self.log is not None:  # one chunk: the notes are written for the whole file
            self.log.number(name, self.header_of(name), evidence, counts, self.grid.rows)
            return values
        for key, what in counts:
            if isinstance(what, int):
                if what:
                    self.note(key, column=self.header_of(name), n=what)
            elif what.any():
                self.note(
                    key, column=self.header_of(name), n=int(what.sum()), rows=self.rows_text(what)
                )
        return values

    def note_emptied(self, key: str, name: str, mask: np.ndarray) -> None:
        """A note ``key`` counting the cells of ``name`` emptied at ``mask`` (with rows)."""
        if mask.any():
            self.note(
                key, column=self.header_of(name), n=int(mask.sum()), rows=self.rows_text(mask)
            )

    def rows_text(self, mask: np.ndarray, n: int = 5) -> str:
        return rows_text(self.grid.rows[mask], self.lang, n)

    def decide(self, key: str, value: Any) -> None:
        """Record a decision taken from these rows' cells: when the rows are one chunk of
        a file, every chunk must take the same one (else the file is read whole)."""
        if self.log is not None:
            self.log.decide(key, value)

    def against(self, key: str, margin: int) -> bool:
        """Whether the evidence ``margin`` (> 0) overturns a column's default decision
        ``key``. In a chunk the default is kept and the margins of the chunks are added
        up: when they overturn it for the whole column, the file is read whole."""
        if self.log is None:
            return margin > 0
        self.log.against(key, margin)
        return False

    def whole_only(self) -> None:
        """Record that a conversion decided from these rows' cells what only the whole
        column can decide (a file of several chunks is then read whole)."""
        if self.log is not None:
            self.log.whole_only = True

    def compute(self, tasks: dict[str, Any]) -> dict[str, Any]:
        """Run independent column conversions, on two threads for big tables.

        The conversions spend most of their time in pyarrow and numpy, which release the
        GIL, so a second core roughly halves their wall time. Small tables run in order.
        """
        if self.n < _PARALLEL_ROWS or len(tasks) < 2 or self.log is not None:
            # (a chunk of a file: the other core parses the next chunk meanwhile)
            return {k: f() for k, f in tasks.items()}
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = {k: pool.submit(f) for k, f in tasks.items()}
            return {k: fut.result() for k, fut in futures.items()}

    # -- skipping ---------------------------------------------------------------
    def skip(self, mask: pd.Series | np.ndarray, key: str, **values: Any) -> None:
        """Skip the rows of ``mask`` (if not skipped already) with the reason ``key``."""
        m = (
            np.asarray(mask, dtype=bool)
            if not isinstance(mask, pd.Series)
            else (mask.fillna(False).to_numpy(dtype=bool))
        )
        m = m & self._free
        if m.any():
            self.reason[m] = t(key, self.lang, **values)
            self._free &= ~m

    def skip_unreadable(
        self, name: str, raw: pd.Series, parsed: pd.Series, *, missing: str, bad: str
    ) -> None:
        """Skip rows whose ``name`` cell is empty (reason ``missing``) or unreadable (``bad``).

        ``raw`` holds the cells as given, ``parsed`` what the reader made of them (NA where
        it could not); the ``bad`` reason names the column's header.
        """
        self.skip(raw.isna(), missing)
        self.skip(parsed.isna(), bad, column=self.header_of(name))

    def note(self, key: str, **values: Any) -> None:
        if self.log is not None:
            self.log.note(key, values)  # (a note counting one chunk's rows: read whole)
        self.notes.append(t(key, self.lang, **values))

    @property
    def keep(self) -> np.ndarray:
        return self._free.copy()

    def skipped(self) -> list[tuple[int, str]]:
        bad = ~self.keep
        out = list(self.grid.skipped)
        out += [
            (int(r), str(why)) for r, why in zip(self.grid.rows[bad], self.reason[bad], strict=True)
        ]
        return sorted(out)

    @property
    def rows_in_file(self) -> int:
        return self.n + len(self.grid.skipped)

    def table(self, columns: dict[str, pd.Series | Any]) -> pd.DataFrame:
        """A DataFrame of the kept rows from ``{column: Series or scalar}``."""
        keep = self.keep
        every = bool(keep.all())
        data = {}
        for k, v in columns.items():
            if v is None:
                continue
            if isinstance(v, pd.Series):
                data[k] = (v if every else v[keep]).reset_index(drop=True)
            else:
                data[k] = v
        out = pd.DataFrame(data, index=pd.RangeIndex(int(keep.sum())), copy=False)
        self.cells.clear()  # free the raw cells early (memory)
        if self.n >= _PARALLEL_ROWS and self.log is None:
            _release_arrow_memory()
        return out


def rows_text(rows: np.ndarray, lang: str | None, n: int = 5) -> str:
    """The first ``n`` row numbers of ``rows`` and how many more (for notes)."""
    text = ", ".join(str(r) for r in rows[:n])
    if len(rows) > n:
        text += " " + t("common.and_more", lang, n=len(rows) - n)
    return text


def _release_arrow_memory() -> None:
    """Give memory pyarrow and the C heap freed back to the system (big files: lowers the
    peak)."""
    release_memory()


def _is_text(s: pd.Series) -> bool:
    return isinstance(s.dtype, pd.StringDtype) or s.dtype == "str"


def _coalesce_text(cols: list[pd.Series]) -> pd.Series:
    """First non-empty text of several columns, empty as NA (in pyarrow)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def arrow(c: pd.Series):
        if hasattr(c.array, "_pa_array"):
            return c.array._pa_array
        return pa.chunked_array([pa.array(c, type=pa.large_string(), from_pandas=True)])

    out = arrow(cols[0])
    for c in cols[1:]:
        missing = pc.fill_null(pc.equal(out, ""), True)
        out = pc.if_else(missing, arrow(c), out)
    out = pa.chunked_array([_empty_as_null(c) for c in out.chunks], type=out.type)
    return text_series(out, cols[0].index)


def _empty_as_null(c):
    """A pyarrow string array with its empty values null: only the validity bitmap is
    new, the text itself is not copied (big text columns)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (pa.types.is_string(c.type) or pa.types.is_large_string(c.type)):
        empty = pc.equal(c, "")
        if not pc.any(empty).as_py():
            return c
        return pc.if_else(empty, pa.scalar(None, c.type), c)
    if not len(c) or c.buffers()[1] is None:
        return c
    wide = pa.types.is_large_string(c.type)
    offsets = np.frombuffer(c.buffers()[1], dtype=np.int64 if wide else np.int32)
    empty = np.diff(offsets[c.offset : c.offset + len(c) + 1]) == 0  # (from the offsets)
    if c.null_count:
        empty &= c.is_valid().to_numpy(zero_copy_only=False)
    if not empty.any():
        return c
    valid = ~empty
    if c.null_count:
        valid &= c.is_valid().to_numpy(zero_copy_only=False)
    valid = np.concatenate([np.zeros(c.offset, dtype=bool), valid])
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(c.type, len(c), [bitmap, *c.buffers()[1:]], offset=c.offset)


def _blank_as_na(s: pd.Series) -> pd.Series:
    """Empty text cells as NA (a copy only when there are empty cells)."""
    if isinstance(s.dtype, pd.StringDtype) or s.dtype == "str":
        empty = s == ""
        if empty.any():
            return s.where(~empty)
    return s


def skipped_frame(skipped: list[tuple[int, str]]) -> pd.DataFrame:
    """The ``skipped`` DataFrame of an Import (row, reason)."""
    return pd.DataFrame(
        {
            "row": pd.Series([r for r, _ in skipped], dtype="Int64"),
            "reason": pd.Series([w for _, w in skipped], dtype="str"),
        }
    )


def finish_table(
    table: pd.DataFrame,
    kind: str,
    rows: np.ndarray,
    lang: str | None,
    *,
    return_keep: bool = False,
) -> tuple:
    """Check a reader's table against the canonical schema row by row.

    Rows with a missing required value or a value outside the allowed set in a required
    column are skipped with the reason; an unknown value in an optional column with a
    fixed set (e.g. ``post_type``) becomes NA and is noted. Returns the validated table,
    the extra skipped rows and notes.
    """
    spec = {c.name: c for c in schema.TABLES[kind]}
    n = len(table)
    reasons: list[tuple[np.ndarray, str]] = []  # (rows newly skipped, why): no n objects
    free = np.ones(n, dtype=bool)  # rows without a reason yet (object compares are slow)
    notes: list[str] = []
    table = table.copy(deep=False)  # copy-on-write: no data copied
    for name, col in spec.items():
        if name not in table.columns:
            continue
        s = table[name]
        if col.kind in ("datetime", "date"):
            s, out = _in_years(s)
            if out.any():
                table[name] = s
                notes.append(t("io.note_time_range", lang, column=name, n=int(out.sum()), **YEARS))
                if not col.nullable:
                    new = out & free
                    reasons.append((new, t("io.skip_time_range", lang, column=name, **YEARS)))
                    free &= ~new
        if not col.nullable:
            bad = s.isna().to_numpy().copy()
            if col.kind == "str":
                bad |= (s.astype("str") == "").to_numpy(dtype=bool, na_value=True)
            new = bad & free
            if new.any():
                reasons.append((new, t("io.skip_missing", lang, column=name)))
                free &= ~new
        if col.allowed is not None:
            known = s.isin(col.allowed).to_numpy(dtype=bool, na_value=False)
            out = s.notna().to_numpy() & ~known
            if out.any():
                if col.nullable:
                    values = Counter(s[out].astype("str"))
                    notes.append(
                        t(
                            "io.note_unknown_values",
                            lang,
                            column=name,
                            values=", ".join(f"{v} ({k})" for v, k in values.most_common(5)),
                        )
                    )
                    table[name] = s.where(~out)
                else:
                    new = out & free
                    reasons.append((new, t("io.skip_not_allowed", lang, column=name)))
                    free &= ~new
    keep = free
    out_at = np.flatnonzero(~keep)
    reason = np.full(len(out_at), None, dtype=object)
    for new, why in reasons:
        reason[new[out_at]] = why
    skipped = [(int(r), str(w)) for r, w in zip(rows[out_at], reason, strict=True)]
    if not keep.all():  # (selecting every row would copy every column)
        table = table.loc[keep].reset_index(drop=True)
    for col in spec.values():  # required columns a file lacks (validate adds the others)
        if col.required and col.nullable and col.name not in table.columns:
            table[col.name] = schema.missing_column(kind, col.name, table.index)
    for extra in EXTRA_INT:
        if extra in table.columns:
            table[extra] = table[extra].astype("Int64")
    for extra in EXTRA_FLOAT:
        if extra in table.columns:
            table[extra] = table[extra].astype("Float64")
    table = schema.validate(table, kind, lang=lang)
    if return_keep:
        return table, skipped, notes, keep
    return table, skipped, notes


#: Times outside these years are not social-media times (a typo, 9999, 1677): emptied.
YEARS = {"low": 1990, "high": 2100}


def _in_years(s: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """``s`` with times outside :data:`YEARS` emptied, and where they were."""
    if not pd.api.types.is_datetime64_any_dtype(s.dtype) or not len(s):
        return s, np.zeros(len(s), dtype=bool)
    year = s.dt.year
    out = ((year < YEARS["low"]) | (year > YEARS["high"])).to_numpy(dtype=bool, na_value=False)
    return (s.where(~out) if out.any() else s), out


def path_hint_platform(path: Path) -> str | None:
    """``facebook``/``instagram``/... when a folder or file name says so, else None.

    Examples
    --------
    >>> path_hint_platform(Path("data/instagram/Reach.csv"))
    'instagram'
    >>> path_hint_platform(Path("unit_fb_follows.csv"))
    'facebook'
    """
    import re

    words = {
        "facebook": "facebook",
        "fb": "facebook",
        "instagram": "instagram",
        "ig": "instagram",
        "twitter": "x",
        "x": "x",
        "youtube": "youtube",
        "yt": "youtube",
        "tiktok": "tiktok",
    }
    for part in reversed([p.lower() for p in path.parts]):
        for token in re.split(r"[^a-z0-9]+", part):
            if token in words and not (token == "x" and part != token):
                return words[token]
    return None


def source_of(src: Source) -> str:
    return src.path.name


#: Tables with at least this many rows convert their columns on several threads.
_PARALLEL_ROWS = 50_000

#: Daily metrics that are not counts (parsed as decimals).
FLOAT_METRICS = ("ctr_pct", "avg_view_s", "avg_view_pct", "watch_time_h", "engagement_rate")


def unmapped_note(mapping, lang: str | None) -> list[str]:
    """A note listing the file's headers no mapping knows (kept out of the table), or none."""
    unmapped = [h for h in mapping.unmapped if h]
    return [t("io.note_unmapped", lang, headers=", ".join(unmapped))] if unmapped else []


def read_rows(
    src: Source,
    cand: Candidate,
    lang: str | None,
    text: tuple[str, ...] = (),
    *,
    skip_below: int = 0,
) -> Rows:
    """The :class:`Rows` of every column the candidate's mapping knows.

    ``text`` names the fields whose columns are kept as text (ids, texts, times); the
    others may come back as numbers. ``skip_below`` records under the header are not data.
    """
    grid = mapped_grid(src, cand, lang, text, skip_below=skip_below)
    return Rows(grid, cand.mapping, cand.spec.header, lang)


def mapped_grid(
    src: Source,
    cand: Candidate,
    lang: str | None,
    text: tuple[str, ...] = (),
    *,
    skip_below: int = 0,
) -> Grid:
    """The data rows of the columns the mapping knows; those of the fields ``text`` as text."""
    mapping = cand.mapping
    positions = [p for v in mapping.fields.values() for p in v]
    text_positions = [p for k in text for p in mapping.fields.get(k, [])]
    return read_grid(
        src,
        cand.spec,
        positions,
        text_positions=text_positions,
        skip_below=skip_below,
        lang=lang,
    )


def reader_notes(rows: Rows, notes: list[str]) -> list[str]:
    """A reader's own ``notes``, then those of its conversions, then the unmapped headers."""
    return [*notes, *rows.notes, *unmapped_note(rows.mapping, rows.lang)]


def rows_result(
    cand: Candidate,
    rows: Rows,
    table: pd.DataFrame,
    notes: list[str],
    /,
    *,
    platform: str | None,
    **fields: Any,
) -> Result:
    """The :class:`Result` of a reader that read one table row per kept row of the file.

    Kind and source are the candidate format's; the skipped rows, ``rows_in_file`` and the
    row number of each table row come from ``rows``. ``fields`` sets the other fields of
    :class:`Result`, and ``rows_in_file`` and ``rows`` too where one row of the file made
    several table rows (see :func:`long_daily`).
    """
    if "rows_in_file" not in fields:
        fields["rows_in_file"] = rows.rows_in_file
    if "rows" not in fields:
        fields["rows"] = rows.grid.rows[rows.keep]
    return Result(
        platform=platform,
        kind=cand.fmt.kind,
        table=table,
        skipped=rows.skipped(),
        source=cand.fmt.name,
        notes=notes,
        **fields,
    )


def text_na(index: pd.Index) -> pd.Series:
    """An all-NA text column on ``index`` (an account the user has to name, ...)."""
    return pd.Series(pd.NA, index=index, dtype="str")


def daily_result(
    cand: Candidate,
    rows: Rows,
    day: pd.Series,
    names: list[str],
    notes: list[str],
    *,
    platform: str,
    account: str | None = None,
    prefix_by: pd.Series | None = None,
    extra: dict[str, pd.Series] | None = None,
    **fields: Any,
) -> Result:
    """The :class:`Result` of a file with one column per metric, as ``daily`` rows.

    The table (see :func:`long_daily`) starts with ``platform`` and ``account``; without an
    ``account`` (for example from the file name) the user has to name it. ``notes`` are the
    reader's own; ``fields`` sets the other fields of :class:`Result`.
    """
    table, numbers, rows_in_file = long_daily(rows, day, names, prefix_by=prefix_by, extra=extra)
    table.insert(0, "platform", platform)
    table.insert(1, "account", text_na(table.index))
    if account is not None:
        table["account"] = account
    return rows_result(
        cand,
        rows,
        table,
        reader_notes(rows, notes),
        platform=platform,
        rows_in_file=rows_in_file,
        rows=numbers,
        needs_account=account is None,
        wide=True,
        **fields,
    )


def long_daily(
    rows: Rows,
    day: pd.Series,
    names: list[str],
    *,
    prefix_by: pd.Series | None = None,
    extra: dict[str, pd.Series] | None = None,
) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Turn a file with one column per metric into canonical ``daily`` rows.

    Each record is one row of the file for the accounting (as a spreadsheet shows it),
    whatever the number of metrics it holds.

    Returns the table (without platform/account), the row number of each table row and
    ``rows_in_file``.
    """
    keep = rows.keep
    n_keep = int(keep.sum())
    k = len(names)
    series = []
    for name in names:
        if name in FLOAT_METRICS:
            v = rows.number(name, integer=False)
        else:
            v = rows.number(name, integer=True, signed=True)
        if name == "watch_time_h":
            v = v.astype("Float64") * 3600
        series.append(v.astype("Float64")[keep].to_numpy(dtype="float64", na_value=np.nan))
    out_names = ["watch_time_s" if n == "watch_time_h" else n for n in names]
    values = np.column_stack(series).ravel() if k else np.array([], dtype="float64")
    metric = np.tile(np.asarray(out_names, dtype=object), n_keep)
    if prefix_by is not None:
        has = prefix_by[keep].notna().to_numpy()
        has = np.repeat(has, k)
        metric = np.where(has, np.char.add("post_", metric.astype(str)), metric.astype(str))
    table = pd.DataFrame(
        {
            "date": np.repeat(day[keep].to_numpy(), k),
            "metric": pd.Series(metric, dtype="str"),
            "value": pd.array(values, dtype="Float64"),
        }
    )
    table["value"] = (
        table["value"].where(~np.isnan(values), pd.NA) if len(table) else (table["value"])
    )
    for name, s in (extra or {}).items():
        arr = s[keep].reset_index(drop=True)
        table[name] = arr.iloc[np.repeat(np.arange(n_keep), k)].reset_index(drop=True)
    numbers = np.repeat(rows.grid.rows[keep], k)
    rows_in_file = rows.n + len(rows.grid.skipped)
    return table, numbers, rows_in_file


def anchor_day(path: Path, opts: Options) -> tuple[pd.Timestamp, str]:
    """The day an export was made, for dates without a year and audience snapshots.

    In order: ``export_date=`` given by the user, the latest day written in the file name,
    the file's modification day (the day it was downloaded). Returns the day and a text
    key saying which one was used.
    """
    from .times import dates_in_name

    if opts.export_date is not None:
        return pd.Timestamp(opts.export_date).normalize(), "io.anchor_param"
    days = dates_in_name(path.name)
    if days:
        return pd.Timestamp(max(days)), "io.anchor_name"
    mtime = pd.Timestamp(path.stat().st_mtime, unit="s", tz="UTC").tz_localize(None)
    return mtime.normalize(), "io.anchor_mtime"


def fill_from_days(
    published: pd.Series, day: pd.Series, lang: str | None
) -> tuple[pd.Series, list[str]]:
    """Post times: 00:00 UTC of ``day`` where ``published`` has none, and a note if so."""
    from_day = published.isna() & day.notna()
    if not from_day.any():
        return published, []
    published = published.where(~from_day, day.dt.tz_localize("UTC"))
    return published, [t("io.note_day_only", lang, n=int(from_day.sum()))]


def id_day_mismatch(exact: pd.Series, day: pd.Series, lang: str | None) -> list[str]:
    """A note counting posts whose time from the id is more than a day off the day given."""
    both = day.notna() & exact.notna()
    off = (exact[both].dt.tz_localize(None).dt.normalize() - day[both]).abs()
    far = int((off > pd.Timedelta(days=1)).sum())
    return [t("io.note_id_day_mismatch", lang, n=far)] if far else []
