"""Actor mentions: the gazetteer over the whole text, then what the parse adds.

The gazetteer is cheap and runs once per document (its surname and anaphora
rules look back through the text). The parse then adds two things, only for
parsed sentences:

- entities the registry knows but the gazetteer missed (an unknown name stays
  unresolved, never guessed);
- officials the registry does not know, introduced with a role and a state
  ("Jiang Bin, spokesperson of China's defence ministry", "Iran's foreign
  ministry spokesman Nasser Kanaani"): the person is linked to that state for
  the rest of the article, so a later "Jiang said" is attributed.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from redline.actors import Resolver
from redline.actors.registry import ascii_fold
from redline.actors.resolver import article_date
from redline.extract.lexicon import ROLE_WORDS
from redline.extract.pipeline import Context, Resources, step
from redline.models import ActorMention, Span

NER_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
STATE_KINDS = frozenset({"state", "organisation", "armed_group", "group"})


def _sort(mentions: list[ActorMention]) -> list[ActorMention]:
    return sorted(mentions, key=lambda m: (m.span.start, -m.span.end))


# Not inside a run of letters: spaCy's tokenizer cuts between two letters only in contractions ("do|n't").
_ROLE_WORD = re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted(map(re.escape, ROLE_WORDS))) + r")(?![^\W\d_])",
                        re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _resolvable(resolver: Resolver) -> dict[str, tuple[frozenset[str], tuple[int, ...]]]:
    """Every spelling ``resolver.resolve_entity`` can accept, by its first two characters, with their lengths.

    An entity's text is looked up (``Registry.entry``) with its whitespace collapsed, an ending
    "'s" dropped, "the " put on or taken off, and ASCII-folded; so a span it resolves contains
    one of these forms, whole. A dict, not one regex: compiling thousands of aliases into a
    pattern would cost every worker a second at start. Each first two characters map to the set of
    forms they begin and the distinct lengths of those forms, so a place in a text is tested with one
    set lookup per length, not one comparison per form.
    """
    forms: set[str] = set()
    for alias, entry in resolver.registry.aliases.items():
        if entry.blocked or entry.anaphora:
            continue
        forms.add(alias)
        if alias[:4] in ("the ", "The "):
            forms.add(alias[4:])
    index: dict[str, list[str]] = {}
    for form in forms:
        if form:
            index.setdefault(form[:2], []).append(form)
    return {k: (frozenset(v), tuple(sorted({len(f) for f in v}))) for k, v in index.items()}


# A place a name can start: not inside a run of letters (spaCy cuts between two letters only in contractions).
_NAME_START = re.compile(r"(?<![^\W\d_])\S")


def _has_resolvable(text: str, index: dict[str, tuple[frozenset[str], tuple[int, ...]]]) -> bool:
    """Whether a known spelling stands in ``text`` as a whole word (no letter either side)."""
    size = len(text)
    for m in _NAME_START.finditer(text):
        i = m.start()
        for key in (text[i:i + 2], text[i]):
            found = index.get(key)
            if found is None:
                continue
            forms, lengths = found
            for length in lengths:
                end = i + length
                if end > size:
                    break
                if text[i:end] in forms and not (end < size and text[end].isalpha()):
                    return True
    return False


def wants_entities(ctx: Context, i: int, text: str, resolver: Resolver) -> bool:
    """Whether spaCy's entities in sentence ``i`` (parsed as ``text``) can change what ``entities_step`` adds.

    An entity adds a mention only if it overlaps no gazetteer mention and either resolves
    (its text is a spelling the registry knows) or is a person introduced by a role word
    beside a state the gazetteer found in the sentence. So the recogniser is needed where a
    known spelling stands outside the gazetteer's mentions (they are blanked out before the
    search), or where a role word and a state's mention share the sentence; elsewhere its
    entities would all be dropped, and skipping it leaves the output the same.
    """
    sentence = ctx.sentences[i]
    inside = ctx.mentions_in(sentence)
    if _ROLE_WORD.search(text) and any(m.kind in STATE_KINDS for m in inside):
        return True
    pieces, at = [], 0
    for m in inside:
        start, end = m.span.start - sentence.span.start, m.span.end - sentence.span.start
        if start >= at:
            pieces.append(text[at:start])
            at = start
        if end > at:
            pieces.append("#" * (end - at))
            at = end
    pieces.append(text[at:])
    blanked = " ".join("".join(pieces).split())
    index = _resolvable(resolver)
    if _has_resolvable(blanked, index):
        return True
    folded = ascii_fold(blanked)
    return folded != blanked and _has_resolvable(folded, index)


@step("mentions", requires={"sentences"}, provides={"mentions"})
def mentions_step(batch: list[Context], res: Resources) -> None:
    for ctx in batch:
        ctx.mentions = _sort(res.resolver.find(ctx.document.text, published=ctx.document.published))


def _role_tokens(ent: SpacySpan) -> list[Token]:
    """The tokens that describe who a named person is: appositions and a preceding title."""
    root = ent.root
    out: list[Token] = []
    if root.dep_ == "appos":
        out.extend(t for t in root.head.subtree if t.i < ent.start or t.i >= ent.end)
    for c in root.children:
        if c.dep_ in {"appos", "compound", "amod", "nmod", "poss"} and not (ent.start <= c.i < ent.end):
            out.extend(c.subtree)
    # "Iran's foreign ministry spokesman Nasser Kanaani": the title runs up to the name.
    i = ent.start - 1
    while i >= 0 and (ent.doc[i].pos_ in {"PROPN", "NOUN", "ADJ", "PART", "DET"} or ent.doc[i].text in {"'s", "’s"}):
        out.append(ent.doc[i])
        i -= 1
    return out


def _link_officials(ctx: Context) -> list[ActorMention]:
    known = list(ctx.mentions)
    people: dict[str, tuple[tuple[str, ...], str, int]] = {}
    for i in sorted(ctx.parsed):
        doc, base = ctx.parsed[i], ctx.sentences[i].span.start
        for ent in doc.ents:
            if ent.label_ != "PERSON" or len(ent) < 2:
                continue
            span = Span(base + ent.start_char, base + ent.end_char)
            if any(m.span.overlaps(span) for m in known):
                continue
            role = _role_tokens(ent)
            if not any(t.lower_ in ROLE_WORDS for t in role):
                continue
            lo = min((base + t.idx for t in role), default=span.start)
            hi = max((base + t.idx + len(t) for t in role), default=span.end)
            states = [m for m in known if m.kind in STATE_KINDS and lo <= m.span.start and m.span.end <= hi]
            if not states:
                continue
            name = re.sub(r"['’]s$", "", ent.text)
            people.setdefault(name, (states[0].codes, name, span.start))
    # People the gazetteer knows by full name: a later bare surname ("Lin said") is theirs too.
    for k in known:
        if k.kind == "person" and k.person and len(k.person.split()) >= 2:
            people.setdefault(k.person, (k.codes, k.person, k.span.start))
    added: list[ActorMention] = []
    text = ctx.document.text
    for name, (codes, full, start) in people.items():
        surname = _surname(name)
        pattern = re.compile(rf"\b(?:{re.escape(full)}|{re.escape(surname)})\b")
        for hit in pattern.finditer(text, start):
            span = Span(hit.start(), hit.end())
            if any(k.span.overlaps(span) for k in known + added):
                continue
            added.append(ActorMention(codes=codes, text=hit.group(), span=span, kind="person", person=full))
    return added


# East Asian names put the family name first: "Lin Jian" is Lin, "Kim Jong Un" is Kim.
def _surname(name: str) -> str:
    parts = name.split()
    if len(parts) >= 2 and len(parts[0]) <= 4 and parts[0][:1].isupper() and parts[0].isalpha() and (
        len(parts) == 3 or len(parts[-1]) <= 4
    ):
        return parts[0]
    return parts[-1]


@step("entities", requires={"parsed", "mentions"}, provides={"entities"})
def entities_step(batch: list[Context], res: Resources) -> None:
    for ctx in batch:
        added: list[ActorMention] = []
        day = article_date(ctx.document.text, ctx.document.published)  # once per article, not per entity
        for i, doc in ctx.parsed.items():
            base = ctx.sentences[i].span.start
            for ent in doc.ents:
                if ent.label_ not in NER_LABELS:
                    continue
                span = Span(base + ent.start_char, base + ent.end_char)
                if any(m.span.overlaps(span) for m in ctx.mentions):
                    continue
                if res.resolver.is_modifier(ctx.document.text, span.start, span.end):
                    continue
                codes = res.resolver.resolve_entity(ent.text, ent.label_, day)
                if codes:
                    kind = "person" if ent.label_ == "PERSON" else "state"
                    added.append(ActorMention(codes=codes, text=ent.text, span=span, kind=kind,
                                              person=ent.text if kind == "person" else None))
        ctx.mentions = _sort([*ctx.mentions, *added])
        linked = _link_officials(ctx)
        if linked:
            ctx.mentions = _sort([*ctx.mentions, *linked])
