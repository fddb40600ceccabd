"""One display for learners: every table, value, path and error a notebook shows.

:func:`show` turns a table (or a Series, a dict, a list) into an HTML table with the kit's
Indonesian headers, full text wrapped (never cut), numbers formatted the Indonesian way
(:mod:`humaskit.fmt`) and no index noise. :func:`setup` makes it the notebook's display for
every table, and turns what a trainee should never see into sentences: a NumPy number
becomes ``0,9``, a file path becomes "Berkas tersimpan: ...", the kit's own errors show as
one sentence without a traceback, and ``jawaban = tiktok`` (no quotation marks) explains
quotation marks instead of printing a ``NameError``.

:func:`my_folder` is where a trainee's files go: beside the notebook, one folder per
trainee, so trainees on a shared server never overwrite each other's files.

Examples
--------
>>> import pandas as pd
>>> html = show(pd.DataFrame({"platform": ["x"], "reach": [1190]}), lang="id").data
>>> "Jangkauan" in html and "1.190" in html and "<th>platform</th>" not in html
True
"""

from __future__ import annotations

import functools
import getpass
import re
from pathlib import Path, PurePath
from typing import Any

import numpy as np
import pandas as pd

from ..fmt import fmt_value
from ..i18n import catalogue, label, t

__all__ = [
    "choice",
    "describe_object",
    "describe_value",
    "describe_workspace",
    "my_folder",
    "setup",
    "show",
    "slider",
]

_STYLE = (
    "<style>.hk-show td,.hk-show th{white-space:normal!important;text-align:left!important;"
    "vertical-align:top;max-width:38em;overflow-wrap:anywhere}"
    ".hk-show td.n{text-align:right!important}.hk-show p{margin:.3em 0}</style>"
)


