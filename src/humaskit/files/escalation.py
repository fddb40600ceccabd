"""Files of the complaint-handling SOP: the escalation list out, the routing table in.

Presentation layer (:mod:`humaskit.files`, the kit's own files); the overdue list and the
routing rules come from :mod:`humaskit.evaluation`.

- :func:`write_escalation` writes the overdue list (from
  :func:`humaskit.evaluation.overdue`) as an xlsx to send to the head of office: a sheet
  per unit with the oldest first, a summary sheet, and the rule used. Every waiting item
  carries a suggested reply from the reply bank
  (:func:`humaskit.evaluation.suggest_replies`); given the moderation queue
  (:func:`humaskit.evaluation.moderation_queue`) it adds a moderation sheet. Every text
  cell passes :func:`humaskit.files.safe.neutralize` (a comment starting with ``=`` cannot
  run as a formula) and the authors were already pseudonymised by ``overdue``.
- :func:`write_moderation` writes the moderation queue alone (the pantau-isu playbook):
  the rule, the count per category and the queue.
- :func:`read_routing` reads a team's own routing table (CSV or xlsx with ``keyword``,
  ``unit`` and optionally ``topic``; Indonesian headers ``kata kunci``, ``unit kerja``,
  ``topik`` accepted).

Examples
--------
>>> import tempfile, pathlib
>>> import pandas as pd
>>> p = pathlib.Path(tempfile.mkdtemp()) / "rute.csv"
>>> _ = p.write_text("kata kunci,unit kerja\\nlubang,Dinas PU\\n", encoding="utf-8")
>>> read_routing(p).values.tolist()
[['lubang', 'lubang', 'Dinas PU']]
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..errors import ParameterError
from ..fmt import fmt_value
from ..i18n import label, t
from .bundles import _canonical, read_table_file
from .safe import write_xlsx

__all__ = [
    "write_escalation",
    "write_moderation",
    "read_routing",
    "read_reply_bank",
    "read_contacts",
]

_SHEET_BAD = "[]:*?/\\"


def _sheet(name: str, used: set[str]) -> str:
    """A distinct sheet key; :func:`~humaskit.files.safe.write_xlsx` shortens a long one
    and writes the full name in a title row."""
    clean = "".join("_" if c in _SHEET_BAD else c for c in str(name)) or "unit"
    base, n = clean, 2
    while clean.lower() in used:
        clean = f"{base} ({n})"
        n += 1
    used.add(clean.lower())
    return clean


def write_escalation(
    late: pd.DataFrame,
    path: str | Path,
    *,
    summary: pd.DataFrame | None = None,
    moderation: pd.DataFrame | None = None,
    bank: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Path:
    """Write the escalation list (overdue mentions) as an xlsx, safely.

    Parameters
    ----------
    late : DataFrame
        :func:`humaskit.evaluation.overdue` (oldest first). Items without a
        ``suggested_reply`` get one from the reply bank.
    path : str or Path
        Where to write (``.xlsx``).
    summary : DataFrame, optional
        :func:`humaskit.evaluation.responsiveness` per unit, shown on the first sheet.
    moderation : DataFrame, optional
        :func:`humaskit.evaluation.moderation_queue`, written on its own sheet.
    bank, contacts : DataFrame, optional
        Your reply bank and service contacts (default: the shipped ones).

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> late = pd.DataFrame({"unit": ["BPBD"], "route_topic": ["banjir"],
    ...                      "request": ["complaint"], "text": ["=banjir lagi"]})
    >>> p = write_escalation(late, pathlib.Path(tempfile.mkdtemp()) / "e.xlsx")
    >>> from openpyxl import load_workbook
    >>> wb = load_workbook(p)
    >>> wb.sheetnames
    ['Aturan', 'Semua terlambat', 'BPBD']
    >>> [c.value[:20] for c in wb["BPBD"][2] if c.value and "112" in str(c.value)]
    ['Terima kasih laporan']
    """
    from ..evaluation import suggest_replies

    if "suggested_reply" not in late.columns:
        attrs = dict(late.attrs)
        late = suggest_replies(late, bank=bank, contacts=contacts, lang=lang)
        late.attrs.update(attrs)
    used: set[str] = set()
    sheets: dict[str, pd.DataFrame] = {}
    limit = late.attrs.get("limit_hours", 24)
    now = late.attrs.get("now", "")
    rule = pd.DataFrame(
        {
            label("rule", lang): [
                t("evaluation.xlsx_rule", lang, limit=fmt_value(limit, lang), now=now),
                t("evaluation.xlsx_privacy", lang),
                t("evaluation.xlsx_reply_rule", lang),
            ]
            + ([t("evaluation.xlsx_moderation_rule", lang)] if moderation is not None else [])
        }
    )
    sheets[_sheet(t("evaluation.xlsx_rule_sheet", lang), used)] = rule
    formats: dict[str, str] = {}
    if summary is not None and len(summary):
        view, f = _typed(summary, lang)
        formats |= f
        sheets[_sheet(t("evaluation.xlsx_summary_sheet", lang), used)] = _labelled(view, lang)
    view, f = _typed(late, lang)
    formats |= f
    sheets[_sheet(t("evaluation.xlsx_all_sheet", lang), used)] = _labelled(view, lang)
    if moderation is not None:
        mod, f = _typed(moderation, lang)
        formats |= f
        sheets[_sheet(t("evaluation.xlsx_moderation_sheet", lang), used)] = _labelled(mod, lang)
    if "unit" in view.columns:
        for unit, part in view.groupby("unit", sort=True, observed=True):  # unit names as given
            sheets[_sheet(str(unit), used)] = _labelled(part.drop(columns="unit"), lang)
    return write_xlsx(sheets, path, formats=formats, lang=lang)


def write_moderation(
    queue: pd.DataFrame,
    path: str | Path,
    *,
    summary: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Path:
    """Write the moderation queue as an xlsx, safely: the rule, the counts, the queue.

    Parameters
    ----------
    queue : DataFrame
        :func:`humaskit.evaluation.moderation_queue` (already share-safe).
    summary : DataFrame, optional
        :func:`humaskit.evaluation.moderation_summary`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> q = pd.DataFrame({"category": ["hoax"], "action": ["answer"], "text": ["+viralkan"]})
    >>> p = write_moderation(q, pathlib.Path(tempfile.mkdtemp()) / "m.xlsx", lang="en")
    >>> from openpyxl import load_workbook
    >>> [c.value for c in load_workbook(p)["Moderation"][2]]
    ['Hoax cue', 'answer with facts and a source', '+viralkan']
    """

    used: set[str] = set()
    sheets: dict[str, pd.DataFrame] = {}
    rule = pd.DataFrame({label("rule", lang): [
        t("evaluation.xlsx_moderation_rule", lang), t("evaluation.xlsx_privacy", lang)
    ]})  # fmt: skip
    sheets[_sheet(t("evaluation.xlsx_rule_sheet", lang), used)] = rule
    formats: dict[str, str] = {}
    if summary is not None and len(summary):
        view, formats = _typed(summary, lang)
        sheets[_sheet(t("evaluation.xlsx_moderation_summary_sheet", lang), used)] = _labelled(
            view, lang
        )
    view, f = _typed(queue, lang)
    sheets[_sheet(t("evaluation.xlsx_moderation_sheet", lang), used)] = _labelled(view, lang)
    return write_xlsx(sheets, path, formats=formats | f, lang=lang)


def read_reply_bank(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read a team's own reply bank (CSV or xlsx: ``topic``, ``intent``, ``reply``), checked.

    Indonesian headers ``topik``, ``jenis`` and ``jawaban`` are accepted; see
    :func:`humaskit.evaluation.reply_bank` for the rules.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bank.csv"
    >>> _ = p.write_text("topik,jenis,jawaban\\n*,*,Terima kasih Kak\\n", encoding="utf-8")
    >>> read_reply_bank(p).values.tolist()
    [['*', '*', 'Terima kasih Kak']]
    """
    from ..evaluation import reply_bank

    df = _read_text_table(path, lang)
    names = {"topik": "topic", "jenis": "intent", "maksud": "intent", "jawaban": "reply",
             "balasan": "reply"}  # fmt: skip
    df = df.rename(columns=lambda c: names.get(str(c).strip().lower(), str(c).strip().lower()))
    return reply_bank(df, lang=lang)


