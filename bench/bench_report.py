"""Benchmark of issue #20 item 1: `make report` against a one-cell papermill run.

Run: ``.venv/bin/python bench/bench_report.py [runs]`` (after ``make report`` set up .venv).
Prints, from the same bench run (interleaved, so each sees the same machine load):

- ``python -c pass`` and ``import humaskit`` in a fresh process;
- papermill running a one-cell notebook (``x = 1``): the floor of any notebook run
  (Python, ``import papermill``, kernel start, one round trip, shutdown);
- ``humaskit run evaluasi-bulanan -p data contoh`` as ``make report`` runs it (HTML and, when
  Chromium is installed, the PDF), and the same with ``--tanpa-pdf``: the PDF
  is printed by a browser outside the notebook, so it is measured apart;
- the ratios to the floor side by side, with and without the PDF (target: ``make report``
  at most 2.5x), as medians and round by round (each round runs the three one after the
  other, so a round's ratios share the machine's load), and where the kernel's time went
  (the cells' durations papermill recorded in the executed notebook).

CPU seconds (user + system of every process of a run, Chromium's included: this process
adopts the orphans of the killed browser and reaps them) are printed too: the report uses
a second core where one is idle, so its wall time can be below its CPU time, and on a busy
machine the CPU times move less than the wall times.

One unmeasured round first warms the disk cache, the compiled bytecode and the sample
tables kept between runs (:func:`humaskit.samples.cache_dir`), as a second ``make report``
finds them. The load average is printed before and after: on a busy machine a ratio says
more than a time.

Never fails a test run. The source of this checkout is used (``PYTHONPATH=src``).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
ENV = {
    **os.environ,
    "MPLBACKEND": "Agg",
    "PYTHONPATH": str(ROOT / "src"),
    "PATH": f"{Path(PY).parent}{os.pathsep}{os.environ.get('PATH', '')}",
}


#: CPU seconds (user + system) of the last :func:`once`, its processes and theirs together.
CPU: dict[str, list[float]] = {}


def adopt_orphans() -> None:
    """Become the reaper of the runs' orphans (Linux), so their CPU time is counted too.

    ``humaskit run`` kills Chromium's process group after printing without waiting for its
    helpers (renderer, GPU, zygote), which then belong to whoever reaps orphans; this
    process reaps them (:func:`reap`) and their CPU seconds land in ``RUSAGE_CHILDREN``.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def reap(within: float = 5.0) -> None:
    """Wait for the orphans adopted by :func:`adopt_orphans` (at most ``within`` seconds)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.01)


def once(cmd: list[str], key: str | None = None) -> float:
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=ENV)
    wall = time.perf_counter() - t0
    reap()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if key:
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        CPU.setdefault(key, []).append(cpu)
    return wall


def cells(folder: Path) -> tuple[float, list[tuple[float, str]]]:
    """Sum of the cells' durations in the newest executed notebook under ``folder``."""
    nbs = sorted(folder.rglob("evaluasi-bulanan.ipynb"), key=lambda p: p.stat().st_mtime)
    if not nbs:
        return 0.0, []
    nb = json.loads(nbs[-1].read_text(encoding="utf-8"))
    out = []
    for c in nb["cells"]:
        d = c.get("metadata", {}).get("papermill", {}).get("duration")
        if d and c["cell_type"] == "code":
            src = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            out.append((float(d), src.strip().splitlines()[0][:60] if src.strip() else ""))
    return sum(d for d, _ in out), out


def commands(tmp: Path) -> tuple[list[str], list[str]]:
    """The floor (papermill on a one-cell notebook written in ``tmp``) and the report
    command without its output folder (``--out`` comes last)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    src = tmp / "one.ipynb"
    nbformat.write(nb, src)
    floor = [PY, "-m", "papermill", str(src), str(tmp / "out.ipynb"), "--no-progress-bar"]
    humaskit = str(Path(PY).with_name("humaskit"))
    return floor, [humaskit, "run", "evaluasi-bulanan", "-p", "data", "contoh", "--out"]


def main() -> None:
    adopt_orphans()

    bare = [once([PY, "-c", "pass"]) for _ in range(3)]
    imp = [once([PY, "-c", "import humaskit"]) for _ in range(3)]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {RUNS} runs each")
    print(f"python start (bare)             : {statistics.median(bare):.3f} s")
    print(
        f"import humaskit (cold, process) : {statistics.median(imp):.3f} s "
        f"(import alone {statistics.median(imp) - statistics.median(bare):.3f} s)"
    )
    runs: dict[str, list[float]] = {"floor": [], "report": [], "no_pdf": []}
    kernel: list[tuple[float, list]] = []
    with tempfile.TemporaryDirectory() as tmp:
        floor, report = commands(Path(tmp))
        once(floor)  # warm-up round, not measured
        once([*report, str(Path(tmp) / "w"), "--tanpa-pdf"])
        for i in range(RUNS):
            runs["floor"].append(once(floor, "floor"))
            runs["report"].append(once([*report, str(Path(tmp) / f"r{i}")], "report"))
            runs["no_pdf"].append(
                once([*report, str(Path(tmp) / f"n{i}"), "--tanpa-pdf"], "no_pdf")
            )
            kernel.append(cells(Path(tmp) / f"n{i}"))
        pdf = any(Path(tmp).rglob("*.pdf"))
    med = {k: statistics.median(v) for k, v in runs.items()}

    def show(label: str, key: str) -> None:
        values = ", ".join(f"{r:.2f}" for r in runs[key])
        print(f"{label:<32}: median {med[key]:.2f} s (runs {values})")

    show("papermill, one-cell notebook", "floor")
    show("make report (evaluasi-bulanan)", "report")
    show("  the same with --tanpa-pdf", "no_pdf")
    print(
        f"make report / one-cell papermill: {med['report'] / med['floor']:.2f}x (target <= 2.5); "
        f"without the PDF {med['no_pdf'] / med['floor']:.2f}x; "
        f"PDF {'printed' if pdf else 'not printed (no Chromium)'}, "
        f"{med['report'] - med['no_pdf']:+.2f} s"
    )
    print("round  papermill  make report (ratio)  --tanpa-pdf (ratio)")
    for i, (f, r, n) in enumerate(zip(runs["floor"], runs["report"], runs["no_pdf"], strict=True)):
        print(f"{i + 1:>5}  {f:7.2f} s  {r:7.2f} s ({r / f:4.2f}x)  {n:7.2f} s ({n / f:4.2f}x)")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    cpu = {k: statistics.median(v) for k, v in CPU.items()}
    print(
        f"CPU seconds (all processes; a busy machine changes them less than wall times): "
        f"papermill {cpu['floor']:.2f}, make report {cpu['report']:.2f} "
        f"({cpu['report'] / cpu['floor']:.2f}x), --tanpa-pdf {cpu['no_pdf']:.2f} "
        f"({cpu['no_pdf'] / cpu['floor']:.2f}x)"
    )
    total, top = min(kernel, key=lambda k: k[0])
    print(f"kernel cells (fastest run): {total:.2f} s; slowest cells:")
    for d, head in sorted(top, reverse=True)[:6]:
        print(f"  {d:6.2f} s  {head}")


if __name__ == "__main__":
    main()
