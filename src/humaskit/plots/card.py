"""A one-screen summary card to forward in a chat: headline figures, change, top actions.

A portrait image of 1080 x 1350 pixels (the shape chat apps show whole on a phone) with the
report's title and period, up to six headline figures with their change from the previous
period, and up to three actions. It shows aggregate figures and sentences only: no citizen
is ever named on it (the actions come from the report's recommendations, which name units).

Examples
--------
>>> fig = summary_card([("Unggahan", "1.386", 0.073), ("Jangkauan", "6.375.631", None)],
...                    ["Teruskan daftar eskalasi ke pimpinan hari ini."],
...                    title="Evaluasi Bulanan", subtitle="September 2025", lang="id")
>>> [round(v) for v in fig.get_size_inches() * fig.dpi]
[1080, 1350]
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..fmt import fmt_change
from ..i18n import resolve, t
from . import _plain

__all__ = ["summary_card", "CARD_PIXELS"]

#: Width and height of the card in pixels.
CARD_PIXELS = (1080, 1350)
_DPI = 150
_BLUE, _GREY, _UP, _DOWN = "#0b3d91", "#52606d", "#1b7f3b", "#b42318"


def summary_card(
    figures: Sequence[tuple[str, str, Any]],
    actions: Sequence[str] = (),
    *,
    title: str,
    subtitle: str = "",
    footer: str = "",
    lang: str | None = None,
):
    """Draw the summary card and return its matplotlib Figure (1080 x 1350 px at 150 dpi).

    Parameters
    ----------
    figures : sequence of (label, value text, change)
        Headline figures, as :func:`humaskit.report.cards` takes them; ``change`` is a
        fraction (``0.073`` = +7,3%) or None. The first six are shown.
    actions : sequence of str
        Sentences; the first three are shown, wrapped.
    title, subtitle, footer : str
        The report's name, its period and scope, and a closing line (e.g. who made it).
    """
    import matplotlib.pyplot as plt

    lang = resolve(lang)
    actions = [str(a) for a in actions if str(a).strip()]
    w, h = CARD_PIXELS
    fig = plt.figure(figsize=(w / _DPI, h / _DPI), dpi=_DPI)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.add_patch(plt.Rectangle((0, 0.86), 1, 0.14, color=_BLUE))
    ax.text(0.06, 0.945, _plain(title), color="white", fontsize=20, weight="bold", va="center")
    if subtitle:
        ax.text(0.06, 0.892, _plain(subtitle), color="white", fontsize=12, va="center")
    shown = list(figures)[:6]
    for i, (lab, value, change) in enumerate(shown):
        col, row = i % 2, i // 2
        x, y = 0.06 + col * 0.47, 0.80 - row * 0.135
        ax.add_patch(
            plt.Rectangle((x - 0.02, y - 0.10), 0.44, 0.115, color="#f5f8fc", ec="#dbe4f0")
        )
        has_change = change is not None and not pd.isna(change)
        lines = textwrap.wrap(_plain(lab), width=28 if has_change else 35)[:2]
        ax.text(x, y - 0.005, "\n".join(lines), fontsize=10.5, color=_GREY, va="top",
                linespacing=1.2)  # fmt: skip
        drop = 0.018 * (len(lines) - 1)
        ax.text(x, y - 0.045 - drop, _plain(value), fontsize=19 - 2 * (len(lines) - 1),
                weight="bold", color="#1f2933", va="top")  # fmt: skip
        if has_change:
            colour = _UP if float(change) > 0 else (_DOWN if float(change) < 0 else _GREY)
            ax.text(x + 0.40, y - 0.005, fmt_change(change, lang), fontsize=10.5, color=colour,
                    va="top", ha="right")  # fmt: skip
    top = 0.80 - ((len(shown) + 1) // 2) * 0.135 - 0.03
    if actions:
        ax.text(0.06, top, t("card.actions", lang), fontsize=13, weight="bold", color=_BLUE)
        y = top - 0.045
        for n, sentence in enumerate(list(actions)[:3], start=1):
            lines = textwrap.wrap(_plain(sentence), width=52)[:4]
            ax.text(0.06, y, f"{n}.", fontsize=11.5, color=_BLUE, weight="bold", va="top")
            ax.text(0.11, y, "\n".join(lines), fontsize=11.5, color="#1f2933", va="top",
                    linespacing=1.35)  # fmt: skip
            y -= 0.0245 * len(lines) + 0.03
    if footer:
        ax.text(0.06, 0.03, _plain(footer), fontsize=9, color=_GREY)
    return fig
