"""Meta Business Suite exports (Facebook and Instagram), and older Facebook Insights files.

Readers:

- **posts** (``meta.posts``): the post export CSV (UTF-8 with BOM), current columns
  (Views, Reach, Reactions, Saves...) and older ones (Impressions, Plays...), optional
  columns that come and go; old Facebook Insights post exports (xlsx with a description
  row under the header, or ".xls" files that are SpreadsheetML XML) read the same way.
  ``Publish time`` is US Pacific wall-clock time and is converted to UTC (see
  :mod:`humaskit.io.times`). The platform comes from the permalinks (or the headers).
- **daily** (``meta.daily``): one series per file (UTF-16, ``sep=,``, a title line such as
  ``"Facebook follows"``, then ``Date,Primary``). The title names the metric.
- **audience** (``meta.audience``): several blocks separated by blank lines, each with a
  title and its own layout (age x gender table, top cities, top countries...). Each value
  cell is one row of the file for the accounting. Shares are stored as fractions (0-1,
  unit ``share``); a block of plain numbers that do not add up to about 100 is counts
  (unit ``count``). Age x gender segments are written ``"<age>|<gender>"`` (``"18-24|female"``;
  genders ``female``, ``male``, ``other``, ``unknown``). The follower total block is not an
  audience share: its row is skipped with the reason and the number is kept in the notes.
  The ``as_of`` day is ``export_date=``, else the day in the file name, else the file's
  date.

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit.io import read_export
>>> p = pathlib.Path(tempfile.mkdtemp()) / "posts.csv"
>>> _ = p.write_text('"Post ID","Account username","Publish time","Permalink","Post type",'
...     'Date,Views,Reach,Likes\\n1,pemkot,"11/02/2025 01:30",'
...     'https://www.instagram.com/p/x/,"IG reel",Lifetime,"1,234",900,50\\n',
...     encoding="utf-8-sig")
>>> imp = read_export(p)
>>> imp.platform, str(imp.table.loc[0, "published_at"]), int(imp.table.loc[0, "views"])
('instagram', '2025-11-02 08:30:00+00:00', 1234)
"""

from __future__ import annotations

import re

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
    read_rows,
    reader_notes,
    rows_result,
    text_na,
)
from .files import Source, TableSpec
from .lookup import lookup, map_headers, normalize, value_map
from .numbers import map_unique, normalized, parse, to_int
from .times import META_TZ, local_to_utc, parse_datetimes, parse_days

__all__ = ["POSTS", "DAILY", "AUDIENCE"]

POST_TEXT_FIELDS = (
    "post_id",
    "text",
    "published_at",
    "post_type",
    "permalink",
    "account",
    "account_name",
)
POST_INT_METRICS = (
    "views",
    "impressions",
    "reach",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "video_views",
    "duration_s",
    "follows",
    "profile_visits",
    "link_clicks",
    "engagements",
)
_TIME_FORMATS_MDY = (
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
)
_TIME_FORMATS_DMY = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %I:%M %p")
_TIME_FORMATS_ISO = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S%z",
)
_FB_HEADERS = {"page id", "page name", "id halaman", "nama halaman", "post message", "posted"}
_IG_HEADERS = {
    "account id",
    "account username",
    "id akun",
    "nama pengguna akun",
    "account name",
    "nama akun",
}


# --------------------------------------------------------------------------- posts


def _publish_times(raw: pd.Series, tz: str) -> pd.Series:
    """Meta publish times -> UTC; month-first unless the column proves day-first."""
    text = raw.astype("str")
    naive = parse_datetimes(text, _TIME_FORMATS_MDY + _TIME_FORMATS_ISO)
    failed = naive.isna() & text.notna()
    if failed.any():
        dmy = parse_datetimes(text, _TIME_FORMATS_DMY + _TIME_FORMATS_ISO)
        if dmy.notna().sum() > naive.notna().sum():
            naive = dmy
    return local_to_utc(naive, tz)


def _description_row(spec: TableSpec, mapping) -> bool:
    """True when the record under the header explains the columns (old Insights exports)."""
    below = spec.below
    if not below:
        return False
    pid = mapping.fields.get("post_id", [None])[0]
    when = mapping.fields.get("published_at", [None])[0]
    cell = below[pid].strip() if pid is not None and pid < len(below) else ""
    time_cell = below[when].strip() if when is not None and when < len(below) else ""
    id_like = bool(re.fullmatch(r"[\d_]+", cell))
    time_like = bool(re.match(r"\d", time_cell))
    wordy = sum(1 for c in below if len(c.strip()) > 25)
    return not id_like and not time_like and (wordy >= 1 or not cell)


