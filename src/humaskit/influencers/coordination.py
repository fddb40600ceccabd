"""Signs of coordinated posting, for a person to check (never a verdict).

Many accounts posting the same or nearly the same text within minutes can be a
coordinated campaign (buzzers amplifying one message, often from new or low-follower
accounts). It can also be citizens sharing a template complaint or a petition. This
module only finds the groups and lays out the evidence; a person decides.

How groups are found (fast enough for millions of mentions):

1. **Normalise** each text: lower case, links, @handles, numbers, emoji and punctuation
   removed, spaces collapsed. Texts with fewer than ``min_words`` words are skipped
   (short replies such as "mantap pak" are common and say nothing about coordination),
   and so are plain reposts (``RT @akun: ...``): a repost copies its text by design, so
   the same text is no signal there (``reposts=True`` keeps them).
2. **Candidates** by MinHash (24 hashes over the set of words) and locality-sensitive
   hashing (6 bands of 4): texts whose estimated word-set Jaccard similarity is about
   0.8 or more share a band with high probability. Inside a band, texts posted at most
   ``window_minutes`` apart are chained together.
3. **Check** every candidate group: each text's similarity to the group's most common
   text is the Jaccard similarity of their character 3-gram sets; texts below
   ``similarity`` leave the group. The rest is split where two consecutive posts are more
   than ``window_minutes`` apart.
4. A group is reported when at least ``min_accounts`` distinct accounts remain, with the
   evidence: accounts, posts, first and last time, span in minutes, share of new accounts
   (created fewer than ``new_account_days`` days before posting) and of low-follower
   accounts (fewer than ``low_followers``), the text (personal data masked) and the
   account list (private citizens pseudonymised).
5. **Priority** for the person who checks: ``high`` when most accounts are new *and*
   most have few followers, ``medium`` when one of the two holds, ``low`` when only the
   same text in a short time was seen (often citizens sharing one complaint). Higher
   priority first, then more accounts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import SchemaError
from ..i18n import resolve, t
from ..privacy import (
    is_public_account,
    mask_handles,
    mask_personal_data,
    normalize_handles,
    pseudonymize,
)
from ._common import arrow, check_positive

__all__ = ["coordination", "normalize_texts"]

_HASHES = 24
_BANDS = 6
_PRIME = np.uint64((1 << 31) - 1)  # Mersenne prime: (a*x+b) mod p mixes well


_WS = " \\t\\n\\r\\f\\v"


def normalize_texts(texts: pd.Series) -> pd.Series:
    """Lower case, no links/handles/numbers/punctuation/emoji, single spaces.

    Uses ASCII character classes only, so pandas runs the regexes in pyarrow (fast).

    Examples
    --------
    >>> normalize_texts(pd.Series(["JALAN Rusak!!! 😡 @pemkot https://x.co/1 no.12"])).tolist()
    ['jalan rusak no']
    """
    s = texts.astype("str").str.lower()
    s = s.str.replace(rf"https?://[^{_WS}]+|www\.[^{_WS}]+|@[a-z0-9_.]+", " ", regex=True)
    s = s.str.replace(rf"[^a-z{_WS}]+", " ", regex=True)
    return s.str.replace(rf"[{_WS}]+", " ", regex=True).str.strip()


def _minhash(norm: pd.Series, min_words: int) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (rows x _HASHES) of the word sets; returns (row positions, sigs)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = arrow(norm)
    lists = pc.split_pattern(arr, " ")
    count = pc.fill_null(pc.list_value_length(lists), 0).to_numpy(zero_copy_only=False)
    empty = pc.fill_null(pc.equal(arr, ""), True).to_numpy(zero_copy_only=False)
    count = np.where(empty, 0, count)
    pos = np.flatnonzero(count >= min_words)
    if len(pos) == 0:
        return pos, np.zeros((0, _HASHES), dtype=np.uint32)
    chosen = lists.take(pa.array(pos))
    flat = pc.list_flatten(chosen)
    enc = pc.dictionary_encode(flat)
    codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    ids = np.arange(1, len(enc.dictionary) + 1, dtype=np.uint64)
    starts = np.r_[0, np.cumsum(count[pos])[:-1]].astype(np.int64)
    rng = np.random.default_rng(20250)
    a = rng.integers(1, (1 << 31) - 1, _HASHES, dtype=np.uint64)
    b = rng.integers(0, (1 << 31) - 1, _HASHES, dtype=np.uint64)
    sig = np.empty((len(pos), _HASHES), dtype=np.uint32)
    for k in range(_HASHES):
        # hash each distinct word once, then look the hashes up for every occurrence
        table = ((a[k] * ids + b[k]) % _PRIME).astype(np.uint32)
        sig[:, k] = np.minimum.reduceat(table[codes], starts)
    return pos, sig


def _candidate_groups(
    pos: np.ndarray, sig: np.ndarray, times: np.ndarray, window_ns: int
) -> np.ndarray:
    """Connected components of texts that share a band and are within the window."""
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    n = len(pos)
    r = _HASHES // _BANDS
    src, dst = [], []
    mult = np.array(
        [1, 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64
    )[:r]
    for band in range(_BANDS):
        key = (sig[:, band * r : (band + 1) * r].astype(np.uint64) * mult).sum(
            axis=1, dtype=np.uint64
        )
        order = np.lexsort((times, key))
        k_sorted, t_sorted = key[order], times[order]
        link = (k_sorted[1:] == k_sorted[:-1]) & (t_sorted[1:] - t_sorted[:-1] <= window_ns)
        src.append(order[:-1][link])
        dst.append(order[1:][link])
    s = np.concatenate(src) if src else np.array([], dtype=np.int64)
    d = np.concatenate(dst) if dst else np.array([], dtype=np.int64)
    graph = sparse.coo_matrix((np.ones(len(s)), (s, d)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


def _shingles(text: str) -> set[str]:
    text = f" {text} "
    return {text[i : i + 3] for i in range(max(1, len(text) - 2))}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _verified_groups(
    labels: np.ndarray,
    big: np.ndarray,
    pos: np.ndarray,
    sig: np.ndarray,
    times: np.ndarray,
    norm: pd.Series,
    author: pd.Series,
    similarity: float,
    window_ns: int,
    min_accounts: int,
) -> list[pd.DataFrame]:
    """Step 3 of the module docstring, vectorised except for the final character check."""
    k = np.flatnonzero(np.isin(labels, big))
    lab, rows, tt = labels[k], pos[k], times[k]
    acodes = pd.factorize(author.iloc[rows])[0]
    # keep candidate groups with enough distinct accounts before looking at texts
    n_acc = pd.DataFrame({"lab": lab, "a": acodes}).drop_duplicates().groupby("lab").size()
    ok = np.isin(lab, n_acc.index[n_acc >= min_accounts].to_numpy())
    k, lab, rows, tt, acodes = k[ok], lab[ok], rows[ok], tt[ok], acodes[ok]
    if len(k) == 0:
        return []
    texts = norm.iloc[rows]
    tcode = pd.factorize(texts)[0]
    # the most common text of each candidate group is its reference
    cnt = (
        pd.DataFrame({"lab": lab, "tc": tcode, "i": np.arange(len(k))})
        .groupby(["lab", "tc"], sort=False)
        .agg(n=("i", "size"), first=("i", "min"))
        .reset_index()
        .sort_values(["n", "first"], ascending=[False, True])
        .drop_duplicates("lab")
    )
    ref = pd.Series(cnt["first"].to_numpy(), index=cnt["lab"].to_numpy()).reindex(lab).to_numpy()
    # cheap filter: MinHash estimate of word Jaccard with the reference text
    est = (sig[k] == sig[k[ref]]).mean(axis=1)
    sims = np.where(tcode == tcode[ref], 1.0, 0.0)
    check = np.flatnonzero((tcode != tcode[ref]) & (est >= max(0.0, similarity - 0.25)))
    if len(check):
        vals = texts.to_numpy(dtype=object)
        cache: dict[tuple[int, int], float] = {}
        shingles: dict[int, set[str]] = {}
        for i in check:
            key = (int(tcode[i]), int(tcode[ref[i]]))
            if key not in cache:
                if key[0] not in shingles:
                    shingles[key[0]] = _shingles(vals[i])
                if key[1] not in shingles:
                    shingles[key[1]] = _shingles(vals[ref[i]])
                a, b = shingles[key[0]], shingles[key[1]]
                cache[key] = _jaccard(a, b)
            sims[i] = cache[key]
    keep = sims >= similarity
    lab, rows, tt, acodes, sims = lab[keep], rows[keep], tt[keep], acodes[keep], sims[keep]
    order = np.lexsort((tt, lab))
    lab, rows, tt, acodes, sims = lab[order], rows[order], tt[order], acodes[order], sims[order]
    brk = np.r_[True, (lab[1:] != lab[:-1]) | (np.diff(tt) > window_ns)]
    gid = np.cumsum(brk)
    parts = pd.DataFrame({"g": gid, "a": acodes})
    n_acc = parts.drop_duplicates().groupby("g").size()
    good = np.isin(gid, n_acc.index[n_acc >= min_accounts].to_numpy())
    found = pd.DataFrame(
        {"g": gid[good], "row": rows[good], "t": tt[good], "similarity": sims[good]}
    )
    return [
        grp.drop(columns="g").reset_index(drop=True) for _, grp in found.groupby("g", sort=True)
    ]


def coordination(
    mentions: pd.DataFrame,
    *,
    window_minutes: float = 10,
    min_accounts: int = 5,
    similarity: float = 0.8,
    new_account_days: int = 90,
    low_followers: int = 100,
    min_words: int = 4,
    reposts: bool = False,
    detail: bool = False,
    register: Any = None,
    institution_accounts: Any = None,
    pseudonymize: bool = True,
    salt: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Find groups of accounts posting the same or near-same text within minutes.

    The result is a list of things to look at, with the evidence; it is not a finding
    of coordination (see the module docstring for the method and its limits).

    Parameters
    ----------
    mentions : DataFrame
        Canonical mentions: ``author``, ``text``, ``created_at`` (``mention_id``,
        ``author_followers``, ``author_created_at`` and ``platform`` used when present).
    window_minutes : float
        Longest gap between two consecutive posts of a group.
    min_accounts : int
        Fewest distinct accounts that make a group.
    similarity : float
        Lowest character 3-gram Jaccard similarity to the group's most common text (0-1).
    new_account_days, low_followers : int
        What counts as a new account and as a low-follower account in the evidence.
    min_words : int
        Texts with fewer words are skipped.
    reposts : bool
        Also look at plain reposts (texts starting with ``RT @``); skipped by default.
    detail : bool
        False: one row per group. True: one row per post of every group.
    register, institution_accounts, pseudonymize, salt
        Private citizens' handles are pseudonymised (as in :func:`opinion_leaders`).
    lang : {"id", "en"}, optional
        Language of the signals and the note.

    Returns
    -------
    DataFrame
        One row per group, highest priority first: group, priority (high/medium/low),
        platform, accounts, posts, start, end, minutes, similarity (mean),
        new_accounts (share), low_followers (share),
        median_followers, text (most common, personal data masked), authors, mention_ids,
        signals, note. With ``detail=True``: group, mention_id, platform, author,
        created_at, account_age_days, followers, similarity, text.

    Examples
    --------
    >>> import pandas as pd
    >>> base = pd.Timestamp("2025-09-10 08:00", tz="UTC")
    >>> m = pd.DataFrame({"author": [f"akun{i}" for i in range(6)] + ["warga"],
    ...     "text": ["Jembatan Sukamaju ambruk, pemkot diam saja!!"] * 6 + ["jalan rusak"],
    ...     "created_at": [base + pd.Timedelta(minutes=i) for i in range(7)]})
    >>> g = coordination(m, lang="en")
    >>> int(g.loc[0, "accounts"]), g.loc[0, "note"].startswith("For a person to check")
    (6, True)
    """
    lang = resolve(lang)
    check_positive("window_minutes", window_minutes, lang, minimum=0)
    check_positive("min_accounts", min_accounts, lang, minimum=2)
    check_positive("min_words", min_words, lang, minimum=1)
    check_positive("similarity", similarity, lang, minimum=0)
    if float(similarity) > 1:
        check_positive("similarity", -1, lang, minimum=0)
    if not isinstance(mentions, pd.DataFrame):
        raise SchemaError(
            t("schema.not_a_table", lang, table="mentions", got=type(mentions).__name__)
        )
    need = [c for c in ("author", "text", "created_at") if c not in mentions.columns]
    if need:
        raise SchemaError(
            t(
                "schema.missing_columns",
                lang,
                table="mentions",
                columns=", ".join(need),
                expected="author, text, created_at",
            )
        )
    m = mentions.reset_index(drop=True)
    created = m["created_at"]
    if not isinstance(created.dtype, pd.DatetimeTZDtype):
        created = pd.to_datetime(created, utc=True, errors="coerce", format="mixed")
    author = normalize_handles(m["author"])
    usable = author.notna() & created.notna() & m["text"].notna()
    if not reposts:
        is_rt = m["text"].astype("str").str.match(r"[ \t]*[Rr][Tt] @").fillna(False)
        usable &= ~is_rt.astype(bool)
    norm = normalize_texts(m["text"]).where(usable)
    pos, sig = _minhash(norm, int(min_words))
    cols = [
        "group",
        "priority",
        "platform",
        "accounts",
        "posts",
        "start",
        "end",
        "minutes",
        "similarity",
        "new_accounts",
        "low_followers",
        "median_followers",
        "text",
        "authors",
        "mention_ids",
        "signals",
        "note",
    ]
    if len(pos) < min_accounts:
        return _empty(detail, cols)
    times = (
        created.iloc[pos]
        .dt.tz_convert("UTC")
        .dt.tz_localize(None)
        .to_numpy()
        .astype("datetime64[ns]")
        .astype(np.int64)
    )
    window_ns = int(float(window_minutes) * 60 * 1e9)
    labels = _candidate_groups(pos, sig, times, window_ns)
    sizes = np.bincount(labels)
    big = np.flatnonzero(sizes >= int(min_accounts))
    if len(big) == 0:
        return _empty(detail, cols)
    groups = _verified_groups(
        labels, big, pos, sig, times, norm, author, float(similarity), window_ns, int(min_accounts)
    )
    if not groups:
        return _empty(detail, cols)
    return _evidence(
        m,
        author,
        created,
        norm,
        groups,
        detail=detail,
        new_account_days=new_account_days,
        low_followers=low_followers,
        register=register,
        institution_accounts=institution_accounts,
        pseudonymize_private=pseudonymize,
        salt=salt,
        lang=lang,
        cols=cols,
    )


