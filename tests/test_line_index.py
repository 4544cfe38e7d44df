"""Batch matching: the index and the similarity step in bulk decide exactly as every pair matched one by one."""

from __future__ import annotations

import gc
import random
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, ClassVar

import numpy as np
import pytest

from redline.models import Alert, Event, Evidence, Span
from redline.monitor.line_index import CompiledLines, LineIndex, LineMatcher, match_all
from redline.monitor.match import Groups, match_event

STATES = ["FRA", "POL", "USA", "DEU", "RUS", "UKR", "CHN", "TWN", "IRN", "ISR", "AUS"]
ACTIONS = ["ATTACK", "DEPLOY", "ARM", "WMD", "ANNEX", "SANCTION", "JOIN", "COERCE"]
STATUSES = ["occurred", "decided", "planned", "considered", "denied"]
SAID = [f"statement {i} of a red line" for i in range(6)]


class Registry:
    GROUPS: ClassVar[dict[str, tuple[str, ...]]] = {
        "NATO": ("FRA", "POL", "USA", "DEU"),
        "WEST": ("NATO", "AUS"),
    }

    def groups_of(self, code: str) -> Iterable[str]:
        return [g for g, members in self.GROUPS.items() if code in members]

    def members(self, code: str) -> Iterable[str]:
        return self.GROUPS.get(code, ())


def _unit(rnd: np.random.Generator, dims: int = 6) -> Any:
    # few dimensions, so that cosines spread over [-1, 1] and both thresholds are met and missed
    v = rnd.standard_normal(dims).astype(np.float32)
    return v / np.linalg.norm(v)


def _lines(n: int, rnd: random.Random, gen: np.random.Generator) -> list[dict[str, Any]]:
    parties = [*STATES, "NATO", "WEST"]
    out = []
    for i in range(n):
        first = date(2024, 1, 1) + timedelta(days=rnd.randrange(300))
        roll = rnd.random()
        actors = [] if roll < 0.1 else ["ANY"] if roll < 0.2 else rnd.sample(parties, rnd.choice([1, 1, 2]))
        targets = ["ANY"] if rnd.random() < 0.1 else rnd.sample(parties, rnd.choice([0, 1, 1, 2]))
        trigger: dict[str, Any] = {
            "actors": actors,
            "action": rnd.choice([*ACTIONS, "OTHER", "RESPOND"]),
            "targets": targets,
            "text": f"trigger {i}",
        }
        line: dict[str, Any] = {
            "id": str(i),
            "holder": [rnd.choice(parties)],
            "trigger": trigger,
            "consequence": {"action": rnd.choice([*ACTIONS, "RESPOND"]), "targets": rnd.sample(STATES, 1),
                            "text": "c"},
            "first_seen": first.isoformat() if rnd.random() < 0.9 else None,
            "statements": [{"doc_id": f"d{i}", "evidence": rnd.choice(SAID)}],
        }
        if rnd.random() < 0.8:
            trigger["vector"] = _unit(gen)
            if rnd.random() < 0.7:
                line["context_vector"] = _unit(gen)
        out.append(line)
    return out


def _events(n: int, rnd: random.Random) -> list[Event]:
    out = []
    for i in range(n):
        text = rnd.choice(SAID) if rnd.random() < 0.05 else f"event sentence {i}"
        out.append(Event(
            actors=tuple(rnd.sample([*STATES, "NATO"], rnd.choice([0, 1, 1, 1, 2]))),
            action=rnd.choice(ACTIONS),
            targets=tuple(rnd.sample([*STATES, "NATO"], rnd.choice([0, 1, 1, 2]))),
            status=rnd.choice(STATUSES),
            text=text,
            evidence=(Evidence(f"e{i}", 0, Span(0, len(text)), text),),
            date=date(2024, 1, 1) + timedelta(days=rnd.randrange(400)) if rnd.random() < 0.9 else None,
        ))
    return out


