"""Times as platforms write them, turned into UTC (vectorised, no per-row Python).

Rules (also shown in the notes of each import):

- **Meta** (Business Suite post exports, old Insights): ``Publish time`` is the wall clock
  of US Pacific time (``America/Los_Angeles``) with daylight saving, whatever the
  account's country. :func:`local_to_utc` converts it. Around the changes of the clock:

  - a *repeated* hour (first Sunday of November, 01:00-01:59 happens twice) is read as
    daylight time, the first of the two (UTC-7);
  - a *skipped* hour (second Sunday of March, 02:00-02:59 does not exist) is read as
    standard time, as if the clock had not moved yet (02:30 becomes 10:30 UTC).

- **X**: legacy exports give ``YYYY-MM-DD HH:MM +0000`` (UTC); Premium exports give only
  a day, and the exact time is recovered from the post id (a "snowflake"):
  milliseconds since the Unix epoch = ``(id >> 22) + 1288834974657``.
- **TikTok**: video ids carry their creation time too (``id >> 32`` = Unix seconds); dates
  without a year get their year from an anchor day (:func:`infer_years`).
- A day without a time (YouTube publish day, X days whose id is not a snowflake) becomes
  00:00 UTC of that day.

Examples
--------
>>> import pandas as pd
>>> s = pd.Series(pd.to_datetime(["2025-03-09 02:30", "2025-11-02 01:30", "2025-07-01 12:00"]))
>>> [str(t) for t in local_to_utc(s, META_TZ)]
['2025-03-09 10:30:00+00:00', '2025-11-02 08:30:00+00:00', '2025-07-01 19:00:00+00:00']
>>> str(snowflake_time(pd.Series(["1891564128784855141"]))[0])
'2025-02-17 19:03:26.521000+00:00'
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from .lookup import month_key, month_names
from .numbers import edge_chars, normalized

__all__ = [
    "META_TZ",
    "X_EPOCH_MS",
    "local_to_utc",
    "parse_datetimes",
    "parse_days",
    "month_day_year",
    "compose_date",
    "infer_years",
    "snowflake_time",
    "tiktok_id_time",
    "dates_in_name",
]

META_TZ = "America/Los_Angeles"
X_EPOCH_MS = 1288834974657
_EARLIEST_SNOWFLAKE = pd.Timestamp("2010-11-04", tz="UTC")
_EARLIEST_TIKTOK = pd.Timestamp("2016-01-01", tz="UTC")
_SAFE = (pd.Timestamp("1700-01-01"), pd.Timestamp("2250-01-01"))  # zones convert safely


def local_to_utc(naive: pd.Series, tz: str) -> pd.Series:
    """Read wall-clock times of zone ``tz`` and return them in UTC (rules in the module doc).

    Examples
    --------
    >>> import pandas as pd
    >>> str(local_to_utc(pd.Series(pd.to_datetime(["2025-09-01 21:13"])), META_TZ)[0])
    '2025-09-02 04:13:00+00:00'
    """
    s = pd.Series(naive, copy=False)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.dt.tz_convert("UTC")
    inside = s.isna() | ((s >= _SAFE[0]) & (s <= _SAFE[1]))
    if not inside.all():  # year 9999 or 1677: kept as written (UTC), emptied by the readers
        out = local_to_utc(s.where(inside), tz)
        return out.where(inside, s.dt.tz_localize("UTC"))
    ambiguous = np.ones(len(s), dtype=bool)  # repeated hour: daylight time (the first one)
    local = s.dt.tz_localize(tz, ambiguous=ambiguous, nonexistent=pd.Timedelta(hours=1))
    return local.dt.tz_convert("UTC")


_CODES = {
    "%Y": r"(?P<Y>\d{4})",
    "%m": r"(?P<m>\d{1,2})",
    "%d": r"(?P<d>\d{1,2})",
    "%H": r"(?P<H>\d{1,2})",
    "%M": r"(?P<M>\d{2})",
    "%S": r"(?P<S>\d{2})",
}


def _fast_strptime(t: pd.Series, fmt: str) -> pd.Series | None:
    """Strict, vectorised parsing of numeric formats (%Y %m %d %H %M %S) with pyarrow.

    Fixed-width columns (every value as long as the first) use pyarrow's C++ ``strptime``
    and check the day of the month from its position (``strptime`` alone would read
    ``02/30`` as ``03/02``); other columns use a regex. Returns None for formats it does not
    handle (the caller uses pandas).
    """
    pieces = re.split(r"(%.)", fmt)
    pattern = ""
    for piece in pieces:
        if piece.startswith("%") and len(piece) == 2:
            if piece not in _CODES:
                return None
            pattern += _CODES[piece]
        else:
            pattern += re.escape(piece)
    if "(?P<Y>" not in pattern or "(?P<m>" not in pattern or "(?P<d>" not in pattern:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(t):
        return pd.Series([], index=t.index, dtype="datetime64[us]")
    numbers = _fixed_fields(_arrow_text(t), fmt)
    if numbers is not None:  # zero-padded everywhere: read by position in numpy
        return _compose(numbers, t.index)
    arr = pa.array(t.astype("str"), type=pa.string(), from_pandas=True)
    fixed = _fixed_width(arr, "^" + pattern + "$")
    if fixed is not None:
        got = pc.strptime(arr, format=fmt, unit="us", error_is_null=True)
        for name, span in fixed.items():
            if name not in ("d", "m"):
                continue
            written = pc.cast(pc.utf8_slice_codeunits(arr, span[0], span[1]), pa.int64())
            parsed = pc.day(got) if name == "d" else pc.month(got)
            ok = pc.fill_null(pc.equal(written, parsed), False)
            got = pc.if_else(ok, got, pa.scalar(None, got.type))
        values = got.to_numpy(zero_copy_only=False).astype("datetime64[us]")
        return pd.Series(values, index=t.index)
    found = pc.extract_regex(arr, "^" + pattern + "$")

    def part(name: str, default: float) -> np.ndarray:
        if f"(?P<{name}>" not in pattern:
            return np.full(len(t), default)
        col = pc.cast(pc.struct_field(found, name), pa.float64())
        return col.to_numpy(zero_copy_only=False)

    y, m, d = part("Y", np.nan), part("m", np.nan), part("d", np.nan)
    hh, mm, ss = part("H", 0.0), part("M", 0.0), part("S", 0.0)
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(y) & np.isfinite(m) & np.isfinite(d) & np.isfinite(hh)
        ok &= (m >= 1) & (m <= 12) & (d >= 1) & (d <= 31)
        ok &= (hh <= 23) & (mm <= 59) & (ss <= 59)
    months = np.where(ok, (y - 1970) * 12 + (m - 1), 0).astype("int64")
    start = months.astype("datetime64[M]")
    day = start.astype("datetime64[D]") + np.where(ok, d - 1, 0).astype("timedelta64[D]")
    ok &= day.astype("datetime64[M]") == start
    secs = np.where(ok, hh * 3600 + mm * 60 + ss, 0).astype("int64")
    stamp = day.astype("datetime64[us]") + (secs * 1_000_000).astype("timedelta64[us]")
    out = pd.Series(stamp, index=t.index)
    return out.where(ok)


_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


_SLICE = 1 << 17  # rows per slice of the time arithmetic (its temporaries stay small)


def _stamps(y, m, d, secs, ok) -> tuple[np.ndarray, np.ndarray]:
    """Microseconds since 1970 as ``datetime64[us]`` (NaT where not ``ok`` or not a day of
    the calendar, e.g. 02/30), and the updated ``ok``. Integer arithmetic of the
    proleptic Gregorian calendar (numpy's month and day units are slow), slice by slice
    (memory: the temporaries of one slice; arrays or scalars)."""
    ok = np.asarray(ok, dtype=bool)
    n = len(ok)
    if n <= _SLICE:
        return _stamps_part(y, m, d, secs, ok)
    out = np.empty(n, dtype="datetime64[us]")
    out_ok = np.empty(n, dtype=bool)
    for lo in range(0, n, _SLICE):
        at = slice(lo, lo + _SLICE)
        out[at], out_ok[at] = _stamps_part(*(_cut(v, at) for v in (y, m, d, secs)), ok[at])
    return out, out_ok


def _cut(v, at: slice):
    return v[at] if np.ndim(v) else v


def _stamps_part(y, m, d, secs, ok) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_stamps` of one slice."""
    ok = np.asarray(ok, dtype=bool)
    y = np.where(ok, y, 2000).astype(np.int64)
    m = np.where(ok, m, 1).astype(np.int64)
    d = np.where(ok, d, 1).astype(np.int64)
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    ok = ok & (m >= 1) & (m <= 12) & (d >= 1)
    m = np.clip(m, 1, 12)
    ok &= d <= _MONTH_DAYS[m - 1] + ((m == 2) & leap)
    yy = y - (m <= 2)
    era = np.floor_divide(yy, 400)
    yoe = yy - era * 400
    doy = (153 * ((m + 9) % 12) + 2) // 5 + d - 1
    days = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
    us = (days * 86400 + np.where(ok, secs, 0).astype(np.int64)) * 1_000_000
    us[~ok] = np.iinfo(np.int64).min  # NaT
    return us.view("datetime64[us]"), ok


def _compose(numbers: dict[str, np.ndarray], index: pd.Index) -> pd.Series:
    """Naive datetimes from the fields of :func:`_fixed_fields` (NaT for days like 02/30),
    slice by slice (memory)."""
    n = len(numbers["Y"])
    out = np.empty(n, dtype="datetime64[us]")
    for lo in range(0, n, _SLICE):
        at = slice(lo, lo + _SLICE)
        part = {k: v[at] for k, v in numbers.items()}
        secs = sum(part[k] * s for k, s in (("H", 3600), ("M", 60), ("S", 1)) if k in part)
        secs = secs - part["z"] * 60 if "z" in part else secs
        ok = np.ones(len(part["Y"]), dtype=bool)
        out[at], _ = _stamps_part(part["Y"], part["m"], part["d"], secs, ok)
    return pd.Series(out, index=index)


def _fixed_width(arr, pattern: str) -> dict[str, tuple[int, int]] | None:
    """Spans of the fields when every value has the layout of the first one, else None."""
    import pyarrow.compute as pc

    first = arr[0].as_py() if arr.null_count == 0 else None
    if not first or not first.isascii():
        return None
    m = re.match(pattern, first)
    if m is None:
        return None
    lengths = pc.min_max(pc.utf8_length(arr))
    if lengths["min"].as_py() != lengths["max"].as_py():
        return None
    spans = {k: m.span(k) for k in m.groupdict()}
    # same separators everywhere: the characters between fields must match the first value
    return spans if all(e - s == len(m.group(k)) for k, (s, e) in spans.items()) else None


_OFFSET_CODES = frozenset({"%Y", "%m", "%d", "%H", "%M", "%S", "%z"})
_SIMPLE_OFFSET = re.compile(r"^(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$")


def _offset_strptime(t: pd.Series, fmt: str) -> pd.Series | None:
    """``pd.to_datetime(t, format=fmt, errors="coerce", utc=True)``, vectorised, naive UTC.

    For the formats with an offset (``%z``) that pandas parses row by row (not ISO 8601,
    e.g. X's ``%Y-%m-%d %H:%M %z``): the values are matched in pyarrow against the very
    regular expression pandas uses, and the offset is subtracted in numpy. Values the
    fast path cannot settle exactly as pandas would (characters outside printable ASCII,
    offsets with seconds) go to pandas. Returns None for formats it does not handle.
    """
    if set(re.findall(r"%.", fmt)) - _OFFSET_CODES:
        return None
    try:
        from pandas._libs.tslibs.strptime import TimeRE, format_is_iso

        if format_is_iso(fmt):  # pandas' own ISO parser is fast already
            return None
        pattern = TimeRE().pattern(fmt)
    except Exception:  # a pandas without these internals: the slow, exact way
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    out = pd.Series(pd.NaT, index=t.index, dtype="datetime64[us]")
    if not len(t):
        return out
    fixed = _fixed_fields(_arrow_text(t), fmt)
    arr = None
    if fixed is not None:
        simple_np = matched = np.ones(len(t), dtype=bool)
        stamp = np.empty(len(t), dtype="datetime64[us]")
        ok = np.empty(len(t), dtype=bool)
        for lo in range(0, len(t), _SLICE):  # slice by slice: small temporaries
            at = slice(lo, lo + _SLICE)
            y, m, d = (fixed[k][at].astype("float64") for k in "Ymd")
            hour, minute, sec = (
                fixed[k][at].astype("float64") if k in fixed else 0.0 for k in "HMS"
            )
            shift = fixed["z"][at].astype("float64") * 60
            stamp[at], ok[at] = _offset_stamps(y, m, d, hour, minute, sec, shift, simple_np[at])
    else:
        arr = pa.array(t.astype("str"), type=pa.string(), from_pandas=True)
        plain = re.sub(r"\((?!\?)", "(?:", pattern)  # pyarrow wants named groups only
        found = pc.extract_regex(arr, "(?i)^(?:" + plain + ")$")
        fields = {f.name: pc.struct_field(found, f.name) for f in found.type}
        matched = pc.is_valid(found).to_numpy(zero_copy_only=False)

        def num(name: str, default: float) -> np.ndarray:
            if name not in fields:
                return np.full(len(t), default)
            col = pc.utf8_trim(fields[name], " ")
            return pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False)

        zone = fields["z"]
        simple = pc.fill_null(pc.match_substring_regex(zone, _SIMPLE_OFFSET.pattern), False)
        minus = pc.fill_null(pc.starts_with(zone, "-"), False).to_numpy(zero_copy_only=False)
        digits = pc.if_else(simple, zone, pa.scalar("+0000"))
        digits = pc.replace_substring(pc.replace_substring(digits, "Z", "+0000"), ":", "")

        def cut(a: int, b: int) -> np.ndarray:
            part = pc.cast(pc.utf8_slice_codeunits(digits, a, b), pa.float64())
            return part.to_numpy(zero_copy_only=False)

        shift = np.where(minus, -1, 1) * (cut(1, 3) * 3600 + cut(3, 5) * 60)
        simple_np = simple.to_numpy(zero_copy_only=False)
        y, m, d = num("Y", np.nan), num("m", np.nan), num("d", np.nan)
        hour, minute, sec = num("H", 0.0), num("M", 0.0), num("S", 0.0)
        stamp, ok = _offset_stamps(y, m, d, hour, minute, sec, shift, simple_np)
    out = pd.Series(stamp, index=t.index)
    # what only pandas settles exactly: other characters, offsets with seconds, hours >= 24
    odd = ~ok
    if odd.any():
        if arr is None:
            arr = pa.array(t.astype("str"), type=pa.string(), from_pandas=True)
        failed = arr.filter(pa.array(odd))
        other = pc.fill_null(pc.match_substring_regex(failed, r"[^\x20-\x7e]"), False)
        odd[odd] = other.to_numpy(zero_copy_only=False) | (matched[odd] & ~simple_np[odd])
    if odd.any():
        slow = pd.to_datetime(t[odd], format=fmt, errors="coerce", utc=True)
        out.loc[odd] = slow.dt.tz_localize(None).astype("datetime64[us]")
    return out


