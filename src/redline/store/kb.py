"""The knowledge base: ``Store.open(db)``, then ``add(extraction)`` one document at a time.

Each ``add`` is one transaction (the document, its statements, its events and
the alerts they raise) under the database's write lock (see
:mod:`redline.store.engine`): a document is stored whole or not at all, so a
killed ingest leaves nothing half-written and a re-run skips what it stored
(by content hash) and resumes. Merging decisions come from the pure
:mod:`redline.store.merge`; this module fetches candidates and records them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from redline.embed import Embedder, to_bytes
from redline.errors import StoreError, StoreUnavailable
from redline.models import Document, Evidence, Extraction, RedLine, Stance
from redline.store import merge
from redline.store.anchors import resolved
from redline.store.engine import make_engine, migrate, read_connection, unavailable, write_connection
from redline.store.events import AlertMatcher, add_events, record_alerts
from redline.store.schema import (
    document_bands,
    documents,
)
from redline.store.wording import debated_move, is_anaphoric
from redline.store.writer import Changes, Shift, add_redline, add_search_entry, add_stance, write_evidence

AddStatus = Literal["added", "duplicate", "near_duplicate"]
# Candidates for near-duplicate checks, at most: the best LSH hits are plenty.
MAX_DUPLICATE_CANDIDATES = 50


@dataclass(frozen=True)
class AddResult:
    """What one ``Store.add`` did.

    ``status`` is ``duplicate`` when the same text was stored before (nothing
    added), ``near_duplicate`` when the document was stored and linked to the
    original in ``duplicate_of`` (its statements are not counted as restatements).
    """

    doc_key: str
    document_id: int
    status: AddStatus
    duplicate_of: int | None = None
    new_lines: tuple[int, ...] = ()
    restated_lines: tuple[int, ...] = ()
    linked_lines: tuple[int, ...] = ()
    new_stances: int = 0
    new_proposals: int = 0
    shifts: tuple[Shift, ...] = ()
    alerts: tuple[int, ...] = ()  # alerts raised (or raised to ``crossed``) by this document


def _today_utc() -> datetime:
    return datetime.now(UTC)


EmbedderSource = Callable[[], Embedder | None]


def evidence_text(items: tuple[Evidence, ...]) -> str:
    """The first sentence of a claim's evidence: what its context vector is taken of (one sentence is enough
    to place it, and shorter inputs keep embedding cheap)."""
    return items[0].text if items else ""


def line_context(r: RedLine, document: Document) -> str:
    """What a red line's context vector is taken of: its first evidence sentence, and, when the trigger names
    nothing particular or points back ("if such steps go unanswered"), the sentence before it too, which
    says what the trigger means ("buyers must pay in roubles")."""
    sentence = evidence_text(r.evidence)
    if not r.evidence or not (merge.is_generic(r.trigger.text) or is_anaphoric(r.trigger.text)):
        return sentence
    before = next((s.text for s in document.sentences if s.index == r.evidence[0].sentence - 1), "")
    return f"{before} {sentence}" if before else sentence


def _texts_to_embed(extraction: Extraction) -> list[str]:
    """The texts linking compares by meaning, once each: triggers and their context, proposals, the sentences of
    the events matching reads."""
    texts = [r.trigger.text for r in extraction.redlines]
    texts += [line_context(r, extraction.document) for r in extraction.redlines]
    texts += proposal_inputs(extraction)
    # A denied event is matched against no line (monitor.match reads occurred, decided, planned, considered),
    # and an event with no known actor never by meaning (it meets only a trigger open to anyone, by its class):
    # neither sentence is embedded.
    texts += [evidence_text(e.evidence) for e in extraction.events if e.status != "denied" and e.actors]
    return list(dict.fromkeys(t for t in texts if t))


def _embedding_inputs(extraction: Extraction) -> dict[str, str]:
    """Each text linking compares by meaning, and what is embedded for it.

    Proposals are embedded in the synonym map's words ("boots on the ground" → troops), the rest as
    written. On the training set (scripts/fit_links.py) that raised proposal F1 from 0.43 to 0.46;
    doing the same to triggers lowered red-line F1 from 0.57 to 0.
    """
    lead = document_lead(extraction.document)
    proposals = {s.proposal for s in extraction.stances if proposal_input(s, lead) == s.proposal}
    proposals |= {a.proposal for a in resolved(extraction.stances, extraction.document) if a}
    return {t: (debated_move(t) or merge.normalise(t) or t) if t in proposals else t
            for t in _texts_to_embed(extraction)}


def document_lead(document: Document) -> str:
    """What an article is about, in its own words: its title, else its first sentence (a headline or a lead)."""
    if document.title:
        return document.title
    return document.sentences[0].text if document.sentences else ""


def proposal_input(stance: Stance, lead: str = "") -> str:
    """What a stance's proposal is embedded from: its text, or, when the text names nothing particular ("the
    resolution", "the deal"), its sentence after the article's ``lead`` (:func:`document_lead`): two such texts
    are the same words for different things, and votes reported voter by voter read alike whatever was voted
    on; the headline says what it was."""
    if merge.is_generic(stance.proposal) and stance.evidence:
        sentence = evidence_text(stance.evidence)
        return f"{lead}: {sentence}" if lead and lead not in sentence else sentence
    return stance.proposal


def proposal_inputs(extraction: Extraction) -> list[str]:
    """What each stance's proposal is embedded from: :func:`proposal_input`, or, for a stance that does not say
    which move it is about, its article's anchor's wording (:mod:`redline.store.anchors`)."""
    lead = document_lead(extraction.document)
    anchors = resolved(extraction.stances, extraction.document)
    return [a.proposal if a is not None else proposal_input(s, lead)
            for s, a in zip(extraction.stances, anchors, strict=True)]


def embedding_vectors(embedder: Embedder | None, extractions: Sequence[Extraction]) -> list[dict[str, bytes]]:
    """Each document's texts to link by meaning and their stored vectors (empty without a model), all the
    documents' texts in one call to ``embedder``; an ingest worker runs it beside extraction."""
    if embedder is None:
        return [{} for _ in extractions]
    inputs = [_embedding_inputs(x) for x in extractions]
    unique = list(dict.fromkeys(i for m in inputs for i in m.values()))
    stored = {i: to_bytes(v) for i, v in zip(unique, embedder.embed(unique), strict=True)}
    return [{t: stored[i] for t, i in m.items()} for m in inputs]


