"""The causal benchmarks' scoring on hand-made records (no build, no model): Causal-TimeBank's
links as the CNC scorer reads them, and the reliability table of predicted against observed
precision."""

from __future__ import annotations

from benchmarks import cnc
from benchmarks.causal_timebank import gold
from kg.corpora import AnnotatedText, GoldEvent, GoldLink
from kg.model import Span

TEXT = AnnotatedText(
    "wsj_1",
    "The storm closed the port, and prices rose.",
    None,
    (GoldEvent(4, 9, "OCCURRENCE", "e1"), GoldEvent(10, 16, "OCCURRENCE", "e2"), GoldEvent(38, 42, "OCCURRENCE", "e3")),
    (GoldLink("e1", "e2"), GoldLink("e2", "e3"), GoldLink("e1", "e9")),  # e9: an EVENT the reader lost
)


def link(cause: tuple[int, int], effect: tuple[int, int], confidence: float, name: str = "r") -> cnc.BuiltLink:
    return cnc.BuiltLink(name, (Span(*cause),), (Span(*effect),), "", confidence)


def test_timebank_links_become_gold_relations_between_event_triggers() -> None:
    document = gold(TEXT)
    assert document.causal
    spans = [
        (TEXT.text[r.cause.begin : r.cause.end], TEXT.text[r.effect.begin : r.effect.end]) for r in document.relations
    ]
    assert spans == [("storm", "closed"), ("closed", "rose")]  # the link to a lost event is left out


def test_timebank_links_are_scored_with_their_direction() -> None:
    document = gold(TEXT)
    right = {"wsj_1": [link((4, 9), (10, 16), 0.9)]}
    swapped = {"wsj_1": [link((10, 16), (4, 9), 0.9)]}
    assert cnc.score([document], right).relations.tp == 1
    counts = cnc.score([document], swapped).relations
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 2)


def test_reliability_bins_links_by_confidence_against_the_share_right() -> None:
    document = gold(TEXT)
    built = {
        "wsj_1": [
            link((4, 9), (10, 16), 0.95, "a"),  # right
            link((10, 16), (38, 42), 0.9, "b"),  # right
            link((38, 42), (4, 9), 0.35, "c"),  # wrong
            link((0, 3), (4, 9), 0.5, "d"),  # wrong
        ]
    }
    table = cnc.reliability([document], built, low=0.3, bins=5)
    assert [b["links"] for b in table] == [1, 1, 0, 0, 2]
    assert table[-1] == {"from": 0.86, "to": 1.0, "links": 2, "predicted": 0.925, "observed": 1.0}
    assert table[0]["observed"] == 0.0 and table[2]["predicted"] == 0.0
