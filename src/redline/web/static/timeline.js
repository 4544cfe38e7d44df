// A line's statements over time (Plotly): date × certainty, one marker per statement, its outlet on hover.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("timeline-chart");
  if (!el) return;
  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then((line) => {
      const levels = ["low", "medium", "high"];
      const traces = [true, false].map((counted) => {
        const ss = line.statements.filter((s) => s.counted === counted);
        return { x: ss.map((s) => s.seen), y: ss.map((s) => s.certainty), mode: "markers", type: "scatter",
                 name: counted ? "statement" : "syndicated copy", hoverinfo: "text",
                 text: ss.map((s) => s.seen + " · " + (s.source || "outlet unknown") + " · " + (s.title || s.doc_id)),
                 marker: { size: 12, symbol: counted ? "circle" : "circle-open", color: "#8a1c1c" } };
      }).filter((t) => t.x.length);
      Plotly.newPlot(el, traces, {
        height: 220, margin: { l: 70, r: 10, t: 10, b: 40 }, hovermode: "closest",
        yaxis: { type: "category", categoryorder: "array", categoryarray: levels, range: [-0.5, 2.5] },
        xaxis: { type: "date" }, showlegend: traces.length > 1,
      }, { displaylogo: false, responsive: true });
      el.dataset.ready = "true";
    })
    .catch((err) => { el.textContent = "The timeline could not be drawn: " + err.message; });
});
