"""The HTML graph in a real browser (Debian's headless Chromium, driven by Playwright): it loads
offline with no error, draws exactly the store's graph, shows evidence on click, filters as
``kg viz`` does, and shows article markup as text without running it. Screenshots go to
tests/_artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pyoxigraph import QuerySolutions, Store

from kg import query, store
from kg.export import html
from kg.export.view import Edge, GraphView, Selection, read, select
from tests.browser import CHROMIUM, PageLog, chromium, click_node, node_point, open_graph
from tests.conftest import ROOT
from tests.test_cli import assert_one_line_error, kg
from tests.test_html_view import MARKUP, located_graph, node, small_graph

ARTIFACTS = ROOT / "tests" / "_artifacts"
DRAWN = "() => [kgNetwork.body.nodeIndices.map(i => kgData.nodes[i].id), kgNetwork.body.edgeIndices.length]"
# an independent count of what the page must draw: every actor, place and event, and every
# kg: link between two of them except attribution and the plain causal triples, which are
# drawn once each, as their kg:CausalRelation
_NODES = """SELECT DISTINCT ?x WHERE {
  ?x a/rdfs:subClassOf* ?root . VALUES ?root { kg:Actor kg:Place kg:Event } }"""
_LINKS = """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?p ?b WHERE {
  ?a ?p ?b . ?a a/rdfs:subClassOf* ?ra . ?b a/rdfs:subClassOf* ?rb .
  VALUES ?ra { kg:Actor kg:Place kg:Event } VALUES ?rb { kg:Actor kg:Place kg:Event }
  FILTER (STRSTARTS(STR(?p), STR(kg:)) && ?p NOT IN (kg:accordingTo, kg:causes, kg:enables, kg:prevents)) } }"""
_CAUSAL = "SELECT (COUNT(?r) AS ?n) WHERE { ?r a kg:CausalRelation }"
# the nodes at either end of a drawn link: the ones the page shows before "unlinked nodes" is ticked
_LINKED = """SELECT DISTINCT ?x WHERE {
  { ?x ?p ?y } UNION { ?y ?p ?x } UNION { ?r a kg:CausalRelation ; kg:cause|kg:effect ?x ; kg:cause|kg:effect ?y }
  ?x a/rdfs:subClassOf* ?rx . ?y a/rdfs:subClassOf* ?ry .
  VALUES ?rx { kg:Actor kg:Place kg:Event } VALUES ?ry { kg:Actor kg:Place kg:Event }
  FILTER (?x != ?y && (BOUND(?r) || (STRSTARTS(STR(?p), STR(kg:)) && ?p NOT IN (kg:accordingTo, kg:causes, kg:enables,
          kg:prevents)))) }"""
_EVENT_PLACES = "SELECT DISTINCT ?p WHERE { ?e kg:place ?p . ?p schema:latitude ?lat ; schema:longitude ?lon }"
_CAUSAL_EVENTS = "SELECT DISTINCT ?e WHERE { ?r a kg:CausalRelation ; kg:cause|kg:effect ?e }"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"no {CHROMIUM}: 'make test' installs it (apt-get install chromium)"
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def sample_page_path(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    html.write(store.open_read(sample_build), path)
    return path


@pytest.fixture
def sample_page(browser: Browser, sample_page_path: Path) -> Iterator[tuple[Page, PageLog]]:
    page, log = open_graph(browser, sample_page_path)
    yield page, log
    page.close()


def values(st: Store, text: str) -> list[str]:
    """The first column of a SELECT's rows."""
    result = query.execute(st, text)
    assert isinstance(result, QuerySolutions)
    return [row[0] for row in query.rows(result)[1]]


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png")


def index_of(page: Page, condition: str) -> int:
    """The index of the first node of the page's data that meets a JS condition on ``n``."""
    found = page.evaluate(f"kgData.nodes.findIndex(n => {condition})")
    assert found >= 0, condition
    return int(found)


