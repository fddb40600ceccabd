"""An "algorithm readiness" checklist for one planned post, factor by factor.

Platforms rank a post by whether it lands when the audience is online, how fresh it is,
whether it touches what people talk about now, whether its format is one the platform
favours, whether it earns interaction early (the hook: first line, first 15 seconds) and how
many posts the account already puts out that day. :func:`readiness` scores each of these
0-100, explains each in one sentence, and gives a weighted total
(``data/scheduling/readiness_weights.csv``). A factor that lacks what it needs (no event
time, no trending list) is not scored and not counted, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..fmt import fmt_time, fmt_value
from ..i18n import label, t
from ._common import (
    TYPICAL,
    day_name,
    default_limit,
    default_profile,
    format_fit_table,
    readiness_weights,
    resolve_tz,
    weak_openers,
    zone_label,
)
from .slots import slot_lookup

__all__ = ["readiness", "FACTORS"]

FACTORS = ("slot", "freshness", "topical", "format", "hook", "load")
_VIDEO = {"reel", "video", "short", "live"}
#: The main message of a video must come within this many seconds.
HOOK_SECONDS = 15


def _as_dict(post: Any, lang: str | None) -> dict[str, Any]:
    if isinstance(post, pd.DataFrame):
        if len(post) != 1:
            raise ParameterError(t("scheduling.one_post", lang, n=len(post)))
        post = post.iloc[0]
    if isinstance(post, pd.Series):
        post = post.to_dict()
    if not isinstance(post, dict):
        raise ParameterError(t("scheduling.one_post", lang, n=type(post).__name__))
    out = {
        k: (None if (not isinstance(v, (list, tuple)) and pd.isna(v)) else v)
        for k, v in post.items()
    }
    if not out.get("platform"):
        raise ParameterError(t("scheduling.post_needs_platform", lang))
    if out.get("format") is None and out.get("post_type") is not None:
        out["format"] = out["post_type"]
    return out


def _time(value: Any, tz: str, lang: str | None, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ParameterError(t("scheduling.bad_time", lang, name=name, value=value)) from None
    return ts.tz_localize(tz) if ts.tzinfo is None else ts.tz_convert(tz)


def _slot_factor(post, when, bt, tz, lang):
    if when is None:
        return np.nan, t("scheduling.rd_slot_none", lang)
    platform, fmt = post["platform"], post.get("format")
    vec = None
    if bt is not None and len(bt):
        lookup = slot_lookup(bt)
        keys = [c for c in ("account", "platform", "post_type") if c in bt.columns]
        values = {"account": post.get("account"), "platform": platform, "post_type": fmt}
        vec = lookup.get(tuple(str(values[k]) for k in keys))
        if vec is None:
            same = [v for k, v in lookup.items() if k[keys.index("platform")] == platform]
            vec = np.mean(same, axis=0) if same else None
    if vec is None:
        vec = np.clip(TYPICAL + default_profile(platform, fmt), 0, 100)
    slot = when.day_of_week * 24 + when.hour
    rank = int((vec > vec[slot]).sum()) + 1
    score = 100.0 * (len(vec) - rank) / (len(vec) - 1)
    text = t(
        "scheduling.rd_slot",
        lang,
        day=day_name(when.day_of_week, lang),
        time=fmt_time(when, lang),
        zone=zone_label(tz),
        rank=rank,
        platform=label(platform, lang),
        est=f"{vec[slot]:.0f}",
    )
    return score, text


def _freshness(when, event, lang):
    if event is None:
        return np.nan, t("scheduling.rd_fresh_none", lang)
    if when is None:
        return np.nan, t("scheduling.rd_slot_none", lang)
    hours = (when - event).total_seconds() / 3600
    if hours < 0:
        return 100.0, t("scheduling.rd_fresh_before", lang, h=f"{-hours:.0f}")
    if hours <= 3:
        score = 100.0
    elif hours <= 24:
        score = 100 - (hours - 3) * 40 / 21
    elif hours <= 72:
        score = 60 - (hours - 24) * 30 / 48
    else:
        score = 20.0
    key = (
        "scheduling.rd_fresh_good"
        if hours <= 6
        else ("scheduling.rd_fresh_ok" if hours <= 24 else "scheduling.rd_fresh_late")
    )
    return score, t(key, lang, h=f"{hours:.0f}")


def _terms(trending: Any) -> list[str]:
    """Trending terms from a list, a Series, a ``text.keywords`` table (``term``) or a
    ``text.issues`` table (``terms``: comma separated; ``label``: slash separated)."""
    if trending is None:
        return []
    if isinstance(trending, pd.DataFrame):
        if "term" in trending.columns:
            trending = trending["term"]
        elif "keyword" in trending.columns:
            trending = trending["keyword"]
        elif "terms" in trending.columns:
            trending = trending["terms"].dropna().astype(str).str.split(",").explode()
        elif "label" in trending.columns:
            trending = trending["label"].dropna().astype(str).str.split("/").explode()
        else:
            text_cols = [c for c in trending.columns if pd.api.types.is_string_dtype(trending[c])]
            trending = trending[text_cols[0]] if text_cols else []
    if isinstance(trending, str):
        trending = [trending]
    return [str(x).strip().lower() for x in trending if x is not None and str(x).strip()]


def _sensitive_terms(trending) -> list[str]:
    """Terms a :func:`humaskit.scheduling.judge_trends` table marks ``sensitive``, most
    troubled first."""
    if isinstance(trending, pd.DataFrame) and {"term", "sensitive"} <= set(trending.columns):
        table = trending[trending["sensitive"].fillna(False).astype(bool)]
        if "troubled_share" in table.columns:
            table = table.sort_values("troubled_share", ascending=False, kind="stable")
        return [str(v).strip().lower() for v in table["term"]]
    return []


def _topical(text: str, trending, lang):
    terms = _terms(trending)
    if not terms:
        return np.nan, t("scheduling.rd_topic_none", lang)
    touchy = _sensitive_terms(trending)
    low = text.lower()
    hits = [
        w for w in dict.fromkeys(terms) if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", low)
    ]
    ride = [w for w in hits if w not in touchy]
    issues = [w for w in hits if w in touchy]
    if issues and not ride:
        # a complaint topic: do not reward riding it; advise answering the issue
        return 50.0, t("gate.rd_topic_sensitive", lang, terms=", ".join(issues[:3]))
    if not ride:
        safe = [w for w in terms if w not in touchy]
        msg = t("scheduling.rd_topic_miss", lang, terms=", ".join(safe[:3])) if safe else ""
        if touchy:
            msg = (msg + " " if msg else "") + t(
                "gate.rd_topic_avoid", lang, terms=", ".join(touchy[:3])
            )
        return 30.0, msg
    score = 100.0 if len(ride) >= 2 else 75.0
    msg = t("scheduling.rd_topic_hit", lang, n=len(ride), terms=", ".join(ride[:3]))
    if issues:
        msg += " " + t("gate.rd_topic_sensitive", lang, terms=", ".join(issues[:3]))
    return score, msg


def _format(post, lang):
    fmt = post.get("format")
    if not fmt:
        return np.nan, t("scheduling.rd_format_none", lang)
    score = format_fit_table().get((post["platform"], fmt), 50.0)
    key = (
        "scheduling.rd_format_good"
        if score >= 80
        else "scheduling.rd_format_ok"
        if score >= 50
        else "scheduling.rd_format_bad"
    )
    return score, t(key, lang, format=label(fmt, lang), platform=label(post["platform"], lang))


def _holding(post, retention):
    """The row of a holding-length table for the post's account and platform, or None."""
    if retention is None or len(retention) == 0 or "platform" not in retention:
        return None
    rows = retention[retention["platform"] == post["platform"]]
    if post.get("account") and "account" in rows and (rows["account"] == post["account"]).any():
        rows = rows[rows["account"] == post["account"]]
    if len(rows) == 0:
        return None
    return rows.sort_values("videos", ascending=False, kind="stable").iloc[0]


