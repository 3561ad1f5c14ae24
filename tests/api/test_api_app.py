"""The API against a real uvicorn server: reads, validation errors as 4xx JSON naming the field, the ledger's
as_of, the review flow, the assessment cache, reports and background jobs."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

from ceasefire.assess import assess
from ceasefire.scenario import load


def test_health_and_scenarios(server: Any) -> None:
    with server.client() as c:
        h = c.get("/api/health").json()
        assert h["status"] == "ok" and h["writes_enabled"] is True and h["ledger"] is True
        ids = [s["id"] for s in c.get("/api/scenarios").json()]
        assert "ukraine-2025" in ids
        s = c.get("/api/scenarios/ukraine-2025").json()
        assert s["mandate"]["kind"] == "reassure" and len(s["theatre"]["sectors"]) == 7


def test_assessment_is_the_library_answer_with_the_ledger_pledges(server: Any) -> None:
    with server.client() as c:
        a = c.get("/api/assessment").json()
    expected = assess(load(), ledger_url=server.db)
    assert a["headline"] == expected.headline
    assert a["deployed"] == expected.deployed.model_dump()
    pledges = a["coalition"]["pledge_records"]
    assert pledges and all(p["sources"] and p["sources"][0]["url"].startswith("http") for p in pledges)
    assert manoeuvre(a)["conditional"]["low"] > 0
    assert a["coalition"]["summary"] == expected.coalition["summary"]
    assert a["coalition"]["summary"].startswith("As of ")


def manoeuvre(a: dict[str, Any]) -> dict[str, Any]:
    return next(row for row in a["coalition"]["capabilities"] if row["capability"] == "manoeuvre")


def test_every_figure_has_a_source(server: Any) -> None:
    with server.client() as c:
        rows = c.get("/api/provenance").json()
    sections = {r["section"] for r in rows}
    assert {"sizing method", "contributor capacity", "published estimate", "pledge", "stress parameter"} <= sections
    unsourced = [r["item"] for r in rows if not r["sources"]]
    assert not unsourced, unsourced


@pytest.mark.parametrize("table", ["missions", "nations", "theatres", "estimates", "parameters"])
def test_reference_tables_are_sourced(server: Any, table: str) -> None:
    with server.client() as c:
        rows = c.get(f"/api/reference/{table}").json()
    assert rows and all(r["source_url"].startswith("http") and r["as_of"] for r in rows)


@pytest.mark.parametrize(("url", "status", "field"), [
    ("/api/assessment?as_of=2025-02-30", 422, "as_of"),
    ("/api/assessment?scenario=Not_A_Name", 422, "scenario"),
    ("/api/assessment?scenario=atlantis", 404, "scenario"),
    ("/api/ledger/statements?limit=0", 422, "limit"),
    ("/api/ledger/statements?status=maybe", 422, "status"),
    ("/api/ledger/history/no-such-record", 404, "id"),
    ("/api/jobs/nope", 404, "job_id"),
    ("/api/report?format=docx", 422, "format"),
])
def test_bad_reads_are_4xx_json_naming_the_field(server: Any, url: str, status: int, field: str) -> None:
    with server.client() as c:
        r = c.get(url)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["field"] == field and field in body["detail"] and body["message"]


@pytest.mark.parametrize(("body", "status", "field"), [
    ({"id": "x1", "yaml": "name: [unclosed"}, 422, None),
    ({"id": "x2", "yaml": "name: T\ntheatre: {reference: narnia}\nmandate: {kind: monitor}\n"}, 422,
     "theatre.reference"),
    ({"id": "x3", "yaml": "name: T\ntheatre: {reference: ukraine}\nmandate: {kind: invade}\n"}, 422, "mandate.kind"),
    ({"id": "Bad Id", "yaml": "name: T"}, 422, "id"),
    ({"id": "ukraine-2025", "yaml": "name: T\ntheatre: {reference: ukraine}\nmandate: {kind: monitor}\n"}, 422, "id"),
    ({"yaml": "name: T"}, 422, "id"),
])
def test_bad_scenarios_are_refused_naming_the_field(server: Any, body: dict[str, Any], status: int,
                                                    field: str | None) -> None:
    with server.client(auth=True) as c:
        r = c.post("/api/scenarios", json=body)
    assert r.status_code == status, r.text
    if field:
        assert r.json()["field"] == field, r.text
    assert r.json()["detail"]


def test_malformed_and_oversized_bodies(server: Any) -> None:
    with server.client(auth=True) as c:
        r = c.post("/api/scenarios", content=b"{not json", headers={"content-type": "application/json"})
        assert r.status_code in {400, 422} and r.json()["error"]
        r = c.post("/api/scenarios", content=b"x" * 1_200_000, headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["field"] == "body"
        r = c.post("/api/ledger/statements", json={"actor": "FRA", "date": "2999-01-01", "stance": "willing",
                                                   "quote": "q", "source_url": "https://example.org"})
        assert r.status_code == 422 and r.json()["field"] == "date"


def test_uploaded_scenario_is_assessed(server: Any) -> None:
    yaml = "name: Monitor only\ntheatre: {reference: ukraine}\nmandate: {kind: monitor}\n"
    with server.client(auth=True) as c:
        assert c.post("/api/scenarios", json={"id": "monitor-only", "yaml": yaml}).status_code == 201
        a = c.get("/api/assessment", params={"scenario": "monitor-only"}).json()
        assert a["scenario"]["mandate"] == "monitor"
        assert c.delete("/api/scenarios/monitor-only").status_code == 204
        assert c.get("/api/assessment", params={"scenario": "monitor-only"}).status_code == 404


def test_coalition_as_of_moves_with_the_date(server: Any) -> None:
    with server.client() as c:
        early = c.get("/api/ledger/coalition", params={"as_of": "2025-03-03"}).json()
        late = c.get("/api/ledger/coalition", params={"as_of": "2026-01-31"}).json()
        before = c.get("/api/ledger/coalition", params={"as_of": "2020-01-01"}).json()
    assert before["nations"] == []
    assert 0 < len(early["nations"]) < len(late["nations"])
    gbr = next(n for n in late["nations"] if n["actor"] == "GBR")
    assert gbr["quote"] and gbr["source_url"].startswith("http")
    statements_early = len(c_get(server, "/api/ledger/statements", as_of="2025-03-03"))
    assert statements_early < len(c_get(server, "/api/ledger/statements", as_of="2026-01-31"))


def c_get(server: Any, url: str, **params: Any) -> Any:
    with server.client() as c:
        return c.get(url, params=params).json()


def test_accepting_a_candidate_puts_it_in_the_ledger_and_the_assessment(server: Any, new_candidate: Any) -> None:
    with server.client(auth=True) as c:
        before = manoeuvre(c.get("/api/assessment").json())["conditional"]["low"]
        sid = new_candidate(c, "The Netherlands will contribute 1,200 troops to a reassurance force.")
        assert sid in [s["id"] for s in c.get("/api/review/candidates").json()]
        assert sid not in [s["id"] for s in c.get("/api/ledger/statements").json()]
        r = c.post(f"/api/review/{sid}/accept", json={"by": "analyst", "edits": {"stance": "conditional"}})
        assert r.status_code == 200 and r.json()["status"] == "accepted" and r.json()["stance"] == "conditional"
        assert sid in [s["id"] for s in c.get("/api/ledger/statements").json()]
        after = manoeuvre(c.get("/api/assessment").json())["conditional"]["low"]
        assert after == before + 1200  # the write invalidated the cached assessment
        history = c.get(f"/api/ledger/history/{sid}").json()
        assert [v["action"] for v in history][-1] == "accept"
        again = c.post(f"/api/review/{sid}/accept", json={"by": "analyst"})
        assert again.status_code == 409 and again.json()["field"] == "status"
        rej = c.post(f"/api/review/{new_candidate(c, 'Maybe later.')}/reject", json={"by": "a", "why": ""})
        assert rej.status_code == 409 and rej.json()["field"] == "why"


def test_repeated_assessments_come_from_the_cache(server: Any) -> None:
    with server.client() as c:
        c.get("/api/assessment", params={"as_of": "2025-09-01"})
        hits = c.get("/api/health").json()["cache_hits"]
        t0 = time.perf_counter()
        for _ in range(20):
            assert c.get("/api/assessment", params={"as_of": "2025-09-01"}).status_code == 200
        elapsed = time.perf_counter() - t0
        assert c.get("/api/health").json()["cache_hits"] >= hits + 20
    assert elapsed < 2.0


@pytest.mark.parametrize(("fmt", "magic"), [("html", b"<!doctype html>"), ("md", b"# "), ("pdf", b"%PDF")])
def test_report_download(server: Any, fmt: str, magic: bytes) -> None:
    with server.client() as c:
        r = c.get("/api/report", params={"format": fmt, "as_of": "2025-09-01"})
        assert r.status_code == 200 and r.content.startswith(magic)
        assert "attachment" in r.headers["content-disposition"]
        hits = c.get("/api/health").json()["cache_hits"]
        again = c.get("/api/report", params={"format": fmt, "as_of": "2025-09-01"})
        assert again.content == r.content  # served from the cache, not rebuilt
        assert c.get("/api/health").json()["cache_hits"] >= hits + 2  # the assessment and the report


def wait(c: Any, job_id: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = c.get(f"/api/jobs/{job_id}").json()
        if job["status"] in {"done", "failed", "cancelled"}:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


def test_stress_job_reports_progress_and_result(server: Any) -> None:
    with server.client(auth=True) as c:
        r = c.post("/api/jobs/stress", json={"runs": 400, "seed": 5, "days": 60})
        assert r.status_code == 202
        job = wait(c, r.json()["id"])
        assert job["status"] == "done" and job["progress"] == 1.0, job
        result = job["result"]
        assert result["runs"] == 400 and len(result["sectors"]) == 7
        assert 0 <= result["overall"]["unanswered_probability"]["mean"] <= 1


def test_stress_job_can_be_cancelled(server: Any) -> None:
    with server.client(auth=True) as c:
        job_id = c.post("/api/jobs/stress", json={"runs": 100000, "seed": 2}).json()["id"]
        deadline = time.monotonic() + 30
        while c.get(f"/api/jobs/{job_id}").json()["progress"] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert c.delete(f"/api/jobs/{job_id}").status_code == 200
        job = wait(c, job_id)
        assert job["status"] == "cancelled" and job["progress"] < 1
        again = c.delete(f"/api/jobs/{job_id}")
        assert again.status_code == 409 and again.json()["field"] == "job_id"
        assert c.post("/api/jobs/stress", json={"runs": 0}).json()["field"] == "runs"
        assert c.post("/api/jobs/stress", json={"scenario": "atlantis"}).status_code == 404


def test_gap_and_plan_follow_the_ledger_date(server: Any) -> None:
    with server.client() as c:
        early = c.get("/api/gap", params={"as_of": "2025-03-03"}).json()
        late = c.get("/api/gap", params={"as_of": "2026-01-31"}).json()
        assert early["as_of"] == "2025-03-03" and early["pledges"] < late["pledges"]
        assert {row["capability"] for row in late["capabilities"]} >= {"manoeuvre", "isr", "air_defence"}
        plan = c.get("/api/plan", params={"as_of": "2026-01-31"}).json()
        assert plan["summary"].startswith("As of 2026-01-31")
        if plan["feasible"]:
            assert all(plan["covered"][k] >= plan["requirement"][k] - 1e-6 for k in plan["requirement"])
        else:
            assert plan["shortfall"]
        assert c.get("/api/plan", params={"level": "p95"}).json()["field"] == "level"


def test_ingest_puts_extracted_candidates_in_the_review_queue(server: Any) -> None:
    article = {"name": "berlin.txt", "source_url": "https://example.org/berlin-2025-03-04",
               "published": "2025-03-04", "content": "Berlin, 4 March 2025.\n\nGermany is not prepared to send "
                                                      "troops to Ukraine, the chancellor said on Tuesday."}
    with server.client(auth=True) as c:
        r = c.post("/api/ingest", json=article)
        assert r.status_code == 201, r.text
        report = r.json()
        assert report["added_candidates"] >= 1 and not report["documents"][0]["duplicate"]
        queued = {s["id"]: s for s in c.get("/api/review/candidates").json()}
        mine = [queued[i] for i in report["documents"][0]["candidates"]]
        assert any(s["actor"] == "DEU" and s["stance"] == "refuses" for s in mine), mine
        assert all(s["source_url"] == article["source_url"] for s in mine)
        again = c.post("/api/ingest", json=article).json()
        assert again["documents"][0]["duplicate"] and again["added_candidates"] == 0
        empty = c.post("/api/ingest", json={**article, "content": "   \n  ", "source_url": None})
        assert empty.status_code == 422 and empty.json()["source"] == "berlin.txt"


def test_sweep_job_names_what_drives_the_risk(server: Any) -> None:
    with server.client(auth=True) as c:
        r = c.post("/api/jobs/sweep", json={"method": "morris", "samples": 2, "runs": 2, "days": 10})
        assert r.status_code == 202
        job = wait(c, r.json()["id"], timeout=120)
        assert job["status"] == "done", job
        drivers = job["result"]["drivers"]["unanswered_probability"]
        assert drivers and set(drivers) <= set(job["result"]["parameters"])


def test_coalition_merges_restated_pledges_as_the_gap_does(tmp_path: Any) -> None:
    # A provider restating its offer (announced, then committed) is one offer of 5,000 troops, not 10,000; and
    # 3 battalions are not 3 troops.
    from ceasefire.api.ledger_routes import _coalition
    from ceasefire.coalition import gap
    from ceasefire.ledger import open_ledger

    led = open_ledger(str(tmp_path / "l.db"))
    try:
        url = "https://example.org/gbr"
        led.add_statement(actor="GBR", date="2025-03-01", stance="willing", quote="ready", source_url=url,
                          by="t")
        led.add_pledge(provider="GBR", capability="manoeuvre", quantity=5000, unit="troops", date="2025-03-02",
                       source_url=url, by="t")
        led.add_pledge(provider="GBR", capability="manoeuvre", quantity=5000, unit="troops", date="2025-04-02",
                       status="committed", conditions="ceasefire_first", source_url=url, by="t")
        led.add_statement(actor="FRA", date="2025-03-01", stance="willing", quote="ready", source_url=url, by="t")
        led.add_pledge(provider="FRA", capability="manoeuvre", quantity=3, unit="battalions", date="2025-03-02",
                       source_url=url, by="t")
        day = dt.date(2025, 5, 1)
        nations = {n.actor: n for n in _coalition(led, day).nations}
        man = next(c for c in gap("ukraine-2025", led, day).capabilities if c.capability == "manoeuvre")
    finally:
        led.close()
    assert (nations["GBR"].firm_troops, nations["GBR"].conditional_troops) == (5000, 0)
    assert (nations["FRA"].firm_troops, nations["FRA"].conditional_troops) == (0, 0)
    assert man.firm.low == 5000 and man.conditional.low == 0


def test_replacing_an_uploaded_scenario_refreshes_its_gap_and_plan(server: Any) -> None:
    # The gap and plan are cached per query; a scenario uploaded again under the same id must not be answered
    # from the old one's cache.
    monitor = "name: Replace me\ntheatre: {reference: ukraine}\nmandate: {kind: monitor}\n"
    deter = "name: Replace me\ntheatre: {reference: ukraine}\nmandate: {kind: deter}\n"
    with server.client(auth=True) as c:
        assert c.post("/api/scenarios", json={"id": "replace-me", "yaml": monitor}).status_code == 201
        before = c.get("/api/gap", params={"scenario": "replace-me"}).json()
        plan_before = c.get("/api/plan", params={"scenario": "replace-me"}).json()
        report_before = c.get("/api/report", params={"scenario": "replace-me", "format": "md"}).text
        assert c.post("/api/scenarios", json={"id": "replace-me", "yaml": deter}).status_code == 201
        after = c.get("/api/gap", params={"scenario": "replace-me"}).json()
        plan_after = c.get("/api/plan", params={"scenario": "replace-me"}).json()
        report_after = c.get("/api/report", params={"scenario": "replace-me", "format": "md"}).text
        assert c.delete("/api/scenarios/replace-me").status_code == 204
    need = {row["capability"]: row["requirement"] for row in before["capabilities"] if row["requirement"]}
    need_after = {row["capability"]: row["requirement"] for row in after["capabilities"] if row["requirement"]}
    assert need != need_after
    assert plan_before["requirement"] != plan_after["requirement"]
    assert report_before != report_after


def test_validation_errors_read_like_the_cli(server: Any) -> None:
    with server.client(auth=True) as c:
        r = c.post("/api/ledger/statements", content=b'{"actor": "FRA",', headers={"content-type": "application/json"})
        assert r.status_code == 422 and r.json()["field"] == "body", r.text
        r = c.post("/api/ledger/statements", json={"actor": "FRA", "date": "2999-01-01", "stance": "willing",
                                                   "quote": "q", "source_url": "https://example.org"})
        assert r.json()["message"].startswith("date 2999-01-01 is in the future"), r.text


def test_an_invalid_correction_is_422_and_leaves_the_candidate(server: Any, new_candidate: Any) -> None:
    # Bad input, as documented (422 naming the field), not a 409 "refused against the ledger's state".
    with server.client(auth=True) as c:
        sid = new_candidate(c, "Norway is ready to send several hundred troops.", actor="NOR")
        r = c.post(f"/api/review/{sid}/accept", json={"by": "analyst", "edits": {"quantity": "several hundred"}})
        assert r.status_code == 422 and r.json()["field"] == "quantity", r.text
        r = c.post(f"/api/review/{sid}/accept", json={"by": "analyst", "edits": {"date": "2999-01-01"}})
        assert r.status_code == 422 and r.json()["field"] == "date", r.text
        assert sid in [s["id"] for s in c.get("/api/review/candidates").json()]


def test_a_cached_gap_does_not_load_the_scenario_again(server: Any, monkeypatch: Any) -> None:
    # Loading the bundled scenario parses YAML (~30 ms) on the event loop: a cache hit must not pay for it.
    from ceasefire.api.workspace import Workspace

    calls: list[str] = []
    real = Workspace.scenario
    monkeypatch.setattr(Workspace, "scenario", lambda self, sid: (calls.append(sid), real(self, sid))[1])
    with server.client() as c:
        for _ in range(3):
            assert c.get("/api/gap", params={"as_of": "2025-07-07", "level": "p90"}).status_code == 200
        assert c.get("/api/gap", params={"scenario": "no-such-one"}).status_code == 404
    assert calls == ["ukraine-2025", "no-such-one"]
