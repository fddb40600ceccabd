"""Big exports converted chunk by chunk give exactly the whole-file result (issue #20).

Small blocks and chunks (module constants) make a file of a few thousand rows cross many
chunk boundaries; each import is compared with the same file read whole.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from humaskit import schema
from humaskit.io import chunks, fastcsv, meta, read_export, x

META_HEADER = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Publish time",
    "Permalink",
    "Post type",
    "Date",
    "Views",
    "Reach",
    "Reactions",
    "Comments",
    "Shares",
    "Seconds viewed",
]
ROWS = 6000


def _meta_rows(n: int = ROWS) -> list[list[str]]:
    rng = np.random.default_rng(7)
    out = []
    for i in range(n):
        pid = str(1_190_000_000_000_000 + i)
        out.append(
            [
                pid,
                "100000000012345",
                "Humas Kota Contoh",
                f"Siaran pers nomor {i}\n\nInfo lengkap #info{i}" if i % 3 else "",
                f"{1 + i % 12:02d}/{1 + i % 28:02d}/2025 {i % 24:02d}:{i % 60:02d}",
                f"https://www.facebook.com/humaskotacontoh/posts/{pid}",
                ("Photos", "Reels", "Links")[i % 3],
                "Lifetime",
                str(int(rng.integers(0, 9000))),
                str(int(rng.integers(0, 5000))),
                str(int(rng.integers(0, 90))),
                str(int(rng.integers(0, 9))),
                str(int(rng.integers(0, 9))),
                f"{rng.integers(0, 9000)}.5" if i % 2 else "",
            ]
        )
    return out


def _write(path, header, rows, *, quote_all: bool = False, bom: bool = True) -> None:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


@pytest.fixture
def small_chunks(monkeypatch):
    """Blocks of 16 KB, chunks of about 2,100 rows (the platform is told from 2,000 links), any file size; records what the
    chunked path returned (None: it handed the file to the whole-file path)."""
    monkeypatch.setattr(fastcsv, "_ARROW_BLOCK", 16 << 10)
    monkeypatch.setattr(chunks, "CHUNK_ROWS", 2100)
    monkeypatch.setattr(chunks, "MIN_BYTES", 0)
    seen: list = []
    real = chunks.read_chunked

    def spy(*args, **kwargs):
        out = real(*args, **kwargs)
        seen.append(out)
        return out

    monkeypatch.setattr(meta, "read_chunked", spy)
    monkeypatch.setattr(x, "read_chunked", spy)
    return seen


def _whole(path, monkeypatch):
    monkeypatch.setattr(chunks, "MIN_BYTES", 1 << 60)
    try:
        return read_export(path, export_date="2026-01-01")
    finally:
        monkeypatch.setattr(chunks, "MIN_BYTES", 0)


def _same(a, b) -> None:
    assert a.platform == b.platform and a.kind == b.kind and a.account == b.account
    assert a.rows_in_file == b.rows_in_file
    assert a.notes == b.notes
    pd.testing.assert_frame_equal(a.skipped, b.skipped)
    assert [str(t) for t in a.table.dtypes] == [str(t) for t in b.table.dtypes]
    pd.testing.assert_frame_equal(a.table, b.table)
    assert a.table.to_csv(index=False) == b.table.to_csv(index=False)


def _compare(path, small_chunks, monkeypatch, *, chunked: bool):
    got = read_export(path, export_date="2026-01-01")
    assert (small_chunks[-1] is not None) is chunked
    if chunked:
        assert small_chunks[-1].chunks > 2
    want = _whole(path, monkeypatch)
    _same(got, want)
    return got


def test_meta_chunked_same_as_whole(tmp_path, small_chunks, monkeypatch):
    path = tmp_path / "Jan-01-2025_Dec-31-2025_humas.csv"
    _write(path, META_HEADER, _meta_rows())
    got = _compare(path, small_chunks, monkeypatch, chunked=True)
    assert got.imported == ROWS and got.platform == "facebook"


def test_meta_skips_and_notes_in_late_chunks_numbered(tmp_path, small_chunks, monkeypatch):
    rows = _meta_rows()
    rows[5000][0] = ""  # no id: file row 5002 (header is row 1)
    rows[5500][4] = "13/45/2025 99:99"  # a time that is no time
    for i in range(0, ROWS, 700):  # a bad number in every chunk: notes merged
        rows[i][9] = "banyak"
    rows[300][0] = rows[5800][0]  # the same id in the first and the last chunk
    path = tmp_path / "posts.csv"
    _write(path, META_HEADER, rows)
    got = _compare(path, small_chunks, monkeypatch, chunked=True)
    reasons = dict(zip(got.skipped["row"].tolist(), got.skipped["reason"], strict=True))
    assert 5002 in reasons and 302 in reasons  # (the earlier duplicate is skipped)
    assert any("5602" in n or "banyak" in n or "Reach" in n for n in got.notes)


def test_meta_decimal_comma_late_reads_whole(tmp_path, small_chunks, monkeypatch):
    rows = _meta_rows()
    rows[ROWS - 3][13] = "12,5"  # the decimal mark of a column decided by a late chunk
    path = tmp_path / "posts.csv"
    _write(path, META_HEADER, rows)
    _compare(path, small_chunks, monkeypatch, chunked=False)


def test_meta_votes_of_chunks_add_up(tmp_path, small_chunks, monkeypatch):
    """Each chunk alone would read ``.`` as the decimal mark; the column as a whole
    reads ``,``: the chunks' evidence is added up and the file read whole."""
    monkeypatch.setattr(chunks, "CHUNK_ROWS", ROWS // 2)
    rows = _meta_rows()
    for r in rows:
        r[13] = ""
    for i in range(5):
        rows[10 + i][13] = "1.234.567"
    rows[20][13] = "1,234,567"
    rows[ROWS - 10][13] = "1.5"
    for i in range(3):
        rows[ROWS - 20 + i][13] = "1,5"
    path = tmp_path / "posts.csv"
    _write(path, META_HEADER, rows)
    got = read_export(path, export_date="2026-01-01")
    assert small_chunks[-1] is None
    _same(got, _whole(path, monkeypatch))


def test_meta_number_then_text_reads_whole(tmp_path, small_chunks, monkeypatch):
    rows = _meta_rows()
    rows[ROWS - 5][8] = "N/A"  # Views: numbers in every chunk but the last
    path = tmp_path / "posts.csv"
    _write(path, META_HEADER, rows)
    _compare(path, small_chunks, monkeypatch, chunked=False)


def test_meta_ragged_row_late_numbered(tmp_path, small_chunks, monkeypatch):
    rows = _meta_rows()
    rows[5100] = rows[5100] + ["extra", "cells"]  # skipped, numbered by the exact reader
    path = tmp_path / "posts.csv"
    _write(path, META_HEADER, rows)
    got = _compare(path, small_chunks, monkeypatch, chunked=False)
    assert 5102 in got.skipped["row"].tolist()


def test_meta_day_first_decided_by_whole_column(tmp_path, small_chunks, monkeypatch):
    rows = _meta_rows()
    rows[ROWS - 2][4] = "25/12/2025 10:00"  # one day-first time: month-first still wins
    path = tmp_path / "posts.csv"
    _write(path, META_HEADER, rows)
    _compare(path, small_chunks, monkeypatch, chunked=True)
    for i, r in enumerate(rows):  # day-first in every chunk, proven only by days above 12
        r[4] = f"{1 + i % 28:02d}/{1 + i % 12:02d}/2025 {i % 24:02d}:{i % 60:02d}"
    _write(path, META_HEADER, rows)
    got = _compare(path, small_chunks, monkeypatch, chunked=False)
    assert got.table["published_at"].dt.day.max() > 12


X_HEADER = ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "likes"]


