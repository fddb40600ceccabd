"""The :class:`Store`: append imports month by month, read months back, annotate in batches.

See the package docstring (:mod:`humaskit.store`) for the folder layout and its rules.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DataNotFound, ParameterError
from ..i18n import t
from ..io import Import, Workspace

__all__ = ["Store", "is_store", "open_store", "MARKER", "KEYS", "TIME_COLUMNS", "BATCH_ROWS"]

#: The marker file that makes a folder a store (it holds the manifest).
MARKER = "humaskit-store.json"
#: Tables stored by month, and the columns that identify one row.
KEYS: dict[str, tuple[str, ...]] = {
    "posts": ("post_id",),
    "mentions": ("mention_id",),
    "daily": ("platform", "account", "date", "metric"),
    "audience": ("platform", "account", "as_of", "dimension", "segment", "unit"),
}
#: The column whose (UTC) month places a row in its partition.
TIME_COLUMNS = {
    "posts": "published_at",
    "mentions": "created_at",
    "daily": "date",
    "audience": "as_of",
}
#: Small tables kept whole under ``reference/`` (merged on each import, the newest row wins).
REFERENCE_KEYS: dict[str, tuple[str, ...]] = {
    "accounts": ("platform", "handle"),
    "influencers": ("platform", "handle"),
    "collaborations": ("date", "handle", "campaign", "post_id"),
    "plan": ("date", "platform", "title"),
}
#: Rows per batch when annotating (sentiment, needs-answer) and per Parquet row group.
BATCH_ROWS = 250_000
ROW_GROUP = 122_880
FORMAT = 1


def is_store(path: Any) -> bool:
    """True when ``path`` is a store folder (it holds the marker file).

    Examples
    --------
    >>> is_store("/nonexistent"), is_store("")
    (False, False)
    """
    if path in (None, ""):
        return False
    return (Path(str(path)).expanduser() / MARKER).is_file()


def open_store(path: Any, *, lang: str | None = None) -> Store:
    """Open an existing store (raises :class:`humaskit.DataNotFound` when it is not one)."""
    if not is_store(path):
        raise DataNotFound(t("store.not_a_store", lang, path=path, marker=MARKER))
    return Store(Path(str(path)).expanduser())


def _months_of(values: pd.Series) -> np.ndarray:
    """``YYYY-MM`` (UTC) of each time or date, as an array of str (NaT gives "")."""
    v = values
    if isinstance(v.dtype, pd.DatetimeTZDtype):
        v = v.dt.tz_convert("UTC").dt.tz_localize(None)
    arr = pd.to_datetime(v).to_numpy().astype("datetime64[M]")
    out = arr.astype("str")
    out[np.isnat(arr)] = ""
    return out


def month_range(start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    """UTC months overlapping ``[start, end)`` (aware or naive-UTC timestamps).

    Examples
    --------
    >>> month_range(pd.Timestamp("2025-08-31 17:00", tz="UTC"), pd.Timestamp("2025-09-30 17:00",
    ...             tz="UTC"))
    ['2025-08', '2025-09']
    """
    s = pd.Timestamp(start)
    e = pd.Timestamp(end) - pd.Timedelta(microseconds=1)
    s = s.tz_convert("UTC").tz_localize(None) if s.tzinfo else s
    e = e.tz_convert("UTC").tz_localize(None) if e.tzinfo else e
    return [str(p) for p in pd.period_range(s.to_period("M"), e.to_period("M"), freq="M")]


class Store:
    """A store folder (see :mod:`humaskit.store`). Create with :meth:`create`.

    Parameters
    ----------
    path : str or Path
        The store folder (it must hold the marker file; :func:`open_store` checks).
    """

    def __init__(self, path: Any) -> None:
        self.path = Path(str(path)).expanduser()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- creating and listing --------------------------------------------------------

    @classmethod
    def create(cls, path: Any) -> Store:
        """Open the store at ``path``, making the folder and its marker when new.

        A folder that exists, is not empty and is not a store is refused (a store is
        never written into a folder of other files).
        """
        p = Path(str(path)).expanduser()
        if is_store(p):
            return cls(p)
        if p.exists() and (not p.is_dir() or any(p.iterdir())):
            raise ParameterError(t("store.not_empty", None, path=p, marker=MARKER))
        p.mkdir(parents=True, exist_ok=True)
        manifest = {
            "format": FORMAT,
            "created": datetime.now().astimezone().isoformat(timespec="seconds"),
            "tables": {k: list(v) for k, v in KEYS.items()},
            "time_columns": TIME_COLUMNS,
            "partition": "UTC month of the time column",
        }
        (p / MARKER).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        return cls(p)

    def months(self, table: str = "mentions") -> list[str]:
        """The months (``YYYY-MM``, UTC) that hold rows of ``table``, oldest first."""
        folder = self.path / table
        if not folder.is_dir():
            return []
        return sorted(
            d.name.split("=", 1)[1]
            for d in folder.iterdir()
            if d.is_dir() and d.name.startswith("month=") and any(d.glob("*.parquet"))
        )

    def files(self, table: str, months: Iterable[str] | None = None) -> list[str]:
        """The Parquet files of ``table`` in ``months`` (all months when None)."""
        folder = self.path / table
        wanted = self.months(table) if months is None else list(months)
        out: list[str] = []
        for m in wanted:
            out.extend(sorted(str(f) for f in (folder / f"month={m}").glob("*.parquet")))
        return out

    def derived_files(self, name: str, months: Iterable[str] | None = None) -> list[str]:
        """The Parquet files of derived result ``name`` (``sentiment``, ``answer``)."""
        return self.files(f"derived/{name}", months)

    def derived(self, name: str, months: Iterable[str] | None = None) -> pd.DataFrame:
        """Derived result ``name`` of ``months`` (all when None) as a DataFrame."""
        files = self.derived_files(name, months)
        if not files:
            return pd.DataFrame()
        import pyarrow.parquet as pq

        return _to_pandas(pq.ParquetDataset(files, partitioning=None).read())

    def imports_log(self) -> pd.DataFrame:
        """The row accounting of every imported file (one row per file and import)."""
        p = self.path / "imports.jsonl"
        if not p.exists():
            return pd.DataFrame(
                columns=["imported_at", "source", "file", "platform", "kind", "rows_in_file"]
            )
        rows = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
        return pd.DataFrame(rows)

    # -- appending -------------------------------------------------------------------

    def _write(self, folder: Path, df: pd.DataFrame, sort: str | None = None) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if sort is not None and sort in df.columns:
            df = df.sort_values(sort, kind="stable")
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
        tmp = folder / f".part-{uuid.uuid4().hex}.tmp"
        pq.write_table(table, tmp, row_group_size=ROW_GROUP)
        tmp.rename(folder / (tmp.name[1:-4] + ".parquet"))  # appears only when complete

    def _existing_keys(self, table: str, month: str) -> pd.DataFrame | None:
        files = self.files(table, [month])
        if not files:
            return None
        import pyarrow.parquet as pq

        keys = list(KEYS[table])
        return pq.ParquetDataset(files, partitioning=None).read(columns=keys).to_pandas()

    def append(self, table: str, data: pd.DataFrame) -> dict[str, int]:
        """Add the rows of canonical ``table`` that the store does not hold yet.

        Returns ``{"added": n, "duplicates": n}``: duplicates are rows whose key is
        already in the store or repeated in ``data`` (the first one is kept).
        """
        if table in REFERENCE_KEYS:
            return self._append_reference(table, data)
        if table not in KEYS:
            raise ParameterError(t("store.bad_table", None, table=table, known=", ".join(KEYS)))
        df = schema.validate(data, table)[schema.columns(table)]
        keys = list(KEYS[table])
        n_in = len(df)
        df = df.drop_duplicates(keys, keep="first")
        added = 0
        months = _months_of(df[TIME_COLUMNS[table]])
        for month in sorted(set(months) - {""}):
            part = df[months == month]
            old = self._existing_keys(table, month)
            if old is not None and len(old):
                if len(keys) == 1:
                    part = part[~part[keys[0]].isin(old[keys[0]]).to_numpy(dtype=bool)]
                else:
                    probe = part[keys].astype("str").agg("\x1f".join, axis=1)
                    seen = old[keys].astype("str").agg("\x1f".join, axis=1)
                    part = part[~probe.isin(seen).to_numpy(dtype=bool)]
            if len(part):
                self._write(self.path / table / f"month={month}", part, TIME_COLUMNS[table])
                added += len(part)
        return {"added": int(added), "duplicates": int(n_in - added)}

    def _append_reference(self, table: str, data: pd.DataFrame) -> dict[str, int]:
        df = schema.validate(data, table)
        old = self.reference(table)
        keys = [k for k in REFERENCE_KEYS[table] if k in df.columns]
        both = pd.concat([old, df], ignore_index=True) if len(old) else df
        merged = both.drop_duplicates(keys, keep="last") if keys else both
        added = len(merged) - len(old)
        folder = self.path / "reference"
        folder.mkdir(parents=True, exist_ok=True)
        for f in folder.glob(f"{table}*.parquet"):
            f.unlink()
        self._write(folder / table, merged.reset_index(drop=True))
        return {"added": int(max(added, 0)), "duplicates": int(len(df) - max(added, 0))}

    def reference(self, table: str) -> pd.DataFrame:
        """A whole reference table (``accounts``, ``influencers``...); empty when absent."""
        files = sorted((self.path / "reference" / table).glob("*.parquet"))
        if not files:
            return schema.empty(table)
        import pyarrow.parquet as pq

        return schema.validate(pq.read_table(files[0]).to_pandas(), table)

    def append_import(self, imp: Import, *, source: str = "") -> dict[str, Any]:
        """Append one :class:`humaskit.io.Import` and log its row accounting."""
        counts = {"added": 0, "duplicates": 0}
        if imp.kind in KEYS or imp.kind in REFERENCE_KEYS:
            counts = self.append(imp.kind, imp.table)
        row = {
            "imported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "source": str(source),
            "file": str(imp.path),
            "platform": str(imp.platform or ""),
            "kind": str(imp.kind),
            "rows_in_file": int(imp.rows_in_file),
            "imported": int(len(imp.table)),
            "skipped": int(len(imp.skipped)),
            **counts,
        }
        with open(self.path / "imports.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        return row

    def append_workspace(self, ws: Workspace, *, source: str = "") -> pd.DataFrame:
        """Append every import of ``ws`` (or its tables when it has no imports).

        Returns the accounting, one row per file (or table): ``rows_in_file``,
        ``imported``, ``skipped``, ``added``, ``duplicates``.
        """
        imports = [i for i in ws.imports if isinstance(getattr(i, "table", None), pd.DataFrame)]
        if not imports:
            imports = [
                Import(
                    path=f"{source or ws.name}:{k}",
                    platform="",
                    kind=k,
                    table=df,
                    rows_in_file=len(df),
                )
                for k, df in ws.tables().items()
                if len(df)
            ]
        return pd.DataFrame([self.append_import(i, source=source) for i in imports])

    # -- reading ---------------------------------------------------------------------

    def read(
        self,
        table: str,
        months: Iterable[str] | None = None,
        *,
        columns: list[str] | None = None,
    ) -> pd.DataFrame:
        """``table`` of ``months`` (all when None) as a canonical DataFrame.

        Only the files of those months are read (and only ``columns`` when given).
        """
        files = self.files(table, months)
        if not files:
            out = schema.empty(table)
            return out[columns] if columns else out
        import pyarrow.parquet as pq

        df = pq.ParquetDataset(files, partitioning=None).read(columns=columns).to_pandas()
        if columns:
            for c in columns:
                kind = next((k.kind for k in schema.TABLES[table] if k.name == c), None)
                if kind == "int":
                    df[c] = df[c].astype("Int64")
            return df
        return schema.validate(df, table)

    def workspace(self, months: Iterable[str] | None = None, *, name: str = "") -> Workspace:
        """A :class:`humaskit.io.Workspace` of ``months`` (reference tables whole)."""
        months = None if months is None else list(months)
        tables = {k: self.read(k, months) for k in KEYS}
        tables.update({k: self.reference(k) for k in REFERENCE_KEYS})
        return Workspace(**tables, name=name or self.path.name)

    def latest(self, table: str = "posts") -> pd.Timestamp | None:
        """The latest time (UTC) of ``table`` (only its last month's time column is read)."""
        months = self.months(table)
        if not months:
            return None
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        col = TIME_COLUMNS[table]
        arr = (
            pq.ParquetDataset(self.files(table, months[-1:]), partitioning=None)
            .read(columns=[col])
            .column(col)
        )
        value = pc.max(arr).as_py()
        return None if value is None else pd.Timestamp(value)

    def workspace_for(self, period: Any = None, *, before: int = 2) -> Workspace:
        """The workspace a monthly report reads: month ``period`` and ``before`` months before.

        ``period`` is ``YYYY-MM`` (local month) or None/``"terakhir"`` (the latest month);
        one more UTC month is read for the hours a local month starts earlier than UTC.

        Examples
        --------
        >>> import tempfile
        >>> st = Store.create(tempfile.mkdtemp())
        >>> st.workspace_for("2025-09").posts.empty
        True
        """
        text = str(period or "").strip().lower()
        if text in ("", "terakhir", "latest", "none"):
            last = (self.months("posts") or self.months("mentions") or [None])[-1]
            if last is None:
                return self.workspace([], name=self.path.name)
            month = pd.Period(last, freq="M")
        else:
            month = pd.Period(text, freq="M")
        wanted = [str(month - k) for k in range(before + 1, -1, -1)]
        return self.workspace(wanted)

    def accounts_seen(self) -> list[str]:
        """Every account name of the store's tables (one column read, all months)."""
        seen: set[str] = set()
        import pyarrow.parquet as pq

        for k in KEYS:
            files = self.files(k)
            if files:
                col = (
                    pq.ParquetDataset(files, partitioning=None)
                    .read(columns=["account"])
                    .column("account")
                )
                seen.update(x for x in col.unique().to_pylist() if x)
        acc = self.reference("accounts")
        if "account" in acc.columns:
            seen.update(acc["account"].dropna().astype(str))
        return sorted(seen)

    # -- derived results -------------------------------------------------------------

    def annotate(
        self,
        name: str,
        fn: Callable[[pd.DataFrame], pd.DataFrame],
        *,
        months: Iterable[str],
        columns: list[str],
        table: str = "mentions",
        batch: int = BATCH_ROWS,
    ) -> int:
        """Compute ``fn`` on the rows of ``months`` not annotated yet, in bounded batches.

        ``fn`` takes a batch (the key and ``columns``) and returns a DataFrame with the
        key column and the results; it is written under ``derived/<name>/month=.../``.
        Returns the number of rows annotated now (0 when every month was done before).
        """
        key = KEYS[table][0]
        cols = list(dict.fromkeys([key, *columns]))
        done = 0
        for month in months:
            files = self.files(table, [month])
            if not files:
                continue
            have = self.derived_files(name, [month])
            if have and _rows(have) >= _rows(files):  # every row done (ids are unique)
                continue
            con = connect()
            select = ", ".join(f"m.{c}" for c in cols)
            sql = f"SELECT {select} FROM read_parquet({_list(files)}, hive_partitioning = false) m"
            if have:
                sql += (
                    f" LEFT JOIN (SELECT {key} FROM read_parquet({_list(have)}, hive_partitioning = false)) d"
                    f" ON m.{key} = d.{key} WHERE d.{key} IS NULL"
                )
            reader = _batches(con.sql(sql), int(batch))
            folder = self.path / "derived" / name / f"month={month}"
            for rb in reader:
                part = _to_pandas(rb)
                if not len(part):
                    continue
                out = fn(part)
                self._write(folder, out)
                done += len(part)
            con.close()
        return done


def _rows(files: list[str]) -> int:
    """Rows in Parquet ``files``, from their footers (no data read)."""
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)


