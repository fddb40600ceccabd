"""Reading audience segments: age bands, genders and places as the exports write them.

Age bands come as ``18-24``, ``18–24`` or ``65+`` (an open band is taken as
``_OPEN_BAND`` = 15 years wide); genders as ``female``/``F``/``Women``/``perempuan``...
(anything else is ``unknown``); age x gender segments as ``F.18-24``, ``18-24 female``,
``female|18-24``...; places are compared on the part before the first comma, without case
and without an administrative prefix (``Kota``, ``Kabupaten``, ``Kab.``).

Examples
--------
>>> import pandas as pd
>>> _canonical_age(pd.Series(["18–24", "65+"]))["age"].tolist()
['18-24', '65+']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

_OPEN_BAND = 15  # width in years given to an open age band such as "65+"

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

_AGE_RE = (
    r"(?P<lo>\d{1,3})\s*(?:-|–|—|to|sampai|s/d)\s*(?P<hi>\d{1,3})"
    r"|(?P<lo2>\d{1,3})\s*(?:\+|and over|and older|or older|ke atas|tahun ke atas)"
)
_PLACE_PREFIX = r"^(?:kota administrasi|kota adm\.?|kota|kabupaten|kab\.?|city of|regency of)\s+"
_PLACE_SUFFIX = r"\s+(?:city|regency)$"


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
