"""Small, fictional platform exports in the real formats, for teaching and for tests.

:func:`write_examples` writes one month of made-up exports of a fictional city PR office
("Humas Kota Contoh") exactly as the platforms lay them out: a Meta Business Suite
Facebook post export (UTF-8 with BOM, Pacific times), two Meta daily series (UTF-16,
``sep=,``, title line), an Instagram post export in the older column vintage
(Impressions, Plays), an Instagram audience file (blocks), an X ``tweet_activity_metrics``
export and an X Premium account overview, a YouTube Studio table (with its ``Total`` row
and an id starting with ``-``; in a folder named after the channel, which gives the account),
a TikTok Content and Overview file (dates without a year; the day in the file name anchors
the year), and a table of citizens' comments with Indonesian headers. Every name and number is
invented; handles of citizens are made up (``warga_001``...).

The files in ``data/samples/exports`` were written by this function with the default
arguments (``humaskit.io.examples.write_examples("data/samples/exports")``).

The platforms' headers are constants here (``META_FB_POSTS_HEADER``,
``X_TWEET_ACTIVITY_HEADER``, ...), one source for the examples, the tests and the benchmarks.

Examples
--------
>>> import tempfile
>>> from humaskit.io import read_folder
>>> folder = write_examples(tempfile.mkdtemp())
>>> ws = read_folder(folder)
>>> sorted(ws.posts["platform"].unique())
['facebook', 'instagram', 'tiktok', 'x', 'youtube']
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "write_examples",
    "ACCOUNT",
    "META_FB_POST_COLUMNS",
    "META_FB_POSTS_HEADER",
    "EXAMPLE_FB_POSTS_HEADER",
    "X_TWEET_ACTIVITY_HEADER",
    "TIKTOK_CONTENT_HEADER",
]

ACCOUNT = "humaskotacontoh"
PAGE = "Humas Kota Contoh"

#: The columns a Meta Business Suite Facebook post export starts with, whatever metrics
#: were ticked: the post and its page, then ``Date`` (``Lifetime``).
META_FB_POST_COLUMNS = (
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
)
#: Header of a Facebook post export with every metric ticked (2025 layout, 35 columns):
#: views and reach split into organic and boosted, video views before the reactions.
META_FB_POSTS_HEADER = (
    *META_FB_POST_COLUMNS,
    "Views",
    "Views from Organic posts",
    "Views from Boosted posts",
    "Reach",
    "Reach from Organic posts",
    "Reach from Boosted posts",
    "3-second video views",
    "1-minute video views",
    "3-Second viewers",
    "1-minute viewers",
    "3-second video views from Boosted posts",
    "3-second video views from Organic posts",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Seconds viewed",
    "Average Seconds viewed",
)
#: Header of the example Facebook post export: fewer metrics ticked, video columns last.
EXAMPLE_FB_POSTS_HEADER = (
    *META_FB_POST_COLUMNS,
    "Views",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "3-second video views",
    "Seconds viewed",
)
#: Header of the example Instagram post export (older vintage: Impressions, Plays).
_IG_POSTS_HEADER = (
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Impressions",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
    "Plays",
)
#: Header of X's legacy ``tweet_activity_metrics_*`` export, up to the promoted columns.
X_TWEET_ACTIVITY_HEADER = (
    "Tweet id",
    "Tweet permalink",
    "Tweet text",
    "time",
    "impressions",
    "engagements",
    "engagement rate",
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "hashtag clicks",
    "detail expands",
    "permalink clicks",
    "app opens",
    "app installs",
    "follows",
    "email tweet",
    "dial phone",
    "media views",
    "media engagements",
    "promoted impressions",
    "promoted engagements",
)
#: Header of the X Premium account overview (one row a day).
_X_OVERVIEW_HEADER = (
    "Date",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Unfollows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Create Post",
    "Video views",
    "Media views",
)
#: Header of the example YouTube Studio table (advanced mode, "Table data.csv").
_YOUTUBE_TABLE_HEADER = (
    "Content",
    "Video title",
    "Video publish time",
    "Impressions",
    "Impressions click-through rate (%)",
    "Views",
    "Average view duration",
    "Watch time (hours)",
)
#: Header of TikTok's Content download (English UI).
TIKTOK_CONTENT_HEADER = (
    "Time",
    "Video title",
    "Video link",
    "Post time",
    "Total likes",
    "Total comments",
    "Total shares",
    "Total views",
)
_TIKTOK_OVERVIEW_HEADER = ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares")
#: Header of the example table of citizens' comments (Indonesian, kept by hand).
_COMMENTS_HEADER = (
    "platform",
    "akun",
    "id komentar",
    "jenis",
    "waktu",
    "pengirim",
    "komentar",
    "waktu dijawab",
    "dijawab oleh",
)
_TOPICS = (
    ("Jadwal vaksinasi gratis di puskesmas minggu ini", "edukasi"),
    ("Perbaikan jalan di Jalan Merdeka selesai lebih cepat", "isu terkini"),
    ("Pendaftaran UMKM binaan dibuka sampai akhir bulan", "promosi layanan"),
    ("Siaran pers: hasil rapat koordinasi penanganan banjir", "siaran pers"),
    ("Cara bayar PBB lewat aplikasi, cukup lima menit", "edukasi"),
    ("Selamat Hari Kesaktian Pancasila", "momentum"),
    ("Layanan KTP keliling hadir di kecamatan", "promosi layanan"),
    ("Kerja bakti bersih sungai bersama warga", "isu terkini"),
)
_COMMENTS = (
    "Terima kasih infonya min",
    "Jalan di depan pasar masih rusak, mohon dicek",
    "Kapan jadwal vaksin berikutnya?",
    "Pelayanannya cepat, mantap",
    "Lampu jalan di RT 03 mati sudah seminggu",
    "Sampah menumpuk di dekat sekolah, tolong diangkut",
    "Bagaimana cara daftar UMKM binaan?",
    "Info yang sangat membantu",
)


def _csv_text(header: tuple[str, ...], rows: list[list], *, quote_all: bool = False) -> str:
    buf = io.StringIO()
    w = csv.writer(
        buf, lineterminator="\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path``, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)


def _write_meta_lines(path: Path, lines: list[str]) -> None:
    """Write lines the way Meta writes its series and audience files (UTF-16, CRLF)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))


