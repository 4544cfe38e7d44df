"""Queries over the knowledge base, on both backends: lines, one line, the stance matrix, search, export rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text

from builders import story
from redline.errors import NotFound
from redline.ingest.dedup import signature
from redline.store import Store, queries


@pytest.fixture
def kb(kb_db: str) -> Iterator[Store]:
    with Store.open(kb_db) as store:
        for x in story():
            store.add(x, signature=signature(x.document.text))
        yield store


def test_lines_have_the_documented_fields(kb: Store) -> None:
    items = queries.lines(kb)
    assert [i["trigger"]["action"] for i in items] == ["SANCTION", "DEPLOY"]  # newest first
    line = items[1]
    assert set(line) >= {"id", "holder", "trigger", "consequence", "first_seen", "last_seen", "statements"}
    statement = line["statements"][0]
    assert set(statement) >= {"doc_id", "published", "speaker", "evidence"}
    assert set(statement["evidence"][0]) == {"text", "span", "sentence"}


def test_lines_filter_by_holder_since_and_limit(kb: Store) -> None:
    assert len(queries.lines(kb, holder="ost")) == 2
    assert queries.lines(kb, holder="FRA") == []
    recent = queries.lines(kb, since=date(2031, 3, 15))
    assert [i["trigger"]["action"] for i in recent] == ["SANCTION"]
    assert len(queries.lines(kb, limit=1)) == 1


def test_an_unknown_line_is_not_found(kb: Store) -> None:
    with pytest.raises(NotFound, match="no red line #999"):
        queries.line(kb, 999)


def test_stances_filter_by_proposal_and_actor(kb: Store) -> None:
    cells = queries.stances(kb)
    assert [(c["actor"], c["position"]) for c in cells] == [("FRA", "oppose"), ("OST", "oppose")]
    assert queries.stances(kb, actor="fra")[0]["shift"] == "open → oppose"
    assert len(queries.stances(kb, proposal="deploying troops in Velmora")) == 2
    assert len(queries.stances(kb, proposal="soldiers")) == 2  # a word of the proposal's text
    assert queries.stances(kb, proposal="a ceasefire at sea") == []


def test_search_finds_documents_and_statements(kb: Store) -> None:
    hits = queries.search(kb, "declarations of war")  # stemmed: declaration, war
    kinds = {h["kind"] for h in hits}
    assert kinds == {"document", "redline"}
    assert all(h["doc_id"].startswith("ostravia-warns") for h in hits)
    assert any(h["line_id"] for h in hits if h["kind"] == "redline")
    assert queries.search(kb, '"unbalanced (quotes AND') == []  # user text never reaches the query syntax
    assert queries.search(kb, "   ") == []


def test_a_word_in_many_entries_is_ranked_among_the_newest_stored_matches(kb: Store) -> None:
    everywhere = queries.search(kb, "Ostravia", limit=50)
    assert len(everywhere) > 3
    assert queries.search(kb, "Ostravia", limit=50, ranked=len(everywhere)) == everywhere  # all ranked: as before
    if kb.dialect != "sqlite":
        return  # PostgreSQL ranks every match
    newest_three = text(
        "SELECT d.doc_key, se.statement_id FROM search_fts JOIN search_entries se ON se.id = search_fts.rowid "
        "JOIN documents d ON d.id = se.document_id WHERE search_fts MATCH '\"Ostravia\"' ORDER BY se.id DESC LIMIT 3")
    with kb.reading() as conn:
        expected = {tuple(r) for r in conn.execute(newest_three)}
    few = queries.search(kb, "Ostravia", limit=50, ranked=3)
    assert {(h["doc_id"], h["statement_id"]) for h in few} == expected and len(few) == 3


def test_stance_rows_are_one_per_statement_for_export(kb: Store) -> None:
    rows = list(queries.stance_rows(kb))
    assert len(rows) == 4
    assert set(rows[0]) >= {"actor", "proposal", "position", "doc_id", "published", "speaker", "evidence"}


def test_document_text_and_counts(kb: Store) -> None:
    assert queries.document_text(kb, "ostravia-gas").startswith("Ostravia said it would cut gas")
    with pytest.raises(NotFound):
        queries.document_text(kb, "nope")
    assert queries.counts(kb)["lines"] == 2
