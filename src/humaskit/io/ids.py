"""Are the post ids of an import unique? (then the look for repeated posts is skipped)

Told for a whole column, or for a column read in parts from the keys of each part.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["id_keys", "keys_unique", "ids_unique"]


def _is_text(s: pd.Series) -> bool:
    return isinstance(s.dtype, pd.StringDtype) or s.dtype == "str"


def id_keys(ids: pd.Series) -> np.ndarray | None:
    """The ids as int64 for :func:`ids_unique` (None: not cheap to tell); the keys of the
    parts of a column, joined, tell for the whole column (:func:`keys_unique`)."""
    if pd.api.types.is_integer_dtype(ids.dtype):
        if not ids.notna().all():
            return None
        return ids.to_numpy(dtype="int64")
    if not _is_text(ids):
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = (
        ids.array._pa_array if hasattr(ids.array, "_pa_array") else pa.array(ids, from_pandas=True)
    )
    try:
        whole = pc.cast(arr, pa.int64())  # "0012" and "12" meet: a false alarm, never a miss
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if whole.null_count:
        return None
    return whole.to_numpy()


def keys_unique(keys: list[np.ndarray | None]) -> bool:
    """:func:`ids_unique` of a column from the :func:`id_keys` of its parts (sorted in
    place, then neighbours compared: less memory than a hash table)."""
    if any(k is None for k in keys):
        return False
    if not keys:
        return True
    whole = np.concatenate(keys)
    if len(whole) < 2 or (whole[1:] > whole[:-1]).all() or (whole[1:] < whole[:-1]).all():
        return True  # ids in order, each past the one before (exports list posts by time)
    whole.sort()
    return not bool((whole[1:] == whole[:-1]).any())


def ids_unique(ids: pd.Series) -> bool:
    """True when no id is given twice (then the import needs no look for repeated posts);
    False when one is, or when that is not cheap to tell (ids that are not all digits).

    Examples
    --------
    >>> ids_unique(pd.Series(["12", "13"], dtype="str")), ids_unique(pd.Series([5, 5]))
    (True, False)
    """
    return keys_unique([id_keys(ids)])
