"""Cutting a document's text at span boundaries for the highlighted view."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from redline.web.highlight import segments


def span(kind: str, item: str, start: int, end: int) -> dict[str, object]:
    return {"kind": kind, "item": item, "start": start, "end": end}


def test_pieces_cover_the_text_and_carry_their_spans() -> None:
    text = "Ostravia warned NATO. Nothing else."
    pieces = segments(text, [span("redline", "r1", 0, 21), span("actor", "a0", 0, 8), span("actor", "a1", 16, 20)])
    assert "".join(p["text"] for p in pieces) == text
    assert [(p["text"], p["kinds"], p["items"]) for p in pieces] == [
        ("Ostravia", ["actor", "redline"], ["r1", "a0"]),
        (" warned ", ["redline"], ["r1"]),
        ("NATO", ["actor", "redline"], ["r1", "a1"]),
        (".", ["redline"], ["r1"]),
        (" Nothing else.", [], []),
    ]


def test_spans_outside_the_text_or_empty_are_ignored() -> None:
    pieces = segments("short", [span("event", "e1", 3, 99), span("event", "e2", 2, 2)])
    assert [(p["text"], p["items"]) for p in pieces] == [("short", [])]


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=6))
def test_any_spans_give_pieces_that_rebuild_the_text(text: str, pairs: list[tuple[int, int]]) -> None:
    spans = [span("stance", f"s{i}", a, b) for i, (a, b) in enumerate(pairs)]
    pieces = segments(text, spans)
    assert "".join(p["text"] for p in pieces) == text
    for p in pieces:
        end = p["start"] + len(p["text"])
        for s in spans:
            if s["item"] in p["items"]:
                assert s["start"] <= p["start"] and end <= s["end"]
