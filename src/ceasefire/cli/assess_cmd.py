"""``ceasefire assess``: the main job."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ceasefire.cli import app
from ceasefire.cli.output import console, write_out


class Format(StrEnum):
    table = "table"
    markdown = "markdown"
    html = "html"


@app.command()
def assess(
    scenario: Annotated[str | None, typer.Argument(help="Scenario YAML file or bundled name "
                                                    "(default: ukraine-2025).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Machine-readable output (stable keys).")] = False,
    format_: Annotated[Format, typer.Option("--format", help="Human output format.")] = Format.table,
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of the terminal.")] = None,
) -> None:
    """Size the force for a scenario with every method, and say how far the coalition could sustain it."""
    from ceasefire import render
    from ceasefire.assess import assess as run_assess
    from ceasefire.scenario import load

    result = run_assess(load(scenario))
    if json_:
        write_out(result.to_json(), out)
    elif format_ is Format.markdown:
        write_out(render.markdown(result), out)
    elif format_ is Format.html:
        write_out(render.html(result), out)
    elif out is not None:
        write_out(render.markdown(result), out)
    else:
        render.terminal(result, console)
