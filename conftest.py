"""Fixtures for every collected item (tests, doctests in src/, notebooks).

Each item starts in the default language (a doctest or playbook validation that switched
to English must not change the next one) and with no open figures.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True)
def _fresh_language_and_figures():
    from humaskit import i18n

    i18n._state.pop("lang", None)
    yield
    i18n._state.pop("lang", None)
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
