"""Fetching one URL: the only place redline opens a network connection.

Every hop of a redirect chain is checked before it is requested: only http and
https, and never a private, loopback, link-local, multicast, reserved or
unspecified address unless the user passed ``--allow-private``. A hostname is
resolved once and the connection goes to the address that was checked (the
``Host`` header and TLS server name keep the hostname), so a DNS answer that
changes between the check and the request cannot reach an internal address.

A body is read while it streams and dropped as soon as it passes the size
limit, counted after decompression: redline asks only for gzip or deflate and
inflates them itself, a bounded piece at a time, so a gzip bomb costs at most
the limit in memory. A total deadline bounds a server that sends one byte at a
time (httpx's timeout counts from each byte).

The transport is injectable: tests pass ``httpx.MockTransport`` and need no
network.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from email.message import Message
from urllib.parse import unquote, urlsplit

import httpx

from redline import config
from redline.errors import BlockedAddress, FetchError, InputError, UnreadableInput, UnsupportedLanguage
from redline.ingest.clean import clean_text
from redline.ingest.dates import find_published
from redline.ingest.language import guess_language
from redline.ingest.readers import decode_bytes, document_from_html, guess_title
from redline.models import Document

USER_AGENT = "redline/0.1 (offline news reader for red lines and stances; +https://example.invalid/redline)"
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5")
# Only what _Inflater can bound: brotli and zstd would be inflated by httpx without a limit.
ACCEPT_ENCODING = "gzip, deflate"
MAX_REDIRECTS = 5
# A whole fetch may take this many times the per-read timeout, however the server paces its bytes.
TOTAL_TIMEOUT_FACTOR = 3
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_MEDIA_TYPES = frozenset({"text/plain", "text/markdown"})
_SLUG = re.compile(r"[^a-z0-9]+")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """What a URL returned: the final URL after redirects, and its raw bytes."""

    url: str
    status: int
    content_type: str
    content: bytes
    encoding: str | None = None

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower-cased ("text/html")."""
        return self.content_type.split(";", 1)[0].strip().lower()

    def text(self) -> str:
        """The body decoded with the declared charset, else UTF-8 (bad bytes replaced)."""
        try:
            return self.content.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:  # an unknown charset name in the header
            return self.content.decode("utf-8", errors="replace")


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context per process: building one (reading the CA bundle) costs more than fetching a page."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(
            f"cannot resolve {host!r}: {exc.strerror}; check the URL and your connection"
        ) from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def blocked_reason(address: IPAddress) -> str | None:
    """Why an address may not be fetched without --allow-private, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address):
        # ::ffff:10.0.0.1 reaches the IPv4 host inside it, and only that host counts.
        if address.ipv4_mapped is not None:
            return blocked_reason(address.ipv4_mapped)
        # A 6to4 address (2002::/16) carries an IPv4 address too; a private one inside is refused.
        if address.sixtofour is not None and blocked_reason(address.sixtofour) is not None:
            return blocked_reason(address.sixtofour)
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("not globally routable", not address.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


def _check_url(url: str) -> tuple[str, int]:
    """The host and port of ``url``, or FetchError when it is not an http(s) URL we can use."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc}); check it") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http:// and https:// URLs can be fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: the URL has no host name; check it")
    return host, port or (443 if parts.scheme == "https" else 80)


def _checked_address(url: str, host: str, port: int, resolve: Resolver) -> str:
    """The address to connect to, after checking every address ``host`` has."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    addresses = [str(literal)] if literal is not None else list(resolve(host, port))
    if not addresses:
        raise FetchError(f"cannot resolve {host!r}; check the URL and your connection")
    for raw in addresses:
        address = ipaddress.ip_address(raw.split("%", 1)[0])  # drop an IPv6 zone id
        reason = blocked_reason(address)
        if reason is not None:
            raise BlockedAddress(
                f"{url}: {host} is a {reason} address ({address}); refusing to fetch it. "
                "Pass --allow-private if you mean to read from your own network."
            )
    return addresses[0].split("%", 1)[0]


def _pinned_request(client: httpx.Client, url: str, host: str, address: str) -> httpx.Request:
    """A GET of ``url`` that connects to ``address`` while naming ``host`` to the server."""
    target = httpx.URL(url)
    request = client.build_request("GET", target.copy_with(host=address))  # httpx brackets IPv6
    request.headers["Host"] = target.netloc.decode("ascii")
    request.extensions["sni_hostname"] = host
    return request


def _charset(content_type: str) -> str | None:
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset.strip().lower() if isinstance(charset, str) and charset.strip() else None


class _Inflater:
    """The body's bytes as sent, inflated (gzip or deflate) in pieces no larger than what is still allowed."""

    def __init__(self, encoding: str, url: str) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(f"{url}: the server sent the page as {encoding!r}, which redline does not read; "
                             "try another URL for the article")
        self.url = url
        # 32 + MAX_WBITS: a gzip or a zlib header, whichever comes; raw deflate is tried when neither does.
        self.zlib = zlib.decompressobj(32 + zlib.MAX_WBITS) if codings else None
        self.raw_deflate = bool(codings) and codings[0] == "deflate"

    def feed(self, chunk: bytes, room: int) -> bytes:
        """What ``chunk`` inflates to, at most ``room + 1`` bytes (one more than allowed says it is too large)."""
        if self.zlib is None:
            return chunk
        try:
            out = self.zlib.decompress(chunk, room + 1)
        except zlib.error:
            if not self.raw_deflate:
                raise FetchError(f"{self.url}: the compressed page is damaged; try again later") from None
            self.zlib, self.raw_deflate = zlib.decompressobj(-zlib.MAX_WBITS), False
            return self.feed(chunk, room)
        # A bomb's bytes stay in unconsumed_tail; only as many are inflated as the limit leaves room for.
        return out


