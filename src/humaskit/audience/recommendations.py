"""Recommending platforms and formats for each public, from fit and the posts' results.

Platforms are ranked by :func:`humaskit.audience.fit`; on each, formats are ranked by the
lift of their median engagement rate over the platform's median (posts about the public's
interests first), with a bonus for the public's preferred formats. See the package
docstring, "Recommendations".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DataNotFound
from ..i18n import resolve, t
from .matching import fit
from .names import (
    _as_list,
    _check_count,
    _format_label,
    _num,
    _pct1,
    _platform_formats,
    _platform_label,
)
from .public_table import _publics_or_default

__all__ = ["format_performance", "recommend"]

_PREFERRED_BONUS = 1.25
_ER_BASES = ("reach", "followers_at_post", "impressions", "views")


def _engagement_rate(posts: pd.DataFrame) -> np.ndarray:
    """Engagements divided by reach (then followers_at_post, impressions, views)."""
    total = schema.engagements(posts)
    base = np.full(len(posts), np.nan)
    for col in _ER_BASES:
        if col in posts.columns:
            v = posts[col].to_numpy(dtype="float64", na_value=np.nan)
            v = np.where(v > 0, v, np.nan)
            base = np.where(np.isnan(base), v, base)
    with np.errstate(divide="ignore", invalid="ignore"):
        return total / base


def _posts_er(
    posts: pd.DataFrame, account: str | Iterable[str] | None, lang: str
) -> tuple[pd.DataFrame, np.ndarray, pd.Series]:
    """The checked posts of ``account``, each one's engagement rate, each platform's median."""
    df = schema.validate(posts, "posts", lang=lang)
    accs = _as_list(account)
    if accs is not None:
        df = df[df["account"].isin(accs)]
    er = _engagement_rate(df)
    plat_med = (
        pd.DataFrame({"platform": df["platform"].to_numpy(dtype=object), "er": er})
        .dropna()
        .groupby("platform")["er"]
        .median()
    )
    return df, er, plat_med


def _perf(frame: pd.DataFrame, er: np.ndarray) -> pd.DataFrame:
    d = pd.DataFrame(
        {
            "platform": frame["platform"].to_numpy(dtype=object),
            "format": frame["post_type"].to_numpy(dtype=object, na_value=None),
            "er": er,
        }
    ).dropna(subset=["format", "er"])
    return d.groupby(["platform", "format"], as_index=False).agg(
        posts=("er", "size"), er=("er", "median")
    )


def _perf_records(perf: pd.DataFrame, min_posts: int) -> dict[str, list[dict]]:
    """``{platform: [{format, posts, er}, ...]}`` for formats with at least ``min_posts``."""
    out: dict[str, list[dict]] = {}
    for rec in perf[perf["posts"] >= min_posts].to_dict("records"):
        out.setdefault(str(rec["platform"]), []).append(
            {"format": str(rec["format"]), "posts": int(rec["posts"]), "er": float(rec["er"])}
        )
    return out


def format_performance(
    posts: pd.DataFrame,
    *,
    account: str | Iterable[str] | None = None,
    min_posts: int = 5,
    lang: str | None = None,
) -> pd.DataFrame:
    """Return how each format performed on each platform.

    The engagement rate of a post is (likes + comments + shares + saves, as reported)
    divided by reach, or by followers_at_post where reach is missing (then impressions,
    then views). Posts without engagements or a base are left out.

    Returns
    -------
    DataFrame
        Columns platform, format, posts, er (median engagement rate), lift (er divided by
        the platform's median), enough (posts >= ``min_posts``).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "instagram", "account": "pemkot",
    ...     "post_id": [str(i) for i in range(4)],
    ...     "published_at": "2025-09-01 12:00+00:00",
    ...     "post_type": ["reel", "reel", "feed", "feed"], "reach": [100, 100, 100, 100],
    ...     "likes": [8, 10, 4, 2]})
    >>> format_performance(posts, min_posts=2)[["format", "er", "lift"]].values.tolist()
    [['reel', 0.09, 1.5], ['feed', 0.03, 0.5]]
    """
    lang = resolve(lang)
    df, er, plat_med = _posts_er(posts, account, lang)
    perf = _perf(df, er)
    perf["lift"] = perf["er"] / perf["platform"].map(plat_med).astype("float64")
    perf["enough"] = perf["posts"] >= min_posts
    perf = perf.sort_values(["platform", "lift"], ascending=[True, False])
    perf["platform"] = perf["platform"].astype("str")
    perf["format"] = perf["format"].astype("str")
    perf["posts"] = perf["posts"].astype("int64")
    return perf.reset_index(drop=True)


def _topic_mask(text: pd.Series, public: str, interests: str) -> np.ndarray:
    words = [w.strip() for w in interests.split(";") if w.strip()] + [public]
    words = [w for w in words if len(w) >= 3]
    if not words:
        return np.zeros(len(text), dtype=bool)
    pattern = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
    return text.str.contains(pattern, case=False, regex=True).fillna(False).to_numpy(dtype=bool)


def recommend(
    audience: pd.DataFrame,
    posts: pd.DataFrame | None = None,
    publics: pd.DataFrame | None = None,
    *,
    region: str | Iterable[str] | None = None,
    top: int = 2,
    min_posts: int = 5,
    account: str | Iterable[str] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Recommend platforms and formats for each public, with the evidence.

    Platforms come from :func:`fit` (the ``top`` best per public); on each, formats are
    ranked by their engagement-rate lift in ``posts`` (posts about the public's
    interests when there are at least ``min_posts`` in that format, else all posts), with
    a 25% bonus for the public's preferred formats. Without posts (or with too few), the
    public's preferred formats that the platform offers are proposed.

    Parameters
    ----------
    audience : DataFrame
        The canonical ``audience`` table.
    posts : DataFrame, optional
        The canonical ``posts`` table of the same institution.
    publics : DataFrame, optional
        The publics (default: the city-government table).
    region : str or list of str, optional
        The institution's own region (see :func:`fit`).
    top : int
        Platforms recommended per public.
    min_posts : int
        Posts a format needs before its results are trusted.
    account : str or list of str, optional
        Restrict audience and posts to these accounts.
    lang : {"id", "en"}, optional
        Language of the reasons.

    Returns
    -------
    DataFrame
        One row per public and recommended platform: public, rank, platform, fit, share,
        active (the institution has posts there; NA without posts), format, format_er,
        format_lift, format_posts, basis (``topic``: posts about the public, ``all``: all
        posts of the format, ``preference``: no usable posts, so the public's preferred
        format as the platform offers it, ``default``: no posts and no preference, so the
        platform's main format), other_formats (next best, ``;``-separated), reason (plain
        sentences with the evidence).

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": ["tiktok"] * 2 + ["facebook"] * 2,
    ...     "account": "pemkot", "as_of": "2025-09-30", "dimension": "age",
    ...     "segment": ["13-17", "35-44"] * 2, "value": [0.6, 0.4, 0.1, 0.9],
    ...     "unit": "share"})
    >>> from humaskit.audience import publics
    >>> r = recommend(aud, publics=publics().query("public == 'Pelajar'"), top=1)
    >>> r[["public", "platform", "format", "basis"]].values.tolist()
    [['Pelajar', 'tiktok', 'video', 'preference']]
    """
    lang = resolve(lang)
    _check_count(top, "audience.bad_top", lang)
    _check_count(min_posts, "audience.bad_min_posts", lang)
    pubs = _publics_or_default(publics, lang)
    f = fit(audience, pubs, region=region, account=account, lang=lang)
    f = f[(f["rank"] <= top) & f["share"].notna()]

    have_posts = posts is not None
    perf_all: dict[str, list[dict]] = {}
    plat_med: dict[str, float] = {}
    active: set[str] = set()
    if have_posts:
        df, er, med = _posts_er(posts, account, lang)
        perf_all = _perf_records(_perf(df, er), min_posts)
        plat_med = med.to_dict()
        active = set(df["platform"].unique())
        text = df["text"] if "text" in df.columns else pd.Series("", index=df.index, dtype="str")
    offered = _platform_formats()
    fit_rows: dict[str, list[dict]] = {}
    for rec in f.to_dict("records"):
        fit_rows.setdefault(rec["public"], []).append(rec)

    rows = []
    for pub in pubs.to_dict("records"):
        preferred = [x for x in pub["preferred_formats"].split(";") if x]
        perf_topic: dict[str, list[dict]] = {}
        if have_posts:
            mask = _topic_mask(text, pub["public"], pub["interests"])
            if mask.any():
                perf_topic = _perf_records(_perf(df[mask], er[mask]), min_posts)
        for r in fit_rows.get(pub["public"], []):
            plat = r["platform"]
            topic = [dict(x, basis="topic") for x in perf_topic.get(plat, [])]
            seen = {x["format"] for x in topic}
            general = [
                dict(x, basis="all") for x in perf_all.get(plat, []) if x["format"] not in seen
            ]
            cand = topic + general
            is_active = (plat in active) if have_posts else pd.NA
            if cand:
                med = plat_med.get(plat, np.nan)
                for x in cand:
                    x["lift"] = x["er"] / med if med else np.nan
                    x["pref"] = x["format"] in preferred
                    x["score"] = x["lift"] * (_PREFERRED_BONUS if x["pref"] else 1.0)
                cand.sort(key=lambda x: (-np.nan_to_num(x["score"], nan=-1.0), -x["posts"]))
                best = cand[0]
                fmt, basis = best["format"], best["basis"]
                fer, flift, fposts = best["er"], best["lift"], best["posts"]
                others = ";".join(x["format"] for x in cand[1:3])
                fmt_text = t(
                    "audience.rs_format_" + basis,
                    lang,
                    format=_format_label(fmt, lang),
                    er=_pct1(fer, lang),
                    lift=_num(flift, lang),
                    n=fposts,
                    platform=_platform_label(plat, lang),
                    public=pub["public"],
                )
                if best["pref"]:
                    fmt_text += t("audience.rs_preferred", lang)
            else:
                fmt, basis, others = _offered_formats(plat, preferred, offered)
                fer, flift, fposts = np.nan, np.nan, 0
                fmt_text = t(
                    "audience.rs_format_preference" if preferred else "audience.rs_format_default",
                    lang,
                    format=_format_label(fmt, lang),
                    platform=_platform_label(plat, lang),
                )
                if have_posts and is_active:
                    fmt_text = t("audience.rs_few_posts", lang, n=min_posts) + fmt_text
            reason = r["evidence"] + " " + fmt_text
            if is_active is False:
                reason += t("audience.rs_inactive", lang, platform=_platform_label(plat, lang))
            rows.append(
                {
                    "public": pub["public"],
                    "rank": r["rank"],
                    "platform": plat,
                    "fit": r["fit"],
                    "share": r["share"],
                    "active": is_active,
                    "format": fmt,
                    "format_er": fer,
                    "format_lift": flift,
                    "format_posts": fposts,
                    "basis": basis,
                    "other_formats": others,
                    "reason": reason,
                }
            )
    out = pd.DataFrame(rows)
    if out.empty:
        raise DataNotFound(t("audience.no_recommendation", lang))
    for col in ("public", "platform", "format", "basis", "other_formats", "reason"):
        out[col] = out[col].astype("str")
    out["active"] = out["active"].astype("boolean")
    for col in ("fit", "share", "format_er", "format_lift"):
        out[col] = out[col].astype("Float64")
    out["rank"] = out["rank"].astype("int64")
    out["format_posts"] = out["format_posts"].astype("int64")
    return out


def _offered_formats(
    platform: str, preferred: list[str], offered: pd.DataFrame
) -> tuple[str, str, str]:
    """The public's preferred formats as the platform offers them (format, basis, others)."""
    table = offered[offered["platform"] == platform]
    native = table.loc[table["substitute"] == "", "format"].tolist()
    subst = dict(zip(table["format"], table["substitute"], strict=True))
    chosen = []
    for f in preferred:
        g = f if f in native else subst.get(f) or None
        if g and g not in chosen:
            chosen.append(g)
    if not chosen:
        return (native[0] if native else "feed"), "default", ";".join(native[1:3])
    return chosen[0], "preference", ";".join(chosen[1:3])
