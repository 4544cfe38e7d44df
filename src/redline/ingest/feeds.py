"""RSS and Atom feeds: the list of articles a feed links to.

feedparser only ever parses bytes we hand it: the feed is fetched by
``fetch_url`` (so the address checks, size limit and timeouts apply) or read
from a local file. Left to itself feedparser would fetch URLs with urllib.
"""

from __future__ import annotations

import html
import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx

from redline import config
from redline.errors import FetchError, UnreadableInput
from redline.ingest.clean import clean_field
from redline.ingest.fetch import FetchedPage, fetch_url

FEED_MEDIA_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml",
})
XML_MEDIA_TYPES = frozenset({"application/xml", "text/xml", "application/octet-stream", "text/plain", ""})

# The first element after any XML declaration, comments, processing instructions and doctype.
_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w.-]+:)?([\w.-]+)",
    re.DOTALL | re.IGNORECASE,
)
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf"})
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: where the article is, and what the feed says about it."""

    link: str
    title: str | None = None
    published: date | None = None
    summary: str | None = None
    id: str | None = None


def _root_element(content: bytes) -> bytes | None:
    match = _ROOT.match(content[:4096])
    return match.group(1).lower() if match else None


def is_feed(page: FetchedPage) -> bool:
    """Whether a fetched page is an RSS or Atom feed: by its content type, else by its root element."""
    if page.media_type in FEED_MEDIA_TYPES:
        return True
    if page.media_type not in XML_MEDIA_TYPES:
        return False
    return _root_element(page.content) in _FEED_ROOTS


def _plain(value: str | None) -> str | None:
    """Feed summaries are HTML fragments; keep the words."""
    if not value:
        return None
    return clean_field(html.unescape(_TAG.sub(" ", value))) or None


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: FeedParserDict.get maps "updated" to "published" with a DeprecationWarning.
        parsed = dict.get(entry, key)
        if isinstance(parsed, time.struct_time):
            return datetime(*parsed[:6], tzinfo=UTC).date()
    return None


def parse_feed(
    content: bytes, base_url: str | None = None, content_type: str | None = None,
) -> list[FeedEntry]:
    """The entries of a feed given as bytes; relative links resolve against ``base_url``.

    Raises UnreadableInput when the bytes are not a feed with entries.
    """
    source = base_url or "feed"
    headers = {"content-location": base_url or "", "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    if parsed.bozo and not parsed.entries:
        raise UnreadableInput(source, f"not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    if not parsed.get("version") and not parsed.entries:
        raise UnreadableInput(source, "not an RSS or Atom feed; give the article URLs instead")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:  # an entry without a link names no article we could read
            continue
        entries.append(FeedEntry(
            link=str(link),
            title=_plain(entry.get("title")),
            published=_entry_date(entry),
            summary=_plain(entry.get("summary")),
            id=clean_field(str(entry["id"])) or None if entry.get("id") else None,
        ))
    return entries


def entries_from_page(page: FetchedPage) -> list[FeedEntry]:
    """The entries of a feed that was already fetched (so it is not fetched twice)."""
    return parse_feed(page.content, base_url=page.url, content_type=page.content_type)


def read_feed(
    url_or_path: str | Path,
    *,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
    max_bytes: int = config.DEFAULT_MAX_BYTES,
) -> list[FeedEntry]:
    """The entries of the feed at an http(s) URL or in a local file."""
    target = str(url_or_path)
    if urlsplit(target).scheme in ("http", "https"):
        page = fetch_url(target, allow_private=allow_private, transport=transport, max_bytes=max_bytes)
        return entries_from_page(page)
    if urlsplit(target).scheme not in ("", "file") and not Path(target).exists():
        raise FetchError(f"{target}: only http:// and https:// feeds or local files can be read")
    path = Path(target.removeprefix("file://"))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableInput(target, f"{size} bytes is more than the limit of {max_bytes}; "
                                          "raise REDLINE_MAX_BYTES to read it")
        content = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(target, f"cannot read the feed file: {exc.strerror}") from None
    return parse_feed(content, base_url=path.resolve().as_uri())
