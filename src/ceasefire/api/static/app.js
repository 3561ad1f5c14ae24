// ceasefire dashboard: plain JavaScript over the JSON API, charts with the plotly.js served by this server.
"use strict";

const $ = (sel) => document.querySelector(sel);
const state = { scenario: "ukraine-2025", assessments: {} };
const PLOT = { responsive: true, displayModeBar: false };
const fmt = (x) => (x === null || x === undefined ? "–" : Math.round(x).toLocaleString("en-GB"));
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function status(msg) { $("#status").textContent = msg || ""; }

async function api(path, options = {}) {
  const res = await fetch(path, options);
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error(body && body.detail ? body.detail : `${res.status} ${res.statusText}`);
    err.status = res.status;
    throw err;
  }
  return body;
}

function writeHeaders() {
  const token = $("#token").value || sessionStorage.getItem("ceasefire-token") || "";
  if ($("#token").value) sessionStorage.setItem("ceasefire-token", $("#token").value);
  return { "Content-Type": "application/json", Authorization: `Bearer ${token}` };
}

function query(extra = {}) {
  const q = new URLSearchParams({ scenario: state.scenario, ...extra });
  return q.toString();
}

async function assessment(asOf) {
  const key = `${state.scenario}|${asOf || ""}`;
  if (!state.assessments[key]) state.assessments[key] = await api(`/api/assessment?${query(asOf ? { as_of: asOf } : {})}`);
  return state.assessments[key];
}

