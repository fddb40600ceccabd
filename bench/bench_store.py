"""Benchmark for issue 20 (out of core): a month's figures from a store at a province's scale.

The store of issue 20 (1e8 mentions, 1e7 posts; about 7 GB of Parquet, check ``df -h``)::

    # the measured month: 8 runs of the generator, 0.42 of their posts kept (1e7 a year)
    nice -n 10 .venv/bin/python bench/bench_store.py --store /tmp/hkstore --months 1 \
        --end 2025-09 --chunks 8 --posts-share 0.42 --generate-only
    # the 11 months before: copies of it (new ids, times moved by whole months)
    nice -n 10 .venv/bin/python bench/bench_store.py --store /tmp/hkstore --months 1 \
        --end 2025-09 --copy-to 2024-10,2024-11,...,2025-08 --generate-only
    # the figures
    .venv/bin/python bench/bench_store.py --store /tmp/hkstore --months 1 --end 2025-09

Other options: ``--months N --chunks-before K`` generates the N-1 months before with K runs
each instead of copying (hours on 2 shared cores for a year), ``--add`` generates into an
existing store, ``--fresh`` deletes it first, ``--only kpis,leaders,...`` measures some
steps. Prints figures beside their references; never fails a test run.

1. Generation, straight to Parquet: the measured month is ``--chunks`` runs of the
   sample generator (``humaskit.samples.generate(months=1, scale=--scale)``, one seed per
   month and run); each run is appended to the store and dropped before the next, so at
   most one chunk (about 1e6 mentions, 1.8 GB) is in memory. Ids get a month and run
   prefix. At ``scale=200`` a run gives 1.05 million mentions and 0.25 million posts.
2. For the measured month, each step in its own child process (peak RSS from after the
   imports; wall time, the CPU seconds the step used, and the load of the machine):
   KPIs (total with comparison, and per platform), responsiveness per unit and platform
   (first call marks the month's mentions in batches and stores the marks; second call
   is SQL only), sentiment trend per day (first call labels the month in batches and
   stores the labels; second call is SQL only), opinion leaders (SQL arrows, then
   PageRank, betweenness, communities in memory), and volume, peaks, share of voice and
   issues (no bar in the issue).

A month's query reads only the Parquet files of the months its window touches (the
partition folders are listed, never scanned), so the other months of a year's store do
not change these figures; the bars are the ones of issue 20: under 60 s and 4 GB each.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

GENERATE = r"""
import sys, time
import pandas as pd
from humaskit import samples
from humaskit.store import Store
path, month, chunk, scale = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
share = float(sys.argv[5])
st = Store.create(path)
seed = int(month.replace("-", "")) * 100 + chunk
ws = samples.generate(seed=seed, months=1, scale=scale, end=month)
pre = f"{month.replace('-', '')}{chunk:02d}"
if share < 1:  # keep a share of the posts (the generator makes about 4 mentions a post)
    ws.posts = ws.posts.sample(frac=share, random_state=chunk).sort_index()
for name, cols in (("posts", ["post_id"]), ("mentions", ["mention_id", "in_reply_to"])):
    df = getattr(ws, name)
    for c in cols:
        df[c] = (pre + "-" + df[c].astype("str")).where(df[c].notna())
counts = {}
for name in ("posts", "mentions", "daily", "audience"):
    counts[name] = st.append(name, getattr(ws, name))["added"]
if chunk == 0 and not len(st.reference("accounts")):
    for name in ("accounts", "influencers"):
        st.append(name, getattr(ws, name))
print(counts["posts"], counts["mentions"])
"""

QUERY = r"""
import json, sys, time
import pandas as pd
from humaskit.evaluation import stored as ev_stored
from humaskit.influencers import stored as inf_stored
from humaskit.store import open_store
path, month, what = sys.argv[1], sys.argv[2], sys.argv[3]
st = open_store(path)
def status():
    return {l.split(":")[0]: int(l.split()[1]) / 1e6 for l in open("/proc/self/status")
            if l.startswith(("VmRSS", "VmHWM"))}
def cpu():
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
open("/proc/self/clear_refs", "w").write("5")
base = status()["VmRSS"]
t = time.perf_counter()
c0 = cpu()
if what == "kpis":
    k = ev_stored.kpis(st, month)
    ev_stored.kpis(st, month, by="platform")
    note = f"{int(k.loc[0, 'posts']):,} posts"
