"""The institution's publics table: its columns, how it is checked, and the default table.

A publics table has one row per public (pelajar, ASN, UMKM, ...) with an age band, a
gender, a region, interests and preferred formats; headers may be English or Indonesian.
The default table is a typical city government's (``humaskit/data/audience/publics.csv``).
Reading one from a CSV or Excel file is :func:`humaskit.files.publics.read_publics`.

Examples
--------
>>> PUBLIC_COLUMNS[:3]
('public', 'age_min', 'age_max')
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import SchemaError
from ..i18n import resolve, t
from .names import _format_aliases, _read_package_csv, _rows_text

__all__ = ["PUBLIC_COLUMNS", "publics", "publics_table"]

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
#: The column names an Indonesian reader is shown (each one is read back, see the aliases).
_PUBLIC_ID = {
    "public": "publik",
    "age_min": "usia_min",
    "age_max": "usia_maks",
    "gender": "jenis_kelamin",
    "region": "wilayah",
    "interests": "minat",
    "preferred_formats": "format_disukai",
    "description": "keterangan",
}


def _names(columns: Any, lang: str | None) -> str:
    """Column names as the reader's language writes them (both are understood)."""
    if resolve(lang) == "id":
        return ", ".join(_PUBLIC_ID.get(c, c) for c in columns)
    return ", ".join(columns)


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
    :func:`humaskit.files.publics.read_publics` sets it to the line in the file) and the
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
    expected = _names(PUBLIC_COLUMNS, lang)
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
                columns=_names(missing, lang),
                expected=_names(_REQUIRED_PUBLIC, lang),
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
    :func:`humaskit.files.publics.read_publics` or pass a DataFrame (see
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
