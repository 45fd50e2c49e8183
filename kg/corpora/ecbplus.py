"""ECB+ (tokenised CAT XML): the annotated sentences of a document, detokenised into text,
with its action markables (``ACTION_*``, ``NEG_ACTION_*``) as gold events and its participant
markables (``HUMAN_PART_*``, ``NON_HUMAN_PART*``) as gold entities, both in coreference chains.

Only some sentences of each document were annotated (``ECBplus_coreference_sentences.csv``);
the others are left out, so that an unannotated event is never read as a negative example.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from kg.corpora import AnnotatedText, GoldEntity, GoldEvent

SENTENCES = "ECBplus_coreference_sentences.csv"
# no space before these tokens ("said ,", "Bush 's") and none after the opening ones
_GLUED_LEFT = frozenset(
    {",", ".", ":", ";", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
)
_GLUED_RIGHT = frozenset({"(", "[", "$", "``"})
_PARTICIPANTS = ("HUMAN_PART", "NON_HUMAN_PART")


def annotated_sentences(folder: Path) -> dict[str, set[int]]:
    """File stem (``10_13ecbplus``) -> the numbers of its annotated sentences."""
    found: dict[str, set[int]] = defaultdict(set)
    with (folder / SENTENCES).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return dict(found)


def read(path: Path, sentences: set[int]) -> AnnotatedText:
    """The ``sentences`` of one ECB+ file, one per line, with their event mentions."""
    root = ET.parse(path).getroot()
    spans: dict[str, tuple[int, int]] = {}  # t_id -> character span in the text
    parts: list[str] = []
    offset = 0
    last_sentence: str | None = None
    previous = ""
    for token in root.iter("token"):
        if int(token.get("sentence", "-1")) not in sentences:
            continue
        word = token.text or ""
        if last_sentence is not None and token.get("sentence") != last_sentence:
            parts.append("\n")
            offset += 1
        elif last_sentence is not None and word not in _GLUED_LEFT and previous not in _GLUED_RIGHT:
            parts.append(" ")
            offset += 1
        spans[token.get("t_id", "")] = (offset, offset + len(word))
        parts.append(word)
        offset += len(word)
        last_sentence, previous = token.get("sentence"), word
    chains = _chains(root)
    events, entities = [], []
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        anchors = [spans[a.get("t_id", "")] for a in markable.iter("token_anchor") if a.get("t_id", "") in spans]
        if not anchors:  # markables of unannotated sentences, and those with no anchor, are not mentions here
            continue
        begin, end = min(b for b, _ in anchors), max(e for _, e in anchors)
        m_id = markable.get("m_id", "")
        if markable.tag.startswith(("ACTION_", "NEG_ACTION_")):
            events.append(GoldEvent(begin, end, markable.tag, m_id, chains.get(m_id, f"m{m_id}")))
        elif markable.tag.startswith(_PARTICIPANTS):
            entities.append(GoldEntity(begin, end, markable.tag, chains.get(m_id, f"m{m_id}")))
    return AnnotatedText(
        path.stem, "".join(parts), None, tuple(sorted(events)), corpus="ecbplus", entities=tuple(sorted(entities))
    )


def _chains(root: ET.Element) -> dict[str, str]:
    """Markable id -> the id of the coreference relation it is a source of (within the document
    or across documents: both name the referent the mention joins)."""
    found: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        if relation.tag in ("INTRA_DOC_COREF", "CROSS_DOC_COREF"):
            name = relation.get("note") or relation.get("r_id") or ""
            for source in relation.iter("source"):
                found[source.get("m_id", "")] = name
    return found


def read_folder(folder: Path) -> Iterator[AnnotatedText]:
    """Every annotated document of the ECB+ folder (topic sub-folders), in name order."""
    chosen = annotated_sentences(folder)
    for path in sorted(folder.glob("*/*.xml")):
        if path.stem in chosen:
            yield read(path, chosen[path.stem])
