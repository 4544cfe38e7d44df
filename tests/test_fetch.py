"""Fetching URLs: address checks on every hop, limits, errors; a real local server for the happy path."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from localserver import serve
from redline.errors import BlockedAddress, FetchError, UnreadableInput
from redline.ingest.fetch import (
    USER_AGENT,
    FetchedPage,
    blocked_reason,
    document_from_page,
    fetch_url,
    url_doc_id,
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Veldoria closes border crossings to freight</title>
<meta property="article:published_time" content="2024-04-18T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Veldoria closes border crossings to freight</h1>
<p>The government of Veldoria said on Thursday that it would close its northern border crossings to
freight from Kestrany for two weeks, after a quarrel over fishing rights on the shared lake.</p>
<p>The foreign minister told reporters that the closure was temporary and that talks could resume as
soon as the crews of three seized trawlers were released by the authorities in Kestrany.</p>
<p>Officials in Kestrany said the boats had entered their waters without permits and that a court
would decide what happens to the crews. They offered to discuss a joint patrol of the lake.</p>
</article>
<footer>All rights reserved.</footer>
</body></html>
"""


class Handler(BaseHTTPRequestHandler):
    """A few pages, redirects and failures, served from 127.0.0.1."""

    user_agents: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/news/border-closed.html":
            self._send(200, ARTICLE_HTML.encode("utf-8"), "text/html; charset=utf-8")
        elif self.path == "/old-link":
            self._send(301, b"", "text/plain", {"Location": "/news/border-closed.html"})
        elif self.path.startswith("/loop"):
            n = int(self.path.removeprefix("/loop") or 0)
            self._send(302, b"", "text/plain", {"Location": f"/loop{n + 1}"})
        elif self.path == "/big":
            self._send(200, b"x" * 5000, "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(Handler) as url:
        yield url


# --- against a real local server --------------------------------------------------------------


def test_local_page_is_fetched_with_allow_private(server: str) -> None:
    page = fetch_url(f"{server}/news/border-closed.html", allow_private=True)
    assert page.status == 200
    assert page.media_type == "text/html" and page.encoding == "utf-8"
    assert b"northern border crossings" in page.content
    assert Handler.user_agents[-1] == USER_AGENT


def test_local_page_is_refused_without_allow_private(server: str) -> None:
    with pytest.raises(BlockedAddress, match="--allow-private") as caught:
        fetch_url(f"{server}/news/border-closed.html")
    assert "loopback" in str(caught.value)


def test_a_name_that_resolves_to_loopback_is_refused(server: str) -> None:
    # "localhost" is resolved for real (from /etc/hosts, no network) and every address checked.
    url = server.replace("127.0.0.1", "localhost") + "/news/border-closed.html"
    with pytest.raises(BlockedAddress, match="localhost is a loopback address"):
        fetch_url(url)


def test_redirect_is_followed_and_the_final_url_kept(server: str) -> None:
    page = fetch_url(f"{server}/old-link", allow_private=True)
    assert page.url == f"{server}/news/border-closed.html"


def test_too_many_redirects(server: str) -> None:
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_url(f"{server}/loop", allow_private=True)


def test_http_error_and_size_limit(server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(f"{server}/missing", allow_private=True)
    with pytest.raises(FetchError, match="REDLINE_MAX_BYTES"):
        fetch_url(f"{server}/big", allow_private=True, max_bytes=1000)


def test_document_from_a_served_page(server: str) -> None:
    doc = document_from_page(fetch_url(f"{server}/news/border-closed.html", allow_private=True))
    assert doc.id == "border-closed"
    assert doc.title == "Veldoria closes border crossings to freight"
    assert doc.published == date(2024, 4, 18)
    assert doc.url == f"{server}/news/border-closed.html"
    assert "seized trawlers" in doc.text
    assert "Home" not in doc.text and "All rights reserved" not in doc.text


def test_nothing_listens_is_a_fetch_error() -> None:
    probe = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = probe.server_address[1]
    probe.server_close()  # the port is free again, so the connection is refused
    with pytest.raises(FetchError, match="check the URL"):
        fetch_url(f"http://127.0.0.1:{port}/", allow_private=True, timeout=5)


# --- offline, through httpx.MockTransport and a fake resolver ---------------------------------

PUBLIC = "93.184.216.34"


def resolver(table: dict[str, list[str]]) -> Callable[[str, int], list[str]]:
    def resolve(host: str, port: int) -> list[str]:
        return table[host]
    return resolve


def mock(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.MockTransport:
    return httpx.MockTransport(handler)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "0.0.0.0", "224.0.0.1",
    "240.0.0.1", "100.64.0.1", "::1", "::", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1",
    "::ffff:10.0.0.1", "2002:c0a8:0101::1",
])
def test_non_public_addresses_are_blocked(address: str) -> None:
    import ipaddress

    assert blocked_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", [PUBLIC, "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_public_addresses_pass(address: str) -> None:
    import ipaddress

    assert blocked_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("url", [
    "http://10.0.0.5/", "http://[::1]:8080/x", "http://[::ffff:192.168.0.1]/", "http://169.254.169.254/latest",
])
def test_literal_private_urls_are_refused(url: str) -> None:
    def never(request: httpx.Request) -> httpx.Response:
        raise AssertionError("a blocked URL must not be requested")

    with pytest.raises(BlockedAddress, match="--allow-private"):
        fetch_url(url, transport=mock(never))


def test_a_hostname_is_blocked_when_any_of_its_addresses_is_private() -> None:
    resolve = resolver({"intranet.example": [PUBLIC, "192.168.7.7"]})
    with pytest.raises(BlockedAddress, match=r"intranet\.example is a private address"):
        fetch_url("http://intranet.example/", transport=mock(lambda r: httpx.Response(200)), resolve=resolve)


def test_request_goes_to_the_checked_address_with_the_hostname_kept() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        headers = {"Content-Type": "text/plain; charset=latin-1"}
        return httpx.Response(200, text="plain words", headers=headers)

    page = fetch_url("https://news.example/a?b=1", transport=mock(handler),
                     resolve=resolver({"news.example": [PUBLIC]}))
    [request] = seen
    assert request.url.host == PUBLIC and request.url.path == "/a" and request.url.query == b"b=1"
    assert request.headers["Host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"
    assert page.url == "https://news.example/a?b=1" and page.encoding == "latin-1"


def test_a_redirect_to_a_private_address_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://metadata.internal/secrets"})

    resolve = resolver({"news.example": [PUBLIC], "metadata.internal": ["169.254.169.254"]})
    with pytest.raises(BlockedAddress, match="link-local"):
        fetch_url("http://news.example/story", transport=mock(handler), resolve=resolve)


def test_relative_redirect_resolves_against_the_hostname() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return httpx.Response(200, text="here", headers={"Content-Type": "text/plain"})

    page = fetch_url("http://news.example/old", transport=mock(handler),
                     resolve=resolver({"news.example": [PUBLIC]}))
    assert page.url == "http://news.example/new"


@pytest.mark.parametrize(
    "url", ["ftp://news.example/a", "file:///etc/passwd", "http:///nohost", "news.example/a"]
)
def test_only_http_urls(url: str) -> None:
    with pytest.raises(FetchError, match="http"):
        fetch_url(url, transport=mock(lambda r: httpx.Response(200)))


def test_streamed_body_is_cut_off_past_the_limit() -> None:
    chunks_sent: list[int] = []

    def body() -> Iterator[bytes]:
        for _ in range(100):
            chunks_sent.append(1)
            yield b"y" * 1000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body(), headers={"Content-Type": "text/plain"})

    with pytest.raises(FetchError, match="larger than the limit of 5000"):
        fetch_url("http://news.example/", transport=mock(handler), max_bytes=5000,
                  resolve=resolver({"news.example": [PUBLIC]}))
    assert len(chunks_sent) < 100  # it stopped reading, it did not download everything


def test_declared_length_over_the_limit_is_refused_before_reading() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"z" * 10, headers={"Content-Length": "999999"})

    with pytest.raises(FetchError, match="999999 bytes"):
        fetch_url("http://news.example/", transport=mock(handler), max_bytes=100,
                  resolve=resolver({"news.example": [PUBLIC]}))


