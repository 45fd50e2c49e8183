"""What every extractor needs: the parse, the document, and the map from the parsed (clean)
text back to the characters as read. Mentions are made here and nowhere else."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.cleanup import CleanText
from kg.model import Document, Mention
from kg.model import Span as CharSpan


@dataclass
class Context:
    doc: Doc
    document: Document
    clean: CleanText
    sentences: list[CharSpan] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    # the doc's entities, read once: ``doc.ents`` builds every Span again on each access
    ents: tuple[Span, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        self.ents = tuple(self.doc.ents)
        for sent in self.doc.sents:
            # the doc was parsed from the clean text: slicing it costs less than ``sent.text``,
            # which joins a Python Token per word
            text = self.clean.text[sent.start_char : sent.end_char]
            if text.strip():
                # a sentence is its words: the whitespace spaCy leaves at its end is not evidence
                start = sent.start_char + len(text) - len(text.lstrip())
                end = sent.start_char + len(text.rstrip())
                b, e = self.clean.to_original(start, end)
                self.sentences.append(CharSpan(b, e))
        self._sent_starts = [s.begin for s in self.sentences]

    def sentence_of(self, begin: int) -> CharSpan:
        """The sentence (original offsets) that holds character ``begin``."""
        k = max(0, bisect_right(self._sent_starts, begin) - 1)
        return self.sentences[k] if self.sentences else CharSpan(0, len(self.document.text))

    def mention(self, start_char: int, end_char: int) -> Mention:
        """A mention of clean-text characters ``[start_char, end_char)``, in original offsets."""
        b, e = self.clean.to_original(start_char, end_char)
        return Mention(b, e, self.document.text[b:e], self.sentence_of(b))

    def original_mention(self, begin: int, end: int) -> Mention:
        """A mention of original characters ``[begin, end)``."""
        return Mention(begin, end, self.document.text[begin:end], self.sentence_of(begin))

    def span_mention(self, span: Span) -> Mention:
        return self.mention(span.start_char, span.end_char)

    def token_mention(self, tok: Token) -> Mention:
        return self.mention(tok.idx, tok.idx + len(tok.text))

    def tokens_mention(self, first: Token, last: Token) -> Mention:
        return self.mention(first.idx, last.idx + len(last.text))
