"""Bulk loading that bypasses merging: for the synthetic scale knowledge base (scripts/gen_kb.py) only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, insert, select

from redline.errors import StoreError
from redline.store.cells import refresh_cell
from redline.store.kb import Store
from redline.store.schema import metadata, proposal_wordings, stance_cells, stances, statements


def bulk_insert(store: Store, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows straight into one table (column names as in ``schema``), in one transaction."""
    if table not in metadata.tables:
        raise StoreError(f"no table {table!r}; tables: {', '.join(sorted(metadata.tables))}")
    if rows:
        with store.writing() as conn:
            conn.execute(insert(metadata.tables[table]), list(rows))


def rebuild_stance_cells(store: Store) -> int:
    """Recompute every actor × proposal cell from the stances; returns how many cells there are."""
    with store.writing() as conn:
        conn.execute(stance_cells.delete())
        pairs = conn.execute(select(stances.c.actor, stances.c.proposal_id).distinct()).all()
        for actor, proposal_id in pairs:
            refresh_cell(conn, actor, proposal_id)
        # Fresh statistics, so the planner picks the indexes on a large synthetic KB.
        conn.exec_driver_sql("ANALYZE")
    return len(pairs)


def rebuild_proposal_wordings(store: Store) -> int:
    """Recount every proposal's wordings from the stance statements; returns how many wordings there are."""
    wordings = (
        select(stances.c.proposal_id, statements.c.proposal, func.count(), func.min(statements.c.id))
        .join(stances, stances.c.id == statements.c.stance_id)
        .where(statements.c.kind == "stance", statements.c.proposal.is_not(None), statements.c.proposal != "")
        .group_by(stances.c.proposal_id, statements.c.proposal)
    )
    columns = ["proposal_id", "wording", "count", "first_statement_id"]
    with store.writing() as conn:
        conn.execute(proposal_wordings.delete())
        conn.execute(insert(proposal_wordings).from_select(columns, wordings))
        return int(conn.scalar(select(func.count()).select_from(proposal_wordings)) or 0)


def set_line_dates(store: Store, lines: Mapping[int, tuple[Any, int]]) -> None:
    """Set each line's ``last_seen`` and ``statement_count`` after its statements were bulk-loaded."""
    from sqlalchemy import bindparam, update

    from redline.store.schema import redlines

    rows = [{"line": k, "last": last, "n": n} for k, (last, n) in lines.items()]
    with store.writing() as conn:
        for i in range(0, len(rows), 20_000):
            conn.execute(
                update(redlines)
                .where(redlines.c.id == bindparam("line"))
                .values(last_seen=bindparam("last"), statement_count=bindparam("n")),
                rows[i : i + 20_000],
            )
