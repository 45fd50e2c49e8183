"""Resolution: entity and event mentions clustered into referents, in a document and across
the corpus, with a merge log that says which surface form joined which entity by which rule.

Entities: pronouns and descriptions join their antecedent; a surname joins the full name;
an acronym joins the name it abbreviates; "the ministry" joins "the interior ministry";
mentions of one kind of group ("protesters", "demonstrators") are one group; places and
assets join by gazetteer key. Across documents, an ``AliasTable`` maps names to the keys
already built, so that "Tokayev" alone in a later article is the same person.

Events: mentions of a lasting (situational) event type merge unless place or date differ;
other events merge only when the same word names them and nothing conflicts.
"""

from __future__ import annotations

from dataclasses import replace

from kg import iri
from kg.model import CausalRelation, Event, Extraction, Mention, Relation, ResolvedDocument
from kg.resolve.entities import AliasTable, resolve_entities
from kg.resolve.events import resolve_events

__all__ = ["AliasTable", "resolve"]


def resolve(extraction: Extraction, aliases: AliasTable | None = None) -> ResolvedDocument:
    """Cluster a document's mentions into entities and events, and key its causal links."""
    aliases = aliases if aliases is not None else AliasTable()
    entities, key_of, merges = resolve_entities(extraction, aliases)
    by_key = {e.key: e for e in entities}
    events, event_key_of = resolve_events(extraction, key_of, by_key)
    first_begin = {e.key: e.mentions[0].begin for e in events}
    relations: dict[tuple[str, str], CausalRelation] = {}
    for link in extraction.causal:
        cause, effect = event_key_of[link.cause], event_key_of[link.effect]
        if cause == effect:
            continue  # two mentions of one event: no event causes itself
        old = relations.get((cause, effect))
        if old is None or old.confidence < link.confidence:
            relations[(cause, effect)] = CausalRelation(
                iri.span_key("causal", extraction.document.id, first_begin[cause], first_begin[effect]),
                cause,
                effect,
                link.relation_type,
                link.signal.text,
                link.confidence,
                link.status,
                link.evidence,
                link.rule,
            )
    # a pair read both ways keeps its stronger reading
    kept = [
        r
        for (c, e), r in relations.items()
        if (e, c) not in relations
        or relations[(e, c)].confidence < r.confidence
        or (relations[(e, c)].confidence == r.confidence and c < e)
    ]
    causal = sorted(kept, key=lambda r: (r.mention.begin, r.key))
    # a word that signals a causal link ("prompted", "led to") is the link, not an event of its own,
    # unless the link reader made it one of its ends
    signals = [link.signal for link in extraction.causal if link.signal.end > link.signal.begin]
    ends = {k for r in causal for k in (r.cause, r.effect)}
    events = [e for e in events if e.key in ends or not all(_inside(m, signals) for m in e.mentions)]
    events = _with_partner_places(events, causal)
    relation_mentions = {
        (key_of[r.subject], r.predicate, key_of[r.object]): r.mention
        for r in reversed(extraction.relations)
        if key_of[r.subject] != key_of[r.object]
    }
    return ResolvedDocument(
        extraction.document,
        tuple(entities),
        tuple(events),
        tuple(causal),
        tuple(Relation(s, p, o, m) for (s, p, o), m in sorted(relation_mentions.items())),
        tuple(merges),
        extraction.sentences,
    )


def _inside(mention: Mention, signals: list[Mention]) -> bool:
    """Whether a mention lies within a causal signal: "resulted" in "has resulted in"."""
    return any(s.begin <= mention.begin and mention.end <= s.end for s in signals)


def _with_partner_places(events: list[Event], causal: list[CausalRelation]) -> list[Event]:
    """An event the text gives no participant, place or date takes the place of an event it causes
    or is caused by ("the blackout in Kazakhstan reduced the hashrate"): the link ties the two. No
    place comes from the article alone: its most named place is often where no event of it happens
    ("the UK chancellor's tour of Africa")."""
    place_of = {e.key: next((k for r, k in e.roles if r == "place"), None) for e in events}
    partners: dict[str, list[str]] = {}
    for r in causal:
        partners.setdefault(r.cause, []).append(r.effect)
        partners.setdefault(r.effect, []).append(r.cause)
    out = []
    for e in events:
        linked = [place_of[p] for p in partners.get(e.key, ()) if place_of.get(p)]
        place = linked[0] if linked and not (e.roles or e.time) else None
        out.append(replace(e, roles=(("place", place),)) if place else e)
    return out
