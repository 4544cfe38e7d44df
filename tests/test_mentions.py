"""Actor mentions: gazetteer over the document, NER additions, and officials linked to their state."""

from __future__ import annotations


def codes(x) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text, m.codes) for m in x.actors]


def test_gazetteer_mentions_cover_the_whole_text(extract_text) -> None:
    x = extract_text("Quiet day.\n\nThe Kremlin and Kyiv traded accusations.")
    assert ("the Kremlin", ("RUS",)) in codes(x) or ("The Kremlin", ("RUS",)) in codes(x)
    assert ("Kyiv", ("UKR",)) in codes(x)


def test_an_unknown_official_is_linked_to_the_state_named_in_the_role(extract_text) -> None:
    text = ("Zorin Balev, a spokesman for the Bulgarian foreign ministry, said the talks would resume.\n\n"
            "Balev added that Sofia would warn that any incursion would be met with force.")
    x = extract_text(text)
    later = [m for m in x.actors if m.text == "Balev" and m.span.start > text.index("\n\n")]
    assert later and later[0].codes == ("BGR",)
    assert later[0].person == "Zorin Balev"


def test_an_unknown_name_without_a_role_stays_unresolved(extract_text) -> None:
    x = extract_text("Zorin Balev said the talks would resume next week.")
    assert not any("Balev" in m.text for m in x.actors)


def test_mention_spans_match_the_text(extract_text) -> None:
    x = extract_text("Chinese Foreign Ministry spokesman Lin Jian said Beijing opposes the sale. Lin added more.")
    for m in x.actors:
        assert x.document.text[m.span.start:m.span.end] == m.text
    assert any(m.text == "Lin" and m.codes == ("CHN",) for m in x.actors)
