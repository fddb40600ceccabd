"""Citizens, opinion leaders and the mentions they write (labels planted for tests)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import _model as M
from ._context import CENTRE_UNIT, DAY_US, US, Ctx, _cluster_day, _put, _truthy
from ._text import choose_within, join, table, words

# --------------------------------------------------------------------------- mentions


@dataclass
class Authors:
    """Everyone who writes in the mentions table: citizens, named accounts, the cluster."""

    handle: pa.Array
    followers: np.ndarray
    created_us: np.ndarray
    region: pa.Array
    atype: pa.Array
    is_citizen: np.ndarray
    n_citizens: int
    people: pd.DataFrame  # people.csv rows with column 'author' (index in the pool)
    cluster: np.ndarray  # author indices of the coordinated cluster
    cit_p: np.ndarray  # activity weights of the citizens


def make_authors(ctx: Ctx, rng: np.random.Generator) -> Authors:
    n_cit = max(400, int(round(5000 * ctx.volume)))
    names = np.array(words("names.txt"), dtype=object)
    tails = np.array(words("handle_words.txt"), dtype=object)
    nm = pa.array(names.tolist(), type=pa.string()).take(
        pa.array(rng.integers(0, len(names), n_cit))
    )
    tl = pa.array(tails.tolist(), type=pa.string()).take(
        pa.array(rng.integers(0, len(tails), n_cit))
    )
    sp = pa.array(["", "_", ".", ""]).take(pa.array(rng.integers(0, 4, n_cit)))
    num = pa.array(rng.integers(1, 999, n_cit)).cast(pa.string())
    with_num = rng.random(n_cit) < 0.55
    base = join(nm, sp, tl, pc.if_else(pa.array(with_num), num, pa.scalar("")))
    # make handles unique: repeats get a running number
    s = pd.Series(base, dtype="str")
    dup = s.groupby(s, sort=False).cumcount().to_numpy()
    if (dup > 0).any():
        rows = np.flatnonzero(dup > 0)
        suffix = pa.array(dup[rows]).cast(pa.string())
        base = _put(base, rows, join(base.take(pa.array(rows)), "_", suffix))
    stop_us = np.int64(ctx.stop_naive.value // 1000)
    cit_followers = np.minimum(rng.lognormal(np.log(150), 1.3, n_cit), 60_000)
    lo = np.int64(pd.Timestamp("2010-01-01").value // 1000)
    cit_created = rng.integers(lo, stop_us - 40 * DAY_US, n_cit) // US * US
    cities = words("cities.txt")
    city_p = np.array([0.62, 0.12, 0.06, 0.05, 0.05, 0.04, 0.02, 0.02, 0.01, 0.01])[: len(cities)]
    cit_region = pa.array(list(cities)).take(
        pa.array(rng.choice(len(cities), n_cit, p=city_p / city_p.sum()))
    )
    w = 1.0 / (rng.permutation(n_cit) + 25.0) ** 1.05

    people = table("people.csv")
    people["followers"] = people["followers"].astype(int)
    people["activity"] = people["activity"].astype(float)
    people["leader"] = _truthy(people["leader"])
    people["registered"] = _truthy(people["registered"])
    k = len(people)
    people["author"] = n_cit + np.arange(k)
    p_created = rng.integers(lo, np.int64(pd.Timestamp("2020-01-01").value // 1000), k) // US * US

    c = M.CLUSTER_SIZE
    c_start = ctx.start_us + _cluster_day(ctx) * DAY_US
    c_created = c_start - rng.integers(2 * 86400, 12 * 86400, c) * US
    c_followers = rng.integers(0, 40, c)

    def strs(values) -> pa.Array:
        return pa.array(list(values), type=pa.string())

    return Authors(
        handle=pa.concat_arrays(
            [base.cast(pa.string()), strs(people["handle"]), strs(cluster_handles())]
        ),
        followers=np.concatenate([cit_followers, people["followers"].to_numpy(), c_followers]),
        created_us=np.concatenate([cit_created, p_created, c_created]),
        region=pa.concat_arrays(
            [cit_region.cast(pa.string()), strs(people["region"]), strs(["Sukamaju"] * c)]
        ),
        atype=pa.concat_arrays(
            [
                pa.array(np.full(n_cit, "citizen", dtype=object), pa.string()),
                strs(people["author_type"]),
                strs(["citizen"] * c),
            ]
        ),
        is_citizen=np.concatenate(
            [np.ones(n_cit, bool), people["author_type"].eq("citizen").to_numpy(), np.ones(c, bool)]
        ),
        n_citizens=n_cit,
        people=people,
        cluster=n_cit + k + np.arange(c),
        cit_p=w / w.sum(),
    )


def cluster_handles() -> list[str]:
    """The cluster's handles: fixed (not drawn from the seed) so that tests can name them."""
    fixed = np.random.default_rng(20250914)
    names = words("names.txt")
    lead = ("warga", "peduli", "suara", "info")
    out = []
    for i in range(M.CLUSTER_SIZE):
        name = names[int(fixed.integers(0, len(names)))]
        out.append(f"{lead[i % 4]}_{name}{int(fixed.integers(1000, 9999))}")
    return out


