"""Run the parameterized report notebooks (playbooks) and check their parameters.

A playbook is a notebook in ``playbooks/`` with exactly one cell tagged ``parameters``
holding annotated literal assignments, each with a comment::

    periode: str = "terakhir"  # bulan laporan (YYYY-MM) atau "terakhir"

That cell is the playbook's documentation: :func:`parameters` reads it (names, types,
defaults, descriptions) and ``humaskit list`` prints it. The next cell calls
:func:`validate`, which checks every value *before* anything runs and stops with one plain
sentence when a value is wrong, unknown or missing. :func:`run` executes a playbook with
papermill and writes, into one folder, the executed notebook, an HTML report with the code
hidden and a JSON summary of the headline figures. A failed run leaves nothing behind that
looks like a finished report.

Numeric parameters must lie within the bounds of ``data/playbooks/limits.csv`` (e.g.
``jumlah_tokoh`` 1-100, ``target`` 0-300 per platform); date parameters (``mulai``,
``sampai``, ``tanggal_audit``, ``waktu_acuan``) must exist, and a window without data is a
stop naming the data's first and last day (:mod:`humaskit.limits`). ``--out`` is checked and
an interrupted run (SIGINT, SIGTERM) leaves nothing (:mod:`humaskit.files.runfolder`).

Parameters checked by name, in every playbook that has them:

``periode``  ``YYYY-MM`` (a month) or ``"terakhir"`` (the latest month in the data)
``data``     a folder of platform exports / canonical tables, a history store
             (:mod:`humaskit.store`: only the period and the two months before are read),
             ``"contoh"`` (samples), or ``""`` (no exports: for playbooks whose other
             inputs are enough)
``akun``     ``"semua"`` or account names separated by commas (checked against the data)
``bahasa``   ``"id"`` or ``"en"``
file parameters (``rencana``, ``publik``, ``hari_jadi``, ``register``, ``inventaris``,
``aturan``, ``bundel``, ``model_sentimen`` and any name ending in ``_file``/starting with
``berkas``): ``""`` (none) or ``"contoh"``, else the file must exist.
``model_sentimen``  a model saved by ``SentimentModel.save`` (the team's own labels,
             notebook 05); loaded into ``p.sentiment_model`` (None when empty).

Examples
--------
>>> from humaskit import playbooks
>>> spec = playbooks.parameters("evaluasi-bulanan")
>>> spec["periode"].type, spec["bahasa"].default
('str', 'id')
"""

from __future__ import annotations

import ast
import html
import io as _io
import json
import os
import re
import time
import tokenize
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from . import __version__
from .errors import DataNotFound, HumaskitError, ParameterError
from .fmt import jsonable
from .i18n import catalogue, resolve, set_language, t
from .paths import PLAYBOOKS_DIR, REPORTS_DIR, TEMPLATES_DIR

__all__ = [
    "Param",
    "Params",
    "available",
    "parameters",
    "describe",
    "validate",
    "summary",
    "run",
    "SUMMARY_MIME",
    "PlaybookFailed",
]

#: MIME type of the machine-readable summary a playbook displays in its last cell.
SUMMARY_MIME = "application/vnd.humaskit.summary+json"
#: Environment variable the runner uses to tell the notebook where to write extra files.
OUT_ENV = "HUMASKIT_OUT_DIR"

FILE_PARAMS = {
    "rencana",
    "publik",
    "hari_jadi",
    "register",
    "inventaris",
    "aturan",
    "bundel",
    "target_file",
    "model_sentimen",
}
_IPYTHON_NAMES = {"In", "Out", "exit", "quit", "get_ipython", "open"}
_TYPES = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}


class PlaybookFailed(HumaskitError, RuntimeError):
    """A playbook stopped on an error that is not a user mistake (a bug or a crash)."""


@dataclass(frozen=True)
class Param:
    """One parameter of a playbook, read from its ``parameters`` cell."""

    name: str
    type: str
    default: Any
    help: str


# ---------------------------------------------------------------------------------------
# Reading a playbook's parameters
# ---------------------------------------------------------------------------------------


def available() -> list[str]:
    """Return the names of the playbooks shipped in ``playbooks/``.

    Examples
    --------
    >>> "evaluasi-bulanan" in available()
    True
    """
    return sorted(p.stem for p in PLAYBOOKS_DIR.glob("*.ipynb"))


