"""Guards on how a position cue is read: who holds it, what it points to, whether it is one.

``stances.py`` and ``stance_model.py`` read a position from a cue word and
its parse; these checks keep the readings that news wording often misleads:

- a relay: "Y said X will join" reports X's plan, it is no position of Y's;
- a nationality before a position noun names its holder ("the Spanish refusal");
- "that" after a verb of saying is a conjunction, not a pronoun pointing back;
- "help from X" under a verb of asking names the one asked, not a holder;
- the subject of "has to" / "needs to" is the one obliged by another's demand, not a holder;
- "backed away from" / "backed off" is a retreat from a move, not support of it;
- the possessor of "allies", "critics", "partners" ("Kyiv's allies urged ...") is not the one who acts;
- a party named inside what a verb of criticism targets ("condemned Chile's coup") is its target, not a holder;
- a headline's topic label ("Chile and Peru: why ...?") names the subject of the story, not holders;
- the subject of a copula with a noun ("X is an autonomous region", "Y was a member of the bloc") is described,
  it states no position.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from redline.extract import attribution as attr
from redline.extract.pipeline import Context
from redline.models import ActorMention

# Verbs that only report what another says or plans; a demand ("urged", "demanded") is the speaker's own.
RELAY_VERBS = frozenset("say tell state add note claim report confirm announce indicate explain write tweet post "
                        "remark reveal disclose".split())
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall", "wo"})
SUBJECTS = frozenset({"nsubj"})
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you", "who", "which", "that"})


def relayed_clauses(doc: Doc) -> list[tuple[Token | None, Token]]:
    """Clauses announcing another party's plan, each with the reporting verb above it (None: the sentence's voice).

    "Ankara said Tehran will join the mission": (said, join). A clause is one whose verb has a future auxiliary and
    a subject of its own that is no pronoun, reported by a verb of saying or standing alone as the sentence's root.
    """
    out: list[tuple[Token | None, Token]] = []
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX
                                                       for c in verb.children):
            continue
        subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subj is None or subj.lower_ in PRONOUNS or subj.pos_ == "PRON" or any(c.dep_ == "auxpass"
                                                                                   for c in verb.children):
            continue
        if verb.dep_ == "ROOT":
            out.append((None, verb))
        elif verb.dep_ == "ccomp" and verb.head.lemma_.lower() in RELAY_VERBS:
            out.append((verb.head, verb))
    return out


def _subject_tokens(verb: Token) -> list[Token]:
    subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    return list(subj.subtree) if subj is not None else []


# A quote's source after a closing dash: "... will join us, - the minister".
DASH_SOURCE = re.compile(r"\s[-–—]+\s*(?P<source>[^-–—]{2,60})$")


def _dash_source(ctx: Context, i: int) -> set[str]:
    sentence = ctx.sentences[i]
    m = DASH_SOURCE.search(sentence.text.rstrip())
    if m is None:
        return set()
    start = sentence.span.start + m.start("source")
    return {c for x in ctx.mentions_in(sentence) if x.span.start >= start for c in x.codes}


def relaying(ctx: Context, i: int, voice: Sequence[str]) -> set[str]:
    """The actors of sentence ``i`` that only report another party's plan ("Ankara said Tehran will join").

    ``voice`` is the sentence's own voice (its codes), the reporter of a clause that stands alone ("Tehran will
    join, the minister said" parses the plan as the root). A reporter that is also the plan's subject ("Berlin
    will send tanks, the chancellor said") relays nothing.
    """
    out: set[str] = set()
    for reporter, clause in relayed_clauses(ctx.parsed[i]):
        doers = {c for m in attr.tokens_mentions(ctx, i, _subject_tokens(clause)) for c in m.codes}
        if not doers:
            continue
        if reporter is None:
            reporters = set(voice) | _dash_source(ctx, i)
        else:
            reporters = {c for m in attr.tokens_mentions(ctx, i, _subject_tokens(reporter)) for c in m.codes}
        out |= reporters - doers
    return out


# Adjectives of nationality end so ("Spanish", "German", "Japanese", "Israeli", "Dutch", "Iraqi"); a capitalised
# word that opens the sentence is a nationality only with such an ending ("Strong reluctance" is none).
DEMONYM_END = re.compile(r"(?:an|ish|ese|ian|ch|i|ic)$", re.IGNORECASE)


def nationality(token: Token) -> bool:
    """A qualifier that names a party: a named entity, or a capitalised adjective of nationality ("German")."""
    if token.dep_ not in {"amod", "compound"}:
        return False
    if token.ent_type_ in {"NORP", "GPE", "ORG"}:
        return True
    if token.pos_ not in {"ADJ", "PROPN"} or not token.text[:1].isupper():
        return False
    return token.i > token.sent.start or DEMONYM_END.search(token.text) is not None


# Phrases that point back to the last proposal; a bare "that" is read from the parse (``points_back``).
POINTING_PHRASES = re.compile(
    r"\b(?:such (?:a |an )?(?:plan|step|move|idea|proposal|deployment|option|decision|request)|the (?:idea|plan|"
    r"proposal|move|step|possibility|option|request|suggestion)|this (?:plan|idea|proposal|step|move|option)|"
    r"it)\b",
    re.IGNORECASE,
)


def points_back(text: str, tokens: Sequence[Token]) -> bool:
    """Whether a phrase points back to a proposal named before ("such a plan", "it", "that").

    "That" introducing a clause ("argued that the region needed calm") or a relative clause is a conjunction,
    not a pronoun: only a "that" the parse reads as a pronoun or a determiner points back.
    """
    if POINTING_PHRASES.search(text):
        return True
    return any(t.lower_ == "that" and t.dep_ != "mark" and t.tag_ not in {"IN", "WDT"} for t in tokens)


# Verbs of asking: "requested help from X", "sought troops from X" — X is the one asked.
ASKING_LEMMAS = frozenset("request ask seek call demand want need appeal solicit beg plead urge press".split())
LIST_DEPS = frozenset({"conj", "appos", "compound"})


def asked_from(token: Token) -> bool:
    """Whether an actor's token is the one something is asked from ("called for mediation from X")."""
    t = token
    while t.dep_ in LIST_DEPS and t.head.i != t.i:
        t = t.head
    if t.dep_ != "pobj" or t.head.lower_ != "from":
        return False
    for a in t.head.ancestors:
        if a.pos_ in {"VERB", "AUX"}:
            return a.lemma_.lower() in ASKING_LEMMAS
    return False


