"""Training the ``kg_events`` model from annotated texts (``kg.corpora``).

Each text is cleaned and parsed as ``kg build`` does it; every candidate word becomes a row of
features labelled with the class of the gold event it heads, or NONE. A word inside a gold
mention that does not head it ("huge" in ECB+'s "MAKE HUGE OFFER" span) is left out rather than
counted as a negative. A multinomial logistic model with an L2 penalty is fitted by L-BFGS from
zero weights: a convex problem, so the same rows give the same model, run after run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.optimize
from spacy.language import Language
from spacy.tokens import Doc

from kg import cleanup
from kg.corpora import AnnotatedText, GoldEvent
from kg.nlp.causal_model import DocWords
from kg.nlp.causal_train import _matrix
from kg.nlp.event_detector import CLASSES, KEPT, EventModel, candidates, features
from kg.nlp.trigger_tagger import SPANS_KEY as TRIGGERS

MIN_COUNT = 2  # a feature seen once in training says nothing about new text
PENALTY = 1.0
MAX_ITER = 300
PRUNE = 0.002  # features whose weights are all this small are dropped from the saved model
# a word form the gold annotates this often outvotes the silver data's class for it (``contested``)
CONTEST_MIN_GOLD = 8
# ECB+'s action classes in TimeML's terms (a causative or generic action is an occurrence there)
ECB_CLASSES = {
    "ACTION_OCCURRENCE": "OCCURRENCE",
    "ACTION_STATE": "STATE",
    "ACTION_REPORTING": "REPORTING",
    "ACTION_ASPECTUAL": "ASPECTUAL",
    "ACTION_CAUSATIVE": "OCCURRENCE",
    "ACTION_GENERIC": "OCCURRENCE",
    "ACTION_PERCEPTION": "PERCEPTION",
}


@dataclass(frozen=True)
class Rows:
    """One text's candidate words as feature rows with their class numbers, and the character
    span of each word in the text as read (so that benchmarks can score them)."""

    id: str
    feats: list[list[str]]
    labels: list[int]
    spans: list[tuple[int, int]]


def event_class(cls: str) -> str:
    """A gold event's class in ``CLASSES``."""
    cls = cls.removeprefix("NEG_")
    return ECB_CLASSES.get(cls, cls) if cls in ECB_CLASSES or cls in CLASSES else "OCCURRENCE"


def rows(nlp: Language, texts: Iterable[AnnotatedText], *, batch_size: int = 16) -> Iterator[Rows]:
    """Parse ``texts`` with ``nlp`` (newskg's pipeline, without the learned stages) into rows."""
    items = ((clean.text, (text, clean)) for text in texts for clean in [cleanup.clean(text.text)])
    for doc, (text, clean) in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        yield label(doc, text, clean)


def label(doc: Doc, text: AnnotatedText, clean: cleanup.CleanText) -> Rows:
    """Rows of one parsed text: each candidate word with the class of the gold event it heads."""
    words = DocWords(doc)
    tokens = candidates(words)
    lexicon_types = {span.root.i: span.label_ for span in doc.spans.get(TRIGGERS, [])}
    spans = [clean.to_original(doc[i].idx, doc[i].idx + len(doc[i])) for i in tokens]
    heads = _heads(doc, tokens, spans, text.events)
    feats, labels, kept_spans = [], [], []
    for i, row, span in zip(tokens, features(doc, words, tokens, lexicon_types), spans, strict=True):
        gold = heads.get(i)
        if gold is None and any(e.begin < span[1] and span[0] < e.end for e in text.events):
            continue  # inside a gold mention it does not head: neither an event nor a counter-example
        feats.append(row)
        labels.append(CLASSES.index(event_class(gold.cls)) if gold is not None else 0)
        kept_spans.append(span)
    return Rows(text.id, feats, labels, kept_spans)


def _heads(
    doc: Doc, tokens: list[int], spans: list[tuple[int, int]], events: Sequence[GoldEvent]
) -> dict[int, GoldEvent]:
    """The candidate word that heads each gold event: of those inside it, the highest in the tree."""
    found: dict[int, GoldEvent] = {}
    for event in events:
        inside = [i for i, (b, e) in zip(tokens, spans, strict=True) if b < event.end and event.begin < e]
        if inside:
            found[min(inside, key=lambda i: (len(list(doc[i].ancestors)), i))] = event
    return found


