"""Human renderings of an ``Assessment``: terminal (Rich), Markdown and a self-contained HTML page."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from ceasefire.assess import Assessment
from ceasefire.domain import Distribution


def n(x: float | None) -> str:
    """A whole number with thousands separators; '-' for unknown (a contributor without active personnel)."""
    return "-" if x is None else f"{x:,.0f}"


def dist(d: Distribution) -> str:
    return f"{n(d.median)} ({n(d.p10)}-{n(d.p90)})"


def terminal(a: Assessment, console: Console) -> None:
    s = a.scenario
    console.print(Panel(a.headline, title=f"{s.name}", subtitle=f"{s.mandate} / {s.rules_of_engagement}"))
    t = Table(title="Sizing methods (troops, median and p10-p90)", header_style="bold", expand=True)
    for col in ("method", "applies", "troops", "how", "sources"):
        t.add_column(col, overflow="fold")
    for m in a.methods:
        t.add_row(m.title, "[green]yes[/green]" if m.applies else "[dim]no[/dim]", dist(m.troops),
                  m.explanation, str(len(m.sources)))
    console.print(t)
    f = Table(title="Force", header_style="bold")
    f.add_column("what")
    f.add_column("troops (median, p10-p90)")
    f.add_row("deployed", dist(a.deployed))
    f.add_row("  of which enablers' crews", dist(a.enablers))
    f.add_row("force pool under rotation", dist(a.force_pool))
    for cap, d in a.capabilities.items():
        if cap != "manoeuvre":
            f.add_row(f"  {cap} (units)", dist(d))
    console.print(f)
    c = Table(title="What the largest contributors could sustain", header_style="bold")
    for col in ("nation", "active", "sustainable", "basis"):
        c.add_column(col, overflow="fold")
    for x in a.contributors:
        c.add_row(f"{x.name} ({x.iso3})", n(x.active_personnel), dist(x.sustainable), x.basis)
    c.add_row("[bold]total[/bold]", "", dist(a.contributors_total), "")
    console.print(c)
    e = Table(title="Published estimates (reference band)", header_style="bold")
    for col in ("who", "when", "troops", "mandate"):
        e.add_column(col, overflow="fold")
    for x in a.published_estimates:
        e.add_row(x.who, x.published, (f"{n(x.troops_low)}-" if x.troops_low else "up to ") + n(x.troops_high)
                  + (" incl. rotation" if x.includes_rotation else ""), x.mandate)
    console.print(e)
    if a.coalition:
        console.print(Panel(str(a.coalition.get("summary", "")), title="Coalition: is it enough?"))
        if a.coalition.get("available"):
            console.print(coalition_table(a.coalition))
    if a.credibility:
        console.print(Panel(str(a.credibility.get("summary", "")), title="Credibility (stress test)"))
    console.print(Panel("\n".join(f"- {line}" for line in a.why_methods_disagree), title="Why the methods disagree"))


def bounds(b: dict | None) -> str:
    """A pledged range: one number when low and high agree."""
    if not b:
        return "-"
    lo, hi = b["low"], b["high"]
    if hi == 0 and b.get("unspecified"):
        return f"{b['unspecified']} unspecified"
    return n(lo) if round(lo) == round(hi) else f"{n(lo)}-{n(hi)}"


def coalition_table(c: dict) -> Table:
    level = c.get("level", "median")
    t = Table(title=f"Coalition gap as of {c.get('as_of')} (requirement {level}; ranges count unspecified pledges "
                    "from 0 to the provider's most)", header_style="bold", expand=True)
    for col in ("capability", "needed", "firm", "conditional", "gap (all pledges)", "providers"):
        t.add_column(col, overflow="fold")
    for row in c.get("capabilities", []):
        need = f"{n(row['requirement'][level])} {row['unit']}" if row.get("requirement") else "not sized"
        t.add_row(row["capability"], need, bounds(row["firm"]), bounds(row["conditional"]), bounds(row["gap_total"]),
                  " ".join(row["providers"]))
    return t


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("ceasefire", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["n"] = n
    env.filters["dist"] = dist
    env.filters["bounds"] = bounds
    return env


def markdown(a: Assessment) -> str:
    return _env().get_template("assessment.md.j2").render(a=a)


def html(a: Assessment) -> str:
    return _env().get_template("assessment.html.j2").render(a=a)
