"""Responsiveness: who must answer which citizen, how fast they did, and what is overdue.

The rule many local governments keep: **every citizen's complaint or question to an agency
account is answered within 24 hours, or it is escalated** (to the head of the region's
office). humaskit measures it in three steps.

1. **Which mentions need an answer** (:func:`needs_answer`). A mention counts when all hold:

   - its author is a member of the public: not an institution, media or public figure
     (``author_type``; without that column, not one of the institution's accounts and not
     matching the public-account patterns of :mod:`humaskit.privacy`);
   - it is a comment, a mention or a direct message, or a reply to one of the
     institution's accounts (replies between citizens and reposts ``RT @...`` do not
     count);
   - it is a **complaint** (a word of ``data/evaluation/complaint_cues.txt``, unless it is a
     message of thanks without a real question mark, ``thanks_cues.txt``) or a
     **question**: a real ``?``, or a word of ``question_cues.txt``. Praise, chatter and
     news do not count. Abusive messages that also carry a complaint count: the complaint
     still deserves an answer, the insult does not.

   Chatter often looks like a question; these do not ask the institution anything:

   - indefinite forms of question words: doubled (``kapan-kapan`` "some time",
     ``di mana-mana`` "everywhere") or with ``pun`` (``kapan pun`` "whenever");
   - a ``?`` that only closes an agreement tag (``tag_cues.txt``: "Ini Sukamaju Utara
     ya?", "Ini acara tahun lalu bukan?", "Keren ya min?") or a question to the other
     readers (``crowd_cues.txt``: "Ada yang dari Cempaka juga?", "Kalian sudah datang
     belum?").

   Such a message still is a question when it also asks for information or action: a
   question word, a word of ``ask_cues.txt`` ("Dukcapil buka hari Sabtu ya?", "Ada yang
   tahu syarat KTP?"), an "or not" before the tag (``alternative_cues.txt``: "lewat
   Cempaka tidak ya?", "sudah cair belum ya?"), or another ``?``. On the samples the rule
   finds 96.5 % of the citizens' complaints and questions to the institution, and 99.9 %
   of what it marks is one (or an abusive message with a complaint, or a programme-gap
   report); no chatter.

2. **Who answers** (:func:`route`): the unit of the first keyword of the routing table
   (``data/evaluation/routing.csv``: jalan rusak -> Dinas PU, sampah -> DLH, puskesmas ->
   Dinkes, izin -> DPMPTSP, KTP/KK -> Disdukcapil, banjir -> BPBD...) found in the text;
   otherwise the unit owning the account the mention was addressed to; otherwise the
   table's default unit (keyword ``*``).

3. **How fast** (:func:`responsiveness`), per unit and platform. First-response time =
   ``responded_at - created_at``. At the reference time ``now`` (default: the latest time
   in the data) a mention is *answered* if ``responded_at <= now``; *pending* if it is not
   answered and younger than the limit (not yet due, left out of every share); otherwise
   it is *due*. ``response_rate`` = answered / due; ``within_limit_share`` = answered
   within ``limit_hours`` / due (an unanswered mention is late); ``median`` and ``p90``
   response hours are over answered mentions only. :func:`overdue` lists the due mentions
   not answered yet, oldest first, for escalation.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"platform": "x", "account": "pemkot", "mention_id": ["1", "2", "3"],
...     "kind": "mention", "created_at": pd.to_datetime(["2025-09-01 01:00"] * 3, utc=True),
...     "author": ["budi", "ani", "sari"], "author_type": "citizen",
...     "text": ["Jalan rusak parah, kapan ditambal?", "Terima kasih min!", "Sampah numpuk"],
...     "responded_at": pd.to_datetime(["2025-09-01 03:00", None, None], utc=True)})
>>> needs_answer(m)["needs_answer"].tolist()
[True, False, True]
>>> r = responsiveness(m, by=(), now="2025-09-03 00:00+00:00")
>>> int(r.loc[0, "needing_answer"]), float(r.loc[0, "within_limit_share"])
(2, 0.5)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import (
    DEFAULT_TZ,
    account_units,
    arrow_lower,
    context,
    cue_regex,
    mentions_of,
    public_handles,
    read_list,
    read_table,
    safe_authors,
    safe_texts,
    table_of,
    window,
    words_regex,
    zone,
)

__all__ = [
    "needs_answer",
    "routing_table",
    "route",
    "responsiveness",
    "overdue",
    "reference_time",
    "RESPONSE_COLUMNS",
]

#: Columns :func:`responsiveness` returns after the grouping columns.
RESPONSE_COLUMNS = (
    "needing_answer",
    "due",
    "answered",
    "response_rate",
    "median_response_hours",
    "p90_response_hours",
    "within_limit",
    "within_limit_share",
    "late",
    "overdue",
    "pending",
)
_COUNTED_KINDS = ("comment", "mention", "dm")
#: Prepositions that form question phrases with a question word ("di mana", "ke mana").
_PREPOSITIONS = ("di", "ke", "dari")
_NOT_CITIZEN = ("institution", "media", "public_figure")
#: Columns the response figures need (besides the grouping columns).
_BASE = ("platform", "account", "created_at", "responded_at")


class _Cues(NamedTuple):
    """The regular expressions of :func:`needs_answer` (built from the data files)."""

    question: str  # question words
    complaint: str
    thanks: str
    indefinite: str  # "kapan-kapan", "kapan pun": question words that do not ask
    tag: str  # a "?" asking no one at the institution: "keren ya?", "ada yang ... juga?"
    alternative: str  # a tag after "tidak", "belum"...: a yes/no question ("tidak ya?")
    ask: str  # words asking for information or action (keep a tag question a question)


def _alternation(entries: Iterable[str]) -> str:
    """Entries as one alternation, longest first (a space matches any spaces)."""
    parts = sorted({e.strip().lower() for e in entries if e.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in e.split()) for e in parts)


@lru_cache(maxsize=1)
def _cue_patterns() -> _Cues:
    questions = list(read_list("question_cues.txt"))
    # indefinite forms of the question words ("kapan-kapan", "di mana-mana", "kapan pun"):
    # of single words and of "di/ke/dari + word", not of phrases ("mau tanya-tanya" asks)
    words = [e.lower().split() for e in questions]
    indefinite = sorted(
        {
            r"\s+".join(re.escape(x) for x in w) + r"(?:-" + re.escape(w[-1]) + r"|\s+pun)"
            for w in words
            if len(w) == 1 or (len(w) == 2 and w[0] in _PREPOSITIONS)
        },
        key=len,
        reverse=True,
    )
    # an agreement tag, maybe followed by a way of addressing the admin, then the "?"
    tags = (
        r"(?:(?:"
        + _alternation(read_list("tag_cues.txt"))
        + r")(?:\s+(?:"
        + _alternation(read_list("address_words.txt"))
        + r"))?\s*)"
    )
    crowd = _alternation(read_list("crowd_cues.txt"))
    alternative = cue_regex(list(read_list("alternative_cues.txt")))
    return _Cues(
        question=cue_regex(questions),
        complaint=cue_regex(list(read_list("complaint_cues.txt"))),
        thanks=cue_regex(list(read_list("thanks_cues.txt"))),
        indefinite=r"(?:^|[^\w])(?:" + "|".join(indefinite) + r")(?:[^\w]|$)",
        tag=r"(?:^|[^\w])(?:" + tags + r"|(?:" + crowd + r")(?:[^\w][^?.!\n]*)?)\?+",
        alternative=alternative[: -len(r"(?:[^\w]|$)")] + r"\s+" + tags + r"\?+",
        ask=cue_regex(list(read_list("ask_cues.txt"))),
    )


def _own_accounts(data: Any, accounts: pd.DataFrame | None) -> set[str]:
    from ..privacy import normalize_handles

    own: set[str] = set()
    acc = (
        accounts
        if accounts is not None
        else table_of(data, "accounts")
        if not isinstance(data, pd.DataFrame)
        else None
    )
    if isinstance(acc, pd.DataFrame) and len(acc):
        for c in ("handle", "account"):
            if c in acc.columns:
                own.update(normalize_handles(acc[c]).dropna())
    m = table_of(data, "mentions")
    if isinstance(m, pd.DataFrame) and "account" in m.columns and len(m):
        own.update(normalize_handles(pd.Series(m["account"].dropna().unique())).dropna())
    return own


def _citizen(m: pd.DataFrame, own: set[str]) -> np.ndarray:
    from ..privacy import is_public_account, normalize_handles

    authors = m["author"] if "author" in m.columns else pd.Series(pd.NA, index=m.index, dtype="str")
    codes, uniq = pd.factorize(authors.astype("str"), use_na_sentinel=True)
    uniq_s = pd.Series(uniq, dtype="str")
    norm = normalize_handles(uniq_s)
    public_u = is_public_account(uniq_s).to_numpy(dtype=bool) | norm.isin(own).fillna(
        False
    ).to_numpy(dtype=bool)
    public = np.zeros(len(m), dtype=bool)
    ok = codes >= 0
    public[ok] = public_u[codes[ok]]
    if "author_type" in m.columns:
        at = m["author_type"].astype("str")
        known = at.notna().to_numpy()
        typed_public = at.isin(_NOT_CITIZEN).fillna(False).to_numpy(dtype=bool)
        own_author = np.zeros(len(m), dtype=bool)
        own_author[ok] = norm.isin(own).fillna(False).to_numpy(dtype=bool)[codes[ok]]
        public = np.where(known, typed_public | own_author, public)
    return ~public & ok


def needs_answer(
    mentions: Any,
    *,
    accounts: pd.DataFrame | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Mark the citizen mentions that need an answer (complaints and questions).

    Parameters
    ----------
    mentions : DataFrame or Workspace
        The canonical mentions table (or a workspace: its accounts table is used too).
    accounts : DataFrame, optional
        The institution's accounts (their own messages are never counted).

    Returns
    -------
    DataFrame
        A copy of the mentions with ``citizen`` (bool), ``request`` (``complaint``,
        ``question`` or NA) and ``needs_answer`` (bool). See the module docstring for
        the rule.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "account": "pemkot", "kind": "comment",
    ...     "created_at": pd.Timestamp("2025-09-01", tz="UTC"), "author": "budi",
    ...     "text": ["Syarat bikin KTP apa saja?", "Lampu jalan mati 2 minggu", "Hadir min!",
    ...              "Kapan-kapan bahas pajak juga min", "Ini acara tahun lalu bukan?",
    ...              "Car Free Day minggu ini tetap ada?"]})
    >>> needs_answer(m)["request"].tolist()
    ['question', 'complaint', nan, nan, nan, 'question']
    """
    m = mentions_of(mentions, lang)
    out = m.copy()
    if len(out) == 0:
        out["citizen"] = pd.Series([], dtype="bool")
        out["request"] = pd.Series([], dtype="str")
        out["needs_answer"] = pd.Series([], dtype="bool")
        return out
    citizen, request, needs = _needs(
        out, _own_accounts(mentions, accounts), arrow_lower(out["text"])
    )
    out["citizen"] = citizen
    out["request"] = _str(request, out.index)
    out["needs_answer"] = needs
    return out


