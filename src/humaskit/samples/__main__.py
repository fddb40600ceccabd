"""Regenerate the bundled sample tables: ``python -m humaskit.samples [FOLDER]``."""

from __future__ import annotations

import sys

from . import rebuild

USAGE = """usage: python -m humaskit.samples [FOLDER]

Regenerate the bundled sample tables (humaskit.samples.rebuild: seed, months and scale of
humaskit.samples.BUNDLED) into FOLDER, default the package's data/samples/, and list the
files written. Sample platform exports under data/samples/exports/ are left alone."""


def main(argv: list[str] | None = None) -> int:
    """Write the sample tables into ``FOLDER`` (default ``data/samples/``) and list them."""
    args = sys.argv[1:] if argv is None else argv
    if args and (args[0] in ("-h", "--help") or args[0].startswith("-") or len(args) > 1):
        print(USAGE)
        return 0 if args[0] in ("-h", "--help") else 2
    for path in rebuild(args[0] if args else None):
        print(f"{path}  {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
