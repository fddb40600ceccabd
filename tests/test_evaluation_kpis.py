"""KPIs over any period and grouping, video retention, benchmarks and targets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from humaskit import ParameterError, schema
from humaskit import evaluation as ev
from humaskit.io import Workspace


def _posts(seed=1, n=300):
    rng = np.random.default_rng(seed)
    day = pd.Timestamp("2025-07-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 92, n), "D")
    plat = rng.choice(["instagram", "youtube"], n)
    acc = rng.choice(["pemkot", "dinkes"], n)
    reach = rng.integers(200, 4000, n)
    views = rng.integers(100, 3000, n)
    df = pd.DataFrame(
        {
            "platform": plat,
            "account": acc,
            "post_id": [str(i) for i in range(n)],
            "published_at": day + pd.Timedelta(hours=3),
            "post_type": np.where(plat == "youtube", "video", rng.choice(["reel", "feed"], n)),
            "reach": np.where(plat == "instagram", reach, pd.NA),
            "views": np.where(plat == "youtube", views, pd.NA),
            "likes": rng.integers(5, 200, n),
            "comments": rng.integers(0, 20, n),
            "watch_time_s": np.where(plat == "youtube", views * 30, pd.NA),
            "avg_view_pct": np.where(plat == "youtube", rng.uniform(20, 80, n), np.nan),
            "followers_at_post": 1000,
            "campaign": rng.choice(["A", "B"], n),
            "category": rng.choice(["edukasi", "layanan"], n),
        }
    )
    return schema.validate(df, "posts")


def _accounts():
    return schema.validate(
        pd.DataFrame(
            {
                "institution": "Pemkot Uji",
                "unit": ["Diskominfo", "Diskominfo", "Dinkes", "Dinkes"],
                "platform": ["instagram", "youtube", "instagram", "youtube"],
                "handle": ["pemkot", "pemkot", "dinkes", "dinkes"],
                "display_name": "x",
            }
        ),
        "accounts",
    )


def _ws():
    return Workspace(posts=_posts(), accounts=_accounts())


def test_windows_parse_and_step_back():
    q = ev.window("2025-Q3")
    assert (q.label, q.previous().label, q.days) == ("2025-Q3", "2025-Q2", 92)
    d = ev.window(("2025-09-10", "2025-09-16"))
    assert d.days == 7 and d.previous().label == "2025-09-03..2025-09-09"
    assert ev.window("2025").previous().label == "2024"
    with pytest.raises(ParameterError, match="periode"):
        ev.window("bulan lalu")


def test_quarter_kpis_count_posts_in_local_time_and_compare_with_previous_quarter():
    posts = _posts()
    k = ev.kpis(posts, "2025-Q3")
    local = posts["published_at"].dt.tz_convert("Asia/Jakarta")
    assert int(k.loc[0, "posts"]) == int((local.dt.quarter == 3).sum())
    assert k.loc[0, "period"] == "2025-Q3"
    assert pd.isna(k.loc[0, "posts_change"])  # nothing in Q2


def test_custom_range_matches_a_manual_filter():
    posts = _posts()
    k = ev.kpis(posts, ("2025-08-01", "2025-08-10"), compare=False)
    local = posts["published_at"].dt.tz_convert("Asia/Jakarta").dt.tz_localize(None)
    inside = posts[(local >= "2025-08-01") & (local < "2025-08-11")]
    assert int(k.loc[0, "posts"]) == len(inside)
    assert k.loc[0, "posts_per_day"] == pytest.approx(len(inside) / 10)


def test_grouping_by_unit_joins_the_accounts_table_and_sums_to_the_total():
    ws = _ws()
    per = ev.kpis(ws, "2025-09", by="unit", compare=False)
    total = ev.kpis(ws, "2025-09", compare=False)
    assert set(per["unit"]) == {"Diskominfo", "Dinkes"}
    assert per["posts"].sum() == total.loc[0, "posts"]
    inst = ev.kpis(ws, "2025-09", by="institution", compare=False)
    assert inst["institution"].tolist() == ["Pemkot Uji"]


def test_unit_grouping_without_accounts_is_a_plain_error():
    with pytest.raises(ParameterError, match="unit"):
        ev.kpis(_posts(), "2025-09", by="unit")


def test_unregistered_accounts_are_labelled_not_dropped():
    posts = _posts()
    posts.loc[posts.index[:5], "account"] = "akun_baru"
    ws = Workspace(posts=posts, accounts=_accounts())
    per = ev.kpis(ws, "2025-Q3", by="unit", compare=False)
    assert per["posts"].sum() == len(posts)
    assert any("inventaris" in u or "inventory" in u for u in per["unit"])


def test_format_alias_campaign_grouping_and_video_retention():
    posts = _posts()
    k = ev.kpis(posts, "2025-09", by="format", compare=False).set_index("format")
    assert pd.isna(k.loc["reel", "avg_view_pct"]) and not pd.isna(k.loc["video", "avg_view_pct"])
    yt = posts[(posts["platform"] == "youtube")]
    yt = yt[yt["published_at"].dt.tz_convert("Asia/Jakarta").dt.month == 9]
    expect = (yt["avg_view_pct"] * yt["views"]).sum() / yt["views"].sum()
    assert float(k.loc["video", "avg_view_pct"]) == pytest.approx(float(expect))
    assert float(k.loc["video", "watch_time_per_view_s"]) == pytest.approx(30.0)
    camp = ev.kpis(posts, "2025-09", by="campaign", compare=False)
    assert set(camp["campaign"]) == {"A", "B"}


def test_posts_per_account_day_uses_the_accounts_that_posted():
    posts = _posts()
    k = ev.kpis(posts, "2025-09", by="platform", compare=False).set_index("platform")
    sep = posts[posts["published_at"].dt.tz_convert("Asia/Jakarta").dt.month == 9]
    ig = sep[sep["platform"] == "instagram"]
    assert int(k.loc["instagram", "accounts"]) == ig["account"].nunique()
    assert float(k.loc["instagram", "posts_per_account_day"]) == pytest.approx(
        len(ig) / ig["account"].nunique() / 30
    )


def test_follower_growth_rate_from_daily():
    posts = _posts()
    daily = pd.DataFrame(
        {
            "platform": "instagram",
            "account": "pemkot",
            "metric": "followers",
            "date": pd.to_datetime(["2025-08-31", "2025-09-30"]),
            "value": [1000.0, 1100.0],
        }
    )
    ws = Workspace(posts=posts, daily=schema.validate(daily, "daily"))
    g = ev.follower_growth(ws, "2025-09")
    assert g.loc[0, "follower_growth"] == 100
    assert g.loc[0, "follower_growth_rate"] == pytest.approx(0.1)


def test_benchmark_table_is_honest_about_its_sources():
    b = ev.benchmarks()
    assert set(b["kind"]) <= {"published", "illustrative"}
    assert b["source"].str.len().gt(5).all() and b["year"].str.fullmatch(r"\d{4}").all()
    illustrative = b[b["kind"] == "illustrative"]
    assert illustrative["source"].str.contains("illustrative").all()
    assert set(b["kpi"]) <= set(ev.kpi_directions()["kpi"])


def test_benchmark_comparison_falls_back_to_a_named_variant():
    k = pd.DataFrame({"platform": ["facebook"], "er_by_reach": [0.01]})
    out = ev.against_benchmarks(k)
    row = out[out["kpi"] == "er_by_impressions"].iloc[0]
    assert bool(row["approximate"]) and row["status"] == "worse"


def test_targets_respect_direction_and_platform():
    k = pd.DataFrame({"platform": ["instagram", "facebook"], "er_by_reach": [0.05, 0.01]})
    out = ev.against_targets(k, {"er_by_reach": {"instagram": 0.04, "facebook": 0.02}})
    assert out.set_index("platform")["met"].to_dict() == {"instagram": True, "facebook": False}
    hours = ev.against_targets(
        k, {"median_response_hours": 8}, figures={"median_response_hours": 6.5}
    )
    assert bool(hours.loc[0, "met"]) is True  # fewer hours is better
    with pytest.raises(ParameterError):
        ev.against_targets(k, {"er_by_reach": "tinggi"})


def test_example_targets_use_known_kpis():
    tg = ev.example_targets()
    assert set(tg["kpi"]) <= set(ev.kpi_directions()["kpi"])
    assert tg["target"].notna().all()


def test_kpis_share_followers_and_coverage_but_never_serve_an_edited_table_stale():
    """Issue #20 (report time): a report's kpis calls compute the follower series and the
    days with data once (kept by the content of the columns read), so an edit in place,
    of the daily follower counts or of the posts' times, is seen by the next call."""
    from humaskit import samples
    from humaskit.evaluation import _memo

    def fresh(ws, **kw):  # the same call with nothing kept
        _memo._kept.clear()
        return ev.kpis(ws, "2025-09", **kw)

    ws = ev.scope(samples.workspace(), period="2025-09").ws
    ws.posts, ws.daily = ws.posts.copy(), ws.daily.copy()
    shared = [ev.kpis(ws, "2025-09", by=by) for by in (None, "platform", "unit", "platform")]
    assert len(_memo._kept) >= 3  # spans and both windows' followers, kept once
    for by, got in zip((None, "platform", "unit", "platform"), shared, strict=True):
        pd.testing.assert_frame_equal(got, fresh(ws, by=by))
    ev.kpis(ws, "2025-09")
    followers = ws.daily.index[ws.daily["metric"].eq("followers")]
    ws.daily.loc[followers[-40:], "value"] = ws.daily.loc[followers[-40:], "value"] + 1000
    edited = ev.kpis(ws, "2025-09", by="platform")
    assert not edited["followers"].equals(shared[1]["followers"])
    pd.testing.assert_frame_equal(edited, fresh(ws, by="platform"))
    ws.daily = ws.daily.iloc[0:0]  # days with data now from the posts alone
    before = ev.kpis(ws, "2025-09")
    early = ws.posts["published_at"] < pd.Timestamp("2025-08-29", tz="UTC")
    ws.posts.loc[early, "published_at"] = pd.Timestamp("2025-08-29 05:00", tz="UTC")
    edited = ev.kpis(ws, "2025-09")
    assert int(edited.loc[0, "days_covered_prev"]) < int(before.loc[0, "days_covered_prev"])
    pd.testing.assert_frame_equal(edited, fresh(ws))
