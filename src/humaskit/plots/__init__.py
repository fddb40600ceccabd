"""Charts for reports, seaborn-style: ``f(data, *, x=..., y=..., hue=None, ax=None, lang=None)``.

Presentation layer. This module holds the shared chart helpers and :data:`PALETTE`; each
step's charts live in ``plots/<step>.py`` (``plots.audience``, ``plots.scheduling``,
``plots.influencers``, ``plots.evaluation``, ``plots.governance``) and every public chart is
reachable flat (``hk.plots.plot_pyramid``). A new chart goes in its step's module, listed in
that module's ``__all__``.

Each function draws on ``ax`` (or a new figure), labels axes and titles in the chosen
language through :func:`humaskit.i18n.label`, and returns the matplotlib Axes. seaborn and
matplotlib are imported on first use, so ``import humaskit`` stays fast.

Examples
--------
>>> import pandas as pd
>>> from humaskit import plots
>>> ax = plots.bar(pd.DataFrame({"platform": ["x", "tiktok"], "reach": [10, 30]}),
...                x="platform", y="reach", lang="en")
>>> ax.get_ylabel()
'Reach'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..i18n import catalogue, label
from ..lazy import module_getattr

__all__ = ["bar", "performance", "trend", "PALETTE"]

#: One colour per platform, used by every chart so platforms are recognisable.
PALETTE = {
    "facebook": "#1877F2",
    "instagram": "#C13584",
    "x": "#14171A",
    "youtube": "#FF0000",
    "tiktok": "#25F4EE",
}


def _plain(text: Any) -> str:
    r"""Outside text as matplotlib must draw it: literally, whatever it holds.

    Every text that comes from data or from a user (a category, unit, account, handle,
    campaign, place, term, a title holding them) passes through here before it reaches
    matplotlib: a ``$`` is escaped so it never starts mathtext (``Promo $$ hemat`` would stop
    the chart with a parse error), and a leading ``_`` gets a space in front (matplotlib
    leaves labels starting with ``_`` out of legends). Backslashes, ``^`` and ``_`` need
    nothing outside mathtext, and matplotlib draws ``\$`` as ``$``.

    Examples
    --------
    >>> print(_plain("Promo $$ hemat"), _plain("_budi"), _plain(r"a\b^c"))
    Promo \$\$ hemat  _budi a\b^c
    """
    s = "" if text is None else str(text)
    s = s.replace("$", r"\$")
    return " " + s if s.startswith("_") else s


def _value(value: Any, lang: str | None = None) -> str:
    """A data value as a chart shows it: translated when the kit knows it, else as written.

    Unlike :func:`humaskit.i18n.label` (meant for column names), an unknown value keeps its
    underscores (a handle ``info_novi`` stays ``info_novi``); the result is :func:`_plain`.

    Examples
    --------
    >>> _value("facebook", "en"), _value("x_1", "en")
    ('Facebook', 'x_1')
    """
    key = f"label.{value}"
    return _plain(label(value, lang) if key in catalogue() else value)


def _ax(ax, figsize=(7, 3.6)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _pct_axis(ax, axis: str = "y", lang: str | None = None) -> None:
    """Ticks of ``axis`` as percentages written the kit's way (``12,5%`` in Indonesian)."""
    from matplotlib.ticker import FuncFormatter

    from ..fmt import fmt_pct

    def tick(v: float, _pos: object) -> str:
        return fmt_pct(v, lang, digits=0 if abs(v * 100 - round(v * 100)) < 1e-9 else 1)

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(FuncFormatter(tick))


def _translated(data: pd.DataFrame, cols: list[str | None], lang: str | None) -> pd.DataFrame:
    out = data.copy()
    for c in dict.fromkeys(cols):  # once each: x and hue may be the same column
        if c and c in out and not pd.api.types.is_numeric_dtype(out[c]):
            out[c] = out[c].astype("str").map(lambda v: _value(v, lang))
    return out


def _errorbar(df: pd.DataFrame, keys: list[str | None]) -> Any:
    """seaborn.barplot's ``errorbar``: none where each bar is one row of ``df`` (the interval
    of one value is that value, drawn as nothing, but seaborn would still bootstrap it a
    thousand times), its default (a 95% interval of the mean) otherwise."""
    cols = [k for k in dict.fromkeys(keys) if k]
    return None if not df.duplicated(subset=cols).any() else ("ci", 95)


