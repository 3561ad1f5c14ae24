"""Stress-test a ceasefire guarantee: a fast stochastic model of the line, its twin, sweeps and scale-out.

``run(scenario, runs=..., seed=...) -> StressResult`` is the entry point (see docs/stress-model.md).
Names are loaded on first use, so that reading a scenario's ``stress:`` section stays cheap; heavy optional
dependencies (Dask, SALib, Mesa, SciPy) are imported only by the functions that need them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Force": "model", "force_from_capabilities": "model", "prepare": "model",
    "Estimate": "runner", "StressCancelled": "runner", "StressResult": "runner", "run": "runner",
    "simulate": "runner", "summarise": "runner", "quick_credibility": "runner",
    "sweep": "sensitivity", "compare": "sensitivity", "prim": "sensitivity",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f"ceasefire.stress.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'ceasefire.stress' has no attribute {name!r}")
