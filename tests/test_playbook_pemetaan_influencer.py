"""Run the pemetaan-influencer playbook end to end on the samples and check its outputs."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from humaskit import ParameterError, playbooks

NAME = "pemetaan-influencer"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return playbooks.run(NAME, {"data": "contoh", "periode": "2025-09"}, out)


@pytest.fixture(scope="module")
def bundle(report):
    return json.loads((report.parent / "ringkasan.json").read_text(encoding="utf-8"))


def test_writes_html_updated_register_and_summary(report, bundle):
    folder = report.parent
    assert report.suffix == ".html" and report.stat().st_size > 20_000
    assert (folder / "register-mitra.xlsx").exists()
    assert bundle["playbook"] == NAME and bundle["parameters"]["periode"] == "2025-09"
    s = bundle["summary"]
    assert s["period"] == "2025-09" and s["months"] == 3
    assert s["leaders"] == 20 and s["leaders_registered"] + s["leaders_candidates"] == 20


def test_summary_figures_match_the_library(bundle):
    from humaskit import influencers as inf
    from humaskit import samples

    ws = samples.workspace()
    reg = inf.register(ws.influencers, ws.collaborations)
    log = inf.select_period(reg.collaborations, "2025-09", months=3)
    res = inf.collaboration_results(log, ws.posts, ws.mentions, as_of=pd.Period("2025-09"))
    s = bundle["summary"]
    assert s["people"] == reg.influencers["person_id"].nunique()
    assert s["collaborations"] == len(log)
    assert s["reach_delivered"] == pytest.approx(float(res["reach"].sum()), rel=1e-6)
    talk = inf.select_period(ws.mentions, "2025-09", months=3)
    assert s["mentions"] == len(talk)
    planted = getattr(samples, "PLANTED", {})
    if "cluster" in planted:
        assert s["coordination_high"] >= 1


def test_outputs_keep_citizens_pseudonymised(report):
    from humaskit import samples

    html = report.read_text(encoding="utf-8")
    assert "hk.playbooks.validate" not in html
    assert "Pemetaan Influencer" in html and "perlu dicek manusia" in html.lower()
    planted = getattr(samples, "PLANTED", {})
    cluster = planted.get("cluster", {})
    handles = cluster.get("handles", []) if isinstance(cluster, dict) else list(cluster)
    m = samples.load("mentions")
    citizens = set(m.loc[m["author_type"] == "citizen", "author"]) if "author_type" in m else set()
    registered = set(samples.load("influencers")["handle"])
    private = (set(handles) | citizens) - registered
    xlsx = pd.read_excel(report.parent / "register-mitra.xlsx", sheet_name=None, dtype=str)
    cells = {str(v) for df in xlsx.values() for v in df.to_numpy().ravel()}
    words = set(html.replace(",", " ").replace("<", " ").replace(">", " ").split())
    leaked = {h for h in private if h in words or h in cells}
    assert not leaked, sorted(leaked)[:5]


def test_register_workbook_reads_back(report):
    from humaskit.files.register import read_register

    reg = read_register(report.parent / "register-mitra.xlsx")
    assert len(reg.influencers) > 0 and len(reg.collaborations) > 0
    sheets = pd.ExcelFile(report.parent / "register-mitra.xlsx").sheet_names
    assert {"influencer", "kolaborasi", "peringkat", "kandidat", "pola serentak"} <= set(sheets)


def test_bad_parameter_stops_the_run(tmp_path):
    with pytest.raises(ParameterError, match="tidak_ada.xlsx"):
        playbooks.run(NAME, {"register": str(tmp_path / "tidak_ada.xlsx")}, tmp_path)
