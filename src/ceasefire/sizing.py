"""Force-sizing methods: each turns a scenario into a troop requirement with its uncertainty.

Every method is one function registered by name. It samples its uncertain inputs (triangular on
``low / value / high``) with a fixed seed and returns the 10th, 50th and 90th percentiles, the parameters
and sources it used, and whether it fits the scenario's mandate. Methods that do not fit are still shown:
seeing why a population ratio gives half a million troops is part of the answer.

>>> from ceasefire.scenario import load
>>> r = size(load())
>>> r.methods["line_deter"].troops.median > r.methods["line_monitor"].troops.median
True
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from ceasefire import reference
from ceasefire.domain import Distribution, MandateKind, MethodResult, Range, Scenario, Source
from ceasefire.errors import CeasefireError

Role = Literal["troops", "capabilities", "bound"]


@dataclass(frozen=True)
class Sampled:
    """A method's result with its samples, so methods can be pooled into one requirement."""

    result: MethodResult
    samples: np.ndarray
    role: Role = "troops"


@dataclass
class Context:
    """The scenario and the random streams of one sizing run.

    Streams are keyed by the name of the method drawing (``stream``) and the order of draws within it, so
    adding, removing or reordering methods does not change the numbers of the others.
    """

    scenario: Scenario
    rng_seed: int
    n: int
    stream: str = ""
    _draws: dict[str, int] = field(default_factory=dict)

    def rng(self) -> np.random.Generator:
        """A fresh generator for the next draw of the current stream."""
        k = self._draws.get(self.stream, 0) + 1
        self._draws[self.stream] = k
        return np.random.default_rng([self.rng_seed, zlib.crc32(self.stream.encode()), k])

    def draw(self, r: Range) -> np.ndarray:
        """Independent triangular samples of ``r``; each call gets its own stream so methods don't interact."""
        rng = self.rng()
        if r.low == r.high:
            return np.full(self.n, r.value)
        return rng.triangular(r.low, r.value, r.high, self.n)


Method = Callable[[Context], Sampled]
METHODS: dict[str, Method] = {}


def method(name: str) -> Callable[[Method], Method]:
    def register(fn: Method) -> Method:
        METHODS[name] = fn
        return fn

    return register


def distribution(samples: np.ndarray) -> Distribution:
    p10, p50, p90 = np.percentile(samples, [10, 50, 90])
    return Distribution(p10=float(p10), median=float(p50), p90=float(p90))


def _param(key: str) -> tuple[Range, tuple[Source, ...], str]:
    p = reference.parameter(key)
    return p.range, p.sources, p.description


def _result(name: str, title: str, applies: bool, why: str, samples: np.ndarray, params: dict[str, object],
            sources: tuple[Source, ...], explanation: str, role: Role = "troops",
            capabilities: dict[str, np.ndarray] | None = None) -> Sampled:
    caps = {k: distribution(v) for k, v in (capabilities or {}).items()}
    res = MethodResult(name=name, title=title, applies=applies, why=why, troops=distribution(samples),
                       parameters=params, sources=_unique(sources), capabilities=caps, explanation=explanation)
    return Sampled(res, samples, role)


def _unique(sources: tuple[Source, ...]) -> tuple[Source, ...]:
    seen: dict[str, Source] = {}
    for s in sources:
        seen.setdefault(s.url, s)
    return tuple(seen.values())


# --- population ratios (Quinlivan) -------------------------------------------------------------------------

def _population_ratio(ctx: Context, name: str, key: str, title: str, fits: str) -> Sampled:
    theatre = ctx.scenario.theatre
    ratio, sources, desc = _param(key)
    troops = ctx.draw(theatre.population) * ctx.draw(ratio) / 1000
    return _result(
        name, title, applies=False,
        why=f"assumes the force secures the whole population ({fits}); a ceasefire guarantee watches a line "
            "against an outside army, so this is an outer bound, not a requirement",
        samples=troops, role="bound",
        params={"population": theatre.population.model_dump(), "per_1000": ratio.model_dump(),
                "ratio_note": desc},
        sources=sources + theatre.sources,
        explanation=f"{theatre.population.value / 1e6:.1f} million people x {ratio.value:g} per 1,000")


