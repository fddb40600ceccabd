"""A hypothesis-driven fuzz of the readers (issue 19 part 5).

Damaged and odd files are made from the kit's own sample exports (CSV, UTF-16 Meta
series, xlsx workbooks, a comments table past the 256 KB head) by the operations of
``tests/reader_fuzz.py``: random bytes inserted, truncation, odd separators, stray quotes,
huge / negative / odd numbers, odd years, duplicated and over-wide columns, NUL bytes.
Every example must give a result where every row is accounted for (imported + skipped =
rows) or a humaskit error, never another exception, within ``reader_fuzz.TIME_BOUND``
seconds (a hang is stopped and reported).

The examples are derandomized (the same in CI every time); ``HUMASKIT_FUZZ`` sets how
many per test (default 25; ``HUMASKIT_FUZZ=500`` for a long run).
"""

from __future__ import annotations

import os
from datetime import timedelta

import reader_fuzz as rf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(
    max_examples=int(os.environ.get("HUMASKIT_FUZZ", 25)),
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=rf.TIME_BOUND),
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

where = st.floats(0, 1, allow_nan=False)
OP = st.one_of(
    st.tuples(st.just("separator"), st.sampled_from(rf.SEPARATORS)),
    st.tuples(st.just("quote"), where),
    st.tuples(st.just("number"), where, st.sampled_from(rf.NUMBERS) | st.text(max_size=12)),
    st.tuples(st.just("date"), where, st.sampled_from(rf.YEARS)),
    st.tuples(st.just("dupcol"), st.integers(0, 30)),
    st.tuples(st.just("wide"), where),
    st.tuples(st.just("insert"), where, st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("truncate"), where),
    st.tuples(st.just("nul"), where, st.integers(1, 6)),
)
SMALL = sorted(n for n in rf.seeds() if n.endswith(".csv") and "besar" not in n)
XLSX = sorted(n for n in rf.seeds() if n.endswith(".xlsx"))


def _assert_handled(tmp_path, name: str, ops: list) -> None:
    data = rf.damage(name, rf.seeds()[name], ops)
    why = rf.check(tmp_path, name, data)
    assert why is None, f"{name} {ops}: {why}"


@SETTINGS
@given(name=st.sampled_from(SMALL), ops=st.lists(OP, min_size=1, max_size=4))
def test_damaged_csv_exports(tmp_path, name, ops):
    _assert_handled(tmp_path, name, ops)


@SETTINGS
@given(name=st.sampled_from(XLSX), ops=st.lists(OP, min_size=1, max_size=3))
def test_damaged_xlsx_exports(tmp_path, name, ops):
    _assert_handled(tmp_path, name, ops)


@settings(SETTINGS, max_examples=max(4, SETTINGS.max_examples // 5))
@given(ops=st.lists(OP, min_size=1, max_size=3))
def test_damaged_big_csv(tmp_path, ops):
    """Past the 256 KB head: the chunked fast path, the exact path, the repaired copy."""
    _assert_handled(tmp_path, "komentar/besar.csv", ops)


@SETTINGS
@given(
    name=st.sampled_from(SMALL),
    header=st.lists(st.text(max_size=20), min_size=1, max_size=40),
    rows=st.lists(st.lists(st.text(max_size=30), max_size=40), max_size=20),
    sep=st.sampled_from([",", ";", "\t", "|"]),
)
def test_odd_tables_after_a_real_header(tmp_path, name, header, rows, sep):
    """A real export's header line, then arbitrary cells (any text, any number of them)."""
    import csv
    import io

    data = rf.seeds()[name]
    text = data.decode(rf._encoding(data), errors="replace")
    first = text.splitlines()[0] if text else ""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    body = first + "\n" + buf.getvalue()
    why = rf.check(tmp_path, name, body.encode("utf-8", errors="replace"))
    assert why is None, why
