"""The kernel a playbook runs in, and the work this process does while it runs.

:func:`humaskit.playbooks.run` executes a playbook with papermill in a Jupyter kernel. This
module holds what is specific to that: a kernel manager that keeps the kernel's own log
lines out of the terminal (:func:`quiet_kernel_manager`), papermill imported without the
parts a playbook never uses (:func:`import_papermill`), and :class:`Background`, which does
work in this process (loading nbconvert for the HTML page) while it only waits for the
kernel.

Examples
--------
>>> job = Background(sum, [1, 2, 3])
>>> job.result()
6
"""

from __future__ import annotations

import subprocess

__all__ = ["quiet_kernel_manager", "skip_unused_grammar", "import_papermill", "Background"]


def quiet_kernel_manager():
    """The kernel manager class of a playbook run (quiet, quick to shut down)."""
    from jupyter_client.manager import AsyncKernelManager

    class _QuietKernel(AsyncKernelManager):
        # About one papermill run in twelve stalls ~3 s at kernel shutdown; 0.5 s avoids it.
        shutdown_wait_time = 0.5

        async def start_kernel(self, **kw):  # noqa: ANN003
            # The kernel's own log lines (transport warnings, shutdown notices) are noise for
            # a report user; cell output and errors still arrive through the kernel protocol.
            kw.setdefault("stderr", subprocess.DEVNULL)
            return await super().start_kernel(**kw)

    return _QuietKernel


def skip_unused_grammar() -> None:
    """Keep jsonschema from compiling its IRI grammar when papermill is imported.

    jupyter-events asks for ``jsonschema[format-nongpl]``, whose ``rfc3987_syntax`` builds a
    parser at import (about 0.8 s on a quiet laptop, 4 s on a busy one). A report never
    validates IRIs, so the optional format check is left out of this process (jsonschema
    skips a format whose module cannot be imported).
    """
    import sys

    sys.modules.setdefault("rfc3987_syntax", None)


def import_papermill():
    """``papermill``, imported without its HDFS support.

    ``papermill.iorw`` imports ``pyarrow.fs`` (and with it pyarrow and numpy, about 0.3 s)
    in case a notebook is read from HDFS; a playbook never is, so that import is skipped
    while papermill loads (papermill then says pyarrow is missing only for an ``hdfs://``
    path) and allowed again afterwards.
    """
    import sys

    skip_unused_grammar()
    if "papermill.iorw" in sys.modules or "pyarrow.fs" in sys.modules:
        import papermill

        return papermill
    sys.modules["pyarrow.fs"] = None  # type: ignore[assignment]
    try:
        import papermill
    finally:
        if sys.modules.get("pyarrow.fs", 0) is None:
            del sys.modules["pyarrow.fs"]
    return papermill


class Background:
    """Run ``fn(*args)`` in a thread while the notebook runs; :meth:`result` waits for it
    and gives None when it failed (the caller then does the work itself)."""

    def __init__(self, fn, *args) -> None:  # noqa: ANN001
        import threading

        self._value = None
        # not a daemon: a run that stops early still ends after it, not inside an import
        self._thread = threading.Thread(target=self._run, args=(fn, args))
        self._thread.start()

    def _run(self, fn, args) -> None:  # noqa: ANN001
        try:
            self._value = fn(*args)
        except Exception:  # noqa: BLE001  (the work is done again in the foreground)
            self._value = None

    def result(self):
        self._thread.join()
        return self._value
