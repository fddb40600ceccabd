"""Numbers, percentages and changes written the way the reader's language writes them.

The one formatting layer of the kit (core): every table, chart, sentence and file that shows a
number formats it here, so Indonesian text always reads ``12.345`` and ``12,3%``. Also
:func:`esc`, the HTML escape used for every outside text, and :func:`terminal_safe`, the
same for a terminal: every outside text the command line prints goes through it.

Examples
--------
>>> from humaskit import fmt
>>> fmt.fmt_number(12345.6, "id"), fmt.fmt_pct(0.1234, "id")
('12.346', '12,3%')
"""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd

from .i18n import resolve

__all__ = ["esc", "terminal_safe", "fmt_number", "fmt_pct", "fmt_change"]


def esc(value: Any) -> str:
    """Escape any value for HTML (``None``/NA become an empty string)."""
    if value is None or (
        not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)
    ):
        return ""
    return html.escape(str(value))


# Characters a terminal would act on instead of showing: C0 and C1 controls (ESC starts the
# ANSI sequences that clear or recolour the screen, CR and LF start a fake line), DEL, and
# the invisible marks that reorder or hide text (bidirectional overrides, zero-width space,
# line and paragraph separators, byte-order mark).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(m: re.Match) -> str:
    c = m.group(0)
    if c in _NAMED:
        return _NAMED[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def terminal_safe(value: Any) -> str:
    r"""Return ``value`` as text a terminal shows as it is, never acts on.

    Control characters and escape sequences are written out (``\x1b[2J``, ``\n``, ``\t``),
    so a file name cannot clear the screen, recolour it or start a line of its own;
    ``None`` becomes an empty string.

    Examples
    --------
    >>> print(terminal_safe("data\x1b[2J.csv"))
    data\x1b[2J.csv
    >>> print(terminal_safe("a.csv\nJumlah: 999 baris"))
    a.csv\nJumlah: 999 baris
    >>> terminal_safe("Ulasan warga 😊.csv")
    'Ulasan warga 😊.csv'
    """
    text = "" if value is None else str(value)
    return _UNSAFE.sub(_escaped, text)


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
