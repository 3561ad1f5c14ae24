"""``ceasefire ledger ...``: the coalition ledger from the command line.

Commands: init, add (statement, pledge, source), list, show, history, amend, advance, withdraw, review, export,
import. Every command takes ``--db URL`` (else ``CEASEFIRE_DB``, else the user's data directory) and ``--json``;
reading commands take ``--as-of DATE``; withdraw takes it as the date of the withdrawal."""

from __future__ import annotations

import getpass
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ceasefire.cli import app
from ceasefire.cli.output import console, emit_json, write_out
from ceasefire.domain import Condition, Stance
from ceasefire.errors import LedgerError

ledger_app = typer.Typer(help="The coalition ledger: sourced statements and pledges, with full history.",
                         no_args_is_help=True)
add_app = typer.Typer(help="Append a statement, pledge or source.", no_args_is_help=True)
ledger_app.add_typer(add_app, name="add")
app.add_typer(ledger_app, name="ledger")

Db = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL or SQLite file (default: CEASEFIRE_DB, "
                                                     "else the user's data directory).")]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output (stable keys).")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="Read the ledger as it stood on this day (YYYY-MM-DD).")]
By = Annotated[str | None, typer.Option("--by", help="Who makes the change (default: CEASEFIRE_USER or login).")]


class Kind(StrEnum):
    statements = "statements"
    pledges = "pledges"


class Listing(StrEnum):
    statements = "statements"
    pledges = "pledges"
    candidates = "candidates"


class Fmt(StrEnum):
    csv = "csv"
    json = "json"


def _open(db: str | None) -> Any:
    from ceasefire.ledger import open_ledger

    return open_ledger(db)


