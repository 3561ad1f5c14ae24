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
// Pledges per capability from the coalition gap: low counts unquantified offers as zero, high at the provider's most.
function gapRows(a) {
  const out = {};
  for (const row of (a.coalition && a.coalition.capabilities) || []) out[row.capability] = row;
  return out;
}

function pledgedByCapability(a) {
  const out = {};
  for (const [cap, row] of Object.entries(gapRows(a))) out[cap] = { firm: row.firm.low, conditional: row.conditional.low };
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
  await plot("chart-requirement", traces, { xaxis: { type: "log", title: "troops (log scale)" }, yaxis: { automargin: true, autorange: "reversed", categoryorder: "array", categoryarray: rows.map((r) => r.name) }, shapes, annotations, height: 480 });

  const caps = Object.keys(a.capabilities);
  const pc = pledgedByCapability(a);
  const need = caps.map((c) => a.capabilities[c]);
  await plot("chart-gap", [
    { type: "bar", name: "need (median)", x: caps, y: need.map((d) => d.median), marker: { color: "#2f6fd6" },
      error_y: { type: "data", symmetric: false, array: need.map((d) => d.p90 - d.median), arrayminus: need.map((d) => d.median - d.p10) } },
    { type: "bar", name: "firm pledges", x: caps, y: caps.map((c) => (pc[c] || {}).firm || 0), marker: { color: "#e07b24" } },
    { type: "bar", name: "conditional pledges", x: caps, y: caps.map((c) => (pc[c] || {}).conditional || 0), marker: { color: "#f3c08f" } },
  ], { barmode: "group", yaxis: { type: "log", title: "units (troops for manoeuvre)", automargin: true } });
  const gaps = gapRows(a);
  const range = (b) => (b ? (b.low === b.high ? fmt(b.low) : `${fmt(b.low)}–${fmt(b.high)}`) : "–");
  $("#gap-table").innerHTML = "<tr><th>capability</th><th>need (median, p10–p90)</th><th>firm</th><th>conditional</th><th>gap after all pledges</th><th class='wide'>providers</th></tr>" +
    caps.map((c, i) => {
      const r = gaps[c];
      return `<tr><td>${esc(c)}</td><td class="num">${fmt(need[i].median)} (${fmt(need[i].p10)}–${fmt(need[i].p90)})</td><td class="num">${r ? range(r.firm) : 0}</td><td class="num">${r ? range(r.conditional) : 0}</td><td class="num">${r ? range(r.gap_total) : fmt(need[i].median)}</td><td class="wide">${r ? esc(r.providers.join(", ")) : ""}</td></tr>`;
    }).join("");
  $("#gap-summary").textContent = a.coalition ? a.coalition.summary : "";
  const plan = await api(`/api/plan?${query()}`);
  $("#plan-summary").textContent = plan.summary;
  const contributors = plan.rows.filter((r) => Object.values(r.contributions || {}).some((v) => v > 0));
  $("#plan-table").innerHTML = "<tr><th>nation</th><th>contributes</th><th>burden (share of sustainable capacity)</th></tr>" +
    contributors.map((r) => `<tr><td>${esc(r.provider)}</td><td>${Object.entries(r.contributions).filter(([, v]) => v > 0).map(([k, v]) => `${esc(k)} ${fmt(v)}`).join(", ")}</td><td class="num">${r.burden === null || r.burden === undefined ? "–" : (r.burden * 100).toFixed(0) + "%"}</td></tr>`).join("");
}

// Methods and sources -----------------------------------------------------------------------------------------
async function methods() {
  const [a, rows] = await Promise.all([assessment(), api(`/api/provenance?${query()}`)]);
  $("#why").innerHTML = "<h3>Why the methods disagree</h3><ul>" + a.why_methods_disagree.map((l) => `<li>${esc(l)}</li>`).join("") + "</ul>";
  $("#provenance").innerHTML = "<tr><th>figure</th><th>value</th><th>sources</th></tr>" + rows.map((r) =>
    `<tr><td><small>${esc(r.section)}</small><br>${esc(r.item)}</td><td>${esc(r.value)}</td><td class="src">${r.sources.map((s) => `<a href="${esc(s.url)}" target="_blank" rel="noopener">${esc(s.url)}</a> (${esc(s.as_of)})`).join("<br>")}</td></tr>`).join("");
}

