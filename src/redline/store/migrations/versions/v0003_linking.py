"""Linking: sentence vectors of triggers, proposals and events; event confidence; unknown dates stay unknown.

Revision ID: 0003_linking
Revises: 0002
Create Date: 2026-12-01

* ``redlines.trigger_vector``, ``statements.vector``, ``proposals.vector``,
  ``events.vector``: MiniLM vectors (384 float32, little-endian), written once
  at ingest when the model is installed (``redline.embed``); NULL otherwise.
  ``redlines.context_vector``: the vector of the first statement's first evidence
  sentence, which events are compared with when the trigger is vague.
* ``events.confidence``: how sure extraction is of the event (0-1).
* The date columns a document without any known date cannot fill become
  nullable: unknown stays unknown (never the day it was ingested).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_linking"
down_revision = "0002"
branch_labels = None
depends_on = None

# (table, column): dates that stay NULL when no date is known.
NULLABLE_DATES = (
    ("documents", "seen"),
    ("statements", "seen"),
    ("stances", "seen"),
    ("redlines", "first_seen"),
    ("redlines", "last_seen"),
    ("proposals", "first_seen"),
    ("proposals", "last_seen"),
    ("stance_cells", "first_seen"),
    ("stance_cells", "last_seen"),
    ("events", "seen"),
    ("actors", "first_seen"),
    ("actors", "last_seen"),
)


def upgrade() -> None:
    with op.batch_alter_table("redlines") as b:
        b.add_column(sa.Column("trigger_vector", sa.LargeBinary))
        b.add_column(sa.Column("context_vector", sa.LargeBinary))
    with op.batch_alter_table("statements") as b:
        b.add_column(sa.Column("vector", sa.LargeBinary))
    with op.batch_alter_table("proposals") as b:
        b.add_column(sa.Column("vector", sa.LargeBinary))
    with op.batch_alter_table("events") as b:
        b.add_column(sa.Column("vector", sa.LargeBinary))
        b.add_column(sa.Column("confidence", sa.Float))
    tables: dict[str, list[str]] = {}
    for table, column in NULLABLE_DATES:
        tables.setdefault(table, []).append(column)
    for table, columns in tables.items():
        with op.batch_alter_table(table) as b:
            for column in columns:
                b.alter_column(column, existing_type=sa.Date, nullable=True)


def downgrade() -> None:
    # The date columns stay nullable: a knowledge base may hold undated documents by now.
    for table in ("redlines",):
        with op.batch_alter_table(table) as b:
            b.drop_column("trigger_vector")
            b.drop_column("context_vector")
    for table in ("statements", "proposals"):
        with op.batch_alter_table(table) as b:
            b.drop_column("vector")
    with op.batch_alter_table("events") as b:
        b.drop_column("vector")
        b.drop_column("confidence")
