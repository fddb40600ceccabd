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

import importlib
from typing import Any

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


def __getattr__(name: str) -> Any:
    """Find ``name`` in the teaching modules (loaded on first use)."""
    if name.startswith("_"):
        raise AttributeError(name)
    for mod in _MODULES:
        try:
            module = importlib.import_module(f".{mod}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{mod}":
                continue
            raise
        if mod == name:
            return module
        if name in getattr(module, "__all__", ()):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
