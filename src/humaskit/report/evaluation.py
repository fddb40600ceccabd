"""Evaluation results made ready for people: translated tables, KPI cards, charts as images.

Presentation layer (:mod:`humaskit.report`); the figures themselves come from
:mod:`humaskit.evaluation`.

- :func:`for_display` translates coded values (topics, statuses, areas, request types,
  sentiment labels, moderation categories and actions, critic/attacker classes) into the
  chosen language and rounds hours, leaving column names to
  :func:`humaskit.report.table` (which translates headers).
- :func:`headline_cards` turns responsiveness and sentiment figures into KPI cards.
- :func:`chart` embeds a matplotlib chart as a PNG image in a notebook or report.
- :func:`show_time` and :func:`pct_columns` are the little conversions playbooks need.

Examples
--------
>>> import pandas as pd
>>> for_display(pd.DataFrame({"route_topic": ["jalan"], "status": ["worse"]}), lang="en"
...             ).values.tolist()
[['roads', 'worse']]
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..evaluation import (
    ATTENTION_CLASSES,
    DEFAULT_TZ,
    MODERATION_ACTIONS,
    MODERATION_CATEGORIES,
    fmt_kpi,
    kpi_directions,
    topic_label,
    zone,
)
from ..fmt import fmt_date, fmt_number, fmt_pct, fmt_period
from ..i18n import catalogue, label, resolve, t
from . import chart  # noqa: F401  (kept here for playbooks written before report.chart)

__all__ = [
    "for_display",
    "headline_cards",
    "show_time",
    "pct_columns",
    "chart",
]

_CODED = ("status", "area", "request", "kind", "people", "lexicon")
_HOURS = ("median_response_hours", "p90_response_hours", "age_hours")


def _source(value: Any, lang: str) -> Any:
    """A benchmark's source in the reader's language when the kit wrote it (``source.<text>``)."""
    if not isinstance(value, str):
        return value
    key = f"source.{value}"
    return t(key, lang) if key in catalogue() else value


def _x(value: Any, lang: str) -> str:
    return "" if value is None or pd.isna(value) else fmt_number(value, lang, 1) + "x"


def _signed(value: Any, lang: str, digits: int = 2) -> str:
    if value is None or pd.isna(value):
        return "–"
    text = fmt_number(abs(float(value)), lang, digits)
    return ("+" if float(value) > 0 else "-" if float(value) < 0 else "") + text


def _points(value: Any, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return _signed(float(value) * 100, lang, 1) + " " + t("evaluation.points", lang)


def for_display(data: pd.DataFrame | None, *, lang: str | None = None) -> pd.DataFrame:
    """A copy of ``data`` ready for :func:`humaskit.report.table`.

    Coded values (topics, statuses, areas, request types, yes/no) are translated; ratios
    are written ``1,7x``, net sentiment with its sign (``+0,12``), share-point changes as
    points, hours with one decimal, and the ``value``/``target``/``benchmark`` of KPI
    comparison tables in the unit of their KPI. ``None`` gives an empty table (a
    switched-off section shows nothing).
    """
    lang = resolve(lang)
    if data is None:
        return pd.DataFrame()
    out = data.copy()
    _moderation_values(out, lang)
    if "period" in out.columns and not pd.api.types.is_numeric_dtype(out["period"].dtype):
        out["period"] = out["period"].map(lambda v: fmt_period(v, lang)).astype("str")
    if "route_topic" in out.columns:
        out["route_topic"] = (
            out["route_topic"]
            .map(lambda v: topic_label(v, lang) if isinstance(v, str) else v)
            .astype("str")
        )
    if "source" in out.columns:
        out["source"] = out["source"].map(lambda v: _source(v, lang)).astype("str")
    for c in _CODED:
        if c in out.columns:
            out[c] = out[c].map(lambda v: label(v, lang) if isinstance(v, str) else v).astype("str")
    for c in _HOURS:
        if c in out.columns:
            out[c] = (
                out[c]
                .map(lambda v: "–" if v is None or pd.isna(v) else fmt_number(v, lang, 1))
                .astype("str")
            )
    for band in ("length_band", "holding_band"):
        if band not in out.columns:
            continue
        out[band] = (
            out[band]
            .map(lambda v: label(f"band_{v}", lang) if isinstance(v, str) else "–")
            .astype("str")
        )
    if "platforms" in out.columns:
        out["platforms"] = out["platforms"].map(
            lambda v: (
                ", ".join(label(x.strip(), lang) for x in v.split(",")) if isinstance(v, str) else v
            )
        )
    for c in ("posted_from", "source"):
        if c in out.columns:
            out[c] = out[c].map(
                lambda v: (
                    label(v, lang)
                    if v in ("from_post", "from_schedule", "hashtag", "campaign")
                    else v
                )
            )
    for c in ("event_local", "posted_local"):
        if c in out.columns and isinstance(out[c].dtype, pd.DatetimeTZDtype):
            out[c] = out[c].dt.strftime("%Y-%m-%d %H:%M").astype("str")
    for c in ("own", "approximate", "met", "not_served", "enough_data", "holds"):
        if c in out.columns:
            out[c] = (
                out[c]
                .map(
                    lambda v: (
                        ""
                        if v is None or pd.isna(v)
                        else t("common.yes" if bool(v) else "common.no", lang)
                    )
                )
                .astype("str")
            )
    for c in ("ratio", "vs_overall"):
        if c in out.columns:
            out[c] = out[c].map(lambda v: _x(v, lang)).astype("str")
    for c in ("net_sentiment", "net_sentiment_change"):
        if c in out.columns:
            out[c] = out[c].map(lambda v: _signed(v, lang)).astype("str")
    if "change" in out.columns and "term" in out.columns:
        out["change"] = out["change"].map(lambda v: _points(v, lang)).astype("str")
    if "kpi" in out.columns:
        for c in ("value", "target", "benchmark", "gap"):
            if c in out.columns:
                out[c] = [fmt_kpi(k, v, lang) for k, v in zip(out["kpi"], out[c], strict=True)]
                out[c] = out[c].astype("str")
        out["kpi"] = out["kpi"].map(lambda v: label(v, lang)).astype("str")
    if "platform" in out.columns:
        out["platform"] = out["platform"].map(
            lambda v: t("evaluation.all_platforms", lang) if v == "all" else v
        )
    ranks = {
        c: f"{t('evaluation.rank_of', lang)}: {label(c[5:], lang)}"
        for c in out.columns
        if str(c).startswith("rank_")
    }
    if ranks:
        out = out.rename(columns=ranks)
    if "created_local" in out.columns and isinstance(
        out["created_local"].dtype, pd.DatetimeTZDtype
    ):
        out["created_local"] = out["created_local"].dt.tz_localize(None)
    for c in ("first_seen", "last_seen"):
        if c in out.columns and isinstance(out[c].dtype, pd.DatetimeTZDtype):
            out[c] = out[c].dt.tz_convert(DEFAULT_TZ).map(lambda v: fmt_date(v, lang))
    return out


def _coded(values: pd.Series, known: Any, prefix: str, lang: str) -> pd.Series:
    """``values`` of ``known`` codes translated by ``prefix.<code>``; others as they are."""
    return values.map(
        lambda v: t(f"{prefix}.{v}", lang) if isinstance(v, str) and v in known else v
    ).astype("str")


def _moderation_values(out: pd.DataFrame, lang: str) -> None:
    """Translate the coded values of the moderation queue and the critic/attacker classes
    (in place): categories and actions only in a table that has an ``action`` column, so
    a post's ``category`` is never touched."""
    if "attention" in out.columns:
        out["attention"] = _coded(out["attention"], ATTENTION_CLASSES, "evaluation.attention", lang)
    if "action" not in out.columns:
        return
    if "category" in out.columns:
        out["category"] = _coded(out["category"], MODERATION_CATEGORIES, "evaluation.mod", lang)
    if "categories" in out.columns:
        out["categories"] = (
            out["categories"]
            .map(
                lambda v: (
                    ", ".join(
                        t(f"evaluation.mod.{c.strip()}", lang)
                        if c.strip() in MODERATION_CATEGORIES
                        else c
                        for c in v.split(",")
                    )
                    if isinstance(v, str) and v
                    else v
                )
            )
            .astype("str")
        )
    out["action"] = _coded(
        out["action"], set(MODERATION_ACTIONS.values()), "evaluation.action", lang
    )


