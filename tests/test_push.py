"""``kg push`` against a real Oxigraph server on loopback (and a flaky one for the retries)."""

from __future__ import annotations

import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg import push, store
from kg.errors import E, KgError
from tests.servers import oxigraph_server, remote_count, tiny_build
from tests.test_cli import assert_one_line_error, kg


def local_graphs(out: Path) -> dict[str, Graph]:
    """Every graph of a store, the ontology's too."""
    st = store.open_read(out)
    graphs = [*store.document_graphs(st), store.ONTOLOGY_GRAPH]
    return {g.value: _graph([q.triple for q in st.quads_for_pattern(None, None, None, g)]) for g in graphs}


def remote_graph(base: str, graph: str) -> Graph:
    url = f"{base}/store?graph={urllib.parse.quote(graph, safe='')}"
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return Graph().parse(data=response.read(), format="nt")


def _graph(triples: list[pyoxigraph.Triple]) -> Graph:
    return Graph().parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    out = tmp_path / "tiny"
    tiny_build(out, documents=3, triples=5)
    return out


@pytest.mark.parametrize(
    "protocol, path, batch_size",
    [("gsp", "/store", 50_000), ("gsp", "/store", 2), ("update", "/update", 2)],
)
def test_push_copies_every_graph_and_twice_changes_nothing(
    tiny: Path, tmp_path: Path, protocol: str, path: str, batch_size: int
) -> None:
    with oxigraph_server(tmp_path / "remote") as base:
        options = push.PushOptions(endpoint=base + path, protocol=protocol, batch_size=batch_size)
        first = push.push(store.open_read(tiny), options)
        local = local_graphs(tiny)
        assert first.graphs == len(local) == 4
        assert remote_count(base) == first.triples == sum(len(g) for g in local.values())
        second = push.push(store.open_read(tiny), options)
        assert remote_count(base) == first.triples and second.triples == first.triples
        for name, graph in local.items():  # blank nodes get new labels on the server: compare by isomorphism
            assert isomorphic(remote_graph(base, name), graph), name
        if batch_size == 2:  # 6 triples a document: a replacing request, then two adding ones
            assert first.requests == 3 * 3 + 1


def test_a_graph_that_shrank_shrinks_on_the_server(tiny: Path, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "remote") as base:
        options = push.PushOptions(endpoint=base + "/store", batch_size=2)
        push.push(store.open_read(tiny), options)
        before = remote_count(base)
        tiny_build(tiny, documents=3, triples=1)  # every document now has 4 fewer triples
        push.push(store.open_read(tiny), options)
        assert remote_count(base) == before - 3 * 4


@pytest.mark.model
def test_push_of_the_sample_build_matches_the_local_store(sample_build: Path, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "remote") as base:
        url = base + "/store"
        result = kg("push", "--store", str(sample_build), "--endpoint", url)
        assert result.returncode == 0, result.stderr
        st = store.open_read(sample_build)
        assert remote_count(base) == len(st)  # every quad, the ontology's graph included
        assert remote_count(base, "GRAPH ?g { ?s ?p ?o } FILTER (?g != <https://w3id.org/newskg/ontology>)") == (
            store.count_triples(st)
        )
        again = kg("push", "--store", str(sample_build), "--endpoint", url)
        assert again.returncode == 0 and remote_count(base) == len(st)


def test_a_refusal_is_one_line_with_the_status(tiny: Path, tmp_path: Path) -> None:
    pyoxigraph.Store(str(tmp_path / "ro")).flush()  # an empty database to serve read-only
    with oxigraph_server(tmp_path / "ro", read_only=True) as base:
        result = kg("push", "--store", str(tiny), "--endpoint", base + "/store", "--retries", "0")
    assert_one_line_error(result, "E070", "refused: HTTP 4")


def test_an_unreachable_server_fails_after_the_retries(tiny: Path) -> None:
    from tests.servers import free_port

    options = push.PushOptions(endpoint=f"http://127.0.0.1:{free_port()}/store", retries=2, backoff=0.01)
    with pytest.raises(KgError) as caught:
        push.push(store.open_read(tiny), options)
    assert caught.value.code == E.E071 and "3 attempt(s)" in str(caught.value)


def test_bad_endpoint_and_header() -> None:
    with pytest.raises(KgError, match="E072"):
        push.push(pyoxigraph.Store(), push.PushOptions(endpoint="localhost:7878/store"))
    with pytest.raises(KgError, match="E073"):
        push.parse_header("no colon here")
    assert push.parse_header("Authorization: Bearer x:y") == ("Authorization", "Bearer x:y")


class _Flaky(BaseHTTPRequestHandler):
    """Answers 503 to the first two requests, then 204; records what it was sent."""

    failures = 2
    seen: list[tuple[str, str, str]] = []  # noqa: RUF012 - reset by the fixture

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append((self.command, self.path, self.headers.get("Authorization") or ""))
        if type(self).failures > 0:
            type(self).failures -= 1
            self.send_response(503)
            self.send_header("Retry-After", "0")
        else:
            self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky() -> Iterator[str]:
    _Flaky.failures, _Flaky.seen = 2, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/data"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_transient_failures_are_retried(tiny: Path, flaky: str) -> None:
    options = push.PushOptions(endpoint=flaky, backoff=0.01, headers=(("Authorization", "Bearer t"),), ontology=False)
    report = push.push(store.open_read(tiny), options)
    assert report.retries == 2 and report.graphs == 3
    assert report.requests == 3 + 2
    assert all(method == "PUT" and auth == "Bearer t" for method, _, auth in _Flaky.seen)
    assert _Flaky.seen[0][1] == _Flaky.seen[2][1] == "/data?graph=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Fgraph%2Fdoc0"
