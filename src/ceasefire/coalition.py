"""Is it enough? The coalition's pledges against the force the scenario needs, and a plan to close the gap.

``gap(scenario, ledger, as_of) -> Gap`` sets the sized requirement (``ceasefire.sizing.size``) against the
ledger's pledges as they stood on ``as_of``, per capability, firm and conditional apart; ``plan(...) -> Plan``
solves a mixed-integer programme (SciPy ``milp``, HiGHS) for contributions that close every gap within each
nation's sustainable capacity and stated limits, minimising the largest burden relative to capacity.
``solve(problem) -> PlanSolution`` is the programme itself on a small explicit problem (used by tests that check
it against answers worked by hand). Methods and every number: ``docs/ledger.md``.

>>> from ceasefire.coalition import Problem, Provider, solve
>>> p = Problem(requirement={"manoeuvre": 90}, crew={"manoeuvre": 1},
...             providers=[Provider(code="AAA", capacity_inside=100, capacity_total=100),
...                        Provider(code="BBB", capacity_inside=50, capacity_total=50)])
>>> s = solve(p)
>>> s.feasible, s.max_burden, s.contributions["AAA"]["manoeuvre"], s.contributions["BBB"]["manoeuvre"]
(True, 0.6, 60.0, 30.0)
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ceasefire.errors import CeasefireError

if TYPE_CHECKING:
    from ceasefire.domain import Scenario
    from ceasefire.ledger.fastread import SqliteReader
    from ceasefire.ledger.records import PledgeRecord, PledgeRow
    from ceasefire.ledger.store import Ledger
    from ceasefire.sizing import Sizing

STAGE_ORDER = {"announced": 0, "committed": 1, "allocated": 2, "deployed": 3}
FIRM_STAGES = {"committed", "allocated", "deployed"}
# The force exists only after a ceasefire or a peace deal, so these conditions are its premise, not a hostage.
PREMISE_CONDITIONS = {"ceasefire_first", "peace_agreement"}
# Capabilities a nation can provide from outside Ukraine (aircraft, ships, hubs, headquarters abroad).
OUTSIDE_CAPABLE = {"isr", "air_power", "naval", "logistics", "command"}
REFUSING_STANCES = {"refuses", "opposes"}
NON_PROVIDERS = {"RUS", "BLR", "UKR"}  # the parties and Russia's ally do not guarantee the ceasefire
ORGANISATIONS = {"EU", "NATO", "UN", "OSCE"}
COMPARABLE_UNITS = {"manoeuvre": {"troops", ""}}
UNIT_WORDS = {"", "units", "systems", "teams", "orbits", "batteries", "sites"}


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Bounds(Model):
    """What is pledged, as a range: ``low`` counts unspecified quantities as zero, ``high`` as the provider's most."""

    low: float = 0.0
    high: float = 0.0
    unspecified: int = 0  # how many offers behind it name no quantity

    def __add__(self, other: Bounds) -> Bounds:
        return Bounds(low=self.low + other.low, high=self.high + other.high,
                      unspecified=self.unspecified + other.unspecified)


class Offer(Model):
    """One provider's offer of one capability: its pledges merged (restatements of one offer are not added)."""

    provider: str
    capability: str
    quantity: float | None  # latest stated quantity in the requirement's unit; None: unspecified
    unit: str
    bounds: Bounds
    troops: Bounds  # troop equivalents (crews), when the capability's crew size is known
    firm: bool
    status: str
    conditions: list[str]
    hostage_conditions: list[str]  # conditions beyond the premise (ceasefire / peace deal)
    date: dt.date
    pledge_ids: list[str]
    source_ids: list[str]
    note: str = ""


class CapabilityGap(Model):
    capability: str
    unit: str
    requirement: dict[str, float] | None  # p10 / median / p90; None: the scenario sizes no requirement for it
    firm: Bounds
    conditional: Bounds
    total: Bounds
    gap_firm: Bounds | None  # requirement median minus firm pledges (low = best case, high = worst case)
    gap_total: Bounds | None  # requirement median minus firm and conditional pledges
    coverage_total: Bounds | None  # share of the median requirement the pledges cover
    providers: list[str]


