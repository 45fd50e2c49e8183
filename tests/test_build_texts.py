"""kg.pipeline.build_texts: texts held in memory build what the same rows build from a JSONL file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.model import Document
from kg.pipeline import BuildOptions, build, build_texts

ROWS = [
    {"id": "a1", "text": "Protesters marched in Almaty on Tuesday after fuel prices rose.", "date": "2022-01-04"},
    {
        "id": "a2",
        "text": "Police detained 20 people in Almaty because the protests turned violent.",
        "date": "2022-01-05",
    },
]


def documents(source: str) -> list[Document]:
    return [Document(r["id"], r["text"], source, date.fromisoformat(r["date"])) for r in ROWS]


@pytest.mark.model
def test_texts_build_what_the_jsonl_rows_build(tmp_path: Path) -> None:
    rows = tmp_path / "news.jsonl"
    rows.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    from_file = build([rows], BuildOptions(out=tmp_path / "file", html=False))
    # given in another order: built in the order of source and id, as files are
    from_texts = build_texts(reversed(documents("news.jsonl")), BuildOptions(out=tmp_path / "texts", html=False))
    assert from_texts.built == from_file.built == ["a1", "a2"] and from_texts.events > 0
    for name in ("graph.ttl", "events.csv", "entities.csv"):
        assert (tmp_path / "texts" / name).read_bytes() == (tmp_path / "file" / name).read_bytes(), name


@pytest.mark.model
def test_id_and_text_pairs_take_the_build_date_and_their_id_as_source(tmp_path: Path) -> None:
    report = build_texts(
        [("n1", ROWS[0]["text"])], BuildOptions(out=tmp_path / "out", html=False, date=date(2022, 1, 4))
    )
    assert report.built == ["n1"]
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert 'dcterms:source "n1"' in ttl and '"2022-01-04"^^xsd:date' in ttl


@pytest.mark.parametrize(
    "texts, code",
    [([("x", "  ")], "E002"), ([("x", "word " * 50)], "E005"), ([("x", "One."), ("x", "Two.")], "E009")],
)
def test_bad_texts_fail_before_anything_is_written(tmp_path: Path, texts: list[tuple[str, str]], code: str) -> None:
    with pytest.raises(KgError) as err:
        build_texts(texts, BuildOptions(out=tmp_path / "out", max_chars=100))
    assert err.value.code.name == code and not (tmp_path / "out").exists()
