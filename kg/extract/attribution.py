"""Who asserts a fact: "according to X", "X said / claimed / announced that ...", "reportedly".

Reporting verbs give attribution, not events: the ministry's figures are reported by the
ministry, the president's claims are claimed by the president.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg import lexicon
from kg.extract.context import Context
from kg.extract.entity_index import EntityIndex
from kg.extract.syntax import subject
from kg.model import Attribution, Status

# how far up the parse an attribution can sit above the fact it covers
MAX_HOPS = 6
# links an attribution reaches across: clauses and core arguments. A fact inside a modifier
# ("after the blackout, the hashrate fell, according to X") is presupposed, not what X says.
CLIMB = frozenset(
    {
        "ccomp",
        "xcomp",
        "conj",
        "advcl",
        "parataxis",
        "relcl",
        "acl",
        "nsubj",
        "nsubjpass",
        "dobj",
        "attr",
        "appos",
        "dep",
        "csubj",
    }
)


def _according_to(tok: Token) -> tuple[Token, Token] | None:
    """(cue, source) of an "according to X" phrase attached to ``tok``."""
    for c in tok.children:
        if c.lower_ == "according":
            for to in c.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return c, obj
    return None


def attribution(ctx: Context, tok: Token, index: EntityIndex) -> Attribution | None:
    """The attribution that covers the clause of ``tok``, if the text gives one."""
    reporting = lexicon.load().reporting
    cur = tok
    for _ in range(MAX_HOPS):
        found = _according_to(cur)
        if found is not None:
            cue, source = found
            return Attribution(Status.REPORTED, ctx.tokens_mention(cue, source.head), index.at(source))
        for c in cur.children:
            if c.dep_ == "advmod" and c.lower_ in reporting:
                return Attribution(Status(reporting[c.lower_]), ctx.token_mention(c), None)
        head = cur.head
        if head == cur or cur.dep_ not in CLIMB:
            break
        if cur.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in reporting and head.pos_ == "VERB":
            speaker = subject(head)
            return Attribution(
                Status(reporting[head.lemma_.lower()]),
                ctx.token_mention(head),
                index.at(speaker) if speaker is not None else None,
            )
        cur = head
    return None