def _list(files: list[str]) -> str:
    return "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"


def _to_pandas(batch: Any) -> pd.DataFrame:
    import pyarrow as pa

    def mapper(typ: Any) -> Any:
        if pa.types.is_integer(typ):
            return pd.Int64Dtype()
        if pa.types.is_boolean(typ):
            return pd.BooleanDtype()
        return None

    return batch.to_pandas(types_mapper=mapper)


#: DuckDB's memory for one query; above it, joins and aggregations spill to a temp folder.
MEMORY_LIMIT = "2GB"


def connect(memory_limit: str | None = None, threads: int | None = None) -> Any:
    """A DuckDB connection set for the store's queries (UTC session, bounded memory)."""
    import tempfile

    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")  # it would print into reports
    con.execute(f"SET memory_limit = '{memory_limit or MEMORY_LIMIT}'")
    spill = Path(tempfile.gettempdir()) / "humaskit-duckdb"
    con.execute(f"SET temp_directory = '{str(spill).replace(chr(39), chr(39) * 2)}'")
    try:  # with the icu extension the session zone is local: make it UTC
        con.execute("SET TimeZone = 'UTC'")
    except duckdb.Error:  # without icu every time is handled in UTC already
        pass
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def _batches(result: Any, rows: int) -> Any:
    """An Arrow record batch reader of ``rows`` rows per batch (DuckDB 1.x and 2.x names)."""
    for name in ("to_arrow_reader", "fetch_arrow_reader", "record_batch"):
        if hasattr(result, name):
            return getattr(result, name)(rows)
    return result.arrow().to_reader(rows)  # pragma: no cover
