"""Shared fixtures: hand-built parses for model-free rule tests, and one build of the sample."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "corpus" / "000_b862f496998775da.txt"
SAMPLE_DATE = date(2022, 1, 8)
POLITICS = SHARED / "data" / "bbc" / "politics"


@pytest.fixture(scope="session")
def politics20(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first twenty BBC politics articles, copied from ../shared (never into the repo)."""
    folder = tmp_path_factory.mktemp("politics20")
    for path in sorted(POLITICS.glob("*.txt"))[:20]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # model tests are slower; run the fast ones first so failures show early
    items.sort(key=lambda item: item.get_closest_marker("model") is not None)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample article built once for the session (the README's main command, as a library call)."""
    from kg.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("sample") / "exports"
    build([SAMPLE], BuildOptions(out=out, date=SAMPLE_DATE))
    return out
