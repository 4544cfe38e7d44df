"""The resolver: finds actor mentions in text and maps them to codes.

One compiled regular expression, built as a character trie over every alias
of the registry, scans the text once; at each position the trie gives the
longest alias that ends on a word boundary. Each match then passes:

1. CONTEXT RULES, for aliases that are not always the actor:
   ``first_name`` ("Jordan Bardella", "Michael Jordan" are not JOR),
   ``us_state`` ("Georgia's governor" near "Atlanta" is not GEO),
   ``compound_name`` ("West Point", "Western Europe" are not WEST),
   ``locative`` ("in Brussels" is Belgium, "Brussels warned" the EU), and for
   every alias a prefix or suffix that makes it a modifier ("pro-Russian",
   "Kremlin-controlled", "US-based"). Blocked phrases (outlets such as "The
   Moscow Times", agreements such as "the Paris Agreement") win the longest
   match and are dropped.
2. ANAPHORS: "the alliance", "the bloc" take the nearest preceding actor
   among their candidates, else stay unresolved.
3. COMPOUNDS: an actor, its possessive, a role and a name make one mention
   ("Polish Foreign Minister Radoslaw Sikorski" is POL with person Radoslaw
   Sikorski; "the Israeli army" is ISR); a capitalised title before a known
   person joins that person's mention ("President Emmanuel Macron").
4. SURNAMES: a surname too common to stand alone ("Kim", "Johnson") resolves
   only after that person's full name appeared earlier in the same text.

Call :meth:`Resolver.find` once per document: the surname rule and the
anaphors look back through the text they are given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from redline.actors.registry import AliasEntry, PersonEntry, Registry, load_registry
from redline.models import ActorMention, Span

_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")


def article_date(text: str, published: date | None) -> date | None:
    """The date a person's office is read on: the article's, else the end of the latest year it mentions (no
    office that began after the article is then chosen), else None."""
    if published is not None:
        return published
    years = [int(y) for y in _YEAR.findall(text)]
    return date(max(years), 12, 31) if years else None


def person_codes(person: PersonEntry, day: date | None) -> tuple[str, ...]:
    """The code a person speaks for on ``day``; without a date, the one code of all their offices, or none
    when their offices were for different actors (a former NATO chief later a national minister)."""
    if day is not None:
        return (person.code_at(day),)
    codes = {r.code for r in person.roles}
    return (person.code_at(None),) if len(codes) == 1 else ()


# "the North", "the South" of Korean news: not "the North Atlantic", "the South Korean envoy", "the north-east"
_HALF = re.compile(r"\b[Tt]he (North|South)\b(?![ \t]+[A-Z])(?![-\w])")
_HALVES = {"North": ("PRK", "KOR"), "South": ("KOR", "PRK")}


def _add_halves(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "the North" is North Korea, "the South" South Korea, once either Korea was named before it."""
    out = list(mentions)
    for match in _HALF.finditer(text):
        code, other = _HALVES[match.group(1)]
        span = Span(*match.span())
        named = any(m.span.end <= span.start and set(m.codes) & {code, other} for m in mentions)
        if named and not any(span.overlaps(m.span) for m in mentions):
            out.append(ActorMention(codes=(code,), text=match.group(), span=span, kind="state"))
    return out


def _titled_codes(person: PersonEntry, title: str) -> tuple[str, ...]:
    """The code of the one office the title before a name names ("Prime Minister Donald Tusk", "Secretary
    General Jens Stoltenberg"), whatever the date; none for a former office or a title several offices share."""
    words = " ".join(title.replace("-", " ").split()).lower()
    if not words or words.startswith("former"):
        return ()
    codes = {r.code for r in person.roles if " ".join(r.role.replace("-", " ").split()).lower().startswith(words)}
    return (codes.pop(),) if len(codes) == 1 else ()


