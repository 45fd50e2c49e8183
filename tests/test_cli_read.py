"""The read commands take the build folder as PATH like kg build, --version, kg query --timeout,
and --bind by any name a node is known by."""

from __future__ import annotations

import time
from importlib.metadata import version
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store

from kg import query
from kg.errors import E, KgError
from tests.test_cli import assert_one_line_error, kg

LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
GRAPH = NamedNode("https://w3id.org/newskg/id/graph/d")


def names(*nodes: tuple[str, str, tuple[str, ...]]) -> Store:
    st = Store()
    for iri, label, aliases in nodes:
        st.add(Quad(NamedNode(iri), LABEL, Literal(label), GRAPH))
        for alias in aliases:
            st.add(Quad(NamedNode(iri), ALT, Literal(alias), GRAPH))
    return st


def test_version() -> None:
    result = kg("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"newskg {version('newskg')}"


def test_bind_takes_any_alias_and_refuses_an_ambiguous_one() -> None:
    st = names(
        ("https://x/tony", "Tony Blair", ("Blair", "Mr Blair")),
        ("https://x/cherie", "Cherie Blair", ("Ms Blair",)),
        ("https://x/gordon", "Gordon Brown", ("Brown",)),
        ("https://x/brown", "Brown", ()),
    )
    resolved = query.resolve_aliases(st, {"actor": "mr blair", "other": "Brown", "iri": "<https://x/tony>"})
    # an exact preferred label stays itself, even where it is also another node's alias
    assert resolved == {"actor": "Tony Blair", "other": "Brown", "iri": "<https://x/tony>"}
    assert query.resolve_aliases(st, {"actor": "nobody"}) == {"actor": "nobody"}
    st.add(Quad(NamedNode("https://x/cherie"), ALT, Literal("Blair"), GRAPH))
    with pytest.raises(KgError) as caught:
        query.resolve_aliases(st, {"actor": "Blair"})
    assert caught.value.code is E.E134 and "Cherie Blair, Tony Blair" in str(caught.value)


def test_within_stops_work_that_runs_too_long_and_passes_errors_on() -> None:
    assert query.within(10, lambda: 6 * 7) == 42
    started = time.monotonic()
    with pytest.raises(KgError) as caught:
        query.within(0.5, lambda: time.sleep(30))
    assert caught.value.code is E.E133 and time.monotonic() - started < 10

    def fails() -> None:
        raise KgError(E.E031, name="nope")

    with pytest.raises(KgError) as raised:
        query.within(10, fails)
    assert raised.value.code is E.E031


@pytest.mark.model
def test_read_commands_take_the_folder_as_path(sample_build: Path) -> None:
    by_option = kg("stats", "--store", str(sample_build))
    by_path = kg("stats", str(sample_build))
    assert by_path.returncode == 0 and by_path.stdout == by_option.stdout
    assert "conforms" in kg("validate", str(sample_build)).stdout
    ask = kg("query", "ASK { ?e a kg:Protest }", str(sample_build))
    assert ask.returncode == 0 and ask.stdout.strip() == "true"
    named = kg("query", "--name", "entities", str(sample_build), "--format", "csv")
    assert named.returncode == 0 and "Kassym-Jomart Tokayev" in named.stdout


@pytest.mark.model
def test_query_binds_an_alias_and_stops_at_its_timeout(sample_build: Path) -> None:
    timeline = kg("query", "--name", "actor-timeline", "--bind", "actor=tokayev", str(sample_build), "-f", "csv")
    rows = timeline.stdout.splitlines()[1:]
    assert rows and all(row.startswith("Kassym-Jomart Tokayev,") for row in rows)
    started = time.monotonic()
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    assert_one_line_error(kg("query", endless, str(sample_build), "--timeout", "1"), "--timeout 1 s")
    assert time.monotonic() - started < 30


def test_table_rows_name_iris_by_curies() -> None:
    """kg: terms, the default base's resources (id:) and other known prefixes shortened; any other
    IRI and every literal as they are."""
    st = Store()
    event = NamedNode("https://w3id.org/newskg/id/event/d/12")
    st.add(Quad(event, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                NamedNode("https://w3id.org/newskg/ontology#Protest"), GRAPH))  # fmt: skip
    st.add(Quad(event, NamedNode("https://schema.org/url"), NamedNode("https://example.org/a/b"), GRAPH))
    st.add(Quad(event, LABEL, Literal("https://w3id.org/newskg/id/not-an-iri"), GRAPH))
    result = query.execute(st, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p")
    assert isinstance(result, QuerySolutions)
    columns, rows = query.rows(result, curies=True)
    assert columns == ["s", "p", "o"]
    assert rows == [
        ["id:event/d/12", "rdf:type", "kg:Protest"],
        ["id:event/d/12", "rdfs:label", "https://w3id.org/newskg/id/not-an-iri"],
        ["id:event/d/12", "schema:url", "https://example.org/a/b"],
    ]
    assert query.rows(query.execute(st, "SELECT ?s WHERE { ?s a kg:Protest }"))[1] == [[event.value]]  # type: ignore[arg-type]


@pytest.mark.model
def test_query_table_shows_curies_whole(sample_build: Path) -> None:
    text = "SELECT ?event ?type ?place WHERE { ?event a ?type ; kg:place ?place . FILTER (?type != kg:Event) }"
    table = kg("query", text, str(sample_build))
    csv = kg("query", text, str(sample_build), "--format", "csv")
    assert table.returncode == 0 and "…" not in table.stdout
    lines = csv.stdout.splitlines()[1:]
    assert lines
    for line in lines:
        for iri in line.split(","):
            assert query.table_cell(NamedNode(iri)) in table.stdout
            assert query.table_cell(NamedNode(iri)).startswith(("id:", "kg:"))