# "Ukraine's allies agreed ...", "NATO ally Turkey", "Russia's best friend in the EU": the party that qualifies such
# a noun is not the one who acts.
OTHERS = frozenset(
    "ally allies partner partners supporter supporters backer backers friend friends counterpart counterparts "
    "proxy proxies enemy enemies adversary adversaries critic critics opponent opponents neighbour neighbours "
    "neighbor neighbors foe foes rival rivals patron patrons".split()
)


def qualifies_others(token: Token) -> bool:
    """ "Kyiv's allies", "NATO ally Turkey": an actor's token that only says whose allies, critics, partners."""
    return token.dep_ in {"poss", "compound"} and token.head.lemma_.lower() in OTHERS


OBLIGING_LEMMAS = frozenset({"have", "need"})


def obliged(token: Token) -> bool:
    """ "Peru has to refrain from ...", "Peru needs to withdraw": the subject of an obligation someone states."""
    t = token
    while t.dep_ in LIST_DEPS and t.head.i != t.i:
        t = t.head
    verb = t.head
    return (t.dep_ == "nsubj" and verb.lemma_.lower() in OBLIGING_LEMMAS
            and any(c.dep_ == "xcomp" and any(d.dep_ == "aux" and d.lower_ == "to" for d in c.children)
                    for c in verb.children))


# Verbs of criticism: their object names what is criticised, and the parties it names are its targets.
CRITICISM_LEMMAS = frozenset("condemn criticise criticize denounce slam dismiss accuse blame rebuke decry deplore "
                             "lambast castigate censure".split())
# Links that leave the phrase an actor is named in: another clause or the subject of one.
CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "ccomp", "xcomp", "advcl", "relcl", "conj", "ROOT"})


def criticised(token: Token) -> bool:
    """ "condemned Chile's coup", "denounced the deal between Peru and Chile", "accused Peru of ...": a target.

    Climbs from the actor through the phrase it is named in (its list, possessor, prepositions) to the object of
    a verb of criticism; a party that is a subject, or named in a clause of its own, is left to the model.
    """
    t = token
    while t.head.i != t.i:
        if t.dep_ == "dobj" and t.head.lemma_.lower() in CRITICISM_LEMMAS:
            return True
        if t.dep_ in {"nsubj", "nsubjpass"} or (t.i != token.i and t.dep_ in CLAUSE_DEPS):
            return False
        t = t.head
    return False


