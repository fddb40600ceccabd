"""The shared agenda: did the unit accounts carry the central account's agenda, and how fast.

:func:`central_account` guesses the institution's own account; :func:`agenda_amplification`
follows every agenda post of it into the unit accounts; :func:`amplification_matrix`,
:func:`amplification_summary`, :func:`agenda_note` and :func:`agenda_summary` condense it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import t
from ._common import _key, _keys, _na

__all__ = [
    "central_account",
    "agenda_amplification",
    "amplification_matrix",
    "amplification_summary",
    "agenda_note",
    "agenda_summary",
]


def central_account(
    accounts: pd.DataFrame | None = None, posts: pd.DataFrame | None = None
) -> str | None:
    """Guess the institution's central account (its ``account`` name in ``posts``).

    The inventory row whose display name is the institution's name (or that has no unit)
    with the most followers; else the account with the most posts. Returns None when
    nothing fits.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"institution": "Pemkot X", "unit": [None, "Dinkes"],
    ...     "platform": "x", "handle": ["pemkotx", "dinkesx"],
    ...     "display_name": ["Pemkot X", "Dinkes X"], "followers": [900, 100]})
    >>> central_account(acc)
    'pemkotx'
    """
    known = None
    if posts is not None and len(posts):
        known = {_key(a): a for a in posts["account"].dropna().astype(str)}
    if accounts is not None and len(accounts):
        acc = accounts
        inst = acc["institution"].map(_key) if "institution" in acc else pd.Series("", acc.index)
        name = acc["display_name"].map(_key) if "display_name" in acc else pd.Series("", acc.index)
        unit = acc["unit"].map(_key) if "unit" in acc else pd.Series("", acc.index)
        cand = acc[((name == inst) & (inst != "")) | (unit == "") | (unit == inst)]
        if len(cand):
            foll = cand["followers"] if "followers" in cand else pd.Series(0, cand.index)
            cand = cand.assign(_f=pd.to_numeric(foll, errors="coerce").fillna(0))
            cand = cand.sort_values("_f", ascending=False, kind="stable")
            for _, row in cand.iterrows():
                keys = [_key(row.get("account")), _key(row.get("handle"))]
                for k in keys:
                    if k and (known is None or k in known):
                        return (
                            known[k]
                            if known
                            else str(
                                row.get("account") if not _na(row.get("account")) else row["handle"]
                            ).lstrip("@")
                        )
    if known:
        counts = posts["account"].astype(str).value_counts()
        return str(counts.index[0])
    return None


def _agenda_items(
    agenda: Any, centre_posts: pd.DataFrame, lang: str | None
) -> dict[str, list[str]]:
    if (
        agenda is None
        or (isinstance(agenda, str) and not agenda.strip())
        or (isinstance(agenda, (list, tuple)) and not agenda)
    ):
        camp = centre_posts["campaign"].dropna().astype(str)
        camp = camp[camp.str.strip() != ""]
        items = [str(c) for c in camp.unique()]
        if not items:
            raise ParameterError(t("governance.no_agenda", lang))
        return {c: [c] for c in items}
    if isinstance(agenda, str):
        agenda = [a.strip() for a in agenda.split(",") if a.strip()]
    if isinstance(agenda, Mapping):
        out = {}
        for k, v in agenda.items():
            words = [v] if isinstance(v, str) else list(v)
            out[str(k)] = [str(w) for w in words if str(w).strip()] or [str(k)]
        return out
    return {str(a): [str(a)] for a in agenda}


def _prepare_match(posts: pd.DataFrame) -> dict[str, pd.Series]:
    """Lower-cased campaign/category and space-padded lower-cased text, computed once."""
    out = {}
    for col in ("campaign", "category"):
        if col in posts:
            out[col] = posts[col].astype("str").str.strip().str.lower()
    if "text" in posts:
        out["text"] = " " + posts["text"].astype("str").fillna("").str.lower() + " "
    return out


_SPACE = "[ \t\n\r]*"
_EDGE = "[^0-9a-z_]"


def _matches(prepared: dict[str, pd.Series], index: pd.Index, words: list[str]) -> pd.Series:
    """Posts whose campaign/category equals one of ``words`` or whose text names one.

    The text pattern avoids look-arounds, ``\\s`` and ``\\w`` so that pyarrow's regex
    engine runs it (about 50 times faster than Python's on a million posts).
    """
    hit = pd.Series(False, index=index)
    low = [w.strip().lower() for w in words if w.strip()]
    for col in ("campaign", "category"):
        if col in prepared:
            hit |= prepared[col].isin(low).fillna(False).astype(bool)
    if "text" in prepared and low:
        alts = [_SPACE.join(re.escape(part) for part in w.split()) for w in low]
        # a campaign name also matches its hashtag written as one word (#HUTSukamaju80)
        alts += ["#" + re.escape(re.sub(r"[^0-9a-z]+", "", w)) for w in low if " " in w]
        pattern = "[^0-9a-z_#]#?(?:" + "|".join(alts) + ")" + _EDGE
        hit |= prepared["text"].str.contains(pattern, regex=True, na=False).astype(bool)
    return hit


def agenda_amplification(
    posts: pd.DataFrame,
    *,
    centre: str | Sequence[str],
    agenda: Any = None,
    window_hours: float = 48,
    accounts: Sequence[str] | None = None,
    lead_minutes: float = 60,
    on_missing: str = "raise",
    lang: str | None = None,
) -> pd.DataFrame:
    """Which unit accounts carried each agenda item of the central account, and how fast.

    For every post of the ``centre`` account that belongs to an agenda item, a unit account
    carried it when it posted on the same item within ``window_hours`` after it (a post up
    to ``lead_minutes`` before counts too: a coordinated release, delay 0).

    Parameters
    ----------
    posts : DataFrame
        The ``posts`` table of all accounts (``campaign``, ``category``, ``text`` are used).
    centre : str or list of str
        The central account name(s) in ``posts["account"]`` (see :func:`central_account`).
    agenda : None, str, list or dict
        None: every campaign of the centre's posts. A list (or comma-separated text) of
        campaign or category values or keywords/hashtags. A dict ``{item: [keywords]}``.
    window_hours : float
        How long after the centre's post a unit post still counts (default 48).
    accounts : list of str, optional
        The unit accounts to report (default: every other account in ``posts``); listed
        accounts without posts appear as not carrying anything.
    on_missing : {"raise", "empty"}
        When the centre is unknown or no agenda item is found: raise (default) or return
        an empty table whose ``attrs["note"]`` says why (for reports that go on).

    Returns
    -------
    DataFrame
        One row per agenda item x unit account: ``agenda``, ``account``, ``centre_posts``,
        ``carried_posts`` (centre posts the unit carried in time), ``carried`` (at least
        one), ``share`` (carried / centre posts), ``delay_hours`` (median delay of the
        carried posts), ``fastest_hours``.

    Raises
    ------
    ParameterError
        Unknown centre account, bad window, or no agenda item found.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"platform": "instagram",
    ...     "account": ["pusat", "dinkes", "dishub"], "post_id": ["1", "2", "3"],
    ...     "published_at": ["2025-08-17 01:00+00", "2025-08-17 07:00+00", "2025-08-25 01:00+00"],
    ...     "post_type": "feed", "campaign": ["HUT RI", "HUT RI", "HUT RI"]})
    >>> amp = agenda_amplification(posts, centre="pusat")
    >>> amp[["account", "carried", "delay_hours"]].to_dict("records")
    [{'account': 'dinkes', 'carried': True, 'delay_hours': 6.0}, {'account': 'dishub', 'carried': False, 'delay_hours': nan}]
    """
    if on_missing not in ("raise", "empty"):
        raise ParameterError(t("governance.bad_on_missing", lang, value=on_missing))
    if on_missing == "empty":
        try:
            return agenda_amplification(
                posts,
                centre=centre,
                agenda=agenda,
                window_hours=window_hours,
                accounts=accounts,
                lead_minutes=lead_minutes,
                lang=lang,
            )
        except ParameterError as exc:
            if "window" in str(exc).lower() or "jendela" in str(exc).lower():
                raise
            out = _empty_amplification()
            out.attrs["note"] = str(exc)
            return out
    if centre is None or (isinstance(centre, str) and not centre.strip()):
        raise ParameterError(t("governance.no_centre", lang))
    p = schema.validate(posts, "posts", lang=lang)
    try:
        window = float(window_hours)
    except (TypeError, ValueError):
        window = float("nan")
    if not window > 0:
        raise ParameterError(t("governance.bad_window", lang, value=window_hours))
    centres = [centre] if isinstance(centre, str) else list(centre)
    ckeys = {_key(c) for c in centres if _key(c)}
    akey = _keys(p["account"])
    if not ckeys or not akey.isin(ckeys).any():
        known = ", ".join(sorted(p["account"].dropna().astype(str).unique())[:12])
        raise ParameterError(t("governance.unknown_centre", lang, value=centre, known=known))
    is_centre = akey.isin(ckeys)
    p = p.assign(_t=p["published_at"].dt.tz_convert("UTC").dt.tz_localize(None))
    cp = p[is_centre]
    up = p[~is_centre]
    items = _agenda_items(agenda, cp, lang)
    if accounts is None:
        units = [str(a) for a in up["account"].dropna().astype("str").unique()]
    else:
        units = [str(a).lstrip("@") for a in accounts if _key(a) not in ckeys]
    unit_key = {_key(u): u for u in units}
    lead = pd.Timedelta(minutes=float(lead_minutes))
    win = pd.Timedelta(hours=window)
    rows = []
    c_prep, u_prep = _prepare_match(cp), _prepare_match(up)
    for item, words in items.items():
        c_times = cp.loc[_matches(c_prep, cp.index, words), "_t"].sort_values().to_numpy()
        u_sel = up[_matches(u_prep, up.index, words)]
        u_times = {
            k: g["_t"].sort_values().to_numpy() for k, g in u_sel.groupby(_keys(u_sel["account"]))
        }
        n_c = int(len(c_times))
        lead64, win64 = lead.to_timedelta64(), win.to_timedelta64()
        hour = np.timedelta64(1, "h").astype("timedelta64[us]")
        for uk, uname in unit_key.items():
            times = u_times.get(uk)
            delays = np.array([], dtype=float)
            if times is not None and len(times) and n_c:
                pos = times.searchsorted(c_times - lead64)
                inside = pos < len(times)
                first = times[np.minimum(pos, len(times) - 1)]
                ok = inside & (first <= c_times + win64)
                delays = np.maximum(0.0, (first[ok] - c_times[ok]) / hour)
            rows.append(
                {
                    "agenda": item,
                    "account": uname,
                    "centre_posts": n_c,
                    "carried_posts": len(delays),
                    "carried": bool(len(delays)),
                    "share": (len(delays) / n_c) if n_c else float("nan"),
                    "delay_hours": float(np.median(delays)) if len(delays) else float("nan"),
                    "fastest_hours": float(delays.min()) if len(delays) else float("nan"),
                }
            )
    return _amplification_frame(rows)


_AMP_COLUMNS = [
    "agenda",
    "account",
    "centre_posts",
    "carried_posts",
    "carried",
    "share",
    "delay_hours",
    "fastest_hours",
]


def _amplification_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows of :func:`agenda_amplification` as a table with its column types."""
    out = pd.DataFrame(rows, columns=_AMP_COLUMNS)
    out = out.astype(
        {
            "agenda": "str",
            "account": "str",
            "centre_posts": "Int64",
            "carried_posts": "Int64",
            "carried": "boolean",
        }
    )
    for c in _AMP_COLUMNS[5:]:
        out[c] = out[c].astype(float).round(2)
    return out


