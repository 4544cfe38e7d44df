"""The JSON API (redline.web.api) in-process: every endpoint, its filters and pages, 404s, and the CLI's --json."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from asgi import call, get
from redline import service
from redline.cli import app as cli
from redline.web import create_app

PAGES = ["/api/lines", "/api/stances", "/api/proposals", "/api/alerts", "/api/events", "/api/documents",
         "/api/search?q=Velmora"]


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", PAGES)
def test_list_endpoints_are_pages(web_app: Any, path: str) -> None:
    data = get(web_app, path).json()
    assert set(data) == {"total", "limit", "offset", "items"} and data["offset"] == 0
    assert data["total"] >= len(data["items"]) > 0


@pytest.mark.parametrize("path", ["/api/lines", "/api/documents", "/api/events", "/api/alerts"])
def test_pagination_walks_every_item_once(web_app: Any, path: str) -> None:
    everything = get(web_app, path).json()
    seen: list[Any] = []
    for offset in range(everything["total"]):
        page = get(web_app, f"{path}?limit=1&offset={offset}").json()
        assert page["total"] == everything["total"] and page["limit"] == 1
        seen.extend(page["items"])
    assert seen == everything["items"]
    assert get(web_app, f"{path}?limit=1&offset={everything['total']}").json()["items"] == []
    assert get(web_app, f"{path}?limit=0").status_code == 422


def test_line_filters(web_app: Any) -> None:
    def ids(query: str) -> list[int]:
        return [x["id"] for x in get(web_app, "/api/lines?" + query).json()["items"]]

    assert ids("holder=OST") == [2, 1]
    assert ids("holder=FRA") == []
    assert ids("party=VEL") == [1] and ids("party=EU") == [2]
    assert ids("action=SANCTION") == [2]
    assert ids("since=2031-03-15") == [2] and ids("until=2031-03-05") == [1]
    assert ids("text=declaration") == [1]


def test_other_filters(web_app: Any) -> None:
    assert get(web_app, "/api/alerts?status=crossed").json()["total"] == 1
    assert get(web_app, "/api/alerts?status=maybe").status_code == 400
    assert get(web_app, "/api/alerts?since=2031-04-01").json()["total"] == 0
    assert [e["actors"] for e in get(web_app, "/api/events?actor=NOR").json()["items"]] == [["NOR"]]
    assert get(web_app, "/api/events?action=ATTACK").json()["total"] == 0
    assert {c["actor"] for c in get(web_app, "/api/stances?group=NATO").json()["items"]} == {"FRA", "LVA"}
    assert get(web_app, "/api/stances?actor=OST").json()["total"] == 1
    assert get(web_app, "/api/stances?group=XYZ").status_code == 400
    assert get(web_app, "/api/documents?text=gas").json()["items"][0]["doc_id"] == "ostravia-gas"
    assert get(web_app, "/api/proposals?text=nothing-like-it").json()["total"] == 0


def test_the_json_is_the_clis(web_app: Any, web_db: str) -> None:
    db = ("--db", web_db)
    assert get(web_app, "/api/lines?limit=100").json()["items"] == cli_json("lines", "--limit", "100", *db)
    assert get(web_app, "/api/lines?holder=OST&since=2031-03-10").json()["items"] == cli_json(
        "lines", "--holder", "OST", "--since", "2031-03-10", *db)
    assert get(web_app, "/api/lines/1").json() == cli_json("show", "1", *db)
    assert get(web_app, "/api/stances").json()["items"] == cli_json("stances", *db)
    assert get(web_app, "/api/stances?actor=FRA").json()["items"] == cli_json("stances", "--actor", "FRA", *db)
    assert get(web_app, "/api/alerts").json()["items"] == cli_json("alerts", *db)
    assert get(web_app, "/api/proposals?limit=100").json()["items"] == cli_json("proposals", *db)
    assert get(web_app, "/api/search?q=troops").json()["items"] == cli_json("search", "troops", *db)
    assert get(web_app, "/api/whatif?actor=FRA&action=DEPLOY&target=VEL").json() == cli_json(
        "whatif", "--actor", "FRA", "--action", "DEPLOY", "--target", "VEL", *db)
    graph = CliRunner().invoke(cli, ["graph", "--format", "json", *db])
    assert get(web_app, "/api/graph").json() == json.loads(graph.stdout)


def test_one_document_has_its_text_and_spans(web_app: Any) -> None:
    doc = get(web_app, "/api/documents/deployments").json()
    assert doc["doc_id"] == "deployments" and len(doc["events"]) == 2
    for s in doc["spans"]:
        assert doc["text"][s["start"] : s["end"]] == s["text"]
    assert get(web_app, "/api/stances/1/FRA").json()["shift"] == "open → oppose"
    assert get(web_app, "/api/overview").json()["counts"]["documents"] == 6
    assert get(web_app, "/api/stances/matrix?group=EU").json()["actors"] == ["FRA", "LVA"]


@pytest.mark.parametrize("path", ["/api/lines/999", "/api/documents/no-such-article", "/api/stances/1/USA",
                                  "/api/stances/999/FRA"])
def test_missing_items_are_404(web_app: Any, path: str) -> None:
    response = get(web_app, path)
    assert response.status_code == 404 and response.json()["status"] == 404


def test_whatif_needs_an_action(web_app: Any) -> None:
    response = get(web_app, "/api/whatif?actor=FRA")
    assert response.status_code == 400 and "say what happens" in response.json()["error"]
    assert get(web_app, "/api/whatif?actor=FRA&action=FLY").status_code == 400
    assert get(web_app, "/api/whatif?actor=FRA&action=DEPLOY&depth=99").status_code == 422


def test_ingest_refuses_a_private_url_and_half_requests(web_app: Any) -> None:
    auth = {"authorization": "Bearer test-token"}
    response = call(web_app, "POST", "/api/ingest", json={"url": "http://127.0.0.1:9/x"}, headers=auth)
    assert response.status_code == 400 and "allow-private" in response.json()["error"]
    response = call(web_app, "POST", "/api/ingest", json={}, headers=auth)
    assert response.status_code == 400 and response.json()["error"] == "give either text or url"
    assert call(web_app, "POST", "/api/ingest", content=b"not json", headers=auth).status_code == 422


@pytest.mark.slow
def test_ingest_of_text_stores_it_once(tmp_path: Any) -> None:
    app = create_app(service.Settings(db=str(tmp_path / "kb.db")), token="t")
    auth = {"authorization": "Bearer t"}
    body = {"text": "Ostravia said on Monday that it would strike any NATO troops sent to Velmora.\n\n"
                    "The ministry repeated the warning later.", "id": "posted", "title": "Posted",
            "published": "2025-05-01"}
    try:
        first = call(app, "POST", "/api/ingest", json=body, headers=auth)
        assert first.status_code == 200 and first.json()["stored"] == 1
        again = call(app, "POST", "/api/ingest", json=body, headers=auth).json()
        assert again["stored"] == 0 and "already" in again["skipped"][0]["reason"]
        doc = get(app, "/api/documents/posted").json()
        assert doc["title"] == "Posted" and doc["published"] == "2025-05-01"
    finally:
        app.state.store.close()


@pytest.mark.slow
def test_whatif_reads_an_action_typed_as_text_as_the_cli_does(web_app: Any, web_db: str) -> None:
    said = "France deploys troops to Velmora"
    assert get(web_app, "/api/whatif", params={"text": said}).json() == cli_json("whatif", said, "--db", web_db)
    response = get(web_app, "/api/whatif", params={"text": "nothing happens here"})
    assert response.status_code == 400 and "could not find" in response.json()["error"]
