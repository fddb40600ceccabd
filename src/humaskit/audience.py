"""Know the public (kenali publik): who follows each platform and which publics it reaches.

Step one of the workflow. From the canonical ``audience`` table (platform, account, as_of,
dimension, segment, value, unit) this module describes each platform's audience (age and
gender pyramid, top places, share inside the institution's own region, change between
snapshots), matches it against the institution's publics (pelajar, ASN, UMKM, ...) and
recommends a platform and a format for each public with the evidence behind it.

Units
-----
A ``share`` is a fraction 0..1 of the account's audience (34% is ``0.34``), which is how
:mod:`humaskit.io` and :mod:`humaskit.samples` store percentages from the exports. A share
above 1 is an error (a percentage written as 34 instead of 0.34). ``count`` rows are turned
into shares: age, gender and age x gender counts by their own total; city, region and
country counts (usually a top-N list) by the total of the same snapshot's age x gender, age
or gender counts when present, else by their own total. Rows with a missing value are left
out. When an export gives only the age x gender table, the ``age`` and ``gender`` profiles
are derived from it.

Segments
--------
Age bands are read from text such as ``18-24``, ``18–24`` or ``65+``; an open band
(``65+``) is taken as 15 years wide (65-79). Genders are read from ``female``/``male``,
``F``/``M``, ``Women``/``Men``, ``perempuan``/``laki-laki``...; anything else counts as
``unknown``. Age x gender segments may be written ``F.18-24`` (Meta API), ``18-24 female``,
``female|18-24`` and so on. Places are matched on the part before the first comma, without
case and without an administrative prefix (``Kota``, ``Kabupaten``, ``Kab.``): platforms
rarely tell a city from the regency of the same name.

Snapshots
---------
Functions take ``as_of``: ``None`` (or ``"terakhir"``/``"latest"``) uses the latest snapshot
of each platform, account and dimension; a date uses the latest snapshot on or before it.

Fit score (``fit``)
-------------------
For a public P with age band [a, b], gender g and region R, and the audience A of one
account on one platform::

    demographic(P, A) = sum over age x gender cells c of A of
                        share(c) * overlap(age band of c, [a, b]) / width(age band of c)
                        * [gender of c is g, or g is "all"]
    local(P, A)       = share of A living in R (see :func:`local_share`); for R "luar"
                        (outside the institution's region) 1 minus the local share; 1 when
                        R is "semua", or when R is "lokal"/"luar" and no ``region`` given
    share(P, A)       = demographic(P, A) * local(P, A)
    fit(P, A)         = share(P, A) / max over platforms of share(P, .)

``share`` is the fraction of the platform's audience that belongs to the public (assuming
where people live does not depend on their age or gender); ``fit`` rescales it so that
the best platform for each public scores 1 and the others show how far behind they are.
Ages are counted in whole years, uniformly spread inside a band (25-40 takes all of 25-34
and 6/10 of 35-44). Without an age x gender table the cells are built from the age and
gender tables as if independent; without gender data a single-gender public gets half.
With several accounts on a platform their shares are averaged (each account weighs the
same). Where an account has no city data, the mean local share of the other accounts is
used and the evidence says so. Top-city lists cover only part of the audience, so local
shares are lower bounds.

Recommendations (``recommend``)
-------------------------------
Platforms are ranked by fit (the audience comes first). On each recommended platform the
formats are ranked by how they performed in ``posts``: the median engagement rate (likes +
comments + shares + saves, divided by reach, or by followers_at_post where reach is missing,
then impressions, then views) of the format, divided by the platform's median engagement
rate (the lift). Posts about the public's interests (matched in the post text) are used
when there are at least ``min_posts`` of them in that format; otherwise all posts of that
format on the platform. A format the public prefers gets a bonus of 25%.

Examples
--------
>>> import pandas as pd
>>> from humaskit import audience
>>> aud = pd.DataFrame({
...     "platform": ["instagram"] * 4 + ["facebook"] * 4,
...     "account": "pemkot", "as_of": "2025-09-30", "dimension": "age_gender",
...     "segment": ["F.18-24", "M.18-24", "F.45-54", "M.45-54"] * 2,
...     "value": [0.3, 0.3, 0.2, 0.2, 0.1, 0.1, 0.4, 0.4], "unit": "share"})
>>> pubs = audience.publics().query("public in ['Mahasiswa', 'Petani']")
>>> f = audience.fit(aud, pubs, lang="en")
>>> f.loc[f["rank"] == 1, ["public", "platform"]].to_dict("records")
[{'public': 'Mahasiswa', 'platform': 'instagram'}, {'public': 'Petani', 'platform': 'facebook'}]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from io import StringIO
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import schema
from .errors import DataNotFound, ParameterError, SchemaError
from .teaching.core import Feedback
from .i18n import label, resolve, t
from .paths import package_file

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "PUBLIC_COLUMNS",
    "profile",
    "pyramid",
    "plot_pyramid",
    "top_places",
    "plot_places",
    "local_share",
    "change",
    "publics",
    "publics_table",
    "fit",
    "plot_fit",
    "format_performance",
    "recommend",
    "show_profile",
    "check_platform_for_public",
]

#: Columns of a publics table, in order (the first five are required).
PUBLIC_COLUMNS = (
    "public",
    "age_min",
    "age_max",
    "gender",
    "region",
    "interests",
    "preferred_formats",
    "description",
)
_REQUIRED_PUBLIC = PUBLIC_COLUMNS[:5]
#: Indonesian (and other) header names accepted for the publics table.
_PUBLIC_ALIASES = {
    "publik": "public",
    "nama_publik": "public",
    "usia_min": "age_min",
    "umur_min": "age_min",
    "usia_maks": "age_max",
    "usia_max": "age_max",
    "umur_maks": "age_max",
    "umur_max": "age_max",
    "jenis_kelamin": "gender",
    "wilayah": "region",
    "minat": "interests",
    "format_disukai": "preferred_formats",
    "format": "preferred_formats",
    "keterangan": "description",
    "deskripsi": "description",
}

_OPEN_BAND = 15  # width in years given to an open age band such as "65+"
_AGE_MAX_OPEN = 80  # a public's age_max at or above this means "and older"
_PREFERRED_BONUS = 1.25

_GENDERS = {
    "f": "female",
    "female": "female",
    "women": "female",
    "woman": "female",
    "perempuan": "female",
    "wanita": "female",
    "p": "female",
    "m": "male",
    "male": "male",
    "men": "male",
    "man": "male",
    "laki-laki": "male",
    "laki laki": "male",
    "lakilaki": "male",
    "pria": "male",
    "l": "male",
}
_PUBLIC_GENDERS = {
    "all": "all",
    "semua": "all",
    "": "all",
    "female": "female",
    "perempuan": "female",
    "wanita": "female",
    "p": "female",
    "f": "female",
    "male": "male",
    "laki-laki": "male",
    "laki laki": "male",
    "pria": "male",
    "l": "male",
    "m": "male",
}
_REGION_LOCAL = {"lokal", "local", "wilayah sendiri", "daerah sendiri"}
_REGION_OUTSIDE = {"luar", "luar daerah", "luar wilayah", "luar kota", "outside", "non-local"}
_REGION_ALL = {"semua", "all", "", "-", "nasional", "national", "mana saja", "anywhere"}
_PLATFORM_ALIASES = {
    "twitter": "x",
    "x/twitter": "x",
    "x (twitter)": "x",
    "ig": "instagram",
    "insta": "instagram",
    "fb": "facebook",
    "yt": "youtube",
    "tik tok": "tiktok",
    "tt": "tiktok",
}
_LATEST = {None, "terakhir", "latest", ""}
#: Catch-all segments of place lists that are not a place (left out of top places).
_NOT_PLACES = {"other", "others", "lainnya", "lain-lain", "unknown", "tidak diketahui"}

_AGE_RE = (
    r"(?P<lo>\d{1,3})\s*(?:-|–|—|to|sampai|s/d)\s*(?P<hi>\d{1,3})"
    r"|(?P<lo2>\d{1,3})\s*(?:\+|and over|and older|or older|ke atas|tahun ke atas)"
)
_PLACE_PREFIX = r"^(?:kota administrasi|kota adm\.?|kota|kabupaten|kab\.?|city of|regency of)\s+"
_PLACE_SUFFIX = r"\s+(?:city|regency)$"
_ER_BASES = ("reach", "followers_at_post", "impressions", "views")


# --------------------------------------------------------------------------- helpers


def _read_package_csv(*parts: str) -> pd.DataFrame:
    """Read a small CSV shipped in the package, skipping ``#`` comment lines at the top."""
    text = package_file(*parts).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return pd.read_csv(StringIO("\n".join(lines)), dtype="str", keep_default_na=False)


