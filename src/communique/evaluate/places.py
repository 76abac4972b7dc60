"""Places on GUM news: how many named places are geocoded, and whether to the right place.

GUM gives each named place its Wikipedia title (``Irving%2C_Texas``, ``Taipei``), not coordinates,
so a resolution is judged by name:

* ``coverage``: share of the named gold place mentions (as in the entities scorer) overlapped by a
  predicted :class:`~communique.record.Place`.
* ``resolution_accuracy``: of those, the share whose place is the title's: a title naming a country
  must give that country (ISO3 through the knowledge base, or pycountry); any other title must equal
  the place's name or one of its gazetteer's alternate names ("Mecca" for Makkah), and a qualifier
  after its comma ("Irving, Texas", "Paris, France") must be the place's country (a state's, for a
  state). The predicted place judged is the first one inside the gold span (its head: "Sydney" of
  "Sydney, Australia"). Titles with a parenthesis ("Washington (state)",
  constituencies) are left out: a name alone cannot check them.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

from communique.evaluate import Report, fmt, ratio
from communique.evaluate.entities import is_named
from communique.evaluate.gum import load_gum, overlaps, run
from communique.evaluate.split import Part
from communique.kb.gazetteer import Gazetteer, load_gazetteer
from communique.record import Place


def title_of(identity: str) -> str:
    """A GUM identity as a Wikipedia title: ``Irving%2C_Texas`` -> ``Irving, Texas``."""
    return urllib.parse.unquote(identity).replace("_", " ")


def resolved_right(title: str, place: Place, gazetteer: Gazetteer) -> bool | None:
    """Is ``place`` the place ``title`` names? ``None`` when a name cannot tell."""
    if "(" in title:
        return None
    country = gazetteer.country_codes.get(title)
    if country is not None and not gazetteer.states.get(title):
        return place.country == country and place.name != "" and place.name in _names_of(country, gazetteer)
    name, _, qualifier = (part.strip() for part in title.partition(","))
    if name != place.name and not _also_called(name, place, gazetteer):
        return False
    if not qualifier:
        return True
    if qualifier in gazetteer.states:
        return place.country == gazetteer.states[qualifier][0]
    return place.country == gazetteer.country_codes.get(qualifier, place.country)


def _also_called(name: str, place: Place, gazetteer: Gazetteer) -> bool:
    """Is ``name`` another name of the very place we chose ("Mecca" for Makkah, "Genova" for Genoa)?"""
    return any(
        (c.name, c.country, c.lat, c.lon) == (place.name, place.country, place.lat, place.lon)
        for c in gazetteer.candidates(name)
    )


def _names_of(code: str, gazetteer: Gazetteer) -> set[str]:
    return {name for name, value in gazetteer.country_codes.items() if value == code}


def evaluate_places(path: Path, config: Any = None, part: Part = "all") -> Report:
    docs = load_gum(path, part)
    gazetteer = load_gazetteer()
    gold_total = covered = judged = right = 0
    details: list[dict[str, Any]] = []
    for gum, doc in zip(docs, run(docs, path, ("places",), config), strict=True):
        for gold in gum.entities:
            if gold["etype"] != "place" or not is_named(gold):
                continue
            gold_total += 1
            hits = [p for p in doc.places if overlaps(p.start, p.end, gold["start"], gold["end"])]
            if not hits:
                continue
            covered += 1
            place = min(hits, key=lambda p: (p.start, -p.end))  # the head of "Sydney, Australia" comes first
            title = title_of(str(gold["identity"]))
            verdict = resolved_right(title, place, gazetteer)
            if verdict is None:
                continue
            judged += 1
            right += verdict
            if not verdict:
                details.append({"doc": gum.name, "text": gold["text"], "title": title, "name": place.name,
                                "country": place.country})
    metrics = {"coverage": ratio(covered, gold_total), "resolution_accuracy": ratio(right, judged)}
    rows = [
        {"metric": "coverage", "score": metrics["coverage"], "counts": f"{covered}/{gold_total}"},
        {"metric": "resolution_accuracy", "score": metrics["resolution_accuracy"], "counts": f"{right}/{judged}"},
    ]
    summary = (f"places on {path.name}: {len(docs)} documents, coverage {fmt(metrics['coverage'])}, "
               f"resolution accuracy {fmt(metrics['resolution_accuracy'])} ({right}/{judged} judged by title)")
    return Report("places", "gum-news", metrics, rows, summary, len(docs), details=details)
