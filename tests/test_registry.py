"""The actor registry: data versions, states, aliases, memberships and people by date."""

from __future__ import annotations

import re
from datetime import date

import pycountry
import pytest

from redline.actors import load_registry
from redline.actors.registry import DATA_FILES, Registry, ascii_fold, demonym_plural


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_load_registry_is_cached() -> None:
    assert load_registry() is load_registry()


def test_every_data_file_has_a_version(registry: Registry) -> None:
    assert set(registry.versions) == set(DATA_FILES)
    for version in registry.versions.values():
        assert re.fullmatch(r"\d{4}\.\d+\.\d+", version)
    assert registry.version == max(registry.versions.values())


def test_every_iso_state_is_known(registry: Registry) -> None:
    for country in pycountry.countries:
        assert registry.is_known(country.alpha_3), country.alpha_3
        assert registry.actor(country.alpha_3).kind == "state"
    assert registry.actor("XKX").name == "Kosovo"
    assert not registry.is_known("XYZ")
    with pytest.raises(KeyError):
        registry.actor("XYZ")


@pytest.mark.parametrize(
    ("alias", "codes"),
    [
        ("Russia", ("RUS",)), ("the Russian Federation", ("RUS",)), ("the UK", ("GBR",)),
        ("Britain", ("GBR",)),
        ("U.S.", ("USA",)), ("America", ("USA",)), ("Türkiye", ("TUR",)), ("Turkey", ("TUR",)),
        ("Turkiye", ("TUR",)), ("Czechia", ("CZE",)), ("Vietnam", ("VNM",)), ("Iran", ("IRN",)),
        ("Gaza", ("PSE",)), ("the West Bank", ("PSE",)), ("Kosovo", ("XKX",)), ("the Kremlin", ("RUS",)),
        ("The Kremlin", ("RUS",)), ("Kremlin's", ("RUS",)), ("IRGC", ("IRN",)), ("the IDF", ("ISR",)),
        ("Quai d’Orsay", ("FRA",)), ("Elysee Palace", ("FRA",)), ("Brussels", ("EU",)),
        ("Hizbollah", ("HEZBOLLAH",)), ("Ansar Allah", ("HOUTHIS",)), ("ISIL", ("ISIS",)),
        ("the Baltic states", ("EST", "LVA", "LTU")), ("The Baltic States", ("EST", "LVA", "LTU")),
        ("the West", ("WEST",)), ("any third party", ("ANY",)), ("French", ("FRA",)),
        ("North Korean", ("PRK",)),
        ("Peskov", ("RUS",)), ("Erdogan", ("TUR",)),
    ],
)
def test_lookup(registry: Registry, alias: str, codes: tuple[str, ...]) -> None:
    assert registry.lookup(alias) == codes


@pytest.mark.parametrize(
    "alias", ["Washington Post", "The Moscow Times", "the alliance", "Congo", "Korea", "Tass"]
)
def test_lookup_gives_none_for_blocked_ambiguous_and_unknown(registry: Registry, alias: str) -> None:
    assert registry.lookup(alias) is None


def test_memberships(registry: Registry) -> None:
    nato = registry.members("NATO")
    assert len(nato) == 32 and {"FIN", "SWE", "TUR", "USA", "MKD"} <= nato
    assert len(registry.members("EU")) == 27 and "GBR" not in registry.members("EU")
    assert registry.members("G7") == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert registry.members("CSTO") == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert {"VNM", "PHL", "IDN"} <= registry.members("ASEAN")
    west = registry.members("WEST")
    assert {"FRA", "USA", "JPN", "KOR", "AUS", "NZL", "AUT", "NOR"} <= west
    assert not {"RUS", "CHN", "IRN", "NATO", "EU"} & west
    assert registry.members("FRA") == frozenset()


def test_groups_of_is_transitive(registry: Registry) -> None:
    assert registry.groups_of("FRA") == {"NATO", "EU", "G7", "WEST"}
    assert registry.groups_of("EST") == {"NATO", "EU", "WEST", "BALTICS"}
    assert registry.groups_of("JPN") >= {"G7", "WEST", "QUAD"}
    assert registry.groups_of("RUS") == {"CSTO"}
    assert registry.groups_of("NATO") == {"WEST"}
    assert registry.groups_of("ISR") == frozenset()


def test_kinds(registry: Registry) -> None:
    assert registry.actor("NATO").kind == "organisation"
    assert registry.actor("HAMAS").kind == "armed_group"
    assert registry.actor("WEST").kind == "group"
    assert registry.actor("ANY").kind == "group"


