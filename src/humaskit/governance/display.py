"""An audit for people: sentences, headline cards, the worst findings, translated tables.

:func:`for_display` translates the column names and yes/no values of any governance table;
numbers are written by :mod:`humaskit.fmt`. No HTML here: :mod:`humaskit.report` lays these
out.

Examples
--------
>>> import pandas as pd
>>> for_display(pd.DataFrame({"unit": ["A"], "share_carried": [0.5]}), lang="en").columns.tolist()
['Unit', 'Share carried']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..i18n import label, t
from ._common import _na
from .rules import CHECKS, check_label
from .scoring import audit_summary, findings, unit_scores

__all__ = ["describe_audit", "headline", "top_findings", "naming_suggestions", "for_display"]


def describe_audit(audit: pd.DataFrame, *, lang: str | None = None, top: int = 3) -> list[str]:
    """A few plain sentences on an audit for leadership (the most common failures first).

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit.governance import audit_accounts
    >>> acc = pd.DataFrame({"unit": ["A", "B"], "platform": "x", "handle": ["a1", "b1"],
    ...     "display_name": ["Dinas A", "Dinas B"], "two_factor": [False, True]})
    >>> describe_audit(audit_accounts(acc, today="2025-01-01"), lang="en")[0]
    '2 accounts of 2 units checked; average score 81.2 of 100; 1 of them pass every check.'
    """
    s = audit_summary(audit)
    out = [
        t(
            "governance.text.overview",
            lang,
            accounts=s["accounts"],
            units=s["units"],
            score=_fmt(s["mean_score"], lang),
            clean=s["accounts_all_passed"],
        )
    ]
    common = sorted(((n, c) for c, n in s["failed_by_check"].items() if n), reverse=True)
    for n, check in common[:top]:
        out.append(
            t(
                "governance.text.common",
                lang,
                check=check_label(check, lang),
                n=n,
                total=s["accounts"],
            )
        )
    units = unit_scores(audit, lang=lang)
    if len(units) > 1 and units["score"].notna().any():
        worst = units.iloc[0]
        out.append(
            t(
                "governance.text.worst_unit",
                lang,
                unit=worst["unit"],
                score=_fmt(worst["score"], lang),
                issue=worst["top_issue"] if not _na(worst["top_issue"]) else "-",
            )
        )
    if not common:
        out.append(t("governance.text.all_good", lang))
    return out


def headline(audit: pd.DataFrame, *, lang: str | None = None) -> list[tuple[str, str, Any]]:
    """Headline figures as ``(label, value, None)`` for :func:`humaskit.report.cards`.

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit.governance import audit_accounts
    >>> acc = pd.DataFrame({"unit": ["A"], "platform": ["x"], "handle": ["a1"],
    ...     "display_name": ["Dinas A"], "two_factor": [False]})
    >>> [v for _, v, _ in headline(audit_accounts(acc, today="2025-01-01"), lang="en")]
    ['1', '1', '62.5', '0', '1']
    """
    s = audit_summary(audit)
    return [
        (t("governance.card.accounts", lang), str(s["accounts"]), None),
        (t("governance.card.units", lang), str(s["units"]), None),
        (t("governance.card.score", lang), _fmt(s["mean_score"], lang), None),
        (t("governance.card.clean", lang), str(s["accounts_all_passed"]), None),
        (t("governance.card.findings", lang), str(s["findings"]), None),
    ]


def top_findings(audit: pd.DataFrame, n: int = 30, *, lang: str | None = None) -> pd.DataFrame:
    """The ``n`` most serious findings, with translated headers, ready for a report.

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit.governance import audit_accounts
    >>> acc = pd.DataFrame({"unit": ["A"], "platform": ["x"], "handle": ["a1"],
    ...     "display_name": ["Dinas A"], "two_factor": [False]})
    >>> list(top_findings(audit_accounts(acc, today="2025-01-01"), lang="en").columns)
    ['Unit', 'Platform', 'Handle', 'Check', 'Reason', 'Score']
    """
    f = findings(audit, lang=lang).head(int(n))
    cols = [
        c
        for c in ("unit", "platform", "handle", "check_label", "reason", "score")
        if c in f.columns
    ]
    return for_display(f[cols], lang=lang)


def naming_suggestions(audit: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Accounts with a suggested display name or handle (naming or abbreviation findings).

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit.governance import audit_accounts
    >>> acc = pd.DataFrame({"institution": "Kota X", "unit": ["PU", "PU", "Kesehatan"],
    ...     "platform": ["instagram", "facebook", "x"], "handle": ["a", "b", "c"],
    ...     "display_name": ["Dinas PU Kota X", "Dinas Pekerjaan Umum Kota X",
    ...                      "Dinas Kesehatan Kota X"]})
    >>> naming_suggestions(audit_accounts(acc, today="2025-01-01"))["suggested_name"].tolist()
    ['Dinas Pekerjaan Umum Kota X']
    """
    has = audit["suggested_name"].notna() | audit["suggested_handle"].notna()
    cols = ["unit", "platform", "handle", "display_name", "suggested_name", "suggested_handle"]
    return audit.loc[has, cols].reset_index(drop=True)


