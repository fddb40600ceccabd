"""Playbooks pantau-isu and evaluasi-bulanan accept the team's saved sentiment model."""

from __future__ import annotations

import json

import pytest

import humaskit.text as ht
from humaskit import ParameterError, playbooks
from humaskit import evaluation as ev


@pytest.fixture(scope="module")
def two_label_model(tmp_path_factory):
    """A model that knows only positive and negative: its marks are easy to tell apart."""
    m = ht.train_sentiment(
        ["bagus sekali", "jelek parah", "mantap", "rusak"] * 5, ["positive", "negative"] * 10
    )
    return m.save(tmp_path_factory.mktemp("model") / "model.joblib")


@pytest.mark.parametrize("name", ["pantau-isu", "evaluasi-bulanan"])
def test_model_parameter_is_checked_and_loaded(name, two_label_model, tmp_path):
    spec = playbooks.parameters(name)
    assert spec["model_sentimen"].default == "" and spec["model_sentimen"].type == "str"
    ns = {k: q.default for k, q in spec.items()}
    p = playbooks.validate(name, ns, load=False)
    assert p.sentiment_model is None
    p = playbooks.validate(name, {**ns, "model_sentimen": str(two_label_model)}, load=False)
    assert isinstance(p.sentiment_model, ht.SentimentModel)
    with pytest.raises(ParameterError, match="model_sentimen"):
        playbooks.validate(
            name, {**ns, "model_sentimen": str(tmp_path / "tidak.joblib")}, load=False
        )
    junk = tmp_path / "bukan-model.joblib"
    junk.write_text("bukan model", encoding="utf-8")
    with pytest.raises(ParameterError, match="model_sentimen"):
        playbooks.validate(name, {**ns, "model_sentimen": str(junk)}, load=False)


def test_scope_marks_sentiment_with_the_model(two_label_model):
    from humaskit import samples

    ws = samples.workspace()
    lexicon = ev.scope(ws, period="2025-09")
    own = ev.scope(ws, period="2025-09", sentiment_model=two_label_model)
    assert "neutral" in set(lexicon.mentions["sentiment"])
    assert set(own.mentions["sentiment"]) <= {"positive", "negative"}


def test_pantau_isu_runs_with_the_model(two_label_model, tmp_path):
    out = playbooks.run("pantau-isu", {"model_sentimen": str(two_label_model)}, tmp_path)
    bundle = json.loads((out.parent / "ringkasan.json").read_text(encoding="utf-8"))
    s = bundle["summary"]["sentiment"]
    assert s["positive_share"] + s["negative_share"] == pytest.approx(1.0, abs=1e-6)
