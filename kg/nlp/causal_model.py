"""A trained reader of causal links, run as the spaCy component ``kg_causal``.

Two logistic models over features of the dependency parse, trained on the Causal News Corpus
(``scripts/train_causal.py``):

- the *sentence* model: how likely a sentence states a causal link at all (CNC subtask 1);
- the *pair* model: for two words whose dependency path is at most ``MAX_PATH`` steps, how
  likely the first heads the cause and the second the effect. Its score splits into a part for
  each word (computed once per word) and a part for the path between them, so a sentence costs
  a few dictionary look-ups per word and per nearby pair.

Features are strings (lemmas, tags, dependency labels, the path's labels with its
prepositions and clause markers), so the model reads any spaCy pipeline's parse; it does not
use the tok2vec tensor. When the model's folder also holds an encoder (``kg.nlp.causal_encoder``,
a fine-tuned transformer with a sentence and a pair head), each sentence the parse model finds at
least ``ENCODER_GATE`` likely is read by it too, and the two models' log-odds, of the sentence and
of each pair, are combined by the weights fitted with it (``Stack``).

The component writes ``doc._.kg_causal``: one ``Reading`` per sentence,
with its probability and its best pairs, each with the calibrated probability that the link it
makes is right (``LinkScale``); ``kg.extract.causal`` turns them into links between events.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, SPACY, TAG
from spacy.tokens import Doc, Span, Token

from kg.nlp.causal_encoder import PairEncoder, Stack

# the model shipped with the package (trained on the whole CNC V2 training split)
SHIPPED = Path(__file__).resolve().parent.parent / "models" / "causal"
EXTENSION = "kg_causal"
MAX_PATH = 4  # 94% of the CNC's cause/effect heads are at most 4 dependency steps apart
TOP_PAIRS = 6  # pairs kept per sentence for the extractor
SCORED_PAIRS = 20  # pairs whose paths are read, the best by their two words' scores
SENTENCE_PATH = 3  # paths this short also describe the sentence as a whole
WINDOW = 12  # signal words looked for between a pair's words, at most this many tokens on
FUNCTION_CHILDREN = frozenset({"mark", "advmod", "aux", "auxpass", "neg", "prep", "agent", "cc", "prt", "dative"})
CLAUSES = frozenset({"advcl", "acl", "xcomp", "ccomp", "relcl", "conj", "pcomp"})
NAMED = frozenset({"prep", "agent", "dative"}) | CLAUSES  # node labels that add a word or a form
CLOSED = frozenset({"ADP", "SCONJ", "PART", "ADV", "CCONJ"})
# bumped whenever the sentence, pair or word features change: a model trained on other features
# must not be read (its weights would be silently ignored)
FEATURE_VERSION = 1
# sentences the parse-feature model finds less likely than this are not given to the encoder:
# it seldom lifts them past the threshold, and it costs more than a parse per sentence
ENCODER_GATE = 0.1
# the reader's links' calibration, fitted on links as they stand in CNC builds (scripts.calibrate_reader)
LINK_CALIBRATION = Path(__file__).resolve().parent.parent / "resources" / "reader_calibration.json"


@dataclass(frozen=True, slots=True)
class Pair:
    cause: int  # token index in the doc
    effect: int
    probability: float  # that the pair lies inside the cause and effect, given a causal sentence
    confidence: float  # that its link is right if it is the first link built from its sentence (LinkScale)


@dataclass(frozen=True)
class LinkScale:
    """The probability that a link of the reader is right, from the product of its sentence's and
    its pair's probabilities and whether an earlier link was built from the sentence: that
    product, read on CNC builds, understates a sentence's first link (stated 0.35, right 0.43)
    and overstates the next ones (stated 0.55, right 0.33: the first often took their gold
    relation). sigmoid(bias + slope * logit(product) + later)."""

    bias: float = 0.0
    slope: float = 1.0
    later: float = 0.0

    def __call__(self, product: float, later: bool = False) -> float:
        z = self.bias + self.slope * _logit(product)
        return _sigmoid(z + self.later) if later else _sigmoid(z)

    def after_first(self, first: float) -> float:
        """A link's confidence when it is not its sentence's first, from the one it has as first."""
        return _sigmoid(_logit(first) + self.later)

    @staticmethod
    @cache
    def shipped() -> LinkScale:
        data = json.loads(LINK_CALIBRATION.read_text(encoding="utf-8"))
        return LinkScale(float(data["bias"]), float(data["slope"]), float(data["later"]))


@dataclass(frozen=True, slots=True)
class Reading:
    """What the model reads in one sentence: how likely it states a causal link, and its best pairs."""

    start: int  # the sentence's first token
    probability: float
    pairs: tuple[Pair, ...]
    scale: LinkScale  # what turned the pairs' probabilities into confidences
    floor: float  # no link is built under it


# ------------------------------------------------------------------------------- features
def is_candidate(tok: Token) -> bool:
    """A word that can head a cause or an effect: a verb, a noun, a clause-heading auxiliary or adjective."""
    return _candidate(tok.pos_, tok.dep_)


def _candidate(pos: str, dep: str) -> bool:
    if pos == "VERB":
        return True
    if pos in ("NOUN", "PROPN"):
        return dep != "compound"
    if pos == "AUX":
        return dep not in ("aux", "auxpass")
    if pos == "ADJ":
        return dep in ("ROOT", "acomp", "conj", "ccomp", "advcl", "xcomp")
    return False


def _marked_label(dep: str, lower: str, tag: str, marker: str) -> str:
    """A path step: the dependency label, with the preposition ("prep:after") or the clause's
    marker or form ("advcl[after]", "advcl[VBG]", "xcomp[to]"); ``marker`` is the clause's first
    "mark" or "aux" child that is IN, TO or WRB ("" when none)."""
    if dep in ("prep", "agent", "dative"):
        return f"{dep}:{lower}"
    if dep in CLAUSES:
        return f"{dep}[{marker or tag}]"
    return dep


class DocWords:
    """Per-token strings of a whole doc, read from spaCy once: one ``doc.to_array`` and the string
    store, since a token's attribute is a ``doc[i]`` plus a property call, for each token and
    attribute. Lists indexed by the token's index in the doc."""

    __slots__ = ("deps", "ents", "function_children", "heads", "labels", "lemmas", "lowers", "poses", "spaces", "tags")

    def __init__(self, doc: Doc) -> None:
        array = doc.to_array([LOWER, LEMMA, DEP, POS, TAG, HEAD, ENT_TYPE, SPACY])
        strings = doc.vocab.strings
        columns = array.T.tolist()
        lowers, lemmas, deps, poses, tags, ents = ([strings[h] for h in columns[k]] for k in (0, 1, 2, 3, 4, 6))
        # HEAD is relative, stored unsigned: as int64 it is the signed offset
        heads = [i + offset for i, offset in enumerate(array[:, 5].astype(np.int64).tolist())]
        self.lowers, self.deps, self.poses, self.tags, self.heads, self.ents = lowers, deps, poses, tags, heads, ents
        self.lemmas = [lemma.lower() for lemma in lemmas]
        self.spaces = [bool(space) for space in columns[7]]  # whether whitespace follows the token
        # a token's children in the order spaCy gives them (by index): the clause markers that
        # node labels name, and the function words that word features name
        markers: dict[int, str] = {}
        children: dict[int, list[str]] = {}
        named: list[int] = []  # the tokens whose node label is more than their dependency label
        for k, (dep, head) in enumerate(zip(deps, heads, strict=True)):
            if dep in NAMED:
                named.append(k)
            if head == k:
                continue
            if dep in ("mark", "aux") and tags[k] in ("IN", "TO", "WRB"):
                markers.setdefault(head, lowers[k])
            if dep in FUNCTION_CHILDREN:
                children.setdefault(head, []).append(f"child:{dep}:{lowers[k]}")
        self.function_children = children
        self.labels = labels = list(deps)
        for k in named:
            labels[k] = _marked_label(deps[k], lowers[k], tags[k], markers.get(k, ""))


