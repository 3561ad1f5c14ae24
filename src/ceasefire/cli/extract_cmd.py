"""``ceasefire ingest | extract | review``: read the news into the ledger and review what the machine proposes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ceasefire.cli import app
from ceasefire.cli.output import console, emit_json
from ceasefire.errors import CeasefireError

review_app = typer.Typer(help="Review the extractor's candidate statements: list, accept, reject, edit.",
                         no_args_is_help=True)
app.add_typer(review_app, name="review")

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output (stable keys).")]
PublishedOpt = Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD (overrides "
                                                                     "what the page or feed says).")]


def _reviewer() -> str:
    return os.environ.get("CEASEFIRE_REVIEWER") or os.environ.get("USER") or "analyst"


ByOpt = Annotated[str | None, typer.Option("--by", help="Who reviews (default: $CEASEFIRE_REVIEWER or $USER).")]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (text, HTML, RSS/Atom); '-' reads stdin.")],
    source_url: Annotated[str | None, typer.Option("--source-url", help="URL of the article (one file).")] = None,
    published: PublishedOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Store articles and the statements proposed from them as candidates; exit 2 if any file was refused."""
    from ceasefire.extract.ingest import parse_date
    from ceasefire.extract.review import ingest_into_ledger

    day = parse_date(published)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    report = ingest_into_ledger(paths, source_url=source_url, published=day, stdin=stdin)
    if json_:
        emit_json(report.as_dict())
    else:
        for d in report.stored:
            if d.duplicate:
                console.print(f"[dim]unchanged[/dim] {d.name}: already in the ledger as {d.source_id}")
            else:
                console.print(f"[green]stored[/green] {d.name}: {len(d.candidates)} candidate statement(s)"
                              f" ({d.source_id})")
        added = sum(len(d.candidates) for d in report.stored)
        if report.stored:
            console.print(f"{added} candidate(s) to review: ceasefire review list", style="dim")
    for e in report.errors:
        print(f"error: {e.one_line()}", file=sys.stderr)
    if report.errors:
        raise typer.Exit(2)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A text, HTML or feed file; '-' (default) reads stdin.")] = "-",
    published: PublishedOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Print the statements the extractor finds in an article, storing nothing."""
    from ceasefire.extract import extract_statements
    from ceasefire.extract.ingest import IngestError, ingest_bytes, parse_date

    day = parse_date(published)
    if file == "-":
        name, data = "<stdin>", sys.stdin.buffer.read()
    else:
        path = Path(file)
        if not path.is_file():
            raise IngestError("no such file", source=file)
        name, data = file, path.read_bytes()
    docs = ingest_bytes(name, data, published=day)
    found: list[dict[str, Any]] = []
    for doc in docs:
        for st in extract_statements(doc.text, published=doc.published):
            found.append({"document": doc.name, **st.model_dump(mode="json")})
    if json_:
        emit_json(found)
        return
    if not found:
        console.print("no statements found")
        return
    table = Table(title=f"Statements in {name}")
    for col in ("actor", "stance", "cue", "commitments", "quantity", "condition", "evidence"):
        table.add_column(col, overflow="fold")
    for f in found:
        q = f["quantity"]["text"] if f["quantity"] else ""
        table.add_row(f["actor"], f["stance"], f["cue"] or "", ", ".join(f["commitments"]), q, f["condition"] or "",
                      f["quote"])
    console.print(table)


def _records_json(records: list[Any]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json") for r in records]


@review_app.command("list")
def review_list(
    status: Annotated[str, typer.Option(help="candidate | accepted | rejected | withdrawn | all")] = "candidate",
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    json_: JsonOpt = False,
) -> None:
    """Statements waiting for review (or with another status)."""
    from ceasefire.extract.review import list_statements
    from ceasefire.ledger import open_ledger

    rows = list_statements(open_ledger(), status=status, limit=limit)
    if json_:
        emit_json(_records_json(rows))
        return
    if not rows:
        console.print(f"no {status} statements")
        return
    table = Table(title=f"{len(rows)} {status} statement(s)")
    for col in ("id", "actor", "date", "stance", "commitments", "cue", "evidence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        cue = (r.extraction or {}).get("cue") or ""
        table.add_row(r.id, r.actor, r.date.isoformat(), r.stance, ", ".join(r.commitments), cue, r.quote)
    console.print(table)


@review_app.command("accept")
def review_accept(
    ids: Annotated[list[str], typer.Argument(help="Candidate statement ids.")],
    by: ByOpt = None,
    why: Annotated[str, typer.Option(help="Why (kept in the history).")] = "",
    json_: JsonOpt = False,
) -> None:
    """Accept candidates as proposed: they become ledger statements (and pledges, where they pledge)."""
    from ceasefire.extract.review import accept
    from ceasefire.ledger import open_ledger

    rows = _each(ids, lambda led, i: accept(led, [i], by=by or _reviewer(), why=why)[0], open_ledger())
    _done(rows, "accepted", json_)


@review_app.command("reject")
def review_reject(
    ids: Annotated[list[str], typer.Argument(help="Candidate statement ids.")],
    why: Annotated[str, typer.Option(help="Why the proposal is wrong (required).")],
    by: ByOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Reject candidates; they stay in the ledger's history but never count."""
    from ceasefire.extract.review import reject
    from ceasefire.ledger import open_ledger

    rows = _each(ids, lambda led, i: reject(led, [i], by=by or _reviewer(), why=why)[0], open_ledger())
    _done(rows, "rejected", json_)


