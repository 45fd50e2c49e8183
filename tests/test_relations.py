"""Entity relations on parses built by hand (no trained model)."""

from __future__ import annotations

from kg.cleanup import clean
from kg.extract.context import Context
from kg.extract.entities import EntityExtractor
from kg.extract.entity_index import EntityIndex
from kg.extract.relations import RelationExtractor
from kg.model import Document
from tests.parses import doc


def extracted(tokens: str, ents: tuple[tuple[int, int, str], ...]) -> tuple[Context, EntityIndex]:
    d = doc(tokens, ents)
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    return ctx, EntityExtractor()(ctx)


def relations(tokens: str, ents: tuple[tuple[int, int, str], ...]) -> set[tuple[str, str, str]]:
    ctx, index = extracted(tokens, ents)
    names = [m.name for m in index.mentions]
    return {(names[r.subject], r.predicate, names[r.object]) for r in RelationExtractor()(ctx, index)}


def test_backed_by_from_a_passive_relative_clause() -> None:
    found = relations(
        "Tokayev/NNP/nsubj/7 ,/,/punct/0 who/WP/nsubjpass/4 is/VBZ/auxpass/4/be backed/VBN/relcl/0/back "
        "by/IN/agent/4 Russia/NNP/pobj/5 spoke/VBD/ROOT/7/speak ./././7",
        ((0, 1, "PERSON"), (6, 7, "GPE")),
    )
    assert ("Tokayev", "backedBy", "Russia") in found


def test_members_of_an_alliance_named_in_apposition() -> None:
    found = relations(
        "the/DT/det/1 CSTO/NNP/nsubj/11/csto ,/,/punct/1 an/DT/det/4 alliance/NN/appos/1 of/IN/prep/4 "
        "Russia/NNP/pobj/5 ,/,/punct/6 Belarus/NNP/conj/6 and/CC/cc/8 Armenia/NNP/conj/8 acted/VBD/ROOT/11/act "
        "./././11",
        ((1, 2, "ORG"), (6, 7, "GPE"), (8, 9, "GPE"), (10, 11, "GPE")),
    )
    assert {(c, "memberOf", "CSTO") for c in ("Russia", "Belarus", "Armenia")} <= found


def test_a_second_in_command_works_for_but_a_leader_leads() -> None:
    found = relations(
        "Cermak/NNP/nsubj/9 ,/,/punct/0 vice/NN/compound/3 president/NN/appos/0 of/IN/prep/3 research/NN/pobj/4 "
        "at/IN/prep/3 The/DT/det/8/the Block/NNP/pobj/6/block said/VBD/ROOT/9/say ./././9",
        ((0, 1, "PERSON"), (7, 9, "ORG")),
    )
    assert ("Cermak", "worksFor", "The Block") in found
    found = relations(
        "Kazakh/JJ/amod/2 President/NNP/compound/2/president Tokayev/NNP/nsubj/3 spoke/VBD/ROOT/3/speak "
        "Kazakhstan/NNP/npadvmod/3 ./././3",
        ((0, 1, "NORP"), (2, 3, "PERSON"), (4, 5, "GPE")),
    )
    assert ("Tokayev", "leaderOf", "Kazakhstan") in found


def test_a_city_described_as_a_country_capital_lies_in_it() -> None:
    found = relations(
        "Kazakhstan/NNP/nsubj/1 lost/VBD/ROOT/1/lose Almaty/NNP/dobj/1 ,/,/punct/2 the/DT/det/5 country/NN/poss/7 "
        "'s/POS/case/5 capital/NN/appos/2 ./././1",
        ((0, 1, "GPE"), (2, 3, "GPE")),
    )
    assert ("Almaty", "locatedIn", "Kazakhstan") in found


def test_a_place_keeps_the_texts_spelling_when_the_gazetteer_only_adds_accents() -> None:
    _ctx, index = extracted(
        "protests/NNS/nsubj/1 spread/VBD/ROOT/1 in/IN/prep/1 Tamil/NNP/compound/4 Nadu/NNP/pobj/2 and/CC/cc/4 "
        "Darjeeling/NNP/conj/4 ./././1",
        ((3, 5, "GPE"), (6, 7, "GPE")),
    )
    names = {m.mention.text: (m.name, m.aliases) for m in index.mentions}
    # GeoNames writes "Tamil Nādu": the same name with accents, so the text's spelling is the label
    assert names["Tamil Nadu"] == ("Tamil Nadu", ())
    # "Dārjiling" is another spelling, not the same one with accents: GeoNames' name, the text's as an alias
    assert names["Darjeeling"] == ("Dārjiling", ("Darjeeling",))
