"""Proposals as records (redline.store.proposals): parties over time and the red lines of the same move."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from builders import document, redline, stance
from redline.models import Extraction
from redline.store import Store
from redline.store.proposals import proposal_page, proposal_records


@pytest.fixture
def kb(tmp_path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "kb.db")) as store:
        yield store


def test_a_proposal_lists_its_parties_their_shifts_and_the_line_drawn_against_it(kb: Store) -> None:
    first = document("first", ["Moscow said Western troops sent to Velmora would be a target.",
                               "France opposes sending troops to Velmora."], published=date(2024, 2, 1))
    line = redline(first, first.sentences[0].text, holder=("RUS",), action="DEPLOY", targets=("VEL",),
                   trigger="Western troops sent to Velmora")
    kb.add(Extraction(first, redlines=(line,), stances=(
        stance(first, first.sentences[1].text, actor="FRA", proposal="sending troops to Velmora",
               position="oppose", action="DEPLOY", targets=("VEL",)),)))
    later = document("later", ["Paris now backs sending troops to Velmora."], published=date(2024, 3, 1))
    kb.add(Extraction(later, stances=(
        stance(later, later.text, actor="FRA", proposal="sending troops to Velmora", position="support",
               action="DEPLOY", targets=("VEL",)),)))
    (record,) = proposal_records(kb)
    assert (record["label"], record["action"], record["targets"]) == ("sending troops to Velmora", "DEPLOY", ["VEL"])
    assert record["supporters"] == ["FRA"] and record["opponents"] == []
    (party,) = record["parties"]
    assert (party["shift"], party["changed"]) == ("oppose → support", "2024-03-01")
    (drawn,) = record["redlines"]
    assert drawn["holder"] == ["RUS"] and drawn["trigger"] == "Western troops sent to Velmora"
    assert "action: same class DEPLOY" in drawn["why"]
    assert proposal_records(kb, text="troops to velmora") and not proposal_records(kb, text="sanctions")


def test_an_undated_article_makes_no_shift_and_has_no_date(kb: Store) -> None:
    dated = document("dated", ["France opposes sending troops to Velmora."], published=date(2024, 2, 1))
    undated = document("undated", ["France backs sending troops to Velmora."])
    for doc, position in ((dated, "oppose"), (undated, "support")):
        result = kb.add(Extraction(doc, stances=(
            stance(doc, doc.text, actor="FRA", proposal="sending troops to Velmora", position=position,
                   action="DEPLOY"),)))
        assert result.shifts == ()
    (record,) = proposal_records(kb)
    (party,) = record["parties"]
    assert (party["position"], party["shift"]) == ("oppose", None)
    assert [run["from"] for run in party["history"]] == ["2024-02-01", None]


def test_no_shift_is_ever_reported_inside_one_article(kb: Store) -> None:
    doc = document("one", ["NATO rejects sending troops to Velmora.", "Yet NATO backs deploying soldiers to Velmora."],
                   published=date(2024, 2, 1))
    result = kb.add(Extraction(doc, stances=(
        stance(doc, doc.sentences[0].text, actor="NATO", proposal="sending troops to Velmora", position="oppose",
               action="DEPLOY"),
        stance(doc, doc.sentences[1].text, actor="NATO", proposal="deploying soldiers to Velmora",
               position="support", action="DEPLOY"),
    )))
    assert result.shifts == ()
    assert all(p["shift"] is None for r in proposal_records(kb) for p in r["parties"])


def test_a_page_of_proposals_counts_them_all_and_builds_only_its_own(kb: Store) -> None:
    moves = ["sending troops to Velmora", "sanctions on Ostrava", "a ceasefire in Dalmar"]
    for k, move in enumerate(moves):
        doc = document(f"d{k}", [f"Norway backs {move}."], published=date(2024, 1, 1 + k))
        kb.add(Extraction(doc, stances=(stance(doc, doc.text, actor="NOR", proposal=move, position="support",
                                               action=("DEPLOY", "SANCTION", "OTHER")[k]),)))
    total, page = proposal_page(kb, limit=1, offset=1)
    assert total == 3
    assert [r["label"] for r in page] == ["sanctions on Ostrava"]   # newest first: the second of three
    assert [r["label"] for r in proposal_records(kb)] == list(reversed(moves))
    assert proposal_page(kb, text="ceasefire")[0] == 1
