"""Readers: every input format, and every kind of bad input skipped with a reason."""

from __future__ import annotations

import io
import json
import os
import time
from datetime import date
from pathlib import Path

import pytest

from redline.errors import InputError, UnreadableInput, UnsupportedLanguage
from redline.ingest import read_inputs
from redline.ingest.readers import guess_title
from redline.models import Document

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

HEADLINE = "Envoys fail to agree on truce terms"
PARA_1 = (
    "Envoys from the two governments ended a third day of talks on Tuesday without agreeing on the terms of "
    "a truce, according to officials familiar with the discussions."
)
PARA_2 = "The mediators said they would present a new draft to both delegations before the end of the week."
ARTICLE = f"{HEADLINE}\n\n{PARA_1}\n\n{PARA_2}\n"
FRENCH = (
    "Les émissaires des deux gouvernements ont terminé mardi une troisième journée de pourparlers sans "
    "parvenir à un accord sur les termes d'une trêve, selon des responsables proches des discussions."
)


def read(*paths: str | Path, **kwargs: object) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only_doc(items: list[Document | InputError]) -> Document:
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


def only_error(items: list[Document | InputError], kind: type[InputError] = UnreadableInput) -> InputError:
    assert len(items) == 1, items
    assert isinstance(items[0], kind), items[0]
    return items[0]


# --- plain text ---------------------------------------------------------------------------------------


def test_text_file_gives_a_document_with_a_headline(tmp_path: Path) -> None:
    f = tmp_path / "truce-talks.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    doc = only_doc(read(f))
    assert doc.id == "truce-talks"
    assert doc.title == HEADLINE
    assert doc.text == f"{HEADLINE}\n\n{PARA_1}\n\n{PARA_2}"
    assert doc.path == str(f)
    assert doc.published is None and doc.url is None


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    assert guess_title(f"{PARA_2}\n\n{PARA_1}") is None
    assert guess_title("Who will pay for the reconstruction?\n\nBody text here.") == (
        "Who will pay for the reconstruction?"
    )
    assert guess_title(HEADLINE) is None  # a title needs an article under it


def test_text_date_and_syndicated_source_are_read(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"{HEADLINE}\nUpdated March 3, 2025\n\n{PARA_1}\n\nRead the original article on Some Wire")
    doc = only_doc(read(f))
    assert doc.published == date(2025, 3, 3)
    assert doc.source == "Some Wire"
    assert "original article" not in doc.text


def test_file_without_extension_that_is_text_is_read(tmp_path: Path) -> None:
    f = tmp_path / "NOTES"
    f.write_text(ARTICLE, encoding="utf-8")
    assert only_doc(read(f)).id == "NOTES"


def test_file_with_unknown_extension_that_is_html_is_read_as_html(tmp_path: Path) -> None:
    f = tmp_path / "saved.page"
    f.write_bytes((FIXTURES / "article.html").read_bytes())
    doc = only_doc(read(f))
    assert doc.title == "Coastal state warns over naval drills"
    assert "<p>" not in doc.text


# --- HTML ---------------------------------------------------------------------------------------------


def test_html_gives_main_text_title_date_url_and_site() -> None:
    doc = only_doc(read(FIXTURES / "article.html"))
    assert doc.id == "article"
    assert doc.title == "Coastal state warns over naval drills"
    assert doc.published == date(2023, 6, 14)
    assert doc.url == "https://ledger.example.org/world/coastal-state-warns"
    assert doc.source == "The Harbour Ledger"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[1].startswith("The foreign ministry of Veloria said on Wednesday")
    assert paragraphs[-1].startswith("Regional envoys are expected")
    for chrome in ("Home", "cookies", "Read also", "Most read", "All rights reserved", "Tweet"):
        assert chrome not in doc.text


def test_broken_html_falls_back_to_stripping_tags(tmp_path: Path) -> None:
    f = tmp_path / "broken.html"
    f.write_text(
        f"<html><body><div><p>{PARA_1}<p><b>{PARA_2}<script>var x = '<p>';</script></div></span></i>",
        encoding="utf-8",
    )
    doc = only_doc(read(f))
    assert PARA_1 in doc.text
    assert PARA_2 in doc.text
    assert "var x" not in doc.text


