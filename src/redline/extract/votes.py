"""Reported votes (FORMAT.md §2): which way each listed actor voted.

A vote report lists its actors in several clauses and lists: "Chile and Peru
voted against the plan, while Ghana abstained", "twelve countries voted
against, including Chile and Peru", "with Russia and China abstaining",
"Brazil was among the states that voted in favour". Which position an actor
holds is read from the vote verb that the actor is the subject of, through
its conjuncts, appositions and "including"/"among" lists ("those voting
against included A and B"): for → ``support``, against, no or a veto →
``oppose``, an abstention → ``open``; a sponsor or an author of the text
("among the co-sponsors were ...") → ``support``; an actor listed in
parentheses after a tally ("120 in favour to 9 against (A, B)") → that way.
A negated vote
("did not vote for") or a verb with no direction reads nothing.
"""

from __future__ import annotations

from spacy.tokens import Token

from redline.extract.frame_gates import sentence_words

LIST_PREPS = frozenset({"including", "among", "like", "notably"})
FAVOUR = frozenset({"favour", "favor"})
VOTE_VERBS = frozenset({"vote", "abstain", "veto"})
SPONSOR_NOUNS = frozenset("sponsors co-sponsors cosponsors sponsors authors co-authors coauthors signatories "
                          "drafters backers".split())
SPONSOR_VERBS = frozenset("sponsor co-sponsor cosponsor author co-author draft table propose submit".split())


def _subject_verb(token: Token) -> Token | None:
    """The verb whose subject a listed actor is, climbing its list: "A, B and C", "..., including A"."""
    t = token
    for _ in range(12):
        # "30 countries abstaining, including Peru", "states that voted against": the noun's own vote.
        own = next((c for c in t.children if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in VOTE_VERBS), None)
        if own is not None:
            return own
        if t.dep_ in {"conj", "appos", "compound"} and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ in LIST_PREPS:
            prep = t.head
            if prep.lower_ == "among" and prep.head.lemma_ == "be":
                # "Brazil was among the states that voted against": the verb of the relative clause.
                return next((c for c in t.children if c.dep_ == "relcl"), None)
            t = prep.head
            if t.pos_ in {"VERB", "AUX"}:
                return t
        elif t.dep_ in {"nsubj", "nsubjpass"}:
            return t.head
        elif t.dep_ in {"dobj", "attr"} and t.head.lemma_.lower() == "include":
            # "Those voting against included A and B": the vote of the including subject.
            subject = next((c for c in t.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None:
                return None
            t = subject
        else:
            return None
    return None


def _direction(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    if lemma == "abstain":
        return "open"
    if lemma == "veto":
        return "oppose"
    if lemma != "vote":
        return None
    for c in verb.children:
        word = c.lower_
        if c.dep_ == "prep" and word == "against":
            return "oppose"
        if c.dep_ == "prep" and word == "for":
            return "support"
        if c.dep_ == "prep" and word == "in" and any(g.lower_ in FAVOUR for g in c.children):
            return "support"
        if word in {"yes", "aye"}:
            return "support"
        if word == "no":
            return "oppose"
        if c.dep_ == "xcomp" and c.pos_ == "VERB":
            # "voted to adopt the resolution": for what the clause names.
            return "support"
    return None


def _sponsor(token: Token) -> bool:
    """ "Among the sponsors were A and B", "A was among the co-authors", "drafted by A and B"."""
    t = token
    while t.dep_ in {"conj", "appos", "compound"} and t.head.i != t.i:
        t = t.head
    if t.dep_ in {"nsubj", "attr"} and t.head.lemma_ == "be":
        return any(c.dep_ == "prep" and c.lower_ == "among" and any(
            g.dep_ == "pobj" and g.lower_ in SPONSOR_NOUNS for g in c.children) for c in t.head.children)
    if t.dep_ == "pobj" and t.head.dep_ == "agent":
        return t.head.head.lemma_.lower() in SPONSOR_VERBS
    return False


TALLY_WORDS = {"against": "oppose", "favour": "support", "favor": "support", "abstentions": "open",
               "abstention": "open", "abstaining": "open", "abstained": "open"}


def _tally(token: Token) -> str | None:
    """ "a recorded vote of 120 in favour to 9 against (A, B, C), with 30 abstentions (D, E)": the word before the
    parenthesis an actor is listed in, in a sentence that reports a vote."""
    doc = token.doc
    if "(" not in sentence_words(doc).words:
        return None   # no parenthesis to find: the walk back would end without one
    for k in range(token.i - 1, max(-1, token.i - 40), -1):
        word = doc[k].text
        if word == ")":
            return None
        if word == "(":
            if k == 0 or not any(t.lower_.startswith(("vot", "abstention")) for t in doc[:k]):
                return None
            return TALLY_WORDS.get(doc[k - 1].lower_)
    return None


def vote_position(token: Token) -> str | None:
    """The position of the vote an actor's token is the subject of, or None when it is not a voter.

    A sponsor or author of the text voted on ("among the co-sponsors were A and B") supports it; an actor
    listed in parentheses after a tally ("9 against (A, B)") voted that way.
    """
    verb = _subject_verb(token)
    direction = _direction(verb) if verb is not None else None
    if direction is None and _sponsor(token):
        return "support"
    return direction or _tally(token)
