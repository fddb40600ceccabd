"""Charts of the evaluation step, seaborn-style: ``f(data, *, ..., ax=None, lang=None) -> Axes``.

Presentation layer (:mod:`humaskit.plots`): each chart draws a table computed by
:mod:`humaskit.evaluation` (sentiment trend, mention volume and peaks, responsiveness per
unit, response hours, the forum's comparison, programme reach). Every name is also reachable
flat: ``hk.plots.plot_sentiment(...)``. matplotlib and seaborn are imported inside each
function, so ``import humaskit`` stays light. Labels come from :mod:`humaskit.i18n` in the
chosen language.

Examples
--------
>>> import pandas as pd
>>> trend = pd.DataFrame({"date": pd.to_datetime(["2025-09-01", "2025-09-08"]),
...     "positive_share": [0.3, 0.4], "neutral_share": [0.4, 0.3],
...     "negative_share": [0.3, 0.3], "net_sentiment": [0.0, 0.1]})
>>> plot_sentiment(trend, lang="en").get_ylabel()
'Share of mentions'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..fmt import fmt_value
from ..i18n import label, t
from . import _errorbar, _plain, _value

__all__ = [
    "plot_sentiment",
    "plot_volume",
    "plot_response",
    "plot_response_hours",
    "plot_compare",
    "plot_programme",
    "plot_retention",
]

_COLORS = {"positive": "#1b7f3b", "neutral": "#9aa5b1", "negative": "#b42318"}


def _ax(ax: Any, figsize=(7.5, 3.6)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _pct_axis(ax: Any, axis: str = "y", lang: str | None = None) -> None:
    """Ticks of ``axis`` as percentages written the kit's way (``12,5%`` in Indonesian)."""
    from matplotlib.ticker import FuncFormatter

    from ..fmt import fmt_pct

    def tick(v: float, _pos: object) -> str:
        return fmt_pct(v, lang, digits=0 if abs(v * 100 - round(v * 100)) < 1e-9 else 1)

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(FuncFormatter(tick))


def _decimal_ticks(lang: str | None) -> Any:
    """A tick formatter writing numbers the kit's way (``0,25`` in Indonesian)."""
    from matplotlib.ticker import FuncFormatter

    from ..fmt import fmt_number

    return FuncFormatter(lambda v, _pos: fmt_number(v, lang, 2))


def plot_sentiment(data: pd.DataFrame, *, x: str = "date", ax: Any = None, lang: str | None = None):
    """Stacked shares of positive, neutral and negative mentions per step, with net sentiment.

    ``data`` is :func:`humaskit.evaluation.sentiment_trend` (no extra grouping).
    """
    ax = _ax(ax)
    df = data.sort_values(x)
    xs = pd.to_datetime(df[x]).dt.strftime("%d %b")
    bottom = pd.Series(0.0, index=df.index)
    for s in ("negative", "neutral", "positive"):
        vals = df[f"{s}_share"].astype("float64").fillna(0)
        ax.bar(xs, vals, bottom=bottom, color=_COLORS[s], label=label(s, lang), width=0.8)
        bottom = bottom + vals
    ax.set_ylabel(t("evaluation.plot.share_mentions", lang))
    ax.set_xlabel(label(x, lang))
    _pct_axis(ax, lang=lang)
    ax2 = ax.twinx()
    ax2.plot(
        xs,
        df["net_sentiment"].astype("float64"),
        color="#0b3d91",
        marker="o",
        label=label("net_sentiment", lang),
    )
    ax2.axhline(0, color="#0b3d91", lw=0.6, ls=":")
    ax2.set_ylim(-1, 1)
    ax2.yaxis.set_major_formatter(_decimal_ticks(lang))
    ax2.set_ylabel(label("net_sentiment", lang))
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(
        handles + h2,
        labels + l2,
        loc="upper left",
        fontsize=8,
        ncols=4,
        bbox_to_anchor=(0, 1.18),
        frameon=False,
    )
    ax.tick_params(axis="x", rotation=45, labelsize=8)
    return ax