// Coalition -----------------------------------------------------------------------------------------------------
const STANCE_COLOURS = { commits: "#1b7f3b", willing: "#2e9e5b", conditional: "#8cbf3f", hesitant: "#e0b024", distancing: "#e07b24",
  refuses: "#c8423b", opposes: "#8e1f1a", demands: "#6b5bd6", neutral: "#9aa3b2" };
const STANCES = Object.keys(STANCE_COLOURS);
const day = (d) => d.toISOString().slice(0, 10);

async function coalition() {
  const slider = $("#asof");
  if (!state.coalitionRange) {
    const all = await api("/api/ledger/coalition");
    if (!all.first) { status("The ledger has no accepted statements yet."); return; }
    const first = new Date(all.first), last = new Date(all.as_of);
    state.coalitionRange = { first, days: Math.round((last - first) / 86400000) };
    slider.max = String(state.coalitionRange.days);
    slider.value = slider.max;
  }
  if (!state.sliderWired) {
    state.sliderWired = true;
    let timer = null;
    slider.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => drawCoalition().catch((e) => status(e.message)), 120); });
  }
  await drawCoalition();
}

async function drawCoalition() {
  const { first } = state.coalitionRange;
  const asOf = day(new Date(first.getTime() + Number($("#asof").value) * 86400000));
  $("#asof-label").textContent = asOf;
  const c = await api(`/api/ledger/coalition?as_of=${asOf}`);
  if (day(new Date(first.getTime() + Number($("#asof").value) * 86400000)) !== asOf) return;  // the slider moved on
  const nations = c.nations;
  const traces = STANCES.filter((s) => nations.some((n) => n.stance === s)).map((s) => {
    const ns = nations.filter((n) => n.stance === s);
    return { type: "bar", name: s, x: ns.map((n) => n.actor), y: ns.map((n) => n.statements), marker: { color: STANCE_COLOURS[s] },
      customdata: ns.map((n) => [n.firm_troops + n.conditional_troops, n.pledges]),
      hovertemplate: "%{x}: " + s + "<br>%{y} statements, %{customdata[1]} pledges<br>troops pledged %{customdata[0]:,.0f}<extra></extra>" };
  });
  await plot("chart-coalition", traces, { barmode: "stack", xaxis: { categoryorder: "total descending" },
    yaxis: { title: "statements so far", automargin: true }, title: { text: `${nations.length} nations and organisations on ${asOf}`, font: { size: 14 } } });
  $("#chart-coalition").dataset.asof = asOf;
  $("#coalition-table").innerHTML = "<tr><th>actor</th><th>stance</th><th>since</th><th>pledges</th><th>troops (firm / conditional)</th><th class='wide'>conditions</th></tr>" +
    nations.map((n, i) => `<tr class="clickable" data-i="${i}"><td>${esc(n.actor)}</td><td><span class="stance" style="background:${STANCE_COLOURS[n.stance] || "#999"}">${esc(n.stance)}</span></td><td>${esc(n.date)}</td><td class="num">${n.pledges}</td><td class="num">${fmt(n.firm_troops)} / ${fmt(n.conditional_troops)}</td><td class="wide">${esc(n.conditions.join(", "))}</td></tr>`).join("");
  document.querySelectorAll("#coalition-table tr.clickable").forEach((tr) => tr.addEventListener("click", () => {
    const n = nations[Number(tr.dataset.i)];
    $("#quote-body").innerHTML = `<h3>${esc(n.actor)}: ${esc(n.stance)} (${esc(n.date)})</h3><blockquote>${esc(n.quote)}</blockquote><p>${esc(n.speaker)}</p>` +
      `<p class="src">Source: <a href="${esc(n.source_url)}" target="_blank" rel="noopener">${esc(n.source_title || n.source_url)}</a> ${esc(n.publisher)}</p>`;
    $("#quote").showModal();
  }));
}

