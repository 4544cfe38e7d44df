"""Reading articles from files, directories and stdin: text, HTML, JSON and JSONL.

``read_inputs`` yields one cleaned :class:`~redline.models.Document` per
article, or an :class:`~redline.errors.InputError` for each input it skips,
with a one-line reason that names the input and says what to do next. It never
raises for one bad file: the caller decides how to show the warnings.

An input's size is checked before it is read, so a 50 MB file costs nothing.
Bytes become text as UTF-8 (with or without a BOM), UTF-16 or UTF-32 (by BOM
or by the pattern of NUL bytes), else Windows-1252 when the text is mostly
ASCII (an English article saved as Latin-1), else what charset_normalizer
finds. NUL bytes or many control characters mean a binary file.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from redline import config
from redline.errors import InputError, UnreadableInput, UnsupportedLanguage
from redline.ingest.archives import is_archive, normalise_record, read_archive
from redline.ingest.clean import clean_field, clean_text
from redline.ingest.dates import find_published, parse_date
from redline.ingest.language import guess_language
from redline.models import Document

__all__ = ["decode_bytes", "document_from_html", "from_record", "guess_title", "read_bytes", "read_inputs", "walk"]

STDIN_NAME = "<stdin>"
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
JSON_EXTENSIONS = frozenset({".json"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
# A headline is short and does not end like a sentence.
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
# Fewer words than this is a menu, a stub or an error page, not an article.
MIN_ARTICLE_WORDS = 5
# More control characters than this share of the text means a binary file.
MAX_CONTROL_SHARE = 0.01
# Below this share of non-ASCII bytes, undecodable UTF-8 is taken as Windows-1252 (a superset of Latin-1):
# an English article has few accented letters, and charset detection guesses badly on so little evidence.
MAX_WESTERN_NON_ASCII = 0.15

_ASCII_BYTES = bytes(range(0x80))
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file; convert it to text first (for example with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document); unpack it or save the article as text"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive; decompress it first"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# Control characters (category Cc) other than tab, newline, vertical tab, form feed and carriage
# return, and U+FFFD, which a decoder puts for bytes it could not read.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_ORIGINAL_SOURCE = re.compile(r"^read the original article on (.{2,80}?)\s*\.?$",
                              re.IGNORECASE | re.MULTILINE)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _too_large(name: str, size: int | None, max_bytes: int) -> UnreadableInput:
    what = f"is {_size(size)}" if size is not None else "is too large"
    return UnreadableInput(
        name, f"{what}, over the {_size(max_bytes)} limit; split it or raise REDLINE_MAX_BYTES"
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:20_000]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def decode_bytes(data: bytes, name: str) -> str | UnreadableInput:
    """The text of ``data``, or why it is not text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return UnreadableInput(name, f"is {what}")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            return UnreadableInput(name, "is a binary file (it contains NUL bytes), not text; skipped")
    text: str | None = None
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            return UnreadableInput(name, f"is not valid {encoding}; save it as UTF-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if text is None:
        return UnreadableInput(name, "is not text in any encoding we recognise; save it as UTF-8")
    if _control_share(text) > MAX_CONTROL_SHARE:
        return UnreadableInput(name, "is a binary file (many control characters), not text; skipped")
    return text


def _decode_legacy(data: bytes) -> str | None:
    non_ascii = len(data.translate(None, _ASCII_BYTES))
    if non_ascii / len(data) <= MAX_WESTERN_NON_ASCII:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")  # the five bytes cp1252 leaves undefined
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else None


def guess_title(text: str) -> str | None:
    """The first line, when it looks like a headline: short, not ending like a sentence, text after it."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if not first or not rest.strip():
        return None
    if len(first) > MAX_TITLE_CHARS or len(first.split()) > MAX_TITLE_WORDS:
        return None
    if first[-1] in ".,;:" or not any(ch.isalpha() for ch in first):
        return None
    return first


class _Ids:
    """Document ids unique within one run: a second ``report.txt`` becomes ``report-2``."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def take(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.seen:
            n += 1
            candidate = f"{base}-{n}"
        self.seen.add(candidate)
        return candidate


def _document(
    raw: str, *, name: str, doc_id: str, path: str | None, title: str | None = None,
    published: str | None = None, source: str | None = None, url: str | None = None,
) -> Document | InputError:
    """Clean one article's text and check it is English; the shared end of every reader."""
    if source is None and (m := _ORIGINAL_SOURCE.search(raw)):
        source = m.group(1)
    text = clean_text(raw)
    if not text:
        what = "is empty" if not raw.strip() else "has no article text once site chrome is removed"
        return UnreadableInput(name, f"{what}; skipped")
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        return UnreadableInput(name, f"has no article text, only {words} word(s) (a menu?); skipped")
    language = guess_language(text)
    if language.code != "en":
        return UnsupportedLanguage(
            name, f"looks like {language.name}, not English; redline reads English articles only "
            "(translate it first)"
        )
    # Metadata comes from the same untrusted input as the text: no control characters, one line.
    title = clean_field(title) if title else None
    return Document(
        id=clean_field(doc_id) or "document",
        text=text,
        title=title or guess_title(text),
        published=find_published(text, published),
        source=clean_field(source) or None if source else None,
        url=clean_field(url) or None if url else None,
        path=path,
    )


class _VisibleText(HTMLParser):
    """A page's visible text, a paragraph per block element (the stdlib parser copes with any HTML)."""

    HIDDEN = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "head",
                        "template", "svg"})
    BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "article",
                        "section", "blockquote", "title", "figcaption", "pre", "table", "ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _strip_tags(html: str) -> str:
    """What a page says once its tags are gone: the fallback when trafilatura finds no main text."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def document_from_html(html: str, *, name: str, doc_id: str, path: str | None = None,
                       url: str | None = None) -> Document | InputError:
    """One article from a web page: text, title, date and URL by trafilatura; bare text if that fails."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception:  # a third-party parser on arbitrary input: whatever it raises, the fallback copes
        extracted = None
    if not isinstance(extracted, trafilatura.settings.Document) or not (extracted.text or "").strip():
        return _document(_strip_tags(html), name=name, doc_id=doc_id, path=path, url=url)
    # trafilatura puts one paragraph per line; we keep paragraphs apart with a blank line.
    text = re.sub(r"\n+", "\n\n", extracted.text or "")
    return _document(
        text, name=name, doc_id=doc_id, path=path, title=extracted.title, published=extracted.date,
        source=extracted.sitename or extracted.hostname, url=extracted.url or url,
    )