def _posts(rng: np.random.Generator, n: int, start: str) -> pd.DataFrame:
    """Made-up posts: local WIB times between 07:00 and 21:00, topics, reach."""
    days = rng.integers(0, 30, size=n)
    hours = rng.choice([7, 8, 9, 12, 13, 16, 19, 20], size=n)
    minutes = rng.integers(0, 60, size=n)
    local = (
        pd.Timestamp(start)
        + pd.to_timedelta(days, unit="D")
        + pd.to_timedelta(hours, unit="h")
        + pd.to_timedelta(minutes, unit="min")
    )
    utc = local.tz_localize("Asia/Jakarta").tz_convert("UTC")
    topic = rng.integers(0, len(_TOPICS), size=n)
    reach = rng.integers(300, 6000, size=n)
    out = pd.DataFrame({"utc": utc, "topic": topic, "reach": reach})
    return out.sort_values("utc").reset_index(drop=True)


def _caption(i: int, topic: int) -> str:
    text, _ = _TOPICS[topic]
    tail = "\n\nInfo lengkap di kanal resmi #KotaContoh" if i % 3 == 0 else " #KotaContoh"
    return text + tail


def _facebook(rng: np.random.Generator, folder: Path) -> None:
    posts = _posts(rng, 24, "2025-09-01")
    rows = []
    for i, p in posts.iterrows():
        pid = 1_190_000_000_000_000 + 7919 * i
        reel = i % 3 == 1
        pacific = p.utc.tz_convert("America/Los_Angeles").strftime("%m/%d/%Y %H:%M")
        views = int(p.reach * rng.uniform(1.3, 2.2))
        likes, comments, shares = (
            int(p.reach * rng.uniform(0.01, 0.05)),
            int(rng.integers(0, 25)),
            int(rng.integers(0, 15)),
        )
        caption = _caption(i, int(p.topic))
        rows.append(
            [
                pid,
                100000000012345,
                PAGE,
                "" if reel else caption,
                caption if reel else "",
                int(rng.integers(12, 60)) if reel else 0,
                pacific,
                "mixed" if reel else "N/A",
                f"https://www.facebook.com/{f'reel/{pid}' if reel else f'{ACCOUNT}/posts/{pid}'}",
                0,
                0,
                "Reels" if reel else "Photos",
                "",
                "",
                "",
                "",
                "Lifetime",
                views,
                p.reach,
                likes + comments + shares,
                likes,
                comments,
                shares,
                int(views * 0.4) if reel else 0,
                round(views * 6.5, 3) if reel else "",
            ]
        )
    _write(
        folder / "facebook" / "Sep-01-2025_Sep-30-2025_humaskotacontoh.csv",
        _csv_text(EXAMPLE_FB_POSTS_HEADER, rows),
        "utf-8-sig",
    )
    days = pd.date_range("2025-09-01", "2025-09-30", freq="D")
    for name, title, lo, hi in (
        ("Follows.csv", "Facebook follows", 5, 40),
        ("Views.csv", "Views", 2000, 9000),
    ):
        lines = ["sep=,", f'"{title}"', '"Date","Primary"']
        lines += [f'"{d:%Y-%m-%dT%H:%M:%S}","{int(rng.integers(lo, hi))}"' for d in days]
        _write_meta_lines(folder / "facebook" / name, lines)


