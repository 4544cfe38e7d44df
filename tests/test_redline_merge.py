"""Merging the statements of one red line, keeping one holder's distinct lines apart; texts written by us."""

from __future__ import annotations

from redline.extract.redline_merge import _share
from redline.models import RedLine


def only(extract_text, text: str) -> RedLine:
    found = extract_text(text).redlines
    assert len(found) == 1, [(r.holder, r.evidence[0].text) for r in found]
    return found[0]


def test_words_shared_whole_or_as_a_start() -> None:
    assert _share(frozenset({"kill", "sailor"}), frozenset({"killin", "citize"}))
    assert _share(frozenset({"crimea"}), frozenset({"crimea", "penins"}))
    assert not _share(frozenset({"launch", "ballis"}), frozenset({"conven", "weapon"}))
    # a start too short to mean anything is no match
    assert not _share(frozenset({"war"}), frozenset({"warshi"}))


def test_one_red_line_restated_is_one_item_with_several_evidence_sentences(extract_text) -> None:
    text = ("Israel's defence minister warned that any Hezbollah attack on Israeli towns would be met with "
            "overwhelming force.\n\n"
            "The minister said an attack by Hezbollah would lead to a devastating response.")
    r = only(extract_text, text)
    assert r.holder == ("ISR",)
    assert len(r.evidence) == 2


def test_several_conditions_in_one_sentence_are_several_red_lines(extract_text) -> None:
    found = extract_text('"If they shell the port, if they mine the river, we will strike back," '
                         "Ukrainian President Volodymyr Zelensky said.").redlines
    assert len(found) == 2
    assert {r.trigger.text for r in found} == {"they shell the port", "they mine the river"}
    assert all(r.holder == ("UKR",) for r in found)


def test_two_named_red_lines_are_two_items(extract_text) -> None:
    text = ("The alliance has drawn two red lines for Moscow, officials in Brussels said.\n\n"
            "The first red line is any Russian attack on Poland.\n\n"
            "The second red line is the use of nuclear weapons in Ukraine.")
    found = extract_text(text).redlines
    assert len(found) >= 2


def test_two_lines_of_one_holder_with_different_triggers_stay_apart(extract_text) -> None:
    text = ("Russian President Vladimir Putin said Moscow would use nuclear weapons in the event of aggression "
            "against Belarus.\n\n"
            "He said the conditions for using nuclear weapons include credible data on a mass firing "
            "of ballistic missiles.")
    found = extract_text(text).redlines
    assert len(found) == 2, [r.trigger.text for r in found]
    assert all(r.holder == ("RUS",) for r in found)


def test_grounds_stated_elsewhere_join_the_line_before(extract_text) -> None:
    text = ("Dmitry Medvedev, once Russia's president, threatened nuclear retaliation if Ukraine attacks Crimea.\n\n"
            "\"There are plain grounds for using every kind of weapon,\" he said.")
    r = only(extract_text, text)
    assert len(r.evidence) == 2


def test_one_holder_s_answers_of_different_kinds_are_two_lines(extract_text) -> None:
    text = ("The Japanese defence minister warned that any missile fired at Japanese territory would be met with "
            "a massive military response.\n\n"
            "Tokyo also threatened to halt all trade with any state that sells fuel to North Korea.")
    found = extract_text(text).redlines
    assert len(found) == 2, [r.trigger.text for r in found]
    assert {r.consequence.action for r in found} == {"ATTACK", "SANCTION"}


def test_two_acts_sharing_only_a_named_country_are_two_lines(extract_text) -> None:
    text = ("The Kremlin warned that closing the airspace above Georgia would mean war with Russia.\n\n"
            "The Russian leader further warned of the consequences of Georgia entering the alliance.")
    found = extract_text(text).redlines
    assert len(found) == 2, [r.trigger.text for r in found]


def test_a_place_named_twice_keeps_the_statements_one_line(extract_text) -> None:
    text = ("Russia threatened a nuclear reply if Kyiv moves to retake the Crimean coast.\n\n"
            "\"An attack on Crimea would be an attack on Russia,\" the Russian minister said.")
    found = extract_text(text).redlines
    assert len(found) == 1, [r.trigger.text for r in found]


def test_two_officials_answering_one_act_in_other_words_are_two_lines(extract_text) -> None:
    text = ("Maria Zakharova, who speaks for Russia's Foreign Ministry, warned of serious consequences if Norway "
            "joins the naval pact.\n\n"
            "Dmitry Medvedev, once Russia's president, warned that Russia would deploy hypersonic missiles on the "
            "border if Norway joins the naval pact.")
    found = extract_text(text).redlines
    assert len(found) == 2, [(r.speaker, r.consequence.text) for r in found]


