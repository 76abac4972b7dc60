"""The GUM scorers on tiny GUM-shaped data: dates end to end, entities and linking on hand-built documents."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from communique.evaluate import EvaluationError, evaluate, resolve_dataset
from communique.evaluate.dates import gold_interval, value_interval
from communique.evaluate.entities import is_named, score_document
from communique.evaluate.gum import GumDoc, load_gum
from communique.record import Actor, Document, Entity, Place


def _span(text: str, part: str, **extra: Any) -> dict[str, Any]:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part, **extra}


def _write_gum(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2017", "year", (date(2017, 1, 1), date(2017, 12, 31))),
        ("2016-02", "month", (date(2016, 2, 1), date(2016, 2, 29))),
        ("2017-07-10", "week", (date(2017, 7, 10), date(2017, 7, 16))),
        ("2017-07-15", "weekend", (date(2017, 7, 15), date(2017, 7, 16))),
        ("2010-09-04T22:30:00", "", (date(2010, 9, 4), date(2010, 9, 4))),
    ],
)
def test_values_become_calendar_intervals(value: str, precision: str, expected: tuple[date, date]) -> None:
    assert value_interval(value, precision) == expected


def test_gold_range_and_open_bounds() -> None:
    assert gold_interval({"from": "2017-07-10", "to": "2017-07-16"}) == (date(2017, 7, 10), date(2017, 7, 16))
    assert gold_interval({"notBefore": "1994", "notAfter": "2008"}) is None


def test_dates_scorer_counts_detection_and_values(tmp_path: Path, nlp: Any) -> None:
    text = "Talks ended on Tuesday. They began in 2008 and ran for two years."
    gold = [
        _span(text, "Tuesday", attrs={"when": "2022-12-27"}),  # we resolve it right
        _span(text, "2008", attrs={"when": "2009"}),  # a value we get "wrong"
        _span(text, "two years", attrs={"notBefore": "2020", "notAfter": "2022"}),  # a duration: no date
    ]
    data = _write_gum(tmp_path / "toy_news" / "derived" / "toy.jsonl",
                      [{"doc": "d1", "meta": {"dateCreated": "2022-12-28"}, "text": text, "entities": [],
                        "dates": gold}])
    report = evaluate("dates", data)
    m = report.metrics
    assert (m["detection_precision"], m["detection_recall"]) == (1.0, pytest.approx(2 / 3))
    assert (m["value_accuracy"], m["value_recall"]) == (0.5, 0.5)
    assert m["value_accuracy_inferred_reference"] == 0.0  # no date in the text: "Tuesday" stays unresolved
    assert report.details == [{"doc": "d1", "text": "2008", "gold": {"when": "2009"}, "value": "2008"}]


def test_named_gold_mentions_are_the_ones_carrying_their_title_or_an_acronym() -> None:
    assert is_named({"identity": "Donald_Trump", "text": "U.S. President Donald Trump 's"})
    assert is_named({"identity": "United_States", "text": "the U.S."})
    assert not is_named({"identity": "Donald_Trump", "text": "The President"})
    assert not is_named({"identity": "Donald_Trump", "text": "He"})
    assert not is_named({"identity": None, "text": "Alice Smith"})


class _KB:
    """The one lookup the entity scorer uses, over a fixed table."""

    def __init__(self, hits: dict[str, Any]) -> None:
        self.hits = hits

    def lookup(self, text: str) -> list[Any]:
        return self.hits.get(text, [])


def test_entity_scores_by_type_overlap_and_linking() -> None:
    from communique.kb import Hit

    text = "Japanese Prime Minister Fumio Kishida visited Paris and met Acme staff."
    gum = GumDoc("d", text, "2023-01-01", (
        _span(text, "Japanese Prime Minister Fumio Kishida", etype="person", identity="Fumio_Kishida"),
        _span(text, "Paris", etype="place", identity="Paris"),
        _span(text, "Acme staff", etype="person", identity=None),
    ), ())
    entities = (
        Entity("Fumio Kishida", "PERSON", text.index("Fumio"), text.index(" visited"), actor="A1"),
        Entity("Paris", "ORG", text.index("Paris"), text.index("Paris") + 5),  # wrong type
        Entity("Acme", "ORG", text.index("Acme"), text.index("Acme") + 4),  # overlaps only a person
    )
    doc = Document(id="d", source="t", raw_text=text, text=text, entities=entities,
                   actors=(Actor("A1", "Fumio Kishida", "person", "JPN", "GOV", None, "kishida-fumio"),))
    kb = _KB({"Fumio Kishida": [Hit("person", "kishida-fumio", "JPN", "GOV")]})
    tally: Counter[str] = Counter()
    score_document(gum, doc, kb, tally)  # type: ignore[arg-type]
    assert (tally["PER:predicted_ok"], tally["PER:gold"], tally["PER:gold_found"]) == (1, 1, 1)
    assert (tally["ORG:predicted"], tally["ORG:predicted_ok"]) == (2, 0)
    assert (tally["LOC:gold"], tally["LOC:gold_found"]) == (1, 0)
    assert (tally["link:known"], tally["link:correct"]) == (1, 1)


def test_gum_reader_names_file_and_line_of_a_bad_record(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "a", "text": "x"}\n{"text": "no doc name"}\n')
    with pytest.raises(EvaluationError, match=r"bad.jsonl:2: not a GUM news record"):
        load_gum(bad)


def test_dataset_names_resolve_under_the_data_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _write_gum(tmp_path / "gum_news" / "derived" / "gum_news.jsonl", [])
    monkeypatch.setenv("COMMUNIQUE_DATA", str(tmp_path))
    assert resolve_dataset("gum-news") == data
    assert resolve_dataset(tmp_path / "gum_news") == data
    with pytest.raises(EvaluationError, match="no such dataset"):
        resolve_dataset("plover-gsr")


def test_place_resolution_is_judged_by_wikipedia_title() -> None:
    from communique.evaluate.places import resolved_right, title_of
    from communique.kb.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    makkah = Place("Mecca", "Makkah", "SAU", 21.42664, 39.82563, 0, 5)
    assert title_of("Irving%2C_Texas") == "Irving, Texas"
    assert resolved_right("Mecca", makkah, gazetteer)  # an alternate name of the place we chose
    assert not resolved_right("Medina", makkah, gazetteer)
    irving_tx = Place("Irving", "Irving", "USA", 32.81402, -96.94889, 0, 6)
    assert resolved_right("Irving, Texas", irving_tx, gazetteer)
    assert not resolved_right("Irving, France", irving_tx, gazetteer)
    assert resolved_right("Washington (state)", irving_tx, gazetteer) is None
    usa = Place("U.S.", "United States", "USA", 38.9, -77.0, 0, 4)
    assert resolved_right("United States", usa, gazetteer) and not resolved_right("Canada", usa, gazetteer)
