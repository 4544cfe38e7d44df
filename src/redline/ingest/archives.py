"""News archives, read as streams: JSON Lines dumps (news-please, Common Crawl news, GDELT-style) and WARC files.

A dump is read a record at a time, never whole, so a file of any size costs the
memory of one article; each record must fit ``max_bytes`` on its own.

- JSON Lines (``.jsonl``, ``.ndjson``, gzipped or not): redline's own fields
  (``text``, ``id``, ``title``, ``url``, ``published``, ``source``) or the
  news-please / Common Crawl names for them (``maintext``, ``date_publish``,
  ``source_domain``); the article's own fields win when both are given.
- WARC (``.warc``, ``.warc.gz``, via warcio): every ``response`` or ``resource``
  record whose content is HTML goes through the same trafilatura path as an
  ``.html`` file, with the record's target URI as the article's URL. Requests,
  metadata and non-HTML payloads (images, scripts) are not articles and are passed
  over without a warning.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterator
from typing import IO, Any

from redline.errors import InputError, UnreadableInput
from redline.models import Document

__all__ = ["ARCHIVE_FIELDS", "is_archive", "normalise_record", "read_archive"]

Items = Iterator[Document | InputError]
TakeId = Callable[[str], str]

# redline's field <- the names other archives give it, in order of preference.
ARCHIVE_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext"),
    "published": ("published", "date_publish"),
    "source": ("source", "source_domain"),
}
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_archive(path: str, size: int, max_bytes: int) -> bool:
    """Whether ``path`` is read here: a WARC or gzipped dump always, a plain JSON Lines file over ``max_bytes``."""
    name = path.lower()
    if name.endswith(WARC_SUFFIXES) or name.endswith((".jsonl.gz", ".ndjson.gz")):
        return True
    return name.endswith((".jsonl", ".ndjson")) and size > max_bytes


def normalise_record(obj: dict[str, Any]) -> dict[str, Any]:
    """An archive record with redline's field names (``maintext`` -> ``text``, ...); other fields kept."""
    out = dict(obj)
    for ours, names in ARCHIVE_FIELDS.items():
        if out.get(ours) is None:
            found = next((obj[n] for n in names if obj.get(n) is not None), None)
            if found is not None:
                out[ours] = found
    return out


def _stem(path: str) -> str:
    base = os.path.basename(path)
    for suffix in (*WARC_SUFFIXES, *JSONL_SUFFIXES):
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return os.path.splitext(base)[0]


def _open(path: str) -> IO[bytes]:
    if path.lower().endswith(".gz"):
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _jsonl(path: str, max_bytes: int, take_id: TakeId) -> Items:
    from redline.ingest.readers import from_record

    stem, found = _stem(path), False
    with _open(path) as f:
        for lineno, raw in enumerate(f, start=1):
            where = f"{path}:{lineno}"
            if len(raw) > max_bytes:
                yield UnreadableInput(where, f"is a record of {len(raw):,} bytes, over the {max_bytes:,}-byte limit; "
                                             "raise REDLINE_MAX_BYTES to read it")
                continue
            if not raw.strip():
                continue
            found = True
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                reason = e.msg if isinstance(e, json.JSONDecodeError) else "not UTF-8"
                yield UnreadableInput(where, f"is not valid JSON ({reason}); the other lines are still read")
                continue
            if isinstance(obj, dict):
                obj = normalise_record(obj)
            yield from_record(obj, name=where, doc_id=take_id(f"{stem}-{lineno}"), path=path)
    if not found:
        yield UnreadableInput(path, "is empty; skipped")


def _warc(path: str, max_bytes: int, take_id: TakeId) -> Items:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from redline.ingest.readers import decode_bytes, document_from_html

    stem, n = _stem(path), 0
    with _open(path) as head:
        if head.read(5) != b"WARC/":
            yield UnreadableInput(path, "is not a WARC file (no WARC/1.x record header at its start); skipped")
            return
    with open(path, "rb") as f:
        try:
            for record in ArchiveIterator(f):
                if record.rec_type not in ("response", "resource"):
                    continue
                headers = record.http_headers if record.rec_type == "response" else record.rec_headers
                content_type = (headers.get_header("Content-Type") if headers else None) or ""
                if not content_type.lower().startswith(HTML_TYPES):
                    continue
                n += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}#{n} ({url})" if url else f"{path}#{n}"
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield UnreadableInput(where, f"is over the {max_bytes:,}-byte limit; raise REDLINE_MAX_BYTES "
                                                 "to read it")
                    continue
                html = decode_bytes(data, where)
                if isinstance(html, InputError):
                    yield html
                    continue
                yield document_from_html(html, name=where, doc_id=take_id(f"{stem}-{n}"), path=path, url=url)
        except ArchiveLoadFailed as e:
            yield UnreadableInput(path, f"is not a readable WARC file ({str(e).strip()[:120]}); "
                                        f"{n} record(s) read before it")
    if n == 0:
        yield UnreadableInput(path, "holds no HTML response records; nothing to read")


def read_archive(path: str, max_bytes: int, take_id: TakeId) -> Items:
    """Every article of one archive file, streamed; ``take_id`` makes each id unique in the run."""
    try:
        if path.lower().endswith(WARC_SUFFIXES):
            yield from _warc(path, max_bytes, take_id)
        else:
            yield from _jsonl(path, max_bytes, take_id)
    except (OSError, EOFError) as e:
        yield UnreadableInput(path, f"cannot be read to its end ({e}); the records before were read")
