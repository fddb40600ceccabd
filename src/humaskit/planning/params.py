"""The planning vocabulary and its parameters: tones, statuses, months, platforms, targets, mixes.

Every public function of :mod:`humaskit.planning` reads its parameters here, so a bad month,
platform, target or mix stops with one plain sentence (:class:`humaskit.ParameterError`).

Examples
--------
>>> parse_tone_mix((70, 20, 10), lang="en")
{'informasi': 70.0, 'emosi': 20.0, 'promosi': 10.0}
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import resolve, t

__all__ = [
    "TONES",
    "STATUSES",
    "QC_STATUSES",
    "CURRENT",
    "THEMATIC",
    "EXTRA_COLUMNS",
    "parse_month",
    "parse_platforms",
    "parse_targets",
    "parse_tone_mix",
]

#: Tones of a post, in the order of ``tone_mix``: information, emotion, promotion.
TONES = ("informasi", "emosi", "promosi")
#: Status of a planned post; ``draf`` until a PIC signs it off.
STATUSES = ("draf", "disetujui", "ditolak", "terbit")
#: Result of :func:`quality_check`.
QC_STATUSES = ("ok", "perlu_revisi")
#: The category of reserve slots (current issues nobody can plan ahead).
CURRENT = "isu_terkini"
#: The category of posts on special days.
THEMATIC = "tematik"
#: Extra plan columns, in order, after the canonical ones.
EXTRA_COLUMNS = ("plan_id", "tone", "idea", "momentum", "reserve", "alt_text", "qc_reasons")


def _period(month: Any, lang: str) -> pd.Period:
    if isinstance(month, pd.Period):
        return month.asfreq("M")
    if isinstance(month, (pd.Timestamp,)) or hasattr(month, "year") and hasattr(month, "month"):
        return pd.Period(year=int(month.year), month=int(month.month), freq="M")
    if isinstance(month, tuple) and len(month) == 2:
        y, m = month
    else:
        m_ = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(month))
        if not m_:
            raise ParameterError(t("planning.bad_month", lang, value=month))
        y, m = m_.group(1), m_.group(2)
    try:
        y, m = int(y), int(m)
    except (TypeError, ValueError):
        raise ParameterError(t("planning.bad_month", lang, value=month)) from None
    if not 1 <= m <= 12:
        raise ParameterError(t("planning.bad_month", lang, value=month))
    return pd.Period(year=y, month=m, freq="M")


def parse_platforms(platforms: Iterable[str] | str, *, lang: str | None = None) -> list[str]:
    """Read platform names (``"twitter"``, ``"IG"``, ...) as humaskit's codes, in order.

    Examples
    --------
    >>> parse_platforms(["Twitter", "ig", "x"])
    ['x', 'instagram']
    """
    lang = resolve(lang)
    items = [platforms] if isinstance(platforms, str) else list(platforms)
    out = []
    for p in items:
        key = schema.platform_code(p, strict=False)
        if key not in schema.PLATFORMS:
            raise ParameterError(
                t("planning.bad_platform", lang, value=p, known=", ".join(schema.PLATFORMS))
            )
        if key not in out:
            out.append(key)
    return out


def parse_targets(value: Any, *, lang: str | None = None) -> dict[str, int]:
    """Read posting targets: a dict or text like ``"instagram=20, x=30"``.

    Examples
    --------
    >>> parse_targets("instagram=20, x=30, tiktok: 12")
    {'instagram': 20, 'x': 30, 'tiktok': 12}
    >>> parse_targets("instagram=dua puluh", lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Target for instagram is 'dua puluh': expected a whole number of posts per month (0 or more), for example instagram=20.
    """
    lang = resolve(lang)
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, str):
        pairs = []
        for part in re.split(r"[,;\n]", value):
            if not part.strip():
                continue
            m = re.fullmatch(r"\s*([A-Za-z_ ()]+?)\s*[=:]\s*(.*?)\s*", part)
            if not m:
                raise ParameterError(t("planning.bad_targets", lang, value=value))
            pairs.append((m.group(1), m.group(2)))
    else:
        raise ParameterError(t("planning.bad_targets", lang, value=value))
    out: dict[str, int] = {}
    for name, n in pairs:
        (platform,) = parse_platforms([name], lang=lang)
        try:
            if isinstance(n, bool):
                raise ValueError
            num = float(str(n).strip()) if not isinstance(n, (int, float)) else float(n)
            if not num.is_integer() or num < 0:
                raise ValueError
        except ValueError:
            raise ParameterError(
                t("planning.bad_target", lang, platform=platform, value=n)
            ) from None
        out[platform] = int(num)
    if not out:
        raise ParameterError(t("planning.bad_targets", lang, value=value))
    return out


def _shares(mix: Any, what: str, lang: str) -> dict[str, float]:
    if not isinstance(mix, Mapping) or not mix:
        raise ParameterError(t("planning.bad_mix", lang, what=what, value=mix))
    out = {}
    for k, v in mix.items():
        try:
            f = float(v)
        except (TypeError, ValueError):
            raise ParameterError(t("planning.bad_mix", lang, what=what, value=mix)) from None
        if f < 0 or math.isnan(f):
            raise ParameterError(t("planning.bad_mix", lang, what=what, value=mix))
        out[str(k).strip()] = f
    if sum(out.values()) <= 0:
        raise ParameterError(t("planning.bad_mix", lang, what=what, value=mix))
    return out


def parse_tone_mix(
    tone_mix: Iterable[float] | Mapping[str, float], *, lang: str | None = None
) -> dict[str, float]:
    """Read a tone mix: ``(information, emotion, promotion)`` or ``{tone: share}``.

    The mix may also be written as people write it, ``"60:30:10"`` (or ``60/30/10``).

    Examples
    --------
    >>> parse_tone_mix({"emosi": 30, "informasi": 60, "promosi": 10})
    {'informasi': 60.0, 'emosi': 30.0, 'promosi': 10.0}
    >>> parse_tone_mix("60:30:10")
    {'informasi': 60.0, 'emosi': 30.0, 'promosi': 10.0}
    """
    lang = resolve(lang)
    given = tone_mix
    if isinstance(tone_mix, str):
        parts = [p for p in re.split(r"[:/;,\s]+", tone_mix.strip().strip("()")) if p]
        tone_mix = parts if len(parts) == 3 else [tone_mix]
    if isinstance(tone_mix, Mapping):
        shares = _shares(tone_mix, "tone_mix", lang)
        bad = [k for k in shares if k not in TONES]
        if bad:
            raise ParameterError(t("planning.bad_tone_mix", lang, value=given))
        return {k: shares.get(k, 0.0) for k in TONES}
    try:
        values = [float(v) for v in tone_mix]
    except (TypeError, ValueError):
        raise ParameterError(t("planning.bad_tone_mix", lang, value=given)) from None
    if len(values) != 3 or any(v < 0 for v in values) or sum(values) <= 0:
        raise ParameterError(t("planning.bad_tone_mix", lang, value=given))
    return dict(zip(TONES, values, strict=True))


def parse_month(value: Any, *, lang: str | None = None) -> pd.Period:
    """Read a month (``"YYYY-MM"``) as a pandas Period, or raise a plain ParameterError.

    Examples
    --------
    >>> str(parse_month("2025-10"))
    '2025-10'
    """
    return _period(value, resolve(lang))
