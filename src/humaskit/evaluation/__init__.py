"""Evaluation and monitoring for leadership: KPIs, what worked, and what to change.

Parts:

- :mod:`~humaskit.evaluation.kpis`: KPIs per period and grouping, top posts, format and
  category performance, plain-language summary sentences.

Examples
--------
>>> from humaskit import evaluation
>>> callable(evaluation.kpis)
True
"""

from __future__ import annotations

from .kpis import (
    DEFAULT_TZ,
    ENGAGEMENT_METRICS,
    add_rates,
    follower_growth,
    headline,
    kpis,
    local_times,
    narrative,
    performance,
    top_posts,
)
from .kpis import _in_period, _period, _posts_of  # noqa: F401  (used by exercises)

__all__ = [
    "DEFAULT_TZ",
    "ENGAGEMENT_METRICS",
    "local_times",
    "add_rates",
    "kpis",
    "top_posts",
    "performance",
    "follower_growth",
    "headline",
    "narrative",
]
