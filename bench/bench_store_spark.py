"""Issue 20: the store's SQL files run unchanged on Spark, with the same results as DuckDB.

Run (pyspark and a Java 17 runtime needed; pyspark is not a humaskit dependency, so it is
put in a venv of its own and added at the end of the path)::

    python3 -m venv /tmp/spark-venv && /tmp/spark-venv/bin/pip install pyspark
    PYTHONPATH=src .venv/bin/python bench/bench_store_spark.py /tmp/spark-venv

Builds a store of the sample workspace, then calls every store function of humaskit
(KPIs, responsiveness, sentiment trend, volume, peaks, share of voice, issues, opinion
leaders, best times) twice: with DuckDB, and with :func:`humaskit.store.queries.run` replaced by a
Spark runner (each view ``spark.read.parquet(files)``, each small frame a Spark
DataFrame, the text of ``queries.sql(name, dialect="spark")``, session time zone UTC).
Prints, per function, whether the two results are equal, and any SQL Spark refused.
"""

from __future__ import annotations

import glob
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import pyarrow as pa


def main() -> None:
    venv = sys.argv[1] if len(sys.argv) > 1 else "/tmp/spark-venv"
    sys.path.extend(glob.glob(f"{venv}/lib/python3*/site-packages"))
    from pyspark.sql import SparkSession

    from humaskit import evaluation as ev
    from humaskit import influencers as inf
    from humaskit import samples
    from humaskit import scheduling as sc
    from humaskit.influencers import stored as inf_stored
    from humaskit.store import Store
    from humaskit.store import queries as sq

    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("humaskit-store")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    print(f"Spark {spark.version} started in {time.perf_counter() - t0:.0f} s")
    ws = samples.workspace()
    st = Store.create(tempfile.mkdtemp() + "/s")
    st.append_workspace(ws)
    duck_run = sq.run
    refused: dict[str, str] = {}

    def spark_run(
        store, name, *, months, tables, frames=None, memory_limit=None, arrow=False, **params
    ):
        months = list(months)
        for table in tables:
            files = sq._files(store, table, months)
            if not files:  # an empty view with the columns: let DuckDB's runner answer
                return duck_run(
                    store, name, months=months, tables=tables, frames=frames, arrow=arrow, **params
                )
            spark.read.parquet(*files).createOrReplaceTempView(table)
        for key, frame in (frames or {}).items():
            spark.createDataFrame(frame.astype("object")).createOrReplaceTempView(key)
        text = sq.sql(name, "spark").format(**params)
        try:
            out = spark.sql(text).toPandas()
            return pa.Table.from_pandas(out, preserve_index=False) if arrow else out
        except Exception as exc:  # noqa: BLE001 (report what Spark refused, then go on)
            refused[name] = " ".join(str(exc).split())[:400]
            raise

    only = sys.argv[2].split(",") if len(sys.argv) > 2 else None
    untidy = Store.create(tempfile.mkdtemp() + "/s")  # handles the SQL's regexes must clean
    m = ws.mentions.reset_index(drop=True).copy()
    i = np.arange(len(m))
    author, to, named = (m[c].astype("object") for c in ("author", "to_author", "mentioned"))
    m["author"] = author.where(i % 3 != 0, " @" + author.str.upper() + "\t")
    m["to_author"] = to.where(i % 4 != 0, "@@" + to.str.upper() + " ").where(i % 5 != 0, None)
    named = named.where(i % 2 != 0, "@" + named.str.upper() + ", " + named + ".! |@" + named + "?")
    m["mentioned"] = named.where(i % 10 != 0, None)
    untidy.append("mentions", m)
    untidy.append("accounts", ws.accounts)

    def arrows(store):
        g = inf_stored.leader_graph(store, "2025-09")
        e, n = g.edges, g.nodes
        out = pd.DataFrame(
            {
                "platform": n["platform"].to_numpy()[e["source"]],
                "source": n["handle"].to_numpy()[e["source"]],
                "target": n["handle"].to_numpy()[e["target"]],
                "weight": e["weight"].to_numpy(),
            }
        )
        return out.merge(n, left_on=["platform", "source"], right_on=["platform", "handle"])

    calls = {
        "kpis by platform": lambda: ev.kpis(st, "2025-09", by="platform"),
        "responsiveness": lambda: ev.responsiveness(st, period="2025-09", now="2025-10-01"),
        "sentiment trend": lambda: ev.sentiment_trend(st, period="2025-09", freq="D"),
        "volume": lambda: ev.volume(st, period="2025-09"),
        "peaks": lambda: ev.peaks(st, period="2025-09"),
        "share of voice": lambda: ev.share_of_voice(st, period="2025-09"),
        "issues": lambda: ev.issues(st, "2025-09", salt="k"),
        "opinion leaders": lambda: inf.opinion_leaders(st, "2025-09", pseudonymize=False),
        "opinion leaders' arrows, untidy handles": lambda: arrows(untidy),
        "best times": lambda: sc.best_times(st),
    }
    for label, call in calls.items():
        if only and not any(label.startswith(o) for o in only):
            continue
        sq.run = duck_run
        want = call()
        sq.run = spark_run
        try:
            got = call()
        except Exception as exc:  # noqa: BLE001
            print(f"{label:<18}: Spark refused: {' '.join(str(exc).split())[:400]}")
            continue
        finally:
            sq.run = duck_run
        try:
            pd.testing.assert_frame_equal(
                got.reset_index(drop=True),
                want.reset_index(drop=True),
                check_dtype=False,
                rtol=1e-9,
            )
            print(f"{label:<18}: Spark result equals DuckDB's ({len(want)} rows)")
        except AssertionError as exc:
            print(f"{label:<18}: DIFFERENT from DuckDB: {str(exc)[:300]}")
    print(f"SQL files Spark refused: {refused or 'none'}")
    spark.stop()


if __name__ == "__main__":
    main()
