"""The account inventory a team keeps in a spreadsheet: read it, and send back the findings.

:func:`read_inventory` reads an xlsx or CSV inventory (one row per account) into the
canonical ``accounts`` table. Column headers may be in Indonesian or English; the accepted
names are listed in ``data/governance/inventory_columns.csv`` (teams can add theirs):

=====================  ==============================================================
canonical column       accepted headers (examples)
=====================  ==============================================================
institution            Instansi, Nama Instansi, Institution
unit                   Nama Unit, Unit, Unit Kerja, OPD, Unit Name
unit_code              Kode Unit, Singkatan, Unit Code (used by handle patterns)
platform  (required)   Platform, Media Sosial, Medsos, Kanal
display_name           Nama Akun, Nama Tampilan, Display Name, Account Name
handle    (required)   Username, Nama Pengguna, Handle, Akun, URL / Tautan (a profile link)
verified               Terverifikasi, Centang Biru, Verified
account_type           Jenis Akun, Tipe Akun, Account Type (page, bisnis, pribadi ...)
emblem_photo           Foto Profil Lambang, Logo, Emblem Photo
two_factor             Verifikasi Dua Langkah, 2FA, Two-Factor Authentication
password_changed_at    Tanggal Ganti Kata Sandi, Password Changed
admins                 Jumlah Admin, Admins
admin_names            Nama Admin, Admin Names
assignment_letter      Surat Tugas, SK Admin, Assignment Letter (yes/no or the letter number)
followers              Pengikut, Followers
account                Account (the name the account has in the posts data, if different)
notes                  Keterangan, Catatan, Notes
=====================  ==============================================================

Yes/no cells accept ya/tidak, sudah/belum, yes/no, true/false, 1/0 and ticks. Dates
accept 2025-03-31, 31/03/2025, 31-03-2025, "31 Maret 2025", "Maret 2025" (taken as the
1st) and real spreadsheet dates. Every problem is reported with file, sheet, row (as
numbered in the spreadsheet, header = its own row) and column, and the sound rows still
load: an unreadable value is left empty, a row without a usable platform or handle, or
repeating a handle already listed, is skipped.

:func:`write_findings` writes the audit back as an xlsx with a summary sheet and one sheet
per unit, to send to each unit's admins; :func:`read_checklist` reads the ticked security
checklist back; :func:`read_rules` reads a rules file (``key,value`` CSV).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "inventaris.csv").write_text(
...     "Nama Unit;Platform;Username;Verifikasi Dua Langkah;Tanggal Ganti Kata Sandi\\n"
...     "Dinas Kesehatan;Instagram;@dinkes_contoh;ya;12 Maret 2025\\n"
...     "Dinas Kesehatan;Threads;dinkes_contoh;ya;2025-03-12\\n"
...     "Dinas Sosial;FB;dinsos_contoh;belum;awal tahun\\n", encoding="utf-8")
>>> inv = read_inventory(folder / "inventaris.csv", lang="en")
>>> inv.table[["platform", "handle", "two_factor"]].values.tolist()
[['instagram', 'dinkes_contoh', True], ['facebook', 'dinsos_contoh', False]]
>>> for p in inv.problems.dropna(subset=["row"])["problem"]: print(p)  # doctest: +NORMALIZE_WHITESPACE
inventaris.csv, row 3, column 'Platform': 'Threads' is not a platform humaskit knows
(facebook, instagram, x, youtube, tiktok); the row was skipped.
inventaris.csv, row 4, column 'Tanggal Ganti Kata Sandi': 'awal tahun' is not a date
(write it like 2025-03-31); the cell was left empty.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..errors import DamagedFile, DataNotFound, ParameterError, SchemaError, UnsupportedFile
from ..i18n import t
from ..paths import package_file
from ..files.safe import write_xlsx

__all__ = [
    "EXAMPLE",
    "write_template",
    "AuditInputs",
    "audit_inputs",
    "Inventory",
    "read_inventory",
    "inventory_columns",
    "write_findings",
    "read_checklist",
    "read_rules",
]

#: A small fictional inventory with a few filling mistakes (for notebook 06 and as a model).
EXAMPLE = package_file("governance", "inventaris-contoh.csv")

_BOOL_COLUMNS = ("verified", "emblem_photo", "two_factor", "assignment_letter")
_INT_COLUMNS = ("admins", "followers")
_OPTIONAL_REPORTED = (
    "unit",
    "display_name",
    "verified",
    "account_type",
    "emblem_photo",
    "two_factor",
    "password_changed_at",
    "admins",
    "assignment_letter",
)
#: Headers of a row-number column: not data, not reported as unknown.
_ROW_NUMBERS = {"no", "nomor", "#", "num", "number", "urut", "nourut"}
_PROBLEM_COLUMNS = ["file", "sheet", "row", "column", "value", "problem"]


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


def inventory_columns(lang: str | None = None) -> pd.DataFrame:
    """The inventory headers :func:`read_inventory` understands, per canonical column.

    Examples
    --------
    >>> cols = inventory_columns()
    >>> "Verifikasi Dua Langkah" in cols.set_index("column").loc["two_factor", "headers"]
    True
    """
    rows: dict[str, list[str]] = {}
    for rec in _data_csv("inventory_columns.csv"):
        rows.setdefault(rec["column"].strip(), []).append(rec["alias"].strip())
    required = {"platform", "handle"}
    return pd.DataFrame(
        {
            "column": list(rows),
            "required": [t("common.yes" if c in required else "common.no", lang) for c in rows],
            "headers": [", ".join(v) for v in rows.values()],
        }
    ).astype("str")


@dataclass
class Inventory:
    """An account inventory read from a file: the sound rows and every problem found.

    Attributes
    ----------
    path : str
        The file read.
    table : DataFrame
        The canonical ``accounts`` table of the sound rows, plus ``unit_code``,
        ``admin_names``, ``notes``, ``assignment_letter_ref`` when given and
        ``source_row`` (the row number in the spreadsheet).
    problems : DataFrame
        One row per problem: ``file``, ``sheet``, ``row`` (NA for a whole column),
        ``column`` (the header as written), ``value``, ``problem`` (one sentence).
    rows_in_file : int
        Non-empty data rows found.

    ``table, problems = read_inventory(path)`` unpacks the two tables.
    """

    path: str
    table: pd.DataFrame
    problems: pd.DataFrame
    rows_in_file: int
    skipped_rows: list[int] = field(default_factory=list)

    def __iter__(self):
        yield self.table
        yield self.problems

    @property
    def skipped(self) -> int:
        """Rows of the file that were not loaded."""
        return self.rows_in_file - len(self.table)

    def __repr__(self) -> str:
        return (
            f"Inventory(path={self.path!r}, rows_in_file={self.rows_in_file}, "
            f"loaded={len(self.table)}, problems={len(self.problems)})"
        )


# ---------------------------------------------------------------------------------------
# Reading the raw cells
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# read_inventory
# ---------------------------------------------------------------------------------------


def read_inventory(path: str | Path, *, lang: str | None = None) -> Inventory:
    """Read a team's account inventory (xlsx or CSV) into the canonical ``accounts`` table.

    Parameters
    ----------
    path : str or Path
        An ``.xlsx`` or ``.csv`` file; every sheet with a recognisable header row (within
        its first 15 rows) is read.
    lang : {"id", "en"}, optional
        Language of the problem sentences.

    Returns
    -------
    Inventory
        ``.table`` (sound rows) and ``.problems`` (one sentence per problem with file, row
        and column); unpack with ``table, problems = read_inventory(path)``.

    Raises
    ------
    DataNotFound
        The file does not exist.
    UnsupportedFile
        Not an xlsx/CSV file (an old ``.xls`` must be saved as ``.xlsx``).
    SchemaError
        No sheet has a header with the required columns (platform and handle).
    """
    path = Path(path)
    if not path.exists():
        raise DataNotFound(t("inventory.not_found", lang, file=str(path)))
    sheets = _read_sheets(path, lang)
    fname = path.name
    problems: list[dict[str, Any]] = []
    rows_out: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], str] = {}
    rows_in_file = 0
    skipped: list[int] = []
    found_header = False
    missing_required: list[str] = []

    def problem(sheet, row, column, value, key, **kw):
        where = _where(fname, sheet, row, column, lang)
        problems.append(
            {
                "file": fname,
                "sheet": sheet,
                "row": row,
                "column": column,
                "value": None if value is None else str(value),
                "problem": f"{where}: {t(key, lang, value=value, **kw)}",
            }
        )

    for sheet, raw in sheets.items():
        head = _find_header(raw)
        if head is None:
            continue
        hrow, mapping = head
        have = set(mapping.values())
        need = [c for c in ("platform", "handle") if c not in have]
        if need:
            missing_required.extend(need)
            continue
        found_header = True
        headers = {col: str(raw.iat[hrow, c]).strip() for c, col in mapping.items()}
        for c, v in enumerate(raw.iloc[hrow].tolist()):
            if not _blank(v) and c not in mapping and _norm_header(v) not in _ROW_NUMBERS:
                problem(sheet, None, str(v).strip(), None, "inventory.unknown_column")
        for col in _OPTIONAL_REPORTED:
            if col not in have:
                problem(
                    sheet,
                    None,
                    _first_alias(col),
                    None,
                    "inventory.missing_column",
                    what=t(f"inventory.what.{col}", lang),
                )
        for r in range(hrow + 1, len(raw)):
            cells = {col: raw.iat[r, c] for c, col in mapping.items()}
            if all(_blank(v) for v in raw.iloc[r].tolist()):
                continue
            rows_in_file += 1
            rownum = r + 1
            rec, ok = _read_row(cells, headers, sheet, rownum, problem, lang)
            if not ok:
                skipped.append(rownum)
                continue
            key = (rec["platform"], rec["handle"].casefold())
            if key in seen:
                problem(
                    sheet,
                    rownum,
                    headers["handle"],
                    rec["handle"],
                    "inventory.duplicate_handle",
                    first=seen[key],
                )
                skipped.append(rownum)
                continue
            seen[key] = _where_row(sheet, rownum, lang)
            rec["source_row"] = rownum
            if sheet and len(sheets) > 1:
                rec["source_sheet"] = sheet
            rows_out.append(rec)
    if not found_header:
        need = sorted(set(missing_required)) or ["platform", "handle"]
        accepted = inventory_columns(lang).set_index("column")
        raise SchemaError(
            t(
                "inventory.no_header",
                lang,
                file=fname,
                columns="; ".join(f"{c} ({accepted.loc[c, 'headers']})" for c in need),
            )
        )
    table = _to_table(rows_out, lang)
    probs = pd.DataFrame(problems, columns=_PROBLEM_COLUMNS)
    probs = probs.astype(
        {"file": "str", "sheet": "str", "column": "str", "value": "str", "problem": "str"}
    )
    probs["row"] = probs["row"].astype("Int64")
    return Inventory(
        path=str(path), table=table, problems=probs, rows_in_file=rows_in_file, skipped_rows=skipped
    )


def _where(fname: str, sheet: str, row: int | None, column: str | None, lang: str | None) -> str:
    parts = [fname]
    if sheet:
        parts.append(t("inventory.sheet", lang, sheet=sheet))
    if row is not None:
        parts.append(t("inventory.row", lang, row=row))
    if column:
        parts.append(t("inventory.column", lang, column=column))
    return ", ".join(parts)


def _where_row(sheet: str, row: int, lang: str | None) -> str:
    text = t("inventory.row", lang, row=row)
    return f"{t('inventory.sheet', lang, sheet=sheet)}, {text}" if sheet else text


def _read_row(
    cells: dict[str, Any], headers: dict[str, str], sheet: str, row: int, problem, lang: str | None
) -> tuple[dict[str, Any], bool]:
    rec: dict[str, Any] = {}
    # handle (may carry the platform as a profile link)
    hv = cells.get("handle")
    handle, link_platform = (None, None) if _blank(hv) else _parse_handle(hv)
    pv = cells.get("platform")
    plat = None if _blank(pv) else _platform(pv)
    if _blank(pv) and link_platform:
        plat = link_platform
    if plat is None:
        if _blank(pv):
            problem(sheet, row, headers["platform"], None, "inventory.no_platform")
        else:
            problem(
                sheet,
                row,
                headers["platform"],
                str(pv).strip(),
                "inventory.unknown_platform",
                known=", ".join(schema.PLATFORMS),
            )
        return rec, False
    if handle is None:
        if _blank(hv):
            problem(sheet, row, headers["handle"], None, "inventory.no_handle")
        else:
            problem(sheet, row, headers["handle"], str(hv).strip(), "inventory.bad_handle")
        return rec, False
    rec["platform"], rec["handle"] = plat, handle
    for col in (
        "institution",
        "unit",
        "unit_code",
        "display_name",
        "account_type",
        "admin_names",
        "notes",
        "account",
    ):
        v = cells.get(col)
        rec[col] = None if _blank(v) else " ".join(str(v).split())
    for col in _BOOL_COLUMNS:
        if col not in cells:
            continue
        v = cells[col]
        value, understood = _parse_bool(v)
        if not understood and col == "assignment_letter" and re.search(r"\d", str(v)):
            value, understood = True, True  # the letter's number: there is a letter
            rec["assignment_letter_ref"] = str(v).strip()
        if not understood:
            problem(sheet, row, headers[col], str(v).strip(), "inventory.bad_bool")
        rec[col] = value
    if "password_changed_at" in cells:
        v = cells["password_changed_at"]
        if _blank(v) or str(v).strip().lower() in _UNKNOWN:
            rec["password_changed_at"] = None
        else:
            d = _parse_date(v)
            if d is None:
                problem(
                    sheet, row, headers["password_changed_at"], str(v).strip(), "inventory.bad_date"
                )
            elif d > pd.Timestamp.today().normalize() + pd.Timedelta(days=1):
                problem(
                    sheet,
                    row,
                    headers["password_changed_at"],
                    str(d.date()),
                    "inventory.future_date",
                )
                d = None
            rec["password_changed_at"] = d
    for col in _INT_COLUMNS:
        if col not in cells:
            continue
        v = cells[col]
        if _blank(v) or str(v).strip().lower() in _UNKNOWN:
            rec[col] = None
            continue
        n = _parse_int(v)
        if n is None or n < 0:
            problem(sheet, row, headers[col], str(v).strip(), "inventory.bad_int")
        rec[col] = n
    return rec, True


def _to_table(rows: list[dict[str, Any]], lang: str | None) -> pd.DataFrame:
    extras = ["unit_code", "admin_names", "notes", "assignment_letter_ref", "source_sheet"]
    cols = schema.columns("accounts")
    if not rows:
        out = schema.empty("accounts")
        out["source_row"] = pd.Series([], dtype="Int64")
        return out
    df = pd.DataFrame(rows)
    keep = [c for c in cols if c in df.columns]
    out = df[keep].copy()
    for c in ("institution", "unit", "display_name"):
        if c not in out:
            out[c] = None
    for c in _BOOL_COLUMNS:
        if c in out:
            out[c] = out[c].astype("boolean")
    out = schema.validate(out, "accounts", lang=lang)
    for c in extras:
        if c in df.columns and df[c].notna().any():
            out[c] = df[c].astype("str")
    out["source_row"] = df["source_row"].astype("Int64")
    return out


# ---------------------------------------------------------------------------------------
# Writing the findings, reading the checklist and rules back
# ---------------------------------------------------------------------------------------

_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(names: list[str]) -> list[str]:
    out: list[str] = []
    used: set[str] = set()
    for name in names:
        base = _BAD_SHEET.sub("-", str(name)).strip().strip("'") or "unit"
        cand = base[:31]
        n = 2
        while cand.casefold() in used:
            suffix = f" ({n})"
            cand = base[: 31 - len(suffix)] + suffix
            n += 1
        used.add(cand.casefold())
        out.append(cand)
    return out


def write_findings(
    audit: pd.DataFrame,
    path: str | Path,
    *,
    checklist: pd.DataFrame | None = None,
    problems: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Path:
    """Write the audit as an xlsx: a summary sheet, then one sheet of findings per unit.

    Each unit's sheet lists its accounts' failed checks with the reason (worst first), so
    it can be sent to that unit's admins as it is. Optional sheets: the security
    ``checklist`` (to tick and return, see :func:`read_checklist`) and the inventory's
    ``problems``. Every cell passes :func:`humaskit.io.safe.write_xlsx` (formulas
    neutralised).

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib, openpyxl
    >>> from humaskit import governance
    >>> acc = pd.DataFrame({"unit": ["Dinas A", "Dinas B"], "platform": "x",
    ...     "handle": ["a1", "b1"], "display_name": ["Dinas A", "=Dinas B"],
    ...     "two_factor": [False, True]})
    >>> audit = governance.audit_accounts(acc, today="2025-01-01", lang="en")
    >>> out = write_findings(audit, pathlib.Path(tempfile.mkdtemp()) / "temuan.xlsx", lang="en")
    >>> openpyxl.load_workbook(out).sheetnames
    ['Summary', 'Dinas A', 'Dinas B']
    """
    from .. import governance as gov

    sheets: dict[str, pd.DataFrame] = {}
    scores = gov.unit_scores(audit, lang=lang)
    sheets[t("inventory.sheet_summary", lang)] = gov.for_display(scores, lang=lang)
    per_unit = gov.findings_by_unit(audit, lang=lang)
    names = _sheet_names(list(per_unit))
    for sheet, (_unit, f) in zip(names, per_unit.items(), strict=True):
        view = f.drop(columns=[c for c in ("institution", "check", "weight") if c in f.columns])
        if view.empty:
            view = pd.DataFrame({"reason": [t("inventory.no_findings", lang)]})
        sheets[sheet] = gov.for_display(view, lang=lang)
    if checklist is not None:
        cl = checklist.copy()
        if "last_review" in cl:
            cl["last_review"] = cl["last_review"].dt.strftime("%Y-%m-%d").astype("str")
        sheets[t("inventory.sheet_checklist", lang)] = gov.for_display(cl, lang=lang)
    if problems is not None and len(problems):
        sheets[t("inventory.sheet_problems", lang)] = problems[["row", "column", "problem"]]
    return write_xlsx({k: _blank_text(v) for k, v in sheets.items()}, path)


def _blank_text(df: pd.DataFrame) -> pd.DataFrame:
    """Empty text cells as "" (an all-empty text column trips the width estimate)."""
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_string_dtype(out[c].dtype) or out[c].dtype == object:
            out[c] = out[c].fillna("")
    return out


_TEMPLATE_HEADERS = {
    "id": [
        "Nama Instansi",
        "Nama Unit",
        "Kode Unit",
        "Platform",
        "Nama Akun",
        "Username",
        "Terverifikasi",
        "Jenis Akun",
        "Foto Profil Lambang",
        "Verifikasi Dua Langkah",
        "Tanggal Ganti Kata Sandi",
        "Jumlah Admin",
        "Nama Admin",
        "Surat Tugas",
        "Pengikut",
        "Keterangan",
    ],
    "en": [
        "Institution",
        "Unit Name",
        "Unit Code",
        "Platform",
        "Display Name",
        "Username",
        "Verified",
        "Account Type",
        "Emblem Photo",
        "2FA",
        "Password Changed",
        "Admins",
        "Admin Names",
        "Assignment Letter",
        "Followers",
        "Notes",
    ],
}


def write_template(path: str | Path, *, lang: str | None = None) -> Path:
    """Write an empty inventory workbook with the headers :func:`read_inventory` knows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = write_template(pathlib.Path(tempfile.mkdtemp()) / "inventaris.xlsx", lang="id")
    >>> read_inventory(out).rows_in_file
    0
    """
    from ..i18n import resolve

    headers = _TEMPLATE_HEADERS[resolve(lang)]
    return write_xlsx({t("inventory.sheet_inventory", lang): pd.DataFrame(columns=headers)}, path)


def _checklist_headers() -> dict[str, str]:
    from ..i18n import LANGUAGES

    out = {}
    for col in ("key", "done", "last_review"):
        out[_norm_header(col)] = col
        for lg in LANGUAGES:
            out[_norm_header(t(f"governance.col.{col}", lg))] = col
    return out


def read_checklist(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read a ticked security checklist back (xlsx or CSV with ``key``, ``done``, ``last_review``).

    The checklist sheet written by :func:`write_findings` can be filled in and read back
    as it is (Indonesian or English headers). Returns a table for
    :func:`humaskit.governance.security_checklist` (``reviewed=``).

    Raises
    ------
    DataNotFound, UnsupportedFile, SchemaError
        Missing file, unknown type, or no ``key`` column.
    """
    path = Path(path)
    if not path.exists():
        raise DataNotFound(t("inventory.not_found", lang, file=str(path)))
    sheets = _read_sheets(path, lang)
    headers = _checklist_headers()
    for raw in sheets.values():
        for r in range(min(len(raw), 10)):
            mapping = {
                c: headers[_norm_header(v)]
                for c, v in enumerate(raw.iloc[r].tolist())
                if not _blank(v) and _norm_header(v) in headers
            }
            if "key" in mapping.values():
                body = raw.iloc[r + 1 :, list(mapping)]
                body.columns = list(mapping.values())
                body = body[body["key"].map(lambda v: not _blank(v))]
                out = pd.DataFrame({"key": body["key"].astype("str").str.strip()})
                out["done"] = body["done"].to_numpy() if "done" in body else None
                if "last_review" in body:
                    days = []
                    for i, v in zip(body.index, body["last_review"], strict=True):
                        d = None if _blank(v) else _parse_date(v)
                        if d is None and not _blank(v):
                            raise ParameterError(
                                t(
                                    "governance.bad_review_date",
                                    lang,
                                    item=body.at[i, "key"],
                                    value=v,
                                )
                            )
                        days.append(d)
                    out["last_review"] = pd.Series(days, index=out.index, dtype="datetime64[us]")
                else:
                    out["last_review"] = pd.NaT
                return out.reset_index(drop=True)
    raise SchemaError(t("inventory.no_checklist", lang, file=path.name))