def _str_field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def from_record(obj: object, *, name: str, doc_id: str, path: str | None) -> Document | InputError:
    """One article from a JSON object: redline's fields, or an archive's (``maintext``, ``date_publish``, ...)."""
    return _from_object(obj, name=name, doc_id=doc_id, path=path)


def _from_object(obj: object, *, name: str, doc_id: str, path: str | None) -> Document | InputError:
    if isinstance(obj, dict):
        obj = normalise_record(obj)
    if not isinstance(obj, dict):
        return UnreadableInput(name, f"is a JSON {type(obj).__name__}, not an object with a \"text\" field")
    text = obj.get("text")
    if not isinstance(text, str):
        return UnreadableInput(name, 'has no "text" string; give each object the article in "text"')
    published = _str_field(obj, "published")
    if published is not None and parse_date(published) is None:
        published = None  # an unreadable date in the metadata: look in the text instead
    return _document(
        text, name=name, doc_id=_str_field(obj, "id") or doc_id, path=path, title=_str_field(obj, "title"),
        published=published, source=_str_field(obj, "source"), url=_str_field(obj, "url"),
    )


Items = Iterator[Document | InputError]


def _read_json(text: str, *, name: str, stem: str, path: str | None, ids: _Ids) -> Items:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        yield UnreadableInput(name, f"is not valid JSON ({e.msg} at line {e.lineno}); fix it or use .jsonl")
        return
    if isinstance(value, list):
        for i, obj in enumerate(value, start=1):
            yield _from_object(obj, name=f"{name}[{i}]", doc_id=ids.take(f"{stem}-{i}"), path=path)
    else:
        yield _from_object(value, name=name, doc_id=ids.take(stem), path=path)


def _read_jsonl(text: str, *, name: str, stem: str, path: str | None, ids: _Ids) -> Items:
    found = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield UnreadableInput(where, f"is not valid JSON ({e.msg}); the other lines are still read")
            continue
        yield _from_object(obj, name=where, doc_id=ids.take(f"{stem}-{lineno}"), path=path)
    if not found:
        yield UnreadableInput(name, "is empty; skipped")


