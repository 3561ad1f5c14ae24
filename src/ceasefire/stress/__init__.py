"""Stress-test a ceasefire guarantee: a fast stochastic model of the line, its twin, sweeps and scale-out.

``run(scenario, runs=..., seed=...) -> StressResult`` is the entry point (see docs/stress-model.md).
Heavy optional dependencies (Dask, SALib, Mesa, SciPy) are imported only by the functions that need them.
"""

from __future__ import annotations

from ceasefire.stress.model import Force, force_from_capabilities, prepare
from ceasefire.stress.runner import Estimate, StressCancelled, StressResult, run, simulate, summarise

__all__ = ["Estimate", "Force", "StressCancelled", "StressResult", "force_from_capabilities", "prepare", "run",
           "simulate", "summarise"]
