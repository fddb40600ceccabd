"""Texts shown to people, in Bahasa Indonesia (default) or English.

Every sentence or label a learner, analyst or head of office reads comes from a
catalogue under ``humaskit/data/i18n/*.json``. Each file maps a key to its texts::

    {"schema.missing_column": {"id": "Tabel {table} tidak punya kolom {column}.",
                               "en": "Table {table} has no column {column}."}}

Files are merged at first use, so each module keeps its own file (``schema.json``,
``text.json``, ...). One switch changes the language for the whole session:
:func:`set_language` (or the environment variable ``HUMASKIT_LANG``); every function
that shows text also takes ``lang=`` for one call.

Examples
--------
>>> from humaskit import i18n
>>> i18n.t("common.yes", lang="id")
'ya'
>>> i18n.t("common.yes", lang="en")
'yes'
>>> i18n.label("reach", lang="id")
'Jangkauan'
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any

from .paths import package_file

__all__ = [
    "LANGUAGES",
    "t",
    "label",
    "set_language",
    "get_language",
    "resolve",
    "catalogue",
    "english_labels",
]

LANGUAGES = ("id", "en")
_state: dict[str, str] = {}


def get_language() -> str:
    """Return the session's language code (``"id"`` unless changed).

    Examples
    --------
    >>> get_language() in LANGUAGES
    True
    """
    lang = _state.get("lang") or os.environ.get("HUMASKIT_LANG", "id")
    return lang if lang in LANGUAGES else "id"


def set_language(lang: str) -> None:
    """Set the language of every text humaskit shows: ``"id"`` or ``"en"``.

    Examples
    --------
    >>> set_language("en"); get_language()
    'en'
    >>> set_language("id")
    """
    if lang not in LANGUAGES:
        from .errors import ParameterError

        raise ParameterError(
            f"Bahasa '{lang}' tidak dikenal; pilih 'id' atau 'en'. "
            f"/ Unknown language '{lang}'; choose 'id' or 'en'."
        )
    _state["lang"] = lang


def resolve(lang: str | None) -> str:
    """Return ``lang`` if given and known, else the session's language."""
    if lang is None:
        return get_language()
    if lang not in LANGUAGES:
        from .errors import ParameterError

        raise ParameterError(
            f"Bahasa '{lang}' tidak dikenal; pilih 'id' atau 'en'. "
            f"/ Unknown language '{lang}'; choose 'id' or 'en'."
        )
    return lang


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Return every key and its texts, merged from ``data/i18n/*.json``."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(package_file("i18n").glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            merged.update(json.load(fh))
    return merged


def t(key: str, lang: str | None = None, **values: Any) -> str:
    """Return the text for ``key`` in ``lang``, formatted with ``values``.

    A key missing from the catalogue returns the key itself, so a gap shows up in
    the output rather than as a crash. A value whose type has a ``__i18n__(lang)``
    method is written by it (a date window reads ``17-30 September 2025`` in a sentence
    while its ``str`` stays the short code used in file names).

    Examples
    --------
    >>> t("common.rows", "en", n=3)
    '3 rows'
    """
    lang = resolve(lang)
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("id") or key
    if values:
        values = {
            k: v.__i18n__(lang) if hasattr(type(v), "__i18n__") else v for k, v in values.items()
        }
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def label(name: str, lang: str | None = None) -> str:
    """Return the label people see for a column, metric or category ``name``.

    Looks up ``label.<name>``; an unknown name is returned with underscores as spaces.

    Examples
    --------
    >>> label("engagement_rate", "en")
    'Engagement rate'
    >>> label("something_new", "en")
    'something new'
    """
    key = f"label.{name}"
    if key in catalogue():
        return t(key, lang)
    return str(name).replace("_", " ")


def english_labels(min_chars: int = 4) -> frozenset[str]:
    """The kit's English labels that an Indonesian reader must never see.

    Every ``en`` text of the catalogue (of at least ``min_chars`` characters, without a
    placeholder) that differs from its ``id`` text and is not part of any Indonesian text
    (loanwords such as "Engagement rate" are used in Indonesian too), and every coded value
    with an underscore (``role_citizen_journalist``). The browser tests and the workshop
    run-through look for these in what the kit shows in Indonesian.

    Examples
    --------
    >>> words = english_labels()
    >>> "Accounts checked" in words, "role_citizen_journalist" in words, "Engagement rate" in words
    (True, True, False)
    """
    en: dict[str, str] = {}
    ids = []
    for key, v in catalogue().items():
        if isinstance(v, dict) and "id" in v and "en" in v:
            ids.append(str(v["id"]).lower())
            e = str(v["en"])
            if e.lower() != str(v["id"]).lower() and "{" not in e and len(e) >= min_chars:
                en[e] = key
    id_text = "\n".join(ids)
    words = {e for e in en if e.lower() not in id_text}
    words |= {k.split(".", 1)[1] for k in en.values() if k.startswith("label.") and "_" in k}
    return frozenset(words)
