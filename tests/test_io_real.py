"""Real platform exports in ../shared/real-exports (skipped when the folder is absent)."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import shared_path
from humaskit.io import read_export, read_folder

EXPECTED = [
    ("facebook/Sep-01-2025_Sep-30-2025_2855862537940540.csv", "facebook", "posts"),
    ("facebook/pcm-dss_Follows.csv", "facebook", "daily"),
    ("facebook/pcm-dss_Views.csv", "facebook", "daily"),
    ("instagram/sobatti_Mar-01-2026_Jun-29-2026_1804378027238054.csv", "instagram", "posts"),
    ("instagram/sobatti_Reach.csv", "instagram", "daily"),
    ("meta_audience/okn_ig_Audience_variantA_956cbac.csv", "instagram", "audience"),
    ("tiktok/sobatti_Content.csv", "tiktok", "posts"),
    ("tiktok/sobatti_FollowerActivity.csv", "tiktok", "daily"),
    ("tiktok/sobatti_FollowerGender.csv", "tiktok", "audience"),
    ("tiktok/sobatti_FollowerHistory.csv", "tiktok", "daily"),
    ("tiktok/sobatti_FollowerTopTerritories.csv", "tiktok", "audience"),
    ("tiktok/sobatti_Overview.csv", "tiktok", "daily"),
    ("tiktok/sobatti_Viewers.csv", "tiktok", "daily"),
    ("twitter/account_analytics_content_2024-11-21_2025-02-19__FG-SC.csv", "x", "posts"),
    ("twitter/account_overview_analytics__FG-SC_2025-02.csv", "x", "daily"),
    ("twitter/tweet_activity_metrics_rOpenSci_20200601_20200701_en.csv", "x", "posts"),
    ("youtube/rianaditama0-cobacoba_Table data.csv", "youtube", "posts"),
]


def _data_rows(path) -> int:
    """Data records of a single-table CSV, counted independently of humaskit."""
    for enc in ("utf-8-sig", "utf-16"):
        try:
            df = pd.read_csv(
                path,
                encoding=enc,
                dtype=str,
                keep_default_na=False,
                skiprows=2 if enc == "utf-16" else 0,
            )
            return len(df)
        except (UnicodeError, pd.errors.ParserError):
            continue
    raise AssertionError(path)


@pytest.mark.parametrize("name,platform,kind", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_every_real_file_is_recognised_and_accounted(name, platform, kind):
    path = shared_path("real-exports", *name.split("/"))
    imp = read_export(path)
    assert (imp.platform, imp.kind) == (platform, kind)
    assert imp.rows_in_file == imp.imported + len(imp.skipped)
    if kind == "posts":
        records = _data_rows(path)
        total_rows = 1 if platform == "youtube" else 0  # YouTube's Total row is not data
        assert imp.rows_in_file == records - total_rows


def test_real_facts_hold():
    fb = read_export(
        shared_path("real-exports", "facebook", "Sep-01-2025_Sep-30-2025_2855862537940540.csv")
    ).table
    first = fb.set_index("post_id").loc["1168834171933140"]
    assert first["published_at"] == pd.Timestamp("2025-09-02 04:13", tz="UTC")  # 21:13 PDT
    assert int(first["views"]) == 1628 and int(first["reach"]) == 923
    yt = read_export(
        shared_path("real-exports", "youtube", "rianaditama0-cobacoba_Table data.csv"),
        account="kanal",
    ).table
    assert "-AJIm0_vluI" in set(yt["post_id"]) and "Total" not in set(yt["post_id"])
    x = read_export(
        shared_path(
            "real-exports", "twitter", "account_analytics_content_2024-11-21_2025-02-19__FG-SC.csv"
        )
    ).table
    pid = 1891564128784855141
    expected = pd.Timestamp((pid >> 22) + 1288834974657, unit="ms", tz="UTC")
    assert x.set_index("post_id").loc[str(pid), "published_at"] == expected
    hist = read_export(
        shared_path("real-exports", "tiktok", "sobatti_FollowerHistory.csv"),
        account="sobat.ti",
        export_date="2026-06-30",
    ).table
    days = hist["date"].drop_duplicates()
    assert len(days) == 365 and days.is_monotonic_increasing  # crosses a new year in order
    assert hist[hist["metric"] == "followers"]["value"].isna().sum() > 0  # 'undefined' is NA


def test_real_folder_merges_and_reports():
    folder = shared_path("real-exports")
    ws = read_folder(folder)
    assert {"facebook", "instagram", "x", "youtube", "tiktok"} <= set(ws.posts["platform"])
    assert all(i.rows_in_file == i.imported + len(i.skipped) for i in ws.imports)
    recognised = [i for i in ws.imports if i.kind not in ("unsupported", "damaged")]
    assert len(recognised) == len(EXPECTED)
