"""Builds that cannot be turned against their users (issue 18): a document id belongs to one file,
exports do not depend on the order or spelling of the inputs, the store and its exports switch
together whenever a build is killed, and each bad input ends in one line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest

from kg import store
from kg.errors import E, KgError
from kg.pipeline import BuildOptions, build
from tests.conftest import SHARED
from tests.test_cli import assert_one_line_error, kg

POLITICS = SHARED / "data" / "bbc" / "politics"
# Built in this order and reversed, before builds sorted their inputs, the Labour Party was two
# different nodes (labour-party, the-labour-party): what resolution merges depended on the order.
ARTICLES = ("011.txt", "212.txt", "024.txt", "207.txt")


def exports(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def assert_same_exports(first: Path, second: Path) -> None:
    a, b = exports(first), exports(second)
    assert a.keys() == b.keys() and "graph.ttl" in a
    assert [name for name in a if a[name] != b[name]] == []


@pytest.mark.model
def test_exports_are_the_same_for_any_input_order_and_path_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ARTICLES:
        shutil.copy(POLITICS / name, corpus / name)
    build([corpus / name for name in ARTICLES], BuildOptions(out=tmp_path / "given"))
    monkeypatch.chdir(tmp_path)
    build([Path("corpus") / name for name in reversed(ARTICLES)], BuildOptions(out=tmp_path / "reversed"))
    shutil.copytree(corpus, tmp_path / "elsewhere" / "copy")
    build([Path("elsewhere/copy")], BuildOptions(out=tmp_path / "copied"))
    assert_same_exports(tmp_path / "given", tmp_path / "reversed")
    assert_same_exports(tmp_path / "given", tmp_path / "copied")
    for name, data in exports(tmp_path / "given").items():
        assert str(tmp_path).encode() not in data, f"{name} holds a local path"
    st = store.open_read(tmp_path / "given")
    sources = {
        str(row["s"].value) for row in st.query("SELECT ?s { GRAPH ?g { ?d <http://purl.org/dc/terms/source> ?s } }")
    }  # type: ignore[union-attr]
    assert sources == set(ARTICLES)


@pytest.mark.model
def test_another_file_with_an_id_in_the_store_is_refused_unless_replace(tmp_path: Path) -> None:
    for section, text in (
        ("business", "Shares in Marconi fell sharply in London on Monday after the company warned on profits."),
        ("politics", "Michael Howard said the Conservatives would cut taxes if they won the election."),
    ):
        (tmp_path / section).mkdir()
        (tmp_path / section / "001.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "business" / "001.txt"], BuildOptions(out=out, html=False))
    before = exports(out)
    result = kg("build", str(tmp_path / "politics" / "001.txt"), "--out", str(out), "--no-html")
    assert_one_line_error(result, "E016", "'001'", "--replace")
    assert exports(out) == before
    # the same file again, edited: a new version of its own document, no --replace needed
    (tmp_path / "business" / "001.txt").write_text("Shares in Marconi rose in London on Tuesday.", encoding="utf-8")
    assert build([tmp_path / "business" / "001.txt"], BuildOptions(out=out, html=False)).built == ["001"]
    report = build([tmp_path / "politics" / "001.txt"], BuildOptions(out=out, html=False, replace=True))
    assert report.built == ["001"]
    labels = (out / "entities.csv").read_text(encoding="utf-8")
    assert "Michael Howard" in labels and "Marconi" not in labels
    with pytest.raises(KgError) as caught:  # and now the first file is the other one
        build([tmp_path / "business" / "001.txt"], BuildOptions(out=out, html=False))
    assert caught.value.code == E.E016


# ------------------------------------------------------------------ killed builds
def pair_counts(out: Path) -> tuple[int, int, int, int]:
    """(quads in the store, quads in graph.trig, distinct triples in the store, triples in
    graph.ttl): a store and exports that match have the first two equal and the last two."""
    st = store.open_read(out)
    quads = [q for q in st.quads_for_pattern(None, None, None, None) if q.graph_name != store.ONTOLOGY_GRAPH]
    distinct = len({q.triple for q in quads})
    del st
    trig = sum(1 for _ in pyoxigraph.parse(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    ttl = sum(1 for _ in pyoxigraph.parse(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    return len(quads), trig, distinct, ttl


def matching(counts: tuple[int, int, int, int]) -> bool:
    return counts[0] == counts[1] and counts[2] == counts[3]


# Runs ``kg build`` and SIGKILLs it from inside, right after an atomic rename: counting from the
# first rename of the build ("first"), or from the one that switches the store ("switch", the rename
# onto a link named store or current), COUNT renames later. Exact moments, unlike a timer.
KILLER = """
import os, signal, sys
from kg.cli import app
start, count = os.environ["KILL_AT"].split(":")
left = None
rename = os.replace

