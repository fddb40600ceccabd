"""Trends with judgement (issue #15, item 4): planted complaint topics."""

from __future__ import annotations

import pandas as pd

from humaskit import samples, scheduling, teaching, text

POST = {
    "platform": "instagram",
    "format": "reel",
    "scheduled_at": "2025-10-04 19:00",
    "hook_s": 3,
}


def _conversation():
    return pd.DataFrame(
        {
            "text": [
                "banjir lagi di Jl. Melati, parah",
                "banjir tidak ditangani, kecewa sekali",
                "kapan banjir ini selesai? lambat",
                "car free day seru sekali",
                "car free day ramai, terima kasih",
                "jalan bagus, terima kasih",
                "jalan berlubang, kapan diperbaiki",
            ],
            "intent": ["complaint", "complaint", "complaint", "praise", "praise", "praise", "x"],
        }
    )


def test_mostly_complaint_terms_are_sensitive():
    out = scheduling.judge_trends(["banjir", "car free day", "jalan"], _conversation())
    flags = dict(zip(out["term"], out["sensitive"], strict=True))
    assert flags == {"banjir": True, "car free day": False, "jalan": True}
    row = out.set_index("term").loc["banjir"]
    assert row["mentions"] == 3 and row["complaint_share"] == 1.0
    assert "jawab masalahnya" in row["advice"]


def test_screen_flags_count_as_troubled():
    convo = ["pejabat kafir semua", "pejabat itu dasar kafir", "pejabat hadir di acara"]
    out = scheduling.judge_trends(["pejabat"], convo)
    assert out["flagged_share"].iloc[0] > 0 and out["sensitive"].iloc[0]


def test_readiness_does_not_reward_riding_a_sensitive_term_nor_suggest_it():
    judged = scheduling.judge_trends(["banjir", "car free day"], _conversation())
    ride = scheduling.readiness(
        POST | {"title": "Lomba", "caption": "Lomba foto banjir, seru!"}, trending=judged
    ).set_index("factor")
    assert ride.loc["topical", "score"] == 50
    assert "topik sensitif (banjir)" in ride.loc["topical", "explanation"]
    plain = scheduling.readiness(
        POST | {"title": "Lomba", "caption": "Lomba foto"}, trending=judged
    ).set_index("factor")
    msg = plain.loc["topical", "explanation"]
    assert "misalnya car free day" in msg and "banjir sensitif" in msg
    good = scheduling.readiness(
        POST | {"title": "CFD", "caption": "Car free day Minggu ini"}, trending=judged
    ).set_index("factor")
    assert good.loc["topical", "score"] == 75
    # without judgement, riding the complaint topic is still rewarded (old behaviour)
    naive = scheduling.readiness(
        POST | {"title": "Lomba", "caption": "Lomba foto banjir"}, trending=["banjir"]
    ).set_index("factor")
    assert naive.loc["topical", "score"] == 75


def test_on_the_samples_banjir_and_jalan_are_sensitive():
    m = samples.load("mentions")
    k = text.keywords(m["text"], top=15, stopwords=["sukamaju", "kota", "pemerintah"])
    out = scheduling.judge_trends(k, m).set_index("term")
    assert out.loc["banjir", "sensitive"] and out.loc["jalan", "sensitive"]
    assert not out.loc["cepat", "sensitive"]
    assert teaching.check_sensitive_trend("banjir", out.reset_index()).correct
    assert not teaching.check_sensitive_trend("cepat", out.reset_index()).correct
