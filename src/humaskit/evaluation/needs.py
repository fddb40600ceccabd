"""Which citizen mentions need an answer: complaints and questions to the institution.

The first step of the 24-hour rule (:mod:`humaskit.evaluation.responsiveness`).
:func:`needs_answer` marks a mention when all hold:

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

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"platform": "x", "account": "pemkot", "kind": "mention",
...     "created_at": pd.to_datetime(["2025-09-01 01:00"] * 3, utc=True),
...     "author": ["budi", "ani", "sari"], "author_type": "citizen",
...     "text": ["Jalan rusak parah, kapan ditambal?", "Terima kasih min!", "Sampah numpuk"]})
>>> needs_answer(m)["needs_answer"].tolist()
[True, False, True]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ._common import (
    arrow_lower,
    arrow_match,
    arrow_str,
    arrow_take,
    cue_regex,
    mentions_of,
    read_list,
    table_of,
)

__all__ = ["needs_answer"]

_COUNTED_KINDS = ("comment", "mention", "dm")
#: Prepositions that form question phrases with a question word ("di mana", "ke mana").
_PREPOSITIONS = ("di", "ke", "dari")
_NOT_CITIZEN = ("institution", "media", "public_figure")


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
    out["request"] = arrow_str(request, out.index)
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


def _real_marks(texts, mark: np.ndarray, cues: _Cues) -> np.ndarray:
    """Which ``texts`` have a "?" that asks the institution: not only agreement tags
    ("keren ya?") or questions to the other readers ("ada yang dari Cempaka juga?")."""
    import pyarrow.compute as pc

    real = mark.copy()
    marked = np.flatnonzero(mark)
    tagged = marked[arrow_match(texts, cues.tag, marked)]
    if len(tagged):
        sub = arrow_take(texts, tagged)
        rest = pc.replace_substring_regex(sub, cues.tag, " ")
        real[tagged] = pc.match_substring(rest, "?").to_numpy(zero_copy_only=False) | arrow_match(
            sub, cues.alternative
        )
    return real


def _question_words(texts, cues: _Cues) -> np.ndarray:
    """Which ``texts`` have a question word that asks (not "kapan-kapan", "kapan pun")."""
    import pyarrow.compute as pc

    found = arrow_match(texts, cues.question)
    rows = np.flatnonzero(found)
    rows = rows[arrow_match(texts, cues.indefinite, rows)]
    if len(rows):
        # twice: two indefinite forms in a row share the space between them
        rest = pc.replace_substring_regex(arrow_take(texts, rows), cues.indefinite, " ")
        rest = pc.replace_substring_regex(rest, cues.indefinite, " ")
        found[rows] = arrow_match(rest, cues.question)
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
        c = arrow_match(sub, cues.complaint)
        thanks_rows = np.flatnonzero(c & ~real)
        c[thanks_rows] &= ~arrow_match(sub, cues.thanks, thanks_rows)
        q = real.copy()
        ask_rows = np.flatnonzero(~c & ~real)
        q[ask_rows] = _question_words(arrow_take(sub, ask_rows), cues)
        # a tag question asking for information or action ("buka hari Sabtu ya?")
        tagged = np.flatnonzero(~c & ~q & mark)
        q[tagged] = arrow_match(sub, cues.ask, tagged)
        complaint[cand] = c
        question[cand] = q
    request = pc.if_else(
        pa.array(complaint),
        "complaint",
        pc.if_else(pa.array(question), "question", pa.scalar(None, pa.string())),
    )
    needs = citizen & kind_ok & ~repost & (complaint | question)
    return citizen, request, needs
