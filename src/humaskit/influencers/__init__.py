"""Influencers, brand ambassadors, citizen journalists and opinion leaders.

Government accounts earn trust through people. This step keeps one register of every
partner, measures what each collaboration delivered, ranks partners with reasons, finds
the opinion leaders of the conversation about the institution, and flags possible
coordinated posting for a person to check.

Register
    :func:`register`, :func:`add`, :func:`update` (and ``humaskit.io.register`` to read
    and write the register workbook).
Results
    :func:`collaboration_results` (per collaboration or per person),
    :func:`rank_partners` (score 0-100 with reasons), :func:`explore_partners` and
    :func:`filter_options` for the notebook widgets.
Conversation
    :func:`mention_graph`, :func:`opinion_leaders`, :func:`communities`,
    :func:`coordination`.
Charts
    :func:`plot_network`, :func:`plot_leaderboard`, :func:`plot_collaborations`.
Reports
    :func:`select_period`, :func:`refresh_followers`, :func:`candidate_rows`,
    :func:`headline`, :func:`headline_cards`, :func:`narrative`, :func:`for_report`.
Exercises
    :func:`check_top_candidate`, :func:`check_partner_without_budget`.

Private citizens' handles are pseudonymised in every table and chart meant to be shared
(:mod:`humaskit.privacy`); pass ``pseudonymize=False`` for internal work only.

Examples
--------
>>> import pandas as pd
>>> import humaskit as hk
>>> m = pd.DataFrame({"platform": "x", "account": "pemkot",
...     "author": ["warga1", "warga2", "warga3"], "to_author": ["detiksukamaju"] * 3,
...     "text": ["jalan rusak", "jalan rusak lagi", "banjir"]})
>>> hk.influencers.opinion_leaders(m, top=1, lang="en")["handle"].tolist()
['detiksukamaju']
"""

from __future__ import annotations

from .checks import Feedback, check_partner_without_budget, check_top_candidate
from .coordination import coordination, normalize_texts
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
from .network import MentionGraph, communities, mention_graph, opinion_leaders
from .plots import plot_collaborations, plot_leaderboard, plot_network
from .registry import Register, add, register, update
from .results import (
    collaboration_results,
    explore_partners,
    filter_options,
    rank_partners,
    weights,
)

__all__ = [
    "Register",
    "register",
    "add",
    "update",
    "collaboration_results",
    "rank_partners",
    "weights",
    "filter_options",
    "explore_partners",
    "MentionGraph",
    "mention_graph",
    "opinion_leaders",
    "communities",
    "coordination",
    "normalize_texts",
    "plot_network",
    "plot_leaderboard",
    "plot_collaborations",
    "select_period",
    "follower_changes",
    "refresh_followers",
    "candidate_rows",
    "headline",
    "headline_cards",
    "narrative",
    "for_report",
    "report_subtitle",
    "Feedback",
    "check_top_candidate",
    "check_partner_without_budget",
]
