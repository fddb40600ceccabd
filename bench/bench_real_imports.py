"""Import every real platform export in ../shared/real-exports and print the import table.

One line per file: platform, table, account and how it was assigned (file / folder /
unknown), rows in the file (as a spreadsheet shows them), imported and skipped; files
that are not read say why. Each owner folder of ``more/`` is read as its own folder (as
an analyst would), the top-level platform folders together, then the whole tree once as
one folder. Exits 0 with a message when ../shared is absent (a fresh checkout).

Run: ``python bench/bench_real_imports.py [path/to/real-exports]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from humaskit.io import read_folder

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "real-exports"


def _rows(ws, root: Path) -> list[tuple]:
    out = []
    for imp in ws.imports:
        name = str(Path(imp.path).relative_to(root)) if imp.path.startswith(str(root)) else imp.path
        if imp.kind in ("unsupported", "damaged"):
            why = (imp.notes[0] if imp.notes else "")[:90]
            out.append((name, "-", imp.kind, "-", "-", "-", "-", "-", why))
            continue
        out.append(
            (
                name,
                imp.platform,
                imp.kind,
                imp.account[:28],
                imp.account_source,
                imp.rows_in_file,
                imp.imported,
                len(imp.skipped),
                "",
            )
        )
    return out


def _print(rows: list[tuple]) -> None:
    head = ("file", "platform", "kind", "account", "how", "rows", "imported", "skipped", "")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(8)]
    widths[0] = min(widths[0], 62)
    for r in [head, *rows]:
        cells = [str(c)[: widths[i]].ljust(widths[i]) for i, c in enumerate(r[:8])]
        for i in (5, 6, 7):
            cells[i] = str(r[i]).rjust(widths[i])
        print("  ".join(cells) + (f"  {r[8]}" if r[8] else ""))


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not root.is_dir():
        print(f"{root} is not here (a fresh checkout has no ../shared): nothing to measure.")
        return 0
    folders = [root / "more" / d.name for d in sorted((root / "more").iterdir()) if d.is_dir()]
    tables = []
    t0 = time.perf_counter()
    for folder in folders:
        tables += _rows(read_folder(folder), root)
    top = [d for d in sorted(root.iterdir()) if d.is_dir() and d.name != "more"]
    for folder in top:
        tables += _rows(read_folder(folder), root)
    per_folder = time.perf_counter() - t0
    _print(tables)
    ok = [r for r in tables if r[2] not in ("unsupported", "damaged")]
    accounted = all(r[5] == r[6] + r[7] for r in ok)
    how = {k: sum(1 for r in ok if r[4] == k) for k in ("file", "folder", "param", "unknown")}
    print()
    print(
        f"{len(tables)} files: {len(ok)} imported, {len(tables) - len(ok)} not read; "
        f"rows {sum(r[5] for r in ok):,} = imported {sum(r[6] for r in ok):,} "
        f"+ skipped {sum(r[7] for r in ok):,} (every file accounted: {accounted}); "
        f"accounts from {how}; {per_folder:.1f} s"
    )
    t0 = time.perf_counter()
    ws = read_folder(root)
    whole = time.perf_counter() - t0
    bad = [i for i in ws.imports if i.kind in ("unsupported", "damaged")]
    print(
        f"Whole tree as one folder: {len(ws.imports)} files, {len(bad)} not read, "
        f"{len(ws.accounts_seen())} accounts, posts {len(ws.posts):,}, daily "
        f"{len(ws.daily):,}, audience {len(ws.audience):,}; {whole:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