class ProviderShare(Model):
    provider: str
    name: str
    active_personnel: int | None
    sustainable: float | None  # troops it could keep deployed (reference data), median
    pledged_troops: Bounds
    pool_needed: Bounds  # troops tied up by rotation to keep the pledge deployed (pledge x rotation ratio)
    share_of_active: Bounds | None  # pledged troops / active personnel
    pool_share_of_active: Bounds | None  # pool_needed / active personnel: what rotation ties up
    tours_sustainable: int | None  # tours of the pledged size its sustainable pool allows (low bound of pledge)
    tours_needed: int
    capabilities: list[str]


class ConditionHold(Model):
    condition: str
    offers: int
    providers: list[str]
    troops: Bounds  # troop equivalents that fall away without it
    share_of_troops: Bounds  # of the pledged troop-equivalent total
    by_capability: dict[str, Bounds]
    remaining_troops: Bounds  # what is left without it


class Sustainability(Model):
    rotation_ratio: float
    tour_months: int
    duration_months: int
    tours_needed: int
    deployed_required: float  # median
    pool_required: float  # median force pool
    pledged_troops: Bounds
    pledged_pool: Bounds  # pledged troops x rotation ratio
    providers_pool: float  # sustainable capacity of the pledging nations x rotation ratio
    covered_tours: int  # tours the pledging nations' pools could fill at the required deployed size


class Gap(Model):
    """The coalition ledger against the requirement on one day (the ``ceasefire gap --json`` output)."""

    scenario: str
    as_of: dt.date
    level: str
    statements: int
    actors: int
    pledges: int
    capabilities: list[CapabilityGap]
    offers: list[Offer]
    providers: list[ProviderShare]
    conditions: list[ConditionHold]
    sustainability: Sustainability
    stances: dict[str, str]  # latest stance of each actor on as_of
    troop_positions: dict[str, str]  # latest stance of each actor on sending troops (refusals stand until reversed)
    summary: str


# --- the requirement and capacities ---------------------------------------------------------------------------

def _crews() -> dict[str, float]:
    """People per unit of each capability (median), from the sizing's coverage parameters; troops are 1."""
    from ceasefire import reference
    from ceasefire.sizing import COVERAGE

    out = {"manoeuvre": 1.0}
    for cap, (_, crew_key) in COVERAGE.items():
        out[cap] = reference.parameter(crew_key).value
    return out


def _units(sizing_caps: dict[str, Any]) -> dict[str, str]:
    return {c: ("troops" if c == "manoeuvre" else "units") for c in sizing_caps}


class Capacity(Model):
    code: str
    name: str
    active_personnel: int | None
    inside: float | None  # troops it could keep deployed inside Ukraine (published estimate, else share of active)
    total: float | None  # troops it could keep deployed anywhere, enablers from outside included
    basis: str


def capacities() -> dict[str, Capacity]:
    """Each reference nation's sustainable capacity (``ceasefire.assess.sustainable_capacity``), median.

    ``inside`` is the published deployable estimate when there is one (some are 0: the government has ruled out
    troops in Ukraine); ``total`` also counts what the generic deployable share of its active force could
    provide from outside Ukraine (ISR, air, naval, logistics), the larger of the two.
    """
    from ceasefire import reference
    from ceasefire.assess import sustainable_capacity

    share = reference.parameter("deployable_share_default").value
    out: dict[str, Capacity] = {}
    for n in reference.nations().values():
        cap = sustainable_capacity(n)
        inside = cap[0].median if cap is not None else None
        generic = n.active_personnel * share if n.active_personnel is not None else None
        total = max(x for x in (inside, generic) if x is not None) if (inside, generic) != (None, None) else None
        out[n.iso3] = Capacity(code=n.iso3, name=n.name, active_personnel=n.active_personnel, inside=inside,
                               total=total, basis=cap[1] if cap is not None else "no capacity figure")
    return out


# --- merging pledges into offers -------------------------------------------------------------------------------

