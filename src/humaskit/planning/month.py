"""A month plan for leadership: the plan with its special days and publics, in words and figures.

:class:`MonthPlan` holds what :func:`humaskit.files.plan.month_plan` prepared for one month
(the playbook ``rencana-konten``); :func:`narrative`, :func:`headline` and
:func:`publics_view` read it.

Examples
--------
>>> month_title("2025-10", lang="en")
'October 2025'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .. import schema
from ..calendar import month_name
from ..i18n import label, resolve, t
from .params import TONES, _period
from .views import meets_mix

__all__ = ["MonthPlan", "month_title", "narrative", "headline", "publics_view"]


@dataclass
class MonthPlan:
    """Everything :func:`humaskit.files.plan.month_plan` prepared for one month.

    Attributes
    ----------
    period : pandas.Period
    plan : DataFrame
        The drafted plan (see :func:`humaskit.planning.draft_plan`).
    momentum : DataFrame
        The special days of the month (see :func:`humaskit.calendar.momentum`).
    publics : DataFrame
        The publics used: fit scores per platform when audience data was given, else the
        publics table.
    targets : dict
        Posts per platform.
    tone_mix : tuple
        The target tone mix.
    notes : list of str
        Plain sentences about choices made (e.g. a region without regional days).
    """

    period: pd.Period
    plan: pd.DataFrame
    momentum: pd.DataFrame
    publics: pd.DataFrame | None
    targets: dict[str, int]
    tone_mix: tuple[float, float, float]
    notes: list[str] = field(default_factory=list)


def month_title(month: Any, *, lang: str | None = None) -> str:
    """The month as people write it: ``"Oktober 2025"`` / ``"October 2025"``.

    Examples
    --------
    >>> month_title("2025-10", lang="id"), month_title("2025-10", lang="en")
    ('Oktober 2025', 'October 2025')
    """
    lang = resolve(lang)
    period = _period(month, lang)
    return f"{month_name(period.month, lang=lang)} {period.year}"


def _month_label(period: pd.Period, lang: str) -> str:
    return month_title(period, lang=lang)


def narrative(mp: MonthPlan, *, lang: str | None = None) -> list[str]:
    """Plain sentences describing a month plan for leadership.

    Examples
    --------
    >>> from humaskit.files.plan import month_plan
    >>> lines = narrative(month_plan("2025-10", targets={"x": 30}), lang="en")
    >>> lines[0]
    'Plan for October 2025: 30 posts on 1 platform(s).'
    """
    lang = resolve(lang)
    p = mp.plan
    lines = [
        t(
            "planning.story.total",
            lang,
            month=_month_label(mp.period, lang),
            n=len(p),
            platforms=p["platform"].nunique(),
        )
    ]
    fixed = p[p["fixed_date"].fillna(False)]
    if len(fixed):
        days = fixed.drop_duplicates("date").sort_values("date")
        names = ", ".join(f"{r.momentum} ({r.date:%d/%m})" for r in days.itertuples())
        lines.append(t("planning.story.thematic", lang, n=len(fixed), days=len(days), names=names))
    else:
        lines.append(t("planning.story.no_thematic", lang))
    n_res = int(p["reserve"].fillna(False).astype(bool).sum())
    lines.append(t("planning.story.reserve", lang, n=n_res))
    counts = p["tone"].value_counts()
    total = max(len(p), 1)
    shares = ", ".join(
        f"{label(k, lang)} {100 * counts.get(k, 0) / total:.0f}%".replace(
            ".", "," if lang == "id" else "."
        )
        for k in TONES
    )
    target = ":".join(f"{v:g}" for v in mp.tone_mix)
    lines.append(t("planning.story.tones", lang, shares=shares, target=target))
    from .presence import presence_notes

    lines.extend(presence_notes(p, lang=lang))
    if p["public"].notna().any():
        top = p["public"].value_counts().head(3)
        lines.append(
            t(
                "planning.story.publics",
                lang,
                publics=", ".join(f"{k} ({v})" for k, v in top.items()),
            )
        )
    lines.append(t("planning.story.next", lang))
    return lines + list(mp.notes)


def headline(mp: MonthPlan) -> dict[str, Any]:
    """Headline figures of a month plan (JSON-safe, no personal data) for the summary.

    Examples
    --------
    >>> from humaskit.files.plan import month_plan
    >>> headline(month_plan("2025-10", targets={"x": 30}))["posts"]
    30
    """
    p = mp.plan
    by_platform = {}
    for platform, part in p.groupby("platform", sort=False):
        by_platform[str(platform)] = {
            "posts": len(part),
            "thematic": int(part["fixed_date"].fillna(False).sum()),
            "reserve": int(part["reserve"].fillna(False).astype(bool).sum()),
            "categories": {str(k): int(v) for k, v in part["category"].value_counts().items()},
            "tones": {str(k): int(v) for k, v in part["tone"].value_counts().items()},
        }
    fixed = p[p["fixed_date"].fillna(False)].drop_duplicates("date").sort_values("date")
    return {
        "month": str(mp.period),
        "posts": len(p),
        "platforms": by_platform,
        "special_days": len(mp.momentum),
        "thematic_days": [
            {"date": f"{r.date:%Y-%m-%d}", "name": r.momentum} for r in fixed.itertuples()
        ],
        "reserve": int(p["reserve"].fillna(False).astype(bool).sum()),
        "tone_mix_target": list(mp.tone_mix),
        "tone_mix_met": meets_mix(p, mp.tone_mix)[0],
    }


def publics_view(mp: MonthPlan, *, lang: str | None = None) -> pd.DataFrame:
    """Which publics each platform serves in the plan, with the evidence from the audience.

    Examples
    --------
    >>> from humaskit.files.plan import month_plan
    >>> view = publics_view(month_plan("2025-10", targets={"x": 10}), lang="en")
    >>> view.columns.tolist()
    ['Platform', 'Public', 'Posts', 'Evidence']
    """
    lang = resolve(lang)
    p = mp.plan[mp.plan["public"].notna()]
    counts = p.groupby(["platform", "public"], sort=False).size().reset_index(name="n")
    evidence: dict[tuple[str, str], str] = {}
    table = mp.publics
    if isinstance(table, pd.DataFrame) and {"public", "platform", "evidence"} <= set(table.columns):
        for r in table.itertuples():
            evidence[(str(r.platform), str(r.public))] = str(r.evidence)
    rank = {x: i for i, x in enumerate(schema.PLATFORMS)}
    counts = counts.assign(_r=counts["platform"].map(rank)).sort_values(
        ["_r", "n"], ascending=[True, False], kind="stable"
    )
    out = pd.DataFrame(
        {
            label("platform", lang): [label(x, lang) for x in counts["platform"]],
            label("public", lang): counts["public"].astype("str").to_numpy(),
            label("posts", lang): counts["n"].astype(int).to_numpy(),
            t("planning.evidence", lang): [
                evidence.get((a, b), "")
                for a, b in zip(counts["platform"], counts["public"], strict=True)
            ],
        }
    )
    return out.reset_index(drop=True)
