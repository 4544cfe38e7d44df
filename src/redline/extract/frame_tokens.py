"""The parts every frame finder shares: the :class:`Frame` and a few questions asked of parse tokens."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "can", "'ll", "wo"})


@dataclass
class Frame:
    """A trigger / consequence split of one sentence."""

    kind: str
    trigger: list[Token]
    consequence: list[Token]
    head: Token | None = None
    explicit: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def minus(tokens: list[Token], *exclude: list[Token]) -> list[Token]:
    """``tokens`` without those of the ``exclude`` groups and without punctuation."""
    drop = {t.i for group in exclude for t in group}
    return [t for t in tokens if t.i not in drop and not t.is_punct]


def has_modal(verb: Token) -> bool:
    """ "will", "would", "could" ... on the verb."""
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def subject(verb: Token) -> Token | None:
    """The verb's subject, active or passive, nominal or clausal."""
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass", "csubj", "csubjpass"}:
            return c
    return None


def child(t: Token, deps: set[str]) -> Token | None:
    """The first child of ``t`` with one of the dependency labels."""
    return next((c for c in t.children if c.dep_ in deps), None)
