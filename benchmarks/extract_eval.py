"""Accuracy and speed of the statement extractor on hand-labelled sentences.

Reads ``benchmarks/data/extract_eval.jsonl`` (relative to the repository root; another file with ``--data``),
prints actor precision/recall/F1, end-to-end stance accuracy, commitment and condition accuracy and sentences
per second on one core (by the process's CPU time; the wall-clock rate is printed beside it), and ends with one line:
``actor_f1=<number> stance_accuracy=<number> sentences_per_s=<number>`` (the public extractor: rules + learned layer).
The rules alone are scored on the same sentences in the same run, as the reference the learned layer must beat.
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
    from ceasefire.extract.pipeline import extract_statements_rules

    if not args.data.is_file():
        print(f"error: {args.data}: no evaluation file", file=sys.stderr)
        return 2
    try:
        items = load(args.data)
        sc = score(items)
    except CeasefireError as exc:  # a malformed set or model file
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return 2
    speed, wall_speed = throughput(items)
    ref = score(items, extract_statements_rules)
    ref_speed, _ = throughput(items, extractor=extract_statements_rules)
    print(f"{args.data.name}: {sc.n_items} sentences, {sc.n_labels} labels")
    for name, s, v in (("rules + learned layer", sc, speed), ("rules alone (reference)", ref, ref_speed)):
        print(f"{name}:")
        print(f"  actor precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
              f"(tp {s.tp}, fp {s.fp}, fn {s.fn})")
        print(f"  stance accuracy (end to end) {s.rate(s.stance_right):.3f}  "
              f"commitment accuracy {s.rate(s.commitments_right):.3f}  "
              f"condition accuracy {s.rate(s.condition_right):.3f}")
        print(f"  throughput {v:,.0f} sentences/s on one core by CPU time")
    print(f"learned layer / rules alone: actor F1 x{sc.f1 / max(ref.f1, 1e-9):.2f}, stance accuracy "
          f"x{sc.rate(sc.stance_right) / max(ref.rate(ref.stance_right), 1e-9):.2f}, speed x{speed / ref_speed:.2f} "
          f"(public extractor by wall clock {wall_speed:,.0f}/s, which falls when other jobs share the machine)")
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
