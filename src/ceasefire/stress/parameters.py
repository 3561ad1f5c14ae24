"""The stress model's parameter table: every number with a range, a distribution, a grade and a source.

The table is ``parameters.csv`` next to this module. Rows whose ``reference`` cell names a key of the
toolkit's reference parameters (``ceasefire/reference/data/parameters.csv``) take their low/value/high and
sources from there, so one physical quantity (a radar's range, a QRF's notice to move) has one row.

>>> t = table()
>>> t["rate_raid"].grade, t["radar_range_km"].value
('D', 2.0)
>>> all(p.low <= p.value <= p.high for p in t.values())
True
"""

from __future__ import annotations

import csv
import io
import math
from functools import cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import Field

from ceasefire.reference import Parameter as ReferenceParameter
from ceasefire.reference import parameter, validate_row

# Units whose values are probabilities or shares: they must lie in [0, 1].
PROBABILITY_UNITS = ("probability", "share", "share of troops", "share of contingents", "share of sector-days")
# Units the model divides by, or steps through day by day: a duration under one day would be a daily
# transition probability above 1, and a zero team size, speed, depth, gamma shape or log-normal median a
# division by zero or the log of zero.
AT_LEAST_ONE_UNITS = ("days",)
POSITIVE_UNITS = ("gamma shape", "km/h", "hours per response", "people per team", "people per patrol",
                  "minutes (median)", "hours (median)")  # log-normal medians
POSITIVE_KEYS = ("monitored_depth_km",)
# No physical quantity of the model comes near this; larger values overflow the Poisson sampler.
LARGEST = 1e6


class Parameter(ReferenceParameter):
    """A reference parameter with the stress model's extras: how it is sampled, its grade, its symbol."""

    distribution: Literal["uniform", "loguniform", "triangular"]
    grade: Annotated[str, Field(pattern=r"^[A-D](/[A-D])?$")]
    symbol: str = ""
    reference: str = ""  # the key of the reference parameter it takes its figures and sources from

    @property
    def is_probability(self) -> bool:
        return self.unit in PROBABILITY_UNITS or self.unit == "per day"

    @property
    def uncertain(self) -> bool:
        return self.high > self.low

    def ppf(self, u: float) -> float:
        """The quantile ``u`` in [0, 1] of this parameter's uncertainty distribution (used by sweeps)."""
        lo, mode, hi = self.low, self.value, self.high
        if hi <= lo:
            return lo
        if self.distribution == "loguniform" and lo > 0:
            return math.exp(math.log(lo) + u * (math.log(hi) - math.log(lo)))
        if self.distribution == "triangular":
            c = (mode - lo) / (hi - lo)
            if u < c:
                return lo + math.sqrt(u * (hi - lo) * (mode - lo))
            return hi - math.sqrt((1 - u) * (hi - lo) * (hi - mode))
        return lo + u * (hi - lo)


@cache
def table() -> dict[str, Parameter]:
    """The bundled table, reference rows resolved; refuses a row without a source, grade or sane range."""
    text = (resources.files("ceasefire.stress") / "parameters.csv").read_text(encoding="utf-8")
    out: dict[str, Parameter] = {}
    where = "ceasefire/stress/parameters.csv"
    for line, raw in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
        ref = (raw.get("reference") or "").strip()
        if ref:  # one physical quantity, one sourced row: take it from the reference table
            base = parameter(ref)
            raw = {**raw, "low": base.low, "value": base.value, "high": base.high, "source_url": base.source_url,
                   "as_of": base.as_of}
        p = validate_row(Parameter, raw, where, line)
        out[p.key] = p
    return out


def defaults() -> dict[str, float]:
    """The baseline value of every parameter."""
    return {k: p.value for k, p in table().items()}


def check_value(key: str, value: float) -> str | None:
    """Why ``value`` is not acceptable for parameter ``key``, or None when it is."""
    p = table().get(key)
    if p is None:
        return f"unknown stress parameter {key!r} (see docs/stress-model.md)"
    if not math.isfinite(value):
        return "expected a finite number"
    if value < 0:
        return f"expected a non-negative {p.unit}, got {value:g}"
    if p.is_probability and value > 1:
        return f"expected a probability in [0, 1], got {value:g}"
    if p.unit in AT_LEAST_ONE_UNITS and value < 1:
        return f"expected at least 1 {p.unit} (the model steps one day at a time), got {value:g}"
    if (p.unit in POSITIVE_UNITS or key in POSITIVE_KEYS) and value <= 0:
        return f"expected a positive {p.unit}, got {value:g}"
    if value > LARGEST:
        return f"expected at most {LARGEST:,.0f} {p.unit}, got {value:g}"
    return None