# Nouns that name a position when predicated of a party: "X is a strong supporter of the plan".
POSITION_NOUNS = frozenset("supporter backer advocate proponent champion opponent critic sceptic skeptic "
                           "holdout opposer promoter sponsor architect".split())
# Links under a copula that carry a clause of its own ("is the one that pushed for ...", "is ready to").
CLAUSE_CHILDREN = frozenset({"xcomp", "ccomp", "advcl", "acomp", "relcl", "acl", "csubj"})


def described(token: Token, cues: frozenset[int] = frozenset()) -> bool:
    """ "Kosovo is an autonomous territory", "Peru was a member of the group": a description, not a position.

    The actor's token (or the list it heads) is the subject of "be" whose complement is a noun phrase with no
    verb in it. A verb joined to the copula goes on describing ("is a small state and hosts a naval base") unless
    it has a clause of its own or holds one of the sentence's position cues (``cues``: token indices), as in "is a
    member and rejected the plan"; a clause with a subject of its own ("and Peru rejected it") is not the actor's.
    A noun that names a position ("a supporter of the plan"), a predicate with a
    clause of its own ("is the first to call for ...") or an adjective ("is ready") are left alone.
    """
    t = token
    while t.dep_ in LIST_DEPS and t.head.i != t.i:
        t = t.head
    verb = t.head
    if t.dep_ != "nsubj" or verb.lemma_.lower() != "be" or any(c.dep_ in CLAUSE_CHILDREN for c in verb.children):
        return False
    for joined in (c for c in verb.children if c.dep_ == "conj"):
        if any(d.dep_ in SUBJECTS for d in joined.children):
            continue   # "X is a member, and Y rejected the pact": a clause of another subject
        if any(d.dep_ in CLAUSE_CHILDREN for d in joined.children) or any(d.i in cues for d in joined.subtree):
            return False
    predicates = [c for c in verb.children if c.dep_ == "attr"]
    return bool(predicates) and all(
        c.lemma_.lower() not in POSITION_NOUNS and c.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
        and not any(d.pos_ in {"VERB", "AUX"} or d.i in cues for d in c.subtree) for c in predicates)


RETREAT_WORDS = frozenset({"away", "off"})


def backs_away(verb: Token) -> bool:
    """ "backed away from the plan", "backed off its support": a retreat, not a position of support."""
    return verb.lemma_.lower() == "back" and any(c.lower_ in RETREAT_WORDS and c.dep_ in {"prt", "advmod", "prep"}
                                                 for c in verb.children)


# A headline's label before a colon: "Chile and Peru: what next for the corridor?"
LABEL = re.compile(r"^(?P<label>[^:\n]{2,60}):\s+\S")


def topic_label(ctx: Context, i: int) -> set[str]:
    """The actors only a headline's topic label names: a list of parties before its colon ("Chile and Peru: ...").

    One party before the colon is a source quoted ("Kremlin: no talks"), not a label; a party named again after
    the colon is named in the headline itself.
    """
    read = _label(ctx, i)
    if read is None:
        return set()
    _, label, after = read
    if not any(len(run) >= 2 for run in attr.mention_lists(ctx.document.text, label)):
        return set()
    return {c for x in label for c in x.codes} - after


def _label(ctx: Context, i: int) -> tuple[re.Match[str], list[ActorMention], set[str]] | None:
    """Sentence ``i``'s label before a colon (:data:`LABEL`): the match, the mentions inside the label in order,
    and the codes named after the colon; None when the sentence has no label."""
    sentence = ctx.sentences[i]
    m = LABEL.match(sentence.text)
    if m is None:
        return None
    end = sentence.span.start + m.end("label")
    mentions = sorted(ctx.mentions_in(sentence), key=lambda x: x.span.start)
    return (m, [x for x in mentions if x.span.end <= end],
            {c for x in mentions if x.span.start > end for c in x.codes})


