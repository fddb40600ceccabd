"""Ranking registered partners by a 0-100 score, with the reasons in plain words.

The score is the weighted mean of up to seven parts, each from 0 to 1 (weights in
``data/influencers/weights.csv``, see :func:`weights`): what their collaborations delivered
against their usual rate (:func:`humaskit.influencers.collaboration_results`), audience fit
with the institution's publics, topical relevance to the institution's themes, sentiment
toward the institution in what they write, reach, cost (unpaid help first) and how recent
the relationship is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, resolve, t
from ..paths import package_file
from ..privacy import normalize_handles
from ._common import (
    as_list,
    distinctive_terms,
    net_sentiment,
    optional_module,
    sentiment_labels,
    stopwords,
    term_counts,
    tokens,
)
from .registry import Register
from .results import _as_of, collaboration_results

__all__ = ["rank_partners", "weights"]

_COMPONENTS = (
    "delivered",
    "audience_fit",
    "relevance",
    "sentiment",
    "reach_score",
    "cost_score",
    "relationship",
)


@lru_cache(maxsize=1)
def _default_weights() -> dict[str, float]:
    table = pd.read_csv(
        package_file("influencers", "weights.csv"), comment="#", skipinitialspace=True
    )
    return {str(r.component).strip(): float(r.weight) for r in table.itertuples()}


def weights(*, lang: str | None = None) -> pd.DataFrame:
    """The default weights of the partner score with what each part measures.

    The weights come from ``data/influencers/weights.csv`` (a team can change them
    there, or per call with ``rank_partners(weights=...)``); the descriptions are in the
    chosen language.

    Examples
    --------
    >>> w = weights(lang="en")
    >>> list(w.columns), round(float(w["weight"].sum()), 2)
    (['component', 'weight', 'description'], 1.0)
    """
    table = pd.read_csv(
        package_file("influencers", "weights.csv"), comment="#", skipinitialspace=True
    )
    table["description"] = [
        t(f"influencers.weight_{c}", lang) for c in table["component"].astype(str)
    ]
    return table


def _fit_table(audience: Any, publics: Any, lang: str | None) -> pd.DataFrame | None:
    """(public, platform, fit) from a precomputed fit table or humaskit.audience.fit."""
    if audience is None:
        return None
    if not isinstance(audience, pd.DataFrame):
        raise ParameterError(t("influencers.bad_audience", lang))
    if audience.empty or ("value" in audience and not audience["value"].notna().any()):
        return None  # no audience figures: no fit (the report says which download fills it)
    if {"public", "platform", "fit"} <= set(audience.columns):
        fit = audience
    else:
        mod = optional_module("audience")
        if mod is None or not hasattr(mod, "fit"):
            return None
        table = publics if isinstance(publics, pd.DataFrame) else None
        fit = mod.fit(audience, table) if table is not None else mod.fit(audience)
    fit = fit[["public", "platform", "fit"]].copy()
    fit["fit"] = pd.to_numeric(fit["fit"], errors="coerce")
    fit = fit.groupby(["public", "platform"], as_index=False)["fit"].mean()
    names = [p.lower() for p in as_list(publics)] if not isinstance(publics, pd.DataFrame) else []
    if names:
        known = fit["public"].astype("str").str.lower()
        unknown = [n for n in names if n not in set(known)]
        if unknown:
            raise ParameterError(
                t(
                    "influencers.unknown_public",
                    lang,
                    value=unknown[0],
                    known=", ".join(sorted(fit["public"].astype(str).unique())),
                )
            )
        fit = fit[known.isin(names)]
    return fit


def _vocabulary(topics: Any, written: set[str]) -> set[str]:
    words: set[str] = set(written)
    for part in as_list(re.split(r"[,;/|]", str(topics)) if isinstance(topics, str) else []):
        words.update(w for w in re.findall(r"[a-z]+", part.lower()) if len(w) >= 3)
    return words


def _theme_words(theme: str) -> list[str]:
    words = [w for w in re.findall(r"[a-z]+", theme.lower()) if len(w) >= 3]
    content = [w for w in words if w not in stopwords() and len(w) >= 4]
    return content or words


def _theme_match(theme: str, vocab: set[str]) -> bool:
    """A theme matches when enough of its content words are in the vocabulary.

    One or two content words: all of them; more: at least two thirds. A word also
    matches a vocabulary word with the same first five letters (Indonesian affixes:
    ``imunisasi`` ~ ``imunisasinya``).
    """
    words = _theme_words(theme)
    if not words:
        return False

    def found(w: str) -> bool:
        return w in vocab or (len(w) >= 5 and any(v.startswith(w[:5]) for v in vocab))

    hits = sum(found(w) for w in words)
    need = len(words) if len(words) <= 2 else math.ceil(len(words) * 2 / 3)
    return hits >= need


def _default_themes(
    posts: pd.DataFrame | None, collaborations: pd.DataFrame | None, mentions: pd.DataFrame | None
) -> list[str]:
    """The institution's campaigns (posts and log), else the distinctive terms of its posts."""
    names: list[pd.Series] = []
    for df in (posts, collaborations):
        if df is not None and len(df) and "campaign" in df.columns:
            names.append(df["campaign"].dropna().astype("str").str.strip())
    if names:
        counts = pd.concat(names).value_counts()
        counts = counts[counts.index.str.len() > 0]
        if len(counts):
            return [str(x) for x in counts.head(10).index]
    if posts is None or not len(posts) or "text" not in posts.columns:
        return []
    background = (
        term_counts(mentions["text"].head(20_000), top=2000)
        if mentions is not None and len(mentions) and "text" in mentions.columns
        else None
    )
    return distinctive_terms(posts["text"].head(20_000), background, n=10)


