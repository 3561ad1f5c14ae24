"""The ledger's Python API on SQLite and PostgreSQL: append-only history, review, lifecycle, as-of reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ceasefire.errors import LedgerError, NotFoundError
from ceasefire.ledger import schema

URL = "https://example.org/news/1"


def _statement(**kw):
    base = dict(actor="FRA", date="2025-03-02", stance="willing", quote="We are ready to deploy.",
                source_url=URL, source_title="Example", publisher="Example News", by="tester")
    return {**base, **kw}


def test_seed_loads_every_row(seeded):
    counts = seeded.counts()
    assert counts["statements"] == 119 and counts["pledges"] == 43
    assert counts["statement_versions"] == 119 and counts["sources"] == 116
    actors = {s.actor for s in seeded.statements()}
    assert len(actors) >= 30
    assert all(s.source_url.startswith("http") for s in seeded.statements())


def test_as_of_reads_the_ledger_as_it_stood(seeded):
    early = seeded.statements(as_of="2025-03-06")
    late = seeded.statements(as_of="2026-01-31")
    assert 0 < len(early) < len(late)
    assert all(s.date <= dt.date(2025, 3, 6) for s in early)
    assert len(seeded.pledges(as_of="2025-03-06")) < len(seeded.pledges(as_of="2026-01-31"))
    # the US intelligence pause was recorded as a withdrawn pledge: hidden unless asked for
    assert "usa-isr-2025-03-05" not in {p.id for p in seeded.pledges()}
    assert "usa-isr-2025-03-05" in {p.id for p in seeded.pledges(include_withdrawn=True)}


def test_source_is_idempotent_on_content_hash(ledger):
    a = ledger.add_source(URL, "T", "P", "2025-03-01", "abc123", by="x")
    b = ledger.add_source(URL, "T", "P", "2025-03-01", "abc123", by="y")
    assert a == b and ledger.counts()["sources"] == 1
    c = ledger.add_source(URL, "T", "P", "2025-03-01", "def456", by="x")  # the page changed: a new version
    assert c != a
    with pytest.raises(LedgerError, match="duplicate source"):
        ledger.add_source(URL, "Other", by="x", strict=True)
    assert ledger.counts()["sources"] == 2


def test_candidate_accept_keeps_proposal_and_correction(ledger):
    sid = ledger.add_statement(**_statement(stance="willing", capability="manoeuvre", status="candidate",
                                            extraction={"method": "rules", "confidence": 0.7, "cue": "ready to",
                                                        "start": 3, "end": 27}))
    assert [c.id for c in ledger.candidates()] == [sid]
    assert ledger.statements() == []  # candidates do not count
    rec = ledger.accept(sid, by="analyst", edits={"stance": "conditional", "conditions": "us_backstop"})
    assert rec.status == "accepted" and rec.stance == "conditional" and rec.conditions == ["us_backstop"]
    assert rec.extraction["proposal"]["stance"] == "willing"
    assert rec.extraction["correction"]["stance"] == "conditional"
    assert rec.extraction["confidence"] == 0.7 and rec.extraction["reviewed_by"] == "analyst"
    assert ledger.candidates() == []
    # the accepted statement pledged a capability: a pledge was derived from it
    (p,) = ledger.pledges()
    assert p.provider == "FRA" and p.statement_id == sid and p.status == "announced" and p.quantity is None
    assert [v.action for v in ledger.history(sid)] == ["add", "accept"]


def test_reject_needs_a_reason_and_keeps_the_record(ledger):
    sid = ledger.add_statement(**_statement(status="candidate"))
    with pytest.raises(LedgerError, match="why"):
        ledger.reject(sid, by="analyst", why=" ")
    rec = ledger.reject(sid, by="analyst", why="an opinion column, not policy")
    assert rec.status == "rejected" and ledger.statements() == []
    assert ledger.history(sid)[-1].why == "an opinion column, not policy"
    with pytest.raises(LedgerError, match="only candidates"):
        ledger.reject(sid, by="analyst", why="again")


def test_amend_appends_and_history_shows_every_version(ledger):
    sid = ledger.add_statement(**_statement(quantity=100, capability="manoeuvre", unit="troops"))
    ledger.amend(sid, by="a", why="the article said 1,000", quantity=1000)
    ledger.amend(sid, by="b", why="speaker named", speaker="Emmanuel Macron")
    hist = ledger.history(sid)
    assert [v.version for v in hist] == [1, 2, 3]
    assert [v.fields["quantity"] for v in hist] == [100, 1000, 1000]
    assert hist[2].recorded_by == "b" and hist[2].why == "speaker named"
    now = ledger.statement(sid)
    assert now.quantity == 1000 and now.speaker == "Emmanuel Macron" and now.version == 3
    with pytest.raises(LedgerError, match="why"):
        ledger.amend(sid, by="a", why="", quantity=1)
    with pytest.raises(LedgerError) as err:
        ledger.amend(sid, by="a", why="x", quantity=-5)
    assert err.value.field == "quantity"
    assert len(ledger.history(sid)) == 3  # the refused amendment wrote nothing


def test_pledge_lifecycle_moves_forward_with_dates(ledger):
    pid = ledger.add_pledge(provider="GBR", capability="manoeuvre", quantity=5000, unit="troops",
                            conditions=["us_backstop"], date="2025-03-02", source_url=URL, by="a")
    ledger.advance(pid, "committed", "2025-07-10", by="a", source_url="https://example.org/news/2")
    rec = ledger.advance(pid, "allocated", "2025-09-01", by="a")
    assert rec.status == "allocated"
    assert rec.stages == {"announced": dt.date(2025, 3, 2), "committed": dt.date(2025, 7, 10),
                          "allocated": dt.date(2025, 9, 1)}
    assert ledger.pledge(pid, as_of="2025-08-01").status == "committed"
    assert ledger.pledge(pid, as_of="2025-03-05").status == "announced"
    with pytest.raises(NotFoundError):
        ledger.pledge(pid, as_of="2025-01-01")
    with pytest.raises(LedgerError, match="forward"):
        ledger.advance(pid, "committed", "2025-10-01", by="a")
    with pytest.raises(LedgerError, match="before"):
        ledger.advance(pid, "deployed", "2025-08-01", by="a")
    ledger.withdraw(pid, by="a", why="government fell", date="2025-12-01")
    assert pid not in {p.id for p in ledger.pledges()}
    assert pid in {p.id for p in ledger.pledges(as_of="2025-11-30")}
    assert [v.fields["status"] for v in ledger.history(pid)] == ["announced", "committed", "allocated", "withdrawn"]


@pytest.mark.parametrize("field,value,match", [
    ("actor", "XYZ", "unknown actor"),
    ("stance", "maybe", "stance"),
    ("capability", "lasers", "capability"),
    ("date", "2999-01-01", "future"),
    ("date", "yesterday", "YYYY-MM-DD"),
    ("quantity", "-3", "greater than or equal to 0"),
    ("conditions", "if_sunny", "conditions"),
    ("source_url", "not a url", "URL"),
])
def test_bad_input_is_one_line_and_writes_nothing(ledger, field, value, match):
    with pytest.raises(LedgerError, match=match) as err:
        ledger.add_statement(**_statement(**{field: value}))
    assert err.value.field is not None and err.value.field.startswith(field)
    assert "\n" not in str(err.value)
    assert ledger.counts()["statements"] == 0 and ledger.counts()["sources"] == 0


def test_duplicate_id_is_refused(ledger):
    ledger.add_statement(**_statement(id="fra-1"))
    with pytest.raises(LedgerError, match="already exists"):
        ledger.add_statement(**_statement(id="fra-1", quote="Something else."))
    assert ledger.counts()["statement_versions"] == 1


def test_pledge_needs_evidence(ledger):
    with pytest.raises(LedgerError, match="evidence"):
        ledger.add_pledge(provider="GBR", capability="isr", date="2025-03-02", by="a")
    with pytest.raises(LedgerError, match="not in the ledger"):
        ledger.add_pledge(provider="GBR", capability="isr", date="2025-03-02", statement_id="nope", by="a")


def test_reopen_is_cheap_and_at_head(ledger_url, ledger):
    from ceasefire.ledger import open_ledger

    assert ledger.schema_version() == schema.HEAD
    again = open_ledger(ledger_url)
    assert again.schema_version() == schema.HEAD
    again.close()


def test_head_matches_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", "ceasefire.ledger:migrations")
    assert ScriptDirectory.from_config(cfg).get_current_head() == schema.HEAD


def test_migrations_create_the_tables_the_store_uses(ledger):
    from sqlalchemy import inspect

    insp = inspect(ledger.engine)
    for table in schema.metadata.tables.values():
        cols = {c["name"] for c in insp.get_columns(table.name)}
        assert cols == {c.name for c in table.columns}, table.name


def test_fast_sqlite_reader_matches_the_store(tmp_path):
    from ceasefire.ledger import open_ledger
    from ceasefire.ledger.fastread import HEAD, SqliteReader
    from ceasefire.ledger.io import load_seed

    assert HEAD == schema.HEAD
    path = tmp_path / "l.db"
    led = open_ledger(str(path))
    reader = SqliteReader(path)
    assert reader.at_head() and reader.is_empty()
    load_seed(led)
    led.withdraw("gbr-manoeuvre-2025-04-30", by="t", why="test", date="2025-06-01")
    led.amend("fra-command-2025-07-10", by="t", why="test", quantity=3)
    for day in ("2025-03-06", "2025-06-15", "2026-01-31", None):
        assert reader.pledges(day) == led.pledges(day)
        assert reader.pledges(day, include_withdrawn=True) == led.pledges(day, include_withdrawn=True)
        assert reader.pledge_rows(day) == led.pledge_rows(day)
        assert [r.id for r in led.pledge_rows(day)] == [p.id for p in led.pledges(day)]
        assert reader.latest_stances(day) == led.latest_stances(day)
        assert reader.latest_stances(day, about_troops=True) == led.latest_stances(day, about_troops=True)
        assert reader.statement_counts(day) == led.statement_counts(day)
    assert not SqliteReader(tmp_path / "missing.db").at_head()


def test_an_old_ledger_is_migrated_to_head_on_open(ledger_url):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from ceasefire.ledger import open_ledger

    old = open_ledger(ledger_url, migrate=False)
    with old.engine.connect() as c, c.begin():
        cfg = Config()
        cfg.set_main_option("script_location", "ceasefire.ledger:migrations")
        cfg.attributes["connection"] = c
        command.upgrade(cfg, "0001_initial")
    assert old.schema_version() == "0001_initial"
    led = open_ledger(ledger_url)
    assert led.schema_version() == schema.HEAD
    names = {ix["name"] for ix in inspect(led.engine).get_indexes("statement_versions")}
    assert "ix_statement_versions_actor" in names


def test_a_ledger_from_a_newer_version_is_refused_not_migrated(ledger):
    from sqlalchemy import text

    from ceasefire.errors import LedgerError
    from ceasefire.ledger import open_ledger

    with ledger.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(LedgerError, match="newer than this version"):
        open_ledger(ledger.url)
    with ledger.engine.connect() as c:  # untouched: nothing was downgraded or re-created
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_future"



def test_fast_sqlite_reader_closes_its_connections(tmp_path, monkeypatch):
    # ``with sqlite3.connect()`` ends a transaction but does not close: each read would hold a file handle until GC.
    import sqlite3

    from ceasefire.ledger import open_ledger
    from ceasefire.ledger.fastread import SqliteReader

    opened: list[Any] = []
    closed: list[Any] = []

    class Tracked(sqlite3.Connection):
        def close(self) -> None:
            closed.append(self)
            super().close()

    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(*args, factory=Tracked, **kwargs)
        opened.append(conn)
        return conn

    path = tmp_path / "l.db"
    open_ledger(str(path)).close()
    monkeypatch.setattr(sqlite3, "connect", connect)
    reader = SqliteReader(path)
    assert reader.at_head() and reader.is_empty()
    reader.pledge_rows("2025-03-06"), reader.latest_stances("2025-03-06"), reader.statement_counts(None)
    assert len(opened) == 5 and closed == opened


def test_amending_a_stage_date_cannot_move_it_before_the_previous_stage(ledger):
    # Otherwise a pledge committed in July, "corrected" to February, reads as committed on a March day.
    pid = ledger.add_pledge(provider="GBR", capability="manoeuvre", quantity=5000, unit="troops",
                            date="2025-03-02", source_url=URL, by="a")
    ledger.advance(pid, "committed", "2025-07-10", by="a")
    with pytest.raises(LedgerError, match="before the previous stage"):
        ledger.amend(pid, by="a", why="wrong date", date="2025-02-01")
    assert ledger.pledge(pid, as_of="2025-03-05").status == "announced"
    rec = ledger.amend(pid, by="a", why="it was the 9th", date="2025-07-09")  # still after March: fine
    assert rec.date == dt.date(2025, 7, 9) and rec.status == "committed"
    ledger.amend(pid, by="a", why="same day as the announcement", date="2025-03-02")


def test_the_evidence_of_a_live_pledge_cannot_be_withdrawn_from_under_it(seeded):
    from ceasefire.errors import LedgerError

    pledge = seeded.pledge("gbr-manoeuvre-2025-04-30", as_of=None)
    evidence = pledge.statement_id
    with pytest.raises(LedgerError, match="rests on statement"):
        seeded.withdraw(evidence, by="t", why="entered in error")
    assert seeded.statement(evidence).status == "accepted"  # nothing written
    seeded.withdraw(pledge.id, by="t", why="entered in error", date="2025-05-01")
    assert seeded.withdraw(evidence, by="t", why="entered in error").status == "withdrawn"