def offers(pledges: Sequence[PledgeRecord | PledgeRow], requirement: dict[str, float], crews: dict[str, float],
           caps: dict[str, Capacity]) -> list[Offer]:
    """Merge each provider's pledges per capability and bound unspecified quantities by its capacity."""
    groups: dict[tuple[str, str], list[PledgeRecord | PledgeRow]] = defaultdict(list)
    for p in pledges:
        if p.status != "withdrawn":
            groups[(p.provider, p.capability)].append(p)
    out = []
    for (prov, capability), ps in sorted(groups.items()):
        ps.sort(key=lambda p: (p.date, p.id))
        latest = ps[-1]
        status = max(ps, key=lambda p: STAGE_ORDER[p.status]).status
        crew = crews.get(capability)
        comparable = COMPARABLE_UNITS.get(capability, UNIT_WORDS)
        stated = [p for p in ps if p.quantity is not None and p.unit in comparable]
        quantity = stated[-1].quantity if stated else None
        note = ""
        if not stated and any(p.quantity is not None for p in ps):
            note = "quantity given in a unit the requirement does not use; counted as unspecified"
        conditions = list(latest.conditions)
        hostage = [c for c in conditions if c not in PREMISE_CONDITIONS]
        cap = caps.get(prov)
        outside_only = "no_troops_in_ukraine" in conditions
        limit_troops = None
        if cap is not None:
            limit_troops = cap.total if (outside_only or capability in OUTSIDE_CAPABLE) else cap.inside
            if capability == "manoeuvre" and outside_only:
                limit_troops = 0.0  # troops kept outside Ukraine do not man the line
        if quantity is not None:
            bounds = Bounds(low=quantity, high=quantity)
        else:
            high = 0.0
            if crew and limit_troops is not None:
                high = limit_troops / crew
                if capability != "manoeuvre":
                    high = math.floor(high)
                if capability in requirement:
                    high = min(high, requirement[capability])  # one provider never usefully exceeds the whole need
            elif crew is None:
                high = 0.0  # no sized requirement and no crew size: it cannot be counted, only listed
            bounds = Bounds(low=0.0, high=high, unspecified=1)
        troops = (Bounds(low=bounds.low * crew, high=bounds.high * crew, unspecified=bounds.unspecified)
                  if crew else Bounds(unspecified=1 if quantity is None else 0))
        out.append(Offer(provider=prov, capability=capability, quantity=quantity, unit=latest.unit,
                         bounds=bounds, troops=troops, firm=status in FIRM_STAGES and not hostage, status=status,
                         conditions=conditions, hostage_conditions=hostage, date=latest.date,
                         pledge_ids=[p.id for p in ps], source_ids=sorted({p.source_id for p in ps if p.source_id}),
                         note=note))
    return out


# --- the gap ------------------------------------------------------------------------------------------------

def _sum(xs: list[Bounds]) -> Bounds:
    out = Bounds()
    for x in xs:
        out = out + x
    return out


def _minus(need: float, have: Bounds) -> Bounds:
    return Bounds(low=max(0.0, need - have.high), high=max(0.0, need - have.low))


