"""KPIs, responsiveness and sentiment trend of a store, aggregated in SQL (out of core).

The same figures as :func:`~humaskit.evaluation.kpis`,
:func:`~humaskit.evaluation.responsiveness` and
:func:`~humaskit.evaluation.sentiment_trend` on the same months in memory (a test compares
them), computed by the SQL files of :mod:`humaskit.store` over the Parquet files of the
months the period touches only. The text work (sentiment labels, which mentions need an
answer and which unit answers) runs here in bounded batches (:data:`BATCH_ROWS` texts at a
time) and is stored in the store, so a month is scored once.

Differences from the in-memory path, on purpose:

- ``responsiveness``: the default reference time ``now`` is the latest time in the months
  read (not in the whole store); the routing table and accounts used the first time a
  month is marked stay with that month (delete ``derived/answer`` to mark it again).
- ``sentiment_trend``: local time is UTC plus the zone's offset at the window start
  (Indonesian zones have no daylight saving).

Examples
--------
>>> import tempfile
>>> from humaskit import samples
>>> from humaskit.store import Store
>>> st = Store.create(tempfile.mkdtemp())
>>> _ = st.append_workspace(samples.workspace())
>>> int(kpis(st, "2025-09", compare=False).loc[0, "posts"]) > 0
True
"""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import t
from ..store import Store, open_store
from ..store import queries as sq
from ..store.core import BATCH_ROWS
from ._common import DEFAULT_TZ, Window, account_units, window, zone
from .kpis import (
    _FROM_ACCOUNTS,
    _GROUP_ALIASES,
    _SUMS,
    _follower_growth,
    _with_followers,
)
from .monitoring import _LABELS, _freq, net_sentiment
from .responsiveness import _prepared

__all__ = [
    "BATCH_ROWS",
    "as_store",
    "kpis",
    "responsiveness",
    "sentiment_trend",
    "score_sentiment",
    "mark_answers",
    "screen",
]

_UNIT = {"D": "day", "W": "week", "M": "month"}
_RATIOS = (
    "er_by_reach",
    "er_by_impressions",
    "er_by_followers",
    "applause_rate",
    "conversation_rate",
    "amplification_rate",
    "avg_view_pct",
    "watch_time_per_view_s",
)


def as_store(data: Any, lang: str | None = None) -> Store:
    """A :class:`humaskit.store.Store` from a store or the path of a store folder."""
    if isinstance(data, Store):
        return data
    if isinstance(data, str) or hasattr(data, "__fspath__"):
        return open_store(data, lang=lang)
    raise ParameterError(t("evaluation.not_posts", lang, got=type(data).__name__))


def _window(st: Store, period: Any, tz: str, lang: str | None, table: str) -> Window:
    latest = (
        st.latest(table)
        if period is None
        or str(period).lower()
        in (
            "terakhir",
            "latest",
        )
        else None
    )
    times = pd.Series([latest], dtype="datetime64[us, UTC]") if latest is not None else None
    return window(period, tz=tz, times=times, lang=lang)


def _months(win: Window) -> list[str]:
    return sq.months_of_window(win.start, win.end)


def _groups(by_list: list[str], source: dict[str, str]) -> dict[str, str]:
    """The SQL placeholders of a grouping: select, keys, output and GROUP BY."""
    if not by_list:
        return {"group_select": "", "group_keys": "", "group_out": "", "group_by": ""}
    names = [sq.ident(f"k_{i}") for i in range(len(by_list))]
    return {
        "group_select": "".join(
            f"{source[b]} AS {n}, " for b, n in zip(by_list, names, strict=True)
        ),
        "group_keys": "".join(f"{n}, " for n in names),
        "group_out": "".join(f"{n}, " for n in names),
        "group_by": "GROUP BY " + ", ".join(names),
    }


def _named(out: pd.DataFrame, by_list: list[str]) -> pd.DataFrame:
    """Key columns k_0.. renamed to ``by_list`` as str, sorted like pandas (missing last)."""
    out = out.rename(columns={f"k_{i}": b for i, b in enumerate(by_list)})
    for b in by_list:
        out[b] = out[b].astype("str")
    if by_list:
        out = out.sort_values(by_list, na_position="last", kind="stable")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# KPIs
# ---------------------------------------------------------------------------------------


