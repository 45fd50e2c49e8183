"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the store of a build.

Why not ``oxigraph serve-read-only`` on the same folder: a build never writes the generation
that readers use; it writes a copy, switches the ``store`` link and deletes the old copy. The
oxigraph server opens one folder for its lifetime, so it would answer from a deleted generation
until restarted. Here each query checks where the link points (one ``readlink``) and reopens
when a build has switched it; a query already running finishes on the generation it started on
(on Linux, files stay readable after they are unlinked). The HTTP side is the standard library's
``http.server``: no dependency for a loopback service.

Queries run in a small pool of worker processes, not threads: pyoxigraph cannot cancel a
running query, so the only timeout that frees the CPU is to kill the process that runs it (and
start another). A worker answers with the serialised result, at most ``max_rows`` rows.

Read-only unless ``allow_update``: updates are refused with 403. With updates allowed, one
worker opens the store read-write and the server holds the folder's write lock, so that a
build cannot copy a generation while it changes (the build fails at once with a clear message).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import queue
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import E, KgError

log = logging.getLogger(__name__)

PATH = "/sparql"
REOPEN_TRIES = 3
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

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
class ServeOptions:
    out: Path = Path("exports")
    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    timeout: float = 30.0
    max_rows: int = 10_000
    workers: int = 2
    max_body: int = 1_000_000


@dataclass(frozen=True)
class Reply:
    """An HTTP answer, as a worker process sends it back."""

    status: int
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def _text(status: HTTPStatus, message: str) -> Reply:
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
class _Request:
    kind: str  # "query" or "update"
    text: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _worker(conn: Any, out_dir: str, writable: bool, max_rows: int) -> None:
    """A worker process: answers requests one at a time over its pipe until the pipe closes."""
    reader = _Reader(Path(out_dir), writable=writable, max_rows=max_rows)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(reader.answer(request))


class _Reader:
    """The store of one worker, reopened whenever the ``store`` link points somewhere new."""

    def __init__(self, out_dir: Path, *, writable: bool, max_rows: int) -> None:
        self.out_dir = out_dir
        self.writable = writable
        self.max_rows = max_rows
        self.generation: Path | None = None
        self.store: Any = None

    def current(self, *, reopen: bool = False) -> Any:
        from kg import store

        if reopen or self.store is None or store.current_generation(self.out_dir) != self.generation:
            self.store = None  # let go of the old generation before opening the new one
            self.generation, self.store = store.open_current(self.out_dir, writable=self.writable)
        return self.store

    def answer(self, request: _Request) -> Reply:
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
                    return _text(HTTPStatus.BAD_REQUEST, str(err))
                if err.code not in (E.E021, E.E032):
                    return _text(HTTPStatus.INTERNAL_SERVER_ERROR, str(err))
                problem = str(err)
            except (OSError, RuntimeError) as err:
                problem = f"store error: {str(err).splitlines()[0] if str(err) else type(err).__name__}"
            except Exception as err:  # a bug of ours: say so, and keep the worker
                log.exception("query failed")
                return _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(err).__name__}: {err}")
        return _text(HTTPStatus.INTERNAL_SERVER_ERROR, problem)

    def _update(self, st: Any, request: _Request) -> Reply:
        from kg.vocab import PREFIXES

        try:
            st.update(request.text, prefixes=PREFIXES)
        except SyntaxError as err:
            raise KgError(E.E035, reason=" ".join(str(err).split())[:300]) from err
        st.flush()
        return Reply(int(HTTPStatus.NO_CONTENT), body=b"")

    def _query(self, st: Any, request: _Request) -> Reply:
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
    return _text(HTTPStatus.NOT_ACCEPTABLE, "no acceptable result format; this endpoint offers " + ", ".join(offered))


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
    def __init__(self, context: Any, options: ServeOptions) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker,
            args=(child, str(options.out), options.allow_update, options.max_rows),
            daemon=True,
            name="kg-serve-worker",
        )
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join(timeout=5)


