"""The linking fit (scripts/fit_links.py): the written-corpus scorer and the reviewed negatives, on made-up items."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import numpy as np

from redline.store import merge

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("redline_fit_links_script", SCRIPTS / "fit_links.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def _sig(holder: str, text: str, vector: np.ndarray) -> merge.LineSignature:
    return merge.LineSignature(frozenset({holder}), frozenset({"BBB"}), "ATTACK", frozenset({"CCC"}), text,
                               vector, vector, consequence="ATTACK")


def test_written_scores_count_pairs_by_the_merging_decision() -> None:
    fit = _script()
    sigs = [("one", _sig("AAA", "the neighbour shells our border towns", _unit(1, 0))),
            ("one", _sig("AAA", "artillery fire on the frontier villages", _unit(1, 0.05))),
            ("two", _sig("AAA", "a blockade of our ports", _unit(0, 1))),
            ("three", _sig("DDD", "the neighbour shells our border towns", _unit(1, 0)))]
    w = fit.written_scores(sigs)
    # the restatement links; the other line of the holder and the same words of another holder do not
    assert (w["p"], w["r"], w["gold"]) == (1.0, 1.0, 1)
    assert w["wrong"] == []
    far = [sigs[0], ("one", _sig("AAA", "a naval blockade", _unit(0, 1)))]
    assert fit.written_scores(far)["wrong"] == ["missed one#0~one#1"]


def test_linked_negatives_count_a_pair_stored_under_one_proposal() -> None:
    fit = _script()
    gold = {"a": {"stances": [{"proposal": "sell jets"}]}, "b": {"stances": [{"proposal": "arm the island"}]}}
    negatives = [{"members": [{"doc_id": "a", "kind": "stances", "index": 0},
                              {"doc_id": "b", "kind": "stances", "index": 0}]}]
    assert fit.linked_negatives({("a", "sell jets"): {1}, ("b", "arm the island"): {1}}, gold, negatives) == 1
    assert fit.linked_negatives({("a", "sell jets"): {1}, ("b", "arm the island"): {2}}, gold, negatives) == 0


def test_the_written_corpus_is_well_formed() -> None:
    doc = json.loads((SCRIPTS / "written_links.json").read_text(encoding="utf-8"))
    assert "hand-written" in doc["note"].lower() or "written by" in doc["note"].lower()
    lines = [s["line"] for s in doc["statements"]]
    assert sum(lines.count(x) > 1 for x in set(lines)) >= 20  # lines stated more than once
    for s in doc["statements"]:
        assert s["holder"] and s["trigger"]["text"] and s["sentence"] and s["trigger"]["action"]
