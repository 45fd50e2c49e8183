"""The WordNet type table (kg/resources/wordnet_types.tsv): every type it names is in the scheme,
and the typing of representative words."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import RDFS

from kg import lexicon
from kg.wordnet_types import _table, transitive, wordnet_type

KG = rdflib.Namespace("https://w3id.org/newskg/ontology#")


def _scheme_types() -> dict[str, str]:
    """Each event type of ontology/event-types.ttl and its parent, read with rdflib."""
    graph = rdflib.Graph().parse(lexicon.ontology_dir() / "event-types.ttl", format="turtle")
    return {
        str(child).removeprefix(str(KG)): str(parent).removeprefix(str(KG))
        for child, parent in graph.subject_objects(RDFS.subClassOf)
        if str(child).startswith(str(KG))
    }


def _is_a(kind: str, ancestor: str, parents: dict[str, str]) -> bool:
    while kind != ancestor and kind in parents:
        kind = parents[kind]
    return kind == ancestor


def test_every_type_is_an_event_type_of_the_scheme() -> None:
    parents = _scheme_types()
    kinds = {kind for kinds in _table().values() for kind in kinds if kind}
    assert kinds <= set(parents)
    assert all(_is_a(kind, "Event", parents) for kind in kinds)


@pytest.mark.parametrize(
    "lemma, pos, expected",
    [
        ("bombing", "n", "Attack"),
        ("shoot", "v", "Attack"),
        ("murder", "v", "Killing"),
        ("execution", "n", "Killing"),
        ("riot", "n", "Riot"),
        ("detain", "v", "Arrest"),
        ("elect", "v", "Election"),
        ("acquisition", "n", "Acquisition"),
        ("merger", "n", "Acquisition"),
        ("buy", "v", "Business"),
        ("bankruptcy", "n", "Bankruptcy"),
        ("plunge", "v", "Decline"),
        ("drop", "v", "Decline"),  # its third sense, "go down in value"
        ("increase", "n", "Increase"),
        ("climb", "v", "Increase"),
        ("earthquake", "n", "Disaster"),
        ("flood", "n", "Disaster"),
        ("explosion", "n", "Disaster"),
        ("summit", "n", "Meeting"),
        ("sue", "v", "Charge"),
        ("acquit", "v", "Verdict"),
        ("say", "v", "Statement"),
        ("flee", "v", "Relocation"),
        ("donate", "v", "Aid"),
        ("join", "v", "SocialAction"),  # no anchor: the coarse type of its lexicographer file
        ("victory", "n", "Competition"),  # an ending of a contest, not a happening
        ("win", "n", "Competition"),
        ("step down", "v", "Resignation"),  # a verb with its particle is a verb of its own
        ("point out", "v", "Statement"),
        ("draw up", "v", "SocialAction"),
        ("Bombing", "n", "Attack"),  # a lemma as the parser gives it, capitalised at a sentence start
    ],
)
def test_words_get_the_type_of_their_frequent_senses(lemma: str, pos: str, expected: str) -> None:
    assert wordnet_type(lemma, pos) == expected


@pytest.mark.parametrize(
    "lemma, pos", [("provide", "v"), ("secure", "v"), ("pick", "v"), ("pass", "v"), ("survey", "n")]
)
def test_a_rarer_sense_of_saying_makes_no_statement(lemma: str, pos: str) -> None:
    # "pick", v.3 is to carp, "provide", v.3 to stipulate: statements only from a word's first sense
    assert wordnet_type(lemma, pos) not in (None, "Statement")
    assert wordnet_type("argue", "v") == "Statement"


@pytest.mark.parametrize(
    "lemma, pos, ancestor",
    [
        ("acquire", "v", "Transaction"),  # acquire, v.1 is "get": too wide a synset for Acquisition
        ("war", "n", "Violence"),
        ("trial", "n", "Activity"),  # its court sense is the fourth; the lexicon types it
        ("talk", "v", "Communication"),
    ],
)
def test_unsure_words_get_a_parent_type(lemma: str, pos: str, ancestor: str) -> None:
    kind = wordnet_type(lemma, pos)
    assert kind is not None and _is_a(kind, ancestor, _scheme_types())


@pytest.mark.parametrize(
    "lemma, pos", [("table", "n"), ("minister", "n"), ("london", "n"), ("xyzzy", "v"), ("trade war", "n")]
)
def test_things_people_places_and_unknown_words_get_no_type(lemma: str, pos: str) -> None:
    assert wordnet_type(lemma, pos) is None


@pytest.mark.parametrize(
    ("lemma", "pos", "forceful"),
    [
        ("surprise", "v", "Attack"),  # first a feeling; a surprise attack is its third sense
        ("oppose", "v", "Clash"),  # first to speak against
        ("breakthrough", "n", "Attack"),  # first an insight
        ("pepper", "v", "Attack"),  # first to season
        ("resist", "v", "Protest"),
        ("rush", "v", "Attack"),  # first to move fast: "rushed to hospital"
    ],
)
def test_a_rarer_sense_of_force_makes_no_violence_of_a_word_that_first_means_no_act(
    lemma: str, pos: str, forceful: str
) -> None:
    assert wordnet_type(lemma, pos) not in (None, forceful)
    # a word whose first sense is a physical act keeps a violent type from its rarer senses
    assert wordnet_type("bombard", "v") == "Attack"


def test_a_rarer_sense_of_winning_makes_no_contest() -> None:
    # "independence", n.3 is the American colonies' victory; its first sense is a state
    assert wordnet_type("independence", "n") == "State"


def test_the_table_is_read_once() -> None:
    assert _table() is _table()


@pytest.mark.parametrize(
    ("verb", "always"),
    [("accuse", True), ("jail", True), ("unveil", True), ("vote", False), ("fall", False), ("balloon", False)],
)
def test_the_verbs_that_always_take_an_object(verb: str, always: bool) -> None:
    assert transitive(verb) is always


@pytest.mark.parametrize(
    ("british", "american"), [("realise", "realize"), ("recognise", "recognize"), ("organise", "organize")]
)
def test_a_british_spelling_gets_the_type_of_its_american_twin(british: str, american: str) -> None:
    # WordNet files "realise" under only some senses of "realize", first "make a profit"
    assert wordnet_type(british, "v") == wordnet_type(american, "v") is not None


def test_a_british_ending_is_read_as_american_only_where_the_twin_shares_a_sense() -> None:
    from scripts.wordnet_event_types import american

    assert american("realise", "v") == "realize" and american("labour", "n") == "labor"
    assert american("tour", "n") == "tor"  # a hill: the table keeps "tour"'s own senses, sharing none
    assert wordnet_type("tour", "n") is not None