def contested(gold: Iterable[Rows], silver: Iterable[Rows], *, min_gold: int = CONTEST_MIN_GOLD) -> frozenset[str]:
    """Word forms whose silver class says the opposite of the gold's about naming an event.

    The silver data's classes come from the TempEval-3 systems, which give a word form one class
    whatever its use: "added" is an OCCURRENCE 474 times in the silver, where TimeBank's annotators
    made it REPORTING 15 times in 23 ("he added"). Where a form's majority class in the gold
    (seen at least ``min_gold`` times) is kept (``KEPT``) and the silver's is not, or the other way
    round, the gold is to be believed."""

    def majorities(rows: Iterable[Rows], least: int) -> dict[str, str]:
        counts: dict[str, Counter[int]] = {}
        for r in rows:
            for row, y in zip(r.feats, r.labels, strict=True):
                counts.setdefault(row[0], Counter())[y] += 1
        return {w: CLASSES[c.most_common(1)[0][0]] for w, c in counts.items() if c.total() >= least}

    gold_class = majorities(gold, min_gold)
    silver_class = majorities(silver, 1)
    return frozenset(
        w.removeprefix("w=")
        for w, cls in gold_class.items()
        if w in silver_class and (cls in KEPT) != (silver_class[w] in KEPT)
    )


def training_rows(gold: Sequence[Rows], silver: Sequence[Rows], reference: Sequence[Rows]) -> list[Rows]:
    """The gold rows and the silver ones, less the silver's words of a form ``contested`` by the
    ``reference`` gold: TimeBank, whose classes the silver's systems were built to give (ECB+'s
    scheme differs: "made history" is an action there)."""
    return [*gold, *without(silver, contested(reference, silver))]


def without(rows: Iterable[Rows], forms: frozenset[str]) -> list[Rows]:
    """``rows`` with the candidate words of ``forms`` left out (no example either way)."""
    out = []
    for r in rows:
        # ``features`` puts the word form first
        keep = [k for k, row in enumerate(r.feats) if row[0].removeprefix("w=") not in forms]
        out.append(Rows(r.id, [r.feats[k] for k in keep], [r.labels[k] for k in keep], [r.spans[k] for k in keep]))
    return out


def fit(
    feats: Sequence[list[str]],
    labels: Sequence[int],
    *,
    penalty: float = PENALTY,
    meta: dict[str, object] | None = None,
) -> EventModel:
    """A multinomial logistic model over the features seen at least ``MIN_COUNT`` times."""
    counts = Counter(f for row in feats for f in row)
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    x = _matrix(list(feats), {f: k for k, f in enumerate(vocab)})
    y = np.zeros((len(labels), len(CLASSES)))
    y[np.arange(len(labels)), np.array(labels)] = 1.0
    shape = (len(vocab) + 1, len(CLASSES))

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(shape)
        z = x @ w[:-1] + w[-1]
        z -= z.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(z).sum(axis=1, keepdims=True))
        p = np.exp(z - log_norm)
        value = float(-(y * (z - log_norm)).sum() + 0.5 * penalty * (w[:-1] ** 2).sum())
        g = p - y
        grad = np.vstack([x.T @ g + penalty * w[:-1], g.sum(axis=0)])
        return value, grad.ravel()

    result = scipy.optimize.minimize(
        loss, np.zeros(shape).ravel(), jac=True, method="L-BFGS-B", options={"maxiter": MAX_ITER}
    )
    w = result.x.reshape(shape)
    keep = np.abs(w[:-1]).max(axis=1) >= PRUNE
    info = {
        "rows": len(labels),
        "features": int(keep.sum()),
        "penalty": penalty,
        "min_count": MIN_COUNT,
        "iterations": int(result.nit),
        **(meta or {}),
    }
    return EventModel(tuple(f for f, k in zip(vocab, keep, strict=True) if k), w[:-1][keep], w[-1], info)