def test_html_with_no_text_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<html><head><script>1</script></head><body><nav>Home</nav></body></html>", encoding="utf-8")
    err = only_error(read(f))
    assert str(f) in str(err)
    assert "no article text" in err.reason


def test_html_tag_soup_does_not_crash(tmp_path: Path) -> None:
    f = tmp_path / "soup.htm"
    f.write_text("<<<>>><p <div =='' <p>" + PARA_1 + "</>&&&;</html", encoding="utf-8")
    assert "Envoys from the two governments" in only_doc(read(f)).text


# --- JSON and JSONL -----------------------------------------------------------------------------------


def test_json_object_with_metadata(tmp_path: Path) -> None:
    f = tmp_path / "one.json"
    obj = {"id": "wire-42", "title": "Truce talks", "url": "https://example.org/x", "published": "2024-05-06",
           "source": "Example Wire", "text": ARTICLE}
    f.write_text(json.dumps(obj), encoding="utf-8")
    doc = only_doc(read(f))
    assert (doc.id, doc.title, doc.url, doc.source) == ("wire-42", "Truce talks", "https://example.org/x",
                                                          "Example Wire")
    assert doc.published == date(2024, 5, 6)
    assert doc.path == str(f)


def test_json_list_without_ids_numbers_its_items(tmp_path: Path) -> None:
    f = tmp_path / "batch.json"
    f.write_text(json.dumps([{"text": ARTICLE}, {"text": PARA_2, "published": "not a date"}]))
    docs = read(f)
    assert [d.id for d in docs if isinstance(d, Document)] == ["batch-1", "batch-2"]
    assert all(isinstance(d, Document) and d.published is None for d in docs)


def test_json_item_without_text_is_one_warning(tmp_path: Path) -> None:
    f = tmp_path / "batch.json"
    f.write_text(json.dumps([{"title": "no body"}, {"text": ARTICLE}, 7]), encoding="utf-8")
    items = read(f)
    assert [type(i) for i in items] == [UnreadableInput, Document, UnreadableInput]
    assert isinstance(items[0], InputError)
    assert items[0].source == f"{f}[1]"
    assert '"text"' in items[0].reason


def test_invalid_json_is_skipped_with_its_position(tmp_path: Path) -> None:
    f = tmp_path / "bad.json"
    f.write_text('{"text": "unterminated', encoding="utf-8")
    assert "not valid JSON" in only_error(read(f)).reason


def test_jsonl_reads_every_good_line_and_warns_once_per_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": ARTICLE}), "{not json", "", json.dumps({"id": "x7", "text": PARA_1}),
             json.dumps({"text": FRENCH})]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(f)
    assert [type(i) for i in items] == [Document, UnreadableInput, Document, UnsupportedLanguage]
    first, bad, second, french = items
    assert isinstance(first, Document) and first.id == "feed-1"
    assert isinstance(second, Document) and second.id == "x7"
    assert isinstance(bad, InputError) and bad.source == f"{f}:2"
    assert "other lines are still read" in bad.reason
    assert isinstance(french, InputError) and french.source == f"{f}:5"


def test_json_sniffed_from_stdin() -> None:
    stdin = io.BytesIO(json.dumps({"text": ARTICLE, "id": "piped"}).encode())
    assert only_doc(read("-", stdin=stdin)).id == "piped"


# --- stdin and directories ----------------------------------------------------------------------------


def test_stdin_text() -> None:
    doc = only_doc(read("-", stdin=io.BytesIO(ARTICLE.encode())))
    assert (doc.id, doc.path, doc.title) == ("stdin", None, HEADLINE)


def test_stdin_over_the_limit_is_skipped_without_reading_it_all() -> None:
    stdin = io.BytesIO(ARTICLE.encode() * 100)
    err = only_error(read("-", stdin=stdin, max_bytes=1000))
    assert err.source == "<stdin>"
    assert "limit" in err.reason
    assert stdin.tell() == 1001


def test_directory_is_read_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "two.txt").write_text(ARTICLE)
    (tmp_path / "a-one.txt").write_text(ARTICLE)
    (tmp_path / "c.txt").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / ".cache" / "x.txt").write_text(ARTICLE)
    docs = read(tmp_path)
    assert [d.path for d in docs if isinstance(d, Document)] == [
        str(tmp_path / "a-one.txt"), str(tmp_path / "c.txt"), str(tmp_path / "b" / "two.txt"),
    ]


