"""Who voices a sentence: reporting verbs, "according to", pronouns, bare roles, outlets, state media."""

from __future__ import annotations

import pytest

from gate_sentences import GATE_SENTENCES
from redline.extract import attribution as attr
from redline.extract.pipeline import Context


def voices(ctx: Context) -> list[tuple[str, ...] | None]:
    out, voice = [], None
    for i in range(len(ctx.sentences)):
        voice = attr.find_voice(ctx, i, voice) or voice
        out.append(voice.codes if voice and voice.sentence == i else None)
    return out


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("The Pentagon said the drills would continue.", ("USA",)),
        ('"We will not back down," Iran\'s foreign minister told reporters.', ("IRN",)),
        ("The talks will resume, according to Turkish officials.", ("TUR",)),
        ("North Korea's official news agency said the launch was a success.", ("PRK",)),
        ("The US, Britain and France said the vote was unfair.", ("USA", "GBR", "FRA")),
    ],
)
def test_voice_of_one_sentence(contexts, text: str, codes: tuple[str, ...]) -> None:
    assert voices(contexts(text))[0] == codes


def test_an_outlet_is_not_a_voice(contexts) -> None:
    assert voices(contexts("A German newspaper reported that the talks had stalled."))[0] is None


def test_he_added_carries_the_previous_speaker(contexts) -> None:
    ctx = contexts("Israeli Prime Minister Benjamin Netanyahu said the operation would go on.\n\n"
                   "He added that the army was ready.")
    assert voices(ctx) == [("ISR",), ("ISR",)]


def test_the_minister_said_carries_the_official_named_before(contexts) -> None:
    ctx = contexts("Indian Defence Minister Rajnath Singh visited the border on Monday.\n\n"
                   "The minister said the army was on alert.")
    assert voices(ctx)[1] == ("IND",)


def test_a_voice_is_not_carried_far(contexts) -> None:
    ctx = contexts("The Kremlin said talks were possible.\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\n"
                   '"Nothing has changed," he said.')
    assert voices(ctx)[-1] is None


def test_a_quoted_sentence_with_a_colon_is_no_headline(contexts) -> None:
    ctx = contexts('"We tell the Kosovo separatists: those who provoke us will pay dearly."')
    assert voices(ctx)[0] != ("XKX",)


def test_the_one_warned_is_not_the_one_warning(contexts) -> None:
    ctx = contexts("Russia's foreign ministry summoned the Danish ambassador on Monday.\n\n"
                   '"Ambassador Jensen of Denmark was warned that the bases could be targeted," the ministry said.')
    assert voices(ctx)[1] != ("DNK",)


def test_a_verb_of_the_condition_reports_nothing(contexts) -> None:
    ctx = contexts('"Should Pyongyang repeat such launches, our army will respond," the joint chiefs said.')
    assert voices(ctx)[0] != ("PRK",)


def _token(ctx: Context, word: str):
    return next(t for t in ctx.parsed[0] if t.text == word)


def test_a_counted_group_is_the_list_named_before_it(contexts) -> None:
    ctx = contexts("France, Germany and Britain have pressed Iran for months. "
                   "All three nations said they would back new sanctions.")
    assert voices(ctx)[1] == ("FRA", "DEU", "GBR")


def test_a_group_that_does_not_resolve_is_no_voice(contexts) -> None:
    ctx = contexts("Iran rejected the plan. The three countries said they would back new sanctions.")
    assert voices(ctx)[1] is None


def test_a_law_speaks_for_the_state_reported_to_adopt_it(contexts) -> None:
    ctx = contexts("Belarusian state television said the parliament had passed a new law on Monday. "
                   "The new law stipulates that missiles will be launched if the capital is attacked.")
    assert voices(ctx) == [("BLR",), ("BLR",)]


def test_a_state_that_decided_that_holds_what_it_decided(contexts) -> None:
    ctx = contexts("Egypt has decided that any future rocket attack will be treated as an act of war.")
    assert voices(ctx) == [("EGY",)]


def test_a_counted_group_is_first_the_voice_just_heard(contexts) -> None:
    ctx = contexts("Envoys of the United States and Japan told reporters on Monday the pact covers the atolls. "
                   "China and Russia have criticised the pact. Both sides said an attack on the islands would be "
                   "answered together.")
    assert voices(ctx)[2] == ("USA", "JPN")


