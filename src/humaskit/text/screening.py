"""The pre-publication screen: what a PIC must look at before a post goes out.

:func:`screen` reads each text and flags, with the terms that caused the flag:

``sara_religion``, ``sara_ethnicity``, ``intergroup``
    Hate speech on religion, ethnicity/race and other groups (SARA). Flagged when a
    group term stands in the same text with an insult, hostility or violence term, or
    when a slur is used; a group named alone is not flagged. Violence, expulsion and
    dehumanising terms (``screen_insult.txt``) count anywhere in the text; plain
    profanity, weaker hostility words and generic group words (``agama``, ``suku``;
    marked ``^`` in the lists) only within :data:`SARA_NEAR` tokens of each other.
    Affixed forms (``membiadabkan``, ``dikafirkan``) and words run together, as in
    hashtags (``#usircina``), are read too; a group word inside a place name
    (``Jawa Barat``) is not a group term, and an insult right after a negator or a
    prohibition (``jangan menghina agama``) does not count.
``abusive``
    Profanity and insults (leetspeak such as ``4nj1ng`` is undone first). Ambiguous
    words (``anjing`` beside ``rabies``) are cleared by context words.
``pornography``, ``radicalism``
    Sexual content and solicitation; violent extremism and armed separatism.
``hoax``
    Chain-message cues (``sebarkan sebelum dihapus``, ``viralkan``), unnamed sources
    (``info dari grup sebelah``, ``kata orang dalam``), and hearsay about an official
    source (``katanya``/``beredar kabar`` in a text that names the government, a
    ministry, the police...: an unverified claim of an official statement).
``personal_data``
    What :func:`humaskit.privacy.find_personal_data` finds, the same recogniser that masks
    personal data in shared outputs (so the screen and the mask cannot disagree): NIK and
    KK numbers in any written form (``NIK3201...``, ``3201-1234-5678-0001``), mobile
    numbers (``0812..``, ``+62 (812) ...``), home landlines (an office number, after a word
    such as ``kantor`` or ``call center``, is not flagged), personal e-mail addresses
    (addresses of government, school and university domains are not flagged), bank
    account numbers after a cue word (``rek``, ``BRI``...), vehicle plates
    (``B 1234 XYZ``) and full addresses (``Jl. ... No. ...``, ``RT 03/RW 05``).
``exempt_info``
    Cues of information exempted under UU 14/2008 Pasal 17: markings such as
    ``RAHASIA``/``TERBATAS``, internal memos (``nota dinas``), investigation details,
    identities of witnesses or victims, medical records, procurement estimates.

The result is advice, never a block: ``needs_review`` says a person should look, and
``reasons`` says why in one plain sentence (Bahasa Indonesia or English). Term lists
are the ``screen_*.txt`` files in ``humaskit/data/text/``; teams add their own there
or pass ``extra=``. Matched personal data is reported by kind (``[NIK]``), never by
value, so the result can be shared.

Examples
--------
>>> r = screen(["Dasar cina babi, usir saja!", "Jadwal vaksin rabies untuk anjing",
...             "Hubungi 0812-3456-7890 a.n. Budi"])
>>> r[["sara_ethnicity", "abusive", "personal_data", "needs_review"]].values.tolist()
[[True, True, False, True], [False, False, False, False], [False, False, True, True]]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import ParameterError
from ..i18n import resolve, t
from ..privacy import PERSONAL_DATA_KINDS, find_personal_data
from .lexicon import known_words, wordlist
from .tokens import BOUNDARIES, Tokens, as_texts, norm_phrase, to_arrow, tokenize

__all__ = ["screen", "CATEGORIES", "PERSONAL_DATA_KINDS"]

#: Boolean columns of :func:`screen`, in the order reasons are given.
CATEGORIES = (
    "sara_religion",
    "sara_ethnicity",
    "intergroup",
    "abusive",
    "pornography",
    "radicalism",
    "hoax",
    "personal_data",
    "exempt_info",
)

_LISTS = {
    "sara_religion": "screen_sara_religion.txt",
    "sara_ethnicity": "screen_sara_ethnicity.txt",
    "intergroup": "screen_intergroup.txt",
    "abusive": "screen_abusive.txt",
    "insult": "screen_insult.txt",
    "pornography": "screen_pornography.txt",
    "radicalism": "screen_radicalism.txt",
    "hoax": "screen_hoax.txt",
    "exempt_info": "screen_exempt_info.txt",
    "context": "screen_abusive_context.txt",
    "official": "screen_official_sources.txt",
    "place": "screen_places.txt",
}
_GROUPS = ("sara_religion", "sara_ethnicity", "intergroup")
#: Largest distance in tokens between a group term and an insult-list term for a SARA
#: flag (None: anywhere in the same text, the default).
SARA_WINDOW: int | None = None
#: Reach in tokens of a plain abusive word and of a generic group term (``^``).
SARA_NEAR: int = 3
#: Tokens before an insult searched for a negator (``screen_sara_negators.txt``).
SARA_NEGATION: int = 3
_CLITICS = ("nya", "lah", "kah", "pun", "mu", "ku", "in")
_PREFIXES = ("nge", "di")


@dataclass
class _Lists:
    """Term tables of the screen, normalised."""

    words: dict[str, dict[str, str]]  # kind -> {token: term shown}
    prefixes: dict[str, tuple[str, ...]]  # kind -> prefixes
    phrases: dict[tuple[str, ...], list[tuple[str, str]]]  # key -> [(kind, term)]
    markers: tuple[str, ...]  # case-sensitive exempt-info markings
    index: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # token -> pairs
    prefix_re: re.Pattern | None = None
    compound_re: re.Pattern | None = None  # SARA words inside run-together words
    cache: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def _parse(kind: str, entries: Iterable[str], into: _Lists) -> None:
    for entry in entries:
        entry = entry.strip()
        if not entry:
            continue
        if entry.startswith("="):
            into.markers = (*into.markers, entry[1:].strip())
            continue
        k = kind
        if entry.endswith("!"):
            entry, k = entry[:-1].strip(), f"{kind}!"
        elif entry.endswith("~"):
            entry, k = entry[:-1].strip(), f"{kind}~"
        elif entry.endswith("?"):
            entry, k = entry[:-1].strip(), f"{kind}?"
        elif entry.endswith("^"):
            entry, k = entry[:-1].strip(), f"{kind}^"
        if entry.endswith("*") and " " not in entry:
            into.prefixes[k] = (*into.prefixes.get(k, ()), entry[:-1].lower())
            continue
        key = norm_phrase(entry)
        if not key:
            continue
        if len(key) == 1:
            into.words.setdefault(k, {})[key[0]] = key[0]
        else:
            pairs = into.phrases.setdefault(key, [])
            if (k, " ".join(key)) not in pairs:
                pairs.append((k, " ".join(key)))


@lru_cache(maxsize=8)
def _lists(extra: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> _Lists:
    out = _Lists({}, {}, {}, ())
    for kind, name in _LISTS.items():
        _parse(kind, wordlist(name), out)
    for kind, terms in extra:
        _parse(kind, terms, out)
    for kind, words in out.words.items():
        for word, term in words.items():
            out.index.setdefault(word, []).append((kind, term))
    parts = sorted(
        {
            w
            for kind, words in out.words.items()
            if kind.startswith(_DERIVED_KINDS) and not kind.endswith("^")
            for w in words
            if len(w) >= 4 and w.isalpha()
        },
        key=len,
        reverse=True,
    )
    if parts:
        out.compound_re = re.compile("|".join(parts))
    all_prefixes = [p for ps in out.prefixes.values() for p in ps]
    if all_prefixes:
        out.prefix_re = re.compile("|".join(re.escape(p) for p in all_prefixes))
    return out


def _extra_terms(extra: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if extra is None:
        return ()
    if not isinstance(extra, Mapping):
        raise ParameterError(t("text.bad_screen_extra", None, categories=", ".join(_LISTS)))
    out = []
    for kind, terms in extra.items():
        if kind not in _LISTS:
            raise ParameterError(t("text.bad_screen_extra", None, categories=", ".join(_LISTS)))
        if isinstance(terms, str):
            terms = [terms]
        out.append((kind, tuple(str(x) for x in terms)))
    return tuple(sorted(out))


def _bases(word: str) -> list[str]:
    """Forms of a word to look up: ``goblok-goblok``, ``goblokmu``, ``dibegoin`` -> base."""
    out = []
    if "-" in word:
        parts = word.split("-")
        if len(parts) == 2 and parts[0] == parts[1]:
            out.append(parts[0])
            word = parts[0]
    if not word.isalpha():
        return out
    stems = [word]
    for c in _CLITICS:
        if word.endswith(c) and len(word) - len(c) >= 3:
            stems.append(word[: -len(c)])
            break
    for stem in list(stems):
        for p in _PREFIXES:
            if stem.startswith(p) and len(stem) - len(p) >= 3:
                stems.append(stem[len(p) :])
    out.extend(stems[1:])
    return out


#: Kinds whose terms are also found in derived (affixed) words.
_DERIVED_KINDS = ("insult", "sara_", "intergroup")
#: Shortest unknown word searched for SARA words run together (``usircina``).
_COMPOUND_MIN = 8
_DERIV_SUFFIXES = ("kanlah", "kan", "an", "i")
#: Prefix -> letters it replaced (nasal assimilation: "memukul" <- pukul).
_DERIV_PREFIXES = (
    ("meny", "s"),
    ("meng", "k"),
    ("meng", ""),
    ("mem", "p"),
    ("mem", ""),
    ("men", "t"),
    ("men", ""),
    ("me", ""),
    ("peny", "s"),
    ("peng", "k"),
    ("peng", ""),
    ("pem", "p"),
    ("pem", ""),
    ("pen", "t"),
    ("pen", ""),
    ("pe", ""),
    ("diper", ""),
    ("di", ""),
    ("ter", ""),
    ("ber", ""),
    ("per", ""),
    ("ke", ""),
)


def _derived(word: str) -> list[str]:
    """Stems of an affixed word (``membiadabkan`` -> ``biadab``), candidates only."""
    cores = [word]
    for suf in _DERIV_SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            cores.append(word[: -len(suf)])
            break
    out = []
    for core in cores:
        if core is not word:
            out.append(core)
        for pre, first in _DERIV_PREFIXES:
            if core.startswith(pre) and len(core) - len(pre) >= 4:
                out.append(first + core[len(pre) :])
    return out


def _segment(word: str) -> list[str] | None:
    """Split a run-together word into known words of 3+ letters (fewest pieces), or None."""
    if len(word) > 40:
        return None
    known = known_words()
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 3, n + 1):
            piece = word[i:j]
            if piece in known and (best[j] is None or len(best[j]) > len(best[i]) + 1):
                best[j] = [*best[i], piece]
    return best[n]


def _word_hits(lists: _Lists, word: str) -> tuple[tuple[str, str], ...]:
    """``(kind, term)`` pairs of one token (exact, prefix, then affixed forms), cached."""
    cached = lists.cache.get(word)
    if cached is not None:
        return cached
    found: dict[str, str] = {}
    for kind, term in lists.index.get(word, ()):
        found.setdefault(kind, term)
    if lists.prefix_re is not None and lists.prefix_re.match(word):
        for kind, prefixes in lists.prefixes.items():
            if kind not in found and word.startswith(prefixes):
                found[kind] = word
    if len(word) > 4:
        for base in _bases(word):
            for kind, term in lists.index.get(base, ()):
                found.setdefault(kind, term)
    if len(word) > 6 and word.isalpha():
        # derived forms of SARA terms: "membiadabkan" -> biadab, "pengkafiran" -> kafir
        for base in _derived(word):
            for kind, term in lists.index.get(base, ()):
                if kind.startswith(_DERIVED_KINDS):
                    found.setdefault(kind, term)
    if (
        len(word) >= _COMPOUND_MIN
        and lists.compound_re is not None
        and not any(k.startswith(_DERIVED_KINDS) for k in found)
        and word.isalpha()
        and word not in known_words()
    ):
        # run-together words, mostly hashtags: "#usircina" -> usir + cina, when the
        # whole word splits into known words ("jawabanmu" is not jawa + banmu)
        pieces = _segment(word) if lists.compound_re.search(word) else None
        for term in dict.fromkeys(pieces or ()):
            for kind, shown in lists.index.get(term, ()):
                if kind.startswith(_DERIVED_KINDS) and not kind.endswith("^"):
                    found.setdefault(kind, shown)
    out = tuple(found.items())
    if len(lists.cache) > 500_000:
        lists.cache.clear()
    lists.cache[word] = out
    return out


def _token_hits(tok: Tokens, lists: _Lists) -> pd.DataFrame:
    """Rows, kinds and terms found among tokens and phrases."""
    frames = []
    counts = np.zeros(len(tok.vocab), dtype=np.int64)
    pair_kind: list[str] = []
    pair_term: list[str] = []
    for i, w in enumerate(tok.vocab):
        found = _word_hits(lists, w)
        if found:
            counts[i] = len(found)
            for kind, term in found:
                pair_kind.append(kind)
                pair_term.append(term)
    if pair_kind:
        starts = np.zeros(len(counts), dtype=np.int64)
        np.cumsum(counts[:-1], out=starts[1:])
        pos = np.flatnonzero(counts[tok.ids] > 0)
        ids = tok.ids[pos]
        rep = counts[ids]
        total = int(rep.sum())
        run_start = np.repeat(np.cumsum(rep) - rep, rep)
        pair = np.repeat(starts[ids], rep) + (np.arange(total) - run_start)
        frames.append(
            pd.DataFrame(
                {
                    "row": np.repeat(tok.row[pos], rep),
                    "pos": np.repeat(pos, rep),
                    "kind": np.asarray(pair_kind, dtype=object)[pair],
                    "term": np.asarray(pair_term, dtype=object)[pair],
                }
            )
        )
    for _length, starts, keys in tok.match_phrases(lists.phrases):
        rows = tok.row[starts]
        recs_row, recs_pos, recs_kind, recs_term = [], [], [], []
        for r, p, key in zip(rows, starts, keys, strict=True):
            for kind, term in lists.phrases[key]:
                recs_row.append(r)
                recs_pos.append(p)
                recs_kind.append(kind)
                recs_term.append(term)
        frames.append(
            pd.DataFrame({"row": recs_row, "pos": recs_pos, "kind": recs_kind, "term": recs_term})
        )
    if not frames:
        empty = np.zeros(0, dtype=np.int64)
        return pd.DataFrame({"row": empty, "pos": empty, "kind": [], "term": []})
    return pd.concat(frames, ignore_index=True)


def _regex_rows(arr: pa.Array, pattern: str, prefilter: str | None = None) -> np.ndarray:
    """Positions of texts matching an RE2 ``pattern`` (optionally prefiltered)."""
    if len(arr) == 0:
        return np.zeros(0, dtype=np.int64)
    if prefilter is not None:
        cand = np.flatnonzero(pc.match_substring_regex(arr, prefilter).to_numpy(False))
        if not len(cand):
            return cand
        sub = arr.take(pa.array(cand))
        hit = pc.match_substring_regex(sub, pattern).to_numpy(False)
        return cand[hit]
    return np.flatnonzero(pc.match_substring_regex(arr, pattern).to_numpy(False))


def _pii_hits(arr: pa.Array) -> pd.DataFrame:
    """Personal data found in each text, by kind (the recogniser of :mod:`humaskit.privacy`)."""
    found = find_personal_data(pd.Series(arr.to_pylist(), dtype="str"))
    return found.drop_duplicates().reset_index(drop=True)


def _marker_hits(arr: pa.Array, markers: tuple[str, ...]) -> pd.DataFrame:
    if not markers or len(arr) == 0:
        return pd.DataFrame({"row": np.zeros(0, dtype=np.int64), "term": []})
    alt = "|".join(re.escape(m).replace("\\ ", " ") for m in sorted(markers, key=len, reverse=True))
    pattern = r"(?:^|[^A-Za-z])(" + alt + r")(?:[^A-Za-z]|$)"
    found = _regex_rows(arr, pattern, "[A-Z]{4}")
    if not len(found):
        return pd.DataFrame({"row": np.zeros(0, dtype=np.int64), "term": []})
    py = re.compile(pattern)
    terms = []
    for text in arr.take(pa.array(found)).to_pylist():
        m = py.search(text)
        terms.append(m.group(1) if m else "")
    return pd.DataFrame({"row": found, "term": terms})


def screen(
    texts: object, *, extra: Mapping[str, Iterable[str]] | None = None, lang: str | None = None
) -> pd.DataFrame:
    """Check texts before publication; one row per text with flags, terms and reasons.

    Parameters
    ----------
    texts : Series, list of str, str, or DataFrame with a ``text`` column
        Captions, drafts or comments. Missing values, numbers and broken text give a
        row without flags (never an error).
    extra : dict, optional
        Extra terms per list, e.g. ``{"abusive": ["kata1"], "hoax": ["frasa dua kata"]}``.
        Keys: ``sara_religion``, ``sara_ethnicity``, ``intergroup``, ``abusive``,
        ``insult``, ``pornography``, ``radicalism``, ``hoax``, ``exempt_info``,
        ``context``, ``official``, ``place``; same syntax as the files (``!`` slur,
        ``~`` ambiguous, ``?`` hearsay, ``^`` counts for SARA only near its partner,
        ``*`` prefix, ``=TEXT`` case-sensitive marking).
    lang : {"id", "en"}, optional
        Language of ``reasons`` (default: the session's language).

    Returns
    -------
    DataFrame
        Aligned with the input. One boolean column per category in :data:`CATEGORIES`,
        ``matched`` (terms found, comma separated; personal data by kind such as
        ``[NIK]``), ``needs_review`` (any flag) and ``reasons`` (one plain sentence,
        empty when nothing was found).

    Examples
    --------
    >>> r = screen(["Viralkan sebelum dihapus!! Info A1 dari orang dalam",
    ...             "NOTA DINAS ini RAHASIA", "Selamat Hari Kartini"], lang="en")
    >>> r["hoax"].tolist(), r["exempt_info"].tolist(), r["needs_review"].tolist()
    ([True, False, False], [False, True, False], [True, True, False])
    >>> print(r.loc[1, "reasons"])
    Needs review: information exempt from disclosure (UU 14/2008 Art. 17) (RAHASIA, nota dinas).
    """
    lang = resolve(lang)
    s = as_texts(texts, lang=lang)
    lists = _lists(_extra_terms(extra))
    arr = to_arrow(s)
    n = len(arr)
    tok = tokenize(arr)
    hits = _token_hits(tok, lists)
    present: dict[str, np.ndarray] = {}
    for kind, grp in hits.groupby("kind", sort=False):
        flag = np.zeros(n, dtype=bool)
        flag[grp["row"].to_numpy(dtype=np.int64)] = True
        present[kind] = flag
    none = np.zeros(n, dtype=bool)

    def has(kind: str) -> np.ndarray:
        return present.get(kind, none)

    context = has("context")
    flags: dict[str, np.ndarray] = {}
    used_kinds: dict[str, tuple[str, ...]] = {}
    for cat in ("abusive", "pornography", "radicalism", "hoax", "exempt_info"):
        flags[cat] = has(cat) | (has(f"{cat}~") & ~context) | has(f"{cat}!")
        used_kinds[cat] = (cat, f"{cat}!", f"{cat}~")
    paired = _sara(hits, context, n, _negated(tok, hits))
    hearsay = has("hoax?") & has("official")
    if hearsay.any():
        flags["hoax"] = flags["hoax"] | hearsay
        sub = hits[hits["kind"].isin(["hoax?", "official"])]
        sub = sub[hearsay[sub["row"].to_numpy(dtype=np.int64)]]
        paired["hoax"] = sub.sort_values(["row", "pos"], kind="stable")[["row", "pos", "term"]]
    for cat in _GROUPS:
        flags[cat] = np.zeros(n, dtype=bool)
        if cat in paired:
            flags[cat][paired[cat]["row"].to_numpy(dtype=np.int64)] = True
    markers = _marker_hits(arr, lists.markers)
    if len(markers):
        flags["exempt_info"] = flags["exempt_info"].copy()
        flags["exempt_info"][markers["row"].to_numpy(dtype=np.int64)] = True
    pii = _pii_hits(arr)
    flags["personal_data"] = np.zeros(n, dtype=bool)
    if len(pii):
        flags["personal_data"][pii["row"].to_numpy(dtype=np.int64)] = True

    out = pd.DataFrame({cat: flags[cat] for cat in CATEGORIES}, index=s.index)
    any_flag = np.zeros(n, dtype=bool)
    for cat in CATEGORIES:
        any_flag |= flags[cat]
    matched = np.full(n, "", dtype=object)
    reasons = np.full(n, "", dtype=object)
    flagged = np.flatnonzero(any_flag)
    if len(flagged):
        matched[flagged], reasons[flagged] = _explain(
            flagged, flags, hits, markers, pii, used_kinds, paired, context, lang
        )
    out["matched"] = pd.array(matched, dtype="str")
    out["needs_review"] = any_flag
    out["reasons"] = pd.array(reasons, dtype="str")
    return out


def _drop_contained(terms: list[str]) -> list[str]:
    """Leave out a term that is part of a longer term found in the same text."""
    if len(terms) < 2:
        return terms
    padded = [f" {x} " for x in terms]
    return [
        x for x, p in zip(terms, padded, strict=True) if not any(p != q and p in q for q in padded)
    ]


def _negated(tok: Tokens, hits: pd.DataFrame) -> np.ndarray:
    """Per hit: one of the :data:`SARA_NEGATION` tokens before it (same clause) negates it."""
    pos = hits["pos"].to_numpy(dtype=np.int64)
    out = np.zeros(len(pos), dtype=bool)
    if not len(pos) or not len(tok.ids):
        return out
    neg = tok.is_in(wordlist("screen_sara_negators.txt"))
    stop = tok.is_in(BOUNDARIES)
    clause = np.ones(len(pos), dtype=bool)  # no end of clause between negator and hit
    for back in range(1, SARA_NEGATION + 1):
        p = np.clip(pos - back, 0, None)
        clause &= (pos - back >= 0) & (tok.row[p] == tok.row[pos]) & ~stop[p]
        out |= clause & neg[p]
    return out


def _in_place(kinds: np.ndarray, pos: np.ndarray, terms: np.ndarray) -> np.ndarray:
    """Per hit: a token inside a place name (``Jawa Barat``), which is not a group term."""
    place = kinds == "place"
    if not place.any():
        return np.zeros(len(pos), dtype=bool)
    lengths = np.array([len(str(x).split()) for x in terms[place]], dtype=np.int64)
    starts = np.repeat(pos[place], lengths)
    offsets = np.arange(len(starts)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.isin(pos, starts + offsets) & ~place


def _sara(
    hits: pd.DataFrame, context: np.ndarray, n: int, negated: np.ndarray | None = None
) -> dict[str, pd.DataFrame]:
    """SARA hits per category: slurs, and group terms within reach of an insult.

    A pair counts when the distance in tokens between the group term and the insult is
    at most the smaller reach of the two: an insult or violence term from
    ``screen_insult.txt`` reaches the whole text (:data:`SARA_WINDOW`), a plain abusive
    word and a generic group term (marked ``^``: ``agama``, ``asing``...) only
    :data:`SARA_NEAR` tokens. Both sides of a pair are kept as matched terms.
    """
    if not len(hits):
        return {}
    kinds = hits["kind"].to_numpy(dtype=object)
    rows = hits["row"].to_numpy(dtype=np.int64)
    pos = hits["pos"].to_numpy(dtype=np.int64)
    terms = hits["term"].to_numpy(dtype=object)
    amb = np.array([k.endswith("~") for k in kinds], dtype=bool) & context[rows]
    amb |= _in_place(kinds, pos, terms)
    base = np.array([k.rstrip("~!^") for k in kinds], dtype=object)
    far = SARA_WINDOW if SARA_WINDOW is not None else np.iinfo(np.int64).max // 4
    is_insult = np.isin(base, ["insult", "abusive"]) & ~amb & (kinds != "abusive!")
    if negated is not None:
        is_insult &= ~negated
    # an insult-list term reaches far; a word only in the abusive list reaches near
    ins_rows_all = rows[is_insult]
    ins_reach = np.where(
        np.isin(kinds[is_insult], ["insult", "insult!", "insult~"]), far, SARA_NEAR
    )
    ins = pd.DataFrame(
        {
            "row": ins_rows_all,
            "ipos": pos[is_insult],
            "reach": ins_reach,
            "idx": np.flatnonzero(is_insult),
        }
    )
    ins = ins.sort_values("reach", ascending=False).drop_duplicates(["row", "ipos"])
    out: dict[str, pd.DataFrame] = {}
    for cat in _GROUPS:
        slur = kinds == f"{cat}!"
        group = np.isin(kinds, [cat, f"{cat}~", f"{cat}^"]) & ~amb
        keep = slur.copy()
        extra_idx = np.zeros(0, dtype=np.int64)
        g_idx = np.flatnonzero(group)
        if len(g_idx) and len(ins):
            grp = pd.DataFrame(
                {
                    "row": rows[g_idx],
                    "gpos": pos[g_idx],
                    "greach": np.where(kinds[g_idx] == f"{cat}^", SARA_NEAR, far),
                    "g": g_idx,
                }
            )
            pairs = grp.merge(ins, on="row")
            dist = (pairs["gpos"] - pairs["ipos"]).abs().to_numpy()
            reach = np.minimum(pairs["greach"].to_numpy(), pairs["reach"].to_numpy())
            # a word in both lists ("pki") does not pair with itself
            same = pairs["g"].to_numpy() == pairs["idx"].to_numpy()
            ok = (
                (dist <= reach)
                & ~same
                & ((dist > 0) | (terms[pairs["g"].to_numpy()] != terms[pairs["idx"].to_numpy()]))
            )
            keep[pairs["g"].to_numpy()[ok]] = True
            extra_idx = np.unique(pairs["idx"].to_numpy()[ok])
        if not keep.any():
            continue
        sel = np.union1d(np.flatnonzero(keep), extra_idx)
        out[cat] = pd.DataFrame(
            {"row": rows[sel], "pos": pos[sel], "term": terms[sel]}
        ).sort_values(["row", "pos"], kind="stable")
    return out


def _group_join(rows: np.ndarray, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Join the terms of each row (in order of appearance) with ", "."""
    order = np.argsort(rows, kind="stable")
    r, tt = rows[order], terms[order]
    bounds = np.flatnonzero(r[1:] != r[:-1]) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(r)]])
    joined = np.empty(len(starts), dtype=object)
    for i, (a, b) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        joined[i] = tt[a] if b - a == 1 else ", ".join(_drop_contained(list(tt[a:b])))
    return r[starts], joined


