"""From a scenario, a force and parameter values to the per-cell probabilities both implementations use.

The line is split into cells of about ``cell_km`` (10 km by default, the model's "sector" of
docs/stress-model.md §1); each named scenario sector is a run of cells. Everything that does not change from
day to day (coverage, detection, attribution, eligibility, capacity, timeliness) is computed here once, in
closed form, so that the vectorised engine and the agent-based twin share exactly the same semantics.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ceasefire.domain import RulesOfEngagement, Scenario
from ceasefire.errors import CeasefireError, ScenarioError
from ceasefire.stress.parameters import defaults

# Event types, in the order of every K-axis.
TYPES = ("drone_recon", "drone_strike", "shelling", "small_arms", "infiltration", "raid")
K = len(TYPES)
DRONE = np.array([1, 1, 0, 0, 0, 0], dtype=bool)
LINE_CROSSING = np.array([0, 0, 0, 0, 1, 1], dtype=bool)
# Outcome categories of one event: detection status x whether it targets the force.
STATUS = ("undetected", "detected", "attributed")
C = 6  # (status, target) pairs: index = 2 * status + target
SENSORS = ("radar", "rf", "eoir", "acoustic", "weapon_locating", "isr", "patrol")
ORIGIN = np.array([0, 0, 0, 0, 1, 1, 0], dtype=bool)  # sensors that can locate the point of origin
REGIMES = ("calm", "probing", "intense", "offensive")
TFT_DAYS = 7  # a sector answered within the last week is primed for tit-for-tat escalation (stress_model B5)
ROE_CODE = {RulesOfEngagement.OBSERVE_REPORT: 0, RulesOfEngagement.SELF_DEFENCE: 1,
            RulesOfEngagement.DEFEND_MANDATE: 2}


@dataclass(frozen=True)
class Force:
    """What holds the line: armed troops, unarmed monitors, units per capability and how they are spread.

    Build it from a scenario's ``stress.force``, from ``ceasefire.sizing.size(scenario).capabilities`` with
    :func:`force_from_capabilities`, or (later) from the coalition ledger's pledges: the engine only needs
    these numbers.
    """

    troops: float = 0.0
    monitors: float = 0.0
    units: dict[str, float] = field(default_factory=dict)
    allocation: str = "threat"

    def scaled(self, troops: float | None = None, monitors: float | None = None,
               units_scale: float = 1.0) -> Force:
        return replace(self, troops=self.troops if troops is None else troops,
                       monitors=self.monitors if monitors is None else monitors,
                       units={k: v * units_scale for k, v in self.units.items()})


def force_from_capabilities(capabilities: dict[str, Any], allocation: str = "threat") -> Force:
    """A force from sizing's capability distributions (their medians): manoeuvre troops and units."""
    def med(key: str) -> float:
        d = capabilities.get(key)
        return float(getattr(d, "median", d) or 0.0) if d is not None else 0.0

    units = {k: med(k) for k in ("isr", "counter_drone", "electronic_warfare", "sensors")}
    return Force(troops=med("manoeuvre"), units=units, allocation=allocation)


def force_from_pledges(gap: Any, bound: str = "low", allocation: str = "threat") -> Force:
    """The pledged force from a ``ceasefire.coalition.gap`` (firm and conditional pledges together).

    ``bound``: ``low`` counts pledges that state no quantity as zero (what is on paper), ``high`` as the
    provider's most. Capabilities the stress model has no use for (air power, naval, logistics) are left out.
    """
    if bound not in ("low", "high"):
        raise CeasefireError(f"pledge bound must be low or high, not {bound!r}", field="pledge_bound")
    totals = {c.capability: float(getattr(c.total, bound)) for c in gap.capabilities}
    units = {k: totals.get(k, 0.0) for k in ("isr", "counter_drone", "electronic_warfare", "sensors")}
    force = Force(troops=totals.get("manoeuvre", 0.0), units=units, allocation=allocation)
    if force.troops == 0 and not any(units.values()):
        raise CeasefireError(f"the ledger holds no pledged troops or units on {gap.as_of}: nothing to stress-test "
                             "(load the starting ledger, or use --force scenario)", field="force")
    return force