def _length_note(post, retention, lang):
    """(score cap, sentence) on a planned video's length against what holds the viewers."""
    dur = post.get("duration_s")
    row = _holding(post, retention)
    if dur is None or row is None:
        return None
    try:
        dur = float(dur)
    except (TypeError, ValueError):
        raise ParameterError(t("scheduling.bad_time", lang, name="duration_s", value=dur)) from None
    upper, typical = row.get("holds_up_to_s"), row.get("median_view_s")
    who = str(row.get("account") or post.get("account") or "")
    name = label(post["platform"], lang)
    if upper is not None and not pd.isna(upper):
        if dur > float(upper):
            return 50.0, t(
                "videos.rd_long",
                lang,
                s=fmt_value(dur, lang),
                account=who,
                platform=name,
                max=fmt_value(upper, lang),
            )
        return None, t("videos.rd_length_ok", lang, s=fmt_value(dur, lang))
    if typical is not None and not pd.isna(typical) and dur > 4 * float(typical):
        return 60.0, t(
            "videos.rd_long_typical",
            lang,
            s=fmt_value(dur, lang),
            account=who,
            platform=name,
            view=fmt_value(round(float(typical)), lang),
        )
    return None


def _hook(post, lang, retention=None):
    caption = post.get("caption") or post.get("text") or ""
    caption = str(caption).strip()
    fmt = post.get("format")
    hook_s = post.get("hook_s")
    notes = []
    if not caption:
        score = 40.0
        notes.append(t("scheduling.rd_hook_empty", lang))
    else:
        first = caption.splitlines()[0].strip()
        visible = int(default_limit(post["platform"], fmt, "visible_chars")) or 125
        low = first.lower()
        score = 100.0
        if any(low.startswith(w) for w in weak_openers()):
            score -= 40
            notes.append(t("scheduling.rd_hook_ceremonial", lang))
        if first.startswith(("#", "@", "http")):
            score -= 30
            notes.append(t("scheduling.rd_hook_tag", lang))
        if len(first) > visible:
            score -= 25
            notes.append(t("scheduling.rd_hook_long", lang, n=len(first), max=visible))
        if not notes:
            notes.append(t("scheduling.rd_hook_good", lang))
    if fmt in _VIDEO:
        if hook_s is None:
            notes.append(t("scheduling.rd_hook_video_unknown", lang, s=HOOK_SECONDS))
        elif float(hook_s) <= HOOK_SECONDS:
            notes.append(t("scheduling.rd_hook_video_ok", lang, s=fmt_value(hook_s, lang)))
        else:
            score = min(score, 30.0)
            notes.append(
                t(
                    "scheduling.rd_hook_video_late",
                    lang,
                    s=fmt_value(hook_s, lang),
                    max=HOOK_SECONDS,
                )
            )
        length = _length_note(post, retention, lang)
        if length is not None:
            if length[0] is not None:
                score = min(score, length[0])
            notes.append(length[1])
    return max(score, 0.0), " ".join(notes)


