"""redline.store.cells: a transaction's stance cells are read once, kept in memory, written once at commit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from builders import document, stance
from redline import service
from redline.models import Extraction
from redline.store import Store
from redline.store.cells import refresh_cell
from redline.store.schema import stance_cells


def _articles() -> list[Extraction]:
    """Three dated articles in which one ministry moves on one proposal: against, against, then for."""
    out = []
    for i, (day, position, verb) in enumerate([(date(2031, 3, 1), "oppose", "rejected"),
                                                (date(2031, 3, 9), "oppose", "again rejected"),
                                                (date(2031, 4, 2), "support", "now backs")]):
        sentence = f"The Freedonian foreign ministry {verb} the plan to open a second canal toll zone."
        doc = document(f"canal-{i}", [sentence, f"Filler sentence number {i} about the weather."], published=day)
        out.append(Extraction(document=doc, stances=(stance(doc, sentence, actor="FRD", proposal="a second canal "
                              "toll zone", position=position, action="OTHER"),)))
    return out


def _ingest_counting(db: str, extractions: list[Extraction]) -> tuple[list[str], service.IngestSummary]:
    seen: list[str] = []
    store = service.open_store(service.Settings(db=db, embeddings=False))

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(" ".join(statement.split()[:3]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        summary = service.store_extractions(extractions, store, service.IngestSummary())  # one transaction
    finally:
        store.close()
    return seen, summary


def test_a_cell_changed_by_three_stances_in_one_transaction_is_written_once(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    seen, summary = _ingest_counting(db, _articles())
    assert summary.stored == 3
    assert seen.count("INSERT INTO stance_cells") == 1
    assert not any(s.startswith("UPDATE stance_cells") for s in seen)
    assert summary.shifts == ["FRD on “a second canal toll zone”: oppose → support"]
    with Store.open(db) as store, store.writing() as conn:
        stored = conn.execute(select(stance_cells)).one()._asdict()
        assert stored["position"] == "support" and stored["previous"] == "oppose" and stored["count"] == 3
        refresh_cell(conn, "FRD", stored["proposal_id"])  # recomputed from the stances: the same row
        assert conn.execute(select(stance_cells)).one()._asdict() == stored


def test_a_cell_stored_before_is_updated_once_by_a_later_transaction(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    first, *later = _articles()
    _ingest_counting(db, [first])
    seen, summary = _ingest_counting(db, later)
    assert seen.count("UPDATE stance_cells SET") == 1 and "INSERT INTO stance_cells" not in seen
    assert len(summary.shifts) == 1
    with Store.open(db) as store, store.reading() as conn:
        assert conn.execute(select(stance_cells.c.position, stance_cells.c.count)).one() == ("support", 3)
