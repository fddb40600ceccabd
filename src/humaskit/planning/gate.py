"""The gate before posting: only checked, signed-off posts get a time.

:func:`gate` runs :func:`quality_check` (which includes :func:`humaskit.text.screen`) and
reads the PIC's sign-off state (``status``), then writes the columns scheduling respects:

- ``cleared``: True when the post passed screen and QC and a PIC approved it (``disetujui``
  or ``terbit``), or when someone overrode the gate with a recorded name and reason;
- ``gate_reasons``: why the post may not go out yet (``"; "``-separated);
- ``gate_action``: who must act (the PIC revises, signs off, or a PIC must be named first);
- ``override_by`` / ``override_reason``: set by :func:`override` only.

:func:`humaskit.scheduling.schedule` gives no time to a row whose ``cleared`` is False, so
scheduling never needs to import planning: the gate's result travels as columns.
:func:`held_view` lists the posts that may not go out yet ("belum boleh tayang").

Examples
--------
>>> import pandas as pd
>>> plan = pd.DataFrame({"date": ["2025-10-01"] * 2, "platform": "x", "format": "text",
...     "category": "edukasi", "title": ["Tips", "Data"], "status": ["disetujui", "draf"],
...     "pic": ["Rina", "Rina"],
...     "caption": ["Cek jadwal layanan di https://contoh.go.id", "NIK 3201234567890123"]})
>>> gate(plan, lang="en")["cleared"].tolist()
[True, False]
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..i18n import label, resolve, t
from .review import _select_rows, quality_check

__all__ = ["GATE_COLUMNS", "gate", "override", "overrides", "held_view", "overridden_view"]

#: Columns the gate writes; scheduling reads ``cleared``, ``gate_reasons``, ``gate_action``.
GATE_COLUMNS = ("cleared", "gate_reasons", "gate_action", "override_by", "override_reason")

_SIGNED = ("disetujui", "terbit")


def _text(v: Any) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip()


def gate(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Run screen, QC and the sign-off state and mark which posts may be scheduled.

    Parameters
    ----------
    plan : DataFrame
        Canonical plan (``status`` and ``pic`` read as the sign-off state; optional
        ``override_by`` and ``override_reason`` from :func:`override`).

    Returns
    -------
    DataFrame
        The plan after :func:`quality_check`, with ``cleared`` (boolean), ``gate_reasons``,
        ``gate_action``, ``override_by`` and ``override_reason``. ``attrs``: ``cleared``,
        ``held``, ``overridden`` (counts).

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-10-01"], "platform": "x", "format": "text",
    ...     "category": "edukasi", "title": ["Tips"], "caption": ["Cek jadwal layanan"]})
    >>> out = gate(plan, lang="en")
    >>> out[["cleared", "gate_action"]].values.tolist()
    [[False, 'the team lead names a PIC, who signs the post off']]
    """
    lang = resolve(lang)
    out = quality_check(plan, lang=lang)
    for col in ("override_by", "override_reason"):
        if col not in out.columns:
            out[col] = pd.Series(pd.NA, index=out.index, dtype="str")
    cleared, reasons, actions = [], [], []
    rows = zip(
        out["qc_status"].tolist(),
        out["qc_reasons"].tolist(),
        out["status"].tolist(),
        out["pic"].tolist(),
        out["override_by"].tolist(),
        out["override_reason"].tolist(),
        strict=True,
    )
    for qc, qc_why, status, pic, by, why in rows:
        status, pic, by, why = _text(status) or "draf", _text(pic), _text(by), _text(why)
        r: list[str] = []
        a: list[str] = []
        who = pic or t("gate.who_writer", lang)
        if qc == "perlu_revisi":
            r.append(t("gate.reason_qc", lang, reasons=_text(qc_why)))
            a.append(t("gate.act_revise", lang, who=who))
        if status == "ditolak":
            r.append(t("gate.reason_rejected", lang, pic=pic or "PIC"))
            if not a:
                a.append(t("gate.act_revise", lang, who=who))
        elif status not in _SIGNED:
            r.append(t("gate.reason_unsigned", lang, status=label(status, lang)))
            a.append(t("gate.act_sign", lang, who=pic) if pic else t("gate.act_name_pic", lang))
        ok = not r
        if r and by and why:
            ok = True
            a = [t("gate.act_overridden", lang, name=by, reason=why)]
        elif r and (by or why):
            a.append(t("gate.override_incomplete", lang))
        cleared.append(ok)
        reasons.append("; ".join(r) if r else None)
        actions.append("; ".join(a) if a else None)
    out["cleared"] = pd.array(cleared, dtype="boolean")
    out["gate_reasons"] = pd.array(reasons, dtype="str")
    out["gate_action"] = pd.array(actions, dtype="str")
    overridden = out["override_by"].notna() & out["gate_reasons"].notna()
    out.attrs.update(
        cleared=int(sum(cleared)),
        held=int(len(cleared) - sum(cleared)),
        overridden=int(overridden.sum()),
    )
    return out


