"""Opinion leaders of a store: the mention network's arrows counted in SQL (out of core).

:func:`leader_graph` builds the same :class:`~humaskit.influencers.network.MentionGraph`
as :func:`~humaskit.influencers.network.mention_graph` on a month's mentions in memory
(same accounts, arrows and weights; a test compares them), but the arrows are made and
counted by the SQL file ``leader_edges.sql`` of :mod:`humaskit.store` over the Parquet
files of the months asked for, so only the network (accounts and weighted arrows) is held
in memory, never the mentions.

Differences from the in-memory graph, on purpose:

- accounts are numbered in (platform, handle) order, so sampled measures (betweenness
  above 1,500 accounts, Louvain above 60,000 links) can differ from the in-memory run;
- an author's ``author_type`` is the smallest one given (not the first row's);
- the texts behind community terms and tone are a bounded sample (``max_texts`` rows,
  the smallest mention ids) with their stored sentiment labels when present;
- ``dropped`` is not counted (an empty dict).

Examples
--------
>>> import tempfile
>>> from humaskit import samples
>>> from humaskit.store import Store
>>> st = Store.create(tempfile.mkdtemp())
>>> _ = st.append_workspace(samples.workspace())
>>> g = leader_graph(st, "2025-09")
>>> g.n > 100 and len(g.edges) > 100
True
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ..privacy import normalize_handles
from ..store import Store, is_store, open_store
from ..store import queries as sq
from .leaders import opinion_leaders as _leaders_of
from .network import MentionGraph, _handles_of

__all__ = ["leader_graph", "opinion_leaders", "month_window"]

_ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
MAX_TEXTS = 50_000
_SEP = "\x1f"


def month_window(period: Any, tz: str = "Asia/Jakarta") -> tuple[pd.Timestamp, pd.Timestamp]:
    """``[start, end)`` of a month ``YYYY-MM`` (or a pair of times) in local time ``tz``.

    Examples
    --------
    >>> [str(x) for x in month_window("2025-09")]
    ['2025-09-01 00:00:00+07:00', '2025-10-01 00:00:00+07:00']
    """
    zone = _ZONES.get(str(tz).upper(), tz)
    if isinstance(period, (tuple, list)) and len(period) == 2:
        a, b = (pd.Timestamp(x) for x in period)
        a = a.tz_localize(zone) if a.tzinfo is None else a
        b = b.tz_localize(zone) if b.tzinfo is None else b
        return a, b
    try:
        per = pd.Period(str(period), freq="M")
    except (ValueError, TypeError):
        raise ParameterError(t("playbooks.bad_period", None, value=period)) from None
    return per.start_time.tz_localize(zone), (per + 1).start_time.tz_localize(zone)


def _store(data: Any) -> Store:
    if isinstance(data, Store):
        return data
    if is_store(data):
        return open_store(data)
    return open_store(data)  # raises the plain-sentence DataNotFound


def leader_graph(
    data: Any,
    period: Any,
    *,
    institution_accounts: Any = None,
    tz: str = "Asia/Jakarta",
    max_texts: int = MAX_TEXTS,
) -> MentionGraph:
    """The mention network of the store's mentions created in ``period`` (SQL arrows).

    Parameters
    ----------
    data : Store or path
        A store (:mod:`humaskit.store`).
    period : str or (start, end)
        A month ``YYYY-MM`` in local time, or two times.
    institution_accounts : iterable of str or DataFrame, optional
        The institution's handles (the store's accounts table is always added).
    max_texts : int
        How many mention texts are kept for the community terms and tone.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    st = _store(data)
    start, end = month_window(period, tz)
    months = sq.months_of_window(start, end)
    tables = ["mentions"]
    inst = _handles_of(institution_accounts) | _handles_of(st.reference("accounts"))
    accounts = sq.run(
        st,
        "leader_accounts",
        months=months,
        tables=tables,
        start=sq.literal(start),
        end=sq.literal(end),
    )
    inst |= set(normalize_handles(accounts["account"].astype("str")).dropna())
    frames = {"inst": pd.DataFrame({"handle": pd.Series(sorted(inst), dtype="str")})}
    params = {"start": sq.literal(start), "end": sq.literal(end)}
    edges = _arrow(
        sq.run(
            st, "leader_edges", months=months, tables=tables, frames=frames, arrow=True, **params
        )
    )
    authors = _arrow(sq.run(st, "leader_nodes", months=months, tables=tables, arrow=True, **params))
    # one integer per (platform, handle), numbered in that order: Arrow hashes the joined
    # keys once and sorts only the distinct ones (no Python string per arrow)
    plat = pc.fill_null(edges["platform"].cast(pa.string()), "")
    ends = pa.concat_arrays(  # chunk by chunk (a ChunkedArray of ChunkedArrays iterates)
        [
            chunk
            for end in ("source", "target")
            for chunk in pc.binary_join_element_wise(
                plat, edges[end].cast(pa.string()), _SEP
            ).chunks
        ]
        or [pa.array([], pa.string())]
    )
    coded = ends.dictionary_encode()
    order = pc.sort_indices(coded.dictionary).to_numpy()
    n = len(order)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n, dtype=np.int64)
    codes = rank[coded.indices.to_numpy(zero_copy_only=False)]
    keys = coded.dictionary.take(pa.array(order))
    parts = pc.split_pattern(keys, _SEP, max_splits=1)
    nodes = pd.DataFrame(
        {
            "platform": _str(pc.list_element(parts, 0)),
            "handle": _str(pc.list_element(parts, 1)),
        }
    )
    src, dst = codes[: edges.num_rows], codes[edges.num_rows :]
    order = np.lexsort((dst, src))
    e = pd.DataFrame(
        {
            "source": src[order].astype(np.int64),
            "target": dst[order].astype(np.int64),
            "weight": edges["weight"].to_numpy().astype("float64")[order],
        }
    )
    authors = authors.filter(pc.is_valid(authors["handle"]))
    a_plat = pc.fill_null(authors["platform"].cast(pa.string()), "")
    a_keys = pc.binary_join_element_wise(a_plat, authors["handle"].cast(pa.string()), _SEP)
    at = pc.fill_null(pc.index_in(a_keys, value_set=keys), -1).to_numpy().astype(np.int64)
    found = at >= 0
    row_of = np.full(n, -1, dtype=np.int64)  # each node's row of `authors` (-1: none)
    row_of[at[found]] = np.flatnonzero(found)
    pick = pa.array(np.maximum(row_of, 0), mask=row_of < 0)  # taken by Arrow, nulls kept
    written = authors["written"].take(pick).to_numpy(zero_copy_only=False)
    nodes["written"] = np.nan_to_num(written.astype("float64")).astype(np.int64)
    nodes["in_weight"] = np.bincount(e["target"], weights=e["weight"], minlength=n)
    nodes["in_accounts"] = np.bincount(e["target"], minlength=n).astype(np.int64)
    nodes["out_weight"] = np.bincount(e["source"], weights=e["weight"], minlength=n)
    followers = authors["followers"].take(pick)
    nodes["followers"] = pd.array(
        followers.cast(pa.int64()).to_pandas(types_mapper=_int_mapper), dtype="Int64"
    )
    nodes["author_type"] = _str(authors["author_type"].cast(pa.string()).take(pick))
    created = authors["author_created_at"]
    if pa.types.is_timestamp(created.type):  # UTC values, the zone dropped
        created = created.cast(pa.timestamp("us"))
    else:  # pragma: no cover (an engine that gives another type)
        created = pa.array(
            pd.to_datetime(created.to_pandas(), utc=True).dt.tz_localize(None), pa.timestamp("us")
        )
    when = created.take(pick).to_numpy(zero_copy_only=False).astype("datetime64[us]")
    nodes["author_created_at"] = pd.Series(when).dt.tz_localize("UTC")
    texts = _texts(st, months, start, end, max_texts)
    t_keys = pa.array(
        (texts["platform"].astype("str") + _SEP + normalize_handles(texts["author"]).astype("str")),
        pa.string(),
    )
    row_node = pc.fill_null(pc.index_in(t_keys, value_set=keys), -1).to_numpy().astype(np.int64)
    return MentionGraph(
        nodes=nodes,
        edges=e,
        dropped={},
        institution=frozenset(inst),
        row_node=row_node,
        mentions=texts,
    )