def _instagram(rng: np.random.Generator, folder: Path) -> None:
    posts = _posts(rng, 20, "2025-09-01")
    kinds = ["IG image", "IG carousel", "IG reel"]
    rows = []
    for i, p in posts.iterrows():
        kind = kinds[i % 3]
        pacific = p.utc.tz_convert("America/Los_Angeles").strftime("%m/%d/%Y %H:%M")
        code = "".join(
            rng.choice(list("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"), size=11)
        )
        path = "reel" if kind == "IG reel" else "p"
        rows.append(
            [
                18_060_000_000_000_000 + 104_729 * i,
                17841400000000001,
                ACCOUNT,
                PAGE,
                _caption(i, int(p.topic)),
                int(rng.integers(10, 60)) if kind == "IG reel" else 0,
                pacific,
                f"https://www.instagram.com/{path}/{code}/",
                kind,
                "",
                "Lifetime",
                int(p.reach * rng.uniform(1.2, 1.8)),
                p.reach,
                int(p.reach * rng.uniform(0.03, 0.09)),
                int(rng.integers(0, 30)),
                int(rng.integers(0, 8)),
                int(rng.integers(0, 20)),
                int(rng.integers(0, 40)),
                int(p.reach * 1.4) if kind == "IG reel" else "",
            ]
        )
    _write(
        folder / "instagram" / "Sep-01-2025_Sep-30-2025_humaskotacontoh.csv",
        _csv_text(_IG_POSTS_HEADER, rows),
        "utf-8-sig",
    )
    women = rng.dirichlet(np.ones(6)) * 48
    men = rng.dirichlet(np.ones(6)) * 52
    ages = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
    cities = [
        "Kota Contoh, Jawa Tengah",
        "Semarang, Jawa Tengah",
        "Jakarta",
        "Surabaya, Jawa Timur",
        "Yogyakarta",
    ]
    shares = np.round(np.sort(rng.dirichlet(np.ones(6)))[::-1][:5] * 80, 1)
    lines = [
        "sep=,",
        '"Instagram followers"',
        '"IG_ACCOUNT,FOLLOW,UNIQUE_USERS"',
        '"8421"',
        "",
        '"Instagram followers by gender and age"',
        '"Age","Women","Men"',
    ]
    lines += [f'"{a}","{w:.1f}%","{m:.1f}%"' for a, w, m in zip(ages, women, men, strict=True)]
    lines += ["", '"Instagram followers by top cities"', '"Top cities","Value"']
    lines += [f'"{c}","{s}%"' for c, s in zip(cities, shares, strict=True)]
    lines += [
        "",
        '"Instagram followers by top countries"',
        '"Top countries","Value"',
        '"Indonesia","96.2%"',
        '"Malaysia","1.1%"',
        '"Singapore","0.6%"',
        "",
    ]
    _write_meta_lines(folder / "instagram" / "Audience_2025-09-30.csv", lines)


