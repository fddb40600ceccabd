"""The QC gate and the right time: planted cases for every rule (issue #15, items 1-2)."""

from __future__ import annotations

import icalendar
import numpy as np
import pandas as pd
import pytest

from humaskit import ParameterError, planning, samples, scheduling
from humaskit.files import schedule as schedule_files

GOOD = "Layanan KTP keliling hadir di kelurahan Anda minggu ini. Bawa KK asli."


def _plan(rows):
    base = {"platform": "x", "format": "text", "category": "layanan", "status": "disetujui"}
    return pd.DataFrame([base | {"pic": "Rina", "caption": GOOD} | r for r in rows])


def test_gate_holds_screen_qc_and_unsigned_posts_with_reason_and_who_acts():
    plan = _plan(
        [
            {"date": "2025-10-01", "title": "Siap"},
            {"date": "2025-10-01", "title": "Data warga", "caption": "NIK 3201234567890123"},
            {"date": "2025-10-02", "title": "Draf", "status": "draf"},
            {"date": "2025-10-02", "title": "Tanpa PIC", "status": "draf", "pic": None},
            {"date": "2025-10-03", "title": "Ditolak", "status": "ditolak"},
            {"date": "2025-10-03", "title": "Kosong", "caption": ""},
        ]
    )
    out = planning.gate(plan, lang="id")
    assert out["cleared"].tolist() == [True, False, False, False, False, False]
    assert out.attrs == {"cleared": 1, "held": 5, "overridden": 0}
    why = out["gate_reasons"].tolist()
    act = out["gate_action"].tolist()
    assert why[0] is None or pd.isna(why[0])
    assert "gagal pemeriksaan mutu" in why[1] and "Rina merevisi" in act[1]
    assert "belum disetujui PIC" in why[2] and "Rina (PIC) memeriksa" in act[2]
    assert "menunjuk PIC" in act[3]
    assert "ditolak oleh Rina" in why[4]
    assert "gagal pemeriksaan mutu" in why[5]
    view = planning.held_view(out, lang="id")
    assert len(view) == 5
    assert {"Alasan belum boleh tayang", "Siapa harus bertindak"} <= set(view.columns)


def test_screen_flags_sara_even_when_signed_off():
    plan = _plan([{"date": "2025-10-01", "title": "Opini", "caption": "Dasar kafir semua"}])
    out = planning.gate(plan, lang="id")
    assert not out["cleared"].iloc[0]


def test_override_needs_a_name_and_a_reason_and_shows_in_the_schedule():
    plan = _plan([{"date": "2025-10-01", "title": "Siaga banjir", "status": "draf"}])
    with pytest.raises(ParameterError):
        planning.override(plan, [0], "", "darurat")
    with pytest.raises(ParameterError):
        planning.override(plan, [0], "Kabag Humas", " ")
    out = planning.gate(planning.override(plan, [0], "Kabag Humas", "peringatan dini BPBD"))
    assert out["cleared"].iloc[0] and out.attrs["overridden"] == 1
    s = scheduling.schedule(out, lang="id")
    assert s.attrs["overridden"] == 1
    assert "DILEPAS oleh Kabag Humas: peringatan dini BPBD" in s["reason"].iloc[0]


def test_schedule_gives_no_time_to_held_posts_and_files_follow(tmp_path):
    plan = _plan(
        [{"date": f"2025-10-{d:02d}", "title": f"Post {d}"} for d in range(1, 7)]
        + [{"date": "2025-10-02", "title": "Belum", "status": "draf"}]
    )
    s = scheduling.schedule(planning.gate(plan), lang="id")
    held = s[s["held"]]
    assert held["title"].tolist() == ["Belum"]
    assert held["scheduled_at"].isna().all() and held["local_time"].isna().all()
    assert "Belum boleh tayang" in held["reason"].iloc[0]
    assert s.loc[~s["held"], "scheduled_at"].notna().all()
    assert s.attrs["held"] == 1
    assert "Belum" not in schedule_files.schedule_view(s, lang="id")["Judul"].tolist()
    files = schedule_files.write_schedule(s, tmp_path, lang="id")
    sheets = pd.read_excel(files["xlsx"], sheet_name=None)
    assert sheets["Belum boleh tayang"]["Judul"].tolist() == ["Belum"]
    cal = icalendar.Calendar.from_ical(files["ics"].read_bytes())
    events = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert len(events) == 6 and not any("Belum" in e for e in events)
    assert any(
        "belum boleh tayang" in line.lower()
        for line in scheduling.narrative(scheduling.default_times("x"), schedule=s, lang="id")
    )


