"""Teaching helpers for notebook 05 (evaluasi): checkers with instant feedback and widgets.

Teaching layer: every checker takes the learner's answer and returns a
:class:`humaskit.teaching.Feedback` (✅ or ❌ with a hint); a wrong or oddly typed answer
is feedback, never an exception. :func:`sentiment_check` and :func:`sentiment_misses` show
how the lexicon compares with people's labels; :func:`explore_limit` is the body of the
answer-limit widget; :func:`check_attention` checks the critic-or-attacker exercise. The
figures come from :mod:`humaskit.evaluation`; notebooks call
these flat, ``hk.teaching.check_net_sentiment(...)``.

Examples
--------
>>> check_net_sentiment("-0,1", positive=120, neutral=300, negative=180, lang="en").correct
True
>>> check_er_variant("reach", scenario="tiktok_vs_instagram", lang="en").correct
False
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..i18n import label, resolve, t
from .core import Feedback, answer_guard, read_number, read_text

__all__ = [
    "check_er_variant",
    "check_net_sentiment",
    "check_within_limit",
    "check_overdue_unit",
    "attention_examples",
    "check_attention",
    "sentiment_check",
    "sentiment_misses",
    "explore_limit",
    "check_holding_band",
    "check_best_campaign",
    "check_event_lag",
]

_VARIANTS = {
    "reach": "reach",
    "jangkauan": "reach",
    "er_by_reach": "reach",
    "impressions": "impressions",
    "impresi": "impressions",
    "tayangan": "impressions",
    "views": "impressions",
    "penayangan": "impressions",
    "er_by_impressions": "impressions",
    "followers": "followers",
    "pengikut": "followers",
    "er_by_followers": "followers",
}
_SCENARIOS = {
    # comparing platforms where one does not report reach: by impressions/views
    "tiktok_vs_instagram": "impressions",
    # the same Instagram account month after month: by reach (what Meta reports)
    "same_account_months": "reach",
    # how much of the existing audience reacts, whatever the reach: by followers
    "loyal_audience": "followers",
}


def _number(answer: Any) -> float | None:
    return read_number(answer)


@answer_guard
def check_er_variant(
    answer: Any, *, scenario: str = "tiktok_vs_instagram", lang: str | None = None
) -> Feedback:
    """Check the engagement-rate variant chosen for a scenario.

    Scenarios: ``tiktok_vs_instagram`` (compare platforms; TikTok, X and YouTube report no
    reach), ``same_account_months`` (one Instagram account over months),
    ``loyal_audience`` (how much of the followers react).
    """
    lang = resolve(lang)
    truth = _SCENARIOS.get(scenario)
    if truth is None:
        return Feedback(
            False, t("evaluation.ex.unknown_scenario", lang, known=", ".join(_SCENARIOS))
        )
    got = _VARIANTS.get(read_text(answer).lower())
    if got is None:
        return Feedback(False, t("evaluation.ex.not_a_variant", lang, answer=answer))
    if got == truth:
        return Feedback(True, t(f"evaluation.ex.variant_right.{scenario}", lang))
    return Feedback(False, t(f"evaluation.ex.variant_wrong.{got}", lang))


@answer_guard
def check_net_sentiment(
    answer: Any, *, positive: int, neutral: int, negative: int, lang: str | None = None
) -> Feedback:
    """Check a net sentiment computed by hand: (positive - negative) / all (±0.01)."""
    lang = resolve(lang)
    total = positive + neutral + negative
    truth = (positive - negative) / total if total else 0.0
    got = _number(answer)
    if got is None:
        return Feedback(False, t("evaluation.ex.not_a_number", lang, answer=answer))
    if abs(got - truth) <= 0.01:
        return Feedback(
            True,
            t(
                "evaluation.ex.net_right",
                lang,
                value=f"{truth:+.2f}".replace(".", "," if lang == "id" else "."),
            ),
        )
    if abs(got - (positive - negative) / max(positive + negative, 1)) <= 0.01:
        return Feedback(False, t("evaluation.ex.net_forgot_neutral", lang))
    if abs(got + truth) <= 0.01:
        return Feedback(False, t("evaluation.ex.net_sign", lang))
    return Feedback(False, t("evaluation.ex.net_wrong", lang))


@answer_guard
def check_within_limit(
    answer: Any, response: pd.DataFrame, *, topic: str, lang: str | None = None
) -> Feedback:
    """Check the share of a topic's mentions answered within the limit (±1 point).

    ``response`` is :func:`humaskit.evaluation.responsiveness` by ``route_topic``. The
    answer may be ``0.58``, ``58`` or ``"58%"``.
    """
    lang = resolve(lang)
    row = response[response["route_topic"].astype("str") == topic]
    if not len(row):
        return Feedback(False, t("evaluation.ex.unknown_topic", lang, topic=topic))
    truth = float(row.iloc[0]["within_limit_share"])
    got = _number(answer)
    if got is None:
        return Feedback(False, t("evaluation.ex.not_a_number", lang, answer=answer))
    if got > 1.0:
        got = got / 100
    pct = f"{truth * 100:.0f}%"
    if abs(got - truth) <= 0.01:
        return Feedback(True, t("evaluation.ex.within_right", lang, pct=pct, topic=topic))
    rate = float(row.iloc[0]["response_rate"])
    if abs(got - rate) <= 0.01:
        return Feedback(False, t("evaluation.ex.within_is_rate", lang))
    if abs(got - (1 - truth)) <= 0.01:
        return Feedback(False, t("evaluation.ex.within_inverse", lang))
    return Feedback(False, t("evaluation.ex.within_wrong", lang))


@answer_guard
def check_overdue_unit(answer: Any, late: pd.DataFrame, *, lang: str | None = None) -> Feedback:
    """Check the unit with the most overdue mentions (name or clear part of it)."""
    lang = resolve(lang)
    if late is None or not len(late):
        return Feedback(False, t("evaluation.ex.no_overdue", lang))
    counts = late["unit"].value_counts()
    truth = str(counts.index[0])
    got = read_text(answer).lower()
    ok = len(got) >= 3 and (
        got == truth.lower()
        or got in truth.lower().split()
        or (len(got) >= 5 and got in truth.lower())
    )
    if ok:
        return Feedback(
            True, t("evaluation.ex.overdue_right", lang, unit=truth, n=int(counts.iloc[0]))
        )
    return Feedback(False, t("evaluation.ex.overdue_wrong", lang, answer=answer))


#: The comments of the critic-or-attacker exercise (notebook 05): letter -> text.
ATTENTION_EXAMPLES = {
    "A": "Syarat bikin akta kelahiran anak apa saja min?",
    "B": "Sudah 2 minggu sampah di TPS Cempaka tidak diangkut, tolong segera ditangani!",
    "C": "Pemkot isinya cuma pencitraan. Dasar tukang bohong!",
    "D": "Dinas PU tidak becus! Jalan rusak dibiarkan berbulan-bulan.",
}
_ATTENTION_WORDS = {
    "request": "request",
    "permintaan": "request",
    "pertanyaan": "request",
    "minta": "request",
    "criticism": "criticism",
    "kritik": "criticism",
    "kritik berisi": "criticism",
    "keluhan": "criticism",
    "aduan": "criticism",
    "abuse": "abuse",
    "serangan": "abuse",
    "makian": "abuse",
    "attack": "abuse",
}


def attention_examples() -> pd.DataFrame:
    """The comments of the critic-or-attacker exercise, to show before it.

    Examples
    --------
    >>> attention_examples()["letter"].tolist()
    ['A', 'B', 'C', 'D']
    """
    return pd.DataFrame(
        {"letter": list(ATTENTION_EXAMPLES), "text": list(ATTENTION_EXAMPLES.values())}
    )


def _attention_truth() -> dict[str, str]:
    from ..evaluation import critic_or_attacker

    m = pd.DataFrame(
        {
            "platform": "instagram",
            "account": "pemkot",
            "kind": "comment",
            "created_at": pd.Timestamp("2025-09-01", tz="UTC"),
            "author": [f"warga{i}" for i in range(len(ATTENTION_EXAMPLES))],
            "author_type": "citizen",
            "text": list(ATTENTION_EXAMPLES.values()),
        }
    )
    classes = critic_or_attacker(m)["attention"].tolist()
    return dict(zip(ATTENTION_EXAMPLES, classes, strict=True))


@answer_guard
def check_attention(answer: Any, *, lang: str | None = None) -> Feedback:
    """Check the class given to each comment of :data:`ATTENTION_EXAMPLES`.

    ``answer`` maps each letter to ``"permintaan"`` (request), ``"kritik"`` (criticism
    with a point) or ``"serangan"`` (abuse without a request); English words work too.

    Examples
    --------
    >>> check_attention({"A": "permintaan", "B": "kritik", "C": "serangan", "D": "kritik"},
    ...                 lang="en").correct
    True
    >>> print(check_attention({"A": "permintaan", "B": "kritik", "C": "serangan",
    ...                        "D": "serangan"}, lang="en"))
    ❌ D is rude, but it has a point someone can act on (the broken road): criticism with a point. Answer the point, ignore the rude words.
    """
    lang = resolve(lang)
    if not isinstance(answer, dict) or not answer:
        return Feedback(False, t("evaluation.ex.attention_fill", lang))
    given = {str(k).strip().upper(): v for k, v in answer.items()}
    truth = _attention_truth()
    for letter, right in truth.items():
        raw = given.get(letter)
        got = _ATTENTION_WORDS.get(str(raw).strip().lower()) if raw is not None else None
        if got is None:
            return Feedback(False, t("evaluation.ex.attention_missing", lang, letter=letter))
        if got != right:
            return Feedback(False, t(f"evaluation.ex.attention_wrong.{letter}", lang))
    return Feedback(True, t("evaluation.ex.attention_right", lang))


def sentiment_check(
    mentions: pd.DataFrame, *, truth: str = "true_sentiment", lang: str | None = None
) -> pd.DataFrame:
    """How the lexicon's labels compare with labels people gave (a confusion table).

    Rows: the people's label; columns: the lexicon's label; ``attrs["agreement"]`` is the
    share where both agree. Works on any mentions table that has a column of true labels
    (the samples have ``true_sentiment``; a team can label 100 of its own mentions).
    """
    from ..errors import ParameterError
    from ..evaluation import with_sentiment

    if truth not in mentions.columns:
        raise ParameterError(t("evaluation.ex.no_truth", lang, column=truth))
    m = with_sentiment(mentions.drop(columns=["sentiment"], errors="ignore"), lang=lang)
    order = ["positive", "neutral", "negative"]
    tab = pd.crosstab(m[truth].astype("str"), m["sentiment"].astype("str"))
    tab = tab.reindex(index=order, columns=order, fill_value=0)
    agree = float((m[truth].astype("str") == m["sentiment"].astype("str")).mean())
    tab.index = [label(i, lang) for i in tab.index]
    tab.columns = [label(c, lang) for c in tab.columns]
    tab.index.name = t("evaluation.ex.people_label", lang)
    tab.columns.name = t("evaluation.ex.lexicon_label", lang)
    tab.attrs["agreement"] = agree
    return tab


def sentiment_misses(
    mentions: pd.DataFrame, *, truth: str = "true_sentiment", n: int = 6, lang: str | None = None
) -> pd.DataFrame:
    """Example mentions the lexicon read the opposite way (positive <-> negative).

    Texts are masked (personal data) and handles pseudonymised.
    """
    from ..evaluation import safe_texts, with_sentiment

    m = with_sentiment(mentions.drop(columns=["sentiment"], errors="ignore"), lang=lang)
    opposite = ((m[truth] == "negative") & (m["sentiment"] == "positive")) | (
        (m[truth] == "positive") & (m["sentiment"] == "negative")
    )
    miss = m[opposite].drop_duplicates("text").head(n)
    return pd.DataFrame(
        {
            "text": safe_texts(miss["text"], lang=lang, max_chars=160).to_numpy(),
            "people": [label(x, lang) for x in miss[truth]],
            "lexicon": [label(x, lang) for x in miss["sentiment"]],
        }
    )


def explore_limit(
    mentions: Any,
    limit_hours: int = 24,
    by: str = "unit",
    period: Any = None,
    lang: str | None = None,
):
    """Widget body: the share answered within ``limit_hours`` per unit (an HTML table).

    Use it with ``ipywidgets.interact(explore_limit, mentions=fixed(m),
    limit_hours=(4, 72, 4))`` to see how the SOP's limit changes the picture.
    """
    from .. import report as rp
    from ..evaluation import responsiveness
    from ..report.evaluation import for_display

    r = responsiveness(mentions, limit_hours=float(limit_hours), by=by, period=period, lang=lang)
    view = r[[by, "due", "within_limit", "within_limit_share", "median_response_hours"]]
    view = view.sort_values("within_limit_share")
    return rp.table(for_display(view, lang=lang), pct=["within_limit_share"], lang=lang)


# ---------------------------------------------------------------------------------------
# The first seconds of video, campaigns and the speed from event to post (issue #15)
# ---------------------------------------------------------------------------------------


def _band_of(answer: Any) -> str | None:
    """A length band written by a learner (``"16-60 detik"``, ``"1-3 menit"``, a code)."""
    from ..evaluation import LENGTH_BANDS

    got = read_text(answer).lower().replace("–", "-").replace(" ", "")
    if not got:
        return None
    for code, _ in LENGTH_BANDS:
        names = {code.lower()}
        for lg in ("id", "en"):
            names.add(label(f"band_{code}", lg).lower().replace(" ", "").replace("–", "-"))
        if got in names:
            return code
    digits = "".join(ch for ch in got if ch.isdigit() or ch == "-")
    for code, _ in LENGTH_BANDS:
        if digits and digits == "".join(ch for ch in code if ch.isdigit() or ch == "-"):
            return code
    return None


@answer_guard
def check_holding_band(
    answer: Any, table: pd.DataFrame, *, platform: str = "youtube", lang: str | None = None
) -> Feedback:
    """Check the length band whose videos are watched furthest on ``platform``.

    ``table`` is :func:`humaskit.evaluation.retention_by_length`; only bands with at least
    two videos count. The answer may be the band as the table shows it (``"16-60 detik"``)
    or its code (``"16-60s"``).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"platform": "youtube", "length_band": ["16-60s", "3-10m"],
    ...     "videos": [5, 9], "median_view_pct": [80.0, 35.0]})
    >>> check_holding_band("16-60 detik", table, lang="en").correct
    True
    >>> check_holding_band("3-10 menit", table, lang="en").correct
    False
    """
    lang = resolve(lang)
    rows = table[(table["platform"] == platform) & (table["videos"] >= 2)]
    rows = rows.dropna(subset=["median_view_pct"])
    rows = rows[rows["length_band"] != "unknown"]
    if not len(rows):
        return Feedback(False, t("videos.ex_no_data", lang, platform=label(platform, lang)))
    best = rows.sort_values("median_view_pct", ascending=False, kind="stable").iloc[0]
    truth = str(best["length_band"])
    pct = f"{float(best['median_view_pct']):.0f}%"
    got = _band_of(answer)
    if got is None:
        return Feedback(False, t("videos.ex_band_format", lang))
    if got == truth:
        return Feedback(
            True, t("videos.ex_band_right", lang, band=label(f"band_{truth}", lang), pct=pct)
        )
    most = str(rows.sort_values("videos", ascending=False, kind="stable").iloc[0]["length_band"])
    if got == most:
        return Feedback(False, t("videos.ex_band_most", lang))
    return Feedback(False, t("videos.ex_band_wrong", lang))


@answer_guard
def check_best_campaign(answer: Any, table: pd.DataFrame, *, lang: str | None = None) -> Feedback:
    """Check the campaign with the highest engagement rate (by reach) in a campaigns table.

    ``table`` is :func:`humaskit.evaluation.campaigns`; a clear part of the name is enough.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"campaign": ["Siaga Banjir", "KTP Digital"], "posts": [5, 20],
    ...     "reach": [1000, 9000], "er_by_reach": [0.09, 0.03]})
    >>> check_best_campaign("siaga banjir", table, lang="en").correct
    True
    >>> check_best_campaign("KTP Digital", table, lang="en").message[:24]
    'Not yet: that campaign h'
    """
    lang = resolve(lang)
    rows = table.dropna(subset=["er_by_reach"]) if len(table) else table
    if not len(rows):
        return Feedback(False, t("campaigns.ex_no_data", lang))
    best = rows.sort_values("er_by_reach", ascending=False, kind="stable").iloc[0]
    truth = str(best["campaign"])
    got = read_text(answer).lower().lstrip("#")
    clean = truth.lower().lstrip("#")
    if len(got) >= 4 and (got == clean or got in clean):
        er = f"{float(best['er_by_reach']) * 100:.1f}%".replace(".", "," if lang == "id" else ".")
        return Feedback(True, t("campaigns.ex_best_right", lang, campaign=truth, er=er))
    for col, key in (
        ("posts", "campaigns.ex_best_most_posts"),
        ("reach", "campaigns.ex_best_reach"),
    ):
        if col in rows.columns and rows[col].notna().any():
            top = str(rows.sort_values(col, ascending=False, kind="stable").iloc[0]["campaign"])
            if len(got) >= 4 and got in top.lower().lstrip("#"):
                return Feedback(False, t(key, lang))
    return Feedback(False, t("campaigns.ex_best_wrong", lang))


@answer_guard
def check_event_lag(answer: Any, *, event: str, posted: str, lang: str | None = None) -> Feedback:
    """Check the hours from an event to its post (±0.1 hour), e.g. 06:15 to 09:45 is 3.5.

    Examples
    --------
    >>> check_event_lag("3,5", event="2025-09-02 06:15", posted="2025-09-02 09:45",
    ...     lang="en").correct
    True
    >>> check_event_lag(210, event="2025-09-02 06:15", posted="2025-09-02 09:45",
    ...     lang="en").correct
    False
    """
    lang = resolve(lang)
    truth = (pd.Timestamp(posted) - pd.Timestamp(event)) / pd.Timedelta(hours=1)
    if isinstance(answer, str):  # "3,5 jam", "3.5 hours"
        answer = re.sub(r"\s*(jam|hours?|h)\s*$", "", read_text(answer), flags=re.I)
    got = read_number(answer)
    if got is None:
        return Feedback(False, t("evaluation.ex.not_a_number", lang, answer=answer))
    shown = f"{truth:g}".replace(".", "," if lang == "id" else ".")
    if abs(got - truth) <= 0.1:
        return Feedback(True, t("campaigns.ex_lag_right", lang, hours=shown))
    if abs(got - truth * 60) <= 1:
        return Feedback(False, t("campaigns.ex_lag_minutes", lang))
    if abs(got + truth) <= 0.1:
        return Feedback(False, t("campaigns.ex_lag_sign", lang))
    return Feedback(False, t("campaigns.ex_lag_wrong", lang))
