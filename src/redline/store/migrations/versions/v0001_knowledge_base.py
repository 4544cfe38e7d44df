"""The knowledge base: documents, statements with evidence, red lines, proposals, stances, search.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

CODE = sa.String(40)
CODES = sa.String(400)
ACTION = sa.String(16)


def _fk(column: str, target: str, nullable: bool = True, cascade: bool = False) -> sa.Column:
    return sa.Column(
        column, sa.Integer, sa.ForeignKey(target, ondelete="CASCADE" if cascade else None), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_key", sa.String(300), nullable=False, index=True),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.String(300)),
        sa.Column("published", sa.Date),
        sa.Column("ingested", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen", sa.Date, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("minhash", sa.LargeBinary),
        _fk("duplicate_of", "documents.id"),
        sa.Column("duplicate_score", sa.Float),
    )
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])
    op.create_table(
        "document_bands",
        sa.Column("band", sa.String(48), nullable=False),
        _fk("document_id", "documents.id", nullable=False, cascade=True),
    )
    op.create_index("ix_document_bands_band", "document_bands", ["band", "document_id"])
    op.create_table(
        "actors",
        sa.Column("code", CODE, primary_key=True),
        sa.Column("first_seen", sa.Date, nullable=False),
        sa.Column("last_seen", sa.Date, nullable=False),
        sa.Column("statements", sa.Integer, nullable=False),
    )
    op.create_table(
        "redlines",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("holder", CODES, nullable=False),
        sa.Column("speaker", sa.String(200)),
        sa.Column("trigger_actors", CODES, nullable=False),
        sa.Column("trigger_action", ACTION, nullable=False),
        sa.Column("trigger_targets", CODES, nullable=False),
        sa.Column("trigger_text", sa.Text, nullable=False),
        sa.Column("consequence_action", ACTION, nullable=False),
        sa.Column("consequence_targets", CODES, nullable=False),
        sa.Column("consequence_text", sa.Text, nullable=False),
        sa.Column("certainty", sa.String(8), nullable=False),
        sa.Column("explicit", sa.Boolean, nullable=False),
        sa.Column("first_seen", sa.Date, nullable=False),
        sa.Column("last_seen", sa.Date, nullable=False),
        sa.Column("statement_count", sa.Integer, nullable=False),
    )
    op.create_index("ix_redlines_last_seen", "redlines", ["last_seen"])
    op.create_table(
        "redline_holders",
        sa.Column("code", CODE, primary_key=True),
        sa.Column("redline_id", sa.Integer, sa.ForeignKey("redlines.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_redline_holders_redline_id", "redline_holders", ["redline_id"])
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("action", ACTION),
        sa.Column("targets", CODES, nullable=False),
        sa.Column("first_seen", sa.Date, nullable=False),
        sa.Column("last_seen", sa.Date, nullable=False),
    )
    op.create_index("ix_proposals_action", "proposals", ["action"])
    op.create_table(
        "stances",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("actor", CODE, nullable=False),
        _fk("proposal_id", "proposals.id", nullable=False),
        _fk("document_id", "documents.id", nullable=False, cascade=True),
        sa.Column("position", sa.String(12), nullable=False),
        sa.Column("seen", sa.Date, nullable=False),
        sa.Column("counted", sa.Boolean, nullable=False),
    )
    op.create_index("ix_stances_cell", "stances", ["proposal_id", "actor", "seen", "id"])
    op.create_index("ix_stances_document_id", "stances", ["document_id"])
    op.create_table(
        "stance_cells",
        sa.Column("actor", CODE, primary_key=True),
        sa.Column("proposal_id", sa.Integer, sa.ForeignKey("proposals.id"), primary_key=True),
        sa.Column("position", sa.String(12), nullable=False),
        sa.Column("previous", sa.String(12)),
        sa.Column("changed", sa.Date),
        sa.Column("first_seen", sa.Date, nullable=False),
        sa.Column("last_seen", sa.Date, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("latest_stance_id", sa.Integer, sa.ForeignKey("stances.id")),
        sa.Column("history", sa.Text, nullable=False),
    )
    op.create_index("ix_stance_cells_actor", "stance_cells", ["actor"])
    op.create_index("ix_stance_cells_last_seen", "stance_cells", ["last_seen"])
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("document_id", "documents.id", nullable=False, cascade=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        _fk("redline_id", "redlines.id"),
        _fk("stance_id", "stances.id"),
        sa.Column("holder", CODES, nullable=False),
        sa.Column("speaker", sa.String(200)),
        sa.Column("trigger_actors", CODES),
        sa.Column("trigger_action", ACTION),
        sa.Column("trigger_targets", CODES),
        sa.Column("trigger_text", sa.Text),
        sa.Column("consequence_action", ACTION),
        sa.Column("consequence_targets", CODES),
        sa.Column("consequence_text", sa.Text),
        sa.Column("certainty", sa.String(8)),
        sa.Column("explicit", sa.Boolean),
        sa.Column("proposal", sa.Text),
        sa.Column("position", sa.String(12)),
        sa.Column("seen", sa.Date, nullable=False),
        sa.Column("counted", sa.Boolean, nullable=False),
        sa.Column("merge_score", sa.Float),
        sa.Column("merge_reason", sa.Text),
    )
    op.create_index("ix_statements_document_id", "statements", ["document_id"])
    op.create_index("ix_statements_redline", "statements", ["redline_id", "seen", "id"])
    op.create_index("ix_statements_stance_id", "statements", ["stance_id"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("statement_id", "statements.id", nullable=False, cascade=True),
        sa.Column("sentence", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_evidence_statement_id", "evidence", ["statement_id"])
    op.create_table(
        "search_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        _fk("document_id", "documents.id", nullable=False, cascade=True),
        _fk("statement_id", "statements.id", cascade=True),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_index("ix_search_entries_document_id", "search_entries", ["document_id"])
    if op.get_bind().dialect.name == "sqlite":
        # An external-content FTS5 index over search_entries, kept in step by triggers
        # (so bulk loads that bypass the Store are indexed too).
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "body, content='search_entries', content_rowid='id', tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
            "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END"
        )
        op.execute(
            "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END"
        )
    else:
        op.execute("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (to_tsvector('english', body))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS search_entries_ad")
        op.execute("DROP TRIGGER IF EXISTS search_entries_ai")
        op.execute("DROP TABLE IF EXISTS search_fts")
    for table in (
        "search_entries",
        "evidence",
        "statements",
        "stance_cells",
        "stances",
        "proposals",
        "redline_holders",
        "redlines",
        "actors",
        "document_bands",
        "documents",
    ):
        op.drop_table(table)