def word_features(doc: DocWords, i: int, trigger: str | None) -> list[str]:
    """Features of one word (token ``i``), the same whether it is read as a cause or as an effect."""
    dep, tag = doc.deps[i], doc.tags[i]
    feats = [
        "bias",
        "dep=" + dep,
        "pos=" + doc.poses[i],
        "tag=" + tag,
        "lemma=" + doc.lemmas[i],
        "left=" + (doc.lowers[i - 1] if i > 0 else "<s>"),
        "node=" + doc.labels[i],
    ]
    if trigger is not None:
        feats += ["trigger", "trigger=" + trigger]
    if doc.ents[i]:
        feats.append("ent=" + doc.ents[i])
    feats += doc.function_children.get(i, ())
    head = doc.heads[i]
    if head != i:
        feats += [f"head:{dep}:{doc.lemmas[head]}", f"headpos:{dep}:{doc.poses[head]}"]
        above = doc.heads[head]
        if doc.deps[head] in ("prep", "agent") and above != head:
            word = doc.lowers[head]
            feats += [f"pp:{word}:{doc.poses[above]}", f"pp:{word}:{doc.lemmas[above]}"]
    return list(dict.fromkeys(feats))  # each feature once, as training counts them


# a path between two words: its labels ("nsubj^advcl[after]"), its steps, and the common ancestor
TreePath = tuple[str, int, int]


