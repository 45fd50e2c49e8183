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
