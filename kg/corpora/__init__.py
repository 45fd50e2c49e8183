"""Readers of the annotated corpora the learned stages train and are measured on.

Each reader turns one corpus format into ``AnnotatedText`` records: the text exactly as the
model will read it and gold annotations as character offsets into it. Nothing here loads
spaCy; the build never imports this package.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True, order=True)
class GoldEvent:
    """An annotated event mention: ``text[begin:end]`` is its trigger; ``cls`` its class
    (TimeML's OCCURRENCE, REPORTING ..., or ECB+'s ACTION_OCCURRENCE ...); ``chain`` the
    coreference chain it belongs to, where the corpus has them (ECB+: its own id when it joins none)."""

    begin: int
    end: int
    cls: str
    id: str = ""
    chain: str = ""


@dataclass(frozen=True, slots=True)
class GoldLink:
    """A causal link between two annotated events, by their ids (cause first), with its cue
    text as written when the annotators marked one (TimeML's C-SIGNAL: "because of")."""

    cause: str
    effect: str
    signal: str = ""


@dataclass(frozen=True, slots=True)
class GoldAnchor:
    """An annotated event placed within a date the text states: TimeML's TLINK from the event
    to a DATE ``TIMEX3`` (not the document's creation time) that includes it. ``value`` is the
    TIMEX3's normalised value ("1998-01-20", "1998-02", "1997"); ``begin``/``end`` its text."""

    event: str
    value: str
    begin: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """An annotated time expression (TimeML's ``TIMEX3``, not the creation time): ``text[begin:end]``,
    its type (DATE, TIME, DURATION, SET) and its normalised value ("1998-01-20", "P2Y", "PAST_REF")."""

    begin: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True, order=True)
class GoldEntity:
    """An annotated participant mention (ECB+'s ``HUMAN_PART_PER`` ...): ``text[begin:end]``,
    its class, and the coreference chain it belongs to (its own id when it joins none)."""

    begin: int
    end: int
    cls: str
    chain: str


@dataclass(frozen=True, slots=True)
class AnnotatedText:
    """One document (or the annotated sentences of one) with its gold event mentions."""

    id: str
    text: str
    date: date | None
    events: tuple[GoldEvent, ...]
    links: tuple[GoldLink, ...] = ()
    corpus: str = ""
    anchors: tuple[GoldAnchor, ...] = ()
    entities: tuple[GoldEntity, ...] = ()
    timexes: tuple[GoldTimex, ...] = ()