def bar(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str | None = None,
    ax: Any = None,
    lang: str | None = None,
    pct: bool = False,
    title: str | None = None,
    horizontal: bool = False,
):
    """A bar chart of ``y`` per ``x`` (optionally split by ``hue``); returns the Axes."""
    from ._seaborn import seaborn

    sns = seaborn()

    ax = _ax(ax)
    df = _translated(data, [x, hue], lang)
    df[y] = pd.to_numeric(df[y], errors="coerce").astype("float64")
    palette = None
    key = hue or x
    if key in data and set(data[key].dropna().astype(str)) <= set(PALETTE):
        palette = {_value(k, lang): v for k, v in PALETTE.items()}
    kw = {"x": y, "y": x} if horizontal else {"x": x, "y": y}
    sns.barplot(
        data=df,
        hue=hue or x,
        ax=ax,
        palette=palette,
        legend=bool(hue),
        errorbar=_errorbar(df, [x, hue]),
        **kw,
    )
    if hue and ax.get_legend() is not None:
        ax.get_legend().set_title(_plain(label(hue, lang)))
    if horizontal:
        ax.set_xlabel(_plain(label(y, lang)))
        ax.set_ylabel(_plain(label(x, lang)))
    else:
        ax.set_xlabel(_plain(label(x, lang)))
        ax.set_ylabel(_plain(label(y, lang)))
        ax.tick_params(axis="x", rotation=20)
    if pct:
        _pct_axis(ax, "x" if horizontal else "y", lang=lang)
    if not hue:
        _mark_missing(ax, df, x=x, y=y, horizontal=horizontal, lang=lang)
    if title:
        ax.set_title(_plain(title))
    return ax


def _mark_missing(ax, df: pd.DataFrame, *, x: str, y: str, horizontal: bool, lang) -> None:  # noqa: ANN001
    """Write "no data" where a category has no value, so an empty slot is not read as 0."""
    from ..i18n import t

    values = df.groupby(df[x].astype("str"), sort=False)[y].apply(lambda s: s.notna().any())
    missing = {str(k) for k, v in values.items() if not v}
    if not missing:
        return
    ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
    where = ax.get_yticks() if horizontal else ax.get_xticks()
    for pos, tick in zip(where, ticks, strict=False):
        if tick.get_text() not in missing:
            continue
        if horizontal:
            ax.text(
                0,
                pos,
                " " + t("plots.no_data", lang),
                ha="left",
                va="center",
                fontsize=8,
                color="#555555",
            )
        else:
            ax.text(
                pos,
                0,
                t("plots.no_data", lang),
                ha="center",
                va="bottom",
                fontsize=8,
                color="#555555",
                rotation=90,
            )


def performance(
    data: pd.DataFrame,
    *,
    x: str = "post_type",
    y: str = "median_er",
    hue: str | None = None,
    ax: Any = None,
    lang: str | None = None,
    title: str | None = None,
):
    """Median engagement rate per format/category from :func:`evaluation.performance`."""
    df = data.dropna(subset=[y])
    return bar(df, x=x, y=y, hue=hue, ax=ax, lang=lang, pct=True, title=title, horizontal=True)


def trend(
    data: pd.DataFrame,
    *,
    x: str = "date",
    y: str = "value",
    hue: str | None = "platform",
    ax: Any = None,
    lang: str | None = None,
    title: str | None = None,
):
    """A line chart over time (e.g. daily followers per platform); returns the Axes."""
    from ._seaborn import seaborn

    sns = seaborn()

    ax = _ax(ax)
    df = _translated(data, [hue], lang)
    df[y] = pd.to_numeric(df[y], errors="coerce").astype("float64")
    palette = None
    if hue and hue in data and set(data[hue].dropna().astype(str)) <= set(PALETTE):
        palette = {_value(k, lang): v for k, v in PALETTE.items()}
    sns.lineplot(data=df, x=x, y=y, hue=hue, ax=ax, palette=palette)
    ax.set_xlabel(_plain(label(x, lang)))
    ax.set_ylabel(_plain(label(y, lang)))
    if hue and ax.get_legend() is not None:
        ax.get_legend().set_title(_plain(label(hue, lang)))
    if title:
        ax.set_title(_plain(title))
    return ax


#: Step chart modules searched (in order) for a name asked of the package.
_MODULES = (
    "audience",
    "planning",
    "scheduling",
    "influencers",
    "evaluation",
    "governance",
    "card",
)


#: A step chart (``plots.plot_pyramid``) or module (``plots.audience``), found on first use.
__getattr__ = module_getattr(__name__, _MODULES)
