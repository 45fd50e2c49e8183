"""``build``: the whole pipeline, documents streaming from ingest to the store batch by batch.

Only the alias table (names of entities seen so far) and the ids of documents built grow
with the corpus; texts, parses and triples are dropped once a document is stored.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Store

from kg import cleanup, distributed, export, graph_cache, ingest, iri, rdf, store
from kg.errors import E, KgError
from kg.model import Document, EntityKind
from kg.nlp import DEFAULT_CAUSAL_MODEL, DEFAULT_EVENT_MODEL, DEFAULT_EVENT_THRESHOLD, DEFAULT_MODEL, event_encoder
from kg.nlp.causal_encoder import FILE as ENCODER_FILE
from kg.nlp.causal_encoder import STACK as ENCODER_STACK
from kg.nlp.causal_encoder import PairEncoder
from kg.nlp.causal_model import LINK_CALIBRATION
from kg.resolve import AliasTable
from kg.vocab import RDFS, SKOS

if TYPE_CHECKING:
    from spacy.language import Language

ORIGINS_FILE = ".origins.json"  # in a generation folder, beside the store; the dot keeps it out of DIR

KINDS_BY_PATH = {
    "person": EntityKind.PERSON,
    "organization": EntityKind.ORGANIZATION,
    "place": EntityKind.PLACE,
    "asset": EntityKind.ASSET,
}


@dataclass(frozen=True)
class BuildOptions:
    out: Path = Path("exports")
    date: date | None = None
    model: str = DEFAULT_MODEL
    # the trained causal reader (a folder saved by kg.nlp.causal_model); None: causal rules only
    causal_model: Path | None = DEFAULT_CAUSAL_MODEL
    # read sentences with the causal reader's transformer too (when it has one): more links, slower
    causal_encoder: bool = False
    # the trained event detector (a folder saved by kg.nlp.event_detector); None: the lexicon's triggers only
    event_model: Path | None = DEFAULT_EVENT_MODEL
    event_threshold: float = DEFAULT_EVENT_THRESHOLD
    # read sentences with the event detector's transformer too (when it has one, as the shipped
    # model does): more of the events only word meaning tells; False: the parse model alone, faster
    event_encoder: bool = True
    base: str = iri.DEFAULT_BASE
    threshold: float = rdf.DEFAULT_THRESHOLD
    batch_size: int = 32
    processes: int = 1
    # a Dask scheduler (tcp://HOST:PORT) whose workers parse and extract; None: this machine does
    scheduler: str | None = None
    encoding: str = "utf-8"
    max_chars: int = ingest.DEFAULT_MAX_CHARS
    force: bool = False
    html: bool = True
    # write graph.ttl, the CSV tables etc. (each re-serialises the whole store: adding a few documents
    # to a large store costs mostly this); without them ``kg export`` writes one on demand
    exports: bool = True
    skip_bad: bool = False
    # build a document even when a document with its id, read from another file, is in the store
    replace: bool = False
    # keep the loaded pipeline for the next build in this process; False (``kg build``, which builds
    # once) frees its memory before the exports, which hold the whole graph
    keep_models: bool = True


@dataclass(frozen=True)
class BuildProgress:
    """How far a build is, for a progress display: documents passed (built, unchanged or repeated)
    of all in the input, so that N/M ends at M/M even when most documents were unchanged."""

    done: int
    total: int
    seconds: float  # since the build started
    document: str | None = None  # the id just built; None before the first and at the end
    finished: bool = False  # every document is through (the exports are next)

    @property
    def eta(self) -> float | None:
        """Seconds left at the pace so far; None before the first document."""
        if self.done == 0:
            return None
        return self.seconds / self.done * max(self.total - self.done, 0)


@dataclass
class BuildReport:
    """What a build did: the CLI prints it, tests and benchmarks read it."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    entities: int = 0
    events: int = 0
    causal: int = 0
    triples: int = 0
    words: int = 0
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)


