"""The momentum calendar: the days a government account posts about.

:func:`momentum` gathers, for one or more years, the national public holidays (also the
ones that move every year: Idul Fitri, Idul Adha, Isra Mikraj, Nyepi, Waisak, Imlek...),
the joint leave days (cuti bersama), the national commemoration days (Hari Kartini, Hari
Pahlawan, Hari Anti Korupsi Sedunia...), awareness days that matter to public services,
regional days (hari jadi provinsi/kota) and the institution's own anniversaries.

Public holidays and cuti bersama come from the maintained `holidays
<https://pypi.org/project/holidays/>`_ package, which follows the yearly joint decree of
three ministers (SKB 3 Menteri); nothing about them is hard-coded here. Fixed-date
commemoration and awareness days are data files a team can extend:
``humaskit/data/calendar/days.csv`` and ``regional.csv``. A team's own days (HUT instansi,
hari jadi kabupaten...) come as a table (:func:`check_anniversaries`) or a CSV/xlsx file
(:func:`humaskit.files.calendar.read_anniversaries`).

Layer: core (it imports only :mod:`humaskit.i18n`, :mod:`humaskit.paths` and
:mod:`humaskit.errors`); steps such as :mod:`humaskit.planning` use it, and the team's
files of days are read by :mod:`humaskit.files.calendar`.

Examples
--------
>>> from humaskit import calendar
>>> days = calendar.momentum(2026, months=3, kinds=["national_holiday"], lang="id")
>>> for day in days.itertuples():
...     print(f"{day.date:%Y-%m-%d} {day.name}")
2026-03-19 Hari Suci Nyepi
2026-03-21 Hari Raya Idul Fitri
2026-03-22 Hari kedua dari Hari Raya Idul Fitri
"""

from __future__ import annotations

import calendar as _stdcal
import csv
import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from .errors import ParameterError, SchemaError
from .i18n import resolve, t
from .paths import package_file, read_json_cache, write_json_cache

__all__ = [
    "KINDS",
    "momentum",
    "check_anniversaries",
    "parse_day",
    "year_range",
    "regions",
    "month_name",
    "display_table",
    "day_gaps",
]

#: Kinds of day, in the order they are listed on one date.
KINDS = (
    "national_holiday",
    "joint_holiday",
    "anniversary",
    "regional",
    "commemoration",
    "awareness",
)
_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
#: Words teams write in the ``kind`` column of their own file, mapped to a kind.
_KIND_ALIASES = {
    "hari_jadi": "anniversary",
    "hari jadi": "anniversary",
    "hut": "anniversary",
    "ulang_tahun": "anniversary",
    "daerah": "regional",
    "regional_day": "regional",
    "peringatan": "commemoration",
    "hari_nasional": "commemoration",
    "hari nasional": "commemoration",
    "kepedulian": "awareness",
    "internasional": "awareness",
    "libur": "national_holiday",
    "libur_nasional": "national_holiday",
    "libur nasional": "national_holiday",
    "holiday": "national_holiday",
    "cuti_bersama": "joint_holiday",
    "cuti bersama": "joint_holiday",
}
#: Column names accepted in an anniversaries table (Indonesian headers included).
_COLUMN_ALIASES = {
    "date": "date",
    "tanggal": "date",
    "tgl": "date",
    "month": "month",
    "bulan": "month",
    "day": "day",
    "hari": "day",
    "tanggal_bulan": "day",
    "name": "name",
    "nama": "name",
    "name_id": "name_id",
    "nama_id": "name_id",
    "name_en": "name_en",
    "nama_en": "name_en",
    "kind": "kind",
    "jenis": "kind",
    "region": "region",
    "wilayah": "region",
    "daerah": "region",
    "since": "since",
    "sejak": "since",
    "tahun_berdiri": "since",
    "priority": "priority",
    "prioritas": "priority",
    "note": "note",
    "keterangan": "note",
    "catatan": "note",
}
_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            "januari februari maret april mei juni juli agustus september oktober november "
            "desember".split(),
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            "january february march april may june july august september october november "
            "december".split(),
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate("jan feb mar apr mei jun jul agu sep okt nov des".split(), start=1)
    },
    **dict(may=5, aug=8, agt=8, ags=8, oct=10, dec=12, sept=9, nop=11, pebruari=2, nopember=11),
}


# ---------------------------------------------------------------------------------------
# Package data
# ---------------------------------------------------------------------------------------