# What marks a photo caption: a credit ("(Photo: X/Agency)", "Getty Images", "AP Photo", "[Photo/site]", "(AFP
# photo)", "FILE PHOTO"), a phrase saying what a photo shows ("In this photo provided by ...", "this undated
# handout picture"), a gallery counter ("1 of 4 |") or an agency alone in brackets at a line's end ("... (Yonhap)").
CAPTION = re.compile(
    r"\((?:photo|photograph|picture|image|file)\b[^)\n]*\)|\b(?:photo|photograph|picture)s?\s*(?:by\b|:|/)|"
    r"getty\s*images|\bap photo\b|\bpool photo\b|\bfile (?:photo|picture|image)\b|"
    r"\bin (?:this|an?) (?:undated |handout |file )*(?:photo|picture|image)\b|\bhandout (?:photo|picture|image)\b|"
    r"\[photo[/\]]|\(\w+ photo\)|^\d+ of \d+ \||"
    r"\((?:afp|ap|reuters|yonhap|epa|xinhua|anadolu|tass|kcna|efe|ani|pti)\)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# A caption is a short line; a paragraph of body text that mentions a photo is no caption.
CAPTION_MAX_CHARS = 500


def caption_sentences(ctx: Context) -> set[int]:
    """The sentences of photo captions: those of a line that carries a credit or says what a photo shows.

    A caption says what a picture shows ("X listens to the anthem before his speech"), seldom a position.
    """
    text = ctx.document.text
    out: set[int] = set()
    for s in ctx.sentences:
        start = text.rfind("\n", 0, s.span.start) + 1
        end = text.find("\n", s.span.end)
        line = text[start:end if end >= 0 else len(text)]
        if len(line) <= CAPTION_MAX_CHARS and CAPTION.search(line):
            out.add(s.index)
    return out


# A kicker's topic: parties joined by a hyphen or a slash ("Turkey-Greece crisis:", "US/China:"), or a party with a
# word that names a story rather than a source ("Ukraine war:", "Taiwan tensions:", "Brexit latest:").
PAIR_GAP = re.compile(r"^\s*[-–—/]\s*$")
TOPIC_WORDS = frozenset("crisis crises war wars conflict conflicts tension tensions row rows dispute disputes standoff "
                        "stand-off feud spat clash clashes relations ties latest live explainer analysis update "
                        "updates timeline news briefing".split())


def kicker_parties(ctx: Context, i: int) -> set[str]:
    """The actors only a kicker names: a topic label before a colon at the start of a line ("A-B crisis: ...").

    Such a label names the story's subject, not who holds a position in the line after it; a party named again
    after the colon is named in the line itself. A lone party before a colon ("Kremlin: no talks") is a source
    quoted and is no kicker.
    """
    sentence, text = ctx.sentences[i], ctx.document.text
    if text[text.rfind("\n", 0, sentence.span.start) + 1:sentence.span.start].strip():
        return set()   # not at the start of a line
    read = _label(ctx, i)
    if read is None or not read[1]:
        return set()
    m, label, after = read
    paired = any(PAIR_GAP.match(text[a.span.end:b.span.start]) for a, b in itertools.pairwise(label))
    topical = any(w.lower() in TOPIC_WORDS for w in re.findall(r"[\w-]+", m.group("label")))
    if not (paired or topical):
        return set()
    return {c for x in label for c in x.codes} - after


# What "not ruling out" foresees, not a move the holder weighs: "the possibility of more launches by the North",
# "the possibility that Moscow would strike". The nouns of likelihood, and the verbs whose object it is.
LIKELIHOOD_NOUNS = frozenset("possibility chance likelihood prospect risk danger scenario".split())
EXCLUDING_LEMMAS = frozenset({"rule", "exclude"})


def _party(t: Token) -> bool:
    """A token that names a party: a proper name or a named state, people or organisation."""
    return t.pos_ == "PROPN" or t.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"}


def foreseen_agents(cue: Token) -> list[Token]:
    """The tokens naming another party whose act "rule out" / "exclude" foresees, or none.

    "would not rule out more provocations by the North" and "did not exclude the possibility that Tokyo would
    strike" foresee an act of the North's, of Tokyo's: an assessment of what that party may do. "would not rule
    out sending troops" names no other doer: the holder's own move, an open stance.
    """
    if cue.lemma_.lower() not in EXCLUDING_LEMMAS:
        return []
    objects = [c for c in cue.children if c.dep_ in {"dobj", "ccomp", "nsubjpass"}]
    out: list[Token] = []
    if objects and not any(c.dep_ == "auxpass" for c in cue.children):
        # An active verb has no agent of its own: its "by" names the doer of its object ("launches ... by Peru").
        for by in (c for c in cue.children if c.dep_ == "prep" and c.lower_ == "by"):
            out.extend(t for p in by.children if p.dep_ == "pobj" and _party(p) for t in p.subtree)
    for obj in objects:
        for t in obj.subtree:
            if t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.head.pos_ == "NOUN" and _party(t):
                out.extend(t.subtree)   # "provocations by the North"
            elif t.dep_ == "nsubj" and t.pos_ != "PRON" and t.head.i != cue.i and (
                    (t.head.i == obj.i and obj.dep_ == "ccomp")
                    or t.head.head.lemma_.lower() in LIKELIHOOD_NOUNS):
                out.extend(t.subtree)   # "(the possibility) that Moscow would strike"
    return sorted(out, key=lambda t: t.i)


# A cross-link to another story inside an article body: a line led by "Read more:" / "RELATED:" / "WATCH:", or a
# headline tagged at its end ("... [ANALYSIS]"). A lead alone on its line ("RELATED STORIES:") heads a list of such
# headlines: the short lines after it that end in no sentence stop.
TEASER_LEAD = re.compile(
    r"^\s*(?:read(?: more| also| next)?|also read|see also|related(?: stories| articles| coverage| news| content)?|"
    r"more on this(?: story)?|more from \w+|recommended(?: stories)?|watch|listen|latest|most read|"
    r"you may also like|don'?t miss)\s*:\s*",
    re.IGNORECASE,
)
TEASER_TAG = re.compile(r"\[[A-Z][A-Z ]{2,20}\]\s*$")
TEASER_LIST_MAX_CHARS = 160


def _lines(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, line))
        at += len(line) + 1
    return out


