"""redline.trust: corroborating query results and the LLM reader's step for one document (an httpx MockTransport)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from builders import document, redline
from redline import service, trust
from redline.config import LlmSettings
from redline.models import Extraction
from sourced import sourced_story

WARN = "Russia warned on Monday that if NATO troops are deployed to Moldova, Russia will strike them."


def test_filtered_lines_keep_the_order_and_the_limit(kb_db: str) -> None:
    settings = service.Settings(db=kb_db)
    store = service.open_store(settings)
    try:
        service.store_extractions(sourced_story(), store, service.IngestSummary())
        every = trust.filtered_lines(store, settings, holder=None, since=None, limit=None, min_sources=1, grades=None)
        assert [ln["admiralty"] for ln in every] == ["F6", "B1"]  # newest first, as `lines` orders them
        assert len(trust.filtered_lines(store, settings, holder=None, since=None, limit=1, min_sources=1,
                                        grades=None)) == 1
        assert trust.filtered_lines(store, settings, holder="RUS", since=None, limit=None, min_sources=1,
                                    grades=None) == []
    finally:
        store.close()


def test_each_document_is_identified_once_per_open_store_and_outlet_list(kb_db: str, tmp_path: Path,
                                                                        monkeypatch: Any) -> None:
    import importlib

    corroborate = importlib.import_module("redline.sources.corroborate")  # the module, not the function
    calls: list[str | None] = []
    real = corroborate.identify

    def counted(url: str | None, source: str | None, text: str, sources: Any) -> Any:
        calls.append(url or source)
        return real(url, source, text, sources)

    monkeypatch.setattr(corroborate, "identify", counted)
    settings = service.Settings(db=kb_db)
    store = service.open_store(settings)
    try:
        service.store_extractions(sourced_story(), store, service.IngestSummary())
        first = trust.filtered_lines(store, settings, holder=None, since=None, limit=None, min_sources=None,
                                     grades=None)
        identified = len(calls)
        assert identified > 0
        again = trust.filtered_lines(store, settings, holder=None, since=None, limit=None, min_sources=None,
                                     grades=None)
        assert again == first and len(calls) == identified  # the second request identifies nothing anew
        overrides = tmp_path / "sources.yaml"
        overrides.write_text("outlets: []\n", encoding="utf-8")
        other = service.Settings(db=kb_db, sources=str(overrides))
        trust.filtered_lines(store, other, holder=None, since=None, limit=None, min_sources=None, grades=None)
        assert len(calls) == 2 * identified  # another outlet list: every document identified again
    finally:
        store.close()


def test_reader_run_costs_only_with_a_price() -> None:
    run = trust.ReaderRun(prompt_tokens=2_000_000, completion_tokens=500_000)
    assert run.cost is None and run.as_json()["cost_usd"] is None
    run.price = (0.5, 2.0)
    assert run.cost == 2.0


def test_read_with_llm_grounds_merges_and_caches(tmp_path: Path) -> None:
    doc = document("d", [WARN, "Officials gave no further details."])
    rules = Extraction(doc, redlines=(redline(doc, WARN, holder=("RUS",), action="DEPLOY", trigger="x"),))
    asked: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(json.loads(request.content))
        item = {"holder": ["RUS"], "trigger": {"actors": ["NATO"], "action": "DEPLOY", "targets": ["MDA"],
                                               "text": "NATO troops are deployed to Moldova"},
                "consequence": {"action": "ATTACK", "targets": ["NATO"], "text": "Russia will strike them"},
                "certainty": "high", "explicit": False, "evidence": WARN}
        content = json.dumps({"redlines": [item, item | {"evidence": "Not in the text at all, really."}]})
        return httpx.Response(200, json={"choices": [{"message": {"content": content}}],
                                         "usage": {"prompt_tokens": 10, "completion_tokens": 5}})

    settings = service.Settings(llm=LlmSettings(url="http://llm.invalid/v1", model="m", cache=str(tmp_path)))
    run = trust.ReaderRun()
    for _ in range(2):
        x, data = trust.read_with_llm(rules, settings, "both", run, transport=httpx.MockTransport(handler),
                                      sleep=None)
        assert x.redlines == rules.redlines and data["redlines"][0]["reader"] == ["rules", "llm"]
    assert len(asked) == 1 and run.cached == 1 and run.documents == 2
    assert (run.prompt_tokens, run.completion_tokens, run.kept) == (10, 5, 2)
    assert run.dropped == {"evidence not found in the document": 2}
