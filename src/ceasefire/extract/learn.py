"""The learned layer over the rules: who in a sentence holds a stance, and which one.

The rules (``pipeline.analyse``) propose *candidates*: every actor named in a sentence (kept or set aside as a
place or a target; names inside an organisation's name are none), every actor a rule gave a stance, and the actor a
pronoun refers back to. Two linear models then decide, over transparent features (the rules' verdicts, the words around
the mention and the cue, negation, conditions, the actor's usual role):

* the *holder* model: does this candidate hold a stance in this sentence? (logistic, one weight per feature)
* the *stance* model: which of the nine stances? (multinomial logistic)

Both are plain weight tables (``data/stance_model.json``), trained by ``benchmarks/extract_train.py`` on the
labelled development sentences and the written test sets (never the held-out set); scoring is a sum of weights, so
the layer costs tens of microseconds per candidate and is deterministic. The feature that added most to the chosen
stance is reported as the statement's cue when no rule cue agrees with it, so a reviewer sees why.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ceasefire.domain import Stance
from ceasefire.errors import DataError

if TYPE_CHECKING:
    from ceasefire.extract.pipeline import Mention, SentenceAnalysis, _Claim

TOKEN = re.compile(r"[a-z][a-z'\-]*|\d+", re.IGNORECASE)  # the words features are made of
_NEGATION = re.compile(r"\b(?:not|no|never|n't|cannot|neither|nor|without|rule[sd]?\s+out|ruling\s+out)\b",
                       re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|unless|only|provided|providing|once|until|as\s+long\s+as|condition\w*|depend\w*|"
                        r"hing\w*|contingent|subject\s+to|require\w*|backstop)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“”]")
_REPORT_WORD = re.compile(r"\b(?:said|says|told|added|stated|insisted|stressed|wrote|declared|noted|announced|"
                          r"according|confirmed|warned|argued|emphasi[sz]ed|explained)\b", re.IGNORECASE)
# Actors whose usual role in this debate differs (the parties, the US backstop, the organisations): their own
# weights; every other state shares one.
_ROLE_ACTORS = frozenset({"UKR", "RUS", "USA", "NATO", "EU", "UN", "OSCE", "CHN", "HUN", "SVK", "BLR"})
_STOP = frozenset({"the", "a", "an", "of", "and", "to", "in", "on", "for", "with", "at", "by", "from", "as", "is",
                   "are", "was", "were", "be", "been", "it", "its", "this", "that"})


@dataclass
class Candidate:
    """One actor that may hold a stance in one sentence, with everything the rules said about it."""

    actor: str
    sources: set[str] = field(default_factory=set)  # mention | named | claim | context
    mentions: list[Mention] = field(default_factory=list)
    claims: list[_Claim] = field(default_factory=list)
    named_at: list[tuple[int, int]] = field(default_factory=list)


def candidates(analysis: SentenceAnalysis) -> list[Candidate]:
    """Every actor the rules saw in the sentence: named (kept or not), claimed, or referred back to."""
    by: dict[str, Candidate] = {}

    def get(actor: str) -> Candidate:
        c = by.get(actor)
        if c is None:
            c = by[actor] = Candidate(actor)
        return c

    for start, end, actors in analysis.named:
        for a in actors:
            c = get(a)
            c.sources.add("named")
            c.named_at.append((start, end))
    group_actors: dict[int, dict[str, None]] = {}  # a coordinated list's actors, in text order
    for m in analysis.mentions:
        group_actors.setdefault(m.group, {}).update(dict.fromkeys(m.actors))
    for m in analysis.mentions:
        for a in group_actors[m.group] if m.holder else m.actors:
            c = get(a)
            c.sources.add("mention")
            c.mentions.append(m)
    for cl in analysis.claims:
        for a in cl.actors:
            c = get(a)
            c.sources.add("claim")
            c.claims.append(cl)
    if analysis.pronoun is not None:
        for a in analysis.context[:3]:
            get(a).sources.add("context")
    if analysis.analyst:
        # An analyst or a think tank speaks: an actor no rule gave a stance is only talked about ("analysts said
        # Berlin's caution ...", "analysts said Germany will not send troops").
        return [c for c in by.values() if c.claims]
    return list(by.values())


def _words(norm: str, lo: int, hi: int) -> list[str]:
    return [w.lower() for w in TOKEN.findall(norm, lo, hi)]


def _role(actor: str) -> str:
    return actor if actor in _ROLE_ACTORS else "state"


def _anchor(c: Candidate, sent_start: int) -> tuple[int, int]:
    if c.claims and c.claims[0].mention is not None:
        return c.claims[0].mention.start, c.claims[0].mention.end
    if c.mentions:
        return c.mentions[0].start, c.mentions[0].end
    if c.named_at:
        return c.named_at[0]
    return sent_start, sent_start


def holder_features(norm: str, analysis: SentenceAnalysis, c: Candidate, n_candidates: int) -> list[str]:
    s = analysis.sentence
    f = ["bias", f"role={_role(c.actor)}", f"n={min(n_candidates, 4)}"]
    f += [f"src={x}" for x in sorted(c.sources)]
    if c.sources == {"context"}:
        f.append("only_context")
    if c.sources == {"named"}:
        f.append("only_named")
    f += sorted({f"claim={cl.stance.value}" for cl in c.claims})
    f += sorted({f"att={cl.attribution}" for cl in c.claims})
    f += sorted({f"kind={m.kind}" for m in c.mentions})
    if any(m.holder for m in c.mentions):
        f.append("holder")
    if any(m.military for m in c.mentions):
        f.append("military")
    start, end = _anchor(c, s.start)
    if "context" not in c.sources or c.mentions or c.named_at:
        before = _words(norm, max(s.start, start - 40), start)[-2:]
        after = _words(norm, end, min(s.end, end + 40))[:2]
        f.append(f"prev={before[-1] if before else '^'}")
        if len(before) == 2:
            f.append(f"prev2={before[0]}_{before[1]}")
        f.append(f"next={after[0] if after else '$'}")
        if norm.startswith("'s", end):
            f.append("possessive")
        rel = (start - s.start) / max(1, s.end - s.start)
        f.append(f"pos={min(int(rel * 4), 3)}")
        if _REPORT_WORD.search(norm, max(s.start, start - 25), min(s.end, end + 25)):
            f.append("report_near")
    if not c.claims and analysis.claims:
        f.append("others_claimed")
    if not analysis.on_topic:
        f.append("off_topic")
    if analysis.non_actor_speaker is not None and analysis.non_actor_speaker < start:
        f.append("other_voice_before")  # an analyst, a newspaper, a broadcaster ... before the mention
    if "context" in c.sources and analysis.pronoun is not None:
        f.append(f"pronoun={norm[analysis.pronoun[0]:analysis.pronoun[1]].lower().split()[-1]}")
    if _QUOTE.search(norm, s.start, s.end):
        f.append("quote")
    return f


def stance_features(norm: str, analysis: SentenceAnalysis, c: Candidate) -> list[str]:
    s = analysis.sentence
    role = _role(c.actor)
    f = ["bias", f"role={role}"]
    rule = [cl.stance.value for cl in c.claims] or ["none"]
    f += sorted({f"rule={r}" for r in rule})
    f.append(f"rule1={rule[0]}")
    f += sorted({f"rule={r}&role={role}" for r in rule})
    for cl in c.claims:
        f.append(f"att={cl.attribution}")
        if cl.cue is not None:
            cue = " ".join(_words(norm, *cl.cue))
            f.append(f"cue={cue}")
            f += [f"cuew={w}" for w in cue.split() if w not in _STOP]
    lo, hi = (c.claims[0].window if c.claims else (s.start, s.end))
    words = _words(norm, lo, hi)
    # sorted, not in set order: a sum of floats must not depend on the process's string hashing
    f += [f"w={w}" for w in sorted(set(words)) if w not in _STOP]
    f += [f"b={a}_{b}" for a, b in sorted(set(pairwise(words)))]
    _, end = _anchor(c, s.start)
    near = _words(norm, end, min(s.end, end + 60))[:8]
    f += [f"near={w}" for w in sorted(set(near)) if w not in _STOP]
    if _NEGATION.search(norm, lo, hi):
        f.append("neg")
        f += [f"neg&rule={r}" for r in sorted(set(rule))]
    if _CONDITION.search(norm, lo, hi):
        f.append("cond")
        f += [f"cond&rule={r}" for r in sorted(set(rule))]
    if _QUOTE.search(norm, s.start, s.end):
        f.append("quote")
    if not c.claims:  # what the rules gave the others in the sentence ("Macron, center, and Starmer signed ...")
        f += sorted({f"srule={cl.stance.value}" for cl in analysis.claims})
    return f


def labelled_candidates(text: str, context: str, published: dt.date | None
                        ) -> list[tuple[str, list[str], list[str]]]:
    """(actor, holder features, stance features) for each candidate of ``text`` read after its ``context``: what
    the models are trained on and what they see when they run (``pipeline.extract_statements``)."""
    from ceasefire.extract.pipeline import analyse

    joined = context.rstrip() + "\n" + text if context else text
    offset = len(joined) - len(text)
    norm, analyses = analyse(joined, published=published)
    out = []
    for a in analyses:
        if a.sentence.start < offset:
            continue
        cands = candidates(a)
        for c in cands:
            out.append((c.actor, holder_features(norm, a, c, len(cands)), stance_features(norm, a, c)))
    return out


@dataclass(frozen=True)
class LinearModel:
    """Weights of a (multinomial) logistic model over string features."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]

    def scores(self, features: Iterable[str]) -> list[float]:
        w = self.weights
        rows = [row for row in map(w.get, features) if row is not None]
        # one sum per class over the features present (a column sum, in the features' order)
        return [b + sum(col) for b, col in zip(self.bias, zip(*rows, strict=True), strict=True)] if rows \
            else list(self.bias)

    def probabilities(self, features: Iterable[str]) -> list[float]:
        z = self.scores(features)
        if len(z) == 1:  # binary: one logit, as the two-class softmax of (0, z)
            z = [0.0, z[0]]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    def ranked(self, features: Iterable[str], k: int) -> list[str]:
        """The features that favour class ``k`` over every other class, strongest first (what decided it)."""
        scored = []
        w = self.weights
        for f in features:
            row = w.get(f)
            if row is None or f == "bias":
                continue
            # one weight per feature is a two-class model's logit for class 1
            margin = (row[0] if k == 1 else -row[0]) if len(row) == 1 else row[k] - max(row[:k] + row[k + 1:])
            if margin > 0:
                scored.append((-margin, f))
        return [f for _, f in sorted(scored)]

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "bias": [round(b, 3) for b in self.bias],
                "weights": {f: [round(v, 2) for v in row] for f, row in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> LinearModel:
        return cls(tuple(d["classes"]), {f: tuple(r) for f, r in d["weights"].items()}, tuple(d["bias"]))


WORD_FEATURES = ("w=", "b=", "near=", "cue=", "cuew=")  # the prefixes of features that stand for words


def feature_words(name: str) -> list[str]:
    """The words a feature stands for ("b=not_send" -> ["not", "send"]); [] for features that are no words."""
    for prefix in WORD_FEATURES:
        if name.startswith(prefix):
            value = name[len(prefix):]
            return value.split("_") if prefix == "b=" else value.split()
    return []


@dataclass(frozen=True)
class StanceModel:
    """The two models and the holder probability above which a candidate is kept (0.5 unless the trainer is told
    otherwise; its cross-validation prints what other cuts would give)."""

    holder: LinearModel
    stance: LinearModel
    threshold: float
    trained_on: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"holder": self.holder.to_json(), "stance": self.stance.to_json(), "threshold": self.threshold,
                "trained_on": self.trained_on}


