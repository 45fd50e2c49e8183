"""Event labels read off hand-built parses: a phrase a reader understands alone."""

from __future__ import annotations

import pytest

from kg.extract.labels import event_label
from tests.parses import doc

CASES = [
    # a change with its subject and its amount ("12%": the percent sign is a word here)
    (
        "The/DT/det/1 hashrate/NN/nsubj/2 fell/VBD/ROOT/2/fall 12/CD/nummod/4 %/NN/npadvmod/2 ./././2",
        (2, 3),
        "hashrate fell 12 %",
        ((3, 5, "PERCENT"),),
    ),
    # a passive: the subject with its phrase, the participle, no auxiliary
    (
        "A/DT/det/1 cap/NN/nsubjpass/6 on/IN/prep/1 gas/NN/compound/4 prices/NNS/pobj/2 was/VBD/auxpass/6/be "
        "lifted/VBN/ROOT/6/lift ./././6",
        (6, 7),
        "cap on gas prices lifted",
        (),
    ),
    # an order with what it orders
    (
        "Tokayev/NNP/nsubj/1 ordered/VBD/ROOT/1/order providers/NNS/dobj/1 to/TO/aux/4 block/VB/xcomp/1 "
        "access/NN/dobj/4 ./././1",
        (1, 2),
        "Tokayev ordered providers to block access",
        ((0, 1, "PERSON"),),
    ),
    # a noun with its modifier and its target; the date is left out
    (
        "a/DT/det/2 harsh/JJ/amod/2 crackdown/NN/ROOT/2 on/IN/prep/2 Friday/NNP/pobj/3 on/IN/prep/2 "
        "protesters/NNS/pobj/5",
        (2, 3),
        "harsh crackdown on protesters",
        ((4, 5, "DATE"),),
    ),
    # a perfect keeps its auxiliary; a relative pronoun stands for its noun
    (
        "Fears/NNS/nsubj/2/fear have/VBP/aux/2/have risen/VBN/ROOT/2/rise",
        (2, 3),
        "Fears have risen",
        (),
    ),
    # the small parser's reading of "after a cap was lifted": the cap is the conjunction's object
    (
        "after/IN/prep/4 a/DT/det/2 cap/NN/pobj/0 was/VBD/auxpass/4/be lifted/VBN/ROOT/4/lift",
        (4, 5),
        "cap lifted",
        (),
    ),
    (
        "gas/NN/ROOT/0 ,/,/punct/0 which/WDT/dobj/4 people/NNS/nsubj/4 use/VBP/relcl/0",
        (4, 5),
        "gas people use",
        (),
    ),
]


@pytest.mark.parametrize("tokens, span, expected, ents", CASES)
def test_labels_are_phrases_from_the_parse(
    tokens: str, span: tuple[int, int], expected: str, ents: tuple[tuple[int, int, str], ...]
) -> None:
    d = doc(tokens, ents, run=False)
    assert event_label(d[span[0] : span[1]]) == expected


def test_a_bare_word_takes_its_governor_and_a_label_is_never_one_word() -> None:
    d = doc("Talks/NNS/ROOT/0/talk", run=False)
    assert event_label(d[0:1]) == "Talks"  # a one-word sentence has nothing more to give
    d = doc("the/DT/det/1 talks/NNS/nsubj/2/talk collapsed/VBD/ROOT/2/collapse", run=False)
    assert event_label(d[1:2]) == "talks collapsed"


def test_a_long_phrase_is_cut_to_nine_words_around_the_trigger() -> None:
    words = " ".join(f"w{i}/NN/compound/10" for i in range(10))
    d = doc(words + " strike/NN/ROOT/10", run=False)
    label = event_label(d[10:11])
    assert len(label.split()) == 9 and label.endswith("strike")
