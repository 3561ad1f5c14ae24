"""Speed of the stress engine against its Mesa twin, on the bundled scenario, measured in one run.

Prints sector-days per second for the engine on one process and on two (both cores), for the twin on one,
their ratio, and the wall time and peak memory of a 10,000-replication, 365-day run. Ends with one line
``sector_days_per_s=<engine, 2 processes> ratio_vs_twin=<that / twin>``.

Targets: >= 1e7 sector-days/s, >= 100x the twin, 10,000 x 365 days in under 60 s with peak memory < 1 GB.
The machine may be shared: CPU seconds are printed beside wall seconds so contention shows.

    python benchmarks/stress_bench.py [--quick]
"""

from __future__ import annotations

import os
import resource
import sys
import time


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # ru_maxrss is in KiB on Linux


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    quick = "--quick" in sys.argv
    from ceasefire.scenario import load
    from ceasefire.stress import twin
    from ceasefire.stress.config import from_scenario
    from ceasefire.stress.runner import force_for, prepare_scenario, simulate

    scenario = load()
    force = force_for(scenario, from_scenario(scenario))
    days = 180
    prep = prepare_scenario(scenario, days=days, force=force)
    cells = prep.base_rate.size
    print(f"scenario: {scenario.name}; {cells} cells of ~10 km, {days} days; force {force.troops:,.0f} troops; "
          f"ROE code {prep.roe}")

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (other work slows wall time)")
    simulate(prep, 250, seed=1)  # warm caches and allocators
    runs = 1000 if quick else 4000
    rates = {}
    for label, scheduler, workers in (("1 process", "sync", 1), ("2 processes", "local", 2)):
        cpu0, kids0, t0 = time.process_time(), _cpu_children(), time.perf_counter()
        simulate(prep, runs, seed=2, scheduler=scheduler, workers=workers)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0 + _cpu_children() - kids0
        rates[label] = runs * days * cells / wall
        print(f"engine, {label}: {runs:,} runs in {wall:.2f} s wall, {cpu:.2f} CPU s in all processes: "
              f"{rates[label]:.3g} sector-days/s wall ({runs * days * cells / cpu:.3g} per CPU second)")

    twin_days, twin_runs = 30, 2 if quick else 4
    tprep = prepare_scenario(scenario, days=twin_days, force=force)
    t0 = time.perf_counter()
    twin.replicate(tprep, twin_runs, seed=3)
    wall = time.perf_counter() - t0
    twin_rate = twin_runs * twin_days * cells / wall
    print(f"twin (Mesa {__import__('mesa').__version__}), 1 process: {twin_runs} runs x {twin_days} days in "
          f"{wall:.2f} s: {twin_rate:.3g} sector-days/s")
    print(f"ratio engine/twin: {rates['1 process'] / twin_rate:,.0f}x on one process, "
          f"{rates['2 processes'] / twin_rate:,.0f}x with both cores")

    big_runs, big_days = (2000, 365) if quick else (10_000, 365)
    big = prepare_scenario(scenario, days=big_days, force=force)
    t0 = time.perf_counter()
    simulate(big, big_runs, seed=4, scheduler="local", workers=2)
    wall = time.perf_counter() - t0
    print(f"{big_runs:,} runs x {big_days} days ({big_runs * big_days * cells:.3g} sector-days): {wall:.1f} s, "
          f"peak memory {_peak_mb():.0f} MB (largest process)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(f"sector_days_per_s={rates['2 processes']:.4g} ratio_vs_twin={rates['2 processes'] / twin_rate:.4g}")


if __name__ == "__main__":
    main()