def paths(words: Words, candidates: list[int]) -> dict[tuple[int, int], TreePath]:
    """Every ordered pair of candidates at most ``MAX_PATH`` steps apart in the tree, with the path:
    the labels of the tokens from the first up to (not including) the common ancestor, "^", and
    those from there down to the second."""
    head, labels = words.doc.heads, words.doc.labels
    above: dict[int, tuple[int, ...]] = {}
    ups: dict[int, list[str]] = {}
    # where each candidate's chain passes: ancestor -> (candidate, steps up to it, the token
    # before it on the chain or -1, the labels from it down to the candidate)
    through: dict[int, list[tuple[int, int, int, str]]] = {}
    for j in candidates:
        chain = [j]
        while head[chain[-1]] != chain[-1] and len(chain) <= MAX_PATH:
            chain.append(head[chain[-1]])
        above[j] = tuple(chain)
        # the labels on the way up ("a/b") and, reversed, on the way down ("b/a"), by steps: a
        # pair's path joins two of these instead of joining its labels anew
        up, down = "", ""
        ups[j] = ["^"]  # "^" already added: one concatenation per pair
        through.setdefault(j, []).append((j, 0, -1, down))
        for m in range(1, len(chain)):
            label = labels[chain[m - 1]]
            up = up + "/" + label if m > 1 else label
            down = label + "/" + down if m > 1 else label
            ups[j].append(up + "^")
            through.setdefault(chain[m], []).append((j, m, chain[m - 1], down))
    found: dict[tuple[int, int], TreePath] = {}
    for i in candidates:
        up_i = ups[i]
        previous = -2  # the token before t on i's chain; -2: none (never equal to the -1 above)
        for k, t in enumerate(above[i]):
            room = MAX_PATH - k
            for j, m, below, down in through[t]:
                # the same token just below t on both chains: a lower common ancestor, found there
                if m <= room and j != i and below != previous:
                    found[(i, j)] = (up_i[k] + down, k + m, t)
            previous = t
    return found


@dataclass(frozen=True)
class Words:
    """The strings of one sentence's words: the doc's (``DocWords``), and the sentence's own."""

    doc: DocWords
    signals: tuple[tuple[int, str], ...]  # the signal words, in order, with their index
    plain: list[str]  # the sentence features that need no path


def read_words(doc: DocWords, sent: Span, signals: frozenset[str]) -> tuple[Words, list[int]]:
    """One pass over a sentence's tokens: the signal words, the candidates, and the features that
    need no path."""
    lemmas, deps, heads, lowers, poses, tags = doc.lemmas, doc.deps, doc.heads, doc.lowers, doc.poses, doc.tags
    found, candidates = [], []
    plain = ["bias"]
    previous = "<s>"
    for i in range(sent.start, sent.end):
        lemma, dep, lower, pos, head = lemmas[i], deps[i], lowers[i], poses[i], heads[i]
        if lower in signals:
            found.append((i, lower))
        if _candidate(pos, dep):
            candidates.append(i)
        plain.append("w=" + lemma)
        plain.append(f"d={dep}:{lemma if pos in CLOSED else tags[i]}")
        if head != i:
            plain.append(f"h={dep}:{lemmas[head]}:{lemma}")
        plain.append(f"bi={previous}_{lower}")
        previous = lower
    return Words(doc, tuple(found), plain), candidates


