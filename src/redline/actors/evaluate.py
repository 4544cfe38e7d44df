"""Accuracy of the resolver on a table of cases (``tests/fixtures/actors/cases.csv``).

A case is a sentence, a stretch of it (its ``n``-th occurrence) and the codes
that stretch must resolve to; no codes means it must stay unresolved: no
mention may overlap it. A resolved case is right when one mention covers
exactly that stretch with the same set of codes (and the same person, when
the case names one).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from redline.actors.resolver import Resolver
from redline.models import ActorMention, Span


@dataclass(frozen=True, slots=True)
class Case:
    """One row of the case table."""

    sentence: str
    mention: str
    n: int
    codes: tuple[str, ...]
    person: str | None
    published: date | None
    note: str = ""

    def span(self) -> Span:
        """Where the ``n``-th occurrence of ``mention`` lies in ``sentence``."""
        start = -1
        for _ in range(self.n):
            start = self.sentence.find(self.mention, start + 1)
            if start < 0:
                raise ValueError(f"{self.mention!r} occurs fewer than {self.n} times in {self.sentence!r}")
        return Span(start, start + len(self.mention))


@dataclass(frozen=True, slots=True)
class Outcome:
    """A case and what the resolver found for it."""

    case: Case
    right: bool
    found: tuple[ActorMention, ...]


def load_cases(path: Path) -> list[Case]:
    """Read a case table: sentence, mention, n, codes (``;``-separated), person, published, note."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Case(
                sentence=row["sentence"],
                mention=row["mention"],
                n=int(row["n"] or 1),
                codes=tuple(c for c in row["codes"].split(";") if c),
                person=row["person"] or None,
                published=date.fromisoformat(row["published"]) if row["published"] else None,
                note=row.get("note") or "",
            )
            for row in csv.DictReader(handle)
        ]


def judge(resolver: Resolver, case: Case) -> Outcome:
    """Run the resolver on the case's sentence and say whether it got the case right."""
    span = case.span()
    found = tuple(m for m in resolver.find(case.sentence, published=case.published) if m.span.overlaps(span))
    if not case.codes:
        return Outcome(case, right=not found, found=found)
    right = any(
        m.span == span
        and set(m.codes) == set(case.codes)
        and (case.person is None or m.person == case.person)
        for m in found
    )
    return Outcome(case, right=right, found=found)


def accuracy(resolver: Resolver, cases: list[Case]) -> tuple[float, list[Outcome]]:
    """The share of cases right, and every outcome."""
    outcomes = [judge(resolver, case) for case in cases]
    right = sum(o.right for o in outcomes)
    return (right / len(outcomes) if outcomes else 0.0), outcomes