@dataclass(frozen=True)
class Layout:
    """The cells of the line and the named sector each belongs to."""

    sector_names: tuple[str, ...]
    cell_sector: np.ndarray  # (S,) index of the named sector
    cell_km: np.ndarray  # (S,) length of each cell
    cell_threat: np.ndarray  # (S,) threat weight
    sector_start: np.ndarray  # (n_sectors,) first cell of each sector, for np.add.reduceat


def layout(scenario: Scenario, cell_km: float = 10.0) -> Layout:
    sectors = scenario.theatre.sectors
    if not sectors:
        raise ScenarioError("the stress test needs the line split into sectors (theatre.sectors is empty)",
                            source=scenario.source or None, field="theatre.sectors")
    names, idx, km, threat, start = [], [], [], [], []
    for i, s in enumerate(sectors):
        n = max(1, round(s.length_km / cell_km))
        start.append(len(idx))
        names.append(s.name)
        idx += [i] * n
        km += [s.length_km / n] * n
        threat += [s.threat_weight] * n
    return Layout(tuple(names), np.array(idx), np.array(km), np.array(threat), np.array(start))


@dataclass(frozen=True)
class Prepared:
    """Everything a day's step needs, per cell (S) and event type (K), plus the end-of-run split tables."""

    layout: Layout
    roe: int
    days: int
    base_rate: np.ndarray  # (S,) expected events per day at regime multiplier 1 and belief b*
    type_share: np.ndarray  # (K, S)
    cat_p: np.ndarray  # (S, K, C) probability of each outcome category given the type
    eligible: np.ndarray  # (K, C) bool: a response is requested under the ROE
    q_elig: np.ndarray  # (S,) probability an event is eligible
    p_auth: float
    capacity: np.ndarray  # (S,) responses per day
    p_timely: np.ndarray  # (K, S) probability an answered event is answered within its window
    mean_response_min: np.ndarray  # (K, S)
    response: dict[str, Any]  # the response-time model, for sampling (twin) and quantiles
    sensor_p: np.ndarray  # (S, K, J) probability that a sensor type detects an event
    regime_mult: np.ndarray  # (4,)
    p_up: np.ndarray  # (4,)
    p_down: np.ndarray  # (4,)
    kappa: float
    theta: float
    theta_esc: float
    tft: float
    b_star: float
    delta: float
    attribution_willingness: float
    fusion: float
    target_share: np.ndarray  # (K,)
    p_kill: float
    mu_civ_per_event: np.ndarray  # (K,) civilian casualties per incident (recorded violations x rate)
    mu_force: float
    p_raid: float
    failure_unanswered: float
    values: dict[str, float]


def _roe(scenario: Scenario, override: RulesOfEngagement | None) -> int:
    return ROE_CODE[override or scenario.mandate.rules_of_engagement]


