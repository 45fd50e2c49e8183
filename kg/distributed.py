"""Extraction spread over worker processes or a Dask cluster.

Parsing and extraction are the costly part of a build and are pure: a document's ``Extraction``
depends on its text, date and the pipeline only. So they run in batches on workers (local
processes for ``--processes N``, Dask workers for ``--scheduler``), while the building process
keeps what depends on the corpus, in document order: resolution against the alias table, RDF and
the store. Whatever runs the batches, the graph is the one a single process builds.
"""

from __future__ import annotations

import socket
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kg import forking
from kg.errors import E, KgError

if TYPE_CHECKING:
    from kg.cleanup import CleanText
    from kg.model import Document, Extraction
    from kg.pipeline import BuildOptions

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent
CONNECT_SECONDS = 10  # a scheduler that does not answer by then is reported as unreachable
WORKERS_SECONDS = 60  # how long a build waits for the first Dask worker to join
BATCHES_PER_WORKER = 2  # batches queued per worker: enough to keep it busy, few enough for flat memory
# A batch's parse and extraction take memory in proportion to its text: 32 BBC articles are 50,000 to
# 105,000 characters, and the build's peak RSS followed its largest batch (1,005 MB at 73,000, 1,112 MB at
# 105,000), so a corpus with longer articles somewhere had a higher peak
BATCH_CHARS = 64_000
_parsing = threading.Lock()  # one pipeline per process: a worker running several threads parses one batch at a time


@dataclass(frozen=True)
class Job:
    """What a worker needs to extract as the building process would: the options (model paths
    inside the package given relative to it, since a cluster's workers install it elsewhere) and
    the pipeline's fingerprint, which the worker checks against its own."""

    options: BuildOptions
    fingerprint: str


@dataclass(frozen=True)
class Extracted:
    """One document's extraction and its word count (for the build report)."""

    extraction: Extraction
    words: int


def job(options: BuildOptions, fingerprint: str) -> Job:
    """The job for ``options``, with model paths portable to other machines."""

    def portable(path: Path) -> Path:
        return path.resolve().relative_to(PACKAGE) if path.resolve().is_relative_to(PACKAGE) else path

    return Job(_with_models(options, portable), fingerprint)


@cache
def _local(job: Job) -> BuildOptions:
    """A job's options on this machine, checked to build what the building process builds."""
    from kg.pipeline import fingerprint

    options = _with_models(job.options, lambda path: PACKAGE / path)  # absolute paths stay as they are
    if fingerprint(options) != job.fingerprint:
        raise KgError(E.E173, host=socket.gethostname())
    return options


def _with_models(options: BuildOptions, move: Callable[[Path], Path]) -> BuildOptions:
    """``options`` with ``move`` applied to the paths of its learned models."""
    causal, events = options.causal_model, options.event_model
    return replace(
        options,
        causal_model=None if causal is None else move(causal),
        event_model=None if events is None else move(events),
    )


def extract_stream(job: Job, documents: Iterable[tuple[Document, CleanText]]) -> Iterator[Extracted]:
    """Parse and extract documents as they come, in one parse stream: the building process's own
    extraction, where a stream per batch would wait at each batch's end for the event encoder's
    reader thread to finish it (about 1 s of 120 BBC articles)."""
    from kg import nlp
    from kg.extract import extract

    options = _local(job)
    with _parsing:
        docs = nlp.parse(
            ((clean.text, (document, clean)) for document, clean in documents),
            model=options.model,
            causal_model=options.causal_model,
            causal_threshold=options.threshold,
            causal_encoder=options.causal_encoder,
            event_model=options.event_model,
            event_threshold=options.event_threshold,
            event_encoder=options.event_encoder,
        )
        for doc, (document, clean) in docs:
            yield Extracted(extract(doc, document, clean), len(doc))


def extract_batch(job: Job, batch: list[tuple[Document, CleanText]]) -> list[Extracted]:
    """Parse and extract a batch of documents: what a worker runs."""
    return list(extract_stream(job, batch))


