"""Run every playbook on every real download folder (issue #14, item 1).

Used by ``tests/test_real_matrix.py`` and ``bench/bench_real_matrix.py``. It depends only on
names that stay put while the package is restructured: :mod:`humaskit.playbooks`
(``available``, ``parameters``, ``run``, ``PlaybookFailed``, ``SUMMARY_MIME``,
``OUT_ENV``), :func:`humaskit.io.read_folder` (only wrapped, to read each folder once) and
:mod:`humaskit.errors`. Which folders hold posts is written by hand (:data:`HAS_POSTS`), not
asked of the readers, so a reader that loses a folder's posts cannot make a stop look
allowed.

The folders
-----------
Each top-level platform folder of ``../shared/real-exports`` (``facebook``, ``instagram``,
``meta_audience``, ``tiktok``, ``twitter``, ``youtube``), each ``more/<owner>/`` and one
temporary folder ``semua`` holding all their files, one subfolder per owner (symlinks, or
copies where symlinks are not possible). :data:`HAS_POSTS` says, from the files themselves
(see the two READMEs in ``../shared/real-exports``), which folders hold a post export of
any kind.

What a user passes
------------------
A real user points ``data`` at the download folder and leaves the rest at the defaults,
except where the playbook cannot be used otherwise:

- ``evaluasi-bulanan``, ``layanan-aduan``, ``pantau-isu``, ``pemetaan-influencer``:
  ``data`` only (``periode=terakhir``, ``akun=semua``; no register, routing or target file:
  a first run on one's own downloads has none).
- ``jadwal-posting``: ``data`` only; ``rencana`` stays at its default. Issue #14 item 2 asks
  that real data never gets the sample plan's fictional accounts, and that a run without a
  plan says in one sentence how to make one, so this is the case to test.
- ``rencana-konten``: ``data`` and ``bulan`` = the month after today (the month a user plans;
  the default ``2025-10`` is a fixed past month).
- ``audit-akun``: ``data`` only, no ``inventaris``. The issue lists the accounts table among
  the optional tables whose absence must still give a report (item 2), so the first run of a
  team that has not filled an inventory yet is the case to test.
- ``forum-banding`` has no ``data``: a user runs ``evaluasi-bulanan`` on each unit's folder
  and points ``bundel`` at the folder of the resulting ``ringkasan.json`` files. For an
  owner folder the bundle folder holds that folder's ``evaluasi-bulanan`` run; for
  ``semua`` it holds the runs of every owner folder (the forum of all units).

Outcomes
--------
``ok``     the run wrote its report (papermill: ``run`` returned; in-process: every cell ran
           and the summary was recorded).
``stop``   a :class:`humaskit.errors.HumaskitError` (not ``PlaybookFailed``) whose message is
           one plain sentence with no traceback and no Python names (:func:`plain_problem`).
``FAIL``   ``PlaybookFailed``, any other exception, or a humaskit error with an unclear
           message (``detail`` says which).

Whether a stop is acceptable (Indonesian, names what to download, allowed only where the
playbook cannot serve at all) is judged by :func:`stop_problem`.

Two engines run a playbook: ``papermill`` (:func:`humaskit.playbooks.run` with
``html=False``: a kernel per run, several seconds each) and ``inprocess`` (the same
notebook's code cells executed in order by IPython's ``InteractiveShell`` in this process,
parameters injected after the ``parameters`` cell as papermill does, figures drawn with
matplotlib's inline backend as in the kernel). The in-process engine is what the test uses;
:func:`compare_engines` shows on a few cells that both classify alike.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import json
import os
import re
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real-exports"

PLATFORM_FOLDERS = ("facebook", "instagram", "meta_audience", "tiktok", "twitter", "youtube")
ALL = "semua"

#: Which folders hold a post export of any kind, read from the files (not from humaskit).
HAS_POSTS = {
    "facebook": True,  # Meta BS Facebook posts
    "instagram": True,  # Meta BS Instagram posts
    "meta_audience": False,  # one audience file
    "tiktok": True,  # TikTok Content
    "twitter": True,  # X Premium content + legacy tweet activity
    "youtube": True,  # YouTube Studio table data (content)
    "more/codingtrain": False,  # YouTube table data by geography
    "more/debruine": True,  # X tweet activity
    "more/drelegantia": False,  # YouTube totals (daily subscribers)
    "more/econshiny": True,  # X tweet activity
    "more/feadev": False,  # Meta daily series
    "more/ftsvideo": False,  # Meta audience
    "more/fvelardez": False,  # TikTok Overview (daily)
    "more/gianyt": True,  # YouTube table data (content, pt-BR)
    "more/htupy": True,  # TikTok Content
    "more/knzlink": True,  # YouTube table data (content, pt-BR)
    "more/koe": False,  # X account overview (daily)
    "more/mh4u": True,  # Meta BS Facebook posts
    "more/oigetit": True,  # Meta BS Facebook + Instagram posts
    "more/popsci-2024": False,  # Meta daily + audience (pt-BR)
    "more/popsci-2025": False,  # Meta daily + audience (pt-BR)
    "more/tanyats": False,  # Meta audience
    "more/timaghost": True,  # YouTube table data (content)
    "more/ufscar": True,  # Meta BS Instagram posts (pt-BR) + YouTube content
    "more/vintage": False,  # Meta daily series
    "more/weima": True,  # YouTube table data (content, de)
    ALL: True,
}

#: Playbooks that serve without any post (their data parameter is optional input): a stop
#: is never acceptable for them on a readable folder.
SERVE_WITHOUT_POSTS = {"rencana-konten", "audit-akun"}

KNOWN_ERRORS = {
    "ParameterError",
    "DataNotFound",
    "SchemaError",
    "UnsupportedFile",
    "DamagedFile",
    "HumaskitError",
}


# ---------------------------------------------------------------------------------------
# Folders
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Folder:
    label: str
    path: Path
    has_posts: bool


def available() -> bool:
    """True when ``../shared/real-exports`` is on this machine."""
    return REAL.is_dir()


def owner_folders(root: Path = REAL) -> list[Folder]:
    """The top-level platform folders and every ``more/<owner>/``, in a fixed order."""
    out = [Folder(n, root / n, HAS_POSTS.get(n, True)) for n in PLATFORM_FOLDERS]
    more = root / "more"
    if more.is_dir():
        for p in sorted(q for q in more.iterdir() if q.is_dir()):
            label = f"more/{p.name}"
            out.append(Folder(label, p, HAS_POSTS.get(label, True)))
    return [f for f in out if f.path.is_dir()]


_WORK: dict[str, Path] = {}


def work_dir() -> Path:
    """One temporary folder per process for the combined folder and the reports."""
    if "dir" not in _WORK:
        import atexit

        _WORK["dir"] = Path(tempfile.mkdtemp(prefix="humaskit-real-matrix-"))
        atexit.register(shutil.rmtree, _WORK["dir"], ignore_errors=True)
    return _WORK["dir"]


def combined_folder(root: Path = REAL) -> Path:
    """A folder ``semua/<owner>/`` holding every file of every owner folder (built once)."""
    target = work_dir() / ALL
    if target.exists():
        return target
    for f in owner_folders(root):
        sub = target / f.label.replace("more/", "")
        sub.mkdir(parents=True, exist_ok=True)
        for src in sorted(f.path.iterdir()):
            if not src.is_file() or src.name.lower() == "readme.md":
                continue
            dst = sub / src.name
            try:
                dst.symlink_to(src)
            except OSError:
                shutil.copy2(src, dst)
    return target


def folders(root: Path = REAL) -> list[Folder]:
    """Every folder of the matrix: the owner folders, then ``semua``."""
    return [*owner_folders(root), Folder(ALL, combined_folder(root), True)]


def folder_labels(root: Path = REAL) -> list[str]:
    """Labels of the matrix folders without building anything (for test ids)."""
    if not root.is_dir():
        return []
    return [f.label for f in owner_folders(root)] + [ALL]


def folder_by_label(label: str, root: Path = REAL) -> Folder:
    if label == ALL:
        return Folder(ALL, combined_folder(root), True)
    return Folder(label, root / label, HAS_POSTS.get(label, True))


# ---------------------------------------------------------------------------------------
# Parameters a user gives
# ---------------------------------------------------------------------------------------


def next_month(today: _dt.date | None = None) -> str:
    d = today or _dt.date.today()
    y, m = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
    return f"{y:04d}-{m:02d}"


def user_params(playbook: str, folder: Folder, matrix: Matrix | None = None) -> dict[str, Any]:
    """The parameters a user gives ``playbook`` for ``folder`` (see the module docstring)."""
    if playbook == "forum-banding":
        if matrix is None:
            raise ValueError("forum-banding needs the matrix that holds the bundles")
        return {"bundel": str(matrix.bundle_folder(folder))}
    params: dict[str, Any] = {"data": str(folder.path)}
    if playbook == "rencana-konten":
        params["bulan"] = next_month()
    return params


# ---------------------------------------------------------------------------------------
# Classifying a run
# ---------------------------------------------------------------------------------------

_PY_NAMES = re.compile(
    r"Traceback|\b\w*(Error|Exception|Warning)\b|NoneType|NAType|\bdtype\b|\bnan\b|"
    r"\bindex -?\d+\b|object at 0x|<\w[\w.]*[ >]|\b__\w+__\b|\bline \d+\b|"
    r"\b(pd|np|df|hk|ws|self)\.\w+|\w+\(\)|\bargmax\b|\bnot in index\b|\bkwargs?\b"
)
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_PATHLIKE = re.compile(r"\S*[/\\]\S*|\S+\.(csv|xlsx|xls|json|ipynb|ics|html|txt)\b", re.I)
_DIRS = re.compile(r"\S*[/\\]\S*")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-Z\"'(])")


def _param_names() -> set[str]:
    from humaskit import playbooks

    names: set[str] = set()
    for name in playbooks.available():
        names |= set(playbooks.parameters(name))
    return names


def plain_problem(message: str) -> str | None:
    """Why ``message`` is not one plain sentence, or None when it is."""
    text = (message or "").strip()
    if not text:
        return "empty message"
    if "\n" in text:
        return "several lines"
    m = _PY_NAMES.search(text)
    if m:
        return f"Python name {m.group(0)!r}"
    bare = _PATHLIKE.sub(" ", text)
    params = _param_names()
    for word in _SNAKE.findall(bare):
        if word not in params:
            return f"Python name {word!r}"
    if _SENTENCE_BREAK.search(_PATHLIKE.sub("x", text)):
        return "more than one sentence"
    return None


_ID_WORDS = {
    "yang", "tidak", "ada", "dari", "dan", "untuk", "dengan", "berisi", "belum", "atau",
    "ini", "pada", "dalam", "tanpa", "unggahan", "berkas", "akun", "bulan", "harus",
    "perlu", "unduh", "unduhan", "silakan", "gunakan", "jalankan", "folder", "seharusnya",
    "dikenali", "diperiksa", "isi", "buat", "tiap", "satu", "apa", "pun",
}  # fmt: skip
_DOWNLOAD = re.compile(
    r"unduh|ekspor|export|Business Suite|YouTube Studio|TikTok|Analytics|analitik|"
    r"mentions|\.csv|\.xlsx|evaluasi-bulanan|ringkasan",
    re.I,
)


def stop_problem(playbook: str, folder: Folder, message: str) -> str | None:
    """Why a clear stop of ``playbook`` on ``folder`` is not acceptable, or None."""
    if playbook in SERVE_WITHOUT_POSTS:
        return f"{playbook} serves without posts: it should report"
    if folder.has_posts:
        return "the folder has posts: the playbook should report"
    text = _DIRS.sub(" ", message)  # the folder's own path names no download
    words = set(re.findall(r"[a-z]+", text.lower()))
    if len(words & _ID_WORDS) < 2:
        return "not Indonesian"
    if not _DOWNLOAD.search(text):
        return "does not name what to download"
    return None


@dataclass
class Outcome:
    playbook: str
    folder: str
    status: str  # "ok", "stop", "FAIL"
    message: str = ""
    detail: str = ""  # for FAIL: "crash" or "unclear stop: <why>"; the exception name
    seconds: float = 0.0  # wall time of the run
    cpu: float = 0.0  # CPU seconds of the run (this process and, for papermill, the kernel)
    engine: str = ""
    where: str = ""  # innermost humaskit frame of the exception (in-process only)
    cell: int | None = None  # code cell that failed (in-process only)
    report: Path | None = None
    extra: dict = field(default_factory=dict)

    @property
    def short(self) -> str:
        return {"ok": "ok", "stop": "stop", "FAIL": "FAIL"}[self.status]


def classify(ename: str, evalue: str, *, playbook_failed: bool = False) -> tuple[str, str]:
    """(status, detail) for an exception named ``ename`` with message ``evalue``."""
    if playbook_failed or ename not in KNOWN_ERRORS:
        return "FAIL", f"crash: {ename}"
    why = plain_problem(evalue)
    if why:
        return "FAIL", f"unclear stop ({ename}): {why}"
    return "stop", ename


# ---------------------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------------------


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the kernels)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_papermill(playbook: str, params: dict[str, Any], out_dir: Path) -> Outcome:
    """Run through :func:`humaskit.playbooks.run` (a kernel per run), no HTML."""
    from humaskit import playbooks
    from humaskit.errors import HumaskitError

    started = time.perf_counter()
    cpu0 = _cpu()
    out = Outcome(playbook, "", "ok", engine="papermill")
    try:
        out.report = playbooks.run(playbook, params, out_dir, html=False)
    except playbooks.PlaybookFailed as exc:
        msg = str(exc)
        m = re.search(r"(\w+(?:Error|Exception|Failed|Interrupt)\w*): ", msg)
        ename = m.group(1) if m else "PlaybookFailed"
        out.status, out.detail = "FAIL", f"crash: {ename}"
        out.message = msg
    except HumaskitError as exc:
        out.status, out.detail = classify(type(exc).__name__, str(exc))
        out.message = str(exc)
    except Exception as exc:  # noqa: BLE001 - anything else is a failure to report
        out.status, out.detail = "FAIL", f"crash: {type(exc).__name__}"
        out.message = f"{type(exc).__name__}: {exc}"
    out.seconds = time.perf_counter() - started
    out.cpu = _cpu() - cpu0
    return out


class _Recorder:
    """Stands in for IPython's display publisher: keeps the summary, drops the rest."""

    def __init__(self, mime: str) -> None:
        self.mime = mime
        self.summary: dict | None = None
        self.is_publishing = False

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        if self.mime in data:
            self.summary = data[self.mime]

    def clear_output(self, wait=False):
        pass

    def set_parent(self, parent):  # pragma: no cover - kernel API
        pass


