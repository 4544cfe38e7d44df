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


def _sentence_ctx(text: str, mentions: list[tuple[str, str, str]]):
    from redline.extract.pipeline import Context
    from redline.models import ActorMention, Document, Sentence, Span

    ctx = Context(document=Document(id="t", text=text))
    ctx.sentences = [Sentence(0, Span(0, len(text)), text)]
    for code, name, kind in mentions:
        start = text.index(name)
        ctx.mentions.append(ActorMention((code,), name, Span(start, start + len(name)), kind=kind))
    return ctx


def test_entities_are_wanted_only_where_they_can_add_a_mention() -> None:
    from redline.extract import load_resources
    from redline.extract.mentions import wants_entities

    resolver = load_resources().resolver

    def wants(text: str, mentions: list[tuple[str, str, str]]) -> bool:
        return wants_entities(_sentence_ctx(text, mentions), 0, text, resolver)

    # Every known spelling already a gazetteer mention, and no role word: nothing to add.
    assert not wants("Moscow warned that it will respond.", [("RUS", "Moscow", "state")])
    assert not wants("The weather will stay mild, forecasters warned.", [])
    # A known spelling the gazetteer left out (its context rules can drop one) could resolve.
    assert wants("Moscow warned that it will respond.", [])
    assert wants("The Kremlin said the  Russian Federation will respond.", [])
    # An accented spelling resolves through its ASCII form.
    assert wants("Téhran warned that it will respond.", [])
    # A role word beside a state: an unknown official may be introduced ("minister X of Bulgaria").
    text = "Bulgaria's defence minister Zorin Balev warned that it will respond."
    assert wants(text, [("BGR", "Bulgaria", "state")])
    assert not wants(text.replace("minister", "expert"), [("BGR", "Bulgaria", "state")])
    # A known spelling or a role word inside a longer word is not one ("Kremlinology", "administer").
    assert not wants("Kremlinology will stay a discipline.", [])
    assert not wants("Bulgaria will administer the fund.", [("BGR", "Bulgaria", "state")])


def test_an_entity_that_only_modifies_a_noun_is_not_an_actor(extract_text) -> None:
    # The gazetteer drops "Danish-registered"; the entity recogniser's NORP span must not bring it back.
    x = extract_text("Norway warned that a Danish-registered trawler would be seized if it fished inside the zone.")
    assert ("Norway", ("NOR",)) in codes(x)
    assert not any("DNK" in m.codes for m in x.actors)


def test_resolvable_lookup_by_length_equals_comparing_every_form() -> None:
    """``_has_resolvable`` (one set lookup per form length) answers what testing every known form answers."""
    from redline.actors import Resolver, load_registry
    from redline.extract.mentions import _NAME_START, _has_resolvable, _resolvable

    index = _resolvable(Resolver(load_registry()))
    every = [form for forms, _ in index.values() for form in forms]

    def by_every_form(text: str) -> bool:
        starts = {m.start() for m in _NAME_START.finditer(text)}
        return any(text.startswith(form, i) and not (i + len(form) < len(text) and text[i + len(form)].isalpha())
                   for i in starts for form in every if form[:1] == text[i])

    texts = ["The talks in Geneva ended without a deal.", "Officials from Norway and Chile met.",
             "Norwayish diplomats were absent.", "the harvest was good this year", "Chile", "Chil",
             "### said on Monday that #### would respond.", "Delegates from the United Nations spoke.",
             "A ministry spokesman in Ankara declined to comment.", ""]
    answers = [_has_resolvable(t, index) for t in texts]
    assert answers == [by_every_form(t) for t in texts]
    assert any(answers) and not all(answers)