@lru_cache(maxsize=1)
def _format_aliases() -> dict[str, str]:
    df = _read_package_csv("audience", "format_aliases.csv")
    out = dict(zip(df["alias"].str.strip().str.lower(), df["format"].str.strip(), strict=True))
    out.update({f: f for f in schema.POST_TYPES})
    return out


@lru_cache(maxsize=1)
def _platform_formats() -> pd.DataFrame:
    return _read_package_csv("audience", "platform_formats.csv")


def _format_label(fmt: str, lang: str | None) -> str:
    return label("text_post" if fmt == "text" else fmt, lang)


def _platform_label(platform: str, lang: str | None) -> str:
    return label(platform, lang)


def _pct(x: float, lang: str) -> str:
    """Format a fraction as a percentage people read easily (``34%``, ``<1%``)."""
    if x is None or pd.isna(x):
        return "?"
    if 0 < x < 0.005:
        return "<1%"
    return f"{x * 100:.0f}%"


def _pct1(x: float, lang: str) -> str:
    """A percentage with one decimal (engagement rates): ``4,2%`` in Indonesian."""
    from .fmt import fmt_pct

    return fmt_pct(x, lang, 1)


def _num(x: float, lang: str, digits: int = 1) -> str:
    from .fmt import fmt_number

    return fmt_number(x, lang, digits)


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;,]", value) if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def _norm_platforms(value: str | Iterable[str] | None, lang: str | None) -> list[str] | None:
    names = _as_list(value)
    if names is None:
        return None
    out = []
    for name in names:
        key = name.lower()
        key = _PLATFORM_ALIASES.get(key, key)
        if key not in schema.PLATFORMS:
            raise ParameterError(
                t("audience.unknown_platform", lang, value=name, known=", ".join(schema.PLATFORMS))
            )
        out.append(key)
    return out


def _check_count(value: Any, key: str, lang: str | None) -> None:
    """A whole number of at least 1 (not a bool), else ParameterError ``key``."""
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
        raise ParameterError(t(key, lang, value=value))


