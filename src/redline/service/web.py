"""The workbench's use cases (``redline serve``): pages of the knowledge base, one document's spans, the matrix.

Re-exported by :mod:`redline.service`, the one surface the adapters import. Reading
functions take a store opened once by :func:`redline.service.open_store` (the web app
keeps one for its lifetime); each returns JSON-ready dicts in the shapes of the CLI's
``--json``. A page is ``{"total", "limit", "offset", "items"}``.
"""

from __future__ import annotations

import io
import json
import re
import weakref
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from redline import trust
from redline.config import Settings

if TYPE_CHECKING:
    from redline.actors import Resolver
    from redline.store import Store

_T = TypeVar("_T")

__all__ = [
    "ACTOR_GROUPS",
    "SPAN_KINDS",
    "alerts_page",
    "document_view",
    "documents_page",
    "events_page",
    "graph_data",
    "ingest_text",
    "ingest_url",
    "line_page",
    "lines_page",
    "overview",
    "proposals_page",
    "search_page",
    "stance_cell",
    "stance_matrix",
    "stances_page",
    "warm_up",
    "whatif_cascade",
]

# The actor groups the stance matrix can be filtered by (codes of the actor registry).
ACTOR_GROUPS: tuple[str, ...] = ("NATO", "EU", "G7", "CSTO", "ASEAN", "QUAD", "NORDICS", "BALTICS", "V4")
# What a document view highlights, in the order a highlight over several kinds shows them.
SPAN_KINDS: tuple[str, ...] = ("redline", "stance", "event", "actor")
_WORD = re.compile(r"\w+")


def warm_up(settings: Settings) -> None:
    """Load what the pages read at every request (the actor registry, the outlet list) before the first one."""
    from redline.actors import load_registry

    load_registry()
    trust.source_list(settings)


