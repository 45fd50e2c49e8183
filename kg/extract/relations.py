"""Relations between entities, read from appositions, copulas, titles and passives:

- member of: "the CSTO - an alliance of Russia, Belarus, ..." (each listed country)
- located in: "Almaty, the country's financial capital"; "from Hartpury, Gloucestershire"
- works for: "Larry Cermak, vice president of research at The Block"; "PCS spokesman Jeff Evans"
- leader of: "Y, the president of X"; "X's president Y"; "Kazakh President Tokayev"
- backed by: "Tokayev, who is backed by Russia"; "Russian-backed separatists"
"""

from __future__ import annotations

from spacy.tokens import Token

from kg import gazetteer, lexicon
from kg.extract import syntax
from kg.extract.context import Context
from kg.extract.entity_index import EntityIndex
from kg.model import EntityKind, EntityRelation

MEMBERSHIP_NOUNS = frozenset(
    {
        "alliance",
        "coalition",
        "bloc",
        "group",
        "union",
        "league",
        "federation",
        "grouping",
        "organisation",
        "organization",
        "partnership",
        "consortium",
        "club",
    }
)
LEADER_ROLES = frozenset(
    {
        "president",
        "prime minister",
        "premier",
        "leader",
        "head",
        "chief",
        "chairman",
        "chairwoman",
        "chair",
        "king",
        "queen",
        "emir",
        "governor",
        "mayor",
        "chancellor",
        "chief executive",
        "ceo",
        "director",
        "secretary-general",
        "general secretary",
        "founder",
        "commander",
    }
)
ORGANISATION_KINDS = frozenset({EntityKind.ORGANIZATION, EntityKind.GROUP})
PLACE_WORDS = frozenset(
    {
        "capital",
        "city",
        "town",
        "province",
        "region",
        "state",
        "district",
        "village",
        "port",
        "county",
        "republic",
        "country",
    }
)


