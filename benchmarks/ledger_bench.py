"""Time of ``coalition.gap`` and ``coalition.plan`` on the bundled ledger and on a synthetic 100,000-statement one.

Each figure is the median of several in-process runs of the full call (sizing included) against a SQLite
ledger in a temporary directory. The reference is the same work done naively: every version row read into
Python and the heads, as-of filter and latest stances computed in plain loops (``NaiveReader``), then the same
gap arithmetic; the ratio says what the indexed SQL buys. Targets (2-core machine, 100,000 statements):
gap under 1 s, plan under 2 s. The last line is ``gap_s=<n> plan_s=<n>`` for the synthetic ledger.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ceasefire import coalition
from ceasefire.ledger import open_ledger
from ceasefire.ledger.io import load_seed
from ceasefire.ledger.records import (
    PledgeIn,
    PledgeRecord,
    PledgeRow,
    StatementIn,
    _as_date,
    _pledge_record,
    as_of_day,
)
from ceasefire.reference import nations
from ceasefire.scenario import load
from ceasefire.sizing import size

N_STATEMENTS = 100_000
RUNS = 5
AS_OF = "2026-01-31"
STANCES = ["commits", "willing", "conditional", "hesitant", "distancing", "refuses", "opposes", "demands", "neutral"]
CAPS = ["manoeuvre", "isr", "air_defence", "counter_drone", "electronic_warfare", "logistics", "naval", "air_power"]
CONDS = ["", "us_backstop", "ceasefire_first", "parliament_vote", "no_troops_in_ukraine", "un_mandate"]


class NaiveReader:
    """The reference: whole tables into Python, heads and filters in loops."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.row_factory = sqlite3.Row

    def pledges(self, as_of: object = None) -> list[PledgeRecord]:
        day = as_of_day(as_of)
        latest: dict[str, dict] = {}
        stages: dict[str, dict[str, dt.date]] = {}
        for r in self.conn.execute("SELECT * FROM pledge_versions"):
            d = _as_date(r["date"])
            if d > day:
                continue
            row = dict(r)
            if r["pledge_id"] not in latest or row["seq"] > latest[r["pledge_id"]]["seq"]:
                latest[r["pledge_id"]] = row
            st = stages.setdefault(r["pledge_id"], {})
            st[r["status"]] = min(st.get(r["status"], d), d)
        rows = sorted((r for r in latest.values() if r["status"] != "withdrawn"),
                      key=lambda r: (r["date"], r["pledge_id"]))
        return [_pledge_record(r, stages[r["pledge_id"]]) for r in rows]

    def pledge_rows(self, as_of: object = None) -> list[PledgeRow]:
        return [PledgeRow(p.id, p.provider, p.capability, p.quantity, p.unit, tuple(p.conditions), p.status, p.date,
                          p.source_id) for p in self.pledges(as_of)]

    def _heads(self, day: dt.date) -> list[dict]:
        heads: dict[str, dict] = {}
        for r in self.conn.execute("SELECT * FROM statement_versions"):
            if r["statement_id"] not in heads or r["seq"] > heads[r["statement_id"]]["seq"]:
                heads[r["statement_id"]] = dict(r)
        return [h for h in heads.values() if h["status"] == "accepted" and _as_date(h["date"]) <= day]

    def latest_stances(self, as_of: object = None, about_troops: bool = False) -> dict[str, str]:
        best: dict[str, tuple] = {}
        for h in self._heads(as_of_day(as_of)):
            if about_troops and not (h["stance"] in ("refuses", "opposes") or (
                    h["stance"] in ("commits", "willing", "conditional")
                    and (h["capability"] == "manoeuvre" or "troops" in h["commitments"]))):
                continue
            key = (h["date"], h["seq"])
            if h["actor"] not in best or key > best[h["actor"]][0]:
                best[h["actor"]] = (key, h["stance"])
        return {a: v[1] for a, v in sorted(best.items())}

    def statement_counts(self, as_of: object = None) -> tuple[int, int]:
        heads = self._heads(as_of_day(as_of))
        return len(heads), len({h["actor"] for h in heads})