def _fmt(x: Any, lang: str | None) -> str:
    if x is None or _na(x):
        return "-"
    text = f"{float(x):.1f}"
    return text.replace(".", ",") if (lang or _lang()) == "id" else text


def _lang() -> str:
    from ..i18n import get_language

    return get_language()


_DISPLAY_BOOL = {True: "common.yes", False: "common.no"}
#: Shares (0-1) shown as percentages by :func:`for_display`.
_PCT_COLUMNS = {"share", "share_carried", "posts_share"}


def for_display(table: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Return ``table`` with translated column names and yes/no text, ready to show or send.

    Works on any table of this module. ``<check>_ok`` columns take the check's name,
    ``<check>_reason`` columns "reason: <check>"; shares become percentages.

    Examples
    --------
    >>> import pandas as pd
    >>> for_display(pd.DataFrame({"handle": ["a"], "two_factor_ok": [False]}), lang="en").columns.tolist()
    ['Handle', 'Two-factor authentication']
    """
    out = table.copy()
    names = {}
    for c in out.columns:
        c = str(c)
        if c.endswith("_ok") and c[:-3] in CHECKS:
            names[c] = check_label(c[:-3], lang)
        elif c.endswith("_reason") and c[:-7] in CHECKS:
            names[c] = t("governance.col.reason_of", lang, check=check_label(c[:-7], lang))
        elif f"governance.col.{c}" in _catalogue():
            names[c] = t(f"governance.col.{c}", lang)
        else:
            names[c] = label(c, lang)
        s = out[c]
        if pd.api.types.is_bool_dtype(s.dtype):
            out[c] = s.map(lambda v: "–" if _na(v) else t(_DISPLAY_BOOL[bool(v)], lang)).astype(
                "str"
            )
        elif c == "platform":
            out[c] = s.map(lambda v: v if _na(v) else label(str(v), lang)).astype("str")
        elif c == "field":  # which name a pattern is about (handle / display_name)
            out[c] = s.map(lambda v: v if _na(v) else t(f"governance.col.{v}", lang)).astype("str")
        elif c in _PCT_COLUMNS and pd.api.types.is_numeric_dtype(s.dtype):
            from ..fmt import fmt_pct

            out[c] = s.map(lambda v: fmt_pct(v, lang)).astype("str")
        elif isinstance(s.dtype, pd.DatetimeTZDtype):
            out[c] = s.dt.tz_convert("Asia/Jakarta").dt.strftime("%Y-%m-%d %H:%M").astype("str")
    out = out.rename(columns=names)
    if out.index.name == "unit":
        out.index.name = t("governance.col.unit", lang)
    return out


def _catalogue():
    from ..i18n import catalogue

    return catalogue()