# A prefix that turns an actor into a modifier of something else.
_PREFIX_DROP = re.compile(r"\b(?:pro|anti|non|post|ex)-\Z", re.IGNORECASE)
_SUFFIX_DROP = re.compile(
    r"-(?:controlled|run|owned|funded|based|born|style|speaking|language|era|educated|registered|flagged)\b",
    re.IGNORECASE,
)
_ETHNIC = re.compile(r"\bethnic\s+\Z", re.IGNORECASE)
_LOCATIVE = re.compile(r"\b(?:in|at|from|to|near|outside|via|around|into)\s+\Z", re.IGNORECASE)
_US_STATE_CUES = re.compile(
    r"\b(?:Atlanta|Savannah|Fulton|governor|Gov\.|Senate|senator|Sen\.|Republican|Democrat(?:ic)?s?|GOP|"
    r"county|primary|Peach State|Kemp|Warnock|Ossoff|Bulldogs|Braves|Alabama|Florida|Carolina|Tennessee)\b"
)
# "secretary of the Security Council", "Security Council Secretary": a national council, not the UN's.
_OTHER_COUNCIL_BEFORE = re.compile(
    r"\b(?:secretary|chairman|chair|head|deputy)\s+of(?:\s+the)?\s+\Z", re.IGNORECASE
)
_OTHER_COUNCIL_AFTER = re.compile(r"\s+(?:secretary|deputy|chairman|head)\b", re.IGNORECASE)
_FUNCTION_WORDS = frozenset({
    "A", "An", "And", "As", "At", "But", "By", "During", "For", "From", "If", "In", "Into", "Of", "On", "Or",
    "So", "The", "Then", "To", "Under", "While", "With", "Without", "After", "Before", "Both", "Unlike",
    "Like", "Amid", "Against", "Between", "Across", "Since", "Until",
})
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’.-]*)")
_PREV_WORD = re.compile(r"([A-Z][\w'’.-]*)[ \t]+\Z")
_POSSESSIVE = re.compile(r"['’]s?\b")
_NAME_PARTICLES = r"(?:(?:von|van|der|den|de|da|di|du|le|la|al|el|bin|ibn|abu|ben)[ -])"
_NAME = re.compile(
    rf"[ \t]+((?:{_NAME_PARTICLES})?[A-Z][\w'’.-]+(?:[ \t]+{_NAME_PARTICLES}*[A-Z][\w'’-]+){{1,3}})"
)
_NOT_NAMES = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "On", "In", "At", "The", "This", "That", "Said", "Says", "Told", "Warned",
})
# Roles that name others when they follow a state ("Ukraine's allies" are not Ukraine).
_OTHERS = frozenset({"allies", "partners", "backers", "proxies", "counterpart", "counterparts"})
# Titles of someone sent to an organisation rather than serving it.
_DELEGATES = frozenset({"ambassador", "envoy", "representative", "permanent", "delegate"})
# Surnames that are also common words: never resolved by the surname rule.
_SURNAME_STOP = frozenset({"May", "No", "Ma", "Park", "Han", "Brown", "Wu", "Lin", "Ban", "Salam", "Fu"})
_PERSON_KINDS = ("person",)


