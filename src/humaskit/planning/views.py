"""Reading a plan: does it meet a mix, counts per platform, the month grid, the plan table.

These return plain tables (headers and values in the chosen language) that notebooks and
reports show; :func:`meets_mix` is the arithmetic behind the Latihan checker
:func:`humaskit.teaching.check_mix` and the playbook's summary.

Examples
--------
>>> from humaskit.planning import draft_plan
>>> meets_mix(draft_plan("2025-10", targets={"x": 10}), (70, 20, 10), lang="en")[0]
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, resolve, t
from .data import default_mix
from .params import TONES, _shares, parse_tone_mix

__all__ = ["meets_mix", "summarize", "month_grid", "display_plan"]


def meets_mix(
    plan: Any,
    target: Sequence[float] | Mapping[str, float] = (70, 20, 10),
    *,
    column: str | None = None,
    lang: str | None = None,
) -> tuple[bool, str]:
    """Whether every platform of a plan meets a mix within one post, and why (or why not).

    Parameters
    ----------
    plan : DataFrame
        A plan (anything else is answered, not raised: a learner's answer may be anything).
    target : (information, emotion, promotion) or dict
        A tone mix such as ``(70, 20, 10)``, or ``{category: share}`` for the category mix.
    column : str, optional
        ``"tone"`` or ``"category"``; default from ``target``.

    Returns
    -------
    (bool, str)
        Whether the mix is met, and a plain message per platform; never raises on a bad
        plan or target (the message says what is wrong).

    Examples
    --------
    >>> from humaskit.planning import draft_plan
    >>> plan = draft_plan("2025-10", targets={"instagram": 20}, tone_mix=(60, 30, 10))
    >>> meets_mix(plan, (60, 30, 10), lang="en")[0]
    True
    >>> meets_mix(plan, (70, 20, 10), lang="en")[0]
    False
    """
    lang = resolve(lang)
    if not isinstance(plan, pd.DataFrame) or "platform" not in getattr(plan, "columns", []):
        return (False, t("planning.mix.not_a_plan", lang))
    if isinstance(target, Mapping):
        try:
            shares = _shares(target, "target", lang)
        except ParameterError as exc:
            return (False, str(exc))
        column = column or ("tone" if set(shares) <= set(TONES) else "category")
    else:
        try:
            shares = parse_tone_mix(target, lang=lang)
        except ParameterError as exc:
            return (False, str(exc))
        column = column or "tone"
    if column not in plan.columns:
        return (False, t("planning.mix.no_column", lang, column=column))
    if len(plan) == 0:
        return (False, t("planning.mix.empty", lang))
    total = sum(shares.values())
    lines, ok = [], True
    for platform, part in plan.groupby("platform", sort=False):
        n = len(part)
        counts = part[column].value_counts()
        bits = []
        for key, share in shares.items():
            want = n * share / total
            got = int(counts.get(key, 0))
            if abs(got - want) > 1 + 1e-9:
                ok = False
                bits.append(
                    t(
                        "planning.mix.off",
                        lang,
                        what=label(key, lang),
                        got=got,
                        want=f"{want:.1f}".replace(".", "," if lang == "id" else "."),
                    )
                )
        if bits:
            lines.append(f"{label(str(platform), lang)}: " + ", ".join(bits))
    other = set(plan[column].dropna().astype("str")) - set(shares)
    if other:
        ok = False
        lines.append(t("planning.mix.other", lang, values=", ".join(sorted(other))))
    text = ", ".join(f"{label(k, lang)} {v:g}" for k, v in shares.items())
    if ok:
        return (True, t("planning.mix.right", lang, target=text, n=len(plan)))
    return (False, t("planning.mix.wrong", lang, target=text) + " " + "; ".join(lines))


def summarize(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Count a plan per platform: posts, categories, tones, thematic days, reserve slots.

    Examples
    --------
    >>> from humaskit.planning import draft_plan
    >>> s = summarize(draft_plan("2025-10", targets={"x": 30}))
    >>> s.loc[s["platform"] == "x", ["posts", "reserve"]].values.tolist()
    [[30, 5]]
    """
    lang = resolve(lang)
    p = schema.validate(plan, "plan", lang=lang)
    rows = []
    cats = list(dict.fromkeys(list(default_mix()) + sorted(p["category"].dropna().unique())))
    for platform, part in list(p.groupby("platform", sort=False)) + [("total", p)]:
        rec: dict[str, Any] = {"platform": platform, "posts": len(part)}
        for c in cats:
            rec[c] = int((part["category"] == c).sum())
        if "tone" in part.columns:
            for tone in TONES:
                rec[tone] = int((part["tone"] == tone).sum())
        rec["fixed_date"] = int(part["fixed_date"].fillna(False).sum())
        if "reserve" in part.columns:
            rec["reserve"] = int(part["reserve"].fillna(False).astype(bool).sum())
        if "qc_status" in part.columns and part["qc_status"].notna().any():
            rec["perlu_revisi"] = int((part["qc_status"] == "perlu_revisi").sum())
        rows.append(rec)
    out = pd.DataFrame(rows)
    out["platform"] = out["platform"].astype("str")
    return out


def month_grid(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """The month at a glance: one row per day, one column per platform, the planned
    categories (and special day) in each cell.

    Examples
    --------
    >>> from humaskit.planning import draft_plan
    >>> grid = month_grid(draft_plan("2025-10", targets={"instagram": 20}), lang="en")
    >>> grid.columns.tolist()[:2], len(grid)
    (['date', 'momentum'], 31)
    """
    lang = resolve(lang)
    p = schema.validate(plan, "plan", lang=lang)
    if len(p) == 0:
        return pd.DataFrame(columns=["date", "momentum"])
    start = p["date"].min().to_period("M").start_time
    end = p["date"].max().to_period("M").end_time.normalize()
    days = pd.date_range(start, end, freq="D")
    weekdays = t("planning.weekdays", lang).split(",")
    out = pd.DataFrame({"date": [f"{weekdays[d.weekday()].strip()} {d:%d/%m}" for d in days]})
    moments = (
        p[p["fixed_date"].fillna(False)].groupby("date")["momentum"].first()
        if "momentum" in p.columns
        else pd.Series(dtype="str")
    )
    out["momentum"] = [
        moments.get(d, "") if isinstance(moments.get(d, ""), str) else "" for d in days
    ]
    for platform in [x for x in schema.PLATFORMS if x in set(p["platform"])]:
        part = p[p["platform"] == platform]
        cells = []
        for d in days:
            items = part[part["date"] == d]
            names = []
            for _, r in items.iterrows():
                text = label(str(r["category"]), lang)
                if "reserve" in items.columns and r.get("reserve") is True:
                    text = t("planning.reserve_short", lang)
                names.append(f"{text}: {label(str(r['format']), lang)}")
            cells.append(" · ".join(names))
        out[label(platform, lang)] = cells
    return out.astype("str")


def display_plan(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """The plan as people read it: one row per post with translated headers and values.

    Examples
    --------
    >>> from humaskit.planning import draft_plan
    >>> display_plan(draft_plan("2025-10", targets={"x": 2}), lang="en").columns.tolist()[:3]
    ['Date', 'Platform', 'Format']
    """
    lang = resolve(lang)
    p = schema.validate(plan, "plan", lang=lang)
    weekdays = t("planning.weekdays", lang).split(",")

    def lab(col: str) -> list[str]:
        if col not in p.columns:
            return [""] * len(p)
        return [label(v, lang) if isinstance(v, str) else "" for v in p[col]]

    view = pd.DataFrame(
        {
            label("date", lang): [f"{weekdays[d.weekday()].strip()} {d:%d/%m}" for d in p["date"]],
            label("platform", lang): lab("platform"),
            label("format", lang): lab("format"),
            label("category", lang): lab("category"),
            label("tone", lang): lab("tone"),
            label("title", lang): p["title"].fillna("").astype("str").to_numpy(),
            label("public", lang): p["public"].fillna("").astype("str").to_numpy(),
        }
    )
    return view.astype("str")
