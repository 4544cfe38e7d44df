"""Archive formats: news-please / Common Crawl JSON Lines and WARC files, streamed a record at a time."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from redline.errors import InputError
from redline.ingest import read_inputs
from redline.ingest.archives import is_archive, normalise_record
from redline.models import Document

# Written for these tests.
STORY = (
    "Envoys from the two governments ended a third day of talks on Tuesday without agreeing on the terms of "
    "a truce, according to officials familiar with the discussions. The mediators said they would present a "
    "new draft to both delegations before the end of the week."
)
OTHER = (
    "The harbour authority said on Monday that the new ferry line to the islands would open in the spring, "
    "after repairs to the northern pier were finished ahead of schedule."
)


def read(path: Path, **kwargs: int) -> list[Document | InputError]:
    return list(read_inputs([str(path)], **kwargs))  # type: ignore[arg-type]


def _newsplease(i: int, text: str) -> dict[str, object]:
    return {"title": f"Story {i}", "maintext": text, "date_publish": f"2024-03-0{i + 1} 17:23:00",
            "url": f"https://news.example/{i}", "source_domain": "news.example", "language": "en"}


def test_news_please_fields_become_redlines_fields() -> None:
    record = normalise_record(_newsplease(0, STORY))
    assert (record["text"], record["published"], record["source"]) == (STORY, "2024-03-01 17:23:00", "news.example")
    assert normalise_record({"text": "own", "maintext": "other"})["text"] == "own"


def test_a_news_please_dump_reads_as_articles(tmp_path: Path) -> None:
    f = tmp_path / "cc-news.jsonl"
    f.write_text("\n".join(json.dumps(_newsplease(i, t)) for i, t in enumerate([STORY, OTHER])) + "\n")
    docs = read(f)
    assert all(isinstance(d, Document) for d in docs)
    assert [(d.id, d.title, str(d.published), d.url, d.source) for d in docs] == [  # type: ignore[union-attr]
        ("cc-news-1", "Story 0", "2024-03-01", "https://news.example/0", "news.example"),
        ("cc-news-2", "Story 1", "2024-03-02", "https://news.example/1", "news.example"),
    ]


def test_a_gzipped_dump_larger_than_the_limit_is_streamed_record_by_record(tmp_path: Path) -> None:
    f = tmp_path / "day.jsonl.gz"
    lines = [json.dumps(_newsplease(i % 9, [STORY, OTHER][i % 2])) for i in range(40)]
    lines[5] = "{broken"
    lines[7] = json.dumps({"maintext": OTHER * 40})  # one record over the limit on its own
    with gzip.open(f, "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    items = read(f, max_bytes=2_000)  # the whole dump is far over 2,000 bytes; each good record is under it
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.source for e in errors] == [f"{f}:6", f"{f}:8"]
    assert "limit" in errors[1].reason and "still read" in errors[0].reason
    assert sum(isinstance(i, Document) for i in items) == 38
    assert is_archive(str(f), 10, 2_000) and is_archive("big.jsonl", 5_000, 2_000)
    assert not is_archive("small.jsonl", 100, 2_000)


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for url, content_type, body in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            # With its length given, warcio writes the payload without buffering it in a temporary file.
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=http))
        request = b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n"
        writer.write_record(writer.create_warc_record("https://news.example/0", "request",
                                                      payload=io.BytesIO(request), length=len(request)))


def _page(title: str, text: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1><p>{text}</p></article></body></html>").encode()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_go_through_the_html_path(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    _warc(f, [("https://news.example/talks", "text/html; charset=utf-8", _page("Truce talks stall", STORY)),
              ("https://news.example/logo.png", "image/png", b"\x89PNG...."),
              ("https://news.example/ferry", "text/html", _page("Ferry line to open", OTHER))])
    docs = read(f)
    assert all(isinstance(d, Document) for d in docs), docs
    assert [(d.id, d.url) for d in docs] == [  # type: ignore[union-attr]
        ("crawl-1", "https://news.example/talks"), ("crawl-2", "https://news.example/ferry")]
    assert "third day of talks" in docs[0].text and "Home | World" not in docs[0].text  # type: ignore[union-attr]


def test_a_file_that_is_not_a_warc_is_one_clear_warning(tmp_path: Path) -> None:
    f = tmp_path / "broken.warc"
    f.write_bytes(b"this is not a web archive at all\n" * 20)
    items = read(f)
    assert items and all(isinstance(i, InputError) for i in items)
    assert len(items) == 1 and "not a WARC file" in items[0].reason  # type: ignore[union-attr]
