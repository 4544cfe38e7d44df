"""Events against red lines: an alert when an event crosses or nears a known line.

A red line here is the knowledge base's consolidated dict: ``{"id", "holder",
"trigger": {"actors", "action", "targets", "text"}, "consequence": {...},
"certainty", "first_seen", "last_seen", "statements": [...]}``.

An event **crosses** a line when its actor is among the trigger actors (directly,
through a group it belongs to — FRA is in NATO — or because the trigger names
anyone), its action is the trigger's class, its targets meet the trigger's
(or the trigger names none), it occurred or was decided, and it is not older
than the line. It **approaches** the line when it is only planned or
considered, or when it matches only in part (the target unknown, the actor a
group the trigger party belongs to). Denied events never alert, and neither
does a restatement of the line itself.

An event also **crosses** a line when the holder does what it warned of
(:func:`carried_out`: "the supplier halted gas deliveries to the buyer that refused
its terms"): it occurred, its class is the consequence's (or the consequence is
vague), its targets are those the consequence or the trigger names, and its
sentence is near the line in meaning (≥ :data:`CARRIED_COSINE`; never without
vectors, as the holder acts for many reasons). On the training chains this
found the Kinzhal strike on the Patriot the Kremlin had called a target.

Meaning: when the event and the line carry sentence vectors (``redline.embed``,
stored at ingest), their similarity is the larger cosine of the event's sentence
with the line's trigger text and with the line's own evidence. It is reported in
every alert's explanation. For a vague trigger ("if such actions are repeated",
class OTHER or RESPOND) it stands in for the action class: an event of any class
by a trigger party meets the trigger when the similarity reaches
:data:`EVENT_COSINE` (never an event whose actor is unknown: meaning alone does not
stand in for both its class and its party); an event of the trigger's own class meets it too, as for
any line (the index finds a vague line both ways, so it finds every match
:func:`match_event` accepts). On the training chains
(``scripts/chains.py ../shared/eval/train --event-cosine 0.45,0.50,0.55,0.60,0.65``)
9, 9, 9, 8 and 8 of 12 pass (the annexation met by meaning needs ≤ 0.55), none
with a false alarm; 0.55, the value chosen before any chain was run, is the
strictest of the best, kept.

This module decides one pair (:func:`match_event`, or :func:`match_pair` once the
similarity is known); :mod:`redline.monitor.line_index` matches many events
against many lines with the same decisions (``match_all``, ``LineMatcher``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from redline.embed import cosine, from_bytes
from redline.extract.event_words import is_withdrawal
from redline.models import Alert, Consequence, Event, Trigger

CROSSING_STATUSES = frozenset({"occurred", "decided"})
NEARING_STATUSES = frozenset({"planned", "considered"})
# The statuses in which the holder's own act can carry out its warning (carried_out): done or decided, or only
# planned when the warning itself was only to consider the act ("would consider withdrawing its troops").
CARRYING_STATUSES = frozenset({"occurred", "decided", "planned"})
# A consequence that warns only of weighing an act: a plan to do it already goes further.
CONSIDERING = re.compile(r"\b(?:consider|reconsider|weigh|review|rethink|reassess|re-evaluate|reevaluate)\w*",
                         re.IGNORECASE)
ANYONE = "ANY"
# A trigger class an event of another class also satisfies, in part: a chemical attack is an attack.
PARTIAL_ACTIONS = {"ATTACK": frozenset({"WMD"})}
# Trigger classes too vague to compare with an event's class: meaning decides (EVENT_COSINE).
VAGUE_ACTIONS = frozenset({"OTHER", "RESPOND"})
EVENT_COSINE = 0.55
# The similarity at which the holder's own act is taken for its consequence carried out (carried_out). Fitted
# on the training chains (scripts/chains.py ../shared/eval/train --carried-cosine 0.40,0.45,0.50,0.55): 6, 6, 5
# and 5 of 12 passed, with no false alarm at any value; 0.45 was the strictest of the best. Since the events of
# a repelled attack and of a supply's receiver are read, 9 of 12 pass at each of the four values; 0.45 is kept
# (inside that range, not at its edge: twelve chains place the edge by one or two sentences).
CARRIED_COSINE = 0.45


class GroupRegistry(Protocol):
    """What matching needs of the actor registry."""

    def groups_of(self, code: str) -> Iterable[str]: ...

    def members(self, code: str) -> Iterable[str]: ...


@dataclass
class Groups:
    """The registry's group relations, closed transitively and cached (matching asks the same codes often)."""

    registry: GroupRegistry
    _up: dict[str, frozenset[str]] = field(default_factory=dict)
    _down: dict[str, frozenset[str]] = field(default_factory=dict)
    # the party checks of matching, by their inputs: batch matching asks the same few combinations again and again
    _parties: dict[tuple[Any, ...], tuple[str, str] | None] = field(default_factory=dict)

    def _closure(self, code: str, step: Any, cache: dict[str, frozenset[str]]) -> frozenset[str]:
        if code not in cache:
            seen: set[str] = set()
            todo = [code]
            while todo:
                for g in step(todo.pop()) or ():
                    if g not in seen and g != code:
                        seen.add(g)
                        todo.append(g)
            cache[code] = frozenset(seen)
        return cache[code]

    def up(self, code: str) -> frozenset[str]:
        """Every group ``code`` belongs to, directly or through another group."""
        return self._closure(code, self.registry.groups_of, self._up)

    def down(self, code: str) -> frozenset[str]:
        """Every member of the group ``code``, and their members."""
        return self._closure(code, self.registry.members, self._down)


