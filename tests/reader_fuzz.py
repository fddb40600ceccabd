"""Damaged and odd export files for the reader fuzz (issue 19 part 5), shared by
``tests/test_hardening_fuzz.py`` (hypothesis) and ``bench/bench_hardening.py`` (seeded).

Seeds are the kit's own sample exports (``data/samples/exports``: Meta posts, daily and
audience files, X, YouTube, TikTok, a hand-kept comments table) and xlsx workbooks made
from them. A damage is a list of operations, applied in order:

- text (on the decoded text, re-encoded as the file was): ``separator`` (every ``,``
  becomes ``;``, tab, ``|``, a space or ``,,``), ``quote`` (a ``"`` inserted),
  ``number`` (a number cell becomes a huge, negative, fractional, odd or empty value),
  ``date`` (a year becomes 9999, 1677, 0000, 2262 or 1970), ``dupcol`` (a column
  duplicated in every record, header included), ``wide`` (a record made much wider);
- bytes: ``insert`` (random bytes at a position), ``truncate``, ``nul`` (NUL bytes).

:func:`check` reads the result with :func:`humaskit.io.read_export` and says what went
wrong, if anything: a result must account for every row (imported + skipped = rows), or
the reader must stop with a humaskit error of its own (a reader's failure wrapped as
"kesalahan di pembaca humaskit" counts as a defect); anything else, an exception printed
on stderr, a time outside 1990-2100 kept in the table, or more than :data:`TIME_BOUND`
seconds, is a defect.
"""

from __future__ import annotations

import csv
import io
import random
import re
import signal
import time
from contextlib import contextmanager, redirect_stderr
from functools import lru_cache
from pathlib import Path

import pandas as pd

from humaskit import HumaskitError
from humaskit.io import read_export
from humaskit.paths import SAMPLES_DIR

#: Seconds one damaged file may take to be read (a hang is stopped at 3x this).
TIME_BOUND = 10.0

SEPARATORS = [";", "\t", "|", " ", ",,"]
NUMBERS = [
    "99999999999999999999999",
    "-1",
    "-12.345",
    "1e308",
    "1.5",
    "1.234.567,89",
    "NaN",
    "inf",
    "banyak",
    "",
    "0x1F",
    "١٢٣",
]
YEARS = ["9999", "1677", "0000", "2262", "1970", "99999"]
TEXT_OPS = ("separator", "quote", "number", "date", "dupcol", "wide")
BYTE_OPS = ("insert", "truncate", "nul")
OPS = TEXT_OPS + BYTE_OPS


@lru_cache(maxsize=1)
def seeds() -> dict[str, bytes]:
    """File name -> bytes of every sample export, plus xlsx copies of three of them."""
    out = {}
    for p in sorted((SAMPLES_DIR / "exports").rglob("*")):
        if p.is_file():
            out[f"{p.parent.name}/{p.name}"] = p.read_bytes()
    for key in (
        "x/tweet_activity_metrics_humaskotacontoh_20250901_20251001_en.csv",
        "tiktok/Content_2025-09-30.csv",
        "komentar/komentar_2025-09.csv",
    ):
        name = key.rsplit(".", 1)[0] + ".xlsx"
        out[name] = to_xlsx(_frame(out[key]))
    out["komentar/besar.csv"] = big_comments(out["komentar/komentar_2025-09.csv"])
    return out


def big_comments(data: bytes, size: int = 300_000) -> bytes:
    """The comments table repeated (new ids) past the 256 KB head: the big-file path."""
    df = _frame(data)
    parts, n = [], 0
    while n < size:
        part = df.copy()
        part.iloc[:, 2] = [f"{v}-{len(parts)}" for v in part.iloc[:, 2]]
        parts.append(part)
        n += len(part.to_csv(index=False))
    return pd.concat(parts).to_csv(index=False).encode("utf-8")


