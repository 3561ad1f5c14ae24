"""Shareable reports of an assessment: one self-contained file (HTML, Markdown or PDF) with charts,
the methods and every source, fit to attach to an email.

HTML embeds the charts as SVG data URIs and Markdown as PNG data URIs; PDF is written by matplotlib's
``PdfPages`` (text pages and vector chart pages), which needs no browser and no system library at run time.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import textwrap
from functools import cache
from typing import Literal

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from ceasefire import __version__
from ceasefire.assess import Assessment
from ceasefire.errors import CeasefireError

Format = Literal["html", "md", "pdf"]
FORMATS: tuple[str, ...] = ("html", "md", "pdf")


def build(a: Assessment, fmt: str, as_of: dt.date | None = None) -> bytes:
    """The report as bytes in ``fmt`` (``html``, ``md`` or ``pdf``)."""
    if fmt == "html":
        return html(a, as_of).encode()
    if fmt == "md":
        return markdown(a, as_of).encode()
    if fmt == "pdf":
        return pdf(a, as_of)
    raise CeasefireError(f"unknown report format {fmt!r}, expected one of: {', '.join(FORMATS)}", field="format")


def format_of(path: str) -> str:
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix in {"htm", "html"}:
        return "html"
    if suffix in {"md", "markdown"}:
        return "md"
    if suffix == "pdf":
        return "pdf"
    raise CeasefireError(f"cannot tell the report format from {path!r}: use .html, .md or .pdf", field="out")


@cache
def _env() -> Environment:
    from ceasefire.render import dist, n

    env = Environment(loader=ChoiceLoader([PackageLoader("ceasefire.report", "templates"),
                                           PackageLoader("ceasefire", "templates")]),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["n"] = n
    env.filters["dist"] = dist
    return env


def _context(a: Assessment, as_of: dt.date | None) -> dict[str, object]:
    from ceasefire.report.content import pledges, provenance_rows

    return {"a": a, "as_of": as_of, "ledger_day": _ledger_day(a, as_of), "version": __version__,
            "provenance": provenance_rows(a),
            "pledges": pledges(a), "generated": dt.date.today().isoformat()}


def _ledger_day(a: Assessment, as_of: dt.date | None) -> str | None:
    """The day the coalition figures stand on: asked for, else the one the coalition section used."""
    if as_of is not None:
        return as_of.isoformat()
    day = (a.coalition or {}).get("as_of")
    return str(day) if day else None


def _uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def html(a: Assessment, as_of: dt.date | None = None) -> str:
    from ceasefire.report import charts

    images = {name: _uri("image/svg+xml", charts.svg(make(a))) for name, make in charts.ALL.items()}
    return _env().get_template("report.html.j2").render(**_context(a, as_of), charts=images)


def markdown(a: Assessment, as_of: dt.date | None = None) -> str:
    from ceasefire import render
    from ceasefire.report import charts

    images = {name: _uri("image/png", charts.png(make(a), dpi=90)) for name, make in charts.ALL.items()}
    extra = _env().get_template("report.md.j2").render(**_context(a, as_of), charts=images)
    return render.markdown(a).rstrip() + "\n\n" + extra


def pdf(a: Assessment, as_of: dt.date | None = None) -> bytes:
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from ceasefire.report import charts
    from ceasefire.report.content import provenance_rows

    buf = io.BytesIO()
    with PdfPages(buf, metadata={"Title": f"ceasefire report: {a.scenario.name}", "Creator": f"ceasefire {__version__}",
                                 "CreationDate": None}) as out:
        s = a.scenario
        intro = [f"coalition ledger as of {_ledger_day(a, as_of) or '(no ledger)'}", "", *_wrap(a.headline, 95), "",
                 f"Theatre: {s.theatre}, {s.area_km2:,.0f} km², population {s.population['value']:,.0f}, "
                 f"line {s.line_km['value']:,.0f} km in {s.sectors} sectors.",
                 f"Mandate: {s.mandate}, rules of engagement {s.rules_of_engagement}, {s.duration_months} months.",
                 "", "Why the methods disagree:"]
        for line in a.why_methods_disagree:
            intro += _wrap("- " + line, 95, indent="  ")
        intro += ["", "Sizing methods (troops: median, p10-p90):"]
        for m in a.methods:
            intro.append(f"  {'*' if m.applies else ' '} {m.title[:55]:55s} {m.troops.median:>10,.0f}  "
                         f"({m.troops.p10:,.0f}-{m.troops.p90:,.0f})")
        intro += ["  (* = fits the mandate and is pooled into the deployed force)", "",
                  f"Deployed {a.deployed.median:,.0f} (p10-p90 {a.deployed.p10:,.0f}-{a.deployed.p90:,.0f}); "
                  f"force pool {a.force_pool.median:,.0f}; ten largest contributors could sustain "
                  f"{a.contributors_total.median:,.0f}."]
        _text_pages(out, a.scenario.name, intro)
        for make in charts.ALL.values():
            fig = make(a)
            out.savefig(fig)
            plt.close(fig)
        lines: list[str] = []
        for row in provenance_rows(a):
            lines += _wrap(f"[{row['section']}] {row['item']}: {row['value']}", 100)
            for src in row["sources"]:
                lines += _wrap(f"{src.url} (as of {src.as_of}){' - ' + src.note if src.note else ''}", 100,
                               indent="      ", first="    ")
        _text_pages(out, "Methods and sources: every figure's provenance", lines)
    return buf.getvalue()


def _wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=indent, break_long_words=True,
                         break_on_hyphens=False) or [""]


def _text_pages(out: object, title: str, lines: list[str], per_page: int = 62) -> None:
    import matplotlib.pyplot as plt

    pages = [lines[i:i + per_page] for i in range(0, max(len(lines), 1), per_page)]
    for k, page in enumerate(pages):
        fig = plt.figure(figsize=(8.27, 11.69))  # A4
        fig.text(0.06, 0.955, title + (f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""), fontsize=12,
                 weight="bold", va="top")
        fig.text(0.06, 0.925, "\n".join(page), fontsize=7.6, family="DejaVu Sans Mono", va="top", linespacing=1.45)
        out.savefig(fig)  # type: ignore[attr-defined]
        plt.close(fig)