def _followers(st: Store, chain: list[Window]) -> pd.DataFrame:
    """The last post with a follower count of each account in each window of ``chain``."""
    starts = sorted(w.start for w in chain)
    end = max(w.end for w in chain)
    case = (
        "CASE "
        + " ".join(
            f"WHEN published_at >= {sq.literal(s)} THEN {i}"
            for i, s in reversed(list(enumerate(starts)))
        )
        + " END"
    )
    rows = sq.run(
        st,
        "followers_last",
        months=sq.months_of_window(starts[0], end),
        tables=["posts"],
        first=sq.literal(starts[0]),
        end=sq.literal(end),
        window_case=case,
        starts=", ".join(str(s) for s in starts),
    )
    rows["published_at"] = pd.to_datetime(rows["published_at"], utc=True).astype(
        "datetime64[us, UTC]"
    )
    rows["followers_at_post"] = rows["followers_at_post"].astype("Int64")
    for c in ("platform", "account"):
        rows[c] = rows[c].astype("str")
    return rows.sort_values("published_at", kind="stable").reset_index(drop=True)


def _window_kpis(
    st: Store,
    growth_data: Any,
    win: Window,
    by_list: list[str],
    accounts: pd.DataFrame | None,
    lang: str | None,
) -> pd.DataFrame:
    known = set(schema.columns("posts")) | set(_GROUP_ALIASES) | set(_FROM_ACCOUNTS)
    missing = [b for b in by_list if b not in known]
    if missing:
        raise ParameterError(
            t(
                "evaluation.bad_group",
                lang,
                column=missing[0],
                known=", ".join(schema.columns("posts")),
            )
        )
    need = [b for b in by_list if b in _FROM_ACCOUNTS]
    frames: dict[str, pd.DataFrame] = {}
    join = ""
    unknown = t("evaluation.unregistered", lang).replace("'", "''")
    if need:
        if accounts is None or not len(accounts):
            raise ParameterError(t("evaluation.needs_accounts", lang, column=need[0]))
        frames["units"] = account_units(accounts)[["platform", "account", *need]]
        join = (
            "LEFT JOIN units ON posts.platform = units.platform AND posts.account = units.account"
        )
    source = {
        b: f"COALESCE(units.{b}, '{unknown}')"
        if b in _FROM_ACCOUNTS
        else f"posts.{sq.ident(_GROUP_ALIASES.get(b, b))}"
        for b in by_list
    }
    out = sq.run(
        st,
        "kpis",
        months=_months(win),
        tables=["posts"],
        frames=frames,
        start=sq.literal(win.start),
        end=sq.literal(win.end),
        units_join=join,
        **_groups(by_list, source),
    )
    out = _named(out, by_list)
    cur = out[by_list].copy()
    n_posts = out["posts"].to_numpy(dtype="float64")
    n_acc = out["accounts"].to_numpy(dtype="float64")
    cur["posts"] = pd.array(n_posts.astype("int64"), dtype="Int64")
    cur["accounts"] = pd.array(n_acc.astype("int64"), dtype="Int64")
    days = win.days
    if days:
        cur["posts_per_day"] = pd.array(n_posts / days, dtype="Float64")
        with np.errstate(invalid="ignore", divide="ignore"):
            per = np.where(n_acc > 0, n_posts / np.where(n_acc > 0, n_acc, 1) / days, np.nan)
        cur["posts_per_account_day"] = pd.array(per, dtype="Float64")
    for c in _SUMS:
        x = pd.to_numeric(out[c]).to_numpy(dtype="float64", na_value=np.nan)
        cur[c] = pd.array(np.round(x), dtype="Float64").astype("Int64")
    for c in _RATIOS:
        x = pd.to_numeric(out[c]).to_numpy(dtype="float64", na_value=np.nan)
        cur[c] = pd.array(np.where(np.isfinite(x), x, np.nan), dtype="Float64")
    if set(by_list) <= {"platform", "account", "unit", "institution"}:
        growth = _follower_growth(growth_data, win)
        cur = _with_followers(cur, growth, by_list, accounts, lang)
    cur.insert(0, "period", win.label)
    return cur


