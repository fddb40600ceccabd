"""A store passed where a DataFrame goes: volume, peaks, share of voice, issues in SQL equal
the in-memory results; the analysis names dispatch on a store; betweenness on the reached
part of the network equals the whole-network computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import same_frames
from humaskit import evaluation as ev
from humaskit import influencers as inf
from humaskit.evaluation import stored_monitoring as sm
from humaskit.store.dispatch import is_store_data


@pytest.mark.parametrize(
    "kw",
    [{"period": "2025-09"}, {"period": "2025-09", "freq": "W"}, {"by": "platform"}, {}],
)
def test_volume_equal_in_memory(store, ws, kw):
    same_frames(sm.volume(store, **kw), ev.volume(ws, **kw))


@pytest.mark.parametrize("period", ["2025-08", "2025-09"])
def test_peaks_equal_in_memory(store, ws, period):
    a = sm.peaks(store, period=period)
    assert len(a) > 0
    same_frames(a, ev.peaks(ws, period=period))


@pytest.mark.parametrize("period", ["2025-08", "2025-09"])
def test_share_of_voice_equal_in_memory(store, ws, period):
    same_frames(sm.share_of_voice(store, period=period), ev.share_of_voice(ws, period=period))


def test_issues_equal_in_memory_below_the_cap(store, ws):
    a = sm.issues(store, "2025-09", salt="k")
    assert a.attrs["sampled_every"] == 1
    same_frames(a, ev.issues(ws, "2025-09", salt="k"))


def test_issues_read_a_bounded_sample(store):
    a = sm.issues(store, "2025-09", salt="k", max_rows=2000)
    assert a.attrs["sampled_every"] > 1 and len(a) > 0


def test_the_analysis_names_take_a_store_or_its_folder(store, ws):
    assert is_store_data(store) and is_store_data(str(store.path))
    assert not is_store_data(ws) and not is_store_data(ws.mentions)
    same_frames(ev.kpis(str(store.path), "2025-09"), ev.kpis(ws, "2025-09"))
    same_frames(ev.volume(store, period="2025-09"), ev.volume(ws, period="2025-09"))
    a = ev.sentiment_trend(mentions=store, period="2025-09", freq="M")
    same_frames(a, ev.sentiment_trend(ws, period="2025-09", freq="M"))
    lead = inf.opinion_leaders(store, top=5, pseudonymize=False)
    want = inf.opinion_leaders(
        ws.mentions[ev.window("2025-09").mask(ws.mentions["created_at"])],
        register=ws.influencers,
        institution_accounts=ws.accounts,
        top=5,
        pseudonymize=False,
    )
    assert lead["handle"].tolist() == want["handle"].tolist()
    assert ev.kpis.__doc__ == ev.kpis.__wrapped__.__doc__


def test_betweenness_on_the_reached_part_equals_the_whole(monkeypatch):
    from humaskit.influencers import network as nw

    rng = np.random.default_rng(3)
    n = 4000  # above the exact limit: sampled sources
    src = rng.integers(0, n, 9000)
    dst = rng.integers(0, n // 8, 9000)  # most accounts are pointed at by nobody
    edges = pd.DataFrame({"source": src, "target": dst, "weight": 1.0})
    edges = edges[edges["source"] != edges["target"]].drop_duplicates(["source", "target"])
    fast = nw._betweenness(n, edges)
    monkeypatch.setattr(nw, "_reachable", lambda n, s, d, so: np.ones(n, dtype=bool))
    whole = nw._betweenness(n, edges)
    assert fast.max() > 0
    np.testing.assert_allclose(fast, whole, rtol=1e-12, atol=0)


@pytest.mark.parametrize(
    "kw",
    [{}, {"by": ["platform", "account"], "weeks": None}, {"by": "platform", "tz": "WITA"}],
)
def test_best_times_from_slot_statistics_equal_in_memory(store, ws, kw):
    from humaskit import scheduling as sc

    a = sc.best_times(store, **kw)  # dispatched to scheduling.stored.best_times
    b = sc.best_times(ws.posts, **kw)
    cols = [c for c in ("platform", "account", "post_type") if c in a.columns]
    a = a.sort_values([*cols, "day", "hour"]).reset_index(drop=True)
    b = b.sort_values([*cols, "day", "hour"]).reset_index(drop=True)
    same_frames(a, b)
    assert a.attrs["posts_used"] == b.attrs["posts_used"] > 0
    assert a.attrs["shrinkage"] == b.attrs["shrinkage"]


def test_every_sql_file_has_its_spark_text():
    """The dialect fragments are filled for Spark: no DuckDB-only piece is left."""
    from humaskit.store import queries as sq

    names = sorted(p.stem for p in sq.SQL_DIR.glob("*.sql"))
    assert len(names) > 15
    for name in names:
        duck, spark = sq.sql(name), sq.sql(name, "spark")
        for piece in ("{ws}", "{split_named}", "{split_mentioned}", "EXTRACT(EPOCH", '"'):
            assert piece not in spark, (name, piece)
        assert ("regexp_split_to_array" in duck) == ("split(" in spark), name
    assert sq.ident("created_at") == "created_at" and sq.ident('a "b"') == '"a ""b"""'
