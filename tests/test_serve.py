"""``kg serve`` over HTTP with a real SPARQL client (SPARQLWrapper), and builds while it serves."""

from __future__ import annotations

import csv
import doctest
import io
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, XML, SPARQLWrapper

from kg import query, serve, store
from kg.errors import E, KgError
from tests.servers import kg_serve, tiny_build

PERSONS = "SELECT DISTINCT ?label ?person WHERE { ?person a kg:Person ; rdfs:label ?label } ORDER BY ?label ?person"
DOCUMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }"


def client(url: str, text: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(text)
    sparql.setReturnFormat(fmt)
    return sparql


def json_rows(url: str, text: str) -> tuple[list[str], list[list[str]]]:
    result = client(url, text).queryAndConvert()
    columns = result["head"]["vars"]
    return columns, [[b[c]["value"] if c in b else "" for c in columns] for b in result["results"]["bindings"]]


def count_documents(url: str) -> int:
    return int(json_rows(url, DOCUMENTS)[1][0][0])


def test_docstring_examples() -> None:
    for module in (serve, query):
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
    with kg_serve(out, "--allow-update") as (url, _):
        sparql = client(url, "INSERT DATA { GRAPH <urn:g> { <urn:a> a kg:Document } }")
        sparql.setMethod(POST)
        sparql.query()
        assert count_documents(url) == 3
        with pytest.raises(KgError) as caught, store.writing(out):
            pass
        assert caught.value.code == E.E022
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
    assert [p.name for p in (out / store.GENERATIONS).glob("store-*")] == [store.current_generation(out).name]


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
