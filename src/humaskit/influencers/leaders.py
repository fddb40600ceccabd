"""Who leads the conversation: the opinion-leader and community tables of a mention network.

The network and its measures come from :mod:`humaskit.influencers.network`; this module
turns them into tables for people. Communities are labelled with their distinctive terms:
frequent in the community's texts and more frequent there than in the whole conversation
(counts from ``humaskit.text.keywords`` when available, else a word count), and with their
sentiment toward the institution (``humaskit.text.sentiment``, or a ``sentiment`` column
already in the table). At most 1,000 texts per community (a seeded sample) and 5,000 for
the whole conversation are read.

The helpers :func:`as_graph`, :func:`register_keys`, :func:`display_names` and
:func:`community_summary` are public so that charts (:mod:`humaskit.plots.influencers`)
show the same names, partners and community terms as the tables.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import resolve, t
from ..privacy import is_public_account, normalize_handles, pseudonymize
from ._common import (
    check_positive,
    distinctive_terms,
    net_sentiment,
    sentiment_labels,
    term_counts,
)
from .network import MentionGraph, _handles_of, mention_graph
from .registry import Register

__all__ = [
    "opinion_leaders",
    "communities",
    "as_graph",
    "register_keys",
    "display_names",
    "community_summary",
]


def as_graph(
    mentions_or_graph: pd.DataFrame | MentionGraph,
    *,
    institution_accounts: Any = None,
    lang: str | None = None,
) -> MentionGraph:
    """The mention network of a ``mentions`` table, or the given network unchanged.

    Every table and chart of the conversation accepts either the mentions table or a
    :class:`MentionGraph` already built (reusing it is faster: measures are cached).

    Parameters
    ----------
    mentions_or_graph : DataFrame or MentionGraph
        The mentions table (see :func:`mention_graph`) or a graph.
    institution_accounts : iterable of str or DataFrame, optional
        As in :func:`mention_graph` (used only when a table is given).
    lang : {"id", "en"}, optional
        Language of error messages.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "author": ["a", "b"], "to_author": ["b", "a"]})
    >>> g = as_graph(m)
    >>> as_graph(g) is g, g.n
    (True, 2)
    """
    if isinstance(mentions_or_graph, MentionGraph):
        return mentions_or_graph
    return mention_graph(mentions_or_graph, institution_accounts=institution_accounts, lang=lang)


def register_keys(register: Any) -> tuple[set[str], pd.DataFrame | None]:
    """Handles of the register (normalised) and the register table itself (or None).

    Parameters
    ----------
    register : DataFrame, Register or iterable of handles, optional
        The partner register, as accepted by :func:`opinion_leaders`.

    Returns
    -------
    tuple
        The set of normalised handles, and the register table with normalised handles
        (None when ``register`` is not a table).

    Examples
    --------
    >>> handles, table = register_keys(["@Ani", "budi"])
    >>> sorted(handles), table
    (['ani', 'budi'], None)
    """
    if register is None:
        return set(), None
    if isinstance(register, Register):
        register = register.influencers
    if isinstance(register, pd.DataFrame):
        if "handle" not in register.columns:
            raise ParameterError(t("influencers.bad_register", None))
        h = normalize_handles(register["handle"])
        return set(h.dropna()), register.assign(handle=h)
    return _handles_of(register), None


def display_names(
    graph: MentionGraph,
    ids: np.ndarray,
    *,
    register: Any = None,
    pseudonymize_private: bool = True,
    salt: str | None = None,
) -> pd.Series:
    """Handles of nodes ``ids`` as they may be shown: private citizens pseudonymised.

    Institutions, media, public figures and registered partners stay named
    (:func:`humaskit.privacy.is_public_account`); ``pseudonymize_private=False`` shows
    every handle (internal work only).

    Examples
    --------
    >>> import pandas as pd
    >>> g = mention_graph(pd.DataFrame({"platform": "x", "author": ["a", "b"],
    ...                                 "to_author": ["ani", "ani"]}))
    >>> display_names(g, [0, 2], register=["ani"], salt="s").str[:6].tolist()
    ['warga-', 'ani']
    """
    nodes = graph.nodes.iloc[np.asarray(ids)]
    handles = nodes["handle"].reset_index(drop=True)
    if not pseudonymize_private:
        return handles
    reg_handles, _ = register_keys(register)
    types = nodes["author_type"].reset_index(drop=True) if "author_type" in nodes else None
    public = is_public_account(
        handles, author_types=types, register=reg_handles, institution_accounts=graph.institution
    )
    return pseudonymize(handles, salt=salt, keep=public)


def community_summary(
    graph: MentionGraph, wanted: list[int], *, n_terms: int = 5, max_texts: int = 1000
) -> pd.DataFrame:
    """Distinctive terms and sentiment of the communities ``wanted`` of ``graph``.

    Parameters
    ----------
    graph : MentionGraph
        The network (its communities and texts; results are cached on it).
    wanted : list of int
        Community numbers (0 = largest).
    n_terms : int
        How many distinctive terms per community.
    max_texts : int
        At most this many texts per community are read (a seeded sample).

    Returns
    -------
    DataFrame
        community, terms (comma separated), texts (read), positive, negative (shares of
        the sentiment labels), net_sentiment.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "author": ["a", "b", "c", "d"],
    ...     "to_author": ["b", "a", "d", "c"],
    ...     "text": ["jalan rusak", "jalan rusak", "sampah pasar", "sampah bau"]})
    >>> s = community_summary(mention_graph(m), [0, 1], n_terms=1)
    >>> s["texts"].tolist(), "sampah" in " ".join(s["terms"])
    ([2, 2], True)
    """
    comm = graph.communities()
    m = graph.mentions
    row_comm = np.where(graph.row_node >= 0, comm[np.maximum(graph.row_node, 0)], -1)
    rows = []
    rng = np.random.default_rng(0)
    has_text = "text" in m.columns
    if has_text and "background" not in graph._cache:
        pool = np.flatnonzero(row_comm >= 0)
        if len(pool) > 5_000:
            pool = np.sort(rng.choice(pool, 5_000, replace=False))
        graph._cache["background"] = term_counts(m["text"].iloc[pool], top=2000)
    background = graph._cache.get("background")
    done: dict[int, dict[str, Any]] = graph._cache.setdefault("summary", {})
    for c in wanted:
        if (c, n_terms) in done:
            rows.append(done[(c, n_terms)])
            continue
        idx = np.flatnonzero(row_comm == c)
        if len(idx) > max_texts:  # a seeded sample per community: same result every call
            idx = np.sort(np.random.default_rng(c).choice(idx, max_texts, replace=False))
        texts = m["text"].iloc[idx] if has_text else pd.Series([], dtype="str")
        pre = m["sentiment"].iloc[idx] if "sentiment" in m.columns else None
        labels = sentiment_labels(texts.dropna(), None if pre is None else pre[texts.notna()])
        ns = net_sentiment(labels) if labels is not None else float("nan")
        n_lab = 0 if labels is None else int(labels.notna().sum())
        row = {
            "community": int(c),
            "terms": ", ".join(distinctive_terms(texts, background, n=n_terms)),
            "texts": int(len(idx)),
            "positive": float((labels == "positive").sum() / n_lab) if n_lab else np.nan,
            "negative": float((labels == "negative").sum() / n_lab) if n_lab else np.nan,
            "net_sentiment": ns,
        }
        done[(c, n_terms)] = row
        rows.append(row)
    return pd.DataFrame(
        rows, columns=["community", "terms", "texts", "positive", "negative", "net_sentiment"]
    )


def _tone(ns: float, lang: str) -> str:
    if ns is None or (isinstance(ns, float) and np.isnan(ns)):
        return t("influencers.tone_unknown", lang)
    if ns >= 0.15:
        return t("influencers.tone_positive", lang)
    if ns <= -0.15:
        return t("influencers.tone_negative", lang)
    return t("influencers.tone_neutral", lang)


def communities(
    mentions_or_graph: pd.DataFrame | MentionGraph,
    *,
    top: int = 10,
    register: Any = None,
    institution_accounts: Any = None,
    pseudonymize: bool = True,
    salt: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """The largest communities of the conversation: size, top terms, tone, leaders.

    Parameters
    ----------
    mentions_or_graph : DataFrame or MentionGraph
        The mentions table or a graph from :func:`mention_graph` (reused, faster).
    top : int
        How many communities (largest first).
    register, institution_accounts, pseudonymize, salt
        As in :func:`opinion_leaders` (leaders' handles are pseudonymised the same way).
    lang : {"id", "en"}, optional
        Language of the tone words.

    Returns
    -------
    DataFrame
        community, accounts, interactions (inside the community), terms, texts (used for
        terms and tone), positive, negative, net_sentiment, tone, leaders (top three by
        PageRank), registered (accounts of the register in it).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "author": ["a", "b", "c", "d", "e", "f"],
    ...     "to_author": ["b", "a", "a", "e", "d", "d"],
    ...     "text": ["jalan rusak", "jalan rusak parah", "jalan berlubang",
    ...              "sampah menumpuk", "sampah bau", "sampah pasar"]})
    >>> c = communities(m, pseudonymize=False)
    >>> sorted(c["accounts"].tolist()), "sampah" in " ".join(c["terms"])
    ([3, 3], True)
    """
    lang = resolve(lang)
    check_positive("top", top, lang, minimum=1)
    g = as_graph(mentions_or_graph, institution_accounts=institution_accounts, lang=lang)
    comm = g.communities()
    valid = comm >= 0
    if not valid.any():
        return pd.DataFrame(
            columns=[
                "community",
                "accounts",
                "interactions",
                "terms",
                "texts",
                "positive",
                "negative",
                "net_sentiment",
                "tone",
                "leaders",
                "registered",
            ]
        )
    sizes = np.bincount(comm[valid])
    wanted = [int(c) for c in np.argsort(-sizes, kind="stable")[: int(top)]]
    summary = community_summary(g, wanted)
    e = g.edges
    same = comm[e["source"].to_numpy()] == comm[e["target"].to_numpy()]
    inner = (
        pd.Series(e["weight"].to_numpy()[same]).groupby(comm[e["source"].to_numpy()][same]).sum()
    )
    pr = g.pagerank()
    reg_handles, _ = register_keys(register)
    in_reg = g.nodes["handle"].isin(reg_handles).to_numpy()
    leaders, registered = [], []
    for c in wanted:
        members = np.flatnonzero(comm == c)
        best = members[np.argsort(-pr[members], kind="stable")[:3]]
        names = display_names(
            g, best, register=register, pseudonymize_private=pseudonymize, salt=salt
        )
        leaders.append(", ".join(names.astype(str)))
        registered.append(int(in_reg[members].sum()))
    out = summary.copy()
    out.insert(1, "accounts", [int(sizes[c]) for c in wanted])
    out.insert(2, "interactions", [float(inner.get(c, 0.0)) for c in wanted])
    out["tone"] = [_tone(x, lang) for x in out["net_sentiment"]]
    out["leaders"] = leaders
    out["registered"] = registered
    return out


def opinion_leaders(
    mentions: pd.DataFrame | MentionGraph,
    *,
    register: Any = None,
    institution_accounts: Any = None,
    top: int = 20,
    pseudonymize: bool = True,
    salt: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Rank the accounts that shape the conversation, marking registered ones and new ones.

    Parameters
    ----------
    mentions : DataFrame or MentionGraph
        The mentions table (see the module docstring for how arrows are made) or a
        graph from :func:`mention_graph`.
    register : DataFrame, Register or iterable of handles, optional
        The partner register: leaders whose handle is in it (on any platform: the
        person is already a partner) are ``registered``, others ``candidate``.
    institution_accounts : iterable of str or DataFrame, optional
        The institution's own handles, left out of the ranking.
    top : int
        How many leaders to return.
    pseudonymize : bool
        Replace private citizens' handles by stable tokens (``warga-3f9a2c``) in the
        result (default). Institutions, media, public figures and registered partners
        stay named (:func:`humaskit.privacy.is_public_account`).
    salt : str, optional
        Secret key of the pseudonyms (None: a random key for this session).
    lang : {"id", "en"}, optional
        Language of the reasons.

    Returns
    -------
    DataFrame
        rank, platform, handle, pagerank, betweenness, in_weight (times pointed at),
        in_accounts (distinct accounts), out_weight, followers, community, community_terms,
        community_tone, status (``registered``/``candidate``), person_id, role,
        is_public, reason (the fifth of the leaders with the highest betweenness are
        called bridges between communities).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "account": "pemkot",
    ...     "author": ["a", "b", "c", "d", "a"], "to_author": ["ani", "ani", "ani", "b", "b"],
    ...     "text": "jalan rusak"})
    >>> lead = opinion_leaders(m, register=["ani"], top=2, lang="en")
    >>> # "b" is a private citizen, so the shared table shows a pseudonym
    >>> lead[["handle", "status"]].values.tolist()  # doctest: +ELLIPSIS
    [['ani', 'registered'], ['warga-...', 'candidate']]
    """
    lang = resolve(lang)
    check_positive("top", top, lang, minimum=1)
    g = as_graph(mentions, institution_accounts=institution_accounts, lang=lang)
    cols = [
        "rank",
        "platform",
        "handle",
        "pagerank",
        "betweenness",
        "in_weight",
        "in_accounts",
        "out_weight",
        "followers",
        "community",
        "community_terms",
        "community_tone",
        "status",
        "person_id",
        "role",
        "is_public",
        "reason",
    ]
    if g.n == 0:
        return pd.DataFrame(columns=cols)
    pr = g.pagerank()
    order = np.argsort(-pr, kind="stable")[: int(top)]
    bc = g.betweenness()
    comm = g.communities()
    nodes = g.nodes.iloc[order].reset_index(drop=True)
    out = nodes[["platform", "handle"]].copy()
    out.insert(0, "rank", np.arange(1, len(order) + 1))
    out["pagerank"] = pr[order]
    out["betweenness"] = bc[order]
    for c in ("in_weight", "in_accounts", "out_weight", "followers"):
        out[c] = nodes[c].to_numpy()
    out["in_weight"] = out["in_weight"].round().astype("int64")
    out["out_weight"] = out["out_weight"].round().astype("int64")
    out["community"] = comm[order]
    wanted = sorted({int(c) for c in comm[order] if c >= 0})
    summ = community_summary(g, wanted).set_index("community") if wanted else None
    if summ is not None:
        out["community_terms"] = out["community"].map(summ["terms"]).astype("str")
        out["community_tone"] = [
            _tone(summ["net_sentiment"].get(c, np.nan), lang) for c in out["community"]
        ]
    else:
        out["community_terms"] = pd.Series(pd.NA, index=out.index, dtype="str")
        out["community_tone"] = _tone(np.nan, lang)
    reg_handles, reg = register_keys(register)
    registered = out["handle"].isin(reg_handles).to_numpy()
    out["status"] = np.where(registered, "registered", "candidate")
    out["person_id"] = pd.Series(pd.NA, index=out.index, dtype="str")
    out["role"] = pd.Series(pd.NA, index=out.index, dtype="str")
    if reg is not None:
        info = reg.drop_duplicates("handle").set_index("handle")
        for c in ("person_id", "role"):
            if c in info.columns:
                out[c] = out["handle"].map(info[c]).where(registered).astype("str")
    types = nodes["author_type"] if "author_type" in nodes.columns else None
    public = is_public_account(
        out["handle"], author_types=types, register=reg_handles, institution_accounts=g.institution
    )
    out["is_public"] = public.to_numpy()
    # bridges: the fifth of the returned leaders with the highest betweenness (if > 0)
    lead_bc = bc[order]
    n_bridge = max(1, len(order) // 5)
    high_bc = np.zeros(len(order), dtype=bool)
    high_bc[np.argsort(-lead_bc, kind="stable")[:n_bridge]] = True
    high_bc &= lead_bc > 0
    out["reason"] = [
        t("influencers.leader_reason", lang, n=int(r.in_weight), accounts=int(r.in_accounts))
        + (t("influencers.leader_bridge", lang) if hb else "")
        + (
            t("influencers.leader_terms", lang, terms=r.community_terms)
            if isinstance(r.community_terms, str) and r.community_terms
            else ""
        )
        for r, hb in zip(out.itertuples(), high_bc, strict=True)
    ]
    if pseudonymize:
        out["handle"] = display_names(g, order, register=register, salt=salt).to_numpy()
    return out[cols]
