from __future__ import annotations

from redline.extract.event_inference import attacker_from
from redline.extract.event_words import INFERRED
from redline.models import Event, Evidence, Span


def ev(actors: tuple[str, ...], targets: tuple[str, ...], action: str = "ATTACK", status: str = "occurred",
       sentence: str = "s") -> Event:
    return Event(actors, action, targets, status, sentence, (Evidence("d", 0, Span(0, len(sentence)), sentence),))


STRIKE = ev(("ARM",), ("AZE",), sentence="Armenian artillery pounded Azerbaijani positions.")


def test_an_agentless_attack_takes_the_attacker_of_the_sentence_before_marked_inferred() -> None:
    got = attacker_from(ev((), ()), [STRIKE])
    assert (got.actors, got.targets, got.confidence) == (("ARM",), ("AZE",), INFERRED)


def test_its_own_target_is_kept_when_it_is_the_one_attacked_before() -> None:
    got = attacker_from(ev((), ("AZE",)), [STRIKE], {"AZE"})
    assert got.actors == ("ARM",) and got.targets == ("AZE",)


def test_a_sentence_naming_another_party_infers_nobody() -> None:
    # "Armenian artillery pounded Azerbaijani positions. A village near Yerevan was shelled."
    assert attacker_from(ev((), ()), [STRIKE], {"ARM"}).actors == ()
    assert attacker_from(ev((), ("ARM",)), [STRIKE]).actors == ()


def test_two_attackers_before_or_no_attack_before_infers_nobody() -> None:
    other = ev(("AZE",), ("ARM",))
    assert attacker_from(ev((), ()), [STRIKE, other]).actors == ()
    assert attacker_from(ev((), ()), []).actors == ()
    assert attacker_from(ev((), ()), [ev(("ARM",), ("AZE",), action="DEPLOY")]).actors == ()
    assert attacker_from(ev((), ()), [ev(("ARM",), ("AZE",), status="planned")]).actors == ()


def test_only_an_unattributed_attack_that_occurred_is_read_so() -> None:
    named = ev(("TUR",), ())
    assert attacker_from(named, [STRIKE]) is named
    for e in (ev((), (), action="SANCTION"), ev((), (), status="planned")):
        assert attacker_from(e, [STRIKE]) is e
