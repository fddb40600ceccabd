"""Charts of the influencers step: the mention network, a leaderboard, collaborations.

The tables come from :mod:`humaskit.influencers`; names, registered partners and community
terms are the ones the tables show. matplotlib, seaborn and networkx are imported inside
each function (the network chart needs only matplotlib and networkx).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import label, resolve, t
from ..influencers import (
    MentionGraph,
    as_graph,
    community_summary,
    display_names,
    register_keys,
)
from . import _ax, _plain

__all__ = ["plot_network", "plot_leaderboard", "plot_collaborations"]

_STATUS_COLORS = {"registered": "#1b7f3b", "candidate": "#0b6bcb"}


def _check_positive(name: str, value: Any, lang: str | None, *, minimum: float = 0) -> None:
    """Stop with one sentence when ``value`` is not a number >= ``minimum``."""
    try:
        ok = float(value) >= minimum
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ParameterError(
            t("influencers.bad_number", lang, name=name, value=value, minimum=minimum)
        )


def _select_nodes(g: MentionGraph, pr: np.ndarray, top: int, leaders: int) -> np.ndarray:
    """The ``leaders`` highest PageRank accounts, then the accounts talking with them.

    Neighbours of the leaders come in by PageRank; if there is room left, the next
    accounts by PageRank. Leaders come first in the result (they are the labelled ones).
    """
    order = np.argsort(-pr, kind="stable")
    head = order[: max(1, min(leaders, top))]
    chosen = list(head)
    e = g.edges
    near = np.isin(e["source"], head) | np.isin(e["target"], head)
    nb = np.unique(np.concatenate([e.loc[near, "source"], e.loc[near, "target"]]))
    nb = nb[~np.isin(nb, head)]
    nb = nb[np.argsort(-pr[nb], kind="stable")][: max(top - len(chosen), 0)]
    chosen.extend(nb.tolist())
    if len(chosen) < top:
        rest = order[~np.isin(order, chosen)][: top - len(chosen)]
        chosen.extend(rest.tolist())
    return np.asarray(chosen, dtype=np.int64)


def _packed_layout(sub: Any, nx: Any) -> dict[int, np.ndarray]:
    """Spring layout per connected part, parts packed side by side (largest first).

    Parts of the conversation that never talk to each other (often one per platform)
    would otherwise fly apart and squeeze each part into a dot.
    """
    parts = sorted(nx.connected_components(sub), key=len, reverse=True)
    big = [p for p in parts if len(p) > 1]
    lonely = [next(iter(p)) for p in parts if len(p) == 1]
    pos: dict[int, np.ndarray] = {}
    x = 0.0
    for part in big:
        h = sub.subgraph(part)
        width = np.sqrt(len(part))
        lay = nx.spring_layout(h, weight=None, seed=42, k=1.2 / np.sqrt(len(part)), iterations=100)
        pts = np.array(list(lay.values()))
        pts = (pts - pts.min(axis=0)) / np.maximum(np.ptp(pts, axis=0), 1e-9)
        for node, p in zip(lay, pts, strict=True):
            pos[node] = np.array([x + p[0] * width, p[1] * width])
        x += width + 0.8
    if lonely:  # accounts with no link inside the picture: a row underneath
        step = max(x, 1.0) / max(len(lonely), 1)
        for i, node in enumerate(lonely):
            pos[node] = np.array([i * step, -1.0])
    return pos


def plot_network(
    mentions_or_graph: pd.DataFrame | MentionGraph,
    *,
    top: int = 150,
    labels: int = 12,
    register: Any = None,
    institution_accounts: Any = None,
    pseudonymize: bool = True,
    salt: str | None = None,
    ax: Any = None,
    lang: str | None = None,
):
    """Draw the mention network: the leaders and the accounts talking with them.

    The ``labels`` accounts with the highest PageRank are drawn with their rank number
    and named in a key beside the chart (private citizens pseudonymised unless
    ``pseudonymize=False``), with up to ``top`` accounts in
    all: first those that reply to, repost or name them (or are named by them), then the
    next by PageRank. Node size follows PageRank, colour the community (the eight largest
    get colours and their two most distinctive terms in the legend, the rest grey), a dark
    ring marks registered partners. Parts of the conversation that do not talk to each
    other are drawn side by side. A few hundred nodes stay readable.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "author": ["a", "b", "c", "d"],
    ...                   "to_author": ["b", "c", "a", "a"]})
    >>> ax = plot_network(m, lang="en")
    >>> ax.get_title()
    'Mention network: the 4 most influential accounts'
    """
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib import colormaps
    from matplotlib.lines import Line2D

    lang = resolve(lang)
    _check_positive("top", top, lang, minimum=2)
    g = as_graph(mentions_or_graph, institution_accounts=institution_accounts, lang=lang)
    ax = _ax(ax, (11, 6.5))
    ax.set_axis_off()
    if g.n == 0:
        ax.set_title(t("influencers.plot_network_empty", lang))
        return ax
    pr = g.pagerank()
    comm = g.communities()
    keep = _select_nodes(g, pr, int(top), int(labels))
    sub = g.to_networkx(keep).to_undirected()
    pos = _packed_layout(sub, nx)
    shown_comms = pd.Series(comm[keep]).value_counts()
    shown_comms = [int(c) for c in shown_comms.index if c >= 0][:8]
    palette = list(colormaps["tab10"].colors)  # seaborn's default palette, without seaborn
    colours = {c: palette[i] for i, c in enumerate(shown_comms)}
    node_list = [int(i) for i in keep]
    size = 30 + 1500 * np.sqrt(pr[keep] / pr[keep].max())
    col = [colours.get(int(comm[i]), (0.78, 0.78, 0.78)) for i in keep]
    reg_handles, _ = register_keys(register)
    reg = list(g.nodes.iloc[keep]["handle"].isin(reg_handles))
    edge_w = [sub[u][v]["weight"] for u, v in sub.edges()]
    wmax = max(edge_w) if edge_w else 1
    nx.draw_networkx_edges(
        sub,
        pos,
        ax=ax,
        alpha=0.2,
        edge_color="#52606d",
        width=[0.3 + 2.0 * w / wmax for w in edge_w],
    )
    nx.draw_networkx_nodes(
        sub,
        pos,
        nodelist=node_list,
        ax=ax,
        node_size=size,
        node_color=col,
        edgecolors=["#111111" if r else "white" for r in reg],
        linewidths=[2.0 if r else 0.5 for r in reg],
    )
    n_lab = min(int(labels), len(keep))
    key_lines = []
    if n_lab:
        names = display_names(
            g, keep[:n_lab], register=register, pseudonymize_private=pseudonymize, salt=salt
        )
        plats = g.nodes.iloc[keep[:n_lab]]["platform"].map(lambda p: label(str(p), lang))
        for rank, (node, name, plat) in enumerate(
            zip(node_list[:n_lab], names, plats, strict=True), start=1
        ):
            x, y = pos[node]
            ax.annotate(
                str(rank),
                (x, y),
                ha="center",
                va="center",
                fontsize=8,
                fontweight="bold",
                bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "#111111", "lw": 0.6},
            )
            key_lines.append(_plain(f"{rank}. {name} ({plat})"))
        ax.text(
            1.0,
            0.0,
            t("influencers.plot_network_key", lang) + "\n" + "\n".join(key_lines),
            transform=ax.transAxes,
            ha="left",
            va="bottom",
            fontsize=8,
        )
    terms = community_summary(g, shown_comms, n_terms=2).set_index("community")["terms"]
    handles = [
        Line2D(
            [0],
            [0],
            marker="o",
            color="w",
            markerfacecolor=colours[c],
            markersize=8,
            label=_plain(
                t("influencers.community_n", lang, n=c)
                + (f": {terms.get(c)}" if terms.get(c) else "")
            ),
        )
        for c in shown_comms
    ]
    handles.append(
        Line2D(
            [0],
            [0],
            marker="o",
            color="w",
            markerfacecolor="white",
            markeredgecolor="#111111",
            markeredgewidth=2,
            markersize=8,
            label=t("influencers.registered_partner", lang),
        )
    )
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False
    )
    ax.set_title(t("influencers.plot_network_title", lang, n=len(keep)))
    plt.setp(ax.spines.values(), visible=False)
    return ax


def plot_leaderboard(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    hue: str | None = None,
    top: int = 15,
    ax: Any = None,
    lang: str | None = None,
):
    """Horizontal bars of the best accounts: opinion leaders or ranked partners.

    ``x`` defaults to ``score`` (from :func:`humaskit.influencers.rank_partners`) or
    ``pagerank`` (from :func:`humaskit.influencers.opinion_leaders`); ``hue`` to ``status``
    (registered / candidate) when present, else ``role``.

    Examples
    --------
    >>> import pandas as pd
    >>> lead = pd.DataFrame({"handle": ["ani", "warga-1a2b3c"], "pagerank": [0.2, 0.1],
    ...                      "status": ["registered", "candidate"]})
    >>> plot_leaderboard(lead, lang="en").get_xlabel()
    'PageRank (influence in the conversation)'
    """
    from ._seaborn import seaborn

    sns = seaborn()

    lang = resolve(lang)
    if not isinstance(data, pd.DataFrame) or "handle" not in data.columns:
        raise ParameterError(t("influencers.bad_leaderboard", lang))
    if x is None:
        x = "score" if "score" in data.columns else "pagerank"
    if x not in data.columns:
        raise ParameterError(t("influencers.missing_column", lang, column=x))
    if hue is None:
        hue = "status" if "status" in data.columns else ("role" if "role" in data.columns else None)
    df = data.sort_values(x, ascending=False).head(int(top)).copy()
    df[x] = pd.to_numeric(df[x], errors="coerce").astype("float64")
    df["_name"] = df["handle"].astype("str")
    if "platform" in df.columns and df.duplicated("_name").any():
        plat = df["platform"].map(lambda p: label(str(p), lang))
        df["_name"] = df["_name"] + " (" + plat.astype("str") + ")"
    df["_name"] = df["_name"].map(_plain)
    ax = _ax(ax, (7, max(2.5, 0.35 * len(df) + 1)))
    palette = None
    if hue is not None:
        df[hue] = df[hue].astype("str")
        if set(df[hue].dropna()) <= set(_STATUS_COLORS):
            palette = {
                _plain(label(k, lang)): v
                for k, v in {f"status_{s}": c for s, c in _STATUS_COLORS.items()}.items()
            }
            df[hue] = df[hue].map(lambda s: _plain(label(f"status_{s}", lang)))
        else:
            df[hue] = df[hue].map(lambda s: _plain(label(f"role_{s}", lang)))
    sns.barplot(df, x=x, y="_name", hue=hue, palette=palette, dodge=False, ax=ax)
    ax.set_ylabel("")
    ax.set_xlabel(label(x, lang))
    if hue is not None and ax.get_legend() is not None:
        sns.move_legend(ax, "upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="")
    ax.set_title(t("influencers.plot_leaderboard_title", lang, n=len(df)))
    return ax


def plot_collaborations(
    results: pd.DataFrame,
    *,
    x: str = "date",
    y: str = "reach",
    hue: str | None = "campaign",
    ax: Any = None,
    lang: str | None = None,
):
    """Collaboration results over time: one point per collaboration.

    ``results`` is :func:`humaskit.influencers.collaboration_results`
    (``by="collaboration"``). Point size shows engagements; collaborations not found in the
    data are left out of the chart (they stay in the table with a note).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"date": pd.to_datetime(["2025-09-01", "2025-09-10"]),
    ...     "reach": [1200.0, 3400.0], "engagements": [80.0, 150.0],
    ...     "campaign": ["Uang Kita", "Uang Kita"], "handle": ["ani", "budi"]})
    >>> plot_collaborations(r, lang="en").get_ylabel()
    'Reach'
    """
    from ._seaborn import seaborn

    sns = seaborn()
    from matplotlib.ticker import FuncFormatter

    from ..fmt import fmt_number

    lang = resolve(lang)
    for c in (x, y):
        if c not in results.columns:
            raise ParameterError(t("influencers.missing_column", lang, column=c))
    df = results.copy()
    df[y] = pd.to_numeric(df[y], errors="coerce").astype("float64")
    df = df[df[y].notna()]
    ax = _ax(ax, (8, 3.8))
    if df.empty:
        ax.set_title(t("influencers.plot_collab_empty", lang))
        return ax
    if hue is not None and (hue not in df.columns or df[hue].isna().all()):
        hue = "handle" if "handle" in df.columns else None
    hue_name = None
    if hue is not None:
        hue_name = label(hue, lang)
        df[hue_name] = df[hue].astype("str").fillna("-").map(_plain)
    size_name = None
    if "engagements" in df.columns:
        size_name = label("engagements", lang)
        df[size_name] = pd.to_numeric(df["engagements"], errors="coerce").astype("float64")
    sns.scatterplot(df, x=x, y=y, hue=hue_name, size=size_name, sizes=(30, 300), ax=ax, alpha=0.8)
    ax.set_xlabel(label(x, lang))
    ax.set_ylabel(label(y, lang))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    if ax.get_legend() is not None:
        sns.move_legend(ax, "upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    ax.set_title(t("influencers.plot_collab_title", lang, n=len(df)))
    ax.tick_params(axis="x", rotation=30)
    return ax
