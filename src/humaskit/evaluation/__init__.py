"""Evaluation and monitoring for leadership: what worked, what the public says, who answered.

What it does: takes canonical tables (a Workspace, a :class:`Scope` or DataFrames) and
returns DataFrames and plain dicts of figures: KPIs with the change against the period
before, what worked, sentiment and issues, the 24-hour answer rule, programme reach,
recommendations and share-safe bundles. It never reads or writes files and draws nothing.

Modules (one job each):

- :mod:`~humaskit.evaluation.kpis`: KPIs for any period and grouping (institution, unit,
  account, platform, format, category, campaign), follower growth, the change against the
  period before.
- :mod:`~humaskit.evaluation.ranking`: top posts, format and category performance, the
  best format.
- :mod:`~humaskit.evaluation.coverage`: whether the previous period is covered comparably.
- :mod:`~humaskit.evaluation.narrative`: headline figures (JSON) and the period in sentences.
- :mod:`~humaskit.evaluation.targets`: the KPI table (directions, kinds), benchmarks and
  the team's targets.
- :mod:`~humaskit.evaluation.monitoring`: sentiment and net sentiment over time, issues
  with example mentions, rising keywords, peaks explained, share of voice.
- :mod:`~humaskit.evaluation.needs`: which citizen mentions need an answer.
- :mod:`~humaskit.evaluation.routing`: the unit responsible for each mention.
- :mod:`~humaskit.evaluation.responsiveness`: response rate and times, the overdue list.
- :mod:`~humaskit.evaluation.moderation`: the moderation queue (SARA, abuse, hoax cues,
  exposed personal data...) and critics told apart from attackers.
- :mod:`~humaskit.evaluation.replies`: the reply bank, suggested replies, who answered and
  how well.
- :mod:`~humaskit.evaluation.programme`: whether a programme reached the ground.
- :mod:`~humaskit.evaluation.recommend`: plain-language recommendations with evidence.
- :mod:`~humaskit.evaluation.bundles`: share-safe summary bundles and the forum's
  comparison of units.
- :mod:`~humaskit.evaluation.scope`: what one report covers (unit, accounts, period).
- :mod:`~humaskit.evaluation.videos`: the first seconds: how well videos hold viewers, by
  length band and platform, and what length holds an account's viewers.
- :mod:`~humaskit.evaluation.campaigns`: results per campaign (column or shared hashtag) and
  the hours from an event (recorded in the plan) to its post, per unit.
- :mod:`~humaskit.evaluation.presence`: days without a post and the longest gap, as posted.
- :mod:`~humaskit.evaluation.stored`: KPIs, responsiveness and sentiment trend of a
  history store (:mod:`humaskit.store`), aggregated in SQL over the months asked for.
- :mod:`~humaskit.evaluation.stored_monitoring`: volume, peaks, share of voice and issues
  of a store. ``kpis``, ``responsiveness``, ``sentiment_trend``, ``volume``, ``peaks``,
  ``share_of_voice`` and ``issues`` below run these when given a store or its folder.
- ``_common``: time windows, text matching, privacy helpers and data files shared above.

Layer: entry points -> teaching -> presentation -> **steps** -> text -> reading -> core.
A step imports only the text engine, samples, io and core; never another step, nor
report, plots, files or teaching. What sits above, for this step:
:mod:`humaskit.report.evaluation` (tables and cards for people),
:mod:`humaskit.plots.evaluation` (charts, ``hk.plots.plot_sentiment``),
:mod:`humaskit.files.bundles` and :mod:`humaskit.files.escalation` (bundle, target, routing
and escalation files), :mod:`humaskit.teaching.evaluation` (the checkers of notebook 05).

Where to add: a new figure goes into the module of its job (or a new module here if it is a
new job) and its public name into ``__all__`` below; its chart into ``plots/evaluation.py``,
its display helper into ``report/evaluation.py``, a file it reads or writes into
``files/``, an exercise checker into ``teaching/evaluation.py``.

Examples
--------
>>> from humaskit import evaluation
>>> callable(evaluation.kpis) and callable(evaluation.responsiveness)
True
"""

