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

from collections import Counter
from dataclasses import dataclass, field, replace

from kg import gazetteer, iri, lexicon
from kg.model import (
    CausalRelation,
    Entity,
    EntityKind,
    EntityMention,
    Event,
    EventAttribution,
    EventMention,
    Extraction,
    Mention,
    Merge,
    Relation,
    ResolvedDocument,
    Status,
)

# status a merged event keeps: the document's own word beats a report, a report beats a claim
GENERIC = "Event"  # the type of an event the lexicon does not know
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "they", "them", "their", "it", "its"})
STATUS_RANK = {Status.HAPPENED: 3, Status.REPORTED: 2, Status.CLAIMED: 1, Status.POTENTIAL: 0}
GLOBAL_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE, EntityKind.ASSET})


@dataclass
class AliasTable:
    """Names seen so far in the corpus -> the key of their entity (loaded from the store),
    and the label each key was first built with, which later documents keep."""

    names: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def add(self, kind: EntityKind, name: str, key: str) -> None:
        self.names.setdefault((kind.value, _norm(name)), set()).add(key)

    def add_label(self, key: str, label: str) -> None:
        self.labels.setdefault(key, label)

    def find(self, kind: EntityKind, name: str) -> str | None:
        """The one key known under this name; None when unknown or ambiguous."""
        keys = self.names.get((kind.value, _norm(name)), set())
        return next(iter(keys)) if len(keys) == 1 else None


def _norm(name: str) -> str:
    return gazetteer.normalize(name)


# -------------------------------------------------------------------------------- entities
class _Clusters:
    """Union-find over mention indices, remembering the rule of each union."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.rule: dict[int, str] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, keep: int, join: int, rule: str) -> None:
        a, b = self.find(keep), self.find(join)
        if a != b:
            self.parent[b] = a
            self.rule.setdefault(join, rule)


def _cluster_entities(mentions: tuple[EntityMention, ...]) -> _Clusters:
    clusters = _Clusters(len(mentions))
    by_key: dict[tuple[EntityKind, str], int] = {}
    # longest names first, so that a surname finds the full name
    order = sorted(range(len(mentions)), key=lambda i: (-len(mentions[i].name), i))
    for i in order:
        m = mentions[i]
        if m.antecedent is not None:
            continue
        names = {_norm(m.name), *(_norm(a) for a in m.aliases)}
        if m.key and m.key != "description":
            ident = (m.kind, m.key)
            if ident in by_key:
                clusters.union(by_key[ident], i, "same gazetteer or group key")
            else:
                by_key[ident] = i
            continue
        for j in order:
            if j == i or mentions[j].kind != m.kind or mentions[j].pronoun:
                continue
            other = mentions[j]
            if len(other.name) < len(m.name) or (len(other.name) == len(m.name) and j > i):
                continue
            rule = _same_referent(m, names, other)
            if rule:
                clusters.union(j, i, rule)
                break
    for i, m in enumerate(mentions):
        if m.antecedent is not None:
            clusters.union(m.antecedent, i, _anaphor_rule(m))
    return clusters


def _anaphor_rule(m: EntityMention) -> str:
    """The merge-log name of the rule that joined a mention to its antecedent."""
    if not m.pronoun:
        return "apposition"
    return "pronoun" if m.name.lower() in PRONOUNS else "description"


def _same_referent(m: EntityMention, names: set[str], other: EntityMention) -> str | None:
    """Why the shorter mention ``m`` names the same referent as ``other``, or None."""
    other_names = {_norm(other.name), *(_norm(a) for a in other.aliases)}
    if names & other_names:
        return "same name"
    short, full = _norm(m.name).split(), _norm(other.name).split()
    if not short or not full:
        return None
    described, other_named = m.key == "description", other.key != "description"
    if m.kind == EntityKind.PERSON and other_named:
        if not described and short[-1] == full[-1] and set(short) <= set(full):
            return "surname"
        if described and short[-1] in _titles_of(other):
            return "title"  # "the chancellor" and "Chancellor Gordon Brown"
    if m.kind == EntityKind.ORGANIZATION:
        if other_named and m.name in _acronyms(other.name):
            return "acronym"
        if described and (short[-1:] == full[-1:] or (other_named and short[-1] in full)):
            return "head noun"  # "the ministry" and "the interior ministry" or "Ministry of Defence"
    return None


def _titles_of(person: EntityMention) -> set[str]:
    """Title words written before the name: {"chancellor"} for "Chancellor Gordon Brown"."""
    n = len(person.name.split())
    return {w for alias in person.aliases for w in _norm(alias).split()[:-n]}


def _acronyms(name: str) -> set[str]:
    """The acronyms of a name: "PCSU" and "PCS Union" for "Public and Commercial Services Union"."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    if len(words) < 2:
        return set()
    found = {"".join(w[0] for w in words)}
    if len(words) > 2:
        found.add("".join(w[0] for w in words[:-1]) + " " + words[-1])
    return found


