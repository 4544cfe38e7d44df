"""What a write transaction reads again and again, kept for the rest of that transaction.

Every stance an ingest writes is compared with the stored proposals: reading each
proposal's text, targets and vector again for every stance makes one batch of 32
documents fetch the whole table a hundred times or more. A write transaction holds
the knowledge base's write lock (``engine.write_connection``), so nothing but the
transaction itself changes a row meanwhile; what it changes it forgets here
(:func:`forget_proposal`), and the next read loads it again. Each proposal's wordings and their vectors
are kept the same way (:func:`proposal_wordings_of`; a new wording forgets them). The actors' rows are kept the
same way (``ACTORS``, by ``actor_tally.touch_actors``, their only writer, which writes them back when the
transaction commits: nothing reads the table meanwhile). The cache ends with the
transaction: a rolled-back batch written again document by document starts afresh.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Engine, select

from redline.embed import from_bytes
from redline.store import merge
from redline.store.schema import proposal_wordings, proposals, statements

PROPOSALS = "redline.proposal_signatures"
PROPOSAL_IDS = "redline.proposal_ids"  # "ids" -> {proposal id: its action class}, every stored proposal, by id
LINE_SENTENCES = "redline.line_evidence"  # red line id -> its statements' evidence sentences (store.events)
LINES = "redline.matching_lines"  # red line id -> its dict as the alert matcher reads it (store.events)
EVENTS = "redline.events"  # event id -> (Event, its sentence vector): store.events (an event never changes)
PROPOSAL_INDEX = "redline.proposal_index"  # "index" -> store.blocking.ProposalIndex: every proposal's vectors
DOC_STANCES = "redline.document_stances"  # (actor, proposal id, document id) -> the stance's id
WORDINGS = "redline.proposal_wordings"  # proposal id -> its wordings' (text, vector), those with a vector
WITH_WORDINGS = "redline.proposals_with_wordings"  # proposal id -> (signature, wordings, the two together)
ACTORS = "redline.actor_rows"  # code -> (first_seen, last_seen, statements), or None when not stored
ACTORS_DIRTY = "redline.actors_to_write"  # code -> whether it is new: written when the transaction commits
EVIDENCE = "redline.evidence_to_write"  # "rows" -> evidence rows not written yet (writer.add_evidence)
SEARCH = "redline.search_entries_to_write"  # "rows" -> search entries not written yet
CHUNK = 500  # ids per IN (...) when loading what is not cached (well under SQLite's variable limit)


def transaction_cache(conn: Connection, name: str) -> dict[Any, Any]:
    """A dict that lives as long as ``conn``'s current transaction; a fresh one outside a transaction."""
    txn = conn.get_transaction()
    if txn is None:
        return {}
    held = conn.info.get(name)
    if held is None or held[0] is not txn:  # a strong reference: a later transaction is never taken for it
        held = conn.info[name] = (txn, {})
    cache: dict[Any, Any] = held[1]
    return cache


_COMMITTED: weakref.WeakKeyDictionary[Engine, dict[str, dict[Any, Any]]] = weakref.WeakKeyDictionary()


def committed_cache(conn: Connection, name: str) -> dict[Any, Any]:
    """A dict that lives as long as ``conn``'s engine (its process's knowledge base): for rows that are never
    changed nor deleted once committed (the events), filled only with what committed transactions stored
    (``engine.after_commit``), so that a rolled-back batch's rows, whose ids are given again, never stay."""
    return _COMMITTED.setdefault(conn.engine, {}).setdefault(name, {})


def proposal_signatures(conn: Connection, ids: Iterable[int]) -> list[tuple[int, merge.ProposalSignature]]:
    """The stored proposals ``ids`` as merging reads them, in the order given; each row read once per transaction."""
    order = list(ids)
    cache = transaction_cache(conn, PROPOSALS)
    missing = [i for i in dict.fromkeys(order) if i not in cache]
    for lo in range(0, len(missing), CHUNK):
        rows = conn.execute(
            select(proposals.c.id, proposals.c.text, proposals.c.action, proposals.c.targets, proposals.c.vector,
                   proposals.c.peace_force)
            .where(proposals.c.id.in_(missing[lo : lo + CHUNK]))
        )
        for row in rows:
            cache[row.id] = merge.ProposalSignature(
                row.text, row.action, merge.codes_set(row.targets), from_bytes(row.vector), peace_force=row.peace_force
            )
    return [(i, cache[i]) for i in order if i in cache]


