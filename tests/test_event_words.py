"""redline.extract.event_words: the event lists hold what their readers compare, and each reading shows in a sentence.

Readers compare these lists with a token's lower-cased lemma or text (``events._lemma``), except the alliance
codes, compared with actor codes and upper-cased text. The status verbs are tried in a fixed order
(threat, denial, consideration, plan, decision: ``event_status._governor_status``), so no verb may sit in two.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import TYPE_CHECKING

import pytest

from redline.extract import event_words, lexicon
from redline.extract.event_status import event_status
from redline.extract.events import event_class

if TYPE_CHECKING:
    from spacy.language import Language

WORD_SETS = sorted(name for name, value in vars(event_words).items()
                   if isinstance(value, frozenset) and name.isupper() and name not in {"ALLIANCE_CODES"}
                   and not name.endswith("_DEPS"))
STATUS_VERBS_IN_ORDER = ("THREATS", "DENIED", "CONSIDERED", "PLANNED", "DECIDED")
# The verbs event_class tests for a form of its own: sentence_events only asks it about PREDICATE_LEMMAS.
PREDICATE_FORMS = ("OPENING_VERBS", "REPEL_VERBS", "STRIKE_GIVERS", "CUTOFF_VERBS", "REIMPOSE_VERBS",
                   "RAISING_VERBS", "STATUS_VERBS", "INTAKE_VERBS", "LIGHT_VERBS", "DECIDING_PREDICATES")


def test_the_shared_lists_are_the_lexicon_s_own() -> None:
    for name in event_words.__all__:
        assert getattr(event_words, name) is getattr(lexicon, name)


@pytest.mark.parametrize("name", WORD_SETS)
def test_word_lists_hold_lower_case_single_tokens(name: str) -> None:
    words = getattr(event_words, name)
    assert words and [w for w in words if w != w.lower() or re.search(r"\s", w)] == []


def test_status_nouns_and_modals_are_lower_case_and_give_known_statuses() -> None:
    for table in (event_words.NOUN_STATUS, event_words.MODALS):
        assert [w for w in table if w != w.lower() or " " in w] == []
    assert set(event_words.MODALS.values()) <= set(event_words.STRENGTH)
    assert set(event_words.NOUN_STATUS.values()) <= set(event_words.STRENGTH) | {"skip"}


def test_alliance_codes_are_upper_case_codes() -> None:
    assert [c for c in event_words.ALLIANCE_CODES if not re.fullmatch(r"[A-Z]+", c)] == []


def test_the_weakest_status_is_the_lowest() -> None:
    strength = event_words.STRENGTH
    assert sorted(strength, key=strength.__getitem__) == ["denied", "considered", "planned", "decided", "occurred"]


@pytest.mark.parametrize(("a", "b"), list(combinations(STATUS_VERBS_IN_ORDER, 2)))
def test_no_status_verb_sits_in_two_lists(a: str, b: str) -> None:
    assert getattr(event_words, a).isdisjoint(getattr(event_words, b))


def test_hesitant_and_unwilling_share_no_word() -> None:
    assert event_words.HESITANT.isdisjoint(event_words.UNWILLING)


@pytest.mark.parametrize("name", PREDICATE_FORMS)
def test_the_verbs_of_each_form_are_predicates(name: str) -> None:
    assert getattr(event_words, name) <= event_words.PREDICATE_LEMMAS


def _read(nlp: Language, sentence: str, verb: str) -> tuple[str | None, str | None]:
    (v,) = [t for t in nlp(sentence) if t.text == verb]
    return event_class(v), event_status(v)


@pytest.mark.parametrize(("sentence", "verb", "expected"), [
    ("Valdor sent soldiers to Kestria on Monday.", "sent", ("DEPLOY", "occurred")),
    ("Valdor decided to send soldiers to Kestria.", "send", ("DEPLOY", "decided")),
    ("Valdor plans to send soldiers to Kestria.", "send", ("DEPLOY", "planned")),
    ("Valdor will send soldiers to Kestria.", "send", ("DEPLOY", "planned")),  # a modal
    ("Valdor is weighing whether to send soldiers to Kestria.", "send", ("DEPLOY", "considered")),
    ("Valdor appeared hesitant about sending soldiers to Kestria.", "sending", ("DEPLOY", "considered")),
    ("Valdor rejected sending soldiers to Kestria.", "sending", ("DEPLOY", "denied")),
    ("Valdor threatened to send soldiers to Kestria.", "send", ("DEPLOY", None)),  # a threat is no event
    ("If Valdor sends soldiers, Kestria will act.", "sends", ("DEPLOY", None)),  # nor is a condition
])
def test_the_status_words_grade_a_reported_act(nlp: Language, sentence: str, verb: str,
                                                expected: tuple[str | None, str | None]) -> None:
    assert _read(nlp, sentence, verb) == expected


@pytest.mark.parametrize(("sentence", "verb", "expected"), [
    ("Valdor opened a naval base in Kestria.", "opened", "DEPLOY"),
    ("Valdor opened talks with Kestria.", "opened", None),
    ("Valdor raised tariffs on Kestrian steel.", "raised", "SANCTION"),
    ("Valdor halted gas supplies to Kestria.", "halted", "COERCE"),
    ("Valdor recognised the independence of the islands.", "recognised", "ANNEX"),
    ("Valdor recognised the danger.", "recognised", None),
])
def test_the_object_words_class_a_predicate(nlp: Language, sentence: str, verb: str, expected: str | None) -> None:
    assert _read(nlp, sentence, verb)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Valdor will withdraw its troops", True), ("Kestria pulled its last soldiers out", True),
    ("the pullout began at dawn", True), ("Norland pulled back from the border", True),
    ("the envoy drew up a plan", False), ("Valdor pulled the plug on the deal", False), ("", False),
])
def test_a_withdrawal_is_read_from_its_wording(text: str, expected: bool) -> None:
    assert event_words.is_withdrawal(text) is expected


def test_event_cues_and_sentence_ends() -> None:
    assert event_words.EVENT_CUES.search("Kestria shelled the harbour.")
    assert not event_words.EVENT_CUES.search("The weather was mild in the capital.")
    # A stop (with its closing quote) before a space or the end, or a line break; not the point of "3.5".
    text = 'He said "no." Then he left! Was it 3.5 km?\nA new line\nend.'
    assert [m.group() for m in event_words.SENTENCE_END.finditer(text)] == ['." ', "! ", "?\n", "\n", "."]
