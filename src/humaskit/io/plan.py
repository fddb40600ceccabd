"""A content plan in and out of Excel (xlsx) and calendars (iCalendar .ics).

- :func:`write_plan_xlsx` writes a formatted workbook: a summary sheet, then one sheet per
  platform with headers in the chosen language, dates as real dates, drop-down lists for
  format, tone, status and QC result, and every text cell neutralised
  (:mod:`humaskit.io.safe`).
- :func:`read_plan_xlsx` reads the workbook back after the team edited it. The same plan
  comes back (round trip); a deleted column, a date written as free text or a value
  outside the allowed lists stops with one sentence naming the file, sheet, row and column.
- :func:`write_ics` writes one event per planned post that Google Calendar and Outlook
  open: UID, DTSTAMP, DTSTART with a time zone (TZID), SUMMARY, DESCRIPTION.
  :func:`read_ics` reads the events back.

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit import planning
>>> plan = planning.draft_plan("2025-10", targets={"instagram": 4, "x": 3})
>>> path = write_plan_xlsx(plan, pathlib.Path(tempfile.mkdtemp()) / "rencana.xlsx")
>>> back = read_plan_xlsx(path)
>>> back.equals(plan)
True
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..errors import DamagedFile, DataNotFound, SchemaError, UnsupportedFile
from ..i18n import LANGUAGES, label, resolve, t
from ..files.safe import _DANGEROUS, neutralize

__all__ = [
    "write_plan_xlsx",
    "read_plan_xlsx",
    "write_ics",
    "read_ics",
    "read_plan_inputs",
    "PlanInputs",
    "PLAN_COLUMNS",
]

#: Column order of the platform sheets (people edit from left to right).
PLAN_COLUMNS = (
    "plan_id",
    "date",
    "platform",
    "format",
    "category",
    "tone",
    "title",
    "idea",
    "caption",
    "alt_text",
    "public",
    "momentum",
    "fixed_date",
    "reserve",
    "pic",
    "status",
    "qc_status",
    "qc_reasons",
    "account",
    "scheduled_at",
)
_SUMMARY_NAMES = {"ringkasan", "summary"}
_BOOL = ("fixed_date", "reserve")
_TRUE = {"true", "ya", "yes", "1", "benar", "y"}
_FALSE = {"false", "tidak", "no", "0", "salah", "n"}
_DATE_TEXT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?\s*$")
_DMY_TEXT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _plan(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    from ..planning import _finish

    if not isinstance(plan, pd.DataFrame):
        raise SchemaError(t("schema.not_a_table", lang, table="plan", got=type(plan).__name__))
    return _finish(plan)


def _columns(plan: pd.DataFrame) -> list[str]:
    first = [c for c in PLAN_COLUMNS if c in plan.columns]
    return first + [c for c in plan.columns if c not in first]


def _header(col: str, lang: str) -> str:
    return label(col, lang)


def _sheet_name(platform: str, lang: str) -> str:
    name = label(platform, lang)
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return name[:31]


def _to_local(s: pd.Series, tz: str) -> pd.Series:
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.dt.tz_convert(tz).dt.tz_localize(None)
    return s


def _write_sheets(sheets: dict[str, pd.DataFrame], path: str | Path, finish: Any = None) -> Path:
    """Write neutralised tables to sheets with a styled header and readable widths.

    ``finish(book)`` may format the workbook further before it is saved (one save only).
    """
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, df in sheets.items():
            neutralize(df).to_excel(writer, sheet_name=name, index=False)
            ws = writer.sheets[name]
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDEBF7")
            for i, col in enumerate(df.columns, start=1):
                lengths = df[col].dropna().astype("str").head(200).str.len()
                longest = int(lengths.max()) if len(lengths) else 0
                width = min(60, max(10, len(str(col)) + 2, longest + 2))
                ws.column_dimensions[get_column_letter(i)].width = width
        if finish is not None:
            finish(writer.book)
    return path


def write_plan_xlsx(
    plan: pd.DataFrame,
    path: str | Path,
    *,
    tz: str = "Asia/Jakarta",
    lang: str | None = None,
) -> Path:
    """Write a plan to a formatted xlsx: a summary sheet and one sheet per platform.

    Parameters
    ----------
    plan : DataFrame
        A plan (see :func:`humaskit.planning.draft_plan`).
    path : str or Path
        The workbook to write; folders are created.
    tz : str
        Time zone in which ``scheduled_at`` is shown (WIB ``Asia/Jakarta``, WITA
        ``Asia/Makassar``, WIT ``Asia/Jayapura``); use the same in :func:`read_plan_xlsx`.
    lang : {"id", "en"}, optional
        Language of sheet names and headers (either is read back).

    Returns
    -------
    Path
    """
    from ..planning import summarize

    lang = resolve(lang)
    p = _plan(plan, lang)
    cols = _columns(p)
    summary = summarize(p, lang=lang)
    summary["platform"] = [label(v, lang) for v in summary["platform"]]
    summary.columns = [label(c, lang) for c in summary.columns]
    sheets: dict[str, pd.DataFrame] = {t("planxlsx.summary_sheet", lang): summary}
    platforms = [x for x in schema.PLATFORMS if x in set(p["platform"])] or ["instagram"]
    for platform in platforms:
        part = p.loc[p["platform"] == platform, cols].copy()
        part["scheduled_at"] = _to_local(part["scheduled_at"], tz)
        part.columns = [_header(c, lang) for c in cols]
        sheets[_sheet_name(platform, lang)] = part

    def finish(wb: Any) -> None:
        from openpyxl.styles import Alignment
        from openpyxl.worksheet.datavalidation import DataValidation

        from ..planning import STATUSES, TONES

        ws0 = wb[t("planxlsx.summary_sheet", lang)]
        start = ws0.max_row + 2
        notes = [
            t("planxlsx.note_edit", lang),
            t("planxlsx.note_columns", lang),
            t("planxlsx.note_tz", lang, tz=tz),
            t(
                "planxlsx.note_period",
                lang,
                first=f"{p['date'].min():%Y-%m-%d}" if len(p) else "-",
                last=f"{p['date'].max():%Y-%m-%d}" if len(p) else "-",
            ),
        ]
        for i, line in enumerate(notes):
            ws0.cell(row=start + i, column=1, value=line)
        lists = {
            "format": schema.POST_TYPES,
            "tone": TONES,
            "status": STATUSES,
            "qc_status": ("ok", "perlu_revisi"),
        }
        for platform in platforms:
            ws = wb[_sheet_name(platform, lang)]
            n = ws.max_row
            for j, col in enumerate(cols, start=1):
                letter = ws.cell(row=1, column=j).column_letter
                if col in ("date",):
                    for (cell,) in ws.iter_rows(min_row=2, max_row=n, min_col=j, max_col=j):
                        cell.number_format = "yyyy-mm-dd"
                if col == "scheduled_at":
                    for (cell,) in ws.iter_rows(min_row=2, max_row=n, min_col=j, max_col=j):
                        cell.number_format = "yyyy-mm-dd hh:mm"
                if col in ("idea", "caption", "qc_reasons", "title"):
                    ws.column_dimensions[letter].width = 45 if col != "title" else 32
                    for (cell,) in ws.iter_rows(min_row=2, max_row=n, min_col=j, max_col=j):
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                if col in lists:
                    dv = DataValidation(
                        type="list",
                        formula1='"' + ",".join(lists[col]) + '"',
                        allow_blank=True,
                        showErrorMessage=True,
                    )
                    dv.error = t("planxlsx.pick_from_list", lang)
                    ws.add_data_validation(dv)
                    dv.add(f"{letter}2:{letter}{max(n, 2) + 200}")

    return _write_sheets(sheets, path, finish)


# ---------------------------------------------------------------------------------------
# Reading an edited workbook back
# ---------------------------------------------------------------------------------------


def _header_map() -> dict[str, str]:
    """Every way a header may be written (code, Indonesian, English) -> column."""
    from ..planning import EXTRA_COLUMNS

    out: dict[str, str] = {}
    for col in list(schema.columns("plan")) + list(EXTRA_COLUMNS):
        out[col.lower()] = col
        for lg in LANGUAGES:
            out[label(col, lg).strip().lower()] = col
    return out


def _value_map(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        out[v.lower()] = v
        for lg in LANGUAGES:
            out[label(v, lg).strip().lower()] = v
    return out


def _unneutralize(value: Any) -> Any:
    if (
        isinstance(value, str)
        and len(value) > 1
        and value[0] == "'"
        and value[1] in "".join(_DANGEROUS)
    ):
        return value[1:]
    return value


def _blank(v: Any) -> bool:
    return (
        v is None
        or (isinstance(v, str) and not v.strip())
        or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v))
    )


def _read_date(v: Any) -> pd.Timestamp | None:
    if isinstance(v, dt.datetime):
        return pd.Timestamp(v).normalize()
    if isinstance(v, dt.date):
        return pd.Timestamp(v)
    text = str(v).strip()
    if m := _DATE_TEXT.match(text):
        y, mo, d = (int(x) for x in m.groups())
    elif m := _DMY_TEXT.match(text):
        d, mo, y = (int(x) for x in m.groups())
    else:
        from ..calendar import parse_day

        parsed = parse_day(text)
        if parsed is None or parsed[0] is None:
            return None
        y, mo, d = parsed
    try:
        return pd.Timestamp(dt.date(y, mo, d))
    except ValueError:
        return None


def _read_datetime(v: Any, tz: str) -> pd.Timestamp | None:
    if isinstance(v, dt.datetime):
        ts = pd.Timestamp(v)
    else:
        try:
            ts = pd.Timestamp(str(v).strip())
        except (ValueError, TypeError):
            return None
        if ts is pd.NaT:
            return None
    if ts.tzinfo is None:
        ts = ts.tz_localize(tz)
    return ts.tz_convert("UTC")


def read_plan_xlsx(
    path: str | Path,
    *,
    tz: str = "Asia/Jakarta",
    lang: str | None = None,
) -> pd.DataFrame:
    """Read a plan workbook (written by :func:`write_plan_xlsx`, then edited) back.

    Every sheet except the summary is read; empty rows are skipped; a row added without a
    platform takes the platform of its sheet. Headers may be in Indonesian, English or the
    column codes; values of format, tone, status and QC result may be codes or labels.

    Parameters
    ----------
    path : str or Path
        The workbook.
    tz : str
        Time zone of the ``scheduled_at`` times in the workbook.
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    DataFrame
        The plan, like :func:`humaskit.planning.draft_plan` returns it (sorted by date and
        platform).

    Raises
    ------
    DataNotFound
        The file does not exist.
    UnsupportedFile, DamagedFile
        Not an xlsx workbook, or one that cannot be opened.
    SchemaError
        A deleted column, a free-text date, a value outside the allowed lists: naming the
        file, the sheet, the row and the column.
    """
    from openpyxl import load_workbook

    from ..planning import STATUSES, TONES

    lang = resolve(lang)
    path = Path(path).expanduser()
    if not path.exists():
        raise DataNotFound(t("planxlsx.not_found", lang, file=str(path)))
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UnsupportedFile(t("planxlsx.not_xlsx", lang, file=path.name))
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile/openpyxl raise many kinds on a broken file
        raise DamagedFile(t("planxlsx.damaged", lang, file=path.name, error=exc)) from None
    headers = _header_map()
    platforms = _value_map(schema.PLATFORMS)
    formats = _value_map(schema.POST_TYPES)
    tones = _value_map(TONES)
    statuses = _value_map(STATUSES)
    qcs = _value_map(("ok", "perlu_revisi"))
    from ..planning import default_mix

    categories = _value_map(tuple(default_mix()))
    sheet_names = [s for s in wb.sheetnames if s.strip().lower() not in _SUMMARY_NAMES]
    ours = len(sheet_names) < len(wb.sheetnames)
    required = list(PLAN_COLUMNS) if ours else [c.name for c in schema.TABLES["plan"] if c.required]
    records: list[dict[str, Any]] = []
    try:
        for sheet in sheet_names:
            ws = wb[sheet]
            rows = ws.iter_rows(values_only=True)
            head = next(rows, None)
            if head is None or all(_blank(h) for h in head):
                continue
            cols: list[str | None] = []
            for h in head:
                if _blank(h):
                    cols.append(None)
                    continue
                key = str(_unneutralize(h)).strip()
                cols.append(headers.get(key.lower(), key))
            missing = [c for c in required if c not in cols]
            if missing:
                raise SchemaError(
                    t(
                        "planxlsx.missing_column",
                        lang,
                        file=path.name,
                        sheet=sheet,
                        column=_header(missing[0], lang),
                        code=missing[0],
                    )
                )
            sheet_platform = platforms.get(sheet.strip().lower())
            for rownum, values in enumerate(rows, start=2):
                cells = dict(zip(cols, values, strict=False))
                cells.pop(None, None)
                if all(_blank(v) for v in cells.values()):
                    continue
                rec: dict[str, Any] = {}

                def fail(
                    col: str,
                    value: Any,
                    key: str,
                    rownum: int = rownum,
                    sheet: str = sheet,
                    **extra: Any,
                ) -> SchemaError:
                    return SchemaError(
                        t(
                            key,
                            lang,
                            file=path.name,
                            sheet=sheet,
                            row=rownum,
                            column=_header(col, lang),
                            value="" if _blank(value) else value,
                            **extra,
                        )
                    )

                for col, v in cells.items():
                    v = _unneutralize(v)
                    if col == "date":
                        if _blank(v):
                            raise fail(col, v, "planxlsx.empty_date")
                        d = _read_date(v)
                        if d is None:
                            raise fail(col, v, "planxlsx.bad_date")
                        rec[col] = d
                    elif col == "scheduled_at":
                        if _blank(v):
                            rec[col] = pd.NaT
                            continue
                        ts = _read_datetime(v, tz)
                        if ts is None:
                            raise fail(col, v, "planxlsx.bad_datetime")
                        rec[col] = ts
                    elif col in _BOOL:
                        if _blank(v):
                            rec[col] = pd.NA
                        elif isinstance(v, bool):
                            rec[col] = v
                        elif str(v).strip().lower() in _TRUE:
                            rec[col] = True
                        elif str(v).strip().lower() in _FALSE:
                            rec[col] = False
                        else:
                            raise fail(col, v, "planxlsx.bad_bool")
                    elif col in ("platform", "format", "tone", "status", "qc_status"):
                        allowed = {
                            "platform": platforms,
                            "format": formats,
                            "tone": tones,
                            "status": statuses,
                            "qc_status": qcs,
                        }[col]
                        if _blank(v):
                            rec[col] = sheet_platform if col == "platform" else pd.NA
                            if col == "platform" and sheet_platform is None:
                                raise fail(col, v, "planxlsx.empty_platform")
                            continue
                        code = allowed.get(str(v).strip().lower())
                        if code is None:
                            raise fail(
                                col,
                                v,
                                "planxlsx.bad_value",
                                allowed=", ".join(dict.fromkeys(allowed.values())),
                            )
                        rec[col] = code
                    elif col == "category":
                        if _blank(v):
                            rec[col] = pd.NA
                        else:
                            rec[col] = categories.get(str(v).strip().lower(), str(v).strip())
                    else:
                        if _blank(v):
                            rec[col] = pd.NA
                        elif isinstance(v, float) and v.is_integer():
                            rec[col] = str(int(v))
                        elif isinstance(v, (dt.datetime, dt.date)):
                            rec[col] = (
                                str(pd.Timestamp(v).date())
                                if isinstance(v, dt.date) and not isinstance(v, dt.datetime)
                                else str(v)
                            )
                        else:
                            rec[col] = str(v)
                records.append(rec)
    finally:
        wb.close()
    if not records:
        from ..planning import _finish

        return _finish(schema.empty("plan"))
    df = pd.DataFrame(records)
    if "scheduled_at" in df.columns:
        df["scheduled_at"] = pd.to_datetime(df["scheduled_at"], utc=True)
    return _plan(df, lang)


# ---------------------------------------------------------------------------------------
# iCalendar
# ---------------------------------------------------------------------------------------


def _uid(row: pd.Series, i: int) -> str:
    pid = row.get("plan_id")
    if isinstance(pid, str) and pid:
        return f"{pid}@humaskit"
    key = f"{row['date']:%Y-%m-%d}|{row['platform']}|{row.get('title')}|{i}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, 'humaskit:' + key)}@humaskit"


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
    included), SUMMARY ``[Platform] title`` and a DESCRIPTION with category, format, tone,
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
        ev.add("summary", f"[{label(row['platform'], lang)}] {title}".strip())
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


# ---------------------------------------------------------------------------------------
# The files a monthly plan starts from
# ---------------------------------------------------------------------------------------


@dataclass
class PlanInputs:
    """The publics and anniversaries a team gives a monthly plan (files already checked)."""

    publics: pd.DataFrame | None
    anniversaries: pd.DataFrame | None


def read_plan_inputs(
    publics: str | Path | None = None,
    anniversaries: str | Path | None = None,
    *,
    lang: str | None = None,
) -> PlanInputs:
    """Read the publics file and the anniversaries file of a monthly plan.

    An empty name (``""``/``None``) means: the default publics of a city government
    (:func:`humaskit.audience.publics`) and no anniversaries.

    Examples
    --------
    >>> inputs = read_plan_inputs("", "")
    >>> "ASN" in set(inputs.publics["public"]), inputs.anniversaries is None
    (True, True)
    """
    from ..audience import publics as default_publics
    from .calendar_files import read_anniversaries
    from .publics import read_publics

    lang = resolve(lang)
    pub = (
        read_publics(Path(publics), lang=lang)
        if publics not in (None, "")
        else default_publics(lang=lang)
    )
    ann = read_anniversaries(anniversaries, lang=lang) if anniversaries not in (None, "") else None
    return PlanInputs(publics=pub, anniversaries=ann)