_NB_CACHE: dict[str, tuple[list[str], int]] = {}


def _code_cells(playbook: str) -> tuple[list[str], int]:
    """The playbook's code cells and the index of its ``parameters`` cell."""
    if playbook not in _NB_CACHE:
        from humaskit import playbooks

        path = ROOT / "playbooks" / f"{playbook}.ipynb"
        if not path.exists():  # an installed kit: ask the package where its playbooks are
            path = Path(playbooks.__file__).parent.parent.parent / "playbooks" / path.name
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells, pidx = [], -1
        for c in nb["cells"]:
            if c["cell_type"] != "code":
                continue
            src = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            if "parameters" in c.get("metadata", {}).get("tags", []):
                pidx = len(cells)
            cells.append(src)
        _NB_CACHE[playbook] = (cells, pidx)
    return _NB_CACHE[playbook]


_SHELL: dict[str, Any] = {}


def _shell():
    """This module's own IPython shell (made once; not left as the process's singleton)."""
    if "shell" not in _SHELL:
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.core.pylabtools import select_figure_formats

        os.environ.setdefault("MPLBACKEND", "Agg")
        shell = InteractiveShell()
        # as in the kernel's inline backend: a displayed figure is rendered to PNG
        select_figure_formats(shell, {"png"})
        # the exception itself is kept: formatting IPython's traceback costs ~1 s a run
        shell.showtraceback = lambda *a, **k: None
        shell.showsyntaxerror = lambda *a, **k: None
        shell._humaskit_matrix = set(shell.user_ns)
        _SHELL["shell"] = shell
    return _SHELL["shell"]