def _empty(detail: bool, cols: list[str]) -> pd.DataFrame:
    if detail:
        cols = [
            "group",
            "mention_id",
            "platform",
            "author",
            "created_at",
            "account_age_days",
            "followers",
            "similarity",
            "text",
        ]
    return pd.DataFrame(columns=cols)


def _evidence(
    m,
    author,
    created,
    norm,
    groups,
    *,
    detail,
    new_account_days,
    low_followers,
    register,
    institution_accounts,
    pseudonymize_private,
    salt,
    lang,
    cols,
):
    # order groups by distinct accounts, then by start time, for stable numbering
    groups = sorted(
        groups, key=lambda g: (-author.iloc[g["row"].to_numpy()].nunique(), int(g["t"].iloc[0]))
    )  # renumbered below
    members = pd.concat([g.assign(group=i + 1) for i, g in enumerate(groups)], ignore_index=True)
    rows = members["row"].to_numpy()
    shown = author.iloc[rows].reset_index(drop=True)
    if pseudonymize_private:
        from .network import _handles_of

        reg = _handles_of(register)
        inst = _handles_of(institution_accounts)
        if "account" in m.columns:
            inst |= set(normalize_handles(pd.Series(m["account"].dropna().unique())).dropna())
        types = (
            m["author_type"].iloc[rows].reset_index(drop=True)
            if "author_type" in m.columns
            else None
        )
        public = is_public_account(
            shown, author_types=types, register=reg, institution_accounts=inst
        )
        shown = pseudonymize(shown, salt=salt, keep=public)
    at = created.iloc[rows].reset_index(drop=True)
    if "author_created_at" in m.columns:
        born = m["author_created_at"].iloc[rows].reset_index(drop=True)
        if not isinstance(born.dtype, pd.DatetimeTZDtype):
            born = pd.to_datetime(born, utc=True, errors="coerce", format="mixed")
        age = (at - born).dt.days.astype("Float64")
    else:
        age = pd.Series(pd.NA, index=shown.index, dtype="Float64")
    followers = (
        pd.to_numeric(m["author_followers"].iloc[rows], errors="coerce")
        .reset_index(drop=True)
        .astype("Float64")
        if "author_followers" in m.columns
        else pd.Series(pd.NA, index=shown.index, dtype="Float64")
    )
    plat = (
        m["platform"].iloc[rows].astype("str").reset_index(drop=True)
        if "platform" in m.columns
        else pd.Series(pd.NA, index=shown.index, dtype="str")
    )
    mid = (
        m["mention_id"].iloc[rows].astype("str").reset_index(drop=True)
        if "mention_id" in m.columns
        else pd.Series(rows.astype(str), dtype="str")
    )
    text = mask_personal_data(m["text"].iloc[rows].reset_index(drop=True), lang=lang)
    if pseudonymize_private:
        text = mask_handles(text, salt=salt, keep=reg | inst)
    det = pd.DataFrame(
        {
            "group": members["group"].to_numpy(),
            "mention_id": mid,
            "platform": plat,
            "author": shown,
            "created_at": at,
            "account_age_days": age,
            "followers": followers,
            "similarity": members["similarity"].round(3).to_numpy(),
            "text": text,
        }
    )
    if detail:
        return det
    out = []
    for gid, g in det.groupby("group", sort=True):
        raw_author = author.iloc[members.loc[members["group"] == gid, "row"].to_numpy()]
        n_acc = int(raw_author.nunique())
        start, end = g["created_at"].min(), g["created_at"].max()
        known_age = g["account_age_days"].notna()
        new_share = (
            float((g.loc[known_age, "account_age_days"] < new_account_days).mean())
            if known_age.any()
            else np.nan
        )
        known_f = g["followers"].notna()
        low_share = (
            float((g.loc[known_f, "followers"] < low_followers).mean()) if known_f.any() else np.nan
        )
        minutes = (end - start).total_seconds() / 60
        signals = [t("influencers.coord_signal_same", lang, n=n_acc, minutes=f"{minutes:.0f}")]
        if not np.isnan(new_share) and new_share >= 0.5:
            signals.append(
                t(
                    "influencers.coord_signal_new",
                    lang,
                    pct=f"{new_share:.0%}",
                    days=new_account_days,
                )
            )
        if not np.isnan(low_share) and low_share >= 0.5:
            signals.append(
                t("influencers.coord_signal_low", lang, pct=f"{low_share:.0%}", n=low_followers)
            )
        out.append(
            {
                "group": int(gid),
                "platform": ", ".join(sorted(g["platform"].dropna().unique())),
                "accounts": n_acc,
                "posts": len(g),
                "start": start,
                "end": end,
                "minutes": round(minutes, 1),
                "similarity": round(float(g["similarity"].mean()), 3),
                "new_accounts": new_share,
                "low_followers": low_share,
                "median_followers": (float(g["followers"].median()) if known_f.any() else np.nan),
                "text": g["text"].value_counts().index[0],
                "authors": ", ".join(pd.unique(g["author"].astype("str"))),
                "mention_ids": ", ".join(g["mention_id"].astype("str")),
                "signals": "; ".join(signals),
                "note": t("influencers.coord_note", lang),
                "_n": len(signals),
                "priority": ("high", "medium", "low")[3 - len(signals)],
            }
        )
    table = pd.DataFrame(out)
    table = table.sort_values(["_n", "accounts", "start"], ascending=[False, False, True])
    table["group"] = range(1, len(table) + 1)
    return table[cols].reset_index(drop=True)
