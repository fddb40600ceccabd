"""The period in words: headline figures for the JSON summary and plain sentences for people.

- :func:`headline`: the headline figures of a one-row :func:`~humaskit.evaluation.kpis`
  result as a plain dict (for the machine-readable summary).
- :func:`narrative`: short sentences summarising the period, each with its evidence
  (posts, reach, engagement rate, followers, the best format, category and platform).

Examples
--------
>>> import pandas as pd
>>> total = pd.DataFrame({"period": ["2025-09"], "posts": [12], "posts_change": [0.5]})
>>> narrative(total, lang="en")
['There were 12 posts this month (up 50.0% on last month).']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..i18n import label, t
from .ranking import best_format

__all__ = ["headline", "narrative"]

_HEADLINE = (
    "posts",
    "reach",
    "impressions",
    "views",
    "engagements",
    "er_by_reach",
    "er_by_impressions",
    "followers",
    "follower_growth",
    "follower_growth_rate",
)


def headline(k: pd.DataFrame) -> dict[str, Any]:
    """The headline figures of a one-row :func:`kpis` result as a plain dict (for JSON).

    Examples
    --------
    >>> import pandas as pd
    >>> headline(pd.DataFrame({"period": ["2025-09"], "posts": [3], "posts_change": [0.5]}))
    {'period': '2025-09', 'posts': 3, 'posts_change': 0.5}
    """
    row = k.iloc[0]
    out: dict[str, Any] = {"period": str(row.get("period"))}
    for key in _HEADLINE:
        if key in k.columns:
            v = row[key]
            rate = "er_" in key or key.endswith("_rate")
            out[key] = None if pd.isna(v) else (round(float(v), 6) if rate else int(v))
            prev = row.get(f"{key}_change")
            if prev is not None:
                out[f"{key}_change"] = None if pd.isna(prev) else round(float(prev), 4)
    return out


def _pct(x: float, lang: str | None) -> str:
    text = f"{x * 100:.1f}%"
    return text.replace(".", ",") if (lang or "id") == "id" else text


def _num(x: float, lang: str | None) -> str:
    text = f"{x:,.0f}"
    return text.replace(",", ".") if (lang or "id") == "id" else text


def _ratio_text(x: float, lang: str | None) -> str:
    text = f"{x:.1f}"
    return text.replace(".", ",") if (lang or "id") == "id" else text


def narrative(
    total: pd.DataFrame,
    formats: pd.DataFrame | None = None,
    categories: pd.DataFrame | None = None,
    platforms: pd.DataFrame | None = None,
    *,
    lang: str | None = None,
) -> list[str]:
    """Short plain-language sentences summarising the period, each with its evidence.

    Parameters
    ----------
    total : DataFrame
        One-row :func:`kpis` with ``compare=True``.
    formats : DataFrame, optional
        :func:`performance` by ``["platform", "post_type"]`` (formats are compared within
        the platform with the most posts).
    categories : DataFrame, optional
        :func:`performance` by ``category``.
    platforms : DataFrame, optional
        :func:`kpis` by ``platform``.
    """
    from ..i18n import resolve

    lang = resolve(lang)
    row = total.iloc[0]
    out = []

    def change_word(ch):
        if ch is None or pd.isna(ch):
            return t("evaluation.no_previous", lang)
        word = "evaluation.up" if ch >= 0 else "evaluation.down"
        return t(word, lang, pct=_pct(abs(float(ch)), lang))

    out.append(
        t(
            "evaluation.say_posts",
            lang,
            n=_num(row["posts"], lang),
            change=change_word(row.get("posts_change")),
        )
    )
    if not pd.isna(row.get("reach")):
        out.append(
            t(
                "evaluation.say_reach",
                lang,
                n=_num(row["reach"], lang),
                change=change_word(row.get("reach_change")),
            )
        )
    if not pd.isna(row.get("er_by_reach")):
        out.append(
            t(
                "evaluation.say_er",
                lang,
                er=_pct(row["er_by_reach"], lang),
                change=change_word(row.get("er_by_reach_change")),
            )
        )
    if not pd.isna(row.get("follower_growth", np.nan)):
        lost = row["follower_growth"] < 0  # "berkurang 69 orang", never "bertambah -69"
        out.append(
            t(
                "evaluation.say_followers_lost" if lost else "evaluation.say_followers",
                lang,
                n=_num(abs(row["follower_growth"]), lang),
                total=_num(row.get("followers") or 0, lang),
            )
        )
    best = best_format(formats)
    if best is not None:
        out.append(
            t(
                "evaluation.say_format",
                lang,
                platform=label(best["platform"], lang),
                best=label(best["best"], lang),
                worst=label(best["worst"], lang),
                ratio=_ratio_text(best["ratio"], lang),
            )
        )
    if categories is not None and len(categories[categories["enough_data"]]) >= 2:
        c = categories[categories["enough_data"]].dropna(subset=["median_er"])
        out.append(
            t(
                "evaluation.say_category",
                lang,
                best=label(c.iloc[0]["category"], lang),
                worst=label(c.iloc[-1]["category"], lang),
            )
        )
    if platforms is not None and len(platforms) >= 2 and "reach" in platforms:
        pl = platforms.dropna(subset=["er_by_reach"]).sort_values("er_by_reach")
        if len(pl) >= 2:
            out.append(
                t(
                    "evaluation.say_platform",
                    lang,
                    best=label(pl.iloc[-1]["platform"], lang),
                    er=_pct(pl.iloc[-1]["er_by_reach"], lang),
                )
            )
    return out
