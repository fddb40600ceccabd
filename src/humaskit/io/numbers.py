"""Numbers as platforms write them: ``1.234``, ``1,234``, ``12,5%``, ``"12.0"``, ``-``, ``N/A``.

Every conversion is vectorised and decided **per column**, because one column of one file
is written by one program in one language:

1. Empty cells and the markers in ``data/io/values.csv`` (field ``missing``: ``-``, ``N/A``,
   ``undefined``, ...) are missing (NA), never 0.
2. Spaces (also non-breaking and thin spaces), quotes, apostrophes, a leading ``+`` and a
   trailing ``%`` are removed (the ``%`` is remembered).
3. Which of ``.`` and ``,`` is the decimal mark is decided from the evidence in the column:

   - a value with both marks: the last one is the decimal mark (``1.234,5``, ``1,234.5``);
   - a mark that appears twice in one value is the thousands mark (``1.234.567``);
   - a mark followed by other than exactly three digits, or after a lone ``0``, is the
     decimal mark (``12,5``, ``12.0``, ``0.125``);
   - with no evidence (every value looks like ``1.234`` or ``1,234``): in a count column
     the mark groups thousands (a count has no fraction); in other columns the file's
     language decides (Bahasa Indonesia: ``,`` is decimal, ``.`` groups thousands;
     English and unknown: the other way round).

4. A value that still is not a number is reported as bad (the reader skips its row with
   the reason), never guessed.

Examples
--------
>>> import pandas as pd
>>> parse(pd.Series(["1.234", "2.000.000", "-", "N/A", ""]), integer=True).values.tolist()
[1234.0, 2000000.0, <NA>, <NA>, <NA>]
>>> parse(pd.Series(["12,5%", "7%"]), language="id").values.tolist()
[12.5, 7.0]
>>> parse(pd.Series(["12.0", "4209.0"]), integer=True).values.tolist()
[12.0, 4209.0]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .lookup import normalize, value_map

__all__ = [
    "Parsed",
    "parse",
    "missing_mask",
    "to_int",
    "text_of",
    "normalized",
    "map_unique",
    "edge_chars",
    "decide_stats",
    "decide_from",
    "may_be_ints",
    "text_series",
]

_STRIP = "[ \t\r\n\u00a0\u2009\u202f\"'’+]"
_NUMERIC = r"^-?[0-9.,]*[0-9][0-9.,]*$|^-?[0-9.]+[eE][+-]?[0-9]+$"


@dataclass
class Parsed:
    """The result of :func:`parse`.

    Attributes
    ----------
    values : Series
        Float64, NA where missing or bad.
    bad : Series of bool
        Cells that were given but are not a number.
    percent : Series of bool
        Cells written with a ``%``.
    decimal : str
        The decimal mark decided for the column.
    """

    values: pd.Series
    bad: pd.Series
    percent: pd.Series
    decimal: str = "."


def _as_text(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.StringDtype) or s.dtype == "str":
        return s
    if pd.api.types.is_integer_dtype(s.dtype) and not isinstance(s.dtype, pd.ArrowDtype):
        import pyarrow as pa

        arr = pa.array(s, from_pandas=True).cast(pa.string())
        return pd.Series(arr.to_pandas().array, index=s.index).astype("str")
    if s.dtype == object:
        return s.map(lambda v: v if isinstance(v, str) or v is None or v != v else str(v)).astype(
            "str"
        )
    return s.astype("str").where(s.notna())


@lru_cache(maxsize=1)
def _markers() -> tuple[str, ...]:
    out: set[str] = {""}
    for m in value_map("missing"):
        out.update({m, m.lower(), m.upper(), m.title(), m.capitalize()})
    return tuple(sorted(out))


@lru_cache(maxsize=1)
def _marker_set() -> tuple[tuple[str, ...], int]:
    """The missing markers and the byte length of the longest one."""
    markers = _markers()
    return markers, max(len(m.encode("utf-8")) for m in markers)


def _short_values(c, longest: int) -> np.ndarray:  # noqa: ANN001
    """Positions of the valid values of the text array ``c`` at most ``longest`` bytes long
    (from the offsets: no text read)."""
    import pyarrow as pa

    if not (pa.types.is_string(c.type) or pa.types.is_large_string(c.type)):
        import pyarrow.compute as pc

        size = pc.fill_null(pc.binary_length(c), longest + 1).to_numpy(zero_copy_only=False)
        return np.flatnonzero(size <= longest)
    if not len(c) or c.buffers()[1] is None:
        return np.zeros(0, dtype=np.intp)
    wide = pa.types.is_large_string(c.type)
    offs = np.frombuffer(c.buffers()[1], dtype=np.int64 if wide else np.int32)
    size = np.diff(offs[c.offset : c.offset + len(c) + 1])
    short = size <= longest
    if c.null_count:
        short &= c.is_valid().to_numpy(zero_copy_only=False)
    return np.flatnonzero(short)


def map_unique(values: pd.Series, func) -> pd.Series:
    """Apply ``func`` to each distinct text only, then spread the results (fast on big columns).

    Examples
    --------
    >>> import pandas as pd
    >>> map_unique(pd.Series(["a", "b", "a", None]), str.upper).tolist()
    ['A', 'B', 'A', nan]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = (
        pa.chunked_array([pa.array(values, type=pa.large_string(), from_pandas=True)])
        if not (hasattr(values.array, "_pa_array"))
        else values.array._pa_array
    )
    enc = pc.dictionary_encode(arr).combine_chunks()
    mapped = pa.array([func(v) for v in enc.dictionary.to_pylist()], type=pa.large_string())
    return text_series(pc.take(mapped, enc.indices), values.index)


