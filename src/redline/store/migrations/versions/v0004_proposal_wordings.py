"""Proposal wordings: each proposal's distinct wordings, counted as stance statements are written.

Revision ID: 0004_proposal_wordings
Revises: 0003_linking
Create Date: 2026-12-01

``proposal_wordings`` (proposal, wording, count, first statement) is what listing
proposals shows as ``wordings`` and filters ``text`` on; it was counted from every
stance statement on each request, which is most of the time of ``/api/proposals``
on a large knowledge base. Filled here from the statements already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_proposal_wordings"
down_revision = "0003_linking"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposal_wordings",
        sa.Column("proposal_id", sa.Integer, sa.ForeignKey("proposals.id"), primary_key=True),
        sa.Column("wording", sa.Text, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("first_statement_id", sa.Integer, nullable=False),
    )
    op.execute(
        "INSERT INTO proposal_wordings (proposal_id, wording, count, first_statement_id) "
        "SELECT stances.proposal_id, statements.proposal, count(*), min(statements.id) "
        "FROM statements JOIN stances ON stances.id = statements.stance_id "
        "WHERE statements.kind = 'stance' AND statements.proposal IS NOT NULL AND statements.proposal != '' "
        "GROUP BY stances.proposal_id, statements.proposal"
    )


def downgrade() -> None:
    op.drop_table("proposal_wordings")
