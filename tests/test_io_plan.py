"""humaskit.files.plan: the plan in and out of xlsx and iCalendar."""

from __future__ import annotations

import datetime as dt

import icalendar
import openpyxl
import pandas as pd
import pytest

from humaskit import DataNotFound, SchemaError, UnsupportedFile, planning, schema
from humaskit.files.plan import read_ics, read_plan_xlsx, write_ics, write_plan_xlsx
from humaskit.files.safe import unsafe_cells


@pytest.fixture(scope="module")
def plan() -> pd.DataFrame:
    p = planning.draft_plan(
        "2025-10",
        targets={"instagram": 8, "x": 10, "youtube": 2},
        pics=["Rina", "Budi"],
        momentum=pd.DataFrame(
            {
                "date": ["2025-10-28"],
                "name": ["Hari Sumpah Pemuda"],
                "kind": ["commemoration"],
                "priority": [1],
            }
        ),
    )
    p.loc[0, "caption"] = '=HYPERLINK("http://contoh") klik'
    p.loc[1, "caption"] = "-5 hari lagi pendaftaran ditutup #ayodaftar"
    p.loc[2, "caption"] = "Baris satu\nBaris dua"
    p.loc[3, "scheduled_at"] = pd.Timestamp("2025-10-02 12:30", tz="UTC")
    p.loc[4, "public"] = "UMKM"
    p = planning.quality_check(p)
    return planning.sign_off(p, [p.loc[5, "plan_id"]], "Rina", override=True)


def test_xlsx_round_trip_gives_the_same_plan(plan, tmp_path):
    for lang in ("id", "en"):
        path = write_plan_xlsx(plan, tmp_path / f"rencana-{lang}.xlsx", lang=lang)
        back = read_plan_xlsx(path)
        pd.testing.assert_frame_equal(back, plan)


def test_xlsx_has_summary_one_sheet_per_platform_and_neutralised_cells(plan, tmp_path):
    path = write_plan_xlsx(plan, tmp_path / "rencana.xlsx", lang="id")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Ringkasan", "Instagram", "X (Twitter)", "YouTube"]
    ws = wb["Instagram"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["ID rencana", "Tanggal", "Platform"]
    col = headers.index("Caption") + 1
    captions = [ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)]
    formula_like = [c for c in captions if c and str(c).startswith(("=", "-", "+", "@"))]
    assert formula_like, "the fixture has a caption that looks like a formula"
    assert unsafe_cells(path) == []  # kept exactly, as text with Excel's quote prefix
    date_cell = ws.cell(row=2, column=2)
    assert isinstance(date_cell.value, dt.datetime) and date_cell.is_date
    assert date_cell.number_format == "[$-421]d mmmm yyyy"
    values = {c.value for row in ws.iter_rows(min_row=2) for c in row}
    assert not values & {"feed", "carousel", "reel", "isu_terkini", "siaran_pers", True, False}
    assert values & {"Foto/feed", "Carousel", "Reels"}
    formats = ws.data_validations.dataValidation[0].formula1
    assert "Foto/feed" in formats and ",feed," not in formats
    assert ws.data_validations.dataValidation  # drop-down lists for format/tone/status
    assert ws.max_row - 1 == int((plan["platform"] == "instagram").sum())


def _edit(path, sheet, fn):
    wb = openpyxl.load_workbook(path)
    fn(wb[sheet])
    wb.save(path)


def _col(ws, header):
    return [c.value for c in ws[1]].index(header) + 1


def test_xlsx_with_the_old_codes_is_still_read(plan, tmp_path):
    """Workbooks of older versions hold codes (feed, isu_terkini, TRUE): read as before."""
    path = write_plan_xlsx(plan, tmp_path / "rencana.xlsx", lang="id")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets[1:]:
        head = [c.value for c in ws[1]]
        for col in ("format", "category", "tone"):
            j = head.index(planning_label(col)) + 1
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                if isinstance(cell.value, str):
                    cell.value = _CODE[cell.value]
        for col in ("fixed_date", "reserve"):
            j = head.index(planning_label(col)) + 1
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                if isinstance(cell.value, str):
                    cell.value = cell.value == "Ya"
    wb.save(path)
    pd.testing.assert_frame_equal(read_plan_xlsx(path), plan)


def planning_label(code):
    from humaskit.i18n import label

    return label(code, "id")


_CODE = {
    planning_label(c): c for c in (*schema.POST_TYPES, *planning.TONES, *planning.default_mix())
}


def test_edited_xlsx_is_read_with_the_edits(plan, tmp_path):
    path = write_plan_xlsx(plan, tmp_path / "rencana.xlsx", lang="id")

    def edit(ws):
        ws.cell(row=2, column=_col(ws, "Tanggal"), value="17/10/2025")
        ws.cell(row=2, column=_col(ws, "Judul"), value="Judul baru")
        ws.cell(row=3, column=_col(ws, "Format"), value="Reels")  # a label, not the code
        new = ws.max_row + 1
        ws.cell(row=new, column=_col(ws, "Tanggal"), value=dt.datetime(2025, 10, 30))
        ws.cell(row=new, column=_col(ws, "Format"), value="story")
        ws.cell(row=new, column=_col(ws, "Kategori"), value="Edukasi")
        ws.cell(row=new, column=_col(ws, "Judul"), value="Tambahan")

    _edit(path, "Instagram", edit)
    back = read_plan_xlsx(path)
    assert len(back) == len(plan) + 1
    added = back[back["title"] == "Tambahan"]
    assert added["platform"].item() == "instagram"  # taken from the sheet
    assert added["category"].item() == "edukasi"
    assert added["date"].item() == pd.Timestamp("2025-10-30")
    moved = back[back["title"] == "Judul baru"]
    assert moved["date"].item() == pd.Timestamp("2025-10-17")
    assert "reel" in set(back.loc[back["platform"] == "instagram", "format"])