// Timeline ------------------------------------------------------------------------------------------------------
async function timeline() {
  const rows = await api("/api/ledger/statements?status=accepted");
  const actors = [...new Set(rows.map((r) => r.actor))].sort();
  const traces = STANCES.filter((s) => rows.some((r) => r.stance === s)).map((s) => {
    const rs = rows.filter((r) => r.stance === s);
    return { type: "scatter", mode: "markers", name: s, x: rs.map((r) => r.date), y: rs.map((r) => r.actor),
      text: rs.map((r) => `${r.speaker ? r.speaker + ": " : ""}${r.quote.slice(0, 160)}`), marker: { size: 10, color: STANCE_COLOURS[s], line: { width: 1, color: "#fff" } },
      customdata: rs.map((r) => r.source_url), hovertemplate: "%{y} %{x}<br>%{text}<extra>" + s + "</extra>" };
  });
  const order = [...actors].reverse();
  await plot("chart-timeline", traces, { height: Math.max(460, actors.length * 18 + 120), yaxis: { type: "category", categoryorder: "array", categoryarray: order, tickmode: "array", tickvals: order, automargin: true, tickfont: { size: 10 } },
    xaxis: { type: "date" }, hovermode: "closest" });
  const el = document.getElementById("chart-timeline");
  if (!el.dataset.clicks) {
    el.dataset.clicks = "1";
    el.on("plotly_click", (ev) => { const url = ev.points[0].customdata; if (url) window.open(url, "_blank", "noopener"); });
  }
}

// Stress --------------------------------------------------------------------------------------------------------
async function stress() {
  if (!state.stressWired) {
    state.stressWired = true;
    $("#stress-start").addEventListener("click", () => startStress().catch((e) => status(e.message)));
    $("#sweep-start").addEventListener("click", () => startSweep().catch((e) => status(e.message)));
    $("#stress-cancel").addEventListener("click", async () => {
      try { await api(`/api/jobs/${state.stressJob}`, { method: "DELETE", headers: writeHeaders() }); } catch (e) { status(e.message); }
    });
  }
  const jobs = await api("/api/jobs");
  const done = jobs.find((j) => j.kind === "stress" && j.status === "done" && j.params.scenario === state.scenario);
  if (done) await drawStress(done.result);
  else await drawCredibility();
  const sweep = jobs.find((j) => j.kind === "sweep" && j.status === "done" && j.params.scenario === state.scenario);
  if (sweep) await drawSweep(sweep.result);
}

