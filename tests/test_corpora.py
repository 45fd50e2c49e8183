"""The corpus readers on small excerpts written in each format (no shared data needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kg.corpora import GoldAnchor, GoldLink, GoldTimex, ecbplus, timeml

DATA = Path(__file__).parent / "data" / "corpora"


def test_timeml_text_is_the_text_element_with_tags_stripped() -> None:
    (doc,) = timeml.read_folder(DATA / "timeml")
    assert doc.id == "sample_doc" and doc.date == date(2022, 1, 7)
    assert doc.text.startswith("\n Protesters stormed the mayor's office on Wednesday, officials said.\n")
    assert [(doc.text[e.begin : e.end], e.cls) for e in doc.events] == [
        ("stormed", "OCCURRENCE"),
        ("said", "REPORTING"),
        ("blackout", "OCCURRENCE"),
        ("fall", "OCCURRENCE"),
    ]


def test_timeml_causal_links_name_events_cause_first_with_their_signal() -> None:
    (doc,) = timeml.read_folder(DATA / "timeml")
    assert doc.links == (GoldLink("e3", "e4", "caused"),)


def test_timeml_anchors_are_events_within_a_date_the_text_writes() -> None:
    (doc,) = timeml.read_folder(DATA / "timeml")
    # from the event's side (IS_INCLUDED) and the time's (INCLUDES); not the creation time (e2),
    # not a time the event is only before (e4)
    wednesday = doc.text.index("Wednesday")
    assert doc.anchors == (
        GoldAnchor("e1", "2022-01-05", wednesday, wednesday + len("Wednesday")),
        GoldAnchor("e3", "2022-01-05", wednesday, wednesday + len("Wednesday")),
    )


def test_timeml_time_expressions_keep_their_type_and_value_not_the_creation_time() -> None:
    (doc,) = timeml.read_folder(DATA / "timeml")
    assert [(doc.text[t.begin : t.end], t) for t in doc.timexes] == [
        ("Wednesday", GoldTimex(doc.text.index("Wednesday"), doc.text.index("Wednesday") + 9, "DATE", "2022-01-05")),
        ("two days", GoldTimex(doc.text.index("two days"), doc.text.index("two days") + 8, "DURATION", "P2D")),
    ]


def test_ecbplus_reads_only_annotated_sentences_detokenised() -> None:
    (doc,) = ecbplus.read_folder(DATA / "ecbplus")
    assert doc.text == "Police arrested the man's son, reports say.\nHe was shot dead."
    found = [(doc.text[e.begin : e.end], e.cls) for e in doc.events]
    # the headline's markable lies in an unannotated sentence; the one with no anchor is no mention
    assert found == [
        ("arrested", "ACTION_OCCURRENCE"),
        ("say", "ACTION_REPORTING"),
        ("shot dead", "NEG_ACTION_OCCURRENCE"),
    ]


def test_ecbplus_participants_carry_their_coreference_chain() -> None:
    (doc,) = ecbplus.read_folder(DATA / "ecbplus")
    found = [(doc.text[e.begin : e.end], e.cls, e.chain) for e in doc.entities]
    # "son" and "He" are sources of one relation; "Police" joins none and is its own chain
    assert found == [
        ("Police", "HUMAN_PART_ORG", "m8"),
        ("son", "HUMAN_PART_PER", "HUM1"),
        ("He", "HUMAN_PART_PER", "HUM1"),
    ]


def test_ecbplus_actions_carry_their_coreference_chain() -> None:
    (doc,) = ecbplus.read_folder(DATA / "ecbplus")
    # the headline's "arrest" and "arrested" are sources of one relation (r_id 11, no note)
    assert [(doc.text[e.begin : e.end], e.chain) for e in doc.events] == [
        ("arrested", "11"),
        ("say", "m2"),
        ("shot dead", "m3"),
    ]