def _arrow(table: Any) -> Any:
    """An Arrow table of a query result (a runner may answer with pandas)."""
    import pyarrow as pa

    if isinstance(table, pd.DataFrame):
        return pa.Table.from_pandas(table, preserve_index=False)
    return table


def _str(values: Any) -> pd.Series:
    """An Arrow string array as a pandas ``str`` Series."""
    return pd.Series(pd.array(values, dtype="str"), dtype="str")


def _int_mapper(typ: Any) -> Any:
    import pyarrow as pa

    return pd.Int64Dtype() if pa.types.is_integer(typ) else None


def _texts(st: Store, months: list[str], start: Any, end: Any, cap: int) -> pd.DataFrame:
    """A bounded sample of the window's mentions (texts, with stored sentiment if any)."""
    tables = ["mentions"] + (["sentiment"] if st.derived_files("sentiment", months) else [])
    out = sq.run(
        st,
        "leader_texts" if len(tables) == 1 else "leader_texts_sentiment",
        months=months,
        tables=tables,
        start=sq.literal(start),
        end=sq.literal(end),
        cap=int(cap),
    )
    for c in out.columns:
        out[c] = out[c].astype("str")
    return out


def opinion_leaders(
    data: Any,
    period: Any = None,
    *,
    register: Any = None,
    institution_accounts: Any = None,
    top: int = 20,
    pseudonymize: bool = True,
    salt: str | None = None,
    tz: str = "Asia/Jakarta",
    lang: str | None = None,
) -> pd.DataFrame:
    """:func:`humaskit.influencers.opinion_leaders` of a store's month (SQL arrows).

    ``register`` defaults to the store's influencers table; ``period`` to the latest month
    of the store's mentions.
    """
    st = _store(data)
    if period is None:
        latest = st.latest("mentions")
        if latest is None:
            raise ParameterError(t("playbooks.bad_period", lang, value=period))
        period = latest.tz_convert(_ZONES.get(str(tz).upper(), tz)).strftime("%Y-%m")
    g = leader_graph(st, period, institution_accounts=institution_accounts, tz=tz)
    if register is None:
        register = st.reference("influencers")
    return _leaders_of(
        g, register=register, top=top, pseudonymize=pseudonymize, salt=salt, lang=lang
    )
