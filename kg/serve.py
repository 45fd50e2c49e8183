"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the store of a build.

Why not ``oxigraph serve-read-only`` on the same folder: a build never writes the generation
that readers use; it writes a copy, switches the ``store`` link and deletes the old copy. The
oxigraph server opens one folder for its lifetime, so it would answer from a deleted generation
until restarted. Here each query checks where the link points (one ``readlink``) and reopens
when a build has switched it; a query already running finishes on the generation it started on
(on Linux, files stay readable after they are unlinked). The HTTP side is the standard library's
``http.server``: no dependency for a loopback service. Queries run in worker processes under a
time and a memory bound (``kg.serve_workers``).

A local server is still reachable by every web page its user opens (a form POST, an image GET,
a DNS name rebound to 127.0.0.1), so before any query runs the server refuses: a ``Host`` that is
not one of its names (DNS rebinding), a request a browser marks as cross-site or that carries a
foreign ``Origin``, a ``SERVICE`` or ``LOAD`` to a host not allowed (``kg.sparql_access``), a
body without a plain ``Content-Length``, and an update without the bearer token.

Read-only unless ``allow_update``, which needs a token: updates are refused with 403 otherwise.
With updates allowed, one worker opens the store read-write and the server holds the folder's
write lock, so that a build cannot copy a generation while it changes (the build fails at once
with a clear message).
"""

from __future__ import annotations

import hmac
import logging
import re
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg import sparql_access
from kg.errors import E, KgError
from kg.serve_workers import Pool, Reply, Request, WorkerOptions, text

log = logging.getLogger(__name__)

PATH = "/sparql"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_DIGITS = re.compile(r"[0-9]{1,12}")


@dataclass(frozen=True)
class ServeOptions:
    out: Path = Path("exports")
    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    token: str | None = None  # the bearer token updates need; required with allow_update
    timeout: float = 30.0
    max_rows: int = 10_000
    workers: int = 2
    max_body: int = 1_000_000
    max_memory_mib: int = 1024  # per query, on top of what an idle worker uses
    allow_service: tuple[str, ...] = ()  # hosts SERVICE and LOAD may reach
    host_allow: tuple[str, ...] = ()  # Host header names answered besides the loopback ones
    client_timeout: float = 30.0  # seconds a client may take to send its request


def read_token(path: Path) -> str:
    """The bearer token in ``path`` (its first line); at least 16 characters, so not guessable."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise KgError(E.E077, path=path, reason=getattr(err, "strerror", None) or err) from err
    token = lines[0].strip() if lines else ""
    if len(token) < 16 or any(c.isspace() for c in token):
        raise KgError(E.E077, path=path, reason="its first line must be a token of 16 or more characters, no spaces")
    return token


def _host_name(value: str) -> str:
    """The name in a ``Host`` header or an origin's netloc, without port or brackets, lowercased.

    Example:
        >>> [_host_name(v) for v in ("LocalHost:7878", "[::1]:80", "127.0.0.1", "evil.example.")]
        ['localhost', '::1', '127.0.0.1', 'evil.example']
    """
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0].rstrip(".") if value.count(":") <= 1 else value