@pytest.mark.model
def test_loads_offline_and_draws_the_whole_store(sample_page: tuple[Page, PageLog], sample_build: Path) -> None:
    """Every linked node and every link at first; the nodes without a link once asked for."""
    page, log = sample_page
    shoot(page, "sample")
    st = store.open_read(sample_build)
    links = int(values(st, _LINKS)[0]) + int(values(st, _CAUSAL)[0])
    assert sorted(page.evaluate(DRAWN)[0]) == sorted(values(st, _LINKED))
    page.check("#unlinked")
    drawn_nodes, drawn_edges = page.evaluate(DRAWN)
    assert sorted(drawn_nodes) == sorted(values(st, _NODES)) and drawn_edges == links
    assert page.locator("#unlinked-count").text_content() == str(len(values(st, _NODES)) - len(values(st, _LINKED)))
    page.check("#map-view")
    assert page.locator("#map .place").count() == len(values(st, _EVENT_PLACES)) > 0
    assert log.errors == [] and log.requests == []


@pytest.mark.model
def test_clicking_the_crackdown_shows_its_evidence(sample_page: tuple[Page, PageLog], sample_build: Path) -> None:
    page, _ = sample_page
    crackdown = index_of(page, "n.cls === 'Crackdown' && n.label.includes('Kazakhstan')")
    click_node(page, crackdown)
    panel = page.locator("#details")
    assert panel.locator("h2").text_content() == page.evaluate(f"kgData.nodes[{crackdown}].label")
    iri = page.evaluate(f"kgData.nodes[{crackdown}].id")
    sentences = values(
        store.open_read(sample_build), f"SELECT ?s WHERE {{ <{iri}> kg:mention/kg:sentence/nif:anchorOf ?s }}"
    )
    assert sentences and all("crackdown" in s.lower() for s in sentences)
    quoted = panel.locator("blockquote").all_text_contents()
    assert all(any(s in q for q in quoted) for s in sentences)
    # each mention is marked: the noun, and the verb that carries it ("respond with a harsh crackdown")
    anchors = values(store.open_read(sample_build), f"SELECT ?a WHERE {{ <{iri}> kg:mention/nif:anchorOf ?a }}")
    marks = {m.lower() for m in panel.locator("mark").all_text_contents()}
    assert "crackdown" in marks and marks == {a.lower() for a in anchors}
    assert "document 000_b862f496998775da" in panel.inner_text()
    shoot(page, "crackdown")


@pytest.mark.model
def test_causal_view_shows_exactly_the_events_with_causal_links(
    sample_page: tuple[Page, PageLog], sample_build: Path
) -> None:
    page, _ = sample_page
    page.click("#causal")
    drawn_nodes, drawn_edges = page.evaluate(DRAWN)
    st = store.open_read(sample_build)
    assert sorted(drawn_nodes) == sorted(values(st, _CAUSAL_EVENTS))
    assert drawn_edges == int(values(st, _CAUSAL)[0])
    shoot(page, "causal-view")


@pytest.mark.model
def test_page_filters_agree_with_kg_viz(sample_page: tuple[Page, PageLog], sample_build: Path) -> None:
    """The page's date and type filters keep what ``kg viz --since/--type`` keeps."""
    page, _ = sample_page
    graph = read(store.open_read(sample_build))
    page.check("#unlinked")  # kg viz has no such filter
    page.fill("#since", "2022-01-07")
    expected = select(graph, Selection(since=date(2022, 1, 7)))
    assert sorted(page.evaluate(DRAWN)[0]) == sorted(n.id for n in expected.nodes)
    page.fill("#since", "")
    page.uncheck("#legend input[data-family='Place']")
    others = tuple({n.family for n in graph.nodes} - {"Place"})
    expected = select(graph, Selection(types=others))
    drawn_nodes, drawn_edges = page.evaluate(DRAWN)
    assert (sorted(drawn_nodes), drawn_edges) == (sorted(n.id for n in expected.nodes), len(expected.edges))


