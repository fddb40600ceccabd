"""Notebook 03 (penjadwalan): the Latihan checkers and the schedule widget.

- :func:`check_best_hour`: the confounding trap, which hour does best **per post**?
- :func:`check_best_slot`: is a (day, hour) among the best slots of a group?
- :func:`show_schedule`: schedule with one cap and spacing and show the result, for
  ``interact(show_schedule, ...)``.

Teaching layer: it uses :mod:`humaskit.scheduling` and :mod:`humaskit.report`. Notebooks
call these flat: ``hk.teaching.check_best_hour(...)``, ``hk.teaching.show_schedule``.

Examples
--------
>>> from humaskit import teaching
>>> teaching.show_schedule is show_schedule
True
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..i18n import t
from ..scheduling import day_name, schedule
from .core import Feedback, answer_guard, read_text, unanswered

__all__ = [
    "check_best_slot",
    "check_best_hour",
    "show_schedule",
    "check_time_rule",
    "check_sensitive_trend",
]


_DAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "sen": 0,
    "sel": 1,
    "rab": 2,
    "kam": 3,
    "jum": 4,
    "sab": 5,
    "min": 6,
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}


def _day(answer: Any) -> int | None:
    if isinstance(answer, (int, np.integer)) and 0 <= int(answer) <= 6:
        return int(answer)
    return _DAYS.get(read_text(answer).lower().rstrip("."))


def _hour(answer: Any) -> int | None:
    m = re.fullmatch(r"\s*(\d{1,2})(?:[:.]00)?\s*", read_text(answer))
    if m and 0 <= int(m.group(1)) <= 23:
        return int(m.group(1))
    return None


@answer_guard
def check_best_slot(
    day: Any,
    hour: Any,
    best_times: pd.DataFrame,
    *,
    platform: str,
    post_type: str | None = None,
    top: int = 3,
    lang: str | None = None,
) -> Feedback:
    """Latihan: is (``day``, ``hour``) among the ``top`` best slots of the group?

    ``day`` may be a name (``"Kamis"``, ``"Thursday"``) or 0-6 (0 = Monday); ``hour`` 0-23.

    Examples
    --------
    >>> from humaskit.scheduling import default_times
    >>> check_best_slot("Minggu", 20, default_times("instagram"), platform="instagram",
    ...                 lang="en").correct
    True
    """
    if unanswered(hour):
        return Feedback(False, t("exercises.no_answer", lang))
    d, h = _day(day), _hour(hour)
    if d is None or h is None:
        return Feedback(False, t("scheduling.ex_bad_answer", lang, day=day, hour=hour))
    platform = schema.platform_code(platform, lang=lang)
    data = best_times[best_times["platform"] == platform]
    if post_type is not None and "post_type" in data.columns:
        data = data[data["post_type"] == post_type]
    if data.empty:
        return Feedback(
            False, t("scheduling.no_group", lang, platform=platform, post_type=post_type or "-")
        )
    if "account" in data.columns:
        data = data[data["account"] == data["account"].iloc[0]]
    row = data[(data["day"] == d) & (data["hour"] == h)].iloc[0]
    best = data.sort_values("rank").iloc[0]
    best_text = f"{day_name(best['day'], lang)} {int(best['hour']):02d}:00"
    if int(row["rank"]) <= top:
        return Feedback(
            True,
            t(
                "scheduling.ex_slot_right",
                lang,
                rank=int(row["rank"]),
                est=f"{row['estimate']:.0f}",
            ),
        )
    hint = (
        "scheduling.ex_slot_hint_thin"
        if not bool(row["enough_data"])
        else "scheduling.ex_slot_hint"
    )
    return Feedback(
        False,
        t("scheduling.ex_slot_wrong", lang, rank=int(row["rank"]), best=best_text)
        + " "
        + t(hint, lang),
    )


@answer_guard
def check_best_hour(answer: Any, hourly: pd.DataFrame, *, lang: str | None = None) -> Feedback:
    """Latihan of the confounding trap: which hour does best **per post**?

    ``hourly`` is an :func:`humaskit.scheduling.hourly_totals` table. The answer is right when its
    mean score per post is the best (or within one point of it) among hours with at least 5
    posts, the rule the notebook states. An hour with fewer posts gets that rule explained;
    the hour with the largest total gets an explanation of the trap.

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.DataFrame({"hour": [8, 19], "posts": [40, 10], "engagements": [4000.0, 1500.0],
    ...                   "score": [45.0, 70.0]})
    >>> check_best_hour(8, h, lang="en").correct, check_best_hour("19:00", h).correct
    (False, True)
    """
    h = _hour(answer)
    if h is None:
        return Feedback(False, t("scheduling.ex_bad_hour", lang, answer=answer))
    data = hourly[hourly["posts"].astype(float) >= 5].copy()
    if data.empty:
        data = hourly[hourly["posts"].astype(float) > 0].copy()
    data["score"] = data["score"].astype(float)
    best = data.loc[data["score"].idxmax()]
    busiest = hourly.loc[hourly["engagements"].astype(float).idxmax()]
    most_posts = hourly.loc[hourly["posts"].astype(float).idxmax()]
    row = data[data["hour"] == h]
    if len(row) and float(row["score"].iloc[0]) >= float(best["score"]) - 1:
        return Feedback(
            True,
            t(
                "scheduling.ex_hour_right",
                lang,
                hour=f"{h:02d}",
                score=f"{float(row['score'].iloc[0]):.0f}",
            ),
        )
    few = hourly[(hourly["hour"] == h) & (hourly["posts"].astype(float) < 5)]
    if len(few) and len(data) and float(few["score"].fillna(0).astype(float).iloc[0]) > 0:
        return Feedback(
            False,
            t("scheduling.ex_hour_few", lang, hour=f"{h:02d}", posts=int(few["posts"].iloc[0])),
        )
    for trap in (busiest, most_posts):
        if h == int(trap["hour"]):
            return Feedback(
                False, t("scheduling.ex_hour_trap", lang, hour=f"{h:02d}", posts=int(trap["posts"]))
            )
    return Feedback(False, t("scheduling.ex_hour_wrong", lang, hour=f"{h:02d}"))


def show_schedule(
    plan: pd.DataFrame,
    best_times: pd.DataFrame | None = None,
    cap: int = 2,
    spacing: float = 3.0,
    *,
    working_hours: Any = None,
    flex_days: int = 2,
    lang: str | None = None,
):
    """Schedule with one daily cap and spacing for every platform and show the result.

    Made for the notebook widgets (``interact(show_schedule, plan=fixed(plan), ...)``):
    returns an HTML block with the expected result in one sentence and the schedule table.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-09-01"] * 3, "platform": "x", "format": "text",
    ...     "category": "edukasi", "title": ["A", "B", "C"]})
    >>> html = show_schedule(plan, cap=3, spacing=1, lang="en")
    >>> "Expected" in html.data
    True
    """
    from IPython.display import HTML

    from .. import report

    out = schedule(
        plan,
        best_times,
        caps=int(cap),
        spacing=float(spacing),
        working_hours=working_hours,
        flex_days=flex_days,
        lang=lang,
    )
    view = out.sort_values("local_time")
    view = pd.DataFrame(
        {
            "local_time": view["local_time"].dt.tz_localize(None),
            "account": view["account"] if "account" in view.columns else None,
            "platform": view["platform"],
            "post_type": view["format"],
            "title": view["title"],
            "expected_score": view["expected_score"],
            "reason": view["reason"],
        }
    )
    head = t(
        "scheduling.show_summary",
        lang,
        n=len(out),
        total=f"{out.attrs['expected_total']:g}",
        mean=f"{out.attrs['mean_score'] or 0:g}",
        moved=out.attrs["moved"],
        conflicts=out.attrs["conflicts"],
        cap=int(cap),
        spacing=f"{float(spacing):g}",
    )
    placed = out[~out["held"]] if "held" in out.columns else out
    hours = placed["local_time"].dt.hour.value_counts()
    if len(hours):
        accounts = sorted({str(a) for a in placed.get("account", pd.Series(dtype=str)).dropna()})
        per_day = placed.groupby(
            [
                placed.get("account", pd.Series("", index=placed.index)).fillna(""),
                placed["platform"],
                placed["local_time"].dt.date,
            ]
        ).size()
        head += " " + t(
            "gate.show_spread",
            lang,
            accounts=", ".join(accounts) or "-",
            hour=f"{int(hours.index[0]):02d}:00",
            share=f"{hours.iloc[0] / len(placed):.0%}",
            hours=len(hours),
            full=int((per_day >= int(cap)).sum()),
        )
    view = view.dropna(axis=1, how="all")
    return HTML(
        report.paragraph(head).data + report.table(view, lang=lang, max_rows=40, max_chars=200).data
    )


def check_time_rule(
    title: str, hour: Any, *, rules: pd.DataFrame | None = None, lang: str | None = None
) -> Feedback:
    """Check the hour a learner picks for a time-bound post (Latihan checker).

    The rules are :func:`humaskit.scheduling.time_rules` (or ``rules``): a morning greeting
    belongs in the morning, a night greeting in the evening, and so on.

    Examples
    --------
    >>> check_time_rule("Sapa pagi warga", 7, lang="en").correct
    True
    >>> check_time_rule("Sapa pagi warga", 20, lang="en").correct
    False
    """
    import re

    from ..scheduling import parse_working_hours, time_rules

    if unanswered(hour):
        return Feedback(False, t("exercises.no_answer", lang))
    table = time_rules() if rules is None else rules
    h = _hour(hour)
    if h is None:
        return Feedback(False, t("gate.ex_rule_format", lang))
    for rec in table.to_dict("records"):
        if re.search(str(rec["pattern"]), str(title), re.IGNORECASE):
            ok = bool(parse_working_hours(str(rec["hours"]), lang)[h])
            key = "gate.ex_rule_right" if ok else "gate.ex_rule_wrong"
            return Feedback(ok, t(key, lang, rule=rec["rule"], hours=rec["hours"], hour=h))
    return Feedback(True, t("gate.ex_rule_free", lang, hour=h))


@answer_guard
def check_sensitive_trend(
    answer: Any, judged: pd.DataFrame, *, lang: str | None = None
) -> Feedback:
    """Check a trending term the learner would answer rather than ride (Latihan checker).

    ``judged`` is a :func:`humaskit.scheduling.judge_trends` table; the answer is right
    when the term is marked ``sensitive``.

    Examples
    --------
    >>> import pandas as pd
    >>> judged = pd.DataFrame({"term": ["banjir", "cfd"], "sensitive": [True, False],
    ...     "troubled_share": [0.99, 0.1]})
    >>> check_sensitive_trend("Banjir", judged, lang="en").correct
    True
    >>> check_sensitive_trend("cfd", judged, lang="en").correct
    False
    """
    if not isinstance(answer, str) or not answer.strip():
        return Feedback(False, t("gate.ex_trend_format", lang))
    term = answer.strip().lower()
    rows = judged[judged["term"].astype("str").str.lower() == term]
    if rows.empty:
        return Feedback(False, t("gate.ex_trend_unknown", lang, term=term))
    row = rows.iloc[0]
    share = f"{float(row.get('troubled_share', 0) or 0):.0%}"
    if bool(row["sensitive"]):
        return Feedback(True, t("gate.ex_trend_right", lang, term=term, share=share))
    return Feedback(False, t("gate.ex_trend_wrong", lang, term=term, share=share))
