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
from .base import (
    Candidate,
    Format,
    Options,
    Result,
    Rows,
    daily_result,
    id_keys,
    keys_unique,
    read_rows,
    reader_notes,
    rows_result,
    text_na,
    unmapped_note,
)
from .chunks import ChunkState, read_chunked
from .files import Source
from .numbers import text_series
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
_PLAIN_LINK = r"^https://(?:twitter|x)\.com/(?P<h>[A-Za-z0-9_]{1,30})/status"
_LEGACY_NAME = re.compile(r"tweet_activity_metrics_(.+?)_\d{8}_\d{8}", re.IGNORECASE)


def handles(link: pd.Series) -> pd.Series:
    """The account in each X link (``x.com/<handle>/status/...``), NA where none.

    The same as ``link.str.extract(_HANDLE)``, in pyarrow's regex engine for ASCII links
    (no Python call per row); the rare others go through Python's ``re``.

    Examples
    --------
    >>> import pandas as pd
    >>> handles(pd.Series(["https://twitter.com/Humas_1/status/1", "x.com/a", None])).tolist()
    ['Humas_1', nan, nan]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(link.astype("str"), type=pa.large_string(), from_pandas=True)
    # Links as X writes them: the anchored pattern is 3x faster than a search (and finds
    # the same handle: no match of the search can start inside "https://"); the rest
    # are searched for as before.
    found = pc.struct_field(pc.extract_regex(arr, _PLAIN_LINK), "h")
    miss = pc.and_(pc.is_null(found), pc.is_valid(arr))
    if pc.any(miss).as_py():
        named = _HANDLE.pattern.replace("/([", "/(?P<h>[", 1)
        other = pc.struct_field(pc.extract_regex(arr.filter(miss), "(?i)" + named), "h")
        found = pc.replace_with_mask(found, miss, other)
    found = pc.if_else(pc.is_valid(found), found, pa.scalar(None, found.type))
    out = text_series(found, link.index)
    other = ~pc.fill_null(pc.string_is_ascii(arr), True).to_numpy(zero_copy_only=False)
    if other.any():
        out[other] = link[other].astype("str").str.extract(_HANDLE, expand=False)
    return out


def _posts_columns(rows: Rows, state: ChunkState, name: str) -> dict:
    """The canonical columns of (a chunk of) an X post export; the id keys and the counts
    of the notes go to ``state``."""

    def ids():
        post_id = rows.text("post_id")
        if post_id.str.endswith(".0").any():  # ids saved as "123.0" by Excel
            post_id = post_id.str.replace(r"\.0$", "", regex=True)
        rows.release("post_id")
        return post_id, snowflake_time(post_id), id_keys(post_id)

    def times():
        raw_time = rows.raw("published_at")
        if raw_time is None:
            return None
        return parse_datetimes(
            raw_time.astype("str"),
            ("%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"),
        ).dt.tz_localize("UTC")

    def links():
        link = rows.text("permalink")
        rows.release("permalink")
        return link, (None if link is None else handles(link))

    def metrics():
        out = {}
        for metric in _INT:
            out[metric] = rows.number(metric)
            rows.release(metric)
        return out

    done = rows.compute(
        {
            "ids": ids,
            "times": times,
            "links": links,
            "text": lambda: rows.text("text"),
            "metrics": metrics,
        }
    )
    post_id, exact, keys = done["ids"]
    state.add("id_keys", keys)
    rows.skip(post_id.isna(), "io.skip_no_id")
    published = done["times"]
    if published is None:
        published = pd.Series(pd.NaT, index=post_id.index, dtype="datetime64[us, UTC]")
    filled_from_id = published.isna() & exact.notna()
    published = published.fillna(exact) if filled_from_id.any() else published
    raw_day = rows.raw("published_day")
    if raw_day is not None:
        day = parse_days(raw_day.astype("str"), ("%a %b %d %Y", "%a, %b %d, %Y", "%b %d, %Y"))
        from_day = published.isna() & day.notna()  # (as base.fill_from_days)
        if from_day.any():
            published = published.where(~from_day, day.dt.tz_localize("UTC"))
        both = day.notna() & exact.notna()  # (as base.id_day_mismatch)
        off = (exact[both].dt.tz_localize(None).dt.normalize() - day[both]).abs()
        state.add("from_day", int(from_day.sum()))
        state.add("from_id", int(filled_from_id.sum()))
        state.add("far", int((off > pd.Timedelta(days=1)).sum()))
    rows.skip(published.isna(), "io.skip_no_time")

    link, account = done["links"]
    m = _LEGACY_NAME.search(name)
    if m:
        account = (account if account is not None else text_na(post_id.index)).fillna(m.group(1))
    if link is None and account is not None:
        link = "https://x.com/" + account + "/status/" + post_id
    return {
        "platform": "x",
        "account": account,
        "post_id": post_id,
        "published_at": published,
        "text": done["text"],
        "permalink": link,
        **done["metrics"],
    }


def _day_notes(state: ChunkState, lang: str | None) -> list[str]:
    """The notes of a file that gives days: times from days, from ids, far from the day."""
    if "from_day" not in state.lists:
        return []
    notes = []
    from_day, from_id, far = (sum(state.lists[k]) for k in ("from_day", "from_id", "far"))
    if from_day:
        notes.append(t("io.note_day_only", lang, n=from_day))
    if from_id:
        notes.append(t("io.note_snowflake", lang, n=from_id))
    if far:
        notes.append(t("io.note_id_day_mismatch", lang, n=far))
    return notes


def read_posts(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang

    def convert(rows: Rows, state: ChunkState) -> dict:
        return _posts_columns(rows, state, src.name)

    part = read_chunked(src, cand, lang, _TEXT, convert)
    if part is not None:  # a big file, converted chunk by chunk
        table = part.table
        return Result(
            platform="x",
            kind=cand.fmt.kind,
            table=table,
            rows_in_file=part.rows_in_file,
            skipped=part.skipped,
            source=cand.fmt.name,
            notes=[
                *_day_notes(part.state, lang),
                *part.notes,
                *unmapped_note(cand.mapping, lang),
            ],
            needs_account="account" not in table or bool(table["account"].isna().any()),
            rows=part.rows,
            unique_ids=keys_unique(part.state.lists["id_keys"]),
        )
    rows = read_rows(src, cand, lang, _TEXT)
    state = ChunkState()
    table = rows.table(_posts_columns(rows, state, src.name))
    return rows_result(
        cand,
        rows,
        table,
        reader_notes(rows, _day_notes(state, lang)),
        platform="x",
        needs_account="account" not in table or bool(table["account"].isna().any()),
        unique_ids=keys_unique(state.lists["id_keys"]),
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
    rows = read_rows(src, cand, lang, ("date",))
    raw = rows.raw("date")
    day = parse_days(raw.astype("str"), ("%a, %b %d, %Y", "%a %b %d %Y", "%Y-%m-%d %H:%M %z"))
    rows.skip_unreadable("date", raw, day, missing="io.skip_no_date", bad="io.skip_bad_date")
    names = [k for k in cand.mapping.fields if k != "date"]
    m = _LEGACY_NAME.search(src.name.replace("daily_", ""))
    return daily_result(cand, rows, day, names, [], platform="x", account=m.group(1) if m else None)


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
