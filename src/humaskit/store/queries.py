"""Run the store's SQL files over the months asked for (DuckDB here; Spark runs them too).

The ``.sql`` files in ``humaskit/store/sql/`` name their tables as views and take
``{name}`` placeholders (time literals, grouping lists). :func:`run` defines each view
over the Parquet files of the months needed (DuckDB ``read_parquet``), fills the
placeholders and returns a pandas DataFrame. On a cluster the same text runs after::

    for name, files in views.items():
        spark.read.parquet(*files).createOrReplaceTempView(name)
    spark.sql(sql(name, dialect="spark").format(**params))

with the session time zone set to UTC. The dialect-specific fragments are
:data:`SPLIT_MENTIONED` and :data:`SPLIT_NAMED` (exploding handle lists),
:data:`WHITESPACE` (a regex class inside a string literal) and ``EXTRACT(EPOCH FROM x)``
(``unix_micros`` in Spark); ``bench/bench_store_spark.py`` checks that Spark gives the same
results as DuckDB. ``{handle(col)}`` in a file is :data:`HANDLE` for that column (a handle
normalised as :func:`humaskit.privacy.normalize_handles` does, the same text in both
dialects but for its white-space class).

Examples
--------
>>> "FROM posts" in sql("kpis")
True
>>> "{handle" in sql("leader_nodes"), "lower(author)" in sql("leader_nodes")
(False, True)
>>> literal(pd.Timestamp("2025-08-31 17:00", tz="UTC"))
"TIMESTAMP '2025-08-31 17:00:00.000000'"
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from .core import Store, connect, month_range

__all__ = [
    "sql",
    "run",
    "literal",
    "ident",
    "SPLIT_MENTIONED",
    "SPLIT_NAMED",
    "months_of_window",
]

SQL_DIR = Path(__file__).with_name("sql")

#: The handles named in ``mentioned`` by each row of view ``p`` (platform, src,
#: first_target, mentioned), one row per distinct normalised handle ``h`` of the row (``@``
#: and trailing ``.:!?`` removed, lower case, as :func:`humaskit.influencers._common.
#: split_handles`; an empty ``h`` is possible), per dialect. The whole text is normalised
#: before it is split, so the handles of a row are made distinct without a lambda or a
#: de-duplication pass afterwards. DuckDB: regular expressions only for a text holding
#: ``@.:!?`` or a separator other than a space, and ``list_distinct`` only for three
#: handles or more (the rest, nearly every row, is a lower-case split on spaces).
_SEPARATOR = "[ \\t\\n\\r,;|]"
_NORMALISE = (
    "regexp_replace(regexp_replace(lower(mentioned), '(^|{sep})@+', '{back}'{g}), "
    "'[.:!?]+({sep}|$)', '{back}'{g})"
)
SPLIT_MENTIONED = {
    "duckdb": "SELECT platform, src, first_target, unnest(CASE WHEN len(l) < 2 THEN l "
    "WHEN len(l) = 2 THEN (CASE WHEN l[1] = l[2] THEN [l[1]] ELSE l END) "
    "ELSE list_distinct(l) END) AS h FROM (SELECT platform, src, first_target, "
    "CASE WHEN regexp_matches(mentioned, '[@.:!?,;|\\t\\n\\r]') THEN regexp_split_to_array("
    + _NORMALISE.format(sep=_SEPARATOR, back="\\1", g=", 'g'")
    + f", '{_SEPARATOR}+') ELSE string_split(lower(mentioned), ' ') END AS l "
    "FROM p WHERE mentioned IS NOT NULL) s",
    "spark": "SELECT platform, src, first_target, explode(array_distinct(split("
    "CASE WHEN mentioned RLIKE '[@.:!?]' THEN "
    + _NORMALISE.format(sep=_SEPARATOR, back="$1", g="")
    + f" ELSE lower(mentioned) END, '{_SEPARATOR}+'))) AS h FROM p WHERE mentioned IS NOT NULL",
}
#: The regular-expression class of white space inside a SQL string literal: DuckDB keeps
#: backslashes as they are, Spark reads them as escapes (so it needs two).
WHITESPACE = {"duckdb": "\\s", "spark": "\\\\s"}
#: Splitting the ``named`` text of view ``m`` (account and mentioned handles) on spaces.
SPLIT_NAMED = {
    "duckdb": "SELECT m.*, unnest(regexp_split_to_array(trim(named), '\\s+')) AS h FROM m",
    "spark": "SELECT m.*, explode(split(trim(named), '\\\\s+')) AS h FROM m",
}


#: A handle as :func:`humaskit.privacy.normalize_handles` makes it, for ``{handle(col)}``:
#: white space and a leading ``@`` removed, lower case, empty as NULL. The regular
#: expressions run only when the first or last character asks for them (a plain handle,
#: nearly every row, is only lower-cased: the regexes were most of the arrows' time).
HANDLE = (
    "CASE WHEN left({col}, 1) > ' ' AND left({col}, 1) <> '@' AND right({col}, 1) > ' ' "
    "THEN lower({col}) ELSE NULLIF(lower(regexp_replace(regexp_replace({col}, "
    "'^{ws}*@*{ws}*', ''), '{ws}+$', '')), '') END"
)


@cache
def sql(name: str, dialect: str = "duckdb") -> str:
    """The text of ``sql/<name>.sql`` with the dialect fragments filled in."""
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    text = re.sub(r"\{handle\((\w+)\)\}", lambda m: HANDLE.replace("{col}", m.group(1)), text)
    text = text.replace("{split_mentioned}", SPLIT_MENTIONED[dialect])
    text = text.replace("{split_named}", SPLIT_NAMED[dialect])
    text = text.replace("{ws}", WHITESPACE[dialect])
    if dialect == "spark":  # Spark has no EPOCH field: seconds from its microseconds
        text = re.sub(r"EXTRACT\(EPOCH FROM ([^()]+)\)", r"(unix_micros(\1) / 1000000.0)", text)
    return text


def literal(ts: Any) -> str:
    """A UTC ``TIMESTAMP`` literal (the session time zone of every engine is UTC)."""
    x = pd.Timestamp(ts)
    x = x.tz_convert("UTC").tz_localize(None) if x.tzinfo else x
    return f"TIMESTAMP '{x.strftime('%Y-%m-%d %H:%M:%S.%f')}'"


def ident(name: str) -> str:
    """A column name for SQL: bare when it is a plain lower-case name (as every canonical
    column is; Spark reads double quotes as a string), else in double quotes (DuckDB).

    Examples
    --------
    >>> ident("created_at"), ident("Odd name")
    ('created_at', '"Odd name"')
    """
    text = str(name)
    if re.fullmatch(r"[a-z_][a-z0-9_]*", text):
        return text
    return '"' + text.replace('"', '""') + '"'


def months_of_window(start: Any, end: Any) -> list[str]:
    """The UTC months whose partitions can hold rows of ``[start, end)``."""
    return month_range(pd.Timestamp(start), pd.Timestamp(end))


_EMPTY = {
    "sentiment": lambda: pd.DataFrame(
        {
            "mention_id": pd.Series([], dtype="str"),
            "sentiment": pd.Series([], dtype="str"),
            "sentiment_score": pd.Series([], dtype="float64"),
        }
    ),
    "answer": lambda: pd.DataFrame(
        {
            "mention_id": pd.Series([], dtype="str"),
            "needs_answer": pd.Series([], dtype="bool"),
            "unit": pd.Series([], dtype="str"),
            "route_topic": pd.Series([], dtype="str"),
            "request": pd.Series([], dtype="str"),
            "citizen": pd.Series([], dtype="bool"),
        }
    ),
}


def _files(store: Store, table: str, months: Iterable[str]) -> list[str]:
    if table in ("sentiment", "answer"):
        return store.derived_files(table, months)
    return store.files(table, months)


def run(
    store: Store,
    name: str,
    *,
    months: Iterable[str],
    tables: Iterable[str],
    frames: dict[str, pd.DataFrame] | None = None,
    memory_limit: str | None = None,
    arrow: bool = False,
    **params: Any,
) -> Any:
    """Run ``sql/<name>.sql`` over the ``tables`` of ``months`` and return the result.

    ``frames`` are small tables registered as views (units, the institution's handles).
    A table with no file in those months is an empty view with the canonical columns.
    The result is a pandas DataFrame, or a ``pyarrow.Table`` with ``arrow=True`` (no
    Python object per string: for results of millions of rows).
    """
    months = list(months)
    con = connect(memory_limit=memory_limit)
    try:
        for table in tables:
            files = _files(store, table, months)
            if files:
                listed = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
                con.execute(
                    f"CREATE VIEW {table} AS SELECT * FROM "
                    f"read_parquet({listed}, hive_partitioning = false)"
                )
            else:  # nothing in these months: an empty view with the right columns
                con.register(table, _EMPTY[table]() if table in _EMPTY else schema.empty(table))
        for key, frame in (frames or {}).items():
            con.register(key, frame)
        text = sql(name).format(**params)
        if arrow:
            result = con.sql(text)
            for how in ("to_arrow_table", "fetch_arrow_table", "arrow"):  # DuckDB 2.x, 1.x
                if hasattr(result, how):
                    return getattr(result, how)()
        return con.execute(text).df()
    finally:
        con.close()
