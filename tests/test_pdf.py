"""A PDF beside the report when Chromium is installed; one sentence when it is not."""

from __future__ import annotations

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
        pytest.skip("no PDF engine (Chromium + playwright) on this machine")
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