def forget_proposal(conn: Connection, proposal_id: int) -> None:
    """The transaction changed this proposal: read it again when it is next compared."""
    transaction_cache(conn, PROPOSALS).pop(proposal_id, None)
    _touch_index(conn, proposal_id)


def _touch_index(conn: Connection, proposal_id: int) -> None:
    index = transaction_cache(conn, PROPOSAL_INDEX).get("index")
    if index is not None:
        index.touch(proposal_id)


def proposal_changed(conn: Connection, proposal_id: int, action: str | None) -> None:
    """The transaction changed this proposal, whose class is now ``action``: :func:`forget_proposal`, and the
    class kept with its id (:func:`proposal_ids`) follows."""
    forget_proposal(conn, proposal_id)
    cache = transaction_cache(conn, PROPOSAL_IDS)
    held, groups = cache.get("ids"), cache.get("groups")
    if held is None or groups is None or held.get(proposal_id, action) == action:
        return
    groups[held[proposal_id]].remove(proposal_id)
    bisect.insort(groups.setdefault(action, []), proposal_id)
    held[proposal_id] = action


def _proposal_ids(conn: Connection) -> dict[str, Any]:
    cache = transaction_cache(conn, PROPOSAL_IDS)
    if "ids" not in cache:
        rows = conn.execute(select(proposals.c.id, proposals.c.action).order_by(proposals.c.id)).all()
        cache["ids"] = {proposal_id: action for proposal_id, action in rows}
        groups: dict[str | None, list[int]] = {}
        for proposal_id, action in rows:
            groups.setdefault(action, []).append(proposal_id)
        cache["groups"] = groups
    return cache


def proposal_ids(conn: Connection, actions: Iterable[str] | None = None) -> list[int]:
    """The stored proposals' ids, read once per transaction (one query, not one per stance), then kept as the
    transaction adds (:func:`add_proposal_id`) and changes (:func:`proposal_changed`) them: those of no class,
    then those of each class (of ``actions``, or every class) in alphabetical order, each in id order.

    That is the order in which SQLite returned them when each stance queried them (its plans read the covering
    index ``ix_proposals_action``, whether all are asked for or ``action IS NULL OR action IN (...)``), so that
    equal scores are still settled for the same proposal (``merge.best_match`` keeps the first). PostgreSQL
    returned the table's physical order, which its updates reshuffle; it now has SQLite's.
    """
    groups = _proposal_ids(conn)["groups"]
    wanted = sorted(set(actions) if actions is not None else {a for a in groups if a is not None})
    return [i for action in (None, *wanted) for i in groups.get(action, ())]


def add_proposal_id(conn: Connection, proposal_id: int, action: str | None) -> None:
    """The transaction stored a new proposal (its id is above every stored one)."""
    cache = transaction_cache(conn, PROPOSAL_IDS)
    if "ids" in cache:
        cache["ids"][proposal_id] = action
        cache["groups"].setdefault(action, []).append(proposal_id)


def proposal_wordings_of(conn: Connection, ids: Iterable[int]) -> dict[int, tuple[tuple[str, Any], ...]]:
    """Each proposal's distinct wordings that have a vector, with it (the vector of the first statement so
    worded); each proposal's read once per transaction."""
    order = list(dict.fromkeys(ids))
    cache = transaction_cache(conn, WORDINGS)
    missing = [i for i in order if i not in cache]
    found: dict[int, list[tuple[str, Any]]] = {}
    for lo in range(0, len(missing), CHUNK):
        rows = conn.execute(
            select(proposal_wordings.c.proposal_id, proposal_wordings.c.wording, statements.c.vector)
            .join(statements, statements.c.id == proposal_wordings.c.first_statement_id)
            .where(proposal_wordings.c.proposal_id.in_(missing[lo : lo + CHUNK]), statements.c.vector.is_not(None))
        )
        for proposal_id, wording, data in rows:
            vec = from_bytes(data)
            if vec is not None:
                found.setdefault(proposal_id, []).append((wording, vec))
    for i in missing:
        cache[i] = tuple(found.get(i, ()))
    return {i: cache[i] for i in order}


def forget_wordings(conn: Connection, proposal_id: int) -> None:
    """The transaction added a wording to this proposal: read its wordings again when next compared."""
    transaction_cache(conn, WORDINGS).pop(proposal_id, None)
    _touch_index(conn, proposal_id)


def forget_line(conn: Connection, line_id: int) -> None:
    """The transaction added a statement to this red line (and may have changed its row): read the line and its
    evidence sentences again when next matched."""
    transaction_cache(conn, LINE_SENTENCES).pop(line_id, None)
    transaction_cache(conn, LINES).pop(line_id, None)