def load_aliases(st: Store, base: str) -> AliasTable:
    """The alias table of the entities already in the store (corpus-wide entities only)."""
    table = AliasTable()
    query = f"SELECT ?e ?l ?p WHERE {{ ?e ?p ?l . VALUES ?p {{ <{RDFS.label}> <{SKOS.altLabel}> }} }}"
    # the labels live in the document graphs, not in the store's (empty) default graph
    for row in st.query(query, use_default_graph_as_union=True):  # type: ignore[union-attr]
        entity = str(row["e"].value)
        if not entity.startswith(base):
            continue
        path = entity[len(base) :].split("/")
        if len(path) != 2 or path[0] not in KINDS_BY_PATH:
            continue  # descriptions and groups belong to one document
        kind = KINDS_BY_PATH[path[0]]
        key = "/".join(path)
        table.add(kind, str(row["l"].value), key)
        if str(row["p"].value) == str(RDFS.label):
            table.add_label(kind, key, str(row["l"].value))
            if kind == EntityKind.PERSON:
                table.add(kind, str(row["l"].value).split()[-1], key)
    return table


def build(
    paths: list[Path],
    options: BuildOptions,
    progress: Callable[[BuildProgress], None] | None = None,
    *,
    documents: Iterable[Document] = (),
) -> BuildReport:
    """Build ``paths`` and ``documents`` (read already: texts, pages) into ``options.out``: store,
    Turtle, TriG, JSON-LD, CSV tables, HTML graph.

    Nothing in ``options.out`` changes unless the whole build succeeds. Documents are built in the
    order of their sources' names (a file's path under its argument, a document's ``source``), not
    of the arguments, so that what resolution merges (and so every export) does not depend on the
    order they were given in. ``progress`` is called once the documents are counted, after each one
    built and once when all are through.
    """

    started = time.perf_counter()
    report = BuildReport()
    _check_options(options)
    found = sorted(ingest.sources(paths), key=lambda s: (s.name, str(s.path.resolve())))
    sources = _checked(found, options, report)  # bad input fails here, before anything is touched
    given = sorted(documents, key=lambda d: (d.source, d.id))
    for document in given:
        ingest.check_document(document, max_chars=options.max_chars)
    tick = _ticker(progress, sources, len(given), options, report, started)
    readings = itertools.chain(_read(sources, options), ((d, _origin(d.source), d.source) for d in given))
    # every core writes the exports (the extraction is over by then, and they are independent)
    export_processes = max(options.processes, os.cpu_count() or 1) if options.exports else 1
    with export.export_writers(export_processes, html=options.html) as writers:  # forked before the models load
        job = distributed.job(options, fingerprint(options))
        with distributed.workers(options) as (executor, slots):  # an unreachable cluster fails here too
            out = options.out
            created = not out.exists()
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise KgError(E.E050, path=out, reason=err.strerror or err) from err
            try:
                # a second build into the same folder fails at once rather than deleting this one's generation
                with store.writing(out):
                    report.files = _build_into(out, readings, options, report, tick, (job, executor, slots), writers)
            except BaseException:
                if created:  # a failed first build leaves no folder behind
                    shutil.rmtree(out, ignore_errors=True)
                raise
    report.seconds = time.perf_counter() - started
    return report


def build_texts(
    texts: Iterable[Document | tuple[str, str]],
    options: BuildOptions,
    progress: Callable[[BuildProgress], None] | None = None,
) -> BuildReport:
    """Build texts held in memory: ``Document``s, or ``(id, text)`` pairs dated ``options.date``
    whose id is also their source; what ``kg build`` does with a JSONL file's rows, without the file.
    ``Document(id, text, "news.jsonl", date)`` builds what the row of news.jsonl builds, byte for byte."""
    documents = [t if isinstance(t, Document) else Document(t[0], t[1], t[0], options.date) for t in texts]
    return build([], options, progress, documents=documents)


def _read(sources: list[ingest.Source], options: BuildOptions) -> Iterator[tuple[Document, str, str]]:
    """Each file's documents with the file's origin and its path (for messages)."""
    for source in sources:
        origin = _origin(str(source.path.resolve()))
        for document in ingest.read(
            source, default_date=options.date, encoding=options.encoding, max_chars=options.max_chars
        ):
            yield document, origin, str(source.path)


