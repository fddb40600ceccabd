"""The checks an audit makes, their weights, and the rules (limits, patterns) they apply.

The checks and weights come from ``data/governance/checks.csv``, the default rules from
``data/governance/rules.csv``; :func:`resolve_rules` merges a team's rules over them.

Examples
--------
>>> CHECKS[:2], default_rules()["min_admins"]
(('naming', 'abbreviation'), 2)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import _read_csv

__all__ = ["CHECKS", "check_label", "default_rules", "resolve_rules"]


@lru_cache(maxsize=1)
def _checks_table() -> pd.DataFrame:
    df = _read_csv("checks.csv")
    df["weight"] = pd.to_numeric(df["weight"]).astype(float)
    return df


#: The checks :func:`audit_accounts` makes, in order.
CHECKS: tuple[str, ...] = tuple(_checks_table()["check"])

_NUMERIC_RULES = {
    "password_max_age_days",
    "min_admins",
    "max_admins",
    "abandoned_after_days",
    "display_name_min",
    "display_name_max",
    "caps_min_letters",
    "checklist_review_days",
}


@lru_cache(maxsize=1)
def _default_rules() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for rec in _read_csv("rules.csv").itertuples(index=False):
        value: Any = rec.value.strip()
        if rec.key in _NUMERIC_RULES:
            value = int(value) if value else None
        out[rec.key] = value
    return out


def default_rules() -> dict[str, Any]:
    """Return the shipped governance rules (``data/governance/rules.csv``) as a dict.

    Examples
    --------
    >>> r = default_rules()
    >>> r["password_max_age_days"], r["min_admins"], r["display_pattern"]
    (180, 2, '')
    """
    return dict(_default_rules())


def resolve_rules(
    rules: Mapping[str, Any] | pd.DataFrame | None = None, *, lang: str | None = None
) -> dict[str, Any]:
    """Merge ``rules`` over the shipped defaults and check their values.

    Parameters
    ----------
    rules : dict or DataFrame, optional
        ``{key: value}`` or a table with columns ``key`` and ``value``. Patterns may be one
        text or ``{platform: pattern}``. Keys not in the defaults are kept (they can be used
        as placeholders in patterns, e.g. ``{"region": "Kota Contoh"}``).

    Raises
    ------
    ParameterError
        A limit that is not a whole number of zero or more.

    Examples
    --------
    >>> resolve_rules({"password_max_age_days": "90"})["password_max_age_days"]
    90
    >>> resolve_rules({"min_admins": "dua"}, lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Rule 'min_admins' is 'dua': expected a whole number of 0 or more.
    """
    out = default_rules()
    if rules is None:
        return out
    if isinstance(rules, pd.DataFrame):
        if not {"key", "value"} <= set(rules.columns):
            raise ParameterError(t("governance.rules_table", lang))
        rules = dict(zip(rules["key"].astype(str), rules["value"], strict=True))
    if not isinstance(rules, Mapping):
        raise ParameterError(t("governance.rules_type", lang, got=type(rules).__name__))
    for key, value in rules.items():
        key = str(key).strip()
        if key in _NUMERIC_RULES:
            if (
                value is None
                or (isinstance(value, str) and not value.strip())
                or (not isinstance(value, str) and pd.isna(value))
            ):
                out[key] = None
                continue
            try:
                num = float(str(value).strip().replace(",", "."))
            except ValueError:
                num = float("nan")
            if not num == num or num < 0 or not float(num).is_integer():
                raise ParameterError(t("governance.bad_rule", lang, rule=key, value=value))
            out[key] = int(num)
        elif isinstance(value, Mapping):
            out[key] = {str(k).strip().lower(): str(v) for k, v in value.items()}
        else:
            out[key] = (
                ""
                if value is None or (not isinstance(value, str) and pd.isna(value))
                else str(value)
            )
    return out


def check_label(check: str, lang: str | None = None) -> str:
    """The name of ``check`` (one of :data:`CHECKS`) as shown to people.

    Examples
    --------
    >>> check_label("two_factor", "en")
    'Two-factor authentication'
    """
    return t(f"governance.check.{check}", lang)
