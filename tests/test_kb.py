"""The knowledge base on SQLite and PostgreSQL: adding documents, merging, idempotence, crashes, concurrency."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from builders import document, evidence, plain, redline, stance, story
from redline.errors import StoreError
from redline.ingest.dedup import signature
from redline.models import Document, Evidence, Extraction, Span, Stance
from redline.store import Store, queries
from redline.store.engine import current_revision, head_revision, url_for

TESTS = Path(__file__).parent


@pytest.fixture
def kb(kb_db: str) -> Iterator[Store]:
    with Store.open(kb_db) as store:
        yield store


def add_all(store: Store, extractions: list[Extraction]) -> list:
    return [store.add(x, signature=signature(x.document.text)) for x in extractions]


def test_open_migrates_to_head_and_reopens(kb_db: str) -> None:
    with Store.open(kb_db) as store:
        assert current_revision(store.engine) == head_revision()
    with Store.open(kb_db) as store:
        assert queries.counts(store)["documents"] == 0


def test_story_merges_restatements_links_copies_and_finds_shifts(kb: Store) -> None:
    first, again, copy, gas = add_all(kb, story())
    assert first.status == "added" and len(first.new_lines) == 1 and first.new_stances == 1
    line_id = first.new_lines[0]
    assert again.restated_lines == (line_id,) and again.new_lines == ()
    assert copy.status == "near_duplicate" and copy.duplicate_of == first.document_id
    assert copy.restated_lines == () and copy.linked_lines == (line_id,) and copy.new_stances == 0
    assert len(gas.new_lines) == 1  # a different red line of the same holder
    assert [(s.actor, s.before, s.after) for s in gas.shifts] == [("FRA", "open", "oppose")]

    line = queries.line(kb, line_id)
    assert line["statement_count"] == 2  # the copy is linked, not counted
    assert (line["first_seen"], line["last_seen"]) == ("2031-03-02", "2031-03-09")
    assert line["certainty"] == "high"  # as last stated
    assert [h["certainty"] for h in line["certainty_history"]] == ["medium", "high"]
    assert {s["doc_id"] for s in line["sources"]} == {"ostravia-warns", "ostravia-repeats", "ostravia-warns-reprint"}
    copy_statement = next(s for s in line["statements"] if s["doc_id"] == "ostravia-warns-reprint")
    assert copy_statement["duplicate_of"] == "ostravia-warns" and not copy_statement["counted"]
    assert all(s["merge"]["explain"] for s in line["statements"])
    assert queries.counts(kb) == {"documents": 4, "statements": 8, "lines": 2, "proposals": 1, "stances": 4,
                                  "cells": 2}


def test_every_stored_evidence_text_is_the_document_text_at_its_span(kb: Store) -> None:
    add_all(kb, story())
    report = queries.check_integrity(kb)
    assert report["evidence_checked"] == 8
    assert report["evidence_mismatches"] == [] and report["count_mismatches"] == []
    for item in queries.lines(kb):
        for s in item["statements"]:
            stored = queries.document_text(kb, s["doc_id"])
            for e in s["evidence"]:
                assert stored[e["span"][0]:e["span"][1]] == e["text"]


def test_the_same_document_twice_adds_nothing(kb: Store) -> None:
    x = story()[0]
    kb.add(x)
    before = queries.counts(kb)
    again = kb.add(replace(x, document=replace(x.document, id="another-name")))
    assert again.status == "duplicate" and again.new_lines == ()
    assert queries.counts(kb) == before


def test_evidence_off_its_span_is_refused_and_nothing_is_written(kb: Store) -> None:
    d = document("bad-span", ["Ostravia warned that any blockade would mean war.", "Other news."])
    good = evidence(d, "Ostravia warned that any blockade would mean war.")
    bad = Evidence(d.id, 0, Span(good.span.start + 1, good.span.end + 1), good.text)
    r = redline(d, good.text, holder=("OST",), action="COERCE", trigger="any blockade")
    with pytest.raises(StoreError, match="not the document's text"):
        kb.add(Extraction(d, redlines=(replace(r, evidence=(bad,)),)))
    assert queries.counts(kb)["documents"] == 0


def test_an_unknown_date_stays_unknown_never_the_ingest_day(kb: Store) -> None:
    from datetime import UTC, datetime

    d = document("undated", ["Velmora said an attack on its ports would be met with force."])
    line = redline(d, d.text, holder=("VEL",), action="ATTACK", trigger="an attack on its ports")
    x = Extraction(d, redlines=(line,))
    result = kb.add(x, ingested=datetime(2031, 5, 6, 12, tzinfo=UTC))
    shown = queries.line(kb, result.new_lines[0])
    assert shown["first_seen"] is None and shown["last_seen"] is None
    assert shown["statements"][0]["seen"] is None
    # A dated restatement gives the line its dates; the undated one still has none.
    later = document("dated", ["Velmora warned again that an attack on its ports would be met with force."],
                     published=date(2031, 1, 2))
    again = redline(later, later.text, holder=("VEL",), action="ATTACK", trigger="an attack on its ports")
    kb.add(Extraction(later, redlines=(again,)), ingested=datetime(2031, 5, 6, 12, tzinfo=UTC))
    shown = queries.line(kb, result.new_lines[0])
    assert (shown["first_seen"], shown["last_seen"]) == ("2031-01-02", "2031-01-02")
    assert sorted(s["seen"] or "unknown" for s in shown["statements"]) == ["2031-01-02", "unknown"]


def test_a_stance_stated_twice_in_one_article_is_one_stance(kb: Store) -> None:
    d = document("twice", ["France backs sending troops to Velmora.", "Paris supports deploying soldiers there."])
    x = Extraction(d, stances=(
        stance(d, d.sentences[0].text, actor="FRA", proposal="sending troops to Velmora", position="support"),
        stance(d, d.sentences[1].text, actor="FRA", proposal="deploying soldiers to Velmora", position="support"),
    ))
    assert kb.add(x).new_stances == 1
    [cell] = queries.stances(kb)
    assert cell["count"] == 1 and len(cell["latest"]["evidence"]) == 2


def test_an_older_article_ingested_late_does_not_fake_a_shift(kb: Store) -> None:
    def say(doc_id: str, day: date, position: str) -> Extraction:
        d = document(doc_id, [f"Velmora's view on joining the bloc: {position} ({doc_id})."], published=day)
        return Extraction(d, stances=(stance(d, d.text, actor="VEL", proposal="joining the bloc", position=position),))

    kb.add(say("march", date(2031, 3, 1), "oppose"))
    kb.add(say("may", date(2031, 5, 1), "open"))
    late = kb.add(say("january", date(2031, 1, 1), "oppose"))
    assert late.shifts == ()
    [cell] = queries.stances(kb)
    assert (cell["previous"], cell["position"], cell["shift"]) == ("oppose", "open", "oppose → open")
    assert [r["count"] for r in cell["history"]] == [2, 1]


def test_unusable_databases_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a directory"):
        Store.open(str(tmp_path / "missing" / "kb.db"))
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://localhost/x")
    assert url_for("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def _corpus(n: int, prefix: str) -> list[Extraction]:
    out = []
    for i in range(n):
        d = document(f"{prefix}-{i}", [f"Item {prefix} {i}: Ostravia warned that sending troops to Velmora "
                                        f"would bring a response, officials said on day {i}."],
                     published=date(2031, 1, 1 + i % 28))
        out.append(Extraction(d, redlines=(redline(d, d.text, holder=("OST",), actors=("NATO",), action="DEPLOY",
                                                   targets=("VEL",), trigger="sending troops to Velmora"),)))
    return out


def test_two_concurrent_ingests_into_one_database_both_succeed(kb_db: str) -> None:
    Store.open(kb_db).close()
    shared = _corpus(10, "shared")
    errors: list[BaseException] = []

    def ingest(prefix: str) -> None:
        try:
            with Store.open(kb_db) as store:  # its own engine and connections
                for x in [*shared, *_corpus(15, prefix)]:
                    store.add(x)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=ingest, args=(p,)) for p in ("left", "right")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store.open(kb_db) as store:
        counts = queries.counts(store)
        assert counts["documents"] == 10 + 15 + 15
        assert counts["lines"] == 1  # every statement merged into one line, none duplicated by a race
        assert queries.lines(store)[0]["statement_count"] == 40
        assert queries.check_integrity(store)["count_mismatches"] == []


CRASH_SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from test_kb import _corpus
    from redline.store import Store
    with Store.open({db!r}) as store:
        for x in _corpus(60, "crash"):
            store.add(x)
            time.sleep({pause})
""")


