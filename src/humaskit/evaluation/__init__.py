"""Evaluation and monitoring for leadership: what worked, what the public says, who answered.

Parts:

- :mod:`~humaskit.evaluation.kpis`: KPIs for any period and grouping (institution, unit,
  account, platform, format, category, campaign) with the change against the period
  before, top posts, format and category performance, benchmarks and targets.
- :mod:`~humaskit.evaluation.monitoring`: sentiment and net sentiment over time, issues
  with example mentions, rising keywords, peaks explained, share of voice.
- :mod:`~humaskit.evaluation.responsiveness`: the 24-hour rule: which mentions need an
  answer, routing to the responsible unit, response rate and times, the overdue list.
- :mod:`~humaskit.evaluation.programme`: whether a programme reached the ground.
- :mod:`~humaskit.evaluation.recommend`: plain-language recommendations with evidence.
- :mod:`~humaskit.evaluation.bundles`: share-safe summary bundles and the forum's
  comparison of units.
- :mod:`~humaskit.evaluation.scope`: what one report covers (unit, accounts, period).
- :mod:`~humaskit.evaluation.plots` and :mod:`~humaskit.evaluation.lessons` (charts and the
  checkers of notebook 05).

Examples
--------
>>> from humaskit import evaluation
>>> callable(evaluation.kpis) and callable(evaluation.responsiveness)
True
"""

from __future__ import annotations

from ._common import DEFAULT_TZ, Window, days_window, window
from .bundles import (
    BUNDLE_FIGURES,
    BUNDLE_KIND,
    DEFAULT_COMPARE,
    bundle,
    check_bundle,
    compare,
    figures,
    make_bundle,
    sample_bundles,
    unit_bundles,
    unit_figures,
)
from .display import (
    answered,
    chart,
    for_display,
    headline_cards,
    kpi_list,
    parse_time,
    pct_columns,
    show_time,
)
from .kpis import (
    ENGAGEMENT_METRICS,
    KPI_COLUMNS,
    month,
    add_rates,
    against_benchmarks,
    against_targets,
    benchmarks,
    best_format,
    example_targets,
    follower_growth,
    headline,
    kpi_directions,
    kpis,
    local_times,
    narrative,
    performance,
    top_posts,
)
from .lessons import (
    check_er_variant,
    check_net_sentiment,
    check_overdue_unit,
    check_within_limit,
    explore_limit,
    sentiment_check,
    sentiment_misses,
)
from .monitoring import (
    context_stopwords,
    issues,
    net_sentiment,
    peaks,
    rising_keywords,
    sentiment_summary,
    sentiment_trend,
    share_of_voice,
    track_terms,
    volume,
    with_sentiment,
)
from .plots import (
    plot_compare,
    plot_programme,
    plot_response,
    plot_response_hours,
    plot_sentiment,
    plot_volume,
)
from .programme import programme_mentions, programme_reach, programme_summary
from .recommend import recommendations
from .responsiveness import (
    RESPONSE_COLUMNS,
    needs_answer,
    overdue,
    reference_time,
    responsiveness,
    route,
    routing_table,
)
from .scope import Scope, scope, select_unit

__all__ = [
    "DEFAULT_TZ",
    "ENGAGEMENT_METRICS",
    "KPI_COLUMNS",
    "Window",
    "window",
    "month",
    "days_window",
    "local_times",
    "add_rates",
    "kpis",
    "top_posts",
    "performance",
    "best_format",
    "follower_growth",
    "headline",
    "narrative",
    "benchmarks",
    "example_targets",
    "against_benchmarks",
    "against_targets",
    "kpi_directions",
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
    "needs_answer",
    "routing_table",
    "route",
    "responsiveness",
    "overdue",
    "reference_time",
    "RESPONSE_COLUMNS",
    "programme_mentions",
    "programme_reach",
    "programme_summary",
    "recommendations",
    "BUNDLE_KIND",
    "BUNDLE_FIGURES",
    "DEFAULT_COMPARE",
    "make_bundle",
    "check_bundle",
    "figures",
    "bundle",
    "unit_figures",
    "unit_bundles",
    "sample_bundles",
    "compare",
    "Scope",
    "scope",
    "select_unit",
    "plot_sentiment",
    "plot_volume",
    "plot_response",
    "plot_response_hours",
    "plot_compare",
    "plot_programme",
    "check_er_variant",
    "check_net_sentiment",
    "check_within_limit",
    "check_overdue_unit",
    "sentiment_check",
    "sentiment_misses",
    "explore_limit",
    "for_display",
    "headline_cards",
    "parse_time",
    "show_time",
    "kpi_list",
    "pct_columns",
    "answered",
    "chart",
]