MODEL_FILE = "stance_model.json"


def read_model(text: str, source: str) -> StanceModel:
    """Parse a model file; a malformed one is a one-line error naming the file and what is wrong."""
    try:
        d = json.loads(text)
        model = StanceModel(LinearModel.from_json(d["holder"]), LinearModel.from_json(d["stance"]),
                            float(d["threshold"]), dict(d.get("trained_on", {})))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"not a stance model ({type(exc).__name__}: {exc})", source=source) from None
    known = {s.value for s in Stance}
    classes = model.stance.classes
    if not set(classes) <= known or len(set(classes)) != len(classes) or len(classes) < 2:
        raise DataError(f"stance classes must be two or more distinct stances of the ledger's vocabulary, found "
                        f"{list(classes)}", source=source, field="stance.classes")
    if model.holder.classes != ("0", "1") or len(model.holder.bias) != 1:
        raise DataError("the holder model must have classes ['0', '1'] and one bias", source=source,
                        field="holder")
    if not 0 < model.threshold < 1:
        raise DataError(f"threshold {model.threshold} is not a probability between 0 and 1", source=source,
                        field="threshold")
    for name, m in (("holder", model.holder), ("stance", model.stance)):
        width = len(m.bias)
        if name == "stance" and width != (1 if len(m.classes) == 2 else len(m.classes)):
            raise DataError(f"{width} biases for {len(m.classes)} classes", source=source, field=f"{name}.bias")
        for f, row in [("bias", m.bias), *m.weights.items()]:
            if len(row) != width:
                raise DataError(f"feature {f!r} has {len(row)} weights, expected {width}", source=source,
                                field=f"{name}.weights")
            if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in row):
                raise DataError(f"feature {f!r} has a weight that is not a finite number", source=source,
                                field=f"{name}.weights")
    return model


@cache
def load_model() -> StanceModel | None:
    """The shipped model, or None when the package carries none (the rules then decide alone)."""
    res = resources.files("ceasefire.extract") / "data" / MODEL_FILE
    if not res.is_file():
        return None
    return read_model(res.read_text(encoding="utf-8"), MODEL_FILE)