def prepare(scenario: Scenario, force: Force, days: int, values: dict[str, float] | None = None,
            roe: RulesOfEngagement | None = None, cell_km: float = 10.0,
            failure_unanswered: float = 0.9) -> Prepared:
    """Closed-form per-cell probabilities for ``force`` on ``scenario``'s line (docs/stress-model.md §2-§6)."""
    v = defaults()
    v.update(values or {})
    lay = layout(scenario, cell_km)
    roe_code = _roe(scenario, roe)
    S = len(lay.cell_km)
    ell = lay.cell_km
    area = ell * v["monitored_depth_km"]

    # Where the force stands: every unit kind and the troops spread by the allocation rule.
    weight = {"threat": ell * lay.cell_threat, "length": ell, "uniform": np.ones(S)}[force.allocation]
    weight = weight / weight.sum() if weight.sum() > 0 else np.full(S, 1.0 / S)
    troops = force.troops * weight
    monitors = force.monitors * weight
    units = {k: force.units.get(k, 0.0) * weight for k in ("isr", "counter_drone", "electronic_warfare",
                                                              "sensors", "weapon_locating")}
    if "weapon_locating" not in force.units:
        # no explicit count: one origin-locating sensor per twice its radius of line, if the force has sensors
        line = float(ell.sum())
        wl = math.ceil(line / (2 * v["weapon_locating_range_km"])) if force.units.get("sensors", 0) > 0 else 0
        units["weapon_locating"] = wl * weight

    # Deterrence by armed-troop density (Hultman et al.), saturating: D(10k) at 10,000, D(10k)^2 at infinity.
    armed = force.troops if roe_code > 0 else 0.0
    deterrence = v["deterrence_at_10k"] ** (2 * armed / (armed + 10_000)) if armed > 0 else 1.0

    lam = np.array([v["rate_drone_recon"], v["rate_drone_strike"], v["rate_shelling"], v["rate_small_arms"],
                    v["rate_infiltration"], v["rate_raid"]])
    rate_ks = lam[:, None] * (ell * lay.cell_threat)[None, :] * deterrence  # (K, S)
    base = rate_ks.sum(0)
    share = np.divide(rate_ks, base, out=np.full_like(rate_ks, 1.0 / K), where=base > 0)

    # Detection (§3): per-sensor probability p_jk, combined over the n_j sensors of a type in the cell.
    q, a, nu = v["declaration_probability"], v["sensor_availability"], v["night_weather_factor"]

    def cov_area(radius: float) -> np.ndarray:
        return np.minimum(1.0, math.pi * radius**2 / area)

    def cov_line(radius: float) -> np.ndarray:
        return np.minimum(1.0, 2 * radius / ell)

    def cov(radius: float) -> np.ndarray:  # (K, S): line-crossing events cross the cell, the others are areal
        return np.where(LINE_CROSSING[:, None], cov_line(radius)[None, :], cov_area(radius)[None, :])

    zero = np.zeros((K, S))
    drone = DRONE[:, None].astype(float)
    saf = np.array([0, 0, 0, 1, 0, 0], float)[:, None]
    shell = np.array([0, 0, 1, 0, 0, 0], float)[:, None]
    ground = np.array([0, 0, 1, 0, 1, 1], float)[:, None]
    p_single = {
        "radar": cov(v["radar_range_km"]) * q * a * drone,
        "rf": cov(v["rf_range_km"]) * q * a * (1 - v["fibre_optic_share"]) * drone,
        "eoir": cov(v["eoir_range_km"]) * q * a * nu + zero,
        "acoustic": cov(v["acoustic_range_km"]) * q * a * (drone + saf + LINE_CROSSING[:, None]),
        "weapon_locating": cov(v["weapon_locating_range_km"]) * q * a * shell,
    }
    count = {"radar": units["sensors"] + units["counter_drone"], "rf": units["electronic_warfare"],
             "eoir": units["sensors"], "acoustic": units["sensors"], "weapon_locating": units["weapon_locating"]}
    det = {j: 1 - (1 - np.clip(p_single[j], 0, 1)) ** count[j][None, :] for j in p_single}
    # ISR orbits watch a share of the cell's length around the clock; they track ground events to their origin.
    isr_cover = np.minimum(1.0, units["isr"] * v["isr_line_km_per_orbit"] / ell)
    det["isr"] = (isr_cover * q * a * nu)[None, :] * ground
    patrols = (troops * v["patrol_share"] + monitors) / v["patrol_size"]
    p_patrol = v["patrol_detection_probability"] * (1 - v["freedom_of_movement_denial"])
    det["patrol"] = (1 - (1 - p_patrol) ** patrols)[None, :] * np.ones((K, 1))
    D = np.clip(np.stack([det[j] for j in SENSORS], axis=-1), 0.0, 1.0)  # (K, S, J)
    sensor_p = np.transpose(D, (1, 0, 2)).copy()  # (S, K, J)

    miss = 1 - D
    p_det = 1 - miss.prod(-1)
    p_origin = 1 - miss[..., ORIGIN].prod(-1)
    dx = D[..., ~ORIGIN]
    p0x = (1 - dx).prod(-1)
    p1x = np.zeros_like(p0x)
    for j in range(dx.shape[-1]):
        others = np.delete(1 - dx, j, axis=-1).prod(-1)
        p1x += dx[..., j] * others
    psi = v["attribution_willingness_observe"] if roe_code == 0 else v["attribution_willingness_armed"]
    p_att = psi * (p_origin + (1 - p_origin) * np.clip(1 - p0x - p1x, 0, 1) * v["attribution_fusion"])
    p_att = np.minimum(p_att, p_det)

    phi = np.array([v["target_share_drone"], v["target_share_drone"], v["target_share_fire"],
                    v["target_share_fire"], v["target_share_infiltration"], 1.0])
    status_p = np.stack([1 - p_det, p_det - p_att, p_att], axis=-1)  # (K, S, 3)
    target_p = np.stack([1 - phi, phi], axis=-1)  # (K, 2)
    cat = (status_p[..., :, None] * target_p[:, None, None, :]).reshape(K, S, C)
    cat = np.clip(cat, 0, 1)
    cat_p = np.transpose(cat, (1, 0, 2)).copy()  # (S, K, C)

    eligible = np.zeros((K, C), dtype=bool)
    for k in range(K):
        for st in range(3):
            for tg in range(2):
                if roe_code == 1:
                    ok = st > 0 and tg == 1
                elif roe_code == 2:
                    ok = st == 2 or (st == 1 and (bool(DRONE[k]) or tg == 1))
                else:
                    ok = False
                eligible[k, 2 * st + tg] = ok
    q_elig = np.einsum("ks,skc,kc->s", share, cat_p, eligible.astype(float))

    p_auth = {0: 0.0, 1: v["authorisation_self_defence"], 2: v["authorisation_defend_mandate"]}[roe_code]
    teams = troops * v["qrf_share"] / v["qrf_team_size"] + units["counter_drone"]
    capacity = np.floor(teams * math.floor(24 / v["service_hours"])) if roe_code > 0 else np.zeros(S)

    response = response_model(v, roe_code, ell)
    windows = np.array([v["window_drone_min"], v["window_drone_min"], v["window_fire_min"], v["window_fire_min"],
                        60 * v["window_infiltration_h"], 60 * v["window_raid_h"]])
    p_timely = np.stack([timely_probability(response, k, windows[k]) for k in range(K)])
    mean_resp = np.stack([mean_response(response, k) for k in range(K)])

    regime_mult = np.array([v["regime_calm_multiplier"], 1.0, v["regime_intense_multiplier"],
                            v["regime_offensive_multiplier"]])
    p_up = np.array([1 / v["calm_duration_days"], v["escalation_probing_to_intense"],
                     v["escalation_intense_to_offensive"], 0.0])
    p_down = np.array([0.0, v["recommitment_probability"], 1 / v["spike_duration_days"],
                       1 / v["offensive_duration_days"]])
    mu_civ = v["civilian_casualties_per_cfv"] * np.array(
        [0, 0, v["cluster_size_shelling"], v["cluster_size_small_arms"], 0, 0])
    # the engine splits events by sector, not by cell: that needs the cells of a sector to be identical
    sec = lay.cell_sector
    assert np.allclose(cat_p, cat_p[lay.sector_start][sec]) and np.allclose(share, share[:, lay.sector_start][:, sec])
    return Prepared(
        layout=lay, roe=roe_code, days=days, base_rate=base, type_share=share, cat_p=cat_p, eligible=eligible,
        q_elig=q_elig, p_auth=p_auth, capacity=capacity, p_timely=p_timely, mean_response_min=mean_resp,
        response=response, sensor_p=sensor_p, regime_mult=regime_mult, p_up=p_up, p_down=p_down,
        kappa=v["overdispersion_shape"], theta=v["probing_elasticity"], theta_esc=v["escalation_elasticity"],
        tft=v["tit_for_tat"], b_star=v["belief_threshold"], delta=v["belief_memory"],
        attribution_willingness=psi, fusion=v["attribution_fusion"], target_share=phi,
        p_kill=v["kill_probability"], mu_civ_per_event=mu_civ, mu_force=v["force_casualties_per_hit"],
        p_raid=v["raid_success_unanswered"], failure_unanswered=failure_unanswered, values=v)


