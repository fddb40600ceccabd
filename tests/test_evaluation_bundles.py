"""Share-safe bundles, the forum comparison, files of the evaluation step, recommendations."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from humaskit import DataNotFound, ParameterError, teaching
from humaskit import evaluation as ev
from humaskit.files import bundles as hb
from humaskit.files import escalation
from humaskit.files.safe import unsafe_cells


def _b(unit, period="2025-09", **figs):
    return ev.make_bundle(period, unit, figs)


def test_bundles_refuse_text_and_unknown_figures():
    with pytest.raises(ParameterError, match="author"):
        ev.make_bundle("2025-09", "Dinas A", {"author": 1})
    with pytest.raises(ParameterError, match="posts"):
        ev.make_bundle("2025-09", "Dinas A", {"posts": "@budi_88"})
    b = _b("Dinas A", posts=3)
    with pytest.raises(ParameterError, match="handles"):
        ev.check_bundle({**b, "handles": ["budi_88"]})


def test_compare_ranks_each_kpi_in_its_own_direction():
    bs = [
        _b("A", er_by_reach=0.05, median_response_hours=20.0),
        _b("B", er_by_reach=0.03, median_response_hours=4.0),
        _b("C", er_by_reach=0.04, median_response_hours=10.0),
        _b("D", "2025-08", er_by_reach=0.09, median_response_hours=1.0),
    ]
    c = ev.compare(bs, ["er_by_reach", "median_response_hours"])
    ranks = c.set_index("unit")
    assert list(c["period"].unique()) == ["2025-09"] and "D" not in ranks.index
    assert ranks.loc["A", "rank_er_by_reach"] == 1
    assert ranks.loc["B", "rank_median_response_hours"] == 1  # fewer hours is better
    assert c.attrs["left_out"] == [{"unit": "D", "period": "2025-08"}]
    aug = ev.compare(bs, ["er_by_reach"], period="2025-08")
    assert aug["unit"].tolist() == ["D"]
    with pytest.raises(ParameterError, match="2025-07"):
        ev.compare(bs, ["er_by_reach"], period="2025-07")
    with pytest.raises(ParameterError, match="warna"):
        ev.compare(bs, ["warna"])


def test_a_unit_sending_twice_counts_once_with_its_last_bundle():
    c = ev.compare([_b("A", posts=1), _b("A", posts=5), _b("B", posts=2)], ["posts"])
    assert c.set_index("unit").loc["A", "posts"] == 5 and len(c) == 2


def test_read_bundles_from_nested_ringkasan_files_and_skip_others(tmp_path):
    run = tmp_path / "dinkes" / "evaluasi-bulanan-2025-09"
    run.mkdir(parents=True)
    ringkasan = {
        "playbook": "evaluasi-bulanan",
        "summary": {"bundle": _b("Dinas Kesehatan", posts=10)},
    }
    (run / "ringkasan.json").write_text(json.dumps(ringkasan), encoding="utf-8")
    hb.write_bundle(_b("BPBD", posts=4), tmp_path / "bpbd.json")
    (tmp_path / "lain.json").write_text('{"isi": 1}', encoding="utf-8")
    (tmp_path / "rusak.json").write_text("{tidak json", encoding="utf-8")
    found = hb.read_bundles(tmp_path)
    assert sorted(b["unit"] for b in found.bundles) == ["BPBD", "Dinas Kesehatan"]
    assert len(found.skipped) == 2 and found.skipped["reason"].str.len().gt(10).all()
    with pytest.raises(DataNotFound):
        hb.read_bundles(tmp_path / "kosong-tidak-ada")


def test_sample_bundles_are_share_safe_and_cover_every_unit():
    from humaskit import samples

    bs = ev.sample_bundles("2025-09")
    units = set(samples.load("accounts")["unit"])
    assert {b["unit"] for b in bs} == units
    text = json.dumps(bs, ensure_ascii=False)
    authors = set(samples.load("mentions")["author"].dropna())
    assert not any(f'"{a}"' in text for a in list(authors)[:500])
    assert "@" not in text and "warga-" not in text
    dinkes = next(b for b in bs if b["unit"] == "Dinas Kesehatan")
    direct = ev.responsiveness(samples.workspace(), period="2025-09", by="unit")
    row = direct.set_index("unit").loc["Dinas Kesehatan"]
    assert dinkes["figures"]["within_limit_share"] == pytest.approx(
        float(row["within_limit_share"]), abs=1e-6
    )


def test_targets_file_accepts_indonesian_headers_and_percentages(tmp_path):
    p = tmp_path / "target.csv"
    p.write_text(
        "# target tim\nindikator;sasaran;platform\nwithin_limit_share;90%;\n"
        "er_by_reach;0,04;instagram\n",
        encoding="utf-8",
    )
    tg = hb.read_targets(p)
    assert tg.values.tolist() == [
        ["within_limit_share", 0.9, "all"],
        ["er_by_reach", 0.04, "instagram"],
    ]
    bad = tmp_path / "salah.csv"
    bad.write_text("kpi,target\nwarna,5\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="salah.csv, baris 2"):
        hb.read_targets(bad)


def test_routing_file_with_indonesian_headers(tmp_path):
    p = tmp_path / "rute.csv"
    p.write_text("kata kunci,topik,unit kerja\nlubang,jalan,Dinas PUPR\n", encoding="utf-8")
    r = escalation.read_routing(p)
    assert r.values.tolist() == [["lubang", "jalan", "Dinas PUPR"]]
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "a",
            "text": ["ada lubang besar"],
            "created_at": pd.Timestamp("2025-09-01", tz="UTC"),
        }
    )
    assert ev.route(m, r)["unit"].tolist() == ["Dinas PUPR"]
    (tmp_path / "kosong.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="kosong.csv"):
        escalation.read_routing(tmp_path / "kosong.csv")


def test_escalation_xlsx_neutralises_formulas(tmp_path):
    from openpyxl import load_workbook

    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkot",
            "mention_id": ["1", "2"],
            "kind": "mention",
            "author": ["budi", "=cmd"],
            "author_type": "citizen",
            "created_at": pd.Timestamp("2025-09-01", tz="UTC"),
            "text": ['=HYPERLINK("http://x","jalan rusak")', "+sampah numpuk tolong"],
        }
    )
    late = ev.overdue(m, now="2025-09-05 00:00")
    path = escalation.write_escalation(late, tmp_path / "eskalasi.xlsx")
    wb = load_workbook(path)
    cells = [
        c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert unsafe_cells(path) == []  # kept as text, quote prefix
    assert any(v.startswith("=HYPERLINK") for v in cells)  # shown exactly as written
    assert "budi" not in cells


def test_recommendations_name_the_format_ratio_and_the_late_topic():
    formats = pd.DataFrame(
        {
            "platform": ["instagram"] * 2,
            "post_type": ["reel", "feed"],
            "posts": [40, 50],
            "median_er": [0.069, 0.03],
            "enough_data": [True, True],
        }
    )
    resp = pd.DataFrame(
        {
            "route_topic": ["jalan", "umum"],
            "unit": ["Dinas PU", "Humas"],
            "due": [121, 300],
            "within_limit": [70, 10],
        }
    )
    rec = ev.recommendations(formats=formats, response_by_topic=resp, lang="id")
    text = " ".join(rec["sentence"])
    assert "2,3x" in text and "Reels" in text
    assert "42% aduan dan pertanyaan jalan" in text and "umum" not in text
    assert rec["priority"].is_monotonic_increasing
    en = ev.recommendations(formats=formats, lang="en")
    assert "2.3x" in en.loc[0, "sentence"]
    assert ev.recommendations().empty


def test_the_unit_to_learn_from_carries_a_real_share_of_the_work():
    units = pd.DataFrame(
        {
            "unit": ["Dinas Sosial", "BPBD", "Inspektorat", "Dinas Kesehatan"],
            "answered": [80, 360, 12, 240],
            "median_response_hours": [33.0, 12.1, 10.8, 12.6],
            "p90_response_hours": [95.0, 15.0, 19.0, 49.0],
        }
    )
    rec = ev.recommendations(response_by_unit=units, lang="id")
    sentence = rec.loc[rec["area"] == "response", "sentence"].iloc[0]
    # Inspektorat is fastest but answered only 12: BPBD is the example to follow
    assert "Dinas Sosial" in sentence and "BPBD" in sentence and "Inspektorat" not in sentence


def test_checkers_give_feedback_not_errors():
    assert teaching.check_net_sentiment("-10%", positive=120, neutral=300, negative=180).correct
    fb = teaching.check_net_sentiment(-0.2, positive=120, neutral=300, negative=180)
    assert not fb.correct and "netral" in fb.message
    assert not teaching.check_net_sentiment("banyak", positive=1, neutral=1, negative=1).correct
    assert teaching.check_er_variant("tayangan", scenario="tiktok_vs_instagram").correct
    assert not teaching.check_er_variant("warna").correct
    resp = pd.DataFrame(
        {"route_topic": ["jalan"], "within_limit_share": [0.58], "response_rate": [0.8]}
    )
    assert teaching.check_within_limit("58%", resp, topic="jalan").correct
    assert "tingkat jawaban" in teaching.check_within_limit(80, resp, topic="jalan").message
    late = pd.DataFrame({"unit": ["Dinas Sosial", "Dinas Sosial", "BPBD"]})
    assert teaching.check_overdue_unit("dinas sosial", late).correct
    assert not teaching.check_overdue_unit("BPBD", late).correct