def _rows_text(index: Iterable[Any], n: int = 5) -> str:
    idx = list(index)
    text = ", ".join(str(i) for i in idx[:n])
    return text + (f" (+{len(idx) - n})" if len(idx) > n else "")


def _norm_place(s: pd.Series) -> pd.Series:
    out = s.astype("str").str.split(",").str[0].str.strip().str.lower()
    out = out.str.replace(_PLACE_PREFIX, "", regex=True).str.replace(_PLACE_SUFFIX, "", regex=True)
    return out.str.replace(r"\s+", " ", regex=True).str.strip()


def _parse_age(seg: pd.Series) -> pd.DataFrame:
    """Return ``lo`` and ``hi`` (exclusive) years of each age band, NaN when unreadable."""
    ext = seg.astype("str").str.extract(_AGE_RE, flags=re.IGNORECASE)
    lo = pd.to_numeric(ext["lo"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    hi = pd.to_numeric(ext["hi"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    lo2 = pd.to_numeric(ext["lo2"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    lo_all = np.where(np.isnan(lo), lo2, lo)
    hi_all = np.where(np.isnan(lo), lo2 + _OPEN_BAND, hi + 1)
    bad = hi_all <= lo_all
    lo_all[bad] = np.nan
    hi_all[bad] = np.nan
    return pd.DataFrame({"lo": lo_all, "hi": hi_all}, index=seg.index)


def _age_label(lo: float, hi: float, open_band: bool) -> str:
    if np.isnan(lo):
        return ""
    return f"{int(lo)}+" if open_band else f"{int(lo)}-{int(hi) - 1}"


def _canonical_age(seg: pd.Series) -> pd.DataFrame:
    """Parsed bands plus a canonical label (``18-24``, ``65+``)."""
    ages = _parse_age(seg)
    open_band = seg.astype("str").str.contains(r"\d\s*(?:\+|and|or|ke)", regex=True)
    open_band = open_band.fillna(False).to_numpy(dtype=bool)
    labels = [
        _age_label(lo, hi, ob)
        for lo, hi, ob in zip(ages["lo"].to_numpy(), ages["hi"].to_numpy(), open_band, strict=True)
    ]
    ages["age"] = pd.Series(labels, index=seg.index, dtype="str")
    return ages


def _gender_of(text: pd.Series) -> pd.Series:
    key = text.astype("str").str.strip().str.lower().str.strip(" ._|,:;/()")
    mapped = key.map(_GENDERS)
    return pd.Series(mapped.fillna("unknown").to_numpy(dtype=object), index=text.index, dtype="str")


def _gender_from_age_gender(seg: pd.Series) -> pd.Series:
    rest = seg.astype("str").str.replace(_AGE_RE, " ", regex=True, flags=re.IGNORECASE)
    rest = rest.str.replace(r"^[\s._|,:;/()-]+|[\s._|,:;/()-]+$", "", regex=True)
    return _gender_of(rest)


# ------------------------------------------------------------------- preparing the table


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


# ---------------------------------------------------------------------------- profiles


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


def _one_platform(data: pd.DataFrame, lang: str) -> tuple[np.ndarray, int]:
    """The platform of a table meant for one chart (an error when several) and its accounts."""
    plats = data["platform"].unique()
    if len(plats) > 1:
        raise ParameterError(t("audience.choose_platform", lang, known=", ".join(sorted(plats))))
    return plats, data["account"].nunique()


def plot_pyramid(
    audience: pd.DataFrame,
    *,
    platform: str | None = None,
    account: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Draw the age x gender pyramid of one platform (women left, men right).

    With several accounts on the platform and no ``account``, their shares are averaged.

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "instagram", "account": "pemkot",
    ...     "as_of": "2025-09-30", "dimension": "age_gender",
    ...     "segment": ["F.18-24", "M.18-24", "F.25-34", "M.25-34"],
    ...     "value": [0.3, 0.2, 0.3, 0.2], "unit": "share"})
    >>> plot_pyramid(aud, platform="instagram").get_xlabel()
    'Porsi audiens'
    """
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.ticker import FuncFormatter

    lang = resolve(lang)
    data = pyramid(audience, platform=platform, account=account, lang=lang)
    plats, n_acc = _one_platform(data, lang)
    data = data[data["gender"].isin(["female", "male"])]
    data = data.groupby(["age", "gender"], as_index=False, sort=False)["share"].sum()
    data["share"] = data["share"] / n_acc
    data["signed"] = np.where(data["gender"] == "female", -data["share"], data["share"])
    data["gender_label"] = (
        data["gender"]
        .map({"female": t("audience.female", lang), "male": t("audience.male", lang)})
        .astype("str")
    )
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    order = list(dict.fromkeys(data["age"]))[::-1]
    palette = {t("audience.female", lang): "#d95f8c", t("audience.male", lang): "#3b7bbf"}
    sns.barplot(
        data=data,
        x="signed",
        y="age",
        hue="gender_label",
        order=order,
        orient="h",
        dodge=False,
        palette=palette,
        ax=ax,
    )
    lim = float(data["share"].max() or 0.01) * 1.15
    ax.set_xlim(-lim, lim)
    ax.axvline(0, color="#444", linewidth=0.8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v) * 100:.0f}%"))
    ax.set_xlabel(t("audience.share_label", lang))
    ax.set_ylabel(t("audience.age_label", lang))
    who = _platform_label(plats[0], lang) + (f" · {account}" if account else "")
    ax.set_title(t("audience.pyramid_title", lang, who=who))
    legend = ax.get_legend()
    if legend is not None:
        legend.set_title("")
    return ax


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
    dim = _LEVELS.get(str(level).strip().lower())
    if dim is None:
        raise ParameterError(t("audience.bad_level", lang, value=level))
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


def plot_places(
    audience: pd.DataFrame,
    *,
    level: str = "city",
    n: int = 10,
    platform: str | None = None,
    account: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Draw the top places of one platform as horizontal bars (shares averaged over accounts).

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "x", "account": "pemkot", "as_of": "2025-09-30",
    ...     "dimension": "city", "segment": ["Sukamaju", "Jakarta"], "value": [0.5, 0.2],
    ...     "unit": "share"})
    >>> plot_places(aud, platform="x", lang="en").get_xlabel()
    'Share of audience'
    """
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.ticker import FuncFormatter

    lang = resolve(lang)
    data = top_places(audience, level=level, n=n, platform=platform, account=account, lang=lang)
    plats, n_acc = _one_platform(data, lang)
    data = data.groupby("place", as_index=False)["share"].sum()
    data["share"] = data["share"] / n_acc
    data = data.sort_values("share", ascending=False).head(n)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    sns.barplot(data=data, x="share", y="place", orient="h", color="#3b7bbf", ax=ax)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v * 100:.0f}%"))
    ax.set_xlabel(t("audience.share_label", lang))
    ax.set_ylabel("")
    ax.set_title(
        t(
            "audience.places_title",
            lang,
            who=_platform_label(plats[0], lang),
            level=t(f"audience.level_{_LEVELS[str(level).strip().lower()]}", lang),
        )
    )
    return ax


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


# ------------------------------------------------------------------------------ publics


def _where(source: str | None, lang: str | None) -> str:
    return (
        t("audience.where_file", lang, name=source) if source else t("audience.where_table", lang)
    )


def publics_table(
    table: pd.DataFrame, *, source: str | None = None, lang: str | None = None
) -> pd.DataFrame:
    """Validate a publics table and return it in canonical form.

    Column names may be English (:data:`PUBLIC_COLUMNS`) or Indonesian (``publik``,
    ``usia_min``, ``usia_maks``, ``jenis_kelamin``, ``wilayah``, ``minat``,
    ``format_disukai``, ``keterangan``). Errors name the row (the table's index label;
    :func:`humaskit.io.publics.read_publics` sets it to the line in the file) and the
    column.

    Parameters
    ----------
    table : DataFrame
        The publics the institution declares.
    source : str, optional
        File name used in error messages.

    Returns
    -------
    DataFrame
        Columns public (str), age_min, age_max (int), gender (all/female/male), region
        (``lokal``, ``semua`` or place names separated by ``;``), interests and
        preferred_formats (text, items separated by ``;``; formats are canonical post
        types), description.

    Raises
    ------
    SchemaError
        Unknown or missing column, empty or duplicated public, an age that is not a whole
        number 0-120 or a band upside down, an unknown gender or format.

    Examples
    --------
    >>> import pandas as pd
    >>> publics_table(pd.DataFrame({"publik": ["UMKM"], "usia_min": [25], "usia_maks": [54],
    ...     "jenis_kelamin": ["semua"], "wilayah": ["lokal"],
    ...     "format_disukai": ["Reels; infografis"]}))[["public", "preferred_formats"]].values.tolist()
    [['UMKM', 'reel;carousel']]
    >>> publics_table(pd.DataFrame({"public": ["ASN"], "usia": [30]}), lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.SchemaError: Publics table, header row, column 'usia': unknown column; expected columns: public, age_min, age_max, gender, region, interests, preferred_formats, description.
    """
    if not isinstance(table, pd.DataFrame):
        raise SchemaError(t("audience.publics_not_table", lang, got=type(table).__name__))
    where = _where(source, lang)
    expected = ", ".join(PUBLIC_COLUMNS)
    rename = {}
    for col in table.columns:
        key = re.sub(r"\s+", "_", str(col).strip().lower())
        key = _PUBLIC_ALIASES.get(key, key)
        if key not in PUBLIC_COLUMNS:
            raise SchemaError(
                t(
                    "audience.publics_unknown_column",
                    lang,
                    where=where,
                    column=col,
                    expected=expected,
                )
            )
        if key in rename.values():
            raise SchemaError(t("audience.publics_duplicate_column", lang, where=where, column=col))
        rename[col] = key
    df = table.rename(columns=rename)
    missing = [c for c in _REQUIRED_PUBLIC if c not in df.columns]
    if missing:
        raise SchemaError(
            t(
                "audience.publics_missing_columns",
                lang,
                where=where,
                columns=", ".join(missing),
                expected=", ".join(_REQUIRED_PUBLIC),
            )
        )

    def fail(mask: Any, column: str, problem_key: str, **kw: Any) -> None:
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            raise SchemaError(
                t(
                    "audience.publics_bad_value",
                    lang,
                    where=where,
                    rows=_rows_text(df.index[mask]),
                    column=column,
                    problem=t(problem_key, lang, **kw),
                )
            )

    def text(col: str) -> pd.Series:
        if col not in df.columns:
            return pd.Series("", index=df.index, dtype="str")
        s = df[col].astype("str").where(df[col].notna(), "")
        return s.fillna("").str.strip()

    public = text("public")
    fail(public == "", "public", "audience.problem_empty")
    fail(public.duplicated(keep=False), "public", "audience.problem_duplicate")
    ages = {}
    for col in ("age_min", "age_max"):
        raw = text(col)
        num = pd.to_numeric(raw, errors="coerce")
        bad = num.isna() | (num % 1 != 0) | (num < 0) | (num > 120)
        fail(bad.fillna(True), col, "audience.problem_age")
        ages[col] = num.astype("int64")
    fail(ages["age_min"] > ages["age_max"], "age_max", "audience.problem_age_order")
    gender_raw = text("gender").str.lower()
    gender = gender_raw.map(_PUBLIC_GENDERS)
    fail(gender.isna(), "gender", "audience.problem_gender")
    region_raw = text("region")
    region_key = region_raw.str.lower()
    region = np.where(
        region_key.isin(_REGION_LOCAL),
        "lokal",
        np.where(
            region_key.isin(_REGION_OUTSIDE),
            "luar",
            np.where(
                region_key.isin(_REGION_ALL),
                "semua",
                region_raw.str.replace(r"\s*[;|]\s*", ";", regex=True).to_numpy(dtype=object),
            ),
        ),
    )
    aliases = _format_aliases()
    formats = []
    bad_fmt = np.zeros(len(df), dtype=bool)
    bad_names: list[str] = []
    for i, cell in enumerate(text("preferred_formats")):
        items = [x.strip().lower() for x in re.split(r"[;,/|]", cell) if x.strip()]
        mapped = [aliases.get(x) for x in items]
        if any(m is None for m in mapped):
            bad_fmt[i] = True
            bad_names.extend(x for x, m in zip(items, mapped, strict=True) if m is None)
        formats.append(";".join(dict.fromkeys(m for m in mapped if m)))
    fail(
        bad_fmt,
        "preferred_formats",
        "audience.problem_format",
        value=", ".join(dict.fromkeys(bad_names)),
        expected=", ".join(schema.POST_TYPES),
    )
    interests = text("interests").str.replace(r"\s*[;|]\s*", ";", regex=True)
    out = pd.DataFrame(
        {
            "public": public.to_numpy(),
            "age_min": ages["age_min"].to_numpy(),
            "age_max": ages["age_max"].to_numpy(),
            "gender": gender.to_numpy(dtype=object),
            "region": region,
            "interests": interests.to_numpy(),
            "preferred_formats": formats,
            "description": text("description").to_numpy(),
        }
    )
    for col in ("public", "gender", "region", "interests", "preferred_formats", "description"):
        out[col] = out[col].astype("str")
    return out


@lru_cache(maxsize=1)
def _default_publics() -> pd.DataFrame:
    return publics_table(_read_package_csv("audience", "publics.csv"), source="publics.csv")


def publics(table: pd.DataFrame | None = None, *, lang: str | None = None) -> pd.DataFrame:
    """Return the institution's publics: the default city-government table or ``table`` checked.

    The default table (``humaskit/data/audience/publics.csv``) lists typical publics of a
    city government: pelajar, mahasiswa, pencari kerja, ASN, UMKM, wajib pajak, orang tua,
    ibu rumah tangga, petani, warga kota, lansia, wisatawan. To use your own, read it with
    :func:`humaskit.io.publics.read_publics` or pass a DataFrame (see
    :func:`publics_table`).

    Examples
    --------
    >>> p = publics()
    >>> {"ASN", "UMKM", "Pelajar"} <= set(p["public"])
    True
    >>> p.columns.tolist()[:5]
    ['public', 'age_min', 'age_max', 'gender', 'region']
    """
    if table is None:
        return _default_publics().copy()
    return publics_table(table, lang=lang)


def _publics_or_default(table: pd.DataFrame | None, lang: str | None) -> pd.DataFrame:
    """``table`` checked, or the default table (not copied: callers only read it)."""
    return _default_publics() if table is None else publics_table(table, lang=lang)


# ----------------------------------------------------------------------------------- fit


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

    The formula is in the module docstring: ``share`` is the fraction of the platform's
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


def plot_fit(
    data: pd.DataFrame,
    *,
    value: str = "fit",
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Draw a fit table (from :func:`fit`) as a heat map of publics x platforms.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"public": ["ASN", "ASN"], "platform": ["x", "instagram"],
    ...     "fit": [0.5, 1.0]})
    >>> plot_fit(f, lang="en").get_xlabel()
    'Platform'
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    lang = resolve(lang)
    if value not in data.columns or not {"public", "platform"} <= set(data.columns):
        raise ParameterError(t("audience.bad_fit_table", lang, value=value))
    order = list(dict.fromkeys(data["public"]))
    table = data.pivot_table(index="public", columns="platform", values=value, aggfunc="mean")
    table = table.reindex(order)
    table.columns = [_platform_label(c, lang) for c in table.columns]
    table = table.astype("float64")
    if ax is None:
        _, ax = plt.subplots(figsize=(1.3 * table.shape[1] + 3, 0.45 * table.shape[0] + 1.5))
    fmt = ".0%" if value != "fit" else ".2f"
    sns.heatmap(table, annot=True, fmt=fmt, cmap="Blues", vmin=0, cbar=False, ax=ax, linewidths=0.5)
    ax.set_xlabel(label("platform", lang))
    ax.set_ylabel(t("audience.public_label", lang))
    ax.set_title(t(f"audience.fit_title_{'fit' if value == 'fit' else 'share'}", lang))
    return ax


# -------------------------------------------------------------------- recommendations


def _engagement_rate(posts: pd.DataFrame) -> np.ndarray:
    """Engagements divided by reach (then followers_at_post, impressions, views)."""
    total = schema.engagements(posts)
    base = np.full(len(posts), np.nan)
    for col in _ER_BASES:
        if col in posts.columns:
            v = posts[col].to_numpy(dtype="float64", na_value=np.nan)
            v = np.where(v > 0, v, np.nan)
            base = np.where(np.isnan(base), v, base)
    with np.errstate(divide="ignore", invalid="ignore"):
        return total / base


def _posts_er(
    posts: pd.DataFrame, account: str | Iterable[str] | None, lang: str
) -> tuple[pd.DataFrame, np.ndarray, pd.Series]:
    """The checked posts of ``account``, each one's engagement rate, each platform's median."""
    df = schema.validate(posts, "posts", lang=lang)
    accs = _as_list(account)
    if accs is not None:
        df = df[df["account"].isin(accs)]
    er = _engagement_rate(df)
    plat_med = (
        pd.DataFrame({"platform": df["platform"].to_numpy(dtype=object), "er": er})
        .dropna()
        .groupby("platform")["er"]
        .median()
    )
    return df, er, plat_med


def _perf(frame: pd.DataFrame, er: np.ndarray) -> pd.DataFrame:
    d = pd.DataFrame(
        {
            "platform": frame["platform"].to_numpy(dtype=object),
            "format": frame["post_type"].to_numpy(dtype=object, na_value=None),
            "er": er,
        }
    ).dropna(subset=["format", "er"])
    return d.groupby(["platform", "format"], as_index=False).agg(
        posts=("er", "size"), er=("er", "median")
    )


def _perf_records(perf: pd.DataFrame, min_posts: int) -> dict[str, list[dict]]:
    """``{platform: [{format, posts, er}, ...]}`` for formats with at least ``min_posts``."""
    out: dict[str, list[dict]] = {}
    for rec in perf[perf["posts"] >= min_posts].to_dict("records"):
        out.setdefault(str(rec["platform"]), []).append(
            {"format": str(rec["format"]), "posts": int(rec["posts"]), "er": float(rec["er"])}
        )
    return out


def format_performance(
    posts: pd.DataFrame,
    *,
    account: str | Iterable[str] | None = None,
    min_posts: int = 5,
    lang: str | None = None,
) -> pd.DataFrame:
    """Return how each format performed on each platform.

    The engagement rate of a post is (likes + comments + shares + saves, as reported)
    divided by reach, or by followers_at_post where reach is missing (then impressions,
    then views). Posts without engagements or a base are left out.

    Returns
    -------
    DataFrame
        Columns platform, format, posts, er (median engagement rate), lift (er divided by
        the platform's median), enough (posts >= ``min_posts``).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "instagram", "account": "pemkot",
    ...     "post_id": [str(i) for i in range(4)],
    ...     "published_at": "2025-09-01 12:00+00:00",
    ...     "post_type": ["reel", "reel", "feed", "feed"], "reach": [100, 100, 100, 100],
    ...     "likes": [8, 10, 4, 2]})
    >>> format_performance(posts, min_posts=2)[["format", "er", "lift"]].values.tolist()
    [['reel', 0.09, 1.5], ['feed', 0.03, 0.5]]
    """
    lang = resolve(lang)
    df, er, plat_med = _posts_er(posts, account, lang)
    perf = _perf(df, er)
    perf["lift"] = perf["er"] / perf["platform"].map(plat_med).astype("float64")
    perf["enough"] = perf["posts"] >= min_posts
    perf = perf.sort_values(["platform", "lift"], ascending=[True, False])
    perf["platform"] = perf["platform"].astype("str")
    perf["format"] = perf["format"].astype("str")
    perf["posts"] = perf["posts"].astype("int64")
    return perf.reset_index(drop=True)


def _topic_mask(text: pd.Series, public: str, interests: str) -> np.ndarray:
    words = [w.strip() for w in interests.split(";") if w.strip()] + [public]
    words = [w for w in words if len(w) >= 3]
    if not words:
        return np.zeros(len(text), dtype=bool)
    pattern = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
    return text.str.contains(pattern, case=False, regex=True).fillna(False).to_numpy(dtype=bool)


def recommend(
    audience: pd.DataFrame,
    posts: pd.DataFrame | None = None,
    publics: pd.DataFrame | None = None,
    *,
    region: str | Iterable[str] | None = None,
    top: int = 2,
    min_posts: int = 5,
    account: str | Iterable[str] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Recommend platforms and formats for each public, with the evidence.

    Platforms come from :func:`fit` (the ``top`` best per public); on each, formats are
    ranked by their engagement-rate lift in ``posts`` (posts about the public's
    interests when there are at least ``min_posts`` in that format, else all posts), with
    a 25% bonus for the public's preferred formats. Without posts (or with too few), the
    public's preferred formats that the platform offers are proposed.

    Parameters
    ----------
    audience : DataFrame
        The canonical ``audience`` table.
    posts : DataFrame, optional
        The canonical ``posts`` table of the same institution.
    publics : DataFrame, optional
        The publics (default: the city-government table).
    region : str or list of str, optional
        The institution's own region (see :func:`fit`).
    top : int
        Platforms recommended per public.
    min_posts : int
        Posts a format needs before its results are trusted.
    account : str or list of str, optional
        Restrict audience and posts to these accounts.
    lang : {"id", "en"}, optional
        Language of the reasons.

    Returns
    -------
    DataFrame
        One row per public and recommended platform: public, rank, platform, fit, share,
        active (the institution has posts there; NA without posts), format, format_er,
        format_lift, format_posts, basis (``topic``: posts about the public, ``all``: all
        posts of the format, ``preference``: no usable posts, so the public's preferred
        format as the platform offers it, ``default``: no posts and no preference, so the
        platform's main format), other_formats (next best, ``;``-separated), reason (plain
        sentences with the evidence).

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": ["tiktok"] * 2 + ["facebook"] * 2,
    ...     "account": "pemkot", "as_of": "2025-09-30", "dimension": "age",
    ...     "segment": ["13-17", "35-44"] * 2, "value": [0.6, 0.4, 0.1, 0.9],
    ...     "unit": "share"})
    >>> r = recommend(aud, publics=publics().query("public == 'Pelajar'"), top=1)
    >>> r[["public", "platform", "format", "basis"]].values.tolist()
    [['Pelajar', 'tiktok', 'video', 'preference']]
    """
    lang = resolve(lang)
    _check_count(top, "audience.bad_top", lang)
    _check_count(min_posts, "audience.bad_min_posts", lang)
    pubs = _publics_or_default(publics, lang)
    f = fit(audience, pubs, region=region, account=account, lang=lang)
    f = f[(f["rank"] <= top) & f["share"].notna()]

    have_posts = posts is not None
    perf_all: dict[str, list[dict]] = {}
    plat_med: dict[str, float] = {}
    active: set[str] = set()
    if have_posts:
        df, er, med = _posts_er(posts, account, lang)
        perf_all = _perf_records(_perf(df, er), min_posts)
        plat_med = med.to_dict()
        active = set(df["platform"].unique())
        text = df["text"] if "text" in df.columns else pd.Series("", index=df.index, dtype="str")
    offered = _platform_formats()
    fit_rows: dict[str, list[dict]] = {}
    for rec in f.to_dict("records"):
        fit_rows.setdefault(rec["public"], []).append(rec)

    rows = []
    for pub in pubs.to_dict("records"):
        preferred = [x for x in pub["preferred_formats"].split(";") if x]
        perf_topic: dict[str, list[dict]] = {}
        if have_posts:
            mask = _topic_mask(text, pub["public"], pub["interests"])
            if mask.any():
                perf_topic = _perf_records(_perf(df[mask], er[mask]), min_posts)
        for r in fit_rows.get(pub["public"], []):
            plat = r["platform"]
            topic = [dict(x, basis="topic") for x in perf_topic.get(plat, [])]
            seen = {x["format"] for x in topic}
            general = [
                dict(x, basis="all") for x in perf_all.get(plat, []) if x["format"] not in seen
            ]
            cand = topic + general
            is_active = (plat in active) if have_posts else pd.NA
            if cand:
                med = plat_med.get(plat, np.nan)
                for x in cand:
                    x["lift"] = x["er"] / med if med else np.nan
                    x["pref"] = x["format"] in preferred
                    x["score"] = x["lift"] * (_PREFERRED_BONUS if x["pref"] else 1.0)
                cand.sort(key=lambda x: (-np.nan_to_num(x["score"], nan=-1.0), -x["posts"]))
                best = cand[0]
                fmt, basis = best["format"], best["basis"]
                fer, flift, fposts = best["er"], best["lift"], best["posts"]
                others = ";".join(x["format"] for x in cand[1:3])
                fmt_text = t(
                    "audience.rs_format_" + basis,
                    lang,
                    format=_format_label(fmt, lang),
                    er=_pct1(fer, lang),
                    lift=_num(flift, lang),
                    n=fposts,
                    platform=_platform_label(plat, lang),
                    public=pub["public"],
                )
                if best["pref"]:
                    fmt_text += t("audience.rs_preferred", lang)
            else:
                fmt, basis, others = _offered_formats(plat, preferred, offered)
                fer, flift, fposts = np.nan, np.nan, 0
                fmt_text = t(
                    "audience.rs_format_preference" if preferred else "audience.rs_format_default",
                    lang,
                    format=_format_label(fmt, lang),
                    platform=_platform_label(plat, lang),
                )
                if have_posts and is_active:
                    fmt_text = t("audience.rs_few_posts", lang, n=min_posts) + fmt_text
            reason = r["evidence"] + " " + fmt_text
            if is_active is False:
                reason += t("audience.rs_inactive", lang, platform=_platform_label(plat, lang))
            rows.append(
                {
                    "public": pub["public"],
                    "rank": r["rank"],
                    "platform": plat,
                    "fit": r["fit"],
                    "share": r["share"],
                    "active": is_active,
                    "format": fmt,
                    "format_er": fer,
                    "format_lift": flift,
                    "format_posts": fposts,
                    "basis": basis,
                    "other_formats": others,
                    "reason": reason,
                }
            )
    out = pd.DataFrame(rows)
    if out.empty:
        raise DataNotFound(t("audience.no_recommendation", lang))
    for col in ("public", "platform", "format", "basis", "other_formats", "reason"):
        out[col] = out[col].astype("str")
    out["active"] = out["active"].astype("boolean")
    for col in ("fit", "share", "format_er", "format_lift"):
        out[col] = out[col].astype("Float64")
    out["rank"] = out["rank"].astype("int64")
    out["format_posts"] = out["format_posts"].astype("int64")
    return out


def _offered_formats(
    platform: str, preferred: list[str], offered: pd.DataFrame
) -> tuple[str, str, str]:
    """The public's preferred formats as the platform offers them (format, basis, others)."""
    table = offered[offered["platform"] == platform]
    native = table.loc[table["substitute"] == "", "format"].tolist()
    subst = dict(zip(table["format"], table["substitute"], strict=True))
    chosen = []
    for f in preferred:
        g = f if f in native else subst.get(f) or None
        if g and g not in chosen:
            chosen.append(g)
    if not chosen:
        return (native[0] if native else "feed"), "default", ";".join(native[1:3])
    return chosen[0], "preference", ";".join(chosen[1:3])


# -------------------------------------------------------------- widgets and exercises


def show_profile(
    audience: pd.DataFrame,
    platform: str,
    public: str | None = None,
    *,
    account: str | None = None,
    publics: pd.DataFrame | None = None,
    region: str | Iterable[str] | None = None,
    lang: str | None = None,
) -> None:
    """Show one platform's pyramid and, for a public, how well the platform fits it.

    Made for ``ipywidgets.interact`` in the teaching notebook::

        interact(hk.audience.show_profile, audience=fixed(aud),
                 platform=["instagram", "tiktok"], public=["ASN", "Pelajar"])
    """
    import matplotlib.pyplot as plt

    lang = resolve(lang)
    fig, ax = plt.subplots(figsize=(7, 4))
    plot_pyramid(audience, platform=platform, account=account, ax=ax, lang=lang)
    lines = []
    if public:
        pubs = _publics_or_default(publics, lang)
        if public not in set(pubs["public"]):
            raise ParameterError(
                t("audience.unknown_public", lang, value=public, known=", ".join(pubs["public"]))
            )
        f = fit(audience, pubs[pubs["public"] == public], region=region, account=account, lang=lang)
        row = f[f["platform"] == _norm_platforms(platform, lang)[0]].iloc[0]
        best = f.iloc[0]
        lines.append(row["evidence"])
        lines.append(
            t(
                "audience.show_fit",
                lang,
                fit=_num(row["fit"], lang, 2),
                rank=int(row["rank"]),
                n=len(f),
                best=_platform_label(best["platform"], lang),
            )
        )
    try:
        from IPython.display import display

        display(fig)
    except ImportError:  # pragma: no cover
        pass
    plt.close(fig)
    for line in lines:
        print(line)


def check_platform_for_public(
    public: str,
    answer: str,
    audience: pd.DataFrame,
    *,
    publics: pd.DataFrame | None = None,
    region: str | Iterable[str] | None = None,
    account: str | Iterable[str] | None = None,
    lang: str | None = None,
) -> Feedback:
    """Check a learner's answer to "which platform reaches this public best?".

    The answer is right when it is the platform with the highest fit (or within 0.05 of
    it), using the same fit as :func:`fit` with the same ``region`` and ``account``. The
    feedback (:class:`humaskit.teaching.Feedback`: ``correct`` and ``message``)
    says why, with the evidence from the data; an unknown public or platform gives a hint,
    never an error.

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": ["tiktok"] * 2 + ["facebook"] * 2,
    ...     "account": "pemkot", "as_of": "2025-09-30", "dimension": "age",
    ...     "segment": ["13-17", "35-44"] * 2, "value": [0.6, 0.4, 0.1, 0.9],
    ...     "unit": "share"})
    >>> fb = check_platform_for_public("Pelajar", "TikTok", aud)
    >>> fb.correct
    True
    >>> check_platform_for_public("Pelajar", "fb", aud).correct
    False
    """
    lang = resolve(lang)
    pubs = _publics_or_default(publics, lang)
    names = {p.lower(): p for p in pubs["public"]}
    key = str(public).strip().lower()
    if key not in names:
        return Feedback(
            False,
            t("audience.chk_unknown_public", lang, value=public, known=", ".join(pubs["public"])),
        )
    f = fit(audience, pubs[pubs["public"] == names[key]], region=region, account=account, lang=lang)
    f = f[f["fit"].notna()]
    # Alphabetical, so the list of choices does not give the answer away.
    known = ", ".join(sorted(_platform_label(p, lang) for p in f["platform"]))
    if answer is None or not str(answer).strip():
        return Feedback(False, t("audience.chk_empty", lang, known=known))
    ans = str(answer).strip().lower()
    ans = _PLATFORM_ALIASES.get(ans, ans)
    if ans not in set(f["platform"]):
        if ans in schema.PLATFORMS:
            return Feedback(False, t("audience.chk_no_data", lang, value=answer, known=known))
        return Feedback(False, t("audience.chk_unknown_platform", lang, value=answer, known=known))
    best = f.iloc[0]
    mine = f[f["platform"] == ans].iloc[0]
    if mine["fit"] >= best["fit"] - 0.05:
        text = (
            t("audience.chk_right", lang, platform=_platform_label(ans, lang), public=names[key])
            + " "
            + mine["evidence"]
        )
        if mine["platform"] != best["platform"]:
            text += " " + t(
                "audience.chk_close", lang, best=_platform_label(best["platform"], lang)
            )
        return Feedback(True, text)
    text = t(
        "audience.chk_wrong",
        lang,
        platform=_platform_label(ans, lang),
        best=_platform_label(best["platform"], lang),
        public=names[key],
    )
    text += " " + best["evidence"] + " " + mine["evidence"]
    return Feedback(False, text)
