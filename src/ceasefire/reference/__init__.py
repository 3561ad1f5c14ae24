"""Bundled reference data: historical missions, nations, theatres, published estimates, parameters.

Every row carries ``source_url`` and ``as_of``; a row without them is refused when the file is loaded.
Files are small CSVs read with the standard library so that ``ceasefire assess`` starts fast.

>>> kfor = missions()["kfor-1999"]
>>> round(kfor.per_1000_inhabitants, 1) > 15
True
>>> nations()["FRA"].nato
True
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import pycountry
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from ceasefire.domain import MandateKind, Range, Source, Theatre
from ceasefire.errors import DataError, NotFoundError
from ceasefire.textfile import read_text

_AS_OF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URL = re.compile(r"^https?://\S+$")
ORGANISATIONS = {"EU", "NATO", "UN", "OSCE"}


def _ordered(what: str, low: float | None, value: float | None, high: float | None) -> None:
    """Refuse a row whose figure lies outside its own range (an empty bound is the figure itself)."""
    lo = value if low is None else low
    hi = value if high is None else high
    if value is None:
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"{what}: low {lo:g} is above high {hi:g}")
        return
    if lo is not None and hi is not None and not lo <= value <= hi:
        raise ValueError(f"{what}: expected low <= value <= high, got {lo:g}, {value:g}, {hi:g}")


def _blank_to_none(v: Any) -> Any:
    return None if isinstance(v, str) and v.strip() == "" else v


def _bool(v: Any) -> Any:
    if isinstance(v, str):
        t = v.strip().lower()
        if t in {"true", "yes", "1", "y"}:
            return True
        if t in {"false", "no", "0", "n", ""}:
            return False
    return v


Opt = BeforeValidator(_blank_to_none)


def opt_float(**limits: float) -> Any:
    """An optional finite number (empty cell = unknown) with its limits applied when present."""
    return Annotated[Annotated[float, Field(allow_inf_nan=False, **limits)] | None, Opt]


def opt_int(**limits: int) -> Any:
    return Annotated[Annotated[int, Field(**limits)] | None, Opt]


OptFloat = opt_float()
OptInt = opt_int()
Flag = Annotated[bool, BeforeValidator(_bool)]


class Row(BaseModel):
    """A sourced row: ``source_url`` (one or more http(s) URLs joined by ' ; ') and ``as_of``."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    source_url: Annotated[str, Field(min_length=1)]
    as_of: Annotated[str, Field(min_length=4)]

    @field_validator("source_url")
    @classmethod
    def _urls(cls, v: str) -> str:
        for url in cls.split_urls(v):
            if not _URL.match(url):
                raise ValueError(f"expected http(s) URLs separated by ' ; ', got {url!r}")
        if not cls.split_urls(v):
            raise ValueError("every row needs a source_url")
        return v

    @field_validator("as_of")
    @classmethod
    def _as_of(cls, v: str) -> str:
        # 'as_of' may be a range of dates ('1999-2024'); each end must be a date
        for part in re.split(r"\s*(?:/|;|\.\.|–|(?<=\d)-(?=\d{4}))\s*", v):
            if part and not _AS_OF.match(part.strip()):
                raise ValueError(f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {v!r}")
        return v

    @staticmethod
    def split_urls(v: str) -> list[str]:
        return [u.strip() for u in v.split(" ; ") if u.strip()] if " ; " in v else [
            u.strip() for u in v.split(";") if u.strip()]

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(Source(url=u, as_of=self.as_of) for u in self.split_urls(self.source_url))


MissionMandate = Literal["monitor", "interpose", "reassure", "deter", "stabilise"]


class Mission(Row):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: str
    lead_org: str = ""
    start_year: Annotated[int, Field(ge=1900, le=2030)]
    end_year: opt_int(ge=1900, le=2030) = None
    peak_troops: Annotated[int, Field(gt=0, le=2_000_000)]
    peak_troops_low: opt_int(gt=0) = None
    peak_troops_high: opt_int(gt=0) = None
    peak_date: str = ""
    area_km2: opt_float(gt=0, le=20_000_000) = None
    population: opt_float(gt=0, le=2e9) = None
    line_length_km: opt_float(gt=0, le=50_000) = None
    mandate: MissionMandate
    outcome: Literal["held", "mixed", "failed", "ongoing"]
    notes: str = ""

    @model_validator(mode="after")
    def _troops_in_range(self) -> Mission:
        _ordered("peak_troops", self.peak_troops_low, self.peak_troops, self.peak_troops_high)
        return self

    @property
    def troops(self) -> Range:
        return Range(low=self.peak_troops_low or self.peak_troops, value=self.peak_troops,
                     high=self.peak_troops_high or self.peak_troops)  # ordered: checked when the row is read

    @property
    def per_1000_inhabitants(self) -> float | None:
        return self.peak_troops / self.population * 1000 if self.population else None

    @property
    def per_km2(self) -> float | None:
        return self.peak_troops / self.area_km2 if self.area_km2 else None

    @property
    def per_km_line(self) -> float | None:
        return self.peak_troops / self.line_length_km if self.line_length_km else None


class Nation(Row):
    iso3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    name: str
    nato: Flag = False
    eu: Flag = False
    active_personnel: opt_int(ge=0, le=5_000_000) = None  # None: no figure found; capacity unknown
    defence_pct_gdp: opt_float(ge=0, le=50) = None
    defence_pct_gdp_year: OptInt = None
    deployable_low: opt_int(ge=0) = None
    deployable_high: opt_int(ge=0) = None
    deployable_source_note: str = ""
    notes: str = ""

    @model_validator(mode="after")
    def _deployable_in_order(self) -> Nation:
        _ordered("deployable_low", self.deployable_low, None, self.deployable_high)
        return self

    @field_validator("iso3")
    @classmethod
    def _known(cls, v: str) -> str:
        if pycountry.countries.get(alpha_3=v) is None:
            raise ValueError(f"unknown ISO 3166 alpha-3 country code {v!r}")
        return v


class TheatreRow(Row):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: str
    area_km2: opt_float(gt=0)  # a zone without its own area (a DMZ) may leave it empty
    area_held_km2: opt_float(gt=0) = None
    population: opt_float(gt=0, le=2e9)
    population_low: opt_float(gt=0) = None
    population_high: opt_float(gt=0) = None
    line_km: opt_float(gt=0, le=50_000) = None
    line_km_low: opt_float(gt=0) = None
    line_km_high: opt_float(gt=0) = None
    border_russia_km: OptFloat = None
    border_belarus_km: OptFloat = None
    notes: str = ""

    @model_validator(mode="after")
    def _ranges(self) -> TheatreRow:
        _ordered("population", self.population_low, self.population, self.population_high)
        _ordered("line_km", self.line_km_low, self.line_km, self.line_km_high)
        return self

    def theatre_fields(self) -> dict[str, Any]:
        """The fields of a scenario ``Theatre`` this row knows; a scenario can fill in or override the rest."""
        out: dict[str, Any] = {"id": self.id, "name": self.name, "area_held_km2": self.area_held_km2,
                               "border_russia_km": self.border_russia_km,
                               "border_belarus_km": self.border_belarus_km,
                               "sources": [s.model_dump() for s in self.sources]}
        if self.area_km2 is not None:
            out["area_km2"] = self.area_km2
        if self.population is not None:
            out["population"] = {"low": self.population_low or self.population, "value": self.population,
                                 "high": self.population_high or self.population}
        if self.line_km is not None:
            out["line_km"] = {"low": self.line_km_low or self.line_km, "value": self.line_km,
                              "high": self.line_km_high or self.line_km}
        return out

    def to_theatre(self) -> Theatre:
        return Theatre.model_validate(self.theatre_fields())


class Estimate(Row):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    who: str
    published: str
    troops_low: opt_int(gt=0, le=5_000_000) = None  # None: "up to troops_high"
    troops_high: Annotated[int, Field(gt=0, le=5_000_000)]
    mandate: Literal["monitor", "reassure", "deter", "stabilise"]
    includes_rotation: Flag = False
    description: str = ""

    @model_validator(mode="after")
    def _troops_in_order(self) -> Estimate:
        _ordered("troops_low", self.troops_low, None, self.troops_high)
        return self


class Parameter(Row):
    key: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    low: Annotated[float, Field(allow_inf_nan=False)]
    value: Annotated[float, Field(allow_inf_nan=False)]
    high: Annotated[float, Field(allow_inf_nan=False)]
    unit: str = ""
    description: str = ""

    @model_validator(mode="after")
    def _in_order(self) -> Parameter:
        _ordered("value", self.low, self.value, self.high)
        return self

    @property
    def range(self) -> Range:
        return Range(low=self.low, value=self.value, high=self.high)


KINDS: dict[str, type[Row]] = {
    "missions": Mission, "nations": Nation, "theatres": TheatreRow, "estimates": Estimate,
    "parameters": Parameter,
}
_KEY = {"missions": "id", "nations": "iso3", "theatres": "id", "estimates": "id", "parameters": "key"}
R = TypeVar("R", bound=Row)


def validate_row(model: type[R], raw: dict[str, str], source: str, line: int) -> R:
    """One CSV row as ``model``; a bad cell is a ``DataError`` naming ``source:line`` and the column."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else None
        required = [n for n, f in model.model_fields.items() if f.is_required()]
        got = raw.get(field, "") if field else ""
        what = ("required value is empty" if got == "" and field in required
                else str(err["msg"]).removeprefix("Value error, "))
        column, _, rest = what.partition(": ")
        if field is None and rest and column in raw:  # a check across columns names its column
            field, what = column, rest
        raise DataError(f"{what} (got {got!r})" if got else what, source=source, line=line, field=field) from None


def read_rows(text: str, kind: str, source: str) -> list[Row]:
    """Validate CSV text of one kind; the first bad row stops the read with ``source:line: field``."""
    model = KINDS[kind]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if not header:
        raise DataError("empty file, expected a CSV header row", source=source, line=1)
    unknown = [c for c in header if c not in model.model_fields]
    if unknown:
        raise DataError(f"unknown column for {kind} (expected some of: {', '.join(model.model_fields)})",
                        source=source, line=1, field=unknown[0])
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(f"missing required column for {kind}", source=source, line=1, field=missing[0])
    rows: list[Row] = []
    seen: dict[str, int] = {}
    key = _KEY[kind]
    line = 1
    try:
        for raw in reader:
            line = reader.line_num
            if None in raw:
                raise DataError(f"row has more cells than the {len(header)} columns of the header",
                                source=source, line=line)
            row = validate_row(model, raw, source, line)
            ident = getattr(row, key)
            if ident in seen:
                raise DataError(f"duplicate {key} {ident!r} (first on line {seen[ident]})",
                                source=source, line=line, field=key)
            seen[ident] = line
            rows.append(row)
    except csv.Error as exc:
        raise DataError(f"malformed CSV: {exc}", source=source, line=line) from None
    return rows


def guess_kind(path: Path, header: Iterable[str]) -> str:
    """Which table a user file is: by its name (missions.csv, my-missions.csv) or else by its header."""
    stem = path.stem.lower()
    for kind in KINDS:
        if kind in stem or kind.rstrip("s") in stem:
            return kind
    cols = set(header)
    best = max(KINDS, key=lambda k: len(cols & set(KINDS[k].model_fields)))
    if len(cols & set(KINDS[best].model_fields)) <= 2:
        raise DataError("cannot tell which table this is (name it missions.csv, nations.csv, theatres.csv, "
                        "estimates.csv or parameters.csv, or pass --kind)", source=str(path), line=1)
    return best


def read_file(path: Path, kind: str | None = None) -> tuple[str, list[Row]]:
    text = read_text(path, DataError, "CSV text")
    if kind is None:
        first = next(csv.reader(io.StringIO(text)), [])
        kind = guess_kind(path, first)
    if kind not in KINDS:
        raise DataError(f"unknown kind {kind!r}, expected one of {', '.join(KINDS)}", source=str(path))
    return kind, read_rows(text, kind, str(path))


@cache
def _bundled(kind: str) -> tuple[Row, ...]:
    ref = resources.files("ceasefire.reference") / "data" / f"{kind}.csv"
    return tuple(read_rows(ref.read_text(encoding="utf-8"), kind, f"ceasefire/reference/data/{kind}.csv"))


def _index(kind: str, cls: type[R]) -> dict[str, R]:
    return {getattr(r, _KEY[kind]): r for r in _bundled(kind) if isinstance(r, cls)}


@cache
def missions() -> dict[str, Mission]:
    return _index("missions", Mission)


@cache
def nations() -> dict[str, Nation]:
    return _index("nations", Nation)


@cache
def theatres() -> dict[str, TheatreRow]:
    return _index("theatres", TheatreRow)


@cache
def estimates() -> dict[str, Estimate]:
    return _index("estimates", Estimate)


@cache
def parameters() -> dict[str, Parameter]:
    return _index("parameters", Parameter)


def mission(mission_id: str) -> Mission:
    try:
        return missions()[mission_id]
    except KeyError:
        raise NotFoundError(f"unknown mission {mission_id!r}; known: {', '.join(sorted(missions()))}",
                            field="analog_mission") from None


def parameter(key: str) -> Parameter:
    try:
        return parameters()[key]
    except KeyError:
        raise NotFoundError(f"reference parameter {key!r} is missing from parameters.csv") from None


def check_bundled() -> dict[str, int]:
    """Load and validate every bundled table; returns row counts."""
    return {kind: len(_bundled(kind)) for kind in KINDS}


def is_actor_code(code: str) -> bool:
    """An ISO 3166 alpha-3 country code or one of the organisations the ledger tracks."""
    return code in ORGANISATIONS or (len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None)


__all__ = [
    "KINDS",
    "Estimate",
    "MandateKind",
    "Mission",
    "Nation",
    "Parameter",
    "Row",
    "TheatreRow",
    "check_bundled",
    "estimates",
    "is_actor_code",
    "mission",
    "missions",
    "nations",
    "parameter",
    "parameters",
    "read_file",
    "read_rows",
    "theatres",
]
