"""The shipped place index (``kg/resources/gazetteer.tsv``) against the data it is written from."""

from __future__ import annotations

from kg import gazetteer


def test_the_shipped_table_gives_the_lookups_of_its_sources() -> None:
    # run scripts/write_gazetteer.py when this fails after a change to the sources or the code
    shipped, sources = gazetteer.load(), gazetteer.from_sources()
    assert shipped.entries == sources.entries
    assert shipped.demonyms == sources.demonyms


def test_the_table_round_trips() -> None:
    gaz = gazetteer.load()
    rows = [line for line in gazetteer.TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert gazetteer.table_rows(gaz) == rows
    assert gaz.lookup("The Kazakhstan")[:2] == ("Kazakhstan", "Country")  # type: ignore[index]
    assert gaz.country_of_demonym("British")[0] == "United Kingdom"  # type: ignore[index]
