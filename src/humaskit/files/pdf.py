"""A PDF of a report, written beside its HTML when a PDF engine is on the machine.

The engine is headless Chromium from the system's packages (Debian/Ubuntu:
``apt-get install chromium``), driven through the ``playwright`` Python package (installed
with humaskit's test extra, or ``pip install playwright``; its own browser download is not
needed). It prints with the report's own print style (A4, repeated table headers, page
numbers). When either is missing, no PDF is written and :func:`write_pdf` says why; the
HTML report is complete without it, and the browser's "Print > Save as PDF" gives the same
document.

Examples
--------
>>> engine() is None or engine().endswith(("chromium", "chromium-browser"))
True
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["engine", "write_pdf", "Printer", "PdfNotMade"]


class PdfNotMade(Exception):
    """No PDF was written; the message says why and how to get one."""


def engine() -> str | None:
    """The path of the PDF engine (system Chromium) when it and playwright are installed."""
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

    Starting the engine (playwright's driver and Chromium) and opening a blank page take
    about a second; ``humaskit run`` starts it while the notebook runs, so only loading and
    printing the page remain after the HTML is written. Call :meth:`print` once, or
    :meth:`close` when there is nothing to print (a failed run). Without an engine,
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
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright

            try:
                with sync_playwright() as p:
                    browser = p.chromium.launch(
                        executable_path=exe, args=["--no-sandbox"], timeout=60_000
                    )
                    try:
                        page = browser.new_page()  # opened before the report is written
                        job = self._jobs.get()
                        if job is None:
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
        except PdfNotMade as exc:
            self._results.put(exc)
        except Exception as exc:  # noqa: BLE001  (the report stands without its PDF)
            self._results.put(PdfNotMade(t("report.pdf_failed", self._lang, error=str(exc))))

    def print(self, html: str | Path, pdf: str | Path | None = None) -> Path:
        """Print ``html`` to an A4 PDF beside it (or at ``pdf``) and return its path.

        Raises
        ------
        PdfNotMade
            When no engine is installed or printing failed (the message is one sentence).
        """
        html = Path(html)
        out = Path(pdf) if pdf is not None else html.with_suffix(".pdf")
        self.start()
        self._job_sent = True
        self._jobs.put((html, out))
        result = self._results.get()
        if self._thread.ident is not None:
            self._thread.join()
        self.printed = (html, result)
        if isinstance(result, PdfNotMade):
            raise result
        return result

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
