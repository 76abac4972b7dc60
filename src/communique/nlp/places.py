"""Places stage: place-name mentions geocoded offline, ambiguous names decided by the document.

The gazetteer and the ranking of a name's readings (a qualifier after a comma, the document's
countries, population) live in :mod:`communique.kb.gazetteer`; this stage finds the mentions,
tries the forms of each name and keeps the best reading.

Metonymic uses ("Beijing warned") are still places here; the actors stage also reads them as actors.
"""

from __future__ import annotations

import re

from communique.kb.gazetteer import Gazetteer, choose, clean_name, document_countries
from communique.pipeline import Context
from communique.record import Document, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ABBREVIATIONS = {"LA": "Los Angeles", "L.A.": "Los Angeles", "NYC": "New York City", "D.C.": "Washington D.C.",
                  "NSW": "New South Wales", "the UAE": "United Arab Emirates", "UAE": "United Arab Emirates"}
# A generic word around a name: "the State of Texas", "the City of London", "Taipei City", "Ohio State".
_GENERIC = re.compile(
    r"^(?:the\s+)?(?:State|Province|City|Republic|Kingdom|Emirate|Region)\s+of\s+|\s+(?:City|State|Province)$"
)
def _qualifier(text: str, end: int) -> str | None:
    """The name after a comma that qualifies a place: "Paris, Texas" → "Texas"."""
    match = re.match(r",\s*((?:[A-Z][\w.'-]*)(?:\s+[A-Z][\w.'-]*){0,2})", text[end:end + 40])
    return match.group(1).rstrip(".,") if match else None


def _variants(name: str) -> list[str]:
    """The name, then its forms without a generic word: "the State of Texas", "Taipei City", "LA"."""
    out = [name, _ABBREVIATIONS.get(name, name)]
    core = _GENERIC.sub("", name).strip()
    if core and core != name:
        out.append(core)
    return out


def find_places(doc: Document, gazetteer: Gazetteer) -> tuple[Place, ...]:
    countries = document_countries(doc.entities, gazetteer)
    places: list[Place] = []
    for entity in doc.entities:
        if entity.label not in PLACE_LABELS:
            continue
        name = clean_name(entity.text)
        qualifier = None
        if "," in name:  # "Paris, Texas" as one entity
            name, _, qualifier = (part.strip() for part in name.partition(","))
        else:
            qualifier = _qualifier(doc.text, entity.end)
        found = None
        for variant in _variants(name):
            found = choose(variant, gazetteer, countries, qualifier)
            if found is not None:
                break
        if found is None and name.endswith((" D.C.", " DC")):
            found = choose(name.rsplit(" ", 1)[0], gazetteer, countries, "DC")
        if found is None:
            continue
        places.append(Place(text=entity.text, name=found.name, country=found.country, lat=found.lat,
                            lon=found.lon, start=entity.start, end=entity.end))
    return tuple(places)


class PlacesStage:
    name = "places"
    needs = frozenset({"text", "entities"})
    adds = frozenset({"places"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        return doc.with_(places=find_places(doc, ctx.resources.gazetteer))
