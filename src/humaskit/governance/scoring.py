"""Scores and findings from an audit: per account, per unit, units x checks, headline figures.

Examples
--------
>>> import pandas as pd
>>> from humaskit.governance import audit_accounts
>>> acc = pd.DataFrame({"unit": ["A"], "platform": ["x"], "handle": ["a1"],
...     "display_name": ["Dinas A"], "two_factor": [False]})
>>> findings(audit_accounts(acc, today="2025-01-01"))["check"].tolist()
['two_factor']
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from ..i18n import t
from ._common import _na
from .rules import CHECKS, _checks_table, check_label

__all__ = ["findings", "findings_by_unit", "unit_scores", "scorecard", "audit_summary"]


def findings(audit: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """One row per failed check, the most serious first (weight, then lowest score).

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit.governance import audit_accounts
    >>> acc = pd.DataFrame({"unit": ["Dinkes"], "platform": ["x"], "handle": ["dinkes"],
    ...     "display_name": ["Dinas Kesehatan"], "two_factor": [False], "verified": [False]})
    >>> f = findings(audit_accounts(acc, today="2025-01-01", lang="en"), lang="en")
    >>> f["check"].tolist(), f.loc[0, "check_label"]
    (['two_factor', 'verified'], 'Two-factor authentication')
    """
    weights = dict(zip(_checks_table()["check"], _checks_table()["weight"], strict=True))
    rows = []
    ident = [
        c
        for c in ("institution", "unit", "platform", "handle", "display_name", "source_row")
        if c in audit.columns
    ]
    for idx, rec in audit.iterrows():
        for check in CHECKS:
            ok = rec.get(f"{check}_ok")
            if not _na(ok) and not bool(ok):
                row = {c: rec[c] for c in ident}
                row.update(
                    {
                        "check": check,
                        "check_label": check_label(check, lang),
                        "reason": rec.get(f"{check}_reason"),
                        "weight": weights.get(check, 1.0),
                        "score": rec.get("score"),
                        "account_index": idx,
                    }
                )
                rows.append(row)
    cols = ident + ["check", "check_label", "reason", "weight", "score"]
    if not rows:
        out = pd.DataFrame({c: pd.Series([], dtype="str") for c in cols})
        out["weight"] = out["weight"].astype("Float64")
        out["score"] = out["score"].astype("Float64")
        return out
    out = pd.DataFrame(rows)
    order = {c: i for i, c in enumerate(CHECKS)}
    out["_o"] = out["check"].map(order)
    out = out.sort_values(
        ["weight", "score", "account_index", "_o"],
        ascending=[False, True, True, True],
        kind="stable",
    )
    out = out[cols].reset_index(drop=True)
    for c in ("check", "check_label", "reason"):
        out[c] = out[c].astype("str")
    out["weight"] = out["weight"].astype("Float64")
    out["score"] = out["score"].astype("Float64")
    return out


def _unit_label(value: Any, lang: str | None) -> str:
    return t("governance.no_unit", lang) if _na(value) or not str(value).strip() else str(value)


def findings_by_unit(audit: pd.DataFrame, *, lang: str | None = None) -> dict[str, pd.DataFrame]:
    """The findings split per unit (``{unit: findings}``), units in :func:`unit_scores` order.

    A unit with no finding gets an empty table, so every admin receives a sheet.

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit.governance import audit_accounts
    >>> acc = pd.DataFrame({"unit": ["A", "B"], "platform": "x", "handle": ["a1", "b1"],
    ...     "display_name": ["Dinas A", "Dinas B"], "two_factor": [False, True]})
    >>> {k: len(v) for k, v in findings_by_unit(audit_accounts(acc, today="2025-01-01")).items()}
    {'A': 1, 'B': 0}
    """
    f = findings(audit, lang=lang)
    units = unit_scores(audit, lang=lang)["unit"].tolist()
    keys = f["unit"].map(lambda v: _unit_label(v, lang)) if len(f) else pd.Series([], dtype="str")
    out = {}
    for u in units:
        out[u] = f[keys == u].drop(columns=["unit"]).reset_index(drop=True)
    return out


def unit_scores(audit: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Score per unit, worst first.

    Returns
    -------
    DataFrame
        ``institution``, ``unit`` (accounts without a unit are grouped under one label),
        ``accounts``, ``score`` (mean of the accounts' scores), ``lowest``, ``findings``
        (failed checks), ``top_issue`` (the check failed most often in the unit).

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit.governance import audit_accounts
    >>> acc = pd.DataFrame({"unit": ["A", "A", "B"], "platform": ["x", "facebook", "x"],
    ...     "handle": ["a1", "a2", "b1"], "display_name": ["Dinas A", "Dinas A", "Dinas B"],
    ...     "two_factor": [False, True, True]})
    >>> unit_scores(audit_accounts(acc, today="2025-01-01"), lang="en")[["unit", "findings"]].values.tolist()
    [['A', 1], ['B', 0]]
    """
    a = audit.copy()
    a["unit"] = a["unit"].map(lambda v: _unit_label(v, lang)).astype("str")
    if "institution" not in a:
        a["institution"] = pd.NA
    a["institution"] = a["institution"].astype("str")
    rows = []
    for (inst, unit), g in a.groupby(["institution", "unit"], sort=False, dropna=False):
        fails = Counter()
        for check in CHECKS:
            col = g[f"{check}_ok"]
            n = int((col.notna() & ~col.fillna(True).astype(bool)).sum())
            if n:
                fails[check] = n
        top = fails.most_common(1)[0][0] if fails else None
        rows.append(
            {
                "institution": inst,
                "unit": unit,
                "accounts": len(g),
                "score": g["score"].mean(),
                "lowest": g["score"].min(),
                "findings": int(g["failed"].sum()),
                "top_issue": check_label(top, lang) if top else pd.NA,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=["institution", "unit", "accounts", "score", "lowest", "findings", "top_issue"],
    )
    out = out.astype(
        {
            "institution": "str",
            "unit": "str",
            "accounts": "Int64",
            "score": "Float64",
            "lowest": "Float64",
            "findings": "Int64",
            "top_issue": "str",
        }
    )
    out["score"] = out["score"].round(1)
    return out.sort_values(
        ["score", "findings"], ascending=[True, False], ignore_index=True, na_position="last"
    )


def scorecard(audit: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Units x checks: the share of the unit's accounts that pass each check (NA = not checked).

    Rows are units (worst first, as in :func:`unit_scores`), columns the checks that were
    made for at least one account.

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit.governance import audit_accounts
    >>> acc = pd.DataFrame({"unit": ["A", "A"], "platform": ["x", "facebook"],
    ...     "handle": ["a1", "a2"], "display_name": ["Dinas A", "Dinas A"],
    ...     "two_factor": [False, True]})
    >>> float(scorecard(audit_accounts(acc, today="2025-01-01")).loc["A", "two_factor"])
    0.5
    """
    a = audit.copy()
    a["unit"] = a["unit"].map(lambda v: _unit_label(v, lang))
    data = {}
    for check in CHECKS:
        col = a[f"{check}_ok"]
        if col.notna().any():
            data[check] = col.astype("Float64").groupby(a["unit"], sort=False).mean()
    out = pd.DataFrame(data)
    order = unit_scores(audit, lang=lang)["unit"].tolist()
    out = out.reindex([u for u in order if u in out.index])
    out.index.name = "unit"
    return out.astype("Float64")


def audit_summary(audit: pd.DataFrame) -> dict[str, Any]:
    """Headline figures of an audit (JSON-safe, no personal data) for a playbook summary.

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit.governance import audit_accounts
    >>> acc = pd.DataFrame({"unit": ["A"], "platform": ["x"], "handle": ["a1"],
    ...     "display_name": ["Dinas A"], "two_factor": [False]})
    >>> s = audit_summary(audit_accounts(acc, today="2025-01-01"))
    >>> s["accounts"], s["failed_by_check"]["two_factor"]
    (1, 1)
    """
    by_check = {}
    passed_share = {}
    for check in CHECKS:
        col = audit[f"{check}_ok"]
        if col.notna().any():
            by_check[check] = int((col.notna() & ~col.fillna(True).astype(bool)).sum())
            passed_share[check] = round(float(col.dropna().astype(bool).mean()), 4)
    units = unit_scores(audit)
    return {
        "today": audit.attrs.get("today"),
        "accounts": int(len(audit)),
        "units": int(len(units)),
        "mean_score": None
        if audit["score"].isna().all()
        else round(float(audit["score"].mean()), 1),
        "accounts_all_passed": int((audit["failed"] == 0).sum()),
        "findings": int(audit["failed"].sum()),
        "failed_by_check": by_check,
        "passed_share": passed_share,
        "unit_scores": {
            str(u): (None if pd.isna(s) else float(s))
            for u, s in zip(units["unit"], units["score"], strict=True)
        },
    }
