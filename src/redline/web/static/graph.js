// The red-line graph as an interactive network (Plotly, served from the installed Python package).
"use strict";

function layout(nodes) {
  // Actors on a circle: readable for the tens of actors a knowledge base holds.
  const pos = {};
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, nodes.length);
    pos[n.id] = [Math.cos(a), Math.sin(a)];
  });
  return pos;
}

function drawGraph(el, data) {
  if (!data.nodes.length) { el.textContent = "No red line stored yet."; return; }
  const pos = layout(data.nodes);
  const traces = [];
  for (const kind of ["trigger", "consequence"]) {
    const xs = [], ys = [];
    data.edges.filter((e) => e.kind === kind).forEach((e) => {
      xs.push(pos[e.source][0], pos[e.target][0], null);
      ys.push(pos[e.source][1], pos[e.target][1], null);
    });
    traces.push({ x: xs, y: ys, mode: "lines", type: "scatter", name: kind + " edges", hoverinfo: "skip",
                  line: { width: 1.5, color: kind === "trigger" ? "#4a7bd0" : "#c0392b" } });
  }
  // One marker per edge midpoint, so hovering an edge tells which line it is and clicking opens it.
  const mid = { x: [], y: [], text: [], ids: [] };
  data.edges.forEach((e) => {
    mid.x.push((pos[e.source][0] + pos[e.target][0]) / 2);
    mid.y.push((pos[e.source][1] + pos[e.target][1]) / 2);
    mid.text.push("#" + e.line_id + " " + e.source + " → " + e.target + " (" + e.kind + ", " + e.action + ")");
    mid.ids.push(e.line_id);
  });
  traces.push({ x: mid.x, y: mid.y, text: mid.text, customdata: mid.ids, mode: "markers", type: "scatter",
                name: "red lines", hoverinfo: "text", marker: { size: 7, color: "#555", symbol: "diamond" } });
  traces.push({ x: data.nodes.map((n) => pos[n.id][0]), y: data.nodes.map((n) => pos[n.id][1]),
                text: data.nodes.map((n) => n.id), mode: "markers+text", type: "scatter", name: "actors",
                textposition: "top center", hoverinfo: "text", marker: { size: 16, color: "#8a1c1c" } });
  const axis = { visible: false, zeroline: false, showgrid: false };
  Plotly.newPlot(el, traces, { xaxis: axis, yaxis: axis, margin: { l: 10, r: 10, t: 10, b: 10 },
                               showlegend: true, hovermode: "closest" }, { displaylogo: false, responsive: true });
  el.on("plotly_click", (ev) => {
    const p = ev.points && ev.points[0];
    if (p && p.customdata) location.href = "/lines/" + encodeURIComponent(p.customdata);
  });
  el.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("graph");
  if (!el) return;
  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then((r) => { if (!r.ok) throw new Error("graph: HTTP " + r.status); return r.json(); })
    .then((data) => drawGraph(el, data))
    .catch((err) => { el.textContent = "The graph could not be loaded: " + err.message; });
});
