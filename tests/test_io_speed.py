"""The vectorised importer paths (issue #20) give exactly what the row-by-row ones gave.

- times with an offset (``%z``): as ``pd.to_datetime(format=..., utc=True)``, for valid,
  invalid and odd values (other spaces and digits, offsets with seconds, ``Z``);
- zero-padded times read by position: as the regex parser;
- text cleaning: as ``str.strip()`` and the missing markers per value;
- X accounts from links: as ``str.extract`` with Python's ``re``;
- ``read_folder`` streaming and merging: the same workspace as file by file;
- big UTF-8 files read by pyarrow's streaming reader (:mod:`humaskit.io.fastcsv`): the same
  import as pandas' chunked parser and as the exact row-by-row reader, columns typed as
  pandas types them, and any odd record handed over.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from humaskit.io import read_export, read_folder
from humaskit.io import times as tm
from humaskit.io.numbers import _clean_text, _markers, map_unique, text_of
from humaskit.io.x import _HANDLE, handles


def _reference(values: list[str], fmt: str) -> pd.Series:
    out = []
    for v in values:
        got = pd.to_datetime(pd.Series([v], dtype="str"), format=fmt, errors="coerce", utc=True)
        out.append(got.dt.tz_localize(None).astype("datetime64[us]")[0])
    return pd.Series(out, dtype="datetime64[us]")


@pytest.mark.parametrize("fmt", ["%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z"])
def test_offset_times_as_pandas(fmt):
    rng = random.Random(3)
    base = [
        "2025-09-02 02:54 +0000",
        "2025-09-02 02:54:33 +0700",
        "2024-02-29 23:59 -03:30",
        "2025-9-2 2:4 Z",
        "2025-09-02  02:54 +07:00",
    ]
    pieces = list("0123456789 :+-Zz.") + ["\u00a0", "\u0663", "+2400", "+00:00:30", "02-30"]
    values = set(base)
    for _ in range(1500):
        s = list(rng.choice(base))
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(s))
            s[i] = rng.choice(pieces) if rng.random() < 0.6 else ""
        values.add("".join(s))
    values = sorted(values)
    got = tm._offset_strptime(pd.Series(values, dtype="str"), fmt)
    pd.testing.assert_series_equal(got, _reference(values, fmt), check_names=False)


def test_offset_times_fixed_width_and_mixed_offsets():
    values = ["2025-09-02 02:54 +0000", "2025-09-02 09:54 +0700", "2025-02-30 01:00 +0000"]
    got = tm.parse_datetimes(pd.Series(values, dtype="str"), ("%Y-%m-%d %H:%M %z",))
    assert got.tolist()[:2] == [pd.Timestamp("2025-09-02 02:54")] * 2
    assert pd.isna(got[2])


@pytest.mark.parametrize("fmt", ["%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"])
def test_fixed_width_times_as_regex_parser(fmt, monkeypatch):
    rng = random.Random(5)

    def digits(n):
        return "".join(rng.choice("0123456789") for _ in range(n))

    values = []
    for _ in range(3000):
        v = fmt
        for code, choice in (
            ("%m", [digits(2), "02", "12"]),
            ("%d", [digits(2), "29", "31"]),
            ("%Y", ["2024", "1900", "2000", "0000", digits(4)]),
            ("%H", [digits(2), "23"]),
            ("%M", [digits(2)]),
            ("%S", [digits(2)]),
        ):
            v = v.replace(code, rng.choice(choice))
        values.append(v)
    import pyarrow as pa

    strict = [v for v in values if tm._fixed_fields(pa.array([v]), fmt) is not None]
    s = pd.Series(strict, dtype="str")
    fast = tm._fast_strptime(s, fmt)
    monkeypatch.setattr(tm, "_fixed_fields", lambda arr, f: None)
    pd.testing.assert_series_equal(fast, tm._fast_strptime(s, fmt))


def test_times_in_slices_and_chunks_as_whole(monkeypatch):
    rng = random.Random(6)
    values = [
        f"{rng.randint(1, 12):02d}/{rng.randint(1, 31):02d}/{rng.choice([2024, 2025])} "
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        for _ in range(500)
    ]
    zoned = [
        f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 31):02d} 0{rng.randint(0, 9)}:15 "
        f"{rng.choice('+-')}0{rng.randint(0, 9)}00"
        for _ in range(500)
    ]
    whole = pd.Series(values, dtype="str")
    chunked = pd.concat([whole.iloc[:123], whole.iloc[123:]], ignore_index=True)
    zwhole = pd.Series(zoned, dtype="str")
    zchunked = pd.concat([zwhole.iloc[:77], zwhole.iloc[77:]], ignore_index=True)
    expect = tm.parse_datetimes(whole, ("%m/%d/%Y %H:%M",))
    zexpect = tm.parse_datetimes(zwhole, ("%Y-%m-%d %H:%M %z",))
    monkeypatch.setattr(tm, "_SLICE", 7)
    pd.testing.assert_series_equal(tm.parse_datetimes(chunked, ("%m/%d/%Y %H:%M",)), expect)
    pd.testing.assert_series_equal(tm.parse_datetimes(zchunked, ("%Y-%m-%d %H:%M %z",)), zexpect)
    assert expect.notna().any() and expect.isna().any()  # 02/30 and the like: NaT


def test_empty_cells_and_edges_from_offsets():
    import pyarrow as pa

    from humaskit.io.base import _empty_as_null
    from humaskit.io.numbers import _SPACES, edge_chars

    rng = random.Random(7)
    pool = ["", " a", "b ", "\u3000x", "x\u3000", None, "é ", " ", "abc", "-"]
    for k in range(200):
        values = [rng.choice(pool) for _ in range(rng.randint(0, 30))]
        arr = pa.array(values, type=pa.large_string() if k % 2 else pa.string())
        if len(arr) > 4 and k % 3 == 0:
            arr = arr.slice(2, len(arr) - 3)
        py = arr.to_pylist()
        edges = any(v and (v[0] in _SPACES or v[-1] in _SPACES) for v in py)
        assert edge_chars(arr, _SPACES) == edges
        assert _empty_as_null(arr).to_pylist() == [None if v == "" else v for v in py]


def test_text_cleaning_as_per_value():
    rng = random.Random(2)
    pool = [" ", "\t", "\n", "\u00a0", "\u3000", "\x1c", "\u200b", "a", "-", "N/A", " x ", ""]
    pool += list(_markers())
    for k in range(100):
        values = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 4))) for _ in range(40)]
        s = pd.Series([*values, None], dtype="str")
        if k % 3 == 0:
            s = s.iloc[5:]
        if k % 4 == 0:
            s = pd.concat([s, s])
        pd.testing.assert_series_equal(text_of(s), map_unique(s, _clean_text))


def test_x_handles_as_python_re():
    rng = random.Random(4)
    parts = ["https://", "twitter.com/", "x.com/", "X.COM/", "humas_", "a" * 31, "/status/"]
    parts += ["123", "ſ", "K", "é", "/", " ", "_9"]
    links = ["".join(rng.choice(parts) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    s = pd.Series([*links, None], dtype="str")
    pd.testing.assert_series_equal(handles(s), s.str.extract(_HANDLE, expand=False))


def test_folder_streams_to_the_same_workspace(tmp_path):
    from humaskit.io.examples import write_examples

    folder = write_examples(tmp_path / "ex")
    ws = read_folder(folder, export_date="2025-10-01")
    singles = {
        i.path: read_export(i.path, export_date="2025-10-01")
        for i in ws.imports
        if i.kind == "posts" and i.source in ("meta.posts", "x.posts")
    }
    assert singles
    for imp in ws.imports:
        if imp.path in singles:
            pd.testing.assert_frame_equal(imp.table, singles[imp.path].table)
    posts = ws.posts
    first = next(i.table for i in ws.imports if i.path in singles and len(i.table))
    assert np.shares_memory(first["likes"].array._data, posts["likes"].array._data)
    assert not posts.duplicated(["platform", "post_id"]).any()
    assert len(posts) == sum(len(i.table) for i in ws.imports if i.kind == "posts")
    assert np.all([i.accounted for i in ws.imports if i.kind not in ("unsupported", "damaged")])


def _big_meta(path, n: int, views=None):
    from fixtures_io import META_FB_HEADER, csv_text, fb_row

    rows = []
    for i in range(n):
        row = fb_row(
            10_000 + i,
            f"09/{1 + i % 28:02d}/2025 {i % 24:02d}:15",
            views=str(i * 7 % 5000) if views is None else views(i),
            text=("Info layanan " * 9) + ("\nbaris kedua, ya" if i % 3 else ""),
        )
        row[13] = "" if i % 5 else "Label, uji"  # a kept-out column with commas and quotes
        rows.append(row)
    path.write_text(csv_text(META_FB_HEADER, rows), encoding="utf-8-sig")
    return path


def _three_ways(path, monkeypatch):
    from humaskit.io import fastcsv, files, grid

    used = []
    real = fastcsv.grid_fast

    def spy(*a, **k):
        got = real(*a, **k)
        used.append(got is not None)
        return got

    monkeypatch.setattr(grid, "grid_fast", spy)
    fast = read_export(path, export_date="2025-10-01")
    monkeypatch.setattr(grid, "arrow_ready", lambda src, check: False)
    chunked = read_export(path, export_date="2025-10-01")
    monkeypatch.setattr(files, "HEAD_BYTES", 10 << 20)  # the whole file, the exact way
    exact = read_export(path, export_date="2025-10-01")
    return used, fast, chunked, exact


def _same(a, b):
    pd.testing.assert_frame_equal(a.table, b.table)
    pd.testing.assert_frame_equal(a.skipped, b.skipped)
    assert (a.rows_in_file, a.notes) == (b.rows_in_file, b.notes)


def test_big_utf8_file_read_by_pyarrow_as_by_the_other_paths(tmp_path, monkeypatch):
    from humaskit.io import files

    p = _big_meta(tmp_path / "besar.csv", 2500)
    assert p.stat().st_size > files.HEAD_BYTES
    used, fast, chunked, exact = _three_ways(p, monkeypatch)
    assert used == [True]
    _same(fast, chunked)
    _same(fast, exact)
    assert fast.imported == 2500 and fast.accounted


def test_big_file_numbers_typed_as_pandas_types_them(tmp_path, monkeypatch):
    # "1.500" in a count column: pandas reads a decimal (1.5 views, rounded to 2, noted)
    p = _big_meta(tmp_path / "besar.csv", 2500, views=lambda i: "1.500" if i == 7 else f"{i}.0")
    used, fast, chunked, _ = _three_ways(p, monkeypatch)
    assert used == [True]
    _same(fast, chunked)
    assert fast.table.set_index("post_id").loc["10007", "views"] == 2


@pytest.mark.parametrize(
    "values, dtype",
    [
        (["1", "-2", "007"], "int64"),
        (["1.5", "2", "1e3"], "float64"),
        (["True", "false", "TRUE"], "bool"),
        ([" 12", "3 ", "+5"], "int64"),
        (["inf", "-1.5", "+2"], "float64"),
        (["nan", "1"], None),
        (["1", "", "3"], None),
        (["1", "N/A"], None),
        (["yes", "no"], None),
    ],
)
def test_column_types_as_pandas_parser(values, dtype):
    import io

    import pyarrow as pa

    from humaskit.io.fastcsv import _as_numbers

    got = _as_numbers(pa.chunked_array([pa.array(values, pa.large_string())]))
    body = "v,k\n" + "".join(f"{v},x\n" for v in values)
    ref = pd.read_csv(io.StringIO(body), na_filter=False)["v"]
    if dtype is None:
        assert got is None and not pd.api.types.is_numeric_dtype(ref.dtype)
    else:
        assert str(got.dtype) == dtype == str(ref.dtype)
        assert got.tolist() == ref.tolist()


@pytest.mark.parametrize("damage", ["ragged", "blank", "bad_byte_in_unread_column", "no_end"])
def test_big_file_with_an_odd_record_reads_as_by_the_other_paths(tmp_path, monkeypatch, damage):
    p = _big_meta(tmp_path / "besar.csv", 2500)
    lines = p.read_bytes().split(b"\n")
    at = next(k for k, line in enumerate(lines) if line.startswith(b"10900,"))  # one line
    if damage == "ragged":
        lines[at] += b",lebih"
    elif damage == "blank":
        lines.insert(at, b"")
    elif damage == "bad_byte_in_unread_column":
        assert b'"Label, uji"' in lines[at]
        lines[at] = lines[at].replace(b'"Label, uji"', b"Lab\xffel", 1)
    data = b"\n".join(lines)
    if damage == "no_end":
        data = data.rstrip(b"\n")
    p.write_bytes(data)
    used, fast, chunked, exact = _three_ways(p, monkeypatch)
    # a ragged or cut record goes to the other paths; a blank line is read as a blank
    # record; a bad byte is read from the repaired copy (the copy by pyarrow)
    assert used == ([True] if damage in ("blank", "bad_byte_in_unread_column") else [False])
    _same(fast, chunked)
    assert fast.accounted
    if damage == "blank":
        assert fast.imported == 2500 and fast.rows_in_file == 2500
    if damage == "bad_byte_in_unread_column":
        assert fast.imported == 2500


def test_english_month_names_are_those_of_the_cldr_table():
    from humaskit.io.lookup import month_names

    names = month_names()
    assert len(tm.ENGLISH_MONTHS) == 24 - 1  # "may" is both
    assert all(names[k] == v for k, v in tm.ENGLISH_MONTHS.items())