def headline_cards(
    response: pd.DataFrame | None, sentiment: pd.DataFrame | None, *, lang: str | None = None
) -> list[tuple[str, str, Any]]:
    """KPI cards (label, value, change) for :func:`humaskit.report.cards`.

    ``response`` is a one-row :func:`humaskit.evaluation.responsiveness`; ``sentiment`` a
    :func:`humaskit.evaluation.sentiment_summary`. Missing parts give no cards.
    """
    lang = resolve(lang)
    items: list[tuple[str, str, Any]] = []
    if response is not None and len(response):
        r = response.iloc[0]
        items += [
            (label("needing_answer", lang), fmt_number(r["needing_answer"], lang), None),
            (label("within_limit_share", lang), fmt_pct(r["within_limit_share"], lang), None),
            (
                label("median_response_hours", lang),
                fmt_number(r["median_response_hours"], lang, 1),
                None,
            ),
            (label("overdue", lang), fmt_number(r["overdue"], lang), None),
        ]
    if sentiment is not None and len(sentiment):
        s = sentiment.iloc[0]
        items += [
            (label("mentions", lang), fmt_number(s["mentions"], lang), s.get("mentions_change")),
            (label("net_sentiment", lang), fmt_number(s["net_sentiment"], lang, 2), None),
            (label("negative_share", lang), fmt_pct(s["negative_share"], lang), None),
        ]
    return items


