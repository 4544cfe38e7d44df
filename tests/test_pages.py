"""The dashboard's pages (redline.web.pages) in-process: each renders, links its JSON twin, escapes article text."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from asgi import HTML, get
from redline import service
from redline.web import create_app
from webkb import PAYLOAD_TITLE, build, undated, workbench

PAGES = ["/", "/lines", "/lines?holder=OST&since=2031-03-01", "/lines/1", "/stances", "/stances?group=NATO",
         "/stances/1/FRA", "/proposals", "/alerts", "/alerts?status=crossed", "/events", "/documents",
         "/documents/payload", "/documents/deployments", "/search?q=Velmora", "/search", "/escalation",
         "/escalation?actor=FRA&action=DEPLOY&target=VEL", "/docs"]


def twin_of(html: str) -> str:
    found = re.search(r'<a href="([^"]+)" class="json-twin">', html)
    assert found, "the page links no JSON twin"
    return unescape(found.group(1))


@pytest.mark.parametrize("path", PAGES)
def test_each_page_renders_and_links_its_json_twin(web_app: Any, path: str) -> None:
    page = get(web_app, path, headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    twin = get(web_app, twin_of(page.text))
    assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json")


def test_article_text_and_metadata_are_escaped(web_app: Any) -> None:
    for path in ("/documents/payload", "/documents", "/search?q=Ostrava", "/stances/1/LVA"):
        html = get(web_app, path, headers=HTML).text
        assert "<script>window" not in html and "<img" not in html and "<b onmouseover" not in html
        assert "<i>Outlet</i>" not in html
    html = get(web_app, "/documents/payload", headers=HTML).text
    assert "&lt;script&gt;window.__pwned" in html and "&lt;img src=x onerror=" in html
    assert 'href="javascript:' not in html.lower() and "javascript:window.__pwned" in html  # shown, not linked
    assert unescape(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)) == PAYLOAD_TITLE  # type: ignore[union-attr]


def test_the_document_view_highlights_every_item(web_app: Any) -> None:
    doc = get(web_app, "/api/documents/deployments").json()
    html = get(web_app, "/documents/deployments", headers=HTML).text
    marked = set(" ".join(re.findall(r'data-items="([^"]*)"', html)).split())
    assert marked == {s["item"] for s in doc["spans"]}
    for item in marked:
        assert f'id="{item}"' in html  # each highlight's item is listed in the panel
    assert 'class="hl k-event' in html and 'id="legend"' in html


def test_the_matrix_has_one_cell_per_actor_and_proposal_stated(web_app: Any) -> None:
    data = get(web_app, "/api/stances/matrix").json()
    html = get(web_app, "/stances", headers=HTML).text
    cells = re.findall(r'<td class="cell pos (\w+)( shifted)?" data-actor="(\w+)" data-proposal="(\d+)"', html)
    assert sorted((a, int(p)) for _, _, a, p in cells) == sorted((c["actor"], c["proposal_id"])
                                                                 for c in data["cells"])
    assert [a for _, shifted, a, _ in cells if shifted] == ["FRA"]
    html = get(web_app, "/stances?group=NATO", headers=HTML).text
    assert 'data-actor="OST"' not in html and 'data-actor="FRA"' in html


def test_the_line_page_shows_its_timeline_and_evidence(web_app: Any) -> None:
    line = get(web_app, "/api/lines/1").json()
    html = get(web_app, "/lines/1", headers=HTML).text
    for s in line["statements"]:
        assert f'href="/documents/{s["doc_id"]}"' in html
        for e in s["evidence"]:
            assert f'#at-{e["span"][0]}' in html
    assert "Example Wire" in html and "copy of ostravia-warns" in html


def test_alerts_show_both_sentences_side_by_side(web_app: Any) -> None:
    html = get(web_app, "/alerts?status=crossed", headers=HTML).text
    assert 'class="pair"' in html and "France sent an infantry company" in html
    assert "any deployment of Western troops" in html


def test_whatif_form_shows_the_cascade(web_app: Any) -> None:
    html = get(web_app, "/escalation?actor=FRA&action=DEPLOY&target=VEL", headers=HTML).text
    assert 'id="whatif"' in html and 'href="/lines/1"' in html
    html = get(web_app, "/escalation?actor=FRA", headers=HTML)
    assert html.status_code == 400 and "say what happens" in html.text


def test_an_unknown_date_reads_undated_never_none(tmp_path: Path) -> None:
    app = create_app(service.Settings(db=build(str(tmp_path / "kb.db"), [*workbench(), undated()])), token="t")
    try:
        line = get(app, "/api/lines?holder=DAL").json()["items"][0]["id"]
        proposal = get(app, "/api/proposals?text=blockade").json()["items"][0]["id"]
        for path in [*PAGES, "/documents/undated", f"/lines/{line}", f"/stances/{proposal}/CHE"]:
            text = re.sub(r"<[^>]+>", " ", get(app, path, headers=HTML).text)
            assert not re.search(r"\bNone\b", text), path
        for path in (f"/lines/{line}", "/events", "/documents"):
            assert "undated" in get(app, path, headers=HTML).text, path
    finally:
        app.state.store.close()


@pytest.mark.parametrize("path", ["/lines", "/alerts", "/events", "/documents"])
def test_every_list_page_links_its_next_and_previous_windows(web_app: Any, path: str) -> None:
    first = get(web_app, f"{path}?limit=1", headers=HTML).text
    assert 'href="?limit=1&amp;offset=1">next →' in first and "← previous" not in first
    second = get(web_app, f"{path}?limit=1&offset=1", headers=HTML).text
    assert 'href="?limit=1">← previous' in second and second != first


def test_the_proposals_page_has_a_pager_too(web_app: Any) -> None:
    html = get(web_app, "/proposals?limit=1", headers=HTML).text
    total = get(web_app, "/api/proposals").json()["total"]
    assert f'<p class="pager">1–1 of {total}' in html and ("next →" in html) == (total > 1)
