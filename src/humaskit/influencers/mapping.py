"""Helpers for the partner-mapping report (playbook ``pemetaan-influencer``, notebook 04).

They pick a period, refresh the register's follower counts from the conversation, turn
new candidates into register rows, and give the headline figures, cards, sentences and
report tables in the chosen language. Nothing here reads or writes files.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..fmt import fmt_date
from ..i18n import resolve, t
from ..privacy import normalize_handles
from .registry import Register, register

__all__ = [
    "select_period",
    "follower_changes",
    "refresh_followers",
    "candidate_rows",
    "headline",
    "headline_cards",
    "narrative",
    "for_report",
    "report_subtitle",
]

_TIME_COLUMNS = ("created_at", "published_at", "date")


def _period(value: Any, lang: str | None) -> pd.Period:
    import re

    if isinstance(value, pd.Period):
        return value.asfreq("M")
    if not (isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value.strip())):
        raise ParameterError(t("influencers.bad_period", lang, value=value))
    return pd.Period(value.strip(), freq="M")


def select_period(
    data: pd.DataFrame,
    period: Any,
    *,
    months: int = 1,
    column: str | None = None,
    tz: str = "Asia/Jakarta",
    lang: str | None = None,
) -> pd.DataFrame:
    """Rows of ``data`` in the ``months`` calendar months ending with ``period``.

    Months are counted in the institution's time zone (``tz``, WIB by default). The time
    column is ``created_at`` (mentions), ``published_at`` (posts) or ``date`` (the
    collaboration log) unless ``column`` says otherwise.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"created_at": pd.to_datetime(["2025-08-31 18:00",
    ...     "2025-08-31 16:00", "2025-07-15 00:00"], utc=True)})
    >>> len(select_period(m, "2025-09")), len(select_period(m, "2025-09", months=3))
    (1, 3)
    """
    if int(months) < 1:
        raise ParameterError(
            t("influencers.bad_number", lang, name="months", value=months, minimum=1)
        )
    col = column or next((c for c in _TIME_COLUMNS if c in data.columns), None)
    if col is None or col not in data.columns:
        raise ParameterError(t("influencers.missing_column", lang, column=column or "created_at"))
    end = _period(period, lang)
    start = end - (int(months) - 1)
    s = data[col]
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        local = s.dt.tz_convert(tz).dt.tz_localize(None)
    else:
        local = pd.to_datetime(s, errors="coerce")
    month = local.dt.to_period("M")
    keep = (month >= start) & (month <= end)
    return data[keep.fillna(False).astype(bool)]


def follower_changes(reg: Register | pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Registered accounts whose latest follower count in the mentions table differs.

    Returns handle, platform, followers_before, followers_now, seen_at (when the newer
    count was seen).

    Examples
    --------
    >>> import pandas as pd
    >>> inf = pd.DataFrame({"handle": ["ani"], "platform": ["x"], "followers": [100]})
    >>> m = pd.DataFrame({"platform": ["x", "x"], "author": ["Ani", "ani"],
    ...     "author_followers": [120, 150], "created_at": pd.to_datetime(
    ...     ["2025-09-01", "2025-09-05"], utc=True)})
    >>> follower_changes(inf, m)[["followers_before", "followers_now"]].values.tolist()
    [[100, 150]]
    """
    inf = reg.influencers if isinstance(reg, Register) else reg
    cols = ["handle", "platform", "followers_before", "followers_now", "seen_at"]
    need = {"author", "author_followers", "created_at", "platform"}
    if not need <= set(mentions.columns) or inf.empty:
        return pd.DataFrame(columns=cols)
    m = pd.DataFrame(
        {
            "handle": normalize_handles(mentions["author"]),
            "platform": mentions["platform"].astype("str"),
            "followers_now": pd.to_numeric(mentions["author_followers"], errors="coerce"),
            "seen_at": mentions["created_at"],
        }
    )
    m = m[m["followers_now"].notna() & m["handle"].isin(set(normalize_handles(inf["handle"])))]
    if m.empty:
        return pd.DataFrame(columns=cols)
    latest = m.sort_values("seen_at").drop_duplicates(["handle", "platform"], keep="last")
    base = pd.DataFrame(
        {
            "handle": normalize_handles(inf["handle"]),
            "platform": inf["platform"].astype("str"),
            "followers_before": pd.to_numeric(inf.get("followers"), errors="coerce"),
        }
    )
    out = base.merge(latest, on=["handle", "platform"], how="inner")
    out = out[out["followers_before"].isna() | (out["followers_before"] != out["followers_now"])]
    out["followers_before"] = out["followers_before"].astype("Int64")
    out["followers_now"] = out["followers_now"].astype("Int64")
    return out[cols].reset_index(drop=True)


