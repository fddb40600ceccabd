"""Every day present (issue #15, item 3): planted gaps and the plan's sentences."""

from __future__ import annotations

import pandas as pd

from humaskit import planning, teaching


def _plan(days, platform="instagram", account="pemkot"):
    return pd.DataFrame(
        {
            "date": [f"2025-10-{d:02d}" for d in days],
            "platform": platform,
            "format": "feed",
            "category": "edukasi",
            "title": "A",
            "account": account,
        }
    )


def test_days_without_a_post_and_the_longest_gap():
    plan = pd.concat([_plan([1, 2, 3, 10, 31]), _plan([5], account="dinkes")])
    out = planning.presence(plan)
    row = out.iloc[0]
    assert row["account"] == "pemkot" and row["posts"] == 5
    assert row["days_without"] == 26
    assert row["longest_gap"] == 20  # 11..30
    assert row["empty_days"] == "4-9, 11-30"
    assert len(planning.presence(plan, main_only=False)) == 2


def test_notes_say_when_the_target_is_too_small_or_the_spread_is_poor():
    small = planning.presence_notes(_plan(range(1, 21)), lang="id")[0]
    assert "tidak cukup untuk hadir setiap hari" in small and "perlu paling sedikit 31" in small
    crowded = _plan(list(range(1, 21)) * 2)
    assert "sebarkan ke hari yang kosong" in planning.presence_notes(crowded, lang="id")[0]
    daily = planning.presence_notes(_plan(range(1, 32)), lang="id")[0]
    assert "hadir setiap hari" in daily


def test_draft_fills_every_day_when_the_target_allows():
    plan = planning.draft_plan("2025-10", targets={"x": 31, "facebook": 40, "instagram": 20})
    gaps = planning.presence(plan).set_index("platform")["days_without"]
    assert gaps["x"] == 0 and gaps["facebook"] == 0
    assert gaps["instagram"] == 11


def test_presence_checker_gives_instant_feedback():
    plan = _plan(range(1, 21))
    assert teaching.check_presence(11, plan).correct
    fb = teaching.check_presence(20, plan)
    assert not fb.correct and "31" in fb.message
