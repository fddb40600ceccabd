"""The planning data files a team can edit: platform limits, formats, categories, ideas.

They live in ``humaskit/data/planning/`` (``platforms.csv``, ``formats.csv``,
``categories.csv``, ``ideas.csv``, ``adaptation.csv``), documented at the top of each file.

Examples
--------
>>> sorted(default_mix())[:2]
['edukasi', 'isu_terkini']
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd

from ..i18n import resolve
from ..paths import package_file
from .params import parse_platforms

__all__ = ["platform_limits", "default_mix"]


def _read_data_csv(name: str) -> list[dict[str, str]]:
    with open(package_file("planning", name), encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines)]


def _num(text: str) -> int | None:
    return int(text) if text not in ("", None) else None


@lru_cache(maxsize=1)
def _limits() -> dict[str, dict[str, Any]]:
    out = {}
    for r in _read_data_csv("platforms.csv"):
        out[r["platform"]] = {
            "caption_max": _num(r["caption_max"]),
            "title_max": _num(r["title_max"]),
            "url_length": _num(r["url_length"]),
            "hashtags_max": _num(r["hashtags_max"]),
            "hashtags_recommended": _num(r["hashtags_recommended"]),
            "links_clickable": r["links_clickable"].lower() in ("yes", "ya", "true", "1"),
            "alt_text": r["alt_text"].lower() in ("yes", "ya", "true", "1"),
            "video_hook_s": _num(r["video_hook_s"]),
            "first_line_max": _num(r["first_line_max"]),
            "max_posts_per_day": _num(r["max_posts_per_day"]),
            "monthly_target": _num(r["monthly_target"]),
        }
    return out


@lru_cache(maxsize=1)
def _formats() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for r in _read_data_csv("formats.csv"):
        out.setdefault(r["platform"], {})[r["format"]] = float(r["share"])
    return out


@lru_cache(maxsize=1)
def _categories() -> dict[str, dict[str, Any]]:
    out = {}
    for r in _read_data_csv("categories.csv"):
        tones = [x.strip() for x in r["tones"].split(";") if x.strip()]
        out[r["category"]] = {"share": float(r["share"]), "tones": tones}
    return out


@lru_cache(maxsize=1)
def _ideas() -> tuple[dict[str, str], ...]:
    return tuple(_read_data_csv("ideas.csv"))


@lru_cache(maxsize=1)
def _adaptation() -> tuple[dict[str, str], ...]:
    return tuple(_read_data_csv("adaptation.csv"))


def _fill(template: str, **values: str) -> str:
    out = template
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out


def platform_limits(
    platforms: Iterable[str] | None = None, *, lang: str | None = None
) -> pd.DataFrame:
    """Return what each platform allows (``data/planning/platforms.csv``), one row each.

    Examples
    --------
    >>> platform_limits(["x"])[["platform", "caption_max", "links_clickable"]].to_dict("records")
    [{'platform': 'x', 'caption_max': 280, 'links_clickable': True}]
    """
    lang = resolve(lang)
    names = parse_platforms(platforms, lang=lang) if platforms is not None else list(_limits())
    df = pd.DataFrame([{"platform": p, **_limits()[p]} for p in names])
    for c in df.columns:
        if c not in ("platform", "links_clickable", "alt_text"):
            df[c] = df[c].astype("Int64")
    df["platform"] = df["platform"].astype("str")
    return df


def default_mix() -> dict[str, float]:
    """Return the default category mix in percent (``data/planning/categories.csv``).

    Examples
    --------
    >>> mix = default_mix()
    >>> sorted(mix), sum(mix.values())
    (['edukasi', 'isu_terkini', 'layanan', 'siaran_pers', 'tematik'], 100.0)
    """
    return {k: v["share"] for k, v in _categories().items()}
