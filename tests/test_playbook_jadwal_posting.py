"""The jadwal-posting playbook run end to end with papermill on the sample data."""

from __future__ import annotations

import json

import icalendar
import pandas as pd
import pytest

from humaskit import ParameterError, playbooks

OVERRIDE = {"0": "Kabag Humas; peringatan darurat"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    params = {
        "zona": "WITA",
        "batas_harian": "instagram=2",
        "jam_kerja": "07-21",
        "izin_tayang": OVERRIDE,  # one held post let through on a recorded name and reason
    }
    return playbooks.run("jadwal-posting", params, out)


def test_writes_html_xlsx_ics_and_summary(run):
    names = {p.name for p in run.parent.iterdir()}
    assert {
        "jadwal-posting.html",
        "jadwal-posting.xlsx",
        "jadwal-posting.ics",
        "ringkasan.json",
    } <= names
    html = run.read_text(encoding="utf-8")
    assert "Jadwal Posting" in html and "WITA" in html
    assert "playbooks.validate" not in html and "Traceback" not in html
    assert "Dilepas atas nama seseorang" in html and "peringatan darurat" in html


def test_summary_matches_the_library_and_the_files(run):
    from humaskit import planning, samples, scheduling

    bundle = json.loads((run.parent / "ringkasan.json").read_text(encoding="utf-8"))
    summary = bundle["summary"]
    assert bundle["parameters"]["batas_harian"] == {"instagram": 2}
    assert summary["zone"] == "WITA"
    ws = samples.workspace()
    bt = scheduling.best_times(ws.posts, tz="WITA")
    expected = scheduling.headline(bt)["best_slot"]
    assert summary["best_slot"] == expected
    assert summary["schedule"]["posts"] == summary["plan_rows"] == len(ws.plan)
    assert planning.gate(ws.plan).attrs["cleared"] + 1 == summary["schedule"]["scheduled"]
    gated = planning.gate(planning.overrides(ws.plan, OVERRIDE))
    assert summary["schedule"]["overridden"] == gated.attrs["overridden"] == 1
    assert summary["schedule"]["held"] == gated.attrs["held"] > 0
    assert summary["schedule"]["scheduled"] == gated.attrs["cleared"]
    assert summary["schedule"]["conflicts"] == 0
    bt_lib = scheduling.backtest(ws.posts, tz="WITA").set_index("platform")
    for platform, fig in summary["backtest"].items():
        assert fig["rho_model"] == pytest.approx(bt_lib.loc[platform, "rho_model"])
    loses = bt_lib.index[~(bt_lib["rho_model"] > bt_lib["rho_default"])]
    assert set(summary["schedule"]["baseline_platforms"]) == set(loses) != set()

    sheets = pd.read_excel(run.parent / "jadwal-posting.xlsx", sheet_name=None)
    table = sheets["jadwal"]
    assert len(table) == gated.attrs["cleared"]
    held = sheets["Belum boleh tayang"]
    assert len(held) == gated.attrs["held"]
    assert held["Siapa harus bertindak"].notna().all()
    assert held["Alasan belum boleh tayang"].notna().all()
    # nothing that fails screen/QC or lacks a sign-off got a time
    cleared = gated[gated["cleared"]]
    assert sorted(table["Judul"]) == sorted(cleared["title"])
    hours = table["Jam WITA"].map(lambda v: v.hour)  # real times in the workbook
    assert hours.between(7, 21).all()
    assert pd.api.types.is_datetime64_any_dtype(table["Tanggal"])  # real dates too
    for _, g in table.assign(h=hours).groupby("Platform"):
        if len(g) >= 3:
            assert g["h"].value_counts().max() <= len(g) / 3
    ig = table[table["Platform"] == "Instagram"]
    assert ig.groupby(["Akun", "Tanggal"]).size().max() <= 2
    cal = icalendar.Calendar.from_ical((run.parent / "jadwal-posting.ics").read_bytes())
    assert len(list(cal.walk("VEVENT"))) == gated.attrs["cleared"]


@pytest.mark.slow
def test_bad_zone_stops_in_the_validation_cell(tmp_path):
    with pytest.raises(ParameterError) as err:
        playbooks.run("jadwal-posting", {"zona": "WIBB"}, tmp_path)
    assert "WIBB" in str(err.value)
    assert not any(p.name.startswith("jadwal-posting") for p in tmp_path.iterdir())