def read_rules(path: str | Path, *, lang: str | None = None) -> dict[str, Any]:
    """Read a rules file: a CSV ``key,value[,description]`` (``#`` lines are comments) or JSON.

    Returns a dict for ``humaskit.governance.audit_accounts(rules=...)``. Pattern keys may
    be per platform: ``display_pattern.instagram``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "aturan.csv"
    >>> _ = p.write_text("# aturan kami\\nkey,value\\nmin_admins,3\\n"
    ...                  "handle_pattern.x,{prefix}{unit}\\nprefix,kotacontoh\\n", encoding="utf-8")
    >>> read_rules(p)
    {'min_admins': '3', 'handle_pattern': {'x': '{prefix}{unit}'}, 'prefix': 'kotacontoh'}
    """
    path = Path(path)
    if not path.exists():
        raise DataNotFound(t("inventory.not_found", lang, file=str(path)))
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DamagedFile(t("inventory.damaged", lang, file=path.name, error=exc)) from None
        if not isinstance(data, dict):
            raise SchemaError(t("inventory.bad_rules", lang, file=path.name))
        return data
    if path.suffix.lower() not in (".csv", ".txt"):
        raise UnsupportedFile(
            t("inventory.unsupported", lang, file=path.name, suffix=path.suffix.lower())
        )
    text = path.read_text(encoding="utf-8-sig")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.reader(lines)
    out: dict[str, Any] = {}
    for n, rec in enumerate(reader):
        if not rec or (n == 0 and rec[0].strip().lower() in ("key", "kunci", "aturan")):
            continue
        if len(rec) < 2:
            raise SchemaError(
                t("inventory.bad_rules_line", lang, file=path.name, line=",".join(rec))
            )
        key, value = rec[0].strip(), rec[1].strip()
        if "." in key:
            base, plat = key.split(".", 1)
            out.setdefault(base, {})
            if isinstance(out[base], dict):
                out[base][plat.strip().lower()] = value
            continue
        out[key] = value
    return out


