"""Security: the access checks of the audit and the admins' security checklist.

Checks ``two_factor`` (two-factor authentication on), ``password_age`` (password changed
within the limit), ``admins`` (enough admins, not too many), ``assignment_letter`` (the admin
roster has a surat tugas); :func:`security_checklist` lists the practices admins review
(``data/governance/security_checklist.csv``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..fmt import fmt_date
from ..i18n import t
from ._common import _na, _read_csv, _today
from .context import AuditContext, CheckResult, bool_check, tracked
from .rules import default_rules

__all__ = ["security_checklist"]


def two_factor_check(ctx: AuditContext) -> CheckResult:
    """``two_factor``: two-factor authentication is on."""
    return bool_check(ctx, "two_factor", "two_factor")


def password_age_check(ctx: AuditContext) -> CheckResult:
    """``password_age``: the password was changed within ``password_max_age_days``."""
    acc, original, records, r, lang = ctx.accounts, ctx.original, ctx.records, ctx.rules, ctx.lang
    ref, ages = ctx.today, ctx.password_age
    res = CheckResult(acc.index)
    pmax = r.get("password_max_age_days")
    if tracked(original, "password_changed_at"):
        for i, row in records.items():
            d = row.get("password_changed_at")
            if _na(d):
                res.fail(
                    i,
                    t(
                        "governance.reason.not_recorded",
                        lang,
                        what=t("governance.what.password_age", lang),
                    ),
                )
                continue
            age = int((ref - pd.Timestamp(d).normalize()).days)
            ages[i] = age
            if age < 0:
                res.fail(
                    i,
                    t(
                        "governance.reason.password_future",
                        lang,
                        date=fmt_date(d, lang),
                        today=fmt_date(ref, lang),
                    ),
                )
            elif pmax is not None and age > pmax:
                res.fail(
                    i,
                    t(
                        "governance.reason.password_age",
                        lang,
                        days=age,
                        limit=pmax,
                        date=fmt_date(d, lang),
                    ),
                )
            else:
                res.set(i, True)
    return res


def admins_check(ctx: AuditContext) -> CheckResult:
    """``admins``: between ``min_admins`` and ``max_admins`` admins (or names in the roster)."""
    acc, original, records, r, lang = ctx.accounts, ctx.original, ctx.records, ctx.rules, ctx.lang
    res = CheckResult(acc.index)
    amin, amax = r.get("min_admins"), r.get("max_admins")
    has_names = tracked(original, "admin_names")
    if tracked(original, "admins") or has_names:
        for i, row in records.items():
            n = row.get("admins")
            if _na(n) and has_names and not _na(row.get("admin_names")):
                n = len([x for x in re.split(r"[,;/\n]+", str(row["admin_names"])) if x.strip()])
            if _na(n):
                res.fail(
                    i,
                    t(
                        "governance.reason.not_recorded",
                        lang,
                        what=t("governance.what.admins", lang),
                    ),
                )
            elif amin is not None and int(n) < amin:
                res.fail(i, t("governance.reason.admins_few", lang, n=int(n), limit=amin))
            elif amax is not None and int(n) > amax:
                res.fail(i, t("governance.reason.admins_many", lang, n=int(n), limit=amax))
            else:
                res.set(i, True)
    return res


def assignment_letter_check(ctx: AuditContext) -> CheckResult:
    """``assignment_letter``: the admin roster has an assignment letter (surat tugas)."""
    return bool_check(ctx, "assignment_letter", "assignment_letter")


@lru_cache(maxsize=1)
def _checklist() -> pd.DataFrame:
    return _read_csv("security_checklist.csv")


_DONE_TRUE = {"ya", "y", "yes", "true", "1", "sudah", "done", "selesai", "ok", "✓", "✔", "v"}
_DONE_FALSE = {"tidak", "no", "n", "false", "0", "belum", "not done", "not_done", "✗", "x"}


def _done_value(v: Any, key: str, lang: str | None) -> Any:
    if _na(v) or (isinstance(v, str) and not v.strip()):
        return pd.NA
    if isinstance(v, bool):
        return v
    low = str(v).strip().lstrip("'").strip().lower()
    if low in ("", "-", "–", "?", "na", "n/a"):
        return pd.NA
    if low in _DONE_TRUE:
        return True
    if low in _DONE_FALSE:
        return False
    raise ParameterError(t("governance.bad_done", lang, item=key, value=v))


def security_checklist(
    lang: str | None = None,
    reviewed: Mapping[str, Any] | pd.DataFrame | None = None,
    *,
    today: Any = None,
    review_days: int | None = None,
) -> pd.DataFrame:
    """The admins' security checklist with each item's status and date of last review.

    Parameters
    ----------
    lang : {"id", "en"}, optional
        Language of the items.
    reviewed : dict or DataFrame, optional
        What the team ticked: ``{key: date}`` (done, reviewed that day),
        ``{key: (done, date)}`` or a table with ``key``, ``done`` and ``last_review``
        (as returned by :func:`humaskit.files.inventory.read_checklist`).
    today : date-like, optional
        Reference day for ``due`` (default: the current date).
    review_days : int, optional
        An item not reviewed for this many days is due (default: rule
        ``checklist_review_days``, 180).

    Returns
    -------
    DataFrame
        ``key``, ``area``, ``item``, ``why``, ``how``, ``done`` (True/False/NA),
        ``last_review`` (date), ``due`` (never reviewed, not done, or reviewed too long ago).

    Examples
    --------
    >>> c = security_checklist("en", reviewed={"two_factor_app": "2025-06-01"},
    ...                        today="2025-09-30")
    >>> row = c.set_index("key").loc["two_factor_app"]
    >>> bool(row["done"]), bool(row["due"]), bool(c.set_index("key").loc["phishing", "due"])
    (True, False, True)
    """
    from ..i18n import resolve

    code = resolve(lang)
    base = _checklist()
    out = pd.DataFrame(
        {
            "key": base["key"],
            "area": base["area"].map(lambda a: t(f"governance.area.{a}", code)),
            "item": base[f"item_{code}"],
            "why": base[f"why_{code}"],
            "how": base[f"how_{code}"],
        }
    ).astype("str")
    done = dict.fromkeys(out["key"], pd.NA)
    last = dict.fromkeys(out["key"], pd.NaT)
    if reviewed is not None:
        if isinstance(reviewed, pd.DataFrame):
            if "key" not in reviewed.columns:
                raise ParameterError(t("governance.checklist_table", code))
            entries = {}
            for rec in reviewed.to_dict("records"):
                entries[str(rec["key"]).strip()] = (
                    rec.get("done", pd.NA),
                    rec.get("last_review", pd.NaT),
                )
        elif isinstance(reviewed, Mapping):
            entries = {}
            for k, v in reviewed.items():
                if isinstance(v, (tuple, list)):
                    entries[str(k).strip()] = tuple(v)
                elif isinstance(v, bool) or v is None:
                    entries[str(k).strip()] = (v, pd.NaT)
                else:
                    entries[str(k).strip()] = (True, v)
        else:
            raise ParameterError(t("governance.checklist_table", code))
        for k, (d, when) in entries.items():
            if k not in done:
                raise ParameterError(
                    t("governance.unknown_item", code, item=k, known=", ".join(out["key"]))
                )
            done[k] = _done_value(d, k, code)
            if not _na(when) and str(when).strip():
                try:
                    last[k] = pd.Timestamp(when).normalize()
                except (TypeError, ValueError):
                    raise ParameterError(
                        t("governance.bad_review_date", code, item=k, value=when)
                    ) from None
                if last[k].tzinfo is not None:
                    last[k] = last[k].tz_localize(None)
    ref = _today(today, None, code)
    days = review_days if review_days is not None else default_rules()["checklist_review_days"]
    out["done"] = pd.Series([done[k] for k in out["key"]], dtype="boolean")
    out["last_review"] = pd.Series([last[k] for k in out["key"]], dtype="datetime64[us]")
    age = (ref - out["last_review"]).dt.days
    out["due"] = (
        out["done"].fillna(False).eq(False) | out["last_review"].isna() | (age > (days or 0))
    ).astype("boolean")
    return out
