"""PLOVER JSON Lines: required keys, a mapping for every class, a JSON round trip."""

from __future__ import annotations

import io
import json

import pytest

from redline.export.plover import (
    CONTEXTS,
    EVENT_TYPES,
    REQUIRED_KEYS,
    STANCE_EVENTS,
    STATUS_CONTEXTS,
    THREAT_MODES,
    to_plover,
    write_plover,
)
from redline.models import ACTION_CLASSES, EVENT_STATUSES, POSITIONS

# PLOVER's event categories (the PLOVER manual; the gold-standard records use these).
PLOVER_EVENTS = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE", "DEMAND",
    "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "CRIME", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "FIGHT",
}

LINE = {
    "id": 12,
    "holder": ["VLD"],
    "trigger": {"actors": ["KST"], "action": "WMD", "targets": [], "text": "a test of the new warhead"},
    "consequence": {"action": "SANCTION", "targets": ["KST"], "text": "a full trade embargo"},
    "first_seen": "2024-01-10",
    "last_seen": "2024-02-01",
    "statements": [
        {"doc_id": "n1", "published": "2024-01-10", "speaker": "the president",
         "evidence": [{"text": "A warhead test would bring a full trade embargo.", "span": [0, 48]}]},
        {"doc_id": "n2", "published": "2024-02-01", "speaker": None,
         "evidence": ["The embargo warning stands."]},
    ],
}
STANCE = {"actor": "KST", "proposal": "sending observers to the lake", "position": "oppose", "doc_id": "n1",
          "published": "2024-01-10", "speaker": None, "evidence": ["Kestrany rejected the observers."]}


def event(action: str, status: str = "occurred") -> dict:
    return {"doc_id": "n2", "actors": ["VLD"], "action": action, "targets": ["KST"], "status": status,
            "date": "2024-02-01", "text": "the act",
            "evidence": [{"text": "Something happened.", "span": [0, 19]}]}


def test_mappings_cover_every_class_position_and_status() -> None:
    assert set(THREAT_MODES) == set(ACTION_CLASSES)
    assert set(CONTEXTS) == set(ACTION_CLASSES)
    assert set(EVENT_TYPES) == set(ACTION_CLASSES)
    assert set(STANCE_EVENTS) == set(POSITIONS)
    assert set(STATUS_CONTEXTS) == set(EVENT_STATUSES)
    emitted = {m[0] for m in EVENT_TYPES.values() if m} | {e for e, _ in STANCE_EVENTS.values()}
    emitted.add("THREATEN")
    assert emitted <= PLOVER_EVENTS


def test_red_line_is_a_threat() -> None:
    record = to_plover(LINE, "redline", names={"VLD": "Veldoria"})
    assert record is not None
    assert set(REQUIRED_KEYS) <= set(record)
    assert record["id"] == "REDLINE-THREATEN-12"
    assert record["event"] == "THREATEN" and record["mode"] == "sanction"
    assert record["context"] == "economic, military, cbrn"  # the threat's context, then the trigger's
    assert record["source"] == [{"actorText": "Veldoria", "code": "VLD"}]
    assert record["target"] == [{"actorText": "KST", "code": "KST"}]  # trigger actor and target, once
    assert record["date"] == "2024-01-10"
    assert record["text"] == "A warhead test would bring a full trade embargo."
    assert record["comment"] == "if: a test of the new warhead"
    assert record["docIds"] == ["n1", "n2"]


@pytest.mark.parametrize("action", ACTION_CLASSES)
def test_every_consequence_class_gives_a_threat(action: str) -> None:
    line = {**LINE, "consequence": {**LINE["consequence"], "action": action}}
    record = to_plover(line, "redline")
    assert record is not None and record["event"] == "THREATEN"
    assert record["mode"] == THREAT_MODES[action]


def test_stances() -> None:
    record = to_plover(STANCE, "stance")
    assert record is not None and set(REQUIRED_KEYS) <= set(record)
    assert record["event"] == "REJECT" and record["eventText"] == "sending observers to the lake"
    assert record["date"] == "2024-01-10"
    opened = to_plover({**STANCE, "position": "open", "proposal_action": "DEPLOY"}, "stance")
    assert opened is not None and opened["event"] == "SUPPORT"
    assert opened["context"] == "military, hypothetical"
    assert opened["id"] != record["id"]


@pytest.mark.parametrize("action", ACTION_CLASSES)
def test_events_map_or_are_left_out(action: str) -> None:
    record = to_plover(event(action), "event")
    if EVENT_TYPES[action] is None:
        assert record is None
        return
    assert record is not None and set(REQUIRED_KEYS) <= set(record)
    assert (record["event"], record["mode"]) == EVENT_TYPES[action]
    assert record["event"] in PLOVER_EVENTS


def test_event_examples_and_statuses() -> None:
    attack, deploy, annex = (to_plover(event(a), "event") for a in ("ATTACK", "DEPLOY", "ANNEX"))
    assert attack is not None and attack["event"] == "FIGHT" and attack["context"] == "military"
    assert deploy is not None and (deploy["event"], deploy["mode"]) == ("MOBILIZE", "troops")
    assert annex is not None and annex["mode"] == "occupy"
    planned = to_plover(event("DEPLOY", "planned"), "event")
    assert planned is not None and planned["context"] == "military, future"
    assert to_plover(event("ATTACK", "denied"), "event") is None


def test_write_plover_round_trips_through_json() -> None:
    buffer = io.StringIO()
    events = [event(a) for a in ACTION_CLASSES]
    assert write_plover([LINE], buffer, "redline") == 1
    assert write_plover([STANCE], buffer, "stance") == 1
    written = write_plover(events, buffer, "event")
    assert written == sum(1 for a in ACTION_CLASSES if EVENT_TYPES[a] is not None)
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 2 + written
    records = [json.loads(line) for line in lines]
    for record in records:
        assert set(REQUIRED_KEYS) <= set(record)
        assert all(set(actor) == {"actorText", "code"} for actor in record["source"] + record["target"])
    assert records[0] == to_plover(LINE, "redline")
    assert len({r["id"] for r in records}) == len(records)
