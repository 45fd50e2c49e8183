"""Entity mentions: names, descriptions and pronouns of actors, places and assets.

Reads the corrected ``doc.ents`` (see ``kg.nlp.entity_tagger``) into mentions with names,
aliases and resolution keys; ``kg.extract.anaphora`` adds what names alone miss.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg import gazetteer, lexicon
from kg.extract.anaphora import AnaphoraResolver
from kg.extract.context import Context
from kg.extract.entity_index import EntityIndex, clean_name
from kg.lexicon import SUBTYPE_NOUNS
from kg.model import EntityKind, EntityMention, Mention

KINDS = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "ORGDESC": EntityKind.ORGANIZATION,
    "GROUP": EntityKind.GROUP,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,
    "ASSET": EntityKind.ASSET,
}


class EntityExtractor:
    def __init__(self) -> None:
        self.lex = lexicon.load()
        self.gaz = gazetteer.load()
        self.anaphora = AnaphoraResolver()

    def __call__(self, ctx: Context) -> EntityIndex:
        index = EntityIndex()
        sent_of_token = []
        for k, sent in enumerate(ctx.doc.sents):
            sent_of_token.extend([k] * len(sent))
        for ent in ctx.ents:
            if ent.label_ in KINDS:
                mention = self._from_ent(ctx, ent)
                if mention is not None:
                    index.add(mention, range(ent.start, ent.end), sent_of_token[ent.start])
        self.anaphora(ctx, index, sent_of_token)
        return index

    # -- names ----------------------------------------------------------------------------
    def _from_ent(self, ctx: Context, ent: Span) -> EntityMention | None:
        label = ent.label_
        name = clean_name(ent.text)
        if not name or not any(ch.isalpha() for ch in name):
            return None
        kind = KINDS[label]
        mention = ctx.span_mention(ent)
        if label == "PERSON":
            # "Mr Prentis" tagged whole: the name is "Prentis", the title goes with the alias
            first = ent.start
            while first < ent.end - 1 and ent.doc[first].is_title and self._title(ent.doc[first]):
                first += 1
            bare = clean_name(ent.doc[first : ent.end].text) if first > ent.start else name
            return EntityMention(mention, kind, bare or name, aliases=self._titled(ent, bare or name))
        if label == "GROUP":
            return self._group(mention, ent, name)
        if label in ("GPE", "LOC", "FAC"):
            return self._place(mention, ent, name)
        if label == "ASSET":
            return EntityMention(mention, kind, name, key=f"asset:{name.lower()}")
        # named organisations and descriptions of one ("the interior ministry")
        return EntityMention(
            mention, kind, name, aliases=self._acronym(ent), key=None if label == "ORG" else "description"
        )

    def _titled(self, ent: Span, name: str) -> tuple[str, ...]:
        """'President Tokayev' beside 'Tokayev': titles written before the name."""
        doc = ent.doc
        start = ent.start
        # "President", "Home Secretary": capitalised compounds of the name, or known titles, and
        # as some outlets write them, in lower case with the words that say which ("economy
        # minister Heizo Takenaka")
        while start > 0:
            prev = doc[start - 1]
            into_name = prev.dep_ == "compound" and prev.head.i >= ent.start
            into_title = prev.dep_ == "compound" and start < ent.start and prev.head.i >= start
            if not (self._title(prev) or (prev.is_title and into_name) or (prev.is_lower and into_title)):
                break
            start -= 1
        titled = clean_name(doc[start : ent.end].text)
        return (titled,) if titled != name else ()

    def _title(self, tok: Token) -> bool:
        return tok.lower_.rstrip(".") in self.lex.titles

    def _acronym(self, ent: Span) -> tuple[str, ...]:
        """An acronym given in brackets after the name: "Collective Security Treaty Organisation (CSTO)"."""
        doc = ent.doc
        if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
            acronym = doc[ent.end + 1].text
            if acronym.isupper() and 2 <= len(acronym) <= 8:
                return (acronym,)
        return ()

    def _group(self, mention: Mention, ent: Span, name: str) -> EntityMention:
        root = ent.root
        lemma = root.lemma_.lower()
        sense = None
        for child in root.lefts:
            two = f"{child.lemma_.lower()} {lemma}"
            if child.dep_ == "compound" and two in self.lex.groups:
                sense = self.lex.groups[two][0]
        if ent.label_ == "GROUP" and sense is None and lemma in self.lex.groups:
            sense = self.lex.groups[lemma][0]
        if sense == "company":
            # "mining companies", "telecom providers": the sector names the group
            modifiers = [
                c for c in root.lefts if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "PROPN")
            ]
            if modifiers:
                sense = modifiers[-1].lemma_.lower()
        if sense is None:  # a nationality or religion used as a noun: "the Kazakhs"
            country = self.gaz.country_of_demonym(root.text)
            sense = f"people of {country[0]}" if country else name.lower()
        aliases = {clean_name(root.text)}
        compounds = [c for c in root.lefts if c.dep_ == "compound"]
        if compounds:
            aliases.add(clean_name(ent.doc[compounds[0].left_edge.i : root.i + 1].text))
        aliases.discard(name)
        return EntityMention(
            mention,
            EntityKind.GROUP,
            name,
            aliases=tuple(sorted(aliases)),
            key=f"group:{_stem(sense)}",
            origin=self._origin(root),
        )

    def _origin(self, root: Token) -> str | None:
        """The country a group's nationality or country modifier names: "French soldiers", "UK
        troops" (so that two countries' troops stay two groups)."""
        for child in root.lefts:
            if child.dep_ not in ("amod", "compound", "nmod") or not child.text[:1].isupper():
                continue
            hit = self.gaz.country_of_demonym(child.text) or self.gaz.lookup(child.text)
            if hit is not None and hit[1] == "Country":
                return hit[0]
        return None

    def _place(self, mention: Mention, ent: Span, name: str) -> EntityMention:
        hit = self.gaz.lookup(name)
        subtype = _subtype_from_context(ent)
        if hit is not None and (subtype is None or subtype == hit[1] or hit[1] == "Country"):
            canonical, gsub, place, _pop = hit
            if not canonical.isascii() and gazetteer.normalize(canonical) == gazetteer.normalize(name):
                canonical = name  # "Tamil Nadu" as the text spells it, not GeoNames' "Tamil Nādu"
            aliases = (name,) if name != canonical else ()
            return EntityMention(
                mention,
                EntityKind.PLACE,
                canonical,
                aliases=aliases,
                subtype=subtype or gsub,
                key=f"place:{place.geonames_id or place.iso_code or canonical}",
            )
        return EntityMention(mention, EntityKind.PLACE, name, subtype=subtype)


def _stem(word: str) -> str:
    """Crude: 'mining', 'miner', 'mines' -> 'min'; enough to match a sector to its workers."""
    for suffix in ("ing", "ers", "er", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _subtype_from_context(ent: Span) -> str | None:
    """'Mangistau, an oil-producing western province' is a region, whatever the gazetteer says."""
    root = ent.root
    for tok in [*root.children, root.head]:
        if (tok.dep_ == "appos" or root.dep_ == "appos") and tok.lemma_.lower() in SUBTYPE_NOUNS and tok != root:
            return SUBTYPE_NOUNS[tok.lemma_.lower()]
    for tok in root.rights:
        if tok.dep_ in ("compound", "appos") and tok.lemma_.lower() in SUBTYPE_NOUNS:
            return SUBTYPE_NOUNS[tok.lemma_.lower()]
    return None