class _Pool:
    """Worker processes handed out one request at a time; a worker that overruns is killed."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self.context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self.size = 1 if options.allow_update else max(1, options.workers)
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.lock = threading.Lock()
        self.workers: set[_Worker] = set()
        self.closed = False
        for _ in range(self.size):
            self.idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.context, self.options)
        with self.lock:
            self.workers.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self.lock:
            self.workers.discard(worker)
        worker.stop()
        if not self.closed:
            self.idle.put(self._spawn())

    def run(self, request: _Request) -> Reply:
        deadline = time.monotonic() + self.options.timeout
        for attempt in (0, 1):
            try:
                worker = self.idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return _text(HTTPStatus.SERVICE_UNAVAILABLE, "every worker is busy; try again later")
            try:
                worker.conn.send(request)
                if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                    self._retire(worker)
                    return _text(
                        HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {self.options.timeout:g} s; narrow it"
                    )
                reply: Reply = worker.conn.recv()
            except (EOFError, OSError):  # the worker died (killed, or crashed on this query)
                self._retire(worker)
                if attempt == 0:
                    continue
                return _text(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died; see the server's log")
            self.idle.put(worker)
            return reply
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers, self.workers = set(self.workers), set()
        for worker in workers:
            worker.stop()


# ------------------------------------------------------------------------------ HTTP
class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer
    protocol_version = "HTTP/1.1"
    server_version = "newskg"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != PATH:
            return self._send(_text(HTTPStatus.NOT_FOUND, f"not found; the SPARQL endpoint is {PATH}"))
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._send(_text(HTTPStatus.METHOD_NOT_ALLOWED, "send updates with POST"))
        if "query" not in params:
            return self._send(_text(HTTPStatus.BAD_REQUEST, "missing the 'query' parameter"))
        self._answer("query", params["query"][0], params)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != PATH:
            return self._send(_text(HTTPStatus.NOT_FOUND, f"not found; the SPARQL endpoint is {PATH}"))
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.server.options.max_body:
            self.close_connection = True
            return self._send(_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large"))
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        params = parse_qs(url.query, keep_blank_values=True)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-query":
            return self._answer("query", body, params)
        if media == "application/sparql-update":
            return self._answer("update", body, params)
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            params = {**params, **form}
            if "update" in form:
                return self._answer("update", form["update"][0], params)
            if "query" in form:
                return self._answer("query", form["query"][0], params)
            return self._send(_text(HTTPStatus.BAD_REQUEST, "missing the 'query' or 'update' parameter"))
        return self._send(
            _text(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "send application/sparql-query, application/sparql-update or a url-encoded form",
            )
        )

    def do_PUT(self) -> None:
        self._send(_text(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint speaks the SPARQL protocol: GET or POST"))

    do_DELETE = do_PATCH = do_PUT

    def _answer(self, kind: str, text: str, params: dict[str, list[str]]) -> None:
        if kind == "update" and not self.server.options.allow_update:
            return self._send(_text(HTTPStatus.FORBIDDEN, "this endpoint is read-only; start kg serve --allow-update"))
        if kind == "update":
            graphs = params.get("using-graph-uri", []), params.get("using-named-graph-uri", [])
        else:
            graphs = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
        request = _Request(kind, text, self.headers.get("Accept"), tuple(graphs[0]), tuple(graphs[1]))
        self._send(self.server.pool.run(request))

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s " + format, self.address_string(), *args)


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, options: ServeOptions, pool: _Pool) -> None:
        self.options = options
        self.pool = pool
        if ":" in options.host:
            self.address_family = socket.AF_INET6
        super().__init__((options.host, options.port), _Handler)


# ------------------------------------------------------------------------------ entry point
class Endpoint:
    """A running endpoint: ``url`` once started, ``serve_forever()``, then ``close()``."""

    def __init__(self, options: ServeOptions) -> None:
        from kg import store

        if not store.exists(options.out):
            raise KgError(E.E020, path=store.store_path(options.out))
        self.options = options
        self._resources = ExitStack()
        if options.allow_update:
            self._resources.enter_context(store.writing(options.out))
        try:
            self.pool = _Pool(options)
            self._resources.callback(self.pool.close)
            self.http = _HttpServer(options, self.pool)
        except OSError as err:
            self._resources.close()
            raise KgError(E.E075, host=options.host, port=options.port, reason=err.strerror or err) from err
        host, port = str(self.http.server_address[0]), self.http.server_address[1]
        self.url = f"http://{f'[{host}]' if ':' in host else host}:{port}{PATH}"

    def serve_forever(self) -> None:
        self.http.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()
        self._resources.close()


@contextmanager
def running(options: ServeOptions) -> Iterator[Endpoint]:
    """An endpoint serving in a background thread, for tests and embedding."""
    endpoint = Endpoint(options)
    thread = threading.Thread(target=endpoint.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    try:
        yield endpoint
    finally:
        endpoint.close()
        thread.join(timeout=5)
