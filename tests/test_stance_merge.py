"""Merging stance readings (FORMAT.md §2): restatements join, an actor's second stance stays apart."""

from __future__ import annotations

from dataclasses import replace

from redline.extract.stance_merge import StanceCandidate, merge


def _reading(position: str, score: float, sentence: int) -> StanceCandidate:
    return StanceCandidate("CHL", None, "warships to the strait", "DEPLOY", position, [sentence], score=score)


def test_merging_keeps_the_surest_sentences_position_unless_sentences_vote() -> None:
    readings = [_reading("oppose", 0.9, 0), _reading("support", 0.6, 1), _reading("support", 0.5, 2)]
    assert [c.position for c in merge([replace(r) for r in readings], by_actor=True)] == ["oppose"]
    voted = merge([replace(r) for r in readings], by_actor=True, vote=True)
    assert [(c.position, c.sentences) for c in voted] == [("support", [0, 1, 2])]


def test_merging_takes_the_position_a_rule_read_over_a_surer_model_only_reading() -> None:
    ruled = _reading("oppose", 0.6, 0)
    guessed = replace(_reading("support", 0.95, 1), read_by_rules=False)
    for order in ([ruled, guessed], [guessed, ruled]):
        assert [(c.position, c.sentences) for c in merge([replace(r) for r in order], by_actor=True)] == [
            ("oppose", [0, 1])]
    # Between two model-only readings, the surer one still decides.
    unsure = replace(_reading("open", 0.6, 2), read_by_rules=False)
    assert [c.position for c in merge([unsure, replace(guessed)], by_actor=True)] == ["support"]
    # In a vote of sentences too, model-only readings do not outvote the rules'.
    voted = merge([replace(guessed), replace(ruled), replace(guessed, sentences=[2])], by_actor=True, vote=True)
    assert [c.position for c in voted] == ["oppose"]


def test_merging_by_actor_keeps_two_proposals_the_rules_read_apart() -> None:
    warships = _reading("oppose", 0.9, 0)
    tariffs = StanceCandidate("CHL", None, "tariffs on Bolivian copper", "SANCTION", "support", [1], score=0.8)
    assert [c.sentences for c in merge([replace(warships), replace(tariffs)], by_actor=True)] == [[0], [1]]
    model_read = replace(tariffs, read_by_rules=False)
    assert [c.sentences for c in merge([replace(warships), model_read], by_actor=True)] == [[0, 1]]


def test_opposite_readings_on_proposals_worded_apart_stay_two_in_one_action_class() -> None:
    jets = StanceCandidate("NOR", None, "sending fighter jets to Moldova", "ARM", "oppose", [0], score=0.9)
    shells = StanceCandidate("NOR", None, "to send artillery shells and ammunition", "ARM", "support", [3], score=0.8)
    assert [c.sentences for c in merge([replace(jets), replace(shells)], by_actor=True)] == [[0], [3]]
    # A restatement of the same move, or one reading only the model made, still merges.
    again = replace(shells, proposal="sending fighter jets to Moldova soon")
    assert [c.sentences for c in merge([replace(jets), again], by_actor=True)] == [[0, 3]]
    assert [c.sentences for c in merge([replace(jets), replace(shells, read_by_rules=False)], by_actor=True)] == [
        [0, 3]]


def test_a_vote_of_sentences_still_turns_a_conditional_reading_conditional() -> None:
    readings = [_reading("support", 0.9, 0), _reading("support", 0.6, 1), _reading("conditional", 0.4, 2)]
    assert [c.position for c in merge(readings, by_actor=True, vote=True)] == ["conditional"]
