"""redline.store.bulk: loading rows without merging, then rebuilding what ingest keeps up to date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, select

from builders import store_story
from redline.errors import StoreError
from redline.store import Store
from redline.store.bulk import bulk_insert, rebuild_proposal_wordings, rebuild_stance_cells, set_line_dates
from redline.store.schema import actors, proposal_wordings, redlines, stance_cells


@pytest.fixture
def kb(tmp_path: Path) -> Iterator[Store]:
    """The invented story, stored as ingest stores it."""
    with Store.open(store_story(str(tmp_path / "kb.db"))) as store:
        yield store


def _table(store: Store, table: Table) -> list[tuple[Any, ...]]:
    with store.reading() as conn:
        return sorted(tuple(r) for r in conn.execute(select(table)))


def test_rows_go_straight_into_the_named_table(store: Store) -> None:
    rows = [{"code": "KST", "first_seen": date(2030, 1, 1), "last_seen": date(2030, 2, 1), "statements": 4},
            {"code": "VLD", "first_seen": None, "last_seen": None, "statements": 0}]
    bulk_insert(store, "actors", rows)
    bulk_insert(store, "actors", [])
    assert _table(store, actors) == [("KST", date(2030, 1, 1), date(2030, 2, 1), 4), ("VLD", None, None, 0)]


def test_an_unknown_table_is_a_store_error_naming_the_tables(store: Store) -> None:
    with pytest.raises(StoreError, match=r"no table 'actor'; tables: .*\bactors\b.*\bredlines\b"):
        bulk_insert(store, "actor", [{"code": "KST"}])


def test_rebuilt_stance_cells_equal_those_kept_at_ingest(kb: Store) -> None:
    kept = _table(kb, stance_cells)
    assert kept  # the story has stances
    with kb.writing() as conn:
        conn.execute(stance_cells.delete())
    assert rebuild_stance_cells(kb) == len(kept)
    assert _table(kb, stance_cells) == kept


def test_rebuilt_wordings_equal_those_counted_at_ingest(kb: Store) -> None:
    kept = _table(kb, proposal_wordings)
    assert kept
    with kb.writing() as conn:
        conn.execute(proposal_wordings.delete())
    assert rebuild_proposal_wordings(kb) == len(kept)
    assert _table(kb, proposal_wordings) == kept


def test_line_dates_and_counts_are_set_for_the_lines_named(kb: Store) -> None:
    before = {r[0]: r[1:] for r in _lines(kb)}
    first, *others = sorted(before)
    assert others  # the story has more than one line: the others must keep theirs
    set_line_dates(kb, {first: (date(2031, 12, 24), 9)})
    after = {r[0]: r[1:] for r in _lines(kb)}
    assert after[first] == (date(2031, 12, 24), 9)
    assert all(after[k] == before[k] for k in others)


def _lines(store: Store) -> list[tuple[Any, ...]]:
    with store.reading() as conn:
        return [tuple(r) for r in conn.execute(select(redlines.c.id, redlines.c.last_seen, redlines.c.statement_count))]
