"""Extraction on worker processes and on a real Dask cluster builds the graph a single process
builds, byte for byte; a cluster that cannot be reached fails in one line with nothing written."""

from __future__ import annotations

import os
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg import distributed, export, forking, nlp, pipeline
from kg.cleanup import CleanText
from kg.cli import app
from kg.errors import E, KgError
from kg.model import Document
from kg.pipeline import BuildOptions, build, fingerprint
from tests.servers import dask_cluster, free_port

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus(politics20: Path) -> Path:
    return politics20


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exports of a build in this one process, written one after another."""
    out = tmp_path_factory.mktemp("local")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "SIDE_BY_SIDE_QUADS", sys.maxsize)
        report = build([corpus], BuildOptions(out=out))
    assert len(report.built) == 20
    return out


def test_dask_cluster_builds_the_local_graph(corpus: Path, local: Path, tmp_path: Path) -> None:
    from distributed import Client

    with dask_cluster(workers=2) as address:
        # batches of 3: seven batches over two workers, so results arrive out of order
        report = build([corpus], BuildOptions(out=tmp_path, html=False, scheduler=address, batch_size=3))
        with Client(address) as client:
            loaded = client.run(lambda: nlp.load.cache_info().currsize)
    assert len(report.built) == 20
    assert report.words > 0
    assert sorted(loaded.values()) == [1, 1]  # both workers parsed
    assert (tmp_path / "graph.ttl").read_bytes() == (local / "graph.ttl").read_bytes()


def test_worker_processes_build_the_local_exports(corpus: Path, local: Path, tmp_path: Path) -> None:
    # extraction on two processes, then the exports written side by side from read-only opens
    report = build([corpus], BuildOptions(out=tmp_path, processes=2, batch_size=3))
    exports = sorted(path.name for name, path in report.files.items() if name != "store")
    assert {"graph.ttl", "graph.trig", "graph.nt", "graph.html", "events.csv"} <= set(exports)
    for name in exports:
        assert (tmp_path / name).read_bytes() == (local / name).read_bytes(), name


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What forked pools do, in order: "N writers" when one is made, "imports" when told to import
    the exports' code, "exports side by side" when mapped."""
    done: list[str] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, workers: int, **kwargs: Any) -> None:
            done.append(f"{workers} writers")
            super().__init__(workers, **kwargs)

        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
            if fn is export._import_parts:
                done.append("imports")
            return super().submit(fn, *args, **kwargs)

        def map(self, *args: Any, **kwargs: Any) -> Any:
            done.append("exports side by side")
            return super().map(*args, **kwargs)

    monkeypatch.setattr(forking, "ProcessPoolExecutor", Pool)
    return done


def test_one_extraction_process_writes_a_large_store_s_exports_side_by_side(
    corpus: Path, local: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: list[str]
) -> None:
    def models_loaded(options: BuildOptions) -> str:
        steps.append("models")
        return fingerprint(options)

    monkeypatch.setattr(pipeline, "fingerprint", models_loaded)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    report = build([corpus], BuildOptions(out=tmp_path))  # one extraction process, the default
    # the writers are forked before the models load, so that they do not count them as their own,
    # and import the exports' code during the extraction, once the store is large enough for them
    steps_made = list(dict.fromkeys(steps))
    assert len(report.built) == 20 and steps_made == ["2 writers", "models", "imports", "exports side by side"]
    for name in ("graph.ttl", "graph.trig", "graph.html", "events.csv", "entities.csv"):
        assert (tmp_path / name).read_bytes() == (local / name).read_bytes(), name
    steps.clear()
    small = build([next(corpus.rglob("*.txt"))], BuildOptions(out=tmp_path / "one"))
    # a small store's exports one after another, and its writers import nothing
    assert len(small.built) == 1 and list(dict.fromkeys(steps)) == ["2 writers", "models"]


def test_a_build_forks_no_more_writers_than_it_has_groups_of_exports(steps: list[str]) -> None:
    for processes, html in ((8, True), (8, False), (1, True)):
        with export.export_writers(processes, html=html) as writers:
            assert (writers is None) == (processes == 1)
    assert steps == ["3 writers", "2 writers"]  # the RDF files, the tables and the HTML graph; without the graph, two


def test_unreachable_scheduler_is_one_line_and_writes_nothing(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(distributed, "CONNECT_SECONDS", 1)
    out = tmp_path / "out"
    for address in (f"tcp://127.0.0.1:{free_port()}", "127.0.0.1"):
        result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(out), "--scheduler", address])
        assert result.exit_code != 0
        assert result.stderr.startswith("kg: error: E170: ")
        assert len(result.stderr.strip().splitlines()) == 1
        assert not out.exists()


def test_a_worker_with_another_pipeline_refuses_the_job(corpus: Path) -> None:
    document = next(iter(nlp_documents(corpus)))
    job = distributed.job(BuildOptions(), "another pipeline")
    with pytest.raises(KgError) as caught:
        distributed.extract_batch(job, [document])
    assert caught.value.code == E.E173
    # the error reaches the building process whole: it crosses processes as its code and fields
    assert str(pickle.loads(pickle.dumps(caught.value))) == str(caught.value)


def test_a_batch_ends_at_its_document_count_or_its_characters() -> None:
    def item(k: int, chars: int) -> tuple[Document, CleanText, int]:
        return Document(str(k), "x" * chars, "s"), CleanText("x" * chars, ()), k

    sizes = [30_000, 30_000, 10_000, 70_000, 1_000, 1_000, 1_000, 1_000]
    batches = distributed._batches((item(k, n) for k, n in enumerate(sizes)), 3)
    assert [[k for _, _, k in batch] for batch in batches] == [[0, 1], [2], [3], [4, 5, 6], [7]]
    assert distributed.BATCH_CHARS == 64_000


def test_the_building_process_extracts_in_one_parse_stream_whatever_the_batch_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one stream: the event encoder's reader thread does not drain at each batch's end
    streams: list[list[str]] = []

    def parse(items: Any, **_options: Any) -> Any:
        streams.append([])
        for text, context in items:
            streams[-1].append(text)
            yield [text], context

    monkeypatch.setattr(nlp, "parse", parse)
    monkeypatch.setattr("kg.extract.extract", lambda doc, document, clean: document.id)
    options = BuildOptions(batch_size=2)
    job = distributed.job(options, fingerprint(options))
    items = [(Document(str(k), f"text {k}", "s"), CleanText(f"text {k}", ()), f"context {k}") for k in range(5)]
    found = list(distributed.extractions(iter(items), job, None, 1))
    assert [(extracted.extraction, context) for extracted, context in found] == [
        (str(k), f"context {k}") for k in range(5)
    ]
    assert streams == [[f"text {k}" for k in range(5)]]


def test_model_paths_travel_relative_to_the_package() -> None:
    options = BuildOptions()
    job = distributed.job(options, fingerprint(options))
    assert job.options.causal_model is not None and not job.options.causal_model.is_absolute()
    assert distributed.extract_batch(job, []) == []


def nlp_documents(corpus: Path) -> list[tuple[Document, CleanText]]:
    from kg import cleanup, ingest

    source = next(iter(ingest.sources([corpus])))
    return [(d, cleanup.clean(d.text)) for d in ingest.read(source)]


def test_a_scheduler_without_workers_is_one_line_and_writes_nothing(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(distributed, "WORKERS_SECONDS", 1)
    out = tmp_path / "out"
    with dask_cluster(workers=0) as address, pytest.raises(KgError) as caught:
        build([corpus], BuildOptions(out=out, scheduler=address))
    assert caught.value.code == E.E172
    assert not out.exists()
