"""Events reported by an article: class, agent, targets, status; sentences written by us."""

from __future__ import annotations

import re
from datetime import date

import pytest

from redline.extract.event_dates import event_date
from redline.extract.event_words import EVENT_CUES
from redline.extract.events import events_step, merge_events, sentence_events
from redline.extract.pipeline import Context, Resources
from redline.models import ActorMention, Document, Event, Sentence, Span

# A tiny gazetteer standing in for the actor resolver: name -> code.
NAMES = {
    "Russia": "RUS",
    "Russian": "RUS",
    "Moscow": "RUS",
    "Kremlin": "RUS",
    "Belgorod": "RUS",
    "Kursk": "RUS",
    "Ukraine": "UKR",
    "Kyiv": "UKR",
    "Ukrainian": "UKR",
    "Odesa": "UKR",
    "Washington": "USA",
    "United States": "USA",
    "US": "USA",
    "France": "FRA",
    "Paris": "FRA",
    "Germany": "DEU",
    "Berlin": "DEU",
    "German": "DEU",
    "Britain": "GBR",
    "China": "CHN",
    "Chinese": "CHN",
    "American": "USA",
    "Beijing": "CHN",
    "Taiwan": "TWN",
    "Taiwanese": "TWN",
    "Taipei": "TWN",
    "Iran": "IRN",
    "Tehran": "IRN",
    "Iranian": "IRN",
    "Israel": "ISR",
    "Israeli": "ISR",
    "Haifa": "ISR",
    "North Korea": "PRK",
    "Pyongyang": "PRK",
    "South Korea": "KOR",
    "Seoul": "KOR",
    "India": "IND",
    "Indian": "IND",
    "New Delhi": "IND",
    "Pakistan": "PAK",
    "Islamabad": "PAK",
    "Pakistani": "PAK",
    "Syria": "SYR",
    "Damascus": "SYR",
    "Syrian": "SYR",
    "NATO": "NATO",
    "Finland": "FIN",
    "Sweden": "SWE",
    "Poland": "POL",
    "Polish": "POL",
    "Warsaw": "POL",
    "Belarus": "BLR",
    "Minsk": "BLR",
    "EU": "EU",
    "Lithuania": "LTU",
    "Albania": "ALB",
    "Croatia": "HRV",
    "Montenegro": "MNE",
    "Kosovo": "XKX",
    "Serbia": "SRB",
}
NAME_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, NAMES), key=len, reverse=True)) + r")\b")
PUBLISHED = date(2025, 3, 14)  # a Friday


def context(nlp, text: str) -> Context:
    doc = Document(id="doc", text=text, published=PUBLISHED)
    sentences = [Sentence(0, Span(0, len(text)), text)]
    ctx = Context(document=doc, sentences=sentences)
    ctx.mentions = [
        ActorMention((NAMES[m.group(1)],), m.group(1), Span(m.start(), m.end()))
        for m in NAME_RE.finditer(text)
    ]
    ctx.parsed = {0: nlp(text)}
    return ctx


def events(nlp, text: str) -> list[Event]:
    ctx = context(nlp, text)
    return sentence_events(ctx, 0, ctx.parsed[0])