@dataclass(frozen=True, slots=True)
class _Atom:
    start: int
    end: int
    entry: AliasEntry
    codes: tuple[str, ...]


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, escaped."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def _trie_pattern(words: list[str]) -> str:
    """A regex equivalent to ``a|b|c`` over ``words`` that follows a character trie.

    At each position the engine walks shared prefixes once instead of trying
    thousands of alternatives, and a greedy optional tail prefers the longest word.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
        return body

    return render(trie)


class Resolver:
    """Finds actor mentions in text with the aliases of one :class:`Registry`."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry if registry is not None else load_registry()
        aliases = list(self.registry.aliases)
        self._pattern = re.compile(r"(?<![\w.])(?:" + _trie_pattern(aliases) + r")(?!\w)")
        words = self.registry.role_words
        titles = _alternation(list(words.titles))
        bodies = _alternation(list(words.bodies))
        mods = _alternation(list(words.modifiers))
        self._role = re.compile(
            rf"(?P<pos>['’]s?)?[ \t]+(?:(?:{mods})[ \t-]+)*"
            rf"(?:(?:(?:{bodies})[ \t]+)?(?P<title>{titles})|(?P<body>{bodies}))(?!\w)",
            re.IGNORECASE,
        )
        # A capitalised title right before a known person: "Foreign Ministry spokesperson Lin Jian".
        self._title_before = re.compile(
            rf"(?<!\w)(?=(?-i:[A-Z]))(?:(?:deputy|acting|former|vice)[ \t]+)?(?:{titles}|Gen\.|Adm\.|Sir|"
            r"Ayatollah|Sheikh)[ \t]+\Z",
            re.IGNORECASE,
        )
        self._role_first_words = frozenset(
            w.split()[0].lower() for w in (*words.titles, *words.bodies, *words.modifiers)
        )
        self._surnames = self.registry.surnames()

    # -- public API -----------------------------------------------------------

    def find(self, text: str, offset: int = 0, published: date | None = None) -> list[ActorMention]:
        """Every actor mention in ``text``, in order, spans shifted by ``offset``."""
        published = article_date(text, published)
        atoms = [a for a in (self._atom(text, m, published) for m in self._pattern.finditer(text)) if a]
        atoms = self._resolve_anaphora(atoms)
        mentions = self._compounds(text, atoms, published)
        mentions = self._add_surnames(text, mentions)
        mentions = _add_halves(text, mentions)
        mentions.sort(key=lambda m: m.span.start)
        if offset:
            mentions = [replace(m, span=Span(m.span.start + offset, m.span.end + offset)) for m in mentions]
        return mentions

    def resolve_entity(self, text: str, label: str, published: date | None = None) -> tuple[str, ...] | None:
        """The codes for a spaCy entity span (GPE, LOC, NORP, ORG, PERSON, FAC), or None.

        A PERSON span resolves only to a person the registry knows; any other
        label only to a state, organisation or group: "Jordan" tagged PERSON is None.
        """
        entry = self.registry.entry(text)
        if entry is None or entry.blocked or entry.anaphora:
            return None
        if label == "PERSON":
            return (person_codes(entry.person, published) or None) if entry.person is not None else None
        if entry.person is not None:
            return None
        return entry.codes

    # -- steps ----------------------------------------------------------------

    def _atom(self, text: str, match: re.Match[str], published: date | None) -> _Atom | None:
        entry = self.registry.aliases[match.group()]
        start, end = match.span()
        if entry.blocked:
            return None
        if self.is_modifier(text, start, end):
            return None
        codes = entry.codes
        if entry.person is not None:
            codes = person_codes(entry.person, published)
        rule = entry.rule
        if rule == "first_name" and self._looks_like_name_part(text, start, end):
            return None
        if rule == "compound_name" and self._in_compound_name(text, start, end):
            return None
        if rule == "us_state" and _US_STATE_CUES.search(text, max(0, start - 100), end + 100):
            return None
        if rule == "un_body" and (_OTHER_COUNCIL_BEFORE.search(text, max(0, start - 40), start)
                                  or _OTHER_COUNCIL_AFTER.match(text, end)):
            return None
        if rule == "locative" and _LOCATIVE.search(text, max(0, start - 12), start):
            return _Atom(start, end, replace(entry, kind="state"), entry.locative)
        return _Atom(start, end, entry, codes)

    @staticmethod
    def is_modifier(text: str, start: int, end: int) -> bool:
        """Whether the actor words at ``text[start:end]`` modify something else rather than name the actor.

        "pro-Russian", "Kremlin-controlled", "a Liberian-flagged tanker", and "ethnic Albanians" (a people
        living anywhere, not the state).
        """
        return bool(_PREFIX_DROP.search(text, max(0, start - 8), start) or _SUFFIX_DROP.match(text, end)
                    or _ETHNIC.search(text, max(0, start - 8), start))

    def _looks_like_name_part(self, text: str, start: int, end: int) -> bool:
        """"Michael Jordan", "Jordan Bardella": the alias is a first name or surname here."""
        prev = _PREV_WORD.search(text, max(0, start - 30), start)
        if prev:
            word = prev.group(1)
            if not (word in _FUNCTION_WORDS or word.endswith((".", "'s", "’s"))
                    or word.lower() in self._role_first_words):
                return True
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            return False
        word = nxt.group(1)
        # A capitalised word ending in "s" after the alias is a headline verb ("Jordan Warns").
        return word.lower() not in self._role_first_words and not word.endswith("s")

    def _in_compound_name(self, text: str, start: int, end: int) -> bool:
        """"Kanye West", "Western Ukraine", "West Point": part of a longer proper name."""
        if text[start:end] == "West":
            prev = _PREV_WORD.search(text, max(0, start - 30), start)
            if prev and prev.group(1) not in _FUNCTION_WORDS:
                return True
        nxt = _NEXT_WORD.match(text, end)
        return nxt is not None and nxt.group(1).lower() not in self._role_first_words

    @staticmethod
    def _resolve_anaphora(atoms: list[_Atom]) -> list[_Atom]:
        out: list[_Atom] = []
        for atom in atoms:
            if atom.entry.anaphora:
                wanted = atom.entry.anaphora
                antecedent = next((c for a in reversed(out) for c in a.codes if c in wanted), None)
                if antecedent is None:
                    continue
                atom = replace(atom, codes=(antecedent,))
            out.append(atom)
        return out

    def _compounds(self, text: str, atoms: list[_Atom], published: date | None) -> list[ActorMention]:
        mentions: list[ActorMention] = []
        # A person whom a title placed ("NATO Secretary-General Jens Stoltenberg") keeps
        # that code in the rest of the text, whatever the date says.
        titled: dict[str, tuple[str, ...]] = {}
        i = 0
        while i < len(atoms):
            atom = atoms[i]
            if atom.entry.person is not None:
                floor = mentions[-1].span.end if mentions else 0
                mention = self._person_mention(text, atom, published, floor)
                mention = replace(mention, codes=titled.get(mention.person or "", mention.codes))
                if not mention.codes:
                    # whom they spoke for is unknown without the article's date: no mention rather than a guess
                    i += 1
                    continue
            else:
                mention = self._titled_mention(text, atoms, i, published)
                if mention.person and mention.person in self.registry.people:
                    titled.setdefault(mention.person, mention.codes)
            mentions.append(mention)
            i += 1
            while i < len(atoms) and atoms[i].start < mention.span.end:  # inside the compound
                i += 1
        return mentions

    def _titled_mention(self, text: str, atoms: list[_Atom], i: int, published: date | None) -> ActorMention:
        """The mention an actor starts: alone, or with a role and a name after it."""
        atom = atoms[i]
        start, end, person, kind, codes = atom.start, atom.end, None, atom.entry.kind, atom.codes
        role = self._role.match(text, atom.end)
        if not (role and self._role_applies(atom, role)):
            return ActorMention(codes=codes, text=text[start:end], span=Span(start, end), kind=kind)
        end = role.end()
        title = role.group("title")
        if title:
            # "UN Ambassador Fu Cong" speaks for China: a delegate to an organisation keeps their own code.
            delegate = atom.entry.kind == "organisation" and title.split()[0].lower() in _DELEGATES
            nxt = atoms[i + 1] if i + 1 < len(atoms) else None
            gap = text[end:nxt.start] if nxt else ""
            if nxt and nxt.entry.person is not None and gap.strip(" \t,") == "" and len(gap) <= 3:
                end, person, kind = nxt.end, nxt.entry.person.name, "person"
                if delegate:
                    codes = person_codes(nxt.entry.person, published) or codes
            elif not delegate:
                name = _NAME.match(text, end)
                if name and self._unknown_name(name.group(1)):
                    end, person, kind = name.end(1), name.group(1), "person"
        if text[max(0, start - 4):start] in ("the ", "The "):
            start -= 4
        span = Span(start, end)
        return ActorMention(codes=codes, text=text[start:end], span=span, kind=kind, person=person)

    def _unknown_name(self, name: str) -> bool:
        """Whether the capitalised words after a title read as a person's name, not a headline."""
        words = name.split()
        return not any(w in _NOT_NAMES or w in self.registry.aliases for w in words)

    @staticmethod
    def _role_applies(atom: _Atom, role: re.Match[str]) -> bool:
        word = (role.group("body") or "").lower()
        # "NATO allies" are NATO; "Ukraine's allies" and "US allies" are not Ukraine or the US.
        if word in _OTHERS:
            return atom.entry.kind in ("organisation", "group") and not role.group("pos")
        return True

    def _person_mention(self, text: str, atom: _Atom, published: date | None, floor: int) -> ActorMention:
        person = atom.entry.person
        assert person is not None
        start = atom.start
        title = self._title_before.search(text, max(floor, start - 60), start)
        codes = person_codes(person, published)
        if title:
            start = title.start()
            codes = _titled_codes(person, title.group()) or codes
        return ActorMention(codes=codes, text=text[start:atom.end],
                            span=Span(start, atom.end), kind="person", person=person.name)

    def _add_surnames(self, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """"Kim said" resolves after "Kim Jong Un" appeared, if one person mentioned carries that surname."""
        first_seen: dict[str, tuple[int, PersonEntry, tuple[str, ...]]] = {}
        for m in mentions:
            person = self.registry.people.get(m.person) if m.person else None
            if person is not None:
                first_seen.setdefault(person.name, (m.span.end, person, m.codes))
        by_surname: dict[str, list[tuple[int, PersonEntry, tuple[str, ...]]]] = {}
        for end, person, codes in first_seen.values():
            if person.surname in _SURNAME_STOP or self.registry.entry(person.surname) is not None:
                continue
            by_surname.setdefault(person.surname, []).append((end, person, codes))
        if not by_surname:
            return mentions
        pattern = re.compile(rf"(?<![\w.-])(?:{_alternation(list(by_surname))})(?!\w)")
        taken = [m.span for m in mentions]
        out = list(mentions)
        for match in pattern.finditer(text):
            candidates = by_surname[match.group()]
            span = Span(*match.span())
            if len(candidates) != 1 or span.start < candidates[0][0]:
                continue
            if any(span.overlaps(t) for t in taken) or self._looks_like_name_part(text, *match.span()):
                continue
            _, person, codes = candidates[0]
            out.append(ActorMention(codes=codes, text=match.group(), span=span, kind="person",
                                    person=person.name))
        return out
