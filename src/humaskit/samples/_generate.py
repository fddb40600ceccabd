"""Vectorised generator of the sample institution's canonical tables.

Called by :func:`humaskit.samples.generate`; see that module's docstring for what is
planted. Every random draw comes from one child generator per table, spawned from
``numpy.random.SeedSequence(seed)``, so a seed gives the same tables on every machine
and a change in one table's code does not shift the others.

Modules, one table family each: ``_context`` (constants, :class:`Ctx`, shared helpers),
``_posts`` (posts, captions, daily series), ``_mentions`` (citizens, opinion leaders,
message labels and parts), ``_assemble`` (all mentions put together, replies,
collaborations), ``_tables`` (audience, accounts, influencers, plan), ``_text`` (template
filling) and ``_model`` (the planted truth).
"""

from __future__ import annotations

import pandas as pd

from ._assemble import make_mentions
from ._context import Ctx
from ._posts import make_daily, make_posts
from ._tables import (
    make_accounts,
    make_audience,
    make_influencers,
    make_plan,
)

# --------------------------------------------------------------------------- all


def build(seed: int, months: int, scale: float, end: str, tz: str) -> dict[str, pd.DataFrame]:
    """Return every canonical table of the sample institution (not yet validated)."""
    ctx = Ctx(seed=seed, months=months, scale=scale, end=pd.Period(end, "M"), tz=tz)
    posts, st = make_posts(ctx)
    daily = make_daily(ctx, st)
    mentions, collabs = make_mentions(ctx, posts, st)
    return {
        "posts": posts,
        "mentions": mentions,
        "audience": make_audience(ctx),
        "daily": daily,
        "accounts": make_accounts(ctx, daily),
        "influencers": make_influencers(ctx),
        "collaborations": collabs,
        "plan": make_plan(ctx),
    }
