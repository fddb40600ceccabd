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

__all__ = ["engine", "write_pdf", "PdfNotMade"]


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
    from ..i18n import t

    html = Path(html)
    out = Path(pdf) if pdf is not None else html.with_suffix(".pdf")
    exe = engine()
    if exe is None:
        raise PdfNotMade(t("report.pdf_no_engine", lang))
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.goto(html.resolve().as_uri())
                page.pdf(path=str(out), format="A4", print_background=True)
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PdfNotMade(t("report.pdf_failed", lang, error=str(exc).splitlines()[0])) from None
    return out
