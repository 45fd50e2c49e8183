"""The HTML graph at scale: a synthetic graph of 2,000 nodes and 5,000 edges (or a build's store,
``--store``), rendered by ``kg.export.html`` and opened in headless Chromium (Debian's, as in the
tests).

It prints the time to lay the graph out and write the page in Python, then in the browser the
time from navigation start to a still, drawn graph (``window.kgReady``, set on the first
``afterDrawing``; physics is off, so nothing moves after it), a click on a node until its
details are in the side panel, a zoom until the next frame is drawn, the causal view, and the
map view (event places on the world's outlines) until its next frame.

    python -m benchmarks.html_scale [--nodes 2000] [--edges 5000] [--runs 3] [--out benchmarks/_out]
    python -m benchmarks.html_scale --store bbc   # the page of a build (kg build ... --out bbc)
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from kg import analyze, store
from kg.export import html, layout, view
from kg.export.view import ROLES, Edge, Evidence, GraphView, Node
from tests.browser import chromium, click_node, open_graph

ENTITY_FAMILIES = {"Person": 0.3, "Organization": 0.2, "Group": 0.2, "Place": 0.25, "Asset": 0.05}
EVENT_FAMILIES = sorted(html.EVENT_COLOURS)
WORDS = ["protest", "police", "minister", "price", "market", "troops", "capital", "city", "rally", "strike", "court"]


def synthetic(n_nodes: int, n_edges: int, *, seed: int = 1) -> GraphView:
    """A news-like graph: 40% entities and 60% events; each event has an agent, patient and place
    drawn from a skewed popularity (a few hubs, a long tail); causal links join nearby events into
    chains; other relations join entities, until there are ``n_edges`` distinct edges."""
    rng = random.Random(seed)
    n_entities = n_nodes * 2 // 5
    entities = [_node(rng, k, rng.choices(*zip(*ENTITY_FAMILIES.items(), strict=True))[0]) for k in range(n_entities)]
    events = [_node(rng, k, rng.choice(EVENT_FAMILIES), event=True) for k in range(n_entities, n_nodes)]
    places = [n.id for n in entities if n.family == "Place"]
    actors = [n.id for n in entities if n.family != "Place"]
    edges: dict[tuple[str, str, str], Edge] = {}
    for event in events:
        for role in ROLES:
            pool = places if role == "place" else actors
            if rng.random() < 0.85:
                target = (
                    pool[min(int(rng.paretovariate(0.8)) - 1, len(pool) - 1)]
                    if rng.random() < 0.3
                    else rng.choice(pool)
                )
                edges.setdefault((event.id, target, role), Edge(event.id, target, "role", role))
    while len(edges) < n_edges:
        if rng.random() < 0.7:
            k = rng.randrange(len(events) - 1)
            cause, effect = events[k].id, events[min(len(events) - 1, k + rng.randint(1, 25))].id
            if cause != effect:
                confidence = round(rng.uniform(0.3, 1.0), 2)
                edges.setdefault(
                    (cause, effect, "causes"), Edge(cause, effect, "causal", "causes", confidence, "after")
                )
        else:
            a, b = rng.sample(actors, 2)
            edges.setdefault((a, b, "memberOf"), Edge(a, b, "relation", "memberOf"))
    ordered = sorted(list(edges.values())[:n_edges], key=lambda e: (e.source, e.target, e.label))
    return GraphView(tuple(sorted(entities + events, key=lambda n: n.id)), tuple(ordered), {"synthetic": ""})


def _node(rng: random.Random, k: int, family: str, *, event: bool = False) -> Node:
    label = " ".join(rng.sample(WORDS, 2)) + f" {k}"
    sentence = f"Reports said the {label} came after weeks of <b>unrest</b> & talks."
    date = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if event and rng.random() < 0.7 else ""
    evidence = Evidence("synthetic", sentence, 16, 16 + len(label))
    return Node(f"n{k:05d}", label, family, family, event, (family,), date=date, evidence=(evidence,) * 2)


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.html_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="page loads to measure (the median is printed)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/_out"))
    parser.add_argument("--store", type=Path, help="a build folder: its page instead of a synthetic graph")
    args = parser.parse_args(argv)

    built = store.open_read(args.store) if args.store else None
    graph = view.read(built) if built else synthetic(args.nodes, args.edges)
    dates = analyze.document_dates(built) if built else {}
    args.out.mkdir(parents=True, exist_ok=True)
    page_path = args.out / "html_scale.html"
    index = {n.id: k for k, n in enumerate(graph.nodes)}
    layout_s = _timed(
        lambda: layout.positions(range(len(index)), [(index[e.source], index[e.target]) for e in graph.edges])
    )
    render_s = _timed(lambda: page_path.write_text(html.render(graph, dates=dates), encoding="utf-8"))
    print(f"graph: {len(graph.nodes)} nodes, {len(graph.edges)} edges; page {page_path.stat().st_size / 1e6:.1f} MB")
    print(f"python: layout {layout_s:.2f} s; layout, pyvis records and page together {render_s:.2f} s")

    loads, clicks, zooms, causal, maps = [], [], [], [], []
    with chromium() as browser:
        for _ in range(args.runs):
            page, log = open_graph(browser, page_path)
            assert not log.errors and not log.requests, (log.errors, log.requests)
            loads.append(page.evaluate("window.kgTimings.ready") / 1000)
            first = page.evaluate("[kgNetwork.body.nodeIndices.length, kgNetwork.getScale()]")
            page.evaluate(_WATCH_CLICK)
            click_node(page, 0)
            clicks.append(page.wait_for_function("window.kgClick").json_value() / 1000)
            zooms.append(page.evaluate(_FRAME_AFTER, "zoom") / 1000)
            causal.append(page.evaluate(_FRAME_AFTER, "causal") / 1000)
            maps.append(page.evaluate(_MAP_SHOWN) / 1000)
            page.close()
    print(f"first view: {first[0]} nodes drawn (unlinked ones hidden), zoom {first[1]:.2f}")
    print(f"browser (median of {args.runs}): navigation start to a still, drawn graph {statistics.median(loads):.2f} s")
    print(f"  click on a node (mouse down) to its details shown {statistics.median(clicks) * 1000:.0f} ms")
    print(f"  zoom out to the next frame drawn {statistics.median(zooms) * 1000:.0f} ms")
    print(f"  causal view on, to the next frame drawn {statistics.median(causal) * 1000:.0f} ms")
    print(f"  map view on, to the next frame drawn {statistics.median(maps) * 1000:.0f} ms")
    return 0


# milliseconds from pressing the mouse on the canvas to the details panel filled, in window.kgClick
_WATCH_CLICK = """() => {
  let down = 0;
  document.querySelector("#graph canvas").addEventListener("pointerdown", () => { down = performance.now(); });
  new MutationObserver(() => { window.kgClick = performance.now() - down; })
    .observe(document.getElementById("details"), { childList: true });
}"""
# milliseconds from an action to the end of the frame it causes
_FRAME_AFTER = """action => new Promise(resolve => {
  const start = performance.now();
  kgNetwork.once("afterDrawing", () => resolve(performance.now() - start));
  if (action === "zoom") kgNetwork.moveTo({scale: 0.3});
  else document.getElementById("causal").click();
})"""

# milliseconds from ticking "map" to the next frame, the map drawn
_MAP_SHOWN = """() => new Promise(resolve => {
  const start = performance.now();
  document.getElementById("map-view").click();
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
})"""


if __name__ == "__main__":
    raise SystemExit(main())
