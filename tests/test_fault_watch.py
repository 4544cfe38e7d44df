"""`watch` over a feed that misbehaves (served on loopback): it keeps running, says one line per failure,
stores every good article once, and after a restart resumes without storing anything twice.
"""

from __future__ import annotations

import contextlib
import gzip
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from localserver import serve
from redline import service
from redline.cli import app

ARTICLES = {
    "alpha": "Officials in Oslo said on Monday that the talks on fishing rights in the northern sea would resume "
             "next week, after the crews of two trawlers were released.",
    "bravo": "The government of Chile announced on Tuesday that it would open two new border crossings for "
             "trucks carrying food, the transport minister said.",
    "charlie": "Ministers from Kenya and Tanzania agreed on Wednesday to build a new railway line between their "
               "capitals, a spokesman for the Kenyan government said.",
}
GERMAN = ("Die Regierung hat am Montag angekündigt, dass die Gespräche über die Fischereirechte in der nächsten "
          "Woche fortgesetzt werden, sagte ein Sprecher des Ministeriums.")
# Links that fail, one way each.
BROKEN = ("/error", "/endless", "/bomb", "/pdf", "/loop", "/german", "/closed")
CLOSED = "http://127.0.0.1:9/closed"  # the discard port: nothing listens there on loopback


def html(text: str) -> bytes:
    return f"<html><head><title>{text[:30]}</title></head><body><article><p>{text}</p></article></body></html>".encode()


class Feed(BaseHTTPRequestHandler):
    """A feed whose items change from poll to poll; ``state`` says what it holds now."""

    state: ClassVar[dict[str, object]] = {"items": [], "down": False}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client hung up on a bomb
            self.wfile.write(body)

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        if path == "/feed":
            if Feed.state["down"]:
                self._send(503, b"maintenance", "text/plain")
                return
            links = [CLOSED if p == "/closed" else base + p for p in Feed.state["items"]]  # type: ignore[attr-defined]
            items = "".join(f"<item><title>t</title><link>{escape(link)}</link></item>" for link in links)
            self._send(200, f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode(),
                       "application/rss+xml")
        elif path.removeprefix("/a/") in ARTICLES:
            self._send(200, html(ARTICLES[path.removeprefix("/a/")]), "text/html; charset=utf-8")
        elif path == "/error":
            self._send(500, b"oops", "text/plain")
        elif path == "/endless":
            self._send(200, b"<p>" + b"z" * 300_000 + b"</p>", "text/html")
        elif path == "/bomb":
            self._send(200, gzip.compress(b"\0" * 20_000_000), "text/html", {"Content-Encoding": "gzip"})
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path.startswith("/loop"):
            self._send(302, b"", "text/plain", {"Location": f"/loop{len(path)}"})
        elif path == "/german":
            self._send(200, html(GERMAN), "text/html; charset=utf-8")
        elif path.startswith("/n/"):
            self._send(404, b"gone", "text/plain")
        else:
            self._send(404, b"", "text/plain")


@pytest.fixture
def feed() -> Iterator[str]:
    Feed.state.update(items=[], down=False)
    with serve(Feed) as url:
        yield url


def settings(tmp_path: Path) -> service.Settings:
    return service.Settings(db=str(tmp_path / "kb.db"), max_bytes=100_000)


def stored_ids(s: service.Settings) -> list[str]:
    return sorted(h["doc_id"] for h in service.search(s, "said", limit=100) if h["kind"] == "document")


def test_watch_keeps_running_through_every_failure_and_resumes_after_a_restart(feed: str, tmp_path: Path) -> None:
    s = settings(tmp_path)
    polls: list[service.IngestSummary] = []
    # Poll 1: one article and every broken link. Poll 2: the feed changed. Poll 3: the feed is down.
    # Poll 4: back, with a new article.
    plan = [
        {"items": ["/a/alpha", *BROKEN], "down": False},
        {"items": ["/a/bravo", "/a/alpha", "/error"], "down": False},
        {"items": [], "down": True},
        {"items": ["/a/charlie", "/a/bravo"], "down": False},
    ]
    Feed.state.update(plan[0])

    def sleep(_seconds: float) -> None:
        if len(polls) == len(plan):
            raise KeyboardInterrupt
        Feed.state.update(plan[len(polls)])

    run = service.watch(f"{feed}/feed", s, interval=1, allow_private=True, sleep=sleep,
                        on_poll=lambda n, x: polls.append(x))
    assert run.interrupted and run.polls == 4
    assert [p.stored for p in polls] == [1, 1, 0, 1]
    failures = [[src.rsplit("/", 1)[-1] for src, why in p.skipped if "already" not in why] for p in polls]
    assert failures[0] == ["error", "endless", "bomb", "pdf", "loop", "german", "closed"]
    assert failures[1] == []  # links already fetched in this run are not fetched again
    assert failures[2] == ["feed"] and "503" in polls[2].skipped[0][1]
    for p in polls:
        assert all(why.strip() for _, why in p.skipped)
    assert stored_ids(s) == ["alpha", "bravo", "charlie"]

    # A restart forgets which links it fetched: it fetches them again and stores nothing twice.
    Feed.state.update(items=["/a/charlie", "/a/bravo", "/a/alpha"], down=False)
    again = service.watch(f"{feed}/feed", s, once=True, allow_private=True)
    assert again.polls == 1 and again.stored == 0
    assert stored_ids(s) == ["alpha", "bravo", "charlie"]


def test_watch_prints_one_line_per_failure(feed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Feed.state.update(items=["/a/alpha", *BROKEN], down=False)
    monkeypatch.setenv("REDLINE_MAX_BYTES", "100000")
    result = CliRunner().invoke(app, ["watch", f"{feed}/feed", "--once", "--allow-private",
                                      "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == len(BROKEN)
    assert "1 poll(s), 1 document(s) stored" in result.output


@pytest.mark.slow
def test_a_feed_of_ten_thousand_items(feed: str, tmp_path: Path) -> None:
    """Every link is fetched once and fails fast (404); the poll finishes and the next one fetches nothing."""
    Feed.state.update(items=[f"/n/{i}" for i in range(10_000)], down=False)
    s = service.Settings(db=str(tmp_path / "kb.db"))  # the feed itself is 700 KB
    polls: list[service.IngestSummary] = []
    started = time.monotonic()

    def sleep(_seconds: float) -> None:
        if len(polls) == 2:
            raise KeyboardInterrupt

    service.watch(f"{feed}/feed", s, interval=1, allow_private=True, sleep=sleep,
                  on_poll=lambda n, x: polls.append(x))
    assert [len(p.skipped) for p in polls] == [10_000, 0]
    assert all("404" in why for _, why in polls[0].skipped)
    assert time.monotonic() - started < 240
