"""Reading and writing the partner register workbook (xlsx).

The workbook has two sheets:

``influencer``
    one row per account: handle, platform, name, role, followers, topics, region,
    relation, person_id (optional), notes (optional).
``kolaborasi``
    the collaboration log: date, handle, platform, campaign, post_id, reward, cost,
    notes (optional).

English sheet names (``influencers``, ``collaborations``) and Indonesian column headers
(``nama``, ``peran``, ``pengikut``, ``tanggal``, ``hadiah``, ``biaya``...; see
``humaskit/data/influencers/aliases.csv``) are accepted. Fully empty rows are skipped.
An unknown column, a bad value, a handle on two rows of one platform or a collaboration
with an unknown handle stops the reading with one sentence naming the file, the sheet,
the spreadsheet row (as Excel numbers it: the header is row 1) and the column.

:func:`write_register` writes the same two sheets and any extra sheets (results, new
candidates) through :func:`humaskit.files.safe.write_xlsx`, so no cell can run as a
formula: headers and coded values (role, relation, platform, status...) in the chosen
language, numbers and dates typed. Reading a file written by humaskit (in either
language, or with the canonical codes of older versions) gives back the same register.

Examples
--------
>>> import tempfile, pandas as pd
>>> from pathlib import Path
>>> from humaskit import influencers
>>> reg = influencers.register(pd.DataFrame({"handle": ["budi"], "platform": ["x"],
...     "name": ["Budi"], "role": ["citizen_journalist"]}))
>>> path = write_register(reg, Path(tempfile.mkdtemp()) / "register.xlsx")
>>> read_register(path).influencers["role"].tolist()
['citizen_journalist']
>>> import openpyxl
>>> [c.value for c in openpyxl.load_workbook(path)["influencer"][2]][:4]
['budi', 'X (Twitter)', 'Budi', 'jurnalis warga']
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..errors import DamagedFile, DataNotFound, SchemaError, UnsupportedFile
from ..i18n import LANGUAGES, label, resolve, t
from .safe import write_xlsx

__all__ = ["read_register", "write_register", "load_register", "SHEETS"]

#: Sheet names humaskit writes, and the names it also accepts when reading.
SHEETS = {
    "influencers": ("influencer", "influencers", "register", "mitra"),
    "collaborations": ("kolaborasi", "collaborations", "collaboration", "log"),
}


def _find_sheet(names: list[str], table: str) -> str | None:
    wanted = SHEETS[table]
    for name in names:
        if str(name).strip().lower() in wanted:
            return name
    return None


def _unneutralize(df: pd.DataFrame) -> pd.DataFrame:
    """Undo the apostrophe :func:`humaskit.files.safe.neutralize` put before = + - @."""
    out = df.copy()
    for c in out.columns:
        s = out[c]
        if pd.api.types.is_string_dtype(s.dtype) or s.dtype == object:
            txt = s.astype("str")
            mask = txt.str.match(r"^'[=+\-@\t\r]").fillna(False).astype(bool)
            if mask.any():
                out[c] = txt.where(~mask, txt.str.slice(1))
    return out


def _read_sheet(path: Path, sheet: str, table: str, lang: str | None) -> pd.DataFrame:
    from ..influencers.registry import canonical_columns

    df = pd.read_excel(path, sheet_name=sheet, dtype="str")
    df.columns = [str(c).strip() for c in df.columns]
    df = df.loc[:, [c for c in df.columns if not c.lower().startswith("unnamed:")] or df.columns]
    df.index = range(2, len(df) + 2)  # spreadsheet row numbers (header is row 1)
    df = df.dropna(how="all")
    df = _unneutralize(df)
    canon = canonical_columns(df, table)
    if "platform" in canon.columns:  # "X (Twitter)" as the kit writes it -> "x"
        names = {label(p, lg).lower(): p for p in schema.PLATFORMS for lg in LANGUAGES}
        canon["platform"] = canon["platform"].map(
            lambda v: names.get(v, v) if isinstance(v, str) else v
        )
    known = set(schema.columns(table)) | {"notes"}
    unknown = [c for c in canon.columns if c not in known]
    if unknown:
        raise SchemaError(
            t(
                "io_register.unknown_column",
                lang,
                file=path.name,
                sheet=sheet,
                column=unknown[0],
                expected=", ".join(schema.columns(table)),
            )
        )
    return canon


def read_register(path: str | Path, *, lang: str | None = None):
    """Read a register workbook into a checked :class:`humaskit.influencers.Register`.

    Parameters
    ----------
    path : str or Path
        The xlsx file.
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    Register
        ``influencers`` and ``collaborations`` as :func:`humaskit.influencers.register`
        returns them (an absent collaboration sheet gives an empty log).

    Raises
    ------
    DataNotFound
        The file does not exist.
    UnsupportedFile
        Not an xlsx workbook, or no influencer sheet.
    DamagedFile
        The workbook cannot be opened.
    SchemaError
        A bad column or value, naming file, sheet, row and column.
    """
    from ..influencers.registry import register

    path = Path(path)
    if not path.exists():
        raise DataNotFound(t("io_register.not_found", lang, file=str(path)))
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UnsupportedFile(t("io_register.not_xlsx", lang, file=path.name))
    try:
        names = pd.ExcelFile(path, engine="openpyxl").sheet_names
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        raise DamagedFile(t("io_register.damaged", lang, file=path.name)) from exc
    inf_sheet = _find_sheet(names, "influencers")
    if inf_sheet is None:
        raise UnsupportedFile(
            t(
                "io_register.no_sheet",
                lang,
                file=path.name,
                found=", ".join(map(str, names)),
                expected=", ".join(SHEETS["influencers"]),
            )
        )
    col_sheet = _find_sheet(names, "collaborations")
    current = inf_sheet
    try:
        inf = _read_sheet(path, inf_sheet, "influencers", lang)
        col = None
        if col_sheet is not None:
            current = col_sheet
            col = _read_sheet(path, col_sheet, "collaborations", lang)
        current = None
        return register(inf, col, lang=lang)
    except SchemaError as exc:
        msg = str(exc)
        if msg.startswith(path.name):
            raise
        low = msg.lower()
        sheet = current or (
            col_sheet
            if ("collaboration" in low or "kolaborasi" in low) and col_sheet
            else inf_sheet
        )
        raise SchemaError(
            t("io_register.where", lang, file=path.name, sheet=sheet, message=msg)
        ) from None


def load_register(path: str | Path | None, *, workspace: Any = None, lang: str | None = None):
    """The register from ``path``, or from ``workspace`` when ``path`` is empty.

    Made for playbooks: ``register: str = ""`` means "the register that came with the
    data" (the sample institution's with ``data = "contoh"``); a register with no rows
    is allowed (every opinion leader is then a new candidate).

    Examples
    --------
    >>> from humaskit import samples
    >>> load_register("", workspace=samples.workspace()).influencers["person_id"].notna().all()
    np.True_
    """
    from ..influencers.registry import register

    if path not in (None, "") and str(path).strip() not in ("", "contoh"):
        return read_register(path, lang=lang)
    if workspace is None:
        return register(schema.empty("influencers"), schema.empty("collaborations"), lang=lang)
    return register(workspace.influencers, workspace.collaborations, lang=lang)


#: Coded values of the register and its result sheets, and the label prefix of each.
_CODED = {
    "role": "role_",
    "relation": "relation_",
    "status": "status_",
    "priority": "priority_",
    "platform": "",
}
#: Columns of the result sheets holding fractions (shown as percentages).
_PCT = ("new_accounts", "low_followers", "coverage", "similarity", "share")


def _for_people(df: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """A sheet as people read it: coded values and headers translated, times local."""
    out = df.reset_index(drop=True).copy()
    formats: dict[str, str] = {}
    for col, prefix in _CODED.items():
        if col in out.columns:
            out[col] = out[col].map(
                lambda v, p=prefix: label(f"{p}{v}", lang) if isinstance(v, str) and v else v
            )
    if "found_in" in out.columns:
        out["found_in"] = out["found_in"].map(
            lambda v: t(
                f"influencers.found_{v}" if isinstance(v, str) else "influencers.found_none", lang
            )
        )
    if "reach_basis" in out.columns:
        out["reach_basis"] = out["reach_basis"].map(
            lambda v: label(v, lang) if isinstance(v, str) and v else v
        )
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            out[col] = s.dt.tz_convert("Asia/Jakarta").dt.tz_localize(None)
        elif s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            if s.map(lambda v: isinstance(v, (list, tuple, set))).any():
                out[col] = s.map(
                    lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v
                )
        if str(col) in _PCT or str(col).endswith("_share"):
            formats[label(str(col), lang)] = "pct"
        elif str(col) in ("pagerank", "weight") or str(col).endswith("_score"):
            formats[label(str(col), lang)] = "decimal4" if str(col) == "pagerank" else "decimal"
    out.columns = [label(str(c), lang) for c in out.columns]
    return out, formats


def write_register(
    reg: Any,
    path: str | Path,
    *,
    extra: dict[str, pd.DataFrame] | None = None,
    lang: str | None = None,
) -> Path:
    """Write a register (and optional extra sheets) to an xlsx workbook, safely.

    Parameters
    ----------
    reg : Register or tuple (influencers, collaborations)
        The register to write; it is checked first.
    path : str or Path
        Where to write (folders are created).
    extra : dict of {sheet name: DataFrame}, optional
        More sheets, for example ``{"hasil": results, "kandidat": leaders}``; they are
        ignored when the file is read back. Underscores in their names become spaces.
    lang : {"id", "en"}, optional
        Language of headers and coded values (:func:`read_register` reads either back).

    Returns
    -------
    Path
        The file written.
    """
    from ..influencers.registry import Register, register

    lang = resolve(lang)
    if not isinstance(reg, Register):
        inf, col = reg
        reg = register(inf, col)
    inf = reg.influencers[
        [c for c in schema.columns("influencers") if c in reg.influencers.columns]
        + (["notes"] if "notes" in reg.influencers.columns else [])
    ]
    col = reg.collaborations[
        [c for c in schema.columns("collaborations") if c in reg.collaborations.columns]
        + (["notes"] if "notes" in reg.collaborations.columns else [])
    ]
    sheets = {SHEETS["influencers"][0]: inf, SHEETS["collaborations"][0]: col}
    for name, df in (extra or {}).items():
        name = str(name).replace("_", " ")
        if name.lower() in SHEETS["influencers"] + SHEETS["collaborations"]:
            name = f"{name} (2)"
        sheets[name] = df
    formats: dict[str, str] = {}
    shown: dict[str, pd.DataFrame] = {}
    for k, v in sheets.items():
        # An all-empty column is written as empty text.
        v = v.assign(**{c: "" for c in v.columns if len(v) and v[c].isna().all()})
        shown[k], f = _for_people(v, lang)
        formats.update(f)
    if "date" in col.columns:
        formats[label("date", lang)] = "date"
    return write_xlsx(shown, path, formats=formats, lang=lang)