def _groups(registry: GroupRegistry | Groups) -> Groups:
    return registry if isinstance(registry, Groups) else Groups(registry)


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _actions(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value) if isinstance(value, Sequence) else ()


def _statement_texts(line: Mapping[str, Any]) -> set[str]:
    """The evidence sentences of a line's own statements: an event stated there is the line itself."""
    out: set[str] = set()
    for s in line.get("statements") or ():
        if isinstance(s, str):
            out.add(s.strip())
            continue
        if not isinstance(s, Mapping):
            continue
        ev = s.get("evidence")
        for v in ev if isinstance(ev, list | tuple) else [ev, s.get("text")]:
            if isinstance(v, str):
                out.add(v.strip())
            elif isinstance(v, Mapping) and isinstance(v.get("text"), str):
                out.add(v["text"].strip())
    return out


def _actor_match(
    actors: Sequence[str], trigger: Sequence[str], holder: Sequence[str], groups: Groups
) -> tuple[str, str] | None:
    """("full"|"partial", how) when the event's actors meet the trigger's, else None."""
    key = ("actor", tuple(actors), tuple(trigger), tuple(holder))
    if key not in groups._parties:
        groups._parties[key] = _actor_match_of(actors, trigger, holder, groups)
    return groups._parties[key]


def _actor_match_of(
    actors: Sequence[str], trigger: Sequence[str], holder: Sequence[str], groups: Groups
) -> tuple[str, str] | None:
    if not actors:
        return ("partial", "actor unknown") if not trigger or ANYONE in trigger else None
    if set(actors) <= set(holder):
        return None  # a holder does not cross its own line
    if not trigger:
        return "full", f"actor {'/'.join(actors)}: the trigger names no party (anyone but the holder)"
    if ANYONE in trigger:
        return "full", f"actor {'/'.join(actors)}: the trigger names any party"
    for a in actors:
        if a in trigger:
            return "full", f"actor {a} (trigger actor)"
    for a in actors:
        hit = sorted(groups.up(a) & set(trigger))
        if hit:
            return "full", f"actor {a} ∈ {hit[0]} (trigger actor)"
    for a in actors:
        hit = sorted(groups.down(a) & set(trigger))
        if hit:
            return "partial", f"actor {a} is a group that includes {hit[0]} (trigger actor)"
    return None


def _target_match(targets: Sequence[str], trigger: Sequence[str], groups: Groups,
                  holder: Sequence[str] = ()) -> tuple[str, str] | None:
    """("full"|"partial", how) when the event's targets meet the trigger's, else None."""
    key = ("target", tuple(targets), tuple(trigger), tuple(holder))
    if key not in groups._parties:
        groups._parties[key] = _target_match_of(targets, trigger, groups, holder)
    return groups._parties[key]


