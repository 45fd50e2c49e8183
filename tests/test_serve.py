"""``kg serve`` over HTTP with a real SPARQL client (SPARQLWrapper), and builds while it serves."""

from __future__ import annotations

import csv
import doctest
import io
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, XML, SPARQLWrapper

from kg import graph_cache, query, serve, serve_workers, sparql_access, store
from kg.errors import E, KgError
from tests.servers import Listener, kg_serve, raw_request, tiny_build, tree_rss

PERSONS = "SELECT DISTINCT ?label ?person WHERE { ?person a kg:Person ; rdfs:label ?label } ORDER BY ?label ?person"
TOKEN = "s3cret-token-for-tests-only"
DOCUMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }"


def client(url: str, text: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setTimeout(60)  # a server that stops answering fails the test, not the run
    sparql.setQuery(text)
    sparql.setReturnFormat(fmt)
    return sparql


def json_rows(url: str, text: str) -> tuple[list[str], list[list[str]]]:
    result = client(url, text).queryAndConvert()
    columns = result["head"]["vars"]
    return columns, [[b[c]["value"] if c in b else "" for c in columns] for b in result["results"]["bindings"]]


def token_file(folder: Path) -> Path:
    path = folder / "token"
    path.write_text(TOKEN + "\n")
    return path


def count_documents(url: str) -> int:
    return int(json_rows(url, DOCUMENTS)[1][0][0])


def test_docstring_examples() -> None:
    for module in (serve, serve_workers, sparql_access, query):
        assert doctest.testmod(module).failed == 0, module.__name__


# ------------------------------------------------------------------ over the sample build
@pytest.fixture(scope="module")
def served(sample_build: Path) -> Iterator[str]:
    with kg_serve(sample_build, "--max-rows", "40") as (url, _):
        yield url


@pytest.mark.model
def test_it_listens_on_loopback_by_default(served: str) -> None:
    assert served.startswith("http://127.0.0.1:") and served.endswith("/sparql")
    port = int(served.split(":")[2].split("/")[0])
    # the kernel's own table of listening sockets: 0100007F is 127.0.0.1, 0A is LISTEN
    listening = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
    mine = [fields[1] for fields in listening if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port]
    assert mine == [f"0100007F:{port:04X}"]


@pytest.mark.model
def test_sparqlwrapper_gets_the_same_rows_as_kg_query(served: str, sample_build: Path) -> None:
    columns, rows = json_rows(served, PERSONS)
    expected = query.rows(query.execute(store.open_read(sample_build), PERSONS))  # type: ignore[arg-type]
    assert (columns, rows) == expected and rows


@pytest.mark.model
@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_other_result_formats_by_the_accept_header(served: str, fmt: str) -> None:
    _, expected = json_rows(served, PERSONS)
    response = client(served, PERSONS, fmt).query()
    assert response.response.headers["Content-Type"].startswith(
        {XML: "application/sparql-results+xml", CSV: "text/csv", TSV: "text/tab-separated-values"}[fmt]
    )
    converted = response.convert()
    if fmt == XML:
        names = [
            [b.getElementsByTagName("literal")[0].firstChild.data] for b in converted.getElementsByTagName("result")
        ]
        assert names == [[r[0]] for r in expected]
    elif fmt == CSV:
        assert list(csv.reader(io.StringIO(converted.decode())))[1:] == expected
    else:  # TSV writes terms in Turtle syntax: "label" and <iri>
        lines = converted.decode().splitlines()[1:]
        assert [line.split("\t")[0].strip('"') for line in lines] == [r[0] for r in expected]


@pytest.mark.model
def test_post_and_ask(served: str) -> None:
    sparql = client(served, "ASK { ?e a kg:Protest }")
    sparql.setMethod(POST)
    assert sparql.queryAndConvert()["boolean"] is True
    sparql.setRequestMethod(POSTDIRECTLY)
    assert sparql.queryAndConvert()["boolean"] is True


@pytest.mark.model
def test_an_update_is_refused_with_403(served: str) -> None:
    sparql = client(served, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    sparql.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as caught:
        sparql.query()
    assert caught.value.code == 403 and b"--allow-update" in caught.value.read()


@pytest.mark.model
def test_results_are_capped(served: str) -> None:
    request = urllib.request.Request(
        served + "?query=" + urllib.request.quote("SELECT * WHERE { ?s ?p ?o }"), headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Kg-Truncated"] == "results capped at 40"
        assert len(response.read().decode().splitlines()) == 1 + 40


@pytest.mark.model
def test_bad_requests(served: str) -> None:
    for url, code in ((served + "?query=SELEC", 400), (served.replace("/sparql", "/nope"), 404)):
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url, timeout=30)
        assert caught.value.code == code
    request = urllib.request.Request(
        served + "?query=" + urllib.request.quote("ASK {}"), headers={"Accept": "image/png"}
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 406


# ------------------------------------------------------------------ small stores, no model
def test_a_second_writer_is_refused_at_once(tmp_path: Path) -> None:
    with store.writing(tmp_path):
        with pytest.raises(KgError) as caught, store.writing(tmp_path):
            pass
        assert caught.value.code == E.E022
    with store.writing(tmp_path):  # released
        pass


def test_updates_when_allowed_and_builds_wait(tmp_path: Path) -> None:
    out = tmp_path / "out"
    tiny_build(out)
    generation = store.current_folder(out)
    assert generation is not None
    graph_cache.entries(store.open_read(out), generation)
    with kg_serve(out, "--allow-update", "--token-file", str(token_file(tmp_path))) as (url, _):
        sparql = client(url, "INSERT DATA { GRAPH <urn:g> { <urn:a> a kg:Document } }")
        sparql.setMethod(POST)
        sparql.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
        sparql.query()
        assert count_documents(url) == 3
        with pytest.raises(KgError) as caught, store.writing(out):
            pass
        assert caught.value.code == E.E022
        # the graphs' files beside a store written in place would give the next build stale RDF files
        assert not (generation / graph_cache.FOLDER).exists()
    with store.writing(out):  # the lock went with the server
        pass


def test_a_slow_query_times_out_and_the_next_one_is_answered(tmp_path: Path) -> None:
    out = tmp_path / "out"
    tiny_build(out, documents=5, triples=40)
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with kg_serve(out, "--timeout", "1", "--workers", "1") as (url, _):
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as caught:
            client(url, cross).query()
        assert caught.value.code == 503 and b"timed out" in caught.value.read()
        assert time.monotonic() - started < 5
        assert count_documents(url) == 5  # a fresh worker took the killed one's place


def test_a_missing_store_or_a_busy_port_is_one_line(tmp_path: Path) -> None:
    from tests.test_cli import assert_one_line_error, kg

    assert_one_line_error(kg("serve", "--store", str(tmp_path)), "no store")
    out = tmp_path / "out"
    tiny_build(out)
    with kg_serve(out) as (url, _):
        port = url.split(":")[2].split("/")[0]
        assert_one_line_error(kg("serve", "--store", str(out), "--port", port), "cannot listen", port)


def test_switches_while_serving_fail_no_query(tmp_path: Path) -> None:
    """Twenty generation switches (each deleting the previous generation) under a query loop."""
    out = tmp_path / "out"
    tiny_build(out, documents=1)
    failures: list[str] = []
    seen: list[int] = []
    with kg_serve(out, "--workers", "2") as (url, _):
        stop = threading.Event()

        def ask() -> None:
            while not stop.is_set():
                try:
                    seen.append(count_documents(url))
                except Exception as err:
                    failures.append(repr(err))

        readers = [threading.Thread(target=ask) for _ in range(2)]
        for reader in readers:
            reader.start()
        for n in range(2, 22):
            tiny_build(out, documents=n)
        time.sleep(0.3)
        stop.set()
        for reader in readers:
            reader.join(timeout=30)
        final = count_documents(url)
    assert not failures, failures[:3]
    assert len(seen) > 20 and final == 21
    assert [p.name for p in (out / store.GENERATIONS).glob("gen-*")] == [store.current_generation(out).parent.name]


@pytest.mark.model
def test_a_real_build_while_serving(sample_build: Path, tmp_path: Path) -> None:
    """`kg build` of a second article into the served folder: every query answered, then the union."""
    from kg.pipeline import BuildOptions, build
    from kg.validate import validate_store
    from tests.test_incremental import FOLLOWUP, FOLLOWUP_DATE

    out = tmp_path / "served"
    shutil.copytree(sample_build, out, symlinks=True)
    failures: list[str] = []
    seen: list[int] = []
    with kg_serve(out) as (url, _):
        stop = threading.Event()

        def ask() -> None:
            while not stop.is_set():
                try:
                    seen.append(count_documents(url))
                except Exception as err:
                    failures.append(repr(err))

        reader = threading.Thread(target=ask)
        reader.start()
        try:
            report = build([FOLLOWUP], BuildOptions(out=out, date=FOLLOWUP_DATE, html=False))
            time.sleep(0.2)
        finally:
            stop.set()
            reader.join(timeout=30)
        assert count_documents(url) == 2
    assert not failures, failures[:3]
    assert seen[0] == 1 and seen[-1] == 2 and sorted(seen) == seen
    assert validate_store(store.open_read(out)).graphs == 2
    assert store.count_triples(store.open_read(out)) == report.triples


# ------------------------------------------------------------------ what kg serve refuses (issue 18)
HEAVY = "SELECT * WHERE {?a ?b ?c. ?d ?e ?f. ?g ?h ?i} ORDER BY ?c ?f ?i LIMIT 1"
# memory-light but endless: a count over a four-way cross product streams
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def fetch(
    url: str, query_text: str | None = None, *, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    """(status, body) of one request; a query by GET unless ``data`` is given."""
    if query_text is not None:
        url += "?query=" + urllib.parse.quote(query_text)
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def form(text: str, field: str = "query") -> bytes:
    return urllib.parse.urlencode({field: text}).encode()


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny") / "out"
    tiny_build(out, documents=5, triples=40)
    return out


@pytest.fixture(scope="module")
def tiny_served(tiny: Path) -> Iterator[str]:
    with kg_serve(tiny, "--host-allow", "kg.example") as (url, _):
        yield url


def service_queries(port: int) -> list[str]:
    """SERVICE written every way the grammar allows, all to one loopback port."""
    iri = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT * WHERE {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ service silent <{iri}> {{ ?s ?p ?o }} }}",
        f"PREFIX r: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        f"BASE <{iri}> SELECT * WHERE {{ SERVICE <x> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{iri}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    ]


def test_service_to_a_local_listener_makes_no_connection(tiny_served: str) -> None:
    listener = Listener()
    try:
        for text in service_queries(listener.port):
            for status, body in (fetch(tiny_served, text), fetch(tiny_served, data=form(text))):
                assert status == 403 and b"E076" in body and b"--allow-service" in body, (text, body)
        assert not listener.connections_waiting()
    finally:
        listener.close()


def _user_namespaces() -> bool:
    probe = "import ctypes,sys; sys.exit(ctypes.CDLL(None).unshare(0x10000000 | 0x40000000) != 0)"
    return subprocess.run([sys.executable, "-c", probe], timeout=30).returncode == 0


@pytest.mark.skipif(not _user_namespaces(), reason="the kernel refuses unprivileged user namespaces")
@pytest.mark.parametrize("offline", [True, False])
def test_a_worker_has_no_network_past_the_text_check(tiny: Path, offline: bool) -> None:
    """The second lock: a SERVICE handed straight to a worker (as if the text check had missed it)
    cannot connect; the same worker with the network left on does, so the test can tell."""
    listener = Listener()
    pool = serve_workers.Pool(serve_workers.WorkerOptions(out=tiny, offline=offline), workers=1, timeout=3)
    try:
        reply = pool.run(serve_workers.Request("query", service_queries(listener.port)[0]))
        assert listener.connections_waiting() is not offline
        assert reply.status == (500 if offline else 503), reply  # no route; or waiting on the silent listener
    finally:
        pool.close()
        listener.close()


def test_allow_service_opens_the_named_host_only(tiny: Path) -> None:
    remote = socket.socket()
    remote.bind(("127.0.0.1", 0))
    remote.listen(4)
    port = remote.getsockname()[1]
    answer = json.dumps(
        {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "remote"}}]}}
    )

    def respond() -> None:
        remote.settimeout(30)
        conn, _ = remote.accept()
        with conn:
            received = b""
            while b"\r\n\r\n" not in received:
                received += conn.recv(65536)
            body = answer.encode()
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )

    responder = threading.Thread(target=respond, daemon=True)
    responder.start()
    try:
        with kg_serve(tiny, "--allow-service", "127.0.0.1") as (url, _):
            text = f"SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?p ?o }} }}"
            status, body = fetch(url, text)
            assert status == 200 and json.loads(body)["results"]["bindings"] == [
                {"x": {"type": "literal", "value": "remote"}}
            ]
            other = fetch(url, f"SELECT * WHERE {{ SERVICE <http://localhost:{port}/sparql> {{ ?s ?p ?o }} }}")
            assert other[0] == 403
    finally:
        responder.join(timeout=30)
        remote.close()


