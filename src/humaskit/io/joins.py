"""Join the same column of several imports' tables without a second copy (read_folder).

``pd.concat`` writes every part of a joined column, also the missing values of the files
that do not have it. Here a text column is joined as a pyarrow chunked array of the files'
own chunks (nothing copied; a file without the column adds an all-NA chunk in untouched
zero pages), and a nullable number column is written into zero pages that stay untouched
where a file has no such column. Other columns, or parts with differing dtypes, are joined
by ``pd.concat`` as before; the result is the same. :func:`lazy_na` makes such all-NA
columns (also those :func:`humaskit.io.base.finish_table` adds to a big table).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["join_column", "lazy_na", "LAZY_NA_ROWS"]

#: All-NA columns of tables at least this long are kept in untouched zero pages.
LAZY_NA_ROWS = 100_000


def lazy_na(dtype, n: int):  # noqa: ANN001
    """An all-NA array of ``dtype`` (Int64, Float64, boolean, str) and length ``n`` whose
    values lie in fresh zero pages of memory: they cost no memory until written (a column
    a file does not have, in a big table). None for other dtypes and short tables.

    Examples
    --------
    >>> lazy_na(pd.Int64Dtype(), 200_000).isna().all(), lazy_na(pd.Int64Dtype(), 5)
    (np.True_, None)
    """
    import mmap

    if n < LAZY_NA_ROWS:
        return None

    def zeros(nbytes: int) -> mmap.mmap:
        return mmap.mmap(-1, max(nbytes, 1))  # anonymous: zero pages, mapped when touched

    if dtype in (pd.Int64Dtype(), pd.Float64Dtype(), pd.BooleanDtype()):
        kind, cls = {
            "Int64": ("int64", pd.arrays.IntegerArray),
            "Float64": ("float64", pd.arrays.FloatingArray),
            "boolean": ("bool", pd.arrays.BooleanArray),
        }[str(dtype)]
        values = np.frombuffer(zeros(np.dtype(kind).itemsize * n), dtype=kind, count=n)
        return cls(values, np.ones(n, dtype=bool))
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        import pyarrow as pa

        buffers = [pa.py_buffer(zeros((n + 7) // 8)), pa.py_buffer(zeros(8 * (n + 1)))]
        arr = pa.Array.from_buffers(pa.large_string(), n, [*buffers, pa.py_buffer(b"")], n)
        out = pd.arrays.ArrowStringArray(pa.chunked_array([arr]), dtype=dtype)
        return out if out.dtype == dtype else None
    return None


_MASKED = ("Int64", "Float64", "boolean")


def join_column(parts: list[pd.Series | int]) -> pd.Series | None:
    """The parts (a Series, or the length of a file without the column) one after the
    other, as ``pd.concat`` would join them; None when this way does not apply."""
    given = [p for p in parts if isinstance(p, pd.Series)]
    if not given or len({str(p.dtype) for p in given}) != 1:
        return None
    dtype = given[0].dtype
    total = sum(p if isinstance(p, int) else len(p) for p in parts)
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return _join_text(parts, dtype, total)
    if str(dtype) in _MASKED:
        return _join_masked(parts, dtype, total)
    return None


def _join_text(parts: list, dtype, total: int) -> pd.Series | None:  # noqa: ANN001
    import pyarrow as pa

    chunks = []
    for p in parts:
        if isinstance(p, int):
            if not p:
                continue
            blank = lazy_na(dtype, p)  # (an all-NA part)
            arr = blank._pa_array if blank is not None else pa.nulls(p, pa.large_string())
        else:
            arr = getattr(p.array, "_pa_array", None)
            if arr is None:
                return None
        chunks += arr.chunks
    if not chunks:
        return None
    out = pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.large_string()), dtype=dtype)
    if out.dtype != dtype:
        return None
    return pd.Series(out, index=pd.RangeIndex(total), copy=False)


def _join_masked(parts: list, dtype, total: int) -> pd.Series | None:  # noqa: ANN001
    whole = lazy_na(dtype, total) if total else None
    if whole is None:
        return None
    data, mask = whole._data, whole._mask
    at = 0
    for p in parts:
        n = p if isinstance(p, int) else len(p)
        if not isinstance(p, int):
            arr = p.array
            data[at : at + n] = arr._data
            mask[at : at + n] = arr._mask
        at += n
    return pd.Series(whole, index=pd.RangeIndex(total), copy=False)
