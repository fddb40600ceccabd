"""The vectorised importer paths (issue #20) give exactly what the row-by-row ones gave.

- times with an offset (``%z``): as ``pd.to_datetime(format=..., utc=True)``, for valid,
  invalid and odd values (other spaces and digits, offsets with seconds, ``Z``);
- zero-padded times read by position: as the regex parser;
- text cleaning: as ``str.strip()`` and the missing markers per value;
- X accounts from links: as ``str.extract`` with Python's ``re``;
- ``read_folder`` streaming and merging: the same workspace as file by file.
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
    assert not posts.duplicated(["platform", "post_id"]).any()
    assert len(posts) == sum(len(i.table) for i in ws.imports if i.kind == "posts")
    assert np.all([i.accounted for i in ws.imports if i.kind not in ("unsupported", "damaged")])
