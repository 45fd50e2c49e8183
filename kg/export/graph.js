// The page's behaviour: filters, colours, search, timeline, map and the details panel. Every
// piece of article text goes into the page through textContent (el() below), never as HTML.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const N = data.nodes, E = data.edges, V = data.vis;
  const byId = (id) => document.getElementById(id);
  const big = N.length > 500;
  const READABLE = 0.85; // the least first zoom at which the smallest labels (12 px) can be read

  // node index -> indices of its edges, both directions
  const incident = N.map(() => []);
  V.edges.forEach((e, k) => { incident[e.from].push(k); if (e.to !== e.from) incident[e.to].push(k); });
  const other = (k, i) => (V.edges[k].from === i ? V.edges[k].to : V.edges[k].from);
  const linked = incident.map((list) => list.length > 0);

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

  // ---- filters: unlinked nodes, document, types, dates, causal view ------------------------
  // nodes with no link are hidden at first (in news, half the graph), unless nothing is linked
  const state = { hidden: new Set(), since: "", until: "", causal: false, unlinked: !linked.some(Boolean), document: "" };

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
    let keep = N.map((n, i) => !state.hidden.has(n.family) && (state.unlinked || linked[i]) &&
      (!state.document || n.evidence.some((ev) => ev.document === state.document)));
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
  const shown = visibility();
  V.nodes.forEach((record, i) => { record.hidden = !shown.nodes[i]; });
  V.edges.forEach((record, k) => { record.hidden = !shown.edges[k]; });

  const nodes = new vis.DataSet(V.nodes);
  const edges = new vis.DataSet(V.edges);
  const network = new vis.Network(byId("graph"), { nodes, edges }, {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    nodes: {
      size: 12, borderWidth: 1, font: { size: 13 }, widthConstraint: { maximum: 160 },
      // value is PageRank (sqrt, over the largest): central nodes and their labels are bigger
      scaling: { min: 8, max: 40, label: { enabled: true, min: 12, max: 30, maxVisible: 30, drawThreshold: 5 } },
    },
    edges: { smooth: false, selectionWidth: 2, font: { size: 10, align: "middle", strokeWidth: 3 } },
  });
  window.kgNetwork = network;
  window.kgData = data;
  network.once("afterDrawing", () => {
    window.kgTimings = { ready: performance.now() };
    window.kgReady = true;
  });
  // the first view: everything shown if its labels can be read, else the most central node's
  // neighbourhood at a readable zoom ("fit" shows everything)
  function firstView() {
    network.fit({ animation: false });
    if (network.getScale() >= READABLE) return;
    const visible = N.map((n, i) => i).filter((i) => shown.nodes[i]);
    if (!visible.length) return;
    const top = visible.reduce((a, b) => (V.nodes[b].value > V.nodes[a].value ? b : a));
    network.moveTo({ position: network.getPosition(top), scale: READABLE, animation: false });
  }
  firstView();
  function applyFilters() {
    const next = visibility();
    nodes.update(changed(shown.nodes, next.nodes));
    edges.update(changed(shown.edges, next.edges));
    shown.nodes = next.nodes;
    shown.edges = next.edges;
    timelineItems.forEach(([i, li]) => { li.hidden = !shown.nodes[i]; });
    mapMarks.forEach(([i, mark]) => { mark.style.display = shown.nodes[i] ? "" : "none"; });
    if (!mapBox.hidden) layMap();
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
  const unlinkedBox = byId("unlinked");
  unlinkedBox.checked = state.unlinked;
  byId("unlinked-count").textContent = String(linked.filter((on) => !on).length);
  unlinkedBox.addEventListener("change", () => { state.unlinked = unlinkedBox.checked; applyFilters(); });
  Object.entries(data.documents).forEach(([id, title]) => {
    const option = el("option", title ? `${id} — ${title}` : id);
    option.value = id;
    byId("document").append(option);
  });
  byId("document").addEventListener("change", (ev) => { state.document = ev.target.value; applyFilters(); });

  // ---- colour by type or by community ---------------------------------------------------------
  const communityList = byId("community-legend");
  data.communities.slice(0, 12).filter((c) => c.size > 1).forEach((c) => {
    const li = el("li");
    li.append(swatch(c.colour, "dot"), el("span", c.label), el("span", c.size, "count"));
    communityList.append(li);
  });
  byId("colour").addEventListener("change", (ev) => {
    const byCommunity = ev.target.value === "community";
    nodes.update(V.nodes.map((record, i) => {
      if (!byCommunity) return { id: i, color: record.color, font: record.font };
      const c = data.communities[data.community[i]];
      return { id: i, color: c.colour, font: { color: N[i].event ? c.text : record.font.color } };
    }));
    byId("communities").hidden = !byCommunity;
  });

  // ---- timeline: events by date, their own or else their article's (marked), undated last ----
  const timelineItems = data.timeline.map(([i, date, whose]) => {
    const li = el("li");
    li.dataset.node = i;
    const time = el("time", date || "undated", whose === "document" ? "article" : undefined);
    if (whose === "document") time.title = "the article's date: the text gives the event none";
    li.append(time, el("span", N[i].label));
    li.addEventListener("click", () => select(i));
    byId("timeline").append(li);
    return [i, li];
  });

  // ---- map: event places on the world's outlines (equirectangular, 10 units a degree) --------
  const SVG = "http://www.w3.org/2000/svg";
  const mapBox = byId("map-box");
  const svg = (tag, attributes) => {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
    return node;
  };
  const mapMarks = [];
  let layMap = () => {}; // sizes the marks for the zoom and picks the labels, once the map is drawn
  // the wheel zooms about the pointer and a drag pans; dots and labels keep their size on screen
  function drawMap() {
    const places = data.places;
    const xs = places.map((p) => p.x), ys = places.map((p) => p.y);
    const pad = 100; // ten degrees, room for the labels
    const [x0, x1] = places.length ? [Math.min(...xs) - pad, Math.max(...xs) + pad] : [-1800, 1800];
    const [y0, y1] = places.length ? [Math.min(...ys) - pad, Math.max(...ys) + pad] : [-900, 900];
    let view = [x0, y0, x1 - x0, y1 - y0];
    const map = svg("svg", { id: "map", preserveAspectRatio: "xMidYMid meet" });
    map.append(svg("rect", { x: -1800, y: -900, width: 3600, height: 1800, class: "sea" }));
    map.append(svg("path", { d: data.outline, class: "land" }));
    mapBox.append(map);
    const unit = () => Math.max(view[2] / mapBox.clientWidth, view[3] / mapBox.clientHeight); // map units a pixel
    const sized = places.map((p) => {
      const mark = svg("g", { class: "place", "data-node": p.node });
      const dot = svg("circle", { cx: p.x, cy: p.y });
      const tip = svg("title", {});
      tip.textContent = `${N[p.node].label}: ${p.events} event${p.events === 1 ? "" : "s"}`;
      dot.append(tip);
      mark.append(dot);
      const text = svg("text", {});
      text.textContent = N[p.node].label;
      mark.append(text);
      mark.addEventListener("click", () => showNode(p.node));
      if (!shown.nodes[p.node]) mark.style.display = "none";
      map.append(mark);
      mapMarks.push([p.node, mark]);
      return [p, dot, text, mark];
    });
    // labels are laid down busiest place first; one that would cover another is left out
    const byEvents = [...sized].sort((a, b) => b[0].events - a[0].events || a[0].node - b[0].node);
    function place() {
      map.setAttribute("viewBox", view.join(" "));
      const u = unit();
      sized.forEach(([p, dot, text]) => {
        const r = 3 + 2 * Math.sqrt(p.events);
        dot.setAttribute("r", r * u);
        ["x", "y", "font-size"].forEach((name, k) => text.setAttribute(name, [p.x + (r + 2) * u, p.y + 4 * u, 12 * u][k]));
      });
      const taken = [];
      byEvents.forEach(([, , text, mark]) => {
        text.style.display = "";
        if (mark.style.display === "none") return;
        const b = text.getBBox();
        const covers = taken.some((o) => b.x < o.x + o.width && o.x < b.x + b.width && b.y < o.y + o.height && o.y < b.y + b.height);
        if (covers) text.style.display = "none"; else taken.push(b);
      });
    }
    layMap = place;
    place();
    map.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const factor = ev.deltaY > 0 ? 1.25 : 0.8, u = unit(), box = map.getBoundingClientRect();
      const cx = view[0] + view[2] / 2 + (ev.clientX - box.left - box.width / 2) * u;
      const cy = view[1] + view[3] / 2 + (ev.clientY - box.top - box.height / 2) * u;
      view = [cx - (cx - view[0]) * factor, cy - (cy - view[1]) * factor, view[2] * factor, view[3] * factor];
      place();
    }, { passive: false });
    let drag = null;
    map.addEventListener("pointerdown", (ev) => { drag = [ev.clientX, ev.clientY]; });
    map.addEventListener("pointerup", () => { drag = null; });
    map.addEventListener("pointermove", (ev) => {
      if (!drag || !ev.buttons) return;
      const u = unit();
      view = [view[0] - (ev.clientX - drag[0]) * u, view[1] - (ev.clientY - drag[1]) * u, view[2], view[3]];
      drag = [ev.clientX, ev.clientY];
      map.setAttribute("viewBox", view.join(" "));
    });
  }
  byId("map-view").addEventListener("change", (ev) => {
    mapBox.hidden = !ev.target.checked;
    byId("graph").hidden = ev.target.checked;
    byId("links").hidden = ev.target.checked;
    if (ev.target.checked && !mapBox.firstChild) drawMap();
    else if (ev.target.checked) layMap();
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
