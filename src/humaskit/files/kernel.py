"""The kernel a playbook runs in, and the work this process does while it runs.

:func:`humaskit.playbooks.run` executes a playbook with papermill in a Jupyter kernel. This
module holds what is specific to that: a kernel manager that keeps the kernel's own log
lines out of the terminal (:func:`quiet_kernel_manager`), papermill imported without the
parts a playbook never uses (:func:`import_papermill`), :class:`Background`, which does
work in this process (loading nbconvert for the HTML page) while it only waits for the
kernel, and :class:`EarlyKernel`, the kernel itself started before papermill is imported.

Starting the kernel first lets the two cores overlap: the kernel starts and imports what the
playbook imports (:func:`imports_of`, run by :func:`warm`) while this process imports
papermill and checks the parameters; papermill then runs the cells in that kernel, with
the injected-parameters cell, cell timings and errors as when it starts the kernel itself.

Examples
--------
>>> job = Background(sum, [1, 2, 3])
>>> job.result()
6
"""

from __future__ import annotations

import subprocess

__all__ = [
    "quiet_kernel_manager",
    "skip_unused_grammar",
    "import_papermill",
    "Background",
    "EarlyKernel",
    "imports_of",
    "warm",
]


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

        def client(self, **kw):  # noqa: ANN003
            # kept, so that whoever owns the kernel can close papermill's client with it
            kc = super().client(**kw)
            self.clients.append(kc)
            return kc

        @property
        def clients(self) -> list:
            return self.__dict__.setdefault("_humaskit_clients", [])

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


def quiet_dead_kernel_tasks() -> None:
    """Keep asyncio from printing a traceback for a cell cut off by a stopped kernel.

    After Ctrl-C (or a kernel that died) nbclient's cell task ends with ``DeadKernelError``
    that nobody reads, and asyncio logs it with a traceback when the task is collected.
    The run already said in one sentence what happened, so only that record is dropped.
    """
    import logging

    for name in ("asyncio", "papermill"):
        log = logging.getLogger(name)
        if not any(isinstance(f, _DeadKernelNoise) for f in log.filters):
            log.addFilter(_DeadKernelNoise())


class _DeadKernelNoise:
    """A logging filter dropping the English records of a kernel stopped mid-cell.

    asyncio's "never retrieved" record of ``DeadKernelError`` (a traceback) and nbclient's
    "Kernel died while waiting for execute reply." (logged through papermill's logger);
    the run says what happened in its own sentence.
    """

    def filter(self, record) -> bool:  # noqa: ANN001
        exc = record.exc_info[1] if record.exc_info else None
        if type(exc).__name__ == "DeadKernelError":
            return False
        return not str(record.msg).startswith("Kernel died while waiting")


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


#: Code cells' lines that are IPython syntax, not Python (skipped by :func:`imports_of`).
_MAGIC = ("%", "!")