def _handles_in(handles: pd.Series, own: set[str]) -> np.ndarray:
    """Which ``handles`` (normalised as :func:`humaskit.privacy.normalize_handles`) are in
    ``own``; each distinct handle is normalised once."""
    from ..privacy import normalize_handles

    codes, uniq = pd.factorize(handles, use_na_sentinel=True)
    hit = normalize_handles(pd.Series(uniq, dtype="str")).isin(own).fillna(False)
    out = np.zeros(len(handles), dtype=bool)
    ok = codes >= 0
    out[ok] = hit.to_numpy(dtype=bool)[codes[ok]]
    return out


def _match(texts, pattern: str, rows: np.ndarray | None = None) -> np.ndarray:
    """Regex ``pattern`` found in ``texts`` (an arrow array), optionally only in ``rows``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if rows is not None:
        if not len(rows):
            return np.zeros(0, dtype=bool)
        if len(rows) < len(texts):
            texts = pc.take(texts, pa.array(rows))
    return pc.match_substring_regex(texts, pattern).to_numpy(zero_copy_only=False)


def _real_marks(texts, mark: np.ndarray, cues: _Cues) -> np.ndarray:
    """Which ``texts`` have a "?" that asks the institution: not only agreement tags
    ("keren ya?") or questions to the other readers ("ada yang dari Cempaka juga?")."""
    import pyarrow.compute as pc

    real = mark.copy()
    marked = np.flatnonzero(mark)
    tagged = marked[_match(texts, cues.tag, marked)]
    if len(tagged):
        sub = _take(texts, tagged)
        rest = pc.replace_substring_regex(sub, cues.tag, " ")
        real[tagged] = pc.match_substring(rest, "?").to_numpy(zero_copy_only=False) | _match(
            sub, cues.alternative
        )
    return real


def _question_words(texts, cues: _Cues) -> np.ndarray:
    """Which ``texts`` have a question word that asks (not "kapan-kapan", "kapan pun")."""
    import pyarrow.compute as pc

    found = _match(texts, cues.question)
    rows = np.flatnonzero(found)
    rows = rows[_match(texts, cues.indefinite, rows)]
    if len(rows):
        # twice: two indefinite forms in a row share the space between them
        rest = pc.replace_substring_regex(_take(texts, rows), cues.indefinite, " ")
        rest = pc.replace_substring_regex(rest, cues.indefinite, " ")
        found[rows] = _match(rest, cues.question)
    return found


def _needs(m: pd.DataFrame, own: set[str], low) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``citizen``, ``request`` and ``needs_answer`` arrays (``low``: lower-case texts)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(m)
    citizen = _citizen(m, own)
    kind = (
        m["kind"].astype("str")
        if "kind" in m.columns
        else pd.Series("comment", index=m.index, dtype="str")
    )
    kind_ok = kind.isin(_COUNTED_KINDS).fillna(False).to_numpy(dtype=bool).copy()
    if "to_author" in m.columns:
        kind_ok |= (kind == "reply").fillna(False).to_numpy(dtype=bool) & _handles_in(
            m["to_author"], own
        )
    cues = _cue_patterns()
    repost = pc.starts_with(low, "rt @").to_numpy(zero_copy_only=False)
    # only the candidates are searched, each pattern on the rows where it can change the
    # answer: complaint words everywhere, thanks where a complaint was found without a
    # real "?", question words where there is neither a complaint nor a real "?"
    cand = np.flatnonzero(citizen & kind_ok & ~repost)
    question = np.zeros(n, dtype=bool)
    complaint = np.zeros(n, dtype=bool)
    if len(cand):
        sub = low if len(cand) == n else pc.take(low, pa.array(cand))
        mark = pc.match_substring(sub, "?").to_numpy(zero_copy_only=False)
        real = _real_marks(sub, mark, cues)
        c = _match(sub, cues.complaint)
        thanks_rows = np.flatnonzero(c & ~real)
        c[thanks_rows] &= ~_match(sub, cues.thanks, thanks_rows)
        q = real.copy()
        ask_rows = np.flatnonzero(~c & ~real)
        q[ask_rows] = _question_words(_take(sub, ask_rows), cues)
        # a tag question asking for information or action ("buka hari Sabtu ya?")
        tagged = np.flatnonzero(~c & ~q & mark)
        q[tagged] = _match(sub, cues.ask, tagged)
        complaint[cand] = c
        question[cand] = q
    request = pc.if_else(
        pa.array(complaint),
        "complaint",
        pc.if_else(pa.array(question), "question", pa.scalar(None, pa.string())),
    )
    needs = citizen & kind_ok & ~repost & (complaint | question)
    return citizen, request, needs


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
    out["unit"] = _str(unit, out.index)
    out["route_topic"] = _str(topic, out.index)
    out["route_keyword"] = _str(kw, out.index)
    out["routed_by"] = _str(by, out.index)
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
        rows = np.flatnonzero(_match(low, pat))
        found = pc.struct_field(pc.extract_regex(_take(low, rows), pat), [0])
        known = pa.array(keywords["keyword"].tolist(), type=found.type)
        at = pc.fill_null(pc.index_in(found, value_set=known), -1).to_numpy(
            zero_copy_only=False, writable=True
        )
        spaced = np.flatnonzero(at < 0)
        if len(spaced) and any(" " in k for k in keywords["keyword"]):
            # a phrase written with other spaces than the table's ("jalan  rusak")
            again = pc.replace_substring_regex(_take(found, spaced), r"\s+", " ")
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


def _take(texts, rows: np.ndarray):
    """``texts`` (an arrow array) at ``rows`` (all of them without a copy)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return texts if len(rows) == len(texts) else pc.take(texts, pa.array(rows))


