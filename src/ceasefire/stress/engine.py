"""The vectorised engine: NumPy arrays over (replications x cells), one loop over days.

Replications are processed in fixed blocks of :data:`BLOCK`; block ``i`` draws from
``SeedSequence(seed, spawn_key=(i,))`` (the i-th child of ``SeedSequence(seed).spawn``), so the numbers do
not depend on how blocks are spread over processes or Dask workers. Each block returns sums (not
per-replication arrays), merged in block order, so memory stays flat as runs grow and the floating-point
result is the same whatever the scheduling.

Within a day only what the dynamics need is drawn per cell: the regime step, the gamma shock, the numbers
of eligible and other events (two thinned Poissons), authorisations and the capacity cap. Which type and
outcome category each event had is drawn once at the end of the block, from the cell's totals: the
category probabilities are constant over time in a cell, so summing multinomials day by day and drawing one
multinomial of the sums have the same distribution (docs/stress-model.md §7).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ceasefire.stress.model import DRONE, TFT_DAYS, Prepared

BLOCK = 250  # replications per block: fixed, so seeds per block never change with chunking

# Per-replication quantities, per named sector and overall (last column).
COUNTS = ("probes", "detected", "attributed", "answered", "timely", "civilian_casualties", "force_casualties",
          "response_sum", "escalation")
FLAGS = ("bluff", "fait_accompli", "credibility", "escalation_any")
RATIOS = {  # output: (numerator, denominator)
    "detected_share": ("detected", "probes"),
    "attributed_share": ("attributed", "probes"),
    "answered_share": ("answered", "probes"),
    "timely_share": ("timely", "probes"),
    "unanswered_probability": ("unanswered", "probes"),
    "mean_response_min": ("response_sum", "answered"),
}

TYPE_RATIOS = {  # per event type: (numerator, denominator)
    "detected_share": ("type_detected", "type_probes"),
    "attributed_share": ("type_attributed", "type_probes"),
    "answered_share": ("type_answered", "type_probes"),
    "timely_share": ("type_timely", "type_probes"),
}


@dataclass
class BlockStats:
    """Sums over the replications of one or more blocks; merge with ``+`` in block order."""

    n: int
    sums: dict[str, np.ndarray]
    answered_by_type: np.ndarray  # (K, n_sectors) answered events summed over replications (response quantiles)
    per_replication: dict[str, np.ndarray] | None = None

    def __add__(self, other: BlockStats) -> BlockStats:
        per = None
        if self.per_replication is not None and other.per_replication is not None:
            per = {k: np.concatenate([v, other.per_replication[k]]) for k, v in self.per_replication.items()}
        return BlockStats(self.n + other.n, {k: v + other.sums[k] for k, v in self.sums.items()},
                          self.answered_by_type + other.answered_by_type, per)


def block_seed(seed: int, block: int) -> np.random.SeedSequence:
    return np.random.SeedSequence(seed, spawn_key=(block,))


def simulate_block(prep: Prepared, seed: int, block: int, n_reps: int, keep: bool = False) -> BlockStats:
    """Run ``n_reps`` replications of block ``block``; returns their sums (and the raw values if ``keep``)."""
    rng = np.random.Generator(np.random.PCG64(block_seed(seed, block)))
    values = _replicate(prep, rng, n_reps)
    return _stats(prep, values, keep)


def _replicate(prep: Prepared, rng: np.random.Generator, R: int) -> dict[str, np.ndarray]:
    S = prep.base_rate.size
    f32 = np.float32
    base = prep.base_rate.astype(f32)
    q = prep.q_elig.astype(f32)
    base_e = base * q
    base_o = base * (1 - q)
    armed = prep.roe > 0 and bool(q.max() > 0)
    cap = prep.capacity.astype(np.int64)
    mult = prep.regime_mult.astype(f32)
    p_up, p_down = prep.p_up.astype(f32), prep.p_down.astype(f32)
    e_tft = f32(math.exp(prep.tft))
    kappa = prep.kappa
    cell_sector = prep.layout.cell_sector
    n_sec = len(prep.layout.sector_names)

    g = np.zeros((R, S), np.int8)  # a ceasefire starts calm
    g_max = np.zeros((R, S), np.int8)
    alpha = np.ones(R)  # Beta(1, 1) prior on P(answered)
    beta = np.ones(R)
    last = np.full((R, S), -10_000, np.int32)
    e_tot = np.zeros((R, S), np.int64)
    o_tot = np.zeros((R, S), np.int64)
    a_tot = np.zeros((R, S), np.int64)
    for t in range(prep.days):
        b = alpha / (alpha + beta)
        gap = (prep.b_star - b).astype(f32)[:, None]
        # Regime step: up with p_up scaled by the credibility gap and recent answers, down with p_down.
        up_scale = np.exp(prep.theta_esc * gap)
        if prep.tft:
            up_scale = np.where(t - last <= TFT_DAYS, up_scale * e_tft, up_scale)
        pd = p_down[g]
        pu = np.minimum(p_up[g] * up_scale, 1 - pd)
        u = rng.random((R, S), dtype=f32)
        g = g + (u < pu).astype(np.int8) - ((u >= pu) & (u < pu + pd)).astype(np.int8)
        np.maximum(g_max, g, out=g_max)
        # Intensity: base x regime x probing response to belief x the sector's daily gamma shock. The shock is
        # shared by the cells of a named sector: fighting flares along a stretch of front, as in the SMM's
        # regional daily counts the shape was read from.
        lam = mult[g] * np.exp(prep.theta * gap)
        if math.isfinite(kappa):
            shock = rng.standard_gamma(kappa, (R, n_sec), dtype=f32) * f32(1 / kappa)
            lam *= shock[:, cell_sector]
        o = poisson(lam * base_o, rng).reshape(R, S)
        o_tot += o
        if armed:
            e = poisson(lam * base_e, rng).reshape(R, S)
            # authorisations only where there are requests: most cell-days have none
            flat = e.ravel()
            nz = np.flatnonzero(flat)
            auth = np.zeros_like(flat)
            auth[nz] = rng.binomial(flat[nz], prep.p_auth)
            ans = np.minimum(auth.reshape(R, S), cap)
            e_tot += e
            a_tot += ans
            answered_t = ans.sum(1)
            probes_t = o.sum(1) + e.sum(1)
            last = np.where(ans > 0, t, last)
        else:
            answered_t = np.zeros(R)
            probes_t = o.sum(1)
        alpha = prep.delta * alpha + answered_t
        beta = prep.delta * beta + (probes_t - answered_t)
    return _split(prep, rng, e_tot, o_tot, a_tot, g_max, alpha / (alpha + beta))


LARGE_MEAN = 10.0  # above this the inversion loop gets long: hand those few cells to NumPy's PTRS sampler
SMALL_ARRAY = 20_000  # below this NumPy's per-call overhead of the inversion loop outweighs its speed


def poisson(lam: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Poisson draws by inversion of the CDF, one single-precision uniform per draw.

    About twice as fast as ``Generator.poisson`` for the small means of a cell-day, because the loop only
    visits the cells whose uniform lies beyond the CDF so far: after k steps only P(N >= k) remain. Single
    precision quantises probabilities at ~6e-8, far below Monte Carlo error; means above
    :data:`LARGE_MEAN`, and the rare uniform that rounding leaves beyond a saturated CDF, go to NumPy's
    sampler, so no draw is truncated.
    """
    lam = np.asarray(lam, dtype=np.float32).ravel()
    if lam.size < SMALL_ARRAY:
        return rng.poisson(lam)
    u = rng.random(lam.shape, dtype=np.float32)
    k = np.zeros(lam.shape, np.int64)
    big = np.flatnonzero(lam > LARGE_MEAN)
    if big.size:
        k[big] = rng.poisson(lam[big])
        u[big] = 0.0  # done: never beyond the CDF
    p = np.exp(-lam)
    cdf = p.copy()
    idx = np.flatnonzero(u > cdf)
    step = 0
    while idx.size:
        step += 1
        if step > 6 * LARGE_MEAN:
            k[idx] = rng.poisson(lam[idx])
            break
        pi = p[idx] * (lam[idx] * np.float32(1 / step))
        ci = cdf[idx] + pi
        k[idx] = step
        p[idx] = pi
        cdf[idx] = ci
        idx = idx[u[idx] > ci]
    return k


