"""Shared fixtures: headless plotting, figures closed after each test, seeded data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(autouse=True)
def _default_language():
    from humaskit import i18n

    i18n._state.pop("lang", None)
    yield
    i18n._state.pop("lang", None)


def shared_path(*parts: str) -> Path:
    """Path under ../shared; tests using it skip when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not available on this machine")
    return p
