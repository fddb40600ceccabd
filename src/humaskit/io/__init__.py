"""Reading and writing files: platform exports in, canonical tables out.

Only this package and :mod:`humaskit.samples` touch files. Every importer returns an
:class:`Import` holding one canonical table and an account of every row in the file
(``rows_in_file == len(table) + len(skipped)``); :func:`read_folder` merges a folder of
exports into a :class:`Workspace`.
"""

from __future__ import annotations

from .core import Import, Workspace

__all__ = ["Import", "Workspace", "read_export", "read_folder"]


def __getattr__(name: str):
    if name in ("read_export", "read_folder"):
        from . import readers

        return getattr(readers, name)
    raise AttributeError(f"module 'humaskit.io' has no attribute {name!r}")
