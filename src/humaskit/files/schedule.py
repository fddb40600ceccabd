"""Files of the posting schedule: the plan read in, the schedule written out (xlsx + ics).

- :func:`read_plan` reads the content plan a team gives the ``jadwal-posting`` playbook:
  ``"contoh"`` (the sample plan), a plan workbook written by
  :func:`humaskit.files.plan.write_plan_xlsx` (then edited), or any CSV/XLSX in the canonical
  ``plan`` layout (see :mod:`humaskit.io.canonical`).
- :func:`write_schedule` writes the result of :func:`humaskit.scheduling.schedule`: an
  xlsx for people (local times, translated headers, the reason of every choice, the limits
  used, and a "Belum boleh tayang" sheet listing the posts the QC gate held back with their
  reasons and who must act; every cell neutralised by :mod:`humaskit.files.safe`) and an
  ``.ics`` calendar (one event per cleared post at its time, via
  :func:`humaskit.files.plan.write_ics`).

Presentation layer (:mod:`humaskit.files`).

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit import scheduling
>>> plan = read_plan("contoh")
>>> out = scheduling.schedule(plan.head(5))
>>> files = write_schedule(out, pathlib.Path(tempfile.mkdtemp()), lang="en")
>>> sorted(p.suffix for p in files.values())
['.ics', '.xlsx']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..errors import DataNotFound, SchemaError, UnsupportedFile
from ..i18n import label, resolve, t

__all__ = ["read_plan", "write_schedule", "schedule_view"]


def read_plan(
    source: str | Path,
    *,
    workspace: Any = None,
    tz: str = "Asia/Jakarta",
    sample: bool = True,
    lang: str | None = None,
) -> pd.DataFrame:
    """Read the content plan to schedule.

    Parameters
    ----------
    source : str or Path
        ``"contoh"`` or ``""``: the plan of ``workspace`` when it has one, else the bundled
        sample plan. Otherwise a ``.xlsx`` plan workbook or a canonical plan ``.csv``/``.xlsx``.
    workspace : Workspace, optional
        Where ``"contoh"`` looks first (e.g. the playbook's ``p.ws``).
    sample : bool
        Whether ``"contoh"``/``""`` may fall back to the bundled sample plan. False for real
        data: the sample plan's accounts are fictional, so the result is an empty plan.
    tz : str
        Zone of the times a workbook holds in ``scheduled_at``.

    Raises
    ------
    DataNotFound
        The file does not exist.
    UnsupportedFile
        The file holds another table than a plan.
    """
    lang = resolve(lang)
    if str(source).strip() in ("", "contoh"):
        plan = getattr(workspace, "plan", None)
        if (plan is None or len(plan) == 0) and not sample:
            return schema.empty("plan")
        if plan is None or len(plan) == 0:
            from .. import samples

            plan = samples.load("plan")
        return schema.validate(plan, "plan", lang=lang)
    path = Path(source).expanduser()
    if not path.exists():
        raise DataNotFound(t("schedfiles.not_found", lang, file=str(path)))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from .plan import read_plan_xlsx

        try:
            return schema.validate(read_plan_xlsx(path, tz=tz, lang=lang), "plan", lang=lang)
        except (SchemaError, UnsupportedFile):
            pass  # not the planning workbook: try the canonical layout below
    from ..io import read_export

    imp = read_export(path)
    if imp.kind != "plan":
        raise UnsupportedFile(t("schedfiles.not_a_plan", lang, file=path.name, kind=imp.kind))
    return imp.table


def schedule_view(
    schedule: pd.DataFrame, *, typed: bool = False, lang: str | None = None
) -> pd.DataFrame:
    """The schedule as people read it: local day and time, labels, score and reason.

    Days read ``1 Oktober 2025`` and times ``12.00`` (``12:00`` in English); with
    ``typed`` they stay a date and a time, for a workbook.

    Examples
    --------
    >>> from humaskit import scheduling
    >>> view = schedule_view(scheduling.schedule(read_plan("contoh").head(3)), lang="en")
    >>> list(view.columns)[:3], view.iloc[0, 0]
    (['Date', 'Time WIB', 'Platform'], '1 October 2025')
    """
    from ..fmt import fmt_bool, fmt_date, fmt_time

    lang = resolve(lang)
    if "held" in schedule.columns:  # posts the QC gate held back have no time
        schedule = schedule[~schedule["held"].fillna(False).astype(bool)]
    s = schedule.sort_values(["local_time", "platform"], kind="stable")
    local = s["local_time"]
    if isinstance(local.dtype, pd.DatetimeTZDtype):
        local = local.dt.tz_localize(None)
    zone = schedule.attrs.get("zone", "")
    if typed:
        day = local.dt.normalize()
        clock = local.dt.time
    else:
        day = local.map(lambda v: fmt_date(v, lang))
        clock = local.map(lambda v: fmt_time(v, lang))
    columns = {
        label("date", lang): day,
        t("schedfiles.time", lang, zone=zone).strip(): clock,
        label("platform", lang): s["platform"].map(lambda v: label(v, lang)),
        label("account", lang): s.get("account"),
        label("format", lang): s["format"].map(
            lambda v: label(v, lang) if isinstance(v, str) else v
        ),
        label("category", lang): s["category"].map(
            lambda v: label(v, lang) if isinstance(v, str) else v
        ),
        label("title", lang): s["title"],
        label("expected_score", lang): s["expected_score"],
        label("moved_days", lang): s["moved_days"],
        label("conflict", lang): s["conflict"].map(lambda v: fmt_bool(v is True, lang)),
        label("reason", lang): s["reason"],
    }
    view = pd.DataFrame({k: v for k, v in columns.items() if v is not None})
    return view.reset_index(drop=True)


def write_schedule(
    schedule: pd.DataFrame,
    folder: str | Path,
    *,
    limits: pd.DataFrame | None = None,
    name: str = "jadwal-posting",
    lang: str | None = None,
) -> dict[str, Path]:
    """Write the schedule as ``<name>.xlsx`` (for people) and ``<name>.ics`` (calendars).

    Parameters
    ----------
    schedule : DataFrame
        A :func:`humaskit.scheduling.schedule` result.
    folder : str or Path
        Where to write (created if missing).
    limits : DataFrame, optional
        The caps and spacing used (:func:`humaskit.scheduling.limits`), added as a sheet.

    Returns
    -------
    dict
        ``{"xlsx": path, "ics": path}``.
    """
    from .plan import write_ics
    from .safe import write_xlsx

    lang = resolve(lang)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    from ..scheduling import limits_view

    sheets = {t("schedfiles.sheet_schedule", lang): schedule_view(schedule, typed=True, lang=lang)}
    formats = {label("expected_score", lang): "number", label("moved_days", lang): "int"}
    if limits is not None:
        lim = limits_view(limits, lang=lang)
        if "min_spacing_h" in limits.columns:
            lim[label("min_spacing_h", lang)] = pd.to_numeric(
                limits["min_spacing_h"], errors="coerce"
            ).to_numpy()
            formats[label("min_spacing_h", lang)] = "hours"
        sheets[t("schedfiles.sheet_limits", lang)] = lim
    if "held" in schedule.columns:  # the QC gate: what may not go out yet, and who acts
        from ..planning import held_view

        sheets[t("gate.sheet_held", lang)] = held_view(
            schedule.assign(cleared=~schedule["held"].fillna(False).astype(bool)), lang=lang
        )
    xlsx = write_xlsx(sheets, folder / f"{name}.xlsx", formats=formats, lang=lang)
    tz = schedule.attrs.get("tz", "Asia/Jakarta")
    if "held" in schedule.columns:  # the calendar holds only cleared posts
        schedule = schedule[~schedule["held"].fillna(False).astype(bool)]
    cal = schedule.drop(
        columns=[
            c
            for c in (
                "local_time",
                "expected_score",
                "slot_rank",
                "moved_days",
                "conflict",
                "reason",
                "held",
                "time_rule",
            )
            if c in schedule.columns
        ]
    )
    ics = write_ics(
        cal, folder / f"{name}.ics", tz=tz, name=t("schedfiles.calendar", lang), lang=lang
    )
    return {"xlsx": xlsx, "ics": ics}