def override(
    plan: pd.DataFrame, rows: Any, name: str, reason: str, *, lang: str | None = None
) -> pd.DataFrame:
    """Let posts through the gate on someone's named responsibility.

    The name and the reason are recorded in ``override_by``/``override_reason`` and shown in
    the schedule's reason, its xlsx and the report; run :func:`gate` again afterwards.

    Raises
    ------
    ParameterError
        An empty name or reason, or unknown rows.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-10-01"], "platform": "x", "format": "text",
    ...     "category": "edukasi", "title": ["Siaga banjir"], "caption": ["Waspada banjir"]})
    >>> out = gate(override(plan, [0], "Kabag Humas", "peringatan darurat"), lang="en")
    >>> bool(out["cleared"].iloc[0]), out["override_by"].iloc[0]
    (True, 'Kabag Humas')
    """
    lang = resolve(lang)
    if not isinstance(name, str) or not name.strip():
        raise ParameterError(t("gate.override_no_name", lang))
    if not isinstance(reason, str) or not reason.strip():
        raise ParameterError(t("gate.override_no_reason", lang))
    out = plan.copy()
    idx = _select_rows(out, rows, lang)
    for col in ("override_by", "override_reason"):
        if col not in out.columns:
            out[col] = pd.Series(pd.NA, index=out.index, dtype="str")
    out.loc[idx, "override_by"] = name.strip()
    out.loc[idx, "override_reason"] = reason.strip()
    return out


def overrides(plan: pd.DataFrame, given: Any, *, lang: str | None = None) -> pd.DataFrame:
    """Apply overrides given as a playbook parameter: ``{plan_id: "Name; reason"}``.

    The value may also be ``"Name | reason"`` or a dict ``{"oleh": name, "alasan":
    reason}`` (``by``/``reason`` in English). Each entry goes through :func:`override`, so
    a missing name or reason, or an unknown ``plan_id``, stops with one sentence naming the
    ``izin_tayang`` parameter. An empty
    mapping returns the plan unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"plan_id": ["R1"], "date": ["2025-10-01"], "platform": "x",
    ...     "format": "text", "category": "edukasi", "title": ["Siaga"], "caption": ["Waspada"]})
    >>> overrides(plan, {"R1": "Kabag Humas; peringatan darurat"})["override_reason"].item()
    'peringatan darurat'
    """
    lang = resolve(lang)
    if not given:
        return plan
    if not isinstance(given, dict):
        raise ParameterError(t("gate.overrides_not_dict", lang, value=given))
    out = plan
    for row, value in given.items():
        if isinstance(value, dict):
            name = value.get("oleh", value.get("by", ""))
            reason = value.get("alasan", value.get("reason", ""))
        else:
            text = str(value)
            sep = ";" if ";" in text else "|"
            name, _, reason = text.partition(sep)
        name, reason = str(name).strip(), str(reason).strip()
        if not name or not reason:
            raise ParameterError(t("gate.overrides_bad_entry", lang, row=row, value=value))
        ids = set(out["plan_id"].astype("str")) if "plan_id" in out.columns else set()
        key: Any = str(row).strip()
        if key not in ids and key.isdigit():
            key = int(key)  # a row number, for plans without plan_id
        if key not in ids and key not in out.index:
            raise ParameterError(t("gate.overrides_unknown_row", lang, row=row))
        out = override(out, [key], name, reason, lang=lang)
    return out


def overridden_view(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """The posts let through by an override, with who took responsibility and why.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-10-01"], "platform": "x", "format": "text",
    ...     "category": "edukasi", "title": ["Siaga"], "caption": ["Waspada"]})
    >>> out = gate(override(plan, [0], "Kabag Humas", "darurat"), lang="en")
    >>> overridden_view(out, lang="en").iloc[0].tolist()[-2:]
    ['Kabag Humas', 'darurat']
    """
    lang = resolve(lang)
    if "override_by" in plan.columns and "gate_reasons" in plan.columns:
        over = plan[plan["override_by"].notna() & plan["gate_reasons"].notna()]
    else:
        over = plan.iloc[0:0]
    cols = {
        label("date", lang): pd.to_datetime(over["date"]).dt.normalize(),
        label("platform", lang): over["platform"].map(lambda v: label(v, lang)),
        label("title", lang): over["title"],
        t("gate.col_reasons", lang): over.get("gate_reasons"),
        label("override_by", lang): over.get("override_by"),
        label("override_reason", lang): over.get("override_reason"),
    }
    return pd.DataFrame({k: v for k, v in cols.items() if v is not None}).reset_index(drop=True)


def held_view(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """The posts that may not go out yet ("belum boleh tayang"), for people.

    One row per held post: date, platform, account, title, PIC, the reasons and who must
    act; empty (with the same columns) when everything is cleared or the plan was not gated.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = gate(pd.DataFrame({"date": ["2025-10-01"], "platform": "x", "format": "text",
    ...     "category": "edukasi", "title": ["Tips"], "caption": ["Cek jadwal"]}), lang="en")
    >>> list(held_view(plan, lang="en").columns)[:3]
    ['Date', 'Platform', 'Account']
    """
    lang = resolve(lang)
    if "cleared" in plan.columns:
        held = plan[~plan["cleared"].fillna(False).astype(bool)]
    else:
        held = plan.iloc[0:0]
    has_id = "plan_id" in held.columns and held["plan_id"].notna().any()
    cols = {
        label("plan_id", lang): held["plan_id"] if has_id else None,
        label("date", lang): pd.to_datetime(held["date"]).dt.normalize(),
        label("platform", lang): held["platform"].map(lambda v: label(v, lang)),
        label("account", lang): held["account"] if "account" in held else None,
        label("title", lang): held["title"],
        label("pic", lang): held["pic"] if "pic" in held else None,
        t("gate.col_reasons", lang): held.get("gate_reasons"),
        t("gate.col_action", lang): held.get("gate_action"),
    }
    view = pd.DataFrame({k: v for k, v in cols.items() if v is not None})
    return view.reset_index(drop=True)
