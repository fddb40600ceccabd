"""Snapshot what the importers make of every real export, the example exports and the samples.

Writes one text file per import (platform, kind, account, accounting, skipped rows with
reasons, notes, dtypes and the table as CSV) so that two checkouts can be compared with
``diff -r``: a speed-up of the readers must leave every row and every value as it was.

Usage::

    python tools/snapshot_imports.py DIR [extra files or folders...]
    diff -r OLD NEW
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real-exports"


def _describe(imp, root: Path | None) -> str:
    label = str(imp.path)
    if root is not None:
        label = label.replace(str(root), "<ROOT>")
    lines = [
        f"path: {label}",
        f"platform: {imp.platform}  kind: {imp.kind}  source: {imp.source}",
        f"account: {imp.account}  from: {imp.account_source}",
        f"rows_in_file: {imp.rows_in_file}  imported: {imp.imported}  skipped: {len(imp.skipped)}",
    ]
    lines += [
        f"note: {n}".replace(str(root), "<ROOT>") if root else f"note: {n}" for n in imp.notes
    ]
    for r, why in zip(imp.skipped["row"].tolist(), imp.skipped["reason"].tolist(), strict=True):
        lines.append(f"skip {r}: {why}")
    table = imp.table
    lines.append("dtypes: " + ", ".join(f"{c}={table[c].dtype}" for c in table.columns))
    body = table.to_csv(index=False)
    if len(body) > 2_000_000:
        lines.append(f"table sha1 {hashlib.sha1(body.encode()).hexdigest()} ({len(table)} rows)")
    else:
        lines.append(body)
    return "\n".join(lines)


def _workspace(ws, root: Path) -> str:
    out = []
    for name in ("posts", "mentions", "daily", "audience"):
        df = getattr(ws, name)
        out.append(f"## {name} {len(df)} rows")
        out.append("dtypes: " + ", ".join(f"{c}={df[c].dtype}" for c in df.columns))
        body = df.to_csv(index=False).replace(str(root), "<ROOT>")
        out.append(body if len(body) < 2_000_000 else hashlib.sha1(body.encode()).hexdigest())
    return "\n".join(out)


def snapshot(dest: Path, extra: list[Path]) -> None:
    os.environ.setdefault("HUMASKIT_SALT", "snapshot")
    sys.path.insert(0, str(ROOT / "src"))
    from humaskit.errors import HumaskitError
    from humaskit.io import read_export, read_folder
    from humaskit.io.examples import write_examples

    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        examples = write_examples(Path(tmp) / "examples")
        for f in (examples / "x").glob("*"):  # fixed mtimes: export days from mtime agree
            os.utime(f, (1_750_000_000, 1_750_000_000))
        for f in examples.rglob("*"):
            if f.is_file():
                os.utime(f, (1_750_000_000, 1_750_000_000))
        roots = [(examples, "examples"), (ROOT / "data/samples", "samples")]
        if REAL.is_dir():
            roots.append((REAL, "real"))
        roots += [(p, f"extra{i}") for i, p in enumerate(extra)]
        for root, tag in roots:
            if not root.exists():
                continue
            files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
            for f in files:
                rel = f.name if root.is_file() else f.relative_to(root).as_posix()
                target = dest / tag / (rel.replace("/", "__") + ".txt")
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    text = _describe(read_export(f, export_date="2026-07-01"), root)
                except HumaskitError as exc:
                    text = f"error {type(exc).__name__}: {exc}".replace(str(root), "<ROOT>")
                target.write_text(text, encoding="utf-8")
            if root.is_dir():
                folders = [root] + sorted({p.parent for p in files if p.parent != root})
                for folder in folders:
                    rel = folder.relative_to(root).as_posix().replace("/", "__") or "_root"
                    try:
                        ws = read_folder(folder, export_date="2026-07-01")
                        text = "\n\n".join(_describe(i, root) for i in ws.imports)
                        text += "\n\n" + _workspace(ws, root)
                    except HumaskitError as exc:
                        text = f"error {type(exc).__name__}: {exc}".replace(str(root), "<ROOT>")
                    target = dest / tag / "folders" / (rel + ".txt")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(text, encoding="utf-8")
            print(f"{tag}: {len(files)} files")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    snapshot(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