def imports_of(sources) -> list[tuple[str, tuple[str, ...]]]:  # noqa: ANN001
    """The modules a notebook's code cells import at their top level, in order.

    Each is ``(module, names)``: ``import a.b`` gives ``("a.b", ())`` and ``from a import b,
    c`` gives ``("a", ("b", "c"))`` (``b`` may be a submodule, as the statement allows).
    Relative imports, imports inside blocks and cells that are not Python are left out.

    Examples
    --------
    >>> imports_of(["import os\\nfrom json import dumps as d, loads", "%time x = 1", "def ("])
    [('os', ()), ('json', ('dumps', 'loads'))]
    """
    import ast

    found: list[tuple[str, tuple[str, ...]]] = []
    for source in sources:
        lines = source.splitlines()
        code = "\n".join("" if ln.lstrip().startswith(_MAGIC) else ln for ln in lines)
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                items = [(a.name, ()) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                items = [(node.module, tuple(a.name for a in node.names if a.name != "*"))]
            else:
                continue
            found.extend(item for item in items if item not in found)
    return found


def warm(modules) -> None:  # noqa: ANN001
    """Import ``modules`` (pairs from :func:`imports_of`) without binding a name.

    Run in a playbook's kernel as it starts, so that the imports happen while the runner is
    still getting ready; a module that fails to import is left for the notebook's own
    import to report in its cell. What the imports made (modules, classes, functions: some
    150,000 objects, kept until the kernel ends) is then left out of the garbage
    collector's rounds (``gc.freeze``): each full round during the cells takes half as
    long, and the forked copies that draw the charts share those pages with the kernel.

    Examples
    --------
    >>> warm([("json", ("dumps",)), ("no_such_module_here", ())])
    >>> "no_such_module_here" in __import__("sys").modules
    False
    """
    import gc

    for name, names in modules:
        try:
            __import__(name, fromlist=list(names))
        except BaseException:  # noqa: BLE001, S112  (the notebook's cell says it, in its place)
            continue
    gc.freeze()


class EarlyKernel:
    """A playbook's kernel, started now (before papermill is imported) and stopped by us.

    ``warm_modules`` (from :func:`imports_of`) are imported by the kernel as it starts
    (IPython's ``exec_lines``: no name bound, nothing counted or kept in the history).
    The kernel gets this process's environment (plus ``env``) as it is now, so set what the
    notebook needs (output folder, language, plotting backend) first. Pass :attr:`km` to
    ``papermill.execute_notebook`` (``km=``): papermill runs the cells in it and leaves it
    running; call :meth:`request_stop` when the cells are done (the kernel stops while the
    page is written) and :meth:`stop` in every case (it kills a kernel still busy).

    Examples
    --------
    >>> k = EarlyKernel(env={"MPLBACKEND": "agg"})  # doctest: +SKIP
    >>> k.stop()  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        notebook=None,  # noqa: ANN001
        warm_modules=(),  # noqa: ANN001
        env: dict[str, str] | None = None,
        cwd: str | None = None,
    ) -> None:
        import os

        if notebook is not None:  # the modules the notebook imports (plain JSON: no nbformat)
            import json

            with open(notebook, encoding="utf-8") as fh:
                cells = json.load(fh).get("cells", [])
            code = (c.get("source", "") for c in cells if c.get("cell_type") == "code")
            found = imports_of("".join(c) if isinstance(c, list) else c for c in code)
            warm_modules = [*warm_modules, *found]

        from jupyter_core.utils import run_sync

        self._run_sync = run_sync
        self._stop_requested = False
        self._stopped = False
        self.km = quiet_kernel_manager()(kernel_name="python3")
        # the history file nbclient gives the kernels it starts (no sqlite file, no lock)
        args = ["--HistoryManager.hist_file=:memory:"]
        if warm_modules:
            line = f"__import__({__name__!r}, fromlist=['warm']).warm({list(warm_modules)!r})"
            args.append(f"--IPKernelApp.exec_lines={line}")
        try:
            run_sync(self.km.start_kernel)(
                extra_arguments=args,
                env={**os.environ, **(env or {})},
                cwd=cwd or os.getcwd(),
            )
        except BaseException:  # a Ctrl-C while it starts: no kernel is left behind
            self.stop()
            raise

    def execute(self, notebook, parameters: dict, *, on_start=None):  # noqa: ANN001
        """Run ``notebook`` with papermill in this kernel and return the executed notebook.

        As ``humaskit run`` always ran it (injected parameters, cell timings, errors raised
        as ``PapermillExecutionError``), with no output file: the caller writes the notebook
        once (:meth:`write`) instead of papermill writing it for it to be read back.
        ``on_start`` is called when the kernel answers, just before the first cell.
        """
        import os

        pm = import_papermill()
        quiet_dead_kernel_tasks()
        return pm.execute_notebook(
            str(notebook),
            None,
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=os.getcwd(),
            km=self.km,
            on_notebook_start=on_start,
        )

    @staticmethod
    def write(nb, path) -> None:  # noqa: ANN001
        """Write the executed notebook ``nb`` to ``path`` (nbformat, as papermill writes it)."""
        import nbformat

        nbformat.write(nb, str(path))

    def _silently(self, code: str, timeout: float = 5.0) -> None:
        """Run ``code`` in the kernel on papermill's client, silently; wait for its reply."""
        import time

        kc = self.km.clients[-1]

        async def ask() -> None:
            msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                reply = await kc.get_shell_msg(timeout=max(deadline - time.monotonic(), 0.01))
                if reply.get("parent_header", {}).get("msg_id") == msg_id:
                    return

        try:
            self._run_sync(ask)()
        except Exception:  # noqa: BLE001, S110  (no reply: the stop below still stops it)
            pass

    def _close_clients(self) -> None:
        for kc in self.km.clients:
            try:
                kc.stop_channels()
            except Exception:  # noqa: BLE001, S110  (a client already closed)
                pass
        self.km.clients.clear()

    def request_stop(self) -> None:
        """Ask the kernel to stop (the cells are done) and let it stop in the background.

        The kernel gets ``shutdown_wait_time`` to exit, as papermill would give it; this
        process meanwhile writes the page. A kernel that ran a report would spend one to two
        seconds of CPU at exit collecting its objects (and be stopped by a signal first), so
        they are frozen out of the garbage collector beforehand (``gc.freeze``, a silent
        request after the last cell): the kernel then exits in about a tenth of a second and
        its memory goes back to the system with the process.
        """
        if self._stop_requested or self._stopped:
            return
        import asyncio
        import threading

        if self.km.clients:
            self._silently("__import__('gc').freeze()")
        self._close_clients()
        self._run_sync(self.km.request_shutdown)()
        self._stop_requested = True
        # finish_shutdown only polls and signals the process (no sockets): safe in a thread
        self._finishing = threading.Thread(
            target=asyncio.run, args=(self.km.finish_shutdown(),), name="humaskit-kernel-stop"
        )
        self._finishing.start()

    def stop(self) -> None:
        """Stop the kernel: wait for a requested stop to end, else kill it at once.

        Idempotent; a second Ctrl-C cannot cut it short.
        """
        if self._stopped:
            return
        from .runfolder import shielded

        with shielded():
            self._stopped = True
            self._close_clients()
            km = self.km
            try:
                if self._stop_requested:
                    self._finishing.join()
                    if km.has_kernel:  # the thread failed: kill it here
                        self._run_sync(km.shutdown_kernel)(now=True)
                    else:
                        self._run_sync(km.cleanup_resources)()
                else:
                    self._run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001  (whatever happened, no kernel is left behind)
                if km.has_kernel:
                    self._run_sync(km.shutdown_kernel)(now=True)
