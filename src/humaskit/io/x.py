"""X (Twitter) analytics exports.

- **posts** (``x.posts``): the legacy ``tweet_activity_metrics_*`` export (time
  ``YYYY-MM-DD HH:MM +0000``, numbers like ``"12.0"``, promoted columns ``-``) and the X
  Premium content export in all its header vintages (``Link``/``Post Link``,
  ``Share``/``Shares``...). The Premium export gives only a day; the exact UTC time comes
  from the post id (``(id >> 22) + 1288834974657`` ms). Reposts are ``shares``, bookmarks
  are ``saves``, replies are ``comments``; X's own "Share" count is kept as
  ``share_actions``.
- **daily** (``x.daily``): the X Premium account overview (``"Tue, Feb 18, 2025"``) and
  the legacy daily export, one row per (day, metric) value.

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit.io import read_export
>>> p = pathlib.Path(tempfile.mkdtemp()) / "content.csv"
>>> _ = p.write_text("Post id,Date,Post text,Link,Impressions,Likes\\n"
...     "1891564128784855141,Mon Feb 17 2025,halo,"
...     "https://x.com/humas_kota/status/1891564128784855141,70,3\\n")
>>> imp = read_export(p)
>>> imp.table.loc[0, "account"], str(imp.table.loc[0, "published_at"])
('humas_kota', '2025-02-17 19:03:26.521000+00:00')
"""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import t
from .base import Candidate, Format, Options, Result, Rows, long_daily, unmapped_note
from .files import Source, read_grid
from .times import parse_datetimes, parse_days, snowflake_time

__all__ = ["POSTS", "DAILY"]

_TEXT = ("post_id", "permalink", "text", "published_at", "published_day")
_INT = (
    "impressions",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "follows",
    "profile_visits",
    "engagements",
    "media_views",
    "share_actions",
)
_HANDLE = re.compile(r"(?:twitter|x)\.com/([A-Za-z0-9_]{1,30})/status", re.IGNORECASE)
_LEGACY_NAME = re.compile(r"tweet_activity_metrics_(.+?)_\d{8}_\d{8}", re.IGNORECASE)


def read_posts(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    spec, mapping = cand.spec, cand.mapping
    positions = [p for v in mapping.fields.values() for p in v]
    text_pos = [p for k in _TEXT for p in mapping.fields.get(k, [])]
    grid = read_grid(src, spec, positions, text_positions=text_pos, lang=lang)
    rows = Rows(grid, mapping, spec.header, lang)
    notes: list[str] = []

    post_id = rows.text("post_id")
    post_id = post_id.str.replace(r"\.0$", "", regex=True)  # ids saved as "123.0" by Excel
    rows.skip(post_id.isna(), "io.skip_no_id")
    exact = snowflake_time(post_id)
    published = pd.Series(pd.NaT, index=post_id.index, dtype="datetime64[us, UTC]")
    raw_time = rows.raw("published_at")
    if raw_time is not None:
        naive = parse_datetimes(
            raw_time.astype("str"),
            ("%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"),
        )
        published = naive.dt.tz_localize("UTC")
    filled_from_id = published.isna() & exact.notna()
    published = published.fillna(exact) if filled_from_id.any() else published
    raw_day = rows.raw("published_day")
    if raw_day is not None:
        day = parse_days(raw_day.astype("str"), ("%a %b %d %Y", "%a, %b %d, %Y", "%b %d, %Y"))
        from_day = published.isna() & day.notna()
        if from_day.any():
            published = published.where(~from_day, day.dt.tz_localize("UTC"))
            notes.append(t("io.note_day_only", lang, n=int(from_day.sum())))
        if filled_from_id.any():
            notes.append(t("io.note_snowflake", lang, n=int(filled_from_id.sum())))
        both = day.notna() & exact.notna()
        off = (exact[both].dt.tz_localize(None).dt.normalize() - day[both]).abs()
        far = int((off > pd.Timedelta(days=1)).sum())
        if far:
            notes.append(t("io.note_id_day_mismatch", lang, n=far))
    rows.skip(published.isna(), "io.skip_no_time")

    link = rows.text("permalink")
    account = None
    if link is not None:
        account = link.str.extract(_HANDLE, expand=False)
    m = _LEGACY_NAME.search(src.name)
    if m:
        account = (
            account if account is not None else pd.Series(pd.NA, index=post_id.index, dtype="str")
        ).fillna(m.group(1))
    if link is None and account is not None:
        link = "https://x.com/" + account + "/status/" + post_id
    cols: dict[str, object] = {
        "platform": "x",
        "account": account,
        "post_id": post_id,
        "published_at": published,
        "text": rows.text("text"),
        "permalink": link,
    }
    for metric in _INT:
        cols[metric] = rows.number(metric)
    table = rows.table(cols)
    notes += rows.notes
    notes += unmapped_note(mapping, lang)
    return Result(
        platform="x",
        kind="posts",
        table=table,
        rows_in_file=rows.rows_in_file,
        skipped=rows.skipped(),
        source="x.posts",
        notes=notes,
        needs_account="account" not in table or bool(table["account"].isna().any()),
        rows=grid.rows[rows.keep],
    )


POSTS = Format(
    name="x.posts",
    family="x",
    kind="posts",
    required=("post_id",),
    read=read_posts,
    hints=("tweet", "account_analytics_content", "twitter"),
    label="X",
)


def read_daily(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    spec, mapping = cand.spec, cand.mapping
    positions = [p for v in mapping.fields.values() for p in v]
    grid = read_grid(src, spec, positions, text_positions=mapping.fields["date"], lang=lang)
    rows = Rows(grid, mapping, spec.header, lang)
    raw = rows.raw("date")
    day = parse_days(raw.astype("str"), ("%a, %b %d, %Y", "%a %b %d %Y", "%Y-%m-%d %H:%M %z"))
    rows.skip(raw.isna(), "io.skip_no_date")
    rows.skip(day.isna(), "io.skip_bad_date", column=rows.header_of("date"))
    names = [k for k in mapping.fields if k != "date"]
    table, numbers, rows_in_file = long_daily(rows, day, names)
    table.insert(0, "platform", "x")
    table.insert(1, "account", pd.Series(pd.NA, index=table.index, dtype="str"))
    m = _LEGACY_NAME.search(src.name.replace("daily_", ""))
    if m:
        table["account"] = m.group(1)
    notes = rows.notes
    notes += unmapped_note(mapping, lang)
    return Result(
        platform="x",
        kind="daily",
        table=table,
        rows_in_file=rows_in_file,
        skipped=rows.skipped(),
        source="x.daily",
        notes=notes,
        needs_account=not m,
        rows=numbers,
    )


DAILY = Format(
    name="x.daily",
    family="x",
    kind="daily",
    required=("date",),
    read=read_daily,
    needs_metric=True,
    hints=("account_overview", "daily_tweet", "twitter"),
    label="X",
)
