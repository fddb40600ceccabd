"""Checkers for the Latihan (exercises) of the teaching notebooks.

Each checker takes the learner's answer and the data, and returns a :class:`Feedback`:
a short sentence in the chosen language saying whether the answer is right and, if not,
a hint. It never raises on a wrong or oddly typed answer: a learner's typo is feedback,
not a traceback.

Examples
--------
>>> import pandas as pd
>>> posts = pd.DataFrame({"platform": ["instagram", "x"], "account": "a",
...     "post_id": ["1", "2"], "published_at": ["2025-09-01 05:00+00", "2025-09-02 05:00+00"],
...     "post_type": ["reel", "text"]})
>>> check_post_count(1, posts, platform="instagram", period="2025-09", lang="en").correct
True
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..i18n import t

__all__ = ["Feedback", "check_post_count", "check_table_for_question"]


@dataclass
class Feedback:
    """The answer to a Latihan: ``correct`` and a ``message`` for the learner."""

    correct: bool
    message: str

    def __str__(self) -> str:
        return ("✅ " if self.correct else "❌ ") + self.message

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        import html

        color = "#1b7f3b" if self.correct else "#b42318"
        return f'<p style="color:{color};font-weight:600">{html.escape(str(self))}</p>'


def _as_int(answer: object) -> int | None:
    try:
        text = str(answer).strip().replace(".", "").replace(",", "")
        return int(float(text))
    except (TypeError, ValueError):
        return None


def check_post_count(
    answer: object,
    posts: pd.DataFrame,
    *,
    platform: str,
    period: str,
    tz: str = "Asia/Jakarta",
    lang: str | None = None,
) -> Feedback:
    """Check the learner's count of ``platform`` posts in month ``period`` (local time)."""
    from .. import schema
    from ..evaluation import month, window

    p = getattr(posts, "posts", posts)
    if not isinstance(p.get("published_at", pd.Series()).dtype, pd.DatetimeTZDtype):
        p = schema.validate(p, "posts")
    p = p[window(month(period), tz=tz, times=p["published_at"]).mask(p["published_at"])]
    truth = int((p["platform"] == platform).sum())
    got = _as_int(answer)
    if got is None:
        return Feedback(False, t("exercises.not_a_number", lang, answer=answer))
    if got == truth:
        return Feedback(True, t("exercises.count_right", lang, n=truth, platform=platform))
    hint = "exercises.hint_filter" if got > truth else "exercises.hint_period"
    return Feedback(False, t("exercises.count_wrong", lang, answer=got) + " " + t(hint, lang))


_QUESTIONS = {
    "followers_over_time": "daily",
    "who_commented": "mentions",
    "age_of_followers": "audience",
    "best_post": "posts",
    "two_factor": "accounts",
}


def check_table_for_question(question: str, answer: object, *, lang: str | None = None) -> Feedback:
    """Check which canonical table answers ``question`` (a key of the exercise).

    Examples
    --------
    >>> check_table_for_question("who_commented", "mentions", lang="en").correct
    True
    """
    truth = _QUESTIONS.get(question)
    if truth is None:
        return Feedback(False, t("exercises.unknown_question", lang, known=", ".join(_QUESTIONS)))
    got = str(answer).strip().lower()
    if got == truth:
        return Feedback(True, t("exercises.table_right", lang, table=truth))
    return Feedback(
        False,
        t("exercises.table_wrong", lang, answer=got) + " " + t(f"exercises.hint.{question}", lang),
    )
