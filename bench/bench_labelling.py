"""Learning curve of the labelling loop on a domain the shipped lexicon was not written for.

Data: ``../shared/eval/indolem_sentiment/`` (tweets and hotel reviews, labels positive
and negative; read ``../shared/eval/README.md``). ``train0.csv`` is the pool a team
would label from; ``dev0.csv`` is held back and only measured on. Never copied into
the project.

For each seed and each number of labels (50, 100, 200, 300) it prints the macro-F1 on
``dev0.csv`` of:

- ``loop``: labels chosen by :func:`humaskit.text.labelling.choose_to_label` in batches
  of 50 (the model of the previous round says what is uncertain; the first batch uses
  the lexicon), model built on the lexicon (``train_sentiment(start="lexicon")``);
- ``random``: the same number of random labels, model built on the lexicon;
- ``zero``: the same random labels, model from zero (``start="zero"``);
- ``lexicon``: the shipped lexicon alone (read for two labels, see
  :func:`humaskit.text.labelling.lexicon_labels`), and as shipped (three labels).

Run: ``PYTHONPATH=src python bench/bench_labelling.py [seeds] [batch]`` (default 5
seeds, batches of 50). About 10 minutes on a busy 2-core machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from humaskit.text import evaluate, sentiment, train_sentiment
from humaskit.text.labelling import choose_to_label, lexicon_labels, topic_groups

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "indolem_sentiment"
SIZES = (50, 100, 200, 300)


def load(folder: Path = EVAL) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pool (train0) and held-back test set (dev0) as ``mention_id, text, label``."""
    out = []
    for name in ("train0.csv", "dev0.csv"):
        df = pd.read_csv(folder / name)
        out.append(
            pd.DataFrame(
                {
                    "mention_id": [f"{name[:3]}{i}" for i in range(len(df))],
                    "text": df["sentence"].astype("str"),
                    "label": np.where(df["sentiment"] == 1, "positive", "negative"),
                }
            )
        )
    return out[0], out[1]


def loop_curve(pool, test, seed: int, batch: int = 50, sizes=SIZES, groups=None) -> dict:
    """Macro-F1 of the loop at each size in ``sizes``."""
    if groups is None:
        groups = topic_groups(pool["text"], seed=seed)
    labelled: list[str] = []
    model = None
    out = {}
    truth = pool.set_index("mention_id")["label"]
    while len(labelled) < max(sizes):
        step = min(batch, max(sizes) - len(labelled))
        nxt = min((s for s in sizes if s > len(labelled)), default=max(sizes))
        step = min(step, nxt - len(labelled))
        chosen = choose_to_label(
            pool, labelled=labelled, model=model, n=step, groups=groups, seed=seed + len(labelled)
        )
        labelled += chosen["mention_id"].tolist()
        y = truth[labelled].to_numpy()
        texts = pool.set_index("mention_id").loc[labelled, "text"]
        if len(set(y)) < 2:
            continue
        model = train_sentiment(texts, y, seed=seed)
        if len(labelled) in sizes:
            out[len(labelled)] = model.evaluate(test["text"], test["label"]).macro_f1
    return out


def random_curves(pool, test, seed: int, sizes=SIZES) -> tuple[dict, dict]:
    """Macro-F1 of random labels, building on the lexicon and from zero."""
    order = np.random.default_rng(seed).permutation(len(pool))
    lex, zero = {}, {}
    for n in sizes:
        part = pool.iloc[order[:n]]
        for start, into in (("lexicon", lex), ("zero", zero)):
            m = train_sentiment(part["text"], part["label"], seed=seed, start=start)
            into[n] = m.evaluate(test["text"], test["label"]).macro_f1
    return lex, zero


def main(seeds: int = 5, batch: int = 50) -> pd.DataFrame:
    pool, test = load()
    t0 = time.perf_counter()
    lex2 = evaluate(lexicon_labels(test["text"], labels=pool["label"]), test["label"]).macro_f1
    lex3 = evaluate(sentiment(test["text"])["label"], test["label"]).macro_f1
    print(
        f"pool {len(pool)} texts, test {len(test)} texts "
        f"({(test['label'] == 'positive').mean():.0%} positive)"
    )
    rows = []
    for seed in range(seeds):
        t1 = time.perf_counter()
        groups = topic_groups(pool["text"], seed=seed)
        loop = loop_curve(pool, test, seed, batch=batch, groups=groups)
        rnd, zero = random_curves(pool, test, seed)
        for n in SIZES:
            rows.append((seed, n, loop.get(n, np.nan), rnd[n], zero[n], lex2, lex3))
        print(
            f"seed {seed}: "
            + ", ".join(
                f"{n}: loop {loop.get(n, np.nan):.3f} random {rnd[n]:.3f} zero {zero[n]:.3f}"
                for n in SIZES
            )
            + f"  ({time.perf_counter() - t1:.0f} s)",
            flush=True,
        )
    cols = ["seed", "labels", "loop", "random", "zero", "lexicon", "lexicon_3labels"]
    table = pd.DataFrame(rows, columns=cols)
    curve = table.groupby("labels")[cols[2:]].mean()
    sd = table.groupby("labels")[["loop", "random", "zero"]].std()
    print(f"\nMacro-F1 on dev0.csv, mean of {seeds} seeds (sd in brackets):")
    print(
        f"{'labels':>6} {'loop':>14} {'random':>14} {'from zero':>14} {'lexicon':>8} "
        f"{'lexicon (3 labels)':>18}"
    )
    for n, r in curve.iterrows():
        print(
            f"{n:>6} {r['loop']:>7.3f} ({sd.loc[n, 'loop']:.3f}) "
            f"{r['random']:>7.3f} ({sd.loc[n, 'random']:.3f}) "
            f"{r['zero']:>7.3f} ({sd.loc[n, 'zero']:.3f}) {r['lexicon']:>8.3f} "
            f"{r['lexicon_3labels']:>18.3f}"
        )
    last = curve.loc[max(SIZES)]
    print(
        f"\nAt {max(SIZES)} labels: loop - random = {last['loop'] - last['random']:+.3f}, "
        f"loop - lexicon = {last['loop'] - last['lexicon']:+.3f}, "
        f"random on lexicon - from zero = {last['random'] - last['zero']:+.3f} "
        f"(goal: > 0, > 0, >= +0.030)"
    )
    print(f"total {time.perf_counter() - t0:.0f} s")
    return table


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*args)
