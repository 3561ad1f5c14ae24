"""Train the extractor's learned layer (holder and stance models) on the development sets.

Reads the development sets of real sentences (``benchmarks/data/extract_dev*.jsonl``) and the written sentence sets
the rules were developed on (``tests/data/extract_*.jsonl`` but ``extract_r13.jsonl``, kept back as a fresh written
check); never the held-out ``extract_eval.jsonl``. It
prints a 5-fold cross-validation grouped by source URL (rules alone against rules + learned layer, on sentences
each model did not see), then fits on all of them and writes ``src/ceasefire/extract/data/stance_model.json``.
Needs scikit-learn (``pip install -e .[train]``); the shipped model is read without it.

    python benchmarks/extract_train.py            # cross-validate, then write the model
    python benchmarks/extract_train.py --no-write # cross-validate only
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ceasefire.extract.evaluate import Item

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = "extract_eval.jsonl"
FRESH_WRITTEN = "extract_r13.jsonl"


def default_sets() -> list[Path]:
    real = sorted((ROOT / "benchmarks" / "data").glob("extract_dev*.jsonl"))
    written = sorted(p for p in (ROOT / "tests" / "data").glob("extract_*.jsonl") if p.name != FRESH_WRITTEN)
    return real + written


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _items(paths: list[Path]) -> list[Item]:
    from ceasefire.errors import CeasefireError
    from ceasefire.extract.evaluate import load

    held_out = _sha256(ROOT / "benchmarks" / "data" / HELD_OUT)
    out = []
    for path in paths:
        if not path.is_file():
            raise SystemExit(f"error: {path}: no such file")
        if path.name == HELD_OUT or _sha256(path) == held_out:  # by name or by content (a copy)
            raise SystemExit(f"error: {path}: the held-out set is never trained on")
        try:
            out.extend(load(path))  # the evaluation format, with file and line in any error
        except CeasefireError as exc:
            raise SystemExit(f"error: {exc.one_line()}") from None
    if not out:
        raise SystemExit("error: no labelled sentences to train on")
    return out


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def _rows(items: list[Item]) -> list[dict[str, Any]]:
    from ceasefire.extract.learn import labelled_candidates

    rows = []
    for i, d in enumerate(items):
        gold = {lab["actor"]: lab["stance"] for lab in d.labels}
        for actor, hf, sf in labelled_candidates(d.text, d.context, d.published):
            rows.append({"item": i, "actor": actor, "hf": hf, "sf": sf, "held": int(actor in gold),
                         "stance": gold.get(actor)})
    return rows


def _fit(rows: list[dict[str, Any]], c: float, min_count: int, prune: float) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from ceasefire.extract.learn import LinearModel

    def one(feats: list[list[str]], y: list[Any]) -> LinearModel:
        counts = Counter(f for fs in feats for f in set(fs))
        vec = DictVectorizer()
        x = vec.fit_transform([{f: 1 for f in fs if counts[f] >= min_count} for fs in feats])
        lr = LogisticRegression(C=c, max_iter=5000).fit(x, y)
        names = vec.get_feature_names_out()
        coef = lr.coef_.T  # (features, classes or 1)
        weights = {str(n): tuple(float(v) for v in row) for n, row in zip(names, coef, strict=True)
                   if any(abs(v) >= prune for v in row)}
        return LinearModel(tuple(str(k) for k in lr.classes_), weights, tuple(float(b) for b in lr.intercept_))

    if len({r["held"] for r in rows}) < 2 or len({r["stance"] for r in rows if r["stance"]}) < 2:
        raise SystemExit("error: the training sentences need candidates that hold a stance and candidates that do "
                         "not, and at least two different stances")
    holder = one([r["hf"] for r in rows], [r["held"] for r in rows])
    stance_rows = [r for r in rows if r["stance"]]
    stance = one([r["sf"] for r in stance_rows], [r["stance"] for r in stance_rows])
    return holder, stance


def _score(items: list[Item], rows: list[dict[str, Any]], holder: Any, stance: Any,
           threshold: float) -> tuple[int, int, int, int, int]:
    """``evaluate.score``'s counts from the candidates' features, without running the extractor again for every
    fold and threshold (one stance per actor, as the learned layer gives)."""
    pred: dict[int, dict[str, str]] = {}
    for r in rows:
        if holder.probabilities(r["hf"])[1] > threshold:
            p = stance.probabilities(r["sf"])
            pred.setdefault(r["item"], {})[r["actor"]] = stance.classes[max(range(len(p)), key=p.__getitem__)]
    tp = fp = fn = right = n = 0
    for i, d in enumerate(items):
        gold = {lab["actor"]: lab["stance"] for lab in d.labels}
        got = pred.get(i, {})
        tp += len(gold.keys() & got.keys())
        fp += len(got.keys() - gold.keys())
        fn += len(gold.keys() - got.keys())
        n += len(gold)
        right += sum(got.get(a) == s for a, s in gold.items())
    return tp, fp, fn, right, n


def _f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _report(name: str, tp: int, fp: int, fn: int, right: int, n: int) -> None:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"{name}: actor P/R/F1 {p:.3f}/{r:.3f}/{_f1(tp, fp, fn):.3f}  stance accuracy (end to end) "
          f"{right / n if n else 0.0:.3f}")


def _rules_score(items: list[Item]) -> tuple[int, int, int, int, int]:
    from ceasefire.extract.evaluate import score
    from ceasefire.extract.pipeline import extract_statements_rules

    sc = score(items, extract_statements_rules)
    return sc.tp, sc.fp, sc.fn, sc.stance_right, sc.n_labels


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, nargs="*", default=default_sets())
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "ceasefire" / "extract" / "data" / "stance_model.json")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 regularisation strength")
    ap.add_argument("--min-count", type=int, default=1, help="keep features seen in at least this many candidates")
    ap.add_argument("--prune", type=float, default=0.2,
                    help="drop features whose weights are all smaller than this (keeps the shipped file small)")
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="holder probability above which an actor is kept (the cross-validation prints other cuts)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from ceasefire.extract.learn import StanceModel

    items = _items(args.data)  # the held-out refusal and bad files come first, with or without scikit-learn
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("error: training needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 2

    rows = _rows(items)
    print(f"{len(items)} sentences, {sum(len(d.labels) for d in items)} labels, {len(rows)} candidates "
          f"from {', '.join(p.name for p in args.data)}")
    threshold = args.threshold
    if args.folds > 1:
        fold = [int(hashlib.sha256((d.url or d.id).encode()).hexdigest(), 16) % args.folds
                for d in items]  # grouped by article (by sentence where the URL is unknown)
        grid = sorted({threshold, 0.3, 0.4, 0.5, 0.6})
        totals = {t: [0, 0, 0, 0, 0] for t in grid}
        for k in range(args.folds):
            holder, stance = _fit([r for r in rows if fold[r["item"]] != k], args.c, args.min_count, args.prune)
            test = [i for i in range(len(items)) if fold[i] == k]
            renum = {i: j for j, i in enumerate(test)}
            test_rows = [dict(r, item=renum[r["item"]]) for r in rows if fold[r["item"]] == k]
            for t in grid:
                got = _score([items[i] for i in test], test_rows, holder, stance, t)
                totals[t] = [a + b for a, b in zip(totals[t], got, strict=True)]
        # A lower cut buys end-to-end stance accuracy with false proposals a reviewer must reject: each is shown.
        for t in grid:
            _report(f"  holder threshold {t:.2f}", *totals[t])
        _report(f"{args.folds}-fold cross-validation by source URL, rules + learned layer (threshold {threshold:.2f})",
                *totals[threshold])
        _report("rules alone on the same sentences (their rules were written against these sets: fitted)",
                *_rules_score(items))
    if args.no_write:
        return 0
    holder, stance = _fit(rows, args.c, args.min_count, args.prune)
    model = StanceModel(holder, stance, threshold, {
        "sets": [{"path": _relative(p), "sha256": _sha256(p)} for p in args.data], "sentences": len(items),
        "candidates": len(rows),
        "c": args.c, "min_count": args.min_count, "prune": args.prune, "trained": dt.date.today().isoformat()})
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":"), ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}: {len(holder.weights)} holder and {len(stance.weights)} stance "
          f"features, {args.out.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
