"""Describing each platform's audience: profile, pyramid, top places, local share, change.

Every function takes the canonical ``audience`` table and returns a DataFrame of shares
(fractions 0..1); the charts of these tables are in :mod:`humaskit.plots.audience`.

Examples
--------
>>> place_level("Provinsi")
'region'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DataNotFound, ParameterError
from ..i18n import t
from .names import _as_list, _check_count
from .segments import (
    _OPEN_BAND,
    _canonical_age,
    _gender_from_age_gender,
    _gender_of,
    _norm_place,
    _parse_age,
)
from .snapshots import _filter, _prepare, _select, _with_derived

__all__ = ["profile", "pyramid", "top_places", "local_share", "change", "place_level"]

#: Catch-all segments of place lists that are not a place (left out of top places).
_NOT_PLACES = {"other", "others", "lainnya", "lain-lain", "unknown", "tidak diketahui"}
_DIM_ORDER = {d: i for i, d in enumerate(schema.AUDIENCE_DIMENSIONS)}
_LEVELS = {
    "city": "city",
    "kota": "city",
    "region": "region",
    "province": "region",
    "provinsi": "region",
    "country": "country",
    "negara": "country",
}


def place_level(level: Any, lang: str | None = None) -> str:
    """Return the audience dimension of a place level: ``city``, ``region`` or ``country``.

    ``kota``, ``province``/``provinsi`` and ``negara`` are understood; case and spaces do
    not matter. Anything else raises :class:`humaskit.ParameterError`.

    Examples
    --------
    >>> place_level(" Kota "), place_level("negara")
    ('city', 'country')
    """
    dim = _LEVELS.get(str(level).strip().lower())
    if dim is None:
        raise ParameterError(t("audience.bad_level", lang, value=level))
    return dim


def profile(
    audience: pd.DataFrame,
    *,
    platform: str | Iterable[str] | None = None,
    account: str | Iterable[str] | None = None,
    as_of: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Return the audience profile of each platform and account as shares.

    Parameters
    ----------
    audience : DataFrame
        The canonical ``audience`` table.
    platform, account : str or list of str, optional
        Keep only these (``"twitter"``, ``"ig"``... are understood). Default: all.
    as_of : date or str, optional
        Snapshot: ``None`` = the latest; a date = the latest on or before it.
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    DataFrame
        Columns platform, account, as_of, dimension, segment, share (fraction 0..1).
        Age and gender segments are canonical (``18-24``, ``65+``; ``female``, ``male``,
        ``unknown``; age x gender as ``18-24 female``).

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "tiktok", "account": "pemkot",
    ...     "as_of": "2025-09-30", "dimension": "age_gender",
    ...     "segment": ["F.18-24", "M.18-24", "F.25-34"], "value": [50, 30, 20],
    ...     "unit": "count"})
    >>> p = profile(aud)
    >>> p.loc[p["dimension"] == "gender", ["segment", "share"]].values.tolist()
    [['female', 0.7], ['male', 0.3]]
    """
    df = _select(_prepare(audience, lang), platform, account, as_of, lang)
    return _profile_frame(_with_derived(df))


