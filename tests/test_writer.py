"""redline.store.writer: what a write transaction only writes goes in a table at a time, in the order written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from builders import story
from redline import service
from redline.store import Store
from redline.store.schema import actors, search_entries, statements


def _store_counting(db: str) -> list[str]:
    seen: list[str] = []
    store = service.open_store(service.Settings(db=db))

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(" ".join(statement.split()[:3]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        summary = service.store_extractions(story(), store, service.IngestSummary())  # one batch, one transaction
    finally:
        store.close()
    assert summary.stored == len(story())
    return seen


def test_actors_and_search_entries_are_written_once_per_transaction(tmp_path: Path) -> None:
    seen = _store_counting(str(tmp_path / "kb.db"))
    assert seen.count("INSERT INTO actors") == 1  # every new actor of the batch, one executemany
    assert seen.count("INSERT INTO search_entries") == 1
    assert not any(s.startswith("UPDATE actors") for s in seen)  # new in this batch: inserted with their counts
    with Store.open(str(tmp_path / "kb.db")) as store, store.reading() as conn:
        counts = dict(conn.execute(select(actors.c.code, actors.c.statements)).all())
        entries = conn.execute(select(search_entries.c.document_id, search_entries.c.kind, statements.c.ordinal)
                               .outerjoin(statements, statements.c.id == search_entries.c.statement_id)
                               .order_by(search_entries.c.id)).all()
    assert counts["OST"] >= 3 and all(n >= 1 for n in counts.values())
    # in the order written: each document's own entry, then its statements'
    docs = [d for d, kind, _ in entries if kind == "document"]
    assert docs == sorted(docs) and len(docs) == len(story())
    for doc in docs:
        mine = [(kind, ordinal) for d, kind, ordinal in entries if d == doc]
        assert mine[0] == ("document", None)
        redlines = [o for k, o in mine if k == "redline"]
        assert redlines == sorted(redlines)


def test_a_documents_evidence_is_one_insert(tmp_path: Path) -> None:
    seen = _store_counting(str(tmp_path / "kb.db"))
    with_statements = sum(1 for x in story() if x.redlines or x.stances)
    assert seen.count("INSERT INTO evidence") == with_statements


def test_actors_touched_again_in_a_later_transaction_are_updated_once(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    _store_counting(db)
    with Store.open(db) as store, store.reading() as conn:
        before = dict(conn.execute(select(actors.c.code, actors.c.statements)).all())
    # the same articles again under other ids (copies): stored, and their actors counted once more
    from dataclasses import replace

    store = service.open_store(service.Settings(db=db))
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: seen.append(" ".join(statement.split()[:2])))
    try:
        again = [replace(x, document=replace(x.document, id=x.document.id + "-again", text=x.document.text + "\n"))
                 for x in story()]
        service.store_extractions(again, store, service.IngestSummary())
    finally:
        store.close()
    assert seen.count("UPDATE actors") == 1
    with Store.open(db) as store, store.reading() as conn:
        after = dict(conn.execute(select(actors.c.code, actors.c.statements)).all())
    assert set(after) == set(before) and all(after[c] > before[c] for c in before)


def test_a_later_stance_reads_in_full_only_the_proposals_its_block_keeps(store: Store, monkeypatch: Any) -> None:
    import numpy as np
    from sqlalchemy import insert

    from redline.store import merge, writer
    from redline.store.blocking import SMALL
    from redline.store.schema import proposals

    def unit(axis: int, lean: float = 0.0) -> Any:
        v = np.zeros(384, dtype="<f4")
        v[axis], v[383] = 1.0, lean
        return v / np.linalg.norm(v)

    texts = [f"a toll on barges through canal {i}" for i in range(3 * SMALL)]
    with store.writing() as conn:
        for i, text in enumerate(texts):
            conn.execute(insert(proposals).values(text=text, key=merge.normalise(text), action="SANCTION",
                                                  targets="QQA", vector=unit(i, i / len(texts)).tobytes()))
    asked: list[int] = []
    wordings_of = writer.proposal_wordings_of

    def counting(conn: Any, ids: Any) -> Any:
        ids = list(ids)
        asked.extend(ids)
        return wordings_of(conn, ids)

    monkeypatch.setattr(writer, "proposal_wordings_of", counting)
    sig = merge.ProposalSignature("a toll on barges through canal 5", "SANCTION", frozenset({"QQA"}), unit(5, 0.1))
    with store.writing() as conn:
        first = [i for i, _ in writer.proposal_candidates(conn, sig)]
        asked.clear()
        again = [i for i, _ in writer.proposal_candidates(conn, sig)]
    assert again == first and len(first) < len(texts)
    assert set(asked) <= set(first)  # the others' vectors were compared in one product, never read one by one


def test_a_line_of_another_class_is_a_candidate_with_every_statements_sentence(store: Store) -> None:
    import numpy as np

    from builders import document, plain, redline
    from redline.store import merge, writer
    from redline.store.schema import documents
    from redline.store.writer import Changes

    def unit(*xs: float) -> bytes:
        v = np.zeros(384, dtype="<f4")
        v[: len(xs)] = xs
        return (v / np.linalg.norm(v)).tobytes()

    store.add(plain("zembia-note", "Zembia sent a note."))
    with store.reading() as conn:
        doc_id = conn.execute(select(documents.c.id)).scalar_one()
    doc = document("zembia-note", ["Zembia warns of drills on the border.", "Zembia repeats its warning."])
    first = redline(doc, "Zembia warns of drills on the border.", holder=("ZEM",), action="DEPLOY",
                    trigger="drills on the border", actors=("QQB",))
    again = redline(doc, "Zembia repeats its warning.", holder=("ZEM",), action="DEPLOY",
                    trigger="drills held on the border", actors=("QQB",))
    with store.writing() as conn:
        writer.add_redline(conn, None, doc_id, None, 0, first, True, Changes(), unit(1, 0), unit(1, 0, 0))
        writer.add_redline(conn, None, doc_id, None, 1, again, True, Changes(), unit(1, 0.1), unit(0, 1, 0))
        other = merge.LineSignature(frozenset({"ZEM"}), frozenset({"QQB"}), "COERCE", frozenset(),
                                    "provocations such as drills", np.frombuffer(unit(1, 0.2), "<f4"),
                                    np.frombuffer(unit(0, 1, 0), "<f4"))
        found = list(writer.line_candidates(conn, other))
        assert [len(sig.contexts) for _, sig in found] == [2]  # the line of DEPLOY, with both sentences
        lexical = merge.LineSignature(frozenset({"ZEM"}), frozenset({"QQB"}), "COERCE", frozenset(), "drills")
        assert list(writer.line_candidates(conn, lexical)) == []  # without vectors: its own class only