def _load(post, when, day_load, lang):
    if day_load is None:
        return np.nan, t("scheduling.rd_load_none", lang)
    cap = int(default_limit(post["platform"], post.get("format"), "cap_per_day"))
    if isinstance(day_load, pd.DataFrame):
        if when is None:
            return np.nan, t("scheduling.rd_slot_none", lang)
        times = day_load.get("local_time")
        if times is None and "scheduled_at" in day_load:
            times = pd.to_datetime(day_load["scheduled_at"], utc=True).dt.tz_convert(when.tz)
        if times is not None:
            days = pd.to_datetime(times).dt.tz_localize(None).dt.normalize()
        else:
            days = pd.to_datetime(day_load["date"]).dt.normalize()
        same = (day_load["platform"] == post["platform"]).to_numpy() & (
            days == when.tz_localize(None).normalize()
        ).to_numpy()
        if "account" in day_load and post.get("account"):
            same &= (day_load["account"] == post["account"]).fillna(False).to_numpy(dtype=bool)
        if "title" in day_load and post.get("title"):
            same &= (day_load["title"] != post["title"]).fillna(True).to_numpy(dtype=bool)
        others = int(same.sum())
    else:
        try:
            others = int(day_load)
        except (TypeError, ValueError):
            raise ParameterError(t("scheduling.bad_day_load", lang, value=day_load)) from None
    total = others + 1
    score = 100.0 if total <= cap else (50.0 if total == cap + 1 else 15.0)
    key = "scheduling.rd_load_ok" if total <= cap else "scheduling.rd_load_over"
    return score, t(key, lang, n=total, cap=cap, platform=label(post["platform"], lang))


