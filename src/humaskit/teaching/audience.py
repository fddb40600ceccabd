"""Teaching helpers of notebook 01 (kenali audiens): the widget view and the Latihan checker.

``show_profile`` is made for ``ipywidgets.interact``: one platform's pyramid and how well
it fits a public. ``check_platform_for_public`` answers the Latihan "which platform
reaches this public best?" with a :class:`humaskit.teaching.Feedback`. Both use the step
(:mod:`humaskit.audience`) and its chart (:func:`humaskit.plots.plot_pyramid`).

Examples
--------
>>> import pandas as pd
>>> aud = pd.DataFrame({"platform": ["tiktok"] * 2 + ["facebook"] * 2,
...     "account": "pemkot", "as_of": "2025-09-30", "dimension": "age",
...     "segment": ["13-17", "35-44"] * 2, "value": [0.6, 0.4, 0.1, 0.9],
...     "unit": "share"})
>>> check_platform_for_public("Petani", "Facebook", aud).correct
True
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import schema
from ..audience import fit, platform_key
from ..audience import publics as checked_publics
from ..errors import ParameterError
from ..fmt import fmt_number
from ..i18n import label, resolve, t
from ..plots.audience import plot_pyramid
from .core import Feedback, _odd_answer, read_text, unanswered

__all__ = ["show_profile", "check_platform_for_public"]


def show_profile(
    audience: pd.DataFrame,
    platform: str,
    public: str | None = None,
    *,
    account: str | None = None,
    publics: pd.DataFrame | None = None,
    region: str | Iterable[str] | None = None,
    lang: str | None = None,
) -> None:
    """Show one platform's pyramid and, for a public, how well the platform fits it.

    Made for ``ipywidgets.interact`` in the teaching notebook::

        interact(hk.teaching.show_profile, audience=fixed(aud),
                 platform=["instagram", "tiktok"], public=["ASN", "Pelajar"])

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "instagram", "account": "pemkot",
    ...     "as_of": "2025-09-30", "dimension": "age_gender",
    ...     "segment": ["F.18-24", "M.18-24", "F.45-54", "M.45-54"],
    ...     "value": [0.4, 0.3, 0.2, 0.1], "unit": "share"})
    >>> show_profile(aud, "instagram", "ASN", lang="en")  # doctest: +ELLIPSIS
    Figure(...)
    30% of the Instagram audience is aged 25-55; the region is not counted ...
    Fit 1.00 (rank 1 of 1 platforms; best: Instagram).
    """
    import matplotlib.pyplot as plt

    lang = resolve(lang)
    fig, ax = plt.subplots(figsize=(7, 4))
    plot_pyramid(audience, platform=platform, account=account, ax=ax, lang=lang)
    lines = []
    if public:
        pubs = checked_publics(publics, lang=lang)
        if public not in set(pubs["public"]):
            raise ParameterError(
                t("audience.unknown_public", lang, value=public, known=", ".join(pubs["public"]))
            )
        f = fit(audience, pubs[pubs["public"] == public], region=region, account=account, lang=lang)
        row = f[f["platform"] == platform_key(platform)].iloc[0]
        best = f.iloc[0]
        lines.append(row["evidence"])
        lines.append(
            t(
                "audience.show_fit",
                lang,
                fit=fmt_number(row["fit"], lang, 2),
                rank=int(row["rank"]),
                n=len(f),
                best=label(best["platform"], lang),
            )
        )
    try:
        from IPython.display import display

        display(fig)
    except ImportError:  # pragma: no cover
        pass
    plt.close(fig)
    for line in lines:
        print(line)


def check_platform_for_public(
    public: str,
    answer: str,
    audience: pd.DataFrame,
    *,
    publics: pd.DataFrame | None = None,
    region: str | Iterable[str] | None = None,
    account: str | Iterable[str] | None = None,
    lang: str | None = None,
) -> Feedback:
    """Check a learner's answer to "which platform reaches this public best?".

    The answer is right when it is the platform with the highest fit (or within 0.05 of
    it), using the same fit as :func:`humaskit.audience.fit` with the same ``region`` and
    ``account``. The feedback (:class:`humaskit.teaching.Feedback`: ``correct`` and
    ``message``) says why, with the evidence from the data; an unknown public or platform
    gives a hint, never an error.

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": ["tiktok"] * 2 + ["facebook"] * 2,
    ...     "account": "pemkot", "as_of": "2025-09-30", "dimension": "age",
    ...     "segment": ["13-17", "35-44"] * 2, "value": [0.6, 0.4, 0.1, 0.9],
    ...     "unit": "share"})
    >>> fb = check_platform_for_public("Pelajar", "TikTok", aud)
    >>> fb.correct
    True
    >>> check_platform_for_public("Pelajar", "fb", aud).correct
    False
    """
    lang = resolve(lang)
    odd = None if unanswered(answer) else _odd_answer(answer, lang)  # (its own: the choices)
    if odd is not None:
        return odd
    answer = read_text(answer)
    pubs = checked_publics(publics, lang=lang)
    names = {p.lower(): p for p in pubs["public"]}
    key = read_text(public).lower()
    if key not in names:
        return Feedback(
            False,
            t("audience.chk_unknown_public", lang, value=public, known=", ".join(pubs["public"])),
        )
    f = fit(audience, pubs[pubs["public"] == names[key]], region=region, account=account, lang=lang)
    f = f[f["fit"].notna()]
    # Alphabetical, so the list of choices does not give the answer away.
    known = ", ".join(sorted(label(p, lang) for p in f["platform"]))
    if answer is None or not str(answer).strip():
        return Feedback(False, t("audience.chk_empty", lang, known=known))
    ans = platform_key(answer)
    if ans not in set(f["platform"]):
        if ans in schema.PLATFORMS:
            return Feedback(False, t("audience.chk_no_data", lang, value=answer, known=known))
        return Feedback(False, t("audience.chk_unknown_platform", lang, value=answer, known=known))
    best = f.iloc[0]
    mine = f[f["platform"] == ans].iloc[0]
    if mine["fit"] >= best["fit"] - 0.05:
        text = (
            t("audience.chk_right", lang, platform=label(ans, lang), public=names[key])
            + " "
            + mine["evidence"]
        )
        if mine["platform"] != best["platform"]:
            text += " " + t("audience.chk_close", lang, best=label(best["platform"], lang))
        return Feedback(True, text)
    text = t(
        "audience.chk_wrong",
        lang,
        platform=label(ans, lang),
        best=label(best["platform"], lang),
        public=names[key],
    )
    text += " " + best["evidence"] + " " + mine["evidence"]
    return Feedback(False, text)