@pytest.mark.model
def test_search_by_alias_and_timeline_order(sample_page: tuple[Page, PageLog]) -> None:
    page, _ = sample_page
    alias_of = index_of(page, "n.names.some(a => !n.label.toLowerCase().includes(a.toLowerCase()))")
    label, names = page.evaluate(f"[kgData.nodes[{alias_of}].label, kgData.nodes[{alias_of}].names]")
    alias = next(a for a in names if a.lower() not in label.lower())
    page.fill("#search", alias)
    assert any(label in hit for hit in page.locator("#hits li").all_text_contents())
    page.locator("#hits li", has_text=label).first.dispatch_event("mousedown")
    assert page.locator("#details h2").text_content() == label

    dates = [d for d in page.locator("#timeline time").all_text_contents() if d != "undated"]
    assert dates and dates == sorted(dates)
    page.locator("#timeline li").first.click()
    assert page.locator("#details h2").text_content() == page.locator("#timeline li span").first.text_content()


@pytest.mark.model
def test_article_markup_is_shown_as_text_never_run(browser: Browser, tmp_path: Path) -> None:
    from kg.pipeline import BuildOptions, build

    article = tmp_path / "markup.txt"
    article.write_text(
        "Police detained 40 protesters <script>window.pwned=1</script> in Almaty on Monday.\n\n"
        'The crackdown <img src=x onerror="window.pwned=1"> prompted new protests in Astana on Tuesday.\n',
        encoding="utf-8",
    )
    build([article], BuildOptions(out=tmp_path / "out", date=date(2022, 1, 10)))
    page, log = open_graph(browser, tmp_path / "out" / "graph.html")
    for condition, markup in [
        ("n.evidence.some(e => e.sentence.includes('<script>'))", "<script>window.pwned=1</script>"),
        ("n.evidence.some(e => e.sentence.includes('<img'))", '<img src=x onerror="window.pwned=1">'),
    ]:
        click_node(page, index_of(page, condition))
        assert markup in page.locator("#details").inner_text()
        assert page.locator("#details script, #details img").count() == 0
    assert markup in _tooltip(page, index_of(page, "n.evidence.some(e => e.sentence.includes('<img'))"))
    assert page.evaluate("window.pwned") is None
    assert log.errors == [] and log.requests == []
    shoot(page, "markup")
    page.close()


def test_markup_in_labels_is_shown_as_text_never_run(browser: Browser, tmp_path: Path) -> None:
    """Labels, aliases and tooltips too (a hand-made graph: no build, no model)."""
    graph = small_graph()
    hostile = node("hostile", "Person", label=MARKUP)
    path = tmp_path / "graph.html"
    path.write_text(html.render(GraphView((*graph.nodes, hostile), graph.edges, graph.documents)), encoding="utf-8")
    page, log = open_graph(browser, path)
    page.fill("#search", "onerror")
    assert MARKUP[:40] in page.locator("#hits").inner_text()
    page.press("#search", "Enter")
    assert page.locator("#details h2").text_content() == MARKUP
    page.check("#unlinked")  # the hostile node has no link: hidden until unlinked nodes are shown
    assert MARKUP in _tooltip(page, index_of(page, "n.id === 'hostile'"))
    assert page.locator("img, #details script, #hits script").count() == 0
    assert page.evaluate("window.pwned") is None
    assert log.errors == [] and log.requests == []
    page.close()


