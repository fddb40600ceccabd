"""From plan to post, items 3, 5 and 6 (issue #15): planted cases for each rule.

The first seconds of video (retention by length band, what holds an account's viewers,
readiness flags a long video), campaign results, the lag from event to post per unit, and
daily presence as posted. Every function answers with a sentence when the data lack what
it needs.
"""

from __future__ import annotations

import pandas as pd
import pytest

from humaskit import evaluation as ev
from humaskit import scheduling as sch
from humaskit import teaching
from humaskit.report import evaluation as rev


def _posts(n, **cols):
    base = {
        "platform": "youtube",
        "account": "pemkot",
        "post_id": [str(i) for i in range(n)],
        "published_at": [f"2025-09-{1 + i % 28:02d} 05:00+00" for i in range(n)],
        "post_type": "video",
    }
    base.update(cols)
    return pd.DataFrame(base)


# ------------------------------------------------------------------ the first seconds


def test_retention_is_derived_from_whatever_the_export_gives():
    posts = pd.concat(
        [
            # YouTube: percentage and watch time, no length -> length = avg s / share
            _posts(1, views=[100], watch_time_s=[3000], avg_view_pct=[50.0]),
            # Meta: length, seconds viewed and 3-second views
            _posts(
                1,
                platform="facebook",
                post_type="reel",
                views=[400],
                video_views=[100],
                duration_s=[30],
                watch_time_s=[2400],
            ),
            # TikTok: average watch time only (no length)
            _posts(1, platform="tiktok", views=[10], avg_view_s=[7.0]),
            # a photo without any video figure is not a video
            _posts(1, platform="instagram", post_type="feed", views=[50]),
        ],
        ignore_index=True,
    )
    r = ev.video_retention(posts).set_index("platform")
    assert set(r.index) == {"youtube", "facebook", "tiktok"}
    assert r.loc["youtube", "avg_view_s"] == 30.0 and r.loc["youtube", "duration_s"] == 60.0
    assert r.loc["youtube", "length_band"] == "16-60s"
    assert r.loc["facebook", "avg_view_pct"] == 20.0 and r.loc["facebook", "opening_pct"] == 25.0
    assert pd.isna(r.loc["tiktok", "avg_view_pct"]) and pd.isna(r.loc["tiktok", "length_band"])


def test_bands_compare_lengths_and_say_which_holds():
    posts = _posts(
        6,
        views=100,
        duration_s=[10, 12, 45, 50, 400, 500],
        avg_view_s=[9.0, 10.0, 30.0, 35.0, 80.0, 90.0],
    )
    table = ev.retention_by_length(posts)
    assert table["length_band"].tolist() == ["0-15s", "16-60s", "3-10m"]
    assert table["holds"].tolist() == [True, True, False]
    hold = ev.holding_length(posts).iloc[0]
    assert hold["holds_up_to_s"] == 60 and hold["holding_band"] == "16-60s"
    notes = ev.retention_notes(posts, lang="id")
    assert "≤ 15 detik ditonton paling jauh" in notes[0] and "3-10 menit" in notes[0]
    assert "15 detik pertama" in notes[-1]
    shown = rev.for_display(table, lang="id")
    assert shown["length_band"].tolist()[0] == "≤ 15 detik" and shown["holds"].iloc[2] == "tidak"


def test_one_video_per_band_is_not_judged():
    table = ev.retention_by_length(_posts(1, views=10, duration_s=[20], avg_view_s=[15.0]))
    assert table["holds"].isna().all()
    assert (
        ev.holding_length(_posts(1, views=10, duration_s=[20], avg_view_s=[15.0]))["holds_up_to_s"]
        .isna()
        .all()
    )


def test_no_retention_is_one_sentence_naming_the_download():
    posts = _posts(3, platform="x", post_type="text", likes=[1, 2, 3])
    assert ev.video_retention(posts).empty and ev.retention_by_length(posts).empty
    notes = ev.retention_notes(posts, lang="id")
    assert len(notes) == 1 and "YouTube Studio" in notes[0]
    only_seconds = _posts(3, views=10, avg_view_s=[5.0, 6.0, 7.0])
    assert "tidak memuat durasi" in ev.retention_notes(only_seconds, lang="id")[0]


