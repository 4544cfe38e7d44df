"""redline.store.txcache: rows read once per write transaction, forgotten when the transaction changes them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, select, update

from redline.store import Store
from redline.store.schema import proposals
from redline.store.txcache import forget_proposal, proposal_signatures, transaction_cache


def _proposal(conn: Any, text: str, action: str | None, targets: str) -> int:
    return int(conn.execute(insert(proposals).values(text=text, key=text.lower(), action=action, targets=targets)
                            .returning(proposals.c.id)).scalar_one())


def _selects_of_proposals(store: Store) -> list[str]:
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "proposals" in statement:
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    return seen


def test_a_transaction_keeps_its_cache_and_the_next_one_starts_afresh(store: Store) -> None:
    with store.writing() as conn:
        first = transaction_cache(conn, "test")
        first["k"] = 1
        assert transaction_cache(conn, "test") is first
    with store.writing() as conn:
        assert transaction_cache(conn, "test") == {}


def test_proposals_are_read_once_per_transaction_in_the_order_asked(store: Store) -> None:
    with store.writing() as conn:
        a = _proposal(conn, "sending troops to Velmora", "deploy", "VLM")
        b = _proposal(conn, "a ceasefire in Velmora", None, "")
    seen = _selects_of_proposals(store)
    with store.writing() as conn:
        got = proposal_signatures(conn, [b, a])
        assert [i for i, _ in got] == [b, a]
        assert got[1][1].text == "sending troops to Velmora" and got[1][1].targets == frozenset({"VLM"})
        assert got[0][1].action is None and got[0][1].targets == frozenset()
        assert proposal_signatures(conn, [a, b]) == [(a, got[1][1]), (b, got[0][1])]
        assert len(seen) == 1
    with store.writing() as conn:
        proposal_signatures(conn, [a])
    assert len(seen) == 2  # a new transaction reads again


def test_a_proposal_the_transaction_changed_is_read_again(store: Store) -> None:
    with store.writing() as conn:
        a = _proposal(conn, "sending troops to Velmora", None, "VLM")
        assert proposal_signatures(conn, [a])[0][1].action is None
        conn.execute(update(proposals).where(proposals.c.id == a).values(action="deploy"))
        forget_proposal(conn, a)
        assert proposal_signatures(conn, [a])[0][1].action == "deploy"


def test_outside_a_transaction_nothing_is_kept(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.get_transaction() is None  # nothing executed yet: no transaction begun
        transaction_cache(conn, "test")["k"] = 1
        assert transaction_cache(conn, "test") == {}


def test_wordings_are_read_once_per_transaction_and_again_after_a_new_one(store: Store) -> None:
    from datetime import datetime

    import numpy as np

    from redline.embed import DIMENSIONS, to_bytes
    from redline.store.schema import documents, proposal_wordings, statements
    from redline.store.txcache import forget_wordings, proposal_wordings_of

    with store.writing() as conn:
        a = _proposal(conn, "sending troops to Velmora", "deploy", "VLM")
        doc = conn.execute(insert(documents).values(doc_key="d", hash="h", text="t", ingested=datetime(2031, 3, 1))
                           .returning(documents.c.id))
        doc_id = doc.scalar_one()

        def worded(text: str, axis: int | None) -> None:
            vector = None if axis is None else to_bytes(np.eye(DIMENSIONS)[axis])
            sid = conn.execute(insert(statements).values(
                document_id=doc_id, kind="stance", ordinal=0, holder="VLM", proposal=text,
                vector=vector).returning(statements.c.id)).scalar_one()
            conn.execute(insert(proposal_wordings).values(proposal_id=a, wording=text, count=1,
                                                          first_statement_id=sid))

        worded("sending troops to Velmora", 0)
        worded("troops in Velmora", None)  # no vector: never compared by meaning
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: seen.append(statement) if "proposal_wordings" in statement else None)
    with store.writing() as conn:
        first = proposal_wordings_of(conn, [a, a])
        assert [w for w, _ in first[a]] == ["sending troops to Velmora"]
        assert proposal_wordings_of(conn, [a]) == {a: first[a]} and len(seen) == 1
        worded("Velmora deployment", 1)
        forget_wordings(conn, a)
        assert sorted(w for w, _ in proposal_wordings_of(conn, [a])[a]) == ["Velmora deployment",
                                                                            "sending troops to Velmora"]
        assert len(seen) == 3  # the insert, and the wordings read again


def _line_sentence_reads(db: str, extractions: list[Any]) -> tuple[int, list[dict[str, Any]]]:
    from redline import service
    from redline.store.alerts import alerts

    reads: list[str] = []
    opened = service.open_store(service.Settings(db=db, embeddings=False))

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith("SELECT statements.redline_id, evidence.text"):
            reads.append(statement)

    event.listen(opened.engine, "before_cursor_execute", count)
    try:
        service.store_extractions(extractions, opened, service.IngestSummary())  # one batch, one transaction
        return len(reads), alerts(opened)
    finally:
        opened.close()


def test_a_lines_evidence_is_read_once_per_transaction(tmp_path: Path) -> None:
    from builders import document, redline
    from builders import event as an_event
    from redline.models import Extraction

    warning = "The Ruritanian council said any Borduvian convoy crossing the Weiss river would be stopped by force."
    docs = [Extraction(document=document("warn", [warning], published=date(2032, 5, 1)),
                       redlines=(redline(document("warn", [warning], published=date(2032, 5, 1)), warning,
                                         holder=("RUR",), action="DEPLOY", actors=("BOR",),
                                         targets=("RUR",), trigger="a Borduvian convoy crossing the Weiss"),))]
    for i in range(4):
        news = f"A Borduvian convoy crossed the Weiss river at dawn near village number {i}."
        doc = document(f"news-{i}", [news], published=date(2032, 5, 2 + i))
        docs.append(Extraction(document=doc, events=(an_event(doc, news, actors=("BOR",), action="DEPLOY",
                                                               targets=("RUR",)),)))
    reads, raised = _line_sentence_reads(str(tmp_path / "kb.db"), docs)
    assert reads == 1  # four event articles matched against the same line: its sentences read once
    assert raised and all(a["redline"]["evidence"] for a in raised)


def test_proposal_ids_come_in_the_order_sqlite_read_them_and_follow_the_transactions_changes(store: Store) -> None:
    from redline.store.txcache import add_proposal_id, proposal_changed, proposal_ids

    with store.writing() as conn:
        deploy = _proposal(conn, "sending divers to the Orlan reef", "DEPLOY", "")
        vague = _proposal(conn, "the Orlan accord", None, "")
        arm = _proposal(conn, "arming the Orlan coast guard", "ARM", "")
        # no class first, then each class alphabetically, each by id: as the index scan returned them
        assert proposal_ids(conn) == [vague, arm, deploy]
        assert proposal_ids(conn, ["DEPLOY", "OTHER"]) == [vague, deploy]
        later = _proposal(conn, "a second Orlan accord", None, "")
        add_proposal_id(conn, later, None)
        conn.execute(update(proposals).where(proposals.c.id == vague).values(action="SANCTION"))
        proposal_changed(conn, vague, "SANCTION")  # a class learnt from a later stance
        assert proposal_ids(conn) == [later, arm, deploy, vague]
        assert proposal_ids(conn, ["DEPLOY"]) == [later, deploy]
    with store.reading() as conn:  # what the database itself returns
        assert list(conn.scalars(select(proposals.c.id))) == [later, arm, deploy, vague]


def test_stored_events_are_made_once_per_transaction_however_many_lines_meet_them(tmp_path: Path) -> None:
    from builders import document, redline, store_story
    from builders import event as an_event
    from redline import service
    from redline.models import Extraction

    db = str(tmp_path / "kb.db")
    news = []
    for i in range(3):
        text = f"Borduvian gunboats entered the Weiss delta again on day {i}."
        doc = document(f"delta-{i}", [text], published=date(2033, 2, 1 + i))
        news.append(Extraction(document=doc, events=(an_event(doc, text, actors=("BOR",), action="DEPLOY",
                                                               targets=("RUR",)),)))
    warnings = []
    for i, (holder, name) in enumerate([("RUR", "Ruritania"), ("ZEN", "Zenda"), ("GRA", "Graustark")]):
        text = f"{name} warned that Borduvian gunboats in the Weiss delta meant war."
        doc = document(f"warning-{i}", [text], published=date(2033, 1, 10 + i))
        warnings.append(Extraction(document=doc, redlines=(redline(
            doc, text, holder=(holder,), action="DEPLOY", actors=("BOR",), targets=("RUR",),
            trigger="Borduvian gunboats in the Weiss delta"),)))
    reads: list[str] = []
    store_story(db, news)  # another process: the events it read are not kept for this one (txcache.committed_cache)
    opened = service.open_store(service.Settings(db=db, embeddings=False))
    try:
        event.listen(opened.engine, "before_cursor_execute",
                     lambda conn, cursor, statement, *args: reads.append(statement)
                     if statement.startswith("SELECT event_evidence") else None)
        summary = service.store_extractions(warnings, opened, service.IngestSummary())  # one transaction
    finally:
        opened.close()
    assert summary.new_lines == 3 and len(summary.alerts) == 9  # each of three lines met the three events
    assert len(reads) == 1  # their evidence read for the first line only
