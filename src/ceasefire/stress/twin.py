"""The reference twin: the same stochastic model as the engine, written event by event as Mesa 3 agents.

It exists to check the engine (tests compare the two statistically) and as the benchmark's baseline. It
takes the same :class:`~ceasefire.stress.model.Prepared` inputs (per-sensor detection probabilities, rates,
capacities) but combines them its own way: each probe is an object that every sensor agent in its cell
tries to detect, that is attributed or not, that asks the cell's response team for an answer, and that gets
a sampled response time. Mesa is imported only when a twin is built: the core package does not need it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ceasefire.stress.model import DRONE, ORIGIN, SENSORS, TFT_DAYS, Prepared, sample_response

RAID = 5
STRIKE = 1


@dataclass
class Probe:
    kind: int
    cell: int
    targets_force: bool
    detected: bool = False
    attributed: bool = False
    answered: bool = False
    timely: bool = False
    intercepted: bool = False


def build(prep: Prepared, seed: int) -> Any:
    """A Mesa model of ``prep``'s line; call ``.run()`` for one replication's totals."""
    import mesa

    windows = _windows(prep)

    class AdversaryCommand(mesa.Agent):
        """Learns from each day's probes whether the force answers, and steers its probing by it."""

        def __init__(self, model: Any) -> None:
            super().__init__(model)
            self.alpha, self.beta = 1.0, 1.0
            self.shock: list[float] = []

        @property
        def belief(self) -> float:
            return self.alpha / (self.alpha + self.beta)

        def plan(self) -> None:
            """Today's intensity shock per named sector (fighting flares along a stretch of front)."""
            n = len(prep.layout.sector_names)
            if math.isfinite(prep.kappa):
                self.shock = [self.model.rng.gamma(prep.kappa, 1 / prep.kappa) for _ in range(n)]
            else:
                self.shock = [1.0] * n

        def learn(self, probes: int, answered: int) -> None:
            self.alpha = prep.delta * self.alpha + answered
            self.beta = prep.delta * self.beta + (probes - answered)

    class SensorAgent(mesa.Agent):
        """All sensors of one type in one cell: detects a probe with the cell's per-type probability."""

        def __init__(self, model: Any, cell: int, index: int) -> None:
            super().__init__(model)
            self.cell, self.index, self.origin = cell, index, bool(ORIGIN[index])

        def detects(self, probe: Probe) -> bool:
            return self.model.random.random() < prep.sensor_p[self.cell, probe.kind, self.index]

    class ResponseTeam(mesa.Agent):
        """The cell's quick-reaction and counter-drone teams: a daily budget of responses."""

        def __init__(self, model: Any, cell: int) -> None:
            super().__init__(model)
            self.cell = cell
            self.tokens = 0

        def reset(self) -> None:
            self.tokens = int(prep.capacity[self.cell])

        def respond(self, probe: Probe) -> None:
            rnd = self.model.random
            if rnd.random() >= prep.p_auth or self.tokens <= 0:
                return
            self.tokens -= 1
            probe.answered = True
            minutes = sample_response(prep.response, probe.kind, self.cell, self.model.rng)
            self.model.response_sum += minutes
            probe.timely = minutes <= windows[probe.kind]
            probe.intercepted = bool(DRONE[probe.kind]) and probe.timely and rnd.random() < prep.p_kill

    class SectorAgent(mesa.Agent):
        """One cell of the line: its regime, and the probes the adversary sends into it today."""

        def __init__(self, model: Any, cell: int) -> None:
            super().__init__(model)
            self.cell = cell
            self.regime = 0
            self.max_regime = 0
            self.last_answer = -10_000
            self.sensors: list[Any] = []
            self.team: Any = None

        def step(self) -> None:
            m = self.model
            gap = prep.b_star - m.adversary.belief
            up = prep.p_up[self.regime] * math.exp(prep.theta_esc * gap)
            if prep.tft and m.day - self.last_answer <= TFT_DAYS:
                up *= math.exp(prep.tft)
            down = prep.p_down[self.regime]
            up = min(up, 1 - down)
            u = m.random.random()
            if u < up:
                self.regime += 1
            elif u < up + down:
                self.regime -= 1
            self.max_regime = max(self.max_regime, self.regime)
            lam = prep.base_rate[self.cell] * prep.regime_mult[self.regime] * math.exp(prep.theta * gap)
            lam *= m.adversary.shock[prep.layout.cell_sector[self.cell]]
            probes = [self._probe() for _ in range(int(m.rng.poisson(lam)))]
            requests = [p for p in probes if self._eligible(p)]
            m.random.shuffle(requests)  # scarce responses go to requests in random order
            self.team.reset()
            for p in requests:
                self.team.respond(p)
            if any(p.answered for p in probes):
                self.last_answer = m.day
            m.record(probes)

        def _probe(self) -> Probe:
            m = self.model
            kind = int(m.rng.choice(len(prep.type_share), p=prep.type_share[:, self.cell]))
            probe = Probe(kind=kind, cell=self.cell, targets_force=m.random.random() < prep.target_share[kind])
            hits = [s for s in self.sensors if s.detects(probe)]
            probe.detected = bool(hits)
            origin = any(s.origin for s in hits)
            fused = sum(not s.origin for s in hits) >= 2 and m.random.random() < prep.fusion
            probe.attributed = (origin or fused) and m.random.random() < prep.attribution_willingness
            return probe

        def _eligible(self, p: Probe) -> bool:
            if not p.detected or prep.roe == 0:
                return False
            if prep.roe == 1:
                return p.targets_force
            return p.attributed or bool(DRONE[p.kind]) or p.targets_force

    class LineModel(mesa.Model):
        def __init__(self, seed: int) -> None:
            super().__init__(seed=seed)
            self.day = 0
            self.adversary = AdversaryCommand(self)
            self.totals = dict.fromkeys(("probes", "detected", "attributed", "answered", "timely",
                                         "civilian_casualties", "force_casualties", "raid_successes",
                                         "critical_unanswered"), 0.0)
            self.response_sum = 0.0
            self._today = [0, 0]
            for cell in range(prep.base_rate.size):
                sector = SectorAgent(self, cell)
                sector.sensors = [SensorAgent(self, cell, j) for j in range(len(SENSORS))]
                sector.team = ResponseTeam(self, cell)

        def record(self, probes: list[Probe]) -> None:
            t = self.totals
            for p in probes:
                t["probes"] += 1
                t["detected"] += p.detected
                t["attributed"] += p.attributed
                t["answered"] += p.answered
                t["timely"] += p.timely
                self._today[0] += 1
                self._today[1] += p.answered
                mu = prep.mu_civ_per_event[p.kind]
                if mu > 0:
                    t["civilian_casualties"] += int(self.rng.poisson(mu))
                if p.kind == STRIKE and p.targets_force and not p.intercepted:
                    t["force_casualties"] += int(self.rng.poisson(prep.mu_force))
                if p.kind == RAID and not p.timely and self.random.random() < prep.p_raid:
                    t["raid_successes"] += 1
                if (p.kind == RAID or (p.attributed and p.targets_force)) and not p.timely:
                    t["critical_unanswered"] += 1

        def step(self) -> None:
            self._today = [0, 0]
            self.adversary.plan()
            self.agents_by_type[SectorAgent].shuffle_do("step")
            self.adversary.learn(*self._today)
            self.day += 1

        def run(self) -> dict[str, float]:
            for _ in range(prep.days):
                self.step()
            t = dict(self.totals)
            t["response_sum"] = self.response_sum
            t["escalation_any"] = float(any(a.max_regime >= 3 for a in self.agents_by_type[SectorAgent]))
            t["credibility"] = self.adversary.belief
            t["bluff"] = float(t.pop("critical_unanswered") > 0)
            t["fait_accompli"] = float(t.pop("raid_successes") > 0)
            t["unanswered"] = t["probes"] - t["answered"]
            return t

    return LineModel(seed)


