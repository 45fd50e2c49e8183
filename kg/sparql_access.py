"""What a SPARQL request may reach beyond the store: ``SERVICE`` (queries) and ``LOAD`` (updates).

Oxigraph answers ``SERVICE <http://...>`` by making the HTTP request itself, and ``LOAD <url>``
by fetching the URL, and pyoxigraph has no switch to turn either off. A server that runs
whatever a web page sends would then be a proxy into the user's network. So ``kg serve``
refuses both unless the target host is on an explicit allow-list; its workers also run
without any network when that list is empty (see ``kg.serve``), so this check is the first of
two locks, not the only one.

The check reads the request as SPARQL's tokenizer does (IRIs, strings and comments cannot hold a
keyword) and refuses what it cannot decide: a ``SERVICE ?variable``, a relative IRI, a prefix it
cannot resolve. Codepoint escapes (``\\u0053ERVICE``) are decoded first, as the SPARQL grammar
allows, so that they cannot hide a keyword from this reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from kg.errors import E, KgError
from kg.vocab import PREFIXES

# the same token shapes as the SPARQL grammar: IRIREF, the four string forms, comments, variables,
# prefixed names (possibly with an empty prefix or an empty local part) and bare words
_TOKEN = re.compile(
    r"""(?P<iri><[^<>"{}|^`\\\s]*>)"""
    r"""|(?P<string>\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"""|(?P<comment>\#[^\n]*)"""
    r"""|(?P<var>[?$][\w\u00b7-\uffff]*)"""
    r"""|(?P<pname>(?:[^\W\d][\w.\u00b7-\uffff-]*)?:(?:[\w.:%\\\u00b7-\uffff-]*[\w:%\u00b7-\uffff-])?)"""
    r"""|(?P<word>[^\W\d]\w*)"""
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every token but strings and comments, in order."""
    found = []
    for match in _TOKEN.finditer(_unescape(text)):
        kind = match.lastgroup or ""
        if kind not in ("string", "comment"):
            found.append((kind, match.group()))
    return found


def remote_targets(text: str) -> list[tuple[str, str | None]]:
    """(keyword, absolute IRI or None when it cannot be known) of every SERVICE and LOAD.

    Example:
        >>> remote_targets("PREFIX r: <http://r.example/> SELECT * { SERVICE SILENT r:sparql { ?s ?p ?o } }")
        [('SERVICE', 'http://r.example/sparql')]
        >>> remote_targets('SELECT * { ?s <http://x/SERVICE> "SERVICE <http://a/>" } # SERVICE <http://b/>')
        []
        >>> remote_targets("SELECT * { \\\\u0053ervice ?endpoint { ?s ?p ?o } }")
        [('SERVICE', None)]
        >>> remote_targets("LOAD <http://example.org/data.ttl> INTO GRAPH <urn:g>")
        [('LOAD', 'http://example.org/data.ttl')]
    """
    prefixes = dict(PREFIXES)
    base: str | None = None
    tokens = _tokens(text)
    targets: list[tuple[str, str | None]] = []
    for i, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        keyword = value.upper()
        following = tokens[i + 1 : i + 4]
        if keyword == "BASE" and following and following[0][0] == "iri":
            base = _resolve(following[0][1][1:-1], base)
        elif keyword == "PREFIX" and len(following) >= 2 and following[0][0] == "pname" and following[1][0] == "iri":
            prefixes[following[0][1].rstrip(":")] = _resolve(following[1][1][1:-1], base) or ""
        elif keyword in ("SERVICE", "LOAD"):
            rest = [t for t in following if not (t[0] == "word" and t[1].upper() == "SILENT")]
            targets.append((keyword, _target(rest[0] if rest else None, prefixes, base)))
    return targets


def _resolve(iri: str, base: str | None) -> str | None:
    if urlsplit(iri).scheme:
        return iri
    return urljoin(base, iri) if base and urlsplit(base).scheme else None


def _target(token: tuple[str, str] | None, prefixes: dict[str, str], base: str | None) -> str | None:
    if token is None:
        return None
    kind, value = token
    if kind == "iri":
        return _resolve(value[1:-1], base)
    if kind == "pname":
        prefix, _, local = value.partition(":")
        namespace = prefixes.get(prefix)
        return namespace + local if namespace and "\\" not in local else None
    return None  # a variable: only known while the query runs


def check(text: str, allowed_hosts: Iterable[str]) -> None:
    """Raise ``KgError`` (E076) unless every SERVICE and LOAD goes over HTTP(S) to an allowed host."""
    allowed = {h.lower().strip("[]") for h in allowed_hosts}
    for keyword, target in remote_targets(text):
        url = urlsplit(target or "")
        host = (url.hostname or "").lower()
        if not target or url.scheme not in ("http", "https") or host not in allowed:
            raise KgError(E.E076, keyword=keyword, target=target or "(a target known only at run time)")
