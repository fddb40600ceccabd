"""Influencers, brand ambassadors, citizen journalists and opinion leaders.

Government accounts earn trust through people. This step keeps one register of every
partner, measures what each collaboration delivered, ranks partners with reasons, finds
the opinion leaders of the conversation about the institution, and flags possible
coordinated posting for a person to check. It takes and returns DataFrames and never
reads or writes files.

Modules
    ``registry``      the partner register: :func:`register`, :func:`add`, :func:`update`.
    ``results``       what each collaboration delivered: :func:`collaboration_results`.
    ``ranking``       partners scored 0-100 with reasons: :func:`rank_partners`,
                      :func:`weights`.
    ``network``       the mention network and its measures: :func:`mention_graph`.
    ``leaders``       tables of the network: :func:`opinion_leaders`, :func:`communities`
                      (and :func:`as_graph`, :func:`register_keys`, :func:`display_names`,
                      :func:`community_summary`, shared with the charts).
    ``coordination``  possible coordinated posting: :func:`coordination`.
    ``stored``        opinion leaders of a history store's month (:mod:`humaskit.store`),
                      the arrows counted in SQL: ``stored.opinion_leaders``.
    ``mapping``       the mapping report's figures and tables: :func:`select_period`,
                      :func:`refresh_followers`, :func:`candidate_rows`, :func:`headline`,
                      :func:`headline_cards`, :func:`narrative`, :func:`for_report`.
    ``_common``       helpers shared by the modules above (not public).

Layer: entry points -> teaching -> presentation -> **steps** -> text -> reading -> core.
This package imports only the layers below it, and no other step.

Where to add something
    A new measure or table of the step: the module of its job above (or a new module,
    re-exported here with its name in ``__all__``). A chart: :mod:`humaskit.plots.influencers`.
    A Latihan checker or notebook widget: :mod:`humaskit.teaching.influencers`. Reading or
    writing the register workbook: :mod:`humaskit.files.register`.

Private citizens' handles are pseudonymised in every table and chart meant to be shared
(:mod:`humaskit.privacy`); pass ``pseudonymize=False`` for internal work only.

Examples
--------
>>> import pandas as pd
>>> import humaskit as hk
>>> m = pd.DataFrame({"platform": "x", "account": "pemkot",
...     "author": ["warga1", "warga2", "warga3"], "to_author": ["detiksukamaju"] * 3,
...     "text": ["jalan rusak", "jalan rusak lagi", "banjir"]})
>>> hk.influencers.opinion_leaders(m, top=1, register=["detiksukamaju"], lang="en")["handle"].tolist()
['detiksukamaju']
"""

from __future__ import annotations

# opinion_leaders takes a history store (or its folder) too: the arrows counted in SQL
from ..store.dispatch import on_store
from . import stored
from .coordination import coordination, normalize_texts
from .leaders import (
    as_graph,
    communities,
    community_summary,
    display_names,
    opinion_leaders,
    register_keys,
)
from .mapping import (
    candidate_rows,
    follower_changes,
    for_report,
    headline,
    headline_cards,
    narrative,
    refresh_followers,
    report_subtitle,
    select_period,
)
from .network import MentionGraph, mention_graph
from .ranking import rank_partners, weights
from .registry import Register, add, register, update
from .results import collaboration_results

opinion_leaders = on_store(opinion_leaders, stored.opinion_leaders)

__all__ = [
    "Register",
    "register",
    "add",
    "update",
    "collaboration_results",
    "rank_partners",
    "weights",
    "MentionGraph",
    "mention_graph",
    "opinion_leaders",
    "communities",
    "as_graph",
    "register_keys",
    "display_names",
    "community_summary",
    "coordination",
    "normalize_texts",
    "select_period",
    "follower_changes",
    "refresh_followers",
    "candidate_rows",
    "headline",
    "headline_cards",
    "narrative",
    "for_report",
    "report_subtitle",
]
