"""What each collaboration delivered: reach, engagements, rate against usual, cost.

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

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import resolve, t
from ..privacy import normalize_handles
from ._common import (
    check_choice,
    engagements,
    reach_with_basis,
)
from .registry import Register

__all__ = ["collaboration_results"]

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
