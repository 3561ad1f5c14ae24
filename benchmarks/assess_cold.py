"""Wall time of a cold `ceasefire assess` (new interpreter each time), against a bare interpreter start.

Prints the median of several runs and the ratio to `python -c pass` on the same machine in the same run.
Target: under 1.5 s on the 2-core machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7


def timed(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    timed([sys.executable, "-m", "ceasefire", "assess", "--json"])  # warm the OS file cache, not Python
    assess = [timed([sys.executable, "-m", "ceasefire", "assess", "--json"]) for _ in range(RUNS)]
    bare = [timed([sys.executable, "-c", "pass"]) for _ in range(RUNS)]
    a, b = statistics.median(assess), statistics.median(bare)
    print(f"cold assess: median {a:.3f} s over {RUNS} runs (min {min(assess):.3f}, max {max(assess):.3f})")
    print(f"bare python start: median {b:.3f} s")
    print(f"assess_cold_s={a:.3f} ratio_vs_bare_python={a / b:.1f}")


if __name__ == "__main__":
    main()
