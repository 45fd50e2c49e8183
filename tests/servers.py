"""Real servers on loopback for the tests: ``kg serve`` and the ``oxigraph`` server, each on a free
port, always stopped (and waited for) when the test is done."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from kg import store

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def kg_serve(out: Path, *args: str, positional: bool = False) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``kg serve --port 0`` on ``out`` (given as ``--store``, or as PATH): (its URL, as it printed it;
    the process)."""
    folder = [str(out)] if positional else ["--store", str(out)]
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", *folder, "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert " at http://" in line, line + (process.stderr.read() if process.poll() is not None else "")  # type: ignore[union-attr]
        yield line.split(" at ")[1].split()[0], process
    finally:
        _stop(process)


@contextmanager
def oxigraph_server(location: Path, *, read_only: bool = False) -> Iterator[str]:
    """The ``oxigraph`` server binary (from the PyPI package) on a free port: its base URL."""
    if not OXIGRAPH.exists():
        found = shutil.which("oxigraph")
        assert found, "the oxigraph server binary is missing: pip install -e '.[test]'"
        binary = found
    else:
        binary = str(OXIGRAPH)
    port = free_port()
    command = "serve-read-only" if read_only else "serve"
    process = subprocess.Popen(
        [binary, command, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, process.stderr.read() if process.stderr else "oxigraph exited"
                assert time.monotonic() < deadline, "oxigraph did not start"
                time.sleep(0.05)
        yield base
    finally:
        _stop(process)


def remote_count(base: str, pattern: str = "GRAPH ?g { ?s ?p ?o }") -> int:
    """COUNT(*) over an oxigraph server's /query."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    request = urllib.request.Request(
        f"{base}/query", data=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.read().decode().split()[1])


def tiny_build(out: Path, documents: int = 2, triples: int = 3) -> None:
    """A store laid out like a build's (generations, link, one graph per document) without the model."""
    with store.writing(out), store.staged(out) as generation:
        st = generation.store
        store.load_ontology(st)
        for d in range(documents):
            graph = NamedNode(f"https://w3id.org/newskg/id/graph/doc{d}")
            document = Quad(
                NamedNode(f"https://w3id.org/newskg/id/doc/doc{d}"),
                NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                NamedNode("https://w3id.org/newskg/ontology#Document"),
                graph,
            )
            facts = [
                Quad(NamedNode(f"https://example.org/s{d}"), NamedNode("https://example.org/p"), Literal(str(i)), graph)
                for i in range(triples)
            ]
            store.replace_graph(st, graph, [document, *facts])


def raw_request(url: str, head: str, body: bytes = b"") -> tuple[int, bytes]:
    """Send ``head`` (request line and headers, without the blank line) and ``body`` as written,
    over a plain socket: what urllib would correct or refuse to send. (status, body) of the answer."""
    host, port = url.split("/")[2].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(head.replace("\n", "\r\n").encode() + b"\r\n\r\n" + body)
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = conn.recv(65536)
            assert chunk, f"connection closed without an answer: {reply!r}"
            reply += chunk
        header, _, rest = reply.partition(b"\r\n\r\n")
        length = int(
            next(line.split(b":")[1] for line in header.split(b"\r\n") if line.lower().startswith(b"content-length"))
        )
        while len(rest) < length:
            chunk = conn.recv(65536)
            assert chunk, "connection closed mid-answer"
            rest += chunk
    return int(header.split()[1]), rest[:length]


def tree_rss(pid: int) -> int:
    """Resident memory, in bytes, of a process and all its descendants (from /proc)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            # a child belongs to the thread that started it, and the server starts workers from many
            children = [c for task in Path(f"/proc/{current}/task").iterdir() for c in _children(task)]
        except (FileNotFoundError, ProcessLookupError):  # ended meanwhile
            continue
        rss = [int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")]
        total += sum(rss)  # none for a zombie
        pending.extend(int(child) for child in children)
    return total


def _children(task: Path) -> list[str]:
    try:
        return (task / "children").read_text().split()
    except (FileNotFoundError, ProcessLookupError):
        return []


class Listener:
    """A TCP listener on loopback that never accepts: a connection to it, from anyone, waits in
    its backlog, where ``connections_waiting()`` sees it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = int(self.socket.getsockname()[1])

    def connections_waiting(self) -> bool:
        import select

        readable, _, _ = select.select([self.socket], [], [], 0)
        return bool(readable)

    def close(self) -> None:
        self.socket.close()


@contextmanager
def dask_cluster(workers: int = 2) -> Iterator[str]:
    """A real ``dask scheduler`` and ``workers`` one-thread ``dask worker`` processes on loopback;
    yields the scheduler's address once every worker has joined."""
    from distributed import Client

    dask = str(Path(sys.executable).with_name("dask"))
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    commands = [[dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]]
    commands += [
        [dask, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"]
    ] * workers
    processes: list[subprocess.Popen[str]] = []
    try:
        for command in commands:
            processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True))
        with Client(address, timeout=60) as client:
            if workers:
                client.wait_for_workers(workers, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)
