"""Partial data is the normal case (issue #14, item 2): every playbook still reports.

The sample workspace is written as canonical CSV files (one per table, as a team's own
spreadsheets would be) into a folder the playbooks get as ``data``, after dropping a subset
of the optional tables (daily figures, mentions, audience, plan, accounts, the partner
register) and some optional columns. The subsets are a deterministic sample (seeded), plus
the two extremes: every optional table gone, and every optional column of every table gone.
Each playbook with a ``data`` parameter runs in this process (the runner of
``tests/playbook_matrix.py``) and must write its report. The tables are cut to the last two
months of the sample to keep the runs short.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import playbook_matrix as pm
import pytest

from humaskit import playbooks, samples, schema

OPTIONAL_TABLES = ("daily", "mentions", "audience", "plan", "accounts", "influencers")
#: dropping the register drops both of its tables
_LINKED = {"influencers": ("influencers", "collaborations")}
PLAYBOOKS = [pb for pb in playbooks.available() if "data" in playbooks.parameters(pb)]
_TIME = {"posts": "published_at", "mentions": "created_at", "daily": "date"}


def _optional_columns(table: str) -> list[str]:
    return [c.name for c in schema.TABLES[table] if not c.required]


def _cases(n_random: int = 2, seed: int = 14) -> dict[str, tuple[tuple[str, ...], dict]]:
    """{case id: (tables dropped, {table: optional columns dropped})}."""
    rng = random.Random(seed)
    every_column = {k: _optional_columns(k) for k in ("posts", "mentions", "accounts", "plan")}
    cases = {
        "no-optional-table": (OPTIONAL_TABLES, {}),
        "no-optional-column": ((), every_column),
    }
    for i in range(n_random):
        dropped = tuple(
            sorted(rng.sample(OPTIONAL_TABLES, rng.randint(1, len(OPTIONAL_TABLES) - 1)))
        )
        kept = [k for k in ("posts", "mentions", "accounts", "plan") if k not in dropped]
        table = rng.choice(kept)
        cols = _optional_columns(table)
        columns = {table: sorted(rng.sample(cols, rng.randint(1, len(cols))))} if cols else {}
        cases[f"random-{i + 1}"] = (dropped, columns)
    return cases


CASES = _cases()
_FOLDERS: dict[str, Path] = {}


def _sample_tables() -> dict[str, pd.DataFrame]:
    ws = samples.workspace()
    last = pd.to_datetime(ws.posts["published_at"], utc=True).max()
    start = (last.tz_convert(None).to_period("M") - 1).to_timestamp().tz_localize("UTC")
    out = {}
    for name, df in ws.tables().items():
        if name in _TIME and len(df):
            times = pd.to_datetime(df[_TIME[name]], utc=True)
            df = df[times >= start]
        out[name] = df
    return out


def _folder(case: str) -> Path:
    """The case's workspace folder of canonical CSV files (written once per process)."""
    if case not in _FOLDERS:
        if "root" not in _FOLDERS:
            import atexit

            _FOLDERS["root"] = Path(tempfile.mkdtemp(prefix="humaskit-partial-"))
            atexit.register(shutil.rmtree, _FOLDERS["root"], ignore_errors=True)
            _FOLDERS["tables"] = _sample_tables()  # type: ignore[assignment]
        dropped, columns = CASES[case]
        gone = {t for d in dropped for t in _LINKED.get(d, (d,))}
        folder = _FOLDERS["root"] / case
        folder.mkdir()
        for name, df in _FOLDERS["tables"].items():  # type: ignore[union-attr]
            if name in gone or not len(df):
                continue
            df = df.drop(columns=[c for c in columns.get(name, []) if c in df.columns])
            df.to_csv(folder / f"{name}.csv", index=False)
        _FOLDERS[case] = folder
    return _FOLDERS[case]


def test_cases_cover_the_optional_tables():
    dropped = {t for d, _ in CASES.values() for t in d}
    assert dropped == set(OPTIONAL_TABLES)
    assert any(cols for _, cols in CASES.values())


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("playbook", PLAYBOOKS)
def test_playbook_reports_on_partial_data(playbook, case):
    folder = _folder(case)
    out = Path(tempfile.mkdtemp(dir=_FOLDERS["root"]))
    res = pm.run_inprocess(playbook, {"data": str(folder)}, out)
    dropped, columns = CASES[case]
    assert res.status == "ok", (
        f"{playbook} without {dropped or '-'} (columns dropped: {columns or '-'}): "
        f"{res.detail}: {res.message} (at {res.where}, code cell {res.cell})"
    )
    if playbook == "jadwal-posting":
        extra = set(res.extra.get("scheduled_accounts", [])) - set(res.extra["data_accounts"])
        assert not extra, f"scheduled accounts not in the data: {extra}"


def test_audit_without_inventory_audits_the_accounts_in_the_data():
    from types import SimpleNamespace

    from humaskit.files import inventory
    from humaskit.io import Workspace

    ws = samples.workspace()
    real = Workspace(posts=ws.posts, daily=ws.daily)  # no accounts table: a first real run
    got = inventory.audit_inputs(SimpleNamespace(values={"inventaris": ""}, ws=real), lang="id")
    assert got.provisional and "belum ada inventaris" in got.source
    assert set(got.accounts["account"]) == set(ws.posts["account"]) | set(ws.daily["account"])
    assert got.accounts["two_factor"].isna().all()  # nothing is made up
