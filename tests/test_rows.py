"""redline.export.rows: one reading of the store's row dicts for every writer; missing keys read as empty."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from redline.export import rows

LINE = {
    "id": 3,
    "holder": ["KST"],
    "trigger": {"actors": ["VLD"], "action": "DEPLOY", "targets": ["LKE"], "text": "boats cross the lake"},
    "statements": [
        {"doc_id": "m1", "published": "2030-05-01",
         "evidence": [{"text": "Boats on the lake will be sunk.", "span": [4, 35]}, "A second sentence."]},
        {"doc_id": "m2", "published": date(2030, 5, 3), "evidence": "Any boat will be sunk, she said."},
        {"doc_id": "m3"},
    ],
}


@pytest.mark.parametrize("kind", rows.EXPORT_KINDS)
def test_every_export_kind_checks(kind: str) -> None:
    assert rows.check_kind(kind) == kind


def test_an_unknown_kind_is_refused_naming_the_kinds_there_are() -> None:
    with pytest.raises(ValueError, match=r"'alert'.*redline, stance, event"):
        rows.check_kind("alert")
    with pytest.raises(ValueError):
        rows.check_kind("Redline")


@pytest.mark.parametrize(("value", "expected"), [
    (None, []), ("", []), ("KST", ["KST"]), (["KST", "VLD"], ["KST", "VLD"]), (("VLD",), ["VLD"]),
])
def test_codes_from_any_form(value: object, expected: list[str]) -> None:
    assert rows.codes(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), ("", None), (date(2030, 5, 1), date(2030, 5, 1)), (datetime(2030, 5, 1, 23, 59), date(2030, 5, 1)),
    ("2030-05-01", date(2030, 5, 1)), ("2030-05-01T08:30:00+02:00", date(2030, 5, 1)),
])
def test_dates_from_any_form(value: object, expected: date | None) -> None:
    assert rows.as_date(value) == expected
    assert rows.iso(value) == (expected.isoformat() if expected else None)


def test_a_value_that_is_no_iso_date_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'1 May 2030' is not an ISO date"):
        rows.as_date("1 May 2030")


def test_evidence_in_every_form_reads_as_text_and_span() -> None:
    assert rows.evidence(None) == []
    assert rows.evidence("One sentence.") == [("One sentence.", None)]
    assert rows.evidence({"text": "Spanned.", "span": [2, 10]}) == [("Spanned.", (2, 10))]
    assert rows.evidence([{"text": "No span."}, "Plain.", {"span": None}]) == [
        ("No span.", None), ("Plain.", None), ("", None)]


def test_missing_parts_and_statements_read_as_empty() -> None:
    assert rows.part(LINE, "trigger")["action"] == "DEPLOY"
    assert rows.part(LINE, "consequence") == {}
    assert rows.part({"consequence": "not an object"}, "consequence") == {}
    assert rows.statements({"id": 1}) == [] and rows.statements({"statements": None}) == []
    assert [s["doc_id"] for s in rows.statements(LINE)] == ["m1", "m2", "m3"]


def test_a_red_line_s_evidence_is_its_statements_in_order() -> None:
    assert rows.all_evidence(LINE, "redline") == [
        ("Boats on the lake will be sunk.", (4, 35)), ("A second sentence.", None),
        ("Any boat will be sunk, she said.", None)]
    stance = {"actor": "VLD", "evidence": [{"text": "We reject it.", "span": [0, 13]}],
              "statements": LINE["statements"]}
    assert rows.all_evidence(stance, "stance") == [("We reject it.", (0, 13))]
    assert rows.all_evidence({"doc_id": "e"}, "event") == []