def missing_mask(s: pd.Series) -> pd.Series:
    """True where a text cell is empty or a missing marker (``-``, ``N/A``, ``undefined``...).

    Examples
    --------
    >>> import pandas as pd
    >>> missing_mask(pd.Series(["undefined", "0", None, " "])).tolist()
    [True, False, True, True]
    """
    if not (isinstance(s.dtype, pd.StringDtype) or s.dtype == "str" or s.dtype == object):
        return s.isna()
    text = _as_text(s).str.strip()
    out = text.isna() | text.isin(_markers())
    return out.fillna(True).astype(bool)


def _count(mask: pd.Series) -> int:
    return int(mask.fillna(False).astype(bool).sum())


def _decide(t: pd.Series, *, integer: bool, language: str | None) -> str:
    """Decide the decimal mark of a column of cleaned number texts."""
    return decide_from(decide_stats(t), integer=integer, language=language)


def decide_stats(t: pd.Series) -> tuple[int, int, int, int, bool]:
    """The evidence :func:`decide_from` decides the decimal mark from, for the cleaned
    number texts ``t``: values with both marks, those of them whose last mark is ``,``,
    the votes for ``.`` and ``,`` as decimal marks, and whether any value has a ``.``.
    Evidence of the parts of a column adds up to that of the column (elementwise sum;
    ``or`` for the last)."""
    has_dot = t.str.contains(".", regex=False).fillna(False)
    has_com = t.str.contains(",", regex=False).fillna(False)
    both = has_dot & has_com
    n_both = int(both.sum())
    if n_both:
        last_com = t[both].str.rfind(",") > t[both].str.rfind(".")
        return n_both, int(last_com.sum()), 0, 0, bool(has_dot.any())
    votes = {".": 0, ",": 0}  # evidence that the mark is the decimal mark (+) / grouping (-)
    for mark, present in ((".", has_dot), (",", has_com)):
        if not present.any():
            continue
        v = t[present]
        esc = "\\" + mark
        twice = v.str.count(esc) > 1
        votes[mark] -= _count(twice)
        single = v[~twice]
        grouped = single.str.fullmatch(rf"-?[1-9][0-9]{{0,2}}{esc}[0-9]{{3}}")
        votes[mark] += _count(~grouped.fillna(True).astype(bool))
    return 0, 0, votes["."], votes[","], bool(has_dot.any())


