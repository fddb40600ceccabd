"""Latihan checkers of notebook 06 (tata kelola akun): a proposed name, the safest 2FA method.

Each checker answers a learner with a :class:`~humaskit.teaching.core.Feedback` sentence; the
name checker asks :func:`humaskit.governance.name_issues`, so it judges exactly like the audit.

Examples
--------
>>> from humaskit import teaching
>>> teaching.check_two_factor_method("aplikasi", lang="en").correct
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..governance import name_issues
from ..i18n import t
from .core import Feedback, answer_guard, read_text

__all__ = ["check_name", "check_two_factor_method"]


def _na(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@answer_guard
def check_name(
    name: str,
    *,
    platform: str | None = None,
    others: Sequence[str] = (),
    rules: Mapping[str, Any] | None = None,
    lang: str | None = None,
) -> Feedback:
    """Check a proposed display name the way the audit would, with feedback for a learner.

    Parameters
    ----------
    name : str
        The proposed display name.
    platform : str, optional
        The platform, for its length limit.
    others : list of str
        Names of the institution's other accounts, to check abbreviation consistency.

    Returns
    -------
    humaskit.teaching.Feedback
        ``correct`` and a ``message`` in plain language.

    Examples
    --------
    >>> check_name("Dinas Kesehatan Kota Contoh", others=["Dinas Pendidikan Kota Contoh"],
    ...            lang="en").correct
    True
    >>> print(check_name("Dinkes Kota Contoh", others=["Dinas Pendidikan Kota Contoh",
    ...       "Dinas Kesehatan Hewan"], lang="en"))  # doctest: +ELLIPSIS
    ❌ ...abbreviation 'Dinkes' while other accounts write 'Dinas Kesehatan'...
    """
    if _na(name) or not str(name).strip():
        return Feedback(False, t("governance.exercise.empty", lang))
    name = str(name).strip()
    parts = name_issues(name, platform=platform, others=others, rules=rules, lang=lang)
    if parts:
        return Feedback(False, t("governance.exercise.fix", lang, issues="; ".join(parts)))
    return Feedback(True, t("governance.exercise.good", lang, name=name))


@answer_guard
def check_two_factor_method(answer: Any, *, lang: str | None = None) -> Feedback:
    """Check the learner's choice of the safest two-factor method: ``sms``, ``email`` or ``aplikasi``.

    Examples
    --------
    >>> check_two_factor_method("sms", lang="en").correct, check_two_factor_method("Aplikasi").correct
    (False, True)
    """
    low = " ".join(read_text(answer).lower().split()) if not _na(answer) else ""
    if low in (
        "aplikasi",
        "app",
        "aplikasi autentikator",
        "authenticator",
        "authenticator app",
        "kunci keamanan",
        "security key",
        "kunci",
        "key",
    ):
        return Feedback(True, t("governance.exercise.2fa_right", lang))
    if low in ("sms", "pesan singkat", "text", "text message"):
        return Feedback(False, t("governance.exercise.2fa_sms", lang))
    if low in ("email", "e-mail", "surel", "surat elektronik"):
        return Feedback(False, t("governance.exercise.2fa_email", lang))
    return Feedback(False, t("governance.exercise.2fa_unknown", lang, answer=answer))
