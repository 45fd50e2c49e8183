"""The entity mentions of one document and the tokens they cover: what extraction stages share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.model import EntityMention

# double quotes anywhere; single quotes only around words ("Magistrates' Court" keeps its apostrophe)
_QUOTES = re.compile(r"[\"“”«»]|^['‘’]|['‘’]$|(?<=\s)['‘’]|‘|['’](?=\s[a-z])")


@dataclass
class EntityIndex:
    """Entity mentions and which tokens they cover, for the role and relation extractors."""

    mentions: list[EntityMention] = field(default_factory=list)
    by_token: dict[int, int] = field(default_factory=dict)
    sentence_of: list[int] = field(default_factory=list)
    tokens: list[range] = field(default_factory=list)

    def at(self, tok: Token) -> int | None:
        return self.by_token.get(tok.i)

    def add(self, mention: EntityMention, tokens: range, sentence: int) -> int:
        idx = len(self.mentions)
        self.mentions.append(mention)
        self.sentence_of.append(sentence)
        self.tokens.append(tokens)
        for i in tokens:
            self.by_token.setdefault(i, idx)
        return idx


def clean_name(text: str) -> str:
    """A name as a label: no quotes, no possessive, single spaces."""
    text = _QUOTES.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-")
    return re.sub(r"(?:'s|’s)$", "", text).strip()


def root_of(index: EntityIndex, j: int) -> int:
    antecedent = index.mentions[j].antecedent
    while antecedent is not None:
        j, antecedent = antecedent, index.mentions[antecedent].antecedent
    return j


def with_antecedent(m: EntityMention, j: int) -> EntityMention:
    return EntityMention(m.mention, m.kind, m.name, m.aliases, m.subtype, m.key, m.pronoun, j)
