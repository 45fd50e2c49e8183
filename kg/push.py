"""``kg push``: copy the store to an external triple store, graph by graph, named graphs kept.

This is the scale-out path: the embedded store serves one machine; Fuseki, GraphDB, Virtuoso,
Neptune or QLever serve many. Two protocols, both W3C and both idempotent:

- ``gsp`` (default): the SPARQL 1.1 Graph Store HTTP Protocol. The first batch of a graph is a
  PUT (which replaces the graph), the rest are POSTs (which add to it), so pushing twice leaves
  the same graph, never two copies.
- ``update``: SPARQL 1.1 Update, for servers without GSP: ``DROP SILENT GRAPH`` then
  ``INSERT DATA`` in the same request, then ``INSERT DATA`` for the following batches.

Batches are N-Triples, ``batch_size`` triples each, so no request grows with the corpus. A graph
with blank nodes goes in one request, since a blank node split over two requests would become
two nodes on the server. Transient failures (connection errors, timeouts, 408, 429, 5xx) are
retried with exponential backoff; any other refusal stops the push at once with the server's
status and reason.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import quote, urlsplit

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Store, Triple, serialize

from kg import store
from kg.errors import E, KgError

PROTOCOLS = ("gsp", "update")
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_BACKOFF = 30.0


@dataclass(frozen=True)
class PushOptions:
    endpoint: str
    protocol: str = "gsp"
    batch_size: int = 50_000
    retries: int = 4
    backoff: float = 0.5
    timeout: float = 120.0
    headers: tuple[tuple[str, str], ...] = ()
    user: str | None = None  # "name:password", for basic or digest authentication
    graph_param: str = "graph"  # older Virtuoso releases want "graph-uri"
    ontology: bool = True


@dataclass
class PushReport:
    """What a push sent: the CLI prints it, tests read it."""

    graphs: int = 0
    triples: int = 0
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    graph_names: list[str] = field(default_factory=list)


def parse_header(value: str) -> tuple[str, str]:
    """``'Name: value'`` as a pair; a clear error otherwise."""
    name, sep, text = value.partition(":")
    if not sep or not name.strip():
        raise KgError(E.E073, value=value)
    return name.strip(), text.strip()


def push(st: Store, options: PushOptions, progress: Callable[[str, int], None] | None = None) -> PushReport:
    """Send every document graph (and the ontology's) to ``options.endpoint``."""
    url = urlsplit(options.endpoint)
    if url.scheme not in ("http", "https") or not url.netloc:
        raise KgError(E.E072, url=options.endpoint)
    if options.protocol not in PROTOCOLS:
        raise KgError(E.E033, value=options.protocol, choices=", ".join(PROTOCOLS))
    started = time.perf_counter()
    client = _Client(options)
    graphs = store.document_graphs(st)
    if options.ontology:
        graphs.append(store.ONTOLOGY_GRAPH)
    report = PushReport()
    for graph in graphs:
        triples = [q.triple for q in st.quads_for_pattern(None, None, None, graph)]
        for first, batch in _batches(triples, options.batch_size):
            client.send(graph, batch, replace=first)
        report.graphs += 1
        report.triples += len(triples)
        report.graph_names.append(graph.value)
        if progress is not None:
            progress(graph.value, len(triples))
    report.requests, report.retries = client.requests, client.retries
    report.seconds = time.perf_counter() - started
    return report


def _batches(triples: list[Triple], size: int) -> Iterator[tuple[bool, list[Triple]]]:
    """(is the first batch, batch); an empty graph is one empty batch, which still replaces."""
    if any(isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in triples):
        size = max(size, len(triples))
    for start in range(0, max(len(triples), 1), max(size, 1)):
        yield start == 0, triples[start : start + size]


class _Client:
    """One endpoint, with authentication, headers, retries and backoff."""

    def __init__(self, options: PushOptions) -> None:
        self.options = options
        handlers: list[urllib.request.BaseHandler] = []
        if options.user:
            name, _, password = options.user.partition(":")
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, options.endpoint, name, password)
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self.opener = urllib.request.build_opener(*handlers)
        self.requests = 0
        self.retries = 0

    def send(self, graph: NamedNode, batch: list[Triple], *, replace: bool) -> None:
        data = serialize(batch, format=RdfFormat.N_TRIPLES) or b""
        if self.options.protocol == "gsp":
            sep = "&" if urlsplit(self.options.endpoint).query else "?"
            url = f"{self.options.endpoint}{sep}{self.options.graph_param}={quote(graph.value, safe='')}"
            self._request("PUT" if replace else "POST", url, data, "application/n-triples")
        else:
            drop = f"DROP SILENT GRAPH <{graph.value}> ;\n".encode() if replace else b""
            body = drop + f"INSERT DATA {{ GRAPH <{graph.value}> {{\n".encode() + data + b"} }\n"
            self._request("POST", self.options.endpoint, body, "application/sparql-update")

    def _request(self, method: str, url: str, body: bytes, content_type: str) -> None:
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            request = urllib.request.Request(url, data=body, method=method)
            request.add_header("Content-Type", content_type)
            for name, value in self.options.headers:
                request.add_header(name, value)
            self.requests += 1
            delay: float | None = None
            try:
                with self.opener.open(request, timeout=self.options.timeout) as response:
                    response.read()
                return
            except urllib.error.HTTPError as err:
                if err.code not in RETRY_STATUSES:
                    raise KgError(E.E070, url=url, status=err.code, reason=_reason(err)) from None
                problem = f"HTTP {err.code} {_reason(err)}"
                delay = _retry_after(err.headers)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
                problem = str(getattr(err, "reason", err))
            if attempt + 1 == attempts:
                raise KgError(E.E071, url=url, attempts=attempts, reason=problem)
            self.retries += 1
            time.sleep(min(MAX_BACKOFF, delay if delay is not None else self.options.backoff * 2**attempt))


def _reason(err: urllib.error.HTTPError) -> str:
    """The server's own words, shortened to one line: its body's first line, or the status phrase."""
    try:
        text = err.read().decode("utf-8", errors="replace")
    except OSError:
        text = ""
    if text.lstrip().startswith("<"):  # an HTML error page: its words, not its markup
        text = re.sub(r"<(script|style)[\s\S]*?</\1>|<[^>]+>", "\n", text)
    line = next((s.strip() for s in text.splitlines() if s.strip()), "") or str(err.reason)
    return line if len(line) <= 200 else line[:197] + "..."


def _retry_after(headers: Message | None) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value else None
    except ValueError:  # an HTTP date: fall back to our own backoff
        return None
