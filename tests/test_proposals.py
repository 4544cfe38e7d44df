"""Proposals as records (redline.store.proposals): parties over time and the red lines of the same move."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from builders import document, redline, stance
from redline.models import Extraction
from redline.store import Store, bulk, merge, queries
from redline.store.proposals import proposal_page, proposal_records
from redline.store.schema import proposal_wordings, stances, statements


@pytest.fixture
def kb(kb_db: str) -> Iterator[Store]:
    with Store.open(kb_db) as store:  # SQLite and PostgreSQL: the line index is narrowed in SQL
        yield store


def _line_and_stance(kb: Store, doc_id: str, said: str, proposal: str, position: str, action: str) -> None:
    """A document with Moscow's line against troops in Velmora and France's stance on ``proposal``."""
    first = document(doc_id, ["Moscow said Western troops sent to Velmora would be a target.", said],
                     published=date(2024, 2, 1))
    line = redline(first, first.sentences[0].text, holder=("RUS",), action="DEPLOY", targets=("VEL",),
                   trigger="Western troops sent to Velmora")
    kb.add(Extraction(first, redlines=(line,), stances=(
        stance(first, said, actor="FRA", proposal=proposal, position=position, action=action, targets=("VEL",)),)))


def test_a_proposal_lists_its_parties_their_shifts_and_the_line_drawn_against_it(kb: Store) -> None:
    _line_and_stance(kb, "first", "France opposes sending troops to Velmora.", "sending troops to Velmora",
                     "oppose", "DEPLOY")
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


def test_a_proposal_first_worded_vaguely_takes_the_class_its_stances_name(kb: Store) -> None:
    _line_and_stance(kb, "vague", "Paris spoke of putting boots on the ground in Velmora.",
                     "putting boots on the ground in Velmora", "support", "OTHER")
    (alone,) = proposal_records(kb)
    assert alone["action"] == "OTHER" and alone["redlines"] == []  # a vague class names no move
    later = document("named", ["Berlin rejects sending troops to Velmora."], published=date(2024, 3, 1))
    kb.add(Extraction(later, stances=(
        stance(later, later.text, actor="DEU", proposal="sending troops to Velmora", position="oppose",
               action="DEPLOY", targets=("VEL",)),)))
    (record,) = proposal_records(kb)
    assert record["label"] == "putting boots on the ground in Velmora" and record["action"] == "DEPLOY"
    assert [r["holder"] for r in record["redlines"]] == [["RUS"]]


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
    assert (party["position"], party["shift"], party["count"]) == ("oppose", None, 2)
    (cell,) = queries.stances(kb)  # the party's history is its stance cell's
    assert [run["from"] for run in cell["history"]] == ["2024-02-01", None]


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


def _every_line_compared(store: Store, record: dict[str, Any]) -> list[int]:
    """The slow path, for reference: the proposal compared with every stored line of its action."""
    sig = merge.ProposalSignature(record["label"], record["action"], frozenset(record["targets"]))
    if not sig.action or sig.action in merge.WILDCARD_ACTIONS:
        return []
    found = []
    for ln in queries.lines(store):
        trigger = ln["trigger"]
        other = merge.ProposalSignature(trigger["text"], trigger["action"], frozenset(trigger["targets"]))
        if trigger["action"] == sig.action and merge.compare_proposals(sig, other).matched:
            found.append(ln["id"])
    return sorted(found)


def test_the_lines_on_the_same_move_are_those_of_comparing_with_every_line(kb: Store) -> None:
    rng = random.Random(3)
    actions, codes = ("DEPLOY", "ARM", "ATTACK", "OTHER", "RESPOND"), ("VEL", "OST", "DAL", "NOR", "")
    moves = ("sending troops to {}", "long-range missiles for {}", "strikes deep inside {}", "a no-fly zone over {}")
    start = date(2024, 1, 1)
    lines, props, cells = [], [], []
    for i in range(1, 121):
        target = ",".join(sorted(set(rng.sample(codes, rng.choice((1, 1, 2)))) - {""}))  # "", "VEL" or "OST,VEL"
        lines.append({"id": i, "holder": "RUS", "trigger_actors": "NATO", "trigger_action": rng.choice(actions),
                      "trigger_targets": target,
                      "trigger_text": rng.choice(moves).format(target.split(",")[-1] or "the region"),
                      "consequence_action": "ATTACK", "consequence_targets": "", "consequence_text": "a response",
                      "certainty": "high", "explicit": True, "speaker": None,
                      "first_seen": start, "last_seen": start, "statement_count": 1})
    for i in range(1, 41):
        target = ",".join(sorted({rng.choice(codes), rng.choice(codes)} - {""}))
        text = rng.choice(moves).format(target.split(",")[0] or "the region")
        props.append({"id": i, "text": text, "key": text, "action": rng.choice((*actions, None)),
                      "targets": target, "first_seen": start, "last_seen": date(2024, 1, 1 + i % 28)})
        cells.append({"actor": "FRA", "proposal_id": i, "position": "support", "count": 1, "history": "[]"})
    bulk.bulk_insert(kb, "redlines", lines)
    bulk.bulk_insert(kb, "proposals", props)
    bulk.bulk_insert(kb, "stance_cells", cells)
    records = proposal_records(kb)
    assert len(records) == 40
    drawn = 0
    for record in records:
        assert [r["id"] for r in record["redlines"]] == _every_line_compared(kb, record), record["label"]
        drawn += bool(record["redlines"])
    assert 5 < drawn < 40  # the comparison decided both ways


def test_wordings_counted_at_ingest_equal_a_recount_from_the_statements(kb: Store) -> None:
    said = [("FRA", "sending troops to Velmora"), ("DEU", "deploying troops to Velmora"),
            ("POL", "sending troops to Velmora"), ("FRA", "deploying troops to Velmora"),
            ("ITA", "sending troops to Velmora")]
    for k, (actor, wording) in enumerate(said):
        doc = document(f"w{k}", [f"{actor} on {wording}."], published=date(2024, 1, 1 + k))
        kb.add(Extraction(doc, stances=(stance(doc, doc.text, actor=actor, proposal=wording, position="support",
                                               action="DEPLOY", targets=("VEL",)),)))
    (record,) = proposal_records(kb)
    assert record["wordings"] == ["sending troops to Velmora", "deploying troops to Velmora"]  # 3 before 2

    def table() -> list[tuple[Any, ...]]:
        with kb.reading() as conn:
            return [tuple(r) for r in conn.execute(select(proposal_wordings).order_by(proposal_wordings.c.wording))]

    counted = table()
    with kb.reading() as conn:
        recount = conn.execute(
            select(stances.c.proposal_id, statements.c.proposal, func.count(), func.min(statements.c.id))
            .join(stances, stances.c.id == statements.c.stance_id)
            .group_by(stances.c.proposal_id, statements.c.proposal).order_by(statements.c.proposal)).all()
    assert counted == [tuple(r) for r in recount] and [r[2] for r in counted] == [2, 3]
    assert bulk.rebuild_proposal_wordings(kb) == 2 and table() == counted
