"""Each actor's tally in the knowledge base: how many statements name it, and the first and last day it was seen.

:func:`touch_actors` is the table's only writer. Each actor's row is read once per transaction (txcache), and
what changed is written once, when the transaction commits (``engine.before_commit``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, bindparam, insert, select, update

from redline.store.engine import before_commit
from redline.store.schema import actors
from redline.store.txcache import ACTORS, ACTORS_DIRTY, CHUNK, transaction_cache


def earliest(a: date | None, b: date | None) -> date | None:
    """The earlier of two dates, either of which may be unknown."""
    return min(a, b) if a and b else a or b


def latest(a: date | None, b: date | None) -> date | None:
    """The later of two dates, either of which may be unknown."""
    return max(a, b) if a and b else a or b


def touch_actors(conn: Connection, seen: date | None, codes: Iterable[str]) -> None:
    """One more statement for each actor of ``codes``, its first and last dates widened to ``seen``.

    Each actor's row is read once per transaction (txcache; only this function writes the table), and what
    changed is written once, when the transaction commits (``engine.before_commit``): an executemany of the
    new actors and one of the changed ones, not a statement per actor per statement.
    """
    known = transaction_cache(conn, ACTORS)
    missing = [c for c in sorted(set(codes)) if c not in known]
    for lo in range(0, len(missing), CHUNK):
        chunk = missing[lo : lo + CHUNK]
        found = {row.code: tuple(row)[1:] for row in conn.execute(_ACTORS_OF, {"codes": chunk})}
        for code in chunk:
            known[code] = found.get(code)
    dirty = transaction_cache(conn, ACTORS_DIRTY)  # code -> whether the row is new to the table
    for code in sorted(set(codes)):
        row = known[code]
        if row is None:
            known[code] = (seen, seen, 1)
            dirty[code] = True
        else:
            known[code] = (earliest(row[0], seen), latest(row[1], seen), row[2] + 1)
            dirty.setdefault(code, False)
    if dirty:
        before_commit(conn, ACTORS_DIRTY, _write_actors)


_ACTORS_OF = select(actors).where(actors.c.code.in_(bindparam("codes", expanding=True)))
_UPDATE_ACTOR = (
    update(actors)
    .where(actors.c.code == bindparam("actor"))
    .values(first_seen=bindparam("first"), last_seen=bindparam("last"), statements=bindparam("n"))
)


def _write_actors(conn: Connection) -> None:
    """The actors the transaction touched, as ``touch_actors`` left them in its cache."""
    known, dirty = transaction_cache(conn, ACTORS), transaction_cache(conn, ACTORS_DIRTY)
    new = [{"code": c, "first_seen": known[c][0], "last_seen": known[c][1], "statements": known[c][2]}
           for c, fresh in dirty.items() if fresh]
    changed = [{"actor": c, "first": known[c][0], "last": known[c][1], "n": known[c][2]}
               for c, fresh in dirty.items() if not fresh]
    if new:
        conn.execute(insert(actors), new)
    if changed:
        conn.execute(_UPDATE_ACTOR, changed)
    dirty.clear()
