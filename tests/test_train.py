"""The stance scorer's fitting (scripts/train.py), on candidates we make up: what each model learns from."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from redline.extract.candidates import StanceCandidateFeatures

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "train.py"


def _train() -> ModuleType:
    pytest.importorskip("sklearn", reason="scikit-learn is the train extra (make train installs it)")
    spec = importlib.util.spec_from_file_location("redline_train_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_detection_learns_without_the_position_the_rules_read() -> None:
    train = _train()
    assert {k for k in ("rule=oppose", "scue=open", "mcue=support|adjusted", "rule=none", "scue", "mcue")
            if train.POSITION_VALUED.match(k)} == {"rule=oppose", "scue=open", "mcue=support|adjusted"}
    articles: list[Any] = []
    for n, (position, label) in enumerate([("oppose", "oppose"), ("support", "support"), ("open", None)] * 4):
        feats = {"bias": 1.0, f"rule={position}": 1.0, f"scue={position}": 1.0, "scue": 1.0, f"lem:w{n % 2}": 1.0}
        if label is not None:
            feats["loc:support"] = 1.0
        articles.append(train.Article(None, {}, [StanceCandidateFeatures("AAA", 0, feats)], [label], []))
    data = train.fit(articles, 1.0, 1.0)
    assert not any(train.POSITION_VALUED.match(k) for k in data["detect"]["weights"])
    assert data["detect"]["weights"]["loc:support"] > 0
    # The position model keeps them: they are what it reads a position from.
    assert data["position"]["weights"]["oppose"].get("rule=oppose", 0.0) > 0


def test_cross_validation_holds_out_every_article_once_in_each_repetition() -> None:
    train = _train()
    articles = list(range(10))
    splits = [[articles[k::5] for k in range(5)], [articles[::-1][k::5] for k in range(5)]]
    rounds = list(train.held_out(splits))
    assert len(rounds) == 10  # five folds in each of two shuffles
    for r in range(2):
        held = [a for _, fold in rounds[5 * r:5 * r + 5] for a in fold]
        assert sorted(held) == articles
    assert all(not set(rest) & set(fold) and len(rest) + len(fold) == 10 for rest, fold in rounds)
