"""The event benchmark's scoring and folds on hand-made records (no build, no model)."""

from __future__ import annotations

from datetime import date

from benchmarks import dates_timebank as dates
from benchmarks import events_coref_ecbplus as coref
from benchmarks import timex_timebank as timex
from benchmarks.events_timebank import errors, folds, score
from kg.corpora import AnnotatedText, GoldAnchor, GoldEvent

TEXT = AnnotatedText(
    "d1",
    "Protesters stormed the office, officials said, and police fired.",
    None,
    (GoldEvent(11, 18, "OCCURRENCE"), GoldEvent(41, 45, "REPORTING"), GoldEvent(58, 63, "OCCURRENCE")),
)


def test_precision_counts_any_class_and_recall_only_the_class_asked() -> None:
    built = {"d1": {(11, 18), (41, 45), (23, 29)}}  # stormed, said, office
    result = score([TEXT], built)
    assert (result.built, result.built_right) == (3, 2)
    assert (result.occurrences, result.occurrences_found) == (2, 1)
    everything = score([TEXT], built, recalled=None)
    assert (everything.occurrences, everything.occurrences_found) == (3, 2)
    assert result.figures()["f1"] == round(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5), 3)


def test_the_errors_are_each_missed_event_with_its_class_and_each_built_mention_no_event_overlaps() -> None:
    built = {"d1": {(11, 18), (23, 29)}}  # stormed (right), office (wrong); said and fired missed
    found = errors([TEXT], built)
    assert [(e["kind"], e["word"]) for e in found] == [
        ("wrong", "office"),
        ("missed REPORTING", "said"),
        ("missed OCCURRENCE", "fired"),
    ]
    assert found[0]["context"] == "Protesters stormed the [office], officials said, and police fired."


def test_folds_keep_a_group_together_and_are_the_same_every_run() -> None:
    texts = [AnnotatedText(f"{topic}_{n}ecbplus", "", None, ()) for topic in range(1, 8) for n in range(3)]
    found = folds(texts, 3, lambda doc_id: doc_id.split("_")[0])
    assert sorted(t.id for fold in found for t in fold) == sorted(t.id for t in texts)
    for fold in found:
        assert all(
            len({t.id.split("_")[0] for t in fold} & {t.id.split("_")[0] for t in other}) == 0
            for other in found
            if other is not fold
        )
    assert found == folds(list(reversed(texts)), 3, lambda doc_id: doc_id.split("_")[0])


def test_the_date_benchmark_sorts_each_anchored_event_by_how_its_built_date_compares() -> None:
    text = "On Friday police arrested six men and protesters marched; a curfew began and rain fell."
    events = tuple(
        GoldEvent(text.index(w), text.index(w) + len(w), "OCCURRENCE", f"e{k}")
        for k, w in enumerate(["arrested", "marched", "curfew", "began", "rain", "fell"])
    )
    anchors = tuple(GoldAnchor(f"e{k}", "2022-01-07", 3, 9) for k in range(5))
    doc = AnnotatedText("d1", text, None, events, anchors=anchors)
    built = {
        "d1": {
            (17, 25): {"2022-01-07"},  # arrested: right
            (49, 56): {"2022-01"},  # marched: coarser
            (60, 66): {"2022-01-06"},  # curfew: wrong
            (67, 72): set(),  # began: undated; rain: no event; fell: dated, no anchor
            (82, 86): {"2022-01-07"},
        }
    }
    result = dates.score([doc], built)
    counts = {k: result[k] for k in ("right", "coarser", "finer", "wrong", "undated", "no_event", "dated_unanchored")}
    assert counts == {
        "right": 1,
        "coarser": 1,
        "finer": 0,
        "wrong": 1,
        "undated": 1,
        "no_event": 1,
        "dated_unanchored": 1,
    }
    assert (result["recall"], result["precision"]) == (0.2, round(1 / 3, 3))


def test_coreference_pairs_count_merges_against_chains_and_those_of_one_sentence_apart() -> None:
    text = "Police arrested him.\nThe arrest came after a raid.\nThe raid ended."
    spans = {w: (text.index(f" {w} ") + 1, text.index(f" {w} ") + 1 + len(w)) for w in ("arrested", "arrest")}
    spans["raid"] = (text.index("raid"), text.index("raid") + 4)
    later_raid = (text.rindex("raid"), text.rindex("raid") + 4)
    gold = AnnotatedText(
        "d",
        text,
        None,
        (
            GoldEvent(*spans["arrested"], "ACTION_OCCURRENCE", "1", "ARREST"),
            GoldEvent(*spans["arrest"], "ACTION_OCCURRENCE", "2", "ARREST"),
            GoldEvent(*spans["raid"], "ACTION_OCCURRENCE", "3", "RAID"),
            GoldEvent(*later_raid, "ACTION_OCCURRENCE", "4", "RAID"),
        ),
    )
    # one event for both arrests (right) and for the first raid with them (two wrong, one in a
    # sentence); the later raid alone (missed with the first)
    built = {"d": {(*spans["arrested"], "e1"), (*spans["arrest"], "e1"), (*spans["raid"], "e1"), (*later_raid, "e2")}}
    every, within = coref.score([gold], built)
    assert (every.right, every.wrong, every.missed) == (1, 2, 1)
    assert (within.right, within.wrong, within.missed) == (0, 1, 0)
    assert every.figures()["precision"] == round(1 / 3, 3)


def test_the_timex_benchmark_wants_no_date_for_a_length_of_time_and_the_creation_date_for_now() -> None:
    created = date(1998, 2, 12)
    assert timex.classify("DATE", "1998-02-09", "1998-02-09", created) == ("calendar", "right")
    assert timex.classify("TIME", "1998-02-12TEV", "1998-02-12", created) == ("calendar", "right")
    assert timex.classify("DATE", "1998-02", "1998", created) == ("calendar", "coarser")
    assert timex.classify("DATE", "1998-02-09", None, created) == ("calendar", "missed")
    assert timex.classify("DURATION", "P2Y", "1996", created) == ("duration", "wrong")
    assert timex.classify("SET", "XXXX-WXX-4", None, created) == ("duration", "abstained")
    assert timex.classify("DATE", "1998-Q1", "1998", created) == ("other", "right")
    assert timex.classify("DATE", "199", "1990", created) == ("other", "wrong")
    assert timex.classify("DATE", "PRESENT_REF", "1998-02-12", created) == ("other", "right")
    assert timex.classify("DATE", "PAST_REF", None, created) == ("other", "abstained")
