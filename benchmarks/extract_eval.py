"""Accuracy and speed of the statement extractor on hand-labelled sentences.

Reads ``benchmarks/data/extract_eval.jsonl`` (relative to the repository root; another file with ``--data``),
prints actor precision/recall/F1, end-to-end stance accuracy, commitment and condition accuracy and sentences
per second on one core (by the process's CPU time; the wall-clock rate is printed beside it), and ends with one line:
``actor_f1=<number> stance_accuracy=<number> sentences_per_s=<number>``.
``--errors`` lists the sentences it got wrong (use it on the development set, never to tune to a held-out set).
Targets: actor F1 >= 0.92, stance accuracy >= 0.85, >= 1,000 sentences/s.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data" / "extract_eval.jsonl")
    ap.add_argument("--errors", action="store_true", help="list the sentences the extractor got wrong")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):  # one core, as the target is stated
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from ceasefire.errors import CeasefireError
    from ceasefire.extract.evaluate import load, score, throughput

    if not args.data.is_file():
        print(f"error: {args.data}: no evaluation file", file=sys.stderr)
        return 2
    try:
        items = load(args.data)
    except CeasefireError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return 2
    sc = score(items)
    speed, wall_speed = throughput(items)
    print(f"{args.data.name}: {sc.n_items} sentences, {sc.n_labels} labels")
    print(f"actor precision {sc.precision:.3f}  recall {sc.recall:.3f}  F1 {sc.f1:.3f}  "
          f"(tp {sc.tp}, fp {sc.fp}, fn {sc.fn})")
    print(f"stance accuracy (end to end) {sc.rate(sc.stance_right):.3f}  "
          f"commitment accuracy {sc.rate(sc.commitments_right):.3f}  "
          f"condition accuracy {sc.rate(sc.condition_right):.3f}")
    print(f"throughput {speed:,.0f} sentences/s on one core by CPU time ({wall_speed:,.0f}/s by wall clock, "
          f"which falls when other jobs share the machine)")
    if args.errors:
        for e in sc.errors:
            print(f"- {e['id']}: {e['text']}")
            for p in e["problems"]:
                print(f"    {p}")
        print("gold -> found:", ", ".join(f"{g}->{f}: {n}" for (g, f), n in sc.confusion.most_common() if g != f))
    print(f"actor_f1={sc.f1:.3f} stance_accuracy={sc.rate(sc.stance_right):.3f} sentences_per_s={speed:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
