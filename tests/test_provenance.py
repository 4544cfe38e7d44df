"""The documents behind each line and stance cell, as the store gives them to corroboration."""

from __future__ import annotations

from redline import service
from redline.store import queries
from redline.store.provenance import document_reports, line_documents, line_ids, stance_documents
from sourced import sourced_story


def test_claims_map_to_their_documents_and_each_document_is_read_once(kb_db: str) -> None:
    store = service.open_store(service.Settings(db=kb_db))
    try:
        service.store_extractions(sourced_story(), store, service.IngestSummary())
        ids = line_ids(store)
        assert ids == [ln["id"] for ln in queries.lines(store)]
        assert line_ids(store, holder="ost") == ids and line_ids(store, holder="RUS") == []
        docs = line_documents(store, ids)
        reports = document_reports(store, {d for ds in docs.values() for d in ds}, text_chars=40,
                                   needs_text=lambda report: report["source"] != "TASS")
        by_key = {r["doc_id"]: r for r in reports.values()}
        deploy = next(i for i in ids if len(docs[i]) > 1)
        assert sorted(reports[d]["doc_id"] for d in docs[deploy]) == ["blog", "rt", "tass", "wire", "wire-copy"]
        assert by_key["wire-copy"]["root"] == by_key["wire"]["document_id"]
        assert by_key["tass"]["root"] == by_key["tass"]["document_id"]
        assert by_key["rt"]["url"] == "https://www.rt.com/news/ostravia" and by_key["tass"]["source"] == "TASS"
        assert by_key["tass"]["text"] == "" and len(by_key["rt"]["text"]) == 40
        cell = queries.stances(store)[0]
        by_position = stance_documents(store, [(cell["actor"], cell["proposal_id"])])
        assert list(by_position) == [("OST", cell["proposal_id"], "oppose")]
        assert len(by_position["OST", cell["proposal_id"], "oppose"]) == 5
    finally:
        store.close()
