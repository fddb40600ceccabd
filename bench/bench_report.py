"""Benchmark for issue 2: `make report` wall time and `import humaskit` cold.

Run: ``.venv/bin/python bench/bench_report.py`` (after ``make report`` set up .venv).
Prints figures; never fails a test run.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def wall(cmd: list[str], repeat: int = 3, **kw) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, **kw)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    bare = wall([PY, "-c", "pass"], 5)
    imp = wall([PY, "-c", "import humaskit"], 5)
    print(f"python start (bare)             : {statistics.median(bare):.3f} s")
    print(
        f"import humaskit (cold, process) : {statistics.median(imp):.3f} s "
        f"(import alone {statistics.median(imp) - statistics.median(bare):.3f} s)"
    )

    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("x = 1")]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        src = Path(tmp) / "empty.ipynb"
        nbformat.write(nb, src)
        empty = wall(
            [PY, "-m", "papermill", str(src), str(Path(tmp) / "out.ipynb"), "--no-progress-bar"], 3
        )
        print(f"bare papermill, empty notebook  : {statistics.median(empty):.2f} s")
        humaskit = str(Path(PY).with_name("humaskit"))
        runs = wall(
            [humaskit, "run", "evaluasi-bulanan", "-p", "data", "contoh", "--out", tmp],
            3,
            env={"MPLBACKEND": "Agg", "PATH": str(Path(PY).parent)},
        )
        print(
            f"make report (evaluasi-bulanan)  : median {statistics.median(runs):.2f} s, "
            f"runs {', '.join(f'{r:.2f}' for r in runs)} (target < 15 s)"
        )


if __name__ == "__main__":
    main()