def _label(kind: EntityKind, mentions: list[EntityMention]) -> str:
    named = (
        [m for m in mentions if not m.pronoun and m.key != "description"]
        or [m for m in mentions if not m.pronoun]
        or mentions
    )
    if kind == EntityKind.GROUP:
        # the most used name; among equals the shortest ("protesters" over "violent protesters")
        counts = Counter(m.name for m in named)
        return min(counts, key=lambda n: (-counts[n], len(n), n))
    return max(named, key=lambda m: (len(m.name), -m.mention.begin)).name


def resolve_entities(extraction: Extraction, aliases: AliasTable) -> tuple[list[Entity], list[str], list[Merge]]:
    """Entities of one document, and the entity key of every mention (by mention index)."""
    mentions = extraction.entities
    doc_id = extraction.document.id
    gaz = gazetteer.load()
    clusters = _cluster_entities(mentions)
    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(clusters.find(i), []).append(i)
    entities: list[Entity] = []
    key_of = [""] * len(mentions)
    merges: list[Merge] = []
    for root in sorted(groups, key=lambda r: min(mentions[i].mention.begin for i in groups[r])):
        members = [mentions[i] for i in groups[root]]
        kind = mentions[root].kind
        label = _label(kind, members)
        described = all(m.key == "description" or m.pronoun for m in members)
        scoped = kind == EntityKind.GROUP or described or kind not in GLOBAL_KINDS
        names = {n for m in members if not m.pronoun and m.key != "description" for n in (m.name, *m.aliases)}
        # a name seen in an earlier document ("Tokayev" after "Kassym-Jomart Tokayev") keeps its entity;
        # a person known by a full name is looked up by full names only (two Ferrys are two people)
        lookup = [
            label,
            *sorted(n for n in names if kind != EntityKind.PERSON or len(label.split()) == 1 or len(n.split()) > 1),
        ]
        found = None if scoped else next(filter(None, (aliases.find(kind, n) for n in lookup)), None)
        own = iri.entity_key(kind.value, label, scope=doc_id if scoped else None)
        if found is not None and found in aliases.labels:
            label = aliases.labels[found]
        key = found or own
        names = sorted(names - {label})
        subtype = next((m.subtype for m in members if m.subtype and not m.pronoun), None)
        hit = gaz.lookup(label) if kind == EntityKind.PLACE else None
        place = hit[2] if hit is not None and any(m.key and m.key.startswith("place:") for m in members) else None
        entities.append(
            Entity(
                key,
                kind,
                label,
                tuple(sorted({m.mention for m in members})),
                tuple(names),
                subtype,
                place,
                doc_id if scoped else None,
            )
        )
        for i in groups[root]:
            key_of[i] = key
            # the merge log also says when an earlier document's name decided the entity
            rule = clusters.rule.get(i) or ("alias table" if i == root and found not in (None, own) else None)
            if rule:
                merges.append(Merge(key, mentions[i].mention, rule))
        if not scoped:
            aliases.add_label(key, label)
            for n in (label, *names):
                aliases.add(kind, n, key)
            if kind == EntityKind.PERSON:
                aliases.add(kind, label.split()[-1], key)
            for acronym in _acronyms(label) if kind == EntityKind.ORGANIZATION else ():
                aliases.add(kind, acronym, key)
    return entities, key_of, merges


# -------------------------------------------------------------------------------- events
@dataclass
class _EventCluster:
    members: list[int]
    type: str
    lemmas: set[str]
    places: set[str]
    agents: set[str]
    patients: set[str]
    time: str | None