def _offset_stamps(y, m, d, hour, minute, sec, shift, simple) -> tuple[np.ndarray, np.ndarray]:
    """UTC stamps of :func:`_offset_strptime` from its fields (float, NaN if missing)."""
    with np.errstate(invalid="ignore"):
        ok = simple & np.isfinite(y) & np.isfinite(m) & np.isfinite(d) & (y >= 1)
        ok &= np.isfinite(hour) & np.isfinite(minute) & np.isfinite(sec) & (sec <= 59)
    secs = np.where(ok, hour * 3600 + minute * 60 + sec - shift, 0)
    return _stamps(y, m, d, secs, ok)


#: Zero-padded fields: (width, smallest, largest); %z is a sign and four digits.
_STRICT = {
    "%Y": (4, 0, 9999),
    "%m": (2, 1, 12),
    "%d": (2, 1, 31),
    "%H": (2, 0, 23),
    "%M": (2, 0, 59),
    "%S": (2, 0, 59),
    "%z": (5, 0, 2359),
}


def _fixed_fields(arr, fmt: str) -> dict[str, np.ndarray] | None:
    """The numbers of ``fmt``'s fields, read by position in numpy, when every value has
    the zero-padded layout (``2025-09-02 02:54 +0000``; a strict subset of what the
    regex parsers accept, so the result is theirs), else None.

    ``z`` comes back as signed minutes; the others as written (int32). Chunk by chunk,
    in slices (memory: no copy of the text, small temporaries).
    """
    import pyarrow as pa

    pieces = [p for p in re.split(r"(%.)", fmt) if p]
    if any(p.startswith("%") and len(p) == 2 and p not in _STRICT for p in pieces):
        return None
    width = sum(_STRICT[p][0] if p in _STRICT else len(p) for p in pieces)
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    n = sum(len(c) for c in chunks)
    if any(c.null_count for c in chunks) or not n or not width:
        return None
    names = [p[1] for p in pieces if p in _STRICT]
    out = {k: np.empty(n, dtype=np.int32) for k in names}
    done = 0
    for chunk in chunks:
        if not len(chunk):
            continue
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            return None
        wide = pa.types.is_large_string(chunk.type)
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64 if wide else np.int32)
        offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1]
        if offsets[-1] - offsets[0] != len(chunk) * width:
            return None
        if not (np.diff(offsets) == width).all():
            return None
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        grid = data.reshape(len(chunk), width)
        for lo in range(0, len(chunk), _SLICE):
            part = _fixed_part(grid[lo : lo + _SLICE], pieces)
            if part is None:
                return None
            for k, v in part.items():
                out[k][done + lo : done + lo + len(v)] = v
        done += len(chunk)
    return out


