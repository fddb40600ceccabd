"""humaskit.calendar and humaskit.files.calendar: the momentum calendar."""

from __future__ import annotations

import pandas as pd
import pytest

from humaskit import ParameterError, SchemaError, calendar
from humaskit.files.calendar import read_anniversaries


def _on(days: pd.DataFrame, kind: str, contains: str) -> list[str]:
    mask = (days["kind"] == kind) & days["name"].str.contains(contains, case=False)
    return days.loc[mask, "date"].dt.strftime("%Y-%m-%d").tolist()


def test_idul_fitri_2026_on_the_official_skb_dates():
    # SKB 3 Menteri No. 1497/2025, 2/2025, 5/2025 and the sidang isbat of 19 March 2026:
    # Idul Fitri 1447 H on Saturday 21 and Sunday 22 March 2026; cuti bersama 20, 23, 24.
    days = calendar.momentum(2026, lang="id")
    assert _on(days, "national_holiday", "Idul Fitri") == ["2026-03-21", "2026-03-22"]
    assert _on(days, "joint_holiday", "Idul Fitri") == ["2026-03-20", "2026-03-23", "2026-03-24"]


def test_idul_fitri_2027_and_english_names():
    days = calendar.momentum(2027, lang="en")
    assert _on(days, "national_holiday", "Eid al-Fitr")[0] == "2027-03-10"
    assert "2027-03-11" in _on(days, "national_holiday", "Eid al-Fitr")


def test_other_moving_holidays_2026_follow_the_skb():
    days = calendar.momentum(2026, kinds=["national_holiday"], lang="id")
    assert _on(days, "national_holiday", "Nyepi") == ["2026-03-19"]
    assert _on(days, "national_holiday", "Idul Adha") == ["2026-05-27"]
    assert _on(days, "national_holiday", "Waisak") == ["2026-05-31"]
    assert _on(days, "national_holiday", "Imlek") == ["2026-02-17"]
    assert _on(days, "national_holiday", "Isra Mikraj") == ["2026-01-16"]


@pytest.mark.parametrize(
    ("name", "month_day", "kind"),
    [
        ("Hari Kartini", "04-21", "commemoration"),
        ("Hari Pendidikan Nasional", "05-02", "commemoration"),
        ("Hari Kebangkitan Nasional", "05-20", "commemoration"),
        ("Hari Lahir Pancasila", "06-01", "national_holiday"),
        ("Hari Kemerdekaan", "08-17", "national_holiday"),
        ("Hari Sumpah Pemuda", "10-28", "commemoration"),
        ("Hari Pahlawan", "11-10", "commemoration"),
        ("Hari Anti Korupsi Sedunia", "12-09", "commemoration"),
        ("Hari Ibu", "12-22", "commemoration"),
        ("Hari Kesehatan Sedunia", "04-07", "awareness"),
    ],
)
def test_national_days_have_their_date_and_kind(name, month_day, kind):
    days = calendar.momentum(2025, lang="id")
    rows = days[days["name"].str.startswith(name)]
    assert len(rows) == 1
    assert rows["date"].iloc[0].strftime("%m-%d") == month_day
    assert rows["kind"].iloc[0] == kind


def test_table_shape_types_order_and_filters():
    days = calendar.momentum(2025, months=[10, 11], lang="en")
    assert days.columns.tolist() == ["date", "name", "kind", "priority"]
    assert str(days["date"].dtype).startswith("datetime64")
    assert str(days["name"].dtype) == "str"
    assert set(days["date"].dt.month) == {10, 11}
    assert days["date"].is_monotonic_increasing
    assert set(days["kind"]) <= set(calendar.KINDS)
    assert days["priority"].between(1, 3).all()
    only = calendar.momentum(2025, kinds="awareness", lang="en")
    assert set(only["kind"]) == {"awareness"} and len(only) > 5


def test_all_kinds_appear_with_region_and_anniversaries():
    own = pd.DataFrame({"tanggal": ["1950-08-19"], "nama": ["HUT Dinas Kominfo"], "sejak": [1950]})
    days = calendar.momentum(2025, anniversaries=own, region="Jawa Barat", lang="id")
    assert set(days["kind"]) == set(calendar.KINDS)
    assert "HUT Dinas Kominfo ke-75" in set(days["name"])
    assert "2025-08-19" in _on(days, "regional", "Jawa Barat")
    # without a region, regional days of every province are not mixed in
    assert "regional" not in set(calendar.momentum(2025, lang="id")["kind"])


def test_years_outside_the_holidays_data_are_refused():
    first, last = calendar.year_range()
    for year in (first - 1, last + 1):
        with pytest.raises(ParameterError, match=str(year)):
            calendar.momentum(year)
    with pytest.raises(ParameterError, match="year"):
        calendar.momentum("dua ribu", lang="en")
    with pytest.raises(ParameterError, match="13"):
        calendar.momentum(2025, months=13)
    with pytest.raises(ParameterError, match="Jawa Barat"):
        calendar.momentum(2025, region="Jawa Barta", lang="en")


