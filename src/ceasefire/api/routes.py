"""Endpoints over main's library: health, scenarios, assessment, reference data, provenance, reports, jobs."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, create_model

from ceasefire import reference
from ceasefire.api.errors import ErrorBody
from ceasefire.api.jobs import Job
from ceasefire.api.security import WRITE, WRITE_RESPONSES
from ceasefire.api.workspace import Workspace
from ceasefire.assess import Assessment
from ceasefire.domain import Scenario, Source

router = APIRouter(prefix="/api")
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such thing."}}

ScenarioId = Annotated[str, Query(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", max_length=64,
                                  description="A bundled scenario name or one uploaded to this server.")]
AsOf = Annotated[dt.date | None, Query(description="Use the ledger as it stood on this date (YYYY-MM-DD).")]


def workspace(request: Request) -> Workspace:
    return request.app.state.workspace


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    writes_enabled: bool
    scenarios: int
    cache_hits: int
    cache_misses: int
    ledger: bool


@router.get("/health", response_model=Health, tags=["meta"])
async def health(request: Request) -> Health:
    from ceasefire import __version__

    ws = workspace(request)
    return Health(status="ok", version=__version__, writes_enabled=bool(ws.settings.token),
                  scenarios=len(ws.scenario_ids()), cache_hits=ws.hits, cache_misses=ws.misses,
                  ledger=request.app.state.ledger is not None)


# scenarios -----------------------------------------------------------------------------------------------------
class ScenarioInfo(BaseModel):
    id: str
    name: str
    description: str
    bundled: bool
    theatre: str
    mandate: str
    sectors: int
    as_of: dt.date | None


class ScenarioUpload(BaseModel):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", description="Name to assess it under.")]
    yaml: Annotated[str, Field(min_length=1, max_length=500_000, description="The scenario file's text.")]


def _info(ws: Workspace, sid: str, s: Scenario) -> ScenarioInfo:
    return ScenarioInfo(id=sid, name=s.name, description=s.description.strip(), bundled=sid not in ws.uploaded,
                        theatre=s.theatre.name, mandate=str(s.mandate.kind), sectors=len(s.theatre.sectors),
                        as_of=s.as_of)


@router.get("/scenarios", response_model=list[ScenarioInfo], tags=["scenarios"])
def list_scenarios(request: Request) -> list[ScenarioInfo]:
    ws = workspace(request)
    return [_info(ws, sid, ws.scenario(sid)) for sid in ws.scenario_ids()]


@router.get("/scenarios/{scenario_id}", response_model=Scenario, responses=NOT_FOUND, tags=["scenarios"])
def get_scenario(request: Request, scenario_id: Annotated[str, Path(max_length=64)]) -> Scenario:
    return workspace(request).scenario(scenario_id)


@router.post("/scenarios", response_model=ScenarioInfo, status_code=201, dependencies=WRITE,
             responses={**WRITE_RESPONSES, 422: {"model": ErrorBody}}, tags=["scenarios"])
def upload_scenario(request: Request, body: ScenarioUpload) -> ScenarioInfo:
    """Validate a scenario YAML and keep it (in this server's memory) under ``id``."""
    ws = workspace(request)
    return _info(ws, body.id, ws.upload(body.id, body.yaml))


@router.delete("/scenarios/{scenario_id}", status_code=204, dependencies=WRITE,
               responses={**WRITE_RESPONSES, **NOT_FOUND}, tags=["scenarios"])
def delete_scenario(request: Request, scenario_id: Annotated[str, Path(max_length=64)]) -> Response:
    workspace(request).delete(scenario_id)
    return Response(status_code=204)


# assessment ----------------------------------------------------------------------------------------------------
async def cached_assessment(request: Request, scenario: str, as_of: dt.date | None) -> Any:
    ws = workspace(request)
    entry = ws.cached(scenario, as_of)
    if entry is None:  # compute off the event loop: sizing draws tens of thousands of samples
        entry = await run_in_threadpool(ws.assessment, scenario, as_of, request.app.state.compute)
    return entry


@router.get("/assessment", response_model=Assessment, responses=NOT_FOUND, tags=["assessment"])
async def get_assessment(request: Request, scenario: ScenarioId = "ukraine-2025", as_of: AsOf = None) -> Response:
    """Size the force for a scenario with every method; the coalition section reflects the ledger on ``as_of``."""
    entry = await cached_assessment(request, scenario, as_of)
    return Response(entry.body, media_type="application/json")


class Provenance(BaseModel):
    """One figure and where it comes from."""

    section: str
    item: str
    value: str
    sources: list[Source]


@router.get("/provenance", response_model=list[Provenance], responses=NOT_FOUND, tags=["assessment"])
async def provenance(request: Request, scenario: ScenarioId = "ukraine-2025", as_of: AsOf = None) -> list[Provenance]:
    """Every figure of the assessment with its sources: what the Methods page and the report list."""
    from ceasefire.report.content import provenance_rows

    entry = await cached_assessment(request, scenario, as_of)
    return [Provenance(**row) for row in provenance_rows(entry.assessment)]


ReportFormat = Literal["html", "md", "pdf"]
MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}


