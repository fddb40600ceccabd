"""A content plan as an iCalendar file (``.ics``) that Google Calendar and Outlook open.

- :func:`write_ics` writes one event per planned post: UID, DTSTAMP, DTSTART with a time
  zone (TZID), SUMMARY, DESCRIPTION.
- :func:`read_ics` reads the events back.

Both are also reachable as ``humaskit.files.plan.write_ics`` / ``read_ics``.

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit import planning
>>> plan = planning.draft_plan("2025-10", targets={"x": 2})
>>> len(read_ics(write_ics(plan, pathlib.Path(tempfile.mkdtemp()) / "rencana.ics")))
2
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DamagedFile, DataNotFound, SchemaError
from ..i18n import label, resolve, t
from ..planning import finish_plan

__all__ = ["write_ics", "read_ics"]


def _plan(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    if not isinstance(plan, pd.DataFrame):
        raise SchemaError(t("schema.not_a_table", lang, table="plan", got=type(plan).__name__))
    return finish_plan(plan)


def _uid(row: pd.Series, i: int) -> str:
    pid = row.get("plan_id")
    if isinstance(pid, str) and pid:
        return f"{pid}@humaskit"
    key = f"{row['date']:%Y-%m-%d}|{row['platform']}|{row.get('title')}|{i}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, 'humaskit:' + key)}@humaskit"


def _summary(row: pd.Series, title: str, lang: str) -> str:
    """``[Instagram @pemkotsukamaju] title``: the account tells two accounts' posts apart."""
    where = label(row["platform"], lang)
    account = row.get("account")
    if isinstance(account, str) and account.strip():
        where += f" @{account.strip().lstrip('@')}"
    return f"[{where}] {title}".strip()


def write_ics(
    plan: pd.DataFrame,
    path: str | Path,
    *,
    tz: str = "Asia/Jakarta",
    default_time: str | None = "09:00",
    minutes: int = 30,
    name: str | None = None,
    stamp: dt.datetime | None = None,
    lang: str | None = None,
) -> Path:
    """Write a plan as an iCalendar file that Google Calendar and Outlook import.

    One event per planned post: UID (from ``plan_id``, stable, so importing an updated
    file updates the events), DTSTAMP, DTSTART/DTEND with a time zone (a VTIMEZONE is
    included), SUMMARY ``[Platform @account] title`` (the account when the plan names
    one, so two accounts' posts at the same time can be told apart) and a DESCRIPTION with category, format, tone,
    public, PIC, status, idea and caption.

    Parameters
    ----------
    tz : str
        Time zone of the events (WIB ``Asia/Jakarta``, WITA ``Asia/Makassar``, WIT
        ``Asia/Jayapura``).
    default_time : str or None
        ``"HH:MM"`` for posts without ``scheduled_at``; ``None`` writes them as all-day
        events.
    minutes : int
        Length of each event.
    name : str, optional
        Calendar name shown by the calendar app.
    stamp : datetime, optional
        DTSTAMP (default: now, UTC).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from humaskit import planning
    >>> plan = planning.draft_plan("2025-10", targets={"x": 3})
    >>> path = write_ics(plan, pathlib.Path(tempfile.mkdtemp()) / "rencana.ics")
    >>> len(read_ics(path))
    3
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    import icalendar

    from ..errors import ParameterError

    lang = resolve(lang)
    p = _plan(plan, lang)
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ParameterError(t("planxlsx.bad_tz", lang, value=tz)) from None
    at = None
    if default_time is not None:
        m = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", str(default_time))
        if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            raise ParameterError(t("planxlsx.bad_time", lang, value=default_time))
        at = dt.time(int(m.group(1)), int(m.group(2)))
    stamp = stamp or dt.datetime.now(dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//humaskit//rencana konten//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or t("planxlsx.calendar_name", lang))
    cal.add("x-wr-timezone", tz)
    fields = ("category", "format", "tone", "public", "momentum", "pic", "status", "qc_status")
    for i, (_, row) in enumerate(p.iterrows()):
        ev = icalendar.Event()
        ev.add("uid", _uid(row, i))
        ev.add("dtstamp", stamp)
        sched = row.get("scheduled_at")
        if isinstance(sched, pd.Timestamp) and not pd.isna(sched):
            start = sched.tz_convert(tz).to_pydatetime().replace(tzinfo=zone)
            ev.add("dtstart", start)
            ev.add("dtend", start + dt.timedelta(minutes=minutes))
        elif at is not None:
            start = dt.datetime.combine(row["date"].date(), at, tzinfo=zone)
            ev.add("dtstart", start)
            ev.add("dtend", start + dt.timedelta(minutes=minutes))
        else:
            ev.add("dtstart", row["date"].date())
            ev.add("dtend", row["date"].date() + dt.timedelta(days=1))
        title = row["title"] if isinstance(row["title"], str) else ""
        ev.add("summary", _summary(row, title, lang))
        lines = []
        for f in fields:
            v = row.get(f)
            if isinstance(v, str) and v:
                shown = (
                    label(v, lang)
                    if f in ("category", "format", "tone", "status", "qc_status")
                    else v
                )
                lines.append(f"{label(f, lang)}: {shown}")
        for f in ("idea", "caption", "qc_reasons"):
            v = row.get(f)
            if isinstance(v, str) and v:
                lines.append(f"{label(f, lang)}:\n{v}")
        ev.add("description", "\n".join(lines))
        if isinstance(row.get("category"), str):
            ev.add("categories", [label(row["category"], lang)])
        cal.add_component(ev)
    cal.add_missing_timezones()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cal.to_ical())
    return path


def read_ics(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read the events of an iCalendar file: ``uid``, ``start``, ``end``, ``all_day``,
    ``summary``, ``description`` (times in UTC; all-day events at midnight UTC)."""
    import icalendar

    lang = resolve(lang)
    path = Path(path).expanduser()
    if not path.exists():
        raise DataNotFound(t("planxlsx.not_found", lang, file=str(path)))
    try:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
    except ValueError as exc:
        raise DamagedFile(t("planxlsx.damaged", lang, file=path.name, error=exc)) from None
    rows = []
    for ev in cal.walk("VEVENT"):

        def when(key: str, ev: Any = ev) -> tuple[pd.Timestamp | None, bool]:
            prop = ev.get(key)
            if prop is None:
                return None, False
            v = prop.dt
            if isinstance(v, dt.datetime):
                ts = pd.Timestamp(v)
                return (ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC"), False)
            return pd.Timestamp(v).tz_localize("UTC"), True

        start, all_day = when("dtstart")
        end, _ = when("dtend")
        rows.append(
            {
                "uid": str(ev.get("uid", "")),
                "start": start,
                "end": end,
                "all_day": all_day,
                "summary": str(ev.get("summary", "")),
                "description": str(ev.get("description", "")),
            }
        )
    out = pd.DataFrame(rows, columns=["uid", "start", "end", "all_day", "summary", "description"])
    for c in ("start", "end"):
        out[c] = pd.to_datetime(out[c], utc=True)
    for c in ("uid", "summary", "description"):
        out[c] = out[c].astype("str")
    out["all_day"] = out["all_day"].astype(bool)
    return out
