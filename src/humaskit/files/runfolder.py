"""A report's run folder: made next to its final place, renamed when complete, else removed.

:func:`run_folder` is what :func:`humaskit.playbooks.run` writes into. It checks the output
folder the user named (``--out``) and says in one sentence when it cannot be used (a file,
a path under a file such as ``/dev/null/x``, a folder it may not write in), makes a hidden
``.<name>-xxxx`` folder inside it, and on leaving removes that folder and every output
folder the run itself created, unless the caller kept the result. SIGINT and SIGTERM during
the run stop it the same way: nothing is left behind and :class:`humaskit.errors.Interrupted`
says so in one sentence (its ``signal`` says which, for the exit status).

Examples
--------
>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp()) / "laporan"
>>> with run_folder(root, "contoh") as rf:
...     _ = (rf.path / "a.txt").write_text("x")
>>> root.exists()  # the run kept nothing, so the folder it made is gone too
False
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from ..errors import Interrupted, ParameterError
from ..i18n import t

__all__ = ["run_folder", "RunFolder", "prepare_out_dir", "interruptible", "shielded"]


class _Stop(KeyboardInterrupt):
    """Raised by the signal handler: not an ``Exception``, so no ``except Exception`` eats it.

    A ``KeyboardInterrupt``, because asyncio lets only that (and ``SystemExit``) out of a
    callback: any other exception raised while the event loop runs a callback (papermill
    and nbclient run one; the signal can land there) is logged and dropped, and a run whose
    loop-stopping callback was cut short that way never ends.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def prepare_out_dir(out: str | Path, *, lang: str | None = None) -> tuple[Path, list[Path]]:
    """Make the output folder ``out`` (and its parents) and return it with the folders made.

    Raises
    ------
    ParameterError
        One sentence naming ``--out`` when the path is a file, lies under a file, or cannot
        be made or written in.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> base = pathlib.Path(tempfile.mkdtemp())
    >>> root, made = prepare_out_dir(base / "a" / "b")
    >>> [p.name for p in made]
    ['a', 'b']
    >>> prepare_out_dir("/dev/null/x", lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Output folder (--out) '/dev/null/x' cannot be made: '/dev/null' is a file, not a folder.
    """
    raw = str(out)
    root = Path(out).expanduser()
    try:
        root = root.resolve()
    except (OSError, RuntimeError):
        raise ParameterError(t("runs.out_unusable", lang, value=raw)) from None
    if root.exists() and not root.is_dir():
        raise ParameterError(t("runs.out_is_file", lang, value=raw))
    made: list[Path] = []
    probe = root
    while not probe.exists():
        made.append(probe)
        probe = probe.parent
    if not probe.is_dir():
        raise ParameterError(t("runs.out_under_file", lang, value=raw, file=str(probe)))
    made.reverse()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        _remove_empty(made)
        raise ParameterError(t("runs.out_unusable", lang, value=raw)) from None
    if not os.access(root, os.W_OK | os.X_OK):
        _remove_empty(made)
        raise ParameterError(t("runs.out_read_only", lang, value=raw))
    return root, made


def _remove_empty(folders: list[Path]) -> None:
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: never a file of the user's


@contextlib.contextmanager
def interruptible(lang: str | None = None) -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :class:`humaskit.errors.Interrupted` inside the block.

    Outside the main thread (where Python allows no signal handler) the block runs as is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [signal.SIGINT, signal.SIGTERM]
    before = {}

    def stop(signum, frame):  # noqa: ARG001
        raise _Stop(signum)

    for sig in wanted:
        current = signal.getsignal(sig)
        # a caller's own handler is respected; the defaults are replaced
        if current in (signal.default_int_handler, signal.SIG_DFL, None):
            before[sig] = current
            signal.signal(sig, stop)
    try:
        yield
    except (_Stop, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, _Stop) else signal.SIGINT
        raise Interrupted(t("runs.interrupted", lang), signal=int(signum)) from None
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """Ignore SIGINT/SIGTERM while cleaning up (a second Ctrl-C must not leave a half)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in before:
        signal.signal(s, signal.SIG_IGN)
    try:
        yield
    finally:
        for s, h in before.items():
            signal.signal(s, h if h is not None else signal.SIG_DFL)


class RunFolder:
    """The hidden folder of a run (``path``); :meth:`keep` moves it to its final name."""

    def __init__(self, root: Path, path: Path) -> None:
        self.root = root
        self.path = path
        self.final: Path | None = None

    def keep(self, name: str) -> Path:
        """Rename the run folder to ``root/name`` (``name-2``... when taken); return it."""
        final = self.root / name
        n = 1
        while final.exists():
            n += 1
            final = self.root / f"{name}-{n}"
        self.path.rename(final)
        self.final = final
        _share_with_group(final)
        return final


def _share_with_group(folder: Path) -> None:
    """Let colleagues read a report folder on a shared drive (mkdtemp makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask | 0o750)
    for f in folder.iterdir():
        if f.is_file():
            os.chmod(f, 0o666 & ~umask | 0o640)


@contextlib.contextmanager
def run_folder(out: str | Path, name: str, *, lang: str | None = None) -> Iterator[RunFolder]:
    """Yield a :class:`RunFolder` inside ``out``: call its ``keep`` to keep the result.

    On leaving, the hidden folder is removed if it was not kept, and so is every output
    folder made for the run when nothing was kept (an empty ``--out`` is never left).
    """
    root, made = prepare_out_dir(out, lang=lang)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))
    except OSError:
        _remove_empty(made)
        raise ParameterError(t("runs.out_read_only", lang, value=str(out))) from None
    rf = RunFolder(root, tmp)
    try:
        yield rf
    finally:
        with shielded():
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
            if rf.final is None:
                _remove_empty(made)
