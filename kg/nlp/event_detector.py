"""A trained event-mention detector, run as the spaCy component ``kg_events``.

A multinomial logistic model reads each candidate word (a verb, noun, adjective or clause-heading
auxiliary) from features of spaCy's parse: its forms, its place in the tree, its neighbours, what
modifies it, and two word lists as evidence among the others (the event lexicon's type and
WordNet's eventive nouns). It gives the probability of each event class of TimeML (OCCURRENCE,
REPORTING, STATE ...) or of none. It was trained on TimeBank, TempEval-3 silver and ECB+
(``scripts/train_events.py``, ``kg.nlp.event_train``); ``benchmarks.events_timebank`` measures it
through ``kg build``.

The component writes ``doc._.kg_event_probs``: for every candidate word, the probability that it
names an event of a class the graph keeps (``KEPT``, or a statement), and ``doc.spans["kg_events"]``:
the words at least ``threshold`` likely, each span extended over the words that name the event with
it (a particle, a noun compound: "crack down", "trade war", "shoot-to-kill order") and labelled
``STATEMENT`` where that is the likelier class. Typing and everything else is left to extraction.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from itertools import repeat
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.nlp.causal_model import DocWords
from kg.nlp.event_encoder import TokenEncoder

SHIPPED = Path(__file__).resolve().parent.parent / "models" / "events"
SPANS_KEY = "kg_events"
PROBS = "kg_event_probs"
# bumped whenever ``features`` changes: a model trained on other features must not be read
FEATURE_VERSION = 2
CLASSES = ("NONE", "OCCURRENCE", "I_ACTION", "STATE", "REPORTING", "I_STATE", "ASPECTUAL", "PERCEPTION")
# the classes that name something that happens in the world, as the encoder was fine-tuned to
# tell them; attitudes ("believe"), phases ("began") and perceptions ("saw") are how the text speaks
# of events
KEPT = ("OCCURRENCE", "I_ACTION")
# a statement ("said", "announced") is an event too (CAMEO's "make public statement"), read by the
# parse model alone: the encoder reads it as another class. The classes exclusive, its probability
# adds to the kept ones'; a word it makes likelier than they do is labelled with it, for extraction
# to type it a statement
STATEMENT = "REPORTING"
# a document's candidate words -> the parse model's probability of a kept class, and of a statement
Readings = tuple[dict[int, float], dict[int, float]]
# a sentence the encoder reads: its candidate words, its text, their offsets in it
Sentence = tuple[list[int], str, list[int]]
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX", "PROPN"})
# what the second part of a hyphenated word must not be for the first to be left out: a word of
# these parts of speech cannot carry the compound ("break-in", "pick-six" are named by the first)
NOT_CARRYING = frozenset({"ADP", "NUM", "PART", "PRON", "DET", "ADV"})
# words glued to a detected head into one mention: particles ("crack down"), noun compounds
# ("trade war"), hyphenated modifiers ("shoot-to-kill order")
EXTENT_DEPS = frozenset({"prt", "compound"})
# what a hyphenated word before the head may be to it ("kill" of "shoot-to-kill order" is an amod)
MODIFIER_DEPS = frozenset({"amod", "compound", "npadvmod", "nmod"})


# the weights are kept to five decimals, as whole numbers of 0.00001 (little-endian int32, base64):
# read back exactly, in a fifth of the time 880,000 numbers in JSON took (0.05 s, not 0.25 s)
WEIGHTS = "weights_e5"
WEIGHT_UNITS = 100_000


class EventModel:
    """Class weights by feature (a row of ``weights`` per ``vocab`` entry) and a bias per class."""

    def __init__(self, vocab: tuple[str, ...], weights: np.ndarray, bias: np.ndarray, meta: dict[str, object]) -> None:
        self.vocab = vocab
        self.weights = weights  # (len(vocab), len(CLASSES))
        self.bias = bias  # (len(CLASSES),)
        self.meta = meta
        self.index = {f: k for k, f in enumerate(vocab)}

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities, a row per feature list.

        The known features of all rows are looked up at once and laid out a row per word, padded
        with zeros; summing that over the features adds each row's weights in order, one after the
        other, as ``weights[ids].sum(axis=0)`` would: the same scores, without numpy calls per word."""
        ids = np.array(list(map(self.index.get, (f for feats in rows for f in feats), repeat(-1))), dtype=np.intp)
        row_of = np.repeat(np.arange(len(rows), dtype=np.intp), [len(feats) for feats in rows])
        known = ids >= 0
        ids, row_of = ids[known], row_of[known]
        counts = np.bincount(row_of, minlength=len(rows))
        place = np.arange(len(ids)) - np.repeat(np.cumsum(counts) - counts, counts)  # a feature's place in its row
        gathered = np.zeros((len(rows), int(counts.max(initial=0)), len(CLASSES)))
        gathered[row_of, place] = self.weights[ids]
        scores = self.bias + gathered.sum(axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        units = np.rint(self.weights * WEIGHT_UNITS)
        assert np.abs(units).max(initial=0) < 2**31  # a logistic model's weights are far smaller
        data = {
            "classes": list(CLASSES),
            "feature_version": FEATURE_VERSION,
            "vocab": list(self.vocab),
            WEIGHTS: base64.b64encode(units.astype("<i4").tobytes()).decode("ascii"),
            "bias": [round(float(b), 5) for b in self.bias],
            "meta": self.meta,
        }
        with gzip.GzipFile(folder / "model.json.gz", "wb", mtime=0) as handle:
            handle.write(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    @classmethod
    def load(cls, folder: Path) -> EventModel:
        with gzip.open(folder / "model.json.gz", "rb") as handle:
            data = json.loads(handle.read().decode("utf-8"))
        if data["feature_version"] != FEATURE_VERSION or tuple(data["classes"]) != CLASSES:
            raise ValueError(
                f"{folder}: a model for feature version {data['feature_version']}, this code reads {FEATURE_VERSION}"
            )
        units = np.frombuffer(base64.b64decode(data[WEIGHTS]), dtype="<i4")
        weights = (units / WEIGHT_UNITS).reshape(len(data["vocab"]), len(CLASSES))
        return cls(tuple(data["vocab"]), weights, np.array(data["bias"], dtype=np.float64), data["meta"])


@cache
def _eventive_nouns() -> frozenset[str]:
    lines = (lexicon.RESOURCES / "eventive_nouns.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line and not line.startswith("#"))


def candidates(words: DocWords) -> list[int]:
    """The words that can name an event: verbs, common nouns, adjectives, proper nouns (the
    Olympics), and auxiliaries that head a clause ("was" in "the news was that ..."); never a
    mark the tagger took for one (the hyphen of "re-sign", split off and tagged a verb), nor the
    first part of a hyphenated word that the rest carries (``_first_of_compound``)."""
    return [
        i
        for i, (pos, dep, lower) in enumerate(zip(words.poses, words.deps, words.lowers, strict=True))
        if pos in CANDIDATE_POS
        and dep not in ("aux", "auxpass")
        and any(c.isalnum() for c in lower)
        and not _first_of_compound(words, i)
    ]


def _first_of_compound(words: DocWords, i: int) -> bool:
    """Whether token ``i`` is the first part of a hyphenated word (no space either side of the
    "-", whatever the tagger made of it) whose second part can carry it: "re" of "re-sign", "cease"
    of "cease-fire", "year" of "year-old". The tokenizer splits such words, and the split-off prefix
    was tagged a noun or verb and built as an event of its own ("decision re", "it co"); the word's
    mention is its second part's, which ``extent`` extends over the hyphen. On TimeBank and ECB+ it
    leaves out 553 candidates; none is the head of a gold event once the second part is a candidate
    (in "re-examine", "re-arrest" the head moves to it; 41 lie inside gold mentions headed there)."""
    n = len(words.lowers)
    return (
        i + 2 < n
        and words.lowers[i + 1] == "-"
        and not words.spaces[i]
        and not words.spaces[i + 1]
        and words.lowers[i + 2].isalpha()
        and words.poses[i + 2] not in NOT_CARRYING
    )


def features(doc: Doc, words: DocWords, tokens: list[int], lexicon_types: dict[int, str]) -> list[list[str]]:
    """The features of each of ``tokens``: strings, so that any spaCy pipeline's parse can be read."""
    n = len(words.lowers)
    children: dict[int, list[int]] = {}
    for k, head in enumerate(words.heads):
        if head != k:
            children.setdefault(head, []).append(k)
    eventive = _eventive_nouns()
    rows = []
    for i in tokens:
        lower, lemma, pos, tag, dep = words.lowers[i], words.lemmas[i], words.poses[i], words.tags[i], words.deps[i]
        head = words.heads[i]
        feats = [
            "w=" + lower,
            "l=" + lemma,
            "p=" + pos,
            "t=" + tag,
            "d=" + dep,
            f"lp={lemma}|{pos}",
            f"ld={lemma}|{dep}",
            f"pd={pos}|{dep}",
            "s3=" + lower[-3:],
            "s4=" + lower[-4:],
            "L=" + (words.lowers[i - 1] if i > 0 else "<s>"),
            "R=" + (words.lowers[i + 1] if i + 1 < n else "</s>"),
            "Lt=" + (words.tags[i - 1] if i > 0 else "<s>"),
            "Rt=" + (words.tags[i + 1] if i + 1 < n else "</s>"),
            "e=" + (words.ents[i] or "-"),
        ]
        if head != i:
            feats += [
                f"h={dep}|{words.lemmas[head]}",
                f"hp={dep}|{words.poses[head]}",
                f"hpl={pos}|{words.poses[head]}",
            ]
            if words.deps[head] in ("prep", "agent"):
                feats.append(f"pp={words.lowers[head]}|{pos}")
        else:
            feats.append("root")
        for c in children.get(i, ()):
            feats.append(f"c={words.deps[c]}")
            if words.deps[c] in ("det", "aux", "auxpass", "neg", "prep", "mark", "prt", "case", "poss"):
                feats.append(f"cw={words.deps[c]}|{words.lowers[c]}")
        if pos == "NOUN" and lemma in eventive:
            feats.append("eventive")
        if i in lexicon_types:
            feats += ["lex", "lex=" + lexicon_types[i]]
        if lower != doc[i].text and i > 0 and words.tags[i - 1] not in (".", "``", "''", ":"):
            feats.append("cap")
        rows.append(list(dict.fromkeys(feats)))
    return rows


def extent(doc: Doc, i: int) -> tuple[int, int]:
    """The tokens that name the event headed by ``i``: the head with its particle and its noun
    compounds ("crack down", "trade war"), and a hyphenated modifier ("shoot-to-kill order")."""
    tok = doc[i]
    start, end = i, i + 1
    for child in tok.children:
        if child.dep_ in EXTENT_DEPS and abs(child.i - i) <= 3 and not child.ent_type_ and not _unit(child):
            start, end = min(start, child.i), max(end, child.i + 1)
    for modifier in hyphenated_modifiers(tok):
        if modifier.end == start:
            start = modifier.start
    # the hyphen of a split prefix: "re-sign"
    k = start - 1
    while k > 0 and doc[k].text == "-" and not doc[k].whitespace_ and not doc[k - 1].whitespace_:
        k -= 2
        start = k + 1
    return start, end


def hyphenated_modifiers(tok: Token) -> list[Span]:
    """The hyphenated words that modify ``tok``: "shoot-to-kill" of "shoot-to-kill order", whatever
    the parse made of "kill". One before the mention is part of it, not an event of its own, and
    says which order, not what it is: the order "issued" and the one "given" are one."""
    found = []
    for child in tok.children:
        if child.dep_ in MODIFIER_DEPS and child.i < tok.i:
            span = tok.doc[child.left_edge.i : child.right_edge.i + 1]
            if _hyphenated(span):
                found.append(span)
    return found


def _hyphenated(span: Span) -> bool:
    """Whether ``span`` is one hyphenated word: parts joined by hyphens, no space between them."""
    return len(span) > 2 and any(t.text == "-" for t in span[1:-1]) and not any(t.whitespace_ for t in span[:-1])


def _unit(tok: Token) -> bool:
    """A unit glued to its number ("m" of "£308m", which NER leaves out of the amount): no word of
    the event's name."""
    return tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and tok.doc[tok.i - 1].like_num


class EventDetector:
    """The ``kg_events`` pipeline component."""

    def __init__(self, path: str, threshold: float, encoder: bool = True) -> None:
        folder = Path(path) if path else SHIPPED
        self.model = EventModel.load(folder)
        self.threshold = threshold
        self.kept = [CLASSES.index(c) for c in KEPT]
        self.encoder = TokenEncoder(folder) if encoder and TokenEncoder.present(folder) else None

    def __call__(self, doc: Doc) -> Doc:
        return self._write(doc, self.readings(doc))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """The documents of ``stream`` in order, as ``__call__`` gives them, with the encoder's
        runs on a second thread up to ``batch_size`` documents ahead: onnxruntime lets go of the
        GIL while it runs, so sentences are read while spaCy parses the next batch. Each sentence
        still runs alone on one thread, so the readings, and the graph, are the same."""
        if self.encoder is None:
            yield from map(self, stream)
            return
        waiting: deque[tuple[Doc, Readings, Future[dict[int, float | None]]]] = deque()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg_events") as reader:
            try:
                for doc in stream:
                    parsed = self._parse_readings(doc)
                    sentences = self._sentences(doc, parsed[0])
                    waiting.append((doc, parsed, reader.submit(self._encoder_reads, sentences)))
                    while waiting and (len(waiting) > batch_size or waiting[0][2].done()):
                        yield self._written(*waiting.popleft())
                while waiting:
                    yield self._written(*waiting.popleft())
            finally:
                for *_, odds in waiting:
                    odds.cancel()

    def readings(self, doc: Doc) -> Readings:
        """For every candidate word, the probability that it names an event of a kept class (the
        parse model's, combined with the encoder's reading when there is one) and that it names a
        statement (the parse model's)."""
        parsed = self._parse_readings(doc)
        if self.encoder is None:
            return parsed
        return self._combined(parsed, self._encoder_reads(self._sentences(doc, parsed[0])))

    def _parse_readings(self, doc: Doc) -> Readings:
        """The parse model's readings of every candidate word: a kept class, a statement."""
        from kg.nlp.trigger_tagger import SPANS_KEY as TRIGGERS

        if not len(doc):
            return {}, {}
        words = DocWords(doc)
        tokens = candidates(words)
        lexicon_types = {span.root.i: span.label_ for span in doc.spans.get(TRIGGERS, [])}
        every = self.model.probabilities(features(doc, words, tokens, lexicon_types))
        kept = dict(zip(tokens, every[:, self.kept].sum(axis=1).tolist(), strict=True))
        # "according to": a preposition names a source, not an act of saying
        stated = {
            i: 0.0 if doc[i].dep_ == "prep" else p
            for i, p in zip(tokens, every[:, CLASSES.index(STATEMENT)].tolist(), strict=True)
        }
        return kept, stated

    def _sentences(self, doc: Doc, kept: dict[int, float]) -> list[Sentence]:
        """The sentences the encoder reads: those with a candidate word."""
        found = []
        for sent in doc.sents:
            words = [i for i in range(sent.start, sent.end) if i in kept]
            if words:
                found.append((words, sent.text, [doc[i].idx - sent.start_char for i in words]))
        return found

    def _encoder_reads(self, sentences: list[Sentence]) -> dict[int, float | None]:
        """The encoder's log-odds of the sentences' candidate words, one run per sentence (None
        for a word its truncation cut off). Strings in, numbers out: it may run on another thread."""
        assert self.encoder is not None
        odds: dict[int, float | None] = {}
        for words, text, starts in sentences:
            odds.update(zip(words, self.encoder.read(text, starts), strict=True))
        return odds

    def _combined(self, parsed: Readings, odds: dict[int, float | None]) -> Readings:
        """The parse model's kept-class readings weighed with the encoder's log-odds where it read
        the word (a word its truncation cut off keeps the parse model's)."""
        assert self.encoder is not None
        kept, stated = parsed
        stack = self.encoder.stack
        return {i: p if (z := odds.get(i)) is None else stack.combine(p, z) for i, p in kept.items()}, stated

    def _written(self, doc: Doc, parsed: Readings, odds: Future[dict[int, float | None]]) -> Doc:
        return self._write(doc, self._combined(parsed, odds.result()))

    def _write(self, doc: Doc, readings: Readings) -> Doc:
        """Set the document's event probabilities and its mention spans."""
        kept, stated = readings
        found = {i: min(1.0, p + stated[i]) for i, p in kept.items()}
        doc._.set(PROBS, found)
        spans: list[Span] = []
        taken = -1
        for i, p in found.items():
            if p >= self.threshold and i >= taken:
                start, end = extent(doc, i)
                if spans and start < taken and spans[-1].start >= start:
                    # "bidding war", "tsunami disaster": a compound the word's own reading took alone
                    # is part of this one mention
                    spans.pop()
                start = max(start, spans[-1].end if spans else 0)
                spans.append(Span(doc, start, end, label=STATEMENT if stated[i] > kept[i] else ""))
                taken = end
        doc.spans[SPANS_KEY] = spans
        return doc