def decide_from(stats: tuple, *, integer: bool, language: str | None) -> str:
    """The decimal mark from the evidence of :func:`decide_stats`.

    Examples
    --------
    >>> decide_from((0, 0, 0, 0, True), integer=True, language=None)
    ','
    """
    n_both, n_last, dot, com, has_dot = stats
    if n_both:
        return "," if n_last * 2 >= n_both else "."
    if dot > 0 or com < 0:
        return "."
    if com > 0 or dot < 0:
        return ","
    if integer:
        # "1.234" or "1,234" in a count column: the mark groups thousands.
        return "," if has_dot else "."
    return "," if language == "id" else "."


def parse(
    values: pd.Series,
    *,
    integer: bool = False,
    language: str | None = None,
) -> Parsed:
    """Read one column of numbers as platforms write them.

    Parameters
    ----------
    values : Series
        Text (or already numeric) cells.
    integer : bool
        The column holds counts (used when ``.``/``,`` is otherwise ambiguous).
    language : str, optional
        The file's UI language (``"id"`` or ``"en"``), for ambiguous non-count columns.

    Returns
    -------
    Parsed
        ``.values`` (Int64 or Float64), ``.bad``, ``.percent``, ``.decimal``.

    Examples
    --------
    >>> import pandas as pd
    >>> p = parse(pd.Series(["1,234", "12"]), integer=True)
    >>> p.values.tolist(), p.decimal
    ([1234.0, 12.0], '.')
    """
    return _parse(values, integer=integer, language=language)


def _parse(
    values: pd.Series, *, integer: bool, language: str | None, evidence: dict | None = None
) -> Parsed:
    """:func:`parse`; ``evidence`` (a dict) is given the way the column was read
    (``path``) and, when the decimal mark was decided, its evidence (``stats``)."""
    index = values.index
    evidence = {} if evidence is None else evidence
    if pd.api.types.is_bool_dtype(values.dtype):
        values = values.astype("Int64")
    if pd.api.types.is_numeric_dtype(values.dtype):
        kind = "Int64" if pd.api.types.is_integer_dtype(values.dtype) else "Float64"
        evidence["path"] = "numeric " + kind
        none = pd.Series(False, index=index)
        return Parsed(values.astype(kind), none, none)
    text = _as_text(values)
    fast = _plain_numbers(text, integer=integer, language=language)
    if fast is not None:
        evidence["path"] = "plain " + str(fast.dtype)
        none = pd.Series(False, index=index)
        return Parsed(fast, none, none.copy())
    miss = missing_mask(text)
    t = text.str.replace(_STRIP, "", regex=True)
    pct = t.str.endswith("%").fillna(False).astype(bool) & ~miss
    t = t.str.rstrip("%")
    t = t.where(~miss)
    shape_ok = t.str.match(_NUMERIC).fillna(False).astype(bool)
    candidates = t.where(shape_ok)
    stats = decide_stats(candidates.dropna())
    decimal = decide_from(stats, integer=integer, language=language)
    evidence.update(path="marks " + decimal, stats=stats)
    group = "," if decimal == "." else "."
    clean = candidates.str.replace(group, "", regex=False)
    if decimal == ",":
        clean = clean.str.replace(",", ".", regex=False)
    # More than one decimal mark left means the value contradicts the column's decision.
    ok = clean.str.count(r"\.").fillna(0) <= 1
    clean = clean.where(ok)
    num = pd.to_numeric(clean, errors="coerce").astype("Float64")
    bad = (~miss) & num.isna()
    return Parsed(num.where(~bad), bad.astype(bool), pct, decimal)


def _arrow(text: pd.Series):
    """The pyarrow array behind a text Series (no copy when it is pyarrow-backed)."""
    import pyarrow as pa

    if hasattr(text.array, "_pa_array"):
        return text.array._pa_array
    return pa.chunked_array([pa.array(text, type=pa.large_string(), from_pandas=True)])


_INT_BYTES = np.zeros(256, dtype=bool)  # bytes pyarrow's text -> int64 cast can accept
for _c in b"0123456789-xXabcdefABCDEF":  # (it reads "0x1F" too)
    _INT_BYTES[_c] = True


