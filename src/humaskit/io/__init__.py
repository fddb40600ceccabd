"""Reading and writing files: platform exports in, canonical tables out.

Only this package and :mod:`humaskit.samples` touch files. Every importer returns an
:class:`Import` holding one canonical table and an account of every row in the file
(``rows_in_file == len(table) + len(skipped)``); :func:`read_folder` merges a folder of
exports into a :class:`Workspace`.
"""

from __future__ import annotations

from .core import Import, Workspace

__all__ = ["Import", "Workspace", "read_export", "read_folder", "import_report"]


_READERS = ("read_export", "read_folder", "import_report", "failures")


def __getattr__(name: str):
    """Load readers and file modules on first use (``humaskit.io.plan``, ...)."""
    import importlib

    if name in _READERS:
        from . import readers

        return getattr(readers, name)
    try:
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError:
        raise AttributeError(f"module 'humaskit.io' has no attribute {name!r}") from None
