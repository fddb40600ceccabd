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

from ..i18n import label

__all__ = ["bar", "performance", "trend", "PALETTE"]

#: One colour per platform, used by every chart so platforms are recognisable.
PALETTE = {
    "facebook": "#1877F2",
    "instagram": "#C13584",
    "x": "#14171A",
    "youtube": "#FF0000",
    "tiktok": "#25F4EE",
}


def _ax(ax, figsize=(7, 3.6)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _pct_axis(ax, axis: str = "y") -> None:
    from matplotlib.ticker import PercentFormatter

    fmt = PercentFormatter(1.0, decimals=1)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _translated(data: pd.DataFrame, cols: list[str | None], lang: str | None) -> pd.DataFrame:
    out = data.copy()
    for c in cols:
        if c and c in out and not pd.api.types.is_numeric_dtype(out[c]):
            out[c] = out[c].astype("str").map(lambda v: label(v, lang))
    return out


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
    import seaborn as sns

    ax = _ax(ax)
    df = _translated(data, [x, hue], lang)
    df[y] = pd.to_numeric(df[y], errors="coerce").astype("float64")
    palette = None
    key = hue or x
    if key in data and set(data[key].dropna().astype(str)) <= set(PALETTE):
        palette = {label(k, lang): v for k, v in PALETTE.items()}
    kw = {"x": y, "y": x} if horizontal else {"x": x, "y": y}
    sns.barplot(data=df, hue=hue or x, ax=ax, palette=palette, legend=bool(hue), **kw)
    if hue and ax.get_legend() is not None:
        ax.get_legend().set_title(label(hue, lang))
    if horizontal:
        ax.set_xlabel(label(y, lang))
        ax.set_ylabel(label(x, lang))
    else:
        ax.set_xlabel(label(x, lang))
        ax.set_ylabel(label(y, lang))
        ax.tick_params(axis="x", rotation=20)
    if pct:
        _pct_axis(ax, "x" if horizontal else "y")
    if title:
        ax.set_title(title)
    return ax


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
    import seaborn as sns

    ax = _ax(ax)
    df = _translated(data, [hue], lang)
    df[y] = pd.to_numeric(df[y], errors="coerce").astype("float64")
    palette = None
    if hue and hue in data and set(data[hue].dropna().astype(str)) <= set(PALETTE):
        palette = {label(k, lang): v for k, v in PALETTE.items()}
    sns.lineplot(data=df, x=x, y=y, hue=hue, ax=ax, palette=palette)
    ax.set_xlabel(label(x, lang))
    ax.set_ylabel(label(y, lang))
    if hue and ax.get_legend() is not None:
        ax.get_legend().set_title(label(hue, lang))
    if title:
        ax.set_title(title)
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


def __getattr__(name: str) -> Any:
    """Find a step chart (``plots.plot_pyramid``) or module (``plots.audience``) on first use."""
    import importlib

    if name.startswith("_"):
        raise AttributeError(name)
    for mod in _MODULES:
        try:
            module = importlib.import_module(f".{mod}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{mod}":
                continue
            raise
        if mod == name:
            return module
        if name in getattr(module, "__all__", ()):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
