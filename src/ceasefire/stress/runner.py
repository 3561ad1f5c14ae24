"""Running the engine: blocks spread over this process, local processes or a Dask cluster; results summarised.

``run(scenario, runs=..., seed=...) -> StressResult`` is what the CLI, ``ceasefire assess`` and the web API
call. It takes a ``progress(done, total)`` callback and a ``cancel`` hook (a callable returning True, or a
``threading.Event``) checked between blocks, for background jobs.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from ceasefire.domain import RulesOfEngagement, Scenario
from ceasefire.errors import CeasefireError
from ceasefire.stress.config import StressSpec, check_count, from_scenario
from ceasefire.stress.engine import RATIOS, TYPE_RATIOS, BlockStats, blocks, simulate_block
from ceasefire.stress.model import ROE_CODE, TYPES, Force, Prepared, prepare, response_cdf

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool] | Any


class StressCancelled(CeasefireError):
    """A run was cancelled through its cancel hook; nothing was returned."""


class Estimate(BaseModel):
    """A Monte Carlo estimate and its 95% confidence interval over replications."""

    model_config = ConfigDict(frozen=True)

    mean: float
    low: float
    high: float


class SectorResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    cells: int
    length_km: float
    probes: Estimate
    detected_share: Estimate
    attributed_share: Estimate
    answered_share: Estimate
    timely_share: Estimate
    unanswered_probability: Estimate
    mean_response_min: Estimate
    civilian_casualties: Estimate
    force_casualties: Estimate
    escalation_probability: Estimate


class StressResult(BaseModel):
    """Per sector and overall, with 95% intervals; no timings or timestamps, so a seed fixes the bytes."""

    model_config = ConfigDict(frozen=True)

    scenario: str
    runs: int
    days: int
    seed: int
    rules_of_engagement: str
    force: dict[str, Any]
    cells: int
    sector_days: int
    overall: dict[str, Estimate]
    response_time_min: dict[str, float | None]
    sectors: list[SectorResult]
    by_type: dict[str, dict[str, Estimate]]
    guarantee: str

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)


def force_for(scenario: Scenario, spec: StressSpec, capabilities: dict[str, Any] | None = None) -> Force:
    """The scenario's ``stress.force`` if given, else the sizing methods' median capabilities."""
    if spec.force is not None:
        f = spec.force
        return Force(troops=f.troops, monitors=f.monitors, units=dict(f.units), allocation=f.allocation)
    if capabilities is None:
        from ceasefire.sizing import size

        capabilities = size(scenario).capabilities
    from ceasefire.stress.model import force_from_capabilities

    return force_from_capabilities(capabilities)


def prepare_scenario(scenario: Scenario, *, days: int | None = None, force: Force | None = None,
                     roe: RulesOfEngagement | None = None, values: dict[str, float] | None = None,
                     spec: StressSpec | None = None) -> Prepared:
    spec = spec or from_scenario(scenario)
    base = {k: r.value for k, r in spec.parameters.items()}
    base.update(values or {})
    return prepare(scenario, force if force is not None else force_for(scenario, spec), days or spec.days,
                   base, roe or spec.rules_of_engagement, spec.cell_km, spec.failure_unanswered)


def _cancelled(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    if hasattr(cancel, "is_set"):
        return bool(cancel.is_set())
    return bool(cancel())


def simulate(prep: Prepared, runs: int, seed: int, *, scheduler: str | Any = "sync", workers: int | None = None,
             progress: Progress | None = None, cancel: Cancel | None = None, keep: bool = False) -> BlockStats:
    """All blocks of ``runs`` replications, merged in block order whatever ran them."""
    if runs < 1:
        raise CeasefireError(f"runs must be at least 1, got {runs}", field="runs")
    plan = blocks(runs)
    tasks = [(prep, seed, i, n, keep) for i, n in plan]
    # Merge in block order as soon as the next block is in: the floating-point sums are the same whatever
    # finished first, and only blocks that arrived out of order wait in memory.
    waiting: dict[int, BlockStats] = {}
    total: BlockStats | None = None
    next_block = done = 0
    for index, stats in parallel_map(simulate_block, tasks, scheduler, workers, cancel):
        waiting[index] = stats
        while next_block in waiting:
            block = waiting.pop(next_block)
            total = block if total is None else total + block
            next_block += 1
        done += stats.n
        if progress is not None:
            progress(done, runs)
    assert total is not None and not waiting
    return total


def parallel_map(fn: Callable[..., Any], tasks: list[tuple[Any, ...]], scheduler: str | Any = "sync",
                 workers: int | None = None, cancel: Cancel | None = None) -> Iterator[tuple[int, Any]]:
    """``fn(*task)`` for every task, yielded as (task index, result) in completion order.

    ``scheduler``: ``"sync"`` (this process), ``"local"`` (a pool of processes on this machine), a Dask
    scheduler address ``tcp://HOST:PORT`` or a ``distributed.Client``. The caller merges results by index,
    so the answer never depends on which worker ran what.
    """
    n_workers = workers or os.cpu_count() or 1
    if scheduler == "local" and len(tasks) > 1 and n_workers > 1:
        yield from _local(fn, tasks, n_workers, cancel)
    elif scheduler in ("sync", "local"):
        for i, task in enumerate(tasks):
            if _cancelled(cancel):
                raise StressCancelled("stress run cancelled")
            yield i, fn(*task)
    else:
        yield from _dask(fn, tasks, scheduler, cancel)


def _local(fn: Callable[..., Any], tasks: list[tuple[Any, ...]], workers: int,
           cancel: Cancel | None) -> Iterator[tuple[int, Any]]:
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fork: the workers inherit the imported modules, so a pool starts in milliseconds
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    pool = ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=ctx)
    try:
        pending = {pool.submit(fn, *task): i for i, task in enumerate(tasks)}
        while pending:
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if _cancelled(cancel):
                raise StressCancelled("stress run cancelled")
            for fut in finished:
                yield pending.pop(fut), fut.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask(fn: Callable[..., Any], tasks: list[tuple[Any, ...]], scheduler: str | Any,
          cancel: Cancel | None) -> Iterator[tuple[int, Any]]:
    own = isinstance(scheduler, str)
    if own and not str(scheduler).startswith(("tcp://", "tls://", "inproc://")):
        raise CeasefireError(f"unknown scheduler {scheduler!r}: expected 'local', 'sync' or tcp://HOST:PORT",
                             field="scheduler")
    from distributed import Client, as_completed

    try:
        client = Client(scheduler, timeout="5s") if own else scheduler
    except OSError as exc:
        raise CeasefireError(f"cannot reach the Dask scheduler {scheduler}: {exc}", field="scheduler") from None
    try:
        futures = [client.submit(fn, *task, pure=False) for task in tasks]
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in as_completed(futures):
            if _cancelled(cancel):
                client.cancel(futures)
                raise StressCancelled("stress run cancelled")
            yield index[fut.key], fut.result()
    finally:
        if own:
            client.close()


# --- summaries ----------------------------------------------------------------------------------------------

Z95 = 1.959963984540054


def _sig(x: float) -> float:
    """Round to 6 significant digits: stable, readable JSON without pretending to more precision."""
    if not math.isfinite(x) or x == 0:
        return 0.0
    return float(f"{x:.6g}")


def _mean(stats: BlockStats, name: str, col: int | None = None, kind: str = "count") -> Estimate:
    """Mean over replications with a 95% interval: normal for counts, clipped to [0, 1] for a bounded
    mean, Wilson score for a probability (the share of replications where something happened)."""
    n = stats.n
    s, s2 = stats.sums[name], stats.sums[f"{name}^2"]
    if col is not None:
        s, s2 = s[col], s2[col]
    s, s2 = float(s), float(s2)
    mean = s / n
    if kind == "probability":
        z2 = Z95 * Z95
        centre = (mean + z2 / (2 * n)) / (1 + z2 / n)
        half = Z95 * math.sqrt(mean * (1 - mean) / n + z2 / (4 * n * n)) / (1 + z2 / n)
        lo, hi = min(max(centre - half, 0.0), mean), max(min(centre + half, 1.0), mean)  # no rounding dust
        return Estimate(mean=_sig(mean), low=_sig(lo), high=_sig(hi))
    var = max(s2 - n * mean * mean, 0.0) / (n - 1) if n > 1 else 0.0
    half = Z95 * math.sqrt(var / n)
    lo, hi = mean - half, mean + half
    if kind == "bounded":
        lo, hi = max(lo, 0.0), min(hi, 1.0)
    return Estimate(mean=_sig(mean), low=_sig(lo), high=_sig(hi))


def _ratio(stats: BlockStats, num: str, den: str, col: int, clip: bool) -> Estimate:
    n = stats.n
    sx, sy = float(stats.sums[num][col]), float(stats.sums[den][col])
    if sy <= 0:
        return Estimate(mean=0.0, low=0.0, high=0.0)
    r = sx / sy
    sxx, syy = float(stats.sums[f"{num}^2"][col]), float(stats.sums[f"{den}^2"][col])
    sxy = float(stats.sums[f"{num}*{den}"][col])
    # delta method for a ratio of means: var(x - r y) / (n ybar^2)
    resid = max(sxx - 2 * r * sxy + r * r * syy, 0.0) / (n - 1) if n > 1 else 0.0
    half = Z95 * math.sqrt(resid / n) / (sy / n)
    lo, hi = r - half, r + half
    if clip:
        lo, hi = max(lo, 0.0), min(hi, 1.0)
    return Estimate(mean=_sig(r), low=_sig(lo), high=_sig(hi))


def _response_quantiles(prep: Prepared, stats: BlockStats) -> dict[str, float | None]:
    """Median and 90th percentile of the pooled response time of answered events (a mixture over types)."""
    w = stats.answered_by_type.astype(float)
    total = w.sum()
    if total == 0:
        return {"median": None, "p90": None}

    def cdf(t: float) -> float:
        starts = prep.layout.sector_start
        return float(sum((w[k] * response_cdf(prep.response, k, t, starts)).sum()
                         for k in range(len(TYPES)) if w[k].any()) / total)

    out: dict[str, float | None] = {}
    for label, q in (("median", 0.5), ("p90", 0.9)):
        lo, hi = 0.0, 60.0
        while cdf(hi) < q and hi < 1e6:
            hi *= 2
        for _ in range(30):  # to 1e-9 of the bracket: far below the model's precision
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if cdf(mid) < q else (lo, mid)
        out[label] = _sig(hi)
    return out


def summarise(prep: Prepared, stats: BlockStats, *, scenario: Scenario, runs: int, seed: int,
              force: Force) -> StressResult:
    last = len(prep.layout.sector_names)
    overall: dict[str, Estimate] = {}
    for key, (num, den) in RATIOS.items():
        overall[key] = _ratio(stats, num, den, last, clip=key != "mean_response_min")
    for key in ("probes", "detected", "attributed", "answered", "civilian_casualties", "force_casualties"):
        overall[key] = _mean(stats, key, last)
    overall["escalation_probability"] = _mean(stats, "escalation_any", kind="probability")
    overall["bluff_index"] = _mean(stats, "bluff", kind="probability")
    overall["fait_accompli_probability"] = _mean(stats, "fait_accompli", kind="probability")
    overall["credibility_index"] = _mean(stats, "credibility", kind="bounded")
    sectors = []
    lay = prep.layout
    for i, name in enumerate(lay.sector_names):
        cells = int((lay.cell_sector == i).sum())
        sectors.append(SectorResult(
            name=name, cells=cells, length_km=_sig(float(lay.cell_km[lay.cell_sector == i].sum())),
            probes=_mean(stats, "probes", i),
            **{k: _ratio(stats, num, den, i, clip=k != "mean_response_min") for k, (num, den) in RATIOS.items()},
            civilian_casualties=_mean(stats, "civilian_casualties", i),
            force_casualties=_mean(stats, "force_casualties", i),
            escalation_probability=_mean(stats, "escalation", i, kind="probability")))
    by_type = {}
    for k, name in enumerate(TYPES):
        row = {"probes": _mean(stats, "type_probes", k)}
        row.update({key: _ratio(stats, num, den, k, clip=True) for key, (num, den) in TYPE_RATIOS.items()})
        by_type[name] = row
    roe = next(r for r, c in ROE_CODE.items() if c == prep.roe)
    u = overall["unanswered_probability"].mean
    verdict = ("a bluff: most probes go unanswered" if u >= prep.failure_unanswered
               else "credible: most probes are answered" if u < 0.5 else "contested")
    return StressResult(
        scenario=scenario.name, runs=runs, days=prep.days, seed=seed, rules_of_engagement=str(roe),
        force={"troops": _sig(force.troops), "monitors": _sig(force.monitors),
               "units": {k: _sig(v) for k, v in sorted(force.units.items())}, "allocation": force.allocation},
        cells=int(lay.cell_km.size), sector_days=int(lay.cell_km.size) * prep.days * runs, overall=overall,
        response_time_min=_response_quantiles(prep, stats), sectors=sectors, by_type=by_type, guarantee=verdict)


def run(scenario: Scenario | None = None, *, runs: int | None = None, days: int | None = None,
        seed: int | None = None, force: Force | None = None, roe: RulesOfEngagement | None = None,
        values: dict[str, float] | None = None, scheduler: str | Any = "sync", workers: int | None = None,
        progress: Progress | None = None, cancel: Cancel | None = None,
        capabilities: dict[str, Any] | None = None) -> StressResult:
    """Stress-test the guarantee of ``scenario`` (bundled Ukraine 2025 when None).

    >>> r = run(runs=20, days=20, seed=1)
    >>> 0 <= r.overall["unanswered_probability"].mean <= 1
    True
    """
    if scenario is None:
        from ceasefire.scenario import load

        scenario = load()
    spec = from_scenario(scenario)
    runs = spec.runs if runs is None else runs
    days = spec.days if days is None else days
    seed = spec.seed if seed is None else seed
    check_count("runs", runs)
    check_count("days", days)
    if seed < 0:
        raise CeasefireError(f"seed must be non-negative, got {seed}", field="seed")
    from ceasefire.stress.model import layout

    layout(scenario, spec.cell_km)  # an empty line is refused before sizing or simulating anything
    if force is None:
        force = force_for(scenario, spec, capabilities)
    prep = prepare_scenario(scenario, days=days, force=force, roe=roe, values=values, spec=spec)
    stats = simulate(prep, runs, seed, scheduler=scheduler, workers=workers, progress=progress, cancel=cancel)
    return summarise(prep, stats, scenario=scenario, runs=runs, seed=seed, force=force)


def per_replication(prep: Prepared, runs: int, seed: int) -> dict[str, np.ndarray]:
    """The raw per-replication values (overall column), for statistical tests against the twin."""
    stats = simulate(prep, runs, seed, keep=True)
    assert stats.per_replication is not None
    return {k: (v[:, -1] if v.ndim == 2 else v) for k, v in stats.per_replication.items()}


QUICK_RUNS, QUICK_DAYS = 50, 60


def quick_credibility(scenario: Scenario, capabilities: dict[str, Any] | None = None) -> dict[str, Any]:
    """A small default run for ``ceasefire assess``: is the sized force's guarantee credible or a bluff?

    Kept under ~0.1 s (no Dask, SALib, Mesa or SciPy): ``QUICK_RUNS`` replications of ``QUICK_DAYS`` days,
    seed from the scenario. ``ceasefire stress`` runs the full model with more replications.
    """
    spec = from_scenario(scenario)
    result = run(scenario, runs=QUICK_RUNS, days=QUICK_DAYS, seed=spec.seed, capabilities=capabilities)
    o = result.overall

    def pct(key: str) -> str:
        e = o[key]
        return f"{e.mean:.0%} ({e.low:.0%}-{e.high:.0%})"

    summary = (f"Against a probing adversary over {result.days} days ({result.runs} runs, rules of engagement "
               f"{result.rules_of_engagement}), {pct('unanswered_probability')} of probes go unanswered; "
               f"{pct('detected_share')} are detected and {pct('attributed_share')} attributed. The adversary "
               f"ends up believing {o['credibility_index'].mean:.0%} of probes are answered; some sector "
               f"reaches a local offensive in {pct('escalation_probability')} of runs. Verdict: "
               f"{result.guarantee}. Run 'ceasefire stress' for the full test and 'ceasefire sweep' for what "
               "drives it.")
    return {"summary": summary, "runs": result.runs, "days": result.days, "seed": result.seed,
            "rules_of_engagement": result.rules_of_engagement, "guarantee": result.guarantee,
            "force": result.force,
            **{k: o[k].model_dump() for k in ("unanswered_probability", "detected_share", "attributed_share",
                                              "answered_share", "timely_share", "credibility_index",
                                              "escalation_probability", "bluff_index",
                                              "fait_accompli_probability")}}