def _path(name: str) -> Path:
    p = PLAYBOOKS_DIR / f"{name}.ipynb"
    if not p.exists():
        known = ", ".join(available()) or "-"
        raise ParameterError(t("playbooks.unknown_playbook", None, name=name, known=known))
    return p


def _read_nb(name: str):
    # plain json: nbformat's schema validation costs ~1.7 s of imports in every report
    from types import SimpleNamespace

    with open(_path(name), encoding="utf-8") as fh:
        raw = json.load(fh)
    cells = []
    for c in raw.get("cells", []):
        src = c.get("source", "")
        cells.append(
            SimpleNamespace(
                cell_type=c.get("cell_type"),
                source="".join(src) if isinstance(src, list) else src,
                metadata=c.get("metadata", {}),
            )
        )
    return SimpleNamespace(cells=cells)


def _parameters_cell(nb, name: str) -> str:
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise PlaybookFailed(t("playbooks.bad_parameters_cell", None, name=name, n=len(cells)))
    return cells[0].source


def parse_parameters(source: str) -> dict[str, Param]:
    """Parse a ``parameters`` cell of annotated literals with comments.

    Examples
    --------
    >>> spec = parse_parameters('periode: str = "2025-09"  # bulan laporan\\nn: int = 5  # jumlah')
    >>> spec["periode"].help, spec["n"].default
    ('bulan laporan', 5)
    """
    comments: dict[int, str] = {}
    for tok in tokenize.generate_tokens(_io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string.lstrip("#").strip()
    spec: dict[str, Param] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            ann = ast.unparse(node.annotation)
            value = ast.literal_eval(node.value) if node.value is not None else None
            spec[node.target.id] = Param(node.target.id, ann, value, comments.get(node.lineno, ""))
    return spec


def parameters(name: str) -> dict[str, Param]:
    """Return ``{parameter name: Param}`` of playbook ``name`` from its parameters cell.

    Examples
    --------
    >>> sorted(parameters("evaluasi-bulanan"))[:3]
    ['akun', 'bagian_acuan', 'bagian_akun']
    """
    return parse_parameters(_parameters_cell(_read_nb(name), name))


def title(name: str) -> str:
    """Return the first heading of playbook ``name`` (its title)."""
    for cell in _read_nb(name).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return name


def describe(name: str | None = None, *, lang: str | None = None):
    """Return a table of playbooks and their parameters with descriptions.

    Examples
    --------
    >>> table = describe("evaluasi-bulanan")
    >>> "periode" in set(table["parameter"])
    True
    """
    import pandas as pd

    def default(value: Any) -> str:
        if isinstance(value, bool):
            return t("common.yes" if value else "common.no", lang)
        return t("playbooks.default_empty", lang) if value in ("", None) else str(value)

    rows = []
    for pb in [name] if name else available():
        for p in parameters(pb).values():
            rows.append(
                {
                    "playbook": pb,
                    "parameter": p.name,
                    "type": t(f"playbooks.type.{p.type}", lang),
                    "default": default(p.default),
                    "description": p.help,
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------


@dataclass
class Params:
    """Checked parameter values of one playbook run, plus what they point to.

    Attributes are the parameters themselves (``p.periode``, ``p.data``...) and:
    ``name`` (playbook), ``lang``, ``out_dir`` (where to write extra files), ``ws`` (the
    :class:`humaskit.io.Workspace` selected by ``data`` and ``akun``), ``ws_all`` (before the
    ``akun`` selection), ``accounts`` (list or None), ``period``/``previous`` (pandas
    Periods when the playbook has ``periode``).
    """

    name: str
    values: dict[str, Any]
    lang: str = "id"
    out_dir: Path = field(default_factory=lambda: REPORTS_DIR)
    ws: Any = None
    ws_all: Any = None
    accounts: list[str] | None = None
    period: Any = None
    previous: Any = None
    sentiment_model: Any = None

    def __getattr__(self, key: str) -> Any:
        values = self.__dict__.get("values", {})
        if key in values:
            return values[key]
        raise AttributeError(key)

    def as_dict(self) -> dict[str, Any]:
        """The parameter values as given (JSON-safe)."""
        return {k: _jsonable(v) for k, v in self.values.items()}

    def file(self, key: str):
        """Return the path of file parameter ``key``, or None when it is empty/"contoh"."""
        value = self.values.get(key)
        if value in (None, "", "contoh"):
            return None
        return Path(str(value)).expanduser()


_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _is_file_param(name: str) -> bool:
    return name in FILE_PARAMS or name.endswith("_file") or name.startswith("berkas")


def _coerce(name: str, value: Any, p: Param, lang: str) -> Any:
    """Coerce a value given as text (command line) to the parameter's declared type."""
    want = _TYPES.get(p.type)
    if want is None or isinstance(value, want) and not (want is int and isinstance(value, bool)):
        return value
    bad = ParameterError(
        t(
            "playbooks.bad_type",
            lang,
            name=name,
            value=value,
            expected=t(f"playbooks.type.{p.type}", lang),
        )
    )
    if want is str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise bad
    if want is bool:
        low = str(value).strip().lower()
        if low in {"true", "ya", "yes", "1", "y"}:
            return True
        if low in {"false", "tidak", "no", "0", "n"}:
            return False
        raise bad
    if want in (int, float):
        if isinstance(value, bool):
            raise bad
        try:
            num = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
        except ValueError:
            raise bad from None
        if want is int:
            if not num.is_integer():
                raise bad
            return int(num)
        return num
    if want is list:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    return list(ast.literal_eval(text))
                except (ValueError, SyntaxError):
                    raise bad from None
            return [v.strip() for v in text.split(",") if v.strip()]
        if isinstance(value, tuple):
            return list(value)
        raise bad
    if want is dict:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("{"):
                try:
                    return dict(ast.literal_eval(text))
                except (ValueError, SyntaxError):
                    raise bad from None
            out = {}
            for part in text.split(","):
                if not part.strip():
                    continue
                if "=" not in part:
                    raise bad
                k, v = part.split("=", 1)
                v = v.strip()
                try:
                    out[k.strip()] = ast.literal_eval(v)
                except (ValueError, SyntaxError):
                    out[k.strip()] = v
            return out
        raise bad
    return value  # pragma: no cover


def _check_values(name: str, spec: dict[str, Param], given: dict[str, Any], lang: str) -> dict:
    """Check names, types and the by-name rules that need no data."""
    unknown = [k for k in given if k not in spec]
    if unknown:
        raise ParameterError(
            t(
                "playbooks.unknown_parameter",
                lang,
                name=name,
                param=unknown[0],
                known=", ".join(spec),
            )
        )
    values = {}
    for key, p in spec.items():
        if key not in given:
            raise ParameterError(t("playbooks.missing_parameter", lang, name=name, param=key))
        value = given[key]
        if value is None:
            raise ParameterError(t("playbooks.missing_parameter", lang, name=name, param=key))
        values[key] = _coerce(key, value, p, lang)
    if "bahasa" in values and values["bahasa"] not in ("id", "en"):
        raise ParameterError(t("playbooks.bad_language", lang, value=values["bahasa"]))
    if "periode" in values:
        per = str(values["periode"]).strip()
        m = _PERIOD_RE.match(per)
        if per.lower() not in ("terakhir", "latest") and not (m and 1 <= int(m.group(2)) <= 12):
            raise ParameterError(t("playbooks.bad_period", lang, value=values["periode"]))
    if "bulan" in values:
        m = _PERIOD_RE.match(str(values["bulan"]).strip())
        if not (m and 1 <= int(m.group(2)) <= 12):
            raise ParameterError(t("playbooks.bad_month", lang, value=values["bulan"]))
    if "data" in values:
        d = str(values["data"]).strip()
        if d not in ("contoh", "") and not Path(d).expanduser().exists():
            raise ParameterError(t("playbooks.no_data_folder", lang, value=d))
    for key, value in values.items():
        if _is_file_param(key) and value not in ("", "contoh") and isinstance(value, str):
            if not Path(value).expanduser().exists():
                raise ParameterError(t("playbooks.no_file", lang, param=key, value=value))
    from .limits import check_values

    check_values(values, lang=lang)  # bounds, dates
    return values


#: Playbooks whose ``data`` is optional input: an unreadable folder gives an empty workspace.
SERVE_WITHOUT_DATA = {"audit-akun", "rencana-konten"}
#: What a playbook needs at least in its data: posts, or posts or citizens' mentions.
NEEDS = {"evaluasi-bulanan": ("posts",), "jadwal-posting": ("posts",)} | dict.fromkeys(
    ("layanan-aduan", "pantau-isu", "pemetaan-influencer"), ("posts", "mentions")
)


def _folder_files(source: str, n: int = 6) -> str:
    files = sorted(f.name for f in Path(source).expanduser().rglob("*") if f.is_file())
    files = [f for f in files if not f.startswith(".") and f.lower() != "readme.md"]
    return ", ".join(files[:n]) + (" ..." if len(files) > n else "") if files else "-"


def _load_workspace(source: str, lang: str, name: str = "", period: Any = None):
    from .io import Workspace
    from .store import is_store, open_store

    if is_store(source):  # a history store: only the months the report looks at
        return open_store(source, lang=lang).workspace_for(period)
    if source == "":
        return Workspace(name="")
    if source == "contoh":
        from . import samples

        return samples.workspace()
    from . import io as hio

    try:
        ws = hio.read_folder(source)
    except DataNotFound:
        ws = None
    if ws is None or all(len(df) == 0 for df in (ws.posts, ws.mentions, ws.audience, ws.daily)):
        if name in SERVE_WITHOUT_DATA:
            return Workspace(name=Path(source).name, imports=getattr(ws, "imports", []))
        files = _folder_files(source)
        raise ParameterError(t("playbooks.empty_data", lang, value=source, files=files))
    needs = NEEDS.get(name)
    if needs and all(len(getattr(ws, k)) == 0 for k in needs):
        key = f"playbooks.no_posts.{name}"
        key = key if key in catalogue() else "playbooks.no_posts"
        raise ParameterError(t(key, lang, value=source))
    return ws


def _accounts(value: Any) -> list[str] | None:
    if isinstance(value, list):
        items = [str(v).strip() for v in value]
    else:
        text = str(value).strip()
        if text.lower() in ("", "semua", "all", "*"):
            return None
        items = [v.strip() for v in text.split(",")]
    items = [v.lstrip("@") for v in items if v and v.lower() not in ("semua", "all")]
    return items or None


def validate(name: str, namespace: dict[str, Any], *, load: bool = True) -> Params:
    """Check the parameters of playbook ``name`` and return them with the data they name.

    Call it in the cell after the ``parameters`` cell with ``globals()``. Every parameter of
    the ``parameters`` cell must be present with a usable value; a name that papermill or
    the command line injected but the playbook does not declare is an error. With
    ``load=True`` the ``data`` parameter is loaded into ``p.ws`` and ``periode``/``akun``
    are checked against it.

    Raises
    ------
    ParameterError
        One sentence in the chosen language naming the parameter and what was expected.

    Examples
    --------
    >>> ns = {k: q.default for k, q in parameters("evaluasi-bulanan").items()}
    >>> p = validate("evaluasi-bulanan", {**ns, "periode": "2025-09", "bahasa": "en"},
    ...              load=False)
    >>> p.periode, p.lang
    ('2025-09', 'en')
    >>> validate("evaluasi-bulanan", {**ns, "periode": "2025-13", "bahasa": "en"}, load=False)
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Parameter 'periode' is '2025-13': expected a month as YYYY-MM (for example 2025-09) or "terakhir" (latest).
    """
    import types

    spec = parameters(name)
    given = {
        k: v
        for k, v in namespace.items()
        if not k.startswith("_")
        and k not in _IPYTHON_NAMES
        and not isinstance(v, types.ModuleType)
        and not callable(v)
    }
    lang = given.get("bahasa", None)
    lang = lang if lang in ("id", "en") else resolve(None)
    values = _check_values(name, spec, given, lang)
    lang = values.get("bahasa", lang)
    set_language(lang)
    out_dir = Path(os.environ.get(OUT_ENV) or REPORTS_DIR / name)
    params = Params(name=name, values=values, lang=lang, out_dir=out_dir)
    if params.file("model_sentimen") is not None:
        from .text import load_model

        try:
            params.sentiment_model = load_model(params.file("model_sentimen"), lang=lang)
        except HumaskitError:
            raise ParameterError(
                t("playbooks.bad_model", lang, value=values["model_sentimen"])
            ) from None
    if not load or "data" not in values:
        if "periode" in values and str(values["periode"]).lower() not in ("terakhir", "latest"):
            import pandas as pd

            params.period = pd.Period(values["periode"], freq="M")
            params.previous = params.period - 1
        return params

    import pandas as pd

    ws = _load_workspace(str(values["data"]).strip(), lang, name, values.get("periode"))
    params.ws_all = ws
    if "akun" in values:
        wanted = _accounts(values["akun"])
        if wanted:
            known = ws.accounts_seen()
            missing = [a for a in wanted if a not in known]
            if missing:
                shown = ", ".join(known[:12]) + (" ..." if len(known) > 12 else "")
                raise ParameterError(
                    t("playbooks.unknown_account", lang, value=missing[0], known=shown)
                )
        params.accounts = wanted
        ws = ws.select(wanted)
    params.ws = ws
    from .limits import check_window

    check_window(values, ws, lang=lang)  # a date window with no data is a stop
    if "periode" in values:
        from .evaluation import local_times

        times = local_times(ws.posts["published_at"]) if len(ws.posts) else None
        if times is None or times.isna().all():
            key = f"playbooks.no_posts.{name}"
            key = key if key in catalogue() else "playbooks.no_posts"
            raise ParameterError(t(key, lang, value=values["data"]))
        months = times.dt.tz_localize(None).dt.to_period("M")
        first, last = months.min(), months.max()
        per = str(values["periode"]).strip().lower()
        period = last if per in ("terakhir", "latest") else pd.Period(per, freq="M")
        if not (first <= period <= last):
            raise ParameterError(
                t(
                    "playbooks.period_outside",
                    lang,
                    value=str(period),
                    first=str(first),
                    last=str(last),
                )
            )
        params.period = period
        params.previous = period - 1
    return params


# ---------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------


_jsonable = jsonable  # the runner's name for it


def summary(figures: dict[str, Any]) -> dict[str, Any] | None:
    """Record a playbook's headline figures; the runner writes them as JSON.

    Call it in the last cell of a playbook: it also waits for the charts and files that
    :mod:`humaskit.report.background` draws elsewhere. Figures must be share-safe (no personal data).
    In a notebook it returns None (so nothing is echoed into the report); outside one it
    returns the cleaned figures.

    Examples
    --------
    >>> import numpy as np
    >>> summary({"posts": np.int64(3), "rate": float("nan")})
    {'posts': 3, 'rate': None}
    """
    clean = _jsonable(figures)
    from .report import background

    background.finish()  # charts and files drawn in forked copies are in before the end
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display({SUMMARY_MIME: clean, "text/plain": ""}, raw=True)
            return None  # nothing echoed into the report
    except ImportError:  # pragma: no cover
        pass
    return clean


# ---------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------


def _error_of(exc: Exception) -> tuple[str, str]:
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    return str(ename), str(evalue)


def run(
    name: str,
    params: dict[str, Any] | None = None,
    out_dir: str | Path | None = None,
    *,
    html: bool = True,
    pdf: Any = None,
) -> Path:
    """Execute playbook ``name`` with ``params`` and return the path of its HTML report.

    Writes into a new folder ``out_dir/<name>-<period or date>-<time>/``: the executed
    notebook, ``<name>.html`` (code hidden), ``ringkasan.json`` (headline figures, the
    parameters, the kit version) and any files the playbook produces (xlsx, ics). The folder
    appears only when the run succeeded.

    Parameters
    ----------
    name : str
        A playbook in ``playbooks/`` (see :func:`available`).
    params : dict, optional
        Parameter values; text values are converted to the declared types. Unknown names
        are errors. Missing ones take the notebook's defaults.
    out_dir : str or Path, optional
        Parent folder of the run folder (default ``reports/``).
    html : bool
        Write the HTML report (default True).
    pdf : humaskit.files.pdf.Printer, optional
        A started PDF engine: the report is printed to ``<name>.pdf`` in the run folder
        while the kernel stops (a PDF that cannot be made leaves the run complete; the
        printer's :meth:`~humaskit.files.pdf.Printer.result_for` says why).

    Raises
    ------
    ParameterError
        A bad, unknown or missing parameter (also when found by the notebook's validation
        cell, e.g. an account not in the data).
    PlaybookFailed
        Any other failure inside the notebook.

    Examples
    --------
    >>> run("evaluasi-bulanan", {"periode": "Sept"})  # doctest: +SKIP
    Traceback (most recent call last):
    ...
    ParameterError: Parameter 'periode' bernilai 'Sept': seharusnya bulan YYYY-MM ...
    """
    spec = parameters(name)
    given = dict(params or {})
    lang = given.get("bahasa") if given.get("bahasa") in ("id", "en") else resolve(None)
    unknown = [k for k in given if k not in spec]
    if unknown:
        raise ParameterError(
            t(
                "playbooks.unknown_parameter",
                lang,
                name=name,
                param=unknown[0],
                known=", ".join(spec),
            )
        )
    full = {k: p.default for k, p in spec.items()}
    full.update(given)
    values = _check_values(name, spec, full, lang)

    from .files.kernel import EarlyKernel
    from .files.runfolder import interruptible, run_folder

    out_root = Path(out_dir) if out_dir is not None else REPORTS_DIR
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    label = str(values.get("periode", "")).replace("terakhir", "").strip()
    folder = f"{name}-{label + '-' if label else ''}{stamp}"
    env_before = {k: os.environ.get(k) for k in (OUT_ENV, "MPLBACKEND", "HUMASKIT_LANG")}
    started = time.perf_counter()
    try:
        with interruptible(lang), run_folder(out_root, name, lang=lang) as rf:
            tmp = rf.path
            os.environ[OUT_ENV] = str(tmp)
            # the kernel must draw inline so charts land in the report (the caller may use Agg)
            os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
            os.environ["HUMASKIT_LANG"] = values.get("bahasa", lang)
            # the kernel starts now, with this environment, and imports the playbook's modules
            kernel = EarlyKernel(notebook=_path(name), cwd=os.getcwd())
            try:
                return _execute(name, values, lang, kernel, rf, folder, started, html, pdf)
            finally:
                kernel.stop()  # before the run folder goes: a killed kernel writes nothing
                if pdf is not None:
                    pdf.settle()  # and so does a PDF being printed into it
    finally:
        for k, v in env_before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _execute(name, values, lang, kernel, rf, folder, started, html, printer) -> Path:  # noqa: ANN001
    """The body of :func:`run` once the run folder and the kernel exist."""
    from .files.kernel import Background, import_papermill

    import_papermill()  # first: it leaves out what a playbook never uses
    from papermill.exceptions import PapermillExecutionError

    from .report.page import notebook_page, page_exporter, take_summary

    tmp = rf.path
    executed = tmp / f"{name}.ipynb"
    exporter = []  # nbconvert loads, and the PDF engine starts, once the cells start

    def cells_start(**_kw) -> None:  # noqa: ANN003
        if html:
            exporter.append(Background(page_exporter, values.get("bahasa", lang)))
            if printer is not None:
                printer.start()

    try:
        nb = kernel.execute(_path(name), values, on_start=cells_start)
    except PapermillExecutionError as exc:
        ename, evalue = _error_of(exc)
        if ename == "KeyboardInterrupt":  # the kernel got the Ctrl-C first
            raise KeyboardInterrupt from None
        if ename in _USER_ERRORS:
            raise ParameterError(evalue) from None
        raise PlaybookFailed(
            t("playbooks.failed", lang, name=name, error=f"{ename}: {evalue}")
        ) from None
    kernel.request_stop()  # it stops while the page is written
    nb.metadata.papermill["output_path"] = str(executed)  # as papermill records it
    figures = take_summary(nb, SUMMARY_MIME)
    bundle = {
        "playbook": name,
        "kit_version": __version__,
        "generated_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "parameters": {k: _jsonable(v) for k, v in values.items()},
        "seconds": round(time.perf_counter() - started, 2),
        "summary": figures or {},
    }
    report = tmp / f"{name}.html"
    if html:  # first: the PDF is printed while the files are written
        text = notebook_page(
            nb,
            title(name),
            values.get("bahasa", lang),
            TEMPLATES_DIR,
            exporter=exporter[0].result() if exporter else None,
            # the PDF is printed from the template's page while nbconvert finishes it
            draft=printer.draft_of(report) if printer is not None else None,
        )
        report.write_text(text, encoding="utf-8")
    kernel.write(nb, executed)
    with open(tmp / "ringkasan.json", "w", encoding="utf-8") as fh:
        json.dump(bundle, fh, ensure_ascii=False, indent=2)
    if html and printer is not None:
        printer.submit(report)  # when no draft was printed, the page itself
        printer.try_result()  # the caller asks the printer how it went
    kernel.stop()
    final = rf.keep(folder)
    return final / report.name


_USER_ERRORS = {
    "ParameterError",
    "DataNotFound",
    "SchemaError",
    "UnsupportedFile",
    "DamagedFile",
    "HumaskitError",
}


def escape(text: Any) -> str:
    """HTML-escape outside text (kept here for playbook helpers)."""
    return html.escape("" if text is None else str(text))