def gap(scenario: Scenario | str | None = None, ledger: Ledger | SqliteReader | None = None,
        as_of: dt.date | str | None = None, level: str = "median", sizing: Sizing | None = None) -> Gap:
    """The requirement against the pledges on ``as_of`` (default: the scenario's ``as_of``, else today)."""
    from ceasefire import reference
    from ceasefire.ledger.records import as_of_day
    from ceasefire.scenario import load
    from ceasefire.sizing import size

    if level not in ("p10", "median", "p90"):
        raise CeasefireError(f"level must be p10, median or p90, not {level!r}", field="level")
    sc = scenario if scenario is not None and not isinstance(scenario, str) else load(scenario)
    if ledger is None:  # open the default ledger for this call only, and close it again (its engine's pool)
        from ceasefire.ledger.store import open_ledger

        own = open_ledger()
        try:
            return gap(sc, own, as_of, level=level, sizing=sizing)
        finally:
            own.close()
    led = ledger
    day = as_of_day(as_of if as_of is not None else sc.as_of)
    sz = sizing or size(sc)
    req = {c: getattr(d, level) for c, d in sz.capabilities.items()}
    crews = _crews()
    caps = capacities()
    pledges = led.pledge_rows(day)
    offs = offers(pledges, req, crews, caps)
    stances = led.latest_stances(day)
    troop_positions = led.latest_stances(day, about_troops=True)
    n_statements, n_actors = led.statement_counts(day)
    units = _units(sz.capabilities)

    rows = []
    for capability in [*sz.capabilities, *sorted({o.capability for o in offs} - set(sz.capabilities))]:
        mine = [o for o in offs if o.capability == capability]
        firm = _sum([o.bounds for o in mine if o.firm])
        cond = _sum([o.bounds for o in mine if not o.firm])
        total = firm + cond
        d = sz.capabilities.get(capability)
        need = req.get(capability)
        rows.append(CapabilityGap(
            capability=capability, unit=units.get(capability, mine[0].unit if mine else ""),
            requirement=d.rounded().model_dump() if d is not None else None, firm=firm, conditional=cond,
            total=total, gap_firm=_minus(need, firm) if need is not None else None,
            gap_total=_minus(need, total) if need is not None else None,
            coverage_total=Bounds(low=total.low / need, high=total.high / need) if need else None,
            providers=sorted({o.provider for o in mine})))

    ratio = reference.parameter("rotation_ratio").value
    tours_needed = math.ceil(sc.mandate.duration_months / sc.rotation.tour_months)
    providers = []
    for prov in sorted({o.provider for o in offs}):
        mine = [o for o in offs if o.provider == prov]
        troops = _sum([o.troops for o in mine])
        cap = caps.get(prov)
        pool = Bounds(low=troops.low * ratio, high=troops.high * ratio, unspecified=troops.unspecified)
        active = cap.active_personnel if cap else None
        sustainable = cap.inside if cap else None
        tours = None
        if sustainable is not None and troops.low > 0:
            tours = min(tours_needed, math.floor(sustainable * ratio / troops.low))
        providers.append(ProviderShare(
            provider=prov, name=cap.name if cap else prov, active_personnel=active, sustainable=sustainable,
            pledged_troops=troops, pool_needed=pool,
            share_of_active=Bounds(low=troops.low / active, high=troops.high / active) if active else None,
            pool_share_of_active=Bounds(low=pool.low / active, high=pool.high / active) if active else None,
            tours_sustainable=tours, tours_needed=tours_needed, capabilities=sorted(o.capability for o in mine)))

    all_troops = _sum([o.troops for o in offs])
    holds = []
    for cond in sorted({c for o in offs for c in o.hostage_conditions}):
        held = [o for o in offs if cond in o.hostage_conditions]
        t = _sum([o.troops for o in held])
        by_cap: dict[str, Bounds] = {}
        for o in held:
            by_cap[o.capability] = by_cap.get(o.capability, Bounds()) + o.bounds
        holds.append(ConditionHold(
            condition=cond, offers=len(held), providers=sorted({o.provider for o in held}), troops=t,
            share_of_troops=Bounds(low=t.low / all_troops.low if all_troops.low else 0.0,
                                   high=t.high / all_troops.high if all_troops.high else 0.0),
            by_capability=by_cap,
            remaining_troops=Bounds(low=all_troops.low - t.low, high=all_troops.high - t.high)))
    holds.sort(key=lambda h: (-h.troops.high, -h.offers, h.condition))

    pledging = {o.provider for o in offs}
    providers_pool = sum((caps[p].inside or 0.0) for p in pledging if p in caps) * ratio
    deployed = getattr(sz.deployed, level)
    pool_required = getattr(sz.force_pool, level)
    sust = Sustainability(
        rotation_ratio=ratio, tour_months=sc.rotation.tour_months, duration_months=sc.mandate.duration_months,
        tours_needed=tours_needed, deployed_required=round(deployed), pool_required=round(pool_required),
        pledged_troops=all_troops,
        pledged_pool=Bounds(low=all_troops.low * ratio, high=all_troops.high * ratio),
        providers_pool=round(providers_pool),
        covered_tours=min(tours_needed, math.floor(providers_pool / deployed)) if deployed else tours_needed)
    result = Gap(scenario=sc.name, as_of=day, level=level, statements=n_statements, actors=n_actors,
                 pledges=len(pledges), capabilities=rows, offers=offs, providers=providers, conditions=holds,
                 sustainability=sust, stances=stances, troop_positions=troop_positions, summary="")
    return result.model_copy(update={"summary": summarise(result)})


