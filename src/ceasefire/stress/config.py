"""The ``stress:`` section of a scenario file, validated so that errors name file, line and field.

>>> spec = StressSpec.model_validate({"runs": 50, "parameters": {"rate_raid": [0.0001, 0.001]}})
>>> spec.parameters["rate_raid"].value
0.00055
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from ceasefire.domain import Range, RulesOfEngagement, Strict
from ceasefire.errors import CeasefireError, ScenarioError
from ceasefire.yamlio import line_of, validate

UNIT_KINDS = ("isr", "counter_drone", "electronic_warfare", "sensors", "weapon_locating")
Allocation = Literal["threat", "length", "uniform"]
MAX_RUNS, MAX_DAYS = 10_000_000, 3650  # the limits of stress.runs and stress.days, and of the CLI's --runs/--days
MAX_TROOPS = 2_000_000  # the most troops a force or a compared option may have


class ForceSpec(Strict):
    """The force on the line: armed troops, unarmed monitors and units per capability."""

    troops: Annotated[float, Field(ge=0, le=MAX_TROOPS)] = 0.0
    monitors: Annotated[float, Field(ge=0, le=1_000_000)] = 0.0
    units: dict[Literal["isr", "counter_drone", "electronic_warfare", "sensors", "weapon_locating"],
                Annotated[float, Field(ge=0, le=1_000_000)]] = Field(default_factory=dict)
    allocation: Allocation = "threat"


class OptionSpec(Strict):
    """A force option to compare: overrides of the base force and rules of engagement."""

    troops: Annotated[float, Field(ge=0, le=MAX_TROOPS)] | None = None
    monitors: Annotated[float, Field(ge=0, le=1_000_000)] | None = None
    rules_of_engagement: RulesOfEngagement | None = None
    units_scale: Annotated[float, Field(ge=0, le=100)] = 1.0


class StressSpec(Strict):
    runs: Annotated[int, Field(ge=1, le=MAX_RUNS)] = 1000
    days: Annotated[int, Field(ge=1, le=MAX_DAYS)] = 180
    seed: Annotated[int, Field(ge=0)] = 20250306
    cell_km: Annotated[float, Field(gt=0, le=500)] = 10.0
    rules_of_engagement: RulesOfEngagement | None = None  # None: the mandate's
    force: ForceSpec | None = None  # None: the sizing methods' median capabilities
    parameters: dict[str, Range] = Field(default_factory=dict)
    # the verdict is "a bluff" when the mean P(probe unanswered) reaches this; in a sweep, a design point
    # whose P(probe unanswered) reaches it counts as a failure (scenario discovery)
    failure_unanswered: Annotated[float, Field(ge=0, le=1)] = 0.9
    options: dict[str, OptionSpec] = Field(default_factory=dict)


def check_count(name: str, value: int | None) -> None:
    """A ``runs`` or ``days`` given outside a scenario (CLI, Python) within the limits of stress.runs/days."""
    top = {"runs": MAX_RUNS, "days": MAX_DAYS}[name]
    if value is not None and value < 1:
        raise CeasefireError(f"{name} must be at least 1, got {value}", field=name)
    if value is not None and value > top:
        raise CeasefireError(f"{name} must be at most {top:,}, got {value:,}", field=name)


def parse(raw: Any, source: str, root: Any) -> StressSpec:
    """Validate ``raw`` (the scenario's ``stress:`` mapping) and check parameter keys and bounds."""
    from ceasefire.stress.parameters import check_value

    spec = validate(StressSpec, raw if raw is not None else {}, source, ScenarioError, prefix=["stress"], root=root)
    for key, rng in spec.parameters.items():
        for v in (rng.low, rng.value, rng.high):
            why = check_value(key, v)
            if why:
                raise ScenarioError(why, source=source, line=line_of(root, ["stress", "parameters", key]),
                                    field=f"stress.parameters.{key}")
    return spec


def from_scenario(scenario: Any) -> StressSpec:
    """The scenario's stress settings, or the defaults when it has none."""
    if scenario.stress is None:
        return StressSpec()
    return parse(scenario.stress, scenario.source or "<scenario>", {"stress": scenario.stress})