def only(nlp, text: str) -> Event:
    found = events(nlp, text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "actors", "action", "targets", "status"),
    [
        # Russia–Ukraine
        (
            "Ukrainian drones struck an oil depot in Belgorod overnight.",
            {"UKR"},
            "ATTACK",
            {"RUS"},
            "occurred",
        ),
        (
            "Washington authorised Kyiv to use its long-range rockets against targets inside Russia.",
            {"USA"},
            "ARM",
            {"UKR", "RUS"},
            "decided",
        ),
        (
            "Berlin is weighing whether to send more German howitzers to Ukraine.",
            {"DEU"},
            "ARM",
            {"UKR"},
            "considered",
        ),
        (
            "The administration lifted restrictions on the use of its missiles.",
            set(),
            "ARM",
            set(),
            "occurred",
        ),
        ("France plans to deploy military instructors to Ukraine.", {"FRA"}, "DEPLOY", {"UKR"}, "planned"),
        ("The Kremlin denied that it had moved troops into Belarus.", {"RUS"}, "DEPLOY", {"BLR"}, "denied"),
        ("Moscow halted gas supplies to Germany for refusing its new payment terms.", {"RUS"}, "COERCE", {"DEU"},
         "occurred"),
        ("Russia cut off oil deliveries to Germany.", {"RUS"}, "COERCE", {"DEU"}, "occurred"),
        ("Britain and France reimposed EU sanctions on Iran.", {"GBR", "FRA", "EU"}, "SANCTION", {"IRN"},
         "occurred"),
        ("Germany stopped sending tanks to Ukraine.", {"DEU"}, "ARM", {"UKR"}, "denied"),
        # China–Taiwan
        (
            "China launched large naval drills around Taiwan on Monday.",
            {"CHN"},
            "COERCE",
            {"TWN"},
            "occurred",
        ),
        (
            "Beijing is preparing to impose tariffs on Taiwanese goods.",
            {"CHN"},
            "SANCTION",
            {"TWN"},
            "planned",
        ),
        # Iran–Israel
        ("Iran fired a barrage of ballistic missiles at Israel.", {"IRN"}, "ATTACK", {"ISR"}, "occurred"),
        ("Tehran has ruled out enriching uranium to weapons grade.", {"IRN"}, "WMD", set(), "denied"),
        ("Israeli jets bombed radar sites outside Tehran.", {"ISR"}, "ATTACK", {"IRN"}, "occurred"),
        # Korea
        ("North Korea carried out its seventh nuclear test.", {"PRK"}, "WMD", set(), "occurred"),
        ("Seoul could expel North Korea's envoys.", {"KOR"}, "SANCTION", {"PRK"}, "considered"),
        # India–Pakistan
        ("Indian aircraft hit militant camps in Pakistan.", {"IND"}, "ATTACK", {"PAK"}, "occurred"),
        (
            "Islamabad has decided to close its airspace to Indian airlines.",
            {"PAK"},
            "COERCE",
            {"IND"},
            "decided",
        ),
        # Syria
        ("Syrian troops used sarin in a suburb of Damascus.", {"SYR"}, "WMD", set(), "occurred"),
        # Membership, annexation, sanctions
        ("Sweden formally joined NATO.", {"SWE"}, "JOIN", {"NATO"}, "occurred"),
        # taken into a bloc: the one taken in joins, whichever voice says it
        ("Albania was admitted to NATO after a long wait.", {"ALB"}, "JOIN", {"NATO"}, "occurred"),
        ("Croatia was formally accepted into NATO on Wednesday.", {"HRV"}, "JOIN", {"NATO"}, "occurred"),
        ("NATO welcomed Finland into the alliance at a ceremony.", {"FIN"}, "JOIN", {"NATO"}, "occurred"),
        ("NATO admitted Montenegro last year.", {"MNE"}, "JOIN", {"NATO"}, "occurred"),
        # a territory's status changed (ANNEX, FORMAT.md §4)
        ("Russia recognised the sovereignty of the separatist provinces.", {"RUS"}, "ANNEX", set(), "occurred"),
        ("Russia recognized Kosovo as an independent country.", {"RUS"}, "ANNEX", {"XKX"}, "occurred"),
        ("Russia annexed four regions of Ukraine.", {"RUS"}, "ANNEX", {"UKR"}, "occurred"),
        ("The EU imposed fresh sanctions on Iranian drone makers.", {"EU"}, "SANCTION", {"IRN"}, "occurred"),
        ("Poland expelled two Russian diplomats.", {"POL"}, "SANCTION", {"RUS"}, "occurred"),
        ("Ukraine was shelled by Russia for hours.", {"RUS"}, "ATTACK", {"UKR"}, "occurred"),
    ],
)
def test_event(nlp, text: str, actors: set[str], action: str, targets: set[str], status: str) -> None:
    e = only(nlp, text)
    assert (set(e.actors), e.action, set(e.targets), e.status) == (actors, action, targets, status)


