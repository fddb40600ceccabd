"""Snapshot every playbook's and notebook's outputs on the samples, and compare snapshots.

A restructure must leave what users see unchanged. This script runs every playbook with its
defaults (on the sample data) and executes every teaching notebook, then writes a folder of
normalised text files: the report HTML and ``ringkasan.json`` with run times, timestamps and
temporary paths blanked; xlsx sheets as cell values; ics events as sorted lines; notebook
outputs cell by cell (text as is, images as a hash). Compare two snapshots with ``--compare``.

Usage::

    python tools/snapshot_outputs.py snapshot DIR      # write a snapshot of this checkout
    python tools/snapshot_outputs.py compare OLD NEW   # list every file that differs
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_VOLATILE = [
    (re.compile(r"\d{8}-\d{6}(-\d+)?"), "<STAMP>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2})?"), "<NOW>"),
    (re.compile(r"\"seconds\": [0-9.]+"), '"seconds": <S>'),
    (re.compile(r"/tmp/[^\s\"'<>]*"), "<TMP>"),
    (re.compile(r"\.[a-z-]+-[a-z0-9_]{8}"), "<TMPDIR>"),
    (re.compile(r"0x[0-9a-f]{6,}"), "<ADDR>"),
    (re.compile(r"cell-id=[0-9a-f-]+"), "cell-id=<ID>"),
    (re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?=\.</div>)"), "<NOW>"),
]


def _clean(text: str) -> str:
    text = text.replace(str(ROOT), "<CHECKOUT>")
    for pattern, repl in _VOLATILE:
        text = pattern.sub(repl, text)
    return text


def _xlsx_text(path: Path) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    lines = []
    for ws in wb.worksheets:
        lines.append(f"## sheet {ws.title}")
        for row in ws.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else str(v) for v in row))
    return "\n".join(lines)


def _ics_text(path: Path) -> str:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("DTSTAMP")]
    return "\n".join(lines)


def _outputs_text(nb: dict) -> str:
    out = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        for o in cell.get("outputs", []):
            kind = o.get("output_type")
            if kind == "stream":
                out.append(f"[{i}] {o.get('name')}: {''.join(o.get('text', ''))}")
            elif kind in ("execute_result", "display_data"):
                data = o.get("data", {})
                for mime in sorted(data):
                    value = data[mime]
                    if mime.startswith("image/"):
                        raw = value if isinstance(value, str) else json.dumps(value)
                        out.append(f"[{i}] {mime}: sha1 {hashlib.sha1(raw.encode()).hexdigest()}")
                    elif mime == "application/vnd.jupyter.widget-view+json":
                        out.append(f"[{i}] widget")
                    else:
                        text = value if isinstance(value, str) else "".join(value)
                        if not isinstance(value, (str, list)):
                            text = json.dumps(value, sort_keys=True)
                        out.append(f"[{i}] {mime}: {text}")
            elif kind == "error":
                out.append(f"[{i}] error: {o.get('ename')}: {o.get('evalue')}")
    return _clean("\n".join(out))


def snapshot(dest: Path) -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ["HUMASKIT_SALT"] = "snapshot"  # the same pseudonyms in every snapshot
    sys.path.insert(0, str(ROOT / "src"))
    import nbformat
    from nbclient import NotebookClient

    from humaskit import playbooks

    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in playbooks.available():
            report = playbooks.run(name, {}, Path(tmp) / name)
            folder = report.parent
            for f in sorted(folder.iterdir()):
                target = dest / "playbooks" / name / (f.name + ".txt")
                target.parent.mkdir(parents=True, exist_ok=True)
                if f.suffix == ".xlsx":
                    text = _xlsx_text(f)
                elif f.suffix == ".ics":
                    text = _ics_text(f)
                elif f.suffix == ".ipynb":
                    text = _outputs_text(json.loads(f.read_text(encoding="utf-8")))
                elif f.suffix in (".html", ".json", ".csv", ".txt"):
                    text = f.read_text(encoding="utf-8")
                else:
                    text = "sha1 " + hashlib.sha1(f.read_bytes()).hexdigest()
                target.write_text(_clean(text), encoding="utf-8")
            print(f"playbook {name}: {len(list(folder.iterdir()))} files")
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            work = Path(tmp) / "nb" / path.stem
            work.mkdir(parents=True)
            NotebookClient(
                nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                allow_errors=True,
            ).execute()
            target = dest / "notebooks" / (path.stem + ".txt")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_outputs_text(nb), encoding="utf-8")
            print(f"notebook {path.name}: {len(nb.cells)} cells")


def compare(old: Path, new: Path) -> int:
    files = sorted({p.relative_to(old) for p in old.rglob("*") if p.is_file()}
                   | {p.relative_to(new) for p in new.rglob("*") if p.is_file()})
    differ = 0
    for rel in files:
        a, b = old / rel, new / rel
        if not a.exists() or not b.exists():
            print(f"only in {'new' if b.exists() else 'old'}: {rel}")
            differ += 1
            continue
        ta, tb = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
        if ta != tb:
            differ += 1
            print(f"differs: {rel}")
            diff = difflib.unified_diff(ta.splitlines(), tb.splitlines(), lineterm="", n=0)
            for line in list(diff)[:12]:
                print("   ", line[:200])
    print(f"{len(files)} files compared, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "snapshot":
        snapshot(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        print(__doc__)
        sys.exit(2)
