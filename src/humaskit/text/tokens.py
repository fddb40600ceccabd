"""Normalisation and tokenisation of Indonesian social media text, on whole columns.

The column is split on white space once (pyarrow); every *distinct* raw token is then
normalised once in Python (lower case, links/handles dropped, stretched letters,
leetspeak, slang, emoticons, punctuation) and the result is spread back to every
occurrence with numpy. Social media text repeats its words a lot, so the Python work
grows with the vocabulary, not with the number of texts.

What normalisation does:

- links, e-mail addresses and ``@handles`` are dropped; ``#JalanRusak`` becomes
  ``jalan rusak``; ``USER``/``URL`` placeholders of masked data sets are dropped;
- letters stretched for emphasis are squeezed (``bangettt`` -> ``banget``,
  ``maaaaf`` -> ``maaf``), ``hati2`` becomes ``hati-hati``, laughter becomes ``haha`` or
  ``wkwk``;
- leetspeak used to dodge filters is undone when the result is a known word
  (``4nj1ng`` -> ``anjing``);
- slang and abbreviations from ``data/text/slang.txt`` are expanded (``gak`` ->
  ``tidak``, ``yg`` -> ``yang``, ``bgt`` -> ``banget``);
- emoji and emoticons (``:)`` -> 🙂) are kept as tokens: they carry sentiment;
- ``.``, ``!``, ``?``, ``;`` and line breaks become ``.`` and commas stay ``,``: they end
  the scope of a negation.

Negators (``tidak``, ``bukan``...) and words such as ``baik`` are never removed: only
keyword counting leaves stopwords out.

Examples
--------
>>> normalize(["Pelayanannya lambat bangettt, gak ada yg respon!! #JalanRusak"]).tolist()
['pelayanannya lambat banget, tidak ada yang respon. jalan rusak']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import ParameterError
from ..i18n import t
from .lexicon import known_words, read_pairs, wordlist

__all__ = ["normalize", "as_texts", "to_arrow", "Tokens", "tokenize", "BOUNDARIES", "norm_phrase"]

#: Tokens that end a clause (scope of negation, boosters, contrast).
BOUNDARIES = frozenset({".", ","})

_EMOJI_CLASS = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u2190-\u21ff\u3030\u303d"
)
_EMOJI_RE = re.compile(f"([{_EMOJI_CLASS}])")
_EMOJI_MODIFIERS_RE = re.compile("[\ufe0f\ufe0e\u200d\u20e3\U0001f3fb-\U0001f3ff]")
_ESCAPES_RE = re.compile(r"\\x[0-9a-fA-F]{2}|\\[nrt]")
_URL_RE = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE_RE = re.compile(r"(?<![\w@$])@\w+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_EMOTICON_POS_RE = re.compile(r"[:;=]'?-?(?:\)+|\]+|d+\b|p+\b)|\(+-?[:;=]|\^[_-]?\^|\bxd+\b")
_EMOTICON_NEG_RE = re.compile(r"[:;=]'?-?(?:\(+|\[+)|\)+-?[:;=]|\bt[_.-]t\b")
_REDUP_RE = re.compile(r"\b([a-z]{2,})2\b")
_NUMBER_SEP_RE = re.compile(r"(?<=\d)[.,](?=\d)")
_STOP_RE = re.compile(r"[.!?;\u2026]+")
_COMMA_RE = re.compile(r"[,\u060c]+")
_OTHER_RE = re.compile(f"[^\\w\\s.,{_EMOJI_CLASS}-]+|_+")
_STRETCH_RE = re.compile(r"(.)\1{2,}")
_DOUBLE_RE = re.compile(r"([a-z])\1+")
_WK_RE = re.compile(r"(?:w+k+)+w*|(?:k+w+)+k*")
_HAHA_RE = re.compile(r"(?:h+[aeiou]+){2,}h*|(?:[aeiou]+h+){2,}[aeiou]*")
_LEET = str.maketrans(
    {
        "4": "a",
        "@": "a",
        "1": "i",
        "!": "i",
        "3": "e",
        "0": "o",
        "5": "s",
        "$": "s",
        "7": "t",
        "8": "b",
        "9": "g",
        "6": "g",
    }
)
_PLACEHOLDERS = frozenset({"USER", "URL", "<USER>", "<URL>", "[USER]", "[URL]"})

#: Links, @handles (after a space or at the start) and e-mail addresses, in RE2 syntax.
_JUNK_RE2 = r"(?:https?://|www\.)\S*|(?:^|\s)@\w+|[\w.+-]+@[\w-]+\.[\w.-]+"

_EDGE_PUNCT = ".,!?;:()[]{}\"'`*~"

_CACHE: dict[str, tuple[str, ...]] = {}
_CACHE_LIMIT = 2_000_000


# --------------------------------------------------------------------------- input


def as_texts(texts: object, *, name: str = "texts", lang: str | None = None) -> pd.Series:
    """Return ``texts`` as a Series keeping its index (one text, a list, a column...).

    A DataFrame is accepted when it has a ``text`` column. A single string is one text.
    Values are not cleaned here (see :func:`to_arrow`).

    Examples
    --------
    >>> as_texts("halo").tolist()
    ['halo']
    """
    if isinstance(texts, pd.DataFrame):
        if "text" not in texts.columns:
            raise ParameterError(t("text.no_text_column", lang, name=name))
        return texts["text"]
    if isinstance(texts, pd.Series):
        return texts
    if isinstance(texts, (str, bytes)):
        return pd.Series([texts], dtype=object)
    if isinstance(texts, pd.Index):
        return pd.Series(texts.to_numpy(), dtype=object)
    if texts is None or not isinstance(texts, Iterable):
        raise ParameterError(t("text.not_texts", lang, name=name))
    if isinstance(texts, np.ndarray) and texts.ndim != 1:
        raise ParameterError(t("text.not_texts", lang, name=name))
    return pd.Series(list(texts), dtype=object)


def _clean_value(value: object) -> str:
    """One value as valid UTF-8 text; missing values and errors give ``""``."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            # lone surrogates -> U+FFFD, valid surrogate pairs -> their character
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    try:
        return _clean_value(str(value))
    except Exception:  # noqa: BLE001 - a value that cannot even print itself
        return ""