# --- response times (§5) ------------------------------------------------------------------------------------

def response_model(v: dict[str, float], roe_code: int, ell: np.ndarray) -> dict[str, Any]:
    """T = report + decision + (C-UAS engagement | notice to move + distance / speed), in minutes.

    The decision latency is log-normal with the ROE's median; under defend-the-mandate a share of responses
    falls to contingents with capital-approval caveats, whose median is hours.
    """
    median = v["decision_min_self_defence"] if roe_code == 1 else v["decision_min_defend_mandate"]
    caveat = v["caveat_share"] if roe_code == 2 else 0.0
    return {"report": v["report_latency_min"], "median": median, "caveat_median": 60 * v["decision_hours_caveat"],
            "caveat": caveat, "sigma": v["decision_sigma"], "cuas": v["cuas_engagement_min"],
            "ntm": v["notice_to_move_min"], "speed_kmh": v["ground_speed_kmh"], "half_cell": ell / 2}


def _erf(z: np.ndarray) -> np.ndarray:
    """Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): vectorised, and no SciPy on the assess path."""
    sign = np.sign(z)
    x = np.abs(z)
    t = 1 / (1 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1 - poly * np.exp(-x * x))


def _lognormal_cdf(x: np.ndarray, median: float, sigma: float) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    z = (np.log(np.maximum(x, 1e-300)) - math.log(median)) / (sigma * math.sqrt(2))
    return np.where(x > 0, 0.5 * (1 + _erf(z)), 0.0)


