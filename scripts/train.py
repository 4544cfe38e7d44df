"""Fit the stance scorer on the training set: `make train` (seeded, reproducible).

    .venv/bin/python scripts/train.py [--shared ../shared] [--out src/redline/extract/data/stance_model.json]

Only ``shared/eval/train`` is read: every (actor, parsed sentence) candidate of
its articles is labelled by whether a coded stance of that actor has its
evidence in that sentence, a logistic regression learns which candidates are
stances and a multinomial one their position. The regularisation and the
acceptance threshold are chosen by 5-fold cross-validation over articles,
scoring each fold with the shared scorer's matching (so merging is counted as
the real score counts it). The development set is never read here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from redline.config import Settings
from redline.extract import default_pipeline, load_resources
from redline.extract.candidates import StanceCandidateFeatures
from redline.extract.pipeline import Context
from redline.extract.scorer import parse_model
from redline.extract.stance_model import candidate_features, merged_stances, scored_candidates
from redline.extract.stances import StanceCandidate, rule_candidates
from redline.service import read

SEED = 20261201
VERSION = "stances-1"
REPO = Path(__file__).resolve().parent.parent
# The surer score a stance resting on one model-read sentence may need (0: the plain threshold).
LONE_THRESHOLDS = (0.0, 0.5, 0.55, 0.6, 0.65)
# Features that carry a position the rules read ("rule=oppose", "scue=open", "mcue=support|adjusted"): the
# position model's; the detection model sees "rule=none" and the position-free "scue" and "mcue" instead.
POSITION_VALUED = re.compile(r"^(?:rule=(?!none)|scue=|mcue=)")
# The surer score a stance only the model read, with no position word in its sentences, may need (0: none).
BARE_THRESHOLDS = (0.0, 0.55, 0.6, 0.65, 0.7, 0.75)
# The detection model's regularisation, chosen with the threshold and variant by CV stance F1.
DETECT_CS = (0.01, 0.03, 0.1, 0.3)
# The position model's regularisation, chosen by cross-validated position accuracy.
POSITION_CS = (0.1, 0.3, 1.0)


def scorer_module(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("redline_scorer", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Article:
    ctx: Context
    gold: dict[str, Any]
    candidates: list[StanceCandidateFeatures]
    labels: list[str | None]   # the gold position of each candidate, None when it is no stance
    rules: list[StanceCandidate]


def contexts(paths: Iterable[str]) -> list[Context]:
    """The training articles run through every step before the stances."""
    pipeline, res = default_pipeline(), load_resources()
    res.cues = pipeline.cues
    steps = pipeline.steps[: pipeline.names.index("stances")]
    out = []
    for doc in read(list(paths), Settings()):
        ctx = Context(document=doc)
        for s in steps:
            s.run([ctx], res)
        out.append(ctx)
    return out


def label(sc: ModuleType, ctx: Context, gold: dict[str, Any]) -> Article:
    text = sc.norm(ctx.document.text)
    rules = rule_candidates(ctx)
    cands = candidate_features(ctx, rules)
    gold_spans = [(sc.codes(g.get("actor")), sc.spans_of(g, text, ctx.document.text), g) for g in gold["stances"]]
    labels: list[str | None] = []
    for c in cands:
        span = sc.locate(ctx.sentences[c.sentence].text, text)
        found = None
        for codes, spans, g in gold_spans:
            if c.code in codes and span and sc.overlaps([span], spans):
                pos = g["position"]
                found = pos[0] if isinstance(pos, list) else pos
                break
        labels.append(found)
    return Article(ctx, gold, cands, labels, rules)


def fit(articles: list[Article], c_detect: float, c_position: float, min_docs: int = 2) -> dict[str, Any]:
    docs_with: dict[str, int] = {}
    for a in articles:
        for k in {k for c in a.candidates for k in c.features}:
            docs_with[k] = docs_with.get(k, 0) + 1
    keep = {k for k, n in docs_with.items() if n >= min_docs}
    rows = [{k: v for k, v in c.features.items() if k in keep} for a in articles for c in a.candidates]
    labels = [lab for a in articles for lab in a.labels]
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    names = vec.get_feature_names_out()
    # Whether a candidate is a stance is learnt without the position the rules read (only that they read one):
    # a finer reading of positions then leaves which stances are found as it was.
    vec_detect = DictVectorizer()
    x_detect = vec_detect.fit_transform([{k: v for k, v in r.items() if not POSITION_VALUED.match(k)} for r in rows])
    y = np.array([lab is not None for lab in labels])
    detect = LogisticRegression(C=c_detect, max_iter=2000, class_weight="balanced", random_state=SEED)
    detect.fit(x_detect, y)
    detect_names = vec_detect.get_feature_names_out()
    pos_rows = [r for r, lab in zip(range(len(labels)), labels, strict=True) if lab is not None]
    y_pos = [labels[r] for r in pos_rows]
    position = LogisticRegression(C=c_position, max_iter=2000, random_state=SEED)
    position.fit(x[pos_rows], y_pos)

    def weights(row: np.ndarray, names: np.ndarray = names) -> dict[str, float]:
        return {str(n): round(float(w), 4) for n, w in zip(names, row, strict=True) if abs(w) >= 1e-4}

    classes = [str(c) for c in position.classes_]
    if len(classes) == 2:   # scikit-learn keeps one row for two classes
        coef = np.vstack([-position.coef_[0], position.coef_[0]])
        bias = [-position.intercept_[0], position.intercept_[0]]
    else:
        coef, bias = position.coef_, position.intercept_
    return {
        "version": VERSION,
        "detect": {"weights": weights(detect.coef_[0], detect_names), "bias": round(float(detect.intercept_[0]), 4),
                   "threshold": 0.5},
        "position": {"classes": classes, "weights": {c: weights(coef[k]) for k, c in enumerate(classes)},
                     "bias": {c: round(float(bias[k]), 4) for k, c in enumerate(classes)}},
    }


def evaluate(sc: ModuleType, articles: list[Article], data: dict[str, Any], threshold: float,
             merge_by: str = "proposal", rule_position: bool = False,
             lone_threshold: float = 0.0, position_vote: bool = False,
             bare_threshold: float = 0.0) -> tuple[int, int, int, int]:
    """tp, predicted, gold and right positions of the model's stances on ``articles``, matched as score.py does."""
    data = {**data, "detect": {**data["detect"], "threshold": threshold}, "merge": merge_by,
            "rule_position": rule_position, "lone_threshold": lone_threshold, "position_vote": position_vote,
            "bare_threshold": bare_threshold}
    model = parse_model(data)
    tp = n_pred = n_gold = right = 0
    for a in articles:
        found = merged_stances(scored_candidates(a.ctx, a.rules, model, a.candidates), model)
        preds = [{"actor": c.actor, "position": c.position,
                  "evidence": [a.ctx.sentences[i].text for i in c.sentences]} for c in found]
        text = sc.norm(a.ctx.document.text)
        pairs = sc.match(a.gold["stances"], preds, lambda x: x.get("actor"), sc.STANCE_ATTRS, text,
                         a.ctx.document.text)
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(preds), n_gold + len(a.gold["stances"])
        right += sum(sc.STANCE_ATTRS["position"](a.gold["stances"][i], preds[j]) for i, j in pairs)
    return tp, n_pred, n_gold, right


