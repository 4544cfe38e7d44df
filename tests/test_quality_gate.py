"""The quality gate: development-set scores must not fall under the floors pinned in eval_baseline.json.

The real extraction runs on ``../shared/eval/dev/texts`` (the shared folder
sits beside the repository, as in CI), the shared scorer scores it, and every
pinned figure must reach its floor. Raising a floor is fine; lowering one
needs a reason in the commit message.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from redline import service

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "eval" / "dev"
SCORER = REPO.parent / "shared" / "eval" / "score.py"
BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"

# The figures the gate pins: a path into the scorer's report, written with "/".
FIGURES = (
    "redlines/precision", "redlines/recall", "redlines/f1",
    "stances/precision", "stances/recall", "stances/f1",
    "redlines/attribute_accuracy/trigger.action",
    "redlines/attribute_accuracy/trigger.actors",
    "redlines/attribute_accuracy/trigger.targets",
    "redlines/attribute_accuracy/consequence.action",
    "stances/attribute_accuracy/position",
)
# The figures pinned for each doc-id prefix group, so a gain in one region that costs another shows.
GROUP_FIGURES = ("redlines/f1", "stances/f1")


def _floors() -> dict[str, float]:
    data = json.loads(BASELINE.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data["floors"].items()}


def _group_floors() -> dict[str, dict[str, float]]:
    data = json.loads(BASELINE.read_text(encoding="utf-8"))
    return {g: {k: float(v) for k, v in floors.items()} for g, floors in data["group_floors"].items()}


def _scorer() -> ModuleType:
    if not (DEV / "gold.jsonl").is_file() or not SCORER.is_file():
        pytest.skip(f"no development set at {DEV} (the shared folder belongs beside the repository)")
    spec = importlib.util.spec_from_file_location("redline_dev_scorer", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures(report: dict[str, Any], paths: tuple[str, ...] = FIGURES) -> dict[str, float]:
    """The pinned figures of one scorer report."""
    out: dict[str, float] = {}
    for path in paths:
        value: Any = report
        for key in path.split("/"):
            value = value[key]
        out[path] = float(value)
    return out


def under_floors(found: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Each figure under its floor, as a readable line."""
    return [f"{k}: {found[k]:.4f} < floor {floors[k]:.2f}" for k in floors if found[k] < floors[k]]


