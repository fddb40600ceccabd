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

from .i18n import resolve

__all__ = [
    "esc",
    "terminal_safe",
    "fmt_number",
    "fmt_value",
    "fmt_pct",
    "fmt_change",
    "fmt_bool",
    "fmt_date",
    "fmt_time",
    "fmt_range",
    "fmt_month",
    "jsonable",
    "fmt_period",
    "file_part",
    "shorten",
]


def _missing(x: Any) -> bool:
    """Whether ``x`` is None or a missing scalar (NaN, NA, NaT); pandas is loaded only when
    needed, so the command line starts without it."""
    if x is None:
        return True
    if isinstance(x, (str, bool, int)):
        return False
    if isinstance(x, float):
        return x != x
    import pandas as pd

    return bool(pd.api.types.is_scalar(x) and pd.isna(x))


def esc(value: Any) -> str:
    """Escape any value for HTML (``None``/NA become an empty string)."""
    if _missing(value):
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
    if _missing(x):
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
    if _missing(x):
        return "–"
    return fmt_number(float(x) * 100, lang, digits) + "%"


def fmt_change(x: Any, lang: str | None = None, *, absolute: bool = False) -> str:
    """Format a change with an arrow: ``▲ 12,0%`` / ``▼ 3,1%`` (or an absolute number)."""
    if _missing(x):
        return "–"
    x = float(x)
    arrow = "▲" if x > 0 else ("▼" if x < 0 else "•")
    text = fmt_number(abs(x), lang) if absolute else fmt_pct(abs(x), lang)
    return f"{arrow} {text}"


def fmt_value(x: Any, lang: str | None = None) -> str:
    """Format a measured value with the decimals it needs.

    Whole numbers get none; other values keep two significant decimals below 10, one
    below 100, none above (``0,27``, ``12,5``, ``1.234``).

    Examples
    --------
    >>> fmt_value(0.2718, "id"), fmt_value(12.0, "id"), fmt_value(12.46, "en"), fmt_value(1234.5)
    ('0,27', '12', '12.5', '1.234')
    """
    if _missing(x):
        return "–"
    v = float(x)
    if v.is_integer() or abs(v) >= 100:
        return fmt_number(v, lang, 0)
    return fmt_number(v, lang, 1 if abs(v) >= 10 else 2)


def fmt_bool(x: Any, lang: str | None = None) -> str:
    """``Ya``/``Tidak`` (``Yes``/``No``) for a boolean; ``–`` when missing.

    Examples
    --------
    >>> fmt_bool(True, "id"), fmt_bool(False, "en")
    ('Ya', 'No')
    """
    if _missing(x):
        return "–"
    words = {"id": ("Ya", "Tidak"), "en": ("Yes", "No")}[resolve(lang)]
    return words[0] if bool(x) else words[1]


_MONTHS = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
        "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def fmt_date(x: Any, lang: str | None = None, *, time: bool = False) -> str:
    """One date style for every output: ``17 September 2025`` (with ``14.05`` when ``time``).

    Indonesian writes the time with a dot (``14.05``), English with a colon.

    Examples
    --------
    >>> fmt_date("2025-09-17 14:05", "id", time=True), fmt_date("2025-09-17", "en")
    ('17 September 2025 14.05', '17 September 2025')
    """
    if _missing(x):
        return "–"
    import pandas as pd

    ts = pd.Timestamp(x)
    lg = resolve(lang)
    text = f"{ts.day} {_MONTHS[lg][ts.month - 1]} {ts.year}"
    if time:
        text += f" {ts.hour:02d}{'.' if lg == 'id' else ':'}{ts.minute:02d}"
    return text


def fmt_time(x: Any, lang: str | None = None) -> str:
    """A clock time: ``14.05`` in Indonesian, ``14:05`` in English.

    Examples
    --------
    >>> fmt_time("2025-09-17 14:05", "id"), fmt_time("14:05", "en")
    ('14.05', '14:05')
    """
    if _missing(x):
        return "–"
    if not hasattr(x, "hour"):
        import pandas as pd

        x = pd.Timestamp(str(x))
    ts = x
    return f"{ts.hour:02d}{'.' if resolve(lang) == 'id' else ':'}{ts.minute:02d}"


