"""``ceasefire ingest | extract | review`` through the real CLI, each test on its own ledger file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"CEASEFIRE_DB": f"sqlite:///{tmp_path / 'ledger.db'}", "CEASEFIRE_REVIEWER": "tester"}


def _articles(tmp_path: Path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    (d / "uk.txt").write_text("Britain is ready to send up to 10,000 troops to Ukraine, Keir Starmer said.",
                              encoding="utf-8")
    (d / "it.txt").write_text("Italy has ruled out sending troops, Giorgia Meloni said.", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "bin.dat").write_bytes(b"\x00\xff" * 50)
    return d


def test_ingest_stores_good_files_and_names_each_bad_one(tmp_path: Path, env: dict[str, str], cli: Any) -> None:
    news = _articles(tmp_path)
    r = cli("ingest", str(news), "--published", "2025-03-06", "--json", env=env)
    assert r.returncode == 2
    errors = r.stderr.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith("error: ") for e in errors)
    assert any("empty.txt: file is empty" in e for e in errors) and any("bin.dat: binary file" in e for e in errors)
    assert "Traceback" not in r.stderr
    report = json.loads(r.stdout)
    assert report["added_candidates"] == 2 and len(report["documents"]) == 2
    # the same articles again add nothing
    again = json.loads(cli("ingest", str(news / "uk.txt"), str(news / "it.txt"), "--json", env=env).stdout)
    assert again["added_candidates"] == 0 and all(d["duplicate"] for d in again["documents"])
    listed = json.loads(cli("review", "list", "--json", env=env).stdout)
    assert sorted((s["actor"], s["stance"], s["status"]) for s in listed) == [
        ("GBR", "willing", "candidate"), ("ITA", "refuses", "candidate")]
    gbr = next(s for s in listed if s["actor"] == "GBR")
    assert gbr["quantity"] == 10000 and gbr["unit"] == "troops" and gbr["extraction"]["cue"] == "ready to"
    assert gbr["source_url"].startswith("https://ceasefire.invalid/sha256/")


def test_review_accept_reject_edit_keep_proposal_and_correction(tmp_path: Path, env: dict[str, str], cli: Any) -> None:
    news = _articles(tmp_path)
    cli("ingest", str(news / "uk.txt"), str(news / "it.txt"), "--published", "2025-03-06", env=env)
    listed = {s["actor"]: s for s in json.loads(cli("review", "list", "--json", env=env).stdout)}
    edited = cli("review", "edit", listed["GBR"]["id"], "--stance", "conditional", "--conditions",
                     "us_backstop", "--why", "the backstop is in the next sentence", "--json", env=env)
    assert edited.returncode == 0, edited.stderr
    row = json.loads(edited.stdout)[0]
    assert row["status"] == "accepted" and row["stance"] == "conditional" and row["conditions"] == ["us_backstop"]
    assert row["extraction"]["proposal"]["stance"] == "willing"
    assert row["extraction"]["correction"] == {"stance": "conditional", "conditions": "us_backstop"}
    assert row["extraction"]["reviewed_by"] == "tester"
    rejected = cli("review", "reject", listed["ITA"]["id"], "--why", "duplicate", "--json", env=env)
    assert json.loads(rejected.stdout)[0]["status"] == "rejected"
    assert json.loads(cli("review", "list", "--json", env=env).stdout) == []
    accepted = json.loads(cli("review", "list", "--status", "accepted", "--json", env=env).stdout)
    assert [s["actor"] for s in accepted] == ["GBR"]
    # reviewing twice, or a record that does not exist: one line, exit 2, the other ids still done
    r = cli("review", "accept", listed["GBR"]["id"], "no-such-id", env=env)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 2 and "Traceback" not in r.stderr
    bad = cli("review", "edit", listed["ITA"]["id"], "--stance", "maybe", env=env)
    assert bad.returncode == 2 and "stance" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_extract_prints_without_storing(tmp_path: Path, env: dict[str, str], cli: Any) -> None:
    r = cli("extract", "-", "--published", "2025-03-06", "--json", env=env,
                input="Germany is not prepared to send soldiers, a government spokesman said.")
    assert r.returncode == 0, r.stderr
    (s,) = json.loads(r.stdout)
    assert (s["actor"], s["stance"], s["cue"]) == ("DEU", "refuses", "is not prepared to send")
    assert s["quote"] and s["start"] == 0 and s["document"] == "<stdin>"
    assert not (tmp_path / "ledger.db").exists()
    human = cli("extract", "-", input="Italy ruled out troops.", env=env)
    assert "ITA" in human.stdout and "refuses" in human.stdout
    missing = cli("extract", str(tmp_path / "nope.txt"), env=env)
    assert missing.returncode == 2 and missing.stderr.strip().endswith("no such file")
    bad_date = cli("extract", "-", "--published", "soon", input="x", env=env)
    assert bad_date.returncode == 2 and "--published" in bad_date.stderr


def test_accepting_candidates_updates_the_ledger_and_the_gap(tmp_path: Path) -> None:
    """A candidate counts nowhere; once accepted it is a statement, a pledge and part of the gap."""
    import datetime as dt

    from ceasefire.coalition import gap
    from ceasefire.extract.review import accept, ingest_into_ledger, list_statements
    from ceasefire.ledger import open_ledger

    led = open_ledger(f"sqlite:///{tmp_path / 'gap.db'}")
    day = dt.date(2025, 3, 6)
    article = tmp_path / "uk.txt"
    article.write_text("Britain is ready to send up to 10,000 troops to Ukraine, Keir Starmer said.", encoding="utf-8")
    report = ingest_into_ledger([article], ledger=led, published=day)
    assert report.as_dict()["added_candidates"] == 1 and not report.errors
    before = gap(ledger=led, as_of=day)
    assert "GBR" not in before.stances and not any(o.provider == "GBR" for o in before.offers)
    (candidate,) = list_statements(led)
    accept(led, [candidate.id], by="tester")
    after = gap(ledger=led, as_of=day)
    assert after.stances["GBR"] == "willing"
    assert after.statements == before.statements + 1
    (offer,) = [o for o in after.offers if o.provider == "GBR"]
    assert offer.capability == "manoeuvre"
    manoeuvre = next(c for c in after.capabilities if c.capability == "manoeuvre")
    assert "GBR" in manoeuvre.providers
    assert manoeuvre.total.high >= 10000 > next(c for c in before.capabilities
                                                if c.capability == "manoeuvre").total.high
