"""Many events against many red lines at once: an index of the lines, and the similarity step in bulk.

:func:`match_all` decides exactly as :func:`redline.monitor.match.match_event` does
for every pair, but only asks about the pairs the index can connect (by trigger
class and party, by the holder for a consequence carried out, by meaning for a
vague trigger), and computes the similarities of an event with all its candidate
lines in one matrix product instead of one dot product per pair. On the synthetic
benchmark (``scripts/bench_match.py --vectors``: 10k events, 1k lines) that is the
similarity step's cost cut to one gather and one product per event.
"""

from __future__ import annotations

import gc
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from redline.models import Alert, Event
from redline.monitor import match as _match
from redline.monitor.match import (
    ANYONE,
    CARRYING_STATUSES,
    CROSSING_STATUSES,
    NEARING_STATUSES,
    PARTIAL_ACTIONS,
    VAGUE_ACTIONS,
    CompiledLine,
    GroupRegistry,
    Groups,
    _groups,
    _vector,
    evidence_texts,
    match_pair,
)

# Line dicts whose compiled form a matcher keeps (a few kB each, with their vectors): more than a write batch matches.
COMPILED_KEPT = 4096


class CompiledLines:
    """:meth:`CompiledLine.of`, kept for a line dict handed in again (the knowledge base's writer hands the same
    dict to every document of a transaction that matches against the line, and a new one once the line changed).

    A dict is taken as unchanged when it is the same object and its ``statements`` are the same texts; one whose
    statements are not all texts is compiled every time. Callers that change a line's other keys pass a new dict.
    """

    def __init__(self, size: int = COMPILED_KEPT) -> None:
        self.size = size
        # id of the dict -> (its statements when compiled, the compiled line; which holds the dict, so no other
        # object can take its id while it is kept)
        self._kept: OrderedDict[int, tuple[tuple[str, ...], CompiledLine]] = OrderedDict()

    def of(self, line: Mapping[str, Any]) -> CompiledLine:
        said = tuple(line.get("statements") or ())
        if not all(isinstance(s, str) for s in said):
            return CompiledLine.of(line)
        kept = self._kept.get(id(line))
        if kept is not None and kept[1].line is line and kept[0] == said:
            self._kept.move_to_end(id(line))
            return kept[1]
        compiled = CompiledLine.of(line)
        self._kept[id(line)] = (said, compiled)
        self._kept.move_to_end(id(line))
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return compiled


