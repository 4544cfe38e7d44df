"""The signatures and field tests of merging (:mod:`redline.store.merge`), apart from the decisions: what a
line and a proposal are compared by, whether two code sets, two action classes, two certainty labels agree, and
which stored vector is nearest. Split out of ``merge`` by concern; ``merge`` re-exports every name here, so
callers keep reading them from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from redline.embed import cosine

# Actions too vague to tell two triggers apart: compatible with any class.
WILDCARD_ACTIONS = frozenset({"OTHER", "RESPOND"})
# Trigger classes whose parties extraction may read either way round: who joins and what is joined;
# who supplies, who receives and who is struck with the weapons ("allowing Ukraine to fire their
# missiles into Russia" names the supplier, the user or the target as the actor).
JOIN_ACTION = "JOIN"
PARTY_SET_ACTIONS = frozenset({JOIN_ACTION, "ARM"})
# Classes one red line is stated in either way: supplying weapons for strikes, and striking with the
# weapons supplied ("British weapons used by Ukraine to strike Russia" / "allowing their missiles to be
# fired into Russia"). Across such classes the wording must say the same more clearly (RELATED_COSINE).
RELATED_ACTIONS = frozenset({frozenset({"ARM", "ATTACK"})})
# Anyone ("any nation"): a shared ANY is no agreement on a named party. (Letting a trigger of ANY alone
# match every party merged different lines on the training set: fit_links.py.)
ANYONE = "ANY"
CERTAINTY_RANK = {"low": 0, "medium": 1, "high": 2}

GroupsOf = Callable[[str], Iterable[str]]


@dataclass(frozen=True)
class LineSignature:
    """What merging looks at in a red line: holder codes and the trigger."""

    holder: frozenset[str]
    actors: frozenset[str]
    action: str
    targets: frozenset[str]
    text: str
    vector: Any = field(default=None, compare=False)  # the trigger text's unit vector, when embedded
    context: Any = field(default=None, compare=False)  # the evidence sentence's unit vector, when embedded
    # The trigger vectors of a stored line's other statements: a restatement may be nearer to any of them.
    restatements: tuple[Any, ...] = field(default=(), compare=False)
    consequence: str | None = None  # the consequence's action class, when known
    # The trigger targets of a stored line's statements, each as stated (the line's own are their union).
    stated_targets: tuple[frozenset[str], ...] = field(default=(), compare=False)
    # The evidence-sentence vectors of a stored line's statements: a vague restatement may be nearer to the
    # sentence of any of them than to the first ("if such actions are repeated" after a restatement).
    contexts: tuple[Any, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class ProposalSignature:
    """What merging looks at in a proposal: its action class, its targets and its wording."""

    text: str
    action: str | None
    targets: frozenset[str]
    # The proposal text's unit vector; for a generic text ("the resolution") its sentence's (Store.vectors).
    vector: Any = field(default=None, compare=False)
    # A stored proposal's other wordings and their vectors (one per distinct wording of its stances): a new
    # wording may be nearer to any of them than to the first ("idea of sending troops" / "Ukrainian troops").
    wordings: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    # Whether the article it was first stated in is about a force to keep a peace (peacekeepers, a reassurance
    # force after a ceasefire: :func:`redline.store.wording.about_peace_force`); None when not known.
    peace_force: bool | None = field(default=None, compare=False)


def codes_overlap(a: Iterable[str], b: Iterable[str], groups_of: GroupsOf | None = None) -> tuple[bool, str]:
    """Whether two code sets share an actor (a group shares with its members); the second item says how."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return True, "one side unspecified"
    common = sa & sb
    if common:
        return True, "shared " + ",".join(sorted(common))
    if groups_of is not None:
        for x, y in ((sa, sb), (sb, sa)):
            for code in sorted(x):
                groups = set(groups_of(code)) & y
                if groups:
                    return True, f"{code} is in {','.join(sorted(groups))}"
    return False, f"{','.join(sorted(sa))} vs {','.join(sorted(sb))}"


def actors_overlap(a: Iterable[str], b: Iterable[str], groups_of: GroupsOf | None = None) -> tuple[bool, str]:
    """:func:`codes_overlap` of two triggers' parties, where anyone (ANY: "any country that ...") also meets a
    named party: the one statement warns everyone, the other names who. Such a meeting is no agreement on a
    named code (:func:`specific_agreement`), so the wording must say the same at the full threshold."""
    ok, how = codes_overlap(a, b, groups_of)
    if not ok and ANYONE in (set(a) | set(b)):
        return True, f"{how} (anyone)"
    return ok, how


def actions_compatible(a: str | None, b: str | None) -> tuple[bool, str]:
    """Same action class, or one of them is vague (OTHER, RESPOND) or missing."""
    if a == b:
        return True, f"same class {a}"
    if not a or not b or a in WILDCARD_ACTIONS or b in WILDCARD_ACTIONS:
        return True, f"{a or '-'} ~ {b or '-'} (one is unspecific)"
    return False, f"{a} vs {b}"


def related_actions(a: str | None, b: str | None) -> bool:
    """Two different classes one red line may be stated in (RELATED_ACTIONS)."""
    return a is not None and b is not None and frozenset({a, b}) in RELATED_ACTIONS


def specific_agreement(how: str) -> bool:
    """Whether a :func:`codes_overlap` verdict is agreement on a named code (a shared code or a member in
    its group), not one side unspecified or anyone."""
    return (how.startswith("shared ") and how != f"shared {ANYONE}") or " is in " in how

def nearest(vector: Any, stored: Iterable[Any]) -> Any:
    """Of ``stored`` vectors (None skipped), the one nearest to ``vector``; the first when ``vector`` is None."""
    present = [v for v in stored if v is not None]
    if not present:
        return None
    if vector is None:
        return present[0]
    return max(present, key=lambda v: cosine(vector, v) or 0.0)

def stronger_certainty(a: str, b: str) -> str:
    """The stronger of two certainty labels."""
    return a if CERTAINTY_RANK.get(a, -1) >= CERTAINTY_RANK.get(b, -1) else b


def codes_text(codes: Iterable[str]) -> str:
    """Codes as stored: sorted, comma-joined."""
    return ",".join(sorted(set(codes)))

def codes_set(text: str | None) -> frozenset[str]:
    return frozenset(c for c in (text or "").split(",") if c)


def context_cosine(new: LineSignature, old: LineSignature) -> float:
    """The cosine of ``new``'s evidence sentence with the nearest of the stored line's (its first statement's
    and every restatement's); 0.0 when either side has none."""
    if new.context is None:
        return 0.0
    near = nearest(new.context, (old.context, *old.contexts))
    return float(cosine(new.context, near) or 0.0)