@method("population_stabilisation")
def population_stabilisation(ctx: Context) -> Sampled:
    """Quinlivan's ~20 security personnel per 1,000 inhabitants for stabilising a contested population."""
    return _population_ratio(ctx, "population_stabilisation", "quinlivan_stabilisation_per_1000",
                             "Troops per 1,000 inhabitants (stabilisation, Quinlivan)",
                             "stabilisation of a contested society")


@method("population_policing")
def population_policing(ctx: Context) -> Sampled:
    """Quinlivan's 1-4 per 1,000 for policing a peaceful population."""
    return _population_ratio(ctx, "population_policing", "quinlivan_policing_per_1000",
                             "Troops per 1,000 inhabitants (policing, Quinlivan)", "policing a tranquil society")


# --- scaling an analog mission -----------------------------------------------------------------------------

_ANALOG_FIT: dict[str, set[str]] = {
    MandateKind.MONITOR: {"monitor"},
    MandateKind.REASSURE: {"interpose", "reassure"},
    MandateKind.DETER: {"deter"},
}


def _analog(ctx: Context, basis: Literal["area", "population", "line"]) -> Sampled:
    scenario = ctx.scenario
    theatre = scenario.theatre
    m = reference.mission(scenario.sizing.analog_mission)
    name = f"analog_{basis}"
    title = f"Scale {m.name} by {basis if basis != 'line' else 'line length'}"
    mission_size = {"area": m.area_km2, "population": m.population, "line": m.line_length_km}[basis]
    theatre_size = {"area": Range.of(theatre.area_km2, theatre.area_km2, theatre.area_km2),
                    "population": theatre.population, "line": theatre.line_km}[basis]
    if not mission_size:
        what = {"area": "an area", "population": "a population", "line": "a ceasefire line"}[basis]
        return _result(name, title, applies=False,
                       why=f"{m.name} has no recorded {what}; choose another analog mission "
                           "(sizing.analog_mission) to use this method",
                       samples=np.zeros(ctx.n), params={"analog_mission": m.id, "basis": basis},
                       sources=m.sources, explanation="not computable for this analog", role="bound")
    ratio = ctx.draw(theatre_size) / mission_size
    troops = ctx.draw(m.troops) * ratio
    median_ratio = float(np.median(ratio))
    if basis == "area":
        applies = False
        why = (f"troops scale with ground only if the task is the same everywhere: {theatre.name} is "
               f"{median_ratio:.0f}x the area of {m.name}'s, but a ceasefire force watches a line, not every km²")
    elif basis == "population":
        applies = False
        why = (f"{m.name} secured a population ({m.per_1000_inhabitants or 0:.1f} per 1,000); a ceasefire "
               "guarantee does not police the population it stands behind")
    else:
        applies = m.mandate in _ANALOG_FIT[scenario.mandate.kind]
        why = (f"{m.name} held a line under a '{m.mandate}' mandate, "
               + ("which matches" if applies else "which does not match")
               + f" the scenario's '{scenario.mandate.kind}' mandate")
    return _result(
        name, title, applies=applies, why=why, samples=troops, role="troops" if applies else "bound",
        params={"analog_mission": m.id, "basis": basis, "mission_troops": m.troops.model_dump(),
                f"mission_{basis}": mission_size, f"theatre_{basis}": theatre_size.model_dump(),
                "ratio_median": round(median_ratio, 2)},
        sources=m.sources + theatre.sources,
        explanation=f"{m.troops.value:,.0f} troops x {median_ratio:,.1f} (theatre/mission {basis})")


@method("analog_area")
def analog_area(ctx: Context) -> Sampled:
    """Scale the analog mission (KFOR 1999 by default) by the theatre's area."""
    return _analog(ctx, "area")


@method("analog_population")
def analog_population(ctx: Context) -> Sampled:
    """Scale the analog mission by the theatre's population."""
    return _analog(ctx, "population")


