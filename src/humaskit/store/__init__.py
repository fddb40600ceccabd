"""The local store: a team's history of imports as Parquet, queried out of core.

A *store* is a folder that ``humaskit impor FOLDER --simpan STORE`` (or
:meth:`Store.append`) fills month by month. The analysis reads only the months it is
asked for and pushes its aggregation into an embedded engine (DuckDB), so a province's
year (1e8 mentions) is analysed on a laptop without ever being held in memory.

Layout of a store folder::

    STORE/
      humaskit-store.json              marker and manifest (format, created, tables)
      imports.jsonl                    one line per imported file: the row accounting
      posts/month=2025-09/part-*.parquet      posts by UTC month of published_at
      mentions/month=2025-09/part-*.parquet   mentions by UTC month of created_at
      daily/month=2025-09/part-*.parquet      daily series by month of date
      audience/month=2025-09/part-*.parquet   audience snapshots by month of as_of
      reference/accounts.parquet       small whole tables (accounts, influencers,
      reference/influencers.parquet    collaborations, plan), merged on each import
      derived/sentiment/month=.../part-*.parquet   mention_id, sentiment, sentiment_score
      derived/answer/month=.../part-*.parquet      mention_id, citizen, request,
                                                   needs_answer, unit, route_topic

Rules kept by :meth:`Store.append`:

* every part file holds the table's canonical columns (:func:`humaskit.schema.columns`)
  with the same Parquet types, sorted by time (so row-group statistics prune the rows
  outside a window);
* rows are de-duplicated by id: ``post_id`` (posts), ``mention_id`` (mentions),
  ``platform, account, date, metric`` (daily), ``platform, account, as_of, dimension,
  segment, unit`` (audience); a row already in the store is dropped, and counted;
* ``imports.jsonl`` keeps, per imported file, the rows in the file, imported, skipped,
  added to the store and dropped as duplicates, so ``rows_in_file = imported + skipped``
  and ``imported = added + duplicates`` always hold.

Derived results (sentiment, which mentions need an answer and who answers them) are
computed in bounded batches by the step that owns them (the store never imports the text
engine: :meth:`Store.annotate` takes the function) and stored under ``derived/``, so a
month is scored once; mentions appended later are scored on the next call.

Queries: plain SQL kept in ``.sql`` files beside this module (``humaskit/store/sql``),
read by :func:`humaskit.store.queries.sql`. They name the tables as views (``posts``,
``mentions``, ``sentiment``, ``answer``, ``units``) and take their parameters as
``{name}`` literals; the runner here defines the views over the month files with DuckDB's
``read_parquet``. The SQL uses only what DuckDB and Spark SQL both run unchanged (CTEs,
``CASE``, ``COALESCE``, window functions, ``date_trunc``, ``percentile_cont ... WITHIN
GROUP``, ``TIMESTAMP`` literals compared in UTC, bare lower-case column names): a cluster
runs the same files after ``spark.read.parquet(files).createOrReplaceTempView(name)`` with
``spark.sql.session.timeZone=UTC``. Three fragments differ per dialect and are filled by
:func:`humaskit.store.queries.sql`: splitting handle lists, the white-space class of a
regular expression, and epoch seconds. ``bench/bench_store_spark.py`` runs every store
function with Spark as the engine and compares the results with DuckDB's.

The analysis functions take a store where they take a DataFrame
(:func:`humaskit.store.dispatch.on_store`): ``evaluation.kpis(store, ...)`` runs
``evaluation.stored.kpis``, and so on.

How far one machine goes (measured by ``bench/bench_store.py`` on 2 shared cores): see
the README section "Riwayat tim dan data besar".

Examples
--------
>>> import tempfile
>>> from humaskit import samples
>>> from humaskit.store import Store, is_store
>>> folder = tempfile.mkdtemp()
>>> st = Store.create(folder)
>>> ws = samples.workspace()
>>> log = st.append_workspace(ws, source="contoh")
>>> dated = log[log["kind"].isin(["posts", "mentions", "daily", "audience"])]
>>> int(dated["added"].sum()) == sum(len(ws.tables()[k]) for k in dated["kind"])
True
>>> is_store(folder), st.months("mentions")[-1]
(True, '2025-09')
>>> int(st.append_workspace(ws, source="contoh")["duplicates"].sum()) > 0
True
"""

from __future__ import annotations

from .core import KEYS, MARKER, TIME_COLUMNS, Store, is_store, open_store

__all__ = ["Store", "is_store", "open_store", "MARKER", "KEYS", "TIME_COLUMNS"]