#: Share of citizens' texts written with slang/typos, in lowercase, and with an emoji.
SLANG_SHARE = 0.33
LOWER_SHARE = 0.30
EMOJI_SHARE = 0.35


def _variants(texts: list[str]) -> list[str]:
    """Every template in 16 variants: slang style (none, 1, 2, 3) x lowercase x emoji.

    Slang replaces whole words from slang.csv, one spelling per style; the emoji is the
    fill-in ``{_emo}`` chosen by the row's sentiment.
    """
    import re

    slang = table("slang.csv").groupby("formal", sort=True)["informal"].agg(list)
    out = []
    for text in texts:
        for style in range(4):
            styled = text
            if style:
                for formal, spellings in slang.items():
                    pattern = rf"(?i)\b{re.escape(formal)}\b"
                    styled = re.sub(pattern, spellings[(style - 1) % len(spellings)], styled)
            for lower in (False, True):
                base = styled.lower() if lower else styled
                out.extend([base, base + " {_emo}"])
    return out


class Labels:
    """The mention templates and the label vocabularies (intent, topic, sentiment)."""

    #: Pre-made variants per template: 4 slang styles (0 = as written) x lowercase x emoji.
    VARIANTS = 16

    def __init__(self, ctx: Ctx) -> None:
        t = table("mentions.csv")
        self.text = t["template"].tolist()
        self.variants = _variants(self.text)
        self.intents = sorted(set(t["intent"]) | {"news", "hoax"})
        self.topics = sorted(set(t["topic"]) | set(ctx.topic_unit))
        self.sentiments = ["negative", "neutral", "positive"]
        self.intent = pd.Index(self.intents).get_indexer(t["intent"])
        self.topic = pd.Index(self.topics).get_indexer(t["topic"])
        self.sentiment = pd.Index(self.sentiments).get_indexer(t["sentiment"])
        self.umum = self.topics.index("umum")
        self.topic_unit = np.array(
            [ctx.unit_code[ctx.topic_unit.get(tp, CENTRE_UNIT)] for tp in self.topics]
        )

    def code(self, kind: str, value: str) -> int:
        return {"intent": self.intents, "topic": self.topics, "sentiment": self.sentiments}[
            kind
        ].index(value)

    def mix(self, rng: np.random.Generator, shares: dict[str, float], n: int) -> np.ndarray:
        """Intent codes drawn with the given shares."""
        names = list(shares)
        p = np.array([shares[k] for k in names], dtype=float)
        codes = np.array([self.intents.index(k) for k in names])
        return codes[rng.choice(len(names), n, p=p / p.sum())]

    def pick(
        self, intent: np.ndarray, key: np.ndarray, by: str, rng: np.random.Generator
    ) -> np.ndarray:
        """A template per row matching its intent and topic (``by="topic"``) or sentiment.

        A combination without a template falls back to topic "umum", then to any template
        of the intent.
        """
        col = self.topic if by == "topic" else self.sentiment
        width = len(self.topics) if by == "topic" else len(self.sentiments)
        group = self.intent * width + col
        order = np.argsort(group, kind="stable")
        sizes = np.bincount(group, minlength=len(self.intents) * width)
        want = intent * width + key
        if by == "topic":
            want = np.where(sizes[want] > 0, want, intent * width + self.umum)
        out = choose_within(want, sizes, rng)
        out = np.where(out >= 0, order[np.maximum(out, 0)], -1)
        miss = np.flatnonzero(out < 0)
        if len(miss):
            i_order = np.argsort(self.intent, kind="stable")
            i_sizes = np.bincount(self.intent, minlength=len(self.intents))
            out[miss] = i_order[choose_within(intent[miss], i_sizes, rng)]
        return out


