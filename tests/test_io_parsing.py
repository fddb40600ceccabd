"""humaskit.io building blocks: numbers, times, header/value tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from humaskit.io import lookup, numbers, times


@pytest.mark.parametrize(
    "cells,integer,language,expected",
    [
        (["1.234", "12"], True, None, [1234, 12]),  # count column: '.' groups thousands
        (["1,234", "12"], True, None, [1234, 12]),
        (["1.234.567", "3"], False, None, [1234567, 3]),  # twice -> grouping
        (['"12.0"', "4209.0"], True, None, [12, 4209]),  # legacy X: decimal evidence
        (["12,5%", "7%"], False, "id", [12.5, 7]),
        (["1.234,5", "2"], False, None, [1234.5, 2]),  # last mark is the decimal one
        (["1,234.5", "2"], False, None, [1234.5, 2]),
        (["0.125", "1"], False, None, [0.125, 1]),
        (["1.234"], False, "en", [1.234]),  # ambiguous, not a count: language decides
        (["1.234"], False, "id", [1234]),
        (["1,234"], False, "id", [1.234]),
        (["1 234", "+5"], True, None, [1234, 5]),
    ],
)
def test_numbers_as_platforms_write_them(cells, integer, language, expected):
    got = numbers.parse(pd.Series(cells, dtype="str"), integer=integer, language=language)
    assert got.values.astype(float).tolist() == pytest.approx(expected)
    assert not got.bad.any()


def test_missing_markers_are_na_never_zero_and_garbage_is_reported():
    got = numbers.parse(pd.Series(["-", "N/A", "undefined", "", None, "banyak", "5"], dtype="str"))
    assert got.values.isna().tolist() == [True] * 6 + [False]
    assert got.bad.tolist() == [False] * 5 + [True, False]


def test_numbers_percent_flag():
    got = numbers.parse(pd.Series(["4,2%", "19.1%", "3"], dtype="str"))
    assert got.percent.tolist() == [True, True, False]


@pytest.mark.parametrize(
    "local,expected_utc",
    [
        ("03/09/2025 01:59", "2025-03-09 09:59"),  # PST, just before the spring change
        ("03/09/2025 02:30", "2025-03-09 10:30"),  # skipped hour: read as standard time
        ("03/09/2025 03:00", "2025-03-09 10:00"),  # PDT
        ("11/02/2025 00:59", "2025-11-02 07:59"),  # PDT
        ("11/02/2025 01:30", "2025-11-02 08:30"),  # repeated hour: the first (PDT)
        ("11/02/2025 02:00", "2025-11-02 10:00"),  # PST
        ("07/01/2025 12:00", "2025-07-01 19:00"),
        ("01/15/2025 12:00", "2025-01-15 20:00"),
    ],
)
def test_pacific_times_to_utc_on_both_sides_of_each_dst_change(local, expected_utc):
    naive = times.parse_datetimes(pd.Series([local]), ("%m/%d/%Y %H:%M",))
    got = times.local_to_utc(naive, times.META_TZ)[0]
    assert got == pd.Timestamp(expected_utc, tz="UTC")


def test_parse_datetimes_is_strict():
    got = times.parse_datetimes(
        pd.Series(["02/30/2025 10:00", "13/01/2025 10:00", "09/01/2025 25:00", "x"]),
        ("%m/%d/%Y %H:%M",),
    )
    assert got.isna().all()


def test_snowflake_time_follows_the_formula():
    ms = int(pd.Timestamp("2025-02-17 14:03:26.521", tz="UTC").value // 1_000_000)
    pid = ((ms - 1288834974657) << 22) + 12345
    got = times.snowflake_time(pd.Series([str(pid), "123", "x1"]))
    assert got[0] == pd.Timestamp("2025-02-17 14:03:26.521", tz="UTC")
    assert got[1:].isna().all()


def test_ids_in_other_digits_are_no_ids():
    """Only ASCII digits make an id: full-width or Arabic-Indic digits (a copy through a
    phone keyboard) give no time instead of stopping the import; spaces around are fine."""
    ms = int(pd.Timestamp("2025-02-17 14:03:26.521", tz="UTC").value // 1_000_000)
    pid = str(((ms - 1288834974657) << 22) + 12345)
    wide = pid.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    arabic = pid.translate({ord(d): 0x0660 + int(d) for d in "0123456789"})
    for dtype in ("str", "object"):
        ids = [wide, arabic, wide[:12], arabic[:12], f" {pid} ", "+" + pid]
        got = times.snowflake_time(pd.Series(ids, dtype=dtype))
        assert got.isna().tolist() == [True, True, True, True, False, True]
        assert got[4] == pd.Timestamp("2025-02-17 14:03:26.521", tz="UTC")


def test_tiktok_id_time():
    secs = int(pd.Timestamp("2025-06-13 16:42:48", tz="UTC").timestamp())
    got = times.tiktok_id_time(pd.Series([str((secs << 32) + 77)]))
    assert got[0] == pd.Timestamp("2025-06-13 16:42:48", tz="UTC")


@pytest.mark.parametrize("descending", [False, True])
def test_infer_years_series_crosses_new_year(descending):
    days = pd.date_range("2025-12-29", "2026-01-03")
    if descending:
        days = days[::-1]
    got = times.infer_years(
        pd.Series(days.month), pd.Series(days.day), pd.Timestamp("2026-01-04"), series=True
    )
    assert list(got) == list(days)


def test_infer_years_independent_days_are_before_the_anchor():
    got = times.infer_years(
        pd.Series([6, 12]), pd.Series([13, 1]), pd.Timestamp("2026-06-30"), series=False
    )
    assert got.dt.strftime("%Y-%m-%d").tolist() == ["2026-06-13", "2025-12-01"]


def test_month_names_in_indonesian_and_english():
    got = times.parse_days(
        pd.Series(["Sen, 17 Feb 2025", "Sat, Aug 22, 2026", "30 Desember 2025", "Feb 19, 2023"])
    )
    assert got.dt.strftime("%Y-%m-%d").tolist() == [
        "2025-02-17",
        "2026-08-22",
        "2025-12-30",
        "2023-02-19",
    ]


def test_dates_in_file_names():
    assert times.dates_in_name("Overview_2025-09-30.xlsx") == [dt.date(2025, 9, 30)]
    assert times.dates_in_name("Sep-01-2025_Sep-30-2025_1.csv")[-1] == dt.date(2025, 9, 30)
    assert times.dates_in_name("Table data.csv") == []


def test_header_table_maps_indonesian_and_english_and_lists_unknown():
    m = lookup.map_headers(
        ["ID Postingan", "Waktu publikasi", "Jangkauan", "Kolom buatan tim"], "meta", "posts"
    )
    assert m.has("post_id", "published_at", "reach")
    assert m.unmapped == ["Kolom buatan tim"]
    assert m.language == "id"


def test_every_english_meta_and_tiktok_header_has_an_indonesian_twin():
    rows = lookup._columns()
    by = {}
    for r in rows:
        if r["canonical"] == "-" or r["kind"] == "mentions":
            continue
        by.setdefault((r["platform"], r["kind"], r["canonical"]), set()).add(r["language"])
    missing = [k for k, langs in by.items() if "en" in langs and "id" not in langs]
    assert not missing, missing