class RelationExtractor:
    def __init__(self) -> None:
        self.lex = lexicon.load()
        self.gaz = gazetteer.load()

    def __call__(self, ctx: Context, entities: EntityIndex) -> list[EntityRelation]:
        found: dict[tuple[int, str, int], EntityRelation] = {}
        for j, m in enumerate(entities.mentions):
            if m.pronoun:
                continue
            root = ctx.doc[entities.tokens[j].start : entities.tokens[j].stop].root
            for predicate, other, evidence in self._relations(root, m.kind, entities):
                k = _resolved(entities, other)
                subject, obj = (j, k) if predicate != "hasMember" else (k, j)
                key = (subject, "memberOf" if predicate == "hasMember" else predicate, obj)
                if subject != obj and key not in found:
                    found[key] = EntityRelation(subject, key[1], obj, ctx.tokens_mention(*evidence))
        return list(found.values())

    def _relations(
        self, root: Token, kind: EntityKind, entities: EntityIndex
    ) -> list[tuple[str, int, tuple[Token, Token]]]:
        out: list[tuple[str, int, tuple[Token, Token]]] = []
        appositives = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            appositives.append(root.head)
        following = _following_noun(root)
        if kind == EntityKind.ORGANIZATION and following is not None and following not in appositives:
            appositives.append(following)  # "the Treaty Organisation - an alliance of ...", parsed elsewhere
        for appos in appositives:
            span = _span(root, appos)
            lemma = appos.lemma_.lower()
            if kind == EntityKind.ORGANIZATION and lemma in MEMBERSHIP_NOUNS:
                out += [("hasMember", k, span) for k in self._members(appos, entities)]
            elif kind == EntityKind.PLACE and lemma in PLACE_WORDS:
                out += [("locatedIn", k, span) for k in self._owners(appos, entities, {EntityKind.PLACE})]
            elif kind == EntityKind.PLACE and entities.at(appos) is not None:
                container = entities.at(appos)
                if (
                    container is not None
                    and entities.mentions[container].kind == EntityKind.PLACE
                    and entities.mentions[container].subtype in ("Region", "Country")
                ):
                    out.append(("locatedIn", container, span))
            elif kind == EntityKind.PERSON and self._is_role(appos):
                out += self._employment(appos, entities, span)
        if kind == EntityKind.PERSON:
            out += self._titled(root, entities)
            out += self._backers(root, entities)
        return out

    def _members(self, noun: Token, entities: EntityIndex) -> list[int]:
        """ "an alliance of Russia, Belarus and Tajikistan": the listed entities."""
        found = []
        for _prep, obj in syntax.prep_objects(noun, "of"):
            for t in syntax.conjuncts(obj):
                k = entities.at(t)
                if k is not None:
                    found.append(k)
        return found

    def _owners(self, noun: Token, entities: EntityIndex, kinds: set[EntityKind]) -> list[int]:
        """Who or what a role or place noun belongs to: "the country's capital", "president of X"."""
        found = []
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                found.append(c)
        found += [o for p, o in syntax.prep_objects(noun, "of", "at", "for", "with")]
        return [k for t in found for k in [entities.at(t)] if k is not None and _resolved_kind(entities, k) in kinds]

    def _is_role(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        return lemma in self.lex.titles or f"{tok.head.lemma_.lower()} {lemma}" in self.lex.titles

    def _employment(
        self, role: Token, entities: EntityIndex, span: tuple[Token, Token]
    ) -> list[tuple[str, int, tuple[Token, Token]]]:
        """ "vice president of research at The Block": works for (or leads) the organisation."""
        leads = _leads(role)
        if leads is None:
            return []  # a former role says nothing about now
        owners = self._owners(role, entities, {*ORGANISATION_KINDS, EntityKind.PLACE})
        for t in [role, *role.subtree]:  # "vice president of research at cryptocurrency site The Block"
            for _p, o in syntax.prep_objects(t, "at", "for", "with"):
                k = entities.at(o)
                if k is not None and _resolved_kind(entities, k) in ORGANISATION_KINDS and k not in owners:
                    owners.append(k)
        out = []
        for k in owners:
            place = _resolved_kind(entities, k) == EntityKind.PLACE
            if leads:
                out.append(("leaderOf", k, span))
            elif not place:
                out.append(("worksFor", k, span))
        return out

    def _titled(self, root: Token, entities: EntityIndex) -> list[tuple[str, int, tuple[Token, Token]]]:
        """ "Kazakh President Tokayev", "GM's vice president Mark LaNeve", "PCS spokesman Jeff Evans"."""
        out = []
        titles = [c for c in root.lefts if c.dep_ == "compound" and self._is_role(c)]
        for title in titles:
            leads = _leads(title)
            if leads is None:
                continue
            for c in [*title.children, *root.lefts]:
                if c.dep_ not in ("compound", "poss", "amod", "nmod") or c == title:
                    continue
                k = entities.at(c)
                country = self.gaz.country_of_demonym(c.text) if k is None else None
                if k is None and country is not None:
                    k = _place_named(entities, country[0])
                if k is None:
                    continue
                kind = _resolved_kind(entities, k)
                if leads and kind in (*ORGANISATION_KINDS, EntityKind.PLACE):
                    out.append(("leaderOf", k, (c, root)))
                elif kind in ORGANISATION_KINDS:
                    out.append(("worksFor", k, (c, root)))
        return out

    def _backers(self, root: Token, entities: EntityIndex) -> list[tuple[str, int, tuple[Token, Token]]]:
        """ "Tokayev, who is backed by Russia"."""
        out: list[tuple[str, int, tuple[Token, Token]]] = []
        for clause in root.children:
            if clause.dep_ == "relcl" and clause.lemma_.lower() in ("back", "support", "sponsor", "arm", "fund"):
                agent = syntax.passive_agent(clause)
                k = entities.at(agent) if agent is not None else None
                if agent is not None and k is not None:
                    out.append(("backedBy", k, (root, agent)))
        return out


SECOND_IN_COMMAND = frozenset({"vice", "deputy", "assistant", "associate", "acting", "junior", "sub"})


def _leads(role: Token) -> bool | None:
    """True for a leader's title, False for another role, None for a former one ("former president")."""
    modifiers = {t.lower_ for t in role.lefts if t.dep_ in ("compound", "amod")}
    if modifiers & {"former", "ex", "late"}:
        return None
    return role.lemma_.lower() in LEADER_ROLES and not modifiers & SECOND_IN_COMMAND


def _span(a: Token, b: Token) -> tuple[Token, Token]:
    first, last = (a, b) if a.i <= b.i else (b, a)
    return first, max(last, *last.subtree, key=lambda t: t.i) if last.dep_ == "appos" else last


def _following_noun(root: Token) -> Token | None:
    """The head of a noun phrase set off right after a name by a dash, comma or bracket."""
    doc, i = root.doc, root.i + 1
    if i >= len(doc) or doc[i].text not in ("-", "–", "—", ",", "("):
        return None
    i += 1
    while i < len(doc) and doc[i].dep_ in ("det", "amod", "compound") and doc[i].pos_ != "PROPN":
        i += 1
    return doc[i] if i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].lemma_.lower() in MEMBERSHIP_NOUNS else None


def _resolved(entities: EntityIndex, j: int) -> int:
    antecedent = entities.mentions[j].antecedent
    return antecedent if antecedent is not None else j


def _resolved_kind(entities: EntityIndex, j: int) -> EntityKind:
    return entities.mentions[_resolved(entities, j)].kind


def _place_named(entities: EntityIndex, name: str) -> int | None:
    return next((j for j, m in enumerate(entities.mentions) if m.kind == EntityKind.PLACE and m.name == name), None)
