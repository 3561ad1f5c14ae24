"""``ceasefire report``: a self-contained report (HTML, Markdown or PDF) with charts, methods and sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ceasefire.cli import app
from ceasefire.cli.output import console, emit_json
from ceasefire.errors import CeasefireError


@app.command()
def report(
    scenario: Annotated[str | None, typer.Argument(help="Scenario YAML file or bundled name "
                                                    "(default: ukraine-2025).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="FILE.html, FILE.md or FILE.pdf (format from the "
                                      "suffix).")] = Path("ceasefire-report.html"),
    as_of: Annotated[dt.datetime | None, typer.Option("--as-of", formats=["%Y-%m-%d"],
                                                      help="The ledger as it stood on this date.")] = None,
    db: Annotated[str | None, typer.Option(help="Ledger SQLAlchemy URL (default: $CEASEFIRE_DB, then the user "
                                           "data directory; an empty ledger starts from the bundled one).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
) -> None:
    """Write a shareable report: the headline, charts, the methods and every source, in one file."""
    from ceasefire.ledger import open_ledger
    from ceasefire.ledger.io import load_seed
    from ceasefire.report import build, format_of
    from ceasefire.report.content import assessment_as_of
    from ceasefire.scenario import load

    fmt = format_of(str(out))
    if not out.parent.is_dir():  # say so before seconds of work, not with a traceback after them
        raise CeasefireError(f"cannot write {out}: directory {out.parent} does not exist", field="out")
    day = as_of.date() if as_of else None
    scenario_ = load(scenario)
    ledger = open_ledger(db)
    try:
        if ledger.is_empty():
            load_seed(ledger)
        assessment = assessment_as_of(scenario_, day, ledger)
    finally:
        ledger.close()
    data = build(assessment, fmt, day)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CeasefireError(f"cannot write {out}: {exc.strerror}", field="out") from None
    if json_:
        emit_json({"out": str(out), "format": fmt, "bytes": len(data), "scenario": assessment.scenario.name,
                   "as_of": day.isoformat() if day else None})
    else:
        console.print(f"wrote {out} ({fmt}, {len(data):,} bytes)")
