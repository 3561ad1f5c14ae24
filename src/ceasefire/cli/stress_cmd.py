"""``ceasefire stress``, ``ceasefire sweep`` and ``ceasefire stress-compare``: is the guarantee a bluff?"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any

import typer

from ceasefire.cli import app
from ceasefire.cli.output import console, emit_json
from ceasefire.errors import CeasefireError

ScenarioArg = Annotated[str | None, typer.Argument(help="Scenario YAML file or bundled name (default: "
                                                        "ukraine-2025).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output (stable keys, no timings).")]
SchedulerOpt = Annotated[str, typer.Option(help="'local' (processes on this machine), 'sync' (this process) "
                                                "or tcp://HOST:PORT of a Dask scheduler.")]
WorkersOpt = Annotated[int | None, typer.Option(min=1, help="Local worker processes (default: all cores).")]


class ForceSource(StrEnum):
    scenario = "scenario"  # the scenario's stress.force, else sizing's median capabilities
    sized = "sized"  # sizing's median capabilities, whatever the scenario says
    pledged = "pledged"  # the coalition ledger's pledges (firm and conditional) on the scenario's date


class PledgeBound(StrEnum):
    low = "low"  # pledges without a stated quantity count as zero
    high = "high"  # ... as the provider's most


class Method(StrEnum):
    sobol = "sobol"
    morris = "morris"


@contextmanager
def _progress(label: str, quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr (never on stdout, which may carry JSON)."""
    if quiet:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _check_count(name: str, value: int | None) -> None:
    """--runs and --days within the limits a scenario's stress.runs and stress.days have."""
    from ceasefire.stress.config import check_count

    check_count(name, value)


