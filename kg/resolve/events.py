"""Event resolution: mentions of one real-world event clustered into one event.

Mentions of a lasting (situational) event type merge unless place or date differ; other
events merge only when the same word names them and nothing conflicts; a cause and its
effect never merge, nor two words of one sentence ("the protest came on the same day as a
demonstration"): a sentence that names an event twice names it with the same word. A
statement whose speaker no entity stands for ("the law lords said", "a message saying") joins
no other statement; an unresolved "he said" may join a known speaker's. An event still to come
("the next general election") never joins one dated before the document.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from kg import iri, lexicon
from kg.model import Entity, Event, EventAttribution, EventMention, Extraction, Mention, Quantity, Span, Status

GENERIC = "Event"  # the type of an event the lexicon does not know
PERSONAL_PRONOUNS = frozenset({"he", "she", "i", "we"})
# status a merged event keeps: the document's own word beats a report, a report beats a claim
STATUS_RANK = {Status.HAPPENED: 3, Status.REPORTED: 2, Status.CLAIMED: 1, Status.POTENTIAL: 0}


@dataclass
class _EventCluster:
    members: list[int]
    type: str
    lemmas: set[str]
    places: set[str]
    agents: set[str]
    patients: set[str]
    time: str | None
    themes: set[str]
    sentences: set[Span]
    amounts: set[tuple[str, float]]
    speakers: set[str]  # how its statements name who spoke: "known", "pronoun", "unknown" (_speaker)
    objects: set[str]  # what its verbs of little meaning alone act on (EventMention.object)
    ahead: bool  # whether every mention of it says it is still to come (``Status.POTENTIAL``)
    modifiers: set[str]  # the hyphenated words that say which one it is (EventMention.modifier)


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
    light: bool = False,
) -> bool:
    """Whether the mention can name the cluster's event: nothing conflicts, and either both are
    lasting (situational) events or the same word names them; in another sentence, a verb of
    little meaning alone (``light``) names it only with the same object ("It went on sale in
    Japan" is not "Everything is going digital", "took the lead" not "took $30m")."""
    if not (_places_compatible(c.places, roles["place"], entities) and _times_compatible(c.time, time)):
        return False
    agents_clash = c.agents and roles["agent"] and not c.agents & roles["agent"]
    patients_clash = c.patients and roles["patient"] and not c.patients & roles["patient"]
    themes_clash = c.themes and ev.theme and ev.theme not in c.themes  # "profits fell", "sales fell"
    if agents_clash or patients_clash or themes_clash or _amounts_clash(c.amounts, _amounts(ev)):
        return False
    if lex.is_a(ev.type, "Statement") and "unknown" in c.speakers | {_speaker(ev, roles)}:
        return False  # "the law lords said" is no one else's statement, whatever "said" says
    if ev.modifier and c.modifiers and ev.modifier not in c.modifiers:
        return False  # "a three-day celebration" is not "year-long celebrations"
    if ev.mention.sentence in c.sentences:
        return ev.lemma in c.lemmas
    if ev.object and c.objects and ev.object not in c.objects:
        return False  # "made inroads" is not "made a donation"
    same_word = ev.lemma in c.lemmas and (not light or ev.object in c.objects)
    return (lex.is_situational(ev.type) and lex.is_situational(c.type)) or same_word


def _apart_in_time(c: _EventCluster, ev: EventMention, time: str | None, today: str | None) -> bool:
    """Whether one of the two is still to come and the other is dated before the document: "the
    next general election" is not "the last general election in 2001"."""

    def past(value: str | None) -> bool:
        return today is not None and value is not None and value < today[: len(value)]

    ahead = ev.status is Status.POTENTIAL
    return (ahead and time is None and past(c.time)) or (c.ahead and c.time is None and past(time))


def _speaker(ev: EventMention, roles: dict[str, set[str]]) -> str:
    """How a mention names who acted: "known" (an entity), "pronoun" (a personal pronoun the
    resolver left: "he said" is most often the speaker named before) or "unknown" ("the law lords
    said", "a message saying"). An unknown speaker's statement joins no other."""
    if roles["agent"]:
        return "known"
    return "pronoun" if ev.bare_subject in PERSONAL_PRONOUNS else "unknown"


def _amounts(ev: EventMention) -> set[tuple[str, float]]:
    return {(q.unit_code or q.unit_text or "", q.value) for q in ev.quantities}


def _amounts_clash(a: set[tuple[str, float]], b: set[tuple[str, float]]) -> bool:
    """Whether two changes give different amounts in one unit ("Ford sales dropped 3%", "truck sales
    fell 9%": two falls); a percent and a level ("fell 9.8%", "fell to $92.9") may tell one fall."""
    units = {unit for unit, _value in a} & {unit for unit, _value in b}
    return any(not {v for u, v in a if u == unit} & {v for u, v in b if u == unit} for unit in units)


def resolve_events(
    extraction: Extraction, key_of: list[str], entities: dict[str, Entity]
) -> tuple[list[Event], list[str]]:
    """Cluster event mentions into events; returns the events and each mention's event key."""
    words = lexicon.load()
    lex = words.events
    today = extraction.document.date.isoformat() if extraction.document.date else None
    clusters: list[_EventCluster] = []
    cluster_of: list[int] = []
    # a cause and its effect are two events, whatever their types say
    apart = {frozenset((link.cause, link.effect)) for link in extraction.causal}
    for k, ev in enumerate(extraction.events):
        roles = {name: {key_of[r.entity] for r in ev.roles if r.name == name} for name in ("agent", "patient", "place")}
        time = ev.time.value if ev.time else None
        light = words.in_class("light", ev.lemma)
        candidates = []
        for index, c in enumerate(clusters):
            rank = _rank(lex, c.type, ev.type) if ev.type != GENERIC else None
            if rank is not None and not any(frozenset((m, k)) in apart for m in c.members):
                candidates.append((rank, -index))
        fitting = (
            -i
            for _rank_, i in sorted(candidates)
            if _fits(clusters[-i], ev, roles, time, entities, lex, light)
            and not _apart_in_time(clusters[-i], ev, time, today)
        )
        target = next(fitting, None)
        if target is None:
            themes = {ev.theme} if ev.theme else set()
            clusters.append(
                _EventCluster(
                    [k],
                    ev.type,
                    {ev.lemma},
                    roles["place"],
                    roles["agent"],
                    roles["patient"],
                    time,
                    themes,
                    {ev.mention.sentence},
                    _amounts(ev),
                    {_speaker(ev, roles)},
                    {ev.object} - {""},
                    ev.status is Status.POTENTIAL,
                    {ev.modifier} - {""},
                )
            )
            cluster_of.append(len(clusters) - 1)
            continue
        c = clusters[target]
        c.members.append(k)
        c.lemmas.add(ev.lemma)
        c.sentences.add(ev.mention.sentence)
        c.places |= roles["place"]
        c.agents |= roles["agent"]
        c.patients |= roles["patient"]
        if ev.theme:
            c.themes.add(ev.theme)
        c.amounts |= _amounts(ev)
        c.speakers.add(_speaker(ev, roles))
        c.ahead = c.ahead and ev.status is Status.POTENTIAL
        if ev.object:
            c.objects.add(ev.object)
        if ev.modifier:
            c.modifiers.add(ev.modifier)
        c.time = c.time if c.time and (not time or len(c.time) >= len(time)) else time
        if lex.parents.get(ev.type) == c.type:
            c.type = ev.type  # the more specific reading wins: an outage that is an internet shutdown
        cluster_of.append(target)
    labelled: list[Event] = []
    for c in clusters:
        taken = {ev.label for ev in labelled}
        keys = {ev.key for ev in labelled}
        labelled.append(_event(extraction, c, key_of, entities, extraction.document.id, taken, keys))
    events = _reported(labelled)
    return events, [events[c].key for c in cluster_of]


def _reported(events: list[Event]) -> list[Event]:
    """Each attribution whose reporting word is a mention of another event (a statement: "Tokayev
    said he had given the order") names that event, which reports this one."""
    named = {m.begin: ev.key for ev in events for m in ev.mentions}

    def statement(a: EventAttribution, ev: Event) -> EventAttribution:
        said = named.get(a.cue.begin)
        # the article's own voice, or a word of the event itself ("the unrest only grew")
        own = any(m.begin == a.cue.begin for m in ev.mentions)
        return a if said is None or own else replace(a, statement=said)

    return [replace(ev, attributions=tuple(statement(a, ev) for a in ev.attributions)) for ev in events]


def _event(
    extraction: Extraction,
    c: _EventCluster,
    key_of: list[str],
    entities: dict[str, Entity],
    doc_id: str,
    taken: AbstractSet[str] = frozenset(),
    keys: AbstractSet[str] = frozenset(),
) -> Event:
    mentions_in = [extraction.events[k] for k in c.members]
    first = mentions_in[0]
    mentions: set[Mention] = set()
    roles: list[tuple[str, str]] = []
    quantities: list[Quantity] = []
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
    # one entity is never both who acts and who undergoes one event: the agent reading stays
    agents = {k for r, k in roles if r == "agent"}
    roles = [(r, k) for r, k in roles if not (r == "patient" and k in agents)]
    time = next((ev.time for ev in mentions_in if ev.time and ev.time.value == c.time), None)
    status = max((ev.status for ev in mentions_in), key=lambda s: STATUS_RANK[s])
    key = iri.span_key("event", doc_id, first.mention.begin)
    if key in keys:
        # another event's first word begins here too ("strike" of "strike ballot"): one IRI each
        key = iri.span_key("event", doc_id, first.mention.begin, first.mention.end)
    # the first mention that says more than two words names the event ("Protests in Kazakhstan",
    # not "protests become"), else the one that says most; one whose label names an earlier event
    # of the document last ("As protests become increasingly violent ... the worst violence": the
    # violence is not "protests become violent" too)
    naming = [ev for ev in mentions_in if ev.lemma and ev.mention.text[:1].isalpha() and ev.type == c.type]
    naming.sort(key=lambda ev: ev.label in taken)
    named = next((ev for ev in naming if len(ev.label.split()) > 2), None) or max(
        naming, key=lambda ev: (ev.label not in taken, len(ev.label.split())), default=first
    )
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
    """A headline for the event: the phrase extraction read off the parse ("cap on petroleum gas
    lifted"); else, for a mention made without a parse, "crackdown by Kassym-Jomart Tokayev in
    Kazakhstan" for a noun, "bandits attacked Almaty" or "protesters killed" for a verb."""
    if first.label:
        return first.label

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
