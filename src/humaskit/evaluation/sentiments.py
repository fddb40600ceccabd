"""Sentiment columns for mentions and the net sentiment figure (used across monitoring)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._common import mentions_of

__all__ = ["with_sentiment", "net_sentiment"]


def with_sentiment(mentions: Any, *, model: Any = None, lang: str | None = None) -> pd.DataFrame:
    """Mentions with ``sentiment`` (positive/neutral/negative) and ``sentiment_score``.

    A ``sentiment`` column already present is kept. ``model``: the team's own (a path or a
    :func:`humaskit.text.train_sentiment` model); default the shipped lexicon.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"platform": "x", "account": "a", "text": ["terima kasih, cepat!"],
    ...                   "created_at": pd.Timestamp("2025-09-01", tz="UTC")})
    >>> with_sentiment(m)["sentiment"].tolist()
    ['positive']
    """
    m = mentions_of(mentions, lang)
    if "sentiment" in m.columns:
        return m
    from ..text import sentiment

    s = sentiment(m["text"], model=model, lang=lang)
    label, score = s["label"].astype("str").to_numpy(), s["score"].astype("float64").to_numpy()
    return m.assign(sentiment=label, sentiment_score=score)  # columns shared (no copy)


def net_sentiment(positive: Any, neutral: Any, negative: Any) -> Any:
    """(positive - negative) / (positive + neutral + negative); NA when there is nothing.

    Examples
    --------
    >>> net_sentiment(30, 50, 20)
    0.1
    """
    pos, neu, neg = (np.asarray(x, dtype="float64") for x in (positive, neutral, negative))
    total = pos + neu + neg
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(total > 0, (pos - neg) / np.where(total > 0, total, 1), np.nan)
    return float(out) if out.ndim == 0 else out
