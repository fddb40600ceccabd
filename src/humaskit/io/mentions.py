"""Comments and mentions kept by hand or exported by a monitoring tool (CSV or XLSX).

The columns are recognised by name in English or Bahasa Indonesia (``data/io/columns.csv``,
kind ``mentions``); only a time and a text are required:

=================  ===========================================================
humaskit           also accepted (examples)
=================  ===========================================================
created_at         waktu, tanggal, waktu komentar, time, date, timestamp
text               komentar, isi, isi komentar, pesan, teks, comment, message
author             pengirim, penulis, nama pengguna, akun pengirim, username
mention_id         id, id komentar, comment id (made from the row if absent)
platform           platform, media sosial (or ``platform=``, or the folder name)
account            akun, akun instansi (or ``account=``)
kind               jenis, tipe, type: komentar/balasan/sebutan/pesan langsung
in_reply_to        membalas, id postingan, post_id
responded_at       waktu dijawab, waktu dibalas, dijawab pada, replied at
responder          dijawab oleh, penjawab, petugas, replied by
author_followers   pengikut, pengikut pengirim, followers
region             wilayah, daerah, lokasi
=================  ===========================================================

Times with a UTC offset are converted; times without one are read in ``tz`` (default
``Asia/Jakarta``, WIB). Day-first dates (``03/04/2025`` = 3 April) are the Indonesian
habit and are read that way. Handles lose a leading ``@``. A missing ``kind`` is
``comment``; a missing id is made from platform, account, time, author and text (stable
from run to run).

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit.io import read_export
>>> p = pathlib.Path(tempfile.mkdtemp()) / "komentar.csv"
>>> _ = p.write_text("platform,waktu,pengirim,komentar\\n"
...     "instagram,03/04/2025 08:15,@warga1,Jalan rusak di depan pasar\\n")
>>> imp = read_export(p, account="pemkot")
>>> str(imp.table.loc[0, "created_at"]), imp.table.loc[0, "author"]
('2025-04-03 01:15:00+00:00', 'warga1')
"""

from __future__ import annotations

import pandas as pd

from ..i18n import t
from .base import Candidate, Format, Options, Result, read_rows, reader_notes, rows_result, text_na
from .files import Source
from .lookup import value_map
from .numbers import normalized
from .times import local_to_utc, parse_datetimes

__all__ = ["MENTIONS", "parse_times", "DEFAULT_TZ"]

DEFAULT_TZ = "Asia/Jakarta"
_TEXT = (
    "platform",
    "account",
    "mention_id",
    "kind",
    "created_at",
    "author",
    "text",
    "in_reply_to",
    "to_author",
    "mentioned",
    "responded_at",
    "responder",
    "author_type",
    "author_created_at",
    "region",
)
_NAIVE = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S.%f",
)


def parse_times(raw: pd.Series, tz: str) -> pd.Series:
    """Times of a hand-kept table -> UTC (offsets honoured, else read in ``tz``).

    Examples
    --------
    >>> import pandas as pd
    >>> [str(x) for x in parse_times(pd.Series(["2025-04-03T08:15:00+07:00",
    ...      "2025-04-03 08:15"]), "Asia/Makassar")]
    ['2025-04-03 01:15:00+00:00', '2025-04-03 00:15:00+00:00']
    """
    text = raw.astype("str").str.strip()
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us, UTC]")
    has_offset = text.str.contains(r"(?:[+-]\d{2}:?\d{2}|Z)$", regex=True).fillna(False)
    if has_offset.any():
        aware = pd.to_datetime(text[has_offset], utc=True, format="ISO8601", errors="coerce")
        out.loc[aware.index] = aware.astype("datetime64[us, UTC]")
    rest = ~has_offset.astype(bool) & text.notna()
    if rest.any():
        naive = parse_datetimes(text[rest], _NAIVE)
        out.loc[naive.index] = local_to_utc(naive, tz)
    return out


def _handles(s: pd.Series | None) -> pd.Series | None:
    if s is None:
        return None
    return s.str.strip().str.lstrip("@").where(s.notna())


def read_mentions(src: Source, cand: Candidate, opts: Options) -> Result:
    lang = opts.lang
    rows = read_rows(src, cand, lang, _TEXT)
    notes: list[str] = []
    tz = opts.tz or DEFAULT_TZ
    raw_time = rows.raw("created_at")
    created = parse_times(raw_time, tz)
    rows.skip_unreadable(
        "created_at", raw_time, created, missing="io.skip_no_time", bad="io.skip_bad_time"
    )
    notes.append(t("io.note_mentions_tz", lang, tz=tz))
    text = rows.text("text")
    rows.skip(text.isna(), "io.skip_missing", column=rows.header_of("text"))

    platform = rows.text("platform")
    if platform is not None:
        platform = normalized(platform).replace(
            {"twitter": "x", "fb": "facebook", "ig": "instagram", "yt": "youtube"}
        )
        if opts.platform:
            platform = platform.fillna(opts.platform)
    else:
        platform = opts.platform
    kind = rows.text("kind")
    if kind is not None:
        kinds = value_map("mention_kind")
        kind = normalized(kind).map(kinds).fillna(normalized(kind)).astype("str")
    else:
        kind = "comment"
        notes.append(t("io.note_kind_default", lang))
    account = rows.text("account")
    author = _handles(rows.text("author"))
    mention_id = rows.text("mention_id")
    cols: dict[str, object] = {
        "platform": platform,
        "account": account,
        "mention_id": mention_id,
        "kind": kind,
        "created_at": created,
        "author": author,
        "author_followers": rows.number("author_followers"),
        "text": text,
        "in_reply_to": rows.text("in_reply_to"),
        "to_author": _handles(rows.text("to_author")),
        "mentioned": rows.text("mentioned"),
        "responder": rows.text("responder"),
        "author_type": rows.text("author_type"),
        "region": rows.text("region"),
    }
    raw_resp = rows.raw("responded_at")
    if raw_resp is not None:
        resp = parse_times(raw_resp, tz)
        bad = resp.isna() & raw_resp.notna()
        if bad.any():
            rows.note("io.note_bad_times", column=rows.header_of("responded_at"), n=int(bad.sum()))
        cols["responded_at"] = resp
    raw_ac = rows.raw("author_created_at")
    if raw_ac is not None:
        cols["author_created_at"] = parse_times(raw_ac, tz)
    table = rows.table(cols)
    if "account" not in table:
        table["account"] = text_na(table.index)
    if "mention_id" not in table or table["mention_id"].isna().any():
        made = _make_ids(table)
        if "mention_id" in table:
            table["mention_id"] = table["mention_id"].fillna(made)
        else:
            table["mention_id"] = made
        notes.append(t("io.note_made_ids", lang))
    plat = None
    if isinstance(platform, str):
        plat = platform
    elif "platform" in table and table["platform"].nunique() == 1:
        plat = str(table["platform"].iloc[0])
    return rows_result(
        cand,
        rows,
        table,
        reader_notes(rows, notes),
        platform=plat,
        needs_account=bool(table["account"].isna().any()),
    )


def _make_ids(table: pd.DataFrame) -> pd.Series:
    keys = [c for c in ("platform", "account", "created_at", "author", "text") if c in table]
    parts = table[keys].astype("str")
    h = pd.util.hash_pandas_object(parts, index=False)
    return pd.Series(["m" + format(int(v), "016x") for v in h], index=table.index, dtype="str")


MENTIONS = Format(
    name="mentions",
    family="any",
    kind="mentions",
    required=("created_at", "text"),
    read=read_mentions,
    hints=("mention", "komentar", "comment"),
    label="",
)