def _windows(prep: Prepared) -> np.ndarray:
    v = prep.values
    return np.array([v["window_drone_min"], v["window_drone_min"], v["window_fire_min"], v["window_fire_min"],
                     60 * v["window_infiltration_h"], 60 * v["window_raid_h"]])


def replicate(prep: Prepared, runs: int, seed: int) -> dict[str, np.ndarray]:
    """``runs`` independent twin replications; per-replication totals as arrays."""
    children = np.random.SeedSequence(seed).generate_state(runs)
    rows = [build(prep, int(s)).run() for s in children]
    return {k: np.array([r[k] for r in rows], dtype=float) for k in rows[0]}


AGREEMENT_METRICS = ("probes", "detected", "attributed", "answered", "timely", "civilian_casualties",
                     "force_casualties", "response_sum", "escalation_any", "credibility", "bluff", "fait_accompli")
KS_METRICS = ("probes", "detected", "answered", "timely", "credibility")


def disagreements(engine: dict[str, np.ndarray], twin: dict[str, np.ndarray], z_max: float = 4.0,
                  ks_alpha: float = 1e-3) -> list[str]:
    """Where the engine and the twin differ more than Monte Carlo noise allows.

    Means: |difference| > ``z_max`` combined standard errors. Distributions: two-sample Kolmogorov-Smirnov
    p-value below ``ks_alpha``. Thresholds are strict enough to catch a changed parameter (the tests show
    it) and loose enough that a dozen comparisons do not flag noise.
    """
    from scipy.stats import ks_2samp

    out = []
    for k in AGREEMENT_METRICS:
        a, b = engine[k], twin[k]
        # pooled variance (the null hypothesis is one distribution): a metric that is constant in the
        # smaller sample, such as a probability near 1, is not judged on the other sample's spread alone
        pooled = np.concatenate([a, b]).var(ddof=1)
        se = math.sqrt(pooled / a.size + pooled / b.size)
        diff = abs(a.mean() - b.mean())
        if (se == 0 and diff > 1e-9) or (se > 0 and diff > z_max * se):
            out.append(f"{k}: mean {a.mean():.4g} vs {b.mean():.4g} ({diff / se if se else math.inf:.1f} SE)")
    for k in KS_METRICS:
        p = ks_2samp(engine[k], twin[k]).pvalue
        if p < ks_alpha:
            out.append(f"{k}: KS p = {p:.2g}")
    return out
