"""The CNC reader (benchmarks/cnc.py): tags stripped, spans exact, folds stable, matching one-to-one.

The strings are written here in the CNC's format (tokens separated by single spaces), not
copied from the corpus, so the tests run without ../shared.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks import cnc
from kg.model import Span

PLAIN = "Workers went on strike after the company cut wages , leaving ports idle ."


def slice_of(text: str, span: Span) -> str:
    return text[span.begin : span.end]


@pytest.mark.parametrize(
    "tagged, cause, effect, signal",
    [
        (
            "<ARG1>Workers went on strike</ARG1> <SIG0>after</SIG0> <ARG0>the company cut wages</ARG0>"
            " , leaving ports idle .",
            "the company cut wages",
            "Workers went on strike",
            "after",
        ),
        # the signal inside the effect, the tags touching: "<ARG1><SIG0>leaving"
        (
            "Workers went on strike after <ARG0>the company cut wages</ARG0> , <ARG1><SIG0>leaving</SIG0>"
            " ports idle</ARG1> .",
            "the company cut wages",
            "leaving ports idle",
            "leaving",
        ),
        # no explicit cue
        (
            "<ARG1>Workers went on strike</ARG1> after the company cut wages , <ARG0>leaving ports idle</ARG0> .",
            "leaving ports idle",
            "Workers went on strike",
            cnc.NO_SIGNAL,
        ),
    ],
)
def test_tags_are_stripped_and_spans_index_the_plain_text(tagged: str, cause: str, effect: str, signal: str) -> None:
    text, relation = cnc.parse_tagged(tagged)
    assert text == PLAIN
    assert slice_of(text, relation.cause) == cause
    assert slice_of(text, relation.effect) == effect
    assert relation.signal == signal


def test_offsets_are_character_offsets_after_earlier_tags_are_removed() -> None:
    text, relation = cnc.parse_tagged("<ARG0>Prices rose</ARG0> <SIG0>so</SIG0> <ARG1>sales fell</ARG1> .")
    assert text == "Prices rose so sales fell ."
    assert relation.cause == Span(0, 11)
    assert relation.signals == (Span(12, 14),)
    assert relation.effect == Span(15, 25)


def test_several_signals_keep_their_number_order_and_sig0_names_the_relation() -> None:
    tagged = "<ARG0>Talks failed</ARG0> , <SIG1>so</SIG1> <ARG1>unions <SIG0>Called</SIG0> a strike</ARG1> ."
    text, relation = cnc.parse_tagged(tagged)
    assert [slice_of(text, s) for s in relation.signals] == ["Called", "so"]
    assert relation.signal == "called"


@pytest.mark.parametrize(
    "tagged",
    [
        "<ARG0>Talks failed</ARG0> , so unions called a strike .",  # no effect
        "<ARG0>Talks failed , so <ARG1>unions called a strike</ARG1> .",  # ARG0 never closed
        "<ARG0>Talks</ARG0> <ARG0>failed</ARG0> <ARG1>strike</ARG1>",  # ARG0 twice
    ],
)
def test_malformed_relations_are_refused(tagged: str) -> None:
    with pytest.raises(ValueError):
        cnc.parse_tagged(tagged)


def write_corpus(folder: Path) -> None:
    with (folder / cnc.SUBTASK1).open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["index", "text", "label"])
        w.writerow(["train_01_0_7", PLAIN, "1"])
        w.writerow(["train_01_1_8", "Ports were quiet on Monday .", "0"])
    relations = [
        "<ARG1>Workers went on strike</ARG1> <SIG0>after</SIG0> <ARG0>the company cut wages</ARG0>"
        " , leaving ports idle .",
        "Workers went on strike after <ARG0>the company cut wages</ARG0> , <ARG1><SIG0>leaving</SIG0>"
        " ports idle</ARG1> .",
    ]
    with (folder / cnc.SUBTASK2).open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["corpus", "doc_id", "sent_id", "eg_id", "index", "text", "causal_text_w_pairs", "num_rs"])
        w.writerow(["cnc", "train_01_0", "7", "0", "cnc_train_01_0_7_0", PLAIN, repr(relations), "2"])
        w.writerow(["cnc", "train_01_1", "8", "0", "cnc_train_01_1_8_0", "Ports were quiet on Monday .", "[]", "0"])


def test_read_joins_both_files_by_sentence_and_drops_the_bom(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    first, second = cnc.read(tmp_path)
    assert (first.id, first.causal, len(first.relations)) == ("train_01_0_7", True, 2)
    assert (second.id, second.causal, second.relations) == ("train_01_1_8", False, ())
    assert [r.signal for r in first.relations] == ["after", "leaving"]


def test_read_refuses_a_relation_whose_text_is_not_the_sentence(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    path = tmp_path / cnc.SUBTASK2
    path.write_text(path.read_text(encoding="utf-8-sig").replace("ports idle</ARG1>", "docks idle</ARG1>"), "utf-8")
    with pytest.raises(ValueError, match="differs"):
        cnc.read(tmp_path)


def sentences(n: int) -> list[cnc.Sentence]:
    return [cnc.Sentence(f"s{i}", "x", causal=i % 3 == 0, relations=()) for i in range(n)]


def test_folds_partition_the_corpus_stratified_and_the_same_every_run() -> None:
    corpus = sentences(100)
    parts = cnc.folds(corpus, 5, seed=13)
    assert sorted(s.id for p in parts for s in p) == sorted(s.id for s in corpus)
    assert [len(p) for p in parts] == [20] * 5
    assert {sum(s.causal for s in p) for p in parts} <= {6, 7}  # 34 causal sentences over 5 folds
    assert parts == cnc.folds(corpus, 5, seed=13)
    assert parts != cnc.folds(corpus, 5, seed=14)


def word(w: str) -> tuple[int, int]:
    return PLAIN.index(w), PLAIN.index(w) + len(w)


def link(name: str, cause: tuple[int, int], effect: tuple[int, int], confidence: float = 0.9) -> cnc.BuiltLink:
    return cnc.BuiltLink(name, (Span(*cause),), (Span(*effect),), "after", confidence)


def test_each_gold_relation_matches_at_most_one_link() -> None:
    _, gold = cnc.parse_tagged(
        "<ARG1>Workers went on strike</ARG1> <SIG0>after</SIG0> <ARG0>the company cut wages</ARG0>"
        " , leaving ports idle ."
    )
    strike, cut = word("strike"), word("cut")  # "strike" in the effect, "cut" in the cause
    links = [link("a", cut, strike, 0.6), link("b", cut, strike, 0.9), link("c", strike, cut)]
    assert cnc.match([gold], links) == {1: 0}  # the more confident of the two
    sentence = cnc.Sentence("s", PLAIN, causal=True, relations=(gold,))
    result = cnc.score([sentence], {"s": links})
    assert (result.relations.tp, result.relations.fp, result.relations.fn) == (1, 2, 0)
    assert result.error_kinds["false: direction reversed (cause and effect swapped)"] == 1
    assert result.error_kinds["false: second link on a gold relation already matched"] == 1


def test_a_sentence_without_links_counts_against_recall_only() -> None:
    _, gold = cnc.parse_tagged("<ARG0>Prices rose</ARG0> <SIG0>so</SIG0> <ARG1>sales fell</ARG1> .")
    causal = cnc.Sentence("s1", "Prices rose so sales fell .", causal=True, relations=(gold,))
    quiet = cnc.Sentence("s2", "Sales were flat .", causal=False, relations=())
    result = cnc.score([causal, quiet], {"s2": [link("x", (0, 5), (6, 10))]})
    assert (result.sentences.tp, result.sentences.fp, result.sentences.fn) == (0, 1, 1)
    assert result.missed_signals == {"so": 1}
    assert result.false_in_non_causal == {"after": 1}
    assert result.relations.precision == 0.0 and result.relations.recall == 0.0


@pytest.mark.parametrize(
    "a, b, expected",
    [((0, 5), (5, 9), False), ((0, 5), (4, 9), True), ((3, 4), (0, 9), True), ((6, 7), (0, 5), False)],
)
def test_spans_that_only_touch_do_not_overlap(a: tuple[int, int], b: tuple[int, int], expected: bool) -> None:
    assert cnc.overlaps(Span(*a), Span(*b)) is expected
    assert cnc.overlaps(Span(*b), Span(*a)) is expected
