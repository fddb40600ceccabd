"""The kernel of ``humaskit run``: started before papermill, used for the cells, always stopped.

`playbooks.run` starts the kernel first (it imports the playbook's modules while papermill
loads), papermill runs the cells in it, and the kernel is stopped after a report, after a
failed cell, and on Ctrl-C; a parameter mistake found before the run starts no kernel. The
PDF engine (Chromium) is closed in every case too.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import start_report
from humaskit import playbooks
from humaskit.errors import ParameterError
from humaskit.files import kernel as hkernel
from humaskit.files import pdf as hpdf

ROOT = Path(__file__).resolve().parents[1]
PROC = Path("/proc")


@pytest.fixture
def kernels(monkeypatch):
    """Every EarlyKernel `run` starts, with its process id and papermill's clients."""
    made: list = []

    class Recording(hkernel.EarlyKernel):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.pid = self.km.provisioner.process.pid
            self.clients_seen = 0
            made.append(self)

        def request_stop(self):
            self.clients_seen = max(self.clients_seen, len(self.km.clients))
            super().request_stop()

        def stop(self):
            self.clients_seen = max(self.clients_seen, len(self.km.clients))
            super().stop()

    monkeypatch.setattr(hkernel, "EarlyKernel", Recording)
    return made


def _pdf_facts(pdf: Path) -> tuple:
    """A PDF's page count, text and number of images (poppler-utils)."""
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    count = [ln for ln in pages.splitlines() if ln.startswith("Pages:")]
    return count, text, len(images.stdout.splitlines()) - 2


def _running(pid: int) -> bool:
    """True while ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    stat = PROC / str(pid) / "stat"
    if PROC.is_dir():
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return False
        return state not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _descendants(pid: int) -> list[int]:
    """Process ids below ``pid`` (Linux /proc), children first."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for children in (PROC / str(parent) / "task").glob("*/children"):
            try:
                kids = [int(x) for x in children.read_text().split()]
            except (FileNotFoundError, ProcessLookupError):
                continue
            found += kids
            todo += kids
    return found