def _resolve_duplicates(spec: TableSpec, mapping) -> list[str]:
    """Use the description row to tell apart duplicate headers (old Insights xlsx)."""
    notes = []
    if not mapping.duplicates:
        return notes
    below = spec.below or []
    words = ("like", "comment", "share")
    header = spec.header
    for dup in mapping.duplicates:
        positions = [i for i, h in enumerate(header) if normalize(h) == normalize(dup)]
        for pos in positions:
            desc = normalize(below[pos]) if pos < len(below) else ""
            found = [w for w in words if re.search(rf"\b{w}", desc)]
            name = None
            if len(found) == 1:
                name = lookup(f"{dup} - {found[0]}", "meta", "posts")
            if name and name != "-":
                for k in list(mapping.fields):
                    mapping.fields[k] = [p for p in mapping.fields[k] if p != pos]
                    if not mapping.fields[k]:
                        del mapping.fields[k]
                mapping.fields.setdefault(name, []).insert(0, pos)
        notes.append(dup)
    return notes


def _platform_of(rows: Rows, header: list[str]) -> str | None:
    link = rows.raw("permalink")
    if link is not None and link.notna().any():
        low = link.dropna().head(2000).astype("str").str.lower()
        ig = int(low.str.contains("instagram.com", regex=False).sum())
        fb = int(low.str.contains(r"facebook\.com|fb\.com|fb\.watch", regex=True).sum())
        if ig or fb:
            return "instagram" if ig > fb else "facebook"
    ptype = rows.raw("post_type")
    if ptype is not None and ptype.notna().any():
        if normalized(ptype.dropna().head(2000)).str.startswith("ig ").mean() > 0.5:
            return "instagram"
    heads = {normalize(h) for h in header}
    if heads & _IG_HEADERS:
        return "instagram"
    if heads & _FB_HEADERS:
        return "facebook"
    return None


