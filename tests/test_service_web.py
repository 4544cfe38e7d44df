"""The workbench's use cases (redline.service.web) through the one service surface."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from redline import service
from webkb import PAYLOAD


@pytest.fixture
def store(web_db: str) -> Iterator[Any]:
    store = service.open_store(service.Settings(db=web_db))
    yield store
    store.close()


def test_pages_carry_total_limit_and_offset(store: Any, web_db: str) -> None:
    page = service.lines_page(store, service.Settings(db=web_db), limit=1, offset=1)
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (2, 1, 1, 1)
    with pytest.raises(service.ConfigError, match="limit"):
        service.lines_page(store, service.Settings(db=web_db), limit=0)
    with pytest.raises(service.ConfigError, match="offset"):
        service.events_page(store, offset=-1)
    with pytest.raises(service.ConfigError, match="crossed or approaching"):
        service.alerts_page(store, status="maybe")


def test_group_filter_keeps_its_members(store: Any, web_db: str) -> None:
    nato = service.stances_page(store, service.Settings(db=web_db), group="nato")
    assert {c["actor"] for c in nato["items"]} == {"FRA", "LVA"}  # OST is no member
    matrix = service.stance_matrix(store, group="EU")
    assert matrix["group"] == "EU" and matrix["actors"] == ["FRA", "LVA"]
    assert len(matrix["cells"]) == len(matrix["actors"]) * len(matrix["proposals"])
    with pytest.raises(service.ConfigError, match="unknown actor group"):
        service.stances_page(store, service.Settings(db=web_db), group="FRA")


def test_stance_cell_and_its_absence(store: Any) -> None:
    cell = service.stance_cell(store, 1, "fra")
    assert cell["shift"] == "open → oppose" and cell["latest"]["evidence"]
    with pytest.raises(service.NotFound):
        service.stance_cell(store, 1, "USA")


def test_document_view_spans_are_the_text_at_their_offsets(store: Any) -> None:
    doc = service.document_view(store, "payload")
    kinds = {s["kind"] for s in doc["spans"]}
    assert {"stance", "actor"} <= kinds
    for s in doc["spans"]:
        assert doc["text"][s["start"] : s["end"]] == s["text"]
    latvia = next(m for m in doc["actors"] if m["text"] == "Latvia")
    assert latvia["codes"] == ["LVA"]
    assert any(s["text"] == PAYLOAD[1] and s["item"].startswith("stance-") for s in doc["spans"])
    events = service.document_view(store, "deployments")
    assert [s["kind"] for s in events["spans"] if s["kind"] == "event"] == ["event", "event"]


def test_overview_and_search(store: Any) -> None:
    data = service.overview(store)
    assert data["counts"]["alerts"] == 2 and len(data["alerts"]) == 2
    assert data["most_restated"][0]["statement_count"] == 2
    hits = service.search_page(store, "Velmora troops", limit=2)
    assert hits["total"] >= len(hits["items"]) and len(hits["items"]) <= 2
    assert service.search_page(store, "   ")["total"] == 0


def test_graph_data_is_the_cli_graph(store: Any, web_db: str) -> None:
    import json

    settings = service.Settings(db=web_db)
    assert service.graph_data(store) == json.loads(service.graph(settings, "json"))


def test_whatif_cascade_with_codes_is_the_cli_whatif(store: Any, web_db: str) -> None:
    settings = service.Settings(db=web_db)
    got = service.whatif_cascade(store, settings, actor="FRA", action="DEPLOY", targets=("VEL",))
    assert got == service.whatif(settings, actor="FRA", action="DEPLOY", targets=("VEL",))
    assert got[0]["redline"]["id"] == 1
    with pytest.raises(service.ConfigError, match="say what happens"):
        service.whatif_cascade(store, settings, actor="FRA")
    with pytest.raises(service.ConfigError, match="unknown action class"):
        service.whatif_cascade(store, settings, actor="FRA", action="FLY")
    with pytest.raises(service.ConfigError, match="depth"):
        service.whatif_cascade(store, settings, actor="FRA", action="DEPLOY", depth=0)


def test_the_lines_what_if_reads_are_read_again_after_a_new_statement(tmp_path: Any) -> None:
    from builders import story

    settings = service.Settings(db=str(tmp_path / "kb.db"))
    store = service.open_store(settings)
    try:
        service.store_extractions(story()[:1], store, service.IngestSummary())
        assert [n["redline"]["id"] for n in service.whatif_cascade(store, settings, actor="EU", action="SANCTION",
                                                                    targets=("OST",))] == []
        service.store_extractions(story()[3:], store, service.IngestSummary())
        assert service.whatif_cascade(store, settings, actor="EU", action="SANCTION", targets=("OST",))
    finally:
        store.close()


def test_a_private_url_is_refused_with_the_reason(tmp_path: Any) -> None:
    settings = service.Settings(db=str(tmp_path / "kb.db"))
    with pytest.raises(service.InputError, match="allow-private"):
        service.ingest_url(settings, "http://127.0.0.1:9/article")
    with pytest.raises(service.ConfigError, match="not an http"):
        service.ingest_url(settings, "file:///etc/passwd")


def test_warm_up_loads_the_registry_and_the_outlet_list() -> None:
    from redline.actors import load_registry
    from redline.sources import load_sources

    load_registry.cache_clear()
    load_sources.cache_clear()
    service.warm_up(service.Settings())
    # loaded now, so the first request does not load them
    assert load_registry.cache_info().currsize == 1 and load_sources.cache_info().currsize == 1
