"""No data is lost: a killed import leaves all or none of its file; concurrent writers lose no entry.

Real processes against a real database: the import runs in the ``ceasefire`` CLI and is killed with SIGKILL
while its transaction is writing; the writers are eight separate Python processes.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ceasefire.ledger import open_ledger

ROWS = 25_000


def _big_csv(path: Path, n: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "actor", "date", "stance", "quote", "source_url", "source_title"])
        for i in range(n):
            w.writerow([f"bulk-{i:06d}", "FRA", "2025-06-01", "willing", f"statement {i}",
                        f"https://example.org/a/{i % 5000}", f"Article {i % 5000}"])


def _writing(url: str, db_file: Path | None) -> bool:
    """True once the import's transaction has started writing rows (seen from outside the process)."""
    if db_file is not None:
        wal = db_file.with_name(db_file.name + "-wal")
        return wal.exists() and wal.stat().st_size > 512 * 1024
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        n = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE state <> 'idle' AND xact_start IS NOT NULL "
                         "AND query ILIKE 'INSERT INTO statement%' AND pid <> pg_backend_pid()").fetchone()[0]
    return n > 0


@pytest.mark.slow
def test_sigkill_mid_import_leaves_all_or_nothing(ledger_url, tmp_path):
    led = open_ledger(ledger_url)
    led.add_statement(actor="GBR", date="2025-03-02", stance="willing", quote="before", by="t",
                      source_url="https://example.org/before")
    before = led.counts()
    big = tmp_path / "statements.csv"
    _big_csv(big, ROWS)
    db_file = Path(ledger_url.split("///", 1)[1]) if ledger_url.startswith("sqlite") else None
    env = {**os.environ, "CEASEFIRE_DB": ledger_url}
    proc = subprocess.Popen([sys.executable, "-m", "ceasefire", "ledger", "import", str(big), "--by", "killer"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    killed_mid_write = False
    while time.monotonic() < deadline and proc.poll() is None:
        if _writing(ledger_url, db_file):
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed_mid_write = True
            break
        time.sleep(0.02)
    proc.wait(timeout=30)
    assert killed_mid_write, f"the import finished before it could be killed: {proc.stderr.read().decode()[-500:]}"
    assert proc.returncode == -signal.SIGKILL
    after = open_ledger(ledger_url)  # reopening recovers (SQLite rolls back the WAL's uncommitted frames)
    counts = after.counts()
    assert counts == before, counts  # none of the file
    assert [s.quote for s in after.statements()] == ["before"]
    if db_file is not None:
        with __import__("sqlite3").connect(db_file) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # and the same file imports completely afterwards: all of it
    r = subprocess.run([sys.executable, "-m", "ceasefire", "ledger", "import", str(big), "--json"], env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert after.counts()["statements"] == before["statements"] + ROWS


WRITER = textwrap.dedent("""
    import sys
    from ceasefire.ledger import open_ledger
    url, me, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    led = open_ledger(url)
    for i in range(n):
        led.add_statement(actor="DEU", date="2025-06-01", stance="hesitant", quote=f"{me} {i}", by=me,
                          source_url=f"https://example.org/{me}/{i}", id=f"w-{me}-{i}")
        led.amend("shared", by=me, why=f"{me} amendment {i}", notes=f"{me} {i}")
""")


@pytest.mark.slow
def test_eight_concurrent_writers_lose_nothing(ledger_url):
    led = open_ledger(ledger_url)
    led.add_statement(actor="FRA", date="2025-03-02", stance="willing", quote="shared", id="shared", by="t",
                      source_url="https://example.org/shared")
    n = 8
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, ledger_url, f"writer{k}", str(n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for k in range(8)]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err.decode()[-2000:]
    ids = {s.id for s in led.statements()}
    for k in range(8):
        for i in range(n):
            assert f"w-writer{k}-{i}" in ids
    hist = led.history("shared")
    assert len(hist) == 1 + 8 * n
    assert [v.version for v in hist] == list(range(1, 2 + 8 * n))
    whys = {v.why for v in hist}
    assert all(f"writer{k} amendment {i}" in whys for k in range(8) for i in range(n))
