"""The stress commands through the real CLI: byte-identical JSON for a seed, one-line errors, sweeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SMALL = str(Path(__file__).with_name("small.yaml"))


def test_stress_json_is_byte_identical_for_a_seed_and_scheduler(cli):
    args = ["stress", SMALL, "--runs", "300", "--days", "10", "--seed", "4", "--json"]
    a = cli(*args)
    b = cli(*args, "--scheduler", "sync")
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout
    data = json.loads(a.stdout)
    assert data["runs"] == 300 and data["seed"] == 4
    assert {s["name"] for s in data["sectors"]} == {"North", "South"}
    # results only: no timings, timestamps or host names that would change from one run to the next
    assert set(data) == {"scenario", "runs", "days", "seed", "rules_of_engagement", "force", "cells",
                         "sector_days", "overall", "response_time_min", "sectors", "by_type", "guarantee"}


def test_stress_human_output_names_the_verdict(cli):
    r = cli("stress", SMALL, "--runs", "20", "--days", "5", "--scheduler", "sync")
    assert r.returncode == 0, r.stderr
    assert "Verdict" in r.stdout and "North" in r.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["--runs", "0"], "runs must be at least 1"),
    (["--days", "0"], "days must be at least 1"),
    (["--days", "100000"], "days must be at most 3,650"),  # used to start a run of 100,000 days
    (["--runs", "100000000"], "runs must be at most 10,000,000"),
    (["--seed", "-3"], "seed must be non-negative"),
    (["--scheduler", "nowhere"], "unknown scheduler"),
])
def test_bad_arguments_give_one_line_and_exit_2(cli, args, words):
    r = cli("stress", SMALL, *args)
    assert r.returncode == 2
    assert words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr


def test_bad_scenario_value_is_one_line(cli, tmp_path):
    text = Path(SMALL).read_text().replace("rate_raid: 0.002", "rate_raid: -1")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    r = cli("stress", str(bad), "--json")
    assert r.returncode == 2
    line = r.stderr.strip()
    assert "bad.yaml:" in line and "stress.parameters.rate_raid" in line and "\n" not in line


def test_sweep_morris_json_names_drivers_and_a_prim_box(cli):
    r = cli("sweep", SMALL, "--method", "morris", "--samples", "4", "--runs", "4", "--days", "8", "--json",
            "-p", "authorisation_defend_mandate", "-p", "rate_shelling", "-p", "qrf_share",
            "-p", "night_weather_factor", "--threshold", "0.6", "--scheduler", "sync")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["method"] == "morris"
    drivers = data["drivers"]["unanswered_probability"]
    assert set(drivers) <= set(data["parameters"]) and drivers
    assert set(data["indices"]) >= {"unanswered_probability", "credibility_index", "escalation_probability"}
    assert "box" in data["scenario_discovery"]


def test_stress_compare_json(cli):
    r = cli("stress-compare", SMALL, "--troops", "500,5000", "--mandates", "monitor,deter", "--runs", "40",
            "--days", "8", "--json", "--scheduler", "sync")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["options"]
    assert [x["option"] for x in rows] == ["monitor 500", "monitor 5,000", "deter 500", "deter 5,000"]
    monitor = rows[0]
    assert monitor["unanswered_probability"]["mean"] == 1.0  # monitors observe and report, never answer


def test_stress_the_pledged_force_from_the_ledger(cli, tmp_path):
    from ceasefire import coalition, scenario
    from ceasefire.ledger.io import load_seed
    from ceasefire.ledger.store import open_ledger

    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    ledger = open_ledger(url)
    load_seed(ledger)
    pledged = {c.capability: c.total.low for c in coalition.gap(scenario.load(SMALL), ledger=ledger).capabilities}
    r = cli("stress", SMALL, "--force", "pledged", "--runs", "20", "--days", "5", "--json", "--scheduler", "sync",
            env={"CEASEFIRE_DB": url})
    assert r.returncode == 0, r.stderr
    force = json.loads(r.stdout)["force"]
    assert force["troops"] == pytest.approx(pledged["manoeuvre"], rel=1e-5) and force["troops"] > 0


def test_stress_pledged_with_an_empty_ledger_is_one_line(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    r = cli("stress", SMALL, "--force", "pledged", "--runs", "5", "--days", "2", env={"CEASEFIRE_DB": url})
    assert r.returncode == 2
    assert "no pledged troops" in r.stderr and len(r.stderr.strip().splitlines()) == 1
