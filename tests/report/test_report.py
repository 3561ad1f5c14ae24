"""``ceasefire report``: self-contained HTML/Markdown and a PDF whose rendered pages show the charts."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"CEASEFIRE_DB": f"sqlite:///{tmp_path / 'ledger.db'}"}


def ink(img: Image.Image) -> tuple[float, float]:
    """Share of non-white pixels, and share of saturated (coloured, i.e. chart data) pixels."""
    px = np.asarray(img.convert("RGB"), dtype=int)
    inked = float((px.min(axis=2) < 235).mean())
    coloured = float((px.max(axis=2) - px.min(axis=2) > 60).mean())
    return inked, coloured


def test_pdf_pages_show_the_charts(cli: Any, env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    r = cli("report", "--out", str(out), "--json", env=env)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 6  # summary, four charts, then methods and sources
    measured = [ink(Image.open(p)) for p in pages]
    charts = measured[1:5]
    for i, (inked, coloured) in enumerate(charts, start=2):
        # A chart page is mostly drawn with coloured marks (ranges, bars), unlike a text page.
        assert inked > 0.03, f"page {i} looks blank ({inked:.3f} inked)"
        assert coloured > 0.005, f"page {i} has no coloured chart marks ({coloured:.4f})"
    text_coloured = [c for _, c in (measured[0], measured[-1])]
    assert all(c < 0.001 for c in text_coloured), "text pages should carry no chart colour"


def test_html_report_is_self_contained_with_every_source(cli: Any, env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert cli("report", "--out", str(out), env=env).returncode == 0
    html = out.read_text()
    assert "<script" not in html and "<link" not in html  # nothing to fetch: fit for an email attachment
    srcs = re.findall(r'src="([^"]+)"', html)
    assert len(srcs) == 4 and all(s.startswith("data:image/svg+xml;base64,") for s in srcs)
    methods = json.loads(cli("assess", "--json", env=env).stdout)["methods"]
    for m in methods:
        for s in m["sources"]:
            assert s["url"].replace("&", "&amp;") in html
    assert "<h2>Methods and sources</h2>" in html and "<h2>Why the methods disagree</h2>" in html


def test_markdown_report_embeds_charts_and_pledges_as_of(cli: Any, env: dict[str, str], tmp_path: Path) -> None:
    early, late = tmp_path / "early.md", tmp_path / "late.md"
    assert cli("report", "--as-of", "2025-03-03", "--out", str(early), env=env).returncode == 0
    assert cli("report", "--as-of", "2026-01-31", "--out", str(late), env=env).returncode == 0
    e, lt = early.read_text(), late.read_text()
    assert e.count("](data:image/png;base64,") == 4
    assert "## Pledges in the ledger as of 2025-03-03" in e
    rows = lambda text: len(re.findall(r"^\| [A-Z]{3} \| ", text, flags=re.M))  # noqa: E731
    assert 0 < rows(e) < rows(lt)


def test_unknown_format_is_one_line_exit_2(cli: Any, env: dict[str, str], tmp_path: Path) -> None:
    r = cli("report", "--out", str(tmp_path / "r.docx"), env=env)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "field 'out'" in r.stderr


def test_unwritable_out_is_one_line_error(cli: Any, env: dict[str, str], tmp_path: Path) -> None:
    r = cli("report", "--out", str(tmp_path / "missing" / "r.md"), env=env)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith("error: field 'out': cannot write") and r.stderr.count("\n") == 1, r.stderr
    r = cli("ledger", "export", "--db", env["CEASEFIRE_DB"], "--out", str(tmp_path / "missing" / "s.csv"))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "cannot write" in r.stderr and r.stderr.count("\n") == 1, r.stderr


def test_markdown_report_without_as_of_names_the_ledger_day(cli: Any, env: dict[str, str], tmp_path: Path) -> None:
    # Without --as-of the pledges stand on the scenario's date; the heading must say which day that is.
    out = tmp_path / "r.md"
    assert cli("report", "--out", str(out), env=env).returncode == 0
    assert "## Pledges in the ledger as of 2026-01-31" in out.read_text()
