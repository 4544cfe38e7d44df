"""Events with their evidence, and alerts: events that cross or near a stored red line.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CODES = sa.String(400)
ACTION = sa.String(16)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("actors", CODES, nullable=False),
        sa.Column("action", ACTION, nullable=False),
        sa.Column("targets", CODES, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("seen", sa.Date, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("counted", sa.Boolean, nullable=False),
    )
    op.create_index("ix_events_document_id", "events", ["document_id"])
    op.create_index("ix_events_action_seen", "events", ["action", "seen"])
    op.create_table(
        "event_evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sentence", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_event_evidence_event_id", "event_evidence", ["event_id"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("redline_id", sa.Integer, sa.ForeignKey("redlines.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("redline_id", "event_id", name="uq_alerts_redline_id_event_id"),
    )
    op.create_index("ix_alerts_event_id", "alerts", ["event_id"])
    op.create_index("ix_alerts_created", "alerts", ["created"])


def downgrade() -> None:
    for table in ("alerts", "event_evidence", "events"):
        op.drop_table(table)
