"""TimeML (TimeBank 1.2 with Causal-TimeBank, TempEval-3 silver): the ``<TEXT>`` element with
its tags stripped, ``<EVENT>`` spans as gold events, ``<CLINK>`` as causal links, ``<TIMEX3>``
spans with their types and values.

The text is what lies inside ``<TEXT>``, character for character, so offsets agree with a
JSONL row built from it (as ``benchmarks.events_timebank`` does).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kg.corpora import AnnotatedText, GoldAnchor, GoldEvent, GoldLink, GoldTimex

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# a calendar date, month or year: the values an event's date can take in the graph
_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# TLINK relations that put the event inside the time, read from the event's side and the time's
_WITHIN = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS"})
_CONTAINS = frozenset({"INCLUDES", "DURING_INV", "SIMULTANEOUS"})


def read(path: Path, corpus: str = "timeml") -> AnnotatedText:
    """One ``.tml`` file."""
    root = ET.parse(path).getroot()
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    events: list[GoldEvent] = []
    timexes: dict[str, tuple[int, int]] = {}
    _walk(body, parts, events, timexes, 0)
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
        anchors=_anchors(root, instances, timexes),
        timexes=_timexes(body, timexes),
    )


def read_folder(folder: Path, corpus: str = "timeml") -> Iterator[AnnotatedText]:
    """Every ``.tml`` file of ``folder``, in name order."""
    for path in sorted(folder.glob("*.tml")):
        yield read(path, corpus)


def _walk(
    node: ET.Element, parts: list[str], events: list[GoldEvent], timexes: dict[str, tuple[int, int]], offset: int
) -> int:
    """Append ``node``'s text to ``parts``, recording its EVENT and TIMEX3 tags; return the new offset."""
    if node.text:
        parts.append(node.text)
        offset += len(node.text)
    for child in node:
        begin = offset
        offset = _walk(child, parts, events, timexes, offset)
        if child.tag == "EVENT":
            events.append(GoldEvent(begin, offset, child.get("class", ""), child.get("eid", "")))
        if child.tag == "TIMEX3":
            timexes[child.get("tid", "")] = (begin, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def _anchors(root: ET.Element, instances: dict[str, str], spans: dict[str, tuple[int, int]]) -> tuple[GoldAnchor, ...]:
    """Events the TLINKs place within a calendar date written in the text (not the creation time)."""
    values = {
        t.get("tid", ""): t.get("value", "")
        for t in root.iter("TIMEX3")
        if t.get("type") == "DATE" and t.get("functionInDocument") != "CREATION_TIME"
    }
    found: set[GoldAnchor] = set()
    for link in root.iter("TLINK"):
        rel, event = link.get("relType", ""), instances.get(link.get("eventInstanceID", ""), "")
        tid = link.get("relatedToTime", "")
        if not event or rel not in _WITHIN:
            event, tid = instances.get(link.get("relatedToEventInstance", ""), ""), link.get("timeID", "")
            if not event or rel not in _CONTAINS:
                continue
        value = values.get(tid, "")
        if _CALENDAR.match(value) and tid in spans:
            found.add(GoldAnchor(event, value, *spans[tid]))
    return tuple(sorted(found, key=lambda a: (a.begin, a.event)))


def _timexes(body: ET.Element, spans: dict[str, tuple[int, int]]) -> tuple[GoldTimex, ...]:
    """The text's time expressions with their types and values (the creation time lies outside it)."""
    found = (
        GoldTimex(*spans[t.get("tid", "")], t.get("type", ""), t.get("value", ""))
        for t in body.iter("TIMEX3")
        if t.get("tid", "") in spans
    )
    return tuple(sorted(found, key=lambda t: t.begin))


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
