"""Voices read from the clause around a frame (redline.extract.clause_voice); sentences written by us."""

from __future__ import annotations

from redline.extract.clause_voice import clause_subject_voice, governing_voice
from redline.extract.pipeline import Context


def _token(ctx: Context, word: str):
    return next(t for t in ctx.parsed[0] if t.text == word)


def test_the_reporting_clause_above_a_frame_gives_its_own_voice(contexts) -> None:
    ctx = contexts("Canada said it will not sell the jets to Ankara after Athens warned that such a sale would "
                   "cross a red line.")
    v = governing_voice(ctx, 0, _token(ctx, "cross"))
    assert v is not None and v.codes == ("GRC",)


def test_the_sentence_s_main_reporting_verb_is_left_to_find_voice(contexts) -> None:
    ctx = contexts("Athens warned that such a sale would cross a red line.")
    assert governing_voice(ctx, 0, _token(ctx, "cross")) is None


def test_a_relative_clause_speaks_for_its_antecedent_even_unknown(contexts) -> None:
    ctx = contexts("Turning to the Zorvanian delegation, which has threatened measures if Chad refuses, the "
                   "president said Chad would not yield.")
    v = governing_voice(ctx, 0, _token(ctx, "threatened"))
    assert v is not None and v.codes == ()


def test_a_named_but_unknown_subordinate_speaker_is_no_one_known(contexts) -> None:
    ctx = contexts("Canada said it backed the plan after Zorvanian leader Ivo Markan said he would seek a vote.")
    v = governing_voice(ctx, 0, _token(ctx, "seek"))
    assert v is not None and v.codes == ()


def test_an_unnamed_subordinate_speaker_leaves_the_sentence_s_voice(contexts) -> None:
    ctx = contexts("Canadian officials wrote that the delegation noted that Canada would respond.")
    assert governing_voice(ctx, 0, _token(ctx, "respond")) is None


def test_the_subject_of_an_open_complement_is_the_subject_above_it(contexts) -> None:
    ctx = contexts("Canada agreed to impose sanctions if Athens sends troops.")
    v = clause_subject_voice(ctx, 0, _token(ctx, "impose"))
    assert v is not None and v.codes == ("CAN",)


def test_a_pronoun_subject_gives_no_clause_voice(contexts) -> None:
    ctx = contexts("They would respond if Athens sends troops.")
    assert clause_subject_voice(ctx, 0, _token(ctx, "respond")) is None