elif what == "responsiveness":
    r = ev_stored.responsiveness(st, period=month)
    note = f"{int(r['needing_answer'].sum()):,} needing an answer"
elif what == "sentiment":
    s = ev_stored.sentiment_trend(st, period=month, freq="D")
    note = f"{int(s['mentions'].sum()):,} public mentions"
elif what in ("volume", "peaks", "voice", "issues"):
    from humaskit.evaluation import stored_monitoring as sm
    if what == "volume":
        v = sm.volume(st, period=month)
        note = f"{len(v)} days, {int(v['mentions'].sum()):,} mentions"
    elif what == "peaks":
        note = f"{len(sm.peaks(st, period=month))} peak days"
    elif what == "voice":
        note = f"{len(sm.share_of_voice(st, period=month))} public accounts listed"
    else:
        i = sm.issues(st, month)
        note = f"{len(i)} issues from every {i.attrs['sampled_every']}th mention"
else:
    from humaskit import influencers
    g = inf_stored.leader_graph(st, month)
    t_sql = time.perf_counter() - t
    lead = influencers.opinion_leaders(g, register=st.reference("influencers"))
    note = (f"{g.n:,} accounts, {len(g.edges):,} links; graph from SQL {t_sql:.1f} s, "
            f"ranking (PageRank, betweenness, communities) {time.perf_counter() - t - t_sql:.1f} s")
secs = time.perf_counter() - t
print(json.dumps({"s": secs, "cpu": cpu() - c0, "peak": status()["VmHWM"], "base": base,
                  "note": note}))
"""


def child(code: str, *args: str) -> tuple[str, float]:
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"child failed: {p.stderr.strip()[-2000:]}")
    lines = [x for x in p.stdout.strip().splitlines() if x.strip()]
    return lines[-1].strip(), time.perf_counter() - t


def generate(
    path: Path, months: list[str], chunks: int, before: int, scale: float, share: float
) -> None:
    total_p = total_m = 0
    t0 = time.perf_counter()
    for month in [months[-1], *months[:-1]]:  # the month measured first
        for k in range(chunks if month == months[-1] else before):
            out, secs = child(GENERATE, str(path), month, str(k), str(scale), str(share))
            n_p, n_m = (int(x) for x in out.split())
            total_p += n_p
            total_m += n_m
            print(
                f"   {month} chunk {k}: {n_p:,} posts, {n_m:,} mentions in {secs:.0f} s", flush=True
            )
    size = sum(f.stat().st_size for f in path.rglob("*.parquet")) / 1e9
    took = time.perf_counter() - t0
    print(
        f"generated {total_p:,} posts and {total_m:,} mentions in {took:.0f} s "
        f"({total_m / took:,.0f} mentions/s): {size:.2f} GB of Parquet "
        f"({size * 1e9 / max(total_m + total_p, 1):.0f} bytes a row; in memory about 420 "
        "bytes a mention and 600 a post)"
    )


def copy_months(path: Path, source: str, targets: list[str]) -> None:
    """Fill ``targets`` with copies of month ``source``: new ids, times moved by whole months.

    DuckDB reads each part file of the source month and writes it again with the month
    in every id replaced and every time shifted, so a year's store is made in minutes
    instead of hours of generation (the measured month itself is generated).
    """
    import uuid

    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute("SET memory_limit = '1GB'")
    con.execute("SET TimeZone = 'UTC'")
    times = {
        "posts": ["published_at"],
        "mentions": ["created_at", "responded_at", "author_created_at"],
    }
    ids = {"posts": ["post_id"], "mentions": ["mention_id", "in_reply_to"]}
    sy, sm = (int(x) for x in source.split("-"))
    tag = source.replace("-", "")
    for m in targets:
        ty, tm = (int(x) for x in m.split("-"))
        n = (ty - sy) * 12 + (tm - sm)
        t0 = time.perf_counter()
        for table in ("posts", "mentions"):
            folder = path / table / f"month={source}"
            cols = [
                r[0]
                for r in con.execute(
                    f"DESCRIBE SELECT * FROM read_parquet('{folder}/*.parquet', "
                    "hive_partitioning = false)"
                ).fetchall()
            ]
            sel = []
            for c in cols:
                if c in times[table]:
                    sel.append(f"{c} + INTERVAL ({n}) MONTH AS {c}")
                elif c in ids[table]:
                    sel.append(
                        f"CASE WHEN starts_with({c}, '{tag}') THEN '{m.replace('-', '')}' || "
                        f"substr({c}, 7) ELSE {c} END AS {c}"
                    )
                else:
                    sel.append(c)
            out = path / table / f"month={m}"
            out.mkdir(parents=True, exist_ok=True)
            for f in sorted(folder.glob("part-*.parquet")):
                tmp = out / f".part-{uuid.uuid4().hex}.tmp"
                con.execute(
                    f"COPY (SELECT {', '.join(sel)} FROM read_parquet('{f}', "
                    f"hive_partitioning = false)) TO '{tmp}' (FORMAT parquet, "
                    "ROW_GROUP_SIZE 122880)"
                )
                tmp.rename(out / (tmp.name[1:-4] + ".parquet"))
        print(f"   {m}: copy of {source} in {time.perf_counter() - t0:.0f} s", flush=True)


def totals(path: Path) -> str:
    """Rows, months and size of the store's posts and mentions (Parquet metadata only)."""
    import duckdb

    con = duckdb.connect()
    out = []
    for table in ("mentions", "posts"):
        files = sorted(path.glob(f"{table}/month=*/*.parquet"))
        n = con.execute(
            f"SELECT SUM(num_rows) FROM (SELECT DISTINCT file_name, row_group_id, "
            f"row_group_num_rows AS num_rows FROM parquet_metadata("
            f"{[str(f) for f in files]!r}))"
        ).fetchone()[0]
        months = len({f.parent.name for f in files})
        out.append(f"{int(n or 0):,} {table} in {months} months")
    size = sum(f.stat().st_size for f in path.rglob("*.parquet")) / 1e9
    return ", ".join(out) + f", {size:.1f} GB of Parquet"


