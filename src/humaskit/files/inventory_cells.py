"""The cells a person typed into an account inventory: headers, yes/no, dates, counts, handles.

Used by :mod:`humaskit.files.inventory` (inventory and checklist); private to
:mod:`humaskit.files`. Accepted headers are in ``data/governance/inventory_columns.csv`` and
platform names in ``data/governance/platform_aliases.csv``; teams can add theirs.

Examples
--------
>>> _parse_bool("sudah"), _parse_date("31 Maret 2025").date(), _parse_handle("https://x.com/abc")
((True, True), datetime.date(2025, 3, 31), ('abc', 'x'))
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..errors import DamagedFile, UnsupportedFile
from ..i18n import t
from ..paths import package_file


def _norm_header(text: Any) -> str:
    return re.sub(r"[\s._\-/()]+", "", str(text).strip().casefold())


def _data_csv(name: str) -> list[dict[str, str]]:
    with open(package_file("governance", name), encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for rec in _data_csv("inventory_columns.csv"):
        out.setdefault(_norm_header(rec["alias"]), rec["column"].strip())
    for col in schema.columns("accounts"):
        out.setdefault(_norm_header(col), col)
    return out


@lru_cache(maxsize=1)
def _platform_aliases() -> dict[str, str]:
    return {
        re.sub(r"[^a-z0-9]", "", rec["alias"].lower()): rec["platform"].strip()
        for rec in _data_csv("platform_aliases.csv")
    }


def _first_alias(column: str) -> str:
    for rec in _data_csv("inventory_columns.csv"):
        if rec["column"].strip() == column:
            return rec["alias"].strip()
    return column


def _read_sheets(path: Path, lang: str | None) -> dict[str, pd.DataFrame]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            return pd.read_excel(
                path, sheet_name=None, header=None, dtype=object, engine="openpyxl"
            )
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise DamagedFile(t("inventory.damaged", lang, file=path.name, error=exc)) from None
    if suffix in (".csv", ".txt", ".tsv"):
        raw = path.read_bytes()
        if not raw.strip():
            raise DamagedFile(t("inventory.empty", lang, file=path.name))
        for enc in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        sample = text[:4096]
        try:
            delim = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delim = ","
        rows = list(csv.reader(text.splitlines(), delimiter=delim))
        width = max((len(r) for r in rows), default=0)
        rows = [r + [None] * (width - len(r)) for r in rows]
        df = pd.DataFrame(rows, dtype=object)
        return {"": df}
    if suffix == ".xls":
        raise UnsupportedFile(t("inventory.xls", lang, file=path.name))
    raise UnsupportedFile(t("inventory.unsupported", lang, file=path.name, suffix=suffix))


def _blank(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and v != v:
        return True
    try:
        if pd.isna(v):
            return True
    except (TypeError, ValueError):
        pass
    return isinstance(v, str) and not v.strip()


def _find_header(df: pd.DataFrame) -> tuple[int, dict[int, str]] | None:
    aliases = _aliases()
    for r in range(min(len(df), 15)):
        mapping = {}
        for c, v in enumerate(df.iloc[r].tolist()):
            if _blank(v):
                continue
            col = aliases.get(_norm_header(v))
            if col is not None and col not in mapping.values():
                mapping[c] = col
        if len(mapping) >= 2 and ({"platform", "handle"} & set(mapping.values())):
            return r, mapping
    return None


# ---------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------

_TRUE = {
    "ya",
    "y",
    "yes",
    "true",
    "1",
    "sudah",
    "aktif",
    "ada",
    "benar",
    "v",
    "✓",
    "✔",
    "√",
    "☑",
    "ok",
    "on",
    "done",
    "terverifikasi",
    "verified",
}
_FALSE = {
    "tidak",
    "tdk",
    "no",
    "n",
    "false",
    "0",
    "belum",
    "blm",
    "nonaktif",
    "tidak ada",
    "tidakada",
    "✗",
    "✘",
    "off",
    "none",
    "salah",
    "bukan",
}
_UNKNOWN = {
    "-",
    "?",
    "tidak tahu",
    "tdk tahu",
    "belum tahu",
    "tidak diketahui",
    "unknown",
    "n/a",
    "na",
    "t/a",
}

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}


def _parse_bool(v: Any) -> tuple[Any, bool]:
    """(value, understood). Blank and "don't know" give (NA, True)."""
    if _blank(v):
        return pd.NA, True
    if isinstance(v, bool):
        return v, True
    if isinstance(v, (int, float)) and v in (0, 1):
        return bool(v), True
    low = " ".join(str(v).strip().lower().split())
    if low in _UNKNOWN:
        return pd.NA, True
    if low in _TRUE:
        return True, True
    if low in _FALSE:
        return False, True
    first = re.split(r"[\s,;(/]+", low, maxsplit=1)[0]
    if first in _FALSE:
        return False, True
    if first in _TRUE:
        return True, True
    return pd.NA, False


def _parse_date(v: Any) -> pd.Timestamp | None:
    """A day from a spreadsheet cell, or None when the text is not a date."""
    if isinstance(v, pd.Timestamp):
        return v.tz_localize(None).normalize() if v.tzinfo else v.normalize()
    if hasattr(v, "year") and hasattr(v, "month") and hasattr(v, "day"):
        try:
            return pd.Timestamp(v.year, v.month, v.day)
        except ValueError:
            return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 20000 <= float(v) <= 80000:  # an Excel serial day number
            return pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(v))
        return None
    text = " ".join(str(v).strip().lower().split())
    try:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?", text)
        if m:
            return pd.Timestamp(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text)
        if m:
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return pd.Timestamp(year, int(m[2]), int(m[1]))
        m = re.fullmatch(r"(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-]+(\d{4})", text)
        if m and m[2] in _MONTHS:
            return pd.Timestamp(int(m[3]), _MONTHS[m[2]], int(m[1]))
        m = re.fullmatch(r"([a-z]+)\.?[\s\-]+(\d{4})", text)
        if m and m[1] in _MONTHS:
            return pd.Timestamp(int(m[2]), _MONTHS[m[1]], 1)
    except ValueError:
        return None
    return None


def _parse_int(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return int(v) if float(v).is_integer() else None
    text = str(v).strip().lower()
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        return int(re.sub(r"[.,]", "", text))
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(rb|ribu|k|jt|juta|m)?\s*(orang|admin|akun)?", text)
    if m:
        num, unit = m[1], m[2]
        if unit in ("rb", "ribu", "k"):
            return int(round(float(num.replace(",", ".")) * 1_000))
        if unit in ("jt", "juta", "m"):
            return int(round(float(num.replace(",", ".")) * 1_000_000))
        if re.fullmatch(r"\d+", num):
            return int(num)
        return None
    return None


_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.|mobile\.|web\.)?"
    r"(facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|youtube\.com|tiktok\.com)"
    r"/+(?:@)?([^/?#\s]+)",
    re.IGNORECASE,
)
_DOMAIN_PLATFORM = {
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "instagram.com": "instagram",
    "twitter.com": "x",
    "x.com": "x",
    "youtube.com": "youtube",
    "tiktok.com": "tiktok",
}


def _parse_handle(v: Any) -> tuple[str | None, str | None]:
    """(handle, platform from a profile link) or (None, None) when unusable."""
    text = str(v).strip()
    m = _URL.match(text)
    if m:
        handle = m[2]
        if handle.lower() in ("c", "channel", "user", "pages", "profile.php") and "/" in text:
            rest = text.split(m[2], 1)[1].strip("/").split("/")
            handle = rest[-1] if rest and rest[-1] else handle
        return handle.lstrip("@"), _DOMAIN_PLATFORM[m[1].lower()]
    handle = text.lstrip("@").strip()
    if not handle or re.search(r"\s", handle):
        return None, None
    return handle, None


def _platform(v: Any) -> str | None:
    key = re.sub(r"[^a-z0-9]", "", str(v).strip().lower())
    return _platform_aliases().get(key)
