"""The tables that map what platforms write to humaskit's names (``data/io/*.csv``).

Small CSV files, documented at their top, let a team teach the importers a new UI
language or a new column without touching code:

``columns.csv``  header names per platform and reader -> canonical column (or metric);
                 ``columns_languages.csv`` the same for further UI languages
``values.csv``   cell values (post types, genders, "Lifetime", "Total", missing markers)
``titles.csv``   words of Meta series / audience block titles

Month and weekday names come from the CLDR data of babel (:func:`month_names`).

Headers and values are compared after :func:`normalize` (case, spaces, BOM and quotes do
not matter).

Examples
--------
>>> m = map_headers(["Post ID", "Waktu publikasi", "Jangkauan", "Kolom aneh"], "meta", "posts")
>>> m.fields["post_id"], m.fields["reach"], m.unmapped, m.language
([0], [2], ['Kolom aneh'], 'id')
>>> value_map("post_type", "instagram")["ig reel"]
'reel'
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..paths import package_file

__all__ = [
    "normalize",
    "Mapping",
    "map_headers",
    "value_map",
    "month_names",
    "month_key",
    "weekday_names",
    "metric_of_title",
    "PLATFORM_FAMILY",
]

#: Platforms whose rows a reader family uses from ``columns.csv`` / ``values.csv``.
PLATFORM_FAMILY = {
    "meta": ("meta", "facebook", "instagram", "any"),
    "facebook": ("meta", "facebook", "any"),
    "instagram": ("meta", "instagram", "any"),
    "x": ("x", "any"),
    "youtube": ("youtube", "any"),
    "tiktok": ("tiktok", "any"),
    "any": ("any",),
}

_SPACE = re.compile(r"\s+")
#: Characters a UI writes that a reader does not see: BOM, soft hyphens (German YouTube
#: Studio hyphenates its headers, ``Vi\u00adde\u00ado``), zero-width spaces and joiners.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u00ad\u200b\u200c\u200d\u2060"), None)


def normalize(text: object) -> str:
    """Return ``text`` in the form used to compare headers and values.

    Examples
    --------
    >>> normalize('\\ufeff "Post  ID" ')
    'post id'
    """
    s = "" if text is None else str(text)
    s = s.translate(_INVISIBLE).replace("\u00a0", " ").strip().strip('"').strip()
    return _SPACE.sub(" ", s).casefold()


def _read(name: str) -> list[dict[str, str]]:
    path = package_file("io", name)
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.lstrip().startswith("#") and line.strip()]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def _columns() -> tuple[dict[str, str], ...]:
    """Rows of ``columns.csv`` then ``columns_languages.csv`` (the first listed wins)."""
    return tuple(_read("columns.csv")) + tuple(_read("columns_languages.csv"))


@lru_cache(maxsize=1)
def _values() -> tuple[dict[str, str], ...]:
    return tuple(_read("values.csv"))


@dataclass
class Mapping:
    """How the headers of one file map to humaskit names.

    Attributes
    ----------
    fields : dict
        ``{name: [header positions]}``; the first position wins, the others fill gaps.
    unmapped : list of str
        Headers not in ``columns.csv`` for this platform and reader.
    ignored : list of str
        Headers known but deliberately not imported (``-`` in the table).
    language : str or None
        The UI language most mapped headers come from.
    duplicates : list of str
        Header names that appear more than once in the file.
    """

    fields: dict[str, list[int]] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    language: str | None = None
    duplicates: list[str] = field(default_factory=list)

    def has(self, *names: str) -> bool:
        """True when every one of ``names`` is mapped."""
        return all(n in self.fields for n in names)

    @property
    def known(self) -> int:
        """How many headers are known (mapped or deliberately ignored)."""
        return sum(len(v) for v in self.fields.values()) + len(self.ignored)


@lru_cache(maxsize=64)
def _index(family: str, kind: str) -> dict[str, tuple[str, str, int]]:
    """``{normalized header: (canonical, language, priority)}`` for one reader."""
    platforms = PLATFORM_FAMILY.get(family, (family, "any"))
    out: dict[str, tuple[str, str, int]] = {}
    for prio, row in enumerate(_columns()):
        if row["platform"] in platforms and row["kind"] == kind:
            key = normalize(row["header"])
            out.setdefault(key, (row["canonical"].strip(), row["language"].strip(), prio))
    return out


def lookup(header: str, family: str, kind: str) -> str | None:
    """Return the humaskit name of one header (``"-"`` if ignored, None if unknown).

    Examples
    --------
    >>> lookup("Facebook follows", "meta", "daily")
    'follows'
    """
    hit = _index(family, kind).get(normalize(header))
    return hit[0] if hit else None


def map_headers(headers: list[str], family: str, kind: str) -> Mapping:
    """Map the ``headers`` of a file for the reader ``family``/``kind``.

    Examples
    --------
    >>> map_headers(["Description", "Title"], "meta", "posts").fields
    {'text': [0, 1]}
    """
    index = _index(family, kind)
    hits: dict[str, list[tuple[int, int]]] = {}
    langs: Counter[str] = Counter()
    out = Mapping()
    seen: Counter[str] = Counter(normalize(h) for h in headers)
    out.duplicates = sorted({str(h) for h in headers if seen[normalize(h)] > 1})
    for pos, header in enumerate(headers):
        key = normalize(header)
        if not key:
            continue
        hit = index.get(key)
        if hit is None:
            out.unmapped.append(str(header).strip())
            continue
        canonical, lang, prio = hit
        langs[lang] += 1
        if canonical == "-":
            out.ignored.append(str(header).strip())
            continue
        hits.setdefault(canonical, []).append((prio, pos))
    out.fields = {k: [pos for _, pos in sorted(v)] for k, v in hits.items()}
    if langs:
        # English headers that are the same in Indonesian ("Reach" is not, "Total" is) are
        # counted for English; a file with any Indonesian header is Indonesian.
        out.language = "id" if langs.get("id") else langs.most_common(1)[0][0]
    return out


@lru_cache(maxsize=64)
def value_map(field_name: str, family: str = "any") -> dict[str, str]:
    """``{normalized value: canonical}`` for one ``field`` of ``values.csv``.

    Examples
    --------
    >>> value_map("gender")["perempuan"]
    'female'
    """
    platforms = PLATFORM_FAMILY.get(family, (family, "any"))
    out: dict[str, str] = {}
    for row in _values():
        if row["field"] == field_name and row["platform"] in platforms:
            out.setdefault(normalize(row["value"]), row["canonical"].strip())
    return out


#: UI languages whose month names are loaded first (and win when two languages write the
#: same word for different months): the kit's users' languages, then other big ones.
MONTH_LANGUAGES = (
    "en", "id", "ms", "pt", "es", "fr", "de", "it", "nl", "sv", "tr", "vi", "th", "fil",
    "jv", "su", "ja", "zh", "ko", "ru", "ar", "hi", "pl", "da", "nb", "fi", "ro", "cs",
    "hu", "el", "uk", "km", "lo", "my", "ca", "gl",
)  # fmt: skip


def month_key(word: str) -> str:
    """A month or weekday name as :func:`month_names` keys it (dots and case dropped).

    Examples
    --------
    >>> month_key("Mar."), month_key("มี.ค.")
    ('mar', 'มีค')
    """
    return normalize(word).replace(".", "")


def _babel_names(languages, kind: str) -> dict[str, int]:
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_day_names, get_month_names

    get = get_month_names if kind == "month" else get_day_names
    out: dict[str, int] = {}
    for code in languages:
        try:
            loc = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get(width, context, loc).items():
                    key = month_key(name)
                    if key and not key.isdigit():
                        out.setdefault(key, int(number))
    return out


@lru_cache(maxsize=2)
def month_names(every_language: bool = False) -> dict[str, int]:
    """``{month name: month number}`` from the CLDR data of babel, in many UI languages.

    Full names and abbreviations, format and stand-alone forms (``maret``, ``marzo``,
    ``märz``, ``thg 3``, ``มีค``), keyed by :func:`month_key`. The languages of
    :data:`MONTH_LANGUAGES` come first; ``every_language=True`` adds every language CLDR
    knows (slower the first time: a few seconds), for dates no listed language explains.

    Examples
    --------
    >>> month_names()["agustus"], month_names()["aug"], month_names()["marzo"]
    (8, 8, 3)
    """
    out = _babel_names(MONTH_LANGUAGES, "month")
    if every_language:
        from babel import localedata

        rest = sorted(c for c in localedata.locale_identifiers() if "_" not in c)
        for key, number in _babel_names(rest, "month").items():
            out.setdefault(key, number)
    return out


@lru_cache(maxsize=1)
def weekday_names() -> frozenset[str]:
    """Weekday names and abbreviations (CLDR, :data:`MONTH_LANGUAGES`), to be ignored in
    dates such as ``Mon Feb 17 2025`` or ``Sen, 17 Feb 2025``.

    Examples
    --------
    >>> {"mon", "senin", "lunes"} <= weekday_names()
    True
    """
    return frozenset(_babel_names(MONTH_LANGUAGES, "day")) - set(month_names())


_NON_WORD = re.compile(r"[^\w@]+")


@lru_cache(maxsize=4)
def _title_words(group: str) -> tuple[tuple[str, str], ...]:
    """``(word, name)`` of one group of ``titles.csv``, longest word first."""
    out = []
    for row in _read("titles.csv"):
        name = row["metric"].strip()
        grp, _, short = name.rpartition(".")
        if grp != group:
            continue
        for word in row["words"].split("|"):
            key = _NON_WORD.sub(" ", normalize(word)).strip()
            if key:
                out.append((key, short))
    return tuple(sorted(out, key=lambda p: -len(p[0])))


@lru_cache(maxsize=256)
def metric_of_title(title: str, group: str = "") -> str | None:
    """The metric a Meta daily series title names, in any language of ``titles.csv``.

    ``group="audience"`` asks instead which audience dimension (``city``, ``country``,
    ``region``, ``age_gender``) an audience block title names.

    Examples
    --------
    >>> metric_of_title("Alcance do Instagram"), metric_of_title("Facebook unfollows")
    ('reach', 'unfollows')
    >>> metric_of_title("Principais países", group="audience")
    'country'
    >>> metric_of_title("Judul lain") is None
    True
    """
    text = " " + _NON_WORD.sub(" ", normalize(title)) + " "
    for word, metric in _title_words(group):
        if f" {word} " in text:
            return metric
    return None