def summarise(g: Gap) -> str:
    man = next((c for c in g.capabilities if c.capability == "manoeuvre"), None)
    parts = [f"As of {g.as_of}: {g.pledges} active pledges from {len(g.providers)} providers "
             f"({g.statements} statements by {g.actors} actors)."]
    if man is not None and man.requirement and man.gap_total is not None:
        need = man.requirement[g.level]
        parts.append(f"Manoeuvre troops needed ({g.level}) {need:,.0f}: firm pledges cover "
                     f"{man.firm.low:,.0f}-{man.firm.high:,.0f}, with conditional ones {man.total.low:,.0f}-"
                     f"{man.total.high:,.0f}; the gap is {man.gap_total.low:,.0f}-{man.gap_total.high:,.0f}.")
    short = [c.capability for c in g.capabilities if c.gap_total is not None and c.gap_total.low > 0]
    if short:
        parts.append(f"Short even at the most generous reading: {', '.join(short)}.")
    if g.conditions:
        top = g.conditions[0]
        parts.append(f"The condition holding most hostage is {top.condition}: without it "
                     f"{top.troops.low:,.0f}-{top.troops.high:,.0f} troop equivalents fall away "
                     f"({top.share_of_troops.high:.0%} of the most generous total).")
    return " ".join(parts)


# --- the plan -----------------------------------------------------------------------------------------------

class Provider(Model):
    """A nation in the programme: its capacities (troops) and limits."""

    code: str
    capacity_inside: float  # troops it can keep deployed inside Ukraine
    capacity_total: float  # troops it can keep deployed anywhere (>= inside)
    allowed: list[str] | None = None  # capabilities it may provide; None: all
    maximum: dict[str, float] = {}  # stated limits: the quantity it has offered ("up to 10,000") caps its share


class Problem(Model):
    requirement: dict[str, float]  # per capability, in its unit
    crew: dict[str, float]  # troops per unit (manoeuvre: 1)
    providers: list[Provider]
    outside_capable: list[str] = Field(default_factory=lambda: sorted(OUTSIDE_CAPABLE))


class PlanSolution(Model):
    feasible: bool
    status: str
    max_burden: float | None  # the largest contribution relative to its provider's total capacity
    contributions: dict[str, dict[str, float]]  # provider -> capability -> units
    burden: dict[str, float]  # provider -> troops used / total capacity
    shortfall: dict[str, float]  # capability -> what no feasible plan can cover (0 when feasible)
    binding: list[str]  # the limits that bind, in words