def may_be_ints(arr) -> bool:  # noqa: ANN001
    """False when a value of the pyarrow text array ``arr`` has a byte no whole number
    has (``12.0``): a cast to int64 would fail, and a failing cast reads every value.

    Examples
    --------
    >>> import pyarrow as pa
    >>> may_be_ints(pa.array(["12", "-3"])), may_be_ints(pa.array(["12.0"]))
    (True, False)
    """
    import pyarrow as pa

    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    for c in chunks:
        if not (pa.types.is_string(c.type) or pa.types.is_large_string(c.type)):
            return True
        if not len(c) or c.buffers()[1] is None or c.buffers()[2] is None:
            continue
        wide = pa.types.is_large_string(c.type)
        offs = np.frombuffer(c.buffers()[1], dtype=np.int64 if wide else np.int32)
        lo, hi = int(offs[c.offset]), int(offs[c.offset + len(c)])
        data = np.frombuffer(c.buffers()[2], dtype=np.uint8)[lo:hi]
        if not _INT_BYTES[data].all():
            return False  # (a null's bytes are empty: no false alarm)
    return True


def _plain_numbers(text: pd.Series, *, integer: bool, language: str | None) -> pd.Series | None:
    """Numbers when every given cell is a plain number (the common case), else None.

    Plain: digits, or digits with a ``.`` decimal part that cannot be a thousands group
    (not exactly three digits in a count column or an Indonesian file). Empty cells are
    missing. Anything else (markers, ``%``, other marks) goes to the full parser.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = _arrow(text)
    arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, arr.type), arr)
    try:
        if not may_be_ints(arr):
            raise pa.ArrowInvalid("not whole numbers")  # (without reading every value)
        ints = pc.cast(arr, pa.int64())
        return pd.Series(
            ints.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get).array, index=text.index
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    if not pc.all(pc.match_substring_regex(arr, r"^-?[0-9]{1,15}(\.[0-9]+)?$")).as_py():
        return None
    if integer or language == "id":
        grouped = pc.any(pc.match_substring_regex(arr, r"^-?[1-9][0-9]{0,2}\.[0-9]{3}$"))
        evidence = pc.any(pc.match_substring_regex(arr, r"\.([0-9]{1,2}|[0-9]{4,})$|^-?0\."))
        if grouped.as_py() and not evidence.as_py():
            return None
    nums = pc.cast(arr, pa.float64())
    return pd.Series(
        nums.to_pandas(types_mapper={pa.float64(): pd.Float64Dtype()}.get).array,
        index=text.index,
    )


def to_int(values: pd.Series) -> tuple[pd.Series, int]:
    """Round Float64 numbers to Int64; return them and how many had a fraction.

    Examples
    --------
    >>> import pandas as pd
    >>> s, n = to_int(pd.Series([1.0, 2.6, None], dtype="Float64"))
    >>> s.tolist(), n
    ([1, 3, <NA>], 1)
    """
    if pd.api.types.is_integer_dtype(values.dtype):
        return values.astype("Int64"), 0
    v = values.astype("Float64")
    arr = v.to_numpy(dtype="float64", na_value=np.nan)
    frac = np.isfinite(arr) & (np.abs(arr - np.round(arr)) > 1e-9)
    rounded = np.round(arr)
    too_big = np.abs(rounded) > 9.2e18
    rounded[too_big] = np.nan
    out = pd.array(rounded, dtype="Float64")
    out = pd.Series(out, index=values.index).astype("Int64")
    return out, int(frac.sum())


def text_of(values: pd.Series) -> pd.Series:
    """Text cells with surrounding spaces removed and missing markers as NA.

    Examples
    --------
    >>> import pandas as pd
    >>> text_of(pd.Series([" a ", "N/A", ""])).tolist()
    ['a', nan, nan]
    """
    if pd.api.types.is_integer_dtype(values.dtype):
        return _as_text(values)
    t = _as_text(values)
    return _clean_texts(t)


#: What ``str.strip()`` removes: every character Python calls whitespace.
_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


#: pandas' default text dtype ("str"), pyarrow-backed.
_STR = pd.StringDtype("pyarrow", na_value=np.nan)


def text_series(arr, index: pd.Index) -> pd.Series:  # noqa: ANN001
    """A pyarrow text array as a pandas ``str`` Series, its buffers used as they are (no
    conversion through the ``string`` dtype)."""
    return pd.Series(pd.arrays.ArrowStringArray(arr, dtype=_STR), index=index, copy=False)


def _clean_texts(t: pd.Series) -> pd.Series:
    """:func:`_clean_text` of every cell, vectorised in pyarrow (no Python call per value).

    Long texts are not copied unless some value needs trimming; the missing markers are
    looked up among the short values only and turned into NA through the validity bitmap.
    """
    import pyarrow as pa

    arr = (
        t.array._pa_array
        if hasattr(t.array, "_pa_array")
        else pa.chunked_array([pa.array(t, type=pa.large_string(), from_pandas=True)])
    )
    chunks = [_clean_chunk(c) for c in arr.chunks] or [pa.array([], type=arr.type)]
    return text_series(pa.chunked_array(chunks, type=chunks[0].type), t.index)


def edge_chars(c, chars: str) -> bool:
    """True when a value of the pyarrow string array ``c`` starts or ends with one of
    ``chars``. The first and last bytes are looked at in numpy; only the values they
    point at are checked by character.

    Examples
    --------
    >>> import pyarrow as pa
    >>> edge_chars(pa.array(["a b", "c\u3000"]), _SPACES), edge_chars(pa.array(["a b"]), " ")
    (True, False)
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(c, pa.ChunkedArray):
        return any(edge_chars(k, chars) for k in c.chunks)
    n = len(c)
    data = c.buffers()[2] if len(c.buffers()) > 2 else None
    if not n or data is None or c.buffers()[1] is None:
        return False
    wide = pa.types.is_large_string(c.type) or pa.types.is_large_binary(c.type)
    offs = np.frombuffer(c.buffers()[1], dtype=np.int64 if wide else np.int32)
    offs = offs[c.offset : c.offset + n + 1]
    raw = np.frombuffer(data, dtype=np.uint8)
    first, last = _edge_bytes(chars)
    starts, ends = offs[:-1], offs[1:]
    some = ends > starts
    if not some.all():
        starts, ends = starts[some], ends[some]
    maybe = first[raw[starts]] | last[raw[ends - 1]]
    if not maybe.any():
        return False
    at = np.flatnonzero(some)[maybe] if not some.all() else np.flatnonzero(maybe)
    sub = c.take(pa.array(at))
    allowed = pa.array(list(chars), type=c.type)
    for edge in (pc.utf8_slice_codeunits(sub, 0, 1), pc.utf8_slice_codeunits(sub, -1)):
        if pc.any(pc.is_in(edge, value_set=allowed)).as_py():
            return True
    return False


