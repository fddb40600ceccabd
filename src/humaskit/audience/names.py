"""Names people write and how the step words numbers: platforms, formats, lists, counts.

Platform aliases (``twitter``, ``ig``, ``fb``...), format aliases and the formats each
platform offers (``humaskit/data/audience/*.csv``), comma/semicolon lists, whole-number
parameters, and the percentages and numbers used in evidence sentences.

Examples
--------
>>> platform_key(" Twitter ")
'x'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from io import StringIO
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, t
from ..paths import package_file

__all__ = ["platform_key"]


def platform_key(name: Any) -> str:
    """Return the canonical platform name for what a person wrote (``"IG"`` -> ``instagram``).

    Case and surrounding spaces are ignored and aliases (``twitter``, ``ig``, ``fb``, ``yt``,
    ``tik tok``...) are resolved. The result is not checked: an unknown name comes back
    lower-cased, so callers decide whether that is an error or a hint.

    Examples
    --------
    >>> platform_key("Tik Tok"), platform_key("fb"), platform_key("Mastodon")
    ('tiktok', 'facebook', 'mastodon')
    """
    return schema.platform_code(name, strict=False)


def _read_package_csv(*parts: str) -> pd.DataFrame:
    """Read a small CSV shipped in the package, skipping ``#`` comment lines at the top."""
    text = package_file(*parts).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return pd.read_csv(StringIO("\n".join(lines)), dtype="str", keep_default_na=False)


@lru_cache(maxsize=1)
def _format_aliases() -> dict[str, str]:
    df = _read_package_csv("audience", "format_aliases.csv")
    out = dict(zip(df["alias"].str.strip().str.lower(), df["format"].str.strip(), strict=True))
    out.update({f: f for f in schema.POST_TYPES})
    return out


@lru_cache(maxsize=1)
def _platform_formats() -> pd.DataFrame:
    return _read_package_csv("audience", "platform_formats.csv")


def _format_label(fmt: str, lang: str | None) -> str:
    return label("text_post" if fmt == "text" else fmt, lang)


def _platform_label(platform: str, lang: str | None) -> str:
    return label(platform, lang)


def _pct(x: float, lang: str) -> str:
    """Format a fraction as a percentage people read easily (``34%``, ``<1%``)."""
    if x is None or pd.isna(x):
        return "?"
    if 0 < x < 0.005:
        return "<1%"
    return f"{x * 100:.0f}%"


def _pct1(x: float, lang: str) -> str:
    """A percentage with one decimal (engagement rates): ``4,2%`` in Indonesian."""
    from ..fmt import fmt_pct

    return fmt_pct(x, lang, 1)


def _num(x: float, lang: str, digits: int = 1) -> str:
    from ..fmt import fmt_number

    return fmt_number(x, lang, digits)


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;,]", value) if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def _norm_platforms(value: str | Iterable[str] | None, lang: str | None) -> list[str] | None:
    names = _as_list(value)
    if names is None:
        return None
    out = []
    for name in names:
        key = platform_key(name)
        if key not in schema.PLATFORMS:
            raise ParameterError(
                t("audience.unknown_platform", lang, value=name, known=", ".join(schema.PLATFORMS))
            )
        out.append(key)
    return out


def _check_count(value: Any, key: str, lang: str | None) -> None:
    """A whole number of at least 1 (not a bool), else ParameterError ``key``."""
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
        raise ParameterError(t(key, lang, value=value))


def _rows_text(index: Iterable[Any], n: int = 5) -> str:
    idx = list(index)
    text = ", ".join(str(i) for i in idx[:n])
    return text + (f" (+{len(idx) - n})" if len(idx) > n else "")