@app.command()
def stress(
    scenario: ScenarioArg = None,
    runs: Annotated[int | None, typer.Option(help="Replications (default: the scenario's stress.runs).")] = None,
    days: Annotated[int | None, typer.Option(help="Days simulated (default: the scenario's stress.days).")] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed: the same seed gives the same numbers.")] = None,
    force: Annotated[ForceSource, typer.Option(help="Where the force comes from: the scenario's stress.force "
                                                    "(else sizing), sizing, or the ledger's pledges.")
                     ] = ForceSource.scenario,
    pledge_bound: Annotated[PledgeBound, typer.Option(help="With --force pledged: count pledges without a "
                                                           "quantity as zero (low) or at most (high).")
                            ] = PledgeBound.low,
    scheduler: SchedulerOpt = "local",
    workers: WorkersOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Monte Carlo stress test: how many probes along the line are detected, attributed and answered."""
    _check_count("runs", runs)
    _check_count("days", days)
    if seed is not None and seed < 0:
        raise CeasefireError(f"seed must be non-negative, got {seed}", field="seed")
    from ceasefire.scenario import load
    from ceasefire.stress.runner import run

    sc = load(scenario)
    f = None
    if force is ForceSource.sized:
        from ceasefire.sizing import size
        from ceasefire.stress.model import force_from_capabilities

        f = force_from_capabilities(size(sc).capabilities)
    elif force is ForceSource.pledged:
        from ceasefire.coalition import gap
        from ceasefire.stress.model import force_from_pledges

        f = force_from_pledges(gap(sc), bound=str(pledge_bound))
    with _progress("replications", json_) as progress:
        result = run(sc, runs=runs, days=days, seed=seed, force=f, scheduler=scheduler, workers=workers,
                     progress=progress)
    if json_:
        emit_json(result)
        return
    _render(result)


def _render(result: Any) -> None:
    from rich.table import Table

    o = result.overall
    console.print(f"[bold]{result.scenario}[/bold] — {result.runs:,} runs x {result.days} days, "
                  f"{result.cells} cells, rules of engagement: {result.rules_of_engagement}, seed {result.seed}")
    f = result.force
    console.print(f"Force: {f['troops']:,.0f} troops, {f['monitors']:,.0f} monitors, units "
                  + ", ".join(f"{k} {v:,.0f}" for k, v in f["units"].items()))
    table = Table(title="Overall (95% confidence intervals)")
    for col in ("output", "mean", "95% CI"):
        table.add_column(col)
    for key, est in o.items():
        table.add_row(key.replace("_", " "), f"{est.mean:,.4g}", f"{est.low:,.4g} - {est.high:,.4g}")
    console.print(table)
    sec = Table(title="By sector")
    for col in ("sector", "probes", "detected", "attributed", "answered", "P(unanswered)", "response min",
                "escalation"):
        sec.add_column(col)
    for s in result.sectors:
        sec.add_row(s.name, f"{s.probes.mean:,.0f}", f"{s.detected_share.mean:.0%}",
                    f"{s.attributed_share.mean:.0%}", f"{s.answered_share.mean:.1%}",
                    f"{s.unanswered_probability.mean:.1%}", f"{s.mean_response_min.mean:,.0f}",
                    f"{s.escalation_probability.mean:.0%}")
    console.print(sec)
    kinds = Table(title="By event type (whole line)")
    for col in ("event", "probes", "detected", "attributed", "answered", "in time"):
        kinds.add_column(col)
    for name, row in result.by_type.items():
        kinds.add_row(name.replace("_", " "), f"{row['probes'].mean:,.0f}", f"{row['detected_share'].mean:.0%}",
                      f"{row['attributed_share'].mean:.0%}", f"{row['answered_share'].mean:.1%}",
                      f"{row['timely_share'].mean:.1%}")
    console.print(kinds)
    rt = result.response_time_min
    if rt.get("median") is not None:
        console.print(f"Response time of answered probes: median {rt['median']:,.0f} min, p90 {rt['p90']:,.0f} min")
    console.print(f"[bold]Verdict:[/bold] the guarantee looks {result.guarantee}.")


@app.command()
def sweep(
    scenario: ScenarioArg = None,
    method: Annotated[Method, typer.Option(help="Sobol (first, total, second order) or Morris screening.")
                      ] = Method.sobol,
    samples: Annotated[int | None, typer.Option(help="Sobol base samples N or Morris trajectories.")] = None,
    runs: Annotated[int, typer.Option(help="Replications per design point.")] = 16,
    days: Annotated[int | None, typer.Option(help="Days simulated per point.")] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed.")] = None,
    parameter: Annotated[list[str] | None, typer.Option("--parameter", "-p",
                                                        help="Vary only these parameters (repeatable).")] = None,
    threshold: Annotated[float | None, typer.Option(help="A design point fails when its P(probe unanswered) "
                                                         "reaches this (default: stress.failure_unanswered).")
                         ] = None,
    scheduler: SchedulerOpt = "local",
    workers: WorkersOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Which parameters drive whether probes go unanswered, and which ranges make the guarantee a bluff."""
    _check_count("runs", runs)
    _check_count("days", days)
    if samples is not None and samples < 2:
        raise CeasefireError(f"samples must be at least 2, got {samples}", field="samples")
    if threshold is not None and not 0 <= threshold <= 1:
        raise CeasefireError(f"threshold must be a probability in [0, 1], got {threshold:g}", field="threshold")
    from ceasefire.scenario import load
    from ceasefire.stress.sensitivity import sweep as run_sweep

    sc = load(scenario)
    with _progress("design points", json_) as progress:
        result = run_sweep(sc, method=str(method), samples=samples, runs=runs, days=days, seed=seed,
                           parameters=parameter or None, threshold=threshold, scheduler=scheduler,
                           workers=workers, progress=progress)
    if json_:
        emit_json(result)
        return
    from rich.table import Table

    key = "ST" if method is Method.sobol else "mu_star"
    console.print(f"[bold]{result['scenario']}[/bold] — {result['method']} over {len(result['parameters'])} "
                  f"parameters, {result['points']:,} points x {result['runs_per_point']} runs x {result['days']} days")
    table = Table(title=f"What drives P(probe unanswered) ({key})")
    table.add_column("parameter")
    table.add_column(key)
    idx = result["indices"]["unanswered_probability"]["first_total"]
    for p in result["drivers"]["unanswered_probability"]:
        table.add_row(p, f"{idx[p][key]:.3g}")
    console.print(table)
    sd = result["scenario_discovery"]
    console.print(f"Scenario discovery (PRIM) for {sd['failure']} ({sd['failing_share']:.0%} of points fail): "
                  f"coverage {sd['coverage']:.0%}, density {sd['density']:.0%}")
    for p, (lo, hi) in sd["box"].items():
        console.print(f"  {p}: {lo:.4g} - {hi:.4g}")


def _floats(text: str, name: str) -> list[float]:
    try:
        return [float(x.replace("_", "")) for x in text.split(",") if x.strip()]
    except ValueError:
        raise CeasefireError(f"expected comma-separated numbers, got {text!r}", field=name) from None


@app.command("stress-compare")
def stress_compare(
    scenario: ScenarioArg = None,
    troops: Annotated[str, typer.Option(help="Comma-separated force sizes.")] = "10000,25000,60000,100000",
    mandates: Annotated[str, typer.Option(help="Comma-separated mandates: monitor, reassure, deter.")
                        ] = "monitor,reassure,deter",
    runs: Annotated[int, typer.Option(help="Replications per option.")] = 500,
    days: Annotated[int | None, typer.Option(help="Days simulated.")] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed.")] = None,
    scheduler: SchedulerOpt = "local",
    workers: WorkersOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Force options side by side: sizes x mandates, plus the scenario's stress.options."""
    _check_count("runs", runs)
    _check_count("days", days)
    from ceasefire.scenario import load
    from ceasefire.stress.sensitivity import compare

    sc = load(scenario)
    sizes = _floats(troops, "troops")
    kinds = [m.strip() for m in mandates.split(",") if m.strip()]
    with _progress("options", json_) as progress:
        result = compare(sc, troops=sizes, mandates=kinds, runs=runs, days=days, seed=seed, scheduler=scheduler,
                         workers=workers, progress=progress)
    if json_:
        emit_json(result)
        return
    from rich.table import Table

    table = Table(title=f"{result['scenario']} — {result['runs']} runs x {result['days']} days per option")
    for col in ("option", "ROE", "P(unanswered)", "answered in time", "credibility", "escalation", "bluff index",
                "fait accompli"):
        table.add_column(col)
    for r in result["options"]:
        table.add_row(r["option"], r["rules_of_engagement"], f"{r['unanswered_probability']['mean']:.1%}",
                      f"{r['timely_share']['mean']:.1%}", f"{r['credibility_index']['mean']:.2f}",
                      f"{r['escalation_probability']['mean']:.0%}", f"{r['bluff_index']['mean']:.0%}",
                      f"{r['fait_accompli_probability']['mean']:.0%}")
    console.print(table)


__all__ = ["stress", "stress_compare", "sweep"]
