"""The frame every check of an audit works in: what it sees and what it returns.

A check is a function ``f(ctx: AuditContext) -> CheckResult``: it reads the accounts (and
the rules, the reference day, the posts) from ``ctx`` and returns, per account, True (pass),
False (fail) or NA (could not be checked) with a reason. It may leave a suggested name or
handle in ``ctx`` for the audit table.

Examples
--------
>>> import pandas as pd
>>> res = CheckResult(pd.RangeIndex(2))
>>> res.set(0, True); res.fail(1, "no emblem")
>>> res.ok, res.reason[1]
({0: True, 1: False}, 'no emblem')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..i18n import t
from ._common import _na

__all__ = ["AuditContext", "CheckResult", "bool_check", "tracked"]


class CheckResult:
    """Collects one check's outcome per row: True (pass), False (fail), NA; and reasons."""

    def __init__(self, index: pd.Index):
        self.ok: dict[Any, Any] = dict.fromkeys(index, pd.NA)
        self.reason: dict[Any, Any] = dict.fromkeys(index, pd.NA)

    def set(self, i: Any, ok: Any, reason: str | None = None) -> None:
        """Record ``ok`` (True/False/NA) for row ``i``, adding ``reason`` when given."""
        self.ok[i] = ok
        if reason:
            self.reason[i] = reason if _na(self.reason[i]) else f"{self.reason[i]}; {reason}"

    def fail(self, i: Any, reason: str) -> None:
        """Record a failure of row ``i`` with its ``reason`` (added to any earlier one)."""
        self.ok[i] = False
        self.reason[i] = reason if _na(self.reason[i]) else f"{self.reason[i]}; {reason}"


@dataclass
class AuditContext:
    """What every check of one :func:`~humaskit.governance.audit_accounts` call sees.

    Attributes
    ----------
    accounts : DataFrame
        The validated accounts, indexed 0..n-1.
    original : DataFrame
        The accounts as given (tells which columns the inventory keeps).
    rules : dict
        The resolved rules (:func:`~humaskit.governance.resolve_rules`).
    today : Timestamp
        The reference day (naive, normalised).
    posts : DataFrame or None
        The validated posts, when given.
    lang : str or None
        Language of the reasons.
    suggested_name, suggested_handle, password_age, last_post : dict
        Row -> value, filled by the checks, returned as columns of the audit.
    """

    accounts: pd.DataFrame
    original: pd.DataFrame
    rules: dict[str, Any]
    today: pd.Timestamp
    posts: pd.DataFrame | None = None
    lang: str | None = None
    records: dict[Any, dict[str, Any]] = field(init=False)
    suggested_name: dict[Any, Any] = field(init=False)
    suggested_handle: dict[Any, Any] = field(init=False)
    password_age: dict[Any, Any] = field(init=False)
    last_post: dict[Any, Any] = field(init=False)

    def __post_init__(self) -> None:
        index = self.accounts.index
        self.records = self.accounts.to_dict("index")
        self.suggested_name = dict.fromkeys(index, pd.NA)
        self.suggested_handle = dict.fromkeys(index, pd.NA)
        self.password_age = dict.fromkeys(index, pd.NA)
        self.last_post = dict.fromkeys(index, pd.NaT)


def tracked(original: pd.DataFrame, column: str) -> bool:
    """True when the inventory records ``column`` (present with at least one value)."""
    return column in original.columns and bool(original[column].notna().any())


def bool_check(ctx: AuditContext, column: str, check: str) -> CheckResult:
    """A yes/no column as a check: NA when the inventory does not keep ``column``."""
    acc, original, lang = ctx.accounts, ctx.original, ctx.lang
    res = CheckResult(acc.index)
    if not tracked(original, column):
        return res
    for i, v in acc[column].items():
        if _na(v):
            res.fail(
                i,
                t("governance.reason.not_recorded", lang, what=t(f"governance.what.{check}", lang)),
            )
        elif bool(v):
            res.set(i, True)
        else:
            res.fail(i, t(f"governance.reason.{check}", lang))
    return res
