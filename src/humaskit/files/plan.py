"""A content plan in and out of Excel (xlsx) and calendars (.ics); the month for the playbook.

- :func:`write_plan_xlsx` writes a formatted workbook: a summary sheet, then one sheet per
  platform with headers and values in the chosen language (``Foto/feed``, ``Isu terkini``,
  ``Ya``/``Tidak``: the words the report shows), dates and times as real dates, drop-down
  lists for format, tone, status and QC result, and every text cell neutralised
  (:mod:`humaskit.files.safe`).
- :func:`read_plan_xlsx` reads the workbook back after the team edited it. The same plan
  comes back (round trip); a deleted column, a date written as free text or a value
  outside the allowed lists stops with one sentence naming the file, sheet, row and column.
- :func:`write_ics` writes one event per planned post that Google Calendar and Outlook
  open: UID, DTSTAMP, DTSTART with a time zone (TZID), SUMMARY, DESCRIPTION.
  :func:`read_ics` reads the events back (both in :mod:`humaskit.files.plan_ics`).
- :func:`read_plan_inputs` reads the publics and anniversaries files of a monthly plan;
  :func:`month_plan` combines the calendar, the audience and the planning steps into a
  :class:`humaskit.planning.MonthPlan`.

Presentation layer (:mod:`humaskit.files`): it may use the steps below it.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .. import calendar, planning, schema
from ..errors import DamagedFile, DataNotFound, SchemaError, UnsupportedFile
from ..i18n import LANGUAGES, label, resolve, t
from .plan_ics import _plan, read_ics, write_ics
from .safe import _DANGEROUS

__all__ = [
    "write_plan_xlsx",
    "read_plan_xlsx",
    "write_ics",
    "read_ics",
    "read_plan_inputs",
    "PlanInputs",
    "PLAN_COLUMNS",
    "OPTIONAL_COLUMNS",
    "month_plan",
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
#: Columns every workbook has for the team to fill, but a workbook may lack: the event's
#: time (for the lag from event to post in the monthly evaluation), the published post's
#: id, and a gate override's name and reason (:func:`humaskit.planning.gate`). Read back
#: only when at least one cell is filled.
OPTIONAL_COLUMNS = ("event_at", "post_id", "override_by", "override_reason")
_TIMES = ("scheduled_at", "event_at")
_SUMMARY_NAMES = {"ringkasan", "summary"}
_BOOL = ("fixed_date", "reserve")
_TRUE = {"true", "ya", "yes", "1", "benar", "y"}
_FALSE = {"false", "tidak", "no", "0", "salah", "n"}
_DATE_TEXT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?\s*$")
_DMY_TEXT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _columns(plan: pd.DataFrame) -> list[str]:
    first = [c for c in PLAN_COLUMNS if c in plan.columns]
    rest = [c for c in plan.columns if c not in first and c not in OPTIONAL_COLUMNS]
    return first + rest + list(OPTIONAL_COLUMNS)


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


#: Columns whose codes are written as the labels the report shows ("Foto/feed").
_CODED = ("platform", "format", "category", "tone", "status", "qc_status")


def _shown(part: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Coded values as words, yes/no as Ya/Tidak (both are read back)."""
    from ..fmt import fmt_bool

    out = part.copy()
    for col in _CODED:
        if col in out.columns:
            out[col] = out[col].map(lambda v: label(v, lang) if isinstance(v, str) and v else v)
    for col in _BOOL:
        if col in out.columns:
            out[col] = out[col].map(
                lambda v: None if v is None or pd.isna(v) else fmt_bool(v, lang)
            )
    return out


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
    from ..fmt import fmt_bool, fmt_range
    from .safe import write_xlsx

    lang = resolve(lang)
    p = _plan(plan, lang)
    for col in OPTIONAL_COLUMNS:
        if col not in p.columns:
            p[col] = pd.NaT if col == "event_at" else pd.NA
    ev = pd.to_datetime(p["event_at"])
    p["event_at"] = ev.dt.tz_localize(tz) if ev.dt.tz is None else ev.dt.tz_convert("UTC")
    cols = _columns(p)
    summary = planning.summarize(p, lang=lang)
    summary["platform"] = [label(v, lang) for v in summary["platform"]]
    summary.columns = [label(c, lang) for c in summary.columns]
    summary_sheet = t("planxlsx.summary_sheet", lang)
    sheets: dict[str, pd.DataFrame] = {summary_sheet: summary}
    platforms = [x for x in schema.PLATFORMS if x in set(p["platform"])] or ["instagram"]
    for platform in platforms:
        part = p.loc[p["platform"] == platform, cols].copy()
        for col in _TIMES:
            part[col] = _to_local(part[col], tz)
        part = _shown(part, lang)
        part.columns = [_header(c, lang) for c in cols]
        sheets[_sheet_name(platform, lang)] = part
    formats = {_header("date", lang): "date"} | {_header(c, lang): "datetime" for c in _TIMES}
    formats |= {_header(c, lang): "text" for c in cols if c != "date" and c not in _TIMES}

    def finish(wb: Any, names: dict[str, str]) -> None:
        from openpyxl.styles import Alignment
        from openpyxl.worksheet.datavalidation import DataValidation

        ws0 = wb[names[summary_sheet]]
        start = ws0.max_row + 2
        period = fmt_range(p["date"].min(), p["date"].max(), lang) if len(p) else "-"
        notes = [
            t("planxlsx.note_edit", lang),
            t("planxlsx.note_columns", lang),
            t("planxlsx.note_tz", lang, tz=tz),
            t("planxlsx.note_period", lang, period=period),
        ]
        for i, line in enumerate(notes):
            ws0.cell(row=start + i, column=1, value=line)
        yes_no = (fmt_bool(True, lang), fmt_bool(False, lang))
        lists = {
            "format": [label(v, lang) for v in schema.POST_TYPES],
            "tone": [label(v, lang) for v in planning.TONES],
            "status": [label(v, lang) for v in planning.STATUSES],
            "qc_status": [label(v, lang) for v in ("ok", "perlu_revisi")],
            "fixed_date": yes_no,
            "reserve": yes_no,
        }
        for platform in platforms:
            ws = wb[names[_sheet_name(platform, lang)]]
            n = ws.max_row
            for j, col in enumerate(cols, start=1):
                letter = ws.cell(row=1, column=j).column_letter
                if col in ("idea", "caption", "qc_reasons", "title"):
                    ws.column_dimensions[letter].width = 45 if col != "title" else 32
                    for (cell,) in ws.iter_rows(min_row=2, max_row=n, min_col=j, max_col=j):
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                if col in lists:
                    dv = DataValidation(
                        type="list",
                        formula1='"' + ",".join(v.replace(",", " ") for v in lists[col]) + '"',
                        allow_blank=True,
                        showErrorMessage=True,
                    )
                    dv.error = t("planxlsx.pick_from_list", lang)
                    ws.add_data_validation(dv)
                    dv.add(f"{letter}2:{letter}{max(n, 2) + 200}")

    return write_xlsx(sheets, path, formats=formats, lang=lang, finish=finish)


