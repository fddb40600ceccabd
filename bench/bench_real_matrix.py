"""Every playbook on every real download folder: the matrix of issue #14.

Rows are the folders of ``../shared/real-exports`` (each top-level platform folder, each
``more/<owner>/`` and ``semua``, a folder holding all of them), columns the playbooks. A cell
is ``ok`` (report written), ``stop`` (one plain sentence the test accepts), ``stop?`` (a
plain sentence the test does not accept: not Indonesian, naming no download, or on a
folder where the playbook should report) or ``FAIL`` (a crash or an unclear message).
Then the totals, the seconds per run, and each non-ok cell with its message.

Run: ``.venv/bin/python bench/bench_real_matrix.py [--engine inprocess|papermill]
[--compare N] [--json FILE] [--playbook NAME ...] [--folder LABEL ...]``.
``--compare N`` also runs N cells with both engines and prints whether they agree and their
times. Exits 0 with a message when ``../shared`` is absent. Never fails a test run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import playbook_matrix as pm  # noqa: E402

# cells compared across engines: an ok, a crash and a stop of different playbooks
COMPARE = [
    ("evaluasi-bulanan", "tiktok"),
    ("evaluasi-bulanan", "facebook"),
    ("jadwal-posting", "twitter"),
    ("pemetaan-influencer", "more/oigetit"),
    ("layanan-aduan", "meta_audience"),
    ("rencana-konten", "youtube"),
    ("audit-akun", "instagram"),
    ("pantau-isu", "more/debruine"),
    ("forum-banding", "tiktok"),
    ("evaluasi-bulanan", "more/fvelardez"),
]


def _times(values: list[float]) -> str:
    if not values:
        return "-"
    return (
        f"n={len(values)} median {statistics.median(values):.2f} s, "
        f"mean {statistics.fmean(values):.2f} s, max {max(values):.2f} s, "
        f"total {sum(values):.0f} s"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", default="inprocess", choices=sorted(pm.ENGINES))
    ap.add_argument("--compare", type=int, default=0)
    ap.add_argument("--json", default="")
    ap.add_argument("--playbook", nargs="*", default=None)
    ap.add_argument("--folder", nargs="*", default=None)
    args = ap.parse_args(argv)
    if not pm.available():
        print(f"{pm.REAL} tidak ada di mesin ini: matriks playbook x folder dilewati.")
        return 0
    from humaskit import playbooks

    names = args.playbook or playbooks.available()
    labels = args.folder or pm.folder_labels()
    matrix = pm.Matrix(args.engine)
    started = time.perf_counter()
    grid: dict[tuple[str, str], str] = {}
    rows = []
    for label in labels:
        folder = pm.folder_by_label(label)
        for name in names:
            res, problem = matrix.verdict(name, folder)
            cell = res.short if res.status != "stop" or problem is None else "stop?"
            grid[(label, name)] = cell
            rows.append((res, problem))
            print(
                f"  {label:18} {name:20} {cell:5} {res.seconds:5.1f} s {res.cpu:5.1f} s CPU",
                file=sys.stderr,
            )
    wall = time.perf_counter() - started

    short = {n: n.split("-")[0][:9] for n in names}
    width = max(len(x) for x in labels) + 2
    print(f"Matriks playbook x folder ({args.engine}); folder: {pm.REAL}")
    print("".ljust(width) + " ".join(short[n].ljust(9) for n in names))
    for label in labels:
        print(label.ljust(width) + " ".join(grid[(label, n)].ljust(9) for n in names))
    counts = {k: sum(1 for v in grid.values() if v == k) for k in ("ok", "stop", "stop?", "FAIL")}
    print(
        f"\nTotal {len(grid)} runs: ok {counts['ok']}, stop {counts['stop']}, "
        f"stop not accepted {counts['stop?']}, FAIL {counts['FAIL']}"
    )
    for n in names:
        col = [grid[(lab, n)] for lab in labels]
        print(
            f"  {n:20} " + ", ".join(f"{k} {col.count(k)}" for k in ("ok", "stop", "stop?", "FAIL"))
        )
    print(f"\nPer run ({args.engine}), wall {wall:.0f} s for the whole matrix:")
    print(f"  wall  {_times([r.seconds for r, _ in rows])}")
    print(f"  CPU   {_times([r.cpu for r, _ in rows])}")
    for n in names:
        got = [r for r, _ in rows if r.playbook == n]
        print(f"  {n:20} wall {_times([r.seconds for r in got])}")
        print(f"  {'':20} CPU  {_times([r.cpu for r in got])}")

    print("\nNot ok:")
    for res, problem in rows:
        if res.status == "ok":
            continue
        mark = "ok-stop" if problem is None else "REJECTED"
        print(f"- {res.folder} / {res.playbook} [{res.status} {mark}] {res.detail}")
        print(f"    {res.message[:300]}")
        if res.where:
            print(f"    at {res.where} (code cell {res.cell})")

    if args.compare:
        print("\nSame cells through papermill (humaskit.playbooks.run, html=False) and in process:")
        agree = 0
        cmp_rows = pm.compare_engines(COMPARE[: args.compare])
        for r in cmp_rows:
            agree += r["same"]
            print(
                f"  {r['folder']:16} {r['playbook']:20} papermill {r['papermill']:4} "
                f"{r['papermill_s']:5.1f} s ({r['papermill_cpu']:4.1f} CPU) | in process "
                f"{r['inprocess']:4} {r['inprocess_s']:5.1f} s ({r['inprocess_cpu']:4.1f} CPU) | "
                f"{'same' if r['same'] else 'DIFFERENT'}"
            )
        pms = [r["papermill_s"] for r in cmp_rows]
        ips = [r["inprocess_s"] for r in cmp_rows]
        print(f"  agree {agree}/{len(cmp_rows)}")
        print(f"  papermill  wall {_times(pms)}")
        print(f"             CPU  {_times([r['papermill_cpu'] for r in cmp_rows])}")
        print(f"  in process wall {_times(ips)}")
        print(f"             CPU  {_times([r['inprocess_cpu'] for r in cmp_rows])}")

    if args.json:
        dump = [
            {
                "folder": r.folder,
                "playbook": r.playbook,
                "status": r.status,
                "cell": grid[(r.folder, r.playbook)],
                "detail": r.detail,
                "message": r.message,
                "where": r.where,
                "code_cell": r.cell,
                "seconds": round(r.seconds, 2),
                "cpu": round(r.cpu, 2),
                "problem": p,
                "params": r.extra.get("params"),
            }
            for r, p in rows
        ]
        Path(args.json).write_text(json.dumps(dump, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
