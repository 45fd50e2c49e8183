"""The learned event detector without its trained weights: features, extents, typing, the
model file and the fit, on hand-built parses and toy rows (as spaCy tests its components)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc, Span

from kg.cleanup import clean
from kg.extract.context import Context
from kg.extract.entities import EntityExtractor
from kg.extract.events import EventExtractor, mentions
from kg.model import Document, EventMention
from kg.nlp import DEFAULT_EVENT_MODEL, event_detector
from kg.nlp.causal_model import DocWords
from kg.nlp.event_detector import CLASSES, FEATURE_VERSION, EventModel, candidates, extent, features
from kg.nlp.event_train import Rows, contested, event_class, fit, training_rows
from tests.parses import doc

# "Police launched a crackdown on protesters ."
CRACKDOWN = (
    "Police/NNS/nsubj/1 launched/VBD/ROOT/1/launch a/DT/det/3 crackdown/NN/dobj/1 on/IN/prep/3 "
    "protesters/NNS/pobj/4 ./././1"
)


def extracted(d: Doc) -> list[EventMention]:
    """The event mentions extraction reads off a hand-built parse."""
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    return EventExtractor()(ctx, EntityExtractor()(ctx)).mentions


def test_candidates_are_content_words_and_clause_heads() -> None:
    d = doc(
        "The/DT/det/1 news/NN/nsubj/2 was/VBD/ROOT/2/be bad/JJ/acomp/2 and/CC/cc/2 has/VBZ/aux/6/have "
        "fallen/VBN/conj/2/fall"
    )
    assert [d[i].text for i in candidates(DocWords(d))] == ["news", "was", "bad", "fallen"]
    # "tried to re-sign him" as the small parser reads it: the hyphen, split off and tagged a verb,
    # names nothing, and neither does the prefix "re", which "sign" carries
    resign = doc("tried/VBD/ROOT/0/try to/TO/aux/2 re+/VB/xcomp/0 -+/VB/xcomp/0 sign/VB/xcomp/0 him/PRP/dobj/4")
    assert [resign[i].text for i in candidates(DocWords(resign))] == ["tried", "sign"]
    # "a break-in" and "a pick-six": a second part that cannot carry the word leaves the first
    breakin = doc("a/DT/det/1 break+/NN/ROOT/1 -+/HYPH/punct/1 in/IN/prep/1 ./././1")
    assert [breakin[i].text for i in candidates(DocWords(breakin))] == ["break"]
    # the same words apart are words of their own
    apart = doc("tried/VBD/ROOT/0/try to/TO/aux/2 re/VB/xcomp/0 sign/VB/xcomp/0")
    assert [apart[i].text for i in candidates(DocWords(apart))] == ["tried", "re", "sign"]


def test_features_read_the_parse_and_the_lexicon_as_evidence() -> None:
    d = doc(CRACKDOWN)
    words = DocWords(d)
    (row,) = features(d, words, [3], {3: "Crackdown"})
    assert {"l=crackdown", "d=dobj", "h=dobj|launch", "cw=det|a", "cw=prep|on", "lex", "lex=Crackdown"} <= set(row)
    (plain,) = features(d, words, [3], {})
    assert "lex" not in plain and len(set(row)) == len(row)


@pytest.mark.parametrize(
    "tokens, head, expected",
    [
        ("They/PRP/nsubj/1 cracked/VBD/ROOT/1/crack down/RP/prt/1", 1, "cracked down"),
        ("a/DT/det/2 trade/NN/compound/2 war/NN/ROOT/2", 2, "trade war"),
        (
            "a/DT/det/6 shoot+/VB/compound/6 -+/HYPH/punct/6 to+/TO/aux/6 -+/HYPH/punct/6 kill/VB/compound/6 "
            "order/NN/ROOT/6",
            6,
            "shoot-to-kill order",
        ),
        # as en_core_web_sm parses it: "kill" an adjective of "order", "shoot" a modifier of "kill"
        (
            "a/DT/det/6 shoot+/VB/npadvmod/5 -+/HYPH/punct/5 to+/TO/aux/5 -+/HYPH/punct/5 kill/VB/amod/6 "
            "order/NN/ROOT/6",
            6,
            "shoot-to-kill order",
        ),
        # a modifier with spaces is no one word ("a long - running dispute")
        ("a/DT/det/4 long/JJ/advmod/3 -/HYPH/punct/3 running/VBG/amod/4 dispute/NN/ROOT/4", 4, "dispute"),
        (
            "a/DT/det/4 long+/JJ/advmod/3 -+/HYPH/punct/3 running/VBG/amod/4 dispute/NN/ROOT/4",
            4,
            "long-running dispute",
        ),
        ("Bitcoin/NNP/compound/1 prices/NNS/nsubj/2 fell/VBD/ROOT/2/fall", 2, "fell"),
        # the hyphen of a split prefix, whatever the tagger made of it
        ("to/TO/aux/3 re+/VB/xcomp/3 -+/VB/xcomp/3 sign/VB/ROOT/3 him/PRP/dobj/3", 3, "re-sign"),
        # the unit of an amount ("£308m"), which NER leaves out of it
        ("a/DT/det/4 308+/CD/nummod/2 m/NN/compound/4 takeover/NN/compound/4 deal/NN/ROOT/4", 4, "takeover deal"),
    ],
)
def test_extent_takes_particles_compounds_and_hyphenated_modifiers(tokens: str, head: int, expected: str) -> None:
    d = doc(tokens)
    start, end = extent(d, head)
    assert d[start:end].text == expected


def test_detected_words_take_the_lexicon_type_else_the_generic_type() -> None:
    d = doc(CRACKDOWN + " They/PRP/nsubj/8 relaxed/VBD/ROOT/8/relax ./././8")
    d.spans[event_detector.SPANS_KEY] = [Span(d, 3, 4), Span(d, 8, 9)]
    found = [(s.text, s.label_) for s in mentions(d)]
    assert found[0] == ("crackdown", "Crackdown")
    assert found[1][0] == "relaxed" and found[1][1] != "Crackdown"


def test_without_the_detector_the_lexicon_triggers_are_the_mentions() -> None:
    d = doc(CRACKDOWN)
    assert event_detector.SPANS_KEY not in d.spans
    assert [(s.text, s.label_) for s in mentions(d)] == [("crackdown", "Crackdown")]


def test_fit_learns_separable_rows_and_the_file_round_trips(tmp_path: Path) -> None:
    rows = [["w=attack", "p=NOUN"], ["w=table", "p=NOUN"]] * 5 + [["w=say", "p=VERB"]] * 4
    labels = [1, 0] * 5 + [4] * 4
    model = fit(rows, labels, meta={"note": "toy"})
    probs = model.probabilities([["w=attack", "p=NOUN"], ["w=table", "p=NOUN"], ["w=say", "p=VERB"]])
    assert list(probs.argmax(axis=1)) == [1, 0, 4]
    assert np.allclose(probs.sum(axis=1), 1.0)
    model.save(tmp_path)
    again = EventModel.load(tmp_path)
    assert again.vocab == model.vocab and again.meta["note"] == "toy"
    assert np.array_equal(again.weights, np.round(model.weights, 5))  # five decimals, read back exactly
    again.save(tmp_path / "again")
    assert (tmp_path / "again" / "model.json.gz").read_bytes() == (tmp_path / "model.json.gz").read_bytes()
    assert np.allclose(again.probabilities([["w=attack"]]), model.probabilities([["w=attack"]]), atol=1e-4)


def test_a_model_for_other_features_is_refused(tmp_path: Path) -> None:
    fit([["a"], ["a"], ["b"], ["b"]], [0, 0, 1, 1]).save(tmp_path)
    path = tmp_path / "model.json.gz"
    data = json.loads(gzip.decompress(path.read_bytes()))
    data["feature_version"] = FEATURE_VERSION + 1
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(ValueError, match="feature version"):
        EventModel.load(tmp_path)


def test_the_shipped_model_reads_this_code_s_features_and_records_how_it_was_made() -> None:
    assert DEFAULT_EVENT_MODEL is not None
    with gzip.open(DEFAULT_EVENT_MODEL / "model.json.gz", "rb") as handle:
        data = json.loads(handle.read())
    assert data["feature_version"] == FEATURE_VERSION and tuple(data["classes"]) == CLASSES
    meta = data["meta"]
    assert {"spacy", "pipeline", "corpora", "cross_validation"} <= set(meta)
    assert all(len(c["sha256"]) == 64 for c in meta["corpora"].values())


@pytest.mark.parametrize(
    "gold, expected",
    [
        ("OCCURRENCE", "OCCURRENCE"),
        ("ACTION_CAUSATIVE", "OCCURRENCE"),
        ("NEG_ACTION_REPORTING", "REPORTING"),
        ("I_STATE", "I_STATE"),
    ],
)
def test_corpus_classes_map_to_timeml_classes(gold: str, expected: str) -> None:
    assert event_class(gold) == expected


def test_a_verb_that_carries_or_starts_a_nominal_event_is_a_mention_of_it() -> None:
    # "Protests erupted and police launched a crackdown ."
    d = doc(
        "Protests/NNS/nsubj/1/protest erupted/VBD/ROOT/1/erupt and/CC/cc/1 police/NNS/nsubj/4 "
        "launched/VBD/conj/1/launch a/DT/det/6 crackdown/NN/dobj/4 ./././1"
    )
    d.spans[event_detector.SPANS_KEY] = [Span(d, i, i + 1) for i in (0, 1, 4, 6)]
    events = extracted(d)
    assert [(e.mention.text, [m.text for m in e.extra]) for e in events] == [
        ("Protests", ["erupted"]),
        ("crackdown", ["launched"]),
    ]


@pytest.mark.parametrize(("subject", "carried"), [("move/NN", True), ("minister/NN", False)])
def test_a_nominal_event_that_comes_is_one_event_and_a_person_who_comes_is_another(subject: str, carried: bool) -> None:
    # "The move came after talks": the move, not a movement of its own; "The minister came": he moved
    d = doc(f"The/DT/det/1 {subject}/nsubj/2 came/VBD/ROOT/2/come after/IN/prep/2 talks/NNS/pobj/3/talk ./././2")
    d.spans[event_detector.SPANS_KEY] = [Span(d, i, i + 1) for i in ((1, 2, 4) if carried else (2, 4))]
    events = extracted(d)
    mentions_of = [(e.mention.text, [m.text for m in e.extra]) for e in events]
    assert mentions_of == ([("move", ["came"]), ("talks", [])] if carried else [("came", []), ("talks", [])])


def test_a_noun_that_only_says_what_kind_another_noun_is_names_no_event() -> None:
    # "computing power fell": the power fell, nothing computed; "the computing stopped" is an event
    d = doc("computing/NN/compound/1 power/NN/nsubj/2 fell/VBD/ROOT/2/fall ./././2")
    d.spans[event_detector.SPANS_KEY] = [Span(d, 0, 1), Span(d, 2, 3)]
    assert [e.mention.text for e in extracted(d)] == ["fell"]
    d = doc("the/DT/det/1 computing/NN/nsubj/2 stopped/VBD/ROOT/2/stop ./././2")
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 2), Span(d, 2, 3)]
    assert [e.mention.text for e in extracted(d)] == ["computing", "stopped"]


def test_what_a_persons_role_is_of_names_no_event() -> None:
    # "the head of research resigned": research is his field; "the results of research" are not a role's
    for noun, kept in (("head/NN", False), ("results/NNS", True)):
        d = doc(f"the/DT/det/1 {noun}/nsubj/4 of/IN/prep/1 research/NN/pobj/2 resigned/VBD/ROOT/4/resign ./././4")
        d.spans[event_detector.SPANS_KEY] = [Span(d, 3, 4), Span(d, 4, 5)]
        assert [e.mention.text for e in extracted(d)] == (["research", "resigned"] if kept else ["resigned"])


def test_a_support_verb_s_eventive_object_is_the_event_even_when_the_detector_passed_it_over() -> None:
    d = doc("Police/NNS/nsubj/1 conducted/VBD/ROOT/1/conduct a/DT/det/3 raid/NN/dobj/1 ./././1")
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 2)]  # the verb only
    events = extracted(d)
    assert [(e.mention.text, [m.text for m in e.extra]) for e in events] == [("raid", ["conducted"])]


def _rows(words: list[tuple[str, str]]) -> Rows:
    """A text's rows from (word form, class) pairs: the form first, as ``features`` puts it."""
    return Rows(
        "t", [[f"w={w}", "p=VERB"] for w, _ in words], [CLASSES.index(c) for _, c in words], [(0, 1)] * len(words)
    )


