"""humaskit.io readers: every export format, the accounting of rows, folders and the report."""

from __future__ import annotations

import datetime as dt
import gzip
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fixtures_io import (
    META_FB_HEADER,
    csv_text,
    fb_row,
    snowflake,
    write_fb_posts,
    write_meta_audience,
    write_meta_daily,
    write_text,
)

from humaskit import DataNotFound, ParameterError, UnsupportedFile, schema
from humaskit.io import Import, Workspace, read_export, read_folder
from humaskit.io.examples import TIKTOK_CONTENT_HEADER, X_TWEET_ACTIVITY_HEADER, write_examples
from humaskit.io.readers import failures, import_report


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


# --------------------------------------------------------------------------- Meta posts


def test_meta_posts_dst_edges_become_the_right_utc_times(tmp_path):
    cases = {
        "03/09/2025 01:59": "2025-03-09 09:59",
        "03/09/2025 03:00": "2025-03-09 10:00",
        "11/02/2025 00:59": "2025-11-02 07:59",
        "11/02/2025 01:30": "2025-11-02 08:30",
        "11/02/2025 02:00": "2025-11-02 10:00",
    }
    rows = [fb_row(100 + i, local) for i, local in enumerate(cases)]
    imp = read_export(write_fb_posts(tmp_path / "fb.csv", rows))
    assert imp.platform == "facebook" and imp.kind == "posts" and imp.source == "meta.posts"
    got = dict(zip(imp.table["post_id"], imp.table["published_at"], strict=True))
    for i, expected in enumerate(cases.values()):
        assert got[str(100 + i)] == utc(expected)
    assert str(imp.table["published_at"].dt.tz) == "UTC"


def test_meta_posts_metrics_not_given_are_na_never_zero(tmp_path):
    imp = read_export(write_fb_posts(tmp_path / "fb.csv", [fb_row(1, "09/01/2025 10:00")]))
    t = imp.table
    assert int(t.loc[0, "views"]) == 100 and int(t.loc[0, "likes"]) == 5
    assert pd.isna(t.loc[0, "saves"]) and pd.isna(t.loc[0, "impressions"])
    assert str(t["views"].dtype) == "Int64"
    assert t.loc[0, "post_type"] == "feed" and t.loc[0, "account"] == "Humas Uji"


def test_meta_instagram_older_columns_and_platform_from_permalinks(tmp_path):
    header = [
        "Post ID",
        "Account ID",
        "Account username",
        "Account name",
        "Description",
        "Publish time",
        "Permalink",
        "Post type",
        "Date",
        "Impressions",
        "Reach",
        "Likes",
        "Plays",
        "Saves",
    ]
    rows = [
        [
            5,
            1,
            "pemkotuji",
            "Pemkot Uji",
            "halo",
            "06/01/2024 18:00",
            "https://www.instagram.com/reel/abc/",
            "IG reel",
            "Lifetime",
            900,
            700,
            40,
            1500,
            "",
        ],
        [
            6,
            1,
            "pemkotuji",
            "Pemkot Uji",
            "dua",
            "06/02/2024 18:00",
            "https://www.instagram.com/p/def/",
            "IG carousel",
            "Lifetime",
            300,
            200,
            10,
            "",
            3,
        ],
    ]
    p = write_text(tmp_path / "ig.csv", csv_text(header, rows), "utf-8-sig")
    imp = read_export(p)
    t = imp.table.set_index("post_id")
    assert imp.platform == "instagram"
    assert t.loc["5", "account"] == "pemkotuji"
    assert t.loc["5", "post_type"] == "reel" and t.loc["6", "post_type"] == "carousel"
    assert int(t.loc["5", "impressions"]) == 900 and int(t.loc["5", "video_views"]) == 1500
    assert pd.isna(t.loc["6", "video_views"]) and pd.isna(t.loc["5", "saves"])
    assert t["views"].isna().all()  # an older export has no Views: NA, not 0


def test_meta_posts_localised_indonesian_headers_and_numbers(tmp_path):
    header = [
        "ID Postingan",
        "Nama pengguna akun",
        "Deskripsi",
        "Waktu publikasi",
        "Tautan permanen",
        "Jenis postingan",
        "Tanggal",
        "Tayangan",
        "Jangkauan",
        "Suka",
        "Komentar",
        "Dibagikan",
        "Disimpan",
    ]
    rows = [
        [
            "77",
            "dinkes_uji",
            "Ayo vaksin",
            "09/01/2025 18:00",
            "https://www.instagram.com/p/x/",
            "Reel IG",
            "Seumur hidup",
            "12.345",
            "1.234",
            "56",
            "-",
            "3",
            "N/A",
        ]
    ]
    imp = read_export(write_text(tmp_path / "ekspor.csv", csv_text(header, rows), "utf-8-sig"))
    t = imp.table
    assert imp.platform == "instagram" and t.loc[0, "post_type"] == "reel"
    assert int(t.loc[0, "views"]) == 12345 and int(t.loc[0, "reach"]) == 1234
    assert pd.isna(t.loc[0, "comments"]) and pd.isna(t.loc[0, "saves"])


