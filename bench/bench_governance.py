"""Benchmark humaskit.governance and humaskit.files.inventory on growing inputs.

Prints wall times (best of 3) for the account audit of 100 to 5,000 accounts (with a
posts table of 1e5 rows), the abbreviation finder alone, the shared-agenda measure on
1e4 to 1e6 posts, reading an xlsx inventory, and the quality figures on the sample
institution (planted faults found, agenda lag and propensity recovered).
Run: ``python bench/bench_governance.py``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from humaskit import governance as gov
from humaskit.files import inventory as inv

PLATFORMS = ["facebook", "instagram", "x", "youtube", "tiktok"]
UNITS = [
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pendidikan", "Disdik"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Pekerjaan Umum", "Dinas PU"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
]


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def inventory_table(n: int, seed: int = 0) -> pd.DataFrame:
    """n accounts of n/40 fictional institutions, 8 units x 5 platforms each, with faults."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        inst = f"Kota {i // 40:04d}"
        full, short = UNITS[(i // 5) % len(UNITS)]
        plat = PLATFORMS[i % 5]
        name = f"{short if rng.random() < 0.2 else full} {inst}"
        rows.append(
            {
                "institution": inst,
                "unit": full,
                "platform": plat,
                "handle": f"{short.lower().replace(' ', '')}_{i // 40:04d}_{i % 5}",
                "display_name": name,
                "verified": rng.random() < 0.4,
                "account_type": "pribadi" if rng.random() < 0.05 else "business",
                "emblem_photo": rng.random() < 0.95,
                "two_factor": rng.random() < 0.9,
                "password_changed_at": pd.Timestamp("2025-09-30")
                - pd.Timedelta(days=int(rng.integers(1, 400))),
                "admins": int(rng.integers(1, 5)),
                "assignment_letter": rng.random() < 0.85,
                "followers": int(rng.integers(100, 100_000)),
            }
        )
    return pd.DataFrame(rows)


def posts_table(n: int, accounts: int = 60, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-04-01", tz="UTC")
    acc = rng.integers(0, accounts, n)
    campaigns = np.array(["Agenda A", "Agenda B", "Agenda C", None, None, None], dtype=object)
    return pd.DataFrame(
        {
            "platform": np.array(PLATFORMS)[rng.integers(0, 5, n)],
            "account": [f"akun{a:03d}" for a in acc],
            "post_id": np.arange(n).astype(str),
            "published_at": start + pd.to_timedelta(rng.integers(0, 183 * 86400, n), unit="s"),
            "post_type": "feed",
            "campaign": campaigns[rng.integers(0, len(campaigns), n)],
            "text": "Unggahan #AgendaBersama hari ini",
        }
    )


def main() -> None:
    print("== audit_accounts (all checks; posts table of 1e5 rows)")
    posts = posts_table(100_000)
    for n in (100, 1_000, 5_000):
        acc = inventory_table(n)
        secs = best(
            lambda acc=acc: gov.audit_accounts(acc, posts=posts), repeat=3 if n < 5000 else 1
        )
        print(f"  {n:>6} accounts: {secs:6.2f} s  ({n / secs:,.0f} accounts/s)")

    print("== abbreviation_conflicts alone")
    for n in (1_000, 5_000):
        acc = inventory_table(n)
        secs = best(lambda acc=acc: gov.abbreviation_conflicts(acc))
        print(f"  {n:>6} names: {secs:6.2f} s")

    print("== agenda_amplification (3 agenda items, 59 unit accounts)")
    for n in (10_000, 100_000, 1_000_000):
        p = posts_table(n)
        secs = best(
            lambda p=p: gov.agenda_amplification(
                p, centre="akun000", agenda=["Agenda A", "Agenda B", "Agenda C"]
            ),
            repeat=3 if n < 1_000_000 else 1,
        )
        print(f"  {n:>9,} posts: {secs:6.2f} s")

    print("== read_inventory (xlsx)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (200, 2_000):
            table = inventory_table(n).rename(
                columns={
                    "unit": "Nama Unit",
                    "platform": "Platform",
                    "handle": "Username",
                    "display_name": "Nama Akun",
                    "two_factor": "2FA",
                    "password_changed_at": "Tanggal Ganti Kata Sandi",
                }
            )
            path = Path(tmp) / f"inventaris-{n}.xlsx"
            table.to_excel(path, index=False)
            secs = best(lambda path=path: inv.read_inventory(path))
            print(f"  {n:>6} rows: {secs:6.2f} s")

    print("== quality on the sample institution (humaskit.samples)")
    try:
        from humaskit import samples
    except ImportError:  # pragma: no cover
        print("  humaskit.samples not available")
        return
    ws = samples.workspace()
    audit = gov.audit_accounts(ws.accounts, posts=ws.posts)
    faults = [f for f in samples.PLANTED["governance"]]
    check_of = {
        "unverified": "verified",
        "naming_inconsistent": "abbreviation",
        "duplicate": "duplicate",
        "password_old": "password_age",
        "single_admin": "admins",
        "no_assignment_letter": "assignment_letter",
        "informal_name": "formality",
        "no_2fa": "two_factor",
        "personal_profile": "account_type",
        "abandoned": "active",
        "no_emblem": "emblem_photo",
    }
    found = 0
    flagged_pairs = set()
    for f in faults:
        sel = (audit["handle"] == f["handle"]) & (audit["platform"] == f["platform"])
        col = f"{check_of[f['fault']]}_ok"
        if (audit.loc[sel, col] == False).any():  # noqa: E712
            found += 1
        flagged_pairs.add((f["platform"], f["handle"], check_of[f["fault"]]))
    all_findings = gov.findings(audit)
    extra = all_findings[
        ~all_findings.apply(
            lambda r: (r["platform"], r["handle"], r["check"]) in flagged_pairs, axis=1
        )
    ]
    print(f"  planted governance faults found: {found}/{len(faults)}")
    print(
        f"  findings not planted: {len(extra)} "
        f"({', '.join(sorted(set(extra['handle'] + ':' + extra['check'])))})"
    )
    truth = samples.PLANTED["agenda"]
    amp = gov.agenda_amplification(
        ws.posts, centre=samples.PLANTED["centre"], agenda=truth["campaigns"]
    )
    s = gov.amplification_summary(amp)
    s = s[s["account"] != "dlhkotasukamaju"]
    unit_of = ws.accounts.drop_duplicates("handle").set_index("handle")["unit"]
    s = s.assign(
        lag=s["account"].map(unit_of).map(truth["lag_hours"]),
        prop=s["account"].map(unit_of).map(truth["propensity"]),
    )
    rho_lag = (
        s.dropna(subset=["median_delay_hours"])[["median_delay_hours", "lag"]]
        .corr("spearman")
        .iloc[0, 1]
    )
    rho_prop = s[["posts_share", "prop"]].corr("spearman").iloc[0, 1]
    print(
        f"  agenda: Spearman(median delay, planted lag) = {rho_lag:.2f}; "
        f"Spearman(share carried, planted propensity) = {rho_prop:.2f}"
    )


if __name__ == "__main__":
    main()
