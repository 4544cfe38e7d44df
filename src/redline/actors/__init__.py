"""Actor codes, names, aliases and groups (FORMAT.md §3), and the resolver that finds them in text."""

from __future__ import annotations

from redline.actors.registry import PersonEntry, PersonRole, Registry, load_registry
from redline.actors.resolver import Resolver

__all__ = ["PersonEntry", "PersonRole", "Registry", "Resolver", "load_registry"]
