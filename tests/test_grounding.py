"""Grounding the LLM reader's answers: every kept item at a span of the text, every ungrounded one dropped."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from builders import document, redline, stance
from redline.actors import load_registry
from redline.extract.grounding import (
    Grounded,
    chunks,
    combine,
    ground,
    locate,
    messages,
    parse_answer,
)
from redline.models import Extraction

WARN = ("Russia's defence minister warned on Monday that if NATO troops are deployed to Moldova, "
        "Russia will strike them.")
OPPOSE = "Poland said it opposes sending peacekeepers to Moldova."
DOC = document("d", [WARN, "The minister spoke after a meeting in the capital.", OPPOSE])
IS_CODE = load_registry().is_known


def red(**over: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "holder": ["RUS"], "speaker": None,
        "trigger": {"actors": ["NATO"], "action": "DEPLOY", "targets": ["MDA"],
                    "text": "NATO troops are deployed to Moldova"},
        "consequence": {"action": "ATTACK", "targets": ["NATO"], "text": "Russia will strike them"},
        "certainty": "high", "explicit": False, "evidence": WARN,
    }
    return item | over


def pos(**over: Any) -> dict[str, Any]:
    return {"actor": "POL", "proposal": "sending peacekeepers to Moldova", "position": "oppose",
            "evidence": OPPOSE} | over


def run(redlines: list[Any], stances: list[Any] = ()) -> Grounded:  # type: ignore[assignment]
    return ground(DOC, json.dumps({"redlines": redlines, "stances": list(stances)}), (0, len(DOC.text)), IS_CODE)


def test_a_grounded_answer_keeps_its_items_at_their_spans() -> None:
    got = run([red()], [pos()])
    assert not got.dropped and got.malformed == 0
    (r,), (s,) = got.redlines, got.stances
    assert (r.holder, r.trigger.action, r.trigger.targets, r.consequence.action) == (("RUS",), "DEPLOY", ("MDA",),
                                                                                     "ATTACK")
    assert (s.actor, s.position) == ("POL", "oppose")
    for e in (*r.evidence, *s.evidence):
        assert DOC.text[e.span.start:e.span.end] == e.text
    assert r.evidence[0].text == WARN and r.evidence[0].sentence == 0 and s.evidence[0].sentence == 2


def test_a_quote_a_little_off_is_grounded_to_the_sentence_within_the_tolerance() -> None:
    near = WARN.replace("Russia's", "Russias").rstrip(".")
    got = run([red(evidence=near)])
    assert [e.text for e in got.redlines[0].evidence] == [WARN]


@pytest.mark.parametrize(("item", "reason"), [
    (red(evidence="Russia threatened to invade Poland on Tuesday."), "evidence not found in the document"),
    (red(holder=["XYZ"]), "unknown actor code"),
    (red(holder=[]), "missing or malformed codes"),
    (red(trigger={"actors": ["NATO"], "action": "BOMB", "targets": [], "text": ""}), "invalid action"),
    (red(certainty="sure"), "invalid certainty"),
    (red(trigger={"actors": ["NATO"], "action": "DEPLOY", "targets": ["MDA"], "text": "tanks roll into Kyiv"}),
     "trigger or consequence text not found in its evidence"),
    (red(consequence="strike"), "malformed item"),
    ("not an object", "malformed item"),
])
def test_every_ungrounded_or_invalid_red_line_is_dropped_and_counted(item: Any, reason: str) -> None:
    got = run([item])
    assert got.redlines == [] and dict(got.dropped) == {reason: 1}


@pytest.mark.parametrize(("item", "reason"), [
    (pos(evidence="Poland backs the plan."), "evidence not found in the document"),
    (pos(position="maybe"), "invalid position"),
    (pos(actor="Poland"), "unknown actor code"),
    (pos(proposal=""), "malformed item"),
])
def test_every_ungrounded_or_invalid_stance_is_dropped_and_counted(item: dict[str, Any], reason: str) -> None:
    got = run([], [item])
    assert got.stances == [] and dict(got.dropped) == {reason: 1}


def test_a_speaker_the_text_does_not_name_is_unknown() -> None:
    assert run([red(speaker="Sergei Shoigu")]).redlines[0].speaker is None


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"redlines": ['])
def test_an_answer_that_is_not_a_json_object_is_malformed(content: str) -> None:
    got = ground(DOC, content, (0, len(DOC.text)), IS_CODE)
    assert got.malformed == 1 and not got.redlines and not got.stances


def test_a_fenced_json_answer_is_read() -> None:
    assert parse_answer('```json\n{"redlines": []}\n```') == {"redlines": []}


def test_locate_exact_fuzzy_and_nowhere() -> None:
    text = "Alpha beta gamma. Delta epsilon zeta eta theta."
    assert locate(text, "Delta epsilon") is not None
    span = locate(text, "Delta epsilom zeta eta")
    assert span is not None and text[span.start:span.end].startswith("Delta")
    assert locate(text, "Something else entirely here") is None
    assert locate(text, "") is None


def test_long_documents_are_asked_in_chunks_cut_between_sentences() -> None:
    long = document("long", [f"Sentence number {i} says something about the talks." for i in range(300)])
    parts = chunks(long, max_chars=2000)
    assert len(parts) > 1 and parts[0][0] == 0 and parts[-1][1] == len(long.text)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(parts))
    assert {long.text[s - 1] for s, _ in parts[1:]} == {" "}
    assert chunks(DOC) == [(0, len(DOC.text))]
    assert messages(DOC, 0, len(DOC.text))[1]["content"].endswith(DOC.text)


def test_both_merges_matching_items_and_records_each_reader() -> None:
    rules = Extraction(DOC, redlines=(redline(DOC, WARN, holder=("RUS",), action="DEPLOY", trigger="x"),),
                       stances=(stance(DOC, OPPOSE, actor="POL", proposal="peacekeepers", position="oppose"),))
    llm = run([red(), red()], [pos(), pos(actor="HUN", evidence=OPPOSE)])
    both = combine(rules, llm, "both")
    assert both.extraction.redlines == rules.redlines
    assert both.redline_readers == (("rules", "llm"),)
    assert [s.actor for s in both.extraction.stances] == ["POL", "HUN"]
    assert both.stance_readers == (("rules", "llm"), ("llm",))
    only = combine(rules, llm, "llm")
    assert len(only.extraction.redlines) == 1 and only.redline_readers == (("llm",),)  # a repeat merged
    assert only.stance_readers == (("llm",), ("llm",))
