"""What-if cascades: which red lines an action would cross, and what could follow.

Each crossed line's threatened consequence is taken as a new action by its
holder, against the consequence's targets (or, when it names none, against
the party whose action crossed the line), and matched again, to ``depth``
steps. A line already on a path is never crossed twice on it, so cycles end.
A path's score is the product of its steps' certainty weights.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from redline.extract.actions import classify
from redline.models import ActorMention, Event, WhatIfNode
from redline.monitor.match import CompiledLine, GroupRegistry, Groups, match_event

WEIGHTS = {"high": 1.0, "medium": 0.6, "low": 0.3}
# A threatened response of these classes names no action another line could be triggered by.
UNSPECIFIC = frozenset({"RESPOND", "OTHER"})


class MentionFinder(Protocol):
    def find(self, text: str, offset: int = 0) -> list[ActorMention]: ...


def whatif(
    actor: str | Sequence[str],
    action: str,
    targets: Sequence[str],
    lines: Iterable[Mapping[str, Any]],
    registry: GroupRegistry | Groups,
    depth: int = 3,
) -> list[WhatIfNode]:
    """The red lines ``actor`` doing ``action`` to ``targets`` would cross, and their cascades, best first."""
    groups = registry if isinstance(registry, Groups) else Groups(registry)
    compiled = [CompiledLine.of(line) for line in lines]
    actors = (actor,) if isinstance(actor, str) else tuple(actor)
    return _expand(actors, action, tuple(targets), compiled, groups, depth, 1.0, frozenset())


def _expand(
    actors: tuple[str, ...],
    action: str,
    targets: tuple[str, ...],
    lines: list[CompiledLine],
    groups: Groups,
    depth: int,
    score: float,
    path: frozenset[str],
) -> list[WhatIfNode]:
    if depth <= 0:
        return []
    move = Event(actors=actors, action=action, targets=targets, status="decided", text="", evidence=())
    nodes: list[WhatIfNode] = []
    for ln in lines:
        if ln.id in path:
            continue  # a cycle: this line was already crossed on the way here
        alert = match_event(move, ln, groups, check_date=False)
        if alert is None or alert.status != "crossed":
            continue
        certainty = str(ln.line.get("certainty") or "low")
        step_score = score * WEIGHTS.get(certainty, WEIGHTS["low"])
        children: list[WhatIfNode] = []
        if ln.consequence.action not in UNSPECIFIC and ln.holder:
            # The holder answers: against the threatened targets, or whoever crossed its line.
            answer_targets = ln.consequence.targets or actors
            for cons_action in ln.consequence.action.split("/"):
                children += _expand(
                    ln.holder,
                    cons_action,
                    answer_targets,
                    lines,
                    groups,
                    depth - 1,
                    step_score,
                    path | {ln.id},
                )
        nodes.append(
            WhatIfNode(
                actor=actors,
                action=action,
                targets=targets,
                line_id=ln.id,
                holder=ln.holder,
                trigger=ln.trigger,
                consequence=ln.consequence,
                certainty=certainty,
                score=step_score,
                explanation=alert.explanation,
                children=tuple(_ranked(children)),
            )
        )
    return _ranked(nodes)


def _ranked(nodes: list[WhatIfNode]) -> list[WhatIfNode]:
    return sorted(nodes, key=lambda n: (-n.score, n.line_id))


def paths(nodes: Iterable[WhatIfNode]) -> list[tuple[WhatIfNode, ...]]:
    """Every root-to-leaf path of a what-if tree, best score first."""
    out: list[tuple[WhatIfNode, ...]] = []

    def walk(node: WhatIfNode, prefix: tuple[WhatIfNode, ...]) -> None:
        here = (*prefix, node)
        if not node.children:
            out.append(here)
        for c in node.children:
            walk(c, here)

    for n in nodes:
        walk(n, ())
    return sorted(out, key=lambda p: -p[-1].score)


def node_to_dict(node: WhatIfNode) -> dict[str, Any]:
    """The JSON shape of a what-if node and its subtree."""
    return {
        "action": {"actors": list(node.actor), "action": node.action, "targets": list(node.targets)},
        "redline": {
            "id": node.line_id,
            "holder": list(node.holder),
            "trigger": {
                "actors": list(node.trigger.actors),
                "action": node.trigger.action,
                "targets": list(node.trigger.targets),
                "text": node.trigger.text,
            },
            "consequence": {
                "action": node.consequence.action,
                "targets": list(node.consequence.targets),
                "text": node.consequence.text,
            },
        },
        "certainty": node.certainty,
        "score": round(node.score, 4),
        "explanation": list(node.explanation),
        "then": [node_to_dict(c) for c in node.children],
    }


def parse_whatif(text: str, resolver: MentionFinder, nlp: Any = None) -> tuple[str, str, tuple[str, ...]]:
    """ "France deploys troops to Ukraine" → ("FRA", "DEPLOY", ("UKR",)).

    The first actor mentioned acts, the others are targets; the class comes from
    the shared action lexicon, read head-first over the parsed words when a
    spaCy pipeline is given, else over the plain words.
    """
    mentions = sorted(resolver.find(text, offset=0), key=lambda m: m.span.start)
    if not mentions:
        raise ValueError(f"no actor found in {text!r}; name one, e.g. 'France deploys troops to Ukraine'")
    actor = mentions[0].codes[0]
    targets: list[str] = []
    for m in mentions[1:]:
        targets.extend(c for c in m.codes if c != actor and c not in targets)
    rest = text[mentions[0].span.end :]
    action = _classify(rest, nlp)
    if action in {"OTHER", "RESPOND"}:
        raise ValueError(f"no action class found in {text!r}; say what is done, e.g. 'deploys troops'")
    return actor, action, tuple(targets)


def _classify(text: str, nlp: Any) -> str:
    if nlp is not None:
        return classify(list(nlp(text)))
    from redline.extract.lexicon import ACTION_LEMMAS, FORCE_WORDS, WEAPON_WORDS

    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", text)]
    stems = {w: w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words}
    if {"send", "sends", "sent", "supply", "supplies", "deliver", "delivers", "give", "gives"} & set(words):
        if set(words) & WEAPON_WORDS:
            return "ARM"
        if set(words) & FORCE_WORDS:
            return "DEPLOY"
    for w in words:
        for form in (w, stems[w], w[:-2] if w.endswith("es") else w, w[:-1] if w.endswith("d") else w):
            cls = ACTION_LEMMAS.get(form)
            if cls and cls not in {"RESPOND"}:
                return cls
    return "OTHER"


def whatif_compiled(
    actor: str | Sequence[str],
    action: str,
    targets: Sequence[str],
    compiled: Sequence[CompiledLine],
    groups: Groups,
    depth: int = 3,
) -> list[WhatIfNode]:
    """:func:`whatif` over lines compiled once (``CompiledLine.of``), for a caller that asks again and again
    (the workbench keeps them until the knowledge base changes)."""
    actors = (actor,) if isinstance(actor, str) else tuple(actor)
    return _expand(actors, action, tuple(targets), list(compiled), groups, depth, 1.0, frozenset())
