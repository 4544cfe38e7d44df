"""How far to trust a consolidated claim: its independent sources and an Admiralty grade (letter and digit).

A claim (a red line, or one actor's position on one proposal) is carried by
reports: the documents whose statements it merges. Reports are **one
independent source** when any of these joins them:

- they are near-duplicates (a syndicated copy is linked to its original);
- one credits the other's outlet in its opening ("(Reuters)", "according to TASS"): a report that
  relays another is not independent of it, whatever claim the credit was for (the cautious side);
- their outlets have one owner (TASS and RT, both owned by the Russian state;
  the WSJ and the New York Post, both News Corp), or are one outlet;
- none of them names an outlet at all (no URL, source or attribution): such
  reports cannot be shown to be independent of each other, so together they
  count once.

The **letter** is the best reliability letter among the sources (A–F, see
``outlets.GRADES``). The **digit** (information credibility) follows from
corroboration alone:

=====  ==================  ===============================================================
digit  meaning             when
=====  ==================  ===============================================================
1      confirmed           two or more independent sources graded A–C
2      probably true       one independent source graded A–C and another graded A–E
3      possibly true       one independent source graded A–C alone, or two or more graded D–E
4      doubtful            one independent source, graded D or E
5      improbable          never assigned here: it needs a contradicting report, which
                           redline does not detect
6      cannot be judged    no source graded A–E (every one unknown, an aggregator, or F)
=====  ==================  ===============================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from redline.errors import ConfigError
from redline.sources.identify import Identified, identify
from redline.sources.outlets import GRADES, Outlet, SourceList

RELIABLE = frozenset("ABC")
KNOWN = frozenset("ABCDE")
UNIDENTIFIED_REASON = "no URL, source field or attribution in the text names an outlet: cannot be judged"


@dataclass(frozen=True, slots=True)
class Report:
    """One document carrying a claim: its key, its database id, the id of its original and what names its outlet."""

    doc_id: str
    document_id: int
    root: int  # the original's id for a syndicated copy (near-duplicate), else its own
    url: str | None
    source: str | None
    text: str

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Report:
        return cls(str(row["doc_id"]), int(row["document_id"]), int(row.get("root") or row["document_id"]),
                   row.get("url"), row.get("source"), str(row.get("text") or ""))


def credibility(group_grades: Iterable[str]) -> int:
    """The Admiralty digit for independent sources with these best letters (the table above)."""
    grades = list(group_grades)
    reliable = sum(g in RELIABLE for g in grades)
    known = sum(g in KNOWN for g in grades)
    if known == 0:
        return 6
    if reliable >= 2:
        return 1
    if reliable == 1:
        return 2 if known >= 2 else 3
    return 3 if known >= 2 else 4


def parse_grades(text: str) -> frozenset[str]:
    """The letters ``A-C``, ``B``, ``A,B,D`` or ``a-c`` stand for; ConfigError for anything else."""
    letters: set[str] = set()
    for part in text.upper().replace(" ", "").split(","):
        ends = part.split("-")
        if len(ends) == 1 and ends[0] in GRADES:
            letters.add(ends[0])
        elif len(ends) == 2 and ends[0] in GRADES and ends[1] in GRADES and ends[0] <= ends[1]:
            letters.update(g for g in GRADES if ends[0] <= g <= ends[1])
        else:
            raise ConfigError(f"--grade {text!r}: give letters A–F, a range like A-C, or a list like A,B")
    return frozenset(letters)


class _Groups:
    """Union-find over document ids."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _outlet_json(outlet: Outlet | None) -> dict[str, Any]:
    if outlet is None:
        return {"outlet": None, "name": "unidentified", "kind": None, "owner": None, "grade": "F",
                "reason": UNIDENTIFIED_REASON}
    return {"outlet": outlet.key, "name": outlet.name, "kind": outlet.kind, "owner": outlet.owner,
            "grade": outlet.grade, "reason": outlet.reason}


def corroborate(reports: Iterable[Report], sources: SourceList,
                identified: dict[int, Identified] | None = None) -> dict[str, Any]:
    """``independent_sources``, ``admiralty`` ("B2"), ``credibility`` and ``sources`` for one claim.

    ``identified`` remembers each document's outlet by its id across calls (one document states many claims).

    ``sources`` has one entry per outlet: ``outlet`` (its key: a domain, or None when unidentified),
    ``name``, ``kind``, ``owner``, ``grade``, ``reason``, ``doc_ids``, ``independent_source``
    (the number of the independent source it is counted in, from 1) and ``credits`` (the outlets
    its documents credit, which is why they may count with them).
    """
    groups = _Groups()
    outlets: dict[str | None, tuple[Outlet | None, list[str], list[int], set[str]]] = {}
    first_of: dict[str, int] = {}  # independence key → a document id carrying it
    for r in reports:
        if identified is not None and r.document_id in identified:
            who = identified[r.document_id]
        else:
            who = identify(r.url, r.source, r.text, sources)
            if identified is not None:
                identified[r.document_id] = who
        found = who.outlet
        groups.join(r.document_id, r.root)
        key = found.independence_key if found is not None else "unidentified"
        groups.join(r.document_id, first_of.setdefault(key, r.document_id))
        if who.credit is not None:
            groups.join(r.document_id, first_of.setdefault(who.credit.independence_key, r.document_id))
        entry = outlets.setdefault(found.key if found else None, (found, [], [], set()))
        if r.doc_id not in entry[1]:
            entry[1].append(r.doc_id)
        entry[2].append(r.document_id)
        if who.credit is not None and who.credit is not found:
            entry[3].add(who.credit.key)
    best: dict[int, str] = {}
    for outlet, _, ids, _ in outlets.values():
        grade = outlet.grade if outlet else "F"
        root = groups.find(ids[0])
        best[root] = min(best.get(root, "F"), grade)
    numbers = {root: i for i, root in enumerate(sorted(best), start=1)}
    digit = credibility(best.values())
    letter = min(best.values(), default="F")
    listed = [
        {**_outlet_json(outlet), "doc_ids": doc_ids, "independent_source": numbers[groups.find(ids[0])],
         "credits": sorted(credits)}
        for outlet, doc_ids, ids, credits in outlets.values()
    ]
    listed.sort(key=lambda s: (s["grade"], s["independent_source"], s["name"]))
    return {"independent_sources": len(best), "admiralty": f"{letter}{digit}", "credibility": digit,
            "sources": listed}


def keep(item: Mapping[str, Any], *, min_sources: int | None = None, grades: frozenset[str] | None = None) -> bool:
    """Whether a corroborated item has at least ``min_sources`` independent sources and a best letter in ``grades``."""
    if min_sources is not None and int(item.get("independent_sources") or 0) < min_sources:
        return False
    return not (grades is not None and str(item.get("admiralty") or "F6")[0] not in grades)
