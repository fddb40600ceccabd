"""Numbers, percentages and changes written the way the reader's language writes them.

The one formatting layer of the kit (core): every table, chart, sentence and file that shows a
number formats it here, so Indonesian text always reads ``12.345`` and ``12,3%``. Also
:func:`esc`, the HTML escape used for every outside text.

Examples
--------
>>> from humaskit import fmt
>>> fmt.fmt_number(12345.6, "id"), fmt.fmt_pct(0.1234, "id")
('12.346', '12,3%')
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from .i18n import resolve

__all__ = ["esc", "fmt_number", "fmt_pct", "fmt_change"]


def esc(value: Any) -> str:
    """Escape any value for HTML (``None``/NA become an empty string)."""
    if value is None or (
        not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)
    ):
        return ""
    return html.escape(str(value))


def fmt_number(x: Any, lang: str | None = None, digits: int = 0) -> str:
    """Format a number the way readers expect (``12.345`` in Indonesian, ``12,345`` in English).

    Examples
    --------
    >>> fmt_number(12345.6, "id"), fmt_number(12345.6, "en"), fmt_number(None, "id")
    ('12.346', '12,346', '–')
    """
    if x is None or (pd.api.types.is_scalar(x) and pd.isna(x)):
        return "–"
    text = f"{float(x):,.{digits}f}"
    if resolve(lang) == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def fmt_pct(x: Any, lang: str | None = None, digits: int = 1) -> str:
    """Format a fraction as a percentage (``0.123`` -> ``12,3%``).

    Examples
    --------
    >>> fmt_pct(0.1234, "id"), fmt_pct(0.1234, "en")
    ('12,3%', '12.3%')
    """
    if x is None or (pd.api.types.is_scalar(x) and pd.isna(x)):
        return "–"
    return fmt_number(float(x) * 100, lang, digits) + "%"


def fmt_change(x: Any, lang: str | None = None, *, absolute: bool = False) -> str:
    """Format a change with an arrow: ``▲ 12,0%`` / ``▼ 3,1%`` (or an absolute number)."""
    if x is None or (pd.api.types.is_scalar(x) and pd.isna(x)):
        return "–"
    x = float(x)
    arrow = "▲" if x > 0 else ("▼" if x < 0 else "•")
    text = fmt_number(abs(x), lang) if absolute else fmt_pct(abs(x), lang)
    return f"{arrow} {text}"
