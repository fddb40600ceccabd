"""One name for both paths: an analysis function that takes a DataFrame or a store.

:func:`on_store` wraps an in-memory analysis function (``evaluation.kpis``...) so that a
:class:`~humaskit.store.Store`, or the path of a store folder, passed where the function
takes its data runs the store's version (SQL over the months asked for) instead. Anything
else goes to the in-memory function unchanged.

Examples
--------
>>> import tempfile
>>> from humaskit.store import Store
>>> def count(data, *, k=1):
...     "Rows times k."
...     return len(data) * k
>>> def count_store(data, *, k=1):
...     return -k
>>> both = on_store(count, count_store)
>>> both([1, 2, 3], k=2), both(Store.create(tempfile.mkdtemp()), k=2), both.__doc__
(6, -2, 'Rows times k.')
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from typing import Any

from .core import Store, is_store

__all__ = ["on_store", "is_store_data"]


def is_store_data(data: Any) -> bool:
    """True for a :class:`Store` or the path (str or path-like) of a store folder.

    Examples
    --------
    >>> is_store_data("/nonexistent"), is_store_data(None)
    (False, False)
    """
    if isinstance(data, Store):
        return True
    if isinstance(data, (str, os.PathLike)):
        return is_store(data)
    return False


def on_store(memory_fn: Callable[..., Any], store_fn: Callable[..., Any]) -> Callable[..., Any]:
    """``memory_fn``, running ``store_fn`` instead when its data argument is a store.

    The data argument is the first parameter of ``memory_fn`` (given by position or by
    name). The wrapper keeps ``memory_fn``'s name and docstring; ``wrapper.on_store`` is
    ``store_fn``.
    """
    first = next(iter(inspect.signature(memory_fn).parameters))

    @functools.wraps(memory_fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        if args:
            data, rest = args[0], args[1:]
        elif first in kwargs:
            data = kwargs.pop(first)
            rest = ()
        else:
            return memory_fn(*args, **kwargs)
        if is_store_data(data):
            return store_fn(data, *rest, **kwargs)
        return memory_fn(data, *rest, **kwargs)

    run.on_store = store_fn  # type: ignore[attr-defined]
    return run