@contextlib.contextmanager
def _current(shell):
    """Make ``shell`` what ``get_ipython()`` returns during a run, and undo it after.

    Left registered, it would make ``get_ipython()`` true in later tests of the same
    process (``humaskit.playbooks.summary`` then displays instead of returning).
    """
    from IPython.core.interactiveshell import InteractiveShell

    before = InteractiveShell.__dict__.get("_instance")
    InteractiveShell._instance = shell
    try:
        yield shell
    finally:
        InteractiveShell._instance = before


def _fresh_namespace(shell) -> None:
    """A namespace as a new kernel has it (``shell.reset`` costs a full gc each time)."""
    keep = shell._humaskit_matrix
    for k in [k for k in shell.user_ns if k not in keep]:
        del shell.user_ns[k]
    for k in ("_", "__", "___"):
        shell.user_ns[k] = ""
    shell.user_ns.get("Out", {}).clear()
    shell.user_ns.get("_oh", {}).clear()


_READS: dict[str, Any] = {}


@contextlib.contextmanager
def _cached_reads():
    """Read each folder once per process: ``humaskit.io.read_folder`` returns a deep copy.

    A failing read is remembered and raised again. This only saves the reading (the same
    function, the same arguments); ``compare_engines`` shows the outcomes do not change.
    """
    import copy

    import humaskit.io as hio

    original = hio.read_folder

    def read_folder(path, *args, **kwargs):
        if args or kwargs:
            return original(path, *args, **kwargs)
        key = str(Path(path).expanduser().resolve())
        if key not in _READS:
            try:
                _READS[key] = ("ok", original(path))
            except BaseException as exc:  # noqa: BLE001 - replayed below
                _READS[key] = ("raise", exc)
        kind, value = _READS[key]
        if kind == "raise":
            raise value.with_traceback(value.__traceback__)
        return copy.deepcopy(value)

    hio.read_folder = read_folder
    try:
        yield
    finally:
        hio.read_folder = original


