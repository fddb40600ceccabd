"""The history store (humaskit.store): layout, de-duplication, accounting, lazy months, CLI."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from humaskit.cli import main
from humaskit.errors import DataNotFound, ParameterError
from humaskit.paths import SAMPLES_DIR
from humaskit.store import MARKER, Store, is_store, open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory, ws):
    st = Store.create(tmp_path_factory.mktemp("store") / "riwayat")
    st.append_workspace(ws, source="contoh")
    return st


def test_layout_is_a_marker_and_month_partitions(store, ws):
    assert is_store(store.path)
    manifest = json.loads((store.path / MARKER).read_text())
    assert manifest["tables"]["mentions"] == ["mention_id"]
    months = store.months("mentions")
    expected = sorted(ws.mentions["created_at"].dt.tz_convert("UTC").dt.strftime("%Y-%m").unique())
    assert months == expected
    files = store.files("mentions")
    assert all("/mentions/month=" in f for f in files)
    schemas = {str(pq.read_schema(f).remove_metadata()) for f in files}
    assert len(schemas) == 1  # every part file has the same columns and types
    assert (store.path / "reference" / "accounts").is_dir()


def test_round_trip_keeps_every_row_and_dtype(store, ws):
    back = store.read("mentions").sort_values("mention_id").reset_index(drop=True)
    want = ws.mentions.sort_values("mention_id").reset_index(drop=True)[back.columns]
    pd.testing.assert_frame_equal(back, want, check_dtype=True)
    assert len(store.read("posts")) == len(ws.posts)


def test_append_again_adds_nothing_and_accounts_for_every_row(tmp_path, ws):
    st = Store.create(tmp_path / "s")
    first = st.append_workspace(ws)
    again = st.append_workspace(ws)
    assert int(again["added"].sum()) == 0
    assert (again["duplicates"] == again["imported"]).all()
    log = st.imports_log()
    assert len(log) == len(first) + len(again)
    assert (log["rows_in_file"] == log["imported"] + log["skipped"]).all()
    assert (log["imported"] == log["added"] + log["duplicates"]).all()


def test_overlapping_import_adds_only_new_rows(tmp_path, ws):
    st = Store.create(tmp_path / "s")
    m = ws.mentions
    half = len(m) // 2
    assert st.append("mentions", m.iloc[:half])["added"] == half
    # the second file overlaps the first by 100 rows and repeats one row inside itself
    second = pd.concat([m.iloc[half - 100 :], m.iloc[-1:]])
    counts = st.append("mentions", second)
    assert counts == {"added": len(m) - half, "duplicates": 101}
    assert len(st.read("mentions")) == len(m)
    d = ws.daily
    assert st.append("daily", d)["added"] == len(d)
    assert st.append("daily", d.iloc[:50])["duplicates"] == 50  # keyed by 4 columns


def test_only_the_months_asked_for_are_read(store, ws):
    w = store.workspace(["2025-09"])
    months = w.mentions["created_at"].dt.tz_convert("UTC").dt.strftime("%Y-%m")
    assert set(months) == {"2025-09"}
    report = store.workspace_for("2025-09")
    local = report.posts["published_at"].dt.tz_convert("Asia/Jakarta").dt.strftime("%Y-%m")
    assert {"2025-07", "2025-08", "2025-09"} <= set(local)
    assert len(report.posts) < len(ws.posts)  # older months (the abandoned account) left out
    assert store.latest("posts") == ws.posts["published_at"].max()


def test_store_errors_are_plain_sentences(tmp_path):
    with pytest.raises(DataNotFound, match="humaskit-store.json"):
        open_store(tmp_path)
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(ParameterError, match="folder"):
        Store.create(tmp_path)


def test_cli_impor_simpan_appends_and_reports(tmp_path, capsys):
    target = tmp_path / "riwayat"
    assert main(["impor", str(SAMPLES_DIR / "exports"), "--simpan", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Disimpan ke" in out and "0 baris ganda" in out
    assert (
        main(["impor", str(SAMPLES_DIR / "exports"), "--simpan", str(target), "--lang", "en"]) == 0
    )
    out = capsys.readouterr().out
    assert "0 new rows" in out
    log = open_store(target).imports_log()
    assert (log["imported"] == log["added"] + log["duplicates"]).all()
    assert main(["impor", "contoh", "--simpan", str(SAMPLES_DIR)]) == 2  # not a store


def test_playbook_validate_reads_a_store(store):
    from humaskit import playbooks

    ns = {k: q.default for k, q in playbooks.parameters("evaluasi-bulanan").items()}
    p = playbooks.validate(
        "evaluasi-bulanan", {**ns, "periode": "terakhir", "data": str(store.path)}
    )
    assert str(p.period) == "2025-09"
    months = p.ws.posts["published_at"].dt.tz_convert("UTC").dt.strftime("%Y-%m")
    assert set(months) <= {"2025-06", "2025-07", "2025-08", "2025-09"}
