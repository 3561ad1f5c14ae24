"""The real CLI in a subprocess: outputs with stable keys, errors as one line with exit code 2."""

from __future__ import annotations

import json


def test_assess_json_keys(cli):
    r = cli("assess", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    for key in ("scenario", "methods", "deployed", "force_pool", "published_estimates"):
        assert key in out
    for m in out["methods"]:
        assert {"name", "applies", "troops", "sources"} <= set(m)
        assert set(m["troops"]) == {"p10", "median", "p90"}


def test_assess_formats(cli, tmp_path):
    r = cli("assess")
    assert r.returncode == 0 and "Sizing methods" in r.stdout
    r = cli("assess", "--format", "markdown")
    assert r.returncode == 0 and r.stdout.startswith("# ")
    out = tmp_path / "a.html"
    r = cli("assess", "--format", "html", "--out", str(out))
    assert r.returncode == 0 and "<table>" in out.read_text()


def test_bad_scenario_is_one_line_exit_2(cli, tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("name: x\ntheatre:\n  reference: ukraine\nmandate:\n  kind: 7\n")
    r = cli("assess", str(p))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "s.yaml:5" in r.stderr and "mandate.kind" in r.stderr
    assert "Traceback" not in r.stderr


def test_data_list_and_check(cli, tmp_path):
    r = cli("data", "list", "missions", "--json")
    rows = json.loads(r.stdout)
    kfor = next(x for x in rows if x["id"] == "kfor-1999")
    assert kfor["per_1000_inhabitants"] > 15 and kfor["source_url"].startswith("http")
    assert cli("data", "list", "nations").returncode == 0
    assert cli("data", "list", "estimates", "--json").returncode == 0
    assert cli("data", "check").returncode == 0
    bad = tmp_path / "nations.csv"
    bad.write_text("iso3,name,active_personnel,source_url,as_of\nGBR,UK,1000,,2025\n")
    r = cli("data", "check", str(bad))
    assert r.returncode == 2 and "nations.csv:2" in r.stderr and "source_url" in r.stderr
    assert "Traceback" not in r.stderr


def test_assess_has_the_coalition_section(cli, tmp_path):
    db = tmp_path / "ledger.db"
    r = cli("assess", "--json", env={"CEASEFIRE_DB": str(db)})
    assert r.returncode == 0, r.stderr
    section = json.loads(r.stdout)["coalition"]
    assert section["available"] is False and "ceasefire ledger init" in section["summary"]
    assert not db.exists()  # assess never creates a ledger
    assert cli("ledger", "init", "--db", str(db)).returncode == 0
    r = cli("assess", "--json", env={"CEASEFIRE_DB": str(db)})
    section = json.loads(r.stdout)["coalition"]
    assert section["available"] is True and section["as_of"] == "2026-01-31"
    caps = {c["capability"]: c for c in section["capabilities"]}
    assert caps["manoeuvre"]["requirement"]["median"] > 0 and "GBR" in caps["manoeuvre"]["providers"]
    r = cli("assess", "--format", "markdown", env={"CEASEFIRE_DB": str(db)})
    assert "## Coalition: is it enough?" in r.stdout and "| manoeuvre |" in r.stdout


def test_unwritable_out_is_one_line_exit_2(cli, tmp_path):
    for out in (tmp_path, tmp_path / "no" / "such" / "dir.md"):
        r = cli("assess", "--format", "markdown", "--out", str(out))
        assert r.returncode == 2, r.stderr
        assert r.stderr.count("\n") == 1 and str(out) in r.stderr and "Traceback" not in r.stderr


def test_fmt_keeps_small_figures():
    from ceasefire.cli.output import fmt

    assert fmt(0.0005) == "0.0005" and fmt(0.25) == "0.25" and fmt(1200) == "1,200"
