"""Adding one article to a built corpus, next to building that article alone.

Builds ``--limit`` BBC articles (spread across sections, as ``benchmarks.build_scale`` picks them),
then times ``kg build`` of one more article: alone into an empty folder, added to a copy of the
corpus's folder, and added with ``--no-exports``. Each is a fresh ``kg build`` process, model
loading included, as a user runs it. Prints seconds and the load average with each.

    python -m benchmarks.build_add [--limit 480] [--json]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.build_scale import BBC, articles, sample_folder
from benchmarks.build_speed import show

KG = Path(sys.executable).with_name("kg")


def _kg_build(source: Path, out: Path, *args: str) -> float:
    started = time.perf_counter()
    command = [str(KG), "build", str(source), "--out", str(out), "-q", "--skip-bad", *args]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def run(limit: int) -> dict[str, object]:
    chosen = articles(BBC, limit)
    taken = set(chosen)
    extra = next(p for p in sorted(BBC.rglob("*.txt")) if p not in taken)
    result: dict[str, object] = {"benchmark": "python -m benchmarks.build_add", "articles": limit}
    with tempfile.TemporaryDirectory(prefix="build-add-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        result["corpus_build_s"] = round(_kg_build(sample_folder(BBC, chosen, root / "bbc"), corpus), 1)
        one = root / "one"
        one.mkdir()
        (one / "extra-1.txt").symlink_to(extra)
        for name, out, args in (
            ("alone", root / "alone", ()),
            ("added", root / "added", ()),
            ("added_no_exports", root / "added-no-exports", ("--no-exports",)),
        ):
            if name != "alone":
                shutil.copytree(corpus, out, symlinks=True)
            result[f"{name}_s"] = round(_kg_build(one, out, *args), 1)
            result[f"{name}_load"] = os.getloadavg()[0]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_add", description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=480, help="how many BBC articles in the corpus")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    show(run(args.limit), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
