"""Matching publics to platforms: the fit score of each public on each platform, with evidence.

The formula is in the package docstring ("Fit score"): the share of a platform's audience
inside the public's age band, gender and region, divided by the best platform's share.
The heat map of a fit table is :func:`humaskit.plots.plot_fit`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import resolve, t
from .names import _as_list, _pct, _platform_label
from .profiles import _cells, _local_by_account
from .public_table import _publics_or_default
from .snapshots import _prepare, _select

__all__ = ["fit"]

_AGE_MAX_OPEN = 80  # a public's age_max at or above this means "and older"


def _region_names(spec: str, region: list[str] | None) -> list[str] | None:
    """Place names for one public's region spec; ``None`` means "no restriction"."""
    if spec == "semua":
        return None
    if spec in ("lokal", "luar"):
        return region
    return [x.strip() for x in spec.split(";") if x.strip()]


def _age_phrase(a: int, b: int, lang: str) -> str:
    if b >= _AGE_MAX_OPEN:
        return t("audience.age_and_over", lang, a=a)
    return t("audience.age_between", lang, a=a, b=b)


def _evidence(row: dict, lang: str) -> str:
    plat = _platform_label(row["platform"], lang)
    if pd.isna(row["demographic_share"]):
        return t("audience.ev_no_age", lang, platform=plat)
    who = _age_phrase(int(row["age_min"]), int(row["age_max"]), lang)
    if row["gender"] in ("female", "male"):
        who = t(f"audience.ev_gender_{row['gender']}", lang, who=who)
    text = t(
        "audience.ev_demo", lang, share=_pct(row["demographic_share"], lang), platform=plat, who=who
    )
    note = row["local_note"]
    if note in ("local", "local_mean", "outside", "outside_mean"):
        text += t(
            f"audience.ev_{note}", lang, share=_pct(row["local_share"], lang), places=row["places"]
        )
    elif note in ("no_region", "no_city"):
        text += t(f"audience.ev_{note}", lang)
    return text + "."


def _combined_note(notes: pd.Series) -> str:
    """One evidence note for a platform whose accounts may differ (city data or not)."""
    uniq = notes.unique()
    if len(uniq) == 1:
        return str(uniq[0])
    return "outside" if any(str(u).startswith("outside") for u in uniq) else "local"


