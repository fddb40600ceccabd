"""Helpers shared by the governance modules: the shipped data files and small value tests.

Private to :mod:`humaskit.governance` (no other package imports it).
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ..paths import package_file


def _read_csv(name: str) -> pd.DataFrame:
    """Read a small CSV under ``data/governance`` whose ``#`` lines are documentation."""
    path = package_file("governance", name)
    with open(path, encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return pd.read_csv(io.StringIO("".join(lines)), dtype="str", keep_default_na=False)


def _read_words(name: str) -> list[str]:
    path = package_file("governance", name)
    with open(path, encoding="utf-8") as fh:
        words = [ln.strip() for ln in fh]
    return [w for w in words if w and not w.startswith("#")]


def _na(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _key(handle: Any) -> str:
    """Comparable form of a handle or account name (lower case, no ``@``, no spaces)."""
    if _na(handle):
        return ""
    return str(handle).strip().lstrip("@").strip().lower()


def _slug(text: Any) -> str:
    """Handle-friendly text: lower case ASCII letters, digits, ``_`` and ``.``."""
    norm = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9_.]", "", norm.lower())


def _today(today: Any, posts: pd.DataFrame | None, lang: str | None) -> pd.Timestamp:
    if today is not None and not (isinstance(today, str) and not today.strip()):
        try:
            ts = pd.Timestamp(today)
        except (TypeError, ValueError):
            raise ParameterError(t("governance.bad_today", lang, value=today)) from None
        if ts is pd.NaT:
            raise ParameterError(t("governance.bad_today", lang, value=today))
        if ts.tzinfo is not None:
            ts = ts.tz_convert("UTC").tz_localize(None)
        return ts.normalize()
    if posts is not None and len(posts) and "published_at" in posts:
        last = pd.to_datetime(
            posts["published_at"], utc=True, errors="coerce", format="mixed"
        ).max()
        if last is not pd.NaT and not pd.isna(last):
            return last.tz_localize(None).normalize()
    return pd.Timestamp.today().normalize()


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _tokens(name: str) -> list[str]:
    return _WORD.findall(name)


def _is_symbol(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return (
        cat in ("So", "Sk", "Cs", "Co")
        or ch in ("\u200d", "\ufe0f")
        or (0x1F000 <= ord(ch) <= 0x1FAFF)
    )


def _keys(s: pd.Series) -> pd.Series:
    """Vectorised :func:`_key` (lower case, no ``@``, no surrounding spaces)."""
    return s.astype("str").str.strip().str.lstrip("@").str.strip().str.lower().fillna("")
