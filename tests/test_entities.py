"""Entity mentions on parses built by hand (no trained model)."""

from __future__ import annotations

from kg.cleanup import clean
from kg.extract.context import Context
from kg.extract.entities import EntityExtractor
from kg.model import Document
from tests.parses import doc


def mentions(tokens: str, ents: tuple[tuple[int, int, str], ...] = ()) -> list[tuple[str, str | None]]:
    d = doc(tokens, ents)
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    return [(m.name, m.key) for m in EntityExtractor()(ctx).mentions]


def test_an_unnamed_source_is_a_person_but_a_named_one_is_only_its_name() -> None:
    unnamed = "a/DT/det/2 police/NN/compound/2/police spokeswoman/NN/nsubj/3 said/VBD/ROOT/3/say ./././3"
    assert mentions(unnamed) == [("police spokeswoman", "description")]
    named = (
        "the/DT/det/2 police/NN/compound/2/police spokeswoman/NN/nsubj/7 ,/,/punct/2 Sally/NNP/compound/5 "
        "Beer/NNP/appos/2 ,/,/punct/2 said/VBD/ROOT/7/say ./././7"
    )
    assert mentions(named, ((4, 6, "PERSON"),)) == [("Sally Beer", None)]


def test_a_title_the_tagger_put_inside_a_name_goes_to_the_alias() -> None:
    d = doc("Mr/NNP/compound/1 Prentis/NNP/nsubj/2 said/VBD/ROOT/2/say ./././2", ((0, 2, "PERSON"),))
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    (m,) = EntityExtractor()(ctx).mentions
    # "Prentis" is the name that "Dave Prentis" shares; "Mr Prentis" stays a way of writing it
    assert (m.name, m.aliases) == ("Prentis", ("Mr Prentis",))


def test_an_unnamed_source_keeps_all_the_words_that_say_whose_it_is() -> None:
    tokens = "a/DT/det/3 Home/NNP/compound/2 Office/NNP/compound/3 spokesman/NN/nsubj/4 said/VBD/ROOT/4/say ./././4"
    assert ("Home Office spokesman", "description") in mentions(tokens, ((1, 3, "ORG"),))


def test_a_groups_nationality_names_its_country() -> None:
    def origins(tokens: str, ents: tuple[tuple[int, int, str], ...]) -> list[tuple[str, str | None]]:
        d = doc(tokens, ents)
        ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
        return [(m.name, m.origin) for m in EntityExtractor()(ctx).mentions]

    french = (
        "nine/CD/nummod/2 French/JJ/amod/2 soldiers/NNS/nsubjpass/4/soldier were/VBD/auxpass/4/be "
        "killed/VBN/ROOT/4/kill ./././4"
    )
    assert origins(french, ((1, 3, "GROUP"),)) == [("French soldiers", "France")]
    uk = "UK/NNP/compound/1 troops/NNS/nsubj/2/troop left/VBD/ROOT/2/leave ./././2"
    assert ("UK troops", "United Kingdom") in origins(uk, ((0, 2, "GROUP"),))
    csto = "CSTO/NNP/compound/1 troops/NNS/nsubj/2/troop left/VBD/ROOT/2/leave ./././2"
    assert ("CSTO troops", None) in origins(csto, ((0, 2, "GROUP"),))  # a body, no country


def test_a_relative_who_speaks_is_a_source_as_a_role_is() -> None:
    assert mentions("her/PRP$/poss/1 son/NN/nsubj/2 said/VBD/ROOT/2/say ./././2") == [("son", "description")]


def test_synonyms_name_one_group_but_the_sides_of_a_trial_are_three() -> None:
    def key(noun: str, lemma: str) -> str | None:
        tokens = f"{noun}/NNS/nsubj/1/{lemma} said/VBD/ROOT/1/say ./././1"
        ((_name, found),) = mentions(tokens, ((0, 1, "GROUP"),))
        return found

    assert key("protesters", "protester") == key("demonstrators", "demonstrator")
    sides = {key("prosecutors", "prosecutor"), key("lawyers", "lawyer"), key("judges", "judge")}
    assert len(sides) == 3
    assert key("MPs", "mp") != key("MEPs", "mep")


def test_an_unnamed_person_who_acts_by_speaking_is_a_source_too() -> None:
    urged = "the/DT/det/2 official/JJ/amod/2 spokesman/NN/nsubj/3 urged/VBD/ROOT/3/urge calm/NN/dobj/3 ./././3"
    assert ("spokesman", "description") in mentions(urged)
    declined = (
        "a/DT/det/2 police/NN/compound/2/police spokesman/NN/nsubj/3 declined/VBD/ROOT/3/decline "
        "to/TO/aux/5 comment/VB/xcomp/3/comment ./././3"
    )
    assert ("police spokesman", "description") in mentions(declined)
    # one who only acts is left to the document
    left = "the/DT/det/2 official/JJ/amod/2 spokesman/NN/nsubj/3 left/VBD/ROOT/3/leave early/RB/advmod/3 ./././3"
    assert mentions(left) == []


def test_a_title_written_in_lower_case_before_a_name_is_one_of_its_names() -> None:
    said = (
        "said/VBD/ROOT/0/say economy/NN/compound/2 minister/NN/compound/4 Heizo/NNP/compound/4 "
        "Takenaka/NNP/nsubj/0 ./././0"
    )
    d = doc(said, ((3, 5, "PERSON"),))
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    (m,) = EntityExtractor()(ctx).mentions
    assert (m.name, m.aliases) == ("Heizo Takenaka", ("economy minister Heizo Takenaka",))


def test_charities_and_agencies_are_groups_of_organisations() -> None:
    for noun, lemma in (("charities", "charity"), ("agencies", "agency"), ("organisations", "organisation")):
        tokens = f"{noun}/NNS/nsubj/1/{lemma} said/VBD/ROOT/1/say ./././1"
        d = doc(tokens)
        ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
        assert [m.name for m in EntityExtractor()(ctx).mentions] == [noun]
