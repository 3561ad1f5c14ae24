"""Every write route refuses a missing or wrong token with 401 (and a token-less server with 403), and
changes nothing. The list of write routes comes from the OpenAPI schema, so a new write route without a case
here fails the test instead of going untested."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

SCENARIO_YAML = """name: Test scenario
theatre: {reference: ukraine}
mandate: {kind: monitor}
"""


@pytest.fixture(autouse=True)
def _stop_jobs(server: Any) -> Any:
    # The cases start a long stress job to have something to cancel; stop them so they do not eat the CPU.
    yield
    with server.client(auth=True) as c:
        for job in c.get("/api/jobs").json():
            if job["status"] in {"queued", "running"}:
                c.delete(f"/api/jobs/{job['id']}")
        deadline = time.monotonic() + 30  # cancellation is cooperative: wait until every job has stopped
        while any(j["status"] in {"queued", "running"} for j in c.get("/api/jobs").json()):
            assert time.monotonic() < deadline, "jobs did not stop after cancellation"
            time.sleep(0.05)


def write_routes(client: httpx.Client) -> set[tuple[str, str]]:
    spec = client.get("/api/openapi.json").json()
    return {(method.upper(), path) for path, ops in spec["paths"].items() for method, op in ops.items()
            if method in {"post", "put", "patch", "delete"}}


def cases(server: Any, candidate: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """A valid request for every write route: only the token is missing or wrong."""
    with server.client(auth=True) as c:
        sid = candidate(c, "We will send a battalion to guard the ceasefire.")
        job = c.post("/api/jobs/stress", json={"runs": 100000, "seed": 3}).json()["id"]
        c.post("/api/scenarios", json={"id": "auth-kept", "yaml": SCENARIO_YAML}).raise_for_status()
    statement = {"actor": "DNK", "date": "2025-05-01", "stance": "willing", "quote": "Denmark is ready.",
                 "source_url": "https://example.org/dk"}
    pledge = {"provider": "DNK", "capability": "isr", "quantity": 2, "date": "2025-05-01",
              "source_url": "https://example.org/dk"}
    return {
        ("POST", "/api/scenarios"): {"json": {"id": "auth-new", "yaml": SCENARIO_YAML}},
        ("DELETE", "/api/scenarios/{scenario_id}"): {"path": {"scenario_id": "auth-kept"}},
        ("POST", "/api/ledger/statements"): {"json": statement},
        ("POST", "/api/ledger/pledges"): {"json": pledge},
        ("POST", "/api/review/{statement_id}/accept"): {"path": {"statement_id": sid}, "json": {"by": "x"}},
        ("POST", "/api/review/{statement_id}/reject"): {"path": {"statement_id": sid},
                                                        "json": {"by": "x", "why": "not policy"}},
        ("POST", "/api/jobs/stress"): {"json": {"runs": 10, "seed": 1}},
        ("POST", "/api/jobs/sweep"): {"json": {"samples": 2, "runs": 1, "days": 5}},
        ("POST", "/api/ingest"): {"json": {"name": "note.txt", "content": f"Norway is ready to send {sid[-4:]} "
                                                                          "troops to a reassurance force.",
                                           "source_url": f"https://example.org/no/{sid}"}},
        ("DELETE", "/api/jobs/{job_id}"): {"path": {"job_id": job}},
    }


def snapshot(client: httpx.Client) -> dict[str, Any]:
    return {
        "statements": client.get("/api/ledger/statements", params={"status": "all"}).json(),
        "pledges": client.get("/api/ledger/pledges", params={"include_withdrawn": True}).json(),
        "candidates": client.get("/api/review/candidates").json(),
        "scenarios": client.get("/api/scenarios").json(),
        "jobs": [(j["id"], j["kind"]) for j in client.get("/api/jobs").json()],
        "cancelled": [j["id"] for j in client.get("/api/jobs").json() if j["status"] == "cancelled"],
    }


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": "Basic eDp4"},
                                     {"Authorization": "Token test-token-7f3a"}],
                         ids=["none", "wrong", "basic", "other-scheme"])
def test_writes_without_a_valid_token_get_401_and_change_nothing(server: Any, new_candidate: Any,
                                                                 headers: dict[str, str]) -> None:
    routes = cases(server, new_candidate)
    with server.client() as c:
        assert write_routes(c) == set(routes), "every write route needs a case here"
        before = snapshot(c)
        for (method, path), req in routes.items():
            url = path.format(**req.get("path", {}))
            r = c.request(method, url, json=req.get("json"), headers=headers)
            assert r.status_code == 401, (method, path, r.text)
            body = r.json()
            assert body["field"] == "Authorization" and body["error"] == "Unauthorized"
            assert r.headers["www-authenticate"] == "Bearer"
        assert snapshot(c) == before


def test_the_same_requests_with_the_token_succeed(server: Any, new_candidate: Any) -> None:
    # The 401s above are due to the token alone: with it, each request is accepted.
    routes = cases(server, new_candidate)
    with server.client(auth=True) as c:
        for (method, path), req in routes.items():
            r = c.request(method, path.format(**req.get("path", {})), json=req.get("json"))
            if path.endswith("/reject"):  # accepted a moment ago by the previous case: refused, not unauthorised
                assert r.status_code == 409, r.text
                continue
            assert r.status_code in {200, 201, 202, 204}, (method, path, r.text)


def test_a_server_without_a_token_refuses_every_write(readonly_server: Any) -> None:
    with readonly_server.client() as c:
        before = snapshot(c)
        for method, path in write_routes(c):
            url = path.replace("{", "").replace("}", "")
            for headers in ({}, {"Authorization": "Bearer anything"}):
                r = c.request(method, url, json={}, headers=headers)
                assert r.status_code == 403, (method, path, r.text)
                assert "CEASEFIRE_API_TOKEN" in r.json()["message"]
        assert snapshot(c) == before
        assert c.get("/api/health").json()["writes_enabled"] is False