def to_arrow(series: pd.Series) -> pa.Array:
    """Return the texts as a pyarrow string array without nulls (missing -> ``""``)."""
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        arr = pa.array(series.array)
    else:
        values = series.to_numpy(dtype=object, na_value=None)
        try:
            arr = pa.array(values, type=pa.large_string(), from_pandas=True)
        except (pa.ArrowException, UnicodeError, TypeError, ValueError):
            arr = pa.array([_clean_value(v) for v in values], type=pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    if arr.null_count:
        arr = pc.fill_null(arr, "")
    return arr


# --------------------------------------------------------------------- one token


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(entry.rstrip(".") for entry in wordlist("abbreviations.txt"))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], frozenset[str]]:
    return read_pairs("slang.txt"), known_words()


def _norm_word(word: str) -> list[str]:
    """Normalise one lower-case word (no spaces) into zero or more tokens."""
    slang, known = _tables()
    w = word.strip("-")
    if not w:
        return []
    if w.isdigit():
        return [w]
    has_digit = any(c.isdigit() for c in w)
    if (has_digit and any(c.isalpha() for c in w)) or ("@" in w or "$" in w):
        cand = w.translate(_LEET)
        cand_s = _STRETCH_RE.sub(r"\1", cand)
        if cand in known or cand in slang:
            w = cand
        elif cand_s in known or cand_s in slang:
            w = cand_s
        else:
            w = w.replace("@", "").replace("$", "s")
            if not w:
                return []
    if w in known:
        rep = slang.get(w)
        return rep.split() if rep is not None else [w]
    if _STRETCH_RE.search(w):
        one = _STRETCH_RE.sub(r"\1", w)
        two = _STRETCH_RE.sub(r"\1\1", w)
        w = two if (two in known and one not in known) else one
    if w not in known and w not in slang and _DOUBLE_RE.search(w):
        single = _DOUBLE_RE.sub(r"\1", w)
        if single in known or single in slang:
            w = single
    rep = slang.get(w)
    if rep is not None:
        return rep.split()
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        if len(parts) == 2 and parts[0] == parts[1]:  # reduplication: hati-hati
            base = _norm_word(parts[0])
            if len(base) == 1 and base[0] != parts[0]:
                return [f"{base[0]}-{base[0]}"]
            return [w]
        if _is_reduplicated(parts) or any(c.isdigit() for c in w):
            return [w]  # berbelit-belit, sayur-mayur, covid-19
        out: list[str] = []
        for part in parts:  # compounds: non-muslim, anti-korupsi
            out.extend(_norm_word(part))
        return out
    if _WK_RE.fullmatch(w):
        return ["wkwk"]
    if len(w) >= 4 and _HAHA_RE.fullmatch(w):
        return ["haha"]
    return [w]