def test_the_memory_heavy_query_ends_in_503_while_an_ask_is_answered(tmp_path: Path) -> None:
    """The issue's query grows memory until its worker dies: 503 (not retried), the server's memory
    stays under the stated bound, and an ASK sent while it grows is answered in under a second."""
    out = tmp_path / "out"
    tiny_build(out, documents=5, triples=200)
    budget_mib = 512
    bound = (budget_mib + 384) * 2**20  # the heavy worker's bound, plus the server and its idle workers
    with kg_serve(out, "--max-memory", str(budget_mib), "--workers", "2", "--timeout", "60") as (url, process):
        assert fetch(url, "ASK { ?s ?p ?o }")[0] == 200  # both workers up
        idle = tree_rss(process.pid)
        heavy: dict[str, tuple[int, bytes]] = {}
        worker = threading.Thread(target=lambda: heavy.setdefault("reply", fetch(url, HEAVY)))
        worker.start()
        peak = idle
        deadline = time.monotonic() + 60
        while worker.is_alive() and peak < idle + 100 * 2**20 and time.monotonic() < deadline:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.01)
        assert worker.is_alive(), "the heavy query ended before it grew; nothing ran beside it"
        started = time.monotonic()
        ask = fetch(url, "ASK { ?s ?p ?o }")
        ask_seconds = time.monotonic() - started
        while worker.is_alive() and time.monotonic() < deadline:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.01)
        worker.join(timeout=5)
        assert ask[0] == 200 and b"true" in ask[1]
        assert ask_seconds < 1.0, ask_seconds
        status, body = heavy["reply"]
        assert status == 503 and b"out of memory" in body and b"not retried" in body, body
        assert peak < bound, (peak / 2**20, bound / 2**20)
        assert count_documents(url) == 5  # and the server goes on


