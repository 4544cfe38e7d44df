"""Proposals: whether the article a proposal was first stated in is about a force to keep a peace.

Revision ID: 0005_proposal_peace_force
Revises: 0004_proposal_wordings
Create Date: 2026-12-02

``proposals.peace_force`` (NULL, true or false): sending troops into a force that keeps a
peace once agreed and sending them into the war are two moves, told apart by the article
(:func:`redline.store.wording.about_peace_force`). Proposals stored before are left NULL:
unknown, so merging does not use it for them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_proposal_peace_force"
down_revision = "0004_proposal_wordings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposals") as batch:
        batch.add_column(sa.Column("peace_force", sa.Boolean, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("proposals") as batch:
        batch.drop_column("peace_force")
