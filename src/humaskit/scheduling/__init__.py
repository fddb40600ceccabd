"""Algorithm-aware scheduling: when to post, how often, and why.

Platforms rank posts by how often an account posts, topical relevance and trends,
interactions, freshness, keywords and whether a post lands when its audience is online.
This package learns the account's own best times per platform and format, in the audience's
zone (WIB/WITA/WIT), recommends how often to post, schedules the month's plan, checks one
post's readiness, and shows how well the model predicts weeks it has not seen.

=========================  ============================================================
:func:`best_times`         expected score per hour-of-week slot (168), per platform x format
:func:`default_times`      the shipped platform default profile in the same shape
:func:`posting_frequency`  posts per day vs engagement per post and follower change
:func:`limits`             daily caps and minimum spacing (defaults or recommendations)
:func:`schedule`           a publication time for every cleared post, with the reason
:func:`time_rules`         the editable hours of time-bound content (greetings, Friday...)
:func:`readiness`          "algorithm readiness" checklist and score for one post
:func:`judge_trends`       trending terms marked sensitive when mostly complaint/negative
:func:`backtest`           rank correlation on later weeks vs a naive and a default baseline
:func:`hourly_totals`      the confounding trap: totals per hour follow the number of posts
:func:`top_slots`          the best slots, readable; :func:`narrative`, :func:`headline`
=========================  ============================================================

Scores are percentile scores: 50 is the account's typical post, 70 beats 70% of them.
Defaults live in ``humaskit/data/scheduling/`` (documented CSV files a team may extend).

Modules
-------
- ``_common``: zones, day names, the shipped defaults, engagement rates and percentile scores.
- ``slots``: :func:`best_times`, :func:`default_times`, :func:`backtest`, :func:`hourly_totals`.
- ``stored``: :func:`best_times` of a history store (slot statistics in SQL); the name
  :func:`best_times` runs it when given a store or its folder.
- ``frequency``: :func:`posting_frequency`, :func:`limits`, :func:`limits_view`.
- ``planner``: :func:`schedule` and :func:`parse_working_hours`.
- ``readiness``: :func:`readiness` of one post.
- ``trends``: :func:`judge_trends` (ride a trending term, or answer the issue behind it).
- ``summary``: :func:`top_slots`, :func:`narrative`, :func:`headline` (for playbooks).

Layer: a step (entry points -> teaching -> presentation -> **steps** -> text -> reading ->
core); it imports only the core and never another step. Its charts are in
:mod:`humaskit.plots.scheduling` (``hk.plots.plot_heatmap``, ...), the notebook checkers and
the schedule widget in :mod:`humaskit.teaching.scheduling` (``hk.teaching.check_best_hour``,
``hk.teaching.show_schedule``), the schedule files (xlsx, ics) in
:mod:`humaskit.files.schedule`. Where to add: a new scheduling rule -> ``planner``; a new
readiness factor -> ``readiness``; a new chart -> ``plots/scheduling.py``.

Examples
--------
>>> from humaskit import scheduling
>>> scheduling.resolve_tz("WIT")
'Asia/Jayapura'
"""

from __future__ import annotations

# best_times takes a history store (or its folder) too: slot statistics in SQL
from ..store.dispatch import on_store
from . import stored
from ._common import (
    ZONES,
    day_name,
    default_profile,
    engagement_rate,
    percentile_scores,
    resolve_tz,
    zone_label,
)
from .frequency import limits, limits_view, posting_frequency
from .planner import parse_working_hours, schedule, time_rules
from .readiness import readiness
from .slots import backtest, best_times, default_times, hourly_totals, slot_lookup
from .summary import headline, narrative, top_slots
from .trends import SENSITIVE_SHARE, judge_trends

best_times = on_store(best_times, stored.best_times)

__all__ = [
    "ZONES",
    "best_times",
    "default_times",
    "default_profile",
    "engagement_rate",
    "percentile_scores",
    "posting_frequency",
    "limits",
    "limits_view",
    "schedule",
    "parse_working_hours",
    "time_rules",
    "readiness",
    "judge_trends",
    "SENSITIVE_SHARE",
    "backtest",
    "hourly_totals",
    "slot_lookup",
    "top_slots",
    "narrative",
    "headline",
    "resolve_tz",
    "zone_label",
    "day_name",
]