def f1(tp: int, n_pred: int, n_gold: int, right: int = 0) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def held_out(splits: list[list[list[Article]]]) -> Iterator[tuple[list[Article], list[Article]]]:
    """(training articles, held-out fold) for every fold of every repetition of the cross-validation."""
    for folds in splits:
        for f, held in enumerate(folds):
            yield [a for g, fold in enumerate(folds) if g != f for a in fold], held


def position_settings(sc: ModuleType, splits: list[list[list[Article]]], c_detect: float, threshold: float,
                      variant: tuple[str, bool, float]) -> tuple[float, bool]:
    """The position model's regularisation and whether merged sentences vote, by cross-validated accuracy.

    Which candidates are stances does not depend on either, so they are chosen once the detection is.
    """
    best: tuple[float, float, bool] = (-1.0, 1.0, False)
    for c_position in POSITION_CS:
        totals = {vote: [0, 0] for vote in (False, True)}
        for rest, held in held_out(splits):
            data = fit(rest, c_detect, c_position)
            for vote in totals:
                tp, _, _, right = evaluate(sc, held, data, threshold, *variant, position_vote=vote)
                totals[vote][0] += tp
                totals[vote][1] += right
        for vote, (tp, right) in totals.items():
            accuracy = right / tp if tp else 0.0
            print(f"position C={c_position:<5} vote={vote!s:5} CV position={accuracy:.3f}", file=sys.stderr)
            if accuracy > best[0]:
                best = (accuracy, c_position, vote)
    return best[1], best[2]