def _str(values, index) -> pd.Series:
    """An arrow string array as a pandas ``str`` Series (no copy through Python objects)."""
    return pd.Series(values, index=index, dtype="str")


def reference_time(mentions: pd.DataFrame, now: Any = None) -> pd.Timestamp:
    """The time at which answers are judged: ``now`` or the latest time in the data.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"created_at": pd.to_datetime(["2025-09-01 10:00"], utc=True),
    ...                   "responded_at": pd.to_datetime(["2025-09-02 09:00"], utc=True)})
    >>> str(reference_time(m))
    '2025-09-02 09:00:00+00:00'
    """
    if now is not None:
        ts = pd.Timestamp(now)
        if ts.tzinfo is None:
            ts = ts.tz_localize(DEFAULT_TZ)
        return ts.tz_convert("UTC")
    times = [pd.to_datetime(mentions["created_at"], utc=True).max()]
    if "responded_at" in mentions.columns:
        times.append(pd.to_datetime(mentions["responded_at"], utc=True).max())
    times = [x for x in times if not pd.isna(x)]
    if not times:
        return pd.Timestamp.now(tz="UTC")
    return max(times)


def _prepared(mentions: Any, *, accounts, routing, period, tz, lang, columns=None) -> pd.DataFrame:
    """The mentions that need an answer, marked and routed (only ``columns`` kept if given)."""
    m = mentions_of(mentions, lang)
    if period is not None:
        m = m[window(period, tz=tz, times=m["created_at"], lang=lang).mask(m["created_at"])]
    acc = accounts if accounts is not None else context(mentions).accounts
    need_mark = "needs_answer" not in m.columns
    need_route = "unit" not in m.columns or "route_topic" not in m.columns
    if not need_mark and not need_route:
        return m[m["needs_answer"].fillna(False).astype(bool)]
    import pyarrow as pa
    import pyarrow.compute as pc

    low = arrow_lower(m["text"]) if len(m) else None
    if need_mark:
        if len(m):
            citizen, request, needs = _needs(m, _own_accounts(mentions, accounts), low)
        else:
            citizen = needs = np.zeros(0, dtype=bool)
            request = pa.nulls(0, pa.string())
        rows = np.flatnonzero(needs)
        if columns is not None:
            m = m[[c for c in dict.fromkeys([*columns, *_BASE]) if c in m.columns]]
        m = m.iloc[rows].assign(
            citizen=citizen[rows],
            request=pd.Series(pc.take(request, pa.array(rows)), index=m.index[rows], dtype="str"),
            needs_answer=True,
        )
    else:
        rows = np.flatnonzero(m["needs_answer"].fillna(False).to_numpy(dtype=bool))
        m = m.iloc[rows]
    if need_route:
        sub = pc.take(low, pa.array(rows)) if low is not None else None
        unit, topic, kw, by = _route(m, routing_table(routing, lang=lang), account_units(acc), sub)
        m = m.assign(
            unit=pd.Series(unit, index=m.index, dtype="str"),
            route_topic=pd.Series(topic, index=m.index, dtype="str"),
            route_keyword=pd.Series(kw, index=m.index, dtype="str"),
            routed_by=pd.Series(by, index=m.index, dtype="str"),
        )
    return m


