"""Recommendations: plain sentences with their evidence, each tied to the SOP it changes.

:func:`recommendations` reads the results of the other evaluation steps and writes the
findings a head of office can act on, most urgent first, for example::

    Di Instagram, format Reels mendapat engagement rate 2,3x Foto/feed; tambah porsi Reels.
    42% aduan jalan tidak dijawab dalam 24 jam (51 dari 121); ...

Each row names the SOP it feeds back into (layanan aduan, produksi konten, pemantauan
isu, sosialisasi program, target tim). Every rule only speaks when it has enough data
(thresholds are parameters); none invents a finding.

Examples
--------
>>> import pandas as pd
>>> resp = pd.DataFrame({"route_topic": ["jalan"], "unit": ["Dinas PU"], "due": [121],
...     "within_limit": [70]})
>>> rec = recommendations(response_by_topic=resp, lang="id")
>>> rec.loc[0, "sentence"].startswith("42% aduan dan pertanyaan jalan")
True
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..fmt import fmt_number, fmt_pct
from ..i18n import label, resolve, t
from .ranking import best_format

__all__ = ["recommendations", "fmt_kpi", "topic_label"]

_COLUMNS = ["priority", "area", "sentence", "evidence", "sop"]


def _ratio(x: float, lang: str) -> str:
    return fmt_number(x, lang, 1)


def topic_label(name: Any, lang: str | None = None) -> str:
    """A routing topic (``jalan``, ``sampah``...) in the chosen language.

    Topics without a translation are shown with spaces for underscores.

    Examples
    --------
    >>> topic_label("jalan", "en"), topic_label("pasar_baru", "en")
    ('roads', 'pasar baru')
    """
    lang = resolve(lang)
    key = f"evaluation.topic.{name}"
    text = t(key, lang)
    return str(name).replace("_", " ") if text == key else text


def _add(
    rows: list, priority: int, area: str, sentence: str, evidence: str, sop: str, lang: str
) -> None:
    rows.append(
        {
            "priority": priority,
            "area": area,
            "sentence": sentence,
            "evidence": evidence,
            "sop": t(f"evaluation.sop.{sop}", lang),
        }
    )


def recommendations(
    *,
    formats: pd.DataFrame | None = None,
    categories: pd.DataFrame | None = None,
    total: pd.DataFrame | None = None,
    response_by_topic: pd.DataFrame | None = None,
    response_by_unit: pd.DataFrame | None = None,
    late: pd.DataFrame | None = None,
    sentiment: pd.DataFrame | None = None,
    issues: pd.DataFrame | None = None,
    rising: pd.DataFrame | None = None,
    programme: pd.DataFrame | None = None,
    programme_name: str = "",
    targets: pd.DataFrame | None = None,
    benchmarks: pd.DataFrame | None = None,
    limit_hours: float = 24,
    min_due: int = 10,
    min_ratio: float = 1.3,
    max_late_share: float = 0.2,
    lang: str | None = None,
) -> pd.DataFrame:
    """Findings and what to change, most urgent first.

    Parameters
    ----------
    formats, categories : DataFrame, optional
        :func:`performance` by ``["platform", "post_type"]`` and by ``category``.
    total : DataFrame, optional
        One-row :func:`kpis` (with the change against the previous period).
    response_by_topic, response_by_unit : DataFrame, optional
        :func:`responsiveness` by ``route_topic`` (with ``unit``) and by ``unit``.
    late : DataFrame, optional
        :func:`overdue`.
    sentiment : DataFrame, optional
        :func:`sentiment_summary`.
    issues, rising : DataFrame, optional
        :func:`issues` and :func:`rising_keywords`.
    programme : DataFrame, optional
        :func:`programme_mentions` of the programme named ``programme_name``.
    targets, benchmarks : DataFrame, optional
        :func:`against_targets` and :func:`against_benchmarks`.
    min_due : int
        Smallest number of due mentions for a topic or unit to be judged.
    min_ratio : float
        Smallest ratio between formats (or categories) worth a recommendation.
    max_late_share : float
        Topics with more late answers than this share are reported.

    Returns
    -------
    DataFrame
        ``priority`` (1 = act now, 2 = plan, 3 = consider), ``area``, ``sentence``,
        ``evidence``, ``sop``.
    """
    lang = resolve(lang)
    rows: list[dict[str, Any]] = []
    limit = fmt_number(limit_hours, lang)

    # -- answering citizens (SOP layanan aduan)
    if late is not None and len(late):
        oldest = float(late["age_hours"].max())
        units = late["unit"].value_counts()
        _add(
            rows,
            1,
            "response",
            t(
                "evaluation.rec.overdue",
                lang,
                n=len(late),
                limit=limit,
                unit=units.index[0],
                unit_n=int(units.iloc[0]),
            ),
            t("evaluation.rec.overdue_ev", lang, hours=fmt_number(oldest, lang)),
            "response",
            lang,
        )
    if response_by_topic is not None and len(response_by_topic):
        r = _per_topic(response_by_topic)
        r = r[r["due"] >= min_due]
        r["_late"] = 1 - r["within_limit"] / r["due"]
        r = r[r["_late"] > max_late_share].sort_values("_late", ascending=False).head(3)
        for _, row in r.iterrows():
            n_late = int(row["due"]) - int(row["within_limit"])
            _add(
                rows,
                1 if row["_late"] >= 0.3 else 2,
                "response",
                t(
                    "evaluation.rec.topic_late",
                    lang,
                    pct=fmt_pct(row["_late"], lang, 0),
                    topic=topic_label(row["route_topic"], lang),
                    limit=limit,
                    unit=row["unit"],
                ),
                t("evaluation.rec.topic_late_ev", lang, n=n_late, due=int(row["due"])),
                "response",
                lang,
            )
    if response_by_unit is not None and len(response_by_unit):
        u = response_by_unit[response_by_unit["answered"].astype("float64") >= min_due]
        u = u.dropna(subset=["median_response_hours"])
        if len(u) >= 2:
            slow = u.sort_values("median_response_hours", ascending=False).iloc[0]
            # the unit to learn from carries a real share of the work, not a handful
            answered = u["answered"].astype("float64")
            busy = u[answered >= max(float(min_due), 0.25 * float(answered.median()))]
            fast = (busy if len(busy) else u).sort_values("median_response_hours").iloc[0]
            if float(slow["median_response_hours"]) > limit_hours / 4:
                _add(
                    rows,
                    2,
                    "response",
                    t(
                        "evaluation.rec.slow_unit",
                        lang,
                        unit=slow["unit"],
                        hours=fmt_number(slow["median_response_hours"], lang, 1),
                        fast=fast["unit"],
                        fast_hours=fmt_number(fast["median_response_hours"], lang, 1),
                    ),
                    t(
                        "evaluation.rec.slow_unit_ev",
                        lang,
                        n=int(slow["answered"]),
                        p90=fmt_number(slow["p90_response_hours"], lang, 1),
                    ),
                    "response",
                    lang,
                )

    # -- programmes on the ground (SOP sosialisasi program)
    if programme is not None and len(programme):
        bad = programme[programme["not_served"]]
        share = len(bad) / len(programme)
        if len(bad) >= 5 and share >= 0.1:
            places = bad["place"].value_counts()
            _add(
                rows,
                1 if share >= 0.25 else 2,
                "programme",
                t(
                    "evaluation.rec.programme",
                    lang,
                    n=len(bad),
                    programme=programme_name or ", ".join(programme.attrs.get("keywords", [])),
                    place=places.index[0],
                ),
                t(
                    "evaluation.rec.programme_ev",
                    lang,
                    pct=fmt_pct(share, lang, 0),
                    total=len(programme),
                    place_n=int(places.iloc[0]),
                ),
                "programme",
                lang,
            )

    # -- what the public says (SOP pemantauan isu)
    if sentiment is not None and len(sentiment):
        s = sentiment.iloc[0]
        ch = s.get("net_sentiment_change")
        if ch is not None and not pd.isna(ch) and float(ch) <= -0.05:
            _add(
                rows,
                2,
                "sentiment",
                t(
                    "evaluation.rec.sentiment_down",
                    lang,
                    pts=fmt_number(abs(float(ch)) * 100, lang, 0),
                    now=fmt_number(s["net_sentiment"], lang, 2),
                ),
                t(
                    "evaluation.rec.sentiment_ev",
                    lang,
                    n=int(s["mentions"]),
                    neg=fmt_pct(s["negative_share"], lang, 0),
                ),
                "monitoring",
                lang,
            )
    if issues is not None and len(issues):
        neg = issues[(issues["negative"].astype("float64") >= 0.5) & (issues["size"] >= min_due)]
        if len(neg):
            top = neg.sort_values("size", ascending=False).iloc[0]
            _add(
                rows,
                2,
                "sentiment",
                t("evaluation.rec.issue", lang, label=top["label"]),
                t(
                    "evaluation.rec.issue_ev",
                    lang,
                    n=int(top["size"]),
                    neg=fmt_pct(top["negative"], lang, 0),
                ),
                "monitoring",
                lang,
            )
    if rising is not None and len(rising):
        top = rising.iloc[0]
        if float(top["change"]) >= 0.005 and int(top["count"]) >= min_due:
            _add(
                rows,
                2,
                "sentiment",
                t("evaluation.rec.rising", lang, term=top["term"]),
                t(
                    "evaluation.rec.rising_ev",
                    lang,
                    n=int(top["count"]),
                    pts=fmt_number(float(top["change"]) * 100, lang, 1),
                ),
                "monitoring",
                lang,
            )

    # -- content (SOP produksi konten)
    best = best_format(formats)
    if best is not None and best["ratio"] >= min_ratio:
        _add(
            rows,
            2,
            "content",
            t(
                "evaluation.rec.format",
                lang,
                platform=label(best["platform"], lang),
                best=label(best["best"], lang),
                worst=label(best["worst"], lang),
                ratio=_ratio(best["ratio"], lang),
            ),
            t(
                "evaluation.rec.format_ev",
                lang,
                best_er=fmt_pct(best["best_er"], lang),
                worst_er=fmt_pct(best["worst_er"], lang),
                n1=best["best_posts"],
                n2=best["worst_posts"],
            ),
            "content",
            lang,
        )
    if categories is not None and len(categories):
        c = categories[categories["enough_data"]].dropna(subset=["median_er"])
        if len(c) >= 2 and float(c.iloc[-1]["median_er"]) > 0:
            ratio = float(c.iloc[0]["median_er"] / c.iloc[-1]["median_er"])
            if ratio >= min_ratio:
                _add(
                    rows,
                    3,
                    "content",
                    t(
                        "evaluation.rec.category",
                        lang,
                        best=label(c.iloc[0]["category"], lang),
                        worst=label(c.iloc[-1]["category"], lang),
                        ratio=_ratio(ratio, lang),
                    ),
                    t(
                        "evaluation.rec.category_ev",
                        lang,
                        best_er=fmt_pct(c.iloc[0]["median_er"], lang),
                        worst_er=fmt_pct(c.iloc[-1]["median_er"], lang),
                    ),
                    "content",
                    lang,
                )
    if total is not None and len(total):
        ch = total.iloc[0].get("er_by_reach_change")
        if ch is not None and not pd.isna(ch) and float(ch) <= -0.15:
            _add(
                rows,
                2,
                "content",
                t("evaluation.rec.er_down", lang, pct=fmt_pct(abs(float(ch)), lang, 0)),
                t(
                    "evaluation.rec.er_down_ev",
                    lang,
                    er=fmt_pct(total.iloc[0]["er_by_reach"], lang),
                ),
                "content",
                lang,
            )

    # -- targets and references
    if targets is not None and len(targets):
        missed = targets[targets["met"].fillna(True).eq(False)]
        for _, row in missed.iterrows():
            _add(
                rows,
                2,
                "targets",
                t(
                    "evaluation.rec.target",
                    lang,
                    kpi=label(row["kpi"], lang),
                    value=fmt_kpi(row["kpi"], row["value"], lang),
                    target=fmt_kpi(row["kpi"], row["target"], lang),
                    where=_where(row["platform"], lang),
                ),
                t("evaluation.rec.target_ev", lang),
                "targets",
                lang,
            )
    if benchmarks is not None and len(benchmarks):
        worse = benchmarks[(benchmarks["status"] == "worse") & (benchmarks["kind"] == "published")]
        for _, row in worse.head(2).iterrows():
            _add(
                rows,
                3,
                "targets",
                t(
                    "evaluation.rec.benchmark",
                    lang,
                    kpi=label(row["kpi"], lang),
                    where=_where(row["platform"], lang),
                    value=fmt_kpi(row["kpi"], row["value"], lang),
                    ref=fmt_kpi(row["kpi"], row["benchmark"], lang),
                ),
                t(
                    "evaluation.rec.benchmark_ev",
                    lang,
                    source=row["source"],
                    year=row["year"],
                    approx=t("evaluation.approximate", lang) if row["approximate"] else "",
                ),
                "targets",
                lang,
            )

    out = pd.DataFrame(rows, columns=_COLUMNS)
    out["area"] = out["area"].astype("str")
    out = out.sort_values(["priority"], kind="stable").reset_index(drop=True)
    out["priority"] = out["priority"].astype("int64")
    return out


def _per_topic(resp: pd.DataFrame) -> pd.DataFrame:
    """Due and in-time counts per routed topic, with the unit answering most of them.

    The routing table's default topic (mentions routed by account, not by a keyword) is
    left out: it is not a topic a unit can prepare for.
    """
    from .routing import routing_table

    table = routing_table()
    default = set(table.loc[table["keyword"] == "*", "topic"])
    r = resp[~resp["route_topic"].isin(default)].copy()
    r["due"] = r["due"].astype("float64")
    r["within_limit"] = r["within_limit"].astype("float64")
    if "unit" not in r.columns:
        unit_of = table.drop_duplicates("topic").set_index("topic")["unit"]
        r["unit"] = r["route_topic"].map(unit_of).fillna("")
    main = r.sort_values("due", ascending=False).drop_duplicates("route_topic")
    g = r.groupby("route_topic", observed=True)[["due", "within_limit"]].sum()
    g["unit"] = main.set_index("route_topic")["unit"].reindex(g.index)
    return g.reset_index()


def _where(platform: Any, lang: str) -> str:
    if platform in (None, "", "all") or pd.isna(platform):
        return t("evaluation.all_platforms", lang)
    return label(str(platform), lang)


def fmt_kpi(kpi: str, value: Any, lang: str | None = None) -> str:
    """A KPI value written in its unit (``data/evaluation/kpis.csv``): %, hours, index...

    Missing values are written ``–``.

    Examples
    --------
    >>> fmt_kpi("within_limit_share", 0.72, "en"), fmt_kpi("median_response_hours", 5.25, "en")
    ('72.0%', '5.2 hours')
    """
    from .targets import kpi_directions

    lang = resolve(lang)

    kinds = kpi_directions().set_index("kpi")["kind"].to_dict()
    kind = kinds.get(kpi, "number")
    if value is None or pd.isna(value):
        return "–"
    if kind == "pct":
        return fmt_pct(value, lang, 1)
    if kind == "hours":
        return fmt_number(value, lang, 1) + " " + t("evaluation.hours", lang)
    if kind == "index":
        return fmt_number(value, lang, 2)
    if kind == "percent":
        return fmt_number(value, lang, 1) + "%"
    if kind == "decimal":
        return fmt_number(value, lang, 2)
    if kind == "seconds":
        return fmt_number(value, lang, 1) + " s"
    return fmt_number(value, lang)