def _name(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (FileNotFoundError, ProcessLookupError):
        return ""


def test_the_warm_up_imports_what_the_playbook_imports():
    nb = playbooks._read_nb("evaluasi-bulanan")
    found = hkernel.imports_of(c.source for c in nb.cells if c.cell_type == "code")
    assert ("humaskit", ()) in found
    assert all(name.split(".")[0] == "humaskit" for name, _ in found), found


def test_run_uses_the_early_kernel_and_stops_it(kernels, tmp_path):
    page = playbooks.run("evaluasi-bulanan", {"bagian_sentimen": "false"}, tmp_path)
    assert page.is_file() and len(kernels) == 1
    kernel = kernels[0]
    assert kernel.clients_seen >= 1, "papermill did not run the cells in the early kernel"
    assert not _running(kernel.pid) and not kernel.km.has_kernel
    # the warm-up counted nothing: the cells are numbered from 1 as in a fresh kernel
    import nbformat

    nb = nbformat.read(page.with_suffix(".ipynb"), as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), counts
    assert nb.metadata.papermill["output_path"].endswith("evaluasi-bulanan.ipynb")
    assert "language_info" in nb.metadata
    assert all("papermill" in c.metadata for c in nb.cells)


def test_a_failing_cell_stops_the_kernel(kernels, tmp_path):
    with pytest.raises(ParameterError, match="tidakada"):
        playbooks.run("evaluasi-bulanan", {"akun": "tidakada"}, tmp_path / "x", html=False)
    assert len(kernels) == 1 and not _running(kernels[0].pid)
    assert not (tmp_path / "x").exists()


def test_a_parameter_mistake_before_the_run_starts_no_kernel(kernels, tmp_path):
    with pytest.raises(ParameterError, match="periode"):
        playbooks.run("evaluasi-bulanan", {"periode": "Sept"}, tmp_path)
    with pytest.raises(ParameterError, match="--out"):
        playbooks.run("evaluasi-bulanan", {}, "/dev/null/x")
    assert kernels == []


def test_the_kernel_is_stopped_when_it_cannot_be_asked_to(monkeypatch):
    kernel = hkernel.EarlyKernel()
    pid = kernel.km.provisioner.process.pid
    kernel.stop()  # never asked to stop: killed
    kernel.stop()  # twice is harmless
    assert not _running(pid)


@pytest.mark.skipif(not PROC.is_dir(), reason="needs /proc to see the kernel and Chromium")
def test_ctrl_c_leaves_no_kernel_and_no_browser(tmp_path):
    out = tmp_path / "keluaran"
    proc = start_report(out)
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            below = _descendants(proc.pid)
            seen.update(below)
            if any("ipykernel" in _name(p) for p in below):
                break
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
        time.sleep(1.0)  # the kernel is importing or running cells
        seen.update(_descendants(proc.pid))
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "Kernel died" not in err  # no English log line before the run's own sentence
    left = [(p, _name(p)) for p in seen if _running(p)]
    assert left == [], left
    assert not out.exists()


@pytest.mark.skipif(not PROC.is_dir(), reason="needs /proc to see Chromium")
def test_the_pdf_is_printed_in_the_run_folder_and_the_browser_closed(kernels, tmp_path):
    if hpdf.engine() is None:
        pytest.skip("no PDF engine (Chromium) on this machine")
    before = set(_descendants(os.getpid()))
    printer = hpdf.Printer(lang="id")
    page = playbooks.run("evaluasi-bulanan", {"bagian_sentimen": "false"}, tmp_path, pdf=printer)
    pdf = printer.result_for(page)
    assert pdf == page.with_suffix(".pdf") and pdf.read_bytes()[:5] == b"%PDF-"
    assert not kernels[0].km.has_kernel
    # printed from the template's page while nbconvert finished the HTML: the same on paper
    # as the finished page printed afterwards, and the draft is not left in the folder
    assert [p.name for p in page.parent.iterdir() if p.name.startswith(".")] == []
    executed = json.loads(page.with_suffix(".ipynb").read_text(encoding="utf-8"))
    assert "title" not in executed["metadata"]  # the page's title stays in the page
    if all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdfimages")):
        again = hpdf.write_pdf(page, tmp_path / "dari-html.pdf")
        assert _pdf_facts(pdf) == _pdf_facts(again)
    left = [
        (p, _name(p))
        for p in set(_descendants(os.getpid())) - before
        if _running(p) and ("chrom" in _name(p) or "ipykernel" in _name(p))
    ]
    assert left == [], left


def test_a_stop_while_the_kernel_starts_leaves_no_kernel(monkeypatch):
    started: list[int] = []
    real = hkernel.quiet_kernel_manager

    def stopping_manager():
        cls = real()

        class Stopped(cls):
            async def start_kernel(self, **kw):
                await super().start_kernel(**kw)
                started.append(self.provisioner.process.pid)
                raise KeyboardInterrupt  # Ctrl-C just after the process was made

        return Stopped

    monkeypatch.setattr(hkernel, "quiet_kernel_manager", stopping_manager)
    with pytest.raises(KeyboardInterrupt):
        hkernel.EarlyKernel()
    assert len(started) == 1 and not _running(started[0])


def test_the_warm_up_leaves_what_it_imported_out_of_the_garbage_collectors_rounds():
    """The imports' objects live as long as the kernel: frozen, the collector's full rounds
    during the cells do not walk them again and again."""
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from humaskit.files.kernel import warm\n"
        "before = gc.get_freeze_count()\n"
        "warm([('fractions', ()), ('no_such_module_here', ())])\n"
        "print(before, gc.get_freeze_count() > before + 100, 'fractions' in __import__('sys').modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "True", "True"]
