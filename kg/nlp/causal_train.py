"""Training the ``kg_causal`` models from parsed sentences with gold cause and effect spans.

Logistic regression with an L2 penalty, fitted by L-BFGS (scipy): a convex problem, so the same
data gives the same model, run after run. ``scripts/train_causal.py`` trains the shipped model
on the CNC; the CNC benchmark trains one per cross-validation fold through ``train``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.optimize
import scipy.sparse
from spacy.tokens import Doc, Token

from kg.model import Span
from kg.nlp.causal_encoder import PairEncoder
from kg.nlp.causal_model import (
    TOP_PAIRS,
    CausalModel,
    DocWords,
    LinearModel,
    SentenceFeatures,
    candidate_spans,
    featurize,
    is_candidate,
    pair_log_probabilities,
    sentence_only,
    triggers_of,
)

MIN_COUNT = 2  # a feature seen once in training says nothing about new text
PAIR_PENALTY = 1.0
SENTENCE_PENALTY = 3.0
PRUNE = 0.005  # weights this small are dropped from the saved model
MAX_ITER = 400


@dataclass(frozen=True)
class Example:
    """A parsed text (one CNC sentence) and its gold relations as (cause, effect) character spans."""

    doc: Doc
    relations: tuple[tuple[Span, Span], ...]
    signals: tuple[str, ...]  # the gold signal texts, lowercased
    causal: bool


def span_head(doc: Doc, span: Span) -> Token | None:
    """The word that heads a gold argument: its candidate highest in the tree."""
    tokens = [t for t in doc if t.idx < span.end and t.idx + len(t) > span.begin]
    found = [t for t in tokens if is_candidate(t)]
    if not found:
        return None
    return min(found, key=lambda t: (sum(1 for _ in t.ancestors), t.i))


def _matrix(rows: list[list[str]], index: dict[str, int]) -> scipy.sparse.csr_matrix:
    indices: list[int] = []
    indptr = [0]
    for feats in rows:
        indices.extend(sorted({index[f] for f in feats if f in index}))
        indptr.append(len(indices))
    data = np.ones(len(indices))
    shape = (len(rows), len(index))
    return scipy.sparse.csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=shape)


def fit(rows: list[list[str]], labels: list[int], *, penalty: float) -> LinearModel:
    """A logistic model over the features seen at least ``MIN_COUNT`` times."""
    counts = Counter(f for feats in rows for f in set(feats))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    x = _matrix(rows, {f: k for k, f in enumerate(vocab)})
    y = np.array(labels, dtype=np.float64)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w[:-1] + w[-1]
        # log(1 + e^z) - y z, computed stably
        value = float(np.logaddexp(0, z).sum() - y @ z + 0.5 * penalty * (w[:-1] @ w[:-1]))
        g = 1 / (1 + np.exp(-z)) - y
        grad = np.append(x.T @ g + penalty * w[:-1], g.sum())
        return value, grad

    result = scipy.optimize.minimize(
        loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B", options={"maxiter": MAX_ITER}
    )
    w = result.x
    keep = np.abs(w[:-1]) >= PRUNE
    return LinearModel([f for f, k in zip(vocab, keep, strict=True) if k], w[:-1][keep], float(w[-1]))


@dataclass
class _Rows:
    sentence_rows: list[list[str]] = field(default_factory=list)
    sentence_labels: list[int] = field(default_factory=list)
    pair_rows: list[list[str]] = field(default_factory=list)
    pair_labels: list[int] = field(default_factory=list)
    pair_hits: list[bool] = field(default_factory=list)  # inside a gold cause and effect, heads or not
    # per causal sentence: the rows of its pairs, and which of them fall inside a gold relation
    pair_groups: list[tuple[range, list[bool]]] = field(default_factory=list)


def _inside(doc: Doc, i: int, span: Span) -> bool:
    return doc[i].idx < span.end and doc[i].idx + len(doc[i]) > span.begin


def gold_heads(ex: Example) -> set[tuple[int, int]]:
    """The (cause, effect) head words of the example's gold relations."""
    gold = set()
    for cause, effect in ex.relations:
        c, e = span_head(ex.doc, cause), span_head(ex.doc, effect)
        if c is not None and e is not None and c != e:
            gold.add((c.i, e.i))
    return gold


