"""The actor registry: codes, names, aliases, memberships and people.

Loaded once from the YAML files in ``actors/data`` (each carries a
``version``) and from pycountry, which gives every ISO 3166-1 state::

    registry = load_registry()
    registry.lookup("the Kremlin")      # ("RUS",)
    registry.lookup("the Baltic states") # ("EST", "LVA", "LTU")
    registry.groups_of("FRA")           # {"NATO", "EU", "G7", "WEST"}
    registry.person("Kaja Kallas").code_at(date(2023, 5, 1))  # "EST"

Every alias is stored with its spelling variants (a capital "The" at a
sentence start, an ASCII spelling of "Erdoğan", curly apostrophes, title case
for headlines), so the resolver can match text exactly and case-sensitively.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any, Literal, cast

import pycountry
import yaml

from redline.models import Actor

Kind = Literal["state", "organisation", "group", "armed_group", "person"]
# libyaml's safe loader reads the actor files several times faster than the pure-Python one, to the same data.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA_FILES = ("states.yaml", "organisations.yaml", "people.yaml", "blocked.yaml", "roles.yaml")

# pycountry names that carry a comma ("Iran, Islamic Republic of") give a short
# name only for these codes; for the others the short part is ambiguous
# ("Korea", "Congo", "Virgin Islands").
_COMMA_NAME_CODES = frozenset({"IRN", "MDA", "PSE", "TWN", "BOL", "VEN", "TZA", "FSM", "BES", "SHN"})
_DERIVED_DROP = frozenset({"Congo", "Korea", "Virgin Islands", "Saint Martin", "Sint Maarten"})
# Letters NFKD does not decompose into an ASCII base letter.
_ASCII_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "đ": "d",
                              "ı": "i", "’": "'"})
_LOWER_WORDS = frozenset({"the", "of", "and", "for", "in", "a", "an", "on", "to", "de", "der", "von", "al"})


def ascii_fold(text: str) -> str:
    """``"Erdoğan"`` -> ``"Erdogan"``: the spelling English news often prints."""
    if text.isascii():  # NFKD leaves ASCII as it is, and the extra table maps none of it
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class PersonRole:
    """One office a person held: the code they speak for, from ``start`` to ``end`` (None: still)."""

    code: str
    role: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """A person the registry knows, with every office they held."""

    name: str
    aliases: tuple[str, ...]
    surname: str
    roles: tuple[PersonRole, ...]

    def role_at(self, day: date | None = None) -> PersonRole:
        """The office held on ``day``; without a date, or off every term, the nearest one.

        Without a date this is the most recent office. On a date between or after
        terms it is the last office that had begun; before the first term, the first.
        """
        by_start = sorted(self.roles, key=lambda r: (r.start or date.min, r.end or date.max))
        if day is None:
            return by_start[-1]
        covering = [r for r in by_start if r.covers(day)]
        if covering:
            return covering[-1]
        begun = [r for r in by_start if r.start is None or r.start <= day]
        return begun[-1] if begun else by_start[0]

    def code_at(self, day: date | None = None) -> str:
        return self.role_at(day).code

    @property
    def code(self) -> str:
        """The code of the most recent office."""
        return self.role_at(None).code


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """What one exact spelling in text stands for.

    ``codes`` is empty for a person (resolved by date), a blocked phrase or an
    anaphor. ``rule`` names a context rule of the resolver.
    """

    codes: tuple[str, ...]
    kind: str
    person: PersonEntry | None = None
    rule: str | None = None
    blocked: bool = False
    anaphora: tuple[str, ...] = ()
    locative: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleWords:
    """The role lexicon of ``roles.yaml``: words that join an actor, a title and a name."""

    modifiers: tuple[str, ...]
    titles: tuple[str, ...]
    bodies: tuple[str, ...]


def _variants(alias: str, *, headline: bool) -> Iterator[str]:
    """The spellings of one alias that text may carry."""
    forms = [alias]
    if alias[:1].islower():  # at the start of a sentence: "The Kremlin", "Any third party"
        forms.append(alias[:1].upper() + alias[1:])
    if headline and " " in alias:
        words = alias.split(" ")
        titled = " ".join(
            w if (i > 0 and w in _LOWER_WORDS) or not w[:1].isalpha() else w[:1].upper() + w[1:]
            for i, w in enumerate(words)
        )
        forms.append(titled)
    for form in list(forms):
        forms.append(ascii_fold(form))
        if "'" in form:
            forms.append(form.replace("'", "’"))
    seen: set[str] = set()
    for form in forms:
        if form not in seen:
            seen.add(form)
            yield form


def demonym_plural(demonym: str) -> str | None:
    """The plural that names a state's people ("Ghanaian" → "Ghanaians"), or None when it has none.

    Demonyms in -ese, -ish, -ch, -s, -z, -man, -ic and a hyphenated modifier ("Senegalese", "British",
    "French", "Swiss", "Kyrgyz", "US-led") name the people without an -s, or are not nouns at all.
    """
    if "-" in demonym.rsplit(" ", 1)[-1] or not demonym[-1:].isalpha() or demonym.endswith("s"):
        return None
    if demonym.endswith(("ese", "sh", "ch", "z", "ois", "x", "y", "man", "ic")) and not demonym.endswith("Czech"):
        return None
    return demonym + "s"


def _read(name: str) -> dict[str, Any]:
    text = resources.files("redline.actors").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=SAFE_LOADER)  # a safe loader, libyaml's when there
    if not isinstance(data, dict) or "version" not in data:
        raise ValueError(f"actors/data/{name}: no version")
    return cast(dict[str, Any], data)


def _pycountry_names(country: Any) -> Iterator[str]:
    for attr in ("name", "common_name", "official_name"):
        raw = getattr(country, attr, None)
        if not raw:
            continue
        name = raw.split(" (")[0]
        if "," in name:
            if country.alpha_3 not in _COMMA_NAME_CODES:
                continue
            name = name.split(",")[0]
        if name not in _DERIVED_DROP:
            yield name


@dataclass
class Registry:
    """Every actor, alias, membership and person redline knows."""

    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: dict[str, AliasEntry] = field(default_factory=dict)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    role_words: RoleWords = field(default_factory=lambda: RoleWords((), (), ()))
    _person_keys: dict[str, PersonEntry] = field(default_factory=dict)
    _groups: dict[str, frozenset[str]] = field(default_factory=dict)

    # -- queries --------------------------------------------------------------

    @property
    def version(self) -> str:
        """The data version: the newest of the data files' versions."""
        return max(self.versions.values(), key=lambda v: tuple(int(p) for p in v.split(".")))

    def is_known(self, code: str) -> bool:
        return code in self.actors

    def actor(self, code: str) -> Actor:
        """The actor with this code; KeyError for an unknown code."""
        return self.actors[code]

    def lookup(self, alias: str, published: date | None = None) -> tuple[str, ...] | None:
        """The codes an alias stands for, or None.

        Tries the text as given, then without a possessive "'s" and with or
        without a leading "the". A person resolves to the office held on
        ``published`` (else the most recent). Blocked phrases and anaphors
        ("the alliance", which needs its text) give None.
        """
        for key in self._keys(alias):
            entry = self.aliases.get(key)
            if entry is None:
                continue
            if entry.blocked or entry.anaphora:
                return None
            if entry.person is not None:
                return (entry.person.code_at(published),)
            return entry.codes
        return None

    def entry(self, alias: str) -> AliasEntry | None:
        """The alias entry for an exact spelling (after the same normalisation as lookup)."""
        for key in self._keys(alias):
            if key in self.aliases:
                return self.aliases[key]
        return None

    def person(self, name: str) -> PersonEntry | None:
        """A person by full name or alias ("Zelenskyy", "Erdogan"), case-insensitively."""
        return self._person_keys.get(ascii_fold(name.strip()).casefold())

    def members(self, code: str) -> frozenset[str]:
        """The states in a group, through nested groups (WEST holds NATO's members)."""
        actor = self.actors.get(code)
        if actor is None:
            return frozenset()
        out: set[str] = set()
        for member in actor.members:
            inner = self.actors.get(member)
            if inner is not None and inner.members:
                out |= self.members(member)
            else:
                out.add(member)
        return frozenset(out)

    def groups_of(self, code: str) -> frozenset[str]:
        """Every group that holds ``code``, directly or through another group."""
        return self._groups.get(code, frozenset())

    def surnames(self) -> dict[str, tuple[PersonEntry, ...]]:
        """Surname -> the people who carry it (for "a surname after the full name")."""
        out: dict[str, list[PersonEntry]] = {}
        for person in self.people.values():
            out.setdefault(person.surname, []).append(person)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _keys(alias: str) -> Iterator[str]:
        text = " ".join(alias.split())
        for suffix in ("'s", "’s", "'", "’"):
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text = text[: -len(suffix)]
                break
        yield text
        if text[:4] in ("the ", "The "):
            yield text[4:]
        else:
            yield "the " + text
        folded = ascii_fold(text)
        if folded != text:
            yield folded

    # -- building -------------------------------------------------------------

    def _add_alias(self, alias: str, entry: AliasEntry, *, source: str, derived: bool = False) -> None:
        for form in _variants(alias, headline=entry.person is None and not derived):
            old = self.aliases.get(form)
            if old is None:
                self.aliases[form] = entry
            elif old != entry and not derived and form == alias and not old.blocked:
                raise ValueError(f"{source}: alias {alias!r} is already {old.codes or old.person}")

    def _load_states(self, data: dict[str, Any]) -> None:
        extra: dict[str, dict[str, Any]] = data["states"]
        for code, spec in extra.items():
            name = spec.get("name")
            if name is None:
                country = pycountry.countries.get(alpha_3=code)
                if country is None:
                    raise ValueError(f"states.yaml: {code} is not in pycountry and has no name")
                name = getattr(country, "common_name", None) or country.name
            self.actors[code] = Actor(code=code, name=name, kind="state")
            rules: dict[str, str] = spec.get("rules", {})
            for key in ("names", "demonyms", "seats", "places"):
                for alias in spec.get(key, []):
                    entry = AliasEntry(codes=(code,), kind="state", rule=rules.get(alias))
                    self._add_alias(str(alias), entry, source=f"states.yaml {code}")
            for demonym in spec.get("demonyms", []):  # "Nigerians", "Ghanaians": the people, as the state
                plural = demonym_plural(str(demonym))
                if plural:
                    entry = AliasEntry(codes=(code,), kind="state", rule=rules.get(demonym))
                    self._add_alias(plural, entry, source=f"states.yaml {code}", derived=True)
        for country in pycountry.countries:
            code = country.alpha_3
            if code not in self.actors:
                name = getattr(country, "common_name", None) or country.name
                self.actors[code] = Actor(code=code, name=name, kind="state")
            rules = extra.get(code, {}).get("rules", {})
            for alias in _pycountry_names(country):
                entry = AliasEntry(codes=(code,), kind="state", rule=rules.get(alias))
                self._add_alias(alias, entry, source="pycountry", derived=True)

    def _load_organisations(self, data: dict[str, Any]) -> None:
        for code, spec in data["actors"].items():
            members = tuple(spec.get("members", ()))
            kind = spec["kind"]
            self.actors[code] = Actor(code=code, name=spec["name"], kind=kind, members=members)
            codes = members if spec.get("expand") else (code,)
            rules: dict[str, str] = spec.get("rules", {})
            locative = tuple(spec.get("locative", ()))
            for alias in spec["aliases"]:
                rule = rules.get(alias)
                entry = AliasEntry(codes=codes, kind=kind, rule=rule,
                                   locative=locative if rule == "locative" else ())
                self._add_alias(str(alias), entry, source=f"organisations.yaml {code}")
        for phrase, candidates in data.get("anaphora", {}).items():
            self.aliases[phrase] = AliasEntry(codes=(), kind="organisation", anaphora=tuple(candidates))

    def _load_people(self, data: dict[str, Any]) -> None:
        by_alias: dict[str, list[PersonEntry]] = {}
        for spec in data["people"]:
            name = spec["name"]
            roles = tuple(PersonRole(code=r[0], role=r[1], start=r[2], end=r[3]) for r in spec["roles"])
            for role in roles:
                if role.code not in self.actors:
                    raise ValueError(f"people.yaml: {name} has unknown code {role.code}")
            aliases = tuple(spec.get("aliases", ()))
            person = PersonEntry(name=name, aliases=aliases,
                                 surname=spec.get("surname") or name.split()[-1], roles=roles)
            if name in self.people:
                raise ValueError(f"people.yaml: {name} twice")
            self.people[name] = person
            for alias in (name, *aliases):
                by_alias.setdefault(alias, []).append(person)
                self._person_keys.setdefault(ascii_fold(alias).casefold(), person)
        for alias, persons in by_alias.items():
            if len(persons) > 1:  # two people, one spelling: it names neither
                continue
            entry = AliasEntry(codes=(), kind="person", person=persons[0])
            self._add_alias(alias, entry, source="people.yaml")

    def _load_blocked(self, data: dict[str, Any]) -> None:
        for key in ("outlets", "non_actors"):
            for phrase in data.get(key, []):
                for form in _variants(str(phrase), headline=True):
                    self.aliases[form] = AliasEntry(codes=(), kind="blocked", blocked=True)

    def _index_groups(self) -> None:
        parents: dict[str, set[str]] = {}
        for code, actor in self.actors.items():
            for member in actor.members:
                parents.setdefault(member, set()).add(code)

        def walk(code: str, seen: frozenset[str]) -> set[str]:
            out: set[str] = set()
            for parent in parents.get(code, ()):
                if parent not in seen:
                    out |= {parent} | walk(parent, seen | {parent})
            return out

        self._groups = {code: frozenset(walk(code, frozenset({code}))) for code in parents}


def _build(files: Iterable[str]) -> Registry:
    registry = Registry()
    loaded = {name: _read(name) for name in files}
    registry.versions = {name: str(data["version"]) for name, data in loaded.items()}
    registry._load_states(loaded["states.yaml"])
    registry._load_organisations(loaded["organisations.yaml"])
    registry._load_people(loaded["people.yaml"])
    registry._load_blocked(loaded["blocked.yaml"])
    roles = loaded["roles.yaml"]
    registry.role_words = RoleWords(
        modifiers=tuple(roles["modifiers"]), titles=tuple(roles["titles"]), bodies=tuple(roles["bodies"])
    )
    registry._index_groups()
    return registry


@functools.cache
def load_registry() -> Registry:
    """The registry built from the packaged data, once per process."""
    return _build(DATA_FILES)
