// The page's behaviour: filters, search, timeline and the details panel. Every piece of article
// text goes into the page through textContent (el() below), never as HTML.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const N = data.nodes, E = data.edges, V = data.vis;
  const byId = (id) => document.getElementById(id);
  const big = N.length > 500;
  const nodes = new vis.DataSet(V.nodes);
  const edges = new vis.DataSet(V.edges);
  const network = new vis.Network(byId("graph"), { nodes, edges }, {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    nodes: { size: 12, borderWidth: 1, font: { size: 13 }, widthConstraint: { maximum: 140 } },
    edges: { smooth: false, selectionWidth: 2, font: { size: 10, align: "middle", strokeWidth: 3 } },
  });
  window.kgNetwork = network;
  window.kgData = data;
  network.once("afterDrawing", () => {
    window.kgTimings = { ready: performance.now() };
    window.kgReady = true;
  });

  // node index -> indices of its edges, both directions
  const incident = N.map(() => []);
  V.edges.forEach((e, k) => { incident[e.from].push(k); if (e.to !== e.from) incident[e.to].push(k); });
  const other = (k, i) => (V.edges[k].from === i ? V.edges[k].to : V.edges[k].from);

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function swatch(colour, shape) {
    const s = el("span", undefined, "sw " + shape);
    s.style.setProperty("--c", colour);
    return s;
  }

  // ---- filters: types, dates, causal view ---------------------------------------------------
  const state = { hidden: new Set(), since: "", until: "", causal: false };
  const shown = { nodes: N.map(() => true), edges: E.map(() => true) };

  function dateRange(value) {
    if (/^\d{4}$/.test(value)) return [value + "-01-01", value + "-12-31"];
    if (/^\d{4}-\d{2}$/.test(value)) return [value + "-01", value + "-31"];
    return /^\d{4}-\d{2}-\d{2}/.test(value) ? [value.slice(0, 10), value.slice(0, 10)] : null;
  }
  function inDates(n) {
    const range = dateRange(n.date);
    return range !== null && (!state.since || range[1] >= state.since) && (!state.until || range[0] <= state.until);
  }
  // the same rules as kg viz (kg/export/view.py select): types, then dated events with the
  // actors and places linked to them, then edges between what is kept; the causal view keeps
  // only causal links and the events they join
  function visibility() {
    let keep = N.map((n) => !state.hidden.has(n.family));
    if (state.since || state.until) {
      const dated = N.map((n, i) => keep[i] && n.event && inDates(n));
      keep = N.map((n, i) => (n.event ? dated[i] : keep[i] && incident[i].some((k) => dated[other(k, i)])));
    }
    let edgeKeep = V.edges.map((e) => keep[e.from] && keep[e.to]);
    if (state.causal) {
      edgeKeep = edgeKeep.map((on, k) => on && E[k].kind === "causal");
      keep = N.map(() => false);
      V.edges.forEach((e, k) => { if (edgeKeep[k]) { keep[e.from] = true; keep[e.to] = true; } });
    }
    return { nodes: keep, edges: edgeKeep };
  }
  function applyFilters() {
    const next = visibility();
    nodes.update(changed(shown.nodes, next.nodes));
    edges.update(changed(shown.edges, next.edges));
    shown.nodes = next.nodes;
    shown.edges = next.edges;
    timelineItems.forEach(([i, li]) => { li.hidden = !shown.nodes[i]; });
    showCounts();
    network.fit({ animation: false });
  }
  function changed(before, after) {
    const updates = [];
    after.forEach((on, id) => { if (on !== before[id]) updates.push({ id, hidden: !on }); });
    return updates;
  }
  function showCounts() {
    const count = (list) => list.filter(Boolean).length;
    byId("counts").textContent = `${count(shown.nodes)} of ${N.length} nodes, ${count(shown.edges)} of ${E.length} links shown`;
  }

  // ---- legend: node types (each a filter) and link kinds -----------------------------------
  data.legend.forEach((entry) => {
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.family = entry.family;
    box.addEventListener("change", () => {
      if (box.checked) state.hidden.delete(entry.family); else state.hidden.add(entry.family);
      applyFilters();
    });
    const label = el("label");
    label.append(box, swatch(entry.colour, entry.shape), el("span", entry.label), el("span", entry.count, "count"));
    const li = el("li");
    li.append(label);
    byId("legend").append(li);
  });
  data.links.forEach((entry) => {
    const line = el("span", undefined, "line");
    line.style.setProperty("--c", entry.colour);
    line.style.setProperty("--w", entry.width + "px");
    const li = el("li");
    li.append(line, el("span", entry.label));
    byId("edge-legend").append(li);
  });
  byId("since").addEventListener("change", (ev) => { state.since = ev.target.value; applyFilters(); });
  byId("until").addEventListener("change", (ev) => { state.until = ev.target.value; applyFilters(); });
  byId("causal").addEventListener("change", (ev) => { state.causal = ev.target.checked; applyFilters(); });
  byId("fit").addEventListener("click", () => network.fit({ animation: false }));

  // ---- timeline: events in kg:date order, undated ones last ---------------------------------
  const timelineItems = N.map((n, i) => [n, i])
    .filter(([n]) => n.event)
    .sort(([a], [b]) => (a.date ? 0 : 1) - (b.date ? 0 : 1) || a.date.localeCompare(b.date) || a.label.localeCompare(b.label))
    .map(([n, i]) => {
      const li = el("li");
      li.dataset.node = i;
      li.append(el("time", n.date || "undated"), el("span", n.label));
      li.addEventListener("click", () => select(i));
      byId("timeline").append(li);
      return [i, li];
    });

  // ---- details panel ------------------------------------------------------------------------
  const details = byId("details");
  function nodeButton(i) {
    const b = el("button", N[i].label, "link");
    b.type = "button";
    b.addEventListener("click", () => select(i));
    return b;
  }
  function facts(rows) {
    const dl = el("dl");
    rows.filter(([, value]) => value && value.length !== 0).forEach(([name, value]) => {
      const dd = el("dd");
      (Array.isArray(value) ? value : [value]).forEach((v, k) => {
        if (k) dd.append(", ");
        dd.append(v instanceof Node ? v : String(v));
      });
      dl.append(el("dt", name), dd);
    });
    return dl;
  }
  function evidence(list) {
    details.append(el("h3", `Evidence (${list.length})`));
    list.forEach((ev) => {
      const q = el("blockquote");
      q.append(ev.sentence.slice(0, ev.begin), el("mark", ev.sentence.slice(ev.begin, ev.end)), ev.sentence.slice(ev.end));
      const title = data.documents[ev.document];
      q.append(el("div", "document " + ev.document + (title ? " — " + title : ""), "doc"));
      details.append(q);
    });
  }
  function claim(item) {
    return [item.status, item.according_to.length ? "according to " + item.according_to.join(", ") : ""]
      .filter(Boolean).join(", ");
  }
  function linksOf(i) {
    const rows = {};
    incident[i].forEach((k) => {
      const e = E[k], out = V.edges[k].from === i;
      const name = out ? e.label : e.kind === "causal" ? (e.label === "causes" ? "caused by" : e.label + " (by)") : e.label + " of";
      (rows[name] = rows[name] || []).push(nodeButton(other(k, i)));
    });
    return Object.entries(rows);
  }
  function showNode(i) {
    const n = N[i];
    const kind = data.legend.find((entry) => entry.family === n.family);
    details.replaceChildren(el("h2", n.label), el("div", (kind ? kind.label : n.family) + " · " + n.cls, "meta"));
    details.append(facts([
      ["date", n.date],
      ["quantities", n.quantities],
      ["claim", claim(n)],
      ["also called", n.names],
      ...linksOf(i),
    ]));
    details.append(el("div", n.id, "iri"));
    evidence(n.evidence);
    timelineItems.forEach(([j, li]) => {
      li.classList.toggle("selected", j === i);
      if (j === i) li.scrollIntoView({ block: "nearest" });
    });
  }
  function showEdge(k) {
    const e = E[k], from = V.edges[k].from, to = V.edges[k].to;
    details.replaceChildren(el("h2", `${N[from].label} → ${e.label} → ${N[to].label}`), el("div", e.kind + " link", "meta"));
    details.append(facts([
      ["from", nodeButton(from)],
      ["to", nodeButton(to)],
      ["confidence", e.confidence === null ? "" : e.confidence],
      ["signal", e.signal],
      ["claim", claim(e)],
    ]));
    if (e.evidence.length) { evidence(e.evidence); return; }
    // a role or relation has no mention of its own: the sentences where both ends are named
    const key = (ev) => ev.document + "\u0000" + ev.sentence;
    const there = new Set(N[to].evidence.map(key));
    const shared = N[from].evidence.filter((ev) => there.has(key(ev)));
    evidence(shared.length ? shared : N[from].evidence);
  }
  function select(i) {
    if (shown.nodes[i]) {
      network.selectNodes([i]);
      network.focus(i, { scale: Math.max(network.getScale(), 0.9), animation: false });
    }
    showNode(i);
  }
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  window.kgSelect = select;

  // ---- search by name or alias ---------------------------------------------------------------
  const hits = byId("hits"), search = byId("search");
  const names = N.map((n) => [n.label, ...n.names].map((s) => s.toLowerCase()));
  function find(q) {
    const rank = (i) => (names[i].some((s) => s === q) ? 0 : names[i].some((s) => s.startsWith(q)) ? 1 : 2);
    return N.map((n, i) => i)
      .filter((i) => names[i].some((s) => s.includes(q)))
      .sort((a, b) => rank(a) - rank(b) || N[a].label.localeCompare(N[b].label))
      .slice(0, 15);
  }
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase();
    hits.replaceChildren(...(q ? find(q) : []).map((i) => {
      const li = el("li");
      li.append(el("span", N[i].label), el("span", N[i].cls, "meta"));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
      return li;
    }));
    if (hits.firstChild) hits.firstChild.classList.add("active");
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { search.value = ""; hits.replaceChildren(); }
    if (ev.key === "Enter" && search.value.trim()) {
      const first = find(search.value.trim().toLowerCase())[0];
      if (first !== undefined) pick(first);
    }
  });
  search.addEventListener("blur", () => hits.replaceChildren());
  function pick(i) {
    hits.replaceChildren();
    select(i);
  }

  showCounts();
})();