def _read_data_csv(*parts: str) -> list[dict[str, str]]:
    """Read a package CSV whose first lines are ``#`` comments."""
    with open(package_file(*parts), encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@lru_cache(maxsize=1)
def _days() -> tuple[dict[str, str], ...]:
    return tuple(_read_data_csv("calendar", "days.csv"))


@lru_cache(maxsize=1)
def _regional() -> tuple[dict[str, str], ...]:
    return tuple(_read_data_csv("calendar", "regional.csv"))


def regions() -> list[str]:
    """Return the regions that have built-in regional days (``regional.csv``).

    Examples
    --------
    >>> "Jawa Barat" in regions()
    True
    """
    return sorted({r["region"] for r in _regional()})


def year_range() -> tuple[int, int]:
    """Return the first and last year the holidays data covers.

    Examples
    --------
    >>> first, last = year_range()
    >>> first <= 2026 <= last
    True
    """
    cached = _stored("range")
    if cached is not None:
        return int(cached[0]), int(cached[1])
    import holidays

    cls = holidays.country_holidays("ID").__class__
    first, last = int(cls.start_year), int(cls.end_year)
    _store("range", [first, last])
    return first, last


# holidays imports every country's module (0.3 s in a report): its answers are kept on disk.
_HOLIDAY_CACHE: dict[str, Any] = {}


def _stored(key: str) -> Any:
    if not _HOLIDAY_CACHE:
        import hashlib
        from importlib.util import find_spec
        from pathlib import Path

        spec, name = find_spec("holidays"), None
        if spec is not None and spec.origin:
            version = Path(spec.origin).with_name("version.py")
            stamp = spec.origin + (version.read_text() if version.exists() else "")
            name = f"holidays-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}.json"
        _HOLIDAY_CACHE.update(name=name, data=read_json_cache(name) if name else {})
    return _HOLIDAY_CACHE["data"].get(key)


def _store(key: str, value: Any) -> None:
    _stored(key)
    _HOLIDAY_CACHE["data"][key] = value
    if _HOLIDAY_CACHE["name"]:
        write_json_cache(_HOLIDAY_CACHE["name"], _HOLIDAY_CACHE["data"])


# ---------------------------------------------------------------------------------------
# Dates written by people
# ---------------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DM = re.compile(r"^(\d{1,2})[-/.](\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?(?:\s+(\d{4}))?$")
_WORDS_EN = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$")


def parse_day(value: Any) -> tuple[int | None, int, int] | None:
    """Read a date written by a person: return ``(year or None, month, day)``.

    Accepts ``2025-08-17``, ``17/08/2025``, ``17-08-2025``, ``17/08`` (every year),
    ``17 Agustus 1945``, ``17 Agustus``, ``August 17`` and date objects. Returns ``None``
    when the text is not a date or the date does not exist (``2025-02-30``).

    Examples
    --------
    >>> parse_day("17 Agustus 1945"), parse_day("29/02"), parse_day("2025-02-29")
    ((1945, 8, 17), (None, 2, 29), None)
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return value.year, value.month, value.day
    text = str(value).strip()
    year = month = day = None
    if m := _ISO.match(text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DMY.match(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DM.match(text):
        day, month = int(m.group(1)), int(m.group(2))
    elif m := _WORDS.match(text):
        day, month = int(m.group(1)), _MONTHS.get(m.group(2).lower())
        year = int(m.group(3)) if m.group(3) else None
    elif m := _WORDS_EN.match(text):
        month, day = _MONTHS.get(m.group(1).lower()), int(m.group(2))
        year = int(m.group(3)) if m.group(3) else None
    if month is None or day is None:
        return None
    try:
        dt.date(year if year is not None else 2000, month, day)  # 2000: a leap year
    except ValueError:
        return None
    return year, month, day


def _where(source: str | None, lang: str) -> str:
    if source:
        return t("calendar.where_file", lang, file=source)
    return t("calendar.where_table", lang)


def _int_cell(value: Any) -> int | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else None
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        return int(float(text))
    return None


def _text_cell(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def check_anniversaries(
    table: pd.DataFrame,
    *,
    source: str | None = None,
    row_numbers: Sequence[Any] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Check a table of a team's own days and return it in one tidy form.

    The table needs a ``name`` (or ``name_id``/``name_en``) and either a ``date`` or a
    ``month`` and ``day``; ``kind`` (default ``anniversary``), ``region``, ``since`` (the
    founding year: names get "ke-N") and ``priority`` (1-3, default 1) are optional.
    Indonesian headers (``tanggal``, ``nama``, ``jenis``, ``bulan``, ``hari``, ``wilayah``,
    ``sejak``) work too. Every day repeats each year; the year of a ``date`` is not used.
    A 29 February falls on 28 February in other years.

    Parameters
    ----------
    table : DataFrame
        The rows to check; it is not changed.
    source : str, optional
        File name shown in error messages (set by
        :func:`humaskit.files.calendar.read_anniversaries`).
    row_numbers : sequence, optional
        Row numbers shown in error messages (default: the table's index).

    Returns
    -------
    DataFrame
        Columns ``month``, ``day``, ``name_id``, ``name_en``, ``kind``, ``region``,
        ``since``, ``priority``.

    Raises
    ------
    SchemaError
        Naming the file or table, the row and the column of the first bad value
        (an impossible date, an empty name, an unknown kind or column).

    Examples
    --------
    >>> import pandas as pd
    >>> check_anniversaries(pd.DataFrame({"tanggal": ["2025-02-30"], "nama": ["HUT"]}),
    ...                     lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.SchemaError: Anniversaries table, row 0, column tanggal: '2025-02-30' is not a real date; write it like 2025-08-17, 17/08/2025 or 17 August.
    """
    lang = resolve(lang)
    where = _where(source, lang)
    if not isinstance(table, pd.DataFrame):
        raise SchemaError(t("calendar.not_a_table", lang, got=type(table).__name__))
    original = {}
    for col in table.columns:
        key = str(col).strip().lower().replace(" ", "_")
        canon = _COLUMN_ALIASES.get(key)
        if canon is None:
            known = ", ".join(sorted({v for v in _COLUMN_ALIASES.values()}))
            raise SchemaError(
                t("calendar.unknown_column", lang, where=where, column=col, known=known)
            )
        if canon in original:
            raise SchemaError(
                t("calendar.duplicate_column", lang, where=where, column=col, other=original[canon])
            )
        original[canon] = col
    has_date = "date" in original
    if not has_date and not ("month" in original and "day" in original):
        raise SchemaError(t("calendar.no_date_column", lang, where=where))
    if not ({"name", "name_id", "name_en"} & set(original)):
        raise SchemaError(t("calendar.no_name_column", lang, where=where))
    rows = list(row_numbers) if row_numbers is not None else list(table.index)
    if len(rows) != len(table):
        raise ParameterError("row_numbers must have one entry per row of the table.")

    def col(c: str) -> list[Any]:
        return list(table[original[c]]) if c in original else [None] * len(table)

    out: list[dict[str, Any]] = []
    dates, months, days_ = col("date"), col("month"), col("day")
    names, names_id, names_en = col("name"), col("name_id"), col("name_en")
    kinds, regions_, since, prio = col("kind"), col("region"), col("since"), col("priority")
    for i, row in enumerate(rows):

        def fail(key: str, column: str, value: Any, row: Any = row, **extra: Any) -> SchemaError:
            return SchemaError(
                t(
                    key,
                    lang,
                    where=where,
                    row=row,
                    column=original.get(column, column),
                    value=_text_cell(value),
                    **extra,
                )
            )

        name = _text_cell(names[i])
        n_id = _text_cell(names_id[i]) or name
        n_en = _text_cell(names_en[i]) or name or n_id
        n_id = n_id or n_en
        blank = not (n_id or _text_cell(dates[i]) or _text_cell(months[i]) or _text_cell(days_[i]))
        if blank:
            continue  # an empty line in a spreadsheet is not a day
        if not n_id:
            name_col = (
                "name"
                if "name" in original
                else ("name_id" if "name_id" in original else "name_en")
            )
            raise fail("calendar.empty_name", name_col, "")
        if has_date and _text_cell(dates[i]):
            parsed = parse_day(dates[i])
            if parsed is None:
                raise fail("calendar.bad_date", "date", dates[i])
            _, month, day = parsed
        else:
            if not (has_date or "month" in original):
                raise fail("calendar.empty_date", "date", "")
            if "month" not in original:
                raise fail("calendar.empty_date", "date", "")
            mtext = _text_cell(months[i])
            month = _int_cell(months[i])
            if month is None and mtext.lower() in _MONTHS:
                month = _MONTHS[mtext.lower()]
            if month is None or not 1 <= month <= 12:
                raise fail("calendar.bad_month", "month", months[i])
            day = _int_cell(days_[i])
            if day is None or not 1 <= day <= 31:
                raise fail("calendar.bad_day", "day", days_[i])
            if day > (29 if month == 2 else _stdcal.monthrange(2001, month)[1]):
                raise fail(
                    "calendar.impossible_day",
                    "day",
                    days_[i],
                    day=day,
                    month=month_name(month, lang=lang),
                )
        kind_text = _text_cell(kinds[i]).lower() or "anniversary"
        kind = _KIND_ALIASES.get(kind_text, kind_text)
        if kind not in KINDS:
            raise fail("calendar.bad_kind", "kind", kinds[i], known=", ".join(KINDS))
        year0 = None
        if _text_cell(since[i]):
            year0 = _int_cell(since[i])
            if year0 is None or not 1000 <= year0 <= 2200:
                raise fail("calendar.bad_since", "since", since[i])
        p = 1
        if _text_cell(prio[i]):
            p = _int_cell(prio[i])
            if p not in (1, 2, 3):
                raise fail("calendar.bad_priority", "priority", prio[i])
        out.append(
            {
                "month": month,
                "day": day,
                "name_id": n_id,
                "name_en": n_en,
                "kind": kind,
                "region": _text_cell(regions_[i]),
                "since": year0,
                "priority": p,
            }
        )
    result = pd.DataFrame(
        out, columns=["month", "day", "name_id", "name_en", "kind", "region", "since", "priority"]
    )
    for c in ("month", "day", "since", "priority"):
        result[c] = result[c].astype("Int64")
    for c in ("name_id", "name_en", "kind", "region"):
        result[c] = result[c].astype("str")
    return result


def month_name(month: int, *, lang: str | None = None) -> str:
    """The name of a month (1-12) in the chosen language.

    Examples
    --------
    >>> month_name(10, lang="id"), month_name(10, lang="en")
    ('Oktober', 'October')
    """
    names = t("calendar.month_names", resolve(lang)).split(",")
    return names[month - 1].strip() if len(names) == 12 else str(month)


# ---------------------------------------------------------------------------------------
# The momentum calendar
# ---------------------------------------------------------------------------------------


def _years(year: Any, lang: str) -> list[int]:
    items = [year] if isinstance(year, (int, str)) or not isinstance(year, Iterable) else year
    out = []
    for y in items:
        if isinstance(y, bool):
            raise ParameterError(t("calendar.bad_year", lang, value=y))
        try:
            yi = int(str(y).strip())
        except ValueError:
            raise ParameterError(t("calendar.bad_year", lang, value=y)) from None
        out.append(yi)
    if not out:
        raise ParameterError(t("calendar.bad_year", lang, value=year))
    first, last = year_range()
    for y in out:
        if not first <= y <= last:
            raise ParameterError(t("calendar.year_outside", lang, year=y, first=first, last=last))
    return sorted(set(out))


def _months(months: Any, lang: str) -> list[int] | None:
    if months is None:
        return None
    items = [months] if isinstance(months, (int, str)) else list(months)
    out = []
    for m in items:
        mi = _int_cell(m)
        if mi is None and isinstance(m, str) and m.strip().lower() in _MONTHS:
            mi = _MONTHS[m.strip().lower()]
        if mi is None or not 1 <= mi <= 12:
            raise ParameterError(t("calendar.bad_months", lang, value=m))
        out.append(mi)
    return sorted(set(out))


def _on(year: int, month: int, day: int) -> pd.Timestamp:
    last = _stdcal.monthrange(year, month)[1]
    return pd.Timestamp(year, month, min(day, last))


def _holiday_rows(years: list[int], lang: str) -> list[dict[str, Any]]:
    key = f"rows:{','.join(map(str, years))}:{lang}"
    cached = _stored(key)
    if isinstance(cached, list):
        return [
            {"date": pd.Timestamp(d), "name": n, "kind": k, "priority": int(p)}
            for d, n, k, p in cached
        ]
    rows = _holiday_rows_computed(years, lang)
    _store(key, [[r["date"].date().isoformat(), r["name"], r["kind"], r["priority"]] for r in rows])
    return rows


def _holiday_rows_computed(years: list[int], lang: str) -> list[dict[str, Any]]:
    import holidays

    language = "id" if lang == "id" else "en_US"
    rows = []
    for category, kind, prio in (
        ("public", "national_holiday", 1),
        ("government", "joint_holiday", 3),
    ):
        cal = holidays.country_holidays(
            "ID", years=years, language=language, categories=(category,)
        )
        for day in sorted(cal):
            # The second day of a holiday (Idul Fitri hari kedua) matters less than the first.
            p = 2 if kind == "national_holiday" and (day - dt.timedelta(days=1)) in cal else prio
            for name in cal.get_list(day):
                rows.append({"date": pd.Timestamp(day), "name": name, "kind": kind, "priority": p})
    return rows


def _match_region(wanted: list[str], value: str) -> bool:
    v = value.strip().lower()
    return bool(v) and v in wanted


def momentum(
    year: int | Iterable[int],
    *,
    anniversaries: pd.DataFrame | None = None,
    region: str | Iterable[str] | None = None,
    months: int | Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Return the days worth a post in ``year``: one row per day and name.

    Parameters
    ----------
    year : int or list of int
        The year(s); outside the holidays data (see :func:`year_range`) is an error.
    anniversaries : DataFrame, optional
        The team's own days (HUT instansi, hari jadi kabupaten, regional days): a
        ``date`` or ``month``/``day``, a ``name`` and optionally ``kind``, ``region``,
        ``since``, ``priority`` (see :func:`check_anniversaries`). A file is read with
        :func:`humaskit.files.calendar.read_anniversaries`.
    region : str or list of str, optional
        Adds the built-in regional days of these regions (``regions()``) and keeps only the
        anniversaries whose ``region`` is empty or one of them.
    months : int or list of int, optional
        Keep only these months (1-12).
    kinds : list of str, optional
        Keep only these kinds (see :data:`KINDS`).
    lang : {"id", "en"}, optional
        Language of the names.

    Returns
    -------
    DataFrame
        ``date`` (a day), ``name``, ``kind`` (national_holiday, joint_holiday, anniversary,
        regional, commemoration, awareness) and ``priority`` (1 = widely observed, 3 =
        niche), sorted by date. Islamic holidays of years the government has not fixed yet
        say "(perkiraan)"/"(estimated)" in their name.

    Raises
    ------
    ParameterError
        A year outside the holidays data, a bad month or kind, an unknown region.

    Examples
    --------
    >>> days = momentum(2027, months=3, kinds=["national_holiday"], lang="en")
    >>> days["date"].dt.strftime("%m-%d").tolist()[:3]
    ['03-08', '03-10', '03-11']
    >>> momentum(1900)
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Tahun 1900 di luar data hari libur (1946-2100); pilih tahun di antara keduanya.
    """
    lang = resolve(lang)
    years = _years(year, lang)
    month_list = _months(months, lang)
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        bad = [k for k in kinds if k not in KINDS]
        if bad:
            raise ParameterError(
                t("calendar.bad_kinds", lang, value=bad[0], known=", ".join(KINDS))
            )
    wanted: list[str] = []
    if region is not None:
        items = [region] if isinstance(region, str) else list(region)
        wanted = [str(r).strip().lower() for r in items if str(r).strip()]
    own = None
    if anniversaries is not None:
        own = check_anniversaries(anniversaries, lang=lang)
    if wanted:
        known = {r.lower(): r for r in regions()}
        if own is not None:
            known.update({str(r).lower(): str(r) for r in own["region"].dropna() if str(r)})
        missing = [w for w in wanted if w not in known]
        if missing:
            close = difflib.get_close_matches(missing[0], list(known), n=3, cutoff=0.6)
            hint = (
                ", ".join(known[c] for c in close)
                if close
                else ", ".join(sorted(known.values())[:8]) + " ..."
            )
            raise ParameterError(t("calendar.unknown_region", lang, value=missing[0], hint=hint))

    name_key = "name_id" if lang == "id" else "name_en"
    rows = _holiday_rows(years, lang)
    for y in years:
        for d in _days():
            rows.append(
                {
                    "date": _on(y, int(d["month"]), int(d["day"])),
                    "name": d[name_key],
                    "kind": d["kind"],
                    "priority": int(d.get("priority") or 2),
                }
            )
        for d in _regional():
            if _match_region(wanted, d["region"]):
                rows.append(
                    {
                        "date": _on(y, int(d["month"]), int(d["day"])),
                        "name": d[name_key],
                        "kind": "regional",
                        "priority": 1,
                    }
                )
        if own is not None:
            for rec in own.to_dict(orient="records"):
                reg = rec["region"] if isinstance(rec["region"], str) else ""
                if reg and wanted and not _match_region(wanted, reg):
                    continue
                name = rec[name_key]
                since = rec["since"]
                if since is not None and not pd.isna(since) and y > int(since):
                    name = t("calendar.nth", lang, name=name, n=y - int(since))
                rows.append(
                    {
                        "date": _on(y, int(rec["month"]), int(rec["day"])),
                        "name": name,
                        "kind": rec["kind"],
                        "priority": int(rec["priority"]),
                    }
                )
    out = pd.DataFrame(rows, columns=["date", "name", "kind", "priority"])
    if month_list is not None:
        out = out[out["date"].dt.month.isin(month_list)]
    if kinds is not None:
        out = out[out["kind"].isin(kinds)]
    out = out.drop_duplicates(["date", "name"])
    out = out.assign(_k=out["kind"].map(_KIND_ORDER))
    out = out.sort_values(["date", "_k", "priority", "name"], kind="stable").drop(columns="_k")
    out = out.reset_index(drop=True)
    out["date"] = out["date"].astype("datetime64[us]")
    out["name"] = out["name"].astype("str")
    out["kind"] = out["kind"].astype("str")
    out["priority"] = out["priority"].astype("Int64")
    return out


def display_table(days: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """The momentum table as people read it: day, name and kind in the chosen language.

    Examples
    --------
    >>> display_table(momentum(2025, months=11, kinds=["commemoration"]), lang="en").iloc[0, 0]
    'Mon 10/11/2025'
    """
    from .i18n import label

    lang = resolve(lang)
    weekdays = [w.strip() for w in t("calendar.weekdays", lang).split(",")]
    dates = pd.to_datetime(days["date"])
    out = pd.DataFrame(
        {
            label("date", lang): [f"{weekdays[d.weekday()]} {d:%d/%m/%Y}" for d in dates],
            label("name", lang): days["name"].astype("str").to_numpy(),
            label("kind", lang): [label(k, lang) for k in days["kind"].astype("str")],
        }
    )
    return out.astype("str")


def _ranges(days: list[int]) -> str:
    out: list[tuple[int, int]] = []
    for d in days:
        if out and d == out[-1][1] + 1:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in out)


def day_gaps(
    frame: pd.DataFrame, days: pd.DatetimeIndex, *, main_only: bool = False
) -> pd.DataFrame:
    """Days without a post and the longest run of them, per account and platform.

    Shared by the plan (:func:`humaskit.planning.presence`) and the monthly evaluation
    (:func:`humaskit.evaluation.presence`).

    Parameters
    ----------
    frame : DataFrame
        ``account`` (may be empty text), ``platform`` and ``date`` (naive, normalised days).
    days : DatetimeIndex
        Every day of the period, in order.
    main_only : bool, default False
        Keep one row per platform: its account with the most posts.

    Returns
    -------
    DataFrame
        ``account``, ``platform``, ``posts``, ``days``, ``days_with_post``,
        ``days_without``, ``longest_gap`` and ``empty_days`` (day numbers such as
        ``"3, 10-12"``, for periods of up to 31 days); most days without a post first,
        then by platform.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"account": "a", "platform": "x",
    ...     "date": pd.to_datetime(["2025-10-01", "2025-10-02", "2025-10-06"])})
    >>> day_gaps(f, pd.date_range("2025-10-01", "2025-10-07"))[["days_without",
    ...     "longest_gap", "empty_days"]].values.tolist()
    [[4, 3, '3-5, 7']]
    """
    cols = ["account", "platform", "posts", "days", "days_with_post", "days_without"]
    cols += ["longest_gap", "empty_days"]
    rows = []
    for (account, platform), g in frame.groupby(["account", "platform"], sort=True):
        have = set(g["date"])
        empty = [d for d in days if d not in have]
        gap = best = 0
        for d in days:
            gap = gap + 1 if d not in have else 0
            best = max(best, gap)
        rows.append(
            {
                "account": account or None,
                "platform": platform,
                "posts": len(g),
                "days": len(days),
                "days_with_post": len(have & set(days)),
                "days_without": len(empty),
                "longest_gap": best,
                "empty_days": _ranges([d.day for d in empty]) if len(days) <= 31 else None,
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    if main_only:
        out = out.sort_values(["platform", "posts"], ascending=[True, False], kind="stable")
        out = out.drop_duplicates("platform")
    return out.sort_values(
        ["days_without", "platform"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
