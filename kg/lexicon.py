"""The word lists the extractor reads: event triggers from the ontology's event-type scheme,
and the linguistic resources in ``kg/resources`` (collective nouns, titles, cues...).

Everything is data; this module only parses it, once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"
# nouns that say what kind of place a name is ("Mangistau, an oil-producing western province",
# "the village of Blaengwynfi"), and the subtype they give
SUBTYPE_NOUNS = {
    "province": "Region",
    "region": "Region",
    "oblast": "Region",
    "state": "Region",
    "county": "Region",
    "district": "Region",
    "territory": "Region",
    "city": "City",
    "capital": "City",
    "town": "City",
    "village": "City",
    "port": "City",
    "country": "Country",
    "nation": "Country",
    "republic": "Country",
}
# the words that scale a number in an amount ("27.2m euros", "$1.5bn", "2 million"), and by how much
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_KG = "https://w3id.org/newskg/ontology#"
_RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


def ontology_dir() -> Path:
    """The ontology folder: packaged inside ``kg`` in a wheel, beside it in a checkout."""
    packaged = Path(__file__).parent / "ontology"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "ontology"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: ``words`` after the head must be found among its dependents, and one of
    its arguments must be of ``wordclass`` ("lose {measure}"), or, with ``subject``, the subject of
    the verb used with no object ("{measure} slip": "sales slipped", not "he slipped")."""

    type: str
    head: str
    words: tuple[str, ...] = ()
    wordclass: str | None = None
    subject: bool = False


@dataclass(frozen=True)
class EventLexicon:
    nouns: dict[str, tuple[Trigger, ...]]
    verbs: dict[str, tuple[Trigger, ...]]
    adjectives: dict[str, tuple[Trigger, ...]]
    parents: dict[str, str]
    cameo: dict[str, str]
    situational: dict[str, bool]

    def ancestors(self, event_type: str) -> list[str]:
        """The type and its superclasses up to ``Event``, nearest first."""
        chain = [event_type]
        while chain[-1] in self.parents:
            chain.append(self.parents[chain[-1]])
        return chain

    def compatible(self, a: str, b: str) -> bool:
        """Two types can name the same event when they are equal or one is the other's direct
        parent: "the unrest" can be the protests, "the blackout" the internet shutdown, but
        "disarray" (a disruption) is not an internet shutdown two levels down."""
        return a == b or self.parents.get(a) == b or self.parents.get(b) == a

    def is_a(self, event_type: str, ancestor: str) -> bool:
        return ancestor in self.ancestors(event_type)

    def is_situational(self, event_type: str) -> bool:
        """Lasting events (protests, a crisis) whose repeated mentions name one event."""
        return next((self.situational[t] for t in self.ancestors(event_type) if t in self.situational), False)


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    kind: str
    direction: str
    relation: str
    confidence: float
    prep: str | None = None