def _ticker(
    progress: Callable[[BuildProgress], None] | None,
    sources: list[ingest.Source],
    given: int,
    options: BuildOptions,
    report: BuildReport,
    started: float,
) -> Callable[[str | None], None]:
    """What the build calls with each document's id built (None at the end): ``progress`` told how
    many documents of the input are through, first 0 of all once they are counted. Counting costs a
    read of each file, so it happens only with ``progress``."""
    if progress is None:
        return lambda document: None
    total = given + sum(ingest.count(source, encoding=options.encoding) for source in sources)
    progress(BuildProgress(0, total, time.perf_counter() - started))

    def tick(document: str | None) -> None:
        done = len(report.built) + len(report.unchanged) + len(report.duplicates)
        seconds = time.perf_counter() - started
        if document is None:  # the end: the documents seen are the total, whatever the count estimated
            progress(BuildProgress(done, done, seconds, finished=True))
        else:
            progress(BuildProgress(done, max(total, done), seconds, document))

    return tick


def _check_options(options: BuildOptions) -> None:
    """Options that would fail deep inside a build (or hang it) fail here, each with one line."""
    for option, value, least, most in (
        ("--processes", options.processes, 1, 256),
        ("--batch-size", options.batch_size, 1, 100_000),
        ("--max-chars", options.max_chars, 1, ingest.MAX_CHARS_LIMIT),
    ):
        if not least <= value <= most:
            raise KgError(E.E014, option=option, value=value, least=least, most=most)
    ingest.check_encoding(options.encoding)
    if options.out.exists() and not options.out.is_dir():
        raise KgError(E.E015, path=options.out)
    if options.scheduler is not None and options.processes != 1:
        raise KgError(E.E175)


def _checked(sources: list[ingest.Source], options: BuildOptions, report: BuildReport) -> list[ingest.Source]:
    """The files that can be read; with ``skip_bad``, the others are reported instead of failing the build."""
    good = []
    for source in sources:
        try:
            ingest.check(source, encoding=options.encoding, max_chars=options.max_chars)
        except KgError as err:
            if not options.skip_bad:
                raise
            report.skipped.append((str(source.path), str(err)))
            continue
        good.append(source)
    return good


def _build_into(
    out: Path,
    readings: Iterable[tuple[Document, str, str]],
    options: BuildOptions,
    report: BuildReport,
    tick: Callable[[str | None], None],
    workers: tuple[distributed.Job, Executor | None, int],
    writers: Executor | None,
) -> dict[str, Path]:
    from kg.export import view
    from kg.resolve import resolve

    with store.staged(out) as generation:
        st = generation.store
        store.load_ontology(st)
        aliases = load_aliases(st, options.base)
        previous = store.current_folder(out)
        origins = _origins(previous)
        graph_cache.carry(previous, generation.folder)
        items = _documents(readings, options, st, report, origins, workers[0].fingerprint)
        writer = store.GraphWriter(st)
        # the writers import the exports' code while the extraction runs, once the store is large
        # enough for them to write; the count is the store's at the start and the quads written since
        written = len(st) if writers is not None else 0
        prepared = export.prepare(writers, written, html=options.html)
        for extracted, (digest, graph) in distributed.extractions(items, *workers):
            document = extracted.extraction.document
            resolved = resolve(extracted.extraction, aliases)
            quads = rdf.quads(resolved, base=options.base, threshold=options.threshold, content_hash=digest)
            writer.replace(graph, quads)
            graph_cache.written(generation.folder, graph, quads)
            written += len(quads)
            if not prepared:
                prepared = export.prepare(writers, written, html=options.html)
            if options.exports and options.html:
                view.keep_mention_rows(generation.folder, graph, quads)
            report.built.append(document.id)
            report.entities += len(resolved.entities)
            report.events += len(resolved.events)
            report.causal += len(resolved.causal)
            report.words += extracted.words
            tick(document.id)
        writer.flush()
        tick(None)
        if not options.keep_models:
            from kg import nlp

            nlp.release()
        files = (
            export.write_all(st, generation.folder, html=options.html, writers=writers, previous=previous)
            if options.exports
            else {}
        )
        report.triples = store.count_triples(st)
        text = json.dumps(dict(sorted(origins.items())), indent=0, ensure_ascii=False)
        (generation.folder / ORIGINS_FILE).write_text(text + "\n", encoding="utf-8")
    return {name: out / path.name for name, path in files.items()} | {"store": store.store_path(out)}


def _origins(generation: Path | None) -> dict[str, str]:
    """Document id -> the ``_origin`` of the file it was read from, as the current generation records it."""
    if generation is None or not (generation / ORIGINS_FILE).exists():
        return {}  # a first build, or a folder built before origins were recorded
    return dict(json.loads((generation / ORIGINS_FILE).read_text(encoding="utf-8")))