def test_readiness_flags_a_video_longer_than_what_holds_the_viewers():
    posts = _posts(4, views=100, duration_s=[20, 30, 200, 250], avg_view_s=[15.0, 20.0, 30.0, 40.0])
    hold = ev.holding_length(posts)
    plan = {
        "platform": "youtube",
        "account": "pemkot",
        "format": "video",
        "title": "A",
        "caption": "Urus KTP dari rumah.",
        "hook_s": 5,
    }
    long = sch.readiness(plan | {"duration_s": 240}, retention=hold, lang="id")
    hook = long.set_index("factor").loc["hook"]
    assert hook["score"] <= 50 and "lebih panjang dari 60 detik" in hook["explanation"]
    short = sch.readiness(plan | {"duration_s": 45}, retention=hold, lang="id")
    assert short.set_index("factor").loc["hook", "score"] == 100
    # without the table or the length nothing changes, and the 15-second rule is still said
    plain = sch.readiness(plan | {"hook_s": None}, lang="id").set_index("factor")
    assert "15 detik pertama" in plain.loc["hook", "explanation"]
    # an account with seconds only: four times the typical view is too long
    typical = pd.DataFrame(
        {
            "account": ["pemkot"],
            "platform": ["youtube"],
            "videos": [9],
            "median_view_s": [20.0],
            "holds_up_to_s": [pd.NA],
        }
    )
    out = sch.readiness(plan | {"duration_s": 120}, retention=typical, lang="id")
    assert "rata-rata bertahan 20 detik" in out.set_index("factor").loc["hook", "explanation"]


# ------------------------------------------------------------------ campaigns


def test_campaigns_from_the_column_or_from_shared_hashtags():
    col = _posts(
        4,
        platform="x",
        post_type="text",
        reach=100,
        likes=[10, 20, 1, 1],
        campaign=["Siaga Banjir", "Siaga Banjir", "KTP Digital", None],
    )
    out = ev.campaigns(col, "2025-09")
    assert out["campaign"].tolist() == ["Siaga Banjir", "KTP Digital"]
    assert out["source"].unique().tolist() == ["campaign"]
    assert out.loc[0, "posts"] == 2 and out.loc[0, "er_by_reach"] == pytest.approx(0.15)
    tags = _posts(
        8,
        platform="instagram",
        post_type="feed",
        reach=100,
        likes=1,
        text=["#SiagaBanjir #pemkot"] * 3 + ["#pemkot a"] * 5,
    )
    out = ev.campaigns(tags, "2025-09")
    # a tag on every post is the account's, not a campaign's
    assert out["campaign"].tolist() == ["#siagabanjir"] and out["source"].iloc[0] == "hashtag"
    assert "tagar" in ev.campaign_notes(out, lang="id")[0]


def test_no_campaign_is_one_sentence():
    posts = _posts(2, platform="x", post_type="text", text=["a", "b"])
    out = ev.campaigns(posts, "2025-09")
    assert out.empty and list(out.columns)[:2] == ["campaign", "source"]
    assert "Kampanye" in ev.campaign_notes(out, lang="id")[0]
    assert ev.campaigns(posts.drop(columns="text"), "2025-09").empty


# ------------------------------------------------------------------ event to post


def _plan_rows():
    return pd.DataFrame(
        {
            "platform": ["x", "x", "instagram", "x"],
            "account": ["pemkot", "pemkot", "dinkes", "pemkot"],
            "title": ["Banjir", "Jalan", "DBD", "Tanpa kejadian"],
            "post_id": ["p1", None, None, None],
            "event_at": ["2025-09-02 06:00", "2025-09-03 07:00", "2025-09-04 08:00", None],
            "scheduled_at": [
                "2025-09-02 12:00",
                "2025-09-03 08:30",
                "2025-09-04 18:00",
                "2025-09-05 09:00",
            ],
        }
    )


def test_lag_uses_the_published_post_else_the_schedule_and_maps_units():
    posts = _posts(1, platform="x", post_id=["p1"], published_at=["2025-09-02 00:00+00"])
    accounts = pd.DataFrame(
        {
            "platform": ["x", "instagram"],
            "account": ["pemkot", "dinkes"],
            "unit": ["Diskominfo", "Dinas Kesehatan"],
        }
    )
    lag = ev.event_lag(_plan_rows(), posts, accounts=accounts)
    assert len(lag) == 3  # the row without an event time is left out
    got = dict(zip(lag["title"], lag["lag_hours"], strict=True))
    assert got == {"DBD": 10.0, "Jalan": 1.5, "Banjir": 1.0}  # published 07:00 WIB, not 12:00
    assert dict(zip(lag["title"], lag["posted_from"], strict=True))["Banjir"] == "from_post"
    units = ev.lag_by_unit(lag)
    assert units["unit"].tolist() == ["Dinas Kesehatan", "Diskominfo"]  # slowest first
    assert units.loc[1, "within_fast_share"] == 1.0 and units.loc[0, "within_fast_share"] == 0
    assert "median 1,5 jam" in ev.lag_notes(lag, lang="id")[0]
    assert ev.event_lag(_plan_rows(), period="2025-10").empty


def test_lag_without_event_times_is_one_sentence():
    plan = _plan_rows().drop(columns="event_at")
    assert ev.event_lag(plan).empty and ev.event_lag(None).empty
    assert "Waktu kejadian" in ev.lag_notes(ev.event_lag(plan), lang="id")[0]
    early = _plan_rows().assign(scheduled_at="2025-09-01 00:00")
    assert "sebelum waktu kejadiannya" in " ".join(ev.lag_notes(ev.event_lag(early)))


# ------------------------------------------------------------------ presence as posted


