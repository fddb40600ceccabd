"""Meta Business Suite block files: daily series and audience (Facebook and Instagram).

Both are UTF-16 files with a ``sep=,`` line and blocks separated by blank lines, each
block opened by a one-cell title. Layouts vary by vintage and UI language; what is read:

- **daily** (``meta.daily``): one or more blocks ``title / Date,<value> / day,value...``
  (``"Facebook Page reach"`` then ``"Instagram reach"`` in one file; ``"Alcance do
  Instagram"``; ``"Visualizações"``). The **title** names the metric (any language of
  ``data/io/titles.csv``) and the platform when it says Facebook or Instagram; the value
  column's header is not trusted (old files write ``Facebook Page likes`` under page
  visits). Days Meta left out (it omits days with 0 in some series) are noted, not made up.
- **audience** (``meta.audience``): blocks in any order and vintage: age x gender tables
  (genders across or down), top cities / countries / regions written long (one name and
  value per line) or wide (a line of names, then a line of values), the follower total
  (raw-key line such as ``IG_ACCOUNT,FOLLOW,UNIQUE_USERS`` then a number; kept in the notes,
  not an audience share), and empty blocks. Shares are stored as fractions (0-1, unit
  ``share``): percent strings (``"23,9%"``) and plain numbers adding up to about 100 are
  divided by 100; other plain numbers are counts (unit ``count``). Age x gender segments
  are ``"<age>|<gender>"`` (``"18-24|female"``). The ``as_of`` day is ``export_date=``,
  else the day in the file name, else the file's date.

Rows in the file are the lines a spreadsheet shows with data (titles, headers and blank
lines are not); a line holding several values (an age row, a wide line of city values)
is one row.

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit.io import read_export
>>> p = pathlib.Path(tempfile.mkdtemp()) / "Alcance.csv"
>>> text = 'sep=,\\n"Alcance do Instagram"\\n"Data","Primary"\\n"2024-01-01T00:00:00","5"\\n'
>>> _ = p.write_bytes(text.encode("utf-16"))
>>> imp = read_export(p, account="humas")
>>> imp.platform, imp.table["metric"].tolist(), imp.rows_in_file
('instagram', ['reach'], 1)
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import UnsupportedFile
from ..i18n import t
from .base import Candidate, Format, Options, Result, anchor_day, text_na
from .files import Source, TableSpec
from .lookup import Mapping, lookup, map_headers, metric_of_title, normalize, value_map
from .numbers import parse
from .times import parse_days

__all__ = ["DAILY", "AUDIENCE", "blocks", "title_platform"]

_ISO_DAY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")
_AGE = re.compile(r"^\s*(\d{1,2}\s*[-–]\s*\d{1,2}|\d{1,2}\s*\+|<\s*\d{1,2})\s*$")
_RAW_KEY = re.compile(r"^(FB_PAGE|IG_ACCOUNT|PAGE|IG_USER)[A-Z_]*(,[A-Z_]+)+$")
_NUMBER = re.compile(r"^\s*-?[\d.,\s]*\d[\d.,\s]*%?\s*$")

Block = list[tuple[int, list[str]]]


def blocks(records: list[list[str]]) -> list[Block]:
    """Split records into blocks at empty records; keep row numbers (1-based)."""
    out: list[Block] = []
    current: Block = []
    for i, rec in enumerate(records):
        cells = [str(c or "").strip() for c in rec]
        while cells and not cells[-1]:
            cells.pop()
        if i == 0 and len(cells) == 1 and cells[0].lower().startswith("sep="):
            continue
        if not any(cells):
            if current:
                out.append(current)
            current = []
            continue
        current.append((i + 1, cells))
    if current:
        out.append(current)
    return out


def title_platform(title: str) -> str | None:
    """``instagram``/``facebook`` when a title or raw key names the platform."""
    low = title.lower()
    if "instagram" in low or low.startswith("ig_"):
        return "instagram"
    if "facebook" in low or low.startswith("fb_"):
        return "facebook"
    return None


def _is_number(cell: str) -> bool:
    return bool(cell) and bool(_NUMBER.match(cell))


def _split_title(block: Block) -> tuple[str, Block]:
    """The block's title (a one-cell line that is not a number) and its body."""
    first = block[0][1]
    if len(first) == 1 and not _is_number(first[0]) and not _RAW_KEY.match(first[0]):
        return first[0], block[1:]
    return "", block


