"""The evaluation playbooks end to end, on sample data with hostile text injected.

One papermill run per playbook (module-scoped fixtures) plus two runs that must stop at
the validation cell. The injected mentions carry ``<script>``, a spreadsheet formula, a
phone number, a NIK and a citizen's handle: none may come out unescaped, unmasked or
named.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from humaskit import ParameterError, playbooks
from humaskit import evaluation as ev
from humaskit.files.safe import unsafe_cells

SECRET = "budi_rahasia77"
SCRIPT = "<script>alert('x')</script>"
FORMULA = '=HYPERLINK("http://jahat.example","jembatanxyz rusak, tolong")'
PHONE = "0812-3456-7890"
NIK = "3201123456780001"


def _inject(ws):
    m = ws.mentions.copy()
    rows = m.iloc[:2].copy()
    rows["mention_id"] = ["9990000000000000001", "9990000000000000002"]
    rows["platform"], rows["account"], rows["kind"] = "x", "dpu_sukamaju", "mention"
    rows["author"], rows["author_type"] = SECRET, "citizen"
    rows["created_at"] = pd.to_datetime(["2025-08-31 17:30", "2025-09-30 15:00"], utc=True)
    rows["responded_at"] = pd.NaT
    rows["responder"] = pd.NA
    rows["in_reply_to"] = pd.NA
    rows["to_author"] = pd.NA
    rows["mentioned"] = pd.NA
    rows["text"] = [
        FORMULA + f" {SCRIPT} WA {PHONE} NIK {NIK} @{SECRET}",
        f"{SCRIPT} jembatanxyz rusak parah, tolong! WA {PHONE} @{SECRET}",
    ]
    from humaskit.io import Workspace

    tables = ws.tables()
    tables["mentions"] = pd.concat([m, rows], ignore_index=True)
    return Workspace.from_tables(tables)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from humaskit import samples

    path = tmp_path_factory.mktemp("data-suntik")
    samples.write(_inject(samples.workspace()), path)
    return path


@pytest.fixture(scope="module")
def aduan(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("aduan")
    return playbooks.run("layanan-aduan", {"data": str(folder), "periode": "2025-09"}, out)


@pytest.fixture(scope="module")
def pantau(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("pantau")
    return playbooks.run(
        "pantau-isu",
        {"data": str(folder), "sampai": "2025-09-30", "kata_kunci": "jembatanxyz, banjir"},
        out,
    )


def _visible(html_path):
    return html_path.read_text(encoding="utf-8")


def _no_leaks(text, html=True):
    if html:
        assert SCRIPT not in text, "raw <script> reached the output"
    assert SECRET not in text, "a citizen's handle was not pseudonymised"
    assert PHONE not in text and NIK not in text, "personal data was not masked"


def test_layanan_aduan_escapes_masks_and_writes_a_safe_escalation_list(aduan):
    html = _visible(aduan)
    _no_leaks(html)
    assert "&lt;script&gt;" in html and "Aturan 24 Jam" in html
    from openpyxl import load_workbook

    xlsx = next(aduan.parent.glob("eskalasi-*.xlsx"))
    wb = load_workbook(xlsx)
    cells = [
        c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    _no_leaks(" ".join(cells), html=False)  # xlsx shows text as text; formulas are the risk
    assert unsafe_cells(xlsx) == []  # kept as text, quote prefix
    assert any(v.startswith("=HYPERLINK") for v in cells)  # shown exactly as written
    assert "Dinas Pekerjaan Umum" in wb.sheetnames


def test_layanan_aduan_summary_matches_the_library(aduan, folder):
    from humaskit.io import read_folder

    bundle = json.loads((aduan.parent / "ringkasan.json").read_text(encoding="utf-8"))
    _no_leaks(json.dumps(bundle, ensure_ascii=False), html=False)
    summary = bundle["summary"]
    ws = read_folder(folder)
    r = ev.responsiveness(ws, period="2025-09", by=())
    assert summary["total"]["needing_answer"] == int(r.loc[0, "needing_answer"])
    assert summary["total"]["within_limit_share"] == pytest.approx(
        float(r.loc[0, "within_limit_share"]), abs=1e-5
    )
    assert summary["escalation_file"] == "eskalasi-september-2025.xlsx"  # dates as words


def test_pantau_isu_tracks_the_word_and_leaks_nothing(pantau):
    html = _visible(pantau)
    _no_leaks(html)
    bundle = json.loads((pantau.parent / "ringkasan.json").read_text(encoding="utf-8"))
    s = bundle["summary"]
    assert s["window"] == "2025-09-17..2025-09-30"
    tracked = {row["term"]: row for row in s["tracked"]}
    assert tracked["jembatanxyz"]["mentions"] == 1
    assert "Pantau Isu" in html and "jembatanxyz" in html
    assert len(re.findall(r"data:image/png", html)) >= 2  # volume and sentiment charts


def _cells(path):
    from openpyxl import load_workbook

    wb = load_workbook(path)
    assert not any(
        c.data_type == "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row
    ), "a formula cell reached the xlsx"
    return wb


def test_layanan_aduan_moderates_classes_and_suggests_replies(aduan):
    summary = json.loads((aduan.parent / "ringkasan.json").read_text(encoding="utf-8"))["summary"]
    assert set(summary["moderation"]) == set(ev.MODERATION_CATEGORIES)
    assert summary["moderation"]["personal_data"] >= 1  # the injected NIK and phone
    assert summary["moderation"]["hoax"] >= 1 and summary["moderation"]["abuse"] >= 1
    assert set(summary["attention"]) == set(ev.ATTENTION_CLASSES)
    assert summary["replies_read"] == 0  # the samples hold only the citizens' side
    wb = _cells(next(aduan.parent.glob("eskalasi-*.xlsx")))
    assert "Moderasi" in wb.sheetnames
    sheet = wb["Semua terlambat"]
    header = [c.value for c in sheet[1]]
    col = header.index("Saran jawaban")
    replies = [row[col].value for row in sheet.iter_rows(min_row=2)]
    assert replies and all(isinstance(r, str) and "Kak" in r for r in replies)
    html = _visible(aduan)
    assert "Antrean moderasi" in html and "Kritik atau serangan" in html
    assert "Siapa yang menjawab" in html


def test_pantau_isu_writes_a_safe_moderation_sheet(pantau):
    summary = json.loads((pantau.parent / "ringkasan.json").read_text(encoding="utf-8"))["summary"]
    assert summary["moderation_file"] == "moderasi-17-30-september-2025.xlsx"
    assert summary["moderation"]["personal_data"] >= 1
    wb = _cells(pantau.parent / summary["moderation_file"])
    cells = [
        c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    _no_leaks(" ".join(cells), html=False)
    assert (
        unsafe_cells(pantau.parent / summary["moderation_file"]) == []
    )  # kept as text, quote prefix
    assert "Antrean moderasi" in _visible(pantau)


@pytest.fixture(scope="module")
def forum(tmp_path_factory):
    from humaskit.files import bundles as hb

    src = tmp_path_factory.mktemp("bundel")
    for b in ev.sample_bundles("2025-09")[:4]:
        hb.write_bundle(b, src / f"{b['unit']}.json")
    (src / "catatan.json").write_text('{"bukan": "bundel"}', encoding="utf-8")
    out = tmp_path_factory.mktemp("forum")
    return playbooks.run(
        "forum-banding", {"bundel": str(src), "kpi": "within_limit_share, er_by_reach"}, out
    )


def test_forum_ranks_the_units_of_the_folder(forum):
    bundle = json.loads((forum.parent / "ringkasan.json").read_text(encoding="utf-8"))
    ranking = bundle["summary"]["ranking"]
    assert bundle["summary"]["units"] == 4 and [r["rank"] for r in ranking][0] == 1
    assert bundle["summary"]["kpis"] == ["within_limit_share", "er_by_reach"]
    html = _visible(forum)
    assert "catatan.json" in html  # the skipped file is reported, not dropped silently


def test_a_bad_value_stops_at_validation(tmp_path):
    with pytest.raises(ParameterError) as exc:
        playbooks.run("layanan-aduan", {"waktu_acuan": "kemarin sore"}, tmp_path)
    assert "waktu_acuan" in str(exc.value) and "Traceback" not in str(exc.value)
    assert not any(p.name.startswith("layanan-aduan") for p in tmp_path.iterdir())


def test_validation_helpers_of_the_other_playbooks_name_the_parameter():
    with pytest.raises(ParameterError, match="warna_logo"):
        ev.kpi_list("er_by_reach, warna_logo")
    with pytest.raises(ParameterError, match="mulai"):
        ev.days_window("30-09-2025", "")
