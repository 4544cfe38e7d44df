"""The extraction pipeline: steps that declare what they need and what they add.

A step works on a batch of :class:`Context` objects (one per document) so that
the expensive spaCy parse can batch sentences across documents. The pipeline
checks, once, when it is built, that every step's requirements are provided by
an earlier step; a misordered pipeline is an error at build time, not a
``KeyError`` halfway through a news archive.

Each step may also declare ``cues``: a regular expression a sentence must
match for that step to want it parsed. The ``select`` step parses only the
sentences some step asked for, which is where redline's speed comes from.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from redline.errors import ConfigError
from redline.models import ActorMention, Document, Event, Extraction, RedLine, Sentence, Stance

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from redline.actors import Resolver


# A guard is put before patterns at least this long (a short one is searched fast enough as it is).
GUARD_MIN_PATTERN = 40
# ... and whose first character is one of at most this many.
GUARD_MAX_CHARS = 40


def _first_chars(items: Any) -> tuple[set[str], bool] | None:
    """The characters a match of the parsed pattern ``items`` can start with, and whether it can be empty.

    None when that is not known (any character, a category such as ``\\w``, a back reference, flags
    set inside the pattern). Zero-width assertions (``\\b``, lookarounds) are passed over: the
    characters found are then a superset of those a match really starts with.
    """
    from re import _constants as c  # type: ignore[attr-defined]

    found: set[str] = set()
    for op, av in items:
        if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.LITERAL:
            return found | {chr(av)}, False
        if op is c.IN:
            chars: set[str] = set()
            for o, a in av:
                if o is c.LITERAL:
                    chars.add(chr(a))
                elif o is c.RANGE and a[1] - a[0] < 128:
                    chars.update(chr(x) for x in range(a[0], a[1] + 1))
                else:
                    return None
            return found | chars, False
        if op is c.BRANCH:
            subs = [_first_chars(b) for b in av[1]]
        elif op is c.SUBPATTERN:
            if av[1] or av[2]:
                return None
            subs = [_first_chars(av[3])]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            sub = _first_chars(av[2])
            subs = [sub if sub is None or av[0] > 0 else (sub[0], True)]
        elif op is c.ATOMIC_GROUP:
            subs = [_first_chars(av)]
        else:
            return None
        known = [sub for sub in subs if sub is not None]
        if len(known) < len(subs):
            return None
        for chars_of, _ in known:
            found |= chars_of
        if not any(empty for _, empty in known):
            return found, False
    return found, True


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the characters its matches can start with: the same matches, faster.

    Python's engine tries every alternative of a long ``\\b(?:reject\\w*|rul\\w* out|...)`` at every
    word start; the lookahead skips, in one test, the places none of them can start. The guard's
    class is compiled with the pattern's own flags (so with its case folding), and only a position
    the pattern could match at passes it, so ``search`` finds the same match at the same place.
    A pattern whose first characters are not known (or too many) is returned as it is.
    """
    if len(pattern.pattern) < GUARD_MIN_PATTERN:
        return pattern
    from re import _parser  # type: ignore[attr-defined]

    try:
        first = _first_chars(_parser.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError):
        return pattern
    if first is None or first[1] or not first[0] or len(first[0]) > GUARD_MAX_CHARS:
        return pattern
    chars = "".join(sorted(re.escape(ch) for ch in first[0]))
    try:
        return re.compile(f"(?=[{chars}])(?:{pattern.pattern})", pattern.flags)
    except re.error:
        return pattern


@dataclass
class Context:
    """The working state of one document while the pipeline runs."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    selected: set[int] = field(default_factory=set)
    # sentence index -> the spaCy parse of that sentence alone; token.idx is
    # relative to the sentence, add sentences[i].span.start for the document offset.
    parsed: dict[int, Doc] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)
    redlines: list[RedLine] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scratch: dict[str, Any] = field(default_factory=dict)

    # (the mentions list it was made for, its length, the mentions' starts): see mentions_in
    _starts: tuple[list[ActorMention], int, list[int] | None] | None = field(default=None, repr=False, compare=False)

    def mentions_in(self, sentence: Sentence) -> list[ActorMention]:
        """The actor mentions inside one sentence, in text order.

        The mentions are kept in text order (by start), so those inside a sentence are found by bisecting
        their starts, not by testing every mention of the document for every sentence; a list not in that
        order is scanned whole.
        """
        mentions, span = self.mentions, sentence.span
        cached = self._starts
        if cached is None or cached[0] is not mentions or cached[1] != len(mentions):
            starts = [m.span.start for m in mentions]
            ordered = all(a <= b for a, b in itertools.pairwise(starts))
            cached = self._starts = (mentions, len(mentions), starts if ordered else None)
        starts_or_none = cached[2]
        if starts_or_none is None:
            return [m for m in mentions if span.contains(m.span)]
        out = []
        for k in range(bisect.bisect_left(starts_or_none, span.start), len(mentions)):
            m = mentions[k]
            if m.span.start > span.end:
                break
            if m.span.end <= span.end:
                out.append(m)
        return out

    def to_extraction(self) -> Extraction:
        return Extraction(
            document=replace(self.document, sentences=tuple(self.sentences)),
            actors=tuple(self.mentions),
            redlines=tuple(self.redlines),
            stances=tuple(self.stances),
            events=tuple(self.events),
            warnings=tuple(self.warnings),
        )


@dataclass
class Resources:
    """What steps share across documents: the loaded model and the actor resolver."""

    nlp: Language
    resolver: Resolver
    # The steps' cue patterns (Pipeline.cues); None parses every sentence.
    cues: tuple[re.Pattern[str], ...] | None = None


StepFn = Callable[[list[Context], Resources], None]


@dataclass(frozen=True)
class Step:
    """One pipeline step and its declared inputs and outputs."""

    name: str
    run: StepFn
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset()
    cues: re.Pattern[str] | None = None


def step(
    name: str,
    requires: Iterable[str] = (),
    provides: Iterable[str] = (),
    cues: re.Pattern[str] | None = None,
) -> Callable[[StepFn], Step]:
    """Decorator turning a function over a batch into a :class:`Step`."""

    def wrap(fn: StepFn) -> Step:
        return Step(name, fn, frozenset(requires), frozenset(provides), cues)

    return wrap


class Pipeline:
    """An ordered list of steps, checked once when built."""

    def __init__(self, steps: Sequence[Step]) -> None:
        available: set[str] = {"document"}
        for s in steps:
            missing = s.requires - available
            if missing:
                raise ConfigError(
                    f"pipeline step {s.name!r} requires {sorted(missing)}, which no earlier step provides; "
                    f"reorder the steps or add one that provides it"
                )
            available |= s.provides
        self.steps = tuple(steps)
        self.provides = frozenset(available)
        # Each step's pattern on its own (case-insensitive, as a sentence's wording goes): a sentence is
        # selected when any of them matches, what one alternation of them all would find, but each
        # search is a simple pattern that stops at its first hit, not every alternative tried at
        # every position of every sentence.
        patterns = tuple(guarded(re.compile(s.cues.pattern, re.IGNORECASE)) for s in steps if s.cues is not None)
        self.cues = patterns or None

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def run(self, documents: Sequence[Document], resources: Resources) -> list[Extraction]:
        """Run every step over a batch of documents."""
        resources.cues = self.cues
        batch = [Context(document=d) for d in documents]
        for s in self.steps:
            s.run(batch, resources)
        return [c.to_extraction() for c in batch]
