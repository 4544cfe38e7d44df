"""redline.extract.lexicon: its word lists hold what their readers compare, and each reading shows in a sentence.

The lemma lists are compared with one token's lower-cased lemma or text (``actions._lemma``,
``t.lemma_.lower()``), so their entries must be lower-case single tokens; the action classes must be
FORMAT.md §4's; lists the readers try in a fixed order must not share a word, or the later one never sees it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from redline.extract import lexicon
from redline.extract.actions import classify
from redline.extract.attribution import reporting_verbs
from redline.extract.redlines import certainty_of

if TYPE_CHECKING:
    from spacy.language import Language

FORMAT = Path(__file__).resolve().parents[2] / "shared" / "spec" / "FORMAT.md"
# FORMAT.md §4; OTHER is what no word names.
CLASSES = frozenset({"ATTACK", "DEPLOY", "ARM", "WMD", "ANNEX", "SANCTION", "JOIN", "COERCE", "RESPOND"})
TOKEN_LISTS = ("WEAPON_WORDS", "FORCE_WORDS", "TRANSFER_VERBS", "PERMIT_WORDS", "WMD_MODIFIERS", "USE_VERBS",
               "REPORTING_VERBS", "CONDITION_MARKS", "LINK_LEMMAS", "ROLE_WORDS", "REGARD_LEMMAS", "MEET_LEMMAS")


def _single_lower_token(word: str) -> bool:
    return word == word.lower() and re.fullmatch(r"[^\s]+", word) is not None


def test_the_classes_are_those_of_the_format() -> None:
    if not FORMAT.exists():
        pytest.skip("../shared/spec/FORMAT.md is not here")
    section = FORMAT.read_text(encoding="utf-8").split("## 4.")[1].split("## 5.")[0]
    assert set(re.findall(r"^\| `([A-Z]+)` \|", section, re.MULTILINE)) == CLASSES | {"OTHER"}


def test_every_action_word_names_a_class_of_the_format() -> None:
    assert set(lexicon.ACTION_LEMMAS.values()) <= CLASSES
    assert set(lexicon.ACTION_LEMMAS.values()) == CLASSES  # every class has its words


def test_action_words_are_lower_case() -> None:
    assert [w for w in lexicon.ACTION_LEMMAS if w != w.lower()] == []


def test_action_words_are_single_tokens() -> None:
    # every lookup of ACTION_LEMMAS is by one token's lemma or text: a key of two words could never match
    assert [w for w in lexicon.ACTION_LEMMAS if not _single_lower_token(w)] == []


def test_a_word_listed_in_two_action_classes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "ACTION_LEMMAS", {})
    lexicon._add("ARM", "tank")
    lexicon._add("ARM", "tank")  # again in the same class: harmless
    with pytest.raises(ValueError, match="'tank'"):
        lexicon._add("ATTACK", "tank")


@pytest.mark.parametrize("name", TOKEN_LISTS)
def test_token_lists_hold_lower_case_single_tokens(name: str) -> None:
    words = getattr(lexicon, name)
    assert words and [w for w in words if not _single_lower_token(w)] == []


def test_weapons_and_forces_share_no_word() -> None:
    # What a transfer verb governs is read weapons first (ARM), forces after (DEPLOY): a shared word is never DEPLOY.
    assert lexicon.WEAPON_WORDS.isdisjoint(lexicon.FORCE_WORDS)


@pytest.mark.parametrize(("weaker", "stronger"), [
    (("would", "wouldn't", "should", "likely"), ("HIGH_RE",)),
    (("could", "may", "might", "can", "possibly", "potentially"), ("HIGH_RE", "MEDIUM_RE")),
])
def test_a_certainty_word_is_read_at_one_level_only(weaker: tuple[str, ...], stronger: tuple[str, ...]) -> None:
    # certainty_of tries high, then medium, then low: a weaker word a stronger pattern matched would be lost.
    for pattern in stronger:
        assert [w for w in weaker if getattr(lexicon, pattern).search(w)] == [], pattern


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Kestria shelled the harbour at dawn", "ATTACK"),  # a class word on its own
    ("Valdor will send rockets to Kestria", "ARM"),  # a transfer verb over a weapon
    ("Valdor will send soldiers to Kestria", "DEPLOY"),  # ... over a force
    ("a plan to lift the limits on rockets", "ARM"),  # a permit word over a weapon
    ("the junta could use chemical weapons", "WMD"),  # a use verb over a WMD modifier
    ("Valdor embargoes Kestrian grain", "SANCTION"),
    ("Kestria mobilises its reserves", "COERCE"),
    ("Valdor would take appropriate measures", "RESPOND"),
])
def test_the_action_words_class_a_phrase(nlp: Language, phrase: str, expected: str) -> None:
    assert classify(list(nlp(phrase))) == expected


def test_a_reporting_verb_voices_its_sentence(nlp: Language) -> None:
    assert [t.text for t in reporting_verbs(nlp("The envoy cautioned that the talks could fail."))] == ["cautioned"]
    assert reporting_verbs(nlp("The weather was mild in the capital.")) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Valdor will answer any crossing", "high"),
    ("Valdor would answer any crossing", "medium"),
    ("Valdor might answer any crossing", "low"),
])
def test_the_certainty_words_grade_a_threat(text: str, expected: str) -> None:
    assert certainty_of(text) == expected


def test_the_patterns_read_their_kind_of_wording() -> None:
    assert lexicon.CONDITION_PHRASES.search("In the event that boats cross the lake, Kestria acts.")
    assert lexicon.RESPONSE_RE.search("they would pay a heavy price for it")
    assert lexicon.RESPONSE_RE.search("Norland stands to lose American protection")
    assert not lexicon.RESPONSE_RE.search("the committee will meet on Tuesday")
    assert lexicon.EXPLICIT_RE.search("Crossing the lake is a red line for us")
    assert not lexicon.EXPLICIT_RE.search("The lake is red at sunset")
    fare = "The fare rise is a red line for commuters, the union said."
    assert lexicon.NON_SECURITY_RE.search(fare) and not lexicon.STRONG_SECURITY_RE.search(fare)
    assert lexicon.STRONG_SECURITY_RE.search("A budget that cuts the army is a red line.")


@pytest.mark.parametrize(("text", "pattern"), [
    ("Valdor ruled out a joint patrol of the lake", "OPPOSE_RE"),
    ("Kestria said nothing should be excluded", "OPEN_RE"),
    ("Norland backs a joint patrol of the lake", "SUPPORT_RE"),
    ("Norland would take part only if the patrol is unarmed", "CONDITIONAL_RE"),
    ("a joint patrol of the lake by a monitoring mission", "PROPOSAL_RE"),
    ("an import ban on Valdorian timber", "MEASURE_RE"),
    ("a boycott of the games in Kestria", "MEASURE_RE"),
    ("a price cap on Norland's gas", "MEASURE_RE"),
    ("the expulsion of Valdor's envoys", "MEASURE_RE"),
])
def test_the_position_patterns_read_a_stance(text: str, pattern: str) -> None:
    assert getattr(lexicon, pattern).search(text)
    assert not getattr(lexicon, pattern).search("The ferry left the harbour at noon.")