def _timing(m: pd.DataFrame, now: pd.Timestamp, limit_hours: float) -> pd.DataFrame:
    created = pd.to_datetime(m["created_at"], utc=True)
    responded = (
        pd.to_datetime(m["responded_at"], utc=True)
        if "responded_at" in m.columns
        else pd.Series(pd.NaT, index=m.index, dtype="datetime64[us, UTC]")
    )
    answered = (responded.notna() & (responded <= now)).to_numpy(dtype=bool)
    hours = ((responded - created) / pd.Timedelta(hours=1)).to_numpy(
        dtype="float64", na_value=np.nan
    )
    hours = np.where(answered, np.maximum(hours, 0.0), np.nan)
    age = ((now - created) / pd.Timedelta(hours=1)).to_numpy(dtype="float64", na_value=np.nan)
    pending = ~answered & (age <= limit_hours)
    due = ~pending
    within = answered & (hours <= limit_hours)
    return pd.DataFrame(
        {
            "_due": due.astype("float64"),
            "_answered": answered.astype("float64"),
            "_within": within.astype("float64"),
            "_late": (answered & ~within).astype("float64"),
            "_overdue": (due & ~answered).astype("float64"),
            "_pending": pending.astype("float64"),
            "_hours": hours,
            "_age": age,
        },
        index=m.index,
    )


