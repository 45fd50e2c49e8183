"""Ingest: every format, and every kind of bad input named clearly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg import ingest
from kg.errors import E, KgError


def _docs(path: Path, **kw: object) -> list:
    return [d for s in ingest.sources([path]) for d in ingest.read(s, **kw)]  # type: ignore[arg-type]


def test_text_is_read_as_is_bom_dropped_newlines_kept(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffLine one.\r\nLine two.".encode())
    (doc,) = _docs(p, default_date=date(2022, 1, 8))
    assert doc.text == "Line one.\r\nLine two."
    assert doc.id == "a" and doc.date == date(2022, 1, 8)


def test_folder_ids_are_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "politics").mkdir()
    (tmp_path / "politics" / "001.txt").write_text("Voters went to the polls.")
    (tmp_path / "top.md").write_text("# Title\n\nText.")
    (tmp_path / ".hidden.txt").write_text("skip me")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert [d.id for d in _docs(tmp_path)] == ["politics/001", "top"]


def test_jsonl_rows(tmp_path: Path) -> None:
    p = tmp_path / "rows.jsonl"
    rows = [
        {"id": "r1", "text": "Protests spread.", "date": "2021-05-01", "title": "T", "url": "http://x"},
        {"id": "r2", "text": "Police fired tear gas."},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    docs = _docs(p, default_date=date(2022, 1, 1))
    assert [(d.id, d.date, d.title) for d in docs] == [("r1", date(2021, 5, 1), "T"), ("r2", date(2022, 1, 1), None)]


def test_csv_rows(tmp_path: Path) -> None:
    p = tmp_path / "rows.csv"
    p.write_text('id,text,date\nc1,"Troops were deployed, officials said.",2022-01-06\n')
    (doc,) = _docs(p)
    assert doc.id == "c1" and doc.text == "Troops were deployed, officials said." and doc.date == date(2022, 1, 6)


def test_html_keeps_the_article_and_drops_furniture(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text("""<html><head><title>Unrest</title>
      <meta property="article:published_time" content="2022-01-08T10:00:00Z">
      <script>var tracking = 1;</script><link rel="stylesheet" href="https://cdn.example/x.css"></head>
      <body><nav>Home | World</nav><article><h1>Unrest in Kazakhstan</h1>
      <p>Protests erupted on Sunday &amp; spread.</p><aside>Related: other news</aside>
      <p>Police detained <b>dozens</b>.</p></article><footer>© News</footer></body></html>""")
    (doc,) = _docs(p)
    assert doc.text == "Unrest in Kazakhstan\n\nProtests erupted on Sunday & spread.\n\nPolice detained dozens."
    assert doc.date == date(2022, 1, 8) and doc.title == "Unrest" and doc.media_type == "text/html"


@pytest.mark.parametrize(
    "content, code",
    [
        (b"", E.E002),
        (b"   \n\n  ", E.E002),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", E.E003),
        ("Caf\u00e9 society".encode("latin-1"), E.E004),
    ],
)
def test_bad_text_files(tmp_path: Path, content: bytes, code: E) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(KgError) as err:
        _docs(p)
    assert err.value.code == code and "bad.txt" in str(err.value)


def test_latin1_file_reads_with_its_encoding(tmp_path: Path) -> None:
    p = tmp_path / "old.txt"
    p.write_bytes("Caf\u00e9 society".encode("latin-1"))
    (doc,) = _docs(p, encoding="latin-1")
    assert doc.text == "Caf\u00e9 society"


def test_huge_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    with pytest.raises(KgError) as err:
        _docs(p, max_chars=100)
    assert err.value.code == E.E005


@pytest.mark.parametrize(
    "line, reason",
    [('{"id": "x"}', "no 'text'"), ('{"text": "Hello"}', "no 'id'"), ("not json", "not JSON"), ("[1, 2]", "object")],
)
def test_bad_jsonl_rows_name_the_line(tmp_path: Path, line: str, reason: str) -> None:
    p = tmp_path / "rows.jsonl"
    p.write_text('{"id": "ok", "text": "Fine."}\n' + line + "\n")
    with pytest.raises(KgError) as err:
        _docs(p)
    assert "line 2" in str(err.value) and reason in str(err.value)


def test_missing_and_unsupported_paths(tmp_path: Path) -> None:
    with pytest.raises(KgError) as err:
        ingest.sources([tmp_path / "nope.txt"])
    assert err.value.code == E.E001
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(KgError) as err:
        ingest.sources([tmp_path / "x.pdf"])
    assert err.value.code == E.E006
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(KgError) as err:
        ingest.sources([empty])
    assert err.value.code == E.E008


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_reads_with_its_encoding_and_is_named_without_it(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "wide.txt"
    p.write_text("Protesters gathered in Almaty.\r\n", encoding=encoding)
    (doc,) = _docs(p, encoding=encoding)
    assert doc.text == "Protesters gathered in Almaty.\r\n"  # the BOM dropped, as for UTF-8
    with pytest.raises(KgError) as err:
        _docs(p)
    assert err.value.code == E.E012


def test_sources_are_named_relative_to_the_argument(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "news" / "politics").mkdir(parents=True)
    (tmp_path / "news" / "politics" / "001.txt").write_text("Voters went to the polls.")
    (tmp_path / "rows.jsonl").write_text('{"id": "r1", "text": "Markets fell."}\n')
    monkeypatch.chdir(tmp_path)
    for folder, rows in ((Path("news"), Path("rows.jsonl")), (tmp_path / "news", tmp_path / "rows.jsonl")):
        documents = _docs(folder) + _docs(rows)
        assert [(d.id, d.source) for d in documents] == [("politics/001", "politics/001.txt"), ("r1", "rows.jsonl")]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2022-01-08", date(2022, 1, 8)),
        (" 2022-01-08T10:30:00Z ", date(2022, 1, 8)),
        ("2022-01-08 10:30+02:00", date(2022, 1, 8)),
    ],
)
def test_dates_with_or_without_a_time(value: str, expected: date) -> None:
    assert ingest.parse_date(value) == expected


@pytest.mark.parametrize("value", ["2022-01-08garbage", "2022-01-08T", "2022-1-8", "08/01/2022", "2022-02-30"])
def test_anything_else_after_a_date_is_an_error(value: str) -> None:
    with pytest.raises(KgError) as err:
        ingest.parse_date(value)
    assert err.value.code == E.E010
