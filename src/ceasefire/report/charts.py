"""Static charts of an assessment with matplotlib (Agg backend: no display, no browser).

Each function returns a ``Figure``; ``svg``/``png`` turn it into bytes for the HTML, Markdown and PDF reports.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")  # before pyplot: reports are rendered on servers and in CI without a display

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ceasefire.assess import Assessment
from ceasefire.report.content import pledged_by_capability

BLUE, GREY, ORANGE, GREEN, RED = "#2f6fd6", "#9aa3b2", "#e07b24", "#2e9e5b", "#c8423b"
plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False,
                     "axes.spines.right": False, "svg.fonttype": "none", "svg.hashsalt": "ceasefire"})


def requirement(a: Assessment) -> Figure:
    """Each method's range (p10-p90, median dot) against what contributors could sustain and what is pledged."""
    # A method with no figure for this theatre (e.g. no line length for the analog) has nothing to draw.
    rows = [(m.title, m.troops.p10, m.troops.median, m.troops.p90, m.applies) for m in a.methods if m.troops.p90 > 0]
    rows.append(("Deployed force (pooled)", a.deployed.p10, a.deployed.median, a.deployed.p90, True))
    rows.append(("Force pool under rotation", a.force_pool.p10, a.force_pool.median, a.force_pool.p90, True))
    fig, ax = plt.subplots(figsize=(8.0, 0.42 * len(rows) + 1.6), layout="constrained")
    for i, (_, lo, med, hi, applies) in enumerate(rows):
        colour = BLUE if applies else GREY
        ax.plot([max(lo, 1), max(hi, 1)], [i, i], color=colour, linewidth=5, solid_capstyle="butt", alpha=0.6)
        ax.plot([max(med, 1)], [i], "o", color=colour, markersize=6)
    ax.set_yticks(range(len(rows)), [textwrap.fill(r[0], 34) for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlim(min(max(r[1], 1) for r in rows) / 2, max(r[3] for r in rows) * 2)
    ax.set_xlabel("troops (log scale)\nbar = p10-p90, dot = median; grey = method does not fit the mandate")
    total = a.contributors_total
    ax.axvspan(max(total.p10, 1), max(total.p90, 1), color=GREEN, alpha=0.12,
               label=f"ten largest contributors could sustain {total.median:,.0f}")
    firm, conditional = _pledged_troops(a)
    if firm:
        ax.axvline(firm, color=ORANGE, linewidth=2, label=f"firm pledges {firm:,.0f}")
    if conditional:
        ax.axvline(firm + conditional, color=ORANGE, linewidth=2, linestyle="--",
                   label=f"firm + conditional pledges {firm + conditional:,.0f}")
    fig.legend(loc="outside lower center", fontsize=8, frameon=False, ncols=2)
    fig.suptitle("Requirement by method against capacity and pledges", x=0.01, ha="left", fontsize=11)
    return fig


def _pledged_troops(a: Assessment) -> tuple[float, float]:
    row = pledged_by_capability(a).get("manoeuvre", {})
    return row.get("firm", 0.0), row.get("conditional", 0.0)


def capabilities(a: Assessment) -> Figure:
    """Requirement per capability (units, or troops for manoeuvre) against firm and conditional pledges."""
    pledged = pledged_by_capability(a)
    caps = list(a.capabilities)
    fig, axes = plt.subplots(1, len(caps), figsize=(8.0, 2.8), layout="constrained")
    axes = list(axes) if len(caps) > 1 else [axes]
    for ax, cap in zip(axes, caps, strict=True):
        d = a.capabilities[cap]
        p = pledged.get(cap, {})
        firm, cond = p.get("firm", 0.0), p.get("conditional", 0.0)
        ax.bar([0], [d.median], color=BLUE, width=0.6)
        ax.errorbar([0], [d.median], yerr=[[d.median - d.p10], [d.p90 - d.median]], color="#1d2430", capsize=3)
        ax.bar([1], [firm], color=ORANGE, width=0.6)
        ax.bar([1], [cond], bottom=[firm], color=ORANGE, alpha=0.45, width=0.6, hatch="//")
        ax.set_xticks([0, 1], ["need", "pledged"])
        ax.set_title(cap.replace("_", " "), fontsize=9)
        ax.tick_params(axis="y", labelsize=7)
    fig.suptitle("Per capability: need (median, p10-p90) against firm (solid)\nand conditional (hatched) pledges",
                 x=0.01, ha="left", fontsize=10)
    return fig


def contributors(a: Assessment) -> Figure:
    """What the largest possible contributors could keep deployed."""
    cs = a.contributors
    fig, ax = plt.subplots(figsize=(8.0, 0.32 * len(cs) + 1.4), layout="constrained")
    ys = range(len(cs))
    ax.barh(list(ys), [c.sustainable.median for c in cs], color=GREEN, alpha=0.8,
            xerr=[[c.sustainable.median - c.sustainable.p10 for c in cs],
                  [c.sustainable.p90 - c.sustainable.median for c in cs]], capsize=2)
    ax.set_yticks(list(ys), [f"{c.name} ({c.iso3})" for c in cs])
    ax.invert_yaxis()
    ax.set_xlabel("troops that could be kept deployed (median, p10-p90)")
    fig.suptitle("What the largest contributors could sustain", x=0.01, ha="left", fontsize=11)
    return fig


def estimates(a: Assessment) -> Figure:
    """Published estimates as ranges, with the deployed force and pool of this assessment for reference."""
    es = a.published_estimates
    fig, ax = plt.subplots(figsize=(8.0, 0.34 * len(es) + 1.6), layout="constrained")
    for i, e in enumerate(es):
        lo = e.troops_low or e.troops_high * 0.98
        ax.plot([lo, e.troops_high], [i, i], color=RED if e.includes_rotation else ORANGE, linewidth=5, alpha=0.7)
        ax.plot([e.troops_high], [i], "|", color="#1d2430", markersize=9)
    ax.set_yticks(range(len(es)), [textwrap.fill(f"{e.who} ({e.published})", 40) for e in es], fontsize=8)
    ax.invert_yaxis()
    ax.axvline(a.deployed.median, color=BLUE, linewidth=1.5, label=f"deployed median {a.deployed.median:,.0f}")
    ax.axvline(a.force_pool.median, color=BLUE, linestyle="--", linewidth=1.5,
               label=f"force pool median {a.force_pool.median:,.0f}")
    ax.set_xscale("log")
    ax.set_xlabel("troops (log scale; red = includes rotation)")
    fig.legend(loc="outside lower center", fontsize=8, frameon=False, ncols=2)
    fig.suptitle("Published estimates", x=0.01, ha="left", fontsize=11)
    return fig


ALL = {"requirement": requirement, "capabilities": capabilities, "contributors": contributors,
       "estimates": estimates}


def svg(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def png(fig: Figure, dpi: int = 110) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return buf.getvalue()