def path_features(i: int, j: int, path: TreePath, words: Words) -> list[str]:
    """Features of the path from a cause word ``i`` to an effect word ``j``."""
    labels, steps, top = path
    deps = words.doc.deps
    order = "<" if i < j else ">"
    feats = [
        "path=" + labels,
        f"path{order}={labels}",
        "order=" + order,
        f"steps={steps}{order}",
        f"deps={deps[i]}|{deps[j]}{order}",
    ]
    if top in (i, j):
        feats.append(f"pathtop={labels}:{'cause' if top == i else 'effect'}")
    else:
        lemma = words.doc.lemmas[top]
        feats += [f"pathtop={labels}:{lemma}", "top=" + lemma]
    low, high = min(i, j), max(i, j)
    stop = min(high, low + WINDOW)
    for k, word in words.signals:
        if low < k < stop:
            feats.append(f"between{order}{word}")
    return list(dict.fromkeys(feats))


def sentence_features(paths_: Iterable[TreePath], words: Words) -> list[str]:
    """Features of a sentence as a whole: its words, their dependencies (``words.plain``), and its
    short paths."""
    feats = list(words.plain)
    lemmas = words.doc.lemmas
    for labels, steps, top in paths_:
        if steps <= SENTENCE_PATH:
            feats.append("p=" + labels)
            feats.append(f"p={labels}:{lemmas[top]}")
    return feats


def triggers_of(doc: Doc) -> dict[int, str]:
    found: dict[int, str] = {}
    for span in doc.spans.get("kg_triggers", []):
        for k in range(span.start, span.end):
            found[k] = span.label_
    return found


@dataclass
class SentenceFeatures:
    """Everything the two models read in one sentence (training reads the same)."""

    sent: Span
    candidates: list[int]
    words: dict[int, list[str]]
    pairs: list[tuple[int, int]]
    pair_feats: list[list[str]]
    feats: list[str]
    paths: dict[tuple[int, int], TreePath]
    words_: Words


def featurize(doc: Doc, signals: frozenset[str]) -> Iterator[SentenceFeatures]:
    """The features of each sentence, its pairs' included (what training reads)."""
    triggers = triggers_of(doc)
    words = DocWords(doc)
    for sent in doc.sents:
        sf = sentence_only(words, sent, signals)
        add_pairs(sf, triggers)
        yield sf


def sentence_only(doc: DocWords, sent: Span, signals: frozenset[str]) -> SentenceFeatures:
    """A sentence's candidates, paths and sentence features; its pairs' features come later
    (``add_pairs``), and only for a sentence likely enough to hold a link."""
    words, candidates = read_words(doc, sent, signals)
    found = paths(words, candidates)
    feats = sentence_features(found.values(), words)
    return SentenceFeatures(sent, candidates, {}, list(found), [], feats, found, words)


def add_pairs(sf: SentenceFeatures, triggers: dict[int, str]) -> None:
    doc = sf.words_.doc
    sf.words = {i: word_features(doc, i, triggers.get(i)) for i in sf.candidates}
    sf.pair_feats = [path_features(i, j, sf.paths[(i, j)], sf.words_) for i, j in sf.pairs]


def pair_log_probabilities(sf: SentenceFeatures, matrix: np.ndarray) -> dict[tuple[int, int], float]:
    """The encoder's log-probability that each of the sentence's pairs is the one that heads its
    cause and effect: its pair log-odds, normalised over the sentence's pairs (how it is trained)."""
    index = {i: k for k, i in enumerate(sf.candidates)}
    scores = np.array([matrix[index[i], index[j]] for i, j in sf.pairs], dtype=np.float64)
    if not len(scores):
        return {}
    top = scores.max()
    normaliser = top + math.log(float(np.exp(scores - top).sum()))
    return {pair: float(z - normaliser) for pair, z in zip(sf.pairs, scores, strict=True)}


def candidate_spans(sf: SentenceFeatures) -> list[tuple[int, int]]:
    """The candidates' character offsets in the sentence's text (what the encoder reads)."""
    doc, start = sf.sent.doc, sf.sent.start_char
    return [(doc[i].idx - start, doc[i].idx - start + len(doc[i])) for i in sf.candidates]


# ------------------------------------------------------------------------------- the model
def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


class LinearModel:
    """A logistic model over string features: ``weights[vocab[feature]]``, summed, plus a bias."""

    def __init__(self, vocab: list[str], weights: np.ndarray, bias: float) -> None:
        self.vocab = vocab
        self.index = {f: k for k, f in enumerate(vocab)}
        self.weights = weights.astype(np.float64)
        self.bias = float(bias)
        # plain floats by feature: look-ups without numpy's per-item overhead
        self.table: dict[str, float] = dict(zip(vocab, self.weights.tolist(), strict=True))

    def score(self, feats: Iterable[str]) -> float:
        return sum(map(self.table.get, feats, repeat(0.0)))


