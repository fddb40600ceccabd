"""Bounds and sanity checks of the playbooks' parameters, named as the user typed them.

Used by :func:`humaskit.playbooks.validate` (and so by ``humaskit run`` and the Python API)
before anything is read or drawn:

- :func:`check_values`: every numeric parameter within its bounds (the table
  ``data/playbooks/limits.csv``, one row per parameter with its reason; for ``target`` and
  ``batas_harian`` each value, and each key must be a platform), no ``inf``/``nan``; every
  date parameter (``mulai``, ``sampai``, ``tanggal_audit``, ``waktu_acuan``) a real date,
  ``tanggal_audit`` and ``bulan`` between :data:`FIRST_YEAR` and two years from now, and
  ``mulai`` not after ``sampai``. A wrong ``mulai`` is reported as ``mulai``.
- :func:`check_window`: once the data is read, a window with no data at all (``mulai``
  after the data's last day, ``sampai`` before its first, ``waktu_acuan`` before its first)
  is a clear stop naming the data's first and last day, not an empty report.

Examples
--------
>>> limits()["jumlah_tokoh"]
(1.0, 100.0)
>>> check_values({"jumlah_tokoh": 1000}, lang="en")
Traceback (most recent call last):
...
humaskit.errors.ParameterError: Parameter 'jumlah_tokoh' is '1000': expected a number from 1 to 100.
>>> check_values({"mulai": "2025-02-30"}, lang="en")
Traceback (most recent call last):
...
humaskit.errors.ParameterError: Parameter 'mulai' is '2025-02-30': expected a real date written as YYYY-MM-DD.
"""

from __future__ import annotations

import csv
import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .errors import ParameterError
from .i18n import t
from .paths import package_file

__all__ = ["limits", "check_values", "check_window", "FIRST_YEAR", "DATE_PARAMS"]

#: The earliest year a date parameter may hold (before any platform the kit reads).
FIRST_YEAR = 2004
#: Date parameters and the forms they accept.
DATE_PARAMS = {
    "mulai": "YYYY-MM-DD",
    "sampai": "YYYY-MM-DD",
    "tanggal_audit": "YYYY-MM-DD",
    "waktu_acuan": "YYYY-MM-DD HH:MM",
}
_WINDOW = ("mulai", "sampai", "waktu_acuan")
_PLATFORMS = ("facebook", "instagram", "x", "youtube", "tiktok")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}[:.]\d{2}(?::\d{2})?)?$")


