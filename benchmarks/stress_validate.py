"""Engine against twin on the small test line: the table in docs/stress-model.md §9.

Prints, per output, the engine's and the twin's mean, the difference in pooled standard errors and the
two-sample KS p-value, for the unchanged model and for a twin whose authorisation probability is cut by 40%.

    python benchmarks/stress_validate.py [ENGINE_RUNS] [TWIN_RUNS]
"""

from __future__ import annotations

import math
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.stats import ks_2samp

from ceasefire.scenario import load
from ceasefire.stress import twin
from ceasefire.stress.runner import per_replication, prepare_scenario

SMALL = Path(__file__).resolve().parents[1] / "tests" / "stress" / "small.yaml"


def table(engine: dict[str, np.ndarray], other: dict[str, np.ndarray]) -> None:
    print("| output | engine mean | twin mean | difference (SE) | KS p |")
    print("|---|---:|---:|---:|---:|")
    for k in twin.AGREEMENT_METRICS:
        a, b = engine[k], other[k]
        pooled = np.concatenate([a, b]).var(ddof=1)
        se = math.sqrt(pooled / a.size + pooled / b.size)
        z = (a.mean() - b.mean()) / se if se else 0.0
        ks = f"{ks_2samp(a, b).pvalue:.3g}" if k in twin.KS_METRICS else "–"
        print(f"| {k} | {a.mean():.4g} | {b.mean():.4g} | {z:+.2f} | {ks} |")


def main() -> None:
    engine_runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    twin_runs = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    prep = prepare_scenario(load(str(SMALL)), days=20)
    engine = per_replication(prep, engine_runs, seed=11)
    print(f"Same model: engine {engine_runs} runs, twin {twin_runs} runs, 20 days, small.yaml\n")
    table(engine, twin.replicate(prep, twin_runs, seed=5))
    changed = twin.replicate(replace(prep, p_auth=prep.p_auth * 0.6), twin_runs, seed=5)
    print(f"\nTwin with authorisation x0.6: flagged {twin.disagreements(engine, changed)}")


if __name__ == "__main__":
    main()