def test_deleted_column_names_file_sheet_and_column(plan, tmp_path):
    path = write_plan_xlsx(plan, tmp_path / "rencana.xlsx", lang="id")
    _edit(path, "X (Twitter)", lambda ws: ws.delete_cols(_col(ws, "Tanggal")))
    with pytest.raises(SchemaError) as err:
        read_plan_xlsx(path, lang="id")
    msg = str(err.value)
    assert "rencana.xlsx" in msg and "X (Twitter)" in msg and "Tanggal" in msg


def test_free_text_date_names_file_sheet_row_and_column(plan, tmp_path):
    path = write_plan_xlsx(plan, tmp_path / "rencana.xlsx", lang="en")
    _edit(
        path, "Instagram", lambda ws: ws.cell(row=4, column=_col(ws, "Date"), value="minggu depan")
    )
    with pytest.raises(SchemaError) as err:
        read_plan_xlsx(path, lang="en")
    msg = str(err.value)
    assert "rencana.xlsx" in msg and "Instagram" in msg and "row 4" in msg
    assert "column Date" in msg and "minggu depan" in msg


def test_values_outside_lists_and_bad_files(plan, tmp_path):
    path = write_plan_xlsx(plan, tmp_path / "rencana.xlsx", lang="id")
    _edit(path, "YouTube", lambda ws: ws.cell(row=2, column=_col(ws, "Nada"), value="lucu"))
    with pytest.raises(SchemaError, match="baris 2"):
        read_plan_xlsx(path, lang="id")
    with pytest.raises(DataNotFound):
        read_plan_xlsx(tmp_path / "tidak-ada.xlsx")
    csv = tmp_path / "rencana.csv"
    csv.write_text("a,b\n")
    with pytest.raises(UnsupportedFile):
        read_plan_xlsx(csv)


def test_ics_parsed_back_with_icalendar(plan, tmp_path):
    stamp = dt.datetime(2025, 9, 30, 8, 0, tzinfo=dt.UTC)
    path = write_ics(plan, tmp_path / "rencana.ics", stamp=stamp, lang="id")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(plan)
    assert cal.get("version") == "2.0" and cal.get("prodid")
    assert list(cal.walk("VTIMEZONE"))  # Outlook needs the time zone definition
    uids = [str(e.get("uid")) for e in events]
    assert len(set(uids)) == len(uids)
    for ev, (_, row) in zip(events, plan.iterrows(), strict=True):
        assert ev.get("dtstamp").dt == stamp
        start = ev.get("dtstart")
        assert start.params.get("TZID") == "Asia/Jakarta"
        if pd.isna(row["scheduled_at"]):
            assert start.dt.date() == row["date"].date()
            assert (start.dt.hour, start.dt.minute) == (9, 0)
        else:
            assert pd.Timestamp(start.dt).tz_convert("UTC") == row["scheduled_at"]
        assert row["title"] in str(ev.get("summary"))
        assert str(ev.get("summary")).startswith("[")
        assert "Kategori" in str(ev.get("description"))
    sumpah = [e for e in events if "Sumpah Pemuda" in str(e.get("summary"))]
    assert {e.get("dtstart").dt.date() for e in sumpah} == {dt.date(2025, 10, 28)}


def test_ics_names_the_account_so_two_accounts_at_one_time_differ(tmp_path):
    from humaskit import scheduling
    from humaskit.files.schedule import write_schedule

    at = pd.Timestamp("2025-10-06 03:00", tz="UTC")
    two = pd.DataFrame(
        {
            "date": [pd.Timestamp("2025-10-06")] * 2,
            "platform": ["instagram", "instagram"],
            "format": ["feed", "reel"],
            "category": ["edukasi", "isu_terkini"],
            "title": ["Imunisasi", "Imunisasi"],
            "account": ["pemkotsukamaju", "dinkes_sukamaju"],
            "scheduled_at": [at, at],
        }
    )
    events = read_ics(write_ics(two, tmp_path / "dua.ics", lang="id"))
    summaries = list(events["summary"])
    assert len(set(summaries)) == 2
    assert summaries[0] == "[Instagram @pemkotsukamaju] Imunisasi"
    cal = icalendar.Calendar.from_ical((tmp_path / "dua.ics").read_bytes())
    text = " ".join(str(e.get("description")) for e in cal.walk("VEVENT"))
    assert "Kategori: Edukasi" in text and "Format: Foto/feed" in text
    assert not {"isu_terkini", "feed", "reel"} & set(text.replace(":", " ").split())
    # the schedule's calendar too
    plan = scheduling.schedule(two)
    files = write_schedule(plan, tmp_path / "jadwal")
    cal = icalendar.Calendar.from_ical(files["ics"].read_bytes())
    got = {str(e.get("summary")) for e in cal.walk("VEVENT")}
    assert any("@pemkotsukamaju" in g for g in got) and any("@dinkes_sukamaju" in g for g in got)


def test_ics_all_day_and_read_ics(plan, tmp_path):
    path = write_ics(plan, tmp_path / "r.ics", default_time=None, tz="Asia/Makassar")
    events = read_ics(path)
    assert len(events) == len(plan)
    unscheduled = events[events["uid"] != f"{plan.loc[3, 'plan_id']}@humaskit"]
    assert unscheduled["all_day"].all()
    assert (
        unscheduled["start"].dt.strftime("%Y-%m-%d").tolist()
        == plan.drop(index=3)["date"].dt.strftime("%Y-%m-%d").tolist()
    )
    with pytest.raises(Exception, match="25:00"):
        write_ics(plan, tmp_path / "x.ics", default_time="25:00")