def _is_reduplicated(parts: list[str]) -> bool:
    """``berbelit-belit``, ``sayur-mayur``, ``bolak-balik``: the halves echo each other."""
    if len(parts) != 2:
        return False
    a, b = parts
    return a.endswith(b) or b.endswith(a) or (len(a) > 2 and a[-3:] == b[-3:]) or a[:2] == b[:2]


def _expand(raw: str) -> tuple[str, ...]:
    """Normalise one raw (white-space separated) token into final tokens, cached."""
    cached = _CACHE.get(raw)
    if cached is not None:
        return cached
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    out = tuple(_expand_uncached(raw))
    if len(raw) < 200:
        _CACHE[raw] = out
    return out


def _expand_uncached(raw: str) -> list[str]:
    if raw in _PLACEHOLDERS:
        return []
    if raw.isdigit():
        return [raw]
    s = raw
    if "\\" in s:
        s = _ESCAPES_RE.sub(" ", s)
    if "http" in s or "www" in s or "HTTP" in s:
        s = _URL_RE.sub(" ", s)
    if "@" in s:
        s = _EMAIL_RE.sub(" ", s)
        s = _HANDLE_RE.sub(" ", s)
    if "#" in s:
        s = _CAMEL_RE.sub(" ", s).replace("#", " ")
    if s != raw and " " in s.strip():
        out: list[str] = []
        for part in s.split():
            out.extend(_expand(part))
        return out
    s = s.lower()
    if s.isalpha():  # the common case: a plain word
        return _norm_word(s)
    s = _EMOJI_MODIFIERS_RE.sub("", s)
    s = _EMOTICON_POS_RE.sub(" \U0001f642 ", s)
    s = _EMOTICON_NEG_RE.sub(" \U0001f641 ", s)
    s = _EMOJI_RE.sub(r" \1 ", s)
    s = _REDUP_RE.sub(r"\1-\1", s)
    s = s.replace("'", "").replace("\u2019", "").replace("`", "").replace("\u00b4", "")
    s = _NUMBER_SEP_RE.sub("", s)
    if s.endswith(".") and s.rstrip(".") in _abbreviations():
        s = s.rstrip(".")  # "Jl." and "No." do not end a sentence
    out = []
    # leetspeak may use @, $ and ! inside a word: try the word before removing them
    for chunk in s.split():
        if any(c in chunk for c in "@$!") and any(c.isalpha() for c in chunk):
            core = chunk.strip(".,!?;:()[]{}\"'")
            if core and core.translate(_LEET).isalpha():
                leet = _norm_word(core)
                if leet and leet[0] in _tables()[1]:
                    out.extend(leet)
                    if chunk.rstrip().endswith(("!", "?", ".")) and not core.endswith("!"):
                        out.append(".")
                    continue
        chunk = _STOP_RE.sub(" . ", chunk)
        chunk = _COMMA_RE.sub(" , ", chunk)
        chunk = _OTHER_RE.sub(" ", chunk)
        for piece in chunk.split():
            if piece in BOUNDARIES:
                if not out or out[-1] not in BOUNDARIES:
                    out.append(piece)
                elif piece == "." and out[-1] == ",":
                    out[-1] = "."
            elif len(piece) == 1 and _EMOJI_RE.match(piece):
                out.append(piece)
            else:
                out.extend(_norm_word(piece))
    return out


