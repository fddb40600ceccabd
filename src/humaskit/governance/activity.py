"""The ``active`` check: a post within ``abandoned_after_days`` days, from the posts table.

Accounts are matched to posts on platform and the inventory's ``account`` column, else its
handle or display name. Without posts the check is NA.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..fmt import fmt_date
from ..i18n import label, t
from ._common import _key, _keys
from .context import AuditContext, CheckResult


def active_check(ctx: AuditContext) -> CheckResult:
    """``active``: the account posted within the limit (its last post goes to ``ctx``)."""
    res, last_post = _activity(
        ctx.accounts, ctx.posts, ctx.today, ctx.rules.get("abandoned_after_days"), ctx.lang
    )
    ctx.last_post.update(last_post)
    return res


def _activity(
    acc: pd.DataFrame,
    posts: pd.DataFrame | None,
    ref: pd.Timestamp,
    days: int | None,
    lang: str | None,
) -> tuple[CheckResult, dict]:
    res = CheckResult(acc.index)
    last_post: dict[Any, Any] = dict.fromkeys(acc.index, pd.NaT)
    if posts is None:
        return res, last_post
    p = posts
    if p.empty:
        return res, last_post
    keys = _keys(p["account"])
    last = (
        pd.DataFrame(
            {"platform": p["platform"].astype("str"), "key": keys, "at": p["published_at"]}
        )
        .groupby(["platform", "key"])["at"]
        .max()
        .to_dict()
    )
    platforms = set(p["platform"].astype("str"))
    for i, row in acc.to_dict("index").items():
        plat = str(row["platform"])
        if plat not in platforms:
            res.set(
                i, pd.NA, t("governance.reason.no_platform_posts", lang, platform=label(plat, lang))
            )
            continue
        found = [
            last.get((plat, k))
            for k in (_key(row.get("account")), _key(row["handle"]), _key(row.get("display_name")))
            if k
        ]
        found = [f for f in found if f is not None and not pd.isna(f)]
        if not found:
            res.fail(i, t("governance.reason.no_posts", lang))
            continue
        when = max(found)
        last_post[i] = when
        gap = int((ref - when.tz_localize(None).normalize()).days)
        if days is not None and gap > days:
            res.fail(
                i,
                t(
                    "governance.reason.inactive",
                    lang,
                    days=gap,
                    limit=days,
                    date=fmt_date(when, lang),
                ),
            )
        else:
            res.set(i, True)
    return res, last_post


# ---------------------------------------------------------------------------------------
# Views of an audit
# ---------------------------------------------------------------------------------------