def _empty_amplification() -> pd.DataFrame:
    return _amplification_frame([])


def amplification_matrix(amp: pd.DataFrame, *, value: str = "delay_hours") -> pd.DataFrame:
    """Unit accounts x agenda items from :func:`agenda_amplification`.

    ``value`` is ``"delay_hours"`` (NA = not carried), ``"carried"`` or ``"share"``.

    Examples
    --------
    >>> import pandas as pd
    >>> amp = pd.DataFrame({"agenda": ["A", "B"], "account": ["u", "u"],
    ...     "carried": [True, False], "delay_hours": [2.0, float("nan")], "share": [1.0, 0.0]})
    >>> amplification_matrix(amp, value="carried").loc["u"].tolist()
    [True, False]
    """
    if value not in ("delay_hours", "carried", "share", "fastest_hours", "carried_posts"):
        raise ParameterError(t("governance.bad_matrix_value", None, value=value))
    out = amp.pivot(index="account", columns="agenda", values=value)
    out = out.reindex(
        index=list(dict.fromkeys(amp["account"])), columns=list(dict.fromkeys(amp["agenda"]))
    )
    out.columns.name = "agenda"
    if value == "carried":
        out = out.astype("boolean")
    return out


def amplification_summary(amp: pd.DataFrame) -> pd.DataFrame:
    """Per unit account: agenda items and central posts carried, median delay; weakest first.

    Returns
    -------
    DataFrame
        ``account``, ``items_carried``, ``items``, ``share_carried`` (of items),
        ``posts_share`` (of all the centre's agenda posts, when ``carried_posts`` is
        given), ``median_delay_hours``; sorted by ``posts_share`` (else ``share_carried``).

    Examples
    --------
    >>> import pandas as pd
    >>> amp = pd.DataFrame({"agenda": ["A", "B", "A", "B"], "account": ["u", "u", "v", "v"],
    ...     "carried": [True, False, True, True], "delay_hours": [2.0, None, 5.0, 1.0]})
    >>> amplification_summary(amp)[["account", "items_carried", "items"]].values.tolist()
    [['u', 1, 2], ['v', 2, 2]]
    """
    g = amp.assign(c=amp["carried"].fillna(False).astype(bool)).groupby("account", sort=False)
    out = pd.DataFrame(
        {
            "items": g.size(),
            "items_carried": g["c"].sum(),
            "median_delay_hours": g["delay_hours"].median(),
        }
    )
    out["share_carried"] = (out["items_carried"] / out["items"]).round(3)
    sort = ["share_carried"]
    if {"carried_posts", "centre_posts"} <= set(amp.columns):
        posts = g[["carried_posts", "centre_posts"]].sum()
        total = posts["centre_posts"].astype(float)
        out["posts_share"] = (posts["carried_posts"].astype(float) / total.where(total > 0)).round(
            3
        )
        sort = ["posts_share", "share_carried"]
    out = out.reset_index()
    out = out.astype({"account": "str", "items": "Int64", "items_carried": "Int64"})
    out["median_delay_hours"] = out["median_delay_hours"].astype(float).round(1)
    out = out.sort_values(
        [*sort, "median_delay_hours"],
        ascending=[True] * len(sort) + [False],
        ignore_index=True,
        na_position="first",
    )
    cols = ["account", "items_carried", "items", "share_carried"]
    cols += ["posts_share"] if "posts_share" in out else []
    return out[[*cols, "median_delay_hours"]]


