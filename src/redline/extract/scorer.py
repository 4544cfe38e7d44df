"""Fitted linear models that score candidates: a small JSON file in the package, no library at run time.

``make train`` fits them on ``shared/eval/train`` with scikit-learn
(``scripts/train.py``, seeded) and writes ``extract/data/stance_model.json``.
At run time a model is a dictionary of feature weights: scoring is a sum, so
nothing heavier than the standard library is needed, and a missing or
unreadable file means the rules alone decide (never an error mid-run).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

MODEL_FILE = "stance_model.json"


@dataclass(frozen=True)
class Binary:
    """Logistic regression: P(yes) = sigmoid(bias + Σ w·x); ``threshold`` was chosen on the training set."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Multiclass:
    """Multinomial logistic regression: the class with the highest score."""

    classes: tuple[str, ...]
    weights: dict[str, dict[str, float]]
    bias: dict[str, float]

    def predict(self, features: dict[str, float]) -> str:
        def score(c: str) -> float:
            w = self.weights[c]
            return self.bias[c] + sum(w.get(k, 0.0) * v for k, v in features.items())

        return max(self.classes, key=score)


@dataclass(frozen=True)
class StanceModel:
    """Which candidates are stances and their position; how accepted candidates of one actor merge.

    ``merge`` is "actor" (one stance per actor and article, as most coded articles have) or "proposal"
    (one per actor and proposal); ``rule_position`` keeps the rules' position where they read one;
    ``lone_threshold`` is the higher probability a stance needs when it rests on one sentence that only
    the model read (0: none); ``position_vote`` gives a merged stance the position its sentences' scores
    add up to most, instead of the one surest sentence's; ``bare_threshold`` the probability a stance only
    the model read needs when none of its sentences holds a position word (0: none). All are chosen by
    cross-validation on the training set.
    """

    detect: Binary
    position: Multiclass
    version: str
    merge: str = "proposal"
    rule_position: bool = False
    lone_threshold: float = 0.0
    position_vote: bool = False
    bare_threshold: float = 0.0


def parse_model(data: dict[str, Any]) -> StanceModel:
    d, p = data["detect"], data["position"]
    return StanceModel(
        detect=Binary({k: float(v) for k, v in d["weights"].items()}, float(d["bias"]), float(d["threshold"])),
        position=Multiclass(tuple(p["classes"]), {c: {k: float(v) for k, v in w.items()}
                                                 for c, w in p["weights"].items()},
                            {c: float(v) for c, v in p["bias"].items()}),
        version=str(data.get("version", "?")),
        merge=str(data.get("merge", "proposal")),
        rule_position=bool(data.get("rule_position", False)),
        lone_threshold=float(data.get("lone_threshold", 0.0)),
        position_vote=bool(data.get("position_vote", False)),
        bare_threshold=float(data.get("bare_threshold", 0.0)),
    )


@functools.cache
def load_stance_model(path: str | None = None) -> StanceModel | None:
    """The packaged stance model, or the one at ``path``; None when there is none."""
    try:
        if path is not None:
            raw = Path(path).read_text(encoding="utf-8")
        else:
            raw = resources.files("redline.extract").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
        return parse_model(json.loads(raw))
    except (OSError, ValueError, KeyError, TypeError):
        return None
