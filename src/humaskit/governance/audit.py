"""The audit: every check of :data:`~humaskit.governance.CHECKS` on every account, and a score.

:func:`audit_accounts` validates the inventory, builds one :class:`~.context.AuditContext`,
runs the functions of :data:`CHECK_FUNCTIONS` in the order of ``data/governance/checks.csv``
and adds the score (weighted share of passed checks among those that could be made).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from .. import schema
from ._common import _today
from .activity import active_check
from .context import AuditContext, CheckResult
from .duplicates import duplicate_check
from .identity import account_type_check, emblem_photo_check, verified_check
from .naming import abbreviation_check, formality_check, name_length_check, naming_check
from .rules import CHECKS, _checks_table, resolve_rules
from .security import (
    admins_check,
    assignment_letter_check,
    password_age_check,
    two_factor_check,
)

__all__ = ["audit_accounts", "CHECK_FUNCTIONS"]

#: The function of each check (``check -> f(ctx) -> CheckResult``), run in the order of
#: :data:`~humaskit.governance.CHECKS`. A new check adds its function here.
CHECK_FUNCTIONS: dict[str, Callable[[AuditContext], CheckResult]] = {
    "naming": naming_check,
    "abbreviation": abbreviation_check,
    "name_length": name_length_check,
    "formality": formality_check,
    "emblem_photo": emblem_photo_check,
    "verified": verified_check,
    "account_type": account_type_check,
    "two_factor": two_factor_check,
    "password_age": password_age_check,
    "admins": admins_check,
    "assignment_letter": assignment_letter_check,
    "duplicate": duplicate_check,
    "active": active_check,
}


def audit_accounts(
    accounts: pd.DataFrame,
    *,
    posts: pd.DataFrame | None = None,
    rules: Mapping[str, Any] | pd.DataFrame | None = None,
    today: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Check every account of the inventory; one row per account.

    Parameters
    ----------
    accounts : DataFrame
        The ``accounts`` table (see :mod:`humaskit.schema`; read a team's xlsx/CSV with
        :func:`humaskit.files.inventory.read_inventory`); ``institution`` may be left out
        when all accounts belong to one institution. Optional extra columns used when
        present: ``unit_code`` (the unit's short code for handle patterns), ``admin_names``
        (the roster; counted when ``admins`` is empty), ``source_row``.
    posts : DataFrame, optional
        The ``posts`` table, for the ``active`` check (matched on platform and the
        ``account`` column of the inventory, else its handle or display name). Without it
        the check is NA.
    rules : dict or DataFrame, optional
        Overrides of :func:`default_rules` (limits, ``display_pattern``, ``handle_pattern``,
        ``prefix``, ``region`` ...).
    today : date-like, optional
        The reference day for password age and activity. Default: the day of the last
        post in ``posts`` (the data's end), else the current date.
    lang : {"id", "en"}, optional
        Language of the reasons.

    Returns
    -------
    DataFrame
        Indexed like ``accounts``: ``institution``, ``unit``, ``platform``, ``handle``,
        ``display_name``, ``score`` (0-100, weighted share of passed checks among those
        that could be made), ``failed``, ``checked``, then for each check of
        :data:`CHECKS` a column ``<check>_ok`` (True/False/NA) and ``<check>_reason``,
        then ``suggested_name``, ``suggested_handle``, ``password_age_days``,
        ``last_post_at``.

    Raises
    ------
    SchemaError
        ``accounts`` lacks a required column or has unusable values.
    ParameterError
        A rule, pattern or ``today`` that cannot be used.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["Dinas Sosial"], "platform": ["facebook"],
    ...     "handle": ["dinsos"], "display_name": ["Dinsos Kece 😎"],
    ...     "account_type": ["pribadi"], "admins": [1]})
    >>> a = audit_accounts(acc, today="2025-09-30", lang="en")
    >>> a.loc[0, "formality_reason"]
    'informal word(s): Kece; emoji or decorative symbols: 😎'
    >>> bool(a.loc[0, "account_type_ok"]), int(a.loc[0, "failed"])
    (False, 3)
    """
    original = accounts
    if isinstance(accounts, pd.DataFrame) and "institution" not in accounts.columns:
        accounts = accounts.assign(institution=pd.Series(pd.NA, index=accounts.index, dtype="str"))
    acc = schema.validate(accounts, "accounts", lang=lang)
    given_index = acc.index
    acc = acc.reset_index(drop=True)
    r = resolve_rules(rules, lang=lang)
    if posts is not None:
        posts = schema.validate(posts, "posts", lang=lang)
    ref = _today(today, posts, lang)
    ctx = AuditContext(acc, original, r, ref, posts, lang)
    results = {check: CHECK_FUNCTIONS[check](ctx) for check in CHECKS}
    suggested_name, suggested_handle = ctx.suggested_name, ctx.suggested_handle
    ages, last_post = ctx.password_age, ctx.last_post

    # assemble -------------------------------------------------------------------------
    weights = dict(zip(_checks_table()["check"], _checks_table()["weight"], strict=True))
    out = pd.DataFrame(index=acc.index)
    for col in ("institution", "unit", "platform", "handle", "display_name"):
        out[col] = acc[col]
    if "source_row" in acc.columns:
        out["source_row"] = acc["source_row"]
    ok_cols = {}
    for check in CHECKS:
        ok_cols[check] = pd.Series(results[check].ok, dtype="boolean").reindex(acc.index)
    oks = pd.DataFrame(ok_cols)
    w = pd.Series(weights)
    checked = oks.notna()
    passed = oks.fillna(False).astype(bool)
    total_w = (checked * w).sum(axis=1)
    got_w = (passed * w).sum(axis=1)
    score = (100 * got_w / total_w.where(total_w > 0)).round(1)
    out["score"] = score.astype("Float64")
    out["failed"] = (checked & ~passed).sum(axis=1).astype("Int64")
    out["checked"] = checked.sum(axis=1).astype("Int64")
    for check in CHECKS:
        out[f"{check}_ok"] = oks[check]
        out[f"{check}_reason"] = pd.Series(results[check].reason, dtype="str").reindex(acc.index)
    out["suggested_name"] = pd.Series(suggested_name, dtype="str").reindex(acc.index)
    out["suggested_handle"] = pd.Series(suggested_handle, dtype="str").reindex(acc.index)
    out["password_age_days"] = pd.Series(ages, dtype="Int64").reindex(acc.index)
    out["last_post_at"] = pd.Series(last_post, dtype="datetime64[us, UTC]").reindex(acc.index)
    out.index = given_index
    out.attrs["today"] = str(ref.date())
    return out
