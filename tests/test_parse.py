"""Choosing and parsing sentences: the cue filter, and Title Case headlines parsed in sentence case."""

from __future__ import annotations

from redline.extract.parse import sentence_case
from redline.extract.pipeline import Context
from redline.models import ActorMention, Document, Sentence, Span


def _ctx(text: str, mentions: list[tuple[str, str]]) -> Context:
    ctx = Context(document=Document(id="t", text=text))
    ctx.sentences = [Sentence(0, Span(0, len(text)), text)]
    for code, name in mentions:
        start = text.index(name)
        ctx.mentions.append(ActorMention((code,), name, Span(start, start + len(name))))
    return ctx


def test_title_case_headline_is_lowered_except_actors_acronyms_and_the_first_word() -> None:
    text = "Tehran Warns of Consequences if Baku Joins NATO Drills"
    out = sentence_case(_ctx(text, [("IRN", "Tehran"), ("AZE", "Baku"), ("NATO", "NATO")]), 0)
    assert out == "Tehran warns of consequences if Baku joins NATO drills"
    assert len(out) == len(text)


def test_ordinary_sentences_are_left_as_they_are() -> None:
    text = "The Kremlin said on Tuesday that Western troops in Ukraine would mean war."
    assert sentence_case(_ctx(text, [("RUS", "Kremlin")]), 0) == text


def test_short_titles_are_left_alone() -> None:
    assert sentence_case(_ctx("Breaking News", []), 0) == "Breaking News"


def test_only_cue_sentences_are_parsed(context_before) -> None:
    ctx = context_before("The weather was mild.\n\nMoscow warned that if NATO sends troops, it will respond.",
                         "entities")
    assert ctx.selected == {1}
    assert set(ctx.parsed) == {1}


def test_entities_are_recognised_only_in_sentences_that_can_use_them(context_before) -> None:
    from redline.extract import load_resources

    text = ("Moscow warned that if NATO sends troops, it will respond.\n\n"
            "Zorin Balev, a spokesman for the Bulgarian foreign ministry, warned that Sofia will respond if attacked.")
    ctx = context_before(text, "entities")
    assert set(ctx.parsed) == {0, 1}
    assert not ctx.parsed[0].ents  # every name there is a gazetteer mention already
    assert any(e.label_ == "PERSON" for e in ctx.parsed[1].ents)
    # The rest of the parse is the one the whole pipeline gives.
    nlp = load_resources().nlp
    for i, doc in ctx.parsed.items():
        full = nlp(ctx.sentences[i].text)
        assert [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in doc] == \
            [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in full]
        if doc.ents:
            assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in full.ents]
