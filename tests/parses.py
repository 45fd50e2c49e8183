"""Parses built by hand, so that rule tests need no trained model (as spaCy's own tests do).

A token is written ``text/TAG/dep/head`` where head is the index of the head token (the
root points at itself), or ``text/TAG/dep/head/lemma``; POS follows from the tag. A text ending
in "+" is glued to the next token ("shoot+ -+ to+ -+ kill").
Entities are (start, end, label) token spans.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

POS = {
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "VB": "VERB",
    "VBD": "VERB",
    "VBG": "VERB",
    "VBN": "VERB",
    "VBP": "VERB",
    "VBZ": "VERB",
    "JJ": "ADJ",
    "RB": "ADV",
    "IN": "ADP",
    "DT": "DET",
    "CD": "NUM",
    "PRP": "PRON",
    "PRP$": "PRON",
    "MD": "AUX",
    "TO": "PART",
    "CC": "CCONJ",
    ".": "PUNCT",
    ",": "PUNCT",
    "HYPH": "PUNCT",
    "POS": "PART",
    "WDT": "PRON",
    "WP": "PRON",
    "WRB": "ADV",
    "RP": "ADP",
    "$": "SYM",
}


@cache
def nlp() -> Language:
    """A blank English pipeline with newskg's parse repair and taggers (no statistical model)."""
    import spacy

    from kg.nlp import factories  # noqa: F401

    blank = spacy.blank("en")
    blank.add_pipe("kg_subjects")  # as after the parser in kg.nlp.load
    blank.add_pipe("kg_entities")
    blank.add_pipe("kg_triggers")
    return blank


def doc(tokens: str, ents: tuple[tuple[int, int, str], ...] = (), *, run: bool = True) -> Doc:
    """A parsed Doc from ``text/TAG/dep/head[/lemma]`` tokens ("¶" a paragraph break), then run
    through newskg's taggers."""
    words, spaces, tags, deps, heads, lemmas = [], [], [], [], [], []
    for item in tokens.split():
        parts = item.split("/")
        text, tag, dep, head = parts[0].replace("_", " "), parts[1], parts[2], int(parts[3])
        spaces.append(not text.endswith("+"))  # "shoot+" is glued to the next token
        text = text.rstrip("+") or "+"
        if text == "¶":  # a paragraph break: the line ends
            text, spaces[-1] = "\n\n", False
        words.append(text)
        tags.append(tag)
        deps.append(dep)
        heads.append(head)
        lemmas.append(parts[4] if len(parts) > 4 else _lemma(text, tag))
    d = Doc(
        nlp().vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        deps=deps,
        heads=heads,
        lemmas=lemmas,
        pos=[POS.get(t, "X") for t in tags],
    )
    d.ents = [Span(d, s, e, label=label) for s, e, label in ents]
    if run:
        for _name, pipe in nlp().pipeline:
            d = pipe(d)
    return d


def _lemma(text: str, tag: str) -> str:
    """Lower case; plural nouns lose their "s". Give any other lemma explicitly."""
    low = text.lower()
    return low[:-1] if tag in ("NNS", "NNPS") and low.endswith("s") and not low.endswith("ss") else low
