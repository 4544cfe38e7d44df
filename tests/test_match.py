"""Matching events against red lines: crossed, approaching, nothing; lines and events written by us."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

import pytest

from redline.models import Event, Evidence, Span
from redline.monitor.line_index import LineIndex, match_all
from redline.monitor.match import CompiledLine, Groups, match_event


class FakeRegistry:
    """Groups and their members, as the actor registry would give them."""

    GROUPS: ClassVar[dict[str, tuple[str, ...]]] = {
        "NATO": ("FRA", "POL", "USA", "DEU"),
        "WEST": ("NATO", "AUS", "JPN"),
    }

    def groups_of(self, code: str) -> Iterable[str]:
        return [g for g, members in self.GROUPS.items() if code in members]

    def members(self, code: str) -> Iterable[str]:
        return self.GROUPS.get(code, ())


REG = FakeRegistry()


def line(
    id: str = "L1",
    holder: tuple[str, ...] = ("RUS",),
    actors: tuple[str, ...] = ("WEST",),
    action: str = "DEPLOY",
    targets: tuple[str, ...] = ("UKR",),
    first_seen: str = "2024-02-27",
    statements: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "id": id,
        "holder": list(holder),
        "trigger": {
            "actors": list(actors),
            "action": action,
            "targets": list(targets),
            "text": "Western troops are sent to Ukraine",
        },
        "consequence": {"action": "ATTACK", "targets": ["NATO"], "text": "direct conflict with NATO"},
        "certainty": "medium",
        "first_seen": first_seen,
        "last_seen": first_seen,
        "statements": [{"doc_id": "old", "evidence": s} for s in statements],
    }


def event(
    actors: tuple[str, ...] = ("FRA",),
    action: str = "DEPLOY",
    targets: tuple[str, ...] = ("UKR",),
    status: str = "occurred",
    when: date | None = date(2024, 6, 1),
    sentence: str = "France deployed instructors to Ukraine.",
) -> Event:
    ev = Evidence("news-1", 2, Span(10, 10 + len(sentence)), sentence)
    return Event(actors, action, targets, status, sentence, (ev,), when)


def test_member_of_a_group_in_a_group_crosses() -> None:
    alert = match_event(event(), line(), REG)
    assert alert is not None and alert.status == "crossed"
    assert "actor FRA ∈ WEST (trigger actor)" in alert.explanation
    assert "target UKR (trigger target)" in alert.explanation


@pytest.mark.parametrize("status", ["occurred", "decided"])
def test_occurred_and_decided_cross(status: str) -> None:
    alert = match_event(event(actors=("POL",), status=status), line(actors=("NATO",)), REG)
    assert alert is not None and alert.status == "crossed"


@pytest.mark.parametrize("status", ["planned", "considered"])
def test_planned_and_considered_approach(status: str) -> None:
    alert = match_event(event(status=status), line(), REG)
    assert alert is not None and alert.status == "approaching"
    assert any(status in part for part in alert.explanation)


def test_denied_never_alerts() -> None:
    assert match_event(event(status="denied"), line(), REG) is None


def test_unknown_target_only_approaches() -> None:
    alert = match_event(event(targets=()), line(), REG)
    assert alert is not None and alert.status == "approaching"
    assert "target unknown" in alert.explanation


def test_unknown_target_meets_a_trigger_aimed_at_the_holder() -> None:
    alert = match_event(event(action="COERCE", targets=()), line(action="COERCE", targets=("RUS",)), REG)
    assert alert is not None and alert.status == "crossed"
    assert any("aimed at the holder" in x for x in alert.explanation)


@pytest.mark.parametrize(
    ("ev", "ln"),
    [
        (event(actors=("CHN",)), line()),  # not a trigger party
        (event(action="ARM"), line()),  # another class
        (event(targets=("MDA",)), line()),  # another target
        (event(actors=("RUS",)), line(actors=())),  # the holder does not cross its own line
        (event(when=date(2023, 1, 1)), line()),  # older than the line
    ],
)
def test_no_alert(ev: Event, ln: dict[str, Any]) -> None:
    assert match_event(ev, ln, REG) is None


def test_target_member_of_trigger_group() -> None:
    ln = line(holder=("USA",), actors=("RUS",), action="ATTACK", targets=("NATO",))
    alert = match_event(event(actors=("RUS",), action="ATTACK", targets=("POL",)), ln, REG)
    assert alert is not None and alert.status == "crossed"
    assert "target POL ∈ NATO (trigger target)" in alert.explanation


def test_empty_or_any_trigger_actors_match_anyone_else() -> None:
    for actors in ((), ("ANY",)):
        alert = match_event(event(actors=("JPN",)), line(actors=actors), REG)
        assert alert is not None and alert.status == "crossed"


def test_group_actor_against_member_trigger_is_partial() -> None:
    alert = match_event(event(actors=("NATO",)), line(actors=("FRA",)), REG)
    assert alert is not None and alert.status == "approaching"


def test_chemical_attack_nears_an_attack_line() -> None:
    ln = line(holder=("USA",), actors=("SYR",), action="ATTACK", targets=())
    alert = match_event(event(actors=("SYR",), action="WMD", targets=()), ln, REG)
    assert alert is not None and alert.status == "approaching"


def test_the_lines_own_statement_is_not_an_event() -> None:
    said = "Moscow said sending troops to Ukraine would cross a red line."
    assert match_event(event(sentence=said), line(statements=(said,)), REG) is None


def test_match_all_uses_the_index_and_puts_crossed_first() -> None:
    lines = [line("A"), line("B", actors=("NATO",), action="ARM"), line("C", actors=(), action="DEPLOY")]
    events = [event(status="planned"), event(), event(actors=("AUS",), action="ARM"), event(status="denied")]
    alerts = match_all(events, lines, REG)
    assert [(a.status, a.line_id) for a in alerts] == [
        ("crossed", "A"),
        ("crossed", "C"),
        ("approaching", "A"),
        ("approaching", "C"),
    ]
    index = LineIndex(lines, Groups(REG))
    assert {ln.id for ln in index.candidates(event(actors=("AUS",), action="ARM"))} == set()
    assert {ln.id for ln in index.candidates(event(actors=("POL",), action="ARM"))} == {"B"}


# -- meaning: vague triggers, and the similarity in every explanation (issue 9) -------------------------


def _unit(*xs: float) -> Any:
    import numpy as np

    v = np.zeros(384, dtype=np.float32)
    v[: len(xs)] = xs
    return v / np.linalg.norm(v)


def _vague(**kw: Any) -> dict[str, Any]:
    ln = line(action="OTHER", actors=("PRK",), targets=(), **kw)
    ln["trigger"]["text"] = "such actions are repeated"
    ln["trigger"]["vector"] = _unit(1, 0)
    ln["context_vector"] = _unit(0.8, 0.6)
    return ln


def test_a_vague_trigger_is_met_by_meaning_and_says_so() -> None:
    balloons = event(actors=("PRK",), action="COERCE", targets=("KOR",), sentence="Pyongyang sent balloons south.")
    alerts = match_all([balloons], [_vague()], REG, [_unit(0.9, 0.1)])
    assert [a.status for a in alerts] == ["crossed"]
    why = "; ".join(alerts[0].explanation)
    assert "met by meaning" in why and "meaning 0.99 ≥ 0.55" in why


def test_a_vague_trigger_far_in_meaning_or_without_vectors_is_not_met() -> None:
    strike = event(actors=("PRK",), action="ATTACK", targets=("KOR",), sentence="Pyongyang fired artillery.")
    assert match_all([strike], [_vague()], REG, [_unit(0, 0, 1)]) == []
    assert match_all([strike], [_vague()], REG) == []


def test_an_event_with_no_known_actor_never_meets_an_open_vague_trigger_by_meaning() -> None:
    # a line open to anyone ("if anyone repeats such launches"): close in meaning, but whose launch is unknown
    open_line = _vague()
    open_line["trigger"]["actors"] = []
    launch = event(actors=(), action="ATTACK", targets=(), sentence="A missile was launched from the coast.")
    assert match_all([launch], [open_line], REG, [_unit(0.9, 0.1)]) == []
    assert match_event(launch, open_line, REG, vector=_unit(0.9, 0.1)) is None
    named = event(actors=("PRK",), action="ATTACK", targets=(), sentence="Pyongyang launched a missile.")
    assert [a.status for a in match_all([named], [open_line], REG, [_unit(0.9, 0.1)])] == ["crossed"]


def test_a_structural_match_reports_the_similarity_without_needing_it() -> None:
    ln = line()
    ln["trigger"]["vector"] = _unit(1, 0)
    alert = match_event(event(), ln, REG, vector=_unit(0, 1))
    assert alert is not None and alert.status == "crossed"
    assert any(x.startswith("meaning 0.00 < 0.55") for x in alert.explanation)


def test_an_event_of_unknown_date_says_so() -> None:
    alert = match_event(event(when=None), line(), REG)
    assert alert is not None and "event date unknown" in alert.explanation


def test_a_vague_line_is_also_found_by_its_own_class_when_far_in_meaning() -> None:
    # the index must find every line match_event accepts: a meeting (OTHER) meets an OTHER trigger by class
    meeting = event(actors=("PRK",), action="OTHER", targets=(), sentence="Pyongyang's envoy met the delegation.")
    alerts = match_all([meeting], [_vague()], REG, [_unit(0, 0, 1)])
    assert [a.status for a in alerts] == ["crossed"]
    assert match_event(meeting, _vague(), REG, vector=_unit(0, 0, 1)) is not None


def _warned(**kw: Any) -> dict[str, Any]:
    ln = line(actors=("POL",), action="OTHER", targets=(), **kw)
    ln["trigger"]["text"] = "payments are not made on the new terms"
    ln["consequence"] = {"action": "COERCE", "targets": [], "text": "gas supplies will be stopped"}
    ln["trigger"]["vector"] = _unit(1, 0)
    ln["context_vector"] = _unit(0.8, 0.6)
    return ln


def test_the_holder_carrying_out_its_consequence_crosses_and_says_why() -> None:
    cutoff = event(actors=("RUS",), action="COERCE", targets=("POL",), sentence="Russia cut off gas to Poland.")
    alerts = match_all([cutoff], [_warned()], REG, [_unit(0.9, 0.1)])
    assert [a.status for a in alerts] == ["crossed"]
    why = "; ".join(alerts[0].explanation)
    assert "actor RUS is the holder" in why and "consequence (COERCE) carried out" in why


def test_the_holder_acting_beside_others_carries_out_its_consequence() -> None:
    # "Russia and Belarus cut off gas to Poland": the holder is one of those who acted
    cutoff = event(actors=("RUS", "BLR"), action="COERCE", targets=("POL",), sentence="Russia and Belarus cut off gas.")
    assert [a.status for a in match_all([cutoff], [_warned()], REG, [_unit(0.9, 0.1)])] == ["crossed"]


def test_the_party_an_answer_is_aimed_at_never_carries_it_out() -> None:
    ln = _warned()
    ln["consequence"]["targets"] = ["LTU"]  # "gas to Poland and Lithuania will be stopped"
    joint = event(actors=("RUS", "LTU"), action="COERCE", targets=("POL",),
                  sentence="Russia and Lithuania cut off gas.")
    assert match_all([joint], [ln], REG, [_unit(0.9, 0.1)]) == []


@pytest.mark.parametrize(
    ("changes", "vector"),
    [
        ({}, _unit(0, 0, 1)),  # far in meaning: the holder acted for another reason
        ({}, None),  # no vectors: nothing ties the act to this line
        ({"status": "planned"}, _unit(0.9, 0.1)),  # only an act that happened
        ({"action": "ATTACK"}, _unit(0.9, 0.1)),  # not what was warned of
        ({"targets": ("DEU",)}, _unit(0.9, 0.1)),  # not at the party the line is about
        ({"actors": ("BLR",)}, _unit(0.9, 0.1)),  # someone else did it
    ],
)
def test_the_holder_acting_otherwise_raises_nothing(changes: dict[str, Any], vector: Any) -> None:
    kw: dict[str, Any] = {"actors": ("RUS",), "action": "COERCE", "targets": ("POL",), **changes}
    cutoff = event(sentence="Russia cut off gas to Poland.", **kw)
    assert match_all([cutoff], [_warned()], REG, [vector]) == []


def test_a_trigger_aimed_at_anyone_meets_any_target_in_the_index_too() -> None:
    ln = line(holder=("USA",), actors=("RUS",), action="ATTACK", targets=("ANY",))
    ev = event(actors=("RUS",), action="ATTACK", targets=("POL",))
    alert = match_event(ev, ln, REG)
    assert alert is not None and alert.status == "crossed"
    assert "the trigger names any target" in alert.explanation
    assert [a.status for a in match_all([ev], [ln], REG)] == ["crossed"]


def _pullout_warned() -> dict[str, Any]:
    """Germany warned that if Poland hires a foreign militia it would consider withdrawing its troops."""
    ln = line(holder=("DEU",), actors=("POL",), action="OTHER", targets=())
    ln["trigger"]["text"] = "the contract with the militia is signed"
    ln["consequence"] = {"action": "DEPLOY", "targets": ["POL"],
                         "text": "Berlin would consider withdrawing its troops from the country"}
    ln["trigger"]["vector"] = _unit(1, 0)
    ln["context_vector"] = _unit(0.8, 0.6)
    return ln


@pytest.mark.parametrize("status", ["planned", "decided"])
def test_a_holder_that_warned_it_would_consider_withdrawing_carries_it_out_by_a_plan_to(status: str) -> None:
    pullout = event(actors=("DEU",), action="DEPLOY", targets=("POL",), status=status,
                    sentence="Germany will withdraw its troops from Poland.")
    pullout = Event(pullout.actors, pullout.action, pullout.targets, pullout.status,
                    "withdraw its troops from Poland", pullout.evidence, pullout.date)
    assert [a.status for a in match_all([pullout], [_pullout_warned()], REG, [_unit(0.9, 0.1)])] == ["crossed"]


def test_a_decided_act_of_the_holder_carries_out_its_warning() -> None:
    decided = event(actors=("RUS",), action="COERCE", targets=("POL",), status="decided",
                    sentence="Russia decided to cut off gas to Poland.")
    assert [a.status for a in match_all([decided], [_warned()], REG, [_unit(0.9, 0.1)])] == ["crossed"]


def _withdrawal_event(**kw: Any) -> Event:
    ev = event(**kw)
    return Event(ev.actors, ev.action, ev.targets, ev.status, "withdrew its troops from Ukraine", ev.evidence, ev.date)


def test_a_withdrawal_never_crosses_a_line_about_sending_forces() -> None:
    # France pulling its instructors out of Ukraine is the opposite of the deployment Russia warned of
    assert match_event(_withdrawal_event(), line(), REG) is None
    assert match_all([_withdrawal_event()], [line()], REG) == []


def test_a_withdrawal_carries_out_only_a_warning_of_one() -> None:
    ln = _pullout_warned()
    ln["consequence"]["text"] = "Berlin would consider sending more troops to the country"
    pullout = Event(("DEU",), "DEPLOY", ("POL",), "occurred", "withdrew its troops from Poland",
                    event().evidence, date(2024, 6, 1))
    assert match_all([pullout], [ln], REG, [_unit(0.9, 0.1)]) == []


def test_a_trigger_that_words_a_withdrawal_is_crossed_by_one_read_once_per_line() -> None:
    ln = line()
    ln["trigger"]["text"] = "Western troops are pulled out of Ukraine"
    compiled = CompiledLine.of(ln)
    assert compiled.trigger_withdraws and not compiled.consequence_withdraws
    assert [a.status for a in match_all([_withdrawal_event()], [ln], REG)] == ["crossed"]
    assert match_event(_withdrawal_event(), compiled, REG) is not None
