"""Meta Business Suite exports (Facebook and Instagram), and older Facebook Insights files.

Readers:

- **posts** (``meta.posts``): the post export CSV (UTF-8 with BOM), current columns
  (Views, Reach, Reactions, Saves...) and older ones (Impressions, Plays...), optional
  columns that come and go; old Facebook Insights post exports (xlsx with a description
  row under the header, or ".xls" files that are SpreadsheetML XML) read the same way.
  ``Publish time`` is US Pacific wall-clock time and is converted to UTC (see
  :mod:`humaskit.io.times`). The platform comes from the permalinks (or the headers).
- **daily** and **audience** block files: see :mod:`humaskit.io.meta_series`.
- **legacy daily** (``meta.legacy_daily``): old "Facebook Insights Data Export" page-level
  workbooks, one row per day and one column per metric (``Lifetime Total Likes`` ->
  ``followers``, ``Daily Total Reach`` -> ``reach``...), read from their "Key Metrics"
  sheet like the post-level ones.

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
    unmapped_note,
)
from .chunks import ChunkState, read_chunked
from .files import Source, TableSpec
from .lookup import Mapping, lookup, map_headers, normalize, value_map
from .meta_series import AUDIENCE, DAILY
from .numbers import map_unique, normalized, to_int
from .times import META_TZ, local_to_utc, parse_datetimes, parse_days

__all__ = ["POSTS", "POSTS_BY_VALUES", "DAILY", "AUDIENCE", "LEGACY_DAILY"]

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
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S.%f",
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


def _publish_times(rows: Rows, raw: pd.Series, tz: str) -> pd.Series:
    """Meta publish times -> UTC; month-first unless the column proves day-first."""
    text = raw.astype("str")
    naive = parse_datetimes(text, _TIME_FORMATS_MDY + _TIME_FORMATS_ISO)
    failed = naive.isna() & text.notna()
    if failed.any():
        dmy = parse_datetimes(text, _TIME_FORMATS_DMY + _TIME_FORMATS_ISO)
        # day-first when more times read so; for a chunk, what the whole column decides
        if rows.against("day_first", int(dmy.notna().sum()) - int(naive.notna().sum())):
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


def _platform_of(rows: Rows, header: list[str]) -> tuple[str | None, bool]:
    """The platform from the first 2,000 links (then post types, then headers), and
    whether the rows were enough to tell it for the whole file (they were when the
    decision came from 2,000 values, or from the headers with no link or type column)."""
    link = rows.raw("permalink")
    sure = True
    if link is not None:
        given = link.dropna()
        sure = len(given) >= 2000
        if len(given):
            low = given.head(2000).astype("str").str.lower()
            ig = int(low.str.contains("instagram.com", regex=False).sum())
            fb = int(low.str.contains(r"facebook\.com|fb\.com|fb\.watch", regex=True).sum())
            if ig or fb:
                return ("instagram" if ig > fb else "facebook"), sure
    ptype = rows.raw("post_type")
    if ptype is not None:
        given = ptype.dropna()
        sure = sure and len(given) >= 2000
        if len(given):
            if normalized(given.head(2000)).str.startswith("ig ").mean() > 0.5:
                return "instagram", sure
    heads = {normalize(h) for h in header}
    if heads & _IG_HEADERS:
        return "instagram", sure
    if heads & _FB_HEADERS:
        return "facebook", sure
    return None, sure


def _posts_columns(rows: Rows, state: ChunkState, header: list[str], chosen, tz: str) -> dict:  # noqa: ANN001
    """The canonical columns of (a chunk of) a post export; the platform, taken from the
    first chunk, and the id keys go to ``state``."""
    if state.first:
        platform, sure = (chosen, True) if chosen else _platform_of(rows, header)
        state.values["platform"] = platform
        state.whole_only = not sure
    platform = state.values["platform"]
    known = value_map("post_type", platform or "meta")

    def ids():
        raw = rows.raw("post_id")
        keys = id_keys(raw)
        out = rows.text("post_id")
        rows.release("post_id")
        return out, keys

    def text():
        out = rows.text("text", strip=False)
        rows.release("text")
        return out

    def times():
        raw = rows.raw("published_at")
        return raw, _publish_times(rows, raw, tz)

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
    post_id, keys = done["ids"]
    state.add("id_keys", keys)
    raw_time, published = done["times"]
    comment = rows.text("data_comment")
    if comment is not None:  # "An error occurred while computing metadata for content..."
        said = post_id.isna() & comment.notna()
        for why in comment[said].unique():
            rows.skip(said & (comment == why), "io.skip_meta_comment", comment=str(why)[:120])
    rows.skip(post_id.isna(), "io.skip_no_id")
    rows.skip_unreadable(
        "published_at", raw_time, published, missing="io.skip_no_time", bad="io.skip_bad_time"
    )
    return {
        "platform": platform,
        "account": done["account"],
        "post_id": post_id,
        "published_at": published,
        "post_type": done["post_type"],
        "text": done["text"],
        "permalink": done["permalink"],
        **done["metrics"],
    }


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
    if cand.fmt.name == "meta.posts_by_values":
        notes.append(t("io.note_by_values", lang))
    chosen = opts.platform if opts.platform in ("facebook", "instagram") else None
    tz = opts.tz or META_TZ

    def convert(rows: Rows, state: ChunkState) -> dict:
        return _posts_columns(rows, state, spec.header, chosen, tz)

    part = read_chunked(src, cand, lang, POST_TEXT_FIELDS, convert, skip_below=skip_below)
    notes.append(t("io.note_meta_tz", lang, tz=tz))
    if part is not None:  # a big file, converted chunk by chunk
        platform = part.state.values["platform"]
        table = part.table
        notes = [*notes, *part.notes, *unmapped_note(mapping, lang)]
        if part.blank:
            notes.append(t("io.note_blank_rows", lang, n=part.blank))
        return Result(
            platform=platform,
            kind=cand.fmt.kind,
            table=table,
            rows_in_file=part.rows_in_file,
            skipped=part.skipped,
            source=cand.fmt.name,
            notes=notes,
            needs_account="account" not in table or bool(table["account"].isna().any()),
            rows=part.rows,
            unique_ids=keys_unique(part.state.lists["id_keys"]),
        )
    rows = read_rows(src, cand, lang, POST_TEXT_FIELDS, skip_below=skip_below)
    state = ChunkState()
    table = rows.table(_posts_columns(rows, state, spec.header, chosen, tz))
    platform = state.values["platform"]
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
        unique_ids=keys_unique(state.lists["id_keys"]),
    )


POSTS = Format(
    name="meta.posts",
    family="meta",
    kind="posts",
    required=("post_id", "published_at"),
    read=read_posts,
    label="Meta Business Suite",
)

_META_LINK = re.compile(r"^https?://([a-z]+\.)?(facebook\.com|fb\.watch|instagram\.com)/", re.I)
_META_ID = re.compile(r"^\d{8,}(_\d+)?$")
_META_TIME = re.compile(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}")


def sniff_posts_by_values(src: Source, spec: TableSpec) -> Candidate | None:
    """A Meta post export whose headers are in a language no vocabulary lists, recognised
    by its values: a column of Facebook/Instagram links, one of unique post ids, one of
    ``MM/DD/YYYY HH:MM`` times (and a column of known post types, if any)."""
    mapping = map_headers(spec.header, "meta", "posts")
    if mapping.has("post_id", "published_at"):
        return None
    sample = src.sample(spec)
    width = len(spec.header)
    cols = [[r[j].strip() for r in sample if j < len(r) and r[j].strip()] for j in range(width)]

    def first(rx: re.Pattern, share: float, unique: bool = False, taken=()) -> int | None:
        for j, vals in enumerate(cols):
            if j in taken or len(vals) < max(1, len(sample) // 2):
                continue
            if sum(bool(rx.match(v)) for v in vals) >= share * len(vals):
                if not unique or len(set(vals)) == len(vals):
                    return j
        return None

    link = first(_META_LINK, 0.8)
    if link is None:
        return None
    pid = first(_META_ID, 0.95, unique=True, taken=(link,))
    when = first(_META_TIME, 0.95, taken=(link, pid))
    if pid is None or when is None:
        return None
    fields = {"post_id": [pid], "published_at": [when], "permalink": [link]}
    types = value_map("post_type", "meta")
    for j, vals in enumerate(cols):
        if j not in (link, pid, when) and vals:
            if sum(normalize(v) in types for v in vals) >= 0.9 * len(vals):
                fields["post_type"] = [j]
                break
    used = {p for ps in fields.values() for p in ps}
    unmapped = [h for j, h in enumerate(spec.header) if j not in used and h]
    found = Mapping(fields=fields, unmapped=unmapped)
    return Candidate(POSTS_BY_VALUES, spec, found, 0.5, [])


POSTS_BY_VALUES = Format(
    name="meta.posts_by_values",
    family="meta",
    kind="posts",
    required=(),
    read=read_posts,
    sniff=sniff_posts_by_values,
    label="Meta Business Suite",
)


# --------------------------------------------------------------------------- legacy daily


def _legacy_description(spec: TableSpec) -> bool:
    """True when the record under the header explains the columns (old Insights exports)."""
    below = spec.below or []
    first = below[0].strip() if below else ""
    return not re.match(r"\d", first) and any(len(c.strip()) > 25 for c in below)


def read_legacy_daily(src: Source, cand: Candidate, opts: Options) -> Result:
    """Old "Facebook Insights Data Export" page-level files: one row per day, one column
    per metric (``Lifetime Total Likes``, ``Daily Total Reach``...), a description row
    under the header. Always a Facebook Page."""
    lang = opts.lang
    skip = 1 if _legacy_description(cand.spec) else 0
    notes = [t("io.note_description_row", lang)] if skip else []
    rows = read_rows(src, cand, lang, ("date",), skip_below=skip)
    raw = rows.raw("date")
    day = parse_days(raw.astype("str"))
    rows.skip_unreadable("date", raw, day, missing="io.skip_no_date", bad="io.skip_bad_date")
    names = [k for k in cand.mapping.fields if k != "date"]
    return daily_result(cand, rows, day, names, notes, platform="facebook")


LEGACY_DAILY = Format(
    name="meta.legacy_daily",
    family="meta",
    kind="daily",
    required=("date",),
    read=read_legacy_daily,
    needs_metric=True,
    label="Facebook Insights",
)
