"""What an analyst asks of the graph: which events start causal chains, which chains are longest or
surest, which actors are central, which stories the corpus holds, and what each actor did when.

The graph is the one ``kg viz`` draws (``kg.export.view``): actors, places and events as nodes;
role (agent, patient, place), causal and relation links as edges. Every answer is a pandas
DataFrame with IRIs next to labels, so tables join on IRIs and read by labels.

Centrality is PageRank over that graph taken as undirected: it runs in time linear in the links
(betweenness is cubic in practice, and zero for nearly every actor of a news corpus, which is many
small stories that no actor bridges), and it ranks an actor high when it takes part in many events
that are themselves well linked, by causes or by shared actors, which is what "central to the
news" means. Communities are networkx's Louvain with a fixed seed, within each connected
component: the same store, the same communities.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
from pyoxigraph import QuerySolutions, Store

from kg import query
from kg.export import view as graph_view
from kg.export.view import Edge, GraphView, Node

if TYPE_CHECKING:
    import pandas as pd

SEED = 7
MAX_CHAINS = 5_000  # chains multiply with branching; past this many the table is cut (longest first anyway)
TOP = 3  # events and actors named per community
CAUSAL_KINDS = ("causes", "enables")  # "prevents" links do not carry a chain forward

_DOCUMENT_DATES = "SELECT ?id ?date WHERE { ?d a kg:Document ; dcterms:identifier ?id ; dcterms:date ?date }"


@dataclass(frozen=True)
class Scores:
    """Each node's PageRank and community number (0 is the largest community)."""

    centrality: dict[str, float]
    community: dict[str, int]