# --------------------------------------------------------------------------- daily


def _series_blocks(records: list[list[str]]) -> list[tuple[str, list[str], Block]]:
    """(title, header, data rows) of every block that is a day-by-day series."""
    out = []
    for block in blocks(records):
        title, body = _split_title(block)
        if len(body) < 1 or len(body[0][1]) < 2:
            continue
        header, data = body[0][1], body[1:]
        date_head = lookup(header[0], "meta", "daily") == "date"
        dated = bool(data) and bool(_ISO_DAY.match(data[0][1][0] if data[0][1] else ""))
        if date_head or dated:
            out.append((title, header, data))
    return out


def sniff_daily(src: Source, spec: TableSpec) -> Candidate | None:
    if not spec.title or src.container != "text" or len(spec.header) < 2:
        return None
    below = (spec.below or [""])[0]
    if lookup(spec.header[0], "meta", "daily") != "date" and not _ISO_DAY.match(below or ""):
        return None
    if len([h for h in spec.header if h]) > 2:
        return None
    mapping = Mapping(fields={"date": [0], "value": [1]}, language=None)
    mapping.language = map_headers(spec.header, "meta", "daily").language
    return Candidate(DAILY, spec, mapping, 2.0, [])


def _slug(title: str) -> str:
    words = re.sub(r"[^\w]+", "_", normalize(title)).strip("_")
    return words or "value"


