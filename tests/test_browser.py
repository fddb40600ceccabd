"""Every playbook's report as a reader sees it: headless Chromium at 1280 px, 390 px and A4.

Needs Chromium from the system's packages (``apt-get install chromium``; ``.ci/run`` installs
it when missing) and the ``playwright`` package; skipped when either is absent.
"""

from __future__ import annotations

import shutil

import pytest

from humaskit import playbooks

try:
    from playwright import sync_api as playwright
except ImportError:  # the language checks below still run
    playwright = None
CHROMIUM = next(
    (p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None
)
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or playwright is None, reason="Chromium or playwright is not installed"
)

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
    if CHROMIUM is None or playwright is None:
        pytest.skip("Chromium or playwright is not installed")
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


@needs_browser
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


#: The smallest chart text a phone reader can read, in CSS pixels.
MIN_CHART_TEXT_PX = 9

_CHARTS = """() => [...document.querySelectorAll('.jp-RenderedImage img')].map(img => {
  const pic = img.closest('picture');
  const src = pic ? [...pic.querySelectorAll('source')]
      .find(s => s.srcset === img.currentSrc) : null;
  const r = img.getBoundingClientRect();
  return {alt: img.alt.slice(0, 60), phone: !!src,
          textPx: parseFloat((src || img).dataset.textPx),
          natural: img.naturalWidth, shown: r.width, right: r.right,
          W: document.documentElement.clientWidth};
})"""


@needs_browser
@pytest.mark.parametrize("name", playbooks.available())
def test_report_charts_are_legible_on_a_phone(reports, browser, name):
    """At 390 px every chart shows its phone rendering, no wider than the screen, with text
    at least MIN_CHART_TEXT_PX high (font size in image pixels x shown width / natural width).
    """
    page, _, _ = _open(browser, reports[name], 390)
    charts = page.evaluate(_CHARTS)
    page.close()
    for c in charts:
        assert c["phone"], f"no phone rendering: {c['alt']}"
        assert c["right"] <= c["W"] + 1, f"wider than the screen: {c['alt']}"
        shown = c["textPx"] * c["shown"] / c["natural"]
        assert shown >= MIN_CHART_TEXT_PX, f"text {shown:.1f} px high: {c['alt']}"


#: One-word cells (handles, names) of tables of up to six columns, drawn on two lines.
_BROKEN_WORDS = """() => {
  const out = [];
  for (const table of document.querySelectorAll('.hk table.t')) {
    if (table.querySelectorAll('thead th').length >= 7) continue;  // wide: wraps anywhere
    for (const td of table.querySelectorAll('td')) {
      const text = td.textContent.trim();
      // a break after a hyphen is a proper one (warga-1a2b3c, 202510-FB-01)
      if (!text || /[\\s-]/.test(text) || text.length > 24 || td.offsetParent === null) continue;
      const range = document.createRange();
      range.selectNodeContents(td);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) out.push(text);
    }
  }
  return out;
}"""


@needs_browser
@pytest.mark.parametrize("name", playbooks.available())
def test_report_prints_to_a4_without_clipping(reports, browser, name, tmp_path):
    page, outside, errors = _open(browser, reports[name], A4_PRINT_WIDTH, media="print")
    info = page.evaluate(_MEASURE)
    charts = page.evaluate(_CHARTS)
    broken = page.evaluate(_BROKEN_WORDS)
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    assert outside == [] and errors == []
    assert info["wide"] == [], f"clipped in print: {info['wide'][:3]}"
    assert not any(c["phone"] for c in charts), "print shows the desktop charts"
    assert broken == [], f"words cut in two on paper: {broken[:5]}"
    head = pdf.read_bytes()[:5]
    assert head == b"%PDF-" and pdf.stat().st_size > 10_000


# ---------------------------------------------------------------- Indonesian throughout

#: English words of the kit's own vocabulary that once leaked into Indonesian outputs.
_EXTRA_ENGLISH = ("mention", "mentions", "published", "illustrative", "unpaid", "not a measurement")


def _english_vocabulary() -> set[str]:
    """The kit's English labels that an Indonesian reader must never see.

    :func:`humaskit.i18n.english_labels` (English texts of the catalogue that no Indonesian
    text uses, coded values with an underscore), and a few words that leaked before.
    """
    from humaskit.i18n import english_labels

    return set(english_labels()) | set(_EXTRA_ENGLISH)


def _visible_text(report) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser").get_text(" ")


def _files_text(folder) -> str:
    import openpyxl

    parts = []
    for f in sorted(folder.iterdir()):
        if f.suffix == ".xlsx":
            wb = openpyxl.load_workbook(f, read_only=True)
            for ws in wb.worksheets:
                parts.append(ws.title)
                for row in ws.iter_rows(values_only=True):
                    parts.extend(str(v) for v in row if isinstance(v, str))
        elif f.suffix == ".ics":
            parts.extend(
                line.split(":", 1)[1]
                for line in f.read_text(encoding="utf-8").splitlines()
                if line.startswith(("SUMMARY", "DESCRIPTION", "LOCATION"))
            )
    return "\n".join(parts)


def _english_in(text: str, words: set[str]) -> list[str]:
    import re

    return sorted(w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text))


@pytest.mark.parametrize("name", playbooks.available())
def test_indonesian_report_has_no_english_label(reports, name):
    assert _english_in(_visible_text(reports[name]), _english_vocabulary()) == []


@pytest.mark.parametrize("name", playbooks.available())
def test_indonesian_files_have_no_english_label(reports, name):
    assert _english_in(_files_text(reports[name].parent), _english_vocabulary()) == []
