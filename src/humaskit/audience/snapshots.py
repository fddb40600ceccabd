"""Preparing the audience table: checked, as shares, one snapshot per account and dimension.

``share`` rows are fractions 0..1 (above 1 is an error); ``count`` rows become shares (see
the package docstring, "Units"). ``as_of`` picks the snapshot: ``None``/``"terakhir"``/
``"latest"`` the latest, a date the latest on or before it. Where an export gives only the
age x gender table, ``age`` and ``gender`` rows are derived from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DataNotFound, ParameterError, SchemaError
from ..i18n import t
from .names import _as_list, _norm_platforms, _rows_text
from .segments import _canonical_age, _gender_from_age_gender

_LATEST = {None, "terakhir", "latest", ""}


def _prepare(audience: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """Validate the audience table and add ``share`` (fraction 0..1) to every row."""
    df = schema.validate(audience, "audience", lang=lang)
    df = df[df["value"].notna()].copy()
    value = df["value"].to_numpy(dtype="float64")
    if (value < 0).any():
        raise SchemaError(t("audience.negative_value", lang, rows=_rows_text(df.index[value < 0])))
    keys = ["platform", "account", "as_of", "dimension"]
    unit = df["unit"]
    if unit.isna().any():
        # A missing unit: a group whose values all fit in 0..1 is a share, else counts.
        group_max = df.groupby(keys)["value"].transform("max")
        guess = np.where(group_max.to_numpy(dtype="float64") <= 1.0, "share", "count")
        unit = unit.fillna(pd.Series(guess, index=df.index, dtype="str"))
    is_share = unit.eq("share").to_numpy(dtype=bool)
    over = is_share & (value > 1.0 + 1e-9)
    if over.any():
        raise SchemaError(t("audience.share_over_one", lang, rows=_rows_text(df.index[over])))
    share = np.where(is_share, value, np.nan)
    if (~is_share).any():
        counts = df.loc[~is_share]
        own = counts.groupby(keys)["value"].transform("sum").to_numpy(dtype="float64")
        snap = ["platform", "account", "as_of"]
        totals = None
        for dim in ("age_gender", "age", "gender"):
            part = counts[counts["dimension"] == dim]
            if len(part):
                tot = part.groupby(snap)["value"].sum().rename(f"_tot_{dim}")
                totals = tot if totals is None else totals.combine_first(tot)
        denom = own
        if totals is not None:
            merged = (
                counts[snap]
                .merge(totals.rename("_tot").reset_index(), on=snap, how="left")["_tot"]
                .to_numpy(dtype="float64")
            )
            partial = ~counts["dimension"].isin(["age", "gender", "age_gender"]).to_numpy()
            use = partial & ~np.isnan(merged) & (merged > 0)
            denom = np.where(use, merged, own)
        with np.errstate(divide="ignore", invalid="ignore"):
            share[~is_share] = np.where(denom > 0, counts["value"].to_numpy("float64") / denom, 0)
    df["share"] = share
    df["segment"] = df["segment"].str.strip()
    return df


def _filter(
    df: pd.DataFrame,
    platform: str | Iterable[str] | None,
    account: str | Iterable[str] | None,
    lang: str | None,
) -> pd.DataFrame:
    """Keep the chosen platforms and accounts (errors name what exists)."""
    if df.empty:
        raise DataNotFound(t("audience.empty", lang))
    df = _keep(df, "platform", _norm_platforms(platform, lang), lang)
    return _keep(df, "account", _as_list(account), lang)


def _keep(
    df: pd.DataFrame, column: str, wanted: list[str] | None, lang: str | None
) -> pd.DataFrame:
    """Rows whose ``column`` is in ``wanted`` (all when None); an absent value is an error."""
    if wanted is None:
        return df
    have = sorted(df[column].unique())
    missing = [w for w in wanted if w not in have]
    if missing:
        raise DataNotFound(
            t(f"audience.no_{column}", lang, **{column: ", ".join(missing)}, known=", ".join(have))
        )
    return df[df[column].isin(wanted)]


def _select(
    df: pd.DataFrame,
    platform: str | Iterable[str] | None,
    account: str | Iterable[str] | None,
    as_of: Any,
    lang: str | None,
) -> pd.DataFrame:
    """Keep the chosen platforms/accounts and one snapshot per platform/account/dimension."""
    df = _filter(df, platform, account, lang)
    if not (as_of is None or (isinstance(as_of, str) and as_of.strip().lower() in _LATEST)):
        try:
            when = pd.Timestamp(as_of)
        except (TypeError, ValueError):
            raise ParameterError(t("audience.bad_as_of", lang, value=as_of)) from None
        if pd.isna(when):
            raise ParameterError(t("audience.bad_as_of", lang, value=as_of))
        if when.tzinfo is not None:
            when = when.tz_localize(None)
        df = df[df["as_of"] <= when.normalize()]
        if df.empty:
            raise DataNotFound(t("audience.no_snapshot", lang, value=as_of))
    keys = ["platform", "account", "dimension"]
    latest = df.groupby(keys)["as_of"].transform("max")
    return df[df["as_of"] == latest]


def _with_derived(snap: pd.DataFrame) -> pd.DataFrame:
    """Add ``age`` and ``gender`` rows derived from ``age_gender`` where they are missing."""
    ag = snap[snap["dimension"] == "age_gender"]
    if ag.empty:
        return snap
    keys = ["platform", "account"]
    ages = _canonical_age(ag["segment"])
    ag = ag.assign(_age=ages["age"], _gender=_gender_from_age_gender(ag["segment"]))
    extra = []
    key_tuples = list(zip(ag["platform"], ag["account"], strict=True))
    for dim in ("age", "gender"):
        have = set(map(tuple, snap.loc[snap["dimension"] == dim, keys].drop_duplicates().values))
        need = np.array([k not in have for k in key_tuples], dtype=bool)
        if not need.any():
            continue
        if dim == "age":  # an age_gender segment without a readable age adds no age row
            need &= (ag["_age"] != "").to_numpy(dtype=bool)
        g = ag[need].groupby(keys + ["as_of", f"_{dim}"], as_index=False)["share"].sum()
        extra.append(g.rename(columns={f"_{dim}": "segment"}).assign(dimension=dim))
    if not extra:
        return snap
    add = pd.concat(extra, ignore_index=True)
    add["unit"] = "share"
    add["value"] = add["share"]
    return pd.concat([snap, add[snap.columns.intersection(add.columns)]], ignore_index=True)
