"""Ledger endpoints: statements and pledges as they stood on a day, the coalition by stance, review, history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, TypeAdapter

from ceasefire.api.errors import ErrorBody
from ceasefire.api.security import WRITE, WRITE_RESPONSES
from ceasefire.coalition import Gap, Plan, offers
from ceasefire.ledger.records import PledgeIn, PledgeRecord, StatementIn, StatementRecord, Version, today

router = APIRouter(prefix="/api")
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such record."}}
REFUSED: dict[int | str, dict[str, Any]] = {409: {"model": ErrorBody, "description": "Refused; nothing written."}}
AsOf = Annotated[dt.date | None, Query(description="The ledger as it stood on this day (default: today).")]
RecordId = Annotated[str, Path(max_length=200)]
Actor = Annotated[str | None, Query(max_length=8, pattern=r"^[A-Za-z]{2,8}$")]


def ledger(request: Request) -> Any:
    return request.app.state.ledger


async def cached_json(request: Request, compute: Callable[[], Any], model: Any) -> Response:
    """Serve a ledger read from the workspace cache (keyed by path, query and ledger revision) as JSON bytes.

    The dashboard and scripts ask for the same day again and again; answering from memory keeps the loop free.
    """
    ws = request.app.state.workspace
    key = f"{request.url.path}?{request.url.query}"
    body = ws.cached_response(key)
    if body is None:
        adapter = TypeAdapter(model)
        body = await run_in_threadpool(ws.response, key, lambda: adapter.dump_json(compute()))
    return Response(body, media_type="application/json")


def _written(request: Request) -> None:
    request.app.state.workspace.changed()


@router.get("/ledger/statements", response_model=list[StatementRecord], tags=["ledger"])
async def statements(request: Request, as_of: AsOf = None,
                     status: Literal["accepted", "candidate", "rejected", "withdrawn", "all"] = "accepted",
                     actor: Actor = None, limit: Annotated[int | None, Query(ge=1, le=10_000)] = None) -> Response:
    """Statements made on or before ``as_of``, at their latest version, oldest first."""
    return await cached_json(request, lambda: ledger(request).statements(
        as_of=as_of, status=None if status == "all" else status, actor=actor, limit=limit), list[StatementRecord])


@router.get("/ledger/pledges", response_model=list[PledgeRecord], tags=["ledger"])
async def pledges(request: Request, as_of: AsOf = None, include_withdrawn: bool = False,
                  provider: Actor = None) -> Response:
    """Pledges at the stage they had reached on ``as_of``."""
    return await cached_json(request, lambda: ledger(request).pledges(
        as_of=as_of, include_withdrawn=include_withdrawn, provider=provider), list[PledgeRecord])


@router.get("/ledger/history/{record_id}", response_model=list[Version], responses=NOT_FOUND, tags=["ledger"])
def history(request: Request, record_id: RecordId) -> list[Version]:
    """Every version of a statement or pledge, oldest first: who changed what, when and why."""
    return ledger(request).history(record_id)


class NationEntry(BaseModel):
    """A nation's position on a day: its latest stance with the quote and source, and its pledges."""

    actor: str
    stance: str
    date: dt.date
    speaker: str
    quote: str
    source_url: str
    source_title: str
    publisher: str
    statements: int
    pledges: int
    firm_troops: float
    conditional_troops: float
    conditions: list[str]


class Coalition(BaseModel):
    as_of: dt.date
    first: dt.date | None = Field(description="Date of the earliest accepted statement (for a date slider).")
    last: dt.date | None
    nations: list[NationEntry]
    stances: dict[str, int]


@router.get("/ledger/coalition", response_model=Coalition, tags=["ledger"])
async def coalition(request: Request, as_of: AsOf = None) -> Response:
    """Nations by their latest stance on ``as_of``, with pledged troops (firm and conditional apart)."""
    return await cached_json(request, lambda: _coalition(ledger(request), as_of), Coalition)


