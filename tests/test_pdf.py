"""A PDF beside the report when Chromium is installed; one sentence when it is not."""

from __future__ import annotations

import shutil

import pytest

from humaskit import cli
from humaskit.files import pdf as hpdf


def _page(tmp_path):
    html = tmp_path / "laporan.html"
    html.write_text(
        '<!DOCTYPE html><html lang="id"><body><h1>Laporan</h1><p>Isi</p></body></html>',
        encoding="utf-8",
    )
    return html


def test_pdf_is_written_beside_the_html(tmp_path):
    if hpdf.engine() is None:
        pytest.skip("no PDF engine (Chromium) on this machine")
    out = hpdf.write_pdf(_page(tmp_path))
    assert out == tmp_path / "laporan.pdf"
    assert out.read_bytes()[:5] == b"%PDF-"


def test_without_an_engine_one_sentence_says_how_to_get_a_pdf(tmp_path, monkeypatch):
    monkeypatch.setattr(hpdf, "engine", lambda: None)
    with pytest.raises(hpdf.PdfNotMade) as err:
        hpdf.write_pdf(_page(tmp_path), lang="id")
    text = str(err.value)
    assert "apt-get install chromium" in text and "Simpan sebagai PDF" in text
    assert not (tmp_path / "laporan.pdf").exists()


def test_cli_run_reports_the_pdf_or_why_not(tmp_path, monkeypatch, capsys):
    from humaskit import playbooks

    page = _page(tmp_path)
    monkeypatch.setattr(playbooks, "run", lambda name, params, out, pdf=None: page)
    monkeypatch.setattr(hpdf, "engine", lambda: None)
    assert cli.main(["run", "evaluasi-bulanan"]) == 0
    err = capsys.readouterr().err
    assert "PDF tidak dibuat" in err and "Traceback" not in err
    assert cli.main(["run", "evaluasi-bulanan", "--tanpa-pdf"]) == 0
    assert "PDF" not in capsys.readouterr().err


def test_a_printer_started_late_prints_and_settles(tmp_path):
    printer = hpdf.Printer(lang="id", start=False)
    printer.settle()  # nothing asked: returns at once
    if hpdf.engine() is None:
        with pytest.raises(hpdf.PdfNotMade):
            printer.print(_page(tmp_path))
        return
    out = printer.try_print(_page(tmp_path))
    printer.settle()
    assert out == tmp_path / "laporan.pdf" and out.read_bytes()[:5] == b"%PDF-"
    moved = tmp_path / "pindah"
    moved.mkdir()
    (tmp_path / "laporan.pdf").rename(moved / "laporan.pdf")
    assert printer.result_for(moved / "laporan.html") == moved / "laporan.pdf"


def test_a_printer_closed_before_it_started_says_so(tmp_path):
    printer = hpdf.Printer(lang="id", start=False)
    printer.close()
    assert printer.try_print(_page(tmp_path)) is None
    with pytest.raises(hpdf.PdfNotMade):
        printer.result_for(_page(tmp_path))


def _report_like(tmp_path):
    """A page that prints on several A4 pages: headings, a long table and an inline PNG."""
    import base64
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (600, 300), (30, 120, 200)).save(buf, format="PNG")
    png = base64.b64encode(buf.getvalue()).decode()
    rows = "".join(f"<tr><td>Baris {i}</td><td>{i * 37 % 101}</td></tr>" for i in range(160))
    html = tmp_path / "panjang.html"
    html.write_text(
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><style>'
        "@media print { thead { display: table-header-group; } tr { break-inside: avoid; } }"
        "</style></head><body><h1>Laporan uji</h1>"
        f'<img src="data:image/png;base64,{png}" alt="grafik">'
        f"<table><thead><tr><th>Nama</th><th>Nilai</th></tr></thead>{rows}</table>"
        "<p>Akhir laporan</p></body></html>",
        encoding="utf-8",
    )
    return html


def _pdf_facts(pdf):
    import subprocess

    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    count = [ln for ln in pages.splitlines() if ln.startswith("Pages:")]
    return count, text, len(images.stdout.splitlines()) - 2