@method("analog_line")
def analog_line(ctx: Context) -> Sampled:
    """Scale the analog mission by the length of the line it held (needs an analog with a line)."""
    return _analog(ctx, "line")


# --- troops per km of line, from ceasefire-line missions ---------------------------------------------------

_LINE_CLASSES: dict[str, tuple[set[str], MandateKind, str]] = {
    "line_monitor": ({"monitor"}, MandateKind.MONITOR, "monitoring (observe and report)"),
    "line_interpose": ({"interpose", "reassure"}, MandateKind.REASSURE, "interposition and reassurance"),
    "line_deter": ({"deter"}, MandateKind.DETER, "deterrence by denial"),
}


def line_densities(mandates: set[str]) -> list[tuple[reference.Mission, float]]:
    """(mission, troops per km of line) for every mission of these mandate kinds that held a line."""
    return sorted(((m, m.per_km_line) for m in reference.missions().values()
                   if m.mandate in mandates and m.per_km_line), key=lambda t: t[1])


def _line(ctx: Context, name: str) -> Sampled:
    mandates, fits, label = _LINE_CLASSES[name]
    theatre = ctx.scenario.theatre
    rows = line_densities(mandates)
    if not rows:
        raise CeasefireError(f"no mission in missions.csv with a line length and mandate {sorted(mandates)}")
    dens = np.array([d for _, d in rows])
    # Each sample takes one historical density (equal weight per mission) and one line length: the spread
    # is the spread of history, not a fitted curve.
    picked = dens[ctx.rng().integers(0, len(dens), ctx.n)]
    troops = picked * ctx.draw(theatre.line_km)
    applies = ctx.scenario.mandate.kind == fits
    sources: tuple[Source, ...] = tuple(s for m, _ in rows for s in m.sources) + theatre.sources
    return _result(
        name, f"Troops per km of line ({label})", applies=applies,
        why=("matches" if applies else "does not match") + f" the scenario's '{ctx.scenario.mandate.kind}' "
            f"mandate ({label} densities fit '{fits}')",
        samples=troops, role="troops" if applies else "bound",
        params={"line_km": theatre.line_km.model_dump(),
                "densities_per_km": {m.id: round(d, 2) for m, d in rows}},
        sources=sources,
        explanation=f"{len(rows)} missions, {dens.min():.1f}-{dens.max():.1f} troops/km, "
                    f"x {theatre.line_km.value:,.0f} km")


@method("line_monitor")
def line_monitor(ctx: Context) -> Sampled:
    """Monitoring densities (OSCE SMM, UNMEE, UNMOGIP, MFO Sinai) times the theatre's line length."""
    return _line(ctx, "line_monitor")


@method("line_interpose")
def line_interpose(ctx: Context) -> Sampled:
    """Interposition densities (UNFICYP, UNDOF, UNIFIL, Transnistria ...) times the line length."""
    return _line(ctx, "line_interpose")


@method("line_deter")
def line_deter(ctx: Context) -> Sampled:
    """Deterrence densities (Korea's DMZ ...) times the line length."""
    return _line(ctx, "line_deter")


# --- capabilities from coverage ----------------------------------------------------------------------------

# capability: (frontage parameter: km of line one unit covers, crew parameter: people per unit)
COVERAGE: dict[str, tuple[str, str]] = {
    "isr": ("isr_orbit_line_coverage_km", "isr_orbit_crew"),
    "counter_drone": ("counter_drone_team_frontage_km", "counter_drone_team_size"),
    "electronic_warfare": ("ew_team_frontage_km", "ew_team_size"),
    "air_defence": ("sam_battery_frontage_km", "sam_battery_crew"),
    # a radar site sees a disc: it covers twice its detection radius of line
    "sensors": ("radar_detection_range_small_uav_km", "sensor_site_crew"),
}
_DIAMETER = {"radar_detection_range_small_uav_km"}


