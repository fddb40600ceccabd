"""Shared helpers for tests (the autouse fixtures live in the root conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def start_report(out: Path):
    """``humaskit run evaluasi-bulanan --out out`` started in a process of its own (this
    checkout's source, text pipes), for tests that stop it midway."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MPLBACKEND": "Agg"}
    return subprocess.Popen(
        [sys.executable, "-m", "humaskit.cli", "run", "evaluasi-bulanan", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=default_signals,
    )


def default_signals() -> None:
    """SIGINT and SIGTERM back to their defaults: a test run started in the background
    (a shell's ``make test &``) inherits an ignored SIGINT, which a run rightly keeps
    ignoring, so the tests that press Ctrl-C would see nothing happen."""
    import signal

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def shared_path(*parts: str) -> Path:
    """Path under ../shared; tests using it skip when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not available on this machine")
    return p


@pytest.fixture(scope="module")
def ws():
    """The sample institution's workspace (one per test module)."""
    from humaskit import samples

    return samples.workspace()


@pytest.fixture(scope="module")
def store(tmp_path_factory, ws):
    """A store holding the sample workspace (one per test module)."""
    from humaskit.store import Store

    st = Store.create(tmp_path_factory.mktemp("store") / "s")
    st.append_workspace(ws)
    return st


def same_frames(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """The store's answer equals the in-memory one (index and dtypes aside)."""
    pd.testing.assert_frame_equal(
        a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False, rtol=1e-9
    )
