"""The engine: reproducible for a seed whatever the chunking, sane invariants, one-line errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire import scenario
from ceasefire.domain import RulesOfEngagement
from ceasefire.errors import CeasefireError, ScenarioError
from ceasefire.stress import Force, run
from ceasefire.stress.engine import BLOCK, simulate_block
from ceasefire.stress.parameters import table
from ceasefire.stress.runner import per_replication, prepare_scenario, simulate

SMALL = Path(__file__).with_name("small.yaml")


@pytest.fixture(scope="module")
def small():
    return scenario.load(str(SMALL))


def test_same_seed_same_result_and_different_seed_differs(small):
    a = run(small, runs=60, days=15, seed=3)
    b = run(small, runs=60, days=15, seed=3)
    c = run(small, runs=60, days=15, seed=4)
    assert a.to_json() == b.to_json()
    assert a.to_json() != c.to_json()


def test_blocks_do_not_depend_on_how_many_runs_follow(small):
    prep = prepare_scenario(small, days=10)
    short = per_replication(prep, BLOCK, seed=9)
    long = per_replication(prep, BLOCK + 37, seed=9)
    for k in ("probes", "answered", "credibility"):
        np.testing.assert_array_equal(short[k], long[k][:BLOCK])


def test_local_processes_equal_this_process(small):
    prep = prepare_scenario(small, days=10)
    one = simulate(prep, 3 * BLOCK + 5, seed=2, scheduler="sync")
    two = simulate(prep, 3 * BLOCK + 5, seed=2, scheduler="local", workers=2)
    assert one.n == two.n
    for k in one.sums:
        np.testing.assert_array_equal(one.sums[k], two.sums[k])


def test_block_stats_merge_is_ordered_sum(small):
    prep = prepare_scenario(small, days=5)
    a, b = simulate_block(prep, 1, 0, 10), simulate_block(prep, 1, 1, 10)
    both = a + b
    assert both.n == 20
    np.testing.assert_allclose(both.sums["probes"], a.sums["probes"] + b.sums["probes"])


def test_observe_and_report_answers_nothing(small):
    r = run(small, runs=30, days=10, seed=1, roe=RulesOfEngagement.OBSERVE_REPORT)
    assert r.overall["answered_share"].mean == 0
    assert r.overall["unanswered_probability"].mean == 1
    assert r.overall["probes"].mean > 0


def test_a_bigger_force_leaves_fewer_probes_unanswered(small):
    kw = {"runs": 200, "days": 20, "seed": 5}
    units = {"counter_drone": 6, "electronic_warfare": 3, "sensors": 6, "isr": 1}
    thin = run(small, force=Force(troops=200, units=units), **kw).overall["unanswered_probability"]
    thick = run(small, force=Force(troops=6000, units={k: 4 * v for k, v in units.items()}),
                **kw).overall["unanswered_probability"]
    assert thick.high < thin.low


def _random_values(draw) -> dict[str, float]:
    out = {}
    for key, p in table().items():
        if p.uncertain:
            out[key] = p.ppf(draw(st.floats(0, 1)))
    return out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), roe=st.sampled_from(list(RulesOfEngagement)))
def test_invariants_hold_anywhere_in_the_parameter_ranges(small, data, roe):
    values = _random_values(data.draw)
    prep = prepare_scenario(small, days=8, values=values, roe=roe)
    v = per_replication(prep, 12, seed=data.draw(st.integers(0, 10_000)))
    assert (v["probes"] >= v["detected"]).all()
    assert (v["detected"] >= v["attributed"]).all()
    assert (v["detected"] >= v["answered"]).all()
    assert (v["answered"] >= v["timely"]).all()
    assert ((v["credibility"] >= 0) & (v["credibility"] <= 1)).all()
    r = run(small, runs=12, days=8, seed=1, values=values, roe=roe)
    for key in ("detected_share", "attributed_share", "answered_share", "timely_share", "unanswered_probability",
                "escalation_probability", "bluff_index", "credibility_index"):
        e = r.overall[key]
        assert 0 <= e.low <= e.mean <= e.high <= 1, (key, e)
    assert prep.q_elig.min() >= 0 and prep.q_elig.max() <= 1
    assert np.allclose(prep.cat_p.sum(-1), 1)


def _with_stress(extra: str) -> str:
    text = SMALL.read_text()
    return text[:text.index("stress:")] + "stress:\n" + extra


@pytest.mark.parametrize(("extra", "field", "words"), [
    ("  parameters: {kill_probability: 1.5}\n", "stress.parameters.kill_probability", "probability in [0, 1]"),
    ("  parameters: {rate_raid: -0.1}\n", "stress.parameters.rate_raid", "non-negative"),
    ("  parameters: {no_such_thing: 1}\n", "stress.parameters.no_such_thing", "unknown stress parameter"),
    ("  runs: 0\n", "stress.runs", "greater than or equal to 1"),
    ("  failure_unanswered: 2\n", "stress.failure_unanswered", "less than or equal to 1"),
    # each of these used to reach a ZeroDivisionError, a math domain error or NumPy's 'lam value too large'
    ("  parameters: {overdispersion_shape: 0}\n", "stress.parameters.overdispersion_shape", "positive"),
    ("  parameters: {calm_duration_days: 0}\n", "stress.parameters.calm_duration_days", "at least 1"),
    ("  parameters: {spike_duration_days: 0.1}\n", "stress.parameters.spike_duration_days", "at least 1"),
    ("  parameters: {service_hours: 0}\n", "stress.parameters.service_hours", "positive"),
    ("  parameters: {decision_hours_caveat: 0}\n", "stress.parameters.decision_hours_caveat", "positive"),
    ("  parameters: {ground_speed_kmh: [0, 10]}\n", "stress.parameters.ground_speed_kmh", "positive"),
    ("  parameters: {rate_drone_recon: 1e300}\n", "stress.parameters.rate_drone_recon", "at most"),
])
def test_bad_stress_values_give_one_line_naming_file_line_field(extra, field, words):
    with pytest.raises(ScenarioError) as err:
        scenario.parse(_with_stress(extra), "bad.yaml")
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith("bad.yaml:")
    assert field in msg and words in msg
    assert err.value.line is not None


def test_empty_sectors_are_refused_before_any_work():
    text = "name: x\ntheatre: {reference: ukraine, sectors: []}\nmandate: {kind: deter}\n"
    sc = scenario.parse(text, "empty.yaml")
    with pytest.raises(CeasefireError, match="sectors"):
        run(sc, runs=5, days=2, force=Force(troops=10))


@pytest.mark.parametrize("kw", [{"runs": 0}, {"days": 0}, {"seed": -1}])
def test_bad_run_arguments(small, kw):
    with pytest.raises(CeasefireError):
        run(small, **{"runs": 5, "days": 2, **kw})


def test_progress_and_cancel_hooks(small):
    seen = []
    run(small, runs=2 * BLOCK, days=2, seed=1, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2 * BLOCK, 2 * BLOCK)
    from ceasefire.stress import StressCancelled

    with pytest.raises(StressCancelled):
        run(small, runs=2 * BLOCK, days=2, seed=1, cancel=lambda: True)


def test_parameter_table_is_sourced_and_graded():
    for p in table().values():
        assert p.source_url.startswith("http") and p.as_of and p.grade
        assert p.low <= p.value <= p.high
        if p.is_probability:
            assert p.low >= 0 and p.high <= 1, p.key


def test_every_parameter_is_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "stress-model.md").read_text()
    missing = [k for k in table() if f"`{k}`" not in doc]
    assert missing == []


def test_answers_never_exceed_daily_capacity(small):
    # three quick-reaction teams spread over six cells: capacity binds on busy days
    force = Force(troops=600, units={"sensors": 6, "isr": 1})
    prep = prepare_scenario(small, days=15, force=force)
    assert prep.capacity.sum() > 0
    v = per_replication(prep, 60, seed=8)
    assert (v["answered"] <= prep.capacity.sum() * 15).all()
    assert v["answered"].max() > 0


def test_event_types_add_up_to_the_line(small):
    r = run(small, runs=40, days=10, seed=6)
    assert set(r.by_type) == {"drone_recon", "drone_strike", "shelling", "small_arms", "infiltration", "raid"}
    total = sum(t["probes"].mean for t in r.by_type.values())
    assert total == pytest.approx(r.overall["probes"].mean, rel=1e-4)
    answered = sum(t["probes"].mean * t["answered_share"].mean for t in r.by_type.values())
    assert answered == pytest.approx(r.overall["answered"].mean, rel=1e-3)


@pytest.mark.parametrize(("kw", "words"), [({"days": 100_000}, "days must be at most"),
                                           ({"runs": 0}, "runs must be at least 1")])
def test_run_keeps_runs_and_days_within_the_scenario_limits(kw, words):
    sc = scenario.load(SMALL)
    with pytest.raises(CeasefireError, match=words):
        run(sc, **kw)


def test_stress_parameter_rows_are_checked_like_every_sourced_row():
    import pytest

    from ceasefire.errors import DataError
    from ceasefire.reference import validate_row
    from ceasefire.stress.parameters import Parameter

    good = {"key": "rate_x", "low": "0.1", "value": "0.2", "high": "0.3", "unit": "per day",
            "distribution": "uniform", "grade": "C", "symbol": "", "description": "", "reference": "",
            "source_url": "https://example.org/a ; https://example.org/b", "as_of": "2025-03"}
    assert validate_row(Parameter, good, "p.csv", 2).high == 0.3
    for field, bad in [("as_of", "soon"), ("source_url", "https://example.org ; nowhere"), ("grade", "E"),
                       ("distribution", "normal"), ("value", "0.5")]:
        with pytest.raises(DataError) as e:
            validate_row(Parameter, {**good, field: bad}, "p.csv", 7)
        assert str(e.value).startswith("p.csv:7") and e.value.field == field
