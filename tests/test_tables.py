"""The CSV tables of a build: the columns outside tools read stay as they were, and the columns
after them join (IRIs of every entity column), locate (documents, sentence and evidence offsets)
and name (types as CURIEs with their labels, dates with their precision)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

pytestmark = pytest.mark.model

# the columns as they were before any were added: a reader that takes them by position still works
STABLE = {
    "events": "event type label date place agent patient quantities status accordingTo triggers",
    "entities": "entity class label altLabels mentions sameAs",
    "causal": "relation cause causeLabel effect effectLabel type signal confidence status evidence document",
}
PRECISION = {"day": 10, "month": 7, "year": 4, "": 0}


def table(out: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@pytest.mark.parametrize("name", sorted(STABLE))
def test_the_first_columns_are_unchanged(sample_build: Path, name: str) -> None:
    columns, rows = table(sample_build, name)
    assert columns[: len(STABLE[name].split())] == STABLE[name].split() and rows


def test_event_columns_join_locate_and_name(sample_build: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8-sig")
    _, events = table(sample_build, "events")
    _, entities = table(sample_build, "entities")
    known = {row["entity"] for row in entities}
    for row in events:
        assert row["typeId"] == "kg:" + row["type"].rsplit("#", 1)[1] and row["typeLabel"]
        assert len(row["date"]) == PRECISION[row["datePrecision"]]
        for role in ("place", "agent", "patient"):
            iris = set(filter(None, row[f"{role}Iris"].split(" | ")))
            assert iris <= known and bool(iris) == bool(row[role]), (row["label"], role)
        assert row["documents"] == SAMPLE.stem
        sentences = [
            text[int(b) : int(e)] for b, e in (s.split(":")[1].split("-") for s in row["sentences"].split(" | "))
        ]
        assert any(trigger in sentence for trigger in row["triggers"].split(" | ") for sentence in sentences), row
    assert {row["datePrecision"] for row in events} >= {"day", "year", ""}


def test_entity_and_causal_columns(sample_build: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8-sig")
    _, entities = table(sample_build, "entities")
    for row in entities:
        assert row["classId"] == "kg:" + row["class"].rsplit("#", 1)[1] and row["classLabel"]
        assert row["documents"] == SAMPLE.stem
    _, links = table(sample_build, "causal")
    for row in links:
        assert text[int(row["begin"]) : int(row["end"])] == row["evidence"]