# ---------------------------------------------------------------------------------------
# The inputs of the audit-akun playbook
# ---------------------------------------------------------------------------------------


@dataclass
class AuditInputs:
    """Everything the ``audit-akun`` playbook reads from files, checked and ready.

    Attributes
    ----------
    accounts : DataFrame
        The inventory (from the ``inventaris`` file, else the data's ``accounts`` table).
    problems : DataFrame
        Problems found in the inventory file (empty for the sample data).
    rules : dict
        The rules file, with the limits and patterns given as parameters on top.
    reviewed : DataFrame or None
        The ticked security checklist, when one was given.
    centre : str or None
        The central account for the shared agenda (given, or guessed from the data).
    source : str
        Where the inventory came from (a file name or ``"contoh"``).
    """

    accounts: pd.DataFrame
    problems: pd.DataFrame
    rules: dict[str, Any]
    reviewed: pd.DataFrame | None
    centre: str | None
    source: str

    def problem_lines(self, lang: str | None = None, limit: int = 50) -> list[str]:
        """The inventory problems as sentences (or one sentence saying there are none)."""
        if self.problems.empty:
            return [t("inventory.no_problems", lang, file=self.source)]
        lines = self.problems["problem"].astype(str).tolist()
        if len(lines) > limit:
            lines = lines[:limit] + [t("common.and_more", lang, n=len(lines) - limit)]
        return lines


