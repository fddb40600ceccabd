"""Volume, peaks, share of voice and issues of a store, counted in SQL (out of core).

The same results as :func:`~humaskit.evaluation.volume`, :func:`~humaskit.evaluation.peaks`,
:func:`~humaskit.evaluation.share_of_voice` and :func:`~humaskit.evaluation.issues` on the
same months in memory (tests compare them); the functions there run these when they are
given a store. What is counted (mentions per day, handles named per mention and their
sentiment) is counted by the SQL files of :mod:`humaskit.store`; what needs the texts reads
a bounded number of rows:

- ``peaks``: the day counts come from SQL; each peak day's own rows are read (at most
  :data:`MAX_ROWS`), and the texts of the days before it (for the rising terms) at most
  :data:`MAX_ROWS` of them;
- ``issues``: topic modelling runs on at most :data:`MAX_ROWS` of the window's mentions,
  an even sample over time when there are more (every k-th by time);
- ``share_of_voice``: the handles are split and counted in SQL; only the distinct handles
  are judged public or not in Python.

Local days are UTC plus the zone's offset at the window start (Indonesian zones have no
daylight saving).

Examples
--------
>>> import tempfile
>>> from humaskit import samples
>>> from humaskit.store import Store
>>> st = Store.create(tempfile.mkdtemp())
>>> _ = st.append_workspace(samples.workspace())
>>> int(volume(st, period="2025-09")["mentions"].sum()) > 1000
True
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..i18n import resolve
from ..io import Workspace
from ..store import Store
from ..store import queries as sq
from ._common import DEFAULT_TZ, Window, window, zone
from .monitoring import (
    _LABELS,
    PEAK_COLUMNS,
    _freq,
    _peak_days,
    _peak_row,
    _peak_table,
    context_stopwords,
)
from .monitoring import issues as _issues
from .sentiments import net_sentiment
from .stored import _months, as_store, score_sentiment

__all__ = ["volume", "peaks", "share_of_voice", "issues", "MAX_ROWS"]

_UNIT = {"D": "day", "W": "week", "M": "month"}
#: At most this many mentions are read into memory by one step of these functions.
MAX_ROWS = 300_000


def _bounds(st: Store, period: Any, tz: str, lang: str | None) -> Window:
    """The window of ``period``; without one, the whole store (as in memory)."""
    if period is not None:
        return window(period, tz=tz, lang=lang)
    first, last = st.months("mentions")[:1], st.latest("mentions")
    if not first or last is None:
        return window(("2000-01-01", "2000-01-02"), tz=tz, lang=lang)
    start = pd.Timestamp(first[0]).tz_localize("UTC").tz_convert(tz).normalize()
    end = last.tz_convert(tz).normalize() + pd.Timedelta(days=1)
    return window((start.tz_localize(None), end.tz_localize(None)), tz=tz, lang=lang)


def _daily(st: Store, start: Any, end: Any, f: str, tz: str, by: str | None = None) -> pd.DataFrame:
    offset = int(pd.Timestamp(start).tz_convert(tz).utcoffset().total_seconds() // 3600)
    out = sq.run(
        st,
        "volume",
        months=sq.months_of_window(start, end),
        tables=["mentions"],
        start=sq.literal(start),
        end=sq.literal(end),
        unit=_UNIT[f],
        offset=offset,
        group_select=f"{sq.ident(by)} AS k_0, " if by else "",
        group_more=", 2" if by else "",
    )
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    if by:
        out = out.rename(columns={"k_0": by})
        out[by] = out[by].astype("str")
    out["mentions"] = out["mentions"].astype("int64")
    return out.sort_values(["date", *([by] if by else [])], kind="stable").reset_index(drop=True)


def volume(
    data: Any,
    *,
    freq: str = "D",
    period: Any = None,
    by: str | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """:func:`humaskit.evaluation.volume` of a store: the counts in SQL."""
    st = as_store(data, lang)
    tz = zone(tz)
    f = _freq(freq, lang)
    win = _bounds(st, period, tz, lang)
    out = _daily(st, win.start, win.end, f, tz, by)
    if not by and len(out):
        start = win.start.tz_localize(None) if period is not None else out["date"].min()
        end = (
            win.end.tz_localize(None) - pd.Timedelta(days=1)
            if period is not None
            else out["date"].max()
        )
        full = pd.period_range(start, end, freq=f).start_time
        out = out.set_index("date").reindex(full, fill_value=0).rename_axis("date").reset_index()
    out["mentions"] = out["mentions"].astype("int64")
    return out


def _public(st: Store, start: Any, end: Any, columns: list[str], cap: int) -> pd.DataFrame:
    out = sq.run(
        st,
        "mentions_window",
        months=sq.months_of_window(start, end),
        tables=["mentions"],
        start=sq.literal(start),
        end=sq.literal(end),
        columns=", ".join(sq.ident(c) for c in columns),
        cap=int(cap),
    )
    for c in ("created_at", "author_created_at"):
        if c in out.columns:
            out[c] = pd.to_datetime(out[c], utc=True)
    return out


def _posts_by_id(st: Store, ids: list[str], end: Any) -> pd.DataFrame:
    """The posts (platform, account, post_id, text) with these ids, published before ``end``."""
    months = [m for m in st.months("posts") if m <= sq.months_of_window(end, end)[-1]]
    if not ids or not months:
        return pd.DataFrame(columns=["platform", "account", "post_id", "text"])
    frame = pd.DataFrame({"post_id": pd.Series(ids, dtype="str")})
    out = sq.run(
        st,
        "posts_by_id",
        months=months,
        tables=["posts"],
        frames={"wanted": frame},
    )
    for c in out.columns:
        out[c] = out[c].astype("str")
    return out


def peaks(
    data: Any,
    posts: pd.DataFrame | None = None,
    *,
    period: Any = None,
    threshold: float = 3.0,
    min_mentions: int = 20,
    baseline_days: int = 14,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """:func:`humaskit.evaluation.peaks` of a store: day counts in SQL, peak days read."""
    st = as_store(data, lang)
    tz = zone(tz)
    lang = resolve(lang)
    win = _bounds(st, period, tz, lang)
    history = Window(win.start - pd.Timedelta(days=baseline_days), win.end, win.label, "days")
    daily = _daily(st, history.start, history.end, "D", tz)
    first_month = st.months("mentions")[:1]
    first = (
        _public(st, pd.Timestamp(first_month[0]).tz_localize("UTC"), win.end, ["created_at"], 1)
        if first_month
        else pd.DataFrame({"created_at": []})
    )
    first_time = first["created_at"].iloc[0] if len(first) else pd.NaT
    days, med, hit = _peak_days(
        daily, win, history, first_time, threshold, min_mentions, baseline_days, tz
    )
    if not hit.any():
        return pd.DataFrame(columns=PEAK_COLUMNS)
    stop = context_stopwords(Workspace(accounts=st.reference("accounts")))
    cols = ["platform", "account", "created_at", "text", "in_reply_to", "author_created_at"]
    rows = []
    offset = win.start.utcoffset()
    for day in days.index[hit]:
        start = (day - offset).tz_localize("UTC")
        on_day = _public(st, start, start + pd.Timedelta(days=1), cols, MAX_ROWS)
        before = _public(st, start - pd.Timedelta(days=baseline_days), start, ["text"], MAX_ROWS)[
            "text"
        ]
        the_posts = posts
        if the_posts is None:
            top = on_day["in_reply_to"].dropna().astype("str").value_counts().index[:50]
            the_posts = _posts_by_id(st, list(top), start + pd.Timedelta(days=1))
        rows.append(_peak_row(day, days, med, on_day, before, the_posts, stop, tz, lang))
    return _peak_table(rows, lang)


def share_of_voice(
    data: Any,
    *,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    register: pd.DataFrame | None = None,
    top: int = 12,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """:func:`humaskit.evaluation.share_of_voice` of a store: handles counted in SQL."""
    from ..privacy import is_public_account, normalize_handles

    st = as_store(data, lang)
    tz = zone(tz)
    win = _bounds(st, period, tz, lang)
    months = _months(win)
    score_sentiment(st, months, lang=lang)
    params = {"start": sq.literal(win.start), "end": sq.literal(win.end)}
    tables = ["mentions", "sentiment"]
    counts = sq.run(st, "voice_handles", months=months, tables=tables, **params)
    cols = [
        "handle",
        "own",
        "mentions",
        "share",
        "positive_share",
        "negative_share",
        "net_sentiment",
    ]
    acc = st.reference("accounts") if accounts is None else accounts
    own: set[str] = set()
    for c in ("handle", "account"):
        if c in acc.columns:
            own |= set(normalize_handles(acc[c]).dropna())
    addressed = sq.run(st, "leader_accounts", months=months, tables=["mentions"], **params)
    own |= set(normalize_handles(addressed["account"].astype("str")).dropna())
    reg = st.reference("influencers") if register is None else register
    types = sq.run(st, "voice_author_types", months=months, tables=["mentions"], **params)
    author_types = dict(
        zip(normalize_handles(types["author"].astype("str")), types["author_type"], strict=True)
    )
    uniq = counts["handle"].astype("str")
    if not len(uniq):
        return pd.DataFrame(columns=cols)
    public = is_public_account(
        uniq, author_types=author_types, register=reg, institution_accounts=list(own)
    )
    allowed = pd.DataFrame({"handle": uniq[public.to_numpy()].reset_index(drop=True)})
    if not len(allowed):
        return pd.DataFrame(columns=cols)
    total = sq.run(
        st,
        "voice_rows",
        months=months,
        tables=tables,
        frames={"allowed": allowed},
        **params,
    )
    picked = counts[public.to_numpy()]
    out = pd.DataFrame({"handle": picked["handle"].astype("str").to_numpy()})
    for c in ("mentions", *_LABELS):
        out[c] = picked[c].to_numpy(dtype="int64")
    for c in _LABELS:
        out[f"{c}_share"] = (out[c] / out["mentions"].where(out["mentions"] > 0)).astype("Float64")
    out["net_sentiment"] = pd.array(
        net_sentiment(out["positive"], out["neutral"], out["negative"]), dtype="Float64"
    )
    out["share"] = (out["mentions"] / max(int(total["n"].iloc[0]), 1)).astype("Float64")
    out["own"] = out["handle"].isin(own)
    out = out.sort_values(["mentions", "handle"], ascending=[False, True]).head(top)
    return out[cols].reset_index(drop=True)


def issues(
    data: Any,
    period: Any = None,
    *,
    n: int = 8,
    examples: int = 2,
    stopwords: Any = None,
    salt: str | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
    max_rows: int = MAX_ROWS,
) -> pd.DataFrame:
    """:func:`humaskit.evaluation.issues` of a store's window, on at most ``max_rows`` mentions.

    The mentions are read by SQL (the public's, the window only); when the window holds
    more than ``max_rows`` an even sample over time is taken (every k-th by time).
    """
    from .. import schema

    st = as_store(data, lang)
    tz = zone(tz)
    win = _bounds(st, period, tz, lang)
    months = _months(win)
    params = {"start": sq.literal(win.start), "end": sq.literal(win.end)}
    n_rows = sq.run(st, "mentions_count", months=months, tables=["mentions"], **params)
    step = max(1, -(-int(n_rows["n"].iloc[0]) // int(max_rows)))
    cols = schema.columns("mentions")
    m = sq.run(
        st,
        "mentions_every",
        months=months,
        tables=["mentions"],
        columns=", ".join(sq.ident(c) for c in cols),
        step=step,
        **params,
    )
    m = schema.validate(m, "mentions")
    ws = Workspace(
        mentions=m,
        accounts=st.reference("accounts"),
        influencers=st.reference("influencers"),
        name=st.path.name,
    )
    out = _issues(ws, win, n=n, examples=examples, stopwords=stopwords, salt=salt, tz=tz, lang=lang)
    out.attrs["sampled_every"] = step
    return out
