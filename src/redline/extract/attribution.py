"""Who voices a sentence: the actor a statement is attributed to.

In news the holder of a red line or a stance is rarely the grammatical subject
of the threat: "Peskov said ... , according to Tass", "La Repubblica reported
that NATO has privately identified ...", "'...,' he added." A :class:`Voice`
is found from the subject of a reporting verb, from "according to X", or from
the subject of the clause itself; a pronoun or a bare quote carries the voice
of the sentences just before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from redline.extract.frame_gates import sentence_words
from redline.extract.lexicon import CONDITION_MARKS, REPORTING_VERBS, ROLE_WORDS
from redline.extract.pipeline import Context
from redline.models import ActorMention

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
# A reporting subject that is an outlet reports someone else's statement: "La Repubblica reported that NATO ...".
MEDIA_WORDS = frozenset(
    "newspaper paper outlet agency media report reports daily broadcaster channel television tv magazine website "
    "portal journal news tabloid radio network wire publication site reporter reporters correspondent "
    "columnist analyst analysts expert experts researcher researchers observer observers commentator".split()
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
QUOTES = "\"“”'‘’«»"
# How many sentences back a voice may be carried to a pronoun or a bare quote.
CARRY = 3


@dataclass(frozen=True)
class Voice:
    """An attributed speaker: the actor codes and, when a person, their name."""

    codes: tuple[str, ...]
    speaker: str | None
    sentence: int
    carried: bool = False
    # the state of one who reports another body's commitment ("..., the Senegalese minister said"): no party to it
    reporter: tuple[str, ...] = ()


def sentence_offset(ctx: Context, i: int) -> int:
    return ctx.sentences[i].span.start


def tokens_mentions(ctx: Context, i: int, tokens: Sequence[Token]) -> list[ActorMention]:
    """Actor mentions that fall inside the character range of any of ``tokens``."""
    if not tokens:
        return []
    base = sentence_offset(ctx, i)
    ranges = [(base + t.idx, base + t.idx + len(t.text)) for t in tokens]
    # A mention that starts at or after every range's end, or starts before every range and ends
    # by its first start, meets none of them: only the others are tested range by range.
    first, last = min(s for s, _ in ranges), max(e for _, e in ranges)
    out = []
    for m in ctx.mentions:
        start = m.span.start
        if start >= last or (start < first and m.span.end <= first):
            continue
        if any(s <= start < e or start <= s < m.span.end for s, e in ranges):
            out.append(m)
    return out


def voice_of_tokens(ctx: Context, i: int, tokens: Sequence[Token]) -> Voice | None:
    """The voice of the actor the tokens name (a person first), or None."""
    return _voice_of(ctx, i, tokens)


def _voice_of(ctx: Context, i: int, tokens: Sequence[Token]) -> Voice | None:
    found = tokens_mentions(ctx, i, tokens)
    if not found:
        return None
    people = [m for m in found if m.kind == "person"]
    chosen = people[0] if people else found[0]
    codes = tuple(dict.fromkeys(c for c in chosen.codes))
    head = _list_head(tokens) or next(
        (t for t in tokens if t.conjuncts and t.dep_ == "pobj" and t.head.lower_ in {"from", "of"}
         and t.head.head in tokens and t.head.head.lemma_.lower() in ROLE_WORDS), None)
    if head is not None and not people:
        # ("diplomats of Chile and Peru told reporters ...": both)
        # "the US, UK, Germany and France agreed ...": every member of the list holds it.
        listed = tokens_mentions(ctx, i, [head, *head.conjuncts])
        codes = tuple(dict.fromkeys(c for m in listed for c in m.codes)) or codes
    return Voice(codes=codes, speaker=chosen.person or (chosen.text if chosen.kind == "person" else None), sentence=i)


DOCUMENT_NOUNS = frozenset({"law", "doctrine", "decree", "statute", "constitution", "strategy", "policy", "edict",
                            "legislation", "bill", "order", "directive", "document", "guideline", "guidelines"})


def _document_subject(subj: Sequence[Token]) -> bool:
    """A subject that is a text the state adopted ("the new law", "the updated doctrine"), naming no actor."""
    head = _list_head(subj) or next((t for t in subj if t.head.i == t.i or t.head not in subj), None)
    return head is not None and head.lemma_.lower() in DOCUMENT_NOUNS


GROUP_SUBJECT = re.compile(
    r"^(?:both (?:sides|countries|nations|governments|leaders|allies|capitals|states|powers)|"
    r"(?:the|all|those) (?P<n>two|three|four|five) (?:sides|countries|nations|governments|leaders|allies|"
    r"capitals|states|powers|partners|ministers|presidents))$", re.IGNORECASE)
GROUP_SIZES = {"two": 2, "three": 3, "four": 4, "five": 5}


def group_voice(ctx: Context, i: int, tokens: Sequence[Token], previous: Voice | None = None) -> Voice | None:
    """ "both sides", "the two countries", "all three nations": the parties named just before, as many as counted.

    The voice just heard when it has that many parties ("officials from Washington and Tokyo confirmed
    ..." / "Both sides reconfirmed ..."); else the nearest list of that many parties before the phrase
    ("France, Germany and Britain", "the Japanese and American ministers"), in its sentence and the two
    before it; None when no such list is named there (the group does not resolve).
    """
    if not tokens:
        return None
    m = GROUP_SUBJECT.match(" ".join(t.text for t in tokens))
    if m is None:
        return None
    n = GROUP_SIZES[m.group("n").lower()] if m.group("n") else 2
    if previous is not None and i - previous.sentence <= 2 * CARRY and len(previous.codes) == n:
        return Voice(previous.codes, None, i, carried=True)
    at = sentence_offset(ctx, i) + tokens[0].idx
    lo = ctx.sentences[max(0, i - 2)].span.start
    before = sorted((x for x in ctx.mentions if lo <= x.span.start < at), key=lambda x: x.span.start)
    for run in reversed(mention_lists(ctx.document.text, before)):
        codes = list(dict.fromkeys(c for x in run for c in x.codes))
        if len(codes) == n:
            return Voice(codes=tuple(codes), speaker=None, sentence=i)
    return None


LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def mention_lists(text: str, mentions: Sequence[ActorMention]) -> list[list[ActorMention]]:
    """Mentions in text order, grouped into the lists they form ("France, Germany and Britain")."""
    runs: list[list[ActorMention]] = []
    for m in mentions:
        if runs and LIST_GAP.match(text[runs[-1][-1].span.end:m.span.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _list_head(tokens: Sequence[Token]) -> Token | None:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t if t.conjuncts else None
    return None


_REPORTING_KEY = "redline.reporting_verbs"


def depth(t: Token) -> int:
    """How many heads lie between a token and its sentence root."""
    d = 0
    while t.head.i != t.i and d < 50:
        t = t.head
        d += 1
    return d


def reporting_verbs(doc: Doc) -> list[Token]:
    """Reporting verbs of a sentence, the one nearest the root first.

    Found once per parse (the rules of several steps ask for them) and kept with it, as token
    indices: tokens kept in their own doc would make a reference cycle, freed only by the collector.
    """
    found = doc.user_data.get(_REPORTING_KEY)
    if found is None and REPORTING_VERBS.isdisjoint(sentence_words(doc).lemmas):
        found = doc.user_data[_REPORTING_KEY] = ()  # no reporting lemma: no Token walked
    if found is None:
        verbs = [t for t in doc if t.lemma_.lower() in REPORTING_VERBS and t.pos_ in {"VERB", "AUX", "NOUN"}
                 and t.dep_ not in {"amod", "compound"}]
        found = doc.user_data[_REPORTING_KEY] = tuple(t.i for t in sorted(verbs, key=depth))
    return [doc[i] for i in found]


def subject_of(verb: Token) -> list[Token]:
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return list(c.subtree)
    # "..., the Kremlin warned" parsed with the verb as a conjunct or clause: take the head's subject.
    if verb.dep_ in {"conj", "advcl", "ccomp"} and verb.head.i != verb.i:
        for c in verb.head.children:
            if c.dep_ in SUBJECT_DEPS:
                return list(c.subtree)
    return []


def according_to(doc: Doc) -> list[Token]:
    if "according" not in sentence_words(doc).words:
        return []
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            return [d for c in doc[t.i + 1].children if c.dep_ == "pobj" for d in c.subtree]
    return []


def is_pronoun_subject(tokens: Sequence[Token]) -> bool:
    return len(tokens) == 1 and tokens[0].lower_ in PRONOUNS


def starts_quoted(text: str) -> bool:
    return text[:1] in QUOTES


def find_voice(ctx: Context, i: int, previous: Voice | None) -> Voice | None:
    """The voice of parsed sentence ``i``, or the one carried from ``previous``.

    Read once per document for each (sentence, previous voice): the red-line, rule and candidate steps
    walk the same sentences with the same carried voice. The memo lives in ``ctx.scratch`` and is
    dropped when the document's mentions change (a voice is read from them).
    """
    memo = ctx.scratch.get("voices")
    if memo is None or memo[0] is not ctx.mentions:
        memo = ctx.scratch["voices"] = (ctx.mentions, {})
    read: dict[tuple[int, Voice | None], Voice | None] = memo[1]
    key = (i, previous)
    if key not in read:
        read[key] = _find_voice(ctx, i, previous)
    return read[key]


def _find_voice(ctx: Context, i: int, previous: Voice | None) -> Voice | None:
    doc = ctx.parsed.get(i)
    if doc is None:
        return None
    pronoun = False
    for verb in reporting_verbs(doc):
        if _addressed(verb) or _in_condition(verb):
            # "Casey was warned that ...": the one warned is not the one warning; "should X repeat such
            # an action": a verb of the condition reports nothing.
            continue
        subj = subject_of(verb)
        if not subj or (_is_media(subj) and not _state_media(subj)):
            continue
        if is_pronoun_subject(subj):
            pronoun = True
            continue
        voice = _voice_of(ctx, i, subj) or group_voice(ctx, i, subj, previous)
        if voice:
            return voice
        if _document_subject(subj) and previous is not None and i - previous.sentence <= CARRY:
            # "the new law stipulates ...", "the doctrine says ...": the text of the one just reported to adopt it
            return Voice(previous.codes, previous.speaker, i, carried=True)
        if _bare_role(subj):
            # "the minister said": the official named just before.
            pronoun = True
    acc = according_to(doc)
    if acc:
        voice = _voice_of(ctx, i, acc)
        if voice:
            return voice
    if (voice := _threat_owner(ctx, i, doc)) is not None:
        return voice
    if (voice := _headline_source(ctx, i)) is not None:
        return voice
    carried_ok = previous is not None and i - previous.sentence <= CARRY
    if carried_ok and previous is not None and (pronoun or starts_quoted(ctx.sentences[i].text)):
        return Voice(previous.codes, previous.speaker, i, carried=True)
    if pronoun and _third_person(doc):
        return recent_person(ctx, i)
    return None


ADDRESS_VERBS = frozenset({"warn", "tell", "caution", "inform", "urge", "threaten", "remind"})


def _addressed(verb: Token) -> bool:
    """A passive verb of address: its subject is the addressee ("the envoy was told")."""
    return verb.lemma_.lower() in ADDRESS_VERBS and any(c.dep_ == "nsubjpass" for c in verb.children)


def _in_condition(verb: Token) -> bool:
    """Whether a verb lies in a condition clause ("if they repeat it", "should X repeat it")."""
    for t in (verb, *verb.ancestors):
        if any((c.dep_ == "mark" and c.lower_ in CONDITION_MARKS) or (c.dep_ == "aux" and c.lower_ == "should"
                                                                     and c.i < t.i and t.dep_ == "advcl")
               for c in t.children):
            return True
        if t.dep_ in {"advcl", "ccomp", "ROOT"}:
            return False
    return False


THREAT_NOUNS = frozenset({"threat", "warning", "ultimatum", "vow", "pledge"})


def _threat_owner(ctx: Context, i: int, doc: Doc) -> Voice | None:
    """ "despite Tehran's threats to close the strait", "a warning from Beijing": whose threat it is."""
    if THREAT_NOUNS.isdisjoint(sentence_words(doc).lemmas):
        return None
    for t in doc:
        if t.lemma_.lower() not in THREAT_NOUNS or t.pos_ != "NOUN":
            continue
        owners = [c for c in t.children if c.dep_ == "poss"]
        owners += [g for c in t.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}
                   for g in c.children if g.dep_ == "pobj"]
        for o in owners:
            if o.lower_ in PRONOUNS or o.lower_ in {"his", "her", "their", "its"}:
                continue
            if (voice := _voice_of(ctx, i, list(o.subtree))) is not None:
                return voice
    return None


HEADLINE_SOURCE = re.compile(r"^(?P<head>[^:\n]{2,40}):\s+\S|\S:\s+(?P<tail>[^:\n]{2,40})$")


def _headline_source(ctx: Context, i: int) -> Voice | None:
    """ "Acts of war will be answered: ministry", "Kremlin: no talks": the one a headline quotes."""
    sentence = ctx.sentences[i]
    text = sentence.text.rstrip()
    if text.rstrip(QUOTES).endswith((".", "?", "!")):
        # a sentence, not a headline: '"We tell X: those who provoke us will pay dearly."'
        return None
    m = HEADLINE_SOURCE.search(text)
    if m is None:
        return None
    group = "head" if m.group("head") else "tail"
    start, end = sentence.span.start + m.start(group), sentence.span.start + m.end(group)
    found = [x for x in ctx.mentions if start <= x.span.start and x.span.end <= end]
    if not found:
        return None
    chosen = next((x for x in found if x.kind == "person"), found[0])
    return Voice(tuple(dict.fromkeys(chosen.codes)), chosen.person, i)


def _third_person(doc: Doc) -> bool:
    """A "he"/"she" subject, or a bare role: someone named before, not "we" (whose "we" is unknown)."""
    return any(t.lower_ in {"he", "she"} or t.lemma_.lower() in ROLE_WORDS
               for v in reporting_verbs(doc) for t in subject_of(v))


STATE_MEDIA = frozenset({"state", "official", "state-run", "state-owned", "state-controlled", "government"})


def _is_media(subj: Sequence[Token]) -> bool:
    return any(t.lemma_.lower() in MEDIA_WORDS for t in subj)


def is_media(subj: Sequence[Token]) -> bool:
    """Whether a subject is an outlet, an analyst or an expert, not an actor's voice."""
    return _is_media(subj)


def _state_media(subj: Sequence[Token]) -> bool:
    """ "North Korea's official KCNA news agency", "Iranian state television": the state speaking."""
    return any(t.lower_ in STATE_MEDIA for t in subj) or any(t.dep_ == "poss" and t.pos_ == "PROPN" for t in subj)


def _bare_role(subj: Sequence[Token]) -> bool:
    """ "the minister", "the spokesman": a role with no state of its own."""
    words = [t for t in subj if not t.is_punct]
    return (1 <= len(words) <= 3 and words[0].lower_ in {"the", "this"}
            and words[-1].lemma_.lower() in ROLE_WORDS)


def recent_person(ctx: Context, i: int) -> Voice | None:
    """The last person mentioned in the few sentences before ``i`` (a "he said" that was not parsed).

    Not one the sentence itself names: in "He told Menon that ...", "he" is not Menon (a pronoun subject is
    never the person named in its own clause), so the one before is, a named role ("the British foreign
    secretary") included when a person is thus ruled out.
    """
    start = ctx.sentences[max(0, i - CARRY)].span.start
    end = ctx.sentences[i].span.start
    named_here = {m.person or m.text for m in ctx.mentions_in(ctx.sentences[i]) if m.kind == "person"}
    before = [m for m in ctx.mentions if start <= m.span.start < end]
    people = [m for m in before if m.kind == "person"]
    if people and (people[-1].person or people[-1].text) in named_here:
        people = [m for m in before if (m.kind == "person" and (m.person or m.text) not in named_here)
                  or (m.kind != "person" and m.codes and _named_role(m.text))]
    if not people:
        return None
    m = _speaker_among(ctx, people)
    return Voice(tuple(dict.fromkeys(m.codes)), m.person or (m.text if m.kind == "person" else None), i, carried=True)


# A reporting verb just after a mention ("Ruto, speaking in Nairobi, said"), or just before it ("..., said Ruto").
SPOKE_AFTER = re.compile(
    r"\s*(?:,[^,.]{0,80},\s*)?(?:has |had |have )?(?:also |later |then |again )?(?:said|says|told|tells|added|"
    r"stated|warned|stressed|noted|declared|announced|insisted|argued|wrote|claimed|confirmed|explained|"
    r"emphasi[sz]ed|reiterated|vowed|pledged|urged|replied|responded|tweeted|remarked|suggested|maintained|"
    r"affirmed|threatened|promised)\b", re.IGNORECASE)
SPOKE_BEFORE = re.compile(r"\b(?:said|says|told|added|according to)\s*$", re.IGNORECASE)


def _speaker_among(ctx: Context, people: Sequence[ActorMention]) -> ActorMention:
    """The one a "he"/"she" carries: the last speaker of the latest sentence that named people, else its last person.

    "Ruto said talks had stalled after Museveni left. He said ...": "he" is Ruto, who spoke, not Museveni.
    That sentence is the splitter's, so the full stop of an abbreviation ("U.S.", "Dr.") does not end it.
    """
    text = ctx.document.text
    last = people[-1]
    sentence_start = next((s.span.start for s in ctx.sentences if s.span.start <= last.span.start < s.span.end),
                          text.rfind(".", 0, last.span.start) + 1)
    latest = [m for m in people if m.span.start >= sentence_start]
    spoke = [m for m in latest if SPOKE_AFTER.match(text, m.span.end) or SPOKE_BEFORE.search(text[:m.span.start])]
    return spoke[-1] if spoke else last


def _named_role(text: str) -> bool:
    """ "The British foreign secretary", "Iran's defence minister": a mention that is one office-holder."""
    words = text.split()
    return len(words) >= 2 and words[-1].lower() in ROLE_WORDS and not words[-1].lower().endswith("s")


RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
# Reporting verbs that are also the answer a threat promises ("Canada would respond"): they report nothing here.
ANSWER_VERBS = frozenset({"respond", "reply", "answer", "counter"})


def relative_antecedent(verb: Token) -> list[Token]:
    """Who a relative clause's "which"/"who" stands for, when it is the subject of ``verb``.

    "Chile sided with Peru, which refused to join": Peru. Also through a pronoun under a relative
    reporting verb: "Peru, which said they do not want ...". The antecedent's own words, not its clause.
    """
    t = verb
    subj = subject_of(t)
    if is_pronoun_subject(subj):
        speech = next((a for a in verb.ancestors if a.lemma_.lower() in REPORTING_VERBS), None)
        if speech is None:
            return []
        t, subj = speech, subject_of(speech)
    if len(subj) != 1 or subj[0].lower_ not in RELATIVE_PRONOUNS:
        return []
    clause = next((a for a in [t, *t.ancestors] if a.dep_ == "relcl"), None)
    if clause is None or clause.head.i == clause.i:
        return []
    inside = {d.i for d in clause.subtree}
    return [d for d in clause.head.subtree if d.i not in inside]
