"""The coalition gap and plan: the programme against answers worked by hand, and the bundled ledger over time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.coalition import Bounds, Problem, Provider, offers, solve
from ceasefire.ledger.records import PledgeRecord

TROOPS = {"manoeuvre": 1.0}


def test_two_nations_share_in_proportion_to_capacity():
    # min t s.t. a + b = 90, a <= 100 t, b <= 50 t  ->  t = 90/150 = 0.6, a = 60, b = 30
    s = solve(Problem(requirement={"manoeuvre": 90}, crew=TROOPS,
                      providers=[Provider(code="AAA", capacity_inside=100, capacity_total=100),
                                 Provider(code="BBB", capacity_inside=50, capacity_total=50)]))
    assert s.feasible and s.max_burden == pytest.approx(0.6)
    assert s.contributions == {"AAA": {"manoeuvre": 60.0}, "BBB": {"manoeuvre": 30.0}}
    assert s.shortfall == {"manoeuvre": 0.0}


def test_infeasible_reports_smallest_shortfall_and_binding_limits():
    # 200 needed, 150 available: short 50, both nations at capacity
    s = solve(Problem(requirement={"manoeuvre": 200}, crew=TROOPS,
                      providers=[Provider(code="AAA", capacity_inside=100, capacity_total=100),
                                 Provider(code="BBB", capacity_inside=50, capacity_total=50)]))
    assert not s.feasible
    assert s.shortfall["manoeuvre"] == pytest.approx(50)
    assert any("AAA" in b and "BBB" in b for b in s.binding)


def test_no_troops_in_ukraine_gives_enablers_from_outside_only():
    # BBB may only give ISR (orbits of 10 people); AAA must carry all manoeuvre troops.
    # need: 40 troops + 4 ISR orbits. AAA: 100 inside. BBB: 0 inside, 40 outside.
    # If AAA gave all ISR too: 80/100 = 0.8. Best: AAA 40 troops (0.4), BBB 4 orbits = 40 people (1.0)? No:
    # min max -> AAA takes 40 troops + k orbits, BBB 4-k orbits: max((40+10k)/100, 10(4-k)/40).
    # k=0: max(0.4, 1.0)=1.0; k=1: max(0.5, 0.75)=0.75; k=2: max(0.6, 0.5)=0.6; k=3: 0.7 -> k=2, t=0.6
    s = solve(Problem(requirement={"manoeuvre": 40, "isr": 4}, crew={"manoeuvre": 1, "isr": 10},
                      providers=[Provider(code="AAA", capacity_inside=100, capacity_total=100),
                                 Provider(code="BBB", capacity_inside=0, capacity_total=40,
                                          allowed=["isr"])]))
    assert s.feasible and s.max_burden == pytest.approx(0.6)
    assert s.contributions["AAA"] == {"manoeuvre": 40.0, "isr": 2.0}
    assert s.contributions["BBB"] == {"isr": 2.0}


def test_capability_nobody_can_give_is_named():
    s = solve(Problem(requirement={"manoeuvre": 10, "air_defence": 2}, crew={"manoeuvre": 1, "air_defence": 50},
                      providers=[Provider(code="AAA", capacity_inside=0, capacity_total=500, allowed=["isr"]),
                                 Provider(code="BBB", capacity_inside=20, capacity_total=20)]))
    assert not s.feasible
    assert s.shortfall == {"manoeuvre": 0.0, "air_defence": 2.0}
    assert any(b.startswith("air_defence: no nation able") for b in s.binding)


def test_stated_limit_caps_a_share():
    # AAA offered "up to 20": BBB must carry the other 70 -> t = 70/100
    s = solve(Problem(requirement={"manoeuvre": 90}, crew=TROOPS,
                      providers=[Provider(code="AAA", capacity_inside=100, capacity_total=100,
                                          maximum={"manoeuvre": 20}),
                                 Provider(code="BBB", capacity_inside=100, capacity_total=100)]))
    assert s.contributions["AAA"]["manoeuvre"] == 20 and s.contributions["BBB"]["manoeuvre"] == 70
    assert s.max_burden == pytest.approx(0.7)


def test_whole_units_force_a_worse_split():
    # 3 batteries of 10 people, two equal nations of 20: a 1.5/1.5 split is not allowed -> 2 and 1, t = 1.0
    s = solve(Problem(requirement={"air_defence": 3}, crew={"air_defence": 10},
                      providers=[Provider(code="AAA", capacity_inside=20, capacity_total=20),
                                 Provider(code="BBB", capacity_inside=20, capacity_total=20)]))
    assert s.feasible and s.max_burden == pytest.approx(1.0)
    assert sorted(v["air_defence"] for v in s.contributions.values()) == [1.0, 2.0]


@settings(max_examples=40, deadline=None)
@given(need=st.integers(1, 500), caps=st.lists(st.integers(0, 300), min_size=1, max_size=6))
def test_plan_never_exceeds_capacity_and_covers_when_it_can(need, caps):
    providers = [Provider(code=f"N{i:02d}", capacity_inside=c, capacity_total=c) for i, c in enumerate(caps)]
    s = solve(Problem(requirement={"manoeuvre": need}, crew=TROOPS, providers=providers))
    given_total = sum(v.get("manoeuvre", 0) for v in s.contributions.values())
    for p in providers:
        assert s.contributions.get(p.code, {}).get("manoeuvre", 0) <= p.capacity_total + 1e-6
    if sum(caps) >= need:
        assert s.feasible and given_total >= need
        # the optimum of min-max with continuous troops is need / total capacity
        assert s.max_burden == pytest.approx(need / sum(caps), abs=1 / max(1, min(c for c in caps if c)) + 1e-3)
    else:
        assert not s.feasible and s.shortfall["manoeuvre"] == pytest.approx(need - sum(caps))


def _pledge(pid, provider, capability, quantity, status="announced", conditions=(), date="2025-03-02"):
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return PledgeRecord(id=pid, version=1, provider=provider, capability=capability, quantity=quantity,
                        unit="troops", conditions=list(conditions), status=status, date=dt.date.fromisoformat(date),
                        statement_id=None, source_id="src-x", notes="", recorded_at=now, recorded_by="t")


def test_restated_pledges_merge_not_add():
    from ceasefire.coalition import Capacity

    caps = {"GBR": Capacity(code="GBR", name="UK", active_personnel=100_000, inside=10_000, total=10_000, basis="")}
    ps = [_pledge("a", "GBR", "manoeuvre", None, conditions=["us_backstop"]),
          _pledge("b", "GBR", "manoeuvre", 5000, date="2025-04-30", conditions=["ceasefire_first"]),
          _pledge("c", "GBR", "manoeuvre", None, status="committed", date="2025-07-10",
                  conditions=["ceasefire_first"])]
    (o,) = offers(ps, {"manoeuvre": 20_000}, {"manoeuvre": 1.0}, caps)
    assert o.quantity == 5000 and o.bounds == Bounds(low=5000, high=5000)
    assert o.status == "committed" and o.firm  # ceasefire_first is the premise of the force, not a hostage
    assert o.pledge_ids == ["a", "b", "c"]
    (u,) = offers([ps[0]], {"manoeuvre": 20_000}, {"manoeuvre": 1.0}, caps)
    assert u.bounds == Bounds(low=0, high=10_000, unspecified=1) and not u.firm


def test_assessment_section_closes_the_ledger_it_opens(monkeypatch):
    # The API and reports call this once per request: an engine left open per call leaks its connection pool.
    from ceasefire.coalition import assessment_section
    from ceasefire.ledger.store import Ledger
    from ceasefire.scenario import load
    from ceasefire.sizing import size

    closed: list[str] = []
    real_close = Ledger.close
    monkeypatch.setattr(Ledger, "close", lambda self: (closed.append(self.url), real_close(self))[1])
    sc = load(None)
    section = assessment_section(sc, size(sc), url="sqlite:///:memory:")
    assert section["available"] is False and "empty" in section["summary"]
    assert closed == ["sqlite:///:memory:"]