def test_presence_as_posted_counts_local_days():
    posts = _posts(
        3,
        platform="instagram",
        post_type="feed",
        # 18:00 UTC on 31 August is 01:00 WIB on 1 September
        published_at=["2025-08-31 18:00+00", "2025-09-02 05:00+00", "2025-09-30 05:00+00"],
    )
    row = ev.presence(posts, "2025-09").iloc[0]
    assert (row["days_without"], row["longest_gap"]) == (27, 27)
    assert row["empty_days"] == "3-29"
    other = posts.assign(account="dinkes").iloc[:1]
    both = pd.concat([posts, other], ignore_index=True)
    assert ev.presence(both, "2025-09")["account"].tolist() == ["pemkot"]  # main account
    assert len(ev.presence(both, "2025-09", main_only=False)) == 2
    assert "3-29" in ev.presence_notes(posts, "2025-09", lang="id")[0]
    assert "Tidak ada unggahan" in ev.presence_notes(posts, "2025-11", lang="id")[0]


# ------------------------------------------------------------------ the exercises


def test_exercises_answer_right_wrong_and_odd_answers():
    table = pd.DataFrame(
        {
            "platform": "youtube",
            "length_band": ["16-60s", "3-10m"],
            "videos": [3, 9],
            "median_view_pct": [70.0, 30.0],
        }
    )
    assert teaching.check_holding_band("16-60 detik", table).correct
    assert teaching.check_holding_band("16-60s", table).correct
    most = teaching.check_holding_band("3-10 menit", table, lang="id")
    assert not most.correct and "paling sering" in most.message
    assert not teaching.check_holding_band(None, table).correct
    assert not teaching.check_holding_band(table, table).correct

    camps = pd.DataFrame(
        {
            "campaign": ["Siaga Banjir", "KTP Digital"],
            "posts": [5, 20],
            "reach": [100, 9000],
            "er_by_reach": [0.09, 0.03],
        }
    )
    assert teaching.check_best_campaign("'Siaga Banjir'", camps).correct
    assert "unggahan terbanyak" in teaching.check_best_campaign("ktp digital", camps).message

    lag = {"event": "2025-10-01 06:15", "posted": "2025-10-01 09:45"}
    assert teaching.check_event_lag("3,5", **lag).correct
    assert teaching.check_event_lag("3,5 jam", **lag).correct
    assert "menit" in teaching.check_event_lag(210, **lag, lang="id").message
    assert "terbalik" in teaching.check_event_lag(-3.5, **lag, lang="id").message
    assert not teaching.check_event_lag("tiga", **lag).correct


# ------------------------------------------------------------------ the monthly report


def test_evaluasi_bulanan_reports_every_new_section_with_a_plan_of_event_times(tmp_path):
    import json

    from humaskit import playbooks
    from humaskit.files import plan as plan_files
    from humaskit.planning import draft_plan

    plan = draft_plan("2025-09", targets={"instagram": 3, "x": 2})
    plan["account"] = "pemkotsukamaju"
    plan["scheduled_at"] = pd.to_datetime(plan["date"]).dt.tz_localize("Asia/Jakarta") + (
        pd.Timedelta(hours=10)
    )
    plan["event_at"] = plan["scheduled_at"] - pd.to_timedelta([2, 4, 8, 1, 30], unit="h")
    path = plan_files.write_plan_xlsx(plan, tmp_path / "rencana.xlsx")
    out = playbooks.run(
        "evaluasi-bulanan", {"periode": "2025-09", "rencana": str(path)}, tmp_path / "out"
    )
    html = out.read_text(encoding="utf-8")
    for heading in (
        "Hadir setiap hari",
        "Detik pertama video",
        "Hasil kampanye",
        "Kecepatan dari kejadian ke unggahan",
    ):
        assert heading in html
    summary = json.loads((out.parent / "ringkasan.json").read_text(encoding="utf-8"))["summary"]
    assert summary["events_with_lag"] == 5 and summary["campaigns"] >= 10
    assert summary["videos_with_retention"] > 100
    assert summary["days_without_post"]["instagram"] == 0
    assert "median 4,0 jam" in html  # 1, 2, 4, 8 and 30 hours


def test_a_single_video_with_a_length_is_not_called_lengthless():
    one = _posts(
        1, platform="facebook", post_type="reel", views=[100], duration_s=[62], avg_view_s=[5.2]
    )
    note = ev.retention_notes(one, lang="id")[0]
    assert "1 video dengan durasi" in note and "tidak memuat durasi" not in note


def test_youtube_stayed_to_watch_is_the_opening_kept():
    shorts = _posts(
        2,
        post_type="short",
        views=[100, 200],
        avg_view_pct=[90.0, 70.0],
        avg_view_s=[18.0, 21.0],
        stayed_pct=[64.0, 71.5],
    )
    r = ev.video_retention(shorts)
    assert r["opening_pct"].tolist() == [64.0, 71.5]
    assert "YouTube Shorts" in ev.retention_notes(shorts, lang="id")[1]