def main() -> None:
    args = sys.argv[1:]

    def opt(name: str, default: str) -> str:
        return args[args.index(name) + 1] if name in args else default

    path = Path(opt("--store", "/tmp/humaskit-bench-store"))
    n_months = int(opt("--months", "2"))
    chunks = int(opt("--chunks", "8"))
    before = int(opt("--chunks-before", "2"))
    scale = float(opt("--scale", "200"))
    share = float(opt("--posts-share", "1"))
    import pandas as pd

    last = pd.Period(opt("--end", "2025-09"), freq="M")
    months = [str(last - i) for i in range(n_months - 1, -1, -1)]
    free = shutil.disk_usage(path.parent if path.parent.exists() else "/tmp").free / 1e9
    print(f"== store at {path} (free disk {free:.0f} GB)")
    if "--fresh" in args and path.exists():
        shutil.rmtree(path)
    if not path.exists() or "--add" in args:  # --add: more months into a store
        generate(path, months, chunks, before, scale, share)
    if "--copy-to" in args:  # the months before, as copies of the measured month
        copy_months(path, months[-1], opt("--copy-to", "").split(","))
    print(f"== store: {totals(path)}", flush=True)
    if "--generate-only" in args:
        return
    print(f"== {months[-1]} from the store (bar: each under 60 s and 4 GB peak)")
    only = opt("--only", "")
    print(
        "   (wall time on this shared machine; cpu = seconds of CPU the step used, what it "
        "would need alone; load = 1-minute load average of the 2 cores when it ended)"
    )
    for what, label, bar in (
        ("kpis", "KPIs (total + compare, per platform)", True),
        ("responsiveness", "responsiveness, first (marks the month)", False),
        ("responsiveness", "responsiveness, again (SQL only)", True),
        ("sentiment", "sentiment trend, first (labels the month)", False),
        ("sentiment", "sentiment trend, again (SQL only)", True),
        ("leaders", "opinion leaders (SQL arrows + ranking)", True),
        ("volume", "volume per day", False),
        ("peaks", "peaks explained", False),
        ("voice", "share of voice", False),
        ("issues", "issues (bounded sample)", False),
    ):
        if only and what not in only.split(","):
            continue
        out, _ = child(QUERY, str(path), months[-1], what)
        r = json.loads(out)
        load = float(Path("/proc/loadavg").read_text().split()[0])
        ok = "met" if r["s"] < 60 and r["peak"] < 4 else "NOT met"
        verdict = f"-> {ok}" if bar else "(no bar: first scoring, or not in the issue's bar)"
        print(
            f"{label:<42}: {r['s']:6.1f} s (bar 60 s; cpu {r['cpu']:.1f} s, load {load:.1f}), "
            f"peak {r['peak']:.2f} GB (bar 4 GB; {r['base']:.2f} GB after imports) {verdict}; "
            f"{r['note']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
