"""The engine and the Mesa twin implement the same model: they agree statistically, and a change shows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ceasefire.scenario import load
from ceasefire.stress import twin
from ceasefire.stress.runner import per_replication, prepare_scenario

SMALL = Path(__file__).with_name("small.yaml")
TWIN_RUNS = 150


@pytest.fixture(scope="module")
def small():
    sc = load(str(SMALL))
    prep = prepare_scenario(sc, days=20)
    return prep, per_replication(prep, 3000, seed=11)


def test_engine_and_twin_agree(small):
    prep, engine = small
    reference = twin.replicate(prep, TWIN_RUNS, seed=5)
    assert twin.disagreements(engine, reference) == []


def test_agreement_test_detects_a_changed_parameter(small):
    prep, engine = small
    # The twin answers with a lower authorisation probability than the engine: the test must notice.
    changed = replace(prep, p_auth=prep.p_auth * 0.6)
    reference = twin.replicate(changed, TWIN_RUNS, seed=5)
    found = twin.disagreements(engine, reference)
    # fewer answers teach the adversary that probes go unanswered: credibility falls, probing rises
    assert any(f.startswith("credibility") for f in found), found


def test_twin_observe_report_never_answers():
    sc = load(str(SMALL))
    from ceasefire.domain import RulesOfEngagement

    prep = prepare_scenario(sc, days=5, roe=RulesOfEngagement.OBSERVE_REPORT)
    out = twin.replicate(prep, 5, seed=1)
    assert out["answered"].sum() == 0
    assert out["probes"].sum() > 0