def test_at_least_150_people_with_known_codes(registry: Registry) -> None:
    assert len(registry.people) >= 150
    for person in registry.people.values():
        assert person.roles
        for role in person.roles:
            assert registry.is_known(role.code), (person.name, role.code)
            assert role.start is None or role.end is None or role.start <= role.end, person.name


def test_person_by_name_alias_and_spelling(registry: Registry) -> None:
    zelensky = registry.person("zelenskyy")
    assert zelensky is not None and zelensky.name == "Volodymyr Zelensky"
    assert registry.person("Recep Tayyip Erdogan") is registry.person("Erdoğan")
    assert registry.person("Radoslaw Sikorski") is registry.person("Radosław Sikorski")
    assert registry.person("John Nobody") is None


def test_person_roles_by_date(registry: Registry) -> None:
    kallas = registry.person("Kaja Kallas")
    assert kallas is not None
    assert kallas.code_at(date(2022, 3, 1)) == "EST"
    assert kallas.code_at(date(2025, 1, 10)) == "EU"
    assert kallas.code_at(date(2024, 9, 1)) == "EST"  # between terms: the last office begun
    assert kallas.code_at(date(2015, 1, 1)) == "EST"  # before the first term: the first office
    assert kallas.code == "EU"  # no date: the most recent office
    stoltenberg = registry.person("Stoltenberg")
    assert stoltenberg is not None
    assert stoltenberg.code_at(date(2024, 2, 28)) == "NATO"
    assert stoltenberg.code_at(date(2025, 6, 1)) == "NOR"
    sharaa = registry.person("Abu Mohammed al-Jolani")
    assert sharaa is not None and sharaa.name == "Ahmed al-Sharaa"
    assert sharaa.code_at(date(2020, 1, 1)) == "HTS" and sharaa.code_at(date(2025, 3, 1)) == "SYR"
    tusk = registry.person("Donald Tusk")
    assert tusk is not None
    assert [tusk.code_at(date(y, 6, 1)) for y in (2010, 2017, 2021, 2024)] == ["POL", "EU", "EU", "POL"]
    assert tusk.role_at(date(2017, 6, 1)).role == "President of the European Council"


def test_lookup_of_a_person_uses_the_date(registry: Registry) -> None:
    assert registry.lookup("Mark Rutte", published=date(2020, 1, 1)) == ("NLD",)
    assert registry.lookup("Mark Rutte", published=date(2025, 1, 1)) == ("NATO",)


def test_ambiguous_surnames_are_not_aliases(registry: Registry) -> None:
    for surname in ("Kim", "Lee", "Wang", "Li", "Johnson", "Sharif", "Austin", "Katz"):
        assert registry.lookup(surname) is None, surname
    assert {p.name for p in registry.surnames()["Kim"]} >= {"Kim Jong Un", "Kim Yo Jong"}


def test_ascii_fold() -> None:
    assert ascii_fold("Erdoğan") == "Erdogan"
    assert ascii_fold("Radosław Łukasz") == "Radoslaw Lukasz"
    assert ascii_fold("Quai d’Orsay") == "Quai d'Orsay"


def test_ascii_fold_returns_ascii_text_untouched() -> None:
    text = "Ministers met in Ottawa on Tuesday"
    assert ascii_fold(text) is text  # no normalising pass over text with nothing to fold


@pytest.mark.parametrize(("demonym", "plural"), [
    ("Ghanaian", "Ghanaians"), ("Iraqi", "Iraqis"), ("Czech", "Czechs"), ("South Korean", "South Koreans"),
    ("Senegalese", None), ("British", None), ("French", None), ("Swiss", None), ("Kyrgyz", None),
    ("US-led", None), ("Frenchman", None), ("Icelandic", None),
])
def test_demonym_plural(demonym: str, plural: str | None) -> None:
    assert demonym_plural(demonym) == plural


def test_a_demonym_plural_names_the_state(registry: Registry) -> None:
    assert registry.lookup("Zimbabweans") == ("ZWE",)
    assert registry.lookup("Senegaleses") is None


def test_the_actor_files_are_read_with_libyaml_when_it_is_there() -> None:
    import yaml

    from redline.actors import registry

    assert registry.SAFE_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert registry._read("roles.yaml") == yaml.safe_load(
        registry.resources.files("redline.actors").joinpath("data", "roles.yaml").read_text(encoding="utf-8"))