function plot(id, traces, layout) {
  const el = document.getElementById(id);
  const base = { margin: { l: 10, r: 10, t: 30, b: 40 }, font: { family: "system-ui, sans-serif", size: 12 },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", legend: { orientation: "h", y: -0.15 } };
  return Plotly.react(el, traces, { ...base, ...layout }, PLOT).then(() => { el.dataset.points = String(traces.reduce((n, t) => n + (t.x ? t.x.length : 0), 0)); });
}

// Overview ---------------------------------------------------------------------------------------------------
function pledgedByCapability(a) {
  const gap = (a.coalition && a.coalition.gap) || {};
  const rows = gap.capabilities || gap;
  const out = {};
  for (const [cap, row] of Object.entries(rows || {})) {
    if (row && typeof row === "object") out[cap] = { firm: Number(row.firm || 0), conditional: Number(row.conditional || 0) };
  }
  return out;
}

async function overview() {
  const a = await assessment();
  $("#headline").textContent = a.headline;
  for (const f of ["html", "pdf", "md"]) $(`#report-${f}`).href = `/api/report?${query({ format: f })}`;
  const rows = a.methods.filter((m) => m.troops.p90 > 0).map((m) => ({ name: m.title, d: m.troops, applies: m.applies }));
  rows.push({ name: "Deployed force (pooled)", d: a.deployed, applies: true });
  rows.push({ name: "Force pool under rotation", d: a.force_pool, applies: true });
  const traces = [false, true].map((applies) => {
    const rs = rows.filter((r) => r.applies === applies);
    return {
      type: "scatter", mode: "markers", name: applies ? "fits the mandate" : "bound only (does not fit)",
      y: rs.map((r) => r.name), x: rs.map((r) => r.d.median),
      error_x: { type: "data", symmetric: false, array: rs.map((r) => r.d.p90 - r.d.median), arrayminus: rs.map((r) => r.d.median - r.d.p10), thickness: 6, width: 0 },
      marker: { size: 10, color: applies ? "#2f6fd6" : "#9aa3b2" },
      hovertemplate: "%{y}<br>median %{x:,.0f}<extra></extra>",
    };
  });
  const pledged = pledgedByCapability(a).manoeuvre || { firm: 0, conditional: 0 };
  const shapes = [{ type: "rect", xref: "x", yref: "paper", x0: a.contributors_total.p10, x1: a.contributors_total.p90, y0: 0, y1: 1, fillcolor: "#2e9e5b", opacity: 0.12, line: { width: 0 } }];
  const annotations = [{ x: Math.log10(a.contributors_total.median), y: 1.02, yref: "paper", text: `contributors could sustain ${fmt(a.contributors_total.median)}`, showarrow: false, font: { color: "#2e9e5b", size: 11 } }];
  for (const [value, dash, label] of [[pledged.firm, "solid", "firm pledges"], [pledged.firm + pledged.conditional, "dash", "firm + conditional"]]) {
    if (value > 0) {
      shapes.push({ type: "line", xref: "x", yref: "paper", x0: value, x1: value, y0: 0, y1: 1, line: { color: "#e07b24", width: 2, dash } });
      annotations.push({ x: Math.log10(value), y: -0.02, yref: "paper", text: `${label} ${fmt(value)}`, showarrow: false, font: { color: "#e07b24", size: 11 }, yanchor: "top" });
    }
  }
  await plot("chart-requirement", traces, { xaxis: { type: "log", title: "troops (log scale)" }, yaxis: { automargin: true, autorange: "reversed" }, shapes, annotations, height: 480 });

  const caps = Object.keys(a.capabilities);
  const pc = pledgedByCapability(a);
  const need = caps.map((c) => a.capabilities[c]);
  await plot("chart-gap", [
    { type: "bar", name: "need (median)", x: caps, y: need.map((d) => d.median), marker: { color: "#2f6fd6" },
      error_y: { type: "data", symmetric: false, array: need.map((d) => d.p90 - d.median), arrayminus: need.map((d) => d.median - d.p10) } },
    { type: "bar", name: "firm pledges", x: caps, y: caps.map((c) => (pc[c] || {}).firm || 0), marker: { color: "#e07b24" } },
    { type: "bar", name: "conditional pledges", x: caps, y: caps.map((c) => (pc[c] || {}).conditional || 0), marker: { color: "#f3c08f" } },
  ], { barmode: "group", yaxis: { type: "log", title: "units (troops for manoeuvre)" } });
  $("#gap-table").innerHTML = "<tr><th>capability</th><th>need (median, p10–p90)</th><th>firm</th><th>conditional</th><th>gap (firm only)</th></tr>" +
    caps.map((c, i) => {
      const p = pc[c] || { firm: 0, conditional: 0 };
      return `<tr><td>${esc(c)}</td><td class="num">${fmt(need[i].median)} (${fmt(need[i].p10)}–${fmt(need[i].p90)})</td><td class="num">${fmt(p.firm)}</td><td class="num">${fmt(p.conditional)}</td><td class="num">${fmt(Math.max(need[i].median - p.firm, 0))}</td></tr>`;
    }).join("");
}

// Methods and sources -----------------------------------------------------------------------------------------
async function methods() {
  const [a, rows] = await Promise.all([assessment(), api(`/api/provenance?${query()}`)]);
  $("#why").innerHTML = "<h3>Why the methods disagree</h3><ul>" + a.why_methods_disagree.map((l) => `<li>${esc(l)}</li>`).join("") + "</ul>";
  $("#provenance").innerHTML = "<tr><th>figure</th><th>value</th><th>sources</th></tr>" + rows.map((r) =>
    `<tr><td><small>${esc(r.section)}</small><br>${esc(r.item)}</td><td>${esc(r.value)}</td><td class="src">${r.sources.map((s) => `<a href="${esc(s.url)}" target="_blank" rel="noopener">${esc(s.url)}</a> (${esc(s.as_of)})`).join("<br>")}</td></tr>`).join("");
}

// routing ---------------------------------------------------------------------------------------------------
const PAGES = { overview, methods };

async function route() {
  const page = (location.hash || "#overview").slice(1);
  const render = PAGES[page] || overview;
  const name = PAGES[page] ? page : "overview";
  document.querySelectorAll(".page").forEach((s) => { s.hidden = s.id !== `page-${name}`; });
  document.querySelectorAll("#nav a").forEach((a) => a.classList.toggle("active", a.dataset.page === name));
  status("");
  try {
    await render();
    document.body.dataset.page = name;
  } catch (err) {
    status(err.message);
  }
}

async function start() {
  const list = await api("/api/scenarios");
  $("#scenario").innerHTML = list.map((s) => `<option value="${esc(s.id)}">${esc(s.id)}</option>`).join("");
  $("#scenario").value = state.scenario;
  $("#scenario").addEventListener("change", () => { state.scenario = $("#scenario").value; route(); });
  window.addEventListener("hashchange", route);
  await route();
}

window.ceasefire = { PAGES, state, api, assessment, plot, query, esc, fmt, status, writeHeaders, route };
document.addEventListener("DOMContentLoaded", () => start().catch((err) => status(err.message)));
