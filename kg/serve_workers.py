"""The worker processes behind ``kg serve``: each runs one query at a time, under bounds.

Queries run in processes, not threads: pyoxigraph cannot cancel a running query, so the only
timeout that frees the CPU is to kill the process that runs it (and start another). The same
holds for memory: a query such as a three-way cross product sorted before ``LIMIT 1`` grows by
about 0.4 GB/s, so each worker caps its own data memory (``RLIMIT_DATA``) at what it uses idle
plus ``max_memory``. Past that, an allocation fails and the worker aborts; the query is answered
503 and never run again (it would only kill the next worker too).

A worker also drops its network when the server allows no remote host: it moves itself into a
new, empty network namespace before it opens anything (unprivileged, where the kernel allows user
namespaces). Then a ``SERVICE`` that the text check in ``kg.sparql_access`` missed has no route to
reach anything.

Slow queries never hold back quick ones. A query still running after ``FAST_SECONDS`` becomes a
slow one: it takes one of ``workers`` slow slots and a spare worker is started in its place, so
``workers`` processes are always there for new queries. When every slow slot is taken, the query
that would need one is stopped with 503 instead of queueing everyone behind it.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import queue
import resource
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any

from kg.errors import E, KgError

log = logging.getLogger(__name__)

REOPEN_TRIES = 3
FAST_SECONDS = 1.0
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
MIB = 2**20
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000

# media types by preference, first the default: SELECT/ASK results, then CONSTRUCT/DESCRIBE graphs
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/n-quads": "N_QUADS",
    "application/trig": "TRIG",
}


@dataclass(frozen=True)
class Reply:
    """An HTTP answer, as a worker process sends it back."""

    status: int
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def text(status: HTTPStatus, message: str) -> Reply:
    return Reply(int(status), body=(message.rstrip("\n") + "\n").encode("utf-8"))


# ------------------------------------------------------------------------ content negotiation
def negotiate(accept: str | None, offered: dict[str, str]) -> str | None:
    """The offered media type the ``Accept`` header prefers; the first offered when it has no
    preference; None when it accepts none of them (406).

    Example:
        >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
        'application/sparql-results+xml'
        >>> negotiate("*/*", GRAPH_TYPES)
        'text/turtle'
        >>> negotiate("image/png", RESULT_TYPES) is None
        True
    """
    if not accept or not accept.strip():
        return next(iter(offered))
    ranges: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, position, media.lower()))
    for _, _, media in sorted(ranges):
        if media in offered:
            return media
        if media == "*/*":
            return next(iter(offered))
        if media.endswith("/*"):
            match = next((m for m in offered if m.startswith(media[:-1])), None)
            if match:
                return match
    return None


# ----------------------------------------------------------------------- the worker processes
@dataclass(frozen=True)
class Request:
    kind: str  # "query" or "update"
    text: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkerOptions:
    out: Path
    writable: bool = False
    max_rows: int = 10_000
    max_memory_mib: int = 1024
    offline: bool = True  # no network at all in the worker


def _worker(conn: Any, options: WorkerOptions) -> None:
    """A worker process: answers requests one at a time over its pipe until the pipe closes."""
    if options.offline:
        _leave_network()
    reader = _Reader(options.out, writable=options.writable, max_rows=options.max_rows)
    # opened before the bound is set, so that the store's own buffers count as idle use; a failure
    # here is met again, answered and retried, by the first query
    with contextlib.suppress(KgError, OSError, RuntimeError):
        reader.current()
    limit = _data_size() + options.max_memory_mib * MIB
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(reader.answer(request))


def _leave_network() -> None:
    """Move this (still single-threaded) process into a new user and network namespace: no
    interface but a loopback that is down, so no connection can leave it. Where the kernel
    refuses (no user namespaces), the text check of ``kg.sparql_access`` is the only lock."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        log.warning("could not isolate the query worker from the network (errno %d)", ctypes.get_errno())


