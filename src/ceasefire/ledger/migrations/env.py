"""Alembic environment: runs on the connection ``ceasefire.ledger.store.Ledger.migrate`` hands over (no alembic.ini).

Outside a migration (``pytest --doctest-modules`` imports every module) Alembic's ``context`` has no config, and
importing this file does nothing.
"""

from __future__ import annotations

from alembic import context

from ceasefire.ledger.schema import metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:  # the alembic command line, by hand: sqlalchemy.url from its config
        from sqlalchemy import create_engine

        connection = create_engine(context.config.get_main_option("sqlalchemy.url")).connect()
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


try:
    _config = context.config
except AttributeError:  # imported outside Alembic
    _config = None
if _config is not None:
    run()