def teaser_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the runs of lines of ``text`` that carry other stories' headlines (TEASER_LEAD)."""
    out: list[tuple[int, int]] = []
    listing = False
    for at, line in _lines(text):
        body = line.strip()
        if listing and not body:
            continue   # a blank line between the lead and its list, or inside the list
        if listing and len(body) <= TEASER_LIST_MAX_CHARS and not body.endswith((".", "!", "?", '."', ".”")):
            out.append((at, at + len(line)))
            continue
        lead = TEASER_LEAD.match(line)
        listing = lead is not None and not line[lead.end():].strip()   # "RELATED STORIES:" alone: headlines follow
        if lead is not None or TEASER_TAG.search(line):
            out.append((at, at + len(line)))
    merged: list[tuple[int, int]] = []
    for start, end in out:   # a run of such lines is one block: a sentence may run over several of them
        if merged and text[merged[-1][1]:start].strip() == "":
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def teaser_sentences(ctx: Context) -> set[int]:
    """The sentences on a cross-link line: another story's headline holds no stance in this article's debate."""
    lines = teaser_lines(ctx.document.text)
    if not lines:
        return set()
    return {s.index for s in ctx.sentences
            if any(start <= s.span.start and s.span.end <= end + 1 for start, end in lines)}


# A dateline before a story's first words: the place it was filed from, in capitals, with its country or the agency
# ("AMMAN, Jordan —", "BUCHAREST (Reuters) -"). The place is where the reporter writes, no party. A word in capitals
# alone before a dash or a colon may be a party quoted ("NATO: ..."), and is left as it is.
DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}"
    r"(?:, [A-Z][\w.']*(?: [A-Z][\w.']*){0,2}(?: \([^)\n]{2,30}\))?| \([^)\n]{2,30}\)))[ \t]*(?:—|–|--|-|:)\s",
    re.MULTILINE,
)


def dateline_parties(ctx: Context, i: int) -> set[str]:
    """The actors sentence ``i`` names only in the dateline it opens with ("AMMAN, Jordan — ...": Jordan)."""
    sentence, text = ctx.sentences[i], ctx.document.text
    line_start = text.rfind("\n", 0, sentence.span.start) + 1
    if text[line_start:sentence.span.start].strip():
        return set()   # the sentence does not open its line
    m = DATELINE.match(text, line_start)
    if m is None:
        return set()
    end = m.end("dateline")
    inside: set[str] = set()
    outside: set[str] = set()
    for x in ctx.mentions_in(sentence):
        (inside if x.span.end <= end else outside).update(x.codes)
    return inside - outside
