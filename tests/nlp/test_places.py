"""Places: offline geocoding and ambiguous names decided by the document (hand-built documents, no spaCy)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from communique.config import Config
from communique.kb.gazetteer import load_gazetteer
from communique.nlp.places import PlacesStage, find_places
from communique.pipeline import Context
from communique.record import Document, Entity, Place


def _doc(text: str, labelled: dict[str, str]) -> Document:
    """A document whose entities are every occurrence of each ``labelled`` name with its label."""
    entities = [
        Entity(text=name, label=label, start=m.start(), end=m.end())
        for name, label in labelled.items()
        for m in re.finditer(re.escape(name), text)
    ]
    entities.sort(key=lambda e: e.start)
    return Document(id="t", source="test", raw_text=text, text=text, entities=tuple(entities))


def _places(text: str, labelled: dict[str, str]) -> list[Place]:
    return list(find_places(_doc(text, labelled), load_gazetteer()))


def _first(places: list[Place], text: str) -> Place:
    return next(p for p in places if p.text == text)


def test_city_is_placed_in_its_country_with_coordinates() -> None:
    taipei = _first(_places("Crowds filled Taipei on Saturday.", {"Taipei": "GPE"}), "Taipei")
    assert (taipei.name, taipei.country) == ("Taipei", "TWN")
    assert taipei.lat == pytest.approx(25.05, abs=0.2) and taipei.lon == pytest.approx(121.5, abs=0.2)


def test_georgia_in_a_story_about_the_united_states_is_the_state() -> None:
    text = "The U.S. Senate race in Georgia drew voters from Atlanta. Texas and the U.S. watched Georgia."
    places = _places(text, {"U.S.": "GPE", "Georgia": "GPE", "Texas": "GPE", "Atlanta": "GPE"})
    georgia = _first(places, "Georgia")
    assert (georgia.name, georgia.country) == ("Georgia", "USA")
    assert georgia.lon is not None and georgia.lon < -80  # in North America


def test_georgia_in_a_story_about_the_caucasus_is_the_country() -> None:
    text = "Russia and Georgia clashed; Georgian troops withdrew as Russian forces advanced into Georgia."
    places = _places(text, {"Russia": "GPE", "Georgia": "GPE", "Georgian": "NORP", "Russian": "NORP"})
    georgia = _first(places, "Georgia")
    assert georgia.country == "GEO"
    assert georgia.lon is not None and georgia.lon > 40


def test_paris_qualified_by_a_state_is_the_us_city() -> None:
    text = "The tornado struck Paris, Texas on Monday."
    for labelled in ({"Paris, Texas": "GPE"}, {"Paris": "GPE", "Texas": "GPE"}):
        paris = next(p for p in _places(text, labelled) if p.text.startswith("Paris"))
        assert (paris.name, paris.country) == ("Paris", "USA")
        assert paris.lon is not None and paris.lon < -90


def test_unqualified_paris_is_the_largest_one() -> None:
    paris = _first(_places("Talks resumed in Paris.", {"Paris": "GPE"}), "Paris")
    assert paris.country == "FRA"


def test_city_in_a_country_the_document_names_beats_a_somewhat_larger_one_elsewhere() -> None:
    text = "In the United States, police in Birmingham said the United States would help."
    birmingham = _first(_places(text, {"United States": "GPE", "Birmingham": "GPE"}), "Birmingham")
    assert birmingham.country == "USA"
    alone = _first(_places("Police in Birmingham said.", {"Birmingham": "GPE"}), "Birmingham")
    assert alone.country == "GBR"


def test_country_short_forms_and_alternate_city_names_resolve() -> None:
    places = _places("The U.S. sent pilgrims to Mecca.", {"U.S.": "GPE", "Mecca": "GPE"})
    assert [(p.text, p.country) for p in places] == [("U.S.", "USA"), ("Mecca", "SAU")]


def test_metonymic_capital_is_still_a_place() -> None:
    beijing = _first(_places("Beijing warned Tokyo.", {"Beijing": "GPE", "Tokyo": "GPE"}), "Beijing")
    assert beijing.country == "CHN"


def test_regions_and_seas_are_placed_without_a_country() -> None:
    strait = _first(_places("Ships crossed the Taiwan Strait.", {"the Taiwan Strait": "LOC"}), "the Taiwan Strait")
    assert (strait.name, strait.country) == ("Taiwan Strait", None)
    assert strait.lat is not None


def test_unknown_names_and_non_place_labels_give_no_place() -> None:
    assert _places("Zorblax said that Japanese officials met.", {"Zorblax": "GPE", "Japanese": "NORP"}) == []


def test_place_offsets_are_the_entity_offsets() -> None:
    text = "From Taipei to Tokyo via Seoul."
    for place in _places(text, {"Taipei": "GPE", "Tokyo": "GPE", "Seoul": "GPE"}):
        assert text[place.start:place.end] == place.text


def test_stage_adds_places_layer() -> None:
    doc = _doc("Taipei and Tokyo.", {"Taipei": "GPE", "Tokyo": "GPE"})
    out = PlacesStage()(doc, Context(Config()))
    assert [p.country for p in out.places] == ["TWN", "JPN"]
    assert "entities" in PlacesStage.needs and PlacesStage.adds == frozenset({"places"})


def test_seed_article_places_taipei_in_taiwan(seed_record: Any) -> None:
    taipei = [p for p in seed_record.places if p.text == "Taipei"]
    assert taipei and all(p.country == "TWN" and p.lat is not None and p.lon is not None for p in taipei)


def test_canadian_province_is_a_place_and_qualifies_a_city() -> None:
    places = _places("Police in London, Ontario said Ontario would help.", {"London": "GPE", "Ontario": "GPE"})
    london = _first(places, "London")
    assert (london.name, london.country) == ("London", "CAN")
    assert {(p.name, p.country) for p in places if p.text == "Ontario"} == {("Ontario", "CAN")}


@pytest.mark.parametrize(
    ("mention", "name", "country"),
    [
        ("the State of Texas", "Texas", "USA"),
        ("Taipei City", "Taipei", "TWN"),
        ("L.A.", "Los Angeles", "USA"),
        ("NSW", "New South Wales", "AUS"),
        ("South East Asia", "Southeast Asia", None),
    ],
)
def test_generic_words_abbreviations_and_spellings_resolve(mention: str, name: str, country: str | None) -> None:
    place = _first(_places(f"They went to {mention} again.", {mention: "GPE"}), mention)
    assert (place.name, place.country) == (name, country)
