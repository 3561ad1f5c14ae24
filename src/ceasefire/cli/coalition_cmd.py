"""``ceasefire gap`` and ``ceasefire plan``: is the coalition enough, and what would close the gap."""

from __future__ import annotations

from typing import Annotated

import typer

from ceasefire.cli import app
from ceasefire.cli.output import console, emit_json

Scenario = Annotated[str | None, typer.Argument(help="Scenario YAML file or bundled name (default: ukraine-2025).")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="The ledger as it stood on this day "
                                                         "(default: the scenario's as_of, else today).")]
Db = Annotated[str | None, typer.Option("--db", help="Ledger URL or SQLite file (default: CEASEFIRE_DB).")]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output (stable keys).")]
Level = Annotated[str, typer.Option("--level", help="Requirement percentile: p10, median or p90.")]


def _b(low: float, high: float) -> str:
    return f"{low:,.0f}" if round(low) == round(high) else f"{low:,.0f}-{high:,.0f}"


@app.command()
def gap(scenario: Scenario = None, as_of: AsOf = None, level: Level = "median", db: Db = None,
        json_: Json = False) -> None:
    """Requirement against pledges per capability, firm and conditional apart, and who holds what hostage."""
    from rich.panel import Panel
    from rich.table import Table

    from ceasefire.coalition import gap as run_gap
    from ceasefire.ledger import open_ledger

    g = run_gap(scenario, open_ledger(db), as_of, level=level)
    if json_:
        emit_json(g)
        return
    console.print(Panel(g.summary, title=f"Coalition gap — {g.scenario}", subtitle=f"as of {g.as_of}"))
    t = Table(title=f"Per capability (requirement {g.level}; ranges: unspecified pledges 0 .. provider's most)",
              header_style="bold", expand=True)
    for col in ("capability", "unit", "needed", "firm", "conditional", "gap (firm only)", "gap (all)", "providers"):
        t.add_column(col, overflow="fold")
    for c in g.capabilities:
        need = f"{c.requirement[g.level]:,.0f}" if c.requirement else "not sized"
        t.add_row(c.capability, c.unit, need, _b(c.firm.low, c.firm.high), _b(c.conditional.low, c.conditional.high),
                  _b(c.gap_firm.low, c.gap_firm.high) if c.gap_firm else "-",
                  _b(c.gap_total.low, c.gap_total.high) if c.gap_total else "-", " ".join(c.providers))
    console.print(t)
    h = Table(title="Conditions holding pledges hostage (troop equivalents that fall away without them)",
              header_style="bold")
    for col in ("condition", "offers", "troops", "share", "providers"):
        h.add_column(col, overflow="fold")
    for x in g.conditions:
        h.add_row(x.condition, str(x.offers), _b(x.troops.low, x.troops.high),
                  f"{x.share_of_troops.high:.0%}", " ".join(x.providers))
    console.print(h)
    p = Table(title="Providers: pledge against their force", header_style="bold")
    for col in ("provider", "pledged troops", "share of active", "rotation pool", "pool share", "tours sustainable"):
        p.add_column(col)
    for x in g.providers:
        share = f"{x.share_of_active.low:.1%}-{x.share_of_active.high:.1%}" if x.share_of_active else "?"
        pool = f"{x.pool_share_of_active.low:.1%}-{x.pool_share_of_active.high:.1%}" if x.pool_share_of_active else "?"
        p.add_row(f"{x.name} ({x.provider})", _b(x.pledged_troops.low, x.pledged_troops.high), share,
                  _b(x.pool_needed.low, x.pool_needed.high), pool,
                  f"{x.tours_sustainable}/{x.tours_needed}" if x.tours_sustainable is not None else "-")
    console.print(p)
    s = g.sustainability
    console.print(f"Rotation: {s.tours_needed} tours of {s.tour_months} months; the force needs a pool of "
                  f"{s.pool_required:,.0f}; the pledging nations' sustainable pool is {s.providers_pool:,.0f} "
                  f"({s.covered_tours}/{s.tours_needed} tours at the required size).")


@app.command()
def plan(scenario: Scenario = None, as_of: AsOf = None, level: Level = "median", db: Db = None,
         pledging_only: Annotated[bool, typer.Option("--pledging-only", help="Only nations with an active "
                                                     "pledge.")] = False,
         json_: Json = False) -> None:
    """Contributions that close every gap within capacities and stated limits (mixed-integer programme)."""
    from rich.panel import Panel
    from rich.table import Table

    from ceasefire.coalition import plan as run_plan
    from ceasefire.ledger import open_ledger

    p = run_plan(scenario, open_ledger(db), as_of, level=level, pledging_only=pledging_only)
    if json_:
        emit_json(p)
        return
    console.print(Panel(p.summary, title=f"Plan — {p.scenario}", subtitle=f"as of {p.as_of}"))
    caps = list(p.requirement)
    t = Table(title="Contributions (units; manoeuvre in troops)", header_style="bold", expand=True)
    for col in ("nation", *caps, "troops", "burden", "limits"):
        t.add_column(col, overflow="fold")
    for r in p.rows:
        if not r.contributions:
            continue
        t.add_row(f"{r.name} ({r.provider})", *[f"{r.contributions.get(c, 0):,.0f}" for c in caps],
                  f"{r.troops:,.0f}", f"{r.burden:.0%}", "; ".join(r.limits))
    t.add_row("[bold]required[/bold]", *[f"{p.requirement[c]:,.0f}" for c in caps], "", "", "")
    t.add_row("[bold]short[/bold]", *[f"{p.shortfall.get(c, 0):,.0f}" for c in caps], "", "", "")
    console.print(t)
    if p.binding:
        console.print(Panel("\n".join(f"- {b}" for b in p.binding), title="Limits that bind"))
