"""TimeBank documents as the causal reader's training rows (benchmarks/causal_timebank.examples),
on a TimeML excerpt whose clean-up drops a line and rewrites "(dollar)", so that every offset
after them moves."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.causal_timebank import examples
from kg.corpora import AnnotatedText, timeml
from kg.nlp import DEFAULT_MODEL
from kg.nlp.causal_train import Example
from kg.nlp.trigger_tagger import SPANS_KEY

DATA = Path(__file__).parent / "data" / "corpora" / "timeml-clinks"


@pytest.fixture(scope="module")
def document() -> AnnotatedText:
    (found,) = timeml.read_folder(DATA)
    return found


def words(ex: Example) -> list[tuple[str, str]]:
    return [(ex.doc.text[c.begin : c.end], ex.doc.text[e.begin : e.end]) for c, e in ex.relations]


def test_a_clink_becomes_its_sentence_with_the_event_words_cause_first(document: AnnotatedText) -> None:
    (ex,) = examples([document], DEFAULT_MODEL, unlinked=False)
    assert ex.doc.text.startswith("The $5 fine came after the blackout.")
    assert len(list(ex.doc.sents)) == 1
    # the CLINK runs from the blackout to the fine, the text the other way round
    assert words(ex) == [("blackout", "fine")]
    assert ex.signals == ("after",) and ex.causal
    # the sentence keeps its event triggers, which the reader reads as features
    assert "blackout" in [s.text for s in ex.doc.spans[SPANS_KEY]]


def test_sentences_without_a_clink_are_negatives_only_when_asked(document: AnnotatedText) -> None:
    found = examples([document], DEFAULT_MODEL, unlinked=True)
    # "Prices rose. So the bank raised rates.": a CLINK across two sentences, neither taken
    assert [(ex.doc.text.split()[1], ex.causal) for ex in found] == [("stormed", False), ("$5", True)]
    assert found[0].relations == () and found[0].signals == ()
