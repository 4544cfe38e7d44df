// The few things a page does in the browser. No inline script anywhere: the CSP allows only files from here.
"use strict";

// Document view: a click on a highlight shows the items it belongs to; "show all" brings the list back.
function setupDocumentView() {
  const text = document.getElementById("doc-text");
  const panel = document.getElementById("items");
  if (!text || !panel) return;
  const heading = document.getElementById("items-heading");
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = "show all";
  reset.hidden = true;
  heading.after(reset);
  function select(mark) {
    text.querySelectorAll("mark.selected").forEach((m) => m.classList.remove("selected"));
    panel.querySelectorAll("li.selected").forEach((li) => li.classList.remove("selected"));
    mark.classList.add("selected");
    const ids = (mark.dataset.items || "").split(" ").filter(Boolean);
    ids.forEach((id) => { const li = document.getElementById(id); if (li) li.classList.add("selected"); });
    panel.classList.add("filtered");
    heading.textContent = ids.length + " item(s) at this passage";
    reset.hidden = false;
    const first = ids.length ? document.getElementById(ids[0]) : null;
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "nearest" });
  }
  text.addEventListener("click", (ev) => {
    const mark = ev.target.closest("mark.hl");
    if (mark) select(mark);
  });
  text.addEventListener("keydown", (ev) => {
    const mark = ev.target.closest("mark.hl");
    if (mark && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); select(mark); }
  });
  reset.addEventListener("click", () => {
    panel.classList.remove("filtered");
    panel.querySelectorAll("li.selected").forEach((li) => li.classList.remove("selected"));
    text.querySelectorAll("mark.selected").forEach((m) => m.classList.remove("selected"));
    heading.textContent = "Items";
    reset.hidden = true;
  });
  if (location.hash.startsWith("#at-")) {
    const mark = document.getElementById(location.hash.slice(1));
    if (mark && mark.matches("mark.hl")) select(mark);
  }
}

document.addEventListener("DOMContentLoaded", setupDocumentView);