def _cell(value: Any) -> Any:
    """One table cell as people read it: lists joined, dicts spelled out, NumPy unwrapped."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return "; ".join(f"{label(str(k))}: {_cell(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | np.ndarray):
        return ", ".join(str(_cell(v)) for v in value)
    if isinstance(value, PurePath):
        return value.name
    return value


#: A code as the kit writes it (``perlu_revisi``, ``candidate``): lower case, no spaces.
_CODE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
#: Columns holding names people type (accounts, columns, parameters): never translated.
_NAME_COLUMNS = {
    "account",
    "author",
    "column",
    "display_name",
    "handle",
    "handles",
    "name",
    "parameter",
    "person",
    "text",
    "title",
    "caption",
}


@functools.lru_cache(maxsize=1)
def _value_keys() -> dict[tuple[str, str], str]:
    """Catalogue keys naming a value of a column: ``source.<text>``, ``planning.item.<code>``."""
    out: dict[tuple[str, str], str] = {}
    for key in catalogue():
        head, _, rest = key.partition(".")
        if head != "label" and rest:
            out.setdefault((head, rest), key)
            col, _, value = rest.partition(".")
            if value:
                out.setdefault((col, value), key)
    return out


def _code_label(col: Any, value: Any, lang: str | None, every: bool) -> Any:
    """A coded value in people's words when the kit knows it, else the value as it is.

    ``<column>.<value>`` (a benchmark's ``source``) and ``label.<column>_<value>``
    (``priority_high``) come first; ``label.<value>`` is used for
    a code with an underscore (``perlu_revisi``) or when ``every`` value of the column is one
    the kit knows (a column of codes).
    """
    if not isinstance(value, str):
        return value
    cat = catalogue()
    parts = [p.strip() for p in value.split(";")]
    if len(parts) > 1 and all(_CODE.fullmatch(p) and f"label.{p}" in cat for p in parts):
        return ", ".join(label(p, lang) for p in parts)  # a list of codes: "reel;story"
    if not _CODE.fullmatch(value) or f"label.{col}_{value}" not in cat:
        key = _value_keys().get((str(col), value))
        if key:  # a text the kit wrote (a benchmark's source) or a code of one column
            return t(key, lang)
    if not _CODE.fullmatch(value):
        return value
    if f"label.{col}_{value}" in cat:
        return label(f"{col}_{value}", lang)
    if f"label.{value}" in cat and (every or "_" in value):
        return _header(value, lang)
    return value


def _known_code(col: Any, value: Any) -> bool:
    cat = catalogue()
    return isinstance(value, str) and (
        f"label.{col}_{value}" in cat
        or (str(col), value) in _value_keys()
        or bool(_CODE.fullmatch(value) and f"label.{value}" in cat)
    )


def _codes_in_words(frame: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """Every column of codes (``status``: ``candidate``) in people's words; names untouched."""
    out = frame
    for col in frame.columns:
        if str(col) in _NAME_COLUMNS or not pd.api.types.is_string_dtype(frame[col]):
            continue
        values = [v for v in pd.unique(frame[col].dropna()) if isinstance(v, str)]
        if not values or len(values) > 60:
            continue
        every = all(_known_code(col, v) for v in values)
        mapping = {v: _code_label(col, v, lang, every) for v in values}
        if any(mapping[v] != v for v in values):
            if out is frame:
                out = frame.copy()
            out[col] = frame[col].map(lambda v, m=mapping: m.get(v, v) if isinstance(v, str) else v)
    return out


def _is_share(values: pd.Series) -> bool:
    """A column of fractions (a share, "Porsi ...", or an engagement rate): shown as percent."""
    name = values.name
    if not isinstance(name, str) or not pd.api.types.is_float_dtype(values):
        return False
    english = label(name, "en").lower()
    share = english.startswith("share") or english.endswith("share") or "share" in name
    rate = (name == "er" or name.startswith("er_") or name.endswith("_er")) and "change" not in name
    if not share and not rate:
        return False
    v = values.dropna()
    return bool(len(v)) and bool(((v >= -1e-9) & (v <= 1 + 1e-9)).all())


def _header(name: Any, lang: str | None) -> str:
    text = label(str(name), lang)
    return text[:1].upper() + text[1:] if text else text


def _as_frame(data: Any, lang: str | None) -> pd.DataFrame:
    if isinstance(data, pd.Series):
        name = data.name if data.name is not None else t("teaching.col.value", lang)
        if isinstance(name, int | np.integer):  # a row picked from a table by its number
            name = f"{label('row', lang)} {name}"
        if name == "count" or name == "proportion":
            name = t(f"teaching.col.{name}", lang)
        frame = data.to_frame(name)
        if data.index.name is None and data.index.dtype == object:
            # a row picked from a table: its index holds the table's column names
            if all(isinstance(v, str) and f"label.{v}" in catalogue() for v in data.index):
                frame.index = [_header(v, lang) for v in data.index]
    elif isinstance(data, dict):
        frame = pd.DataFrame(
            {
                t("teaching.col.item", lang): [_header(k, lang) for k in data],
                t("teaching.col.content", lang): [_cell(v) for v in data.values()],
            }
        )
    elif isinstance(data, pd.DataFrame):
        frame = data
    else:
        frame = pd.DataFrame({t("teaching.col.value", lang): list(data)})
    # row numbers are noise (a filtered table keeps its old ones); a Series' labels are not
    plain_rows = frame.index.name is None and (
        isinstance(frame.index, pd.RangeIndex)
        or (pd.api.types.is_integer_dtype(frame.index) and not isinstance(data, pd.Series))
    )
    if not plain_rows:
        frame = frame.reset_index()
        frame = frame.rename(columns={"index": t("teaching.col.item", lang)})
    else:
        frame = frame.reset_index(drop=True)
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [" ".join(str(p) for p in c if str(p)) for c in frame.columns]
    return frame


def show(
    data: Any,
    *,
    pct: Any = (),
    max_rows: int = 50,
    rows: bool = False,
    lang: str | None = None,
):
    """Show a table to a learner: Indonesian headers, full text, formatted numbers, no index.

    The kit's codes read as words (a ``priority`` of ``high`` reads ``tinggi``, ``perlu_revisi``
    reads ``Perlu revisi``; columns of names such as ``handle`` stay as written), shares and
    engagement rates read as percentages, and old row numbers of a filtered table are left out.

    Parameters
    ----------
    data : a DataFrame, Series, dict or list.
    pct : columns shown as percentages (fractions such as 0.58 read 58,0%).
    max_rows : rows shown; a sentence says how many were left out.
    rows : keep the row numbers as a first column "Baris" (for an exercise that asks for them).

    Examples
    --------
    >>> import pandas as pd
    >>> out = show(pd.Series([3, 1], index=["instagram", "x"], name="count"), lang="id").data
    >>> "Jumlah" in out and "dtype" not in out
    True
    """
    from ..report import table

    if rows and isinstance(data, pd.DataFrame):
        data = data.copy()
        data.insert(0, label("row", lang), data.index)
    frame = _as_frame(data, lang)
    shown = frame.head(max_rows).copy()
    for col in shown.columns:
        if shown[col].dtype == object:
            shown[col] = shown[col].map(_cell)
    shown = _codes_in_words(shown, lang)
    cat = catalogue()
    raw = [
        isinstance(c, str) and bool(_CODE.fullmatch(c)) and f"label.{c}" not in cat
        for c in shown.columns
    ]
    renamed = {c: str(c) for c in shown.columns}
    shown = shown.rename(columns=renamed)
    pct = [str(c) for c in pct] + [c for c in map(str, shown.columns) if _is_share(shown[c])]
    if {"share_before", "share_after", "change"} <= set(pct) | set(map(str, shown.columns)):
        pct.append("change")  # a change of shares, in points of percent
    body = table(shown, pct=pct, lang=lang, max_rows=max_rows, max_chars=10**6)
    html = body.data
    # links read in full (the report shortens them to fit a page)
    html = re.sub(
        r'<a href="([^"]*)">[^<]*</a>', lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', html
    )
    # headers the kit has no label for still read as words, capitalised; a code name without
    # a label is marked (class hk-raw) so the workshop run-through can find it
    marks = iter(raw)

    def head(m: re.Match) -> str:
        mark = ' class="hk-raw"' if next(marks, False) else ""
        return f"<th{mark}>{m.group(1)[:1].upper() + m.group(1)[1:]}</th>"

    html = re.sub(r"<th>([^<]*)</th>", head, html)
    note = ""
    if frame.empty:
        note = f"<p>{t('teaching.empty', lang)}</p>"
    elif len(frame) > len(shown):
        note = f"<p>{t('teaching.more_rows', lang, shown=len(shown), n=len(frame))}</p>"
    from IPython.display import HTML

    return HTML(f'{_STYLE}<div class="hk-show">{html}{note}</div>')


def describe_value(value: Any, lang: str | None = None) -> str:
    """A single value as a sentence or a formatted number (what a cell ending in it shows).

    Examples
    --------
    >>> import numpy as np
    >>> describe_value(np.float64(0.899), "id"), describe_value(np.int64(1190), "id")
    ('0,90', '1.190')
    """
    if isinstance(value, PurePath):
        return t("teaching.saved", lang, name=value.name, folder=value.parent.name or ".")
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return t("common.yes" if value else "common.no", lang)
    if isinstance(value, int | float):
        return fmt_value(value, lang)
    return str(value)


def _joined(values: Any, lang: str | None) -> str:
    """A short list as people write it (``a, b, c``); anything else as Python shows it."""
    items = list(values)
    if items and all(isinstance(v, str) for v in items) and any(len(v.split()) > 4 for v in items):
        return "\n".join(f"• {v}" for v in items)  # sentences: one a line
    if all(isinstance(v, str | int | float | np.generic | PurePath) for v in items):
        return ", ".join(describe_value(v, lang) for v in items)
    return repr(values)


def my_folder(name: str = "hasil", *, base: str | Path | None = None) -> Path:
    """The trainee's own folder beside the notebook (``hasil-<user>``), created if needed.

    Examples
    --------
    >>> import tempfile
    >>> folder = my_folder(base=tempfile.mkdtemp())
    >>> folder.is_dir() and folder.name.startswith("hasil-")
    True
    """
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name on some servers
        user = "peserta"
    user = re.sub(r"[^A-Za-z0-9_.-]", "", user) or "peserta"
    folder = Path(base if base is not None else Path.cwd()) / f"{name}-{user}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _table_name(name: str, lang: str | None) -> str:
    key = f"teaching.table.{name}"
    text = t(key, lang)
    return name if text == key else text


def describe_workspace(ws: Any, lang: str | None = None) -> str:
    """A workspace (a set of canonical tables) as one sentence: its tables and their rows.

    Examples
    --------
    >>> class W:
    ...     name = "contoh"
    ...     def tables(self):
    ...         return {"posts": [1, 2], "daily": []}
    >>> describe_workspace(W(), "id")
    'Wadah data contoh: unggahan 2 baris.'
    """
    tables = getattr(ws, "tables", None) or {}
    if callable(tables):
        tables = tables()
    parts = [
        f"{_table_name(name, lang)} {t('common.rows', lang, n=fmt_value(len(df), lang))}"
        for name, df in tables.items()
        if df is not None and len(df)
    ]
    return t("teaching.workspace", lang, name=getattr(ws, "name", ""), tables=", ".join(parts))


def describe_object(obj: Any, lang: str | None = None) -> str:
    """The kit's own result objects (a register, a mention network) as one sentence.

    Reads the ``Name(key=value, ...)`` summary the object gives itself and says it in words
    (``teaching.obj.<Name>`` in the catalogue); an object without a sentence keeps it.

    Examples
    --------
    >>> class MentionGraph:
    ...     def __repr__(self):
    ...         return "MentionGraph(accounts=1177, links=1340, interactions=1461)"
    >>> describe_object(MentionGraph(), "id")
    'Jaringan percakapan: 1.177 akun, 1.340 hubungan antar-akun, 1.461 interaksi.'
    """
    text = repr(obj)
    m = re.fullmatch(r"(\w+)\((.*)\)", text, re.S)
    if not m:
        return text
    values = {}
    for part in m.group(2).split(","):
        key, _, value = part.partition("=")
        num = pd.to_numeric(value.strip(), errors="coerce")
        values[key.strip()] = value.strip() if pd.isna(num) else fmt_value(num, lang)
    key = f"teaching.obj.{m.group(1)}"
    out = t(key, lang, **values)
    return text if out == key else out


def _kit_error(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None):
    from IPython.display import HTML, display

    from ..errors import HumaskitError

    if isinstance(value, HumaskitError):
        text = t("teaching.kit_error", None, message=str(value))
    elif isinstance(value, NameError):
        m = re.search(r"name '([^']+)' is not defined", str(value))
        text = "⚠️ " + t("teaching.name_error", None, name=m.group(1) if m else "?")
    elif isinstance(value, SyntaxError):
        text = "⚠️ " + t("teaching.syntax_error", None)
    else:  # pragma: no cover - other errors keep Python's own report
        return shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    import html as _html

    display(HTML(f'<p style="color:#b42318;font-weight:600">{_html.escape(text)}</p>'))
    return []


def setup(lang: str | None = None) -> None:
    """Make this notebook show tables, values and errors for people (call once at the top).

    Registers :func:`show` as the display of every DataFrame, Series and dict; NumPy
    numbers and paths show as text; the kit's errors, a word without quotation marks
    (``NameError``) and a line Python cannot read show as one sentence. Outside a notebook
    it only sets pandas to never cut text.

    Examples
    --------
    >>> setup()  # outside a notebook: nothing to register
    """
    pd.set_option("display.max_colwidth", None)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None:
        return
    from ..errors import HumaskitError

    html = shell.display_formatter.formatters["text/html"]
    plain = shell.display_formatter.formatters["text/plain"]
    for kind in (pd.DataFrame, pd.Series, dict):
        html.for_type(kind, lambda obj, *_: show(obj, lang=lang).data)
    plain.for_type(np.generic, lambda obj, p, cycle: p.text(describe_value(obj, lang)))
    plain.for_type(bool, lambda obj, p, cycle: p.text(describe_value(obj, lang)))
    for kind in (list, tuple, set):
        plain.for_type(kind, lambda obj, p, cycle: p.text(_joined(obj, lang)))
    plain.for_type(PurePath, lambda obj, p, cycle: p.text(describe_value(obj, lang)))
    plain.for_type_by_name(
        "humaskit.io.core", "Workspace", lambda obj, p, cycle: p.text(describe_workspace(obj, lang))
    )
    for module, name in (
        ("humaskit.influencers.registry", "Register"),
        ("humaskit.influencers.network", "MentionGraph"),
    ):
        plain.for_type_by_name(
            module, name, lambda obj, p, cycle: p.text(describe_object(obj, lang))
        )
    shell.set_custom_exc((HumaskitError, NameError, SyntaxError), _kit_error)


def choice(text: str, options: Any, value: Any = None):
    """A drop-down list labelled for people (``text``), with a value chosen at the start.

    ``options`` is a list of values or of ``(what people read, value)`` pairs; without
    ``value`` the first option is chosen (put "semua" first to start with everything).

    Examples
    --------
    >>> w = choice("Platform", [("Instagram", "instagram"), ("X (Twitter)", "x")])
    >>> w.description, w.value
    ('Platform', 'instagram')
    """
    import ipywidgets as widgets

    opts = list(options)
    values = [o[1] if isinstance(o, tuple) else o for o in opts]
    return widgets.Dropdown(
        options=opts,
        value=values[0] if value is None and values else value,
        description=text,
        style={"description_width": "initial"},
        layout={"width": "max-content"},
    )


def slider(text: str, low: int, high: int, step: int = 1, value: int | None = None):
    """A whole-number slider labelled for people (``text``).

    Examples
    --------
    >>> w = slider("Batas unggahan per hari", 1, 5, value=2)
    >>> w.description, w.value
    ('Batas unggahan per hari', 2)
    """
    import ipywidgets as widgets

    return widgets.IntSlider(
        min=low,
        max=high,
        step=step,
        value=low if value is None else value,
        description=text,
        style={"description_width": "initial"},
        layout={"width": "32em"},
        continuous_update=False,
    )
