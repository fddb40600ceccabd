"""Importers against bare ``pandas.read_csv`` on 1M-row Meta and X exports (issue #20).

The files are grown from the kit's own example exports (:func:`humaskit.io.examples.
write_examples`): the Facebook Business Suite post export (UTF-8 with BOM, US Pacific
times, quoted multi-line texts) and the legacy X ``tweet_activity_metrics_*`` export
(every cell quoted, times ``YYYY-MM-DD HH:MM +0000``, numbers ``"12.0"``, ``-``). Each
example row is repeated with a new id, a time spread over two years (across daylight
saving), a unique tail on its text and, for X, one of 50 accounts in the permalink.

Each figure is measured in a fresh subprocess: wall time, CPU time and the peak resident
memory of the reading (``ru_maxrss`` after reading minus after the imports, in MB of 10^6
bytes like the file's size). Printed side
by side for the same file:

- ``pandas.read_csv(path)`` (C engine, no conversions) and ``humaskit.io.read_export``;
- for the folder of both files, ``read_csv`` of each and ``humaskit.io.read_folder``.

Targets: throughput at least 0.5x ``read_csv``; peak memory at most 1.5x the file size.

Run: ``python bench/bench_importers.py [rows] [runs]`` (default 1,000,000 rows, 3 runs).
The files are written once into the system temp folder (about 260 and 400 MB) and reused.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
X_EPOCH_MS = 1288834974657


def _example(kind: str) -> tuple[pd.DataFrame, str]:
    from humaskit.io.examples import write_examples

    folder = write_examples(Path(tempfile.mkdtemp()) / "examples")
    path = next((folder / kind).glob("*tweet_activity*" if kind == "x" else "*_Sep-30-2025_*"))
    bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return df, ("utf-8-sig" if bom else "utf-8")


def _grow(df: pd.DataFrame, rows: int, lo: int, rng: np.random.Generator) -> pd.DataFrame:
    pick = np.arange(lo, lo + rows) % len(df)
    return df.iloc[pick].reset_index(drop=True)


def write_meta(path: Path, rows: int, seed: int = 20) -> None:
    df, encoding = _example("facebook")
    rng = np.random.default_rng(seed)
    chunk = 250_000
    start = pd.Timestamp("2024-01-01")
    for lo in range(0, rows, chunk):
        n = min(chunk, rows - lo)
        part = _grow(df, n, lo, rng)
        ids = pd.Series(np.arange(lo, lo + n) + 1_190_000_000_000_000).astype(str)
        part["Post ID"] = ids
        tail = " #info" + pd.Series(np.arange(lo, lo + n)).astype(str)
        for col in ("Title", "Description"):
            has = part[col] != ""
            part.loc[has, col] = part.loc[has, col] + tail[has]
        minutes = rng.integers(0, 60 * 24 * 730, size=n)
        part["Publish time"] = (start + pd.to_timedelta(minutes, unit="min")).strftime(
            "%m/%d/%Y %H:%M"
        )
        reel = part["Post type"] == "Reels"
        part["Permalink"] = np.where(
            reel,
            "https://www.facebook.com/reel/" + ids,
            "https://www.facebook.com/humaskotacontoh/posts/" + ids,
        )
        part.to_csv(
            path,
            mode="w" if lo == 0 else "a",
            header=lo == 0,
            index=False,
            encoding=encoding if lo == 0 else "utf-8",
        )


def write_x(path: Path, rows: int, seed: int = 21) -> None:
    df, encoding = _example("x")
    rng = np.random.default_rng(seed)
    chunk = 250_000
    handles = np.asarray([f"humas_kota{i:02d}" for i in range(50)], dtype=object)
    start_ms = int(pd.Timestamp("2024-01-01", tz="UTC").value // 1_000_000)
    for lo in range(0, rows, chunk):
        n = min(chunk, rows - lo)
        part = _grow(df, n, lo, rng)
        ms = start_ms + np.sort(rng.integers(0, 730 * 86_400_000, size=n))
        ids = pd.Series(((ms - X_EPOCH_MS) << 22) + np.arange(lo, lo + n)).astype(str)
        part["Tweet id"] = ids
        who = pd.Series(handles[rng.integers(0, len(handles), size=n)])
        part["Tweet permalink"] = "https://twitter.com/" + who + "/status/" + ids
        part["Tweet text"] = (
            part["Tweet text"] + " #info" + pd.Series(np.arange(lo, lo + n)).astype(str)
        )
        part["time"] = pd.to_datetime(ms, unit="ms", utc=True).strftime("%Y-%m-%d %H:%M +0000")
        part.to_csv(
            path,
            mode="w" if lo == 0 else "a",
            header=lo == 0,
            index=False,
            quoting=csv.QUOTE_ALL,
            encoding=encoding,
        )


CHILD = r"""
import json, resource, sys, time
import pandas as pd
import humaskit.io as hio
from humaskit.io import readers, x, meta  # load everything before measuring
paths, which = sys.argv[1].split(","), sys.argv[2]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
c0 = time.process_time()
t0 = time.perf_counter()
if which == "pandas":
    n = 0
    for p in paths:
        n += len(pd.read_csv(p))
