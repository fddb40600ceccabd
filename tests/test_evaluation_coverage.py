"""Coverage before comparison, and growth wording (issue #14, item 3).

A change against the previous period is shown only when that period holds data on about as
many days as the current one (per account/platform); otherwise it is blank and one sentence
says why. Follower losses read as losses ("berkurang 69 orang").
"""

from __future__ import annotations

import pandas as pd
import pytest

from humaskit import evaluation as ev
from humaskit.io import Workspace


def _posts(days: list[str], platform: str = "instagram", account: str = "dinas") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "platform": platform,
            "account": account,
            "post_id": [f"{platform}-{i}" for i in range(len(days))],
            "published_at": pd.to_datetime([f"{d} 03:00" for d in days], utc=True),
            "post_type": "feed",
            "reach": 1000,
            "likes": 50,
        }
    )


def _september(step: int = 1) -> list[str]:
    return [f"2025-09-{d:02d}" for d in range(1, 31, step)]


def test_one_day_previous_month_leaves_the_change_blank():
    posts = _posts(["2025-08-31", *_september()])
    k = ev.kpis(posts, "2025-09")
    row = k.iloc[0]
    assert int(row["days_covered"]) == 30 and int(row["days_covered_prev"]) == 1
    assert not bool(row["comparable"])
    assert pd.isna(row["posts_change"]) and pd.isna(row["reach_change"])
    note = ev.comparison_note(k, lang="id")
    assert "hanya ada data 1 hari" in note and "30 hari" in note
    assert note.count(". ") == 0 and note.endswith(".")


def test_covered_previous_month_keeps_the_change():
    aug = [f"2025-08-{d:02d}" for d in range(1, 32, 2)]
    k = ev.kpis(_posts([*aug, *_september()]), "2025-09")
    row = k.iloc[0]
    assert bool(row["comparable"])
    assert row["posts_change"] == pytest.approx(30 / 16 - 1)
    assert ev.comparison_note(k, lang="id") == ""


def test_sparse_posting_is_not_mistaken_for_missing_data():
    # an account that posts weekly covers the whole month between its first and last post
    aug = ["2025-08-01", "2025-08-15", "2025-08-29"]
    k = ev.kpis(_posts([*aug, *_september(7)]), "2025-09")
    assert bool(k.iloc[0]["comparable"]) and pd.notna(k.iloc[0]["posts_change"])


def test_per_platform_only_the_uncovered_platform_is_blank():
    aug = [f"2025-08-{d:02d}" for d in range(1, 32)]
    posts = pd.concat(
        [
            _posts([*aug, *_september()], "instagram"),
            _posts(["2025-08-31", *_september()], "x", "dinas_x"),
        ],
        ignore_index=True,
    )
    k = ev.kpis(posts, "2025-09", by="platform").set_index("platform")
    assert pd.notna(k.loc["instagram", "posts_change"])
    assert pd.isna(k.loc["x", "posts_change"])
    note = ev.comparison_note(k.reset_index(), lang="id")
    assert "x" in note and "instagram" not in note and "1 hari" in note


def test_daily_figures_count_as_coverage():
    daily = pd.DataFrame(
        {
            "platform": "instagram",
            "account": "dinas",
            "date": pd.date_range("2025-08-01", "2025-09-30").date,
            "metric": "followers",
            "value": 1000.0,
        }
    )
    ws = Workspace.from_tables({"posts": _posts(["2025-08-31", *_september()]), "daily": daily})
    assert bool(ev.kpis(ws, "2025-09").iloc[0]["comparable"])


def test_follower_columns_are_there_without_a_follower_series():
    k = ev.kpis(_posts(_september()), "2025-09", by="platform")
    for c in ("followers", "follower_growth", "follower_growth_rate"):
        assert c in k.columns and k[c].isna().all()


@pytest.mark.parametrize(
    "growth,lang,want,never",
    [
        (-69, "id", "Pengikut berkurang 69 orang", "bertambah -"),
        (69, "id", "Pengikut bertambah 69 orang", "berkurang"),
        (-69, "en", "Followers fell by 69", "grew by -"),
    ],
)
def test_follower_growth_wording(growth, lang, want, never):
    total = pd.DataFrame(
        {"posts": [10], "posts_change": [pd.NA], "reach": [pd.NA], "er_by_reach": [pd.NA],
         "follower_growth": [growth], "followers": [1000]}
    )  # fmt: skip
    text = " ".join(ev.narrative(total, lang=lang))
    assert want in text and never not in text


def test_the_total_compares_only_when_every_account_does():
    aug = [f"2025-08-{d:02d}" for d in range(1, 32)]
    posts = pd.concat(
        [
            _posts([*aug, *_september()], "instagram"),
            _posts(["2025-08-31", *_september()], "x", "dinas_x"),
        ],
        ignore_index=True,
    )
    row = ev.kpis(posts, "2025-09").iloc[0]
    assert not bool(row["comparable"]) and pd.isna(row["posts_change"])
    assert int(row["days_covered_prev"]) == 1
