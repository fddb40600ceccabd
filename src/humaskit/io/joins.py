"""Join the same column of several imports' tables without a second copy (read_folder).

``pd.concat`` writes every part of a joined column, also the missing values of the files
that do not have it. Here a text column is joined as a pyarrow chunked array of the files'
own chunks (nothing copied; a file without the column adds an all-NA chunk in untouched
zero pages), and a nullable number column is written into zero pages that stay untouched
where a file has no such column. Other columns, or parts with differing dtypes, are joined
by ``pd.concat`` as before; the result is the same. All-NA parts are made by
:func:`humaskit.schema.lazy_na`.
"""

from __future__ import annotations

import pandas as pd

from ..schema import lazy_na

__all__ = ["join_column"]

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
