"""Monitoring: sentiment over time, issues, rising words, peaks, share of voice, programmes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from humaskit import evaluation as ev
from humaskit import schema, teaching


def _labelled(seed=3):
    """Mentions over two months with labels given (the lexicon is not under test here)."""
    rng = np.random.default_rng(seed)
    rows = []
    for month, probs in (("2025-08", (0.5, 0.3, 0.2)), ("2025-09", (0.2, 0.3, 0.5))):
        n = 400
        days = rng.integers(1, 29, n)
        for i in range(n):
            rows.append(
                {
                    "created_at": pd.Timestamp(f"{month}-{days[i]:02d} 03:00", tz="UTC"),
                    "sentiment": rng.choice(["positive", "neutral", "negative"], p=probs),
                }
            )
    m = pd.DataFrame(rows)
    m["platform"] = "instagram"
    m["account"] = "pemkot"
    m["text"] = "teks"
    return m


def test_net_sentiment_formula():
    assert ev.net_sentiment(30, 50, 20) == pytest.approx(0.1)
    assert np.isnan(ev.net_sentiment(0, 0, 0))


def test_trend_and_summary_count_the_given_labels():
    m = _labelled()
    trend = ev.sentiment_trend(m, freq="M")
    sep = m[m["created_at"].dt.month == 9]["sentiment"].value_counts()
    row = trend[trend["date"] == "2025-09-01"].iloc[0]
    assert row["negative"] == sep["negative"] and row["mentions"] == sep.sum()
    assert row["net_sentiment"] == pytest.approx((sep["positive"] - sep["negative"]) / sep.sum())
    s = ev.sentiment_summary(m, "2025-09")
    assert s.loc[0, "net_sentiment_change"] < -0.3  # the planted shift from positive


def test_institution_messages_are_left_out_of_sentiment():
    m = _labelled()
    m["author_type"] = "citizen"
    m.loc[m.index[:50], "author_type"] = "institution"
    total = ev.sentiment_trend(m, freq="M")["mentions"].sum()
    assert total == len(m) - 50


def _spike():
    rng = np.random.default_rng(0)
    base = pd.Timestamp("2025-09-01 02:00", tz="UTC")
    rows = []
    for d in range(30):
        n = 40 if d != 20 else 160
        for i in range(n + int(rng.integers(0, 5))):
            text = "pelayanan biasa saja hari ini" if d != 20 else "jembatan ambruk tolong"
            rows.append(
                {
                    "created_at": base + pd.Timedelta(days=d, minutes=i),
                    "text": text,
                    "in_reply_to": "p20" if d == 20 else None,
                }
            )
    m = pd.DataFrame(rows)
    m["platform"], m["account"], m["kind"] = "instagram", "pemkot", "comment"
    m["mention_id"] = [str(i) for i in range(len(m))]
    posts = schema.validate(
        pd.DataFrame(
            {
                "platform": ["instagram"],
                "account": ["pemkot"],
                "post_id": ["p20"],
                "published_at": [base + pd.Timedelta(days=20)],
                "post_type": ["reel"],
                "text": ["Jembatan Cempaka ditutup sementara"],
            }
        ),
        "posts",
    )
    return m, posts


def test_peak_is_found_and_explained_by_the_post_and_the_words():
    m, posts = _spike()
    pk = ev.peaks(m, posts, period="2025-09")
    assert len(pk) == 1 and pk.loc[0, "date"] == pd.Timestamp("2025-09-21")
    assert pk.loc[0, "post_account"] == "pemkot" and pk.loc[0, "post_comments"] >= 160
    assert "jembatan" in pk.loc[0, "top_terms"]
    assert "pemkot" in pk.loc[0, "explanation"]


def test_no_peak_in_a_flat_month():
    m, posts = _spike()
    flat = m[m["created_at"].dt.day != 21]
    assert ev.peaks(flat, posts, period="2025-09").empty


def test_share_of_voice_never_lists_citizens():
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": ["pemkot", "pemkot", "dinkes", "pemkot"],
            "created_at": pd.Timestamp("2025-09-02", tz="UTC"),
            "author": ["a", "b", "c", "d"],
            "author_type": "citizen",
            "text": ["mantap", "jalan rusak parah", "terima kasih", "halo"],
            "mentioned": ["pemkot budi_88", "pemkot kabarsukamaju", "dinkes", "pemkot"],
        }
    )
    # kabarsukamaju is named because it is registered, not because its handle looks like media
    out = ev.share_of_voice(m, register=pd.DataFrame({"handle": ["kabarsukamaju"]}))
    assert "budi_88" not in set(out["handle"])
    assert {"pemkot", "dinkes", "kabarsukamaju"} <= set(out["handle"])
    assert out.loc[out["handle"] == "pemkot", "mentions"].item() == 3
    assert out.set_index("handle").loc["kabarsukamaju", "own"] == False  # noqa: E712


def test_issue_examples_are_masked_and_pseudonymised():
    texts = [
        f"@warga_{i} jalan rusak parah di depan pasar, WA 0812-3456-78{i:02d}" for i in range(12)
    ] + [f"sampah menumpuk tidak diangkut NIK 32011234567800{i:02d}" for i in range(12)]
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkot",
            "text": texts,
            "created_at": pd.Timestamp("2025-09-02", tz="UTC"),
            "mention_id": [str(i) for i in range(len(texts))],
        }
    )
    out = ev.issues(m, "2025-09", n=2, salt="uji")
    examples = " ".join(out["example_1"]) + " ".join(out["example_2"])
    assert "0812" not in examples and "320112345678" not in examples
    assert "@warga_" not in examples and "@warga-" in examples
    assert set(out["label"].str.split(" ").str[0]) >= {"jalan", "sampah"} or len(out) >= 1


def test_rising_keywords_and_tracked_terms():
    old = ["lampu mati"] * 20 + ["halo"] * 20
    new = ["banjir di pasar"] * 20 + ["lampu mati"] * 10 + ["halo"] * 10
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkot",
            "text": old + new,
            "created_at": [pd.Timestamp("2025-08-10", tz="UTC")] * 40
            + [pd.Timestamp("2025-09-10", tz="UTC")] * 40,
        }
    )
    kw = ev.rising_keywords(m, "2025-09", min_count=3)
    assert kw.loc[0, "term"].startswith("banjir") and (kw["change"] > 0).all()
    tr = ev.track_terms(m, "banjir, lampu", "2025-09").set_index("term")
    assert tr.loc["banjir", "mentions"] == 20 and tr.loc["lampu", "mentions_prev"] == 20
    assert tr.loc["lampu", "mentions_change"] == pytest.approx(-0.5)


def test_programme_reach_by_place_and_time():
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "dinsos",
            "created_at": pd.to_datetime(
                ["2025-09-01", "2025-09-02", "2025-09-09", "2025-09-10", "2025-09-11"], utc=True
            ),
            "text": [
                "Bansos di Pasirjati blm cair",
                "PKH warga Cempaka gak dapat",
                "Terima kasih bansos sudah diterima",
                "Petugas kelurahan Pasirjati tidak tahu soal bansos",
                "Info cuaca hari ini",
            ],
            "region": ["Kota", "Kota", "Kota", "Kota", "Kota"],
        }
    )
    pm = ev.programme_mentions(m, "bansos, pkh")
    assert len(pm) == 4 and pm["not_served"].tolist() == [True, True, False, True]
    by_place = ev.programme_reach(m, ["bansos", "pkh"], by="place")
    assert by_place.iloc[0]["place"] == "Pasirjati" and by_place.iloc[0]["not_served"] == 2
    by_time = ev.programme_reach(m, "bansos, pkh", by="time")
    assert by_time["mentions"].sum() == 4 and len(by_time) == 2
    assert ev.programme_summary(pm)["places_with_reports"] == 2


def test_lexicon_check_tables_for_the_lesson():
    from humaskit import samples

    m = samples.load("mentions").head(2000)
    tab = teaching.sentiment_check(m)
    assert tab.values.sum() == 2000 and 0 < tab.attrs["agreement"] < 1
    miss = teaching.sentiment_misses(m, n=3)
    assert len(miss) <= 3 and (miss["people"] != miss["lexicon"]).all()