def replace(src, dst, *args, **kwargs):
    global left
    rename(src, dst, *args, **kwargs)
    switch = os.path.basename(os.fspath(dst)) in ("store", "current") and os.path.islink(dst)
    if left is None and (start == "first" or switch):
        left = int(count)
    elif left is not None:
        left -= 1
    if left == 0:
        os.kill(os.getpid(), signal.SIGKILL)

os.replace = replace
sys.argv = ["kg", *sys.argv[1:]]
app()
"""


def killed_build(out: Path, kill_at: str) -> int:
    """``kg build`` of a second article into ``out``, killed at ``kill_at``; its exit code."""
    command = [sys.executable, "-c", KILLER, "build", str(POLITICS / "212.txt"), "--out", str(out), "-q", "--no-html"]
    result = subprocess.run(command, capture_output=True, timeout=300, env={**os.environ, "KILL_AT": kill_at})
    return result.returncode


@pytest.mark.model
def test_a_build_killed_at_any_moment_leaves_a_store_and_exports_that_match(tmp_path: Path) -> None:
    first = tmp_path / "first"
    build([POLITICS / "011.txt"], BuildOptions(out=first, html=False))
    old = pair_counts(first)
    assert matching(old)
    seen = []
    for n, kill_at in enumerate(("first:0", "switch:0", "switch:1", "switch:2")):
        out = tmp_path / f"killed-{n}"
        shutil.copytree(first, out, symlinks=True)
        code = killed_build(out, kill_at)
        counts = pair_counts(out)
        assert matching(counts), (kill_at, code, counts)  # never a new store with old exports
        seen.append((code, counts == old))
    # killed before the switch: the old pair; at the switch: the new one
    assert seen[:2] == [(-signal.SIGKILL, True), (-signal.SIGKILL, False)]
    report = build([POLITICS / "212.txt"], BuildOptions(out=out, html=False))  # and the next build completes
    counts = pair_counts(out)
    assert matching(counts) and counts[0] == report.triples
    assert [p.name for p in (out / store.GENERATIONS).glob("gen-*")] == [store.current_generation(out).parent.name]


# ------------------------------------------------------------------ bad input, one line each
@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text("Police arrested dozens of protesters in Minsk on Monday.", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args, words",
    [
        (["--max-chars", "2000001"], ("--max-chars", "1,000,000")),
        (["--max-chars", "0"], ("--max-chars",)),
        (["--processes", "0"], ("--processes",)),
        (["--batch-size", "0"], ("--batch-size",)),
        (["--encoding", "bogus"], ("--encoding", "bogus")),
        (["--encoding", "base64"], ("--encoding",)),
        (["--date", "2022-01-08garbage"], ("2022-01-08garbage", "YYYY-MM-DD")),
        (["--date", "2022-02-30"], ("2022-02-30",)),
    ],
)
def test_bad_options_are_one_line(tmp_path: Path, article: Path, args: list[str], words: tuple[str, ...]) -> None:
    out = tmp_path / "out"
    assert_one_line_error(kg("build", str(article), "--out", str(out), *args), *words)
    assert not out.exists()


def test_an_out_that_is_a_file_is_one_line(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "exports.ttl"
    out.write_text("mine", encoding="utf-8")
    assert_one_line_error(kg("build", str(article), "--out", str(out)), "E015", "is a file")
    assert out.read_text(encoding="utf-8") == "mine"
    assert_one_line_error(kg("build", str(article), "--out", str(out / "sub")), "E050", "cannot write")


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "kg", "build", str(fifo), "--out", str(tmp_path / "out")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)  # a hang fails, not waits
    assert_one_line_error(result, "E011", "not a regular file")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_named_as_such(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_text("Protesters gathered in Almaty on Wednesday.", encoding=encoding)
    assert_one_line_error(kg("build", str(path), "--out", str(tmp_path / "out")), "E012", "--encoding utf-16")
