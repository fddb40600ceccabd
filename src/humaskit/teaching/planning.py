"""Notebook 02 (perencanaan konten): the Latihan checker and the plan preview widget.

- :func:`check_mix`: does the learner's plan meet the tone (or category) mix asked for?
- :func:`preview`: a plan for one platform and one public, for ``interact(preview, ...)``.
- :func:`check_held`: which posts may not go out yet (the QC gate)?
- :func:`check_presence`: how many days of the month are without a post?

Teaching layer: it uses :mod:`humaskit.planning` and, for the publics,
:mod:`humaskit.audience`. Notebooks call these flat: ``hk.teaching.check_mix(...)``,
``hk.teaching.preview``.

Examples
--------
>>> from humaskit import teaching
>>> teaching.preview is preview
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .. import planning
from ..i18n import label, resolve, t
from .core import Feedback, answer_guard, read_number, read_text

__all__ = ["check_mix", "preview", "check_held", "check_presence", "check_behind_the_scenes"]


def check_mix(
    plan: Any,
    target: Sequence[float] | Mapping[str, float] = (70, 20, 10),
    *,
    column: str | None = None,
    lang: str | None = None,
) -> Feedback:
    """Check that every platform of a plan meets a mix within one post (Latihan checker).

    Parameters
    ----------
    plan : DataFrame
        The learner's plan.
    target : (information, emotion, promotion) or dict
        A tone mix such as ``(70, 20, 10)``, or ``{category: share}`` for the category mix.
    column : str, optional
        ``"tone"`` or ``"category"``; default from ``target``.

    Returns
    -------
    Feedback
        ``correct`` and a plain message per platform; never raises on a wrong answer
        (the arithmetic is :func:`humaskit.planning.meets_mix`).

    Examples
    --------
    >>> from humaskit.planning import draft_plan
    >>> plan = draft_plan("2025-10", targets={"instagram": 20}, tone_mix=(60, 30, 10))
    >>> check_mix(plan, (60, 30, 10), lang="en").correct
    True
    >>> check_mix(plan, (70, 20, 10), lang="en").correct
    False
    """
    correct, message = planning.meets_mix(plan, target, column=column, lang=lang)
    return Feedback(correct, message)


def preview(
    month: str,
    platform: str,
    public: str | None = None,
    *,
    target: int | None = None,
    publics: pd.DataFrame | None = None,
    seed: int = 0,
    lang: str | None = None,
) -> pd.DataFrame:
    """A plan for one platform and one public, for the notebook widget.

    ``public`` ``None``/``""``/``"semua"`` plans for everyone. When ``publics`` (the
    publics table) is not given, :func:`humaskit.audience.publics` supplies the chosen
    public's preferred formats.

    Returns
    -------
    DataFrame
        Day, format, category, tone, title and idea, with headers in the chosen language.

    Examples
    --------
    >>> view = preview("2025-11", "tiktok", "Pelajar", lang="en")
    >>> len(view), view.columns[0]
    (12, 'Date')
    """
    lang = resolve(lang)
    (platform,) = planning.parse_platforms([platform], lang=lang)
    chosen: Any = None
    if public and str(public).strip().lower() not in ("semua", "all"):
        chosen = [str(public)]
        table = publics
        if table is None:
            try:
                from .. import audience

                table = audience.publics()
            except Exception:  # the publics file is optional for a preview
                table = None
        if isinstance(table, pd.DataFrame) and "public" in table.columns:
            one = table[table["public"].astype("str") == str(public)]
            if len(one) == 1:
                chosen = one
    if target is not None:
        goal = target
    else:
        goal = planning.platform_limits([platform], lang=lang)["monthly_target"].iloc[0]
    plan = planning.draft_plan(
        month, targets={platform: int(goal)}, publics=chosen, seed=seed, lang=lang
    )
    weekdays = t("planning.weekdays", lang).split(",")
    view = pd.DataFrame(
        {
            label("date", lang): [
                f"{weekdays[d.weekday()].strip()} {d:%d/%m}" for d in plan["date"]
            ],
            label("format", lang): [label(f, lang) for f in plan["format"]],
            label("category", lang): [label(c, lang) for c in plan["category"]],
            label("tone", lang): [label(x, lang) for x in plan["tone"]],
            label("title", lang): plan["title"].tolist(),
            label("idea", lang): plan["idea"].tolist(),
        }
    )
    return view.astype("str")


@answer_guard
def check_held(answer: Any, plan: pd.DataFrame, *, lang: str | None = None) -> Feedback:
    """Check the learner's list of the posts that may not go out yet (Latihan checker).

    Parameters
    ----------
    answer : list of int
        Row numbers (index labels) of the plan the learner would hold back.
    plan : DataFrame
        The plan to judge; :func:`humaskit.planning.gate` decides (screen, QC, sign-off).

    Returns
    -------
    Feedback
        Correct when the rows are exactly those the gate holds; otherwise which rows were
        missed (with the gate's reason) or held without need. Never raises on an answer.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-10-01"] * 2, "platform": "x", "format": "text",
    ...     "category": "layanan", "title": ["A", "B"], "status": ["disetujui", "draf"],
    ...     "pic": "Rina", "caption": "Layanan KTP keliling hadir minggu ini."})
    >>> check_held([1], plan, lang="en").correct
    True
    >>> check_held([], plan, lang="en").correct
    False
    """
    lang = resolve(lang)
    gated = planning.gate(plan, lang=lang)
    held = [i for i, ok in zip(gated.index, gated["cleared"], strict=True) if not ok]
    if isinstance(answer, str):  # "1, 2, 4" or "[1, 2, 4]" as typed
        answer = (
            re.findall(r"\d+", answer) if re.fullmatch(r"[\s\[\](),;\d]+", answer) else [answer]
        )
    try:
        items = [answer] if isinstance(answer, int) else list(answer)
        picked = {int(v) for v in items}
    except (TypeError, ValueError):
        return Feedback(False, t("gate.ex_held_format", lang))
    missed = [i for i in held if i not in picked]
    extra = sorted(i for i in picked if i not in set(held))
    if not missed and not extra:
        return Feedback(True, t("gate.ex_held_right", lang, n=len(held)))
    if missed:
        i = missed[0]
        return Feedback(
            False,
            t(
                "gate.ex_held_missed",
                lang,
                row=i,
                title=gated.loc[i, "title"],
                reason=gated.loc[i, "gate_reasons"],
            ),
        )
    return Feedback(False, t("gate.ex_held_extra", lang, row=extra[0]))


@answer_guard
def check_presence(answer: Any, plan: pd.DataFrame, *, lang: str | None = None) -> Feedback:
    """Check the learner's count of days without a post for the main account (Latihan).

    The plan's first platform (in :func:`humaskit.planning.presence` order) is judged.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-10-01", "2025-10-03"], "platform": "x",
    ...     "format": "text", "category": "edukasi", "title": "A"})
    >>> check_presence(29, plan, lang="en").correct
    True
    """
    lang = resolve(lang)
    row = planning.presence(plan, lang=lang).iloc[0]
    value = read_number(answer)
    if value is None or value != int(value):
        return Feedback(False, t("gate.ex_presence_format", lang))
    n = int(value)
    if n == int(row["days_without"]):
        return Feedback(True, t("gate.ex_presence_right", lang, n=n, gap=int(row["longest_gap"])))
    return Feedback(
        False,
        t("gate.ex_presence_wrong", lang, days=int(row["days"]), posts=int(row["posts"])),
    )


@answer_guard
def check_behind_the_scenes(answer: Any, *, lang: str | None = None) -> Feedback:
    """Which Instagram format carries behind-the-scenes moments? (Latihan checker).

    The answer is read against :func:`humaskit.planning.format_guide` (the format whose
    purpose mentions behind the scenes).

    Examples
    --------
    >>> check_behind_the_scenes("story", lang="en").correct
    True
    >>> check_behind_the_scenes("reel", lang="en").correct
    False
    """
    lang = resolve(lang)
    guide = planning.format_guide(["instagram"], lang="en")
    purpose = guide[guide["item"] == "purpose"]
    right = set(purpose.loc[purpose["guidance"].str.contains("behind the scenes"), "format"])
    given = read_text(answer).lower()
    if not given or answer is None:
        return Feedback(False, t("gate.ex_format_empty", lang))
    given = {"stories": "story", "instastory": "story", "reels": "reel"}.get(given, given)
    names = {label(f, lang).lower(): f for f in guide["format"].unique()}
    fmt = names.get(given, given)
    if fmt in right:
        return Feedback(True, t("gate.ex_format_right", lang, format=label(fmt, lang)))
    return Feedback(False, t("gate.ex_format_wrong", lang, format=label(fmt, lang)))