@router.get("/report", responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA.values()},
                                        "description": "The report file."}, **NOT_FOUND},
            response_class=Response, tags=["assessment"])
async def report(request: Request, scenario: ScenarioId = "ukraine-2025", as_of: AsOf = None,
                 format: Annotated[ReportFormat, Query(description="html, md or pdf")] = "html") -> Response:
    """The shareable report (charts, methods and every source) as a downloadable file."""
    from ceasefire.report import build

    entry = await cached_assessment(request, scenario, as_of)
    # A PDF takes seconds of CPU: keep each report with the cached reads, so repeated downloads are free.
    # keyed like a query (``?scenario=``) so that replacing an uploaded scenario drops its reports too
    key = f"report?scenario={scenario}&as_of={as_of or ''}&format={format}"
    ws = workspace(request)
    data = ws.cached_response(key) or await run_in_threadpool(
        ws.response, key, lambda: build(entry.assessment, format, as_of))
    name = f"ceasefire-{scenario}{'-' + as_of.isoformat() if as_of else ''}.{format}"
    return Response(data, media_type=MEDIA[format], headers={"Content-Disposition": f'attachment; filename="{name}"'})


# reference data ------------------------------------------------------------------------------------------------
# A mission row with its derived troop densities as plain fields (on ``Mission`` they are properties).
MissionRow = create_model(
    "MissionRow", **{name: (f.annotation, f) for name, f in reference.Mission.model_fields.items()},
    per_1000_inhabitants=(float | None, None), per_km2=(float | None, None), per_km_line=(float | None, None))


def _missions() -> list[Any]:
    return [MissionRow(**m.model_dump(), per_1000_inhabitants=m.per_1000_inhabitants, per_km2=m.per_km2,
                       per_km_line=m.per_km_line) for m in reference.missions().values()]


@router.get("/reference/missions", response_model=list[MissionRow], tags=["reference"])
def reference_missions() -> list[Any]:
    """Historical missions with their troop densities (per 1,000 inhabitants, per km², per km of line)."""
    return _missions()


@router.get("/reference/nations", response_model=list[reference.Nation], tags=["reference"])
def reference_nations() -> list[reference.Nation]:
    return list(reference.nations().values())


@router.get("/reference/theatres", response_model=list[reference.TheatreRow], tags=["reference"])
def reference_theatres() -> list[reference.TheatreRow]:
    return list(reference.theatres().values())


@router.get("/reference/estimates", response_model=list[reference.Estimate], tags=["reference"])
def reference_estimates() -> list[reference.Estimate]:
    return list(reference.estimates().values())


@router.get("/reference/parameters", response_model=list[reference.Parameter], tags=["reference"])
def reference_parameters() -> list[reference.Parameter]:
    return list(reference.parameters().values())


# jobs ----------------------------------------------------------------------------------------------------------
JobId = Annotated[str, Path(max_length=64)]


@router.get("/jobs", response_model=list[Job], tags=["jobs"])
def list_jobs(request: Request) -> list[Job]:
    return workspace(request).jobs.list()


@router.get("/jobs/{job_id}", response_model=Job, responses=NOT_FOUND, tags=["jobs"])
def get_job(request: Request, job_id: JobId) -> Job:
    return workspace(request).jobs.get(job_id)


@router.delete("/jobs/{job_id}", response_model=Job, dependencies=WRITE,
               responses={**WRITE_RESPONSES, **NOT_FOUND,
                          409: {"model": ErrorBody, "description": "The job has already finished."}}, tags=["jobs"])
def cancel_job(request: Request, job_id: JobId) -> Job:
    """Ask a queued or running job to stop; it stops at its next progress report."""
    return workspace(request).jobs.cancel(job_id)
