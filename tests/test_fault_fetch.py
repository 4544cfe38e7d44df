"""A misbehaving network, served for real on loopback: private redirects, slow and endless bodies, bombs.

A "public" address (``PUBLIC``) is routed by the test's transport to the local server, so the address
checks run as they would for a server on the internet while every byte stays on 127.0.0.1.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from localserver import serve
from redline.errors import BlockedAddress, FetchError, UnreadableInput
from redline.ingest.fetch import document_from_page, fetch_url, resolve_host

PUBLIC = "93.184.216.34"
ARTICLE = (b"<html><head><title>Border talks resume</title></head><body><article><p>Negotiators from the two "
           b"countries met on the shore of the lake on Monday and agreed that the crews of the three trawlers "
           b"would be released before the end of the week, officials said.</p></article></body></html>")


@functools.cache
def bomb() -> bytes:
    """100 MB of zeros in about 100 KB of gzip."""
    return gzip.compress(b"\0" * 100_000_000, compresslevel=9)


class Hostile(BaseHTTPRequestHandler):
    """Pages that misbehave in one way each."""

    paths: ClassVar[list[str]] = []
    sent: ClassVar[dict[str, int]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()

    def _stream(self, name: str, chunks: Iterator[bytes]) -> None:
        Hostile.sent[name] = 0
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                Hostile.sent[name] += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up: what we want it to do

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        Hostile.paths.append(url.path)
        query = parse_qs(url.query)
        if url.path == "/article":
            self._head(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(ARTICLE))})
            self.wfile.write(ARTICLE)
        elif url.path == "/gzip-article":
            body = gzip.compress(ARTICLE)
            self._head(200, {"Content-Type": "text/html", "Content-Encoding": "gzip", "Content-Length": str(len(body))})
            self.wfile.write(body)
        elif url.path == "/deflate-article":  # raw deflate, as some servers send it
            squeeze = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
            body = squeeze.compress(ARTICLE) + squeeze.flush()
            self._head(200, {"Content-Type": "text/html", "Content-Encoding": "deflate",
                             "Content-Length": str(len(body))})
            self.wfile.write(body)
        elif url.path == "/redirect":
            self._head(302, {"Location": query["to"][0], "Content-Length": "0"})
        elif url.path == "/slow":
            time.sleep(float(query.get("s", ["2"])[0]))
            self._head(200, {"Content-Type": "text/plain", "Content-Length": "2"})
            self.wfile.write(b"ok")
        elif url.path == "/drip":  # a byte every 0.1 s: each read is quick, the whole never ends
            self._head(200, {"Content-Type": "text/plain"})
            self._stream("drip", (time.sleep(0.1) or b"x" for _ in range(600)))
        elif url.path == "/endless":  # no length, 64 KB after 64 KB, up to 1 GB
            self._head(200, {"Content-Type": "text/html"})
            self._stream("endless", (b"<p>" + b"y" * 65_530 + b"</p>" for _ in range(16_000)))
        elif url.path == "/bomb":
            self._head(200, {"Content-Type": "text/html", "Content-Encoding": "gzip",
                             "Content-Length": str(len(bomb()))})
            self._stream("bomb", iter([bomb()]))
        elif url.path == "/brotli":
            self._head(200, {"Content-Type": "text/html", "Content-Encoding": "br", "Content-Length": "4"})
            self.wfile.write(b"\x0b\x02\x80x")
        elif url.path == "/type":
            body = b"%PDF-1.7 not an article" if "pdf" in query["t"][0] else b"\x89PNG\r\n\x1a\n...."
            self._head(200, {"Content-Type": query["t"][0], "Content-Length": str(len(body))})
            self.wfile.write(body)
        else:
            self._head(404, {"Content-Length": "0"})


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(Hostile) as url:
        yield url


class PublicToLoopback(httpx.HTTPTransport):
    """Connections to PUBLIC go to the local server (the request keeps its Host header)."""

    def __init__(self, server: str) -> None:
        super().__init__()
        self.port = int(server.rsplit(":", 1)[1])

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == PUBLIC:
            request.url = request.url.copy_with(host="127.0.0.1", port=self.port)
        return super().handle_request(request)


NAMES = {"news.example": [PUBLIC], "internal.example": ["127.0.0.1"], "dual.example": [PUBLIC, "10.0.0.7"],
         "metadata.example": ["169.254.169.254"]}


def resolve(host: str, port: int) -> list[str]:
    """The test's DNS: names that resolve to loopback or private addresses, else the real resolver."""
    return NAMES[host] if host in NAMES else resolve_host(host, port)


