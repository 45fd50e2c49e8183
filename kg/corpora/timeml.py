"""TimeML (TimeBank 1.2 with Causal-TimeBank, TempEval-3 silver): the ``<TEXT>`` element with
its tags stripped, ``<EVENT>`` spans as gold events, ``<CLINK>`` as causal links.

The text is what lies inside ``<TEXT>``, character for character, so offsets agree with a
JSONL row built from it (as ``benchmarks.events_timebank`` does).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kg.corpora import AnnotatedText, GoldEvent, GoldLink

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def read(path: Path, corpus: str = "timeml") -> AnnotatedText:
    """One ``.tml`` file."""
    root = ET.parse(path).getroot()
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    events: list[GoldEvent] = []
    _walk(body, parts, events, 0)
    signals = {s.get("cid", ""): "".join(s.itertext()) for s in body.iter("C-SIGNAL")}
    instances = {m.get("eiid", ""): m.get("eventID", "") for m in root.iter("MAKEINSTANCE")}
    links = tuple(
        GoldLink(instances[c], instances[e], signals.get(link.get("c-signalID", ""), ""))
        for link in root.iter("CLINK")
        if (c := link.get("eventInstanceID", "")) in instances
        and (e := link.get("relatedToEventInstance", "")) in instances
    )
    return AnnotatedText(
        id=_doc_id(root, path),
        text="".join(parts),
        date=_creation_date(root),
        events=tuple(sorted(events)),
        links=links,
        corpus=corpus,
    )


def read_folder(folder: Path, corpus: str = "timeml") -> Iterator[AnnotatedText]:
    """Every ``.tml`` file of ``folder``, in name order."""
    for path in sorted(folder.glob("*.tml")):
        yield read(path, corpus)


def _walk(node: ET.Element, parts: list[str], events: list[GoldEvent], offset: int) -> int:
    """Append ``node``'s text to ``parts``, recording its EVENT tags; return the new offset."""
    if node.text:
        parts.append(node.text)
        offset += len(node.text)
    for child in node:
        begin = offset
        offset = _walk(child, parts, events, offset)
        if child.tag == "EVENT":
            events.append(GoldEvent(begin, offset, child.get("class", ""), child.get("eid", "")))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def _doc_id(root: ET.Element, path: Path) -> str:
    found = root.find("DOCID")
    return found.text.strip() if found is not None and found.text else path.stem


def _creation_date(root: ET.Element) -> date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            m = _DATE.match(timex.get("value", ""))
            if m:
                return date(int(m[1]), int(m[2]), int(m[3]))
    return None