def card_figures(
    total: pd.DataFrame,
    response: pd.DataFrame | None,
    sentiment: pd.DataFrame | None,
    *,
    lang: str | None = None,
) -> list[tuple[str, str, Any]]:
    """The six figures of the monthly summary card (:func:`humaskit.plots.summary_card`).

    Posts, reach and engagement rate with their change, then the follower growth, the
    messages still unanswered past the limit and the net sentiment, where the data has them.
    """
    from . import kpi_items

    keep_kpis = {label(k, lang) for k in ("posts", "reach", "er_by_reach", "follower_growth")}
    items = [i for i in kpi_items(total, lang=lang) if i[0] in keep_kpis]
    keep_other = {label(k, lang) for k in ("overdue", "net_sentiment", "mentions")}
    items += [i for i in headline_cards(response, sentiment, lang=lang) if i[0] in keep_other]
    return items[:6]


def show_time(ts: Any, *, tz: str = DEFAULT_TZ, lang: str | None = None) -> str:
    """A time shown in the institution's zone: ``30 September 2025 17.00 WIB``.

    Examples
    --------
    >>> show_time(pd.Timestamp("2025-09-30 10:00", tz="UTC"), lang="id")
    '30 September 2025 17.00 WIB'
    """
    z = zone(tz)
    names = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
    local = pd.Timestamp(ts).tz_convert(z)
    return f"{fmt_date(local, lang, time=True)} {names.get(z, z)}"


def forum_card_figures(
    ranking: pd.DataFrame, *, lang: str | None = None
) -> list[tuple[str, str, Any]]:
    """The summary card of the forum comparison: the leading unit of each compared KPI.

    ``ranking`` is :func:`humaskit.evaluation.compare_bundles`'s table (``rank``, ``unit``,
    one column per KPI, the KPIs in ``attrs["kpis"]``). Each figure reads
    ``"<KPI>: <unit>"`` with the unit's value.
    """
    lang = resolve(lang)
    pct = set(pct_columns(ranking))
    directions = kpi_directions().set_index("kpi")["direction"].to_dict()
    items: list[tuple[str, str, Any]] = []
    for k in list(ranking.attrs.get("kpis", []))[:6]:
        col = pd.to_numeric(ranking[k], errors="coerce")
        if col.notna().sum() == 0:
            continue
        best = col.idxmin() if directions.get(k) == "lower" else col.idxmax()
        value = fmt_pct(col[best], lang) if k in pct else fmt_number(col[best], lang, 2)
        items.append((f"{label(k, lang)}: {ranking.loc[best, 'unit']}", value, None))
    return items


def pct_columns(data: pd.DataFrame) -> list[str]:
    """Columns of ``data`` whose KPI is a share (shown as a percentage).

    Examples
    --------
    >>> pct_columns(pd.DataFrame(columns=["unit", "er_by_reach", "posts"]))
    ['er_by_reach']
    """
    kinds = kpi_directions().set_index("kpi")["kind"].to_dict()
    return [c for c in data.columns if kinds.get(c) == "pct"]