def _split(prep: Prepared, rng: np.random.Generator, e_tot: np.ndarray, o_tot: np.ndarray, a_tot: np.ndarray,
           g_max: np.ndarray, belief: np.ndarray) -> dict[str, np.ndarray]:
    """Types and outcome categories of the block's events, drawn from each named sector's totals.

    The cells of a named sector are identical by construction (same length, threat and share of the force),
    so their category probabilities are the same and one multinomial per sector splits their summed totals.
    """
    starts = prep.layout.sector_start
    e_tot, o_tot, a_tot = (np.add.reduceat(x, starts, axis=1) for x in (e_tot, o_tot, a_tot))
    R, S = e_tot.shape
    K, C = prep.eligible.shape
    joint = prep.type_share.T[starts, :, None] * prep.cat_p[starts]  # (S, K, C): P(type, category) per event
    elig = prep.eligible[None, :, :]
    p_e = (joint * elig).reshape(S, K * C)
    p_o = (joint * ~elig).reshape(S, K * C)
    p_e = p_e / np.maximum(p_e.sum(1, keepdims=True), 1e-300)
    p_o = p_o / np.maximum(p_o.sum(1, keepdims=True), 1e-300)
    p_e[p_e.sum(1) == 0, 0] = 1.0  # cells with no eligible events: any valid pvals, n is 0 there
    p_o[p_o.sum(1) == 0, 0] = 1.0
    other = rng.multinomial(o_tot, p_o).reshape(R, S, K, C)
    answered = rng.multinomial(a_tot, p_e).reshape(R, S, K, C)
    waiting = rng.multinomial(e_tot - a_tot, p_e).reshape(R, S, K, C)
    events = other + answered + waiting
    p_t = np.broadcast_to(prep.p_timely.T[None, starts, :, None], answered.shape)
    timely = rng.binomial(answered, p_t)
    drone = DRONE[None, None, :, None]
    intercepted = np.where(drone, rng.binomial(timely, prep.p_kill), 0)

    by_type = events.sum(-1)  # (R, S, K)
    detected = events[..., 2:].sum((-1, -2))
    attributed = events[..., 4:].sum((-1, -2))
    ans_k = answered.sum(-1)  # (R, S, K)
    timely_k = timely.sum(-1)
    # Force casualties: strikes aimed at the force that were not intercepted (target = odd categories).
    strikes_on_force = events[:, :, 1, 1::2].sum(-1)
    hits = strikes_on_force - intercepted[:, :, 1, 1::2].sum(-1)
    force_cas = rng.poisson(prep.mu_force * hits)
    civ = rng.poisson((by_type * prep.mu_civ_per_event[None, None, :]).sum(-1))
    # Raids not answered in time may take ground; the bluff is called when an attributed attack on the
    # force, or any raid, goes unanswered in time.
    raids = by_type[..., 5]
    late_raids = raids - timely_k[..., 5]
    fait = (rng.binomial(late_raids, prep.p_raid).sum(1) > 0).astype(float)
    critical = events[..., 5:6].sum((-1, -2)) + raids - events[:, :, 5, 5]
    critical_timely = timely[..., 5].sum(-1) + timely_k[..., 5] - timely[:, :, 5, 5]
    bluff = ((critical - critical_timely).sum(1) > 0).astype(float)
    response_sum = (ans_k * prep.mean_response_min.T[None, starts, :]).sum(-1)

    per_sector = {"probes": by_type.sum(-1), "detected": detected, "attributed": attributed,
                  "answered": ans_k.sum(-1), "timely": timely_k.sum(-1), "civilian_casualties": civ,
                  "force_casualties": force_cas, "response_sum": response_sum}
    out: dict[str, np.ndarray] = {}
    for name, x in per_sector.items():
        x = np.asarray(x, dtype=float)
        out[name] = np.concatenate([x, x.sum(1, keepdims=True)], axis=1)  # (R, n_sectors + 1)
    escalated = np.maximum.reduceat((g_max >= 3).astype(float), starts, axis=1)
    out["escalation"] = np.concatenate([escalated, escalated.max(1, keepdims=True)], axis=1)
    out["unanswered"] = out["probes"] - out["answered"]
    out["bluff"] = bluff
    out["fait_accompli"] = fait
    out["credibility"] = belief
    out["escalation_any"] = out["escalation"][:, -1]
    out["_answered_by_type"] = ans_k.sum(0).T  # (K, n_sectors)
    # per event type, whole line: (R, K)
    out["type_probes"] = by_type.sum(1).astype(float)
    out["type_detected"] = events[..., 2:].sum(-1).sum(1).astype(float)
    out["type_attributed"] = events[..., 4:].sum(-1).sum(1).astype(float)
    out["type_answered"] = ans_k.sum(1).astype(float)
    out["type_timely"] = timely_k.sum(1).astype(float)
    return out


def _stats(prep: Prepared, values: dict[str, np.ndarray], keep: bool) -> BlockStats:
    sums: dict[str, np.ndarray] = {}
    for name in (*COUNTS, "unanswered", *FLAGS):
        x = values[name]
        sums[f"{name}"] = x.sum(0)
        sums[f"{name}^2"] = (x * x).sum(0)
    for num, den in RATIOS.values():
        sums[f"{num}*{den}"] = (values[num] * values[den]).sum(0)
    for num, den in TYPE_RATIOS.values():
        for name in (num, den):
            sums[name] = values[name].sum(0)
            sums[f"{name}^2"] = (values[name] ** 2).sum(0)
        sums[f"{num}*{den}"] = (values[num] * values[den]).sum(0)
    per = {k: v for k, v in values.items() if not k.startswith("_")} if keep else None
    return BlockStats(n=values["bluff"].shape[0], sums=sums,
                      answered_by_type=values["_answered_by_type"].astype(np.int64), per_replication=per)


def blocks(runs: int) -> list[tuple[int, int]]:
    """(block index, replications) for ``runs`` replications in fixed-size blocks."""
    return [(i, min(BLOCK, runs - i * BLOCK)) for i in range(math.ceil(runs / BLOCK))]