@dataclass(frozen=True)
class Lexicon:
    events: EventLexicon
    wordclasses: dict[str, frozenset[str]]
    groups: dict[str, tuple[str, str, str]]  # lemma -> (sense, class, number)
    organizations: frozenset[str]  # head nouns a name can stand in apposition to
    org_descriptions: frozenset[str]  # those that alone describe one organisation ("the ministry")
    titles: dict[str, str]
    # the sex, m or f, a title or person noun tells ("Ms", "spokesman"; titles.tsv) and the sex a
    # first name mostly names ("Regina"; first_names.tsv), for pronoun agreement
    title_sexes: dict[str, str]
    first_names: dict[str, str]
    reporting: dict[str, str]
    assets: dict[str, str]
    not_assets: frozenset[str]  # "tear gas", "gold medal": phrases in which an asset word names no asset
    place_groups: dict[str, frozenset[str]]
    eventive_nouns: frozenset[str]  # nouns that can name a happening (WordNet: "fast", "custody")
    cues: tuple[Cue, ...]
    cue_index: dict[str, tuple[Cue, ...]] = field(default_factory=dict)

    def in_class(self, wordclass: str, lemma: str, ent_label: str = "") -> bool:
        members = self.wordclasses.get(wordclass, frozenset())
        return lemma.lower() in members or (bool(ent_label) and f"@{ent_label}" in members)


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a resource file, without comments and blank lines."""
    rows = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


# verbs that carry a nominal event without adding one: "issued an order", "launched a crackdown"
SUPPORT_VERBS = frozenset(
    {
        "issue",
        "give",
        "launch",
        "stage",
        "hold",
        "conduct",
        "carry",
        "mount",
        "lead",
        "organise",
        "organize",
        "impose",
        "declare",
        "announce",
        "begin",
        "start",
        "continue",
        "step",
        "intensify",
        "escalate",
        "end",
        "respond",
        "order",
        "make",
        "take",
        "face",
        "see",
        "witness",
        "suffer",
        "join",
        "call",
        "deliver",
        "sign",
        "unleash",
        "wage",
        "perform",
        "undertake",
        "experience",
        "post",
        "notch",
        "trigger",
        "spark",
        "prompt",
        "fuel",
        "reach",
    }
)
# support verbs whose subject does not do the event: who undergoes it ("miners face a crackdown",
# "Ford posted a drop in sales"),
# where or who watches it ("Kazakhstan saw protests", "analysts see a rise"), what causes it
# ("the decision sparked protests": a causal link, kg.extract.causal)
UNDERGOING_SUPPORT = frozenset({"face", "suffer", "experience", "post", "notch"})
# support verbs that are statements of their own: who announces a deal does it, on the day it is
# announced, but the announcement is an event apart ("HP announced the acquisition": a statement
# and an acquisition, as ECB+ annotates them), not one more word for the acquisition
REPORTING_SUPPORT = frozenset({"announce"})
OBSERVING_SUPPORT = frozenset({"see", "witness"})
CAUSING_SUPPORT = frozenset({"trigger", "spark", "prompt", "fuel"})
# last words of organisation names: "... Services Union", "... Investment Bank", "Labour Party"
ORG_HEADS = frozenset(
    {
        "union",
        "association",
        "council",
        "party",
        "bank",
        "company",
        "corporation",
        "corp",
        "institute",
        "commission",
        "committee",
        "authority",
        "agency",
        "board",
        "service",
        "services",
        "department",
        "ministry",
        "organisation",
        "organization",
        "federation",
        "league",
        "society",
        "foundation",
        "trust",
        "group",
        "alliance",
        "front",
        "movement",
        "fund",
        "court",
        "office",
        "university",
        "college",
        "school",
        "hospital",
        "industries",
        "holdings",
        "inc",
        "ltd",
        "plc",
        "co",
        "network",
        "centre",
        "center",
        "forum",
        "congress",
        "assembly",
        # words that end company names
        "re",  # "Munich Re", "Swiss Re": reinsurers
        "airways",
        "airlines",
        "motors",
        "systems",
        "telecom",
        "pharmaceuticals",
    }
)

_TRIGGER = re.compile(r"^(?:\{(?P<subject>\w+)\}\s*)?(?P<words>[^{}]+?)\s*(?:\{(?P<cls>\w+)\})?$")


def _parse_trigger(event_type: str, text: str, *, noun: bool) -> Trigger:
    m = _TRIGGER.match(text.strip())
    if not m or (m.group("subject") and (noun or m.group("cls"))):
        raise ValueError(f"bad trigger {text!r} for {event_type}")  # a subject class is a verb's only constraint
    words = m.group("words").lower().split()
    if noun and "of" in words:  # "state of emergency": the head comes first
        head, rest = words[0], tuple(w for w in words[1:] if w != "of")
    elif noun:  # "death toll", "air strike": the head comes last
        head, rest = words[-1], tuple(words[:-1])
    else:  # "crack down", "shoot dead": the verb comes first
        head, rest = words[0], tuple(words[1:])
    if m.group("subject"):
        return Trigger(event_type, head, rest, m.group("subject"), subject=True)
    return Trigger(event_type, head, rest, m.group("cls"))


def _load_events() -> EventLexicon:
    import pyoxigraph

    path = ontology_dir() / "event-types.ttl"
    nouns: dict[str, list[Trigger]] = {}
    verbs: dict[str, list[Trigger]] = {}
    adjectives: dict[str, list[Trigger]] = {}
    parents: dict[str, str] = {}
    cameo: dict[str, str] = {}
    situational: dict[str, bool] = {}
    tables = {"nounTrigger": nouns, "verbTrigger": verbs, "adjectiveTrigger": adjectives}
    with path.open("rb") as f:
        for triple in pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TURTLE):
            s, p, o = str(triple.subject.value), triple.predicate.value, triple.object
            if not s.startswith(_KG):
                continue
            name = s[len(_KG) :]
            if p == _RDFS_SUBCLASS and o.value.startswith(_KG):
                parents[name] = o.value[len(_KG) :]
            elif p == _KG + "cameoCode":
                cameo[name] = o.value
            elif p == _KG + "situational":
                situational[name] = o.value == "true"
            elif p.startswith(_KG) and p[len(_KG) :] in tables:
                trig = _parse_trigger(name, o.value, noun=p.endswith("nounTrigger"))
                tables[p[len(_KG) :]].setdefault(trig.head, []).append(trig)

    def frozen(table: dict[str, list[Trigger]]) -> dict[str, tuple[Trigger, ...]]:
        # constrained and multi-word entries first: the most specific reading wins
        return {
            k: tuple(sorted(v, key=lambda t: (t.wordclass is None, -len(t.words), t.type))) for k, v in table.items()
        }

    return EventLexicon(frozen(nouns), frozen(verbs), frozen(adjectives), parents, cameo, situational)


def _load_cues() -> tuple[Cue, ...]:
    cues = []
    for cue, kind, direction, relation, conf in _rows("causal_cues.tsv"):
        kind, _, prep = kind.partition(":")
        cues.append(Cue(tuple(cue.split()), kind, direction, relation, float(conf), prep or None))
    return tuple(cues)


@cache
def load() -> Lexicon:
    """The lexicon, read once per process."""
    import pycountry

    wordclasses = {row[0]: frozenset(row[1].split()) for row in _rows("wordclasses.tsv")}
    groups = {row[0]: (row[1], row[2], row[3]) for row in _rows("groups.tsv")}
    asset_rows = _rows("assets.tsv")
    org_rows = _rows("organizations.tsv")
    assets = {row[0]: row[1] for row in asset_rows if row[1] != "none"}
    for currency in pycountry.currencies:
        # "Tenge", "US Dollar": the last word names the currency in running text
        assets.setdefault(currency.name.lower(), "currency")
    title_rows = _rows("titles.tsv")
    cues = _load_cues()
    index: dict[str, list[Cue]] = {}
    for cue in cues:
        index.setdefault(cue.words[0], []).append(cue)
    return Lexicon(
        events=_load_events(),
        wordclasses=wordclasses,
        groups=groups,
        organizations=frozenset(row[0] for row in org_rows),
        org_descriptions=frozenset(row[0] for row in org_rows if row[2:] != ["appos"]),
        titles={row[0]: row[1] for row in title_rows},
        title_sexes={row[0]: row[2] for row in title_rows if len(row) > 2},
        first_names={row[0]: row[1] for row in _rows("first_names.tsv")},
        reporting={row[0]: row[1] for row in _rows("reporting.tsv")},
        assets=assets,
        not_assets=frozenset(row[0] for row in asset_rows if row[1] == "none"),
        place_groups={row[0]: frozenset(row[1].split()) for row in _rows("place_groups.tsv")},
        eventive_nouns=frozenset(row[0] for row in _rows("eventive_nouns.tsv")),
        cues=cues,
        cue_index={k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in index.items()},
    )