# ---------------------------------------------------------------------------------------
# Reading an edited workbook back
# ---------------------------------------------------------------------------------------


def _header_map() -> dict[str, str]:
    """Every way a header may be written (code, Indonesian, English) -> column."""
    out: dict[str, str] = {}
    for col in list(schema.columns("plan")) + list(planning.EXTRA_COLUMNS) + list(OPTIONAL_COLUMNS):
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
        parsed = calendar.parse_day(text)
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
    tones = _value_map(planning.TONES)
    statuses = _value_map(planning.STATUSES)
    qcs = _value_map(("ok", "perlu_revisi"))
    categories = _value_map(tuple(planning.default_mix()))
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
                    elif col in _TIMES:
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
        return planning.finish_plan(schema.empty("plan"))
    df = pd.DataFrame(records)
    for col in _TIMES:
        if col in df.columns:
            df[col] = pd.to_datetime(df[col], utc=True)
    empty = [c for c in OPTIONAL_COLUMNS if c in df.columns and df[c].isna().all()]
    return _plan(df.drop(columns=empty), lang)


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
    from .calendar import read_anniversaries
    from .publics import read_publics

    lang = resolve(lang)
    pub = (
        read_publics(Path(publics), lang=lang)
        if publics not in (None, "")
        else default_publics(lang=lang)
    )
    ann = read_anniversaries(anniversaries, lang=lang) if anniversaries not in (None, "") else None
    return PlanInputs(publics=pub, anniversaries=ann)


