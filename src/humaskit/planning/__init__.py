"""Monthly content plans: draft, adapt to each platform, check before posting, sign off.

The plan is the canonical ``plan`` table (:mod:`humaskit.schema`): one row per planned
post with its date, platform, format, category, title, caption, PIC and status, plus the
columns a team works with (``plan_id``, ``tone``, ``idea``, ``momentum``, ``reserve``,
``alt_text``, ``qc_reasons``).

- :func:`draft_plan` drafts a month: exactly the number of posts asked for each platform,
  the category mix (isu terkini, siaran pers, layanan, edukasi, tematik) and the tone mix
  (e.g. 70:20:10 information/emotion/promotion) each met within one post, thematic posts on
  their special days (:func:`humaskit.calendar.momentum`), formats and publics spread over
  the month, and reserve slots left free for current issues nobody can plan.
- :func:`adapt` turns one idea into a checklist per platform variant (length limits,
  hashtags, the hook in the first line or the first 15 seconds, clickable links).
- :func:`quality_check` screens every post (:func:`humaskit.text.screen` plus platform
  checks) and gives ``qc_status`` ``ok``/``perlu_revisi`` with reasons;
  :func:`sign_off` records the PIC's decision.
- :func:`gate` runs screen, QC and the sign-off state and marks each post ``cleared`` (or
  why not and who must act); :func:`override` lets a post through on a recorded name and
  reason (also from the plan workbook's columns or a playbook parameter, :func:`overrides`);
  :func:`held_view` lists what may not go out yet ("belum boleh tayang") and
  :func:`overridden_view` what went through on someone's name.
  :func:`humaskit.scheduling.schedule` gives no time to a post that is not cleared.
- :func:`meets_mix`, :func:`summarize`, :func:`month_grid` and :func:`display_plan` read a
  plan; :class:`MonthPlan`, :func:`narrative`, :func:`headline` and :func:`publics_view`
  describe a month for leadership.

Platform limits, formats, categories, ideas and the adaptation checklist are data files in
``humaskit/data/planning/`` that a team can edit.

Modules
-------
- ``params``: the vocabulary (tones, statuses, categories) and reading parameters
  (month, platforms, targets, mixes).
- ``data``: the data files of ``humaskit/data/planning/`` and :func:`platform_limits`.
- ``draft``: :func:`draft_plan` and :func:`finish_plan` (a plan's columns, types, order).
- ``adapt``: one idea, a checklist per platform variant; :func:`format_guide` (what each
  format is for, the hook in the first seconds, sizes, Highlights).
- ``review``: :func:`quality_check` and :func:`sign_off`.
- ``gate``: :func:`gate`, :func:`override`, :func:`held_view`.
- ``presence``: :func:`presence` and :func:`presence_notes` (days without a post, longest gap).
- ``views``: reading a plan (mix met?, counts, month grid, the plan table for people).
- ``month``: :class:`MonthPlan` and what leadership reads about it.

Layer: a step (entry points -> teaching -> presentation -> **steps** -> text -> reading ->
core). It imports only :mod:`humaskit.calendar`, :mod:`humaskit.text` and the core; it
never imports another step (the publics come in as a table, e.g. from
:func:`humaskit.audience.publics`), never reads files and has no teaching code. The
Latihan checker and the notebook widget are in :mod:`humaskit.teaching.planning`
(``hk.teaching.check_mix``, ``hk.teaching.preview``); the plan's files (xlsx, ics) and the
month prepared for the playbook (:func:`humaskit.files.plan.month_plan`) are in
:mod:`humaskit.files.plan`.

Where to add: a new check before posting -> ``review``; a new platform rule -> the data
files; a new table people read -> ``views``; a new way to spread posts -> ``draft``.

Examples
--------
>>> from humaskit import planning
>>> plan = planning.draft_plan("2025-10", targets={"instagram": 20, "x": 30}, lang="en")
>>> plan.groupby("platform").size().to_dict()
{'instagram': 20, 'x': 30}
>>> plan.loc[plan["fixed_date"], "momentum"].iloc[0]
'Pancasila Sanctity Day'
"""

from __future__ import annotations

from .adapt import adapt, format_guide
from .data import default_mix, platform_limits
from .draft import draft_plan, finish_plan
from .gate import GATE_COLUMNS, gate, held_view, overridden_view, override, overrides
from .month import MonthPlan, headline, month_title, narrative, publics_view
from .params import (
    CURRENT,
    EXTRA_COLUMNS,
    QC_STATUSES,
    STATUSES,
    THEMATIC,
    TONES,
    parse_month,
    parse_platforms,
    parse_targets,
    parse_tone_mix,
)
from .presence import presence, presence_notes
from .review import quality_check, sign_off
from .views import display_plan, meets_mix, month_grid, summarize

__all__ = [
    "TONES",
    "STATUSES",
    "QC_STATUSES",
    "CURRENT",
    "THEMATIC",
    "EXTRA_COLUMNS",
    "platform_limits",
    "default_mix",
    "parse_month",
    "parse_platforms",
    "parse_targets",
    "parse_tone_mix",
    "draft_plan",
    "finish_plan",
    "adapt",
    "format_guide",
    "quality_check",
    "sign_off",
    "GATE_COLUMNS",
    "gate",
    "override",
    "overrides",
    "held_view",
    "overridden_view",
    "presence",
    "presence_notes",
    "meets_mix",
    "summarize",
    "month_grid",
    "display_plan",
    "MonthPlan",
    "month_title",
    "narrative",
    "headline",
    "publics_view",
]