# ------------------------------------------------------------------------------ HTTP
class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer
    protocol_version = "HTTP/1.1"
    server_version = "newskg"

    def setup(self) -> None:
        self.request.settimeout(self.server.options.client_timeout)  # a client that stalls frees its thread
        super().setup()

    def do_GET(self) -> None:
        if self.headers.get("Transfer-Encoding") or (self.headers.get("Content-Length") or "0").strip() != "0":
            self.close_connection = True  # a body on a GET, left unread, must not be read as the next request
        if refusal := self._refusal():
            return self._send(refusal)
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._send(text(HTTPStatus.METHOD_NOT_ALLOWED, "send updates with POST"))
        if "query" not in params:
            return self._send(text(HTTPStatus.BAD_REQUEST, "missing the 'query' parameter"))
        self._answer("query", params["query"][0], params)

    def do_POST(self) -> None:
        if refusal := self._refusal() or self._body_refusal():
            self.close_connection = True  # the body, if any, is left unread
            return self._send(refusal)
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8", errors="replace")
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
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
            return self._send(text(HTTPStatus.BAD_REQUEST, "missing the 'query' or 'update' parameter"))
        return self._send(
            text(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "send application/sparql-query, application/sparql-update or a url-encoded form",
            )
        )

    def do_PUT(self) -> None:
        self.close_connection = True
        self._send(text(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint speaks the SPARQL protocol: GET or POST"))

    do_DELETE = do_PATCH = do_PUT

    def _refusal(self) -> Reply | None:
        """Why this request is refused before anything else is read, or None."""
        host = self.headers.get("Host")
        if not host or _host_name(host) not in self.server.host_names:
            return text(
                HTTPStatus.FORBIDDEN,
                f"Host '{host or ''}' is not a name of this server (DNS rebinding?); start kg serve --host-allow NAME",
            )
        origin = self.headers.get("Origin")
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        foreign = origin is not None and origin.lower() not in (f"http://{host.lower()}", f"https://{host.lower()}")
        if foreign or site in ("cross-site", "same-site"):
            return text(HTTPStatus.FORBIDDEN, "cross-origin requests are refused; query from the same origin or a tool")
        if urlsplit(self.path).path != PATH:
            return text(HTTPStatus.NOT_FOUND, f"not found; the SPARQL endpoint is {PATH}")
        return None

    def _body_refusal(self) -> Reply | None:
        """Only a body of one plain, small ``Content-Length``: anything else could desynchronise the
        connection (a negative length read to the end of the stream) or exhaust memory."""
        if self.headers.get("Transfer-Encoding"):
            return text(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length, not chunked")
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            return text(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length header")
        if len(set(lengths)) != 1 or not _DIGITS.fullmatch(lengths[0].strip()):
            return text(HTTPStatus.BAD_REQUEST, "bad Content-Length: give one whole number of bytes")
        if int(lengths[0]) > self.server.options.max_body:
            return text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {self.server.options.max_body} bytes")
        return None

    def _answer(self, kind: str, query_text: str, params: dict[str, list[str]]) -> None:
        options = self.server.options
        if kind == "update" and not options.allow_update:
            return self._send(text(HTTPStatus.FORBIDDEN, "this endpoint is read-only; start kg serve --allow-update"))
        if kind == "update" and not self._authorised():
            reply = text(HTTPStatus.UNAUTHORIZED, "an update needs the header 'Authorization: Bearer TOKEN'")
            return self._send(Reply(reply.status, body=reply.body, headers={"WWW-Authenticate": "Bearer"}))
        try:
            sparql_access.check(query_text, options.allow_service)
        except KgError as err:
            return self._send(text(HTTPStatus.FORBIDDEN, str(err)))
        if kind == "update":
            graphs = params.get("using-graph-uri", []), params.get("using-named-graph-uri", [])
        else:
            graphs = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
        request = Request(kind, query_text, self.headers.get("Accept"), tuple(graphs[0]), tuple(graphs[1]))
        self._send(self.server.pool.run(request))

    def _authorised(self) -> bool:
        token = self.server.options.token
        scheme, _, given = (self.headers.get("Authorization") or "").partition(" ")
        return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token or "")

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s " + format, self.address_string(), *args)


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the listen backlog: 5 (the default) resets clients that connect at once

    def __init__(self, options: ServeOptions, pool: Pool) -> None:
        self.options = options
        self.pool = pool
        names = {*LOOPBACK_NAMES, *(_host_name(h) for h in options.host_allow)}
        if options.host not in ("", "0.0.0.0", "::"):
            names.add(_host_name(f"[{options.host}]" if ":" in options.host else options.host))
        self.host_names = frozenset(names)
        if ":" in options.host:
            self.address_family = socket.AF_INET6
        super().__init__((options.host, options.port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One log line, not a traceback, for a client that breaks off or stalls."""
        err = sys.exc_info()[1]
        log.warning("request from %s failed: %s: %s", client_address[0], type(err).__name__, err)


# ------------------------------------------------------------------------------ entry point
class Endpoint:
    """A running endpoint: ``url`` once started, ``serve_forever()``, then ``close()``."""

    def __init__(self, options: ServeOptions) -> None:
        from kg import store

        if not store.exists(options.out):
            raise KgError(E.E020, path=store.store_path(options.out))
        if options.allow_update and not options.token:
            raise KgError(E.E078)
        self.options = options
        self._resources = ExitStack()
        if options.allow_update:
            self._resources.enter_context(store.writing(options.out))
        worker_options = WorkerOptions(
            out=options.out,
            writable=options.allow_update,
            max_rows=options.max_rows,
            max_memory_mib=options.max_memory_mib,
            offline=not options.allow_service,
        )
        try:
            self.pool = Pool(worker_options, workers=options.workers, timeout=options.timeout)
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
