"""redline.export.jsonfmt: the document format of FORMAT.md §5, one JSON object per document."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from builders import document, event, redline, stance
from redline.export.jsonfmt import document_json, redline_json, stance_json
from redline.models import ActorMention, Extraction, Span

SENTENCES = [
    "Kestria said it would sink any boat that crosses the lake.",
    "Valdor ruled out a joint patrol of the lake.",
    "Valdor closed the border to freight on Friday.",
]
DOC = document("lake-warning", SENTENCES, published=date(2030, 5, 2), title="Lake warning",
               source="Example Wire", url="https://news.example/lake")
LINE = redline(DOC, SENTENCES[0], holder=("KST",), action="DEPLOY", trigger="any boat crosses the lake",
               actors=("VLD",), targets=("LKE",), consequence="sink any boat", speaker="a spokeswoman")
STANCE = stance(DOC, SENTENCES[1], actor="VLD", proposal="a joint patrol of the lake", position="oppose")
EVENT = event(DOC, SENTENCES[2], actors=("VLD",), action="SANCTION", targets=("KST",), when=date(2030, 5, 1))
MENTIONS = (ActorMention(("KST",), "Kestria", Span(0, 7)),
            ActorMention(("VLD",), "Valdor", Span(59, 65), kind="person", person="Valdor"))
X = Extraction(DOC, actors=MENTIONS, redlines=(LINE,), stances=(STANCE,), events=(EVENT,), warnings=("slow parse",))


def test_a_document_line_has_the_format_s_fields_and_survives_json() -> None:
    got = document_json(X)
    assert json.loads(json.dumps(got)) == got
    assert {k: got[k] for k in ("doc_id", "title", "published", "url", "source", "hash")} == {
        "doc_id": "lake-warning", "title": "Lake warning", "published": "2030-05-02",
        "url": "https://news.example/lake", "source": "Example Wire", "hash": DOC.hash}
    assert got["warnings"] == ["slow parse"]
    assert got["sentences"] == [[s.span.start, s.span.end] for s in DOC.sentences]


def test_a_red_line_keeps_holder_trigger_consequence_and_exact_evidence() -> None:
    (line,) = document_json(X)["redlines"]
    assert line == redline_json(LINE)
    assert line["holder"] == ["KST"] and line["speaker"] == "a spokeswoman"
    assert line["trigger"] == {"actors": ["VLD"], "action": "DEPLOY", "targets": ["LKE"],
                               "text": "any boat crosses the lake"}
    assert line["consequence"] == {"action": "ATTACK", "targets": [], "text": "sink any boat"}
    assert (line["certainty"], line["explicit"]) == ("medium", False)
    assert line["evidence"] == [SENTENCES[0]]
    # Evidence is copied exactly from the text: each span cuts out its sentence.
    assert [DOC.text[a:b] for a, b in line["spans"]] == line["evidence"]


def test_an_inferred_trigger_actor_is_flagged_only_when_inferred() -> None:
    assert "actors_inferred" not in redline_json(LINE)["trigger"]
    inferred = replace(LINE, trigger=replace(LINE.trigger, actors_inferred=True))
    assert redline_json(inferred)["trigger"]["actors_inferred"] is True


def test_stances_and_events_carry_their_evidence_and_spans() -> None:
    got = document_json(X)
    assert got["stances"] == [stance_json(STANCE)] == [{
        "actor": "VLD", "speaker": None, "proposal": "a joint patrol of the lake", "position": "oppose",
        "evidence": [SENTENCES[1]], "spans": [[59, 103]]}]
    assert DOC.text[59:103] == SENTENCES[1]
    (ev,) = got["events"]
    assert ev["date"] == "2030-05-01" and ev["status"] == "occurred" and ev["text"] == SENTENCES[2]
    assert (ev["actors"], ev["action"], ev["targets"]) == (["VLD"], "SANCTION", ["KST"])
    assert [DOC.text[a:b] for a, b in ev["spans"]] == ev["evidence"] == [SENTENCES[2]]


def test_each_code_of_a_mention_is_one_actor_entry_a_person_only_when_named() -> None:
    two = replace(MENTIONS[0], codes=("KST", "LKE"))
    got = document_json(replace(X, actors=(two, MENTIONS[1])))["actors"]
    assert got == [
        {"code": "KST", "text": "Kestria", "span": [0, 7]},
        {"code": "LKE", "text": "Kestria", "span": [0, 7]},
        {"code": "VLD", "text": "Valdor", "span": [59, 65], "person": "Valdor"},
    ]


def test_an_undated_document_and_event_give_null_dates() -> None:
    bare = Extraction(replace(DOC, published=None), events=(replace(EVENT, date=None),))
    got = document_json(bare)
    assert got["published"] is None and got["events"][0]["date"] is None
    assert got["redlines"] == [] and got["stances"] == [] and got["actors"] == []
