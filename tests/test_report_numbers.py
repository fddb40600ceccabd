"""Every number a playbook's tables show is its source value, written the Indonesian way.

Each playbook runs in this process on the samples (``tests/playbook_matrix.py``'s in-process
runner) while :func:`humaskit.report.table` is watched: every call's source table and the
HTML it gave are kept. Each displayed number is then parsed back from its Indonesian
writing (``1.234``, ``0,27``, ``12,3%``, ``▲ 4,0%``) and compared with the value in the
source table, within the rounding of the decimals shown. A correlation of 0,17 shown as
``0`` (issue #17) or a percentage shown as a raw fraction fails here.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import playbook_matrix as pm
import pytest

from humaskit import playbooks, report

_NUMBER = re.compile(r"^[+\-−]?\d{1,3}(?:\.\d{3})*(?:,(\d+))?$|^[+\-−]?\d+(?:,(\d+))?$")


def _parse(text: str) -> tuple[float, int] | None:
    """An Indonesian number (``1.234``, ``0,27``, ``-3,5``): value and decimals shown."""
    text = text.strip().replace("\u2212", "-")
    m = _NUMBER.match(text)
    if not m:
        return None
    decimals = len(m.group(1) or m.group(2) or "")
    return float(text.replace(".", "").replace(",", ".")), decimals


def _close(shown: float, decimals: int, source: float, unit: float = 1.0) -> bool:
    """Equal within the rounding of the decimals shown, and a value of visible size
    (0,05 or more in the unit shown) is never written as zero."""
    if shown == 0 and abs(source * unit) >= 0.05:
        return False
    return math.isclose(shown, source, abs_tol=0.5 * 10**-decimals + 1e-9)


def _check(call: dict) -> list[str]:
    """Problems of one recorded table: (column, row, shown, source) that do not agree."""
    from bs4 import BeautifulSoup

    df, pct, change = call["data"], call["pct"], call["change"]
    rows = BeautifulSoup(call["html"], "html.parser").select("tbody tr")
    problems, checked = [], 0
    for i, tr in enumerate(rows):
        cells = tr.find_all("td")
        for j, col in enumerate(df.columns):
            v = df.iat[i, j]
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.number)):
                continue
            if pd.isna(v) or not np.isfinite(float(v)):
                continue
            shown = cells[j].get_text().strip()
            value = float(v)
            if col in change:
                if not shown.startswith(("▲", "▼", "•")):
                    problems.append(f"{col} row {i}: {shown!r} for change {value}")
                    continue
                sign = {"▲": 1, "▼": -1, "•": 0}[shown[0]]
                shown, value = shown[1:].strip(), abs(value) if sign else 0.0
            parsed = _parse(shown.rstrip("%").strip())
            if parsed is None:
                problems.append(f"{col} row {i}: {shown!r} is not a number for {value}")
                continue
            number, decimals = parsed
            unit = 1.0
            if col in pct or col in change:
                number, decimals, unit = number / 100, decimals + 2, 100.0
            checked += 1
            if not _close(number, decimals, value, unit):
                problems.append(f"{col} row {i}: shown {shown!r}, source {value}")
    call["checked"] = checked
    return problems


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """{playbook: [recorded table calls]} of every playbook run on the samples."""
    calls: dict[str, list[dict]] = {}
    original = report.table
    current: list[dict] = []

    def watched(data, *, pct=(), change=(), lang=None, max_rows=50, max_chars=140, **more):
        out = original(
            data, pct=pct, change=change, lang=lang, max_rows=max_rows, max_chars=max_chars, **more
        )
        current.append(
            {
                "data": data.head(max_rows).copy(),
                "pct": set(pct),
                "change": set(change),
                "html": out.data,
            }
        )
        return out

    out = tmp_path_factory.mktemp("numbers")
    report.table = watched
    try:
        for name in playbooks.available():
            current.clear()
            result = pm.run_inprocess(name, {}, out)
            assert result.status == "ok", (name, result.message)
            calls[name] = list(current)
    finally:
        report.table = original
    return calls


@pytest.mark.parametrize("name", playbooks.available())
def test_every_number_shown_is_the_source_value(tables, name):
    problems = [p for call in tables[name] for p in _check(call)]
    assert problems == [], problems[:8]


def test_numbers_were_checked_in_every_playbook(tables):
    for name, calls in tables.items():
        for call in calls:
            _check(call)
        assert sum(c["checked"] for c in calls) > 0 or not calls, name


def _table_with(calls, columns):
    found = [c for c in calls if set(columns) <= set(c["data"].columns)]
    assert found, f"no table with {columns}"
    return found[0]


def test_jadwal_posting_trust_table_shows_the_correlations(tables):
    """'Seberapa bisa dipercaya': correlations of about 0,2-0,4 were shown as 0."""
    call = _table_with(tables["jadwal-posting"], ["rho_model", "rho_naive"])
    assert _check(call) == []
    from bs4 import BeautifulSoup

    shown = [
        td.get_text()
        for tr in BeautifulSoup(call["html"], "html.parser").select("tbody tr")
        for td in tr.find_all("td")
    ]
    assert "True" not in shown and "False" not in shown  # booleans read Ya/Tidak
    rho = call["data"]["rho_model"].dropna()
    assert len(rho) and (rho.abs() > 0.01).any()
    assert any("," in s for s in shown), "decimals are shown with a comma"


def test_evaluasi_bulanan_kpi_tables_match_the_library(tables):
    kpis = [c for c in tables["evaluasi-bulanan"] if {"posts", "reach"} <= set(c["data"].columns)]
    assert kpis, "the KPI tables were shown"
    for call in kpis:
        assert _check(call) == []
        assert call["checked"] >= len(call["data"])


def test_pemetaan_influencer_leaders_table_matches_the_library(tables):
    calls = tables["pemetaan-influencer"]
    leaders = [c for c in calls if {"rank", "handle"} <= set(c["data"].columns)]
    assert leaders, "the leaders table was shown"
    for call in leaders:
        assert _check(call) == []
        assert call["checked"] >= len(call["data"])


def test_the_check_catches_a_wrong_figure():
    """The bug of issue #17 (0,17 shown as 0) and a raw fraction as a percentage fail."""
    data = pd.DataFrame({"rho_model": [0.17], "share": [0.937], "n": [12345]})
    good = report.table(data, pct=["share"], lang="id").data
    assert "0,17" in good and "93,7%" in good and "12.345" in good
    call = {"data": data, "pct": {"share"}, "change": set(), "html": good}
    assert _check(call) == [] and call["checked"] == 3
    bad = good.replace("0,17", "0").replace("93,7%", "0,937")
    problems = _check({"data": data, "pct": {"share"}, "change": set(), "html": bad})
    assert len(problems) == 2