def agenda_note(amp: pd.DataFrame, *, window_hours: float = 48, lang: str | None = None) -> str:
    """One sentence on an agenda table: what was measured, or why it is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> amp = pd.DataFrame({"agenda": ["A"], "account": ["u"], "centre_posts": [2],
    ...     "carried_posts": [1], "carried": [True], "delay_hours": [3.0]})
    >>> agenda_note(amp, lang="en")
    '1 agenda item(s) of the central account (2 posts), followed over 48 hours in 1 unit account(s); 1 account(s) carried at least one item.'
    """
    if amp.empty:
        return amp.attrs.get("note") or t("governance.agenda.none", lang)
    per_item = amp.groupby("agenda")["centre_posts"].first()
    carried = amp.groupby("account")["carried"].apply(lambda c: bool(c.fillna(False).any()))
    return t(
        "governance.agenda.note",
        lang,
        items=int(amp["agenda"].nunique()),
        posts=int(per_item.sum()),
        hours=_fmt_hours(window_hours),
        accounts=int(amp["account"].nunique()),
        carried=int(carried.sum()),
    )


def _fmt_hours(x: Any) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def agenda_summary(amp: pd.DataFrame) -> dict[str, Any]:
    """Headline figures of :func:`agenda_amplification` (JSON-safe) for a playbook summary.

    ``posts_share``: carried central posts over all (central post x unit account) pairs;
    ``item_share``: the same per agenda item, averaged (each item counts once).

    Examples
    --------
    >>> import pandas as pd
    >>> amp = pd.DataFrame({"agenda": ["A", "A"], "account": ["u", "v"],
    ...     "centre_posts": [2, 2], "carried_posts": [2, 0], "carried": [True, False],
    ...     "delay_hours": [3.0, float("nan")]})
    >>> agenda_summary(amp)["posts_share"]
    0.5
    """
    if amp.empty:
        return {"items": 0, "accounts": 0, "note": amp.attrs.get("note")}
    summ = amplification_summary(amp)
    total = amp["centre_posts"].astype(float).sum()
    return {
        "items": int(amp["agenda"].nunique()),
        "accounts": int(amp["account"].nunique()),
        "posts_share": round(float(amp["carried_posts"].astype(float).sum() / total), 4)
        if total
        else None,
        "item_share": round(
            float(amp["share"].astype(float).groupby(amp["agenda"]).mean().mean()), 4
        )
        if "share" in amp and amp["share"].notna().any()
        else None,
        "median_delay_hours": None
        if amp["delay_hours"].isna().all()
        else round(float(amp["delay_hours"].median()), 2),
        "accounts_carrying_nothing": int((summ["items_carried"] == 0).sum()),
    }