def refresh_followers(
    reg: Register, mentions: pd.DataFrame, *, lang: str | None = None
) -> Register:
    """A new register with follower counts updated from the latest mentions.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = register(pd.DataFrame({"handle": ["ani"], "platform": ["x"], "name": ["Ani"],
    ...     "role": ["influencer"], "followers": [100]}))
    >>> m = pd.DataFrame({"platform": ["x"], "author": ["ani"], "author_followers": [150],
    ...     "created_at": pd.to_datetime(["2025-09-05"], utc=True)})
    >>> refresh_followers(reg, m).influencers["followers"].tolist()
    [150]
    """
    if not isinstance(reg, Register):
        raise ParameterError(t("influencers.not_a_register", lang))
    ch = follower_changes(reg, mentions)
    if ch.empty:
        return reg
    inf = reg.influencers.copy()
    key = pd.MultiIndex.from_arrays([inf["handle"], inf["platform"]])
    new = ch.set_index(["handle", "platform"])["followers_now"]
    upd = pd.Series(new.reindex(key).to_numpy(), index=inf.index)
    inf["followers"] = upd.fillna(inf["followers"]).astype("Int64")
    return register(inf, reg.collaborations, lang=lang)


def candidate_rows(leaders: pd.DataFrame) -> pd.DataFrame:
    """New candidates of :func:`opinion_leaders` as rows shaped like the register.

    Handles are as shown in ``leaders`` (pseudonyms stay pseudonyms). ``topics`` holds
    the topics of their community and ``notes`` why they were found; name, role,
    region and relation are left for the team to fill in after getting to know them.

    Examples
    --------
    >>> import pandas as pd
    >>> lead = pd.DataFrame({"platform": ["x", "x"], "handle": ["ani", "kabar"],
    ...     "followers": [10, 900], "community_terms": ["jalan", "banjir"],
    ...     "status": ["registered", "candidate"], "reason": ["a", "b"]})
    >>> candidate_rows(lead)["handle"].tolist()
    ['kabar']
    """
    cand = leaders[leaders["status"] == "candidate"] if "status" in leaders else leaders
    return pd.DataFrame(
        {
            "handle": cand["handle"].astype("str").to_numpy(),
            "platform": cand["platform"].astype("str").to_numpy(),
            "name": pd.Series(pd.NA, index=range(len(cand)), dtype="str"),
            "role": pd.Series(pd.NA, index=range(len(cand)), dtype="str"),
            "followers": pd.array(
                cand["followers"].to_numpy() if "followers" in cand else [pd.NA] * len(cand),
                dtype="Int64",
            ),
            "topics": (
                cand["community_terms"].astype("str").to_numpy()
                if "community_terms" in cand
                else None
            ),
            "region": pd.Series(pd.NA, index=range(len(cand)), dtype="str"),
            "relation": pd.Series(pd.NA, index=range(len(cand)), dtype="str"),
            "notes": cand["reason"].astype("str").to_numpy() if "reason" in cand else None,
        }
    )


def _num(x: Any) -> float | None:
    if x is None or x is pd.NA or (pd.api.types.is_scalar(x) and pd.isna(x)):
        return None  # pd.NA is not a numpy scalar: np.isscalar(pd.NA) is False
    return float(x)


