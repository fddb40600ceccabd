"""Benchmark of humaskit.io on a generated 1,000,000-row Meta Business Suite posts export.

Prints, side by side, for the same file:

- bare ``pandas.read_csv(path)`` (C engine, no conversions) and
  ``humaskit.io.read_export(path)`` (detection, UTF-8 BOM, quoted multi-line texts, US
  Pacific -> UTC times with daylight saving, numbers, canonical validation);
- wall time (best of N runs, each in a fresh subprocess), rows per second, the ratio of
  throughputs (target: humaskit at least 0.5x pandas);
- peak memory of the reading itself (ru_maxrss after reading minus ru_maxrss after the
  imports, in the same subprocess) and that peak as a multiple of the file size
  (target: under 3x).

Run: ``.venv/bin/python bench/bench_io.py [rows] [runs]``. The file is generated once into
the system temp folder (about 300 MB for 1e6 rows) and reused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from humaskit.io.examples import META_FB_POSTS_HEADER

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
HEADER = list(META_FB_POSTS_HEADER)
WORDS = (
    "layanan publik warga kota jalan pajak bantuan sosial sekolah kesehatan vaksin pasar "
    "informasi pengumuman kegiatan pelayanan pendaftaran gratis jadwal program bupati dinas "
    "#HumasKota #InfoPublik 🚀 📌 ✅"
).split()


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    words = np.asarray(WORDS, dtype=object)
    pool = np.asarray(
        [" ".join(words[rng.integers(0, len(words), size=14)]) for _ in range(5000)], dtype=object
    )
    chunk = 200_000
    first = True
    start = pd.Timestamp("2024-01-01")
    for lo in range(0, rows, chunk):
        n = min(chunk, rows - lo)
        texts = pool[rng.integers(0, len(pool), size=n)]
        # every post text is different (as in real exports): a unique tail
        text = (
            pd.Series(texts, dtype="str")
            + " #info"
            + pd.Series(np.arange(lo, lo + n)).astype("str")
        )
        multi = rng.random(n) < 0.3
        text[multi] = text[multi] + "\n\nInfo lengkap: https://kota.go.id/info"
        minutes = rng.integers(0, 60 * 24 * 700, size=n)
        when = (start + pd.to_timedelta(minutes, unit="min")).strftime("%m/%d/%Y %H:%M")
        is_reel = rng.random(n) < 0.4
        views = rng.integers(10, 50_000, size=n)
        reach = (views * rng.uniform(0.4, 0.9, size=n)).astype(int)
        df = pd.DataFrame(
            {
                "Post ID": np.arange(lo, lo + n) + 1_100_000_000_000_000,
                "Page ID": 100064197037125,
                "Page name": "Humas Kota Contoh",
                "Title": text,
                "Description": np.where(is_reel, text, ""),
                "Duration (sec)": np.where(is_reel, rng.integers(5, 90, size=n), 0),
                "Publish time": when,
                "Caption type": np.where(is_reel, "mixed", "N/A"),
                "Permalink": "https://www.facebook.com/humaskota/posts/pfbid0"
                + pd.Series(np.arange(lo, lo + n)).astype(str),
                "Is crosspost": 0,
                "Is share": 0,
                "Post type": np.where(is_reel, "Reels", "Photos"),
                "Languages": "",
                "Custom labels": "",
                "Funded content status": "",
                "Data comment": "",
                "Date": "Lifetime",
                "Views": views,
                "Views from Organic posts": views,
                "Views from Boosted posts": 0,
                "Reach": reach,
                "Reach from Organic posts": reach,
                "Reach from Boosted posts": 0,
                "3-second video views": np.where(is_reel, "", "0"),
                "1-minute video views": np.where(is_reel, "", "0"),
                "3-Second viewers": np.where(is_reel, "", "0"),
                "1-minute viewers": np.where(is_reel, "", "0"),
                "3-second video views from Boosted posts": 0,
                "3-second video views from Organic posts": (views * 0.2).astype(int),
                "Reactions, Comments and Shares": rng.integers(0, 400, size=n),
                "Reactions": rng.integers(0, 300, size=n),
                "Comments": rng.integers(0, 50, size=n),
                "Shares": rng.integers(0, 50, size=n),
                "Seconds viewed": np.where(
                    is_reel, np.round(rng.uniform(0, 9e4, n), 3).astype(str), ""
                ),
                "Average Seconds viewed": np.where(
                    is_reel, np.round(rng.uniform(1, 30, n), 3).astype(str), ""
                ),
            }
        )[HEADER]
        df.to_csv(
            path,
            mode="w" if first else "a",
            header=first,
            index=False,
            encoding="utf-8-sig" if first else "utf-8",
        )
        first = False


CHILD = r"""
import json, resource, sys, time
import pandas as pd
import humaskit.io as hio
from humaskit.io import readers  # load everything before measuring
path, which = sys.argv[1], sys.argv[2]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
c0 = time.process_time()
t0 = time.perf_counter()
if which == "pandas":
    df = pd.read_csv(path)
    n = len(df)
else:
    imp = hio.read_export(path)
    n = imp.imported
    assert imp.accounted
secs = time.perf_counter() - t0
cpu = time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"secs": secs, "cpu": cpu, "rows": n, "peak_kb": peak - base}))
"""


def measure(path: Path, which: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), which],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    folder = Path(tempfile.gettempdir()) / "humaskit-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"meta_posts_{ROWS}.csv"
    if not path.exists():
        t0 = time.perf_counter()
        generate(path, ROWS)
        print(f"generated {path} in {time.perf_counter() - t0:.1f} s")
    size_mb = path.stat().st_size / 1e6
    print(f"file: {ROWS:,} rows, {size_mb:.1f} MB (Meta Business Suite posts, 35 columns)")
    runs: dict[str, list[dict]] = {"pandas": [], "humaskit": []}
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        for which in runs:
            runs[which].append(measure(path, which))
    print(f"{'reader':<32}{'wall s':>8}{'cpu s':>8}{'rows/s':>12}{'peak MB':>9}{'x file':>8}")
    best = {}
    for which, label in (
        ("pandas", "pandas.read_csv(path)"),
        ("humaskit", "humaskit.io.read_export(path)"),
    ):
        wall = min(r["secs"] for r in runs[which])
        cpu = min(r["cpu"] for r in runs[which])
        peak = max(r["peak_kb"] for r in runs[which]) / 1024
        rows = runs[which][0]["rows"]
        best[which] = (wall, cpu, peak)
        print(
            f"{label:<32}{wall:>8.2f}{cpu:>8.2f}{rows / wall:>12,.0f}{peak:>9.0f}"
            f"{peak / size_mb:>8.2f}"
        )
    wall_ratio = best["pandas"][0] / best["humaskit"][0]
    cpu_ratio = best["pandas"][1] / best["humaskit"][1]
    print(f"throughput humaskit / pandas, wall (best of {RUNS}): {wall_ratio:.2f} (target >= 0.5)")
    print(f"throughput humaskit / pandas, cpu time: {cpu_ratio:.2f}")
    print(f"peak memory humaskit / file size: {best['humaskit'][2] / size_mb:.2f} (target < 3)")


if __name__ == "__main__":
    main()