def _write(lines: list[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


def test_baseline_pins_every_figure_with_a_floor_between_0_and_1() -> None:
    data = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert "raising a floor is fine" in data["_note"].lower()
    floors = _floors()
    assert sorted(floors) == sorted(FIGURES)
    assert all(0.0 < v <= 1.0 for v in floors.values()), floors
    for group, pinned in _group_floors().items():
        assert sorted(pinned) == sorted(GROUP_FIGURES), group
        assert all(0.0 < v <= 1.0 for v in pinned.values()), (group, pinned)


@pytest.mark.slow
def test_dev_scores_reach_the_pinned_floors(tmp_path: Path) -> None:
    scorer = _scorer()
    run = service.ExtractRun()
    extractions = list(service.extract([str(DEV / "texts")], service.Settings(), run=run))
    assert not run.skipped, run.skipped
    gold_ids = {json.loads(line)["doc_id"] for line in (DEV / "gold.jsonl").read_text().splitlines() if line.strip()}
    assert {x.document.id for x in extractions} == gold_ids

    predictions = _write([service.document_json(x) for x in extractions], tmp_path / "dev.jsonl")
    found = figures(scorer.score(DEV, predictions))
    failed = under_floors(found, _floors())
    for group, pinned in _group_floors().items():
        report = scorer.score(DEV, predictions, only=lambda doc_id, g=group: scorer.group_of(doc_id) == g)
        assert report["documents"], f"group {group} has no documents in the development set"
        failed += [f"[{group}] {line}" for line in under_floors(figures(report, GROUP_FIGURES), pinned)]
    assert not failed, "development-set scores fell under their floors:\n" + "\n".join(failed)


def test_the_gate_fails_when_nothing_is_found(tmp_path: Path) -> None:
    scorer = _scorer()
    gold = [json.loads(line) for line in (DEV / "gold.jsonl").read_text().splitlines() if line.strip()]
    empty = _write([{"doc_id": g["doc_id"], "redlines": [], "stances": []} for g in gold], tmp_path / "empty.jsonl")
    found = figures(scorer.score(DEV, empty))
    floors = _floors()
    assert all(found[k] < floors[k] for k in FIGURES), found
    assert len(under_floors(found, floors)) == len(FIGURES)


# -- an outside set: PLOVER's gold-standard records (shared/eval/peer) -------------------------------------

PLOVER = REPO.parent / "shared" / "eval" / "peer" / "plover_gsr.json"
# Floors measured on the PLOVER records, like the ones above: raise freely, lower only with a reason.
PLOVER_MAX_NON_THREAT_FIRING = 0.02   # measured 2/293 = 0.007
PLOVER_MIN_SOURCE_ACTORS = 0.83       # measured 289/342 = 0.845


@pytest.mark.skipif(not PLOVER.exists(), reason=f"{PLOVER} is absent: the shared folder sits beside the repo in CI")
def test_plover_records_non_threats_rarely_fire_and_actors_resolve() -> None:
    from redline.extract import extract_documents
    from redline.models import Document

    records = [r for r in json.loads(PLOVER.read_text(encoding="utf-8")) if r.get("text")]
    results = list(extract_documents(Document(id=r["id"], text=r["text"]) for r in records))
    non_threats = [x for r, x in zip(records, results, strict=True) if r["event"] != "THREATEN"]
    firing = sum(bool(x.redlines) for x in non_threats) / len(non_threats)
    found = total = 0
    for r, x in zip(records, results, strict=True):
        codes = {c for m in x.actors for c in m.codes}
        for s in r.get("source", []):
            code = s.get("code") or ""
            if len(code) == 3 and code.isalpha():
                total += 1
                found += code in codes
    assert firing <= PLOVER_MAX_NON_THREAT_FIRING
    assert found / total >= PLOVER_MIN_SOURCE_ACTORS


# -- linking across articles (issue 9): ../shared/eval/score_links.py on the development set ------------------

LINK_SCORER = REPO.parent / "shared" / "eval" / "score_links.py"
# Floors measured with `make links` minus 0.01, rounded down: raise freely, lower only with a reason.
# Red lines are not pinned: measured P=0 R=0 F1=0 (of 10 reachable gold pairs, none linked), and a floor of 0
# could not fail.
# Lowered once, with the reason: stance recall went from 0.29 to 0.70, and one stance per actor and article
# (what the training set's cross-validation chose) carries one proposal wording where an actor spoke of two,
# so more, and less cleanly worded, stances are linked (was P 0.641 R 0.431 F1 0.515).
# Raised when generic proposals ("the resolution") came to be compared by their sentences and
# PROPOSAL_COSINE was fitted to 0.65 on the training set (was P 0.268 R 0.367 F1 0.310).
# Lowered once more, with the reason: votes are now read voter by voter and one actor's two opposite votes
# stay two stances (dev stance F1 0.658 -> 0.720), so the stances of UN-vote articles carry more, shorter
# proposal wordings that link less cleanly (was P 0.635 R 0.361 F1 0.460 on the previous extraction).
# Raised: a stance meets a proposal through any of its named wordings, vote wordings are compared by their
# sentence at 0.75, and ANY meets a named trigger party (was P 0.667 R 0.333 F1 0.444 / P 0.467 R 0.316 F1 0.377).
# The red-line precision floor is lowered (0.66 -> 0.62): ANY meeting a named party links one more right pair
# and one more wrong one (an empty trigger's sentence met another line's), F1 0.444 -> 0.500.
LINK_FLOORS = {
    # 13 gold pairs: one pair moves recall by 0.077. Raised after this round's linking work (a restatement must
    # aim at a target set one of the line's statements named; troops for a peace force and troops into the war
    # are two proposals; a vague proposal is read with its article's headline). Proposal recall is lowered
    # (0.49 -> 0.43) with the reason: stance recall rose (0.762 -> 0.798), so the reachable gold pairs grew from
    # 168 to 194 while the right pairs linked stayed about the same.
    # Red-line precision was lowered (0.84 -> 0.74) when a condition beside a doctrine's list became a line of its
    # own and its hostile-words-only trigger met another line by wording; raised back when such a trigger (an act
    # against the holder by anyone, no act named) stopped restating a line that names an act.
    # Raised (issue 9): actors agreeing by a named code lower the cosine a little (0.55), full agreement's bar is
    # 0.54, vague triggers meet by their sentences at 0.56, a measure brought back is no new one.
    # Re-pinned on the merged extraction: more red lines are extracted (dev red-line recall .829 -> .868), so the
    # gold pairs grew from 13 to 15 and the links from 9 to 12: 10 right (was 8), 2 wrong (was 1). Precision is
    # lowered with that reason (0.87 on the linking branch, 0.84 before it -> 0.82); recall and F1 rise.
    # Re-pinned on this round's extraction: red-line recall rose again (dev .868 -> .895: a threat carried out
    # "following through on its warning", a standing order to cut off those who refuse), so the reachable gold
    # pairs grew from 15 to 18 while the linker joins the same 10 (one new line restates its partner with a vague
    # demonstrative trigger, "if such steps go unanswered", that the wording test does not meet). Red-line recall
    # and F1 are lowered with that reason (0.65 -> 0.54, 0.73 -> 0.65); proposals rise (a stance naming no move
    # is compared by its article's anchor proposal, store/anchors.py).
    # Proposals raised: wordings of the strike-permission debate are one move (store/wording.debated_move).
    # Red lines unchanged: the cross-class merge keeps RELATED_COSINE as its bar (see store/merge.py).
    "redline_linking/precision": 0.82,  # measured 0.833 (10/12)
    "redline_linking/recall": 0.54,  # measured 0.556 (10/18)
    "redline_linking/f1": 0.65,  # measured 0.667
    "proposal_linking/precision": 0.87,  # measured 0.886 (was 0.875)
    "proposal_linking/recall": 0.56,  # measured 0.571 (of 191; was 0.513)
    "proposal_linking/f1": 0.68,  # measured 0.694 (was 0.647)
}


@pytest.mark.slow
@pytest.mark.skipif(not LINK_SCORER.exists(), reason=f"{LINK_SCORER} is absent: the shared folder sits beside the repo")
def test_dev_linking_reaches_the_pinned_floors(tmp_path: Path) -> None:
    import subprocess
    import sys

    redline = Path(sys.executable).parent / "redline"
    out = tmp_path / "links.json"
    subprocess.run([sys.executable, str(LINK_SCORER), str(DEV), "--redline", str(redline), "--json", str(out)],
                   check=True, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    found = {k: float(report[k.split("/")[0]][k.split("/")[1]]) for k in LINK_FLOORS}
    failed = [f"{k}: {found[k]:.3f} < floor {v:.2f}" for k, v in LINK_FLOORS.items() if found[k] < v]
    assert not failed, "development-set linking fell under its floors:\n" + "\n".join(failed)