def _x(rng: np.random.Generator, folder: Path) -> None:
    posts = _posts(rng, 30, "2025-09-01")
    rows = []
    for i, p in posts.iterrows():
        ms = int(p.utc.value // 1_000_000) - 1288834974657
        tid = (ms << 22) + int(rng.integers(0, 1 << 22))
        imp = int(p.reach * rng.uniform(1.5, 3.0))
        eng = int(imp * rng.uniform(0.01, 0.04))
        rows.append(
            [
                str(tid),
                f"https://twitter.com/{ACCOUNT}/status/{tid}",
                _caption(i, int(p.topic)),
                p.utc.strftime("%Y-%m-%d %H:%M +0000"),
                f"{imp}.0",
                f"{eng}.0",
                eng / imp,
                f"{rng.integers(0, 20)}.0",
                f"{rng.integers(0, 10)}.0",
                f"{rng.integers(0, 60)}.0",
                f"{rng.integers(0, 9)}.0",
                f"{rng.integers(0, 15)}.0",
                "0.0",
                f"{rng.integers(0, 9)}.0",
                "0.0",
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                "-",
                "-",
            ]
        )
    name = f"tweet_activity_metrics_{ACCOUNT}_20250901_20251001_en.csv"
    _write(folder / "x" / name, _csv_text(X_TWEET_ACTIVITY_HEADER, rows, quote_all=True))
    days = pd.date_range("2025-09-01", "2025-09-30", freq="D")[::-1]
    body = [
        [d.strftime("%a, %b %-d, %Y"), *[int(v) for v in rng.integers(0, 400, size=13)]]
        for d in days
    ]
    _write(
        folder / "x" / "account_overview_analytics_2025-09.csv",
        _csv_text(_X_OVERVIEW_HEADER, body),
    )


def _youtube(rng: np.random.Generator, folder: Path) -> None:
    posts = _posts(rng, 12, "2025-09-01")
    letters = list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
    rows = []
    for i, p in posts.iterrows():
        vid = "".join(rng.choice(letters, size=11))
        if i == 2:
            vid = "-" + vid[1:]
        views = int(p.reach * rng.uniform(0.3, 0.9))
        secs = int(rng.integers(40, 400))
        rows.append(
            [
                (" " + vid) if vid.startswith("-") else vid,
                _TOPICS[int(p.topic)][0],
                p.utc.strftime("%b %-d, %Y"),
                views * 12,
                round(rng.uniform(2, 9), 2),
                views,
                f"0:{secs // 60:02d}:{secs % 60:02d}",
                round(views * secs / 3600, 4),
            ]
        )
    total = [
        "Total",
        "",
        "",
        sum(r[3] for r in rows),
        4.1,
        sum(r[5] for r in rows),
        "0:03:10",
        round(sum(r[7] for r in rows), 4),
    ]
    _write(
        folder / "youtube" / ACCOUNT / "Table data.csv",
        _csv_text(_YOUTUBE_TABLE_HEADER, [total, *rows]),
    )


def _tiktok(rng: np.random.Generator, folder: Path) -> None:
    posts = _posts(rng, 10, "2025-09-01")
    rows = []
    for _, p in posts.iterrows():
        vid = (int(p.utc.timestamp()) << 32) + int(rng.integers(0, 1 << 31))
        rows.append(
            [
                "September 30",
                _TOPICS[int(p.topic)][0] + " #kotacontoh",
                f"https://www.tiktok.com/@{ACCOUNT}/video/{vid}",
                f"{p.utc.strftime('%B')} {p.utc.day}",
                int(rng.integers(20, 900)),
                int(rng.integers(0, 40)),
                int(rng.integers(0, 30)),
                int(rng.integers(400, 20000)),
            ]
        )
    _write(
        folder / "tiktok" / "Content_2025-09-30.csv",
        _csv_text(TIKTOK_CONTENT_HEADER, rows, quote_all=True),
        "utf-8-sig",
    )
    days = pd.date_range("2025-07-03", "2025-09-29", freq="D")
    body = [
        [f"{d.strftime('%B')} {d.day}", *[int(v) for v in rng.integers(0, 900, size=5)]]
        for d in days
    ]
    _write(
        folder / "tiktok" / "Overview_2025-09-30.csv",
        _csv_text(_TIKTOK_OVERVIEW_HEADER, body, quote_all=True),
        "utf-8-sig",
    )


def _comments(rng: np.random.Generator, folder: Path) -> None:
    n = 40
    start = pd.Timestamp("2025-09-01 07:00")
    when = start + pd.to_timedelta(np.sort(rng.integers(0, 29 * 24 * 60, size=n)), unit="min")
    platforms = rng.choice(["instagram", "facebook", "x"], size=n)
    rows = []
    for i in range(n):
        answered = rng.random() < 0.7
        reply = when[i] + pd.Timedelta(minutes=int(rng.integers(10, 60 * 40)))
        rows.append(
            [
                platforms[i],
                ACCOUNT,
                f"k{i + 1:04d}",
                "komentar" if platforms[i] != "x" else "sebutan",
                when[i].strftime("%d/%m/%Y %H:%M"),
                f"@warga_{rng.integers(1, 60):03d}",
                _COMMENTS[int(rng.integers(0, len(_COMMENTS)))],
                reply.strftime("%d/%m/%Y %H:%M") if answered else "",
                "admin_humas" if answered else "",
            ]
        )
    _write(folder / "komentar" / "komentar_2025-09.csv", _csv_text(_COMMENTS_HEADER, rows))


def write_examples(folder: str | Path, *, seed: int = 2025) -> Path:
    """Write the fictional example exports into ``folder`` (created); return the folder.

    Parameters
    ----------
    folder : str or Path
        Where to write (sub-folders per platform are created).
    seed : int
        Seed of the random numbers; the same seed always writes the same files.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    _facebook(rng, folder)
    _instagram(rng, folder)
    _x(rng, folder)
    _youtube(rng, folder)
    _tiktok(rng, folder)
    _comments(rng, folder)
    return folder
