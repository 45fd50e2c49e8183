"""The extraction stage: a parsed document in, an ``Extraction`` (plain dataclasses with
original character offsets) out. Nothing here touches RDF."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from kg.cleanup import CleanText
from kg.extract.causal import CausalExtractor
from kg.extract.context import Context
from kg.extract.entities import EntityExtractor
from kg.extract.events import EventExtractor
from kg.extract.relations import RelationExtractor
from kg.model import Document, Extraction


@cache
def _extractors() -> tuple[EntityExtractor, EventExtractor, CausalExtractor, RelationExtractor]:
    return EntityExtractor(), EventExtractor(), CausalExtractor(), RelationExtractor()


def extract(doc: Doc, document: Document, clean: CleanText) -> Extraction:
    """Entities, events, causal links and entity relations of one parsed document."""
    entity_extractor, event_extractor, causal_extractor, relation_extractor = _extractors()
    ctx = Context(doc, document, clean)
    entities = entity_extractor(ctx)
    events = event_extractor(ctx, entities)
    causal = causal_extractor(ctx, events)
    return Extraction(
        document=document,
        sentences=tuple(ctx.sentences),
        entities=tuple(entities.mentions),
        events=tuple(events.mentions),
        causal=tuple(causal),
        relations=tuple(relation_extractor(ctx, entities)),
    )
