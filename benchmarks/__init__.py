"""Benchmarks: measurements of newskg on outside data, run from the repository root with
``python -m benchmarks.NAME``. Not part of the installed package."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.corpora import AnnotatedText
    from kg.pipeline import BuildOptions


def build_texts(texts: Sequence[AnnotatedText], source: Path, options: BuildOptions) -> None:
    """Build ``texts`` as ``kg build`` reads them: one JSONL file ``source`` of ``{"id", "text",
    "date"}`` rows (the date null where the corpus gives none), into ``options.out``."""
    from kg.pipeline import build

    with source.open("w", encoding="utf-8") as handle:
        for text in texts:
            row = {"id": text.id, "text": text.text, "date": text.date.isoformat() if text.date else None}
            handle.write(json.dumps(row) + "\n")
    build([source], options)


def scoring_parser(module: str, doc: str, errors: str) -> argparse.ArgumentParser:
    """The options every scoring benchmark takes: ``--json`` and ``--show-errors`` (``errors`` says
    what it prints), for ``report``; ``module`` is the benchmark's name, ``doc`` its docstring."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=doc.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-errors", action="store_true", help=errors)
    return parser


def report(result: dict[str, object], as_json: bool, show_errors: bool) -> None:
    """Print a scoring benchmark's figures (one line, or JSON) and, on request, each of its
    ``errors`` as a JSON line on stderr."""
    errors = result.pop("errors")
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        print(", ".join(f"{k} {v}" for k, v in result.items() if k != "benchmark"))
    if show_errors:
        for err in errors:  # type: ignore[attr-defined]
            print(json.dumps(err, ensure_ascii=False), file=sys.stderr)
