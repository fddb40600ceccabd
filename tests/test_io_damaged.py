"""Damaged files (cut, shuffled, re-encoded, flipped bytes) give a result or a typed error."""

from __future__ import annotations

import io
import os
import random

import pandas as pd
import pytest
from fixtures_io import META_FB_HEADER, csv_text, fb_row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from humaskit import HumaskitError
from humaskit.io import read_export
from humaskit.io.examples import write_examples

SETTINGS = settings(
    max_examples=int(os.environ.get("HUMASKIT_HYPOTHESIS", 35)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _samples(tmp_path_factory) -> dict[str, bytes]:
    folder = write_examples(tmp_path_factory.mktemp("samples"))
    out = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    rows = [fb_row(i, f"09/{1 + i:02d}/2025 10:00", text=f"baris {i}\nkedua") for i in range(8)]
    out["fb_posts.csv"] = ("\ufeff" + csv_text(META_FB_HEADER, rows)).encode("utf-8")
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Date", "Video Views", "Likes"])
    for d in range(1, 6):
        wb.active.append([f"June {d}", d * 10, d])
    buf = io.BytesIO()
    wb.save(buf)
    out["Overview.xlsx"] = buf.getvalue()
    return out


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    return _samples(tmp_path_factory)


def _check(tmp_path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        imp = read_export(path, account="u", platform="facebook", export_date="2025-09-30")
    except HumaskitError as exc:
        assert str(exc).strip()  # one sentence, never empty
        return
    assert imp.rows_in_file == imp.imported + len(imp.skipped)
    assert isinstance(imp.table, pd.DataFrame)


BLOCKS = ("Follows.csv", "Audience_2025-09-30.csv")
NAMES = [
    "fb_posts.csv",
    "Follows.csv",
    "Audience_2025-09-30.csv",
    "Content_2025-09-30.csv",
    "tweet_activity_metrics_humaskotacontoh_20250901_20251001_en.csv",
    "Table data.csv",
    "komentar_2025-09.csv",
    "Overview.xlsx",
    "account_overview_analytics_2025-09.csv",
]


@SETTINGS
@given(name=st.sampled_from(NAMES), cut=st.floats(0, 1))
def test_cut_at_a_random_byte(tmp_path, samples, name, cut):
    data = samples[name]
    _check(tmp_path, name, data[: int(len(data) * cut)])


@SETTINGS
@given(
    name=st.sampled_from([n for n in NAMES if n.endswith(".csv") and n not in BLOCKS]),
    seed=st.integers(0, 10**6),
)
def test_shuffled_columns(tmp_path, samples, name, seed):
    data = samples[name]
    for enc in ("utf-8-sig", "utf-16", "utf-8"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    cols = list(df.columns)
    random.Random(seed).shuffle(cols)
    _check(tmp_path, name, df[cols].to_csv(index=False).encode(enc))


@SETTINGS
@given(
    name=st.sampled_from([n for n in NAMES if n.endswith(".csv")]),
    encoding=st.sampled_from(
        ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-32"]
    ),
)
def test_odd_encodings(tmp_path, samples, name, encoding):
    data = samples[name]
    for enc in ("utf-16", "utf-8-sig"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    _check(tmp_path, name, text.encode(encoding, errors="replace"))


@SETTINGS
@given(
    name=st.sampled_from(NAMES),
    positions=st.lists(st.floats(0, 1), min_size=1, max_size=6),
    value=st.integers(0, 255),
)
def test_flipped_bytes(tmp_path, samples, name, positions, value):
    data = bytearray(samples[name])
    for pos in positions:
        data[min(int(pos * len(data)), len(data) - 1)] = value
    _check(tmp_path, name, bytes(data))


@SETTINGS
@given(junk=st.binary(max_size=400))
def test_random_bytes(tmp_path, junk):
    _check(tmp_path, "acak.csv", junk)
