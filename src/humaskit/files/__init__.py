"""The kit's own files, read and written: plans, schedules, registers, inventories, bundles.

Presentation layer. Platform exports are read by :mod:`humaskit.io` (reading layer); this
package holds the files the kit writes for people and reads back from them, one module per
kind of file:

- ``plan`` and ``plan_ics``: the monthly content plan as an xlsx workbook (one sheet per
  platform, drop-downs) and as an .ics calendar; ``plan.month_plan`` builds a month's plan
  from the calendar, the publics table and the targets for the rencana-konten playbook.
- ``schedule``: the posting schedule (xlsx, ics) of the jadwal-posting playbook.
- ``calendar``: the institution's own days (anniversaries, regional days) from CSV/XLSX.
- ``publics``: the institution's publics table (CSV/XLSX).
- ``escalation``: the list of overdue citizen messages for the head of office (xlsx).
- ``bundles``: the summary bundles (``ringkasan.json``) of many units, and targets files.
- ``register``: the register of influencers, ambassadors and citizen journalists (xlsx).
- ``inventory``, ``inventory_cells`` and ``findings``: the account inventory, security
  checklist and rules read in; the audit's findings and an empty template written out.
- ``safe``: every writer goes through it; it neutralises spreadsheet formulas and keeps
  cells typed (numbers, percentages, dates) with number formats.

A new kind of file the kit writes or reads back goes in a new module here; it may use every
step module (it sits above them) and must write through :mod:`humaskit.files.safe`.

Layer: entry points -> teaching -> **presentation** -> steps -> text -> reading -> core.
"""

from __future__ import annotations

from ..lazy import module_getattr

#: A file module, loaded on first use (``humaskit.files.plan``, ...).
__getattr__ = module_getattr(__name__)
