"""Entity resolution: mentions clustered into referents, in a document and across the corpus.

Pronouns and descriptions join their antecedent; a surname joins the full name; an acronym
joins the name it abbreviates; "the ministry" joins "the interior ministry"; mentions of one
kind of group ("protesters", "demonstrators") are one group; places and assets join by
gazetteer key. Across documents, an ``AliasTable`` maps names to the keys already built, so
that "Tokayev" alone in a later article is the same person. Every join is logged with its rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from kg import gazetteer, iri
from kg.lexicon import ORG_HEADS
from kg.model import Entity, EntityKind, EntityMention, Extraction, Merge

PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "they", "them", "their", "it", "its"})
# modifiers that put a description in an earlier time: "the previous government" is not "the government"
ERA_WORDS = frozenset({"previous", "former", "old", "outgoing", "last", "past"})
# words of a title that make it another office: "the home secretary" is not "shadow home secretary
# David Davis", nor "the chairman" "deputy chairman X"
OTHER_OFFICE = frozenset({"shadow", "deputy", "vice", "assistant", "acting", "junior", "ex", "co"})
CLIPPED = 4  # a clipped name is short: "Fed", "Met"
GLOBAL_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE, EntityKind.ASSET})


@dataclass
class AliasTable:
    """Names seen so far in the corpus -> the key of their entity (loaded from the store), the
    acronyms of organisations' labels, which no text may have written ("BA" for Bank of America),
    and the label each key was first built with, which later documents keep."""

    names: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, set[str]] = field(default_factory=dict)

    def add(self, kind: EntityKind, name: str, key: str) -> None:
        self.names.setdefault((kind.value, _norm(name)), set()).add(key)

    def add_label(self, kind: EntityKind, key: str, label: str) -> None:
        self.labels.setdefault(key, label)
        for acronym in _acronyms(label) if kind == EntityKind.ORGANIZATION else ():
            self.acronyms.setdefault(_norm(acronym), set()).add(key)

    def find(self, kind: EntityKind, name: str, *, acronyms: bool = True) -> str | None:
        """The one key known under this name, or (unless ``acronyms`` is False) under an acronym of an
        organisation's label; None when unknown or ambiguous."""
        keys = self.names.get((kind.value, _norm(name)), set())
        if acronyms and kind == EntityKind.ORGANIZATION:
            keys = keys | self.acronyms.get(_norm(name), set())
        return next(iter(keys)) if len(keys) == 1 else None


@lru_cache(maxsize=8192)  # names repeat across mentions and documents
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
    by_key: dict[tuple[EntityKind, str, str | None], int] = {}
    # longest names first, so that a surname finds the full name
    order = sorted(range(len(mentions)), key=lambda i: (-len(mentions[i].name), i))
    # each mention's names, normalised once: the scan below compares every pair of mentions
    names_of = [{_norm(m.name), *(_norm(a) for a in m.aliases)} for m in mentions]
    origins: dict[str, set[str]] = {}
    for m in mentions:
        if m.key and m.origin:
            origins.setdefault(m.key, set()).add(m.origin)
    first_names = _first_names(mentions)
    # where each name first stands alone after the headline, with no title ("Lord Butler" says who):
    # a headline's surname is the person named in full only if the article names them in full
    # before it writes the surname alone
    in_body: dict[str, int] = {}
    for m in mentions:
        if m.mention.sentence.begin > 0 and not m.aliases:
            key = _norm(m.name)
            in_body[key] = min(in_body.get(key, m.mention.begin), m.mention.begin)
    for i in order:
        m = mentions[i]
        if m.antecedent is not None:
            continue
        names = names_of[i]
        if m.key and m.key != "description":
            # "UK troops" and "French soldiers" are two groups; "the troops" is one of them only
            # when the article names one country's
            ident = (m.kind, m.key, m.origin if len(origins.get(m.key, ())) > 1 else None)
            if ident in by_key:
                clusters.union(by_key[ident], i, "same gazetteer or group key")
            else:
                by_key[ident] = i
            continue
        for j in order:
            if j == i or mentions[j].kind != m.kind or mentions[j].pronoun:
                continue
            other = mentions[j]
            # the shorter names the longer; a description names a name whatever their lengths
            # ("the economy minister" and "Heizo Takenaka")
            titled = m.key == "description" and other.key != "description"
            if not titled and (len(other.name) < len(m.name) or (len(other.name) == len(m.name) and j > i)):
                continue
            alone = in_body.get(_norm(m.name))
            rule = _same_referent(m, names, other, names_of[j], alone) or _first_name(m, other, first_names)
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


