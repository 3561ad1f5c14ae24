"""``ceasefire data check|list``: validate and show the reference data."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ceasefire import reference
from ceasefire.cli import app
from ceasefire.cli.output import console, emit_json, fmt

data_app = typer.Typer(help="Validate and list the sourced reference data.", no_args_is_help=True)
app.add_typer(data_app, name="data")


class Table_(StrEnum):
    missions = "missions"
    nations = "nations"
    estimates = "estimates"
    theatres = "theatres"
    parameters = "parameters"


@data_app.command("check")
def check(
    files: Annotated[list[Path] | None, typer.Argument(help="User data files to validate (CSV).")] = None,
    kind: Annotated[Table_ | None, typer.Option(help="Table kind of the files (default: from name/header).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Validate the bundled reference data and any user data files; first error stops with exit code 2."""
    report: dict[str, dict[str, object]] = {}
    for k, n in reference.check_bundled().items():
        report[f"bundled:{k}"] = {"kind": k, "rows": n, "ok": True}
    for f in files or []:
        k, rows = reference.read_file(f, kind.value if kind else None)
        report[str(f)] = {"kind": k, "rows": len(rows), "ok": True}
    if json_:
        emit_json(report)
        return
    for name, info in report.items():
        console.print(f"[green]ok[/green] {name}: {info['rows']} {info['kind']} rows, every one sourced")


def rows_for(table: str) -> list[dict[str, object]]:
    """Rows of a reference table as dicts, with the densities derived for missions."""
    if table == "missions":
        return [{**m.model_dump(), "per_1000_inhabitants": _r(m.per_1000_inhabitants), "per_km2": _r(m.per_km2),
                 "per_km_line": _r(m.per_km_line)} for m in reference.missions().values()]
    source = {"nations": reference.nations, "estimates": reference.estimates, "theatres": reference.theatres,
              "parameters": reference.parameters}[table]
    return [r.model_dump() for r in source().values()]


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


_COLUMNS = {
    "missions": ["id", "peak_troops", "area_km2", "population", "line_length_km", "mandate", "outcome",
                 "per_1000_inhabitants", "per_km2", "per_km_line"],
    "nations": ["iso3", "name", "nato", "eu", "active_personnel", "defence_pct_gdp", "deployable_low",
                "deployable_high"],
    "estimates": ["id", "who", "published", "troops_low", "troops_high", "mandate", "includes_rotation"],
    "theatres": ["id", "name", "area_km2", "population", "line_km", "border_russia_km", "border_belarus_km"],
    "parameters": ["key", "low", "value", "high", "unit"],
}


@data_app.command("list")
def list_(
    table: Annotated[Table_, typer.Argument(help="Which table.")],
    json_: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Print a reference table; missions include troops per 1,000 inhabitants, per km² and per km of line."""
    rows = rows_for(table.value)
    if json_:
        emit_json(rows)
        return
    t = Table(title=f"{table.value} ({len(rows)} rows; sources: --json)", header_style="bold")
    cols = _COLUMNS[table.value]
    for c in cols:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*[_cell(r.get(c)) for c in cols])
    console.print(t)


def _cell(v: object) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int | float):
        return fmt(float(v))
    return "" if v is None else str(v)
