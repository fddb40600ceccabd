"""The ``duplicate`` check: one account per unit per platform, no account listed twice.

Among several accounts of one unit (or one display name) on one platform, the main one is
kept (verified, then most followers, then first listed) and the others fail.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..i18n import label, t
from ._common import _keys
from .context import AuditContext, CheckResult


def duplicate_check(ctx: AuditContext) -> CheckResult:
    """``duplicate``: the account is not a second account of its unit or listed twice."""
    return _duplicates(ctx.accounts, ctx.lang)


def _main_account(rows: pd.DataFrame) -> Any:
    """Index of the account to keep among several: verified, most followers, first."""
    order = pd.DataFrame(
        {
            "v": rows["verified"].fillna(False).astype(bool) if "verified" in rows else False,
            "f": rows["followers"].fillna(-1).astype("int64") if "followers" in rows else -1,
            "i": range(len(rows)),
        },
        index=rows.index,
    )
    order = order.sort_values(["v", "f", "i"], ascending=[False, False, True])
    return order.index[0]


def _groups_of_several(frame: pd.DataFrame, keys: list[pd.Series]):
    """Groups of ``frame`` by ``keys`` that have more than one row (others are skipped fast)."""
    k = pd.concat(keys, axis=1, ignore_index=True)
    several = k.duplicated(keep=False)
    if not several.any():
        return []
    sub = frame[several]
    return [rows for _, rows in sub.groupby([x[several] for x in keys], sort=False)]


def _duplicates(acc: pd.DataFrame, lang: str | None) -> CheckResult:
    res = CheckResult(acc.index)
    for i in acc.index:
        res.set(i, True)
    plat = acc["platform"].astype("str")
    hkey = _keys(acc["handle"])
    # the same handle listed more than once on one platform
    for rows in _groups_of_several(acc, [plat, hkey]):
        first = rows.index[0]
        for i in rows.index[1:]:
            res.fail(
                i,
                t(
                    "governance.reason.listed_twice",
                    lang,
                    handle=str(acc.at[first, "handle"]).lstrip("@"),
                    platform=label(str(acc.at[i, "platform"]), lang),
                ),
            )
    keep = ~pd.DataFrame({"p": plat, "h": hkey}).duplicated()
    distinct, dplat = acc[keep], plat[keep]
    # several accounts of one unit on one platform
    unit = distinct["unit"].astype("str").str.strip().str.casefold().fillna("")
    inst = distinct["institution"].astype("str").str.strip().str.casefold().fillna("")
    has_unit = unit != ""
    seen: set[Any] = set()
    for rows in _groups_of_several(
        distinct[has_unit], [inst[has_unit], unit[has_unit], dplat[has_unit]]
    ):
        seen |= _fail_all_but_main(res, rows, "governance.reason.unit_twice", lang, unit="unit")
    # the same display name on one platform, different handles (not already reported)
    # whitespace collapsed with a regex: split/join fails on a column with no name at all
    dname = distinct["display_name"].astype("str").str.replace(r"\s+", " ", regex=True)
    dname = dname.str.strip().str.casefold()
    dname = dname.fillna("")
    has_name = dname != ""
    for rows in _groups_of_several(distinct[has_name], [dplat[has_name], dname[has_name]]):
        reason = "governance.reason.same_name"
        _fail_all_but_main(res, rows, reason, lang, skip=seen, name="display_name")
    return res


def _fail_all_but_main(
    res: CheckResult,
    rows: pd.DataFrame,
    reason: str,
    lang: str | None,
    *,
    skip: set[Any] | frozenset[Any] = frozenset(),
    **fields: str,
) -> set[Any]:
    """Fail every account of ``rows`` but the main one (and those in ``skip``).

    The ``reason`` names the account's platform, the main account's handle and, for each
    ``placeholder=column`` of ``fields``, the account's value in that column. Returns the
    failed rows.
    """
    main = _main_account(rows)
    failed = set()
    for i in rows.index:
        if i != main and i not in skip:
            failed.add(i)
            values = {key: rows.at[i, column] for key, column in fields.items()}
            res.fail(
                i,
                t(
                    reason,
                    lang,
                    **values,
                    platform=label(str(rows.at[i, "platform"]), lang),
                    main=str(rows.at[main, "handle"]).lstrip("@"),
                ),
            )
    return failed
