"""The packaged outlet list and the user's overrides (REDLINE_SOURCES)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.errors import ConfigError
from redline.sources.outlets import GRADES, KINDS, UNKNOWN_REASON, load_sources, unknown_outlet


def test_every_packaged_outlet_has_a_kind_a_letter_and_a_reason() -> None:
    outlets = load_sources().outlets
    assert len(outlets) > 50
    for o in outlets:
        assert o.kind in KINDS, o
        assert o.grade in GRADES, o
        assert o.reason, o
        assert o.domains, o
    assert {o.kind for o in outlets} == set(KINDS)


def test_a_subdomain_finds_its_outlet_and_the_longest_domain_wins() -> None:
    sources = load_sources()
    assert sources.by_domain("uk.reuters.com").name == "Reuters"  # type: ignore[union-attr]
    assert sources.by_domain("news.yahoo.com").key == "news.yahoo.com"  # type: ignore[union-attr]
    assert sources.by_domain("example.org") is None


def test_names_aliases_and_domains_find_an_outlet_in_any_case() -> None:
    sources = load_sources()
    for name in ("Reuters", "reuters", "the BBC", "tass.com", "Tass"):
        assert sources.by_name(name) is not None, name
    assert sources.by_name("The Daily Nowhere") is None


def test_an_unknown_outlet_is_graded_f_with_the_reason() -> None:
    o = unknown_outlet("blog.example.org")
    assert (o.grade, o.kind, o.reason) == ("F", None, UNKNOWN_REASON)


def test_a_user_file_overrides_a_grade_and_adds_an_outlet(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "outlets:\n"
        "  - {domains: [tass.com], grade: E}\n"
        "  - {domains: [blog.example.org], name: Example Blog, kind: newspaper, grade: C, reason: we checked it}\n",
        encoding="utf-8",
    )
    sources = load_sources(str(path))
    tass = sources.by_domain("tass.com")
    assert tass is not None and (tass.grade, tass.reason, tass.owner) == (
        "E", "set in the REDLINE_SOURCES file", "Government of Russia")
    blog = sources.by_domain("blog.example.org")
    assert blog is not None and (blog.name, blog.grade, blog.reason) == ("Example Blog", "C", "we checked it")
    assert load_sources().by_domain("tass.com").grade == "C"  # type: ignore[union-attr]


@pytest.mark.parametrize(("content", "words"), [
    ("outlets: [{domains: [x.org], grade: Z}]", "grade 'Z'"),
    ("outlets: [{domains: [x.org], kind: blog}]", "kind 'blog'"),
    ("just text", "expected a list"),
    ("outlets: [{{", "not YAML"),
])
def test_a_bad_user_file_fails_with_one_clear_line(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=words) as e:
        load_sources(str(path))
    assert "\n" not in str(e.value)


def test_a_missing_user_file_says_to_fix_the_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="fix the path"):
        load_sources(str(tmp_path / "nope.yaml"))