class CausalModel:
    """The sentence and pair models and the signal words the pair features look for."""

    def __init__(
        self,
        sentence: LinearModel,
        pair: LinearModel,
        signals: frozenset[str],
        meta: dict[str, object],
        encoder: PairEncoder | None = None,
        link_scale: LinkScale | None = None,
    ):
        self.sentence = sentence
        self.encoder = encoder
        # fitted on builds with the parse models alone: the encoder's stacked readings keep their own
        self.link_scale = link_scale if link_scale is not None and encoder is None else LinkScale()
        self.pair = pair
        self.signals = signals
        self.meta = meta
        calibration = meta.get("calibration") or {"sentence": [0.0, 1.0], "pair": [0.0, 1.0]}
        assert isinstance(calibration, dict)
        self.sentence_scale = tuple(calibration["sentence"])
        self.pair_scale = tuple(calibration["pair"])
        # a word feature's weights as a cause and as an effect, found with one look-up
        table = pair.table
        words = {f[2:] for f in table if f.startswith(("c:", "e:"))}
        self.word_weights = {f: (table.get("c:" + f, 0.0), table.get("e:" + f, 0.0)) for f in words}

    def read(self, doc: Doc, floor: float = 0.0) -> list[Reading]:
        """Each sentence's probability and its best pairs, those whose link, as its sentence's
        first, is at least ``floor`` likely only."""
        readings = []
        triggers = triggers_of(doc)
        words = DocWords(doc)
        for sent in doc.sents:
            sf = sentence_only(words, sent, self.signals)
            parse = self.sentence_logit(sf)
            encoded = None
            if self.encoder is not None and _sigmoid(parse) >= ENCODER_GATE:
                encoded = self.encoder.read(sent.text, candidate_spans(sf))
                p_sentence = Stack.combine(self.encoder.stack.sentence, parse, encoded[0])
            else:
                p_sentence = _sigmoid(parse)
            if self.link_scale(p_sentence) < floor:
                # no pair can reach the floor (a pair's probability is at most 1): skip the pairs' features
                readings.append(Reading(sent.start, round(p_sentence, 4), (), self.link_scale, floor))
                continue
            scored = self.pairs_of(words, sf, triggers, encoded, p_sentence=round(p_sentence, 4))
            kept = tuple(p for p in scored[:TOP_PAIRS] if p.confidence >= floor)
            readings.append(Reading(sent.start, round(p_sentence, 4), kept, self.link_scale, floor))
        return readings

    def sentence_logit(self, sf: SentenceFeatures) -> float:
        """The parse model's calibrated log-odds that the sentence states a causal link."""
        a, b = self.sentence_scale
        return float(a + b * (self.sentence.score(set(sf.feats)) + self.sentence.bias))

    def pairs_of(
        self,
        words: DocWords,
        sf: SentenceFeatures,
        triggers: dict[int, str],
        encoded: tuple[float, np.ndarray] | None = None,
        scored_pairs: int = SCORED_PAIRS,
        p_sentence: float = 1.0,
    ) -> list[Pair]:
        """The sentence's best pairs, most likely first: the parse model's probability, or its
        log-odds stacked with the encoder's (``encoded``: the encoder's reading of the sentence);
        each pair's link confidence given the sentence's probability ``p_sentence``."""
        as_cause, as_effect = self._word_scores(words, sf.candidates, triggers)
        read = pair_log_probabilities(sf, encoded[1]) if encoded is not None else None
        # the paths' features only for the pairs whose words score best: the others seldom reach
        # the top pairs (measured on the CNC: 14 of 600 sentences' readings differ, and the
        # cross-validated relation F1 moves by 0.004)
        # (a stable sort of the indices by precomputed keys: ties keep the pairs' order, as before)
        keys = [-(as_cause[i] + as_effect[j] + (read[(i, j)] if read is not None else 0.0)) for i, j in sf.pairs]
        best = sorted(range(len(keys)), key=keys.__getitem__)[:scored_pairs]
        a, b = self.pair_scale
        scored: list[tuple[int, int, float]] = []
        for i, j in (sf.pairs[k] for k in best):
            feats = path_features(i, j, sf.paths[(i, j)], sf.words_)
            parse = a + b * (as_cause[i] + as_effect[j] + self.pair.score(feats) + self.pair.bias)
            if read is not None and self.encoder is not None:
                p = Stack.combine(self.encoder.stack.pair, parse, read[(i, j)])
            else:
                p = _sigmoid(parse)
            scored.append((i, j, round(p, 4)))
        scored.sort(key=lambda p: (-p[2], p[0], p[1]))
        return [Pair(i, j, p, self.link_scale(p_sentence * p)) for i, j, p in scored]

    def _word_scores(
        self, doc: DocWords, candidates: list[int], triggers: dict[int, str]
    ) -> tuple[dict[int, float], dict[int, float]]:
        """Each candidate's score as a cause and as an effect, from its own features."""
        weights = self.word_weights
        as_cause, as_effect = {}, {}
        for i in candidates:
            cause = effect = 0.0
            for f in word_features(doc, i, triggers.get(i)):
                found = weights.get(f)
                if found is not None:
                    cause += found[0]
                    effect += found[1]
            as_cause[i], as_effect[i] = cause, effect
        return as_cause, as_effect

    # -- storage ----------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        data = {
            "feature_version": FEATURE_VERSION,
            "meta": self.meta,
            "signals": sorted(self.signals),
            "sentence": _dump(self.sentence),
            "pair": _dump(self.pair),
        }
        # mtime=0: the same training gives byte-identical files
        with gzip.GzipFile(folder / "model.json.gz", "wb", mtime=0) as f:
            f.write(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    @classmethod
    def load(cls, folder: Path, encoder: bool = False) -> CausalModel:
        """The models saved in ``folder``, with its sentence encoder when it has one and ``encoder``."""
        with gzip.open(folder / "model.json.gz", "rb") as f:
            data = json.loads(f.read().decode("utf-8"))
        if data.get("feature_version") != FEATURE_VERSION:
            raise ValueError(
                f"{folder}: a causal model for feature version {data.get('feature_version')}, "
                f"this code reads {FEATURE_VERSION}"
            )
        reader = PairEncoder(folder) if encoder and PairEncoder.present(folder) else None
        return cls(
            _undump(data["sentence"]),
            _undump(data["pair"]),
            frozenset(data["signals"]),
            data["meta"],
            reader,
            LinkScale.shipped(),
        )


def _dump(model: LinearModel) -> dict[str, object]:
    # four decimals are plenty for weights of a logistic model and keep the file small
    return {
        "bias": round(model.bias, 4),
        "features": dict(zip(model.vocab, np.round(model.weights, 4).tolist(), strict=True)),
    }


def _undump(data: dict[str, object]) -> LinearModel:
    features = data["features"]
    assert isinstance(features, dict)
    vocab = sorted(features)
    return LinearModel(vocab, np.array([features[f] for f in vocab], dtype=np.float64), float(data["bias"]))  # type: ignore[arg-type]


class CausalReader:
    """The ``kg_causal`` component: reads each sentence with the model, writes ``doc._.kg_causal``."""

    def __init__(self, path: str, threshold: float, encoder: bool = False) -> None:
        self.path = Path(path) if path else SHIPPED
        self.model = CausalModel.load(self.path, encoder)
        # links under the build's threshold are not built: their generic events would be noise
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        write(doc, self.model.read(doc, self.threshold), self.model.link_scale, self.threshold)
        return doc


def write(doc: Doc, found: Iterable[Reading], scale: LinkScale, floor: float) -> None:
    """Keep ``found`` on ``doc`` as plain numbers, so that docs cross process boundaries
    (nlp.pipe with n_process > 1)."""
    doc._.set(
        EXTENSION,
        {
            "floor": floor,
            "scale": [scale.bias, scale.slope, scale.later],
            "readings": [
                (r.start, r.probability, [(p.cause, p.effect, p.probability, p.confidence) for p in r.pairs])
                for r in found
            ],
        },
    )


def readings(doc: Doc) -> list[Reading] | None:
    """What ``kg_causal`` read in ``doc``; None when the pipeline has no such component."""
    if not Doc.has_extension(EXTENSION) or doc._.get(EXTENSION) is None:
        return None
    found = doc._.get(EXTENSION)
    scale = LinkScale(*found["scale"])
    return [
        Reading(start, probability, tuple(Pair(i, j, p, c) for i, j, p, c in pairs), scale, found["floor"])
        for start, probability, pairs in found["readings"]
    ]
