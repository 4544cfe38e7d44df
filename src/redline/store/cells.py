"""The stance matrix's cells (``stance_cells``), kept for a write transaction and written once when it commits.

A cell is derived from its actor's counted stances on its proposal (:func:`redline.store.stance_history.stance_cell`).
Recomputing and rewriting it after every stance made a batch of documents read each cell's stances and write
its row once per stance. Here each cell touched by a transaction reads its stances once (none for a proposal
the transaction created), is kept in memory as stances are added (:func:`add_stance_to_cell`), and its row is
written when the transaction commits (``engine.before_commit``), one executemany of the changed rows and one of
the new. Nothing reads the table while a transaction writes (the matrix is read by queries and the browser),
and only this module writes it. :func:`refresh_cell` recomputes one cell from the table, for bulk rebuilds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from redline.store import stance_history
from redline.store.engine import before_commit
from redline.store.schema import documents, stance_cells, stances
from redline.store.txcache import transaction_cache

CELLS = "redline.stance_cells"  # (actor, proposal id) -> _Cell: the cell as this transaction leaves it


@dataclass
class _Cell:
    """A cell's counted stances, ``(id, seen, position, doc_key)`` in id order, and what the table holds."""

    rows: list[tuple[int, date | None, str, str]] = field(default_factory=list)
    stored: bool = False  # whether the table has a row for the cell
    position: str | None = None  # the cell's position as the table has it (or will, when the transaction commits)
    dirty: bool = False


# Built once: a statement built per cell cost more CPU than running it (SQLAlchemy's construction and cache key).
_CELL_STANCES = (
    select(stances.c.id, stances.c.seen, stances.c.position, documents.c.doc_key)
    .join(documents, documents.c.id == stances.c.document_id)
    .where(stances.c.actor == bindparam("actor"), stances.c.proposal_id == bindparam("proposal"), stances.c.counted)
    .order_by(stances.c.id)
)
_CELL_POSITION = select(stance_cells.c.position).where(
    stance_cells.c.actor == bindparam("actor"), stance_cells.c.proposal_id == bindparam("proposal"))


def _load(conn: Connection, actor: str, proposal_id: int) -> _Cell:
    key = {"actor": actor, "proposal": proposal_id}
    rows = conn.execute(_CELL_STANCES, key).all()
    position = conn.scalar(_CELL_POSITION, key)
    return _Cell([tuple(r) for r in rows], position is not None, position)


def _held(conn: Connection, actor: str, proposal_id: int, new_proposal: bool) -> _Cell:
    cells = transaction_cache(conn, CELLS)
    cell: _Cell | None = cells.get((actor, proposal_id))
    if cell is None:
        # a proposal this transaction created has no stance and no cell yet: nothing to read
        cell = cells[(actor, proposal_id)] = _Cell() if new_proposal else _load(conn, actor, proposal_id)
    return cell


def cell_position(conn: Connection, actor: str, proposal_id: int, *, new_proposal: bool = False) -> str | None:
    """The cell's position as it stands in this transaction (None: no cell yet)."""
    return _held(conn, actor, proposal_id, new_proposal).position


def add_stance_to_cell(
    conn: Connection, actor: str, proposal_id: int, stance: tuple[int, date | None, str, str] | None,
    *, new_proposal: bool = False,
) -> stance_history.Cell | None:
    """The cell once ``stance`` (``(id, seen, position, doc_key)`` of a counted stance; None for one not
    counted) is added to it; None when it has no counted stance. Its row is written when the transaction
    commits."""
    cell = _held(conn, actor, proposal_id, new_proposal)
    if stance is not None:
        cell.rows.append(stance)
        cell.dirty = True
        before_commit(conn, CELLS, _write_cells)
    if not cell.rows:
        return None
    result = stance_history.stance_cell(_history(cell.rows))
    cell.position = result.position
    return result


def _history(rows: list[tuple[int, date | None, str, str]]) -> list[tuple[date | None, str]]:
    return [(seen, position) for _, seen, position, _ in _in_time_order(rows)]


def _in_time_order(rows: list[tuple[int, date | None, str, str]]) -> list[tuple[int, date | None, str, str]]:
    return sorted(rows, key=lambda row: stance_history.in_time_order(row[1]))  # stable: same day in id order


def cell_values(rows: list[tuple[int, date | None, str, str]]) -> dict[str, Any]:
    """The columns of a cell whose counted stances are ``rows`` (in id order; at least one)."""
    ordered = _in_time_order(rows)
    history = [(seen, position) for _, seen, position, _ in ordered]
    cell = stance_history.stance_cell(history)
    runs, i = stance_history.position_runs(history), 0
    for run in runs:
        run["doc_ids"] = [row[3] for row in ordered[i : i + run["count"]]]
        i += run["count"]
    return {
        "position": cell.position,
        "previous": cell.previous,
        "changed": cell.changed,
        "first_seen": cell.first_seen,
        "last_seen": cell.last_seen,
        "count": cell.count,
        "latest_stance_id": ordered[-1][0],
        "history": json.dumps(runs, ensure_ascii=False),
    }


_UPDATE_CELL = (
    update(stance_cells)
    .where(stance_cells.c.actor == bindparam("cell_actor"), stance_cells.c.proposal_id == bindparam("cell_proposal"))
    .values({c: bindparam(c) for c in ("position", "previous", "changed", "first_seen", "last_seen", "count",
                                       "latest_stance_id", "history")})
)


def _write_cells(conn: Connection) -> None:
    """The cells the transaction changed, as :func:`add_stance_to_cell` left them."""
    cells = transaction_cache(conn, CELLS)
    new, changed = [], []
    for (actor, proposal_id), cell in cells.items():
        if not cell.dirty:
            continue
        values = cell_values(cell.rows)
        if cell.stored:
            changed.append({"cell_actor": actor, "cell_proposal": proposal_id, **values})
        else:
            new.append({"actor": actor, "proposal_id": proposal_id, **values})
        cell.dirty, cell.stored = False, True
    if changed:
        conn.execute(_UPDATE_CELL, changed)
    if new:
        conn.execute(insert(stance_cells), new)


def refresh_cell(conn: Connection, actor: str, proposal_id: int) -> stance_history.Cell | None:
    """Recompute one matrix cell from its counted stances and write it now (bulk rebuilds; documents may have
    arrived out of date order). The cell keeps its history (runs of equal positions, with their documents) and
    its latest stance, so listing the matrix reads one row per cell."""
    loaded = _load(conn, actor, proposal_id)
    if not loaded.rows:
        return None
    values = cell_values(loaded.rows)
    where = (stance_cells.c.actor == actor, stance_cells.c.proposal_id == proposal_id)
    if conn.execute(update(stance_cells).where(*where).values(**values)).rowcount == 0:
        conn.execute(insert(stance_cells).values(actor=actor, proposal_id=proposal_id, **values))
    return stance_history.stance_cell(_history(loaded.rows))
