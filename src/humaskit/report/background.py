"""Work done in forked copies of a playbook's kernel, off the kernel's critical path.

When ``humaskit run`` executes a playbook, drawing a chart's PNGs or writing the summary
card is work nobody waits for until the report is put together: the kernel can go on
with the next cells while a forked copy of itself does it. :func:`submit` queues such a
job; at most :func:`limit` copies run at once (the kernel keeps a core); each copy
writes its result to an unlinked temporary file and ends with ``os._exit``, touching
none of the kernel's sockets or files. Results are handed back (to the ``done`` function
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

__all__ = ["active", "submit", "finish", "pending", "limit", "TIMEOUT"]

#: Set by :func:`humaskit.playbooks.run` (its ``OUT_ENV``) for the notebook it runs.
OUT_ENV = "HUMASKIT_OUT_DIR"
#: Seconds a copy may take before it is stopped and its job done in the kernel.
TIMEOUT = 60.0


class _Job:
    __slots__ = ("work", "done", "local", "pid", "fd", "started")

    def __init__(self, work, done, local) -> None:
        self.work = work
        self.done = done
        self.local = local
        self.pid = 0
        self.fd = -1
        self.started = 0.0


_queue: list[_Job] = []  # not started yet, oldest first
_running: list[_Job] = []
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


def limit() -> int:
    """How many copies run at once: one core is left to the kernel (one or two copies)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(2, cores - 1))


def pending() -> int:
    """Jobs queued or running, not yet handed back."""
    return len(_queue) + len(_running)


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
    """Hand back every job (waiting for the copies; queued jobs are shared with this process)."""
    while _queue or _running:
        _pump()
        if _queue and len(_running) >= limit():  # this process is idle: take the newest
            job = _queue.pop()
            job.done(job.local())
            continue
        if _running:
            _wait_any()
    _pump()


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


def _start(job: _Job) -> bool:
    import tempfile
    import warnings

    try:
        fh = tempfile.TemporaryFile()
    except OSError:
        return False
    fd = os.dup(fh.fileno())
    fh.close()
    try:
        with warnings.catch_warnings():  # Python 3.12 warns about fork with threads running
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(fd)
        return False
    if pid == 0:  # the copy: write the result, end without running any cleanup
        code = 1
        try:
            view = memoryview(job.work())
            while view:
                view = view[os.write(fd, view) :]
            code = 0
        finally:
            os._exit(code)
    job.pid, job.fd, job.started = pid, fd, time.monotonic()
    return True


def _collect(job: _Job, status: int | None) -> None:
    """Hand back a finished (``status``) or stuck (None: killed) copy's result."""
    import signal

    if status is None:
        try:
            os.kill(job.pid, signal.SIGKILL)
            os.waitpid(job.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    data = b""
    if status == 0:
        size = os.fstat(job.fd).st_size
        data = os.pread(job.fd, size, 0) if size else b""
    os.close(job.fd)
    if status != 0 or not data:
        data = job.local()  # the same result, made here
    job.done(data)


def _pump() -> None:
    """Hand back finished jobs, stop stuck ones, start queued ones up to :func:`limit`."""
    for job in list(_running):
        try:
            pid, status = os.waitpid(job.pid, os.WNOHANG)
            code = os.waitstatus_to_exitcode(status) if pid else 0
        except ChildProcessError:
            pid, code = job.pid, 1
        if pid:
            _running.remove(job)
            _collect(job, code)
        elif time.monotonic() - job.started > TIMEOUT:
            _running.remove(job)
            _collect(job, None)
    while _queue and len(_running) < limit():
        job = _queue.pop(0)
        if _start(job):
            _running.append(job)
        else:
            job.done(job.local())


def _wait_any() -> None:
    """Sleep until a running copy ends (or briefly, to check the time-out)."""
    deadline = min(job.started for job in _running) + TIMEOUT
    pause = 0.002
    while _running and time.monotonic() < deadline:
        for job in _running:
            pid, _ = _peek(job.pid)
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