def synthetic(led, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    actors = [c for c in nations() if c not in {"RUS", "BLR"}] + ["EU", "NATO"]
    start = dt.date(2024, 12, 1)
    statements, pledges = [], []
    for i in range(n):
        actor = rng.choice(actors)
        day = start + dt.timedelta(days=rng.randrange(0, 420))
        stance = rng.choice(STANCES)
        cap = rng.choice(CAPS) if stance in {"commits", "willing", "conditional"} else ""
        qty = str(rng.choice([100, 200, 500, 1000, 2500])) if cap == "manoeuvre" and rng.random() < 0.3 else ""
        cond = rng.choice(CONDS)
        sid = f"syn-{i:06d}"
        statements.append(StatementIn(id=sid, actor=actor, date=day, stance=stance, capability=cap or None,
                                      quantity=qty or None, unit="troops" if qty else "", conditions=cond,
                                      quote=f"synthetic statement {i}",
                                      source_url=f"https://example.org/synthetic/{i // 3}"))
        if cap and actor not in {"EU", "NATO", "UKR"} and rng.random() < 0.5:
            pledges.append(PledgeIn(id=f"syn-p-{i:06d}", provider=actor, capability=cap, quantity=qty or None,
                                    unit="troops" if qty else "", conditions=cond, date=day, statement_id=sid,
                                    status="committed" if stance == "commits" else "announced"))
    led.import_rows(statements=statements, pledges=pledges, by="bench", why="synthetic benchmark ledger")
    # a share of pledges moves on or is withdrawn later: more versions, as in a real ledger
    for p in pledges[: len(pledges) // 20]:
        later = min(p.date + dt.timedelta(days=rng.randrange(10, 120)), dt.date(2026, 3, 31))
        if rng.random() < 0.2:
            led.withdraw(p.id, by="bench", why="synthetic withdrawal", date=later)
        elif p.status == "announced":
            led.advance(p.id, "committed", later, by="bench")


def timed(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm: imports and caches, not data
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def measure(label: str, path: Path) -> tuple[float, float]:
    sc = load()
    led = open_ledger(str(path))
    gap_s = timed(lambda: coalition.gap(sc, led, AS_OF, sizing=size(sc)))
    plan_s = timed(lambda: coalition.plan(sc, led, AS_OF, sizing=size(sc)))
    naive = NaiveReader(path)
    naive_s = timed(lambda: coalition.gap(sc, naive, AS_OF, sizing=size(sc)), runs=3)
    counts = led.counts()
    g = coalition.gap(sc, led, AS_OF)
    assert coalition.gap(sc, naive, AS_OF).model_dump() == g.model_dump(), "reference disagrees with the ledger"
    print(f"{label}: {counts['statements']:,} statements, {counts['pledge_versions']:,} pledge versions")
    print(f"  gap  {gap_s:.3f} s   plan {plan_s:.3f} s   (median of {RUNS}, sizing included)")
    print(f"  reference (naive pure-Python aggregation of the same rows) gap {naive_s:.3f} s: "
          f"ratio naive/ledger {naive_s / gap_s:.1f}x")
    return gap_s, plan_s


SECTION = """
import sys, time
from ceasefire.scenario import load
from ceasefire.sizing import size
sc = load(); sz = size(sc)
t0 = time.perf_counter()
from ceasefire.coalition import assessment_section
sec = assessment_section(sc, sz, url=sys.argv[1])
assert sec["available"], sec
print(time.perf_counter() - t0)
"""


def cold_section(path: Path, runs: int = 5) -> float:
    """What the coalition section adds to a cold ``ceasefire assess``: a fresh interpreter each run, timed from
    after the sizing (which assess does anyway) to the finished section, imports included."""
    import subprocess

    out = [float(subprocess.run([sys.executable, "-c", SECTION, str(path)], check=True, capture_output=True,
                                text=True).stdout) for _ in range(runs)]
    return statistics.median(out)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bundled = Path(tmp) / "bundled.db"
        load_seed(open_ledger(str(bundled)))
        measure("bundled ledger", bundled)
        print(f"  coalition section of a cold assess: {cold_section(bundled):.3f} s (budget 0.4 s)")
        big = Path(tmp) / "synthetic.db"
        t0 = time.perf_counter()
        synthetic(open_ledger(str(big)), N_STATEMENTS)
        print(f"(built the synthetic ledger in {time.perf_counter() - t0:.1f} s)")
        gap_s, plan_s = measure(f"synthetic ledger ({N_STATEMENTS:,} statements)", big)
    ok = gap_s < 1.0 and plan_s < 2.0
    print(f"targets (gap < 1 s, plan < 2 s): {'met' if ok else 'NOT met'}")
    print(f"gap_s={gap_s:.3f} plan_s={plan_s:.3f}")
    sys.exit(0)


if __name__ == "__main__":
    main()
