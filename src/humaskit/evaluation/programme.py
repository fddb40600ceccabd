"""Did a programme reach the ground? What citizens report, by place and by time.

Social media shows what reports and dashboards do not: citizens who were not served
(bantuan belum diterima, tidak terdata), offices that did not know a new programme
(petugas tidak tahu), services that were closed or charged for what should be free.

:func:`programme_mentions` finds the public's mentions of a programme (any of its
keywords, whole words, lower case) and marks those that report it did not reach them: a
phrase of ``data/evaluation/not_served_cues.txt`` after common informal spellings are
rewritten (``blm dapat`` -> ``belum dapat``). :func:`programme_reach` counts them by
place and by week or month.

The **place** of a mention is, in this order: a place of your list (``places=``, e.g.
the kelurahan and kecamatan names) found in the text; a capitalised name after ``di``,
``warga``, ``kelurahan``, ``kecamatan`` or ``desa`` in the text; the ``region`` column; else
"tidak diketahui" (unknown).

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"platform": "x", "account": "dinsos",
...     "created_at": pd.to_datetime(["2025-09-02", "2025-09-03", "2025-09-09"], utc=True),
...     "text": ["Bansos di Pasirjati blm cair", "Terima kasih bansos sudah diterima",
...              "Petugas kelurahan Cempaka tidak tahu soal bansos"]})
>>> pm = programme_mentions(m, ["bansos"])
>>> pm["not_served"].tolist(), pm["place"].tolist()
([True, False, True], ['Pasirjati', 'tidak diketahui', 'Cempaka'])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ._common import (
    DEFAULT_TZ,
    arrow_lower,
    context,
    cue_regex,
    mentions_of,
    read_list,
    safe_texts,
    standard_spelling,
    window,
    words_regex,
    zone,
)

__all__ = ["programme_mentions", "programme_reach", "programme_summary"]

_PLACE_RE = (
    r"(?:\b[Dd]i|\b[Ww]arga|\b[Kk]elurahan|\b[Kk]ecamatan|\b[Dd]esa|\b[Kk]el\.|\b[Kk]ec\.)\s+"
    r"((?:[A-Z][a-z]+)(?:\s+(?:[A-Z][a-z]+|I{1,3}|IV))?)"
)
_NOT_PLACES = {
    "Jl",
    "Jalan",
    "Sini",
    "Sana",
    "Mana",
    "Rumah",
    "Kota",
    "Pasar",
    "Depan",
    "Sekolah",
    "Kantor",
    "Puskesmas",
    "Kecamatan",
    "Kelurahan",
}


def _keywords(keywords: Any, lang: str | None) -> list[str]:
    if isinstance(keywords, str):
        keywords = [k for k in keywords.split(",")]
    if not isinstance(keywords, Iterable):
        raise ParameterError(t("evaluation.bad_programme", lang))
    out = [str(k).strip() for k in keywords if str(k).strip()]
    if not out:
        raise ParameterError(t("evaluation.bad_programme", lang))
    return out


def _places(
    texts: pd.Series, region: pd.Series | None, places: Iterable[str] | None, lang: str | None
) -> pd.Series:
    unknown = t("evaluation.unknown_place", lang)
    out = pd.Series(pd.NA, index=texts.index, dtype="str")
    if places is not None:
        names = [str(p).strip() for p in places if str(p).strip()]
        if names:
            import pyarrow.compute as pc

            pat = words_regex(names, name="p")
            found = pc.extract_regex(arrow_lower(texts), pat)
            hit = pd.Series(
                pc.struct_field(found, [0]).to_numpy(zero_copy_only=False),
                index=texts.index,
                dtype="str",
            )
            canon = {n.lower(): n for n in names}
            out = hit.str.replace(r"\s+", " ", regex=True).map(canon).astype("str")
    guess = texts.astype("str").str.extract(_PLACE_RE, expand=False).astype("str")
    guess = guess.where(~guess.str.split().str[0].isin(_NOT_PLACES).fillna(False))
    out = out.fillna(guess)
    if region is not None:
        out = out.fillna(region.astype("str"))
    return out.fillna(unknown)


def programme_mentions(
    mentions: Any,
    keywords: str | Iterable[str],
    *,
    period: Any = None,
    places: Iterable[str] | None = None,
    cues: Iterable[str] | None = None,
    salt: str | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """The public's mentions of a programme, each marked ``not_served`` or not.

    Parameters
    ----------
    keywords : str or list of str
        Words naming the programme (``"bansos, pkh, bpnt"`` or a list).
    places : list of str, optional
        Names of your kelurahan/kecamatan/offices to look for in the texts.
    cues : list of str, optional
        Phrases reporting the programme did not reach the citizen (default
        ``data/evaluation/not_served_cues.txt``).

    Returns
    -------
    DataFrame
        ``created_local, platform, account, place, not_served, cue, text`` (text with
        personal data masked and citizens' handles pseudonymised), ``mention_id``.
    """
    import pyarrow.compute as pc

    tz = zone(tz)
    words = _keywords(keywords, lang)
    m = mentions_of(mentions, lang)
    if "author_type" in m.columns:
        m = m[m["author_type"].astype("str").fillna("citizen") != "institution"]
    if period is not None:
        m = m[window(period, tz=tz, times=m["created_at"], lang=lang).mask(m["created_at"])]
    low = arrow_lower(m["text"])
    about = pc.match_substring_regex(low, words_regex(words)).to_numpy(zero_copy_only=False)
    sub = m[about]
    cue_list = list(cues) if cues is not None else list(read_list("not_served_cues.txt"))
    found = pc.struct_field(
        pc.extract_regex(pc.filter(low, pa_bool(about)), cue_regex(cue_list, name="c")), [0]
    )
    shown = standard_spelling(pc.fill_null(found, "")) if len(found) else found
    cue = pd.Series(shown.to_numpy(zero_copy_only=False), index=sub.index, dtype="str")
    cue = cue.where(pd.Series(pc.is_valid(found).to_numpy(zero_copy_only=False), index=sub.index))
    keep = context(mentions).keep | set(sub["account"].dropna().astype("str").str.lower())
    out = pd.DataFrame(
        {
            "created_local": sub["created_at"].dt.tz_convert(tz),
            "platform": sub["platform"],
            "account": sub["account"],
            "place": _places(
                sub["text"], sub["region"] if "region" in sub.columns else None, places, lang
            ),
            "not_served": cue.notna().to_numpy(),
            "cue": cue.str.replace(r"\s+", " ", regex=True),
            "text": safe_texts(sub["text"], keep=keep, salt=salt, lang=lang, max_chars=200),
            "mention_id": sub["mention_id"]
            if "mention_id" in sub.columns
            else sub.index.astype("str"),
        }
    )
    out.attrs["keywords"] = words
    return out.reset_index(drop=True)


def pa_bool(values: np.ndarray):
    """A numpy boolean array as a pyarrow boolean array."""
    import pyarrow as pa

    return pa.array(np.asarray(values, dtype=bool))


def programme_reach(
    mentions: Any,
    keywords: str | Iterable[str],
    *,
    by: str = "place",
    freq: str = "W",
    period: Any = None,
    places: Iterable[str] | None = None,
    cues: Iterable[str] | None = None,
    tz: str = DEFAULT_TZ,
    lang: str | None = None,
) -> pd.DataFrame:
    """How often citizens report a programme did not reach them, by place and time.

    Parameters
    ----------
    by : {"place", "time", "both"}
        One row per place, per week/month, or per place and week/month.
    freq : {"W", "M"}
        Weeks (starting Monday) or months.

    Returns
    -------
    DataFrame
        The grouping columns (``place``, ``date``), ``mentions`` (about the programme),
        ``not_served`` (reports of not being served) and ``not_served_share``; sorted with
        the most reports first (places) or in time order.

    Examples
    --------
    >>> from humaskit import samples
    >>> r = programme_reach(samples.workspace(), "bansos, bantuan, pkh, dtks", by="place")
    >>> int(r["not_served"].sum()) > 0
    True
    """
    from .monitoring import _freq

    if by not in ("place", "time", "both"):
        raise ParameterError(t("evaluation.bad_reach_by", lang, value=by))
    f = _freq(freq, lang)
    pm = programme_mentions(
        mentions, keywords, period=period, places=places, cues=cues, tz=tz, lang=lang
    )
    keys = []
    frame = pd.DataFrame({"not_served": pm["not_served"].astype("int64"), "mentions": 1})
    if by in ("place", "both"):
        frame["place"] = pm["place"].to_numpy()
        keys.append("place")
    if by in ("time", "both"):
        frame["date"] = pm["created_local"].dt.tz_localize(None).dt.to_period(f).dt.start_time
        keys.append("date")
    cols = keys + ["mentions", "not_served", "not_served_share"]
    if not len(frame):
        return pd.DataFrame(columns=cols)
    out = frame.groupby(keys, observed=True).sum().reset_index()
    out["not_served_share"] = (out["not_served"] / out["mentions"]).astype("Float64")
    if by == "place":
        out = out.sort_values(["not_served", "mentions", "place"], ascending=[False, False, True])
    else:
        out = out.sort_values(keys)
    out.attrs["keywords"] = pm.attrs.get("keywords")
    return out[cols].reset_index(drop=True)


def programme_summary(pm: pd.DataFrame) -> dict[str, Any]:
    """Headline figures of :func:`programme_mentions` (share-safe, for the JSON summary).

    Examples
    --------
    >>> import pandas as pd
    >>> programme_summary(pd.DataFrame({"not_served": [True, False], "place": ["A", "B"]}))
    {'mentions': 2, 'not_served': 1, 'not_served_share': 0.5, 'places_with_reports': 1}
    """
    n = int(len(pm))
    bad = int(pm["not_served"].sum()) if n else 0
    return {
        "mentions": n,
        "not_served": bad,
        "not_served_share": round(bad / n, 4) if n else None,
        "places_with_reports": int(pm.loc[pm["not_served"], "place"].nunique()) if n else 0,
    }