@review_app.command("edit")
def review_edit(
    statement_id: Annotated[str, typer.Argument(help="Candidate statement id.")],
    actor: Annotated[str | None, typer.Option(help="Corrected actor (ISO alpha-3, EU, NATO, UN, OSCE).")] = None,
    stance: Annotated[str | None, typer.Option(help="Corrected stance.")] = None,
    commitments: Annotated[str | None, typer.Option(help="Corrected commitments, ';'-separated.")] = None,
    capability: Annotated[str | None, typer.Option(help="Corrected capability.")] = None,
    quantity: Annotated[float | None, typer.Option(help="Corrected quantity.")] = None,
    unit: Annotated[str | None, typer.Option(help="Unit of the quantity.")] = None,
    conditions: Annotated[str | None, typer.Option(help="Corrected conditions, ';'-separated.")] = None,
    date: Annotated[str | None, typer.Option(help="Corrected date YYYY-MM-DD.")] = None,
    source_url: Annotated[str | None, typer.Option("--source-url", help="The article's public URL.")] = None,
    by: ByOpt = None,
    why: Annotated[str, typer.Option(help="Why (kept in the history).")] = "",
    json_: JsonOpt = False,
) -> None:
    """Accept a candidate with corrections; the ledger keeps the machine's proposal and the correction."""
    from ceasefire.extract.review import edit
    from ceasefire.ledger import open_ledger

    given = {"actor": actor, "stance": stance, "commitments": commitments, "capability": capability,
             "quantity": quantity, "unit": unit, "conditions": conditions, "date": date, "source_url": source_url}
    edits = {k: v for k, v in given.items() if v is not None}
    row = edit(open_ledger(), statement_id, edits, by=by or _reviewer(), why=why)
    _done([row], "accepted with corrections", json_)


def _each(ids: list[str], fn: Any, ledger: Any) -> list[Any]:
    """Apply ``fn`` to each id; report every refusal on its own line and still do the others."""
    done, failed = [], []
    for i in ids:
        try:
            done.append(fn(ledger, i))
        except CeasefireError as exc:
            failed.append(exc)
    for exc in failed:
        print(f"error: {exc.one_line()}", file=sys.stderr)
    if failed and not done:
        raise typer.Exit(2)
    if failed:
        _done(done, "done", False)
        raise typer.Exit(2)
    return done


def _done(rows: list[Any], what: str, json_: bool) -> None:
    if json_:
        emit_json(_records_json(rows))
        return
    for r in rows:
        console.print(f"[green]{what}[/green] {r.id}: {r.actor} {r.stance}")