@pytest.mark.parametrize(
    "text",
    [
        "If Western troops are sent to Ukraine, Moscow will respond.",
        "The Kremlin warned that any attack on Belarus would mean war.",
        "Sending troops to Ukraine would be a grave mistake, Russian officials said.",
        "Beijing threatened to blockade Taiwan.",
        "Any country that supplies weapons to Taiwan will face consequences.",
        "Israel struck a deal with Lebanon over the border.",
        "The minister attacked the plan as reckless.",
        "Kyiv launched an investigation into the leak.",
        "Pakistan vowed a firm response.",
        "NATO may deploy more brigades to Lithuania if Russia attacks.",
        "The strikes were a pretext for escalating the conflict.",
        "Russia halted its offensive near Kyiv.",
        "Kyiv accepted the ceasefire proposal on Monday.",
        "Moldova welcomed the talks with the EU.",
        "Serbia declared a state of emergency after the floods.",
        "The minister recognised the danger of a wider war.",
    ],
)
def test_not_an_event(nlp, text: str) -> None:
    assert events(nlp, text) == []


def test_would_after_a_speech_verb_is_planned(nlp) -> None:
    e = only(nlp, "Germany said it would deliver more tanks to Ukraine.")
    assert (e.actors, e.action, e.targets, e.status) == (("DEU",), "ARM", ("UKR",), "planned")


def test_evidence_is_the_sentence_and_the_date_defaults_to_publication(nlp) -> None:
    text = "Poland expelled two Russian diplomats."
    e = only(nlp, text)
    (ev,) = e.evidence
    assert (ev.doc_id, ev.sentence, text[ev.span.start : ev.span.end]) == ("doc", 0, ev.text)
    assert e.date == PUBLISHED
    assert "expelled" in e.text


def test_explicit_date_in_the_sentence(nlp) -> None:
    e = only(nlp, "India struck camps in Pakistan on 7 March.")
    assert e.date == date(2025, 3, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 2 January 2024 it fired", date(2024, 1, 2)),
        ("on December 30 the jets flew", None),  # later than its article, tense not given: unknown
        ("on Tuesday the troops left", date(2025, 3, 11)),
        ("troops left", PUBLISHED),
    ],
)
def test_event_date(text: str, expected: date | None) -> None:
    assert event_date(text, PUBLISHED) == expected


def test_merge_keeps_one_event_with_both_sentences(nlp) -> None:
    a = only(nlp, "Poland expelled two Russian diplomats.")
    b = only(nlp, "Warsaw expelled Russian diplomats.")
    (merged,) = merge_events([a, b, a])
    assert [ev.text for ev in merged.evidence] == [a.evidence[0].text, b.evidence[0].text]
    c = only(nlp, "Poland expelled the Russian ambassador and two diplomats.")
    assert len(merge_events([a, c])) == 1
    d = only(nlp, "Poland could expel Russian diplomats.")
    assert len(merge_events([a, d])) == 2  # another status is another event


def test_cues_select_event_sentences() -> None:
    assert EVENT_CUES.search("Russia deployed troops")
    assert EVENT_CUES.search("Kyiv was shelled")
    assert not EVENT_CUES.search("The weather was mild in Geneva.")


def test_step_fills_ctx_events(nlp) -> None:
    ctx = context(nlp, "Sweden formally joined NATO.")
    events_step.run([ctx], Resources(nlp=nlp, resolver=None))  # type: ignore[arg-type]
    assert [(e.actors, e.action) for e in ctx.events] == [(("SWE",), "JOIN")]
    assert events_step.requires == {"parsed", "mentions"} and events_step.provides == {"events"}


def test_a_denial_denied_is_considered(nlp) -> None:
    e = only(nlp, "Paris said sending French troops to Ukraine should not be ruled out.")
    assert (e.action, e.status) == ("DEPLOY", "considered")


def test_participle_under_a_possibility(nlp) -> None:
    e = only(nlp, "Moscow reacted to talk of German troops being sent to Lithuania.")
    assert (e.actors, e.action, e.targets, e.status) == (("DEU",), "DEPLOY", ("LTU",), "considered")


def test_owner_of_what_is_sent_acts(nlp) -> None:
    e = only(nlp, "Vilnius is studying the idea of sending Polish troops to Lithuania.")
    assert (e.actors, e.action, e.targets, e.status) == (("POL",), "DEPLOY", ("LTU",), "considered")


