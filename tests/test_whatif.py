"""What-if cascades on a small knowledge base of red lines written by us."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import pytest

from redline.escalation.whatif import node_to_dict, parse_whatif, paths, whatif
from redline.models import ActorMention, Span


class FakeRegistry:
    GROUPS: ClassVar[dict[str, tuple[str, ...]]] = {"NATO": ("FRA", "POL", "USA"), "WEST": ("NATO", "JPN")}

    def groups_of(self, code: str) -> Iterable[str]:
        return [g for g, m in self.GROUPS.items() if code in m]

    def members(self, code: str) -> Iterable[str]:
        return self.GROUPS.get(code, ())


def rl(
    id: str,
    holder: str,
    actors: list[str],
    action: str,
    targets: list[str],
    c_action: str,
    c_targets: list[str],
    certainty: str,
) -> dict[str, Any]:
    return {
        "id": id,
        "holder": [holder],
        "trigger": {"actors": actors, "action": action, "targets": targets, "text": f"trigger {id}"},
        "consequence": {"action": c_action, "targets": c_targets, "text": f"consequence {id}"},
        "certainty": certainty,
        "first_seen": "2024-01-01",
        "last_seen": "2024-01-01",
        "statements": [],
    }


LINES = [
    # A warns the West against troops in B; A's answer (attack on NATO) crosses the US line.
    rl("troops", "RUS", ["WEST"], "DEPLOY", ["UKR"], "ATTACK", ["NATO"], "medium"),
    rl("art5", "USA", ["RUS"], "ATTACK", ["NATO"], "ATTACK", ["RUS"], "high"),
    # ... and the US answer crosses a Russian line again: a cycle back to "troops" is impossible.
    rl("homeland", "RUS", ["USA"], "ATTACK", ["RUS"], "WMD", [], "low"),
    rl("vague", "BLR", ["NATO"], "DEPLOY", [], "RESPOND", [], "high"),
    rl("unrelated", "CHN", ["USA"], "ARM", ["TWN"], "SANCTION", ["USA"], "high"),
]


def test_cascade_at_depth_three() -> None:
    roots = whatif("FRA", "DEPLOY", ("UKR",), LINES, FakeRegistry(), depth=3)
    assert [n.line_id for n in roots] == ["vague", "troops"]  # high (1.0) before medium (0.6)
    troops = roots[1]
    assert troops.consequence.action == "ATTACK"
    (art5,) = troops.children
    assert (art5.actor, art5.action, art5.targets, art5.line_id) == (("RUS",), "ATTACK", ("NATO",), "art5")
    (home,) = art5.children
    assert home.line_id == "homeland" and home.score == pytest.approx(0.6 * 1.0 * 0.3)
    assert home.children == ()  # WMD by RUS against USA crosses nothing here
    assert roots[0].children == ()  # an unspecified response cascades no further


def test_depth_limits_the_tree() -> None:
    roots = whatif("FRA", "DEPLOY", ("UKR",), LINES, FakeRegistry(), depth=1)
    assert all(n.children == () for n in roots)


def test_cycles_end() -> None:
    loop = [
        rl("a", "AAA", ["BBB"], "ATTACK", [], "ATTACK", [], "high"),
        rl("b", "BBB", ["AAA"], "ATTACK", [], "ATTACK", [], "high"),
    ]
    roots = whatif("BBB", "ATTACK", ("AAA",), loop, FakeRegistry(), depth=10)
    assert [[n.line_id for n in p] for p in paths(roots)] == [["a", "b"]]


def test_nothing_crossed() -> None:
    assert whatif("JPN", "SANCTION", ("CHN",), LINES, FakeRegistry()) == []


def test_paths_and_json_are_ranked() -> None:
    roots = whatif("FRA", "DEPLOY", ("UKR",), LINES, FakeRegistry(), depth=3)
    scores = [p[-1].score for p in paths(roots)]
    assert scores == sorted(scores, reverse=True)
    data = node_to_dict(roots[1])
    assert data["redline"]["id"] == "troops" and data["then"][0]["redline"]["id"] == "art5"


class FakeResolver:
    NAMES: ClassVar[dict[str, str]] = {
        "France": "FRA",
        "Ukraine": "UKR",
        "China": "CHN",
        "Taiwan": "TWN",
        "Washington": "USA",
    }

    def find(self, text: str, offset: int = 0) -> list[ActorMention]:
        out = []
        for name, code in self.NAMES.items():
            i = text.find(name)
            if i >= 0:
                out.append(ActorMention((code,), name, Span(offset + i, offset + i + len(name))))
        return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("France deploys troops to Ukraine", ("FRA", "DEPLOY", ("UKR",))),
        ("China blockades Taiwan", ("CHN", "COERCE", ("TWN",))),
        ("Washington sends missiles to Taiwan", ("USA", "ARM", ("TWN",))),
        ("China invades Taiwan", ("CHN", "ATTACK", ("TWN",))),
    ],
)
def test_parse_whatif(text: str, expected: tuple[str, str, tuple[str, ...]]) -> None:
    assert parse_whatif(text, FakeResolver()) == expected


def test_parse_whatif_with_the_parser(nlp) -> None:
    assert parse_whatif("France sends soldiers to Ukraine", FakeResolver(), nlp) == (
        "FRA",
        "DEPLOY",
        ("UKR",),
    )


@pytest.mark.parametrize("text", ["Nobody does anything", "France thinks about Ukraine"])
def test_parse_whatif_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_whatif(text, FakeResolver())


def test_whatif_over_lines_compiled_once_is_whatif() -> None:
    from redline.escalation.whatif import whatif_compiled
    from redline.monitor.match import CompiledLine, Groups

    compiled = [CompiledLine.of(line) for line in LINES]
    groups = Groups(FakeRegistry())
    for actor, action, targets in (("FRA", "DEPLOY", ("UKR",)), (("RUS",), "ATTACK", ("NATO",)), ("X", "ARM", ())):
        assert whatif_compiled(actor, action, targets, compiled, groups, depth=3) == whatif(
            actor, action, targets, LINES, FakeRegistry(), depth=3)