#: Playbook parameter -> rule key (limits and patterns given directly in the playbook).
PLAYBOOK_RULES = {
    "pola_nama": "display_pattern",
    "pola_handle": "handle_pattern",
    "maks_umur_sandi_hari": "password_max_age_days",
    "tidak_aktif_hari": "abandoned_after_days",
    "min_admin": "min_admins",
}


def audit_inputs(params: Any, *, lang: str | None = None) -> AuditInputs:
    """Read the files the ``audit-akun`` playbook's parameters name.

    ``params`` is the :class:`humaskit.playbooks.Params` of the run (or any object with a
    ``values`` dict and a ``ws`` workspace). ``inventaris`` empty or ``"contoh"`` uses the
    workspace's accounts table; ``aturan`` is read with :func:`read_rules` and the limits
    and patterns given as parameters (:data:`PLAYBOOK_RULES`) are put on top (an empty
    pattern keeps the file's); ``berkas_periksa`` is read with :func:`read_checklist`.

    Raises
    ------
    ParameterError
        No inventory at all (no file and no accounts in the data).
    """
    from .. import governance as gov

    values = dict(getattr(params, "values", {}) or {})
    ws = getattr(params, "ws", None)
    inv_file = str(values.get("inventaris", "") or "").strip()
    if inv_file and inv_file != "contoh":
        got = read_inventory(inv_file, lang=lang)
        accounts, problems, source = got.table, got.problems, Path(inv_file).name
    else:
        accounts = ws.accounts if ws is not None else schema.empty("accounts")
        problems = pd.DataFrame(columns=_PROBLEM_COLUMNS).astype("str")
        source = "contoh"
    if accounts is None or accounts.empty:
        raise ParameterError(t("inventory.no_inventory", lang))
    rules_file = str(values.get("aturan", "") or "").strip()
    rules: dict[str, Any] = read_rules(rules_file, lang=lang) if rules_file else {}
    for param, key in PLAYBOOK_RULES.items():
        if param in values:
            v = values[param]
            if isinstance(v, str) and not v.strip():
                continue
            rules[key] = v
    gov.resolve_rules(rules, lang=lang)  # fail early, naming the rule
    check_file = str(values.get("berkas_periksa", "") or "").strip()
    reviewed = read_checklist(check_file, lang=lang) if check_file else None
    centre = str(values.get("akun_pusat", "") or "").strip().lstrip("@") or None
    posts = ws.posts if ws is not None else None
    if centre is None:
        centre = gov.central_account(accounts, posts)
    return AuditInputs(
        accounts=accounts,
        problems=problems,
        rules=rules,
        reviewed=reviewed,
        centre=centre,
        source=source,
    )
