"""Keeping the pages safe: the moderation queue, and critics told apart from attackers.

Two views of the incoming mentions and comments, both read by
:func:`humaskit.text.screen` (the pre-publication screen, used as is) plus a short list
of attacks without substance that plain profanity lists miss
(``data/evaluation/attack_cues.txt``: ``tukang bohong``, ``makan gaji buta``...).

:func:`critic_or_attacker` puts each citizen mention that needs attention in one class,
each with its advice (:func:`attention_summary`):

``request``
    A question, asked without hostility: **answer with data** (facts, a link, the next
    step).
``criticism``
    A complaint, or criticism with a point, even when rude ("Dinas PU tidak becus! Jalan
    hancur dibiarkan."): **acknowledge it and route it** to the unit responsible. The
    point is what :func:`~humaskit.evaluation.needs_answer` finds (a complaint or a real
    question); an insult with no such point is abuse.
``abuse``
    Insults or hate without any request: **do not engage**; watch for coordination (the
    same text from several accounts, ``same_text_authors``).

:func:`moderation_queue` lists the public items (comments, replies, mentions; direct
messages are private and not moderated) that a moderator must act on, one row each with
its ``category`` and suggested ``action``:

=================  ==========================================================  ========
category           what the screen found                                       action
=================  ==========================================================  ========
``radicalism``     violent extremism, armed separatism                         report
``sara``           hate on religion, ethnicity/race or another group (SARA)    report
``pornography``    sexual content, solicitation                                hide
``abuse``          insults, profanity, attacks (a request in it: answer it)    hide
``personal_data``  a citizen's NIK, phone, e-mail, bank number or address      remind
``hoax``           chain-message cues, unnamed sources, hearsay of an official  answer
=================  ==========================================================  ========

``report``: hide it and report it to the platform (and to the authorities for threats);
``hide``: hide it (the page's rules; a mention on the author's own timeline cannot be
hidden: leave it unanswered); ``remind``: hide it and remind the citizen
privately (DM) not to post their data; ``answer``: answer publicly with facts and a
source. ``unit`` (who acts) is the routed unit (:func:`~humaskit.evaluation.route`).
Authors are pseudonymised and texts masked (:mod:`humaskit.privacy`), so the queue can be
shared.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"platform": "instagram", "account": "pemkot", "kind": "comment",
...     "created_at": pd.Timestamp("2025-09-01", tz="UTC"), "author": ["budi", "ani", "sari"],
...     "text": ["Syarat bikin KTP apa saja?", "Pemkot isinya cuma pencitraan. Dasar tukang bohong!",
...              "Lampu jalan mati 2 minggu, tolong diperbaiki"]})
>>> critic_or_attacker(m)["attention"].tolist()
['request', 'abuse', 'criticism']
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import t
from ._common import (
    DEFAULT_TZ,
    account_units,
    arrow_lower,
    arrow_match,
    context,
    cue_regex,
    mentions_of,
    public_handles,
    read_list,
    safe_authors,
    safe_texts,
    window,
    zone,
)
from .needs import _handles_in, _needs, _own_accounts
from .routing import _route, routing_table

__all__ = [
    "ATTENTION_CLASSES",
    "COORDINATED_AUTHORS",
    "MODERATION_CATEGORIES",
    "MODERATION_ACTIONS",
    "MODERATION_VIEW",
    "critic_or_attacker",
    "attention_summary",
    "moderation_queue",
    "moderation_summary",
]

#: Classes of :func:`critic_or_attacker`, in the order reports show them.
ATTENTION_CLASSES = ("request", "criticism", "abuse")
#: Categories of :func:`moderation_queue`, most serious first.
MODERATION_CATEGORIES = ("radicalism", "sara", "pornography", "abuse", "personal_data", "hoax")
#: The suggested action of each category.
MODERATION_ACTIONS = {
    "radicalism": "report",
    "sara": "report",
    "pornography": "hide",
    "abuse": "hide",
    "personal_data": "remind",
    "hoax": "answer",
}
_PUBLIC_KINDS = ("comment", "reply", "mention")
_ATTENTION_KINDS = ("comment", "mention", "dm")
#: The columns of the moderation queue a report shows (the xlsx has them all).
MODERATION_VIEW = [
    "created_local", "category", "action", "unit", "author", "text", "same_text_authors",
    "suggested_reply",
]  # fmt: skip
#: Distinct authors of one text from which abuse looks coordinated.
COORDINATED_AUTHORS = 3


@lru_cache(maxsize=1)
def _attack_regex() -> str:
    return cue_regex(list(read_list("attack_cues.txt")))


def _flags(texts: pd.Series, lang: str | None) -> pd.DataFrame:
    """One boolean column per moderation category, and ``matched`` terms, for ``texts``."""
    from ..text import screen

    s = screen(texts.reset_index(drop=True), lang=lang)
    low = arrow_lower(texts) if len(texts) else None
    attack = arrow_match(low, _attack_regex()) if low is not None else np.zeros(0, dtype=bool)
    out = pd.DataFrame(
        {
            "radicalism": s["radicalism"].to_numpy(dtype=bool),
            "sara": (s["sara_religion"] | s["sara_ethnicity"] | s["intergroup"]).to_numpy(
                dtype=bool
            ),
            "pornography": s["pornography"].to_numpy(dtype=bool),
            "abuse": s["abusive"].to_numpy(dtype=bool) | attack,
            "personal_data": s["personal_data"].to_numpy(dtype=bool),
            "hoax": s["hoax"].to_numpy(dtype=bool),
            "matched": s["matched"].astype("str").to_numpy(),
        },
        index=texts.index,
    )
    return out


def _same_text_authors(m: pd.DataFrame) -> np.ndarray:
    """For each row, how many distinct authors wrote the same text (handles, links,
    emoji and punctuation aside)."""
    text = (
        m["text"]
        .astype("str")
        .str.lower()
        .str.replace(r"@\w+|https?://\S+|#\w+", " ", regex=True)
        .str.replace(r"[^\w\s]", " ", regex=True)
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
    )
    author = (
        m["author"].astype("str")
        if "author" in m.columns
        else pd.Series(np.arange(len(m)).astype(str), index=m.index)
    )
    counts = pd.DataFrame({"t": text, "a": author}).groupby("t")["a"].transform("nunique")
    return counts.fillna(1).to_numpy(dtype=np.int64)


def _in_period(m: pd.DataFrame, period: Any, tz: str, lang: str | None) -> pd.DataFrame:
    if period is None:
        return m
    return m[window(period, tz=tz, times=m["created_at"], lang=lang).mask(m["created_at"])]


def critic_or_attacker(
    mentions: Any,
    *,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Class each citizen mention needing attention: request, criticism or abuse.

    Parameters
    ----------
    mentions : DataFrame, Workspace or Scope
        Mentions (marked by :func:`~humaskit.evaluation.needs_answer` or not).
    period : window, optional
        Only mentions created in this window.
    accounts : DataFrame, optional
        The institution's accounts (their own messages are never classed).

    Returns
    -------
    DataFrame
        A copy with ``citizen``, ``request``, ``needs_answer``, ``hostile`` (insult, attack
        or hate found), ``attention`` (one of :data:`ATTENTION_CLASSES`, NA when the mention
        needs no attention) and ``same_text_authors`` (distinct authors of the same text:
        3 or more is a sign of coordination).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "account": "pemkot", "kind": "mention",
    ...     "created_at": pd.Timestamp("2025-09-01", tz="UTC"), "author": ["a", "b"],
    ...     "text": ["Dinas PU tidak becus! Jalan rusak dibiarkan.", "Dasar pejabat bodoh."]})
    >>> critic_or_attacker(m)[["hostile", "attention"]].values.tolist()
    [[True, 'criticism'], [True, 'abuse']]
    """
    tz = zone(tz)
    m = _in_period(mentions_of(mentions, lang), period, tz, lang)
    acc = accounts if accounts is not None else context(mentions).accounts
    out = m.copy()
    n = len(out)
    if not n:
        for col, dtype in (
            ("citizen", "bool"),
            ("request", "str"),
            ("needs_answer", "bool"),
            ("hostile", "bool"),
            ("attention", "str"),
            ("same_text_authors", "int64"),
        ):
            out[col] = pd.Series([], dtype=dtype)
        return out
    own = _own_accounts(mentions, acc)
    if {"citizen", "request", "needs_answer"} <= set(out.columns):
        citizen = out["citizen"].fillna(False).to_numpy(dtype=bool)
        needs = out["needs_answer"].fillna(False).to_numpy(dtype=bool)
        request = out["request"].astype("str")
    else:
        citizen, req, needs = _needs(out, own, arrow_lower(out["text"]))
        request = pd.Series(req, index=out.index, dtype="str")
        out["citizen"] = citizen
        out["request"] = request
        out["needs_answer"] = needs
    kind = (
        out["kind"].astype("str")
        if "kind" in out.columns
        else pd.Series("comment", index=out.index, dtype="str")
    )
    kind_ok = kind.isin(_ATTENTION_KINDS).fillna(False).to_numpy(dtype=bool).copy()
    if "to_author" in out.columns:
        kind_ok |= (kind == "reply").fillna(False).to_numpy(dtype=bool) & _handles_in(
            out["to_author"], own
        )
    repost = out["text"].astype("str").str.lower().str.startswith("rt @").fillna(False)
    pool = citizen & kind_ok & ~repost.to_numpy(dtype=bool)
    hostile = np.zeros(n, dtype=bool)
    rows = np.flatnonzero(pool)
    if len(rows):
        f = _flags(out["text"].iloc[rows], lang)
        hostile[rows] = (f["abuse"] | f["sara"]).to_numpy(dtype=bool)
    question = (request == "question").fillna(False).to_numpy(dtype=bool)
    complaint = (request == "complaint").fillna(False).to_numpy(dtype=bool)
    attention = np.full(n, None, dtype=object)
    attention[pool & hostile & ~needs] = "abuse"
    attention[pool & needs & (complaint | hostile)] = "criticism"
    attention[pool & needs & question & ~hostile] = "request"
    out["hostile"] = hostile
    out["attention"] = pd.Series(attention, index=out.index, dtype="str")
    same = np.ones(n, dtype=np.int64)
    if len(rows):
        same[rows] = _same_text_authors(out.iloc[rows])
    out["same_text_authors"] = same
    return out