def norm_phrase(phrase: str) -> tuple[str, ...]:
    """Normalise a word-list entry the way texts are normalised (tuple of tokens).

    Examples
    --------
    >>> norm_phrase("gak sabar")
    ('tidak', 'sabar')
    """
    out: list[str] = []
    for raw in phrase.split():
        out.extend(tok for tok in _expand(raw) if tok not in BOUNDARIES)
    return tuple(out)


# --------------------------------------------------------------------- columns


@dataclass
class Tokens:
    """The tokens of a column of texts, flat, in reading order.

    Attributes
    ----------
    n : int
        Number of texts.
    row : ndarray of int64
        Position (0..n-1) of the text each token belongs to, ascending.
    ids : ndarray of int64
        Index of each token in ``vocab``.
    vocab : list of str
        The distinct normalised tokens.
    title : ndarray of bool, optional
        Whether each token was written Capitalised (``Asri``, not ``asri`` or ``ASRI``)
        in the original text: a hint for names of places and people.
    """

    n: int
    row: np.ndarray
    ids: np.ndarray
    vocab: list[str]
    title: np.ndarray | None = None

    @property
    def index(self) -> dict[str, int]:
        """Token -> id."""
        if not hasattr(self, "_index"):
            self._index = {w: i for i, w in enumerate(self.vocab)}
        return self._index

    def per_vocab(self, table: Mapping[str, object], default: object, dtype=float) -> np.ndarray:
        """Array over ``vocab`` with ``table[token]`` (``default`` when absent)."""
        return np.array([table.get(w, default) for w in self.vocab], dtype=dtype)

    def is_in(self, words: Iterable[str]) -> np.ndarray:
        """Boolean per token: is the token one of ``words``."""
        words = set(words)
        flags = np.fromiter((w in words for w in self.vocab), dtype=bool, count=len(self.vocab))
        return flags[self.ids] if len(self.ids) else np.zeros(0, dtype=bool)

    def row_starts(self) -> np.ndarray:
        """Boolean per token: first token of its text."""
        first = np.ones(len(self.row), dtype=bool)
        first[1:] = self.row[1:] != self.row[:-1]
        return first

    def match_phrases(self, phrases: Mapping[tuple[str, ...], object]) -> list[tuple]:
        """Find phrases of two or more tokens.

        Returns a list of ``(length, start_positions, phrase_keys)``, longest first; a
        phrase never spans two texts.
        """
        by_len: dict[int, dict[tuple[int, ...], tuple[str, ...]]] = {}
        index = self.index
        for key in phrases:
            if len(key) < 2:
                continue
            ids = tuple(index.get(w, -1) for w in key)
            if -1 in ids:
                continue
            by_len.setdefault(len(key), {})[ids] = key
        out = []
        total = len(self.ids)
        ids64 = self.ids.astype(np.uint64)
        mult = np.uint64(1_000_003)
        for n in sorted(by_len, reverse=True):
            if total < n:
                continue
            m = total - n + 1
            h = np.zeros(m, dtype=np.uint64)
            for k in range(n):
                h = h * mult + ids64[k : k + m] + np.uint64(1)
            wanted = {}
            for ids, key in by_len[n].items():
                hv = 0
                for i in ids:
                    hv = (hv * 1_000_003 + i + 1) & 0xFFFFFFFFFFFFFFFF
                wanted[hv] = key
            keys = np.fromiter(wanted, dtype=np.uint64, count=len(wanted))
            hit = np.isin(h, keys)
            hit &= self.row[:m] == self.row[n - 1 : n - 1 + m]
            pos = np.flatnonzero(hit)
            if len(pos):
                out.append((n, pos, [wanted[int(v)] for v in h[pos]]))
        return out

    def texts(self) -> pa.Array:
        """The normalised texts joined back (``.`` and ``,`` attached to the word before)."""
        counts = (
            np.bincount(self.row, minlength=self.n)
            if len(self.row)
            else np.zeros(self.n, dtype=np.int64)
        )
        offsets = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        flat = pa.array(self.vocab, type=pa.large_string()).take(pa.array(self.ids))
        lists = pa.LargeListArray.from_arrays(pa.array(offsets), flat)
        joined = pc.binary_join(lists, pa.scalar(" ", type=pa.large_string()))
        joined = pc.replace_substring(joined, " .", ".")
        joined = pc.replace_substring(joined, " ,", ",")
        return joined


