"""Benchmark for issue 20 (monitoring memory): monitoring on 1e7 mentions in memory.

Run: ``nice -n 10 .venv/bin/python bench/bench_monitoring_memory.py [--n 10000000]``.
Prints figures beside their references; never fails a test run.

Monitoring = ``with_sentiment`` (the lexicon engine, in batches of
``humaskit.text.polarity.BATCH_TEXTS`` texts), ``sentiment_trend`` per day,
``peaks`` and ``share_of_voice`` of the last month, on the bundled sample mentions
repeated with fresh ids (real texts and metadata) in one workspace with the sample posts.
Each run is a child process; peak RSS is the child's high-water mark measured from the
moment the data is built (``/proc/self/clear_refs``), beside the RSS of the data alone.

Side by side in one run: 1e6 mentions with batches and with one batch for everything
(the behaviour before issue 20), then ``--n`` mentions with batches against the bar
(< 8 GB; issue 20 measured 3.7 GB at 1e6 and a kill at 22 GB before 1e7 finished).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

CHILD = r"""
import gc, json, os, sys, time
import numpy as np, pandas as pd
n, batch = int(sys.argv[1]), int(sys.argv[2])
from humaskit import evaluation as ev, samples
from humaskit.io import Workspace
from humaskit.text import polarity
polarity.BATCH_TEXTS = batch
ws = samples.workspace()
m = ws.mentions
idx = np.tile(np.arange(len(m)), -(-n // len(m)))[:n]
big = m.iloc[idx].reset_index(drop=True)
big["mention_id"] = pd.Series(np.arange(n).astype(str), dtype="str")
del idx
gc.collect()
def rss():
    return {line.split(":")[0]: int(line.split()[1]) / 1e6
            for line in open("/proc/self/status") if line.startswith(("VmRSS", "VmHWM"))}
data_gb = rss()["VmRSS"]
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")  # reset the high-water mark: peaks from here on
big_ws = Workspace(posts=ws.posts, mentions=big, accounts=ws.accounts,
                   influencers=ws.influencers, name="bench")
t = time.perf_counter()
labelled = ev.with_sentiment(big_ws)
t_sent = time.perf_counter() - t
big_ws.mentions = labelled
ev.sentiment_trend(big_ws, freq="D")
ev.peaks(big_ws, period="2025-09")
ev.share_of_voice(big_ws, period="2025-09")
total = time.perf_counter() - t
peak = rss()["VmHWM"]
print(json.dumps({"n": n, "data_gb": data_gb, "peak_gb": peak, "sentiment_s": t_sent,
                  "total_s": total}))
"""


def run(n: int, batch: int) -> dict | None:
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-c", CHILD, str(n), str(batch)], capture_output=True, text=True
    )
    if p.returncode != 0:
        tail = (p.stderr.strip().splitlines() or ["killed"])[-1]
        print(f"   n={n:,} batch={batch:,}: failed ({p.returncode}) {tail}")
        return None
    out = json.loads(p.stdout.strip().splitlines()[-1])
    out["wall_s"] = time.perf_counter() - t
    return out


def show(label: str, r: dict | None, bar_gb: float | None = None) -> None:
    if r is None:
        print(f"{label:<44}: did not finish")
        return
    bar = (
        f"  (bar < {bar_gb:.0f} GB: {'met' if r['peak_gb'] < bar_gb else 'NOT met'})"
        if bar_gb
        else ""
    )
    print(
        f"{label:<44}: peak {r['peak_gb']:.2f} GB (data alone {r['data_gb']:.2f} GB), "
        f"sentiment {r['sentiment_s']:.1f} s, monitoring {r['total_s']:.1f} s{bar}"
    )


def main() -> None:
    n = 10_000_000
    if "--n" in sys.argv:
        n = int(float(sys.argv[sys.argv.index("--n") + 1]))
    print("== monitoring in memory: with_sentiment, sentiment_trend (D), peaks, share_of_voice")
    print("   reference (issue 20, before): 1e6 mentions 10-11 s and 3.7 GB; 1e7 killed at 22 GB")
    show("1e6 mentions, one batch (before)", run(1_000_000, 10**12))
    show("1e6 mentions, batches of 250k (now)", run(1_000_000, 250_000))
    show(f"{n:.0e} mentions, batches of 250k (now)", run(n, 250_000), bar_gb=8)


if __name__ == "__main__":
    main()