async function startSweep() {
  const job = await api("/api/jobs/sweep", { method: "POST", headers: writeHeaders(), body: JSON.stringify({ scenario: state.scenario }) });
  $("#sweep-start").disabled = true;
  try {
    for (;;) {
      const j = await api(`/api/jobs/${job.id}`);
      $("#sweep-message").textContent = `${j.status} ${(j.progress * 100).toFixed(0)}%`;
      if (j.status === "done") { await drawSweep(j.result); break; }
      if (j.status === "failed") { status(j.error ? j.error.detail : "sweep failed"); break; }
      if (j.status === "cancelled") break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    $("#sweep-start").disabled = false;
  }
}

async function drawSweep(r) {
  $("#chart-sweep").hidden = false;
  const out = r.indices.unanswered_probability.first_total;
  const key = r.method === "sobol" ? "ST" : "mu_star";
  const names = Object.keys(out).sort((a, b) => out[b][key] - out[a][key]).slice(0, 12);
  await plot("chart-sweep", [{ type: "bar", orientation: "h", y: names, x: names.map((n) => out[n][key]), marker: { color: "#6b5bd6" } }],
    { yaxis: { autorange: "reversed", automargin: true }, xaxis: { title: `${r.method} ${key}: influence on P(probe unanswered)` },
      title: { text: `What drives the risk (${r.points} points × ${r.runs_per_point} runs)`, font: { size: 14 } } });
}

async function startStress() {
  const body = { scenario: state.scenario, runs: Number($("#stress-runs").value), seed: Number($("#stress-seed").value) };
  const job = await api("/api/jobs/stress", { method: "POST", headers: writeHeaders(), body: JSON.stringify(body) });
  state.stressJob = job.id;
  $("#stress-cancel").disabled = false;
  $("#stress-start").disabled = true;
  try {
    for (;;) {
      const j = await api(`/api/jobs/${job.id}`);
      $("#stress-progress").value = j.progress;
      $("#stress-message").textContent = `${j.status} ${j.message || ""}`;
      if (j.status === "done") { await drawStress(j.result); break; }
      if (j.status === "failed") { status(j.error ? j.error.detail : "stress run failed"); break; }
      if (j.status === "cancelled") break;
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    $("#stress-cancel").disabled = true;
    $("#stress-start").disabled = false;
  }
}

// Before any full run: the quick stress test every assessment carries (whole line, no sectors).
async function drawCredibility() {
  const c = (await assessment()).credibility;
  $("#stress-message").textContent = "no full run yet: the quick test of the assessment is shown; Run for sector by sector";
  if (!c) return;
  $("#stress-summary").hidden = false;
  $("#stress-summary").textContent = c.summary;
  const u = c.unanswered_probability;
  await plot("chart-stress", [{ type: "bar", x: ["whole line (quick test)"], y: [u.mean], marker: { color: u.mean > 0.9 ? "#c8423b" : u.mean > 0.5 ? "#e07b24" : "#2e9e5b" },
    error_y: { type: "data", symmetric: false, array: [u.high - u.mean], arrayminus: [u.mean - u.low] } }],
  { yaxis: { title: "probability a probe goes unanswered", range: [0, 1], automargin: true } });
  const chain = [["detected_share", "detected", "#2f6fd6"], ["attributed_share", "attributed", "#6b5bd6"], ["answered_share", "answered", "#2e9e5b"], ["timely_share", "answered in time", "#1b7f3b"]];
  await plot("chart-drivers", chain.map(([k, label, colour]) => ({ type: "bar", name: label, x: ["whole line"], y: [c[k].mean], marker: { color: colour } })),
    { barmode: "group", yaxis: { title: "share of probes", range: [0, 1], automargin: true } });
}

async function drawStress(r) {
  const u = r.overall.unanswered_probability;
  $("#stress-summary").hidden = false;
  $("#stress-summary").textContent = `Over ${r.runs.toLocaleString("en-GB")} runs of ${r.days} days, a probe goes unanswered with probability ${(u.mean * 100).toFixed(1)}% (95% interval ${(u.low * 100).toFixed(1)}–${(u.high * 100).toFixed(1)}%): the guarantee is ${r.guarantee}.`;
  const names = r.sectors.map((s) => s.name);
  const un = r.sectors.map((s) => s.unanswered_probability);
  await plot("chart-stress", [{ type: "bar", x: names, y: un.map((e) => e.mean), name: "P(probe unanswered)",
    marker: { color: un.map((e) => (e.mean > 0.9 ? "#c8423b" : e.mean > 0.5 ? "#e07b24" : "#2e9e5b")) },
    error_y: { type: "data", symmetric: false, array: un.map((e) => e.high - e.mean), arrayminus: un.map((e) => e.mean - e.low) } }],
  { yaxis: { title: "probability a probe goes unanswered", range: [0, 1], automargin: true }, xaxis: { title: "sector, north to south" } });
  const chain = [["detected_share", "detected", "#2f6fd6"], ["attributed_share", "attributed", "#6b5bd6"], ["answered_share", "answered", "#2e9e5b"], ["timely_share", "answered in time", "#1b7f3b"]];
  await plot("chart-drivers", chain.map(([k, label, colour]) => ({ type: "bar", name: label, x: names, y: r.sectors.map((s) => s[k].mean), marker: { color: colour } })),
    { barmode: "group", yaxis: { title: "share of probes", range: [0, 1], automargin: true } });
}

// Review --------------------------------------------------------------------------------------------------------
async function review() {
  if (!state.ingestWired) {
    state.ingestWired = true;
    $("#ingest-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        const body = { name: $("#ingest-name").value || "article.txt", content: $("#ingest-content").value,
          source_url: $("#ingest-url").value || null, published: $("#ingest-date").value || null };
        const rep = await api("/api/ingest", { method: "POST", headers: writeHeaders(), body: JSON.stringify(body) });
        $("#ingest-result").textContent = `${rep.added_candidates} candidate statements proposed` + (rep.documents.some((d) => d.duplicate) ? " (article already read)" : "");
        await review();
      } catch (err) {
        status(err.status === 401 || err.status === 403 ? `${err.message} (enter the API token above)` : err.message);
      }
    });
  }
  const rows = await api("/api/review/candidates");
  if (!rows.length) { $("#review-table").innerHTML = "<tr><td>No candidates wait for review.</td></tr>"; return; }
  $("#review-table").innerHTML = "<tr><th>actor</th><th>date</th><th>stance</th><th>quote and source</th><th></th></tr>" + rows.map((r) => {
    const conf = r.extraction && r.extraction.confidence !== undefined ? ` (confidence ${Number(r.extraction.confidence).toFixed(2)})` : "";
    const options = STANCES.map((x) => `<option${x === r.stance ? " selected" : ""}>${x}</option>`).join("");
    return `<tr data-id="${esc(r.id)}" data-stance="${esc(r.stance)}"><td>${esc(r.actor)}</td><td>${esc(r.date)}</td><td><select class="stance-edit" aria-label="stance">${options}</select><small>${esc(conf)}</small></td><td>${esc(r.quote)}<br><a class="src" href="${esc(r.source_url)}" target="_blank" rel="noopener">${esc(r.source_title || r.source_url)}</a></td>` +
      `<td><button class="accept">Accept</button> <button class="reject">Reject</button></td></tr>`;
  }).join("");
  document.querySelectorAll("#review-table tr[data-id]").forEach((tr) => {
    const id = tr.dataset.id;
    tr.querySelector(".accept").addEventListener("click", () => {
      // A reviewer's correction of the machine's stance travels as an edit; the ledger keeps both.
      const stance = tr.querySelector(".stance-edit").value;
      decide(tr, id, "accept", stance !== tr.dataset.stance ? { edits: { stance } } : {});
    });
    tr.querySelector(".reject").addEventListener("click", () => {
      const why = prompt("Why is it rejected?");
      if (why) decide(tr, id, "reject", { why });
    });
  });
}

async function decide(tr, id, action, extra) {
  try {
    const rec = await api(`/api/review/${encodeURIComponent(id)}/${action}`, { method: "POST", headers: writeHeaders(), body: JSON.stringify({ by: "dashboard", ...extra }) });
    tr.lastElementChild.textContent = rec.status;
    tr.classList.add(rec.status);
    state.assessments = {};
    state.coalitionRange = null;
  } catch (err) {
    status(err.status === 401 || err.status === 403 ? `${err.message} (enter the API token above)` : err.message);
  }
}

// routing ---------------------------------------------------------------------------------------------------
const PAGES = { overview, coalition, timeline, stress, methods, review };

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
  $("#token").value = sessionStorage.getItem("ceasefire-token") || "";
  window.addEventListener("hashchange", route);
  await route();
}

window.ceasefire = { PAGES, state, api, assessment, plot, query, esc, fmt, status, writeHeaders, route };
document.addEventListener("DOMContentLoaded", () => start().catch((err) => status(err.message)));
