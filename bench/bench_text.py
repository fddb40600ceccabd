"""Throughput of humaskit.text.sentiment and humaskit.text.screen on generated comments.

Generates N citizen comments (default 1,000,000; ``python bench/bench_text.py 200000``
for a quicker run) from fragments of public-service complaints, praise, questions,
slang, emoji, handles, links, phone numbers and a few abusive or hoax-like messages,
with random handles and numbers so the vocabulary keeps growing like real data.
Prints texts per second (wall clock) and texts per CPU-second (per core) for each
function, on a cold start (first call, word lists loading) and a warm one.
The quality bar of the issue is >= 50,000 texts per second per core for each.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa

OPENERS = [
    "",
    "",
    "min",
    "Min,",
    "pak",
    "Bu",
    "@pemkot_sukamaju",
    "@dinaspu",
    "Assalamualaikum min",
    "Selamat pagi admin",
    "Mohon izin",
    "kak",
    "Halo",
    "Tolong min",
    "RT @warga:",
]
SUBJECTS = [
    "jalan di depan rumah saya",
    "pelayanan di kantor kecamatan",
    "lampu jalan di gang 3",
    "antrean di samsat",
    "petugas puskesmas",
    "aplikasi pendaftaran online",
    "bansos bulan ini",
    "air PDAM",
    "listrik di perumahan",
    "sampah di pasar",
    "jembatan desa",
    "sekolah anak saya",
    "program vaksinasi",
    "pembuatan KTP",
    "drainase di RT 05",
    "taman kota",
    "bus kota",
    "website dinas",
    "jalan provinsi",
    "posyandu",
    "layanan pengaduan",
    "parkir liar di trotoar",
]
PREDICATES = [
    "rusak parah",
    "sudah diperbaiki, mantap",
    "lambat bangettt",
    "cepat dan ramah",
    "gak ada yg respon",
    "belum cair juga",
    "mati sejak kemarin",
    "ribet banget",
    "sangat membantu",
    "tidak tepat sasaran",
    "bersih dan rapi",
    "antre lama sekali",
    "makin baik",
    "kurang ramah",
    "error terus",
    "tidak jelas infonya",
    "sudah lancar",
    "bau dan kotor",
    "keren pelayanannya",
    "mangkrak bertahun-tahun",
    "ada pungli",
    "tanggap sekali",
    "dipersulit petugasnya",
    "biasa saja",
    "jam berapa buka?",
    "syaratnya apa saja?",
    "apakah masih buka pendaftaran?",
]
CLOSERS = [
    "",
    "",
    "",
    "tolong diperbaiki",
    "terima kasih 🙏",
    "makasih min 👍",
    "#JalanRusak",
    "😡😡",
    "mohon ditindaklanjuti",
    "semangat terus",
    "kecewa",
    "hadeh",
    "wkwkwk",
    "https://t.co/abc123",
    "sebarkan sebelum dihapus!!",
    "dasar pejabat goblok",
    "bangsat emang",
    "hubungi saya di 0812-3456-7890",
    "info dari grup sebelah",
    "gimana sih",
    "👍👍👍",
    "mantul",
    "sip",
]


def generate(n: int, seed: int = 7) -> pd.Series:
    """N generated comments (pandas str dtype), deterministic for a seed."""
    rng = np.random.default_rng(seed)

    def pick(items):
        arr = pa.array(items, type=pa.large_string())
        return pd.Series(pd.array(arr.take(pa.array(rng.integers(0, len(items), n))), dtype="str"))

    handle = pd.Series(rng.integers(0, 10**7, n)).astype("str")
    number = pd.Series(rng.integers(1, 400, n)).astype("str")
    use_handle = rng.random(n) < 0.3
    tail = ("@warga" + handle).where(use_handle, "nomor " + number)
    text = pick(OPENERS) + " " + pick(SUBJECTS) + " " + pick(PREDICATES) + " " + pick(CLOSERS)
    return (text + " " + tail).astype("str")


def run(name, fn, texts):
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(texts)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(texts)
    print(
        f"{name:28s} {n:>9,d} texts  wall {wall:6.2f} s = {n / wall:>9,.0f} texts/s   "
        f"cpu {cpu:6.2f} s = {n / cpu:>9,.0f} texts/s/core"
    )
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    t0 = time.perf_counter()
    texts = generate(n)
    print(f"generated {n:,d} comments in {time.perf_counter() - t0:.1f} s; e.g.:")
    for example in texts.head(3):
        print("   ", example)
    import humaskit.text as ht

    run("sentiment (cold start)", ht.sentiment, texts)
    out = run("sentiment (warm)", ht.sentiment, texts)
    print("   labels:", out["label"].value_counts(normalize=True).round(3).to_dict())
    run("screen (cold start)", ht.screen, texts)
    res = run("screen (warm)", ht.screen, texts)
    print("   needs review:", round(float(res["needs_review"].mean()), 3))
    run("normalize (warm)", ht.normalize, texts)
    sub = texts.head(100_000)
    run("keywords (100k)", ht.keywords, sub)
    mentions = pd.DataFrame({"text": sub, "mention_id": sub.index.astype("str")})
    run("issues (100k)", lambda m: ht.issues(m, n=10), mentions)


if __name__ == "__main__":
    main()
