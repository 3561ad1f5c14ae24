"""Exploration: Sobol or Morris sensitivity over the parameter table, PRIM scenario discovery, force options.

Every design point runs the engine with the same seed (common random numbers), so differences between
points come from the parameters, not from sampling noise. Points are spread over the same schedulers as
a plain run (this process, local processes or a Dask cluster) and merged by index.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ceasefire.domain import RulesOfEngagement, Scenario
from ceasefire.errors import CeasefireError
from ceasefire.stress.config import MAX_TROOPS, check_count, from_scenario
from ceasefire.stress.model import Force, Prepared
from ceasefire.stress.parameters import table
from ceasefire.stress.runner import (
    Cancel,
    Progress,
    force_for,
    parallel_map,
    prepare_scenario,
    simulate,
    summarise,
)

OUTPUTS = ("unanswered_probability", "answered_share", "timely_share", "detected_share", "attributed_share",
           "credibility_index", "escalation_probability", "bluff_index", "fait_accompli_probability",
           "civilian_casualties", "force_casualties")
POINTS_PER_TASK = 8


def _evaluate(scenario: Scenario, force: Force, days: int, runs: int, seed: int,
              points: list[dict[str, float]]) -> np.ndarray:
    """Means of every output at each design point (rows) — one task's worth of points."""
    out = np.zeros((len(points), len(OUTPUTS)))
    spec = from_scenario(scenario)
    for i, values in enumerate(points):
        prep = prepare_scenario(scenario, days=days, force=force, values=values, spec=spec)
        res = summarise(prep, simulate(prep, runs, seed), scenario=scenario, runs=runs, seed=seed, force=force)
        out[i] = [res.overall[k].mean for k in OUTPUTS]
    return out


def evaluate_points(scenario: Scenario, force: Force, points: list[dict[str, float]], *, days: int, runs: int,
                    seed: int, scheduler: str | Any = "sync", workers: int | None = None,
                    progress: Progress | None = None, cancel: Cancel | None = None) -> np.ndarray:
    chunks = [points[i:i + POINTS_PER_TASK] for i in range(0, len(points), POINTS_PER_TASK)]
    tasks = [(scenario, force, days, runs, seed, chunk) for chunk in chunks]
    results: dict[int, np.ndarray] = {}
    done = 0
    for index, rows in parallel_map(_evaluate, tasks, scheduler, workers, cancel):
        results[index] = rows
        done += len(rows)
        if progress is not None:
            progress(done, len(points))
    return np.concatenate([results[i] for i in range(len(chunks))]) if chunks else np.zeros((0, len(OUTPUTS)))


def uncertain_parameters(scenario: Scenario, names: Sequence[str] | None = None) -> list[str]:
    """The parameters a sweep varies: those named, else every one with a range (scenario ranges win)."""
    spec = from_scenario(scenario)
    t = table()
    def bounds(key: str) -> tuple[float, float]:
        r = spec.parameters.get(key)
        return (r.low, r.high) if r is not None else (t[key].low, t[key].high)

    if names:
        for n in names:
            if n not in t:
                raise CeasefireError(f"unknown stress parameter {n!r}", field="parameters")
            lo, hi = bounds(n)
            if not hi > lo:
                raise CeasefireError(f"parameter {n!r} is fixed at {lo:g} (by the scenario or the table): give it "
                                     "a range in stress.parameters to sweep it", field="parameters")
        return list(names)
    return [key for key in t if bounds(key)[1] > bounds(key)[0]]


def _to_values(scenario: Scenario, names: list[str], unit: np.ndarray) -> list[dict[str, float]]:
    """Map unit-cube design points to parameter values through each parameter's distribution."""
    spec = from_scenario(scenario)
    t = table()
    out = []
    for row in unit:
        values = {}
        for name, u in zip(names, row, strict=True):
            p = t[name]
            r = spec.parameters.get(name)
            if r is not None:
                p = type(p)(**{**p.__dict__, "low": r.low, "value": r.value, "high": r.high})
            values[name] = p.ppf(float(np.clip(u, 0, 1)))
        out.append(values)
    return out


