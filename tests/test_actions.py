"""Action classes of phrases, read head-first (FORMAT.md §4); sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.actions import classify


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Britain sends troops to Estonia", "DEPLOY"),
        ("the stationing of American soldiers in Poland", "DEPLOY"),
        ("Germany supplies Taurus missiles to Ukraine", "ARM"),
        ("a decision to lift restrictions on long-range missiles to strike deep inside Russia", "ARM"),
        ("the sale of fighter jets to Taiwan", "ARM"),
        ("Pyongyang conducts another nuclear test", "WMD"),
        ("the regime uses chemical weapons against civilians", "WMD"),
        ("respond with everything we have, including nuclear weapons", "WMD"),
        ("an attack on Lebanese territory", "ATTACK"),
        ("an invasion of the island", "ATTACK"),
        ("a direct conflict between the two alliances", "ATTACK"),
        ("Moscow annexes the occupied regions", "ANNEX"),
        ("a declaration of independence", "ANNEX"),
        ("Brussels imposes new sanctions on Ankara", "SANCTION"),
        ("the destruction of our relations", "SANCTION"),
        ("Finland joins the alliance", "JOIN"),
        ("a naval blockade of the strait", "COERCE"),
        ("we will respond", "RESPOND"),
        ("appropriate measures", "RESPOND"),
        ("the weather turns cold", "OTHER"),
        ("the militia launches rockets at the town", "ATTACK"),
        ("the ministry launched talks with its neighbours", "OTHER"),
        ("American missiles are placed in Romania", "DEPLOY"),
        ("nuclear weapons are placed on its territory", "WMD"),
        ("Oslo hosts the allied missile defence system", "DEPLOY"),
        ("the army attempts to seize the peninsula", "ANNEX"),
        ("the navy seized a tanker in the strait", "COERCE"),
        ("the allies declare a no-fly zone above the region", "COERCE"),
        ("a demilitarised buffer zone along the border", "COERCE"),
        ("a new time zone for the region", "OTHER"),
        ("we will purge them from the valley", "ATTACK"),
        ("the army would annihilate the invaders", "ATTACK"),
        ("cut off all trade with any state that buys its coal", "SANCTION"),
        ("the ministry will halt gas exports to the neighbours", "SANCTION"),
        ("halt arms supplies to the rebels", "ARM"),
        ("he takes any action against its territories", "RESPOND"),
        ("the army will take the island", "ANNEX"),
        ("the militia brings in a lorry loaded with rockets", "ARM"),
        ("warned of nuclear retaliation", "WMD"),
        ("a chemical attack on the city", "WMD"),
        ("the emirate faced greater isolation", "SANCTION"),
        ("the government would recall its ambassador", "SANCTION"),
        ("Oslo will close its embassy in the capital", "SANCTION"),
        ("the junta would sever all diplomatic channels with Paris", "SANCTION"),
        ("an attempt to choke off the region's oil supply by closing the canal", "COERCE"),
    ],
)
def test_classify(nlp, phrase: str, expected: str) -> None:
    assert classify(list(nlp(phrase))) == expected


def test_empty_is_other() -> None:
    assert classify([]) == "OTHER"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("consequences over the deployment of the missile system", "RESPOND"),
        ("resolute countermeasures to safeguard its sovereignty and security", "RESPOND"),
        ("respond with everything it has, including nuclear weapons", "WMD"),
        ("retaliate by striking the launch sites", "ATTACK"),
    ],
)
def test_an_answer_is_read_without_its_ground_or_purpose(nlp, phrase: str, expected: str) -> None:
    assert classify(list(nlp(phrase)), answer=True) == expected


def test_a_ground_still_counts_outside_an_answer(nlp) -> None:
    assert classify(list(nlp("consequences over the deployment of the missile system"))) == "DEPLOY"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("any future act of terror against the country", "ATTACK"),
        ("if their soldiers cross the border", "ATTACK"),
        ("crossing a red line", "OTHER"),
        ("Ukraine is accepted into NATO", "JOIN"),
        ("admission to the alliance", "JOIN"),
    ],
)
def test_terror_border_crossings_and_admission(nlp, phrase: str, expected: str) -> None:
    assert classify(list(nlp(phrase))) == expected


def test_military_technical_measures_name_no_attack(nlp) -> None:
    assert classify(list(nlp("to take political and military-technical countermeasures")), answer=True) == "RESPOND"


def test_a_token_whose_class_reads_nothing_below_it_leaves_its_subtree_unwalked(nlp, monkeypatch) -> None:
    from redline.extract import actions

    doc = nlp("The rebels launched a massive bombardment of the northern town of Sumy.")
    walked: list[int] = []
    words = actions._words

    def counting(tokens):  # type: ignore[no-untyped-def]
        found = words(list(tokens))
        walked.append(len(found))
        return found

    monkeypatch.setattr(actions, "_words", counting)
    assert actions.token_class(doc[5]) == "ATTACK" and walked == []  # "bombardment": its own lemma decides
    assert actions.token_class(doc[2]) is None and len(walked) == 1  # "launched" asks what was launched
