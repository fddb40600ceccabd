"""Figures against references: the KPI table, published benchmarks and the team's own targets.

- :func:`kpi_directions`: every KPI's direction (higher or lower is better) and display kind
  (``data/evaluation/kpis.csv``).
- :func:`benchmarks` and :func:`against_benchmarks`: reference figures with their source and
  year, and how a period compares with them.
- :func:`example_targets` and :func:`against_targets`: the team's targets and whether they
  were met.

Examples
--------
>>> against_targets({"er_by_reach": 0.02}, {"er_by_reach": 0.03})["met"].tolist()
[False]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import read_table

__all__ = [
    "kpi_directions",
    "benchmarks",
    "example_targets",
    "against_benchmarks",
    "against_targets",
]


def kpi_directions() -> pd.DataFrame:
    """The KPI table shipped in ``data/evaluation/kpis.csv``: direction and display kind.

    Examples
    --------
    >>> d = kpi_directions().set_index("kpi")
    >>> d.loc["median_response_hours", "direction"], d.loc["er_by_reach", "kind"]
    ('lower', 'pct')
    """
    return read_table("kpis.csv").copy()


def example_targets() -> pd.DataFrame:
    """The example team targets shipped in ``data/evaluation/targets-contoh.csv``.

    Examples
    --------
    >>> "within_limit_share" in set(example_targets()["kpi"])
    True
    """
    tg = read_table("targets-contoh.csv").copy()
    tg["target"] = pd.to_numeric(tg["target"], errors="coerce")
    tg["platform"] = tg["platform"].replace("", "all")
    return tg[["kpi", "target", "platform"]]


def benchmarks() -> pd.DataFrame:
    """Reference figures shipped in ``data/evaluation/benchmarks.csv``, with source and year.

    Rows of kind ``published`` cite a published figure; rows of kind ``illustrative`` are
    humaskit's own starting points, not measurements: replace them with your own.

    Examples
    --------
    >>> b = benchmarks()
    >>> {"platform", "kpi", "value", "source", "year", "kind"} <= set(b.columns)
    True
    """
    b = read_table("benchmarks.csv").copy()
    b["value"] = pd.to_numeric(b["value"], errors="coerce").astype("Float64")
    return b


def _status(value: float, ref: float, direction: str) -> str:
    if pd.isna(value) or pd.isna(ref):
        return "unknown"
    if direction == "none":
        return "above" if value >= ref else "below"
    if direction == "lower":
        return "better" if value <= ref else "worse"
    return "better" if value >= ref else "worse"


def against_benchmarks(
    k: pd.DataFrame, table: pd.DataFrame | None = None, *, lang: str | None = None
) -> pd.DataFrame:
    """Compare :func:`kpis` figures with the benchmark table, one row per KPI compared.

    ``k`` grouped by ``platform`` is matched to the platform's rows; an ungrouped ``k``
    to rows with platform ``all``. When the benchmark's KPI is missing in the data its
    ``fallback`` variant is used and the row says ``approximate``.

    Returns
    -------
    DataFrame
        ``platform, kpi, value, benchmark, ratio, status (better/worse, or above/below for
        posting volume; unknown),
        approximate, kind, source, year``.

    Examples
    --------
    >>> import pandas as pd
    >>> k = pd.DataFrame({"platform": ["instagram"], "er_by_reach": [0.03]})
    >>> out = against_benchmarks(k)
    >>> out.loc[0, "status"], bool(out.loc[0, "approximate"])
    ('better', True)
    """
    table = benchmarks() if table is None else table
    dirs = kpi_directions().set_index("kpi")["direction"].to_dict()
    rows = []
    plat = k["platform"] if "platform" in k.columns else pd.Series(["all"] * len(k))
    for i, p in enumerate(plat):
        ref = table[table["platform"] == p]
        for _, b in ref.iterrows():
            kpi, approx = b["kpi"], False
            value = k.iloc[i][kpi] if kpi in k.columns else pd.NA
            fb = str(b.get("fallback", "") or "")
            if (value is pd.NA or pd.isna(value)) and fb and fb in k.columns:
                value, approx = k.iloc[i][fb], True
            if pd.isna(value):
                continue
            bench = float(b["value"])
            rows.append(
                {
                    "platform": p,
                    "kpi": kpi,
                    "value": float(value),
                    "benchmark": bench,
                    "ratio": float(value) / bench if bench else np.nan,
                    "status": _status(float(value), bench, dirs.get(kpi, "higher")),
                    "approximate": approx,
                    "kind": b["kind"],
                    "source": b["source"],
                    "year": b["year"],
                }
            )
    cols = [
        "platform",
        "kpi",
        "value",
        "benchmark",
        "ratio",
        "status",
        "approximate",
        "kind",
        "source",
        "year",
    ]
    out = pd.DataFrame(rows, columns=cols)
    out["ratio"] = out["ratio"].astype("Float64")
    return out


def _targets_frame(targets: Any, lang: str | None) -> pd.DataFrame:
    if isinstance(targets, Mapping):
        rows = []
        for key, v in targets.items():
            if isinstance(v, Mapping):
                rows += [{"kpi": key, "platform": p, "target": x} for p, x in v.items()]
            else:
                rows.append({"kpi": key, "platform": "all", "target": v})
        targets = pd.DataFrame(rows, columns=["kpi", "platform", "target"])
    if not isinstance(targets, pd.DataFrame) or not {"kpi", "target"} <= set(targets.columns):
        raise ParameterError(t("evaluation.bad_targets", lang))
    out = targets.copy()
    if "platform" not in out.columns:
        out["platform"] = "all"
    out["platform"] = out["platform"].astype("str").fillna("all").replace("", "all")
    out["target"] = pd.to_numeric(out["target"], errors="coerce")
    bad = out[out["target"].isna()]
    if len(bad):
        raise ParameterError(t("evaluation.bad_target_value", lang, kpi=bad.iloc[0]["kpi"]))
    return out


def against_targets(
    k: pd.DataFrame | Mapping[str, Any],
    targets: Any,
    *,
    figures: Mapping[str, Any] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Compare figures with the team's own targets.

    Parameters
    ----------
    k : DataFrame or dict
        :func:`kpis` (ungrouped, or grouped by ``platform``), or a dict of figures such as
        the ``figures`` of a summary bundle (responsiveness and sentiment included).
    targets : dict or DataFrame
        ``{"er_by_reach": 0.03, "within_limit_share": 0.9}``, per platform
        ``{"er_by_reach": {"instagram": 0.04}}``, or a table ``kpi, target[, platform]``.
    figures : dict, optional
        Institution-wide figures (e.g. :func:`humaskit.evaluation.figures` of the total
        KPIs, responsiveness and sentiment) for targets without a platform that ``k``
        does not hold.

    Returns
    -------
    DataFrame
        ``platform, kpi, value, target, gap (value - target), met (bool or NA)``.

    Examples
    --------
    >>> against_targets({"within_limit_share": 0.72}, {"within_limit_share": 0.9})[
    ...     ["value", "target", "met"]].to_dict("records")
    [{'value': 0.72, 'target': 0.9, 'met': False}]
    """
    tg = _targets_frame(targets, lang)
    dirs = kpi_directions().set_index("kpi")["direction"].to_dict()
    if isinstance(k, Mapping):
        k = pd.DataFrame([dict(k)])
    rows = []
    for _, tr in tg.iterrows():
        kpi, plat = tr["kpi"], tr["platform"]
        if plat == "all":
            sel = k if "platform" not in k.columns else k.iloc[0:0]
            if "platform" in k.columns and len(k) == 1:
                sel = k
        else:
            sel = k[k["platform"] == plat] if "platform" in k.columns else k.iloc[0:0]
        value = sel.iloc[0][kpi] if len(sel) and kpi in sel.columns else pd.NA
        if (value is None or pd.isna(value)) and plat == "all" and figures:
            value = figures.get(kpi, pd.NA)
        value = None if value is None or pd.isna(value) else float(value)
        target = float(tr["target"])
        if value is None:
            met = pd.NA
        elif dirs.get(kpi, "higher") == "lower":
            met = value <= target
        else:
            met = value >= target
        rows.append(
            {
                "platform": plat,
                "kpi": kpi,
                "value": value,
                "target": target,
                "gap": None if value is None else value - target,
                "met": met,
            }
        )
    out = pd.DataFrame(rows, columns=["platform", "kpi", "value", "target", "gap", "met"])
    out["met"] = out["met"].astype("boolean")
    return out
