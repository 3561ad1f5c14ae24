"""The ledger's tables (SQLAlchemy Core). The store only ever INSERTs and SELECTs: nothing is updated in place.

Each record has an identity row (``sources``, ``statements``, ``pledges``) and, for statements and pledges, an
append-only table of versions. The current state of a record is its version with the highest ``seq``; the state
on a given day is the highest ``seq`` whose event date is on or before that day. Amendments, acceptance,
rejection, lifecycle stages and withdrawal are all new versions, with who, when and why.

The Alembic migrations in ``ceasefire/ledger/migrations`` create exactly these tables; ``HEAD`` names the
latest revision so that opening an up-to-date ledger costs one SELECT instead of Alembic's machinery.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

HEAD = "0002_actor_index"  # latest Alembic revision; tests check it matches the migration scripts

metadata = MetaData()

sources = Table(
    "sources", metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text, nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("publisher", Text, nullable=False, default=""),
    Column("published", Date, nullable=True),
    Column("content_hash", String(128), nullable=True, unique=True),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Index("ix_sources_url", "url"),
)

statements = Table(
    "statements", metadata,
    Column("id", String(200), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
)

statement_versions = Table(
    "statement_versions", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("statement_id", String(200), ForeignKey("statements.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("action", String(20), nullable=False),
    Column("why", Text, nullable=False, default=""),
    Column("status", String(20), nullable=False),
    Column("actor", String(10), nullable=False),
    Column("speaker", Text, nullable=False, default=""),
    Column("date", Date, nullable=False),
    Column("stance", String(20), nullable=False),
    Column("commitments", Text, nullable=False, default=""),  # ';'-joined commitment kinds
    Column("capability", String(40), nullable=True),
    Column("quantity", Float, nullable=True),
    Column("unit", String(40), nullable=False, default=""),
    Column("conditions", Text, nullable=False, default=""),  # ';'-joined Condition values
    Column("quote", Text, nullable=False, default=""),
    Column("quote_kind", String(20), nullable=False, default="verbatim"),
    Column("source_id", String(40), ForeignKey("sources.id"), nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("extraction", Text, nullable=True),  # JSON: method, confidence, cue, offsets, proposal
    UniqueConstraint("statement_id", "version", name="uq_statement_versions_version"),
    Index("ix_statement_versions_head", "statement_id", "seq"),
    Index("ix_statement_versions_actor", "actor", "date", "seq"),
)

pledges = Table(
    "pledges", metadata,
    Column("id", String(200), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
)

pledge_versions = Table(
    "pledge_versions", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("pledge_id", String(200), ForeignKey("pledges.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("action", String(20), nullable=False),
    Column("why", Text, nullable=False, default=""),
    Column("provider", String(10), nullable=False),
    Column("capability", String(40), nullable=False),
    Column("quantity", Float, nullable=True),  # NULL: unspecified
    Column("unit", String(40), nullable=False, default=""),
    Column("conditions", Text, nullable=False, default=""),
    Column("status", String(20), nullable=False),
    Column("date", Date, nullable=False),  # date of this stage (announced, committed, ... withdrawn)
    Column("statement_id", String(200), ForeignKey("statements.id"), nullable=True),
    Column("source_id", String(40), ForeignKey("sources.id"), nullable=True),
    Column("notes", Text, nullable=False, default=""),
    UniqueConstraint("pledge_id", "version", name="uq_pledge_versions_version"),
    Index("ix_pledge_versions_head", "pledge_id", "date", "seq"),
)
