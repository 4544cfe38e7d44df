"""The documents behind each line and stance cell, as the store gives them to corroboration."""

from __future__ import annotations

from redline import service
from redline.store.provenance import line_reports, stance_reports
from sourced import sourced_story


def test_reports_name_each_document_once_with_its_original(kb_db: str) -> None:
    store = service.open_store(service.Settings(db=kb_db))
    try:
        service.store_extractions(sourced_story(), store, service.IngestSummary())
        from redline.store import queries

        lines = {ln["trigger"]["action"]: ln["id"] for ln in queries.lines(store)}
        reports = line_reports(store, list(lines.values()), text_chars=40)
        deploy = {r["doc_id"]: r for r in reports[lines["DEPLOY"]]}
        assert set(deploy) == {"wire", "wire-copy", "tass", "rt", "blog"}
        assert deploy["wire-copy"]["root"] == deploy["wire"]["document_id"]
        assert deploy["tass"]["root"] == deploy["tass"]["document_id"]
        assert deploy["rt"]["url"] == "https://www.rt.com/news/ostravia" and deploy["tass"]["source"] == "TASS"
        assert all(len(r["text"]) == 40 for r in deploy.values())
        cell = queries.stances(store)[0]
        by_position = stance_reports(store, [(cell["actor"], cell["proposal_id"])])
        assert list(by_position) == [("OST", cell["proposal_id"], "oppose")]
        assert len(by_position["OST", cell["proposal_id"], "oppose"]) == 5
    finally:
        store.close()
