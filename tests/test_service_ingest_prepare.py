"""redline.service.ingest_prepare: signatures and vectors computed beside extraction, the same KB for any --jobs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, select

from builders import AxisEmbedder, story
from redline import service
from redline.embed import load_embedder
from redline.extract import extract_documents
from redline.ingest.dedup import signature
from redline.service import ingest_prepare
from redline.store.kb import embedding_vectors
from redline.store.schema import metadata


def test_prepare_gives_each_document_its_signature_and_the_store_s_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_prepare, "_loaded", {os.getpid(): AxisEmbedder(2)})
    xs = story()
    got = ingest_prepare.prepare(xs, embeddings=True)
    assert [p.signature for p in got] == [signature(x.document.text) for x in xs]
    assert [p.vectors for p in got] == embedding_vectors(AxisEmbedder(2), xs)
    assert any(p.vectors for p in got)
    assert all(p.vectors == {} for p in ingest_prepare.prepare(xs, embeddings=False))


def test_a_model_loaded_by_another_process_is_not_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    import redline.embed

    monkeypatch.setattr(ingest_prepare, "_loaded", {os.getpid() + 1: AxisEmbedder(2)})
    monkeypatch.setattr(redline.embed, "model_files", lambda: None)
    assert ingest_prepare.worker_embedder() is None  # loaded here (not installed), not the parent's


def test_workers_forked_after_preload_share_the_parent_s_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import redline.embed

    loads: list[AxisEmbedder] = []

    class Loader:
        @staticmethod
        def __wrapped__() -> AxisEmbedder:
            loads.append(AxisEmbedder(3))
            return loads[-1]

    monkeypatch.setattr(redline.embed, "load_embedder", Loader)
    monkeypatch.setattr(ingest_prepare, "_loaded", {})
    monkeypatch.setattr(ingest_prepare, "_inherited", [])
    ingest_prepare.preload()
    parent = os.getpid()
    for child in (parent + 1, parent + 2):  # two workers, as forked
        monkeypatch.setattr(ingest_prepare.os, "getpid", lambda child=child: child)
        assert ingest_prepare.worker_embedder() is loads[0]
    assert len(loads) == 1  # loaded once, in the parent


def test_a_session_loaded_before_a_fork_embeds_the_same_in_the_child() -> None:
    if load_embedder() is None or not hasattr(os, "fork"):
        pytest.skip("the sentence model is not installed, or this platform does not fork")
    model = load_embedder.__wrapped__()
    texts = ["Velmora warned that troops at its border would be answered.", "Talks resume on Friday."]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: embed with the inherited session, send the bytes back
        os.close(read)
        os.write(write, model.embed(texts).tobytes())
        os._exit(0)
    os.close(write)
    got = b""
    while chunk := os.read(read, 65536):
        got += chunk
    os.close(read)
    os.waitpid(pid, 0)
    assert got == model.embed(texts).tobytes()


SENTENCES = [
    "Moscow warned on Monday that if NATO sends troops to Velmora, it will respond with force.",
    "The Velmoran foreign ministry rejected the plan to send a peacekeeping mission to the border.",
    "France said it supports sending NATO soldiers to Velmora, while Germany said it opposes the idea.",
    "Officials in Kyiv said any deployment of foreign air defences would be a red line for them.",
    "A ceasefire proposal was welcomed by Turkey and backed by the European Union on Friday.",
]


def _corpus(into: Path, n: int) -> Path:
    into.mkdir()
    for i in range(n):
        # Each article distinct: its own number and an order of the sentences of its own.
        k = i % len(SENTENCES)
        body = "\n\n".join(SENTENCES[k:] + SENTENCES[:k])
        (into / f"a{i:02d}.txt").write_text(f"Report {i}\n\n{body}\n\n(Report number {i}.)\n", encoding="utf-8")
    return into


def _dump(db: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in key order, without the ingest time stamps."""
    store = service.open_store(service.Settings(db=db))
    out: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with store.reading() as conn:
            for name, table in metadata.tables.items():
                cols = [c for c in table.columns if not isinstance(c.type, DateTime)]
                out[name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*table.primary_key.columns))]
    finally:
        store.close()
    return out


@pytest.mark.slow
def test_a_knowledge_base_ingested_with_two_workers_equals_one_ingested_with_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    # Workers embed eight documents at a time here, so that 20 documents are more than one group per worker.
    monkeypatch.setattr(importlib.import_module("redline.service.ingest"), "PREPARE_BATCH", 8)
    corpus = _corpus(tmp_path / "corpus", 20)  # more than one batch per worker: the pool runs
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    s1 = service.ingest([str(corpus)], service.Settings(db=one), jobs=1)
    s2 = service.ingest([str(corpus)], service.Settings(db=two), jobs=2)
    assert s1.stored == s2.stored == 20 and s1.new_lines > 0
    # The writing process embedding the batch itself (no worker vectors) stores the same.
    parent = str(tmp_path / "parent.db")
    store = service.open_store(service.Settings(db=parent))
    try:
        docs = service.read([str(corpus)], service.Settings(db=parent))
        service.store_extractions(extract_documents(docs, jobs=1), store, service.IngestSummary())
    finally:
        store.close()
    a, b, c = _dump(one), _dump(two), _dump(parent)
    assert a["documents"] and a["statements"]
    if load_embedder() is not None:  # the workers' vectors were stored
        vector = [c.name for c in metadata.tables["redlines"].columns if not isinstance(c.type, DateTime)].index(
            "trigger_vector")
        assert a["redlines"] and all(row[vector] for row in a["redlines"])
    assert a == b == c