def sweep(scenario: Scenario, *, method: str = "sobol", samples: int | None = None, runs: int = 16,
          days: int | None = None, seed: int | None = None, parameters: Sequence[str] | None = None,
          threshold: float | None = None, scheduler: str | Any = "sync", workers: int | None = None,
          progress: Progress | None = None, cancel: Cancel | None = None) -> dict[str, Any]:
    """Sensitivity of every output to the uncertain parameters, and where the guarantee fails (PRIM)."""
    if method not in ("sobol", "morris"):
        raise CeasefireError(f"unknown method {method!r}: expected sobol or morris", field="method")
    check_count("runs", runs)
    check_count("days", days)
    if samples is not None and samples < 2:
        raise CeasefireError(f"samples must be at least 2, got {samples}", field="samples")
    spec = from_scenario(scenario)
    days = days or spec.days
    seed = spec.seed if seed is None else seed
    names = uncertain_parameters(scenario, parameters)
    if not names:
        raise CeasefireError("no uncertain parameters to sweep", field="parameters")
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    force = force_for(scenario, spec)
    if method == "sobol":
        from SALib.sample import sobol as sobol_sample

        n = samples or 16
        unit = sobol_sample.sample(problem, n, calc_second_order=True, seed=seed)
    else:
        from SALib.sample import morris as morris_sample

        n = samples or 10
        unit = morris_sample.sample(problem, n, num_levels=4, seed=seed)
    points = _to_values(scenario, names, unit)
    Y = evaluate_points(scenario, force, points, days=days, runs=runs, seed=seed, scheduler=scheduler,
                        workers=workers, progress=progress, cancel=cancel)
    indices = _analyse(method, problem, unit, Y, seed)
    key = "ST" if method == "sobol" else "mu_star"
    drivers = {out: sorted(names, key=lambda p: -indices[out]["first_total"][p][key])[:5] for out in OUTPUTS}
    failure = spec.failure_unanswered if threshold is None else threshold
    fails = Y[:, OUTPUTS.index("unanswered_probability")] >= failure
    values = np.array([[pt[n_] for n_ in names] for pt in points])
    return {
        "scenario": scenario.name, "method": method, "samples": n, "points": len(points),
        "runs_per_point": runs, "days": days, "seed": seed, "parameters": names,
        "drivers": drivers, "indices": indices,
        "outputs_mean": {o: _r(float(Y[:, j].mean())) for j, o in enumerate(OUTPUTS)},
        "scenario_discovery": prim(values, fails, names) | {
            "failure": f"unanswered_probability >= {failure:g}", "failing_share": _r(float(fails.mean()))},
    }


def _r(x: float) -> float:
    return float(f"{x:.4g}") if math.isfinite(x) else 0.0


def _analyse(method: str, problem: dict[str, Any], unit: np.ndarray, Y: np.ndarray, seed: int) -> dict[str, Any]:
    names = problem["names"]
    out: dict[str, Any] = {}
    for j, name in enumerate(OUTPUTS):
        y = Y[:, j]
        if np.ptp(y) == 0:  # a constant output has no variance to apportion
            zero = {"S1": 0.0, "S1_conf": 0.0, "ST": 0.0, "ST_conf": 0.0} if method == "sobol" else \
                {"mu_star": 0.0, "mu_star_conf": 0.0, "sigma": 0.0}
            out[name] = {"first_total": dict.fromkeys(names, zero), "second_order": []}
            continue
        if method == "sobol":
            from SALib.analyze import sobol

            si = sobol.analyze(problem, y, calc_second_order=True, seed=seed, print_to_console=False)
            ft = {p: {"S1": _r(si["S1"][i]), "S1_conf": _r(si["S1_conf"][i]), "ST": _r(si["ST"][i]),
                      "ST_conf": _r(si["ST_conf"][i])} for i, p in enumerate(names)}
            pairs = []
            for a in range(len(names)):
                for b in range(a + 1, len(names)):
                    v = si["S2"][a, b]
                    if math.isfinite(v):
                        pairs.append((names[a], names[b], _r(v), _r(si["S2_conf"][a, b])))
            pairs.sort(key=lambda p: -abs(p[2]))
            out[name] = {"first_total": ft, "second_order": [
                {"pair": [a, b], "S2": v, "S2_conf": c} for a, b, v, c in pairs[:10]]}
        else:
            from SALib.analyze import morris

            si = morris.analyze(problem, unit, y, num_levels=4, seed=seed, print_to_console=False)
            out[name] = {"first_total": {p: {"mu_star": _r(si["mu_star"][i]),
                                             "mu_star_conf": _r(si["mu_star_conf"][i]),
                                             "sigma": _r(si["sigma"][i])} for i, p in enumerate(names)},
                         "second_order": []}
    return out


