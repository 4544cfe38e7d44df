"""Statements: the vector of each red-line statement's evidence sentence, not only the line's first.

Revision ID: 0006_statement_context
Revises: 0005_proposal_peace_force
Create Date: 2026-12-04

``statements.context_vector``: a vague trigger ("if such actions are repeated") joins a line by the meaning
of its sentence, and the nearest of the line's sentences is the one that restated it, not always the first
(:func:`redline.store.merge.LineSignature`). Statements stored before are left NULL: the line's own
``context_vector`` still stands for them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_statement_context"
down_revision = "0005_proposal_peace_force"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("context_vector", sa.LargeBinary, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("statements") as batch:
        batch.drop_column("context_vector")
