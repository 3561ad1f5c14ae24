"""Ledger tests run against SQLite and PostgreSQL, each test on its own database (file or schema).

PostgreSQL comes from ``CEASEFIRE_TEST_PG_URL`` (``make test`` sets it after ``bash .ci/services.sh``; by hand,
run that script and export the URL the Makefile names). Without it the postgres cases fail loudly instead of
skipping: a ledger untested on PostgreSQL is not a tested ledger.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest

PG_ENV = "CEASEFIRE_TEST_PG_URL"


def pg_base_url() -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.fail(f"{PG_ENV} is not set: run 'make test', or start PostgreSQL with 'bash .ci/services.sh' "
                    f"and export {PG_ENV}=postgresql+psycopg://ceasefire:ceasefire@127.0.0.1:5432/ceasefire_test",
                    pytrace=False)
    return url


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A fresh schema on the test server, dropped afterwards; the URL points its search_path there."""
    import psycopg

    base = pg_base_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_plain(base), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(_plain(base), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_url(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def ledger(ledger_url: str):
    from ceasefire.ledger import open_ledger

    led = open_ledger(ledger_url)
    yield led
    led.close()


@pytest.fixture
def seeded(ledger):
    from ceasefire.ledger.io import load_seed

    load_seed(ledger)
    return ledger