def _same_referent(
    m: EntityMention, names: set[str], other: EntityMention, other_names: set[str], alone: int | None
) -> str | None:
    """Why the shorter mention ``m`` (normalised names ``names``) names the same referent as
    ``other`` (``other_names``), or None; ``alone`` is where ``m``'s name first stands alone in the
    article's body, if it does."""
    if names & other_names:
        return "same name"
    short, full = _norm(m.name).split(), _norm(other.name).split()
    if not short or not full:
        return None
    described, other_named = m.key == "description", other.key != "description"
    if not described and other_named and "".join(short) == "".join(full):
        return "same name"  # "TimeWarner" and "Time Warner", "Wal-Mart" and "WalMart"
    if m.kind == EntityKind.PERSON and other_named:
        if not described and short[-1] == full[-1] and set(short) <= set(full) and _named_before(other, m, alone):
            return "surname"
        titles = _titles_of(other) if described else set()
        if described and set(short) <= titles and not (titles & OTHER_OFFICE) - set(short):
            # "the chancellor" and "Chancellor Gordon Brown", "the economy minister" and "economy
            # minister Heizo Takenaka"; not "the health minister" and "First Minister Rhodri Morgan"
            return "title"
    if m.kind == EntityKind.ORGANIZATION:
        if other_named and m.name in _acronyms(other.name):
            return "acronym"
        if other_named and not described and _short_form(short, full):
            return "short form"  # "the Fed" and "the Federal Reserve", "Labour" and "the Labour Party"
        if (
            described
            and (short[-1:] == full[-1:] or (other_named and short[-1] in full))
            and _earlier(short) == _earlier(full)
            and set(short[:-1]) - ERA_WORDS <= set(full)
        ):
            # "the ministry" and "the interior ministry" or "Ministry of Defence"; not "the
            # government" and "the previous government", nor a description with a word the
            # name lacks ("the Paris-based exchange" and "New York Stock Exchange")
            return "head noun"
    return None


def _named_before(full: EntityMention, short: EntityMention, alone: int | None) -> bool:
    """Whether a surname comes after the full name it stands for, as news names a person first in
    full, or stands in the headline of an article that names them in full before it writes the
    surname alone (at ``alone``): "Kasabian built up a cult following ... inspired by Linda
    Kasabian" (the band, then a woman the band's name comes from)."""
    if short.mention.sentence.begin == 0:
        return alone is None or full.mention.begin < alone
    return full.mention.begin < short.mention.begin


def _first_names(mentions: tuple[EntityMention, ...]) -> dict[str, set[str]]:
    """Each first name of the people a document names in full, with the full names that have it
    (and, under "", every surname: a word that is someone's surname is no first name alone)."""
    found: dict[str, set[str]] = {"": set()}
    for m in mentions:
        words = _norm(m.name).split()
        if m.kind == EntityKind.PERSON and not m.pronoun and m.key is None and len(words) > 1:
            found.setdefault(words[0], set()).add(" ".join(words))
            found[""].add(words[-1])
    return found


def _first_name(m: EntityMention, other: EntityMention, first_names: dict[str, set[str]]) -> str | None:
    """ "Paula has got all those great runs in her history" in an article on Paula Radcliffe: a
    first name alone is the one person of the document named in full with it, where it is no one's
    surname."""
    short, full = _norm(m.name).split(), _norm(other.name).split()
    if m.kind != EntityKind.PERSON or m.key is not None or other.key is not None or len(short) != 1 or len(full) < 2:
        return None
    if short[0] != full[0] or short[0] in first_names[""] or len(first_names.get(short[0], ())) != 1:
        return None
    return "first name"


def _short_form(short: list[str], full: list[str]) -> bool:
    """One word that clips the first of a name ("Fed", "Federal Reserve") or drops the word
    that says what kind of body it is ("Labour", "Labour Party"); not "BBC" for "BBC Radio 4",
    nor a word that another derives from ("Congress", "Congressional Budget Office")."""
    if len(short) != 1 or len(full) < 2 or len(short[0]) < 3 or not full[0].startswith(short[0]):
        return False
    if full[0] != short[0]:
        return len(short[0]) <= CLIPPED or len(short[0]) <= len(full[0]) / 2
    return len(full) == 2 and full[1] in ORG_HEADS


def _earlier(words: list[str]) -> bool:
    """Whether a description is set in an earlier time: "the previous government", "the last
    administration" (one referent, whichever word says so)."""
    return not ERA_WORDS.isdisjoint(words)


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
        # a person known by a full name is looked up by full names only (two Ferrys are two people);
        # the acronym of an organisation's own name only as a name some text wrote: "British Airways
        # ... BA" is not the Bank of America of an earlier document that never wrote "BA"
        own_acronyms = _acronyms(label) if kind == EntityKind.ORGANIZATION else set()
        lookup = [
            label,
            *sorted(n for n in names if kind != EntityKind.PERSON or len(label.split()) == 1 or len(n.split()) > 1),
        ]
        found = (
            None
            if scoped
            else next(filter(None, (aliases.find(kind, n, acronyms=n not in own_acronyms) for n in lookup)), None)
        )
        own = iri.entity_key(kind.value, label, scope=doc_id if scoped else None)
        if found is not None and found in aliases.labels:
            label = aliases.labels[found]
        key = found or own
        other_names = sorted(names - {label})
        subtype = next((m.subtype for m in members if m.subtype and not m.pronoun), None)
        hit = gaz.lookup(label) if kind == EntityKind.PLACE else None
        place = hit[2] if hit is not None and any(m.key and m.key.startswith("place:") for m in members) else None
        entities.append(
            Entity(
                key,
                kind,
                label,
                tuple(sorted({m.mention for m in members})),
                tuple(other_names),
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
            aliases.add_label(kind, key, label)
            for n in (label, *other_names):
                aliases.add(kind, n, key)
            if kind == EntityKind.PERSON:
                aliases.add(kind, label.split()[-1], key)
    return entities, key_of, merges


# -------------------------------------------------------------------------------- events
