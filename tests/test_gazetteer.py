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


def test_a_citys_other_names_are_spellings_not_translations_nor_a_smaller_towns_own_name() -> None:
    gaz = gazetteer.load()
    found = {name: (hit[0], hit[2].country_code) if hit else None for name in ("White House", "Big Apple",
             "Rugby", "Waterloo", "Cancun", "Calcutta", "St Petersburg", "Bombay", "Alma-Ata")
             for hit in [gaz.lookup(name)]}  # fmt: skip
    assert found["White House"] is None and found["Big Apple"] is None  # Casablanca's, New York's in English words
    assert found["Rugby"] == ("Rugby", "GB") and found["Waterloo"] == ("Waterloo", "CA")  # not East Flatbush, Austin
    assert found["Cancun"] == ("Cancún", "MX")  # not Changchun, four times larger
    # a far larger city's other name goes before a town's own one
    assert found["Calcutta"] == ("Kolkata", "IN") and found["St Petersburg"] == ("Saint Petersburg", "RU")
    assert found["Bombay"] == ("Mumbai", "IN") and found["Alma-Ata"] == ("Almaty", "KZ")