def _page(total: int, items: list[dict[str, Any]], limit: int | None, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _check_window(limit: int | None, offset: int) -> None:
    from redline.errors import ConfigError

    if limit is not None and limit < 1:
        raise ConfigError(f"limit must be at least 1, not {limit}")
    if offset < 0:
        raise ConfigError(f"offset must be 0 or more, not {offset}")


def lines_page(store: Store, settings: Settings, *, holder: str | None = None, party: str | None = None,
               action: str | None = None, since: date | None = None, until: date | None = None, text: str | None = None,
               limit: int | None = 20, offset: int = 0) -> dict[str, Any]:
    """Consolidated red lines, newest first, filtered (``redline.store.browse.lines_page``)."""
    from redline.store import browse

    _check_window(limit, offset)
    total, items = browse.lines_page(store, holder=holder, party=party, action=action, since=since, until=until,
                                     text_=text, limit=limit, offset=offset)
    trust.corroborate_lines(store, items, settings)
    return _page(total, items, limit, offset)


def line_page(store: Store, settings: Settings, line_id: int) -> dict[str, Any]:
    """One red line as ``redline show --json`` prints it."""
    from redline.service.browse import _corroborated_line

    return _corroborated_line(store, line_id, settings)


def _group_members(group: str | None) -> set[str] | None:
    from redline.actors import load_registry
    from redline.errors import ConfigError

    if not group:
        return None
    code = group.upper()
    registry = load_registry()
    if not registry.is_known(code) or not registry.members(code):
        raise ConfigError(f"unknown actor group {group!r}; use one of {', '.join(ACTOR_GROUPS)}")
    return {code, *registry.members(code)}


def stances_page(store: Store, settings: Settings, *, proposal: str | None = None, actor: str | None = None,
                 group: str | None = None, limit: int | None = 200, offset: int = 0) -> dict[str, Any]:
    """Stance-matrix cells as ``redline stances --json`` prints them; ``group`` keeps its members' cells."""
    from redline.store import browse

    _check_window(limit, offset)
    total, items = browse.cells_page(store, proposal=proposal, actor=actor, actors=_group_members(group),
                                     limit=limit, offset=offset)
    trust.corroborate_stances(store, items, settings)
    return _page(total, items, limit, offset)


def stance_matrix(store: Store, *, proposal: str | None = None, group: str | None = None) -> dict[str, Any]:
    """The whole matrix for the heatmap: its ``actors`` and ``proposals`` (axes) and one cell per pair stated.

    Cells are light (``redline.store.browse.matrix_cells``: position, shift, dates, count; no history
    nor evidence, which :func:`stance_cell` gives).
    """
    from redline.store import browse

    cells, proposals = browse.matrix_cells(store, proposal=proposal, actors=_group_members(group))
    return {
        "group": group.upper() if group else None,
        "proposal": proposal,
        "actors": sorted({c["actor"] for c in cells}),
        "proposals": [{"id": i, "text": t} for i, t in sorted(proposals.items())],
        "cells": cells,
    }


def stance_cell(store: Store, proposal_id: int, actor: str) -> dict[str, Any]:
    """One matrix cell with its latest evidence and its history."""
    from redline.errors import NotFound
    from redline.store import browse

    _, cells = browse.cells_page(store, actor=actor, limit=None)
    found = next((c for c in cells if c["proposal_id"] == proposal_id), None)
    if found is None:
        raise NotFound(f"no stance of {actor!r} on proposal #{proposal_id}; /api/stances lists them")
    return found


def proposals_page(store: Store, *, text: str | None = None, limit: int | None = 50,
                   offset: int = 0) -> dict[str, Any]:
    """Proposals as ``redline proposals --json`` prints them (``redline.store.proposals``), most recent first."""
    from redline.store.proposals import proposal_page

    _check_window(limit, offset)
    total, records = proposal_page(store, text=text, limit=limit, offset=offset)
    return _page(total, records, limit, offset)


def alerts_page(store: Store, *, status: str | None = None, since: date | None = None, limit: int | None = 50,
                offset: int = 0) -> dict[str, Any]:
    """Alerts as ``redline alerts --json`` prints them, newest event first."""
    from redline.errors import ConfigError
    from redline.service.browse import ALERT_STATUSES
    from redline.store import browse

    _check_window(limit, offset)
    if status is not None and status not in ALERT_STATUSES:
        raise ConfigError(f"unknown alert status {status!r}; use {' or '.join(ALERT_STATUSES)}")
    total, items = browse.alerts_page(store, since=since, status=status, limit=limit, offset=offset)
    return _page(total, items, limit, offset)


def events_page(store: Store, *, actor: str | None = None, action: str | None = None, status: str | None = None,
                since: date | None = None, until: date | None = None, limit: int | None = 50,
                offset: int = 0) -> dict[str, Any]:
    """Stored events, the newest first, with the alerts each raised."""
    from redline.store import browse

    _check_window(limit, offset)
    total, items = browse.events_page(store, actor=actor, action=action, status=status, since=since, until=until,
                                      limit=limit, offset=offset)
    return _page(total, items, limit, offset)


def documents_page(store: Store, *, text: str | None = None, source: str | None = None, since: date | None = None,
                   until: date | None = None, limit: int | None = 50, offset: int = 0) -> dict[str, Any]:
    """Stored documents, the newest first, with how many red lines, stances and events each holds."""
    from redline.store import browse

    _check_window(limit, offset)
    total, items = browse.documents_page(store, text_=text, source=source, since=since, until=until, limit=limit,
                                         offset=offset)
    return _page(total, items, limit, offset)


@lru_cache(maxsize=1)
def _resolver() -> Resolver:
    from redline.actors import Resolver

    return Resolver()


def _spans(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every highlighted stretch: {kind, item (its id in the page), start, end, text, label}, by start."""
    out: list[dict[str, Any]] = []

    def add(kind: str, item: str, evidence: list[dict[str, Any]], label: str) -> None:
        for e in evidence:
            start, end = e["span"]
            out.append({"kind": kind, "item": item, "start": start, "end": end, "text": e["text"], "label": label})

    for r in doc["redlines"]:
        add("redline", f"redline-{r['statement_id']}", r["evidence"],
            f"red line #{r['line_id']} held by {', '.join(r['holder'])}")
    for s in doc["stances"]:
        add("stance", f"stance-{s['statement_id']}", s["evidence"], f"{s['actor']} {s['position']}: {s['proposal']}")
    for e in doc["events"]:
        add("event", f"event-{e['id']}", e["evidence"],
            f"{', '.join(e['actors'])} {e['action']} {', '.join(e['targets'])} ({e['status']})")
    for i, m in enumerate(doc["actors"]):
        add("actor", f"actor-{i}", [{"span": m["span"], "text": m["text"]}], ", ".join(m["codes"]))
    out.sort(key=lambda s: (s["start"], -s["end"], SPAN_KINDS.index(s["kind"])))
    return out


def document_view(store: Store, doc_id: str) -> dict[str, Any]:
    """One document, its text and every span extracted from it, for the highlighted view.

    ``redline.store.browse.document`` plus ``actors`` (the actor gazetteer's mentions
    [{``codes``, ``text``, ``span``}], found again in the stored text: mentions are not stored)
    and ``spans``, every red line, stance, event and actor span as {``kind``, ``item``,
    ``start``, ``end``, ``text``, ``label``}; ``text[start:end] == text`` for each.
    """
    from redline.store import browse

    doc = browse.document(store, doc_id)
    published = date.fromisoformat(doc["published"]) if doc["published"] else None
    doc["actors"] = [{"codes": list(m.codes), "text": m.text, "span": [m.span.start, m.span.end]}
                     for m in _resolver().find(doc["text"], published=published)]
    doc["spans"] = _spans(doc)
    return doc


def search_page(store: Store, text: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """``redline search --json`` hits, best first, with how many entries match in all."""
    from redline.store import browse, queries

    _check_window(limit, offset)
    hits = queries.search(store, text, limit=limit + offset)[offset:]
    return _page(browse.search_total(store, _WORD.findall(text)), hits, limit, offset)


def overview(store: Store) -> dict[str, Any]:
    """Counts, the newest alerts, the most restated lines and what changed in the newest week."""
    from redline.store import browse
    from redline.store.alerts import alerts

    return {"counts": browse.totals(store), "alerts": alerts(store, limit=5),
            "most_restated": browse.most_restated(store), "week": browse.week(store)}


def ingest_text(settings: Settings, text: str, *, doc_id: str | None = None, title: str | None = None,
                url: str | None = None, published: date | None = None,
                source: str | None = None) -> dict[str, Any]:
    """Ingest one article given as text (read as a JSON article would be); ``redline ingest --json``'s summary."""
    from redline.service.ingest import ingest

    record = {"text": text, "id": doc_id, "title": title, "url": url, "source": source,
              "published": published.isoformat() if published else None}
    data = json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False).encode("utf-8")
    return _stored_or_error(ingest(["-"], settings, stdin=io.BytesIO(data)).as_json())


def ingest_url(settings: Settings, url: str, *, allow_private: bool = False, transport: Any = None) -> dict[str, Any]:
    """Fetch and ingest an article or feed URL, through the same private-address guard as the CLI."""
    from redline.errors import ConfigError
    from redline.service.ingest import _is_url, ingest

    if not _is_url(url):
        raise ConfigError(f"{url!r} is not an http(s) URL")
    return _stored_or_error(ingest([url], settings, allow_private=allow_private, transport=transport).as_json())


def _stored_or_error(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary; an InputError naming the reason when the one input given was skipped (not as a duplicate)."""
    from redline.errors import InputError

    failed = [s for s in summary["skipped"] if "already" not in s["reason"]]
    if not summary["stored"] and failed:
        raise InputError(failed[0]["input"], failed[0]["reason"])
    return summary


@lru_cache(maxsize=2)
def _model(name: str) -> Any:
    from redline.extract.nlp import load_model

    return load_model(name)


# Derived from every red line, read again only when a statement is stored: {store: {what: (version, value)}}.
_DERIVED: weakref.WeakKeyDictionary[Any, dict[str, tuple[tuple[int, int], Any]]] = weakref.WeakKeyDictionary()


def _derived(store: Store, what: str, build: Callable[[], _T]) -> _T:
    """``build()``, kept for ``store`` until a statement is stored (what-if and the graph read every line)."""
    from redline.store import browse

    version = browse.lines_version(store)
    kept = _DERIVED.setdefault(store, {})
    if what not in kept or kept[what][0] != version:
        kept[what] = (version, build())
    value: _T = kept[what][1]
    return value


def _matching_lines(store: Store) -> list[dict[str, Any]]:
    from redline.store.events import matching_lines

    return _derived(store, "lines", lambda: matching_lines(store))


def _cascade_lines(store: Store) -> list[Any]:
    """The lines compiled for matching, without their sentences: a hypothetical move has none to share."""
    from redline.monitor.match import CompiledLine

    return _derived(store, "cascade", lambda: [CompiledLine.of({**line, "statements": []})
                                               for line in _matching_lines(store)])


@lru_cache(maxsize=1)
def _groups() -> Any:
    from redline.actors import load_registry
    from redline.monitor.match import Groups

    return Groups(load_registry())


def whatif_cascade(store: Store, settings: Settings, text: str | None = None, *, actor: str | None = None,
                   action: str | None = None, targets: tuple[str, ...] = (), depth: int = 3) -> list[dict[str, Any]]:
    """:func:`redline.service.whatif` over ``store``: the text parsed with a language model loaded once,
    the lines read once until the knowledge base changes."""
    from redline.escalation.whatif import parse_whatif, whatif_compiled
    from redline.service.whatif import _whatif_json, _whatif_move

    text = text if text and text.strip() else None
    who, what, whom = _whatif_move(text, actor, action, targets, depth,
                                   lambda said: parse_whatif(said, _resolver(), _model(settings.spacy_model)))
    nodes = whatif_compiled(who, what, whom, _cascade_lines(store), _groups(), depth=depth)
    evidence = _derived(store, "evidence", lambda: {int(line["id"]): list(line["statements"])
                                                    for line in _matching_lines(store)})
    return [_whatif_json(n, evidence) for n in nodes]


def graph_data(store: Store) -> dict[str, Any]:
    """The red-line graph as ``redline graph --format json`` writes it: {"nodes", "edges"}."""
    from redline.escalation.graph import red_line_graph, to_json

    data: dict[str, Any] = _derived(store, "graph", lambda: json.loads(to_json(red_line_graph(_matching_lines(store)))))
    return data