def responsiveness(
    mentions: Any,
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
    """Response rate and first-response times of citizen mentions that need an answer.

    Parameters
    ----------
    mentions : DataFrame or Workspace
        Mentions (already marked by :func:`needs_answer`/:func:`route` or not).
    limit_hours : float
        The answer limit of the SOP (24 hours by default).
    by : str or iterable of str
        Grouping: ``unit``, ``platform``, ``account``, ``route_topic``, ``request``,
        ``kind``... or ``()`` for one total row.
    now : timestamp, optional
        Reference time (default: the latest time in the data).
    period : str, tuple or Window, optional
        Only mentions created in this window (``"2025-09"``...).
    accounts, routing : DataFrame, optional
        For :func:`needs_answer` and :func:`route` when the mentions are not marked yet.

    Returns
    -------
    DataFrame
        The grouping columns and :data:`RESPONSE_COLUMNS`; ``attrs`` hold ``now`` and
        ``limit_hours``. Shares are fractions (0.42 = 42 %).

    Examples
    --------
    >>> from humaskit import samples
    >>> r = responsiveness(samples.workspace(), period="2025-09", by="unit")
    >>> bool((r["response_rate"] <= 1).all()), "Dinas Pekerjaan Umum" in set(r["unit"])
    (True, True)
    """
    if (
        isinstance(limit_hours, bool)
        or not isinstance(limit_hours, (int, float))
        or not 0 < limit_hours <= 24 * 60
    ):
        raise ParameterError(t("evaluation.bad_limit", lang, value=limit_hours))
    tz = zone(tz)
    by_list = [by] if isinstance(by, str) else list(by)
    base = mentions_of(mentions, lang)
    ref = reference_time(base, now)
    m = _prepared(
        mentions,
        accounts=accounts,
        routing=routing,
        period=period,
        tz=tz,
        lang=lang,
        columns=[b for b in by_list if b not in ("unit", "route_topic", "request")],
    )
    missing = [b for b in by_list if b not in m.columns]
    if missing:
        raise ParameterError(
            t("evaluation.bad_group", lang, column=missing[0], known=", ".join(m.columns))
        )
    tm = _timing(m, ref, float(limit_hours))
    frame = tm.drop(columns=["_age"])
    frame["_n"] = 1.0
    counts = ["_n", "_due", "_answered", "_within", "_late", "_overdue", "_pending"]
    if by_list:
        for b in by_list:
            frame[b] = m[b].astype("str").array
        g = frame.groupby(by_list, observed=True, dropna=False, sort=True)
        sums = g[counts].sum()
        med = g["_hours"].median()
        p90 = g["_hours"].quantile(0.9)
    else:
        sums = frame[counts].sum().to_frame().T
        hrs = frame["_hours"].dropna()
        med = pd.Series([hrs.median() if len(hrs) else np.nan])
        p90 = pd.Series([hrs.quantile(0.9) if len(hrs) else np.nan])
    out = pd.DataFrame(index=sums.index)
    out["needing_answer"] = sums["_n"].round().astype("Int64")
    out["due"] = sums["_due"].round().astype("Int64")
    out["answered"] = sums["_answered"].round().astype("Int64")
    due = sums["_due"].where(sums["_due"] > 0)
    out["response_rate"] = pd.array((sums["_answered"] / due).to_numpy(), dtype="Float64")
    out["median_response_hours"] = pd.array(med.reindex(out.index).to_numpy(), dtype="Float64")
    out["p90_response_hours"] = pd.array(p90.reindex(out.index).to_numpy(), dtype="Float64")
    out["within_limit"] = sums["_within"].round().astype("Int64")
    out["within_limit_share"] = pd.array((sums["_within"] / due).to_numpy(), dtype="Float64")
    out["late"] = sums["_late"].round().astype("Int64")
    out["overdue"] = sums["_overdue"].round().astype("Int64")
    out["pending"] = sums["_pending"].round().astype("Int64")
    for c in ("response_rate", "median_response_hours", "p90_response_hours", "within_limit_share"):
        out[c] = out[c].mask(out[c].isna())
    out = out.reset_index(drop=not by_list)
    out.attrs.update({"now": str(ref), "limit_hours": float(limit_hours)})
    return out


def overdue(
    mentions: Any,
    *,
    now: Any = None,
    limit_hours: float = 24,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    routing: pd.DataFrame | None = None,
    salt: str | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Citizen mentions past the answer limit and still unanswered, oldest first.

    The list is share-safe: authors who are private citizens are pseudonymised (stable
    with the same ``salt``, see :func:`humaskit.privacy.pseudonymize`), phone numbers,
    NIK, e-mail and bank numbers in the text are masked, and citizens' @handles in the
    text are pseudonymised too.

    Returns
    -------
    DataFrame
        ``created_local`` (in ``tz``), ``age_hours``, ``unit``, ``route_topic``,
        ``request``, ``platform``, ``account``, ``kind``, ``author``, ``text``,
        ``mention_id``; ``attrs`` hold ``now`` and ``limit_hours``.

    Examples
    --------
    >>> from humaskit import samples
    >>> late = overdue(samples.workspace(), period="2025-09")
    >>> bool(late["age_hours"].is_monotonic_decreasing), bool((late["age_hours"] > 24).all())
    (True, True)
    """
    if (
        isinstance(limit_hours, bool)
        or not isinstance(limit_hours, (int, float))
        or not 0 < limit_hours <= 24 * 60
    ):
        raise ParameterError(t("evaluation.bad_limit", lang, value=limit_hours))
    tz = zone(tz)
    base = mentions_of(mentions, lang)
    ref = reference_time(base, now)
    m = _prepared(mentions, accounts=accounts, routing=routing, period=period, tz=tz, lang=lang)
    tm = _timing(m, ref, float(limit_hours))
    late = m[tm["_overdue"].to_numpy() > 0]
    ages = tm.loc[late.index, "_age"]
    late = late.assign(_age=ages).sort_values(["created_at"], kind="stable")
    keep = context(mentions).keep | public_handles(None, accounts=accounts)
    if "account" in late.columns:
        keep |= set(late["account"].dropna().astype("str").str.lower())
    out = pd.DataFrame(
        {
            "created_local": late["created_at"].dt.tz_convert(tz),
            "age_hours": late["_age"].round(1),
            "unit": late["unit"],
            "route_topic": late["route_topic"],
            "request": late["request"] if "request" in late.columns else pd.NA,
            "platform": late["platform"],
            "account": late["account"],
            "kind": late["kind"] if "kind" in late.columns else pd.NA,
            "author": safe_authors(late, keep=keep, salt=salt),
            "text": safe_texts(late["text"], keep=keep, salt=salt, lang=lang),
            "mention_id": late["mention_id"]
            if "mention_id" in late.columns
            else late.index.astype("str"),
        }
    )
    out = out.reset_index(drop=True)
    out.attrs.update({"now": str(ref), "limit_hours": float(limit_hours)})
    return out
