"""Teaching layer: the Latihan checkers and notebook helpers, in one package.

Everything a teaching notebook calls that exists only for learning lives here: checkers that
answer a learner's exercise with a :class:`Feedback` sentence (never a traceback), and small
interactive helpers (widgets, guided tables). The step modules below stay free of teaching
code; this package calls them.

One module per workflow step (``teaching.audience``, ``teaching.planning``, ...); every public
name is also reachable flat, so a notebook writes ``hk.teaching.check_post_count(...)``.

Layer: entry points -> **teaching** -> presentation -> steps -> text -> reading -> core.

Examples
--------
>>> from humaskit import teaching
>>> teaching.check_table_for_question("who_commented", "mentions", lang="en").correct
True
"""

from __future__ import annotations

from ..lazy import module_getattr
from .core import Feedback, check_post_count, check_table_for_question

#: Modules searched (in order) for a name asked of the package.
_MODULES = (
    "core",
    "display",
    "audience",
    "calendar",
    "planning",
    "scheduling",
    "influencers",
    "evaluation",
    "governance",
    "labelling",
)

__all__ = ["Feedback", "check_post_count", "check_table_for_question"]


#: ``hk.teaching.X``: found in the modules above on first use.
__getattr__ = module_getattr(__name__, _MODULES)