def test_a_sentence_s_voice_is_read_once_per_previous_voice(contexts, monkeypatch) -> None:
    ctx = contexts("The Pentagon said the drills would continue. They will last a week.")
    calls: list[int] = []
    read = attr._find_voice

    def counted(c: Context, i: int, previous: attr.Voice | None) -> attr.Voice | None:
        calls.append(i)
        return read(c, i, previous)

    monkeypatch.setattr(attr, "_find_voice", counted)
    first = [attr.find_voice(ctx, i, None) for i in (0, 1)]
    assert [attr.find_voice(ctx, i, None) for i in (0, 1)] == first  # the red-line and stance steps ask again
    assert calls == [0, 1]
    attr.find_voice(ctx, 1, first[0])  # another voice carried in: read afresh
    assert calls == [0, 1, 1]
    ctx.mentions = list(ctx.mentions)  # new mentions: the memo is dropped
    attr.find_voice(ctx, 0, None)
    assert calls == [0, 1, 1, 0]


def test_he_is_not_the_person_his_own_sentence_names(contexts) -> None:
    # "he" cannot be Menon, whom he is telling: the office-holder named before him is the voice
    ctx = contexts("The British foreign secretary met Indian Foreign Minister Ravi Menon in London on Friday.\n\n"
                   "He told Menon that the drones would bring consequences.")
    v = attr.recent_person(ctx, 1)
    assert v is not None and v.codes == ("GBR",)


def test_he_is_the_last_person_named_when_his_sentence_names_no_one(contexts) -> None:
    ctx = contexts("The British foreign secretary met Indian Foreign Minister Ravi Menon in London on Friday.\n\n"
                   "He said the drones would bring consequences.")
    v = attr.recent_person(ctx, 1)
    assert v is not None and v.codes == ("IND",) and v.speaker == "Ravi Menon"


@pytest.mark.parametrize("first", [
    "Kenyan President William Ruto said on Monday that talks had stalled after Ugandan President Yoweri Museveni left.",
    "Talks had stalled after Ugandan President Yoweri Museveni left, said Kenyan President William Ruto.",
])
def test_he_is_the_one_who_spoke_in_the_sentence_before(contexts, first: str) -> None:
    ctx = contexts(f"{first}\n\nHe said the drones would bring consequences.")
    v = attr.recent_person(ctx, 1)
    assert v is not None and v.codes == ("KEN",) and v.speaker == "William Ruto"


def test_reporting_verbs_are_found_once_per_parse(nlp) -> None:
    doc = nlp("The envoy told reporters on Friday that Oslo had warned Minsk, an aide said.")
    first = attr.reporting_verbs(doc)
    assert [t.lemma_ for t in first] and doc.user_data.get("redline.reporting_verbs") == tuple(t.i for t in first)
    kept = list(first)
    first.clear()  # a caller's list is its own
    assert attr.reporting_verbs(doc) == kept


def test_an_abbreviation_does_not_cut_the_sentence_before(contexts) -> None:
    # "U.S." holds a full stop: the sentence before still begins with Ruto, who spoke, not after "U.S."
    ctx = contexts("Kenyan President William Ruto said on Monday that talks with U.S. envoys had stalled after "
                   "Ugandan President Yoweri Museveni left.\n\nHe said the drones would bring consequences.")
    v = attr.recent_person(ctx, 1)
    assert v is not None and v.codes == ("KEN",) and v.speaker == "William Ruto"


def test_a_relative_pronoun_under_a_reporting_verb_stands_for_its_antecedent(contexts) -> None:
    ctx = contexts(
        "The split is with Andean states such as Peru, which have stated that they never want troops in Bolivia."
    )
    got = attr.relative_antecedent(_token(ctx, "want"))
    assert "Peru" in [t.text for t in got] and "which" not in [t.text for t in got]




def test_reporting_and_according_gates_equal_the_token_walk(nlp, ungated) -> None:
    """``reporting_verbs`` and ``according_to`` find the same tokens with their word gates shut or open."""
    reported = according = 0
    for text in GATE_SENTENCES:
        gated = nlp(text)
        opened = ungated(nlp(text), attr.REPORTING_VERBS | {"according"})
        assert [t.i for t in attr.reporting_verbs(gated)] == [t.i for t in attr.reporting_verbs(opened)], text
        assert [t.i for t in attr.according_to(gated)] == [t.i for t in attr.according_to(opened)], text
        reported += bool(attr.reporting_verbs(gated))
        according += bool(attr.according_to(gated))
    assert 0 < reported < len(GATE_SENTENCES) and according == 1
