"""Every IRI newskg mints, from stable keys, so that the same input gives the same IRIs.

Pure Python: resolution computes keys (``person/kassym-jomart-tokayev``), and ``kg.rdf``
turns a key into an IRI under the resource base. Nowhere else builds an IRI from strings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

DEFAULT_BASE = "https://w3id.org/newskg/id/"


def slug(text: str) -> str:
    """A readable, stable path segment: 'President Kassym-Jomart Tokayev' -> 'president-kassym-jomart-tokayev'.

    >>> slug("Collective Security Treaty Organisation")
    'collective-security-treaty-organisation'
    >>> slug("Ürümqi")
    'urumqi'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not s:  # a name in another script: keep it, percent-encoded
        s = quote(text.strip().lower().replace(" ", "-"), safe="")
    return s[:80]


@lru_cache(maxsize=1024)  # every mention, sentence and quantity key of a document quotes its id again
def doc_path(document_id: str) -> str:
    """A document id as a path: its own '/' kept (folder-relative ids), the rest encoded."""
    return quote(document_id, safe="/-._~")


def entity_key(kind: str, label: str, scope: str | None = None) -> str:
    """Named entities are corpus-wide; descriptions ("the protesters") belong to one document."""
    base = f"{kind.lower()}/{doc_path(scope)}/" if scope else f"{kind.lower()}/"
    return base + slug(label)


def span_key(kind: str, document_id: str, begin: int, end: int | None = None) -> str:
    suffix = f"{begin}" if end is None else f"{begin}-{end}"
    return f"{kind}/{doc_path(document_id)}/{suffix}"


def mint(base: str, key: str) -> str:
    """The IRI of a key under ``base`` (the resource base, ``--base``)."""
    return base + key