def _data_size() -> int:
    """This process's data segment and private writable mappings now, in bytes: what RLIMIT_DATA
    counts. Not RLIMIT_AS: RocksDB reserves a large block cache of address space it seldom
    touches, so a bound on the address space kills the worker when it reopens a store."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[5]) * resource.getpagesize()


class _Reader:
    """The store of one worker, reopened whenever the ``store`` link points somewhere new."""

    def __init__(self, out_dir: Path, *, writable: bool, max_rows: int) -> None:
        self.out_dir = out_dir
        self.writable = writable
        self.max_rows = max_rows
        self.generation: Path | None = None
        self.store: Any = None

    def current(self, *, reopen: bool = False) -> Any:
        from kg import graph_cache, store

        if reopen or self.store is None or store.current_generation(self.out_dir) != self.generation:
            self.store = None  # let go of the old generation before opening the new one
            self.generation, self.store = store.open_current(self.out_dir, writable=self.writable)
            if self.writable:  # updates change graphs behind their files' backs
                graph_cache.forget(self.generation.parent)
        return self.store

    def answer(self, request: Request) -> Reply:
        """Run one request; never raises, so that a worker dies only when the process itself does."""
        # A build deletes the generation it replaces. If that happens between the readlink and
        # the open, or while a query still reads files it had not opened yet, the store reports
        # it (OSError, or RuntimeError "Corruption: ... No such file"): reopen, which follows the
        # link anew. Three tries, as a retry can meet the next switch of a very fast build loop.
        problem = ""
        for attempt in range(REOPEN_TRIES):
            try:
                st = self.current(reopen=attempt > 0)
                if request.kind == "update":
                    return self._update(st, request)
                return self._query(st, request)
            except KgError as err:
                if err.code in (E.E030, E.E035):
                    return text(HTTPStatus.BAD_REQUEST, str(err))
                if err.code not in (E.E021, E.E032):
                    return text(HTTPStatus.INTERNAL_SERVER_ERROR, str(err))
                problem = str(err)
            except (OSError, RuntimeError) as err:
                problem = f"store error: {str(err).splitlines()[0] if str(err) else type(err).__name__}"
            except MemoryError:
                return text(HTTPStatus.SERVICE_UNAVAILABLE, "query stopped: it ran out of memory; narrow it")
            except Exception as err:  # a bug of ours: say so, and keep the worker
                log.exception("query failed")
                return text(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(err).__name__}: {err}")
        return text(HTTPStatus.INTERNAL_SERVER_ERROR, problem)

    def _update(self, st: Any, request: Request) -> Reply:
        from kg.vocab import PREFIXES

        try:
            st.update(request.text, prefixes=PREFIXES)
        except SyntaxError as err:
            raise KgError(E.E035, reason=" ".join(str(err).split())[:300]) from err
        st.flush()
        return Reply(int(HTTPStatus.NO_CONTENT), body=b"")

    def _query(self, st: Any, request: Request) -> Reply:
        import pyoxigraph

        from kg import query

        result = query.run(
            st,
            request.text,
            default_graphs=list(request.default_graphs) or None,
            named_graphs=list(request.named_graphs) or None,
        )
        headers = {"Kg-Store-Generation": self.generation.name if self.generation else ""}
        if isinstance(result, pyoxigraph.QueryTriples):
            media = negotiate(request.accept, GRAPH_TYPES)
            if media is None:
                return _not_acceptable(GRAPH_TYPES)
            triples = _capped(result, self.max_rows, headers)
            body = pyoxigraph.serialize(triples, format=getattr(pyoxigraph.RdfFormat, GRAPH_TYPES[media]))
            return Reply(200, _with_charset(media), body or b"", headers)
        media = negotiate(request.accept, RESULT_TYPES)
        if media is None:
            return _not_acceptable(RESULT_TYPES)
        fmt = getattr(pyoxigraph.QueryResultsFormat, RESULT_TYPES[media])
        if isinstance(result, pyoxigraph.QueryBoolean):
            return Reply(200, _with_charset(media), result.serialize(format=fmt) or b"", headers)
        variables = [v.value for v in result.variables]
        rows = _capped(result, self.max_rows, headers)
        data = json.dumps(
            {
                "head": {"vars": variables},
                "results": {"bindings": [_json_row(row, variables) for row in rows]},
            },
            ensure_ascii=False,
        ).encode("utf-8")
        if RESULT_TYPES[media] != "JSON":
            # pyoxigraph writes XML, CSV and TSV by the book; only the cap needs our own JSON
            parsed = pyoxigraph.parse_query_results(data, pyoxigraph.QueryResultsFormat.JSON)
            data = parsed.serialize(format=fmt) or b""
        return Reply(200, _with_charset(media), data, headers)


def _capped(items: Iterator[Any], cap: int, headers: dict[str, str]) -> list[Any]:
    """The first ``cap`` items; a header says when there were more."""
    taken: list[Any] = []
    for item in items:
        if len(taken) == cap:
            headers["Kg-Truncated"] = f"results capped at {cap}"
            break
        taken.append(item)
    return taken


def _with_charset(media: str) -> str:
    return media + "; charset=utf-8" if media.startswith("text/") or media.endswith(("json", "xml")) else media


def _not_acceptable(offered: dict[str, str]) -> Reply:
    return text(HTTPStatus.NOT_ACCEPTABLE, "no acceptable result format; this endpoint offers " + ", ".join(offered))


def _json_term(term: Any) -> dict[str, Any]:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {  # a quoted triple (RDF 1.2)
        "type": "triple",
        "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")},
    }


def _json_row(solution: Any, variables: list[str]) -> dict[str, Any]:
    return {v: _json_term(solution[v]) for v in variables if solution[v] is not None}


# ------------------------------------------------------------------------------ the pool
class _Worker:
    def __init__(self, context: Any, options: WorkerOptions) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, options), daemon=True, name="kg-serve-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join(timeout=5)

    def death(self) -> str:
        """Why the process ended, once its pipe has closed."""
        self.process.join(timeout=2)
        code = self.process.exitcode
        if code == -signal.SIGABRT:  # how Rust (pyoxigraph) ends when an allocation fails
            return "it ran out of memory"
        return f"its worker died (exit code {code})"


class Pool:
    """Worker processes handed out one request at a time; a worker that overruns is killed."""

    def __init__(self, options: WorkerOptions, *, workers: int, timeout: float) -> None:
        import multiprocessing

        self.options = options
        self.timeout = timeout
        self.context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self.size = 1 if options.writable else max(1, workers)
        self.slow_slots = threading.BoundedSemaphore(self.size)
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.lock = threading.Lock()
        self.workers: set[_Worker] = set()
        self.slow: set[_Worker] = set()  # running a query past FAST_SECONDS; spares stand in for them
        self.closed = False
        for _ in range(self.size):
            self.idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.context, self.options)
        with self.lock:
            self.workers.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Stop a worker; start another if fewer than ``size`` are left for new queries."""
        with self.lock:
            self.workers.discard(worker)
            self.slow.discard(worker)
            short = not self.closed and len(self.workers) - len(self.slow) < self.size
        worker.stop()
        if short:
            self.idle.put(self._spawn())

    def _release(self, worker: _Worker) -> None:
        """A worker is free again: back to the idle queue, or stopped if it is one too many."""
        with self.lock:
            self.slow.discard(worker)
            surplus = len(self.workers) - len(self.slow) > self.size
        if surplus:
            self._retire(worker)
        else:
            self.idle.put(worker)

    def _become_slow(self, worker: _Worker) -> bool:
        """Take a slow slot and start a spare worker for the quick queries; False when none is free."""
        if self.options.writable or not self.slow_slots.acquire(blocking=False):
            return False
        with self.lock:
            self.slow.add(worker)
        self.idle.put(self._spawn())
        return True

    def run(self, request: Request) -> Reply:
        deadline = time.monotonic() + self.timeout
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return text(HTTPStatus.SERVICE_UNAVAILABLE, "every worker is busy; try again later")
        slow = False
        try:
            worker.conn.send(request)
            ready = worker.conn.poll(max(0.0, min(FAST_SECONDS, deadline - time.monotonic())))
            if not ready and time.monotonic() < deadline:
                slow = self._become_slow(worker)
                if not slow and not self.options.writable:
                    self._retire(worker)
                    return text(
                        HTTPStatus.SERVICE_UNAVAILABLE,
                        f"{self.size} slow queries are running already; try again later, or narrow the query",
                    )
                ready = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            if not ready:
                self._retire(worker)
                return text(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {self.timeout:g} s; narrow it")
            reply: Reply = worker.conn.recv()
        except (EOFError, OSError):  # the worker died on this query: never run it again
            why = worker.death()
            self._retire(worker)
            bound = f" (each query may use {self.options.max_memory_mib} MiB)" if "memory" in why else ""
            return text(HTTPStatus.SERVICE_UNAVAILABLE, f"query stopped: {why}{bound}; it is not retried; narrow it")
        finally:
            if slow:
                self.slow_slots.release()
        self._release(worker)
        return reply

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers, self.workers = set(self.workers), set()
        for worker in workers:
            worker.stop()