class LineIndex:
    """Red lines indexed by trigger action and by every code that can satisfy a trigger actor."""

    def __init__(self, lines: Iterable[Mapping[str, Any]], groups: Groups,
                 compiled: CompiledLines | None = None) -> None:
        self.groups = groups
        self.lines = [compiled.of(line) if compiled else CompiledLine.of(line) for line in lines]
        self.by_actor: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.open: dict[str, list[int]] = defaultdict(list)
        self.vague: list[int] = []
        # a holder may carry out its consequence: lines by (consequence class, holder); "*" for a vague class
        self.by_holder: dict[tuple[str, str], list[int]] = defaultdict(list)
        for pos, ln in enumerate(self.lines):
            if ln.vectors:
                done = [a for a in ln.consequence.action.split("/") if a and a not in VAGUE_ACTIONS]
                for a in done or ["*"]:
                    for h in ln.holder:
                        self.by_holder[a, h].append(pos)
            if ln.vague and ln.vectors:
                self.vague.append(pos)  # met by meaning: any event class may match
            # and by its own class, as match_event accepts it: a vague line is not only met by meaning
            for action in ln.actions:
                if not ln.trigger.actors or ANYONE in ln.trigger.actors:
                    self.open[action].append(pos)
                else:
                    for a in ln.trigger.actors:
                        self.by_actor[action, a].append(pos)
        self._matrix, self._has = self._vectors()
        self.dims = int(self._matrix.shape[2])
        # what CompiledLine.rejects reads, as arrays by position: the first day seen (0: unknown), the trigger's
        # targets (a trigger aimed at anyone rejects none) and the holder, over the codes the lines name
        aimed = [frozenset() if ANYONE in ln.target_set else ln.target_set for ln in self.lines]
        self.codes: dict[str, int] = {}
        for ln, targets in zip(self.lines, aimed, strict=True):
            for c in (*sorted(targets), *ln.holder):
                self.codes.setdefault(c, len(self.codes))
        self._seen = np.array([ln.first_seen.toordinal() if ln.first_seen else 0 for ln in self.lines],
                              dtype=np.int64)
        self._aimed = np.array([bool(t) for t in aimed], dtype=bool)
        self._targets = np.zeros((len(self.lines), len(self.codes)), dtype=bool)
        self._holders = np.zeros((len(self.lines), len(self.codes)), dtype=bool)
        for pos, (ln, targets) in enumerate(zip(self.lines, aimed, strict=True)):
            self._targets[pos, [self.codes[c] for c in targets]] = True
            self._holders[pos, [self.codes[c] for c in ln.holder]] = True

    def _vectors(self) -> tuple[Any, Any]:
        """Each line's two vectors stacked (lines x 2 x dims; a single vector twice), and which lines have any."""
        dims = next((ln.vectors[0].shape[0] for ln in self.lines if ln.vectors), 0)
        matrix = np.zeros((len(self.lines), 2, dims), dtype=np.float32)
        has = np.zeros(len(self.lines), dtype=bool)
        for pos, ln in enumerate(self.lines):
            if ln.vectors and ln.vectors[0].shape[0] == dims:
                matrix[pos, 0] = ln.vectors[0]
                matrix[pos, 1] = ln.vectors[-1]
                has[pos] = True
        return matrix, has

    def similarities(self, positions: Sequence[int], vector: Any) -> list[float | None]:
        """:meth:`CompiledLine.similarity` of one event vector with the lines at ``positions``, in one product."""
        if vector is None or not positions or self._matrix.shape[2] != vector.shape[0]:
            return [self.lines[p].similarity(vector) for p in positions]
        pos = np.asarray(positions)
        best = (self._matrix[pos] @ vector).max(axis=1).tolist()
        has = self._has[pos].tolist()
        return [float(b) if h else None for b, h in zip(best, has, strict=True)]

    def pair_similarities(self, ns: Any, ps: Any, events: Any, has_event: Any,
                          chunk: int = 8192) -> list[float | None]:
        """:meth:`CompiledLine.similarity` of each (event row ``ns[k]``, line ``ps[k]``) pair, a chunk at a time.

        ``events``: the event vectors as rows (:func:`_event_matrix`), ``has_event`` which rows are real.
        """
        out: list[float | None] = []
        for lo in range(0, len(ns), chunk):
            n, p = ns[lo:lo + chunk], ps[lo:lo + chunk]
            best = np.einsum("kvd,kd->kv", self._matrix[p], events[n]).max(axis=1).tolist()
            usable = (self._has[p] & has_event[n]).tolist()
            out.extend(float(b) if ok else None for b, ok in zip(best, usable, strict=True))
        return out

    def kept(self, events: Sequence[Event], ns: Any, ps: Any) -> Any:
        """Which (event, line) pairs survive :meth:`CompiledLine.rejects`, or are the holder's own act (arrays)."""
        if not len(ns):
            return np.zeros(0, dtype=bool)
        day = np.fromiter((e.date.toordinal() if e.date else 0 for e in events), dtype=np.int64, count=len(events))
        near = np.zeros((len(events), len(self.codes)), dtype=bool)
        acting = np.zeros((len(events), len(self.codes)), dtype=bool)
        has_near = np.zeros(len(events), dtype=bool)
        for n in np.unique(ns).tolist():
            e = events[n]
            has_near[n] = bool(e.targets)
            for t in e.targets:
                for c in {t} | self.groups.up(t) | self.groups.down(t):
                    if c in self.codes:
                        near[n, self.codes[c]] = True
            if e.status in CARRYING_STATUSES:
                for a in e.actors:
                    for c in {a} | self.groups.up(a):
                        if c in self.codes:
                            acting[n, self.codes[c]] = True
        seen, ev_day = self._seen[ps], day[ns]
        late = (seen > 0) & (ev_day > 0) & (ev_day < seen)
        aimed_elsewhere = self._aimed[ps] & has_near[ns] & ~(self._targets[ps] & near[ns]).any(axis=1)
        own_act = (self._holders[ps] & acting[ns]).any(axis=1)
        return ~(late | aimed_elsewhere) | own_act

    def near_in_meaning(self, vectors: Sequence[Any]) -> list[list[int]]:
        """For each event vector, the vague lines it is near enough in meaning to meet (one matrix product)."""
        if not self.vague or not any(v is not None for v in vectors):
            return [[] for _ in vectors]
        dims = next(v for v in vectors if v is not None).shape[0]
        events_m = np.stack([v if v is not None else np.zeros(dims, dtype=np.float32) for v in vectors])
        best = np.full((len(vectors), len(self.vague)), -1.0, dtype=np.float32)
        for k in range(max(len(self.lines[p].vectors) for p in self.vague)):
            lines_m = np.stack([
                self.lines[p].vectors[k] if len(self.lines[p].vectors) > k else np.zeros(dims, dtype=np.float32)
                for p in self.vague
            ])
            best = np.maximum(best, events_m @ lines_m.T)
        out: list[list[int]] = [[] for _ in vectors]
        vague = self.vague
        for i, j in zip(*np.nonzero(best >= _match.EVENT_COSINE), strict=True):
            out[i].append(vague[j])  # row-major: each event's lines in index order
        return out

    def positions(self, event: Event, near: Iterable[int] = ()) -> list[int]:
        """The positions of the lines ``event`` could match, in input order (see :meth:`candidates`)."""
        actions = {event.action} | {a for a, extra in PARTIAL_ACTIONS.items() if event.action in extra}
        keys: set[str] = set(event.actors)
        for a in event.actors:
            keys |= self.groups.up(a) | self.groups.down(a)
        found: set[int] = set(near)
        if event.status in CARRYING_STATUSES:
            for a in event.actors:
                for k in {a} | self.groups.up(a):
                    found.update(self.by_holder.get((event.action, k), ()))
                    found.update(self.by_holder.get(("*", k), ()))
        for action in actions:
            found.update(self.open.get(action, ()))
            for k in keys:
                found.update(self.by_actor.get((action, k), ()))
        return sorted(found)

    def candidates(self, event: Event, near: Iterable[int] = ()) -> list[CompiledLine]:
        """The lines ``event`` could match, in input order; an unknown actor meets only open triggers.

        ``near``: the vague lines the event is near in meaning (:meth:`near_in_meaning`).
        """
        return [self.lines[pos] for pos in self.positions(event, near)]