def _read_body(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            f"{url}: the page is {int(declared)} bytes, more than the limit of {max_bytes}; "
            "raise REDLINE_MAX_BYTES to read it"
        )
    if response.is_stream_consumed:  # a body given whole (httpx.MockTransport) is already read and decoded
        raws: Iterable[bytes] = [response.content]
        inflater = _Inflater("", url)
    else:
        raws = response.iter_raw()
        inflater = _Inflater(response.headers.get("content-encoding", ""), url)
    too_large = FetchError(f"{url}: the page is larger than the limit of {max_bytes} bytes; "
                           "raise REDLINE_MAX_BYTES to read it")
    chunks: list[bytes] = []
    size = 0
    for raw in raws:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the page took too long to arrive; try again later")
        piece = inflater.feed(raw, max_bytes - size)
        while True:
            size += len(piece)
            if size > max_bytes:
                raise too_large
            chunks.append(piece)
            tail = inflater.zlib.unconsumed_tail if inflater.zlib is not None else b""
            if not tail:
                break
            piece = inflater.feed(tail, max_bytes - size)
    return b"".join(chunks)


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
    max_bytes: int = config.DEFAULT_MAX_BYTES,
    timeout: float = 20.0,
    resolve: Resolver = resolve_host,
) -> FetchedPage:
    """GET ``url``, following up to five redirects, each checked like the first.

    Raises BlockedAddress for a private or loopback target (unless
    ``allow_private``), FetchError for anything else that goes wrong: a bad
    scheme, a timeout (``timeout`` per read, three times that for the whole
    fetch), an HTTP error status, too many redirects, a body over ``max_bytes``.
    """
    current = url
    deadline = time.monotonic() + TOTAL_TIMEOUT_FACTOR * timeout
    with httpx.Client(
        transport=transport, verify=_tls_context(),
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
        timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False,
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            host, port = _check_url(current)
            try:
                if allow_private:
                    request = client.build_request("GET", current)
                else:
                    address = _checked_address(current, host, port, resolve)
                    request = _pinned_request(client, current, host, address)
                response = client.send(request, stream=True)
                try:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECT_STATUSES and location:
                        current = str(httpx.URL(current).join(location))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(
                            f"{current}: the server answered HTTP {response.status_code}; "
                            "check the URL or try again later"
                        )
                    content_type = response.headers.get("content-type", "")
                    body = _read_body(response, current, max_bytes, deadline)
                finally:
                    response.close()
            except httpx.InvalidURL as exc:
                raise FetchError(f"{current}: a bad address in the URL or a redirect ({exc})") from None
            except httpx.TimeoutException:
                raise FetchError(f"{current}: no answer within {timeout:g} s; try again later") from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"{current}: {exc.__class__.__name__}: {exc}; check the URL and your connection"
                ) from None
            return FetchedPage(
                url=current, status=response.status_code, content_type=content_type,
                content=body, encoding=_charset(content_type),
            )
    raise FetchError(
        f"{url}: more than {MAX_REDIRECTS} redirects; open the URL in a browser to see where it goes"
    )


def url_doc_id(url: str) -> str:
    """A readable document id for a URL: the last part of its path without extension, else its host.

    ``https://news.example/world/border-closed.html`` is ``border-closed``.
    """
    parts = urlsplit(url)
    segments = [seg for seg in unquote(parts.path).split("/") if seg]
    stem = segments[-1].rsplit(".", 1)[0] if segments else ""
    slug = _SLUG.sub("-", stem.lower()).strip("-")
    return slug or _SLUG.sub("-", (parts.hostname or "page").lower()).strip("-")


def _looks_like_html(page: FetchedPage) -> bool:
    head = page.content[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def document_from_page(page: FetchedPage, *, doc_id: str | None = None) -> Document:
    """The article in a fetched page, cleaned: trafilatura for HTML, the text itself for plain text.

    Raises an InputError (UnreadableInput, UnsupportedLanguage) when the page holds no English article.
    """
    doc_id = doc_id or url_doc_id(page.url)
    is_html = page.media_type in HTML_MEDIA_TYPES
    if is_html or (page.media_type not in TEXT_MEDIA_TYPES and _looks_like_html(page)):
        html = page.text() if page.encoding else decode_bytes(page.content, page.url)
        if isinstance(html, InputError):
            raise html
        result = document_from_html(html, name=page.url, doc_id=doc_id, url=page.url)
        if isinstance(result, InputError):
            raise result
        return result
    if page.media_type not in TEXT_MEDIA_TYPES:
        raise UnreadableInput(page.url, f"is {page.media_type or 'of no stated type'}, not an article "
                                        "(HTML or plain text); give the URL of the article page")
    raw = page.text() if page.encoding else decode_bytes(page.content, page.url)
    if isinstance(raw, InputError):
        raise raw
    text = clean_text(raw)
    if not text:
        raise UnreadableInput(page.url, "has no article text; skipped")
    language = guess_language(text)
    if language.code != "en":
        raise UnsupportedLanguage(page.url, f"looks like {language.name}, not English; "
                                            "redline reads English articles only")
    return Document(
        id=doc_id, text=text, title=guess_title(text), published=find_published(text),
        source=urlsplit(page.url).hostname, url=page.url,
    )
