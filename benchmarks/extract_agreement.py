"""How far two people agree on the labels: the ceiling any extractor can be measured against.

``benchmarks/data/extract_agreement.jsonl`` holds 200 sentences of the development sets labelled a second time, blind
(by a second annotator who saw only the written labelling rules of ``benchmarks/data/README.md``, not the first
labels). This prints the second annotator scored against the first with the definitions ``extract_eval.py`` uses
for the extractor (actor precision/recall/F1 over the set of actors per sentence, stance accuracy end to end), the
stance agreement where both named the actor, and the most frequent disagreements.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"


def _labels(path: Path) -> dict[str, dict[str, str]]:
    out = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out[d["id"]] = {lab["actor"]: lab["stance"] for lab in d["labels"]}
    return out


def main() -> int:
    first: dict[str, dict[str, str]] = {}
    for name in ("extract_dev.jsonl", "extract_dev2.jsonl"):
        first.update(_labels(DATA / name))
    second = _labels(DATA / "extract_agreement.jsonl")
    tp = fp = fn = right = n = shared = shared_right = 0
    diff: Counter[tuple[str, str]] = Counter()
    for rid, b in second.items():
        if rid not in first:
            print(f"error: {rid}: not a sentence of extract_dev.jsonl or extract_dev2.jsonl", file=sys.stderr)
            return 2
        a = first[rid]
        tp += len(a.keys() & b.keys())
        fp += len(b.keys() - a.keys())
        fn += len(a.keys() - b.keys())
        for actor, stance in a.items():
            n += 1
            right += b.get(actor) == stance
            if actor in b:
                shared += 1
                shared_right += b[actor] == stance
                if b[actor] != stance:
                    diff[(stance, b[actor])] += 1
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"{len(second)} sentences, {n} first-annotator labels")
    print(f"second annotator against the first: actor P/R/F1 {p:.3f}/{r:.3f}/{2 * p * r / (p + r):.3f}, "
          f"stance accuracy end to end {right / n:.3f}, stance agreement where both name the actor "
          f"{shared_right / shared:.3f} ({shared} actors)")
    print("most frequent disagreements (first -> second):",
          ", ".join(f"{a}->{b}: {k}" for (a, b), k in diff.most_common(6)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