def _places_compatible(a: set[str], b: set[str], entities: dict[str, Entity]) -> bool:
    """Places conflict only when both are known and none contains or equals another."""
    if not a or not b or a & b:
        return True
    countries = {k: _country(entities.get(k)) for k in a | b}
    return any(
        (countries[x] and countries[x] == countries[y]) or not countries[x] or not countries[y] for x in a for y in b
    )


def _country(entity: Entity | None) -> str | None:
    if entity is None or entity.place is None:
        return None
    return entity.place.country_code or entity.place.iso_code


def _times_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _rank(lex: lexicon.EventLexicon, cluster_type: str, event_type: str) -> int | None:
    """How well an event type fits a cluster's: 0 the same; 1 the cluster is the more specific
    ("the blackout" names again "the internet outage"); 2 the cluster is the more general; None never."""
    if cluster_type == event_type:
        return 0
    if lex.parents.get(cluster_type) == event_type:
        return 1
    if lex.parents.get(event_type) == cluster_type:
        return 2
    return None


def _fits(
    c: _EventCluster,
    ev: EventMention,
    roles: dict[str, set[str]],
    time: str | None,
    entities: dict[str, Entity],
    lex: lexicon.EventLexicon,
) -> bool:
    """Whether the mention can name the cluster's event: nothing conflicts, and either both are
    lasting (situational) events or the same word names them."""
    if not (_places_compatible(c.places, roles["place"], entities) and _times_compatible(c.time, time)):
        return False
    agents_clash = c.agents and roles["agent"] and not c.agents & roles["agent"]
    patients_clash = c.patients and roles["patient"] and not c.patients & roles["patient"]
    if agents_clash or patients_clash:
        return False
    return (lex.is_situational(ev.type) and lex.is_situational(c.type)) or ev.lemma in c.lemmas


def resolve_events(
    extraction: Extraction, key_of: list[str], entities: dict[str, Entity]
) -> tuple[list[Event], list[str]]:
    """Cluster event mentions into events; returns the events and each mention's event key."""
    lex = lexicon.load().events
    clusters: list[_EventCluster] = []
    cluster_of: list[int] = []
    # a cause and its effect are two events, whatever their types say
    apart = {frozenset((link.cause, link.effect)) for link in extraction.causal}
    for k, ev in enumerate(extraction.events):
        roles = {name: {key_of[r.entity] for r in ev.roles if r.name == name} for name in ("agent", "patient", "place")}
        time = ev.time.value if ev.time else None
        candidates = []
        for index, c in enumerate(clusters):
            rank = _rank(lex, c.type, ev.type) if ev.type != GENERIC else None
            if rank is not None and not any(frozenset((m, k)) in apart for m in c.members):
                candidates.append((rank, -index))
        fitting = (-i for _rank_, i in sorted(candidates) if _fits(clusters[-i], ev, roles, time, entities, lex))
        target = next(fitting, None)
        if target is None:
            clusters.append(
                _EventCluster([k], ev.type, {ev.lemma}, roles["place"], roles["agent"], roles["patient"], time)
            )
            cluster_of.append(len(clusters) - 1)
            continue
        c = clusters[target]
        c.members.append(k)
        c.lemmas.add(ev.lemma)
        c.places |= roles["place"]
        c.agents |= roles["agent"]
        c.patients |= roles["patient"]
        c.time = c.time if c.time and (not time or len(c.time) >= len(time)) else time
        if lex.parents.get(ev.type) == c.type:
            c.type = ev.type  # the more specific reading wins: an outage that is an internet shutdown
        cluster_of.append(target)
    events = [_event(extraction, c, key_of, entities, extraction.document.id) for c in clusters]
    return events, [events[c].key for c in cluster_of]