@contextmanager
def workers(options: BuildOptions) -> Iterator[tuple[Executor | None, int]]:
    """The executor that runs ``extract_batch`` and how many batches it runs at once: a Dask
    cluster's for ``options.scheduler``, a process pool for ``options.processes`` > 1, else none
    (the building process extracts). A cluster that cannot be reached fails here, before any
    file is touched."""
    if options.scheduler is not None:
        with _dask(options.scheduler) as (executor, slots):
            yield executor, slots
    elif options.processes > 1:
        # forked workers share the pipeline the building process has loaded (no load per worker)
        with forking.pool(options.processes) as pool:
            yield pool, options.processes
    else:
        yield None, 1


@contextmanager
def _dask(address: str) -> Iterator[tuple[Executor, int]]:
    try:
        from distributed import Client
        from distributed.comm.addressing import get_address_host_port
    except ImportError as err:
        raise KgError(E.E171) from err
    try:
        get_address_host_port(address)  # a malformed address fails here rather than half-way into a Client
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, ValueError, TypeError) as err:
        raise KgError(E.E170, address=address, reason=_reason(err)) from err
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except TimeoutError as err:
            raise KgError(E.E172, address=address, seconds=WORKERS_SECONDS) from err
        threads = sum(client.nthreads().values())  # type: ignore[no-untyped-call]
        # not pure: equal batches in two builds are two tasks, and the scheduler hashes no documents
        yield client.get_executor(pure=False), threads  # type: ignore[no-untyped-call]


def extractions(
    items: Iterable[tuple[Document, CleanText, T]],
    job: Job,
    executor: Executor | None,
    slots: int,
) -> Iterator[tuple[Extracted, T]]:
    """Each item's extraction with its context, in the order of ``items``: in this process in one
    stream when there is no ``executor``, else in batches running on it (at most ``slots`` x
    BATCHES_PER_WORKER at a time, so memory stays flat)."""
    if executor is None:
        contexts: deque[T] = deque()  # of the documents the parse has read ahead, in order

        def documents() -> Iterator[tuple[Document, CleanText]]:
            for document, clean, context in items:
                contexts.append(context)
                yield document, clean

        for extracted in extract_stream(job, documents()):
            yield extracted, contexts.popleft()
        return
    batches = _batches(items, job.options.batch_size)
    running: deque[tuple[Future[list[Extracted]], list[T]]] = deque()
    for batch in batches:
        running.append((executor.submit(extract_batch, job, [(d, c) for d, c, _ in batch]), [t for _, _, t in batch]))
        if len(running) >= slots * BATCHES_PER_WORKER:
            yield from _done(*running.popleft())
    while running:
        yield from _done(*running.popleft())


def _done(future: Future[list[Extracted]], contexts: list[T]) -> Iterator[tuple[Extracted, T]]:
    try:
        results = future.result()
    except KgError:
        raise
    except (BrokenProcessPool, OSError, ImportError) as err:  # ImportError: a worker without newskg
        raise KgError(E.E174, reason=_reason(err)) from err
    except Exception as err:
        if type(err).__module__.startswith("distributed"):  # KilledWorker, CommClosedError, ...
            raise KgError(E.E174, reason=_reason(err)) from err
        raise
    yield from zip(results, contexts, strict=True)


def _batches(
    items: Iterable[tuple[Document, CleanText, T]], size: int
) -> Iterator[list[tuple[Document, CleanText, T]]]:
    """At most ``size`` documents a batch, and no more than ``BATCH_CHARS`` characters of clean text
    unless one document holds them alone."""
    batch: list[tuple[Document, CleanText, T]] = []
    chars = 0
    for item in items:
        if batch and (len(batch) == size or chars + len(item[1].text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[1].text)
    if batch:
        yield batch


def _reason(err: BaseException) -> str:
    """An exception as a short phrase for one error line."""
    return (str(err).splitlines() or [type(err).__name__])[0][:200] or type(err).__name__