def _origin(where: str) -> str:
    """What tells one file from another on this machine (a hash of its real path, or of a read
    document's source: its URL), kept beside the store and never in it, so that no export shows or
    depends on where the corpus lies."""
    return hashlib.sha256(where.encode("utf-8")).hexdigest()[:32]


def fingerprint(options: BuildOptions) -> str:
    """What a document's graph depends on besides its text and date: newskg's version, its word
    data (the lexicon, word lists and ontology), the spaCy pipeline and its version, the causal
    reader's files and its links' calibration, the threshold and the IRI base. A document is built
    again when any of them changes, not only its text."""
    from kg import __version__, lexicon

    pipeline = _pipeline(options)
    reader = "rules"
    if options.causal_model is not None:
        digest = hashlib.sha256((options.causal_model / "model.json.gz").read_bytes())
        digest.update(LINK_CALIBRATION.read_bytes())
        if options.causal_encoder and PairEncoder.present(options.causal_model):
            digest.update((options.causal_model / ENCODER_FILE).read_bytes())
            digest.update((options.causal_model / ENCODER_STACK).read_bytes())
        reader = digest.hexdigest()
    detector = "lexicon"
    if options.event_model is not None:
        digest = hashlib.sha256((options.event_model / "model.json.gz").read_bytes())
        if options.event_encoder and event_encoder.TokenEncoder.present(options.event_model):
            digest.update((options.event_model / event_encoder.FILE).read_bytes())
            digest.update((options.event_model / event_encoder.STACK).read_bytes())
        detector = digest.hexdigest() + "@" + repr(options.event_threshold)
    parts = (
        __version__,
        word_data_digest(lexicon.RESOURCES, lexicon.ontology_dir()),
        options.model,
        str(pipeline.meta.get("version", "")),
        reader,
        repr(options.threshold),
        detector,
    )
    return "\x00".join((*parts, options.base))


def word_data_digest(*folders: Path) -> str:
    """A hash of the files in ``folders`` (not their subfolders): the pattern data extraction reads
    (triggers, word classes, cues, gazetteer) changes between releases of the same version number
    too, in a checkout or an install from a branch, and a document built with other data is stale."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()


def _pipeline(options: BuildOptions) -> Language:
    from kg import nlp

    return nlp.load(
        options.model,
        options.causal_model,
        options.threshold,
        options.causal_encoder,
        options.event_model,
        options.event_threshold,
        options.event_encoder,
    )


def _documents(
    readings: Iterable[tuple[Document, str, str]],
    options: BuildOptions,
    st: Store,
    report: BuildReport,
    origins: dict[str, str],
    built_by: str,
) -> Iterator[tuple[Document, cleanup.CleanText, tuple[str, NamedNode]]]:
    """Documents to extract, each with its clean text and (content hash, graph name); unchanged and
    repeated documents skipped. ``readings`` are (document, origin, where it was read); ``built_by``
    the build's ``fingerprint``. A document whose id the store has from another origin stops the
    build, unless ``replace``; ``origins`` gains the origin of each document read."""
    seen: dict[str, str] = {}
    by_hash: dict[str, str] = {}
    for document, source_origin, where in readings:
        if document.id in seen:
            raise KgError(E.E009, id=document.id, first=seen[document.id], second=where)
        seen[document.id] = where
        if origins.get(document.id, source_origin) != source_origin and not options.replace:
            raise KgError(E.E016, path=where, id=document.id, out=options.out)
        dated = document.text + "\x00" + (document.date.isoformat() if document.date else "")
        text_hash = ingest.content_hash(dated)
        if text_hash in by_hash:
            report.duplicates.append((document.id, by_hash[text_hash]))
            continue
        by_hash[text_hash] = document.id
        origins[document.id] = source_origin
        digest = ingest.content_hash(text_hash + "\x00" + built_by)
        graph = rdf.graph_name(options.base, document.id)
        if not options.force and store.content_hash(st, graph) == digest:
            report.unchanged.append(document.id)
            continue
        clean = cleanup.clean(document.text, markdown=document.media_type == "text/markdown")
        yield document, clean, (digest, graph)