def _coalition(led: Any, as_of: dt.date | None) -> Coalition:
    day = as_of or today()  # the ledger's today (UTC), as every other read defaults to, not the server's local day
    every = led.statements(as_of=None)
    said = [s for s in every if s.date <= day]
    latest: dict[str, StatementRecord] = {}
    counts: dict[str, int] = {}
    for s in said:  # oldest first, so the last one seen is the latest
        latest[s.actor] = s
        counts[s.actor] = counts.get(s.actor, 0) + 1
    by_provider: dict[str, list[PledgeRecord]] = {}
    for p in led.pledges(as_of=day):
        by_provider.setdefault(p.provider, []).append(p)
    nations = []
    for actor, s in sorted(latest.items()):
        ps = by_provider.get(actor, [])
        # As the gap counts them: a provider's manoeuvre pledges are one offer restated over time (merged, not
        # added), firm by its furthest stage and latest conditions, and only quantities in troops count.
        troops = offers([p for p in ps if p.capability == "manoeuvre"], {}, {"manoeuvre": 1.0}, {})
        nations.append(NationEntry(
            actor=actor, stance=s.stance, date=s.date, speaker=s.speaker, quote=s.quote, source_url=s.source_url,
            source_title=s.source_title, publisher=s.publisher, statements=counts[actor], pledges=len(ps),
            firm_troops=sum(o.quantity or 0 for o in troops if o.firm),
            conditional_troops=sum(o.quantity or 0 for o in troops if not o.firm),
            conditions=sorted({c for x in ps for c in x.conditions} | set(s.conditions))))
    stances: dict[str, int] = {}
    for n in nations:
        stances[n.stance] = stances.get(n.stance, 0) + 1
    return Coalition(as_of=day, first=every[0].date if every else None, last=every[-1].date if every else None,
                     nations=nations, stances=stances)


class Added(BaseModel):
    id: str


@router.post("/ledger/statements", response_model=Added, status_code=201, dependencies=WRITE,
             responses={**WRITE_RESPONSES, **REFUSED}, tags=["ledger"])
async def add_statement(request: Request, body: StatementIn,
                        status: Literal["candidate", "accepted"] = "candidate",
                        by: Annotated[str, Query(min_length=1, max_length=80)] = "api") -> Added:
    """Record a statement; a ``candidate`` waits in the review queue, an ``accepted`` one counts at once."""
    data = body.model_dump(exclude_none=True)
    sid = await run_in_threadpool(lambda: ledger(request).add_statement(**data, status=status, by=by))
    _written(request)
    return Added(id=sid)


@router.post("/ledger/pledges", response_model=Added, status_code=201, dependencies=WRITE,
             responses={**WRITE_RESPONSES, **REFUSED, **NOT_FOUND}, tags=["ledger"])
async def add_pledge(request: Request, body: PledgeIn,
                     by: Annotated[str, Query(min_length=1, max_length=80)] = "api") -> Added:
    """Record a pledge by hand; it needs a ``statement_id`` or a ``source_url`` as evidence."""
    data = body.model_dump(exclude_none=True)
    pid = await run_in_threadpool(lambda: ledger(request).add_pledge(**data, by=by))
    _written(request)
    return Added(id=pid)


# review ------------------------------------------------------------------------------------------------------
class Review(BaseModel):
    by: Annotated[str, Field(min_length=1, max_length=80, description="Who reviewed it.")] = "reviewer"
    why: Annotated[str, Field(max_length=2000)] = ""
    edits: dict[Literal["stance", "capability", "quantity", "unit", "conditions", "actor", "speaker", "date",
                        "commitments", "notes"], Any] = Field(default_factory=dict,
                                                               description="Corrections to the extracted fields.")


@router.get("/review/candidates", response_model=list[StatementRecord], tags=["review"])
def candidates(request: Request, limit: Annotated[int | None, Query(ge=1, le=10_000)] = None) -> list[StatementRecord]:
    """Statements the extractor proposed that nobody has reviewed yet."""
    return ledger(request).candidates(limit=limit)