def plot_volume(
    data: pd.DataFrame,
    peaks: pd.DataFrame | None = None,
    *,
    ax: Any = None,
    lang: str | None = None,
):
    """Mentions per day (:func:`humaskit.evaluation.volume`) with the peaks
    (:func:`humaskit.evaluation.peaks`) marked and numbered."""
    ax = _ax(ax)
    df = data.sort_values("date")
    ax.plot(pd.to_datetime(df["date"]), df["mentions"], color="#0b3d91", lw=1.5)
    ax.fill_between(pd.to_datetime(df["date"]), df["mentions"], color="#dbe4f0")
    if peaks is not None and len(peaks):
        for i, (d, n) in enumerate(
            zip(pd.to_datetime(peaks["date"]), peaks["mentions"], strict=True), start=1
        ):
            ax.scatter([d], [n], color="#b42318", zorder=3)
            ax.annotate(
                str(i),
                (d, n),
                textcoords="offset points",
                xytext=(4, 4),
                color="#b42318",
                fontweight="bold",
            )
    ax.set_ylabel(t("evaluation.plot.mentions_per_day", lang))
    ax.set_xlabel(label("date", lang))
    ax.tick_params(axis="x", rotation=30, labelsize=8)
    return ax


def plot_response(
    data: pd.DataFrame,
    *,
    y: str = "unit",
    x: str = "within_limit_share",
    target: float | None = None,
    ax: Any = None,
    lang: str | None = None,
):
    """Share answered within the limit per unit (or topic), lowest first, with the target."""
    from ._seaborn import seaborn

    sns = seaborn()

    df = data.dropna(subset=[x]).sort_values(x)
    ax = _ax(ax, figsize=(7.5, 0.35 * max(len(df), 3) + 1))
    df = df.assign(
        **{x: df[x].astype("float64"), y: df[y].astype("str").map(lambda v: _value(v, lang))}
    )
    colors = ["#b42318" if (target is not None and v < target) else "#1b7f3b" for v in df[x]]
    sns.barplot(
        data=df, x=x, y=y, hue=y, palette=colors, legend=False, errorbar=_errorbar(df, [y]), ax=ax
    )
    if target is not None:
        ax.axvline(target, color="#0b3d91", ls="--", lw=1)
        ax.text(target, -0.6, t("evaluation.plot.target", lang), color="#0b3d91", fontsize=8)
    ax.set_xlim(0, 1)
    _pct_axis(ax, "x", lang=lang)
    ax.set_xlabel(_plain(label(x, lang)))
    ax.set_ylabel(_plain(label(y, lang)))
    return ax


def plot_response_hours(
    mentions: pd.DataFrame, *, limit_hours: float = 24, ax: Any = None, lang: str | None = None
):
    """How long answers took: a histogram of first-response hours with the limit marked.

    ``mentions`` are the answered mentions of the period (``created_at``, ``responded_at``).
    """
    import numpy as np

    ax = _ax(ax)
    hrs = (
        pd.to_datetime(mentions["responded_at"], utc=True)
        - pd.to_datetime(mentions["created_at"], utc=True)
    ) / pd.Timedelta(hours=1)
    hrs = hrs.dropna().clip(lower=0)
    hi = max(72.0, float(limit_hours) * 2)
    bins = np.arange(0, hi + 3, 3)
    ax.hist(hrs.clip(upper=hi), bins=bins, color="#9aa5b1", edgecolor="white")
    ax.hist(
        hrs[hrs > limit_hours].clip(upper=hi),
        bins=bins,
        color="#b42318",
        edgecolor="white",
        label=t("evaluation.plot.over_limit", lang, limit=fmt_value(limit_hours, lang)),
    )
    ax.axvline(limit_hours, color="#0b3d91", ls="--", lw=1)
    ax.set_xlabel(t("evaluation.plot.hours_to_answer", lang))
    ax.set_ylabel(t("evaluation.plot.mentions", lang))
    ax.legend(frameon=False, fontsize=8)
    return ax