@dataclass(frozen=True)
class Analysis:
    root_causes: pd.DataFrame
    chains: pd.DataFrame
    actors: pd.DataFrame
    communities: pd.DataFrame
    timelines: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by the names ``kg analyze --table`` takes."""
        return {
            "root-causes": self.root_causes,
            "chains": self.chains,
            "actors": self.actors,
            "communities": self.communities,
            "timelines": self.timelines,
        }


TABLES = ("root-causes", "chains", "actors", "communities", "timelines")
IRI_COLUMNS = ("event", "actor", "path")  # beside their labels; a printed table can leave them out


def analyze(store: Store) -> Analysis:
    """Every analysis of the store's graph.

    Example:
        >>> from pathlib import Path
        >>> from kg import store
        >>> result = analyze(store.open_read(Path("exports")))  # doctest: +SKIP
        >>> result.root_causes[["label", "descendants"]].head()  # doctest: +SKIP
    """
    return analyze_view(graph_view.read(store), document_dates(store))


def analyze_view(view: GraphView, dates: dict[str, str]) -> Analysis:
    """The analyses of a graph view; ``dates`` (document id -> date) date the events that have none."""
    graph = network(view)
    scores = score(graph)
    nodes = {n.id: n for n in view.nodes}
    causal = causal_graph(view)
    return Analysis(
        root_causes=root_causes(causal, nodes, scores),
        chains=chains(causal, nodes, _strongest(view)),
        actors=central_actors(view, scores),
        communities=communities(view, scores),
        timelines=timelines(view, dates),
    )


def document_dates(store: Store) -> dict[str, str]:
    result = query.execute(store, _DOCUMENT_DATES)
    assert isinstance(result, QuerySolutions)
    return {row["id"].value: row["date"].value for row in result}


def network(view: GraphView) -> nx.MultiDiGraph:
    """The view as a networkx multigraph: one node per actor, place and event, one edge per link
    (two relations between the same events are two edges)."""
    graph = nx.MultiDiGraph()
    for node in view.nodes:
        graph.add_node(node.id, label=node.label, type=node.cls, family=node.family, kind=_kind(node), date=node.date)
    for edge in view.edges:
        attributes: dict[str, object] = {"kind": edge.kind, "label": edge.label}
        if edge.confidence is not None:
            attributes["confidence"] = edge.confidence
        graph.add_edge(edge.source, edge.target, **attributes)
    return graph


def _kind(node: Node) -> str:
    if node.event:
        return "event"
    return "actor" if "Actor" in node.types else "place"


def score(graph: nx.MultiDiGraph) -> Scores:
    """PageRank and Louvain communities over the graph taken as undirected and simple."""
    undirected = nx.Graph(graph)
    if undirected.number_of_nodes() == 0:
        return Scores({}, {})
    centrality = pagerank(undirected)
    known: dict[tuple[int, tuple[tuple[int, int], ...]], list[list[int]]] = {}
    found = [found for members in nx.connected_components(undirected) for found in _louvain(undirected, members, known)]
    ordered = sorted(found, key=lambda members: (-len(members), min(members)))
    community = {node: number for number, members in enumerate(ordered) for node in members}
    return Scores(centrality, community)


def pagerank(graph: nx.Graph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict[str, float]:
    """PageRank of an unweighted undirected graph, as ``nx.pagerank`` computes it (power iteration,
    a lone node's rank spread evenly, the same convergence test), in numpy alone: networkx's own
    runs on SciPy's sparse arrays, whose import was a fifth of a one-article build's exports."""
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: k for k, node in enumerate(nodes)}
    ends = np.array([(index[a], index[b]) for a, b in graph.edges()], dtype=np.intp).reshape(-1, 2)
    loops = ends[:, 0] == ends[:, 1]
    # each link both ways, a self-loop once (the symmetric adjacency matrix's non-zero entries)
    sources = np.concatenate([ends[:, 0], ends[~loops, 1]])
    targets = np.concatenate([ends[:, 1], ends[~loops, 0]])
    degree = np.bincount(sources, minlength=n).astype(float)
    share = np.divide(1.0, degree, out=np.zeros(n), where=degree > 0)
    lone = degree == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        spread = np.bincount(targets, weights=(x * share)[sources], minlength=n)
        x = alpha * (spread + x[lone].sum() / n) + (1 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            return dict(zip(nodes, x.tolist(), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)


def _louvain(
    graph: nx.Graph, members: set[str], known: dict[tuple[int, tuple[tuple[int, int], ...]], list[list[int]]]
) -> list[set[str]]:
    """Louvain communities of one connected component, which no community spans: run on each alone
    (a graph of its own, nodes and links in sorted order, the same seed), since over the whole graph
    networkx's passes go over every lone node and pair again and again (477 BBC articles, 12,256
    components: 2.4 s, against 0.3 s for the one of 6,994 nodes). Louvain's result depends only on
    the component's shape (its node count and links, nodes numbered in sorted order), so
    components of one shape, most of them small stars and chains in news, share one run in
    ``known``. A node alone or a linked pair is one community, as Louvain leaves it."""
    if len(members) <= 2:
        return [set(members)]
    nodes = sorted(members)
    index = {node: k for k, node in enumerate(nodes)}
    links = tuple(sorted((min(index[a], index[b]), max(index[a], index[b])) for a, b in graph.subgraph(nodes).edges))
    shape = (len(nodes), links)
    if shape not in known:
        component = nx.Graph()
        component.add_nodes_from(range(len(nodes)))
        component.add_edges_from(links)
        known[shape] = [sorted(found) for found in nx.community.louvain_communities(component, seed=SEED)]
    return [{nodes[k] for k in found} for found in known[shape]]


def causal_graph(view: GraphView) -> nx.DiGraph:
    """Events linked by the causal relations that carry a chain (causes, enables)."""
    graph = nx.DiGraph()
    graph.add_edges_from((e.source, e.target) for e in view.edges if e.kind == "causal" and e.label in CAUSAL_KINDS)
    return graph


def _strongest(view: GraphView) -> dict[tuple[str, str], Edge]:
    """The most confident causal relation between each ordered pair of events."""
    best: dict[tuple[str, str], Edge] = {}
    for edge in view.edges:
        if edge.kind == "causal" and edge.label in CAUSAL_KINDS:
            key = (edge.source, edge.target)
            if key not in best or (edge.confidence or 0.0) > (best[key].confidence or 0.0):
                best[key] = edge
    return best


def _roots(causal: nx.DiGraph) -> list[str]:
    """Events that cause something and that nothing causes."""
    return sorted(n for n in causal if causal.in_degree(n) == 0 and causal.out_degree(n) > 0)


def root_causes(causal: nx.DiGraph, nodes: dict[str, Node], scores: Scores) -> pd.DataFrame:
    """Root causes, the ones with most consequences first."""
    rows = []
    for root in _roots(causal):
        node = nodes[root]
        rows.append(
            {
                "event": root,
                "label": node.label,
                "type": node.cls,
                "date": node.date,
                "descendants": len(nx.descendants(causal, root)),
                "effects": " | ".join(sorted(nodes[e].label for e in causal.successors(root))),
                "documents": " | ".join(_documents(node)),
                "centrality": round(scores.centrality.get(root, 0.0), 6),
            }
        )
    columns = ["event", "label", "type", "date", "descendants", "effects", "documents", "centrality"]
    frame = _frame(rows, columns)
    return frame.sort_values(["descendants", "label", "event"], ascending=[False, True, True], ignore_index=True)


def _paths(causal: nx.DiGraph, start: str) -> Iterator[tuple[str, ...]]:
    """Every simple path from ``start`` that cannot be extended (depth first, in IRI order)."""
    stack: list[tuple[str, ...]] = [(start,)]
    while stack:
        path = stack.pop()
        following = [n for n in sorted(causal.successors(path[-1]), reverse=True) if n not in path]
        if not following and len(path) > 1:
            yield path
        stack.extend((*path, n) for n in following)


def chains(causal: nx.DiGraph, nodes: dict[str, Node], links: dict[tuple[str, str], Edge]) -> pd.DataFrame:
    """Causal chains from each root cause to an end, longest and then surest first. A chain's
    confidence is the product of its links' (each link the surest relation between its events)."""
    every = (path for root in _roots(causal) for path in _paths(causal, root))
    rows = []
    for path in islice(every, MAX_CHAINS):
        steps = [links[pair] for pair in pairwise(path)]
        rows.append(
            {
                "chain": " → ".join(nodes[n].label for n in path),
                "length": len(steps),
                "confidence": round(math.prod(_confidence(s) for s in steps), 6),
                "path": " ".join(path),
                "signals": " | ".join(s.signal for s in steps),
                "evidence": " | ".join(s.evidence[0].sentence if s.evidence else "" for s in steps),
            }
        )
    columns = ["chain", "length", "confidence", "path", "signals", "evidence"]
    frame = _frame(rows, columns)
    return frame.sort_values(["length", "confidence", "chain"], ascending=[False, False, True], ignore_index=True)


