"""Who answers: each citizen mention routed to the unit responsible for its topic.

The second step of the 24-hour rule (:mod:`humaskit.evaluation.responsiveness`).
:func:`route` gives each mention the unit of the first keyword of the routing table
(``data/evaluation/routing.csv``: jalan rusak -> Dinas PU, sampah -> DLH, puskesmas ->
Dinkes, izin -> DPMPTSP, KTP/KK -> Disdukcapil, banjir -> BPBD...) found in the text;
otherwise the unit owning the account the mention was addressed to; otherwise the
table's default unit (keyword ``*``).

:func:`routing_table` checks a team's own table (``keyword, topic, unit``) or returns the
shipped default.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"platform": "x", "account": "pemkot",
...     "created_at": pd.Timestamp("2025-09-01", tz="UTC"), "text": ["Sampah numpuk"]})
>>> route(m)["unit"].tolist()
['Dinas Lingkungan Hidup']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import (
    account_units,
    arrow_lower,
    arrow_match,
    arrow_str,
    arrow_take,
    context,
    mentions_of,
    read_table,
    words_regex,
)

__all__ = ["routing_table", "route"]


def routing_table(routing: pd.DataFrame | None = None, *, lang: str | None = None) -> pd.DataFrame:
    """The routing table (``keyword, topic, unit``): yours, checked, or the shipped default.

    Examples
    --------
    >>> r = routing_table()
    >>> r.set_index("keyword").loc["puskesmas", "unit"]
    'Dinas Kesehatan'
    """
    table = read_table("routing.csv") if routing is None else routing
    if not isinstance(table, pd.DataFrame) or not {"keyword", "unit"} <= set(table.columns):
        raise ParameterError(t("evaluation.bad_routing", lang))
    out = table.copy()
    if "topic" not in out.columns:
        out["topic"] = out["unit"]
    out = out[["keyword", "topic", "unit"]].astype("str")
    out["keyword"] = out["keyword"].str.strip().str.lower()
    out = out.dropna(subset=["keyword", "unit"])
    out = out[(out["keyword"].str.len() > 0) & (out["unit"].str.strip().str.len() > 0)]
    if not len(out):
        raise ParameterError(t("evaluation.bad_routing", lang))
    return out.drop_duplicates("keyword", keep="first").reset_index(drop=True)


def route(
    mentions: Any,
    routing: pd.DataFrame | None = None,
    *,
    accounts: pd.DataFrame | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Give each mention the unit responsible for its topic.

    Parameters
    ----------
    mentions : DataFrame or Workspace
        Mentions (a workspace's accounts table is used for the fallback).
    routing : DataFrame, optional
        ``keyword, topic, unit`` (default ``data/evaluation/routing.csv``).
    accounts : DataFrame, optional
        The accounts table: a mention without a keyword goes to the unit owning the
        account it was addressed to.

    Returns
    -------
    DataFrame
        A copy with ``unit``, ``route_topic`` and ``route_keyword`` (NA when the
        mention was routed by its account or by default) and ``routed_by`` (``keyword``,
        ``account`` or ``default``).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "account": "pemkot",
    ...     "created_at": pd.Timestamp("2025-09-01", tz="UTC"),
    ...     "text": ["Jalan berlubang di Jl. Melati", "Sampah numpuk", "Halo min"]})
    >>> route(m)[["unit", "routed_by"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Dinas Pekerjaan Umum', 'keyword'], ['Dinas Lingkungan Hidup', 'keyword'],
     ['Dinas Komunikasi dan Informatika', 'default']]
    """

    m = mentions_of(mentions, lang)
    table = routing_table(routing, lang=lang)
    acc = accounts if accounts is not None else context(mentions).accounts
    out = m.copy()
    unit, topic, kw, by = _route(
        out, table, account_units(acc), arrow_lower(out["text"]) if len(out) else None
    )
    out["unit"] = arrow_str(unit, out.index)
    out["route_topic"] = arrow_str(topic, out.index)
    out["route_keyword"] = arrow_str(kw, out.index)
    out["routed_by"] = arrow_str(by, out.index)
    return out


def _route(m: pd.DataFrame, table: pd.DataFrame, units: pd.DataFrame, low):
    """Arrow arrays ``unit, topic, keyword, routed_by`` for the rows of ``m``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    default = table[table["keyword"] == "*"]
    keywords = table[table["keyword"] != "*"]
    n = len(m)
    null = pa.nulls(n, pa.large_string())
    unit, topic, kw = null, null, null
    if n and len(keywords):
        pat = words_regex(keywords["keyword"].tolist(), name="k")
        # finding WHICH keyword comes first costs RE2 several times more than finding
        # WHETHER there is one: extract only from the texts that have a keyword
        rows = np.flatnonzero(arrow_match(low, pat))
        found = pc.struct_field(pc.extract_regex(arrow_take(low, rows), pat), [0])
        known = pa.array(keywords["keyword"].tolist(), type=found.type)
        at = pc.fill_null(pc.index_in(found, value_set=known), -1).to_numpy(
            zero_copy_only=False, writable=True
        )
        spaced = np.flatnonzero(at < 0)
        if len(spaced) and any(" " in k for k in keywords["keyword"]):
            # a phrase written with other spaces than the table's ("jalan  rusak")
            again = pc.replace_substring_regex(arrow_take(found, spaced), r"\s+", " ")
            at[spaced] = pc.fill_null(pc.index_in(again, value_set=known), -1).to_numpy(
                zero_copy_only=False
            )
        where = np.full(n, -1, dtype=np.int64)
        where[rows] = at
        pos = pa.array(where, mask=where < 0)

        def pick(col: str):
            return pc.take(pa.array(keywords[col].tolist(), pa.large_string()), pos)

        unit, topic, kw = pick("unit"), pick("topic"), pick("keyword")
    by = pc.if_else(pc.is_valid(kw), "keyword", "default")
    if n and len(units) and unit.null_count:
        # the mentions without a keyword go to the unit owning the addressed account
        rest = np.flatnonzero(pc.is_null(unit).to_numpy(zero_copy_only=False))
        key = pc.binary_join_element_wise(
            pa.array(m["platform"].iloc[rest].astype("str"), pa.large_string()),
            pa.array(m["account"].iloc[rest].astype("str"), pa.large_string()),
            pa.scalar("\x1f", pa.large_string()),
        )
        keys = (units["platform"] + "\x1f" + units["account"]).tolist()
        at = pc.index_in(key, value_set=pa.array(keys, pa.large_string()))
        where = np.full(n, -1, dtype=np.int64)
        where[rest] = pc.fill_null(at, -1).to_numpy(zero_copy_only=False)
        own = pc.take(
            pa.array(units["unit"].tolist(), pa.large_string()),
            pa.array(where, mask=where < 0),
        )
        by = pc.if_else(pc.and_(pc.is_null(unit), pc.is_valid(own)), "account", by)
        unit = pc.coalesce(unit, own)
    if len(default):
        unit = pc.coalesce(unit, pa.scalar(str(default.iloc[0]["unit"]), pa.large_string()))
        topic = pc.coalesce(topic, pa.scalar(str(default.iloc[0]["topic"]), pa.large_string()))
    return unit, topic, kw, by