def _target_match_of(targets: Sequence[str], trigger: Sequence[str], groups: Groups,
                     holder: Sequence[str] = ()) -> tuple[str, str] | None:
    if not trigger:
        return "full", "the trigger names no target"
    if ANYONE in trigger:
        return "full", "the trigger names any target"
    if not targets and set(trigger) <= set(holder):
        # "a blockade", "sanctions" with no target named are aimed at the holder who warned of them; an event
        # of that kind by the trigger's party whose target the article does not name meets it
        return "full", "target unknown; the trigger is aimed at the holder"
    if not targets:
        return "partial", "target unknown"
    for t in targets:
        if t in trigger:
            return "full", f"target {t} (trigger target)"
    for t in targets:
        hit = sorted(groups.up(t) & set(trigger))
        if hit:
            return "full", f"target {t} ∈ {hit[0]} (trigger target)"
    for t in targets:
        hit = sorted(groups.down(t) & set(trigger))
        if hit:
            return "full", f"target {t} includes {hit[0]} (trigger target)"
    return None


@dataclass(frozen=True)
class CompiledLine:
    """A red-line dict read once: what matching compares, in the types it compares."""

    line: Mapping[str, Any]
    id: str
    holder: tuple[str, ...]
    trigger: Trigger
    actions: tuple[str, ...]
    consequence: Consequence
    first_seen: date | None
    own: frozenset[str]
    actor_set: frozenset[str] = frozenset()
    target_set: frozenset[str] = frozenset()
    vectors: tuple[Any, ...] = ()  # unit vectors of the trigger text and of the line's evidence, when stored
    evidence: tuple[str, ...] = ()  # ``own`` in order: every alert on the line carries it
    # whether the trigger's and the consequence's wordings are of a withdrawal (read once, asked of every pair)
    trigger_withdraws: bool = False
    consequence_withdraws: bool = False

    @property
    def vague(self) -> bool:
        """Whether the trigger's class says too little to compare (OTHER, RESPOND, none)."""
        return not self.actions or all(a in VAGUE_ACTIONS for a in self.actions)

    def similarity(self, vector: Any) -> float | None:
        """The larger cosine of an event's vector with the trigger's and the evidence's; None without vectors."""
        if vector is None or not self.vectors:
            return None
        if len(self.vectors) == 1:
            return cosine(vector, self.vectors[0])
        return float(max(np.dot(self.vectors[0], vector), np.dot(self.vectors[1], vector)))

    def __post_init__(self) -> None:
        object.__setattr__(self, "actor_set", frozenset(self.trigger.actors))
        object.__setattr__(self, "target_set", frozenset(self.trigger.targets))
        object.__setattr__(self, "evidence", tuple(sorted(self.own)))
        object.__setattr__(self, "trigger_withdraws", is_withdrawal(self.trigger.text))
        object.__setattr__(self, "consequence_withdraws", is_withdrawal(self.consequence.text))

    def rejects(self, event: Event, targets_near: frozenset[str]) -> bool:
        """A cheap first test: True when ``event`` surely raises no alert (the date or the targets differ)."""
        if self.first_seen and event.date and event.date < self.first_seen:
            return True
        open_target = not self.target_set or ANYONE in self.target_set
        return bool(not open_target and targets_near and not (targets_near & self.target_set))

    @classmethod
    def of(cls, line: Mapping[str, Any]) -> CompiledLine:
        trig = line.get("trigger") or {}
        actions = _actions(trig.get("action"))
        trigger = Trigger(
            tuple(trig.get("actors") or ()),
            "/".join(actions),
            tuple(trig.get("targets") or ()),
            str(trig.get("text") or ""),
        )
        return cls(
            line,
            str(line.get("id")),
            tuple(line.get("holder") or ()),
            trigger,
            actions,
            _consequence(line),
            _as_date(line.get("first_seen")),
            frozenset(_statement_texts(line)),
            vectors=tuple(
                v for v in (_vector(trig.get("vector")), _vector(line.get("context_vector"))) if v is not None
            ),
        )


