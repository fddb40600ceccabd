"""Adapting one idea to each platform: a checklist per variant, checked against the text.

Examples
--------
>>> adapt("Info layanan", platforms=["x"], lang="en")["platform"].unique().tolist()
['x']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, resolve, t
from .data import _adaptation, _fill, _limits
from .params import parse_platforms

__all__ = ["adapt", "format_guide"]

_URL = re.compile(
    r"(?<![@\w.])(?:(?:https?://|www\.)\S+|(?:[a-z0-9-]+\.)+"
    r"(?:go\.id|co\.id|or\.id|ac\.id|id|com|org|net|ly|ee|me)(?:/\S*)?)(?![\w@])",
    re.IGNORECASE,
)
_HASHTAG = re.compile(r"(?<![\w&])#\w+")


def _text_parts(idea: Any) -> dict[str, str]:
    if isinstance(idea, str):
        return {"caption": idea, "title": ""}
    if isinstance(idea, pd.Series):
        idea = idea.to_dict()
    if isinstance(idea, Mapping):

        def get(k: str) -> str:
            v = idea.get(k)
            return v if isinstance(v, str) else ""

        caption = get("caption") or get("text") or get("idea")
        return {"caption": caption, "title": get("title"), "alt_text": get("alt_text")}
    raise ParameterError(t("planning.bad_idea", None, got=type(idea).__name__))


def _x_length(text: str, url_length: int | None) -> int:
    if not url_length:
        return len(text)
    return len(_URL.sub("x" * url_length, text))


def _auto_check(
    item: str, parts: dict[str, str], lim: dict[str, Any], lang: str
) -> tuple[str, str]:
    """Check one checklist item against the idea's text: (status, what was found)."""
    caption = parts.get("caption", "")
    if not caption and item in ("caption", "first_line", "hashtags", "link"):
        return "cek", ""
    if item == "caption" and lim["caption_max"]:
        n = _x_length(caption, lim["url_length"])
        return (
            "ok" if n <= lim["caption_max"] else "perlu_revisi",
            t("planning.found_chars", lang, n=n),
        )
    if item == "title" and lim["title_max"]:
        title = parts.get("title", "")
        if not title:
            return "cek", ""
        return (
            "ok" if len(title) <= lim["title_max"] else "perlu_revisi",
            t("planning.found_chars", lang, n=len(title)),
        )
    if item == "first_line" and lim["first_line_max"]:
        first = caption.strip().splitlines()[0] if caption.strip() else ""
        return (
            "ok" if len(first) <= lim["first_line_max"] else "perlu_revisi",
            t("planning.found_chars", lang, n=len(first)),
        )
    if item == "hashtags" and lim["hashtags_max"] is not None:
        n = len(_HASHTAG.findall(caption))
        return (
            "ok" if n <= lim["hashtags_max"] else "perlu_revisi",
            t("planning.found_hashtags", lang, n=n),
        )
    if item == "link":
        links = _URL.findall(caption)
        if not links:
            return "ok", t("planning.found_no_link", lang)
        return (
            "ok" if lim["links_clickable"] else "perlu_revisi",
            t("planning.found_links", lang, n=len(links)),
        )
    if item == "alt_text":
        return ("ok" if parts.get("alt_text") else "cek"), ""
    return "cek", ""


def adapt(
    idea: str | Mapping[str, Any] | pd.Series,
    *,
    platforms: Iterable[str] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Turn one idea into a checklist for each platform variant.

    Parameters
    ----------
    idea : str or dict or plan row
        The draft text (caption), or a mapping/plan row with ``title``, ``caption`` and
        ``alt_text``.
    platforms : list of str, optional
        Default: all five.

    Returns
    -------
    DataFrame
        One row per platform, format and check item: ``platform``, ``format``, ``item``,
        ``instruction`` (with the platform's limits), ``status`` (``ok``, ``perlu_revisi``
        when the idea's text breaks the rule, ``cek`` when a person must check it) and
        ``found`` (what the text has).

    Examples
    --------
    >>> text = "Daftar vaksin gratis di https://dinkes.example.go.id #sehat #vaksin"
    >>> out = adapt(text, platforms=["instagram"], lang="en")
    >>> out.loc[(out["format"] == "carousel") & (out["item"] == "link"), "status"].item()
    'perlu_revisi'
    """
    lang = resolve(lang)
    names = (
        parse_platforms(platforms, lang=lang) if platforms is not None else list(schema.PLATFORMS)
    )
    parts = _text_parts(idea)
    key = "text_id" if lang == "id" else "text_en"
    rows = []
    for platform in names:
        lim = _limits()[platform]
        values = {k: ("" if v is None else v) for k, v in lim.items()}
        for r in _adaptation():
            if r["platform"] != platform:
                continue
            status, found = _auto_check(r["item"], parts, lim, lang)
            rows.append(
                {
                    "platform": platform,
                    "format": r["format"],
                    "item": r["item"],
                    "instruction": _fill(r[key], **{k: str(v) for k, v in values.items()}),
                    "status": status,
                    "found": found,
                }
            )
    out = pd.DataFrame(
        rows, columns=["platform", "format", "item", "instruction", "status", "found"]
    )
    return out.astype("str")


#: Checklist items humaskit checks automatically; the others are guidance for people.
_AUTO_ITEMS = ("caption", "title", "hashtags", "link", "first_line", "alt_text")


def format_guide(
    platforms: Iterable[str] | None = None, *, words: bool = False, lang: str | None = None
) -> pd.DataFrame:
    """The format guidance a team reads before producing: what each format is for, the
    hook (the main message in the first seconds of a video), sizes, subtitles, Highlights.

    These are the rows of ``data/planning/adaptation.csv`` that a person checks (the
    automatic checks are in :func:`adapt` and :func:`quality_check`).

    ``words=True`` gives the format and the item in words (for a report or a notebook).

    Returns
    -------
    DataFrame
        ``platform``, ``format``, ``item``, ``guidance``.

    Examples
    --------
    >>> g = format_guide(["instagram"], lang="en")
    >>> g.loc[(g["format"] == "story") & (g["item"] == "purpose"), "guidance"].item()[:30]
    'Story for behind the scenes, l'
    """
    out = adapt("", platforms=platforms, lang=lang)
    out = out[~out["item"].isin(_AUTO_ITEMS) | (out["item"] == "link") & (out["format"] == "story")]
    out = out.rename(columns={"instruction": "guidance"})[
        ["platform", "format", "item", "guidance"]
    ].reset_index(drop=True)
    if not words:
        return out
    # the guide as people read it: the format and the item in words, like the guidance
    out["format"] = out["format"].map(lambda v: label(v, lang)).astype("str")
    out["item"] = out["item"].map(lambda v: t(f"planning.item.{v}", lang)).astype("str")
    return out
