"""Benchmarks: measurements of newskg on outside data, run from the repository root with
``python -m benchmarks.NAME``. Not part of the installed package."""

from __future__ import annotations

import json
import sys


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