def _vector(value: object) -> Any:
    """A stored vector (bytes) or one already read; None when there is none."""
    if isinstance(value, bytes | bytearray | memoryview):
        return from_bytes(bytes(value))
    return value if value is not None and hasattr(value, "shape") else None


# is_withdrawal of an event's text, asked of it against every line it could match: kept per text
_withdraws = lru_cache(maxsize=65536)(is_withdrawal)


def match_event(
    event: Event,
    line: Mapping[str, Any] | CompiledLine,
    registry: GroupRegistry | Groups,
    *,
    check_date: bool = True,
    vector: Any = None,
) -> Alert | None:
    """The alert ``event`` raises against ``line``, or None. ``vector``: the event sentence's, when stored."""
    groups = _groups(registry)
    ln = line if isinstance(line, CompiledLine) else CompiledLine.of(line)
    if event.status not in CROSSING_STATUSES | NEARING_STATUSES:
        return None
    vec = vector if vector is None or isinstance(vector, np.ndarray) else _vector(vector)
    return match_pair(event, ln, groups, ln.similarity(vec), check_date)


def match_pair(event: Event, ln: CompiledLine, groups: Groups, sim: float | None,
               check_date: bool = True, texts: frozenset[str] | None = None) -> Alert | None:
    """:func:`match_event` once the similarity of the event's sentence with the line is known (None: no vectors).

    Batch matching (:mod:`redline.monitor.line_index`) computes the similarities of many pairs at once, and
    ``texts`` (:func:`evidence_texts` of the event) once per event.
    """
    if event.status not in CROSSING_STATUSES | NEARING_STATUSES:
        return None
    return (_trigger_met(event, ln, groups, sim, check_date, texts)
            or carried_out(event, ln, groups, sim, check_date, texts))


def evidence_texts(event: Event) -> frozenset[str]:
    """The event's evidence sentences as a line's own statements are compared: an event stated there is none."""
    return frozenset(ev.text.strip() for ev in event.evidence)


def _stated(event: Event, ln: CompiledLine, texts: frozenset[str] | None) -> bool:
    """Whether the event is read from one of the line's own statements."""
    return bool(ln.own) and not ln.own.isdisjoint(evidence_texts(event) if texts is None else texts)


def _trigger_met(event: Event, ln: CompiledLine, groups: Groups, sim: float | None,
                 check_date: bool, texts: frozenset[str] | None = None) -> Alert | None:
    """The alert of an event that is the trigger itself (its actor a trigger party, its class the trigger's)."""
    if event.action in ln.actions:
        action_part, action_how = "full", f"action {event.action} (trigger action)"
    elif any(event.action in PARTIAL_ACTIONS.get(a, ()) for a in ln.actions):
        action_part, action_how = "partial", f"action {event.action} counts as {ln.trigger.action}"
    elif ln.vague and event.actors and sim is not None and sim >= EVENT_COSINE:
        # meaning alone never stands in for the class of an event whose actor is unknown: "the rocket was
        # launched" reads near any warning about launches, whoever the line is about
        action_part, action_how = "full", f"action {event.action}: the trigger ({ln.trigger.action}) is met by meaning"
    else:
        return None
    if not ln.trigger_withdraws and _withdraws(event.text):
        return None  # forces pulled out are the opposite of forces sent: only a trigger that words a withdrawal
    actor = _actor_match(event.actors, ln.trigger.actors, ln.holder, groups)
    if actor is None:
        return None
    target = _target_match(event.targets, ln.trigger.targets, groups, ln.holder)
    if target is None:
        return None
    if check_date and ln.first_seen and event.date and event.date < ln.first_seen:
        return None  # the line was not known yet
    if _stated(event, ln, texts):
        return None  # the line's own statement, not an event
    full = actor[0] == "full" and target[0] == "full" and action_part == "full"
    status = "crossed" if full and event.status in CROSSING_STATUSES else "approaching"
    explanation = [actor[1], action_how, target[1]]
    if sim is not None:
        explanation.append(f"meaning {sim:.2f} {'≥' if sim >= EVENT_COSINE else '<'} {EVENT_COSINE:.2f}"
                           " (event sentence ~ trigger and line evidence)")
    explanation.append(f"event status {event.status}")
    if event.date is None:
        explanation.append("event date unknown")
    if status == "approaching":
        explanation.append(
            "approaching: "
            + ("the event is only " + event.status if event.status in NEARING_STATUSES else "a partial match")
        )
    # positional: status, line id, holder, trigger, consequence, event, explanation, line evidence
    return Alert(status, ln.id, ln.holder, ln.trigger, ln.consequence, event, tuple(explanation), ln.evidence)


