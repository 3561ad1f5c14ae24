"""The main job: size the force for a scenario, set it against history and published estimates.

``assess(scenario) -> Assessment`` is what the CLI, the API and the report all call.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from ceasefire import reference
from ceasefire.domain import Distribution, MethodResult, Scenario, Source
from ceasefire.sizing import Sizing, size

NON_PROVIDERS = {"RUS", "BLR", "UKR"}  # the parties and Russia's ally do not guarantee the ceasefire


class Contributor(BaseModel):
    model_config = ConfigDict(frozen=True)

    iso3: str
    name: str
    active_personnel: int | None
    sustainable: Distribution
    basis: str
    sources: tuple[Source, ...]


class PublishedEstimate(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    who: str
    published: str
    troops_low: int | None
    troops_high: int
    mandate: str
    includes_rotation: bool
    description: str
    sources: tuple[Source, ...]


class ScenarioSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    source: str
    theatre: str
    area_km2: float
    population: dict[str, float]
    line_km: dict[str, float]
    sectors: int
    mandate: str
    rules_of_engagement: str
    duration_months: int
    analog_mission: str


class Assessment(BaseModel):
    """Everything the main job answers, in stable keys (this is the ``--json`` output)."""

    model_config = ConfigDict(frozen=True)

    scenario: ScenarioSummary
    methods: list[MethodResult]
    pooled_from: list[str]
    deployed: Distribution
    enablers: Distribution
    force_pool: Distribution
    rotation: MethodResult
    capabilities: dict[str, Distribution]
    published_estimates: list[PublishedEstimate]
    contributors: list[Contributor]
    contributors_total: Distribution
    why_methods_disagree: list[str]
    headline: str
    coalition: dict[str, Any] | None = None
    credibility: dict[str, Any] | None = None

    def to_json(self, **kw: Any) -> str:
        return self.model_dump_json(indent=2, **kw)


def sustainable_capacity(nation: reference.Nation) -> tuple[Distribution, str, tuple[Source, ...]] | None:
    """What a nation could keep deployed: its published estimate if any, else a share of its active force.

    ``None`` when neither is known: an unknown capacity is not a zero one, so it is left out of totals.
    """
    if nation.deployable_low is not None or nation.deployable_high is not None:
        lo = nation.deployable_low if nation.deployable_low is not None else nation.deployable_high or 0
        hi = nation.deployable_high if nation.deployable_high is not None else lo
        return (Distribution(p10=lo, median=(lo + hi) / 2, p90=hi),
                f"published estimate ({nation.deployable_source_note or 'see source'})", nation.sources)
    if nation.active_personnel is None:
        return None
    share = reference.parameter("deployable_share_default")
    a = nation.active_personnel
    return (Distribution(p10=a * share.low, median=a * share.value, p90=a * share.high),
            f"{share.value:.0%} of {a:,} active personnel ({share.low:.0%}-{share.high:.0%})",
            nation.sources + share.sources)


def contributors(top: int = 10) -> tuple[list[Contributor], Distribution]:
    rows = []
    for n in reference.nations().values():
        if n.iso3 in NON_PROVIDERS:
            continue
        capacity = sustainable_capacity(n)
        if capacity is None:
            continue
        dist, basis, sources = capacity
        rows.append(Contributor(iso3=n.iso3, name=n.name, active_personnel=n.active_personnel,
                                sustainable=dist, basis=basis, sources=sources))
    rows.sort(key=lambda c: -c.sustainable.median)
    chosen = rows[:top]
    total = Distribution(p10=sum(c.sustainable.p10 for c in chosen),
                         median=sum(c.sustainable.median for c in chosen),
                         p90=sum(c.sustainable.p90 for c in chosen))
    return chosen, total


def explain(scenario: Scenario, sizing: Sizing) -> list[str]:
    """Why the methods disagree, in plain sentences computed from this run's numbers."""
    m = sizing.methods
    out: list[str] = []
    t = scenario.theatre

    def med(name: str) -> float | None:
        return m[name].troops.median if name in m and m[name].troops.median > 0 else None

    stab, pol = med("population_stabilisation"), med("population_policing")
    if stab and pol:
        out.append(f"Population ratios ask how many troops it takes to secure {t.population.value / 1e6:.0f} million "
                   f"people: {pol:,.0f} for policing a calm country, {stab:,.0f} for stabilising a contested one. "
                   "A ceasefire force guards a line against an outside army, so these are outer bounds.")
    area = med("analog_area")
    if area and "analog_area" in m:
        ratio = m["analog_area"].parameters.get("ratio_median")
        mission = m["analog_area"].parameters.get("analog_mission")
        out.append(f"Scaling {mission} by area multiplies it {ratio}x to {area:,.0f} troops: "
                   "area scaling assumes the same task on every km², which a line mandate is not.")
    lines = [(n, med(n)) for n in ("line_monitor", "line_interpose", "line_deter")]
    shown = [(n, v) for n, v in lines if v]
    if len(shown) >= 2:
        parts = ", ".join(f"{n.removeprefix('line_')} {v:,.0f}" for n, v in shown)
        out.append(f"Per km of line, history spans orders of magnitude by mandate ({parts} troops over "
                   f"{t.line_km.value:,.0f} km): watching a line is cheap, denying it to an army is not.")
    cov = m.get("coverage")
    if cov:
        out.append(f"Covering the line with sensors, counter-drone, EW and air defence adds about "
                   f"{cov.troops.median:,.0f} specialists whatever the mandate.")
    out.append(f"The deployed force ({sizing.deployed.median:,.0f}, p10-p90 {sizing.deployed.p10:,.0f}-"
               f"{sizing.deployed.p90:,.0f}) pools the methods that fit the '{scenario.mandate.kind}' mandate "
               f"({', '.join(sizing.pooled_from) or 'none'}); sustaining it needs a pool of "
               f"{sizing.force_pool.median:,.0f} under rotation.")
    return out


