"""Import and export of statements and pledges as CSV or JSON, and the bundled starting ledger.

Import validates every row first; the first bad row stops it with its file, row (the CSV line, or the JSON
array index counted from 1) and field, and nothing of that file is written. A valid file is written in one
transaction. Export writes the same columns import reads, so the records as they stand on a day round-trip
(their earlier versions and stage dates stay in the ledger's history, not in the file).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ceasefire.errors import LedgerError
from ceasefire.ledger.records import PledgeIn, PledgeRecord, StatementIn, StatementRecord, check
from ceasefire.ledger.store import Ledger
from ceasefire.textfile import read_text

Kind = Literal["statements", "pledges"]
STATEMENT_COLUMNS = ["id", "actor", "speaker", "date", "stance", "commitments", "capability", "quantity", "unit",
                     "conditions", "quote", "quote_kind", "source_url", "source_title", "publisher", "published",
                     "notes"]
PLEDGE_COLUMNS = ["id", "provider", "capability", "quantity", "unit", "conditions", "status", "date",
                  "statement_id", "source_url", "notes"]
SEED_FILES = {"statements": "statements.csv", "pledges": "pledges.csv"}


def guess_kind(path: Path, columns: Iterable[str]) -> Kind:
    stem = path.stem.lower()
    if "pledge" in stem:
        return "pledges"
    if "statement" in stem:
        return "statements"
    cols = set(columns)
    if "provider" in cols:
        return "pledges"
    if "actor" in cols:
        return "statements"
    raise LedgerError("cannot tell whether this file holds statements or pledges (name it statements.csv or "
                      "pledges.csv, or pass --kind)", source=str(path), line=1)


def _csv_rows(text: str, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise LedgerError("empty file, expected a CSV header row", source=source, line=1)
    end = reader.line_num
    try:
        for raw in reader:
            line = end + 1  # a quoted cell may span lines: name the line the row starts on
            end = reader.line_num
            if None in raw:
                raise LedgerError(f"row has more cells than the {len(reader.fieldnames)} columns of the header",
                                  source=source, line=line)
            if None in raw.values():
                raise LedgerError(f"row has fewer cells than the {len(reader.fieldnames)} columns of the header "
                                  "(a stray line break inside an unquoted cell?)", source=source, line=line)
            yield line, {k: v for k, v in raw.items() if k is not None}
    except csv.Error as exc:
        raise LedgerError(f"malformed CSV: {exc}", source=source, line=reader.line_num) from None


def _json_rows(text: str, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LedgerError(f"malformed JSON: {exc.msg}", source=source, line=exc.lineno) from None
    if isinstance(data, Mapping):  # an export: {"statements": [...], "pledges": [...]} is read per kind
        raise LedgerError("expected a JSON array of rows (export statements and pledges separately)", source=source)
    if not isinstance(data, list):
        raise LedgerError("expected a JSON array of rows", source=source)
    for i, row in enumerate(data, start=1):
        if not isinstance(row, Mapping):
            raise LedgerError("expected an object", source=source, line=i)
        yield i, {k: ("" if v is None else v) for k, v in row.items()}


def parse(text: str, kind: Kind, source: str, fmt: Literal["csv", "json"] = "csv"
          ) -> tuple[list[StatementIn | PledgeIn], list[int]]:
    """Validate every row; raise on the first bad one (``source:row: field``). Returns rows and their lines."""
    model = StatementIn if kind == "statements" else PledgeIn
    rows: list[StatementIn | PledgeIn] = []
    lines: list[int] = []
    seen: dict[str, int] = {}
    reader = _json_rows(text, source) if fmt == "json" else _csv_rows(text, source)
    for line, raw in reader:
        row = check(model, raw, source=source, line=line)
        if row.id is not None:
            if row.id in seen:
                raise LedgerError(f"duplicate id {row.id!r} (first on row {seen[row.id]})", source=source,
                                  line=line, field="id")
            seen[row.id] = line
        rows.append(row)
        lines.append(line)
    if kind == "statements":
        _consistent_sources(rows, lines, source)  # type: ignore[arg-type]
    return rows, lines


def _consistent_sources(rows: list[StatementIn], lines: list[int], source: str) -> None:
    """One URL is one source: rows citing it must agree on its title, publisher and date."""
    first: dict[str, tuple[int, tuple[str, str, Any]]] = {}
    for row, line in zip(rows, lines, strict=True):
        desc = (row.source_title, row.publisher, row.published)
        if row.source_url in first and first[row.source_url][1] != desc:
            raise LedgerError(f"duplicate source {row.source_url} with a different title, publisher or date than on "
                              f"row {first[row.source_url][0]}", source=source, line=line, field="source_url")
        first.setdefault(row.source_url, (line, desc))


def read_file(path: Path, kind: Kind | None = None) -> tuple[Kind, list[StatementIn | PledgeIn], list[int]]:
    text = read_text(path, LedgerError, "CSV or JSON text")
    fmt: Literal["csv", "json"] = "json" if path.suffix.lower() == ".json" else "csv"
    if kind is None:
        if fmt == "json":
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:  # say so, not "cannot tell statements from pledges"
                raise LedgerError(f"malformed JSON: {exc.msg}", source=str(path), line=exc.lineno) from None
            cols = data[0].keys() if isinstance(data, list) and data and isinstance(data[0], dict) else []
        else:
            cols = next(csv.reader(io.StringIO(text)), [])
        kind = guess_kind(path, cols)
    rows, lines = parse(text, kind, str(path), fmt)
    return kind, rows, lines


def import_file(ledger: Ledger, path: Path, *, by: str, kind: Kind | None = None) -> dict[str, int]:
    """Validate the whole file, then write it in one transaction (all rows, or none)."""
    kind, rows, lines = read_file(path, kind)
    if kind == "statements":
        return ledger.import_rows(statements=rows, by=by, why=f"imported from {path.name}",  # type: ignore[arg-type]
                                  source=str(path), statement_lines=lines)
    return ledger.import_rows(pledges=rows, by=by, why=f"imported from {path.name}",  # type: ignore[arg-type]
                              source=str(path), pledge_lines=lines)


def seed_text(kind: Kind) -> str:
    return (resources.files("ceasefire.ledger") / "seed" / SEED_FILES[kind]).read_text(encoding="utf-8")


def load_seed(ledger: Ledger, by: str = "ceasefire-seed") -> dict[str, int]:
    """Load the bundled starting ledger (statements and pledges together, one transaction)."""
    st, st_lines = parse(seed_text("statements"), "statements", "ceasefire/ledger/seed/statements.csv")
    pl, pl_lines = parse(seed_text("pledges"), "pledges", "ceasefire/ledger/seed/pledges.csv")
    return ledger.import_rows(statements=st, pledges=pl, by=by, why="bundled starting ledger",  # type: ignore[arg-type]
                              source="ceasefire/ledger/seed", statement_lines=st_lines, pledge_lines=pl_lines)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        return ";".join(str(x) for x in v)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v.isoformat() if hasattr(v, "isoformat") else v)


def statement_row(r: StatementRecord) -> dict[str, Any]:
    d = r.model_dump(mode="json")
    return {k: d.get(k) for k in STATEMENT_COLUMNS}


def pledge_row(r: PledgeRecord, source_url: str | None = None) -> dict[str, Any]:
    d = {**r.model_dump(mode="json"), "source_url": source_url}
    return {k: d.get(k) for k in PLEDGE_COLUMNS}


def export(ledger: Ledger, kind: Kind, fmt: Literal["csv", "json"], as_of: Any = None) -> str:
    """The ledger's statements (accepted) or pledges (including withdrawn) as they stood on ``as_of``."""
    if kind == "statements":
        rows = [statement_row(r) for r in ledger.statements(as_of=as_of)]
        cols = STATEMENT_COLUMNS
    else:
        recs = ledger.pledges(as_of=as_of, include_withdrawn=True)
        # the evidence of a pledge entered with a source URL only: without it the export cannot be imported
        urls = {sid: ledger.source(sid).url for sid in sorted({r.source_id for r in recs if r.source_id})}
        rows = [pledge_row(r, urls.get(r.source_id or "")) for r in recs]
        cols = PLEDGE_COLUMNS
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    # RFC 4180 line ends: with them the writer quotes any cell holding a CR or LF, so quotes round-trip
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\r\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: _cell(v) for k, v in row.items()})
    return buf.getvalue()