class Store:
    """A knowledge base on SQLite or PostgreSQL. Open with :meth:`open`; close (or use ``with``).

    With a ``matcher``, every ``add`` also checks events against red lines and stores the alerts.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        groups_of: merge.GroupsOf | None = None,
        near_duplicate_threshold: float = merge.NEAR_DUPLICATE_JACCARD,
        matcher: AlertMatcher | None = None,
        embedder: EmbedderSource | None = None,
    ) -> None:
        self.engine = engine
        self.groups_of = groups_of
        self.near_duplicate_threshold = near_duplicate_threshold
        self.matcher = matcher
        # Loaded on the first add only: reading a knowledge base needs no model.
        self._embedder_source = embedder
        self._embedder: Embedder | None = None

    def vectors(self, extraction: Extraction) -> dict[str, bytes]:
        """The stored form of each text's vector (empty without a model): embedded once, at ingest."""
        return self.vectors_of([extraction])[0]

    def vectors_of(self, extractions: Sequence[Extraction]) -> list[dict[str, bytes]]:
        """:meth:`vectors` of several documents in one call to the model: sorted by length across all of
        them, the batches pad less (on the development texts 9.5 s against 11.7 s one document at a time)."""
        if self._embedder_source is not None:
            self._embedder, self._embedder_source = self._embedder_source(), None
        return embedding_vectors(self._embedder, extractions)

    @classmethod
    def open(
        cls,
        db: str,
        *,
        groups_of: merge.GroupsOf | None = None,
        near_duplicate_threshold: float = merge.NEAR_DUPLICATE_JACCARD,
        matcher: AlertMatcher | None = None,
        embedder: EmbedderSource | None = None,
    ) -> Store:
        """Open (creating if needed) the knowledge base ``db``, a file path or an SQLAlchemy URL,
        and bring its schema up to date."""
        engine = make_engine(db)
        try:
            migrate(engine)
        except (SQLAlchemyError, OSError) as e:
            engine.dispose()
            raise _failure(f"cannot open the knowledge base {db}", e) from None
        return cls(
            engine,
            groups_of=groups_of,
            near_duplicate_threshold=near_duplicate_threshold,
            matcher=matcher,
            embedder=embedder,
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction, for :mod:`redline.store.queries`; database errors become StoreError."""
        try:
            with read_connection(self.engine) as conn:
                yield conn
        except SQLAlchemyError as e:
            raise _failure("cannot read the knowledge base", e) from None

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction under the write lock; database errors become StoreError."""
        try:
            with write_connection(self.engine) as conn:
                yield conn
        except SQLAlchemyError as e:
            raise _failure("cannot write to the knowledge base", e) from None

    def has_document(self, text_hash: str) -> bool:
        """Whether a document with this content hash is stored."""
        with self.reading() as conn:
            return conn.scalar(select(documents.c.id).where(documents.c.hash == text_hash)) is not None

    def stored_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Those of ``hashes`` that a stored document has (one query)."""
        if not hashes:
            return set()
        with self.reading() as conn:
            return set(conn.scalars(select(documents.c.hash).where(documents.c.hash.in_(set(hashes)))))

    # -- adding ---------------------------------------------------------------------------------------

    def add(
        self, extraction: Extraction, *, signature: bytes | None = None, ingested: datetime | None = None
    ) -> AddResult:
        """Store one document and what was extracted from it, in one transaction.

        ``signature`` is the document's MinHash signature (``redline.ingest.dedup.signature``):
        with it, a syndicated copy of a stored document is linked to it.
        Raises StoreError when an evidence text is not the document's text at its span.
        """
        _check_evidence(extraction)
        when = ingested or _today_utc()
        vectors = self.vectors(extraction)
        with self.writing() as conn:
            return self._write(conn, extraction, signature, when, vectors)

    def add_batch(
        self, items: Sequence[tuple[Extraction, bytes | None]], *, ingested: datetime | None = None,
        vectors: Sequence[dict[str, bytes]] | None = None,
    ) -> list[AddResult | StoreError]:
        """Store several documents, each with its MinHash signature, in one transaction.

        Each document is still whole or absent: the batch commits together, so a killed
        ingest loses at most the batch it was writing, and a re-run writes it again (the
        stored ones are skipped by content hash). A document whose evidence is off its
        span is refused with its StoreError in its place; when the database fails part
        way, the batch is rolled back and written again one document per transaction, so
        only the document that fails is refused. ``vectors``, one per item, are what
        :func:`embedding_vectors` gives (computed by ingest workers); without them the batch is embedded here.
        """
        if vectors is not None and len(vectors) != len(items):
            raise ValueError(f"{len(vectors)} vector maps for {len(items)} documents")
        when = ingested or _today_utc()
        out: list[AddResult | StoreError | None] = []
        for x, _sig in items:
            try:
                _check_evidence(x)
                out.append(None)
            except StoreError as e:
                out.append(e)
        todo = [(i, x, sig) for i, ((x, sig), res) in enumerate(zip(items, out, strict=True)) if res is None]
        # embedded before the write lock is taken, all the batch's texts in one call
        if vectors is None:
            by_item = dict(zip([i for i, _, _ in todo], self.vectors_of([x for _, x, _ in todo]), strict=True))
        else:
            by_item = {i: vectors[i] for i, _, _ in todo}
        try:
            with self.writing() as conn:
                written = [(i, self._write(conn, x, sig, when, by_item[i])) for i, x, sig in todo]
        except StoreUnavailable:
            raise  # the database itself failed: every later document would too
        except StoreError:
            written = []
            for i, x, sig in todo:
                try:
                    with self.writing() as conn:
                        written.append((i, self._write(conn, x, sig, when, by_item[i])))
                except StoreUnavailable:
                    raise
                except StoreError as e:
                    out[i] = e
        for i, result in written:
            out[i] = result
        return [r for r in out if r is not None]

    def _write(self, conn: Connection, extraction: Extraction, signature: bytes | None,
               when: datetime, vectors: dict[str, bytes]) -> AddResult:
        """Write one document inside the caller's write transaction."""
        doc = extraction.document
        existing = conn.scalar(select(documents.c.id).where(documents.c.hash == doc.hash))
        if existing is not None:
            return AddResult(doc.id, existing, "duplicate")
        original, score = self._near_duplicate(conn, signature) if signature else (None, None)
        seen = doc.published  # unknown stays unknown: never the day it was ingested
        doc_row = conn.execute(
            insert(documents)
            .values(
                doc_key=doc.id,
                hash=doc.hash,
                url=doc.url,
                title=doc.title,
                source=doc.source,
                published=doc.published,
                ingested=when,
                seen=seen,
                text=doc.text,
                minhash=signature,
                duplicate_of=original,
                duplicate_score=score,
            )
            .returning(documents.c.id)
        ).scalar_one()
        if signature:
            bands = merge.lsh_bands(merge.signature_values(signature))
            conn.execute(insert(document_bands), [{"band": b, "document_id": doc_row} for b in bands])
        add_search_entry(conn, "document", doc_row, None, "\n".join(x for x in (doc.title, doc.text) if x))
        changes = Changes()
        counted = original is None
        for ordinal, r in enumerate(extraction.redlines):
            add_redline(
                conn, self.groups_of, doc_row, seen, ordinal, r, counted, changes,
                vectors.get(r.trigger.text), vectors.get(line_context(r, doc)),
            )
        # the article's setting of any troops it debates
        peace_force = merge.about_peace_force(doc.text)
        inputs = proposal_inputs(extraction)
        # a stance resolved to its article's anchor after the others, so the anchor's own proposal (its wording,
        # its match in other articles) is the one it joins
        anchors = resolved(extraction.stances, doc)
        for ordinal in sorted(range(len(inputs)), key=lambda k: anchors[k] is not None):
            s, said = extraction.stances[ordinal], inputs[ordinal]
            anchor = anchors[ordinal]
            add_stance(conn, self.groups_of, doc_row, seen, ordinal, s, counted, changes,
                       vectors.get(said), peace_force, doc_key=doc.id,
                       anchor=anchor.proposal if anchor is not None else None)
        write_evidence(conn)  # the statements' evidence, before the alerts read the lines' sentences
        # A copy's events are the original's: stored with it, but they raise no second alert.
        add_events(conn, doc_row, seen, extraction.events, counted,
                   [vectors.get(evidence_text(e.evidence)) for e in extraction.events])
        raised: tuple[int, ...] = ()
        if self.matcher is not None:
            touched = [*changes.new_lines, *changes.reshaped]  # a line as it was has met every older event
            raised = record_alerts(conn, self.matcher, doc_row, touched, when)
        return AddResult(
            doc.id,
            doc_row,
            "near_duplicate" if original else "added",
            original,
            tuple(dict.fromkeys(changes.new_lines)),
            tuple(dict.fromkeys(changes.restated)),
            tuple(dict.fromkeys(changes.linked)),
            changes.new_stances,
            changes.new_proposals,
            tuple(changes.shifts),
            raised,
        )

    def _near_duplicate(self, conn: Connection, signature: bytes) -> tuple[int | None, float | None]:
        values = merge.signature_values(signature)
        bands = merge.lsh_bands(values)
        hits = conn.execute(
            select(document_bands.c.document_id, func.count().label("n"))
            .where(document_bands.c.band.in_(bands))
            .group_by(document_bands.c.document_id)
            .order_by(func.count().desc(), document_bands.c.document_id)
            .limit(MAX_DUPLICATE_CANDIDATES)
        ).all()
        best: tuple[int | None, float | None] = (None, None)
        ids = [doc_id for doc_id, _n in hits]
        rows = {r.id: r for r in conn.execute(  # the candidates' signatures in one query, compared in hit order
            select(documents.c.id, documents.c.minhash, documents.c.duplicate_of).where(documents.c.id.in_(ids))
        )} if ids else {}
        for doc_id in ids:
            row = rows[doc_id]
            score = merge.estimate_jaccard(values, merge.signature_values(row.minhash))
            if score >= self.near_duplicate_threshold and (best[1] is None or score > best[1]):
                # Link to the first copy stored, not to another copy.
                best = (row.duplicate_of or doc_id, score)
        return best


def _check_evidence(extraction: Extraction) -> None:
    text = extraction.document.text
    items = [
        *(e for r in extraction.redlines for e in r.evidence),
        *(e for s in extraction.stances for e in s.evidence),
        *(e for ev in extraction.events for e in ev.evidence),
    ]
    for e in items:
        if e.span.end > len(text) or text[e.span.start : e.span.end] != e.text:
            raise StoreError(
                f"{extraction.document.id}: evidence {e.text[:60]!r} is not the document's text at "
                f"[{e.span.start}, {e.span.end}); not stored"
            )


def _failure(action: str, e: BaseException) -> StoreError:
    """StoreUnavailable (with what to do) when the database is down, full, read-only, locked or damaged."""
    return unavailable(action, _reason(e)) or StoreError(f"{action}: {_reason(e)}")


def _reason(e: BaseException) -> str:
    if isinstance(e, DBAPIError) and e.orig is not None:
        return str(e.orig).strip().splitlines()[0]
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
