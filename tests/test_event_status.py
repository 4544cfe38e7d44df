"""How far a reported action has got, read from the words above its predicate; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.event_status import event_status, tense


def _status(nlp, text: str, verb: str) -> str | None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    token = next(t for t in doc if t.text == verb)
    return event_status(token)


@pytest.mark.parametrize(
    ("text", "verb", "status"),
    [
        ("Norway sent two frigates to the strait.", "sent", "occurred"),
        ("Norway decided to send two frigates to the strait.", "send", "decided"),
        ("Norway plans to send two frigates to the strait.", "send", "planned"),
        ("Norway is considering whether to send two frigates.", "send", "considered"),
        ("Norway refused to send frigates to the strait.", "send", "denied"),
        ("Norway will not send frigates to the strait.", "send", "denied"),
        ("The navy will continue to conduct patrols in the strait.", "conduct", "occurred"),
    ],
)
def test_the_words_above_the_predicate_give_its_status(nlp, text: str, verb: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert _status(nlp, text, verb) == status


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Oslo will respond if Moscow sends warships to the strait.", "sends"),
        ("Oslo warned that an attack on its ships would be met with force.", "met"),
        ("Sending warships would lead to war.", "Sending"),
    ],
)
def test_a_condition_a_threat_or_a_hypothetical_is_no_event(nlp, text: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    assert _status(nlp, text, verb) is None


@pytest.mark.parametrize(
    ("text", "verb", "status"),
    [
        ("Norway will open a naval base in Iceland on Thursday.", "open", "decided"),
        ("Norway is set to open a naval base in Iceland on 4 June.", "open", "decided"),
        ("Norway will open a naval base in Iceland tomorrow.", "open", "decided"),
        ("Norway will open a naval base in Iceland.", "open", "planned"),  # no day set: still a plan
        ("Norway said on Thursday it will open a naval base in Iceland.", "open", "planned"),  # the saying's day
        ("On Thursday the first battalion crossed the river.", "crossed", "occurred"),
    ],
)
def test_a_planned_act_given_its_day_is_decided(nlp, text: str, verb: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert _status(nlp, text, verb) == status


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Norway will open a naval base in Iceland.", "open", "future"),
        ("Norway is set to open a naval base in Iceland.", "open", "future"),
        ("Norway opened a naval base in Iceland.", "opened", "past"),
        ("A naval base was opened in Iceland.", "opened", "past"),
        ("Norway opens a naval base in Iceland.", "opens", None),
    ],
)
def test_the_tense_of_an_act(nlp, text: str, verb: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert tense(next(t for t in doc if t.text == verb)) == expected


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("A potential blockade of the strait worries shippers.", "considered"),
        ("The planned blockade of the strait worries shippers.", "planned"),
    ],
)
def test_a_named_act_only_spoken_of_takes_the_status_its_modifier_gives(nlp, text: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert _status(nlp, text, "blockade") == status