def kpis(
    data: Any,
    period: Any = None,
    *,
    by: str | list[str] | None = None,
    compare: bool = True,
    accounts: pd.DataFrame | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """:func:`humaskit.evaluation.kpis` of a store: the sums and ratios in SQL.

    Reads the posts of the months the period (and, with ``compare``, the period before)
    touches, the store's daily follower series and its accounts table (for ``unit`` /
    ``institution``, unless ``accounts`` is given). Same parameters and result.

    Examples
    --------
    >>> import tempfile
    >>> from humaskit import samples
    >>> from humaskit.store import Store
    >>> st = Store.create(tempfile.mkdtemp())
    >>> _ = st.append_workspace(samples.workspace())
    >>> k = kpis(st, "2025-09", by="platform")
    >>> {"platform", "posts", "er_by_reach", "posts_change"} <= set(k.columns)
    True
    """
    st = as_store(data, lang)
    by_list = [by] if isinstance(by, str) else list(by or [])
    if accounts is None:
        accounts = st.reference("accounts")
    win = _window(st, period, zone(tz), lang, "posts")
    chain = [win, win.previous()]
    if compare:
        chain.append(win.previous().previous())
    daily = st.read("daily", [m for m in st.months("daily") if m <= _months(win)[-1]])
    growth_data = SimpleNamespace(posts=_followers(st, chain), daily=daily)
    cur = _window_kpis(st, growth_data, win, by_list, accounts, lang)
    if not compare:
        return cur
    prev = _window_kpis(st, growth_data, win.previous(), by_list, accounts, lang)
    from .kpis import _blank_uncovered, _with_change

    return _blank_uncovered(_with_change(cur, prev, by_list), _spans(st), win, by_list)


# ---------------------------------------------------------------------------------------
# Text work in bounded batches, stored once per month
# ---------------------------------------------------------------------------------------


def _spans(st: Any) -> Any:
    """First and last post and daily figure per platform/account, as two rows each.

    What :func:`humaskit.evaluation.coverage.covered_days` reads of the data (it looks at
    spans only), computed in SQL over every month of the store.
    """
    from types import SimpleNamespace

    from ..store.core import connect

    con = connect()
    out = {}
    for table, col in (("posts", "published_at"), ("daily", "date")):
        files = st.files(table)
        if not files:
            out[table] = schema.empty(table)[["platform", "account", col]]
            continue
        q = (
            f"select platform, account, min({col}) as lo, max({col}) as hi "
            f"from read_parquet({list(files)!r}) group by platform, account"
        )
        df = con.execute(q).df()
        out[table] = pd.concat(
            [
                df[["platform", "account", "lo"]].rename(columns={"lo": col}),
                df[["platform", "account", "hi"]].rename(columns={"hi": col}),
            ],
            ignore_index=True,
        )
    return SimpleNamespace(posts=out["posts"], daily=out["daily"])


def score_sentiment(
    data: Any,
    months: Iterable[str] | None = None,
    *,
    lexicon: Any = None,
    batch: int = BATCH_ROWS,
    lang: str | None = None,
) -> int:
    """Label the sentiment of the store's mentions of ``months`` not labelled yet.

    :func:`humaskit.text.sentiment` (lexicon engine) runs on ``batch`` texts at a time;
    labels go to ``derived/sentiment``. Returns how many mentions were labelled now.
    """
    from ..text import sentiment

    st = as_store(data, lang)

    def label(part: pd.DataFrame) -> pd.DataFrame:
        s = sentiment(part["text"], lexicon=lexicon, lang=lang)
        return pd.DataFrame(
            {
                "mention_id": part["mention_id"].astype("str").to_numpy(),
                "sentiment": s["label"].astype("str").to_numpy(),
                "sentiment_score": s["score"].astype("float64").to_numpy(),
            }
        )

    wanted = st.months("mentions") if months is None else list(months)
    return st.annotate("sentiment", label, months=wanted, columns=["text"], batch=batch)


def screen(
    data: Any,
    months: Iterable[str] | None = None,
    *,
    table: str = "posts",
    batch: int = BATCH_ROWS,
    lang: str | None = None,
) -> pd.DataFrame:
    """:func:`humaskit.text.screen` of the store's ``table`` texts, run once per month.

    Texts not screened yet are screened ``batch`` at a time and stored under
    ``derived/screen_<table>``; returns the stored result of ``months`` (the key, every
    category flag, ``matched``, ``needs_review``, ``reasons``).
    """
    from ..text import screen as screen_texts

    st = as_store(data, lang)
    key = "post_id" if table == "posts" else "mention_id"

    def flag(part: pd.DataFrame) -> pd.DataFrame:
        out = screen_texts(part["text"], lang=lang).reset_index(drop=True)
        out.insert(0, key, part[key].astype("str").to_numpy())
        return out

    wanted = st.months(table) if months is None else list(months)
    st.annotate(f"screen_{table}", flag, months=wanted, columns=["text"], table=table, batch=batch)
    return st.derived(f"screen_{table}", wanted)


def mark_answers(
    data: Any,
    months: Iterable[str] | None = None,
    *,
    accounts: pd.DataFrame | None = None,
    routing: pd.DataFrame | None = None,
    batch: int = BATCH_ROWS,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> int:
    """Mark which mentions of ``months`` need an answer and route them, in batches.

    The rule of :func:`humaskit.evaluation.needs_answer` and :func:`~humaskit.evaluation.route`
    (accounts: the store's accounts table unless given); results go to ``derived/answer``.
    Returns how many mentions were marked now.
    """
    st = as_store(data, lang)
    acc = st.reference("accounts") if accounts is None else accounts

    def mark(part: pd.DataFrame) -> pd.DataFrame:
        part = part.reset_index(drop=True)
        m = _prepared(part, accounts=acc, routing=routing, period=None, tz=zone(tz), lang=lang)
        n = len(part)
        out = pd.DataFrame(
            {
                "mention_id": part["mention_id"].astype("str").to_numpy(),
                "needs_answer": np.zeros(n, dtype=bool),
                "citizen": np.zeros(n, dtype=bool),
            }
        )
        rows = part.index.get_indexer(m.index)
        out.loc[rows, "needs_answer"] = True
        for c in ("unit", "route_topic", "request"):
            col = pd.Series(pd.NA, index=out.index, dtype="str")
            if c in m.columns:
                col.iloc[rows] = m[c].astype("str").to_numpy()
            out[c] = col
        if "citizen" in m.columns:
            out.loc[rows, "citizen"] = m["citizen"].fillna(False).to_numpy(dtype=bool)
        return out

    wanted = st.months("mentions") if months is None else list(months)
    cols = [c for c in schema.columns("mentions") if c != "mention_id"]
    return st.annotate("answer", mark, months=wanted, columns=cols, batch=batch)


# ---------------------------------------------------------------------------------------
# Responsiveness and sentiment trend
# ---------------------------------------------------------------------------------------


def responsiveness(
    data: Any,
    *,
    limit_hours: float = 24,
    by: str | Iterable[str] = ("unit", "platform"),
    now: Any = None,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    routing: pd.DataFrame | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """:func:`humaskit.evaluation.responsiveness` of a store: the counts and hours in SQL.

    Marks the months first when needed (:func:`mark_answers`). ``period`` defaults to the
    latest month; ``now`` to the latest time in the months read.
    """
    from .responsiveness import reference_time

    if (
        isinstance(limit_hours, bool)
        or not isinstance(limit_hours, (int, float))
        or not 0 < limit_hours <= 24 * 60
    ):
        raise ParameterError(t("evaluation.bad_limit", lang, value=limit_hours))
    st = as_store(data, lang)
    tz = zone(tz)
    by_list = [by] if isinstance(by, str) else list(by)
    win = _window(st, period, tz, lang, "mentions")
    months = _months(win)
    mark_answers(st, months, accounts=accounts, routing=routing, tz=tz, lang=lang)
    if now is None:  # the latest time in the months read, found in SQL
        latest = sq.run(st, "mentions_latest", months=months, tables=["mentions"])
        m = pd.DataFrame({c: pd.to_datetime(latest[c], utc=True) for c in latest.columns})
        ref = reference_time(m)
    else:
        ref = reference_time(pd.DataFrame({"created_at": []}), now)
    derived = ("unit", "route_topic", "request")
    known = set(schema.columns("mentions")) | set(derived)
    missing = [b for b in by_list if b not in known]
    if missing:
        raise ParameterError(
            t("evaluation.bad_group", lang, column=missing[0], known=", ".join(sorted(known)))
        )
    source = {
        b: f"answer.{sq.ident(b)}" if b in derived else f"mentions.{sq.ident(b)}" for b in by_list
    }
    out = sq.run(
        st,
        "responsiveness",
        months=months,
        tables=["mentions", "answer"],
        start=sq.literal(win.start),
        end=sq.literal(win.end),
        now=sq.literal(ref),
        limit=repr(float(limit_hours)),
        **_groups(by_list, source),
    )
    out = _named(out, by_list)
    res = out[by_list].copy()
    for c in ("needing_answer", "due", "answered"):
        res[c] = pd.to_numeric(out[c]).fillna(0).round().astype("Int64")
    due = res["due"].astype("float64").where(res["due"] > 0)
    res["response_rate"] = pd.array((res["answered"].astype("float64") / due).to_numpy(), "Float64")
    for c in ("median_response_hours", "p90_response_hours"):
        res[c] = pd.array(
            pd.to_numeric(out[c]).to_numpy(dtype="float64", na_value=np.nan), "Float64"
        )
    res["within_limit"] = pd.to_numeric(out["within_limit"]).fillna(0).round().astype("Int64")
    res["within_limit_share"] = pd.array(
        (res["within_limit"].astype("float64") / due).to_numpy(), "Float64"
    )
    for c in ("late", "overdue", "pending"):
        res[c] = pd.to_numeric(out[c]).fillna(0).round().astype("Int64")
    for c in ("response_rate", "median_response_hours", "p90_response_hours", "within_limit_share"):
        res[c] = res[c].mask(res[c].isna())
    res.attrs.update({"now": str(ref), "limit_hours": float(limit_hours)})
    return res


def sentiment_trend(
    data: Any,
    *,
    freq: str = "W",
    period: Any = None,
    by: str | Iterable[str] | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """:func:`humaskit.evaluation.sentiment_trend` of a store: the counts in SQL.

    Labels the months first when needed (:func:`score_sentiment`). Without ``period``
    every month is read (as the in-memory function reads every mention).
    """
    st = as_store(data, lang)
    tz = zone(tz)
    f = _freq(freq, lang)
    by_list = [by] if isinstance(by, str) else list(by or [])
    if period is None:
        months = st.months("mentions")
        start = pd.Timestamp("1970-01-01", tz="UTC")
        end = pd.Timestamp("2200-01-01", tz="UTC")
        offset = pd.Timestamp.now(tz=tz).utcoffset()
    else:
        win = window(period, tz=tz, lang=lang)
        start, end, months = win.start, win.end, _months(win)
        offset = win.start.utcoffset()
    score_sentiment(st, months, lang=lang)
    bad = [b for b in by_list if b not in schema.columns("mentions")]
    if bad:
        raise ParameterError(
            t(
                "evaluation.bad_group",
                lang,
                column=bad[0],
                known=", ".join(schema.columns("mentions")),
            )
        )
    names = [sq.ident(f"k_{i}") for i in range(len(by_list))]
    out = sq.run(
        st,
        "sentiment_trend",
        months=months,
        tables=["mentions", "sentiment"],
        start=sq.literal(start),
        end=sq.literal(end),
        unit=_UNIT[f],
        offset=int(offset.total_seconds() // 3600),
        group_select="".join(
            f"mentions.{sq.ident(b)} AS {n}, " for b, n in zip(by_list, names, strict=True)
        ),
        group_more="".join(f", {i + 2}" for i in range(len(by_list))),
    )
    out = out.rename(columns={f"k_{i}": b for i, b in enumerate(by_list)})
    for b in by_list:
        out[b] = out[b].astype("str")
    out["date"] = pd.to_datetime(out["date"])
    out = out.sort_values(["date", *by_list], na_position="last", kind="stable")
    res = out[["date", *by_list]].reset_index(drop=True)
    counts = out[["mentions", *_LABELS]].astype("int64").reset_index(drop=True)
    res = pd.concat([res, counts], axis=1)
    for s in _LABELS:
        res[f"{s}_share"] = (res[s] / res["mentions"].where(res["mentions"] > 0)).astype("Float64")
    res["net_sentiment"] = pd.array(
        net_sentiment(res["positive"], res["neutral"], res["negative"]), dtype="Float64"
    )
    return res
