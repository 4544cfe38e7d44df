"""The fitted stance model: a JSON file of weights, read without scikit-learn; absent or broken means rules only."""

from __future__ import annotations

import json
from pathlib import Path

from redline.extract.scorer import Binary, Multiclass, load_stance_model, parse_model


def test_binary_is_a_logistic_regression_over_named_features() -> None:
    model = Binary({"cue": 2.0, "noise": -1.0}, bias=-1.0, threshold=0.5)
    assert model.probability({}) < 0.5 < model.probability({"cue": 1.0})
    assert model.probability({"cue": 1.0, "unknown feature": 1.0}) == model.probability({"cue": 1.0})
    assert 0.0 < model.probability({"noise": 1e6}) < 1e-12   # clamped, never an overflow


def test_multiclass_picks_the_best_scoring_class() -> None:
    model = Multiclass(("support", "oppose"), {"support": {"backs": 1.0}, "oppose": {"rejects": 1.0}},
                       {"support": 0.1, "oppose": 0.0})
    assert model.predict({"rejects": 1.0}) == "oppose"
    assert model.predict({"backs": 1.0}) == "support"
    assert model.predict({}) == "support"


def test_the_packaged_model_loads_with_its_choices() -> None:
    model = load_stance_model()
    assert model is not None, "src/redline/extract/data/stance_model.json is missing: run make train"
    assert model.merge in {"actor", "proposal"}
    assert 0.0 < model.detect.threshold < 1.0
    assert set(model.position.classes) <= {"support", "oppose", "open", "conditional"}


def test_a_missing_or_broken_file_means_no_model(tmp_path: Path) -> None:
    assert load_stance_model(str(tmp_path / "absent.json")) is None
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert load_stance_model(str(broken)) is None
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"detect": {"weights": {}}}), encoding="utf-8")
    assert load_stance_model(str(partial)) is None


def test_parse_model_reads_what_training_writes() -> None:
    data = {"version": "v", "merge": "actor", "rule_position": True,
            "detect": {"weights": {"a": 1.5}, "bias": -0.5, "threshold": 0.4},
            "position": {"classes": ["open", "support"], "weights": {"open": {"a": 1.0}, "support": {}},
                         "bias": {"open": 0.0, "support": 0.2}}}
    model = parse_model(data)
    assert model.merge == "actor" and model.rule_position
    assert model.detect.weights == {"a": 1.5}
    assert model.position.predict({"a": 1.0}) == "open"


def test_the_lone_threshold_is_read_and_defaults_to_none(tmp_path: Path) -> None:
    data = {"detect": {"weights": {}, "bias": 0.0, "threshold": 0.5},
            "position": {"classes": ["open"], "weights": {"open": {}}, "bias": {"open": 0.0}}}
    assert parse_model(data).lone_threshold == 0.0
    assert parse_model({**data, "lone_threshold": 0.6}).lone_threshold == 0.6
    assert parse_model(data).bare_threshold == 0.0
    assert parse_model({**data, "bare_threshold": 0.65}).bare_threshold == 0.65


def test_the_position_vote_is_read_and_defaults_to_the_surest_sentence() -> None:
    data = {"detect": {"weights": {}, "bias": 0.0, "threshold": 0.5},
            "position": {"classes": ["open"], "weights": {"open": {}}, "bias": {"open": 0.0}}}
    assert parse_model(data).position_vote is False
    assert parse_model({**data, "position_vote": True}).position_vote is True