def match_all(
    events: Sequence[Event],
    lines: Iterable[Mapping[str, Any]],
    registry: GroupRegistry | Groups,
    vectors: Sequence[Any] | None = None,
    compiled: CompiledLines | None = None,
) -> list[Alert]:
    """Every alert the events raise against the lines: crossed first, then in event and line order.

    ``vectors``, parallel to ``events``: each event sentence's stored vector (or None). ``compiled``: the lines
    compiled by earlier calls (:class:`CompiledLines`).
    """
    with _collector_paused():
        return _match_all(events, lines, _groups(registry), vectors, compiled)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while alerts are made, if it was on: tens of thousands of new tuples
    (no cycles among them) set it off again and again over every live object (on the benchmark, a sixth of the
    time: 0.57 -> 0.48 s CPU)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _match_all(events: Sequence[Event], lines: Iterable[Mapping[str, Any]], groups: Groups,
               vectors: Sequence[Any] | None, compiled: CompiledLines | None = None) -> list[Alert]:
    index = LineIndex(lines, groups, compiled)
    alerts: list[Alert] = []
    decoded = [_vector(v) for v in vectors] if vectors else [None] * len(events)
    matrix, has_vector = _event_matrix(decoded, index.dims)
    close = index.near_in_meaning(decoded)
    # every pair the index connects, for all events first: the cheap tests (date, targets) and the similarity
    # step then run over all of them at once, in arrays
    pair_n: list[int] = []
    pair_p: list[int] = []
    for n, event in enumerate(events):
        if event.status in CROSSING_STATUSES | NEARING_STATUSES:
            found = index.positions(event, close[n])
            pair_n.extend([n] * len(found))
            pair_p.extend(found)
    ns, ps = np.asarray(pair_n, dtype=np.intp), np.asarray(pair_p, dtype=np.intp)
    keep = index.kept(events, ns, ps)
    ns, ps = ns[keep], ps[keep]
    sims = index.pair_similarities(ns, ps, matrix, has_vector)
    texts: dict[int, frozenset[str]] = {}
    for n, p, sim in zip(ns.tolist(), ps.tolist(), sims, strict=True):
        event = events[n]
        if n not in texts:
            texts[n] = evidence_texts(event)
        alert = match_pair(event, index.lines[p], groups, sim, texts=texts[n])
        if alert is not None:
            alerts.append(alert)
    alerts.sort(key=lambda a: a.status != "crossed")  # stable: event order, then line order, within each
    return alerts


def _event_matrix(decoded: Sequence[Any], dims: int) -> tuple[Any, Any]:
    """The event vectors as one matrix (a zero row where there is none, or of another size), and which are real."""
    has = np.fromiter((v is not None and v.shape[0] == dims for v in decoded), dtype=bool, count=len(decoded))
    matrix = np.zeros((len(decoded), dims), dtype=np.float32)
    rows = np.flatnonzero(has)
    if len(rows):
        matrix[rows] = np.stack([decoded[i] for i in rows.tolist()])
    return matrix, has


@dataclass
class LineMatcher:
    """Matching as the knowledge base asks for it (``redline.store.events.AlertMatcher``)."""

    groups: Groups
    # the lines of earlier calls, compiled: a knowledge base's writer matches many documents against the same ones
    compiled: CompiledLines = field(default_factory=CompiledLines, repr=False, compare=False)

    @classmethod
    def of(cls, registry: GroupRegistry | Groups) -> LineMatcher:
        return cls(_groups(registry))

    def match(
        self, events: Sequence[Event], lines: Sequence[Mapping[str, Any]], vectors: Sequence[Any] | None = None
    ) -> list[Alert]:
        return match_all(events, lines, self.groups, vectors, self.compiled)

    def line_actions(self, action: str) -> frozenset[str]:
        """The trigger classes an event of class ``action`` can meet: its own, those it counts as, the vague."""
        return frozenset({action} | {a for a, extra in PARTIAL_ACTIONS.items() if action in extra} | VAGUE_ACTIONS)
