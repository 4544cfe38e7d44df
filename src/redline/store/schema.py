"""The knowledge base's tables (SQLAlchemy Core), the single source the migrations follow.

::

    documents ─┬─< statements >── evidence (one row per evidence span)
               │      │  ├── redlines (consolidated) ─< redline_holders
               │      │  └── stances (actor × proposal × document) ──> proposals
               ├─< document_bands (MinHash LSH bands, for near-duplicates)
               └─< search_entries (full text; FTS5 / tsvector index on top)
    stance_cells: the actor × proposal matrix (latest position), kept up to date on every add
    proposal_wordings: each proposal's distinct wordings and how many stance statements use each
    actors: every code seen, with first and last dates
    documents ─< events ─< event_evidence;  alerts: (redline, event) pairs that cross or near a line

Code lists (holders, trigger actors, targets) are stored as comma-joined sorted
codes; the ones queried by code have their own table (``redline_holders``).
A new feature adds its tables in a new Alembic revision under ``migrations/versions``.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

CODE = String(40)
CODES = String(400)
ACTION = String(16)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_key", String(300), nullable=False, index=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("source", String(300)),
    Column("published", Date),
    Column("ingested", DateTime(timezone=True), nullable=False),
    # The date the document speaks for: its publication date; NULL when unknown (never the ingest day).
    Column("seen", Date),
    Column("text", Text, nullable=False),
    Column("minhash", LargeBinary),
    Column("duplicate_of", Integer, ForeignKey("documents.id"), index=True),
    Column("duplicate_score", Float),
)

document_bands = Table(
    "document_bands",
    metadata,
    Column("band", String(48), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Index("ix_document_bands_band", "band", "document_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("code", CODE, primary_key=True),
    Column("first_seen", Date),
    Column("last_seen", Date),
    Column("statements", Integer, nullable=False, default=0),
)

redlines = Table(
    "redlines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("holder", CODES, nullable=False),
    Column("speaker", String(200)),
    Column("trigger_actors", CODES, nullable=False, default=""),
    Column("trigger_action", ACTION, nullable=False),
    Column("trigger_targets", CODES, nullable=False, default=""),
    Column("trigger_text", Text, nullable=False),
    Column("consequence_action", ACTION, nullable=False),
    Column("consequence_targets", CODES, nullable=False, default=""),
    Column("consequence_text", Text, nullable=False),
    Column("certainty", String(8), nullable=False),
    Column("explicit", Boolean, nullable=False, default=False),
    Column("first_seen", Date),
    Column("last_seen", Date, index=True),
    # Statements counted as (re)statements: syndicated copies are linked but not counted.
    Column("statement_count", Integer, nullable=False, default=0),
    Column("trigger_vector", LargeBinary),  # MiniLM vector of trigger_text (redline.embed), when installed
    Column("context_vector", LargeBinary),  # MiniLM vector of the first statement's first evidence sentence
)

redline_holders = Table(
    "redline_holders",
    metadata,
    Column("code", CODE, primary_key=True),
    Column("redline_id", Integer, ForeignKey("redlines.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_redline_holders_redline_id", "redline_id"),
)

proposals = Table(
    "proposals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("action", ACTION),
    Column("targets", CODES, nullable=False, default=""),
    Column("first_seen", Date),
    Column("last_seen", Date),
    Column("vector", LargeBinary),  # MiniLM vector of text
    # whether its first article is about a force to keep a peace (merge.compare_proposals); NULL: not known
    Column("peace_force", Boolean),
    Index("ix_proposals_action", "action"),
)

stances = Table(
    "stances",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("actor", CODE, nullable=False),
    Column("proposal_id", Integer, ForeignKey("proposals.id"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", String(12), nullable=False),
    Column("seen", Date),
    Column("counted", Boolean, nullable=False, default=True),
    Index("ix_stances_cell", "proposal_id", "actor", "seen", "id"),
    Index("ix_stances_document_id", "document_id"),
)

stance_cells = Table(
    "stance_cells",
    metadata,
    Column("actor", CODE, primary_key=True),
    Column("proposal_id", Integer, ForeignKey("proposals.id"), primary_key=True),
    Column("position", String(12), nullable=False),
    Column("previous", String(12)),
    Column("changed", Date),
    Column("first_seen", Date),
    Column("last_seen", Date),
    Column("count", Integer, nullable=False),
    Column("latest_stance_id", Integer, ForeignKey("stances.id")),
    Column("history", Text, nullable=False),  # JSON: runs of equal positions, oldest first
    Index("ix_stance_cells_actor", "actor"),
    Index("ix_stance_cells_last_seen", "last_seen"),
)

# Counted when each stance statement is written, so listing proposals never scans the statements.
proposal_wordings = Table(
    "proposal_wordings",
    metadata,
    Column("proposal_id", Integer, ForeignKey("proposals.id"), primary_key=True),
    Column("wording", Text, primary_key=True),
    Column("count", Integer, nullable=False),
    Column("first_statement_id", Integer, nullable=False),  # orders wordings of equal count
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(8), nullable=False),  # "redline" | "stance"
    Column("ordinal", Integer, nullable=False),  # its index in the document's extraction
    Column("redline_id", Integer, ForeignKey("redlines.id")),
    Column("stance_id", Integer, ForeignKey("stances.id")),
    Column("holder", CODES, nullable=False),
    Column("speaker", String(200)),
    Column("trigger_actors", CODES),
    Column("trigger_action", ACTION),
    Column("trigger_targets", CODES),
    Column("trigger_text", Text),
    Column("consequence_action", ACTION),
    Column("consequence_targets", CODES),
    Column("consequence_text", Text),
    Column("certainty", String(8)),
    Column("explicit", Boolean),
    Column("proposal", Text),
    Column("position", String(12)),
    Column("seen", Date),
    Column("counted", Boolean, nullable=False, default=True),
    Column("merge_score", Float),
    Column("merge_reason", Text),  # JSON: why this statement joined (or opened) its line / proposal
    Column("vector", LargeBinary),  # MiniLM vector of its trigger or proposal text
    Column("context_vector", LargeBinary),  # a red-line statement's: of its evidence sentence (kb.line_context)
    Index("ix_statements_redline", "redline_id", "seen", "id"),
    Index("ix_statements_stance_id", "stance_id"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

search_entries = Table(
    "search_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(12), nullable=False),  # "document" | "redline" | "stance"
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE")),
    Column("body", Text, nullable=False),
)

# -- events and alerts (revision 0002) ------------------------------------------------------------------

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),  # its index in the document's extraction
    Column("actors", CODES, nullable=False, default=""),
    Column("action", ACTION, nullable=False),
    Column("targets", CODES, nullable=False, default=""),
    Column("status", String(12), nullable=False),
    Column("date", Date),  # as the article dates it, when it does
    # The date the event speaks for: its own date, else its document's; matching compares this one.
    Column("seen", Date),
    Column("text", Text, nullable=False),
    # False for the events of a syndicated copy: the original's events already raised their alerts.
    Column("counted", Boolean, nullable=False, default=True),
    Column("vector", LargeBinary),  # MiniLM vector of text
    Column("confidence", Float),  # how sure extraction is of the event, 0-1
    Index("ix_events_action_seen", "action", "seen"),
)

event_evidence = Table(
    "event_evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("redline_id", Integer, ForeignKey("redlines.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("status", String(12), nullable=False),  # "crossed" | "approaching"
    Column("explanation", Text, nullable=False),  # JSON: the parts that matched, one string each
    Column("created", DateTime(timezone=True), nullable=False, index=True),
    # One alert per line and event: re-ingesting or restating a line never raises it twice.
    UniqueConstraint("redline_id", "event_id"),
)