def _decision_cdf(x: np.ndarray, r: dict[str, Any]) -> np.ndarray:
    c = r["caveat"]
    out = (1 - c) * _lognormal_cdf(x, r["median"], r["sigma"])
    if c > 0:
        out = out + c * _lognormal_cdf(x, r["caveat_median"], r["sigma"])
    return out


_NODES = (np.arange(64) + 0.5) / 64  # midpoint rule over the QRF's uniform distance to the event


def response_cdf(r: dict[str, Any], k: int, t: float, cells: np.ndarray | None = None) -> np.ndarray:
    """P(T <= t) per cell (or for the given ``cells``) for an answered event of type ``k``."""
    half = np.asarray(r["half_cell"], dtype=float)
    if cells is not None:
        half = half[cells]
    if DRONE[k]:
        return np.broadcast_to(_decision_cdf(np.array([t - r["report"] - r["cuas"]]), r), half.shape).copy()
    travel = 60 * _NODES[None, :] * half[:, None] / r["speed_kmh"]  # (S, nodes) minutes
    slack = t - r["report"] - r["ntm"] - travel
    return _decision_cdf(slack.ravel(), r).reshape(slack.shape).mean(1)


def timely_probability(r: dict[str, Any], k: int, window_min: float) -> np.ndarray:
    return response_cdf(r, k, window_min)


def mean_response(r: dict[str, Any], k: int) -> np.ndarray:
    s2 = r["sigma"] ** 2 / 2
    decision = (1 - r["caveat"]) * r["median"] * math.exp(s2) + r["caveat"] * r["caveat_median"] * math.exp(s2)
    half = np.asarray(r["half_cell"], dtype=float)
    if DRONE[k]:
        return np.full(half.shape, r["report"] + decision + r["cuas"])
    return r["report"] + decision + r["ntm"] + 60 * (half / 2) / r["speed_kmh"]


def sample_response(r: dict[str, Any], k: int, cell: int, rng: np.random.Generator) -> float:
    """One response time in minutes, drawn event by event (the twin's way)."""
    caveated = rng.random() < r["caveat"]
    median = r["caveat_median"] if caveated else r["median"]
    decision = median * math.exp(r["sigma"] * rng.standard_normal())
    if DRONE[k]:
        return r["report"] + decision + r["cuas"]
    distance = rng.random() * float(np.asarray(r["half_cell"])[cell])
    return r["report"] + decision + r["ntm"] + 60 * distance / r["speed_kmh"]