def test_silver_words_the_gold_classes_the_other_way_are_left_out_of_training() -> None:
    gold = [_rows([("added", "REPORTING")] * 8 + [("rose", "OCCURRENCE")] * 8 + [("said", "REPORTING")] * 8)]
    silver = [_rows([("added", "OCCURRENCE"), ("rose", "OCCURRENCE"), ("said", "REPORTING"), ("new", "OCCURRENCE")])]
    # "added": the gold says reporting (not an event here), the silver an occurrence: the gold wins;
    # forms the two agree on, or the gold has too few of, stay
    assert contested(gold, silver) == {"added"}
    assert contested(gold, silver, min_gold=9) == frozenset()
    train = training_rows(gold, silver, gold)
    assert [row[0] for row in train[-1].feats] == ["w=rose", "w=said", "w=new"]
    assert train[:-1] == gold


def test_a_support_verb_s_object_the_lexicon_types_is_the_event_even_when_the_detector_passed_it_over() -> None:
    # "order" is no eventive noun in WordNet's sense, but the lexicon types it: the giving is no event
    d = doc("Tokayev/NNP/nsubj/1 gave/VBD/ROOT/1/give the/DT/det/3 order/NN/dobj/1 ./././1")
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 2)]  # the verb only
    assert ("order", "Order") in [(s.text, s.label_) for s in mentions(d)]
    events = extracted(d)
    assert [(e.mention.text, [m.text for m in e.extra]) for e in events] == [("order", ["gave"])]


