"""``ceasefire serve``: the REST API and the dashboard in one process."""

from __future__ import annotations

from typing import Annotated

import typer

from ceasefire.cli import app
from ceasefire.cli.output import console


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback by default: keep it private).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port (0: any free port).")] = 8000,
    db: Annotated[str | None, typer.Option(help="Ledger SQLAlchemy URL (default: $CEASEFIRE_DB, then the user "
                                           "data directory).")] = None,
    max_body: Annotated[int, typer.Option(min=1024, help="Largest request body accepted, in bytes.")] = 1_000_000,
    cache: Annotated[bool, typer.Option(help="Cache assessments and ledger reads (--no-cache: recompute every "
                                        "request, the benchmark's reference).")] = True,
) -> None:
    """Serve the API (OpenAPI at /api/docs) and the dashboard at /. Writes need $CEASEFIRE_API_TOKEN."""
    import uvicorn

    from ceasefire.api import Settings, create_app

    settings = Settings.from_env(ledger_url=db, max_body_bytes=max_body, cache_entries=None if cache else 0)
    if not settings.token:
        console.print("CEASEFIRE_API_TOKEN is not set: the API is read-only.", style="yellow")
    api = create_app(settings)
    console.print(f"dashboard on http://{host}:{port}/  (API docs at /api/docs)", style="bold")
    uvicorn.run(api, host=host, port=port, log_level="warning", access_log=False)