def solve(problem: Problem, time_limit: float = 5.0) -> PlanSolution:
    """Two stages. (1) Cover as much of each requirement as capacities and limits allow (minimise the shortfall,
    each capability weighted by 1/requirement). (2) If nothing is short, minimise the largest burden
    ``t`` (troops used / total capacity) subject to full cover; a tiny second term spreads the rest evenly.

    Variables: integer units ``x[p, c] >= 0`` for each allowed pair; shortfall ``s[c] >= 0``; burden ``t``.
    Constraints: ``sum_p x[p,c] + s[c] >= need[c]``; ``sum_{c inside} crew[c] x[p,c] <= capacity_inside[p]``;
    ``sum_c crew[c] x[p,c] <= t * capacity_total[p]``; ``t <= 1``.
    """
    import numpy as np
    from scipy.optimize import Bounds as SBounds
    from scipy.optimize import LinearConstraint, milp

    need = {c: float(q) for c, q in problem.requirement.items() if q > 0}
    caps = list(need)
    outside = set(problem.outside_capable)
    pairs = []
    for p in problem.providers:
        if p.capacity_total <= 0:
            continue
        for c in caps:
            if p.allowed is not None and c not in p.allowed:
                continue
            room = p.capacity_total if c in outside else min(p.capacity_inside, p.capacity_total)
            if room < problem.crew[c]:  # cannot field even one unit of it
                continue
            pairs.append((p, c))
    nx, ns = len(pairs), len(caps)
    n = nx + ns + 1  # x..., s..., t
    it = n - 1
    rows, lo, hi = [], [], []

    def row() -> np.ndarray:
        return np.zeros(n)

    for j, c in enumerate(caps):  # cover
        r = row()
        for i, (_, pc) in enumerate(pairs):
            if pc == c:
                r[i] = 1.0
        r[nx + j] = 1.0
        rows.append(r)
        lo.append(need[c])
        hi.append(np.inf)
    providers = [p for p in problem.providers if any(pp is p for pp, _ in pairs)]
    for p in providers:
        r_in, r_tot = row(), row()
        for i, (pp, c) in enumerate(pairs):
            if pp is p:
                r_tot[i] = problem.crew[c]
                if c not in outside:
                    r_in[i] = problem.crew[c]
        if r_in.any():
            rows.append(r_in)
            lo.append(-np.inf)
            hi.append(p.capacity_inside)
        r_tot[it] = -p.capacity_total
        rows.append(r_tot)
        lo.append(-np.inf)
        hi.append(0.0)
    lb = np.zeros(n)
    ub = np.full(n, np.inf)
    ub[it] = 1.0
    for i, (p, c) in enumerate(pairs):
        if c in p.maximum:
            ub[i] = p.maximum[c]
    # Units (ISR orbits, teams, batteries) come whole; troops are many enough to be continuous (whole troops
    # made HiGHS hit its time limit proving optimality among near-identical splits) and are rounded up after.
    integrality = np.array([0.0 if c == "manoeuvre" else 1.0 for _, c in pairs]
                           + [0.0] * (ns + 1))
    opts = {"disp": False, "time_limit": time_limit, "mip_rel_gap": 1e-6}
    A = np.array(rows) if rows else np.zeros((0, n))
    cons = LinearConstraint(A, lo, hi)

    # stage 1: the smallest weighted shortfall
    c1 = np.zeros(n)
    for j, c in enumerate(caps):
        c1[nx + j] = 1.0 / need[c]
    r1 = milp(c1, constraints=cons, integrality=integrality, bounds=SBounds(lb, ub), options=opts)
    if r1.x is None:
        raise CeasefireError(f"the plan's programme could not be solved: {r1.message}")
    short = {c: float(max(0.0, round(r1.x[nx + j], 6))) for j, c in enumerate(caps)}
    feasible = all(v <= 1e-6 for v in short.values())
    x = r1.x
    status = "feasible" if feasible else "infeasible"
    if feasible:
        # stage 2: no shortfall, minimise the largest burden (and, a thousandth as much, the sum of burdens)
        ub2 = ub.copy()
        ub2[nx:nx + ns] = 0.0
        c2 = np.zeros(n)
        c2[it] = 1.0
        for i, (p, c) in enumerate(pairs):
            c2[i] = 1e-3 * problem.crew[c] / p.capacity_total
        r2 = milp(c2, constraints=cons, integrality=integrality, bounds=SBounds(lb, ub2), options=opts)
        if r2.x is not None:
            x = r2.x
        status = "optimal" if r2.success else f"feasible ({r2.message})"
    contributions: dict[str, dict[str, float]] = {}
    used: dict[str, float] = defaultdict(float)
    used_in: dict[str, float] = defaultdict(float)
    for i, (p, c) in enumerate(pairs):
        units = float(math.ceil(x[i] - 1e-6) if c == "manoeuvre" else round(x[i]))
        if units > 0:
            contributions.setdefault(p.code, {})[c] = units
            used[p.code] += units * problem.crew[c]
            if c not in outside:
                used_in[p.code] += units * problem.crew[c]
    burden = {p.code: round(used[p.code] / p.capacity_total, 4) for p in providers if used[p.code] > 0}
    binding = _binding(problem, providers, pairs, short, used, used_in, caps) if not feasible else []
    return PlanSolution(feasible=feasible, status=status,
                        max_burden=round(max(burden.values()), 4) if burden else (0.0 if feasible else None),
                        contributions=contributions, burden=burden, shortfall=short, binding=binding)


def _binding(problem: Problem, providers: list[Provider], pairs: list[tuple[Provider, str]],
             short: dict[str, float], used: dict[str, float], used_in: dict[str, float], caps: list[str]) -> list[str]:
    out = []
    outside = set(problem.outside_capable)
    for c in caps:
        if short[c] <= 1e-6:
            continue
        able = [p for p, pc in pairs if pc == c]
        if not able:
            out.append(f"{c}: no nation able and willing to provide even one unit")
            continue
        full = [p.code for p in able
                if (c not in outside and used_in[p.code] >= p.capacity_inside - problem.crew[c])
                or used[p.code] >= p.capacity_total - problem.crew[c]]
        out.append(f"{c}: short {short[c]:,.0f}; every able nation is at its capacity"
                   + (f" ({', '.join(sorted(full))})" if full else ""))
    for p in problem.providers:
        if p.capacity_total > 0 and p.allowed is not None and not p.allowed:
            out.append(f"{p.code}: refuses (capacity {p.capacity_total:,.0f} troops unused)")
        elif p.capacity_inside <= 0 < p.capacity_total and any(short[c] > 0 for c in caps if c not in outside):
            out.append(f"{p.code}: no troops in Ukraine (could add up to {p.capacity_total:,.0f} inside)")
    return out


