"""The pipeline: steps checked when built, and the cue patterns the select step tests."""

from __future__ import annotations

import re

import pytest

from redline.errors import ConfigError
from redline.extract.pipeline import Context, Pipeline, Resources, step


def _noop(batch: list[Context], res: Resources) -> None:
    return None


first = step("first", provides={"a"}, cues=re.compile(r"\bultimatum\b"))(_noop)
second = step("second", requires={"a"}, provides={"b"}, cues=re.compile(r"\bembargo(?:es)?\b"))(_noop)
plain = step("plain", requires={"b"})(_noop)


def test_each_step_keeps_its_own_cue_pattern_compiled_once_case_insensitive() -> None:
    pipeline = Pipeline([first, second, plain])
    assert isinstance(pipeline.cues, tuple)
    assert [p.pattern for p in pipeline.cues] == [r"\bultimatum\b", r"\bembargo(?:es)?\b"]
    assert all(p.flags & re.IGNORECASE for p in pipeline.cues)
    assert Pipeline([first, second, plain]).cues is not None


@pytest.mark.parametrize(("text", "selected"), [
    ("The Ultimatum expired at midnight.", True),
    ("Both embargoes stay in place.", True),
    ("Trade talks resumed on Friday.", False),
])
def test_a_sentence_is_selected_when_any_steps_cue_matches(text: str, selected: bool) -> None:
    cues = Pipeline([first, second, plain]).cues
    assert cues is not None
    assert any(c.search(text) for c in cues) is selected


def test_no_cues_means_none() -> None:
    assert Pipeline([step("only")(_noop)]).cues is None


def test_a_step_whose_input_no_earlier_step_provides_is_refused() -> None:
    with pytest.raises(ConfigError, match="requires"):
        Pipeline([second, first])
