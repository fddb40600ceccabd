"""Answering citizens: a bank of reply templates, who answered, and how well.

The third step of the complaint SOP, after :func:`~humaskit.evaluation.needs_answer` and
:func:`~humaskit.evaluation.route`:

- :func:`reply_bank` is the team's editable table of first replies per routing topic and
  intent (``data/evaluation/reply_bank.csv``: ``topic, intent, reply``; polite, short,
  Bahasa Indonesia), with placeholders ``{unit}``, ``{link}`` and ``{hotline}``;
  :func:`reply_contacts` gives each unit's service link and number
  (``data/evaluation/reply_contacts.csv``, a ``*`` row for the rest).
- :func:`suggest_replies` gives each waiting item (the overdue list, the moderation queue)
  a ``suggested_reply``: the row of its (topic, intent), else (topic, ``*``), else
  (``*``, intent), else (``*``, ``*``), filled for its unit.
- :func:`responders` says who answered the citizens of each unit (the ``responder``
  column): the unit's own account, or another (often the main account).
- :func:`reply_quality` reads the institution's reply texts, where the data has them
  (rows written by the institution's accounts in reply to a citizen's mention), and says
  which gave the citizen a link or a next step (``data/evaluation/next_step_cues.txt``).

Examples
--------
>>> import pandas as pd
>>> late = pd.DataFrame({"route_topic": ["sampah"], "request": ["complaint"],
...                      "unit": ["Dinas Lingkungan Hidup"]})
>>> print(suggest_replies(late)["suggested_reply"][0][:58])
Terima kasih laporannya, Kak. Keluhan sampah ini sudah kam
"""

from __future__ import annotations

import string
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import (
    DEFAULT_TZ,
    account_units,
    arrow_lower,
    arrow_match,
    context,
    mentions_of,
    read_list,
    read_table,
    window,
    words_regex,
    zone,
)

__all__ = [
    "PLACEHOLDERS",
    "REPLY_INTENTS",
    "reply_bank",
    "reply_contacts",
    "suggest_replies",
    "responders",
    "reply_quality",
]

#: Placeholders a reply template may use.
PLACEHOLDERS = ("unit", "link", "hotline")
#: Intents of the reply bank (``*``: any).
REPLY_INTENTS = ("question", "complaint", "hoax", "personal_data", "*")
_LINK = r"(?:https?://|www\.|\.go\.id|\.id/|bit\.ly|wa\.me)"


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.columns = [str(c).strip().lower() for c in out.columns]
    for c in out.columns:
        out[c] = out[c].astype("str").str.strip()
    return out


def reply_bank(bank: pd.DataFrame | None = None, *, lang: str | None = None) -> pd.DataFrame:
    """The reply bank (``topic, intent, reply``): yours, checked, or the shipped one.

    Raises
    ------
    ParameterError
        A missing column, an unknown intent or an unknown placeholder (named).

    Examples
    --------
    >>> b = reply_bank()
    >>> sorted(set(b["intent"]))
    ['*', 'complaint', 'hoax', 'personal_data', 'question']
    >>> reply_bank(pd.DataFrame({"topic": ["*"], "intent": ["*"], "reply": ["Hai {nama}"]}))
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Jawaban di bank jawaban memakai tempat isian {nama} yang tidak dikenal; yang dikenal: {unit}, {link}, {hotline}.
    """
    table = read_table("reply_bank.csv") if bank is None else bank
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(t("evaluation.bad_bank", lang, column="reply"))
    out = _clean(table)
    for col in ("topic", "intent", "reply"):
        if col not in out.columns:
            raise ParameterError(t("evaluation.bad_bank", lang, column=col))
    out = out[["topic", "intent", "reply"]]
    out = out[out["reply"].fillna("").str.len() > 0].copy()
    out["topic"] = out["topic"].fillna("*").replace("", "*").str.lower()
    out["intent"] = out["intent"].fillna("*").replace("", "*").str.lower()
    bad = sorted(set(out["intent"]) - set(REPLY_INTENTS))
    if bad:
        raise ParameterError(
            t("evaluation.bad_bank_intent", lang, intent=bad[0], known=", ".join(REPLY_INTENTS))
        )
    known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    for reply in out["reply"]:
        try:
            names = [f for _, f, _, _ in string.Formatter().parse(reply) if f is not None]
        except ValueError:
            raise ParameterError(t("evaluation.bad_bank_brace", lang, reply=reply[:60])) from None
        for name in names:
            if name not in PLACEHOLDERS:
                raise ParameterError(
                    t("evaluation.bad_bank_placeholder", lang, name=name, known=known)
                )
    if not len(out):
        raise ParameterError(t("evaluation.bad_bank", lang, column="reply"))
    return out.drop_duplicates(["topic", "intent"], keep="first").reset_index(drop=True)