def _by(by: str | None) -> str:
    if by:
        return by
    env = os.environ.get("CEASEFIRE_USER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def _dump(obj: Any) -> Any:
    return obj.model_dump(mode="json") if hasattr(obj, "model_dump") else obj


@ledger_app.command("init")
def init(db: Db = None, if_empty: Annotated[bool, typer.Option("--if-empty", help="Do nothing if the ledger "
                                                                "already holds statements.")] = False,
         json_: Json = False) -> None:
    """Create the ledger and load the bundled, sourced starting ledger (2024-2026 positions)."""
    from ceasefire.ledger.io import load_seed

    led = _open(db)
    if not led.is_empty():
        if not if_empty:
            raise LedgerError(f"the ledger already holds {led.counts()['statements']} statements; "
                              "use --if-empty to leave it as it is", field="db")
        result = {"loaded": False, "counts": led.counts()}
    else:
        load_seed(led)
        result = {"loaded": True, "counts": led.counts()}
    if json_:
        emit_json(result)
    else:
        c = result["counts"]
        verb = "loaded the bundled ledger" if result["loaded"] else "ledger already initialised"
        console.print(f"{verb}: {c['statements']} statements, {c['pledges']} pledges, {c['sources']} sources")


@add_app.command("statement")
def add_statement(
    actor: Annotated[str, typer.Option(help="ISO 3166 alpha-3 code or EU/NATO/UN/OSCE.")],
    date: Annotated[str, typer.Option(help="When it was said (YYYY-MM-DD).")],
    stance: Annotated[str, typer.Option(help="|".join(Stance))],
    quote: Annotated[str, typer.Option(help="The words, verbatim or paraphrased.")],
    source_url: Annotated[str, typer.Option("--source-url", help="Where it was reported.")],
    speaker: Annotated[str, typer.Option()] = "",
    commitments: Annotated[str, typer.Option(help="';'-list: troops;air_power;isr;...")] = "",
    capability: Annotated[str, typer.Option()] = "",
    quantity: Annotated[str, typer.Option()] = "",
    unit: Annotated[str, typer.Option()] = "",
    conditions: Annotated[str, typer.Option(help="';'-list of: " + ";".join(Condition))] = "",
    quote_kind: Annotated[str, typer.Option("--quote-kind")] = "verbatim",
    source_title: Annotated[str, typer.Option("--source-title")] = "",
    publisher: Annotated[str, typer.Option()] = "",
    published: Annotated[str, typer.Option()] = "",
    notes: Annotated[str, typer.Option()] = "",
    id: Annotated[str, typer.Option("--id", help="Stable id (default: generated).")] = "",
    candidate: Annotated[bool, typer.Option("--candidate", help="Record for review instead of accepted.")] = False,
    by: By = None, db: Db = None, json_: Json = False,
) -> None:
    """Append a statement (accepted unless --candidate); a pledging one also yields a pledge."""
    led = _open(db)
    sid = led.add_statement(actor=actor, date=date, stance=stance, quote=quote, source_url=source_url,
                            speaker=speaker, commitments=commitments, capability=capability, quantity=quantity,
                            unit=unit, conditions=conditions, quote_kind=quote_kind, source_title=source_title,
                            publisher=publisher, published=published, notes=notes, id=id or None,
                            status="candidate" if candidate else "accepted", by=_by(by))
    _show_record(led.statement(sid), json_)


@add_app.command("pledge")
def add_pledge(
    provider: Annotated[str, typer.Option()],
    capability: Annotated[str, typer.Option()],
    date: Annotated[str, typer.Option(help="Date of this stage (YYYY-MM-DD).")],
    quantity: Annotated[str, typer.Option(help="Empty: unspecified.")] = "",
    unit: Annotated[str, typer.Option()] = "",
    conditions: Annotated[str, typer.Option()] = "",
    status: Annotated[str, typer.Option(help="announced|committed|allocated|deployed")] = "announced",
    statement_id: Annotated[str, typer.Option("--statement-id")] = "",
    source_url: Annotated[str, typer.Option("--source-url")] = "",
    notes: Annotated[str, typer.Option()] = "",
    id: Annotated[str, typer.Option("--id")] = "",
    by: By = None, db: Db = None, json_: Json = False,
) -> None:
    """Append a pledge entered by hand (evidence: --statement-id or --source-url)."""
    led = _open(db)
    pid = led.add_pledge(provider=provider, capability=capability, date=date, quantity=quantity, unit=unit,
                         conditions=conditions, status=status, statement_id=statement_id or None,
                         source_url=source_url or None, notes=notes, id=id or None, by=_by(by))
    _show_record(led.pledge(pid), json_)


@add_app.command("source")
def add_source(
    url: Annotated[str, typer.Option()],
    title: Annotated[str, typer.Option()] = "",
    publisher: Annotated[str, typer.Option()] = "",
    published: Annotated[str, typer.Option()] = "",
    content_hash: Annotated[str, typer.Option("--content-hash")] = "",
    by: By = None, db: Db = None, json_: Json = False,
) -> None:
    """Record a source; a URL or content hash already in the ledger is an error here."""
    led = _open(db)
    src = led.add_source(url, title, publisher, published or None, content_hash or None, by=_by(by), strict=True)
    _show_record(led.source(src), json_)


@ledger_app.command("list")
def list_(
    what: Annotated[Listing, typer.Argument()] = Listing.statements,
    actor: Annotated[str | None, typer.Option(help="Only this actor / provider.")] = None,
    as_of: AsOf = None, limit: Annotated[int | None, typer.Option(min=1)] = None,
    include_withdrawn: Annotated[bool, typer.Option("--include-withdrawn")] = False,
    db: Db = None, json_: Json = False,
) -> None:
    """List accepted statements, pledges or unreviewed candidates as they stood on --as-of."""
    from rich.table import Table

    led = _open(db)
    if what is Listing.pledges:
        rows: list[Any] = led.pledges(as_of=as_of, include_withdrawn=include_withdrawn, provider=actor)
    elif what is Listing.candidates:
        rows = led.candidates(limit=limit)
    else:
        rows = led.statements(as_of=as_of, actor=actor, limit=limit)
    if limit is not None:
        rows = rows[:limit]
    if json_:
        emit_json([_dump(r) for r in rows])
        return
    t = Table(title=f"{what.value} ({len(rows)})", header_style="bold", expand=True)
    if what is Listing.pledges:
        for col in ("id", "provider", "capability", "quantity", "conditions", "status", "date"):
            t.add_column(col, overflow="fold")
        for r in rows:
            t.add_row(r.id, r.provider, r.capability, "unspecified" if r.quantity is None else f"{r.quantity:,.0f}"
                      + (f" {r.unit}" if r.unit else ""), ", ".join(r.conditions), r.status, str(r.date))
    else:
        for col in ("id", "actor", "date", "stance", "capability", "conditions", "quote"):
            t.add_column(col, overflow="fold")
        for r in rows:
            t.add_row(r.id, r.actor, str(r.date), r.stance, r.capability or "", ", ".join(r.conditions),
                      r.quote[:120])
    console.print(t)


def _show_record(rec: Any, json_: bool) -> None:
    if json_:
        emit_json(_dump(rec))
        return
    for k, v in _dump(rec).items():
        if v not in (None, "", [], {}):
            console.print(f"[bold]{k}[/bold]: {v}", highlight=False)


@ledger_app.command("show")
def show(record_id: Annotated[str, typer.Argument(help="Statement or pledge id.")], as_of: AsOf = None,
         db: Db = None, json_: Json = False) -> None:
    """One statement or pledge as it stood on --as-of (default: now)."""
    from ceasefire.errors import NotFoundError

    led = _open(db)
    try:
        rec: Any = led.statement(record_id, as_of=as_of)
    except NotFoundError:
        try:
            rec = led.pledge(record_id, as_of=as_of)
        except NotFoundError:
            raise NotFoundError(f"no statement or pledge {record_id!r} in the ledger"
                                + (f" as of {as_of}" if as_of else ""), field="id") from None
    _show_record(rec, json_)


@ledger_app.command("history")
def history(record_id: Annotated[str, typer.Argument()], as_of: AsOf = None, db: Db = None,
            json_: Json = False) -> None:
    """Every version of a statement or pledge: who changed what, when and why (recorded on or before --as-of)."""
    from rich.table import Table

    from ceasefire.ledger.store import as_of_day

    led = _open(db)
    versions = led.history(record_id)
    if as_of is not None:
        day = as_of_day(as_of)
        versions = [v for v in versions if v.recorded_at.date() <= day]
    if json_:
        emit_json([_dump(v) for v in versions])
        return
    t = Table(title=f"history of {record_id}", header_style="bold", expand=True)
    for col in ("v", "recorded", "by", "action", "why", "changed"):
        t.add_column(col, overflow="fold")
    prev: dict[str, Any] = {}
    for v in versions:
        changed = {k: val for k, val in v.fields.items() if prev.get(k) != val} if prev else {}
        t.add_row(str(v.version), v.recorded_at.isoformat(timespec="seconds"), v.recorded_by, v.action, v.why,
                  ", ".join(f"{k}={val}" for k, val in changed.items()))
        prev = v.fields
    console.print(t)


def _settings(items: list[str] | None) -> dict[str, str]:
    """``--set field=value`` options as a dict; an item without ``=`` is an error, never silently dropped."""
    changes: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise LedgerError(f"expected field=value, got {item!r}", field="set")
        k, v = item.split("=", 1)
        changes[k.strip()] = v
    return changes


@ledger_app.command("amend")
def amend(record_id: Annotated[str, typer.Argument()],
          set_: Annotated[list[str], typer.Option("--set", help="field=value (repeat for several fields).")],
          why: Annotated[str, typer.Option(help="Why the record is corrected (required).")],
          by: By = None, db: Db = None, json_: Json = False) -> None:
    """Correct fields of a statement or pledge; the previous version stays in its history."""
    changes = _settings(set_)
    reserved = sorted({"by", "why"} & set(changes))
    if reserved:  # they are options of the change itself, not fields of the record
        raise LedgerError(f"this field cannot be amended (use --{reserved[0]})", field=reserved[0])
    led = _open(db)
    _show_record(led.amend(record_id, by=_by(by), why=why, **changes), json_)


@ledger_app.command("withdraw")
def withdraw(record_id: Annotated[str, typer.Argument()],
             why: Annotated[str, typer.Option(help="Why it is withdrawn (required).")],
             as_of: Annotated[str | None, typer.Option("--as-of", "--date", help="Date of the withdrawal "
                                                       "(default: today).")] = None,
             by: By = None, db: Db = None, json_: Json = False) -> None:
    """Withdraw a pledge (a dated stage) or a statement entered in error; nothing is deleted."""
    led = _open(db)
    _show_record(led.withdraw(record_id, by=_by(by), why=why, date=as_of), json_)


@ledger_app.command("advance")
def advance(pledge_id: Annotated[str, typer.Argument()],
            status: Annotated[str, typer.Option(help="committed | allocated | deployed")],
            date: Annotated[str, typer.Option(help="Date this stage was reached (YYYY-MM-DD).")],
            source_url: Annotated[str, typer.Option("--source-url", help="Evidence for this stage.")] = "",
            quantity: Annotated[str, typer.Option(help="Quantity at this stage, if it changed.")] = "",
            why: Annotated[str, typer.Option()] = "", by: By = None, db: Db = None, json_: Json = False) -> None:
    """Move a pledge to its next lifecycle stage (announced → committed → allocated → deployed)."""
    led = _open(db)
    _show_record(led.advance(pledge_id, status, date, by=_by(by), why=why, source_url=source_url or None,
                             quantity=quantity or None), json_)


@ledger_app.command("review")
def review(record_id: Annotated[str, typer.Argument()],
           accept: Annotated[bool, typer.Option("--accept/--reject")] = True,
           set_: Annotated[list[str] | None, typer.Option("--set", help="Correction field=value.")] = None,
           why: Annotated[str, typer.Option()] = "", by: By = None, db: Db = None, json_: Json = False) -> None:
    """Accept (with corrections) or reject a candidate statement."""
    edits = _settings(set_)
    if edits and not accept:
        raise LedgerError("--set corrects a candidate that is accepted; a rejected one is not corrected",
                          field="set")
    led = _open(db)
    if accept:
        rec = led.accept(record_id, by=_by(by), edits=edits or None, why=why)
    else:
        rec = led.reject(record_id, by=_by(by), why=why)
    _show_record(rec, json_)


@ledger_app.command("export")
def export(kind: Annotated[Kind, typer.Argument()] = Kind.statements,
           format_: Annotated[Fmt, typer.Option("--format")] = Fmt.csv,
           out: Annotated[Path | None, typer.Option(help="Write to this file.")] = None,
           as_of: AsOf = None, db: Db = None, json_: Json = False) -> None:
    """Export statements or pledges (as they stood on --as-of) in the columns import reads."""
    from ceasefire.ledger.io import export as run_export

    led = _open(db)
    text = run_export(led, kind.value, "json" if json_ else format_.value, as_of=as_of)
    try:
        write_out(text, out)
    except OSError as exc:
        raise LedgerError(f"cannot write {out}: {exc.strerror}", field="out") from None


@ledger_app.command("import")
def import_(path: Annotated[Path, typer.Argument(help="CSV or JSON file of statements or pledges.")],
            kind: Annotated[Kind | None, typer.Option(help="Default: from the file name or header.")] = None,
            by: By = None, db: Db = None, json_: Json = False) -> None:
    """Validate every row, then write the whole file in one transaction (a bad row: nothing is written)."""
    from ceasefire.ledger.io import import_file

    led = _open(db)
    result = import_file(led, path, by=_by(by), kind=kind.value if kind else None)
    if json_:
        emit_json({"file": str(path), **result, "counts": led.counts()})
    else:
        console.print(f"imported {result['statements']} statements and {result['pledges']} pledges from {path}")