def _explain(flagged, flags, hits, markers, pii, used_kinds, paired, context, lang):
    """Matched terms and the reason sentence of each flagged row (vectorised)."""
    n_flag = len(flagged)
    frames = [
        pd.DataFrame({"row": sub["row"], "cat": cat, "term": sub["term"]})
        for cat, sub in paired.items()
    ]
    if len(hits):
        for cat, kinds in used_kinds.items():
            sub = hits[hits["kind"].isin(kinds)]
            if not len(sub):
                continue
            rows = sub["row"].to_numpy(dtype=np.int64)
            keep = flags[cat][rows]
            amb = sub["kind"].str.endswith("~").to_numpy(dtype=bool)
            keep &= ~(amb & context[rows])
            if keep.any():
                frames.append(
                    pd.DataFrame(
                        {"row": rows[keep], "cat": cat, "term": sub["term"].to_numpy()[keep]}
                    )
                )
    if len(markers):
        frames.insert(
            0, pd.DataFrame({"row": markers["row"], "cat": "exempt_info", "term": markers["term"]})
        )
    if len(pii):
        names = {kind: "[" + t(f"text.pii.{kind}", lang) + "]" for kind in PERSONAL_DATA_KINDS}
        frames.append(
            pd.DataFrame(
                {"row": pii["row"], "cat": "personal_data", "term": pii["kind"].map(names)}
            )
        )
    found = pd.concat(frames, ignore_index=True) if frames else None
    pos_of = pd.Series(np.arange(n_flag), index=flagged)
    matched = np.full(n_flag, "", dtype=object)
    reasons = np.full(n_flag, "", dtype=object)
    per_cat: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if found is not None and len(found):
        found = found.drop_duplicates(["row", "cat", "term"])
        cats = found["cat"].to_numpy(dtype=object)
        rows = found["row"].to_numpy(dtype=np.int64)
        terms = found["term"].to_numpy(dtype=object)
        for cat in CATEGORIES:
            sel = cats == cat
            if sel.any():
                per_cat[cat] = _group_join(rows[sel], terms[sel])
        first = ~found.duplicated(["row", "term"]).to_numpy()
        urows, ujoined = _group_join(rows[first], terms[first])
        matched[pos_of[urows].to_numpy()] = ujoined
    head = t("text.screen.needs_review", lang) + " "
    for cat in CATEGORIES:
        rows_flag = flags[cat][flagged]
        if not rows_flag.any():
            continue
        part = np.full(n_flag, t(f"text.screen.{cat}", lang), dtype=object)
        if cat in per_cat:
            urows, ujoined = per_cat[cat]
            idx = pos_of[urows].to_numpy()
            part[idx] = part[idx] + " (" + ujoined + ")"
        sep = np.where(reasons == "", "", "; ").astype(object)
        reasons = np.where(rows_flag, reasons + np.where(rows_flag, sep, "") + part, reasons)
    reasons = np.where(reasons == "", "", head + reasons.astype(object) + ".")
    return matched, reasons