def reply_contacts(
    contacts: pd.DataFrame | None = None, *, lang: str | None = None
) -> pd.DataFrame:
    """Each unit's service ``link`` and ``hotline`` (``unit, link, hotline``; ``*``: others).

    Examples
    --------
    >>> reply_contacts().set_index("unit").loc["*", "link"]
    'https://www.lapor.go.id'
    """
    table = read_table("reply_contacts.csv") if contacts is None else contacts
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(t("evaluation.bad_contacts", lang, column="unit"))
    out = _clean(table)
    if "unit" not in out.columns:
        raise ParameterError(t("evaluation.bad_contacts", lang, column="unit"))
    for col in ("link", "hotline"):
        if col not in out.columns:
            out[col] = pd.NA
    out = out[["unit", "link", "hotline"]].dropna(subset=["unit"])
    if not (out["unit"] == "*").any():
        default = read_table("reply_contacts.csv")
        out = pd.concat([out, _clean(default)[lambda d: d["unit"] == "*"]], ignore_index=True)
    return out.drop_duplicates("unit", keep="first").reset_index(drop=True)


def _intents(items: pd.DataFrame) -> pd.Series:
    """The bank intent of each item: ``intent``, else ``request``, else ``*``."""
    out = pd.Series("*", index=items.index, dtype="str")
    for col in ("request", "intent"):
        if col in items.columns:
            val = items[col].astype("str").str.lower()
            out = val.where(val.isin(REPLY_INTENTS), out)
    return out


def suggest_replies(
    items: pd.DataFrame,
    *,
    bank: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Give each item a ``suggested_reply`` from the reply bank, filled for its unit.

    Parameters
    ----------
    items : DataFrame
        Rows with ``route_topic`` (or ``topic``), ``unit`` and ``request`` (``complaint``
        or ``question``) or ``intent`` (any of :data:`REPLY_INTENTS`), such as
        :func:`~humaskit.evaluation.overdue` or
        :func:`~humaskit.evaluation.moderation_queue`.
    bank, contacts : DataFrame, optional
        Your reply bank (:func:`reply_bank`) and service contacts (:func:`reply_contacts`).

    Returns
    -------
    DataFrame
        A copy with ``suggested_reply`` (every row has one: the bank's ``*, *`` row is the
        last resort).

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"route_topic": ["banjir", "pasar"], "request": ["complaint", "question"],
    ...                       "unit": ["BPBD", "Dinas Perdagangan"]})
    >>> r = suggest_replies(items)["suggested_reply"]
    >>> "112" in r[0], r[1].startswith("Halo Kak")
    (True, True)
    """
    b = reply_bank(bank, lang=lang)
    c = reply_contacts(contacts, lang=lang)
    out = items.copy()
    if not len(out):
        out["suggested_reply"] = pd.Series([], dtype="str")
        return out
    topic_col = "route_topic" if "route_topic" in out.columns else "topic"
    topics = (
        out[topic_col].astype("str").str.lower().fillna("*")
        if topic_col in out.columns
        else pd.Series("*", index=out.index, dtype="str")
    )
    intents = _intents(out)
    lookup = {(tp, it): r for tp, it, r in zip(b["topic"], b["intent"], b["reply"], strict=True)}
    generic = "{unit}"
    units = (
        out["unit"].astype("str")
        if "unit" in out.columns
        else pd.Series(pd.NA, index=out.index, dtype="str")
    )
    by_unit = c.set_index("unit")
    star = by_unit.loc["*"] if "*" in by_unit.index else pd.Series({"link": "", "hotline": ""})
    replies = []
    for tp, it, unit in zip(topics, intents, units, strict=True):
        tp = "*" if pd.isna(tp) else tp
        template = (
            lookup.get((tp, it))
            or lookup.get((tp, "*"))
            or lookup.get(("*", it))
            or lookup.get(("*", "*"))
            or generic
        )
        row = by_unit.loc[unit] if isinstance(unit, str) and unit in by_unit.index else star
        link = row["link"] if isinstance(row["link"], str) and row["link"] else star["link"]
        hotline = (
            row["hotline"]
            if isinstance(row["hotline"], str) and row["hotline"]
            else star["hotline"]
        )
        unit_name = unit if isinstance(unit, str) and unit else t("evaluation.reply_us", lang)
        replies.append(
            template.format(unit=unit_name, link=str(link or ""), hotline=str(hotline or ""))
        )
    out["suggested_reply"] = pd.Series(replies, index=out.index, dtype="str")
    return out


def _responded(m: pd.DataFrame) -> np.ndarray:
    if "responded_at" not in m.columns:
        return np.zeros(len(m), dtype=bool)
    return m["responded_at"].notna().to_numpy(dtype=bool)


def responders(
    mentions: Any,
    *,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    routing: pd.DataFrame | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Who answered the citizens of each unit: its own account or another one.

    Reads the ``responder`` column (the account that answered) of the answered mentions
    that need an answer, routed to their unit.

    Returns
    -------
    DataFrame
        One row per unit: ``answered``, ``by_own_unit`` (a responder account of the unit
        itself), ``by_other`` (another unit's account, often the main account),
        ``own_share`` and ``top_responder``; empty without a ``responder`` column.

    Examples
    --------
    >>> from humaskit import samples
    >>> r = responders(samples.workspace(), period="2025-09")
    >>> bool((r["by_own_unit"] + r["by_other"] == r["answered"]).all())
    True
    """
    from .responsiveness import _prepared

    cols = ["unit", "answered", "by_own_unit", "by_other", "own_share", "top_responder"]
    m = mentions_of(mentions, lang)
    if "responder" not in m.columns:
        return pd.DataFrame({c: [] for c in cols})
    acc = accounts if accounts is not None else context(mentions).accounts
    m = _prepared(
        mentions,
        accounts=accounts,
        routing=routing,
        period=period,
        tz=zone(tz),
        lang=lang,
        columns=["responder"],
    )
    m = m[_responded(m) & m["responder"].notna().to_numpy(dtype=bool)]
    units = account_units(acc)
    owner = dict(zip(units["account"].str.lower().str.lstrip("@"), units["unit"], strict=True))
    who = m["responder"].astype("str").str.lower().str.lstrip("@")
    own = who.map(owner).astype("str") == m["unit"].astype("str")
    frame = pd.DataFrame(
        {"unit": m["unit"].astype("str"), "own": own.fillna(False).astype(bool), "who": who}
    )
    if not len(frame):
        return pd.DataFrame({c: [] for c in cols})
    g = frame.groupby("unit", sort=True)
    out = pd.DataFrame(
        {
            "answered": g.size().astype("Int64"),
            "by_own_unit": g["own"].sum().astype("Int64"),
        }
    )
    out["by_other"] = (out["answered"] - out["by_own_unit"]).astype("Int64")
    out["own_share"] = pd.array(
        (out["by_own_unit"] / out["answered"]).astype("float64"), dtype="Float64"
    )
    out["top_responder"] = g["who"].agg(lambda s: s.value_counts().index[0])
    return out.reset_index()[cols]