def _confidence(edge: Edge) -> float:
    return edge.confidence if edge.confidence is not None else math.nan


def central_actors(view: GraphView, scores: Scores) -> pd.DataFrame:
    """Actors by PageRank, with the events they take part in and the documents that name them."""
    events: dict[str, set[str]] = defaultdict(set)
    for edge in view.edges:
        if edge.kind == "role" and edge.label != "place":
            events[edge.target].add(edge.source)
    rows = [
        {
            "actor": node.id,
            "label": node.label,
            "type": node.cls,
            "centrality": round(scores.centrality.get(node.id, 0.0), 6),
            "events": len(events[node.id]),
            "documents": len(_documents(node)),
            "community": scores.community.get(node.id, -1),
        }
        for node in view.nodes
        if _kind(node) == "actor"
    ]
    columns = ["actor", "label", "type", "centrality", "events", "documents", "community"]
    frame = _frame(rows, columns)
    return frame.sort_values(["centrality", "label", "actor"], ascending=[False, True, True], ignore_index=True)


def communities(view: GraphView, scores: Scores) -> pd.DataFrame:
    """Communities of two nodes or more, largest first, each with its most central events and actors."""
    members: dict[int, list[Node]] = defaultdict(list)
    for node in view.nodes:
        members[scores.community[node.id]].append(node)
    rows = []
    for number in sorted(members):
        group = sorted(members[number], key=lambda n: (-scores.centrality[n.id], n.label, n.id))
        if len(group) < 2:
            continue
        events = [n for n in group if n.event]
        actors = [n for n in group if _kind(n) == "actor"]
        rows.append(
            {
                "community": number,
                "size": len(group),
                "events": len(events),
                "actors": len(actors),
                "top_events": " | ".join(n.label for n in events[:TOP]),
                "top_actors": " | ".join(n.label for n in actors[:TOP]),
                "documents": len({d for n in group for d in _documents(n)}),
            }
        )
    columns = ["community", "size", "events", "actors", "top_events", "top_actors", "documents"]
    return _frame(rows, columns)


def timelines(view: GraphView, dates: dict[str, str]) -> pd.DataFrame:
    """Each actor's events (as agent or patient) in date order: the event's own date, else its
    document's (``date_of`` says which), undated events last."""
    nodes = {n.id: n for n in view.nodes}
    rows = []
    for edge in view.edges:
        if edge.kind != "role" or edge.label == "place":
            continue
        event, actor = nodes[edge.source], nodes[edge.target]
        if _kind(actor) != "actor":
            continue
        documents = _documents(event)
        when, date_of = event_date(event, dates)
        rows.append(
            {
                "actor": actor.id,
                "actor_label": actor.label,
                "date": when,
                "date_of": date_of,
                "event": event.id,
                "event_label": event.label,
                "type": event.cls,
                "role": edge.label,
                "documents": " | ".join(documents),
            }
        )
    columns = ["actor", "actor_label", "date", "date_of", "event", "event_label", "type", "role", "documents"]
    frame = _frame(rows, columns)
    frame["undated"] = frame["date"] == ""
    frame = frame.sort_values(["actor_label", "actor", "undated", "date", "event_label", "role"], ignore_index=True)
    return frame.drop(columns="undated")


def event_date(event: Node, dates: dict[str, str]) -> tuple[str, str]:
    """(date, whose): the event's own date ("event"), else the date of the first of its documents
    that has one ("document"): news mostly reports what happened about when it was written."""
    if event.date:
        return event.date, "event"
    document_date = next((dates[d] for d in _documents(event) if d in dates), "")
    return document_date, "document" if document_date else ""


def _documents(node: Node) -> list[str]:
    return sorted({ev.document for ev in node.evidence})


def _frame(rows: Sequence[Mapping[str, object]], columns: list[str]) -> pd.DataFrame:
    """A table; pandas is imported here, not with the module, since the HTML graph of every build
    imports this module for its scores and would pay 0.2 s for tables it never makes."""
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)
