"""Small export files in the platforms' real layouts, written by the tests (all made up)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from humaskit.io.examples import EXAMPLE_FB_POSTS_HEADER

#: The example export's header with the average watch time column (26 columns).
META_FB_HEADER = [*EXAMPLE_FB_POSTS_HEADER, "Average Seconds viewed"]


def csv_text(
    header: list[str],
    rows: list[list],
    *,
    quote_all: bool = False,
    sep: str = ",",
    newline: str = "\n",
) -> str:
    buf = io.StringIO()
    w = csv.writer(
        buf,
        lineterminator=newline,
        delimiter=sep,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def fb_row(
    pid: int,
    when: str,
    *,
    views="100",
    reach="80",
    reactions="5",
    comments="1",
    shares="0",
    ptype="Photos",
    text="Info layanan",
    page="Humas Uji",
) -> list:
    return [
        pid,
        999,
        page,
        text,
        "",
        0,
        when,
        "N/A",
        f"https://www.facebook.com/humasuji/posts/{pid}",
        0,
        0,
        ptype,
        "",
        "",
        "",
        "",
        "Lifetime",
        views,
        reach,
        "",
        reactions,
        comments,
        shares,
        "0",
        "",
        "",
    ]


def write_fb_posts(path: Path, rows: list[list], header: list[str] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(csv_text(header or META_FB_HEADER, rows), encoding="utf-8-sig")
    return path


def write_meta_daily(
    path: Path,
    title: str,
    values: list[tuple[str, str]],
    header: tuple[str, str] = ("Date", "Primary"),
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["sep=,", f'"{title}"', f'"{header[0]}","{header[1]}"']
    lines += [f'"{d}","{v}"' for d, v in values]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    return path


def write_meta_audience(path: Path, blocks: list[tuple[str, list[list[str]]]]) -> Path:
    """Blocks of (title, [header, *rows]) separated by blank lines, UTF-16 like Meta."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["sep=,"]
    for title, table in blocks:
        lines.append(f'"{title}"')
        lines += [",".join(f'"{c}"' for c in row) for row in table]
        lines.append("")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    return path


def snowflake(ms_utc: int, seq: int = 0) -> int:
    """An X post id created at ``ms_utc`` (milliseconds since the epoch)."""
    return ((ms_utc - 1288834974657) << 22) + seq


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path
