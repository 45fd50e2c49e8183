"""The catalogue of errors a user can meet, each with a code and a message that says what to do.

The library raises ``KgError``; only the CLI turns it into one stderr line and an exit code.
"""

from __future__ import annotations

from enum import StrEnum


class E(StrEnum):
    """Error codes and message templates (``str.format`` fields)."""

    E001 = "no such file or folder: {path}"
    E002 = "{path}: empty document (nothing to build); remove it or add text"
    E003 = "{path}: looks like a binary file (NUL bytes), not text; pass .txt, .md, .html, .jsonl or .csv"
    E004 = (
        "{path}: not valid UTF-8 (byte {position}); re-encode it, e.g. "
        "'iconv -f latin1 -t utf-8 FILE > FILE.utf8', or pass --encoding"
    )
    E005 = "{path}: {size:,} characters is over the limit of {limit:,}; split it or raise --max-chars"
    E006 = "{path}: unsupported file type '{suffix}'; pass .txt, .md, .html, .jsonl or .csv"
    E007 = "{path}: line {line}: {reason}"
    E008 = "{path}: no documents found (no .txt, .md, .html, .jsonl or .csv files)"
    E009 = "two documents share the id '{id}' ({first} and {second}); give them distinct ids"
    E010 = "bad date '{value}': use YYYY-MM-DD"
    E011 = "{path}: not a regular file (a pipe or a device?); copy it into a file and build that"
    E012 = "{path}: UTF-16 text; build it with --encoding utf-16, or convert it: 'iconv -f utf-16 -t utf-8 FILE'"
    E013 = "unknown --encoding '{encoding}': give a text encoding Python knows, e.g. utf-8, latin-1, cp1252, utf-16"
    E014 = "bad {option} {value}: give a whole number from {least} to {most:,}"
    E015 = "--out {path} is a file, not a folder; pass a folder (it is created if missing)"
    E016 = (
        "{path}: the id '{id}' is already in {out}, built from another file; give the document another id "
        "(build the folder above it to keep folder names in ids), or pass --replace to replace it"
    )
    E020 = "no store at {path}: run 'kg build' first, or pass --store"
    E021 = "the store at {path} is in use by another process ({reason}); stop it or use another --out"
    E022 = "{path} is being written by another build or by 'kg serve --allow-update'; wait for it or use another --out"
    E030 = "malformed SPARQL query: {reason}"
    E031 = "no named query '{name}'; 'kg query --list' shows them"
    E032 = "SPARQL query failed: {reason}"
    E033 = "unknown output format '{value}'; use one of {choices}"
    E035 = "malformed SPARQL update: {reason}"
    E040 = "cannot load the spaCy pipeline '{name}': {reason}; install it (pip install {name}) or pass --model"
    E050 = "cannot write {path}: {reason}"
    # kg push, kg serve
    E070 = "push to {url} refused: HTTP {status} {reason}"
    E071 = "push to {url} failed after {attempts} attempt(s): {reason}; is the server up and the URL right?"
    E072 = "bad --endpoint '{url}': give an http:// or https:// URL"
    E073 = "bad --header '{value}': use 'Name: value'"
    E075 = "cannot listen on {host}:{port}: {reason}; pick another --port or stop what uses it"
    E076 = (
        "{keyword} {target} refused: kg serve contacts no other server unless started with "
        "--allow-service HOST for that host"
    )
    E077 = "bad --token-file {path}: {reason}"
    E078 = "--allow-update needs --token-file: without a token anyone who can reach the port could change the store"
    # kg build URL, kg build --feed URL
    E150 = "bad URL '{url}': give an http:// or https:// address, e.g. https://example.org/news/1"
    E151 = "cannot reach {url}: {reason}; check the address and the network"
    E152 = "{url} answered HTTP {status} {reason}; check the address"
    E153 = "{url} is not an HTML page but {media_type}; give an article's page, or a feed with --feed"
    E154 = "{url} is not a usable RSS or Atom feed: {reason}"
    E155 = "{url}: no article text found in the page; give the article's own page"
    E156 = "{url} sent more than {limit:,} bytes; give an article's page or a feed"
    # kg viz
    E100 = "no document '{value}' in the store; its documents: {known}"
    E101 = "no node of type '{value}' in the store; its types: {known}"
    # kg analyze, kg export
    E130 = "unknown table '{value}'; use one of {choices}"
    E131 = "--format csv writes one table: pick it with --table ({choices})"
    E132 = "bad --top {value}: give a positive number of rows"
    # kg query
    E133 = "the query ran longer than --timeout {seconds:g} s and was stopped; narrow it (LIMIT, --bind) or allow more"
    E134 = "'{value}' names several nodes ({labels}); bind one of these labels"
    # kg build --scheduler, --processes (kg.distributed)
    E170 = (
        "cannot reach the Dask scheduler at {address}: {reason}; start one ('dask scheduler') "
        "and pass the address it prints, e.g. tcp://10.0.0.5:8786"
    )
    E171 = "--scheduler needs Dask: pip install 'newskg[dask]'"
    E172 = "no Dask worker joined the scheduler at {address} within {seconds} s; start some: 'dask worker {address}'"
    E173 = (
        "the Dask worker on {host} runs another newskg, spaCy pipeline or model than this machine; "
        "install the same newskg version and model on every worker"
    )
    E174 = (
        "an extraction worker failed: {reason}; check that every worker has this newskg installed, "
        "and the workers' logs (memory?), then build again"
    )
    E175 = "--processes and --scheduler exclude each other: a Dask build runs as many processes as its workers"


class KgError(Exception):
    """An error the user can fix; ``str(err)`` is the one line the CLI prints."""

    def __init__(self, code: E, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"{code.name}: {code.value.format(**fields)}")

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt from its code and fields, so that it crosses to and from worker processes
        return (_error, (self.code, self.fields))


def _error(code: E, fields: dict[str, object]) -> KgError:
    return KgError(code, **fields)
