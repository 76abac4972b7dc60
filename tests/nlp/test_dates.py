"""Dates: every behaviour on its own small text, relative to a fixed reference date.

Most tests build the Document by hand (no spaCy); the tense tests that need the parse use the
session ``nlp`` fixture through the parse and entities stages.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique.nlp.dates import DatesStage, find_dates, infer_reference_date
from communique.nlp.reference_date import ReferenceDateStage
from communique.record import Document

REF = date(2022, 12, 28)  # a Wednesday


def _doc(text: str, published: str | None = None) -> Document:
    return Document(id="t", source="test", raw_text=text, text=text, published=published)


def _found(text: str, ref: date | None = REF) -> list[tuple[str, str, str]]:
    return [(d.text, d.value, d.precision) for d in find_dates(_doc(text), ref)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote was held on December 16.", ("December 16", "2022-12-16", "day")),
        ("She arrived on 16 December.", ("16 December", "2022-12-16", "day")),
        ("The minister spoke on Tuesday.", ("Tuesday", "2022-12-27", "day")),
        ("The minister spoke on Wednesday.", ("Wednesday", "2022-12-28", "day")),
        ("The talks will resume on Friday.", ("Friday", "2022-12-30", "day")),
        ("They meet again next Tuesday.", ("next Tuesday", "2023-01-03", "day")),
        ("They met last Tuesday.", ("last Tuesday", "2022-12-27", "day")),
        ("Troops moved in last week.", ("last week", "2022-12-19", "week")),
        ("The law passed three years ago.", ("three years ago", "2019", "year")),
        ("The treaty was signed in 2008.", ("2008", "2008", "year")),
        ("Prices rose earlier this month.", ("earlier this month", "2022-12", "month")),
        ("The strike began yesterday.", ("yesterday", "2022-12-27", "day")),
        ("The court rules today.", ("today", "2022-12-28", "day")),
        ("Exports fell this year.", ("this year", "2022", "year")),
        ("Exports fell last month.", ("last month", "2022-11", "month")),
        ("Elections are due next year.", ("next year", "2023", "year")),
        ("The ban was lifted two weeks ago.", ("two weeks ago", "2022-12-12", "week")),
        ("It happened a decade ago.", ("a decade ago", "2012", "year")),
        ("The fair opened this past week.", ("this past week", "2022-12-19", "week")),
        ("Crowds came last weekend.", ("last weekend", "2022-12-24", "weekend")),
        ("Protests grew over the weekend.", ("the weekend", "2022-12-24", "weekend")),
        ("Friday, July 21, 2017 A team won.", ("Friday, July 21, 2017", "2017-07-21", "day")),
        ("He joined in September 2010.", ("September 2010", "2010-09", "month")),
        ("Signed on 16 December 2022 in Tokyo.", ("16 December 2022", "2022-12-16", "day")),
        ("The deadline is 2023-03-01.", ("2023-03-01", "2023-03-01", "day")),
        ("Filed on 12/05/2022 in court.", ("12/05/2022", "2022-12-05", "day")),
        ("Filed on 25.12.2022 in court.", ("25.12.2022", "2022-12-25", "day")),
        ("Budgets are set at year end.", ("year end", "2022-12-31", "day")),
    ],
)
def test_date_expression_resolves_against_reference(text: str, expected: tuple[str, str, str]) -> None:
    assert _found(text) == [expected]


def test_month_day_in_past_narration_takes_last_year_early_in_january() -> None:
    assert _found("The ship sank on December 28.", date(2023, 1, 5)) == [("December 28", "2022-12-28", "day")]


def test_month_day_of_a_future_event_stays_in_reference_year() -> None:
    assert _found("The summit will take place on November 20.", date(2015, 5, 7)) == [
        ("November 20", "2015-11-20", "day")
    ]


def test_bare_month_after_preposition_is_a_month_of_the_reference_year() -> None:
    assert _found("The report was leaked in March.", date(2008, 8, 15)) == [("March", "2008-03", "month")]


@pytest.mark.parametrize(
    "text",
    [
        "The fighting went on for two years.",
        "The council meets every Monday.",
        "The council meets on Mondays.",
        "The ceasefire lasted two weeks.",
        "The figures are published weekly.",
        "Talks were held twice a year.",
        "Sales grew over the past 30 days.",
        "It was an 11-year sentence.",
        "Negotiations took several months.",
    ],
)
def test_durations_and_sets_are_not_dates(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "text",
    ["They may march on the capital.", "Some 2,000 people and 2000 troops came.", "Shops opened for Black Friday."],
)
def test_words_and_numbers_that_look_like_dates_are_not(text: str) -> None:
    assert _found(text) == []


def test_relative_expressions_stay_unresolved_without_reference_date() -> None:
    assert _found("The strike began yesterday, on Tuesday, after December 16.", None) == []


def test_absolute_dates_resolve_without_reference_date() -> None:
    assert _found("The treaty was signed on July 21, 2017 and revised in 2019.", None) == [
        ("July 21, 2017", "2017-07-21", "day"),
        ("2019", "2019", "year"),
    ]


def test_mention_offsets_index_the_text() -> None:
    text = "Talks began on Tuesday and ended on December 16, officials said yesterday."
    for mention in find_dates(_doc(text), REF):
        assert text[mention.start:mention.end] == mention.text


def test_reference_date_inferred_from_dateline_near_the_top() -> None:
    text = "Title of the story\nFriday, July 21, 2017\nA team won. Back on March 3, 2001 it was founded."
    assert infer_reference_date(text) == "2017-07-21"


def test_reference_date_inferred_from_most_frequent_full_date_when_none_at_top() -> None:
    filler = "Lorem ipsum dolor sit amet. " * 20
    text = filler + "On May 2, 2019 and May 2, 2019 again, but not on June 1, 2018."
    assert infer_reference_date(text) == "2019-05-02"


def test_no_reference_date_when_text_has_no_full_date() -> None:
    assert infer_reference_date("It rained on Tuesday in March.") is None


def test_stage_uses_published_date_as_reference(nlp: Any) -> None:
    from communique.config import Config
    from communique.pipeline import Context

    ctx = Context(Config())
    doc = DatesStage()(ReferenceDateStage()(_doc("The vote was held on Tuesday.", published="2022-12-28"), ctx), ctx)
    assert (doc.reference_date, doc.reference_date_inferred) == ("2022-12-28", False)
    assert [(d.value, d.precision) for d in doc.dates] == [("2022-12-27", "day")]


def test_stage_infers_and_marks_reference_date_when_not_published() -> None:
    from communique.config import Config
    from communique.pipeline import Context

    text = "Tokyo, 28 December 2022. The lawmaker visited on December 16."
    ctx = Context(Config())
    doc = DatesStage()(ReferenceDateStage()(_doc(text), ctx), ctx)
    assert (doc.reference_date, doc.reference_date_inferred) == ("2022-12-28", True)
    assert [d.value for d in doc.dates] == ["2022-12-28", "2022-12-16"]


def test_stage_without_any_reference_leaves_relative_dates_out() -> None:
    from communique.config import Config
    from communique.pipeline import Context

    ctx = Context(Config())
    doc = DatesStage()(ReferenceDateStage()(_doc("The strike began yesterday."), ctx), ctx)
    assert (doc.reference_date, doc.dates) == (None, ())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The referendum is to be held on Friday.", "2022-12-30"),
        ("Officials said on Friday that the border would stay closed.", "2022-12-23"),
        ("The committee is scheduled to vote on Friday.", "2022-12-30"),
    ],
)
def test_weekday_direction_follows_the_tense_of_its_verb(nlp: Any, text: str, value: str) -> None:
    from communique.config import Config
    from communique.nlp.entities import EntitiesStage
    from communique.nlp.parse import ParseStage
    from communique.pipeline import Context

    ctx = Context(Config())
    doc = _doc(text, published=REF.isoformat())
    for stage in (ParseStage(), EntitiesStage(), ReferenceDateStage(), DatesStage()):
        doc = stage(doc, ctx)
    assert [(d.text, d.value) for d in doc.dates] == [("Friday", value)]


def test_seed_article_dates_resolve_against_its_own_dateline(seed_record: Any) -> None:
    values = {(d.text, d.value) for d in seed_record.dates}
    assert {("December 16", "2022-12-16"), ("28 December 2022", "2022-12-28")} <= values
    assert seed_record.reference_date == "2022-12-28"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The council passed Resolution 2231 in 2015.", ["2015"]),
        ("Some 2000 people marched in 2008.", ["2008"]),
        ("Before the 2014 protests, the city was calm.", ["2014"]),
    ],
)
def test_year_like_numbers_the_parse_calls_something_else_are_not_years(nlp: Any, text: str, years: list[str]) -> None:
    from communique.config import Config
    from communique.nlp.entities import EntitiesStage
    from communique.nlp.parse import ParseStage
    from communique.pipeline import Context

    ctx = Context(Config())
    doc = _doc(text, published=REF.isoformat())
    for stage in (ParseStage(), EntitiesStage(), ReferenceDateStage(), DatesStage()):
        doc = stage(doc, ctx)
    assert [d.value for d in doc.dates] == years


_PIECES = ["on", "Tuesday", "last", "week", "December", "16", "2008", "in", "ago", "three", "years", "every",
           "Monday", ",", "May", "next", "the", "weekend", "yesterday", "12/05/2022", "for", "two", "x", "."]


@given(words=st.lists(st.sampled_from(_PIECES), max_size=25), day=st.integers(0, 3000))
def test_every_mention_is_a_valid_value_inside_the_text(words: list[str], day: int) -> None:
    text = " ".join(words)
    ref = date(2000, 1, 1) + timedelta(days=day)
    for mention in find_dates(_doc(text), ref):
        assert text[mention.start:mention.end] == mention.text
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", mention.value)
        if len(mention.value) == 10:
            date.fromisoformat(mention.value)
