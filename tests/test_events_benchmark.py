"""The event benchmark's scoring and folds on hand-made records (no build, no model)."""

from __future__ import annotations

from benchmarks.events_timebank import folds, score
from kg.corpora import AnnotatedText, GoldEvent

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
