"""The eventive-noun list: written from WordNet's lexicographer files by ``scripts/eventive_nouns.py``."""

from __future__ import annotations

from pathlib import Path

from kg import lexicon
from scripts.eventive_nouns import eventive_nouns

LEXNAMES = "03\tnoun.Tops\t1\n04\tnoun.act\t1\n06\tnoun.artifact\t1\n11\tnoun.event\t1\n15\tnoun.location\t1\n"
# synsets: a licence line (indented), then "offset lexfile n ..."
DATA = "  licence text\n00000001 04 n 01 fast 0 | abstaining\n00000002 15 n 01 village 0 | a place\n" + (
    "00000003 06 n 01 wall 0 | a thing\n00000004 11 n 01 crash 0 | an event\n00000005 06 n 01 fast 0 | a thing\n"
)
# lemma pos synset_cnt p_cnt sense_cnt tagsense_cnt offsets (most frequent sense first)
INDEX = (
    "  licence text\n"
    "fast n 2 0 2 0 00000005 00000001\n"  # second sense an act
    "village n 1 0 1 0 00000002\n"
    "wall n 4 0 4 0 00000003 00000003 00000003 00000004\n"  # a happening only as the fourth sense
    "crash n 1 0 1 0 00000004\n"
    "hunger_strike n 1 0 1 0 00000001\n"  # a phrase: not a single word
)


def test_a_noun_is_eventive_when_one_of_its_first_three_senses_is_a_happening(tmp_path: Path) -> None:
    for name, text in (("lexnames", LEXNAMES), ("data.noun", DATA), ("index.noun", INDEX)):
        # the database's files have Windows line ends
        (tmp_path / name).write_bytes(text.replace("\n", "\r\n").encode("latin-1"))
    assert eventive_nouns(tmp_path) == ["crash", "fast"]


def test_the_shipped_list_knows_happenings_from_things_and_places() -> None:
    nouns = lexicon.load().eventive_nouns
    assert {"custody", "fast", "setback", "outage", "crackdown", "protest"} <= nouns
    assert not {"village", "plan", "pension", "chamber", "wall"} & nouns
