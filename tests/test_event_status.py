"""How far a reported action has got, read from the words above its predicate; sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.event_status import event_status


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
