"""The Causal News Corpus (CNC V2) as gold causal relations with character offsets, its
cross-validation folds, and the scores of built links against it.

The CNC's text is kept exactly as given (pre-tokenised, tokens separated by single spaces):
that text is the document newskg builds, so the offsets of a relation's cause (``<ARG0>``),
effect (``<ARG1>``) and signals (``<SIGn>``) are exact once the tags are stripped. Pure
Python: no spaCy, no store.
"""

from __future__ import annotations

import ast
import csv
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import Span

# the shared data folder beside the checkout (../shared/data/README.md)
FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "cnc"
SUBTASK1 = "train_subtask1.csv"
SUBTASK2 = "train_subtask2_grouped.csv"
NO_SIGNAL = "(no signal)"  # a relation the annotators found without an explicit cue
_TAG = re.compile(r"<(/?)(ARG0|ARG1|SIG\d+)>")


@dataclass(frozen=True)
class GoldRelation:
    cause: Span
    effect: Span
    signals: tuple[Span, ...]  # SIG0, SIG1, ... in tag order
    signal: str  # the lowercased text of SIG0, or NO_SIGNAL


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    causal: bool
    relations: tuple[GoldRelation, ...]


def parse_tagged(tagged: str) -> tuple[str, GoldRelation]:
    """The plain text of one CNC relation string and the relation's character spans in it.

    >>> text, rel = parse_tagged("<ARG1>Roads closed</ARG1> <SIG0>after</SIG0> <ARG0>a storm</ARG0> .")
    >>> text, text[rel.cause.begin : rel.cause.end], rel.signal
    ('Roads closed after a storm .', 'a storm', 'after')
    """
    plain: list[str] = []
    length = 0
    opened: dict[str, int] = {}
    spans: dict[str, Span] = {}
    last = 0
    for m in _TAG.finditer(tagged):
        piece = tagged[last : m.start()]
        plain.append(piece)
        length += len(piece)
        last = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if not closing and name not in opened and name not in spans:
            opened[name] = length
        elif closing and name in opened:
            spans[name] = Span(opened.pop(name), length)
        else:
            raise ValueError(f"CNC relation with a stray or repeated <{m.group(1)}{name}> tag: {tagged!r}")
    plain.append(tagged[last:])
    if opened or "ARG0" not in spans or "ARG1" not in spans:
        raise ValueError(f"CNC relation without a closed ARG0 and ARG1: {tagged!r}")
    text = "".join(plain)
    signals = tuple(spans[k] for k in sorted((k for k in spans if k.startswith("SIG")), key=lambda k: int(k[3:])))
    signal = text[spans["SIG0"].begin : spans["SIG0"].end].lower() if "SIG0" in spans else NO_SIGNAL
    return text, GoldRelation(spans["ARG0"], spans["ARG1"], signals, signal)


def read(folder: Path) -> list[Sentence]:
    """The sentences of ``train_subtask1.csv`` in file order, each with its subtask-2 relations."""
    with (folder / SUBTASK2).open(encoding="utf-8-sig", newline="") as f:
        tagged = {f"{row['doc_id']}_{row['sent_id']}": row for row in csv.DictReader(f)}
    sentences = []
    with (folder / SUBTASK1).open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            relations = []
            for item in ast.literal_eval(tagged[row["index"]]["causal_text_w_pairs"]):
                text, relation = parse_tagged(item)
                if text != row["text"]:
                    raise ValueError(f"CNC {row['index']}: a relation's text differs from the sentence once untagged")
                relations.append(relation)
            sentences.append(Sentence(row["index"], row["text"], row["label"] == "1", tuple(relations)))
    return sentences


def folds(sentences: Sequence[Sentence], k: int, seed: int) -> list[list[Sentence]]:
    """``k`` test folds, stratified by label: each label's sentences shuffled with ``seed`` and
    dealt in turn, so every fold holds about the same share of causal sentences. Each fold
    keeps the corpus order."""
    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    rng = random.Random(seed)
    fold_of: dict[str, int] = {}
    dealt = 0
    for label in (True, False):
        ids = [s.id for s in sentences if s.causal == label]
        rng.shuffle(ids)
        for sid in ids:
            fold_of[sid] = dealt % k
            dealt += 1
    return [[s for s in sentences if fold_of[s.id] == j] for j in range(k)]