def test_unknown_language_fails_listing_the_unmapped_headers(tmp_path):
    header = ["Kitambulisho", "Muda wa kuchapisha", "Ufikiaji", "Zinazopendwa"]  # Swahili
    p = write_text(tmp_path / "sw.csv", csv_text(header, [["1", "09/01/2025 10:00", "5", "1"]]))
    with pytest.raises(UnsupportedFile) as exc:
        read_export(p, lang="en")
    msg = str(exc.value)
    for h in header:
        assert h in msg
    assert "sw.csv" in msg


def test_ragged_rows_are_skipped_with_their_row_numbers(tmp_path):
    text = csv_text(META_FB_HEADER, [fb_row(1, "09/01/2025 10:00")])
    text += ",".join(str(c) for c in fb_row(2, "09/02/2025 10:00")) + ",extra\n"
    text += '3,999,"Humas Uji","multi\nline",,0,"09/03/2025 10:00"\n'  # short
    text += ",".join(str(c) for c in fb_row(4, "09/04/2025 10:00")) + "\n"
    imp = read_export(write_text(tmp_path / "fb.csv", text, "utf-8-sig"))
    assert imp.accounted and imp.rows_in_file == 4 and imp.imported == 2
    assert imp.skipped["row"].tolist() == [3, 4]
    assert set(imp.table["post_id"]) == {"1", "4"}


def test_rows_without_id_or_time_are_skipped_and_duplicates_keep_the_last(tmp_path):
    rows = [
        fb_row(1, "09/01/2025 10:00", views="10"),
        fb_row(2, ""),
        fb_row(3, "31/31/2025 10:00"),
        fb_row(1, "09/01/2025 10:00", views="99"),
    ]
    rows.append(["", *fb_row(5, "09/05/2025 10:00")[1:]])
    imp = read_export(write_fb_posts(tmp_path / "fb.csv", rows))
    assert imp.accounted and imp.rows_in_file == 5
    assert imp.table.set_index("post_id").loc["1", "views"] == 99
    assert sorted(imp.skipped["row"].tolist()) == [2, 3, 4, 6]
    reasons = dict(zip(imp.skipped["row"], imp.skipped["reason"], strict=True))
    assert "5" in reasons[2]  # the earlier duplicate points at the row that was kept


# --------------------------------------------------------------------------- Meta daily/audience


def test_meta_daily_utf16_with_title(tmp_path):
    p = write_meta_daily(
        tmp_path / "facebook" / "Follows.csv",
        "Facebook follows",
        [("2025-09-20T00:00:00", "20"), ("2025-09-21T00:00:00", "")],
    )
    imp = read_export(p, account="pemkot")
    assert (imp.platform, imp.kind, imp.source) == ("facebook", "daily", "meta.daily")
    t = imp.table
    assert t["metric"].unique().tolist() == ["follows"]
    assert t["value"].tolist()[0] == 20 and pd.isna(t["value"].tolist()[1])
    assert imp.rows_in_file == 2 and imp.accounted


def test_meta_daily_indonesian_title_needs_a_platform(tmp_path):
    p = write_meta_daily(
        tmp_path / "Jangkauan.csv",
        "Jangkauan",
        [("2025-09-20T00:00:00", "5")],
        header=("Tanggal", "Utama"),
    )
    guessed = read_export(p, lang="en")  # the file does not say: a guess, said in the notes
    assert guessed.platform == "instagram" and any("platform=" in n for n in guessed.notes)
    assert guessed.account_source == "unknown"
    imp = read_export(p, platform="facebook", account="pemkot")
    assert imp.platform == "facebook" and imp.table["metric"].tolist() == ["reach"]
    assert imp.account_source == "param"


def test_meta_audience_blocks_of_two_layouts_and_indonesian(tmp_path):
    p = write_meta_audience(
        tmp_path / "instagram" / "Audience.csv",
        [
            ("Instagram followers", [["IG_ACCOUNT,FOLLOW,UNIQUE_USERS"], ["1629"]]),
            (
                "Instagram followers by gender and age",
                [["Age", "Women", "Men"], ["18-24", "20%", "30%"], ["25-34", "25%", "25%"]],
            ),
            (
                "Pengikut menurut kota",
                [["Kota teratas", "Nilai"], ["Semarang", "8,4%"], ["Kendal", "1,6%"]],
            ),
        ],
    )
    imp = read_export(p, account="pemkot", export_date="2025-09-30")
    t = imp.table
    assert imp.platform == "instagram" and imp.accounted
    assert imp.rows_in_file == 1 + 2 + 2  # lines with data, as a spreadsheet shows them
    ag = t[t["dimension"] == "age_gender"].set_index("segment")["value"]
    assert ag.to_dict() == pytest.approx(
        {"18-24|female": 0.2, "18-24|male": 0.3, "25-34|female": 0.25, "25-34|male": 0.25}
    )
    city = t[t["dimension"] == "city"].set_index("segment")["value"]
    assert city["Semarang"] == pytest.approx(0.084)
    assert (t["as_of"] == pd.Timestamp("2025-09-30")).all() and (t["unit"] == "share").all()
    assert any("1629" in n for n in imp.notes)
    # the other layout: genders as rows, ages as columns, plain numbers summing to 100
    q = write_meta_audience(
        tmp_path / "facebook" / "Audience.csv",
        [
            (
                "Facebook followers by gender and age",
                [
                    ["Gender", "18-24", "25-34"],
                    ["Perempuan", "10", "40"],
                    ["Laki-laki", "20", "30"],
                ],
            ),
        ],
    )
    other = read_export(q, account="pemkot", export_date="2025-09-30").table
    assert other.set_index("segment")["value"].to_dict() == pytest.approx(
        {"18-24|female": 0.1, "25-34|female": 0.4, "18-24|male": 0.2, "25-34|male": 0.3}
    )