def _flush_figures() -> None:
    """Draw the figures a cell left open to PNG and close them (the inline backend's job)."""
    import sys

    if "matplotlib.pyplot" not in sys.modules:
        return
    plt = sys.modules["matplotlib.pyplot"]
    for num in plt.get_fignums():
        fig = plt.figure(num)
        fig.canvas.print_figure(io.BytesIO(), format="png", bbox_inches="tight")
    plt.close("all")


def _humaskit_frame(exc: BaseException, notebook: str) -> str:
    """``file:line in function`` of the innermost frame in humaskit or the playbook."""
    frames = traceback.extract_tb(exc.__traceback__)
    pick = None
    for fr in frames:
        name = fr.filename.replace("\\", "/")
        if "/humaskit/" in name or name.startswith("<ipython-input") or "ipykernel" in name:
            pick = fr
    if pick is None:
        pick = frames[-1] if frames else None
    if pick is None:
        return ""
    fname = pick.filename.replace("\\", "/")
    if "/humaskit/" in fname:
        fname = "src/humaskit/" + fname.rsplit("/humaskit/", 1)[1]
        return f"{fname}:{pick.lineno} in {pick.name}"
    if fname.startswith("<ipython-input") or "ipykernel" in fname:
        return f"{notebook} line {pick.lineno} of the cell: {pick.line}"
    return f"{fname}:{pick.lineno} in {pick.name}"