elif which == "export":
    imp = hio.read_export(paths[0], export_date="2026-01-01")
    n = imp.imported
    assert imp.accounted
else:
    ws = hio.read_folder(paths[0], export_date="2026-01-01")
    n = sum(i.imported for i in ws.imports)
secs = time.perf_counter() - t0
cpu = time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"secs": secs, "cpu": cpu, "rows": n, "peak_kb": peak - base}))
"""


def measure(paths: list[Path], which: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, ",".join(map(str, paths)), which],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _best(runs: list[dict]) -> tuple[float, float, float, int]:
    return (
        min(r["secs"] for r in runs),
        min(r["cpu"] for r in runs),
        max(r["peak_kb"] for r in runs) * 1024 / 1e6,  # (ru_maxrss: KiB; MB as the file's)
        runs[0]["rows"],
    )


def compare(title: str, paths: list[Path], mode: str, size_mb: float) -> dict:
    runs: dict[str, list[dict]] = {"pandas": [], mode: []}
    target = [paths[0].parent] if mode == "folder" else paths
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        runs["pandas"].append(measure(paths, "pandas"))
        runs[mode].append(measure(target, mode))
    pw, pc, pm, prow = _best(runs["pandas"])
    hw, hc, hm, hrow = _best(runs[mode])
    label = "read_folder(folder)" if mode == "folder" else "read_export(path)"
    print(f"\n{title}: {prow:,} rows, {size_mb:.0f} MB")
    print(f"  {'reader':<26}{'wall s':>8}{'cpu s':>8}{'rows/s':>12}{'peak MB':>9}{'x file':>8}")
    for name, (w, c, m, n) in (
        ("pandas.read_csv", (pw, pc, pm, prow)),
        (label, (hw, hc, hm, hrow)),
    ):
        print(f"  {name:<26}{w:>8.2f}{c:>8.2f}{n / w:>12,.0f}{m:>9.0f}{m / size_mb:>8.2f}")
    wall, cpu, mem = pw / hw, pc / hc, hm / size_mb
    print(
        f"  humaskit / read_csv: wall {wall:.2f}x, cpu {cpu:.2f}x (target >= 0.5); "
        f"peak memory {mem:.2f}x the file (target <= 1.5)"
    )
    return {"wall": wall, "cpu": cpu, "memory": mem}


def main() -> None:
    root = Path(tempfile.gettempdir()) / "humaskit-bench" / f"importers-{ROWS}"
    meta_dir, x_dir, both = root / "meta", root / "x", root / "both"
    for d in (meta_dir, x_dir, both):
        d.mkdir(parents=True, exist_ok=True)
    meta_path = meta_dir / "Jan-01-2024_Dec-31-2025_humaskotacontoh.csv"
    x_path = x_dir / "tweet_activity_metrics_humaskotacontoh_20240101_20260101_en.csv"
    for path, write in ((meta_path, write_meta), (x_path, write_x)):
        if not path.exists():
            t0 = time.perf_counter()
            write(path.with_suffix(".part"), ROWS)
            path.with_suffix(".part").rename(path)
            print(f"wrote {path} in {time.perf_counter() - t0:.0f} s")
        link = both / path.name
        if not link.exists():
            os.link(path, link)
    mb = {p: p.stat().st_size / 1e6 for p in (meta_path, x_path)}
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; best of {RUNS} runs")
    compare("Meta Business Suite posts", [meta_path], "export", mb[meta_path])
    compare("X tweet_activity_metrics", [x_path], "export", mb[x_path])
    compare(
        "Folder of both",
        [both / meta_path.name, both / x_path.name],
        "folder",
        mb[meta_path] + mb[x_path],
    )


if __name__ == "__main__":
    main()