# --------------------------------------------------------------------------- old Insights


def _insights_rows():
    header = [
        "Post ID",
        "Permalink",
        "Post Message",
        "Type",
        "Posted",
        "Lifetime Post Total Reach",
        "Lifetime Post Total Impressions",
        "Lifetime Post Stories by action type",
        "Lifetime Post Stories by action type",
        "Lifetime Post Stories by action type",
    ]
    desc = [
        "The unique id",
        "The link",
        "The message",
        "The type",
        "The time posted",
        "Lifetime: The number of people who had your Page's post enter their screen.",
        "Lifetime: The number of times your post entered a screen.",
        "Lifetime: stories by action type: like",
        "Lifetime: stories by action type: comment",
        "Lifetime: stories by action type: share",
    ]
    data = [
        [
            "123_456",
            "https://www.facebook.com/123/posts/456",
            "Halo",
            "Photo",
            "11/23/2016 09:00:00 AM",
            500,
            800,
            20,
            3,
            1,
        ],
        [
            "123_457",
            "https://www.facebook.com/123/posts/457",
            "Video",
            "Video",
            "07/04/2016 05:30:00 PM",
            900,
            1200,
            50,
            6,
            9,
        ],
    ]
    return header, desc, data


def test_old_insights_xlsx_with_description_row_and_duplicate_headers(tmp_path):
    from openpyxl import Workbook

    header, desc, data = _insights_rows()
    wb = Workbook()
    ws = wb.active
    ws.title = "Key Metrics"
    for row in (header, desc, *data):
        ws.append(row)
    p = tmp_path / "Facebook Insights Data Export (Post Level).xlsx"
    wb.save(p)
    imp = read_export(p, account="pemkot")
    t = imp.table.set_index("post_id")
    assert imp.platform == "facebook" and imp.rows_in_file == 2 and imp.accounted
    assert t.loc["123_456", "published_at"] == utc("2016-11-23 17:00")  # PST
    assert t.loc["123_457", "published_at"] == utc("2016-07-05 00:30")  # PDT
    assert (
        int(t.loc["123_457", "likes"]),
        int(t.loc["123_457", "comments"]),
        int(t.loc["123_457", "shares"]),
    ) == (50, 6, 9)
    assert int(t.loc["123_456", "reach"]) == 500 and t.loc["123_457", "post_type"] == "video"


def test_spreadsheetml_xls_is_read(tmp_path):
    header, desc, data = _insights_rows()

    def cell(v):
        kind = "Number" if isinstance(v, int) else "String"
        return f'<Cell><Data ss:Type="{kind}">{v}</Data></Cell>'

    rows = "".join("<Row>" + "".join(cell(v) for v in r) + "</Row>" for r in (header, desc, *data))
    xml = (
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="Key Metrics"><Table>{rows}</Table></Worksheet></Workbook>'
    )
    imp = read_export(write_text(tmp_path / "insights.xls", xml), account="pemkot")
    assert imp.kind == "posts" and imp.imported == 2 and imp.accounted
    assert not any("byte" in n for n in imp.notes)
    # a stray byte inside the XML is replaced and counted, as in a CSV
    damaged = tmp_path / "damaged.xls"
    damaged.write_bytes(  # a UTF-8 file (é) with one byte that is not UTF-8
        xml.encode("utf-8").replace(
            b'ss:Name="Key Metrics">', b'ss:Name="Key Metrics"><!-- \xc3\xa9 \xff -->', 1
        )
    )
    imp = read_export(damaged, account="pemkot", lang="en")
    assert imp.imported == 2 and imp.accounted
    assert any("1 damaged byte" in n or "1 byte" in n for n in imp.notes), imp.notes


# --------------------------------------------------------------------------- X


def test_x_legacy_tweet_activity(tmp_path):
    header = [*X_TWEET_ACTIVITY_HEADER[:10], "promoted impressions"]
    rows = [
        [
            "1276530665454854149",
            "https://twitter.com/humasuji/status/1276530665454854149",
            "halo",
            "2020-06-26 15:00 +0000",
            "4209.0",
            "53.0",
            "0.0126",
            "8.0",
            "0.0",
            "10.0",
            "-",
        ]
    ]
    p = tmp_path / "tweet_activity_metrics_humasuji_20200601_20200701_en.csv"
    imp = read_export(write_text(p, csv_text(header, rows, quote_all=True)))
    t = imp.table
    assert (imp.platform, imp.kind) == ("x", "posts")
    assert t.loc[0, "published_at"] == utc("2020-06-26 15:00")
    assert (int(t.loc[0, "impressions"]), int(t.loc[0, "shares"]), int(t.loc[0, "likes"])) == (
        4209,
        8,
        10,
    )
    assert t.loc[0, "account"] == "humasuji"


