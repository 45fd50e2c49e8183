"""Event types from WordNet for the words the lexicon does not type (``kg/resources/wordnet_types.tsv``,
written by ``scripts/wordnet_event_types.py``). Standard library only; the table is read once."""

from __future__ import annotations

from functools import cache

from kg.lexicon import RESOURCES


@cache
def _table() -> dict[tuple[str, str], tuple[str, str]]:
    """(lemma, pos) -> (type, coarse type or "")."""
    lines = (RESOURCES / "wordnet_types.tsv").read_text(encoding="utf-8").splitlines()
    return {
        (lemma, pos): (kind, coarse)
        for lemma, pos, kind, coarse in (line.split("\t") for line in lines if line and line[0] != "#")
    }


def wordnet_type(lemma: str, pos: str) -> str | None:
    """The type of ``lemma`` as a noun (``pos`` "n") or a verb ("v"), or None when WordNet's most
    frequent sense of it names no event (a thing, a person, a place)."""
    found = _table().get((lemma.lower(), pos))
    return found[0] if found else None


def coarse_type(lemma: str, pos: str) -> str | None:
    """The coarse type of ``lemma``'s most frequent senses (their lexicographer file: "include" is
    stative), for where its specific type, read from a rarer sense, does not fit ("include" reaches
    adding, so an increase, from its third)."""
    found = _table().get((lemma.lower(), pos))
    return (found[1] or None) if found else None


@cache
def _transitive() -> frozenset[str]:
    lines = (RESOURCES / "transitive_verbs.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and line[0] != "#")


def transitive(lemma: str) -> bool:
    """Whether WordNet's two most frequent senses of the verb ``lemma`` always take an object
    ("accuse", "jail"; not "vote", "fall")."""
    return lemma.lower() in _transitive()
