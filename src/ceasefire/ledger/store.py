"""The ledger store: open a database, append records, read them as they stood on any day.

Writes happen in one transaction each (an import is one transaction for the whole file), so a crash leaves
the database with all or none of it. On SQLite the write transaction starts with ``BEGIN IMMEDIATE`` (WAL mode,
a generous busy timeout), so concurrent writers queue instead of failing; on PostgreSQL the unique
``(id, version)`` constraint catches two writers amending one record at once, and the loser retries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, and_, create_engine, distinct, event, func, insert, or_, select
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError

from ceasefire.errors import LedgerError, NotFoundError
from ceasefire.ledger import schema as s
from ceasefire.ledger.records import (
    PLEDGE_ROW_COLUMNS,
    PLEDGE_STAGES,
    PledgeIn,
    PledgeRecord,
    PledgeRow,
    SourceIn,
    SourceRecord,
    StatementIn,
    StatementRecord,
    Version,
    _as_date,
    _as_datetime,
    _pledge_record,
    _statement_record,
    as_of_day,
    check,
    pledge_row,
    today,
)
from ceasefire.ledger.urls import default_url, normalise_url, redact

T = TypeVar("T")
PLEDGING_STANCES = ("commits", "willing", "conditional")  # stances from which an accepted statement yields a pledge
REFUSING = ("refuses", "opposes")
ORGANISATIONS = {"EU", "NATO", "UN", "OSCE"}
_PG_MIGRATE_LOCK = 4_242_001  # advisory lock id: one migrator at a time on PostgreSQL


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _join(xs: Iterable[Any]) -> str:
    return ";".join(str(x) for x in xs)


def source_id_for(url: str, content_hash: str | None) -> str:
    """Stable id: from the content hash when there is one (the same page text is the same source), else the URL."""
    return "src-" + hashlib.sha256((content_hash or url).encode()).hexdigest()[:16]


class Ledger:
    """A connection to one ledger database. Cheap to create; thread-safe through SQLAlchemy's pool."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name

    # --- schema -------------------------------------------------------------------------------------------

    def schema_version(self) -> str | None:
        try:
            with self.engine.connect() as c:
                return c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except DBAPIError:
            return None

    def migrate(self) -> None:
        """Bring the schema to ``schema.HEAD`` (Alembic), unless it is there already (one cheap SELECT)."""
        current = self.schema_version()
        if current == s.HEAD:
            return
        from alembic import command
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", "ceasefire.ledger:migrations")
        known = {r.revision for r in ScriptDirectory.from_config(cfg).walk_revisions()}
        if current is not None and current not in known:
            # A newer ceasefire migrated this database; upgrading "down" to our head would lose its changes.
            raise LedgerError(f"the ledger's schema is at revision {current!r}, newer than this version of ceasefire "
                              f"knows (head {s.HEAD!r}); upgrade ceasefire or choose another database with --db",
                              source=redact(self.url))

        with self._connect(write=True) as c, c.begin():
            if self.dialect == "postgresql":
                c.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATE_LOCK})")
            cfg.attributes["connection"] = c
            command.upgrade(cfg, "head")

    # --- plumbing -----------------------------------------------------------------------------------------

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[Connection]:
        with self.engine.connect() as c:
            yield c.execution_options(ceasefire_write=write)

    def _write(self, fn: Callable[[Connection], T], attempts: int = 8) -> T:
        """Run ``fn`` in one write transaction; retry when a concurrent writer got there first."""
        for attempt in range(attempts):
            try:
                with self._connect(write=True) as c, c.begin():
                    return fn(c)
            except IntegrityError as exc:
                if attempt == attempts - 1 or "version" not in str(exc.orig).lower():
                    raise LedgerError(f"the database refused the change: {str(exc.orig).splitlines()[0]}") from None
            except OperationalError as exc:
                if attempt == attempts - 1 or "locked" not in str(exc.orig).lower():
                    raise LedgerError(f"database error: {str(exc.orig).splitlines()[0]}") from None
            time.sleep(0.01 * 2**attempt * (1 + random.random()))  # jitter: retries must not collide again
        raise AssertionError("unreachable")

    # --- sources ------------------------------------------------------------------------------------------

    def add_source(self, url: str, title: str = "", publisher: str = "", published: dt.date | str | None = None,
                   content_hash: str | None = None, *, by: str = "system", strict: bool = False) -> str:
        """Record a source and return its id; re-adding the same content hash (or URL) returns the existing id.

        ``strict=True`` (what ``ceasefire ledger add source`` uses) makes a duplicate URL or hash an error.
        """
        src = check(SourceIn, {"url": url, "title": title, "publisher": publisher, "published": published,
                               "content_hash": content_hash})
        return self._write(lambda c: self._ensure_source(c, src, by, strict=strict))

    def _ensure_source(self, c: Connection, src: SourceIn, by: str, strict: bool = False,
                       cache: dict[str, str] | None = None) -> str:
        key = src.content_hash or src.url
        if cache is not None and key in cache:
            return cache[key]
        t = s.sources
        found = None
        if src.content_hash:
            found = c.execute(select(t.c.id, t.c.url).where(t.c.content_hash == src.content_hash)).first()
        if found is None and (strict or not src.content_hash):
            found = c.execute(select(t.c.id, t.c.url).where(t.c.url == src.url).order_by(t.c.recorded_at.desc())
                              .limit(1)).first()
        if found is not None:
            if strict:
                raise LedgerError(f"duplicate source: {found.url} is already recorded as {found.id}", field="url")
            sid = found.id
        else:
            sid = source_id_for(src.url, src.content_hash)
            c.execute(insert(t).values(id=sid, url=src.url, title=src.title, publisher=src.publisher,
                                       published=src.published, content_hash=src.content_hash,
                                       recorded_at=_now(), recorded_by=by))
        if cache is not None:
            cache[key] = sid
        return sid

    def source(self, source_id: str) -> SourceRecord:
        with self._connect() as c:
            row = c.execute(select(s.sources).where(s.sources.c.id == source_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no source {source_id!r} in the ledger", field="id")
        return SourceRecord.model_validate(dict(row))

    # --- statements ---------------------------------------------------------------------------------------

    def add_statement(self, *, actor: str, date: dt.date | str, stance: str, quote: str, source_url: str,
                      speaker: str = "", commitments: Sequence[str] | str = (), capability: str | None = None,
                      quantity: float | str | None = None, unit: str = "", conditions: Sequence[str] | str = (),
                      quote_kind: str = "verbatim", source_title: str = "", publisher: str = "",
                      published: dt.date | str | None = None, content_hash: str | None = None, notes: str = "",
                      id: str | None = None, status: str = "accepted", extraction: Mapping[str, Any] | None = None,
                      by: str, why: str = "added", derive: bool = True) -> str:
        """Append a statement and return its id.

        ``status='candidate'`` is what the extractor records, with ``extraction`` metadata (method, confidence,
        cue, char offsets); the machine's proposal is kept in it as ``proposal``. An ``accepted`` statement that
        pledges a capability (stance commits/willing/conditional) also yields a pledge unless ``derive=False``.
        """
        if status not in ("candidate", "accepted"):
            raise LedgerError(f"a new statement is 'candidate' or 'accepted', not {status!r}", field="status")
        data = check(StatementIn, {
            "id": id, "actor": actor, "date": date, "stance": stance, "quote": quote, "source_url": source_url,
            "speaker": speaker, "commitments": commitments, "capability": capability, "quantity": quantity,
            "unit": unit, "conditions": conditions, "quote_kind": quote_kind, "source_title": source_title,
            "publisher": publisher, "published": published, "content_hash": content_hash, "notes": notes})
        meta = dict(extraction) if extraction is not None else None
        if status == "candidate":
            meta = {**(meta or {}), "proposal": _statement_fields(data)}

        def go(c: Connection) -> str:
            sid = self._insert_statement(c, data, status=status, extraction=meta, by=by, why=why)
            if derive and status == "accepted":
                self._derive_pledge(c, sid, by)
            return sid

        return self._write(go)

    def _insert_statement(self, c: Connection, data: StatementIn, *, status: str, extraction: dict | None,
                          by: str, why: str, source_cache: dict[str, str] | None = None) -> str:
        sid = data.id or f"{data.actor.lower()}-{data.date.isoformat()}-{uuid.uuid4().hex[:10]}"
        if c.execute(select(s.statements.c.id).where(s.statements.c.id == sid)).first() is not None:
            raise LedgerError(f"a statement with id {sid!r} already exists (amend it instead)", field="id")
        src = self._ensure_source(c, data.source(), by, cache=source_cache)
        now = _now()
        c.execute(insert(s.statements).values(id=sid, created_at=now, created_by=by))
        c.execute(insert(s.statement_versions).values(
            statement_id=sid, version=1, recorded_at=now, recorded_by=by, action="add", why=why, status=status,
            source_id=src, extraction=json.dumps(extraction) if extraction is not None else None,
            **_statement_columns(data)))
        return sid

    def _statement_head(self, c: Connection, statement_id: str) -> dict[str, Any]:
        """The latest version, with the record locked for this transaction (PostgreSQL: FOR UPDATE), so two
        writers amending one record append versions one after the other."""
        c.execute(select(s.statements.c.id).where(s.statements.c.id == statement_id).with_for_update())
        v = s.statement_versions
        row = c.execute(select(v).where(v.c.statement_id == statement_id).order_by(v.c.seq.desc()).limit(1)
                        ).mappings().first()
        if row is None:
            raise NotFoundError(f"no statement {statement_id!r} in the ledger", field="id")
        return dict(row)

    def _append_statement(self, c: Connection, head: dict[str, Any], changes: dict[str, Any], *, action: str,
                          by: str, why: str) -> int:
        row = {k: v for k, v in head.items() if k != "seq"}
        row.update(changes, version=head["version"] + 1, recorded_at=_now(), recorded_by=by, action=action,
                   why=why)
        c.execute(insert(s.statement_versions).values(**row))
        return row["version"]

    def _edited(self, c: Connection, head: dict[str, Any], edits: Mapping[str, Any], by: str) -> dict[str, Any]:
        """Validate ``edits`` over the current fields; return the changed columns (new source if the URL changed)."""
        current = self._statement_in_dict(c, head)
        unknown = set(edits) - set(StatementIn.model_fields)
        if unknown or "id" in edits:
            bad = sorted(unknown | ({"id"} & set(edits)))[0]
            raise LedgerError("this field cannot be amended", field=bad)
        data = check(StatementIn, {**current, **edits})
        cols = _statement_columns(data)
        if data.source_url != current["source_url"] or data.content_hash:
            cols["source_id"] = self._ensure_source(c, data.source(), by)
        return cols

    def _statement_in_dict(self, c: Connection, head: dict[str, Any]) -> dict[str, Any]:
        src = c.execute(select(s.sources).where(s.sources.c.id == head["source_id"])).mappings().one()
        return {"actor": head["actor"], "speaker": head["speaker"], "date": head["date"], "stance": head["stance"],
                "commitments": head["commitments"], "capability": head["capability"], "quantity": head["quantity"],
                "unit": head["unit"], "conditions": head["conditions"], "quote": head["quote"],
                "quote_kind": head["quote_kind"], "source_url": src["url"], "source_title": src["title"],
                "publisher": src["publisher"], "published": src["published"], "notes": head["notes"]}

    def accept(self, statement_id: str, by: str, edits: Mapping[str, Any] | None = None, why: str = "",
               derive: bool = True) -> StatementRecord:
        """Accept a candidate (or reconsider a rejected one), optionally with a person's corrections.

        The extraction metadata keeps the machine's ``proposal`` and adds the ``correction`` and reviewer.
        """
        def go(c: Connection) -> None:
            head = self._statement_head(c, statement_id)
            if head["status"] not in ("candidate", "rejected"):
                raise LedgerError(f"statement {statement_id!r} is {head['status']}, only candidates can be accepted",
                                  field="status")
            cols = self._edited(c, head, edits or {}, by)
            meta = json.loads(head["extraction"]) if head["extraction"] else {}
            if edits:
                meta["correction"] = {k: _jsonable(v) for k, v in edits.items()}
            meta["reviewed_by"] = by
            cols.update(status="accepted", extraction=json.dumps(meta))
            self._append_statement(c, head, cols, action="accept", by=by, why=why or "accepted on review")
            if derive:
                self._derive_pledge(c, statement_id, by)

        self._write(go)
        return self.statement(statement_id)

    def reject(self, statement_id: str, by: str, why: str) -> StatementRecord:
        """Reject a candidate; it stays in the ledger (and its history) but never counts."""
        if not why.strip():
            raise LedgerError("say why the statement is rejected", field="why")

        def go(c: Connection) -> None:
            head = self._statement_head(c, statement_id)
            if head["status"] != "candidate":
                raise LedgerError(f"statement {statement_id!r} is {head['status']}, only candidates can be rejected",
                                  field="status")
            self._append_statement(c, head, {"status": "rejected"}, action="reject", by=by, why=why)

        self._write(go)
        return self.statement(statement_id)

    def _derive_pledge(self, c: Connection, statement_id: str, by: str) -> str | None:
        head = self._statement_head(c, statement_id)
        if head["stance"] not in PLEDGING_STANCES or not head["capability"] or head["actor"] in ORGANISATIONS:
            return None
        pv = s.pledge_versions
        if c.execute(select(pv.c.pledge_id).where(pv.c.statement_id == statement_id).limit(1)).first():
            return None
        data = PledgeIn(provider=head["actor"], capability=head["capability"], quantity=head["quantity"],
                        unit=head["unit"], conditions=head["conditions"],
                        status="committed" if head["stance"] == "commits" else "announced", date=head["date"],
                        statement_id=statement_id, notes=f"derived from statement {statement_id}")
        return self._insert_pledge(c, data, source_id=head["source_id"], by=by, why="derived from statement")

    def statement(self, statement_id: str, as_of: dt.date | str | None = None) -> StatementRecord:
        """One statement as it stands now (or on ``as_of``: ``NotFoundError`` if it was made later)."""
        rows = self._statements(as_of=as_of, status=None, ids=[statement_id])
        if not rows:
            raise NotFoundError(f"no statement {statement_id!r} in the ledger"
                                + (f" as of {as_of}" if as_of else ""), field="id")
        return rows[0]

    def statements(self, as_of: dt.date | str | None = None, status: str | None = "accepted",
                   actor: str | None = None, limit: int | None = None) -> list[StatementRecord]:
        """Statements made on or before ``as_of`` (default today), at their latest version, oldest first."""
        return self._statements(as_of=as_of, status=status, actor=actor, limit=limit)

    def candidates(self, limit: int | None = None) -> list[StatementRecord]:
        """Statements the extractor proposed that nobody has reviewed yet."""
        return self._statements(as_of=None, status="candidate", limit=limit)

    def add_candidates(self, source: Mapping[str, Any], statements: Sequence[Mapping[str, Any]], *,
                       by: str) -> tuple[str, list[str]]:
        """Record one article and the extractor's candidate statements from it in one transaction.

        ``source`` holds the ``SourceIn`` fields; each statement the ``StatementIn`` fields plus ``extraction``.
        Either the source and all its candidates are written or nothing is. Returns (source id, statement ids).
        """
        src = check(SourceIn, dict(source))
        rows = []
        for st in statements:
            fields = {k: v for k, v in st.items() if k != "extraction"}
            data = check(StatementIn, {**fields, "source_url": src.url, "source_title": src.title,
                                       "publisher": src.publisher, "published": src.published,
                                       "content_hash": src.content_hash})
            rows.append((data, {**dict(st.get("extraction") or {}), "proposal": _statement_fields(data)}))

        def go(c: Connection) -> tuple[str, list[str]]:
            cache: dict[str, str] = {}
            sid = self._ensure_source(c, src, by, cache=cache)
            ids = [self._insert_statement(c, data, status="candidate", extraction=meta, by=by,
                                          why="proposed by the extractor", source_cache=cache)
                   for data, meta in rows]
            return sid, ids

        return self._write(go)

    def _statements(self, as_of: dt.date | str | None, status: str | None, actor: str | None = None,
                    ids: Sequence[str] | None = None, limit: int | None = None) -> list[StatementRecord]:
        day = as_of_day(as_of)
        v, src = s.statement_versions, s.sources
        head = select(v.c.statement_id, func.max(v.c.seq).label("seq")).group_by(v.c.statement_id)
        if ids is not None:
            head = head.where(v.c.statement_id.in_(ids))
        head_q = head.subquery()
        q = (select(v, src.c.url.label("source_url"), src.c.title.label("source_title"), src.c.publisher,
                    src.c.published)
             .join(head_q, v.c.seq == head_q.c.seq).join(src, src.c.id == v.c.source_id)
             .where(v.c.date <= day).order_by(v.c.date, v.c.statement_id))
        if status is not None:
            q = q.where(v.c.status == status)
        if actor is not None:
            q = q.where(v.c.actor == actor.upper())
        if limit is not None:
            q = q.limit(limit)
        with self._connect() as c:
            return [_statement_record(r) for r in c.execute(q).mappings()]

    # --- pledges ------------------------------------------------------------------------------------------

    def add_pledge(self, *, provider: str, capability: str, date: dt.date | str, quantity: float | str | None = None,
                   unit: str = "", conditions: Sequence[str] | str = (), status: str = "announced",
                   statement_id: str | None = None, source_url: str | None = None, notes: str = "",
                   id: str | None = None, by: str, why: str = "added") -> str:
        """Append a pledge entered by hand; it needs a statement or a source URL as its evidence."""
        data = check(PledgeIn, {"id": id, "provider": provider, "capability": capability, "date": date,
                                "quantity": quantity, "unit": unit, "conditions": conditions, "status": status,
                                "statement_id": statement_id, "source_url": source_url, "notes": notes})
        return self._write(lambda c: self._insert_pledge(c, data, by=by, why=why))

    def _insert_pledge(self, c: Connection, data: PledgeIn, *, by: str, why: str, source_id: str | None = None,
                       statement_sources: Mapping[str, str] | None = None) -> str:
        if source_id is None and data.source_url:
            source_id = self._ensure_source(c, SourceIn(url=data.source_url), by)
        if data.statement_id:
            sid = (statement_sources or {}).get(data.statement_id)
            if sid is None:
                try:
                    sid = self._statement_head(c, data.statement_id)["source_id"]
                except NotFoundError:
                    raise LedgerError(f"pledge cites statement {data.statement_id!r}, which is not in the ledger",
                                      field="statement_id") from None
            source_id = source_id or sid
        if source_id is None:
            raise LedgerError("a pledge needs its evidence: a statement_id or a source_url", field="source_url")
        pid = data.id or f"{data.provider.lower()}-{data.capability}-{data.date.isoformat()}-{uuid.uuid4().hex[:6]}"
        if c.execute(select(s.pledges.c.id).where(s.pledges.c.id == pid)).first() is not None:
            raise LedgerError(f"a pledge with id {pid!r} already exists (amend it instead)", field="id")
        now = _now()
        c.execute(insert(s.pledges).values(id=pid, created_at=now, created_by=by))
        c.execute(insert(s.pledge_versions).values(
            pledge_id=pid, version=1, recorded_at=now, recorded_by=by, action="add", why=why,
            statement_id=data.statement_id, source_id=source_id, **_pledge_columns(data)))
        return pid

    def _pledge_head(self, c: Connection, pledge_id: str) -> dict[str, Any]:
        c.execute(select(s.pledges.c.id).where(s.pledges.c.id == pledge_id).with_for_update())
        v = s.pledge_versions
        row = c.execute(select(v).where(v.c.pledge_id == pledge_id).order_by(v.c.seq.desc()).limit(1)
                        ).mappings().first()
        if row is None:
            raise NotFoundError(f"no pledge {pledge_id!r} in the ledger", field="id")
        return dict(row)

    def _pledges_resting_on(self, c: Connection, statement_id: str) -> list[str]:
        """Pledges not withdrawn whose latest version cites this statement as its evidence."""
        v = s.pledge_versions
        ids = c.execute(select(v.c.pledge_id).where(v.c.statement_id == statement_id).distinct()).scalars().all()
        out = []
        for pledge_id in sorted(ids):
            head = self._pledge_head(c, pledge_id)
            if head["statement_id"] == statement_id and head["status"] != "withdrawn":
                out.append(pledge_id)
        return out

    def _append_pledge(self, c: Connection, head: dict[str, Any], changes: dict[str, Any], *, action: str, by: str,
                       why: str) -> None:
        row = {k: v for k, v in head.items() if k != "seq"}
        row.update(changes, version=head["version"] + 1, recorded_at=_now(), recorded_by=by, action=action, why=why)
        c.execute(insert(s.pledge_versions).values(**row))

    def advance(self, pledge_id: str, status: str, date: dt.date | str, *, by: str, why: str = "",
                source_url: str | None = None, quantity: float | str | None = None) -> PledgeRecord:
        """Move a pledge to a later lifecycle stage (announced → committed → allocated → deployed)."""
        def go(c: Connection) -> None:
            head = self._pledge_head(c, pledge_id)
            data = check(PledgeIn, {**_pledge_in_dict(head), "status": status, "date": date,
                                    **({"quantity": quantity} if quantity is not None else {})})
            if data.status == "withdrawn":
                raise LedgerError("use withdraw to withdraw a pledge", field="status")
            if head["status"] == "withdrawn" or PLEDGE_STAGES.index(data.status) <= PLEDGE_STAGES.index(head["status"]):
                raise LedgerError(f"pledge {pledge_id!r} is {head['status']}; it can only move forward "
                                  f"({' → '.join(PLEDGE_STAGES)})", field="status")
            if data.date < head["date"]:
                raise LedgerError(f"stage date {data.date} is before the current stage's {head['date']}", field="date")
            changes = _pledge_columns(data)
            if source_url:
                changes["source_id"] = self._ensure_source(c, check(SourceIn, {"url": source_url}), by)
            self._append_pledge(c, head, changes, action="advance", by=by, why=why or f"now {data.status}")

        self._write(go)
        return self.pledge(pledge_id)

    def pledge(self, pledge_id: str, as_of: dt.date | str | None = None) -> PledgeRecord:
        rows = self._pledges(as_of=as_of, include_withdrawn=True, ids=[pledge_id])
        if not rows:
            raise NotFoundError(f"no pledge {pledge_id!r} in the ledger" + (f" as of {as_of}" if as_of else ""),
                                field="id")
        return rows[0]

    def pledges(self, as_of: dt.date | str | None = None, include_withdrawn: bool = False,
                provider: str | None = None) -> list[PledgeRecord]:
        """Pledges at the stage they had reached on ``as_of`` (default today); withdrawn ones left out unless asked."""
        return self._pledges(as_of=as_of, include_withdrawn=include_withdrawn, provider=provider)

    def pledge_rows(self, as_of: dt.date | str | None = None) -> list[PledgeRow]:
        """Active pledges on ``as_of`` as light tuples (no stage dates): what ``coalition.gap`` aggregates."""
        day = as_of_day(as_of)
        v = s.pledge_versions
        head = (select(v.c.pledge_id, func.max(v.c.seq).label("seq")).where(v.c.date <= day)
                .group_by(v.c.pledge_id).subquery())
        q = (select(*[v.c[k] for k in PLEDGE_ROW_COLUMNS]).join(head, v.c.seq == head.c.seq)
             .where(v.c.status != "withdrawn").order_by(v.c.date, v.c.pledge_id))
        with self._connect() as c:
            return [pledge_row(t) for t in c.execute(q).all()]

    def _pledges(self, as_of: dt.date | str | None, include_withdrawn: bool, provider: str | None = None,
                 ids: Sequence[str] | None = None) -> list[PledgeRecord]:
        day = as_of_day(as_of)
        v = s.pledge_versions
        head = select(v.c.pledge_id, func.max(v.c.seq).label("seq")).where(v.c.date <= day).group_by(v.c.pledge_id)
        stages = select(v.c.pledge_id, v.c.status, func.min(v.c.date).label("date")).where(v.c.date <= day)
        if ids is not None:
            head = head.where(v.c.pledge_id.in_(ids))
            stages = stages.where(v.c.pledge_id.in_(ids))
        head_q = head.subquery()
        q = select(v).join(head_q, and_(v.c.seq == head_q.c.seq)).order_by(v.c.date, v.c.pledge_id)
        if not include_withdrawn:
            q = q.where(v.c.status != "withdrawn")
        if provider is not None:
            q = q.where(v.c.provider == provider.upper())
        with self._connect() as c:
            rows = list(c.execute(q).mappings())
            reached: dict[str, dict[str, dt.date]] = {}
            for r in c.execute(stages.group_by(v.c.pledge_id, v.c.status)):
                reached.setdefault(r.pledge_id, {})[r.status] = _as_date(r.date)
        return [_pledge_record(r, reached.get(r["pledge_id"], {})) for r in rows]

    # --- amend, withdraw, history ---------------------------------------------------------------------------

    def _kind(self, c: Connection, record_id: str) -> str:
        if c.execute(select(s.statements.c.id).where(s.statements.c.id == record_id)).first():
            return "statement"
        if c.execute(select(s.pledges.c.id).where(s.pledges.c.id == record_id)).first():
            return "pledge"
        raise NotFoundError(f"no statement or pledge {record_id!r} in the ledger", field="id")

    def amend(self, record_id: str, /, *, by: str, why: str, **changes: Any) -> StatementRecord | PledgeRecord:
        """Correct fields of a statement or pledge; the old version stays in ``history``. ``why`` is required."""
        if not why.strip():
            raise LedgerError("say why the record is amended", field="why")
        if not changes:
            raise LedgerError("nothing to amend: give at least one field")

        def go(c: Connection) -> str:
            kind = self._kind(c, record_id)
            if kind == "statement":
                head = self._statement_head(c, record_id)
                self._append_statement(c, head, self._edited(c, head, changes, by), action="amend", by=by, why=why)
            else:
                head = self._pledge_head(c, record_id)
                bad = set(changes) - (set(PledgeIn.model_fields) - {"id", "status", "statement_id"})
                if bad:
                    raise LedgerError("this field cannot be amended (use advance or withdraw for the status)",
                                      field=sorted(bad)[0])
                data = check(PledgeIn, {**_pledge_in_dict(head), **changes})
                v = s.pledge_versions
                before = c.execute(select(func.max(v.c.date)).where(v.c.pledge_id == record_id,
                                                                    v.c.status != head["status"])).scalar()
                if before is not None and data.date < _as_date(before):  # stage dates never go backwards
                    raise LedgerError(f"stage date {data.date} is before the previous stage's {before}",
                                      field="date")
                cols = _pledge_columns(data)
                if data.source_url:
                    cols["source_id"] = self._ensure_source(c, SourceIn(url=data.source_url), by)
                self._append_pledge(c, head, cols, action="amend", by=by, why=why)
            return kind

        kind = self._write(go)
        return self.statement(record_id) if kind == "statement" else self.pledge(record_id)

    def withdraw(self, record_id: str, *, by: str, why: str, date: dt.date | str | None = None
                 ) -> StatementRecord | PledgeRecord:
        """Withdraw a pledge (a dated lifecycle stage) or a statement entered in error; both stay in history."""
        if not why.strip():
            raise LedgerError("say why the record is withdrawn", field="why")

        def go(c: Connection) -> str:
            kind = self._kind(c, record_id)
            if kind == "statement":
                head = self._statement_head(c, record_id)
                if head["status"] == "withdrawn":
                    raise LedgerError(f"statement {record_id!r} is already withdrawn", field="status")
                resting = self._pledges_resting_on(c, record_id)
                if resting:
                    # Withdrawing the evidence would leave those pledges counting in the gap with none behind them.
                    raise LedgerError(f"pledge {resting[0]!r} rests on statement {record_id!r}; withdraw or amend "
                                      "that pledge first", field="id")
                self._append_statement(c, head, {"status": "withdrawn"}, action="withdraw", by=by, why=why)
            else:
                head = self._pledge_head(c, record_id)
                if head["status"] == "withdrawn":
                    raise LedgerError(f"pledge {record_id!r} is already withdrawn", field="status")
                day = check(PledgeIn, {**_pledge_in_dict(head), "date": date or today()}).date
                if day < head["date"]:
                    raise LedgerError(f"withdrawal date {day} is before the current stage's {head['date']}",
                                      field="date")
                self._append_pledge(c, head, {"status": "withdrawn", "date": day}, action="withdraw", by=by, why=why)
            return kind

        kind = self._write(go)
        return self.statement(record_id) if kind == "statement" else self.pledge(record_id, as_of=None)

    def history(self, record_id: str) -> list[Version]:
        """Every version of a statement or pledge, oldest first: nothing is ever overwritten."""
        with self._connect() as c:
            kind = self._kind(c, record_id)
            v = s.statement_versions if kind == "statement" else s.pledge_versions
            key = v.c.statement_id if kind == "statement" else v.c.pledge_id
            rows = list(c.execute(select(v).where(key == record_id).order_by(v.c.seq)).mappings())
        meta = {"seq", "version", "recorded_at", "recorded_by", "action", "why", "statement_id", "pledge_id"}
        out = []
        for r in rows:
            fields = {k: _jsonable(val) for k, val in r.items() if k not in meta}
            if kind == "pledge":
                fields["statement_id"] = r["statement_id"]
            if fields.get("extraction"):
                fields["extraction"] = json.loads(fields["extraction"])
            out.append(Version(id=record_id, kind=kind, version=r["version"], seq=r["seq"], action=r["action"],
                               why=r["why"], recorded_at=_as_datetime(r["recorded_at"]),
                               recorded_by=r["recorded_by"], fields=fields))
        return out

    # --- bulk ---------------------------------------------------------------------------------------------

    def import_rows(self, statements: Sequence[StatementIn] = (), pledges: Sequence[PledgeIn] = (), *, by: str,
                    why: str = "imported", source: str = "import", statement_lines: Sequence[int] | None = None,
                    pledge_lines: Sequence[int] | None = None) -> dict[str, int]:
        """Append validated statements and pledges in ONE transaction: all of them, or none on any error.

        Rows are inserted in batches (executemany), so a 100,000-row file takes seconds, not minutes.
        ``*_lines`` give each row's line in ``source`` so that an error names it.
        """
        s_lines = list(statement_lines) if statement_lines else [None] * len(statements)
        p_lines = list(pledge_lines) if pledge_lines else [None] * len(pledges)

        def go(c: Connection) -> dict[str, int]:
            self._refuse_existing(c, statements, s.statements, source, s_lines)
            self._refuse_existing(c, pledges, s.pledges, source, p_lines)
            now = _now()
            source_ids = self._bulk_sources(c, [x.source() for x in statements], by, now)
            statement_sources: dict[str, str] = {}
            ids: list[str] = []
            for x in statements:
                sid = x.id or f"{x.actor.lower()}-{x.date.isoformat()}-{uuid.uuid4().hex[:10]}"
                ids.append(sid)
                statement_sources[sid] = source_ids[x.content_hash or x.source_url]
            for i in range(0, len(statements), 2000):
                chunk = range(i, min(i + 2000, len(statements)))
                c.execute(insert(s.statements), [{"id": ids[j], "created_at": now, "created_by": by} for j in chunk])
                c.execute(insert(s.statement_versions), [
                    {"statement_id": ids[j], "version": 1, "recorded_at": now, "recorded_by": by, "action": "add",
                     "why": why, "status": "accepted", "source_id": statement_sources[ids[j]], "extraction": None,
                     **_statement_columns(statements[j])} for j in chunk])
            pledge_rows, version_rows = [], []
            missing = {p.statement_id for p in pledges if p.statement_id and p.statement_id not in statement_sources}
            statement_sources.update(self._head_sources(c, sorted(missing)))
            url_sources: dict[str, str] = {}  # an export names each pledge's source URL: one lookup per URL
            for p, line in zip(pledges, p_lines, strict=True):
                with _at(source, line):
                    src = None
                    if p.source_url:
                        src = self._ensure_source(c, SourceIn(url=p.source_url), by, cache=url_sources)
                    if p.statement_id:
                        if p.statement_id not in statement_sources:
                            raise LedgerError(f"pledge cites statement {p.statement_id!r}, which is not in the "
                                              "ledger", field="statement_id")
                        src = src or statement_sources[p.statement_id]
                    if src is None:
                        raise LedgerError("a pledge needs its evidence: a statement_id or a source_url",
                                          field="source_url")
                pid = p.id or f"{p.provider.lower()}-{p.capability}-{p.date.isoformat()}-{uuid.uuid4().hex[:6]}"
                pledge_rows.append({"id": pid, "created_at": now, "created_by": by})
                version_rows.append({"pledge_id": pid, "version": 1, "recorded_at": now, "recorded_by": by,
                                     "action": "add", "why": why, "statement_id": p.statement_id, "source_id": src,
                                     **_pledge_columns(p)})
            for i in range(0, len(pledge_rows), 2000):
                c.execute(insert(s.pledges), pledge_rows[i:i + 2000])
                c.execute(insert(s.pledge_versions), version_rows[i:i + 2000])
            return {"statements": len(statements), "pledges": len(pledges)}

        return self._write(go)

    def _bulk_sources(self, c: Connection, srcs: Sequence[SourceIn], by: str, now: dt.datetime) -> dict[str, str]:
        """Ids for many sources at once (existing ones reused by hash, else URL); the new ones inserted together."""
        wanted: dict[str, SourceIn] = {}
        for x in srcs:
            wanted.setdefault(x.content_hash or x.url, x)
        found: dict[str, str] = {}
        t = s.sources
        hashes = [k for k, x in wanted.items() if x.content_hash]
        urls = [k for k, x in wanted.items() if not x.content_hash]
        for i in range(0, len(hashes), 500):
            for r in c.execute(select(t.c.id, t.c.content_hash).where(t.c.content_hash.in_(hashes[i:i + 500]))):
                found[r.content_hash] = r.id
        for i in range(0, len(urls), 500):
            for r in c.execute(select(t.c.id, t.c.url).where(t.c.url.in_(urls[i:i + 500]))
                               .order_by(t.c.recorded_at)):
                found[r.url] = r.id  # the latest recorded wins, as in _ensure_source
        new = [{"id": source_id_for(x.url, x.content_hash), "url": x.url, "title": x.title,
                "publisher": x.publisher, "published": x.published, "content_hash": x.content_hash,
                "recorded_at": now, "recorded_by": by} for k, x in wanted.items() if k not in found]
        for i in range(0, len(new), 2000):
            c.execute(insert(t), new[i:i + 2000])
        for row, (k, _) in zip(new, [(k, x) for k, x in wanted.items() if k not in found], strict=True):
            found[k] = row["id"]
        return found

    def _head_sources(self, c: Connection, statement_ids: Sequence[str]) -> dict[str, str]:
        v = s.statement_versions
        out: dict[str, str] = {}
        for i in range(0, len(statement_ids), 500):
            chunk = statement_ids[i:i + 500]
            heads = (select(func.max(v.c.seq)).where(v.c.statement_id.in_(chunk)).group_by(v.c.statement_id))
            for r in c.execute(select(v.c.statement_id, v.c.source_id).where(v.c.seq.in_(heads))):
                out[r.statement_id] = r.source_id
        return out

    def _refuse_existing(self, c: Connection, rows: Sequence[StatementIn | PledgeIn], table: Any, source: str,
                         lines: Sequence[int | None]) -> None:
        where = {x.id: lines[i] for i, x in enumerate(rows) if x.id}
        ids = list(where)
        for i in range(0, len(ids), 500):
            found = c.execute(select(table.c.id).where(table.c.id.in_(ids[i:i + 500])).limit(1)).first()
            if found is not None:
                raise LedgerError(f"id {found.id!r} is already in the ledger (amend it instead)", source=source,
                                  line=where[found.id], field="id")

    def latest_stances(self, as_of: dt.date | str | None = None, about_troops: bool = False) -> dict[str, str]:
        """Each actor's stance in its latest accepted statement on or before ``as_of``.

        ``about_troops``: only statements that take a position on sending troops (a refusal or opposition, or a
        pledging stance with troops among the commitments or manoeuvre as the capability), so that "no US
        troops" stands until the actor says otherwise about troops, whatever else it says meanwhile.
        One query: per actor, walk the (actor, date, seq) index backwards to the first matching current version.
        """
        day = as_of_day(as_of)
        v, w = s.statement_versions, s.statement_versions.alias("w")
        actors = select(v.c.actor).distinct().subquery("a")
        newer = select(w.c.seq).where(w.c.statement_id == v.c.statement_id, w.c.seq > v.c.seq).exists()
        extra = []
        if about_troops:
            extra.append(or_(v.c.stance.in_(REFUSING), and_(v.c.stance.in_(PLEDGING_STANCES), or_(
                v.c.capability == "manoeuvre", v.c.commitments.like("%troops%")))))
        latest = (select(v.c.stance).where(v.c.actor == actors.c.actor, v.c.date <= day, v.c.status == "accepted",
                                           ~newer, *extra)
                  .order_by(v.c.date.desc(), v.c.seq.desc()).limit(1).correlate(actors).scalar_subquery())
        with self._connect() as c:
            rows = c.execute(select(actors.c.actor, latest.label("stance")).order_by(actors.c.actor))
            return {r.actor: r.stance for r in rows if r.stance is not None}

    def statement_counts(self, as_of: dt.date | str | None = None) -> tuple[int, int]:
        """How many accepted statements were made on or before ``as_of``, and by how many actors."""
        day = as_of_day(as_of)
        v, w = s.statement_versions, s.statement_versions.alias("w")
        newer = select(w.c.seq).where(w.c.statement_id == v.c.statement_id, w.c.seq > v.c.seq).exists()
        q = select(func.count(), func.count(distinct(v.c.actor))).where(v.c.status == "accepted", v.c.date <= day,
                                                                        ~newer)
        with self._connect() as c:
            n, actors = c.execute(q).one()
        return int(n), int(actors)

    def counts(self) -> dict[str, int]:
        with self._connect() as c:
            return {"sources": c.execute(select(func.count()).select_from(s.sources)).scalar_one(),
                    "statements": c.execute(select(func.count()).select_from(s.statements)).scalar_one(),
                    "statement_versions": c.execute(select(func.count()).select_from(s.statement_versions))
                    .scalar_one(),
                    "pledges": c.execute(select(func.count()).select_from(s.pledges)).scalar_one(),
                    "pledge_versions": c.execute(select(func.count()).select_from(s.pledge_versions)).scalar_one()}

    def is_empty(self) -> bool:
        with self._connect() as c:
            return c.execute(select(s.statements.c.id).limit(1)).first() is None

    def close(self) -> None:
        self.engine.dispose()


# --- helpers -----------------------------------------------------------------------------------------------

@contextmanager
def _at(source: str, line: int | None) -> Iterator[None]:
    """Give a LedgerError raised while writing one imported row that row's file and line."""
    try:
        yield
    except LedgerError as exc:
        if exc.source is None:
            raise LedgerError(exc.message, source=source, line=line, field=exc.field) from None
        raise


def _jsonable(v: Any) -> Any:
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    if isinstance(v, tuple):
        return [_jsonable(x) for x in v]
    return v


def _statement_columns(d: StatementIn) -> dict[str, Any]:
    return {"actor": d.actor, "speaker": d.speaker, "date": d.date, "stance": str(d.stance),
            "commitments": _join(d.commitments), "capability": str(d.capability) if d.capability else None,
            "quantity": d.quantity, "unit": d.unit, "conditions": _join(d.conditions), "quote": d.quote,
            "quote_kind": d.quote_kind, "notes": d.notes}


def _statement_fields(d: StatementIn) -> dict[str, Any]:
    return {k: _jsonable(v) for k, v in d.model_dump(mode="json").items() if k != "id"}


def _pledge_columns(d: PledgeIn) -> dict[str, Any]:
    return {"provider": d.provider, "capability": str(d.capability), "quantity": d.quantity, "unit": d.unit,
            "conditions": _join(d.conditions), "status": d.status, "date": d.date, "notes": d.notes}


def _pledge_in_dict(head: Mapping[str, Any]) -> dict[str, Any]:
    return {"provider": head["provider"], "capability": head["capability"], "quantity": head["quantity"],
            "unit": head["unit"], "conditions": head["conditions"], "status": head["status"], "date": head["date"],
            "statement_id": head["statement_id"], "notes": head["notes"]}


def _engine(url: str) -> Engine:
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": 60})
            _sqlite_events(engine)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise LedgerError(f"cannot open ledger {redact(url)}: {exc}", field="db") from None  # never the password


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below), so pysqlite must not; WAL lets readers run beside one writer.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock at BEGIN, so two writers queue instead of deadlocking on upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("ceasefire_write") else "BEGIN")


def open_ledger(url: str | None = None, *, migrate: bool = True) -> Ledger:
    """Open (and create or migrate) the ledger at ``url``, ``CEASEFIRE_DB``, or the user's data directory."""
    full = normalise_url(url or default_url())
    ledger = Ledger(_engine(full), full)
    if migrate:
        try:
            ledger.migrate()
        except OperationalError as exc:
            ledger.close()
            raise LedgerError(f"cannot open ledger {redact(full)}: {str(exc.orig).splitlines()[0]}",
                              field="db") from None
        except BaseException:
            ledger.close()
            raise
    return ledger
