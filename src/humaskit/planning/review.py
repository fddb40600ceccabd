"""Quality control before posting and the PIC's sign-off.

Examples
--------
>>> STATUSES[:2]
('draf', 'disetujui')
"""

from __future__ import annotations

import importlib.util
import re
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ParameterError
from ..i18n import label, resolve, t
from .adapt import _HASHTAG, _URL, _x_length
from .data import _limits
from .params import STATUSES

__all__ = ["quality_check", "sign_off"]

_VISUAL = ("feed", "carousel")
# Fallback only (when humaskit.text is not installed): personal data that must never be posted.
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
_PHONE = re.compile(r"(?<![\d+])(?:\+62|62|0)8\d{2}[- ]?\d{3,4}[- ]?\d{3,5}(?!\d)")


def _screen(texts: pd.Series, lang: str) -> list[list[str]]:
    """Reasons from :func:`humaskit.text.screen` for each text (empty list = nothing found)."""
    reasons: list[list[str]] = [[] for _ in range(len(texts))]
    screen = None
    if importlib.util.find_spec("humaskit.text") is not None:
        from .. import text as _text

        screen = getattr(_text, "screen", None)
    if screen is None:  # pragma: no cover (humaskit.text ships with the kit)
        for i, text in enumerate(texts):
            if _NIK.search(text) or _PHONE.search(text):
                reasons[i].append(t("planning.qc.personal_data", lang))
        return reasons
    result = screen(texts.reset_index(drop=True), lang=lang)
    needs = result["needs_review"].fillna(False).astype(bool).to_numpy()
    why = result["reasons"] if "reasons" in result.columns else None
    for i in np.flatnonzero(needs):
        detail = why.iloc[i] if why is not None else None
        if isinstance(detail, str) and detail.strip():
            reasons[i].append(detail.strip().rstrip("."))
        else:
            reasons[i].append(t("planning.qc.screen", lang, reasons="").rstrip(": "))
    return reasons