def headline(
    *,
    reg: Register | None = None,
    results: pd.DataFrame | None = None,
    leaders: pd.DataFrame | None = None,
    ranking: pd.DataFrame | None = None,
    groups: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The headline figures of a mapping report (JSON-safe, no personal data).

    Only accounts that may be named (registered partners, institutions, media, public
    figures) appear by name; a pseudonymised leader is left out.

    Examples
    --------
    >>> headline(groups=pd.DataFrame({"accounts": [12, 6]}))["coordination_accounts"]
    18
    """
    out: dict[str, Any] = {}
    if reg is not None:
        out["accounts"] = int(len(reg.influencers))
        out["people"] = int(reg.influencers["person_id"].nunique())
        out["collaborations_logged"] = int(len(reg.collaborations))
    if results is not None:
        out["collaborations"] = int(len(results))
        out["collaborations_measured"] = int(results["found_in"].notna().sum())
        out["reach_delivered"] = _num(results["reach"].sum(min_count=1))
        out["engagements_delivered"] = _num(results["engagements"].sum(min_count=1))
        out["cost_total"] = _num(results["cost"].sum(min_count=1)) if "cost" in results else None
    if leaders is not None:
        out["leaders"] = int(len(leaders))
        status = leaders.get("status", pd.Series(dtype="str"))
        out["leaders_registered"] = int((status == "registered").sum())
        out["leaders_candidates"] = int((status == "candidate").sum())
        named = leaders
        if "is_public" in leaders:
            named = leaders[leaders["is_public"].astype(bool) | (status == "registered")]
        out["top_leaders_named"] = [
            f"{r.handle} ({r.platform})" for r in named.head(5).itertuples()
        ]
    if ranking is not None and len(ranking):
        best = ranking.iloc[0]
        out["top_partner"] = f"{best['handle']} ({best['platform']})"
        out["top_partner_score"] = _num(best["score"])
    if groups is not None:
        out["coordination_groups"] = int(len(groups))
        out["coordination_accounts"] = int(groups["accounts"].sum()) if len(groups) else 0
        if "priority" in groups:
            out["coordination_high"] = int((groups["priority"] == "high").sum())
    return out


def _fmt(x: Any, lang: str) -> str:
    from ..fmt import fmt_number

    return fmt_number(x, lang)


def headline_cards(h: dict[str, Any], *, lang: str | None = None) -> list[tuple[str, str, None]]:
    """Cards (label, value, None) for :func:`humaskit.report.cards`.

    Examples
    --------
    >>> headline_cards({"people": 15, "leaders_candidates": 3}, lang="en")[0]
    ('Partners (people)', '15', None)
    """
    lang = resolve(lang)
    keys = (
        "people",
        "collaborations",
        "reach_delivered",
        "leaders_candidates",
        "coordination_high",
    )
    return [(t(f"influencers.card_{k}", lang), _fmt(h[k], lang), None) for k in keys if k in h]


def narrative(
    h: dict[str, Any],
    *,
    leaders: pd.DataFrame | None = None,
    ranking: pd.DataFrame | None = None,
    groups: pd.DataFrame | None = None,
    lang: str | None = None,
) -> list[str]:
    """Plain sentences for leadership summarising the mapping.

    Examples
    --------
    >>> narrative({"people": 3, "accounts": 5, "collaborations": 2,
    ...            "collaborations_measured": 1}, lang="en")[0]
    'The register holds 3 partners with 5 accounts; 1 of 2 collaborations could be measured.'
    """
    lang = resolve(lang)
    out: list[str] = []
    if "people" in h and "collaborations" in h:
        out.append(
            t(
                "influencers.say_register",
                lang,
                people=h["people"],
                accounts=h.get("accounts", 0),
                measured=h["collaborations_measured"],
                n=h["collaborations"],
            )
        )
    if ranking is not None and len(ranking):
        best = ranking.iloc[0]
        out.append(
            t(
                "influencers.say_partner",
                lang,
                handle=best["handle"],
                score=_fmt(best["score"], lang),
                reasons=best["reasons"],
            )
        )
    if leaders is not None and len(leaders):
        top = leaders.iloc[0]
        out.append(
            t(
                "influencers.say_leader",
                lang,
                handle=top["handle"],
                n=int(top["in_weight"]),
                accounts=int(top["in_accounts"]),
            )
        )
        if h.get("leaders_candidates"):
            cand = leaders.loc[leaders["status"] == "candidate", "handle"].astype(str)
            out.append(
                t(
                    "influencers.say_candidates",
                    lang,
                    n=h["leaders_candidates"],
                    top=len(leaders),
                    handles=", ".join(pd.unique(cand)[:3]),
                )
            )
    if groups is not None:
        if len(groups):
            high = groups[groups["priority"] == "high"] if "priority" in groups else groups
            out.append(
                t(
                    "influencers.say_coordination",
                    lang,
                    n=len(groups),
                    accounts=int(groups["accounts"].sum()),
                    high=len(high),
                )
            )
        else:
            out.append(t("influencers.say_no_coordination", lang))
    return out


_REPORT_COLUMNS = {
    "leaders": [
        "rank",
        "handle",
        "platform",
        "status",
        "in_weight",
        "in_accounts",
        "followers",
        "community",
        "community_terms",
        "community_tone",
        "reason",
    ],
    "communities": [
        "community",
        "accounts",
        "interactions",
        "terms",
        "tone",
        "leaders",
        "registered",
    ],
    "ranking": [
        "rank",
        "handle",
        "platform",
        "role",
        "relation",
        "score",
        "coverage",
        "best_public",
        "collaborations",
        "reasons",
    ],
    "results": [
        "person",
        "handles",
        "collaborations",
        "found",
        "reach",
        "engagements",
        "vs_baseline",
        "cost",
        "cost_per_1000",
        "last_date",
        "rewards",
    ],
    "collaborations": [
        "date",
        "handle",
        "platform",
        "campaign",
        "reward",
        "found_in",
        "reach",
        "engagements",
        "vs_baseline",
        "cost_per_1000",
        "note",
    ],
    "coordination": [
        "group",
        "priority",
        "platform",
        "accounts",
        "start",
        "minutes",
        "similarity",
        "new_accounts",
        "low_followers",
        "text",
        "signals",
    ],
}


def for_report(table: pd.DataFrame, kind: str, *, lang: str | None = None) -> pd.DataFrame:
    """The columns of a result table worth showing in a report, values in plain words.

    ``kind`` is one of leaders, communities, ranking, results, collaborations,
    coordination. Status, role and relation codes are translated; headers are left to
    :func:`humaskit.report.table`.

    Examples
    --------
    >>> import pandas as pd
    >>> lead = pd.DataFrame({"rank": [1], "handle": ["ani"], "platform": ["x"],
    ...                      "status": ["candidate"], "pagerank": [0.3]})
    >>> for_report(lead, "leaders", lang="en").to_dict("records")
    [{'rank': 1, 'handle': 'ani', 'platform': 'x', 'status': 'new candidate'}]
    """
    from ..i18n import label

    lang = resolve(lang)
    if kind not in _REPORT_COLUMNS:
        raise ParameterError(
            t(
                "influencers.bad_choice",
                lang,
                name="kind",
                value=kind,
                allowed=", ".join(_REPORT_COLUMNS),
            )
        )
    out = table[[c for c in _REPORT_COLUMNS[kind] if c in table.columns]].copy()
    for col, prefix in (
        ("status", "status_"),
        ("role", "role_"),
        ("relation", "relation_"),
        ("priority", "priority_"),
    ):
        if col in out.columns:
            out[col] = out[col].map(
                lambda v, p=prefix: label(f"{p}{v}", lang) if isinstance(v, str) else v
            )
    for col in ("start", "last_date", "date", "first_date", "last_collaboration"):
        if col not in out.columns:
            continue
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_convert("Asia/Jakarta").dt.tz_localize(None)
        if col != "start" and pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].map(lambda v: fmt_date(v, lang)).astype("str")
    if "found_in" in out.columns:
        out["found_in"] = out["found_in"].map(
            lambda v: (
                t(f"influencers.found_{v}", lang)
                if isinstance(v, str)
                else t("influencers.found_none", lang)
            )
        )
    from ..fmt import fmt_number, fmt_pct

    for col in ("new_accounts", "low_followers", "coverage"):
        if col in out.columns:
            out[col] = out[col].map(lambda v: fmt_pct(v, lang, 0))
    if "similarity" in out.columns:
        out["similarity"] = out["similarity"].map(lambda v: fmt_pct(v, lang, 0))
    if "vs_baseline" in out.columns:
        out["vs_baseline"] = out["vs_baseline"].map(
            lambda v: fmt_number(v, lang, 1) + "x" if pd.notna(v) else "–"
        )
    return out.reset_index(drop=True)


def report_subtitle(
    period: Any,
    *,
    months: int = 1,
    mentions: int | None = None,
    register_file: str | None = None,
    lang: str | None = None,
) -> str:
    """The subtitle of the mapping report: months covered, size, where the register is from.

    Examples
    --------
    >>> report_subtitle("2025-09", months=3, mentions=1200, lang="en")
    'Conversation July 2025 to September 2025 (1,200 public posts); register: from the data'
    """
    from pathlib import Path

    from ..fmt import fmt_date

    lang = resolve(lang)
    end = _period(period, lang)
    start = end - (int(months) - 1)
    source = (
        t("influencers.register_source_file", lang, file=Path(register_file).name)
        if register_file
        else t("influencers.register_source_data", lang)
    )
    return t(
        "influencers.report_subtitle",
        lang,
        start=fmt_date(start.start_time, lang).split(" ", 1)[1],
        end=fmt_date(end.start_time, lang).split(" ", 1)[1],
        mentions=_fmt(mentions or 0, lang),
        source=source,
    )
