"""Word material of the sample institution and a vectorised template renderer.

The material lives in ``humaskit/data/samples/`` (documented at the top of each file).
:func:`render` fills millions of templates without a Python loop per row: rows are
grouped by template and each group is joined column-wise with pyarrow.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..paths import package_file

_SLOT = re.compile(r"\{(\w+)\}")


def _lines(name: str) -> list[str]:
    text = package_file("samples", name).read_text(encoding="utf-8")
    lines = text.splitlines()
    i = 0
    while i < len(lines) and (lines[i].startswith("#") or not lines[i].strip()):
        i += 1
    return lines[i:]


@cache
def _table(name: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO("\n".join(_lines(name))), dtype=str, keep_default_na=False)


def table(name: str) -> pd.DataFrame:
    """Return a CSV data file (leading ``#`` lines skipped) as text columns (a copy)."""
    return _table(name).copy()


@cache
def words(name: str) -> tuple[str, ...]:
    """Return a one-entry-a-line data file, without comments and blank lines."""
    return tuple(line.strip() for line in _lines(name) if line.strip() and not line.startswith("#"))


@cache
def _parse(template: str) -> tuple[tuple[bool, str], ...]:
    parts: list[tuple[bool, str]] = []
    pos = 0
    for m in _SLOT.finditer(template):
        if m.start() > pos:
            parts.append((False, template[pos : m.start()]))
        parts.append((True, m.group(1)))
        pos = m.end()
    if pos < len(template):
        parts.append((False, template[pos:]))
    return tuple(parts)


def slots(templates: Sequence[str]) -> set[str]:
    """Return every fill-in name used by ``templates``."""
    return {v for t in templates for is_slot, v in _parse(t) if is_slot}


Fill = tuple[pa.Array, np.ndarray]


def fill(values: Sequence[str] | pa.Array, idx: np.ndarray) -> Fill:
    """A fill-in: row ``i`` gets ``values[idx[i]]``."""
    if not isinstance(values, pa.Array):
        values = pa.array(list(values), type=pa.string())
    return values, np.asarray(idx, dtype=np.int64)


def render(templates: Sequence[str], which: np.ndarray, fills: Mapping[str, Fill]) -> pa.Array:
    """Return ``templates[which[i]]`` with its ``{slots}`` filled, for every row ``i``.

    Examples
    --------
    >>> import numpy as np
    >>> out = render(["Halo {x}!", "Tanpa isian"], np.array([0, 1, 0]),
    ...              {"x": fill(["A", "B"], np.array([0, 0, 1]))})
    >>> out.to_pylist()
    ['Halo A!', 'Tanpa isian', 'Halo B!']
    """
    which = np.asarray(which, dtype=np.int64)
    n = len(which)
    if n == 0:
        return pa.array([], type=pa.string())
    order = np.argsort(which, kind="stable")
    sorted_w = which[order]
    uniq, starts = np.unique(sorted_w, return_index=True)
    ends = np.append(starts[1:], n)
    chunks = []
    for t, s, e in zip(uniq, starts, ends, strict=True):
        rows = order[s:e]
        pieces: list = []
        for is_slot, value in _parse(templates[int(t)]):
            if is_slot:
                vals, idx = fills[value]
                pieces.append(vals.take(pa.array(idx[rows])))
            else:
                pieces.append(value)
        arrays = [p for p in pieces if not isinstance(p, str)]
        if not arrays:
            chunk = pa.array(np.full(len(rows), "".join(pieces), dtype=object), type=pa.string())
        elif len(pieces) == 1:
            chunk = arrays[0]
        else:
            chunk = pc.binary_join_element_wise(*pieces, "")
        chunks.append(chunk.cast(pa.string()))
    out = pa.concat_arrays(chunks)
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.arange(n)
    return out.take(pa.array(inverse))


def join(*parts: pa.Array | str) -> pa.Array:
    """Concatenate arrays and literals element-wise (null in, null out)."""
    return pc.binary_join_element_wise(*parts, "")


def choose_within(group: np.ndarray, sizes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """For each row pick a uniform member of its group; returns the global member index.

    Members are numbered group by group (``sizes[g]`` members in group ``g``).
    Rows of an empty group get -1.
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n = sizes[group]
    pick = np.floor(rng.random(len(group)) * np.maximum(n, 1)).astype(np.int64)
    return np.where(n > 0, starts[group] + pick, -1)
