"""Actor mentions: the gazetteer over every sentence, then NER on parsed ones.

The gazetteer is cheap and runs everywhere; spaCy's entities are only known
for parsed sentences and only add what the gazetteer missed, resolved through
the registry (an unknown name stays unresolved, never guessed).
"""

from __future__ import annotations

from redline.extract.pipeline import Context, Resources, step
from redline.models import ActorMention, Span

NER_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}


@step("mentions", requires={"sentences"}, provides={"mentions"})
def mentions_step(batch: list[Context], res: Resources) -> None:
    for ctx in batch:
        found: list[ActorMention] = []
        for s in ctx.sentences:
            found.extend(res.resolver.find(s.text, offset=s.span.start, published=ctx.document.published))
        ctx.mentions = sorted(found, key=lambda m: (m.span.start, -m.span.end))


@step("entities", requires={"parsed", "mentions"}, provides={"entities"})
def entities_step(batch: list[Context], res: Resources) -> None:
    for ctx in batch:
        added: list[ActorMention] = []
        for i, doc in ctx.parsed.items():
            base = ctx.sentences[i].span.start
            for ent in doc.ents:
                if ent.label_ not in NER_LABELS:
                    continue
                span = Span(base + ent.start_char, base + ent.end_char)
                if any(m.span.overlaps(span) for m in ctx.mentions):
                    continue
                codes = res.resolver.resolve_entity(ent.text, ent.label_)
                if codes:
                    kind = "person" if ent.label_ == "PERSON" else "state"
                    added.append(ActorMention(codes=codes, text=ent.text, span=span, kind=kind,
                                              person=ent.text if kind == "person" else None))
        if added:
            ctx.mentions = sorted([*ctx.mentions, *added], key=lambda m: (m.span.start, -m.span.end))
