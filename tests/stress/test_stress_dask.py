"""Scale-out on Dask: the same seed gives the same numbers on one and on two workers as in one process."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ceasefire import scenario
from ceasefire.errors import CeasefireError
from ceasefire.stress.engine import BLOCK
from ceasefire.stress.runner import prepare_scenario, run, simulate

SMALL = Path(__file__).with_name("small.yaml")


@pytest.fixture(scope="module")
def prep():
    return prepare_scenario(scenario.load(str(SMALL)), days=10)


@pytest.mark.parametrize("workers", [1, 2])
def test_dask_workers_match_single_process(prep, workers):
    from distributed import Client, LocalCluster

    runs = 2 * BLOCK + 11
    expected = simulate(prep, runs, seed=21, scheduler="sync")
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        got = simulate(prep, runs, seed=21, scheduler=client)
        # and by address, as `--scheduler tcp://HOST:PORT` does
        by_address = simulate(prep, runs, seed=21, scheduler=cluster.scheduler_address)
    for k in expected.sums:
        np.testing.assert_array_equal(expected.sums[k], got.sums[k])
        np.testing.assert_array_equal(expected.sums[k], by_address.sums[k])
    np.testing.assert_array_equal(expected.answered_by_type, got.answered_by_type)


def test_unknown_scheduler_is_a_one_line_error():
    with pytest.raises(CeasefireError, match="unknown scheduler"):
        run(scenario.load(str(SMALL)), runs=300, days=2, scheduler="carrier-pigeon")


def test_unreachable_scheduler_is_a_one_line_error():
    with pytest.raises(CeasefireError, match="cannot reach"):
        run(scenario.load(str(SMALL)), runs=300, days=2, scheduler="tcp://127.0.0.1:9")
