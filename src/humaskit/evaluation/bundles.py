"""Share-safe summary bundles and the forum's comparison of units.

A **bundle** is the small JSON a monthly report leaves next to its HTML (inside
``ringkasan.json``), which units can send to the forum of admins without sending any
personal data::

    {"kind": "humaskit.evaluation.bundle", "version": 1, "kit_version": "0.1.0",
     "period": "2025-09", "unit": "Dinas Pekerjaan Umum", "institution": "Pemkot ...",
     "accounts": 5, "limit_hours": 24,
     "figures": {"posts": 120, "er_by_reach": 0.031, "within_limit_share": 0.72, ...}}

Only aggregate numbers go into ``figures`` (:data:`BUNDLE_FIGURES`); :func:`check_bundle`
refuses anything else (a text value, a handle, an unknown key). :func:`compare` ranks the
units of several bundles on chosen KPIs. :func:`unit_figures` computes every unit's
figures from one workspace in one pass (the forum's "contoh" bundles).

Examples
--------
>>> b = make_bundle("2025-09", "Dinas A", {"posts": 10, "er_by_reach": 0.03})
>>> c = compare([b, make_bundle("2025-09", "Dinas B", {"posts": 5, "er_by_reach": 0.05})],
...             kpis=["er_by_reach"])
>>> c["unit"].tolist()
['Dinas B', 'Dinas A']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import DEFAULT_TZ, account_units, mentions_of, window, zone
from .kpis import kpis
from .targets import kpi_directions

__all__ = [
    "BUNDLE_KIND",
    "BUNDLE_FIGURES",
    "DEFAULT_COMPARE",
    "make_bundle",
    "check_bundle",
    "figures",
    "bundle",
    "unit_figures",
    "unit_bundles",
    "sample_bundles",
    "compare",
    "kpi_list",
]

BUNDLE_KIND = "humaskit.evaluation.bundle"
_VERSION = 1
#: The figures a bundle may hold (all numbers; see ``data/evaluation/kpis.csv``).
BUNDLE_FIGURES = (
    "posts",
    "posts_per_day",
    "reach",
    "impressions",
    "views",
    "engagements",
    "er_by_reach",
    "er_by_impressions",
    "er_by_followers",
    "followers",
    "follower_growth",
    "follower_growth_rate",
    "needing_answer",
    "response_rate",
    "median_response_hours",
    "p90_response_hours",
    "within_limit_share",
    "overdue",
    "mentions",
    "positive_share",
    "negative_share",
    "net_sentiment",
    "posts_change",
    "reach_change",
    "er_by_reach_change",
    "net_sentiment_change",
)
#: KPIs the forum ranks on when none are chosen.
DEFAULT_COMPARE = (
    "er_by_reach",
    "follower_growth_rate",
    "within_limit_share",
    "median_response_hours",
    "net_sentiment",
)
_TEXT_FIELDS = ("kind", "period", "unit", "institution", "kit_version")


def _num(value: Any) -> float | int | None:
    if value is None or (
        not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)
    ):
        return None
    if isinstance(value, (bool, np.bool_)):
        raise TypeError
    if isinstance(value, (int, np.integer)):
        return int(value)
    f = float(value)
    if not np.isfinite(f):
        return None
    return round(f, 6)


def make_bundle(
    period: Any,
    unit: str,
    figures: Mapping[str, Any],
    *,
    institution: str = "",
    accounts: int | None = None,
    limit_hours: float = 24,
    lang: str | None = None,
) -> dict[str, Any]:
    """Build a checked, share-safe bundle from aggregate ``figures``.

    Unknown figure names and non-numeric values are refused (a bundle never carries
    text that could hold personal data).
    """
    from .. import __version__

    clean = {}
    for key, value in dict(figures).items():
        if key not in BUNDLE_FIGURES:
            raise ParameterError(t("evaluation.bundle_unknown_figure", lang, field=key))
        try:
            clean[key] = _num(value)
        except (TypeError, ValueError):
            raise ParameterError(t("evaluation.bundle_not_number", lang, field=key)) from None
    b = {
        "kind": BUNDLE_KIND,
        "version": _VERSION,
        "kit_version": __version__,
        "period": str(getattr(period, "label", period)),
        "unit": str(unit),
        "institution": str(institution or ""),
        "accounts": None if accounts is None else int(accounts),
        "limit_hours": float(limit_hours),
        "figures": clean,
    }
    return check_bundle(b, lang=lang)


def check_bundle(b: Any, *, source: str = "", lang: str | None = None) -> dict[str, Any]:
    """Return ``b`` if it is a valid share-safe bundle, else raise one plain sentence.

    Accepts a bundle, or a playbook's ``ringkasan.json`` content holding one under
    ``summary.bundle``.

    Examples
    --------
    >>> check_bundle({"kind": "x"})
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Ringkasan  bukan bundel evaluasi humaskit (tidak ada 'kind': 'humaskit.evaluation.bundle'); jalankan playbook evaluasi-bulanan untuk membuatnya.
    """
    if (
        isinstance(b, Mapping)
        and "summary" in b
        and isinstance(b["summary"], Mapping)
        and "bundle" in b["summary"]
    ):
        b = b["summary"]["bundle"]
    if not isinstance(b, Mapping) or b.get("kind") != BUNDLE_KIND:
        raise ParameterError(t("evaluation.not_a_bundle", lang, source=source))
    for key in ("period", "unit", "figures"):
        if key not in b:
            raise ParameterError(t("evaluation.bundle_missing", lang, source=source, field=key))
    if not isinstance(b["figures"], Mapping):
        raise ParameterError(t("evaluation.bundle_missing", lang, source=source, field="figures"))
    for key, value in b["figures"].items():
        if key not in BUNDLE_FIGURES:
            raise ParameterError(t("evaluation.bundle_unknown_figure", lang, field=key))
        if value is not None and (
            isinstance(value, (str, bool)) or not isinstance(value, (int, float))
        ):
            raise ParameterError(t("evaluation.bundle_not_number", lang, field=key))
    for key in b:
        if key not in (*_TEXT_FIELDS, "version", "accounts", "limit_hours", "figures"):
            raise ParameterError(
                t("evaluation.bundle_unknown_field", lang, source=source, field=key)
            )
    return dict(b)


def figures(
    total: pd.DataFrame | None = None,
    response: pd.DataFrame | None = None,
    sentiment: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Flatten one-row results of :func:`kpis`, :func:`responsiveness` (``by=()``) and
    :func:`sentiment_summary` into bundle figures.

    Examples
    --------
    >>> import pandas as pd
    >>> figures(pd.DataFrame({"posts": [3], "er_by_reach": [0.05], "text": ["x"]}))
    {'posts': 3, 'er_by_reach': 0.05}
    """
    out: dict[str, Any] = {}
    for frame in (total, response, sentiment):
        if frame is None or not len(frame):
            continue
        row = frame.iloc[0]
        for key in BUNDLE_FIGURES:
            if key in frame.columns and key not in out:
                out[key] = _num(row[key])
    return out


