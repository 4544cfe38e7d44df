"""Pages of the knowledge base (redline.store.browse): filters, windows and totals, on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from redline import service
from redline.errors import NotFound
from redline.store import Store, browse, queries
from webkb import PAYLOAD, build


@pytest.fixture
def store(kb_db: str) -> Store:
    build(kb_db)
    return service.open_store(service.Settings(db=kb_db))


def test_lines_page_filters_and_totals(store: Store) -> None:
    total, items = browse.lines_page(store)
    assert total == 2 and items == queries.lines(store)
    assert browse.lines_page(store, party="VEL")[0] == 1
    assert browse.lines_page(store, party="vel")[1][0]["trigger"]["targets"] == ["VEL"]
    assert browse.lines_page(store, action="sanction")[1][0]["consequence"]["text"] == "cut gas supplies"
    assert browse.lines_page(store, text_="GAS SUPPLIES")[0] == 1
    assert browse.lines_page(store, text_="100%_")[0] == 0  # LIKE wildcards are text
    assert browse.lines_page(store, holder="OST", since=date(2031, 3, 15))[0] == 1
    assert browse.lines_page(store, until=date(2031, 3, 1))[0] == 0
    assert browse.lines_page(store, party="NOT A CODE;")[0] == 0
    store.close()


def test_windows_of_a_page_partition_it(store: Store) -> None:
    first = browse.lines_page(store, limit=1)
    second = browse.lines_page(store, limit=1, offset=1)
    past = browse.lines_page(store, limit=1, offset=5)
    assert first[0] == second[0] == past[0] == 2 and past[1] == []
    assert [x["id"] for x in first[1] + second[1]] == [x["id"] for x in browse.lines_page(store)[1]]
    store.close()


def test_cells_page_is_the_cli_matrix_and_filters_actors(store: Store) -> None:
    total, cells = browse.cells_page(store, limit=200)
    assert cells == queries.stances(store, limit=200) and total == len(cells) == 3
    total, cells = browse.cells_page(store, actors={"FRA", "LVA"}, with_latest=False)
    assert total == 2 and {c["actor"] for c in cells} == {"FRA", "LVA"} and all(c["latest"] is None for c in cells)
    assert browse.cells_page(store, actors=set()) == (0, [])
    assert browse.cells_page(store, limit=1, offset=1)[0] == 3
    light, texts = browse.matrix_cells(store)
    assert [(c["actor"], c["proposal_id"], c["shift"]) for c in light] == [
        (c["actor"], c["proposal_id"], c["shift"]) for c in queries.stances(store)]
    assert texts == {c["proposal_id"]: c["proposal"] for c in queries.stances(store)}
    assert [c["actor"] for c in browse.matrix_cells(store, actors={"OST"})[0]] == ["OST"]
    assert browse.matrix_cells(store, proposal="nothing like this at all") == ([], {})
    store.close()


def test_alerts_events_documents(store: Store) -> None:
    total, alerts = browse.alerts_page(store, limit=1)
    assert total == 2 and len(alerts) == 1
    assert browse.alerts_page(store, status="crossed")[1][0]["event"]["actors"] == ["FRA"]
    total, events = browse.events_page(store, actor="FRA")
    assert total == 1 and events[0]["alerts"] and events[0]["date"] == "2031-03-21"
    assert browse.events_page(store, status="considered")[1][0]["actors"] == ["NOR"]
    assert browse.events_page(store, since=date(2031, 3, 22))[0] == 1
    total, docs = browse.documents_page(store)
    assert total == 6 and docs[0]["doc_id"] == "payload"
    copy = next(d for d in docs if d["doc_id"] == "ostravia-warns-reprint")
    assert copy["duplicate_of"] == "ostravia-warns" and copy["redlines"] == 1 and copy["stances"] == 1
    assert browse.documents_page(store, text_="gas")[1][0]["doc_id"] == "ostravia-gas"
    store.close()


def test_document_has_its_text_and_every_item_with_its_span(store: Store) -> None:
    doc = browse.document(store, "payload")
    assert doc["text"].startswith(PAYLOAD[0]) and doc["stances"][0]["actor"] == "LVA"
    doc = browse.document(store, "deployments")
    assert len(doc["events"]) == 2 and doc["events"][0]["alerts"]
    for item in doc["events"] + doc["redlines"] + doc["stances"]:
        for e in item["evidence"]:
            assert doc["text"][e["span"][0] : e["span"][1]] == e["text"]
    with pytest.raises(NotFound):
        browse.document(store, "nothing-here")
    store.close()


def test_search_total_week_and_totals(store: Store) -> None:
    assert browse.search_total(store, ["Velmora"]) >= len(queries.search(store, "Velmora", limit=3)) > 0
    assert browse.search_total(store, []) == 0
    week = browse.week(store)
    assert (week["start"], week["end"]) == ("2031-03-17", "2031-03-23")
    assert [line["trigger"]["action"] for line in week["new_lines"]] == ["SANCTION"]
    assert week["alerts"] == 2 and week["shifts"][0]["shift"] == "open → oppose"
    assert browse.most_restated(store, 1)[0]["statement_count"] == 2
    assert browse.lines_version(store) == (9, 2)  # 9 statements (the story, its copy, the payload), 2 lines
    totals = browse.totals(store)
    assert totals["documents"] == 6 and totals["events"] == 2 and totals["alerts"] == 2
    store.close()


def test_an_empty_knowledge_base_has_no_week(kb_db: str) -> None:
    with service.open_store(service.Settings(db=kb_db)) as store:
        assert browse.week(store)["end"] is None
        assert browse.lines_page(store) == (0, [])