def tokenize(arr: pa.Array) -> Tokens:
    """Split and normalise a pyarrow string array (from :func:`to_arrow`) into tokens."""
    n = len(arr)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Tokens(0, empty, empty, [])
    # links, handles and e-mails are unique strings: drop them before the per-token work
    arr = pc.replace_substring_regex(arr, _JUNK_RE2, " ")
    lists = pc.utf8_split_whitespace(arr)
    flat = pc.list_flatten(lists)
    parent = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    enc = pc.dictionary_encode(flat)
    codes = enc.indices.to_numpy().astype(np.int64)
    uniq = enc.dictionary.to_pylist()
    vocab: list[str] = []
    index: dict[str, int] = {}
    lens = np.zeros(len(uniq), dtype=np.int64)
    title_u = np.zeros(len(uniq), dtype=bool)
    flat_ids: list[int] = []
    for u, raw in enumerate(uniq):
        toks = _expand(raw) if raw else ()
        lens[u] = len(toks)
        if raw[:1].isupper():
            core = raw.strip(_EDGE_PUNCT)
            title_u[u] = len(core) > 1 and core.isalpha() and core[1:].islower()
        for tok in toks:
            i = index.get(tok)
            if i is None:
                i = index[tok] = len(vocab)
                vocab.append(tok)
            flat_ids.append(i)
    offs = np.zeros(len(uniq), dtype=np.int64)
    if len(uniq) > 1:
        np.cumsum(lens[:-1], out=offs[1:])
    occ_len = lens[codes]
    total = int(occ_len.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Tokens(n, empty, empty, vocab)
    row = np.repeat(parent, occ_len)
    if bool((lens == 1).all()):  # every raw token gave exactly one token
        pos = offs[codes]
    else:
        starts = np.repeat(offs[codes], occ_len)
        run_start = np.repeat(np.cumsum(occ_len) - occ_len, occ_len)
        pos = starts + (np.arange(total, dtype=np.int64) - run_start)
    ids = np.asarray(flat_ids, dtype=np.int64)[pos]
    title = np.repeat(title_u[codes], occ_len)
    # one boundary is enough: "rusak !! !!" has one end of clause, as has "rusak!!!!"
    bound_v = np.array([w in BOUNDARIES for w in vocab], dtype=bool)
    bound = bound_v[ids]
    repeat = np.zeros(len(ids), dtype=bool)
    repeat[1:] = bound[1:] & bound[:-1] & (row[1:] == row[:-1])
    if repeat.any():
        ids, row, title = ids[~repeat], row[~repeat], title[~repeat]
    tok = Tokens(n, row, ids, vocab, title)
    tok._index = index
    return tok


def normalize(texts: object, *, lang: str | None = None) -> pd.Series:
    """Return texts normalised for analysis (lower case, slang expanded, noise removed).

    Parameters
    ----------
    texts : Series, list of str, str, or DataFrame with a ``text`` column
        Missing values, numbers and broken text give ``""`` (never an error).
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    Series of str
        Aligned with the input (same index).

    Examples
    --------
    >>> normalize(["Mantaaap bgt min 👍👍", None, "4nj1ng lu", "hati2 di jalan :)"]).tolist()
    ['mantap banget admin 👍 👍', '', 'anjing kamu', 'hati-hati di jalan 🙂']
    """
    s = as_texts(texts, lang=lang)
    out = tokenize(to_arrow(s)).texts()
    return pd.Series(pd.array(out, dtype="str"), index=s.index, name=s.name)
