"""Scheduling results in plain language: the best slots, sentences and headline figures.

Examples
--------
>>> from humaskit.scheduling import default_times
>>> top_slots(default_times("x"), n=1, lang="en")["slot"].tolist()
['Mon 07:00']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..fmt import fmt_value
from ..i18n import label, t
from ._common import day_name

__all__ = ["top_slots", "narrative", "headline"]


def top_slots(best_times: pd.DataFrame, n: int = 3, *, lang: str | None = None) -> pd.DataFrame:
    """The ``n`` best slots of every group, readable: day name, time, score and band.

    Examples
    --------
    >>> from humaskit.scheduling import default_times
    >>> top_slots(default_times("instagram"), n=1, lang="en")["slot"].tolist()
    ['Sun 20:00']
    """
    keys = [c for c in ("account", "platform", "post_type") if c in best_times.columns]
    top = best_times[best_times["rank"] <= n].sort_values([*keys, "rank"])
    out = top[keys].copy()
    out["rank"] = top["rank"].to_numpy()
    out["slot"] = [
        f"{day_name(d, lang, short=True)} {h:02d}:00"
        for d, h in zip(top["day"], top["hour"], strict=True)
    ]
    out["estimate"] = top["estimate"].round(0).to_numpy()
    out["band"] = [f"{lo:.0f}–{hi:.0f}" for lo, hi in zip(top["lower"], top["upper"], strict=True)]
    out["n_posts"] = top["n_posts"].to_numpy()
    out["basis"] = [t(f"scheduling.basis.{b}", lang) for b in top["basis"]]
    out["slot"] = out["slot"].astype("str")
    out["band"] = out["band"].astype("str")
    out["basis"] = out["basis"].astype("str")
    return out.reset_index(drop=True)


def narrative(
    best_times: pd.DataFrame,
    frequency: pd.DataFrame | None = None,
    backtest: pd.DataFrame | None = None,
    schedule: pd.DataFrame | None = None,
    *,
    lang: str | None = None,
) -> list[str]:
    """Short sentences for leadership: best slots, how often, how reliable, the schedule.

    Examples
    --------
    >>> from humaskit.scheduling import default_times
    >>> narrative(default_times("x"), lang="en")[0].startswith("X (Twitter)")
    True
    """
    zone = best_times.attrs.get("zone", "WIB")
    out = []
    tops = top_slots(best_times, n=3, lang=lang)
    for plat, g in tops.groupby("platform", sort=True):
        sub = g
        if "post_type" in g.columns:
            n_by_type = (
                best_times[best_times["platform"] == plat].groupby("post_type")["n_posts"].sum()
            )
            fmt = ""
            if len(n_by_type):  # X posts may carry no format at all
                main = n_by_type.idxmax()
                sub = g[g["post_type"] == main]
                fmt = label(main, lang).lower()
        else:
            fmt = ""
        slots = ", ".join(sub["slot"].tolist())
        data_share = (best_times.loc[best_times["platform"] == plat, "enough_data"]).mean()
        key = "scheduling.nar_best" if data_share >= 0.25 else "scheduling.nar_best_thin"
        out.append(
            t(
                key,
                lang,
                platform=label(plat, lang),
                format=fmt,
                slots=slots,
                zone=zone,
                pct=f"{100 * data_share:.0f}",
            ).replace("  ", " ")
        )
    if frequency is not None and len(frequency):
        for r in frequency.drop_duplicates("platform").itertuples(index=False):
            out.append(f"{label(r.platform, lang)}: {r.reason}")
    if backtest is not None and len(backtest):
        judged = backtest[backtest["enough_data"]]
        if len(judged):
            wins = int(judged["beats_naive"].sum())
            out.append(
                t(
                    "scheduling.nar_backtest",
                    lang,
                    wins=wins,
                    n=len(judged),
                    model=fmt_value(judged["rho_model"].mean(), lang),
                    naive=fmt_value(judged["rho_naive"].mean(), lang),
                )
            )
    if schedule is not None and len(schedule):
        a = schedule.attrs
        out.append(
            t(
                "scheduling.nar_schedule",
                lang,
                n=len(schedule) - int(a.get("held", 0) or 0),
                mean=f"{a.get('mean_score') or 0:.0f}",
                moved=a.get("moved", 0),
                conflicts=a.get("conflicts", 0),
            )
        )
        if a.get("held"):
            out.append(t("gate.narrative_held", lang, held=a["held"], n=len(schedule)))
        if a.get("overridden"):
            out.append(t("gate.narrative_override", lang, n=a["overridden"]))
        if a.get("baseline"):
            names = ", ".join(label(p, lang) for p in a["baseline"])
            out.append(t("gate.narrative_baseline", lang, platforms=names))
    return out


def headline(
    best_times: pd.DataFrame,
    frequency: pd.DataFrame | None = None,
    backtest: pd.DataFrame | None = None,
    schedule: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The headline figures for a playbook's JSON summary (no personal data).

    Examples
    --------
    >>> from humaskit.scheduling import default_times
    >>> headline(default_times("x"))["best_slot"]
    {'x': {'post_type': None, 'day': 0, 'hour': 7, 'estimate': 56.0}}
    """
    out: dict[str, Any] = {
        "zone": best_times.attrs.get("zone"),
        "posts_used": best_times.attrs.get("posts_used"),
        "best_slot": {},
        "share_slots_with_enough_data": {},
    }
    for plat, g in best_times.groupby("platform", sort=True):
        main = None
        if "post_type" in g.columns:
            n_by_type = g.groupby("post_type")["n_posts"].sum()
            if len(n_by_type):
                main = n_by_type.idxmax()
                g = g[g["post_type"] == main]
        top = g.nsmallest(1, "rank").iloc[0]
        out["best_slot"][plat] = {
            "post_type": main,
            "day": int(top["day"]),
            "hour": int(top["hour"]),
            "estimate": round(float(top["estimate"]), 1),
        }
        out["share_slots_with_enough_data"][plat] = round(float(g["enough_data"].mean()), 3)
    if frequency is not None and len(frequency):
        rec = frequency.drop_duplicates("platform")
        out["recommended_cap"] = {
            r.platform: int(r.recommended_cap) for r in rec.itertuples(index=False)
        }
        out["min_spacing_h"] = {
            r.platform: float(r.min_spacing_h) for r in rec.itertuples(index=False)
        }
    if backtest is not None and len(backtest):
        out["backtest"] = {
            r.platform: {
                "rho_model": r.rho_model,
                "rho_naive": r.rho_naive,
                "rho_default": r.rho_default,
                "beats_naive": bool(r.beats_naive),
                "n_test": int(r.n_test),
                "enough_data": bool(r.enough_data),
            }
            for r in backtest.itertuples(index=False)
        }
    if schedule is not None:
        a = schedule.attrs
        out["schedule"] = {
            "posts": len(schedule),
            "scheduled": len(schedule) - int(a.get("held", 0) or 0),
            "held": int(a.get("held", 0) or 0),
            "overridden": int(a.get("overridden", 0) or 0),
            "baseline_platforms": list(a.get("baseline", [])),
            "mean_score": a.get("mean_score"),
            "expected_total": a.get("expected_total"),
            "moved": a.get("moved"),
            "conflicts": a.get("conflicts"),
        }
    return out
