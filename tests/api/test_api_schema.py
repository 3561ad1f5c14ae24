"""Schemathesis against the OpenAPI schema, in process over ASGI: no server error, no schema violation.

Writes are sent with the token so they are exercised too (on a temp ledger); examples are bounded so the
whole run stays under about a minute on two cores.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from ceasefire.api import Settings, create_app
from ceasefire.api.jobs import FINISHED

TOKEN = "schema-token"
_DB = Path(tempfile.mkdtemp(prefix="ceasefire-schema-")) / "ledger.db"
app = create_app(Settings(token=TOKEN, ledger_url=f"sqlite:///{_DB}", max_body_bytes=200_000))
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    try:
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                               checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                                       response_schema_conformance])
    finally:
        # Generated stress jobs may ask for 100,000 runs: stop them so they do not eat the suite's CPU.
        jobs = app.state.workspace.jobs
        for job in jobs.list():
            if job.status not in FINISHED:
                jobs.cancel(job.id)
