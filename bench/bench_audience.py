"""Benchmark humaskit.audience: profile, fit and recommend on growing inputs.

Prints wall times (best of 3) for an audience table of many accounts and snapshots, and
for recommend() over a posts table of 1e4 to 1e6 rows. Run: ``python bench/bench_audience.py``.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from humaskit import audience as A

AGES = ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
PLATFORMS = ["facebook", "instagram", "x", "youtube", "tiktok"]
CITIES = [
    "Sukamaju",
    "Kabupaten Sukamaju",
    "Karangjati",
    "Wanasari",
    "Jakarta",
    "Bandung",
    "Surabaya",
    "Semarang",
    "Bekasi",
    "Yogyakarta",
]


def audience_table(accounts: int, snapshots: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    dates = pd.date_range("2025-01-31", periods=snapshots, freq="ME")
    for plat in PLATFORMS:
        for acc in range(accounts):
            for d in dates:
                ages = rng.dirichlet(np.ones(len(AGES)) * 3)
                f = rng.uniform(0.35, 0.65)
                seg = [f"F.{a}" for a in AGES] + [f"M.{a}" for a in AGES]
                val = np.concatenate([ages * f, ages * (1 - f)])
                cities = rng.dirichlet(np.ones(len(CITIES))) * 0.8
                frames.append(
                    pd.DataFrame(
                        {
                            "platform": plat,
                            "account": f"akun{acc}",
                            "as_of": d,
                            "dimension": ["age_gender"] * len(seg) + ["city"] * len(CITIES),
                            "segment": seg + CITIES,
                            "value": np.concatenate([val, cities]),
                            "unit": "share",
                        }
                    )
                )
    return pd.concat(frames, ignore_index=True)


def posts_table(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    plat = rng.choice(PLATFORMS, n)
    ptype = rng.choice(["feed", "carousel", "reel", "video", "short", "text"], n)
    reach = rng.integers(100, 10_000, n)
    words = np.array(
        [
            "Info layanan kota",
            "Pelatihan UMKM gratis",
            "Beasiswa pelajar",
            "Jadwal posyandu lansia",
            "Bayar PBB sebelum jatuh tempo",
        ]
    )
    return pd.DataFrame(
        {
            "platform": plat,
            "account": "akun0",
            "post_id": np.arange(n).astype(str),
            "published_at": pd.Timestamp("2025-09-01", tz="UTC"),
            "post_type": ptype,
            "text": pd.array(words[rng.integers(0, len(words), n)], dtype="str"),
            "reach": pd.array(reach, dtype="Int64"),
            "likes": pd.array(rng.poisson(reach * 0.03), dtype="Int64"),
            "comments": pd.array(rng.poisson(2, n), dtype="Int64"),
        }
    )


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    print("audience table: accounts per platform x monthly snapshots")
    for accounts, snaps in [(1, 2), (10, 12), (100, 24)]:
        aud = audience_table(accounts, snaps)
        t_prof = best(lambda aud=aud: A.profile(aud))
        t_fit = best(lambda aud=aud: A.fit(aud, region="Sukamaju"))
        t_chg = best(lambda aud=aud: A.change(aud))
        print(
            f"  {accounts:>4} acc x {snaps:>2} snaps = {len(aud):>8,} rows: "
            f"profile {t_prof:.3f}s  fit(12 publics) {t_fit:.3f}s  change {t_chg:.3f}s"
        )
    aud = audience_table(1, 2)
    print("recommend (12 publics, top 2) over posts")
    for n in (10_000, 100_000, 1_000_000):
        posts = posts_table(n)
        t_rec = best(lambda posts=posts: A.recommend(aud, posts, region="Sukamaju"), repeat=1)
        t_perf = best(lambda posts=posts: A.format_performance(posts), repeat=1)
        print(
            f"  {n:>9,} posts: recommend {t_rec:.2f}s ({n / t_rec:,.0f} posts/s)  "
            f"format_performance {t_perf:.2f}s"
        )


if __name__ == "__main__":
    main()
