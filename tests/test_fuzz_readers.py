"""Fuzzing the readers (txt, HTML, JSON, JSONL): whatever the bytes, a Document or an InputError."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import (
    WORDS,
    article_text,
    check_item,
    examples,
    json_string,
    lone_surrogate_escape,
)
from redline.errors import InputError
from redline.ingest.readers import read_inputs
from redline.models import Document

pytestmark = pytest.mark.fuzz

ENGLISH = ("The Kremlin warned on Tuesday that if NATO troops are sent to Ukraine, Russia would respond "
           "with force, officials in Moscow said. ")


def _read_as(data: bytes, suffix: str) -> list[Document | InputError]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        return list(read_inputs([str(path)]))


@settings(max_examples=examples(60))
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_on_stdin(data: bytes) -> None:
    for item in read_inputs(["-"], stdin=io.BytesIO(data)):
        check_item(item)


@settings(max_examples=examples(40))
@given(article_text(), st.sampled_from([".txt", ".html", ".json", ".jsonl", ".md", ""]))
def test_hostile_text_in_every_format(text: str, suffix: str) -> None:
    if suffix == ".html":
        data = f"<html><body><h1>{text[:40]}</h1><p>{ENGLISH}{text}</p></body></html>".encode()
    elif suffix in (".json", ".jsonl"):
        data = json.dumps({"text": ENGLISH + text, "title": text[:50], "id": text[:10]}).encode()
    else:
        data = (ENGLISH + text).encode("utf-8", "surrogatepass")
    items = _read_as(data, suffix)
    assert items
    for item in items:
        check_item(item)


@settings(max_examples=examples(40))
@given(st.lists(st.one_of(st.sampled_from(WORDS), lone_surrogate_escape, st.just("\\u0000"),
                          st.just("\\u001b[2J"), st.just("\\u202e")), min_size=1, max_size=30),
       st.sampled_from(["title", "id", "source", "url", "published", "text"]))
def test_json_escapes_that_decode_to_lone_surrogates_and_controls(pieces: list[str], field: str) -> None:
    """`"\\ud800"` is valid JSON and decodes to a str that cannot be written as UTF-8."""
    hostile = " ".join(pieces)
    fields = {"text": json_string(ENGLISH * 2)[:-1] + " " + hostile + '"', field: f'"{hostile}"'}
    data = ("{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}").encode("ascii")
    for item in _read_as(data, ".json"):
        check_item(item)


@settings(max_examples=examples(25))
@given(st.integers(1, 3000), st.sampled_from(["div", "span", "b", "table", "p", "section", "li"]))
def test_deeply_nested_html(depth: int, tag: str) -> None:
    html = "<html><body>" + f"<{tag}>" * depth + ENGLISH * 3 + f"</{tag}>" * (depth // 2) + "</body></html>"
    for item in _read_as(html.encode(), ".html"):
        check_item(item)


@settings(max_examples=examples(30))
@given(st.dictionaries(st.sampled_from(["__proto__", "constructor", "prototype", "__class__", "__dict__",
                                        "text", "title", "id", "toString", "hasOwnProperty"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers()),
                                 st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)),
                       max_size=6))
def test_prototype_style_keys_are_plain_data(obj: dict[str, object]) -> None:
    data = json.dumps({**obj, "text": ENGLISH * 2}).encode()
    [item] = _read_as(data, ".json")
    check_item(item)
    assert isinstance(item, Document) and item.text.startswith("The Kremlin warned")


def test_a_ten_thousand_line_jsonl_with_one_broken_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": f"Report {i}. {ENGLISH}"}) for i in range(10_000)]
    lines[4_321] = '{"id": "broken", "text": "no closing quote}'
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(items) == 10_000
    assert [e.source for e in errors] == [f"{path}:4322"] and "not valid JSON" in errors[0].reason
    assert len({i.id for i in items if isinstance(i, Document)}) == 9_999


def test_a_very_long_line_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(ENGLISH * 20_000, encoding="utf-8")  # one 2.6 MB line, no line break
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document) and len(doc.text) > 2_000_000