def test_a_permission_given_is_a_decision_on_the_act_it_licenses(nlp) -> None:
    e = only(nlp, "Washington gave Kyiv permission to use its rockets against military sites in Russia.")
    assert (set(e.actors), e.action, e.status) == ({"USA"}, "ARM", "decided") and "UKR" in e.targets


@pytest.mark.parametrize(
    "text",
    [
        "Berlin appeared noncommittal on sending German tanks to Ukraine.",
        "Germany hesitant about sending more howitzers to Ukraine.",
    ],
)
def test_hesitation_is_considered(nlp, text: str) -> None:
    assert only(nlp, text).status == "considered"


def test_a_named_attack_with_its_agent_is_an_event(nlp) -> None:
    e = only(nlp, "Dozens were killed on Monday in a sarin attack by Syrian forces on a village near Damascus.")
    assert (set(e.actors), e.action, e.status) == ({"SYR"}, "WMD", "occurred")
    assert events(nlp, "Analysts fear an attack on the port.") == []  # no agent: too little to match


def test_a_condition_cut_short_is_no_event(nlp) -> None:
    assert events(nlp, "The minister said that if Washington supplied long-range rockets to Ukraine for...") == []


def test_a_purpose_infinitive_is_done_by_the_main_subject(nlp) -> None:
    e = only(nlp, "Moscow rebuffs Kyiv, signs treaty to annex the region")
    assert (e.actors, e.action, e.status) == (("RUS",), "ANNEX", "occurred")


def test_the_owner_of_a_decision_acts_and_the_receiver_of_a_supply_is_its_target(nlp) -> None:
    found = events(nlp, "Critics said the German decision to supply Lithuania with new howitzers was hasty.")
    assert [(e.actors, e.action, e.targets) for e in found] == [(("DEU",), "ARM", ("LTU",))]


def test_supplying_a_country_with_arms_does_not_make_it_the_supplier(nlp) -> None:
    for e in events(nlp, "Officials warned that a decision to supply Ukraine with longer-range rockets was near."):
        assert "UKR" not in e.actors


def test_repelling_an_attacker_is_force_used(nlp) -> None:
    e = only(nlp, "Israel said it had repelled the gunmen who crossed the border near Haifa.")
    assert (e.actors, e.action, e.status) == (("ISR",), "ATTACK", "occurred")


def test_a_base_opened_is_a_deployment(nlp) -> None:
    e = only(nlp, "The United States will open a new radar base in Poland on Monday.")
    assert (e.actors, e.action, e.targets, e.status) == (("USA",), "DEPLOY", ("POL",), "decided")
    assert e.date == date(2025, 3, 17)  # the Monday after the article, a Friday: an act still to come
    assert events(nlp, "France opened talks with Germany on the border.") == []
    assert events(nlp, "Russian soldiers opened fire near Kyiv.") == []


@pytest.mark.parametrize(
    "text",
    ["North Korea fired a long-range rocket over Taiwan on Sunday.",
     "Pyongyang launched a ballistic missile over Seoul, officials said."],
)
def test_a_launch_passing_over_a_territory_is_no_attack_on_it(nlp, text: str) -> None:
    ev = only(nlp, text)
    assert (ev.actors, ev.action, ev.targets) == (("PRK",), "OTHER", ())


def test_a_launch_aimed_at_a_place_stays_an_attack_on_it_only(nlp) -> None:
    ev = only(nlp, "Iran fired missiles at Haifa over Syria.")
    assert (ev.action, ev.targets) == ("ATTACK", ("ISR",))


def test_an_agentless_attack_after_a_named_one_is_its_attacker_s(nlp) -> None:
    text = "Russia fired missiles at Ukraine. Several towns were bombed overnight."
    first = "Russia fired missiles at Ukraine."
    ctx = context(nlp, text)
    second = Span(len(first) + 1, len(text))
    ctx.sentences = [Sentence(0, Span(0, len(first)), first), Sentence(1, second, text[second.start:second.end])]
    ctx.parsed = {0: nlp(first), 1: nlp(text[second.start:second.end])}
    events_step.run([ctx], Resources(nlp=nlp, resolver=None))  # type: ignore[arg-type]
    assert [(e.actors, e.action, e.targets, len(e.evidence)) for e in ctx.events] == [
        (("RUS",), "ATTACK", ("UKR",), 2)
    ]