def sentence_label(ex: Example, sf: SentenceFeatures, heads: set[int], sentences: int) -> int:
    """1 when the sentence holds a gold head; a causal text of one sentence is a causal
    sentence, whatever its heads."""
    return int(any(sf.sent.start <= i < sf.sent.end for i in heads) or (ex.causal and sentences == 1))


def pair_hit(ex: Example, i: int, j: int) -> bool:
    """Whether ``i`` lies inside a gold cause and ``j`` inside its effect (heads or not)."""
    return any(_inside(ex.doc, i, c) and _inside(ex.doc, j, e) for c, e in ex.relations)


def _rows(examples: Sequence[Example], signals: frozenset[str]) -> _Rows:
    rows = _Rows()
    for ex in examples:
        gold = gold_heads(ex)
        heads = {i for pair in gold for i in pair}
        sentences = list(featurize(ex.doc, signals))
        for sf in sentences:
            label = sentence_label(ex, sf, heads, len(sentences))
            rows.sentence_rows.append(sf.feats)
            rows.sentence_labels.append(label)
            first = len(rows.pair_rows)
            hits = []
            for (i, j), feats in zip(sf.pairs, sf.pair_feats, strict=True):
                rows.pair_rows.append(["c:" + f for f in sf.words[i]] + ["e:" + f for f in sf.words[j]] + feats)
                rows.pair_labels.append(int((i, j) in gold))
                hits.append(pair_hit(ex, i, j))
                rows.pair_hits.append(hits[-1])
            if label and hits:
                rows.pair_groups.append((range(first, len(rows.pair_rows)), hits))
    return rows


def fit_pairs(rows: _Rows) -> LinearModel:
    """The pair model, fitted on the heads of gold relations against every other pair but those
    of two other words inside a gold cause and effect ("rubber bullets" for "fired"): the link
    such a pair makes is right, so it is no counter-example (measured: the best pair of a held-out
    causal CNC sentence lies inside its gold relation 73.0% of the time, 70.7% when they count
    as counter-examples)."""
    kept = [k for k, (label, hit) in enumerate(zip(rows.pair_labels, rows.pair_hits, strict=True)) if label or not hit]
    return fit([rows.pair_rows[k] for k in kept], [rows.pair_labels[k] for k in kept], penalty=PAIR_PENALTY)