def _fixed_part(grid: np.ndarray, pieces: list[str]) -> dict[str, np.ndarray] | None:
    """:func:`_fixed_fields` of the rows of ``grid`` (one value per row, one byte a column)."""
    n = len(grid)
    out: dict[str, np.ndarray] = {}
    at = 0
    for piece in pieces:
        if piece not in _STRICT:
            for c in piece:
                col = grid[:, at]
                ok = (col == 32) if c.isspace() else (col == ord(c))
                if not c.isascii() or not ok.all():
                    return None
                at += 1
            continue
        size, low, high = _STRICT[piece]
        sign = None
        if piece == "%z":
            sign = grid[:, at]
            if not ((sign == ord("+")) | (sign == ord("-"))).all():
                return None
            at += 1
            size -= 1
        value = np.zeros(n, dtype=np.int32)
        for i in range(at, at + size):
            digit = grid[:, i] - np.uint8(48)  # wraps below "0": one test for both ends
            if (digit > 9).any():
                return None
            value = value * 10 + digit
        if piece == "%z":
            hours, minutes = value // 100, value % 100
            if (hours > 23).any() or (minutes > 59).any():
                return None
            value = np.where(sign == ord("-"), -1, 1) * (hours * 60 + minutes)
        elif (value < low).any() or (value > high).any():
            return None
        out[piece[1]] = value
        at += size
    return out