@router.post("/review/{statement_id}/accept", response_model=StatementRecord, dependencies=WRITE,
             responses={**WRITE_RESPONSES, **NOT_FOUND, **REFUSED}, tags=["review"])
async def accept(request: Request, statement_id: RecordId, body: Review) -> StatementRecord:
    """Accept a candidate, optionally with corrections; it then counts (and yields a pledge if it pledges)."""
    rec = await run_in_threadpool(lambda: ledger(request).accept(statement_id, by=body.by, edits=body.edits or None,
                                                                 why=body.why))
    _written(request)
    return rec


@router.post("/review/{statement_id}/reject", response_model=StatementRecord, dependencies=WRITE,
             responses={**WRITE_RESPONSES, **NOT_FOUND, **REFUSED}, tags=["review"])
async def reject(request: Request, statement_id: RecordId, body: Review) -> StatementRecord:
    """Reject a candidate (``why`` is required); it stays in the ledger's history but never counts."""
    rec = await run_in_threadpool(lambda: ledger(request).reject(statement_id, by=body.by, why=body.why))
    _written(request)
    return rec


# gap and plan --------------------------------------------------------------------------------------------------
ScenarioId = Annotated[str, Query(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", max_length=64)]
Level = Annotated[Literal["p10", "median", "p90"], Query(description="Which percentile of the requirement to meet.")]


@router.get("/gap", response_model=Gap, responses=NOT_FOUND, tags=["coalition"])
async def get_gap(request: Request, scenario: ScenarioId = "ukraine-2025", as_of: AsOf = None,
                  level: Level = "median") -> Response:
    """The requirement against the ledger's pledges on ``as_of`` (default: the scenario's date), per capability."""
    from ceasefire.coalition import gap

    ws = request.app.state.workspace  # the scenario is loaded (30 ms of YAML) on a miss only, off the event loop
    return await cached_json(request, lambda: gap(ws.scenario(scenario), ledger(request), as_of, level=level), Gap)


@router.get("/plan", response_model=Plan, responses=NOT_FOUND, tags=["coalition"])
async def get_plan(request: Request, scenario: ScenarioId = "ukraine-2025", as_of: AsOf = None,
                   level: Level = "median", pledging_only: bool = False) -> Response:
    """Contributions that close every gap within each nation's capacity (mixed-integer programme), or why not."""
    from ceasefire.coalition import plan

    ws = request.app.state.workspace
    return await cached_json(request, lambda: plan(ws.scenario(scenario), ledger(request), as_of, level=level,
                                                   pledging_only=pledging_only), Plan)


# ingest ------------------------------------------------------------------------------------------------------
class Article(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=200, description="File name; its suffix (.html, .xml, "
                                                                          ".txt) helps tell the format.")]
    content: Annotated[str, Field(min_length=1, max_length=900_000, description="Text, HTML or an RSS/Atom feed.")]
    source_url: Annotated[str | None, Field(max_length=2000, pattern=r"^https?://\S+$")] = None
    published: dt.date | None = None


class IngestedDocument(BaseModel):
    name: str
    source_id: str
    content_hash: str
    duplicate: bool
    candidates: list[str]


class IngestReport(BaseModel):
    documents: list[IngestedDocument]
    errors: list[dict[str, Any]]
    added_candidates: int


@router.post("/ingest", response_model=IngestReport, status_code=201, dependencies=WRITE,
             responses={**WRITE_RESPONSES, 422: {"model": ErrorBody}}, tags=["review"])
async def ingest(request: Request, body: Article) -> IngestReport:
    """Read an article (or a feed), extract candidate statements and put them in the review queue."""
    from ceasefire.extract.review import ingest_upload

    report = await run_in_threadpool(lambda: ingest_upload(body.name, body.content.encode(), ledger=ledger(request),
                                                           source_url=body.source_url, published=body.published,
                                                           by="api"))
    if report.errors and not report.stored:
        raise report.errors[0]
    _written(request)
    return IngestReport(**report.as_dict())
