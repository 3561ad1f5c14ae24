"""A read-only view of a SQLite ledger through the standard library's ``sqlite3``, for ``ceasefire assess``.

Importing SQLAlchemy costs a quarter of a second or more, most of the 0.4 s the coalition section may add to
a cold ``assess``. When the ledger is a SQLite file already at ``schema.HEAD`` (checked with one SELECT), the
section reads it here with the same queries the store runs; otherwise it goes through ``open_ledger``.
Tests check that both give identical results.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ceasefire.ledger.records import (
    PLEDGE_ROW_COLUMNS,
    PledgeRecord,
    PledgeRow,
    _as_date,
    _pledge_record,
    as_of_day,
    pledge_row,
)

HEAD = "0002_actor_index"  # = ceasefire.ledger.schema.HEAD; kept here so this module never imports SQLAlchemy

_HEADS = "SELECT statement_id, max(seq) AS seq FROM statement_versions GROUP BY statement_id"


class SqliteReader:
    """The read methods ``coalition.gap`` needs: ``pledges``, ``latest_stances``, ``statement_counts``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # ``with sqlite3.connect(...)`` only ends a transaction; it never closes the connection. Close it here.
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            conn.row_factory = sqlite3.Row
            yield conn
        finally:
            conn.close()

    def at_head(self) -> bool:
        try:
            with self._connect() as conn:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            return False
        return row is not None and row[0] == HEAD

    def is_empty(self) -> bool:
        with self._connect() as conn:
            return conn.execute("SELECT 1 FROM statements LIMIT 1").fetchone() is None

    def pledges(self, as_of: dt.date | str | None = None, include_withdrawn: bool = False) -> list[PledgeRecord]:
        day = as_of_day(as_of).isoformat()
        where = "" if include_withdrawn else "WHERE v.status != 'withdrawn'"
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT v.* FROM pledge_versions v JOIN (SELECT pledge_id, max(seq) AS seq FROM pledge_versions "
                f"WHERE date <= ? GROUP BY pledge_id) h ON v.seq = h.seq {where} ORDER BY v.date, v.pledge_id",
                (day,)).fetchall()
            reached: dict[str, dict[str, dt.date]] = {}
            for r in conn.execute("SELECT pledge_id, status, min(date) AS date FROM pledge_versions WHERE date <= ? "
                                  "GROUP BY pledge_id, status", (day,)):
                reached.setdefault(r["pledge_id"], {})[r["status"]] = _as_date(r["date"])
        return [_pledge_record(dict(r), reached.get(r["pledge_id"], {})) for r in rows]

    def latest_stances(self, as_of: dt.date | str | None = None, about_troops: bool = False) -> dict[str, str]:
        day = as_of_day(as_of).isoformat()
        extra = ("AND (v.stance IN ('refuses', 'opposes') OR (v.stance IN ('commits', 'willing', 'conditional') "
                 "AND (v.capability = 'manoeuvre' OR v.commitments LIKE '%troops%'))) ") if about_troops else ""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT a.actor, (SELECT v.stance FROM statement_versions v WHERE v.actor = a.actor "
                f"AND v.date <= ? AND v.status = 'accepted' {extra}AND NOT EXISTS (SELECT 1 FROM statement_versions w "
                "WHERE w.statement_id = v.statement_id AND w.seq > v.seq) ORDER BY v.date DESC, v.seq DESC LIMIT 1) "
                "AS stance FROM (SELECT DISTINCT actor FROM statement_versions) a ORDER BY a.actor",
                (day,)).fetchall()
        return {r["actor"]: r["stance"] for r in rows if r["stance"] is not None}

    def pledge_rows(self, as_of: dt.date | str | None = None) -> list[PledgeRow]:
        day = as_of_day(as_of).isoformat()
        cols = ", ".join(f"v.{c}" for c in PLEDGE_ROW_COLUMNS)
        with self._connect() as conn:
            conn.row_factory = None
            rows = conn.execute(
                f"SELECT {cols} FROM pledge_versions v JOIN (SELECT pledge_id, max(seq) AS seq FROM pledge_versions "
                "WHERE date <= ? GROUP BY pledge_id) h ON v.seq = h.seq WHERE v.status != 'withdrawn' "
                "ORDER BY v.date, v.pledge_id", (day,)).fetchall()
        return [pledge_row(t) for t in rows]

    def statement_counts(self, as_of: dt.date | str | None = None) -> tuple[int, int]:
        day = as_of_day(as_of).isoformat()
        with self._connect() as conn:
            n, actors = conn.execute(
                "SELECT count(*), count(DISTINCT v.actor) FROM statement_versions v WHERE v.status = 'accepted' "
                "AND v.date <= ? AND NOT EXISTS (SELECT 1 FROM statement_versions w "
                "WHERE w.statement_id = v.statement_id AND w.seq > v.seq)", (day,)).fetchone()
        return int(n), int(actors)
