"""The graph for Gephi, Cytoscape and networkx: GraphML and GEXF 1.3 of the nodes and links that
``kg viz`` draws, each node with its label, kind, type, date, PageRank and community.

GraphML is networkx's writer. GEXF is written here with the standard library: networkx's GEXF
1.3 writer puts ``xsi:schemaLocation`` in a misspelt namespace and a ``name`` attribute on the
graph, both of which the 1.3 schema refuses, and stamps the day's date into the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx

from kg import analyze

GEXF_NAMESPACE = "http://gexf.net/1.3"
# GEXF attribute types of the node and edge attributes, in the order they are declared
NODE_ATTRIBUTES = {
    "kind": "string",
    "type": "string",
    "family": "string",
    "date": "string",
    "centrality": "double",
    "community": "integer",
}
EDGE_ATTRIBUTES = {"kind": "string", "confidence": "double"}


def annotated(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with each node's centrality and community set."""
    scores = analyze.score(graph)
    graph = graph.copy()
    for node, data in graph.nodes(data=True):
        data["centrality"] = round(scores.centrality[node], 8)
        data["community"] = scores.community[node]
    return graph


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    nx.write_graphml(annotated(graph), tmp, named_key_ids=True)
    os.replace(tmp, path)


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    ET.ElementTree(gexf(annotated(graph))).write(tmp, encoding="utf-8", xml_declaration=True)
    os.replace(tmp, path)


def gexf(graph: nx.MultiDiGraph) -> ET.Element:
    """The GEXF 1.3 document of an annotated graph: directed, one edge element per link."""
    root = ET.Element("gexf", {"xmlns": GEXF_NAMESPACE, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "newskg"
    ET.SubElement(meta, "description").text = "actors, places and events; role, causal and relation links"
    body = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    for cls, declared in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declaration = ET.SubElement(body, "attributes", {"class": cls, "mode": "static"})
        for name, kind in declared.items():
            ET.SubElement(declaration, "attribute", {"id": name, "title": name, "type": kind})
    nodes = ET.SubElement(body, "nodes", {"count": str(graph.number_of_nodes())})
    for node, data in graph.nodes(data=True):
        element = ET.SubElement(nodes, "node", {"id": node, "label": data["label"]})
        _attvalues(element, data, NODE_ATTRIBUTES)
    edges = ET.SubElement(body, "edges", {"count": str(graph.number_of_edges())})
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        attributes = {"id": str(number), "source": source, "target": target, "label": data["label"]}
        if "confidence" in data:
            attributes["weight"] = repr(data["confidence"])
        _attvalues(ET.SubElement(edges, "edge", attributes), data, EDGE_ATTRIBUTES)
    ET.indent(root, space=" ")
    return root


def _attvalues(element: ET.Element, data: dict[str, object], declared: dict[str, str]) -> None:
    present = [(name, data[name]) for name in declared if data.get(name) not in (None, "")]
    if present:
        values = ET.SubElement(element, "attvalues")
        for name, value in present:
            ET.SubElement(values, "attvalue", {"for": name, "value": str(value)})
