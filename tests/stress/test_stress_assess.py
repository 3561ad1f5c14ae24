"""`ceasefire assess` carries a quick credibility section, without the heavy imports."""

from __future__ import annotations

import json
import subprocess
import sys


def test_assess_has_a_credibility_section_from_a_quick_run(cli):
    r = cli("assess", "--json")
    assert r.returncode == 0, r.stderr
    cred = json.loads(r.stdout)["credibility"]
    assert "probes go unanswered" in cred["summary"]
    e = cred["unanswered_probability"]
    assert 0 <= e["low"] <= e["mean"] <= e["high"] <= 1
    assert cred["runs"] >= 50


def test_assess_path_imports_no_dask_salib_mesa_or_scipy():
    code = ("import sys; from ceasefire.assess import assess; a = assess(); assert a.credibility; "
            "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'dask', 'distributed', 'SALib', 'mesa', 'scipy'})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_markdown_report_renders_the_credibility_table(cli):
    r = cli("assess", "--format", "markdown")
    assert r.returncode == 0, r.stderr
    assert "## Credibility (stress test)" in r.stdout
    assert "| unanswered probability |" in r.stdout
