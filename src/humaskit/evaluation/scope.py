"""The scope of one report: which accounts, which mentions, which period, judged when.

A playbook builds one :class:`Scope` right after validating its parameters, so that every
section works on the same data:

- ``unit`` given: the unit's accounts (accounts table) and the mentions addressed to them
  or routed to the unit (a road complaint sent to the mayor's account still belongs to
  Dinas PU's report);
- ``accounts`` given: those accounts and the mentions addressed to them;
- neither: the whole institution.

Mentions are marked once (:func:`needs_answer`, :func:`route`, sentiment), so later steps
do not repeat the text work.

Examples
--------
>>> from humaskit import samples
>>> s = scope(samples.workspace(), period="2025-09", unit="Dinas Kesehatan")
>>> s.unit, s.period.label, sorted(set(s.ws.posts["account"]))
('Dinas Kesehatan', '2025-09', ['dinkes_sukamaju'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import DEFAULT_TZ, Window, account_units, public_handles, window, zone

__all__ = ["Scope", "scope", "select_unit"]


@dataclass
class Scope:
    """What one report covers (see :func:`scope`)."""

    ws: Any
    ws_all: Any
    mentions: pd.DataFrame
    period: Window
    previous: Window
    now: pd.Timestamp
    unit: str | None = None
    accounts: list[str] | None = None
    institution: str = ""
    limit_hours: float = 24
    routing: pd.DataFrame | None = None
    salt: str | None = None
    tz: str = DEFAULT_TZ
    keep: set[str] = field(default_factory=set)
    stopwords: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The unit, the accounts, or the institution the report is about."""
        if self.unit:
            return self.unit
        if self.accounts:
            return ", ".join(self.accounts)
        return self.institution or t("evaluation.whole_institution", None)

    def bundle(
        self,
        total: pd.DataFrame | None = None,
        response: pd.DataFrame | None = None,
        sentiment: pd.DataFrame | None = None,
        *,
        lang: str | None = None,
    ) -> dict:
        """The share-safe summary bundle of this report (see :mod:`.bundles`)."""
        from .bundles import figures, make_bundle

        posts = self.ws.posts
        n_acc = int(posts[["platform", "account"]].drop_duplicates().shape[0]) if len(posts) else 0
        return make_bundle(
            self.period.label,
            self.label,
            figures(total, response, sentiment),
            institution=self.institution,
            accounts=n_acc,
            limit_hours=self.limit_hours,
            lang=lang,
        )

    def in_period(self, previous: bool = False) -> pd.DataFrame:
        """The scope's mentions created in the period (or the previous one)."""
        w = self.previous if previous else self.period
        return self.mentions[w.mask(self.mentions["created_at"])]


def select_unit(ws: Any, unit: str, *, lang: str | None = None) -> tuple[Any, list[str]]:
    """The workspace restricted to the accounts of ``unit`` (accounts table) and their names.

    Raises
    ------
    ParameterError
        The unit is not in the accounts table (the known units are listed).
    """
    units = account_units(getattr(ws, "accounts", None))
    known = sorted(units["unit"].dropna().unique())
    match = [u for u in known if u.lower() == str(unit).strip().lower()]
    if not match:
        raise ParameterError(
            t("evaluation.unknown_unit", lang, value=unit, known=", ".join(known) or "-")
        )
    names = sorted(set(units.loc[units["unit"] == match[0], "account"]))
    return ws.select(names), names


def scope(
    ws: Any,
    *,
    period: Any = None,
    unit: str | None = None,
    accounts: list[str] | None = None,
    routing: pd.DataFrame | None = None,
    limit_hours: float = 24,
    now: Any = None,
    salt: str | None = None,
    sentiment: bool = True,
    sentiment_model: Any = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> Scope:
    """Build the :class:`Scope` of a report from the whole workspace.

    Parameters
    ----------
    ws : Workspace
        All the data (before any account selection).
    period : window, optional
        The report's period (default the latest month of posts).
    unit : str, optional
        A unit of the accounts table (``""``/``"semua"`` = all).
    accounts : list of str, optional
        Account names (ignored when ``unit`` is given).
    routing : DataFrame, optional
        Your routing table (default the shipped one).
    salt : str, optional
        Key of the pseudonyms (None: ``HUMASKIT_SALT`` or a per-session key).
    sentiment : bool
        Mark sentiment now (needed by the monitoring sections).
    sentiment_model : SentimentModel, str or Path, optional
        The team's own model (:func:`humaskit.text.train_sentiment`, or the path of a
        saved one) to mark sentiment with; default the shipped lexicon.
    """
    from .monitoring import context_stopwords, with_sentiment
    from .needs import needs_answer
    from .responsiveness import reference_time
    from .routing import route

    tz = zone(tz)
    if unit is not None and str(unit).strip().lower() in ("", "semua", "all"):
        unit = None
    selected, names = ws, None
    if unit:
        selected, names = select_unit(ws, unit, lang=lang)
        known = account_units(ws.accounts)["unit"].dropna().unique()
        unit = next(u for u in known if u.lower() == str(unit).strip().lower())
    elif accounts:
        names = list(accounts)
        selected = ws.select(names)
    times = selected.posts["published_at"] if len(selected.posts) else ws.posts["published_at"]
    win = window(period, tz=tz, times=times, lang=lang)
    m = ws.mentions
    now_ts = reference_time(m, now) if len(m) else pd.Timestamp.now(tz="UTC")
    if len(m):
        m = needs_answer(m, accounts=ws.accounts, lang=lang)
        m = route(m, routing, accounts=ws.accounts, lang=lang)
        if names:
            mask = m["account"].isin(names)
            if unit:
                mask |= (m["unit"] == unit) & m["needs_answer"]
            m = m[mask]
        if sentiment:
            m = with_sentiment(m, model=sentiment_model, lang=lang)
    inst = ""
    if "institution" in ws.accounts.columns and ws.accounts["institution"].notna().any():
        inst = str(ws.accounts["institution"].dropna().mode().iloc[0])
    keep = public_handles(ws)
    return Scope(
        ws=selected,
        ws_all=ws,
        mentions=m,
        period=win,
        previous=win.previous(),
        now=now_ts,
        unit=unit,
        accounts=names if not unit else None,
        institution=inst,
        limit_hours=float(limit_hours),
        routing=routing,
        salt=salt,
        tz=tz,
        keep=keep,
        stopwords=context_stopwords(ws),
    )
