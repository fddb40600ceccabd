"""humaskit.scheduling: best times, frequency, schedule, readiness, backtest; its plots and checkers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from humaskit import ParameterError, scheduling
from humaskit.plots.scheduling import plot_heatmap
from humaskit.scheduling import (
    backtest,
    best_times,
    hourly_totals,
    posting_frequency,
    readiness,
    schedule,
)
from humaskit.teaching.scheduling import check_best_hour, check_best_slot, show_schedule

PRIME = (19, 20, 21)
# the team's habit: mostly office hours, little in prime time (the confound)
HABIT = np.array(
    [
        0.2,
        0.1,
        0.05,
        0.05,
        0.05,
        0.2,
        1,
        2,
        4,
        4,
        3,
        2,
        3,
        2,
        2,
        1.5,
        1.5,
        1,
        1,
        1.2,
        1.2,
        1,
        0.6,
        0.3,
    ]
)


def synth_posts(seed: int = 0, weeks: int = 24, lift: float = 1.8) -> pd.DataFrame:
    """Posts of two accounts on three platforms with a planted prime-time effect.

    Engagement rate = base x format x account x (lift in 19-21 WIB) x log-normal noise,
    with 1% viral posts; the small account has a higher rate and posts at other hours.
    """
    rng = np.random.default_rng(seed)
    fmts = {
        "instagram": (["reel", "feed"], [0.5, 0.5]),
        "facebook": (["feed", "video"], [0.6, 0.4]),
        "x": (["text", "link"], [0.8, 0.2]),
    }
    fmt_lift = {"reel": 1.8, "video": 1.3, "link": 0.6}
    start = pd.Timestamp("2025-01-06", tz="Asia/Jakarta")
    frames = []
    for acc, size, er, per_day, habit in (
        ("pemkot", 200_000, 0.01, 3.0, HABIT),
        ("dinkes", 5_000, 0.05, 1.5, np.roll(HABIT, 3)),
    ):
        for pl, (types, probs) in fmts.items():
            n = rng.poisson(per_day * weeks * 7)
            hour = rng.choice(24, n, p=habit / habit.sum())
            local = (
                start
                + pd.to_timedelta(rng.integers(0, weeks * 7, n), "D")
                + pd.to_timedelta(hour, "h")
                + pd.to_timedelta(rng.integers(0, 60, n), "min")
            )
            ft = rng.choice(types, n, p=probs)
            eff = np.where(np.isin(hour, PRIME), lift, 1.0) * np.where(hour <= 4, 0.6, 1.0)
            eff *= np.array([fmt_lift.get(f, 1.0) for f in ft])
            viral = np.where(rng.random(n) < 0.01, 20.0, 1.0)
            reach = rng.poisson(size * 0.3, n)
            rate = np.minimum(er * eff * rng.lognormal(0, 0.6, n) * viral, 0.9)
            eng = rng.poisson(rate * reach)
            frames.append(
                pd.DataFrame(
                    {
                        "platform": pl,
                        "account": acc,
                        "post_id": [f"{acc}-{pl}-{i}" for i in range(n)],
                        "published_at": local.tz_convert("UTC"),
                        "post_type": ft,
                        "reach": reach if pl != "x" else pd.NA,
                        "impressions": reach if pl == "x" else pd.NA,
                        "likes": (eng * 0.8).astype(int),
                        "comments": eng - (eng * 0.8).astype(int),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    return synth_posts(0)


@pytest.fixture(scope="module")
def bt(posts) -> pd.DataFrame:
    return best_times(posts, weeks=None)


def _plan(n: int = 60, seed: int = 0, month: str = "2025-10") -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = pd.date_range(f"{month}-01", periods=28, freq="D")
    platform = rng.choice(["instagram", "facebook", "x"], n)
    fmt = np.where(
        platform == "instagram",
        rng.choice(["reel", "feed"], n),
        np.where(platform == "facebook", "feed", "text"),
    )
    return pd.DataFrame(
        {
            "date": rng.choice(days, n),
            "platform": platform,
            "format": fmt,
            "category": "edukasi",
            "title": [f"Konten {i}" for i in range(n)],
            "account": rng.choice(["pemkot", "dinkes"], n),
            "fixed_date": rng.random(n) < 0.2,
        }
    )


# ---------------------------------------------------------------------------------------
# best_times
# ---------------------------------------------------------------------------------------


def test_best_times_has_168_slots_per_group_with_consistent_columns(bt, posts):
    groups = posts[["platform", "post_type"]].drop_duplicates()
    assert len(bt) == 168 * len(groups)
    for _, g in bt.groupby(["platform", "post_type"]):
        assert sorted(g["rank"]) == list(range(1, 169))
        assert set(zip(g["day"], g["hour"], strict=True)) == {
            (d, h) for d in range(7) for h in range(24)
        }
    assert (bt["lower"] <= bt["estimate"]).all() and (bt["estimate"] <= bt["upper"]).all()
    assert bt["estimate"].between(0, 100).all()
    assert (bt["enough_data"] == (bt["n_posts"] >= 3)).all()
    assert bt.loc[bt["n_posts"] == 0, "observed"].isna().all()
    assert set(bt["basis"]) <= {"slot", "pattern", "default"}
    assert bt["platform"].dtype == "str" and bt["n_posts"].dtype == "Int64"
    assert bt.attrs["zone"] == "WIB"
    assert int(bt["n_posts"].sum()) == bt.attrs["posts_used"]


def test_planted_prime_time_is_found_for_every_main_group(bt):
    for (pl, pt), g in bt.groupby(["platform", "post_type"]):
        if g["n_posts"].sum() < 300:
            continue
        top = g.nsmallest(3, "rank")
        assert set(top["hour"]) <= set(PRIME), (pl, pt, top[["day", "hour"]].values.tolist())


def test_one_viral_post_in_an_empty_night_slot_does_not_win(posts):
    night = pd.Timestamp("2025-03-05 02:00", tz="Asia/Jakarta")  # a Wednesday
    p = posts[
        ~(
            (posts["platform"] == "instagram")
            & (posts["published_at"].dt.tz_convert("Asia/Jakarta").dt.hour == 2)
        )
    ]
    viral = pd.DataFrame(
        {
            "platform": ["instagram"],
            "account": ["pemkot"],
            "post_id": ["v"],
            "published_at": [night.tz_convert("UTC")],
            "post_type": ["reel"],
            "reach": [50_000],
            "likes": [45_000],
            "comments": [4_000],
        }
    )
    out = best_times(pd.concat([p, viral], ignore_index=True), weeks=None)
    reel = out[(out["platform"] == "instagram") & (out["post_type"] == "reel")]
    slot = reel[(reel["day"] == 2) & (reel["hour"] == 2)].iloc[0]
    assert slot["n_posts"] == 1 and slot["observed"] > 99  # it was the best post...
    assert slot["rank"] > 24  # ...but the slot is not among the best
    assert slot["estimate"] < reel.nsmallest(1, "rank")["estimate"].iloc[0] - 10
    assert not slot["enough_data"]


def test_scaling_one_account_does_not_change_the_result(posts):
    big = posts.copy()
    mask = big["account"] == "pemkot"
    for col in ("reach", "impressions", "likes", "comments"):
        big[col] = big[col].astype("Int64")
        big.loc[mask, col] = big.loc[mask, col] * 1000
    a = best_times(posts, weeks=None)
    b = best_times(big, weeks=None)
    pd.testing.assert_series_equal(a["estimate"], b["estimate"])


def test_input_is_not_changed(posts):
    before = posts.copy()
    best_times(posts, weeks=8)
    pd.testing.assert_frame_equal(posts, before)


def test_window_uses_only_the_last_weeks(posts):
    end = posts["published_at"].max()
    out = best_times(posts, weeks=4)
    recent = posts[posts["published_at"] > end - pd.Timedelta(weeks=4)]
    assert out.attrs["posts_used"] == len(recent)
    earlier = best_times(posts, weeks=4, end="2025-03-01")
    assert earlier.attrs["end"] == pd.Timestamp("2025-03-01", tz="UTC")
    assert earlier.attrs["posts_used"] < len(posts)


def test_zone_shifts_the_hours(posts):
    wib = best_times(posts, weeks=None, by="platform")
    wita = best_times(posts, weeks=None, tz="WITA", by="platform")
    assert wita.attrs["zone"] == "WITA"
    for pl in ("instagram", "facebook"):
        h_wib = wib[wib["platform"] == pl].nsmallest(1, "rank")[["day", "hour"]].iloc[0]
        slot = wita[
            (wita["platform"] == pl)
            & (wita["day"] == h_wib["day"])
            & (wita["hour"] == (h_wib["hour"] + 1) % 24)
        ]
        mirror = wib[
            (wib["platform"] == pl) & (wib["day"] == h_wib["day"]) & (wib["hour"] == h_wib["hour"])
        ]
        assert slot["n_posts"].iloc[0] == mirror["n_posts"].iloc[0]


def test_posts_without_metrics_are_left_out_not_counted_as_zero(posts):
    p = posts.copy()
    p["likes"] = p["likes"].astype("Int64")
    p["comments"] = p["comments"].astype("Int64")
    p.loc[p.index[:50], ["likes", "comments"]] = pd.NA
    out = best_times(p, weeks=None)
    assert out.attrs["posts_without_rate"] == 50
    assert out.attrs["posts_used"] == len(p) - 50


def test_by_account_learns_each_account_separately(posts):
    out = best_times(posts, weeks=None, by=("account", "platform"))
    assert set(out["account"]) == {"pemkot", "dinkes"}
    assert len(out) == 168 * 2 * 3


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tz": "Mars/Olympus"},
        {"by": ("post_type",)},
        {"weeks": 0},
        {"min_posts": 0},
        {"end": "kemarin"},
    ],
)
def test_bad_parameters_raise_one_plain_sentence(posts, kwargs):
    with pytest.raises(ParameterError) as err:
        best_times(posts, **kwargs)
    assert "\n" not in str(err.value)


def test_missing_column_is_a_schema_error(posts):
    from humaskit import SchemaError

    with pytest.raises(SchemaError, match="published_at"):
        best_times(posts.drop(columns="published_at"))


def test_default_times_without_data():
    d = scheduling.default_times(["instagram", "tiktok"], ["reel", "video"])
    assert len(d) == 4 * 168 and (d["basis"] == "default").all()
    ig = d[(d["platform"] == "instagram") & (d["post_type"] == "reel")]
    assert ig.nsmallest(1, "rank")["hour"].iloc[0] in PRIME


# ---------------------------------------------------------------------------------------
# A Meta export: US Pacific times must land in the WIB slot the post was made in
# ---------------------------------------------------------------------------------------


def test_meta_post_made_at_19_wib_lands_in_the_19_wib_slot(tmp_path):
    from humaskit import io as hio

    try:
        read_export = hio.read_export
    except (AttributeError, ImportError):
        pytest.skip("humaskit.io.read_export is not there yet")
    # 19:00 WIB on Thu 4 Sep 2025 = 12:00 UTC = 05:00 PDT (daylight saving); in January,
    # 19:00 WIB on Thu 15 Jan 2026 = 12:00 UTC = 04:00 PST.
    header = (
        '"Post ID","Account ID","Account username","Account name",Description,'
        '"Duration (sec)","Publish time",Permalink,"Post type","Data comment",Date,'
        "Views,Reach,Likes,Shares,Follows,Comments,Saves\n"
    )
    rows = (
        '17900000000000001,17841400000000000,dinas.contoh,"Dinas Contoh","Info malam",0,'
        '"09/04/2025 05:00",https://www.instagram.com/p/AAA/,"IG image",,Lifetime,'
        "500,400,30,2,0,3,1\n"
        '17900000000000002,17841400000000000,dinas.contoh,"Dinas Contoh","Info Januari",0,'
        '"01/15/2026 04:00",https://www.instagram.com/p/BBB/,"IG image",,Lifetime,'
        "600,450,40,1,0,2,2\n"
    )
    path = tmp_path / "Sep-01-2025_Jan-31-2026_1234567890.csv"
    path.write_bytes((header + rows).encode("utf-8-sig"))
    imp = read_export(path)
    assert imp.platform == "instagram" and len(imp.table) == 2
    out = best_times(imp.table, weeks=None, by="platform")
    seen = out[out["n_posts"] > 0]
    assert seen[["day", "hour"]].values.tolist() == [[3, 19]]
    assert int(seen["n_posts"].iloc[0]) == 2


# ---------------------------------------------------------------------------------------
# The sample institution: planted truth recovered
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_ws():
    samples = pytest.importorskip("humaskit.samples")
    return samples.workspace(), samples.planted()


def test_samples_backtest_beats_naive_on_every_platform_with_enough_posts(sample_ws):
    ws, _ = sample_ws
    out = backtest(ws.posts)
    judged = out[out["enough_data"]]
    assert len(judged) >= 3
    assert judged["beats_naive"].all(), out.to_string()
    assert (judged["rho_model"] > 0).all()


def test_samples_planted_best_hours_are_found(sample_ws):
    ws, truth = sample_ws
    out = best_times(ws.posts)
    office = [9, 10, 11]
    for pl, hours in truth["best_hours"].items():
        g = out[out["platform"] == pl]
        main = g.groupby("post_type")["n_posts"].sum().idxmax()
        by_hour = g[g["post_type"] == main].groupby("hour")["estimate"].mean()
        top3 = list(by_hour.sort_values(ascending=False).index[:3])
        assert hours[0] in top3, (pl, main, top3, hours)
        assert by_hour[list(hours)].mean() > by_hour[office].mean() + 5, pl


def test_samples_night_viral_post_does_not_make_a_best_time(sample_ws):
    ws, truth = sample_ws
    viral = truth["night_viral"]
    when = pd.Timestamp(viral["local_time"])
    out = best_times(ws.posts)
    g = out[(out["platform"] == viral["platform"])]
    slot = g[(g["day"] == when.day_of_week) & (g["hour"] == when.hour)]
    assert (slot["rank"] > 24).all()


def test_samples_planted_caps_are_recommended(sample_ws):
    ws, truth = sample_ws
    freq = posting_frequency(ws.posts, ws.daily)
    rec = freq.drop_duplicates("platform").set_index("platform")
    for pl, cap in truth["caps"].items():
        assert rec.loc[pl, "basis"] == "data"
        assert abs(int(rec.loc[pl, "recommended_cap"]) - cap) <= 1, (pl, cap)


# ---------------------------------------------------------------------------------------
# posting_frequency and limits
# ---------------------------------------------------------------------------------------


def _days_posts(per_day_effect: float, seed: int = 0, days: int = 120) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-03-01", tz="Asia/Jakarta")
    rows = []
    for d in range(days):
        n = int(rng.integers(1, 6))
        for k in range(n):
            rate = 0.05 * (per_day_effect ** max(n - 2, 0)) * rng.lognormal(0, 0.3)
            rows.append((start + pd.Timedelta(days=d, hours=7 + 3 * k), rate))
    t, rate = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "platform": "facebook",
            "account": "a",
            "post_id": [str(i) for i in range(len(t))],
            "published_at": pd.DatetimeIndex(t).tz_convert("UTC"),
            "post_type": "feed",
            "reach": 10_000,
            "likes": (np.array(rate) * 10_000).round().astype(int),
        }
    )


def test_frequency_finds_where_engagement_per_post_drops():
    freq = posting_frequency(_days_posts(0.6))
    assert (freq["recommended_cap"] == 2).all() and (freq["basis"] == "data").all()
    flat = posting_frequency(_days_posts(1.0))
    assert int(flat["recommended_cap"].iloc[0]) >= 4
    assert set(freq["posts_per_day"]) == {1, 2, 3, 4, 5}


def test_frequency_falls_back_to_defaults_when_thin():
    few = _days_posts(1.0, days=5)
    freq = posting_frequency(few)
    assert (freq["basis"] == "default").all()
    assert int(freq["recommended_cap"].iloc[0]) == 3  # limits.csv: facebook
    assert "umum" in freq["reason"].iloc[0]


def test_frequency_uses_follower_drops_from_daily():
    p = _days_posts(1.0, days=120)
    local = p["published_at"].dt.tz_convert("Asia/Jakarta").dt.tz_localize(None).dt.normalize()
    per_day = local.value_counts().sort_index()
    rng = np.random.default_rng(1)
    change = np.where(per_day.to_numpy() >= 4, -30, 20) + rng.normal(0, 5, len(per_day))
    daily = pd.DataFrame(
        {
            "platform": "facebook",
            "account": "a",
            "date": per_day.index,
            "metric": "followers",
            "value": 10_000 + np.cumsum(change),
        }
    )
    freq = posting_frequency(p, daily)
    assert int(freq["recommended_cap"].iloc[0]) == 3
    assert "pengikut" in freq["reason"].iloc[0]


def test_limits_and_team_caps():
    lim = scheduling.limits()
    assert {"platform", "post_type", "cap_per_day", "min_spacing_h"} <= set(lim.columns)
    from humaskit.scheduling.frequency import resolve_limits

    team = resolve_limits({"instagram": 1, "instagram:reel": 2}, 5)
    ig = team[team["platform"] == "instagram"].set_index("post_type")
    assert ig.loc["*", "cap_per_day"] == 1 and ig.loc["reel", "cap_per_day"] == 2
    assert ig.loc["story", "cap_per_day"] == 10  # untouched by the team's numbers
    assert (team.loc[team["post_type"] == "*", "min_spacing_h"] == 5).all()
    for bad in ({"instagram": 0}, {"myspace": 2}, "banyak", 1.5):
        with pytest.raises(ParameterError):
            resolve_limits(bad, None)


# ---------------------------------------------------------------------------------------
# schedule
# ---------------------------------------------------------------------------------------


def _check_limits(out: pd.DataFrame, caps: int, spacing: float) -> None:
    day = out["local_time"].dt.tz_localize(None).dt.normalize()
    counts = out.groupby([out["account"], out["platform"], day]).size()
    assert counts.max() <= caps
    for _, g in out.groupby(["account", "platform"]):
        times = np.sort(g["local_time"].to_numpy())
        gaps = np.diff(times) / np.timedelta64(1, "h")
        assert (gaps >= spacing).all()


def test_schedule_keeps_caps_spacing_fixed_days_and_working_hours(bt):
    plan = _plan(90)
    out = schedule(plan, bt, caps=2, spacing=3, working_hours="07-21")
    assert len(out) == len(plan)
    assert str(out["scheduled_at"].dt.tz) == "UTC"
    assert str(out["local_time"].dt.tz) == "Asia/Jakarta"
    assert not out["conflict"].any()
    _check_limits(out, 2, 3)
    hours = out["local_time"].dt.hour
    assert hours.between(7, 21).all()
    fixed = out["fixed_date"].fillna(False).astype(bool)
    local_day = out["local_time"].dt.tz_localize(None).dt.normalize()
    assert (local_day[fixed] == out.loc[fixed, "date"]).all()
    assert (out.loc[~fixed, "moved_days"].abs() <= 2).all()
    assert out["reason"].str.len().gt(20).all()
    assert out.attrs["expected_total"] == pytest.approx(out["expected_score"].sum(), abs=1)


def test_schedule_beats_posting_at_nine_and_prefers_prime_time(bt):
    plan = _plan(40)
    out = schedule(plan, bt, caps=3, spacing=2)
    lookup = scheduling.slot_lookup(bt)
    at_nine = [
        lookup[(r.platform, r.format)][r.date.day_of_week * 24 + 9]
        for r in plan.assign(date=pd.to_datetime(plan["date"])).itertuples()
    ]
    assert out["expected_score"].sum() > sum(at_nine) + 5 * len(plan)
    assert out["local_time"].dt.hour.isin(PRIME).mean() > 0.8


def test_schedule_is_optimal_on_a_tiny_problem(bt):
    plan = pd.DataFrame(
        {
            "date": ["2025-10-06"] * 3,
            "platform": "instagram",
            "format": ["reel", "feed", "feed"],
            "category": "edukasi",
            "title": ["a", "b", "c"],
            "account": "pemkot",
            "fixed_date": True,
        }
    )
    out = schedule(plan, bt, caps=3, spacing=2)
    lookup = scheduling.slot_lookup(bt)
    reel, feed = lookup[("instagram", "reel")][:24], lookup[("instagram", "feed")][:24]
    best = max(
        reel[a] + feed[b] + feed[c]
        for a in range(24)
        for b in range(24)
        for c in range(24)
        if min(abs(a - b), abs(a - c), abs(b - c)) >= 2
    )
    assert out["expected_score"].sum() == pytest.approx(best, abs=0.2)


def test_schedule_keeps_times_the_team_set(bt):
    plan = _plan(10)
    set_at = pd.Timestamp("2025-10-10 06:30", tz="Asia/Jakarta")
    plan["scheduled_at"] = pd.Series(pd.NaT, index=plan.index, dtype="datetime64[us, UTC]")
    plan.loc[0, "scheduled_at"] = set_at.tz_convert("UTC")
    out = schedule(plan, bt)
    assert out.loc[0, "local_time"] == set_at
    assert "tim" in out.loc[0, "reason"]


def test_schedule_flags_a_cap_it_cannot_keep(bt):
    plan = pd.DataFrame(
        {
            "date": ["2025-10-28"] * 3,
            "platform": "x",
            "format": "text",
            "category": "tematik",
            "title": ["a", "b", "c"],
            "account": "pemkot",
            "fixed_date": True,
        }
    )
    out = schedule(plan, bt, caps=1, spacing=1, lang="en")
    assert out["conflict"].sum() == 2
    assert out.attrs["conflicts"] == 2
    assert out.loc[out["conflict"].astype(bool), "reason"].str.contains("over the cap").all()


def test_schedule_falls_back_for_unknown_groups_and_without_best_times(bt):
    plan = pd.DataFrame(
        {
            "date": ["2025-10-02"],
            "platform": "tiktok",
            "format": "video",
            "category": "edukasi",
            "title": ["a"],
        }
    )
    with_bt = schedule(plan, bt)
    without = schedule(plan)
    assert with_bt["local_time"].iloc[0] == without["local_time"].iloc[0]
    assert "umum" in without["reason"].iloc[0]


def test_schedule_zone_must_match_the_best_times_table(bt):
    with pytest.raises(ParameterError, match="WITA"):
        schedule(_plan(3), bt, tz="WITA")


def test_schedule_does_not_change_the_plan(bt):
    plan = _plan(20)
    before = plan.copy()
    schedule(plan, bt, flex_days=0)
    pd.testing.assert_frame_equal(plan, before)


@pytest.mark.parametrize(
    "kwargs", [{"working_hours": "pagi"}, {"flex_days": -1}, {"caps": {"instagram": "dua"}}]
)
def test_schedule_bad_parameters(bt, kwargs):
    with pytest.raises(ParameterError):
        schedule(_plan(3), bt, **kwargs)


def test_show_schedule_escapes_titles(bt):
    plan = _plan(5)
    plan.loc[0, "title"] = "<script>alert(1)</script>"
    html = show_schedule(plan, bt, cap=1, spacing=4).data
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Batas 1 unggahan/hari" in html


# ---------------------------------------------------------------------------------------
# readiness
# ---------------------------------------------------------------------------------------

GOOD = {
    "platform": "instagram",
    "format": "reel",
    "scheduled_at": "2025-10-04 20:00",
    "title": "Vaksin gratis",
    "caption": "Vaksin gratis di 12 puskesmas, Sabtu ini!",
    "hook_s": 3,
}


def test_readiness_lists_every_factor_with_a_sentence(bt):
    r = readiness(
        GOOD,
        best_times=bt,
        trending=["vaksin", "puskesmas"],
        event_time="2025-10-04 18:30",
        day_load=0,
    )
    assert r["factor"].tolist() == [
        "slot",
        "freshness",
        "topical",
        "format",
        "hook",
        "load",
        "total",
    ]
    assert r["score"].notna().all() and r["explanation"].str.len().gt(20).all()
    assert r.attrs["total"] >= 80


def test_readiness_factors_react_to_what_they_check(bt):
    good = readiness(GOOD, best_times=bt, trending=["vaksin"], day_load=0).set_index("factor")
    bad = readiness(
        {
            **GOOD,
            "format": "live",
            "scheduled_at": "2025-10-01 03:00",
            "caption": "Assalamualaikum wr wb. Dalam rangka kegiatan rutin " + "x" * 150,
            "hook_s": 40,
        },
        best_times=bt,
        trending=["banjir"],
        day_load=5,
    ).set_index("factor")
    for factor in ("slot", "topical", "format", "hook", "load"):
        assert bad.loc[factor, "score"] < good.loc[factor, "score"], factor
    assert "salam" in bad.loc["hook", "explanation"]
    assert "detik" in bad.loc["hook", "explanation"]


def test_readiness_takes_trending_terms_from_text_tables():
    issues = pd.DataFrame(
        {
            "issue": [1, 2],
            "label": ["banjir / perahu karet", "sampah"],
            "terms": ["banjir, perahu karet, bpbd", "sampah, bank sampah"],
        }
    )
    keywords = pd.DataFrame({"term": ["vaksin", "jalan rusak"], "count": [5, 3]})
    post = {**GOOD, "caption": "Perahu karet BPBD siaga banjir"}
    from_issues = readiness(post, trending=issues).set_index("factor")
    assert from_issues.loc["topical", "score"] == 100
    assert "perahu karet" in from_issues.loc["topical", "explanation"]
    from_keywords = readiness(GOOD, trending=keywords).set_index("factor")
    assert from_keywords.loc["topical", "score"] == 75


def test_readiness_leaves_out_what_it_cannot_judge():
    r = readiness({"platform": "x", "format": "text", "caption": "Info"}, lang="en")
    s = r.set_index("factor")["score"]
    assert s[["slot", "freshness", "topical", "load"]].isna().all()
    assert not pd.isna(s["total"])
    assert "2 of 6" in r["explanation"].iloc[-1]


def test_readiness_freshness_falls_with_age():
    scores = [
        readiness(
            {**GOOD, "scheduled_at": "2025-10-04 20:00"},
            event_time="2025-10-04 20:00"
            if h == 0
            else pd.Timestamp("2025-10-04 20:00") - pd.Timedelta(hours=h),
        )
        .set_index("factor")
        .loc["freshness", "score"]
        for h in (0, 6, 30, 100)
    ]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]


def test_readiness_counts_the_days_load_from_a_schedule(bt):
    sched = schedule(_plan(30), bt, caps=3)
    first = sched.iloc[0]
    same_day = (sched["platform"] == first["platform"]) & (
        sched["local_time"].dt.date == first["local_time"].date()
    )
    r = readiness(first, best_times=bt, day_load=sched).set_index("factor")
    assert f"ke-{int(same_day.sum())}" in r.loc["load", "explanation"]


# ---------------------------------------------------------------------------------------
# backtest, the confounding trap, plots, exercises
# ---------------------------------------------------------------------------------------


def test_backtest_beats_naive_on_planted_data(posts):
    out = backtest(posts)
    assert set(out["platform"]) == {"instagram", "facebook", "x"}
    assert out["enough_data"].all() and (out["folds"] >= 2).all()
    assert out["beats_naive"].all(), out.to_string()


def test_backtest_rejects_bad_windows(posts):
    with pytest.raises(ParameterError):
        backtest(posts, train_weeks=0)


def test_hourly_totals_show_the_confound(posts):
    h = hourly_totals(posts, platform="facebook")
    busiest = int(h.loc[h["engagements"].idxmax(), "hour"])
    best = int(h.loc[h[h["posts"] >= 5]["score"].astype(float).idxmax(), "hour"])
    assert busiest not in PRIME and best in PRIME
    assert h.attrs["corr_total_posts"] > 0.6 > h.attrs["corr_score_posts"]
    assert not check_best_hour(busiest, h).correct
    assert "jebakan" in str(check_best_hour(busiest, h))
    assert check_best_hour(f"{best}:00", h).correct
    assert not check_best_hour("jam sembilan", h).correct


def test_check_best_slot(bt):
    g = bt[(bt["platform"] == "instagram") & (bt["post_type"] == "reel")]
    top = g.nsmallest(1, "rank").iloc[0]
    worst = g.nlargest(1, "rank").iloc[0]
    days = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    assert check_best_slot(
        days[top["day"]], int(top["hour"]), bt, platform="instagram", post_type="reel"
    ).correct
    fb = check_best_slot(
        int(worst["day"]), int(worst["hour"]), bt, platform="instagram", post_type="reel", lang="en"
    )
    assert not fb.correct and "ranks 168" in fb.message
    assert not check_best_slot("Blursday", 9, bt, platform="instagram").correct


def test_heatmap_hatches_thin_cells_and_labels_the_zone(bt):
    ax = plot_heatmap(bt, platform="instagram", post_type="reel", lang="en")
    g = bt[(bt["platform"] == "instagram") & (bt["post_type"] == "reel")]
    hatched = [c for c in ax.collections if c.get_hatch()]
    assert len(hatched) == 1
    assert len(hatched[0].get_paths()) == int((~g["enough_data"]).sum()) > 0
    assert ax.get_xlabel() == "Hour (WIB)"
    assert "Instagram" in ax.get_title() and "Reels" in ax.get_title()
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Mon"
    with pytest.raises(ParameterError):
        plot_heatmap(bt, platform="instagram", post_type="live")


def test_other_plots_draw(posts, bt):
    from humaskit.plots.scheduling import plot_backtest, plot_frequency, plot_hourly

    assert plot_backtest(backtest(posts, folds=1)).get_title()
    assert plot_hourly(hourly_totals(posts), y="score").get_xlabel().startswith("Jam")
    assert plot_frequency(posting_frequency(posts)).get_xlabel() == "Unggahan per hari"


def test_texts_exist_in_both_languages(posts, bt):
    for lang in ("id", "en"):
        out = schedule(_plan(10), bt, caps=1, spacing=2, lang=lang)
        freq = posting_frequency(posts, lang=lang)
        sentences = [
            *out["reason"],
            *freq["reason"],
            *scheduling.narrative(bt, freq, backtest(posts, folds=1), out, lang=lang),
            *readiness(GOOD, lang=lang)["explanation"],
        ]
        assert not [s for s in sentences if "scheduling." in s or "label." in s]
