"""A PDF of a report, written beside its HTML when a PDF engine is on the machine.

The engine is headless Chromium from the system's packages (Debian/Ubuntu:
``apt-get install chromium``), driven over its DevTools pipe by :class:`Chromium` (no other
package needed; on a system without POSIX pipes, through the ``playwright`` package). It
prints with the report's own print style (A4, repeated table headers, page numbers). When
Chromium is missing, no PDF is written and :func:`write_pdf` says why; the HTML report is
complete without it, and the browser's "Print > Save as PDF" gives the same document.

Examples
--------
>>> engine() is None or engine().endswith(("chromium", "chromium-browser"))
True
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

__all__ = ["engine", "write_pdf", "Printer", "PdfNotMade", "Chromium"]


class PdfNotMade(Exception):
    """No PDF was written; the message says why and how to get one."""


def engine() -> str | None:
    """The path of the PDF engine (system Chromium), None when it is not installed.

    Without POSIX pipes (native Windows) Chromium is driven through playwright, which must
    then be installed too.
    """
    if os.name != "posix":
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            return None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def write_pdf(html: str | Path, pdf: str | Path | None = None, *, lang: str | None = None) -> Path:
    """Print the report ``html`` to an A4 PDF beside it (or at ``pdf``) and return its path.

    Raises
    ------
    PdfNotMade
        When no engine is installed or printing failed (the message is one sentence).
    """
    return Printer(lang=lang).print(html, pdf)


class Printer:
    """A PDF engine started in the background, to print a report once it is written.

    Starting Chromium (:class:`Chromium`) and opening a blank page take about half a
    second; ``humaskit run`` starts it while the notebook runs, so only loading and printing
    the page remain after the HTML is written. Call :meth:`print` once (or :meth:`submit`
    then :meth:`result`), or :meth:`close` when there is nothing to print (a failed run). Without an engine,
    :meth:`print` raises :class:`PdfNotMade` as :func:`write_pdf` does. The outcome is kept:
    :meth:`result_for` gives it again after the report's folder was renamed.

    Examples
    --------
    >>> printer = Printer(lang="en")
    >>> printer.close()
    """

    def __init__(self, *, lang: str | None = None, start: bool = True) -> None:
        import queue
        import threading

        self._lang = lang
        #: the page printed and what came of it (the PDF's path or the PdfNotMade raised)
        self.printed: tuple[Path, Path | PdfNotMade] | None = None
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        # not a daemon: Python waits for it at exit, so the browser is always closed (a
        # daemon thread stopped inside playwright's greenlets can crash the interpreter)
        self._thread = threading.Thread(target=self._work, name="humaskit-pdf")
        self._started = False
        self._job_sent = False
        self._page: Path | None = None
        self._drafts: list[Path] = []
        self._lock = threading.Lock()
        if start:
            self.start()

    def start(self) -> None:
        """Start the engine now (``Printer(start=False)`` waits for this or :meth:`print`).

        ``humaskit run`` starts it when the notebook's first cell is sent: until then both
        cores are busy starting the kernel and papermill.
        """
        with self._lock:
            if not self._started:
                self._started = True
                self._thread.start()

    def _work(self) -> None:
        from ..i18n import t

        try:
            exe = engine()
            if exe is None:
                raise PdfNotMade(t("report.pdf_no_engine", self._lang))
            if os.name != "posix":  # pragma: no cover  (no fd 3/4 pipes to hand Chromium)
                self._work_playwright(exe)
                return
            try:
                browser = Chromium(exe)
                try:
                    browser.open_page()  # before the report is written
                    job = self._jobs.get()
                    if job is None:  # closed: a print asked for after this says so
                        self._results.put(PdfNotMade(t("report.pdf_failed", self._lang, error="-")))
                        return
                    html, out = job
                    data = browser.print_pdf(html)
                    out.write_bytes(data)
                    self._results.put(out)
                finally:
                    browser.kill()  # a throwaway profile: no graceful shutdown to wait for
            except ChromiumError as exc:
                raise PdfNotMade(t("report.pdf_failed", self._lang, error=str(exc))) from None
        except PdfNotMade as exc:
            self._results.put(exc)
        except Exception as exc:  # noqa: BLE001  (the report stands without its PDF)
            self._results.put(PdfNotMade(t("report.pdf_failed", self._lang, error=str(exc))))

    def _work_playwright(self, exe: str) -> None:  # pragma: no cover  (native Windows only)
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        from ..i18n import t

        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=exe, args=["--no-sandbox"], timeout=60_000
                )
                try:
                    page = browser.new_page()
                    job = self._jobs.get()
                    if job is None:
                        self._results.put(PdfNotMade(t("report.pdf_failed", self._lang, error="-")))
                        return
                    html, out = job
                    page.goto(html.resolve().as_uri())
                    page.pdf(path=str(out), format="A4", print_background=True)
                    self._results.put(out)
                finally:
                    browser.close()
        except PlaywrightError as exc:
            error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise PdfNotMade(t("report.pdf_failed", self._lang, error=error)) from None

    def submit(
        self, html: str | Path, pdf: str | Path | None = None, *, source: str | Path | None = None
    ) -> None:
        """Start printing the page ``html`` to ``pdf`` (default beside it); do not wait.

        ``source`` is the file printed when it is not ``html`` itself (``humaskit run``
        prints the page as the template wrote it while nbconvert finishes ``html``). Only
        the first call prints; :meth:`result` waits for it.
        """
        if self._job_sent:
            return
        html = Path(html)
        out = Path(pdf) if pdf is not None else html.with_suffix(".pdf")
        self.start()
        self._job_sent = True
        self._page = html
        self._jobs.put((Path(source) if source is not None else html, out))

    def draft_of(self, html: str | Path) -> Callable[[str], None]:
        """A function that prints the text of a draft of the page ``html`` to its PDF.

        For :func:`humaskit.report.page.notebook_page`'s ``draft``: the text is written to a
        hidden file beside ``html`` and printed (:meth:`submit`) while the page itself is
        finished; :meth:`result` removes the file once printed.
        """
        html = Path(html)
        draft = html.with_name(f".{html.stem}-cetak.html")

        def submit(text: str) -> None:
            self._drafts.append(draft)
            draft.write_text(text, encoding="utf-8")
            self.submit(html, source=draft)

        return submit

    def result(self) -> Path:
        """The PDF :meth:`submit` asked for, once printed (the engine is then stopped).

        Raises
        ------
        PdfNotMade
            When no engine is installed or printing failed (the message is one sentence).
        """
        if self.printed is None:
            result = self._results.get()
            if self._thread.ident is not None:
                self._thread.join()
            self.printed = (self._page, result)
            for draft in self._drafts:
                draft.unlink(missing_ok=True)
        result = self.printed[1]
        if isinstance(result, PdfNotMade):
            raise result
        return result

    def try_result(self) -> Path | None:
        """:meth:`result`, giving None instead of raising (:meth:`result_for` says why)."""
        try:
            return self.result()
        except PdfNotMade:
            return None

    def print(self, html: str | Path, pdf: str | Path | None = None) -> Path:
        """Print ``html`` to an A4 PDF beside it (or at ``pdf``) and return its path.

        Raises
        ------
        PdfNotMade
            When no engine is installed or printing failed (the message is one sentence).
        """
        self.submit(html, pdf)
        return self.result()

    def try_print(self, html: str | Path) -> Path | None:
        """:meth:`print`, giving None instead of raising (:meth:`result_for` says why)."""
        try:
            return self.print(html)
        except PdfNotMade:
            return None

    def result_for(self, html: str | Path) -> Path:
        """The PDF of ``html``: printed now, or the one printed earlier beside the same page.

        ``humaskit run`` prints the page inside the run folder before the folder gets its
        final name; this gives the PDF's path in the folder ``html`` is in now (or raises
        the :class:`PdfNotMade` the print raised).
        """
        if self.printed is None:
            return self.print(html)
        page, result = self.printed
        if isinstance(result, PdfNotMade):
            raise result
        return Path(html).parent / result.relative_to(page.parent)

    def settle(self) -> None:
        """Wait for a print already asked for to end (a stopped run removes its folder after)."""
        if self._job_sent and self._thread.ident is not None:
            self._thread.join(timeout=60)

    def close(self, *, wait: bool = True) -> None:
        """Stop the engine without printing; with ``wait``, until it stopped (10 s at most).

        Without ``wait`` the engine stops in the background (a failed run says why at once);
        Python still waits for it before this process ends.
        """
        with self._lock:
            if not self._started:  # never started: nothing to stop, nothing to start later
                from ..i18n import t

                self._started = True
                self._results.put(PdfNotMade(t("report.pdf_failed", self._lang, error="-")))
                return
        self._jobs.put(None)
        if wait:
            self._thread.join(timeout=10)


class ChromiumError(Exception):
    """Chromium did not start, answer or print (the message is short, for a sentence)."""


#: Chromium's switches: those playwright 1.65 launches it with (quiet, no background work,
#: sRGB colours, no scroll bars), so the PDF is the one it printed.
_SWITCHES = (
    "--disable-field-trial-config",
    "--disable-background-networking",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-back-forward-cache",
    "--disable-breakpad",
    "--disable-component-extensions-with-background-pages",
    "--disable-component-update",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,"
    "HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,"
    "ThirdPartyStoragePartitioning,AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,"
    "NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch",
    "--allow-pre-commit-input",
    "--disable-hang-monitor",
    "--disable-ipc-flooding-protection",
    "--disable-popup-blocking",
    "--disable-prompt-on-repost",
    "--disable-renderer-backgrounding",
    "--force-color-profile=srgb",
    "--metrics-recording-only",
    "--no-first-run",
    "--password-store=basic",
    "--use-mock-keychain",
    "--no-service-autorun",
    "--disable-search-engine-choice-screen",
    "--disable-infobars",
    "--disable-sync",
    "--headless",
    "--hide-scrollbars",
    "--mute-audio",
    "--blink-settings=primaryHoverType=2,availableHoverTypes=2,"
    "primaryPointerType=4,availablePointerTypes=4",
    "--no-sandbox",
    "--no-startup-window",
    "--remote-debugging-pipe",
)

#: Page.printToPDF's settings: A4 (inches), no margins (the report's print style has them),
#: backgrounds printed, and the rest as playwright's ``page.pdf(format="A4")`` sends them.
_PRINT = {
    "landscape": False,
    "displayHeaderFooter": False,
    "headerTemplate": "",
    "footerTemplate": "",
    "printBackground": True,
    "scale": 1,
    "paperWidth": 8.27,
    "paperHeight": 11.7,
    "marginTop": 0,
    "marginBottom": 0,
    "marginLeft": 0,
    "marginRight": 0,
    "pageRanges": "",
    "preferCSSPageSize": False,
    "generateTaggedPDF": False,
    "generateDocumentOutline": False,
    "transferMode": "ReturnAsBase64",
}


class Chromium:
    """Headless Chromium driven over its DevTools pipe, with a throwaway profile.

    Chromium reads commands on file descriptor 3 and answers on 4 (``--remote-debugging-pipe``,
    JSON messages ending in a NUL byte), so no driver process runs beside it. It runs in its
    own session (a Ctrl-C in the terminal reaches this process only) and :meth:`kill` ends
    its whole process group and removes its profile; it also exits by itself when this
    process ends (its pipe closes).

    Examples
    --------
    >>> exe = engine()
    >>> if exe is not None and os.name == "posix":
    ...     browser = Chromium(exe)
    ...     browser.kill()
    """

    def __init__(self, exe: str, *, timeout: float = 60.0) -> None:
        import subprocess
        import tempfile

        self.timeout = timeout
        # in memory where the system has it: Chromium's files (sqlite, caches) are written,
        # synced and removed again in milliseconds instead of a few tenths of a second
        shm = "/dev/shm"
        memory = shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None
        self._profile = tempfile.mkdtemp(prefix="humaskit-chromium-", dir=memory)
        self._buffer = b""
        self._next = 0
        self._session: str | None = None
        self._events: list[dict] = []
        self._killed = False
        commands, self._to = os.pipe()
        self._from, answers = os.pipe()
        try:
            # the shell moves the pipe ends to fds 3 and 4, where Chromium looks for them
            self.proc = subprocess.Popen(
                [
                    "/bin/sh",
                    "-c",
                    'exec "$@" 3<&0 4>&1 </dev/null >/dev/null',
                    "sh",
                    exe,
                    *_SWITCHES,
                    f"--user-data-dir={self._profile}",
                ],
                stdin=commands,
                stdout=answers,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            for fd in (self._to, self._from):
                os.close(fd)
            shutil.rmtree(self._profile, ignore_errors=True)
            raise ChromiumError(str(exc)) from None
        finally:
            os.close(commands)
            os.close(answers)

    # -- the pipe ------------------------------------------------------------------------

    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        import json

        self._next += 1
        msg: dict = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._to, data) :]
        except OSError:
            raise ChromiumError("Chromium stopped") from None
        return self._next

    def _receive(self, deadline: float) -> dict:
        import json
        import select
        import time

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChromiumError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from], [], [], left)
            if ready:
                chunk = os.read(self._from, 1 << 20)
                if not chunk:
                    raise ChromiumError("Chromium stopped")
                self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, *, page: bool = True) -> dict:
        """Send one DevTools command (to the page, or to the browser) and return its result.

        Events that arrive meanwhile are kept for :meth:`wait_for`.
        """
        import time

        sent = self._send(method, params, self._session if page else None)
        deadline = time.monotonic() + self.timeout
        while True:
            msg = self._receive(deadline)
            if msg.get("id") == sent:
                if "error" in msg:
                    raise ChromiumError(str(msg["error"].get("message", msg["error"])))
                return msg.get("result", {})
            if "method" in msg:
                self._events.append(msg)

    def wait_for(self, event: str) -> dict:
        """Wait for the page's ``event`` (one kept by :meth:`call` counts) and return it."""
        import time

        deadline = time.monotonic() + self.timeout
        while True:
            for i, msg in enumerate(self._events):
                if msg.get("method") == event and msg.get("sessionId") == self._session:
                    del self._events[i]
                    return msg
            self._events.clear()
            msg = self._receive(deadline)
            if "method" in msg:
                self._events.append(msg)

    # -- the page ------------------------------------------------------------------------

    def open_page(self) -> None:
        """Open the blank page the report is printed from (1280 x 720, as playwright's).

        Pages load in print media: Chromium lays a report out once, for paper, instead of for
        the screen first (every row of every table, the phone pictures' sources) and again
        for paper when it prints. The PDF is the same; printing it takes a quarter to a
        third less time.
        """
        target = self.call("Target.createTarget", {"url": "about:blank"}, page=False)
        attached = self.call(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, page=False
        )
        self._session = attached["sessionId"]
        self.call("Page.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False},
        )
        self.call("Emulation.setEmulatedMedia", {"media": "print"})

    def print_pdf(self, html: str | Path) -> bytes:
        """Load the page ``html`` (its load event: images decoded) and print it to an A4 PDF."""
        import base64

        if self._session is None:
            self.open_page()
        self._events.clear()
        went = self.call("Page.navigate", {"url": Path(html).resolve().as_uri()})
        if went.get("errorText"):
            raise ChromiumError(went["errorText"])
        self.wait_for("Page.loadEventFired")
        return base64.b64decode(self.call("Page.printToPDF", _PRINT)["data"])

    def kill(self) -> None:
        """Stop Chromium and every process it started at once, and remove its profile.

        The killed processes are not waited for (their memory goes back to the system in a
        tenth of a second or so, on its own): the browser's own process is reaped in the
        background, or by the system when this process ends first.
        """
        import signal
        import threading

        if self._killed:
            return
        self._killed = True
        for fd in (self._to, self._from):
            os.close(fd)
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # its own session: its process group
        except OSError:
            pass
        shutil.rmtree(self._profile, ignore_errors=True)
        if os.path.exists(self._profile):  # a file made as it was killed: once it is gone
            self.proc.wait()
            shutil.rmtree(self._profile, ignore_errors=True)
        threading.Thread(target=self.proc.wait, name="humaskit-chromium-reap", daemon=True).start()
