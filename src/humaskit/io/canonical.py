"""Files already in canonical form (``posts.csv``, ``plan.xlsx``, ``daily.csv.gz``...).

A CSV/XLSX whose header holds the canonical column names of one table (as written by
:mod:`humaskit.samples` or by a team's own spreadsheet) is recognised whatever its file
name: the table whose required columns are all present and whose names cover most of the
header wins (the file name breaks a tie). Platform ``humaskit``, kind = the table.

Cells are checked column by column and row by row: a row with a missing or unusable value
in a required column is skipped with the reason; an unusable value in an optional column
becomes NA and is counted in a note. Times without an offset are UTC (as humaskit writes
them); extra columns (e.g. ``topic``) are kept, as text, after the canonical ones.

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit.io import read_export
>>> p = pathlib.Path(tempfile.mkdtemp()) / "harian.csv"
>>> _ = p.write_text("platform,account,date,metric,value\\n"
...     "instagram,pemkot,2025-09-01,followers,1200\\nmyspace,pemkot,2025-09-01,followers,1\\n")
>>> imp = read_export(p)
>>> imp.platform, imp.kind, imp.imported, len(imp.skipped)
('humaskit', 'daily', 1, 1)
"""

from __future__ import annotations

import pandas as pd

from .. import schema
from .base import Candidate, Format, Options, Result, Rows
from .files import Source, TableSpec
from .grid import read_grid
from .lookup import Mapping, normalize
from .numbers import normalized, parse, text_of

__all__ = ["CANONICAL", "sniff_canonical"]

_TRUE = {"true", "1", "ya", "yes", "y", "benar", "sudah", "aktif", "t"}
_FALSE = {"false", "0", "tidak", "no", "n", "belum", "nonaktif", "f", "tdk"}


def _table_of(header: list[str], stem: str) -> tuple[str | None, int, list[str]]:
    names = [normalize(h) for h in header]
    best, best_key, best_missing = None, (-1.0, 0), []
    for table, spec in schema.TABLES.items():
        cols = {c.name for c in spec}
        required = [c.name for c in spec if c.required]
        hit = sum(1 for n in names if n in cols)
        missing = [r for r in required if r not in names]
        if hit == 0:
            continue
        cover = hit / max(len([n for n in names if n]), 1)
        key = (cover - len(missing), 1 if table in stem else 0)
        if key > best_key:
            best, best_key, best_missing = table, key, missing
    return best, int(best_key[0] >= 0), best_missing


def sniff_canonical(src: Source, spec: TableSpec) -> Candidate | None:
    stem = src.path.name.lower()
    table, _, missing = _table_of(spec.header, stem)
    if table is None:
        return None
    names = [normalize(h) for h in spec.header]
    cols = [c.name for c in schema.TABLES[table]]
    mapping = Mapping()
    for pos, n in enumerate(names):
        if n in cols:
            mapping.fields.setdefault(n, []).append(pos)
        elif n:
            mapping.unmapped.append(spec.header[pos])
    hit = sum(len(v) for v in mapping.fields.values())
    # exact canonical names are a strong sign; a partial match loses to platform readers
    score = 10.0 * hit / max(len([n for n in names if n]), 1) if not missing else hit / 10
    fmt = CANONICAL_BY_TABLE[table]
    return Candidate(fmt, spec, mapping, score, missing)


def _coerce(rows: Rows, name: str, kind: str) -> pd.Series | None:
    raw = rows.raw(name)
    if raw is None:
        return None
    if kind == "str":
        return text_of(raw)
    if kind in ("int", "float"):
        p = parse(raw, integer=kind == "int", language="en")
        bad = p.bad
        values = p.values
        if kind == "int":
            from .base import SIGNED_COUNTS
            from .numbers import to_int

            given = values.notna().to_numpy(dtype=bool, na_value=False)
            values, fractional = to_int(values)
            if fractional:
                rows.note("io.note_rounded", column=name, n=fractional)
            rows.note_emptied("io.note_too_big", name, given & values.isna().to_numpy())
            if name not in SIGNED_COUNTS:
                negative = (values < 0).to_numpy(dtype=bool, na_value=False)
                values = values.where(~negative)
                rows.note_emptied("io.note_negative", name, negative)
        return _flag(rows, name, values, bad)
    if kind == "bool":
        low = normalized(text_of(raw))
        out = pd.Series(pd.NA, index=raw.index, dtype="boolean")
        out[low.isin(_TRUE).fillna(False).astype(bool)] = True
        out[low.isin(_FALSE).fillna(False).astype(bool)] = False
        bad = low.notna() & out.isna()
        return _flag(rows, name, out, bad)
    text = text_of(raw)
    if kind == "datetime":
        values = pd.to_datetime(text, utc=True, format="ISO8601", errors="coerce")
        values = values.astype("datetime64[us, UTC]")
    else:
        values = pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
        values = values.astype("datetime64[us]")
    bad = text.notna() & values.isna()
    return _flag(rows, name, values, bad)


def _flag(rows: Rows, name: str, values: pd.Series, bad: pd.Series) -> pd.Series:
    bad = bad.fillna(False).astype(bool)
    if bad.any():
        col = next(c for c in schema.TABLES[rows.table_name] if c.name == name)
        if col.required and not col.nullable:
            rows.skip(bad, "io.skip_bad_value_in", column=name)
        else:
            rows.note(
                "io.note_bad_values",
                column=name,
                n=int(bad.sum()),
                rows=rows.rows_text(bad.to_numpy()),
            )
    return values.where(~bad)


def read_canonical(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    spec, mapping = cand.spec, cand.mapping
    table_name = cand.fmt.kind
    extra = [
        i
        for i, h in enumerate(spec.header)
        if h.strip() and not any(i in v for v in mapping.fields.values())
    ]
    positions = [p for v in mapping.fields.values() for p in v] + extra
    grid = read_grid(src, spec, positions, text_positions=positions, lang=lang)
    rows = Rows(grid, mapping, spec.header, lang)
    rows.table_name = table_name
    cols: dict[str, object] = {}
    for col in schema.TABLES[table_name]:
        values = _coerce(rows, col.name, col.kind)
        if values is not None:
            cols[col.name] = values
    names = set(cols)
    for i in extra:
        name = spec.header[i].strip()
        if name not in names:
            cols[name] = text_of(rows.cells[i])
            names.add(name)
    table = rows.table(cols)
    notes = rows.notes
    return Result(
        platform="humaskit",
        kind=table_name,
        table=table,
        rows_in_file=rows.rows_in_file,
        skipped=rows.skipped(),
        source=f"humaskit.{table_name}",
        notes=notes,
        needs_account=False,
        rows=grid.rows[rows.keep],
    )


CANONICAL_BY_TABLE = {
    name: Format(
        name=f"humaskit.{name}",
        family="humaskit",
        kind=name,
        required=tuple(c.name for c in spec if c.required),
        read=read_canonical,
        sniff=sniff_canonical,
        hints=(name,),
        label="humaskit",
    )
    for name, spec in schema.TABLES.items()
}
#: One entry for the registry; it dispatches to the table found in the header.
CANONICAL = CANONICAL_BY_TABLE["posts"]
