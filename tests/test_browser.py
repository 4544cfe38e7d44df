"""The workbench in a real headless browser: Debian's Chromium driven by Playwright, against `redline serve`.

The server is the real command, started on loopback by a fixture (``scripts/screenshots.py``'s helpers).
Skipped, with the reason, when no ``chromium`` is on PATH (``make chromium`` installs it).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshots.py"
_spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
assert _spec and _spec.loader
shots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shots)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shots.chromium_path() is None, reason="no chromium on PATH: `make chromium` installs it"),
]

PAGES = ["/", "/lines", "/lines/1", "/stances", "/stances?group=NATO", "/stances/1/FRA", "/proposals", "/alerts",
         "/events", "/documents", "/documents/payload", "/documents/deployments", "/search?q=Velmora",
         "/escalation", "/escalation?actor=FRA&action=DEPLOY&target=VEL", "/docs"]


@pytest.fixture(scope="module")
def base(web_db: str) -> Iterator[str]:
    with shots.served(web_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = shots.launch(pw)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors, uncaught exceptions and dialogs in ``page.problems``."""
    context = browser.new_context()
    p = context.new_page()
    problems: list[str] = []
    p.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    p.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    p.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    p.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    p.problems = problems
    yield p
    context.close()


def test_every_page_renders_without_console_errors(base: str, page: Any) -> None:
    for path in PAGES:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.locator("body").inner_text().strip(), path
    assert page.problems == []


def test_the_graph_and_a_lines_timeline_are_drawn_by_plotly(base: str, page: Any) -> None:
    page.goto(base + "/escalation")
    page.wait_for_selector("#graph[data-ready=true] svg", timeout=15_000)
    assert page.evaluate("typeof window.Plotly") == "object"
    page.goto(base + "/lines/1")
    page.wait_for_selector("#timeline-chart[data-ready=true] svg", timeout=15_000)
    # one marker per statement: the line was stated twice and reprinted once
    assert page.locator("#timeline-chart .scatterlayer .point").count() == 3
    assert page.problems == []


def test_the_matrix_has_one_cell_per_actor_and_proposal(base: str, page: Any) -> None:
    data = page.request.get(base + "/api/stances/matrix").json()
    page.goto(base + "/stances")
    assert page.locator("#matrix td.cell").count() == len(data["cells"]) == 3
    cells = page.locator("#matrix td.cell").evaluate_all(
        "tds => tds.map(td => td.dataset.actor + '/' + td.dataset.proposal)")
    assert sorted(cells) == sorted(f"{c['actor']}/{c['proposal_id']}" for c in data["cells"])
    assert page.locator("#matrix td.cell.shifted").count() == 1
    page.locator("#matrix td.cell.shifted a").click()
    page.wait_for_url("**/stances/1/FRA")
    assert "open → oppose" in page.locator("main").inner_text()


def test_clicking_a_highlight_shows_its_item(base: str, page: Any) -> None:
    page.goto(base + "/documents/deployments")
    items = page.locator("#items li.item")
    assert items.count() >= 2 and items.first.is_visible()
    mark = page.locator("#doc-text mark.k-event").first
    wanted = mark.get_attribute("data-items").split()
    mark.click()
    for item_id in wanted:
        assert page.locator(f"#{item_id}").is_visible()
    visible = [i for i in range(items.count()) if items.nth(i).is_visible()]
    assert len(visible) == len(wanted) < items.count()
    assert "alert #" in page.locator(f"#{wanted[0]}").inner_text() or wanted[0].startswith("actor")
    page.get_by_role("button", name="show all").click()
    assert all(items.nth(i).is_visible() for i in range(items.count()))


def test_payloads_in_an_article_are_text_and_run_nothing(base: str, page: Any) -> None:
    page.goto(base + "/documents/payload")
    page.wait_for_load_state("networkidle")
    text = page.locator("#doc-text").inner_text()
    assert '<script>window.__pwned = "script";</script>' in text
    assert "onerror=\"window.__pwned = 'img'\"" in text
    assert page.locator("#doc-text script, #doc-text img, h1 b").count() == 0
    page.locator("h1").hover()
    assert page.locator("a[href^='javascript:']").count() == 0
    page.locator("#doc-text mark.k-stance").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.problems == []
