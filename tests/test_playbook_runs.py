"""Run the real playbooks end to end with papermill on the sample data."""

from __future__ import annotations

import json

import pytest

from humaskit import ParameterError, playbooks


@pytest.fixture(scope="module")
def monthly(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    html = playbooks.run("evaluasi-bulanan", {"periode": "2025-09", "data": "contoh"}, out)
    return html


def test_monthly_report_writes_html_notebook_and_summary(monthly):
    folder = monthly.parent
    assert monthly.suffix == ".html" and monthly.stat().st_size > 10_000
    assert (folder / "evaluasi-bulanan.ipynb").exists()
    bundle = json.loads((folder / "ringkasan.json").read_text(encoding="utf-8"))
    assert bundle["playbook"] == "evaluasi-bulanan"
    assert bundle["parameters"]["periode"] == "2025-09"
    total = bundle["summary"]["total"]
    assert total["period"] == "2025-09" and total["posts"] > 0
    assert 0 < total["er_by_reach"] < 1


def test_summary_figures_match_the_library(monthly):
    from humaskit import evaluation as ev, samples

    bundle = json.loads((monthly.parent / "ringkasan.json").read_text(encoding="utf-8"))
    k = ev.kpis(samples.workspace(), "2025-09")
    assert bundle["summary"]["total"]["posts"] == int(k.loc[0, "posts"])
    assert bundle["summary"]["total"]["er_by_reach"] == pytest.approx(
        float(k.loc[0, "er_by_reach"]), rel=1e-4)


def test_html_hides_code_and_is_in_indonesian(monthly):
    html = monthly.read_text(encoding="utf-8")
    assert "hk.playbooks.validate" not in html
    assert "Evaluasi Bulanan" in html and "Jangkauan" in html
    assert "vnd.humaskit.summary" not in html
    assert html.count("<img") >= 2  # charts are drawn into the report


def test_english_report(tmp_path):
    html = playbooks.run("evaluasi-bulanan", {"periode": "2025-09", "bahasa": "en"}, tmp_path)
    text = html.read_text(encoding="utf-8")
    assert "Monthly Social Media Evaluation" in text and "Reach" in text


@pytest.mark.parametrize(
    "params,word",
    [
        ({"akun": "akun_yang_tidak_ada"}, "akun_yang_tidak_ada"),
        ({"periode": "2031-01"}, "2031-01"),
    ],
)
def test_validation_cell_stops_the_run_with_one_sentence(tmp_path, params, word):
    with pytest.raises(ParameterError) as exc:
        playbooks.run("evaluasi-bulanan", params, tmp_path)
    assert word in str(exc.value) and "Traceback" not in str(exc.value)
    assert not any(p.name.startswith("evaluasi") for p in tmp_path.iterdir())


def test_empty_data_folder_is_refused(tmp_path):
    empty = tmp_path / "kosong"
    empty.mkdir()
    with pytest.raises(ParameterError, match="kosong"):
        playbooks.run("evaluasi-bulanan", {"data": str(empty)}, tmp_path / "out")
