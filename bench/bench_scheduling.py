"""Benchmark of humaskit.scheduling: speed on large inputs and quality on the samples.

Prints:
- ``best_times`` on 1,000,000 posts (target < 3 s);
- ``schedule`` of a 300-post monthly plan (target < 1 s);
- ``posting_frequency`` and ``backtest`` on the sample institution, with the quality
  figures: rank correlation of the model against the naive baseline and the platform
  default per platform, planted best hours and daily caps recovered.

Run: ``.venv/bin/python bench/bench_scheduling.py``
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from humaskit import samples, scheduling


def big_posts(n: int = 1_000_000, seed: int = 0) -> pd.DataFrame:
    """``n`` canonical posts of 40 accounts over 16 weeks with a prime-time effect."""
    rng = np.random.default_rng(seed)
    platforms = np.array(["facebook", "instagram", "x", "youtube", "tiktok"])
    types = np.array(["feed", "reel", "video", "text", "carousel"])
    start = pd.Timestamp("2025-06-01", tz="UTC")
    seconds = rng.integers(0, 16 * 7 * 24 * 3600, n)
    when = start + pd.to_timedelta(seconds, unit="s")
    hour_wib = (when.hour + 7) % 24
    lift = np.where(np.isin(hour_wib, (19, 20, 21)), 1.6, 1.0)
    reach = rng.integers(200, 20_000, n)
    likes = rng.poisson(0.03 * lift * reach * rng.lognormal(0, 0.6, n))
    return pd.DataFrame(
        {
            "platform": pd.array(platforms[rng.integers(0, 5, n)], dtype="str"),
            "account": pd.array(
                np.char.add("akun", rng.integers(0, 40, n).astype(str)), dtype="str"
            ),
            "post_id": pd.array(np.arange(n).astype(str), dtype="str"),
            "published_at": when,
            "post_type": pd.array(types[rng.integers(0, 5, n)], dtype="str"),
            "reach": pd.array(reach, dtype="Int64"),
            "likes": pd.array(likes, dtype="Int64"),
            "comments": pd.array(rng.poisson(3, n), dtype="Int64"),
        }
    )


def timed(fn, *args, repeat: int = 3, **kwargs):
    best, out = np.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    posts = big_posts()
    secs, bt = timed(scheduling.best_times, posts, weeks=None)
    print(
        f"best_times, {len(posts):,} posts: {secs:.2f} s (best of 3; target < 3 s), "
        f"{len(bt):,} slot rows"
    )

    ws = samples.workspace()
    bt = scheduling.best_times(ws.posts)
    rng = np.random.default_rng(1)
    plan = ws.plan.sample(300, replace=True, random_state=1).reset_index(drop=True)
    plan["date"] = pd.Timestamp("2025-10-01") + pd.to_timedelta(rng.integers(0, 31, 300), "D")
    plan["fixed_date"] = rng.random(300) < 0.2
    freq = scheduling.posting_frequency(ws.posts, ws.daily)
    secs, out = timed(scheduling.schedule, plan, bt, caps=freq, spacing=freq)
    print(
        f"schedule, {len(plan)}-post plan: {secs:.2f} s (best of 3; target < 1 s), "
        f"mean expected score {out.attrs['mean_score']}, moved {out.attrs['moved']}, "
        f"conflicts {out.attrs['conflicts']}"
    )

    secs, freq = timed(scheduling.posting_frequency, ws.posts, ws.daily, repeat=1)
    truth = samples.planted()
    rec = freq.drop_duplicates("platform").set_index("platform")["recommended_cap"]
    caps = ", ".join(f"{pl} {int(rec.get(pl, 0))}/{cap}" for pl, cap in truth["caps"].items())
    print(f"posting_frequency on the samples: {secs:.2f} s; daily cap found/planted: {caps}")

    found = []
    for pl, hours in truth["best_hours"].items():
        g = bt[bt["platform"] == pl]
        main = g.groupby("post_type")["n_posts"].sum().idxmax()
        best = int(g[g["post_type"] == main].nsmallest(1, "rank")["hour"].iloc[0])
        found.append(f"{pl}/{main} {best:02d}h {'ok' if best in hours else 'MISSED'}")
    print("best hour found (planted best hours):", "; ".join(found))

    secs, result = timed(scheduling.backtest, ws.posts, repeat=1)
    print(f"backtest on the samples: {secs:.2f} s")
    cols = ["platform", "folds", "n_test", "rho_model", "rho_naive", "rho_default", "beats_naive"]
    print(result[cols].to_string(index=False))
    for seed in (1, 2, 3):
        other = scheduling.backtest(samples.generate(seed=seed).posts)
        judged = other[other["enough_data"]]
        print(
            f"samples seed {seed}: model beats naive on {int(judged['beats_naive'].sum())}"
            f"/{len(judged)} platforms; mean rho model {judged['rho_model'].mean():.3f}, "
            f"naive {judged['rho_naive'].mean():.3f}, default "
            f"{judged['rho_default'].mean():.3f}"
        )


if __name__ == "__main__":
    main()
