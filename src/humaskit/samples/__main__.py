"""Regenerate the bundled sample tables: ``python -m humaskit.samples [FOLDER]``."""

from __future__ import annotations

import sys

from . import rebuild


def main(argv: list[str] | None = None) -> int:
    """Write the sample tables into ``FOLDER`` (default ``data/samples/``) and list them."""
    args = sys.argv[1:] if argv is None else argv
    for path in rebuild(args[0] if args else None):
        print(f"{path}  {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