from __future__ import annotations

# the same names take a history store (or its folder) where they take a DataFrame: the
# store's versions aggregate in SQL over the months asked for (humaskit.store)
from ..store.dispatch import on_store
from . import stored, stored_monitoring
from ._common import DEFAULT_TZ, Window, days_window, parse_time, safe_texts, window, zone
from .bundles import (
    BUNDLE_FIGURES,
    BUNDLE_KIND,
    DEFAULT_COMPARE,
    bundle,
    check_bundle,
    compare,
    figures,
    kpi_list,
    make_bundle,
    sample_bundles,
    unit_bundles,
    unit_figures,
)
from .campaigns import campaign_notes, campaigns, event_lag, lag_by_unit, lag_notes
from .coverage import MIN_COVERED_SHARE, comparison_note, covered_days
from .kpis import (
    ENGAGEMENT_METRICS,
    KPI_COLUMNS,
    add_rates,
    follower_growth,
    kpis,
    local_times,
    month,
)
from .moderation import (
    ATTENTION_CLASSES,
    COORDINATED_AUTHORS,
    MODERATION_ACTIONS,
    MODERATION_CATEGORIES,
    MODERATION_VIEW,
    attention_summary,
    critic_or_attacker,
    moderation_queue,
    moderation_summary,
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
from .narrative import headline, narrative
from .needs import needs_answer
from .presence import presence, presence_notes
from .programme import programme_mentions, programme_reach, programme_summary
from .ranking import best_format, performance, top_posts
from .recommend import fmt_kpi, recommendations, topic_label
from .replies import (
    PLACEHOLDERS,
    REPLY_INTENTS,
    reply_bank,
    reply_contacts,
    reply_quality,
    responders,
    suggest_replies,
)
from .responsiveness import (
    RESPONSE_COLUMNS,
    answered,
    overdue,
    reference_time,
    responsiveness,
)
from .routing import route, routing_table
from .scope import Scope, scope, select_unit
from .targets import (
    against_benchmarks,
    against_targets,
    benchmarks,
    example_targets,
    kpi_directions,
)
from .videos import (
    HOLDS_PCT,
    LENGTH_BANDS,
    holding_length,
    retention_by_length,
    retention_notes,
    video_retention,
)

kpis = on_store(kpis, stored.kpis)
responsiveness = on_store(responsiveness, stored.responsiveness)
sentiment_trend = on_store(sentiment_trend, stored.sentiment_trend)
volume = on_store(volume, stored_monitoring.volume)
peaks = on_store(peaks, stored_monitoring.peaks)
share_of_voice = on_store(share_of_voice, stored_monitoring.share_of_voice)
issues = on_store(issues, stored_monitoring.issues)

__all__ = [
    "MIN_COVERED_SHARE",
    "comparison_note",
    "covered_days",
    "DEFAULT_TZ",
    "ENGAGEMENT_METRICS",
    "KPI_COLUMNS",
    "Window",
    "window",
    "month",
    "days_window",
    "zone",
    "parse_time",
    "safe_texts",
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
    "answered",
    "RESPONSE_COLUMNS",
    "ATTENTION_CLASSES",
    "COORDINATED_AUTHORS",
    "MODERATION_CATEGORIES",
    "MODERATION_ACTIONS",
    "MODERATION_VIEW",
    "critic_or_attacker",
    "attention_summary",
    "moderation_queue",
    "moderation_summary",
    "PLACEHOLDERS",
    "REPLY_INTENTS",
    "reply_bank",
    "reply_contacts",
    "suggest_replies",
    "responders",
    "reply_quality",
    "programme_mentions",
    "programme_reach",
    "programme_summary",
    "recommendations",
    "fmt_kpi",
    "topic_label",
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
    "kpi_list",
    "LENGTH_BANDS",
    "HOLDS_PCT",
    "video_retention",
    "retention_by_length",
    "holding_length",
    "retention_notes",
    "campaigns",
    "event_lag",
    "lag_by_unit",
    "campaign_notes",
    "lag_notes",
    "presence",
    "presence_notes",
    "Scope",
    "scope",
    "select_unit",
]
