"""Entity tagging on top of spaCy's NER: correct its labels with gazetteers and context, and
add the actors it does not tag (collective groups, organisation descriptions) and assets.

The result is ``doc.ents`` with spaCy's labels plus three of ours:
GROUP (protesters, police), ORGDESC (the interior ministry) and ASSET (bitcoin, oil).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg import gazetteer, lexicon

NUMERIC = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"})
MISC = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})
# adjectives that count or size a group rather than describe it
QUANTIFYING = frozenset(
    {
        "many",
        "several",
        "few",
        "other",
        "more",
        "most",
        "some",
        "numerous",
        "various",
        "thousand",
        "hundred",
        "dozen",
        "million",
        "all",
        "both",
        "such",
        "own",
    }
)


def modifier_start(tok: Token) -> int:
    """Index of the first token of the modifiers directly left of ``tok`` ("foreign-trained gangs")."""
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if child.i < start - 1 and not all(t.text in QUOTES for t in tok.doc[child.i + 1 : start]):
            break
        if child.text in QUOTES and child.dep_ == "punct":
            continue
        if child.dep_ not in MODIFIER_DEPS or child.lower_ in QUANTIFYING or child.like_num:
            break
        start = child.left_edge.i
    while start < tok.i and tok.doc[start].text in QUOTES:
        start += 1
    return start


class EntityTagger:
    """The ``kg_entities`` pipeline component."""

    def __init__(self, *, large_city: int = gazetteer.LARGE_CITY) -> None:
        self.lex = lexicon.load()
        self.gaz = gazetteer.load()
        self.large_city = large_city

    def __call__(self, doc: Doc) -> Doc:
        spans = [s for s in (self._relabel(ent) for ent in doc.ents) if s is not None]
        spans += self._descriptions(doc)
        spans += self._assets(doc)
        doc.ents = filter_spans(spans)
        return doc

    # -- names the NER found --------------------------------------------------------------
    def _relabel(self, ent: Span) -> Span | None:
        label = ent.label_
        if label in NUMERIC:
            return ent
        span = _trim(ent)
        if span is None:
            return None
        text, root = span.text, span.root
        if (
            len(span) == 1
            and root.pos_ == "NOUN"
            and (root.lemma_.lower() in self.lex.events.nouns or root.lemma_.lower() in self.lex.groups)
        ):
            return None  # "Protests" tagged NORP is an event, "Protesters" a group
        if text.lower() in self.lex.assets:
            return Span(span.doc, span.start, span.end, label="ASSET")
        hit = self.gaz.lookup(text)
        if hit is not None:
            subtype, population = hit[1], hit[3]
            if subtype in ("Country", "Continent", "Region") and label != "ORG":
                return Span(span.doc, span.start, span.end, label="GPE" if subtype != "Continent" else "LOC")
            if (
                subtype == "Country"
                or label in ("GPE", "LOC", "FAC", "NORP", "PERSON")
                or (label == "ORG" and population >= self.large_city and not self._names_organisation(span))
            ):
                return Span(span.doc, span.start, span.end, label="GPE")
        if label == "NORP":
            if root.dep_ in ("amod", "compound", "nmod") or root.pos_ == "ADJ":
                return None  # "Russian troops": a modifier, not an actor
            return Span(span.doc, span.start, span.end, label="GROUP")
        if label in MISC:
            return Span(span.doc, span.start, span.end, label="ORG") if self._names_organisation(span) else None
        if label == "PERSON" and len(span) == 1 and not span[0].is_title:
            return None
        return span

    def _names_organisation(self, span: Span) -> bool:
        """Appositive to an organisation noun: "cryptocurrency site The Block"."""
        root = span.root
        if root.dep_ == "appos" and root.head.lemma_.lower() in self.lex.organizations:
            return True
        return any(c.dep_ == "appos" and c.lemma_.lower() in self.lex.organizations for c in root.children)

    # -- descriptions: groups and organisations named by common nouns ----------------------
    def _descriptions(self, doc: Doc) -> list[Span]:
        spans = []
        for tok in doc:
            if tok.pos_ not in ("NOUN", "PROPN") or (tok.pos_ == "PROPN" and not tok.is_sent_start):
                continue
            label = self._description_label(tok)
            if label:
                spans.append(Span(doc, modifier_start(tok), tok.i + 1, label=label))
        return spans

    def _description_label(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        entry = self.lex.groups.get(lemma)
        for child in tok.lefts:
            two = f"{child.lemma_.lower()} {lemma}"
            if child.dep_ == "compound" and two in self.lex.groups:
                entry = self.lex.groups[two]
        if tok.dep_ == "compound" and tok.head.lemma_.lower() not in self.lex.groups:
            return None  # "police spokeswoman", "protest leaders"
        if entry is not None:
            _sense, cls, number = entry
            if number == "plural" and tok.tag_ not in ("NNS", "NNPS"):
                return None
            return "GROUP" if cls == "Group" else "ORGDESC"
        if lemma in self.lex.organizations and tok.tag_ == "NN":
            determined = any(
                (c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their")) or c.dep_ == "poss"
                for c in tok.children
            )
            modified = any(c.dep_ in ("compound", "amod") for c in tok.lefts)
            if determined or modified:
                return "ORGDESC"
        return None

    # -- assets -----------------------------------------------------------------------------
    def _assets(self, doc: Doc) -> list[Span]:
        spans = []
        for tok in doc:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "npadvmod":
                continue
            if tok.i > 0 and f"{doc[tok.i - 1].lower_} {tok.lower_}" in self.lex.assets:
                spans.append(Span(doc, tok.i - 1, tok.i + 1, label="ASSET"))
            elif tok.lower_ in self.lex.assets or tok.lemma_.lower() in self.lex.assets:
                spans.append(Span(doc, tok.i, tok.i + 1, label="ASSET"))
        return spans


def _trim(ent: Span) -> Span | None:
    """Drop a leading article, quotes and a trailing possessive from an entity span.

    A capitalised "The" inside a sentence is part of the name ("The Block"), so it stays.
    """
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].text in QUOTES
        or (doc[start].lower_ in ("the", "a", "an") and (doc[start].text.islower() or doc[start].is_sent_start))
    ):
        start += 1
    while end > start and (doc[end - 1].text in QUOTES or doc[end - 1].tag_ == "POS"):
        end -= 1
    return Span(doc, start, end, label=ent.label_) if end > start else None