@method("coverage")
def coverage(ctx: Context) -> Sampled:
    """Units needed to cover the line with sensors, ISR, counter-drone, EW and air defence, and their crews."""
    theatre = ctx.scenario.theatre
    line = ctx.draw(theatre.line_km)
    units: dict[str, np.ndarray] = {}
    crews = np.zeros(ctx.n)
    sources: list[Source] = list(theatre.sources)
    params: dict[str, object] = {"line_km": theatre.line_km.model_dump()}
    for capability, (frontage_key, crew_key) in COVERAGE.items():
        frontage, s1, _ = _param(frontage_key)
        crew, s2, _ = _param(crew_key)
        width = ctx.draw(frontage) * (2 if frontage_key in _DIAMETER else 1)
        n_units = np.ceil(line / width)
        units[capability] = n_units
        crews += n_units * ctx.draw(crew)
        sources += [*s1, *s2]
        params[frontage_key] = frontage.model_dump()
        params[crew_key] = crew.model_dump()
    return _result(
        "coverage", "Capabilities to cover the line (sensors, ISR, counter-drone, EW, air defence)",
        applies=True,
        why="every mandate needs to see the line; these are the enablers' crews, on top of manoeuvre troops",
        samples=crews, role="capabilities", params=params, sources=tuple(sources), capabilities=units,
        explanation=", ".join(f"{k}: {np.median(v):,.0f} units" for k, v in units.items()))


# --- pooling and rotation ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sizing:
    """All methods' results, the pooled deployed requirement and the force pool that sustains it."""

    methods: dict[str, MethodResult]
    deployed: Distribution
    enablers: Distribution
    force_pool: Distribution
    rotation: MethodResult
    pooled_from: tuple[str, ...]
    capabilities: dict[str, Distribution]


def size(scenario: Scenario) -> Sizing:
    """Run the scenario's sizing methods and pool the applicable ones into one deployed requirement.

    The deployed force is an equal-weight mixture of the samples of every applicable troop method (the
    analyst has no grounds to prefer one historical analogy over another) plus the crews of the coverage
    method; the force pool multiplies it by the rotation ratio.
    """
    opts = scenario.sizing
    ctx = Context(scenario, opts.seed, opts.samples)
    names = list(opts.methods or METHODS)
    results = {}
    for name in names:
        ctx.stream = name
        results[name] = METHODS[name](ctx)
    ctx.stream = "pooling"
    troop = [r for r in results.values() if r.role == "troops" and r.result.applies]
    if troop:
        stacked = np.stack([r.samples for r in troop])
        manoeuvre = stacked[ctx.rng().integers(0, len(troop), ctx.n), np.arange(ctx.n)]
    else:
        manoeuvre = np.zeros(ctx.n)
    cov = results.get("coverage")
    enablers = cov.samples if cov is not None else np.zeros(ctx.n)
    deployed = manoeuvre + enablers
    ratio_range = scenario.rotation.ratio
    ratio_sources: tuple[Source, ...] = ()
    if ratio_range is None:
        ratio_range, ratio_sources, _ = _param("rotation_ratio")
    ctx.stream = "rotation"
    ratio = ctx.draw(ratio_range)
    pool = deployed * ratio
    rotation = _result(
        "rotation", "Force pool to sustain the deployed force over rotations", applies=True,
        why=f"a {scenario.mandate.duration_months}-month mandate with {scenario.rotation.tour_months}-month tours "
            "needs units preparing and recovering for every unit deployed",
        samples=pool, role="capabilities",
        params={"ratio": ratio_range.model_dump(), "tour_months": scenario.rotation.tour_months},
        sources=ratio_sources or (Source(url="scenario", as_of=str(scenario.as_of or ""), note=scenario.source),),
        explanation=f"deployed x {ratio_range.value:g} (pool per deployed troop)").result
    capabilities = dict(cov.result.capabilities) if cov is not None else {}
    capabilities["manoeuvre"] = distribution(manoeuvre)
    return Sizing(methods={k: v.result for k, v in results.items()}, deployed=distribution(deployed),
                  enablers=distribution(enablers), force_pool=distribution(pool), rotation=rotation,
                  pooled_from=tuple(r.result.name for r in troop), capabilities=capabilities)