def _profile_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Canonical segments and shares of prepared, selected audience rows."""
    seg = df["segment"].astype("str")
    dim = df["dimension"].astype("str")
    is_age = (dim == "age").to_numpy(dtype=bool)
    is_gen = (dim == "gender").to_numpy(dtype=bool)
    is_ag = (dim == "age_gender").to_numpy(dtype=bool)
    out_seg = seg.to_numpy(dtype=object).copy()
    order = np.zeros(len(df))
    if is_age.any() or is_ag.any():
        ages = _canonical_age(seg)
        age_lab = ages["age"].to_numpy(dtype=object)
        ok = is_age & (age_lab != "")
        out_seg[ok] = age_lab[ok]
        order = np.nan_to_num(ages["lo"].to_numpy(), nan=999.0)
        if is_ag.any():
            gen = _gender_from_age_gender(seg).to_numpy(dtype=object)
            both = is_ag & (age_lab != "")
            out_seg[both] = [f"{a} {g}" for a, g in zip(age_lab[both], gen[both], strict=True)]
    if is_gen.any():
        out_seg[is_gen] = _gender_of(seg[is_gen]).to_numpy(dtype=object)
    out = pd.DataFrame(
        {
            "platform": df["platform"].astype("str").to_numpy(),
            "account": df["account"].astype("str").to_numpy(),
            "as_of": df["as_of"].to_numpy(),
            "dimension": dim.to_numpy(),
            "segment": pd.array(out_seg, dtype="str"),
            "share": df["share"].to_numpy(dtype="float64"),
            "_dim": dim.map(_DIM_ORDER).to_numpy(),
            "_age": np.where(is_age | is_ag, order, 999.0),
        }
    )
    # Combine duplicates that canonical names reveal (e.g. "Women" and "F" in one snapshot).
    keys = ["platform", "account", "as_of", "dimension", "segment"]
    out = out.groupby(keys, as_index=False, sort=False).agg(
        share=("share", "sum"), _dim=("_dim", "first"), _age=("_age", "first")
    )
    out = out.sort_values(
        ["platform", "account", "_dim", "_age", "share"],
        ascending=[True, True, True, True, False],
        kind="stable",
    )
    out["as_of"] = pd.to_datetime(out["as_of"])
    for col in ("platform", "account", "dimension", "segment"):
        out[col] = out[col].astype("str")
    return out.drop(columns=["_dim", "_age"]).reset_index(drop=True)


def _cells(snap: pd.DataFrame) -> pd.DataFrame:
    """Age x gender cells (platform, account, lo, hi, gender, share, basis) per account.

    From the age x gender table when present, else age x gender assuming independence,
    else age only (gender ``any``).
    """
    frames = []
    keys = ["platform", "account"]
    ag = snap[snap["dimension"] == "age_gender"]
    if len(ag):
        ages = _parse_age(ag["segment"])
        cells = pd.DataFrame(
            {
                "platform": ag["platform"].to_numpy(),
                "account": ag["account"].to_numpy(),
                "lo": ages["lo"].to_numpy(),
                "hi": ages["hi"].to_numpy(),
                "gender": _gender_from_age_gender(ag["segment"]).to_numpy(),
                "share": ag["share"].to_numpy(dtype="float64"),
                "basis": "age_gender",
            }
        )
        frames.append(cells.dropna(subset=["lo"]))
    done = {tuple(k) for k in ag[keys].drop_duplicates().values}
    age = snap[snap["dimension"] == "age"]
    age = age[[(p, a) not in done for p, a in zip(age["platform"], age["account"], strict=True)]]
    if len(age):
        ages = _parse_age(age["segment"])
        a = pd.DataFrame(
            {
                "platform": age["platform"].to_numpy(),
                "account": age["account"].to_numpy(),
                "lo": ages["lo"].to_numpy(),
                "hi": ages["hi"].to_numpy(),
                "share": age["share"].to_numpy(dtype="float64"),
            }
        ).dropna(subset=["lo"])
        gen = snap[snap["dimension"] == "gender"]
        g = pd.DataFrame(
            {
                "platform": gen["platform"].to_numpy(),
                "account": gen["account"].to_numpy(),
                "gender": _gender_of(gen["segment"]).to_numpy(),
                "g_share": gen["share"].to_numpy(dtype="float64"),
            }
        )
        g = g.groupby(["platform", "account", "gender"], as_index=False)["g_share"].sum()
        g["g_share"] = g["g_share"] / g.groupby(keys)["g_share"].transform("sum")
        with_g = a.merge(g, on=keys, how="left")
        no_gender = with_g["gender"].isna()
        with_g.loc[no_gender, "gender"] = "any"
        with_g.loc[no_gender, "g_share"] = 1.0
        with_g["share"] = with_g["share"] * with_g["g_share"]
        with_g["basis"] = np.where(no_gender, "age", "age*gender")
        frames.append(with_g.drop(columns="g_share"))
    if not frames:
        return pd.DataFrame(columns=["platform", "account", "lo", "hi", "gender", "share", "basis"])
    return pd.concat(frames, ignore_index=True)


def pyramid(
    audience: pd.DataFrame,
    *,
    platform: str | Iterable[str] | None = None,
    account: str | Iterable[str] | None = None,
    as_of: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Return the age x gender pyramid of each platform and account.

    Uses the export's age x gender table; when only separate age and gender tables exist,
    the cells are estimated as age share x gender share (``estimated`` is True).

    Returns
    -------
    DataFrame
        Columns platform, account, age (``18-24``...), gender (female/male/unknown),
        share (fraction of the account's audience), estimated.

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "facebook", "account": "pemkot",
    ...     "as_of": "2025-09-30", "dimension": ["age", "age", "gender", "gender"],
    ...     "segment": ["25-34", "35-44", "female", "male"],
    ...     "value": [0.5, 0.5, 0.4, 0.6], "unit": "share"})
    >>> pyramid(aud)[["age", "gender", "share", "estimated"]].values.tolist()
    [['25-34', 'female', 0.2, True], ['25-34', 'male', 0.3, True], ['35-44', 'female', 0.2, True], ['35-44', 'male', 0.3, True]]
    """
    snap = _select(_prepare(audience, lang), platform, account, as_of, lang)
    cells = _cells(snap)
    cells = cells[cells["gender"] != "any"]
    if cells.empty:
        raise DataNotFound(t("audience.no_age_data", lang))
    width = cells["hi"] - cells["lo"]
    labels = np.where(
        width == _OPEN_BAND,
        cells["lo"].astype(int).astype(str) + "+",
        cells["lo"].astype(int).astype(str) + "-" + (cells["hi"] - 1).astype(int).astype(str),
    )
    out = pd.DataFrame(
        {
            "platform": cells["platform"].astype("str"),
            "account": cells["account"].astype("str"),
            "age": pd.array(labels, dtype="str"),
            "gender": cells["gender"].astype("str"),
            "share": cells["share"].astype("float64"),
            "estimated": cells["basis"].ne("age_gender").to_numpy(dtype=bool),
            "_lo": cells["lo"],
        }
    )
    out = out.groupby(["platform", "account", "age", "gender"], as_index=False, sort=False).agg(
        share=("share", "sum"), estimated=("estimated", "first"), _lo=("_lo", "first")
    )
    out = out.sort_values(["platform", "account", "_lo", "gender"], kind="stable")
    for col in ("platform", "account", "age", "gender"):
        out[col] = out[col].astype("str")
    return out.drop(columns="_lo").reset_index(drop=True)


