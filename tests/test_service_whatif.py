"""redline.service.whatif: the escalation tree of a move given as actor, action and targets."""

from __future__ import annotations

import pytest

from redline import service


@pytest.fixture
def settings(story_settings: service.Settings) -> service.Settings:
    return story_settings


def test_a_move_with_no_matching_line_has_no_consequences(settings: service.Settings) -> None:
    assert service.whatif(settings, actor="FRA", action="SANCTION", targets=["DEU"], depth=2) == []


def test_a_member_deploying_crosses_the_line_drawn_for_its_group(settings: service.Settings) -> None:
    nodes = service.whatif(settings, actor="FRA", action="DEPLOY", targets=["VEL"], depth=1)
    assert nodes, "France is a NATO member: the line Ostravia drew for NATO deployments applies"
    first = nodes[0]
    assert first["redline"]["holder"] == ["OST"] or "OST" in str(first["redline"]["holder"])
    assert isinstance(first["redline"]["id"], int)


def test_bad_moves_are_refused_with_what_to_do(settings: service.Settings) -> None:
    with pytest.raises(service.ConfigError, match="say what happens"):
        service.whatif(settings)
    with pytest.raises(service.ConfigError, match="unknown action class"):
        service.whatif(settings, actor="FRA", action="DANCE", targets=["DEU"])
    with pytest.raises(service.ConfigError, match="depth"):
        service.whatif(settings, actor="FRA", action="ATTACK", targets=["DEU"], depth=0)