def attention_summary(classified: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Count each class of :func:`critic_or_attacker` and advise what to do.

    Returns
    -------
    DataFrame
        One row per class of :data:`ATTENTION_CLASSES`: ``attention``, ``mentions``,
        ``share`` (of the mentions needing attention), ``coordinated`` (abuse only: mentions
        whose text :data:`COORDINATED_AUTHORS` or more accounts wrote; NA for the other
        classes, where many citizens asking the same is normal) and ``advice``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"attention": ["request", "abuse", "abuse", None],
    ...                   "same_text_authors": [1, 4, 4, 1]})
    >>> attention_summary(c, lang="en")[["attention", "mentions", "coordinated"]].values.tolist()
    [['request', 1, <NA>], ['criticism', 0, <NA>], ['abuse', 2, 2]]
    """
    att = classified["attention"].astype("str") if len(classified) else pd.Series([], dtype="str")
    same = (
        classified["same_text_authors"]
        if "same_text_authors" in classified.columns
        else pd.Series(1, index=classified.index)
    )
    total = int(att.notna().sum())
    rows = []
    for cls in ATTENTION_CLASSES:
        mask = (att == cls).fillna(False).to_numpy(dtype=bool)
        n = int(mask.sum())
        # many citizens asking the same question is normal; only abuse can be a campaign
        coord = int((same.to_numpy()[mask] >= COORDINATED_AUTHORS).sum()) if n else 0
        coord = coord if cls == "abuse" else None
        rows.append(
            {
                "attention": cls,
                "mentions": n,
                "share": n / total if total else np.nan,
                "coordinated": coord,
                "advice": t(f"evaluation.advice.{cls}", lang),
            }
        )
    out = pd.DataFrame(rows)
    out["mentions"] = out["mentions"].astype("Int64")
    out["coordinated"] = out["coordinated"].astype("Int64")
    out["share"] = pd.array(out["share"].to_numpy(dtype="float64"), dtype="Float64")
    out["share"] = out["share"].mask(out["share"].isna())
    out.attrs["total"] = total
    return out


def moderation_queue(
    mentions: Any,
    *,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    routing: pd.DataFrame | None = None,
    bank: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    salt: str | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """The public items a moderator must act on, most serious first (share-safe).

    Parameters
    ----------
    mentions : DataFrame, Workspace or Scope
        Incoming mentions, comments and replies.
    period : window, optional
        Only items created in this window.
    accounts, routing : DataFrame, optional
        The accounts table (the institution's own messages are skipped; the fallback unit)
        and your routing table.
    bank, contacts : DataFrame, optional
        Your reply bank and service contacts (:func:`~humaskit.evaluation.suggest_replies`).
    salt : str, optional
        Key of the pseudonyms (:func:`humaskit.privacy.pseudonymize`).

    Returns
    -------
    DataFrame
        ``created_local``, ``platform``, ``account``, ``kind``, ``author`` (citizens
        pseudonymised), ``text`` (personal data masked), ``category`` (the most serious of
        :data:`MODERATION_CATEGORIES`), ``categories`` (all found), ``action``
        (:data:`MODERATION_ACTIONS`; ``answer`` for abuse that carries a request),
        ``unit`` (who acts), ``route_topic``, ``attention``, ``same_text_authors``,
        ``matched`` (terms found; personal data by kind only), ``suggested_reply`` (for
        ``answer`` and ``remind``), ``mention_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "facebook", "account": "pemkot", "kind": "comment",
    ...     "created_at": pd.Timestamp("2025-09-01", tz="UTC"), "author": ["budi", "ani"],
    ...     "text": ["NIK saya 3276361311515659 belum terdaftar, tolong dicek", "Mantap!"]})
    >>> q = moderation_queue(m)
    >>> q[["category", "action"]].values.tolist(), "3276361311515659" in q.loc[0, "text"]
    ([['personal_data', 'remind']], False)
    """
    from .replies import suggest_replies

    tz = zone(tz)
    base = _in_period(mentions_of(mentions, lang), period, tz, lang).reset_index(drop=True)
    acc = accounts if accounts is not None else context(mentions).accounts
    own = _own_accounts(mentions, acc)
    kind = (
        base["kind"].astype("str")
        if "kind" in base.columns
        else pd.Series("comment", index=base.index, dtype="str")
    )
    from ..privacy import normalize_handles

    author = (
        normalize_handles(base["author"].astype("str"))
        if "author" in base.columns
        else pd.Series(pd.NA, index=base.index, dtype="str")
    )
    public = kind.isin(_PUBLIC_KINDS).fillna(False).to_numpy(dtype=bool)
    mine = author.isin(own).fillna(False).to_numpy(dtype=bool)
    m = base[public & ~mine]
    f = _flags(m["text"], lang) if len(m) else _flags(pd.Series([], dtype="str"), lang)
    cats = f[list(MODERATION_CATEGORIES)].to_numpy(dtype=bool)
    hit = cats.any(axis=1)
    m, f, cats = m[hit], f[hit], cats[hit]
    cols = [
        "created_local", "platform", "account", "kind", "author", "text", "category",
        "categories", "action", "unit", "route_topic", "attention", "same_text_authors",
        "matched", "suggested_reply", "mention_id",
    ]  # fmt: skip
    if not len(m):
        return pd.DataFrame({c: pd.Series([], dtype="str") for c in cols})
    cls = critic_or_attacker(m, accounts=acc, lang=lang)
    if "unit" in m.columns and "route_topic" in m.columns:
        unit, topic = m["unit"].astype("str"), m["route_topic"].astype("str")
    else:
        u, tp, _, _ = _route(
            m, routing_table(routing, lang=lang), account_units(acc), arrow_lower(m["text"])
        )
        unit = pd.Series(u, index=m.index, dtype="str")
        topic = pd.Series(tp, index=m.index, dtype="str")
    names = np.array(MODERATION_CATEGORIES)
    first = cats.argmax(axis=1)
    category = names[first]
    attention = cls["attention"].astype("str")
    action = np.array([MODERATION_ACTIONS[c] for c in category], dtype=object)
    # the point of an abusive message deserves an answer, the insult does not
    pointed = (category == "abuse") & attention.isin(["criticism", "request"]).fillna(
        False
    ).to_numpy(dtype=bool)
    action[pointed] = "answer"
    keep = context(mentions).keep | public_handles(None, accounts=acc)
    keep |= set(m["account"].dropna().astype("str").str.lower())
    out = pd.DataFrame(
        {
            "created_local": m["created_at"].dt.tz_convert(tz),
            "platform": m["platform"].astype("str"),
            "account": m["account"].astype("str"),
            "kind": kind.loc[m.index],
            "author": safe_authors(m, keep=keep, salt=salt),
            "text": safe_texts(m["text"], keep=keep, salt=salt, lang=lang),
            "category": category,
            "categories": [", ".join(names[row]) for row in cats],
            "action": action,
            "unit": unit,
            "route_topic": topic,
            "attention": attention,
            "same_text_authors": cls["same_text_authors"].astype("Int64"),
            "matched": f["matched"],
            "mention_id": m["mention_id"].astype("str")
            if "mention_id" in m.columns
            else m.index.astype("str"),
        },
        index=m.index,
    )
    # the reply bank's intent: the hoax or data reminder, else the request of the point
    out["intent"] = np.where(
        category == "hoax",
        "hoax",
        np.where(category == "personal_data", "personal_data", cls["request"].astype("str")),
    )
    out = suggest_replies(out, bank=bank, contacts=contacts, lang=lang)
    answer = np.isin(action, ("answer", "remind"))
    out["suggested_reply"] = out["suggested_reply"].where(answer, "")
    rank = {c: i for i, c in enumerate(MODERATION_CATEGORIES)}
    out["_rank"] = [rank[c] for c in category]
    out = out.sort_values(["_rank", "created_local"], kind="stable")
    out = out[cols].reset_index(drop=True)
    out["category"] = out["category"].astype("str")
    out["action"] = out["action"].astype("str")
    return out


def moderation_summary(queue: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Items per category of the moderation queue, with the action and who acts most.

    Returns
    -------
    DataFrame
        One row per category of :data:`MODERATION_CATEGORIES` (all of them, zeros
        included): ``category``, ``action``, ``items``, ``units`` (the units that act,
        most items first).

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"category": ["hoax", "hoax"], "unit": ["Dinas Sosial", "BPBD"]})
    >>> moderation_summary(q).query("items > 0")[["category", "action", "items"]].values.tolist()
    [['hoax', 'answer', 2]]
    """
    rows = []
    for cat in MODERATION_CATEGORIES:
        part = queue[queue["category"] == cat] if len(queue) else queue
        units = part["unit"].astype("str").value_counts() if len(part) else pd.Series([])
        rows.append(
            {
                "category": cat,
                "action": MODERATION_ACTIONS[cat],
                "items": len(part),
                "units": ", ".join(str(u) for u in units.index[:4]),
            }
        )
    out = pd.DataFrame(rows)
    out["items"] = out["items"].astype("Int64")
    return out
