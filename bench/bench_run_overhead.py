"""Benchmark of issue #20 item 1, the runner's side: `make report` outside the notebook's cells.

Run: ``.venv/bin/python bench/bench_run_overhead.py [runs]``. Each round runs papermill on a
one-cell notebook (the floor), then ``humaskit run evaluasi-bulanan -p data contoh`` with the
PDF and with ``--tanpa-pdf``, and splits each report's wall time with the cell times
papermill recorded in the executed notebook:

- *before the first cell*: Python, the ``humaskit`` command, the kernel's start (with the
  playbook's imports), papermill's import and set-up;
- *cells*: from the first cell's start to the last cell's end (the kernel's work);
- *after the last cell*: the kernel's stop, the notebook, the summary, the HTML page and,
  with the PDF, Chromium loading and printing it.

The two outer parts are what the runner adds to the kernel's work; they are printed next to
the floor of the same round (load average before and after), since on a shared machine wall
times swing from round to round. Never fails a test run; uses this checkout's ``src``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench_report import ENV, ROOT, RUNS, commands  # (the same floor, command and settings)


def once(cmd: list[str]) -> tuple[float, float, float]:
    """Wall-clock start, end and length of one command."""
    start = time.time()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=ENV)
    end = time.time()
    return start, end, end - start


def cell_span(folder: Path) -> tuple[float, float]:
    """Wall-clock start of the first cell and end of the last one in the executed notebook."""
    nb_path = next(folder.rglob("evaluasi-bulanan.ipynb"))
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    stamps = [
        c["metadata"]["papermill"]
        for c in nb["cells"]
        if c["cell_type"] == "code" and c["metadata"].get("papermill", {}).get("start_time")
    ]

    def ts(text: str) -> float:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()

    return ts(stamps[0]["start_time"]), ts(stamps[-1]["end_time"])


def main() -> None:
    rows: dict[str, list[tuple[float, float, float, float]]] = {"report": [], "no_pdf": []}
    floors: list[float] = []
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {RUNS} rounds")
    with tempfile.TemporaryDirectory() as tmp:
        floor, report = commands(Path(tmp))
        once(floor)  # warm-up round, not measured
        once([*report, str(Path(tmp) / "w"), "--tanpa-pdf"])
        for i in range(RUNS):
            floors.append(once(floor)[2])
            for key, extra in (("report", []), ("no_pdf", ["--tanpa-pdf"])):
                out = Path(tmp) / f"{key}{i}"
                start, end, wall = once([*report, str(out), *extra])
                first, last = cell_span(out)
                rows[key].append((wall, first - start, last - first, end - last))
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(f"papermill, one-cell notebook: median {statistics.median(floors):.2f} s")
    print("                      wall    before 1st cell   cells   after last cell   (x floor)")
    for key, label in (("report", "make report"), ("no_pdf", "  --tanpa-pdf")):
        for i, (wall, before, cells, after) in enumerate(rows[key]):
            print(
                f"{label:<14} r{i + 1}  {wall:6.2f} s  {before:6.2f} s  {cells:12.2f} s  "
                f"{after:8.2f} s   ({wall / floors[i]:.2f}x; outside the cells "
                f"{(before + after) / floors[i]:.2f}x)"
            )
        med = [statistics.median(r[j] for r in rows[key]) for j in range(4)]
        print(
            f"{label:<14} med {med[0]:6.2f} s  {med[1]:6.2f} s  {med[2]:12.2f} s  {med[3]:8.2f} s"
        )


if __name__ == "__main__":
    main()
