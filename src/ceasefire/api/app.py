"""The FastAPI application: the API under ``/api``, the dashboard at ``/`` and its static files.

``create_app()`` builds an independent app (its own workspace, cache, jobs and ledger), so tests can run
several servers side by side.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from ceasefire import __version__
from ceasefire.api import errors
from ceasefire.api.limits import BodyLimit
from ceasefire.api.workspace import Settings, Workspace
from ceasefire.assess import Assessment
from ceasefire.domain import Scenario
from ceasefire.report.content import assessment_as_of

DESCRIPTION = """Size, track, gap-check and stress-test a force that guarantees a ceasefire.

Reads are open. Every write needs `Authorization: Bearer <CEASEFIRE_API_TOKEN>`; a server started without a
token refuses writes. Errors are JSON (`ErrorBody`) with a 4xx status and the offending `field`."""


def create_app(settings: Settings | None = None, *,
               compute: Callable[[Scenario, dt.date | None], Assessment] | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    ws = Workspace(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        ws.jobs.shutdown()
        app.state.ledger.close()

    app = FastAPI(title="ceasefire", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.workspace = ws
    app.state.ledger = _open_ledger(settings)
    app.state.compute = compute or (lambda scenario, as_of: assessment_as_of(scenario, as_of, app.state.ledger))
    errors.install(app)

    from ceasefire.api import ledger_routes, routes, stress_routes

    app.include_router(routes.router)
    app.include_router(ledger_routes.router)
    app.include_router(stress_routes.router)
    _dashboard(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _open_ledger(settings: Settings) -> Any:
    """Open the ledger; an empty one gets the bundled starting ledger so the dashboard has data at once."""
    from ceasefire.ledger import open_ledger
    from ceasefire.ledger.io import load_seed

    led = open_ledger(settings.ledger_url)
    if settings.seed_empty_ledger and led.is_empty():
        load_seed(led)
    return led


def _openapi(app: FastAPI) -> dict[str, Any]:
    # FastAPI documents 422 as its own HTTPValidationError; ours is an ErrorBody naming the field. Say so, so
    # that the schema matches what clients get.
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    comps = schema.setdefault("components", {}).setdefault("schemas", {})
    comps["ErrorBody"] = errors.ErrorBody.model_json_schema()
    ref = {"description": "Invalid input; `field` names it.",
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
    for path in schema.get("paths", {}).values():
        for op in path.values():
            responses = op.get("responses", {})
            if "422" in responses or op.get("parameters") or op.get("requestBody"):
                responses["422"] = ref
                responses["400"] = {**ref, "description": "A request the library refuses, or a body that is not JSON."}
            if op.get("requestBody"):
                responses["413"] = {**ref, "description": "Request body over the server's limit."}
    for name in ("HTTPValidationError", "ValidationError"):
        comps.pop(name, None)
    app.openapi_schema = schema
    return schema


# dashboard -----------------------------------------------------------------------------------------------------
@cache
def _templates() -> Environment:
    return Environment(loader=PackageLoader("ceasefire.api", "templates"), autoescape=select_autoescape())


@cache
def plotly_js() -> tuple[bytes, bytes]:
    """plotly.js as shipped inside the ``plotly`` package (no CDN), plain and gzipped once."""
    import plotly

    data = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    return data, gzip.compress(data, 6)


def _dashboard(app: FastAPI) -> None:
    static = resources.files("ceasefire.api") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        ws: Workspace = request.app.state.workspace
        html = _templates().get_template("index.html").render(version=__version__,
                                                               writes=bool(ws.settings.token))
        return HTMLResponse(html)

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_bundle(request: Request) -> Response:
        plain, packed = plotly_js()
        headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(packed, media_type="text/javascript", headers={**headers, "Content-Encoding": "gzip"})
        return Response(plain, media_type="text/javascript", headers=headers)