def _x_rows(n: int = ROWS) -> list[list[str]]:
    out = []
    base = 1_741_611_771_984_084_992
    for i in range(n):
        tid = str(base + (i << 22))
        out.append(
            [
                tid,
                f"https://twitter.com/humas_kota{i % 7:02d}/status/{tid}",
                f"Layanan KTP keliling\n\nInfo #info{i}",
                f"2024-01-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d} +0000",
                f"{i * 3}.0",
                "-" if i % 50 == 0 else f"{i % 40}.0",
            ]
        )
    return out


def test_x_chunked_same_as_whole(tmp_path, small_chunks, monkeypatch):
    path = tmp_path / "tweet_activity_metrics_humas_20240101_20240201_en.csv"
    rows = _x_rows()
    rows[4000][3] = ""  # no time: taken from the id
    rows[200][0] = rows[5900][0]  # a repeated id across chunks
    _write(path, X_HEADER, rows, quote_all=True, bom=False)
    got = _compare(path, small_chunks, monkeypatch, chunked=True)
    assert got.platform == "x" and got.imported == ROWS - 1


def test_join_column_same_as_concat(monkeypatch):
    from humaskit.io.joins import join_column

    monkeypatch.setattr(schema, "LAZY_NA_ROWS", 3)
    parts = {
        "Int64": pd.Series([1, None, 3], dtype="Int64"),
        "Float64": pd.Series([1.5, None, 2.0, 4.0], dtype="Float64"),
        "str": pd.Series(["a", None, "c"], dtype="str"),
        "boolean": pd.Series([True, None, False], dtype="boolean"),
    }
    for name, s in parts.items():
        for layout in ([s, 4, s], [5, s], [s, s]):
            frames = [
                pd.DataFrame({"c": p}) if isinstance(p, pd.Series) else pd.DataFrame(index=range(p))
                for p in layout
            ]
            want = pd.concat(frames, ignore_index=True)["c"]
            got = join_column(
                [p.reset_index(drop=True) if isinstance(p, pd.Series) else p for p in layout]
            )
            assert got is not None, name
            got.name = "c"
            pd.testing.assert_series_equal(got, want)
    assert join_column([pd.Series([1], dtype="Int64"), pd.Series([1.5], dtype="Float64")]) is None


