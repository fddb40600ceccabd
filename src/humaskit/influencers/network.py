"""The mention network of a conversation and its measures (PageRank, betweenness, communities).

The network is built from the ``mentions`` table: an arrow from the author of a row to
every account the row points at, weighted by how often it happens:

* ``to_author``: the handle replied to or reposted;
* ``in_reply_to``: when ``to_author`` is empty, the author of the mention replied to
  (looked up by ``mention_id``); a reply to one of the institution's posts points at the
  institution and is left out (see below);
* ``mentioned``: every handle named in the text (``@`` optional, separated by spaces,
  commas, semicolons or ``|``).

One row counts once per target. An account is one node per platform and handle.
Handled on purpose, and counted in :attr:`MentionGraph.dropped`:

* rows without an author (deleted accounts, broken exports) give no arrow;
* self-loops (an author replying to or naming themselves) are removed;
* the institution's own accounts (``institution_accounts`` plus every value of the
  ``account`` column) are left out: they are the subject of the conversation, not
  candidates, and every comment points at them;
* replies whose ``in_reply_to`` is not a ``mention_id`` of the table give no arrow
  (replies to the institution's own posts, or to mentions outside the table).

Measures (``humaskit`` computes them with scipy, so large conversations stay fast):

* **PageRank** (damping 0.85, weighted, dangling accounts spread evenly: the same
  definition as ``networkx.pagerank``) by sparse power iteration: 1,000,000 mentions
  among 100,000 accounts take well under a second.
* **Betweenness** (directed, unweighted shortest paths, normalised like networkx): exact
  (Brandes) for graphs up to 1,500 accounts; above that estimated from 64 randomly chosen
  source accounts (seeded), scaled by n/64 (the ``k`` sampling of networkx). Good for
  spotting bridges among leaders, not for ranking the long tail.
* **Communities**: Louvain (networkx, seed 0) on the undirected weighted graph when it
  has up to 60,000 links; for larger graphs Louvain runs on the 5,000 accounts with the
  highest PageRank and every other account joins the community it is most linked to
  (three rounds; accounts never reached have no community, shown as -1).
  Communities are numbered by size (0 = largest); :mod:`humaskit.influencers.leaders`
  labels them with their distinctive terms and tone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import SchemaError
from ..i18n import resolve, t
from ..privacy import normalize_handles
from ._common import split_handles
from .registry import Register

__all__ = ["MentionGraph", "mention_graph"]

EXACT_BETWEENNESS_MAX = 1500
BETWEENNESS_SOURCES = 64
LOUVAIN_MAX_LINKS = 60_000
LOUVAIN_TOP = 5000


@dataclass
class MentionGraph:
    """A weighted, directed mention network (see the module docstring).

    Attributes
    ----------
    nodes : DataFrame
        One row per account (row number = node id): platform, handle, followers,
        author_type, author_created_at, written (rows they wrote), in_weight (times
        pointed at), in_accounts (distinct accounts pointing at them), out_weight.
    edges : DataFrame
        source, target (node ids), weight (times).
    dropped : dict
        Rows or arrows left out: ``missing_author`` (rows), ``self_loops``,
        ``institution`` (arrows from or to the institution's accounts),
        ``replies_to_posts`` (replies to something that is not a mention in the table).
    institution : frozenset of str
        The institution's handles that were left out.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    dropped: dict[str, int]
    institution: frozenset[str]
    row_node: np.ndarray = field(repr=False)
    mentions: pd.DataFrame = field(repr=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        return (
            f"MentionGraph(accounts={len(self.nodes)}, links={len(self.edges)}, "
            f"interactions={int(self.edges['weight'].sum()) if len(self.edges) else 0})"
        )

    @property
    def n(self) -> int:
        return len(self.nodes)

    def pagerank(self) -> np.ndarray:
        """PageRank of every node (sums to 1)."""
        if "pagerank" not in self._cache:
            self._cache["pagerank"] = _pagerank(self.n, self.edges)
        return self._cache["pagerank"]

    def betweenness(self) -> np.ndarray:
        """Betweenness of every node (exact up to 1,500 nodes, else sampled)."""
        if "betweenness" not in self._cache:
            self._cache["betweenness"] = _betweenness(self.n, self.edges)
        return self._cache["betweenness"]

    def communities(self) -> np.ndarray:
        """Community number of every node (0 = largest; -1 = none)."""
        if "communities" not in self._cache:
            self._cache["communities"] = _communities(self.n, self.edges, self.pagerank())
        return self._cache["communities"]

    def to_networkx(self, nodes: np.ndarray | None = None):
        """A ``networkx.DiGraph`` of the whole network or of the given node ids."""
        import networkx as nx

        g = nx.DiGraph()
        keep = np.arange(self.n) if nodes is None else np.asarray(nodes)
        attrs = self.nodes.iloc[keep]
        g.add_nodes_from(
            (int(i), {"handle": h, "platform": p})
            for i, h, p in zip(keep, attrs["handle"], attrs["platform"], strict=True)
        )
        e = self.edges
        if nodes is not None:
            inside = np.isin(e["source"], keep) & np.isin(e["target"], keep)
            e = e[inside]
        g.add_weighted_edges_from(
            zip(e["source"].tolist(), e["target"].tolist(), e["weight"].tolist(), strict=True)
        )
        return g


def _unique(values: np.ndarray, *, counts: bool = False):
    """Sorted unique integers (and their counts); faster than np.unique's hash path here."""
    s = np.sort(values, kind="stable")
    first = np.flatnonzero(np.r_[True, s[1:] != s[:-1]]) if len(s) else np.array([], int)
    if not counts:
        return s[first]
    return s[first], np.diff(np.r_[first, len(s)])


def _col(m: pd.DataFrame, name: str) -> pd.Series | None:
    return m[name] if name in m.columns else None


def _handles_of(values: Any) -> set[str]:
    if values is None:
        return set()
    if isinstance(values, Register):
        values = values.influencers
    if isinstance(values, pd.DataFrame):
        cols = [c for c in ("handle", "account") if c in values.columns]
        out: set[str] = set()
        for c in cols:
            out.update(normalize_handles(values[c]).dropna())
        return out
    if isinstance(values, str):
        values = [values]
    return set(normalize_handles(list(values)).dropna())


def mention_graph(
    mentions: pd.DataFrame,
    *,
    institution_accounts: Any = None,
    lang: str | None = None,
) -> MentionGraph:
    """Build the mention network of a ``mentions`` table.

    Parameters
    ----------
    mentions : DataFrame
        The canonical mentions table. Needs ``author`` and at least one of
        ``to_author``, ``mentioned`` or ``in_reply_to`` (with ``mention_id``).
    institution_accounts : iterable of str or DataFrame, optional
        The institution's own handles (or the ``accounts`` table); they are left out,
        together with every value of the ``account`` column.
    lang : {"id", "en"}, optional
        Language of error messages.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": ["x"] * 4, "account": ["pemkot"] * 4,
    ...     "mention_id": ["1", "2", "3", "4"], "author": ["ani", "budi", "cici", None],
    ...     "to_author": [None, "ani", "ani", "ani"], "mentioned": ["@pemkot", None,
    ...     "budi cici", None], "in_reply_to": [None, None, None, None]})
    >>> g = mention_graph(m)
    >>> g
    MentionGraph(accounts=3, links=3, interactions=3)
    >>> g.dropped["self_loops"], g.dropped["missing_author"], g.dropped["institution"]
    (1, 1, 1)
    """
    lang = resolve(lang)
    if not isinstance(mentions, pd.DataFrame):
        raise SchemaError(
            t("schema.not_a_table", lang, table="mentions", got=type(mentions).__name__)
        )
    if "author" not in mentions.columns:
        raise SchemaError(
            t(
                "schema.missing_columns",
                lang,
                table="mentions",
                columns="author",
                expected="author, to_author / mentioned / in_reply_to",
            )
        )
    if not {"to_author", "mentioned", "in_reply_to"} & set(mentions.columns):
        raise SchemaError(t("influencers.no_links", lang))
    m = mentions.reset_index(drop=True)
    n_rows = len(m)
    author = normalize_handles(m["author"])
    platform = (
        m["platform"].astype("str").fillna("")
        if "platform" in m.columns
        else pd.Series("", index=m.index, dtype="str")
    )
    inst = _handles_of(institution_accounts)
    if "account" in m.columns:
        inst |= set(normalize_handles(pd.Series(m["account"].dropna().unique())).dropna())

    # Every handle (authors, targets, named handles) gets one integer code; the rest of
    # the work is on integer arrays (fast on millions of rows).
    to_author = _col(m, "to_author")
    ta = normalize_handles(to_author) if to_author is not None else None
    mentioned = _col(m, "mentioned")
    sp = split_handles(mentioned) if mentioned is not None else None
    pieces = (
        [author] + ([ta] if ta is not None else []) + ([sp["handle"]] if sp is not None else [])
    )
    hcodes, huniques = pd.factorize(pd.concat(pieces, ignore_index=True))
    hcodes = hcodes.astype(np.int64)
    a_code = hcodes[:n_rows]
    pos = n_rows
    rows: list[np.ndarray] = []
    targets: list[np.ndarray] = []
    has_to = np.zeros(n_rows, dtype=bool)
    if ta is not None:
        t_code = hcodes[pos : pos + n_rows]
        pos += n_rows
        has_to = t_code >= 0
        rows.append(np.flatnonzero(has_to))
        targets.append(t_code[has_to])
    unresolved = 0
    irt = _col(m, "in_reply_to")
    if irt is not None and "mention_id" in m.columns:
        ask = irt.notna().to_numpy() & ~has_to
        if ask.any():
            ids, _ = pd.factorize(
                pd.concat([m["mention_id"].astype("str"), irt.astype("str")], ignore_index=True)
            )
            own, asked = ids[:n_rows], ids[n_rows:]
            first = np.full(int(ids.max()) + 1, -1, dtype=np.int64)
            ok = own >= 0
            first[own[ok][::-1]] = np.flatnonzero(ok)[::-1]  # first row of each mention id
            rows_ask = np.flatnonzero(ask)
            target_row = first[asked[rows_ask]]
            found = target_row >= 0
            rows.append(rows_ask[found])
            targets.append(a_code[target_row[found]])
            unresolved = int((~found).sum())
    if sp is not None:
        rows.append(sp["row"].to_numpy())
        targets.append(hcodes[pos:])
    row = np.concatenate(rows).astype(np.int64) if rows else np.array([], dtype=np.int64)
    tgt = np.concatenate(targets).astype(np.int64) if targets else np.array([], dtype=np.int64)
    keep = tgt >= 0
    row, tgt = row[keep], tgt[keep]
    n_handles = max(len(huniques), 1)
    pair = _unique(row * n_handles + tgt)  # one row counts once per target
    row, tgt = pair // n_handles, pair % n_handles
    src = a_code[row]
    missing = src < 0
    dropped = {"missing_author": int(np.unique(row[missing]).size)}
    row, src, tgt = row[~missing], src[~missing], tgt[~missing]
    inst_codes = pd.Index(huniques).get_indexer(sorted(inst)) if len(huniques) else []
    inst_codes = np.asarray([c for c in inst_codes if c >= 0], dtype=np.int64)
    is_inst = np.isin(src, inst_codes) | np.isin(tgt, inst_codes)
    dropped["institution"] = int(is_inst.sum())
    row, src, tgt = row[~is_inst], src[~is_inst], tgt[~is_inst]
    loops = src == tgt
    dropped["self_loops"] = int(loops.sum())
    row, src, tgt = row[~loops], src[~loops], tgt[~loops]
    dropped["replies_to_posts"] = unresolved
    # a node is (platform, handle)
    p_code, p_uniques = pd.factorize(platform)
    p_code = p_code.astype(np.int64)
    s_key = p_code[row] * n_handles + src
    t_key = p_code[row] * n_handles + tgt
    inverse, ukeys = pd.factorize(np.concatenate([s_key, t_key]), sort=True)
    n = len(ukeys)
    s_node, t_node = inverse[: len(s_key)], inverse[len(s_key) :]
    ekey, weight = _unique(s_node.astype(np.int64) * max(n, 1) + t_node, counts=True)
    edges = pd.DataFrame(
        {
            "source": (ekey // max(n, 1)).astype(np.int64),
            "target": (ekey % max(n, 1)).astype(np.int64),
            "weight": weight.astype(np.float64),
        }
    )
    nodes = pd.DataFrame(
        {
            "platform": pd.Series(
                np.asarray(p_uniques, dtype=object)[ukeys // n_handles], dtype="str"
            ),
            "handle": pd.Series(pd.Index(huniques).take(ukeys % n_handles), dtype="str"),
        }
    )
    # the node each row's author is (-1 when the author is not in the network)
    row_key = p_code * n_handles + a_code
    where = np.searchsorted(ukeys, row_key) if n else np.zeros(n_rows, dtype=np.int64)
    where = np.minimum(where, max(n - 1, 0))
    row_node = np.where(
        (a_code >= 0) & (n > 0) & (ukeys[where] == row_key if n else False), where, -1
    ).astype(np.int64)
    has = row_node >= 0
    written = np.bincount(row_node[has], minlength=n)
    nodes["written"] = written.astype(np.int64)
    nodes["in_weight"] = np.bincount(edges["target"], weights=edges["weight"], minlength=n)
    nodes["in_accounts"] = np.bincount(edges["target"], minlength=n).astype(np.int64)
    nodes["out_weight"] = np.bincount(edges["source"], weights=edges["weight"], minlength=n)
    for c, how in (
        ("author_followers", "max"),
        ("author_type", "first"),
        ("author_created_at", "min"),
    ):
        if c in m.columns and has.any():
            vals = m[c][has]
            agg = vals.groupby(row_node[has]).agg(how)
            out_name = "followers" if c == "author_followers" else c
            nodes[out_name] = agg.reindex(range(n)).to_numpy() if n else agg.values
            if c == "author_followers":
                nodes[out_name] = pd.array(nodes[out_name], dtype="Int64")
        else:
            out_name = "followers" if c == "author_followers" else c
            nodes[out_name] = pd.Series(
                pd.NA, index=nodes.index, dtype="Int64" if c == "author_followers" else "str"
            )
    return MentionGraph(
        nodes=nodes,
        edges=edges,
        dropped=dropped,
        institution=frozenset(inst),
        row_node=row_node,
        mentions=m,
    )


# ---------------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------------


def _pagerank(
    n: int, edges: pd.DataFrame, d: float = 0.85, tol: float = 1e-10, max_iter: int = 300
) -> np.ndarray:
    if n == 0:
        return np.array([])
    from scipy import sparse

    src = edges["source"].to_numpy()
    dst = edges["target"].to_numpy()
    w = edges["weight"].to_numpy()
    out_w = np.bincount(src, weights=w, minlength=n)
    mat = sparse.csr_matrix((w / out_w[src], (dst, src)), shape=(n, n))
    dangling = out_w == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = d * (mat @ x + x[dangling].sum() / n) + (1.0 - d) / n
        err = np.abs(new - x).sum()
        x = new
        if err < tol:
            break
    return x / x.sum()


def _betweenness(n: int, edges: pd.DataFrame, *, seed: int = 0) -> np.ndarray:
    """Brandes betweenness by level-synchronous BFS for a batch of sources at once."""
    if n < 3 or edges.empty:
        return np.zeros(n)
    from scipy import sparse

    src = edges["source"].to_numpy()
    dst = edges["target"].to_numpy()
    n_all = n
    if n <= EXACT_BETWEENNESS_MAX:
        sources = np.arange(n)
        keep = None
    else:
        sources = np.sort(np.random.default_rng(seed).choice(n, BETWEENNESS_SOURCES, replace=False))
        # only the accounts some source reaches take part (most citizens are pointed at by
        # nobody): the same sums on far smaller arrays, so the same result
        keep = _reachable(n, src, dst, sources)
        sub = np.flatnonzero(keep)
        remap = np.full(n, -1, dtype=np.int64)
        remap[sub] = np.arange(len(sub))
        used = keep[src]
        src, dst, sources, n = remap[src[used]], remap[dst[used]], remap[sources], len(sub)
    adj = sparse.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    adj_t = adj.T.tocsr()
    batch = 64 if n_all <= 20_000 else 32
    bc = np.zeros(n)
    for start in range(0, len(sources), batch):
        chunk = sources[start : start + batch]
        k = len(chunk)
        cols = np.arange(k)
        dist = np.full((n, k), -1, dtype=np.int32)
        sigma = np.zeros((n, k))
        dist[chunk, cols] = 0
        sigma[chunk, cols] = 1.0
        frontier = sigma.copy()
        level = 0
        while True:
            nxt = adj_t @ frontier
            new = (nxt > 0) & (dist < 0)
            if not new.any():
                break
            level += 1
            dist[new] = level
            sigma[new] = nxt[new]
            frontier = np.where(new, nxt, 0.0)
        delta = np.zeros((n, k))
        safe = np.where(sigma > 0, sigma, 1.0)
        for lv in range(level, 0, -1):
            coef = np.where(dist == lv, (1.0 + delta) / safe, 0.0)
            back = adj @ coef
            delta += np.where(dist == lv - 1, sigma * back, 0.0)
        delta[chunk, cols] = 0.0
        bc += delta.sum(axis=1)
    scale = 1.0 / ((n_all - 1) * (n_all - 2))
    if len(sources) < n_all:
        scale *= n_all / len(sources)
    if keep is not None:
        full = np.zeros(n_all)
        full[keep] = bc
        bc = full
    return bc * scale


def _reachable(n: int, src: np.ndarray, dst: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """Which nodes a directed path from any of ``sources`` reaches (sources included)."""
    from scipy import sparse
    from scipy.sparse.csgraph import breadth_first_order

    top = n  # one extra node pointing at every source
    rows = np.concatenate([src, np.full(len(sources), top)])
    cols = np.concatenate([dst, sources])
    g = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n + 1, n + 1))
    order = breadth_first_order(g, top, directed=True, return_predecessors=False)
    keep = np.zeros(n + 1, dtype=bool)
    keep[order] = True
    return keep[:n]


def _undirected(edges: pd.DataFrame, n: int) -> pd.DataFrame:
    a = np.minimum(edges["source"].to_numpy(), edges["target"].to_numpy())
    b = np.maximum(edges["source"].to_numpy(), edges["target"].to_numpy())
    key = a.astype(np.int64) * max(n, 1) + b
    und = pd.DataFrame({"key": key, "weight": edges["weight"].to_numpy()})
    und = und.groupby("key", sort=True)["weight"].sum()
    k = und.index.to_numpy()
    return pd.DataFrame({"a": k // max(n, 1), "b": k % max(n, 1), "weight": und.to_numpy()})


def _louvain(n_nodes: np.ndarray, und: pd.DataFrame) -> dict[int, int]:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(n_nodes.tolist())
    g.add_weighted_edges_from(
        zip(und["a"].tolist(), und["b"].tolist(), und["weight"].tolist(), strict=True)
    )
    parts = nx.community.louvain_communities(g, weight="weight", seed=0)
    return {node: i for i, part in enumerate(parts) for node in part}


def _communities(n: int, edges: pd.DataFrame, pr: np.ndarray) -> np.ndarray:
    labels = np.full(n, -1, dtype=np.int64)
    if n == 0 or edges.empty:
        return labels
    und = _undirected(edges, n)
    if len(und) <= LOUVAIN_MAX_LINKS:
        touched = np.unique(np.concatenate([und["a"], und["b"]]))
        for node, c in _louvain(touched, und).items():
            labels[node] = c
    else:
        top = np.argsort(-pr)[:LOUVAIN_TOP]
        in_top = np.zeros(n, dtype=bool)
        in_top[top] = True
        sub = und[in_top[und["a"]] & in_top[und["b"]]]
        for node, c in _louvain(top, sub).items():
            labels[node] = c
        both = pd.concat(
            [und.rename(columns={"a": "u", "b": "v"}), und.rename(columns={"b": "u", "a": "v"})],
            ignore_index=True,
        )
        for _ in range(3):
            free = labels[both["u"].to_numpy()] < 0
            lab_v = labels[both["v"].to_numpy()]
            cand = both[free & (lab_v >= 0)].assign(label=lab_v[free & (lab_v >= 0)])
            if cand.empty:
                break
            score = cand.groupby(["u", "label"], sort=False)["weight"].sum().reset_index()
            best = score.sort_values(
                ["u", "weight", "label"], ascending=[True, False, True]
            ).drop_duplicates("u")
            labels[best["u"].to_numpy()] = best["label"].to_numpy()
    # renumber by size, largest first
    valid = labels >= 0
    if valid.any():
        sizes = np.bincount(labels[valid])
        order = np.argsort(-sizes, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        labels[valid] = rank[labels[valid]]
    return labels
