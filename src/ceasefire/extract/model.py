"""What the extractor returns: statements with their evidence, and documents read by ``ingest``."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from ceasefire.domain import Capability, Condition, Stance

RULES_VERSION = "rules-1"  # statements of the rules alone (pipeline.extract_statements_rules)
EXTRACTOR_VERSION = "rules-1+learned-1"  # the rules read through the shipped learned layer

# The ledger's commitment kinds (what an actor offers, refuses or asks for).
COMMITMENT_KINDS = (
    "troops", "air_defence", "counter_drone", "electronic_warfare", "isr", "air_power", "naval", "logistics",
    "training", "money", "weapons", "monitoring", "security_guarantee",
)

# Commitment kind -> the sizing capability it supplies, where there is one.
CAPABILITY_OF: dict[str, Capability] = {
    "troops": Capability.MANOEUVRE,
    "air_defence": Capability.AIR_DEFENCE,
    "counter_drone": Capability.COUNTER_DRONE,
    "electronic_warfare": Capability.ELECTRONIC_WARFARE,
    "isr": Capability.ISR,
    "monitoring": Capability.ISR,
    "air_power": Capability.AIR_POWER,
    "naval": Capability.NAVAL,
    "logistics": Capability.LOGISTICS,
}


class Quantity(BaseModel):
    """A number with its unit as written: "up to 10,000 troops" -> high=10000, unit="troops"."""

    model_config = ConfigDict(frozen=True)

    value: float
    low: float
    high: float
    unit: str  # troops | EUR | USD | GBP | the counted noun ("jets", "ships", "missiles")
    per: str | None = None  # "year" for "€3 billion a year"
    text: str
    start: int
    end: int


class Statement(BaseModel):
    """One actor's stance in one sentence, with the evidence and the words that decided it.

    ``start``/``end`` are character offsets of ``quote`` in the text given to the extractor, so
    ``text[start:end] == quote``; ``cue_start``/``cue_end`` and ``mention_start``/``mention_end`` likewise.
    """

    model_config = ConfigDict(frozen=True)

    actor: str
    stance: Stance
    commitments: list[str] = Field(default_factory=list)
    capability: Capability | None = None
    quantity: Quantity | None = None
    condition: Condition | None = None  # the first condition found; all of them in ``conditions``
    conditions: list[Condition] = Field(default_factory=list)
    condition_text: str | None = None
    quote: str
    cue: str | None = None  # None for a neutral statement (an actor speaking without a stance cue)
    start: int
    end: int
    cue_start: int | None = None
    cue_end: int | None = None
    mention: str  # the words that named the actor ("Starmer", "the Élysée", "he")
    mention_start: int
    mention_end: int
    attribution: str  # subject | inside | speaker | pronoun | neutral | learned (no rule put the actor on record)
    sentence_index: int
    confidence: float
    extractor: str = EXTRACTOR_VERSION
    published: dt.date | None = None


class Document(BaseModel):
    """One article read from a file, a feed entry or standard input."""

    model_config = ConfigDict(frozen=True)

    name: str  # file name, "<stdin>", or "feed.xml#3" for the third entry of a feed
    kind: str  # text | html | feed-entry
    title: str | None = None
    text: str
    source_url: str | None = None
    published: dt.date | None = None
    publisher: str | None = None
    content_hash: str  # sha256 of the extracted text, whitespace-normalised: one source however often read