@pytest.mark.parametrize(
    "header,day",
    [
        (
            ["Post id", "Date", "Post text", "Link", "Impressions", "Likes", "Share"],
            "Mon Feb 17 2025",
        ),
        (
            ["Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Shares"],
            "Mon, Feb 17, 2025",
        ),
    ],
)
def test_x_premium_vintages_get_the_exact_time_from_the_id(tmp_path, header, day):
    when = utc("2025-02-17 14:03:26.521")
    pid = snowflake(int(when.value // 1_000_000), 7)
    rows = [
        [pid, day, "halo", f"https://x.com/humasuji/status/{pid}", "70", "3", "1"],
        [12345, day, "lama", "https://x.com/humasuji/status/12345", "5", "0", "0"],
    ]
    imp = read_export(write_text(tmp_path / "content.csv", csv_text(header, rows)), lang="en")
    t = imp.table.set_index("post_id")
    assert t.loc[str(pid), "published_at"] == when
    assert t.loc["12345", "published_at"] == utc("2025-02-17 00:00")  # not a snowflake: the day
    assert int(t.loc[str(pid), "share_actions"]) == 1 and imp.accounted


def test_x_account_overview_is_daily(tmp_path):
    header = ["Date", "Impressions", "Likes", "New follows", "Unfollows", "Create Post"]
    rows = [
        ["Tue, Feb 18, 2025", "62", "0", "1", "0", "3"],
        ["Mon, Feb 17, 2025", "426", "18", "2", "1", "2"],
    ]
    imp = read_export(
        write_text(tmp_path / "account_overview_analytics.csv", csv_text(header, rows)),
        account="humasuji",
    )
    t = imp.table
    assert (imp.platform, imp.kind) == ("x", "daily")
    assert imp.rows_in_file == 2 and imp.accounted and len(imp.table) == 10
    v = t.set_index(["date", "metric"])["value"]
    assert v[(pd.Timestamp("2025-02-17"), "impressions")] == 426
    assert v[(pd.Timestamp("2025-02-18"), "posts_created")] == 3


# --------------------------------------------------------------------------- YouTube


def test_youtube_table_skips_total_strips_space_before_dash_ids(tmp_path):
    header = [
        "Content",
        "Video title",
        "Video publish time",
        "Views",
        "Likes",
        "Average view duration",
        "Watch time (hours)",
        "Engaged views",
    ]
    rows = [
        ["Total", "", "", "300", "30", "0:03:00", "10.5", "250"],
        [" -AJIm0_vluI", "Satu", "May 19, 2023", "89", "2", "0:00:21", "0.5215", "80"],
        ["3lvVJ2tRNWI", "Dua", "Feb 19, 2023", "200", "28", "0:04:19", "10", "170"],
        ["dQMXKnAAMPc", "Tiga", "", "11", "0", "0:00:10", "0", "0"],
    ]
    p = write_text(tmp_path / "Table data.csv", csv_text(header, rows))
    imp = read_export(p, account="kanal_uji")
    t = imp.table.set_index("post_id")
    assert imp.rows_in_file == 3 and imp.imported == 2 and imp.accounted
    assert imp.skipped["row"].tolist() == [5]
    assert "-AJIm0_vluI" in t.index
    assert t.loc["3lvVJ2tRNWI", "published_at"] == utc("2023-02-19")
    assert int(t.loc["3lvVJ2tRNWI", "watch_time_s"]) == 36000
    assert t.loc["3lvVJ2tRNWI", "avg_view_s"] == 259
    assert t.loc["-AJIm0_vluI", "permalink"].endswith("v=-AJIm0_vluI")


def test_youtube_chart_data_and_totals(tmp_path):
    chart = csv_text(
        ["Date", "Content", "Video title", "Video publish time", "Views"],
        [
            ["2025-09-01", "abc", "Satu", "Aug 1, 2025", "5"],
            ["2025-09-02", "abc", "Satu", "Aug 1, 2025", "7"],
        ],
    )
    totals = csv_text(
        ["Date", "Views", "Watch time (hours)"],
        [["2025-09-01", "50", "1.5"], ["2025-09-02", "70", "2"]],
    )
    c = read_export(write_text(tmp_path / "Chart data.csv", chart), account="k")
    tt = read_export(write_text(tmp_path / "Totals.csv", totals), account="k")
    assert c.table["metric"].unique().tolist() == ["post_views"]
    assert c.table["post_id"].unique().tolist() == ["abc"]
    assert set(tt.table["metric"]) == {"views", "watch_time_s"}
    assert tt.table.set_index("metric").loc["watch_time_s", "value"].tolist() == [5400, 7200]
    assert (c.platform, tt.platform) == ("youtube", "youtube")


# --------------------------------------------------------------------------- TikTok


def test_tiktok_content_id_from_link_and_time_from_id(tmp_path):
    secs = int(utc("2025-06-13 16:42:48").timestamp())
    vid = (secs << 32) + 99
    header = TIKTOK_CONTENT_HEADER
    rows = [
        [
            "June 30",
            "halo",
            f"https://www.tiktok.com/@dinas.uji/video/{vid}",
            "June 13",
            "200",
            "0",
            "4",
            "3566",
        ],
        ["June 30", "tanpa tautan", "", "June 1", "1", "0", "0", "10"],
    ]
    p = write_text(tmp_path / "Content.csv", csv_text(header, rows, quote_all=True), "utf-8-sig")
    imp = read_export(p)
    t = imp.table
    assert (imp.platform, imp.kind, imp.imported) == ("tiktok", "posts", 1) and imp.accounted
    assert t.loc[0, "post_id"] == str(vid) and t.loc[0, "account"] == "dinas.uji"
    assert t.loc[0, "published_at"] == utc("2025-06-13 16:42:48")
    assert imp.skipped["row"].tolist() == [3]


def test_tiktok_series_crossing_new_year_in_indonesian(tmp_path):
    header = ["Tanggal", "Penayangan video", "Penayangan profil", "Suka", "Komentar", "Dibagikan"]
    rows = [
        ["30 Desember", "10", "1", "2", "0", "0"],
        ["31 Desember", "undefined", "0", "1", "0", "0"],
        ["1 Januari", "7", "0", "0", "0", "0"],
        ["2 Januari", "-3", "0", "0", "0", "0"],
    ]
    p = write_text(tmp_path / "Overview_2026-01-03.csv", csv_text(header, rows, quote_all=True))
    imp = read_export(p, account="dinas.uji")
    t = imp.table
    days = sorted(t["date"].dt.strftime("%Y-%m-%d").unique())
    assert days == ["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]
    vv = t[t["metric"] == "video_views"].set_index("date")["value"]
    assert pd.isna(vv[pd.Timestamp("2025-12-31")])  # undefined -> NA, never 0
    assert vv[pd.Timestamp("2026-01-02")] == -3  # deltas may be negative
    assert imp.rows_in_file == 4 and imp.accounted and len(t) == 4 * 5


def test_tiktok_follower_activity_and_gender(tmp_path):
    act = csv_text(
        ["Date", "Hour", "Active followers"],
        [["June 29", "0", "12"], ["June 29", "1", "9"], ["June 30", "0", "14"]],
    )
    gen = csv_text(["Gender", "Distribution"], [["Female", "55%"], ["Male", "45%"]])
    a = read_export(
        write_text(tmp_path / "FollowerActivity.csv", act),
        account="u",
        export_date=dt.date(2025, 7, 1),
    )
    g = read_export(
        write_text(tmp_path / "FollowerGender.csv", gen),
        account="u",
        export_date=dt.date(2025, 7, 1),
    )
    assert a.table["hour"].tolist() == [0, 1, 0]
    assert a.table["date"].max() == pd.Timestamp("2025-06-30")
    assert g.table.set_index("segment")["value"].to_dict() == pytest.approx(
        {"female": 0.55, "male": 0.45}
    )
    assert g.kind == "audience" and g.table["dimension"].unique().tolist() == ["gender"]


def test_tiktok_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Date", "Followers", "Difference in followers from previous day"])
    ws.append(["December 31", "undefined", 0])
    ws.append(["January 1", 64, 2])
    p = tmp_path / "FollowerHistory.xlsx"
    wb.save(p)
    imp = read_export(p, account="u", export_date="2026-01-05")
    assert imp.kind == "daily" and imp.rows_in_file == 2 and imp.accounted
    f = imp.table[imp.table["metric"] == "followers"].set_index("date")["value"]
    assert f[pd.Timestamp("2026-01-01")] == 64


# --------------------------------------------------------------------------- mentions, canonical


def test_mentions_with_indonesian_headers(tmp_path):
    header = ["platform", "akun", "waktu", "pengirim", "komentar", "jenis", "waktu dijawab"]
    rows = [
        [
            "instagram",
            "pemkot",
            "03/04/2025 08:15",
            "@warga1",
            "Jalan rusak",
            "komentar",
            "03/04/2025 09:15",
        ],
        ["twitter", "pemkot", "2025-04-03T08:15:00+08:00", "warga2", "Lampu mati", "sebutan", ""],
        ["x", "pemkot", "", "warga3", "tanpa waktu", "", ""],
    ]
    imp = read_export(write_text(tmp_path / "komentar.csv", csv_text(header, rows)))
    t = imp.table
    assert imp.kind == "mentions" and imp.accounted and imp.skipped["row"].tolist() == [4]
    assert t["created_at"].tolist() == [utc("2025-04-03 01:15"), utc("2025-04-03 00:15")]
    assert t["author"].tolist() == ["warga1", "warga2"]
    assert t["platform"].tolist() == ["instagram", "x"]
    assert t["kind"].tolist() == ["comment", "mention"]
    again = read_export(tmp_path / "komentar.csv")
    assert again.table["mention_id"].tolist() == t["mention_id"].tolist()  # stable ids


def _canonical_tables() -> dict[str, pd.DataFrame]:
    return {
        "posts": pd.DataFrame(
            {
                "platform": ["x"],
                "account": ["a"],
                "post_id": ["1"],
                "published_at": ["2025-09-01 05:00:00+00:00"],
                "post_type": ["text"],
                "reach": [10],
            }
        ),
        "mentions": pd.DataFrame(
            {
                "platform": ["x"],
                "account": ["a"],
                "mention_id": ["m1"],
                "kind": ["mention"],
                "created_at": ["2025-09-01T05:00:00Z"],
                "author": ["w"],
                "text": ["halo"],
                "topic": ["jalan"],
            }
        ),
        "audience": pd.DataFrame(
            {
                "platform": ["x"],
                "account": ["a"],
                "as_of": ["2025-09-30"],
                "dimension": ["age"],
                "segment": ["18-24"],
                "value": [0.4],
                "unit": ["share"],
            }
        ),
        "daily": pd.DataFrame(
            {
                "platform": ["x"],
                "account": ["a"],
                "date": ["2025-09-01"],
                "metric": ["followers"],
                "value": [100],
            }
        ),
        "accounts": pd.DataFrame(
            {
                "institution": ["Pemkot"],
                "unit": ["Diskominfo"],
                "platform": ["x"],
                "handle": ["a"],
                "display_name": ["A"],
                "verified": ["ya"],
            }
        ),
        "influencers": pd.DataFrame(
            {"handle": ["b"], "platform": ["x"], "name": ["B"], "role": ["media"]}
        ),
        "collaborations": pd.DataFrame(
            {"date": ["2025-09-02"], "handle": ["b"], "campaign": ["Uang Kita"]}
        ),
        "plan": pd.DataFrame(
            {
                "date": ["2025-09-03"],
                "platform": ["x"],
                "format": ["text"],
                "category": ["edukasi"],
                "title": ["Cara bayar PBB"],
            }
        ),
    }


@pytest.mark.parametrize("table", list(_canonical_tables()))
@pytest.mark.parametrize("container", ["csv", "csv.gz", "xlsx"])
def test_canonical_files_of_every_table(tmp_path, table, container):
    df = _canonical_tables()[table]
    p = tmp_path / f"berkas.{container}"  # the name does not say which table
    if container == "xlsx":
        df.to_excel(p, index=False)
    elif container == "csv.gz":
        with gzip.open(p, "wt", encoding="utf-8") as fh:
            df.to_csv(fh, index=False)
    else:
        df.to_csv(p, index=False)
    imp = read_export(p)
    assert (imp.platform, imp.kind) == ("humaskit", table)
    assert imp.imported == 1 and imp.accounted
    schema.validate(imp.table, table)


def test_canonical_rows_with_bad_required_values_are_skipped(tmp_path):
    df = pd.DataFrame(
        {
            "platform": ["x", "myspace", "x"],
            "account": ["a", "a", None],
            "date": ["2025-09-01", "2025-09-02", "2025-09-03"],
            "metric": ["followers"] * 3,
            "value": ["1", "2", "tiga"],
        }
    )
    p = tmp_path / "daily.csv"
    df.to_csv(p, index=False)
    imp = read_export(p)
    assert imp.imported == 1 and imp.skipped["row"].tolist() == [3, 4] and imp.accounted


# --------------------------------------------------------------------------- accounting


def _every_format(folder: Path) -> Path:
    write_examples(folder / "contoh")
    header, desc, data = _insights_rows()
    from openpyxl import Workbook

    wb = Workbook()
    for row in (header, desc, *data):
        wb.active.append(row)
    (folder / "facebook").mkdir()
    wb.save(folder / "facebook" / "insights.xlsx")
    write_text(
        folder / "tiktok" / "FollowerGender.csv",
        csv_text(["Gender", "Distribution"], [["Female", "0.6"], ["Male", "0.4"]]),
    )
    write_text(
        folder / "youtube" / "Totals.csv", csv_text(["Date", "Views"], [["2025-09-01", "5"]])
    )
    write_text(
        folder / "x" / "content.csv",
        csv_text(
            ["Post id", "Date", "Link", "Impressions"],
            [
                [snowflake(1_740_000_000_000), "Mon Feb 17 2025", "https://x.com/u/status/1", "7"],
                ["", "", "", ""],
                ["abc"],
            ],
        ),
    )
    for name, df in _canonical_tables().items():
        df.to_csv(folder / f"{name}.csv", index=False)
    return folder


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def every_format(tmp_path_factory):
    return _every_format(tmp_path_factory.mktemp("formats"))


def test_every_importer_is_exercised(every_format):
    sources = {read_export(p, account="u", platform=None).source for p in _files(every_format)}
    expected = {
        "meta.posts",
        "meta.daily",
        "meta.audience",
        "x.posts",
        "x.daily",
        "youtube.posts",
        "youtube.daily",
        "tiktok.posts",
        "tiktok.daily",
        "tiktok.audience",
        "mentions",
    } | {f"humaskit.{t}" for t in _canonical_tables()}
    assert expected <= sources


@pytest.mark.parametrize(
    "name",
    [
        "contoh/facebook/Sep-01-2025_Sep-30-2025_humaskotacontoh.csv",
        "contoh/facebook/Follows.csv",
        "contoh/facebook/Views.csv",
        "contoh/instagram/Audience_2025-09-30.csv",
        "contoh/instagram/Sep-01-2025_Sep-30-2025_humaskotacontoh.csv",
        "contoh/komentar/komentar_2025-09.csv",
        "contoh/tiktok/Content_2025-09-30.csv",
        "contoh/tiktok/Overview_2025-09-30.csv",
        "contoh/x/account_overview_analytics_2025-09.csv",
        "contoh/x/tweet_activity_metrics_humaskotacontoh_20250901_20251001_en.csv",
        "contoh/youtube/humaskotacontoh/Table data.csv",
        "facebook/insights.xlsx",
        "tiktok/FollowerGender.csv",
        "youtube/Totals.csv",
        "x/content.csv",
        *[f"{t}.csv" for t in _canonical_tables()],
    ],
)
def test_rows_in_file_equals_imported_plus_skipped(every_format, name):
    imp = read_export(every_format / name, account="u")
    assert imp.rows_in_file == imp.imported + len(imp.skipped)
    assert imp.rows_in_file > 0
    assert imp.skipped["row"].notna().all() and imp.skipped["reason"].str.len().gt(0).all()


# --------------------------------------------------------------------------- folders


def test_read_folder_merges_overlapping_exports_latest_wins(tmp_path):
    old = [fb_row(1, "09/01/2025 10:00", views="10"), fb_row(2, "09/02/2025 10:00", views="5")]
    header_new = [h for h in META_FB_HEADER if h != "Reactions"]
    new = [
        [
            c
            for h, c in zip(META_FB_HEADER, fb_row(1, "09/01/2025 10:00", views="50"), strict=True)
            if h != "Reactions"
        ]
    ]
    write_fb_posts(tmp_path / "Sep-01-2025_Sep-15-2025_1.csv", old)
    write_fb_posts(tmp_path / "Sep-01-2025_Sep-30-2025_1.csv", new, header=header_new)
    ws = read_folder(tmp_path)
    t = ws.posts.set_index("post_id")
    assert len(ws.posts) == 2  # the same post is not counted twice
    assert t.loc["1", "views"] == 50  # the later export wins
    assert t.loc["1", "likes"] == 5  # a column the later export lacks is kept from the older
    assert len(ws.imports) == 2 and all(i.accounted for i in ws.imports)


def test_read_folder_keeps_going_and_reports_failures(tmp_path):
    write_examples(tmp_path / "ok")
    (tmp_path / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "kosong.csv").write_bytes(b"")
    (tmp_path / "rusak.csv.gz").write_bytes(gzip.compress(b"a,b\n1,2\n" * 50)[:30])
    (tmp_path / "catatan.txt").write_text("rapat humas jam 9\n")
    ws = read_folder(tmp_path, lang="en")
    bad = {Path(i.path).name: i for i in failures(ws)}
    assert set(bad) == {"foto.png", "kosong.csv", "rusak.csv.gz", "catatan.txt"}
    assert bad["kosong.csv"].kind == "damaged" and bad["foto.png"].kind == "unsupported"
    assert all(i.notes and i.path.endswith(n) for n, i in bad.items())
    assert len(ws.posts) > 0 and len(ws.mentions) > 0
    report = import_report(ws, lang="en")
    assert report.columns.tolist() == [
        "File",
        "Platform",
        "Kind",
        "Account",
        "Account from",
        "Rows in file",
        "Imported",
        "Skipped",
        "Reason",
    ]
    row = report.set_index("File").loc["kosong.csv"]
    assert row["Kind"] == "damaged" and "empty" in row["Reason"]
    rep_id = import_report(ws, lang="id")
    assert "Baris di berkas" in rep_id.columns and "rusak" in set(rep_id["Jenis"])


def test_read_folder_reads_zip_archives(tmp_path):
    rows = "Date,Views\n2025-09-01,5\n2025-09-02,6\n"
    with zipfile.ZipFile(tmp_path / "youtube_kanal.zip", "w") as zf:
        zf.writestr("Totals.csv", rows)
        zf.writestr(
            "Table data.csv",
            'Content,Video title,Video publish time,Views\nTotal,,,11\nabc,Halo,"Sep 1, 2025",11\n',
        )
    ws = read_folder(tmp_path, account="kanal")
    assert len(ws.daily) == 2 and len(ws.posts) == 1
    assert all("youtube_kanal.zip/" in i.path for i in ws.imports)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_data_not_found_names_the_folder(tmp_path, lang):
    with pytest.raises(DataNotFound, match="tidak-ada"):
        read_folder(tmp_path / "tidak-ada", lang=lang)
    (tmp_path / "kosong").mkdir()
    with pytest.raises(DataNotFound, match="kosong"):
        read_folder(tmp_path / "kosong", lang=lang)
    (tmp_path / "lain").mkdir()
    (tmp_path / "lain" / "a.txt").write_text("halo\n")
    with pytest.raises(DataNotFound, match="lain"):
        read_folder(tmp_path / "lain", lang=lang)
    with pytest.raises(DataNotFound):
        read_export(tmp_path / "nihil.csv", lang=lang)


def test_bad_parameters_are_reported(tmp_path):
    with pytest.raises(ParameterError):
        read_export(tmp_path, lang="en")
    p = write_fb_posts(tmp_path / "fb.csv", [fb_row(1, "09/01/2025 10:00")])
    with pytest.raises(ParameterError):
        read_export(p, platform="myspace")
    with pytest.raises(ParameterError):
        read_export(p, tz="Mars/Olympus")


def test_workspace_and_imports_types(tmp_path):
    write_examples(tmp_path)
    ws = read_folder(tmp_path)
    assert isinstance(ws, Workspace) and all(isinstance(i, Import) for i in ws.imports)
    for name in ("posts", "mentions", "audience", "daily"):
        schema.validate(getattr(ws, name), name)
    assert not ws.posts.duplicated(["platform", "post_id"]).any()


# --------------------------------------------------------------------------- big files


def _big_fb(path: Path, n: int, *, ragged_at: int | None = None) -> Path:
    rng = np.random.default_rng(3)
    lines = [csv_text(META_FB_HEADER, [])]
    for i in range(n):
        row = fb_row(
            10_000 + i,
            f"09/{1 + i % 28:02d}/2025 {i % 24:02d}:15",
            views=str(rng.integers(10, 5000)),
            text="x" * 120 + "\n" + "y" * 40,
        )
        text = csv_text(META_FB_HEADER, [row]).split("\n", 1)[1]
        if ragged_at is not None and i == ragged_at:
            text = text.rstrip("\n") + ",tambahan\n"
        lines.append(text)
    path.write_text("".join(lines), encoding="utf-8-sig")
    return path


def test_big_files_take_the_fast_path_and_give_the_same_table(tmp_path, monkeypatch):
    from humaskit.io import files

    p = _big_fb(tmp_path / "big.csv", 1600)
    assert p.stat().st_size > files.HEAD_BYTES
    fast = read_export(p)
    monkeypatch.setattr(files, "HEAD_BYTES", 10 << 20)  # whole file read the exact way
    exact = read_export(p)
    pd.testing.assert_frame_equal(fast.table, exact.table)
    assert fast.rows_in_file == 1600 and fast.accounted


def test_big_file_with_a_ragged_row_is_numbered_exactly(tmp_path):
    p = _big_fb(tmp_path / "big.csv", 1600, ragged_at=700)
    imp = read_export(p)
    assert imp.accounted and imp.imported == 1599
    assert imp.skipped["row"].tolist() == [702]  # header is row 1, data starts at row 2


def test_big_file_read_in_chunks_whose_column_types_differ(tmp_path, monkeypatch):
    from humaskit.io import files, grid

    monkeypatch.setattr(grid, "_CHUNK_ROWS", 500)
    rows = [fb_row(i, "09/01/2025 10:00", views=str(i), text="t" * 300) for i in range(1500)]
    rows[1200][17] = ""  # Views empty and 'N/A' only in the last chunk: text there
    rows[1300][17] = "N/A"
    p = write_fb_posts(tmp_path / "big.csv", rows)
    assert p.stat().st_size > files.HEAD_BYTES
    t = read_export(p).table.set_index("post_id")["views"]
    assert t.isna().sum() == 2 and pd.isna(t["1200"]) and pd.isna(t["1300"])
    assert t["999"] == 999 and t["1000"] == 1000 and t["1499"] == 1499


def test_bundled_example_exports_are_what_the_generator_writes(tmp_path):
    from humaskit.paths import SAMPLES_DIR

    bundled = SAMPLES_DIR / "exports"
    fresh = write_examples(tmp_path / "segar")
    ours = sorted(p.relative_to(bundled) for p in bundled.rglob("*") if p.is_file())
    assert ours == sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    for rel in ours:
        assert (bundled / rel).read_bytes() == (fresh / rel).read_bytes(), rel
    assert sum((bundled / rel).stat().st_size for rel in ours) < 300_000
    ws = read_folder(bundled)
    assert not failures(ws) and all(i.accounted for i in ws.imports)
    assert {"facebook", "instagram", "x", "youtube", "tiktok"} == set(ws.posts["platform"])


@pytest.mark.parametrize("ragged_at", [None, 1300])
def test_big_file_parsed_in_two_halves_gives_the_same_table(tmp_path, monkeypatch, ragged_at):
    from humaskit.io import files, grid

    p = _big_fb(tmp_path / "big.csv", 1600, ragged_at=ragged_at)
    monkeypatch.setattr(grid, "_SPLIT_BYTES", 1)  # split even this small file in two
    src = files.open_source(p)
    split = grid._split_point(src)
    assert split is not None and 0 < split < src.size
    assert p.read_bytes()[split - 1 : split] == b"\n"
    halves = read_export(p)
    monkeypatch.setattr(files, "HEAD_BYTES", 10 << 20)
    exact = read_export(p)
    pd.testing.assert_frame_equal(halves.table, exact.table)
    assert halves.skipped["row"].tolist() == exact.skipped["row"].tolist()
    assert halves.accounted and halves.imported == (1600 if ragged_at is None else 1599)


def test_read_folder_merges_daily_series_with_hours_and_per_video_rows(tmp_path):
    write_text(
        tmp_path / "youtube" / "Chart data.csv",
        csv_text(
            ["Date", "Content", "Views"], [["2025-09-01", "abc", "5"], ["2025-09-01", "def", "2"]]
        ),
    )
    write_text(
        tmp_path / "youtube" / "Totals.csv", csv_text(["Date", "Views"], [["2025-09-01", "9"]])
    )
    act = [["June 29", "0", "12"], ["June 29", "1", "9"]]
    write_text(
        tmp_path / "tiktok" / "FollowerActivity_2025-07-01.csv",
        csv_text(["Date", "Hour", "Active followers"], act),
    )
    write_text(
        tmp_path / "tiktok" / "FollowerActivity_2025-07-02.csv",
        csv_text(["Date", "Hour", "Active followers"], [["June 29", "1", "10"]]),
    )
    ws = read_folder(tmp_path, account="u")
    d = ws.daily
    assert len(d[d["platform"] == "youtube"]) == 3
    yt = d[d["platform"] == "youtube"].set_index("metric")
    assert yt.loc["views", "value"] == 9 and set(yt.loc["post_views", "post_id"]) == {"abc", "def"}
    tk = d[d["platform"] == "tiktok"].set_index("hour")["value"]
    assert tk.to_dict() == {0: 12, 1: 10}  # the later export wins for hour 1
