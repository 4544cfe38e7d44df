"""The outlets redline knows: the package's data file, plus the user's overrides.

``data/outlets.yaml`` lists news outlets and official sources with a default
Admiralty reliability letter and the reason for it. A file named by
``REDLINE_SOURCES`` (same format) overrides entries field by field (matched on
any domain, else on the name) and adds new ones; its letters win.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from redline.errors import ConfigError

GRADES: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
GRADE_MEANINGS: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
KINDS: tuple[str, ...] = (
    "wire", "newspaper", "broadcaster", "state-controlled", "government", "think tank", "aggregator",
)
UNKNOWN_REASON = "not in the source list: reliability cannot be judged"


@dataclass(frozen=True, slots=True)
class Outlet:
    """One news outlet or official source, with its reliability letter and why."""

    key: str  # its first domain, or its name when it has none
    name: str
    kind: str | None
    grade: str
    reason: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None
    owner: str | None = None

    @property
    def independence_key(self) -> str:
        """Outlets of one owner are one source when corroborating."""
        return f"owner:{self.owner.casefold()}" if self.owner else f"outlet:{self.key}"


def unknown_outlet(key: str) -> Outlet:
    """An outlet the list does not know (a domain or a name as given): graded F, never guessed."""
    return Outlet(key=key, name=key, kind=None, grade="F", reason=UNKNOWN_REASON)


@dataclass(frozen=True, eq=False)
class SourceList:
    """Every known outlet, indexed by domain and by name/alias (case-folded)."""

    outlets: tuple[Outlet, ...]
    version: str = ""
    overrides: str | None = None  # the override file, when one was read
    _by_domain: dict[str, Outlet] = field(default_factory=dict, repr=False)
    _by_name: dict[str, Outlet] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for o in self.outlets:
            for d in o.domains:
                self._by_domain.setdefault(d, o)
            for n in (o.name, *o.aliases):
                self._by_name.setdefault(n.casefold(), o)

    def by_domain(self, host: str) -> Outlet | None:
        """The outlet of a host name: the longest listed domain it ends with (``uk.reuters.com`` → Reuters)."""
        host = host.lower().rstrip(".")
        parts = host.split(".")
        for i in range(len(parts) - 1):
            found = self._by_domain.get(".".join(parts[i:]))
            if found is not None:
                return found
        return None

    def by_name(self, name: str) -> Outlet | None:
        """The outlet called ``name`` (its name, an alias or one of its domains), any case."""
        key = name.strip().casefold()
        if key.startswith("the "):
            return self._by_name.get(key) or self._by_name.get(key[4:]) or self.by_domain(key[4:])
        return self._by_name.get(key) or (self.by_domain(key) if "." in key else None)

    @property
    def aliases(self) -> list[tuple[str, Outlet]]:
        """(alias as written, outlet), longest first: the names text attributions match.

        Only the listed aliases, not the names: "NATO said" is the alliance speaking, not nato.int reporting.
        """
        pairs = {(n, o.key): o for o in self.outlets for n in o.aliases}
        return sorted(((n, o) for (n, _), o in pairs.items()), key=lambda p: (-len(p[0]), p[0]))


def _outlet(entry: Mapping[str, Any], where: str) -> Outlet:
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{where}: each outlet must be a mapping with name, kind, grade and reason")
    domains = tuple(str(d).lower() for d in entry.get("domains") or ())
    name = str(entry.get("name") or (domains[0] if domains else ""))
    if not name:
        raise ConfigError(f"{where}: an outlet needs a name or a domain")
    grade = str(entry.get("grade") or "F").upper()
    if grade not in GRADES:
        raise ConfigError(f"{where}: {name}: grade {grade!r} is not one of {', '.join(GRADES)}")
    kind = entry.get("kind")
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"{where}: {name}: kind {kind!r} is not one of {', '.join(KINDS)}")
    return Outlet(
        key=domains[0] if domains else name, name=name, kind=kind, grade=grade,
        reason=str(entry.get("reason") or ""), domains=domains,
        aliases=tuple(str(a) for a in entry.get("aliases") or ()),
        country=entry.get("country"), owner=entry.get("owner"),
    )


def _entries(data: Any, where: str) -> list[Mapping[str, Any]]:
    if isinstance(data, Mapping):
        data = data.get("outlets")
    if not isinstance(data, list):
        raise ConfigError(f"{where}: expected a list of outlets (or a mapping with `outlets:`)")
    return data


def _override(base: list[Outlet], entries: Iterable[Mapping[str, Any]], where: str) -> list[Outlet]:
    out = list(base)
    for entry in entries:
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{where}: each outlet must be a mapping with name, kind, grade and reason")
        domains = {str(d).lower() for d in entry.get("domains") or ()}
        name = str(entry.get("name") or "").casefold()
        i = next((i for i, o in enumerate(out) if domains & set(o.domains)
                  or (not domains and name and o.name.casefold() == name)), None)
        if i is None:
            out.append(_outlet({"reason": "added in the REDLINE_SOURCES file", **entry}, where))
            continue
        old = out[i]
        merged = {
            "domains": list(old.domains) + sorted(domains - set(old.domains)), "name": old.name,
            "aliases": list(old.aliases), "country": old.country, "kind": old.kind, "owner": old.owner,
            "grade": old.grade, **{k: v for k, v in entry.items() if k != "domains"},
        }
        if "grade" in entry and "reason" not in entry:
            merged["reason"] = "set in the REDLINE_SOURCES file"
        else:
            merged.setdefault("reason", old.reason)
        out[i] = replace(_outlet(merged, where), key=old.key)
    return out


@lru_cache(maxsize=8)
def load_sources(overrides: str | None = None) -> SourceList:
    """The package's outlet list, with the user's file ``overrides`` (a YAML or JSON path) applied."""
    text = files("redline.sources").joinpath("data/outlets.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    outlets = [_outlet(e, "outlets.yaml") for e in _entries(data, "outlets.yaml")]
    if overrides:
        path = Path(overrides)
        try:
            user = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(f"REDLINE_SOURCES={overrides}: cannot read it ({e.strerror}); fix the path or unset it"
                              ) from None
        except yaml.YAMLError as e:
            raise ConfigError(f"REDLINE_SOURCES={overrides}: not YAML or JSON ({e.__class__.__name__}); "
                              "see the README's Sources section for the format") from None
        outlets = _override(outlets, _entries(user, f"REDLINE_SOURCES={overrides}"), f"REDLINE_SOURCES={overrides}")
    return SourceList(tuple(outlets), version=str(data.get("version", "")), overrides=overrides)