@pytest.mark.model
def test_kg_viz_filters_and_fails_cleanly(sample_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "causal.html"
    result = kg("viz", "--store", str(sample_build), "--out", str(out), "--causal-only", "--type", "Event")
    st = store.open_read(sample_build)
    events, links = len(values(st, _CAUSAL_EVENTS)), values(st, _CAUSAL)[0]
    assert result.returncode == 0 and result.stdout == f"wrote {out}: {events} nodes, {links} links\n"
    assert "://" not in out.read_text(encoding="utf-8").replace(":\\/\\/", "")
    for args, words in [
        (("--type", "Nope"), ("Nope", "Actor")),
        (("--document", "nope"), ("nope", "000_b862f496998775da")),
        (("--since", "2022/01/01"), ("YYYY-MM-DD",)),
    ]:
        assert_one_line_error(kg("viz", "--store", str(sample_build), "--out", str(tmp_path / "x.html"), *args), *words)
    assert not (tmp_path / "x.html").exists()


def _tooltip(page: Page, index: int) -> str:
    """The hover tooltip of a node, checked to be text only (innerText makes its newlines <br>s)."""
    page.mouse.move(0, 0)
    page.mouse.move(*node_point(page, index))
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.evaluate("t => [...t.querySelectorAll('*')].every(e => e.tagName === 'BR')")
    return tooltip.inner_text()


def open_rendered(browser: Browser, tmp_path: Path, graph: GraphView, **options: object) -> tuple[Page, PageLog]:
    path = tmp_path / "graph.html"
    path.write_text(html.render(graph, **options), encoding="utf-8")  # type: ignore[arg-type]
    return open_graph(browser, path)


def drawn_ids(page: Page) -> set[str]:
    return set(page.evaluate(DRAWN)[0])


def test_unlinked_nodes_document_filter_and_community_colours(browser: Browser, tmp_path: Path) -> None:
    """Hand-made graph: the minister (document b) has no link and is hidden until asked for; the
    document filter keeps that document's nodes; colour by community gives each node its
    community's colour and back."""
    graph = located_graph()
    page, log = open_rendered(browser, tmp_path, graph)
    everyone = {n.id for n in graph.nodes}
    assert drawn_ids(page) == everyone - {"minister", "astana"}
    assert page.locator("#unlinked-count").text_content() == "2"
    page.check("#unlinked")
    assert drawn_ids(page) == everyone
    page.select_option("#document", "b")
    expected = select(graph, Selection(documents=("b",)))
    assert drawn_ids(page) == {n.id for n in expected.nodes} == {"minister"}
    page.select_option("#document", "")
    page.uncheck("#unlinked")
    assert drawn_ids(page) == everyone - {"minister", "astana"}

    colours = "() => kgData.nodes.map((n, i) => kgNetwork.body.nodes[i].options.color.background)"
    by_type = page.evaluate(colours)
    page.select_option("#colour", "community")
    by_community = page.evaluate(colours)
    palette = page.evaluate("kgData.community.map(c => kgData.communities[c].colour)")
    assert by_community == palette != by_type
    assert page.locator("#communities").is_visible()
    groups = [c for c in page.evaluate("kgData.communities") if c["size"] > 1]
    assert page.locator("#community-legend li").count() == len(groups)
    page.select_option("#colour", "type")
    assert page.evaluate(colours) == by_type
    assert log.errors == [] and log.requests == []
    page.close()


def test_central_nodes_are_drawn_bigger(browser: Browser, tmp_path: Path) -> None:
    """A person in five events and one in a single event: the first is drawn larger, as its PageRank says."""
    events = tuple(node(f"e{k}", "Violence", event=True) for k in range(5))
    people = (node("hub", "Person"), node("leaf", "Person"))
    edges = (*(Edge(e.id, "hub", "role", "agent") for e in events), Edge("e0", "leaf", "role", "patient"))
    page, _ = open_rendered(browser, tmp_path, GraphView((*events, *people), edges, {"a": ""}))
    width = "i => { const b = kgNetwork.getBoundingBox(i); return b.right - b.left; }"
    hub, leaf = index_of(page, "n.id === 'hub'"), index_of(page, "n.id === 'leaf'")
    assert page.evaluate(width, hub) > 1.5 * page.evaluate(width, leaf)
    page.close()


def test_timeline_gives_undated_events_their_article_date_marked(browser: Browser, tmp_path: Path) -> None:
    page, _ = open_rendered(browser, tmp_path, small_graph(), dates={"a": "2022-01-05"})
    entries = page.locator("#timeline li")
    texts = [(e.locator("time").text_content(), e.locator("span").text_content()) for e in entries.all()]
    assert texts == [("2022-01-02", "protest"), ("2022-01-05", "crash"), ("2022-02", "crackdown")]
    marked = page.locator("#timeline time.article")
    assert marked.count() == 1 and marked.text_content() == "2022-01-05"
    assert marked.evaluate("t => getComputedStyle(t, '::after').content") == '" (article)"'
    page.close()


def test_first_view_can_be_read(browser: Browser, tmp_path: Path) -> None:
    """A graph too big to show whole at a readable zoom opens on its most central node at one."""
    from benchmarks.html_scale import synthetic

    page, _ = open_rendered(browser, tmp_path, synthetic(600, 1200))
    top = page.evaluate("kgData.vis.nodes.reduce((a, b) => (b.value > a.value ? b : a)).id")
    assert page.evaluate("kgNetwork.getScale()") >= 0.8
    point = page.evaluate("i => kgNetwork.canvasToDOM(kgNetwork.getPosition(i))", top)
    box = page.locator("#graph").bounding_box()
    assert box is not None and 0 < point["x"] < box["width"] and 0 < point["y"] < box["height"]
    page.click("#fit")
    assert page.evaluate("kgNetwork.getScale()") < 0.5
    page.close()


def test_map_draws_event_places_where_they_are(browser: Browser, tmp_path: Path) -> None:
    """Only places of events with coordinates, at x = 10 × longitude, y = -10 × latitude, on
    outlines that come with the page; a click shows the place."""
    page, log = open_rendered(browser, tmp_path, located_graph())
    page.check("#map-view")
    assert page.locator("#graph").is_hidden() and page.locator("#map").is_visible()
    dots = page.locator("#map circle")
    assert dots.count() == 1
    assert (dots.get_attribute("cx"), dots.get_attribute("cy")) == ("769.5", "-432.5")
    assert len(page.locator("#map path.land").get_attribute("d") or "") > 100_000
    width = """() => [document.getElementById("map").viewBox.baseVal.width,
                      document.querySelector("#map circle").getBoundingClientRect().width]"""
    before = page.evaluate(width)
    page.locator("#map").hover()
    page.mouse.wheel(0, -300)  # zoom in: less of the world in view, the dot as big on screen
    after = page.evaluate(width)
    assert after[0] < 0.9 * before[0] and after[1] == pytest.approx(before[1], abs=0.5)
    dots.click()
    assert page.locator("#details h2").text_content() == "almaty"
    page.uncheck("#map-view")
    assert page.locator("#graph").is_visible()
    assert log.errors == [] and log.requests == []
    page.close()


def test_map_labels_never_cover_each_other(browser: Browser, tmp_path: Path) -> None:
    """Two event places 0.05 degrees apart: only the busier one is named until the map is zoomed in."""
    events = tuple(node(f"e{k}", "Violence", event=True) for k in range(3))
    places = (
        replace(node("busy", "Place"), coordinates=(50.0, 10.0)),
        replace(node("quiet", "Place"), coordinates=(50.05, 10.05)),
    )
    edges = (
        Edge("e0", "busy", "role", "place"),
        Edge("e1", "busy", "role", "place"),
        Edge("e2", "quiet", "role", "place"),
    )
    page, log = open_rendered(browser, tmp_path, GraphView((*events, *places), edges, {"a": ""}))
    page.check("#map-view")
    named = """() => [...document.querySelectorAll("#map text")]
                 .filter(t => t.style.display !== "none").map(t => t.textContent)"""
    assert page.evaluate(named) == ["busy"]
    page.locator("#map").hover()
    for _ in range(16):
        page.mouse.wheel(0, -100)
    assert sorted(page.evaluate(named)) == ["busy", "quiet"]
    assert log.errors == []
    page.close()


@pytest.mark.model
def test_same_store_same_page(sample_build: Path, sample_page_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "graph.html"
    html.write(store.open_read(sample_build), again)
    assert again.read_bytes() == sample_page_path.read_bytes()