@pytest.mark.parametrize(
    "title, lo, hi",
    [
        ("Sapa pagi warga", 5, 9),
        ("Selamat malam, warga Sukamaju", 19, 22),
        ("Info sahur hari ini", 2, 4),
        ("Menjelang berbuka puasa", 16, 18),
    ],
)
def test_time_bound_posts_land_in_their_hours(title, lo, hi):
    plan = _plan(
        [{"date": "2025-10-06", "title": title}]
        + [{"date": "2025-10-06", "title": f"Biasa {i}"} for i in range(3)]
    )
    s = scheduling.schedule(plan, caps=6, lang="id")
    row = s[s["title"] == title].iloc[0]
    assert lo <= row["local_time"].hour <= hi
    assert row["time_rule"] and "Aturan waktu" in row["reason"]


def test_friday_post_goes_on_a_friday_and_reminder_never_after_its_day():
    plan = _plan(
        [
            {"date": "2025-10-08", "title": "Jumat berkah: santunan yatim"},
            {"date": "2025-10-08", "title": "Pengingat: besok vaksinasi gratis"},
            {"date": "2025-10-01", "title": "Awal bulan"},
            {"date": "2025-10-31", "title": "Akhir bulan"},
        ]
    )
    s = scheduling.schedule(plan, flex_days=3, lang="id").set_index("title")
    friday = s.loc["Jumat berkah: santunan yatim", "local_time"]
    assert friday.day_of_week == 4 and 5 <= friday.hour <= 11
    reminder = s.loc["Pengingat: besok vaksinasi gratis"]
    assert reminder["moved_days"] <= 0 and 6 <= reminder["local_time"].hour <= 12


def test_rules_table_is_editable_and_can_be_switched_off():
    rules = pd.DataFrame(
        {"rule": ["apel"], "pattern": ["apel pagi"], "hours": ["06-07"], "days": [""]}
    )
    plan = _plan([{"date": "2025-10-06", "title": "Apel pagi ASN"}])
    s = scheduling.schedule(plan, rules=rules, lang="id")
    assert s["local_time"].dt.hour.iloc[0] in (6, 7)
    assert scheduling.schedule(plan, rules=False)["time_rule"].isna().all()
    with pytest.raises(ParameterError):
        scheduling.schedule(plan, rules=pd.DataFrame({"rule": ["x"]}))
    assert "sapa pagi" in set(scheduling.time_rules()["rule"])


def test_a_month_does_not_collapse_onto_one_hour():
    days = pd.date_range("2025-10-01", "2025-10-31").strftime("%Y-%m-%d")
    plan = _plan([{"date": d, "title": f"Post {d}"} for d in days for _ in range(2)])
    s = scheduling.schedule(plan, caps=3, spacing=1, lang="id")
    share = s["local_time"].dt.hour.value_counts(normalize=True)
    assert share.max() <= 1 / 3
    same = s.groupby([s["local_time"].dt.date, s["local_time"].dt.hour]).size()
    assert same.max() == 1  # two posts of a day never share an hour


def test_platform_uses_baseline_when_backtest_does_not_beat_it():
    bt_table = pd.DataFrame(
        {"platform": ["x", "tiktok"], "rho_model": [0.4, 0.2], "rho_default": [0.3, 0.3]}
    )
    plan = pd.concat(
        [
            _plan([{"date": "2025-10-06", "title": "A"}]),
            _plan([{"date": "2025-10-06", "title": "B", "platform": "tiktok", "format": "video"}]),
        ],
        ignore_index=True,
    )
    s = scheduling.schedule(plan, backtest=bt_table, lang="id")
    assert s.attrs["baseline"] == ["tiktok"]
    assert "model akun tidak mengalahkannya" in s.loc[1, "reason"]
    assert "model akun tidak mengalahkannya" not in s.loc[0, "reason"]
    nar = scheduling.narrative(scheduling.default_times("x"), schedule=s, lang="id")
    assert any("TikTok" in line and "pola umum" in line for line in nar)


def test_on_the_samples_nothing_unsafe_gets_a_time_and_hours_spread():
    posts = samples.load("posts")
    gated = planning.gate(samples.load("plan"))
    s = scheduling.schedule(
        gated, scheduling.best_times(posts), backtest=scheduling.backtest(posts)
    )
    unsafe = (gated["qc_status"] == "perlu_revisi") | ~gated["status"].isin(["disetujui", "terbit"])
    assert unsafe.sum() > 0
    assert s.loc[unsafe.to_numpy(), "scheduled_at"].isna().all()
    assert s.loc[unsafe.to_numpy(), "reason"].str.contains("Belum boleh tayang").all()
    placed = s[~s["held"]]
    for _, g in placed.groupby("platform"):
        if len(g) >= 3:
            assert g["local_time"].dt.hour.value_counts().max() <= len(g) / 3
    # the greetings of the sample plan (ungated) land in the morning
    all_s = scheduling.schedule(samples.load("plan"), scheduling.best_times(posts))
    greet = all_s[all_s["title"].str.contains("pagi", case=False)]
    assert len(greet) and greet["local_time"].dt.hour.between(5, 9).all()
    for _, g in all_s.groupby("platform"):
        assert g["local_time"].dt.hour.value_counts().max() <= len(g) / 3
    assert np.isfinite(s.attrs["mean_score"])
