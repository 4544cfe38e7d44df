"""redline.service.ingest: extractions stored in batches, whole documents only, a re-run adding nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import story
from redline import service


def _store_story(db: str, batch: int) -> service.IngestSummary:
    store = service.open_store(service.Settings(db=db))
    try:
        return service.store_extractions(story(), store, service.IngestSummary(), batch=batch)
    finally:
        store.close()


@pytest.mark.parametrize("batch", [1, 3, 32])
def test_the_batch_size_changes_nothing_that_is_stored(tmp_path: Path, batch: int) -> None:
    db = str(tmp_path / f"kb{batch}.db")
    summary = _store_story(db, batch)
    # The reprint is stored (as a near-duplicate of its original) but restates nothing new.
    assert summary.stored == 4 and summary.near_duplicates == 1
    assert summary.new_lines == 2 and summary.restated_lines == 1 and summary.new_stances == 3
    assert summary.shifts == ["FRA on “send NATO soldiers to Velmora”: open → oppose"]
    assert len(service.lines(service.Settings(db=db))) == 2


def test_storing_the_same_extractions_again_adds_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    _store_story(db, 2)
    again = _store_story(db, 2)
    assert again.stored == 0 and again.new_lines == 0 and again.new_stances == 0
    assert len(service.lines(service.Settings(db=db))) == 2


def test_progress_names_every_document(tmp_path: Path) -> None:
    seen: list[tuple[str, str]] = []
    store = service.open_store(service.Settings(db=str(tmp_path / "kb.db")))
    try:
        service.store_extractions(story(), store, service.IngestSummary(),
                                  on_progress=lambda what, doc: seen.append((what, doc)))
    finally:
        store.close()
    assert [doc for _, doc in seen] == [e.document.id for e in story()]


def test_ingest_skips_unreadable_inputs_with_their_reason(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json")
    summary = service.ingest([str(tmp_path / "broken.json"), str(tmp_path / "missing.txt")],
                             service.Settings(db=str(tmp_path / "kb.db")))
    assert summary.stored == 0 and len(summary.skipped) == 2
    assert all(reason for _, reason in summary.skipped)
    assert summary.as_json()["skipped"][0]["input"].endswith("broken.json")


def test_an_unknown_engine_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(service.RedlineError, match="engine"):
        service.ingest([str(tmp_path)], service.Settings(db=str(tmp_path / "kb.db")), engine="spark")
