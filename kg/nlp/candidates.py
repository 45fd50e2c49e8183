"""Finding the few tokens a tagger cares about without touching the rest.

Iterating a Doc makes a Python ``Token`` per word, which costs more than the rules themselves;
these filters read spaCy's attribute arrays and hand back only the matching tokens. The arrays
are checked with set look-ups, not ``np.isin``: on news-sized docs (tens to a few thousand
words) its sorting costs several times more than the look-ups.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import IS_SPACE, LEMMA, LOWER, POS
from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in spaCy's stubs
from spacy.tokens import Doc, Token


class WordFilter:
    """Tokens whose lower-case form or lemma is one of ``words`` (any capitalisation of the lemma)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.hashes = frozenset(hash_string(v) for w in words for v in (w, w.capitalize(), w.title(), w.upper()))

    def tokens(self, doc: Doc) -> Iterator[Token]:
        if not len(doc):
            return
        hashes = self.hashes
        for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
            if lower in hashes or lemma in hashes:
                yield doc[i]


def with_pos(doc: Doc, *pos: str) -> Iterator[Token]:
    """Tokens with one of the given coarse parts of speech ("PROPN", "PRON")."""
    if not len(doc):
        return
    ids = {doc.vocab.strings[p] for p in pos}
    for i, tag in enumerate(doc.to_array([POS]).tolist()):
        if tag in ids:
            yield doc[i]


def spaces(doc: Doc) -> Iterator[Token]:
    """Whitespace tokens (newlines between paragraphs); needs no tagger."""
    if not len(doc):
        return
    for i in np.flatnonzero(doc.to_array([IS_SPACE])):
        yield doc[int(i)]