def test_one_official_restating_an_answer_stays_one_line(extract_text) -> None:
    text = ("Maria Zakharova, who speaks for Russia's Foreign Ministry, warned of serious consequences if Norway "
            "joins the naval pact.\n\n"
            "Zakharova said Norway joining the pact would have serious consequences for its security.")
    assert len(extract_text(text).redlines) == 1


def test_two_specific_acts_with_answers_of_their_own_are_two_lines(extract_text) -> None:
    text = ("Putin said any conventional strike on Russia backed by a nuclear-armed state would be seen as a joint "
            "attack.\n\n"
            "He added that Moscow may answer with nuclear weapons in case of aggression against Russia or "
            "Belarus, both members of the Union State.")
    found = extract_text(text).redlines
    assert len(found) == 2, [(r.trigger.text, r.consequence.text) for r in found]


def test_a_sentence_naming_the_act_restates_the_line_whatever_figure_comes_first(extract_text) -> None:
    # a stock idiom describing a party, then the act named, in one quoted sentence
    text = ("Belgrade warned on Friday that Kosovo independence means war. \"Whoever toys with fire gets "
            "scorched. Kosovo independence means war,\" the Serbian defence minister told reporters.")
    r = only(extract_text, text)
    assert len(r.evidence) == 2


def test_a_vague_restatement_joins_the_line_stated_just_before_it(extract_text) -> None:
    text = ("Seoul said it would shoot down any North Korean drone that crosses the border.\n\n"
            "Seoul also said it would cut off all trade with Pyongyang if the North tests another nuclear weapon.\n\n"
            '"If that happens, we will respond firmly," a spokesman said.')
    found = extract_text(text).redlines
    assert len(found) == 2
    test_line = next(r for r in found if "tests" in r.trigger.text)
    assert len(test_line.evidence) == 2
    assert "that happens" in test_line.evidence[1].text


def test_a_condition_beside_a_doctrine_s_list_is_one_more_line(extract_text) -> None:
    # "its allies" is the holder's side, no word the two conditions share
    text = ("Iran updated its defence doctrine on Monday.\n\n"
            "Among the conditions for the use of ballistic missiles is confirmed word of cruise missiles "
            "fired at Iranian territory and its allies.\n\n"
            "In the event of aggression against Iran or its allies, the doctrine says Tehran will answer with "
            "every means it has.")
    found = extract_text(text).redlines
    assert len(found) == 2
    assert all(len(r.evidence) == 1 for r in found)


def test_a_named_official_s_specific_answer_after_a_vague_one_is_another_line(extract_text) -> None:
    text = ("Belarus warned on Monday that any deployment of foreign troops to Lithuania would be met with "
            "a response.\n\n"
            "Officials in Minsk did not say what those would be.\n\n"
            "Belarusian President Alexander Lukashenko said Minsk would station tactical missiles on the border "
            "if foreign troops were deployed to Lithuania.")
    found = extract_text(text).redlines
    assert len(found) == 2, [(r.speaker, r.consequence.text) for r in found]
    assert {r.consequence.action for r in found} == {"RESPOND", "DEPLOY"}


def test_a_headline_s_vague_warning_joins_the_specific_line_below_it(extract_text) -> None:
    text = ("Belarus Warns of Consequences if Foreign Troops Enter Lithuania\n\n"
            "Belarusian President Alexander Lukashenko said Minsk would station tactical missiles on the border "
            "if foreign troops were deployed to Lithuania.")
    r = only(extract_text, text)
    assert len(r.evidence) == 2


def test_a_named_official_s_vague_answer_to_other_acts_after_an_unvoiced_specific_line_is_another_line(
        extract_text) -> None:
    text = ("Beijing warned on Monday that Manila's plan to host more US bases would be the end of relations "
            "between the two neighbours.\n\n"
            "Officials gave no timetable.\n\n"
            "Chinese Foreign Ministry spokeswoman Mao Ning warned that any other unfriendly steps "
            "will be met with a resolute response.")
    found = extract_text(text).redlines
    assert len(found) == 2, [(r.speaker, r.trigger.text) for r in found]


def test_a_restatement_naming_who_would_act_adds_them_beside_any_party(extract_text) -> None:
    r = only(extract_text, "Russia said on Friday that any attempt to blockade its Baltic exclave would lead to a "
                           "military confrontation. If Lithuania imposed a blockade on the exclave, Moscow would "
                           "retaliate, the Kremlin spokesman added.")
    assert len(r.evidence) == 2
    assert r.trigger.text == "any attempt to blockade its Baltic exclave"
    assert r.trigger.actors == ("ANY", "LTU")
