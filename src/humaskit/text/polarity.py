"""Rule-based sentiment of Indonesian texts over a lexicon, on whole columns.

How a text is scored (all steps are vectorised over every token of the column):

1. Texts are normalised and split into tokens (:mod:`humaskit.text.tokens`).
2. Each token gets its lexicon score (-3..+3, ``data/text/lexicon_*.txt`` and
   ``emoji.txt``). A word not in the lexicon is tried without its affixes
   (``pelayanannya`` -> ``pelayanan``, ``dipersulit`` -> ``sulit``). Phrases
   (``buang waktu``, ``tidak apa-apa``) replace their words.
3. A negator (``tidak``, ``belum``, ``bukan``, ``kurang``...) up to three tokens before
   a sentiment word in the same clause turns it around: a positive word becomes as
   negative, a negative word becomes half as positive. A negator with nothing to turn
   adds a small negative score of its own (``belum diperbaiki``).
4. Boosters multiply the word next to them (``sangat``, ``banget``, ``sekali``),
   softeners weaken the word after them (``agak``, ``cukup``).
5. Contrast: the part of a text after ``tapi``/``namun``/``padahal`` weighs 1.5, the
   part before it 0.5; a clause opened by ``walaupun``/``meskipun`` weighs 0.5.
6. Sarcasm: when the only positive words of a text are praise often used
   sarcastically (``sarcasm_praise.txt``: ``hebat``, ``mantap``, 👏...) and the text
   names a clear problem (``jalan rusak dibiarkan``), that praise counts as mildly
   negative (:data:`SARCASM`). Any other positive word keeps it sincere.
7. The sum is the raw score. ``positive`` above +0.5, ``negative`` below -0.5, else
   ``neutral`` (also when nothing matched). ``score`` is the raw score squashed into
   -1..+1 (``raw / sqrt(raw**2 + 4)``).

Examples
--------
>>> lexicon_sentiment(["pelayanannya cepat dan ramah", "antre lama, petugas jutek",
...                    "jadwal pelayanan hari senin"])["label"].tolist()
['positive', 'negative', 'neutral']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import HumaskitError
from ..i18n import t
from .lexicon import extra_scores, read_scores, sentiment_lexicon, wordlist
from .tokens import BOUNDARIES, Tokens, as_texts, norm_phrase, to_arrow, tokenize

__all__ = [
    "lexicon_sentiment",
    "raw_scores",
    "token_effects",
    "LABELS",
    "POSITIVE_AT",
    "NEGATIVE_AT",
]

LABELS = ("positive", "neutral", "negative")
#: Engines behind :func:`sentiment`.
#: Raw score above which a text is positive.
POSITIVE_AT = 0.5
#: Raw score below which a text is negative.
NEGATIVE_AT = -0.5
#: Largest number of tokens between a negator and the word it turns.
NEGATION_WINDOW = 3
#: Factor applied to a negated positive word and to a negated negative word.
NEGATED_POSITIVE = -1.0
NEGATED_NEGATIVE = -0.5
#: Weights of the parts before and after a "but" word, and of a "though" clause.
BEFORE_BUT, AFTER_BUT, THOUGH = 0.5, 1.5, 0.5
#: Factor applied to sarcasm-prone praise (``sarcasm_praise.txt``) in a text whose only
#: positive words are such praise and that names a clear problem (score <= -1.5).
SARCASM = -0.5
#: Texts scored at a time by :func:`lexicon_sentiment` (bounds memory on millions of texts).
BATCH_TEXTS = 250_000

_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_VOWELS = "aeiou"


@dataclass
class _Lexicon:
    words: dict[str, float]
    phrases: dict[tuple[str, ...], float]
    negators: dict[str, float]
    before: dict[str, float]
    after: dict[str, float]
    but: frozenset[str]
    though: frozenset[str]
    name_cues: frozenset[str] = frozenset()
    cache: dict[str, float | None] = field(default_factory=dict)


def _add(words, phrases, table, *, overwrite: bool, boosters=frozenset()) -> None:
    exact, mapped = [], []
    for term, score in table.items():
        key = norm_phrase(term)
        if not key:
            continue
        if " ".join(key) == term:
            exact.append((key, score))
        elif not (len(key) > 1 and key[-1] in boosters):
            # slang such as "maknyus" -> "enak sekali" is left to the booster rule
            mapped.append((key, score))
    for group, force in ((exact, True), (mapped, False)):
        for key, score in group:
            target = words if len(key) == 1 else phrases
            k = key[0] if len(key) == 1 else key
            if overwrite or force or k not in target:
                target[k] = score


def _number(text: str, name: str, line: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise HumaskitError(t("text.bad_line", None, name=name, line=line)) from None


@lru_cache(maxsize=8)
def _lexicon(extra: tuple[tuple[str, float], ...] = ()) -> _Lexicon:
    negators = {}
    for line in wordlist("negators.txt"):
        parts = line.split()
        negators[parts[0]] = _number(parts[1], "negators.txt", line) if len(parts) > 1 else 0.0
    before: dict[str, float] = {}
    after: dict[str, float] = {}
    for line in wordlist("boosters.txt"):
        parts = line.split()
        place = parts[2] if len(parts) > 2 else "before"
        if len(parts) < 2 or place not in ("before", "after", "both"):
            raise HumaskitError(t("text.bad_line", None, name="boosters.txt", line=line))
        factor = _number(parts[1], "boosters.txt", line)
        for tok in norm_phrase(parts[0])[:1]:
            if place in ("before", "both"):
                before[tok] = factor
            if place in ("after", "both"):
                after[tok] = factor
    for term, factor in read_scores("softeners.txt").items():
        for tok in norm_phrase(term)[:1]:
            before.setdefault(tok, factor)
    but, though = set(), set()
    for line in wordlist("contrast.txt"):
        parts = line.split()
        (but if parts[-1] == "but" else though).add(parts[0])
    words: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    boosters = frozenset(after)
    _add(words, phrases, sentiment_lexicon(), overwrite=False, boosters=boosters)
    if extra:
        _add(words, phrases, dict(extra), overwrite=True, boosters=boosters)
    cues = set()
    for entry in wordlist("name_cues.txt"):
        cues.update(norm_phrase(entry))
    return _Lexicon(
        words, phrases, negators, before, after, frozenset(but), frozenset(though), frozenset(cues)
    )


def _candidates(word: str):
    """Possible base forms of an affixed Indonesian word, most likely first."""
    bases = [word]
    w = word
    for suf in _PARTICLES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            bases.append(w)
            break
    for suf in _POSSESSIVES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            bases.append(w)
            break
    stems = list(bases)
    for b in bases:
        for suf in _SUFFIXES:
            if b.endswith(suf) and len(b) - len(suf) >= 3:
                stems.append(b[: -len(suf)])
    out = list(stems)
    for s in stems:
        out.extend(_strip_prefix(s))
    seen = set()
    for c in out[1:]:
        if c not in seen and len(c) >= 3:
            seen.add(c)
            yield c


def _strip_prefix(w: str) -> list[str]:
    out = []
    for pre in ("di", "ter", "ke", "se", "ber", "per"):
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            out.append(w[len(pre) :])
    if w.startswith("be") and len(w) > 5 and w[2] != "r":  # bekerja -> kerja
        out.append(w[2:])
    for me in ("me", "pe"):
        if not w.startswith(me):
            continue
        rest = w[2:]
        if rest.startswith("ny") and len(rest) > 3:
            out.append("s" + rest[2:])
            out.append(rest[2:])
        elif rest.startswith("ng") and len(rest) > 3:
            r = rest[2:]
            out.append(r)
            if r[:1] in _VOWELS:
                out.append("k" + r)
            if r.startswith("e") and len(r) > 3:
                out.append(r[1:])
        elif rest.startswith("m") and len(rest) > 3:
            r = rest[1:]
            out.append(r)
            if r[:1] in _VOWELS:
                out.append("p" + r)
        elif rest.startswith("n") and len(rest) > 3:
            r = rest[1:]
            out.append(r)
            if r[:1] in _VOWELS:
                out.append("t" + r)
        elif rest[:1] in "lrwy" and len(rest) >= 3:
            out.append(rest)
        elif rest.startswith("r") and len(rest) > 3:
            out.append(rest[1:])
    return out


def _word_score(lex: _Lexicon, word: str) -> float | None:
    """Lexicon score of a token (affixes stripped when needed), ``None`` if unknown."""
    score = lex.words.get(word)
    if score is not None:
        return score
    if word in lex.cache:
        return lex.cache[word]
    found = None
    if word.isalpha() and len(word) > 4:
        for cand in _candidates(word):
            score = lex.words.get(cand)
            if score is not None:
                found = score
                break
    elif "-" in word:
        parts = word.split("-")
        if len(parts) == 2 and parts[0] == parts[1]:
            found = _word_score(lex, parts[0])
    if len(lex.cache) > 500_000:
        lex.cache.clear()
    lex.cache[word] = found
    return found


def _names(tok: Tokens, lex: _Lexicon, bound_v: np.ndarray) -> np.ndarray | None:
    """Tokens that are part of a name: Capitalised words right after a cue word.

    ``warga Pakuwon Asri``, ``Jl. Melati Indah``, ``Pak Bagus``: the Capitalised run
    after ``warga``/``jalan``/``bapak`` names a place or a person. Texts written mostly
    in Capitalised Words are skipped.
    """
    if tok.title is None or not len(tok.ids) or not tok.title.any():
        return None
    ids, row = tok.ids, tok.row
    cue = np.array([w in lex.name_cues for w in tok.vocab], dtype=bool)[ids]
    alpha = np.array([w.isalpha() for w in tok.vocab], dtype=bool)[ids]
    title = tok.title & alpha
    n_alpha = np.bincount(row, weights=alpha, minlength=tok.n)
    n_title = np.bincount(row, weights=title, minlength=tok.n)
    mostly = n_title > 0.6 * np.maximum(n_alpha, 1)
    t = title & ~cue & ~bound_v[ids] & ~mostly[row]
    if not t.any():
        return None
    same_prev = np.zeros(len(ids), dtype=bool)
    same_prev[1:] = row[1:] == row[:-1]
    start = t & ~(_shift(t, 1, False) & same_prev)
    after_cue = _shift(cue, 1, False) & same_prev
    run = np.cumsum(start) - 1
    is_name = after_cue[start]
    return t & is_name[np.maximum(run, 0)]


def _shift(a: np.ndarray, k: int, fill) -> np.ndarray:
    """``a`` moved ``k`` places later (k > 0) or earlier (k < 0), gaps filled."""
    out = np.empty_like(a)
    if k > 0:
        out[:k] = fill
        out[k:] = a[:-k]
    else:
        out[k:] = fill
        out[:k] = a[-k:]
    return out


def token_effects(tok: Tokens, lex: _Lexicon | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Weighted sentiment of every token (after phrases, negation, boosters, contrast).

    Returns ``(effect, is_sentiment_token)``, both aligned with ``tok.ids``.
    """
    if lex is None:
        lex = _lexicon()
    total = len(tok.ids)
    if total == 0:
        return np.zeros(0), np.zeros(0, dtype=bool)
    vocab = tok.vocab
    vals = np.zeros(len(vocab))
    for i, w in enumerate(vocab):
        s = _word_score(lex, w)
        if s:
            vals[i] = s
    neg_v = np.array([w in lex.negators for w in vocab], dtype=bool)
    vals[neg_v] = 0.0  # a negator's own weight is its "lone" score
    lone_v = np.array([lex.negators.get(w, 0.0) for w in vocab])
    pre_v = np.array([lex.before.get(w, 1.0) for w in vocab])
    post_v = np.array([lex.after.get(w, 1.0) for w in vocab])
    but_v = np.array([w in lex.but for w in vocab], dtype=bool)
    though_v = np.array([w in lex.though for w in vocab], dtype=bool)
    bound_v = np.array([w in BOUNDARIES for w in vocab], dtype=bool)
    ids = tok.ids
    val, neg, lone = vals[ids], neg_v[ids], lone_v[ids]
    pre, post = pre_v[ids], post_v[ids]
    but, though, bound = but_v[ids], though_v[ids], bound_v[ids]
    names = _names(tok, lex, bound_v)
    if names is not None:
        val[names] = 0.0
    # phrases replace their words (longest first; a token belongs to one phrase)
    covered = np.zeros(total, dtype=bool)
    for length, starts, keys in tok.match_phrases(lex.phrases):
        free = ~covered[starts]
        for k in range(1, length):
            free &= ~covered[starts + k]
        starts = starts[free]
        if not len(starts):
            continue
        scores = np.array([lex.phrases[k] for k, f in zip(keys, free, strict=True) if f])
        val[starts] = scores
        neg[starts] = False
        lone[starts] = 0.0
        pre[starts] = 1.0
        covered[starts] = True
        for k in range(1, length):
            idx = starts + k
            val[idx] = 0.0
            neg[idx] = False
            lone[idx] = 0.0
            pre[idx] = 1.0
            post[idx] = 1.0
            covered[idx] = True
    if names is not None:
        val[names] = 0.0
    pos = np.arange(total)
    row = tok.row
    seg_start = np.maximum.accumulate(np.where(tok.row_starts(), pos, 0))
    same_prev = np.zeros(total, dtype=bool)
    same_prev[1:] = row[1:] == row[:-1]
    same_next = np.zeros(total, dtype=bool)
    same_next[:-1] = same_prev[1:]
    brk = bound | but | though
    polar = val != 0
    # negation scope
    last_break = _shift(np.maximum.accumulate(np.where(brk, pos, -1)), 1, -1)
    last_neg = _shift(np.maximum.accumulate(np.where(neg, pos, -1)), 1, -1)
    negated = (
        polar
        & (last_neg >= seg_start)
        & (last_neg > last_break)
        & (pos - last_neg <= NEGATION_WINDOW)
    )
    used = np.zeros(total, dtype=bool)
    used[last_neg[negated]] = True
    eff = np.where(negated, np.where(val > 0, val * NEGATED_POSITIVE, val * NEGATED_NEGATIVE), val)
    eff = eff + np.where(neg & ~used, lone, 0.0)
    # boosters and softeners
    pre1 = np.where(same_prev & ~_shift(brk, 1, False), _shift(pre, 1, 1.0), 1.0)
    gap2 = same_prev & _shift(same_prev, 1, False) & ~_shift(brk, 1, False) & ~_shift(brk, 2, False)
    pre2 = np.where(gap2 & _shift(neg, 1, False), _shift(pre, 2, 1.0), 1.0)
    post1 = np.where(same_next & ~_shift(brk, -1, False), _shift(post, -1, 1.0), 1.0)
    mult = np.where(polar, pre1 * pre2 * post1, 1.0)
    # a booster that is also a sentiment word ("parah") only boosts the word before it
    boosting = (post != 1.0) & same_prev & _shift(polar, 1, False)
    eff = np.where(boosting, 0.0, eff) * mult
    # contrast
    last_but = _shift(np.maximum.accumulate(np.where(but, pos, -1)), 1, -1)
    after_but = last_but >= seg_start
    seg_end = np.empty(total, dtype=np.int64)
    starts_idx = np.flatnonzero(tok.row_starts())
    ends = np.append(starts_idx[1:], total)
    seg_end[:] = np.repeat(ends, np.diff(np.append(starts_idx, total)))
    big = total + 1
    next_but = _shift(np.minimum.accumulate(np.where(but, pos, big)[::-1])[::-1], -1, big)
    before_but = next_but < seg_end
    last_bound = _shift(np.maximum.accumulate(np.where(bound, pos, -1)), 1, -1)
    last_though = np.maximum.accumulate(np.where(though, pos, -1))
    in_though = (last_though >= seg_start) & (last_though > last_bound)
    weight = np.where(after_but, AFTER_BUT, 1.0) * np.where(before_but, BEFORE_BUT, 1.0)
    weight = weight * np.where(in_though, THOUGH, 1.0)
    eff = eff * weight
    # sarcasm: "hebat ya, jalan rusak dibiarkan setahun 👏"
    praise_v = _praise_vocab(tok)
    if praise_v is not None:
        praise = praise_v[ids] & (eff > 0)
        if praise.any():
            n = tok.n
            other_pos = np.bincount(row, weights=(eff > 0) & ~praise, minlength=n) > 0
            problem = np.bincount(row, weights=eff <= -1.5, minlength=n) > 0
            has_praise = np.bincount(row, weights=praise, minlength=n) > 0
            sarcastic = has_praise & problem & ~other_pos
            flip = praise & sarcastic[row]
            eff = np.where(flip, eff * SARCASM, eff)
    return eff, polar | (neg & ~used & (lone != 0))