def carried_out(event: Event, ln: CompiledLine, groups: Groups, sim: float | None,
                check_date: bool = True, texts: frozenset[str] | None = None) -> Alert | None:
    """The alert of an event in which the holder does what it warned of: the trigger is taken to have happened.

    "the supplier halted gas deliveries to the buyer" carries out the consequence of
    "if payments are not made, contracts will be stopped". The holder acts for many reasons, so meaning must
    tie the event to this line (similarity ≥ :data:`CARRIED_COSINE`, never without vectors); its class must be
    the consequence's (or the consequence is vague), and its targets those the consequence or the trigger
    names. An event that occurred or was decided counts; a planned one only when the warning was itself to
    consider the act ("would consider withdrawing its troops": "will withdraw" goes further); never the line's own
    statement. A withdrawal carries out only a consequence that words one.
    """
    if event.status not in CARRYING_STATUSES or not event.actors or not ln.holder:
        return None
    if event.status == "planned" and not CONSIDERING.search(ln.consequence.text):
        return None
    if not ln.consequence_withdraws and _withdraws(event.text):
        return None
    holder = set(ln.holder)
    # the holder acts, alone or beside others ("Britain, France and Germany launched UN sanctions": the UN's
    # sanctions name the UN too); never with the party its answer is aimed at
    if not any(a in holder or groups.up(a) & holder for a in event.actors):
        return None
    if set(event.actors) & (set(ln.consequence.targets) - {ANYONE}):
        return None
    if check_date and ln.first_seen and event.date and event.date < ln.first_seen:
        return None
    if _stated(event, ln, texts):
        return None
    if sim is None or sim < CARRIED_COSINE:
        return None
    actions = _actions(ln.consequence.action.split("/") if ln.consequence.action else ())
    if actions and event.action not in actions and not all(a in VAGUE_ACTIONS for a in actions):
        return None
    aimed = set(ln.consequence.targets) | (set(ln.trigger.actors) - {ANYONE})
    if aimed and event.targets and _target_match(event.targets, sorted(aimed), groups) is None:
        return None
    how = f"action {event.action}: the consequence ({ln.consequence.action or '-'}) carried out"
    explanation = (
        f"actor {'/'.join(event.actors)} is the holder", how,
        f"target {'/'.join(event.targets) or 'unknown'}",
        f"meaning {sim:.2f} ≥ {CARRIED_COSINE:.2f} (event sentence ~ trigger and line evidence)",
        f"event status {event.status}",
        ("the holder did what it warned of" if event.status == "occurred" else
         "the holder decided what it warned of" if event.status == "decided" else
         "the holder plans what it warned it would consider") + ": the trigger is taken to have happened",
    )
    return Alert(
        status="crossed", line_id=ln.id, holder=ln.holder, trigger=ln.trigger, consequence=ln.consequence,
        event=event, explanation=explanation, line_evidence=ln.evidence,
    )


def _consequence(line: Mapping[str, Any]) -> Consequence:
    c = line.get("consequence") or {}
    return Consequence(
        "/".join(_actions(c.get("action"))), tuple(c.get("targets") or ()), str(c.get("text") or "")
    )


# Batch matching lives beside this module (redline.monitor.line_index, which imports this one); its names are
# still found here, read when first asked for.
_BATCH = frozenset({"LineIndex", "LineMatcher", "match_all"})


def __getattr__(name: str) -> Any:
    if name in _BATCH:
        from redline.monitor import line_index

        return getattr(line_index, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
