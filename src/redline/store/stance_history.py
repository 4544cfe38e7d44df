"""A stance cell's positions over time, pure: the latest position, the shift before it, and the runs.

Each position is one article's (an article holds one stance per actor and proposal), so a shift is always
between two articles, never inside one. A position of unknown date counts but is never ordered against dated
ones: it makes no shift, and it is sorted after them. :mod:`redline.store.cells` keeps the stored matrix with
these functions; ``redline stances`` and the browser show their result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Cell:
    """One actor × proposal cell of the stance matrix, derived from its dated positions."""

    position: str
    previous: str | None
    changed: date | None
    first_seen: date | None
    last_seen: date | None
    count: int


def stance_cell(history: Sequence[tuple[date | None, str]]) -> Cell:
    """The cell for positions in time order: the latest, the one before the latest change, and when.

    Each position is one article's (an article holds one stance per actor and proposal), so a change
    is always between two articles. A position of unknown date counts, but never makes a change:
    its order is unknown. It is the cell's position only when no position is dated.
    """
    if not history:
        raise ValueError("a stance cell needs at least one position")
    dated = [(seen, pos) for seen, pos in history if seen is not None]
    if not dated:
        return Cell(history[-1][1], None, None, None, None, len(history))
    position, previous, changed = dated[0][1], None, None
    for seen, pos in dated[1:]:
        if pos != position:
            previous, position, changed = position, pos, seen
    return Cell(position, previous, changed, dated[0][0], dated[-1][0], len(history))


def in_time_order(seen: date | None) -> tuple[bool, date]:
    """A sort key: dated positions oldest first, then those of unknown date (on every backend alike)."""
    return (seen is None, seen or date.min)


def position_runs(history: Sequence[tuple[date | None, str]]) -> list[dict[str, Any]]:
    """Consecutive equal positions collapsed: ``[{position, from, to, count}]``, oldest first.

    ``from`` and ``to`` are None for positions of unknown date; they are never run together with dated ones.
    """
    runs: list[dict[str, Any]] = []
    for seen, pos in history:
        day = seen.isoformat() if seen else None
        if runs and runs[-1]["position"] == pos and (runs[-1]["to"] is None) == (day is None):
            runs[-1]["to"] = day
            runs[-1]["count"] += 1
        else:
            runs.append({"position": pos, "from": day, "to": day, "count": 1})
    return runs
