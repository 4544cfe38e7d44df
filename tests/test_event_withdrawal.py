"""Withdrawals of forces (redline.extract.event_withdrawal); sentences written by us."""

from __future__ import annotations

import pytest

from redline.extract.event_withdrawal import is_withdrawal
from test_events import events


def _withdrawals(nlp, text: str):
    return [e for e in events(nlp, text) if is_withdrawal(e.text)]


@pytest.mark.parametrize(
    ("text", "actors", "targets", "status"),
    [
        ("Germany will withdraw its soldiers from Lithuania, the chancellor said.", {"DEU"}, {"LTU"}, "planned"),
        ("Washington withdrew its troops from Syria in August.", {"USA"}, {"SYR"}, "occurred"),
        ("Britain decided to pull its forces out of Syria.", {"GBR"}, {"SYR"}, "decided"),
        ("Russian forces withdrew from Odesa on Friday.", {"RUS"}, {"UKR"}, "occurred"),
    ],
)
def test_forces_pulled_out_of_a_place_are_a_withdrawal(nlp, text, actors, targets, status) -> None:
    found = _withdrawals(nlp, text)
    assert len(found) == 1, (text, events(nlp, text))
    ev = found[0]
    assert (set(ev.actors), ev.action, set(ev.targets), ev.status) == (actors, "DEPLOY", targets, status)


@pytest.mark.parametrize(
    "text",
    [
        "Washington withdrew from the nuclear deal with Iran in May.",  # a treaty left, no forces moved
        "Israel withdrew its ambassador from Ankara.",  # a diplomat, not forces
        "Australia withdrew the proposal on Monday.",
    ],
)
def test_leaving_a_deal_or_recalling_an_envoy_is_no_withdrawal_of_forces(nlp, text) -> None:
    assert [e for e in _withdrawals(nlp, text) if e.action == "DEPLOY"] == []


def test_withdrawal_wording() -> None:
    assert is_withdrawal("would consider withdrawing its troops from the country")
    assert is_withdrawal("pulled its forces back from the border")
    assert not is_withdrawal("deployed troops to the border")
