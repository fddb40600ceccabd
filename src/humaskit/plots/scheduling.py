"""Charts of the scheduling results (seaborn/matplotlib loaded on first use).

Presentation layer: it draws what :mod:`humaskit.scheduling` computed. Every name is also
reachable flat: ``hk.plots.plot_heatmap(...)``.

Examples
--------
>>> from humaskit.scheduling import default_times
>>> plot_heatmap(default_times("x"), lang="en").get_xlabel().startswith("Hour")
True
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, t
from ..scheduling import day_name, zone_label
from . import PALETTE, _plain, _value

__all__ = ["plot_heatmap", "plot_heatmaps", "plot_backtest", "plot_hourly", "plot_frequency"]


def _ax(ax, figsize):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _pick_group(bt: pd.DataFrame, platform, post_type, account, lang) -> tuple[pd.DataFrame, str]:
    data = bt
    if platform is None:
        counts = data.groupby("platform")["n_posts"].sum().sort_values(ascending=False)
        platform = counts.index[0] if len(counts) else None
    else:
        platform = schema.platform_code(platform, lang=lang)
    data = data[data["platform"] == platform]
    if data.empty:
        raise ParameterError(
            t("scheduling.no_group", lang, platform=platform, post_type=post_type or "-")
        )
    title = label(platform, lang)
    if "account" in data.columns:
        if account is None:
            account = data.groupby("account")["n_posts"].sum().idxmax()
        data = data[data["account"] == account]
        title += f" · {account}"
    if "post_type" in data.columns and (post_type is not None or data["post_type"].notna().any()):
        if post_type is None:
            post_type = data.groupby("post_type")["n_posts"].sum().idxmax()
        data = data[data["post_type"] == post_type]
        if data.empty:
            raise ParameterError(
                t("scheduling.no_group", lang, platform=platform, post_type=post_type)
            )
        title += f" · {label(post_type, lang)}"
    return data, title


def plot_heatmap(
    best_times: pd.DataFrame,
    *,
    platform: str | None = None,
    post_type: str | None = None,
    account: str | None = None,
    ax: Any = None,
    lang: str | None = None,
):
    """Heatmap of the expected score per weekday x hour in the audience's local time.

    Colour = estimate (50 = the account's typical post). Cells with too little data
    (``enough_data`` False) are hatched: their colour comes mostly from the pattern or the
    platform default. The three best slots carry their rank.

    Examples
    --------
    >>> from humaskit.scheduling import default_times
    >>> ax = plot_heatmap(default_times("instagram"), lang="en")
    >>> ax.get_xlabel()
    'Hour (WIB)'
    """
    from ._seaborn import seaborn

    sns = seaborn()
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, Rectangle

    data, title = _pick_group(best_times, platform, post_type, account, lang)
    zone = best_times.attrs.get("zone") or zone_label(best_times.attrs.get("tz", "Asia/Jakarta"))
    grid = data.pivot_table(index="day", columns="hour", values="estimate").reindex(
        index=range(7), columns=range(24)
    )
    enough = data.pivot_table(
        index="day", columns="hour", values="enough_data", aggfunc="max"
    ).reindex(index=range(7), columns=range(24))
    rank = data.pivot_table(index="day", columns="hour", values="rank").reindex(
        index=range(7), columns=range(24)
    )
    ax = _ax(ax, (11, 3.8))
    sns.heatmap(
        grid,
        ax=ax,
        cmap="RdYlGn",
        center=50,
        vmin=25,
        vmax=75,
        linewidths=0.4,
        linecolor="white",
        cbar_kws={"label": t("scheduling.score_label", lang), "shrink": 0.85},
    )
    thin = ~enough.fillna(False).to_numpy(dtype=bool)
    cells = [Rectangle((h, d), 1, 1) for d, h in zip(*np.nonzero(thin), strict=True)]
    if cells:
        ax.add_collection(
            PatchCollection(
                cells, facecolor="none", edgecolor="#7b8794", hatch="///", linewidth=0, label="thin"
            )
        )
    for d, h in zip(*np.nonzero(rank.to_numpy() <= 3), strict=True):
        ax.text(
            h + 0.5,
            d + 0.5,
            str(int(rank.iloc[d, h])),
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            color="black",
        )
    ax.set_yticks(np.arange(7) + 0.5)
    ax.set_yticklabels([day_name(d, lang, short=True) for d in range(7)], rotation=0)
    ax.set_xticks(np.arange(24) + 0.5)
    ax.set_xticklabels([f"{h:02d}" for h in range(24)], rotation=0, fontsize=8)
    ax.set_xlabel(t("scheduling.hour_axis", lang, zone=zone))
    ax.set_ylabel("")
    ax.set_title(_plain(t("scheduling.heatmap_title", lang, group=title)))
    ax.legend(
        handles=[
            Patch(
                facecolor="white",
                edgecolor="#7b8794",
                hatch="///",
                label=t("scheduling.thin_data", lang),
            )
        ],
        loc="upper left",
        bbox_to_anchor=(0, -0.14),
        frameon=False,
        fontsize=8,
    )
    return ax


def plot_heatmaps(best_times: pd.DataFrame, *, lang: str | None = None) -> np.ndarray:
    """One :func:`plot_heatmap` per platform (its most used format), stacked in one figure.

    Returns the array of Axes (one per platform, most posts first).

    Examples
    --------
    >>> from humaskit.scheduling import default_times
    >>> axes = plot_heatmaps(default_times(["x", "tiktok"]), lang="en")
    >>> len(axes), axes[0].get_xlabel()
    (2, 'Hour (WIB)')
    """
    import matplotlib.pyplot as plt

    order = (
        best_times.groupby("platform")["n_posts"].sum().sort_values(ascending=False, kind="stable")
    )
    platforms = list(order.index)
    if not platforms:  # nothing learned: a note in place of the heat maps
        fig, ax = plt.subplots(figsize=(11, 1.2))
        ax.axis("off")
        ax.text(0.5, 0.5, t("scheduling.heatmap_empty", lang), ha="center", va="center")
        return np.array([ax])
    fig, axes = plt.subplots(
        len(platforms), 1, figsize=(11, 3.6 * len(platforms)), layout="constrained", squeeze=False
    )
    for ax, platform in zip(axes[:, 0], platforms, strict=True):
        plot_heatmap(best_times, platform=platform, ax=ax, lang=lang)
    return axes[:, 0]


def plot_backtest(
    backtest: pd.DataFrame, *, x: str = "platform", ax: Any = None, lang: str | None = None
):
    """Bars of the backtest's rank correlations per platform: model, naive, default.

    Examples
    --------
    >>> import pandas as pd
    >>> bt = pd.DataFrame({"platform": ["x"], "rho_model": [0.3], "rho_naive": [0.1],
    ...                    "rho_default": [0.2]})
    >>> plot_backtest(bt, lang="en").get_ylabel()
    'Rank correlation (Spearman)'
    """
    from ._seaborn import seaborn

    sns = seaborn()

    cols = {
        "rho_model": t("scheduling.method.model", lang),
        "rho_naive": t("scheduling.method.naive", lang),
        "rho_default": t("scheduling.method.default", lang),
    }
    long = backtest.melt(id_vars=[x], value_vars=list(cols), var_name="method", value_name="rho")
    long["method"] = long["method"].map(cols)
    long[x] = long[x].astype("str").map(lambda v: _value(v, lang))
    ax = _ax(ax, (7, 3.6))
    sns.barplot(long, x=x, y="rho", hue="method", ax=ax, palette=["#0b7a3e", "#9aa5b1", "#e0a800"])
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel("")
    ax.set_ylabel(t("scheduling.rho_axis", lang))
    ax.set_title(t("scheduling.backtest_title", lang))
    ax.legend(title="", frameon=False, fontsize=8)
    return ax


def plot_hourly(
    hourly: pd.DataFrame, *, y: str = "engagements", ax: Any = None, lang: str | None = None
):
    """Bars per hour of a :func:`hourly_totals` table (``y``: a column of it).

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.DataFrame({"hour": range(24), "posts": range(24)})
    >>> plot_hourly(h, y="posts", lang="en").get_ylabel()
    'Posts'
    """
    from ._seaborn import seaborn

    sns = seaborn()

    if y not in hourly.columns:
        raise ParameterError(
            t("scheduling.bad_column", lang, value=y, known=", ".join(map(str, hourly.columns)))
        )
    zone = hourly.attrs.get("zone", "WIB")
    data = hourly.assign(**{y: hourly[y].astype(float)})
    ax = _ax(ax, (9, 3.2))
    sns.barplot(data, x="hour", y=y, ax=ax, color="#3e6fb0")
    ax.set_xlabel(t("scheduling.hour_axis", lang, zone=zone))
    ax.set_ylabel(_plain(label(y, lang)))
    ax.tick_params(axis="x", labelsize=8)
    return ax


def plot_frequency(
    frequency: pd.DataFrame, *, y: str = "score_per_post", ax: Any = None, lang: str | None = None
):
    """Lines of a :func:`posting_frequency` table: ``y`` against posts per day, per platform.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"platform": ["x", "x"], "posts_per_day": [1, 2],
    ...                   "score_per_post": [55.0, 48.0]})
    >>> plot_frequency(f, lang="en").get_xlabel()
    'Posts per day'
    """
    from ._seaborn import seaborn

    sns = seaborn()

    data = frequency[frequency["posts_per_day"] >= 1].copy()
    data[y] = data[y].astype(float)
    data["platform"] = data["platform"].astype("str")
    shown = {p: _value(p, lang) for p in data["platform"].unique()}
    colour = {shown[p]: PALETTE.get(p, "#52606d") for p in shown}
    data["platform"] = data["platform"].map(shown)
    ax = _ax(ax, (7, 3.6))
    sns.lineplot(data, x="posts_per_day", y=y, hue="platform", marker="o", ax=ax, palette=colour)
    if y == "score_per_post":
        ax.axhline(50, color="#9aa5b1", linestyle="--", linewidth=0.8)
    ax.set_xlabel(t("scheduling.per_day_axis", lang))
    ax.set_ylabel(_plain(label(y, lang)))
    handles, labels_ = ax.get_legend_handles_labels()
    ax.legend(handles, labels_, frameon=False, fontsize=8)
    return ax
