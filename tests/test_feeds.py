"""RSS and Atom feeds: parsed from bytes we fetched, served from a local server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from localserver import serve
from redline.errors import BlockedAddress, UnreadableInput
from redline.ingest.feeds import FeedEntry, entries_from_page, is_feed, parse_feed, read_feed
from redline.ingest.fetch import FetchedPage

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Lake Region Wire</title><link>http://wire.example/</link><description>News</description>
<item>
  <title>Border crossings close to freight</title>
  <link>http://wire.example/news/border-closed.html</link>
  <guid isPermaLink="false">wire-1001</guid>
  <pubDate>Thu, 18 Apr 2024 09:30:00 GMT</pubDate>
  <description>&lt;p&gt;Veldoria shuts its &lt;b&gt;northern&lt;/b&gt; crossings.&lt;/p&gt;</description>
</item>
<item>
  <title>Talks on the lake resume</title>
  <link>/news/talks.html</link>
  <pubDate>Mon, 22 Apr 2024 23:10:00 -0300</pubDate>
</item>
<item><title>An item without a link</title></item>
</channel></rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root -->
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Lake Region Analysis</title>
  <id>urn:uuid:5a1c3e2e-0000-4000-8000-000000000001</id>
  <updated>2024-04-20T12:00:00Z</updated>
  <entry>
    <title>Why the lake matters</title>
    <link rel="alternate" href="http://analysis.example/why-the-lake-matters"/>
    <id>urn:uuid:5a1c3e2e-0000-4000-8000-000000000002</id>
    <updated>2024-04-20T12:00:00Z</updated>
    <summary>Fishing rights and an old treaty.</summary>
  </entry>
</feed>
"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        routes = {
            "/rss.xml": (RSS, "application/rss+xml"),
            "/atom": (ATOM, "text/xml; charset=utf-8"),
            "/page.html": (b"<html><body><p>Not a feed.</p></body></html>", "text/html"),
        }
        body, content_type = routes.get(self.path, (b"missing", "text/plain"))
        self.send_response(200 if self.path in routes else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(Handler) as url:
        yield url


def test_rss_feed_from_the_local_server(server: str) -> None:
    entries = read_feed(f"{server}/rss.xml", allow_private=True)
    assert entries == [
        FeedEntry(
            link="http://wire.example/news/border-closed.html",
            title="Border crossings close to freight",
            published=date(2024, 4, 18),
            summary="Veldoria shuts its northern crossings.",
            id="wire-1001",
        ),
        # A relative link resolves against the feed's URL; the date is taken in UTC.
        FeedEntry(link=f"{server}/news/talks.html", title="Talks on the lake resume",
                  published=date(2024, 4, 23)),
    ]


def test_atom_feed_from_the_local_server(server: str) -> None:
    [entry] = read_feed(f"{server}/atom", allow_private=True)
    assert entry.link == "http://analysis.example/why-the-lake-matters"
    assert entry.title == "Why the lake matters"
    assert entry.published == date(2024, 4, 20)
    assert entry.summary == "Fishing rights and an old treaty."


def test_feed_on_a_private_address_needs_allow_private(server: str) -> None:
    with pytest.raises(BlockedAddress, match="--allow-private"):
        read_feed(f"{server}/rss.xml")


def test_an_html_page_is_not_a_feed(server: str) -> None:
    with pytest.raises(UnreadableInput, match="not an RSS or Atom feed"):
        read_feed(f"{server}/page.html", allow_private=True)


def test_feed_from_a_local_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_bytes(ATOM)
    [entry] = read_feed(path)
    assert entry.title == "Why the lake matters"
    with pytest.raises(UnreadableInput, match="cannot read"):
        read_feed(tmp_path / "missing.xml")


def test_feed_through_a_mock_transport() -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, content=RSS, headers={"Content-Type": "application/rss+xml"})
    )
    entries = read_feed("http://10.0.0.8/rss", allow_private=True, transport=transport)
    assert [e.title for e in entries] == ["Border crossings close to freight", "Talks on the lake resume"]


def page(content: bytes, content_type: str) -> FetchedPage:
    return FetchedPage(url="http://wire.example/x", status=200, content_type=content_type, content=content)


def test_is_feed_by_content_type_or_root_element() -> None:
    assert is_feed(page(b"", "application/rss+xml"))
    assert is_feed(page(b"", "application/atom+xml; charset=utf-8"))
    assert is_feed(page(RSS, "text/xml"))
    assert is_feed(page(ATOM, "application/xml"))
    assert is_feed(page(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', ""))
    assert not is_feed(page(b"<!DOCTYPE html><html></html>", "text/html"))
    assert not is_feed(page(b"<?xml version='1.0'?><svg></svg>", "application/xml"))
    assert not is_feed(page(RSS, "image/png"))


def test_entries_from_a_fetched_page_and_bad_bytes() -> None:
    assert len(entries_from_page(page(RSS, "application/rss+xml"))) == 2
    with pytest.raises(UnreadableInput):
        parse_feed(b"\x00\x01 definitely not xml")


def test_an_unreadable_pubdate_warns_nothing_and_leaves_the_date_unknown() -> None:
    # Found by tests/test_fuzz_feeds.py: asking feedparser for "updated_parsed" when only an unreadable
    # "published" was given raised its DeprecationWarning (an error under pytest, noise for a user).
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>A\x1b[2J</title>'
            b"<link>http://wire.example/a</link><pubDate>not a date</pubDate></item></channel></rss>")
    [entry] = parse_feed(feed)
    assert (entry.link, entry.title, entry.published) == ("http://wire.example/a", "A[2J", None)