def bare_setting(sc: ModuleType, splits: list[list[list[Article]]], c_detect: float, c_position: float,
                 threshold: float, variant: tuple[str, bool, float], vote: bool) -> float:
    """The surer score a stance only the model read, with no position word in its sentences, needs: by CV stance F1.

    Chosen once the rest is, as a gate on what the chosen model accepts (0: none); a tie keeps the lower gate.
    """
    totals = {bare: [0, 0, 0] for bare in BARE_THRESHOLDS}
    for rest, held in held_out(splits):
        data = fit(rest, c_detect, c_position)
        for bare in totals:
            tp, n_pred, n_gold, _ = evaluate(sc, held, data, threshold, *variant, position_vote=vote,
                                             bare_threshold=bare)
            totals[bare] = [totals[bare][0] + tp, totals[bare][1] + n_pred, totals[bare][2] + n_gold]
    best = (-1.0, 0.0)
    for bare, (tp, n_pred, n_gold) in totals.items():
        score = f1(tp, n_pred, n_gold)
        print(f"bare_threshold={bare:.2f} CV stance F1={score:.3f}", file=sys.stderr)
        if score > best[0] + 1e-9:
            best = (score, bare)
    return best[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "redline" / "extract" / "data" / "stance_model.json")
    ap.add_argument("--folds", type=int, default=5)
    # Settings a few CV points apart are within one split's noise: the choice is made on several splits together.
    ap.add_argument("--repeats", type=int, default=3, help="cross-validation repeated over this many shuffles")
    args = ap.parse_args(argv)
    train = args.shared / "eval" / "train"
    if not (train / "gold.jsonl").is_file():
        print(f"no training set at {train}: put the shared folder beside the repository", file=sys.stderr)
        return 2
    sc = scorer_module(args.shared)
    gold = {g["doc_id"]: g for g in map(json.loads, (train / "gold.jsonl").read_text(encoding="utf-8").splitlines())}
    print(f"reading and parsing {len(gold)} training articles ...", file=sys.stderr)
    articles = [label(sc, ctx, gold[ctx.document.id]) for ctx in contexts([str(train / "texts")])
                if ctx.document.id in gold]
    rng = np.random.default_rng(SEED)
    orders = [rng.permutation(len(articles)) for _ in range(args.repeats)]
    splits = [[[articles[k] for k in order[f:: args.folds]] for f in range(args.folds)] for order in orders]
    thresholds = [round(t, 2) for t in np.arange(0.35, 0.71, 0.05)]
    variants = [(m, r, lone) for m in ("proposal", "actor") for r in (False, True) for lone in LONE_THRESHOLDS]
    best: tuple[float, float, float, tuple[str, bool, float]] = (-1.0, 1.0, 0.5, ("proposal", False, 0.0))
    for c_detect in DETECT_CS:
        totals = {(t, v): [0, 0, 0, 0] for t in thresholds for v in variants}
        for rest, held in held_out(splits):
            data = fit(rest, c_detect, 1.0)
            for t in thresholds:
                for v in variants:
                    for k, n in enumerate(evaluate(sc, held, data, t, *v)):
                        totals[(t, v)][k] += n
        for (t, v), (tp, n_pred, n_gold, right) in totals.items():
            score = f1(tp, n_pred, n_gold)
            # Position accuracy breaks ties between variants that find the same stances.
            rank = score + 0.05 * (right / tp if tp else 0.0)
            print(f"C={c_detect:<5} threshold={t:.2f} merge={v[0]:8} rule_position={v[1]!s:5} lone={v[2]:.2f} "
                  f"CV stance F1={score:.3f} position={right / max(tp, 1):.3f}", file=sys.stderr)
            if rank > best[0]:
                best = (rank, c_detect, t, v)
    _, c_detect, threshold, (merge_by, rule_position, lone) = best
    c_position, vote = position_settings(sc, splits, c_detect, threshold, (merge_by, rule_position, lone))
    bare = bare_setting(sc, splits, c_detect, c_position, threshold, (merge_by, rule_position, lone), vote)
    data = fit(articles, c_detect, c_position)
    data["detect"]["threshold"] = threshold
    data["bare_threshold"] = bare
    data["merge"], data["rule_position"], data["lone_threshold"] = merge_by, rule_position, lone
    data["position_vote"] = vote
    data["trained_on"] = (f"shared/eval/train ({len(articles)} articles), C={c_detect}, position C={c_position}, "
                          f"{args.folds}-fold cross-validation repeated {args.repeats} times")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"chosen: C={c_detect} threshold={threshold} merge={merge_by} rule_position={rule_position} "
          f"lone_threshold={lone} position C={c_position} position_vote={vote} bare_threshold={bare} -> {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
