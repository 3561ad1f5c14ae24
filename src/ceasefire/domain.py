"""The words of the domain as typed values: theatre, sector, mandate, capability, requirement.

Everything here is plain data (pydantic models, frozen where they are results); behaviour lives in the
modules that use them (``sizing``, ``coalition``, ``stress``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a scenario must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class MandateKind(StrEnum):
    MONITOR = "monitor"  # observe and report
    REASSURE = "reassure"  # presence behind the line, tripwire
    DETER = "deter"  # deterrence by denial at the line


class RulesOfEngagement(StrEnum):
    OBSERVE_REPORT = "observe_report"
    SELF_DEFENCE = "self_defence"
    DEFEND_MANDATE = "defend_mandate"


class Capability(StrEnum):
    MANOEUVRE = "manoeuvre"
    ISR = "isr"
    COUNTER_DRONE = "counter_drone"
    ELECTRONIC_WARFARE = "electronic_warfare"
    AIR_DEFENCE = "air_defence"
    AIR_POWER = "air_power"
    LOGISTICS = "logistics"
    MEDICAL = "medical"
    ENGINEERING = "engineering"
    COMMAND = "command"
    NAVAL = "naval"


class Stance(StrEnum):
    COMMITS = "commits"
    WILLING = "willing"
    CONDITIONAL = "conditional"
    HESITANT = "hesitant"
    DISTANCING = "distancing"
    REFUSES = "refuses"
    OPPOSES = "opposes"
    DEMANDS = "demands"
    NEUTRAL = "neutral"


class Condition(StrEnum):
    US_BACKSTOP = "us_backstop"
    UN_MANDATE = "un_mandate"
    CEASEFIRE_FIRST = "ceasefire_first"
    NO_TROOPS_IN_UKRAINE = "no_troops_in_ukraine"
    PARLIAMENT_VOTE = "parliament_vote"
    RUSSIA_CONSENT = "russia_consent"
    PEACE_AGREEMENT = "peace_agreement"
    EU_MANDATE = "eu_mandate"
    NATO_COVER = "nato_cover"


class Range(Strict):
    """An uncertain quantity: a low, a most likely value and a high, low <= value <= high.

    In YAML it can be written as a number (no uncertainty), as ``[low, high]`` (value = midpoint) or as
    ``{low: .., value: .., high: ..}``.

    >>> Range.model_validate([1000, 1300]).value
    1150.0
    >>> Range.model_validate(5).high
    5.0
    """

    low: Annotated[float, Field(allow_inf_nan=False)]
    value: Annotated[float, Field(allow_inf_nan=False)]
    high: Annotated[float, Field(allow_inf_nan=False)]

    @model_validator(mode="before")
    @classmethod
    def _coerce(cls, data: Any) -> Any:
        if isinstance(data, bool):
            raise ValueError("expected a number, [low, high] or {low, value, high}")
        if isinstance(data, int | float):
            return {"low": data, "value": data, "high": data}
        if isinstance(data, list | tuple):
            if len(data) != 2 or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in data):
                raise ValueError("expected [low, high] with two numbers")
            return {"low": data[0], "value": (data[0] + data[1]) / 2, "high": data[1]}
        if isinstance(data, dict) and "value" not in data and {"low", "high"} <= set(data):
            lo, hi = data.get("low"), data.get("high")
            if isinstance(lo, int | float) and isinstance(hi, int | float):
                return {**data, "value": (lo + hi) / 2}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if not (self.low <= self.value <= self.high):
            raise ValueError(f"expected low <= value <= high, got {self.low}, {self.value}, {self.high}")
        return self

    @classmethod
    def of(cls, low: float, value: float, high: float) -> Range:
        return cls(low=low, value=value, high=high)


class Distribution(Strict):
    """The 10th, 50th and 90th percentiles of an uncertain result."""

    p10: float
    median: float
    p90: float

    def rounded(self, step: float = 1.0) -> Distribution:
        return Distribution(p10=_round(self.p10, step), median=_round(self.median, step),
                            p90=_round(self.p90, step))


def _round(x: float, step: float) -> float:
    return float(round(x / step) * step)


class Source(Strict):
    """Where a figure comes from."""

    url: str
    as_of: str
    note: str = ""


Terrain = Literal["open", "urban", "forest", "river", "marsh", "mixed", "mountain", "border"]


class Sector(Strict):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    length_km: Annotated[float, Field(gt=0, le=5000)]
    terrain: Terrain = "mixed"
    threat_weight: Annotated[float, Field(ge=0, le=100)] = 1.0


class Theatre(Strict):
    """The ground to guarantee."""

    id: str
    name: str
    area_km2: Annotated[float, Field(gt=0, le=20_000_000)]
    area_held_km2: Annotated[float | None, Field(gt=0, le=20_000_000)] = None  # under the government's control
    population: Range
    line_km: Range
    border_russia_km: float | None = None
    border_belarus_km: float | None = None
    sectors: tuple[Sector, ...] = ()
    sources: tuple[Source, ...] = ()

    @field_validator("population")
    @classmethod
    def _population(cls, v: Range) -> Range:
        if v.low < 1 or v.high > 2e9:
            raise ValueError("population must be between 1 and 2,000,000,000")
        return v

    @field_validator("line_km")
    @classmethod
    def _line(cls, v: Range) -> Range:
        if v.low <= 0 or v.high > 50_000:
            raise ValueError("line_km must be between 0 and 50,000 km")
        return v

    @property
    def sector_length_km(self) -> float:
        return sum(s.length_km for s in self.sectors)


class Mandate(Strict):
    kind: MandateKind
    rules_of_engagement: RulesOfEngagement = RulesOfEngagement.SELF_DEFENCE
    duration_months: Annotated[int, Field(ge=1, le=600)] = 24


class RotationPolicy(Strict):
    """How many troops the force pool must hold for each one deployed (deployed + recovering + preparing)."""

    ratio: Range | None = None  # None: the sourced default from reference parameters
    tour_months: Annotated[int, Field(ge=1, le=36)] = 6

    @field_validator("ratio")
    @classmethod
    def _at_least_one(cls, v: Range | None) -> Range | None:
        if v is not None and (v.low < 1 or v.high > 20):
            raise ValueError("rotation ratio must be between 1 and 20 (pool troops per deployed troop)")
        return v


class SizingOptions(Strict):
    analog_mission: str = "kfor-1999"
    methods: Annotated[tuple[str, ...], Field(min_length=1)] | None = None  # None: every registered method
    samples: Annotated[int, Field(ge=100, le=1_000_000)] = 20_000
    seed: Annotated[int, Field(ge=0)] = 20250306


class Scenario(Strict):
    """A theatre, a mandate and the assumptions to size and test a force for it."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    description: str = ""
    theatre: Theatre
    mandate: Mandate
    rotation: RotationPolicy = RotationPolicy()
    horizon_months: Annotated[int, Field(ge=1, le=600)] = 24
    sizing: SizingOptions = SizingOptions()
    as_of: dt.date | None = None
    stress: dict[str, Any] | None = None  # validated by ceasefire.stress when it runs
    source: str = Field(default="", exclude=True)  # the file it was read from


class MethodResult(BaseModel):
    """One sizing method's answer, with everything needed to check it."""

    model_config = ConfigDict(frozen=True)

    name: str
    title: str
    applies: bool
    why: str  # why it applies or not to this mandate
    troops: Distribution
    parameters: dict[str, Any]
    sources: tuple[Source, ...]
    capabilities: dict[str, Distribution] = {}
    explanation: str = ""


__all__ = [
    "Capability", "Condition", "Distribution", "Mandate", "MandateKind", "MethodResult",
    "Range", "RotationPolicy", "RulesOfEngagement", "Scenario", "Sector", "SizingOptions", "Source",
    "Stance", "Theatre",
]