def test_timeout_is_a_fetch_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(FetchError, match="no answer within 3 s"):
        fetch_url("http://news.example/", transport=mock(handler), timeout=3,
                  resolve=resolver({"news.example": [PUBLIC]}))


def test_unresolvable_host_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="cannot resolve"):
        fetch_url("http://nowhere.example/", transport=mock(lambda r: httpx.Response(200)),
                  resolve=resolver({"nowhere.example": []}))


def test_url_doc_ids() -> None:
    assert url_doc_id("https://news.example/world/Border_Closed.html?x=1") == "border-closed"
    assert url_doc_id("https://news.example/") == "news-example"


def test_plain_text_page_becomes_a_document() -> None:
    text = ("Lake talks resume\n\nNegotiators from the two countries met on the shore of the lake on Monday "
            "and agreed that the crews would be released before the end of the week.")
    page = FetchedPage(url="http://news.example/talks.txt", status=200,
                       content_type="text/plain; charset=utf-8", content=text.encode("utf-8"),
                       encoding="utf-8")
    doc = document_from_page(page)
    assert doc.id == "talks" and doc.title == "Lake talks resume" and doc.source == "news.example"
    assert doc.text.startswith("Lake talks resume")


def test_a_non_article_page_is_unreadable() -> None:
    page = FetchedPage(url="http://news.example/photo", status=200, content_type="image/png",
                       content=b"\x89PNG....")
    with pytest.raises(UnreadableInput, match="image/png"):
        document_from_page(page)


def test_ipv6_address_is_pinned_in_brackets() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok", headers={"Content-Type": "text/plain"})

    fetch_url("http://v6.example:8080/p", transport=mock(handler),
              resolve=resolver({"v6.example": ["2606:4700:4700::1111"]}))
    assert str(seen[0].url) == "http://[2606:4700:4700::1111]:8080/p"
    assert seen[0].headers["Host"] == "v6.example:8080"


def test_a_bad_redirect_location_is_a_fetch_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://host:port/"})

    with pytest.raises(FetchError, match="location header"):
        fetch_url("http://news.example/", transport=mock(handler),
                  resolve=resolver({"news.example": [PUBLIC]}))


def test_many_fetches_share_one_tls_context() -> None:
    # Found by tests/test_fault_watch.py: every fetch built a new TLS context (reading the CA bundle,
    # ~0.2 s on a busy core), so a poll of a 10k-item feed took over half an hour before it fetched a byte.
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404)

    started = time.monotonic()
    for i in range(200):
        with pytest.raises(FetchError, match="HTTP 404"):
            fetch_url(f"http://news.example/{i}", transport=mock(handler), resolve=resolver({"news.example": [PUBLIC]}))
    assert time.monotonic() - started < 10  # 200 new TLS contexts took ~38 s
