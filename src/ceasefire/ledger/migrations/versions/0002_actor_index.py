"""Index statement versions by actor and date: each actor's latest stance is an index probe, not a sort.

Revision ID: 0002_actor_index
Revises: 0001_initial
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002_actor_index"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_statement_versions_actor", "statement_versions", ["actor", "date", "seq"])


def downgrade() -> None:
    op.drop_index("ix_statement_versions_actor", table_name="statement_versions")
