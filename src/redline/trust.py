"""How far to trust each claim: corroboration of stored lines and stances, and the optional LLM reader's step.

Helpers of the use cases in :mod:`redline.service` (which re-exports what the CLI needs), kept apart so
that module stays readable: ``corroborate_lines`` / ``corroborate_stances`` add ``independent_sources``,
``admiralty``, ``credibility`` and ``sources`` (see :mod:`redline.sources`) to query results;
``read_with_llm`` asks the model about one document, grounds its answers and merges them with the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from redline.config import Settings
from redline.export.jsonfmt import document_json
from redline.models import Extraction

if TYPE_CHECKING:
    from redline.sources.identify import Identified
    from redline.sources.outlets import SourceList
    from redline.store import Store



def source_list(settings: Settings) -> Any:
    from redline.sources import load_sources

    return load_sources(settings.sources)


# Each open knowledge base's documents, identified once per outlet list: a document's URL, source and
# text never change once stored, so the workbench reads a text's opening once, not at every request.
_IDENTIFIED: WeakKeyDictionary[Store, tuple[SourceList, dict[int, Identified]]] = WeakKeyDictionary()


def _identified(store: Store, sources: SourceList) -> dict[int, Identified]:
    kept = _IDENTIFIED.get(store)
    if kept is None or kept[0] is not sources:  # another outlet list (REDLINE_SOURCES) identifies anew
        kept = _IDENTIFIED[store] = (sources, {})
    return kept[1]


def _corroboration(store: Store, documents_of: dict[Any, list[int]], settings: Settings) -> dict[Any, dict[str, Any]]:
    """``redline.sources.corroborate`` for each claim key, given the ids of the documents stating it."""
    from redline.sources import Report, corroborate
    from redline.sources.identify import ATTRIBUTION_WINDOW
    from redline.store.provenance import document_reports

    sources = source_list(settings)
    seen = _identified(store, sources)  # each document's outlet and credit, identified once
    reports = document_reports(store, {d for ds in documents_of.values() for d in ds}, text_chars=ATTRIBUTION_WINDOW,
                               needs_text=lambda report: report["document_id"] not in seen)
    return {key: corroborate([Report.of(reports[d]) for d in ds if d in reports], sources, seen)
            for key, ds in documents_of.items()}


# A claim no stored document states (it cannot happen in a consistent knowledge base, but reads safely).
NO_SOURCES: dict[str, Any] = {"independent_sources": 0, "admiralty": "F6", "credibility": 6, "sources": []}


def _apply(item: dict[str, Any], found: dict[str, Any] | None, outlets_key: str = "sources") -> None:
    found = found or NO_SOURCES
    item["independent_sources"] = found["independent_sources"]
    item["admiralty"] = found["admiralty"]
    item["credibility"] = found["credibility"]
    item[outlets_key] = found["sources"]


def _line_corroboration(store: Store, ids: Sequence[int], settings: Settings) -> dict[Any, dict[str, Any]]:
    from redline.store.provenance import line_documents

    return _corroboration(store, dict(line_documents(store, ids)), settings)


def corroborate_lines(store: Store, items: list[dict[str, Any]], settings: Settings, *,
                      outlets_key: str = "sources") -> None:
    """Add ``independent_sources``, ``admiralty``, ``credibility`` and the per-outlet list to each line."""
    found = _line_corroboration(store, [int(i["id"]) for i in items], settings) if items else {}
    for item in items:
        _apply(item, found.get(int(item["id"])), outlets_key)


def filtered_lines(store: Store, settings: Settings, *, holder: str | None, since: date | None,
                   limit: int | None, min_sources: int | None, grades: frozenset[str] | None) -> list[dict[str, Any]]:
    """Lines that pass ``--min-sources`` / ``--grade``: corroborated by id first, read in full only when kept."""
    from redline.sources import keep
    from redline.store import queries
    from redline.store.provenance import line_ids

    ids = line_ids(store, holder=holder, since=since)
    found = _line_corroboration(store, ids, settings)
    kept = [i for i in ids if keep(found.get(i, NO_SOURCES), min_sources=min_sources, grades=grades)][:limit]
    items: list[dict[str, Any]] = []
    for start in range(0, len(kept), queries.CHUNK):
        items.extend(queries.lines(store, ids=kept[start:start + queries.CHUNK]))
    for item in items:
        _apply(item, found.get(int(item["id"])))
    return items


def corroborate_stances(store: Store, items: list[dict[str, Any]], settings: Settings) -> None:
    """The same for stance cells (their current position) and stance rows (their own position)."""
    from redline.store.provenance import stance_documents

    if not items:
        return
    wanted = {(i["actor"], int(i["proposal_id"]), i["position"]) for i in items}
    documents_of = stance_documents(store, {(actor, proposal) for actor, proposal, _ in wanted})
    found = _corroboration(store, {k: v for k, v in documents_of.items() if k in wanted}, settings)
    for item in items:
        _apply(item, found.get((item["actor"], int(item["proposal_id"]), item["position"])))


# -- the optional LLM reader ---------------------------------------------------------------------------

READERS: tuple[str, ...] = ("rules", "llm", "both")


@dataclass
class ReaderRun:
    """What the LLM reader did in one `extract` run: requests, tokens, cost, cache hits, what it dropped."""

    documents: int = 0
    requests: int = 0
    retries: int = 0
    cached: int = 0  # documents answered from the cache: nothing sent
    prompt_tokens: int = 0
    completion_tokens: int = 0
    price: tuple[float, float] | None = None
    kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)  # reason → items
    malformed: int = 0  # answers that were not a JSON object
    failed: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, why) when the endpoint gave no answer

    @property
    def cost(self) -> float | None:
        """US dollars, from REDLINE_LLM_PRICE; None (unknown) when no price is set."""
        if self.price is None:
            return None
        return round((self.prompt_tokens * self.price[0] + self.completion_tokens * self.price[1]) / 1e6, 6)

    def as_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "requests": self.requests, "retries": self.retries,
                "cached": self.cached, "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens, "cost_usd": self.cost, "kept": self.kept,
                "dropped": dict(self.dropped), "malformed_answers": self.malformed,
                "failed": [{"doc_id": d, "reason": r} for d, r in self.failed]}


def read_with_llm(x: Extraction, settings: Settings, reader: str, run: ReaderRun, *, transport: Any,
                   sleep: Callable[[float], None] | None) -> tuple[Extraction, dict[str, Any]]:
    """Ask the model about one document (or take its cached answers), ground them, merge with the rules."""
    import time
    from dataclasses import replace as copy_with
    from pathlib import Path

    from redline.actors import load_registry
    from redline.errors import ReaderError
    from redline.extract.grounding import PROMPT_VERSION, Grounded, chunks, combine, ground, messages
    from redline.ingest.chat import AnswerCache, complete

    assert settings.llm is not None
    doc, llm = x.document, settings.llm
    run.documents += 1
    cache = AnswerCache(Path(llm.cache).expanduser())
    key = AnswerCache.key(doc.hash, llm.model, PROMPT_VERSION)
    stretches = chunks(doc)
    answers = cache.get(key)
    warnings: list[str] = []
    if answers is not None and len(answers) == len(stretches):
        run.cached += 1
    else:
        answers = []
        try:
            for start, end in stretches:
                answer = complete(llm, messages(doc, start, end), transport=transport, sleep=sleep or time.sleep)
                run.requests += answer.attempts
                run.retries += answer.attempts - 1
                run.prompt_tokens += answer.prompt_tokens
                run.completion_tokens += answer.completion_tokens
                answers.append(answer.content)
        except ReaderError as e:
            run.failed.append((doc.id, str(e)))
            warnings.append(f"llm reader: {e}")
            answers = None
    grounded = Grounded()
    if answers is not None:
        registry = load_registry()
        for chunk, content in zip(stretches, answers, strict=True):
            ground(doc, content, chunk, registry.is_known, into=grounded)
        if grounded.malformed == 0:
            cache.put(key, answers)  # a malformed answer is asked again next time
    run.malformed += grounded.malformed
    run.kept += len(grounded.redlines) + len(grounded.stances)
    for reason, n in grounded.dropped.items():
        run.dropped[reason] = run.dropped.get(reason, 0) + n
    if grounded.malformed:
        warnings.append(f"llm reader: {grounded.malformed} answer(s) were not JSON; nothing taken from them")
    if grounded.dropped:
        warnings.append(f"llm reader: {sum(grounded.dropped.values())} ungrounded item(s) dropped")
    read = combine(x, grounded, reader)
    out = copy_with(read.extraction, warnings=(*read.extraction.warnings, *warnings))
    data = document_json(out)
    for item, readers in zip(data["redlines"], read.redline_readers, strict=True):
        item["reader"] = list(readers)
    for item, readers in zip(data["stances"], read.stance_readers, strict=True):
        item["reader"] = list(readers)
    return out, data