def test_the_pdf_is_the_one_playwright_printed(tmp_path):
    """Chromium driven over its pipe prints what playwright's page.pdf(format="A4") did."""
    playwright = pytest.importorskip("playwright.sync_api")
    exe = hpdf.engine()
    if exe is None or not all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdfimages")):
        pytest.skip("needs Chromium and poppler-utils (pdfinfo, pdftotext, pdfimages)")
    html = _report_like(tmp_path)
    ours = hpdf.write_pdf(html, tmp_path / "kita.pdf")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(html.resolve().as_uri())
        page.pdf(path=str(tmp_path / "playwright.pdf"), format="A4", print_background=True)
        browser.close()
    facts = _pdf_facts(ours)
    assert facts == _pdf_facts(tmp_path / "playwright.pdf")
    count, text, images = facts
    assert count != ["Pages:           1"] and "Baris 159" in text and images == 1


def _group(pgid: int, *, gone_within: float = 0.0) -> list[int]:
    """Live processes of process group ``pgid`` (zombies waiting to be reaped are not),
    waiting up to ``gone_within`` seconds for killed ones to finish dying."""
    import time
    from pathlib import Path

    deadline = time.monotonic() + gone_within
    while True:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
                found.append(int(stat.parent.name))
        if not found or time.monotonic() >= deadline:
            return found
        time.sleep(0.05)


@pytest.mark.skipif(not __import__("os").path.isdir("/proc"), reason="needs /proc")
def test_chromium_is_killed_with_every_process_and_its_profile(tmp_path):
    from pathlib import Path

    if hpdf.engine() is None:
        pytest.skip("no Chromium on this machine")
    browser = hpdf.Chromium(hpdf.engine())
    browser.open_page()
    data = browser.print_pdf(_page(tmp_path))
    assert data[:5] == b"%PDF-"
    assert len(_group(browser.proc.pid)) > 1  # the browser and its helpers, in one group
    profile = Path(browser._profile)
    assert profile.is_dir()
    browser.kill()
    browser.kill()  # twice is harmless
    assert _group(browser.proc.pid, gone_within=5) == []
    assert not profile.exists()


def test_a_printer_closed_while_chromium_starts_leaves_nothing(tmp_path, monkeypatch):
    if hpdf.engine() is None:
        pytest.skip("no Chromium on this machine")
    made = []
    real = hpdf.Chromium

    class Recording(real):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            made.append(self)

    monkeypatch.setattr(hpdf, "Chromium", Recording)
    printer = hpdf.Printer(lang="id")
    printer.close()  # a failed run: the engine stops without printing
    assert printer.try_print(_page(tmp_path)) is None
    assert len(made) == 1 and made[0].proc.wait(timeout=5) is not None
    assert _group(made[0].proc.pid, gone_within=5) == []
    assert not __import__("os").path.exists(made[0]._profile)


def test_a_chromium_that_stops_answering_is_one_sentence(tmp_path, monkeypatch):
    if hpdf.engine() is None:
        pytest.skip("no Chromium on this machine")
    monkeypatch.setattr(hpdf.Chromium, "print_pdf", lambda self, html: self.call("No.such"))
    with pytest.raises(hpdf.PdfNotMade, match="PDF tidak dibuat") as err:
        hpdf.write_pdf(_page(tmp_path), lang="id")
    assert "\n" not in str(err.value)
    assert not (tmp_path / "laporan.pdf").exists()


def test_a_draft_is_printed_to_the_pages_pdf_and_removed(tmp_path):
    source = tmp_path / "sumber"
    source.mkdir()
    draft = _page(source).read_text(encoding="utf-8")
    page = tmp_path / "laporan.html"  # not written yet: its draft is printed meanwhile
    printer = hpdf.Printer(lang="id")
    printer.draft_of(page)(draft)
    page.write_text("<p>halaman akhir</p>", encoding="utf-8")
    printer.submit(page)  # the draft was sent: nothing more is printed
    out = printer.try_result()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    if hpdf.engine() is None:
        assert out is None
        return
    assert out == tmp_path / "laporan.pdf" and out.read_bytes()[:5] == b"%PDF-"
    assert printer.result_for(page) == out
    if shutil.which("pdftotext"):
        assert "Laporan" in _pdf_facts(out)[1]  # the draft's text


def test_the_page_is_laid_out_for_paper_from_the_start(tmp_path):
    """Chromium lays the report out once, in print media, not for the screen and then again."""
    if hpdf.engine() is None:
        pytest.skip("no Chromium on this machine")
    browser = hpdf.Chromium(hpdf.engine())
    try:
        browser.open_page()
        data = browser.print_pdf(_page(tmp_path))
        media = browser.call(
            "Runtime.evaluate", {"expression": "matchMedia('print').matches", "returnByValue": True}
        )
    finally:
        browser.kill()
    assert data[:5] == b"%PDF-" and media["result"]["value"] is True
