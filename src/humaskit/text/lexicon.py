"""Word lists of the text engine, read from ``humaskit/data/text/``.

Every list is a plain UTF-8 file, one entry a line, documented by ``#`` comment lines at
its top, so a team can add its own words without touching code:

``lexicon_*.txt`` and ``emoji.txt``
    Sentiment words and phrases with a score from -3 (very negative) to +3 (very
    positive): ``pungli -3``. The score is the last field; a phrase may have several
    words (``buang waktu -2``). A score of 0 marks a known neutral word or phrase (it
    stops a wrong guess, e.g. ``tanggapan 0`` so it is not read as ``tanggap``).
``slang.txt``
    A short form and its standard form: ``gak tidak``, ``dll dan lain-lain``.
``negators.txt``, ``boosters.txt``, ``softeners.txt``, ``contrast.txt``
    Words that turn, strengthen, weaken or contrast the sentiment around them.
``stopwords.txt``
    Words left out of keyword counts (never used by sentiment).
``screen_*.txt``
    Terms of each category of the pre-publication screen (see
    :func:`humaskit.text.screen`).

Functions here return plain Python objects and are cached; the analysis modules turn
them into lookup tables.

Examples
--------
>>> lex = default_lexicon()
>>> float(lex.loc[lex["term"] == "pungli", "score"].iloc[0]) < 0
True
>>> wordlist("stopwords.txt")[:2]
['ada', 'adalah']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd

from ..errors import HumaskitError, ParameterError
from ..i18n import t
from ..paths import package_file

__all__ = [
    "wordlist",
    "read_pairs",
    "read_scores",
    "sentiment_lexicon",
    "default_lexicon",
    "extra_scores",
    "known_words",
]


def _lines(name: str) -> list[str]:
    path = package_file("text", name)
    if not path.exists():
        raise HumaskitError(t("text.missing_list", None, name=name))
    out = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if " #" in line:
                line = line.split(" #", 1)[0].rstrip()
            if line:
                out.append(line)
    return out


@lru_cache(maxsize=64)
def _cached_lines(name: str) -> tuple[str, ...]:
    return tuple(_lines(name))


def wordlist(name: str) -> list[str]:
    """Return the entries of the word list ``name`` (a file in ``data/text/``), lower case.

    Lines starting with ``#`` are comments; text after `` #`` on a line is a comment.

    Examples
    --------
    >>> "sangat" in wordlist("boosters.txt")[0]
    True
    """
    return [line.lower() if not line.startswith("=") else line for line in _cached_lines(name)]


@lru_cache(maxsize=16)
def read_pairs(name: str) -> dict[str, str]:
    """Return a two-column list (``key value with spaces``) as a dict, keys lower case.

    Examples
    --------
    >>> read_pairs("slang.txt")["gak"]
    'tidak'
    """
    out: dict[str, str] = {}
    for line in _cached_lines(name):
        parts = line.split(maxsplit=1)
        if len(parts) != 2:
            raise HumaskitError(t("text.bad_line", None, name=name, line=line))
        out[parts[0].lower()] = parts[1].strip().lower()
    return out


@lru_cache(maxsize=16)
def read_scores(name: str) -> dict[str, float]:
    """Return a list of ``term score`` lines (the term may have several words) as a dict.

    Examples
    --------
    >>> read_scores("softeners.txt")["agak"]
    0.6
    """
    out: dict[str, float] = {}
    for line in _cached_lines(name):
        parts = line.rsplit(maxsplit=1)
        try:
            out[" ".join(parts[0].lower().split())] = float(parts[1])
        except (IndexError, ValueError):
            raise HumaskitError(t("text.bad_line", None, name=name, line=line)) from None
    return out


@lru_cache(maxsize=1)
def sentiment_lexicon() -> dict[str, float]:
    """Return the bundled sentiment lexicon (all ``lexicon_*.txt`` files and ``emoji.txt``).

    Later files win when a term appears twice (files are read in name order, emoji last).
    """
    merged: dict[str, float] = {}
    names = sorted(p.name for p in package_file("text").glob("lexicon_*.txt"))
    for name in [*names, "emoji.txt"]:
        merged.update(read_scores(name))
    return merged


def default_lexicon() -> pd.DataFrame:
    """Return the bundled sentiment lexicon as a table ``term, score`` to read or extend.

    Pass extra entries to :func:`humaskit.text.sentiment` with ``lexicon=``; a table of
    the same shape, a dict ``{term: score}`` or a Series indexed by term all work.

    Examples
    --------
    >>> lex = default_lexicon()
    >>> list(lex.columns), len(lex) > 2000
    (['term', 'score'], True)
    """
    lex = sentiment_lexicon()
    return pd.DataFrame({"term": pd.Series(list(lex), dtype="str"), "score": list(lex.values())})


def extra_scores(lexicon: object) -> dict[str, float]:
    """Turn extra lexicon entries given by a user into ``{term: score}``.

    Accepts a dict, a Series (index = term) or a DataFrame with columns ``term`` and
    ``score``. Raises :class:`humaskit.ParameterError` for anything else or a score that
    is not a number.

    Examples
    --------
    >>> extra_scores({"Mantul": 3})
    {'mantul': 3.0}
    """
    if lexicon is None:
        return {}
    if isinstance(lexicon, pd.DataFrame):
        if not {"term", "score"} <= set(lexicon.columns):
            raise ParameterError(t("text.bad_lexicon", None))
        pairs: Iterable = zip(lexicon["term"], lexicon["score"], strict=True)
    elif isinstance(lexicon, pd.Series):
        pairs = lexicon.items()
    elif isinstance(lexicon, Mapping):
        pairs = lexicon.items()
    else:
        raise ParameterError(t("text.bad_lexicon", None))
    out: dict[str, float] = {}
    for term, score in pairs:
        if not isinstance(term, str) or not term.strip():
            raise ParameterError(t("text.bad_lexicon_entry", None, term=term, score=score))
        try:
            value = float(score)
        except (TypeError, ValueError):
            raise ParameterError(
                t("text.bad_lexicon_entry", None, term=term, score=score)
            ) from None
        if value != value:  # NaN
            raise ParameterError(t("text.bad_lexicon_entry", None, term=term, score=score))
        out[" ".join(term.lower().split())] = value
    return out


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Words the normaliser treats as real (used to undo stretched letters and leetspeak)."""
    words: set[str] = set()
    for term in sentiment_lexicon():
        words.update(term.split())
    slang = read_pairs("slang.txt")
    words.update(slang)
    for value in slang.values():
        words.update(value.split())
    words.update(wordlist("stopwords.txt"))
    for name in ("negators.txt", "contrast.txt", "boosters.txt", "softeners.txt"):
        for entry in wordlist(name):
            words.add(entry.split()[0])
    for path in package_file("text").glob("screen_*.txt"):
        for entry in wordlist(path.name):
            if entry.startswith("="):
                continue
            words.update(w for w in entry.rstrip("!* ").split() if w.isalpha())
    return frozenset(words)
