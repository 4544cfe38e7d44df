"""Choosing the sentences worth a full parse, and parsing only those.

Most of spaCy's cost is NER and the parser. A sentence is parsed when some
step's cue pattern matches it, or when it lies next to a cue sentence and
mentions an actor (attribution often sits in the neighbouring sentence).
"""

from __future__ import annotations

from redline.extract.nlp import PARSE_PIPES, array_attribute_ruler, array_lemmatizer
from redline.extract.pipeline import Context, Resources, step

# Sentences, not articles: STACK.md's "batch_size=16" was measured on whole articles (~500 words each).
# 64 sentences (~1,600 words) parse about 15 % faster than 16 and still use less memory than 16 articles.
BATCH_SIZE = 64
REPLACED_PIPES = frozenset({"attribute_ruler", "lemmatizer"})


@step("select", requires={"sentences", "mentions"}, provides={"selected"})
def select_step(batch: list[Context], res: Resources) -> None:
    for ctx in batch:
        if res.cues is None:
            ctx.selected = set(range(len(ctx.sentences)))
            continue
        ctx.selected = {s.index for s in ctx.sentences if res.cues.search(s.text)}


@step("parse", requires={"selected"}, provides={"parsed"})
def parse_step(batch: list[Context], res: Resources) -> None:
    jobs = [(ctx, i) for ctx in batch for i in sorted(ctx.selected)]
    texts = [ctx.sentences[i].text for ctx, i in jobs]
    nlp = res.nlp
    # The attribute ruler and the lemmatizer run as their array equivalents, after the statistical pipes
    # (NER reads neither's output, so the tokens get the same attributes in this order); a model whose
    # ruler or lemmatizer has no such equivalent runs its own pipes.
    ruler, lemmatizer = array_attribute_ruler(nlp), array_lemmatizer(nlp)
    fast = ruler is not None and lemmatizer is not None
    enabled = [p for p in PARSE_PIPES if p in nlp.pipe_names and not (fast and p in REPLACED_PIPES)]
    with nlp.select_pipes(enable=enabled):
        for (ctx, i), doc in zip(jobs, nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True):
            ctx.parsed[i] = lemmatizer(ruler(doc)) if ruler is not None and lemmatizer is not None else doc