def _event(
    extraction: Extraction, c: _EventCluster, key_of: list[str], entities: dict[str, Entity], doc_id: str
) -> Event:
    mentions_in = [extraction.events[k] for k in c.members]
    first = mentions_in[0]
    mentions: set[Mention] = set()
    roles: list[tuple[str, str]] = []
    quantities = []
    attributions: list[EventAttribution] = []
    for ev in mentions_in:
        mentions.add(ev.mention)
        mentions.update(ev.extra)
        for r in ev.roles:
            if (r.name, key_of[r.entity]) not in roles:
                roles.append((r.name, key_of[r.entity]))
        quantities.extend(q for q in ev.quantities if q not in quantities)
        if ev.attribution is not None:
            source = key_of[ev.attribution.source] if ev.attribution.source is not None else None
            att = EventAttribution(ev.attribution.status, source, ev.attribution.cue)
        else:  # the article states it in its own voice
            att = EventAttribution(ev.status, None, ev.mention)
        if all((a.status, a.source) != (att.status, att.source) for a in attributions):
            attributions.append(att)
    time = next((ev.time for ev in mentions_in if ev.time and ev.time.value == c.time), None)
    status = max((ev.status for ev in mentions_in), key=lambda s: STATUS_RANK[s])
    key = iri.span_key("event", doc_id, first.mention.begin)
    named = next((ev for ev in mentions_in if ev.lemma and ev.mention.text[:1].isalpha() and ev.type == c.type), first)
    return Event(
        key,
        c.type,
        _event_label(named, roles, entities),
        tuple(sorted(mentions)),
        tuple(roles),
        time,
        tuple(quantities),
        tuple(attributions),
        status,
    )


def _event_label(first: EventMention, roles: list[tuple[str, str]], entities: dict[str, Entity]) -> str:
    """A headline for the event: "crackdown by Kassym-Jomart Tokayev in Kazakhstan" for a noun,
    "bandits attacked Almaty" or "protesters killed" for a verb (the trigger as written)."""

    def name(role: str) -> str:
        key = next((k for r, k in roles if r == role), None)
        return entities[key].label if key in entities else ""

    agent, patient, place = name("agent"), name("patient"), name("place")
    if first.nominal:
        words = [first.lemma, f"by {agent}" if agent else "", f"of {patient}" if patient and not agent else ""]
    else:
        words = [agent, first.mention.text, patient] if agent else [patient, first.mention.text]
    if place:
        words.append(f"in {place}")
    return " ".join(w for w in words if w)


# -------------------------------------------------------------------------------- document
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
    linked = {k for r in causal if r.status != Status.POTENTIAL for k in (r.cause, r.effect)}
    events = _with_default_places([e for e in events if _specific(e, linked)], entities, causal)
    kept_events = {e.key for e in events}
    causal = [r for r in causal if r.cause in kept_events and r.effect in kept_events]
    relations = {
        (key_of[r.subject], r.predicate, key_of[r.object]): r.mention
        for r in reversed(extraction.relations)
        if key_of[r.subject] != key_of[r.object]
    }
    return ResolvedDocument(
        extraction.document,
        tuple(entities),
        tuple(events),
        tuple(causal),
        tuple(Relation(s, p, o, m) for (s, p, o), m in sorted(relations.items())),
        tuple(merges),
        extraction.sentences,
    )


def _specific(event: Event, linked: set[str]) -> bool:
    """An event worth a node has something that makes it a happening, not a topic: a participant,
    a place, a date, an amount, or a causal link ("control orders" in a bill's summary has none)."""
    return bool(event.roles or event.time or event.quantities or event.key in linked)


def _with_default_places(events: list[Event], entities: list[Entity], causal: list[CausalRelation]) -> list[Event]:
    """An event the text gives no participant, place or date takes a place from its context: the
    place of an event it causes or is caused by, else the article's main place when one dominates
    (named at least twice and twice as often as any other): the dateline reading."""
    places = sorted(
        ((len(e.mentions), e.key) for e in entities if e.kind == EntityKind.PLACE and e.scope is None), reverse=True
    )
    dominant = places and places[0][0] >= 2 and (len(places) == 1 or places[0][0] >= 2 * places[1][0])
    main = places[0][1] if dominant else None
    place_of = {e.key: next((k for r, k in e.roles if r == "place"), None) for e in events}
    partners: dict[str, list[str]] = {}
    for r in causal:
        partners.setdefault(r.cause, []).append(r.effect)
        partners.setdefault(r.effect, []).append(r.cause)
    out = []
    for e in events:
        place = (
            None if e.roles or e.time else next((place_of[p] for p in partners.get(e.key, ()) if place_of.get(p)), main)
        )
        out.append(replace(e, roles=(("place", place),)) if place else e)
    return out
