"""The identity checks: is the account recognisably the institution's official one.

``emblem_photo`` (the institution's emblem as profile photo), ``verified`` (verified badge),
``account_type`` (a page / business / channel, not a personal profile; the accepted words are
in ``data/governance/account_types.csv``).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..i18n import t
from ._common import _na, _read_csv
from .context import AuditContext, CheckResult, bool_check, tracked


@lru_cache(maxsize=1)
def _account_types() -> dict[str, str]:
    df = _read_csv("account_types.csv")
    return {v.strip().lower(): k.strip() for v, k in zip(df["value"], df["kind"], strict=True)}


def emblem_photo_check(ctx: AuditContext) -> CheckResult:
    """``emblem_photo``: the institution's emblem as profile photo."""
    return bool_check(ctx, "emblem_photo", "emblem_photo")


def verified_check(ctx: AuditContext) -> CheckResult:
    """``verified``: the account has the verified badge."""
    return bool_check(ctx, "verified", "verified")


def account_type_check(ctx: AuditContext) -> CheckResult:
    """``account_type``: a page, business or channel account, not a personal profile."""
    acc, original, records, lang = ctx.accounts, ctx.original, ctx.records, ctx.lang
    res = CheckResult(acc.index)
    if tracked(original, "account_type"):
        kinds = _account_types()
        for i, row in records.items():
            v = row.get("account_type")
            if _na(v) or not str(v).strip():
                res.fail(
                    i,
                    t(
                        "governance.reason.not_recorded",
                        lang,
                        what=t("governance.what.account_type", lang),
                    ),
                )
                continue
            kind = kinds.get(" ".join(str(v).strip().lower().split()))
            if kind is None:
                res.set(i, pd.NA, t("governance.reason.type_unknown", lang, value=v))
            elif kind == "personal":
                res.fail(i, t("governance.reason.account_type", lang, value=v))
            else:
                res.set(i, True)
    return res
