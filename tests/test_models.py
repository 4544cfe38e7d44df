"""The value types: pickled compactly (constructor and field values), and equal after the round trip."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date
from typing import Any

import pytest

from redline import models
from redline.models import (
    Actor,
    ActorMention,
    Alert,
    Consequence,
    Document,
    Event,
    Evidence,
    Extraction,
    RedLine,
    Sentence,
    Span,
    Stance,
    Trigger,
    WhatIfNode,
)

TEXT = "The council said it would answer any blockade of the strait. Ministers wanted more talks."


def _extraction() -> Extraction:
    first = Span(0, 60)
    ev = Evidence("doc-1", 0, first, TEXT[0:60])
    doc = Document("doc-1", TEXT, title="A headline", published=date(2026, 3, 2), source="Wire", url="http://x/1",
                   sentences=(Sentence(0, first, TEXT[0:60]), Sentence(1, Span(61, len(TEXT)), TEXT[61:])))
    trigger = Trigger(("AAA",), "COERCE", ("BBB",), "any blockade of the strait", actors_inferred=True)
    line = RedLine(("CCC",), trigger, Consequence("RESPOND", ("AAA",), "answer"), "high", True, (ev,), "a minister")
    stance = Stance("CCC", "more talks", "support", (ev,), proposal_action="OTHER", proposal_targets=("BBB",))
    event = Event(("AAA",), "COERCE", ("BBB",), "planned", "a blockade", (ev,), date(2026, 3, 1), 0.5)
    mention = ActorMention(("CCC",), "The council", Span(0, 11), kind="organisation", person=None)
    return Extraction(doc, (mention,), (line,), (stance,), (event,), ("a warning",))


def _everything() -> list[Any]:
    x = _extraction()
    line = x.redlines[0]
    alert = Alert("crossed", "7", line.holder, line.trigger, line.consequence, x.events[0], ("why",), ("said",))
    leaf = WhatIfNode(("AAA",), "ATTACK", ("BBB",), "3", ("CCC",), line.trigger, line.consequence, "low", 0.25)
    node = WhatIfNode(("AAA",), "ATTACK", ("BBB",), "2", ("CCC",), line.trigger, line.consequence, "high", 0.5,
                      ("because",), (leaf,))
    actor = Actor("CCC", "The Council", "organisation", members=("AAA", "BBB"), role="a body", state=None)
    return [x, alert, node, actor]


def test_every_value_type_survives_pickling_unchanged() -> None:
    for value in _everything():
        for protocol in (2, pickle.HIGHEST_PROTOCOL):
            back = pickle.loads(pickle.dumps(value, protocol))
            assert back == value
            assert type(back) is type(value)


def test_pickling_never_walks_the_dataclass_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    # The slow default route (dataclasses' __getstate__/__setstate__) calls dataclasses.fields per object.
    def refuse(_obj: object) -> None:
        raise AssertionError("dataclasses.fields called while pickling")

    monkeypatch.setattr(dataclasses, "fields", refuse)
    x = _extraction()
    assert pickle.loads(pickle.dumps(x, pickle.HIGHEST_PROTOCOL)) == x


def test_every_frozen_value_type_pickles_compactly() -> None:
    classes = [v for v in vars(models).values()
               if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == models.__name__]
    assert len(classes) == 14
    for cls in classes:
        assert "__reduce__" in vars(cls), cls.__name__


def test_a_span_is_checked_again_when_unpickled() -> None:
    with pytest.raises(ValueError, match="bad span"):
        pickle.loads(pickle.dumps(Span(3, 5)).replace(b"K\x05", b"K\x01"))

