"""Coverage before comparison: is the previous period covered like the current one?

A change against the previous period means something only when both periods hold data on
about the same days. An export that starts on the last day of August makes August look
like one day of posting, and September "▲ 10.600 %". The days an account's data covers are
the days between its first and its last record (a post or a daily figure) in the data;
a window's covered days are the days of that stretch inside the window. The previous
period is comparable when its covered days are at least :data:`MIN_COVERED_SHARE` of the
current period's, per account, per platform, or over the whole selection.

Examples
--------
>>> import pandas as pd
>>> from humaskit.evaluation import window
>>> posts = pd.DataFrame({"platform": ["x", "x"], "account": ["a", "a"],
...     "published_at": pd.to_datetime(["2025-08-31 10:00", "2025-09-20 10:00"], utc=True)})
>>> cov = covered_days(posts, window("2025-09"), by=[])
>>> int(cov["days_covered"].iloc[0]), int(cov["days_covered_prev"].iloc[0])
(20, 1)
>>> bool(cov["comparable"].iloc[0])
False
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..fmt import fmt_number
from ..i18n import t
from ._common import Window
from ._memo import fingerprint, remembered

__all__ = ["MIN_COVERED_SHARE", "covered_days", "spans", "comparison_note"]

#: The previous period is comparable when it covers at least this share of the days the
#: current period covers (per account/platform).
MIN_COVERED_SHARE = 0.75


def _tables(data: Any) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    if isinstance(data, pd.DataFrame):
        return data, None
    return data.posts, getattr(data, "daily", None)


def spans(data: Any, tz: str = "Asia/Jakarta") -> pd.DataFrame:
    """First and last local day with data (a post or a daily figure) per platform/account.

    Examples
    --------
    >>> from humaskit import samples
    >>> s = spans(samples.workspace())
    >>> list(s.columns), len(s) > 5
    (['platform', 'account', 'first', 'last'], True)
    """
    posts, daily = _tables(data)
    key = (  # the same for each kpis call of a report: computed once (see _memo)
        "spans",
        tz,
        fingerprint(posts, ["platform", "account", "published_at"]),
        fingerprint(daily, ["platform", "account", "date"]),
    )
    return remembered(key, lambda: _spans(posts, daily, tz))


def _spans(posts: pd.DataFrame, daily: pd.DataFrame | None, tz: str) -> pd.DataFrame:
    parts = []
    if len(posts) and {"platform", "account", "published_at"} <= set(posts.columns):
        times = pd.to_datetime(posts["published_at"], utc=True, errors="coerce")
        days = times.dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
        parts.append(
            pd.DataFrame(
                {
                    "platform": posts["platform"].to_numpy(),
                    "account": posts["account"].to_numpy(),
                    "day": days.to_numpy(),
                }
            )
        )
    if daily is not None and len(daily) and {"platform", "account", "date"} <= set(daily.columns):
        days = pd.to_datetime(daily["date"], errors="coerce").dt.normalize()
        parts.append(
            pd.DataFrame(
                {
                    "platform": daily["platform"].to_numpy(),
                    "account": daily["account"].to_numpy(),
                    "day": days.to_numpy(),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["platform", "account", "first", "last"])
    allp = pd.concat(parts, ignore_index=True).dropna(subset=["day"])
    allp["platform"] = allp["platform"].astype("object").fillna("-")
    allp["account"] = allp["account"].astype("object").fillna("-")
    out = allp.groupby(["platform", "account"], sort=True)["day"].agg(["min", "max"])
    return out.rename(columns={"min": "first", "max": "last"}).reset_index()


def _days_in(sp: pd.DataFrame, win: Window) -> np.ndarray:
    start = win.start.tz_localize(None).normalize()
    end = win.end.tz_localize(None).normalize() - pd.Timedelta(days=1)  # inclusive
    lo = sp["first"].where(sp["first"] > start, start)
    hi = sp["last"].where(sp["last"] < end, end)
    days = ((hi - lo) / pd.Timedelta(days=1)).to_numpy(dtype="float64") + 1
    return np.clip(np.nan_to_num(days, nan=0.0), 0, None).astype("int64")


def covered_days(data: Any, win: Window, by: list[str] | None = None) -> pd.DataFrame:
    """Days with data in ``win`` and in the window before, and whether they compare.

    ``by`` may hold ``platform`` and/or ``account``; any other grouping is judged over the
    whole selection (one row, no group columns): comparable when every account is, else
    the days of the account whose previous period is shortest.

    Returns
    -------
    DataFrame
        The group columns, ``days_covered``, ``days_covered_prev`` and ``comparable``.
    """
    keys = [b for b in (by or []) if b in ("platform", "account")]
    if len(keys) != len(by or []):
        keys = []
    sp = spans(data, tz=win.tz)
    sp["days_covered"] = _days_in(sp, win) if len(sp) else 0
    sp["days_covered_prev"] = _days_in(sp, win.previous()) if len(sp) else 0
    cols = ["days_covered", "days_covered_prev"]
    sp["comparable"] = _comparable(sp)
    if keys:
        out = sp.groupby(keys, sort=True)[cols].sum().reset_index()
        out["comparable"] = _comparable(out)
        return out
    # the whole selection compares only when every account does; when one does not, its
    # days are the ones shown (a team sees which account's export is short)
    bad = sp[~sp["comparable"]]
    if len(bad):
        worst = bad.assign(r=bad["days_covered_prev"] / bad["days_covered"]).nsmallest(1, "r")
        return worst[cols].reset_index(drop=True).assign(comparable=False)
    out = pd.DataFrame({c: [int(sp[c].sum()) if len(sp) else 0] for c in cols})
    out["comparable"] = True
    return out


def _comparable(df: pd.DataFrame) -> pd.Series:
    return (df["days_covered"] == 0) | (
        df["days_covered_prev"] >= MIN_COVERED_SHARE * df["days_covered"]
    )


def comparison_note(k: pd.DataFrame, *, lang: str | None = None) -> str:
    """One sentence saying why changes against the previous period are left blank, or "".

    ``k`` is a :func:`humaskit.evaluation.kpis` result (with ``compare=True``).

    Examples
    --------
    >>> k = pd.DataFrame({"period": ["2025-09"], "days_covered": [30],
    ...                   "days_covered_prev": [1], "comparable": [False]})
    >>> comparison_note(k, lang="id")
    'Perubahan dibanding periode sebelumnya dikosongkan karena periode sebelumnya hanya ada data 1 hari, sedangkan periode ini 30 hari.'
    """
    if "comparable" not in k.columns or k["comparable"].fillna(True).all():
        return ""
    bad = k[~k["comparable"].fillna(True).astype(bool)]
    groups = [c for c in ("platform", "account") if c in k.columns]
    prev = fmt_number(int(bad["days_covered_prev"].min()), lang)
    cur = fmt_number(int(bad["days_covered"].max()), lang)
    if int(bad["days_covered_prev"].max()) == 0 and not groups:
        return t("evaluation.not_comparable_none", lang)
    if groups:
        names = ", ".join(" ".join(str(r[g]) for g in groups) for _, r in bad.iterrows())
        return t("evaluation.not_comparable_groups", lang, prev=prev, cur=cur, groups=names)
    return t("evaluation.not_comparable", lang, prev=prev, cur=cur)
