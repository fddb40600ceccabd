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

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..fmt import fmt_number
from ..i18n import t

__all__ = [
    "Feedback",
    "answer_guard",
    "check_post_count",
    "check_table_for_question",
    "read_number",
    "read_text",
    "unanswered",
]


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


_QUOTES = "\"'`“”‘’"


def read_text(answer: Any) -> str:
    """The learner's answer as plain text: spaces and stray quotation marks removed.

    Examples
    --------
    >>> read_text(' "TikTok" '), read_text("'Senin'")
    ('TikTok', 'Senin')
    """
    if answer is None:
        return ""
    if isinstance(answer, (np.generic,)):
        answer = answer.item()
    return " ".join(str(answer).strip().strip(_QUOTES).split())


def read_number(answer: Any) -> float | None:
    """Read a number as an Indonesian trainee writes it; ``None`` when it is not one.

    ``"1.190"`` is one thousand one hundred ninety (the dot groups thousands), ``"-0,1"`` is
    minus one tenth (the comma marks decimals), ``"58%"`` is 0.58; Python numbers pass.

    Examples
    --------
    >>> read_number("1.190"), read_number("-0,1"), read_number("58%"), read_number(1190)
    (1190.0, -0.1, 0.58, 1190.0)
    >>> read_number("Rp 1.250.000"), read_number("banyak") is None
    (1250000.0, True)
    """
    if isinstance(answer, (bool, np.bool_)) or answer is None:
        return None
    if isinstance(answer, (int, float, np.integer, np.floating)):
        value = float(answer)
        return None if np.isnan(value) else value
    text = read_text(answer).lower().replace(" ", "").replace("\u2212", "-")
    text = re.sub(r"^(rp\.?)", "", text)
    pct = text.endswith("%")
    text = text.rstrip("%")
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?", text):  # 1.190 or 1.250.000,5
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[-+]?\d*,\d+", text):  # -0,1
        text = text.replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", text):  # 1,190 (English grouping)
        text = text.replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return None
    if np.isnan(value):
        return None
    return value / 100 if pct else value


def _as_int(answer: object) -> int | None:
    value = read_number(answer)
    if value is None or value != int(value):
        return None
    return int(value)


def unanswered(answer: Any) -> bool:
    """True while the learner has not written an answer: ``None`` (the placeholder of the
    exercise cells), or nothing but spaces and quotation marks.

    Examples
    --------
    >>> unanswered(None), unanswered(" '' "), unanswered(0), unanswered("Senin")
    (True, True, False, False)
    """
    return answer is None or (isinstance(answer, str) and not read_text(answer))


def _odd_answer(answer: Any, lang: str | None) -> Feedback | None:
    """A sentence for no answer yet or an answer of the wrong kind (a whole table, a
    tuple), else None."""
    if unanswered(answer):
        return Feedback(False, t("exercises.no_answer", lang))
    if isinstance(answer, pd.DataFrame | pd.Series | np.ndarray) or hasattr(answer, "mentions"):
        n = len(answer) if hasattr(answer, "__len__") else 0
        return Feedback(False, t("exercises.whole_table", lang, n=fmt_number(n, lang)))
    if isinstance(answer, tuple) and len(answer) == 2:
        if all(isinstance(v, int | np.integer) for v in answer):
            return Feedback(False, t("exercises.comma_tuple", lang, a=answer[0], b=answer[1]))
    if isinstance(answer, list | tuple | set) and len(answer) > 1:
        return Feedback(False, t("exercises.many_values", lang))
    if callable(answer):
        return Feedback(False, t("exercises.function_answer", lang))
    return None


def answer_guard(func: Callable[..., Feedback]) -> Callable[..., Feedback]:
    """Make a checker answer an oddly typed answer with a sentence, never a traceback.

    The first argument (the learner's answer) is checked: no answer yet (``None``, the
    exercise cells' placeholder), a whole table, a tuple made by a
    decimal comma (``-0,1`` in Python is two numbers), several values or a function get a
    sentence; a one-item list is unwrapped. Any unexpected error inside the checker becomes
    a sentence too.

    Examples
    --------
    >>> import pandas as pd
    >>> check_post_count(pd.DataFrame({"a": range(9)}), pd.DataFrame(), platform="x",
    ...     period="2025-09", lang="en")
    ❌ That is a whole table (9 rows). Write one value only, for example the number or the name.
    """

    @functools.wraps(func)
    def wrapper(answer: Any = None, *args: Any, **kwargs: Any) -> Feedback:
        lang = kwargs.get("lang")
        odd = _odd_answer(answer, lang)
        if odd is not None:
            return odd
        if isinstance(answer, list | tuple) and len(answer) == 1:
            answer = answer[0]
        try:
            return func(answer, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a checker answers, never raises
            from ..errors import HumaskitError

            if isinstance(exc, HumaskitError):
                return Feedback(False, str(exc))
            return Feedback(False, t("exercises.cannot_check", lang, answer=read_text(answer)))

    return wrapper


@answer_guard
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
    platform = schema.platform_code(platform, lang=lang)
    every_month = int((p["platform"] == platform).sum())
    p = p[window(month(period), tz=tz, times=p["published_at"]).mask(p["published_at"])]
    truth = int((p["platform"] == platform).sum())
    got = _as_int(answer)
    if got is None:
        return Feedback(False, t("exercises.not_a_number", lang, answer=read_text(answer)))
    if got == truth:
        return Feedback(True, t("exercises.count_right", lang, n=truth, platform=platform))
    if got == every_month:
        return Feedback(False, t("exercises.hint_all_months", lang, n=fmt_number(got, lang)))
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

    The answer may be written with or without quotation marks when it is the table itself
    (``jawaban = mentions`` is read as the table's name).

    Examples
    --------
    >>> check_table_for_question("who_commented", "mentions", lang="en").correct
    True
    """
    if isinstance(answer, pd.DataFrame | pd.Series):
        return Feedback(False, t("exercises.table_object", lang))
    return _check_table_for_question(answer, question, lang=lang)


@answer_guard
def _check_table_for_question(
    answer: object, question: str, *, lang: str | None = None
) -> Feedback:
    truth = _QUESTIONS.get(question)
    if truth is None:
        return Feedback(False, t("exercises.unknown_question", lang, known=", ".join(_QUESTIONS)))
    got = read_text(answer).lower()
    if got == truth:
        return Feedback(True, t("exercises.table_right", lang, table=truth))
    return Feedback(
        False,
        t("exercises.table_wrong", lang, answer=got) + " " + t(f"exercises.hint.{question}", lang),
    )