def _one_by_one(events: list[Event], lines: list[dict[str, Any]], vectors: list[Any]) -> list[Alert]:
    groups = Groups(Registry())
    found = []
    for event, vector in zip(events, vectors, strict=True):
        for line in lines:
            alert = match_event(event, line, groups, vector=vector)
            if alert is not None:
                found.append(alert)
    found.sort(key=lambda a: a.status != "crossed")
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batch_matching_decides_as_every_pair_one_by_one(seed: int) -> None:
    rnd, gen = random.Random(seed), np.random.default_rng(seed)
    lines, events = _lines(120, rnd, gen), _events(400, rnd)
    vectors = [_unit(gen) if rnd.random() < 0.85 else None for _ in events]
    batch = match_all(events, lines, Registry(), vectors)
    assert batch == _one_by_one(events, lines, vectors)
    assert {a.status for a in batch} == {"crossed", "approaching"}
    assert any("by meaning" in " ".join(a.explanation) for a in batch)  # vague lines met by meaning
    assert any("the holder did what it warned of" in " ".join(a.explanation) for a in batch)


def test_similarities_in_bulk_are_the_pairwise_ones() -> None:
    gen = np.random.default_rng(7)
    lines = _lines(30, random.Random(7), gen)
    index = LineIndex(lines, Groups(Registry()))
    vector = _unit(gen)
    positions = list(range(len(lines)))
    ns = np.zeros(len(positions), dtype=np.intp)
    bulk = index.pair_similarities(ns, np.asarray(positions), vector[None, :], np.array([True]))
    for got, ln in zip(bulk, index.lines, strict=True):
        want = ln.similarity(vector)
        assert (got is None) == (want is None)
        assert got is None or want is None or abs(got - want) < 1e-6


def test_the_collector_is_restored_after_matching() -> None:
    assert gc.isenabled()
    match_all(_events(5, random.Random(1)), [], Registry())
    assert gc.isenabled()
    gc.disable()
    try:
        match_all([], [], Registry())
        assert not gc.isenabled()
    finally:
        gc.enable()


def _said_lines(n: int, seed: int) -> list[dict[str, Any]]:
    """Lines as the knowledge base's writer hands them over: their statements are sentences (texts)."""
    lines = _lines(n, random.Random(seed), np.random.default_rng(seed))
    for line in lines:
        line["statements"] = [s["evidence"] for s in line["statements"]]
    return lines


def test_a_line_dict_handed_in_again_is_compiled_once_until_its_statements_change() -> None:
    kept = CompiledLines()
    line = _said_lines(1, 4)[0]
    first = kept.of(line)
    line["statements"] = list(line["statements"])  # the same texts in a new list: the writer's way
    assert kept.of(line) is first
    line["statements"] = [*line["statements"], "a sentence added by a new statement"]
    again = kept.of(line)
    assert again is not first and "a sentence added by a new statement" in again.own
    copy = dict(line)  # another dict with the same content is another line for the cache
    assert kept.of(copy) is not again and kept.of(copy).own == again.own
    worded = {**line, "statements": [{"doc_id": "d1", "evidence": "a statement given as a mapping"}]}
    assert kept.of(worded) is not kept.of(worded)  # not all texts: read every time


def test_kept_lines_are_bounded_and_an_evicted_one_is_compiled_again() -> None:
    kept = CompiledLines(size=2)
    a, b, c = _said_lines(3, 5)
    ca = kept.of(a)
    kept.of(b)
    kept.of(c)
    assert kept.of(c) is kept.of(c)
    assert kept.of(a) is not ca  # pushed out by b and c


@pytest.mark.parametrize("seed", [1, 2])
def test_a_matcher_that_keeps_lines_decides_as_matching_afresh(seed: int) -> None:
    rnd, gen = random.Random(seed), np.random.default_rng(seed)
    lines, matcher = _said_lines(60, seed), LineMatcher.of(Registry())
    events = _events(200, rnd)
    vectors = [_unit(gen) if rnd.random() < 0.85 else None for _ in events]
    rounds = []
    for _ in range(4):
        found = matcher.match(events, lines, vectors)
        assert found == match_all(events, lines, Registry(), vectors)
        rounds.append(found)
        # between calls lines are stated again with the sentences of events that met them: each such event now is
        # the line itself, and raises no alert on it
        for alert in found[:15]:
            line = next(ln for ln in lines if ln["id"] == alert.line_id)
            line["statements"] = [*line["statements"], alert.event.evidence[0].text]
    assert rounds[-1] != rounds[0]