def plot_compare(data: pd.DataFrame, kpi: str, *, ax: Any = None, lang: str | None = None):
    """One KPI per unit from :func:`humaskit.evaluation.compare`, best at the top."""
    from ._seaborn import seaborn

    sns = seaborn()

    from ..evaluation import kpi_directions

    kinds = kpi_directions().set_index("kpi")
    lower = kinds["direction"].get(kpi, "higher") == "lower"
    df = data.dropna(subset=[kpi]).sort_values(kpi, ascending=lower)
    ax = _ax(ax, figsize=(7.5, 0.35 * max(len(df), 3) + 1))
    df = df.assign(**{kpi: df[kpi].astype("float64"), "unit": df["unit"].map(_plain)})
    sns.barplot(data=df, x=kpi, y="unit", color="#0b3d91", ax=ax)
    if kinds["kind"].get(kpi) == "pct":
        _pct_axis(ax, "x", lang=lang)
    ax.set_xlabel(_plain(label(kpi, lang)))
    ax.set_ylabel(label("unit", lang))
    return ax


def plot_programme(data: pd.DataFrame, *, top: int = 10, ax: Any = None, lang: str | None = None):
    """Reports of not being served per place (:func:`humaskit.evaluation.programme_reach`
    ``by="place"``)."""
    from ._seaborn import seaborn

    sns = seaborn()

    df = data.sort_values("not_served", ascending=False).head(top)
    ax = _ax(ax, figsize=(7.5, 0.35 * max(len(df), 3) + 1))
    sns.barplot(
        data=df.assign(
            not_served=df["not_served"].astype("float64"), place=df["place"].map(_plain)
        ),
        x="not_served",
        y="place",
        color="#b42318",
        ax=ax,
    )
    ax.set_xlabel(label("not_served", lang))
    ax.set_ylabel(label("place", lang))
    return ax


def plot_retention(data: pd.DataFrame, *, ax: Any = None, lang: str | None = None):
    """Median share of each video watched per length band, one bar per platform, with 50%.

    ``data`` is :func:`humaskit.evaluation.retention_by_length`; bands without a share
    (length unknown) are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"platform": "youtube", "length_band": ["0-15s", "1-3m"],
    ...     "median_view_pct": [80.0, 35.0]})
    >>> plot_retention(table, lang="en").get_ylabel()
    'Median share watched'
    """
    from ._seaborn import seaborn

    sns = seaborn()

    from ..evaluation import HOLDS_PCT, LENGTH_BANDS

    df = data.dropna(subset=["median_view_pct"])
    df = df[df["length_band"] != "unknown"]
    order = [code for code, _ in LENGTH_BANDS if code in set(df["length_band"])]
    df = df.assign(
        share=df["median_view_pct"].astype("float64") / 100,
        band=df["length_band"].map(lambda v: _plain(label(f"band_{v}", lang))),
        platform=df["platform"].astype("str").map(lambda v: _value(v, lang)),
    )
    ax = _ax(ax)
    sns.barplot(
        data=df,
        x="band",
        y="share",
        hue="platform",
        order=[_plain(label(f"band_{c}", lang)) for c in order],
        ax=ax,
    )
    ax.axhline(HOLDS_PCT / 100, color="#0b3d91", ls="--", lw=1)
    _pct_axis(ax, lang=lang)
    ax.set_title(_plain(t("videos.chart_title", lang)))
    ax.set_xlabel(_plain(label("length_band", lang)))
    ax.set_ylabel(_plain(t("videos.chart_y", lang)))
    if ax.get_legend() is not None:
        ax.get_legend().set_title(None)
    return ax