# "Police said prices fell , according to analysts ."
STATED = (
    "Police/NNS/nsubj/1 said/VBD/ROOT/1/say prices/NNS/nsubj/3/price fell/VBD/ccomp/1/fall ,/,/punct/1 "
    "according/VBG/prep/1/accord to/IN/prep/5 analysts/NNS/pobj/6/analyst ./././1"
)


def test_a_statement_is_an_event_typed_a_statement_but_a_source_is_not(tmp_path: Path) -> None:
    d = doc(STATED)
    tokens = candidates(DocWords(d))
    words = [d[i].text for i in tokens]
    classes = {"said": "REPORTING", "fell": "OCCURRENCE", "according": "REPORTING"}
    rows = features(d, DocWords(d), tokens, {})
    fit(rows * 4, [CLASSES.index(classes.get(w, "NONE")) for w in words] * 4).save(tmp_path)
    detected = event_detector.EventDetector(str(tmp_path), 0.4, encoder=False)(doc(STATED))
    spans = {s.text: s.label_ for s in detected.spans[event_detector.SPANS_KEY]}
    # the statement is kept, and labelled so; "according to" names a source, no act of saying
    assert spans == {"said": event_detector.STATEMENT, "fell": ""}
    probs = detected._.get(event_detector.PROBS)
    assert probs[1] > 0.9 and probs[5] < 0.4
    assert ("said", "Statement") in [(s.text, s.label_) for s in mentions(detected)]


def test_a_compound_of_two_detected_words_is_one_mention(tmp_path: Path) -> None:
    # "a bidding war ended": "bidding" read alone first must not keep "war" from its compound
    tokens = "a/DT/det/2 bidding/NN/compound/2 war/NN/nsubj/3 ended/VBD/ROOT/3/end ./././3"
    d = doc(tokens)
    found = candidates(DocWords(d))
    rows = features(d, DocWords(d), found, {})
    fit(rows * 4, [CLASSES.index("OCCURRENCE")] * len(rows) * 4).save(tmp_path)
    detected = event_detector.EventDetector(str(tmp_path), 0.4, encoder=False)(doc(tokens))
    assert [s.text for s in detected.spans[event_detector.SPANS_KEY]] == ["bidding war", "ended"]
