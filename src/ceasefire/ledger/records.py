"""Validated inputs and the records the ledger returns.

Inputs (``StatementIn``, ``PledgeIn``, ``SourceIn``) accept CSV-style strings (``;``-lists, empty cell = none)
as well as Python values, so the same validation serves ``ledger add``, ``ledger import``, the bundled seed,
the extractor and the API. ``check(model, data, source=..., line=...)`` turns the first problem into a one-line
``LedgerError`` naming the file, row and field.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from ceasefire.domain import Capability, Condition, Stance
from ceasefire.errors import LedgerError

COMMITMENT_KINDS = ("troops", "air_power", "naval", "air_defence", "isr", "logistics", "monitoring", "training",
                    "weapons", "money", "security_guarantee", "none", "counter_drone", "electronic_warfare")
STATEMENT_STATUSES = ("candidate", "accepted", "rejected", "withdrawn")
PLEDGE_STAGES = ("announced", "committed", "allocated", "deployed")  # the lifecycle, in order
PLEDGE_STATUSES = (*PLEDGE_STAGES, "withdrawn")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,199}$")
_URL = re.compile(r"^https?://[^\s/]+\S*$")


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _blank(v: Any) -> Any:
    if isinstance(v, str) and v.strip() == "":
        return None
    return v


def _split(v: Any) -> Any:
    if v is None:
        return ()
    if isinstance(v, str):
        return tuple(p.strip() for p in v.split(";") if p.strip())
    return v


def _date(v: Any) -> Any:
    v = _blank(v)
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            raise ValueError(f"expected a date YYYY-MM-DD, got {v.strip()!r}") from None
    if isinstance(v, dt.datetime):
        return v.date()
    return v


def _not_future(d: dt.date | None) -> dt.date | None:
    if d is not None and d > today():
        raise ValueError(f"date {d.isoformat()} is in the future (today is {today().isoformat()})")
    return d


def _quantity(v: Any) -> Any:
    v = _blank(v)
    if isinstance(v, bool):  # JSON true is not 1 troop
        raise ValueError(f"expected a number, got {v!r}")
    if isinstance(v, str):
        try:
            v = float(v.replace(",", ""))
        except ValueError:
            raise ValueError(f"expected a number, got {v!r}") from None
    if isinstance(v, float) and not math.isfinite(v):
        raise ValueError("quantity must be a finite number")
    return v


Day = Annotated[dt.date, BeforeValidator(_date)]
OptDay = Annotated[dt.date | None, BeforeValidator(_date)]
Quantity = Annotated[Annotated[float, Field(ge=0)] | None, BeforeValidator(_quantity)]
OptCapability = Annotated[Capability | None, BeforeValidator(_blank)]
Conditions = Annotated[tuple[Condition, ...], BeforeValidator(_split)]
OptId = Annotated[str | None, BeforeValidator(_blank)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _actor(v: str) -> str:
    from ceasefire import reference

    code = v.strip().upper()
    if not reference.is_actor_code(code):
        raise ValueError(f"unknown actor code {v!r}: expected an ISO 3166 alpha-3 country code or EU/NATO/UN/OSCE")
    return code


class SourceIn(_In):
    url: str
    title: str = ""
    publisher: str = ""
    published: OptDay = None
    content_hash: Annotated[str | None, BeforeValidator(_blank)] = None

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not _URL.match(v):
            raise ValueError(f"expected an http(s) URL, got {v!r}")
        return v

    @field_validator("published")
    @classmethod
    def _published(cls, v: dt.date | None) -> dt.date | None:
        return _not_future(v)


class StatementIn(_In):
    """One statement as a person or the extractor records it; the columns of ``statements.csv``."""

    id: OptId = None
    actor: str
    speaker: str = ""
    date: Day
    stance: Stance
    commitments: Annotated[tuple[str, ...], BeforeValidator(_split)] = ()
    capability: OptCapability = None
    quantity: Quantity = None
    unit: str = ""
    conditions: Conditions = ()
    quote: Annotated[str, Field(min_length=1)]
    quote_kind: Annotated[Literal["verbatim", "paraphrase"], BeforeValidator(lambda v: _blank(v) or "verbatim")] = (
        "verbatim")
    source_url: str
    source_title: str = ""
    publisher: str = ""
    published: OptDay = None
    content_hash: Annotated[str | None, BeforeValidator(_blank)] = None
    notes: str = ""

    _actor = field_validator("actor")(classmethod(lambda cls, v: _actor(v)))

    @field_validator("id")
    @classmethod
    def _id(cls, v: str | None) -> str | None:
        if v is not None and not _ID.match(v):
            raise ValueError(f"ids are lower-case letters, digits, '.', '_' and '-', got {v!r}")
        return v

    @field_validator("date", "published")
    @classmethod
    def _past(cls, v: dt.date | None) -> dt.date | None:
        return _not_future(v)

    @field_validator("commitments")
    @classmethod
    def _kinds(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for k in v:
            if k not in COMMITMENT_KINDS:
                raise ValueError(f"unknown commitment kind {k!r}; expected some of {', '.join(COMMITMENT_KINDS)}")
        return v

    @field_validator("source_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not _URL.match(v):
            raise ValueError(f"expected an http(s) URL, got {v!r}")
        return v

    def source(self) -> SourceIn:
        return SourceIn(url=self.source_url, title=self.source_title, publisher=self.publisher,
                        published=self.published, content_hash=self.content_hash)


class PledgeIn(_In):
    """One pledge at one stage; the columns of ``pledges.csv`` (source defaults to its statement's)."""

    id: OptId = None
    provider: str
    capability: Capability
    quantity: Quantity = None
    unit: str = ""
    conditions: Conditions = ()
    status: Annotated[Literal["announced", "committed", "allocated", "deployed", "withdrawn"],
                      BeforeValidator(lambda v: _blank(v) or "announced")] = "announced"
    date: Day
    statement_id: OptId = None
    source_url: Annotated[str | None, BeforeValidator(_blank)] = None
    notes: str = ""

    _provider = field_validator("provider")(classmethod(lambda cls, v: _actor(v)))
    _id = StatementIn._id
    _past = field_validator("date")(classmethod(lambda cls, v: _not_future(v)))

    @field_validator("source_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v is not None and not _URL.match(v):
            raise ValueError(f"expected an http(s) URL, got {v!r}")
        return v


M = TypeVar("M", bound=BaseModel)


class InvalidRecord(LedgerError):
    """A row or an edit that fails validation: bad input (the API answers 422), not a refusal by the ledger."""


def check(model: type[M], data: dict[str, Any], *, source: str | None = None,
                        line: int | None = None) -> M:
    """Validate ``data`` or raise a one-line ``LedgerError`` naming source, line and the first bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) if err["loc"] else None
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown field (expected some of: {', '.join(model.model_fields)})"
        elif err["type"] == "missing":
            msg = "required value is missing"
        elif err["type"] == "enum":
            msg = f"{msg} (got {err.get('input')!r})"
        raise InvalidRecord(msg, source=source, line=line, field=field) from None


class Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class SourceRecord(Record):
    id: str
    url: str
    title: str
    publisher: str
    published: dt.date | None
    content_hash: str | None
    recorded_at: dt.datetime
    recorded_by: str


class StatementRecord(Record):
    """A statement as it stands (its latest version, or the latest on or before an ``as_of`` day)."""

    id: str
    version: int
    status: str
    actor: str
    speaker: str
    date: dt.date
    stance: str
    commitments: list[str]
    capability: str | None
    quantity: float | None
    unit: str
    conditions: list[str]
    quote: str
    quote_kind: str
    source_id: str
    source_url: str
    source_title: str
    publisher: str
    published: dt.date | None
    notes: str
    extraction: dict[str, Any] | None
    recorded_at: dt.datetime
    recorded_by: str


class PledgeRecord(Record):
    """A pledge at its current stage; ``stages`` gives the date each stage was reached."""

    id: str
    version: int
    provider: str
    capability: str
    quantity: float | None
    unit: str
    conditions: list[str]
    status: str
    date: dt.date
    statement_id: str | None
    source_id: str | None
    notes: str
    stages: dict[str, dt.date] = {}
    recorded_at: dt.datetime
    recorded_by: str

    @property
    def active(self) -> bool:
        return self.status != "withdrawn"


class PledgeRow(NamedTuple):
    """A pledge at its stage on a day, without its stage dates: the light form the gap aggregates by thousands."""

    id: str
    provider: str
    capability: str
    quantity: float | None
    unit: str
    conditions: tuple[str, ...]
    status: str
    date: dt.date
    source_id: str | None


PLEDGE_ROW_COLUMNS = ("pledge_id", "provider", "capability", "quantity", "unit", "conditions", "status", "date",
                      "source_id")


def pledge_row(t: Sequence[Any]) -> PledgeRow:
    """From a tuple in ``PLEDGE_ROW_COLUMNS`` order."""
    return PledgeRow(t[0], t[1], t[2], t[3], t[4], tuple(filter(None, (t[5] or "").split(";"))), t[6],
                     _as_date(t[7]), t[8])


class Version(Record):
    """One appended change: who, when, why, and the record's fields after it."""

    id: str
    kind: Literal["statement", "pledge"]
    version: int
    seq: int
    action: str
    why: str
    recorded_at: dt.datetime
    recorded_by: str
    fields: dict[str, Any]


# --- rows to records (shared by the store and the light SQLite reader) ----------------------------------

def _split(v: str | None) -> list[str]:
    return [p for p in (v or "").split(";") if p]


def as_of_day(as_of: dt.date | str | None) -> dt.date:
    """The day to read the ledger at: ``None`` is today; a string must be YYYY-MM-DD."""
    if as_of is None:
        return today()
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(as_of.strip())
    except ValueError:
        raise LedgerError(f"expected a date YYYY-MM-DD, got {as_of!r}", field="as_of") from None


def _as_date(v: Any) -> dt.date:
    return dt.date.fromisoformat(v) if isinstance(v, str) else v


def _as_datetime(v: Any) -> dt.datetime:
    if isinstance(v, str):
        v = dt.datetime.fromisoformat(v)
    return v if v.tzinfo else v.replace(tzinfo=dt.UTC)


def _statement_record(r: Mapping[str, Any]) -> StatementRecord:
    return StatementRecord(
        id=r["statement_id"], version=r["version"], status=r["status"], actor=r["actor"], speaker=r["speaker"],
        date=_as_date(r["date"]), stance=r["stance"], commitments=_split(r["commitments"]),
        capability=r["capability"], quantity=r["quantity"], unit=r["unit"], conditions=_split(r["conditions"]),
        quote=r["quote"], quote_kind=r["quote_kind"], source_id=r["source_id"], source_url=r["source_url"],
        source_title=r["source_title"], publisher=r["publisher"],
        published=_as_date(r["published"]) if r["published"] else None, notes=r["notes"],
        extraction=json.loads(r["extraction"]) if r["extraction"] else None,
        recorded_at=_as_datetime(r["recorded_at"]), recorded_by=r["recorded_by"])


def _pledge_record(r: Mapping[str, Any], stages: dict[str, dt.date]) -> PledgeRecord:
    # model_construct: these rows were validated on the way in, and the gap reads tens of thousands of them
    return PledgeRecord.model_construct(
        id=r["pledge_id"], version=r["version"], provider=r["provider"], capability=r["capability"],
        quantity=r["quantity"], unit=r["unit"], conditions=_split(r["conditions"]), status=r["status"],
        date=_as_date(r["date"]), statement_id=r["statement_id"], source_id=r["source_id"], notes=r["notes"],
        stages=stages, recorded_at=_as_datetime(r["recorded_at"]), recorded_by=r["recorded_by"])