def test_lazy_na_columns_equal_schema_fill():
    """Missing columns of a big table, in zero pages, equal a plain fill, and cost no
    memory until written."""
    n = 2_000_000
    for table, col in (
        ("posts", "impressions"),
        ("posts", "avg_view_pct"),
        ("posts", "category"),
        ("accounts", "verified"),
    ):
        want = schema.empty(table)[col].reindex(range(n))
        got = schema.lazy_na(want.dtype, n)
        assert got is not None and schema.lazy_na(want.dtype, 10) is None
        pd.testing.assert_series_equal(pd.Series(got, name=col), want)
    data = {
        "platform": pd.Series(["x"] * n, dtype="str"),
        "account": pd.Series(["a"] * n, dtype="str"),
        "post_id": pd.Series(np.arange(n).astype(str), dtype="str"),
        "published_at": pd.Series(pd.Timestamp("2025-01-01", tz="UTC"), index=range(n)),
        "post_type": pd.Series(["feed"] * n, dtype="str"),
    }
    statm = Path("/proc/self/statm")

    def resident() -> int:
        return int(statm.read_text().split()[1]) * 4096 if statm.exists() else 0

    given = pd.DataFrame(data)
    before = resident()
    table = schema.validate(given, "posts")
    grown = resident() - before
    assert table["reach"].isna().all() and table["category"].isna().all()
    added = [c for c in table.columns if c not in given.columns]
    nominal = sum(table[c].memory_usage(deep=False) for c in added)  # (if written)
    assert len(added) > 10 and grown < nominal / 4


def test_read_folder_chunked_same_as_whole(tmp_path, small_chunks, monkeypatch):
    from humaskit.io import read_folder

    monkeypatch.setattr(schema, "LAZY_NA_ROWS", 100)  # lazy all-NA columns and joins too
    _write(tmp_path / "posts.csv", META_HEADER, _meta_rows())
    x_name = "tweet_activity_metrics_humas_20240101_20240201_en.csv"
    _write(tmp_path / x_name, X_HEADER, _x_rows(), quote_all=True, bom=False)
    got = read_folder(tmp_path, export_date="2026-01-01")
    assert [c is not None for c in small_chunks] == [True, True]
    monkeypatch.setattr(chunks, "MIN_BYTES", 1 << 60)
    monkeypatch.setattr(schema, "LAZY_NA_ROWS", 1 << 60)
    want = read_folder(tmp_path, export_date="2026-01-01")
    for a, b in zip(got.imports, want.imports, strict=True):
        _same(a, b)
    assert [str(t) for t in got.posts.dtypes] == [str(t) for t in want.posts.dtypes]
    pd.testing.assert_frame_equal(got.posts, want.posts)


def _data_buffers(s: pd.Series) -> set[int]:
    """Addresses of the text buffers behind a pyarrow-backed text column."""
    return {c.buffers()[2].address for c in s.array._pa_array.chunks if len(c)}


def test_constant_text_columns_share_one_buffer(tmp_path, small_chunks, monkeypatch):
    """The page name and the platform, the same in every row of a chunk, are held once and
    shared by the chunks (memory), with the values of the whole-file path; a page name
    that changes half way is kept per chunk and read right."""
    rows = _meta_rows(2 * ROWS)
    for r in rows[ROWS:]:
        r[2] = "Humas Kabupaten Lain"
    path = tmp_path / "Jan-01-2025_Dec-31-2025_humas.csv"
    _write(path, META_HEADER, rows)
    got = _compare(path, small_chunks, monkeypatch, chunked=True)
    n = next(c for c in small_chunks if c is not None).chunks
    assert got.table["account"].value_counts().to_dict() == {
        "Humas Kota Contoh": ROWS,
        "Humas Kabupaten Lain": ROWS,
    }
    assert len(_data_buffers(got.table["platform"])) == 1
    # one buffer for each name, and the pieces of the one chunk that holds both names
    held = len(_data_buffers(got.table["account"]))
    assert 2 < held < len(_data_buffers(got.table["permalink"])) / n * 2


def test_readers_allocate_from_the_c_heap_and_restore_the_pool(tmp_path, monkeypatch):
    """While a file is read pyarrow allocates from the C heap (its memory can be given
    back); the allocator in use before is set back, also when the reading fails."""
    import pyarrow as pa

    from humaskit.errors import UnsupportedFile

    before = pa.default_memory_pool().backend_name
    seen = []
    real = meta.read_posts

    def spy(*args, **kwargs):
        seen.append(pa.default_memory_pool().backend_name)
        return real(*args, **kwargs)

    monkeypatch.setattr(meta.POSTS, "read", spy)
    path = tmp_path / "Jan-01-2025_Dec-31-2025_humas.csv"
    _write(path, META_HEADER, _meta_rows(50))
    assert read_export(path, export_date="2026-01-01").imported == 50
    assert seen == ["system" if before == "mimalloc" else before]
    assert pa.default_memory_pool().backend_name == before
    bad = tmp_path / "aneh.csv"
    bad.write_text("Tarehe,Maoni\n2025-01-01,3\n")
    with pytest.raises(UnsupportedFile):
        read_export(bad)
    assert pa.default_memory_pool().backend_name == before