def readiness(
    post: Any,
    *,
    best_times: pd.DataFrame | None = None,
    trending: Iterable[str] | pd.Series | pd.DataFrame | None = None,
    event_time: Any = None,
    day_load: int | pd.DataFrame | None = None,
    retention: pd.DataFrame | None = None,
    tz: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Score one planned post's readiness for the platforms' ranking, factor by factor.

    Parameters
    ----------
    post : dict, Series or one-row DataFrame
        ``platform``, ``format`` (or ``post_type``), ``scheduled_at`` (or ``local_time``:
        a time without zone is read in ``tz``), ``title``, ``caption`` (or ``text``);
        optional ``account``, ``hook_s`` (second at which a video states its main point)
        and ``duration_s`` (the planned video's length in seconds).
    best_times : DataFrame, optional
        A :func:`best_times` table for the slot factor (default: the platform profile).
    trending : list of str, Series or DataFrame, optional
        Current trending terms: a list, or the result of ``humaskit.text.keywords``
        (``term``) or ``humaskit.text.issues`` (``terms``). A
        :func:`humaskit.scheduling.judge_trends` table marks complaint topics
        (``sensitive``): mentioning one is not rewarded and the advice is to answer the
        issue; they are never suggested as terms to ride.
    event_time : datetime-like, optional
        When the event the post reports happened (freshness).
    day_load : int or DataFrame, optional
        Other posts of the account on the same platform that day, or the schedule to count
        them in (rows of the same platform, account and local day; the post itself, found
        by its title, is not counted).
    retention : DataFrame, optional
        :func:`humaskit.evaluation.holding_length` of the account's past videos: a planned
        video (``duration_s``) longer than what holds the account's viewers is flagged in
        the hook factor.
    tz : str, optional
        The audience's zone (default: the zone of ``best_times``, else WIB).

    Returns
    -------
    DataFrame
        ``factor`` (slot, freshness, topical, format, hook, load, total), ``label``,
        ``score`` (0-100, NA when not judged) and ``explanation`` (one sentence).
        ``attrs["total"]`` is the weighted total.

    Examples
    --------
    >>> r = readiness({"platform": "instagram", "format": "reel",
    ...     "scheduled_at": "2025-09-04 19:00", "title": "Cara bayar PBB online",
    ...     "caption": "Bayar PBB kini bisa dari HP!", "hook_s": 4},
    ...     trending=["pbb", "pajak"], event_time=None, day_load=0, lang="en")
    >>> r["factor"].tolist()
    ['slot', 'freshness', 'topical', 'format', 'hook', 'load', 'total']
    >>> bool(r.attrs["total"] > 70), pd.isna(r.loc[1, "score"])
    (True, True)
    """
    p = _as_dict(post, lang)
    bt_tz = best_times.attrs.get("tz") if best_times is not None else None
    tzname = resolve_tz(tz if tz is not None else (bt_tz or "Asia/Jakarta"), lang)
    when = _time(p.get("scheduled_at") or p.get("local_time"), tzname, lang, "scheduled_at")
    event = _time(event_time, tzname, lang, "event_time")
    text = " ".join(str(p.get(k) or "") for k in ("title", "caption", "text"))
    results = {
        "slot": _slot_factor(p, when, best_times, tzname, lang),
        "freshness": _freshness(when, event, lang),
        "topical": _topical(text, trending, lang),
        "format": _format(p, lang),
        "hook": _hook(p, lang, retention),
        "load": _load(p, when, day_load, lang),
    }
    weights = readiness_weights()
    scores = np.array([results[f][0] for f in FACTORS], dtype=float)
    w = np.array([weights.get(f, 0.0) for f in FACTORS])
    judged = ~np.isnan(scores)
    total = (
        float(np.average(scores[judged], weights=w[judged])) if (w[judged] > 0).any() else (np.nan)
    )
    rows = [
        {
            "factor": f,
            "label": t(f"scheduling.factor.{f}", lang),
            "score": round(results[f][0], 0) if judged[i] else np.nan,
            "explanation": results[f][1],
        }
        for i, f in enumerate(FACTORS)
    ]
    verdict = (
        "scheduling.rd_total_good"
        if total >= 75
        else "scheduling.rd_total_ok"
        if total >= 55
        else "scheduling.rd_total_low"
    )
    rows.append(
        {
            "factor": "total",
            "label": t("scheduling.factor.total", lang),
            "score": round(total, 0),
            "explanation": t(
                verdict, lang, score=f"{total:.0f}", n=int(judged.sum()), of=len(FACTORS)
            ),
        }
    )
    out = pd.DataFrame(rows)
    out["score"] = out["score"].astype("Float64")
    for c in ("factor", "label", "explanation"):
        out[c] = out[c].astype("str")
    out.attrs["total"] = round(total, 1)
    return out
