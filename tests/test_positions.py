"""How a position cue reads from the parse around it (redline.extract.positions), on sentences we wrote."""

from __future__ import annotations

from redline.extract.positions import conditional_phrase, judgement, support_reading
from redline.extract.stances import object_tokens


def _verb(doc, text: str):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == text)


def test_a_judgement_reads_the_predicate_given_to_the_object(nlp) -> None:
    doc = nlp("Brazil views the naval blockade as a provocation.")
    assert judgement(_verb(doc, "views"), negated=False) == "oppose"
    assert judgement(_verb(doc, "views"), negated=True) == "open"
    doc = nlp("Lisbon called the joint patrols necessary.")
    assert judgement(_verb(doc, "called"), negated=False) == "support"
    # No predicate, or one with no word of blame or approval: no judgement.
    assert judgement(_verb(nlp("Lisbon called for joint patrols."), "called"), negated=False) is None
    assert judgement(_verb(nlp("Lisbon considers the patrols routine."), "considers"), negated=False) is None


def test_what_a_verb_of_support_asks_for_decides(nlp) -> None:
    def read(text: str, verb: str) -> str:
        v = _verb(nlp(text), verb)
        return support_reading(v, False, object_tokens(v))

    assert read("Accra urged Lome to scrap the levy on arms imports.", "urged") == "oppose"
    assert read("Accra urged Lome not to impose the arms levy.", "urged") == "oppose"
    assert read("Ecuador pressed for additional time to join the embargo.", "pressed") == "conditional"
    assert read("Ecuador sought a waiver from the arms embargo.", "sought") == "conditional"
    assert read("Ecuador will decide whether to join the embargo.", "decide") == "open"
    assert read("Ecuador wants to join the embargo unless the talks resume.", "wants") == "conditional"
    assert read("Ecuador wants to join the embargo.", "wants") == "support"


def test_anonymity_is_no_condition() -> None:
    assert conditional_phrase("Norway approved the deployment, an official said on condition of anonymity.") is None
    assert conditional_phrase("Norway will send troops, but only if the UN approves.") is not None
    assert conditional_phrase("Norway agreed on condition that the mission stays under UN command.") is not None


def test_an_objection_stated_through_what_the_verb_governs(nlp) -> None:
    from redline.extract.positions import objection

    doc = nlp("Hanoi cautioned Beijing against sending survey ships to the reef.")
    assert objection(_verb(doc, "cautioned"), negated=False) == "oppose"
    doc = nlp("Officials in Manila worry that the pact may spur an arms race.")
    assert objection(_verb(doc, "worry"), negated=False) == "oppose"
    assert objection(_verb(nlp("Hanoi cautioned that talks would take time."), "cautioned"), negated=False) is None


def test_a_price_asked_in_return_is_a_condition() -> None:
    assert conditional_phrase("Ankara would lift its veto in exchange for the extradition of the activists.")
    assert conditional_phrase("Ankara would lift its veto once the activists are extradited.") is None
