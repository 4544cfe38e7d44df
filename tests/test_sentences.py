"""Sentence splitting: blocks first, then the recogniser; offsets always point into the text."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest

from redline.extract.pipeline import Context, Pipeline, Resources
from redline.extract.sentences import MAX_BLOCK_CHARS, sentences_step, split_blocks, split_sentences
from redline.models import Document, Sentence

if TYPE_CHECKING:
    from spacy.language import Language


def check_invariants(text: str, sentences: list[Sentence]) -> None:
    assert [s.index for s in sentences] == list(range(len(sentences)))
    previous_end = 0
    for s in sentences:
        assert text[s.span.start:s.span.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.span.start >= previous_end
        previous_end = s.span.end
    # Nothing readable falls between the sentences.
    covered = [False] * len(text)
    for s in sentences:
        covered[s.span.start:s.span.end] = [True] * len(s.text)
    assert all(covered[i] for i, ch in enumerate(text) if ch.isalnum())


def texts(sentences: list[Sentence]) -> list[str]:
    return [s.text for s in sentences]


def test_headline_dateline_and_first_sentence_are_kept_apart(nlp: Language) -> None:
    text = (
        "Navy Says It Will Escort Grain Ships\n\nWorld\nPublished: 4 May 2023 10:12\n\n"
        "The navy said on Thursday it would escort grain ships through the strait. "
        "Shipping firms welcomed the move."
    )
    found = texts(split_sentences(text, nlp))
    assert found == [
        "Navy Says It Will Escort Grain Ships",
        "World",
        "Published: 4 May 2023 10:12",
        "The navy said on Thursday it would escort grain ships through the strait.",
        "Shipping firms welcomed the move.",
    ]


def test_wire_dateline_stays_with_its_sentence(nlp: Language) -> None:
    text = "PORT CITY, March 3 (Wire) - Two tankers were struck overnight, the coast guard said."
    assert texts(split_sentences(text, nlp)) == [text]


def test_abbreviations_do_not_end_sentences(nlp: Language) -> None:
    text = (
        "The U.S. and the U.K. sent envoys to the talks. Gen. Mark Doe of the U.S. Army met Lt. Col. Ann Roe "
        "at 5 p.m. on Monday. No statement followed."
    )
    assert texts(split_sentences(text, nlp)) == [
        "The U.S. and the U.K. sent envoys to the talks.",
        "Gen. Mark Doe of the U.S. Army met Lt. Col. Ann Roe at 5 p.m. on Monday.",
        "No statement followed.",
    ]


def test_quotation_with_inner_full_stops_keeps_its_speaker(nlp: Language) -> None:
    text = (
        '"Our position has not changed. Any strike on the plant will be answered," the minister said. '
        "She gave no further details."
    )
    assert texts(split_sentences(text, nlp)) == [
        '"Our position has not changed. Any strike on the plant will be answered," the minister said.',
        "She gave no further details.",
    ]


def test_curly_quotation_with_inner_full_stops_keeps_its_speaker(nlp: Language) -> None:
    text = "“We are ready. We have always been ready,” the commander told reporters. Talks resume on Monday."
    assert texts(split_sentences(text, nlp)) == [
        "“We are ready. We have always been ready,” the commander told reporters.",
        "Talks resume on Monday.",
    ]


def test_unclosed_quotation_does_not_swallow_the_paragraph(nlp: Language) -> None:
    text = '"The convoy will move at dawn. ' + " ".join(["Troops were seen near the river."] * 30)
    sentences = split_sentences(text, nlp)
    assert len(sentences) > 10
    check_invariants(text, sentences)


def test_hard_wrapped_text_is_joined_before_splitting(nlp: Language) -> None:
    text = (
        "Ceasefire talks stall\n"
        "\n"
        "Mediators said on Sunday that the talks had stalled over\n"
        "the withdrawal of heavy weapons from the front line, and\n"
        "that neither side had agreed to the latest draft. The next\n"
        "round is due in two weeks.\n"
        "Both delegations have left the capital for consultations\n"
        "at home, a spokesperson for the mediators told reporters.\n"
    )
    sentences = split_sentences(text, nlp)
    check_invariants(text, sentences)
    assert [s.text.replace("\n", " ") for s in sentences] == [
        "Ceasefire talks stall",
        "Mediators said on Sunday that the talks had stalled over the withdrawal of heavy weapons from the "
        "front line, and that neither side had agreed to the latest draft.",
        "The next round is due in two weeks.",
        "Both delegations have left the capital for consultations at home, a spokesperson for the mediators "
        "told reporters.",
    ]


def test_unwrapped_lines_are_separate_blocks() -> None:
    text = "Headline\nBy A. Writer\nFirst paragraph is a whole sentence on its own line.\nSecond one."
    assert [text[a:b] for a, b in split_blocks(text)] == text.split("\n")


def test_line_continuing_in_lower_case_is_joined() -> None:
    text = "The minister said the troops\nwould stay until the end of the year.\n\nNext paragraph."
    assert [text[a:b] for a, b in split_blocks(text)] == [
        "The minister said the troops\nwould stay until the end of the year.",
        "Next paragraph.",
    ]


def test_long_block_is_cut_before_spacy_sees_it(nlp: Language) -> None:
    sentence = "The column moved slowly along the coast road towards the port. "
    text = sentence * (MAX_BLOCK_CHARS // len(sentence) * 2 + 5)
    blocks = split_blocks(text)
    assert len(blocks) >= 3
    assert all(b - a <= MAX_BLOCK_CHARS for a, b in blocks)
    assert all(text[a:b].endswith(".") for a, b in blocks)
    sentences = split_sentences(text, nlp)
    assert len(sentences) == text.count(".")
    check_invariants(text, sentences)


def test_blocks_respect_a_smaller_model_max_length() -> None:
    import spacy

    small = spacy.blank("en")
    small.max_length = 200
    text = "The column moved slowly along the coast road towards the port. " * 20
    sentences = split_sentences(text, small)
    assert len(sentences) == 20
    check_invariants(text, sentences)


def test_block_without_spaces_is_cut_at_the_limit() -> None:
    text = "x" * 250
    assert split_blocks(text, max_chars=100) == [(0, 100), (100, 200), (200, 250)]


def test_empty_and_blank_texts_have_no_sentences(nlp: Language) -> None:
    assert split_sentences("", nlp) == []
    assert split_sentences(" \n\n \n", nlp) == []


WORDS = ("the", "minister", "said", "troops", "would", "stay", "U.S.", "Gen.", "talks", "on", "Monday",
         "border", "e.g.", "3.5", "Kyiv", "NATO", "no", "plans", "—", "(Wire)", "'s")
ENDS = (".", ".", "?", "!", '."', ".”", "...", "")
BREAKS = (" ", " ", " ", "\n", "\n\n", "\n \n", "\r\n", "  \n\n\n")


def random_text(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(0, 25)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 14))]
        if rng.random() < 0.2:
            words[0] = '"' + words[0]
        parts.append(" ".join(words).capitalize() + rng.choice(ENDS) + rng.choice(BREAKS))
    return rng.choice(["", "  ", "\n"]) + "".join(parts)


@pytest.mark.parametrize("seed", range(40))
def test_offsets_hold_for_generated_texts(nlp: Language, seed: int) -> None:
    text = random_text(random.Random(seed))
    check_invariants(text, split_sentences(text, nlp))


def test_offsets_hold_with_a_blank_model_too() -> None:
    import spacy

    text = "Headline\n\nFirst sentence here. Second one!\nThird line"
    sentences = split_sentences(text, spacy.blank("en"))
    assert texts(sentences) == ["Headline", "First sentence here.", "Second one!", "Third line"]
    check_invariants(text, sentences)


def test_the_loaded_model_is_not_reconfigured(nlp: Language) -> None:
    before = (list(nlp.pipe_names), list(nlp.disabled))
    split_sentences("One sentence. Another.", nlp)
    assert (list(nlp.pipe_names), list(nlp.disabled)) == before


def test_step_fills_every_context_of_the_batch(nlp: Language) -> None:
    docs = [
        Document(id="a", text="Headline one\n\nThe first sentence is here. The second follows it."),
        Document(id="b", text=""),
        Document(id="c", text="Only one sentence in C, with U.S. officials quoted."),
    ]
    batch = [Context(document=d) for d in docs]
    sentences_step.run(batch, Resources(nlp=nlp, resolver=None))  # type: ignore[arg-type]
    for ctx in batch:
        assert ctx.sentences == split_sentences(ctx.document.text, nlp)
        check_invariants(ctx.document.text, ctx.sentences)
    assert [len(c.sentences) for c in batch] == [3, 0, 1]


def test_step_declares_what_it_provides() -> None:
    assert sentences_step.name == "sentences"
    assert sentences_step.provides == frozenset({"sentences"})
    assert "sentences" in Pipeline([sentences_step]).provides


def test_a_paragraph_that_breaks_off_goes_on_after_the_blank_line(nlp: Language) -> None:
    text = (
        "Harbour talks stall\n\n"
        "by Ann Writer\n\n"
        "The council said on Monday that\n\n"
        "the new port levy amounted to a hostile act.\n\n"
        "Its envoy, in a first reply to the levy, urged\n\n"
        "Lisbon to drop it at once, warning that the council would recall its ambassador.\n\n"
        "A further note said that the harbour was\n\n"
        "closed to foreign tugs."
    )
    sentences = [s.text for s in split_sentences(text, nlp)]
    assert sentences[:2] == ["Harbour talks stall", "by Ann Writer"]
    assert "Its envoy, in a first reply to the levy, urged\n\nLisbon to drop it at once, warning that the council " \
        "would recall its ambassador." in sentences
    assert "The council said on Monday that\n\nthe new port levy amounted to a hostile act." in sentences


def test_one_paragraph_in_lower_case_does_not_join_capitalised_ones(nlp: Language) -> None:
    text = "Talks stall in the capital\n\nThe minister had said hopes were low\n\nEnvoys met on Friday."
    assert [s.text for s in split_sentences(text, nlp)] == [
        "Talks stall in the capital", "The minister had said hopes were low", "Envoys met on Friday."]
