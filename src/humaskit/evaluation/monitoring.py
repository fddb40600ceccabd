"""Monitoring: what the public says, how it feels, what is rising, and who is heard.

Built on :mod:`humaskit.text` (sentiment, keywords, issues); every function takes the
canonical mentions table (or a workspace) and returns a DataFrame.

- **Sentiment** of a mention is the label of :func:`humaskit.text.sentiment` (the lexicon
  engine by default; a column ``sentiment`` already in the table is used as it is, so a
  team's own model or manual labels can replace it). **Net sentiment** =
  (positive - negative) / (positive + neutral + negative), from -1 (all negative) to +1
  (all positive); 0 means as many positive as negative mentions. A lexicon misses sarcasm
  and new slang: read shares as a trend, and read the example mentions.
- **Issues** are groups of mentions found by :func:`humaskit.text.issues`, shown with
  example mentions that are safe to share (personal data masked, citizens' handles
  pseudonymised).
- **Rising keywords** compare the share of mentions using a term with the period before.
- **Peaks** are days whose mention count stands far above the usual level (median plus
  ``threshold`` robust standard deviations of the days before), explained by the posts
  that drew the comments, the terms that rose that day, a national moment on or around
  the day, and the share of brand-new accounts (a hint of coordinated posting).
- **Share of voice** counts, for each public account named in the conversation (the
  institution's accounts, media, public figures, registered partners), the share of
  mentions that address or name it. Citizens are never listed.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"platform": "x", "account": "pemkot", "kind": "mention",
...     "created_at": pd.to_datetime(["2025-09-01 03:00", "2025-09-01 04:00",
...                                   "2025-09-02 03:00"], utc=True),
...     "author": ["a", "b", "c"], "text": ["mantap, cepat sekali", "jalan rusak parah",
...                                         "jadwal posyandu?"]})
>>> sentiment_trend(m, freq="D")[["mentions", "net_sentiment"]].to_dict("list")
{'mentions': [2, 1], 'net_sentiment': [0.0, 0.0]}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..fmt import fmt_date, fmt_number
from ..i18n import label, resolve, t
from ._common import (
    DEFAULT_TZ,
    Window,
    context,
    mentions_of,
    safe_texts,
    table_of,
    window,
    zone,
)
from .sentiments import net_sentiment, with_sentiment

__all__ = [
    "with_sentiment",
    "net_sentiment",
    "sentiment_trend",
    "sentiment_summary",
    "issues",
    "rising_keywords",
    "volume",
    "peaks",
    "share_of_voice",
    "context_stopwords",
    "track_terms",
]

_LABELS = ("positive", "neutral", "negative")
_FREQ = {
    "D": "D",
    "harian": "D",
    "day": "D",
    "W": "W",
    "mingguan": "W",
    "week": "W",
    "M": "M",
    "bulanan": "M",
    "month": "M",
}


def _freq(freq: str, lang: str | None) -> str:
    f = _FREQ.get(str(freq).strip()) or _FREQ.get(str(freq).strip().lower())
    if f is None:
        raise ParameterError(t("evaluation.bad_freq", lang, value=freq))
    return f


def _public_mentions(m: pd.DataFrame) -> pd.DataFrame:
    """Mentions written by the public (the institution's own replies left out)."""
    if "author_type" in m.columns:
        return m[m["author_type"].astype("str").fillna("citizen") != "institution"]
    return m


def _counts(m: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    lab = m["sentiment"].astype("str")
    frame = pd.DataFrame({k: m[k].to_numpy() for k in keys})
    for s in _LABELS:
        frame[s] = (lab == s).fillna(False).to_numpy(dtype="int64")
    frame["mentions"] = 1
    g = (
        frame.groupby(keys, observed=True, sort=True, dropna=False).sum()
        if keys
        else frame.sum().to_frame().T
    )
    out = g[["mentions", *_LABELS]].astype("int64")
    for s in _LABELS:
        out[f"{s}_share"] = (out[s] / out["mentions"].where(out["mentions"] > 0)).astype("Float64")
    out["net_sentiment"] = pd.array(
        net_sentiment(out["positive"], out["neutral"], out["negative"]), dtype="Float64"
    )
    return out.reset_index(drop=not keys)


def sentiment_trend(
    mentions: Any,
    *,
    freq: str = "W",
    period: Any = None,
    by: str | Iterable[str] | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Sentiment counts, shares and net sentiment per day, week or month.

    Parameters
    ----------
    freq : {"D", "W", "M"} (or harian, mingguan, bulanan)
        Length of each step; weeks start on Monday.
    period : window, optional
        Only mentions inside it (``"2025-09"``, ``("2025-09-01", "2025-09-15")``...).
    by : str or list, optional
        Extra grouping, e.g. ``"platform"`` or ``"unit"``.

    Returns
    -------
    DataFrame
        ``date`` (start of the step, local), the ``by`` columns, ``mentions``,
        ``positive``, ``neutral``, ``negative``, their ``_share`` and ``net_sentiment``.
    """
    tz = zone(tz)
    f = _freq(freq, lang)
    m = _public_mentions(with_sentiment(mentions, lang=lang))
    if period is not None:
        m = m[window(period, tz=tz, times=m["created_at"], lang=lang).mask(m["created_at"])]
    by_list = [by] if isinstance(by, str) else list(by or [])
    local = m["created_at"].dt.tz_convert(tz).dt.tz_localize(None)
    step = local.dt.to_period(f).dt.start_time
    m = m.assign(date=step.to_numpy())
    out = _counts(m, ["date", *by_list])
    out["date"] = pd.to_datetime(out["date"])
    return out


def sentiment_summary(
    mentions: Any, period: Any = None, *, tz: str = DEFAULT_TZ, lang: str | None = None
) -> pd.DataFrame:
    """One row: mentions, sentiment shares and net sentiment of a period, with the change.

    ``*_change`` columns are differences in share points (0.05 = 5 points) for shares and
    net sentiment, relative change for the number of mentions.

    Examples
    --------
    >>> from humaskit import samples
    >>> s = sentiment_summary(samples.workspace(), "2025-09")
    >>> -1 <= float(s.loc[0, "net_sentiment"]) <= 1 and "net_sentiment_change" in s
    True
    """
    tz = zone(tz)
    m = _public_mentions(with_sentiment(mentions, lang=lang))
    win = window(period, tz=tz, times=m["created_at"], lang=lang)
    cur = _counts(m[win.mask(m["created_at"])], [])
    prev = _counts(m[win.previous().mask(m["created_at"])], [])
    out = cur.copy()
    out.insert(0, "period", win.label)
    for c in ("mentions", "positive_share", "neutral_share", "negative_share", "net_sentiment"):
        a = cur[c].astype("Float64")
        b = prev[c].astype("Float64")
        out[f"{c}_prev"] = b.to_numpy()
        if c == "mentions":
            out[f"{c}_change"] = ((a - b) / b.where(b > 0)).to_numpy()
        else:
            out[f"{c}_change"] = (a - b).to_numpy()
        out[f"{c}_change"] = out[f"{c}_change"].astype("Float64")
    return out


def context_stopwords(data: Any = None) -> list[str]:
    """Words that name the institution itself: account handles and the institution's name.

    They appear in almost every mention and say nothing about the issue, so keyword and
    issue tools leave them out. Unit names are not included (``kesehatan`` or ``sosial``
    are topic words).

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"handle": ["dinkes_sukamaju"], "institution": ["Pemkab Maju"]})
    >>> sorted(context_stopwords(type("W", (), {"accounts": acc})()))[:5]
    ['admin', 'bu', 'dinkes', 'dinkes_sukamaju', 'kak']
    """
    words: set[str] = set()
    acc = (
        table_of(data, "accounts")
        if data is not None and not isinstance(data, pd.DataFrame)
        else None
    )
    if isinstance(acc, pd.DataFrame) and len(acc):
        for c in ("handle", "account", "institution"):
            if c in acc.columns:
                for value in acc[c].dropna().astype(str).unique():
                    low = value.lower().lstrip("@")
                    words.add(low)
                    words.update(
                        w for w in low.replace("_", " ").replace(".", " ").split() if len(w) >= 3
                    )
    words.update({"min", "admin", "mimin", "pak", "bu", "kak"})
    return sorted(words)


def issues(
    mentions: Any,
    period: Any = None,
    *,
    n: int = 8,
    examples: int = 2,
    stopwords: Iterable[str] | None = None,
    salt: str | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """The issues of a period, with sentiment and example mentions safe to share.

    Runs :func:`humaskit.text.issues` on the public's mentions of the window (the
    institution's own words left out) and adds ``example_1``, ``example_2``...: the most
    typical mentions of each issue with personal data masked and citizens' handles
    pseudonymised (institutions, media and partners stay named).

    Returns
    -------
    DataFrame
        ``issue, label, terms, size, share, positive, neutral, negative, net_sentiment,
        first_seen, last_seen`` and the example columns.
    """
    from .. import text as ht

    tz = zone(tz)
    m = _public_mentions(mentions_of(mentions, lang))
    win = window(period, tz=tz, times=m["created_at"], lang=lang)
    m = m[win.mask(m["created_at"])]
    m = m[~m["text"].astype("str").str.startswith("RT @").fillna(False)]
    ctx = context(mentions)
    stop = (
        list(stopwords)
        if stopwords is not None
        else (ctx.stopwords if ctx.stopwords is not None else context_stopwords(mentions))
    )
    if "mention_id" not in m.columns:
        m = m.assign(mention_id=m.index.astype("str"))
    found = ht.issues(m, n=n, examples=examples, stopwords=stop, tz=tz, lang=lang)
    found = found.drop(columns=["example_text"], errors="ignore")
    found["net_sentiment"] = pd.array(
        net_sentiment(found["positive"], found["neutral"], found["negative"]), dtype="Float64"
    )
    keep = ctx.keep | set(m["account"].dropna().astype("str").str.lower())
    by_id = m.drop_duplicates("mention_id").set_index("mention_id")["text"]
    ids = found["examples"].astype("str").str.split(", ")
    for i in range(examples):
        pick = ids.map(lambda xs, i=i: xs[i] if isinstance(xs, list) and len(xs) > i else None)
        texts = by_id.reindex(pick.to_numpy()).astype("str")
        texts.index = found.index
        found[f"example_{i + 1}"] = safe_texts(
            texts.fillna(""), keep=keep, salt=salt, lang=lang, max_chars=200
        )
    found = found.drop(columns=["examples"])
    found.attrs["period"] = win.label
    return found


def rising_keywords(
    mentions: Any,
    period: Any = None,
    *,
    top: int = 15,
    min_count: int = 5,
    stopwords: Iterable[str] | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Terms used by a growing share of the public's mentions, against the period before.

    Returns
    -------
    DataFrame
        ``term, count, share, previous_count, previous_share, change`` (share points),
        rising terms only, largest rise first.

    Examples
    --------
    >>> from humaskit import samples
    >>> kw = rising_keywords(samples.workspace(), "2025-09")
    >>> bool((kw["change"] > 0).all())
    True
    """
    from .. import text as ht

    tz = zone(tz)
    m = _public_mentions(mentions_of(mentions, lang))
    win = window(period, tz=tz, times=m["created_at"], lang=lang)
    ctx = context(mentions)
    stop = (
        list(stopwords)
        if stopwords is not None
        else (ctx.stopwords if ctx.stopwords is not None else context_stopwords(mentions))
    )
    now = m.loc[win.mask(m["created_at"]), "text"]
    before = m.loc[win.previous().mask(m["created_at"]), "text"]
    if not len(now):
        return pd.DataFrame(
            columns=["term", "count", "share", "previous_count", "previous_share", "change"]
        )
    kw = ht.keywords(
        now,
        previous=before,
        sort="change",
        top=max(top * 3, 30),
        stopwords=stop,
        min_count=min_count,
        lang=lang,
    )
    kw = kw[kw["change"] > 0].head(top).reset_index(drop=True)
    return kw[["term", "count", "share", "previous_count", "previous_share", "change"]]


def volume(
    mentions: Any,
    *,
    freq: str = "D",
    period: Any = None,
    by: str | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Number of the public's mentions per day/week/month (``date``, [``by``], ``mentions``).

    Days without a mention are shown with 0 inside the period.
    """
    tz = zone(tz)
    f = _freq(freq, lang)
    m = _public_mentions(mentions_of(mentions, lang))
    win = window(period, tz=tz, times=m["created_at"], lang=lang) if period is not None else None
    if win is not None:
        m = m[win.mask(m["created_at"])]
    local = m["created_at"].dt.tz_convert(tz).dt.tz_localize(None)
    step = local.dt.to_period(f).dt.start_time
    keys = ["date"] + ([by] if by else [])
    frame = pd.DataFrame({"date": step.to_numpy()})
    if by:
        frame[by] = m[by].to_numpy()
    out = frame.groupby(keys, observed=True).size().rename("mentions").reset_index()
    if not by and len(out):
        start = win.start.tz_localize(None) if win is not None else out["date"].min()
        end = (
            (win.end.tz_localize(None) - pd.Timedelta(days=1))
            if win is not None
            else out["date"].max()
        )
        full = pd.period_range(start, end, freq=f).start_time
        out = out.set_index("date").reindex(full, fill_value=0).rename_axis("date").reset_index()
    out["mentions"] = out["mentions"].astype("int64")
    return out


def _moments(dates: Iterable[pd.Timestamp], lang: str | None) -> dict[pd.Timestamp, str]:
    try:
        from .. import calendar
    except ImportError:  # pragma: no cover
        return {}
    years = sorted({d.year for d in dates})
    out: dict[pd.Timestamp, str] = {}
    for y in years:
        try:
            days = calendar.momentum(y, lang=lang)
        except Exception:  # noqa: BLE001 (a calendar gap must not stop monitoring)
            continue
        days = days[days["priority"].astype("int64") <= 2] if "priority" in days else days
        for d, name in zip(pd.to_datetime(days["date"]), days["name"], strict=True):
            out.setdefault(d.normalize(), str(name))
    return out


def peaks(
    mentions: Any,
    posts: pd.DataFrame | None = None,
    *,
    period: Any = None,
    threshold: float = 3.0,
    min_mentions: int = 20,
    baseline_days: int = 14,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Days with unusually many mentions, each explained by what happened around it.

    A day is a peak when its count is at least ``min_mentions``, at least 1.5 times the
    usual level and above ``median + threshold x 1.4826 x MAD`` of the ``baseline_days``
    days before it (the whole window when there is less history).

    Parameters
    ----------
    mentions : DataFrame or Workspace
        Mentions (a workspace's posts are used for the explanation).
    posts : DataFrame, optional
        The institution's posts (default: the workspace's).

    Returns
    -------
    DataFrame
        ``date, mentions, usual, ratio, top_terms, post_platform, post_account, post_text,
        post_comments, moment, new_account_share, explanation`` (one plain sentence).
    """
    tz = zone(tz)
    lang = resolve(lang)
    base = mentions_of(mentions, lang)  # the filter copies only the columns peaks use:
    used = {"platform", "account", "created_at", "text", "in_reply_to", "author_created_at"}
    m = _public_mentions(base[[c for c in base.columns if c in used | {"author_type"}]])
    ctx = context(mentions)
    if posts is None:
        posts = ctx.posts
    win = window(period, tz=tz, times=m["created_at"], lang=lang)
    history = Window(win.start - pd.Timedelta(days=baseline_days), win.end, win.label, "days")
    daily = volume(m[history.mask(m["created_at"])], freq="D", tz=tz, lang=lang)
    # days before the first mention in the data are unknown, not days without mentions
    days, med, hit = _peak_days(
        daily, win, history, m["created_at"].min(), threshold, min_mentions, baseline_days, tz
    )
    if not hit.any():
        return pd.DataFrame(columns=PEAK_COLUMNS)
    local = m["created_at"].dt.tz_convert(tz).dt.tz_localize(None)
    day_of = local.dt.normalize()
    stop = ctx.stopwords if ctx.stopwords is not None else context_stopwords(mentions)
    rows = []
    for day in days.index[hit]:
        on_day = m[(day_of == day).to_numpy()]
        before = m[((day_of < day) & (day_of >= day - pd.Timedelta(days=baseline_days))).to_numpy()]
        rows.append(_peak_row(day, days, med, on_day, before["text"], posts, stop, tz, lang))
    return _peak_table(rows, lang)


#: The columns of :func:`peaks`.
PEAK_COLUMNS = [
    "date",
    "mentions",
    "usual",
    "ratio",
    "top_terms",
    "post_platform",
    "post_account",
    "post_text",
    "post_comments",
    "moment",
    "new_account_share",
    "explanation",
]


def _peak_days(
    daily: pd.DataFrame,
    win: Window,
    history: Window,
    first: Any,
    threshold: float,
    min_mentions: int,
    baseline_days: int,
    tz: str,
) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """The day counts (from ``first`` on), their usual level and which days are peaks."""
    days = daily.set_index("date")["mentions"].astype("float64")
    first = (
        pd.Timestamp(first).tz_convert(tz).tz_localize(None).normalize()
        if not pd.isna(first)
        else history.start.tz_localize(None)
    )
    full_idx = pd.date_range(
        max(history.start.tz_localize(None), first),
        win.end.tz_localize(None) - pd.Timedelta(days=1),
        freq="D",
    )
    days = days.reindex(full_idx, fill_value=0.0)
    med = days.shift(1).rolling(baseline_days, min_periods=7).median()
    mad = (days - med).abs().shift(1).rolling(baseline_days, min_periods=7).median()
    in_win = (days.index >= win.start.tz_localize(None)) & (days.index < win.end.tz_localize(None))
    fallback_med = days[in_win].median()
    fallback_mad = (days[in_win] - fallback_med).abs().median()
    med = med.fillna(fallback_med)
    mad = mad.fillna(fallback_mad)
    bar = med + threshold * 1.4826 * mad.clip(lower=1.0)
    hit = in_win & (days >= min_mentions) & (days >= bar) & (days >= 1.5 * med.clip(lower=1))
    return days, med, np.asarray(hit, dtype=bool)


def _peak_row(
    day: pd.Timestamp,
    days: pd.Series,
    med: pd.Series,
    on_day: pd.DataFrame,
    before: pd.Series,
    posts: pd.DataFrame | None,
    stop: list[str],
    tz: str,
    lang: str,
) -> dict[str, Any]:
    """One peak explained: the day's rows ``on_day``, the texts of the days ``before``."""
    from .. import text as ht

    kw = ht.keywords(
        on_day["text"],
        previous=before if len(before) else None,
        sort="change" if len(before) else "count",
        top=3,
        stopwords=stop,
        min_count=3,
        lang=lang,
    )
    terms = ", ".join(kw["term"].tolist())
    post = _post_of_day(on_day, posts, day, tz)
    moments = _moments([day], lang)
    moment = next(
        (
            moments[d]
            for d in (day, day - pd.Timedelta(days=1), day + pd.Timedelta(days=1))
            if d in moments
        ),
        "",
    )
    new_share = np.nan
    if "author_created_at" in on_day.columns:
        age = on_day["created_at"] - pd.to_datetime(on_day["author_created_at"], utc=True)
        known = age.notna()
        if known.any():
            new_share = float((age[known] < pd.Timedelta(days=30)).mean())
    row = {
        "date": day,
        "mentions": int(days[day]),
        "usual": float(med[day]),
        "ratio": float(days[day] / max(med[day], 1.0)),
        "top_terms": terms,
        "post_platform": post.get("platform", ""),
        "post_account": post.get("account", ""),
        "post_text": post.get("text", ""),
        "post_comments": post.get("comments", 0),
        "moment": moment,
        "new_account_share": new_share,
    }
    row["explanation"] = _explain(row, lang)
    return row


def _peak_table(rows: list[dict[str, Any]], lang: str) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=PEAK_COLUMNS)
    out["post_comments"] = out["post_comments"].astype("int64")
    out["new_account_share"] = out["new_account_share"].astype("Float64")
    out["post_text"] = safe_texts(out["post_text"].astype("str"), lang=lang, max_chars=120)
    return out


def _post_of_day(
    on_day: pd.DataFrame, posts: pd.DataFrame | None, day: pd.Timestamp, tz: str
) -> dict[str, Any]:
    """The institution's post that drew most of the day's comments (posted that day or before)."""
    if posts is None or not len(posts) or "in_reply_to" not in on_day.columns:
        return {}
    counts = on_day["in_reply_to"].dropna().astype("str").value_counts()
    if not len(counts):
        return {}
    ids = posts["post_id"].astype("str")  # the day's few ids looked up in the posts: fast
    hits = counts[counts.index.isin(ids[ids.isin(counts.index)].unique())]
    if not len(hits):
        return {}
    if hits.iloc[0] < max(10, 0.05 * len(on_day)):
        return {}
    pid = hits.index[0]
    post = posts[ids == pid].iloc[0]
    text = str(post.get("text", "") or "")
    return {
        "platform": str(post["platform"]),
        "account": str(post["account"]),
        "text": text,
        "comments": int(hits.iloc[0]),
    }


def _explain(row: dict[str, Any], lang: str) -> str:
    parts = [
        t(
            "evaluation.peak_count",
            lang,
            date=fmt_date(row["date"], lang),
            n=fmt_number(row["mentions"], lang),
            usual=fmt_number(row["usual"], lang),
            ratio=fmt_number(row["ratio"], lang, 1),
        )
    ]
    if row["post_account"]:
        parts.append(
            t(
                "evaluation.peak_post",
                lang,
                account=row["post_account"],
                platform=label(row["post_platform"], lang),
                n=row["post_comments"],
            )
        )
    if row["top_terms"]:
        parts.append(t("evaluation.peak_terms", lang, terms=row["top_terms"]))
    if row["moment"]:
        parts.append(t("evaluation.peak_moment", lang, moment=row["moment"]))
    share = row["new_account_share"]
    if share is not None and not pd.isna(share) and share >= 0.2:
        parts.append(t("evaluation.peak_new_accounts", lang, pct=f"{share * 100:.0f}%"))
    return " ".join(parts)


def share_of_voice(
    mentions: Any,
    *,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    register: pd.DataFrame | None = None,
    top: int = 12,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Which public accounts the conversation addresses or names, and how it feels.

    Every mention counts for the account it was addressed to (``account``) and for each
    handle named in it (``mentioned``). Only public accounts are listed: the institution's
    own accounts (``own`` is True), registered partners, and authors whose
    ``author_type`` is media, public figure or institution, or whose handle matches the
    public-account patterns. Citizens are never listed.

    Returns
    -------
    DataFrame
        ``handle, own, mentions, share`` (of all mentions naming a listed account),
        ``positive_share, negative_share, net_sentiment``, largest first.
    """
    from ..privacy import is_public_account, normalize_handles

    tz = zone(tz)
    m = _public_mentions(with_sentiment(mentions, lang=lang))
    if period is not None:
        m = m[window(period, tz=tz, times=m["created_at"], lang=lang).mask(m["created_at"])]
    own = set()
    ctx = context(mentions)
    acc = accounts if accounts is not None else ctx.accounts
    if isinstance(acc, pd.DataFrame):
        for c in ("handle", "account"):
            if c in acc.columns:
                own |= set(normalize_handles(acc[c]).dropna())
    own |= set(normalize_handles(pd.Series(m["account"].dropna().unique())).dropna())
    reg = register if register is not None else ctx.register
    named = m["account"].astype("str")
    if "mentioned" in m.columns:
        named = named + " " + m["mentioned"].astype("str").fillna("")
    pairs = pd.DataFrame(
        {
            "handle": named.str.split(),
            "sentiment": m["sentiment"].to_numpy(),
            "row": np.arange(len(m)),
        }
    ).explode("handle")
    pairs = pairs.dropna(subset=["handle"])
    pairs["handle"] = normalize_handles(pairs["handle"].astype("str")).to_numpy()
    pairs = pairs.dropna(subset=["handle"]).drop_duplicates(["row", "handle"])
    uniq = pd.Series(pairs["handle"].unique(), dtype="str")
    types = {}
    if "author_type" in m.columns and "author" in m.columns:
        at = m[["author", "author_type"]].dropna().drop_duplicates("author")
        types = dict(zip(normalize_handles(at["author"]), at["author_type"], strict=True))
    public = is_public_account(
        uniq, author_types=types, register=reg, institution_accounts=list(own)
    )
    allowed = set(uniq[public.to_numpy()])
    pairs = pairs[pairs["handle"].isin(allowed)]
    cols = [
        "handle",
        "own",
        "mentions",
        "share",
        "positive_share",
        "negative_share",
        "net_sentiment",
    ]
    if not len(pairs):
        return pd.DataFrame(columns=cols)
    out = _counts(pairs.rename(columns={}), ["handle"])
    total_rows = pairs["row"].nunique()
    out["share"] = (out["mentions"] / max(total_rows, 1)).astype("Float64")
    out["own"] = out["handle"].isin(own)
    out = out.sort_values(["mentions", "handle"], ascending=[False, True]).head(top)
    return out[cols].reset_index(drop=True)


def track_terms(
    mentions: Any,
    terms: str | Iterable[str],
    period: Any = None,
    *,
    salt: str | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Follow chosen words or phrases: how often, how it feels, against the period before.

    Parameters
    ----------
    terms : str or list of str
        ``"banjir, bansos"`` or a list; matched as whole words, any case.

    Returns
    -------
    DataFrame
        ``term, mentions, share`` (of the public's mentions), ``mentions_prev``,
        ``mentions_change`` (relative), ``negative_share``, ``net_sentiment`` and
        ``example`` (the latest mention, safe to share).

    Examples
    --------
    >>> from humaskit import samples
    >>> tr = track_terms(samples.workspace(), "banjir, puskesmas", "2025-09")
    >>> tr["term"].tolist(), bool((tr["mentions"] > 0).all())
    (['banjir', 'puskesmas'], True)
    """
    import pyarrow.compute as pc

    from ._common import arrow_lower, words_regex

    tz = zone(tz)
    if isinstance(terms, str):
        terms = terms.split(",")
    words = [str(x).strip() for x in terms if str(x).strip()]
    cols = [
        "term",
        "mentions",
        "share",
        "mentions_prev",
        "mentions_change",
        "negative_share",
        "net_sentiment",
        "example",
    ]
    if not words:
        return pd.DataFrame(columns=cols)
    m = _public_mentions(with_sentiment(mentions, lang=lang))
    win = window(period, tz=tz, times=m["created_at"], lang=lang)
    now = m[win.mask(m["created_at"])].sort_values("created_at")
    before = m[win.previous().mask(m["created_at"])]
    keep = context(mentions).keep
    rows = []
    low_now, low_before = arrow_lower(now["text"]), arrow_lower(before["text"])
    for w in words:
        pat = words_regex([w])
        hit = pc.match_substring_regex(low_now, pat).to_numpy(zero_copy_only=False)
        hit_b = (
            int(pc.sum(pc.match_substring_regex(low_before, pat)).as_py() or 0)
            if len(before)
            else 0
        )
        sub = now[hit]
        c = _counts(sub, []) if len(sub) else None
        ex = (
            safe_texts(sub["text"].tail(1), keep=keep, salt=salt, lang=lang, max_chars=160).iloc[0]
            if len(sub)
            else ""
        )
        rows.append(
            {
                "term": w,
                "mentions": int(hit.sum()),
                "share": float(hit.sum() / len(now)) if len(now) else np.nan,
                "mentions_prev": hit_b,
                "mentions_change": (hit.sum() - hit_b) / hit_b if hit_b else np.nan,
                "negative_share": float(c.loc[0, "negative_share"]) if c is not None else np.nan,
                "net_sentiment": float(c.loc[0, "net_sentiment"]) if c is not None else np.nan,
                "example": ex,
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    for col in ("share", "mentions_change", "negative_share", "net_sentiment"):
        out[col] = out[col].astype("Float64")
    return out
