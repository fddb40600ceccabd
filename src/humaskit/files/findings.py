"""The audit findings workbook sent back to the units, and the empty inventory template.

:func:`write_findings` writes an audit (:func:`humaskit.governance.audit_accounts`) as an
xlsx with a summary sheet and one sheet per unit, to send to each unit's admins (the security
checklist sheet can be ticked and read back with
:func:`humaskit.files.inventory.read_checklist`); :func:`write_template` writes an empty
inventory with the headers :func:`humaskit.files.inventory.read_inventory` knows. Both are
also reachable as ``humaskit.files.inventory.write_findings`` / ``write_template``. Every
cell passes :func:`humaskit.files.safe.write_xlsx` (formulas neutralised).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .. import governance as gov
from ..i18n import t
from .safe import short_sheet_names, write_xlsx

__all__ = ["write_findings", "write_template"]


_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(names: list[str]) -> list[str]:
    """The sheet names the units get (long names cut at a word, see
    :func:`humaskit.files.safe.short_sheet_names`)."""
    return short_sheet_names(_full_names(names))


def _full_names(names: list[str]) -> list[str]:
    """Distinct, valid names for the units' sheets, as long as they are."""
    out: list[str] = []
    used: set[str] = set()
    for name in names:
        base = _BAD_SHEET.sub("-", str(name)).strip().strip("'") or "unit"
        cand = base
        n = 2
        while cand.casefold() in used:
            cand = f"{base} ({n})"
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
    ``checklist`` (to tick and return, see :func:`humaskit.files.inventory.read_checklist`) and the inventory's
    ``problems``. Every cell passes :func:`humaskit.files.safe.write_xlsx` (formulas
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
    sheets: dict[str, pd.DataFrame] = {}
    scores = gov.unit_scores(audit, lang=lang)
    sheets[t("inventory.sheet_summary", lang)] = gov.for_display(scores, lang=lang)
    per_unit = gov.findings_by_unit(audit, lang=lang)
    names = _full_names(list(per_unit))  # write_xlsx shortens long ones, with a title row
    for sheet, (_unit, f) in zip(names, per_unit.items(), strict=True):
        view = f.drop(columns=[c for c in ("institution", "check", "weight") if c in f.columns])
        if view.empty:
            view = pd.DataFrame({"reason": [t("inventory.no_findings", lang)]})
        sheets[sheet] = gov.for_display(view, lang=lang)
    if checklist is not None:
        cl = checklist.copy()
        if "last_review" in cl and isinstance(cl["last_review"].dtype, pd.DatetimeTZDtype):
            cl["last_review"] = cl["last_review"].dt.tz_localize(None)
        sheets[t("inventory.sheet_checklist", lang)] = gov.for_display(cl, lang=lang)
    if problems is not None and len(problems):
        sheets[t("inventory.sheet_problems", lang)] = problems[["row", "column", "problem"]]
    return write_xlsx({k: _blank_text(v) for k, v in sheets.items()}, path, lang=lang)


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
    """Write an empty inventory workbook with the headers :func:`~humaskit.files.inventory.read_inventory` knows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from humaskit.files.inventory import read_inventory
    >>> out = write_template(pathlib.Path(tempfile.mkdtemp()) / "inventaris.xlsx", lang="id")
    >>> read_inventory(out).rows_in_file
    0
    """
    from ..i18n import resolve

    headers = _TEMPLATE_HEADERS[resolve(lang)]
    return write_xlsx({t("inventory.sheet_inventory", lang): pd.DataFrame(columns=headers)}, path)