def top_places(
    audience: pd.DataFrame,
    *,
    level: str = "city",
    n: int = 10,
    platform: str | Iterable[str] | None = None,
    account: str | Iterable[str] | None = None,
    as_of: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Return the ``n`` places with the largest share of each account's audience.

    Parameters
    ----------
    level : {"city", "region", "country"}
        ``region`` is the province or state (``province``/``provinsi``/``kota``/``negara``
        are understood too).
    n : int
        Places per platform and account.

    Catch-all segments such as ``other``/``lainnya`` are not places and are left out.

    Returns
    -------
    DataFrame
        Columns platform, account, as_of, rank, place, share.

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "instagram", "account": "pemkot",
    ...     "as_of": "2025-09-30", "dimension": "city",
    ...     "segment": ["Sukamaju, Jawa Barat", "Bandung, Jawa Barat", "Jakarta"],
    ...     "value": [0.4, 0.1, 0.2], "unit": "share"})
    >>> top_places(aud, n=2)[["rank", "place", "share"]].values.tolist()
    [[1, 'Sukamaju, Jawa Barat', 0.4], [2, 'Jakarta', 0.2]]
    """
    dim = place_level(level, lang)
    _check_count(n, "audience.bad_n", lang)
    snap = _select(_prepare(audience, lang), platform, account, as_of, lang)
    part = snap[snap["dimension"] == dim]
    if part.empty:
        raise DataNotFound(
            t(
                "audience.no_dimension",
                lang,
                dimension=dim,
                known=", ".join(sorted(snap["dimension"].unique())),
            )
        )
    part = part[~part["segment"].str.strip().str.lower().isin(_NOT_PLACES).to_numpy(dtype=bool)]
    part = part.groupby(["platform", "account", "as_of", "segment"], as_index=False)["share"].sum()
    part = part.sort_values(["platform", "account", "share"], ascending=[True, True, False])
    part["rank"] = part.groupby(["platform", "account"]).cumcount() + 1
    part = part[part["rank"] <= n].rename(columns={"segment": "place"})
    part["place"] = part["place"].astype("str")
    part["rank"] = part["rank"].astype("int64")
    return part[["platform", "account", "as_of", "rank", "place", "share"]].reset_index(drop=True)


def _local_by_account(snap: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Local share per platform/account: platform, account, local, level, matched, listed."""
    wanted = set(_norm_place(pd.Series(names, dtype="str")))
    places = snap[snap["dimension"].isin(["city", "region"]).to_numpy(dtype=bool)]
    hits = _norm_place(places["segment"]).isin(wanted).to_numpy(dtype=bool)
    # Small tables (one row per place): plain Python is faster than grouped pandas here.
    acc: dict[tuple[str, str, str], list] = {}
    for (plat, account, level, seg, share), hit in zip(
        places[["platform", "account", "dimension", "segment", "share"]].itertuples(
            index=False, name=None
        ),
        hits,
        strict=True,
    ):
        entry = acc.setdefault((plat, account, level), [0.0, 0.0, []])
        entry[1] += share
        if hit:
            entry[0] += share
            entry[2].append(seg)
    best: dict[tuple[str, str], tuple] = {}
    for (plat, account, level), (local, listed, matched) in acc.items():
        pref = (0 if level == "city" else 1) + (0 if matched else 10)
        if (plat, account) not in best or pref < best[(plat, account)][0]:
            best[(plat, account)] = (pref, local, level, "; ".join(matched) or pd.NA, listed)
    return pd.DataFrame(
        [(p, a, v[1], v[2], v[3], v[4]) for (p, a), v in best.items()],
        columns=["platform", "account", "local", "level", "matched", "listed"],
    )


