"""Work done in forked copies of a playbook's kernel, off the kernel's critical path.

When ``humaskit run`` executes a playbook, drawing a chart's PNGs or writing the summary
card is work nobody waits for until the report is put together: the kernel can go on
with the next cells while a forked copy of itself does it. :func:`submit` queues such a
job; at most :func:`limit` copies run at once (the kernel keeps a core), each taking
up to :data:`BATCH` queued jobs (one fork for several; one each, on every core, once the
kernel only waits for them in :func:`finish`); a copy writes the results to
an unlinked temporary file and ends with ``os._exit``, touching none of the kernel's
sockets or files (its garbage collector is off, so it copies few of the kernel's pages). Results are handed back (to the ``done`` function
given with the job) after each cell (those ready), and all of them by :func:`finish`,
which :func:`humaskit.playbooks.summary` calls in the last cell of every playbook and
which runs by itself after a cell that failed. A job whose copy failed or took more than
:data:`TIMEOUT` seconds is done in the kernel instead, so the result is the same either
way.

Only where it pays and is safe (:func:`active`): in an IPython kernel run by ``humaskit
run`` (``HUMASKIT_OUT_DIR`` set), on Linux with ``fork``. Elsewhere (JupyterLab, scripts,
Windows, macOS) callers do the work at once, as before.

Examples
--------
>>> results = []
>>> submit(lambda: b"png", lambda data: results.append(data), local=lambda: b"png")
>>> finish()
>>> results
[b'png']
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["active", "submit", "finish", "pending", "limit", "fork", "result", "TIMEOUT"]

#: Set by :func:`humaskit.playbooks.run` (its ``OUT_ENV``) for the notebook it runs.
OUT_ENV = "HUMASKIT_OUT_DIR"
#: Seconds a copy may take before it is stopped and its job done in the kernel.
TIMEOUT = 60.0
#: Jobs one copy takes at most while cells run: fewer forks (:func:`finish` gives one a copy).
BATCH = 2


class _Job:
    __slots__ = ("work", "done", "local")

    def __init__(self, work, done, local) -> None:
        self.work = work
        self.done = done
        self.local = local


class _Copy:
    """A forked copy doing ``jobs`` one after the other (one fork for all of them: each
    fork of a large kernel costs page copies)."""

    __slots__ = ("jobs", "pid", "fd", "started")

    def __init__(self, jobs: list[_Job]) -> None:
        self.jobs = jobs
        self.pid = 0
        self.fd = -1
        self.started = 0.0


_queue: list[_Job] = []  # not started yet, oldest first
_running: list[_Copy] = []
_hooked: list[Any] = []  # the IPython shell whose post_run_cell calls _after_cell


def active() -> bool:
    """True where jobs run in forked copies: a kernel run by ``humaskit run``, on Linux."""
    if not os.environ.get(OUT_ENV) or not sys.platform.startswith("linux"):
        return False
    if not hasattr(os, "fork"):  # pragma: no cover
        return False
    shell = _shell()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _shell() -> Any:
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return None
    try:
        return ipython.get_ipython()
    except Exception:  # noqa: BLE001  (no usable shell: no background work)
        return None


def limit(*, idle: bool = False) -> int:
    """How many copies run at once: one core is left to the kernel (one or two copies);
    every core (up to four) when the kernel is ``idle``, waiting for them in :func:`finish`."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(4, cores)) if idle else max(1, min(2, cores - 1))


def pending() -> int:
    """Jobs queued or running, not yet handed back."""
    return len(_queue) + sum(len(c.jobs) for c in _running)


def submit(
    work: Callable[[], bytes],
    done: Callable[[bytes], None],
    *,
    local: Callable[[], bytes] | None = None,
) -> None:
    """Run ``work()`` in a forked copy; later call ``done(result)`` in this process.

    ``work`` runs in the copy and returns bytes; ``local`` (default ``work``) gives the
    same bytes when run here, for a copy that failed or could not start. Outside
    :func:`active` the job is done at once, here.
    """
    job = _Job(work, done, local or work)
    if not active():
        job.done(job.local())
        return
    _hook()
    _queue.append(job)
    _pump()


def finish() -> None:
    """Hand back every job, waiting for the copies.

    This process only waits meanwhile, so the jobs still queued go one per copy to as many
    copies as there are cores (:func:`limit` with ``idle``): a copy that ends is followed
    by the next at once, where work done here would hold the next start back until it
    is done.
    """
    while _queue or _running:
        _pump(copies=limit(idle=True), batch=1)
        if _running:
            _wait_any()
    _pump()


def fork(work: Callable[[], bytes]) -> Any:
    """Start ``work()`` in a forked copy at once, outside the queue; None if it cannot start.

    For a caller that waits for the result itself (:func:`result`), e.g. a chart's phone
    rendering drawn beside its desktop one.
    """
    return _start([_Job(work, None, work)])


