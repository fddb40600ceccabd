"""Every playbook's report as a reader sees it: headless Chromium at 1280 px, 390 px and A4.

Needs Chromium from the system's packages (``apt-get install chromium``; ``.ci/run`` installs
it when missing) and the ``playwright`` package; skipped when either is absent.
"""

from __future__ import annotations

import shutil

import pytest

from humaskit import playbooks

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = next(
    (p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

#: A4 width minus the print margins of templates/laporan/report.css, in CSS pixels.
A4_PRINT_WIDTH = round((210 - 24) / 25.4 * 96)

_MEASURE = """() => {
  const W = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > W + 1)
      .map(e => e.tagName + '.' + e.className + ' ' + (e.innerText || '').slice(0, 40));
  return {W, scrollW: document.documentElement.scrollWidth, wide,
          lang: document.documentElement.lang,
          noAlt: [...document.images].filter(i => !i.alt).length,
          images: document.images.length};
}"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return {name: playbooks.run(name, {}, out / name) for name in playbooks.available()}


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _open(browser, path, width, media="screen"):
    page = browser.new_page(viewport={"width": width, "height": 900})
    outside, errors = [], []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            return r.continue_()
        outside.append(r.request.url)
        return r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.emulate_media(media=media)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, outside, errors


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", playbooks.available())
def test_report_is_self_contained_and_fits_the_screen(reports, browser, name, width):
    page, outside, errors = _open(browser, reports[name], width)
    info = page.evaluate(_MEASURE)
    page.close()
    assert outside == [], f"requests outside the file: {outside[:3]}"
    assert errors == [], f"console errors: {errors[:3]}"
    assert info["lang"] == "id"
    assert info["noAlt"] == 0, "every chart has an alt text"
    assert info["scrollW"] <= info["W"], "the page scrolls sideways"
    assert info["wide"] == [], f"elements wider than the page: {info['wide'][:3]}"


@pytest.mark.parametrize("name", playbooks.available())
def test_report_prints_to_a4_without_clipping(reports, browser, name, tmp_path):
    page, outside, errors = _open(browser, reports[name], A4_PRINT_WIDTH, media="print")
    info = page.evaluate(_MEASURE)
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    assert outside == [] and errors == []
    assert info["wide"] == [], f"clipped in print: {info['wide'][:3]}"
    head = pdf.read_bytes()[:5]
    assert head == b"%PDF-" and pdf.stat().st_size > 10_000