def _sentiment_by_unit(m: pd.DataFrame, units: pd.DataFrame, win, lang) -> pd.DataFrame:
    from .monitoring import _counts, _public_mentions, with_sentiment

    m = _public_mentions(with_sentiment(m, lang=lang))
    m = m[win.mask(m["created_at"])]
    m = m.merge(units[["platform", "account", "unit"]], on=["platform", "account"], how="inner")
    if not len(m):
        return pd.DataFrame(
            columns=["unit", "mentions", "positive_share", "negative_share", "net_sentiment"]
        )
    return _counts(m, ["unit"])


def unit_figures(
    data: Any,
    period: Any = None,
    *,
    limit_hours: float = 24,
    routing: pd.DataFrame | None = None,
    now: Any = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """Every unit's bundle figures from one workspace, in one pass.

    Content figures come from the posts of the unit's accounts (accounts table),
    responsiveness from the citizen mentions routed to the unit (:func:`route`), sentiment
    from the public's mentions addressed to the unit's accounts.

    Returns
    -------
    DataFrame
        ``unit``, ``accounts`` and the :data:`BUNDLE_FIGURES` columns available;
        ``attrs["period"]`` is the window's label.
    """
    from .responsiveness import responsiveness

    tz = zone(tz)
    accounts = getattr(data, "accounts", None)
    if accounts is None or not len(accounts):
        raise ParameterError(t("evaluation.needs_accounts", lang, column="unit"))
    units = account_units(accounts)
    posts = data.posts
    win = window(period, tz=tz, times=posts["published_at"], lang=lang)
    k = kpis(data, win, by="unit", tz=tz, lang=lang)
    out = k.set_index("unit")
    m = mentions_of(data, lang)
    if len(m):
        r = responsiveness(
            data,
            period=win,
            by="unit",
            limit_hours=limit_hours,
            routing=routing,
            now=now,
            tz=tz,
            lang=lang,
        ).set_index("unit")
        s = _sentiment_by_unit(m, units, win, lang).set_index("unit")
        out = out.join(r, how="left").join(
            s.drop(columns=[c for c in s.columns if c in r.columns]), how="left"
        )
        prev = _sentiment_by_unit(m, units, win.previous(), lang).set_index("unit")
        if len(prev):
            out["net_sentiment_change"] = out["net_sentiment"].astype("Float64") - prev[
                "net_sentiment"
            ].reindex(out.index).astype("Float64")
    n_acc = units.groupby("unit")["account"].nunique()
    out["accounts"] = n_acc.reindex(out.index).astype("Int64")
    out = out.reset_index()
    known = set(units["unit"].dropna())
    out = out[out["unit"].isin(known)]
    cols = ["unit", "accounts"] + [c for c in BUNDLE_FIGURES if c in out.columns]
    out = out[cols].reset_index(drop=True)
    out.attrs["period"] = win.label
    return out


def unit_bundles(
    table: pd.DataFrame, *, institution: str = "", limit_hours: float = 24, lang: str | None = None
) -> list[dict[str, Any]]:
    """One bundle per row of :func:`unit_figures`."""
    period = table.attrs.get("period", "")
    out = []
    for _, row in table.iterrows():
        figs = {c: row[c] for c in BUNDLE_FIGURES if c in table.columns}
        acc = row.get("accounts")
        out.append(
            make_bundle(
                period,
                row["unit"],
                figs,
                institution=institution,
                accounts=None if acc is None or pd.isna(acc) else int(acc),
                limit_hours=limit_hours,
                lang=lang,
            )
        )
    return out


def bundle(
    data: Any,
    period: Any = None,
    *,
    unit: str | None = None,
    limit_hours: float = 24,
    routing: pd.DataFrame | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> dict[str, Any]:
    """The share-safe bundle of one workspace (all of it, or one ``unit``) for a period.

    Examples
    --------
    >>> from humaskit import samples
    >>> b = bundle(samples.workspace(), "2025-09", unit="Dinas Kesehatan")
    >>> b["unit"], b["period"], 0 <= b["figures"]["within_limit_share"] <= 1
    ('Dinas Kesehatan', '2025-09', True)
    """
    from .monitoring import sentiment_summary
    from .responsiveness import responsiveness

    institution = ""
    acc = getattr(data, "accounts", None)
    if isinstance(acc, pd.DataFrame) and "institution" in acc.columns and len(acc):
        institution = (
            str(acc["institution"].dropna().mode().iloc[0])
            if acc["institution"].notna().any()
            else ""
        )
    if unit:
        table = unit_figures(
            data, period, limit_hours=limit_hours, routing=routing, tz=tz, lang=lang
        )
        table = table[table["unit"] == unit]
        if not len(table):
            known = ", ".join(sorted(account_units(acc)["unit"].dropna().unique()))
            raise ParameterError(t("evaluation.unknown_unit", lang, value=unit, known=known))
        return unit_bundles(table, institution=institution, limit_hours=limit_hours, lang=lang)[0]
    posts = data.posts
    win = window(period, tz=tz, times=posts["published_at"], lang=lang)
    total = kpis(data, win, tz=tz, lang=lang)
    m = mentions_of(data, lang)
    resp = (
        responsiveness(
            data, period=win, by=(), limit_hours=limit_hours, routing=routing, tz=tz, lang=lang
        )
        if len(m)
        else None
    )
    sent = sentiment_summary(data, win, tz=tz, lang=lang) if len(m) else None
    n_acc = int(posts[["platform", "account"]].drop_duplicates().shape[0])
    return make_bundle(
        win.label,
        t("evaluation.whole_institution", lang),
        figures(total, resp, sent),
        institution=institution,
        accounts=n_acc,
        limit_hours=limit_hours,
        lang=lang,
    )


def sample_bundles(
    period: Any = None, *, limit_hours: float = 24, lang: str | None = None
) -> list[dict[str, Any]]:
    """Bundles of every unit of the sample institution (the forum playbook's ``"contoh"``).

    Examples
    --------
    >>> bs = sample_bundles("2025-09")
    >>> len(bs) >= 9 and all(b["period"] == "2025-09" for b in bs)
    True
    """
    from .. import samples

    ws = samples.workspace()
    if period is not None and len(ws.posts):
        months = pd.to_datetime(ws.posts["published_at"], utc=True).dt.strftime("%Y-%m")
        first, last = months.min(), months.max()
        if not first <= str(pd.Period(str(period), freq="M")) <= last:
            raise ParameterError(
                t("playbooks.period_outside", lang, value=period, first=first, last=last)
            )
    table = unit_figures(ws, period, limit_hours=limit_hours, lang=lang)
    inst = str(ws.accounts["institution"].dropna().iloc[0]) if len(ws.accounts) else ""
    return unit_bundles(table, institution=inst, limit_hours=limit_hours, lang=lang)


def kpi_list(value: Any, *, lang: str | None = None) -> list[str]:
    """KPI names from ``"er_by_reach, within_limit_share"`` (checked against the bundles).

    Examples
    --------
    >>> kpi_list("er_by_reach, net_sentiment")
    ['er_by_reach', 'net_sentiment']
    """
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    names = [str(x).strip() for x in items if str(x).strip()]
    bad = [x for x in names if x not in BUNDLE_FIGURES]
    if bad or not names:
        raise ParameterError(
            t(
                "evaluation.bad_kpi_param",
                lang,
                value=bad[0] if bad else value,
                known=", ".join(BUNDLE_FIGURES),
            )
        )
    return names


def compare(
    bundles: Iterable[Mapping[str, Any]],
    kpis: Iterable[str] | None = None,
    *,
    period: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Rank the units of several bundles on chosen KPIs.

    Parameters
    ----------
    bundles : iterable of dict
        Bundles (or ``ringkasan.json`` contents holding one), e.g. from
        :func:`humaskit.files.bundles.read_bundles`.
    kpis : iterable of str, optional
        KPIs to rank on (default :data:`DEFAULT_COMPARE`); each is ranked in its own
        direction (``data/evaluation/kpis.csv``: a lower response time is better).
    period : str, optional
        Keep only bundles of this period; default the latest period found. When a unit
        sent several bundles for it, the last one counts.

    Returns
    -------
    DataFrame
        ``rank`` (overall, by the mean of the KPI ranks), ``unit``, ``period``, each KPI
        and its ``rank_<kpi>``, best first. ``attrs["left_out"]`` lists bundles of other
        periods (unit and period only).
    """
    chosen = list(kpis) if kpis is not None else list(DEFAULT_COMPARE)
    dirs = kpi_directions().set_index("kpi")["direction"].to_dict()
    unknown = [k for k in chosen if k not in BUNDLE_FIGURES]
    if unknown or not chosen:
        raise ParameterError(
            t(
                "evaluation.bad_compare_kpi",
                lang,
                kpi=unknown[0] if unknown else "",
                known=", ".join(BUNDLE_FIGURES),
            )
        )
    items = [check_bundle(b, lang=lang) for b in bundles]
    if not items:
        raise ParameterError(t("evaluation.no_bundles", lang))
    periods = sorted({str(b["period"]) for b in items})
    want = str(period) if period else periods[-1]
    if period and want not in periods:
        raise ParameterError(
            t("evaluation.period_not_in_bundles", lang, value=want, known=", ".join(periods))
        )
    rows, left_out = {}, []
    for b in items:
        if str(b["period"]) != want:
            left_out.append({"unit": b["unit"], "period": b["period"]})
            continue
        rows[str(b["unit"])] = {
            "unit": str(b["unit"]),
            "period": want,
            **{k: b["figures"].get(k) for k in chosen},
        }
    out = pd.DataFrame(list(rows.values()), columns=["unit", "period", *chosen])
    ranks = []
    for k in chosen:
        vals = pd.to_numeric(out[k], errors="coerce").astype("float64")
        out[k] = vals
        asc = dirs.get(k, "higher") == "lower"
        r = vals.rank(ascending=asc, method="min", na_option="keep")
        out[f"rank_{k}"] = r.astype("Int64")
        ranks.append(r)
    mean_rank = pd.concat(ranks, axis=1).mean(axis=1, skipna=True)
    out.insert(0, "rank", mean_rank.rank(method="min", na_option="bottom").astype("Int64"))
    out = out.assign(_m=mean_rank).sort_values(["rank", "_m", "unit"]).drop(columns="_m")
    out = out.reset_index(drop=True)
    out.attrs["left_out"] = left_out
    out.attrs["kpis"] = chosen
    return out
