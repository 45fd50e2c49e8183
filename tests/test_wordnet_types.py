"""The WordNet type table (kg/resources/wordnet_types.tsv): every type it names is in the scheme,
and the typing of representative words."""

from __future__ import annotations

import pytest

from kg import lexicon
from kg.wordnet_types import _table, wordnet_type


def test_every_type_is_an_event_type_of_the_scheme() -> None:
    known = set(lexicon.load().events.parents)
    assert {kind for kind in _table().values()} <= known


@pytest.mark.parametrize(
    "lemma, pos, expected",
    [
        ("bombing", "n", "Attack"),
        ("murder", "v", "Killing"),
        ("elect", "v", "Election"),
        ("increase", "n", "Increase"),
        ("say", "v", "Communication"),
        ("buy", "v", "Transaction"),
        ("join", "v", "SocialAction"),
        ("Bombing", "n", "Attack"),  # a lemma as the parser gives it, capitalised at a sentence start
    ],
)
def test_words_get_the_type_of_their_frequent_senses(lemma: str, pos: str, expected: str) -> None:
    assert wordnet_type(lemma, pos) == expected


@pytest.mark.parametrize("lemma, pos", [("table", "n"), ("minister", "n"), ("london", "n"), ("xyzzy", "v")])
def test_things_people_and_places_get_no_type(lemma: str, pos: str) -> None:
    assert wordnet_type(lemma, pos) is None