def local_share(
    audience: pd.DataFrame,
    *,
    region: str | Iterable[str],
    platform: str | Iterable[str] | None = None,
    account: str | Iterable[str] | None = None,
    as_of: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Return the share of each account's audience living in the institution's region.

    Parameters
    ----------
    region : str or list of str
        City/regency names (``"Sukamaju"``, ``["Kota Sukamaju", "Kabupaten Sukamaju"]``; a
        string may list several separated by ``;`` or ``,``). Matched against the city
        segments (part before the first comma, ignoring case and ``Kota``/``Kabupaten``);
        when no city matches, against the region (province) segments.

    Returns
    -------
    DataFrame
        Columns platform, account, as_of, local_share, level (city/region), matched (the
        segments counted), listed_share (share covered by the export's place list: local
        shares are lower bounds when the list is a top-N). Accounts without place data
        have NA.

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "instagram", "account": "pemkot",
    ...     "as_of": "2025-09-30", "dimension": "city",
    ...     "segment": ["Kota Sukamaju, Jawa Barat", "Cibening", "Jakarta"],
    ...     "value": [0.4, 0.1, 0.2], "unit": "share"})
    >>> float(local_share(aud, region="Sukamaju; Cibening")["local_share"].iloc[0])
    0.5
    """
    names = _as_list(region)
    if not names:
        raise ParameterError(t("audience.bad_region", lang))
    snap = _select(_prepare(audience, lang), platform, account, as_of, lang)
    accounts = snap.groupby(["platform", "account"], as_index=False)["as_of"].max()
    loc = _local_by_account(snap, names)
    out = accounts.merge(loc, on=["platform", "account"], how="left")
    out = out.rename(columns={"local": "local_share", "listed": "listed_share"})
    out["local_share"] = out["local_share"].astype("Float64")
    out["listed_share"] = out["listed_share"].astype("Float64")
    for col in ("platform", "account", "level", "matched"):
        out[col] = out[col].astype("str")
    cols = ["platform", "account", "as_of", "local_share", "level", "matched", "listed_share"]
    return out[cols].reset_index(drop=True)


def change(
    audience: pd.DataFrame,
    *,
    platform: str | Iterable[str] | None = None,
    account: str | Iterable[str] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Compare the two latest snapshots of each platform, account and dimension.

    Accounts with a single snapshot are left out (there is nothing to compare); when no
    account has two, :class:`humaskit.DataNotFound` says so.

    Returns
    -------
    DataFrame
        Columns platform, account, dimension, segment, before (date), after (date),
        share_before, share_after, change (share_after - share_before, in fraction points;
        NA when the segment is in only one of the two snapshots, e.g. a city that left a
        top-10 list).

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "tiktok", "account": "pemkot",
    ...     "as_of": ["2025-08-31", "2025-08-31", "2025-09-30", "2025-09-30"],
    ...     "dimension": "gender", "segment": ["female", "male"] * 2,
    ...     "value": [0.5, 0.5, 0.6, 0.4], "unit": "share"})
    >>> change(aud)[["segment", "change"]].round(2).values.tolist()
    [['female', 0.1], ['male', -0.1]]
    """
    df = _filter(_prepare(audience, lang), platform, account, lang)
    keys = ["platform", "account", "dimension"]
    recent = df.groupby(keys)["as_of"].rank(method="dense", ascending=False)
    df = df[recent.to_numpy() <= 2]
    dates = df[keys + ["as_of"]].drop_duplicates().sort_values("as_of")
    dates["_k"] = dates.groupby(keys).cumcount(ascending=False)
    after = dates[dates["_k"] == 0].drop(columns="_k").rename(columns={"as_of": "after"})
    before = dates[dates["_k"] == 1].drop(columns="_k").rename(columns={"as_of": "before"})
    pairs = before.merge(after, on=keys)
    if pairs.empty:
        raise DataNotFound(t("audience.one_snapshot", lang))
    frames = []
    for when in ("before", "after"):
        rows = df.merge(pairs[keys + [when]], left_on=keys + ["as_of"], right_on=keys + [when])
        prof = _profile_frame(_with_derived(rows)).drop(columns="as_of")
        frames.append(prof.rename(columns={"share": f"share_{when}"}))
    out = frames[0].merge(frames[1], on=keys + ["segment"], how="outer")
    # Age and gender derived from age x gender carry the dates of that table.
    derived = pairs[pairs["dimension"] == "age_gender"]
    for dim in ("age", "gender"):
        add = derived.assign(dimension=dim)
        have = pairs[pairs["dimension"] == dim][["platform", "account"]]
        add = add.merge(have, on=["platform", "account"], how="left", indicator=True)
        add = add[add["_merge"] == "left_only"].drop(columns="_merge")
        pairs = pd.concat([pairs, add], ignore_index=True)
    out = out.merge(pairs, on=keys, how="left")
    out["share_before"] = out["share_before"].astype("Float64")
    out["share_after"] = out["share_after"].astype("Float64")
    out["change"] = out["share_after"] - out["share_before"]
    out["_dim"] = out["dimension"].map(_DIM_ORDER)
    out["_abs"] = out["change"].abs().astype("float64").fillna(-1.0)
    out = out.sort_values(
        ["platform", "account", "_dim", "_abs"], ascending=[True, True, True, False], kind="stable"
    )
    for col in ("platform", "account", "dimension", "segment"):
        out[col] = out[col].astype("str")
    cols = [
        "platform",
        "account",
        "dimension",
        "segment",
        "before",
        "after",
        "share_before",
        "share_after",
        "change",
    ]
    return out[cols].reset_index(drop=True)
