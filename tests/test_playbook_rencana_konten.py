"""The rencana-konten playbook run end to end with papermill on the sample data."""

from __future__ import annotations

import json

import icalendar
import pytest

from humaskit import ParameterError, playbooks


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    params = {"bulan": "2025-11", "target": "instagram=20, x=30, tiktok=12", "data": "contoh"}
    return playbooks.run("rencana-konten", params, out)


def test_writes_html_xlsx_ics_and_summary(run):
    folder = run.parent
    names = {p.name for p in folder.iterdir()}
    assert {
        "rencana-konten.html",
        "ringkasan.json",
        "rencana-konten-november-2025.xlsx",
        "rencana-konten-november-2025.ics",
    } <= names
    html = run.read_text(encoding="utf-8")
    assert "Rencana Konten Bulanan" in html and "Hari Pahlawan" in html
    assert "playbooks.validate" not in html


def test_summary_matches_the_library_and_the_files(run):
    from humaskit import planning, samples
    from humaskit.files.plan import month_plan, read_plan_inputs, read_plan_xlsx

    bundle = json.loads((run.parent / "ringkasan.json").read_text(encoding="utf-8"))
    summary = bundle["summary"]
    assert bundle["parameters"]["target"] == {"instagram": 20, "x": 30, "tiktok": 12}
    assert summary["posts"] == 62 and summary["tone_mix_met"] is True
    assert {k: v["posts"] for k, v in summary["platforms"].items()} == {
        "instagram": 20,
        "x": 30,
        "tiktok": 12,
    }
    ws = samples.workspace()
    mp = month_plan(
        "2025-11",
        targets="instagram=20, x=30, tiktok=12",
        publics=read_plan_inputs().publics,
        audience=ws.audience,
        accounts=ws.accounts,
    )
    assert summary == planning.headline(mp) | {"files": summary["files"]}
    plan = read_plan_xlsx(run.parent / "rencana-konten-november-2025.xlsx")
    # the playbook ran the gate: the workbook carries the QC result of every post
    checked = planning.gate(mp.plan)[list(mp.plan.columns)]
    assert plan.equals(checked)
    assert (plan["qc_status"] == "perlu_revisi").all()  # a fresh draft has no captions
    html = run.read_text(encoding="utf-8")
    assert "Gerbang sebelum tayang" in html and "Hadir setiap hari" in html
    cal = icalendar.Calendar.from_ical(
        (run.parent / "rencana-konten-november-2025.ics").read_bytes()
    )
    assert len(list(cal.walk("VEVENT"))) == 62


@pytest.mark.slow
def test_bad_month_stops_in_the_validation_cell(tmp_path):
    with pytest.raises(ParameterError) as err:
        playbooks.run("rencana-konten", {"bulan": "November"}, tmp_path)
    assert "November" in str(err.value) and "YYYY-MM" in str(err.value)
    assert not any(p.name.startswith("rencana-konten") for p in tmp_path.iterdir())
