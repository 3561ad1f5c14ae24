"""Sobol sweeps report first, total and second-order indices; PRIM finds the failing region."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ceasefire import scenario
from ceasefire.errors import CeasefireError
from ceasefire.stress.sensitivity import OUTPUTS, prim, sweep

SMALL = Path(__file__).with_name("small.yaml")


def test_sobol_sweep_finds_authorisation_drives_unanswered_probes():
    sc = scenario.load(str(SMALL))
    names = ["authorisation_defend_mandate", "night_weather_factor", "cluster_size_shelling"]
    out = sweep(sc, method="sobol", samples=16, runs=8, days=8, seed=3, parameters=names, threshold=0.6)
    assert out["points"] == 16 * (2 * len(names) + 2)
    idx = out["indices"]["unanswered_probability"]
    assert set(idx["first_total"]) == set(names)
    assert {"S1", "ST", "S1_conf", "ST_conf"} <= set(idx["first_total"][names[0]])
    assert idx["second_order"] and "S2" in idx["second_order"][0]
    # the authorisation probability gates every answer; the shelling cluster size only scales casualties
    assert out["drivers"]["unanswered_probability"][0] == "authorisation_defend_mandate"
    assert set(out["indices"]) == set(OUTPUTS)


def test_prim_recovers_a_two_sided_box():
    rng = np.random.default_rng(1)
    X = rng.random((2000, 3))
    y = (X[:, 0] > 0.6) & (X[:, 2] < 0.3)
    box = prim(X, y, ["a", "b", "c"])
    assert box["box"]["a"][0] > 0.5
    assert box["box"]["c"][1] < 0.4
    assert box["density"] > 0.8 and box["coverage"] > 0.7


def test_prim_with_no_failures_says_so():
    assert prim(np.zeros((10, 2)), np.zeros(10, bool), ["a", "b"])["box"] == {}


def test_sweeping_a_parameter_the_scenario_fixes_is_refused():
    sc = scenario.load(str(SMALL))  # small.yaml fixes rate_raid at 0.002
    with pytest.raises(CeasefireError, match="fixed"):
        sweep(sc, method="morris", samples=2, runs=2, days=2, parameters=["rate_raid"])


@pytest.mark.parametrize(("kw", "words"), [
    ({"troops": [1e12]}, "from 0 to 2,000,000"),  # a force StressSpec would refuse
    ({"troops": [float("nan")]}, "from 0 to"),
    ({"troops": []}, "no force options"),  # used to return an empty comparison
    ({"mandates": []}, "no force options"),
])
def test_compare_refuses_options_it_cannot_run(kw, words):
    from ceasefire.stress.sensitivity import compare

    sc = scenario.load(SMALL)
    sc = sc.model_copy(update={"stress": {k: v for k, v in sc.stress.items() if k != "options"}})
    with pytest.raises(CeasefireError, match=words):
        compare(sc, runs=2, days=2, **kw)


def test_sweep_and_compare_check_days_like_run():
    # 'days or spec.days' used to turn days=0 into the scenario's days, and days had no upper limit
    from ceasefire.stress.sensitivity import compare

    sc = scenario.load(SMALL)
    with pytest.raises(CeasefireError, match="days must be at least 1"):
        sweep(sc, method="morris", samples=2, runs=2, days=0)
    with pytest.raises(CeasefireError, match="days must be at most"):
        compare(sc, runs=2, days=100_000)