class PlanRow(Model):
    provider: str
    name: str
    limits: list[str]
    capacity_inside: float
    capacity_total: float
    contributions: dict[str, float]
    pledged: dict[str, float | None]  # what it has already pledged per capability (None: unspecified)
    troops: float
    burden: float  # troops / total capacity


class Plan(Model):
    """The ``ceasefire plan --json`` output."""

    scenario: str
    as_of: dt.date
    level: str
    feasible: bool
    status: str
    max_burden: float | None
    requirement: dict[str, float]
    covered: dict[str, float]
    shortfall: dict[str, float]
    rows: list[PlanRow]
    excluded: dict[str, str]  # nation -> why it is not in the plan
    binding: list[str]
    summary: str


def problem_for(g: Gap, requirement: dict[str, float], caps: dict[str, Capacity], pledging_only: bool = False
                ) -> tuple[Problem, dict[str, list[str]], dict[str, str]]:
    """The plan's programme for a gap: who may give what, from the ledger's positions and reference capacities."""
    by_provider: dict[str, list[Offer]] = defaultdict(list)
    for o in g.offers:
        by_provider[o.provider].append(o)
    providers, limits, excluded = [], {}, {}
    for code, cap in sorted(caps.items()):
        if code in NON_PROVIDERS or code in ORGANISATIONS:
            continue
        if cap.total is None:
            excluded[code] = "no capacity figure in the reference data"
            continue
        mine = by_provider.get(code, [])
        stance = g.troop_positions.get(code)
        why: list[str] = []
        allowed: list[str] | None = None
        inside = cap.inside or 0.0
        if pledging_only and not mine:
            excluded[code] = "has pledged nothing (plan limited to pledging nations)"
            continue
        if stance in REFUSING_STANCES and not mine:
            excluded[code] = f"latest position on troops: {stance}"
            continue
        if stance in REFUSING_STANCES:
            why.append(f"{stance} troops; offers {', '.join(sorted({o.capability for o in mine}))}")
            inside = 0.0
        if any("no_troops_in_ukraine" in o.conditions for o in mine):
            why.append("no troops in Ukraine")
            inside = 0.0
        if inside <= 0 and not why:
            why.append("no troops in Ukraine (reference: deployable estimate 0)")
        if inside <= 0:
            allowed = sorted(OUTSIDE_CAPABLE)
        maximum = {o.capability: o.quantity for o in mine if o.quantity is not None and o.capability in requirement}
        providers.append(Provider(code=code, capacity_inside=inside, capacity_total=max(cap.total, inside),
                                  allowed=allowed, maximum=maximum))
        limits[code] = why
    return Problem(requirement=requirement, crew=_crews(), providers=providers), limits, excluded


