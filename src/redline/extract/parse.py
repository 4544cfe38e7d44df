"""Choosing the sentences worth a full parse, and parsing only those.

Most of spaCy's cost is NER and the parser. A sentence is parsed when some
step's cue pattern matches it, or when it lies next to a cue sentence and
mentions an actor (attribution often sits in the neighbouring sentence).
The entity recogniser, the dearest pipe, then runs only on the parsed
sentences where its entities can add a mention (``mentions.wants_entities``).
"""

from __future__ import annotations

import re
from typing import Any

from redline.extract.mentions import wants_entities
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
        cues = res.cues
        ctx.selected = {s.index for s in ctx.sentences if any(c.search(s.text) for c in cues)}


WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def sentence_case(ctx: Context, i: int) -> str:
    """A Title Case headline in sentence case, for the parser; names of actors and acronyms keep their capitals.

    The small model reads "China Warns of Reprisals if Manila Hosts US Troops" as a string of proper
    nouns. Only letters change case, so every offset into the sentence stays the same.
    """
    sentence = ctx.sentences[i]
    text = sentence.text
    words = [m for m in WORD.finditer(text) if len(m.group()) > 3]
    if len(words) < 3 or sum(w.group()[0].isupper() for w in words) < 0.75 * len(words):
        return text
    keep = [(m.span.start - sentence.span.start, m.span.end - sentence.span.start) for m in ctx.mentions_in(sentence)]
    out = list(text)
    for k, w in enumerate(WORD.finditer(text)):
        word = w.group()
        if k == 0 or word.isupper() or any(s <= w.start() < e for s, e in keep):
            continue
        lowered = word[0].lower() + word[1:]
        if len(lowered) == len(word):
            out[w.start():w.end()] = lowered
    return "".join(out)


@step("parse", requires={"selected"}, provides={"parsed"})
def parse_step(batch: list[Context], res: Resources) -> None:
    jobs = [(ctx, i) for ctx in batch for i in sorted(ctx.selected)]
    texts = [sentence_case(ctx, i) for ctx, i in jobs]
    nlp = res.nlp
    # The attribute ruler and the lemmatizer run as their array equivalents, after the statistical pipes
    # (NER reads neither's output, so the tokens get the same attributes in this order); a model whose
    # ruler or lemmatizer has no such equivalent runs its own pipes.
    ruler, lemmatizer = array_attribute_ruler(nlp), array_lemmatizer(nlp)
    fast = ruler is not None and lemmatizer is not None
    enabled = [p for p in PARSE_PIPES if p in nlp.pipe_names and not (fast and p in REPLACED_PIPES)]
    # The entity recogniser, with a network of its own, costs as much as the rest of the parse: it runs
    # last, and only on the sentences whose entities the entities step could use.
    ner: Any = nlp.get_pipe("ner") if "ner" in enabled else None  # typed as a callable; it has .pipe
    if ner is not None:
        enabled.remove("ner")
    with nlp.select_pipes(enable=enabled):
        docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    if ner is not None:
        wanted = [k for k, (ctx, i) in enumerate(jobs) if wants_entities(ctx, i, texts[k], res.resolver)]
        for k, doc in zip(wanted, ner.pipe((docs[k] for k in wanted), batch_size=BATCH_SIZE), strict=True):
            docs[k] = doc
    for (ctx, i), doc in zip(jobs, docs, strict=True):
        doc = lemmatizer(ruler(doc)) if ruler is not None and lemmatizer is not None else doc
        if doc.text != ctx.sentences[i].text:
            doc.user_data["text"] = ctx.sentences[i].text
        ctx.parsed[i] = doc