@lru_cache(maxsize=1)
def limits() -> dict[str, tuple[float, float]]:
    """``{parameter: (minimum, maximum)}`` from ``data/playbooks/limits.csv``."""
    path = package_file("playbooks", "limits.csv")
    with open(path, encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {r["parameter"]: (float(r["minimum"]), float(r["maximum"])) for r in rows}


def _num(x: float) -> str:
    return f"{x:g}"


def _check_number(name: str, value: Any, lo: float, hi: float, lang: str | None) -> None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    ok = ok and not math.isnan(value) and lo <= value <= hi
    if not ok:
        raise ParameterError(
            t("runs.out_of_range", lang, name=name, value=value, minimum=_num(lo), maximum=_num(hi))
        )


def _last_year() -> int:
    return date.today().year + 2


def _date(name: str, value: Any, lang: str | None) -> datetime | None:
    text = str(value).strip()
    if not text:
        return None
    form = DATE_PARAMS.get(name, "YYYY-MM-DD")
    if not _DATE_RE.match(text):
        raise ParameterError(t("runs.bad_date", lang, name=name, value=text, form=form))
    day, _, clock = text.replace("T", " ").partition(" ")
    try:
        when = datetime.strptime(day, "%Y-%m-%d")
        if clock:
            hh, mm = re.split(r"[:.]", clock)[:2]
            when = when.replace(hour=int(hh), minute=int(mm))
    except ValueError:
        raise ParameterError(t("runs.bad_date", lang, name=name, value=text, form=form)) from None
    _check_year(name, text, when.year, lang)
    return when


def _check_year(name: str, text: str, year: int, lang: str | None) -> None:
    # a window or reference time is checked against the data's days (check_window), which
    # names them; only a year no calendar can hold stops here
    first, last = (1900, 2200) if name in _WINDOW else (FIRST_YEAR, _last_year())
    if not first <= year <= last:
        raise ParameterError(
            t("runs.date_years", lang, name=name, value=text, first=first, last=last)
        )


def check_values(values: dict[str, Any], *, lang: str | None = None) -> None:
    """Check bounds, dates and platforms of ``values`` (parameter name -> coerced value).

    Raises
    ------
    ParameterError
        One sentence naming the parameter as typed (``batas_harian instagram`` for a value
        of a dict parameter) and what is allowed.
    """
    for name, (lo, hi) in limits().items():
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, dict):
            for key, item in value.items():
                if str(key).strip().lower() not in _PLATFORMS:
                    raise ParameterError(
                        t(
                            "runs.bad_platform_key",
                            lang,
                            name=name,
                            entry=key,
                            known=", ".join(_PLATFORMS),
                        )
                    )
                _check_number(f"{name} {key}", item, lo, hi, lang)
        else:
            _check_number(name, value, lo, hi, lang)
    dates = {n: _date(n, values[n], lang) for n in DATE_PARAMS if n in values}
    if dates.get("mulai") and dates.get("sampai") and dates["mulai"] > dates["sampai"]:
        raise ParameterError(
            t("runs.window_reversed", lang, start=values["mulai"], end=values["sampai"])
        )
    m = re.match(r"^(\d{4})-\d{2}$", str(values.get("bulan", "")).strip())
    if m:  # a month to plan (``periode`` is checked against the data)
        _check_year("bulan", str(values["bulan"]).strip(), int(m.group(1)), lang)


def _data_days(ws: Any):
    """First and last local day of the posts and mentions of ``ws`` (None when none)."""
    import pandas as pd

    from .evaluation import local_times

    stamps = []
    for table, col in (("posts", "published_at"), ("mentions", "created_at")):
        df = getattr(ws, table, None)
        if df is not None and len(df) and col in df:
            times = local_times(df[col]).dropna()
            if len(times):
                stamps += [times.min(), times.max()]
    if not stamps:
        return None
    days = pd.Series(stamps).dt.tz_localize(None).dt.normalize()
    return days.min(), days.max()


def check_window(values: dict[str, Any], ws: Any, *, lang: str | None = None) -> None:
    """Stop when a date window or reference time of ``values`` has no data in ``ws``.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> ws = SimpleNamespace(posts=pd.DataFrame({"published_at": pd.to_datetime(
    ...     ["2025-09-01 03:00", "2025-09-30 03:00"], utc=True)}), mentions=None)
    >>> check_window({"mulai": "2030-01-01"}, ws, lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Parameter 'mulai' is '2030-01-01': there is no data in that window; the data covers 2025-09-01 to 2025-09-30.
    """
    given = {
        n: _date(n, values[n], lang) for n in ("mulai", "sampai", "waktu_acuan") if n in values
    }
    if not any(given.values()):
        return
    span = _data_days(ws)
    if span is None:
        return  # no dated data at all: the playbook says so itself
    first, last = (d.to_pydatetime() for d in span)
    shown = {"first": first.strftime("%Y-%m-%d"), "last": last.strftime("%Y-%m-%d")}
    start, end = given.get("mulai"), given.get("sampai")
    if start is not None and start > last:
        raise ParameterError(
            t("runs.window_no_data", lang, name="mulai", value=values["mulai"], **shown)
        )
    if end is not None and end < first:
        raise ParameterError(
            t("runs.window_no_data", lang, name="sampai", value=values["sampai"], **shown)
        )
    ref = given.get("waktu_acuan")
    if ref is not None and ref < first:
        raise ParameterError(
            t("runs.before_data", lang, name="waktu_acuan", value=values["waktu_acuan"], **shown)
        )
