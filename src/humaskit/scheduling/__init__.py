"""Algorithm-aware scheduling: when to post, how often, and why.

Platforms rank posts by how often an account posts, topical relevance and trends,
interactions, freshness, keywords and whether a post lands when its audience is online.
This module learns the account's own best times per platform and format, in the audience's
zone (WIB/WITA/WIT), recommends how often to post, schedules the month's plan, checks one
post's readiness, and shows how well the model predicts weeks it has not seen.

=======================  ============================================================
:func:`best_times`       expected score per hour-of-week slot (168), per platform x format
:func:`default_times`    the shipped platform default profile in the same shape
:func:`posting_frequency`  posts per day vs engagement per post and follower change
:func:`limits`           daily caps and minimum spacing (defaults or recommendations)
:func:`schedule`         a publication time for every planned post, with the reason
:func:`readiness`        "algorithm readiness" checklist and score for one post
:func:`backtest`         rank correlation on later weeks vs a naive and a default baseline
:func:`hourly_totals`    the confounding trap: totals per hour follow the number of posts
:func:`plot_heatmap`     weekday x hour heatmap with thin-data cells hatched
=======================  ============================================================

Scores are percentile scores: 50 is the account's typical post, 70 beats 70% of them.
Defaults live in ``humaskit/data/scheduling/`` (documented CSV files a team may extend).

Examples
--------
>>> from humaskit import scheduling
>>> scheduling.resolve_tz("WIT")
'Asia/Jayapura'
"""

from __future__ import annotations

from ._common import (
    ZONES,
    default_profile,
    engagement_rate,
    percentile_scores,
    resolve_tz,
    zone_label,
)
from .frequency import limits, limits_view, posting_frequency
from .lessons import check_best_hour, check_best_slot, headline, narrative, top_slots
from .planner import parse_working_hours, schedule, show_schedule
from .plots import plot_backtest, plot_frequency, plot_heatmap, plot_heatmaps, plot_hourly
from .readiness import readiness
from .slots import backtest, best_times, default_times, hourly_totals, slot_lookup

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
    "show_schedule",
    "parse_working_hours",
    "readiness",
    "backtest",
    "hourly_totals",
    "slot_lookup",
    "top_slots",
    "narrative",
    "headline",
    "check_best_slot",
    "check_best_hour",
    "plot_heatmap",
    "plot_heatmaps",
    "plot_backtest",
    "plot_hourly",
    "plot_frequency",
    "resolve_tz",
    "zone_label",
]
