"""Benchmark of humaskit.influencers on a large generated conversation.

Prints the time of each step on 1,000,000 mentions among 100,000 accounts (the issue's
bar: opinion_leaders in under 30 s) and whether the planted leaders and the planted
coordinated cluster are found. Run: ``.venv/bin/python bench/bench_influencers.py``
(``--rows 200000 --accounts 20000`` for a quicker run).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import humaskit as hk

WORDS = (
    "jalan rusak lubang banjir sampah menumpuk puskesmas antre izin usaha lampu mati "
    "terima kasih cepat tanggap mantap layanan ktp syarat daftar pasar macet parkir "
    "air bersih sekolah beasiswa bansos posyandu taman trotoar drainase"
).split()


def conversation(rows: int, accounts: int, seed: int = 7) -> tuple[pd.DataFrame, dict]:
    """A mentions table with 5 planted leaders and one coordinated cluster of 20 accounts."""
    rng = np.random.default_rng(seed)
    handles = pd.Series([f"w{i:06d}" for i in range(accounts)], dtype="str")
    leaders = rng.choice(np.arange(100, accounts), 5, replace=False)
    activity = rng.zipf(1.6, accounts).astype(float)
    author = rng.choice(accounts, rows, p=activity / activity.sum())
    popularity = rng.pareto(1.5, accounts) + 1
    popularity[leaders] = popularity.max() * 3
    target = rng.choice(accounts, rows, p=popularity / popularity.sum())
    kind = rng.choice(3, rows, p=[0.45, 0.35, 0.2])  # to_author, mentioned, reply to post
    start = pd.Timestamp("2025-07-01", tz="UTC").value
    created = pd.to_datetime(
        np.sort(rng.integers(start, start + 92 * 86_400 * 10**9, rows)), utc=True
    )
    n_words = rng.integers(4, 14, rows)
    syllables = np.array(["ka", "ma", "ju", "ri", "su", "ta", "ne", "lo", "pa", "di", "ng", "an"])
    made = ["".join(rng.choice(syllables, 3)) for _ in range(3000)]
    vocab = np.array(list(WORDS) + made)
    freq = 1.0 / np.arange(1, len(vocab) + 1) ** 0.9  # Zipf-like word frequencies
    flat = vocab[rng.choice(len(vocab), int(n_words.sum()), p=freq / freq.sum())]
    splits = np.cumsum(n_words)[:-1]
    texts = [" ".join(x) for x in np.split(flat, splits)]
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkotsukamaju",
            "mention_id": pd.Series([f"m{i}" for i in range(rows)], dtype="str"),
            "kind": np.where(kind == 2, "comment", "mention"),
            "created_at": created,
            "author": handles.to_numpy()[author],
            "author_followers": rng.integers(20, 5000, rows),
            "text": pd.Series(texts, dtype="str"),
            "in_reply_to": pd.Series(np.where(kind == 2, "post1", None), dtype="str"),
            "to_author": pd.Series(
                np.where(kind == 0, handles.to_numpy()[target], None), dtype="str"
            ),
            "mentioned": pd.Series(
                np.where(kind == 1, "@" + handles.to_numpy()[target], None), dtype="str"
            ),
            "author_created_at": pd.Timestamp("2019-01-01", tz="UTC"),
        }
    )
    # planted cluster: 20 new low-follower accounts, same text, within 6 minutes
    t0 = pd.Timestamp("2025-08-20 03:00", tz="UTC")
    cluster = [f"baru{i:02d}" for i in range(20)]
    msg = "Jembatan Cibeureum ambruk karena proyek dikorupsi, pemkot diam saja! Sebarkan"
    variants = [msg, msg + "!!", msg.replace("diam saja", "diam aja"), msg + " sekarang"]
    extra = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkotsukamaju",
            "mention_id": [f"c{i}" for i in range(20)],
            "kind": "mention",
            "created_at": [t0 + pd.Timedelta(seconds=18 * i) for i in range(20)],
            "author": cluster,
            "author_followers": rng.integers(0, 40, 20),
            "text": [variants[i % 4] for i in range(20)],
            "in_reply_to": None,
            "to_author": None,
            "mentioned": "@pemkotsukamaju",
            "author_created_at": t0 - pd.Timedelta(days=10),
        }
    )
    m = pd.concat([m, extra], ignore_index=True)
    return m, {"leaders": set(handles.to_numpy()[leaders]), "cluster": set(cluster)}


def timed(label: str, fn):
    t0 = time.perf_counter()
    out = fn()
    print(f"{label:<48} {time.perf_counter() - t0:7.2f} s")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=100_000)
    args = ap.parse_args()
    m, truth = timed(
        f"generate {args.rows:,} mentions / {args.accounts:,} accounts",
        lambda: conversation(args.rows, args.accounts),
    )
    t_all = time.perf_counter()
    g = timed("mention_graph (build)", lambda: hk.influencers.mention_graph(m))
    print(f"  {g!r}; dropped {g.dropped}")
    timed("pagerank (scipy power iteration)", g.pagerank)
    timed("betweenness (64 sampled sources)", g.betweenness)
    comm = timed("communities (louvain top 5000 + propagation)", g.communities)
    print(f"  accounts with a community: {(comm >= 0).mean():.1%}; communities: {comm.max() + 1}")
    lead = timed(
        "opinion_leaders (tables, labels, pseudonyms)",
        lambda: hk.influencers.opinion_leaders(g, top=20, pseudonymize=False),
    )
    total = time.perf_counter() - t_all
    print(f"{'opinion_leaders total from the mentions table':<48} {total:7.2f} s  (bar < 30 s)")
    top10 = set(lead["handle"].head(10))
    print(f"planted leaders in top 10: {len(truth['leaders'] & top10)} / {len(truth['leaders'])}")
    import networkx as nx

    if g.n <= 200_000:
        t0 = time.perf_counter()
        nxg = g.to_networkx()
        ref = nx.pagerank(nxg, weight="weight")
        t_nx = time.perf_counter() - t0
        ref_top = {i for i, _ in sorted(ref.items(), key=lambda kv: -kv[1])[:10]}
        ours = set(np.argsort(-g.pagerank())[:10])
        print(
            f"{'networkx build + pagerank (reference)':<48} {t_nx:7.2f} s; "
            f"same top 10: {ref_top == ours}"
        )
    groups = timed(
        "coordination (MinHash LSH)", lambda: hk.influencers.coordination(m, pseudonymize=False)
    )
    flagged = set()
    for authors in groups["authors"]:
        flagged |= set(authors.split(", "))
    print(
        f"coordination groups: {len(groups)}; planted cluster accounts flagged: "
        f"{len(truth['cluster'] & flagged)} / {len(truth['cluster'])}; "
        f"other accounts flagged: {len(flagged - truth['cluster'])}"
    )
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (whole run): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
