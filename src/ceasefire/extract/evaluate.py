"""Score the extractor against hand-labelled sentences (the format of ``benchmarks/data/extract_eval.jsonl``).

One JSON object per line: ``id``, ``text``, ``context`` (the previous sentence or ""), ``url``, ``published``,
``labels``: ``[{actor, stance, commitments, condition}]``. The context is given to the extractor in front of
the sentence (pronouns may point back into it) but only statements about the sentence itself are scored.

* actor precision/recall/F1: over the set of actors per sentence;
* stance accuracy, end to end: per gold label, right only if the extractor found that actor with that stance
  (a missed actor counts as wrong; several labels of one actor are matched as a multiset);
* commitment accuracy: per gold label, right if the extractor found that actor and stance with exactly the
  gold set of commitment kinds ("none" and an empty list are the same);
* condition accuracy: per gold label, right if the gold condition (or none) is among the found conditions
  (or none were found).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ceasefire.errors import DataError
from ceasefire.extract.model import Statement
from ceasefire.extract.pipeline import extract_statements


@dataclass
class Item:
    id: str
    text: str
    context: str
    published: dt.date | None
    labels: list[dict[str, Any]]
    url: str = ""  # the source article (cross-validation keeps an article's sentences on one side)


@dataclass
class Scores:
    n_items: int = 0
    n_labels: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    stance_right: int = 0
    commitments_right: int = 0
    condition_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def rate(self, n: int) -> float:
        return n / self.n_labels if self.n_labels else 1.0


def _kinds(v: Any) -> frozenset[str]:
    if v is None:
        return frozenset()
    items = v.split(";") if isinstance(v, str) else list(v)
    return frozenset(k.strip() for k in items if k and k.strip() and k.strip() != "none")


def _conditions(v: Any) -> frozenset[str]:
    return _kinds(v)


def load(path: Path) -> list[Item]:
    items: list[Item] = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                pub = d.get("published")
                items.append(Item(id=str(d.get("id", n)), text=d["text"], context=d.get("context") or "",
                                  published=dt.date.fromisoformat(pub[:10]) if pub else None,
                                  labels=list(d.get("labels") or []), url=str(d.get("url") or "")))
            except (ValueError, KeyError, TypeError) as exc:
                raise DataError(f"not an evaluation record: {exc}", source=str(path), line=n) from None
    return items


Extractor = Callable[..., list[Statement]]


def predict(item: Item, extractor: Extractor = extract_statements) -> list[Statement]:
    if not item.context:
        return extractor(item.text, published=item.published)
    joined = item.context.rstrip() + "\n" + item.text
    offset = len(joined) - len(item.text)
    return [s for s in extractor(joined, published=item.published) if s.start >= offset]


def score(items: list[Item], extractor: Extractor = extract_statements) -> Scores:
    """Score ``extractor`` (the public one by default; ``pipeline.extract_statements_rules`` for the rules alone)."""
    sc = Scores()
    for item in items:
        preds = predict(item, extractor)
        gold_actors = {lab["actor"] for lab in item.labels}
        pred_actors = {p.actor for p in preds}
        sc.n_items += 1
        sc.tp += len(gold_actors & pred_actors)
        sc.fp += len(pred_actors - gold_actors)
        sc.fn += len(gold_actors - pred_actors)
        wrong: list[str] = []
        for actor in sorted(gold_actors | pred_actors):
            gold = [lab for lab in item.labels if lab["actor"] == actor]
            found = [p for p in preds if p.actor == actor]
            left = list(found)
            for lab in gold:
                sc.n_labels += 1
                match = next((p for p in left if p.stance.value == lab["stance"]), None)
                sc.confusion[(lab["stance"], match.stance.value if match else
                              (left[0].stance.value if left else "(missed)"))] += 1
                if match is None:
                    wrong.append(f"{actor}: gold {lab['stance']}, found "
                                 f"{[p.stance.value for p in found] or 'nothing'}")
                    # commitments and condition still judged against the actor's first statement
                    match_c = found[0] if found else None
                else:
                    sc.stance_right += 1
                    left.remove(match)
                    match_c = match
                if match_c is not None and match is not None and frozenset(match_c.commitments) == _kinds(
                        lab.get("commitments")):
                    sc.commitments_right += 1
                gc = _conditions(lab.get("condition"))
                if match_c is not None and (gc <= {c.value for c in match_c.conditions} if gc
                                            else not match_c.conditions):
                    sc.condition_right += 1
            if not gold:
                wrong.append(f"{actor}: not in gold, found {[p.stance.value for p in found]} "
                             f"via {found[0].mention!r}/{found[0].cue!r}")
        if wrong:
            sc.errors.append({"id": item.id, "text": item.text, "problems": wrong})
    return sc


def throughput(items: list[Item], min_seconds: float = 2.0,
               extractor: Extractor = extract_statements) -> tuple[float, float]:
    """Sentences per second of ``extractor`` on one core, as (by CPU time, by wall-clock time).

    Each item is one sentence. CPU time is the process's own time on its core, so it does not fall when other
    jobs share the machine; wall-clock time does, and is printed beside it.
    """
    texts = [(i.text, i.published) for i in items]
    for t, d in texts[:20]:  # warm the actor table, the model and regex caches
        extractor(t, published=d)
    n = 0
    c0, t0 = time.process_time(), time.perf_counter()
    while True:
        for t, d in texts:
            extractor(t, published=d)
        n += len(texts)
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        if cpu >= min_seconds:
            return n / cpu, n / wall
