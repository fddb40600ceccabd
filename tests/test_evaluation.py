from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from humaskit import ParameterError, schema
from humaskit import evaluation as ev


def _posts(seed=0, n=200):
    rng = np.random.default_rng(seed)
    months = rng.choice(["2025-08", "2025-09"], n)
    day = rng.integers(1, 28, n)
    ts = pd.to_datetime([f"{m}-{d:02d} 03:00" for m, d in zip(months, day, strict=True)], utc=True)
    ptype = rng.choice(["reel", "feed"], n)
    reach = rng.integers(200, 5000, n)
    rate = np.where(ptype == "reel", 0.08, 0.03)
    likes = (reach * rate).astype(int)
    df = pd.DataFrame(
        {
            "platform": rng.choice(["instagram", "facebook"], n),
            "account": "pemkot",
            "post_id": [str(i) for i in range(n)],
            "published_at": ts,
            "post_type": ptype,
            "reach": reach,
            "likes": likes,
            "comments": (likes // 10),
            "category": rng.choice(["edukasi", "layanan"], n),
        }
    )
    return schema.validate(df, "posts")


def test_kpis_totals_match_a_manual_count():
    posts = _posts()
    k = ev.kpis(posts, "2025-09")
    sep = posts[posts["published_at"].dt.tz_convert("Asia/Jakarta").dt.month == 9]
    assert int(k.loc[0, "posts"]) == len(sep)
    assert int(k.loc[0, "reach"]) == int(sep["reach"].sum())
    eng = sep["likes"].sum() + sep["comments"].sum()
    assert k.loc[0, "er_by_reach"] == pytest.approx(eng / sep["reach"].sum())
    aug = posts[posts["published_at"].dt.tz_convert("Asia/Jakarta").dt.month == 8]
    assert k.loc[0, "posts_change"] == pytest.approx((len(sep) - len(aug)) / len(aug))


def test_month_boundaries_use_local_time():
    posts = schema.validate(
        pd.DataFrame(
            {
                "platform": "x",
                "account": "a",
                "post_id": ["1", "2"],
                # 2025-08-31 18:00 UTC is 2025-09-01 01:00 WIB: a September post
                "published_at": ["2025-08-31 18:00+00:00", "2025-08-31 16:00+00:00"],
                "post_type": "text",
                "impressions": [100, 100],
            }
        ),
        "posts",
    )
    assert int(ev.kpis(posts, "2025-09", compare=False).loc[0, "posts"]) == 1


def test_metrics_not_reported_stay_missing_not_zero():
    posts = _posts().assign(reach=pd.NA)
    k = ev.kpis(posts, "2025-09", compare=False)
    assert pd.isna(k.loc[0, "reach"]) and pd.isna(k.loc[0, "er_by_reach"])
    assert int(k.loc[0, "engagements"]) > 0


def test_grouped_kpis_sum_to_the_total():
    posts = _posts()
    total = ev.kpis(posts, "2025-09", compare=False)
    per = ev.kpis(posts, "2025-09", by="platform", compare=False)
    assert per["posts"].sum() == total.loc[0, "posts"]
    assert per["reach"].sum() == total.loc[0, "reach"]


def test_performance_finds_that_reels_beat_feed_posts():
    perf = ev.performance(_posts(), "2025-09", by="post_type")
    assert perf.iloc[0]["post_type"] == "reel"
    assert perf.iloc[0]["vs_overall"] > 1 > perf.iloc[-1]["vs_overall"]


def test_top_posts_are_sorted_and_bottom_is_the_reverse():
    posts = _posts()
    top = ev.top_posts(posts, "2025-09", n=5)
    bottom = ev.top_posts(posts, "2025-09", n=5, bottom=True)
    assert top["er_by_reach"].is_monotonic_decreasing
    assert bottom["er_by_reach"].is_monotonic_increasing
    assert top["er_by_reach"].min() >= bottom["er_by_reach"].max()


def test_follower_growth_from_daily_table():
    class W:
        posts = _posts()
        daily = pd.DataFrame(
            {
                "platform": "instagram",
                "account": "pemkot",
                "date": pd.to_datetime(["2025-08-31", "2025-09-15", "2025-09-30"]),
                "metric": "followers",
                "value": [1000.0, 1100.0, 1250.0],
            }
        )

    g = ev.follower_growth(W(), "2025-09")
    assert g.loc[0, "followers"] == 1250 and g.loc[0, "follower_growth"] == 250


def test_narrative_names_the_better_format_with_a_ratio():
    posts = _posts()
    total = ev.kpis(posts, "2025-09")
    formats = ev.performance(posts, "2025-09", by=["platform", "post_type"])
    text = " ".join(ev.narrative(total, formats, lang="id"))
    assert "Reel" in text and "x format" in text and ("Instagram" in text or "Facebook" in text)


def test_bad_period_and_grouping_are_plain_errors():
    with pytest.raises(ParameterError, match="periode"):
        ev.kpis(_posts(), "September")
    with pytest.raises(ParameterError, match="warna"):
        ev.kpis(_posts(), "2025-09", by="warna")


def test_top_posts_and_performance_accept_any_window():
    posts = _posts()
    top = ev.top_posts(posts, ("2025-09-01", "2025-09-15"), n=50)
    local = top["published_local"]
    assert len(top) > 0 and (local.dt.month == 9).all() and (local.dt.day <= 15).all()
    q = ev.performance(posts, "2025-Q3", by="post_type")
    assert q["posts"].sum() == len(posts)
