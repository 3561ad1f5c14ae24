"""Alembic environment: runs on the connection ``ceasefire.ledger.store.migrate`` hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from ceasefire.ledger.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url")
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