def quality_check(plan: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Check every planned post before it goes out and give it a ``qc_status``.

    Checks: :func:`humaskit.text.screen` on title and caption (SARA, hoax markers,
    information exempted under UU KIP, personal data such as a NIK...), caption present
    (reserve slots must be filled first), caption/title length, hashtag count, a link on
    a platform where links cannot be clicked, the opening line (hook) length, alt text for
    images where the platform supports it, and the number of posts of one account on one
    platform and day (stories not counted). Limits come from ``data/planning/platforms.csv``.

    Returns
    -------
    DataFrame
        A copy of the plan with ``qc_status`` (``ok`` / ``perlu_revisi``) and
        ``qc_reasons`` (the reasons, ``"; "``-separated, in the chosen language).

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"date": ["2025-10-01"], "platform": ["instagram"],
    ...     "format": ["reel"], "category": ["edukasi"], "title": ["Cara daftar"],
    ...     "caption": ["Daftar di https://contoh.go.id ya"]})
    >>> out = quality_check(plan, lang="en")
    >>> out[["qc_status", "qc_reasons"]].values.tolist()
    [['perlu_revisi', 'link in the caption cannot be clicked on Instagram: put it in the bio or a link sticker']]
    """
    lang = resolve(lang)
    out = schema.validate(plan, "plan", lang=lang).copy()
    n = len(out)
    if n == 0:
        out["qc_reasons"] = pd.Series([], dtype="str")
        return out
    caption = out["caption"].fillna("").astype("str")
    title = out["title"].fillna("").astype("str")
    alt = (
        out["alt_text"].fillna("").astype("str")
        if "alt_text" in out.columns
        else pd.Series("", index=out.index, dtype="str")
    )
    reserve = (
        out["reserve"].fillna(False).astype(bool)
        if "reserve" in out.columns
        else pd.Series(False, index=out.index)
    )
    combined = (title + "\n" + caption).str.strip()
    reasons = _screen(combined, lang)
    # Posting load per account and day (units have their own accounts; stories not counted).
    fmt = out["format"].fillna("").astype("str")
    acct = out["account"].fillna("").astype("str")
    not_story = (fmt != "story").to_numpy()
    per_day = (
        pd.DataFrame({"p": out["platform"], "a": acct, "d": out["date"], "s": not_story})
        .groupby(["p", "a", "d", "s"], sort=False)["s"]
        .transform("size")
        .to_numpy()
    )
    names = {p: label(p, lang) for p in schema.PLATFORMS}
    rows = zip(
        out["platform"].tolist(),
        fmt.tolist(),
        caption.tolist(),
        title.tolist(),
        alt.tolist(),
        reserve.tolist(),
        out["date"].dt.strftime("%Y-%m-%d").tolist(),
        strict=True,
    )
    for k, (platform, form, cap, ttl, alt_k, res, day) in enumerate(rows):
        r = reasons[k]
        lim = _limits()[platform]
        name = names[platform]
        if not cap.strip():
            r.append(t("planning.qc.reserve_empty" if res else "planning.qc.no_caption", lang))
        else:
            length = _x_length(cap, lim["url_length"])
            if lim["caption_max"] and length > lim["caption_max"]:
                r.append(
                    t("planning.qc.too_long", lang, n=length, max=lim["caption_max"], platform=name)
                )
            tags = len(_HASHTAG.findall(cap))
            if lim["hashtags_max"] is not None and tags > lim["hashtags_max"]:
                r.append(
                    t("planning.qc.hashtags", lang, n=tags, max=lim["hashtags_max"], platform=name)
                )
            if not lim["links_clickable"] and _URL.search(cap):
                r.append(t("planning.qc.link", lang, platform=name))
            first = cap.strip().splitlines()[0]
            if lim["first_line_max"] and len(first) > lim["first_line_max"]:
                r.append(t("planning.qc.first_line", lang, n=len(first), max=lim["first_line_max"]))
        if lim["title_max"] and len(ttl) > lim["title_max"]:
            r.append(
                t("planning.qc.title_long", lang, n=len(ttl), max=lim["title_max"], platform=name)
            )
        if lim["alt_text"] and form in _VISUAL and not res and not alt_k.strip():
            r.append(t("planning.qc.alt_text", lang))
        cap_day = lim["max_posts_per_day"]
        if not_story[k] and cap_day and per_day[k] > cap_day:
            r.append(
                t(
                    "planning.qc.load",
                    lang,
                    n=int(per_day[k]),
                    max=cap_day,
                    platform=name,
                    date=day,
                )
            )
    out["qc_status"] = pd.array(["perlu_revisi" if r else "ok" for r in reasons], dtype="str")
    out["qc_reasons"] = pd.array(["; ".join(r) if r else None for r in reasons], dtype="str")
    return out


def _select_rows(plan: pd.DataFrame, rows: Any, lang: str) -> pd.Index:
    if (
        isinstance(rows, (pd.Series, np.ndarray, list))
        and len(rows) == len(plan)
        and all(isinstance(v, (bool, np.bool_)) for v in list(rows))
    ):
        mask = np.asarray(rows, dtype=bool)
        return plan.index[mask]
    items = [rows] if isinstance(rows, (str, int, np.integer)) else list(rows)
    picked = []
    ids = plan["plan_id"].astype("str").tolist() if "plan_id" in plan.columns else []
    for item in items:
        if isinstance(item, str) and item in ids:
            picked.append(plan.index[ids.index(item)])
        elif not isinstance(item, str) and item in plan.index:
            picked.append(item)
        else:
            raise ParameterError(t("planning.unknown_row", lang, value=item))
    return pd.Index(picked)


def sign_off(
    plan: pd.DataFrame,
    rows: Any,
    pic: str,
    *,
    status: str = "disetujui",
    override: bool = False,
    lang: str | None = None,
) -> pd.DataFrame:
    """Record a PIC's decision on planned posts: set ``status`` and ``pic``.

    Parameters
    ----------
    plan : DataFrame
        A plan that went through :func:`quality_check`.
    rows : list of plan_id or index labels, or a boolean mask
        The posts the PIC decided on.
    pic : str
        Name of the person in charge who signs off.
    status : {"disetujui", "ditolak", "terbit", "draf"}
        The decision (approved, rejected, published, back to draft).
    override : bool
        Approving a post whose ``qc_status`` is ``perlu_revisi`` needs ``override=True``
        (the PIC takes responsibility for the flagged reasons).

    Raises
    ------
    ParameterError
        Unknown rows, an empty PIC, an unknown status, posts not checked yet, or approving
        a post that needs revision without ``override``.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = quality_check(pd.DataFrame({"date": ["2025-10-01"], "platform": ["x"],
    ...     "format": ["text"], "category": ["edukasi"], "title": ["Tips"],
    ...     "caption": ["Cek jadwal layanan di https://contoh.go.id"]}))
    >>> sign_off(plan, [0], "Rina (Humas)")[["status", "pic"]].values.tolist()
    [['disetujui', 'Rina (Humas)']]
    """
    lang = resolve(lang)
    if status not in STATUSES:
        raise ParameterError(
            t("planning.bad_status", lang, value=status, known=", ".join(STATUSES))
        )
    if not isinstance(pic, str) or not pic.strip():
        raise ParameterError(t("planning.empty_pic", lang))
    out = plan.copy()
    idx = _select_rows(out, rows, lang)
    if status in ("disetujui", "terbit"):
        qc = (
            out.loc[idx, "qc_status"] if "qc_status" in out.columns else pd.Series(pd.NA, index=idx)
        )
        unchecked = [str(i) for i in idx[qc.isna().to_numpy()]]
        if unchecked:
            raise ParameterError(t("planning.not_checked", lang, rows=", ".join(unchecked)))
        flagged = [str(i) for i in idx[(qc == "perlu_revisi").fillna(False).to_numpy()]]
        if flagged and not override:
            raise ParameterError(t("planning.needs_revision", lang, rows=", ".join(flagged)))
    out.loc[idx, "status"] = status
    out.loc[idx, "pic"] = pic.strip()
    return out
