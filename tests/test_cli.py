"""The command line: bad input gives one clear line on stderr, a non-zero exit, and writes nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

COMMANDS = ("build", "query", "validate", "stats", "serve", "push", "viz", "analyze", "export")


def kg(*args: str, cwd: Path | None = None, env_columns: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(env_columns)} if env_columns else None
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd, timeout=300, env=env
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: error: ")
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("empty.txt", b"", ("empty",)),
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00", ("binary",)),
        ("latin1.txt", "Caf\u00e9".encode("latin-1"), ("UTF-8", "--encoding")),
    ],
)
def test_bad_files_fail_cleanly_and_write_nothing(
    tmp_path: Path, name: str, content: bytes, words: tuple[str, ...]
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    result = kg("build", str(bad), "--out", str(tmp_path / "out"))
    assert_one_line_error(result, name, *words)
    assert not (tmp_path / "out").exists()


def test_missing_path(tmp_path: Path) -> None:
    result = kg("build", str(tmp_path / "nowhere.txt"), "--out", str(tmp_path / "out"))
    assert_one_line_error(result, "no such file")
    assert not (tmp_path / "out").exists()


def test_bad_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Protests spread.")
    assert_one_line_error(kg("build", str(tmp_path / "a.txt"), "--date", "08/01/2022"), "YYYY-MM-DD")


def test_missing_store(tmp_path: Path) -> None:
    assert_one_line_error(kg("query", "SELECT * WHERE { ?s ?p ?o }", "--store", str(tmp_path)), "no store")
    assert_one_line_error(kg("validate", "--store", str(tmp_path)), "no store")


@pytest.mark.model
def test_malformed_query_and_unknown_names(sample_build: Path) -> None:
    assert_one_line_error(kg("query", "SELEC ?x WHERE {", "--store", str(sample_build)), "malformed SPARQL")
    assert_one_line_error(kg("query", "--name", "nope", "--store", str(sample_build)), "--list")
    assert_one_line_error(
        kg("query", "SELECT ?x WHERE {?x ?p ?o}", "--format", "xml", "--store", str(sample_build)), "format"
    )


@pytest.mark.model
def test_query_formats(sample_build: Path) -> None:
    q = "SELECT ?label WHERE { ?p a kg:Person ; rdfs:label ?label } ORDER BY ?label"
    csv = kg("query", q, "--store", str(sample_build), "--format", "csv")
    assert csv.returncode == 0 and csv.stdout.splitlines()[0] == "label"
    assert "Kassym-Jomart Tokayev" in csv.stdout
    js = kg("query", q, "--store", str(sample_build), "--format", "json")
    assert '"vars":["label"]' in js.stdout.replace(" ", "")
    listed = kg("query", "--list")
    assert "causal-chains" in listed.stdout
    # a one-line query longer than a file name may be is a query, not a path the system refuses
    long = q.replace("?label", "?a_label_long_enough_to_pass_the_limit_of_255_bytes_on_a_file_name_by_far")
    assert len(long) > 255 and "\n" not in long
    result = kg("query", long, "--store", str(sample_build), "--format", "csv")
    assert result.returncode == 0 and "Kassym-Jomart Tokayev" in result.stdout, result.stderr


@pytest.mark.model
def test_validate_command(sample_build: Path) -> None:
    result = kg("validate", "--store", str(sample_build))
    assert result.returncode == 0 and "conforms" in result.stdout


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        result = kg(command, "--help")
        assert result.returncode == 0 and "Example" in result.stdout, command
        assert re.search(rf"\bkg {command}\b", readme), f"'kg {command}' is not in the README"


def test_every_option_help_is_shown_as_written() -> None:
    # rich reads "[default: ...]" in a help text as markup and drops it unless escaped ("\\[")
    import typer

    from kg.cli import app

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for command in COMMANDS:
        shown = " ".join(kg(command, "--help", env_columns=400).stdout.replace("│", " ").split())
        for param in commands[command].params:
            written = getattr(param, "help", None)
            if written:
                assert " ".join(written.replace("\\[", "[").split()) in shown, (command, written)


def test_the_command_keeps_torch_out_and_frees_its_models_before_the_exports(tmp_path: Path) -> None:
    # the command's own entry point, in a process of its own; the pipeline's cache is read as the
    # build frees it (thinc imports torch whenever it is installed: the command never needs it)
    doc = tmp_path / "a.txt"
    doc.write_text("Police arrested dozens of protesters in Minsk on Monday.")
    script = "\n".join(
        [
            "import sys",
            "from kg import cli, nlp",
            "freed, release = [], nlp.release",
            "nlp.release = lambda: (freed.append(nlp.load.cache_info().currsize), release())",
            f"sys.argv = ['kg', 'build', {str(doc)!r}, '--out', {str(tmp_path / 'out')!r}, '--no-html']",
            "try:",
            "    cli.main()",
            "except SystemExit as stop:",
            "    print(stop.code, sys.modules.get('torch', 'absent') is None, freed, nlp.load.cache_info().currsize)",
        ]
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.stdout.split()[-4:] == ["0", "True", "[1]", "0"], run.stderr


def test_skip_bad_builds_the_good_files_and_lists_the_bad(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Police arrested dozens of protesters in Minsk on Monday.")
    (folder / "bad.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    failed = kg("build", str(folder), "--out", str(tmp_path / "out"))
    assert_one_line_error(failed, "bad.txt")
    assert not (tmp_path / "out").exists()
    result = kg("build", str(folder), "--out", str(tmp_path / "out"), "--skip-bad", "--no-html")
    assert result.returncode == 0 and "built 1 document(s)" in result.stdout
    assert "skipped" in result.stderr and "bad.txt" in result.stderr