def reply_quality(
    mentions: Any,
    *,
    period: Any = None,
    accounts: pd.DataFrame | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Response quality: which of the institution's replies gave a link or a next step.

    A reply is a row written by one of the institution's accounts (``author`` among the
    accounts table or the addressed accounts) with ``in_reply_to`` naming a citizen's
    mention of the data. Exports that carry only the citizens' side have none: the result
    is then empty and ``attrs["replies"]`` is 0 (say so, do not guess).

    Returns
    -------
    DataFrame
        One row per responder: ``replies``, ``with_link``, ``with_next_step``,
        ``with_either_share`` (a link or a next step: the citizen knows what happens next)
        and ``bare`` (neither); ``attrs["replies"]`` is the number of replies read.

    Examples
    --------
    >>> import pandas as pd
    >>> ts = pd.Timestamp("2025-09-01", tz="UTC")
    >>> m = pd.DataFrame({"platform": "x", "account": "pemkot", "created_at": ts,
    ...     "mention_id": ["1", "2", "3"], "in_reply_to": [None, "1", "1"],
    ...     "author": ["budi", "pemkot", "pemkot"],
    ...     "text": ["Jalan rusak?", "Silakan lapor di https://lapor.go.id", "Siap"]})
    >>> r = reply_quality(m)
    >>> r[["responder", "replies", "with_link", "bare"]].values.tolist()
    [['pemkot', 2, 1, 1]]
    """
    from ..privacy import normalize_handles
    from .needs import _own_accounts

    cols = ["responder", "replies", "with_link", "with_next_step", "with_either_share", "bare"]
    m = mentions_of(mentions, lang)
    empty = pd.DataFrame({c: [] for c in cols})
    empty.attrs["replies"] = 0
    if not len(m) or "in_reply_to" not in m.columns or "author" not in m.columns:
        return empty
    own = _own_accounts(mentions, accounts if accounts is not None else context(mentions).accounts)
    author = normalize_handles(m["author"].astype("str"))
    ids = set(m["mention_id"].astype("str")) if "mention_id" in m.columns else set()
    is_reply = author.isin(own).fillna(False).to_numpy(dtype=bool) & m["in_reply_to"].astype(
        "str"
    ).isin(ids).fillna(False).to_numpy(dtype=bool)
    r = m[is_reply]
    if period is not None and len(r):
        r = r[window(period, times=r["created_at"], lang=lang).mask(r["created_at"])]
    if not len(r):
        return empty
    low = arrow_lower(r["text"])
    link = arrow_match(low, _LINK)
    step = arrow_match(low, words_regex(list(read_list("next_step_cues.txt"))))
    frame = pd.DataFrame(
        {"responder": author[is_reply].loc[r.index], "link": link, "step": step},
        index=r.index,
    )
    frame["either"] = frame["link"] | frame["step"]
    g = frame.groupby("responder", sort=True)
    out = pd.DataFrame(
        {
            "replies": g.size().astype("Int64"),
            "with_link": g["link"].sum().astype("Int64"),
            "with_next_step": g["step"].sum().astype("Int64"),
            "with_either_share": pd.array(g["either"].mean().astype("float64"), dtype="Float64"),
            "bare": (g.size() - g["either"].sum()).astype("Int64"),
        }
    ).reset_index()
    out.attrs["replies"] = len(frame)
    return out[cols]
