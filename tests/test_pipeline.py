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


def test_mentions_in_bisects_the_ordered_mentions_and_scans_any_other_order() -> None:
    from redline.extract.pipeline import Context
    from redline.models import ActorMention, Document, Sentence, Span

    text = "Chile warned Peru. Bolivia and Ecuador met. Quito said no."
    doc = Document(id="t", text=text)
    sentences = [Sentence(index=0, span=Span(0, 18), text=text[0:18]),
                 Sentence(index=1, span=Span(19, 43), text=text[19:43]),
                 Sentence(index=2, span=Span(44, 58), text=text[44:58])]

    def mention(word: str, code: str) -> ActorMention:
        start = text.index(word)
        return ActorMention(codes=(code,), text=word, span=Span(start, start + len(word)))

    ordered = [mention("Chile", "CHL"), mention("Peru", "PER"), mention("Bolivia", "BOL"),
               mention("Ecuador", "ECU"), mention("Quito", "ECU")]
    ctx = Context(document=doc, sentences=sentences, mentions=ordered)
    assert [[m.text for m in ctx.mentions_in(s)] for s in sentences] == [
        ["Chile", "Peru"], ["Bolivia", "Ecuador"], ["Quito"]]
    assert ctx._starts is not None and ctx._starts[2] is not None  # bisected
    ctx.mentions = list(reversed(ordered))  # another list, in another order: scanned, in its own order
    assert [m.text for m in ctx.mentions_in(sentences[0])] == ["Peru", "Chile"]
    ctx.mentions.append(mention("Bolivia", "BOL"))  # the same list grown: read again
    assert [m.text for m in ctx.mentions_in(sentences[1])] == ["Ecuador", "Bolivia", "Bolivia"]


def test_guarded_patterns_find_the_same_matches_sooner() -> None:
    import re

    from redline.extract.pipeline import guarded

    pattern = re.compile(r"\b(?:threat\w*|warn(?:s|ed)?|(?:red|bright)[- ]lines?|ultimat\w+|k\w+ out)\b", re.I)
    fast = guarded(pattern)
    assert fast is not pattern and fast.pattern.startswith("(?=[")
    texts = ["Lima WARNED Quito", "a bright-line rule", "kept out", "\u212aept out", "ultimatums, threats",
             "no such word here", "", "warnings", "Ultimate", "they red lined it"]
    assert [(m.span() if (m := fast.search(t)) else None) for t in texts] == [
        (m.span() if (m := pattern.search(t)) else None) for t in texts]
    assert [m.span() for m in fast.finditer(" ".join(texts))] == [m.span() for m in pattern.finditer(" ".join(texts))]
    # Kept as they are: short, able to match the empty string, or starting with any character.
    for kept in (re.compile(r"\?"), re.compile(r"\b(?:a|b)*\b" + "x?" * 20), re.compile(r"(?:.|\w)" + "y" * 40)):
        assert guarded(kept) is kept
