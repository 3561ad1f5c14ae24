"""The coalition ledger: who said what, who pledged what and on which conditions, each tied to its source.

A persistent, append-only store (SQLAlchemy 2, Alembic migrations). By default a SQLite file (WAL mode) in the
user's data directory; ``CEASEFIRE_DB`` or ``open_ledger(url)`` selects another database (PostgreSQL is
supported). Nothing is overwritten or hard-deleted: every change is a new version with who, when and why.

Python API (all writes are one transaction each; all errors a caller can cause are ``LedgerError`` or
``NotFoundError`` with a one-line message naming the field)::

    from ceasefire.ledger import open_ledger
    led = open_ledger()                      # or open_ledger("postgresql+psycopg://...") / a file path
    src = led.add_source(url, title, publisher, published, content_hash, by="extractor")
                                             # idempotent on content_hash (or URL when no hash)
    sid = led.add_statement(actor="FRA", date="2025-03-02", stance="willing", quote="...",
                            source_url=url, capability="manoeuvre", conditions=["us_backstop"],
                            status="candidate", extraction={"method": "rules", "confidence": 0.8,
                                                            "cue": "ready to", "start": 10, "end": 52},
                            by="extractor")
    led.candidates()                         # unreviewed candidates
    led.accept(sid, by="analyst", edits={"stance": "conditional"})  # keeps the proposal and the correction
    led.reject(sid, by="analyst", why="not a statement of policy")
    led.statements(as_of="2025-03-06")       # accepted statements made on or before that day
    led.pledges(as_of="2025-03-06")          # pledges at the stage they had reached that day
    led.add_pledge(provider="GBR", capability="manoeuvre", quantity=10000, date="2025-04-30",
                   statement_id=sid, by="analyst")
    led.advance(pid, "committed", "2025-07-10", by="analyst", source_url=url)   # lifecycle stage
    led.amend(sid_or_pid, by="analyst", why="typo in quantity", quantity=5000)
    led.withdraw(sid_or_pid, by="analyst", why="retracted", date="2025-09-01")
    led.history(sid_or_pid)                  # every version, oldest first

Statements have ``status`` candidate | accepted | rejected | withdrawn; only accepted ones count in the gap
and the plan. An accepted statement with a capability and stance commits / willing / conditional yields a
pledge (committed for commits, announced otherwise) unless ``derive=False``. Pledges move
announced → committed → allocated → deployed, or are withdrawn; each stage has its own date and source.

The bundled starting ledger (``ceasefire/ledger/seed``) is loaded by ``ceasefire ledger init``
(``ceasefire.ledger.io.load_seed``). See ``docs/ledger.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ceasefire.ledger.records import PledgeRecord, SourceRecord, StatementRecord, Version
    from ceasefire.ledger.store import Ledger, default_url, open_ledger

_LAZY = {"Ledger": "store", "open_ledger": "store", "default_url": "store", "PledgeRecord": "records",
         "SourceRecord": "records", "StatementRecord": "records", "Version": "records"}


def __getattr__(name: str) -> Any:
    # SQLAlchemy is imported only when the ledger is used, so commands that don't touch it start fast.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"ceasefire.ledger.{_LAZY[name]}"), name)
    raise AttributeError(name)


__all__ = ["Ledger", "PledgeRecord", "SourceRecord", "StatementRecord", "Version", "default_url", "open_ledger"]