def read_contacts(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read a team's service contacts (CSV or xlsx: ``unit``, ``link``, ``hotline``), checked.

    Indonesian headers ``unit kerja``, ``tautan`` and ``nomor layanan`` are accepted; see
    :func:`humaskit.evaluation.reply_contacts`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "kontak.csv"
    >>> _ = p.write_text("unit kerja,tautan,nomor layanan\\nBPBD,https://bpbd.example.go.id,112\\n",
    ...                  encoding="utf-8")
    >>> read_contacts(p).set_index("unit").loc["BPBD", "hotline"]
    '112'
    """
    from ..evaluation import reply_contacts

    df = _read_text_table(path, lang)
    names = {"unit kerja": "unit", "tautan": "link", "nomor layanan": "hotline",
             "nomor": "hotline", "telepon": "hotline"}  # fmt: skip
    df = df.rename(columns=lambda c: names.get(str(c).strip().lower(), str(c).strip().lower()))
    return reply_contacts(df, lang=lang)


def _read_text_table(path: str | Path, lang: str | None) -> pd.DataFrame:
    """A CSV of free text (replies, links): split on the header's comma or semicolon, never
    sniffed from the text (a link's dots and colons are not separators)."""
    p = Path(path).expanduser()
    if p.suffix.lower() != ".csv" or not p.exists():
        return read_table_file(path, lang=lang)
    lines = [x for x in p.read_text(encoding="utf-8-sig").splitlines() if x.strip() and x[0] != "#"]
    head = lines[0] if lines else ""
    sep = ";" if ";" in head and "," not in head else "\t" if "\t" in head else ","
    try:
        # only whole comment lines are dropped: a "#" inside a link or reply stays
        return pd.read_csv(
            io.StringIO("\n".join(lines)), sep=sep, dtype="str", skipinitialspace=True
        )
    except Exception:  # noqa: BLE001 (the shared reader names the damaged file)
        return read_table_file(path, lang=lang)


#: Columns holding fractions (percentages in the workbook) and hours.
_PCT_SUFFIXES = ("_share", "_rate")
_HOURS = ("median_response_hours", "p90_response_hours", "age_hours")


def _typed(raw: pd.DataFrame, lang: str | None) -> tuple[pd.DataFrame, dict[str, str]]:
    """``raw`` for people (:func:`for_display`), numbers kept numbers: hours as hours,
    fractions as percentages, platforms by name; and the formats of those columns."""
    from ..report.evaluation import for_display

    view = for_display(raw, lang=lang)
    formats: dict[str, str] = {}
    for c in view.columns:
        name = str(c)
        if name in _HOURS and name in raw.columns:
            view[c] = pd.to_numeric(raw[c], errors="coerce").to_numpy()
            formats[label(name, lang)] = "hours"
        elif name.endswith(_PCT_SUFFIXES) and pd.api.types.is_numeric_dtype(view[c].dtype):
            formats[label(name, lang)] = "pct"
    if "platform" in view.columns:
        view["platform"] = view["platform"].map(
            lambda v: label(v, lang) if isinstance(v, str) and v else v
        )
    return view, formats


def _labelled(df: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    out = df.reset_index(drop=True).copy()
    out.columns = [label(str(c), lang) for c in out.columns]
    return out


def read_routing(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read a routing table file into ``keyword, topic, unit`` (checked).

    Raises
    ------
    ParameterError
        The file lacks a keyword or unit column (naming the file).
    """
    from ..evaluation import routing_table

    df = _canonical(read_table_file(path, lang=lang), ("keyword", "topic", "unit"))
    for col in ("keyword", "unit"):
        if col not in df.columns:
            raise ParameterError(
                t("evaluation.routing_column", lang, file=Path(path).name, column=col)
            )
    if "topic" not in df.columns:
        df["topic"] = df["keyword"]
    return routing_table(
        df[["keyword", "topic", "unit"]].dropna(subset=["keyword", "unit"]), lang=lang
    )
