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
checklist back; :func:`read_rules` reads a rules file (``key,value`` CSV);
:func:`audit_inputs` reads every file the ``audit-akun`` playbook names.

The inventory's files live in three modules of :mod:`humaskit.files` (presentation layer;
they call :mod:`humaskit.governance`, never the other way round):

- ``files.inventory`` (this module): reading the inventory, checklist and rules; the
  playbook's inputs; re-exports the two writers below, so ``inventory.<name>`` reaches all.
- ``files.findings``: writing the findings workbook and the empty inventory template.
- ``files.inventory_cells``: the typed cells (headers, yes/no, dates, counts, handles).

A new accepted header or platform name is a row in ``data/governance/inventory_columns.csv``
or ``platform_aliases.csv``; a new kind of cell value is parsed in ``files.inventory_cells``.

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
from pathlib import Path
from typing import Any

import pandas as pd

from .. import governance as gov
from .. import schema
from ..errors import DamagedFile, DataNotFound, ParameterError, SchemaError, UnsupportedFile
from ..i18n import t
from ..paths import package_file
from .findings import write_findings, write_template
from .inventory_cells import (
    _UNKNOWN,
    _blank,
    _data_csv,
    _find_header,
    _first_alias,
    _norm_header,
    _parse_bool,
    _parse_date,
    _parse_handle,
    _parse_int,
    _platform,
    _read_sheets,
)

__all__ = [
    "EXAMPLE",
    "write_template",
    "AuditInputs",
    "accounts_in_data",
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
# Reading the checklist and rules back
# ---------------------------------------------------------------------------------------


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
    known = set(gov.default_rules())
    for n, rec in enumerate(reader):
        if not rec or (n == 0 and rec[0].strip().lower() in ("key", "kunci", "aturan")):
            continue
        while rec and not rec[-1].strip():
            rec = rec[:-1]
        if len(rec) > 3 or (n == 0 and rec and rec[0].strip() not in known and len(rec) > 2):
            # another table (comments, posts, an inventory) given as the rules file
            raise SchemaError(t("runs.not_rules", lang, file=path.name, line=",".join(rec)[:60]))
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
    provisional : bool
        True when there was no inventory and the accounts are those found in the data.
    """

    accounts: pd.DataFrame
    problems: pd.DataFrame
    rules: dict[str, Any]
    reviewed: pd.DataFrame | None
    centre: str | None
    source: str
    provisional: bool = False

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


def accounts_in_data(ws: Any) -> pd.DataFrame:
    """A provisional accounts table: the platform and account of every account in the data.

    Used when a team has no inventory yet; the security and admin columns stay empty.

    Examples
    --------
    >>> from humaskit import samples
    >>> acc = accounts_in_data(samples.workspace())
    >>> {"platform", "handle", "account"} <= set(acc.columns), len(acc) > 5
    (True, True)
    """
    pairs = [
        getattr(ws, k)[["platform", "account"]]
        for k in ("posts", "daily", "audience")
        if len(getattr(ws, k)) and {"platform", "account"} <= set(getattr(ws, k).columns)
    ]
    found = pd.concat(pairs).dropna().drop_duplicates() if pairs else None
    rows = [] if found is None else found.astype(str).sort_values(["platform", "account"])
    table = pd.DataFrame(
        {
            "platform": [] if found is None else rows["platform"].tolist(),
            "handle": [] if found is None else rows["account"].tolist(),
        }
    )
    table.insert(0, "unit", pd.Series(pd.NA, index=table.index, dtype="object"))
    table.insert(0, "institution", pd.Series(pd.NA, index=table.index, dtype="object"))
    table["display_name"] = table["handle"]
    table["account"] = table["handle"]
    return schema.validate(table, "accounts")


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
        A file that cannot be read (inventory, rules, checklist). With no inventory the
        accounts found in the data are audited (``provisional`` is then True).
    """
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
    provisional = False
    if (accounts is None or accounts.empty) and ws is not None:
        # no inventory yet: audit the accounts the data shows (a team's first run)
        accounts, source, provisional = accounts_in_data(ws), t("inventory.source_data", lang), True
    if accounts is None or (accounts.empty and not provisional):
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
    # fail early on a required platform humaskit does not know
    gov.missing_accounts(accounts, platforms=values.get("platform_wajib", ""), lang=lang)
    check_file = str(values.get("berkas_periksa", "") or "").strip()
    reviewed = read_checklist(check_file, lang=lang) if check_file else None
    centre = str(values.get("akun_pusat", "") or "").strip().lstrip("@") or None
    posts = ws.posts if ws is not None else None
    if centre is None:
        centre = gov.central_account(accounts, posts)
    else:
        _check_centre(centre, accounts, posts, lang)
    return AuditInputs(
        accounts=accounts,
        problems=problems,
        rules=rules,
        reviewed=reviewed,
        centre=centre,
        source=source,
        provisional=provisional,
    )


def _check_centre(centre: str, accounts: pd.DataFrame, posts: Any, lang: str | None) -> None:
    """Stop when ``akun_pusat`` names no account of the inventory nor of the posts.

    Without posts there is no agenda to follow, so nothing is checked.
    """
    if posts is None or not len(posts):
        return
    names: set[str] = set()
    for table, cols in ((accounts, ("handle", "account")), (posts, ("account",))):
        if table is None or not len(table):
            continue
        for c in cols:
            if c in table:
                names |= {str(v).strip().lstrip("@").casefold() for v in table[c].dropna()}
    if names and centre.casefold() not in names:
        shown = sorted(names)[:12]
        raise ParameterError(
            t(
                "runs.unknown_centre",
                lang,
                value=centre,
                known=", ".join(shown) + (" ..." if len(names) > 12 else ""),
            )
        )