def read_posts(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    spec, mapping = cand.spec, cand.mapping
    notes: list[str] = []
    dups = _resolve_duplicates(spec, mapping)
    skip_below = 1 if _description_row(spec, mapping) else 0
    if skip_below:
        notes.append(t("io.note_description_row", lang))
    if dups:
        notes.append(t("io.note_duplicate_headers", lang, headers=", ".join(dups)))
    rows = read_rows(src, cand, lang, POST_TEXT_FIELDS, skip_below=skip_below)
    platform = opts.platform if opts.platform in ("facebook", "instagram") else None
    platform = platform or _platform_of(rows, spec.header)

    tz = opts.tz or META_TZ
    known = value_map("post_type", platform or "meta")

    def ids():
        raw = rows.raw("post_id")
        unique = bool(pd.api.types.is_integer_dtype(raw.dtype) and not raw.duplicated().any())
        out = rows.text("post_id")
        rows.release("post_id")
        return out, unique

    def text():
        out = rows.text("text", strip=False)
        rows.release("text")
        return out

    def times():
        raw = rows.raw("published_at")
        return raw, _publish_times(raw, tz)

    def accounts():
        account, name = rows.text("account"), rows.text("account_name")
        if account is None:
            return name
        return account if name is None else account.fillna(name)

    def post_types():
        ptype = rows.text("post_type")
        if ptype is None:
            return None
        return map_unique(ptype, lambda v: known.get(normalize(v), v))

    def metrics():
        out = {}
        for m in POST_INT_METRICS:
            out[m] = rows.number(m)
            rows.release(m)
        watch = rows.number("watch_time_s", integer=False)
        out["watch_time_s"] = None if watch is None else to_int(watch)[0]
        out["avg_view_s"] = rows.number("avg_view_s", integer=False)
        rows.release("watch_time_s", "avg_view_s")
        return out

    done = rows.compute(
        {
            "ids": ids,
            "times": times,
            "account": accounts,
            "post_type": post_types,
            "text": text,
            "permalink": lambda: rows.text("permalink", strip=False),
            "metrics": metrics,
        }
    )
    post_id, unique_ids = done["ids"]
    raw_time, published = done["times"]
    rows.skip(post_id.isna(), "io.skip_no_id")
    rows.skip_unreadable(
        "published_at", raw_time, published, missing="io.skip_no_time", bad="io.skip_bad_time"
    )
    notes.append(t("io.note_meta_tz", lang, tz=tz))
    cols: dict[str, object] = {
        "platform": platform,
        "account": done["account"],
        "post_id": post_id,
        "published_at": published,
        "post_type": done["post_type"],
        "text": done["text"],
        "permalink": done["permalink"],
        **done["metrics"],
    }
    table = rows.table(cols)
    notes = reader_notes(rows, notes)
    if rows.grid.blank:
        notes.append(t("io.note_blank_rows", lang, n=rows.grid.blank))
    return rows_result(
        cand,
        rows,
        table,
        notes,
        platform=platform,
        needs_account="account" not in table or bool(table["account"].isna().any()),
        unique_ids=unique_ids,
    )


POSTS = Format(
    name="meta.posts",
    family="meta",
    kind="posts",
    required=("post_id", "published_at"),
    read=read_posts,
    label="Meta Business Suite",
)


# --------------------------------------------------------------------------- daily


def _title_platform(title: str) -> str | None:
    low = title.lower()
    if "instagram" in low:
        return "instagram"
    if "facebook" in low:
        return "facebook"
    return None


def sniff_daily(src: Source, spec: TableSpec) -> Candidate | None:
    if not spec.title:
        return None
    metric = lookup(spec.title, "meta", "daily")
    mapping = map_headers(spec.header, "meta", "daily")
    if not mapping.has("date"):
        return None
    missing = [] if mapping.has("value") else ["value"]
    if metric in (None, "-", "date", "value"):
        missing.append("metric")
        mapping.unmapped.insert(0, spec.title)
    score = 2.0 + mapping.known / max(len(spec.header), 1)
    return Candidate(DAILY, spec, mapping, score, missing)


def read_daily(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    spec = cand.spec
    metric = lookup(spec.title or "", "meta", "daily")
    rows = read_rows(src, cand, lang, ("date",))
    raw = rows.raw("date")
    day = parse_days(raw.astype("str"))
    rows.skip_unreadable("date", raw, day, missing="io.skip_no_date", bad="io.skip_bad_date")
    value = rows.number("value", integer=False)
    platform = opts.platform if opts.platform in ("facebook", "instagram") else None
    platform = platform or _title_platform(spec.title or "")
    table = rows.table(
        {"platform": platform, "account": None, "date": day, "metric": metric, "value": value}
    )
    table["account"] = text_na(table.index)
    return rows_result(
        cand, rows, table, reader_notes(rows, []), platform=platform, needs_account=True
    )


DAILY = Format(
    name="meta.daily",
    family="meta",
    kind="daily",
    required=("date", "value", "metric"),
    read=read_daily,
    sniff=sniff_daily,
    label="Meta Business Suite",
)


# --------------------------------------------------------------------------- audience

_AGE = re.compile(r"^\s*(\d{1,2}\s*[-–]\s*\d{1,2}|\d{1,2}\s*\+|<\s*\d{1,2})\s*$")


def _blocks(records: list[list[str]]) -> list[list[tuple[int, list[str]]]]:
    """Split records into blocks at empty records; keep row numbers (1-based)."""
    blocks: list[list[tuple[int, list[str]]]] = []
    current: list[tuple[int, list[str]]] = []
    for i, rec in enumerate(records):
        cells = [str(c or "").strip() for c in rec]
        while cells and not cells[-1]:
            cells.pop()
        if i == 0 and len(cells) == 1 and cells[0].lower().startswith("sep="):
            continue
        if not any(cells):
            if current:
                blocks.append(current)
            current = []
            continue
        current.append((i + 1, cells))
    if current:
        blocks.append(current)
    return blocks


def sniff_audience(src: Source, spec: TableSpec) -> Candidate | None:
    if src.container != "text" or not src.complete:
        return None
    blocks = _blocks(src.head)
    known = 0
    for block in blocks:
        if len(block) >= 2 and len(block[0][1]) == 1:
            header = block[1][1]
            if header and lookup(header[0], "meta", "audience") not in (None, "-", "value"):
                known += 1
    if known == 0:
        return None
    mapping = map_headers([], "meta", "audience")
    return Candidate(AUDIENCE, spec, mapping, 3.0 + known, [])


def _segment_values(cells: list[str]) -> list[str | None]:
    genders = value_map("gender")
    return [genders.get(normalize(c)) for c in cells]


def read_audience(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    blocks = _blocks(src.records())
    out_rows: list[dict] = []
    row_numbers: list[int] = []
    skipped: list[tuple[int, str]] = []
    notes: list[str] = []
    platform = opts.platform if opts.platform in ("facebook", "instagram") else None
    as_of, how = anchor_day(src.path, opts)
    notes.append(t("io.note_as_of", lang, day=str(as_of.date()), how=t(how, lang)))
    raw_values: list[str] = []
    for block in blocks:
        title = block[0][1][0] if len(block[0][1]) == 1 else ""
        body = block[1:] if title else block
        platform = platform or _title_platform(title)
        if not body:
            continue
        header_row, header = body[0]
        data = body[1:]
        first = lookup(header[0], "meta", "audience") if header else None
        rest = header[1:]
        genders = _segment_values(rest)
        ages_in_header = [bool(_AGE.match(c)) for c in rest]
        if first == "age" and rest and all(g is not None for g in genders):
            for rowno, cells in data:
                age = cells[0] if cells else ""
                for j, g in enumerate(genders, start=1):
                    cell = cells[j] if j < len(cells) else ""
                    out_rows.append({"dimension": "age_gender", "segment": f"{age}|{g}"})
                    raw_values.append(cell)
                    row_numbers.append(rowno)
        elif (
            rest
            and all(ages_in_header)
            and (first == "gender" or not header[0].strip() or first is None)
        ):
            for rowno, cells in data:
                g = _segment_values(cells[:1])[0] or normalize(cells[0] if cells else "")
                for j, age in enumerate(rest, start=1):
                    cell = cells[j] if j < len(cells) else ""
                    out_rows.append({"dimension": "age_gender", "segment": f"{age}|{g}"})
                    raw_values.append(cell)
                    row_numbers.append(rowno)
        elif first in ("age", "gender", "city", "country", "region") and len(rest) >= 1:
            for rowno, cells in data:
                seg = cells[0] if cells else ""
                if first == "gender":
                    seg = _segment_values([seg])[0] or normalize(seg)
                out_rows.append({"dimension": first, "segment": seg})
                raw_values.append(cells[1] if len(cells) > 1 else "")
                row_numbers.append(rowno)
        elif len(header) == 1 and len(data) == 1 and len(data[0][1]) == 1:
            rowno, cells = data[0]
            notes.append(t("io.note_follower_total", lang, title=title, value=cells[0]))
            skipped.append((rowno, t("io.skip_total_block", lang, title=title)))
        else:
            for rowno, cells in data:
                for _ in range(max(len(cells) - 1, 1)):
                    skipped.append(
                        (rowno, t("io.skip_unknown_block", lang, title=title or header_row))
                    )
    frame = pd.DataFrame(out_rows, columns=["dimension", "segment"])
    values = pd.Series(raw_values, dtype="str")
    parsed = parse(values, integer=False, language="en")
    numbers = parsed.values.astype("Float64")
    rows_arr = np.asarray(row_numbers, dtype="int64")
    bad = (parsed.bad | parsed.values.isna()).to_numpy(dtype=bool)
    keep = ~bad
    for rowno, cell in zip(rows_arr[bad], values[bad], strict=True):
        skipped.append((int(rowno), t("io.skip_bad_value", lang, value=cell)))
    frame = frame.loc[keep].reset_index(drop=True)
    numbers = numbers[keep].reset_index(drop=True)
    pct = parsed.percent[keep].reset_index(drop=True)
    unit = pd.Series("share", index=frame.index, dtype="str")
    value = numbers.copy()
    # percent strings -> fractions; plain numbers: a block summing to ~100 is percent too
    for dim in frame["dimension"].unique() if len(frame) else []:
        m = (frame["dimension"] == dim).to_numpy()
        total = float(numbers[m].sum())
        if pct[m].any() or 1.5 < total <= 101.0:
            value[m] = numbers[m] / 100.0
        elif total > 101.0:
            unit[m] = "count"
    table = pd.DataFrame(
        {
            "platform": platform,
            "account": text_na(frame.index),
            "as_of": as_of,
            "dimension": frame["dimension"],
            "segment": frame["segment"],
            "value": value,
            "unit": unit,
        }
    )
    if not len(table) and not skipped:
        raise UnsupportedFile(t("io.empty_table", lang, file=src.name))
    return Result(
        platform=platform,
        kind="audience",
        table=table,
        rows_in_file=len(table) + len(skipped),
        skipped=sorted(skipped),
        source="meta.audience",
        notes=notes,
        needs_account=True,
        rows=rows_arr[keep],
        export_day=as_of,
        anchor=how,
    )


AUDIENCE = Format(
    name="meta.audience",
    family="meta",
    kind="audience",
    required=(),
    read=read_audience,
    sniff=sniff_audience,
    label="Meta Business Suite",
)
