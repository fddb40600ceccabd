"""Figures several calls share within a report, kept by the content of the tables they read.

Each of a monthly report's ``kpis`` calls (total, per platform, per account, per unit)
reads the same follower series and the same days with data; :func:`remembered` computes
such a figure once. The key holds a fingerprint of the values of every column read
(:func:`fingerprint`: a hash of each row, in order), so a table edited in place, or
another table, is never served a figure of the old one; the caller gets its own copy.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"a": [1, 2]})
>>> calls = []
>>> def total():
...     calls.append(1)
...     return pd.DataFrame({"sum": [df["a"].sum()]})
>>> first = remembered(("sum", fingerprint(df, ["a"])), total)
>>> again = remembered(("sum", fingerprint(df, ["a"])), total)
>>> df.loc[0, "a"] = 5  # edited in place: computed again
>>> edited = remembered(("sum", fingerprint(df, ["a"])), total)
>>> len(calls), int(again.loc[0, "sum"]), int(edited.loc[0, "sum"])
(2, 3, 7)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

__all__ = ["fingerprint", "remembered"]

#: Figures kept (the oldest are dropped): a report's handful of windows and tables.
SIZE = 16
_kept: OrderedDict[Any, Any] = OrderedDict()


def fingerprint(frame: pd.DataFrame | None, columns: Sequence[str]) -> tuple | None:
    """A key for the values of ``columns`` (those present) of ``frame``, row order included.

    Two frames get the same key only when those columns hold the same values in the same
    order (up to a 128-bit hash of 64-bit row hashes); None for no frame.
    """
    import hashlib

    if frame is None:
        return None
    cols = [c for c in columns if c in frame.columns]
    rows = pd.util.hash_pandas_object(frame[cols], index=False).to_numpy() if cols else b""
    digest = hashlib.blake2b(bytes(rows), digest_size=16).digest()
    return (tuple(cols), tuple(str(frame[c].dtype) for c in cols), len(frame), digest)


def remembered(key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()`` (a DataFrame or None), kept under ``key``; a copy of it each time."""
    if key in _kept:
        _kept.move_to_end(key)
        value = _kept[key]
        return value.copy() if value is not None else None
    value = compute()
    _kept[key] = value.copy() if value is not None else None
    while len(_kept) > SIZE:
        _kept.popitem(last=False)
    return value
