"""What each collaboration delivered, and a ranked list of partners with reasons.

Definitions (also used in the reports):

* **engagements** of an item = likes + comments + shares + saves, counting only the
  metrics reported (the same definition as :mod:`humaskit.evaluation`). A partner's post
  is looked up first in the ``posts`` table (by ``post_id``), then in the ``mentions``
  table (by ``mention_id``: the sample data logs a partner's own post as a mention of
  the institution). For a mention without engagement metrics, engagements are the
  replies and reposts it received inside the mentions table (rows whose
  ``in_reply_to`` is that mention).
* **reach** of an item = ``reach``, else ``impressions``, else ``views``; for a mention
  without any of them, the author's followers (a *potential* reach). The column
  ``reach_basis`` says which one was used.
* **engagement rate** = engagements / reach. **vs_baseline** = the collaboration's rate
  divided by the partner's own usual rate (median, or mean, over their other items in the
  same tables, or a value you pass): 1.5 means 50% more interaction than usual.
* **cost per 1000 reached** = cost / reach x 1000 (0 for unpaid help).
* **days_since** = days from the collaboration to ``as_of`` (default: the last date in
  the data, so a report gives the same figures whenever it is rerun).

A collaboration whose ``post_id`` is in neither table is kept, with ``found_in`` empty
and a note; it is never dropped.
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
    check_choice,
    distinctive_terms,
    engagements,
    net_sentiment,
    optional_module,
    reach_with_basis,
    sentiment_labels,
    stopwords,
    term_counts,
    tokens,
)
from .registry import Register

__all__ = [
    "collaboration_results",
    "rank_partners",
    "weights",
    "filter_options",
    "explore_partners",
]

_FOUND = ("posts", "mentions")


def _collab_table(collaborations: Any, lang: str | None) -> pd.DataFrame:
    if isinstance(collaborations, Register):
        collaborations = collaborations.collaborations
    col = schema.validate(collaborations, "collaborations", lang=lang).copy()
    col["handle"] = normalize_handles(col["handle"])
    col["post_id"] = col["post_id"].astype("str").str.strip()
    return col.reset_index(drop=True)


def _post_items(posts: pd.DataFrame | None, lang: str | None) -> pd.DataFrame:
    if posts is None or len(posts) == 0:
        return pd.DataFrame()
    p = schema.validate(posts, "posts", lang=lang)
    reach, basis = reach_with_basis(p)
    return pd.DataFrame(
        {
            "item_id": p["post_id"].astype("str"),
            "item_platform": p["platform"],
            "owner": normalize_handles(p["account"]),
            "published_at": p["published_at"],
            "reach": reach,
            "reach_basis": basis,
            "engagements": engagements(p),
            "source": "posts",
        }
    )


def _mention_items(
    mentions: pd.DataFrame | None, owners: set[str] | None, ids: set[str], lang: str | None
) -> pd.DataFrame:
    """Items from the mentions table: rows by ``owners`` or with an id in ``ids``."""
    if mentions is None or len(mentions) == 0:
        return pd.DataFrame()
    m = mentions
    for c in ("mention_id", "author", "platform", "created_at"):
        if c not in m.columns:
            m = schema.validate(m, "mentions", lang=lang)
            break
    author = normalize_handles(m["author"])
    keep = m["mention_id"].astype("str").isin(ids).fillna(False).astype(bool)
    if owners:
        keep |= author.isin(owners).fillna(False).astype(bool)
    sub = m[keep]
    if sub.empty:
        return pd.DataFrame()
    replies = pd.Series(dtype="int64")
    if "in_reply_to" in m.columns:
        replies = m["in_reply_to"].dropna().astype("str").value_counts()
    reach, basis = reach_with_basis(sub, fallback="author_followers")
    eng = engagements(sub)
    got = sub["mention_id"].astype("str").map(replies).fillna(0).astype("Float64")
    eng = eng.where(eng.notna(), got)
    created = sub["created_at"]
    if not isinstance(created.dtype, pd.DatetimeTZDtype):
        created = pd.to_datetime(created, utc=True, errors="coerce")
    return pd.DataFrame(
        {
            "item_id": sub["mention_id"].astype("str"),
            "item_platform": sub["platform"].astype("str"),
            "owner": author[keep],
            "published_at": created,
            "reach": reach,
            "reach_basis": basis,
            "engagements": eng,
            "source": "mentions",
        }
    )


def _as_of(as_of: Any, *frames: tuple[pd.DataFrame | None, str]) -> pd.Timestamp:
    if isinstance(as_of, pd.Period):
        return as_of.end_time.normalize()
    if as_of is not None and not (isinstance(as_of, str) and not as_of.strip()):
        try:
            ts = pd.Timestamp(as_of)
        except (TypeError, ValueError):
            raise ParameterError(
                t("influencers.bad_date", None, name="as_of", value=as_of)
            ) from None
        return ts.tz_localize(None).normalize() if ts.tzinfo else ts.normalize()
    latest = []
    for df, col in frames:
        if df is not None and len(df) and col in df.columns:
            s = df[col]
            if isinstance(s.dtype, pd.DatetimeTZDtype):
                s = s.dt.tz_localize(None)
            s = pd.to_datetime(s, errors="coerce")
            if s.notna().any():
                latest.append(s.max())
    return (max(latest) if latest else pd.Timestamp.today()).normalize()


def _baseline(items: pd.DataFrame, collab_ids: set[str], how: Any) -> pd.Series:
    """Usual engagement rate per owner over items that are not collaborations."""
    if isinstance(how, Mapping) or isinstance(how, pd.Series):
        s = pd.Series(how, dtype="Float64")
        s.index = normalize_handles(pd.Series(s.index.astype(str))).values
        return s
    check_choice("baseline", how, ("median", "mean"), None)
    if items.empty:
        return pd.Series(dtype="Float64")
    other = items[~items["item_id"].isin(collab_ids)]
    rate = (other["engagements"] / other["reach"].where(other["reach"] > 0)).astype("Float64")
    rate = rate[rate.notna()]
    if rate.empty:
        return pd.Series(dtype="Float64")
    g = rate.groupby(other.loc[rate.index, "owner"])
    return (g.median() if how == "median" else g.mean()).astype("Float64")


def collaboration_results(
    collaborations: pd.DataFrame | Register,
    posts: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    *,
    baseline: str | Mapping[str, float] | pd.Series = "median",
    as_of: Any = None,
    by: str = "collaboration",
    lang: str | None = None,
) -> pd.DataFrame:
    """Reach, engagements, rate against their usual rate, cost per 1000 per collaboration.

    Parameters
    ----------
    collaborations : DataFrame or Register
        The collaboration log (date, handle, platform, campaign, post_id, reward, cost).
    posts, mentions : DataFrame, optional
        Canonical tables where the partners' posts are looked up (see module docstring).
    baseline : {"median", "mean"} or mapping {handle: rate}
        How the partner's usual engagement rate is computed, or the rates themselves.
    as_of : date or month (pandas Period), optional
        Day from which ``days_since`` is counted (a month: its last day; default: the
        last date in the data).
    by : {"collaboration", "person"}
        One row per collaboration, or one per person (``person_id`` when the log has
        it, else handle) with totals, the rewards given and the last collaboration.
    lang : {"id", "en"}, optional
        Language of notes and messages.

    Returns
    -------
    DataFrame
        ``by="collaboration"``: the log's columns plus found_in, published_at, reach,
        reach_basis, engagements, engagement_rate, baseline_rate, vs_baseline,
        cost_per_1000, days_since, note. ``by="person"``: person, handles,
        collaborations, found, reach, engagements, engagement_rate, vs_baseline, cost,
        cost_per_1000, first_date, last_date, days_since_last, rewards, campaigns.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": ["instagram"] * 3, "account": ["budi"] * 3,
    ...     "post_id": ["a", "b", "c"], "published_at": ["2025-09-01", "2025-09-05",
    ...     "2025-09-09"], "post_type": ["reel"] * 3, "reach": [1000, 1000, 2000],
    ...     "likes": [20, 30, 150]})
    >>> log = pd.DataFrame({"date": ["2025-09-09"], "handle": ["budi"],
    ...     "platform": ["instagram"], "post_id": ["c"], "reward": ["kaos"], "cost": [0]})
    >>> r = collaboration_results(log, posts)
    >>> cols = ["reach", "engagements", "engagement_rate", "vs_baseline", "cost_per_1000"]
    >>> r[cols].round(3).iloc[0].tolist()
    [2000.0, 150.0, 0.075, 3.0, 0.0]
    """
    lang = resolve(lang)
    check_choice("by", by, ("collaboration", "person"), lang)
    col = _collab_table(collaborations, lang)
    ids = set(col["post_id"].dropna())
    owners = set(col["handle"].dropna())
    items = (
        pd.concat(
            [
                x
                for x in (_post_items(posts, lang), _mention_items(mentions, owners, ids, lang))
                if len(x)
            ],
            ignore_index=True,
        )
        if (posts is not None or mentions is not None)
        else pd.DataFrame()
    )
    out = col.copy()
    for c, dtype in (
        ("found_in", "str"),
        ("published_at", "datetime64[us, UTC]"),
        ("reach", "Float64"),
        ("reach_basis", "str"),
        ("engagements", "Float64"),
    ):
        out[c] = pd.Series(
            pd.NA if dtype != "datetime64[us, UTC]" else pd.NaT, index=out.index, dtype=dtype
        )
    if len(items):
        # match on post id; where the log names the platform it must agree
        for src in _FOUND:
            todo = out["found_in"].isna() & out["post_id"].notna()
            if not todo.any():
                break
            cand = items[items["source"] == src]
            if cand.empty:
                continue
            left = out.loc[todo, ["post_id", "platform"]].reset_index()
            merged = left.merge(cand, left_on="post_id", right_on="item_id", how="inner")
            ok = merged["platform"].isna() | (merged["platform"] == merged["item_platform"])
            merged = merged[ok.fillna(True).astype(bool)].drop_duplicates("index")
            if merged.empty:
                continue
            idx = merged["index"].to_numpy()
            out.loc[idx, "found_in"] = src
            out.loc[idx, "published_at"] = merged["published_at"].to_numpy()
            out.loc[idx, "reach"] = merged["reach"].to_numpy()
            out.loc[idx, "reach_basis"] = merged["reach_basis"].to_numpy()
            out.loc[idx, "engagements"] = merged["engagements"].to_numpy()
            fill = out.loc[idx, "platform"].isna()
            if fill.any():
                out.loc[idx[fill.to_numpy()], "platform"] = merged.loc[
                    fill.to_numpy(), "item_platform"
                ].to_numpy()
    out["engagement_rate"] = (out["engagements"] / out["reach"].where(out["reach"] > 0)).astype(
        "Float64"
    )
    base = (
        _baseline(items, ids, baseline)
        if len(items) or not isinstance(baseline, str)
        else pd.Series(dtype="Float64")
    )
    out["baseline_rate"] = out["handle"].map(base).astype("Float64")
    out["vs_baseline"] = (
        out["engagement_rate"] / out["baseline_rate"].where(out["baseline_rate"] > 0)
    ).astype("Float64")
    out["cost_per_1000"] = (out["cost"] / out["reach"].where(out["reach"] > 0) * 1000).astype(
        "Float64"
    )
    day = _as_of(as_of, (col, "date"), (posts, "published_at"), (mentions, "created_at"))
    out["days_since"] = (day - out["date"]).dt.days.astype("Int64")
    note = pd.Series(pd.NA, index=out.index, dtype="str")
    note[out["post_id"].isna()] = t("influencers.note_no_post", lang)
    missing = out["post_id"].notna() & out["found_in"].isna()
    if missing.any():
        note[missing] = [
            t("influencers.note_not_found", lang, post_id=p) for p in out.loc[missing, "post_id"]
        ]
    out["note"] = note
    if by == "collaboration":
        return out
    return _per_person(out)


def _join(values: pd.Series) -> str:
    vals = [str(v) for v in values.dropna().unique() if str(v).strip()]
    return ", ".join(vals)


def _per_person(res: pd.DataFrame) -> pd.DataFrame:
    key = res["person_id"] if "person_id" in res.columns else res["handle"]
    key = key.fillna(res["handle"]).rename("person")
    both = res["reach"].notna() & res["engagements"].notna()
    tmp = res.assign(
        person=key.values, _r=res["reach"].where(both), _e=res["engagements"].where(both)
    )
    g = tmp.groupby("person", sort=False)
    out = pd.DataFrame(
        {
            "handles": g["handle"].agg(_join),
            "collaborations": g.size(),
            "found": g["found_in"].count(),
            "reach": g["reach"].sum(min_count=1),
            "engagements": g["engagements"].sum(min_count=1),
            "_r": g["_r"].sum(min_count=1),
            "_e": g["_e"].sum(min_count=1),
            "vs_baseline": g["vs_baseline"].median(),
            "cost": g["cost"].sum(min_count=1),
            "first_date": g["date"].min(),
            "last_date": g["date"].max(),
            "days_since_last": g["days_since"].min(),
            "rewards": g["reward"].agg(_join),
            "campaigns": g["campaign"].agg(_join),
        }
    )
    out["engagement_rate"] = (out["_e"] / out["_r"].where(out["_r"] > 0)).astype("Float64")
    out["cost_per_1000"] = (out["cost"] / out["reach"].where(out["reach"] > 0) * 1000).astype(
        "Float64"
    )
    cols = [
        "handles",
        "collaborations",
        "found",
        "reach",
        "engagements",
        "engagement_rate",
        "vs_baseline",
        "cost",
        "cost_per_1000",
        "first_date",
        "last_date",
        "days_since_last",
        "rewards",
        "campaigns",
    ]
    out = out[cols].reset_index()
    for c in ("reach", "engagements", "vs_baseline", "cost"):
        out[c] = out[c].astype("Float64")
    return out


# ---------------------------------------------------------------------------------------
# Ranking partners
# ---------------------------------------------------------------------------------------

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


def filter_options(ranking: pd.DataFrame, *, lang: str | None = None) -> dict[str, list[str]]:
    """Choices for the partner filter widgets: publics, platforms and topics in the ranking.

    Each list starts with the word for "all" in the chosen language.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"publics": ["UMKM, pelajar", None], "platform": ["x", "tiktok"],
    ...                   "topics": ["umkm, kuliner", "banjir"]})
    >>> filter_options(r, lang="en")["public"]
    ['all', 'UMKM', 'pelajar']
    """
    every = t("common.all", lang)

    def split(col: str) -> list[str]:
        if col not in ranking.columns:
            return []
        vals = ranking[col].dropna().astype("str").str.split(",").explode().str.strip()
        return sorted({v for v in vals if v})

    return {
        "public": [every, *split("publics")],
        "platform": [every, *split("platform")],
        "topic": [every, *split("topics")],
    }


def explore_partners(
    ranking: pd.DataFrame,
    public: str | None = None,
    platform: str | None = None,
    topic: str | None = None,
    top: int = 10,
    *,
    lang: str | None = None,
) -> pd.DataFrame:
    """Filter a :func:`rank_partners` table by public, platform and topic, for people.

    Made for ``ipywidgets.interact``: every filter accepts the word for "all"
    (``semua``/``all``) or None. Returns the best ``top`` rows with translated headers.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"rank": [1, 2], "handle": ["ani", "budi"],
    ...     "platform": ["instagram", "x"], "role": ["influencer", "staff"],
    ...     "score": [80.0, 60.0], "publics": ["UMKM", "pelajar"],
    ...     "topics": ["umkm", "jalan"], "reasons": ["a", "b"]})
    >>> explore_partners(r, public="pelajar", lang="en").iloc[:, 1].tolist()
    ['budi']
    """
    lang = resolve(lang)
    alls = {None, "", t("common.all", "id"), t("common.all", "en")}
    out = ranking
    for col, value in (("publics", public), ("platform", platform), ("topics", topic)):
        if value in alls or col not in out.columns:
            continue
        if col == "platform":
            out = out[out[col] == value]
        else:
            parts = out[col].astype("str").str.lower().str.split(",")
            want = str(value).strip().lower()
            hit = parts.map(
                lambda xs, w=want: isinstance(xs, list) and w in [x.strip() for x in xs]
            )
            out = out[hit.fillna(False).astype(bool)]
    keep = [
        c
        for c in ("rank", "handle", "platform", "role", "relation", "score", "publics", "reasons")
        if c in out.columns
    ]
    shown = out[keep].head(int(top)).copy()
    if "platform" in shown.columns:
        shown["platform"] = shown["platform"].map(lambda p: label(str(p), lang))
    if "role" in shown.columns:
        shown["role"] = shown["role"].map(lambda p: label(f"role_{p}", lang) if pd.notna(p) else p)
    if "relation" in shown.columns:
        shown["relation"] = shown["relation"].map(
            lambda p: label(f"relation_{p}", lang) if pd.notna(p) else p
        )
    shown.columns = [label(c, lang) for c in shown.columns]
    return shown.reset_index(drop=True)
