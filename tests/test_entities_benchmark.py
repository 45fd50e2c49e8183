"""The entity-type benchmark's scoring on hand-made records (no build, no model)."""

from __future__ import annotations

from benchmarks.entities_ecbplus import named, score
from kg.corpora import AnnotatedText, GoldEntity

TEXT = "He said Ericsson and Sony hired Anna Berg, an Arkansas woman."
WORDS = ["He", "Ericsson", "Sony", "Anna Berg", "Arkansas woman"]
SPANS = {w: (TEXT.index(w), TEXT.index(w) + len(w)) for w in WORDS}
GOLD = AnnotatedText(
    "d1",
    TEXT,
    None,
    (),
    entities=(
        GoldEntity(*SPANS["He"], "HUMAN_PART_PER", "c1"),
        GoldEntity(*SPANS["Ericsson"], "HUMAN_PART_ORG", "c2"),
        GoldEntity(*SPANS["Sony"], "HUMAN_PART_ORG", "c3"),
        GoldEntity(*SPANS["Anna Berg"], "HUMAN_PART_PER", "c4"),
        GoldEntity(*SPANS["Arkansas woman"], "HUMAN_PART_PER", "c5"),
    ),
)


def test_a_name_ends_in_a_capitalised_word_and_is_no_pronoun() -> None:
    assert [named(TEXT, e) for e in GOLD.entities] == [False, True, True, True, False]


def test_each_named_participant_takes_the_kind_of_the_built_mention_overlapping_it_most() -> None:
    anna = SPANS["Anna Berg"]
    built = {
        "d1": {
            SPANS["Ericsson"]: "Place",  # the small NER's reading of a firm
            (anna[0], anna[0] + 4): "Person",  # "Anna": overlaps less than "Anna Berg"
            anna: "Person",
            SPANS["Arkansas woman"]: "Place",  # not named: not scored
        }
    }
    result = score([GOLD], built)
    assert result["named"] == 3
    classes = result["classes"]
    assert classes["HUMAN_PART_ORG"]["built as"] == {"Place": 1, "missed": 1}  # type: ignore[index]
    assert classes["HUMAN_PART_PER"]["built as"] == {"Person": 1}  # type: ignore[index]
    assert (result["accuracy"], result["recall"]) == (0.5, round(1 / 3, 3))
    assert [(e["name"], e["built"]) for e in result["errors"]] == [("Ericsson", "Place"), ("Sony", "missed")]  # type: ignore[union-attr]