def _kind(ext: str, text: str) -> str:
    """"text", "html", "json" or "jsonl": by extension, else by what the text looks like."""
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in JSON_EXTENSIONS:
        return "json"
    if ext in JSONL_EXTENSIONS:
        return "jsonl"
    if ext in TEXT_EXTENSIONS:
        return "text"
    if _HTML_START.match(text[:2000]):
        return "html"
    head = text.lstrip()[:1]
    if head in ("{", "["):
        try:
            json.loads(text)
        except json.JSONDecodeError:
            lines = [ln for ln in text.splitlines() if ln.strip()]
            if head == "{" and all(ln.lstrip().startswith("{") for ln in lines):
                return "jsonl"
        else:
            return "json"
    return "text"


def _read_bytes(data: bytes, *, name: str, stem: str, ext: str, path: str | None,
                max_bytes: int, ids: _Ids) -> Iterator[Document | InputError]:
    if len(data) > max_bytes:
        yield _too_large(name, None, max_bytes)  # only max_bytes + 1 were read: the true size is unknown
        return
    if not data.strip():
        yield UnreadableInput(name, "is empty; skipped")
        return
    text = decode_bytes(data, name)
    if isinstance(text, InputError):
        yield text
        return
    kind = _kind(ext, text)
    if kind == "html":
        yield document_from_html(text, name=name, doc_id=ids.take(stem), path=path)
    elif kind == "json":
        yield from _read_json(text, name=name, stem=stem, path=path, ids=ids)
    elif kind == "jsonl":
        yield from _read_jsonl(text, name=name, stem=stem, path=path, ids=ids)
    else:
        yield _document(text, name=name, doc_id=ids.take(stem), path=path)


def _read_file(path: str, max_bytes: int, ids: _Ids) -> Iterator[Document | InputError]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        yield UnreadableInput(path, "no such file or directory; check the path")
        return
    except OSError as e:
        yield UnreadableInput(path, f"cannot be read ({e.strerror}); check the path and its permissions")
        return
    if not os.path.isfile(path):
        yield UnreadableInput(path, "is not a regular file; give a file, a directory or - for stdin")
        return
    if is_archive(path, st.st_size, max_bytes):  # WARC and large or gzipped JSON Lines: streamed, record by record
        yield from read_archive(path, max_bytes, ids.take)
        return
    if st.st_size > max_bytes:
        yield _too_large(path, st.st_size, max_bytes)
        return
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)  # +1: a file that grew since stat is still caught
    except OSError as e:
        yield UnreadableInput(path, f"cannot be read ({e.strerror}); check its permissions")
        return
    p = Path(path)
    yield from _read_bytes(data, name=path, stem=p.stem, ext=p.suffix.lower(), path=path,
                           max_bytes=max_bytes, ids=ids)


def _walk(directory: str) -> Iterator[str]:
    """Every file under ``directory``, sorted, hidden files and directories left out."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith("."):
                yield os.path.join(root, f)


def read_inputs(
    paths: Sequence[str], *, max_bytes: int = config.DEFAULT_MAX_BYTES, stdin: IO[bytes] | None = None
) -> Iterator[Document | InputError]:
    """One cleaned Document per article in ``paths`` (files, directories, ``-`` for stdin), or why not."""
    ids = _Ids()
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            yield from _read_bytes(data, name=STDIN_NAME, stem="stdin", ext="", path=None,
                                   max_bytes=max_bytes, ids=ids)
        elif os.path.isdir(path):
            for file in _walk(path):
                yield from _read_file(file, max_bytes, ids)
        else:
            yield from _read_file(path, max_bytes, ids)


def read_bytes(data: bytes, *, name: str, max_bytes: int = config.DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """The articles of one file's bytes, read as ``read_inputs`` reads the file at path ``name``.

    For engines that move the bytes to where the work is (Ray); ids are unique within the file.
    """
    p = Path(name)
    yield from _read_bytes(data, name=name, stem=p.stem, ext=p.suffix.lower(), path=name, max_bytes=max_bytes,
                           ids=_Ids())


def walk(directory: str) -> list[str]:
    """The files ``read_inputs`` reads under ``directory``, in its order."""
    return list(_walk(directory))
