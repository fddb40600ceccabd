"""The kit's own files, read and written: plans, schedules, registers, inventories, bundles.

Presentation layer. Platform exports are read by :mod:`humaskit.io` (reading layer); this
package holds the files the kit writes for people and reads back from them: the content-plan
workbook and calendar (``files.plan``), the schedule (``files.schedule``), the escalation list
(``files.escalation``), the partner register (``files.register``), the account inventory and
audit findings (``files.inventory``), evaluation bundles and targets (``files.bundles``),
the publics table (``files.publics``) and calendar tables (``files.calendar``). Every writer
goes through :mod:`humaskit.files.safe`, which neutralises spreadsheet formulas.

Layer: entry points -> teaching -> **presentation** -> steps -> text -> reading -> core.
"""

from __future__ import annotations

import importlib
from typing import Any


def __getattr__(name: str) -> Any:
    """Load a file module on first use (``humaskit.files.plan``, ...)."""
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{name}":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        raise