def run_inprocess(
    playbook: str, params: dict[str, Any], out_dir: Path, *, cache_reads: bool = True
) -> Outcome:
    """Execute the playbook's code cells in this process, like papermill would."""
    import humaskit
    from humaskit import playbooks
    from humaskit.errors import HumaskitError

    started = time.perf_counter()
    cpu0 = _cpu()
    out = Outcome(playbook, "", "ok", engine="inprocess")
    spec = playbooks.parameters(playbook)
    unknown = [k for k in params if k not in spec]
    if unknown:
        raise ValueError(f"{playbook} has no parameter {unknown[0]}")
    cells, pidx = _code_cells(playbook)
    injected = "\n".join(f"{k} = {v!r}" for k, v in params.items())
    code = [*cells[: pidx + 1], injected, *cells[pidx + 1 :]]
    shell = _shell()
    _fresh_namespace(shell)
    recorder = _Recorder(playbooks.SUMMARY_MIME)
    saved_pub = shell.display_pub
    shell.display_pub = recorder
    run_dir = Path(tempfile.mkdtemp(prefix=f".{playbook}-", dir=out_dir))
    env_keys = (playbooks.OUT_ENV, "HUMASKIT_LANG")
    env_before = {k: os.environ.get(k) for k in env_keys}
    os.environ[playbooks.OUT_ENV] = str(run_dir)
    os.environ["HUMASKIT_LANG"] = str(params.get("bahasa", "id"))
    sink = io.StringIO()
    try:
        reads = _cached_reads() if cache_reads else contextlib.nullcontext()
        with (
            contextlib.redirect_stdout(sink),
            contextlib.redirect_stderr(sink),
            reads,
            _current(shell),
        ):
            for i, src in enumerate(code):
                res = shell.run_cell(src, store_history=False, silent=False)
                _flush_figures()
                exc = res.error_before_exec or res.error_in_exec
                if exc is not None:
                    ename = type(exc).__name__
                    out.cell = i if i <= pidx else i - 1  # the playbook's code cell
                    out.where = _humaskit_frame(exc, f"playbooks/{playbook}.ipynb")
                    if isinstance(exc, HumaskitError) and not isinstance(
                        exc, playbooks.PlaybookFailed
                    ):
                        out.status, out.detail = classify(ename, str(exc))
                        out.message = str(exc)
                    else:
                        out.status, out.detail = "FAIL", f"crash: {ename}"
                        out.message = f"{ename}: {exc}"
                    break
        if out.status == "ok":
            out.extra.update(run_facts(shell.user_ns))
            bundle = {
                "playbook": playbook,
                "kit_version": humaskit.__version__,
                "generated_at": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "parameters": params,
                "seconds": round(time.perf_counter() - started, 2),
                "summary": recorder.summary or {},
            }
            (run_dir / "ringkasan.json").write_text(
                json.dumps(bundle, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
            )
            out.report = run_dir / "ringkasan.json"
        else:
            shutil.rmtree(run_dir, ignore_errors=True)
    finally:
        shell.display_pub = saved_pub
        for k, v in env_before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        import matplotlib.pyplot as plt

        plt.close("all")
    out.seconds = time.perf_counter() - started
    out.cpu = _cpu() - cpu0
    return out


def run_facts(ns: dict[str, Any]) -> dict[str, Any]:
    """What a finished in-process run lets the tests check beyond "it reported".

    ``data_accounts``: every account in the data the run was given; ``scheduled_accounts``
    (jadwal-posting): the accounts its schedule gives times to. Issue #14 item 2: a real
    folder never gets the sample plan's fictional accounts.
    """
    facts: dict[str, Any] = {}
    p = ns.get("p")
    ws = getattr(p, "ws_all", None)
    if ws is not None and hasattr(ws, "accounts_seen"):
        facts["data_accounts"] = sorted(ws.accounts_seen())
    jadwal = ns.get("jadwal")
    if jadwal is not None and hasattr(jadwal, "columns") and "account" in jadwal.columns:
        facts["scheduled_accounts"] = sorted(jadwal["account"].dropna().astype(str).unique())
    return facts


ENGINES = {"papermill": run_papermill, "inprocess": run_inprocess}


# ---------------------------------------------------------------------------------------
# The matrix
# ---------------------------------------------------------------------------------------


class Matrix:
    """Runs (and remembers) playbook x folder cells with one engine."""

    def __init__(self, engine: str = "inprocess", root: Path = REAL) -> None:
        self.engine = engine
        self.root = root
        self.results: dict[tuple[str, str], Outcome] = {}
        self.out = work_dir() / f"reports-{engine}"

    def run(self, playbook: str, folder: Folder | str) -> Outcome:
        if isinstance(folder, str):
            folder = folder_by_label(folder, self.root)
        key = (playbook, folder.label)
        if key not in self.results:
            params = user_params(playbook, folder, self)
            out_dir = self.out / folder.label.replace("/", "_") / playbook
            out_dir.mkdir(parents=True, exist_ok=True)
            res = ENGINES[self.engine](playbook, params, out_dir)
            res.folder = folder.label
            res.extra["params"] = params
            self.results[key] = res
        return self.results[key]

    def bundle_folder(self, folder: Folder) -> Path:
        """Where a user would collect ``ringkasan.json`` of ``evaluasi-bulanan`` runs."""
        target = self.out / "bundel" / folder.label.replace("/", "_")
        if target.exists():
            return target
        sources = owner_folders(self.root) if folder.label == ALL else [folder]
        target.mkdir(parents=True)
        for f in sources:
            res = self.run("evaluasi-bulanan", f)
            if res.status == "ok" and res.report is not None:
                summary = res.report.parent / "ringkasan.json"
                if summary.exists():
                    dst = target / f"{f.label.replace('/', '_')}-ringkasan.json"
                    shutil.copy2(summary, dst)
        return target

    def verdict(self, playbook: str, folder: Folder | str) -> tuple[Outcome, str | None]:
        """The outcome and why the test rejects it (None: acceptable)."""
        if isinstance(folder, str):
            folder = folder_by_label(folder, self.root)
        res = self.run(playbook, folder)
        if res.status == "ok":
            return res, None
        if res.status == "FAIL":
            return res, f"{res.detail}: {res.message}"
        why = stop_problem(playbook, folder, res.message)
        return res, (f"stop not acceptable ({why}): {res.message}" if why else None)


def compare_engines(cells: list[tuple[str, str]], root: Path = REAL) -> list[dict[str, Any]]:
    """Run ``cells`` (playbook, folder label) with both engines; one row per cell."""
    a, b = Matrix("papermill", root), Matrix("inprocess", root)
    rows = []
    for pb, label in cells:
        ra, rb = a.run(pb, label), b.run(pb, label)
        rows.append(
            {
                "playbook": pb,
                "folder": label,
                "papermill": ra.status,
                "papermill_s": ra.seconds,
                "papermill_cpu": ra.cpu,
                "inprocess": rb.status,
                "inprocess_s": rb.seconds,
                "inprocess_cpu": rb.cpu,
                "same": ra.status == rb.status
                and (rb.message in ra.message or ra.message in rb.message),
                "papermill_msg": ra.message,
                "inprocess_msg": rb.message,
            }
        )
    return rows
