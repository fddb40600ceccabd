"""Screenshots of every playbook's report as a reader sees it, and the summary card.

Runs every playbook on the sample data, opens each report in headless Chromium (the
system's package, driven by Playwright) at 1280 px (laptop) and 390 px (phone), saves a
screenshot of the first screen of each, prints each report to an A4 PDF and counts its
pages, and copies the monthly summary card. Prints one line per report.

    python bench/bench_screens.py [OUT_DIR]      # default: reports/layar/
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: pip install playwright")
        return 0
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is not installed (apt-get install chromium); nothing to show.")
        return 0
    from humaskit import playbooks

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "reports" / "layar"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        print(f"{'playbook':22} {'run s':>6} {'1280 px':>9} {'390 px':>9} {'A4 pages':>9}")
        for name in playbooks.available():
            started = time.perf_counter()
            report = playbooks.run(name, {}, Path(tmp) / name)
            seconds = time.perf_counter() - started
            heights = []
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 844})
                page.goto(report.as_uri())
                page.screenshot(path=str(out / f"{name}-{width}.png"))
                heights.append(page.evaluate("document.documentElement.scrollHeight"))
                page.close()
            page = browser.new_page()
            page.goto(report.as_uri())
            pdf = out / f"{name}.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True)
            page.close()
            pages = pdf.read_bytes().count(b"/Type /Page") - pdf.read_bytes().count(b"/Type /Pages")
            card = report.parent / "kartu-ringkasan.png"
            if card.exists():
                shutil.copy(card, out / f"{name}-kartu.png")
            print(
                f"{name:22} {seconds:6.1f} {heights[0]:7d}px {heights[1]:7d}px {pages:9d}"
                + ("  + kartu-ringkasan.png" if card.exists() else "")
            )
        browser.close()
    print(f"Screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