def _arrow_text(t: pd.Series):
    """The text of ``t`` as pyarrow (its own chunks when pyarrow-backed: no copy)."""
    import pyarrow as pa

    arr = getattr(t.array, "_pa_array", None)
    if arr is not None and arr.type in (pa.string(), pa.large_string()):
        return arr
    return pa.array(t.astype("str"), type=pa.string(), from_pandas=True)


def _edge_spaces(t: pd.Series) -> bool:
    """True when a value starts or ends with a space, tab or line break."""
    import pyarrow as pa

    return edge_chars(pa.array(t, type=pa.large_string(), from_pandas=True), " \t\r\n")


def parse_datetimes(text: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    """Parse text with the first matching format of ``formats`` (naive datetimes, NaT if none).

    Each format is tried vectorised on the values still unparsed (numeric formats with a
    strict pyarrow-regex parser, the others with pandas).

    Examples
    --------
    >>> import pandas as pd
    >>> parse_datetimes(pd.Series(["09/01/2025 21:13", "2025-09-01", "02/30/2025 10:00"]),
    ...                 ("%m/%d/%Y %H:%M", "%Y-%m-%d")).tolist()
    [Timestamp('2025-09-01 21:13:00'), Timestamp('2025-09-01 00:00:00'), NaT]
    """
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    if not len(text):
        return out
    t = text.astype("str")
    if _edge_spaces(t):
        t = t.str.strip()
    todo = (t.notna() & (t != "")).to_numpy(dtype=bool, na_value=False)
    for fmt in formats:
        if not todo.any():
            break
        part_in = t if todo.all() else t[todo]
        part = _offset_strptime(part_in, fmt) if "%z" in fmt else _fast_strptime(part_in, fmt)
        if part is None:
            part = pd.to_datetime(part_in, format=fmt, errors="coerce")
            if isinstance(part.dtype, pd.DatetimeTZDtype):
                part = part.dt.tz_convert("UTC").dt.tz_localize(None)
            part = part.astype("datetime64[us]")
        if todo.all():
            out = part.where(part.notna(), out)
        else:
            out.loc[part.index] = part
        todo = todo & out.isna().to_numpy()
    return out


_MON = r"(?P<mon>[^\W\d_][^\s\d]*)"
_MONTH_FIRST = re.compile(_MON + r"\s+(?P<day>\d{1,2})(?!\d)(?:\s+(?P<year>\d{4}))?")
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})\.?\s+" + _MON + r"(?:\s+(?P<year>\d{4}))?")
#: Small words between the parts of a date: "8 de marzo de 2025", "ngày 8 tháng 3".
_JOINERS = re.compile(r"(?<!\S)(?:de|del|di|of|the|le|el|den|der|ngày|năm|tanggal|ika)(?!\S)")
#: Vietnamese months are numbered ("tháng 3", "thg 3"): written as an English name here.
_VI_MONTH = re.compile(r"(?<!\S)(?:tháng|thg)\s*(1[0-2]|0?[1-9])(?!\d)")
_EN_ABBR = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_hits(t: pd.Series, months: dict[str, int], best: pd.DataFrame) -> None:
    """Fill ``best`` (year, month, day) for the texts ``t`` whose month name is known."""
    for rx in (_MONTH_FIRST, _DAY_FIRST):
        todo = best["month"].isna()
        if not todo.any():
            break
        found = t[todo].str.findall(rx.pattern)
        # findall returns tuples in group order; keep the first whose month name is known.
        order = list(rx.groupindex)

        def first_known(matches: object, order: list[str] = order) -> tuple | None:
            if not isinstance(matches, list):
                return None
            for m in matches:
                d = dict(zip(order, m, strict=True))
                key = month_key(d["mon"])
                if key in months:
                    year = int(d["year"]) if d["year"] else None
                    if year is not None and year > 2400:  # Thai Buddhist era (2568 = 2025)
                        year -= 543
                    return months[key], int(d["day"]), year
            return None

        hits = found.map(first_known)
        hits = hits[hits.notna()]
        if len(hits):
            frame = pd.DataFrame(hits.tolist(), index=hits.index, columns=["month", "day", "year"])
            for col in ("year", "month", "day"):
                best.loc[frame.index, col] = pd.to_numeric(frame[col]).astype("Int64")


