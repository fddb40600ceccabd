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
    from humaskit import evaluation as ev
    from humaskit import samples

    bundle = json.loads((monthly.parent / "ringkasan.json").read_text(encoding="utf-8"))
    k = ev.kpis(samples.workspace(), "2025-09")
    assert bundle["summary"]["total"]["posts"] == int(k.loc[0, "posts"])
    assert bundle["summary"]["total"]["er_by_reach"] == pytest.approx(
        float(k.loc[0, "er_by_reach"]), rel=1e-4
    )
    # the share-safe bundle for the forum holds the same figures and passes the check
    share = ev.check_bundle(bundle)
    assert share["period"] == "2025-09" and share["figures"]["posts"] == int(k.loc[0, "posts"])
    r = ev.responsiveness(samples.workspace(), period="2025-09", by=())
    assert share["figures"]["within_limit_share"] == pytest.approx(
        float(r.loc[0, "within_limit_share"]), abs=1e-5
    )
    assert "@" not in json.dumps(share)


def test_html_hides_code_and_is_in_indonesian(monthly):
    html = monthly.read_text(encoding="utf-8")
    assert "hk.playbooks.validate" not in html
    assert "Evaluasi Bulanan" in html and "Jangkauan" in html
    assert "vnd.humaskit.summary" not in html
    assert html.count("<img") >= 2  # charts are drawn into the report


def test_monthly_report_has_every_section_and_its_charts(monthly):
    html = monthly.read_text(encoding="utf-8")
    for heading in (
        "Percakapan warga",
        "Layanan aduan",
        "Rekomendasi dan perubahan SOP",
        "Dibanding acuan dan target",
        "Per unit",
    ):
        assert heading in html
    assert html.count("data:image/png") >= 5


def test_english_report_with_sections_switched_off(tmp_path):
    html = playbooks.run(
        "evaluasi-bulanan",
        {
            "periode": "2025-09",
            "bahasa": "en",
            "bagian_sentimen": False,
            "bagian_respons": False,
            "bagian_konten": False,
        },
        tmp_path,
    )
    text = html.read_text(encoding="utf-8")
    assert "Monthly Social Media Evaluation" in text and "Reach" in text
    assert "What the public says" not in text and "Best posts" not in text
    assert "Answering citizens on time" not in text
    assert "Recommendations and SOP changes" in text


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