def fmt_range(start: Any, end: Any, lang: str | None = None) -> str:
    """A date range written once: ``17-30 September 2025``, ``28 Agustus-3 September 2025``.

    Examples
    --------
    >>> fmt_range("2025-09-17", "2025-09-30", "id"), fmt_range("2025-08-28", "2025-09-03", "id")
    ('17-30 September 2025', '28 Agustus-3 September 2025')
    """
    import pandas as pd

    a, b = pd.Timestamp(start), pd.Timestamp(end)
    lg = resolve(lang)
    if a.normalize() == b.normalize():
        return fmt_date(a, lg)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}-{fmt_date(b, lg)}"
    if a.year == b.year:
        return f"{a.day} {_MONTHS[lg][a.month - 1]}-{fmt_date(b, lg)}"
    return f"{fmt_date(a, lg)}-{fmt_date(b, lg)}"


_MONTH_CODE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_DAYS_CODE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def fmt_period(x: Any, lang: str | None = None) -> str:
    """A period code as a sentence writes it: ``2025-09`` -> ``September 2025``,
    ``2025-09-17..2025-09-30`` -> ``17-30 September 2025``; other text as it is.

    Examples
    --------
    >>> fmt_period("2025-09", "id"), fmt_period("2025-09-17..2025-09-30", "id")
    ('September 2025', '17-30 September 2025')
    >>> fmt_period("2025-Q3", "id")
    '2025-Q3'
    """
    if _missing(x):
        return "–"
    text = str(x).strip()
    if m := _MONTH_CODE.match(text):
        return f"{_MONTHS[resolve(lang)][int(m.group(2)) - 1]} {m.group(1)}"
    if m := _DAYS_CODE.match(text):
        return fmt_range(m.group(1), m.group(2), lang)
    return text


def file_part(x: Any, lang: str | None = None) -> str:
    """A period as part of a file name: the words of :func:`fmt_period`, safe ASCII, no spaces.

    ``2025-09`` -> ``september-2025``, ``2025-09-17..2025-09-30`` -> ``17-30-september-2025``
    (a :class:`humaskit.evaluation.Window` is written from its label).

    Examples
    --------
    >>> file_part("2025-09", "id"), file_part("2025-09-17..2025-09-30", "id")
    ('september-2025', '17-30-september-2025')
    >>> file_part("2025-08-28..2025-09-03", "id"), file_part("2025-Q3", "id")
    ('28-agustus-3-september-2025', '2025-q3')
    """
    import unicodedata

    text = fmt_period(str(x), lang)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "periode"


def shorten(text: str, max_chars: int) -> str:
    """Shorten ``text`` to ``max_chars`` at a word boundary, ending with an ellipsis.

    Examples
    --------
    >>> shorten("Jalan di depan pasar rusak parah", 20)
    'Jalan di depan…'
    """
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    space = cut.rfind(" ")
    if space >= max_chars // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"


def fmt_month(x: Any, lang: str | None = None) -> str:
    """A month as words (``2025-09`` -> ``September 2025``); other periods as they print.

    Examples
    --------
    >>> import pandas as pd
    >>> fmt_month("2025-09", "id"), fmt_month(pd.Period("2025-10", "M"), "en")
    ('September 2025', 'October 2025')
    """
    text = str(x)
    if not re.fullmatch(r"\d{4}-\d{2}", text):
        return text
    year, month = int(text[:4]), int(text[5:])
    return f"{_MONTHS[resolve(lang)][month - 1]} {year}"


def jsonable(value: Any) -> Any:
    """Turn numpy/pandas values into plain JSON values (NaN/NA become None).

    Examples
    --------
    >>> import pandas as pd
    >>> jsonable({"n": float("nan"), "d": pd.Timestamp("2025-09-01")})
    {'n': None, 'd': '2025-09-01 00:00:00'}
    """
    import math
    import sys

    # numpy and pandas values exist only once those are loaded: the command line's plain
    # values never load them
    np, pd = sys.modules.get("numpy"), sys.modules.get("pandas")
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if np is not None and isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, 6)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if pd is None:
        return str(value)
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, pd.Period)):
        return str(value)
    if isinstance(value, pd.DataFrame):
        return [jsonable(r) for r in value.to_dict(orient="records")]
    if isinstance(value, pd.Series):
        return jsonable(value.to_dict())
    return str(value)