def month_day_year(text: pd.Series) -> pd.DataFrame:
    """Split dates written with a month name into ``year`` (maybe NA), ``month``, ``day``.

    Understands ``Mon Feb 17 2025``, ``Sat, Aug 22, 2026``, ``Feb 19, 2023``, ``June 30``,
    ``30 Juni 2025``, ``Sen, 17 Feb 2025``, ``8 de marzo``, ``8 thg 3, 2025``,
    ``8 มี.ค. 2568`` (Thai Buddhist years): month names in any language from the CLDR data
    of babel (:func:`humaskit.io.lookup.month_names`); weekday names are ignored.

    Examples
    --------
    >>> import pandas as pd
    >>> month_day_year(pd.Series(["Sat, Aug 22, 2026", "30 Juni", "8 de marzo", "x"])
    ...                ).values.tolist()
    [[2026, 8, 22], [<NA>, 6, 30], [<NA>, 3, 8], [<NA>, <NA>, <NA>]]
    """
    t = normalized(text).str.replace(",", " ", regex=False)
    t = t.str.replace(_VI_MONTH, lambda m: _EN_ABBR[int(m.group(1)) - 1], regex=True)
    t = t.str.replace(_JOINERS, " ", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()
    best = pd.DataFrame(
        {
            "year": pd.Series(pd.NA, index=text.index, dtype="Int64"),
            "month": pd.Series(pd.NA, index=text.index, dtype="Int64"),
            "day": pd.Series(pd.NA, index=text.index, dtype="Int64"),
        }
    )
    _month_hits(t, month_names(), best)
    left = best["month"].isna() & t.str.contains(r"[^\W\d_]", regex=True).fillna(False)
    if left.any():  # a language outside the usual ones: ask every language CLDR knows
        _month_hits(t.where(left), month_names(every_language=True), best)
    return best


def compose_date(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": year, "month": month, "day": day}).astype("float64")
    ok = frame.notna().all(axis=1)
    out = pd.Series(pd.NaT, index=year.index, dtype="datetime64[us]")
    if ok.any():
        got = pd.to_datetime(frame[ok], errors="coerce")
        out.loc[got.index] = got.astype("datetime64[us]")
    return out


def parse_days(text: pd.Series, formats: tuple[str, ...] = ()) -> pd.Series:
    """Parse calendar days written in any of the ways platforms use (naive, NaT if none).

    Tries ``formats`` first (fast), then ISO days, then dates with month names that
    include a year (:func:`month_day_year`).

    Examples
    --------
    >>> import pandas as pd
    >>> parse_days(pd.Series(["Mon Feb 17 2025", "2025-09-20T00:00:00", "17 Agu 2025"])
    ...            ).astype(str).tolist()
    ['2025-02-17', '2025-09-20', '2025-08-17']
    """
    out = parse_datetimes(text, formats + ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"))
    todo = out.isna() & text.notna()
    if todo.any():
        mdy = month_day_year(text[todo])
        out.loc[todo[todo].index] = compose_date(mdy["year"], mdy["month"], mdy["day"])
    return out.dt.normalize()


def infer_years(
    month: pd.Series, day: pd.Series, anchor: pd.Timestamp, *, series: bool
) -> pd.Series:
    """Give year-less days (TikTok ``"May 15"``) their year from an ``anchor`` day.

    Parameters
    ----------
    month, day : Series of int
    anchor : Timestamp
        A day on or after the last day of the data (export day, or the day named in the file
        name).
    series : bool
        True for a day-by-day series in order (a 365-day series crosses a new year: each
        time the month goes back, a year has passed); False for independent days that are
        each on or before the anchor (post days).

    Examples
    --------
    >>> import pandas as pd
    >>> m, d = pd.Series([12, 12, 1, 1]), pd.Series([30, 31, 1, 2])
    >>> infer_years(m, d, pd.Timestamp("2026-01-05"), series=True).astype(str).tolist()
    ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']
    """
    m = pd.to_numeric(month, errors="coerce").astype("float64")
    d = pd.to_numeric(day, errors="coerce").astype("float64")
    md = (m * 100 + d).to_numpy()
    amd = anchor.month * 100 + anchor.day
    n = len(md)
    if n == 0:
        return pd.Series([], dtype="datetime64[us]", index=month.index)
    if series:
        valid = ~np.isnan(md)
        v = md[valid]
        if not len(v):
            return compose_date(pd.Series(np.nan, index=month.index), month, day)
        steps = np.diff(v)
        # direction from the small steps (day to day); a year change is one big jump back
        small = steps[(steps != 0) & (np.abs(steps) < 200)]
        descending = (small < 0).sum() > (small > 0).sum()
        seq = v[::-1] if descending else v
        wraps = np.concatenate([[0], np.cumsum(np.diff(seq) < 0)])
        last_year = anchor.year if seq[-1] <= amd else anchor.year - 1
        years_v = last_year - (wraps[-1] - wraps) if len(seq) else np.array([])
        if descending:
            years_v = years_v[::-1]
        years = np.full(n, np.nan)
        years[valid] = years_v
    else:
        years = np.where(md <= amd, anchor.year, anchor.year - 1).astype("float64")
        years[np.isnan(md)] = np.nan
    return compose_date(pd.Series(years, index=month.index), month, day)


def _ints(ids: pd.Series) -> pd.Series:
    """Exact integer ids (Int64), NA where not a plain non-negative integer below 2**63."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = ids.astype("str").str.strip()
    arr = pa.array(t, type=pa.large_string(), from_pandas=True)
    # 1 to 19 ASCII digits, without a regex (other scripts' digits are no id: pyarrow's
    # cast below reads ASCII digits only)
    digits = pc.and_(pc.ascii_is_decimal(arr), pc.less_equal(pc.binary_length(arr), 19))
    ok = pd.Series(pc.fill_null(digits, False).to_numpy(zero_copy_only=False), index=ids.index)
    ok &= ~(t.str.len().eq(19) & (t > "9223372036854775807")).fillna(False).astype(bool)
    out = pd.Series(pd.NA, index=ids.index, dtype="Int64")
    if ok.any():
        arr = pc.if_else(pa.array(ok.to_numpy()), arr, pa.scalar(None, arr.type))
        values = pc.cast(arr, pa.int64())
        out = pd.Series(pd.array(values, dtype=pd.ArrowDtype(pa.int64())), index=ids.index)
        out = out.astype("Int64")
    return out


def snowflake_time(ids: pd.Series) -> pd.Series:
    """UTC creation time of X post ids (NaT where the id is not a snowflake).

    Examples
    --------
    >>> import pandas as pd
    >>> snowflake_time(pd.Series(["20", "abc"])).isna().tolist()
    [True, True]
    """
    n = _ints(ids)
    arr = n.to_numpy(dtype="float64", na_value=np.nan)
    ok = ~np.isnan(arr)
    ms = np.zeros(len(arr), dtype="int64")
    raw = n[ok].astype("int64").to_numpy()
    ms[ok] = (raw >> 22) + X_EPOCH_MS
    ok &= np.where(ok, n.fillna(0).to_numpy(dtype="int64") >= (1 << 32), False)
    out = pd.Series(pd.to_datetime(ms, unit="ms", utc=True), index=ids.index)
    now = pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=2)
    good = ok & (out >= _EARLIEST_SNOWFLAKE).to_numpy() & (out <= now).to_numpy()
    return out.where(good)


def tiktok_id_time(ids: pd.Series) -> pd.Series:
    """UTC creation time of TikTok video ids (``id >> 32`` seconds; NaT if implausible).

    Examples
    --------
    >>> import pandas as pd
    >>> str(tiktok_id_time(pd.Series(["7650921463263792402"]))[0].date())
    '2026-06-13'
    """
    n = _ints(ids)
    arr = n.to_numpy(dtype="float64", na_value=np.nan)
    ok = ~np.isnan(arr)
    secs = np.zeros(len(arr), dtype="int64")
    secs[ok] = n[ok].astype("int64").to_numpy() >> 32
    out = pd.Series(pd.to_datetime(secs, unit="s", utc=True), index=ids.index)
    now = pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=2)
    good = ok & (out >= _EARLIEST_TIKTOK).to_numpy() & (out <= now).to_numpy()
    return out.where(good)


_NAME_DATES = (
    (re.compile(r"(?<!\d)(20\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"), "ymd"),
    (re.compile(r"(?i)(?<![a-z])([a-z]{3,9})[-_ ](\d{1,2})[-_ ,]+(20\d\d)(?!\d)"), "mdy"),
)


#: English month names as :func:`month_names` keys them (English comes first there): a file
#: name such as ``Sep-30-2025`` is read without loading the CLDR data of every language.
ENGLISH_MONTHS = {
    key: number
    for number, full in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split(),
        start=1,
    )
    for key in (full, full[:3])
}


def dates_in_name(name: str) -> list[date]:
    """Days written in a file name (``2025-09-30``, ``20200601``, ``Sep-30-2025``).

    Examples
    --------
    >>> dates_in_name("tweet_activity_metrics_x_20200601_20200701_en.csv")
    [datetime.date(2020, 6, 1), datetime.date(2020, 7, 1)]
    >>> dates_in_name("Sep-01-2025_Sep-30-2025_123.csv")[-1]
    datetime.date(2025, 9, 30)
    """
    found: list[tuple[int, date]] = []
    for rx, order in _NAME_DATES:
        for m in rx.finditer(name):
            try:
                if order == "ymd":
                    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                else:
                    key = month_key(m.group(1))
                    mon = ENGLISH_MONTHS.get(key) or month_names().get(key)
                    if mon is None:
                        continue
                    d = date(int(m.group(3)), mon, int(m.group(2)))
            except ValueError:
                continue
            found.append((m.start(), d))
    return [d for _, d in sorted(found)]
