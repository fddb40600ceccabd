"""Benchmark humaskit.calendar, humaskit.planning and humaskit.files.plan.

Prints wall times (best of 3) for the momentum calendar, drafting monthly plans, quality
control on growing plans (1e3 to 1e5 posts: a forum of many units over a year), and the
xlsx/ics round trip. Run: ``python bench/bench_planning.py``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from humaskit import calendar, planning
from humaskit.files import plan as plan_io

TARGETS = {"instagram": 20, "facebook": 20, "x": 30, "tiktok": 12, "youtube": 4}


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def big_plan(n: int, seed: int = 0) -> pd.DataFrame:
    """A plan of ``n`` posts with written captions, spread over many unit accounts."""
    rng = np.random.default_rng(seed)
    base = planning.draft_plan("2025-10", targets=TARGETS, momentum=False)
    reps = int(np.ceil(n / len(base)))
    frames = []
    for i in range(reps):
        part = base.copy()
        part["account"] = f"unit{i % 200:03d}"
        part["date"] = part["date"] + pd.Timedelta(days=int(i // 200) * 31)
        part["plan_id"] = part["plan_id"] + f"-{i}"
        frames.append(part)
    plan = pd.concat(frames, ignore_index=True).head(n)
    words = np.array(["layanan", "warga", "jadwal", "pendaftaran", "gratis", "kantor", "info"])
    captions = [
        " ".join(rng.choice(words, size=rng.integers(5, 60)))
        + (" https://contoh.go.id" if rng.random() < 0.2 else "")
        + (" #sukamaju" * int(rng.integers(0, 7)))
        for _ in range(len(plan))
    ]
    plan["caption"] = captions
    return plan


def main() -> None:
    print("== calendar.momentum")
    calendar.momentum(2025)  # warm the holidays package
    print(f"one year            {best(lambda: calendar.momentum(2026)):8.3f} s")
    years = list(range(2025, 2035))
    print(f"ten years           {best(lambda: calendar.momentum(years)):8.3f} s")

    print("== planning.draft_plan")
    oct_days = calendar.momentum(2025, months=10)
    print(
        f"one month, 86 posts {best(lambda: planning.draft_plan('2025-10', targets=TARGETS, momentum=oct_days)):8.3f} s"  # noqa: E501
    )
    print(
        f"with calendar       {best(lambda: planning.draft_plan('2025-10', targets=TARGETS)):8.3f} s"
    )
    many = {p: 300 for p in TARGETS}
    print(
        f"1500 posts a month  {best(lambda: planning.draft_plan('2025-10', targets=many, momentum=oct_days)):8.3f} s"  # noqa: E501
    )
    mix_ok = all(
        planning.meets_mix(
            planning.draft_plan("2025-10", targets={"x": n}, momentum=False), (70, 20, 10)
        )[0]
        for n in range(1, 201)
    )
    print(f"70:20:10 met within one post for every target 1..200: {mix_ok}")

    print("== planning.quality_check")
    for n in (1_000, 10_000, 100_000):
        plan = big_plan(n)
        secs = best(lambda plan=plan: planning.quality_check(plan), repeat=1 if n > 10_000 else 3)
        print(f"{n:>7} posts       {secs:8.3f} s   ({n / secs:,.0f} posts/s)")

    print("== files.plan (xlsx and ics)")
    folder = Path(tempfile.mkdtemp())
    for n in (86, 1_000, 10_000):
        plan = planning.quality_check(big_plan(n))
        path = folder / f"r{n}.xlsx"
        w = best(lambda plan=plan, path=path: plan_io.write_plan_xlsx(plan, path), repeat=1)
        r = best(lambda path=path: plan_io.read_plan_xlsx(path), repeat=1)
        same = plan_io.read_plan_xlsx(path).equals(planning.finish_plan(plan))
        ics = folder / f"r{n}.ics"
        i = best(lambda plan=plan, ics=ics: plan_io.write_ics(plan, ics), repeat=1)
        print(
            f"{n:>7} posts  xlsx write {w:7.3f} s  read {r:7.3f} s  round trip equal {same}"
            f"  ics write {i:7.3f} s"
        )


if __name__ == "__main__":
    main()