@lru_cache(maxsize=16)
def _edge_bytes(chars: str) -> tuple[np.ndarray, np.ndarray]:
    """Look-up tables (256 booleans) of the first and the last UTF-8 bytes of ``chars``."""
    first = np.zeros(256, dtype=bool)
    last = np.zeros(256, dtype=bool)
    for ch in chars:
        b = ch.encode("utf-8")
        first[b[0]] = True
        last[b[-1]] = True
    return first, last


def _clean_chunk(c):
    import pyarrow as pa
    import pyarrow.compute as pc

    if edge_chars(c, _SPACES):
        c = pc.utf8_trim(c, _SPACES)
    markers, longest = _marker_set()
    short = _short_values(c, longest)
    if not len(short):
        return c
    hit = pc.is_in(c.take(pa.array(short)), value_set=pa.array(markers, type=c.type))
    gone = short[pc.fill_null(hit, False).to_numpy(zero_copy_only=False)]
    if not len(gone):
        return c
    valid = pc.is_valid(c).to_numpy(zero_copy_only=False).copy()
    valid[gone] = False
    valid = np.concatenate([np.zeros(c.offset, dtype=bool), valid])  # a slice's offset
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(c.type, len(c), [bitmap, *c.buffers()[1:]], offset=c.offset)


def _clean_text(value: str) -> str | None:
    v = value.strip()
    return None if v in _markers() else v


def normalized(values: pd.Series) -> pd.Series:
    """Values in the form of :func:`humaskit.io.lookup.normalize` (computed per distinct value).

    Examples
    --------
    >>> import pandas as pd
    >>> normalized(pd.Series([" IG  Reel", None])).tolist()
    ['ig reel', nan]
    """
    return map_unique(_as_text(values), normalize)