def result(copy: Any, *, timeout: float) -> bytes | None:
    """Wait for a copy from :func:`fork`; its bytes, or None when it failed or took more
    than ``timeout`` seconds (it is then stopped)."""
    deadline = time.monotonic() + timeout
    pause = 0.002
    while not _peek(copy.pid)[0] and time.monotonic() < deadline:
        time.sleep(pause)
        pause = min(pause * 1.5, 0.02)
    ended = bool(_peek(copy.pid)[0])
    status: int | None = None
    if ended:
        try:
            _, raw = os.waitpid(copy.pid, 0)
            status = os.waitstatus_to_exitcode(raw)
        except ChildProcessError:
            status = 1
    else:
        _kill(copy)
    return _results(copy, status == 0)[0]


def _kill(copy: _Copy) -> None:
    """Stop a stuck copy (killed and reaped)."""
    import signal

    try:
        os.kill(copy.pid, signal.SIGKILL)
        os.waitpid(copy.pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _hook() -> None:
    if _hooked:
        return
    shell = _shell()
    if shell is None:  # pragma: no cover
        return
    shell.events.register("post_run_cell", _after_cell)
    _hooked.append(shell)


def _after_cell(result: Any = None) -> None:
    """After each cell: hand back what is ready; everything after a cell that failed (the
    notebook stops there, and no chart may be left a placeholder)."""
    failed = result is not None and (
        getattr(result, "error_in_exec", None) is not None
        or getattr(result, "error_before_exec", None) is not None
    )
    if failed:
        finish()
    else:
        _pump()


def _start(jobs: list[_Job]) -> _Copy | None:
    import struct
    import tempfile
    import warnings

    try:
        fh = tempfile.TemporaryFile()
    except OSError:
        return None
    fd = os.dup(fh.fileno())
    fh.close()
    try:
        with warnings.catch_warnings():  # Python 3.12 warns about fork with threads running
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(fd)
        return None
    if pid == 0:  # the copy: write the results, end without running any cleanup
        code = 1
        try:
            import gc

            gc.disable()  # a collection would touch (and so copy) the kernel's pages
            for job in jobs:
                try:
                    data = job.work()
                    record = struct.pack("<q", len(data)) + data
                except Exception:  # noqa: BLE001  (done in the kernel instead)
                    record = struct.pack("<q", -1)
                view = memoryview(record)
                while view:
                    view = view[os.write(fd, view) :]
            code = 0
        finally:
            os._exit(code)
    copy = _Copy(jobs)
    copy.pid, copy.fd, copy.started = pid, fd, time.monotonic()
    return copy


def _results(copy: _Copy, ok: bool) -> list[bytes | None]:
    """Each job's result read back from the copy's file (None: to be done here)."""
    import struct

    out: list[bytes | None] = [None] * len(copy.jobs)
    if ok:
        size = os.fstat(copy.fd).st_size
        blob = os.pread(copy.fd, size, 0) if size else b""
        at = 0
        for i in range(len(copy.jobs)):
            if at + 8 > len(blob):
                break
            (n,) = struct.unpack("<q", blob[at : at + 8])
            at += 8
            if n >= 0 and at + n <= len(blob):
                out[i] = blob[at : at + n]
                at += n
    os.close(copy.fd)
    return out


def _collect(copy: _Copy, status: int | None) -> None:
    """Hand back a finished (``status``) or stuck (None: killed) copy's results."""
    if status is None:
        _kill(copy)
    for job, data in zip(copy.jobs, _results(copy, status is not None), strict=True):
        job.done(data if data else job.local())  # a failed job: the same result, made here


def _pump(*, copies: int | None = None, batch: int = BATCH) -> None:
    """Hand back finished copies, stop stuck ones, give queued jobs (``batch`` a copy, oldest
    first) to new copies while fewer than ``copies`` (default :func:`limit`) run."""
    for copy in list(_running):
        try:
            pid, status = os.waitpid(copy.pid, os.WNOHANG)
            code = os.waitstatus_to_exitcode(status) if pid else 0
        except ChildProcessError:
            pid, code = copy.pid, 1
        if pid:
            _running.remove(copy)
            _collect(copy, code)
        elif time.monotonic() - copy.started > TIMEOUT:
            _running.remove(copy)
            _collect(copy, None)
    copies = limit() if copies is None else copies
    while _queue and len(_running) < copies:
        jobs = _queue[:batch]
        del _queue[:batch]
        copy = _start(jobs)
        if copy is not None:
            _running.append(copy)
        else:
            for job in jobs:
                job.done(job.local())


def _wait_any() -> None:
    """Sleep until a running copy ends (or briefly, to check the time-out)."""
    deadline = min(copy.started for copy in _running) + TIMEOUT
    pause = 0.002
    while _running and time.monotonic() < deadline:
        for copy in _running:
            pid, _ = _peek(copy.pid)
            if pid:
                return
        time.sleep(pause)
        pause = min(pause * 1.5, 0.02)


def _peek(pid: int) -> tuple[int, int]:
    """Whether ``pid`` has ended, without reaping it (:func:`_pump` does)."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return pid, 1
    return (pid, 0) if info is not None else (0, 0)