def assess(scenario: Scenario | None = None, *, ledger_url: str | None = None,
           as_of: dt.date | str | None = None) -> Assessment:
    """Size the force for ``scenario`` (the bundled Ukraine 2025 one when ``None``).

    The coalition section reads the ledger at ``ledger_url`` (default: ``CEASEFIRE_DB`` or the user's) on
    ``as_of`` (default: the scenario's date); the API passes the ledger it serves and the day asked for.

    >>> a = assess()
    >>> a.force_pool.median > a.deployed.median > 0
    True
    """
    if scenario is None:
        from ceasefire.scenario import load

        scenario = load()
    sizing = size(scenario)
    tops, total = contributors()
    estimates = [PublishedEstimate(id=e.id, who=e.who, published=e.published, troops_low=e.troops_low,
                                   troops_high=e.troops_high, mandate=e.mandate,
                                   includes_rotation=e.includes_rotation, description=e.description,
                                   sources=e.sources)
                 for e in sorted(reference.estimates().values(), key=lambda e: e.published)]
    t = scenario.theatre
    headline = _headline(scenario, sizing, total)
    credibility = _credibility(scenario, sizing)
    return Assessment(
        scenario=ScenarioSummary(
            name=scenario.name, source=scenario.source, theatre=t.name, area_km2=t.area_km2,
            population=t.population.model_dump(), line_km=t.line_km.model_dump(), sectors=len(t.sectors),
            mandate=str(scenario.mandate.kind), rules_of_engagement=str(scenario.mandate.rules_of_engagement),
            duration_months=scenario.mandate.duration_months, analog_mission=scenario.sizing.analog_mission),
        methods=list(sizing.methods.values()), pooled_from=list(sizing.pooled_from),
        deployed=sizing.deployed.rounded(), enablers=sizing.enablers.rounded(),
        force_pool=sizing.force_pool.rounded(), rotation=sizing.rotation,
        capabilities={k: v.rounded() for k, v in sizing.capabilities.items()},
        published_estimates=estimates, contributors=tops, contributors_total=total.rounded(),
        why_methods_disagree=explain(scenario, sizing), headline=headline, credibility=credibility,
        coalition=_coalition(scenario, sizing, ledger_url, as_of))


def _credibility(scenario: Scenario, sizing: Sizing) -> dict[str, Any] | None:
    """A quick stress test of the sized force (ceasefire.stress); None when the line has no sectors."""
    if not scenario.theatre.sectors:
        return None
    from ceasefire.stress.runner import quick_credibility  # NumPy only: no Dask, SALib, Mesa or SciPy

    return quick_credibility(scenario, sizing.capabilities)


def _coalition(scenario: Scenario, sizing: Sizing, ledger_url: str | None = None,
               as_of: dt.date | str | None = None) -> dict[str, Any]:
    # Imported here: the ledger (SQLAlchemy) loads only when an assessment is actually made.
    from ceasefire.coalition import assessment_section

    return assessment_section(scenario, sizing, url=ledger_url, as_of=as_of)


def _headline(scenario: Scenario, sizing: Sizing, total: Distribution) -> str:
    d, pool = sizing.deployed, sizing.force_pool
    share = float(np.clip(total.median / d.median, 0, 99)) if d.median else 0.0
    return (f"A '{scenario.mandate.kind}' force for {scenario.theatre.name} needs about {d.median:,.0f} troops "
            f"deployed (p10-p90 {d.p10:,.0f}-{d.p90:,.0f}) and a pool of {pool.median:,.0f} to sustain it; "
            f"the ten largest contributors could sustain about {total.median:,.0f} "
            f"({share:.1f}x the deployed median).")
