"""TikTok analytics downloads (CSV or XLSX, headers and dates in the UI language).

- **posts** (``tiktok.posts``, Content): no id column, so the id is taken from the video
  link (``.../video/<id>``); the exact UTC time comes from the id (``id >> 32`` seconds),
  else the post day (00:00 UTC). ``Time`` is the export day.
- **daily** (``tiktok.daily``, Overview, Viewers, FollowerHistory, FollowerActivity):
  one row per (day, metric) value; FollowerActivity keeps its ``hour`` column.
  ``undefined`` is missing (NA), daily differences may be negative.
- **audience** (``tiktok.audience``, FollowerGender, FollowerTopTerritories): shares as
  fractions (0-1).

Dates come without a year (``"May 15"``, ``"15 Mei"``). The year is inferred from an
anchor day: ``export_date=`` if given, else the latest day written in the file name, else
the day the file was saved (its modification time). A day-by-day series in order crosses
a new year each time the month goes back (December -> January); the last day of the series
is on or before the anchor. Post days are on or before the export day.

Examples
--------
>>> import tempfile, pathlib, datetime
>>> from humaskit.io import read_export
>>> p = pathlib.Path(tempfile.mkdtemp()) / "FollowerHistory.csv"
>>> _ = p.write_text('"Date","Followers","Difference in followers from previous day"\\n'
...     '"December 31","undefined","0"\\n"January 1","64","2"\\n', encoding="utf-8-sig")
>>> imp = read_export(p, account="humaskota", export_date=datetime.date(2026, 1, 2))
>>> sorted(imp.table["date"].astype(str).unique())
['2025-12-31', '2026-01-01']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import t
from .base import (
    Candidate,
    Format,
    Options,
    Result,
    Rows,
    anchor_day,
    daily_result,
    fill_from_days,
    id_day_mismatch,
    read_rows,
    reader_notes,
    rows_result,
    text_na,
)
from .files import Source
from .grid import read_grid
from .lookup import normalize, value_map
from .numbers import parse
from .times import compose_date, infer_years, month_day_year, parse_days, tiktok_id_time

__all__ = ["POSTS", "DAILY", "AUDIENCE"]

_LINK_ID = r"/(?:video|photo)/(\d+)"
_LINK_USER = r"tiktok\.com/@([^/?#]+)"


def _days(raw: pd.Series, anchor: pd.Timestamp, *, series: bool) -> pd.Series:
    """Days with or without a year; year-less ones get theirs from ``anchor``."""
    text = raw.astype("str")
    out = parse_days(text, ("%Y-%m-%d",))
    todo = out.isna() & raw.notna()
    if todo.any():
        mdy = month_day_year(text[todo])
        with_year = mdy["year"].notna()
        if with_year.any():
            full = compose_date(mdy["year"], mdy["month"], mdy["day"])
            out.loc[full[with_year].index] = full[with_year]
        no_year = mdy[~with_year]
        if len(no_year):
            inferred = infer_years(no_year["month"], no_year["day"], anchor, series=series)
            out.loc[inferred.index] = inferred
    return out


def read_posts(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    rows = read_rows(src, cand, lang, ("export_day", "text", "permalink", "published_day"))
    notes: list[str] = []
    base, how = anchor_day(src.path, opts)
    link = rows.text("permalink")
    post_id = link.str.extract(_LINK_ID, expand=False)
    exact = tiktok_id_time(post_id)
    if how == "io.anchor_mtime" and exact.notna().any():
        # the video ids carry their creation time: the export is on or after the newest
        base = exact.max().tz_localize(None).normalize()
        how = "io.anchor_ids"
    export = rows.raw("export_day")
    anchor = base
    if export is not None and export.notna().any():
        days = _days(export, base, series=False)
        if how == "io.anchor_ids":
            days = days.where(days >= base, days + pd.DateOffset(years=1))
        if days.notna().any():
            anchor = days.max()
            notes.append(
                t(
                    "io.note_export_day",
                    lang,
                    column=rows.header_of("export_day"),
                    day=str(anchor.date()),
                    how=t(how, lang),
                )
            )
            how = "io.anchor_column"
    notes.append(t("io.note_year_anchor", lang, day=str(anchor.date()), how=t(how, lang)))
    rows.skip(link.isna(), "io.skip_no_link")
    rows.skip(post_id.isna(), "io.skip_no_id")
    raw_day = rows.raw("published_day")
    published = exact
    if raw_day is not None:
        day = _days(raw_day, anchor, series=False)
        published, day_notes = fill_from_days(published, day, lang)
        notes += day_notes + id_day_mismatch(exact, day, lang)
    rows.skip(published.isna(), "io.skip_no_time")
    account = link.str.extract(_LINK_USER, expand=False)
    post_type = pd.Series(
        np.where(link.str.contains("/photo/", regex=False).fillna(False), "carousel", "video"),
        index=link.index,
        dtype="str",
    )
    cols: dict[str, object] = {
        "platform": "tiktok",
        "account": account,
        "post_id": post_id,
        "published_at": published,
        "post_type": post_type,
        "text": rows.text("text"),
        "permalink": link,
    }
    for metric in ("likes", "comments", "shares", "views", "reach", "saves"):
        cols[metric] = rows.number(metric)
    play = rows.number("watch_time_s", integer=False)
    if play is not None:
        from .numbers import to_int

        cols["watch_time_s"], _ = to_int(play)
    cols["avg_view_s"] = rows.number("avg_view_s", integer=False)
    table = rows.table(cols)
    return rows_result(
        cand,
        rows,
        table,
        reader_notes(rows, notes),
        platform="tiktok",
        needs_account=bool(table["account"].isna().any()) if len(table) else False,
        export_day=anchor,
        anchor=how,
    )


POSTS = Format(
    name="tiktok.posts",
    family="tiktok",
    kind="posts",
    required=("permalink",),
    read=read_posts,
    hints=("content", "tiktok"),
    label="TikTok",
)


def read_daily(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    mapping = cand.mapping
    rows = read_rows(src, cand, lang, ("date", "hour"))
    anchor, how = anchor_day(src.path, opts)
    raw = rows.raw("date")
    day = _days(raw, anchor, series=True)
    rows.skip_unreadable("date", raw, day, missing="io.skip_no_date", bad="io.skip_bad_date")
    notes = [t("io.note_year_anchor", lang, day=str(anchor.date()), how=t(how, lang))]
    extra = None
    if mapping.has("hour"):
        hour = rows.raw("hour").astype("str").str.extract(r"^\s*(\d{1,2})", expand=False)
        hour = pd.to_numeric(hour, errors="coerce").astype("Int64")
        rows.skip(hour.isna() | (hour > 23), "io.skip_bad_hour", column=rows.header_of("hour"))
        extra = {"hour": hour}
    names = [k for k in mapping.fields if k not in ("date", "hour")]
    return daily_result(
        cand, rows, day, names, notes, platform="tiktok", extra=extra, export_day=anchor, anchor=how
    )


DAILY = Format(
    name="tiktok.daily",
    family="tiktok",
    kind="daily",
    required=("date",),
    read=read_daily,
    needs_metric=True,
    hints=("overview", "viewers", "follower", "tiktok"),
    label="TikTok",
)


def read_audience(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    spec, mapping = cand.spec, cand.mapping
    dims = [k for k in ("gender", "age", "country") if mapping.has(k)]
    dim = dims[0]
    positions = mapping.fields[dim][:1] + mapping.fields["value"][:1]
    grid = read_grid(src, spec, positions, text_positions=positions, lang=lang)
    rows = Rows(grid, mapping, spec.header, lang)
    seg = rows.text(dim)
    if dim == "gender":
        genders = value_map("gender")
        seg = seg.map(
            lambda v: genders.get(normalize(v), normalize(v)) if isinstance(v, str) else v
        ).astype("str")
    rows.skip(seg.isna(), "io.skip_missing", column=rows.header_of(dim))
    p = parse(rows.raw("value"), integer=False, language=mapping.language)
    rows.skip(p.values.isna(), "io.skip_bad_value", value=rows.header_of("value"))
    value = p.values
    total = float(value[rows.keep].sum()) if rows.keep.any() else 0.0
    if p.percent.any() or 1.5 < total <= 101.0:
        value = value / 100.0
    as_of, how = anchor_day(src.path, opts)
    table = rows.table(
        {
            "platform": "tiktok",
            "account": None,
            "as_of": as_of,
            "dimension": dim,
            "segment": seg,
            "value": value,
            "unit": "share",
        }
    )
    table["account"] = text_na(table.index)
    notes = [t("io.note_as_of", lang, day=str(as_of.date()), how=t(how, lang))] + rows.notes
    return rows_result(
        cand,
        rows,
        table,
        notes,
        platform="tiktok",
        needs_account=True,
        export_day=as_of,
        anchor=how,
    )


AUDIENCE = Format(
    name="tiktok.audience",
    family="tiktok",
    kind="audience",
    required=("value",),
    any_of=("gender", "age", "country"),
    read=read_audience,
    hints=("follower", "tiktok"),
    label="TikTok",
)