def _kill_once_stored(script: str, kb_db: str, documents: int) -> None:
    """Run ``script`` and kill -9 it once the knowledge base holds ``documents`` documents."""
    proc = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "PYTHONWARNINGS": "ignore"})
    try:
        deadline = time.monotonic() + 60
        with Store.open(kb_db) as store:
            while queries.counts(store)["documents"] < documents and time.monotonic() < deadline:
                assert proc.poll() is None, "the ingest ended before it could be killed"
                time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()


def test_a_killed_ingest_leaves_no_half_document_and_a_rerun_resumes(kb_db: str) -> None:
    Store.open(kb_db).close()
    _kill_once_stored(CRASH_SCRIPT.format(tests=str(TESTS), db=kb_db, pause=0.02), kb_db, 8)
    with Store.open(kb_db) as store:
        partial = queries.counts(store)
        assert 8 <= partial["documents"] < 60
        assert partial["statements"] == partial["documents"]  # every document whole: one statement each
        assert queries.check_integrity(store)["count_mismatches"] == []
    rerun = subprocess.run([sys.executable, "-c", CRASH_SCRIPT.format(tests=str(TESTS), db=kb_db, pause=0)],
                           capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(kb_db) as store:
        final = queries.counts(store)
        assert final["documents"] == final["statements"] == 60
        assert queries.lines(store)[0]["statement_count"] == 60
        report = queries.check_integrity(store)
        assert report["evidence_mismatches"] == report["count_mismatches"] == []


def test_plain_documents_are_searchable_without_statements(kb: Store) -> None:
    kb.add(plain("quiet", "Nothing about red lines here, only a harvest festival in Velmora."))
    assert [h["doc_id"] for h in queries.search(kb, "harvest festival")] == ["quiet"]


def test_a_batch_is_one_transaction_with_the_same_results_as_one_by_one(kb_db: str, tmp_path: Path) -> None:
    corpus = _corpus(6, "batch")
    with Store.open(kb_db) as store:
        results = store.add_batch([(x, signature(x.document.text)) for x in [*corpus, corpus[0]]])
        assert [r.status for r in results] == ["added"] * 6 + ["duplicate"]  # type: ignore[union-attr]
        assert queries.counts(store)["documents"] == 6
        assert queries.lines(store)[0]["statement_count"] == 6
    with Store.open(str(tmp_path / "one-by-one.db")) as store:  # one document per transaction: the same lines
        add_all(store, corpus)
        one = [(ln["holder"], ln["trigger"], ln["statement_count"]) for ln in queries.lines(store)]
    with Store.open(kb_db) as store:
        assert [(ln["holder"], ln["trigger"], ln["statement_count"]) for ln in queries.lines(store)] == one


def test_a_batch_refuses_only_its_bad_documents(kb: Store) -> None:
    good = _corpus(3, "fine")
    d = document("bad-span", ["Ostravia warned that any blockade would mean war.", "Other news."])
    ok = evidence(d, "Ostravia warned that any blockade would mean war.")
    bad = Extraction(d, redlines=(replace(redline(d, ok.text, holder=("OST",), action="COERCE", trigger="x"),
                                          evidence=(Evidence(d.id, 0, Span(1, 1 + len(ok.text)), ok.text),)),))
    results = kb.add_batch([(good[0], None), (bad, None), (good[1], None), (good[2], None)])
    assert isinstance(results[1], StoreError) and "not the document's text" in str(results[1])
    assert [getattr(r, "status", None) for r in results] == ["added", None, "added", "added"]
    assert queries.counts(kb)["documents"] == 3


class _FailingStore(Store):
    """A store whose database refuses one document's write (a fake for a constraint or disk error)."""

    refuse = "flaky-1"

    def _write(self, conn, extraction, signature, when, vectors):  # type: ignore[no-untyped-def]
        if extraction.document.id == self.refuse:
            raise StoreError(f"cannot write to the knowledge base: {self.refuse} refused")
        return super()._write(conn, extraction, signature, when, vectors)


def test_a_database_error_in_a_batch_rolls_it_back_and_stores_the_others_one_by_one(kb_db: str) -> None:
    Store.open(kb_db).close()
    corpus = _corpus(4, "flaky")
    store = _FailingStore(Store.open(kb_db).engine)
    try:
        results = store.add_batch([(x, None) for x in corpus])
        assert [type(r).__name__ for r in results] == ["AddResult", "StoreError", "AddResult", "AddResult"]
        assert queries.counts(store)["documents"] == 3
        assert queries.check_integrity(store)["count_mismatches"] == []
    finally:
        store.close()


BATCH_CRASH_SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from test_kb import _corpus
    from redline.store import Store
    corpus = _corpus(60, "crash")
    with Store.open({db!r}) as store:
        for i in range(0, 60, 5):
            store.add_batch([(x, None) for x in corpus[i:i + 5]])
            time.sleep({pause})
""")


def test_a_killed_batched_ingest_loses_only_whole_batches_and_a_rerun_resumes(kb_db: str) -> None:
    Store.open(kb_db).close()
    _kill_once_stored(BATCH_CRASH_SCRIPT.format(tests=str(TESTS), db=kb_db, pause=0.1), kb_db, 10)
    with Store.open(kb_db) as store:
        partial = queries.counts(store)
        assert 10 <= partial["documents"] < 60 and partial["documents"] % 5 == 0  # whole batches only
        assert partial["statements"] == partial["documents"]
    rerun = subprocess.run([sys.executable, "-c", BATCH_CRASH_SCRIPT.format(tests=str(TESTS), db=kb_db, pause=0)],
                           capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(kb_db) as store:
        final = queries.counts(store)
        assert final["documents"] == final["statements"] == 60
        assert queries.check_integrity(store)["count_mismatches"] == []


def test_stored_hashes_are_looked_up_in_one_query(kb: Store) -> None:
    corpus = _corpus(3, "known")
    kb.add(corpus[0])
    hashes = [x.document.hash for x in corpus]
    assert kb.stored_hashes(hashes) == {hashes[0]}
    assert kb.stored_hashes([]) == set()


def test_a_generic_proposal_is_embedded_by_its_sentence() -> None:
    from redline.models import Stance
    from redline.store.kb import proposal_input

    said = Evidence("d", 0, Span(0, 44), "The council adopted the resolution on Haiti.")
    assert proposal_input(Stance("USA", "the resolution", "support", (said,))) == said.text
    assert proposal_input(Stance("USA", "a security mission in Haiti", "support", (said,))) == \
        "a security mission in Haiti"
    assert proposal_input(Stance("USA", "the resolution", "support", ())) == "the resolution"


def test_a_generic_proposal_is_embedded_after_what_its_article_is_about() -> None:
    """Two votes on "the resolution" read alike voter by voter: the headline says what was voted on."""
    from redline.models import Stance
    from redline.store.kb import document_lead, proposal_input

    said = "Zembia voted for the resolution, Quarra against."
    doc = document("v1", ["Council rejects the Velmora fisheries inquiry", said])
    vote = Stance("ZMB", "the resolution", "support", (evidence(doc, said),))
    assert document_lead(doc) == "Council rejects the Velmora fisheries inquiry"
    assert document_lead(replace(doc, title="Fisheries vote fails")) == "Fisheries vote fails"
    assert proposal_input(vote, document_lead(doc)) == f"Council rejects the Velmora fisheries inquiry: {said}"
    assert proposal_input(Stance("ZMB", "a fisheries inquiry", "support", vote.evidence), "x") == "a fisheries inquiry"
    assert proposal_input(vote, said) == said  # a lead that is the sentence itself is not said twice


def test_a_batch_is_embedded_in_one_call_and_each_text_once(kb_db: str) -> None:
    import numpy as np

    class Counting:
        model_id = "counting"

        def __init__(self) -> None:
            self.calls: list[list[str]] = []

        def embed(self, texts: list[str]) -> np.ndarray:
            self.calls.append(list(texts))
            out = np.zeros((len(texts), 384), dtype=np.float32)
            out[:, 0] = 1.0
            return out

    model = Counting()
    xs = story()
    with Store.open(kb_db, embedder=lambda: model) as store:
        results = store.add_batch([(x, signature(x.document.text)) for x in xs])
        assert [r.status for r in results if not isinstance(r, StoreError)][:2] == ["added", "added"]
        per_doc = [store.vectors(x) for x in xs[:2]]
    assert len(model.calls) == 3  # the batch in one call, then one per document asked alone
    assert len(model.calls[0]) == len(set(model.calls[0]))
    assert xs[0].redlines[0].trigger.text in per_doc[0]  # each document's texts, as written, have a vector


def test_only_the_sentences_of_events_matching_reads_are_embedded() -> None:
    from builders import event
    from redline.store.kb import _texts_to_embed

    said = ["Austria sent engineers to Bosnia on Friday.", "Hungary ruled out sending troops to Bosnia."]
    doc = document("engineers", said)
    sent = event(doc, said[0], actors=("AUT",), action="DEPLOY", targets=("BIH",))
    refused = event(doc, said[1], actors=("HUN",), action="DEPLOY", targets=("BIH",), status="denied")
    assert _texts_to_embed(Extraction(doc, events=(sent, refused))) == [said[0]]
    # no known actor: matched only by its class against a line open to anyone, never by meaning
    unknown = document("convoy", ["A convoy crossed into Bosnia at dawn."])
    nobody = event(unknown, "A convoy crossed into Bosnia at dawn.", actors=(), action="DEPLOY", targets=("BIH",))
    assert _texts_to_embed(Extraction(unknown, events=(nobody,))) == []


def test_a_line_that_points_back_is_embedded_with_the_sentence_before() -> None:
    from redline.store.kb import line_context

    said = ["Buyers of the fuel must settle in the supplier's currency from May.",
            "If such transfers are not made, the deliveries will end."]
    doc = document("fuel", said)
    vague = redline(doc, said[1], holder=("RUS",), action="OTHER", trigger="such transfers are not made")
    assert line_context(vague, doc) == " ".join(said)
    named = redline(doc, said[1], holder=("RUS",), action="OTHER", trigger="the buyers refuse to pay in roubles")
    assert line_context(named, doc) == said[1]  # a trigger that says what it means needs nothing before
    first = redline(doc, said[0], holder=("RUS",), action="OTHER", trigger="such a refusal")
    assert line_context(first, doc) == said[0]  # nothing before the first sentence


def test_add_batch_with_given_vectors_stores_them_without_calling_the_model(kb_db: str) -> None:
    """Vectors an ingest worker computed (embedding_vectors) are stored as given; the store's model is not loaded."""
    from sqlalchemy import select

    from builders import AxisEmbedder
    from redline.embed import from_bytes
    from redline.store.kb import embedding_vectors
    from redline.store.schema import redlines

    def refuse() -> None:
        raise AssertionError("the store must not load its model when the vectors are given")

    xs = story()
    given = embedding_vectors(AxisEmbedder(1), xs)
    assert embedding_vectors(None, xs) == [{} for _ in xs]
    with Store.open(kb_db, embedder=refuse) as store:
        with pytest.raises(ValueError, match="vector maps"):
            store.add_batch([(x, None) for x in xs], vectors=given[:1])
        store.add_batch([(x, None) for x in xs], vectors=given)
        with store.reading() as conn:
            stored = conn.scalars(select(redlines.c.trigger_vector)).all()
    assert stored and all(v is not None and from_bytes(v)[1] == 1.0 for v in stored)


def test_a_stance_joins_a_proposal_through_any_of_its_wordings(kb_db: str) -> None:
    """Single link: a third wording near the second but far from the first joins the same proposal."""
    import numpy as np
    from sqlalchemy import select

    from redline.store.schema import stances

    axes = {"quiet": (1.0, 0.0), "idea": (0.7, 0.714), "possibility": (0.0, 1.0)}

    class Table:
        model_id = "table"

        def embed(self, texts: list[str]) -> np.ndarray:
            out = np.zeros((len(texts), 384), dtype=np.float32)
            for i, t in enumerate(texts):
                key = next((k for k in axes if k in t), None)
                out[i, :2] = axes[key] if key else (0.0, 0.0)
                out[i, 2] = 0.0 if key else 1.0
            return out

    wordings = ["a quiet troop deployment to Ukraine", "the idea of sending soldiers",
                "the possibility of a deployment"]
    xs = []
    for i, (actor, wording) in enumerate(zip(("FRA", "DEU", "POL"), wordings, strict=True)):
        said = f"The government of {actor} spoke about {wording} today."
        doc = document(f"w{i}", [said], published=date(2024, 3, i + 1))
        xs.append(Extraction(document=doc, stances=(stance(doc, said, actor=actor, proposal=wording,
                                                               position="oppose", action="DEPLOY"),)))
    with Store.open(kb_db, embedder=lambda: Table()) as store:
        for x in xs:
            store.add(x)
        with store.reading() as conn:
            linked = set(conn.scalars(select(stances.c.proposal_id).distinct()))
    assert len(linked) == 1  # the third is 0.71 from the second, 0 from the first


def test_troops_debated_for_a_peace_force_and_for_the_war_are_two_proposals(kb: Store) -> None:
    """The article's setting is stored with the proposal it opens and decides against the same wording
    in an article about sending troops into the fighting (lexical fallback: no vectors here)."""
    from sqlalchemy import select

    from redline.store.schema import proposals, stances

    texts = [("p1", "Zembia is ready to send troops to Velmora as peacekeepers once a ceasefire holds."),
             ("p2", "Quarra would send troops to Velmora to help it fight off the invasion."),
             ("p3", "Zembia would send troops to Velmora after a peace agreement, its minister said.")]
    for i, (doc_id, said) in enumerate(texts):
        doc = document(doc_id, [said], published=date(2024, 5, i + 1))
        kb.add(Extraction(document=doc, stances=(stance(doc, said, actor="ZMB" if i != 1 else "QRR",
                                                        proposal="send troops to Velmora", position="support",
                                                        action="DEPLOY", targets=("VEL",)),)))
    with kb.reading() as conn:
        settings = dict(conn.execute(select(proposals.c.id, proposals.c.peace_force)).all())
        by_doc = conn.execute(select(stances.c.document_id, stances.c.proposal_id).order_by(stances.c.id)).all()
    assert sorted(settings.values()) == [False, True]
    assert by_doc[0][1] == by_doc[2][1] != by_doc[1][1]


def test_near_duplicate_candidates_are_read_in_one_query(kb: Store) -> None:
    from sqlalchemy import event

    first, again, copy, _gas = story()
    add_all(kb, [first, again, copy])  # two stored texts of the same story: two candidates
    seen: list[str] = []
    event.listen(kb.engine, "before_cursor_execute", lambda _c, _cur, statement, *_a: seen.append(statement))
    second = replace(first, document=replace(first.document, id="ostravia-warns-second-reprint",
                                             text=first.document.text + "\n(Reprinted.)"))
    result = kb.add(second, signature=signature(second.document.text))
    assert result.status == "near_duplicate" and result.duplicate_of is not None
    assert sum("documents.minhash" in s for s in seen) == 1  # every candidate's signature at once


def _anchored(doc_id: str) -> tuple[Document, Stance, Stance]:
    """An article whose top names a move (QRR's stance) and a later stance that names none of its own (VLM's)."""
    top = "Quarra weighs sending air defence batteries to Zembia this winter."
    later = "Velmora said it was against dropping the old caps."
    doc = document(doc_id, [top, later])
    named = stance(doc, top, actor="QRR", proposal="sending air defence batteries to Zembia", position="open",
                   action="ARM")
    return doc, named, stance(doc, later, actor="VLM", proposal="dropping the old caps", position="oppose")


def test_a_weak_stance_is_embedded_by_its_articles_anchor() -> None:
    """A stance that names no move of its own ("dropping the old caps") is compared by the article's proposal."""
    from redline.store.kb import proposal_inputs

    doc, named, weak = _anchored("w1")
    x = Extraction(doc, stances=(named, weak))
    assert proposal_inputs(x) == ["sending air defence batteries to Zembia"] * 2
    assert proposal_inputs(Extraction(doc, stances=(weak,))) == ["dropping the old caps"]  # no anchor: its own words


def test_a_stance_compared_by_the_anchor_says_so(kb: Store) -> None:
    """The stored reason of a weak stance names the anchor proposal it was compared by; the others do not."""

    doc, named, weak = _anchored("w2")
    kb.add(Extraction(doc, stances=(named, weak)))
    linked = {c["actor"]: c["latest"]["linked"] for c in queries.stances(kb)}
    assert "anchor proposal 'sending air defence batteries to Zembia'" in linked["VLM"]
    assert "anchor" not in linked["QRR"]


def test_a_proposal_wording_a_debated_move_is_embedded_as_that_move() -> None:
    from builders import document, stance
    from redline.models import Extraction
    from redline.store.kb import _embedding_inputs
    from redline.store.wording import debated_move

    def inputs(sentence: str, proposal: str) -> dict[str, str]:
        doc = document("zembia-note", [sentence])
        return _embedding_inputs(Extraction(document=doc, stances=(
            stance(doc, sentence, actor="OST", proposal=proposal, position="support"),)))

    moved = inputs("Ostravia backs scrapping the range limits on the rockets it hands over.",
                   "scrapping the range limits on the rockets")
    assert moved["scrapping the range limits on the rockets"] == debated_move("range limits")
    assert inputs("Ostravia backs sending more trucks.", "sending more trucks")["sending more trucks"] == \
        "deploy truck"
