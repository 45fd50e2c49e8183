"""The README's Python examples marked '<!-- runs in tests/test_readme.py -->' run as written."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

MARK = "<!-- runs in tests/test_readme.py -->"
BLOCKS = re.findall(re.escape(MARK) + r"\n```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_marks_examples() -> None:
    assert BLOCKS, f"no Python block after {MARK} in the README"


@pytest.mark.model
@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{k}" for k in range(len(BLOCKS))])
def test_readme_example_runs(code: str) -> None:
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # the example is the test
    tables = namespace.get("tables")
    if tables is not None:  # the analysis example reads two causal links: one root cause at least
        assert not tables.root_causes.empty  # type: ignore[attr-defined]
