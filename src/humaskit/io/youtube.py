"""YouTube Studio advanced-mode exports: table data, chart data and totals.

- **posts** (``youtube.posts``, "Table data.csv"): one row per video with whatever metric
  columns the user picked. The first data row ``Total`` is not a video and is left out
  (not counted as a data row; a note says so). Ids starting with ``-`` are written with a
  leading space, which is removed. The publish day (``Feb 19, 2023``) has no time: it
  becomes 00:00 UTC of that day. Watch time in hours becomes ``watch_time_s``; average
  view duration (``0:05:12``) becomes ``avg_view_s``.
- **audience** (``youtube.geography``, "Table data.csv" by Geography): each country's
  share of the views (unit ``share``; watch time when views are not in the file).
- Tables by traffic source, device, ... (``youtube.not_kept``): recognised, and refused
  with one sentence saying humaskit keeps no table for them.
- Footer lines under a table (``Showing top 500 results``, in any language) are not data.
- **daily** (``youtube.daily``, "Chart data.csv" and "Totals.csv"): one row per
  (day, metric). Chart data split by video keeps the video in a ``post_id`` column and
  names its metrics ``post_<metric>`` (for example ``post_views``) so per-video series
  are never added to channel totals by mistake.

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit.io import read_export
>>> p = pathlib.Path(tempfile.mkdtemp()) / "Table data.csv"
>>> _ = p.write_text("Content,Video title,Video publish time,Views,Watch time (hours)\\n"
...     "Total,,,120,2.5\\n -abc,Halo,\\"Feb 19, 2023\\",100,2\\n")
>>> imp = read_export(p, account="humaskota")
>>> imp.table.loc[0, "post_id"], int(imp.table.loc[0, "watch_time_s"]), imp.rows_in_file
('-abc', 7200, 1)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import UnsupportedFile
from ..i18n import t
from .base import (
    Candidate,
    Format,
    Options,
    Result,
    Rows,
    anchor_day,
    daily_result,
    mapped_grid,
    reader_notes,
    rows_result,
    text_na,
)
from .files import Grid, Source
from .lookup import value_map
from .numbers import normalized, to_int
from .times import parse_days

__all__ = ["POSTS", "DAILY", "GEOGRAPHY", "NOT_KEPT", "durations"]

_INT = ("impressions", "views", "likes", "comments", "shares", "subscribers", "subscribers_gained")
_DAY_FORMATS = ("%b %d, %Y", "%Y-%m-%d", "%d %b %Y")


def durations(text: pd.Series) -> pd.Series:
    """Seconds of ``h:mm:ss`` / ``m:ss`` texts, or plain seconds (Float64).

    Examples
    --------
    >>> import pandas as pd
    >>> durations(pd.Series(["0:05:12", "4:19", "75", None])).tolist()
    [312.0, 259.0, 75.0, <NA>]
    """
    s = text.astype("str").str.strip()
    g = s.str.extract(r"^(?:(\d+):)?(?:(\d+):)?(\d+(?:[.,]\d+)?)$")
    a = pd.to_numeric(g[0], errors="coerce")
    b = pd.to_numeric(g[1], errors="coerce")
    c = pd.to_numeric(g[2].str.replace(",", ".", regex=False), errors="coerce")
    hours = a.where(b.notna(), 0).fillna(0)
    minutes = b.where(b.notna(), a).fillna(0)
    out = hours * 3600 + minutes * 60 + c
    return out.astype("Float64")


def _ids(rows: Rows) -> pd.Series:
    return rows.text("post_id").str.strip()


def _total_rows(ids: pd.Series) -> np.ndarray:
    totals = set(value_map("total"))
    return normalized(ids).isin(totals).fillna(False).to_numpy(dtype=bool)


def _footer_rows(grid: Grid, key: int) -> np.ndarray:
    """Lines under the table such as ``Mostrando os primeiros 500 resultados``: only the
    first cell is filled, with words (an id never holds a space)."""
    first = grid.frame[key].astype("str").str.strip()
    others = [c for c in grid.frame.columns if c != key]
    empty = np.ones(len(first), dtype=bool)
    for c in others:
        col = grid.frame[c]
        blank = col.isna() | (col.astype("str").str.strip() == "")
        empty &= blank.to_numpy(dtype=bool)
    wordy = first.str.contains(r"\s", regex=True).fillna(False).to_numpy(dtype=bool)
    return empty & wordy & bool(others)


def _drop_total_rows(
    src: Source, grid: Grid, cand: Candidate, lang: str | None, key: str = "post_id"
) -> list[str]:
    """Leave the ``Total`` row and footer lines out of ``grid`` before counting: they are
    not data rows. Returns the notes saying so (none when there are none)."""
    pos = cand.mapping.fields[key][0]
    notes = _drop_cut_footers(src, grid, cand, lang)
    total = _total_rows(grid.frame[pos].astype("str"))
    footer = _footer_rows(grid, pos)
    drop = total | footer
    if not drop.any():
        return notes
    grid.frame = grid.frame.loc[~drop].reset_index(drop=True)
    grid.rows = grid.rows[~drop]
    if total.any():
        notes.append(t("io.note_total_row", lang, n=int(total.sum())))
    if footer.any():
        notes.append(t("io.note_footer_rows", lang, n=int(footer.sum())))
    return notes


def _drop_cut_footers(src: Source, grid: Grid, cand: Candidate, lang: str | None) -> list[str]:
    """A footer line (one cell with words) that the reader set aside as a cut-off row is
    not a data row either: take it out of the skipped rows."""
    if not grid.skipped:
        return []
    records = src.records(cand.spec.sheet)
    footers = set()
    for row, _ in grid.skipped:
        rec = records[row - 1] if 0 < row <= len(records) else []
        cells = [str(c or "").strip() for c in rec]
        filled = [c for c in cells if c]
        if len(filled) == 1 and filled[0] == cells[0] and " " in filled[0]:
            footers.add(row)
    if not footers:
        return []
    grid.skipped = [(r, why) for r, why in grid.skipped if r not in footers]
    return [t("io.note_footer_rows", lang, n=len(footers))]


def read_posts(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    mapping = cand.mapping
    grid = mapped_grid(src, cand, lang, ("post_id", "text", "published_day"))
    notes = _drop_total_rows(src, grid, cand, lang)
    rows = Rows(grid, mapping, cand.spec.header, lang)
    post_id = _ids(rows)
    rows.skip(post_id.isna(), "io.skip_no_id")
    raw_day = rows.raw("published_day")
    if raw_day is not None:
        day = parse_days(raw_day.astype("str"), _DAY_FORMATS)
        rows.skip_unreadable(
            "published_day", raw_day, day, missing="io.skip_no_time", bad="io.skip_bad_date"
        )
        published = day.dt.tz_localize("UTC")
        notes.append(t("io.note_youtube_day", lang))
    else:
        published = pd.Series(pd.NaT, index=post_id.index, dtype="datetime64[us, UTC]")
        rows.skip(np.ones(rows.n, dtype=bool), "io.skip_no_time")
    cols: dict[str, object] = {
        "platform": "youtube",
        "account": None,
        "post_id": post_id,
        "published_at": published,
        "post_type": "video",
        "text": rows.text("text"),
        "permalink": "https://www.youtube.com/watch?v=" + post_id,
    }
    for metric in _INT:
        cols[metric] = rows.number(metric)
    watch = rows.number("watch_time_h", integer=False)
    if watch is not None:
        cols["watch_time_s"], _ = to_int(watch * 3600)
    avg = rows.raw("avg_view_s")
    if avg is not None:
        cols["avg_view_s"] = durations(avg)
    cols["ctr_pct"] = rows.number("ctr_pct", integer=False)
    cols["avg_view_pct"] = rows.number("avg_view_pct", integer=False)
    cols["stayed_pct"] = rows.number("stayed_pct", integer=False)  # Shorts: kept watching
    dur = rows.raw("duration_s")
    if dur is not None:
        cols["duration_s"], _ = to_int(durations(dur))
    table = rows.table(cols)
    table["account"] = text_na(table.index)
    return rows_result(
        cand, rows, table, reader_notes(rows, notes), platform="youtube", needs_account=True
    )


POSTS = Format(
    name="youtube.posts",
    family="youtube",
    kind="posts",
    required=("post_id",),
    read=read_posts,
    hints=("table data", "youtube"),
    label="YouTube Studio",
)


def read_daily(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    mapping = cand.mapping
    grid = mapped_grid(src, cand, lang, ("date", "post_id"))
    notes = _drop_total_rows(src, grid, cand, lang) if mapping.has("post_id") else []
    rows = Rows(grid, mapping, cand.spec.header, lang)
    raw = rows.raw("date")
    day = parse_days(raw.astype("str"), _DAY_FORMATS)
    rows.skip_unreadable("date", raw, day, missing="io.skip_no_date", bad="io.skip_bad_date")
    names = [k for k in mapping.fields if k not in ("date", "post_id")]
    post_id = _ids(rows) if mapping.has("post_id") else None
    extra = {"post_id": post_id} if post_id is not None else None
    return daily_result(
        cand, rows, day, names, notes, platform="youtube", prefix_by=post_id, extra=extra
    )


DAILY = Format(
    name="youtube.daily",
    family="youtube",
    kind="daily",
    required=("date",),
    read=read_daily,
    needs_metric=True,
    hints=("chart data", "totals", "youtube"),
    label="YouTube Studio",
)


# --------------------------------------------------------------------------- geography


def read_geography(src: Source, cand: Candidate, opts: Options) -> Result:
    """YouTube Studio "Table data" by Geography: each country's share of the views."""
    lang = opts.lang
    grid = mapped_grid(src, cand, lang, ("country",))
    notes = _drop_total_rows(src, grid, cand, lang, key="country")
    rows = Rows(grid, cand.mapping, cand.spec.header, lang)
    # raw cells: "NA" is Namibia here, not a missing-value marker
    country = rows.raw("country").astype("str").str.strip().replace("", pd.NA)
    rows.skip(country.isna(), "io.skip_no_id")
    metric = next((m for m in ("views", "watch_time_h") if cand.mapping.has(m)), None)
    if metric is None:
        values = pd.Series(np.nan, index=country.index, dtype="Float64")
        rows.skip(np.ones(rows.n, dtype=bool), "io.skip_no_views")
    else:
        values = rows.number(metric, integer=False).astype("Float64")
        rows.skip(values.isna(), "io.skip_no_views")
    total = float(values[rows.keep].sum()) if rows.keep.any() else 0.0
    share = values / total if total > 0 else values
    as_of, how = anchor_day(src.path, opts)
    notes.append(t("io.note_youtube_geography", lang, metric=rows.header_of(metric or "views")))
    notes.append(t("io.note_as_of", lang, day=str(as_of.date()), how=t(how, lang)))
    table = rows.table(
        {
            "platform": "youtube",
            "account": None,
            "as_of": as_of,
            "dimension": "country",
            "segment": country,
            "value": share,
            "unit": "share",
        }
    )
    table["account"] = text_na(table.index)
    return rows_result(
        cand,
        rows,
        table,
        reader_notes(rows, notes),
        platform="youtube",
        needs_account=True,
        export_day=as_of,
        anchor=how,
    )


GEOGRAPHY = Format(
    name="youtube.geography",
    family="youtube",
    kind="audience",
    required=("country",),
    read=read_geography,
    label="YouTube Studio",
)


def read_not_kept(src: Source, cand: Candidate, opts: Options) -> Result:
    """YouTube Studio tables humaskit keeps no table for (traffic sources, devices...)."""
    raise UnsupportedFile(
        t("io.youtube_not_kept", opts.lang, file=src.name, column=cand.spec.header[0])
    )


NOT_KEPT = Format(
    name="youtube.not_kept",
    family="youtube",
    kind="other",
    required=("breakdown",),
    read=read_not_kept,
    label="YouTube Studio",
)
