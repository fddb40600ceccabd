"""Trends with judgement: ride a trending term, or answer the issue behind it?

Riding what people talk about helps a post be seen, but many trending terms in a city's
conversation are complaints ("banjir", "jalan rusak", "sampah"). A cheerful post that rides
such a term reads as tone-deaf. :func:`judge_trends` looks at the conversation around each
term and marks it ``sensitive`` when most mentions of it are troubled: negative
(:func:`humaskit.text.sentiment`), a complaint (``intent``, when the table has it) or
flagged by :func:`humaskit.text.screen`. For a sensitive term the advice is to answer the
issue (what is being done, where to report) instead of riding it; :func:`readiness` no
longer rewards riding it and no longer suggests it.

Examples
--------
>>> texts = ["banjir lagi, parah, kapan diperbaiki", "banjir tidak ditangani, kecewa",
...          "car free day seru", "car free day ramai dan menyenangkan"]
>>> out = judge_trends(["banjir", "car free day"], texts, lang="en")
>>> out[["term", "sensitive"]].values.tolist()
[['banjir', True], ['car free day', False]]
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import resolve, t

__all__ = ["judge_trends", "SENSITIVE_SHARE"]

#: A term is sensitive when at least this share of its mentions is troubled.
SENSITIVE_SHARE = 0.5
_COMPLAINT = {"complaint", "aduan", "keluhan", "abusive", "hoax"}


def judge_trends(
    trending: Any,
    conversation: Any,
    *,
    threshold: float = SENSITIVE_SHARE,
    lang: str | None = None,
) -> pd.DataFrame:
    """Mark trending terms whose conversation is mostly complaint, negative or flagged.

    Parameters
    ----------
    trending : list of str, Series or DataFrame
        Terms, or a :func:`humaskit.text.keywords` table (``term``); its columns are kept.
    conversation : Series, list or DataFrame
        The texts people wrote (e.g. the ``mentions`` table: ``text``, optional ``intent``
        and ``sentiment``).
    threshold : float
        Share of troubled mentions from which a term is sensitive (default 0.5).

    Returns
    -------
    DataFrame
        One row per term: ``term``, ``mentions``, ``negative_share``, ``complaint_share``,
        ``flagged_share``, ``troubled_share``, ``sensitive`` and ``advice`` (one sentence).

    Examples
    --------
    >>> judge_trends(["pbb"], ["bayar pbb mudah"], lang="en")["sensitive"].tolist()
    [False]
    """
    from .. import text as _text
    from .readiness import _terms

    lang = resolve(lang)
    if isinstance(trending, pd.DataFrame) and "term" in trending.columns:
        base = trending.reset_index(drop=True).copy()
    else:
        base = pd.DataFrame({"term": list(dict.fromkeys(_terms(trending)))})
    if isinstance(conversation, pd.DataFrame):
        frame = conversation
        texts = frame["text"] if "text" in frame.columns else pd.Series([], dtype="str")
    else:
        texts = pd.Series(list(conversation) if conversation is not None else [], dtype="object")
        frame = pd.DataFrame({"text": texts})
    texts = texts.fillna("").astype("str").reset_index(drop=True)
    low = texts.str.lower()
    if len(texts):
        neg = (_text.sentiment(texts, lang=lang)["label"] == "negative").to_numpy()
        flagged = _text.screen(texts, lang=lang)["needs_review"].fillna(False).to_numpy(bool)
    else:
        neg = flagged = np.zeros(0, dtype=bool)
    if "intent" in frame.columns:
        complaint = frame["intent"].astype("str").str.lower().isin(_COMPLAINT).to_numpy()
    else:
        complaint = np.zeros(len(texts), dtype=bool)
    troubled = neg | complaint | flagged
    troubled = neg | complaint | flagged
    rows = []
    for term in base["term"].astype("str"):
        word = term.strip().lower()
        hit = low.str.contains(r"(?<!\w)" + re.escape(word) + r"(?!\w)", regex=True).to_numpy()
        n = int(hit.sum())

        def share(a: np.ndarray, hit: np.ndarray = hit, n: int = n) -> float:
            return float(a[hit].mean()) if n else 0.0

        sens = bool(n and share(troubled) >= threshold)
        rows.append(
            {
                "mentions": n,
                "negative_share": round(share(neg), 3),
                "complaint_share": round(share(complaint), 3),
                "flagged_share": round(share(flagged), 3),
                "troubled_share": round(share(troubled), 3),
                "sensitive": sens,
                "advice": t(
                    "gate.trend_answer" if sens else "gate.trend_ride",
                    lang,
                    term=word,
                    share=f"{share(troubled):.0%}",
                ),
            }
        )
    cols = ["mentions", "negative_share", "complaint_share", "flagged_share"]
    cols += ["troubled_share", "sensitive", "advice"]
    extra = pd.DataFrame(rows, index=base.index, columns=cols)
    out = pd.concat([base.drop(columns=[c for c in extra if c in base]), extra], axis=1)
    out["sensitive"] = out["sensitive"].astype(bool)
    return out
