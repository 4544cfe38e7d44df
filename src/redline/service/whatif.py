"""What-if: the escalation tree of a move, typed as text or as actor, action and targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from redline.config import Settings
from redline.errors import InputError
from redline.service.browse import _with_store


def _whatif_json(node: Any, evidence: dict[int, list[str]]) -> dict[str, Any]:
    """A what-if node as JSON, its line id the store's integer and its line's first evidence sentence."""
    from redline.escalation.whatif import node_to_dict

    data = node_to_dict(node)

    def fix(item: dict[str, Any]) -> None:
        # WhatIfNode.line_id is the matcher's string form of the store's integer id.
        line_id = int(item["redline"]["id"])
        item["redline"]["id"] = line_id
        # A full sentence says more than a headline: the first one that ends like a sentence.
        said = evidence.get(line_id, [])
        item["redline"]["evidence"] = [next((x for x in said if x.rstrip().endswith((".", "!", "?", "”", '"'))),
                                            said[0])] if said else []
        for child in item["then"]:
            fix(child)

    fix(data)
    return data


def _whatif_move(text: str | None, actor: str | None, action: str | None, targets: Sequence[str], depth: int,
                 parse: Callable[[str], tuple[str, str, tuple[str, ...]]]) -> tuple[str, str, tuple[str, ...]]:
    """The move a what-if asks about, as (actor, action class, targets): the codes given, else ``parse(text)``.

    Raises ConfigError or InputError with what to give instead.
    """
    from redline.errors import ConfigError
    from redline.models import ACTION_CLASSES

    if depth < 1:
        raise ConfigError(f"--depth must be at least 1, not {depth}")
    who, what, whom = (actor.upper() if actor else None), (action.upper() if action else None), tuple(
        t.upper() for t in targets)
    if text and not (who and what):
        try:
            parsed = parse(text)
        except ValueError as e:
            part = "an actor" if "actor" in str(e) else "an action"
            raise InputError(text, f"could not find {part} in {text!r}; try --actor/--action/--target") from None
        who, what, whom = who or parsed[0], what or parsed[1], whom or parsed[2]
    if not who or not what:
        raise ConfigError("say what happens: a text like 'France deploys troops to Ukraine', "
                          "or --actor and --action (with --target)")
    if what not in ACTION_CLASSES:
        raise ConfigError(f"unknown action class {what!r}; use one of {', '.join(ACTION_CLASSES)}")
    return who, what, whom


def whatif(settings: Settings, text: str | None = None, *, actor: str | None = None,
           action: str | None = None, targets: Sequence[str] = (), depth: int = 3) -> list[dict[str, Any]]:
    """The red lines an action would cross, and what their holders' threatened responses would cross in turn.

    The action is ``text`` ("France deploys troops to Ukraine") or ``actor``/``action``/``targets``
    (codes and a FORMAT.md §4 class; given ones override what the text says). Best-scored first;
    each node is ``escalation.whatif.node_to_dict`` with the line's integer id and its evidence.
    """
    from redline.actors import Resolver, load_registry
    from redline.escalation.whatif import parse_whatif
    from redline.escalation.whatif import whatif as cascade
    from redline.monitor.match import Groups
    from redline.store.events import matching_lines

    def parse(said: str) -> tuple[str, str, tuple[str, ...]]:
        from redline.extract.nlp import load_model

        return parse_whatif(said, Resolver(), load_model(settings.spacy_model))

    who, what, whom = _whatif_move(text, actor, action, targets, depth, parse)
    registry = load_registry()
    lines = _with_store(settings, matching_lines)
    nodes = cascade(who, what, whom, lines, Groups(registry), depth=depth)
    evidence = {int(line["id"]): list(line["statements"]) for line in lines}
    return [_whatif_json(n, evidence) for n in nodes]