def _region_ok(region: Any, home: str | None) -> bool | None:
    if home is None or region is None or pd.isna(region) or not str(region).strip():
        return None
    a, b = str(region).strip().lower(), home.strip().lower()
    return a in b or b in a


def rank_partners(
    influencers: pd.DataFrame | Register,
    collaborations: pd.DataFrame | None = None,
    posts: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    *,
    audience: pd.DataFrame | None = None,
    publics: list[str] | str | pd.DataFrame | None = None,
    themes: list[str] | str | None = None,
    region: str | None = None,
    weights: Mapping[str, float] | None = None,
    as_of: Any = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Rank registered partners by a 0-100 score with the reasons in plain language.

    The score is the weighted mean of up to seven parts, each from 0 to 1 (see
    :func:`weights` and ``data/influencers/weights.csv``): what their collaborations
    delivered against their usual rate, audience fit with the institution's publics,
    topical relevance to the institution's themes, sentiment toward the institution in
    what they write, reach, cost (unpaid help first) and how recent the relationship is.
    A part that cannot be computed (no collaboration yet, no audience data, no text
    engine) is left out and ``coverage`` shows how much of the weight was available.

    Parameters
    ----------
    influencers : DataFrame or Register
        The register (a Register also brings its collaborations).
    collaborations, posts, mentions : DataFrame, optional
        For :func:`collaboration_results`, and the partners' own texts (mentions by them).
    audience : DataFrame, optional
        A fit table (public, platform, fit) from ``humaskit.audience.fit``, or the
        canonical ``audience`` table (then ``humaskit.audience.fit`` is called). The
        audience fit of a partner is the mean fit of their platform over the target
        publics; ``best_public`` is the public it fits best.
    publics : list of str, str or DataFrame, optional
        Target publics (names, e.g. ``["UMKM", "pelajar"]``) or a publics table for
        ``humaskit.audience.fit``. None: every public in the fit table.
    themes : list of str or str, optional
        The institution's themes (a theme of one or two words matches when all its
        content words appear in the partner's topics or texts; longer ones need two
        thirds). None: the campaigns in ``posts`` and the log, else the distinctive
        terms of the institution's posts.
    region : str, optional
        The institution's region; partners elsewhere get a lower audience fit (x0.7).
    weights : mapping, optional
        Weights replacing the defaults (component -> weight).
    as_of : date, optional
        Reference day for recency.
    lang : {"id", "en"}, optional
        Language of the reasons.

    Returns
    -------
    DataFrame
        One row per registered account, best first: rank, handle, platform, name, role,
        relation, person_id, followers, score, coverage, the seven parts, collaborations,
        last_collaboration, cost_per_1000, best_public, publics, matched_themes, reasons.

    Examples
    --------
    >>> import pandas as pd
    >>> inf = pd.DataFrame({"handle": ["ani", "budi"], "platform": ["instagram", "x"],
    ...     "name": ["Ani", "Budi"], "role": ["influencer", "citizen_journalist"],
    ...     "followers": [50000, 800], "topics": ["umkm, kuliner", "jalan, banjir"],
    ...     "relation": ["paid", "unpaid"]})
    >>> r = rank_partners(inf, themes=["umkm"], lang="en")
    >>> r["handle"].tolist()
    ['ani', 'budi']
    >>> r["reasons"].iloc[0]
    'covers 1 of 1 themes (umkm); 50,000 followers'
    """
    lang = resolve(lang)
    region = region.strip() if isinstance(region, str) and region.strip() else None
    if isinstance(influencers, Register):
        if collaborations is None:
            collaborations = influencers.collaborations
        influencers = influencers.influencers
    inf = schema.validate(influencers, "influencers", lang=lang).reset_index(drop=True)
    inf["handle"] = normalize_handles(inf["handle"])
    w = dict(_default_weights())
    if weights:
        unknown = [k for k in weights if k not in _COMPONENTS]
        if unknown:
            raise ParameterError(
                t(
                    "influencers.unknown_components",
                    lang,
                    names=", ".join(unknown),
                    known=", ".join(_COMPONENTS),
                )
            )
        w.update({k: float(v) for k, v in weights.items()})
    out = inf.copy()
    day = _as_of(as_of, (collaborations, "date"), (posts, "published_at"), (mentions, "created_at"))

    # delivered, relationship, cost per 1000
    out["collaborations"] = pd.Series(0, index=out.index, dtype="Int64")
    out["last_collaboration"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[us]")
    out["cost_per_1000"] = pd.Series(pd.NA, index=out.index, dtype="Float64")
    out["delivered"] = np.nan
    out["vs_baseline"] = pd.Series(pd.NA, index=out.index, dtype="Float64")
    if collaborations is not None and len(collaborations):
        res = collaboration_results(collaborations, posts, mentions, as_of=day, lang=lang)
        res["platform"] = res["platform"].fillna(
            res["handle"].map(inf.drop_duplicates("handle").set_index("handle")["platform"])
        )
        g = res.groupby(["handle", "platform"])
        agg = pd.DataFrame(
            {
                "n": g.size(),
                "last": g["date"].max(),
                "vs": g["vs_baseline"].median(),
                "cost": g["cost"].sum(min_count=1),
                "reach": g["reach"].sum(min_count=1),
            }
        )
        keys = pd.MultiIndex.from_arrays([out["handle"], out["platform"]])
        a = agg.reindex(keys)
        out["collaborations"] = a["n"].fillna(0).astype("Int64").to_numpy()
        out["last_collaboration"] = a["last"].to_numpy()
        vs = a["vs"].astype("Float64").to_numpy()
        out["vs_baseline"] = pd.array(vs, dtype="Float64")
        out["delivered"] = np.clip(pd.to_numeric(pd.Series(vs), errors="coerce") / 2, 0, 1).values
        cpm = (
            a["cost"].astype("Float64") / a["reach"].astype("Float64").where(a["reach"] > 0) * 1000
        )
        out["cost_per_1000"] = pd.array(cpm.to_numpy(), dtype="Float64")
    days = (day - out["last_collaboration"]).dt.days
    out["relationship"] = np.where(
        days.isna(), 0.0, np.clip((365 - days.astype("float")) / (365 - 90), 0, 1)
    )

    # reach and cost
    fol = pd.to_numeric(out["followers"], errors="coerce").astype("float")
    out["reach_score"] = np.clip((np.log10(fol.where(fol > 0)) - 2) / 4, 0, 1)
    out["cost_score"] = (
        out["relation"].map({"unpaid": 1.0, "barter": 0.8, "paid": 0.4}).astype("float")
    )

    # audience fit
    fit = _fit_table(audience, publics, lang)
    out["audience_fit"] = np.nan
    out["best_public"] = pd.Series(pd.NA, index=out.index, dtype="str")
    out["publics"] = pd.Series(pd.NA, index=out.index, dtype="str")
    if fit is not None and len(fit):
        best = fit.sort_values("fit", ascending=False).drop_duplicates("platform")
        best = best.set_index("platform")
        mean_fit = fit.groupby("platform")["fit"].mean()
        out["audience_fit"] = out["platform"].map(mean_fit).astype("float")
        out["best_public"] = out["platform"].map(best["public"]).astype("str")
        # a platform serves a public when it is among that public's two best platforms
        top2 = fit.sort_values("fit", ascending=False).groupby("public").head(2)
        serves = top2.groupby("platform")["public"].agg(lambda s: ", ".join(sorted(map(str, s))))
        out["publics"] = out["platform"].map(serves).astype("str")
        factor = out["region"].map(lambda r: _region_ok(r, region))
        out["audience_fit"] = out["audience_fit"] * np.where(factor.eq(False), 0.7, 1.0)

    # relevance and sentiment from what they write
    theme_list = as_list(themes)
    if not theme_list:
        theme_list = _default_themes(posts, collaborations, mentions)
    texts_by = pd.Series(dtype="str")
    sent_by = pd.Series(dtype="str")
    if mentions is not None and len(mentions) and {"author", "text"} <= set(mentions.columns):
        author = normalize_handles(mentions["author"])
        mine = author.isin(set(out["handle"])).fillna(False).astype(bool)
        texts_by = mentions.loc[mine, "text"].astype("str")
        texts_by.index = author[mine].values
        pre = mentions.loc[mine, "sentiment"] if "sentiment" in mentions.columns else None
        if pre is not None:
            pre = pre.copy()
            pre.index = texts_by.index
        labels = sentiment_labels(texts_by, pre)
        if labels is not None:
            sent_by = labels
    written: dict[str, set[str]] = {}
    if len(texts_by):
        words = tokens(texts_by)
        written = {str(h): set(w) for h, w in words.groupby(level=0)}
    out["relevance"] = np.nan
    out["matched_themes"] = pd.Series(pd.NA, index=out.index, dtype="str")
    out["sentiment"] = np.nan
    out["net_sentiment"] = np.nan
    for i, row in out.iterrows():  # one row per registered account (tens to hundreds)
        if theme_list:
            vocab = _vocabulary(row["topics"], written.get(row["handle"], set()))
            hits = [th for th in theme_list if _theme_match(th, vocab)]
            out.at[i, "relevance"] = len(hits) / len(theme_list)
            out.at[i, "matched_themes"] = ", ".join(hits)
        if len(sent_by):
            lab = sent_by[sent_by.index == row["handle"]]
            ns = net_sentiment(lab)
            if not math.isnan(ns):
                out.at[i, "net_sentiment"] = ns
                out.at[i, "sentiment"] = (ns + 1) / 2

    # score
    parts = out[list(_COMPONENTS)].astype("float")
    wv = np.array([w.get(c, 0.0) for c in _COMPONENTS])
    avail = parts.notna().to_numpy()
    num = np.nansum(parts.to_numpy() * wv, axis=1)
    den = (avail * wv).sum(axis=1)
    out["score"] = np.where(den > 0, num / np.where(den > 0, den, 1) * 100, np.nan).round(1)
    out["coverage"] = (den / wv.sum()).round(2) if wv.sum() > 0 else 0.0
    out["reasons"] = [_reasons(r, theme_list, lang) for r in out.to_dict("records")]
    out = out.sort_values(["score", "followers"], ascending=False, na_position="last")
    out.insert(0, "rank", range(1, len(out) + 1))
    cols = [
        "rank",
        "handle",
        "platform",
        "name",
        "role",
        "relation",
        "person_id",
        "followers",
        "score",
        "coverage",
        *_COMPONENTS,
        "vs_baseline",
        "net_sentiment",
        "collaborations",
        "last_collaboration",
        "cost_per_1000",
        "best_public",
        "publics",
        "topics",
        "region",
        "matched_themes",
        "reasons",
    ]
    return out[cols].reset_index(drop=True)


def _fmt(x: float, lang: str, digits: int = 0) -> str:
    text = f"{x:,.{digits}f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def _reasons(r: dict[str, Any], themes: list[str], lang: str) -> str:
    """Strengths (parts >= 0.6), then the weakest part (<= 0.35), in plain words."""
    msgs: list[tuple[float, str]] = []

    def val(k: str) -> float | None:
        v = r.get(k)
        return None if v is None or pd.isna(v) else float(v)

    if (v := val("delivered")) is not None:
        msgs.append(
            (v, t("influencers.why_delivered", lang, x=_fmt(float(r["vs_baseline"]), lang, 1)))
        )
    if (v := val("audience_fit")) is not None and isinstance(r.get("best_public"), str):
        msgs.append(
            (
                v,
                t(
                    "influencers.why_fit",
                    lang,
                    public=r["best_public"],
                    platform=label(str(r["platform"]), lang),
                ),
            )
        )
    if (v := val("relevance")) is not None:
        n = round(v * len(themes))
        key = "influencers.why_relevance" if n else "influencers.why_no_relevance"
        msgs.append((v, t(key, lang, n=n, total=len(themes), themes=r.get("matched_themes") or "")))
    if (v := val("sentiment")) is not None:
        key = (
            "influencers.why_positive"
            if v >= 0.6
            else "influencers.why_negative"
            if v <= 0.4
            else "influencers.why_neutral"
        )
        msgs.append((v, t(key, lang)))
    if (v := val("reach_score")) is not None:
        msgs.append((v, t("influencers.why_followers", lang, n=_fmt(float(r["followers"]), lang))))
    if (v := val("cost_score")) is not None:
        msgs.append((v, t(f"influencers.why_relation_{r['relation']}", lang)))
    if r.get("collaborations", 0) and pd.notna(r.get("last_collaboration")):
        v = float(r["relationship"])
        msgs.append((v, t("influencers.why_recent", lang, n=int(r["collaborations"]))))
    strong = [m for v, m in sorted(msgs, key=lambda x: -x[0]) if v >= 0.6][:3]
    weak = [m for v, m in sorted(msgs, key=lambda x: x[0]) if v <= 0.35][:1]
    parts = strong + [m for m in weak if m not in strong]
    if not parts:
        parts = [t("influencers.why_average", lang)]
    return "; ".join(parts)