def plan(scenario: Scenario | str | None = None, ledger: Ledger | None = None, as_of: dt.date | str | None = None,
         level: str = "median", sizing: Sizing | None = None, gap_result: Gap | None = None,
         pledging_only: bool = False) -> Plan:
    """Contributions that close every capability gap on ``as_of``, or why none can and what stays short.

    Every nation with a capacity figure that does not refuse takes part (``pledging_only``: only those with an
    active pledge). Limits: a nation whose latest stance refuses or opposes gives nothing unless it has pledged
    something, and then only from outside Ukraine; a ``no_troops_in_ukraine`` condition or a published
    deployable estimate of 0 also means enablers from outside only; a stated quantity caps that capability.
    """
    from ceasefire.scenario import load
    from ceasefire.sizing import size

    sc = scenario if scenario is not None and not isinstance(scenario, str) else load(scenario)
    sz = sizing or size(sc)
    g = gap_result or gap(sc, ledger, as_of, level=level, sizing=sz)
    requirement = {c: float(math.ceil(getattr(d, level))) for c, d in sz.capabilities.items()}
    caps = capacities()
    problem, limits, excluded = problem_for(g, requirement, caps, pledging_only)
    sol = solve(problem)
    pledged: dict[str, dict[str, float | None]] = defaultdict(dict)
    for o in g.offers:
        pledged[o.provider][o.capability] = o.quantity
    rows = []
    for p in problem.providers:
        contrib = sol.contributions.get(p.code, {})
        if not contrib and not pledged.get(p.code):
            continue
        troops = sum(u * problem.crew[c] for c, u in contrib.items())
        rows.append(PlanRow(provider=p.code, name=caps[p.code].name, limits=limits.get(p.code, []),
                            capacity_inside=round(p.capacity_inside), capacity_total=round(p.capacity_total),
                            contributions=contrib, pledged=pledged.get(p.code, {}), troops=troops,
                            burden=sol.burden.get(p.code, 0.0)))
    rows.sort(key=lambda r: (-r.troops, r.provider))
    covered = {c: sum(r.contributions.get(c, 0.0) for r in rows) for c in requirement}
    if sol.feasible:
        summary = (f"As of {g.as_of} a plan exists: {len([r for r in rows if r.troops])} nations close every gap, "
                   f"the most burdened giving {sol.max_burden:.0%} of its sustainable capacity.")
    else:
        short = ", ".join(f"{c} {v:,.0f}" for c, v in sol.shortfall.items() if v > 0)
        summary = (f"As of {g.as_of} no plan closes every gap within the nations' capacities and stated limits; "
                   f"the smallest shortfall that remains: {short}.")
    return Plan(scenario=sc.name, as_of=g.as_of, level=level, feasible=sol.feasible, status=sol.status,
                max_burden=sol.max_burden, requirement=requirement, covered=covered, shortfall=sol.shortfall,
                rows=rows, excluded=excluded, binding=sol.binding, summary=summary)


# --- the coalition section of ``ceasefire assess`` ------------------------------------------------------------

def assessment_section(scenario: Scenario, sizing: Sizing, url: str | None = None,
                       as_of: dt.date | str | None = None) -> dict[str, Any]:
    """The gap in the shape ``Assessment.coalition`` holds, for the main job's "is it enough?".

    Cheap on purpose (a cold ``assess`` may spend at most 0.4 s here): it reuses the sizing, opens the ledger
    without Alembic when the schema is at head, and never creates a ledger: with none yet it says how to make one.
    A ledger that cannot be read gives a section saying so instead of failing the whole assessment.
    """
    from ceasefire.errors import CeasefireError as Err
    from ceasefire.ledger.urls import default_url, normalise_url, redact

    full = normalise_url(url or default_url())
    led: Any = None
    if full.startswith("sqlite:///") and full != "sqlite:///:memory:":
        from pathlib import Path

        path = Path(full.removeprefix("sqlite:///"))
        if not path.exists():
            return {"available": False, "ledger": redact(full),
                    "summary": "No coalition ledger yet: run `ceasefire ledger init` to load the bundled, sourced "
                               "positions of 2024-2026, then assess again."}
        from ceasefire.ledger.fastread import SqliteReader

        reader = SqliteReader(path)
        if reader.at_head():  # the common case: plain sqlite3, no SQLAlchemy or Alembic to import
            led = reader
    opened = None
    try:
        if led is None:
            from ceasefire.ledger.store import open_ledger

            led = opened = open_ledger(full)
        if led.is_empty():
            return {"available": False, "ledger": redact(full),
                    "summary": "The coalition ledger is empty: run `ceasefire ledger init`."}
        g = gap(scenario, led, as_of, sizing=sizing)
    except Err as exc:
        return {"available": False, "ledger": redact(full), "summary": f"Coalition ledger unavailable: {exc}"}
    finally:
        if opened is not None:  # one engine per call (the API calls this per request): dispose of its pool
            opened.close()
    return {
        "available": True, "ledger": redact(full), "as_of": g.as_of.isoformat(), "level": g.level,
        "summary": g.summary, "statements": g.statements, "actors": g.actors, "pledges": g.pledges,
        "providers": len(g.providers),
        "capabilities": [c.model_dump(mode="json", include={"capability", "unit", "requirement", "firm", "conditional",
                                                            "gap_firm", "gap_total", "providers"})
                         for c in g.capabilities],
        "conditions": [h.model_dump(mode="json", include={"condition", "offers", "providers", "troops",
                                                          "share_of_troops"}) for h in g.conditions],
        "sustainability": g.sustainability.model_dump(mode="json"),
    }