def _platt(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """``a, b`` such that sigmoid(a + b * score) is the observed frequency of ``labels``."""

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = w[0] + w[1] * scores
        g = 1 / (1 + np.exp(-z)) - labels
        return float(np.logaddexp(0, z).sum() - labels @ z), np.array([g.sum(), g @ scores])

    a, b = scipy.optimize.minimize(loss, np.array([0.0, 1.0]), jac=True, method="L-BFGS-B").x
    # rounded: the last digits of a fit vary with the order of floating-point sums, the file must not
    return round(float(a), 6), round(float(b), 6)


def calibrate(examples: Sequence[Example], signals: frozenset[str]) -> dict[str, list[float]]:
    """Platt scaling fitted on text the models did not see: both models are trained on every
    other example and read the rest. The sentence model's score becomes the probability that a
    sentence states a causal link; the pair model's score of a causal sentence's best pair, the
    probability that this pair lies inside a gold cause and effect (the CNC's relation match)."""
    train, held = _rows(examples[::2], signals), _rows(examples[1::2], signals)
    sentence = fit(train.sentence_rows, train.sentence_labels, penalty=SENTENCE_PENALTY)
    pair = fit_pairs(train)
    s_scores = np.array([sentence.score(set(f)) + sentence.bias for f in held.sentence_rows])
    best, right = [], []
    for group, hits in held.pair_groups:
        scores = [pair.score(held.pair_rows[k]) + pair.bias for k in group]
        top = int(np.argmax(scores))
        best.append(scores[top])
        right.append(float(hits[top]))
    return {
        "sentence": list(_platt(s_scores, np.array(held.sentence_labels, dtype=np.float64))),
        "pair": list(_platt(np.array(best), np.array(right))),
    }


def _logistic(x: np.ndarray, y: np.ndarray) -> list[float]:
    """Weights (bias first) of a logistic model of ``y`` on the columns of ``x``, lightly penalised."""

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = w[0] + x @ w[1:]
        g = 1 / (1 + np.exp(-z)) - y
        penalty = 1e-3 * (w[1:] @ w[1:])
        return float(np.logaddexp(0, z).sum() - y @ z + penalty), np.append(g.sum(), x.T @ g + 2e-3 * w[1:])

    found = scipy.optimize.minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B").x
    return [round(float(v), 6) for v in found]


def fit_stack(model: CausalModel, encoder: PairEncoder, held: Sequence[Example]) -> dict[str, object]:
    """The weights that combine the parse model's and the encoder's log-odds, fitted on ``held``
    (text neither was trained on): for sentences, against whether they state a causal link; for
    the best pairs (``TOP_PAIRS``) of causal sentences, against whether they lie inside a gold
    cause and effect. What ``kg.nlp.causal_encoder.Stack`` reads."""
    sentences: list[tuple[float, float]] = []
    sentence_labels: list[int] = []
    pairs: list[tuple[float, float]] = []
    pair_labels: list[int] = []
    for ex in held:
        heads = {i for pair in gold_heads(ex) for i in pair}
        words, triggers = DocWords(ex.doc), triggers_of(ex.doc)
        found = [sentence_only(words, sent, model.signals) for sent in ex.doc.sents]
        for sf in found:
            label = sentence_label(ex, sf, heads, len(found))
            sentence, matrix = encoder.read(sf.sent.text, candidate_spans(sf))
            sentences.append((model.sentence_logit(sf), sentence))
            sentence_labels.append(label)
            if not label:
                continue
            read = pair_log_probabilities(sf, matrix)
            parse_only = {(p.cause, p.effect): p.probability for p in model.pairs_of(words, sf, triggers, None, 10**6)}
            ranked = sorted(parse_only, key=lambda ij: -(_logit(parse_only[ij]) + read[ij]))
            for i, j in ranked[:TOP_PAIRS]:
                pairs.append((_logit(parse_only[(i, j)]), read[(i, j)]))
                pair_labels.append(int(pair_hit(ex, i, j)))
    return {
        "sentence": _logistic(np.array(sentences), np.array(sentence_labels, dtype=np.float64)),
        "pair": _logistic(np.array(pairs), np.array(pair_labels, dtype=np.float64)),
        "held": {"sentences": len(sentences), "pairs": len(pairs)},
    }


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)  # the probabilities are rounded to four decimals
    return math.log(p / (1 - p))


def train(examples: Sequence[Example], provenance: Mapping[str, object] | None = None) -> CausalModel:
    """The parse-feature model; ``provenance`` (versions, data hashes, scores) joins its metadata."""
    signal_counts = Counter(w for ex in examples for s in ex.signals for w in s.split())
    signals = frozenset(w for w, n in signal_counts.items() if n >= MIN_COUNT)
    rows = _rows(examples, signals)
    meta: dict[str, object] = {
        "texts": len(examples),
        "sentences": len(rows.sentence_rows),
        "pairs": len(rows.pair_rows),
        "positive_pairs": sum(rows.pair_labels),
        "pair_penalty": PAIR_PENALTY,
        "sentence_penalty": SENTENCE_PENALTY,
        "min_count": MIN_COUNT,
        "calibration": calibrate(examples, signals),
        **(provenance or {}),
    }
    sentence = fit(rows.sentence_rows, rows.sentence_labels, penalty=SENTENCE_PENALTY)
    pair = fit_pairs(rows)
    return CausalModel(sentence, pair, signals, meta)