def fit(
    audience: pd.DataFrame,
    publics: pd.DataFrame | None = None,
    *,
    region: str | Iterable[str] | None = None,
    platform: str | Iterable[str] | None = None,
    account: str | Iterable[str] | None = None,
    by_account: bool = False,
    as_of: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Score how well each platform's audience matches each public (0..1).

    The formula is in the package docstring: ``share`` is the fraction of the platform's
    audience inside the public's age band, gender and region; ``fit`` is ``share``
    divided by the best platform's ``share`` for that public.

    Parameters
    ----------
    audience : DataFrame
        The canonical ``audience`` table.
    publics : DataFrame, optional
        The publics (see :func:`publics`); default: the city-government table.
    region : str or list of str, optional
        The institution's own region (city/regency names) for publics whose region is
        ``lokal``. Without it, ``lokal`` is not used in the score (the evidence says so).
    platform, account : str or list of str, optional
        Restrict the audience; with several accounts per platform their shares are
        averaged unless ``by_account``.
    by_account : bool
        One row per account instead of per platform (adds an ``account`` column).
    as_of : date or str, optional
        Snapshot (default: the latest).
    lang : {"id", "en"}, optional
        Language of the evidence sentences.

    Returns
    -------
    DataFrame
        One row per public and platform (and account): public, platform, [account], fit,
        share, demographic_share, local_share, rank (1 = best platform for the public),
        evidence (a sentence such as "34% audiens Instagram berusia 25-40 tahun...").

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": ["tiktok"] * 2 + ["facebook"] * 2,
    ...     "account": "pemkot", "as_of": "2025-09-30", "dimension": "age",
    ...     "segment": ["13-17", "35-44"] * 2, "value": [0.6, 0.4, 0.1, 0.9],
    ...     "unit": "share"})
    >>> from humaskit.audience import publics
    >>> pubs = publics().query("public == 'Pelajar'")
    >>> fit(aud, pubs, lang="en")[["platform", "fit", "rank"]].round(2).values.tolist()
    [['tiktok', 1.0, 1], ['facebook', 0.17, 2]]
    """
    lang = resolve(lang)
    pubs = _publics_or_default(publics, lang)
    if pubs.empty:
        raise ParameterError(t("audience.no_publics", lang))
    region_list = _as_list(region)
    snap = _select(_prepare(audience, lang), platform, account, as_of, lang)
    accounts = snap[["platform", "account"]].drop_duplicates().reset_index(drop=True)
    cells = _cells(snap)

    # Demographic share per account and public.
    pub = pubs[["public", "age_min", "age_max", "gender"]].rename(columns={"gender": "p_gender"})
    pub = pub.assign(p_lo=pub["age_min"].astype(float), p_hi=pub["age_max"].astype(float) + 1)
    pub.loc[pub["age_max"] >= _AGE_MAX_OPEN, "p_hi"] = 200.0
    x = cells.merge(pub, how="cross")
    overlap = (np.minimum(x["hi"], x["p_hi"]) - np.maximum(x["lo"], x["p_lo"])).clip(lower=0)
    frac = overlap / (x["hi"] - x["lo"])
    g_match = np.where(
        x["p_gender"] == "all",
        1.0,
        np.where(x["gender"] == x["p_gender"], 1.0, np.where(x["gender"] == "any", 0.5, 0.0)),
    )
    x["demo"] = x["share"] * frac * g_match
    demo = x.groupby(["platform", "account", "public"], as_index=False)["demo"].sum()
    grid = accounts.merge(pubs[["public"]], how="cross")
    grid = grid.merge(demo, on=["platform", "account", "public"], how="left")
    has_age = set(map(tuple, cells[["platform", "account"]].drop_duplicates().values))
    no_age = np.array(
        [(p, a) not in has_age for p, a in zip(grid["platform"], grid["account"], strict=True)]
    )
    grid["demo"] = grid["demo"].fillna(0.0).where(~no_age, np.nan)

    # Local share per account and public region spec.
    grid = grid.merge(pubs[["public", "region"]], on="public")
    grid["local"] = 1.0
    grid["local_note"] = "none"
    grid["places"] = ""
    for spec in grid["region"].unique():
        names = _region_names(spec, region_list)
        rows = (grid["region"] == spec).to_numpy()
        if names is None:
            if spec in ("lokal", "luar"):
                grid.loc[rows, "local_note"] = "no_region"
            continue
        loc = _local_by_account(snap, names)
        loc = accounts.merge(loc, on=["platform", "account"], how="left")
        if spec == "luar":  # people outside the institution's own region
            loc["local"] = 1.0 - loc["local"]
        if loc["local"].isna().all():  # no place data anywhere: the region cannot count
            grid.loc[rows, "local_note"] = "no_city"
            continue
        mean_local = float(loc["local"].mean())
        prefix = "outside" if spec == "luar" else "local"
        note = np.where(loc["local"].isna(), prefix + "_mean", prefix)
        lookup = dict(
            zip(
                zip(loc["platform"], loc["account"], strict=True),
                zip(loc["local"].fillna(mean_local), note, strict=True),
                strict=True,
            )
        )
        sub = grid.loc[rows]
        vals = [lookup[(p, a)] for p, a in zip(sub["platform"], sub["account"], strict=True)]
        grid.loc[rows, "local"] = [v[0] for v in vals]
        grid.loc[rows, "local_note"] = [v[1] for v in vals]
        grid.loc[rows, "places"] = ", ".join(names)

    if by_account:
        res = grid.rename(columns={"demo": "demographic_share", "local": "local_share"})
    else:
        res = grid.groupby(["platform", "public"], as_index=False, sort=False).agg(
            demographic_share=("demo", "mean"),
            local_share=("local", "mean"),
            local_note=("local_note", _combined_note),
            places=("places", "first"),
        )
    res["share"] = res["demographic_share"] * res["local_share"]
    best = res.groupby("public")["share"].transform("max")
    res["fit"] = np.where(best > 0, res["share"] / best, 0.0)
    res.loc[res["share"].isna(), "fit"] = np.nan
    res = res.merge(pubs[["public", "age_min", "age_max", "gender"]], on="public")
    res["_order"] = res["public"].map({p: i for i, p in enumerate(pubs["public"])})
    res = res.sort_values(["_order", "fit", "platform"], ascending=[True, False, True])
    res["rank"] = res.groupby("public").cumcount() + 1
    res["evidence"] = [_evidence(r, lang) for r in res.to_dict("records")]
    cols = ["public", "platform"] + (["account"] if by_account else [])
    cols += ["fit", "share", "demographic_share", "local_share", "rank", "evidence"]
    out = res[cols].reset_index(drop=True)
    for col in ("public", "platform", "evidence") + (("account",) if by_account else ()):
        out[col] = out[col].astype("str")
    for col in ("fit", "share", "demographic_share", "local_share"):
        out[col] = out[col].astype("Float64")
    out["rank"] = out["rank"].astype("int64")
    return out
