"""The ledger, gap and plan commands through the real CLI: stable JSON, one-line errors, nothing half-written."""

from __future__ import annotations

import json

import pytest

from ceasefire.ledger import open_ledger


@pytest.fixture
def db(ledger_url):
    from ceasefire.ledger.io import load_seed

    load_seed(open_ledger(ledger_url))
    return ledger_url


def _one_line_error(r, *needles):
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stderr
    for n in needles:
        assert n in r.stderr, r.stderr


def test_init_if_empty_and_refusal(ledger_url, cli):
    db = ledger_url
    r = cli("ledger", "init", "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["counts"]["statements"] == 119
    r = cli("ledger", "init", "--db", db, "--if-empty", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["loaded"] is False
    _one_line_error(cli("ledger", "init", "--db", db), "already holds 119 statements")


def test_gap_differs_between_march_2025_and_january_2026(db, cli):
    early = json.loads(cli("gap", "--db", db, "--as-of", "2025-03-06", "--json").stdout)
    late = json.loads(cli("gap", "--db", db, "--as-of", "2026-01-31", "--json").stdout)
    caps = {c["capability"]: c for c in late["capabilities"]}
    assert {"manoeuvre", "isr", "air_defence", "counter_drone"} <= set(caps)
    for c in late["capabilities"]:
        assert {"requirement", "firm", "conditional", "total", "gap_firm", "gap_total", "providers"} <= set(c)
    man_early = next(c for c in early["capabilities"] if c["capability"] == "manoeuvre")
    man_late = caps["manoeuvre"]
    assert man_early["providers"] == ["GBR"]
    assert len(man_late["providers"]) > 5
    assert man_late["total"]["high"] > man_early["total"]["high"]
    assert man_late["total"]["low"] >= 10_000  # the UK's reported 'up to 10,000' is on record by then
    assert early["pledges"] < late["pledges"] and early["statements"] < late["statements"]
    assert late["conditions"] and late["conditions"][0]["troops"]["high"] > 0
    assert early["stances"]["USA"] != late["stances"]["USA"] or early["stances"] != late["stances"]


def test_plan_json_per_capability(db, cli):
    r = cli("plan", "--db", db, "--as-of", "2026-01-31", "--json")
    assert r.returncode == 0, r.stderr
    p = json.loads(r.stdout)
    assert p["feasible"] is True and 0 < p["max_burden"] <= 1
    for cap, need in p["requirement"].items():
        assert p["covered"][cap] >= need
    rows = {r["provider"]: r for r in p["rows"]}
    # Italy and Poland ruled out troops (and offered monitoring, a logistics hub): enablers from outside only;
    # the US "no ground troops" stands although its later statements are about monitoring; Spain reversed its
    # refusal in January 2026 and may send troops.
    for refuser in ("ITA", "POL", "USA"):
        assert not rows.get(refuser, {}).get("contributions", {}).get("manoeuvre"), refuser
        assert set(rows.get(refuser, {}).get("contributions", {})) <= {"isr"}
    assert "ESP" in rows
    r = cli("plan", "--db", db, "--as-of", "2025-03-06", "--pledging-only", "--json")
    q = json.loads(r.stdout)
    assert q["feasible"] is False and q["binding"] and sum(q["shortfall"].values()) > 0


def test_add_amend_history_show_withdraw(db, cli):
    r = cli("ledger", "add", "statement", "--db", db, "--actor", "NLD", "--date", "2025-04-01", "--stance",
            "willing", "--quote", "We will contribute.", "--source-url", "https://example.org/nl", "--capability",
            "manoeuvre", "--quantity", "300", "--unit", "troops", "--id", "nld-test", "--by", "ann", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["quantity"] == 300
    r = cli("ledger", "amend", "nld-test", "--db", db, "--set", "quantity=250", "--why", "corrected", "--by", "bob")
    assert r.returncode == 0, r.stderr
    h = json.loads(cli("ledger", "history", "nld-test", "--db", db, "--json").stdout)
    assert [(v["version"], v["recorded_by"], v["fields"]["quantity"]) for v in h] == [(1, "ann", 300), (2, "bob", 250)]
    shown = json.loads(cli("ledger", "show", "nld-test", "--db", db, "--json").stdout)
    assert shown["quantity"] == 250
    _one_line_error(cli("ledger", "show", "nld-test", "--db", db, "--as-of", "2025-03-31"), "as of 2025-03-31")
    pledges = json.loads(cli("ledger", "list", "pledges", "--db", db, "--actor", "NLD", "--json").stdout)
    (derived,) = [p for p in pledges if p["statement_id"] == "nld-test"]
    r = cli("ledger", "advance", derived["id"], "--db", db, "--status", "committed", "--date", "2025-05-10",
            "--source-url", "https://example.org/nl-cabinet", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["stages"] == {"announced": "2025-04-01", "committed": "2025-05-10"}
    r = cli("ledger", "withdraw", derived["id"], "--db", db, "--why", "cabinet fell", "--date", "2025-06-01")
    assert r.returncode == 0, r.stderr
    after = json.loads(cli("ledger", "list", "pledges", "--db", db, "--actor", "NLD", "--json").stdout)
    assert derived["id"] not in {p["id"] for p in after}
    before = json.loads(cli("ledger", "list", "pledges", "--db", db, "--actor", "NLD", "--as-of", "2025-05-01",
                            "--json").stdout)
    assert derived["id"] in {p["id"] for p in before}


BAD = [
    (["--actor", "XYZ"], ["field 'actor'", "unknown actor code 'XYZ'"]),
    (["--stance", "keen"], ["field 'stance'"]),
    (["--capability", "lasers"], ["field 'capability'"]),
    (["--date", "2999-01-01"], ["field 'date'", "future"]),
    (["--date", "01/02/2025"], ["field 'date'", "YYYY-MM-DD"]),
    (["--quantity", "-10"], ["field 'quantity'"]),
]


def test_bad_statement_is_one_line_and_writes_nothing(db, cli):
    before = open_ledger(db).counts()
    for args, needles in BAD:
        base = {"--actor": "NLD", "--date": "2025-04-01", "--stance": "willing", "--quote": "x",
                "--source-url": "https://example.org/bad"}
        base.update(dict(zip(args[::2], args[1::2], strict=True)))
        r = cli("ledger", "add", "statement", "--db", db, *[x for kv in base.items() for x in kv])
        _one_line_error(r, *needles)
    assert open_ledger(db).counts() == before


def test_duplicate_source_is_refused(db, cli):
    r = cli("ledger", "add", "source", "--db", db, "--url", "https://kyivindependent.com/nope-new", "--title", "A")
    assert r.returncode == 0, r.stderr
    before = open_ledger(db).counts()
    _one_line_error(cli("ledger", "add", "source", "--db", db, "--url", "https://kyivindependent.com/nope-new"),
                    "duplicate source")
    assert open_ledger(db).counts() == before


def test_import_bad_row_names_row_and_writes_nothing(db, cli, tmp_path):
    good = "\n".join(f"imp-{i},DNK,2025-05-0{i},willing,quote {i},https://example.org/dk/{i}" for i in range(1, 6))
    f = tmp_path / "statements.csv"
    f.write_text("id,actor,date,stance,quote,source_url\n" + good + "\nimp-9,DNK,2025-05-09,willing,q,"
                 "https://example.org/dk/9\nimp-10,DNK,2025-05-10,wobbly,q,https://example.org/dk/10\n")
    before = open_ledger(db).counts()
    _one_line_error(cli("ledger", "import", str(f), "--db", db), "statements.csv:8", "field 'stance'")
    assert open_ledger(db).counts() == before
    j = tmp_path / "pledges.json"
    j.write_text(json.dumps([{"provider": "DNK", "capability": "isr", "date": "2025-05-01",
                              "source_url": "https://example.org/p"},
                             {"provider": "DNK", "capability": "isr", "date": "2025-05-01", "quantity": -1,
                              "source_url": "https://example.org/p"}]))
    _one_line_error(cli("ledger", "import", str(j), "--db", db), "pledges.json:2", "field 'quantity'")
    assert open_ledger(db).counts() == before
    f.write_text("id,actor,date,stance,quote,source_url\n" + good + "\n")
    r = cli("ledger", "import", str(f), "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["statements"] == 5
    _one_line_error(cli("ledger", "import", str(f), "--db", db), "statements.csv:2", "already in the ledger")


def test_export_import_round_trip(db, cli, tmp_path):
    for kind, fmt in (("statements", "csv"), ("pledges", "json")):
        out = tmp_path / f"{kind}.{fmt}"
        r = cli("ledger", "export", kind, "--db", db, "--format", fmt, "--out", str(out))
        assert r.returncode == 0, r.stderr
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert cli("ledger", "import", str(tmp_path / "statements.csv"), "--db", fresh).returncode == 0
    r = cli("ledger", "import", str(tmp_path / "pledges.json"), "--db", fresh)
    assert r.returncode == 0, r.stderr
    a, b = open_ledger(db), open_ledger(fresh)
    assert [s.model_dump(exclude={"recorded_at", "recorded_by", "source_id", "version"}) for s in a.statements()] == \
           [s.model_dump(exclude={"recorded_at", "recorded_by", "source_id", "version"}) for s in b.statements()]
    assert len(a.pledges(include_withdrawn=True)) == len(b.pledges(include_withdrawn=True)) == 43


def test_unreachable_database_is_one_line(cli, tmp_path):
    _one_line_error(cli("ledger", "list", "--db", "postgresql+psycopg://nobody:x@127.0.0.1:1/none"),
                    "cannot open ledger")
    _one_line_error(cli("gap", "--db", "sqlite:///x.db", "--as-of", "tomorrow"), "as_of")


def test_review_refuses_a_malformed_correction_instead_of_dropping_it(db, cli):
    r = cli("ledger", "add", "statement", "--db", db, "--actor", "NLD", "--date", "2025-04-01", "--stance",
            "willing", "--quote", "x", "--source-url", "https://example.org/nld-review", "--id", "nld-review",
            "--candidate")
    assert r.returncode == 0, r.stderr
    _one_line_error(cli("ledger", "review", "nld-review", "--db", db, "--set", "quantity"), "field 'set'",
                    "field=value")
    _one_line_error(cli("ledger", "review", "nld-review", "--db", db, "--reject", "--why", "x", "--set",
                        "quantity=5"), "field 'set'")
    led = open_ledger(db)
    try:
        assert led.statement("nld-review").status == "candidate"
    finally:
        led.close()
    _one_line_error(cli("ledger", "show", "nope", "--db", db), "no statement or pledge 'nope'")
    r = cli("ledger", "list", "--db", db, "--limit", "-1")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_malformed_json_import_says_so(db, cli, tmp_path):
    f = tmp_path / "export.json"
    f.write_text('[{"actor": "DNK",\n "date": ')
    _one_line_error(cli("ledger", "import", str(f), "--db", db), "export.json:2", "malformed JSON")


def test_export_keeps_the_source_of_a_pledge_entered_with_a_url_only(ledger_url, cli, tmp_path):
    r = cli("ledger", "add", "pledge", "--db", ledger_url, "--provider", "NLD", "--capability", "isr", "--quantity",
            "2", "--date", "2025-05-01", "--source-url", "https://example.org/nld-isr", "--id", "nld-isr")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "pledges.csv"
    assert cli("ledger", "export", "pledges", "--db", ledger_url, "--out", str(out)).returncode == 0
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    r = cli("ledger", "import", str(out), "--db", fresh)
    assert r.returncode == 0, r.stderr
    led = open_ledger(fresh)
    try:
        assert led.source(led.pledge("nld-isr").source_id).url == "https://example.org/nld-isr"
    finally:
        led.close()


def test_a_bad_database_url_never_prints_its_password(cli):
    for url in ("postgresql+nodriver://analyst:s3cret@db.example/ledger",
                "postgresql+psycopg://analyst:s3cret@127.0.0.1:1/none"):
        r = cli("ledger", "list", "--db", url)
        _one_line_error(r, "cannot open ledger", "analyst:***@")
        assert "s3cret" not in r.stderr


def test_amend_of_a_reserved_name_is_one_line(db, cli):
    for name in ("why", "by", "record_id", "id"):
        _one_line_error(cli("ledger", "amend", "gbr-manoeuvre-2025-04-30", "--db", db, "--set", f"{name}=x",
                            "--why", "test"), f"field '{name}'", "cannot be amended")