def prim(X: np.ndarray, y: np.ndarray, names: Sequence[str], alpha: float = 0.05,
         min_support: float = 0.05) -> dict[str, Any]:
    """Patient Rule Induction Method (Friedman & Fisher 1999): peel the box where failures concentrate.

    Each step removes the ``alpha`` share of points from one side of one parameter, choosing the peel
    that most raises the failure density inside the box, until the box holds ``min_support`` of points.
    The reported box is the one on the trajectory with the best density x coverage product, so a box
    that finds a few failures very densely does not beat one that explains most of them.

    >>> rng = np.random.default_rng(0); X = rng.random((400, 2)); y = X[:, 0] > 0.7
    >>> box = prim(X, y, ["a", "b"])
    >>> box["box"]["a"][0] > 0.6 and "b" not in box["box"]
    True
    """
    X = np.asarray(X, float)
    y = np.asarray(y, bool)
    n, d = X.shape
    total_fail = y.sum()
    if n == 0 or total_fail == 0:
        return {"box": {}, "coverage": 0.0, "density": 0.0, "support": 1.0,
                "note": "no failing runs: nothing to discover"}
    lo, hi = X.min(0).copy(), X.max(0).copy()
    inside = np.ones(n, bool)
    trajectory = [(lo.copy(), hi.copy(), inside.copy())]
    while inside.sum() > max(min_support * n, 1):
        best = None
        xs = X[inside]
        ys = y[inside]
        for j in range(d):
            for side in (0, 1):
                cut = np.quantile(xs[:, j], alpha if side == 0 else 1 - alpha)
                keep = xs[:, j] >= cut if side == 0 else xs[:, j] <= cut
                if keep.all() or keep.sum() == 0:
                    continue
                density = ys[keep].mean()
                if best is None or density > best[0]:
                    best = (density, j, side, cut)
        if best is None:
            break
        _, j, side, cut = best
        if side == 0:
            lo[j] = cut
        else:
            hi[j] = cut
        inside = inside & (X[:, j] >= lo[j]) & (X[:, j] <= hi[j])
        trajectory.append((lo.copy(), hi.copy(), inside.copy()))
    scores = []
    for _lo, _hi, mask in trajectory:
        cov = y[mask].sum() / total_fail
        dens = y[mask].mean() if mask.any() else 0.0
        scores.append(cov * dens)
    blo, bhi, mask = trajectory[int(np.argmax(scores))]
    full_lo, full_hi = X.min(0), X.max(0)
    box = {names[j]: [_r(float(blo[j])), _r(float(bhi[j]))] for j in range(d)
           if blo[j] > full_lo[j] or bhi[j] < full_hi[j]}
    return {"box": box, "coverage": _r(float(y[mask].sum() / total_fail)),
            "density": _r(float(y[mask].mean())), "support": _r(float(mask.mean()))}


# --- force options side by side -----------------------------------------------------------------------------

MANDATE_ROE = {"monitor": RulesOfEngagement.OBSERVE_REPORT, "reassure": RulesOfEngagement.SELF_DEFENCE,
               "deter": RulesOfEngagement.DEFEND_MANDATE}


def compare(scenario: Scenario, *, troops: Sequence[float] = (10_000, 25_000, 60_000, 100_000),
            mandates: Sequence[str] = ("monitor", "reassure", "deter"), runs: int = 500, days: int | None = None,
            seed: int | None = None, scheduler: str | Any = "sync", workers: int | None = None,
            progress: Callable[[int, int], None] | None = None, cancel: Cancel | None = None) -> dict[str, Any]:
    """The same line held by each (troops, mandate) option; a monitor mission's people are unarmed monitors."""
    check_count("runs", runs)
    check_count("days", days)
    spec = from_scenario(scenario)
    days = days or spec.days
    seed = spec.seed if seed is None else seed
    for m in mandates:
        if m not in MANDATE_ROE:
            raise CeasefireError(f"unknown mandate {m!r}: expected monitor, reassure or deter", field="mandates")
    for t in troops:
        if not (math.isfinite(t) and 0 <= t <= MAX_TROOPS):
            raise CeasefireError(f"troops must be a number from 0 to {MAX_TROOPS:,}, got {t:g}", field="troops")
    if not (troops and mandates) and not spec.options:
        raise CeasefireError("no force options to compare: give --troops and --mandates or stress.options",
                             field="troops")
    base = force_for(scenario, spec)
    options: list[tuple[str, Force, RulesOfEngagement]] = []
    for m in mandates:
        for t in troops:
            f = base.scaled(troops=0.0, monitors=t) if m == "monitor" else base.scaled(troops=t, monitors=0.0)
            options.append((f"{m} {t:,.0f}", f, MANDATE_ROE[m]))
    for name, opt in spec.options.items():
        f = base.scaled(troops=opt.troops, monitors=opt.monitors, units_scale=opt.units_scale)
        options.append((name, f, opt.rules_of_engagement or scenario.mandate.rules_of_engagement))
    rows = []
    for i, (name, f, roe) in enumerate(options):
        prep: Prepared = prepare_scenario(scenario, days=days, force=f, roe=roe, spec=spec)
        res = summarise(prep, simulate(prep, runs, seed, scheduler=scheduler, workers=workers, cancel=cancel),
                        scenario=scenario, runs=runs, seed=seed, force=f)
        rows.append({"option": name, "troops": f.troops, "monitors": f.monitors, "rules_of_engagement": str(roe),
                     "guarantee": res.guarantee,
                     **{k: res.overall[k].model_dump() for k in (
                         "unanswered_probability", "answered_share", "timely_share", "credibility_index",
                         "escalation_probability", "bluff_index", "fait_accompli_probability",
                         "civilian_casualties", "force_casualties")}})
        if progress is not None:
            progress(i + 1, len(options))
    return {"scenario": scenario.name, "runs": runs, "days": days, "seed": seed, "options": rows}
