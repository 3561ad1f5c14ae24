"""Initial ledger: sources, statements and pledges with append-only versions.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def _recorded() -> list[sa.Column]:
    return [sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("recorded_by", sa.String(200), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("publisher", sa.Text, nullable=False),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("content_hash", sa.String(128), nullable=True, unique=True),
        *_recorded(),
    )
    op.create_index("ix_sources_url", "sources", ["url"])
    op.create_table(
        "statements",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "statement_versions",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("statement_id", sa.String(200), sa.ForeignKey("statements.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        *_recorded(),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(10), nullable=False),
        sa.Column("speaker", sa.Text, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("commitments", sa.Text, nullable=False),
        sa.Column("capability", sa.String(40), nullable=True),
        sa.Column("quantity", sa.Float, nullable=True),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("conditions", sa.Text, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("quote_kind", sa.String(20), nullable=False),
        sa.Column("source_id", sa.String(40), sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("extraction", sa.Text, nullable=True),
        sa.UniqueConstraint("statement_id", "version", name="uq_statement_versions_version"),
    )
    op.create_index("ix_statement_versions_head", "statement_versions", ["statement_id", "seq"])
    op.create_table(
        "pledges",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "pledge_versions",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("pledge_id", sa.String(200), sa.ForeignKey("pledges.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        *_recorded(),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("provider", sa.String(10), nullable=False),
        sa.Column("capability", sa.String(40), nullable=False),
        sa.Column("quantity", sa.Float, nullable=True),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("conditions", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("statement_id", sa.String(200), sa.ForeignKey("statements.id"), nullable=True),
        sa.Column("source_id", sa.String(40), sa.ForeignKey("sources.id"), nullable=True),
        sa.Column("notes", sa.Text, nullable=False),
        sa.UniqueConstraint("pledge_id", "version", name="uq_pledge_versions_version"),
    )
    op.create_index("ix_pledge_versions_head", "pledge_versions", ["pledge_id", "date", "seq"])


def downgrade() -> None:
    for index, table in (("ix_pledge_versions_head", "pledge_versions"),
                         ("ix_statement_versions_head", "statement_versions"), ("ix_sources_url", "sources")):
        op.drop_index(index, table_name=table)
    for table in ("pledge_versions", "pledges", "statement_versions", "statements", "sources"):
        op.drop_table(table)
