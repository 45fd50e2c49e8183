"""kg export: GraphML and GEXF that networkx reads back whole (the GEXF valid against GEXF 1.3),
Parquet tables that join on IRIs, and compacted JSON-LD that expands to graph.ttl's triples."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from lxml import etree
from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, Triple
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg import query, store
from kg.export import export, jsonld
from tests.conftest import ROOT
from tests.test_cli import assert_one_line_error, kg

GEXF_SCHEMA = ROOT / "tests" / "schemas" / "gexf-1.3.xsd"
KG = "https://w3id.org/newskg/ontology#"
RES = "https://w3id.org/newskg/id/"

# what the store holds as a graph, counted in SPARQL rather than through kg.export.view
_NODES = """SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?root { kg:Actor kg:Place kg:Event } ?x a ?class . ?class rdfs:subClassOf* ?root }"""
_EDGES = """SELECT (COUNT(*) AS ?n) WHERE {
  { SELECT DISTINCT ?a ?p ?b WHERE {
      ?a ?p ?b . FILTER (STRSTARTS(STR(?p), STR(kg:)) && ?p NOT IN (kg:mention, kg:sentence, kg:quantity,
        kg:accordingTo, kg:cause, kg:effect, kg:causes, kg:enables, kg:prevents))
      VALUES ?root { kg:Actor kg:Place kg:Event } ?b a ?class . ?class rdfs:subClassOf* ?root .
      VALUES ?top { kg:Actor kg:Place kg:Event } ?a a ?from . ?from rdfs:subClassOf* ?top } }
  UNION { ?r a kg:CausalRelation }
}"""


def count(out: Path, text: str) -> int:
    result = query.execute(store.open_read(out), text)
    assert isinstance(result, QuerySolutions)
    return int(query.rows(result)[1][0][0])


def assert_isomorphic(written: Graph, expected: Graph) -> None:
    if not isomorphic(written, expected):
        _, only_written, only_expected = graph_diff(to_isomorphic(written), to_isomorphic(expected))
        pytest.fail(f"only written: {sorted(only_written)[:5]}\nonly expected: {sorted(only_expected)[:5]}")


# ---------------------------------------------------------------- JSON-LD, on triples made by hand
def triples() -> list[Triple]:
    event, doc, blank = NamedNode(RES + "event/d/1"), NamedNode(RES + "doc/d"), BlankNode("b0")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    made = [
        Triple(event, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(KG + "Protest")),
        Triple(event, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(KG + "Event")),
        Triple(event, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("protests")),
        Triple(event, NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"), Literal("Proteste", language="de")),
        Triple(event, NamedNode(KG + "date"), Literal("2022-01", datatype=NamedNode(xsd + "gYearMonth"))),
        Triple(
            doc, NamedNode("http://purl.org/dc/terms/date"), Literal("2022-01-08", datatype=NamedNode(xsd + "date"))
        ),
        Triple(event, NamedNode(KG + "confidence"), Literal("0.75", datatype=NamedNode(xsd + "decimal"))),
        Triple(event, NamedNode(KG + "accordingTo"), doc),
        Triple(event, NamedNode(KG + "quantity"), blank),
        Triple(blank, NamedNode("https://schema.org/value"), Literal("26", datatype=NamedNode(xsd + "integer"))),
        Triple(doc, NamedNode("http://example.org/other#source"), NamedNode("http://example.org/page")),
    ]
    return sorted(made, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def test_jsonld_is_compact_and_expands_to_the_same_triples(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonld"
    jsonld.write(triples(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    context, nodes = data["@context"], {n["@id"]: n for n in data["@graph"]}
    event = nodes[RES + "event/d/1"]
    assert event["label"] == "protests" and event["@type"] == ["kg:Event", "kg:Protest"]
    assert event["accordingTo"] == {"@id": RES + "doc/d"}
    # kg:date and dcterms:date share a local name: neither may take 'date', both keep their prefix
    assert "date" not in context and "kg:date" in event and "dcterms:date" in nodes[RES + "doc/d"]
    expected = Graph().parse(data="".join(f"{t} .\n" for t in triples()), format="nt")
    assert_isomorphic(Graph().parse(path, format="json-ld"), expected)
    again = tmp_path / "again.jsonld"
    jsonld.write(triples(), again)
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.model
def test_export_writes_compact_jsonld_with_graph_ttls_triples(sample_build: Path, tmp_path: Path) -> None:
    path = export(store.open_read(sample_build), "jsonld", tmp_path / "graph.jsonld")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"]["label"] == "rdfs:label" and data["@context"]["kg"] == KG
    assert all(not key.startswith("http") for node in data["@graph"] for key in node)
    written = Graph().parse(path, format="json-ld")
    assert_isomorphic(written, Graph().parse(sample_build / "graph.ttl"))


# ---------------------------------------------------------------- GraphML and GEXF
def test_the_gexf_schema_refuses_what_gexf_13_refuses() -> None:
    schema = etree.XMLSchema(etree.parse(GEXF_SCHEMA))
    good = (
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a"/><node id="b"/></nodes>'
        '<edges><edge source="a" target="b"/></edges></graph></gexf>'
    )
    assert schema.validate(etree.fromstring(good))
    for bad in (
        good.replace('version="1.3"', 'version="1.2"'),
        good.replace(' target="b"', ""),  # an edge needs its target
        good.replace(
            "<graph>", '<graph><attributes class="node"><attribute id="x" title="x" type="int"/></attributes>'
        ),  # 'int' is no GEXF attribute type
        good.replace("<graph>", '<graph name="g">'),  # what networkx's 1.3 writer adds
    ):
        assert not schema.validate(etree.fromstring(bad)), bad


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back_with_the_stores_nodes_and_links(sample_build: Path, tmp_path: Path, fmt: str) -> None:
    path = export(store.open_read(sample_build), fmt, tmp_path / f"graph.{fmt}")
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == count(sample_build, _NODES)
    assert graph.number_of_edges() == count(sample_build, _EDGES)
    tokayev = graph.nodes["https://w3id.org/newskg/id/person/kassym-jomart-tokayev"]
    assert tokayev["label"] == "Kassym-Jomart Tokayev" and tokayev["kind"] == "actor"
    assert isinstance(tokayev["centrality"], float) and isinstance(tokayev["community"], int)
    if fmt == "gexf":
        schema = etree.XMLSchema(etree.parse(GEXF_SCHEMA))
        assert schema.validate(etree.parse(path)), schema.error_log.last_error


# ---------------------------------------------------------------- Parquet
@pytest.mark.model
def test_parquet_tables_join_on_iris(sample_build: Path, tmp_path: Path) -> None:
    assert kg("export", str(sample_build), "--format", "parquet", "--out", str(tmp_path / "t")).returncode == 0
    table = {p.stem: pd.read_parquet(p) for p in (tmp_path / "t").glob("*.parquet")}
    events, entities = set(table["events"]["event"]), set(table["entities"]["entity"])
    assert set(table["roles"]["event"]) <= events and set(table["roles"]["entity"]) <= entities
    assert set(table["causal_links"]["cause"]) | set(table["causal_links"]["effect"]) <= events
    assert set(table["mentions"]["document"]) == set(table["documents"]["document"])
    assert set(table["communities"]["node"]) == events | entities
    assert table["events"]["type"].str.startswith("kg:").all()
    dated = table["events"][table["events"]["date"] != ""]
    assert (dated["date"].str.len() == dated["date_precision"].map({"day": 10, "month": 7, "year": 4})).all()
    assert table["mentions"]["begin"].dtype == "int64" and table["causal_links"]["confidence"].between(0, 1).all()


def test_export_refuses_bad_formats_and_missing_folders(tmp_path: Path) -> None:
    assert_one_line_error(kg("export", str(tmp_path), "--format", "dot"), "graphml")
    assert_one_line_error(kg("export", str(tmp_path), "--out", str(tmp_path / "no" / "g.gexf")), "no folder")