def _encoding(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    return "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"


def _frame(data: bytes) -> pd.DataFrame:
    text = data.decode(_encoding(data))
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def to_xlsx(df: pd.DataFrame) -> bytes:
    """An xlsx workbook holding ``df`` (numbers as numbers where they read as such)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    df = df.apply(
        lambda c: c.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
    )
    wb = Workbook()
    ws = wb.active
    ws.append([str(c) for c in df.columns])
    for row in df.itertuples(index=False):
        cells = []
        for v in row:
            try:
                cells.append(float(v) if re.fullmatch(r"-?\d+(\.\d+)?", str(v)) else v)
            except (TypeError, ValueError):
                cells.append(v)
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _pick(items: list, where: float):
    return items[min(int(where * len(items)), len(items) - 1)] if items else None


def _text_op(text: str, op: tuple) -> str:
    kind = op[0]
    if kind == "separator":
        return text.replace(",", op[1])
    if kind == "quote":
        pos = int(op[1] * len(text))
        return text[:pos] + '"' + text[pos:]
    if kind == "number":
        found = list(re.finditer(r'(?<=[,"\t])\d+(?:\.\d+)?(?=[,"\r\n\t])', text))
        m = _pick(found, op[1])
        return text if m is None else text[: m.start()] + op[2] + text[m.end() :]
    if kind == "date":
        found = list(re.finditer(r"20[12]\d", text))
        m = _pick(found, op[1])
        return text if m is None else text[: m.start()] + op[2] + text[m.end() :]
    if kind in ("dupcol", "wide"):
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows:
            return text
        if kind == "dupcol":
            j = op[1]
            rows = [r[: j + 1] + r[j : j + 1] + r[j + 1 :] if j < len(r) else r for r in rows]
        else:
            k = min(int(op[1] * len(rows)), len(rows) - 1)
            rows[k] = rows[k] + ["x"] * 200
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        return buf.getvalue()
    return text


def _byte_op(data: bytes, op: tuple) -> bytes:
    kind = op[0]
    pos = int(op[1] * len(data))
    if kind == "insert":
        return data[:pos] + op[2] + data[pos:]
    if kind == "truncate":
        return data[:pos]
    if kind == "nul":
        return data[:pos] + b"\x00" * op[2] + data[pos:]
    return data


def damage(name: str, data: bytes, ops: list[tuple]) -> bytes:
    """Apply ``ops`` to the file ``name`` holding ``data`` (text operations on xlsx
    workbooks act on the sheet's cells)."""
    text_ops = [op for op in ops if op[0] in TEXT_OPS]
    byte_ops = [op for op in ops if op[0] in BYTE_OPS]
    if text_ops:
        if name.endswith(".xlsx"):
            df = pd.read_excel(io.BytesIO(data), dtype=str).fillna("")
            text = df.to_csv(index=False)
            for op in text_ops:
                text = _text_op(text, op)
            try:
                frame = pd.read_csv(
                    io.StringIO(text), dtype=str, keep_default_na=False, on_bad_lines="skip"
                )
            except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
                frame = df
            data = to_xlsx(frame)
        else:
            enc = _encoding(data)
            text = data.decode(enc, errors="replace")
            for op in text_ops:
                text = _text_op(text, op)
            data = text.encode(enc, errors="replace")
    for op in byte_ops:
        data = _byte_op(data, op)
    return data


class TooSlow(Exception):
    """Reading one damaged file took more than 3x :data:`TIME_BOUND` (a hang)."""


@contextmanager
def bounded(seconds: float):
    """Stop the block with :class:`TooSlow` after ``seconds`` (main thread, POSIX)."""

    def stop(signum, frame):  # noqa: ANN001, ARG001
        raise TooSlow(f"more than {seconds:.0f} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def check(folder: Path, name: str, data: bytes) -> str | None:
    """Read ``data`` as the file ``name``; None when handled, else what went wrong."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    start = time.perf_counter()
    err = io.StringIO()
    try:
        with bounded(3 * TIME_BOUND), redirect_stderr(err):
            imp = read_export(path, account="uji", export_date="2025-09-30", lang="id")
    except HumaskitError as exc:
        if exc.__cause__ is not None:  # a reader's own failure, wrapped so the folder goes on
            cause = exc.__cause__
            return f"reader failed: {type(cause).__name__}: {str(cause)[:200]}"
        return None if str(exc).strip() else "a humaskit error without a sentence"
    except TooSlow as exc:
        return f"hang: {exc}"
    except Exception as exc:  # noqa: BLE001 - the defect being looked for
        return f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        path.unlink(missing_ok=True)
    took = time.perf_counter() - start
    if took > TIME_BOUND:
        return f"slow: {took:.1f} s"
    if "Exception ignored" in err.getvalue() or "Traceback" in err.getvalue():
        return "an exception printed on stderr"
    for col in imp.table.columns:
        s = imp.table[col]
        if pd.api.types.is_datetime64_any_dtype(s.dtype) and s.notna().any():
            years = s.dt.year.dropna()
            if ((years < 1990) | (years > 2100)).any():
                return f"a time outside 1990-2100 kept in {col}"
    if not imp.accounted:
        return f"rows not accounted: {imp.rows_in_file} != {imp.imported} + {len(imp.skipped)}"
    return None


def random_ops(rng: random.Random) -> list[tuple]:
    """A seeded damage (for the bench): one to four operations."""
    ops = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(OPS)
        if kind == "separator":
            ops.append((kind, rng.choice(SEPARATORS)))
        elif kind == "quote" or kind == "truncate" or kind == "wide":
            ops.append((kind, rng.random()))
        elif kind == "number":
            ops.append((kind, rng.random(), rng.choice(NUMBERS)))
        elif kind == "date":
            ops.append((kind, rng.random(), rng.choice(YEARS)))
        elif kind == "dupcol":
            ops.append((kind, rng.randint(0, 30)))
        elif kind == "insert":
            ops.append((kind, rng.random(), bytes(rng.randrange(256) for _ in range(4))))
        else:
            ops.append((kind, rng.random(), rng.randint(1, 4)))
    return ops


def run_seeded(folder: Path, n: int, seed: int = 19) -> tuple[int, int, list[str]]:
    """``n`` seeded damaged files: tried, handled, and the defects (for the bench)."""
    rng = random.Random(seed)
    names = sorted(seeds())
    defects = []
    for _ in range(n):
        name = rng.choice(names)
        ops = random_ops(rng)
        why = check(folder, name, damage(name, seeds()[name], ops))
        if why:
            defects.append(f"{name} {ops}: {why}")
    return n, n - len(defects), defects
