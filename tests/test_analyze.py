"""kg analyze: root causes, chains, central actors, communities and timelines, on hand-built graphs
(exact answers) and on the sample (what a reader of the article expects)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from kg import analyze
from kg.export.view import Edge, Evidence, GraphView, Node
from tests.test_cli import assert_one_line_error, kg


def event(iri: str, label: str, *, date: str = "", document: str = "d1") -> Node:
    return Node(
        iri,
        label,
        "Protest",
        "Conflict",
        True,
        types=("Protest", "Event"),
        date=date,
        evidence=(Evidence(document, f"{label}.", 0, len(label)),),
    )


def actor(iri: str, label: str) -> Node:
    return Node(
        iri, label, "Person", "Person", False, types=("Person", "Actor"), evidence=(Evidence("d1", label, 0, 1),)
    )


def causal(cause: str, effect: str, confidence: float, *, kind: str = "causes", signal: str = "so") -> Edge:
    return Edge(
        cause, effect, "causal", kind, confidence=confidence, signal=signal, evidence=(Evidence("d1", signal, 0, 1),)
    )


def role(event_iri: str, actor_iri: str, label: str = "agent") -> Edge:
    return Edge(event_iri, actor_iri, "role", label)


# a -> b -> c, d -> c (twice: the surer relation counts), c -> e -> c (a cycle), f prevents g
VIEW = GraphView(
    nodes=(
        event("a", "cap lifted"),
        event("b", "protests", date="2022-01-02"),
        event("c", "crackdown", date="2022-01-05"),
        event("d", "drought"),
        event("e", "unrest"),
        event("f", "talks"),
        event("g", "strike", document="d2"),
        actor("p", "Tokayev"),
        actor("q", "miners"),
    ),
    edges=(
        causal("a", "b", 0.8, signal="after"),
        causal("b", "c", 0.5, signal="prompted"),
        causal("d", "c", 0.6),
        causal("d", "c", 0.9, signal="led to"),
        causal("c", "e", 0.7),
        causal("e", "c", 0.7),
        causal("f", "g", 0.9, kind="prevents"),
        role("c", "p"),
        role("b", "q", "patient"),
        role("g", "q"),
    ),
)


@pytest.fixture(scope="module")
def result() -> analyze.Analysis:
    return analyze.analyze_view(VIEW, {"d1": "2022-01-08", "d2": "2022-02-01"})


def test_root_causes_cause_and_are_not_caused(result: analyze.Analysis) -> None:
    roots = result.root_causes
    assert list(roots["event"]) == ["a", "d"]  # a reaches b, c, e; d reaches c, e
    assert list(roots["descendants"]) == [3, 2]
    assert roots.loc[0, "effects"] == "protests"
    # c has causes; f only prevents g, which carries no chain
    assert not {"b", "c", "e", "f"} & set(roots["event"])


def test_chains_multiply_the_surest_links_and_stop_at_cycles(result: analyze.Analysis) -> None:
    chains = result.chains
    by_path = {row.path: row for row in chains.itertuples()}
    assert set(by_path) == {"a b c e", "d c e"}
    assert math.isclose(by_path["a b c e"].confidence, 0.8 * 0.5 * 0.7)
    assert math.isclose(by_path["d c e"].confidence, 0.9 * 0.7)  # 0.9, not 0.6, between d and c
    assert by_path["d c e"].signals == "led to | so"
    assert by_path["a b c e"].chain == "cap lifted → protests → crackdown → unrest"
    assert list(chains["length"]) == sorted(chains["length"], reverse=True)


def test_central_actors_rank_by_pagerank(result: analyze.Analysis) -> None:
    actors = result.actors
    assert set(actors["actor"]) == {"p", "q"}
    assert list(actors["centrality"]) == sorted(actors["centrality"], reverse=True)
    assert dict(zip(actors["actor"], actors["events"], strict=True)) == {"p": 1, "q": 2}


def test_communities_are_deterministic_and_cover_the_linked_nodes(result: analyze.Analysis) -> None:
    again = analyze.analyze_view(VIEW, {})
    assert result.communities.equals(again.communities)
    assert result.communities["size"].sum() == len(VIEW.nodes)  # every node here has a link
    assert list(result.communities["size"]) == sorted(result.communities["size"], reverse=True)


def test_timelines_date_events_by_their_document_when_undated(result: analyze.Analysis) -> None:
    miners = result.timelines[result.timelines["actor"] == "q"]
    assert list(miners["event"]) == ["b", "g"]
    assert list(miners["date"]) == ["2022-01-02", "2022-02-01"]
    assert list(miners["date_of"]) == ["event", "document"]
    assert list(miners["role"]) == ["patient", "agent"]


def test_an_empty_graph_gives_empty_tables() -> None:
    empty = analyze.analyze_view(GraphView((), ()), {})
    assert all(frame.empty for frame in empty.tables().values())


@pytest.mark.model
def test_sample_root_causes_start_with_the_gas_price_cap_before_the_protests(sample_build: Path) -> None:
    from kg import store

    result = analyze.analyze(store.open_read(sample_build))
    roots = result.root_causes
    cap = roots[roots["label"].str.contains("cap")]
    assert len(cap) == 1, roots["label"].tolist()
    # the article says the protests erupted after the cap was lifted: the cap is the root, the
    # protests its first effect and the second step of its longest chains
    assert "protest" in cap.iloc[0]["effects"].lower()
    longest = result.chains.iloc[0]["chain"].split(" → ")
    assert "cap" in longest[0] and "protest" in longest[1].lower()
    assert "Kassym-Jomart Tokayev" in set(result.actors["label"].head(3))


@pytest.mark.model
def test_analyze_command_formats(sample_build: Path) -> None:
    whole = kg("analyze", str(sample_build), "--format", "json")
    assert whole.returncode == 0, whole.stderr
    data = json.loads(whole.stdout)
    assert set(data) == set(analyze.TABLES)
    assert any("cap" in row["label"] for row in data["root-causes"])
    chains = kg("analyze", "--store", str(sample_build), "--table", "chains", "--format", "csv")
    assert chains.stdout.splitlines()[0] == "chain,length,confidence,path,signals,evidence"
    table = kg("analyze", str(sample_build), "--table", "actors", "--top", "2")
    assert table.returncode == 0 and "Kassym-Jomart Tokayev" in table.stdout
    assert_one_line_error(kg("analyze", str(sample_build), "--format", "csv"), "--table")
    assert_one_line_error(kg("analyze", str(sample_build), "--table", "nope"), "nope")