# -------------------------------------------------------------------------------- scoring
@dataclass(frozen=True)
class BuiltLink:
    """A kg:CausalRelation read back from a build: the mentions of its two events."""

    relation: str
    cause: tuple[Span, ...]
    effect: tuple[Span, ...]
    signal: str
    confidence: float


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Sentence-level (CNC subtask 1) and relation-level counts, and the errors behind them."""

    sentences: Counts = field(default_factory=Counts)
    relations: Counts = field(default_factory=Counts)
    gold_signals: Counter[str] = field(default_factory=Counter)
    missed_signals: Counter[str] = field(default_factory=Counter)
    built_signals: Counter[str] = field(default_factory=Counter)
    false_signals: Counter[str] = field(default_factory=Counter)
    false_in_non_causal: Counter[str] = field(default_factory=Counter)  # by signal
    error_kinds: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # "missed:to" -> first sentence id


def overlaps(a: Span, b: Span) -> bool:
    return a.begin < b.end and b.begin < a.end


def _fits(link: BuiltLink, cause: Span, effect: Span) -> bool:
    return any(overlaps(m, cause) for m in link.cause) and any(overlaps(m, effect) for m in link.effect)


def match(gold: Sequence[GoldRelation], links: Sequence[BuiltLink]) -> dict[int, int]:
    """Greedy one-to-one matching in one sentence, the most confident link first: link index ->
    gold index. A link fits a gold relation when a mention of its cause event overlaps the gold
    cause and a mention of its effect event overlaps the gold effect."""
    order = sorted(range(len(links)), key=lambda i: (-links[i].confidence, links[i].relation))
    taken: set[int] = set()
    matched: dict[int, int] = {}
    for i in order:
        g = next((j for j, rel in enumerate(gold) if j not in taken and _fits(links[i], rel.cause, rel.effect)), None)
        if g is not None:
            matched[i] = g
            taken.add(g)
    return matched


def _false_kind(link: BuiltLink, gold: Sequence[GoldRelation]) -> str:
    """Why a built link matched nothing: the most telling of its near misses."""
    if not gold:
        return "link in a sentence without gold relations"
    if any(_fits(link, g.cause, g.effect) for g in gold):
        return "second link on a gold relation already matched"
    if any(_fits(link, g.effect, g.cause) for g in gold):
        return "direction reversed (cause and effect swapped)"
    if any(any(overlaps(m, g.cause) for m in link.cause) for g in gold):
        return "cause right, effect outside the gold effect"
    if any(any(overlaps(m, g.effect) for m in link.effect) for g in gold):
        return "effect right, cause outside the gold cause"
    return "neither event inside a gold argument"


def score(sentences: Iterable[Sentence], built: Mapping[str, Sequence[BuiltLink]]) -> Score:
    """Score the links built for each sentence (by sentence id) against the gold relations."""
    result = Score()
    for sentence in sentences:
        links = built.get(sentence.id, ())
        predicted = bool(links)
        result.sentences.tp += predicted and sentence.causal
        result.sentences.fp += predicted and not sentence.causal
        result.sentences.fn += sentence.causal and not predicted
        matched = match(sentence.relations, links)
        hit = set(matched.values())
        result.relations.tp += len(matched)
        result.relations.fp += len(links) - len(matched)
        result.relations.fn += len(sentence.relations) - len(matched)
        for j, rel in enumerate(sentence.relations):
            result.gold_signals[rel.signal] += 1
            if j not in hit:
                result.missed_signals[rel.signal] += 1
                result.examples.setdefault(f"missed:{rel.signal}", sentence.id)
                result.error_kinds[
                    "missed: no link built in the sentence" if not links else "missed: links built, none on it"
                ] += 1
        for i, link in enumerate(links):
            signal = link.signal.lower()
            result.built_signals[signal] += 1
            if i not in matched:
                result.false_signals[signal] += 1
                result.false_in_non_causal[signal] += not sentence.relations
                result.examples.setdefault(f"false:{signal}", sentence.id)
                result.error_kinds[f"false: {_false_kind(link, sentence.relations)}"] += 1
    return result


def reliability(
    sentences: Iterable[Sentence], built: Mapping[str, Sequence[BuiltLink]], low: float, bins: int = 5
) -> list[dict[str, float | int]]:
    """Predicted against observed precision: the built links (confidence at least ``low``) in
    ``bins`` equal-width confidence bins up to 1, each bin's mean confidence next to the share
    of its links that match a gold relation. A calibrated reader has the two close."""
    width = (1.0 - low) / bins
    sums = [[0, 0.0, 0] for _ in range(bins)]  # links, summed confidence, right
    for sentence in sentences:
        links = built.get(sentence.id, ())
        matched = match(sentence.relations, links)
        for i, link in enumerate(links):
            b = min(int((link.confidence - low) / width), bins - 1)
            sums[b][0] += 1
            sums[b][1] += link.confidence
            sums[b][2] += i in matched
    return [
        {
            "from": round(low + b * width, 3),
            "to": round(low + (b + 1) * width, 3),
            "links": n,
            "predicted": round(total / n, 3) if n else 0.0,
            "observed": round(right / n, 3) if n else 0.0,
        }
        for b, (n, total, right) in enumerate(sums)
    ]