def test_ids_stay_unique_across_files_with_the_same_stem(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(ARTICLE)
    assert [d.id for d in read(tmp_path) if isinstance(d, Document)] == ["report", "report-2"]


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c.txt").write_text(ARTICLE)
    items = read(tmp_path, tmp_path / "missing.txt")
    assert [type(i) for i in items] == [Document, UnreadableInput, Document, UnreadableInput]
    assert "no such file" in str(items[3])


# --- bad input ----------------------------------------------------------------------------------------


def test_binary_file_with_nul_bytes_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "blob.txt"
    f.write_bytes(bytes(range(256)) * 4)
    err = only_error(read(f))
    assert str(f) in str(err) and "binary" in err.reason


def test_text_full_of_control_characters_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "ctl.txt"
    f.write_bytes(ARTICLE.encode() + b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20)
    assert "control characters" in only_error(read(f)).reason


def test_known_binary_formats_are_named(tmp_path: Path) -> None:
    f = tmp_path / "report.pdf"
    f.write_bytes(b"%PDF-1.7\n" + ARTICLE.encode())
    assert "PDF" in only_error(read(f)).reason


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n"])
def test_empty_or_blank_file_is_skipped(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    assert "empty" in only_error(read(f)).reason


def test_file_of_nothing_but_chrome_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "chrome.txt"
    f.write_text("Share | Tweet\n\nRead more: Another story\n\n© 2024 Example Media\n")
    assert "site chrome" in only_error(read(f)).reason


def test_large_file_is_skipped_before_it_is_read(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as out:
        out.truncate(50_000_000)  # sparse: 50 MB on paper, nothing on disk
    started = time.perf_counter()
    err = only_error(read(f))
    assert time.perf_counter() - started < 0.5
    assert "50.0 MB" in err.reason and "REDLINE_MAX_BYTES" in err.reason


def test_max_bytes_is_respected(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    assert "limit" in only_error(read(f, max_bytes=50)).reason
    only_doc(read(f, max_bytes=len(ARTICLE.encode())))


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    text = ARTICLE + "\nThe café near the Élysée Palace was closed, the envoy said.\n"
    f.write_bytes(text.encode("latin-1"))
    assert "café near the Élysée" in only_doc(read(f)).text


def test_windows_1252_curly_quotes_are_decoded(tmp_path: Path) -> None:
    f = tmp_path / "cp.txt"
    f.write_bytes((ARTICLE + "\n“We will not retreat,” the minister said – twice.\n").encode("cp1252"))
    assert "“We will not retreat,” the minister said – twice." in only_doc(read(f)).text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_unicode_encodings_with_and_without_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "wide.txt"
    f.write_bytes((ARTICLE + "\nThe Élysée said “no”.\n").encode(encoding))
    doc = only_doc(read(f))
    assert doc.title == HEADLINE
    assert "The Élysée said “no”." in doc.text


def test_non_english_article_is_skipped_with_the_language_named(tmp_path: Path) -> None:
    f = tmp_path / "fr.txt"
    f.write_text(f"Les pourparlers échouent\n\n{FRENCH}\n", encoding="utf-8")
    err = only_error(read(f), UnsupportedLanguage)
    assert str(f) in str(err)
    assert "French" in err.reason and "English" in err.reason


def test_cyrillic_legacy_encoding_is_skipped_as_not_english(tmp_path: Path) -> None:
    f = tmp_path / "ru.txt"
    text = "Правительство заявило в пятницу, что не будет направлять войска в регион. " * 3
    f.write_bytes(text.encode("cp1251"))
    assert "Cyrillic" in only_error(read(f), UnsupportedLanguage).reason


def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in only_error(read(fifo)).reason


def test_json_escapes_for_nul_and_lone_surrogates_give_a_storable_document(tmp_path: Path) -> None:
    # Found by tests/test_fuzz_readers.py: valid JSON escapes that decode to text no database can store.
    path = tmp_path / "hostile.json"
    text = "Officials in Moscow said on Tuesday that the talks on the border would resume next week."
    path.write_text('{"id": "a\\u0000b", "title": "T\\ud800itle\\u001b[2J", "source": "x\\ny", '
                    f'"text": "{text} \\u0000\\udfff"}}', encoding="ascii")
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.source) == ("ab", "T\ufffditle[2J", "x y")
    assert doc.text == text + " \ufffd"
