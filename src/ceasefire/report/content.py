"""What a report says, independent of its format: provenance of every figure, and the coalition figures.

The dashboard's Methods page and every report format read these same rows, so a figure cannot be shown in one
place with a source and in another without.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ceasefire.assess import Assessment
from ceasefire.domain import Distribution, Scenario, Source


def assessment_as_of(scenario: Scenario, as_of: dt.date | None = None, ledger: Any = None) -> Assessment:
    """The assessment the API, the dashboard and the report all show, with the coalition section read from
    ``ledger`` (an open ``ceasefire.ledger.Ledger``) on ``as_of`` rather than from the default ledger today.

    The section has the shape ``ceasefire.coalition.assessment_section`` gives ``ceasefire assess``, plus
    ``pledge_records``: every pledge with its source, for the report and the Methods page.
    """
    from ceasefire.assess import assess

    if ledger is None:
        return assess(scenario, as_of=as_of)
    a = assess(scenario, ledger_url=ledger.url, as_of=as_of)
    return a.model_copy(update={"coalition": with_pledge_records(a.coalition or {}, ledger)})


def is_firm(p: Any) -> bool:
    """As ``ceasefire.coalition`` counts it: past announcement, and no condition beyond the ceasefire itself."""
    from ceasefire.coalition import FIRM_STAGES, PREMISE_CONDITIONS

    return p.status in FIRM_STAGES and not (set(p.conditions) - PREMISE_CONDITIONS)


def with_pledge_records(section: dict[str, Any], ledger: Any) -> dict[str, Any]:
    """The coalition section with every pledge on its day and that pledge's source added."""
    if not section.get("available"):
        return section
    day = dt.date.fromisoformat(section["as_of"])
    statements = {st.id: st for st in ledger.statements(as_of=day)}
    rows = []
    for p in ledger.pledges(as_of=day):
        st = statements.get(p.statement_id or "")
        sources = [{"url": st.source_url, "as_of": st.date.isoformat(), "note": st.source_title}] if st else []
        if not sources and p.source_id:
            src = ledger.source(p.source_id)
            sources = [{"url": src.url, "as_of": (src.published or p.date).isoformat(), "note": src.title}]
        rows.append({"id": p.id, "provider": p.provider, "capability": p.capability, "quantity": p.quantity,
                     "unit": p.unit, "status": p.status, "firm": is_firm(p), "conditions": list(p.conditions),
                     "date": p.date.isoformat(), "statement_id": p.statement_id, "sources": sources})
    return {**section, "pledge_records": rows}


def fmt_dist(d: Distribution) -> str:
    return f"{d.median:,.0f} (p10-p90 {d.p10:,.0f}-{d.p90:,.0f})"


def _sources(raw: Any) -> list[Source]:
    out = []
    for s in raw or ():
        out.append(s if isinstance(s, Source) else Source.model_validate(s))
    return out


def provenance_rows(a: Assessment) -> list[dict[str, Any]]:
    """Every figure in the assessment with its sources, in reading order."""
    rows: list[dict[str, Any]] = []
    for m in a.methods:
        rows.append({"section": "sizing method", "item": m.title, "value": fmt_dist(m.troops) + " troops",
                     "sources": list(m.sources)})
    rows.append({"section": "rotation", "item": a.rotation.title, "value": fmt_dist(a.force_pool) + " pool",
                 "sources": list(a.rotation.sources)})
    for c in a.contributors:
        rows.append({"section": "contributor capacity", "item": f"{c.name} ({c.iso3})",
                     "value": f"{fmt_dist(c.sustainable)} sustainable; {c.basis}", "sources": list(c.sources)})
    for e in a.published_estimates:
        troops = (f"{e.troops_low:,}-" if e.troops_low else "up to ") + f"{e.troops_high:,}"
        rows.append({"section": "published estimate", "item": f"{e.who} ({e.published})",
                     "value": f"{troops} troops, {e.mandate}", "sources": list(e.sources)})
    if a.credibility:
        rows += stress_parameter_rows()
    for p in pledges(a):
        rows.append({"section": "pledge", "item": f"{p['provider']} {p['capability']}",
                     "value": p["label"], "sources": _sources(p.get("sources"))})
    return rows


def stress_parameter_rows() -> list[dict[str, Any]]:
    """The stress model's parameters behind the credibility figures, each with its grade and source."""
    from ceasefire.stress.parameters import table

    rows = []
    for p in table().values():
        urls = [u.strip() for u in p.source_url.split(" ; ") if u.strip()]
        value = f"{p.value:g} {p.unit} ({p.low:g}-{p.high:g}, {p.distribution}, grade {p.grade})"
        rows.append({"section": "stress parameter", "item": f"{p.symbol or p.key}: {p.description[:140]}",
                     "value": value, "sources": [Source(url=u, as_of=p.as_of) for u in urls]})
    return rows


def pledges(a: Assessment) -> list[dict[str, Any]]:
    """Pledges carried in the assessment's coalition section (empty until the ledger fills it)."""
    coalition = a.coalition or {}
    out = []
    for p in coalition.get("pledge_records", []) or []:
        qty = p.get("quantity")
        label = f"{qty:,.0f} {p.get('unit') or ''}".strip() if isinstance(qty, int | float) else "unquantified"
        out.append({**p, "label": f"{label}, {p.get('status', '')}"})
    return out


def pledged_by_capability(a: Assessment) -> dict[str, dict[str, float]]:
    """Firm and conditional pledges per capability from the coalition gap: ``firm``/``conditional`` count
    unquantified offers as zero (what is stated), ``*_high`` at the provider's most."""
    out: dict[str, dict[str, float]] = {}
    for row in (a.coalition or {}).get("capabilities", []):
        out[row["capability"]] = {"firm": row["firm"]["low"], "conditional": row["conditional"]["low"],
                                  "firm_high": row["firm"]["high"], "conditional_high": row["conditional"]["high"]}
    return out