def fetch(server: str, path: str, **kwargs: object) -> bytes:
    page = fetch_url(f"http://news.example{path}", transport=PublicToLoopback(server), resolve=resolve,
                     **kwargs)  # type: ignore[arg-type]
    return page.content


def test_the_public_route_works(server: str) -> None:
    assert fetch(server, "/article") == ARTICLE


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/secret", "http://internal.example:{port}/secret", "http://dual.example/secret",
    "http://metadata.example/latest/meta-data/", "http://10.0.0.1/secret", "http://[::1]:{port}/secret",
    "http://[::ffff:127.0.0.1]:{port}/secret", "http://2130706433:{port}/secret", "http://0x7f.1:{port}/secret",
    "http://0177.0.0.1:{port}/secret", "http://localhost:{port}/secret", "http://0.0.0.0:{port}/secret",
])
def test_every_redirect_hop_to_a_private_address_is_refused(server: str, target: str) -> None:
    port = server.rsplit(":", 1)[1]
    location = target.format(port=port)
    Hostile.paths.clear()
    # Two public hops first: the check is on every hop, not only the first or the last.
    inner = httpx.URL("http://news.example/redirect", params={"to": location})
    with pytest.raises((BlockedAddress, FetchError)) as caught:
        fetch(server, "/redirect?" + httpx.QueryParams({"to": str(inner)}).__str__())
    assert "/secret" not in Hostile.paths and "/latest/meta-data/" not in Hostile.paths
    assert Hostile.paths == ["/redirect", "/redirect"]
    # Refused after resolving, or not even parsed as a URL (httpx rejects the octal "0177.0.0.1").
    assert any(why in str(caught.value) for why in ("refusing", "not a valid URL", "Invalid")), caught.value


def test_a_response_slower_than_the_timeout(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 0\.5 s"):
        fetch(server, "/slow?s=3", timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_a_body_sent_a_byte_at_a_time_hits_the_total_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="took too long"):
        fetch(server, "/drip", timeout=0.5)  # every byte within 0.5 s, the whole past 1.5 s
    assert time.monotonic() - started < 4


def test_an_endless_body_is_stopped_while_it_streams(server: str) -> None:
    with pytest.raises(FetchError, match="larger than the limit of 200000"):
        fetch(server, "/endless", max_bytes=200_000)
    time.sleep(0.3)  # let the server notice the hang-up
    assert Hostile.sent["endless"] < 20_000_000  # of 1 GB: what socket buffers held when we hung up


def test_a_gzip_bomb_is_stopped_at_the_limit_in_memory_too(server: str) -> None:
    bomb()  # made before memory is traced: the server's 100 MB of zeros are not the client's
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="larger than the limit of 1000000"):
            fetch(server, "/bomb", max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12_000_000, f"peak {peak:,} bytes while refusing a 100 MB bomb"


@pytest.mark.parametrize("path", ["/gzip-article", "/deflate-article"])
def test_compressed_pages_are_read(server: str, path: str) -> None:
    assert fetch(server, path) == ARTICLE


def test_an_encoding_we_cannot_bound_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="does not read"):
        fetch(server, "/brotli")


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/octet-stream",
                                          "application/json", "video/mp4"])
def test_non_html_content_types_are_skipped_with_a_reason(server: str, content_type: str) -> None:
    page = fetch_url(f"http://news.example/type?t={content_type}", transport=PublicToLoopback(server),
                     resolve=resolve)
    with pytest.raises(UnreadableInput) as caught:
        document_from_page(page)
    assert caught.value.reason


def test_many_hostile_fetches_at_once_leave_no_thread_behind(server: str) -> None:
    before = threading.active_count()
    errors: list[str] = []

    def one(path: str) -> None:
        try:
            fetch(server, path, timeout=0.5, max_bytes=100_000)
        except FetchError as e:
            errors.append(str(e))

    threads = [threading.Thread(target=one, args=(p,)) for p in ("/drip", "/endless", "/bomb", "/slow?s=2") * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert len(errors) == 8 and all(not t.is_alive() for t in threads)
    assert threading.active_count() <= before + 8  # the server's own handler threads may still be finishing
