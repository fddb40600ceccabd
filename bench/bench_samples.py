"""Benchmark of the sample generator: time and rows at scale 1, 30 and 300, and loading.

Run: ``.venv/bin/python bench/bench_samples.py`` (prints its figures; never a test).
"""

from __future__ import annotations

import resource
import sys
import time

from humaskit import samples
from humaskit.paths import SAMPLES_DIR


def main(scales: list[float]) -> None:
    samples._load_cached.cache_clear()
    import pandas  # noqa: F401  (import cost is not part of loading)

    t0 = time.perf_counter()
    ws = samples.workspace()
    t_load = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in SAMPLES_DIR.iterdir() if p.is_file())
    rows = sum(len(v) for v in ws.tables().values())
    print(f"bundled copy: {size / 1024**2:.2f} MB, {rows:,} rows, load all tables {t_load:.2f} s")
    print("(wall = elapsed seconds; cpu = this process's CPU seconds, robust to a busy machine)")
    print(
        f"{'scale':>6} {'wall s':>7} {'cpu s':>7} {'posts':>10} {'mentions':>11} {'all rows':>11}"
    )
    for scale in scales:
        t0, c0 = time.perf_counter(), time.process_time()
        ws = samples.generate(seed=2025, months=3, scale=scale)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        total = sum(len(v) for v in ws.tables().values())
        print(
            f"{scale:>6g} {dt:>7.2f} {dc:>7.2f} {len(ws.posts):>10,} {len(ws.mentions):>11,} "
            f"{total:>11,}"
        )
        del ws
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MB")


if __name__ == "__main__":
    main([float(x) for x in sys.argv[1:]] or [1, 30, 300])
