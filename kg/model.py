"""The records that pass between pipeline stages.

Standard library only, so that extraction never touches RDF and RDF never touches spaCy.
Every offset is a character offset into ``Document.text`` exactly as read (a Python
string index), never into a cleaned-up copy: that is what makes every fact traceable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class EntityKind(StrEnum):
    """Coarse entity classes; each maps to one class of the ontology."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    GROUP = "Group"
    PLACE = "Place"
    ASSET = "Asset"


GENERIC = "Event"  # the type of an event the lexicon does not know


class Status(StrEnum):
    """How strongly the text asserts an event or relation (``kg:status``)."""

    HAPPENED = "happened"
    REPORTED = "reported"
    CLAIMED = "claimed"
    POTENTIAL = "potential"


class RelationType(StrEnum):
    """FARO's kinds of causal relation (``kg:relationType``)."""

    CAUSES = "causes"
    ENABLES = "enables"
    PREVENTS = "prevents"


@dataclass(frozen=True, slots=True)
class Document:
    """One news article as read: ``text`` is what every offset indexes."""

    id: str
    text: str
    source: str
    date: date | None = None
    title: str | None = None
    url: str | None = None
    media_type: str = "text/plain"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    begin: int
    end: int


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """A stretch of the document: ``text == document.text[begin:end]``."""

    begin: int
    end: int
    text: str
    sentence: Span


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A name, description or pronoun that refers to an actor, place or asset.

    ``key`` is a resolution hint from extraction: a gazetteer id for places, the
    sense of a collective noun for groups ("protest" for protesters and demonstrators).
    ``origin`` is the country a group's nationality names ("French" soldiers), which
    tells apart groups of one sense.
    ``antecedent`` is set for pronouns and definite descriptions resolved in context.
    """

    mention: Mention
    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    subtype: str | None = None
    key: str | None = None
    pronoun: bool = False
    antecedent: int | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A date normalised against the document date; ``precision`` is day, month or year."""

    mention: Mention
    value: str
    precision: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount as data: "more than 3,800 people" is value 3800, min 3800, unit people."""

    mention: Mention
    value: float
    unit_text: str | None = None
    unit_code: str | None = None
    qualifier: str | None = None
    min_value: float | None = None
    max_value: float | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who asserts a fact: ``source`` indexes an entity, None means the document itself."""

    status: Status
    cue: Mention
    source: int | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """``name`` is agent, patient or place; ``entity`` indexes ``Extraction.entities``."""

    name: str
    entity: int


@dataclass(frozen=True, slots=True)
class EventMention:
    """One trigger of an event with what the parse attaches to it."""

    mention: Mention
    type: str
    lemma: str
    roles: tuple[Role, ...] = ()
    time: TimeValue | None = None
    quantities: tuple[Quantity, ...] = ()
    attribution: Attribution | None = None
    status: Status = Status.HAPPENED
    negated: bool = False
    extra: tuple[Mention, ...] = ()
    nominal: bool = True
    theme: str | None = None  # what a change of a measure is of ("profit", "hashrate"): two changes apart
    label: str = ""  # a phrase from the parse that names the event ("cap on petroleum gas lifted")
    # the word the parse gives as the subject where no entity of the event stands for it: "he" of an
    # unresolved "he said", "lords" of "the law lords said" (who spoke, for resolution to tell apart)
    bare_subject: str = ""
    # what a verb of little meaning alone acts on (word class ``light``): "inroads" of "made inroads";
    # two such verbs with different objects are two events
    object: str = ""
    # a hyphenated word before it that says which one ("shoot to kill" of "a shoot-to-kill order"):
    # "the order" may be that order again, a "two-year ban" is no "life ban"
    modifier: str = ""


@dataclass(frozen=True, slots=True)
class CausalLink:
    """``cause`` and ``effect`` index ``Extraction.events``; ``evidence`` spans the text."""

    cause: int
    effect: int
    signal: Mention
    confidence: float
    evidence: Mention
    relation_type: RelationType = RelationType.CAUSES
    status: Status = Status.HAPPENED
    rule: str = ""


@dataclass(frozen=True, slots=True)
class EntityRelation:
    """A relation between two entities read from an apposition or a copula."""

    subject: int
    predicate: str
    object: int
    mention: Mention


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one document, before resolution."""

    document: Document
    sentences: tuple[Span, ...]
    entities: tuple[EntityMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    causal: tuple[CausalLink, ...] = ()
    relations: tuple[EntityRelation, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """Offline gazetteer facts about a place."""

    geonames_id: int | None = None
    iso_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent with every mention of it in a document."""

    key: str
    kind: EntityKind
    label: str
    mentions: tuple[Mention, ...]
    alt_labels: tuple[str, ...] = ()
    subtype: str | None = None
    place: Place | None = None
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class EventAttribution:
    """Who asserts an event, by which word; ``statement`` is the key of the event that word names
    when it names one ("Tokayev said ...": the statement reports the event)."""

    status: Status
    source: str | None
    cue: Mention
    statement: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event: its mentions, roles (entity keys) and properties."""

    key: str
    type: str
    label: str
    mentions: tuple[Mention, ...]
    roles: tuple[tuple[str, str], ...] = ()
    time: TimeValue | None = None
    quantities: tuple[Quantity, ...] = ()
    attributions: tuple[EventAttribution, ...] = ()
    status: Status = Status.HAPPENED


@dataclass(frozen=True, slots=True)
class CausalRelation:
    key: str
    cause: str
    effect: str
    relation_type: RelationType
    signal: str
    confidence: float
    status: Status
    mention: Mention
    method: str = ""  # what read it: "reader" (the learned reader) or the cue rule ("verb:prompt")


@dataclass(frozen=True, slots=True)
class Relation:
    subject: str
    predicate: str
    object: str
    mention: Mention


@dataclass(frozen=True, slots=True)
class Merge:
    """One line of the merge log: which mention joined which entity, by which rule."""

    key: str
    mention: Mention
    rule: str


@dataclass(frozen=True, slots=True)
class ResolvedDocument:
    """A document's graph content, ready for RDF: what ``kg.rdf`` turns into quads."""

    document: Document
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    causal: tuple[CausalRelation, ...] = ()
    relations: tuple[Relation, ...] = ()
    merges: tuple[Merge, ...] = ()
    sentences: tuple[Span, ...] = field(default=())
