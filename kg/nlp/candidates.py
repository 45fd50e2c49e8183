"""Finding the few tokens a tagger cares about without touching the rest.

Iterating a Doc makes a Python ``Token`` per word, which costs more than the rules themselves;
these filters read spaCy's attribute arrays with numpy and hand back only the matching tokens.
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
        forms = {hash_string(v) for w in words for v in (w, w.capitalize(), w.title(), w.upper())}
        self.hashes = np.array(sorted(forms), dtype=np.uint64)

    def tokens(self, doc: Doc) -> Iterator[Token]:
        if not len(doc):
            return
        arr = doc.to_array([LOWER, LEMMA])
        mask = np.isin(arr[:, 0], self.hashes) | np.isin(arr[:, 1], self.hashes)
        for i in np.flatnonzero(mask):
            yield doc[int(i)]


def with_pos(doc: Doc, *pos: str) -> Iterator[Token]:
    """Tokens with one of the given coarse parts of speech ("PROPN", "PRON")."""
    if not len(doc):
        return
    ids = np.array([doc.vocab.strings[p] for p in pos], dtype=np.uint64)
    for i in np.flatnonzero(np.isin(doc.to_array([POS]).astype(np.uint64), ids)):
        yield doc[int(i)]


def spaces(doc: Doc) -> Iterator[Token]:
    """Whitespace tokens (newlines between paragraphs); needs no tagger."""
    if not len(doc):
        return
    for i in np.flatnonzero(doc.to_array([IS_SPACE])):
        yield doc[int(i)]