def test_a_query_that_kills_its_worker_is_not_run_again(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool counts the workers it starts: one killed by the heavy query, one to replace it, and no
    third worker for a second run of the same query."""
    started: list[serve_workers._Worker] = []
    spawn = serve_workers.Pool._spawn

    def counted(pool: serve_workers.Pool) -> serve_workers._Worker:
        started.append(spawn(pool))
        return started[-1]

    monkeypatch.setattr(serve_workers.Pool, "_spawn", counted)
    monkeypatch.setattr(serve_workers, "FAST_SECONDS", 60.0)  # no spare worker for a slow query
    pool = serve_workers.Pool(serve_workers.WorkerOptions(out=tiny, max_memory_mib=64), workers=1, timeout=60)
    try:
        reply = pool.run(serve_workers.Request("query", HEAVY))
        assert reply.status == 503 and b"not retried" in reply.body, reply
        assert len(started) == 2 and started[0].process.exitcode == -signal.SIGABRT
        assert started[1].process.is_alive()
        assert pool.run(serve_workers.Request("query", "ASK { ?s ?p ?o }")).status == 200
        assert len(started) == 2
    finally:
        pool.close()


def test_slow_queries_do_not_hold_back_quick_ones(tiny: Path) -> None:
    """One worker, two endless queries: one runs on (a spare takes its place), the other is refused
    once no slow slot is left; an ASK sent meanwhile is answered before the first ends."""
    with kg_serve(tiny, "--workers", "1", "--timeout", "8") as (url, _):
        replies: list[tuple[int, bytes]] = []
        slow = [threading.Thread(target=lambda: replies.append(fetch(url, ENDLESS))) for _ in range(2)]
        for thread in slow:
            thread.start()
        deadline = time.monotonic() + 30
        while not replies and time.monotonic() < deadline:
            time.sleep(0.05)
        assert replies and replies[0][0] == 503 and b"slow queries are running" in replies[0][1], replies
        assert fetch(url, "ASK { ?s ?p ?o }")[0] == 200
        assert sum(thread.is_alive() for thread in slow) == 1  # the first endless query is still running
        for thread in slow:
            thread.join(timeout=30)
        assert replies[1][0] == 503 and b"timed out" in replies[1][1]


def test_fifty_simultaneous_connections_are_all_answered(tiny_served: str) -> None:
    start = threading.Barrier(50)
    outcomes: list[object] = []

    def connect() -> None:
        start.wait(timeout=30)
        try:
            outcomes.append(fetch(tiny_served, "ASK { ?s ?p ?o }")[0])
        except Exception as err:  # a reset or a refused connection
            outcomes.append(repr(err))

    clients = [threading.Thread(target=connect) for _ in range(50)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join(timeout=120)
    assert outcomes == [200] * 50, [o for o in outcomes if o != 200][:3]


def test_only_its_own_host_names_are_answered(tiny_served: str) -> None:
    port = tiny_served.split(":")[2].split("/")[0]
    for host, status in (
        ("evil.example", 403),
        (f"evil.example:{port}", 403),
        ("127.0.0.1.evil.example", 403),
        (f"localhost:{port}", 200),
        (f"[::1]:{port}", 200),
        (f"kg.example:{port}", 200),  # --host-allow
    ):
        assert fetch(tiny_served, "ASK {}", headers={"Host": host})[0] == status, host
    assert raw_request(tiny_served, "GET /sparql?query=ASK%7B%7D HTTP/1.0")[0] == 403  # no Host at all


def test_cross_origin_requests_are_refused(tiny_served: str) -> None:
    own = "http://" + tiny_served.split("/")[2]
    for headers, status in (
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Origin": own.replace("127.0.0.1", "localhost")}, 403),  # another origin, on the same machine
        ({"Origin": own}, 200),
        ({"Sec-Fetch-Site": "cross-site"}, 403),  # how a browser marks a form or image from another site
        ({"Sec-Fetch-Site": "same-origin"}, 200),
        ({}, 200),
    ):
        form_headers = {"Content-Type": "application/x-www-form-urlencoded", **headers}
        assert fetch(tiny_served, data=form("ASK {}"), headers=form_headers)[0] == status, headers
        assert fetch(tiny_served, "ASK {}", headers=headers)[0] == status, headers


def test_content_length_is_strict_and_never_a_traceback(tiny: Path) -> None:
    query_text = b"ASK {}"
    head = "POST /sparql HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/sparql-query"
    with kg_serve(tiny, "--workers", "1") as (url, process):
        for headers, status in (
            ("Content-Length: -1", 400),
            ("Content-Length: abc", 400),
            ("Content-Length: 1e3", 400),
            ("Content-Length: +6", 400),
            ("Content-Length: 6\nContent-Length: 7", 400),
            ("", 411),
            ("Transfer-Encoding: chunked", 411),
            ("Content-Length: 2000000", 413),
            ("Content-Length: 6", 200),
        ):
            answer = raw_request(url, head + ("\n" + headers if headers else ""), query_text)
            assert answer[0] == status, (headers, answer)
    assert process.stderr is not None
    assert "Traceback" not in process.stderr.read()


def test_a_body_sent_with_a_get_is_never_read_as_a_request(tiny_served: str) -> None:
    """The body (a whole second request) is left unread and the connection closed after the answer."""
    hidden = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    head = f"GET /sparql?query=ASK%7B%7D HTTP/1.1\nHost: 127.0.0.1\nContent-Length: {len(hidden)}"
    host, port = tiny_served.split("/")[2].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(head.replace("\n", "\r\n").encode() + b"\r\n\r\n" + hidden)
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    assert received.count(b"HTTP/1.1 ") == 1 and received.startswith(b"HTTP/1.1 200"), received


def test_the_folder_may_be_given_as_path(tiny: Path) -> None:
    """kg serve DIR, as kg query Q DIR and kg validate DIR take it (--store stays an alias); DIR/store too."""
    for folder in (tiny, tiny / "store"):
        with kg_serve(folder, positional=True) as (url, _):
            assert count_documents(url) == 5  # the tiny build's, not ./exports'


def test_a_read_only_server_changes_nothing(tiny_served: str) -> None:
    before = count_documents(tiny_served)
    for data, headers in (
        (b"DROP ALL", {"Content-Type": "application/sparql-update"}),
        (form("DROP ALL", "update"), {"Content-Type": "application/x-www-form-urlencoded"}),
        (b"DROP ALL", {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}),
    ):
        assert fetch(tiny_served, data=data, headers=headers)[0] == 403
    assert fetch(tiny_served + "?update=DROP%20ALL")[0] == 405
    assert fetch(tiny_served, "DROP ALL")[0] == 400  # not a query
    assert count_documents(tiny_served) == before


def test_updates_need_the_bearer_token(tmp_path: Path) -> None:
    out = tmp_path / "out"
    tiny_build(out, documents=3)
    insert = b"INSERT DATA { GRAPH <urn:g> { <urn:a> a kg:Document } }"
    update = {"Content-Type": "application/sparql-update"}
    listener = Listener()
    with kg_serve(out, "--allow-update", "--token-file", str(token_file(tmp_path))) as (url, _):
        status, _ = fetch(url, data=b"DROP ALL", headers=update)
        assert status == 401
        for authorization in ("Bearer wrong-token-of-some-length", f"Basic {TOKEN}", TOKEN, f"Bearer {TOKEN}x"):
            assert fetch(url, data=b"DROP ALL", headers={**update, "Authorization": authorization})[0] == 401
        assert count_documents(url) == 3
        authorised = {**update, "Authorization": f"Bearer {TOKEN}"}
        assert fetch(url, data=insert, headers=authorised) == (204, b"")
        assert count_documents(url) == 4
        load = f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>".encode()
        status, body = fetch(url, data=load, headers=authorised)
        assert status == 403 and b"LOAD" in body
        assert not listener.connections_waiting()
        foreign = {**authorised, "Origin": "http://evil.example"}
        assert fetch(url, data=b"DROP ALL", headers=foreign)[0] == 403  # even with the token
        assert count_documents(url) == 4
    listener.close()


def test_allow_update_needs_a_token_file(tmp_path: Path) -> None:
    from tests.test_cli import assert_one_line_error, kg

    out = tmp_path / "out"
    tiny_build(out)
    assert_one_line_error(kg("serve", "--store", str(out), "--allow-update", "--port", "0"), "--token-file")
    short = tmp_path / "short"
    short.write_text("abc\n")
    for path, word in ((short, "16"), (tmp_path / "missing", "bad --token-file")):
        result = kg("serve", "--store", str(out), "--allow-update", "--token-file", str(path), "--port", "0")
        assert_one_line_error(result, word)
