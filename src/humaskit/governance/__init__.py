"""Account governance: audit every account of an institution, the shared agenda, security.

Ministries, provinces and cities run dozens of accounts. This step checks them all against
one set of rules and says, per account, what passed, what failed and why:

``naming``            the display name / handle follow the pattern given as a rule
                      (e.g. ``"{unit} {region}"`` / ``"{prefix}{unit}"``), with a suggestion;
                      without a rule, the pattern most unit accounts of the platform follow
                      (``{unit}.kotauji``; see :func:`infer_naming_patterns`); the
                      institution's own account (named after it, or without a unit) is not
                      held to a unit pattern
``abbreviation``      one word written both abbreviated and in full across the accounts
                      ("Dinas PU Kota X" beside "Dinas Pekerjaan Umum Kota X"), and a unit
                      spelled out ("Dinas Pekerjaan Umum") where most units are written
                      short ("Dinkes", "Dishub"), or the other way round; found without
                      any rule, from a shipped list of government abbreviations plus pairs
                      learned from the inventory itself
``name_length``       display name and handle within the house and platform limits
``formality``         no informal words, emoji or all-capital names
``emblem_photo``      the institution's emblem as profile photo
``verified``          verified badge
``account_type``      a page / business / channel, not a personal profile
``two_factor``        two-factor authentication on
``password_age``      password changed within the limit
``admins``            enough admins (and not too many)
``assignment_letter`` the admin roster has an assignment letter (surat tugas)
``duplicate``         one account per unit per platform, no account listed twice
``active``            a post within the last N days (from the posts table)

Units missing a required account are not a check of one account: :func:`missing_accounts`
lists them (required units and platforms in, one row per missing account out).

Rules (limits, patterns) come from ``data/governance/rules.csv`` and can be changed per
call; weights from ``data/governance/checks.csv``. A check that cannot be made (the
inventory has no such column, no posts were given) is NA and does not count in the score.

Modules (one job each):

- :mod:`~humaskit.governance.rules`: the checks (:data:`CHECKS`), weights, labels and rules.
- :mod:`~humaskit.governance.context`: the frame a check works in (``AuditContext`` in,
  ``CheckResult`` out).
- :mod:`~humaskit.governance.audit`: :func:`audit_accounts`, running every check and scoring.
- :mod:`~humaskit.governance.naming`: checks naming, name_length, formality, abbreviation;
  :func:`name_issues` for one proposed name.
- :mod:`~humaskit.governance.abbreviations`: abbreviation pairs and conflicts across names,
  and the style (short or spelled out) each unit's name is written in.
- :mod:`~humaskit.governance.patterns`: the naming pattern inferred from the inventory.
- :mod:`~humaskit.governance.coverage`: :func:`missing_accounts` (units without a required
  account).
- :mod:`~humaskit.governance.identity`: checks emblem_photo, verified, account_type.
- :mod:`~humaskit.governance.security`: checks two_factor, password_age, admins,
  assignment_letter; the admins' :func:`security_checklist`.
- :mod:`~humaskit.governance.duplicates`: check duplicate.
- :mod:`~humaskit.governance.activity`: check active (inactive accounts, from posts).
- :mod:`~humaskit.governance.scoring`: findings, unit scores, scorecard, summary figures.
- :mod:`~humaskit.governance.display`: sentences, cards and translated tables for people.
- :mod:`~humaskit.governance.agenda`: the shared agenda carried by the unit accounts.
- ``_common``: shipped data files and small value helpers (private).

Layer: steps (entry points -> teaching -> presentation -> **steps** -> text -> reading ->
core). Takes and returns DataFrames; reads no files of the user and imports no other step
and nothing above: the Latihan checkers live in :mod:`humaskit.teaching.governance`, the
scorecard chart in :mod:`humaskit.plots.governance`, the inventory and findings files in
:mod:`humaskit.files.inventory` and :mod:`humaskit.files.findings`.

Adding a check: write ``def <check>_check(ctx: AuditContext) -> CheckResult`` in the module
of its theme, register it in ``CHECK_FUNCTIONS`` (:mod:`~humaskit.governance.audit`), and add
a row ``<check>,<weight>,<column>`` to ``data/governance/checks.csv`` with its
``governance.check.<check>`` label (and reasons) in the i18n files.

Examples
--------
>>> import pandas as pd
>>> accounts = pd.DataFrame({
...     "institution": "Pemkot Contoh", "unit": ["Dinas PU", "Dinas PU"],
...     "platform": ["instagram", "instagram"], "handle": ["dpu_contoh", "dpucontoh"],
...     "display_name": ["Dinas Pekerjaan Umum Kota Contoh", "Dinas PU Kota Contoh"],
...     "two_factor": [True, False]})
>>> audit = audit_accounts(accounts, today="2025-09-30", lang="en")
>>> audit["two_factor_ok"].tolist(), audit["duplicate_ok"].tolist()
([True, False], [True, False])
>>> audit.loc[1, "duplicate_reason"]
'Dinas PU has another Instagram account, @dpu_contoh: merge them or close this one'
"""

from __future__ import annotations

from ._common import _key as _key  # noqa: F401  (used by tests)
from .abbreviations import abbreviation_conflicts, abbreviation_pairs
from .agenda import (
    agenda_amplification,
    agenda_note,
    agenda_summary,
    amplification_matrix,
    amplification_summary,
    central_account,
)
from .audit import audit_accounts
from .coverage import missing_accounts, missing_note
from .display import describe_audit, for_display, headline, naming_suggestions, top_findings
from .naming import name_issues
from .patterns import infer_naming_patterns
from .rules import CHECKS, check_label, default_rules, resolve_rules
from .rules import _checks_table as _checks_table  # noqa: F401  (used by tests)
from .scoring import audit_summary, findings, findings_by_unit, scorecard, unit_scores
from .security import security_checklist

__all__ = [
    "CHECKS",
    "default_rules",
    "resolve_rules",
    "check_label",
    "audit_accounts",
    "findings",
    "findings_by_unit",
    "unit_scores",
    "scorecard",
    "audit_summary",
    "describe_audit",
    "headline",
    "top_findings",
    "naming_suggestions",
    "name_issues",
    "infer_naming_patterns",
    "missing_accounts",
    "missing_note",
    "agenda_note",
    "agenda_summary",
    "abbreviation_pairs",
    "abbreviation_conflicts",
    "central_account",
    "agenda_amplification",
    "amplification_matrix",
    "amplification_summary",
    "security_checklist",
    "for_display",
]