@dataclass
class Part:
    """One component of the mentions table before the parts are merged."""

    acc_row: np.ndarray  # the institution's account the message belongs to
    kind: str
    created_us: np.ndarray  # local wall-clock microseconds
    author: np.ndarray
    template: np.ndarray  # template index (-1 = text given or copied)
    prefix: pa.Array | None = None
    suffix: pa.Array | None = None
    given: pa.Array | None = None
    labels: tuple[int, int, int] | None = None  # (intent, topic, sentiment) of given texts
    reply_post: np.ndarray | None = None  # row in posts
    reply_to: tuple[str, np.ndarray] | None = None  # (part, row) of the mention replied to
    copy_of: tuple[str, np.ndarray] | None = None  # reposts: (part, row) copied
    to_author: np.ndarray | None = None
    mentioned: pa.Array | None = None
    place: np.ndarray | None = None  # fill-in {place} forced (index into places.txt)
    program: np.ndarray | None = None  # fill-in {program} forced (index into programs.csv)

    def __len__(self) -> int:
        return len(self.author)


def _topic_for(
    ctx: Ctx, lab: Labels, unit_codes: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """A topic code per row: usually one the addressed unit owns (the centre gets any)."""
    weights = {
        "jalan": 3,
        "sampah": 2.5,
        "banjir": 1.2,
        "kesehatan": 2,
        "perizinan": 1.2,
        "pendidikan": 1.2,
        "transportasi": 1.2,
        "lampu_jalan": 1,
        "bansos": 1.5,
        "kependudukan": 1.8,
        "pungli": 0.6,
        "drainase": 0.8,
        "umum": 2,
    }
    w = np.array([weights.get(t, 1.0) for t in lab.topics])
    out = rng.choice(len(lab.topics), len(unit_codes), p=w / w.sum())
    # topics owned per unit, as groups for choose_within
    owner = lab.topic_unit
    order = np.argsort(owner, kind="stable")
    sizes = np.bincount(owner, minlength=len(ctx.unit_keys))
    own = choose_within(unit_codes, sizes, rng)
    use_own = (rng.random(len(unit_codes)) < 0.75) & (unit_codes != ctx.centre_code) & (own >= 0)
    return np.where(use_own, order[np.maximum(own, 0)], out)


def _times(ctx: Ctx, rng: np.random.Generator, n: int) -> np.ndarray:
    hours = np.array(M.CITIZEN_HOURS) / np.sum(M.CITIZEN_HOURS)
    day = rng.integers(0, ctx.ndays, n)
    secs = rng.choice(24, n, p=hours) * 3600 + rng.integers(0, 3600, n)
    return ctx.start_us + day * DAY_US + secs * US


def _citizens(rng: np.random.Generator, au: Authors, n: int) -> np.ndarray:
    """Heavy-tailed activity: a few citizens write a lot, most write once."""
    return rng.choice(au.n_citizens, n, p=au.cit_p)