def test_anniversaries_month_day_feb_29_and_kinds():
    own = pd.DataFrame(
        {
            "bulan": [2, "Agustus"],
            "hari": [29, 1],
            "nama": ["Hari jadi unit", "Hari jadi kabupaten"],
            "jenis": ["hari_jadi", "daerah"],
            "wilayah": ["", "Kab. Sukamaju"],
        }
    )
    checked = calendar.check_anniversaries(own)
    assert checked["kind"].tolist() == ["anniversary", "regional"]
    leap = calendar.momentum(2028, anniversaries=own, kinds=["anniversary"])
    plain = calendar.momentum(2025, anniversaries=own, kinds=["anniversary"])
    assert leap["date"].dt.strftime("%m-%d").tolist() == ["02-29"]
    assert plain["date"].dt.strftime("%m-%d").tolist() == ["02-28"]
    regional = calendar.momentum(
        2025, anniversaries=own, region="Kab. Sukamaju", kinds=["regional"]
    )
    assert regional["name"].tolist() == ["Hari jadi kabupaten"]


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ({"date": ["2025-08-17", "2025-02-30"], "name": ["A", "B"]}, "date"),
        ({"date": ["2025-08-17", "besok lusa"], "name": ["A", "B"]}, "date"),
        ({"month": [4, 13], "day": [1, 2], "name": ["A", "B"]}, "month"),
        ({"month": [4, 4], "day": [1, 31], "name": ["A", "B"]}, "day"),
        ({"date": ["2025-08-17", "2025-08-18"], "name": ["A", ""]}, "name"),
        (
            {
                "date": ["2025-08-17", "2025-08-18"],
                "name": ["A", "B"],
                "kind": ["anniversary", "pesta"],
            },
            "kind",
        ),
    ],
)
def test_impossible_anniversaries_name_row_and_column(table, column):
    df = pd.DataFrame(table)
    with pytest.raises(SchemaError) as err:
        calendar.check_anniversaries(df, lang="en")
    msg = str(err.value)
    assert "row 1" in msg and f"column {column}" in msg


def test_anniversaries_unknown_column_and_no_date_column():
    with pytest.raises(SchemaError, match="warna"):
        calendar.check_anniversaries(
            pd.DataFrame({"date": ["2025-01-01"], "name": ["A"], "warna": ["merah"]})
        )
    with pytest.raises(SchemaError, match="date"):
        calendar.check_anniversaries(pd.DataFrame({"name": ["A"]}), lang="en")


def test_parse_day_forms():
    assert calendar.parse_day("17/08/1945") == (1945, 8, 17)
    assert calendar.parse_day("17 Agustus") == (None, 8, 17)
    assert calendar.parse_day("August 17, 2025") == (2025, 8, 17)
    assert calendar.parse_day("31/04/2025") is None
    assert calendar.parse_day(pd.Timestamp("2025-01-02")) == (2025, 1, 2)


def test_read_anniversaries_csv_names_file_line_and_column(tmp_path):
    good = tmp_path / "hari_jadi.csv"
    good.write_text(
        "# hari jadi Pemkot Sukamaju\n"
        "tanggal;nama;jenis;sejak\n"
        "19/08/1950;HUT Pemkot Sukamaju;hari_jadi;1950\n"
        "\n"
        "17 Maret;Hari Jadi Dinas Kesehatan;;\n",
        encoding="utf-8",
    )
    days = read_anniversaries(good)
    assert days["name_id"].tolist() == ["HUT Pemkot Sukamaju", "Hari Jadi Dinas Kesehatan"]
    assert days[["month", "day"]].values.tolist() == [[8, 19], [3, 17]]
    m = calendar.momentum(2026, anniversaries=days, kinds=["anniversary"])
    assert "HUT Pemkot Sukamaju ke-76" in set(m["name"])

    bad = tmp_path / "salah.csv"
    bad.write_text("tanggal,nama\n2025-01-05,HUT A\n2025-02-30,HUT B\n", encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        read_anniversaries(bad, lang="id")
    msg = str(err.value)
    assert "salah.csv" in msg and "baris 3" in msg and "kolom tanggal" in msg


def test_read_anniversaries_xlsx_row_numbers(tmp_path):
    path = tmp_path / "hari_jadi.xlsx"
    pd.DataFrame({"bulan": [1, 2, 2], "hari": [5, 10, 30], "nama": ["A", "B", "C"]}).to_excel(
        path, index=False
    )
    with pytest.raises(SchemaError) as err:
        read_anniversaries(path, lang="en")
    assert "hari_jadi.xlsx" in str(err.value) and "row 4" in str(err.value)
    assert "column hari" in str(err.value)


def test_momentum_does_not_change_its_input():
    own = pd.DataFrame({"tanggal": ["2025-08-19"], "nama": ["HUT"]})
    before = own.copy()
    calendar.momentum(2025, anniversaries=own)
    pd.testing.assert_frame_equal(own, before)
