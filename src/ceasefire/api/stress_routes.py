"""Stress runs as background jobs: start one, watch its progress under ``/api/jobs/{id}``, cancel it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from ceasefire.api.errors import ErrorBody
from ceasefire.api.jobs import Job, Progress
from ceasefire.api.security import WRITE, WRITE_RESPONSES

router = APIRouter(prefix="/api")


class StressRequest(BaseModel):
    scenario: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")] = "ukraine-2025"
    runs: Annotated[int, Field(ge=1, le=100_000, description="Monte Carlo replications.")] = 2000
    days: Annotated[int | None, Field(ge=1, le=3650, description="Days simulated (default: the scenario's).")] = None
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)] = 1


@router.post("/jobs/stress", response_model=Job, status_code=202, dependencies=WRITE,
             responses={**WRITE_RESPONSES, 404: {"model": ErrorBody}}, tags=["jobs"])
def start_stress(request: Request, body: StressRequest) -> Job:
    """Start a stress run; poll ``GET /api/jobs/{id}`` for progress and the ``StressResult``."""
    ws = request.app.state.workspace
    scenario = ws.scenario(body.scenario)  # 404 now rather than a failed job later

    def work(progress: Progress) -> dict[str, Any]:
        from ceasefire import stress

        result = stress.run(scenario, runs=body.runs, days=body.days, seed=body.seed,
                            progress=lambda done, total: progress(done / total, f"{done:,} of {total:,} runs"),
                            cancel=lambda: progress.cancelled)
        return result.model_dump(mode="json")

    return ws.jobs.submit("stress", work, body.model_dump())


class SweepRequest(BaseModel):
    scenario: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")] = "ukraine-2025"
    method: Literal["morris", "sobol"] = "morris"
    samples: Annotated[int, Field(ge=2, le=512, description="Trajectories (Morris) or base samples (Sobol).")] = 4
    runs: Annotated[int, Field(ge=1, le=1000, description="Replications per point.")] = 4
    days: Annotated[int, Field(ge=1, le=3650)] = 30
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)] = 1


@router.post("/jobs/sweep", response_model=Job, status_code=202, dependencies=WRITE,
             responses={**WRITE_RESPONSES, 404: {"model": ErrorBody}}, tags=["jobs"])
def start_sweep(request: Request, body: SweepRequest) -> Job:
    """Start a sensitivity sweep (SALib) over the stress model's uncertain parameters: what drives the risk."""
    ws = request.app.state.workspace
    scenario = ws.scenario(body.scenario)

    def work(progress: Progress) -> dict[str, Any]:
        from ceasefire.stress.sensitivity import sweep

        return sweep(scenario, method=body.method, samples=body.samples, runs=body.runs, days=body.days,
                     seed=body.seed, progress=lambda done, total: progress(done / total, f"{done:,} of {total:,}"),
                     cancel=lambda: progress.cancelled)

    return ws.jobs.submit("sweep", work, body.model_dump())