def _praise_vocab(tok: Tokens) -> np.ndarray | None:
    """Per vocabulary entry: a word of ``sarcasm_praise.txt`` (phrases by their words)."""
    words = _sarcasm_words()
    if not words:
        return None
    return np.array([w in words for w in tok.vocab], dtype=bool)


@lru_cache(maxsize=1)
def _sarcasm_words() -> frozenset[str]:
    out: set[str] = set()
    for line in wordlist("sarcasm_praise.txt"):
        out.update(norm_phrase(line))
    return frozenset(out)


def raw_scores(tok: Tokens, lex: _Lexicon | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Raw sentiment score of each text and the number of sentiment tokens it has."""
    eff, hit = token_effects(tok, lex)
    if not len(eff):
        return np.zeros(tok.n), np.zeros(tok.n)
    raw = np.bincount(tok.row, weights=eff, minlength=tok.n)
    hits = np.bincount(tok.row, weights=hit, minlength=tok.n)
    return raw, hits


def _labels(raw: np.ndarray) -> np.ndarray:
    labels = np.full(len(raw), "neutral", dtype=object)
    labels[raw > POSITIVE_AT] = "positive"
    labels[raw < NEGATIVE_AT] = "negative"
    return labels


def lexicon_sentiment(texts: object, *, lexicon: object = None) -> pd.DataFrame:
    """Score texts with the bundled lexicon (plus ``lexicon`` extra entries).

    The engine behind :func:`humaskit.text.sentiment` with ``backend="lexicon"``.

    Examples
    --------
    >>> lexicon_sentiment(["mantul", "tidak mantul"], lexicon={"mantul": 3})["label"].tolist()
    ['positive', 'negative']
    """
    s = as_texts(texts)
    extra = extra_scores(lexicon)
    lex = _lexicon(tuple(sorted(extra.items()))) if extra else _lexicon()
    # bounded batches: the token arrays of one batch at a time (each text is scored on
    # its own, so the result does not depend on the batch size)
    raw = np.zeros(len(s))
    for start in range(0, len(s), BATCH_TEXTS):
        part = s.iloc[start : start + BATCH_TEXTS]
        raw[start : start + len(part)] = raw_scores(tokenize(to_arrow(part)), lex)[0]
    return pd.DataFrame(
        {
            "label": pd.array(_labels(raw), dtype="str"),
            "score": raw / np.sqrt(raw * raw + 4.0),
        },
        index=s.index,
    )