def month_plan(
    month: Any,
    *,
    targets: Mapping[str, int] | str | None = None,
    publics: pd.DataFrame | None = None,
    anniversaries: pd.DataFrame | None = None,
    region: str | None = None,
    audience: pd.DataFrame | None = None,
    accounts: pd.DataFrame | None = None,
    reserve: float = 0.15,
    tone_mix: Sequence[float] = (70, 20, 10),
    seed: int = 0,
    lang: str | None = None,
) -> planning.MonthPlan:
    """Prepare a month in one call: special days, publics per platform and the draft plan.

    This combines the steps for the ``rencana-konten`` playbook: the momentum calendar
    (:func:`humaskit.calendar.momentum`), the publics and their fit to the audience
    (:mod:`humaskit.audience`) and the draft (:func:`humaskit.planning.draft_plan`).

    Parameters
    ----------
    month : str
        ``"YYYY-MM"``.
    targets : dict or str, optional
        Posts per month per platform (see :func:`humaskit.planning.parse_targets`).
    publics : DataFrame, optional
        The institution's publics (:func:`humaskit.audience.publics` when not given).
    anniversaries : DataFrame, optional
        The team's own days (:func:`humaskit.files.calendar.read_anniversaries`).
    region : str, optional
        The institution's province or city: adds its regional days when humaskit knows them
        (``humaskit.calendar.regions()`` or the anniversaries file) and scores the local
        publics on the audience.
    audience : DataFrame, optional
        The ``audience`` table; with it each platform serves its best-fitting publics
        (:func:`humaskit.audience.fit`).
    accounts : DataFrame, optional
        The ``accounts`` table (main account per platform).

    Returns
    -------
    MonthPlan
        See :class:`humaskit.planning.MonthPlan`; :func:`humaskit.planning.narrative`,
        :func:`~humaskit.planning.headline` and :func:`~humaskit.planning.publics_view`
        describe it.

    Examples
    --------
    >>> mp = month_plan("2025-11", targets="instagram=20, tiktok=12", region="Jawa Barat")
    >>> len(mp.plan), "Hari Pahlawan" in set(mp.momentum["name"])
    (32, True)
    """
    from .. import audience as _audience

    lang = resolve(lang)
    period = planning.parse_month(month, lang=lang)
    goal = planning.parse_targets(targets, lang=lang) if targets is not None else None
    notes: list[str] = []
    region = str(region).strip() if region else ""
    own_regions = set()
    if anniversaries is not None:
        anniversaries = calendar.check_anniversaries(anniversaries, lang=lang)
        own_regions = {str(r).lower() for r in anniversaries["region"] if str(r)}
    use_region = None
    if region:
        known = {r.lower() for r in calendar.regions()} | own_regions
        if region.lower() in known:
            use_region = region
        else:
            notes.append(t("planning.note_no_regional_days", lang, region=region))
    moments = calendar.momentum(
        period.year,
        months=period.month,
        anniversaries=anniversaries,
        region=use_region,
        lang=lang,
    )
    table = publics
    if table is None:
        table = _audience.publics(lang=lang)
    chosen: pd.DataFrame | None = table
    if table is not None and audience is not None and len(audience) > 0:
        chosen = _audience.fit(audience, table, region=region or None, lang=lang)
    plan = planning.draft_plan(
        period,
        targets=goal,
        tone_mix=tone_mix,
        momentum=moments,
        publics=chosen,
        reserve=reserve,
        accounts=accounts,
        seed=seed,
        lang=lang,
    )
    tones = planning.parse_tone_mix(tone_mix, lang=lang)
    return planning.MonthPlan(
        period=period,
        plan=plan,
        momentum=moments,
        publics=chosen,
        targets=dict(plan.groupby("platform", sort=False).size().astype(int)),
        tone_mix=tuple(tones.values()),
        notes=notes,
    )