def read_daily(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    wanted = opts.platform if opts.platform in ("facebook", "instagram") else None
    frames, numbers, skipped, notes = [], [], [], []
    platforms: set[str | None] = set()
    for title, header, data in _series_blocks(src.records()):
        metric = metric_of_title(title) if title else None
        if metric is None:
            metric = _slug(title or header[1])
            notes.append(t("io.note_daily_unknown_title", lang, title=title, metric=metric))
        head_metric = metric_of_title(header[1])
        if head_metric not in (None, metric) and normalize(header[1]) != normalize(title):
            notes.append(t("io.note_daily_header_differs", lang, header=header[1], title=title))
        platform = wanted or title_platform(title)
        platforms.add(platform)
        rownos = np.array([r for r, _ in data], dtype="int64")
        days_raw = pd.Series([c[0] if c else "" for _, c in data], dtype="str")
        vals_raw = pd.Series([c[1] if len(c) > 1 else "" for _, c in data], dtype="str")
        day = parse_days(days_raw.where(days_raw != ""))
        bad = day.isna().to_numpy()
        for r, cell in zip(rownos[bad], days_raw[bad], strict=True):
            why = "io.skip_no_date" if not cell else "io.skip_bad_date"
            skipped.append((int(r), t(why, lang, column=header[0])))
        parsed = parse(vals_raw, integer=False, language="en")
        if parsed.bad.any():
            notes.append(
                t("io.note_bad_numbers", lang, column=title, n=int(parsed.bad.sum()), rows="")
            )
        ok = ~bad
        kept_days = day[ok]
        if len(kept_days) > 1:
            span = int((kept_days.max() - kept_days.min()).days) + 1
            gaps = span - int(kept_days.nunique())
            if gaps > 0:
                notes.append(t("io.note_daily_gaps", lang, title=title, n=gaps))
        frames.append(
            pd.DataFrame(
                {
                    "platform": pd.Series(platform, index=range(int(ok.sum())), dtype="str"),
                    "date": kept_days.reset_index(drop=True),
                    "metric": metric,
                    "value": parsed.values.astype("Float64")[ok].reset_index(drop=True),
                }
            )
        )
        numbers.append(rownos[ok])
    if not frames:
        raise UnsupportedFile(t("io.empty_table", lang, file=src.name))
    table = pd.concat(frames, ignore_index=True)
    table.insert(1, "account", text_na(table.index))
    rows = np.concatenate(numbers)
    platform = platforms.pop() if len(platforms) == 1 else None
    return Result(
        platform=platform,
        kind="daily",
        table=table,
        rows_in_file=len(table) + len(skipped),
        skipped=sorted(skipped),
        source="meta.daily",
        notes=notes,
        needs_account=True,
        rows=rows,
    )


DAILY = Format(
    name="meta.daily",
    family="meta",
    kind="daily",
    required=("date", "value"),
    read=read_daily,
    sniff=sniff_daily,
    label="Meta Business Suite",
)


# --------------------------------------------------------------------------- audience


def _dimension(title: str, first_header: str) -> str | None:
    """city / country / region / age_gender from a block's title or first header."""
    hit = lookup(first_header, "meta", "audience") if first_header else None
    if hit in ("city", "country", "region"):
        return hit
    return metric_of_title(title, group="audience") if title else None


def _genders(cells: list[str]) -> list[str | None]:
    known = value_map("gender")
    return [known.get(normalize(c)) for c in cells]


def _layout(title: str, body: Block) -> tuple[str, Block, list]:
    """How a block is laid out: ``(layout, data rows, info)``.

    Layouts: ``total`` (raw key + number), ``age_gender`` (info: genders across),
    ``gender_age`` (info: ages across), ``long`` (info: dimension), ``wide`` (info:
    dimension and the names), ``empty`` and ``unknown``.
    """
    if not body:
        return "empty", [], []
    head = body[0][1]
    if len(head) == 1 and _RAW_KEY.match(head[0]):
        return "total", body[1:], [head[0]]
    if all(len(c) == 1 and _is_number(c[0]) for _, c in body):
        return "total", body, []
    rest = head[1:]
    genders = _genders(rest)
    if rest and all(g is not None for g in genders):
        return "age_gender", body[1:], genders
    if rest and all(_AGE.match(c) for c in rest):
        return "gender_age", body[1:], rest
    dim = _dimension(title, head[0])
    if len(body) >= 2 and all(_is_number(c) for c in body[1][1]) and len(body[1][1]) > 1:
        if not all(_is_number(c) for c in head):
            return "wide", body[1:], [dim, head]
    if len(head) == 2 and not _is_number(head[1]) and dim:
        return "long", body[1:], [dim]
    if dim and all(len(c) == 2 and _is_number(c[1]) for _, c in body):
        return "long", body, [dim]
    return "unknown", body, []


def sniff_audience(src: Source, spec: TableSpec) -> Candidate | None:
    if src.container != "text" or not src.complete:
        return None
    known = 0
    for block in blocks(src.head):
        title, body = _split_title(block)
        layout, _, info = _layout(title, body)
        if layout in ("age_gender", "gender_age") or (layout in ("wide", "long") and info[0]):
            known += 1
    if known == 0:
        return None
    return Candidate(AUDIENCE, spec, map_headers([], "meta", "audience"), 3.0 + known, [])


def read_audience(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    segments: list[tuple[str, str, str | None]] = []  # dimension, segment, block platform
    raw_values: list[str] = []
    row_numbers: list[int] = []
    block_of: list[int] = []
    skipped: list[tuple[int, str]] = []
    notes: list[str] = []
    wanted = opts.platform if opts.platform in ("facebook", "instagram") else None
    as_of, how = anchor_day(src.path, opts)
    notes.append(t("io.note_as_of", lang, day=str(as_of.date()), how=t(how, lang)))
    seen_platforms: set[str] = set()

    def add(dim: str, seg: str, cell: str, rowno: int, plat: str | None, b: int) -> None:
        segments.append((dim, seg, plat))
        raw_values.append(cell)
        row_numbers.append(rowno)
        block_of.append(b)

    for b, block in enumerate(blocks(src.records())):
        title, body = _split_title(block)
        layout, data, info = _layout(title, body)
        plat = wanted or title_platform(title) or (title_platform(info[0]) if info else None)
        if plat is None and layout == "total" and info:
            plat = title_platform(info[0])
        if plat:
            seen_platforms.add(plat)
        if layout == "total":
            for rowno, cells in data:
                notes.append(
                    t("io.note_follower_total", lang, title=title or info[0], value=cells[0])
                )
                skipped.append((rowno, t("io.skip_total_block", lang, title=title or info[0])))
        elif layout == "age_gender":
            for rowno, cells in data:
                for j, g in enumerate(info, start=1):
                    cell = cells[j] if j < len(cells) else ""
                    add("age_gender", f"{cells[0]}|{g}", cell, rowno, plat, b)
        elif layout == "gender_age":
            for rowno, cells in data:
                g = _genders(cells[:1])[0] or normalize(cells[0])
                for j, age in enumerate(info, start=1):
                    cell = cells[j] if j < len(cells) else ""
                    add("age_gender", f"{age}|{g}", cell, rowno, plat, b)
        elif layout in ("wide", "long") and info[0]:
            dim = info[0]
            for rowno, cells in data:
                if layout == "wide":
                    for name, cell in zip(info[1], cells, strict=False):
                        add(dim, name, cell, rowno, plat, b)
                else:
                    add(dim, cells[0], cells[1] if len(cells) > 1 else "", rowno, plat, b)
        else:
            for rowno, _ in data:
                skipped.append((rowno, t("io.skip_unknown_block", lang, title=title or rowno)))
    values = pd.Series(raw_values, dtype="str")
    blocks_arr = np.asarray(block_of, dtype="int64")
    numbers = pd.Series(np.nan, index=values.index, dtype="Float64")
    pct = pd.Series(False, index=values.index)
    for b in np.unique(blocks_arr):
        m = blocks_arr == b
        parsed = parse(values[m].reset_index(drop=True), integer=False, language="en")
        numbers[m] = parsed.values.astype("Float64").to_numpy()
        pct[m] = parsed.percent.to_numpy()
    rows_arr = np.asarray(row_numbers, dtype="int64")
    keep = numbers.notna().to_numpy()
    for rowno in sorted(set(rows_arr[~keep].tolist()) - set(rows_arr[keep].tolist())):
        cell = values[rows_arr == rowno].iloc[0]
        skipped.append((int(rowno), t("io.skip_bad_value", lang, value=cell)))
    frame = pd.DataFrame(segments, columns=["dimension", "segment", "platform"])
    frame = frame.loc[keep].reset_index(drop=True)
    value = numbers[keep].reset_index(drop=True)
    pct = pct[keep].reset_index(drop=True)
    kept_blocks = blocks_arr[keep]
    unit = pd.Series("share", index=frame.index, dtype="str")
    for b in np.unique(kept_blocks):
        m = kept_blocks == b
        total = float(value[m].sum())
        if pct[m].any() or 1.5 < total <= 101.0:
            value[m] = value[m] / 100.0
        elif total > 101.0:
            unit[m] = "count"
    table = pd.DataFrame(
        {
            "platform": frame["platform"].astype("str"),
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
    kept_rows = rows_arr[keep]
    platforms = set(table["platform"].dropna()) or seen_platforms
    return Result(
        platform=platforms.pop()
        if len(platforms) == 1 and table["platform"].notna().all()
        else None,
        kind="audience",
        table=table,
        rows_in_file=len(set(kept_rows.tolist())) + len(skipped),
        skipped=sorted(skipped),
        source="meta.audience",
        notes=notes,
        needs_account=True,
        rows=kept_rows,
        export_day=as_of,
        anchor=how,
        wide=True,
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
